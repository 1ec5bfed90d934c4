"""Hostile text in headless Chromium: data and an uploaded deck full of HTML and script payloads
are shown as text everywhere, and nothing they carry ever runs.

The app is served on a copy of the data where every free-text field ends with the payloads of
``tests/hostile.py``. Every page of the browser context gets an init script, in every frame
(the map's iframe included), that records any write to ``window.__xss`` (what each payload
does) and any ``alert``/``confirm``/``prompt``; dialogs are recorded and dismissed. At the end
of each test no frame may have recorded anything, no dialog may have opened and no request may
have gone to ``x`` (where an unescaped ``<img src=x>`` would point), on top of the usual
checks of :class:`~tests.browser.conftest.Recorder` (foreign hosts, failed loads, page errors).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Frame, Page, expect

from geo import tables
from geo.i18n import t
from tests.hostile import DECK_CAPTION, DECK_TITLE, HOSTILE, IMG, make_hostile_data

from .conftest import DEFAULT_TIMEOUT_MS, VIEWPORT, Recorder, Server, serve
from .test_map import MAP_IFRAME, map_frame, open_app, query, sidebar, wait_idle

pytestmark = pytest.mark.browser

VIEW = "?lang=en&date=2024-08-09&orgs=CSTO,SCO,OTS&show=events,history&from=2000-01-01"
#: what a payload shows once it is text (the start of the ``<img>`` payload, literally)
LITERAL = "<img src=x onerror="
TRAP = """(() => {
    const hits = [];
    const note = what => {
        hits.push(what);
        try { console.error('XSS-TRAP ' + what + ' in ' + location.href); } catch (e) {}
    };
    let value;
    Object.defineProperty(window, '__xss', {
        configurable: false,
        get() { return value; },
        set(v) { value = v; note('__xss=' + v); },
    });
    for (const name of ['alert', 'confirm', 'prompt']) {
        const original = window[name];
        window[name] = function (...args) {
            note(name + '(' + args.join(',') + ')');
            return original.apply(this, args);
        };
    }
    Object.defineProperty(window, '__xssHits', { get() { return hits.slice(); } });
})();"""
#: the state of the trap in one frame
FRAME_STATE = "() => ({xss: window.__xss, hits: window.__xssHits || null, " \
              "img: document.querySelectorAll('img[src=\"x\"], svg[onload]').length})"

# Every layer of the Leaflet map with a tooltip or popup (its own, or its GeoJSON group's),
# opened one at a time the way Leaflet opens them on hover and click (without the click
# itself, which would select a country); what each showed, as HTML and as text.
OPEN_ALL = """([kind]) => {
    const map = window.map || Object.values(window).find(v => {
        try { return v instanceof L.Map; } catch (e) { return false; }
    });
    const get = kind === 'popup' ? 'getPopup' : 'getTooltip';
    const open = kind === 'popup' ? 'openPopup' : 'openTooltip';
    const out = [];
    for (const id in map._layers) {
        const l = map._layers[id];
        if (l instanceof L.LayerGroup) continue;
        const mine = l[get] && l[get]();
        const owner = mine ? l : Object.values(l._eventParents || {}).find(p => p[get] && p[get]());
        if (!owner) continue;
        const latlng = l.getBounds ? l.getBounds().getCenter() : l.getLatLng();
        if (owner !== l) owner[get]()._source = l;
        owner[open](latlng);
        // this overlay's own element: closed ones linger in the page while they fade out
        const overlay = owner[get]();
        const el = kind === 'popup' ? overlay._contentNode : overlay._container;
        out.push(overlay.isOpen() && el && el.isConnected
                 ? {html: el.innerHTML, text: el.textContent} : null);
        if (kind === 'popup') map.closePopup(); else owner.closeTooltip();
    }
    return out;
}"""


#: one tooltip or popup (``selector``) left, faded in, and the map at rest
SETTLED = """sel => {
    const els = document.querySelectorAll(sel), pan = window.map._panAnim;
    return els.length === 1 && parseFloat(getComputedStyle(els[0]).opacity) >= 0.9
        && !(pan && pan._inProgress);
}"""


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_hostile_data(tmp_path_factory.mktemp("hostile-data"))


@pytest.fixture(scope="module")
def hostile_app(chromium_executable: str, browser, hostile_dirs,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on the hostile data, opened once (see ``test_present.warm_server``)."""
    data, articles = hostile_dirs
    with serve(tmp_path_factory.mktemp("server-hostile"), data_dir=data,
               articles_dir=articles) as server:
        page = browser.new_page()
        page.goto(server.url(""))
        wait_idle(page)
        page.close()
        yield server


