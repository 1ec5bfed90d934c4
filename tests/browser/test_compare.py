"""The compare page in headless Chromium: two Leaflet maps that pan and zoom together.

streamlit-folium draws the dual map as ``map_div`` (left, also ``window.map``) and ``map_div2``
(right) in one iframe. The session fixture fails the test if any request left the app's host
(folium's own DualMap would fetch Leaflet.Sync from a CDN), anything failed to load, or a page
threw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Frame, expect

from geo.i18n import t

from .test_map import MAP_IFRAME, MAP_TIMEOUT_MS, open_app, query, wait_idle

if TYPE_CHECKING:
    from .conftest import Session

pytestmark = pytest.mark.browser

COMPARE = "compare?date=2011-07-01&date_b=2013-07-01&orgs=CSTO&cmp=dates"

# Both maps' Leaflet state, and what each one draws.
DUAL_STATE = """() => {
    const side = (m, id) => ({
        zoom: m.getZoom(), lat: m.getCenter().lat, lng: m.getCenter().lng,
        paths: document.querySelectorAll('#' + id + ' path.leaflet-interactive').length,
        legends: document.querySelectorAll('#' + id + ' .atlas-legend-box').length,
        width: document.getElementById(id).getBoundingClientRect().width,
    });
    return {probe: window.__probe, same: window.map === map_div,
            a: side(map_div, 'map_div'), b: side(map_div2, 'map_div2')};
}"""

# The ISO3 codes of the countries a map's CSTO layer colours (member, suspended...).
CSTO_COUNTRIES = """([name]) => {
    const m = window[name], out = new Set();
    for (const id in m._layers) {
        const l = m._layers[id];
        const tip = l.feature && l._path ? l.feature.properties.tip || '' : '';
        if (tip.includes('CSTO: member') || tip.includes('CSTO: suspended'))
            out.add(l.feature.properties.iso3);
    }
    return [...out].sort();
}"""


def dual_frame(page, timeout: float = MAP_TIMEOUT_MS) -> Frame:
    """The st_folium iframe, once both of its maps draw the countries."""
    iframe = page.locator(MAP_IFRAME)
    iframe.wait_for(state="attached", timeout=timeout)
    frame = iframe.element_handle().content_frame()
    assert frame is not None
    frame.wait_for_function(
        "() => !!window.map && !!window.map_div2"
        " && document.querySelectorAll('#map_div path.leaflet-interactive').length > 100"
        " && document.querySelectorAll('#map_div2 path.leaflet-interactive').length > 100",
        timeout=timeout)
    return frame


def test_compare_two_dates_in_step(session: Session, artifacts) -> None:
    page, net = session.page, session.net
    open_app(session, COMPARE)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_have_text(t("page_compare", "en"))
    frame = dual_frame(page)

    # Two Leaflet maps side by side, each with its own layers and folded legend.
    state = frame.evaluate(DUAL_STATE)
    assert state["same"], "window.map is the left map"
    assert state["a"]["paths"] > 100 and state["b"]["paths"] > 100, state
    assert state["a"]["legends"] == 1 and state["b"]["legends"] == 1, state
    assert state["a"]["width"] > 300 and state["b"]["width"] > 300, state
    # Uzbekistan is in the CSTO on the left (2011) and no longer on the right (2013).
    left, right = (frame.evaluate(CSTO_COUNTRIES, [m]) for m in ("map_div", "map_div2"))
    assert {"KAZ", "RUS", "UZB"} <= set(left), left
    assert "UZB" not in right and {"KAZ", "RUS"} <= set(right), right

    # Pan and zoom the left map: the right one follows; the server only hears of the extent
    # (one message once a move is over, geo.bridge), which redraws nothing.
    frames_sent = net.frames_sent
    frame.evaluate("() => { window.__probe = 1; window.map.setView([40, 70], 5, "
                   "{animate: false}); }")
    frame.wait_for_function("() => map_div2.getZoom() === 5")
    state = frame.evaluate(DUAL_STATE)
    assert state["b"]["lat"] == pytest.approx(40, abs=1e-6), state
    assert state["b"]["lng"] == pytest.approx(70, abs=1e-6), state
    # ...and the other way round
    frame.evaluate("() => map_div2.setView([43, 64], 4, {animate: false})")
    frame.wait_for_function("() => map_div.getZoom() === 4")
    state = frame.evaluate(DUAL_STATE)
    assert (state["a"]["lat"], state["a"]["lng"]) == (pytest.approx(43, abs=1e-6),
                                                      pytest.approx(64, abs=1e-6)), state

    # The screenshot: both maps on Central Asia, and the table of changes below them.
    page.set_viewport_size({"width": 1500, "height": 1500})
    wait_idle(page)
    main.get_by_test_id("stDataFrame").wait_for()
    page.evaluate("document.fonts.ready")
    out = artifacts / "compare.png"
    page.screenshot(path=str(out))
    assert out.stat().st_size > 20_000, "compare.png looks empty"

    # a real drag on the right map moves the left one too
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.6
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 120, y - 60, steps=8)
    page.mouse.up()
    frame.wait_for_function("() => Math.abs(map_div.getCenter().lng - 64) > 1")
    state = frame.evaluate(DUAL_STATE)
    assert state["a"]["lng"] == pytest.approx(state["b"]["lng"], abs=0.05), state
    assert state["a"]["lat"] == pytest.approx(state["b"]["lat"], abs=0.05), state
    assert state["a"]["lng"] > 64, state  # dragged to the left: the view moved east
    page.wait_for_timeout(1000)  # a negative check: give a rerun the time to start
    wait_idle(page)
    # four moves (two pans, the window's resize, the drag): at most a message each
    assert net.frames_sent - frames_sent <= 4, "panning the maps sent more than their extent"
    assert frame.evaluate("() => window.__probe") == 1, "the maps were reloaded"

    # The table of changes lists Uzbekistan's suspension and exit, with their dates.
    expect(main.get_by_role("heading", name="What changed between 2011-07-01 and "
                                            "2013-07-01")).to_be_visible()
    grid = main.get_by_test_id("stDataFrame")
    expect(grid).to_have_count(1)
    expect(grid).to_contain_text("Uzbekistan")
    expect(grid).to_contain_text("2012-06-28")
    expect(grid).to_contain_text("2012-12-19")
    expect(main).to_contain_text("CSTO on 2011-07-01")
    expect(main).to_contain_text("CSTO on 2013-07-01")
    q = query(page)
    assert (q["date"], q["date_b"], q["orgs"], q["cmp"]) == ("2011-07-01", "2013-07-01", "CSTO",
                                                            "dates")

    # A second date in 1991 (before the CSTO): the right map loses its CSTO layer without
    # reloading either map, and both keep the user's pan and zoom.
    zoom = frame.evaluate(DUAL_STATE)["a"]["zoom"]
    slider = main.get_by_role("slider")
    slider.focus()
    page.keyboard.press("Home")
    page.wait_for_function("() => location.search.includes('date_b=1991-01-01')")
    wait_idle(page)
    frame.wait_for_function(f"() => ({CSTO_COUNTRIES})(['map_div2']).length === 0")
    state = frame.evaluate(DUAL_STATE)
    assert state["probe"] == 1, "the maps' document was reloaded"
    assert state["a"]["zoom"] == state["b"]["zoom"] == zoom, state
    assert frame.evaluate(CSTO_COUNTRIES, ["map_div"]) == left
    expect(main).to_contain_text("CSTO on 1991-01-01")
    net.check()


def test_compare_two_organizations(session: Session) -> None:
    page = session.page
    open_app(session, "compare?lang=fr&date=2024-06-01&orgs=CSTO&orgs_b=SCO&cmp=orgs")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_have_text(t("page_compare", "fr"))
    frame = dual_frame(page)
    left = frame.evaluate("""() => [...new Set(Object.values(map_div._layers)
        .filter(l => l.feature && l.options.interactive !== false && l.options.fillOpacity === 1)
        .map(l => l.feature.properties.iso3))].sort()""")
    right = frame.evaluate("""() => [...new Set(Object.values(map_div2._layers)
        .filter(l => l.feature && l.options.interactive !== false && l.options.fillOpacity === 1)
        .map(l => l.feature.properties.iso3))].sort()""")
    assert {"ARM", "KAZ", "RUS"} <= set(left) and "CHN" not in left, left
    assert {"CHN", "IND", "KAZ"} <= set(right), right
    grid = main.get_by_test_id("stDataFrame")
    expect(grid).to_contain_text("Arménie")
    expect(grid).to_contain_text("seulement OCS")
    assert query(page)["orgs_b"] == "SCO"
