"""Candidates as rows of the data tables: ids, summaries, locators, duplicates, CSV files.

The columns are read from ``datapackage.json`` so the files can be validated and loaded like
the data itself; ``confidence`` and ``evidence`` follow them. A candidate stating a fact already
in ``data/`` keeps its place but says so in ``note`` (``duplicate of rel-012``): the reviewer
decides. Two candidates stating the same fact become one (the more confident).
"""

from __future__ import annotations

import csv
import io
import json
import re
from functools import cache
from pathlib import Path

from geo import config
from geo.i18n import t
from geo.ingest import names
from geo.ingest.extract import Candidate, locator
from geo.ingest.kinds import DIRECTED
from geo.ingest.names import LEXICON

__all__ = ["EXTRA", "TABLES", "columns", "duplicate_of", "read_table", "to_rows", "write"]

TABLES = ("memberships", "relations", "events")
EXTRA = ("confidence", "evidence")


# a plain cache, not geo.memo: a folder's descriptor, which the ingest never changes
@cache
def columns(table: str, data_dir: str | None = None) -> tuple[str, ...]:
    """The columns of ``table`` as ``datapackage.json`` declares them."""
    d = json.loads((Path(data_dir or config.data_dir()) / "datapackage.json").read_text("utf-8"))
    res = next(r for r in d["resources"] if r["name"] == table)
    return tuple(f["name"] for f in res["schema"]["fields"])


def read_table(table: str, data_dir: str | Path | None = None) -> list[dict[str, str]]:
    """The rows of ``data/<table>.csv`` as text, with their CSV line as ``_line``."""
    path = Path(data_dir or config.data_dir()) / f"{table}.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for i, r in enumerate(rows, start=2):
        r["_line"] = str(i)
    return rows


# a plain cache, not geo.memo: a shipped lexicon, read once per process
@cache
def _summaries() -> dict[str, tuple[str, str]]:
    with (LEXICON / "summaries.csv").open(encoding="utf-8", newline="") as f:
        return {r["kind"]: (r["en"], r["fr"]) for r in csv.DictReader(f)}


def _overlap(a: str, b: str) -> bool:
    """Two ISO dates at any precision name a common period (one is a prefix of the other)."""
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))


def _key(table: str, v: dict[str, str]) -> tuple:
    if table == "memberships":
        return v["org_id"], v["iso3"], v["status"]
    if table == "relations":
        pair = (v["iso3_a"], v["iso3_b"])  # order matters only where the kind has a direction
        return v["kind"], pair if v["kind"] in DIRECTED else tuple(sorted(pair))
    return v["kind"], frozenset(v["participants"].split(";"))


def duplicate_of(table: str, v: dict[str, str], existing: list[dict[str, str]]) -> str:
    """The id (or ``memberships.csv:LINE``) of the row of ``existing`` stating the same fact."""
    for r in existing:
        same = _key(table, r) == _key(table, v) if table != "events" else (
            r["kind"] == v["kind"] and set(r["participants"].split(";"))
            & set(v["participants"].split(";")))
        if same and (_overlap(r["start"], v["start"]) or not v["start"]
                     or (table != "events" and not r["end"] and r["start"] <= v["start"])):
            return r.get("relation_id") or r.get("event_id") or f"memberships.csv:{r['_line']}"
    return ""


def _next_id(prefix: str, rows: list[dict[str, str]], col: str) -> int:
    nums = [int(m.group(1)) for r in rows if (m := re.fullmatch(rf"{prefix}-(\d+)", r[col]))]
    return max(nums, default=0) + 1


def _texts(c: Candidate, data_dir: str | None) -> dict[str, str]:
    """Summaries (and event names) in our own words, from templates per kind."""
    cn = names.country_names(data_dir)
    en, fr = _summaries()[c.values["kind"]] if "kind" in c.values else ("", "")
    if c.table == "relations":
        a, b = cn.get(c.values["iso3_a"], ("?",) * 2), cn.get(c.values["iso3_b"], ("?",) * 2)
        return {"summary_en": en.format(a=a[0], b=b[0]), "summary_fr": fr.format(a=a[1], b=b[1])}
    if c.table == "events":
        ps = [cn.get(p, (p, p)) for p in c.values["participants"].split(";")]
        where = c.values["place"]
        label = (t(f"event_{c.values['kind']}", "en"), t(f"event_{c.values['kind']}", "fr"))
        name = c.values["name"]
        return {"summary_en": en.format(p=", ".join(p[0] for p in ps)),
                "summary_fr": fr.format(p=", ".join(p[1] for p in ps)),
                "name": name or f"{label[0]}{', ' + where if where else ''}",
                "name_fr": name or f"{label[1]}{', ' + where if where else ''}"}
    return {}


def to_rows(cands: list[Candidate], text: str, source_id: str,
            data_dir: str | None = None) -> dict[str, list[dict[str, str]]]:
    """One list of rows per table: merged, numbered, with locator, note and evidence."""
    out: dict[str, list[dict[str, str]]] = {tb: [] for tb in TABLES}
    seen: dict[tuple, dict[str, str]] = {}
    existing = {tb: read_table(tb, data_dir) for tb in TABLES}
    ids = {"relations": _next_id("rel", existing["relations"], "relation_id"),
           "events": _next_id("evt", existing["events"], "event_id")}
    for c in sorted(cands, key=lambda c: -c.confidence):
        key = (c.table, _key(c.table, c.values), c.values["start"][:4])
        if key in seen:
            continue
        row = dict.fromkeys(columns(c.table, data_dir), "")
        row.update({k: v for k, v in c.values.items() if k in row})
        row.update(_texts(c, data_dir))
        s0, s1 = c.sentence
        row.update(source_id=source_id, locator=locator(text, c.sentence, c.anchor),
                   confidence=f"{min(max(c.confidence, 0.05), 0.95):.2f}",
                   evidence=" ".join(text[s0:s1].split()))
        dup = duplicate_of(c.table, c.values, existing[c.table])
        row["note"] = "; ".join(([f"duplicate of {dup}"] if dup else []) + c.notes)
        if c.table in ids:
            prefix, col = ("rel", "relation_id") if c.table == "relations" else ("evt", "event_id")
            row[col] = f"{prefix}-{ids[c.table]:03d}"
            ids[c.table] += 1
        seen[key] = row
        out[c.table].append(row)
    return out


def write(rows: dict[str, list[dict[str, str]]], source: dict[str, str], out: Path,
          data_dir: str | None = None) -> None:
    """``out/<table>.csv`` for each table (data columns + confidence, evidence) and sources."""
    out.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        cols = [*columns(table, data_dir), *EXTRA]
        (out / f"{table}.csv").write_text(_csv(cols, rows[table]), encoding="utf-8")
    (out / "sources.csv").write_text(_csv(list(columns("sources", data_dir)), [source]),
                                     encoding="utf-8")


def _csv(cols: list[str], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, cols, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()
