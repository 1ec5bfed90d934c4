"""Folium layers of the Atlas map for one :class:`~geo.view.View`.

The base map (every country, neutral, no text of the view) is identical on every rerun in a
language, so streamlit-folium keeps it, with the user's pan and zoom, while the view's layers
are swapped as feature groups: the countries (fill and one tooltip each, see
:mod:`geo.encoding`), the selected country's outline, the links, the events, the names with
their badges, the legend and the framing buttons. The client side is :mod:`geo.mapjs`.
"""

from __future__ import annotations

import hashlib

import folium
import pandas as pd
from branca.element import Element
from shapely.geometry import shape

from geo import assets, compat, encoding, legend
from geo.dualmap import OnSecondMap, SyncedDualMap
from geo.geometry import arrow_head, curved_link, pair_offsets
from geo.i18n import col, t
from geo.mapjs import (
    FitControl,
    Labels,
    Links,
    MapScript,
    Markers,
    PresentKeys,
    client_css,
)
from geo.markup import esc, rows_html
from geo.memo import memo
from geo.shapes import ShapeLayer, Shapes, display_shapes, shapes_key
from geo.shown import event_groups, link_groups, view_events, view_links
from geo.style import EVENT_GLYPHS, LINK_STYLES
from geo.tables import Atlas
from geo.view import View

__all__ = [
    "HOME", "base_map", "countries_layer", "dual_layers", "dual_map", "event_layer",
    "label_items", "labels_layer", "link_layer", "map_layers", "selection_layer",
    "side_legend", "source_line",
]

#: the default frame: Central Asia with the Caucasus, Iran, Afghanistan, Pakistan, western China
#: and southern Russia around it, as [[south, west], [north, east]]
HOME = [[28.0, 37.0], [56.0, 99.0]]
MAP_OPTIONS = {"tiles": None, "min_zoom": 2, "max_zoom": 7, "zoom_snap": 0.25,
               "zoom_delta": 0.5, "control_scale": True, "world_copy_jump": False}
#: the compare page's two maps: a thin gap between them, and the component's frame filled
#: (the default 8px body margin would crop the maps' bottom edge, their scale and credits)
DUAL_CSS = (f"<style>body {{ margin: 0; }} #{compat.SECOND_MAP} {{ border-left: 3px solid #fff; "
            "box-sizing: border-box; }</style>")


def _map_css() -> str:
    return f"<style>{client_css()}</style>"


def _names(atlas: Atlas, lang: str) -> dict[str, str]:
    return memo(atlas, ("names", lang), lambda: dict(zip(
        atlas.countries["iso3"], atlas.countries[col("name", lang)], strict=True)))


def source_line(atlas: Atlas, source_id: str, locator: str, lang: str) -> str:
    """Plain-text citation: title, outlet, date and locator of an article, or the reference."""
    r = _sources(atlas).get(source_id)
    if r is None:
        return source_id
    kind = t("source_article" if r["kind"] == "article" else "source_reference", lang)
    cite = ", ".join(p for p in (r["title"], r["outlet"], r["published"]) if p)
    return f"{kind}: {cite} [{source_id}] — {locator}"


def _sources(atlas: Atlas) -> dict[str, dict]:
    """Sources by id, once per loaded table (a popup cites one per row it lists)."""
    return memo(atlas, ("sources",), lambda: {
        r["source_id"]: r for r in
        atlas.sources[["source_id", "kind", "title", "outlet", "published"]].to_dict("records")})


def _period(start: str, end: str, lang: str) -> str:
    if end and end == start:
        return start
    return f"{start} – {end}" if end else t("since", lang, date=start)


# --- the base map --------------------------------------------------------------------------------

def base_map(atlas: Atlas, lang: str, tiles: tuple[str, str] | None = None,
             inline_shapes: bool = False) -> folium.Map:
    """The neutral map, framed on Central Asia (:data:`HOME`); no CDN.

    ``tiles`` is an optional (URL template, attribution) of a tile server under the user's
    control; without it the country polygons are the whole base map. The country outlines
    are linked from the app's static folder (see :mod:`geo.shapes`), or put inside the map
    with ``inline_shapes`` (a file that must work on its own).
    """
    m = folium.Map(location=_centre(HOME), zoom_start=4, **MAP_OPTIONS)
    m.get_root().header.add_child(Element(_map_css() + compat.MAP_DIVS_CSS))
    _base_features(m, atlas, lang, tiles, None if inline_shapes else assets.shapes_url(atlas))
    return m


def _centre(bounds) -> tuple[float, float]:
    (s, w), (n, e) = bounds
    return (s + n) / 2, (w + e) / 2


