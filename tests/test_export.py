"""Exports of the current view: figure (PNG, SVG, PDF), standalone HTML, CSV, GeoJSON, citations.

Each export is checked against what the view shows, as the queries answer it, and against data
that tries to inject markup.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from geo import encoding, export, queries, tables
from geo.figure import figure
from geo.shown import event_groups, link_groups
from geo.view import View

REPO = Path(__file__).resolve().parent.parent
DAY = dt.date(2024, 8, 1)
VIEW = View(lang="en", date=DAY, orgs=("CSTO", "SCO", "OTS"), show=("events",))
FULL = View(lang="en", date=DAY, orgs=("CSTO", "SCO", "OTS"),
            show=("events", "history", "overlap"), country="KAZ")
PAYLOAD = "<img src=x onerror=alert(1)></script>"
#: what may remain of an http(s) address in the standalone page: Leaflet's credit and licence
#: header, and the SVG namespace (an identifier, never fetched)
ALLOWED_URLS = {"https://leafletjs.com", "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    a = tables.load()
    assert a.problems == []
    return a


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tables.Atlas:
    """The shipped data with markup, a formula and ``$math$`` in texts the exports show."""
    d = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(REPO / "data", d)

    def edit(name: str, key: str, row_id: str, changes: dict[str, str]) -> None:
        with (d / name).open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for r in rows:
            if r[key] == row_id:
                r.update(changes)
        with (d / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)

    edit("relations.csv", "relation_id", "rel-012",
         {"summary_en": PAYLOAD, "note": '=HYPERLINK("http://x.invalid","go")'})
    edit("organizations.csv", "org_id", "CSTO", {"name_en": f"{PAYLOAD} $x^2$ & co"})
    edit("sources.csv", "source_id", "art-000", {"title": f"{PAYLOAD} *bold* [link](javascript:x)"})
    a = tables.load(d)
    assert a.problems == []
    return a


def _csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for spreadsheets"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


# --- figure -------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [(1600, 900), (1234, 567)])
def test_png_has_the_requested_size_and_is_not_blank(atlas, size) -> None:
    png = figure(atlas, VIEW, "png", *size)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    img = Image.open(io.BytesIO(png)).convert("RGB")
    assert img.size == size
    assert len(img.getcolors(maxcolors=1 << 20)) > 200
    w, h = size
    map_area = img.crop((w // 10, h // 4, w // 2, h * 3 // 4))  # inside the map frame
    assert len(map_area.getcolors(maxcolors=1 << 20)) > 50


def test_svg_is_xml_and_names_each_visible_layer(atlas) -> None:
    svg = figure(atlas, FULL, "svg")
    ET.fromstring(svg)
    ids = set(re.findall(rb'id="(layer-[^"]+)"', svg))
    assert {b"layer-base", b"layer-countries", b"layer-links", b"layer-events",
            b"layer-selection", b"layer-labels", b"layer-legend", b"layer-title",
            b"layer-sources"} <= ids
    # one group per filled country, as the model fills them (overlap: every member of one)
    filled = {iso for iso, c in encoding.countries_model(atlas, FULL).items() if c["fill"]}
    countries = {m.decode() for m in re.findall(rb'id="country-([A-Z]{3})"', svg)}
    assert countries == filled and {"KAZ", "UZB", "KGZ", "TJK"} <= countries
    assert b"<pattern" not in svg and b"hatch" not in svg
    bare = figure(atlas, View(date=DAY, orgs=(), links=(), show=()), "svg")
    assert not {b"layer-links", b"layer-events", b"layer-selection"} & set(
        re.findall(rb'id="(layer-[^"]+)"', bare))
    assert b'id="country-' not in bare


def test_pdf_and_unknown_format(atlas) -> None:
    pdf = figure(atlas, VIEW, "pdf")
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    with pytest.raises(ValueError, match="format"):
        figure(atlas, VIEW, "gif")
    with pytest.raises(ValueError, match="size"):
        figure(atlas, VIEW, "png", 50_000, 900)


def test_figure_speaks_the_view_language(atlas) -> None:
    fr = figure(atlas, View(lang="fr", date=DAY, orgs=("CSTO",), start=dt.date(2024, 1, 1)),
                "svg").decode()
    assert "Atlas de la sécurité en Asie centrale — 1er août 2024" in fr
    assert "Légende" in fr and "OTSC" in fr and "du 1er janvier 2024 au 1er août 2024" in fr
    assert "Central Asia Security Atlas" not in fr
    en = figure(atlas, VIEW, "svg").decode()
    assert "Central Asia Security Atlas — 1 August 2024" in en and "Legend" in en


def test_figure_escapes_data_text(hostile) -> None:
    svg = figure(hostile, VIEW, "svg")
    ET.fromstring(svg)
    text = svg.decode()
    assert "<img" not in text
    assert "&lt;img src=x" in text and "onerror=alert(1)&gt;&lt;/script&gt;" in text  # wrapped
    assert "$x^2$" in text, "data text is not read as mathtext"


# --- standalone HTML ----------------------------------------------------------------------------

def test_html_is_self_contained(atlas) -> None:
    page = export.standalone_html(atlas, VIEW)
    assert set(re.findall(r"https?://[^\s\"'<>)\\]+", page)) <= ALLOWED_URLS
    assert not re.search(r"<(script|img|iframe)\b[^>]*\bsrc=|<link\b", page, re.I)
    assert not re.search(r"url\((?!data:|#)", page)  # CSS: inlined images, SVG patterns
    assert "sourceMappingURL" not in page
    assert "window.L" in page and ".leaflet-container" in page  # Leaflet inlined
    assert page.count("<script") == page.count("</script>")


def test_html_has_the_layers_legend_and_title(atlas) -> None:
    page = export.standalone_html(atlas, View(lang="fr", date=DAY, orgs=("CSTO", "SCO"),
                                              show=("events",)))
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert "atlas-legend" in page
    assert "atlas-patterns" not in page and "<pattern" not in page  # solid fills only
    assert "L\\u00e9gende" in page  # inside the legend's JSON string
    assert "<title>Atlas de la sécurité en Asie centrale — 1er août 2024</title>" in page
    assert page.count('"iso3": "KAZ"') >= 3  # base map, countries and labels layers
    assert '"name": "Kirghizistan"' in page  # the names, in the view's language
    view = View(lang="fr", date=DAY, orgs=("CSTO", "SCO"), show=("events",))
    links = link_groups(export.view_links(atlas, view))  # one line per pair and kind
    events = event_groups(export.view_events(atlas, view))  # one marker per place and kind
    assert page.count('"pts": [') == len(links) > 0
    assert page.count('"arrow": [') == int(links["directed"].sum())
    assert page.count('{"icon": ') == len(events) > 0
    assert "atlas-glyph" in page and "AtlasMap.markers(" in page


def test_html_escapes_data_text(hostile) -> None:
    page = export.standalone_html(hostile, VIEW)
    assert "<img src=x" not in page
    assert page.count("<script") == page.count("</script>")
    assert "onerror=alert(1)" in page  # kept as text


# --- data ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("view", [
    VIEW, FULL,
    View(date=DAY, orgs=("CSTO",), links=("arms_transfer", "armed_conflict"), show=()),
    View(lang="fr", date=DAY, start=dt.date(2022, 1, 1), orgs=("SCO", "CIS")),
    View(date=dt.date(1995, 7, 1), orgs=("CST", "CIS"), links=(), show=("history",)),
])
def test_csvs_match_the_view(atlas, view: View) -> None:
    files = export.view_csvs(atlas, view)
    assert set(files) == {"links", "events", "memberships"}
    start = view.start or view.date
    links = _csv(files["links"])
    want = ([] if view.links == () else
            list(queries.relations_between(atlas, start, view.date, kinds=view.links)
                 ["relation_id"]))
    assert [r["relation_id"] for r in links] == want
    events = _csv(files["events"])
    ev = queries.events_between(atlas, start, view.date).dropna(subset=["lat", "lon"])
    want = list(ev["event_id"]) if "events" in view.show else []
    assert [r["event_id"] for r in events] == want
    rows = {(r["org_id"], r["iso3"], r["status"]) for r in _csv(files["memberships"])}
    want = set(queries.status_on(atlas, view.date, view.orgs)[["org_id", "iso3", "status"]]
               .itertuples(index=False, name=None))
    if "history" in view.show:
        past = queries.former_members(atlas, view.date, view.orgs)
        want |= {(o, i, "former") for o, i in zip(past["org_id"], past["iso3"], strict=True)}
    assert rows == want
    label = "Arms transfer" if view.lang == "en" else "Transfert d'armes"
    assert all(r["kind_label"] == label for r in links if r["kind"] == "arms_transfer")


def test_csv_defuses_formulas(hostile) -> None:
    links = _csv(export.view_csvs(hostile, VIEW)["links"])
    row = next(r for r in links if r["relation_id"] == "rel-012")
    assert row["note"].startswith("'=HYPERLINK") and row["summary"] == PAYLOAD


def test_geojson_has_the_coloured_countries(atlas) -> None:
    gj = json.loads(export.colored_geojson(atlas, FULL))
    feats = {f["properties"]["iso3"]: f for f in gj["features"]}
    shown = export.view_memberships(atlas, FULL)
    assert set(feats) == set(shown["iso3"]) and len(feats) == len(gj["features"])
    assert feats["ARM"]["properties"]["CSTO"] == "suspended"
    assert feats["KAZ"]["properties"]["overlap"] == 3
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in gj["features"])
    assert gj["view"]["date"] == DAY.isoformat()
    none = json.loads(export.colored_geojson(atlas, View(date=DAY, orgs=())))
    assert none["features"] == []


# --- citations ----------------------------------------------------------------------------------

def test_citations_list_each_source_of_the_view_once(atlas) -> None:
    text = export.citations(atlas, FULL)
    o = atlas.organizations
    used = set(export.view_memberships(atlas, FULL)["source_id"]) \
        | set(export.view_links(atlas, FULL)["source_id"]) \
        | set(export.view_events(atlas, FULL)["source_id"]) \
        | set(o[o["org_id"].isin(FULL.orgs)]["source_id"]) | {export.BORDERS_SOURCE}
    cited = re.findall(r"\[([\w-]+)\]$", text, re.M)
    assert sorted(cited) == sorted(used)
    kinds = atlas.sources.set_index("source_id")["kind"]
    order = [kinds[s] for s in cited]
    assert order == sorted(order), "articles first"
    assert "000_3537192fba0e7fc8.txt" in text and "94 pour cent" in text  # file and locator
    assert text.startswith("Sources for this view")


def test_citations_in_french_and_markdown(hostile) -> None:
    md = export.citations(hostile, View(lang="fr", date=DAY), fmt="markdown")
    assert md.startswith("# Sources de cette vue")
    assert not re.search(r"(?<!\\)<", md), "every < of the data is escaped"
    assert r"\<img" in md and r"\*bold\*" in md and r"\[link\]" in md
    assert "000\\_3537192fba0e7fc8.txt" in md


def test_filename(atlas) -> None:
    assert export.filename(VIEW, "links", "csv") == "atlas_2024-08-01_en_links.csv"
