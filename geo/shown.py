"""What a view shows: the one definition the map, the figure and the exports all use.

A link is shown when it is active on the date (or over ``[start, date]``), of a kind asked for
and between two countries with an anchor; an event when the events layer is on and it has a
place; a membership when its organization is selected (plus former members with history).
"""

from __future__ import annotations

import pandas as pd

from geo import queries
from geo.tables import Atlas
from geo.view import View

__all__ = ["event_groups", "link_groups", "view_events", "view_links", "view_memberships"]


def view_links(atlas: Atlas, view: View) -> pd.DataFrame:
    """The links the map draws: active on the date (or over ``[start, date]``), of the kinds
    asked for (``links=()`` hides them all), between countries that have an anchor."""
    if view.links == ():
        return atlas.relations.iloc[0:0]
    r = queries.relations_between(atlas, view.start or view.date, view.date, kinds=view.links)
    known = set(atlas.countries["iso3"])
    return r[r["iso3_a"].isin(known) & r["iso3_b"].isin(known)].reset_index(drop=True)


def view_events(atlas: Atlas, view: View) -> pd.DataFrame:
    """The event markers the map draws: events under way, with a place, when the layer is on."""
    if "events" not in view.show:
        return atlas.events.iloc[0:0]
    ev = queries.events_between(atlas, view.start or view.date, view.date)
    return ev.dropna(subset=["lat", "lon"]).reset_index(drop=True)


def view_memberships(atlas: Atlas, view: View) -> pd.DataFrame:
    """The coloured countries: each (organization, country) status on the date, plus former
    members as status ``former`` when the history layer is on (their last period's dates)."""
    frames = [queries.status_on(atlas, view.date, view.orgs)]
    if "history" in view.show:
        frames.append(queries.former_members(atlas, view.date, view.orgs).assign(status="former"))
    rank = {o: i for i, o in enumerate(view.orgs)}
    m = pd.concat(frames, ignore_index=True)
    return m.sort_values(["org_id", "iso3"], key=lambda s: s.map(rank) if s.name == "org_id"
                         else s, ignore_index=True)


def _latest_first(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("start", ascending=False, kind="stable")


def link_groups(links: pd.DataFrame) -> pd.DataFrame:
    """One row per line the map draws: the links of one kind between one pair of countries
    (a → b where directed, either way where not).

    However many facts a pair has, it is one line: the map's size follows the pairs, not the
    rows. Columns: ``iso3_a``, ``iso3_b``, ``kind``, ``directed``, ``count``, ``start`` (the
    earliest), ``end`` (the latest; empty while any is open) and ``rows``: the group's links,
    latest first, as a DataFrame.
    """
    cols = ["iso3_a", "iso3_b", "kind", "directed", "count", "start", "end", "rows"]
    if links.empty:
        return pd.DataFrame(columns=cols)
    a, b = links["iso3_a"], links["iso3_b"]
    swap = ~links["directed"].astype(bool) & (a > b)
    key = links.assign(_a=a.where(~swap, b), _b=b.where(~swap, a))
    out = []
    for (ka, kb, kind, directed), g in key.groupby(["_a", "_b", "kind", "directed"],
                                                   sort=False):
        first = g.iloc[0]
        ends = g["end"].fillna("")
        out.append({"iso3_a": first["iso3_a"] if len(g) == 1 else ka,
                    "iso3_b": first["iso3_b"] if len(g) == 1 else kb,
                    "kind": kind, "directed": bool(directed), "count": len(g),
                    "start": g["start"].min(), "end": "" if (ends == "").any() else ends.max(),
                    "rows": _latest_first(g.drop(columns=["_a", "_b"]))})
    return pd.DataFrame(out, columns=cols)


def event_groups(events: pd.DataFrame) -> pd.DataFrame:
    """One row per marker: the events of one kind at one place (same coordinates).

    Columns: ``kind``, ``lat``, ``lon``, ``place``, ``count`` and ``rows`` (latest first).
    """
    cols = ["kind", "lat", "lon", "place", "count", "rows"]
    if events.empty:
        return pd.DataFrame(columns=cols)
    out = [{"kind": kind, "lat": lat, "lon": lon, "place": g["place"].iloc[0],
            "count": len(g), "rows": _latest_first(g)}
           for (kind, lat, lon), g in events.groupby(["kind", "lat", "lon"], sort=False)]
    return pd.DataFrame(out, columns=cols)
