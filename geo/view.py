"""What the user is looking at, and its URL form: the query-string contract of the Atlas.

``lang`` (``en``/``fr``), ``date`` (``YYYY`` or ``YYYY-MM-DD``), ``orgs`` and ``links``
(comma-separated ids), ``country`` (ISO3), plus ``from`` (start of a link/event date range)
and ``show`` (extra layers: ``events``, ``history``, ``overlap``); presentation mode adds
``present=1``, ``deck`` (a deck's name, see :mod:`geo.deck`) and ``slide`` (1-based); ``bbox``
(``W,S,E,N`` in degrees) is the map's extent, written by the map itself as it moves. Unknown
values are dropped and reported as notices, never raised. The compare page adds ``cmp``
(``dates`` or ``orgs``), ``date_b`` (the right map's date) and ``orgs_b`` (its organizations).
The Relations page adds its filters: ``rel_links``, ``rel_countries``, ``rel_src`` (lists) and
``rel_from``/``rel_to`` (its date range).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from geo.clean import clip, one_line
from geo.i18n import LANGS

__all__ = ["COMPARE_MODES", "DECK_NAME", "DEFAULT_ORGS", "EXTRA_LAYERS", "FIRST_DAY",
           "NOTICE_CHARS", "View", "format_bbox", "parse_bbox", "parse_date"]

FIRST_DAY = dt.date(1991, 1, 1)
DEFAULT_ORGS = ("CSTO", "SCO", "OTS")
EXTRA_LAYERS = ("events", "history", "overlap")
COMPARE_MODES = ("dates", "orgs")  # the compare page: two dates, or two organizations
_DATE = re.compile(r"(\d{4})(?:-(\d{2})-(\d{2}))?", re.ASCII)  # not "２０１１": 0-9 only
#: what a deck may be called in the URL: a shipped deck's file name without ``.json``, or
#: ``upload`` (the session's own deck)
DECK_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_NUMBER = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]{1,6})?", re.ASCII)
_YES, _NO = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
#: characters of a bad value echoed in a notice (a 100 kB value is not sent back whole)
NOTICE_CHARS = 120


def parse_date(text: str) -> dt.date:
    """``YYYY`` (read as 1 July, the middle of the year) or ``YYYY-MM-DD``; ValueError otherwise."""
    m = _DATE.fullmatch(text.strip())
    if not m:
        raise ValueError(text)
    y, mo, d = m.groups()
    return dt.date(int(y), 7, 1) if mo is None else dt.date(int(y), int(mo), int(d))


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``W,S,E,N`` in degrees, west before east and south before north, within the map's
    world (latitudes ±85, longitudes ±180, at least 0.1° across); ValueError otherwise."""
    parts = text.split(",")
    if len(parts) != 4 or not all(_NUMBER.fullmatch(p.strip()) for p in parts):
        raise ValueError(text)
    w, s, e, n = (float(p) for p in parts)
    if not (-180 <= w < e <= 180 and -85 <= s < n <= 85 and e - w >= 0.1 and n - s >= 0.1):
        raise ValueError(text)
    return w, s, e, n


def format_bbox(bbox: tuple[float, float, float, float]) -> str:
    """The URL form: two decimals (about a kilometre), no trailing zeros."""
    return ",".join(f"{x:.2f}".rstrip("0").rstrip(".") for x in bbox)


@dataclass(frozen=True)
class View:
    lang: str = "en"
    date: dt.date = field(default_factory=dt.date.today)
    orgs: tuple[str, ...] = DEFAULT_ORGS
    links: tuple[str, ...] | None = None  # None: every kind
    country: str | None = None
    start: dt.date | None = None  # links and events over [start, date] instead of on date
    show: tuple[str, ...] = ("events",)
    present: bool = False  # presentation mode: full-window map, sidebar hidden
    deck: str | None = None  # name of the briefing deck in use (geo.deck)
    slide: int | None = None  # 1-based slide of ``deck`` on show
    cmp: str | None = None  # compare page mode (COMPARE_MODES); None: the page's default
    date_b: dt.date | None = None  # compare page: the right map's date
    orgs_b: tuple[str, ...] | None = None  # compare page: the right map's organizations
    bbox: tuple[float, float, float, float] | None = None  # the map's extent: W, S, E, N
    # the Relations page's own filters (None: not chosen; kinds and countries then start from
    # the map's ``links`` and ``country``)
    rel_links: tuple[str, ...] | None = None
    rel_countries: tuple[str, ...] | None = None
    rel_src: tuple[str, ...] | None = None
    rel_from: dt.date | None = None
    rel_to: dt.date | None = None

    @classmethod
    def from_query(
        cls,
        params: Mapping[str, str | list[str]],
        orgs: Iterable[str],
        links: Iterable[str],
        countries: Iterable[str],
        today: dt.date | None = None,
        sources: Iterable[str] | None = None,
    ) -> tuple[View, list[tuple[str, str]]]:
        """Read a view from query parameters; returns it with ``(parameter, bad value)`` notices.

        Values are cleaned first (:mod:`geo.clean`); notices come once per distinct value, in
        order, each value cut to ``NOTICE_CHARS`` (the caller caps how many it shows).
        ``sources``: the source ids ``rel_src`` may name (None: any id-shaped value).
        """
        today = today or dt.date.today()
        notices: list[tuple[str, str]] = []

        def one(key: str) -> str | None:
            v = params.get(key)
            if isinstance(v, list):
                v = v[-1] if v else None
            return None if v is None else one_line(str(v))

        known = {"orgs": set(orgs), "links": set(links), "show": set(EXTRA_LAYERS),
                 "orgs_b": set(orgs)}
        kw: dict = {"date": today, **_dates(one, today, notices), **_lists(one, known, notices),
                    **_singles(one, set(countries), notices)}
        kw.update(_relations_filters(one, {"rel_links": known["links"],
                                           "rel_countries": set(countries),
                                           "rel_src": None if sources is None else set(sources)},
                                     today, notices))
        view = cls(**kw)
        if view.start and view.start > view.date:
            notices.append(("from", view.start.isoformat()))
            view = replace(view, start=None)
        return view, list(dict.fromkeys((k, clip(v, NOTICE_CHARS)) for k, v in notices))

    def to_query(self) -> dict[str, str]:
        """The query parameters that restore this view (defaults left out, except date)."""
        q = {"lang": self.lang, "date": self.date.isoformat(), "orgs": ",".join(self.orgs)}
        if self.links is not None:
            q["links"] = ",".join(self.links)
        if self.country:
            q["country"] = self.country
        if self.start:
            q["from"] = self.start.isoformat()
        q["show"] = ",".join(self.show)
        if self.bbox:
            q["bbox"] = format_bbox(self.bbox)
        if self.cmp:
            q["cmp"] = self.cmp
        if self.date_b:
            q["date_b"] = self.date_b.isoformat()
        if self.orgs_b is not None:
            q["orgs_b"] = ",".join(self.orgs_b)
        for key in ("rel_links", "rel_countries", "rel_src"):
            if (v := getattr(self, key)) is not None:
                q[key] = ",".join(v)
        for key in ("rel_from", "rel_to"):
            if (d := getattr(self, key)) is not None:
                q[key] = d.isoformat()
        if self.present:
            q["present"] = "1"
        if self.deck:
            q["deck"] = self.deck
            if self.slide is not None:
                q["slide"] = str(self.slide)
        return q


