"""Synthetic data directories with N× the relations and events, derived from the real rows.

Copy ``k`` of a row keeps its kind, endpoints, participants and place (the Atlas's geography
does not grow; the number of facts about it does), gets a new id, and is moved in time by a
whole number of years from a fixed cycle, so the copies are spread over the years around the
original but stay deterministic. Everything else (organizations, memberships, countries,
borders) is the shipped data.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

from geo import config

__all__ = ["make_scaled"]

#: year offsets given to successive copies (copy 0 is the original)
SHIFTS = (0, -1, -2, 1, -3, 2, -4, -5)
_YEAR = re.compile(r"^(\d{4})")


def _shift(date: str, years: int) -> str:
    """``2024-07-09`` moved by ``years``; precision kept; 29 February becomes the 28th."""
    if not date:
        return date
    shifted = _YEAR.sub(lambda m: str(int(m.group(1)) + years), date)
    return shifted.replace("-02-29", "-02-28")


def _scale(src: Path, dest: Path, factor: int, id_col: str) -> int:
    with src.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    with dest.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        n = 0
        for k in range(factor):
            years = SHIFTS[k % len(SHIFTS)]
            for r in rows:
                row = dict(r)
                if k:
                    row[id_col] = f"{r[id_col]}-x{k}"
                    row["start"], row["end"] = _shift(r["start"], years), _shift(r["end"], years)
                    row["note"] = f"Synthetic copy {k} of {r[id_col]} (benchmark data)."
                w.writerow(row)
                n += 1
    return n


def make_scaled(factor: int, dest: Path, data_dir: Path | None = None) -> dict[str, int]:
    """Write the shipped data with ``factor``× the relations and events into ``dest``.

    Returns the row counts of the two scaled tables.
    """
    src = Path(data_dir or config.data_dir())
    dest.mkdir(parents=True, exist_ok=True)
    for p in src.iterdir():
        if p.is_file() and p.name not in ("relations.csv", "events.csv"):
            shutil.copy2(p, dest / p.name)
    return {"relations": _scale(src / "relations.csv", dest / "relations.csv", factor,
                                "relation_id"),
            "events": _scale(src / "events.csv", dest / "events.csv", factor, "event_id")}
