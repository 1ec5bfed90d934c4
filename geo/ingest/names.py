"""Countries and organizations named in a text, from the project's own name tables.

The forms live in data files (``lexicon/countries.csv``, ``lexicon/organizations.csv``, the
countries and organizations tables of ``data/``), never in code, so an analyst can add a spelling
without touching Python. Forms in capitals only (``US``, ``OCS``) match with their case; every
other form matches in any case, on word boundaries.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geo import config

__all__ = ["LEXICON", "Mention", "countries", "country_names", "org_for_date", "org_table",
           "organizations", "spelling"]

LEXICON = Path(__file__).with_name("lexicon")
_LOCATIVE = re.compile(r"(?:\b(?:à|a|au|en|in|at|near|près de|depuis|from|de)\s+)$", re.I)


@dataclass(frozen=True)
class Mention:
    """One name found in a text: what it stands for, where, and as what (name, adjective...)."""

    code: str  # ISO3 or organization id
    start: int
    end: int
    kind: str  # name, adjective, prefix, capital, leader, org
    text: str


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _pattern(forms: dict[str, tuple[str, str]]) -> tuple[re.Pattern, re.Pattern]:
    """Two alternations, longest form first: case-sensitive acronyms, and the rest folded."""
    exact = sorted((f for f in forms if f.isupper() and len(f) <= 6), key=len, reverse=True)
    folded = sorted((f for f in forms if f not in exact), key=len, reverse=True)

    def alt(fs: list[str]) -> str:
        body = "|".join(re.escape(f).replace("'", "['’]") for f in fs) or r"(?!x)x"
        return rf"(?<![\w])({body})(?![\w])"

    return re.compile(alt(exact)), re.compile(alt(folded), re.I)


# plain caches, not geo.memo: a folder's countries and organizations, which the ingest
# never changes (it appends memberships, relations and events only); no Atlas
@cache
def _country_forms(data_dir: str) -> dict[str, tuple[str, str]]:
    """form (as written, or casefolded) → (iso3, kind)."""
    forms: dict[str, tuple[str, str]] = {}
    # the region's actors (whose towns are places too), then countries beyond it (names,
    # demonyms and capitals only: their towns are not looked up)
    lexicon = _read(LEXICON / "countries.csv") + _read(LEXICON / "countries_beyond.csv")
    known = {r["iso3"] for r in lexicon}
    for r in _read(Path(data_dir) / "countries.csv"):
        for name in (r["name_en"], r["name_fr"]):
            forms.setdefault(name, (r["iso3"], "name"))
        if r["iso3"] in known and r["capital"]:  # capitals of the region's actors only
            forms.setdefault(r["capital"], (r["iso3"], "capital"))
    for r in lexicon:
        for form in r["forms"].split(";"):
            if form.strip():
                forms[form.strip()] = (r["iso3"], r["kind"])
    return forms


# a plain cache, as _country_forms above
@cache
def _org_forms(data_dir: str) -> dict[str, tuple[str, str]]:
    forms: dict[str, tuple[str, str]] = {}
    for r in _read(Path(data_dir) / "organizations.csv"):
        for col in ("acronym_en", "acronym_fr", "name_en", "name_fr"):
            if r[col]:
                forms.setdefault(r[col], (r["org_id"], "org"))
    for r in _read(LEXICON / "organizations.csv"):
        for form in r["forms"].split(";"):
            if form.strip():
                forms[form.strip()] = (r["org_id"], "org")
    return forms


#: English and French transliterations of the same Russian or Turkic sound, both ways
_SOUNDS = [("sh", "(?:sh|ch|sch)"), ("zh", "(?:zh|j)"), ("kh", "(?:kh|h)"), ("k", "[kq]"),
           ("q", "[qk]"), ("ch", "(?:ch|tch)"),
           ("ou", "(?:ou|u)"), ("dj", "(?:dj|j)"), ("u", "(?:ou|u|ü)"), ("j", "(?:dj|j|zh)"),
           ("y", "[yiï]"), ("i", "[iïy]"), ("e", "[eéè]"), ("é", "[eéè]"), ("ï", "[iïy]"),
           ("-", "[- ]?"), (" ", "[- ]?")]


def spelling(name: str) -> str:
    """A pattern matching ``name`` in its English or French transliteration ("Sary-Shagan",
    "Sary-Chagan"; "Dushanbe", "Douchanbé"), so a table lists each name once."""
    out, i = [], 0
    while i < len(name):
        low = name[i:].casefold()
        sound = next(((k, v) for k, v in _SOUNDS if low.startswith(k)), None)
        if sound:
            out.append(sound[1] if name[i].islower() or not name[i].isalpha()
                       else f"(?i:{sound[1]})")
            i += len(sound[0])
        else:
            out.append(re.escape(name[i]))
            i += 1
    return "".join(out)


# a plain cache, as _country_forms above
@cache
def _leaders(data_dir: str) -> re.Pattern:
    """Leaders' names in either transliteration ("Mirziyoyev", "Mirzioïev"; "Tokayev",
    "Tokaïev"), one named group per country: a table lists a name once and still finds it."""
    by_code: dict[str, list[str]] = {}
    for form, (code, kind) in _country_forms(data_dir).items():
        if kind == "leader":
            by_code.setdefault(code, []).append(spelling(form))
    body = "|".join(f"(?P<c_{c}>{'|'.join(sorted(fs, key=len, reverse=True))})"
                    for c, fs in by_code.items())
    return re.compile(rf"(?<![\w])(?:{body or '(?!x)x'})(?![\w])", re.I)


# a plain cache, as _country_forms above
@cache
def _compiled(table: str, data_dir: str) -> tuple[dict, tuple[re.Pattern, re.Pattern]]:
    forms = _country_forms(data_dir) if table == "countries" else _org_forms(data_dir)
    lookup = {k: v for k, v in forms.items()} | {k.casefold(): v for k, v in forms.items()
                                                  if not (k.isupper() and len(k) <= 6)}
    # leaders are found by _leaders alone, in either transliteration
    return lookup, _pattern({k: v for k, v in forms.items() if v[1] != "leader"})


def _find(table: str, text: str, data_dir: str | None) -> list[Mention]:
    lookup, patterns = _compiled(table, str(data_dir or config.data_dir()))
    found: list[Mention] = []
    for pat in patterns:
        for m in pat.finditer(text):
            word = m.group(1)
            key = word.replace("’", "'")
            code, kind = lookup.get(key) or lookup[key.casefold()]
            if kind == "prefix" and not text.startswith(("-", "–"), m.end()):
                continue  # "kazakh" alone is an adjective; as a prefix it needs its hyphen
            found.append(Mention(code, m.start(1), m.end(1), kind, word))
    if table == "countries":  # leaders, in the table's spelling or another
        for m in _leaders(str(data_dir or config.data_dir())).finditer(text):
            code = next(k[2:] for k, v in m.groupdict().items() if v is not None)
            found.append(Mention(code, m.start(), m.end(), "leader", m.group()))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[Mention] = []
    for m in found:  # longest match wins where two forms overlap
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def organizations(text: str, data_dir: str | Path | None = None) -> list[Mention]:
    """Organizations named in ``text`` (acronyms and full names, French and English)."""
    return _find("organizations", text, str(data_dir) if data_dir else None)


#: a town's country in apposition: "à Astana, la capitale du Kazakhstan", "in Osh, southern
#: Kyrgyzstan's main city": it says where, it is no party
_CAPITAL_OF = re.compile(r"\w,\s+(?:la |the )?(?:capitale|capital|ville|city|région|region|"
                         r"province)(?: \w+)? (?:du |de la |de l['’]|d['’]|de |des |of )?"
                         r"(?:la |le |l['’]|the )?$", re.I)


#: a capital after a status noun is its country's: "le statut d'observateur de Téhéran",
#: "la candidature de Bakou", "the membership bid of Baku"
_STATUS_OF = re.compile(r"(?<![\w])(?:statut|candidature|adhésion|demande d['’]adhésion|"
                        r"status|membership|bid|application)(?:\s+[\w'’-]+){0,4}?\s+"
                        r"(?:de|d['’]|of)\s*$", re.I)


_ROUTE = re.compile(r"(?<![\w])(?:through|via|à travers|en transit par|transitant par)\s+"
                    r"(?:the\s+|la\s+|le\s+|l['’]|les\s+)?$", re.I)


#: an adjective on a named town says where, not who: "the Kazakh city of Turkistan", "la ville
#: kazakhe de Turkestan" (a village shot at is a side: "un village tadjik")
_TOWN_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:city|town|port)\s+of\b", re.I)
_TOWN_BEFORE = re.compile(r"(?<![\w])(?:ville|cité|localité|port)\s+(?:[\w-]+\s+)?$", re.I)


def countries(text: str, data_dir: str | Path | None = None) -> list[Mention]:
    """Countries named in ``text``: names, adjectives, demonyms, hyphen prefixes (``sino-``),
    capitals and leaders. A capital after a locative word (``à Astana``) is a place, not an
    actor: it comes back with kind ``place``. Names inside an organization's name are dropped."""
    orgs = organizations(text, data_dir)
    out = []
    for m in _find("countries", text, str(data_dir) if data_dir else None):
        if any(o.start <= m.start < o.end for o in orgs) \
                or _ROUTE.search(text, max(0, m.start - 20), m.start):
            continue  # a route's country is no party and no place: "routes via Iran"
        if (m.kind == "capital" and _LOCATIVE.search(text[max(0, m.start - 12):m.start])
                and not _STATUS_OF.search(text[max(0, m.start - 50):m.start])) \
                or _CAPITAL_OF.search(text[max(0, m.start - 30):m.start]) \
                or (m.kind == "adjective" and (_TOWN_AFTER.match(text, m.end)
                                               or _TOWN_BEFORE.search(text, 0, m.start))):
            m = Mention(m.code, m.start, m.end, "place", m.text)
        out.append(m)
    return out


# a plain cache, as _country_forms above
@cache
def country_names(data_dir: str | None = None) -> dict[str, tuple[str, str]]:
    """ISO3 → (English name, French name), from the countries table."""
    path = Path(data_dir or config.data_dir()) / "countries.csv"
    return {r["iso3"]: (r["name_en"], r["name_fr"]) for r in _read(path)}


# a plain cache, as _country_forms above
@cache
def org_table(data_dir: str | None = None) -> dict[str, dict[str, str]]:
    """org_id → its row of ``organizations.csv`` (founding dates and successors)."""
    path = Path(data_dir or config.data_dir()) / "organizations.csv"
    return {r["org_id"]: r for r in _read(path)}


def org_for_date(org: str, start: str, data_dir: str | None) -> str:
    """The organization as it was on ``start``: its predecessor before its founding."""
    table = org_table(data_dir)
    if not start or org not in table or start >= table[org]["founded"][:len(start)]:
        return org
    for other, row in table.items():
        if row["successor_id"] == org and row["founded"] <= start:
            return other
    return org
