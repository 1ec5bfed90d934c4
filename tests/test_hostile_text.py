"""Text from the data is shown as text, never run: map, legends, exports, figure and pages.

The data is the shipped data with HTML, script, JavaScript-template and Jinja payloads appended
to every free-text field (``tests/hostile.py``); the real browser proves the same end to end in
``tests/browser/test_hostile_text.py``. Here every HTML fragment handed to Leaflet or to the page
is parsed as a browser would parse it, to show the payloads make no element and no handler.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import folium
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo import deck as decks
from geo import export, layers, tables
from geo.figure import figure
from geo.i18n import LANGS, col, t
from geo.markup import Detail, esc, md_code, md_text
from geo.view import View
from tests.hostile import (
    DECK_CAPTION,
    DECK_TITLE,
    FIELDS,
    HOSTILE,
    IMG,
    JS_URL,
    RAW_MARKERS,
    make_hostile_data,
)

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "dashboard.py"
TIMEOUT = 90
DAY = dt.date(2024, 8, 9)
#: organizations, links, events, history, overlap, a selected country and a date range: every
#: layer with a tooltip or popup
VIEWS = {
    "en": View(lang="en", date=DAY, orgs=("CSTO", "SCO", "OTS"), country="KAZ",
               start=dt.date(2000, 1, 1), show=("events", "history", "overlap")),
    "fr": View(lang="fr", date=dt.date(2012, 9, 1), orgs=("CSTO", "SCO", "CIS"),
               show=("events", "history")),
}
#: elements the Atlas itself puts in tooltips, popups and legends; nothing else may appear
SAFE_TAGS = {"div", "b", "table", "tr", "th", "td", "details", "summary", "h4", "span", "svg",
             "rect", "line", "style", "br"}
SAFE_ATTRS = {"class", "style", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "fill",
              "stroke", "stroke-width", "stroke-dasharray", "aria-hidden", "open", "id",
              "patternunits", "patterntransform", "fill-opacity",
              "data-show"}  # the extra layers a legend block is for (ids, geo.legend)


# --- fixtures -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_hostile_data(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def clean() -> tables.Atlas:
    return tables.load()


@pytest.fixture(scope="module")
def atlas(dirs, clean) -> tables.Atlas:
    a = tables.load(*dirs)
    assert a.problems == []
    return a


# --- helpers ------------------------------------------------------------------------------------

class Fragment(HTMLParser):
    """What a browser would build from an HTML fragment: elements, attributes and text."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.chunks: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)
        self.attrs |= {a for a, _ in attrs}

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)


def assert_inert(markup: str) -> Fragment:
    """``markup`` builds only the Atlas's own elements, with no event handler."""
    f = Fragment(markup)
    assert f.tags <= SAFE_TAGS, (f.tags - SAFE_TAGS, markup[:300])
    assert f.attrs <= SAFE_ATTRS, (f.attrs - SAFE_ATTRS, markup[:300])
    return f


def json_strings(page: str) -> list[str]:
    """The values of the double-quoted JSON strings in a page's scripts."""
    out = []
    for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"', page):
        try:
            out.append(json.loads(m.group()))
        except json.JSONDecodeError:
            continue
    return out


def no_raw_markup(page: str) -> None:
    low = page.lower()
    for marker in RAW_MARKERS:
        assert marker.lower() not in low, (marker, page[low.find(marker.lower()) - 200:][:400])


def tags(page: str, name: str) -> tuple[int, int]:
    return (len(re.findall(rf"<{name}\b", page, re.I)), len(re.findall(rf"</{name}\b", page, re.I)))


def render(atlas: tables.Atlas, view: View) -> str:
    m = layers.base_map(atlas, view.lang)
    for g in layers.map_layers(atlas, view):
        g.add_to(m)
    return m.get_root().render()


# --- the data ------------------------------------------------------------------------------------

def test_hostile_data_is_valid_and_complete(atlas, clean) -> None:
    for name in ("sources", "countries", "organizations", "memberships", "relations", "events"):
        assert len(getattr(atlas, name)) == len(getattr(clean, name)), name
    assert atlas.locators_checked == clean.locators_checked  # article locators still found
    for file, cols in FIELDS.items():
        df = getattr(atlas, file.removesuffix(".csv"))
        for c in cols:
            assert df[c].str.endswith(HOSTILE).all(), (file, c)
    assert (atlas.sources.loc[atlas.sources["kind"] == "reference", "url"] == JS_URL).any()


