"""Load the Atlas tables, checked against ``datapackage.json``.

Bad data must never take the map down: every problem is reported with its file, line and column,
the offending row is dropped and everything valid is kept. Types, enums, patterns, ranges and keys
are read from the descriptor; what it cannot express (real calendar dates, periods, borders,
locators found in the articles) is checked here.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import graphlib
import io
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import geopandas as gpd
import pandas as pd

from geo import config, dates
from geo.clean import clean, clip

__all__ = ["DESCRIPTOR", "Atlas", "Problem", "load", "normalise"]

DESCRIPTOR = "datapackage.json"
TABLES = ("sources", "countries", "organizations", "memberships", "relations", "events")
PERIODS = (("start", "end"), ("founded", "dissolved"))  # opening and closing date columns
TRUE, FALSE = ("true", "True", "TRUE", "1"), ("false", "False", "FALSE", "0")  # Frictionless
_FIELD_LIMIT = 131072  # csv's default field_size_limit, whatever another module set it to
_BREAKS = {c: repr(chr(c))[1:-1] for c in (10, 11, 12, 13, 28, 29, 30, 0x85, 0x2028, 0x2029)}
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00ad": None})


class Problem(NamedTuple):
    """One thing wrong in the data; line 0 and column ``-`` when it concerns a whole file."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        """One line whatever the data holds: line breaks in names and messages are escaped."""
        return f"{self.file}:{self.line}: {self.column}: {self.message}".translate(_BREAKS)


@dataclass(frozen=True)
class Atlas:
    """The valid rows of each table (column ``line`` = CSV line), the borders and the problems.

    Date columns keep their text and gain ``<col>_first`` / ``<col>_last`` (datetime64, NaT when
    empty). The object is shared by the cache of :func:`load`: treat it as read-only.
    """

    sources: pd.DataFrame
    countries: pd.DataFrame
    organizations: pd.DataFrame
    memberships: pd.DataFrame
    relations: pd.DataFrame
    events: pd.DataFrame
    borders: gpd.GeoDataFrame  # empty (iso3, geometry) when missing or unreadable
    problems: list[Problem]
    locators_checked: int = 0
    articles_missing: tuple[str, ...] = ()  # cited article files absent from the articles folder
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)  # other tabular resources


def load(data_dir: str | Path | None = None, articles_dir: str | Path | None = None) -> Atlas:
    """Read and check every resource of ``data_dir``; never raises on bad data.

    Parameters
    ----------
    data_dir, articles_dir : str or Path, optional
        Default to :func:`geo.config.data_dir` and :func:`geo.config.articles_dir`.

    Returns
    -------
    Atlas
        Cached per folders and their files' mtimes and sizes, so app reruns are cheap.
    """
    d = Path(data_dir or config.data_dir()).resolve()
    a = Path(articles_dir or config.articles_dir()).resolve()
    return _load(d, a, _stamp(d), _stamp(a))


def normalise(text: str) -> str:
    """Fold case, curly apostrophes and every kind of space (U+00A0, U+202F...) for locators."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTES).split()).casefold()


def _stamp(folder: Path) -> tuple:
    try:
        return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                            for p in folder.iterdir()))
    except OSError:
        return ()


@lru_cache(maxsize=8)
def _load(data_dir: Path, articles_dir: Path, *_stamps: tuple) -> Atlas:
    loader = _Loader(data_dir, articles_dir)
    try:
        loader.run()
    except Exception as e:  # a bug must not take the map down either: report it as a problem
        loader.report(DESCRIPTOR, 0, "-", f"unexpected {type(e).__name__} while loading: {e}")
        for t in loader.tables.values():
            t.rows.clear()
    return loader.atlas()


#: the borders of an Atlas whose borders file is missing or unreadable: no country drawn
_NO_BORDERS = gpd.GeoDataFrame({"iso3": pd.Series([], dtype="str")},
                               geometry=gpd.GeoSeries([], crs="EPSG:4326"))


