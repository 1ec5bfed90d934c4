"""How the Atlas words what it shows: country names in a language, periods, citations.

Shared by the map's layers, the figures and the exports, so a period or a citation reads the
same everywhere.
"""

from __future__ import annotations

from geo.i18n import col, t
from geo.memo import memo
from geo.tables import Atlas

__all__ = ["names", "period", "source_line"]


def names(atlas: Atlas, lang: str) -> dict[str, str]:
    """Country names by ISO3 in ``lang``, once per loaded table."""
    return memo(atlas, ("names", lang), lambda: dict(zip(
        atlas.countries["iso3"], atlas.countries[col("name", lang)], strict=True)))


def source_line(atlas: Atlas, source_id: str, locator: str, lang: str) -> str:
    """Plain-text citation: title, outlet, date and locator of an article, or the reference."""
    r = _sources(atlas).get(source_id)
    if r is None:
        return source_id
    kind = t("source_article" if r["kind"] == "article" else "source_reference", lang)
    cite = ", ".join(p for p in (r["title"], r["outlet"], r["published"]) if p)
    return f"{kind}: {cite} [{source_id}] — {locator}"


def _sources(atlas: Atlas) -> dict[str, dict]:
    """Sources by id, once per loaded table (a popup cites one per row it lists)."""
    return memo(atlas, ("sources",), lambda: {
        r["source_id"]: r for r in
        atlas.sources[["source_id", "kind", "title", "outlet", "published"]].to_dict("records")})


def period(start: str, end: str, lang: str) -> str:
    """``start – end``, one date for a one-day fact, or "since start" while it holds."""
    if end and end == start:
        return start
    return f"{start} – {end}" if end else t("since", lang, date=start)
