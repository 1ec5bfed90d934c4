"""The standalone HTML export, opened from a file in headless Chromium with the network cut."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo import export, tables
from geo.view import View

pytestmark = pytest.mark.browser


def test_standalone_html_draws_the_map_offline(browser, tmp_path: Path) -> None:
    """The exported file opens on a machine with no network and draws the same map."""
    atlas = tables.load()
    view = View(lang="fr", date=dt.date(2024, 8, 1), orgs=("CSTO", "SCO", "OTS"),
                show=("events",))
    page_file = tmp_path / "atlas.html"
    page_file.write_text(export.standalone_html(atlas, view), encoding="utf-8")
    requests: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        context.route("**/*", lambda r: r.abort() if not r.request.url.startswith("file:")
                      else r.continue_())
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        page.wait_for_function(
            "document.querySelectorAll('path.leaflet-interactive').length > 100",
            timeout=20_000)
        polygons = page.locator("path.leaflet-interactive").count()
        legend = page.locator(".atlas-legend-box").inner_text()
        markers = page.locator(".atlas-glyph").count()
        title = page.locator(".atlas-export-title").inner_text()
        names = page.locator(".atlas-label .atlas-name").all_inner_texts()
    finally:
        context.close()
    assert polygons > 100
    assert "Légende" in legend and "OTSC" in legend
    assert markers > 0
    # the same country names as the live map, in the view's language
    assert {"Kazakhstan", "Kirghizistan", "Tadjikistan", "Ouzbékistan", "Turkménistan",
            "Russie", "Chine"} <= set(names)
    assert "1er août 2024" in title
    assert errors == []
    assert [u for u in requests if not u.startswith("file:")] == []
