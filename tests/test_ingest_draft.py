"""The draft map of accepted rows: its folium objects and the HTML they render."""

from __future__ import annotations

import re
from dataclasses import replace

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
                       "directed": "true", "start": "2026-02", "locator": HOSTILE}],
        "memberships": [{"iso3": "TJK", "org_id": "CSTO", "status": "suspended",
                         "start": "2026-01"}],
        "events": [{"participants": "UZB;KGZ", "kind": "joint_exercise", "name": HOSTILE,
                    "start": "", "place": "", "lat": "", "lon": ""}],
    }


def test_draws_each_row_in_the_draft_style_and_names_its_countries(atlas) -> None:
    m = draft_map(rows(), atlas, "Brouillon", "fr")
    lines = [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    drawn = [c for g in lines for c in g._children.values()]
    assert sum(isinstance(c, folium.PolyLine) for c in drawn) == 1
    assert sum(isinstance(c, folium.CircleMarker) for c in drawn) == 3  # end, event, member
    assert all(c.options.get("className") == "atlas-draft" for c in drawn)
    assert all(c.options.get("color") == DRAFT_COLOR for c in drawn)
    # every country for orientation, those the draft names darker
    shapes = next(c for c in m._children.values() if isinstance(c, folium.GeoJson))
    drawn = {f["properties"]["iso3"] for f in shapes.data["features"]}
    assert {"RUS", "KAZ", "TJK", "UZB", "KGZ", "CHN", "IRN", "AFG", "TKM"} <= drawn
    assert not drawn & {"USA", "BRA", "AUS"}, "the region, not the world"
    dark = {f["properties"]["iso3"] for f in shapes.data["features"]
            if shapes.style_function(f)["color"] != shapes.style_function(
                {"properties": {"iso3": "---"}})["color"]}
    assert dark == {"RUS", "KAZ", "TJK", "UZB", "KGZ"}
    # and only those are named, in the page's language
    names = [c.icon.options["html"] if hasattr(c.icon, "options") else c.icon.html
             for c in m._children.values() if isinstance(c, folium.Marker)]
    said = sorted(re.sub(r"<[^>]+>", "", h) for h in names)
    assert said == ["Kazakhstan", "Kirghizistan", "Ouzbékistan", "Russie", "Tadjikistan"]


def test_tooltips_use_the_page_words(atlas) -> None:
    words = {"arms_transfer": "Transfert d'armes", "suspended": "suspendu", "CSTO": "OTSC"}
    html = draft_map(rows(), atlas, "Brouillon", "fr", words).get_root().render()
    plain = re.sub(r"\\u([0-9a-f]{4})", lambda c: chr(int(c.group(1), 16)), html)
    assert "Transfert d&#x27;armes · Russie → Kazakhstan · 2026-02" in plain
    assert "OTSC · Tadjikistan · suspendu" in plain
    assert "arms_transfer" not in plain


def test_frames_the_rows_and_leaves_the_wheel_to_the_page(atlas) -> None:
    html = draft_map(rows(), atlas).get_root().render()
    assert re.search(r'"scrollWheelZoom": false', html)
    box = re.search(r"fitBounds\(\s*\[\[([-\d.]+), ([-\d.]+)\], \[([-\d.]+), ([-\d.]+)\]\]", html)
    assert box, "the map is framed on the rows"
    south, west, north, east = map(float, box.groups())
    cs = atlas.countries.set_index("iso3")
    for iso3 in ("RUS", "KAZ", "TJK", "UZB"):
        lat, lon = cs.loc[iso3, ["lat", "lon"]].astype(float)
        assert south < lat < north and west < lon < east, iso3


def test_text_from_the_article_is_escaped(atlas) -> None:
    html = draft_map(rows(), atlas).get_root().render()
    # tooltips are JSON strings: a tag would come as "<img" or "\\u003cimg", text as "&lt;img"
    plain = html.replace("\\u0026", "&").replace("\\u003c", "<")
    assert "<img" not in plain
    assert plain.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") == 2


def test_an_empty_draft_shows_the_region_unnamed(atlas) -> None:
    m = draft_map({}, atlas)
    html = m.get_root().render()
    assert "fitBounds" in html and "atlas-draft-name" not in html.split("<body>")[-1]
    assert "atlas-draft\"" not in html and "className\": \"atlas-draft" not in html
    shapes = next(c for c in m._children.values() if isinstance(c, folium.GeoJson))
    assert {"KAZ", "UZB", "IRN"} <= {f["properties"]["iso3"] for f in shapes.data["features"]}
    assert len(html) < 400_000, "the region at display resolution, not the world in full"
    box = re.search(r"fitBounds\(\s*\[\[([-\d.]+), ([-\d.]+)\], \[([-\d.]+), ([-\d.]+)\]\]", html)
    south, west, north, east = map(float, box.groups())
    cs = atlas.countries.set_index("iso3")
    for iso3 in ("KAZ", "UZB", "TKM", "KGZ", "TJK"):
        lat, lon = cs.loc[iso3, ["lat", "lon"]].astype(float)
        assert south < lat < north and west < lon < east, iso3
    assert north - south <= 25, "Central Asia, not Europe to the Pacific, in a 420 px map"


def test_a_country_name_from_the_data_is_escaped(atlas) -> None:
    countries = atlas.countries.copy()
    countries.loc[countries["iso3"] == "KAZ", "name_en"] = HOSTILE
    html = draft_map(rows(), replace(atlas, countries=countries)).get_root().render()
    plain = html.replace("\\u0026", "&").replace("\\u003c", "<")
    assert "<img" not in plain and "&lt;img src=x" in plain
