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

__all__ = ["view_events", "view_links", "view_memberships"]


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