def _base_features(m: folium.Map, atlas: Atlas, lang: str,
                   tiles: tuple[str, str] | None, shapes_url: str | None) -> None:
    """What every base map holds: the client code, the outlines, optional tiles, credits, and
    every country in neutral grey (the view's countries layer carries the tooltips)."""
    MapScript(HOME).add_to(m)
    Shapes(atlas, shapes_url).add_to(m)
    if tiles:
        folium.TileLayer(tiles[0], attr=tiles[1] or " ", name="tiles").add_to(m)
    from geo.legend import Attribution

    Attribution(t("attribution_borders", lang)).add_to(m)
    if atlas.borders is None:
        return
    style = {"fillColor": encoding.LAND, "color": encoding.BORDER, "weight": 0.6,
             "fillOpacity": 0.35 if tiles else 1}
    shapes = display_shapes(atlas)
    ShapeLayer(shapes_key(atlas), [{"iso3": iso, "tip": "", "popup": "", "style": style}
                                   for iso in atlas.borders["iso3"] if iso in shapes],
               interactive=False).add_to(m)


def dual_map(atlas: Atlas, lang: str, tiles: tuple[str, str] | None = None) -> SyncedDualMap:
    """Two base maps side by side, panned and zoomed together (the compare page's maps).

    Their layers go in with :func:`dual_layers`, as ``st_folium``'s ``feature_group_to_add``.
    """
    m = SyncedDualMap(location=_centre(HOME), zoom_start=3.5, **MAP_OPTIONS)
    m.get_root().header.add_child(Element(_map_css() + compat.MAP_DIVS_CSS + DUAL_CSS))
    url = assets.shapes_url(atlas)
    for side in (m.m1, m.m2):
        _base_features(side, atlas, lang, tiles, url)
    return m


def dual_layers(atlas: Atlas, view_a: View, view_b: View) -> list[folium.FeatureGroup]:
    """The layers of ``view_a`` for the left map of :func:`dual_map` and those of ``view_b``
    for the right one, each with its legend; ``st_folium`` adds them all to the left map, and
    the last group moves ``view_b``'s to the right map (see :mod:`geo.dualmap`)."""
    right = folium.FeatureGroup(name="right")
    groups = map_layers(atlas, view_b, controls=False)
    for g in groups:
        g.show = False
        right.add_child(g)
    OnSecondMap(groups).add_to(right)
    return _stable_ids([*map_layers(atlas, view_a), right])


# --- countries: fill, tooltip, popup ----------------------------------------------------------

def countries_layer(atlas: Atlas, view: View) -> folium.FeatureGroup | None:
    """Every country, filled by :func:`geo.encoding.countries_model`, with one tooltip listing
    each chosen organization and the country's status in it ("not a member" included)."""
    if atlas.borders is None:
        return None
    key = ("countries", view.orgs, view.date, "history" in view.show, "overlap" in view.show,
           view.lang)
    feats = memo(atlas, key, lambda: _country_features(atlas, view))
    fg = folium.FeatureGroup(name="countries")
    ShapeLayer(shapes_key(atlas), feats, focus=True).add_to(fg)
    return fg


def _country_features(atlas: Atlas, view: View) -> list[dict]:
    lang, names, shapes = view.lang, _names(atlas, view.lang), display_shapes(atlas)
    model = encoding.countries_model(atlas, view)
    orgs = atlas.organizations.set_index("org_id")
    acr = {o: orgs.at[o, col("acronym", lang)] if o in orgs.index else o for o in view.orgs}
    none = t("not_member", lang)
    out = []
    for iso in atlas.borders["iso3"]:
        if iso not in shapes:
            continue
        c = model.get(iso)
        status = {o: s for o, s, _ in c["rows"]} if c else {}
        name = names.get(iso, iso)
        tip = f"<b>{esc(name)}</b>" + "".join(
            f"<br>{esc(acr[o])}: {esc(t(f'status_{status[o]}', lang) if o in status else none)}"
            for o in view.orgs)
        style = ({"fillColor": c["fill"], "fillOpacity": 1, "color": "#5b5b5b", "weight": 0.8}
                 if c and c["fill"] else
                 {"fillColor": encoding.LAND, "fillOpacity": 0, "color": "#5b5b5b",
                  "weight": 0.6, "opacity": 0})
        out.append({"iso3": iso, "tip": tip, "style": style,
                    "popup": _country_popup(atlas, name, c, lang) if c else ""})
    return out


