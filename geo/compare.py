"""Compare two dates or two organizations: what changed, and who is in which. No Streamlit.

:func:`changes` lists, between two dates, every change of status in the chosen organizations
(who joined, left, was suspended or reinstated, changed status), the organizations founded or
dissolved, the links that began or ended and, optionally, the events that took place. A change
happens *on a day*: the day a status, a link or an organization first holds (or first no longer
holds), by the same rules as :mod:`geo.queries`, so the two maps of a comparison differ exactly
by the rows listed. :func:`org_diff` puts two organizations side by side on one date.
:func:`changes_table` and :func:`org_diff_table` are the same tables in the reader's language.
:func:`plan` reads what a view asks the compare page to show, with the page's defaults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

from geo import queries, wording
from geo.dates import span
from geo.i18n import col, t
from geo.reports import acronyms
from geo.tables import Atlas
from geo.view import FIRST_DAY, View

__all__ = ["CHANGES", "COLUMNS", "Plan", "change_labels", "changes", "changes_table",
           "csv_name", "default_date_b", "org_diff", "org_diff_table", "period", "plan"]

Day = dt.date | str
#: kinds of change, in the order a table lists those of the same day, with their catalog keys
CHANGES = (
    ("org_founded", "change_org_founded"),
    ("joined", "change_joined"),
    ("reinstated", "change_reinstated"),
    ("status_changed", "change_status_changed"),
    ("suspended", "change_suspended"),
    ("left", "change_left"),
    ("org_dissolved", "change_org_dissolved"),
    ("link_began", "change_link_began"),
    ("link_ended", "change_link_ended"),
    ("event", "change_event"),
)
_ORDER = {kind: i for i, (kind, _) in enumerate(CHANGES)}
#: which side of a comparison of two organizations a country is on, with catalog keys
SIDES = (("both", "cmp_side_both"), ("only_a", "cmp_side_only"), ("only_b", "cmp_side_only"))
COLUMNS = ["change", "org_id", "kind", "countries", "from_status", "to_status", "date", "day",
           "ref", "source_id", "locator"]
ONE_DAY = pd.Timedelta(days=1)


def period(date_a: Day, date_b: Day) -> tuple[dt.date, dt.date]:
    """The two dates of a comparison, earlier first (changes are those of ``(lo, hi]``)."""
    a, b = span(date_a)[0], span(date_b)[0]
    return (a, b) if a <= b else (b, a)


def _status_kind(before: str | None, after: str | None) -> str:
    if before is None:
        return "joined"
    if after is None:
        return "left"
    if after == "suspended":
        return "suspended"
    if before == "suspended" and after == "member":
        return "reinstated"
    if after == "member" and before in ("observer", "partner"):
        return "joined"  # admitted as a full member
    return "status_changed"


def _membership_changes(atlas: Atlas, lo: dt.date, hi: dt.date,
                        org_ids: list[str]) -> list[dict]:
    """Status changes on the days in ``(lo, hi]`` where a period or an organization starts or
    ends: the only days on which ``queries.status_on`` can answer differently."""
    m = atlas.memberships[atlas.memberships["org_id"].isin(org_ids)]
    o = atlas.organizations[atlas.organizations["org_id"].isin(org_ids)]
    days = pd.concat([m["start_first"], m["end_last"] + ONE_DAY,
                      o["founded_first"], o["dissolved_last"] + ONE_DAY]).dropna()
    days = sorted({d.date() for d in days if pd.Timestamp(lo) < d <= pd.Timestamp(hi)})
    alive = {d: queries.alive_on(atlas, d) for d in days}
    def status(day: dt.date) -> dict[tuple[str, str], dict]:
        s = queries.status_on(atlas, day, org_ids)
        return {(r["org_id"], r["iso3"]): r for r in s.to_dict("records")}

    rows: list[dict] = []
    before = status(lo)
    for day in days:
        after = status(day)
        for key in sorted(before.keys() | after.keys()):
            old, new = before.get(key), after.get(key)
            s_old = None if old is None else old["status"]
            s_new = None if new is None else new["status"]
            if s_old == s_new:
                continue
            org, iso = key
            if new is None and org not in alive[day]:
                continue  # the organization itself ended: its own row says so
            cited = new if new is not None else old
            rows.append({
                "change": _status_kind(s_old, s_new), "org_id": org, "kind": "",
                "countries": (iso,), "from_status": s_old or "", "to_status": s_new or "",
                "date": new["start"] if new is not None else (old["end"] or
                                                              (day - dt.timedelta(1)).isoformat()),
                "day": pd.Timestamp(day), "ref": "", "source_id": cited["source_id"],
                "locator": cited["locator"]})
        before = after
    return rows


def _org_changes(atlas: Atlas, lo: dt.date, hi: dt.date, org_ids: list[str]) -> list[dict]:
    o = atlas.organizations[atlas.organizations["org_id"].isin(org_ids)]
    lo_ts, hi_ts, rows = pd.Timestamp(lo), pd.Timestamp(hi), []
    for _, r in o.iterrows():
        for change, day, text in (("org_founded", r["founded_first"], r["founded"]),
                                  ("org_dissolved", r["dissolved_last"] + ONE_DAY,
                                   r["dissolved"])):
            if pd.notna(day) and lo_ts < day <= hi_ts:
                rows.append({"change": change, "org_id": r["org_id"], "kind": "",
                             "countries": (), "from_status": "", "to_status": "", "date": text,
                             "day": day, "ref": r["org_id"], "source_id": r["source_id"],
                             "locator": r["locator"]})
    return rows


def _link_changes(atlas: Atlas, lo: dt.date, hi: dt.date,
                  kinds: Iterable[str] | None) -> list[dict]:
    r = atlas.relations
    if kinds is not None:
        r = r[r["kind"].isin(list(kinds))]
    lo_ts, hi_ts, rows = pd.Timestamp(lo), pd.Timestamp(hi), []
    began = (r["start_first"] > lo_ts) & (r["start_first"] <= hi_ts)
    ended = r["end_last"].notna() & (r["end_last"] >= lo_ts) & (r["end_last"] < hi_ts)
    for change, picked, day, text in (("link_began", r[began], "start_first", "start"),
                                      ("link_ended", r[ended], "end_last", "end")):
        for _, x in picked.iterrows():
            rows.append({"change": change, "org_id": "", "kind": x["kind"],
                         "countries": (x["iso3_a"], x["iso3_b"]),
                         "from_status": "", "to_status": "", "date": x[text],
                         "day": x[day] + (ONE_DAY if change == "link_ended" else pd.Timedelta(0)),
                         "ref": x["relation_id"], "source_id": x["source_id"],
                         "locator": x["locator"]})
    return rows


def _event_rows(atlas: Atlas, lo: dt.date, hi: dt.date) -> list[dict]:
    e = atlas.events
    e = e[(e["start_first"] > pd.Timestamp(lo)) & (e["start_first"] <= pd.Timestamp(hi))]
    return [{"change": "event", "org_id": "", "kind": x["kind"],
             "countries": tuple(x["participants"]), "from_status": "", "to_status": "",
             "date": x["start"], "day": x["start_first"], "ref": x["event_id"],
             "source_id": x["source_id"], "locator": x["locator"]} for _, x in e.iterrows()]


def changes(atlas: Atlas, date_a: Day, date_b: Day, org_ids: Iterable[str],
            kinds: Iterable[str] | None = None, events: bool = False) -> pd.DataFrame:
    """What changed between two dates (in either order), oldest first.

    Parameters
    ----------
    org_ids
        Organizations whose members and lifetime are compared.
    kinds
        Link kinds to list (``None``: every kind, ``()``: no links).
    events
        Also list the events that started in between.

    Returns
    -------
    pandas.DataFrame
        One row per change, columns ``change`` (see :data:`CHANGES`), ``org_id`` (memberships
        and organizations), ``kind`` (link or event kind), ``countries`` (a tuple: the country,
        the link's two ends or the event's participants), ``from_status`` and ``to_status``
        (memberships; empty for none), ``date`` (the data's own date of the change: a period's
        start, or its end for a country that left or a link that ended), ``day`` (first day
        the change holds), ``ref`` (the relation's, event's or organization's id; empty for a
        membership), ``source_id``, ``locator`` (of the period, link, event or organization).
    """
    lo, hi = period(date_a, date_b)
    orgs = list(dict.fromkeys(org_ids))
    rows = (_org_changes(atlas, lo, hi, orgs) + _membership_changes(atlas, lo, hi, orgs)
            + _link_changes(atlas, lo, hi, kinds) + (_event_rows(atlas, lo, hi) if events else []))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="datetime64[s]" if c == "day" else object)
                             for c in COLUMNS})
    df = pd.DataFrame(rows, columns=COLUMNS)
    rank = {o: i for i, o in enumerate(orgs)}
    df["_order"] = df["change"].map(_ORDER)
    df["_org"] = df["org_id"].map(rank).fillna(len(rank))
    df["_key"] = [" ".join(c) for c in df["countries"]]
    df = df.sort_values(["day", "_order", "_org", "kind", "_key", "ref"], kind="stable")
    return df.drop(columns=["_order", "_org", "_key"]).reset_index(drop=True)


def org_diff(atlas: Atlas, date: Day, org_a: str, org_b: str) -> pd.DataFrame:
    """Countries holding a status in ``org_a``, ``org_b`` or both on ``date``.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3``, ``side`` (``both``, ``only_a``, ``only_b``), ``status_a`` and
        ``status_b`` (empty where none); both first, then only A, then only B, by ISO3.
    """
    s = queries.status_on(atlas, date, [org_a, org_b])
    a = dict(zip(s.loc[s["org_id"] == org_a, "iso3"], s.loc[s["org_id"] == org_a, "status"],
                 strict=True))
    b = dict(zip(s.loc[s["org_id"] == org_b, "iso3"], s.loc[s["org_id"] == org_b, "status"],
                 strict=True))
    order = {side: i for i, (side, _) in enumerate(SIDES)}
    rows = [{"iso3": iso, "side": "both" if iso in a and iso in b else
             "only_a" if iso in a else "only_b", "status_a": a.get(iso, ""),
             "status_b": b.get(iso, "")} for iso in sorted(set(a) | set(b))]
    df = pd.DataFrame(rows, columns=["iso3", "side", "status_a", "status_b"])
    return df.sort_values(["side", "iso3"], key=lambda c: c.map(order) if c.name == "side"
                          else c, ignore_index=True)


# --- in the reader's language ---------------------------------------------------------------

def change_labels(lang: str) -> dict[str, str]:
    """Kind of change -> its label."""
    return {kind: t(key, lang) for kind, key in CHANGES}


def changes_table(atlas: Atlas, df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows of :func:`changes`, translated: date, change, what, countries, statuses, source."""
    names, labels = wording.names(atlas, lang), change_labels(lang)
    orgs = atlas.organizations.set_index("org_id")
    directed = dict(zip(atlas.relations["relation_id"], atlas.relations["directed"],
                        strict=True))
    events = atlas.events.set_index("event_id")

    def what(r: pd.Series) -> str:
        if r["change"] in ("link_began", "link_ended"):
            return t(f"link_{r['kind']}", lang)
        if r["change"] == "event":
            kind = t(f"event_{r['kind']}", lang)
            return f"{kind}: {events.at[r['ref'], col('event_name', lang)]}"
        if r["change"] in ("org_founded", "org_dissolved"):
            return f"{orgs.at[r['org_id'], col('acronym', lang)]} — " \
                   f"{orgs.at[r['org_id'], col('name', lang)]}"
        return str(orgs.at[r["org_id"], col("acronym", lang)])

    def who(r: pd.Series) -> str:
        c = [names.get(i, i) for i in r["countries"]]
        if r["change"] in ("link_began", "link_ended") and len(c) == 2:
            return f"{c[0]} {'→' if directed.get(r['ref']) else '–'} {c[1]}"
        return ", ".join(c)

    def status(s: str) -> str:
        return t(f"status_{s}", lang) if s else ""

    return pd.DataFrame({
        t("col_date", lang): df["date"].to_numpy(dtype=object),
        t("col_change", lang): [labels[c] for c in df["change"]],
        t("col_what", lang): [what(r) for _, r in df.iterrows()],
        t("col_country", lang): [who(r) for _, r in df.iterrows()],
        t("col_from", lang): [status(s) for s in df["from_status"]],
        t("col_to", lang): [status(s) for s in df["to_status"]],
        t("col_id", lang): df["ref"].to_numpy(dtype=object),
        t("col_source", lang): df["source_id"].to_numpy(dtype=object),
        t("col_locator", lang): df["locator"].to_numpy(dtype=object),
    })


