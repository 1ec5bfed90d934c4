"""The questions the dashboard asks of an :class:`~geo.tables.Atlas`, one function each.

Dates may be ``datetime.date`` or partial ISO strings. A question *on* a date takes the first day
of a partial string; a question over a range takes every day of it (``"2024"`` = the whole year).
Periods follow the data convention: ``[start, end]`` covers ``start.first_day`` to
``end.last_day``, an empty end is still open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from geo import epochs
from geo.dates import span
from geo.memo import memo
from geo.tables import Atlas

__all__ = ["ONGOING_EVENT_KINDS", "STATUS_COLUMNS", "alive_on", "country_profile",
           "event_ends", "events_between",
           "former_members", "organizations_on", "overlap_on", "relations_between",
           "status_on"]

Day = dt.date | str
#: event kinds that go on until their ``end`` (a base stays); other events with no ``end``
#: last only as long as their start date says (a day, a month or a year)
ONGOING_EVENT_KINDS = frozenset({"base", "programme"})
STATUS_COLUMNS = ["org_id", "iso3", "status", "start", "end", "source_id", "locator", "note"]


def _ts(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day)


def _active(df: pd.DataFrame, lo: dt.date, hi: dt.date, col: str = "start", end: str = "end"):
    """Rows whose period shares at least one day with ``[lo, hi]``."""
    last = df[f"{end}_last"]
    return (df[f"{col}_first"] <= _ts(hi)) & (last.isna() | (last >= _ts(lo)))


def _pick(values: str | Iterable[str] | None) -> list[str] | None:
    return None if values is None else [values] if isinstance(values, str) else list(values)


def _takes_part(df: pd.DataFrame, iso3: str) -> pd.Series:
    return pd.Series([iso3 in p for p in df["participants"]], index=df.index, dtype=bool)


def organizations_on(atlas: Atlas, date: Day) -> pd.DataFrame:
    """Organizations founded and not yet dissolved on ``date``.

    A predecessor is dissolved the day before its successor is founded (``data/README.md``), so
    the two never both exist on one day.
    """
    d = span(date)[0]
    o = atlas.organizations
    return o[_active(o, d, d, "founded", "dissolved")].reset_index(drop=True)


def alive_on(atlas: Atlas, date: Day) -> frozenset[str]:
    """The ids of :func:`organizations_on`, kept per stretch of dates (:mod:`geo.epochs`): the
    map, its legend and the badges ask several times a run."""
    return memo(atlas, ("alive_on", epochs.epoch(atlas, "memberships", date)),
                lambda: frozenset(organizations_on(atlas, date)["org_id"]))


def status_on(atlas: Atlas, date: Day, org_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Status of each country in each organization on ``date``: one row per (org_id, iso3).

    Exits, re-entries and suspensions are separate periods, so the row active on the date tells.
    Two periods may both cover it when they meet at a partial date (``end=2024-02``, next
    ``start=2024-02``): the later start wins, as the data convention says. Organizations not yet
    founded or already dissolved on the date give no rows.

    Returns
    -------
    pandas.DataFrame
        Columns org_id, iso3, status, start, end, source_id, locator.
    """
    d = span(date)[0]
    a, day = _arrays(atlas), np.datetime64(d, "D")
    rows = np.flatnonzero((a["first"] <= day) & (np.isnat(a["last"]) | (a["last"] >= day))
                          & _of(atlas, d, org_ids))
    return _latest(atlas, rows, a["first"])


def _arrays(atlas: Atlas) -> dict[str, np.ndarray]:
    """The memberships' first and last days, lines, organizations and countries as arrays,
    once per data: a question on a date is then a few comparisons, not a chain of pandas
    selections (the map asks several per new date)."""
    m = atlas.memberships
    return memo(atlas, ("membership_arrays",), lambda: {
        "first": m["start_first"].to_numpy("datetime64[D]"),
        "last": m["end_last"].to_numpy("datetime64[D]"), "line": m["line"].to_numpy(),
        "org": m["org_id"].to_numpy(object), "iso": m["iso3"].to_numpy(object)})


def _of(atlas: Atlas, d: dt.date, org_ids: Iterable[str] | None) -> np.ndarray:
    """Rows of organizations alive on ``d`` (and among ``org_ids``, when given)."""
    alive = alive_on(atlas, d)
    if (ids := _pick(org_ids)) is not None:
        alive = alive & set(ids)
    return np.fromiter((o in alive for o in _arrays(atlas)["org"]), bool)


def _latest(atlas: Atlas, rows, by: np.ndarray) -> pd.DataFrame:
    """Of ``rows``, the one with the latest ``by`` (then line) per (org_id, iso3), as
    :data:`STATUS_COLUMNS` sorted by org_id and iso3."""
    a = _arrays(atlas)
    last: dict[tuple[str, str], int] = {}
    for i in sorted(rows, key=lambda i: (by[i], a["line"][i])):
        last[a["org"][i], a["iso"][i]] = i
    keep = [last[k] for k in sorted(last)]
    return atlas.memberships.iloc[keep][STATUS_COLUMNS].reset_index(drop=True)


