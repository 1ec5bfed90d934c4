"""The shared country outlines (geo.shapes): encoding, the published file, linked vs inline."""

from __future__ import annotations

import json
import re

import folium
import pytest

from geo import layers, shapes, tables
from geo.shapes import SCALE, ShapeLayer, Shapes


@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    return tables.load()


def decode(rings: list[list[list[int]]]) -> list[list[list[tuple[float, float]]]]:
    """What the page's decoder does (geo.shapes._DECODER), in Python."""
    out = []
    for poly in rings:
        polys = []
        for flat in poly:
            x = y = 0
            pts = []
            for dx, dy in zip(flat[::2], flat[1::2], strict=True):
                x, y = x + dx, y + dy
                pts.append((x / SCALE, y / SCALE))
            polys.append(pts)
        out.append(polys)
    return out


def test_encoding_round_trips_at_the_display_precision(atlas) -> None:
    for iso, geom in shapes.display_shapes(atlas).items():
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        back = decode(shapes.encode(geom))
        assert len(back) == len(polys), iso
        for got, want in zip(back, polys, strict=True):
            for ring_got, ring_want in zip(got, want, strict=True):
                assert ring_got == [(round(x * SCALE) / SCALE, round(y * SCALE) / SCALE)
                                    for x, y in ring_want], iso


def test_script_holds_every_country_and_is_smaller_than_geojson(atlas) -> None:
    script = shapes.shapes_script(atlas)
    data = json.loads(re.search(r"\}\)\(\"[0-9a-f]+\", (\{.*\})\);\s*$", script, re.S)[1])
    assert set(data) == set(atlas.borders["iso3"])
    geojson = json.dumps(shapes.display_shapes(atlas), separators=(",", ":"))
    assert len(script) < 0.6 * len(geojson)


def test_published_once_under_the_static_prefix(atlas, tmp_path) -> None:
    url = shapes.publish(atlas, tmp_path, "/atlas/app/static")
    key = shapes.shapes_key(atlas)
    assert url == f"/atlas/app/static/atlas/shapes-{key}.js"
    path = tmp_path / "atlas" / f"shapes-{key}.js"
    assert path.read_text(encoding="utf-8") == shapes.shapes_script(atlas)
    stamp = path.stat().st_mtime_ns
    assert shapes.publish(atlas, tmp_path, "/x") == f"/x/atlas/shapes-{key}.js"
    assert path.stat().st_mtime_ns == stamp  # not rewritten


def test_unwritable_static_folder_gives_no_url(atlas, tmp_path) -> None:
    blocked = tmp_path / "static"
    blocked.write_text("a file where the folder should be")  # even root cannot mkdir here
    assert shapes.publish(atlas, blocked, "/app/static") is None


def test_linked_outlines_are_a_script_url_not_data(atlas) -> None:
    m = folium.Map(tiles=None)
    Shapes(atlas, "/app/static/atlas/shapes-x.js").add_to(m)
    html = m.get_root().render()
    assert '<script src="/app/static/atlas/shapes-x.js"></script>' in html
    assert "ATLAS_SHAPES" not in html


def test_inline_outlines_are_in_the_page(atlas) -> None:
    m = layers.base_map(atlas, "en", inline_shapes=True)
    html = m.get_root().render()
    assert "shapes-" not in html and shapes.shapes_script(atlas) in html


def test_layers_carry_codes_not_coordinates(atlas) -> None:
    layer = ShapeLayer(shapes.shapes_key(atlas), [
        {"iso3": "KAZ", "tip": "Kazakhstan", "popup": "", "style": {"color": "#000"}}])
    fg = folium.FeatureGroup().add_child(layer)
    m = folium.Map(tiles=None).add_child(fg)
    html = m.get_root().render()
    assert '"iso3": "KAZ"' in html and "coordinates" not in html
    assert json.dumps(shapes.shapes_key(atlas)) in html
