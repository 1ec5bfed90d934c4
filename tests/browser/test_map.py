"""The Atlas in headless Chromium: map, layer toggles, tooltips, shared links, base URL path.

Each test runs in a fresh browser context (a new Streamlit session); its fixture fails the test
if any request left the app's own host, anything failed to load, or a page threw.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Frame, Page, expect

from geo.i18n import t

if TYPE_CHECKING:
    from .conftest import Session

pytestmark = pytest.mark.browser

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
MAP_TIMEOUT_MS = 45_000  # the first session of a server also loads and simplifies the borders
SHARED = "?lang=fr&date=2012-09-01&orgs=CSTO&country=UZB&show=events,history"
TOGGLE_VIEW = "?lang=en&date=2024-08-09&orgs=CSTO,SCO,OTS&show=events"

# Leaflet state of the map inside the st_folium iframe.
MAP_STATE = """() => ({
    probe: window.__probe,
    zoom: window.map.getZoom(),
    center: window.map.getCenter(),
    paths: document.querySelectorAll('path.leaflet-interactive').length,
    glyphs: document.querySelectorAll('.leaflet-atlasEvents-pane .atlas-glyph').length,
    legends: document.querySelectorAll('.atlas-legend-box').length,
})"""

# A point (page coordinates inside the iframe) where the topmost shape under the pointer is a
# filled polygon of country ``iso`` -- what a user's pointer would rest on -- or null.
HOVER_POINT = """([iso]) => {
    const map = window.map, byPath = new Map();
    for (const id in map._layers) {
        const l = map._layers[id];
        if (l._path && l.feature) byPath.set(l._path, l);
    }
    const mine = [...byPath.values()].filter(l => l.feature.properties.iso3 === iso);
    if (!mine.length) return null;
    const b = mine[0].getBounds(), size = map.getSize();
    const rect = map.getContainer().getBoundingClientRect();
    const N = 16;
    for (let i = 1; i < N; i++) for (let j = 1; j < N; j++) {
        const p = map.latLngToContainerPoint(L.latLng(
            b.getSouth() + (b.getNorth() - b.getSouth()) * i / N,
            b.getWest() + (b.getEast() - b.getWest()) * j / N));
        if (p.x < 20 || p.y < 20 || p.x > size.x - 20 || p.y > size.y - 20) continue;
        const x = rect.left + p.x, y = rect.top + p.y;
        const hit = byPath.get(document.elementFromPoint(x, y));
        if (hit && hit.feature.properties.iso3 === iso && hit.options.fill !== false)
            return {x, y};
    }
    return null;
}"""

# Open, read and close the tooltip of every layer drawing country ``iso`` (the base map, each
# organization layer, the selection outline) the way Leaflet does on mouseover.
LAYER_TOOLTIPS = """([iso]) => {
    const out = [];
    for (const id in window.map._layers) {
        const l = window.map._layers[id];
        if (!l._path || !l.feature || l.feature.properties.iso3 !== iso) continue;
        const latlng = l.getBounds().getCenter();
        l.fire('mouseover', {latlng}, true);
        document.querySelectorAll('.leaflet-tooltip').forEach(t => out.push(t.textContent.trim()));
        l.fire('mouseout', {latlng}, true);
    }
    return out;
}"""


# --- helpers -------------------------------------------------------------------------------


def wait_idle(page: Page, timeout: float = MAP_TIMEOUT_MS) -> None:
    """Until the Streamlit script has run and is not running."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=timeout)


def open_app(s: Session, path: str = "") -> None:
    s.page.goto(s.server.url(path))
    wait_idle(s.page)


def map_frame(page: Page, min_paths: int = 100, timeout: float = MAP_TIMEOUT_MS) -> Frame:
    """The st_folium iframe's frame, once its map draws more than ``min_paths`` shapes."""
    iframe = page.locator(MAP_IFRAME)
    iframe.wait_for(state="attached", timeout=timeout)
    frame = iframe.element_handle().content_frame()
    assert frame is not None
    frame.wait_for_function(
        "n => !!window.map && document.querySelectorAll('path.leaflet-interactive').length > n",
        arg=min_paths, timeout=timeout)
    return frame


def map_state(frame: Frame) -> dict:
    return frame.evaluate(MAP_STATE)


