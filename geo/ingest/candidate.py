"""A candidate fact: the unit every step of :mod:`geo.ingest.extract` hands on."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Candidate"]


@dataclass
class Candidate:
    """A fact to review: its table, values (data columns), confidence and where it was read."""

    table: str
    values: dict[str, str]
    confidence: float
    sentence: tuple[int, int]
    anchor: tuple[int, int]
    notes: list[str] = field(default_factory=list)
