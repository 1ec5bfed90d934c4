"""The Relations page's filters in the address (``rel_*``): round trips and bad values."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.view import FIRST_DAY, View

TODAY = dt.date(2025, 6, 15)
ORGS = ["CSTO", "SCO", "OTS"]
LINKS = ["arms_transfer", "border_conflict", "joint_exercise"]
COUNTRIES = ["KAZ", "KGZ", "RUS", "TJK", "UZB"]
SOURCES = ["art-001", "art-002", "ref-csto"]


def read(sources=SOURCES, **params: str) -> tuple[View, list[tuple[str, str]]]:
    return View.from_query(params, ORGS, LINKS, COUNTRIES, today=TODAY, sources=sources)


@pytest.mark.parametrize("view", [
    View(date=TODAY, rel_links=("arms_transfer", "joint_exercise"), rel_countries=("UZB",),
         rel_src=("art-002",), rel_from=dt.date(2000, 1, 1), rel_to=dt.date(2010, 12, 31)),
    View(date=TODAY, rel_links=(), rel_countries=()),  # chosen: none (no kind filter)
    View(date=TODAY, rel_from=FIRST_DAY, rel_to=FIRST_DAY),
    View(lang="fr", date=dt.date(2012, 9, 1), links=("arms_transfer",), country="KAZ",
         rel_links=("border_conflict",), rel_to=TODAY),  # the map's and the page's differ
])
def test_round_trip(view: View) -> None:
    again, notices = read(**view.to_query())
    assert notices == []
    assert again == view


def test_absent_means_not_chosen_and_is_left_out() -> None:
    view, notices = read()
    assert (view.rel_links, view.rel_countries, view.rel_src, view.rel_from,
            view.rel_to) == (None,) * 5
    assert notices == []
    assert not any(k.startswith("rel_") for k in View(date=TODAY).to_query())


def test_names_in_the_address() -> None:
    q = View(date=TODAY, rel_links=("arms_transfer",), rel_countries=("UZB", "KAZ"),
             rel_src=("art-001",), rel_from=dt.date(2001, 2, 3)).to_query()
    assert {k: v for k, v in q.items() if k.startswith("rel_")} == {
        "rel_links": "arms_transfer", "rel_countries": "UZB,KAZ", "rel_src": "art-001",
        "rel_from": "2001-02-03"}


def test_unknown_values_are_dropped_with_a_notice() -> None:
    view, notices = read(rel_links="arms_transfer,nope", rel_countries="UZB,ZZZ,uzb",
                         rel_src="art-001,art-999,<b>x</b>")
    assert view.rel_links == ("arms_transfer",)
    assert view.rel_countries == ("UZB",)
    assert view.rel_src == ("art-001",)
    assert notices == [("rel_links", "nope"), ("rel_countries", "ZZZ"),
                       ("rel_countries", "uzb"), ("rel_src", "art-999"),
                       ("rel_src", "<b>x</b>")]


def test_without_a_source_list_any_id_shaped_source_passes() -> None:
    """A deck or a slide is read without the data's sources: ids are checked by shape."""
    view, notices = read(sources=None, rel_src="art-123,../etc,ref-x")
    assert view.rel_src == ("art-123", "ref-x")
    assert notices == [("rel_src", "../etc")]


@pytest.mark.parametrize("key", ["rel_from", "rel_to"])
@pytest.mark.parametrize("raw", ["banana", "2020-13-01", "２０２０", "2020-02-30"])
def test_unreadable_dates_are_ignored_with_a_notice(key: str, raw: str) -> None:
    view, notices = read(**{key: raw})
    assert getattr(view, key) is None
    assert notices == [(key, raw)]


@pytest.mark.parametrize("raw, expected", [("1980", FIRST_DAY), ("2099-01-01", TODAY)])
def test_dates_outside_the_data_are_clamped_with_a_notice(raw: str, expected) -> None:
    view, notices = read(rel_to=raw)
    assert view.rel_to == expected
    assert notices == [("rel_to", raw)]


def test_from_after_to_is_dropped_with_a_notice() -> None:
    view, notices = read(rel_from="2015-01-01", rel_to="2010-01-01")
    assert view.rel_from is None and view.rel_to == dt.date(2010, 1, 1)
    assert notices == [("rel_from", "2015-01-01")]


def test_the_map_parameters_are_not_touched() -> None:
    view, _ = read(links="joint_exercise", country="KGZ", rel_links="arms_transfer",
                   rel_countries="UZB")
    assert (view.links, view.country) == (("joint_exercise",), "KGZ")
    assert (view.rel_links, view.rel_countries) == (("arms_transfer",), ("UZB",))