def _country_popup(atlas: Atlas, name: str, c: dict, lang: str) -> str:
    orgs = atlas.organizations.set_index("org_id")
    parts = []
    for o, s, r in c["rows"]:
        org = f"{orgs.at[o, col('acronym', lang)]} — {orgs.at[o, col('name', lang)]}"
        parts.append(rows_html("", [
            (t("organization", lang), org), (t("status", lang), t(f"status_{s}", lang)),
            (t("period", lang), _period(r["start"], r["end"], lang)),
            (t("note", lang), r["note"]),
            (t("source", lang), source_line(atlas, r["source_id"], r["locator"], lang))]))
    return f'<div class="atlas-detail"><b>{esc(name)}</b></div>' + "".join(parts)


def selection_layer(atlas: Atlas, view: View) -> folium.FeatureGroup | None:
    """A thick outline around the selected country, above every other layer."""
    if not view.country or atlas.borders is None:
        return None
    fg = folium.FeatureGroup(name="selection")
    style = {"fill": False, "color": "#000", "weight": 4, "opacity": 0.9}
    if view.country in display_shapes(atlas):
        ShapeLayer(shapes_key(atlas), [{"iso3": view.country, "tip": "", "popup": "",
                                        "style": style}],
                   interactive=False, pane="atlasSelection").add_to(fg)
    return fg


# --- names and badges -----------------------------------------------------------------------------

def label_items(atlas: Atlas, view: View) -> list[dict]:
    """Every label the map may show, in priority order: the region's countries first (always
    shown), then the others by size. Each: iso3, name, lat, lon, area, always, chips; names
    and badge texts escaped as HTML, like every text the map's script receives."""
    key = ("labels", view.orgs, view.date, "history" in view.show, "overlap" in view.show,
           view.lang)
    return memo(atlas, key, lambda: _label_items(atlas, view))


def _label_items(atlas: Atlas, view: View) -> list[dict]:
    names, points = _names(atlas, view.lang), encoding.label_points(atlas)
    model = encoding.countries_model(atlas, view)
    rank = {iso: i for i, iso in enumerate(encoding.REGION)}
    order = sorted(points, key=lambda i: (rank.get(i, len(rank)), -points[i][2]))
    chip_keys = ("text", "bg", "fg", "border", "style", "status")
    return [{"iso3": iso, "name": esc(names.get(iso, iso)), "lon": points[iso][0],
             "lat": points[iso][1], "area": points[iso][2], "always": iso in rank,
             "chips": [{k: esc(ch[k]) if k == "text" else ch[k] for k in chip_keys}
                       for ch in model[iso]["chips"]]
             if iso in model and len(view.orgs) > 1 else []}
            for iso in order]


def labels_layer(atlas: Atlas, view: View) -> folium.FeatureGroup | None:
    if atlas.borders is None:
        return None
    fg = folium.FeatureGroup(name="labels")
    Labels({"key": shapes_key(atlas), "items": label_items(atlas, view)}).add_to(fg)
    return fg


# --- links ----------------------------------------------------------------------------------------

def _link_detail(atlas: Atlas, r: dict, lang: str) -> list[tuple[str, object]]:
    period = _period(r["start"], r["end"], lang)
    return [(t("period", lang), period), (t("summary", lang), r[col("summary", lang)]),
            (t("note", lang), r["note"]),
            (t("source", lang), source_line(atlas, r["source_id"], r["locator"], lang))]


def link_layer(atlas: Atlas, view: View) -> folium.FeatureGroup | None:
    """Curved lines between anchors, coloured and dashed by kind, arrows half-way where
    directed (so they never sit on a place's marker); faint until their country is hovered or
    selected. Links of one kind between one pair are one line whose popup lists the latest."""
    key = ("links", view.lang, view.start, view.date, view.links)
    specs = memo(atlas, key, lambda: _link_specs(atlas, view_links(atlas, view), view))
    if not specs:
        return None
    fg = folium.FeatureGroup(name="links")
    Links(specs).add_to(fg)
    return fg


