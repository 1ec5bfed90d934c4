"""``streamlit run serve.py``: a page opened by its address asks no ``/<page>/_stcore/...``
first, so its console has no 404 (issue 13; streamlit#7074 with ``streamlit run dashboard.py``,
whose probes ``Recorder._base_probe`` excuses). Served at the root and under ``/atlas``."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import Recorder, serve
from .test_map import map_frame, wait_idle

pytestmark = pytest.mark.browser
PAGES = ("relations", "compare", "timeline", "")


@pytest.mark.parametrize("base_path", ["", "atlas"])
def test_pages_opened_directly_ask_no_probe(browser, tmp_path, base_path: str) -> None:
    with serve(tmp_path, base_path=base_path, script="serve.py") as server:
        for path in PAGES:
            context = browser.new_context()
            page = context.new_page()
            net = Recorder(server.hosts, f"/{base_path}" if base_path else "")
            net.attach(context, page)
            try:
                page.goto(server.url(path))
                wait_idle(page)
                page.locator("h1").first.wait_for()
                assert urlsplit(page.url).path.rstrip("/").endswith(path), page.url
                probes = [u for u in net.requests if "/_stcore/" in u
                          and urlsplit(u).path.rstrip("/").endswith(("health", "host-config"))]
                prefix = f"/{base_path}" if base_path else ""
                assert probes and all(urlsplit(u).path.startswith(f"{prefix}/_stcore/")
                                      for u in probes), probes
                assert [(u, s) for u, s in net.responses if s >= 400] == [], path
                assert net.console_errors == [], path
                assert net.websockets, path  # connected
            finally:
                context.close()
        assert "Traceback" not in server.log()


def test_dashboard_py_still_serves_the_atlas(browser, tmp_path) -> None:
    """``streamlit run dashboard.py`` (the README's local command before serve.py) is the same
    app: the map page draws; only the direct-load probes differ."""
    with serve(tmp_path, script="dashboard.py") as server:
        page = browser.new_page()
        try:
            page.goto(server.url("?date=2024-08-09&orgs=CSTO"))
            wait_idle(page)
            page.locator("h1").first.wait_for()
            assert map_frame(page) is not None  # the countries drawn
        finally:
            page.close()
        assert "Traceback" not in server.log()