@lru_cache(maxsize=1)
def _shipped_resources() -> dict[str, dict]:
    """The shipped descriptor's tables by name: their columns when a folder's own descriptor
    is missing or unreadable, so pages get empty tables instead of failing on a column."""
    try:
        desc = json.loads((config.REPO / "data" / DESCRIPTOR).read_text("utf-8"))
        return {r["name"]: r for r in desc["resources"] if "schema" in r}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _line(before: str | bytes) -> int:
    """The line (from 1) of what follows ``before``: CR, LF and CRLF each end a line, as in csv."""
    cr, lf = ("\r", "\n") if isinstance(before, str) else (b"\r", b"\n")
    return before.count(lf) + before.count(cr) - before.count(cr + lf) + 1


def _relative(name: str) -> bool:
    """``name`` is a relative path that does not climb out of its folder (no absolute path,
    no ``..``): a descriptor or a source may not make the app read (and print in its public
    banner) ``/etc/passwd``. Links placed in the folder itself are the folder owner's choice
    (the tests link the shipped borders)."""
    if not isinstance(name, str) or not name or "\x00" in name:
        return False
    p = Path(name)
    return not (p.is_absolute() or p.anchor or ".." in p.parts)


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


def _names(x: Any) -> list[str]:
    return [x] if isinstance(x, str) else list(x or [])


def _noun(resource: str) -> str:
    return resource[:-3] + "y" if resource.endswith("ies") else resource.removesuffix("s")


def _is_date(f: dict) -> bool:
    return f.get("constraints", {}).get("pattern") == dates.PATTERN


def _value(f: dict, text: str) -> Any:
    """The typed cell; ValueError says which constraint of the field it breaks."""
    c, kind = f.get("constraints", {}), f.get("type", "string")
    if text == "":
        if c.get("required"):
            raise ValueError("required value missing")
        return None
    v: Any = text
    if kind in ("number", "integer"):
        try:
            v = float(text) if kind == "number" else int(text)
            if not math.isfinite(v):
                raise ValueError
        except ValueError:
            raise ValueError(f"{text!r} is not a{'n' * (kind == 'integer')} {kind}") from None
    elif kind == "boolean":
        true, false = f.get("trueValues", TRUE), f.get("falseValues", FALSE)
        if text not in (*true, *false):
            raise ValueError(f"{text!r} is not a boolean ({true[0]} or {false[0]})")
        v = text in true
    if "enum" in c and v not in c["enum"]:
        raise ValueError(f"{text!r} is not one of {', '.join(map(str, c['enum']))}")
    if _is_date(f):
        return dates.parse(text)
    if "pattern" in c and not re.fullmatch(c["pattern"], text, re.ASCII):  # \d: 0-9 only
        raise ValueError(f"{text!r} does not match {c['pattern']}")
    lo, hi = c.get("minimum"), c.get("maximum")
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        lo, hi = ("" if x is None else x for x in (lo, hi))
        raise ValueError(f"{v!r} out of range [{lo}, {hi}]")
    return v


_FIELD = {"type": str, "constraints": dict, "trueValues": list, "falseValues": list}
_CONSTRAINT = {"required": bool, "enum": list, "pattern": str, "minimum": int | float,
               "maximum": int | float}


def _check_schema(name: Any, path: Any, schema: Any) -> None:
    """TypeError naming the first part of a resource not shaped as the loader reads it."""
    def need(ok: Any, what: str) -> None:
        if not ok:
            raise TypeError(f"{what} is malformed")

    need(isinstance(name, str) and isinstance(path, str), "name or path")
    need(isinstance(schema, dict) and isinstance(schema.get("fields"), list), "schema.fields")
    names = [f.get("name") if isinstance(f, dict) else None for f in schema["fields"]]
    need(all(isinstance(n, str) and n for n in names) and len(set(names)) == len(names), "names")
    for f in schema["fields"]:
        c = f.get("constraints", {})
        for part, shapes in ((f, _FIELD), (c if isinstance(c, dict) else {}, _CONSTRAINT)):
            for key, kind in shapes.items():  # (True is an int, not a number here)
                v = part.get(key)
                need(key not in part or isinstance(v, kind) and (kind is bool) == isinstance(
                    v, bool), f"{f['name']}.{key}")
        for values in (f.get("trueValues", TRUE), f.get("falseValues", FALSE)):
            need(values and all(isinstance(v, str) for v in values), f"{f['name']} true/false")
        try:
            re.compile(c.get("pattern", ""))
        except re.error:
            need(False, f"{f['name']}.pattern")
    fks = schema.get("foreignKeys", [])
    need(isinstance(fks, list) and all(isinstance(fk, dict) for fk in fks), "foreignKeys")
    keys = [schema.get("primaryKey", []), *(fk.get("fields") for fk in fks)]
    need(all(isinstance(k, str | list) and set(_names(k)) <= set(names) for k in keys), "keys")
    for fk in fks:
        ref = fk.get("reference")
        need(isinstance(ref, dict) and isinstance(ref.get("resource", ""), str), "reference")
        to = _names(ref.get("fields"))
        need(all(isinstance(x, str) for x in to) and 0 < len(to) == len(_names(fk["fields"])),
             "reference.fields")


