"""Tables the pages show, in the reader's language: pure pandas, no Streamlit.

Column headers are translated here so that what a page shows and what it offers for download
are the same table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from geo import epochs, queries, wording
from geo.i18n import col, t
from geo.memo import memo
from geo.shown import link_groups, view_links
from geo.tables import Atlas
from geo.view import View

__all__ = [
    "FACT_TABLES", "acronyms", "lines_table",
    "country_tables", "membership_periods", "notes_table", "relations_table", "source_facts",
    "status_matrix", "timeline_items",
]

FACT_TABLES = ("organizations", "memberships", "relations", "events")


def acronyms(atlas: Atlas, lang: str) -> pd.Series:
    """Each organization's acronym by id, made unique (``SCO (SCO2)``): tables head columns
    with them, and two organizations may share one (duplicate columns break a table)."""
    def build() -> pd.Series:
        acr = atlas.organizations.set_index("org_id")[col("acronym", lang)].astype(str)
        shared = acr.duplicated(keep=False)
        return acr.where(~shared, acr + " (" + acr.index.to_series(index=acr.index) + ")")

    return memo(atlas, ("acronyms", lang), build)  # every sidebar run: shared, never changed


_acronyms = acronyms


def status_matrix(atlas: Atlas, date: dt.date, org_ids: Iterable[str], lang: str) -> pd.DataFrame:
    """Country × organization status on ``date``: the table alternative to the choropleths."""
    orgs = tuple(org_ids)
    return memo(atlas, ("status_matrix", epochs.epoch(atlas, "memberships", date), orgs, lang),
                lambda: _status_matrix(atlas, date, orgs, lang))


def _status_matrix(atlas: Atlas, date: dt.date, org_ids: Iterable[str],
                   lang: str) -> pd.DataFrame:
    s = queries.status_on(atlas, date, list(org_ids))
    if s.empty:
        return pd.DataFrame()
    s = s.assign(country=s["iso3"].map(wording.names(atlas, lang)),
                 org=s["org_id"].map(_acronyms(atlas, lang)),
                 label=[t(f"status_{x}", lang) for x in s["status"]])
    m = s.pivot_table(index=["iso3", "country"], columns="org", values="label", aggfunc="first")
    m = m.reindex(columns=[a for a in _acronyms(atlas, lang)[list(org_ids)] if a in m.columns])
    m = m.fillna("").reset_index().sort_values("country", ignore_index=True)
    return m.rename(columns={"iso3": "ISO3", "country": t("col_country", lang)})


def membership_periods(atlas: Atlas, org_ids: Iterable[str], lang: str,
                       today: dt.date | None = None) -> pd.DataFrame:
    """Every membership period of ``org_ids`` with drawable start/end days (open ends = today)."""
    today = today or dt.date.today()
    m = atlas.memberships[atlas.memberships["org_id"].isin(list(org_ids))]
    end = m["end_last"].fillna(pd.Timestamp(today))
    return pd.DataFrame({
        "country": m["iso3"].map(wording.names(atlas, lang)).to_numpy(),
        "org": m["org_id"].map(_acronyms(atlas, lang)).to_numpy(),
        "status": [t(f"status_{x}", lang) for x in m["status"]],
        "status_id": m["status"].to_numpy(),
        "start": m["start_first"].to_numpy(), "end": end.to_numpy(),
        "start_text": m["start"].to_numpy(), "end_text": m["end"].fillna("").to_numpy(),
        "source": m["source_id"].to_numpy(), "note": m["note"].fillna("").to_numpy(),
    })


def relations_table(atlas: Atlas, lang: str, start: dt.date | None = None,
                    end: dt.date | None = None, kinds: Iterable[str] | None = None,
                    countries: Iterable[str] | None = None,
                    sources: Iterable[str] | None = None) -> pd.DataFrame:
    """Links filtered by kind, country (either end), source and active range, translated."""
    r = (queries.relations_between(atlas, start, end, kinds) if start
         else atlas.relations.sort_values(["start_first", "relation_id"]))
    if kinds is not None:
        r = r[r["kind"].isin(list(kinds))]
    if countries:
        c = list(countries)
        r = r[r["iso3_a"].isin(c) | r["iso3_b"].isin(c)]
    if sources:
        r = r[r["source_id"].isin(list(sources))]
    names = wording.names(atlas, lang)
    return pd.DataFrame({
        t("col_id", lang): r["relation_id"].to_numpy(),
        t("col_kind", lang): [t(f"link_{k}", lang) for k in r["kind"]],
        t("col_a", lang): r["iso3_a"].map(names).to_numpy(),
        t("col_b", lang): r["iso3_b"].map(names).to_numpy(),
        t("col_directed", lang): r["directed"].to_numpy(),
        t("col_start", lang): r["start"].to_numpy(),
        t("col_end", lang): r["end"].fillna("").to_numpy(),
        t("col_summary", lang): r[col("summary", lang)].to_numpy(),
        t("col_source", lang): r["source_id"].to_numpy(),
        t("col_locator", lang): r["locator"].to_numpy(),
        t("col_note", lang): r["note"].fillna("").to_numpy(),
    })


def timeline_items(atlas: Atlas, lang: str, start: dt.date | None = None,
                   end: dt.date | None = None) -> pd.DataFrame:
    """Events and links in one list, oldest first (optionally those active in a range)."""
    ev = queries.events_between(atlas, start, end) if start else atlas.events
    rel = queries.relations_between(atlas, start, end) if start else atlas.relations
    names = wording.names(atlas, lang)
    items = pd.concat([
        pd.DataFrame({
            "first": ev["start_first"], t("col_date", lang): ev["start"],
            t("col_end", lang): ev["end"].fillna(""),
            t("col_type", lang): t("item_event", lang),
            t("col_kind", lang): [t(f"event_{k}", lang) for k in ev["kind"]],
            t("col_what", lang): ev[col("event_name", lang)],
            t("col_participants", lang): [", ".join(names.get(p, p) for p in ps)
                                          for ps in ev["participants"]],
            t("col_summary", lang): ev[col("summary", lang)],
            t("col_source", lang): ev["source_id"], t("col_note", lang): ev["note"].fillna(""),
        }),
        pd.DataFrame({
            "first": rel["start_first"], t("col_date", lang): rel["start"],
            t("col_end", lang): rel["end"].fillna(""),
            t("col_type", lang): t("item_link", lang),
            t("col_kind", lang): [t(f"link_{k}", lang) for k in rel["kind"]],
            t("col_what", lang): [f"{names.get(a, a)} {'→' if d else '–'} {names.get(b, b)}"
                                  for a, b, d in zip(rel["iso3_a"], rel["iso3_b"],
                                                     rel["directed"], strict=True)],
            t("col_participants", lang): "",
            t("col_summary", lang): rel[col("summary", lang)],
            t("col_source", lang): rel["source_id"], t("col_note", lang): rel["note"].fillna(""),
        }),
    ], ignore_index=True)
    return items.sort_values("first", kind="stable").drop(columns="first").reset_index(drop=True)


def source_facts(atlas: Atlas, lang: str) -> pd.DataFrame:
    """Each source with how many rows of each fact table cite it."""
    s = atlas.sources
    out = pd.DataFrame({
        t("col_id", lang): s["source_id"],
        t("col_type", lang): [t(f"source_{k}", lang) for k in s["kind"]],
        t("col_title", lang): s["title"], t("col_outlet", lang): s["outlet"].fillna(""),
        t("col_published", lang): s["published"].fillna(""),
        t("col_file", lang): s["file"].fillna(""), t("col_url", lang): s["url"].fillna(""),
    })
    total = 0
    for name in FACT_TABLES:
        counts = getattr(atlas, name)["source_id"].value_counts()
        out[t(f"table_{name}", lang)] = s["source_id"].map(counts).fillna(0).astype(int).to_numpy()
        total = total + out[t(f"table_{name}", lang)]
    out[t("col_facts", lang)] = total
    return out


def notes_table(atlas: Atlas, lang: str, source_id: str | None = None) -> pd.DataFrame:
    """Every row with a note (garbled, wrong or disputed passages; approximations)."""
    frames = []
    for name in FACT_TABLES:
        df = getattr(atlas, name)
        df = df[df["note"].fillna("") != ""]
        if source_id:
            df = df[df["source_id"] == source_id]
        key = df.columns[0]
        frames.append(pd.DataFrame({
            t("col_table", lang): t(f"table_{name}", lang), t("col_id", lang): df[key].astype(str),
            t("col_source", lang): df["source_id"], t("col_locator", lang): df["locator"],
            t("col_note", lang): df["note"],
        }))
    return pd.concat(frames, ignore_index=True)


def country_tables(atlas: Atlas, iso3: str, lang: str) -> dict[str, pd.DataFrame] | None:
    """The country card: its memberships, links and events, each with source and locator; the
    same for every viewer of the same data (kept in :mod:`geo.memo`; callers must not mutate)."""
    return memo(atlas, ("country_tables", iso3, lang), lambda: _country_tables(atlas, iso3, lang))


def _country_tables(atlas: Atlas, iso3: str, lang: str) -> dict[str, pd.DataFrame] | None:
    prof = queries.country_profile(atlas, iso3)
    if prof is None:
        return None
    names = wording.names(atlas, lang)
    m, r, e = prof["memberships"], prof["relations"], prof["events"]

    def cite(df: pd.DataFrame) -> dict:
        return {t("col_source", lang): df["source_id"].to_numpy(),
                t("col_locator", lang): df["locator"].to_numpy(),
                t("col_note", lang): df["note"].to_numpy()}

    tables = {
        "name": prof[col("name", lang)],
        "memberships": pd.DataFrame({
            t("col_org", lang): m[col("acronym", lang)].to_numpy(),
            t("col_status", lang): [t(f"status_{x}", lang) for x in m["status"]],
            t("col_start", lang): m["start"].to_numpy(), t("col_end", lang): m["end"].to_numpy(),
            **cite(m)}),
        "relations": pd.DataFrame({
            t("col_kind", lang): [t(f"link_{k}", lang) for k in r["kind"]],
            t("col_what", lang): [f"{names.get(a, a)} {'→' if d else '–'} {names.get(b, b)}"
                                  for a, b, d in zip(r["iso3_a"], r["iso3_b"], r["directed"],
                                                     strict=True)],
            t("col_start", lang): r["start"].to_numpy(), t("col_end", lang): r["end"].to_numpy(),
            t("col_summary", lang): r[col("summary", lang)].to_numpy(), **cite(r)}),
        "events": pd.DataFrame({
            t("col_what", lang): e[col("event_name", lang)].to_numpy(),
            t("col_start", lang): e["start"].to_numpy(), t("col_end", lang): e["end"].to_numpy(),
            t("col_place", lang): e["place"].to_numpy(), **cite(e)}),
    }
    # the card's narrow column shows each table without its citations (its details show them)
    cited = list(cite(m.iloc[:0]))
    return {**tables, "brief": {k: tables[k].drop(columns=cited)
                                for k in ("memberships", "relations", "events")}}


def lines_table(atlas: Atlas, view: View) -> pd.DataFrame:
    """The links as the map draws them, one row per line (a pair and a kind) with how many
    links it stands for and the latest: the table alternative to the lines. The Relations
    page lists every link."""
    return memo(atlas, ("lines_table", view.lang, *epochs.view_key(atlas, view, "relations"),
                        view.links),
                lambda: _lines_table(atlas, view))


def _lines_table(atlas: Atlas, view: View) -> pd.DataFrame:
    lang, names = view.lang, wording.names(atlas, view.lang)
    g = link_groups(view_links(atlas, view))
    latest = [rows[0] for rows in g["rows"]]
    return pd.DataFrame({
        t("col_kind", lang): [t(f"link_{k}", lang) for k in g["kind"]],
        t("col_a", lang): g["iso3_a"].map(names).to_numpy(),
        t("col_b", lang): g["iso3_b"].map(names).to_numpy(),
        t("col_directed", lang): g["directed"].to_numpy(dtype=bool),
        t("col_links", lang): g["count"].to_numpy(dtype=int),
        t("col_start", lang): g["start"].to_numpy(),
        t("col_end", lang): g["end"].to_numpy(),
        t("col_latest", lang): [r[col("summary", lang)] for r in latest],
        t("col_source", lang): [r["source_id"] for r in latest],
        t("col_locator", lang): [r["locator"] for r in latest],
    })
