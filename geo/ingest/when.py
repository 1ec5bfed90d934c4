"""Dates in a sentence, at the precision the text gives them.

Absolute dates (``22 décembre 2021``, ``July 2024``, ``9–17 July 2024``) keep their precision;
relative ones (``vendredi``, ``mi-mai``, ``l'an passé``, ``last October``) are resolved against
the article's publication date and need that date's precision (no day-relative date without a
published day). Weekdays are resolved by ``dateparser`` (loaded only when one is named), the
twelve month names from a table; nothing is ever padded.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from geo.ingest.names import LEXICON

__all__ = ["MONTHS", "SEQUEL", "Found", "days_after", "find", "parse_published"]

_MONTHS_FR = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
              "novembre|décembre|decembre")
_MONTHS_EN = ("January|February|March|April|May|June|July|August|September|October|November|"
              "December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|"
              "Nov\\.?|Dec\\.?")
#: a month's name in either language (``kinds`` reads cues with a date left out)
MONTHS = f"(?:{_MONTHS_FR}|{_MONTHS_EN})"
_M = rf"(?P<month>{_MONTHS_FR}|{_MONTHS_EN})"
_Y = r"(?P<year>(?:19|20)\d{2})(?![\d-])"
_D = r"(?P<day>[0-3]?\d)(?:er|st|nd|rd|th)?"
_D2 = r"(?P<day2>[0-3]?\d)(?:er|st|nd|rd|th)?"
_PART = r"(?P<part>mi-|mid-|début |debut |fin |early |late |courant |mi |mid )?"
_WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_WEEKDAYS = "|".join(_WEEKDAYS_FR) + "|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_PATTERNS = [
    re.compile(rf"(?<![\w-]){_D}\s*(?:-|–|au|to|and|et)\s*{_D2}\s+{_M}(?:,?\s+{_Y})?", re.I),
    re.compile(rf"(?<![\w-]){_M}\s+{_D}\s*(?:-|–|to)\s*{_D2}(?:,?\s+{_Y})?", re.I),
    re.compile(rf"(?<![\w-]){_D}\s+{_M}(?:,?\s+{_Y})?", re.I),
    re.compile(rf"(?<![\w-]){_M}\s+{_D}(?![\d])(?:,\s+{_Y})?", re.I),
    re.compile(rf"(?<![\w]){_PART}(?:de |of )?{_M}(?![a-zà-ÿ])(?:\s+(?:de |of )?{_Y})?", re.I),
    re.compile(rf"(?<![\w-]){_Y}"),
    re.compile(rf"(?<![\w])(?P<weekday>{_WEEKDAYS})(?![\w])", re.I),
]


@dataclass(frozen=True)
class Found:
    """A date found in a text: its span and its ISO value(s) at the text's precision."""

    start: int
    end: int
    value: str
    until: str = ""  # the end of a range ("9–17 July 2024" → until 2024-07-17)
    relative: bool = False


def parse_published(text: str | None) -> tuple[dt.date | None, int]:
    """``YYYY[-MM[-DD]]`` → (first day, number of parts given: 1, 2 or 3); (None, 0) if empty."""
    if not text:
        return None, 0
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text.strip())
    if not m:
        raise ValueError(f"--published must be YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}")
    parts = [int(p) for p in m.groups() if p]
    return dt.date(parts[0], *(parts[1:] + [1, 1][len(parts) - 1:])), len(parts)


_MONTH_NUMBER = {m: i for i, ms in enumerate(
    ["janvier jan january", "février fevrier feb february", "mars mar march",
     "avril apr april", "mai may", "juin jun june", "juillet jul july",
     "août aout aug august", "septembre sep sept september", "octobre oct october",
     "novembre nov november", "décembre decembre dec december"], start=1) for m in ms.split()}


def _month(word: str) -> int:
    """A month name's number: a closed list of twelve names per language needs no parser."""
    return _MONTH_NUMBER[word.rstrip(".").casefold()]


