"""Committed borders.geojson and countries.csv, and the TopoJSON decoder behind them."""

import csv
import json
from pathlib import Path

import pycountry
import pytest
import shapely
from shapely.geometry import Point, shape

from geo.borders import load_borders
from tools.build_borders import build_features, decode_arcs

DATA = Path(__file__).resolve().parent.parent / "data"
CENTRAL_ASIA = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "RUS", "CHN", "IRN", "PAK", "MNG"]


@pytest.fixture(scope="module")
def borders():
    return load_borders(DATA).set_index("iso3").geometry


@pytest.fixture(scope="module")
def countries():
    with (DATA / "countries.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_file_small_and_sorted():
    path = DATA / "borders.geojson"
    assert path.stat().st_size <= 1.5e6
    codes = [f["properties"]["iso3"] for f in json.loads(path.read_text())["features"]]
    assert codes == sorted(codes)


def test_codes(borders):
    assert borders.index.is_unique
    for code in borders.index:
        assert code == "XKX" or pycountry.countries.get(alpha_3=code), code
    assert {"FRA", "NOR", "XKX", "CXR", "CCK", *CENTRAL_ASIA} <= set(borders.index)
    assert borders["FRA"].contains(Point(2.35, 46.5))
    assert borders["NOR"].contains(Point(9.0, 61.0))


def test_geometries_valid(borders):
    assert all(g.is_valid and not g.is_empty for g in borders)
    assert set(borders.geom_type) <= {"Polygon", "MultiPolygon"}
    x0, y0, x1, y1 = shapely.total_bounds(borders.values)
    assert x0 >= -180 and x1 <= 180 and y0 >= -90 and y1 <= 90


def test_dissolved_features(borders):
    assert borders["CYP"].contains(Point(33.6, 35.25))  # N. Cyprus
    assert borders["SOM"].contains(Point(44.06, 9.56))  # Hargeisa (Somaliland)
    assert borders["IND"].contains(Point(77.1, 35.4))  # Siachen Glacier
    assert borders["CXR"].centroid.x > 100 > borders["CCK"].centroid.x


def test_antimeridian_countries_not_smeared(borders):
    """Russia and Fiji must not span the globe as one polygon over the Atlantic."""
    assert not borders["RUS"].contains(Point(0, 60))
    assert borders["RUS"].contains(Point(178, 67))
    assert borders["FJI"].area < 3


@pytest.mark.parametrize("a,b", [("KAZ", "KGZ"), ("KGZ", "TJK"), ("UZB", "TJK"),
                                 ("RUS", "KAZ"), ("UZB", "KGZ"), ("TKM", "UZB")])
def test_neighbours_share_borders(borders, a, b):
    assert borders[a].boundary.intersection(borders[b].boundary).length > 1
    assert borders[a].intersection(borders[b]).area < 1e-6


def test_no_overlaps(borders):
    geoms = borders.values
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    keep = left < right
    areas = shapely.area(shapely.intersection(geoms[left[keep]], geoms[right[keep]]))
    assert areas.max() < 1e-6


def test_load_borders_cached(borders):
    a, b = load_borders(DATA), load_borders(DATA)
    assert a is not b and a.equals(b)
    assert list(a.columns) == ["iso3", "name", "geometry"] and a.crs.to_epsg() == 4326


# -- TopoJSON decoding on hand-made topologies ---------------------------------

TWO_SQUARES = {  # [0,1]x[0,1] and [1,2]x[0,1] sharing arc 0: x=1 from y=0 to y=1
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [[[2, 0], [0, 2]],
             [[2, 2], [-2, 0], [0, -2], [2, 0]],
             [[2, 0], [2, 0], [0, 2], [-2, 0]],
             [[10, 10], [1, 0], [0, 1], [-1, 0], [0, -1]]],
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "id": "398", "properties": {"name": "Kazakhstan"},
         "arcs": [[0, 1]]},
        {"type": "Polygon", "id": "417", "properties": {"name": "Kyrgyzstan"},
         "arcs": [[2, -1]]},
        {"type": "Polygon", "id": "-99", "properties": {"name": "France"}, "arcs": [[3]]},
    ]}},
}


def test_decode_arcs():
    arcs = decode_arcs(TWO_SQUARES)
    assert arcs[0] == [(11.0, 20.0), (11.0, 21.0)]
    assert arcs[1] == [(11.0, 21.0), (10.0, 21.0), (10.0, 20.0), (11.0, 20.0)]


def test_build_two_squares():
    feats = {f["properties"]["iso3"]: f for f in build_features(TWO_SQUARES, 0.01)}
    assert sorted(feats) == ["FRA", "KAZ", "KGZ"]
    kaz, kgz = shape(feats["KAZ"]["geometry"]), shape(feats["KGZ"]["geometry"])
    assert kaz.area == kgz.area == 1 and kaz.bounds == (10, 20, 11, 21)
    assert kaz.intersection(kgz).length == 1 and kaz.intersection(kgz).area == 0
    assert feats["KGZ"]["properties"]["name"] == "Kyrgyzstan"


def test_build_antimeridian_ring():
    topo = {"type": "Topology", "arcs": [[[179, 0], [-179, 0], [-179, 1], [179, 1], [179, 0]]],
            "objects": {"countries": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "id": "643", "properties": {"name": "Russia"},
                 "arcs": [[0]]}]}}}
    g = shape(build_features(topo)[0]["geometry"])
    assert g.geom_type == "MultiPolygon" and g.area == pytest.approx(2)
    assert g.bounds == (-180, 0, 180, 1)


# -- countries.csv ------------------------------------------------------------

def test_countries_columns_and_codes(countries, borders):
    assert list(countries[0]) == ["iso3", "name_en", "name_fr", "capital", "lat", "lon",
                                  "anchor", "note"]
    codes = [r["iso3"] for r in countries]
    assert len(codes) == len(set(codes)) and set(codes) == set(borders.index)


def test_countries_anchors_near_borders(countries, borders):
    for r in countries:
        assert r["anchor"] in ("capital", "interior")
        assert (r["anchor"] == "capital") == bool(r["capital"]), r["iso3"]
        assert borders[r["iso3"]].distance(Point(float(r["lon"]), float(r["lat"]))) <= 1.0
        assert len(r["lat"].split(".")[-1]) <= 4


def test_country_names(countries):
    rows = {r["iso3"]: r for r in countries}
    assert rows["KAZ"]["capital"] == "Astana"
    assert rows["KGZ"]["name_fr"] == "Kirghizistan"
    assert (rows["RUS"]["name_en"], rows["RUS"]["name_fr"]) == ("Russia", "Russie")
    assert rows["XKX"]["name_en"] == "Kosovo"
    for r in countries:  # short forms, not "Korea, Republic of" or "(Dutch part)"
        for name in (r["name_en"], r["name_fr"]):
            assert name and "," not in name and "(" not in name, name
