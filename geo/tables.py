"""Load the Atlas tables, checked against ``datapackage.json``.

Bad data must never take the map down: every problem is reported with its file, line and column,
the offending row is dropped and everything valid is kept. Types, enums, patterns, ranges and keys
are read from the descriptor (:mod:`geo.table_schema`); each CSV is read on its own
(:mod:`geo.table_csv`); what the descriptor cannot express across rows and tables (periods,
borders, locators found in the articles) is checked by :mod:`geo.table_checks`. This module
orchestrates them and holds the result, :class:`Atlas`.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import geopandas as gpd
import pandas as pd

from geo import config, table_csv
from geo.clean import clip
from geo.table_checks import Checks, normalise
from geo.table_csv import Table
from geo.table_schema import DESCRIPTOR, FALSE, TABLES, TRUE, relative, shipped_resources

__all__ = ["DESCRIPTOR", "FALSE", "TABLES", "TRUE", "Atlas", "Problem", "load", "normalise"]

_BREAKS = {c: repr(chr(c))[1:-1] for c in (10, 11, 12, 13, 28, 29, 30, 0x85, 0x2028, 0x2029)}


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


def _stamp(folder: Path) -> tuple:
    try:
        return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                            for p in folder.iterdir()))
    except OSError:
        return ()


# a plain lru_cache, not geo.memo: it makes the Atlas that memo keys on (by folders, stamps)
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


class _Loader:
    """Reads the folder and collects problems; see :func:`load`."""

    def __init__(self, data_dir: Path, articles_dir: Path):
        self.dir, self.articles_dir = data_dir, articles_dir
        self.problems: list[Problem] = []
        self.tables: dict[str, Table] = {}
        self.borders: gpd.GeoDataFrame | None = None
        self.checks = Checks(self.tables, None, articles_dir, self.report)

    def report(self, file: str, line: int, column: str, message: str) -> None:
        """Record a problem; the folders' absolute paths are left out (the banner is public)."""
        for folder in (self.dir, self.articles_dir):
            message = message.replace(f"{folder}{os.sep}", "").replace(str(folder), folder.name)
            file = file.replace(str(folder), folder.name)
        self.problems.append(Problem(file, line, column, message))

    def atlas(self) -> Atlas:
        frames = {n: t.frame() for n, t in self.tables.items()}
        missing = {name for name, text in self.checks.texts.items() if text is None}
        if src := self.tables.get("sources"):
            missing |= {r["file"] for r in src.rows.values() if r.get("kind") == "article"
                        and r.get("file") and self.checks.article(r["file"]) is None}
        for n in TABLES:  # a table missing or unusable: no rows, but its columns
            if n not in frames and (res := shipped_resources().get(n)):
                with contextlib.suppress(KeyError, TypeError, AttributeError):
                    frames[n] = Table(res).frame()
        borders = self.borders if self.borders is not None else _NO_BORDERS.copy()
        return Atlas(**{n: frames.pop(n, pd.DataFrame()) for n in TABLES}, borders=borders,
                     problems=sorted(self.problems, key=lambda p: (p.file, p.line)),
                     locators_checked=self.checks.locators_checked,
                     articles_missing=tuple(sorted(missing)), extra=frames)

    def run(self) -> None:
        resources = self.descriptor()
        if resources is None:
            return
        known = {DESCRIPTOR}
        for i, res in enumerate(resources):
            try:
                known.add(res["path"])
                self.resource(i, res)
            except (KeyError, TypeError, AttributeError) as e:
                self.report(DESCRIPTOR, 0, f"resources[{i}]", f"malformed resource ({e!r})")
        for p in sorted(self.dir.iterdir()):
            if p.suffix in (".csv", ".geojson", ".json") and p.name not in known:
                self.report(p.name, 0, "-", f"not described in {DESCRIPTOR}")
        self.checks.run()

    def resource(self, i: int, res: dict) -> None:
        """Read one resource of the descriptor: a table or the borders."""
        if not relative(res["path"]):
            self.report(DESCRIPTOR, 0, f"resources[{i}].path",
                        f"{clip(res['path'], 80)!r} is not a file in the data folder")
        elif "schema" in res:
            self.tables[res["name"]] = t = Table(res)
            table_csv.read(t, self.dir / t.file, self.report)
        elif res.get("format") == "geojson" or res["path"].endswith(".geojson"):
            self.read_borders(res["path"])

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
        self.borders, self.checks.codes = gdf, set(gdf["iso3"].dropna())