# --- the interactive map -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_map_shows_every_payload_as_text(atlas, clean, lang: str) -> None:
    view = VIEWS[lang]
    page = render(atlas, view)
    no_raw_markup(page)
    # no script element opened or closed by the data: the same tags as the clean map's
    assert tags(page, "script") == tags(render(clean, view), "script")
    # Jinja syntax in the data is neither evaluated ({{7*7}} -> 49) nor breaks the render
    assert "49 {" not in page
    # every fragment Leaflet will put in the page (tooltips, popups, legend) is inert and
    # shows the payload as it is in the data
    hostile_fragments = [s for s in json_strings(page) if "__xss" in s]
    assert len(hostile_fragments) > 50
    texts = [assert_inert(s).text for s in hostile_fragments]
    assert all(HOSTILE in x for x in texts)
    # names of countries, organizations and events, summaries, places, notes, locators and
    # source titles all reach a tooltip or popup
    shown = "\n".join(texts)
    names = dict(zip(atlas.countries["iso3"], atlas.countries[col("name", lang)], strict=True))
    orgs = atlas.organizations.set_index("org_id")
    expected = [names["KAZ"], names["RUS"], orgs.at["CSTO", col("name", lang)],
                orgs.at["SCO", col("acronym", lang)]]
    links = export.view_links(atlas, view)
    events = export.view_events(atlas, view)
    assert len(links) and len(events)
    expected += [links.iloc[0][col("summary", lang)], links.iloc[0]["note"],
                 links.iloc[0]["locator"], events.iloc[0][col("event_name", lang)],
                 events.iloc[0]["place"], events.iloc[0][col("summary", lang)]]
    src = atlas.sources.set_index("source_id")
    expected.append(src.at[links.iloc[0]["source_id"], "title"])
    for text in expected:
        assert text.endswith(HOSTILE) and text in shown, text[:60]