@pytest.fixture(scope="module")
def atlas(hostile_dirs) -> tables.Atlas:
    a = tables.load(*hostile_dirs)
    assert a.problems == []
    return a


@dataclass
class Hostile:
    page: Page
    net: Recorder
    server: Server
    dialogs: list[str] = field(default_factory=list)
    traps: list[str] = field(default_factory=list)  # console lines of the trap

    def assert_nothing_ran(self, page: Page | None = None) -> None:
        for frame in (page or self.page).frames:
            try:
                state = frame.evaluate(FRAME_STATE)
            except Exception as e:  # a frame gone while we looked: nothing to check there
                if "detached" in str(e) or "destroyed" in str(e):
                    continue
                raise
            assert state["xss"] is None, (frame.url, state)
            assert state["hits"] == [], (frame.url, state)  # the trap is in every frame
            assert state["img"] == 0, (frame.url, state)
        assert self.dialogs == []
        assert self.traps == []
        to_x = [u for u in self.net.requests if urlsplit(u).path.endswith("/x")]
        assert to_x == [], to_x


@pytest.fixture
def hs(browser, hostile_app: Server) -> Iterator[Hostile]:
    context = browser.new_context(viewport=VIEWPORT, locale="en-US", accept_downloads=True)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.add_init_script(TRAP)
    page = context.new_page()
    net = Recorder(hostile_app.hosts, "")
    net.attach(context, page)
    s = Hostile(page, net, hostile_app)

    def dialog(d) -> None:
        s.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    def console(msg) -> None:
        if "XSS-TRAP" in msg.text:
            s.traps.append(msg.text)

    context.on("page", lambda p: (p.on("dialog", dialog), p.on("console", console)))
    page.on("dialog", dialog)
    page.on("console", console)
    try:
        yield s
        s.assert_nothing_ran()
        net.check()
    finally:
        context.close()


# --- helpers -----------------------------------------------------------------------------------


def inert(shown: list[dict | None], at_least: int) -> list[str]:
    """Check tooltips or popups as Leaflet showed them; return their texts."""
    assert None not in shown, "a tooltip or popup did not open"
    assert len(shown) >= at_least, len(shown)
    for s in shown:
        html = s["html"].lower()
        assert "<img" not in html and "<script" not in html and "<svg" not in html, s["html"]
        assert "<b>bold</b>" not in html, s["html"]
    return [s["text"] for s in shown]


def open_all(frame: Frame | Page, kind: str) -> list[dict | None]:
    return frame.evaluate(OPEN_ALL, [kind])


def show_one(frame: Frame, kind: str, text: str, point: tuple[int, int]) -> None:
    """Leave open the first tooltip or popup whose text contains ``text``, at ``point`` of the
    map (pixels from its top left corner), for a screenshot: placed where it fits, so that the
    map does not pan (a redraw of every hatched country takes seconds in a headless browser)."""
    frame.evaluate("""([kind, text, point, all]) => {
        const found = (eval(all))([kind]).findIndex(s => s && s.text.includes(text));
        const map = window.map, get = kind === 'popup' ? 'getPopup' : 'getTooltip';
        let i = -1;
        for (const id in map._layers) {
            const l = map._layers[id];
            if (l instanceof L.LayerGroup) continue;
            const owner = (l[get] && l[get]()) ? l
                : Object.values(l._eventParents || {}).find(p => p[get] && p[get]());
            if (!owner || ++i !== found) continue;
            const latlng = map.containerPointToLatLng(point);
            if (owner !== l) owner[get]()._source = l;
            if (kind === 'popup') owner.openPopup(latlng); else owner.openTooltip(latlng);
            return;
        }
    }""", [kind, text, list(point), f"({OPEN_ALL})"])


