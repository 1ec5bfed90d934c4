"""The map's extent in the address (issue 10, part 1): ``bbox=`` opens the map on that extent,
follows a pan without a rerun, and survives a reload, a language switch and a page change."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from geo.view import parse_bbox

from .test_map import map_frame, open_app, query, sidebar, wait_idle

if TYPE_CHECKING:
    from .conftest import Session

pytestmark = pytest.mark.browser

BOUNDS = """() => { const b = window.map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"""


def bounds(frame) -> tuple[float, ...]:
    return tuple(frame.evaluate(BOUNDS))


def close(a, b, tol: float = 0.05) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


def test_bbox_round_trips_through_pan_reload_language_and_pages(session: Session) -> None:
    page = session.page
    open_app(session, "?lang=en&orgs=CSTO,SCO&show=events")
    frame = map_frame(page)
    assert "bbox" not in query(page)  # the default frame writes nothing
    wait_idle(page)
    frame.evaluate("() => window.map.setView([40.2, 71.5], 6, {animate: false})")
    # the address follows at once, written by the map itself: within 250 ms, before the
    # extent component (300 ms debounce) could have the server write it
    page.wait_for_function("() => location.search.includes('bbox=')", timeout=250)
    seen = parse_bbox(query(page)["bbox"])
    assert close(seen, bounds(frame)), (seen, bounds(frame))
    wait_idle(page)

    page.reload()  # a reload (or the link opened elsewhere) opens on the same extent
    frame = map_frame(page)
    wait_idle(page)
    assert close(bounds(frame), seen), (bounds(frame), seen)

    sidebar(page).get_by_text("Français", exact=True).click()  # the map is made anew in French
    page.wait_for_function("() => location.search.includes('lang=fr')")
    wait_idle(page)
    frame = map_frame(page)
    assert close(bounds(frame), seen), (bounds(frame), seen)
    assert close(parse_bbox(query(page)["bbox"]), seen)

    page.get_by_test_id("stSidebarNav").get_by_role("link").nth(3).click()  # Relations
    page.wait_for_url("**/relations?**")
    wait_idle(page)
    assert close(parse_bbox(query(page)["bbox"]), seen)  # the server knew it too
    page.get_by_test_id("stSidebarNav").get_by_role("link").nth(0).click()
    wait_idle(page)
    frame = map_frame(page)
    assert close(bounds(frame), seen), (bounds(frame), seen)


def test_a_shared_bbox_frames_a_fresh_visit(session: Session) -> None:
    """Armenia, a speck at the default frame, fills a link that carries its extent."""
    page = session.page
    open_app(session, "?lang=en&orgs=CSTO&bbox=43.2,38.7,46.8,41.4")
    frame = map_frame(page)
    w, s, e, n = bounds(frame)
    assert w <= 43.2 and s <= 38.7 and e >= 46.8 and n >= 41.4
    assert e - w < 12, (w, e)  # framed on it, not on all of Eurasia
