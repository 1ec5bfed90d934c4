"""What a view shows, grouped as the map draws it: one line per pair and kind, one marker per
place and kind (geo.shown.link_groups, event_groups), and those groups on the map."""

from __future__ import annotations

import datetime as dt
import re

import folium
import pandas as pd
import pytest

from geo import layers, tables
from geo.mapjs import Links
from geo.shown import LISTED, event_groups, link_groups, view_events, view_links
from geo.view import View


def links(*rows: tuple) -> pd.DataFrame:
    cols = ["relation_id", "kind", "iso3_a", "iso3_b", "directed", "start", "end"]
    return pd.DataFrame(rows, columns=cols)


def test_undirected_links_either_way_are_one_line() -> None:
    g = link_groups(links(("r1", "border_agreement", "KGZ", "TJK", False, "2021", "2022"),
                          ("r2", "border_agreement", "TJK", "KGZ", False, "2024-07-30", "")))
    assert len(g) == 1
    row = g.iloc[0]
    assert row["count"] == 2 and row["start"] == "2021" and row["end"] == ""  # one still open
    assert [r["relation_id"] for r in row["rows"]] == ["r2", "r1"]  # latest first


def test_directed_links_keep_their_direction_and_kinds_stay_apart() -> None:
    g = link_groups(links(("r1", "arms_transfer", "RUS", "IND", True, "2010", "2012"),
                          ("r2", "arms_transfer", "IND", "RUS", True, "2011", "2013"),
                          ("r3", "arms_transfer", "RUS", "IND", True, "2015", "2016"),
                          ("r4", "joint_exercise", "RUS", "IND", False, "2015", "2015")))
    got = {(r.iso3_a, r.iso3_b, r.kind): (r.count, r.start, r.end) for r in g.itertuples()}
    assert got == {("RUS", "IND", "arms_transfer"): (2, "2010", "2016"),
                   ("IND", "RUS", "arms_transfer"): (1, "2011", "2013"),
                   ("RUS", "IND", "joint_exercise"): (1, "2015", "2015")}


def test_no_links_no_groups() -> None:
    assert link_groups(links()).empty and event_groups(pd.DataFrame(
        columns=["kind", "lat", "lon", "place", "start"])).empty


def test_events_group_by_place_and_kind() -> None:
    ev = pd.DataFrame({"event_id": ["e1", "e2", "e3"], "kind": ["summit", "summit", "exercise"],
                       "lat": [51.17, 51.17, 51.17], "lon": [71.45, 71.45, 71.45],
                       "place": ["Astana"] * 3, "start": ["2023", "2024", "2024"]})
    g = event_groups(ev)
    assert sorted(zip(g["kind"], g["count"], strict=True)) == [("exercise", 1), ("summit", 2)]
    assert [r["event_id"] for r in g.set_index("kind").at["summit", "rows"]] == ["e2", "e1"]


@pytest.fixture(scope="module")
def scaled(tmp_path_factory) -> tables.Atlas:
    """The shipped data with every relation and event 12 times (bench.synth), loaded."""
    from bench.synth import make_scaled

    d = tmp_path_factory.mktemp("x12")
    make_scaled(12, d)
    atlas = tables.load(d)
    assert not atlas.problems, atlas.problems[:3]
    return atlas


def test_many_links_of_a_pair_are_one_line_listing_the_latest(scaled) -> None:
    view = View(date=dt.date(2022, 10, 1), orgs=(), show=("events",))
    shown = view_links(scaled, view)
    groups = {g.layer_name: g for g in layers.map_layers(scaled, view)}
    specs = next(e for e in groups["links"]._children.values() if isinstance(e, Links)).data
    assert len(specs) == len(link_groups(shown)) < len(shown) / 3
    listed = [s["popup"] for s in specs if "more: see the Relations page" in s["popup"]]
    assert listed, "a pair with more than five links says how many are not listed"
    # the line's own table, then one per listed link
    assert all(p.count("<table>") == 1 + LISTED for p in listed)
    assert any(re.search(r" · \d+ links$", s["tip"]) for s in specs)
    m = folium.Map(tiles=None)
    for g in groups.values():
        g.add_to(m)
    html = m.get_root().render()
    # and events: one marker per place and kind, with its number
    ev = view_events(scaled, view)
    assert (event_groups(ev)["count"] > 1).any()
    assert html.count('class=\\"atlas-count\\"') == int((event_groups(ev)["count"] > 1).sum())
