"""Can the map be read at a glance? Names, fills, tooltips, framing and markers, as drawn in
headless Chromium (issue 9's checks), in English and French.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from geo import encoding
from geo.i18n import t

from .test_map import MAP_IFRAME, hover_country, map_frame, open_app

if TYPE_CHECKING:
    from .conftest import Session

pytestmark = pytest.mark.browser

FIVE = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
NAMES = {"en": {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan",
                "TKM": "Turkmenistan", "UZB": "Uzbekistan", "AFG": "Afghanistan", "IRN": "Iran",
                "CHN": "China", "RUS": "Russia", "ARM": "Armenia", "AZE": "Azerbaijan",
                "GEO": "Georgia", "PAK": "Pakistan", "IND": "India", "MNG": "Mongolia"},
         "fr": {"KAZ": "Kazakhstan", "KGZ": "Kirghizistan", "TJK": "Tadjikistan",
                "TKM": "Turkménistan", "UZB": "Ouzbékistan", "AFG": "Afghanistan", "IRN": "Iran",
                "CHN": "Chine", "RUS": "Russie", "ARM": "Arménie", "AZE": "Azerbaïdjan",
                "GEO": "Géorgie", "PAK": "Pakistan", "IND": "Inde", "MNG": "Mongolie"}}

# Each visible label: iso3, text and box in the iframe's pixels, and whether it lies inside
# the map's visible area.
LABELS = """() => {
    const box = window.map.getContainer().getBoundingClientRect();
    return [...document.querySelectorAll('.atlas-label')]
        .filter(el => el.style.display !== 'none')
        .map(el => { const r = el.getBoundingClientRect(); return {
            iso3: el.dataset.iso3, name: el.querySelector('.atlas-name').textContent,
            chips: [...el.querySelectorAll('.atlas-chip')].map(c => c.textContent),
            x: r.left, y: r.top, w: r.width, h: r.height,
            inside: r.left >= box.left && r.top >= box.top && r.right <= box.right
                    && r.bottom <= box.bottom}; });
}"""

# A point well inside country ``iso`` (page pixels of the iframe) that no label, marker, line
# or other country covers: where the screenshot shows the country's own fill.
FILL_POINT = """([iso]) => {
    const map = window.map, rect = map.getContainer().getBoundingClientRect();
    const shapes = Object.values(window.ATLAS_SHAPES)[0];
    const covers = [...document.querySelectorAll('.atlas-label, .atlas-glyph, .leaflet-control')]
        .filter(el => el.offsetParent !== null).map(el => el.getBoundingClientRect());
    const layer = [...Object.values(map._layers)].find(
        l => l.feature && l.feature.properties.iso3 === iso && l.options.fillOpacity === 1
            && l.options.interactive !== false);
    if (!layer) return null;
    const b = layer.getBounds(), N = 24;
    for (let i = 2; i < N - 1; i++) for (let j = 2; j < N - 1; j++) {
        const ll = L.latLng(b.getSouth() + (b.getNorth() - b.getSouth()) * i / N,
                            b.getWest() + (b.getEast() - b.getWest()) * j / N);
        const p = map.latLngToContainerPoint(ll);
        const x = rect.left + p.x, y = rect.top + p.y;
        if (p.x < 30 || p.y < 30 || p.x > rect.width - 30 || p.y > rect.height - 30) continue;
        if (covers.some(r => x > r.left - 6 && x < r.right + 6 && y > r.top - 6
                             && y < r.bottom + 6)) continue;
        // the pixel and its neighbours all belong to this country's polygon
        const ok = [[0, 0], [5, 0], [-5, 0], [0, 5], [0, -5]].every(([dx, dy]) => {
            const el = document.elementFromPoint(x + dx, y + dy);
            return el && el === layer._path;
        });
        if (ok) return {x, y};
    }
    return null;
}"""


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
                    and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]):
                out.append((a["iso3"], b["iso3"]))
    return out


def labels(frame) -> dict[str, dict]:
    frame.wait_for_function("document.querySelectorAll('.atlas-label').length > 100")
    return {b["iso3"]: b for b in frame.evaluate(LABELS)}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_region_names_are_on_the_map_and_never_overlap(session: Session, lang: str) -> None:
    open_app(session, f"?lang={lang}&date=2024-07-15&orgs=CSTO,SCO,OTS&show=events")
    frame = map_frame(session.page)
    shown = labels(frame)
    for iso, name in NAMES[lang].items():
        assert iso in shown, f"no label for {name}"
        assert shown[iso]["name"] == name
        assert shown[iso]["inside"], f"{name} is outside the map: {shown[iso]}"
    # badges beside the names, in the view's language
    kaz = shown["KAZ"]["chips"]
    assert kaz == (["CSTO", "SCO", "OTS"] if lang == "en" else ["OTSC", "OCS", "OET"])
    assert overlapping([shown[i] for i in FIVE]) == []
    assert overlapping(list(shown.values())) == []  # no two labels, anywhere
    # the names are text a reader can select and copy
    expect(frame.locator(".atlas-label[data-iso3=KGZ] .atlas-name")).to_have_text(
        NAMES[lang]["KGZ"])


@pytest.mark.parametrize("zoom", [3, 6])
def test_labels_stay_apart_when_zooming(session: Session, zoom: int) -> None:
    open_app(session, "?lang=en&date=2024-07-15&orgs=CSTO,SCO,OTS,CICA,CIS,EAEU,C5&show=")
    frame = map_frame(session.page)
    labels(frame)
    frame.evaluate(f"() => window.map.setView([42, 68], {zoom}, {{animate: false}})")
    frame.wait_for_function(f"() => document.querySelector('.leaflet-container')"
                            f".getAttribute('data-labels-zoom') === '{zoom}'")
    shown = labels(frame)
    assert overlapping(list(shown.values())) == []
    for iso in FIVE:
        assert iso in shown and shown[iso]["inside"], (iso, zoom)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_one_tooltip_lists_every_chosen_organization(session: Session, lang: str) -> None:
    open_app(session, f"?lang={lang}&date=2024-07-15&orgs=CSTO,SCO,OTS&show=")
    frame = map_frame(session.page)
    tip = hover_country(session.page, frame, "UZB")
    expect(tip).to_have_count(1)
    text = tip.inner_text()
    acr = {"en": ("CSTO", "SCO", "OTS"), "fr": ("OTSC", "OCS", "OET")}[lang]
    member, none = t("status_member", lang), t("not_member", lang)
    assert NAMES[lang]["UZB"] in text
    for line in (f"{acr[0]}: {none}", f"{acr[1]}: {member}", f"{acr[2]}: {member}"):
        assert line in text, (line, text)


def test_default_view_frames_central_asia(session: Session) -> None:
    """At 1400×900 with the sidebar open, Central Asia spans at least half the map's width."""
    session.page.set_viewport_size({"width": 1400, "height": 900})
    open_app(session, "?lang=en")
    frame = map_frame(session.page)
    span = frame.evaluate("""() => {
        const m = window.map, a = m.latLngToContainerPoint([45, 46.5]),
              b = m.latLngToContainerPoint([45, 87.3]), s = m.getSize();
        return {west: a.x, east: b.x, width: s.x, height: s.y}; }""")
    assert span["west"] >= 0 and span["east"] <= span["width"], span
    assert span["east"] - span["west"] >= span["width"] / 2, span
    # and the map is as tall as the window allows, not a fixed 620 px
    box = session.page.locator(MAP_IFRAME).bounding_box()
    assert box["y"] + box["height"] <= 900 + 2 and box["height"] >= 900 - 220, box