# a plain cache, not geo.memo: a pure function of its arguments, no Atlas
@cache
def _weekday_parser(lang: str, base: dt.date):
    """One ``dateparser`` parser per language and publication day (building one loads the
    language's data: done once, and only when a sentence names a weekday)."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=[lang], settings={
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time()), "PREFER_DATES_FROM": "past"})


def _weekday(word: str, pub: dt.date) -> dt.date | None:
    """The last ``word`` (a weekday) before ``pub``, read by ``dateparser``."""
    lang = "fr" if word.casefold() in _WEEKDAYS_FR else "en"
    got = _weekday_parser(lang, pub).get_date_data(word).date_obj
    return got.date() if got else None


def _month_en(word: str) -> bool:
    return re.fullmatch(_MONTHS_EN, word, re.I) is not None and word.lower() not in _MONTHS_FR


# a plain cache, not geo.memo: a shipped lexicon, read once per process
@cache
def _relative() -> list[tuple[re.Pattern, str, int]]:
    with (LEXICON / "dates.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows.sort(key=lambda r: -len(r["expression"]))
    out = []
    for r in rows:
        body = re.escape(r["expression"]).replace("'", "['’]")
        out.append((re.compile(rf"(?<![\w]){body}(?![\w])", re.I), r["unit"], int(r["offset"])))
    return out


def _shift(base: dt.date, unit: str, n: int) -> dt.date:
    if unit == "year":
        return base.replace(year=base.year + n, day=1)
    if unit == "month":
        k = base.year * 12 + base.month - 1 + n
        return dt.date(k // 12, k % 12 + 1, 1)
    return base + dt.timedelta(days=n)


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    return f"{y:04d}-{m:02d}" if d is None else dt.date(y, m, d).isoformat()


def _absolute(m: re.Match, pub: dt.date | None, prec: int) -> Found | None:
    g = m.groupdict()
    if g.get("weekday"):
        if pub is None or prec < 3:
            return None
        got = _weekday(g["weekday"], pub)
        return Found(m.start(), m.end(), got.isoformat(), relative=True) if got else None
    year = int(g["year"]) if g.get("year") else None
    month = _month(g["month"]) if g.get("month") else None
    relative = year is None
    if relative and not g.get("day") and g["month"][0].islower() and _month_en(g["month"]):
        return None  # "may", "march" in English prose are not months
    if year is None:  # a month or day without a year: the latest one up to publication
        if pub is None or prec < 1:
            return None
        year = pub.year if month is None or prec == 1 or month <= pub.month else pub.year - 1
    day = int(g["day"]) if g.get("day") else None
    day2 = int(g["day2"]) if g.get("day2") else None
    try:
        value = _iso(year, month, day)
        until = _iso(year, month, day2) if day2 else ""
    except ValueError:
        return None
    return Found(m.start(), m.end(), value, until, relative)


_SEASON_START = {"printemps": 3, "été": 6, "ete": 6, "automne": 9, "hiver": 12, "spring": 3,
                 "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SEASON = re.compile(
    r"(?<![\w])(?:(?P<last>last |l['’]|le )|this |cet |ce |au |en |in the |"
    r"(?:à la |at the |by the )?(?:fin |début |end of |early |late )"
    r"(?:de l['’]|du |de |of )?(?:the )?)"
    r"(?P<season>printemps|été|automne|hiver|spring|summer|autumn|fall|winter)(?![\w])"
    r"(?:\s+(?:(?P<past>dernier|passé)|(?P<lastyear>de l['’]an dernier|of last year|"
    r"de l['’]année (?:dernière|passée))|(?:de |of )?(?P<year>(?:19|20)\d{2})(?![\d])))?", re.I)
_WEEK = re.compile(r"(?<![\w])(?:(?P<last>la semaine (?:dernière|passée)|last week)|cette semaine|"
                   r"this week)(?![\w])", re.I)


def _season_year(m: re.Match, pub: dt.date, prec: int) -> int | None:
    """The year a season phrase's season starts in: given, "of last year", the last one over
    before publication ("last spring", "l'été dernier"), else the last one begun."""
    start = _SEASON_START[m.group("season").casefold()]
    if m.group("year"):
        return int(m.group("year"))
    if m.group("lastyear"):
        return pub.year - 1
    if prec < 2:
        return None  # which spring was "last" needs the publication month
    first = pub.year if pub.month >= start else pub.year - 1  # the last one begun
    if (m.group("last") or "").strip().casefold() == "last" or m.group("past"):
        ended = first * 12 + start + 2 < pub.year * 12 + pub.month
        return first if ended else first - 1
    return first


def _seasons_and_weeks(text: str, pub: dt.date, prec: int) -> list[Found]:
    """Seasons at year precision (a season is no month) and weeks at the precision of the
    month or year they fall in (never a padded day)."""
    out = []
    for m in _SEASON.finditer(text):
        y = _season_year(m, pub, prec)
        if y is not None and (m.group("year") or m.group("past") or m.group("lastyear")
                              or m.group(0).split()[0].casefold() not in ("le", "l'")):
            out.append(Found(m.start(), m.end(), str(y), relative=not m.group("year")))
    for m in _WEEK.finditer(text) if prec >= 3 else ():
        monday = pub - dt.timedelta(days=pub.weekday() + (7 if m.group("last") else 0))
        sunday = monday + dt.timedelta(days=6)
        value = (f"{monday:%Y-%m}" if (monday.year, monday.month) == (sunday.year, sunday.month)
                 else str(monday.year) if monday.year == sunday.year else "")
        if value:
            out.append(Found(m.start(), m.end(), value, relative=True))
    return out


_NUMBERS = {w: i for i, ws in enumerate(
    ["un une a an one", "deux two", "trois three", "quatre four", "cinq five", "six",
     "sept seven", "huit eight", "neuf nine", "dix ten"], start=1) for w in ws.split()}
_NUM = rf"(?P<n>\d{{1,2}}|{'|'.join(_NUMBERS)})"
_UNIT = r"(?P<unit>ans|années|mois|semaines|years?|months?|weeks?)"
#: a span counted back from publication: "il y a deux ans", "depuis trois mois", "two years
#: ago", "for the past two years", "cela fait deux ans que"
_COUNTED = re.compile(rf"(?<![\w])(?:il y a|voilà|voici|depuis|cela fait|ça fait|"
                      rf"(?:for|over) the (?:past|last)|(?=\w+\s+\w+\s+ago))\s*{_NUM}\s+"
                      rf"{_UNIT}(?![\w])", re.I)


def _counted(text: str, pub: dt.date, prec: int) -> list[Found]:
    """Spans counted back from the publication date, at the unit's precision (a year back is
    a year; a month back a month; weeks the month they fall in, when the date has a day)."""
    out = []
    for m in _COUNTED.finditer(text):
        n = m.group("n")
        n = int(n) if n.isdigit() else _NUMBERS[n.casefold()]
        unit = m.group("unit").casefold()
        if unit.startswith(("an", "year")):
            value = str(pub.year - n)
        elif unit.startswith(("mois", "month")) and prec >= 2:
            d = _shift(pub, "month", -n)
            value = f"{d:%Y-%m}"
        elif unit.startswith(("sem", "week")) and prec >= 3:
            value = f"{pub - dt.timedelta(weeks=n):%Y-%m}"
        else:
            continue
        out.append(Found(m.start(), m.end(), value, relative=True))
    return out


def find(text: str, published: dt.date | None = None, precision: int = 0) -> list[Found]:
    """Every date in ``text``, left to right, the longest reading of each place kept."""
    hits: list[Found] = []
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            f = _absolute(m, published, precision)
            if f:
                hits.append(f)
    if published is not None:
        units = {"year": 1, "month": 2, "day": 3}
        for pat, unit, n in _relative():
            for m in pat.finditer(text):
                if precision >= units[unit]:
                    d = _shift(published, unit, n)
                    value = _iso(d.year, *((d.month, d.day)[:units[unit] - 1]))
                    hits.append(Found(m.start(), m.end(), value, relative=True))
        hits += _seasons_and_weeks(text, published, precision)
        hits += _counted(text, published, precision)
    hits.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Found] = []
    for f in hits:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


#: a day counted from the last date the text gave: "le lendemain", "the next day", "la veille",
#: "two days later", "trois jours plus tard"
_DAYS_AFTER = re.compile(rf"(?<![\w])(?:(?P<next>le lendemain|the (?:next|following) day)|"
                         rf"(?P<eve>la veille|the (?:day|eve) before)|"
                         rf"{_NUM}\s+(?:jours|days)\s+(?:plus tard|later|après|after))"
                         rf"(?![\w])", re.I)


def days_after(text: str, last: str) -> str:
    """The day ``text`` names relative to ``last`` (an ISO day), or "" (``last`` not a day, or
    no such phrase): a day after a month is not a day."""
    m = _DAYS_AFTER.search(text)
    if not m or len(last) != 10:
        return ""
    n = 1 if m.group("next") else -1 if m.group("eve") else (
        int(m.group("n")) if m.group("n").isdigit() else _NUMBERS[m.group("n").casefold()])
    return (dt.date.fromisoformat(last) + dt.timedelta(days=n)).isoformat()


#: a sentence opening on what followed the one before: it happened at that one's date
SEQUEL = re.compile(r"\s*(?:dans la foulée|peu après|aussitôt après|juste après|"
                    r"(?:quelques|plusieurs) jours (?:plus tôt|auparavant|avant|plus tard)|"
                    r"(?:a few |some )?days (?:earlier|before|later)|dans la "
                     r"(?:nuit|journée) même|le jour même|in the wake|shortly (?:after|afterwards)"
                     r"|soon after|right after|immediately after|the same (?:day|night)|"
                     r"that same (?:day|night))(?![\w])", re.I)