def _link_specs(atlas: Atlas, rel: pd.DataFrame, view: View) -> list[dict]:
    """What each line of :func:`link_layer` is: points, style, tooltip, popup, arrow."""
    lang, names = view.lang, _names(atlas, view.lang)
    anchors = memo(atlas, ("anchors",), lambda: {
        iso: (la, lo) for iso, la, lo in zip(atlas.countries["iso3"], atlas.countries["lat"],
                                             atlas.countries["lon"], strict=True)})
    rel = rel[rel["iso3_a"].isin(anchors) & rel["iso3_b"].isin(anchors)]
    groups = link_groups(rel)
    offsets = pair_offsets(zip(groups["iso3_a"], groups["iso3_b"], strict=True))
    day = view.date.isoformat()
    specs = []
    for off, g in zip(offsets, groups.to_dict("records"), strict=True):
        color, dash = LINK_STYLES.get(g["kind"], ("#555", None))
        (la1, lo1), (la2, lo2) = anchors[g["iso3_a"]], anchors[g["iso3_b"]]
        pts = curved_link(lo1, la1, lo2, la2, offset=off)
        na, nb = names.get(g["iso3_a"], g["iso3_a"]), names.get(g["iso3_b"], g["iso3_b"])
        title = f"{na} {'→' if g['directed'] else '–'} {nb}"
        kind_label, period = t(f"link_{g['kind']}", lang), _period(g["start"], g["end"], lang)
        ended = bool(g["end"]) and g["end"] < day[:len(g["end"])]  # over a range: past links
        n = int(g["count"])
        many = f" · {t('links_count', lang, n=n)}" if n > 1 else ""
        body = rows_html(title, [(t("kind", lang), kind_label + many),
                                 (t("period", lang), period)])
        body += "".join(rows_html("", _link_detail(atlas, r, lang)) for r in g["rows"])
        if n > len(g["rows"]):
            body += f"<p>{esc(t('more_links', lang, n=n - len(g['rows'])))}</p>"
        tip = f"{kind_label}: {title} ({period}){many}"
        if ended:
            tip += f" · {t('ended_link', lang)}"
        (alat, alon), bearing = arrow_head(pts, at=0.5)
        specs.append({"pts": [[round(a, 3), round(b, 3)] for a, b in pts], "color": color,
                      "dash": "2 7" if ended else dash, "weight": 2.5,
                      "opacity": 0.25 if ended else 0.45, "popup": body, "tip": esc(tip),
                      "a": g["iso3_a"], "b": g["iso3_b"],
                      "arrow": [round(alat, 3), round(alon, 3), round(bearing)]
                      if g["directed"] else None})
    return specs


# --- events ----------------------------------------------------------------------------------

def _event_detail(r: dict, atlas: Atlas, lang: str,
                  names: dict[str, str]) -> list[tuple[str, object]]:
    return [(t("period", lang), _period(r["start"], r["end"], lang)),
            (t("place", lang), r["place"]),
            (t("participants", lang), ", ".join(names.get(p, p) for p in r["participants"])),
            (t("summary", lang), r[col("summary", lang)]), (t("note", lang), r["note"]),
            (t("source", lang), source_line(atlas, r["source_id"], r["locator"], lang))]


def event_layer(atlas: Atlas, view: View) -> folium.FeatureGroup | None:
    """The view's located events (:func:`geo.shown.view_events`) as lettered markers; events
    of one kind at one place are one marker with their number (:func:`geo.shown.event_groups`),
    and markers that would overlap on screen spread around their place."""
    key = ("events", view.lang, view.start, view.date, "events" in view.show)
    specs = memo(atlas, key, lambda: _event_specs(atlas, view_events(atlas, view), view.lang))
    if not specs:
        return None
    fg = folium.FeatureGroup(name="events")
    Markers(specs).add_to(fg)
    return fg


def _event_specs(atlas: Atlas, ev: pd.DataFrame, lang: str) -> list[dict]:
    """What each marker of :func:`event_layer` is: place, icon, tooltip, popup."""
    names = _names(atlas, lang)
    specs = []
    for g in event_groups(ev).to_dict("records"):
        glyph, color = EVENT_GLYPHS.get(g["kind"], ("?", "#555"))
        n, kind_label = int(g["count"]), t(f"event_{g['kind']}", lang)
        badge = f'<span class="atlas-count">{n}</span>' if n > 1 else ""
        first = g["rows"][0]
        name = first[col("event_name", lang)]
        if n == 1:
            tip = f"{kind_label}: {name} ({_period(first['start'], first['end'], lang)})"
            body = rows_html(name, [(t("kind", lang), kind_label),
                                    *_event_detail(first, atlas, lang, names)])
        else:
            tip = f"{kind_label} · {g['place'] or ''}: {t('n_events', lang, n=n)}"
            body = rows_html(tip, [])
            body += "".join(rows_html(r[col("event_name", lang)],
                                      _event_detail(r, atlas, lang, names)) for r in g["rows"])
            if n > len(g["rows"]):
                body += f"<p>{esc(t('more_events', lang, n=n - len(g['rows'])))}</p>"
        specs.append({"lat": g["lat"], "lon": g["lon"], "tip": esc(tip), "popup": body,
                      "icon": f'<div class="atlas-glyph" style="background:{color}">'
                              f"{glyph}{badge}</div>"})
    return specs


