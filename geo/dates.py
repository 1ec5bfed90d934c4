"""Partial ISO 8601 dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), never padded.

A fact is dated only as precisely as its source allows, so a date is a span of days. A period
``[start, end]`` is active on day ``d`` iff ``start.first_day <= d <= end.last_day``; an empty
end means the period is still open.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["PATTERN", "PartialDate", "parse", "span"]

PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"  # as in datapackage.json: marks a column as a date
# ASCII digits only: ``\d`` alone also takes full-width and Arabic-Indic digits ("２０１１")
_PARTS = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, month or day, with the first and last day it may mean."""

    text: str
    precision: str  # "year", "month" or "day"
    first_day: dt.date
    last_day: dt.date

    def __str__(self) -> str:
        return self.text


def parse(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Raises
    ------
    ValueError
        With the reason: wrong shape (``2024-1-5``, ``24``) or no such day (``2023-02-30``).
    """
    m = _PARTS.fullmatch(text)
    if not m:
        raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = (int(g) if g else None for g in m.groups())
    if y == 0:
        raise ValueError(f"{text!r} is not a calendar date (year 0)")
    if mo is not None and not 1 <= mo <= 12:
        raise ValueError(f"{text!r} is not a calendar date (month {mo})")
    if mo is None:
        return PartialDate(text, "year", dt.date(y, 1, 1), dt.date(y, 12, 31))
    days = calendar.monthrange(y, mo)[1]
    if d is None:
        return PartialDate(text, "month", dt.date(y, mo, 1), dt.date(y, mo, days))
    if not 1 <= d <= days:
        raise ValueError(f"{text!r} is not a calendar date ({y}-{mo:02d} has {days} days)")
    return PartialDate(text, "day", dt.date(y, mo, d), dt.date(y, mo, d))


def span(value: dt.date | str) -> tuple[dt.date, dt.date]:
    """First and last day meant by a ``datetime.date`` (one day) or a partial ISO string."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value
    p = parse(str(value).strip())
    return p.first_day, p.last_day
