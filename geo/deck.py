"""Briefing decks: ordered lists of saved views, each with a title and a caption.

A deck is a small JSON file a person can download, edit by hand and upload again::

    {
      "title": "Central Asia briefing",
      "slides": [
        {"title": "CSTO members in 2011",
         "caption": {"en": "Uzbekistan is back in...", "fr": "L'Ouzbékistan est revenu..."},
         "view": {"date": "2011-07-01", "orgs": "CSTO", "show": "history"}}
      ]
    }

``title`` and ``caption`` are plain text: one string, or one string per language
(``{"en": ..., "fr": ...}``), shown in the view's language when it has one. ``view`` holds
the URL parameters of :mod:`geo.view` (``lang``, ``date``, ``orgs``, ``links``, ``country``,
``from``, ``show``; lists may also be JSON arrays); a slide that names no ``lang`` is shown in
the reader's language.

:func:`load_deck` validates everything it reads and never raises on bad input: it returns what
is usable with a list of :class:`Problem` (JSON syntax errors with their line and column,
wrong types, missing titles, too many slides, too long texts, unknown view values). Text is kept
as text: the app shows it with ``st.text``, never as HTML or Markdown. Nothing here writes a
file; decks made in the app stay in the browser session.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from geo.clean import clean, deep_clean
from geo.i18n import LANGS
from geo.view import DECK_NAME, View, parse_date

__all__ = [
    "DECKS_DIR", "MAX_BYTES", "MAX_CAPTION", "MAX_SLIDES", "MAX_TITLE", "UPLOAD", "VIEW_KEYS",
    "Deck", "Problem", "Slide", "deck_from_view", "dump_deck", "load_deck", "pick",
    "shipped_decks", "slide_from_view", "slide_view", "with_slide",
]

DECKS_DIR = Path(__file__).resolve().parent.parent / "decks"
UPLOAD = "upload"  # the session's own deck (uploaded, or made in the app), never a file name
VIEW_KEYS = ("lang", "date", "orgs", "links", "country", "from", "show", "bbox")
MAX_BYTES = 200_000
MAX_SLIDES = 50
MAX_TITLE = 120
MAX_CAPTION = 500
_MAX_VALUE = 1_000  # characters of one view parameter
_MAX_REPORTED = 30  # problems listed before "… and N more"
_LIST_KEYS = ("orgs", "links", "show")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")

#: plain text, either ``{"": text}`` (any language) or keyed by language (``en``, ``fr``)
Text = dict[str, str]


def pick(text: Text, lang: str) -> str:
    """``text`` in ``lang``, else its language-neutral form, else English, else any."""
    return (text.get(lang) or text.get("") or text.get("en")
            or next((v for v in text.values() if v), ""))


@dataclass(frozen=True)
class Slide:
    title: Text
    caption: Text = field(default_factory=dict)
    view: dict[str, str] = field(default_factory=dict)  # URL parameters, in VIEW_KEYS order

    def title_in(self, lang: str) -> str:
        return pick(self.title, lang)

    def caption_in(self, lang: str) -> str:
        return pick(self.caption, lang)


@dataclass(frozen=True)
class Deck:
    title: Text
    slides: tuple[Slide, ...] = ()

    def title_in(self, lang: str) -> str:
        return pick(self.title, lang)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a deck file: where (``line 3, column 5``, ``slides[2].view.orgs``)
    and what."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


# --- reading --------------------------------------------------------------------------------


class _Reader:
    def __init__(self, orgs: Iterable[str], links: Iterable[str], countries: Iterable[str],
                 today: dt.date | None) -> None:
        self.known = (list(orgs), list(links), list(countries))
        self.today = today
        self.problems: list[Problem] = []

    def problem(self, where: str, what: str) -> None:
        self.problems.append(Problem(where, what))

    def text(self, value: object, where: str, limit: int, required: bool) -> Text | None:
        """A title or caption: a string, or ``{"en": ..., "fr": ...}``; cleaned and capped."""
        if value is None:
            if required:
                self.problem(where, "missing")
            return None
        if isinstance(value, str):
            items = {"": value}
        elif isinstance(value, dict):
            items = {}
            for lang, s in value.items():
                if lang not in LANGS:
                    self.problem(where, f"unknown language {_show(lang)} (expected "
                                        f"{', '.join(LANGS)})")
                elif not isinstance(s, str):
                    self.problem(f"{where}.{lang}", f"must be text, not {_kind(s)}")
                else:
                    items[lang] = s
        else:
            self.problem(where, f"must be text or {{\"en\": ..., \"fr\": ...}}, not "
                                f"{_kind(value)}")
            return None
        out: Text = {}
        for lang, s in items.items():
            s = _CONTROL.sub("", s.replace("\r\n", "\n").replace("\r", "\n")).strip()
            if len(s) > limit:
                self.problem(f"{where}.{lang}" if lang else where,
                             f"longer than {limit} characters: cut")
                s = s[:limit].rstrip()
            if s:
                out[lang] = s
        if not out and required:
            self.problem(where, "empty")
        return out or None

    def view(self, value: object, where: str) -> dict[str, str]:
        """A slide's view: URL parameters checked by :meth:`View.from_query`, bad ones dropped."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(where, f"must be an object of URL parameters, not {_kind(value)}")
            return {}
        params: dict[str, str] = {}
        for key, raw in value.items():
            at = f"{where}.{key}"
            if key not in VIEW_KEYS:
                self.problem(at, f"unknown parameter (expected {', '.join(VIEW_KEYS)})")
                continue
            if key in _LIST_KEYS and isinstance(raw, list) and \
                    all(isinstance(x, str) for x in raw):
                raw = ",".join(raw)
            elif key in ("date", "from") and isinstance(raw, int) and \
                    not isinstance(raw, bool):
                raw = str(raw)
            if not isinstance(raw, str):
                self.problem(at, f"must be text, not {_kind(raw)}")
            elif len(raw) > _MAX_VALUE:
                self.problem(at, f"longer than {_MAX_VALUE} characters")
            else:
                params[key] = raw.strip()
        view, notices = View.from_query(params, *self.known, today=self.today)
        q = view.to_query()
        for key, bad in notices:
            self.problem(f"{where}.{key}", f"{_NOTICE.get(key, 'unknown value')} {_show(bad)}")
        for key in {k for k, _ in notices}:
            if key in _LIST_KEYS and key in q:
                params[key] = q[key]  # the known values, in order
            elif key in ("date", "from") and _readable(params.get(key)) and key in q:
                params[key] = q[key]  # clamped to the Atlas's dates
            else:
                params.pop(key, None)
        return {k: params[k] for k in VIEW_KEYS if k in params}

    def slide(self, value: object, where: str, number: int) -> Slide | None:
        if not isinstance(value, dict):
            self.problem(where, f"a slide must be an object, not {_kind(value)}: left out")
            return None
        for key in value:
            if key not in ("title", "caption", "view"):
                self.problem(f"{where}.{key}", "unknown field, ignored")
        title = self.text(value.get("title"), f"{where}.title", MAX_TITLE, required=True)
        caption = self.text(value.get("caption"), f"{where}.caption", MAX_CAPTION,
                            required=False)
        return Slide(title or {"": f"Slide {number}"}, caption or {},
                     self.view(value.get("view"), f"{where}.view"))

    def deck(self, data: object) -> Deck | None:
        if not isinstance(data, dict):
            self.problem("file", f"a deck must be a JSON object, not {_kind(data)}")
            return None
        for key in data:
            if key not in ("title", "slides"):
                self.problem(key, "unknown field, ignored")
        title = self.text(data.get("title"), "title", MAX_TITLE, required=True)
        raw = data.get("slides")
        if raw is None:
            self.problem("slides", "missing")
            raw = []
        elif not isinstance(raw, list):
            self.problem("slides", f"must be a list, not {_kind(raw)}")
            raw = []
        if len(raw) > MAX_SLIDES:
            self.problem("slides", f"more than {MAX_SLIDES} slides: the first {MAX_SLIDES} kept")
            raw = raw[:MAX_SLIDES]
        slides = [self.slide(s, f"slides[{i}]", i) for i, s in enumerate(raw, 1)]
        kept = tuple(s for s in slides if s is not None)
        if not kept:
            self.problem("slides", "no slide to show")
        return Deck(title or {"": "Untitled deck"}, kept)


