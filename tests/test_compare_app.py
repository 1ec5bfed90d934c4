"""The compare page, driven headless with AppTest (the harness of ``test_app``).

AppTest cannot draw the dual map (a custom component); the page must run in both languages, its
widgets must change the table of changes (or of members) and the URL, and the URL must restore
the comparison.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_app import (
    APP,
    TIMEOUT,
    frames,
    no_exception,
    notice,
    query,
    set_date,
    shown_text,
    values,
)

from geo.i18n import LANGS, t

PAGE = "pages/compare.py"
TWO_DATES = {"date": "2011-07-01", "date_b": "2013-07-01", "orgs": "CSTO", "cmp": "dates"}
TWO_ORGS = {"lang": "fr", "date": "2024-06-01", "orgs": "CSTO", "orgs_b": "SCO", "cmp": "orgs"}

pytestmark = pytest.mark.usefixtures("real_navigation")  # see tests/conftest.py


def open_compare(**params: str) -> AppTest:
    """A fresh session opened at ``/compare?params``."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.query_params.clear()
    at.query_params.update(params)
    at.switch_page(PAGE).run()
    no_exception(at)
    return at


def table(at: AppTest) -> pd.DataFrame:
    (df,) = frames(at)
    return df


def changes_of(at: AppTest, lang: str = "en") -> set[tuple[str, str]]:
    """(country, change) pairs of the table of changes."""
    df = table(at)
    return set(zip(df[t("col_country", lang)], df[t("col_change", lang)], strict=True))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("params", [TWO_DATES, TWO_ORGS, {}], ids=["dates", "orgs", "default"])
def test_page_runs_in_both_languages(lang: str, params: dict) -> None:
    at = open_compare(**{**params, "lang": lang})
    assert values(at.title) == [t("page_compare", lang)]
    assert not [s for s in shown_text(at) if "⟨" in s], "untranslated catalog key"
    assert not [c for c in table(at).columns if "⟨" in str(c)]
    assert at.segmented_control(key="cmp_mode").label == t("cmp_mode", lang)
    assert query(at)["lang"] == lang
    assert values(at.info) == [] or values(at.info) == [t("cmp_no_changes", lang)]
    assert len(at.get("download_button")) == 1


def test_two_dates_list_uzbekistans_exit() -> None:
    at = open_compare(**TWO_DATES)
    assert changes_of(at) == {("Uzbekistan", "suspended"), ("Uzbekistan", "left")}
    assert t("cmp_changes_title", "en", lo="2011-07-01", hi="2013-07-01") in values(at.subheader)
    captions = values(at.caption)
    assert "CSTO on 2011-07-01" in captions and "CSTO on 2013-07-01" in captions
    assert at.slider(key="cmp_date_b").value == dt.date(2013, 7, 1)
    assert at.session_state["w_date"] == dt.date(2011, 7, 1)


def test_changing_the_second_date_changes_the_table() -> None:
    at = open_compare(**TWO_DATES)
    at.slider(key="cmp_date_b").set_value(dt.date(2024, 6, 1)).run()
    no_exception(at)
    assert query(at)["date_b"] == "2024-06-01"
    assert {("Uzbekistan", "left"), ("Armenia", "suspended")} <= changes_of(at)
    assert "CSTO on 2024-06-01" in values(at.caption)
    # a second date with nothing in between
    at.slider(key="cmp_date_b").set_value(dt.date(2011, 12, 1)).run()
    no_exception(at)
    assert frames(at) == []
    assert values(at.info) == [t("cmp_no_changes", "en")]
    assert query(at)["date_b"] == "2011-12-01"
    # the sidebar's date is the other end
    set_date(at, dt.date(2016, 1, 1)).run()
    no_exception(at)
    assert ("Uzbekistan", "left") in changes_of(at)
    assert t("cmp_changes_title", "en", lo="2011-12-01", hi="2016-01-01") in values(at.subheader)
    # and the filter keeps the kinds asked for
    at.multiselect(key="cmp_kinds").set_value(["left"]).run()
    no_exception(at)
    assert set(table(at)[t("col_change", "en")]) == {t("change_left", "en")}


