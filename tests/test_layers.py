"""The folium layers of the map: the objects built for a view, and the HTML they render to.

Like GeoPandas' ``explore`` tests, each check looks at the folium objects (features, lines,
markers) and, where it matters for the reader or for safety, at the rendered page.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import re
import shutil
from itertools import combinations
from pathlib import Path

import folium
import pytest

from geo import assets, encoding, layers, lineage, queries, tables
from geo.i18n import t
from geo.mapjs import Links, Markers
from geo.markup import esc
from geo.shapes import ShapeLayer, display_shapes
from geo.shown import link_groups
from geo.view import View

REPO = Path(__file__).resolve().parent.parent
ALL_DAYS = [dt.date(1995, 1, 1), dt.date(2004, 1, 1), dt.date(2012, 9, 1), dt.date(2015, 1, 1),
            dt.date(2024, 6, 1)]


@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    a = tables.load()
    assert a.problems == [], "the shipped data should be valid"
    return a


@pytest.fixture
def local_assets(monkeypatch: pytest.MonkeyPatch):
    """``use_local_assets`` for one test; folium's class-level defaults are restored after."""
    monkeypatch.setattr(folium.Map, "default_js", list(folium.Map.default_js))
    monkeypatch.setattr(folium.Map, "default_css", list(folium.Map.default_css))
    return assets.use_local_assets


# --- helpers -----------------------------------------------------------------------------------

def walk(element):
    yield element
    for child in element._children.values():
        yield from walk(child)


def shape_layer(group: folium.FeatureGroup) -> ShapeLayer:
    found = [e for e in walk(group) if isinstance(e, ShapeLayer)]
    assert len(found) == 1, group.layer_name
    return found[0]


def features(group: folium.FeatureGroup) -> list[dict]:
    """The countries of a group, as GeoJSON features would carry them (properties only: the
    outlines are shared, see geo.shapes)."""
    return [{"properties": p} for p in shape_layer(group).features]


def iso3s(group: folium.FeatureGroup) -> list[str]:
    return [f["properties"]["iso3"] for f in features(group)]


def by_name(groups: list[folium.FeatureGroup]) -> dict[str, folium.FeatureGroup]:
    return {g.layer_name: g for g in groups}


def data_of(group: folium.FeatureGroup, kind: type):
    found = [e for e in walk(group) if isinstance(e, kind)]
    assert len(found) == 1, group.layer_name
    return found[0].data


def lines(group: folium.FeatureGroup) -> list[dict]:
    """The link specs a links group hands to the client (one per drawn line)."""
    return data_of(group, Links)


def render(atlas: tables.Atlas, view: View) -> str:
    m = layers.base_map(atlas, view.lang)
    for group in layers.map_layers(atlas, view):
        group.add_to(m)
    return m.get_root().render()


def anchor(atlas: tables.Atlas, iso3: str) -> tuple[float, float]:
    row = atlas.countries.set_index("iso3").loc[iso3]
    return float(row["lat"]), float(row["lon"])


# --- the layers of a view ------------------------------------------------------------------------

def test_map_layers_are_feature_groups_in_drawing_order(atlas) -> None:
    view = View(date=dt.date(2024, 6, 1), orgs=("CSTO", "SCO", "OTS"),
                show=("events", "overlap"), country="KAZ")
    groups = layers.map_layers(atlas, view)
    assert all(isinstance(g, folium.FeatureGroup) for g in groups)
    names = [g.layer_name for g in groups]
    # countries under the links; the selection (its own pane), markers and names above them
    assert names == ["countries", "links", "selection", "events", "labels", "legend", "fit"]


def test_no_links_layer_when_every_link_kind_is_off(atlas) -> None:
    groups = by_name(layers.map_layers(atlas, View(date=dt.date(2024, 6, 1), links=())))
    assert "links" not in groups
    assert "events" in groups  # shown by default