# --- legend and framing ---------------------------------------------------------------------------

def legend_layer(atlas: Atlas, view: View, links: pd.DataFrame | None,
                 events: pd.DataFrame | None, open_: bool = True) -> folium.FeatureGroup:
    """The legend inside the map: open where nothing else explains it (presentation, exports),
    folded where the page shows it beside the map."""
    fg = folium.FeatureGroup(name="legend")
    model = legend.legend_model(atlas, view, links, events)
    legend.Legend(legend.legend_html(t("legend", view.lang), model, open_=open_)).add_to(fg)
    return fg


def side_legend(atlas: Atlas, view: View) -> str:
    """The legend as a self-contained HTML block for the page beside the map."""
    body = legend.legend_html(t("legend", view.lang), legend.legend_model(atlas, view))
    return f'{_map_css()}<div class="atlas-side atlas-legend-box">{body}</div>'


def fit_layer(atlas: Atlas, view: View) -> folium.FeatureGroup:
    """Buttons: back to Central Asia, and fit to the selection (the chosen country with the
    countries it is linked to, or the members of the chosen organizations)."""
    fg = folium.FeatureGroup(name="fit")
    FitControl({"region": HOME, "selection": _selection_bounds(atlas, view),
                "selected": view.country,
                "labels": {"region": t("fit_region", view.lang),
                           "selection": t("fit_selection", view.lang)}}).add_to(fg)
    return fg


def _selection_bounds(atlas: Atlas, view: View) -> list[list[float]] | None:
    points = encoding.label_points(atlas)
    if view.country:
        links = view_links(atlas, view)
        mine = links[(links["iso3_a"] == view.country) | (links["iso3_b"] == view.country)]
        isos = {view.country, *mine["iso3_a"], *mine["iso3_b"]}
    else:
        model = encoding.countries_model(atlas, view)
        isos = {iso for iso, c in model.items() if c["fill"]}
    shapes = display_shapes(atlas) if atlas.borders is not None else {}
    boxes = []
    for iso in isos:
        if iso in shapes:
            w, s, e, n = shape(shapes[iso]).bounds
            if e - w > 180:  # across the antimeridian (Russia): keep its label's side
                lon = points[iso][0]
                w, e = (lon - 40, 180) if lon > 0 else (-180, lon + 40)
            boxes.append((w, s, e, n))
    if not boxes:
        return None
    w, s = min(b[0] for b in boxes), min(b[1] for b in boxes)
    e, n = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return [[round(max(s, -60), 2), round(w, 2)], [round(min(n, 78), 2), round(e, 2)]]


#: presentation keys → the keys of the presentation's buttons (geo.present_ui)
PRESENT_KEYS = {"ArrowRight": "present_next", "PageDown": "present_next", "Space": "present_next",
                "ArrowLeft": "present_prev", "PageUp": "present_prev",
                "Shift+Space": "present_prev", "Home": "present_first", "End": "present_last",
                "Escape": "present_exit"}


def map_layers(atlas: Atlas, view: View, controls: bool = True,
               legend_open: bool = True) -> list[folium.FeatureGroup]:
    """Every layer the view asks for, bottom to top, with one legend for all of them; the
    framing buttons with ``controls``; a presenter's keys in presentation mode."""
    links, events = view_links(atlas, view), view_events(atlas, view)
    layers = [countries_layer(atlas, view), link_layer(atlas, view),
              selection_layer(atlas, view), event_layer(atlas, view),
              labels_layer(atlas, view), legend_layer(atlas, view, links, events, legend_open)]
    if controls:
        layers.append(fit_layer(atlas, view))
    if view.present:
        keys = folium.FeatureGroup(name="keys")
        PresentKeys(PRESENT_KEYS).add_to(keys)
        layers.append(keys)
    return _stable_ids([lyr for lyr in layers if lyr is not None])


def _stable_ids(groups: list[folium.FeatureGroup]) -> list[folium.FeatureGroup]:
    """Give every element a deterministic id, so the same view renders the same script.

    streamlit-folium re-adds the feature groups whenever their script changes; with folium's
    random ids that would be on every rerun (closing an open popup, flickering the map).
    """
    def walk(element, path: str) -> None:
        # hashed, so that no id is a prefix of another (streamlit-folium substitutes ids as text)
        element._id = hashlib.sha1(path.encode()).hexdigest()[:20]
        for i, child in enumerate(element._children.values()):
            walk(child, f"{path}/{i}")

    for n, group in enumerate(groups):
        walk(group, str(n))
    return groups