_NOTICE = {"date": "not a date from 1991 to today:", "from": "not a usable start date:",
           "lang": "unknown language", "country": "unknown country"}


def _readable(raw: str | None) -> bool:
    try:
        parse_date(raw or "")
    except ValueError:
        return False
    return True


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


def _show(value: object, limit: int = 60) -> str:
    s = repr(str(value))
    return s if len(s) <= limit else s[:limit] + "…'"


def load_deck(data: str | bytes, orgs: Iterable[str], links: Iterable[str],
              countries: Iterable[str], today: dt.date | None = None,
              ) -> tuple[Deck | None, list[Problem]]:
    """Read and check a deck file; never raises on bad input.

    Returns the usable deck (``None`` when the file cannot be read as a deck at all) and the
    problems found, at most ``_MAX_REPORTED`` listed. Bad slides are left out, bad view values
    dropped, too long texts cut.
    """
    r = _Reader(orgs, links, countries, today)
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "replace"))
    if size > MAX_BYTES:
        return None, [Problem("file", f"larger than {MAX_BYTES // 1000} kB")]
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            return None, [Problem("file", f"not UTF-8 text (byte {e.start + 1})")]
    data = data.removeprefix("\ufeff")
    try:
        parsed = deep_clean(json.loads(data, parse_constant=_no_constant))  # e.g. "\ud800"
    except json.JSONDecodeError as e:
        return None, [Problem(f"line {e.lineno}, column {e.colno}", f"not JSON: {e.msg}")]
    except (ValueError, RecursionError) as e:
        return None, [Problem("file", f"not a usable JSON deck ({type(e).__name__})")]
    deck = r.deck(parsed)
    problems = r.problems
    if len(problems) > _MAX_REPORTED:
        rest = len(problems) - _MAX_REPORTED
        problems = [*problems[:_MAX_REPORTED], Problem("…", f"and {rest} more")]
    return deck, problems


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not allowed")