_DATES = {"date": "date", "from": "start", "date_b": "date_b"}  # parameter: View field


def _dates(one, today: dt.date, notices: list[tuple[str, str]], keys=None) -> dict:
    """Dates (``keys``: parameter → field; the view's own by default) within
    ``[FIRST_DAY, today]`` (clamped, with a notice); unreadable ones dropped with a notice."""
    kw: dict = {}
    for key, target in (keys or _DATES).items():
        if (raw := one(key)) is None:
            continue
        try:
            d = parse_date(raw)
        except ValueError:
            notices.append((key, raw))
            continue
        if not FIRST_DAY <= d <= today:
            notices.append((key, raw))
            d = min(max(d, FIRST_DAY), today)
        kw[target] = d
    return kw


def _lists(one, known: dict[str, set[str]], notices: list[tuple[str, str]]) -> dict:
    """Comma-separated ids (``orgs``, ``links``, ``show``, ``orgs_b``): the known ones, once
    each, in order; each unknown one a notice."""
    kw: dict = {}
    for key, ok in known.items():
        if (raw := one(key)) is None:
            continue
        items = [s.strip() for s in raw.split(",") if s.strip()]
        kw[key] = tuple(dict.fromkeys(s for s in items if s in ok))
        notices += [(key, s) for s in items if s not in ok]
    return kw


def _singles(one, countries: set[str], notices: list[tuple[str, str]]) -> dict:
    """The one-value parameters, each read by its own rule (ValueError: a notice)."""
    def slide(raw: str) -> int:
        if not re.fullmatch(r"[0-9]{1,4}", raw.strip()) or int(raw) < 1 or "deck" not in kw:
            raise ValueError(raw)
        return int(raw)

    def pick(ok) -> object:
        return lambda raw: raw if ok(raw) else _bad(raw)

    rules = {  # in this order: ``slide`` needs ``deck``
        "lang": ("lang", pick(lambda raw: raw in LANGS)),
        "country": ("country", lambda raw: raw.upper() if raw.upper() in countries else _bad(raw)),
        "bbox": ("bbox", parse_bbox),
        "cmp": ("cmp", pick(lambda raw: raw in COMPARE_MODES)),
        "present": ("present", lambda raw: raw.strip().lower() in _YES
                    if raw.strip().lower() in _YES + _NO else _bad(raw)),
        "deck": ("deck", pick(DECK_NAME.fullmatch)),
        "slide": ("slide", slide),
    }
    kw: dict = {}
    for key, (target, read) in rules.items():
        if (raw := one(key)) is None:
            continue
        try:
            kw[target] = read(raw)
        except ValueError:
            notices.append((key, raw))
    return kw


def _bad(raw: str):
    raise ValueError(raw)


def _relations_filters(one, known: dict[str, set[str] | None], today: dt.date,
                       notices: list[tuple[str, str]]) -> dict:
    """The Relations page's ``rel_*`` parameters: lists of known ids (``known[key]`` None: any
    id-shaped value) and a date range inside ``[FIRST_DAY, today]``, ``rel_from`` not after
    ``rel_to``. Bad values go to ``notices``."""
    kw: dict = {}
    for key, ok in known.items():
        if (raw := one(key)) is None:
            continue
        items = [x.strip() for x in raw.split(",") if x.strip()]
        good = [x for x in items if (DECK_NAME.fullmatch(x) if ok is None else x in ok)]
        notices += [(key, x) for x in items if x not in good]
        kw[key] = tuple(dict.fromkeys(good))
    kw.update(_dates(one, today, notices, {"rel_from": "rel_from", "rel_to": "rel_to"}))
    if "rel_from" in kw and "rel_to" in kw and kw["rel_from"] > kw["rel_to"]:
        notices.append(("rel_from", kw.pop("rel_from").isoformat()))
    return kw