def org_diff_table(atlas: Atlas, date: Day, org_a: str, org_b: str, lang: str) -> pd.DataFrame:
    """:func:`org_diff` translated; the status columns are headed by each side's acronym."""
    df, names = org_diff(atlas, date, org_a, org_b), wording.names(atlas, lang)
    acr = acronyms(atlas, lang)  # unique labels: a table cannot have two equal columns
    side_a, side_b = t("cmp_left", lang, org=acr[org_a]), t("cmp_right", lang, org=acr[org_b])
    sides = {side: t(key, lang, org=acr[org_a] if side == "only_a" else acr[org_b])
             for side, key in SIDES}

    def status(s: str) -> str:
        return t(f"status_{s}", lang) if s else ""

    return pd.DataFrame({
        "ISO3": df["iso3"].to_numpy(dtype=object),
        t("col_country", lang): [names.get(i, i) for i in df["iso3"]],
        t("cmp_col_side", lang): [sides[s] for s in df["side"]],
        side_a: [status(s) for s in df["status_a"]],
        side_b: [status(s) for s in df["status_b"]],
    })


# --- what the compare page shows -------------------------------------------------------------

@dataclass(frozen=True)
class Plan:
    """A comparison: the view naming it (``cmp`` and ``date_b`` or ``orgs_b`` filled in, so a
    shared link restores it), the two organizations of the ``orgs`` mode, the organizations
    the page offers, and the views of the left and right maps."""

    view: View
    org_a: str
    org_b: str
    options: list[str]
    view_a: View
    view_b: View