def wait_map(frame: Frame, condition: str, timeout: float = 20_000) -> None:
    """Until ``condition`` (a JS expression over ``s``, the map state) holds in the iframe."""
    frame.wait_for_function(f"() => {{ const s = ({MAP_STATE})(); return {condition}; }}",
                            timeout=timeout)


def hover_country(page: Page, frame: Frame, iso: str):
    """Rest the real mouse pointer on country ``iso``; returns the tooltip locator."""
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    point = frame.evaluate(HOVER_POINT, [iso])
    assert point, f"no point of {iso} is exposed on the map"
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=4)
    return frame.locator(".leaflet-tooltip")


def sidebar(page: Page):
    return page.get_by_test_id("stSidebar")


def query(page: Page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query,
                                          keep_blank_values=True).items()}


# --- tests ---------------------------------------------------------------------------------


def test_map_draws_countries_and_legend(session: Session) -> None:
    page = session.page
    open_app(session, "?lang=en")
    frame = map_frame(page)
    state = map_state(frame)
    assert state["paths"] > 100, state  # every country of the base map, plus the layers
    expect(frame.locator(".atlas-legend-box")).to_have_count(1)
    expect(frame.locator(".atlas-legend-box")).to_be_visible()
    expect(frame.locator(".atlas-legend-box")).to_contain_text("CSTO")
    # Leaflet itself came from the app, not a CDN
    assert session.net.response_status("/app/static/leaflet/leaflet.js") == [200]
    assert session.net.foreign() == []
    assert session.net.failed_loads() == []


def test_layer_toggle_keeps_the_map_and_its_view(session: Session) -> None:
    page = session.page
    open_app(session, TOGGLE_VIEW)
    frame = map_frame(page)
    wait_map(frame, "s.glyphs > 0 && s.legends === 1")
    before = map_state(frame)

    # Pan and zoom: the address follows at once; the server hears of the extent once, after
    # the pan (one message, geo.bridge), and that run redraws nothing: same document, same
    # layers (a mark on a country's path survives).
    frames_sent = session.net.frames_sent
    frame.evaluate("() => { document.querySelector('.leaflet-overlay-pane path').__mark = 1; "
                   "window.__probe = 1; window.map.setView([40, 70], 5, {animate: false}); }")
    wait_map(frame, "s.zoom === 5")
    page.wait_for_function("() => location.search.includes('bbox=')", timeout=250)
    page.wait_for_timeout(1500)  # a negative check: give further runs the time to start
    wait_idle(page)
    assert session.net.frames_sent <= frames_sent + 1, "panning sent more than its extent"
    same_layers = "() => !!document.querySelector('.leaflet-overlay-pane path').__mark"
    assert frame.evaluate(same_layers), "the layers were re-added after a pan"

    def assert_same_map() -> None:
        state = map_state(frame)
        assert state["probe"] == 1, "the map's document was reloaded"
        assert state["zoom"] == 5, state
        # where the point the user centred is now, in screen pixels from the map's centre: a
        # pixel of drift (the frame re-measuring its height) is not a lost view
        drift = frame.evaluate("() => window.map.latLngToContainerPoint([40, 70])"
                               ".distanceTo(window.map.getSize().divideBy(2))")
        assert drift <= 2, (drift, state)
        assert state["legends"] == 1, state

    # 1. "More layers": remove the events layer -> its markers go, nothing else reloads.
    sidebar(page).get_by_role("button", name=re.compile(r"^Remove Events")).click()
    wait_map(frame, "s.glyphs === 0")  # drawn in the page, before the server's run...
    page.wait_for_function("() => new URLSearchParams(location.search).get('show') === ''")
    wait_idle(page)  # ...which then writes the address
    assert query(page)["show"] == ""
    assert_same_map()
    assert map_state(frame)["paths"] == before["paths"], "events are markers, not shapes"
    assert frame.evaluate(same_layers), "an extra layer's switch re-added the layers"

    # 2. "Organizations": remove OTS -> its badges go from the names.
    chips = "[...document.querySelectorAll('.atlas-chip')].map(c => c.textContent)"
    assert "OTS" in frame.evaluate(f"() => {chips}")
    sidebar(page).get_by_role("button", name="Remove OTS").click()
    frame.wait_for_function(f"() => !{chips}.includes('OTS')")
    wait_idle(page)
    assert query(page)["orgs"] == "CSTO,SCO"
    assert_same_map()
    expect(frame.locator(".atlas-legend-box")).not_to_contain_text("OTS")


