"""The draft map of accepted rows: its folium objects and the HTML they render."""

from __future__ import annotations

import re

import folium
import pytest

from geo import tables
from geo.ingest.draft import DRAFT_COLOR, draft_map

HOSTILE = '<img src=x onerror="alert(1)">'


@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    return tables.load()


def rows() -> dict[str, list[dict]]:
    return {
        "relations": [{"iso3_a": "RUS", "iso3_b": "KAZ", "kind": "arms_transfer",
                       "start": "2026-02", "locator": HOSTILE}],
        "memberships": [{"iso3": "TJK", "org_id": "CSTO", "status": "suspended",
                         "start": "2026-01"}],
        "events": [{"participants": "UZB;KGZ", "kind": "joint_exercise", "name": HOSTILE,
                    "start": "", "place": "", "lat": "", "lon": ""}],
    }


def test_draws_each_row_in_the_draft_style_and_outlines_only_named_countries(atlas) -> None:
    m = draft_map(rows(), atlas.countries, atlas.borders, "Draft")
    lines = [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    drawn = [c for g in lines for c in g._children.values()]
    assert sum(isinstance(c, folium.PolyLine) for c in drawn) == 1
    assert sum(isinstance(c, folium.CircleMarker) for c in drawn) == 3  # end, event, member
    assert all(c.options.get("className") == "atlas-draft" for c in drawn)
    assert all(c.options.get("color") == DRAFT_COLOR for c in drawn)
    shapes = [c for c in m._children.values() if isinstance(c, folium.GeoJson)]
    assert len(shapes) == 1
    named = {f["properties"]["iso3"] for f in shapes[0].data["features"]}
    assert named == {"RUS", "KAZ", "TJK", "UZB", "KGZ"}


def test_frames_the_rows_and_leaves_the_wheel_to_the_page(atlas) -> None:
    html = draft_map(rows(), atlas.countries, atlas.borders).get_root().render()
    assert re.search(r'"scrollWheelZoom": false', html)
    box = re.search(r"fitBounds\(\s*\[\[([-\d.]+), ([-\d.]+)\], \[([-\d.]+), ([-\d.]+)\]\]", html)
    assert box, "the map is framed on the rows"
    south, west, north, east = map(float, box.groups())
    cs = atlas.countries.set_index("iso3")
    for iso3 in ("RUS", "KAZ", "TJK", "UZB"):
        lat, lon = cs.loc[iso3, ["lat", "lon"]].astype(float)
        assert south < lat < north and west < lon < east, iso3


def test_text_from_the_article_is_escaped(atlas) -> None:
    html = draft_map(rows(), atlas.countries, atlas.borders).get_root().render()
    # tooltips are JSON strings: a tag would come as "<img" or "\\u003cimg", text as "&lt;img"
    plain = html.replace("\\u0026", "&").replace("\\u003c", "<")
    assert "<img" not in plain
    assert plain.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") == 2


def test_an_empty_draft_is_an_unframed_map(atlas) -> None:
    html = draft_map({}, atlas.countries, atlas.borders).get_root().render()
    assert "fitBounds" not in html
    assert "atlas-draft" not in html