@pytest.mark.parametrize("size", [(1280, 720), (1400, 900), (2560, 1440)])
def test_the_scale_bar_holds_its_own_words(session: Session, size: tuple[int, int]) -> None:
    """One scale bar per map, each line as wide as its text at least: Leaflet's default width
    let '500 km' run over its bar's end at 1400×900."""
    session.page.set_viewport_size({"width": size[0], "height": size[1]})
    open_app(session, "?lang=fr")
    lines = map_frame(session.page).evaluate("""() => [...document.querySelectorAll(
        '.leaflet-control-scale-line')].map(el => { const r = document.createRange();
        r.selectNodeContents(el); return {text: el.textContent, box: el.clientWidth,
        words: r.getBoundingClientRect().width}; })""")
    assert len(lines) == 2, lines  # kilometres and miles, once
    assert all(x["words"] <= x["box"] for x in lines), lines


def _pixel(png: bytes, x: float, y: float) -> str:
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    return "#{:02x}{:02x}{:02x}".format(*img.getpixel((round(x), round(y))))


def test_one_organization_is_a_plain_choropleth(session: Session) -> None:
    """Member, observer, partner and former member: each a solid fill of its own colour, read
    off the screenshot at a point inside the country."""
    page = session.page
    open_app(session, "?lang=en&date=2024-06-01&orgs=SCO&show=history&links=")
    frame = map_frame(page)
    labels(frame)
    expected = {"KAZ": "member", "AFG": "observer", "AZE": "partner", "TKM": None}
    shot = page.locator(MAP_IFRAME).screenshot()
    box = page.locator(MAP_IFRAME).bounding_box()
    seen = {}
    for iso, status in expected.items():
        if status is None:
            continue
        p = frame.evaluate(FILL_POINT, [iso])
        assert p, f"no clear point inside {iso}"
        seen[iso] = _pixel(shot, p["x"], p["y"])
        assert seen[iso] == encoding.STATUS_FILLS[status], (iso, status, seen[iso])
    assert len(set(seen.values())) == len(seen)
    assert box is not None