@pytest.mark.parametrize(("lang", "name", "other"), [
    ("fr", "Kirghizistan", "Kyrgyzstan"),
    ("en", "Kyrgyzstan", "Kirghizistan"),
])
def test_hover_tooltip_in_the_language(session: Session, lang: str, name: str,
                                       other: str) -> None:
    page = session.page
    open_app(session, f"?lang={lang}")
    frame = map_frame(page)
    tooltip = hover_country(page, frame, "KGZ")
    expect(tooltip).to_have_count(1)  # one tooltip: the shape under the pointer
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(name)
    assert other not in tooltip.inner_text()


def test_shared_link_restores_the_view(session: Session) -> None:
    page = session.page
    open_app(session, SHARED)
    bar = sidebar(page)
    # French labels in the sidebar, and the layers of the link
    for label in ("Organisations", "Autres couches", "Pays", "Carte", "Chronologie",
                  t("layer_events", "fr"), t("layer_history", "fr")):
        expect(bar).to_contain_text(label)
    expect(bar.locator(".atlas-tb .tb-date")).to_have_text("2012-09-01")  # the time control
    expect(bar.get_by_role("button", name="Remove OTSC")).to_be_visible()  # CSTO in French
    expect(bar.get_by_role("button", name=re.compile(r"^Remove (OCS|OET)$"))).to_have_count(0)
    # the country card
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Ouzbékistan")).to_be_visible()
    # the URL keeps the view
    q = query(page)
    assert (q["lang"], q["date"], q["orgs"], q["country"]) == ("fr", "2012-09-01", "CSTO", "UZB")
    assert set(q["show"].split(",")) == {"events", "history"}

    frame = map_frame(page)
    # hovering Uzbekistan names it in French
    tooltip = hover_country(page, frame, "UZB")
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_contain_text("Ouzbékistan")
    # the CSTO layer's tooltip says Uzbekistan's membership was suspended on that date
    tips = frame.evaluate(LAYER_TOOLTIPS, ["UZB"])
    assert any("Ouzbékistan" in t and "OTSC" in t and "suspendu" in t for t in tips), tips

    # another page of the same kind of link
    open_app(session, "organizations?lang=fr&date=2012")
    expect(page.get_by_test_id("stMain").get_by_role("heading", level=1)).to_have_text(
        "Organisations")
    assert query(page)["date"] == "2012-07-01"


def test_base_url_path(session_atlas: Session) -> None:
    page, net = session_atlas.page, session_atlas.net
    page.goto(session_atlas.server.url(""))  # http://127.0.0.1:<port>/atlas/
    wait_idle(page)
    assert urlsplit(page.url).path == "/atlas/"
    frame = map_frame(page)
    assert map_state(frame)["paths"] > 100
    expect(frame.locator(".atlas-legend-box")).to_have_count(1)
    assert net.response_status("/atlas/app/static/leaflet/leaflet.js") == [200]
    assert net.response_status("/atlas/app/static/leaflet/leaflet.css") == [200]
    assert net.foreign() == []
    assert net.failed_loads() == []


SCREENS = [  # (file, path and query, what to wait for)
    ("map-en.png", "?lang=en", "map"),
    ("map-fr-2012-card.png", SHARED, "map"),
    ("organizations.png", "organizations?lang=en", "stVegaLiteChart"),
    ("relations.png", "relations?lang=en", "stDataFrame"),
    ("timeline.png", "timeline?lang=en", "stDataFrame"),
    ("sources.png", "sources?lang=en", "stDataFrame"),
]


def test_screenshots(session: Session, artifacts) -> None:
    page = session.page
    for name, path, ready in SCREENS:
        open_app(session, path)
        if ready == "map":
            frame = map_frame(page)
            wait_map(frame, "s.legends === 1")
        else:
            expect(page.get_by_test_id(ready).first).to_be_visible()
        page.evaluate("document.fonts.ready")
        out = artifacts / name
        page.screenshot(path=str(out))
        assert out.stat().st_size > 20_000, f"{name} looks empty"
