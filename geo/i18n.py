"""Interface strings in English and French: one JSON catalog per language in ``locales/``.

The languages are the catalogs there (:func:`languages`): adding ``locales/xx.json`` (and the
data's ``*_xx`` columns) adds a language, with no list in the code to keep in step.

Names that come with the data (countries, organizations, summaries) live in the tables'
``*_en``/``*_fr`` columns; this module only picks the right column.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

__all__ = ["DEFAULT_LANG", "LANGS", "catalog", "col", "languages", "t"]

DEFAULT_LANG = "en"  # the language of a view that names none, and of the data's plain columns
_DIR = Path(__file__).with_name("locales")
_CODE = re.compile(r"[a-z]{2,3}")  # an ISO 639 code: en.json is a catalog, README.json is not


def languages(folder: Path = _DIR) -> tuple[str, ...]:
    """The languages with a catalog in ``folder``: the default first, then by code."""
    codes = sorted(p.stem for p in folder.glob("*.json") if _CODE.fullmatch(p.stem))
    return tuple(sorted(codes, key=lambda c: c != DEFAULT_LANG))


#: the app's languages, from the catalogs in ``locales/`` (``("en", "fr")``)
LANGS = languages()


# a plain cache, not geo.memo: a shipped file per language, read once per process
@cache
def catalog(lang: str) -> dict[str, str]:
    """The whole catalog of ``lang`` (one of :data:`LANGS`)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    return json.loads((_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def t(key: str, lang: str, /, **fmt: object) -> str:
    """Translate ``key``; a missing key shows as ``⟨key⟩`` rather than breaking the page."""
    text = catalog(lang).get(key)
    if text is None:
        return f"⟨{key}⟩"
    return text.format(**fmt) if fmt else text


#: columns whose English text has no suffix (the tables' contract names them so)
_PLAIN_ENGLISH = {"event_name": "name"}


def col(base: str, lang: str) -> str:
    """The data column holding ``base`` in ``lang``, e.g. ``col('name', 'fr') == 'name_fr'``.

    Events keep their English name in ``name`` (the contract) and French in ``name_fr``:
    ask for ``col('event_name', lang)``.
    """
    if base in _PLAIN_ENGLISH:
        return _PLAIN_ENGLISH[base] if lang == DEFAULT_LANG else f"{_PLAIN_ENGLISH[base]}_{lang}"
    return f"{base}_{lang}"
