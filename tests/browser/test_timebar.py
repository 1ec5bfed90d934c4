"""The sidebar's time control in headless Chromium: step buttons and keys move the map's date by
a month or a year, and play walks it year by year, the address and the map's caption following,
while the map keeps its extent (its document is not reloaded)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from geo.i18n import t

from .test_map import map_frame, open_app, query, sidebar, wait_idle, wait_map

if TYPE_CHECKING:
    from .conftest import Session

pytestmark = pytest.mark.browser

CONTROL = ".atlas-tb"  # inside the component's (open) shadow root: Playwright's CSS pierces it


def wait_date(page: Page, day: str, timeout: float = 20_000) -> None:
    """Until the address holds ``date=day`` and the app is idle, then the caption says it too."""
    page.wait_for_function("d => new URLSearchParams(location.search).get('date') === d",
                           arg=day, timeout=timeout)
    wait_idle(page)
    caption = t("map_caption", "en", date=day)
    expect(page.get_by_test_id("stMain").get_by_text(caption)).to_be_visible()


SENT = """() => {
    for (const host of document.querySelectorAll('[data-testid="stBidiComponentIsolated"]'))
        if (host.shadowRoot && host.shadowRoot.__tb) return host.shadowRoot.__tb.sends;
    return null;
}"""  # how many dates the control has sent


def shown(page: Page) -> str:
    return sidebar(page).locator(f"{CONTROL} [role=slider]").get_attribute("data-date")


def test_steps_by_month_and_year_buttons_and_keys(session: Session) -> None:
    page = session.page
    open_app(session, "?lang=en&date=2020-03-15&orgs=CSTO")
    map_frame(page)
    bar = sidebar(page)
    control = bar.locator(CONTROL)
    expect(control.locator(".tb-date")).to_have_text("2020-03-15")
    expect(control.locator(".tb-stamp")).to_have_text(t("data_to", "en", month="2025-11"))
    ticks = control.locator(".tb-year").all_inner_texts()
    assert "2000" in ticks and "2020" in ticks, ticks

    control.get_by_role("button", name=t("tb_next_month", "en")).click()
    wait_date(page, "2020-04-15")
    control.get_by_role("button", name=t("tb_prev_year", "en")).click()
    wait_date(page, "2019-04-15")
    control.get_by_role("button", name=t("tb_prev_month", "en")).click()
    wait_date(page, "2019-03-15")
    control.get_by_role("button", name=t("tb_next_year", "en")).click()
    wait_date(page, "2020-03-15")

    slider = control.get_by_role("slider", name=t("tb_slider", "en"))
    slider.focus()
    page.keyboard.press("ArrowRight")
    wait_date(page, "2020-04-15")
    page.keyboard.press("PageDown")
    wait_date(page, "2019-04-15")
    page.keyboard.press("Shift+ArrowRight")
    wait_date(page, "2020-04-15")
    # keys pressed in a row are shown at once and sent once, when the reader pauses
    sent = page.evaluate(SENT)
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    wait_date(page, "2020-01-15")
    assert page.evaluate(SENT) == sent + 1, "a burst of keys is sent as one date"
    page.keyboard.press("Home")
    wait_date(page, "1991-01-01")
    expect(control.get_by_role("button", name=t("tb_prev_year", "en"))).to_be_disabled()
    assert slider.get_attribute("aria-valuetext") == "January 1, 1991"
    assert slider.get_attribute("aria-valuenow") == "0"
    page.keyboard.press("End")
    wait_date(page, slider.get_attribute("data-max"))
    assert int(slider.get_attribute("aria-valuenow")) == int(
        slider.get_attribute("aria-valuemax")) > 12_000  # days since 1 January 1991


def test_play_advances_the_date_year_by_year_and_keeps_the_map(session: Session) -> None:
    page = session.page
    open_app(session, "?lang=en&date=1999-07-01&orgs=CSTO,SCO")
    frame = map_frame(page)
    control = sidebar(page).locator(CONTROL)
    # in 1999 the CST and the Shanghai Five stand in, and the sidebar says so
    expect(sidebar(page).get_by_text(re.compile(r"CSTO.*predecessor.*CST"))).to_be_visible()
    frame.evaluate("() => { window.__probe = 1; window.map.setView([40, 70], 5, "
                   "{animate: false}); }")
    wait_map(frame, "s.zoom === 5")
    # the server hears of the new extent in a run of its own (geo.bridge): let it finish first
    page.wait_for_function("() => location.search.includes('bbox=')")
    page.wait_for_timeout(600)  # the extent is sent 300 ms after the last move
    wait_idle(page)

    control.locator("select").select_option("0.5")
    # every date the address takes, in order (a year is on screen for ~0.5 s: too short to
    # check each one's caption; the caption is checked once paused)
    page.evaluate("""() => { window.__dates = [];
        setInterval(() => { const d = new URLSearchParams(location.search).get('date');
            if (window.__dates[window.__dates.length - 1] !== d) window.__dates.push(d); }, 20);
    }""")
    play = control.get_by_role("button", name=t("tb_play", "en"))
    play.click()
    expect(control.get_by_role("button", name=t("tb_pause", "en"))).to_have_attribute(
        "aria-pressed", "true")
    page.wait_for_function("() => new URLSearchParams(location.search).get('date') >= "
                           "'2003-07-01'", timeout=30_000)
    control.get_by_role("button", name=t("tb_pause", "en")).click()
    expect(control.get_by_role("button", name=t("tb_play", "en"))).to_have_attribute(
        "aria-pressed", "false")
    wait_idle(page)
    page.wait_for_timeout(1500)  # a negative check: no further year once paused
    day = query(page)["date"]
    wait_date(page, day)
    assert day.endswith("-07-01") and day >= "2003-07-01", day
    seen = page.evaluate("() => window.__dates")  # one year at a time, none skipped
    assert seen == [f"{y}-07-01" for y in range(1999, int(day[:4]) + 1)], seen
    assert shown(page) == day
    expect(control.locator(".tb-date")).to_have_text(day)
    # by 2003 the CSTO and the SCO exist: no predecessor notice any more
    expect(sidebar(page).get_by_text(re.compile("predecessor"))).to_have_count(0)
    # the map was updated in place, not reloaded, and kept the reader's extent
    state = frame.evaluate("() => ({probe: window.__probe, zoom: window.map.getZoom()})")
    assert state == {"probe": 1, "zoom": 5}, state


def test_play_stops_at_the_end(session: Session) -> None:
    page = session.page
    open_app(session, "?lang=fr&date=2025-01-01&orgs=CSTO")
    map_frame(page)
    control = sidebar(page).locator(CONTROL)
    control.locator("select").select_option("0.5")
    control.get_by_role("button", name=t("tb_play", "fr")).click()
    expect(control.get_by_role("button", name=t("tb_play", "fr"))).to_have_attribute(
        "aria-pressed", "false", timeout=30_000)
    wait_idle(page)
    today = control.get_by_role("slider").get_attribute("data-max")
    assert query(page)["date"] == today
    expect(control.get_by_role("button", name=t("tb_next_month", "fr"))).to_be_disabled()
