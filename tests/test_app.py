"""The Streamlit app, driven headless with ``streamlit.testing.v1.AppTest``.

AppTest cannot draw the map (``st_folium`` is a custom component), but every page must run
without an exception, in English and in French; the sidebar widgets, the URL and the data
folder must change what the pages show.

Harness note: AppTest resets ``PagesManager.uses_pages_directory`` before *every* run and, as
``dashboard.py`` has a ``pages/`` folder beside it, would then run each rerun the pre-
``st.navigation`` way (the page script alone, without the entrypoint). A real server does that
at most for the first request after start-up. ``real_navigation`` keeps AppTest on the
``st.navigation`` path, as the browser is; ``test_page_opened_before_any_navigation_run``
covers the first-request path without it.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import streamlit.runtime.scriptrunner.script_runner as script_runner
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from geo import tables
from geo.i18n import LANGS, catalog, t
from geo.markup import md_code
from geo.view import FIRST_DAY

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "dashboard.py"
TIMEOUT = 60
#: page script -> catalog key of its title (the map page is titled with the app's name)
PAGES = {
    "pages/map.py": "app_title",
    "pages/organizations.py": "page_orgs",
    "pages/relations.py": "page_relations",
    "pages/timeline.py": "page_timeline",
    "pages/sources.py": "page_sources",
}
SHARED = {"lang": "fr", "date": "2012-09-01", "orgs": "CSTO", "country": "UZB"}
BAD = {"lang": "xx", "date": "banana", "orgs": "FOO", "country": "ZZZ", "links": "nope"}


pytestmark = pytest.mark.usefixtures("real_navigation")  # see tests/conftest.py


# --- helpers -----------------------------------------------------------------------------------

#: the map page's expanders whose content is built only while open (the tests read it)
LAZY = ("x_table", "x_card_details", "x_export")


def new_app(closed: bool = False, **params: str) -> AppTest:
    """A fresh session opened at ``/?params`` (the map page), its table view, card details and
    export panel open unless ``closed``."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(params)
    if not closed:
        for key in LAZY:
            at.session_state[key] = True
    return at.run()


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def values(elements) -> list[str]:
    return [e.value for e in elements]


def shown_text(at: AppTest) -> list[str]:
    """Every text a reader sees outside tables: headings, notes, banners, widget labels."""
    out = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning",
                 "error", "success"):
        out += [str(e.value) for e in getattr(at, kind)]
    for kind in ("slider", "multiselect", "selectbox", "toggle", "date_input",
                 "segmented_control", "button", "download_button"):
        out += [str(getattr(e, "label", "")) for e in getattr(at, kind)]
    out += [str(e.label) for e in at.expander]
    return out


