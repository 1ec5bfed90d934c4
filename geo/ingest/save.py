"""Accepted rows into the Atlas: checked by the loader, then a ZIP or the data folder itself.

Rows are appended to the current tables and the result is loaded by :func:`geo.tables.load`
in a scratch copy: any problem the new rows cause (with its file, line and field) stops the
save and nothing is written. Writing into the data folder (only with ``ATLAS_EDITABLE=1``) takes
a file lock, re-reads the tables under it (so two analysts saving at once both keep their rows;
ids are numbered then), keeps a backup of each table it changes in ``.backups/``, and replaces
each file atomically (temp file + rename).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock

from geo import config, tables
from geo.ingest.rows import TABLES, columns

__all__ = ["Outcome", "editable", "merged", "problems", "save_to_folder", "zip_bytes"]

CHANGED = (*TABLES, "sources")
_IDS = {"relations": ("relation_id", "rel"), "events": ("event_id", "evt")}


@dataclass
class Outcome:
    """What a save did: problems (nothing written when any), files written, backups kept."""

    problems: list[tables.Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    source_id: str = ""


def editable() -> bool:
    """Whether this server may write into its data folder (``ATLAS_EDITABLE=1``)."""
    return os.environ.get("ATLAS_EDITABLE") == "1"


def _csv_rows(cols: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, list(cols), extrasaction="ignore", lineterminator="\n")
    w.writerows([{k: ("" if r.get(k) is None else str(r.get(k))) for k in cols} for r in rows])
    return buf.getvalue()


def _renumber(data_dir: Path, new: dict[str, list[dict]], source: dict) -> tuple[dict, dict]:
    """New rows with ids free in the tables as they are now, and the source id likewise."""
    texts = {t: (data_dir / f"{t}.csv").read_text(encoding="utf-8-sig") for t in CHANGED}
    taken = set(re.findall(r"^(art-\d+),", texts["sources"], re.M))
    sid = source["source_id"]
    if sid in taken:
        nums = [int(x[4:]) for x in taken]
        sid = f"art-{max(nums) + 1:03d}"
    out = {t: [dict(r, source_id=sid) for r in new.get(t, [])] for t in TABLES}
    for table, (col, prefix) in _IDS.items():
        nums = [int(n) for n in re.findall(rf"^{prefix}-(\d+),", texts[table], re.M)]
        nxt = max(nums, default=0) + 1
        for r in out[table]:
            r[col] = f"{prefix}-{nxt:03d}"
            nxt += 1
    return out, dict(source, source_id=sid)


def _day_before(start: str) -> str:
    """The last period of ``start``'s precision before it: 2024 → 2023, 2024-02 → 2024-01."""
    parts = [int(p) for p in start.split("-")]
    if len(parts) == 1:
        return f"{parts[0] - 1:04d}"
    if len(parts) == 2:
        y, m = (parts[0], parts[1] - 1) if parts[1] > 1 else (parts[0] - 1, 12)
        return f"{y:04d}-{m:02d}"
    return (dt.date(*parts) - dt.timedelta(days=1)).isoformat()


def _close_periods(text: str, new: list[dict]) -> str:
    """End the open period a new status follows (README: "close the previous period's end
    when a status changes"); only those lines of ``text`` are rewritten."""
    lines = text.splitlines(keepends=True)
    for i, r in enumerate(csv.DictReader(io.StringIO(text))):
        if r.get("end"):
            continue
        for n in new:
            if (n["org_id"], n["iso3"]) == (r["org_id"], r["iso3"]) and \
                    n["status"] != r["status"] and re.fullmatch(r"\d{4}(-\d\d){0,2}", n["start"]) \
                    and r["start"] < n["start"]:
                r["end"] = _day_before(n["start"])
                buf = io.StringIO()
                csv.DictWriter(buf, list(r), lineterminator="\n").writerow(r)
                lines[i + 1] = buf.getvalue()
    return "".join(lines)


def merged(data_dir: Path, new: dict[str, list[dict]], source: dict) -> dict[str, str]:
    """Each changed table's full text: the current file with the new rows appended (and the
    open membership periods they follow closed)."""
    out = {}
    for table in CHANGED:
        text = (data_dir / f"{table}.csv").read_text(encoding="utf-8-sig")
        rows = [source] if table == "sources" else new.get(table, [])
        if not rows:
            continue
        if table == "memberships":
            text = _close_periods(text, rows)
        sep = "" if text.endswith("\n") or not text else "\n"
        out[table] = text + sep + _csv_rows(columns(table, str(data_dir)), rows)
    return out


def problems(data_dir: Path, articles_dir: Path, texts: dict[str, str], article: str,
             article_text: str) -> list[tables.Problem]:
    """Problems the loader finds with ``texts`` in place that it does not find without them."""
    before = {(p.file, p.column, p.message) for p in tables.load(data_dir, articles_dir).problems}
    with tempfile.TemporaryDirectory() as tmp:
        d, a = Path(tmp) / "data", Path(tmp) / "articles"
        shutil.copytree(data_dir, d, ignore=shutil.ignore_patterns(".backups", "*.lock"))
        a.mkdir()
        if articles_dir.is_dir():
            for f in articles_dir.iterdir():
                if f.is_file():
                    (a / f.name).symlink_to(f.resolve())
        if article:
            (a / article).unlink(missing_ok=True)
            (a / article).write_text(article_text, encoding="utf-8")
        for table, text in texts.items():
            (d / f"{table}.csv").write_text(text, encoding="utf-8")
        after = tables.load(d, a).problems
    return [p for p in after if (p.file, p.column, p.message) not in before]


def zip_bytes(texts: dict[str, str], article: str, article_text: str) -> bytes:
    """A ZIP laid out like the repository: ``data/<table>.csv`` and ``articles/<file>``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for table, text in texts.items():
            z.writestr(f"data/{table}.csv", text)
        if article:
            z.writestr(f"articles/{article}", article_text)
        z.writestr("README.txt", "Unzip over the repository: data/ holds the tables with the "
                   "new rows appended; put articles/ files in the articles folder "
                   "(../shared/articles), then run python -m geo.validate.\n")
    return buf.getvalue()


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_to_folder(new: dict[str, list[dict]], source: dict, article: str, article_text: str,
                   data_dir: Path | None = None, articles_dir: Path | None = None,
                   timeout: float = 60) -> Outcome:
    """Validate and write the rows into the data folder under its lock (see module doc)."""
    d = Path(data_dir or config.data_dir())
    a = Path(articles_dir or config.articles_dir())
    with FileLock(str(d / ".atlas-save.lock"), timeout=timeout):
        rows, src = _renumber(d, new, source)
        texts = merged(d, rows, src)
        found = problems(d, a, texts, article, article_text)
        if found:
            return Outcome(problems=found, source_id=src["source_id"])
        out = Outcome(source_id=src["source_id"])
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        (d / ".backups").mkdir(exist_ok=True)
        for table, text in texts.items():
            path = d / f"{table}.csv"
            backup = d / ".backups" / f"{table}-{stamp}.csv"
            shutil.copy2(path, backup)
            out.backups.append(backup)
            _atomic_write(path, text)
            out.written.append(path)
        if article and a.is_dir() and not (a / article).exists():
            _atomic_write(a / article, article_text)
            out.written.append(a / article)
    return out