def default_date_b(date: dt.date, today: dt.date) -> dt.date:
    """Today, or ten years earlier when ``date`` is within the last year."""
    if date <= today - dt.timedelta(days=365):
        return today
    return max(FIRST_DAY, date.replace(year=date.year - 10, day=min(date.day, 28)))


def plan(view: View, org_ids: list[str], today: dt.date) -> Plan:
    """What ``view`` asks the compare page for, with the page's defaults where it is silent:
    two dates; the second today (see :func:`default_date_b`); the CSTO on the left and the
    SCO on the right. On two dates the right map keeps the view's range when it fits."""
    mode = view.cmp or "dates"
    date_b = view.date_b or default_date_b(view.date, today)
    org_a = view.orgs[0] if view.orgs else next((o for o in ("CSTO", *org_ids)
                                                 if o in org_ids), "CSTO")
    org_b = view.orgs_b[0] if view.orgs_b else next(o for o in ("SCO", "CSTO", *org_ids)
                                                    if o != org_a)
    options = list(dict.fromkeys([*org_ids, org_a, org_b]))  # what the view names is offered
    if mode == "dates":
        view = replace(view, cmp=mode, date_b=date_b)
        start_b = view.start if view.start and view.start <= date_b else None
        sides = view, replace(view, date=date_b, start=start_b)
    else:
        view = replace(view, cmp=mode, orgs_b=(org_b,))
        sides = replace(view, orgs=(org_a,)), replace(view, orgs=(org_b,))
    return Plan(view, org_a, org_b, options, *sides)


def csv_name(p: Plan) -> str:
    """The download's file name: the two dates, or the two organizations and the date."""
    v = p.view
    if v.cmp == "dates":
        lo, hi = period(v.date, v.date_b)
        return f"atlas-changes-{lo.isoformat()}-{hi.isoformat()}-{v.lang}.csv"
    return f"atlas-{p.org_a}-{p.org_b}-{v.date.isoformat()}-{v.lang}.csv"
