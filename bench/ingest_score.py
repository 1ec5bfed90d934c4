"""Scoring for ``python -m bench.ingest``: candidates against the facts an analyst recorded,
and the naive baseline the issue describes.

A candidate is right when a truth row has the same table and kind, the same organization,
country and status (memberships; an exit counts as ``member``), the same pair in the same order
when the truth is directed (relations), or a shared participant (events). Dates are not scored:
articles often leave them to the record.
"""

from __future__ import annotations

import re
from itertools import combinations

from geo.ingest import names
from geo.tables import normalise

__all__ = ["baseline", "key_match", "score", "verbatim_share"]

#: the baseline's keyword → kind (first keyword found in a sentence wins)
_KEYWORDS = [("arme", "arms_transfer"), ("arms", "arms_transfer"), ("weapon", "arms_transfer"),
             ("exercice", "joint_exercise"), ("exercise", "joint_exercise"),
             ("base", "military_presence"), ("troupe", "troop_movement"),
             ("troop", "troop_movement"), ("soldat", "troop_movement"),
             ("guerre", "armed_conflict"), ("war", "armed_conflict"),
             ("frontière", "border_conflict"), ("border", "border_conflict"),
             ("accord", "security_agreement"), ("agreement", "security_agreement"),
             ("traité", "security_agreement"), ("treaty", "security_agreement")]


def key_match(cand: dict[str, str], truth: dict[str, str], table: str) -> bool:
    """Whether ``cand`` states the fact ``truth`` states (kind, direction, status checked)."""
    if table == "memberships":
        return (cand["org_id"], cand["iso3"], cand["status"]) == \
            (truth["org_id"], truth["iso3"], truth["status"])
    if cand["kind"] != truth["kind"]:
        return False
    if table == "events":
        return bool(set(cand["participants"].split(";")) & set(truth["participants"].split(";")))
    pc, pt = (cand["iso3_a"], cand["iso3_b"]), (truth["iso3_a"], truth["iso3_b"])
    if truth["directed"] == "true":
        return pc == pt
    return sorted(pc) == sorted(pt)


def score(cands: dict[str, list[dict]], truth: dict[str, list[dict]]) -> dict[str, float]:
    """Recall, precision and counts over all tables (``found``/``truth``/``right``/``made``)."""
    found = right = made = n_truth = 0
    for table in ("memberships", "relations", "events"):
        cs, ts = cands.get(table, []), truth.get(table, [])
        n_truth += len(ts)
        made += len(cs)
        found += sum(any(key_match(c, t, table) for c in cs) for t in ts)
        right += sum(any(key_match(c, t, table) for t in ts) for c in cs)
    return {"truth": n_truth, "found": found, "made": made, "right": right,
            "recall": found / n_truth if n_truth else 0.0,
            "precision": right / made if made else 0.0}


def verbatim_share(rows: dict[str, list[dict]], text: str) -> tuple[int, int]:
    """(locators of 2–8 words found verbatim in ``text``, all locators)."""
    folded = normalise(text)
    locs = [r["locator"] for rs in rows.values() for r in rs]
    ok = sum(2 <= len(loc.split()) <= 8 and normalise(loc) in folded for loc in locs)
    return ok, len(locs)


def baseline(text: str) -> dict[str, list[dict]]:
    """Every pair of countries named in one sentence is a link, its kind from a keyword (the
    first found; ``high_level_meeting`` when none), in the order of mention."""
    out = []
    for sent in re.split(r"(?<=[.!?])\s+|\n{2,}", text):
        codes = list(dict.fromkeys(m.code for m in names.countries(sent)))
        low = sent.casefold()
        kind = next((k for w, k in _KEYWORDS if w in low), "high_level_meeting")
        for a, b in combinations(codes, 2):
            out.append({"kind": kind, "iso3_a": a, "iso3_b": b, "directed": "true",
                        "locator": ""})
    return {"relations": out}
