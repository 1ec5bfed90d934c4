"""The first click after a server (re)start is not lost (issue 15, case 7).

Streamlit runs a server's first session the pre-``st.navigation`` way, with other widget ids;
the app leaves that mode before drawing a widget (``geo.ui``). A fresh server per test: the
first thing its first visitor does must take effect.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from .conftest import _open, serve
from .test_language_switch import switch, url_view
from .test_map import open_app

if TYPE_CHECKING:
    from .conftest import Session

pytestmark = pytest.mark.browser


@pytest.fixture
def fresh(browser, tmp_path) -> Iterator[Session]:
    with serve(tmp_path) as server:
        yield from _open(browser, server)


@pytest.mark.parametrize("path", ["", "relations"])
def test_first_click_of_a_fresh_server_counts(fresh: Session, path: str) -> None:
    open_app(fresh, f"{path}?lang=en&date=2011-07-01&orgs=CSTO&show=events")
    assert url_view(fresh.page)["lang"] == "en"
    view = switch(fresh, "fr")  # the server's very first widget change
    assert view["lang"] == "fr" and view["orgs"] == "CSTO" and view["show"] == "events"
    title = fresh.page.locator("h1").first.inner_text()
    assert title in ("Atlas de la sécurité en Asie centrale", "Relations")

