"""How the Atlas words what it shows: country names in a language, periods, citations.

Shared by the map's layers, the figures and the exports, so a period or a citation reads the
same everywhere.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo import epochs
from geo.clean import clip
from geo.i18n import col, t
from geo.markup import md_code
from geo.memo import memo
from geo.tables import TABLES, Atlas

__all__ = ["MAX_FILES_NAMED", "ORG_SEP", "articles_notice", "names", "org_heading", "org_labels",
           "org_titles",
           "period", "source_line", "unchecked_locators"]

#: between an organization's acronym and its full name in the picker
ORG_SEP = " — "
MAX_FILES_NAMED = 3  # missing article files a notice names (then "... and N more")


def names(atlas: Atlas, lang: str) -> dict[str, str]:
    """Country names by ISO3 in ``lang``, once per loaded table."""
    return memo(atlas, ("names", lang), lambda: dict(zip(
        atlas.countries["iso3"], atlas.countries[col("name", lang)], strict=True)))


def org_titles(atlas: Atlas, lang: str) -> dict[str, tuple[str, str]]:
    """org_id → (acronym, name) in ``lang``, once per data and language: every layer, legend
    and notice names organizations, on every rerun."""
    o = atlas.organizations
    return memo(atlas, ("org_titles", lang), lambda: dict(zip(
        o["org_id"], zip(o[col("acronym", lang)], o[col("name", lang)], strict=True),
        strict=True)))


def org_heading(atlas: Atlas, org_id: str, lang: str) -> str:
    """"ACR — Name" in ``lang`` (a popup's, the fill legend's heading); the id if unknown."""
    acr, name = org_titles(atlas, lang).get(org_id, (org_id, None))
    return acr if name is None else f"{acr}{ORG_SEP}{name}"


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


def org_labels(atlas: Atlas, lang: str, date: dt.date) -> dict[str, str]:
    """Each organization's picker label by id: ``ACRONYM — full name`` in ``lang``, the
    acronym marked "(until YYYY)" or "(from YYYY)" when it does not exist on ``date``.

    A reader picking among CST, CSTO and EurAsEC needs the names and which of them existed on
    the date. A name that only repeats the acronym is not repeated. Labels are unique (the
    widget maps labels back to ids): a label two organizations share gets ``[id]``. Built
    once per data, language and date (every viewer's sidebar asks on every run).
    """
    key = ("org_labels", lang, epochs.epoch(atlas, "memberships", date))
    return memo(atlas, key, lambda: _org_labels(atlas, lang, date))


def _org_labels(atlas: Atlas, lang: str, date: dt.date) -> dict[str, str]:
    o = atlas.organizations
    out: dict[str, str] = {}
    for r in o.to_dict("records"):
        acr, name = str(r[col("acronym", lang)]), str(r[col("name", lang)])
        name = name.removesuffix(f" ({acr})")  # "... States (Turkic Council)"
        head = acr + _existence(r, lang, date)  # by the acronym: a chip shows its start only
        out[r["org_id"]] = head if name in ("", acr) else f"{head}{ORG_SEP}{name}"
    seen = pd.Series(list(out.values())).duplicated(keep=False).tolist()
    return {k: f"{v} [{k}]" if dup else v for (k, v), dup in zip(out.items(), seen, strict=True)}


def _existence(r: dict, lang: str, date: dt.date) -> str:
    """`` (from 2001)`` before the organization's first day, `` (until 2002)`` after its
    last, else nothing."""
    day = pd.Timestamp(date)
    if day < r["founded_first"]:
        return " " + t("org_from", lang, year=str(r["founded"])[:4])
    if pd.notna(r["dissolved_last"]) and day > r["dissolved_last"]:
        return " " + t("org_dissolved", lang, year=str(r["dissolved"])[:4])
    return ""


def unchecked_locators(atlas: Atlas) -> int:
    """Rows whose locator was not checked: they cite an article whose file is not at hand."""
    return memo(atlas, ("unchecked_locators",), lambda: _unchecked(atlas))


def _unchecked(atlas: Atlas) -> int:
    src, files = atlas.sources, set(atlas.articles_missing)
    if not files or not {"source_id", "kind", "file"} <= set(src.columns):
        return 0
    ids = set(src.loc[(src["kind"] == "article") & src["file"].isin(files), "source_id"])
    frames = [getattr(atlas, n) for n in TABLES if n != "sources"] + list(atlas.extra.values())
    return sum(int(df["source_id"].isin(ids).sum()) for df in frames
               if "source_id" in df.columns and "locator" in df.columns)


def articles_notice(atlas: Atlas, lang: str, folder: str, found: bool) -> str | None:
    """Markdown saying which locators were not checked against the articles, and why; None
    when every cited article was at hand.

    ``folder`` is the articles folder's name (never its path: the notice is public); ``found``
    whether it exists. Without it every cited article is missing; with it, some files are.
    A data set citing no article needs no notice either way.
    """
    missing = atlas.articles_missing
    if not missing:
        return None
    n = unchecked_locators(atlas)
    if not found:
        return t("articles_folder_missing", lang, folder=md_code(clip(folder, 60)), n=n)
    named = ", ".join(md_code(clip(f, 60)) for f in missing[:MAX_FILES_NAMED])
    if len(missing) > MAX_FILES_NAMED:
        named += " " + t("and_more", lang, n=len(missing) - MAX_FILES_NAMED)
    return t("articles_files_missing", lang, files=named, k=len(missing), n=n)