def test_no_events_layer_unless_asked(atlas) -> None:
    groups = by_name(layers.map_layers(atlas, View(date=dt.date(2024, 6, 1), show=())))
    assert "events" not in groups


def _countries(atlas, view) -> dict[str, dict]:
    return {f["iso3"]: f for f in shape_layer(layers.countries_layer(atlas, view)).features}


@pytest.mark.parametrize("day", ALL_DAYS, ids=str)
def test_fill_is_the_focus_organizations_status(atlas, day: dt.date) -> None:
    """One solid fill per status of the first chosen organization; every other country has
    none; no fill is a pattern."""
    org_ids = list(atlas.organizations["org_id"])
    for focus in org_ids:
        view = View(date=day, orgs=(focus, *[o for o in org_ids if o != focus]), show=())
        feats = _countries(atlas, view)
        alive = set(queries.organizations_on(atlas, day)["org_id"])
        # a dissolved first choice gives way to the next that exists on the date; one not yet
        # founded, to the predecessor that stands in for it (geo.lineage)
        fill_by = next(o for o in lineage.on_map(atlas, view).orgs if o in alive)
        assert encoding.focus_org(atlas, lineage.on_map(atlas, view)) == fill_by
        status = dict(zip(*(queries.status_on(atlas, day, [fill_by])[c]
                            for c in ("iso3", "status")), strict=True))
        for iso, f in feats.items():
            fill = f["style"]["fillColor"]
            assert not fill.startswith("url("), iso
            if iso in status:
                assert (fill, f["style"]["fillOpacity"]) == (
                    encoding.STATUS_FILLS[status[iso]], 1), (focus, iso)
            else:
                assert f["style"]["fillOpacity"] == 0, (focus, iso)


def test_every_country_has_one_tooltip_listing_every_chosen_organization(atlas) -> None:
    day = dt.date(2024, 6, 1)
    view = View(date=day, orgs=("CSTO", "SCO", "OTS"), show=())
    feats = _countries(atlas, view)
    assert set(feats) == set(display_shapes(atlas))  # every country, once
    kaz, uzb, fra = (feats[i]["tip"] for i in ("KAZ", "UZB", "FRA"))
    assert kaz == "<b>Kazakhstan</b><br>CSTO: member<br>SCO: member<br>OTS: member"
    assert uzb == "<b>Uzbekistan</b><br>CSTO: not a member<br>SCO: member<br>OTS: member"
    assert fra.count("not a member") == 3
    # the base map's countries catch no pointer: this layer's tooltip is the only one
    base = [e for e in walk(layers.base_map(atlas, "en")) if isinstance(e, ShapeLayer)]
    assert len(base) == 1 and base[0].interactive is False


def test_tooltips_in_french(atlas) -> None:
    view = View(lang="fr", date=dt.date(2015, 1, 1), orgs=("CSTO", "SCO"), show=("history",))
    uzb = _countries(atlas, view)["UZB"]["tip"]
    assert uzb == ("<b>Ouzbékistan</b><br>OTSC: " + t("status_former", "fr")
                   + "<br>OCS: " + t("status_member", "fr"))


@pytest.mark.parametrize(("org", "day"), [
    ("EAEU", dt.date(2000, 1, 1)),  # founded 2015
    ("OTS", dt.date(2005, 1, 1)),  # founded 2021 (its predecessor in 2009)
    ("SCO", dt.date(1995, 1, 1)),  # founded 2001 (its predecessor in 1996); the CSTO's
    # predecessor, the CST, stands in for it in 1995 (tests/test_lineage.py)
    ("CST", dt.date(2010, 1, 1)),  # dissolved 2002
    ("CACO", dt.date(2012, 1, 1)),  # merged into EurAsEC 2005
])
def test_organization_not_alive_on_the_date_fills_nothing(atlas, org: str,
                                                          day: dt.date) -> None:
    for show in (("history",), ("overlap",)):
        feats = _countries(atlas, View(date=day, orgs=(org,), show=show))
        assert all(f["style"]["fillOpacity"] == 0 for f in feats.values())


