"""One CSV resource read and checked on its own: encoding, records, header, cells and rows.

Every problem goes to the ``report`` callable with its file, line and column; a bad record or
row is dropped and reading goes on, so one broken line costs one row.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from geo.clean import clean, clip
from geo.table_schema import DESCRIPTOR, PERIODS, check_schema, is_date, names, relative, value

__all__ = ["Report", "Table", "read"]

#: where a problem goes: file, line (0 for the whole file), column (``-`` for none), message
Report = Callable[[str, int, str, str], None]

_FIELD_LIMIT = 131072  # csv's default field_size_limit, whatever another module set it to


class Table:
    """One CSV resource while it is checked: raw rows and the still valid typed rows, by line."""

    def __init__(self, res: dict):
        self.name, self.file, schema = res["name"], res["path"], res["schema"]
        check_schema(self.name, self.file, schema)
        self.fields: dict[str, dict] = {f["name"]: f for f in schema["fields"]}
        self.pk, self.fks = names(schema.get("primaryKey")), list(schema.get("foreignKeys", []))
        #: free-text columns, cleaned (geo.clean); ids and codes are checked as they are
        self.free = {n for n, f in self.fields.items() if f.get("type", "string") == "string"
                     and not {"pattern", "enum"} & set(f.get("constraints", {}))}
        self.free -= {*self.pk, *(c for fk in self.fks for c in names(fk.get("fields")))}
        self.encoding = res.get("encoding", "utf-8")
        self.raw: dict[int, dict[str, str]] = {}
        self.rows: dict[int, dict[str, Any]] = {}
        self.first: dict[tuple, int] = {}  # primary key -> its first line
        self.usable = False  # readable, with every required column

    def index(self, cols: list[str]) -> tuple[dict[tuple, int], set[tuple]]:
        """First line of each key among all rows, and the keys of the valid rows."""
        first: dict[tuple, int] = {}
        for line, r in self.raw.items():
            first.setdefault(tuple(r[c] for c in cols), line)
        return first, {tuple(self.raw[line][c] for c in cols) for line in self.rows}

    def frame(self) -> pd.DataFrame:
        """The valid rows, typed; dates as text plus ``<col>_first`` / ``<col>_last`` days."""
        rows = [r for _, r in sorted(self.rows.items())]
        data: dict[str, Any] = {"line": pd.Series(sorted(self.rows), dtype="int64")}
        for n, f in self.fields.items():
            data |= _column(n, f, [r[n] for r in rows])
        return pd.DataFrame(data)


def _column(n: str, f: dict, vals: list) -> dict[str, pd.Series]:
    if is_date(f):
        out = {n: pd.Series([v.text if v else "" for v in vals], dtype="str")}
        for end in ("first", "last"):
            days = pd.Series([getattr(v, f"{end}_day") if v else None for v in vals],
                             dtype=object)
            out[f"{n}_{end}"] = pd.to_datetime(days).astype("datetime64[s]")
        return out
    if f.get("type") in ("number", "integer"):
        return {n: pd.Series(vals, dtype="float64")}
    if f.get("type") == "boolean":
        return {n: pd.Series(vals, dtype="boolean" if None in vals else "bool")}
    if n == "participants":
        return {n: pd.Series([tuple(v.split(";")) if v else () for v in vals], dtype=object)}
    return {n: pd.Series(["" if v is None else v for v in vals], dtype="str")}


def _line(before: str | bytes) -> int:
    """The line (from 1) of what follows ``before``: CR, LF and CRLF each end a line, as in csv."""
    cr, lf = ("\r", "\n") if isinstance(before, str) else (b"\r", b"\n")
    return before.count(lf) + before.count(cr) - before.count(cr + lf) + 1


def _record_end(lines: list[str], start: int) -> int:
    """The line after the record starting at ``lines[start]``, where its quotes balance.

    A field too large is still a well-formed record: reading on from the line after its
    first would read its inside as records (one 50 MB field of 4 million line breaks gave
    4 million problems).
    """
    quotes = 0
    for i in range(start, len(lines)):
        quotes += lines[i].count('"')
        if quotes % 2 == 0:
            return i + 1
    return start + 1


def _text(t: Table, path: Path, report: Report) -> str | None:
    """The file's text, or None with the reason reported (missing, undecodable, empty, binary)."""
    if not path.is_file():
        return report(t.file, 0, "-", "file not found")
    data = path.read_bytes()
    if t.encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        data = data.removeprefix(codecs.BOM_UTF8)  # allowed; positions count the bytes after it
    try:
        text = data.decode(t.encoding)
    except UnicodeDecodeError as e:
        byte = f"byte 0x{data[e.start]:02x}"
        return report(t.file, _line(data[: e.start]), "-", f"not valid {t.encoding} ({byte})")
    except LookupError:
        return report(t.file, 0, "-", f"unknown encoding {t.encoding!r}")
    if not text.strip():
        return report(t.file, 0, "-", "empty file")
    if "\x00" in text:
        return report(t.file, _line(text[: text.index("\x00")]), "-",
                      "NUL byte: not a text file")
    return text


