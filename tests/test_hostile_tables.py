"""Generated hostile tables: the loader and ``python -m geo.validate`` never raise, never hang, and
report exactly what was broken, one ``file:line: column: message`` line per problem.

Every example starts from the shipped ``data/`` folder and rewrites one or more of its tables:
wrong types, unknown codes and ids, reversed periods, duplicate ids, missing, renamed or duplicated
columns, ragged rows, blank lines, unicode oddities, invalid UTF-8, NUL bytes, huge cells, unclosed
quotes, CR or CRLF line endings, a BOM, empty, header-only or binary files, a broken descriptor.
The expected problems are worked out from how the example was built (lines are counted from the
bytes written, CR, LF and CRLF each ending a line); problems in tables the example did not touch
are allowed only when they follow from it (a reference to a dropped row or to an id that is gone).
Examples are derandomized: a failure is reproducible.
"""

from __future__ import annotations

import ast
import calendar
import contextlib
import csv
import datetime as dt
import io
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import dates, tables, validate
from tests.conftest import CSV, borders

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
DESC = json.loads((DATA / tables.DESCRIPTOR).read_text(encoding="utf-8"))
SCHEMA = {r["path"]: r["schema"] for r in DESC["resources"] if "schema" in r}
FIELDS = {f: {x["name"]: x for x in s["fields"]} for f, s in SCHEMA.items()}
PK = {f: s.get("primaryKey", []) for f, s in SCHEMA.items()}
SHIPPED = {f: list(csv.reader(io.StringIO((DATA / f).read_text(encoding="utf-8"), newline="")))
           for f in SCHEMA}
FILES = sorted(SCHEMA)
NOUN = {"sources.csv": "source", "countries.csv": "country", "organizations.csv": "organization",
        "link_kinds.csv": "link_kind"}
LEAVES = [f for f in FILES if f not in NOUN]  # no other table refers to their rows
TARGET = {r["name"]: r["path"] for r in DESC["resources"]}
FK = {(f, fk["fields"][0]): TARGET.get(fk["reference"]["resource"], f)
      for f, s in SCHEMA.items() for fk in s.get("foreignKeys", [])}
FK[("events.csv", "participants")] = "countries.csv"
IDS = {f: {row[SHIPPED[f][0].index(PK[f][0])] for row in SHIPPED[f][1:]} for f in NOUN}
CODES = sorted(IDS["countries.csv"])
BOM = b"\xef\xbb\xbf"
LIMIT = 60  # seconds: an example still running after this is a hang

# Characters that have broken parsers and terminals before; all valid in a UTF-8 text cell.
ODD = ["\u200f", "\u202e", "\u200d", "\u200b", "\u2060", "\u0301", "e\u0301", "\ufeff", "\u2028",
       "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1e", "\x7f", "\t", "\u00a0", "\u3000",
       "\U0001f600", "\U0001f469\u200d\U0001f4bb", "\U0001f1f0\U0001f1ff", "\ufffd", "\uffff",
       "\U0010ffff", "\ue000", "\u0627\u0644\u0639", "\u0661\u0669\u0669\u0662", "\uff21",
       "\r", "\n", "\r\n", '"', '""', ",", ";", ":", ": ", "'", "\\", "%s", "{0}", " ", ""]
# any text but NUL (a whole-file error, tested on its own) and lone surrogates (invalid UTF-8)
any_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
odd = st.lists(st.one_of(st.sampled_from(ODD), any_text), min_size=1, max_size=4).map("".join)
junk = st.one_of(odd, any_text, st.integers().map(str), st.floats().map(str),
                 st.sampled_from(["nan", "inf", "-Infinity", "1e999", "true", "NULL", "None"]))


class Raw(bytes):
    """A cell written as these very bytes, never quoted."""


