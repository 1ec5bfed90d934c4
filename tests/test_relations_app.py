"""The Relations page's filters live in the address (AppTest): set, page change, reload."""

from __future__ import annotations

import datetime as dt

import pytest
from test_app import frames, new_app, no_exception, query

from geo.i18n import catalog
from geo.markup import md_code

pytestmark = pytest.mark.usefixtures("real_navigation")  # see tests/conftest.py
RANGE = (dt.date(2000, 1, 1), dt.date(2015, 12, 31))


def relations(**params: str):
    at = new_app(**params)
    at.switch_page("pages/relations.py").run()
    no_exception(at)
    return at


def filters(at) -> tuple:
    return (at.multiselect(key="rel_kinds").value, at.multiselect(key="rel_countries").value,
            at.multiselect(key="rel_sources").value, at.slider(key="rel_range").value)


def test_filters_go_to_the_address_and_survive_a_page_change_and_a_reload() -> None:
    at = relations(lang="en", date="2024-07-15")
    assert not any(k.startswith("rel_") for k in query(at))  # nothing chosen, nothing added
    at.multiselect(key="rel_kinds").set_value(["arms_transfer", "joint_exercise"]).run()
    at.multiselect(key="rel_countries").set_value(["UZB"]).run()
    source = at.multiselect(key="rel_sources").options[0]
    at.multiselect(key="rel_sources").set_value([source]).run()
    at.slider(key="rel_range").set_value(RANGE).run()
    no_exception(at)
    chosen = (["arms_transfer", "joint_exercise"], ["UZB"], [source], RANGE)
    assert filters(at) == chosen
    q = query(at)
    assert {k: v for k, v in q.items() if k.startswith("rel_")} == {
        "rel_links": "arms_transfer,joint_exercise", "rel_countries": "UZB",
        "rel_src": source, "rel_from": "2000-01-01", "rel_to": "2015-12-31"}
    (table,) = frames(at)
    at.switch_page("pages/map.py").run()  # away and back: the view keeps them
    no_exception(at)
    assert query(at)["rel_links"] == "arms_transfer,joint_exercise"
    at.switch_page("pages/relations.py").run()
    assert filters(at) == chosen
    again = relations(**q)  # a reload, or the link sent to someone else
    assert filters(again) == chosen
    assert frames(again)[0].equals(table)
    assert query(again) == q


def test_kinds_and_country_start_from_the_map_until_chosen() -> None:
    at = relations(lang="en", date="2024-07-15", links="arms_transfer", country="KAZ")
    assert filters(at)[:2] == (["arms_transfer"], ["KAZ"])
    assert "rel_links" not in query(at) and "rel_countries" not in query(at)
    at.multiselect(key="rel_countries").set_value([]).run()  # chosen: none
    assert query(at)["rel_countries"] == ""
    assert query(at)["country"] == "KAZ"  # the map's country is not the page's filter


def test_a_shared_link_replaces_the_filters_of_an_open_page() -> None:
    at = relations(lang="en", date="2024-07-15", rel_links="arms_transfer")
    at.query_params.clear()
    at.query_params.update({"lang": "en", "date": "2024-07-15", "rel_links": "joint_exercise",
                            "rel_from": "2010-01-01"})
    at.run()
    no_exception(at)
    assert filters(at)[0] == ["joint_exercise"]
    assert filters(at)[3][0] == dt.date(2010, 1, 1)


def test_bad_values_are_dropped_with_notices() -> None:
    params = dict(lang="fr", date="2024-07-15", rel_links="arms_transfer,nope",
                  rel_countries="ZZZ", rel_src="art-999", rel_from="banana", rel_to="2010-01-01")
    at = new_app(**params)  # the notices come with the run that reads the address
    shown = [i.value for i in at.info]
    for key, value in (("rel_links", "nope"), ("rel_countries", "ZZZ"),
                       ("rel_src", "art-999"), ("rel_from", "banana")):
        assert catalog("fr")["notice_ignored"].format(key=key, value=md_code(value)) in shown
    at.switch_page("pages/relations.py").run()
    no_exception(at)
    assert filters(at)[:3] == (["arms_transfer"], [], [])
    assert filters(at)[3][1] == dt.date(2010, 1, 1)
    assert query(at)["rel_links"] == "arms_transfer" and "rel_src" not in query(at)