def read(t: Table, path: Path, report: Report) -> None:
    """Fill ``t`` with the rows of the CSV at ``path``, reporting each problem."""
    text = _text(t, path, report)
    if text is None:
        return
    header = None
    for line, cells in _records(t, text, report):
        if header is None:
            if line != 1 or not _header(t, cells, report):
                return  # no usable header (a malformed one is reported already)
            header = cells
        elif not cells:
            report(t.file, line, "-", "blank line")
        elif len(cells) != len(header):
            report(t.file, line, "-", f"{len(cells)} fields, header has {len(header)}")
        else:
            _row(t, line, dict(zip(header, cells, strict=True)), report)


def _records(t: Table, text: str, report: Report) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on. A record the CSV reader rejects (a quote
    not closed, text after a closing quote, a field too large) is reported, and reading
    resumes on the line after the line it starts on: one bad record costs one row."""
    lines, done = io.StringIO(text, newline="").readlines(), 0
    while done < len(lines):
        rest = (lines[i] for i in range(done, len(lines)))
        reader, at = csv.reader(rest, strict=True), 0
        try:
            for cells in reader:
                if any(len(c) >= _FIELD_LIMIT for c in cells):  # csv's own limit is global:
                    raise csv.Error(f"field larger than field limit ({_FIELD_LIMIT})")
                yield done + at + 1, cells
                at = reader.line_num
            return
        except csv.Error as e:
            why = "quote not closed" if str(e) == "unexpected end of data" else e
            report(t.file, done + at + 1, "-", f"malformed CSV: {why}")
            start, done = done + at, done + at + 1
            if "field limit" in str(e):  # a whole (quoted, multi-line) record: skip it all
                done = max(done, _record_end(lines, start))


def _header(t: Table, header: list[str], report: Report) -> bool:
    for i, c in enumerate(header):
        if c not in t.fields:  # odd names as their repr: "\ufeffiso3" is not "iso3"
            name = c if c.isprintable() and c == c.strip() else repr(c)
            report(t.file, 1, name if c else f"column {i + 1}",
                   f"unknown column (not in {DESCRIPTOR})")
        elif c in header[:i]:
            report(t.file, 1, c, "duplicate column")
    fatal = len(set(header)) < len(header)
    for n, f in t.fields.items():
        if n not in header:
            report(t.file, 1, n, "missing column")
            fatal |= n in t.pk or bool(f.get("constraints", {}).get("required"))
    t.usable = not fatal
    return t.usable


def _row(t: Table, line: int, cells: dict[str, str], report: Report) -> None:
    t.raw[line] = raw = {n: clean(v) if n in t.free else v  # free text: geo.clean
                         for n in t.fields for v in (cells.get(n, ""),)}
    typed, bad = {}, []
    for n, f in t.fields.items():
        try:
            typed[n] = value(f, raw[n])
        except ValueError as e:
            bad.append((n, str(e)))
    if t.pk and all(raw[k] for k in t.pk):
        key = tuple(raw[k] for k in t.pk)
        if (first := t.first.setdefault(key, line)) != line:
            shown = ", ".join(map(repr, key))
            bad.append((",".join(t.pk), f"duplicate id {shown} (first on line {first})"))
    if not bad:
        bad = _semantics(t, typed)
    for column, message in bad:
        report(t.file, line, column, message)
    if not bad:
        t.rows[line] = typed


def _semantics(t: Table, r: dict) -> list[tuple[str, str]]:
    """What one row cannot say, beyond its cells' constraints."""
    bad = [(b, f"{r[b]} is before {a} {r[a]}") for a, b in PERIODS
           if r.get(a) and r.get(b) and r[b].last_day < r[a].first_day]
    if r.get("iso3_a") and r.get("iso3_a") == r.get("iso3_b"):
        bad.append(("iso3_b", f"same country as iso3_a ({r['iso3_a']})"))
    if "lat" in r and "lon" in r and (r["lat"] is None) != (r["lon"] is None):
        bad.append(("lat", "empty while lon is given") if r["lat"] is None
                   else ("lon", "empty while lat is given"))
    items = (r.get("participants") or "").split(";")
    bad += [("participants", f"{x} listed twice") for x in sorted(set(items))
            if x and items.count(x) > 1]
    if "file" in t.fields and r.get("kind") == "article" and not r.get("file"):
        bad.append(("file", "required for an article"))
    if "file" in t.fields and r.get("file") and not relative(r["file"]):
        bad.append(("file", f"{clip(r['file'], 80)!r} is not a file in the articles folder"))
    return bad