def visible_literal(page: Page, where=None) -> None:
    """The payload is on screen as literal text."""
    expect((where or page.get_by_test_id("stApp")).get_by_text(LITERAL).first).to_be_visible()


# --- tests -------------------------------------------------------------------------------------


def test_map_tooltips_popups_and_legend_show_the_payloads_as_text(hs: Hostile, atlas,
                                                                   artifacts) -> None:
    page = hs.page
    open_app(hs, f"{VIEW}&country=KAZ")
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('.atlas-glyph').length > 0 && "
                            "document.querySelectorAll('.atlas-legend-box').length === 1")

    tips = inert(open_all(frame, "tooltip"), at_least=len(atlas.countries) + 20)
    popups = inert(open_all(frame, "popup"), at_least=20)
    # every tooltip and popup names something from the data, so carries the payload as text
    assert all(HOSTILE in x for x in tips), [x for x in tips if HOSTILE not in x][:3]
    assert all(HOSTILE in x for x in popups), [x for x in popups if HOSTILE not in x][:3]
    names = atlas.countries.set_index("iso3")["name_en"]
    assert any(x.strip().startswith(names["KAZ"]) for x in tips)
    rel = atlas.relations
    assert any(s in x for x in popups for s in rel["summary_en"])  # link summaries
    ev = atlas.events
    assert any(s in x for x in popups for s in ev["place"])  # event places
    assert any(s in x for x in tips for s in ev["name"])  # event names
    src = atlas.sources
    assert any(s in x for x in popups for s in src["title"])  # source titles
    # the legend in the map, folded, and the one beside it
    legend = frame.locator(".atlas-legend-box")
    assert HOSTILE in legend.text_content()
    assert "<img" not in legend.inner_html()
    side = page.locator(".atlas-side")
    expect(side).to_contain_text(HOSTILE)
    assert side.locator("img, script").count() == 0
    # the country card's heading and the sidebar's choices: text
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name=names["KAZ"])).to_be_visible()
    visible_literal(page, main.get_by_role("heading", name=names["KAZ"]))
    expect(sidebar(page)).to_contain_text(atlas.organizations.set_index("org_id").at[
        "CSTO", "acronym_en"])
    hs.assert_nothing_ran()

    # screenshots: a tooltip and a popup showing the payload as literal text (Leaflet keeps a
    # tooltip on one line, wider than the map with these names: wrapped for the picture)
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    clip = {"x": box["x"], "y": box["y"], "width": box["width"], "height": box["height"]}
    frame.add_style_tag(content=".leaflet-tooltip { white-space: normal; width: 440px; }")
    show_one(frame, "tooltip", names["KAZ"], (150, 300))
    frame.wait_for_function(SETTLED, arg=".leaflet-tooltip")
    expect(frame.locator(".leaflet-tooltip")).to_contain_text(LITERAL)
    page.screenshot(path=str(artifacts / "hostile-tooltip.png"), clip=clip)
    frame.evaluate("() => window.map.eachLayer(l => l.closeTooltip && l.closeTooltip())")
    show_one(frame, "popup", "Birlestik", (box["width"] / 2, box["height"] - 30))
    frame.wait_for_function(SETTLED, arg=".leaflet-popup")
    expect(frame.locator(".leaflet-popup-content")).to_contain_text(LITERAL)
    page.screenshot(path=str(artifacts / "hostile-popup.png"), clip=clip)
    hs.assert_nothing_ran()