@pytest.mark.parametrize(("org", "day"), [
    ("EAEU", dt.date(2000, 1, 1)),
    ("SCO", dt.date(1995, 1, 1)),  # a default organization before it or its predecessor existed
])
def test_map_with_an_empty_layer_still_renders(atlas, org: str, day: dt.date) -> None:
    """streamlit-folium renders every layer: an empty one must not raise."""
    view = View(date=day, orgs=("CSTO", org), show=("history", "overlap"))
    html = render(atlas, view)
    assert t("org_not_active", "en") in html  # the legend says why it shows nothing


def test_history_fills_former_members(atlas) -> None:
    day = dt.date(2015, 1, 1)
    plain = _countries(atlas, View(date=day, orgs=("CSTO",), show=()))
    history = _countries(atlas, View(date=day, orgs=("CSTO",), show=("history",)))
    assert plain["UZB"]["style"]["fillOpacity"] == 0
    assert history["UZB"]["style"]["fillColor"] == encoding.STATUS_FILLS["former"]
    assert history["KAZ"]["style"] == plain["KAZ"]["style"]  # members keep their look


def test_overlap_fill_counts_full_memberships(atlas) -> None:
    day = dt.date(2024, 6, 1)
    view = View(date=day, orgs=("CSTO", "SCO", "OTS"), show=("overlap",))
    feats = _countries(atlas, view)
    counts = dict(zip(*(queries.overlap_on(atlas, day, list(view.orgs))[c]
                        for c in ("iso3", "count")), strict=True))
    for iso, f in feats.items():
        n = counts.get(iso, 0)
        if n:
            assert f["style"]["fillColor"] == encoding.OVERLAP_FILLS[n - 1], iso
        else:
            assert f["style"]["fillOpacity"] == 0, iso
    assert counts["KAZ"] == 3


def test_badges_for_several_organizations_none_for_one(atlas) -> None:
    day = dt.date(2024, 6, 1)
    items = {i["iso3"]: i for i in layers.label_items(atlas, View(
        date=day, orgs=("CSTO", "SCO", "OTS"), show=()))}
    assert [c["text"] for c in items["KAZ"]["chips"]] == ["CSTO", "SCO", "OTS"]
    assert [c["text"] for c in items["AZE"]["chips"]] == ["SCO part.", "OTS"]
    arm = items["ARM"]["chips"][0]
    assert arm["text"] == "CSTO susp." and arm["status"] == "suspended"
    one = layers.label_items(atlas, View(date=day, orgs=("CSTO",), show=()))
    assert all(i["chips"] == [] for i in one)  # one organization: the fill says it all
    fr = {i["iso3"]: i for i in layers.label_items(atlas, View(
        lang="fr", date=day, orgs=("CSTO", "SCO"), show=()))}
    assert fr["KAZ"]["name"] == "Kazakhstan" and fr["TJK"]["name"] == "Tadjikistan"
    assert [c["text"] for c in fr["KAZ"]["chips"]] == ["OTSC", "OCS"]


def test_labels_put_the_region_first_and_always(atlas) -> None:
    items = layers.label_items(atlas, View(date=dt.date(2024, 6, 1)))
    head = [i["iso3"] for i in items[:len(encoding.REGION)]]
    assert head == list(encoding.REGION)
    assert all(i["always"] for i in items[:len(encoding.REGION)])
    assert not any(i["always"] for i in items[len(encoding.REGION):])
    # every label point lies inside its country
    from shapely.geometry import Point, shape
    shapes = display_shapes(atlas)
    for i in items:
        assert shape(shapes[i["iso3"]]).contains(Point(i["lon"], i["lat"])), i["iso3"]