def shipped_decks(directory: Path = DECKS_DIR) -> dict[str, Path]:
    """The decks shipped with the app, by name (file name without ``.json``)."""
    if not directory.is_dir():
        return {}
    return {p.stem: p for p in sorted(directory.glob("*.json"))
            if DECK_NAME.fullmatch(p.stem) and p.stem != UPLOAD}


# --- writing --------------------------------------------------------------------------------


def _text_out(text: Text) -> str | dict[str, str]:
    if set(text) <= {""}:
        return text.get("", "")
    return {lang: text[lang] for lang in LANGS if lang in text}


def dump_deck(deck: Deck) -> str:
    """The deck as pretty, stable JSON (what :func:`load_deck` reads back to the same deck)."""
    slides = []
    for s in deck.slides:
        out: dict[str, object] = {"title": _text_out(s.title)}
        if s.caption:
            out["caption"] = _text_out(s.caption)
        out["view"] = {k: s.view[k] for k in VIEW_KEYS if k in s.view}
        slides.append(out)
    return json.dumps({"title": _text_out(deck.title), "slides": slides}, ensure_ascii=False,
                      indent=2) + "\n"


# --- slides and views -----------------------------------------------------------------------


def slide_view(slide: Slide, orgs: Iterable[str], links: Iterable[str],
               countries: Iterable[str], lang: str | None = None,
               today: dt.date | None = None) -> View:
    """The view a slide shows; in ``lang`` unless the slide names its own language."""
    params = dict(slide.view)
    if lang and "lang" not in params:
        params["lang"] = lang
    return View.from_query(params, orgs, links, countries, today=today)[0]


def with_slide(params: Mapping[str, str], slide: Slide) -> dict[str, str]:
    """A presentation URL's parameters with its slide's view filled in.

    A URL carrying a view of its own (any view parameter but ``lang``: the app writes them all)
    is kept as it is, so a shared link shows what its sender saw. A short one
    (``?present=1&deck=...&slide=2``) gets the slide's view, in the URL's language if it names
    one.
    """
    if any(k in params for k in VIEW_KEYS if k != "lang"):
        return dict(params)
    out = {**params, **slide.view}
    if "lang" in params:
        out["lang"] = params["lang"]
    return out


def slide_from_view(view: View, title: str, caption: str = "") -> Slide:
    """A slide of ``view`` (without its language, so it follows the reader's); its texts are
    taken to be in the view's language."""
    q = view.to_query()
    title, caption = clean(title), clean(caption)  # typed in a form: may hold anything
    return Slide({view.lang: title.strip()[:MAX_TITLE]} if title.strip() else {"": "Slide"},
                 {view.lang: caption.strip()[:MAX_CAPTION]} if caption.strip() else {},
                 {k: q[k] for k in VIEW_KEYS if k in q and k != "lang"})


def deck_from_view(view: View, title: str, caption: str = "", deck: Deck | None = None,
                   deck_title: str = "My briefing") -> Deck:
    """``deck`` (or a new deck called ``deck_title``) with ``view`` added as its last slide."""
    base = deck or Deck({"": deck_title})
    return Deck(base.title, (*base.slides, slide_from_view(view, title, caption)))
