"""The days on which what the map draws can change, so that one result serves a whole stretch.

A membership, an organization, a link or an event starts or stops counting on a few days only:
its first day, and the day after its last. Between two such days every date gives the same
rows, so a result computed for 3 March 2004 is the one for every day until the next change.
Keying results by the stretch (:func:`epoch`) instead of the day turns the 12,000-odd days
since 1991 into about a hundred results for the countries (105 on the shipped data), which a
room of viewers dragging the date through the years then shares.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from geo.dates import span
from geo.memo import memo
from geo.tables import Atlas

__all__ = ["FACTS", "epoch", "period", "view_key"]

#: what a result depends on → the tables whose periods decide it (the memberships' also the
#: organizations': one not founded or dissolved has no members, and a predecessor stands in)
FACTS = ("memberships", "relations", "events")
_ONE_DAY = pd.Timedelta(days=1)


def _periods(atlas: Atlas, facts: str) -> list[tuple[pd.Series, pd.Series]]:
    """(first days, last days) of every period that decides ``facts``."""
    if facts == "memberships":
        m, o = atlas.memberships, atlas.organizations
        return [(m["start_first"], m["end_last"]), (o["founded_first"], o["dissolved_last"])]
    if facts == "relations":
        r = atlas.relations
        return [(r["start_first"], r["end_last"])]
    if facts == "events":
        from geo.queries import event_ends  # geo.queries keys its memos with this module

        return [(atlas.events["start_first"], event_ends(atlas.events))]
    raise ValueError(f"unknown facts {facts!r}: one of {FACTS}")


def _changes(atlas: Atlas, facts: str) -> np.ndarray:
    def build() -> np.ndarray:
        days = [s for first, last in _periods(atlas, facts)
                for s in (first.dropna(), last.dropna() + _ONE_DAY)]
        stamps = pd.concat(days) if days else pd.Series([], dtype="datetime64[ns]")
        return np.unique(stamps.to_numpy(dtype="datetime64[D]"))

    return memo(atlas, ("changes", facts), build)


def epoch(atlas: Atlas, facts: str, day: dt.date | str) -> int:
    """The stretch of time between two changes of ``facts`` that ``day`` (its first day, for a
    partial date) falls in: two days with the same number see the same rows."""
    first = np.datetime64(span(day)[0], "D")
    return int(np.searchsorted(_changes(atlas, facts), first, side="right"))


def period(atlas: Atlas, facts: str, start: dt.date | str | None,
           end: dt.date | str) -> tuple[int | None, int]:
    """The key of a question on ``end`` (``start`` None) or over ``[start, end]``: a row counts
    when it starts by ``end`` and ends from ``start``, so the two stretches decide it."""
    if start is None:
        return None, epoch(atlas, facts, end)
    last = np.datetime64(span(end)[1], "D")
    return epoch(atlas, facts, start), int(np.searchsorted(_changes(atlas, facts), last,
                                                           side="right"))


def view_key(atlas: Atlas, view, *facts: str) -> tuple:
    """What of ``view``'s dates decides ``facts``, for a memo key in place of the dates: the
    date's stretch for the memberships (always on the date), the stretches of ``[start, date]``
    for links and events."""
    return tuple(epoch(atlas, f, view.date) if f == "memberships"
                 else period(atlas, f, view.start, view.date) for f in facts)
