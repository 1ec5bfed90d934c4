"""Every CSV download goes through one guarded writer (geo.csvout; issue 15, case 4).

The files are read back with Python's csv module, as a spreadsheet would split them, and, where
LibreOffice is installed (Debian ``libreoffice-calc-nogui``), converted by it: no cell of the
result may be a formula.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from geo import export, tables
from geo.csvout import FORMULA_LEADS, guard, to_csv
from geo.view import View
from tests.hostile import BIDI, CONTROL, FORMULAS

REPO = Path(__file__).resolve().parent.parent
LEAD = re.compile(rf"^[ \t]*[{re.escape(FORMULA_LEADS)}]", re.MULTILINE)
LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.usefixtures("real_navigation")  # see tests/conftest.py


def read_back(data: bytes) -> list[list[str]]:
    """The records as a CSV reader splits them (UTF-8 with a BOM, any line ending)."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def live(rows: list[list[str]]) -> list[str]:
    """Cells with a line a spreadsheet would run as a formula (also a bare CR's new row)."""
    return [c for r in rows for c in r for line in re.split(r"\r\n|[\r\n]", c)
            if LEAD.match(line)]


def test_payloads_are_quoted_and_defused() -> None:
    df = pd.DataFrame({"text": list(FORMULAS), "n": range(len(FORMULAS))})
    data = to_csv(df)
    rows = read_back(data)
    assert len(rows) == len(FORMULAS) + 1  # no cell split into extra rows (the bare CR)
    assert live(rows) == []
    assert [int(r[1]) for r in rows[1:]] == list(range(len(FORMULAS)))  # numbers unquoted
    body = data.decode("utf-8-sig").splitlines()[1]
    assert body.startswith('"') and "\r" not in data.decode("utf-8-sig")
    assert rows[1][0] == "'" + FORMULAS[0]  # shown as the text it is, behind a '
    assert rows[1 + FORMULAS.index("ok\n=1+1")][0] == "ok\n'=1+1"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from([*FORMULAS, *BIDI, *CONTROL, "a", ",", '"', "\n",
                                          "\t", " ", "é"]), max_size=8).map("".join),
                min_size=1, max_size=5))
def test_any_text_reads_back_as_the_same_rows_without_formulas(cells: list[str]) -> None:
    rows = read_back(to_csv(pd.DataFrame({"a": cells, "b": cells[::-1]})))
    assert len(rows) == len(cells) + 1
    assert [r[0] for r in rows[1:]] == [guard(c) for c in cells]
    assert live(rows) == []


# --- the app's three downloads, on data with formulas in it -------------------------------------

@pytest.fixture
def formula_data(variant, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test data with formulas in country names, summaries and notes."""
    def q(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    d = variant("relations.csv", text=(
        "relation_id,kind,iso3_a,iso3_b,directed,start,end,summary_en,summary_fr,source_id,"
        "locator,note\n"
        + "".join(f"rel-{i:03},arms_transfer,RUS,KGZ,true,{2000 + i},,{q(p)},{q(p)},ref-001,"
                  f"record,{q(p)}\n" for i, p in enumerate(FORMULAS, 1))))
    names = (d / "countries.csv").read_text(encoding="utf-8").replace(
        "KGZ,Kyrgyzstan,Kirghizistan", 'KGZ,"=HYPERLINK(""http://x"")","+cmd|\' /C calc\'!A0"'
    ).replace("RUS,Russia,Russie", "RUS,=1+1,-1+1").replace("ARM,Armenia,", "ARM,@SUM(1),")
    (d / "countries.csv").write_text(names, encoding="utf-8")
    monkeypatch.setenv("ATLAS_DATA_DIR", str(d))
    monkeypatch.setenv("ATLAS_ARTICLES_DIR", str(d.parent / "articles"))
    atlas = tables.load(d, d.parent / "articles")
    assert atlas.problems == [] and len(atlas.relations) == len(FORMULAS)
    return d




def _app(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _check(data: bytes, payloads: int = 3) -> list[list[str]]:
    rows = read_back(data)
    assert live(rows) == []
    assert sum("'=" in c or "'+" in c or "'@" in c for r in rows for c in r) >= payloads
    return rows


def test_relations_download(formula_data, downloads) -> None:
    _app("pages/relations.py", lang="en")
    rows = _check(downloads["atlas-relations-en.csv"])
    assert len(rows) == len(FORMULAS) + 1


def test_compare_download(formula_data, downloads) -> None:
    _app("pages/compare.py", lang="en", date="2024-07-01", date_b="2001-07-01", orgs="CSTO",
         cmp="dates", links="arms_transfer")
    (name,) = [n for n in downloads if n.startswith("atlas-changes-")]
    _check(downloads[name])


def test_export_panel_csvs(formula_data) -> None:
    atlas = tables.load(formula_data, formula_data.parent / "articles")
    files = export.view_csvs(atlas, View(date=pd.Timestamp("2024-07-01").date(),
                                         orgs=("CSTO",)))
    _check(files["links"])


# --- a real spreadsheet program -------------------------------------------------------------

@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice (libreoffice-calc-nogui) absent")
def test_libreoffice_finds_no_formula(tmp_path: Path) -> None:
    """LibreOffice converts the file with formula evaluation on: no cell is a formula. The
    same text written unguarded gives formula cells, so the check can fail."""
    df = pd.DataFrame({"text": list(FORMULAS)})
    (tmp_path / "guarded.csv").write_bytes(to_csv(df))
    (tmp_path / "raw.csv").write_bytes(df.to_csv(index=False).encode("utf-8"))
    formulas = {}
    for name in ("guarded", "raw"):
        subprocess.run(
            [LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
             "--norestore", "--infilter=CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true",
             "--convert-to", "ods", "--outdir", str(tmp_path), str(tmp_path / f"{name}.csv")],
            check=True, timeout=120, capture_output=True)
        with zipfile.ZipFile(tmp_path / f"{name}.ods") as z:
            content = z.read("content.xml").decode("utf-8")
        formulas[name] = re.findall(r'table:formula="([^"]*)"', content)
        assert "table:table-cell" in content
    assert formulas["raw"], "LibreOffice evaluated no formula even unguarded: check the filter"
    assert formulas["guarded"] == []
