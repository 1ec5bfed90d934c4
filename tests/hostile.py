"""A hostile copy of the Atlas data: every free-text field carries HTML, script and template
payloads, while the data stays valid for :func:`geo.tables.load`.

Shared by ``tests/test_hostile_text.py`` (no browser) and ``tests/browser/test_hostile_text.py``.
Ids, enums, dates and coordinates stay clean (they are keys and URL values, checked by the
loader); names, acronyms, summaries, places, notes, locators, titles, outlets and URLs get the
payloads. Locators of article-cited rows must occur in their article, so the articles are
copied beside the data and each new locator is appended to the article it cites.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO.parent / "shared" / "articles"

#: any execution of one of these increments ``window.top.__xss`` (an init script in the browser
#: tests also traps the assignment in every frame)
XSS = "window.top.__xss=(window.top.__xss||0)+1"
IMG = f'<img src=x onerror="{XSS}">'
SCRIPT = f"</script><script>{XSS}</script>"
BOLD = "<b>bold</b>"
TEMPLATE = "`${alert(1)}`"
#: evaluated ({{7*7}} -> 49) or, unbalanced ({% if), failing wherever text becomes a Jinja template
JINJA = "{{7*7}} {% if"
ATTR = f"\"'><svg onload=\"{XSS}\">"
PAYLOADS = (IMG, SCRIPT, BOLD, TEMPLATE, JINJA, ATTR)
#: what every hostile field ends with (after its original text)
HOSTILE = " ".join(PAYLOADS)
#: raw markup that must never reach a browser as markup (case-insensitive)
RAW_MARKERS = ("<img src=x onerror", "<script>window.top", "<svg onload", "<b>bold</b>")
#: a deck title fits in 120 characters, a caption in 500
DECK_TITLE = f"{IMG} {BOLD} {TEMPLATE}"
DECK_CAPTION = HOSTILE

#: the columns poisoned in each table (locators get the payload too, see the module doc)
FIELDS = {
    "countries.csv": ("name_en", "name_fr", "capital", "note"),
    "organizations.csv": ("acronym_en", "acronym_fr", "name_en", "name_fr", "locator", "note"),
    "memberships.csv": ("locator", "note"),
    "relations.csv": ("summary_en", "summary_fr", "locator", "note"),
    "events.csv": ("name", "name_fr", "place", "summary_en", "summary_fr", "locator", "note"),
    "sources.csv": ("title", "outlet", "note"),
}
# --- round two (issue 15): text the app must clean, and values it must bound -----------------

#: lone surrogates: valid in JSON ("\ud800") and in Python strings, not encodable as UTF-8
SURROGATES = ("\ud800", "\udfff", "\udbff")
#: bidi marks, embeddings, overrides and isolates (they reorder what follows on screen)
BIDI = ("\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f",
        "\u061c")
#: control characters (C0, DEL, C1), and the line breaks Python and spreadsheets split on
CONTROL = ("\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\r", "\x0b", "\x0c",
           "\u2028")
#: a 52-byte deck that once broke the whole session
SURROGATE_DECK = b'{"title": "\\ud800", "slides": [{"title": "\\udfff"}]}'
#: years in full-width and Arabic-Indic digits: not dates
DIGITS = ("\uff12\uff10\uff11\uff11", "\u0662\u0660\u0661\u0661", "\u06f2\u06f0\u06f1\u06f1",
          "2011-\uff10\uff17-01")
#: text a spreadsheet runs as a formula, also after a line break or tab inside the cell
FORMULAS = ("=HYPERLINK(\"http://127.0.0.1/x\",\"click\")", "+cmd|' /C calc'!A0",
            "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "ok\r=1+1", "ok\n=1+1",
            "ok\r\n@SUM(1)", " =1+1", "\uff1d1+1")

#: a reference's address: a ``javascript:`` URL that must never become a link
JS_URL = f"javascript:{XSS}"


def hostile(text: str) -> str:
    return f"{text} {HOSTILE}".strip()


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    w = csv.DictWriter(out, header, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def make_hostile_data(root: Path) -> tuple[Path, Path]:
    """Write ``root/data`` (the shipped data, poisoned; borders symlinked) and
    ``root/articles`` (the articles, with the new locators appended); return both folders."""
    src, data, articles = REPO / "data", root / "data", root / "articles"
    data.mkdir(parents=True)
    articles.mkdir()
    for p in src.iterdir():
        if p.name == "borders.geojson":
            (data / p.name).symlink_to(p)
        elif p.name not in FIELDS:
            shutil.copy(p, data / p.name)
    if ARTICLES.is_dir():
        for p in ARTICLES.iterdir():
            shutil.copy(p, articles / p.name)
    _, sources = _read(src / "sources.csv")
    files = {r["source_id"]: r["file"] for r in sources if r["kind"] == "article"}
    appended: dict[str, list[str]] = {}
    for name, cols in FIELDS.items():
        header, rows = _read(src / name)
        for r in rows:
            for c in cols:
                r[c] = hostile(r[c])
            if name == "sources.csv" and r["kind"] == "reference" and not r["url"]:
                r["url"] = JS_URL
            if "locator" in cols and r["source_id"] in files:
                appended.setdefault(files[r["source_id"]], []).append(r["locator"])
        _write(data / name, header, rows)
    for file, locators in appended.items():
        path = articles / file
        if path.is_file():  # without the article the loader does not check its locators
            with path.open("a", encoding="utf-8") as f:
                f.write("\n" + "\n".join(locators) + "\n")
    return data, articles


def clean_view_query() -> str:
    """The view the browser and unit tests look at: orgs, links and events all on show."""
    return "lang=en&date=2024-08-09&orgs=CSTO,SCO,OTS&show=events"