def test_markers_at_one_place_are_all_reachable(session: Session) -> None:
    """Astana's meeting, summits, law and programme over 2013–2025: every marker can be
    pointed at, and shows its own tooltip."""
    page = session.page
    open_app(session, "?lang=en&date=2025-06-01&from=2013-01-01&orgs=&links=&show=events")
    frame = map_frame(page)
    frame.wait_for_function("window.map.getPane('atlasEvents')"
                            ".querySelectorAll('.atlas-glyph').length >= 4")
    frame.evaluate("() => window.map.setView([51.17, 71.45], 5, {animate: false})")
    centres = frame.evaluate("""() => {
        const box = window.map.getContainer().getBoundingClientRect();
        return [...window.map.getPane('atlasEvents').querySelectorAll('.atlas-glyph')]
            .map(g => [g, g.getBoundingClientRect()])
            .filter(([g, r]) => r.left > box.left && r.right < box.right && r.top > box.top
                                && r.bottom < box.bottom)
            .map(([g, r]) => { const x = r.left + r.width / 2, y = r.top + r.height / 2;
                               const el = document.elementFromPoint(x, y);
                               return {x, y, top: !!el && el.closest('.atlas-glyph') === g}; });
        }""")
    assert len(centres) >= 4, centres  # Astana's four markers at least
    assert all(c["top"] for c in centres), centres  # nothing covers any marker's centre
    assert len({(round(c["x"]), round(c["y"])) for c in centres}) == len(centres)
    box = page.locator(MAP_IFRAME).bounding_box()
    tips = set()
    for c in centres:
        page.mouse.move(box["x"] + c["x"], box["y"] + c["y"], steps=3)
        tip = frame.locator(".leaflet-tooltip")
        expect(tip).to_have_count(1)
        tips.add(tip.inner_text())
        page.mouse.move(box["x"] + 5, box["y"] + 5)
    assert len(tips) == len(centres)


def test_selected_country_is_outlined_above_everything(session: Session) -> None:
    open_app(session, "?lang=en&date=2024-07-15&orgs=CSTO,SCO&country=KGZ&show=events")
    frame = map_frame(session.page)
    z = frame.evaluate("""() => {
        const pane = n => +getComputedStyle(window.map.getPane(n)).zIndex;
        const sel = window.map.getPane('atlasSelection');
        return {sel: pane('atlasSelection'), overlay: pane('overlayPane'),
                paths: sel.querySelectorAll('path').length}; }""")
    assert z["paths"] == 1 and z["sel"] > z["overlay"], z
