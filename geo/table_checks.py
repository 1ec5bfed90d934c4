"""Checks across rows and tables, run once every table is read: unique values, rows drawn
alike, foreign keys, borders, organizations' lifetimes, overlapping periods and locators found in
the articles.

A row that fails one is dropped from its table's valid rows and reported, so tables checked
later (see :func:`order`) refer only to rows that stay.
"""

from __future__ import annotations

import contextlib
import graphlib
import unicodedata
from pathlib import Path

from geo.table_csv import Report, Table
from geo.table_schema import DESCRIPTOR, names, relative

__all__ = ["Checks", "normalise", "order"]

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00ad": None})


def normalise(text: str) -> str:
    """Fold case, curly apostrophes and every kind of space (U+00A0, U+202F...) for locators."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTES).split()).casefold()


def order(tables: dict[str, Table]) -> list[str]:
    """Tables after the tables they refer to, so references see final valid rows."""
    deps = {n: {fk.get("reference", {}).get("resource") for fk in t.fks} - {"", None, n}
            for n, t in tables.items()}
    for n, t in tables.items():
        deps[n] |= {"countries"} if "participants" in t.fields and n != "countries" else set()
    try:
        return [n for n in graphlib.TopologicalSorter(deps).static_order() if n in tables]
    except graphlib.CycleError:
        return list(tables)


def _noun(resource: str) -> str:
    return resource[:-3] + "y" if resource.endswith("ies") else resource.removesuffix("s")


def _together(a: dict, b: dict) -> bool:
    """Two rows live on a common day: both undated (a link kind) or their founded-dissolved
    periods overlap (an organization and its renamed successor do not)."""
    if "founded" not in a:
        return True
    return all(x["founded"].first_day <= (y["dissolved"].last_day if y["dissolved"] else
                                          x["founded"].first_day) for x, y in ((a, b), (b, a)))


class Checks:
    """The cross-table checks of one load; ``texts`` keeps each article read, normalised."""

    def __init__(self, tables: dict[str, Table], codes: set[str] | None, articles_dir: Path,
                 report: Report):
        self.tables, self.codes, self.articles_dir = tables, codes, articles_dir
        self.report = report
        self.texts: dict[str, str | None] = {}
        self.locators_checked = 0

    def run(self) -> None:
        """Check every table, referenced tables first."""
        for name in order(self.tables):
            self.links(self.tables[name])

    def drop(self, t: Table, line: int, column: str, message: str) -> None:
        self.report(t.file, line, column, message)
        t.rows.pop(line, None)

    def links(self, t: Table) -> None:
        """Checks across rows and tables: keys, borders, lifetimes, overlaps, locators."""
        if not t.usable:
            return
        self.unique(t)
        for fk in t.fks:
            target = self.tables.get(fk["reference"].get("resource") or t.name)
            cols, tcols = names(fk["fields"]), names(fk["reference"]["fields"])
            if target and not set(tcols) <= target.fields.keys():
                self.report(DESCRIPTOR, 0, t.name, f"foreign key to unknown {target.name} {tcols}")
            elif target and target.usable:  # a broken target is reported already
                self.refs(t, cols, target, tcols)
        if (c := self.tables.get("countries")) and c.usable and "participants" in t.fields:
            self.refs(t, ["participants"], c, ["iso3"], split=True)
        self.looks(t)
        if t.name == "countries" and self.codes is not None:
            for line in [ln for ln, r in t.rows.items() if r["iso3"] not in self.codes]:
                self.drop(t, line, "iso3", f"no border for {t.raw[line]['iso3']}")
        if {"org_id", "iso3", "start", "end"} <= t.fields.keys():
            self.lifetimes(t)
            self.overlaps(t)
        if {"source_id", "locator"} <= t.fields.keys():
            self.locators(t)

    def unique(self, t: Table) -> None:
        """Frictionless's ``unique`` constraint: a non-empty value on one valid row only."""
        for n, f in t.fields.items():
            if not f.get("constraints", {}).get("unique"):
                continue
            first: dict[str, int] = {}
            for line in sorted(t.rows):
                v = t.raw[line][n]
                if v and (line0 := first.setdefault(v, line)) != line:
                    self.drop(t, line, n, f"{v!r} is already on line {line0}")

    def looks(self, t: Table) -> None:
        """No two rows drawn alike (their ``colour`` and ``dash``) that can be on the map
        together: organizations may share a colour only when they never exist on the same day
        (a predecessor and its successor keep one colour across a renaming)."""
        cols = [c for c in ("colour", "dash") if c in t.fields]
        if "colour" not in cols or len(t.pk) != 1:
            return
        seen: dict[tuple, list[int]] = {}
        for line in sorted(t.rows):
            look = tuple(t.raw[line][c].lower() for c in cols)
            line0 = next((ln for ln in seen.get(look, []) if ln in t.rows
                          and _together(t.rows[ln], t.rows[line])), None)
            if line0 is None:
                seen.setdefault(look, []).append(line)
                continue
            what = " ".join(filter(None, (t.raw[line][c] for c in cols)))
            self.drop(t, line, "colour", f"{what} is already {t.raw[line0][t.pk[0]]}'s (line "
                      f"{line0}), on the map at the same time: each must be told apart")

    def refs(self, t: Table, cols: list[str], target: Table, tcols: list[str], split=False):
        """Drop the rows of ``t`` whose key is unknown, invalid or without a border in target."""
        first, valid = target.index(tcols)
        noun, codes = _noun(target.name), self.codes if target.name == "countries" else None
        for line in list(t.rows):
            raw = t.raw[line]
            if not all(raw[c] for c in cols):
                continue  # empty optional reference
            keys = [tuple(raw[c] for c in cols)]
            if split:
                keys = [(x,) for x in keys[0][0].split(";")]
            for key in keys:
                shown = ", ".join(map(repr, key))
                if key not in first:
                    msg = f"unknown {noun} {shown}"
                elif codes is not None and key[0] not in codes:
                    msg = f"no border for {key[0]}"
                elif key not in valid:
                    msg = f"{noun} {shown} is invalid ({target.file}:{first[key]})"
                else:
                    continue
                self.drop(t, line, ",".join(cols), msg)

    def lifetimes(self, t: Table) -> None:
        """A period cannot start before its organization is founded or after it is dissolved."""
        orgs = self.tables.get("organizations")
        by_id = {orgs.raw[ln]["org_id"]: r for ln, r in orgs.rows.items()} if orgs else {}
        for line, r in list(t.rows.items()):
            if (o := by_id.get(r["org_id"])) is None:
                continue
            s, org, founded, dissolved = r["start"], r["org_id"], o["founded"], o["dissolved"]
            if s.last_day < founded.first_day:
                self.drop(t, line, "start", f"{s} is before {org} was founded ({founded})")
            elif dissolved and s.first_day > dissolved.last_day:
                self.drop(t, line, "start", f"{s} is after {org} was dissolved ({dissolved})")

    def overlaps(self, t: Table) -> None:
        """Periods of a country in an organization may touch (at a partial date), not overlap."""
        seen: dict[tuple, list[tuple[int, dict]]] = {}
        for line, r in sorted(t.rows.items(), key=lambda kv: (kv[1]["start"].first_day, kv[0])):
            key = (r["org_id"], r["iso3"])
            for line0, r0 in seen.get(key, []):
                if r0["end"] is None or r["start"].last_day < r0["end"].first_day:
                    what = f"the {' '.join(key)} period on line {line0}"
                    span = f"{r0['start']} to {r0['end'] or 'open'}"
                    self.drop(t, line, "start", f"overlaps {what} ({span})")
                    break
            else:
                seen.setdefault(key, []).append((line, r))

    def locators(self, t: Table) -> None:
        """Drop the rows whose locator is not in the article they cite (when it is at hand)."""
        src = self.tables.get("sources")
        by_id = {src.raw[ln]["source_id"]: r for ln, r in src.rows.items()} if src else {}
        for line, r in list(t.rows.items()):
            s = by_id.get(r["source_id"])
            if not s or s.get("kind") != "article" or not s.get("file"):
                continue
            if (text := self.article(s["file"])) is not None:
                self.locators_checked += 1
                if normalise(r["locator"]) not in text:
                    self.drop(t, line, "locator", f"{r['locator']!r} not found in {s['file']}")

    def article(self, name: str) -> str | None:
        """Normalised text of an article, None when it is not at hand."""
        if name not in self.texts:
            path, text = self.articles_dir / name, None
            with contextlib.suppress(OSError, ValueError):  # e.g. a name too long to look up
                if relative(name) and path.is_file():
                    text = path.read_text("utf-8", errors="replace")
            self.texts[name] = None if text is None else normalise(text)
        return self.texts[name]
