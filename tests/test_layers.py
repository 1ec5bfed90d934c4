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

from geo import assets, layers, queries, tables
from geo.i18n import t
from geo.markup import esc
from geo.shapes import ShapeLayer, display_shapes
from geo.shown import link_groups
from geo.style import STATUS_STYLES
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


def lines(group: folium.FeatureGroup) -> list[folium.PolyLine]:
    return [e for e in group._children.values() if isinstance(e, folium.PolyLine)]


def arrows(group: folium.FeatureGroup) -> list[folium.Marker]:
    return [e for e in group._children.values() if isinstance(e, folium.Marker)
            and "atlas-arrow" in e.icon.options["html"]]


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
    # the selection outline goes first: status outlines and tooltips must stay on top of it
    assert names == ["selection", "overlap", "org:CSTO", "org:SCO", "org:OTS", "links",
                     "events", "legend"]


def test_no_links_layer_when_every_link_kind_is_off(atlas) -> None:
    groups = by_name(layers.map_layers(atlas, View(date=dt.date(2024, 6, 1), links=())))
    assert "links" not in groups
    assert "events" in groups  # shown by default


def test_no_events_layer_unless_asked(atlas) -> None:
    groups = by_name(layers.map_layers(atlas, View(date=dt.date(2024, 6, 1), show=())))
    assert "events" not in groups


@pytest.mark.parametrize("day", ALL_DAYS, ids=str)
def test_org_layer_has_exactly_the_countries_status_on_gives(atlas, day: dt.date) -> None:
    """Each organization layer carries only the countries it colours, once each."""
    org_ids = list(atlas.organizations["org_id"])
    view = View(date=day, orgs=tuple(org_ids), show=())
    groups = by_name(layers.map_layers(atlas, view))
    for org in org_ids:
        expected = queries.status_on(atlas, day, [org])
        got = iso3s(groups[f"org:{org}"])
        assert len(got) == len(set(got)), org
        assert sorted(got) == sorted(expected["iso3"]), org


def test_org_features_say_their_status_and_use_display_shapes(atlas) -> None:
    day = dt.date(2012, 9, 1)
    group = layers.org_layer(atlas, View(date=day, orgs=("CSTO",)), "CSTO")
    status = dict(zip(*(queries.status_on(atlas, day, ["CSTO"])[c] for c in ("iso3", "status")),
                      strict=True))
    shapes = display_shapes(atlas)
    names = atlas.countries.set_index("iso3")["name_en"]
    for f in features(group):
        iso = f["properties"]["iso3"]
        assert iso in shapes
        assert f["properties"]["tip"] == esc(f"{names[iso]} · CSTO: "
                                             f"{t('status_' + status[iso], 'en')}")
        for key, value in STATUS_STYLES[status[iso]].items():
            assert f["properties"]["style"][key] == value
    assert status["UZB"] == "suspended"


@pytest.mark.parametrize(("org", "day"), [
    ("EAEU", dt.date(2000, 1, 1)),  # founded 2015
    ("OTS", dt.date(2005, 1, 1)),  # founded 2021 (its predecessor in 2009)
    ("CSTO", dt.date(1995, 1, 1)),  # the CST then
    ("CST", dt.date(2010, 1, 1)),  # dissolved 2002
    ("CACO", dt.date(2012, 1, 1)),  # merged into EurAsEC 2005
])
def test_organization_not_alive_on_the_date_has_no_features(atlas, org: str,
                                                              day: dt.date) -> None:
    view = View(date=day, orgs=(org,), show=("history", "overlap"))
    groups = by_name(layers.map_layers(atlas, view))
    assert features(groups[f"org:{org}"]) == []
    assert features(groups["overlap"]) == []


@pytest.mark.parametrize(("org", "day"), [
    ("EAEU", dt.date(2000, 1, 1)),
    ("OTS", dt.date(2012, 9, 1)),  # one of the default organizations, before it existed
])
def test_map_with_an_empty_layer_still_renders(atlas, org: str, day: dt.date) -> None:
    """streamlit-folium renders every layer: an empty one must not raise."""
    view = View(date=day, orgs=("CSTO", org), show=("history", "overlap"))
    html = render(atlas, view)
    assert t("org_not_active", "en") in html  # the legend says why it shows nothing