@pytest.mark.parametrize(("path", "ready"), [
    ("organizations", "stVegaLiteChart"),
    ("relations", "stDataFrame"),
    ("timeline", "stDataFrame"),
    ("sources", "stDataFrame"),
    ("compare", "map"),
])
def test_every_page_shows_the_payloads_as_text(hs: Hostile, atlas, path: str,
                                              ready: str) -> None:
    page = hs.page
    open_app(hs, f"{path}{VIEW}&country=KAZ")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    if ready == "map":
        frame = map_frame(page)
        texts = inert(open_all(frame, "tooltip"), at_least=200)
        assert all(HOSTILE in x for x in texts)
        inert(open_all(frame, "popup"), at_least=10)
        # the captions under the maps name the organizations, as they are (Markdown, escaped)
        acr = atlas.organizations.set_index("org_id").at["CSTO", "acronym_en"]
        expect(page.get_by_test_id("stCaptionContainer").filter(has_text=LITERAL).first
               ).to_contain_text(acr)
    else:
        expect(page.get_by_test_id(ready).first).to_be_visible()
    # the sidebar's organization chips are text
    visible_literal(page, sidebar(page))
    if path == "organizations":
        hover_chart(page)
    hs.assert_nothing_ran()


def hover_chart(page: Page) -> None:
    """Sweep the pointer over the membership chart until Vega's tooltip shows a country name:
    the payload in it is text."""
    chart = page.get_by_test_id("stVegaLiteChart").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None
    tooltip = page.locator("#vg-tooltip-element")
    rows = max(8, int(box["height"] // 9))  # every bar's row (9 px bars), however many
    for k in range(1, rows):
        fy = k / rows
        for fx in (0.6, 0.8, 0.95):
            page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            if tooltip.count() and tooltip.is_visible() and LITERAL in tooltip.text_content():
                assert tooltip.locator("img, script, svg, b").count() == 0
                return
    pytest.fail("no tooltip of the chart showed a country")


def test_markup_in_the_address_is_quoted_as_text(hs: Hostile) -> None:
    open_app(hs, f"?lang=en&orgs=CSTO,{quote(IMG)}")
    alert = hs.page.get_by_test_id("stAlertContentInfo").filter(has_text="orgs")
    expect(alert).to_contain_text(IMG)
    assert alert.locator("img").count() == 0
    hs.assert_nothing_ran()


@pytest.mark.parametrize("value", ["www.example.org", "[click](http://127.0.0.1:9/x)",
                                   "x@example.org"])
def test_url_in_the_address_is_not_a_link_in_the_notice(hs: Hostile, value: str) -> None:
    """Issue 15: the app's own "Ignored ..." message must not carry a live (phishing) link."""
    open_app(hs, f"?lang=en&country={quote(value)}")
    alert = hs.page.get_by_test_id("stAlertContentInfo").filter(has_text="country=")
    expect(alert).to_contain_text(value)
    assert alert.locator("a").count() == 0


def test_uploaded_hostile_deck_is_presented_as_text(hs: Hostile, tmp_path: Path,
                                                    atlas) -> None:
    page = hs.page
    deck = tmp_path / "hostile-deck.json"
    deck.write_text(json.dumps({"title": DECK_TITLE, "slides": [
        {"title": DECK_TITLE, "caption": DECK_CAPTION,
         "view": {"date": "2024-08-09", "orgs": "CSTO,SCO,OTS", "show": "events"}},
        {"title": DECK_TITLE, "caption": DECK_CAPTION,
         "view": {"date": "2012-09-01", "orgs": ["CSTO", IMG]}}]}), encoding="utf-8")
    open_app(hs, "?lang=en")
    bar = sidebar(page)
    bar.locator("input[type=file]").set_input_files(str(deck))
    page.wait_for_url(re.compile(r"[?&]deck=upload(&|$)"))
    wait_idle(page)
    # the deck's title in the deck chooser, and its one problem (the unknown org) listed
    expect(bar.get_by_role("combobox", name="Deck")).to_have_value(
        t("deck_session", "en", title=DECK_TITLE))
    expect(bar.get_by_test_id("stCode")).to_contain_text(LITERAL)
    bar.get_by_role("button", name=t("present", "en")).click()
    page.wait_for_url(re.compile(r"[?&]slide=1(&|$)"))
    wait_idle(page)
    main = page.get_by_test_id("stMain")
    expect(main.locator(".st-key-present_title")).to_have_text(DECK_TITLE)
    expect(main.locator(".st-key-present_caption")).to_have_text(DECK_CAPTION)
    expect(main.locator(".st-key-present_foot")).to_contain_text(DECK_TITLE)
    visible_literal(page, main.locator(".st-key-present_caption"))
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('.atlas-glyph').length > 0")
    assert all(HOSTILE in x for x in inert(open_all(frame, "tooltip"), at_least=200))
    inert(open_all(frame, "popup"), at_least=10)
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"[?&]slide=2(&|$)"))
    wait_idle(page)
    assert query(page)["orgs"] == "CSTO"
    expect(main.locator(".st-key-present_title")).to_have_text(DECK_TITLE)
    hs.assert_nothing_ran()


