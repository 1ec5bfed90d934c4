"""Presentation mode and briefing decks in headless Chromium: keys, the map, download/upload.

Each test runs in a fresh browser context; its fixture fails the test if any request left the
app's own host, anything failed to load, or a page threw.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from geo import deck as decks
from geo import tables
from geo.i18n import t

from .test_map import LAYER_TOOLTIPS, map_frame, map_state, open_app, query, sidebar, wait_idle

if TYPE_CHECKING:
    from .conftest import Session

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
NAME = "central-asia-briefing"
EXAMPLE = REPO / "decks" / f"{NAME}.json"


@pytest.fixture(scope="module", autouse=True)
def warm_server(browser, app) -> None:
    """Open the app once before these tests: the first session after start-up runs its first
    script run the pre-``st.navigation`` way, under another script hash, so its sidebar widgets
    change identity after that run (a file uploaded before any rerun would be dropped)."""
    page = browser.new_page()
    page.goto(app.url(""))
    wait_idle(page)
    page.close()


@pytest.fixture(scope="module")
def example() -> tuple[decks.Deck, list[dict[str, str]]]:
    """The example deck, and the URL each of its slides should show (in English)."""
    atlas = tables.load()
    known = (atlas.organizations["org_id"], sorted(set(atlas.relations["kind"])),
             atlas.countries["iso3"])
    deck, problems = decks.load_deck(EXAMPLE.read_bytes(), *known)
    assert problems == [] and deck is not None
    urls = [decks.slide_view(s, *known, lang="en").to_query() for s in deck.slides]
    return deck, urls


def wait_slide(page: Page, n: int) -> None:
    """Until the URL shows slide ``n`` and the script is idle."""
    page.wait_for_url(re.compile(rf"[?&]slide={n}(&|$)"))
    wait_idle(page)


def uzbekistan_tips(frame) -> str:
    return " | ".join(frame.evaluate(LAYER_TOOLTIPS, ["UZB"]))


def test_presentation_keys_slides_and_map(session: Session, example, artifacts) -> None:
    page = session.page
    deck, _ = example
    first, second = deck.slides[0], deck.slides[1]
    open_app(session, f"?present=1&deck={NAME}&slide=1")
    frame = map_frame(page)
    main = page.get_by_test_id("stMain")

    # full window: no sidebar, nor the button that would open it; the slide's words, large
    expect(sidebar(page)).to_be_hidden()
    expect(page.get_by_test_id("stExpandSidebarButton")).to_be_hidden()
    title = page.locator(".st-key-present_title [data-testid='stText']")
    expect(title).to_have_text(first.title_in("en"))
    expect(main).to_contain_text(first.caption_in("en"))
    assert float(title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 30
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert box and box["height"] >= 650 and box["width"] >= 1300, box
    frame.wait_for_function("() => document.querySelectorAll('.atlas-legend-box').length === 1")
    assert "member" in uzbekistan_tips(frame)  # back in the CSTO in 2011

    # → : slide 2, in the same map document (only its layers are redrawn)
    frame.evaluate("() => { window.__probe = 1; }")
    page.keyboard.press("ArrowRight")
    wait_slide(page, 2)
    expect(title).to_have_text(second.title_in("en"))
    expect(main).to_contain_text(second.caption_in("en"))
    expect(main).not_to_contain_text(first.caption_in("en"))
    q = query(page)
    assert (q["present"], q["deck"], q["date"], q["orgs"]) == ("1", NAME, "2013-07-01", "CSTO")
    frame.wait_for_function(f"() => ({LAYER_TOOLTIPS})(['UZB']).some(t => /former/.test(t))")
    assert map_state(frame)["probe"] == 1, "the map's document was reloaded"
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(artifacts / "present.png"))

    # ← : back to slide 1
    page.keyboard.press("ArrowLeft")
    wait_slide(page, 1)
    expect(title).to_have_text(first.title_in("en"))
    assert query(page)["date"] == "2011-07-01"
    frame.wait_for_function(
        f"() => !({LAYER_TOOLTIPS})(['UZB']).some(t => /former/.test(t))")

    # Esc: back to the map page, sidebar and all, on the slide's view
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "present=" not in url)
    wait_idle(page)
    expect(sidebar(page)).to_be_visible()
    expect(main.get_by_role("heading", level=1)).to_have_text(t("app_title", "en"))
    assert query(page)["date"] == "2011-07-01"


def test_buttons_walk_the_whole_deck(session: Session, example) -> None:
    page = session.page
    deck, urls = example
    open_app(session, f"?present=1&deck={NAME}&slide=1")
    map_frame(page)
    for n in range(2, len(deck.slides) + 1):
        page.get_by_role("button", name=t("present_next", "en")).click()
        wait_slide(page, n)
        expect(page.get_by_test_id("stMain")).to_contain_text(deck.slides[n - 1].caption_in("en"))
        assert query(page) == {**urls[n - 1], "present": "1", "deck": NAME, "slide": str(n)}
    expect(page.get_by_role("button", name=t("present_next", "en"))).to_be_disabled()
    page.get_by_role("button", name=t("present_prev", "en")).click()
    wait_slide(page, len(deck.slides) - 1)


def test_download_then_upload_gives_the_same_views(session: Session, example,
                                                  tmp_path: Path) -> None:
    page = session.page
    deck, urls = example
    open_app(session, f"?deck={NAME}")
    bar = sidebar(page)
    with page.expect_download() as info:
        bar.get_by_role("button", name=t("deck_download", "en")).click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == f"{NAME}.json"
    assert saved.read_bytes() == EXAMPLE.read_bytes()

    # a new visitor uploads the file: it becomes the session's deck, with the same slides
    page.goto(session.server.url(""))
    wait_idle(page)
    bar.locator("input[type=file]").set_input_files(str(saved))
    page.wait_for_url(re.compile(r"[?&]deck=upload(&|$)"))  # the session's deck is chosen
    wait_idle(page)
    expect(bar.get_by_role("combobox", name="Deck")).to_have_value(
        t("deck_session", "en", title=deck.title_in("en")))
    expect(bar.get_by_test_id("stAlertContentWarning")).to_have_count(0)
    bar.get_by_role("button", name=t("present", "en")).click()
    wait_slide(page, 1)
    seen = [query(page)]
    for n in range(2, len(deck.slides) + 1):
        page.keyboard.press("ArrowRight")
        wait_slide(page, n)
        seen.append(query(page))
    assert seen == [{**u, "present": "1", "deck": decks.UPLOAD, "slide": str(n)}
                    for n, u in enumerate(urls, 1)]


def test_uploaded_html_stays_text(session: Session, tmp_path: Path) -> None:
    page = session.page
    hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> **b**'
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps({"title": hostile, "slides": [
        {"title": hostile, "caption": hostile, "view": {"date": "2012-09-01"}}]}),
        encoding="utf-8")
    open_app(session, "")
    sidebar(page).locator("input[type=file]").set_input_files(str(path))
    page.wait_for_url(re.compile(r"[?&]deck=upload(&|$)"))
    wait_idle(page)
    sidebar(page).get_by_role("button", name=t("present", "en")).click()
    wait_slide(page, 1)
    main = page.get_by_test_id("stMain")
    expect(main.locator(".st-key-present_caption")).to_have_text(hostile)
    assert main.locator("img[src=x]").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_a_clicker_drives_the_deck_at_1280x720_after_a_click_on_the_map(
        session: Session, example) -> None:
    """What presentation clickers send (PageDown, PageUp, Space, Shift+Space), plus Home,
    End and Esc, work after the presenter has touched the map; the slide fits the projector."""
    page = session.page
    page.set_viewport_size({"width": 1280, "height": 720})
    open_app(session, f"?present=1&deck={NAME}&slide=1")
    frame = map_frame(page)
    n = len(example[0].slides)

    def fits() -> None:
        size = page.evaluate("() => [document.documentElement.scrollHeight, innerHeight,"
                             " document.documentElement.scrollWidth, innerWidth]")
        assert size[0] <= size[1] + 1 and size[2] <= size[3] + 1, size
        box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
        assert box["y"] + box["height"] <= 720 + 1 and box["height"] >= 300, box

    fits()
    expect(frame.locator(".atlas-legend-box details")).to_have_attribute("open", "")

    def click_map() -> None:
        box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    for key, slide in (("PageDown", 2), ("Space", 3), ("PageUp", 2), ("Shift+Space", 1),
                       ("End", n), ("Home", 1), ("ArrowRight", 2)):
        click_map()  # the focus is in the map's frame
        page.keyboard.press(key)
        wait_slide(page, slide)
        fits()
    click_map()
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "present=" not in url)


def test_present_from_another_page_presents_on_the_map(session: Session) -> None:
    page = session.page
    open_app(session, f"relations?lang=en&deck={NAME}")
    sidebar(page).get_by_role("button", name=t("present", "en")).click()
    wait_slide(page, 1)
    expect(page.locator(".st-key-present_title")).to_be_visible()
    frame = map_frame(page)
    assert map_state(frame)["paths"] > 100


def test_every_slide_fits_a_phone(session: Session, example) -> None:
    """390 x 844 (a phone held upright): title, buttons, caption and map without scrolling."""
    page = session.page
    page.set_viewport_size({"width": 390, "height": 844})
    open_app(session, f"?lang=fr&present=1&deck={NAME}&slide=1")
    for n in range(1, len(example[0].slides) + 1):
        if n > 1:
            page.get_by_role("button", name=t("present_next", "fr")).click()
            wait_slide(page, n)
        map_frame(page)
        wait_idle(page)
        main = page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]');"
                             " return [m.scrollHeight, m.clientHeight, m.scrollWidth,"
                             " m.clientWidth]; }")
        assert main[0] <= main[1] + 2 and main[2] <= main[3] + 2, (n, main)
        box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
        assert box["y"] + box["height"] <= 844 and box["height"] >= 240, (n, box)