def test_history_adds_former_members(atlas) -> None:
    day = dt.date(2015, 1, 1)
    plain = layers.org_layer(atlas, View(date=day, orgs=("CSTO",), show=()), "CSTO")
    history = layers.org_layer(atlas, View(date=day, orgs=("CSTO",), show=("history",)), "CSTO")
    assert "UZB" not in iso3s(plain)
    assert "UZB" in iso3s(history)
    former = set(queries.former_members(atlas, day, ["CSTO"])["iso3"])
    assert sorted(iso3s(history)) == sorted(set(iso3s(plain)) | former)
    uzb = next(f for f in features(history) if f["properties"]["iso3"] == "UZB")
    assert t("status_former", "en") in uzb["properties"]["tip"]
    assert uzb["properties"]["style"]["dashArray"] == STATUS_STYLES["former"]["dashArray"]
    # members keep their own look
    kaz = next(f for f in features(history) if f["properties"]["iso3"] == "KAZ")
    assert kaz["properties"]["style"]["dashArray"] == STATUS_STYLES["member"]["dashArray"]


def test_history_in_french(atlas) -> None:
    group = layers.org_layer(atlas, View(lang="fr", date=dt.date(2015, 1, 1), orgs=("CSTO",),
                                         show=("history",)), "CSTO")
    uzb = next(f for f in features(group) if f["properties"]["iso3"] == "UZB")
    assert "Ouzbékistan" in uzb["properties"]["tip"]
    assert t("status_former", "fr") in uzb["properties"]["tip"]
    assert "OTSC" in uzb["properties"]["tip"]


def test_overlap_layer_counts_full_memberships(atlas) -> None:
    day = dt.date(2024, 6, 1)
    view = View(date=day, orgs=("CSTO", "SCO", "OTS"), show=("overlap",))
    group = by_name(layers.map_layers(atlas, view))["overlap"]
    counts = queries.overlap_on(atlas, day, list(view.orgs))
    assert sorted(iso3s(group)) == sorted(counts["iso3"])
    kaz = next(f for f in features(group) if f["properties"]["iso3"] == "KAZ")
    assert kaz["properties"]["tip"] == esc(t("overlap_tip", "en", name="Kazakhstan", n=3))


def test_selection_layer_outlines_the_chosen_country_only(atlas) -> None:
    groups = by_name(layers.map_layers(atlas, View(date=dt.date(2024, 6, 1), country="UZB")))
    assert iso3s(groups["selection"]) == ["UZB"]
    assert "selection" not in by_name(layers.map_layers(atlas, View(date=dt.date(2024, 6, 1))))


def test_same_view_gives_the_same_element_ids(atlas) -> None:
    """streamlit-folium re-adds layers whose script changed: ids must not be random."""
    view = View(date=dt.date(2022, 10, 1), orgs=("CSTO", "SCO"), show=("events", "history"))
    ids = [[e.get_name() for g in layers.map_layers(atlas, view) for e in walk(g)]
           for _ in range(2)]
    assert ids[0] == ids[1]
    assert len(set(ids[0])) == len(ids[0])


# --- links ------------------------------------------------------------------------------------

def test_directed_links_get_an_arrow_at_their_destination(atlas) -> None:
    view = View(date=dt.date(2025, 7, 1), orgs=(), show=())  # RUS–UZB: two agreements, one line
    group = by_name(layers.map_layers(atlas, view))["links"]
    rel = queries.relations_between(atlas, view.date, view.date)
    drawn = link_groups(rel)
    assert len(lines(group)) == len(drawn) < len(rel)  # one line per pair and kind
    directed = drawn[drawn["directed"]]
    assert 0 < len(directed) < len(drawn)
    heads = arrows(group)
    assert len(heads) == len(directed)
    # each arrow sits on the end of its line, i.e. at the destination's anchor
    ends = {tuple(round(x, 6) for x in line.locations[-1]) for line in lines(group)}
    for marker in heads:
        assert tuple(round(x, 6) for x in marker.location) in ends
    destinations = {tuple(round(x, 6) for x in anchor(atlas, b)) for b in directed["iso3_b"]}
    assert {tuple(round(x, 6) for x in m.location) for m in heads} == destinations
    html = render(atlas, view)
    assert html.count('class=\\"atlas-arrow\\"') == len(directed)


def test_undirected_links_get_no_arrow(atlas) -> None:
    view = View(date=dt.date(2022, 9, 15), orgs=(), links=("border_conflict",), show=())
    group = by_name(layers.map_layers(atlas, view))["links"]
    assert len(lines(group)) == 1  # Kyrgyzstan – Tajikistan
    assert arrows(group) == []


