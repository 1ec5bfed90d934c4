"""Build ``data/borders.geojson`` from Natural Earth 1:50m (npm ``world-atlas@2``).

Run ``python -m tools.build_borders [--topojson PATH]``. Arcs are simplified one by
one (not polygon by polygon) so neighbours that share an arc keep an identical
border: no gaps or slivers appear between countries.

Code choices that are not plain ISO 3166-1 (Natural Earth features without a
usable numeric id):

* Kosovo -> ``XKX``, the user-assigned code used by the EU and the IMF.
* Somaliland -> ``SOM`` and N. Cyprus -> ``CYP``: internationally recognised
  as parts of those states.
* Siachen Glacier -> ``IND``: administered by India; the area is disputed.
* Ashmore and Cartier Is. shares id 036 with Australia -> ``AUS``.
* Indian Ocean Ter. is split: Christmas Island (lon > 100) -> ``CXR``,
  Cocos (Keeling) Islands -> ``CCK``.
* France and Norway carry id -99 in some editions; they are matched by name.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
import pycountry
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon, mapping

__all__ = ["decode_arcs", "build_features", "topology_features", "write_geojson", "main"]

DATA = Path(__file__).resolve().parent.parent / "data"
TOLERANCE = 0.01  # degrees (~1 km): Douglas-Peucker tolerance per arc
DECIMALS = 3  # ~100 m; the same rounding everywhere keeps shared arcs identical
# Natural Earth names whose id is missing, -99 or shared: name -> iso3.
BY_NAME = {
    "Somaliland": "SOM", "N. Cyprus": "CYP", "Kosovo": "XKX", "Siachen Glacier": "IND",
    "Ashmore and Cartier Is.": "AUS", "France": "FRA", "Norway": "NOR",
}
SPLIT = {"Indian Ocean Ter.": lambda p: ("CXR", "Christmas I.") if p.centroid.x > 100
         else ("CCK", "Cocos (Keeling) Is.")}


def decode_arcs(topo: dict, tolerance: float = 0.0, decimals: int = DECIMALS) -> list[list]:
    """Decode (delta-encoded, quantized) TopoJSON arcs to absolute lon/lat.

    Parameters
    ----------
    topo : dict
        The TopoJSON topology.
    tolerance : float
        Douglas-Peucker tolerance in degrees, applied to each arc (endpoints kept).
    decimals : int
        Rounding of the output coordinates.

    Returns
    -------
    list of list of (lon, lat)
    """
    tr = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        a = np.asarray(arc, dtype=float)[:, :2]
        if tr:
            a = np.cumsum(a, axis=0) * tr["scale"] + tr["translate"]
        if tolerance and len(a) > 2:
            line = LineString(a).simplify(tolerance, preserve_topology=False)
            simple = shapely.get_coordinates(line)
            closed = np.array_equal(a[0], a[-1])
            a = a if closed and len(simple) < 4 else simple  # keep tiny islands alive
        a = np.round(a, decimals)
        keep = np.r_[True, np.any(a[1:] != a[:-1], axis=1)]
        out.append([tuple(p) for p in a[keep].tolist()])
    return out


def _ring(arcs: list[list], idx: list[int]) -> list:
    """Stitch arcs into a ring; ~i means arc i reversed, shared joints dropped."""
    pts: list = []
    for i in idx:
        seg = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(seg[1:] if pts else seg)
    return pts


def _polygons(arcs: list[list], geom: dict) -> list[Polygon]:
    """Shapely polygons of one TopoJSON geometry, dropping collapsed rings."""
    polys = [geom["arcs"]] if geom["type"] == "Polygon" else geom.get("arcs", [])
    out = []
    for rings in polys:
        rs = [_unwrap(_ring(arcs, idx)) for idx in rings]
        if len(rs[0]) >= 4:
            out.extend(_split_180(Polygon(rs[0], [r for r in rs[1:] if len(r) >= 4])))
    return out


def _unwrap(ring: list) -> list:
    """Make longitudes continuous where a ring jumps across the antimeridian.

    world-atlas stitches Natural Earth's cuts at 180 deg, so Russia's and Fiji's
    rings step from +179.9 to -180 and Antarctica's circles the pole: read
    planarly they would span the globe. A pole-circling ring (odd number of
    jumps) is closed along the pole.
    """
    lon = np.array([p[0] for p in ring])
    shift = -360 * np.round(np.diff(lon) / 360)
    if not shift.any():
        return ring
    lon = lon + np.r_[0, np.cumsum(shift)]
    out = [(x, p[1]) for x, p in zip(lon.tolist(), ring, strict=True)]
    if lon[-1] != lon[0]:
        pole = -90.0 if np.mean([p[1] for p in ring]) < 0 else 90.0
        out += [(lon[-1], pole), (lon[0], pole), out[0]]
    return out


def _split_180(poly: Polygon) -> list[Polygon]:
    """Cut a polygon that was unwrapped past +-180 deg back into [-180, 180]."""
    x0, _, x1, _ = poly.bounds
    if x0 >= -180 and x1 <= 180:
        return [poly]
    poly, out = shapely.make_valid(poly), []
    for dx in (-360, 0, 360):
        part = poly.intersection(shapely.box(-180 - dx, -90, 180 - dx, 90))
        part = shapely.transform(part, lambda c, dx=dx: c + [dx, 0])
        out += [g for g in getattr(part, "geoms", [part]) if g.geom_type == "Polygon"
                and g.area > 0]
    return out


def _clean(parts: list[Polygon]) -> Polygon | MultiPolygon:
    """Valid polygonal geometry of parts: fix with make_valid, union, snap to the grid."""
    g = MultiPolygon(parts) if len(parts) > 1 else parts[0]
    if len(parts) > 1 or not g.is_valid:
        g = shapely.make_valid(MultiPolygon(parts))
        g = shapely.unary_union([p for p in getattr(g, "geoms", [g]) if p.area > 0
                                 and p.geom_type in ("Polygon", "MultiPolygon")])
    if not _rounded(g).is_valid:
        g = shapely.set_precision(g, 10.0 ** -DECIMALS)
    return shapely.orient_polygons(g)


def _rounded(g):
    """Geometry as it will be written (rounded), to check validity after rounding."""
    return shapely.from_geojson(json.dumps(_round(mapping(g))))


def _round(obj):
    """Round all coordinates in nested GeoJSON lists/tuples."""
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_round(v) for v in obj]
    return round(obj, DECIMALS) if isinstance(obj, float) else obj


def _iso3(geom: dict) -> str:
    """ISO 3166-1 alpha-3 for a Natural Earth feature (numeric id, else by name)."""
    name = geom.get("properties", {}).get("name", "")
    if name in BY_NAME:
        return BY_NAME[name]
    gid = str(geom.get("id") or "")
    country = pycountry.countries.get(numeric=gid) if gid.isdigit() else None
    if country is None:
        raise ValueError(f"no ISO code for feature {name!r} (id {gid!r})")
    return country.alpha_3


def topology_features(topo: dict, tolerance: float = TOLERANCE,
                      obj: str = "countries") -> dict[str, tuple[str, list[Polygon]]]:
    """Decode one TopoJSON object into polygons grouped by iso3.

    Parameters
    ----------
    topo : dict
        TopoJSON topology.
    tolerance : float
        Per-arc simplification tolerance (degrees).
    obj : str
        Name of the object holding the countries.

    Returns
    -------
    dict
        iso3 -> (name of the largest member, polygons).
    """
    arcs = decode_arcs(topo, tolerance)
    groups: dict[str, list] = defaultdict(list)
    for geom in topo["objects"][obj]["geometries"]:
        name = geom.get("properties", {}).get("name", "")
        polys = _polygons(arcs, geom) if geom.get("arcs") else []
        for p in polys:
            code, nm = SPLIT[name](p) if name in SPLIT else (_iso3(geom), name)
            groups[code].append((nm, p))
    out = {}
    for code, items in groups.items():
        areas = defaultdict(float)
        for nm, p in items:
            areas[nm] += p.area
        out[code] = (max(areas, key=areas.get), [p for _, p in items])
    return out


def build_features(topo: dict, tolerance: float = TOLERANCE) -> list[dict]:
    """GeoJSON features, one per iso3, sorted by iso3, valid and rounded."""
    feats = []
    for code, (name, parts) in sorted(topology_features(topo, tolerance).items()):
        g = _clean(parts)
        if g.is_empty or not _rounded(g).is_valid:
            raise ValueError(f"{code}: empty or invalid geometry")
        feats.append({"type": "Feature", "properties": {"iso3": code, "name": name},
                      "geometry": _round(mapping(g))})
    return feats


def write_geojson(features: list[dict], path: Path) -> int:
    """Write a deterministic FeatureCollection (one feature per line); return bytes."""
    lines = [json.dumps(f, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
             for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode())


def _npm_topojson() -> dict:
    """Fetch countries-50m.json with ``npm pack world-atlas@2`` (registry only)."""
    with tempfile.TemporaryDirectory() as tmp:
        name = subprocess.run(["npm", "pack", "world-atlas@2", "--silent"], cwd=tmp,
                              check=True, capture_output=True, text=True).stdout.split()[-1]
        with tarfile.open(Path(tmp) / name) as tar:
            raw = tar.extractfile("package/countries-50m.json").read()
    return json.loads(raw)


def main(argv: list[str] | None = None) -> None:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--topojson", type=Path, help="countries-50m.json (default: npm pack)")
    ap.add_argument("--out", type=Path, default=DATA / "borders.geojson")
    ap.add_argument("--tolerance", type=float, default=TOLERANCE)
    args = ap.parse_args(argv)
    topo = json.loads(args.topojson.read_text()) if args.topojson else _npm_topojson()
    feats = build_features(topo, args.tolerance)
    size = write_geojson(feats, args.out)
    print(f"{args.out}: {len(feats)} features, {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
