"""The URL contract of the Atlas: ``geo.view.View.from_query`` and ``View.to_query``."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.view import DEFAULT_ORGS, EXTRA_LAYERS, FIRST_DAY, View, parse_date

TODAY = dt.date(2025, 6, 15)
ORGS = ["CST", "CSTO", "SHANGHAI5", "SCO", "OTS", "CICA", "NATO", "CIS", "EAEU", "C5"]
LINKS = ["arms_transfer", "border_conflict", "joint_exercise", "security_agreement"]
COUNTRIES = ["KAZ", "KGZ", "RUS", "TJK", "TKM", "UZB"]


def read(**params: str | list[str]) -> tuple[View, list[tuple[str, str]]]:
    return View.from_query(params, ORGS, LINKS, COUNTRIES, today=TODAY)


# --- round trip ------------------------------------------------------------------------------

@pytest.mark.parametrize("view", [
    View(date=TODAY),
    View(lang="fr", date=dt.date(2012, 9, 1), orgs=("CSTO",), country="UZB"),
    View(lang="fr", date=dt.date(2022, 9, 30), orgs=("SCO", "CSTO", "OTS"),
         links=("arms_transfer", "border_conflict"), country="KGZ",
         start=dt.date(2020, 1, 1), show=("events", "history", "overlap")),
    View(date=FIRST_DAY, orgs=(), links=(), show=()),  # everything switched off
    View(date=TODAY, start=TODAY),  # a one-day range
], ids=["default", "shared-link", "everything", "nothing", "one-day-range"])
def test_round_trip(view: View) -> None:
    again, notices = read(**view.to_query())
    assert notices == []
    assert again == view


def test_to_query_leaves_defaults_out_except_date() -> None:
    q = View(date=dt.date(2011, 7, 1)).to_query()
    assert q["date"] == "2011-07-01"
    assert q["lang"] == "en"
    assert q["orgs"] == ",".join(DEFAULT_ORGS)
    assert "links" not in q  # None: every kind
    assert "country" not in q
    assert "from" not in q


def test_to_query_values_are_strings() -> None:
    q = View(date=dt.date(2011, 7, 1), links=("arms_transfer",), country="KAZ",
             start=dt.date(2010, 1, 1)).to_query()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in q.items())
    assert q["links"] == "arms_transfer"
    assert q["country"] == "KAZ"
    assert q["from"] == "2010-01-01"


def test_empty_query_is_the_default_view_on_today() -> None:
    view, notices = read()
    assert notices == []
    assert view == View(date=TODAY)
    assert view.orgs == DEFAULT_ORGS
    assert view.links is None
    assert view.show == ("events",)


# --- dates -----------------------------------------------------------------------------------

def test_year_alone_is_read_as_1_july() -> None:
    assert parse_date("2011") == dt.date(2011, 7, 1)
    view, notices = read(date="2011", **{"from": "2005"})
    assert notices == []
    assert view.date == dt.date(2011, 7, 1)
    assert view.start == dt.date(2005, 7, 1)


def test_full_date() -> None:
    view, notices = read(date="2012-09-01")
    assert notices == []
    assert view.date == dt.date(2012, 9, 1)


@pytest.mark.parametrize("raw", ["banana", "2012-9-1", "2012-09", "12-09-2012", "2012-13-01",
                                 "2012-02-30", ""])
def test_unreadable_date_is_ignored_with_a_notice(raw: str) -> None:
    view, notices = read(date=raw)
    assert notices == [("date", raw)]
    assert view.date == TODAY


@pytest.mark.parametrize(("raw", "expected"), [
    ("1980", FIRST_DAY), ("1990-12-31", FIRST_DAY), ("2999-01-01", TODAY), ("2026", TODAY),
])
def test_out_of_range_date_is_clamped_with_a_notice(raw: str, expected: dt.date) -> None:
    view, notices = read(date=raw)
    assert notices == [("date", raw)]
    assert view.date == expected


def test_range_edges_are_accepted() -> None:
    view, notices = read(date=TODAY.isoformat(), **{"from": FIRST_DAY.isoformat()})
    assert notices == []
    assert (view.start, view.date) == (FIRST_DAY, TODAY)


def test_out_of_range_from_is_clamped_with_a_notice() -> None:
    view, notices = read(date="2000-01-01", **{"from": "1970-01-01"})
    assert notices == [("from", "1970-01-01")]
    assert view.start == FIRST_DAY


def test_from_after_date_is_dropped_with_a_notice() -> None:
    view, notices = read(date="2012-01-01", **{"from": "2013-01-01"})
    assert ("from", "2013-01-01") in notices
    assert view.start is None
    assert view.date == dt.date(2012, 1, 1)


def test_future_from_is_clamped_to_today_with_a_notice() -> None:
    view, notices = read(**{"from": "2999-01-01"})  # clamped to today, the default date: kept
    assert view.start == TODAY
    assert notices == [("from", "2999-01-01")]


def test_bad_from_is_ignored_with_a_notice() -> None:
    view, notices = read(date="2012", **{"from": "yesterday"})
    assert notices == [("from", "yesterday")]
    assert view.start is None


# --- lists, country, language ------------------------------------------------------------------

def test_unknown_orgs_are_dropped_with_a_notice_known_ones_kept() -> None:
    view, notices = read(orgs="CSTO,FOO,SCO,BAR")
    assert view.orgs == ("CSTO", "SCO")
    assert notices == [("orgs", "FOO"), ("orgs", "BAR")]


def test_list_values_are_trimmed_and_deduplicated_in_order() -> None:
    view, notices = read(orgs=" SCO , CSTO,,SCO ", links="border_conflict, arms_transfer")
    assert notices == []
    assert view.orgs == ("SCO", "CSTO")
    assert view.links == ("border_conflict", "arms_transfer")


def test_unknown_links_give_notices() -> None:
    view, notices = read(links="arms_transfer,nope")
    assert view.links == ("arms_transfer",)
    assert notices == [("links", "nope")]


def test_absent_links_mean_every_kind_empty_links_none() -> None:
    assert read()[0].links is None
    assert read(links="")[0].links == ()


def test_unknown_show_layers_give_notices() -> None:
    view, notices = read(show="history,heatmap,overlap")
    assert view.show == ("history", "overlap")
    assert notices == [("show", "heatmap")]
    assert set(view.show) <= set(EXTRA_LAYERS)


@pytest.mark.parametrize("raw", ["ZZZ", "Uzbekistan", "UZ", "XKX", ""])
def test_unknown_country_is_ignored_with_a_notice(raw: str) -> None:
    view, notices = read(country=raw)
    assert view.country is None
    assert notices == [("country", raw)]


def test_country_code_is_case_insensitive() -> None:
    view, notices = read(country="uzb")
    assert notices == []
    assert view.country == "UZB"


@pytest.mark.parametrize("raw", ["xx", "de", "EN", "français", ""])
def test_unknown_language_is_ignored_with_a_notice(raw: str) -> None:
    view, notices = read(lang=raw)
    assert view.lang == "en"
    assert notices == [("lang", raw)]


def test_french() -> None:
    view, notices = read(lang="fr")
    assert notices == []
    assert view.lang == "fr"


def test_all_unknown_values_at_once() -> None:
    view, notices = read(lang="xx", date="banana", orgs="FOO", country="ZZZ", links="nope",
                         show="bogus")
    assert sorted(notices) == sorted([("lang", "xx"), ("date", "banana"), ("orgs", "FOO"),
                                      ("country", "ZZZ"), ("links", "nope"), ("show", "bogus")])
    assert view.lang == "en"
    assert view.date == TODAY
    assert view.country is None


def test_repeated_parameter_takes_the_last_value() -> None:
    view, notices = read(date=["2010", "2012-09-01"], orgs=["SCO", "CSTO"])
    assert notices == []
    assert view.date == dt.date(2012, 9, 1)
    assert view.orgs == ("CSTO",)


def test_unrelated_parameters_are_left_alone() -> None:
    view, notices = read(utm_source="mail", embed="true")
    assert notices == []
    assert view == View(date=TODAY)


def test_from_query_never_raises_on_odd_input() -> None:
    for params in ({"date": "２０１２"}, {"orgs": ","}, {"date": " 2012 "}, {"country": "  "},
                   {"date": "0000"}, {"date": "9999-99-99"}, {"from": "0001-01-01"}):
        view, _ = View.from_query(params, ORGS, LINKS, COUNTRIES, today=TODAY)
        assert FIRST_DAY <= view.date <= TODAY


# --- presentation mode: present, deck, slide ----------------------------------------------------

def test_presentation_round_trip() -> None:
    view = View(date=dt.date(2013, 7, 1), orgs=("CSTO",), show=("history",), present=True,
                deck="central-asia-briefing", slide=2)
    q = view.to_query()
    assert (q["present"], q["deck"], q["slide"]) == ("1", "central-asia-briefing", "2")
    again, notices = read(**q)
    assert notices == []
    assert again == view


def test_presentation_fields_are_left_out_by_default() -> None:
    q = View(date=TODAY).to_query()
    assert not {"present", "deck", "slide"} & set(q)
    view, notices = read(present="0", deck="central-asia-briefing")
    assert notices == []
    assert (view.present, view.deck, view.slide) == (False, "central-asia-briefing", None)
    assert "present" not in view.to_query() and "slide" not in view.to_query()


@pytest.mark.parametrize("raw", ["1", "true", "yes", "TRUE", " 1 "])
def test_present_accepts_the_usual_yes(raw: str) -> None:
    view, notices = read(present=raw)
    assert notices == []
    assert view.present is True


@pytest.mark.parametrize(("key", "raw"), [
    ("present", "maybe"), ("present", "２"),
    ("deck", "../etc/passwd"), ("deck", "Central Asia"), ("deck", ""), ("deck", "x" * 65),
    ("deck", "<script>"), ("deck", "a.json"),
])
def test_bad_present_or_deck_is_ignored_with_a_notice(key: str, raw: str) -> None:
    view, notices = read(**{key: raw})
    assert notices == [(key, raw)]
    assert (view.present, view.deck) == (False, None)


@pytest.mark.parametrize("raw", ["0", "-1", "two", "1.5", "", "99999", "２"])
def test_bad_slide_is_ignored_with_a_notice(raw: str) -> None:
    view, notices = read(deck="my-deck", slide=raw)
    assert notices == [("slide", raw)]
    assert view.slide is None
    assert view.deck == "my-deck"


def test_slide_without_a_deck_is_ignored_with_a_notice() -> None:
    view, notices = read(slide="2", present="1")
    assert notices == [("slide", "2")]
    assert (view.present, view.slide) == (True, None)


def test_slide_is_kept_with_its_view() -> None:
    view, notices = read(present="1", deck="upload", slide="3", date="2024-06-01",
                         orgs="CSTO", country="KGZ")
    assert notices == []
    assert (view.present, view.deck, view.slide) == (True, "upload", 3)
    assert (view.date, view.orgs, view.country) == (dt.date(2024, 6, 1), ("CSTO",), "KGZ")


# --- the compare page: cmp, date_b, orgs_b -----------------------------------------------------

@pytest.mark.parametrize("view", [
    View(date=dt.date(2011, 7, 1), orgs=("CSTO",), cmp="dates", date_b=dt.date(2013, 7, 1)),
    View(lang="fr", date=TODAY, orgs=("CSTO", "SCO"), cmp="orgs", orgs_b=("SCO",)),
    View(date=TODAY, cmp="orgs", orgs_b=()),
    View(date=TODAY, date_b=FIRST_DAY),  # no mode: the page's default
], ids=["two-dates", "two-orgs", "no-right-org", "date-b-alone"])
def test_compare_round_trip(view: View) -> None:
    again, notices = read(**view.to_query())
    assert notices == []
    assert again == view


def test_compare_fields_are_left_out_unless_set() -> None:
    q = View(date=TODAY).to_query()
    assert not {"cmp", "date_b", "orgs_b"} & set(q)
    q = View(date=TODAY, cmp="dates", date_b=dt.date(2013, 7, 1), orgs_b=("SCO", "CSTO")).to_query()
    assert (q["cmp"], q["date_b"], q["orgs_b"]) == ("dates", "2013-07-01", "SCO,CSTO")


def test_compare_query_is_read() -> None:
    view, notices = read(date="2011-07-01", date_b="2013", orgs="CSTO", cmp="dates",
                         orgs_b="SCO,OTS")
    assert notices == []
    assert (view.cmp, view.date_b, view.orgs_b) == ("dates", dt.date(2013, 7, 1), ("SCO", "OTS"))
    assert view.date == dt.date(2011, 7, 1)  # the second date is the right map's only


@pytest.mark.parametrize(("params", "notice"), [
    ({"cmp": "maps"}, ("cmp", "maps")),
    ({"cmp": ""}, ("cmp", "")),
    ({"date_b": "banana"}, ("date_b", "banana")),
    ({"date_b": "2012-02-30"}, ("date_b", "2012-02-30")),
    ({"orgs_b": "SCO,FOO"}, ("orgs_b", "FOO")),
])
def test_bad_compare_values_are_ignored_with_a_notice(params: dict, notice: tuple) -> None:
    view, notices = read(**params)
    assert notices == [notice]
    assert view.cmp is None
    assert view.date_b is None
    assert view.orgs_b in (None, ("SCO",))


def test_out_of_range_second_date_is_clamped_with_a_notice() -> None:
    view, notices = read(date_b="1980")
    assert notices == [("date_b", "1980")]
    assert view.date_b == FIRST_DAY
    view, notices = read(date_b="2999-01-01")
    assert notices == [("date_b", "2999-01-01")]
    assert view.date_b == TODAY