def former_members(atlas: Atlas, date: Day, org_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Countries that held a status in an organization before ``date`` and hold none on it.

    For the "history" layer (Uzbekistan in the CSTO after 2012). Only organizations alive on the
    date; ``status`` and ``end`` are those of the last period that ended.
    """
    d = span(date)[0]
    s = status_on(atlas, d, org_ids)
    now = set(zip(s["org_id"], s["iso3"], strict=True))
    a = _arrays(atlas)
    rows = [i for i in np.flatnonzero((a["last"] < np.datetime64(d, "D")) & _of(atlas, d, org_ids))
            if (a["org"][i], a["iso"][i]) not in now]
    return _latest(atlas, rows, a["last"])


def overlap_on(atlas: Atlas, date: Day, org_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """How many of the organizations each country is a full member of on ``date``.

    Observers, partners and suspended members do not count. Countries in none are left out.

    Returns
    -------
    pandas.DataFrame
        Columns iso3, count, org_ids (sorted tuple), most memberships first.
    """
    s = status_on(atlas, date, org_ids)
    g = s[s["status"] == "member"].groupby("iso3")["org_id"].agg(lambda x: tuple(sorted(x)))
    out = pd.DataFrame({"iso3": g.index.astype(str), "count": g.map(len).to_numpy(dtype="int64"),
                        "org_ids": pd.Series(list(g), dtype=object)})
    return out.sort_values(["count", "iso3"], ascending=[False, True], ignore_index=True)


def _between(df: pd.DataFrame, start: Day, end: Day | None, kinds) -> pd.Series:
    keep = _active(df, span(start)[0], span(start if end is None else end)[1])
    if (k := _pick(kinds)) is not None:
        keep &= df["kind"].isin(k)
    return keep


def relations_between(atlas: Atlas, start: Day, end: Day | None = None,
                      kinds: Iterable[str] | None = None, iso3: str | None = None) -> pd.DataFrame:
    """Bilateral links active on ``start`` (no ``end``) or at any time in ``[start, end]``.

    ``kinds`` keeps those kinds only; ``iso3`` keeps links with that country at either end.
    """
    r = atlas.relations
    keep = _between(r, start, end, kinds)
    if iso3:
        keep &= (r["iso3_a"] == iso3) | (r["iso3_b"] == iso3)
    return r[keep].sort_values(["start_first", "relation_id"], ignore_index=True)


def events_between(atlas: Atlas, start: Day, end: Day | None = None,
                   kinds: Iterable[str] | None = None, iso3: str | None = None) -> pd.DataFrame:
    """Events under way on ``start`` (no ``end``) or at any time in ``[start, end]``.

    An event with an empty ``end`` lasts its start date's span, unless its kind is ongoing
    (:data:`ONGOING_EVENT_KINDS`).

    ``kinds`` keeps those kinds only; ``iso3`` keeps events that country took part in.
    """
    e = atlas.events.assign(end_last=event_ends(atlas.events))
    keep = _between(e, start, end, kinds)
    if iso3:
        keep &= _takes_part(e, iso3)
    return e[keep].sort_values(["start_first", "event_id"], ignore_index=True)


def event_ends(events: pd.DataFrame) -> pd.Series:
    """Each event's last day: an event with an empty ``end`` lasts its start date's span,
    unless its kind is ongoing (:data:`ONGOING_EVENT_KINDS`), which lasts while it is open."""
    closed = events["end"].eq("") & ~events["kind"].isin(ONGOING_EVENT_KINDS)
    return events["end_last"].mask(closed, events["start_last"])


def _cited(atlas: Atlas, df: pd.DataFrame) -> pd.DataFrame:
    """Add the cited source's kind, title, outlet, published and url as ``source_*`` columns."""
    cols = ["kind", "title", "outlet", "published", "url"]
    src = atlas.sources[["source_id", *cols]].rename(columns={c: f"source_{c}" for c in cols})
    return df.merge(src, on="source_id", how="left")


def country_profile(atlas: Atlas, iso3: str) -> dict | None:
    """Everything the atlas says about one country, each fact with its source; None if unknown.

    Returns
    -------
    dict
        iso3, name_en, name_fr, capital, and DataFrames ``memberships`` (every period, with the
        organization's acronyms), ``relations`` and ``events``, oldest first, each with
        ``locator`` and ``source_title``, ``source_outlet``, ``source_published``...
    """
    c = atlas.countries[atlas.countries["iso3"] == iso3]
    if c.empty:
        return None
    orgs = atlas.organizations[["org_id", "acronym_en", "acronym_fr"]]
    m = atlas.memberships[atlas.memberships["iso3"] == iso3].merge(orgs, on="org_id", how="left")
    r, e = atlas.relations, atlas.events
    r = r[(r["iso3_a"] == iso3) | (r["iso3_b"] == iso3)]
    e = e[_takes_part(e, iso3)]
    return {**c.iloc[0][["iso3", "name_en", "name_fr", "capital"]].to_dict(),
            "memberships": _cited(atlas, m.sort_values(["start_first", "org_id"])),
            "relations": _cited(atlas, r.sort_values(["start_first", "relation_id"])),
            "events": _cited(atlas, e.sort_values(["start_first", "event_id"]))}
