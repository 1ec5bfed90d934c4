"""The sidebar's "Fill the map by": which chosen organization colours the countries (AppTest)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app import new_app, no_exception

pytestmark = pytest.mark.usefixtures("real_navigation")  # see tests/conftest.py


def orgs_in_url(at: AppTest) -> str:
    v = at.query_params["orgs"]
    return v[-1] if isinstance(v, list) else v


def test_picking_the_fill_puts_that_organization_first() -> None:
    at = new_app(lang="en", date="2024-07-15", orgs="CSTO,SCO,OTS")
    no_exception(at)
    fill = at.sidebar.selectbox(key="w_fill")
    assert fill.value == "CSTO" and fill.options == ["CSTO", "SCO", "OTS"]
    fill.set_value("SCO").run()
    no_exception(at)
    assert orgs_in_url(at) == "SCO,CSTO,OTS"
    assert at.sidebar.multiselect(key="w_orgs").value == ["SCO", "CSTO", "OTS"]
    assert at.sidebar.selectbox(key="w_fill").value == "SCO"


def test_a_dissolved_first_choice_fills_by_the_next_that_exists() -> None:
    at = new_app(lang="fr", date="2024-07-15", orgs="CST,CSTO,SCO")
    no_exception(at)
    assert at.sidebar.selectbox(key="w_fill").value == "CSTO"


def test_no_fill_choice_for_one_organization_and_none_under_overlap() -> None:
    at = new_app(lang="en", date="2024-07-15", orgs="CSTO")
    no_exception(at)
    assert not [s for s in at.sidebar.selectbox if s.key == "w_fill"]
    at = new_app(lang="en", date="2024-07-15", orgs="CSTO,SCO", show="overlap")
    no_exception(at)
    assert at.sidebar.selectbox(key="w_fill").disabled