def test_exported_html_shows_the_payloads_as_text(hs: Hostile, tmp_path: Path, atlas) -> None:
    page = hs.page
    open_app(hs, VIEW)
    map_frame(page)
    main = page.get_by_test_id("stMain")
    main.get_by_text(t("export_title", "en")).click()
    with page.expect_download() as info:
        main.get_by_role("button", name="HTML", exact=True).click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert LITERAL not in text and "&lt;img src=x onerror=" in text.replace("\\u0026", "&")

    file_page = page.context.new_page()
    file_page.goto(saved.as_uri())
    file_page.wait_for_function(
        "document.querySelectorAll('path.leaflet-interactive').length > 100", timeout=30_000)
    tips = inert(open_all(file_page, "tooltip"), at_least=len(atlas.countries) + 20)
    popups = inert(open_all(file_page, "popup"), at_least=20)
    assert all(HOSTILE in x for x in tips) and all(HOSTILE in x for x in popups)
    legend = file_page.locator(".atlas-legend-box")
    expect(legend).to_contain_text(HOSTILE)
    expect(legend.locator("details")).to_have_attribute("open", "")  # unfolded in the file
    hs.assert_nothing_ran(file_page)
    file_page.close()


def test_the_trap_catches_a_payload_that_runs(browser) -> None:
    """The checks above are not vacuous: the same payloads, pasted as markup into a page and
    into its iframe (same origin, as the map's), are caught by the trap, the dialog handler and
    the request log."""
    pages = {"/top.html": f'<iframe src="inner.html"></iframe>{IMG}',
             "/inner.html": f"<p>{IMG}</p><script>alert(1)</script>"}
    context = browser.new_context()
    try:
        context.route("http://trap.invalid/**", lambda r: r.fulfill(
            status=200 if urlsplit(r.request.url).path in pages else 404,
            content_type="text/html", body=pages.get(urlsplit(r.request.url).path, "")))
        context.add_init_script(TRAP)
        page = context.new_page()
        dialogs: list[str] = []
        requests: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        context.on("request", lambda r: requests.append(r.url))
        page.goto("http://trap.invalid/top.html")
        page.wait_for_function("() => window.__xss === 2 && window.frames[0].__xssHits.length")
        top = page.main_frame.evaluate(FRAME_STATE)
        inner = page.frames[1].evaluate(FRAME_STATE)
    finally:
        context.close()
    assert top["hits"] == ["__xss=1", "__xss=2"] and top["img"] == 1  # its own and the iframe's
    assert inner["hits"] == ["alert(1)"] and inner["img"] == 1
    assert dialogs == ["1"]
    assert "http://trap.invalid/x" in requests
