"""Interface strings in English and French: one JSON catalog per language in ``locales/``.

Names that come with the data (countries, organizations, summaries) live in the tables'
``*_en``/``*_fr`` columns; this module only picks the right column.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

__all__ = ["LANGS", "catalog", "col", "t"]

LANGS = ("en", "fr")
_DIR = Path(__file__).with_name("locales")


@cache
def catalog(lang: str) -> dict[str, str]:
    """The whole catalog of ``lang`` (``en`` or ``fr``)."""
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
        return _PLAIN_ENGLISH[base] if lang == "en" else f"{_PLAIN_ENGLISH[base]}_{lang}"
    return f"{base}_{lang}"