def frames(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def status_matrix(at: AppTest) -> pd.DataFrame:
    """The table view of the map (or the organizations page's matrix): ISO3 × organization."""
    found = [f for f in frames(at) if "ISO3" in f.columns]
    assert len(found) == 1, [list(f.columns) for f in frames(at)]
    return found[0].set_index("ISO3")


def widgets(at: AppTest) -> dict[str, object]:
    return {k: at.session_state[k] for k in ("w_lang", "w_date", "w_orgs", "w_country")}


def set_date(at: AppTest, day: dt.date) -> AppTest:
    """What the time control does when it sends a date (AppTest cannot run its script): the
    session's ``w_date``, read by the sidebar on the next run (``geo.timebar``)."""
    at.session_state["w_date"] = day
    return at


def time_control(at: AppTest) -> dict:
    """The data the sidebar's time control (a custom component) was drawn with."""
    (element,) = [e for e in at.get("bidi_component")
                  if e.proto.component_name == "atlas_timebar"]
    p = element.proto
    return json.loads(p.json if p.WhichOneof("data") == "json" else p.mixed.json)


def query(at: AppTest) -> dict[str, str]:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def notice(lang: str, key: str, value: str) -> str:
    # the catalog text itself, formatted here (not through t(): see test_i18n)
    return catalog(lang)["notice_ignored"].format(key=key, value=md_code(value))


@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    return tables.load()


@pytest.fixture(scope="module")
def apps() -> dict[str, AppTest]:
    """One session per language, shared by the page-by-page checks."""
    return {lang: new_app(lang=lang) for lang in LANGS}


# --- every page, both languages ----------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_runs_in_both_languages(apps, page: str, lang: str) -> None:
    at = apps[lang]
    at.switch_page(page).run()
    no_exception(at)
    assert values(at.title) == [t(PAGES[page], lang)]
    control = time_control(at)
    assert control["labels"]["date"] == t("date", lang)
    assert control["date"] == at.session_state["w_date"].isoformat()
    assert at.multiselect(key="w_orgs").label == t("organizations", lang)
    assert at.selectbox(key="w_country").label == t("country", lang)
    assert not [s for s in shown_text(at) if "⟨" in s], "untranslated catalog key"
    assert query(at)["lang"] == lang
    assert at.session_state["w_lang"] == lang


def test_french_pages_are_french(apps) -> None:
    at = apps["fr"]
    at.switch_page("pages/timeline.py").run()
    no_exception(at)
    assert values(at.title) == ["Chronologie"]
    at.switch_page("pages/map.py").run()
    no_exception(at)
    assert values(at.title) == ["Atlas de la sécurité en Asie centrale"]
    assert "Pays" in status_matrix(at).columns


def test_english_pages_are_english(apps) -> None:
    at = apps["en"]
    at.switch_page("pages/timeline.py").run()
    assert values(at.title) == ["Timeline"]


def test_page_tables_have_translated_headers(apps) -> None:
    for lang in LANGS:
        at = apps[lang]
        at.switch_page("pages/relations.py").run()
        no_exception(at)
        (table,) = frames(at)
        assert t("col_kind", lang) in table.columns
        assert t("col_summary", lang) in table.columns
        assert set(table[t("col_kind", lang)]) <= {
            v for k, v in catalog(lang).items() if k.startswith("link_")}


def test_language_widget_switches_the_language() -> None:
    at = new_app()
    at.segmented_control(key="w_lang").set_value("fr").run()
    no_exception(at)
    assert values(at.title) == [t("app_title", "fr")]
    assert query(at)["lang"] == "fr"
    at.switch_page("pages/timeline.py").run()
    assert values(at.title) == ["Chronologie"]


# --- widgets change what is shown --------------------------------------------------------------

def test_date_and_organizations_change_the_table_view() -> None:
    at = new_app()
    at.multiselect(key="w_orgs").set_value(["CSTO"])
    set_date(at, dt.date(2012, 9, 1))
    at.run()
    no_exception(at)
    m = status_matrix(at)
    assert "CSTO" in m.columns and "SCO" not in m.columns
    assert m.at["UZB", "CSTO"] == t("status_suspended", "en") == "suspended"
    assert m.at["KAZ", "CSTO"] == "member"
    assert query(at)["date"] == "2012-09-01"
    assert query(at)["orgs"] == "CSTO"
    assert t("map_caption", "en", date="2012-09-01") in values(at.caption)

    set_date(at, dt.date(2013, 6, 1)).run()
    no_exception(at)
    m = status_matrix(at)
    assert "UZB" not in m.index  # left the CSTO in December 2012
    assert "KAZ" in m.index
    assert query(at)["date"] == "2013-06-01"


def test_organizations_not_yet_founded_show_nothing_and_do_not_break_the_map() -> None:
    """The default organizations (CSTO, SCO, OTS) on a date before the OTS existed."""
    at = new_app()
    set_date(at, dt.date(2012, 9, 1)).run()
    no_exception(at)
    m = status_matrix(at)
    assert "OTS" not in m.columns
    assert m.at["UZB", "CSTO"] == "suspended"


def test_closed_expanders_build_nothing_and_open_ones_do() -> None:
    """The table view, the card's details and the export panel cost nothing while closed (most
    of a room's reruns), and show their content once opened."""
    at = new_app(closed=True, country="KAZ")
    no_exception(at)
    assert frames(at) and not [f for f in frames(at) if "ISO3" in f.columns]  # card only
    n_card = len(frames(at))
    assert at.get("download_button") == []
    assert {e.label for e in at.expander} >= {t("table_view", "en"), t("card_details", "en"),
                                              t("export_title", "en")}
    for key in LAZY:
        at.session_state[key] = True
    at.run()
    no_exception(at)
    assert "ISO3" in status_matrix(at).reset_index().columns
    assert len(frames(at)) == n_card * 2 + 2  # the details repeat the card's tables, + 2
    assert len(at.get("download_button")) >= 10


def test_choosing_a_country_opens_its_card(atlas) -> None:
    at = new_app()
    assert t("card_hint", "en") in values(at.info)
    at.selectbox(key="w_country").set_value("UZB").run()
    no_exception(at)
    assert values(at.subheader) == ["Uzbekistan"]
    assert t("card_hint", "en") not in values(at.info)
    assert query(at)["country"] == "UZB"
    # the card cites its sources
    cited = [f for f in frames(at) if t("col_source", "en") in f.columns]
    assert cited and all(f[t("col_source", "en")].isin(atlas.sources["source_id"]).all()
                         for f in cited)
    # closing it
    at.button(key="card_close").click().run()
    no_exception(at)
    assert values(at.subheader) == []
    assert "country" not in query(at)
    assert at.session_state["w_country"] is None


def test_relations_filters_narrow_the_rows(atlas) -> None:
    at = new_app()
    at.switch_page("pages/relations.py").run()
    no_exception(at)

    def rows() -> pd.DataFrame:
        (table,) = frames(at)
        assert t("n_links", "en", n=len(table)) in values(at.caption)
        return table

    everything = rows()
    assert len(everything) == len(atlas.relations)
    at.multiselect(key="rel_kinds").set_value(["arms_transfer"]).run()
    no_exception(at)
    arms = rows()
    assert 0 < len(arms) < len(everything)
    assert set(arms[t("col_kind", "en")]) == {t("link_arms_transfer", "en")}
    at.multiselect(key="rel_countries").set_value(["UZB"]).run()
    no_exception(at)
    uzb = rows()
    assert 0 < len(uzb) < len(arms)
    assert ((uzb[t("col_a", "en")] == "Uzbekistan") | (uzb[t("col_b", "en")] == "Uzbekistan")).all()
    at.slider(key="rel_range").set_value((dt.date(2000, 1, 1), dt.date(2010, 1, 1))).run()
    no_exception(at)
    assert len(rows()) < len(uzb)


def test_timeline_toggle_limits_to_the_date() -> None:
    at = new_app(date="2022-09-15", orgs="CSTO")
    at.switch_page("pages/timeline.py").run()
    no_exception(at)
    assert at.toggle(key="timeline_all").value is True  # no date range chosen: everything
    (whole,) = frames(at)
    at.toggle(key="timeline_all").set_value(False).run()
    no_exception(at)
    (on_date,) = frames(at)
    assert 0 < len(on_date) < len(whole)
    assert set(on_date[t("col_date", "en")]) < set(whole[t("col_date", "en")])


# --- the URL holds the view --------------------------------------------------------------------

def test_query_string_restores_the_view() -> None:
    at = new_app(**SHARED)
    no_exception(at)
    assert widgets(at) == {"w_lang": "fr", "w_date": dt.date(2012, 9, 1), "w_orgs": ["CSTO"],
                           "w_country": "UZB"}
    assert values(at.title) == ["Atlas de la sécurité en Asie centrale"]
    assert values(at.subheader) == ["Ouzbékistan"]  # the card is open
    m = status_matrix(at)
    assert list(m.columns) == [t("col_country", "fr"), "OTSC"]
    assert m.at["UZB", "OTSC"] == "suspendu"
    assert {k: query(at)[k] for k in SHARED} == SHARED
    assert values(at.info) == []  # nothing was ignored


def test_changing_a_widget_updates_the_query_string() -> None:
    at = new_app(**SHARED)
    set_date(at, dt.date(2010, 1, 1)).run()
    no_exception(at)
    assert query(at)["date"] == "2010-01-01"
    assert {k: query(at)[k] for k in ("lang", "orgs", "country")} == {
        "lang": "fr", "orgs": "CSTO", "country": "UZB"}
    # and the session keeps its view on the next rerun (the URL it wrote does not reset it)
    at.run()
    assert at.session_state["w_date"] == dt.date(2010, 1, 1)
    assert query(at)["date"] == "2010-01-01"
    at.multiselect(key="w_orgs").set_value(["CSTO", "SCO"]).run()
    no_exception(at)
    assert query(at)["orgs"] == "CSTO,SCO"


def test_year_in_the_url_is_read_as_1_july() -> None:
    at = new_app(date="2011", orgs="CSTO")
    no_exception(at)
    assert at.session_state["w_date"] == dt.date(2011, 7, 1)
    assert query(at)["date"] == "2011-07-01"


def test_unknown_values_are_ignored_with_a_notice() -> None:
    at = new_app(**BAD)
    no_exception(at)
    infos = values(at.info)
    for key, value in BAD.items():
        assert notice("en", key, value) in infos, (key, value)
    assert values(at.title) == [t("app_title", "en")]
    assert at.session_state["w_lang"] == "en"
    assert at.session_state["w_country"] is None
    assert query(at)["lang"] == "en"
    assert query(at)["date"] != "banana"


def test_out_of_range_date_is_clamped_with_a_notice() -> None:
    at = new_app(lang="fr", date="1980-05-05", orgs="NATO")  # alive on 1 January 1991
    no_exception(at)
    assert at.session_state["w_date"] == FIRST_DAY
    assert notice("fr", "date", "1980-05-05") in values(at.info)


def test_the_same_query_string_on_another_page_restores_the_view() -> None:
    at = new_app()
    at.query_params.clear()
    at.query_params.update(SHARED)
    at.switch_page("pages/organizations.py").run()
    no_exception(at)
    assert widgets(at) == {"w_lang": "fr", "w_date": dt.date(2012, 9, 1), "w_orgs": ["CSTO"],
                           "w_country": "UZB"}
    assert values(at.title) == ["Organisations"]
    assert t("matrix_title", "fr", date="2012-09-01") in values(at.subheader)
    assert status_matrix(at).at["UZB", "OTSC"] == "suspendu"
    assert at.multiselect(key="org_timeline").value == ["CSTO"]
    assert {k: query(at)[k] for k in SHARED} == SHARED
    # ...and it is kept when moving on to another page
    at.switch_page("pages/relations.py").run()
    no_exception(at)
    assert values(at.title) == ["Relations"]
    assert at.multiselect(key="rel_countries").value == ["UZB"]
    assert at.session_state["w_date"] == dt.date(2012, 9, 1)


def test_page_opened_before_any_navigation_run(monkeypatch) -> None:
    """First request after start-up: Streamlit may run the page script without the entrypoint.

    The page must still get the sidebar, the URL's view and no exception.
    """
    monkeypatch.setattr(script_runner, "PagesManager", PagesManager)  # AppTest as it is
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.query_params.clear()
    at.query_params.update(SHARED)
    at.switch_page("pages/organizations.py").run()
    no_exception(at)
    assert values(at.title) == ["Organisations"]
    assert widgets(at) == {"w_lang": "fr", "w_date": dt.date(2012, 9, 1), "w_orgs": ["CSTO"],
                           "w_country": "UZB"}
    set_date(at, dt.date(2010, 1, 1)).run()
    no_exception(at)
    assert at.session_state["w_date"] == dt.date(2010, 1, 1)
    assert query(at)["date"] == "2010-01-01"


# --- a partly broken data folder ---------------------------------------------------------------

@pytest.fixture
def broken_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list]:
    """A copy of data/ with one membership of an unknown country, used by the app."""
    d = tmp_path / "data"
    shutil.copytree(REPO / "data", d)
    path = d / "memberships.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    good = next(line for line in lines if line.startswith("CSTO,KAZ,"))
    bad = good.replace("CSTO,KAZ,", "CSTO,XXX,", 1)
    path.write_text("".join(lines) + ("" if lines[-1].endswith("\n") else "\n") + bad,
                    encoding="utf-8")
    problems = tables.load(d).problems
    assert len(problems) == 1 and problems[0].file == "memberships.csv"
    monkeypatch.setenv("ATLAS_DATA_DIR", str(d))
    return d, problems


