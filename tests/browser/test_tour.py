"""What a newcomer sees on start (issue 13): a fresh server, every page in both languages,
opened by its address and reached through the app's own navigation, leaves no warning in the
server's log and no error in the browser's console."""

from __future__ import annotations

import re

import pytest

from .conftest import Recorder, serve
from .test_map import map_frame, wait_idle

pytestmark = pytest.mark.browser

#: url path of each page (the map is the root), as dashboard.py names them
PAGES = ("", "compare", "organizations", "relations", "timeline", "sources", "add_article")
#: what a log line says when something is wrong (Streamlit's and Python's warnings, errors)
BAD_LOG = re.compile(r"warn|error|traceback|deprecat|exception", re.IGNORECASE)


def test_every_page_in_both_languages_logs_nothing_wrong(browser, tmp_path) -> None:
    with serve(tmp_path) as server:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        net = Recorder(server.hosts, "")
        net.attach(context, page)
        try:
            for lang in ("en", "fr"):
                for path in PAGES:  # by address: a shared link to each page
                    page.goto(server.url(f"{path}?lang={lang}"))
                    wait_idle(page)
                    page.locator("h1").first.wait_for()
                    if path == "":
                        map_frame(page)
                links = page.locator('[data-testid="stSidebarNav"] a')
                assert links.count() == len(PAGES)
                for i in range(len(PAGES)):  # through the sidebar's navigation
                    links.nth(i).click()
                    wait_idle(page)
                    page.locator("h1").first.wait_for()
                    assert f"lang={lang}" in page.url or lang == "en", page.url
        finally:
            context.close()
        log = server.log()
    assert net.console_errors == []
    assert [(u, s) for u, s in net.responses if s >= 400] == []
    net.check()
    assert [line for line in log.splitlines() if BAD_LOG.search(line)] == []