class _Table:
    """One CSV resource while it is checked: raw rows and the still valid typed rows, by line."""

    def __init__(self, res: dict):
        self.name, self.file, schema = res["name"], res["path"], res["schema"]
        _check_schema(self.name, self.file, schema)
        self.fields: dict[str, dict] = {f["name"]: f for f in schema["fields"]}
        self.pk, self.fks = _names(schema.get("primaryKey")), list(schema.get("foreignKeys", []))
        #: free-text columns, cleaned (geo.clean); ids and codes are checked as they are
        self.free = {n for n, f in self.fields.items() if f.get("type", "string") == "string"
                     and not {"pattern", "enum"} & set(f.get("constraints", {}))}
        self.free -= {*self.pk, *(c for fk in self.fks for c in _names(fk.get("fields")))}
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
        rows = [r for _, r in sorted(self.rows.items())]
        data: dict[str, Any] = {"line": pd.Series(sorted(self.rows), dtype="int64")}
        for n, f in self.fields.items():
            vals = [r[n] for r in rows]
            if _is_date(f):
                data[n] = pd.Series([v.text if v else "" for v in vals], dtype="str")
                for end in ("first", "last"):
                    days = pd.Series([getattr(v, f"{end}_day") if v else None for v in vals],
                                     dtype=object)
                    data[f"{n}_{end}"] = pd.to_datetime(days).astype("datetime64[s]")
            elif f.get("type") in ("number", "integer"):
                data[n] = pd.Series(vals, dtype="float64")
            elif f.get("type") == "boolean":
                data[n] = pd.Series(vals, dtype="boolean" if None in vals else "bool")
            elif n == "participants":
                data[n] = pd.Series([tuple(v.split(";")) if v else () for v in vals], dtype=object)
            else:
                data[n] = pd.Series(["" if v is None else v for v in vals], dtype="str")
        return pd.DataFrame(data)


