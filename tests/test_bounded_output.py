"""What one visitor or one bad file can make the app send is bounded (issue 15, case 6).

The problems banner lists the first ``MAX_PROBLEMS`` problems and says how many more (the
validator prints them all); a quoted field of many line breaks is one problem, not one per
line; ``?orgs=x,x,...`` gives one notice per distinct value, at most ``MAX_NOTICES``, each value
cut, quoted as code (a URL in it is not made a link).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import tables
from geo.i18n import t
from geo.markup import md_code
from geo.ui import MAX_NOTICES, MAX_PROBLEMS
from geo.view import NOTICE_CHARS

REPO = Path(__file__).resolve().parent.parent
RELATION = "rel-{:05},arms_transfer,RUS,KGZ,true,2022,,S,S,ref-001,record,\n"

pytestmark = pytest.mark.usefixtures("real_navigation")  # see tests/conftest.py


def _app(**params: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_many_line_breaks_in_one_field_are_one_problem(variant) -> None:
    field = '"' + "x\n" * 200_000 + '"'  # larger than the field limit, over 200,000 lines
    d = variant("relations.csv", append=RELATION.format(90_001).replace(",S,S,", f",{field},S,")
                + RELATION.format(90_002))
    atlas = tables.load(d, d.parent / "articles")
    assert [p.message for p in atlas.problems] == ["malformed CSV: field larger than field "
                                                   "limit (131072)"]
    assert "rel-90002" in set(atlas.relations["relation_id"])  # the row after it is read


@pytest.fixture
def many_problems(variant, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, int]:
    n = 3_000
    rows = "".join(RELATION.format(i).replace("arms_transfer", "bogus") for i in range(n))
    d = variant("relations.csv", append=rows)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(d))
    monkeypatch.setenv("ATLAS_ARTICLES_DIR", str(d.parent / "articles"))
    return d, n


def test_banner_lists_the_first_problems_and_counts_the_rest(many_problems) -> None:
    d, n = many_problems
    at = _app(lang="en")
    assert [w.value for w in at.warning] == [t("data_problems", "en", n=f"{n:,}")]
    (listing,) = [c.value for c in at.code]
    lines = listing.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[-1] == t("and_more", "en", n=f"{n - MAX_PROBLEMS:,}") == "… and 2,800 more"
    at.switch_page("pages/relations.py").run()
    assert len(at.code[0].value.splitlines()) == MAX_PROBLEMS + 1
    out = subprocess.run([sys.executable, "-m", "geo.validate", str(d)], cwd=REPO,
                         capture_output=True, text=True, timeout=120,
                         env={"ATLAS_ARTICLES_DIR": str(d.parent / "articles"),
                              "PATH": "/usr/bin:/bin"})
    assert out.returncode == 1
    assert sum(line.startswith("relations.csv:") for line in out.stdout.splitlines()) == n


def test_fifty_thousand_repeated_values_make_one_notice() -> None:
    at = _app(lang="en", orgs=",".join(["x"] * 50_000 + ["CSTO"]))
    assert [i.value for i in at.info if "orgs" in i.value] == [
        t("notice_ignored", "en", key="orgs", value=md_code("x"))]
    assert at.session_state["_view"].orgs == ("CSTO",)


def test_many_distinct_values_are_capped() -> None:
    at = _app(lang="fr", orgs=",".join(f"x{i}" for i in range(5_000)), links="a" * 100_000)
    infos = [i.value for i in at.info]
    ignored = [v for v in infos if "orgs=" in v or "links=" in v]
    assert len(ignored) == MAX_NOTICES
    assert t("and_more", "fr", n="4\u202f991") in infos
    assert all(len(v) < NOTICE_CHARS + 200 for v in ignored)  # the long value is cut


@pytest.mark.parametrize("value", ["www.example.org", "x@example.org",
                                   "https://example.org/a_b", "[a](https://example.org)"])
def test_notice_value_is_code_not_a_link(value: str) -> None:
    at = _app(lang="en", country=value)
    (notice,) = [i.value for i in at.info if "country=" in i.value]
    assert notice == t("notice_ignored", "en", key="country", value=md_code(value))
    assert md_code(value).startswith("`")


# --- paths confined to their folders (issue 15, case 7) ----------------------------------------

@pytest.mark.parametrize("path", ["/etc/passwd", "../outside.csv", "sub/../../outside.csv"])
def test_resource_paths_stay_in_the_data_folder(variant, tmp_path: Path, path: str) -> None:
    import json

    (tmp_path / "outside.csv").write_text("secret,line\nroot,x\n", encoding="utf-8")
    d = variant("datapackage.json", replace=('"path": "events.csv"', f'"path": "{path}"'))
    atlas = tables.load(d, d.parent / "articles")
    text = "\n".join(map(str, atlas.problems))
    assert "root" not in text and "secret" not in text
    assert any("is not a file in the data folder" in p.message for p in atlas.problems)
    assert json.loads((d / "datapackage.json").read_text())  # the rest is still read
    assert len(atlas.memberships) > 0


@pytest.mark.parametrize("file", ["/etc/hostname", "../data/datapackage.json"])
def test_article_files_stay_in_the_articles_folder(variant, file: str) -> None:
    d = variant("sources.csv", replace=("art-001,article,Un article,Le Journal,2024-08,fr,,"
                                        "000_test.txt,", f"art-001,article,Un article,Le Journal,"
                                                         f"2024-08,fr,,{file},"))
    atlas = tables.load(d, d.parent / "articles")
    assert [(p.file, p.column) for p in atlas.problems if "articles folder" in p.message] == [
        ("sources.csv", "file")]
    assert atlas.locators_checked == 0


# --- reruns per session ------------------------------------------------------------------------

def test_a_session_flooding_reruns_is_held_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from geo import ui

    monkeypatch.setattr(ui, "RERUN_BURST", 4)
    monkeypatch.setattr(ui, "RERUN_RATE", 0.01)  # one run back per 100 s
    at = _app(lang="fr")
    assert [x.value for x in at.title] == [t("app_title", "fr")]
    for _ in range(4):  # the budget: 4 runs, the first one included
        at.run()
    assert [w.value for w in at.warning] == [t("rerun_limit", "fr")]
    assert not at.title and not at.exception  # nothing built for this run
    other = _app(lang="en")  # another session is not held back
    assert [x.value for x in other.title] == [t("app_title", "en")]
    monkeypatch.setattr(ui, "RERUN_RATE", 1000.0)  # the budget refills: the page is back
    at.run()
    assert [x.value for x in at.title] == [t("app_title", "fr")] and not at.warning