@pytest.mark.parametrize("lang", LANGS)
def test_bad_row_shows_a_banner_and_everything_else(broken_data, lang: str) -> None:
    _, problems = broken_data
    at = new_app(lang=lang)
    no_exception(at)
    assert values(at.warning) == [t("data_problems", lang, n=len(problems))]
    listing = "\n".join(values(at.code))
    assert "memberships.csv" in listing and str(problems[0].line) in listing
    m = status_matrix(at)
    assert "XXX" not in m.index
    assert {"KAZ", "RUS", "UZB"} <= set(m.index)
    # other pages too
    at.switch_page("pages/relations.py").run()
    no_exception(at)
    assert values(at.warning) == [t("data_problems", lang, n=len(problems))]
    (table,) = frames(at)
    assert len(table) > 0


@pytest.fixture
def badly_broken_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list]:
    """A copy of data/ with a problem in five files (a row of each, a short line, a stray
    file); returns it with the problems the loader reports."""
    d = tmp_path / "data"
    shutil.copytree(REPO / "data", d)

    def edit(name: str, change) -> None:
        path = d / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(change(lines)), encoding="utf-8")

    def swap(prefix: str, old: str, new: str):
        def change(lines: list[str]) -> list[str]:
            (i,) = [n for n, line in enumerate(lines) if line.startswith(prefix)]
            assert old in lines[i], (prefix, old)
            return [*lines[:i], lines[i].replace(old, new, 1), *lines[i + 1:]]
        return change

    edit("memberships.csv", lambda ls: [*ls, next(x for x in ls if x.startswith("CSTO,KAZ,"))
                                        .replace("CSTO,KAZ,", "CSTO,XXX,", 1)])
    edit("relations.csv", swap("rel-001,", ",2022-09-14,", ",2022-13-14,"))  # no such month
    edit("relations.csv", lambda ls: [*ls, "rel-999,arms_transfer,RUS\n"])  # a short line
    edit("events.csv", swap("evt-002,", ",51.1694,", ",151.1694,"))  # latitude out of range
    edit("sources.csv", lambda ls: [*ls, "ref-bad,blog,A blog,,,en,,,\n"])  # unknown kind
    (d / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")  # not in the descriptor
    problems = tables.load(d).problems
    assert sorted({p.file for p in problems}) == ["events.csv", "extra.csv", "memberships.csv",
                                                  "relations.csv", "sources.csv"]
    assert len(problems) == 6, problems
    monkeypatch.setenv("ATLAS_DATA_DIR", str(d))
    return d, problems


def test_every_problem_is_listed_and_everything_valid_is_shown(badly_broken_data,
                                                               atlas) -> None:
    """Several broken files: one banner counting every problem, each listed with its file and
    line, and every valid row still on every page (only the broken rows missing)."""
    _, problems = badly_broken_data
    at = new_app(lang="en", date="2022-09-15", orgs="CSTO,SCO,OTS", show="events")
    no_exception(at)
    banner = [t("data_problems", "en", n=len(problems))]
    assert values(at.warning) == banner
    (listing,) = values(at.code)
    assert listing.splitlines() == [str(p) for p in problems]
    for p in problems:
        assert f"{p.file}:{p.line}:" in listing
    m = status_matrix(at)
    assert "XXX" not in m.index and {"KAZ", "RUS", "UZB", "CHN", "TUR"} <= set(m.index)
    pages = {"pages/relations.py": None, "pages/timeline.py": None, "pages/sources.py": None,
             "pages/organizations.py": None, "pages/compare.py": None}
    for page in pages:
        at.switch_page(page).run()
        no_exception(at)
        assert values(at.warning) == banner, page
        pages[page] = frames(at)
    # every valid link, without the broken one and the short line
    (rel,) = pages["pages/relations.py"]
    ids = set(rel[t("col_id", "en")])
    assert ids == set(atlas.relations["relation_id"]) - {"rel-001"}
    # every event but the one placed off the globe
    (items,) = pages["pages/timeline.py"]
    names = set(items[t("col_what", "en")])
    ev = atlas.events.set_index("event_id")["name"]
    assert ev["evt-002"] not in names and set(ev.drop("evt-002")) <= names
    # every valid source, not the one of an unknown kind
    src = pages["pages/sources.py"][0]
    assert set(src[t("col_id", "en")]) == set(atlas.sources["source_id"])


def test_shipped_data_shows_no_banner(apps) -> None:
    at = apps["en"]
    at.switch_page("pages/map.py").run()
    assert values(at.warning) == []