def test_selection_layer_outlines_the_chosen_country_in_its_own_pane(atlas) -> None:
    groups = by_name(layers.map_layers(atlas, View(date=dt.date(2024, 6, 1), country="UZB")))
    layer = shape_layer(groups["selection"])
    assert [f["iso3"] for f in layer.features] == ["UZB"]
    assert layer.pane == "atlasSelection" and layer.interactive is False
    assert "selection" not in by_name(layers.map_layers(atlas, View(date=dt.date(2024, 6, 1))))


def test_same_view_gives_the_same_element_ids(atlas) -> None:
    """streamlit-folium re-adds layers whose script changed: ids must not be random."""
    view = View(date=dt.date(2022, 10, 1), orgs=("CSTO", "SCO"), show=("events", "history"))
    ids = [[e.get_name() for g in layers.map_layers(atlas, view) for e in walk(g)]
           for _ in range(2)]
    assert ids[0] == ids[1]
    assert len(set(ids[0])) == len(ids[0])


# --- links ------------------------------------------------------------------------------------

def test_directed_links_get_an_arrow_half_way(atlas) -> None:
    """Arrows sit mid-line, never on a place's marker at either end."""
    view = View(date=dt.date(2025, 7, 1), orgs=(), show=())  # RUS–UZB: two agreements, one line
    specs = lines(by_name(layers.map_layers(atlas, view))["links"])
    rel = queries.relations_between(atlas, view.date, view.date)
    drawn = link_groups(rel)
    assert len(specs) == len(drawn) < len(rel)  # one line per pair and kind
    directed = [s for s in specs if s["arrow"]]
    assert 0 < len(directed) == int(drawn["directed"].sum()) < len(specs)
    for s in directed:
        mid = s["pts"][len(s["pts"]) // 2]
        assert [round(x, 2) for x in s["arrow"][:2]] == [round(x, 2) for x in mid]
        assert s["pts"][-1] == [round(x, 3) for x in anchor(atlas, s["b"])]


def test_undirected_links_get_no_arrow(atlas) -> None:
    view = View(date=dt.date(2022, 9, 15), orgs=(), links=("border_conflict",), show=())
    specs = lines(by_name(layers.map_layers(atlas, view))["links"])
    assert len(specs) == 1  # Kyrgyzstan – Tajikistan
    assert specs[0]["arrow"] is None and {specs[0]["a"], specs[0]["b"]} == {"KGZ", "TJK"}


def test_link_kinds_filter_the_lines(atlas) -> None:
    view = View(date=dt.date(2022, 10, 1), orgs=(), links=("arms_transfer",), show=())
    specs = lines(by_name(layers.map_layers(atlas, view))["links"])
    rel = link_groups(queries.relations_between(atlas, view.date, kinds=["arms_transfer"]))
    assert len(specs) == len(rel) > 0
    assert sum(1 for s in specs if s["arrow"]) == int(rel["directed"].sum())


def test_ended_links_look_ended_over_a_range(atlas) -> None:
    view = View(date=dt.date(2025, 6, 1), start=dt.date(2020, 1, 1), orgs=(), show=())
    specs = lines(by_name(layers.map_layers(atlas, view))["links"])
    ended = [s for s in specs if t("ended_link", "en") in s["tip"]]
    going = [s for s in specs if t("ended_link", "en") not in s["tip"]]
    assert ended and going
    assert {s["opacity"] for s in ended} < {s["opacity"] for s in going} or \
        max(s["opacity"] for s in ended) < min(s["opacity"] for s in going)


@pytest.mark.parametrize(("pair", "view"), [
    (("KGZ", "TJK"), View(date=dt.date(2025, 6, 1), start=dt.date(2022, 1, 1), orgs=(),
                          show=())),
    (("KAZ", "RUS"), View(date=dt.date(2024, 7, 1), orgs=(), show=())),
], ids=["KGZ-TJK-range", "KAZ-RUS"])
def test_links_between_the_same_pair_take_different_curves(atlas, pair, view) -> None:
    rel = link_groups(queries.relations_between(atlas, view.start or view.date, view.date))
    between = rel[rel["iso3_a"].isin(pair) & rel["iso3_b"].isin(pair)]
    assert len(between) >= 2  # of different kinds, or directions
    specs = lines(by_name(layers.map_layers(atlas, view))["links"])
    mine = [s["pts"] for s in specs if {s["a"], s["b"]} == set(pair)]
    assert len(mine) == len(between)
    for a, b in combinations(mine, 2):
        assert a != b and a != b[::-1]
        assert a[len(a) // 2] != b[len(b) // 2]  # and not only at the ends


def test_link_popup_cites_the_source(atlas) -> None:
    view = View(date=dt.date(2024, 6, 1), orgs=(), links=("military_presence",), show=())
    specs = lines(by_name(layers.map_layers(atlas, view))["links"])
    rus_tjk = [s["popup"] for s in specs if (s["a"], s["b"]) == ("RUS", "TJK")]
    assert len(rus_tjk) == 1 and "Russia → Tajikistan" in rus_tjk[0]
    row = atlas.relations.set_index("relation_id").loc["rel-019"]
    assert esc(row["summary_en"]) in rus_tjk[0]
    assert esc(row["locator"]) in rus_tjk[0]
    assert "[art-" in rus_tjk[0] or "[ref-" in rus_tjk[0]


# --- rendered page: no internet ------------------------------------------------------------------

def test_base_map_needs_no_remote_url(atlas, local_assets) -> None:
    local_assets("")
    html = layers.base_map(atlas, "en").get_root().render()
    assert re.findall(r"https?://[^\s\"'<>)]*", html) == []
    assert re.findall(r"""(?:src|href)\s*=\s*["']//""", html) == []
    srcs = re.findall(r"""<script[^>]*\ssrc=["']([^"']+)""", html)
    hrefs = re.findall(r"""<link[^>]*\shref=["']([^"']+)""", html)
    assert "/app/static/leaflet/leaflet.js" in srcs
    assert "/app/static/leaflet/leaflet.css" in hrefs
    assert all(u.startswith("/app/static/") for u in srcs + hrefs), srcs + hrefs
    assert 'tileLayer' not in html  # no tiles at all


def test_whole_map_needs_no_remote_url(atlas, local_assets) -> None:
    local_assets("")
    view = View(date=dt.date(2022, 10, 1), orgs=("CSTO", "SCO", "OTS"),
                show=("events", "history", "overlap"), country="KAZ")
    html = render(atlas, view)
    assert re.findall(r"https?://[^\s\"'<>)]*", html) == []


def test_local_assets_follow_the_base_url_path(atlas, local_assets) -> None:
    local_assets("/atlas/")
    html = layers.base_map(atlas, "en").get_root().render()
    assert '<script src="/atlas/app/static/leaflet/leaflet.js"' in html
    assert re.findall(r"https?://", html) == []


# --- rendered page: data is text -----------------------------------------------------------------

PAYLOAD = "Evil <img src=x onerror=alert(1)> </script><b>bold</b> `tick` ${x} & \"q\" 'a'"


def _rewrite(path: Path, key: str, row_id: str, **changes: str) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    hit = [r for r in rows if r[key] == row_id]
    assert len(hit) == 1, row_id
    hit[0].update(changes)
    out = io.StringIO()
    w = csv.DictWriter(out, fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tables.Atlas:
    """The shipped data with HTML, script and template syntax in texts the map shows."""
    d = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(REPO / "data", d)
    _rewrite(d / "relations.csv", "relation_id", "rel-019",  # Russia → Tajikistan, since 2004
             summary_en=PAYLOAD, summary_fr=PAYLOAD, note=PAYLOAD)
    _rewrite(d / "events.csv", "event_id", "evt-018",  # Russia's base in Dushanbe, since 2004
             name=PAYLOAD, name_fr=PAYLOAD, summary_en=PAYLOAD, summary_fr=PAYLOAD)
    _rewrite(d / "organizations.csv", "org_id", "CSTO", name_en=PAYLOAD, name_fr=PAYLOAD)
    atlas = tables.load(d)
    assert atlas.problems == []
    rel = atlas.relations.set_index("relation_id")
    assert rel.at["rel-019", "summary_en"] == PAYLOAD
    return atlas


def _json_strings(html: str) -> list[tuple[int, int, str]]:
    """Spans and values of the double-quoted JSON strings in the page's scripts."""
    out = []
    for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"', html):
        with contextlib.suppress(json.JSONDecodeError):
            out.append((m.start(), m.end(), json.loads(m.group())))
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_data_text_is_escaped_in_the_rendered_map(hostile, lang: str) -> None:
    view = View(lang=lang, date=dt.date(2012, 9, 1), orgs=("CSTO",),
                links=("military_presence",), show=("events",))
    html = render(hostile, view)
    # nothing from the data becomes markup
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html
    assert "<b>bold</b>" not in html
    assert html.count("</script>") == len(re.findall(r"<script\b", html))
    # the texts are there, escaped once, inside JSON strings handed to Leaflet
    strings = _json_strings(html)
    popups = [s for _, _, s in strings if esc(PAYLOAD) in s]
    assert popups, "the payload should be shown (escaped) in popups"
    assert any(esc(PAYLOAD) in s and "atlas-detail" in s for s in popups)
    assert not any("&amp;lt;" in s for _, _, s in strings)  # not escaped twice
    # the backtick and ${x} only ever occur inside those JSON strings, never in template code
    for marker in ("`tick`", "${x}"):
        assert marker in html
        for m in re.finditer(re.escape(marker), html):
            assert any(a < m.start() < b for a, b, _ in strings), (
                marker, html[max(0, m.start() - 120):m.start() + 40])


def test_hostile_relation_popup_and_tooltip(hostile) -> None:
    view = View(date=dt.date(2012, 9, 1), orgs=(), links=("military_presence",), show=())
    specs = lines(by_name(layers.map_layers(hostile, view))["links"])
    rus_tjk = next(s for s in specs if (s["a"], s["b"]) == ("RUS", "TJK"))
    # summary and note rows, both escaped
    assert rus_tjk["popup"].count(f"<td>{esc(PAYLOAD)}</td>") == 2
    assert "Russia → Tajikistan" in rus_tjk["tip"]
    assert "<img src=x" not in render(hostile, view)


def test_hostile_event_marker(hostile) -> None:
    view = View(date=dt.date(2012, 9, 1), orgs=(), links=(), show=("events",))
    specs = data_of(by_name(layers.map_layers(hostile, view))["events"], Markers)
    assert any(esc(PAYLOAD) in s["tip"] and "<img" not in s["tip"] for s in specs)
    assert "<img src=x" not in render(hostile, view)


def test_hostile_organization_name_in_legend_and_popups(hostile) -> None:
    view = View(date=dt.date(2012, 9, 1), orgs=("CSTO",), links=(), show=())
    popups = [f["popup"] for f in _countries(hostile, view).values() if f["popup"]]
    assert popups
    for p in popups:
        assert "<img" not in p
        assert esc(PAYLOAD) in p
    html = render(hostile, view)
    assert "<img src=x" not in html
    assert any(esc(PAYLOAD) in s and "atlas-legend" in s for _, _, s in _json_strings(html))


def test_side_legend_escapes_data(tmp_path) -> None:
    """The page shows this block as raw HTML (for the swatches): data text must be escaped."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    orgs = data / "organizations.csv"
    orgs.write_text(orgs.read_text(encoding="utf-8").replace(
        "Collective Security Treaty Organization", "<img src=x onerror=alert(1)>CSTO"),
        encoding="utf-8")
    atlas = tables.load(data)
    html = layers.side_legend(atlas, View(date=dt.date(2024, 6, 1), orgs=("CSTO", "SCO")))
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert "<pattern" not in html and "url(#" not in html
