"""What changed between two dates, and two organizations side by side (``geo.compare``).

On the shipped data, whose facts these tests name (Uzbekistan's exit from the CSTO, Armenia's
suspension, India and Pakistan in the SCO, the Organization of Turkic States).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo import compare, queries, tables
from geo.compare import changes, org_diff
from geo.i18n import LANGS, t
from geo.view import FIRST_DAY, View


@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    return tables.load()


def members(df: pd.DataFrame) -> list[tuple]:
    """(change, org, country, from, to, date) of the membership rows."""
    m = df[(df["org_id"] != "") & ~df["change"].str.startswith("org_")]
    return [(r.change, r.org_id, r.countries[0], r.from_status, r.to_status, r.date)
            for r in m.itertuples()]


def test_uzbekistan_suspended_then_left_the_csto(atlas) -> None:
    df = changes(atlas, "2011-07-01", "2013-07-01", ["CSTO"])
    assert members(df) == [
        ("suspended", "CSTO", "UZB", "member", "suspended", "2012-06-28"),
        ("left", "CSTO", "UZB", "suspended", "", "2012-12-19"),
    ]
    uzb = df[df["countries"] == ("UZB",)]
    assert list(uzb["day"]) == [pd.Timestamp("2012-06-28"), pd.Timestamp("2012-12-20")]
    assert set(uzb["source_id"]) <= set(atlas.sources["source_id"])
    assert all(uzb["locator"])


def test_either_order_of_the_dates_gives_the_same_changes(atlas) -> None:
    a = changes(atlas, "2011-07-01", "2013-07-01", ["CSTO", "SCO"])
    b = changes(atlas, dt.date(2013, 7, 1), dt.date(2011, 7, 1), ["CSTO", "SCO"])
    pd.testing.assert_frame_equal(a, b)
    assert compare.period("2013-07-01", "2011") == (dt.date(2011, 1, 1), dt.date(2013, 7, 1))


def test_armenia_suspended(atlas) -> None:
    df = changes(atlas, "2023-06-01", "2024-06-01", ["CSTO"])
    assert members(df) == [("suspended", "CSTO", "ARM", "member", "suspended", "2024-02-22")]


def test_india_and_pakistan_joined_the_sco(atlas) -> None:
    df = changes(atlas, "2016", "2018", ["SCO"])
    rows = members(df)
    assert ("joined", "SCO", "IND", "observer", "member", "2017-06-09") in rows
    assert ("joined", "SCO", "PAK", "observer", "member", "2017-06-09") in rows
    assert {r[2] for r in rows} == {"IND", "PAK"}


def test_the_changes_are_exactly_what_differs_between_the_two_dates(atlas) -> None:
    """Replaying the membership changes on the first date's statuses gives the second's."""
    orgs = ["CSTO", "SCO", "OTS", "CIS", "NATO"]
    for a, b in (("1995", "2005"), ("2011-07-01", "2013-07-01"), ("2000", "2024-06-01")):
        state = {(r.org_id, r.iso3): r.status for r in queries.status_on(atlas, a, orgs)
                 .itertuples()}
        df = changes(atlas, a, b, orgs)
        for r in df[df["org_id"] != ""].itertuples():
            if r.change == "org_dissolved":
                state = {k: v for k, v in state.items() if k[0] != r.org_id}
            elif not r.change.startswith("org_"):
                key = (r.org_id, r.countries[0])
                assert state.get(key, "") == r.from_status, (a, b, r)
                if r.to_status:
                    state[key] = r.to_status
                else:
                    state.pop(key)
        after = {(r.org_id, r.iso3): r.status for r in queries.status_on(atlas, b, orgs)
                 .itertuples()}
        assert state == after, (a, b)


def test_organizations_founded_in_between(atlas) -> None:
    df = changes(atlas, "2020", "2022", ["OTS", "TURKIC_COUNCIL"])
    founded = df[df["change"] == "org_founded"]
    assert list(founded["org_id"]) == ["OTS"]
    assert list(founded["date"]) == ["2021-11-12"]
    dissolved = df[df["change"] == "org_dissolved"]
    assert list(dissolved["org_id"]) == ["TURKIC_COUNCIL"]
    # OTS's founding members joined; the dissolved council's members are not listed as leaving
    joined = df[(df["change"] == "joined") & (df["org_id"] == "OTS")]
    assert {"KAZ", "KGZ", "UZB", "TUR", "AZE"} <= {c[0] for c in joined["countries"]}
    assert not ((df["change"] == "left") & (df["org_id"] == "TURKIC_COUNCIL")).any()


def test_links_that_began_and_ended(atlas) -> None:
    df = changes(atlas, "2021-01-01", "2022-12-31", [])
    began = df[df["change"] == "link_began"]
    row = began[began["ref"] == "rel-038"]
    assert len(row) == 1
    assert row.iloc[0]["date"] == "2021-12-22"
    assert row.iloc[0]["countries"] == ("KAZ", "RUS")
    # the Batken clashes of September 2022 began and ended in between
    assert {"link_began", "link_ended"} <= set(df.loc[df["ref"] == "rel-001", "change"])
    # a link active on both dates is not a change
    assert "rel-003" not in set(df["ref"])
    # only the kinds asked for; none with ()
    arms = changes(atlas, "2021-01-01", "2022-12-31", [], kinds=["arms_transfer"])
    assert set(arms["kind"]) == {"arms_transfer"}
    assert changes(atlas, "2021-01-01", "2022-12-31", [], kinds=()).empty


def test_events_only_when_asked(atlas) -> None:
    without = changes(atlas, "2024-01-01", "2024-12-31", ["CSTO"])
    with_events = changes(atlas, "2024-01-01", "2024-12-31", ["CSTO"], events=True)
    assert "event" not in set(without["change"])
    ev = with_events[with_events["change"] == "event"]
    assert len(ev) > 0
    assert set(ev["ref"]) <= set(atlas.events["event_id"])


def test_rows_are_oldest_first_and_nothing_changes_on_one_date(atlas) -> None:
    df = changes(atlas, "1991", "2024", ["CSTO", "SCO", "OTS"], events=True)
    assert df["day"].is_monotonic_increasing
    assert list(df.columns) == compare.COLUMNS
    same = changes(atlas, "2012-01-01", "2012-01-01", ["CSTO"], events=True)
    assert same.empty and list(same.columns) == compare.COLUMNS


def test_org_diff_csto_and_sco(atlas) -> None:
    df = org_diff(atlas, "2024-06-01", "CSTO", "SCO")
    side = dict(zip(df["iso3"], df["side"], strict=True))
    assert {side[i] for i in ("KAZ", "KGZ", "RUS", "TJK")} == {"both"}
    assert side["ARM"] == "both"  # suspended in the CSTO, partner of the SCO
    assert side["BLR"] == "both"  # member of the CSTO, observer of the SCO until July 2024
    assert {side[i] for i in ("CHN", "IND", "PAK", "IRN", "UZB")} == {"only_b"}
    assert "only_a" not in set(df["side"])
    arm = df[df["iso3"] == "ARM"].iloc[0]
    assert (arm["status_a"], arm["status_b"]) == ("suspended", "partner")
    assert list(df["side"]) == sorted(df["side"], key=["both", "only_a", "only_b"].index)
    # and the other way round
    flipped = org_diff(atlas, "2024-06-01", "SCO", "CSTO")
    assert set(flipped.loc[flipped["side"] == "only_a", "iso3"]) == \
        set(df.loc[df["side"] == "only_b", "iso3"])


def test_org_diff_after_uzbekistan_left(atlas) -> None:
    before = org_diff(atlas, "2011-07-01", "CSTO", "SCO")
    after = org_diff(atlas, "2013-07-01", "CSTO", "SCO")
    assert before.set_index("iso3").at["UZB", "side"] == "both"
    assert after.set_index("iso3").at["UZB", "side"] == "only_b"


@pytest.mark.parametrize("lang", LANGS)
def test_translated_tables(atlas, lang: str) -> None:
    raw = changes(atlas, "2011-07-01", "2024-06-01", ["CSTO", "SCO"], events=True)
    table = compare.changes_table(atlas, raw, lang)
    assert len(table) == len(raw)
    assert list(table.columns)[:3] == [t("col_date", lang), t("col_change", lang),
                                       t("col_what", lang)]
    assert not [c for c in table.columns if "⟨" in c]
    cells = table.astype(str).to_numpy().ravel()
    assert not [c for c in cells if "⟨" in c], "untranslated label"
    uzb = "Uzbekistan" if lang == "en" else "Ouzbékistan"
    assert set(table.loc[table[t("col_country", lang)] == uzb, t("col_change", lang)]) >= {
        t("change_suspended", lang), t("change_left", lang)}
    assert t("change_event", lang) in set(table[t("col_change", lang)])
    diff = compare.org_diff_table(atlas, "2024-06-01", "CSTO", "SCO", lang)
    assert len(diff) == len(org_diff(atlas, "2024-06-01", "CSTO", "SCO"))
    assert t("cmp_side_only", lang, org="OCS" if lang == "fr" else "SCO") in set(
        diff[t("cmp_col_side", lang)])
    empty = compare.changes_table(atlas, raw.iloc[0:0], lang)
    assert empty.empty and list(empty.columns) == list(table.columns)


# --- the two maps ------------------------------------------------------------------------------

def test_dual_map_needs_no_sync_plugin_and_keeps_the_maps_in_step(atlas) -> None:
    from geo import layers
    from geo.dualmap import SyncedDualMap

    m = layers.dual_map(atlas, "en")
    assert isinstance(m, SyncedDualMap)
    assert SyncedDualMap.default_js == []  # folium's DualMap fetches Leaflet.Sync from a CDN
    html = m.get_root().render()
    assert "Leaflet.Sync" not in html and "L.Map.Sync" not in html
    assert ".sync(" not in html
    assert "setView(src.getCenter(), src.getZoom()" in html
    # both maps carry the countries
    assert html.count('"iso3": "UZB"') >= 2


def test_dual_layers_put_each_view_on_its_map(atlas) -> None:
    from geo import layers
    from geo.dualmap import OnSecondMap
    from geo.view import View

    a = View(date=dt.date(2011, 7, 1), orgs=("CSTO",))
    b = View(date=dt.date(2013, 7, 1), orgs=("CSTO",))
    groups = layers.dual_layers(atlas, a, b)
    *left, right = groups
    assert [g.layer_name for g in left] == [g.layer_name for g in layers.map_layers(atlas, a)]
    carried = [c for c in right._children.values() if not isinstance(c, OnSecondMap)]
    (mover,) = [c for c in right._children.values() if isinstance(c, OnSecondMap)]
    assert mover.groups == carried and all(not g.show for g in carried)
    assert list(right._children.values())[-1] is mover  # defined after the groups it moves
    ids: list[str] = []

    def walk(e) -> None:
        ids.append(e._id)
        for c in e._children.values():
            walk(c)

    for g in groups:
        walk(g)
    assert len(ids) == len(set(ids)), "two elements share a JavaScript name"
    # the same views give the same script (so a rerun does not redraw the maps)
    again = layers.dual_layers(atlas, a, b)
    assert [g._id for g in again] == [g._id for g in groups]


# --- the page's plan ---------------------------------------------------------------------------

def test_plan_defaults_to_two_dates_csto_and_sco() -> None:
    today = dt.date(2026, 12, 4)
    p = compare.plan(View(date=dt.date(2012, 9, 1), orgs=()), ["CST", "CSTO", "SCO"], today)
    assert (p.view.cmp, p.view.date_b, p.org_a, p.org_b) == ("dates", today, "CSTO", "SCO")
    assert p.view_a == p.view and p.view_b.date == today
    assert compare.csv_name(p) == "atlas-changes-2012-09-01-2026-12-04-en.csv"
    # a date within the last year: the second date ten years earlier (day 28 at most)
    assert compare.default_date_b(dt.date(2026, 5, 31), today) == dt.date(2016, 5, 28)
    assert compare.default_date_b(dt.date(1995, 1, 1), dt.date(1995, 6, 1)) == FIRST_DAY


def test_plan_two_organizations_and_what_the_view_names() -> None:
    view = View(date=dt.date(2024, 6, 1), orgs=("OTS", "CSTO"), orgs_b=("FOO",), cmp="orgs",
                lang="fr")
    p = compare.plan(view, ["CSTO", "SCO", "OTS"], dt.date(2026, 1, 1))
    assert (p.org_a, p.org_b, p.options) == ("OTS", "FOO", ["CSTO", "SCO", "OTS", "FOO"])
    assert p.view_a.orgs == ("OTS",) and p.view_b.orgs == ("FOO",) and p.view.date_b is None
    assert compare.csv_name(p) == "atlas-OTS-FOO-2024-06-01-fr.csv"


def test_plan_keeps_the_range_on_the_right_only_when_it_fits() -> None:
    view = View(date=dt.date(2020, 1, 1), start=dt.date(2015, 1, 1), date_b=dt.date(2010, 1, 1))
    assert compare.plan(view, ["CSTO", "SCO"], dt.date(2026, 1, 1)).view_b.start is None
    view = View(date=dt.date(2020, 1, 1), start=dt.date(2015, 1, 1), date_b=dt.date(2018, 1, 1))
    p = compare.plan(view, ["CSTO", "SCO"], dt.date(2026, 1, 1))
    assert p.view_b.start == dt.date(2015, 1, 1) and p.view_b.date == dt.date(2018, 1, 1)
