"""What a view shows: the one definition the map, the figure and the exports all use.

A link is shown when it is active on the date (or over ``[start, date]``), of a kind asked for
and between two countries with an anchor; an event when the events layer is on and it has a
place; a membership when its organization is selected (plus former members with history).
"""

from __future__ import annotations

import pandas as pd

from geo import epochs, lineage, queries
from geo.memo import memo
from geo.tables import Atlas
from geo.view import View

__all__ = ["LISTED", "event_groups", "link_groups", "view_events", "view_links", "view_memberships"]


def view_links(atlas: Atlas, view: View) -> pd.DataFrame:
    """The links the map draws: active on the date (or over ``[start, date]``), of the kinds
    asked for (``links=()`` hides them all), between countries that have an anchor."""
    return memo(atlas, ("view_links", *epochs.view_key(atlas, view, "relations"), view.links),
                lambda: _view_links(atlas, view))


def _view_links(atlas: Atlas, view: View) -> pd.DataFrame:
    if view.links == ():
        return atlas.relations.iloc[0:0]
    r = queries.relations_between(atlas, view.start or view.date, view.date, kinds=view.links)
    known = set(atlas.countries["iso3"])
    return r[r["iso3_a"].isin(known) & r["iso3_b"].isin(known)].reset_index(drop=True)


def view_events(atlas: Atlas, view: View) -> pd.DataFrame:
    """The event markers the map draws: events under way, with a place, when the layer is on."""
    return memo(atlas, ("view_events", *epochs.view_key(atlas, view, "events"),
                        "events" in view.show),
                lambda: _view_events(atlas, view))


def _view_events(atlas: Atlas, view: View) -> pd.DataFrame:
    if "events" not in view.show:
        return atlas.events.iloc[0:0]
    ev = queries.events_between(atlas, view.start or view.date, view.date)
    return ev.dropna(subset=["lat", "lon"]).reset_index(drop=True)


def view_memberships(atlas: Atlas, view: View) -> pd.DataFrame:
    """The coloured countries: each (organization, country) status on the date, plus former
    members as status ``former`` when the history layer is on (their last period's dates).

    An organization not founded yet on the date is drawn as the predecessor that existed then
    (:func:`geo.lineage.on_map`: the CST in place of the CSTO in 1995). Kept per stretch of
    dates (:mod:`geo.epochs`); shared, so read it, never change it."""
    key = ("view_memberships", view.orgs, *epochs.view_key(atlas, view, "memberships"),
           "history" in view.show)
    return memo(atlas, key, lambda: _view_memberships(atlas, view))


def _view_memberships(atlas: Atlas, view: View) -> pd.DataFrame:
    view = lineage.on_map(atlas, view)
    frames = [queries.status_on(atlas, view.date, view.orgs)]
    if "history" in view.show:
        frames.append(queries.former_members(atlas, view.date, view.orgs).assign(status="former"))
    rank = {o: i for i, o in enumerate(view.orgs)}
    m = pd.concat(frames, ignore_index=True)
    return m.sort_values(["org_id", "iso3"], key=lambda s: s.map(rank) if s.name == "org_id"
                         else s, ignore_index=True)


#: the links or events a group keeps to list (its latest): a popup shows these and a count
LISTED = 5


def _latest_first(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("start", ascending=False, kind="stable")


def _listed(df: pd.DataFrame, groups: dict) -> dict:
    """The first LISTED rows of each group as dicts, taken from the frame in one go."""
    heads = {k: idx[:LISTED] for k, idx in groups.items()}
    flat = [i for idx in heads.values() for i in idx]
    records = iter(df.iloc[flat].to_dict("records"))
    return {k: [next(records) for _ in idx] for k, idx in heads.items()}


def link_groups(links: pd.DataFrame) -> pd.DataFrame:
    """One row per line the map draws: the links of one kind between one pair of countries
    (a → b where directed, either way where not).

    However many facts a pair has, it is one line: the map's size follows the pairs, not the
    rows. Columns: ``iso3_a``, ``iso3_b``, ``kind``, ``directed``, ``count``, ``start`` (the
    earliest), ``end`` (the latest; empty while any is open) and ``rows``: the latest
    :data:`LISTED` links as dicts, latest first.
    """
    cols = ["iso3_a", "iso3_b", "kind", "directed", "count", "start", "end", "rows"]
    if links.empty:
        return pd.DataFrame(columns=cols)
    links = _latest_first(links).reset_index(drop=True)  # once: groups keep this order
    a, b = links["iso3_a"], links["iso3_b"]
    swap = ~links["directed"].astype(bool) & (a > b)
    ends = links["end"].fillna("")
    frame = pd.DataFrame({"a": a.where(~swap, b), "b": b.where(~swap, a), "kind": links["kind"],
                          "directed": links["directed"].astype(bool), "start": links["start"],
                          "end": ends, "open": ends.eq("")})
    grouped = frame.groupby(["a", "b", "kind", "directed"], sort=False)
    agg = grouped.agg(count=("start", "size"), start=("start", "min"), end=("end", "max"),
                      open=("open", "any"))
    listed = _listed(links, grouped.indices)
    out = []
    for key, g in zip(agg.index, agg.itertuples(index=False), strict=True):
        rows = listed[key]
        one = g.count == 1  # a single link keeps its own direction of writing
        out.append({"iso3_a": rows[0]["iso3_a"] if one else key[0],
                    "iso3_b": rows[0]["iso3_b"] if one else key[1],
                    "kind": key[2], "directed": bool(key[3]), "count": int(g.count),
                    "start": g.start, "end": "" if g.open else g.end, "rows": rows})
    return pd.DataFrame(out, columns=cols)


def event_groups(events: pd.DataFrame) -> pd.DataFrame:
    """One row per marker: the events of one kind at one place (same coordinates).

    Columns: ``kind``, ``lat``, ``lon``, ``place``, ``count`` and ``rows`` (the latest
    :data:`LISTED` as dicts).
    """
    cols = ["kind", "lat", "lon", "place", "count", "rows"]
    if events.empty:
        return pd.DataFrame(columns=cols)
    events = _latest_first(events).reset_index(drop=True)
    groups = events.groupby(["kind", "lat", "lon"], sort=False).indices
    listed = _listed(events, groups)
    out = [{"kind": kind, "lat": lat, "lon": lon, "place": listed[k][0]["place"],
            "count": len(groups[k]), "rows": listed[k]}
           for k in groups for kind, lat, lon in [k]]
    return pd.DataFrame(out, columns=cols)