def test_backtick_and_template_only_inside_json_strings(atlas) -> None:
    """`` `${...}` `` in the data is never pasted into JavaScript source (a template literal)."""
    page = render(atlas, VIEWS["en"])
    spans = [(m.start(), m.end()) for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"', page)]
    hits = [m.start() for m in re.finditer(re.escape("${alert(1)}"), page)]
    assert hits
    for h in hits:
        assert any(a < h < b for a, b in spans), page[h - 120:h + 40]


@pytest.mark.parametrize("text", [
    "{{ lipsum.__globals__.os.getpid() }}", "Foo {{ bar", "{% if", "{# open", "{{{x}}}",
    "{{'alert'}}",
])
def test_jinja_syntax_in_a_tooltip_is_neither_run_nor_fatal(text: str) -> None:
    """branca renders each element's script again as a Jinja template: before ``esc`` escaped
    ``{{``, ``{%`` and ``{#``, ``{{ ... }}`` in the data ran Python on the server (here it would
    print the server's process id) and an unbalanced tag broke the whole map."""
    m = folium.Map(tiles=None)
    marker = folium.Marker((0, 0))
    Detail(esc(text), "tooltip").add_to(marker)
    marker.add_to(m)
    page = m.get_root().render()
    assert str(os.getpid()) not in page
    (tip,) = re.findall(r'\.bindTooltip\(("(?:[^"\\]|\\.)*")', page)
    assert Fragment(json.loads(tip)).text == text


def test_esc_leaves_ordinary_braces_alone() -> None:
    assert esc("a {b} ${c} }}") == "a {b} ${c} }}"
    assert esc("{{x}}") == "&#123;{x}}"
    assert Fragment(esc("{{x}} {%y%} {#z#}")).text == "{{x}} {%y%} {#z#}"


def test_md_text_escapes_markdown_but_not_the_text() -> None:
    assert md_text("a `b` **c** [d](e) :red[f] $g$ <h> # | ~ \\") == (
        r"a \`b\` \*\*c\*\* \[d\](e) \:red\[f\] \$g\$ \<h\> \# \| \~ \\")
    assert md_text("2099-01-01") == "2099-01-01" and md_text(None) == ""


def test_side_legend_is_inert(atlas) -> None:
    """The page shows it with ``unsafe_allow_html`` (for its swatches)."""
    for view in VIEWS.values():
        block = layers.side_legend(atlas, view)
        no_raw_markup(block)
        f = assert_inert(block)
        orgs = atlas.organizations.set_index("org_id")
        for o in view.orgs:
            assert orgs.at[o, col("name", view.lang)] in f.text


def test_dual_map_layers_are_inert(atlas) -> None:
    view = VIEWS["en"]
    m = layers.dual_map(atlas, "en")
    for g in layers.dual_layers(atlas, view, View(lang="en", date=dt.date(2005, 1, 1))):
        g.add_to(m.m1)
    page = m.get_root().render()
    no_raw_markup(page)
    assert all(HOSTILE in assert_inert(s).text for s in json_strings(page) if "__xss" in s)


# --- exports ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_standalone_html_shows_every_payload_as_text(atlas, clean, lang: str) -> None:
    view = VIEWS[lang]
    page = export.standalone_html(atlas, view)
    no_raw_markup(page)
    assert tags(page, "script") == tags(export.standalone_html(clean, view), "script")
    fragments = [s for s in json_strings(page) if "__xss" in s]
    assert fragments and all(HOSTILE in assert_inert(s).text for s in fragments)
    # the title box and <title> are the Atlas's own words, the legend is unfolded
    assert any(s.startswith("<details open>") for s in fragments)


def test_svg_figure_is_well_formed_and_keeps_the_text(atlas) -> None:
    svg = figure(atlas, VIEWS["en"], "svg", 1200, 700)
    assert b"<img" not in svg and b"<script" not in svg and b"&lt;img" in svg
    root = ET.fromstring(svg)  # well-formed XML despite the quotes, brackets and ampersands
    ns = "{http://www.w3.org/2000/svg}"
    names = {el.tag.removeprefix(ns) for el in root.iter()}
    assert not names & {"script", "foreignObject", "image", "a", "iframe"}, names
    assert not [a for el in root.iter() for a in el.attrib if a.lower().startswith("on")]
    words = " ".join(" ".join(el.itertext()) for el in root.iter(f"{ns}text")).split()
    shown = " ".join(words)
    acr = atlas.organizations.set_index("org_id").at["CSTO", "acronym_en"]
    assert " ".join(acr.split()) in shown  # the legend's label, wrapped over lines
    assert " ".join(IMG.split()) in shown
    for fmt, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF")):
        assert figure(atlas, VIEWS["fr"], fmt, 800, 450).startswith(magic)


@pytest.mark.parametrize("lang", LANGS)
def test_csv_and_geojson_hold_the_raw_text_as_data(atlas, lang: str) -> None:
    """CSV and GeoJSON are data, not markup: the text is there exactly as in the tables."""
    view = VIEWS[lang]
    tables_ = export.view_tables(atlas, view)
    for name, data in export.view_csvs(atlas, view).items():
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        frame = tables_[name]
        assert len(rows) == len(frame) > 0, name
        for c in ("summary", "name", "place", "country", "country_a", "note", "locator"):
            if c in frame.columns:
                assert [r[c] for r in rows] == [str(v) for v in frame[c].fillna("")], (name, c)
                assert any(HOSTILE in r[c] for r in rows), (name, c)
    geo = json.loads(export.colored_geojson(atlas, view))
    names = dict(zip(atlas.countries["iso3"], atlas.countries[col("name", lang)], strict=True))
    assert geo["features"]
    assert all(f["properties"]["name"] == names[f["properties"]["iso3"]]
               for f in geo["features"])


def test_citations_keep_text_and_escape_markdown(atlas) -> None:
    view = VIEWS["en"]
    text = export.citations(atlas, view, "text")
    titles = atlas.sources.set_index("source_id")["title"]
    cited = export.cited_sources(atlas, view)["source_id"]
    assert all(titles[s] in text for s in cited)  # plain text: as it is
    md = export.citations(atlas, view, "markdown")
    assert not re.search(r"(?<!\\)[<>`]", md), "markup left unescaped in the Markdown citations"
    assert r"\<img src=x onerror=" in md
    assert r"\{\{7\*7\}\}" in md


# --- the app (AppTest: the map's Python side runs, the browser part does not) ------------------

@pytest.fixture
def hostile_app(dirs, monkeypatch: pytest.MonkeyPatch, real_navigation):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(dirs[0]))
    monkeypatch.setenv("ATLAS_ARTICLES_DIR", str(dirs[1]))

    def new(**params: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.query_params.update(params)
        return ok(at.run())

    return new


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def cells(at: AppTest) -> str:
    """Every header and cell of the page's tables."""
    return "\n".join([*(str(c) for d in at.dataframe for c in d.value.columns),
                      *(str(v) for d in at.dataframe for v in d.value.to_numpy().ravel())])


PAGES = ("pages/map.py", "pages/organizations.py", "pages/relations.py", "pages/timeline.py",
         "pages/sources.py", "pages/compare.py")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_runs_and_shows_the_payloads_as_data(hostile_app, atlas, lang: str) -> None:
    at = hostile_app(lang=lang, date="2024-08-09", orgs="CSTO,SCO,OTS", show="events",
                     country="KAZ")
    assert [w.value for w in at.warning] == []  # the data is valid: no banner
    names = atlas.countries.set_index("iso3")[col("name", lang)]
    # the country card's heading: Markdown, every markup character escaped
    assert [s.value for s in at.subheader] == [md_text(names["KAZ"])]
    for page in PAGES:
        ok(at.switch_page(page).run())
        assert HOSTILE in cells(at), page
    # the compare page's captions name the organizations: Markdown, escaped
    acr = atlas.organizations.set_index("org_id")[col("acronym", lang)]
    assert any(md_text(acr["CSTO"]) in c.value for c in at.caption)
    # the side legend: raw HTML for its swatches, data escaped
    at.switch_page("pages/map.py").run()
    legend = [m.value for m in at.markdown if "atlas-side" in m.value]
    assert len(legend) == 1
    no_raw_markup(legend[0])
    assert esc(HOSTILE) in legend[0]
    # nothing Streamlit renders as Markdown or HTML carries the raw markup
    for kind in ("markdown", "caption", "title", "header", "info", "html"):
        for e in getattr(at, kind):
            if "unsafe_allow_html" in str(e.proto) or kind == "html":
                no_raw_markup(str(e.value))


def test_hostile_deck_on_hostile_data_is_presented_as_text(hostile_app, atlas) -> None:
    at = hostile_app(lang="en")
    known = (atlas.organizations["org_id"], sorted(set(atlas.relations["kind"])),
             atlas.countries["iso3"])
    deck_file = json.dumps({"title": DECK_TITLE, "slides": [
        {"title": DECK_TITLE, "caption": DECK_CAPTION,
         "view": {"date": "2024-08-09", "orgs": "CSTO,SCO,OTS", "show": "events"}}]}).encode()
    deck, problems = decks.load_deck(deck_file, *known)
    assert problems == [] and deck is not None
    at.file_uploader(key="w_deck_file").set_value(("hostile.json", deck_file,
                                                    "application/json"))
    ok(at.run())
    ok(at.button(key="present_start").click().run())
    shown = [e.value for e in at.text]
    assert DECK_TITLE in shown and DECK_CAPTION in shown
    assert any(DECK_TITLE in s for s in shown if s != DECK_TITLE)  # the foot names the deck
    assert not [h.value for h in at.html if "onerror" in str(h.value)]


def test_a_url_value_with_markup_is_quoted_in_the_notice(hostile_app) -> None:
    at = hostile_app(lang="en", orgs=f"CSTO,{IMG} **b** [link](https://example.org)")
    (info,) = [i.value for i in at.info if "orgs" in i.value]
    # a Markdown code span: the browser shows the value as it is, no link (tests/browser)
    assert md_code(f"{IMG} **b** [link](https://example.org)") in info


def test_hostile_data_frames_are_unchanged_by_the_pages(hostile_app, atlas) -> None:
    """Tables show the data's own text (no escaping, no truncation): the grid draws text."""
    at = hostile_app(lang="fr", date="2024-08-09")
    ok(at.switch_page("pages/relations.py").run())
    (table,) = [d.value for d in at.dataframe]
    summaries = set(table[t("col_summary", "fr")])
    assert summaries <= set(atlas.relations["summary_fr"]) and summaries
    assert isinstance(table, pd.DataFrame)