def test_two_organizations_from_the_url() -> None:
    at = open_compare(**TWO_ORGS)
    assert at.segmented_control(key="cmp_mode").value == "orgs"
    assert at.selectbox(key="cmp_org_a").value == "CSTO"
    assert at.selectbox(key="cmp_org_b").value == "SCO"
    assert values(at.subheader)[0] == t("cmp_members_title", "fr", a="OTSC", b="OCS",
                                         date="2024-06-01")
    df = table(at).set_index("ISO3")
    side = t("cmp_col_side", "fr")
    assert df.at["ARM", side] == t("cmp_side_both", "fr")
    assert df.at["CHN", side] == t("cmp_side_only", "fr", org="OCS")
    assert df.at["ARM", t("cmp_left", "fr", org="OTSC")] == "suspendu"
    assert "OTSC au 2024-06-01" in values(at.caption)
    assert "OCS au 2024-06-01" in values(at.caption)
    assert {k: query(at)[k] for k in TWO_ORGS} == TWO_ORGS


def test_switching_mode_and_organizations() -> None:
    at = open_compare(date="2024-06-01", orgs="CSTO,OTS")
    assert at.segmented_control(key="cmp_mode").value == "dates"  # the default
    assert query(at)["cmp"] == "dates" and "date_b" in query(at)
    at.segmented_control(key="cmp_mode").set_value("orgs").run()
    no_exception(at)
    assert query(at)["cmp"] == "orgs"
    assert query(at)["orgs_b"] == "SCO"  # the default right organization
    assert at.selectbox(key="cmp_org_a").value == "CSTO"  # the sidebar's first
    at.selectbox(key="cmp_org_b").set_value("NATO").run()
    no_exception(at)
    assert query(at)["orgs_b"] == "NATO"
    assert t("cmp_right", "en", org="NATO") in table(at).columns
    # the left organization is the sidebar's first: choosing it here moves it there
    at.selectbox(key="cmp_org_a").set_value("OTS").run()
    no_exception(at)
    assert at.session_state["w_orgs"] == ["OTS", "CSTO"]
    assert query(at)["orgs"] == "OTS,CSTO"
    assert t("cmp_left", "en", org="OTS") in table(at).columns
    # back to two dates: the second date was kept
    date_b = query(at)["date_b"]
    at.segmented_control(key="cmp_mode").set_value("dates").run()
    no_exception(at)
    assert query(at)["date_b"] == date_b
    assert at.slider(key="cmp_date_b").value.isoformat() == date_b


def test_a_shared_link_wins_over_the_widgets() -> None:
    at = open_compare(**TWO_DATES)
    at.slider(key="cmp_date_b").set_value(dt.date(2020, 1, 1)).run()
    at.query_params.clear()
    at.query_params.update({**TWO_DATES, "date_b": "2024-06-01"})
    at.run()
    no_exception(at)
    assert at.slider(key="cmp_date_b").value == dt.date(2024, 6, 1)
    assert ("Armenia", "suspended") in changes_of(at)


def test_bad_compare_values_give_notices() -> None:
    at = open_compare(cmp="maps", date_b="banana", orgs_b="FOO", orgs="CSTO")
    infos = values(at.info)
    for key, value in (("cmp", "maps"), ("date_b", "banana"), ("orgs_b", "FOO")):
        assert notice("en", key, value) in infos, (key, value)
    assert at.segmented_control(key="cmp_mode").value == "dates"


def test_the_compare_fields_survive_other_pages() -> None:
    at = open_compare(**TWO_DATES)
    at.switch_page("pages/relations.py").run()
    no_exception(at)
    assert query(at)["date_b"] == "2013-07-01"
    at.switch_page(PAGE).run()
    no_exception(at)
    assert at.slider(key="cmp_date_b").value == dt.date(2013, 7, 1)
    assert ("Uzbekistan", "left") in changes_of(at)
