"""Time in the data: how far the facts reach, and which predecessor stands in for an
organization on a date before it existed.

Before 2002 there was no CSTO, but there was the Collective Security Treaty it grew out of: a
map of the CSTO in 1995 that showed nothing would tell the reader less than the data knows. A
*succession* is read from ``organizations.csv``: a row whose ``successor_id`` names an
organization founded after it (CST → CSTO, Shanghai Five → SCO, Turkic Council → OTS, EurAsEC →
EAEU, Central Asian Union → CAEC → CACO). A merger into an older body (CACO into EurAsEC,
founded before the CACO) is not one, as ``data/README.md`` says, so the CACO never stands in for
EurAsEC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from geo import epochs
from geo.memo import memo
from geo.tables import Atlas
from geo.view import View

__all__ = ["data_to", "on_map", "predecessors", "stand_ins"]


def data_to(atlas: Atlas) -> dt.date | None:
    """The day of the latest fact: the latest start of a membership, link or event, or an end
    no later than that (``None`` with no dated row).

    A partial date counts from its first day (``2025-04`` is April 2025, not its last day), so
    the stamp never claims more than the sources give. An end later than every start is a term
    still to run (a cooperation plan "for 2026–2030"), not a fact the sources saw, so it does
    not count.
    """
    return memo(atlas, ("data_to",), lambda: _data_to(atlas))


def _data_to(atlas: Atlas) -> dt.date | None:
    tables = (atlas.memberships, atlas.relations, atlas.events)
    starts = pd.concat([t["start_first"] for t in tables if "start_first" in t])
    ends = pd.concat([t["end_first"] for t in tables if "end_first" in t])
    last = starts.max()
    if pd.isna(last):
        return None
    ends = ends[ends <= last]
    return max(last, ends.max() if len(ends) else last).date()


def predecessors(atlas: Atlas) -> dict[str, tuple[str, ...]]:
    """org_id → the organizations it succeeded (``successor_id`` points at it and it was founded
    later than they were); organizations with none are left out."""
    return memo(atlas, ("predecessors",), lambda: _predecessors(atlas.organizations))


def _predecessors(o: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    founded = dict(zip(o["org_id"], o["founded_first"], strict=True))
    out: dict[str, list[str]] = {}
    for org, succ, first in zip(o["org_id"], o["successor_id"], o["founded_first"], strict=True):
        if isinstance(succ, str) and succ in founded and founded[succ] > first:
            out.setdefault(succ, []).append(org)
    return {k: tuple(v) for k, v in out.items()}


def _exists(org: pd.Series, day: pd.Timestamp) -> bool:
    return org["founded_first"] <= day and (pd.isna(org["dissolved_last"])
                                            or org["dissolved_last"] >= day)


def _stand_in(atlas: Atlas, org_id: str, day: pd.Timestamp, seen: frozenset) -> str | None:
    """The predecessor of ``org_id`` that exists on ``day``, walking back (CSTO → CST)."""
    o, preds = atlas.organizations.set_index("org_id"), predecessors(atlas)
    for p in preds.get(org_id, ()):
        if p in seen or p not in o.index:  # a loop in the data: stop rather than spin
            continue
        if _exists(o.loc[p], day):
            return p
        if o.at[p, "founded_first"] > day:  # not yet founded either: its own predecessor
            found = _stand_in(atlas, p, day, seen | {p})
            if found:
                return found
    return None


def stand_ins(atlas: Atlas, orgs, date: dt.date) -> tuple[tuple[str, ...],
                                                         list[tuple[str, str]]]:
    """The organizations to draw on ``date`` in place of ``orgs``, and the ``(org, predecessor)``
    pairs that were swapped.

    An organization not yet founded on the date gives way to the predecessor that existed then
    (the CSTO to the CST in 1995, the SCO to the Shanghai Five in 1997); one that exists, is
    dissolved, or has no predecessor alive on the date (the SCO in 1995) stays as it is. Order
    is kept and a predecessor chosen twice (``CSTO,CST``) comes once.
    """
    orgs = tuple(orgs)
    key = ("stand_ins", orgs, epochs.epoch(atlas, "memberships", date))
    shown, pairs = memo(atlas, key,
                        lambda: _stand_ins(atlas, orgs, date))  # asked for several times a run
    return shown, list(pairs)


def _stand_ins(atlas: Atlas, orgs: tuple[str, ...], date: dt.date):
    day = pd.Timestamp(date)
    o = atlas.organizations.set_index("org_id")
    out, pairs = [], []
    for org in orgs:
        sub = None
        if org in o.index and o.at[org, "founded_first"] > day:
            sub = _stand_in(atlas, org, day, frozenset({org}))
        if sub:
            pairs.append((org, sub))
        out.append(sub or org)
    return tuple(dict.fromkeys(out)), tuple(pairs)


def on_map(atlas: Atlas, view: View) -> View:
    """``view`` as the map draws it: its organizations with their stand-ins on its date.

    The URL and the sidebar keep the reader's choice (``orgs=CSTO``); only what is drawn,
    coloured and listed in the legend changes.
    """
    orgs, pairs = stand_ins(atlas, view.orgs, view.date)
    return replace(view, orgs=orgs) if pairs else view