def test_link_kinds_filter_the_lines(atlas) -> None:
    view = View(date=dt.date(2022, 10, 1), orgs=(), links=("arms_transfer",), show=())
    group = by_name(layers.map_layers(atlas, view))["links"]
    rel = link_groups(queries.relations_between(atlas, view.date, kinds=["arms_transfer"]))
    assert len(lines(group)) == len(rel) > 0
    assert len(arrows(group)) == int(rel["directed"].sum())


@pytest.mark.parametrize(("pair", "view"), [
    (("KGZ", "TJK"), View(date=dt.date(2025, 6, 1), start=dt.date(2022, 1, 1), orgs=(),
                          show=())),
    (("KAZ", "RUS"), View(date=dt.date(2024, 7, 1), orgs=(), show=())),
], ids=["KGZ-TJK-range", "KAZ-RUS"])
def test_links_between_the_same_pair_take_different_curves(atlas, pair, view) -> None:
    rel = link_groups(queries.relations_between(atlas, view.start or view.date, view.date))
    between = rel[rel["iso3_a"].isin(pair) & rel["iso3_b"].isin(pair)]
    assert len(between) >= 2  # of different kinds, or directions
    ends = {tuple(round(x, 6) for x in anchor(atlas, iso)) for iso in pair}
    group = by_name(layers.map_layers(atlas, view))["links"]
    mine = [line.locations for line in lines(group)
            if {tuple(round(x, 6) for x in line.locations[0]),
                tuple(round(x, 6) for x in line.locations[-1])} == ends]
    assert len(mine) == len(between)
    for a, b in combinations(mine, 2):
        assert a != b and a != b[::-1]
        # and not only at the ends: the middles are apart
        assert a[len(a) // 2] != b[len(b) // 2]


def test_link_popup_cites_the_source(atlas) -> None:
    view = View(date=dt.date(2024, 6, 1), orgs=(), links=("military_presence",), show=())
    html = render(atlas, view)
    popups = [json.loads(s) for s in re.findall(r'\.bindPopup\(("(?:[^"\\]|\\.)*")', html)]
    rus_tjk = [p for p in popups if "Russia → Tajikistan" in p]
    assert len(rus_tjk) == 1
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
    html = render(hostile, view)
    popups = [json.loads(s) for s in re.findall(r'\.bindPopup\(("(?:[^"\\]|\\.)*")', html)]
    rus_tjk = next(p for p in popups if "Russia → Tajikistan" in p)
    # summary and note rows, both escaped
    assert rus_tjk.count(f"<td>{esc(PAYLOAD)}</td>") == 2
    tooltips = [json.loads(s) for s in re.findall(r'\.bindTooltip\(("(?:[^"\\]|\\.)*")', html)]
    assert any("Russia → Tajikistan" in s for s in tooltips)


def test_hostile_event_marker(hostile) -> None:
    view = View(date=dt.date(2012, 9, 1), orgs=(), links=(), show=("events",))
    html = render(hostile, view)
    tooltips = [json.loads(s) for s in re.findall(r'\.bindTooltip\(("(?:[^"\\]|\\.)*")', html)]
    assert any(s.startswith(esc(PAYLOAD)) for s in tooltips)
    assert "<img src=x" not in html


def test_hostile_organization_name_in_legend_and_popups(hostile) -> None:
    view = View(date=dt.date(2012, 9, 1), orgs=("CSTO",), links=(), show=())
    groups = by_name(layers.map_layers(hostile, view))
    for f in features(groups["org:CSTO"]):
        assert "<img" not in f["properties"]["popup"]
        assert esc(PAYLOAD) in f["properties"]["popup"]
    html = render(hostile, view)
    assert "<img src=x" not in html
    assert any(esc(PAYLOAD) in s and "atlas-legend" in s for _, _, s in _json_strings(html))


def test_side_legend_escapes_data_and_carries_its_patterns(tmp_path) -> None:
    """The page shows this block as raw HTML (for the swatches): data text must be escaped."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    orgs = data / "organizations.csv"
    orgs.write_text(orgs.read_text(encoding="utf-8").replace(
        "Collective Security Treaty Organization", "<img src=x onerror=alert(1)>CSTO"),
        encoding="utf-8")
    atlas = tables.load(data)
    html = layers.side_legend(atlas, View(date=dt.date(2024, 6, 1), orgs=("CSTO",)))
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert 'id="atlas-CSTO-member"' in html and "url(#atlas-CSTO-member)" in html
