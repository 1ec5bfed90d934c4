"""Without the articles at hand, locators go unchecked and the app says so (issue 13).

The loader never fails on a missing articles folder or article file; it skips those locators.
Every page's sidebar then carries a notice naming what is missing and what it means, and the
map is drawn as usual. With the shipped articles there is no notice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import tables, wording
from geo.i18n import LANGS, catalog
from geo.markup import md_code

REPO = Path(__file__).resolve().parent.parent
PAGES = ("pages/map.py", "pages/compare.py", "pages/organizations.py", "pages/relations.py",
         "pages/timeline.py", "pages/sources.py")

pytestmark = pytest.mark.usefixtures("real_navigation")  # see tests/conftest.py


def _head(key: str, lang: str) -> str:
    """The catalog text up to its first placeholder: the notice, whatever it counts."""
    return catalog(lang)[key].split("{")[0]


# --- the wording, on the tiny test data (4 rows cite the one article) ------------------------

def test_no_notice_when_every_cited_article_is_at_hand(data_dir: Path) -> None:
    atlas = tables.load(data_dir, data_dir.parent / "articles")
    assert atlas.locators_checked == 4 and atlas.articles_missing == ()
    assert wording.unchecked_locators(atlas) == 0
    assert wording.articles_notice(atlas, "en", "articles", True) is None


@pytest.mark.parametrize("lang", LANGS)
def test_missing_folder_names_it_and_counts_the_unchecked(data_dir: Path, lang: str) -> None:
    atlas = tables.load(data_dir, data_dir.parent / "nowhere")
    assert atlas.locators_checked == 0 and atlas.problems == []
    assert wording.unchecked_locators(atlas) == 4
    text = wording.articles_notice(atlas, lang, "nowhere", False)
    assert text == catalog(lang)["articles_folder_missing"].format(folder="`nowhere`", n=4)


@pytest.mark.parametrize("lang", LANGS)
def test_missing_files_are_named_and_counted(data_dir: Path, tmp_path: Path, lang: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    atlas = tables.load(data_dir, empty)
    assert atlas.articles_missing == ("000_test.txt",)
    text = wording.articles_notice(atlas, lang, "empty", True)
    assert text == catalog(lang)["articles_files_missing"].format(
        files="`000_test.txt`", k=1, n=4)


def test_many_missing_files_name_a_few_as_code(variant, tmp_path: Path) -> None:
    """Hostile file names are quoted (never Markdown or a link) and only the first few named."""
    rows = "".join(f"art-x{i},article,T,O,2024,fr,,[x](http://e.org){i}.txt,\n" for i in range(5))
    d = variant("sources.csv", append=rows)
    atlas = tables.load(d, tmp_path / "articles")
    assert len(atlas.articles_missing) == 5
    text = wording.articles_notice(atlas, "en", "articles", True)
    named = [md_code(f) for f in atlas.articles_missing]
    assert all(n in text for n in named[:wording.MAX_FILES_NAMED])
    assert not any(n in text for n in named[wording.MAX_FILES_NAMED:])
    assert "… and 2 more" in text and ": 5 cited" in text
    assert wording.unchecked_locators(atlas) == 0  # art-001 is at hand; the rest cited by nothing


# --- the app ---------------------------------------------------------------------------------

def _map_drawn(at: AppTest) -> bool:
    """The map page's st_folium component was given the countries' layer."""
    maps = [e for e in at.get("component_instance")
            if e.proto.component_name == "streamlit_folium.st_folium"]
    return len(maps) == 1 and "Kazakhstan" in json.loads(maps[0].proto.json_args)["feature_group"]


@pytest.mark.parametrize("lang", LANGS)
def test_app_without_the_articles_folder_says_so_on_every_page(
        lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_ARTICLES_DIR", str(tmp_path / "no-articles-here"))
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.query_params.update(lang=lang, orgs="CSTO,SCO")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert _map_drawn(at)
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
        (notice,) = [i.value for i in at.sidebar.info
                     if i.value.startswith(_head("articles_folder_missing", lang))]
        assert "`no-articles-here`" in notice and str(tmp_path) not in notice, page  # no path
        assert [w.value for w in at.warning] == [], page  # a notice, not a data problem


def test_app_with_an_empty_articles_folder_names_the_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATLAS_ARTICLES_DIR", str(tmp_path))
    atlas = tables.load(articles_dir=tmp_path)
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    assert _map_drawn(at)
    (notice,) = [i.value for i in at.sidebar.info
                 if i.value.startswith(_head("articles_files_missing", "en"))]
    assert md_code(atlas.articles_missing[0]) in notice


def test_app_with_the_articles_shows_no_such_notice() -> None:
    atlas = tables.load()
    assert atlas.articles_missing == () and atlas.locators_checked > 0  # the shipped articles
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60).run()
    assert not at.exception, [e.message for e in at.exception]
    assert _map_drawn(at)
    heads = [_head(k, lang) for k in ("articles_folder_missing", "articles_files_missing")
             for lang in LANGS]
    assert not [i.value for i in at.info if i.value.startswith(tuple(heads))]