class _Loader:
    """Reads the folder and collects problems; see :func:`load`."""

    def __init__(self, data_dir: Path, articles_dir: Path):
        self.dir, self.articles_dir = data_dir, articles_dir
        self.problems: list[Problem] = []
        self.tables: dict[str, _Table] = {}
        self.borders: gpd.GeoDataFrame | None = None
        self.codes: set[str] | None = None  # iso3 of the border features, None when unknown
        self.locators_checked = 0
        self.texts: dict[str, str | None] = {}

    def report(self, file: str, line: int, column: str, message: str) -> None:
        """Record a problem; the folders' absolute paths are left out (the banner is public)."""
        for folder in (self.dir, self.articles_dir):
            message = message.replace(f"{folder}{os.sep}", "").replace(str(folder), folder.name)
            file = file.replace(str(folder), folder.name)
        self.problems.append(Problem(file, line, column, message))

    def drop(self, t: _Table, line: int, column: str, message: str) -> None:
        self.report(t.file, line, column, message)
        t.rows.pop(line, None)

    def atlas(self) -> Atlas:
        frames = {n: t.frame() for n, t in self.tables.items()}
        missing = {name for name, text in self.texts.items() if text is None}
        if src := self.tables.get("sources"):
            missing |= {r["file"] for r in src.rows.values() if r.get("kind") == "article"
                        and r.get("file") and self.article(r["file"]) is None}
        for n in TABLES:  # a table missing or unusable: no rows, but its columns
            if n not in frames and (res := _shipped_resources().get(n)):
                with contextlib.suppress(KeyError, TypeError, AttributeError):
                    frames[n] = _Table(res).frame()
        borders = self.borders if self.borders is not None else _NO_BORDERS.copy()
        return Atlas(**{n: frames.pop(n, pd.DataFrame()) for n in TABLES}, borders=borders,
                     problems=sorted(self.problems, key=lambda p: (p.file, p.line)),
                     locators_checked=self.locators_checked,
                     articles_missing=tuple(sorted(missing)), extra=frames)

    def run(self) -> None:
        resources = self.descriptor()
        if resources is None:
            return
        known = {DESCRIPTOR}
        for i, res in enumerate(resources):
            try:
                known.add(res["path"])
                if not _relative(res["path"]):
                    self.report(DESCRIPTOR, 0, f"resources[{i}].path",
                                f"{clip(res['path'], 80)!r} is not a file in the data folder")
                    continue
                if "schema" in res:
                    self.tables[res["name"]] = t = _Table(res)
                    self.read(t)
                elif res.get("format") == "geojson" or res["path"].endswith(".geojson"):
                    self.read_borders(res["path"])
            except (KeyError, TypeError, AttributeError) as e:
                self.report(DESCRIPTOR, 0, f"resources[{i}]", f"malformed resource ({e!r})")
        for p in sorted(self.dir.iterdir()):
            if p.suffix in (".csv", ".geojson", ".json") and p.name not in known:
                self.report(p.name, 0, "-", f"not described in {DESCRIPTOR}")
        for name in self.order():
            self.links(self.tables[name])

    def descriptor(self) -> list | None:
        if not self.dir.is_dir():
            return self.report(str(self.dir), 0, "-", "no such directory")
        try:
            desc = json.loads((self.dir / DESCRIPTOR).read_bytes().decode("utf-8-sig"))
        except FileNotFoundError:
            return self.report(DESCRIPTOR, 0, "-", f"file not found in {self.dir}")
        except json.JSONDecodeError as e:
            return self.report(DESCRIPTOR, e.lineno, "-", f"not valid JSON: {e.msg}")
        except (UnicodeDecodeError, OSError) as e:
            return self.report(DESCRIPTOR, 0, "-", f"unreadable: {e}")
        if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
            return self.report(DESCRIPTOR, 0, "resources", "missing or not a list")
        return desc["resources"]

    def read(self, t: _Table) -> None:
        path = self.dir / t.file
        if not path.is_file():
            return self.report(t.file, 0, "-", "file not found")
        data = path.read_bytes()
        utf8 = t.encoding.lower().replace("_", "-") in ("utf-8", "utf8")
        if utf8:  # a BOM is allowed; positions below are counted in the bytes after it
            data = data.removeprefix(codecs.BOM_UTF8)
        try:
            text = data.decode(t.encoding)
        except UnicodeDecodeError as e:
            byte = f"byte 0x{data[e.start]:02x}"
            return self.report(t.file, _line(data[: e.start]), "-",
                               f"not valid {t.encoding} ({byte})")
        except LookupError:
            return self.report(t.file, 0, "-", f"unknown encoding {t.encoding!r}")
        if not text.strip():
            return self.report(t.file, 0, "-", "empty file")
        if "\x00" in text:
            return self.report(t.file, _line(text[: text.index("\x00")]), "-",
                               "NUL byte: not a text file")
        header = None
        for line, cells in self.records(t, text):
            if header is None:
                if line != 1 or not self.header(t, cells):
                    return  # no usable header (a malformed one is reported already)
                header = cells
            elif not cells:
                self.report(t.file, line, "-", "blank line")
            elif len(cells) != len(header):
                self.report(t.file, line, "-", f"{len(cells)} fields, header has {len(header)}")
            else:
                self.row(t, line, dict(zip(header, cells, strict=True)))

    def records(self, t: _Table, text: str) -> Iterator[tuple[int, list[str]]]:
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
                self.report(t.file, done + at + 1, "-", f"malformed CSV: {why}")
                start, done = done + at, done + at + 1
                if "field limit" in str(e):  # a whole (quoted, multi-line) record: skip it all
                    done = max(done, _record_end(lines, start))

    def header(self, t: _Table, header: list[str]) -> bool:
        for i, c in enumerate(header):
            if c not in t.fields:  # odd names as their repr: "\ufeffiso3" is not "iso3"
                name = c if c.isprintable() and c == c.strip() else repr(c)
                self.report(t.file, 1, name if c else f"column {i + 1}",
                            f"unknown column (not in {DESCRIPTOR})")
            elif c in header[:i]:
                self.report(t.file, 1, c, "duplicate column")
        fatal = len(set(header)) < len(header)
        for n, f in t.fields.items():
            if n not in header:
                self.report(t.file, 1, n, "missing column")
                fatal |= n in t.pk or bool(f.get("constraints", {}).get("required"))
        t.usable = not fatal
        return t.usable

    def row(self, t: _Table, line: int, cells: dict[str, str]) -> None:
        t.raw[line] = raw = {n: clean(v) if n in t.free else v  # free text: geo.clean
                             for n in t.fields for v in (cells.get(n, ""),)}
        typed, bad = {}, []
        for n, f in t.fields.items():
            try:
                typed[n] = _value(f, raw[n])
            except ValueError as e:
                bad.append((n, str(e)))
        if t.pk and all(raw[k] for k in t.pk):
            key = tuple(raw[k] for k in t.pk)
            if (first := t.first.setdefault(key, line)) != line:
                shown = ", ".join(map(repr, key))
                bad.append((",".join(t.pk), f"duplicate id {shown} (first on line {first})"))
        if not bad:
            bad = self.semantics(t, typed)
        for column, message in bad:
            self.report(t.file, line, column, message)
        if not bad:
            t.rows[line] = typed

    @staticmethod
    def semantics(t: _Table, r: dict) -> list[tuple[str, str]]:
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
        if "file" in t.fields and r.get("file") and not _relative(r["file"]):
            bad.append(("file", f"{clip(r['file'], 80)!r} is not a file in the articles folder"))
        return bad

    def read_borders(self, name: str) -> None:
        path = self.dir / name
        if not path.is_file():
            return self.report(name, 0, "-", "file not found")
        try:
            gdf = gpd.read_file(path)
        except Exception as e:  # pyogrio raises its own errors for every kind of bad file
            return self.report(name, 0, "-", f"unreadable: {(str(e) or repr(e)).splitlines()[0]}")
        if "iso3" not in gdf.columns:
            return self.report(name, 0, "iso3", "no iso3 property on the features")
        self.borders, self.codes = gdf, set(gdf["iso3"].dropna())

    def order(self) -> list[str]:
        """Tables after the tables they refer to, so references see final valid rows."""
        deps = {n: {fk.get("reference", {}).get("resource") for fk in t.fks} - {"", None, n}
                for n, t in self.tables.items()}
        for n, t in self.tables.items():
            deps[n] |= {"countries"} if "participants" in t.fields and n != "countries" else set()
        try:
            return [n for n in graphlib.TopologicalSorter(deps).static_order() if n in self.tables]
        except graphlib.CycleError:
            return list(self.tables)

    def links(self, t: _Table) -> None:
        """Checks across rows and tables: keys, borders, lifetimes, overlaps, locators."""
        if not t.usable:
            return
        for fk in t.fks:
            target = self.tables.get(fk["reference"].get("resource") or t.name)
            cols, tcols = _names(fk["fields"]), _names(fk["reference"]["fields"])
            if target and not set(tcols) <= target.fields.keys():
                self.report(DESCRIPTOR, 0, t.name, f"foreign key to unknown {target.name} {tcols}")
            elif target and target.usable:  # a broken target is reported already
                self.refs(t, cols, target, tcols)
        if (c := self.tables.get("countries")) and c.usable and "participants" in t.fields:
            self.refs(t, ["participants"], c, ["iso3"], split=True)
        if t.name == "countries" and self.codes is not None:
            for line in [ln for ln, r in t.rows.items() if r["iso3"] not in self.codes]:
                self.drop(t, line, "iso3", f"no border for {t.raw[line]['iso3']}")
        if {"org_id", "iso3", "start", "end"} <= t.fields.keys():
            self.lifetimes(t)
            self.overlaps(t)
        if {"source_id", "locator"} <= t.fields.keys():
            self.locators(t)

    def refs(self, t: _Table, cols: list[str], target: _Table, tcols: list[str], split=False):
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

    def lifetimes(self, t: _Table) -> None:
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

    def overlaps(self, t: _Table) -> None:
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

    def locators(self, t: _Table) -> None:
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
                if _relative(name) and path.is_file():
                    text = path.read_text("utf-8", errors="replace")
            self.texts[name] = None if text is None else normalise(text)
        return self.texts[name]