class Hang(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` swallows it."""


@contextlib.contextmanager
def time_limit(seconds: float = LIMIT) -> Iterator[None]:
    def ring(*_):
        raise Hang(f"still running after {seconds} s")

    if not hasattr(signal, "setitimer"):  # Windows: no alarm, the subprocess timeouts remain
        yield
        return
    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def lines_before(prefix: bytes) -> int:
    """The line (from 1) that starts after ``prefix``: CR, LF and CRLF each end a line."""
    return prefix.count(b"\n") + prefix.count(b"\r") - prefix.count(b"\r\n") + 1


def encode(cell: str | Raw) -> bytes:
    if isinstance(cell, Raw):
        return bytes(cell)
    if any(c in cell for c in ',"\r\n'):
        cell = '"' + cell.replace('"', '""') + '"'
    return cell.encode("utf-8", "surrogatepass")


def serialize(rows: list[list], nl: bytes) -> tuple[bytes, list[int]]:
    """The CSV bytes and the line each row starts on."""
    out, starts, line = [], [], 1
    for row in rows:
        record = b",".join(map(encode, row)) + nl
        out.append(record)
        starts.append(line)
        line += lines_before(record) - 1
    return b"".join(out), starts


def file_error(name: str, data: bytes) -> str | None:
    """The one problem a file gets when it cannot be read as text at all."""
    body = data.removeprefix(BOM)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        pos = e.start + len(data) - len(body)
        return f"{name}:{lines_before(data[:pos])}: -: not valid utf-8 (byte 0x{data[pos]:02x})"
    if not text.strip():
        return f"{name}:0: -: empty file"
    if "\x00" in text:
        pos = data.index(b"\x00")
        return f"{name}:{lines_before(data[:pos])}: -: NUL byte: not a text file"
    return None


def label(name: str, i: int) -> str:
    """How the loader shows a header cell: odd names as their repr, so nothing hides in them."""
    if not name:
        return f"column {i + 1}"
    return name if name.isprintable() and name == name.strip() else repr(name)


@dataclass
class Case:
    """One hostile data folder: what is rewritten and what must be reported."""

    nl: bytes = b"\n"
    bom: bool = False
    tables: dict[str, list[list]] = field(default_factory=dict)  # rewritten tables, header first
    raw: dict[str, bytes] = field(default_factory=dict)  # files replaced by these bytes
    # (file, row object or line, column, message or message(line_of)): each must be reported
    expect: list[tuple[str, Any, str, Any]] = field(default_factory=list)
    gone: set[tuple[str, str | None]] = field(default_factory=set)  # (noun, id); None: any id
    free: set[str] = field(default_factory=set)  # files where any well-formed problem may appear
    whole: set[str] = field(default_factory=set)  # files that fail as a whole (file_error)
    intact: set[str] = field(default_factory=set)  # files whose every row is loaded or reported
    at_least: list[tuple[str, Any]] = field(default_factory=list)  # (file, row): some problem there
    clean: bool = False  # no problem at all

    def __repr__(self) -> str:  # the changed cells, not the thousand rows around them
        changed = {f: [(n, r) for n, r in enumerate(rows) if n >= len(SHIPPED[f]) or
                       r != SHIPPED[f][n]][:5] for f, rows in self.tables.items()}
        expect = [(f, w if isinstance(w, int) else w[:3], c, m) for f, w, c, m in self.expect]
        raw = {f: d[:200] for f, d in self.raw.items()}
        return (f"Case(nl={self.nl!r}, bom={self.bom}, changed={changed}, raw={raw}, "
                f"expect={expect}, gone={self.gone}, free={self.free}, whole={self.whole})")

    def _repr_pretty_(self, printer, cycle) -> None:  # how hypothesis shows a falsifying case
        printer.text(repr(self))

    def table(self, file: str) -> list[list]:
        if file not in self.tables:
            self.tables[file] = [list(r) for r in SHIPPED[file]]
            self.intact.add(file)
        return self.tables[file]

    def build(self) -> tuple[dict[str, bytes], list[str], dict[str, dict[int, int]]]:
        """Bytes of each file, the problems expected and each file's line of each row (by id)."""
        files, starts = dict(self.raw), {}
        for name, rows in self.tables.items():
            data, lines = serialize(rows, self.nl)
            files[name] = (BOM if self.bom else b"") + data
            starts[name] = {id(r): n for r, n in zip(rows, lines, strict=True)}
        expected = []
        for file, where, column, message in self.expect:
            line = where if isinstance(where, int) else starts[file][id(where)]
            text = message(lambda r, f=file: starts[f][id(r)]) if callable(message) else message
            expected.append(f"{file}:{line}: {column}: {text}")
        for name in self.whole:
            if (problem := file_error(name, files[name])) is not None:
                expected.append(problem)
        return files, expected, starts


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The shipped tables, with borders of the same countries as small squares (fast to read)."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "data").mkdir()
    (root / "articles").mkdir()  # exists and is empty: article paths are looked up, not found
    for p in DATA.iterdir():
        if p.suffix in (".csv", ".json"):
            shutil.copy(p, root / "data")
    (root / "data" / "borders.geojson").write_text(borders(CODES), encoding="utf-8")
    return root


@contextlib.contextmanager
def folder(base: Path, files: dict[str, bytes], real_borders: bool = False) -> Iterator[Path]:
    """A fresh data folder: ``files`` written, every other file a symlink into the base."""
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        d = Path(tmp)
        for p in (base / "data").iterdir():
            if p.name not in files:
                src = DATA / p.name if real_borders and p.suffix == ".geojson" else p
                (d / p.name).symlink_to(src)
        for name, data in files.items():
            (d / name).write_bytes(data)
        yield d


def frame(atlas: tables.Atlas, file: str):
    name = file.removesuffix(".csv")
    return getattr(atlas, name) if name in tables.TABLES else atlas.extra.get(name)


def well_formed(problems: list[tables.Problem]) -> list[str]:
    shown = [str(p) for p in problems]
    for p, s in zip(problems, shown, strict=True):
        assert len(s.splitlines()) == 1 and "\n" not in s and "\r" not in s, s
        assert re.fullmatch(r"[^:\r\n]+:\d+: \S.*: \S.*", s), s
        assert s.startswith(f"{p.file}:{p.line}: ") and p.line >= 0 and p.column and p.message
        assert not re.match(r"unexpected \w+ while loading", p.message), s  # the safety net
        # of tables.load caught an exception: a bug
    return shown


def check(base: Path, case: Case) -> list[str]:
    files, expected, starts = case.build()
    with folder(base, files) as d, time_limit():
        atlas = tables.load(d, base / "articles")
        shown = well_formed(atlas.problems)
        loaded = {f: set(frame(atlas, f).get("line", [])) for f in files
                  if frame(atlas, f) is not None}
    if case.clean:
        assert shown == []
    missing = [e for e in expected if e not in shown]
    assert not missing, f"not reported: {missing}\nreported: {shown[:20]}"
    reported = {(p.file, p.line) for p in atlas.problems}
    for file, row in case.at_least:
        assert (file, starts[file][id(row)]) in reported, (file, shown[:20])
    for p, s in zip(atlas.problems, shown, strict=True):
        if s in expected or p.file in case.free:
            continue
        ref = re.search(r" is invalid \((.+):(\d+)\)$", p.message)
        if ref and (ref[1], int(ref[2])) in reported:
            continue  # follows from a row dropped for a reported reason
        unknown = re.fullmatch(r"unknown (\w+) (['\"].*)", p.message)
        if unknown and ({(unknown[1], ast.literal_eval(unknown[2])), (unknown[1], None)}
                        & case.gone):
            continue  # refers to an id the example removed
        raise AssertionError(f"unexpected problem {s!r}\nexpected: {expected}")
    for file, lines in loaded.items():  # no row both loaded and reported
        assert not {ln for f, ln in reported if f == file} & lines, file
    for file in case.intact & set(case.tables) - case.whole:  # no row silently lost
        if (file, 1) in reported or any(p.file == file and p.line == 0 for p in atlas.problems):
            continue
        lost = set(list(starts[file].values())[1:]) - loaded.get(file, set()) - {
            ln for f, ln in reported if f == file}
        assert not lost, f"{file}: rows neither loaded nor reported on lines {sorted(lost)[:10]}"
    return shown


SCALE = float(os.environ.get("HOSTILE_SCALE", "1"))  # e.g. 0.1 while working on the loader


def examples(n: int) -> int:
    return max(1, round(n * SCALE))


SETTINGS = dict(deadline=None, derandomize=True, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example, HealthCheck.filter_too_much])


@st.composite
def fresh(draw) -> Case:
    nl = draw(st.sampled_from([b"\n", b"\n", b"\r\n", b"\r"]))
    return Case(nl=nl, bom=draw(st.sampled_from([False, False, False, True])))


def row_index(draw, rows: list[list]) -> int:
    return draw(st.integers(1, len(rows) - 1))


def forget(case: Case, file: str, row: list) -> None:
    """Rows of other tables may now find this row's id unknown."""
    if file in NOUN:
        case.gone.add((NOUN[file], row[SHIPPED[file][0].index(PK[file][0])]))


# --- bad cells ------------------------------------------------------------------------------


def not_number(text: str) -> bool:
    try:
        return not math.isfinite(float(text))
    except ValueError:
        return True


def is_date(f: dict) -> bool:
    return f.get("constraints", {}).get("pattern") == dates.PATTERN


@st.composite
def bad_date(draw) -> tuple[str, str]:
    """A value of a date column and the reason it is not a date."""
    y, m = draw(st.integers(1000, 2100)), draw(st.integers(1, 12))
    days = calendar.monthrange(y, m)[1]
    what = draw(st.sampled_from(["shape", "month", "day", "year 0"]))
    if what == "shape":
        v = draw(junk.filter(lambda v: v != "" and not re.fullmatch(dates.PATTERN, v)))
        return v, f"{v!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    if what == "month":
        m = draw(st.integers(0, 99).filter(lambda m: not 1 <= m <= 12))
        v, why = f"{y}-{m:02d}{draw(st.sampled_from(['', '-01']))}", f"month {m}"
    elif what == "day":
        d = draw(st.integers(0, 99).filter(lambda d: not 1 <= d <= days))
        v, why = f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d} has {days} days"
    else:
        v, why = draw(st.sampled_from(["0000", "0000-01", "0000-13", "0000-02-30"])), "year 0"
    return v, f"{v!r} is not a calendar date ({why})"


@st.composite
def bad_value(draw, file: str, column: str, row: list, links: bool) -> tuple[str, str | None]:
    """A new value for ``row[column]`` and the problem it must raise there (None: no problem at
    the row; a renamed id only breaks the references to it). ``links``: unknown ids allowed."""
    f = FIELDS[file][column]
    c, kind = f.get("constraints", {}), f.get("type", "string")
    old = row[SHIPPED[file][0].index(column)]
    options: list[st.SearchStrategy] = []
    if c.get("required"):
        options.append(st.just(("", "required value missing")))
    if kind == "number":
        options.append(junk.filter(lambda v: v != "" and not_number(v)).map(
            lambda v: (v, f"{v!r} is not a number")))
        lo, hi = c.get("minimum"), c.get("maximum")
        options.append(st.floats(allow_nan=False, allow_infinity=False).filter(
            lambda x: x < lo or x > hi).map(str).map(
            lambda v: (v, f"{float(v)!r} out of range [{lo}, {hi}]")))
    elif kind == "boolean":
        options.append(junk.filter(lambda v: v not in (*tables.TRUE, *tables.FALSE, "")).map(
            lambda v: (v, f"{v!r} is not a boolean (true or false)")))
    if "enum" in c:
        options.append(junk.filter(lambda v: v not in c["enum"] and v != "").map(
            lambda v: (v, f"{v!r} is not one of {', '.join(c['enum'])}")))
    if is_date(f):
        options.append(bad_date())
    elif "pattern" in c:
        options.append(junk.filter(lambda v: v != "" and not re.fullmatch(c["pattern"], v)).map(
            lambda v: (v, f"{v!r} does not match {c['pattern']}")))
    target = FK.get((file, column))
    if target and links:  # an unknown code or id, or a number where an id is expected
        noun = NOUN[target]
        if target == "countries.csv":
            new = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)
        else:
            new = st.one_of(st.integers().map(str), junk, odd.map(lambda o: old + o))
        new = new.filter(lambda v: v != "" and v not in IDS[target])
        if column == "participants":
            codes = old.split(";")
            options.append(st.tuples(new, st.integers(0, len(codes))).map(
                lambda vi: (";".join([*codes[:vi[1]], vi[0], *codes[vi[1]:]]),
                            f"unknown {noun} {vi[0]!r}")))
        else:
            options.append(new.map(lambda v: (v, f"unknown {noun} {v!r}")))
    if file in NOUN and column in PK[file]:  # renamed: the references to it break
        if file == "countries.csv":
            new = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3).filter(
                lambda v: v not in IDS[file]).map(lambda v: (v, f"no border for {v}"))
        elif "pattern" in c:  # (link kinds) the new id still matches the pattern
            new = st.from_regex(c["pattern"], fullmatch=True).filter(
                lambda v: v not in IDS[file]).map(lambda v: (v, None))
        else:
            new = st.one_of(st.integers().map(str), odd.map(lambda o: old + o)).filter(
                lambda v: v != "" and v not in IDS[file]).map(lambda v: (v, None))
        options.append(new)
    return draw(st.one_of(options))


@st.composite
def bad_cells(draw) -> Case:
    """1-3 tables, each with one cell of one row made invalid."""
    case = draw(fresh())
    files = draw(st.lists(st.sampled_from(FILES), min_size=1, max_size=3, unique=True))
    for file in files:
        rows = case.table(file)
        i = row_index(draw, rows)
        # a reference is checked only while the row's other references hold: when every other
        # table changed is one nothing refers to
        links = all(f in LEAVES for f in files if f != file)
        column = draw(st.sampled_from([c for c in rows[0] if FIELDS[file][c].get("constraints")
                                       or FIELDS[file][c].get("type") != "string"
                                       or (file, c) in FK and links]))
        value, message = draw(bad_value(file, column, rows[i], links))
        if column in PK[file]:
            forget(case, file, rows[i])
        rows[i][rows[0].index(column)] = value
        if message is not None:
            case.expect.append((file, rows[i], column, message))
    return case


@settings(max_examples=examples(240), **SETTINGS)
@given(bad_cells())
def test_bad_cell(base, case):
    check(base, case)


# --- periods, duplicates -------------------------------------------------------------------


@st.composite
def reversed_periods(draw) -> Case:
    """1-3 rows whose period ends before it starts."""
    case = draw(fresh())
    file = draw(st.sampled_from([f for f in FILES if {"start", "founded"} & set(FIELDS[f])]))
    a, b = ("founded", "dissolved") if "founded" in FIELDS[file] else ("start", "end")
    rows = case.table(file)
    ia, ib = rows[0].index(a), rows[0].index(b)
    for i in draw(st.lists(st.integers(1, len(rows) - 1), min_size=1, max_size=3, unique=True)):
        first = dates.parse(rows[i][ia]).first_day
        day = first - dt.timedelta(days=draw(st.integers(1, 3000)))
        text = draw(st.sampled_from([f"{day:%Y-%m-%d}", f"{day:%Y-%m}", f"{day:%Y}"]))
        if dates.parse(text).last_day >= first:
            text = f"{day:%Y-%m-%d}"
        rows[i][ib] = text
        case.expect.append((file, rows[i], b, f"{text} is before {a} {rows[i][ia]}"))
    return case


@settings(max_examples=examples(60), **SETTINGS)
@given(reversed_periods())
def test_end_before_start(base, case):
    check(base, case)


@st.composite
def duplicate_ids(draw) -> Case:
    """A row given another row's id, or a whole row copied elsewhere in its table."""
    case = draw(fresh())
    file = draw(st.sampled_from([f for f in FILES if PK[f]]))
    rows, key = case.table(file), PK[file][0]
    k = rows[0].index(key)
    i = row_index(draw, rows)
    if draw(st.booleans()) and i < len(rows) - 1:  # copy row i's id into a later row j
        # (into an earlier row, the first row with the id would hold other data: organizations
        # founded at another date, then memberships out of their lifetime...)
        j = draw(st.integers(i + 1, len(rows) - 1))
        forget(case, file, rows[j])
        rows[j][k] = rows[i][k]
    else:  # copy the whole row i to position j
        j = draw(st.integers(1, len(rows)))
        rows.insert(j, list(rows[i]))
        i += j <= i
    first, later = rows[min(i, j)], rows[max(i, j)]
    case.expect.append((file, later, key, lambda line, v=rows[i][k], r=first:
                        f"duplicate id {v!r} (first on line {line(r)})"))
    return case


@settings(max_examples=examples(60), **SETTINGS)
@given(duplicate_ids())
def test_duplicate_id(base, case):
    check(base, case)


# --- header ---------------------------------------------------------------------------------


UNKNOWN_COLUMN = f"unknown column (not in {tables.DESCRIPTOR})"


def fatal(file: str, column: str) -> bool:
    """Without this column the table cannot be used at all."""
    return column in PK[file] or bool(FIELDS[file][column].get("constraints", {}).get("required"))


@st.composite
def header_changes(draw) -> Case:
    case = draw(fresh())
    file = draw(st.sampled_from(FILES))
    rows = case.table(file)
    header = rows[0]
    i = draw(st.integers(0, len(header) - 1))
    column = header[i]
    new_name = st.one_of(odd, any_text, odd.map(lambda o: column + o),
                         odd.map(lambda o: o + column)).filter(lambda n: n not in FIELDS[file])
    what = draw(st.sampled_from(["delete", "rename", "duplicate", "extra", "shuffle"]))
    if what in ("delete", "rename"):
        if what == "delete":
            for r in rows:
                del r[i]
        else:
            header[i] = name = draw(new_name)
            case.expect.append((file, 1, label(name, i), UNKNOWN_COLUMN))
        case.expect.append((file, 1, column, "missing column"))
        if fatal(file, column):
            case.gone.add((NOUN.get(file), None))
            case.intact.discard(file)
        else:
            case.free.add(file)  # e.g. every article without its file, every lat without lon
    elif what == "duplicate":
        j = draw(st.integers(0, len(header)))
        for r in rows:
            r.insert(j, r[i])
        case.expect.append((file, 1, column, "duplicate column"))
        case.intact.discard(file)
    elif what == "extra":
        j = draw(st.integers(0, len(header)))
        name = draw(new_name)
        values = draw(st.lists(junk, max_size=5))  # then empty cells
        for r, v in zip(rows, [name, *values, *[""] * (len(rows) - 1 - len(values))],
                        strict=True):
            r.insert(j, v)
        case.expect.append((file, 1, label(name, j), UNKNOWN_COLUMN))
    else:
        order = draw(st.permutations(range(len(header))))
        rows[:] = [[r[k] for k in order] for r in rows]
        case.clean = True
    return case


@settings(max_examples=examples(130), **SETTINGS)
@given(header_changes())
def test_header(base, case):
    check(base, case)


# --- rows -----------------------------------------------------------------------------------


@st.composite
def ragged_rows(draw) -> Case:
    """Rows with cells added or missing, and blank lines."""
    case = draw(fresh())
    file = draw(st.sampled_from(FILES))
    rows = case.table(file)
    width, touched = len(rows[0]), set()
    for _ in range(draw(st.integers(1, 3))):
        i = row_index(draw, rows)
        row = rows[i]
        if id(row) in touched:
            continue
        touched.add(id(row))
        what = draw(st.sampled_from(["more", "fewer", "blank"]))
        if what == "blank":
            rows.insert(i, blank := [])
            touched.add(id(blank))
            case.expect.append((file, blank, "-", "blank line"))
            continue
        forget(case, file, row)
        if what == "more":
            row += draw(st.lists(junk, min_size=1, max_size=4))
        else:
            del row[draw(st.integers(1, width - 1)):]
        case.expect.append((file, row, "-", f"{len(row)} fields, header has {width}"))
    return case


@settings(max_examples=examples(80), **SETTINGS)
@given(ragged_rows())
def test_ragged_rows(base, case):
    check(base, case)


FREE_TEXT = {f: [c for c, x in FIELDS[f].items() if not x.get("constraints", {}).keys() - {
    "required"} and x.get("type", "string") == "string" and (f, c) not in FK and c not in PK[f]]
    for f in FILES}
INVALID_UTF8 = [b"\xff", b"\xfe", b"\xc0\xaf", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
                b"\x80", b"\xf0\x9f\x98"]


@st.composite
def odd_text(draw) -> Case:
    """Unicode oddities inside text cells: valid text must load as it is; NUL, lone surrogates
    and invalid UTF-8 make the whole file unreadable, reported at the line they are on."""
    case = draw(fresh())
    for _ in range(draw(st.integers(1, 4))):
        file = draw(st.sampled_from([f for f in FILES if FREE_TEXT[f]]))
        rows = case.table(file)
        row = rows[row_index(draw, rows)]
        k = rows[0].index(draw(st.sampled_from(FREE_TEXT[file])))
        old = row[k]
        if isinstance(old, Raw):  # already broken
            continue
        at = draw(st.integers(0, len(old)))
        what = draw(st.sampled_from(["odd"] * 6 + ["nul", "surrogate", "bytes"]))
        if what == "bytes":
            bad = draw(st.sampled_from(INVALID_UTF8))
            row[k] = Raw(old[:at].encode() + bad + old[at:].encode())
            if any(ch in old for ch in ',"\r\n'):
                row[k] = Raw(b"x" + bad)
        else:
            extra = {"odd": draw(odd), "nul": "\x00", "surrogate": draw(st.characters(
                categories=["Cs"]))}[what]
            row[k] = new = old[:at] + extra + old[at:]
            if not new and FIELDS[file][rows[0][k]].get("constraints", {}).get("required"):
                row[k] = " "
        if what != "odd":
            case.whole.add(file)
            case.gone.add((NOUN.get(file), None))
    case.clean = not case.whole
    return case


@settings(max_examples=examples(130), **SETTINGS)
@given(odd_text())
def test_unicode_in_text_cells(base, case):
    check(base, case)


# --- whole files ----------------------------------------------------------------------------


@st.composite
def whole_files(draw) -> tuple[Case, str]:
    """A table replaced by nothing, blanks, its header alone, binary or text garbage."""
    case = draw(fresh())
    file = draw(st.sampled_from(FILES))
    what = draw(st.sampled_from(["empty", "blank", "header", "binary", "text"]))
    data = {
        "empty": b"",
        "blank": draw(st.text(" \t\r\n\x0b\x0c\x1c\x85\u00a0\u2028\u3000", max_size=20)).encode(),
        "header": ",".join(SHIPPED[file][0]).encode() + draw(st.sampled_from([b"", case.nl])),
        "binary": draw(st.binary(min_size=1, max_size=3000)),
        "text": draw(st.text(min_size=1, max_size=500)).encode("utf-8", "surrogatepass"),
    }[what]
    case.raw[file] = BOM + data if draw(st.booleans()) else data
    case.gone.add((NOUN.get(file), None))
    case.whole.add(file)
    if what in ("binary", "text"):
        case.free.add(file)
    return case, what


@settings(max_examples=examples(80), **SETTINGS)
@given(whole_files())
def test_whole_file(base, example):
    case, what = example
    (file,) = case.raw
    mine = [s for s in check(base, case) if s.startswith(f"{file}:")]
    if what == "header":  # a table without rows is valid
        assert mine == []
    else:  # and nothing else is
        assert mine
        if what in ("empty", "blank"):
            assert mine == [f"{file}:0: -: empty file"]


@st.composite
def garbage_line(draw) -> Case:
    """One line of garbage among valid rows: reported on its line, the other rows kept."""
    case = draw(fresh())
    file = draw(st.sampled_from(FILES))
    rows = case.table(file)
    i = draw(st.integers(1, len(rows)))
    data = draw(st.binary(min_size=1, max_size=200).filter(
        lambda b: b"\n" not in b and b"\r" not in b))
    rows.insert(i, junk_row := [Raw(data)])
    case.at_least.append((file, junk_row))
    case.free.add(file)
    case.whole.add(file)
    case.gone.add((NOUN.get(file), None))
    case.intact.discard(file)
    return case


@settings(max_examples=examples(40), **SETTINGS)
@given(garbage_line())
def test_garbage_line(base, case):
    check(base, case)


# --- quotes, huge cells -------------------------------------------------------------------------


def plain_cell(draw, rows: list[list]) -> tuple[int, int]:
    """A row and one of its non-empty cells that is written without quotes."""
    return draw(st.sampled_from([(i, k) for i, r in enumerate(rows[1:], 1) for k, v in enumerate(r)
                                 if v and not any(c in v for c in ',"\r\n')]))


def runaway(tail: bytes) -> str | None:
    """What the CSV reader meets after a quote opened before ``tail``: the end of the file, a
    quote followed by something else than a delimiter (both errors), or None: a quote that closes
    the field after all, many lines later."""
    pos = 0
    while (q := tail.find(b'"', pos)) >= 0:
        after = tail[q + 1: q + 2]
        if after == b'"':
            pos = q + 2
        elif after in (b",", b"\r", b"\n", b""):
            return None
        else:
            return "malformed CSV: ',' expected after '\"'"
    return "malformed CSV: quote not closed"


@st.composite
def unclosed_quotes(draw) -> Case:
    """A quote opened at the start of a cell and never closed."""
    case = draw(fresh())
    file = draw(st.sampled_from(FILES))
    rows = case.table(file)
    i, k = plain_cell(draw, rows)
    row = rows[i]
    forget(case, file, row)
    tail = b",".join(map(encode, row[k:])) + case.nl + serialize(rows[i + 1:], case.nl)[0]
    row[k] = Raw(b'"' + row[k].encode())
    if (message := runaway(tail)) is None:
        case.at_least.append((file, row))
        case.free.add(file)
        case.gone.add((NOUN.get(file), None))
        case.intact.discard(file)
    else:
        case.expect.append((file, row, "-", message))
    return case


@settings(max_examples=examples(50), **SETTINGS)
@given(unclosed_quotes())
def test_unclosed_quote(base, case):
    check(base, case)


# csv's default limit, kept by the loader even when another module (frictionless) raised it
TOO_LARGE = "malformed CSV: field larger than field limit (131072)"


@st.composite
def huge_cells(draw) -> Case:
    """A 1-5 MB cell (too big: reported, the other rows kept) or a 100 kB text cell (fine)."""
    case = draw(fresh())
    file = draw(st.sampled_from(FILES))
    rows = case.table(file)
    i, k = plain_cell(draw, rows)
    row = rows[i]
    unit = draw(st.sampled_from(["x", "\u00e9", "\U0001f600", "a,b", 'a"b', "\u200f", " "]))
    if draw(st.booleans()):
        forget(case, file, row)
        row[k] = unit * (draw(st.integers(1, 5)) * 1_000_000 // len(unit))
        case.expect.append((file, row, "-", TOO_LARGE))
    elif FREE_TEXT[file]:
        k = rows[0].index(draw(st.sampled_from(FREE_TEXT[file])))
        # (a visible first character: a cell of bidi marks only is cleaned to "", see geo.clean)
        row[k] = "a" + unit * (100_000 // len(unit))
        case.clean = True
    return case


@settings(max_examples=examples(12), **SETTINGS)
@given(huge_cells())
def test_huge_cell(base, case):
    check(base, case)


# --- descriptor -----------------------------------------------------------------------------

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


def nodes(doc: Any, path: tuple = ()) -> Iterator[tuple]:
    yield path
    items = doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(
        doc, list) else ()
    for k, v in items:
        yield from nodes(v, (*path, k))


PATHS = [p for p in nodes(DESC) if p and p[0] == "resources"]


@st.composite
def broken_descriptors(draw) -> tuple[bytes, str | None]:
    """The descriptor cut short (an exact JSON error) or with one node replaced by any JSON."""
    text = json.dumps(DESC, indent=2, ensure_ascii=False)
    if draw(st.booleans()):
        cut = text[: draw(st.integers(0, len(text) - 1))]
        try:
            json.loads(cut)
        except json.JSONDecodeError as e:
            return cut.encode(), f"datapackage.json:{e.lineno}: -: not valid JSON: {e.msg}"
    doc = json.loads(text)
    *parents, last = draw(st.sampled_from(PATHS))
    node = doc
    for k in parents:
        node = node[k]
    node[last] = draw(JSON)
    return json.dumps(doc).encode(), None


@settings(max_examples=examples(120), **SETTINGS)
@given(broken_descriptors())
def test_broken_descriptor(base, broken):
    data, expected = broken
    with folder(base, {tables.DESCRIPTOR: data}) as d, time_limit():
        shown = well_formed(tables.load(d, base / "articles").problems)
    if expected:
        assert shown == [expected]


# --- the command ----------------------------------------------------------------------------

ANY_CASE = st.one_of(bad_cells(), reversed_periods(), duplicate_ids(), header_changes(),
                     ragged_rows(), odd_text(), whole_files().map(lambda cw: cw[0]),
                     garbage_line(), unclosed_quotes())


@settings(max_examples=examples(5), **SETTINGS)
@given(st.lists(ANY_CASE, min_size=3, max_size=3))
def test_validate_command(base, cases):
    """``python -m geo.validate DIR`` prints what the loader finds, one line each, and exits 1
    (0 with a summary when the change happens to be valid); never a traceback, never a hang.
    Three folders per example, checked by three processes at once."""
    env = {**os.environ, "ATLAS_ARTICLES_DIR": str(base / "articles"), "PYTHONPATH": str(REPO)}
    with contextlib.ExitStack() as stack:
        dirs = [stack.enter_context(folder(base, case.build()[0], real_borders=True))
                for case in cases]
        runs = [subprocess.Popen([sys.executable, "-m", "geo.validate", str(d)], cwd=REPO,
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for d in dirs]
        try:
            outputs = [run.communicate(timeout=LIMIT) for run in runs]  # TimeoutExpired: a hang
        finally:
            for run in runs:
                run.kill()  # nothing happens to a process that has ended
        for d, run, (out, err) in zip(dirs, runs, outputs, strict=True):
            with time_limit():
                problems = tables.load(d, base / "articles").problems
            out, err = out.decode("utf-8"), err.decode("utf-8")
            assert "Traceback" not in out + err
            if problems:
                assert run.returncode == 1
                assert out.splitlines() == well_formed(problems)
                assert err == f"{len(problems)} problem(s) in {d}\n"
            else:
                assert run.returncode == 0 and out.startswith(f"{d}: valid\n") and err == ""


# --- regressions: what the generated examples found, as plain examples ------------------------
# (on the small fixture of tests/conftest.py; before the fix, each of these failed)


def problems(d: Path) -> list[str]:
    return [str(p) for p in tables.load(d, d.parent / "articles").problems]


EVENTS = CSV["events.csv"]


@pytest.mark.parametrize(("data", "expected"), [
    # a file with CR line endings: the bad byte or NUL is on line 4, not 1
    (EVENTS.replace("\n", "\r").encode() + b"\xff", "events.csv:4: -: not valid utf-8 (byte 0xff)"),
    (EVENTS.replace("\n", "\r").encode() + b"x\x00", "events.csv:4: -: NUL byte: not a text file"),
    # after a BOM: the byte shown is the bad one, not the one 3 bytes before it
    (BOM + EVENTS.encode() + b"\xff", "events.csv:4: -: not valid utf-8 (byte 0xff)"),
    (BOM + b"event_id,k\xe9", "events.csv:1: -: not valid utf-8 (byte 0xe9)"),
])
def test_bad_byte_line_and_value(variant, data, expected):
    assert problems(variant("events.csv", data)) == [expected]


def test_unclosed_quote_costs_one_row(variant):
    # the quote swallowed the next row into this row's note: evt-002 vanished without a problem
    d = variant("events.csv", replace=("Astana,\n", 'Astana,"see below\n'))
    assert problems(d) == ["events.csv:2: -: malformed CSV: quote not closed"]
    assert list(tables.load(d, d.parent / "articles").events["event_id"]) == ["evt-002"]
    # text after a closing quote: the rows after it are read, not dropped with it
    d = variant("memberships.csv", replace=("réunit ses membres,\n", 'réunit ses membres,"a"b\n'))
    assert problems(d) == ["memberships.csv:4: -: malformed CSV: ',' expected after '\"'"]
    assert len(tables.load(d, d.parent / "articles").memberships) == CSV[
        "memberships.csv"].count("\n") - 2


@pytest.mark.parametrize("csv_limit", [None, 2**31 - 1])  # frictionless raises csv's limit
def test_huge_field_costs_one_row(variant, csv_limit):
    # reading used to stop at the huge field: every later country was "unknown" to the others
    d = variant("countries.csv", replace=("Armenia", "x" * 200_000))
    old = csv.field_size_limit(csv_limit or csv.field_size_limit())
    try:
        found = problems(d)
    finally:
        csv.field_size_limit(old)
    assert found == [
        f"countries.csv:2: -: {TOO_LARGE}",
        "memberships.csv:6: iso3: unknown country 'ARM'",
        "memberships.csv:7: iso3: unknown country 'ARM'",
        "memberships.csv:14: iso3: unknown country 'ARM'"]


@pytest.mark.parametrize(("name", "shown"), [
    ("\ufeffkind", "'\\ufeffkind'"),  # was shown as "kind", next to "kind: missing column"
    (" kind", "' kind'"),
    ('"ki\nnd"', "'ki\\nnd'"),  # was a problem on two lines
])
def test_odd_column_names_are_visible(variant, name, shown):
    text = CSV["sources.csv"].replace(",kind,", f",{name},", 1)
    assert problems(variant("sources.csv", text)) == [
        f"sources.csv:1: {shown}: unknown column (not in datapackage.json)",
        "sources.csv:1: kind: missing column"]


def test_problem_is_one_line():
    p = tables.Problem("a.csv", 3, "x\ny", "'a' before\u2028b\r\x85")
    assert str(p) == "a.csv:3: x\\ny: 'a' before\\u2028b\\r\\x85"


def test_article_name_too_long(variant):
    # looking the article up raised OSError (file name too long): "unexpected OSError while
    # loading", and every table emptied
    d = variant("sources.csv", replace=("000_test.txt", "a" * 300 + ".txt"))
    atlas = tables.load(d, d.parent / "articles")
    assert atlas.problems == [] and atlas.articles_missing == ("a" * 300 + ".txt",)


def test_command_error_is_one_line(monkeypatch, capsys, tmp_path):
    def fail(*_):
        raise OSError("disk\nfull")

    monkeypatch.setattr(tables, "load", fail)
    assert validate.main([str(tmp_path)]) == 1
    assert capsys.readouterr().err == "geo.validate: unexpected OSError: disk full\n"


@pytest.mark.parametrize(("where", "value", "expected"), [
    ("constraints", [], "lat.constraints is malformed"),  # load() raised AttributeError
    ("constraints", {"pattern": "("}, "lat.pattern is malformed"),  # re.error: tables emptied
    ("constraints", {"minimum": "-90"}, "lat.minimum is malformed"),
])
def test_malformed_schema_is_one_problem(data_dir, where, value, expected):
    path = data_dir / tables.DESCRIPTOR
    desc = json.loads(path.read_text(encoding="utf-8"))
    i = next(i for i, r in enumerate(desc["resources"]) if r["name"] == "countries")
    next(f for f in desc["resources"][i]["schema"]["fields"] if f["name"] == "lat")[where] = value
    path.write_text(json.dumps(desc), encoding="utf-8")
    assert problems(data_dir) == [
        f"{tables.DESCRIPTOR}:0: resources[{i}]: malformed resource (TypeError('{expected}'))"]
