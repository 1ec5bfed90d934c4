"""Folium layers of the Atlas map for one :class:`~geo.view.View`.

The base map (every country, neutral, no text of the view) is identical on every rerun in a
language, so streamlit-folium keeps it, with the user's pan and zoom, while the view's layers
are swapped as feature groups, bottom to top: the countries (fill and one tooltip each) and
their names with badges (:mod:`geo.layer_countries`), the links and events
(:mod:`geo.layer_links`), the legend, the framing buttons and, presenting, the presenter's keys.
The client side is :mod:`geo.mapjs`.
"""

from __future__ import annotations

from dataclasses import replace

import folium
import pandas as pd
from branca.element import Element
from shapely.geometry import shape

from geo import assets, compat, encoding, epochs, legend
from geo.dualmap import OnSecondMap, SyncedDualMap
from geo.i18n import LANGS, t
from geo.layer_countries import (
    countries_key,
    countries_layer,
    label_items,
    labels_key,
    labels_layer,
    selection_layer,
)
from geo.layer_links import event_layer, events_key, link_layer, links_key
from geo.mapjs import FitControl, Frame, LiveShow, MapScript, PresentKeys, ScaleBar, client_css
from geo.memo import memo
from geo.shapes import ShapeLayer, Shapes, display_shapes, shapes_key
from geo.shown import view_events, view_links
from geo.tables import Atlas
from geo.view import EXTRA_LAYERS, FIRST_DAY, View

__all__ = [
    "HOME", "PRESENT_KEYS", "base_map", "countries_layer", "dual_layers", "dual_map",
    "event_layer", "fit_layer", "label_items", "labels_layer", "legend_layer", "link_layer",
    "map_args", "map_layers", "selection_layer", "side_legend",
]

#: the default frame: Central Asia with the Caucasus, Iran, Afghanistan, Pakistan, western China
#: and southern Russia around it, as [[south, west], [north, east]]
HOME = [[28.0, 37.0], [56.0, 99.0]]
#: no folium scale bar: each map gets a wider one (:class:`geo.mapjs.ScaleBar`)
MAP_OPTIONS = {"tiles": None, "min_zoom": 2, "max_zoom": 7, "zoom_snap": 0.25,
               "zoom_delta": 0.5, "control_scale": False, "world_copy_jump": False}
#: the compare page's two maps: a thin gap between them, and the component's frame filled
#: (the default 8px body margin would crop the maps' bottom edge, their scale and credits)
DUAL_CSS = (f"<style>body {{ margin: 0; }} #{compat.SECOND_MAP} {{ border-left: 3px solid #fff; "
            "box-sizing: border-box; }</style>")


def _map_css() -> str:
    return f"<style>{client_css()}</style>"


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
    ScaleBar().add_to(m)
    Shapes(atlas, shapes_url).add_to(m)
    if tiles:
        folium.TileLayer(tiles[0], attr=tiles[1] or " ", name="tiles").add_to(m)
    from geo.legend import Attribution

    Attribution(t("attribution_borders", lang)).add_to(m)
    if atlas.borders.empty:
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
    return compat.stable_ids([*map_layers(atlas, view_a), right])


# --- legend and framing ---------------------------------------------------------------------------

def legend_layer(atlas: Atlas, view: View, links: pd.DataFrame | None,
                 events: pd.DataFrame | None, open_: bool = True,
                 live: bool = False) -> folium.FeatureGroup:
    """The legend inside the map: open where nothing else explains it (presentation, exports),
    folded where the page shows it beside the map; ``live``: one per combination of extra
    layers, the page's script showing the one that is on."""
    fg = folium.FeatureGroup(name="legend")
    title = t("legend", view.lang)
    if live:
        html = legend.live_legend_html(atlas, view, title, open_=open_, mark=False)
    else:
        html = legend.legend_html(title, legend.legend_model(atlas, view, links, events), open_)
    legend.Legend(html).add_to(fg)
    return fg


def side_legend(atlas: Atlas, view: View) -> str:
    """The legend as a self-contained HTML block for the page beside the map (one block per
    combination of extra layers: the map's script shows the right one at once on a switch)."""
    body = legend.live_legend_html(atlas, view, t("legend", view.lang))
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
    return memo(atlas, ("sel", *_selection_key(atlas, view)), lambda: _bounds_of(atlas, view))


def _selection_key(atlas: Atlas, view: View) -> tuple:
    """What the selection's bounds read of ``view``."""
    if view.country:
        return view.country, *epochs.view_key(atlas, view, "relations"), view.links
    return (view.orgs, *epochs.view_key(atlas, view, "memberships"), "history" in view.show,
            "overlap" in view.show)


def _bounds_of(atlas: Atlas, view: View) -> list[list[float]] | None:
    if view.country:
        links = view_links(atlas, view)
        mine = links[(links["iso3_a"] == view.country) | (links["iso3_b"] == view.country)]
        isos = {view.country, *mine["iso3_a"], *mine["iso3_b"]}
    else:
        model = encoding.countries_model(atlas, view)
        isos = {iso for iso, c in model.items() if c["fill"]}
    boxes = [b for iso in isos if (b := _boxes(atlas).get(iso))]
    if not boxes:
        return None
    w, s = min(b[0] for b in boxes), min(b[1] for b in boxes)
    e, n = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return [[round(max(s, -60), 2), round(w, 2)], [round(min(n, 78), 2), round(e, 2)]]


def _boxes(atlas: Atlas) -> dict[str, tuple[float, float, float, float]]:
    """Each country's (west, south, east, north), once per data."""
    def build() -> dict:
        points, out = encoding.label_points(atlas), {}
        shapes = display_shapes(atlas) if atlas.borders is not None else {}
        for iso, geom in shapes.items():
            w, s, e, n = shape(geom).bounds
            if e - w > 180:  # across the antimeridian (Russia): keep its label's side
                lon = points[iso][0]
                w, e = (lon - 40, 180) if lon > 0 else (-180, lon + 40)
            out[iso] = (w, s, e, n)
        return out

    return memo(atlas, ("boxes",), build)


#: presentation keys → the keys of the presentation's buttons (geo.present_ui)
PRESENT_KEYS = {"ArrowRight": "present_next", "PageDown": "present_next", "Space": "present_next",
                "ArrowLeft": "present_prev", "PageUp": "present_prev",
                "Shift+Space": "present_prev", "Home": "present_first", "End": "present_last",
                "Escape": "present_exit"}


def map_layers(atlas: Atlas, view: View, controls: bool = True,
               legend_open: bool = True, live: bool = False) -> list[folium.FeatureGroup]:
    """Every layer the view asks for, bottom to top, with one legend for all of them; the
    framing buttons with ``controls``; a presenter's keys in presentation mode.

    ``live`` (the app's pages): the extra layers (events, history, overlap) are all sent, and
    the page's script shows those the sidebar has on (:class:`geo.mapjs.LiveShow`): the
    layers are then the same whatever is shown, so a switch is drawn at once in the browser
    and the rerun that follows replaces nothing. Without it (exports) they are the view's.
    """
    if live:
        return _live_layers(atlas, view, controls, legend_open)
    links, events = view_links(atlas, view), view_events(atlas, view)
    layers = [countries_layer(atlas, view), link_layer(atlas, view),
              selection_layer(atlas, view), event_layer(atlas, view),
              labels_layer(atlas, view), legend_layer(atlas, view, links, events, legend_open)]
    return compat.stable_ids(_controls(atlas, view, layers, controls))


def map_args(atlas: Atlas, view: View, tiles: tuple[str, str] | None = None,
             live: bool = True, **options) -> dict:
    """The map for ``view`` (:func:`base_map` with :func:`map_layers`) as streamlit-folium's
    arguments (``options``: those of ``st_folium``), rendered once and shared by every session.

    ``live`` (the map page): each part apart, the base map per language, each layer per what
    it reads (:func:`_live_parts`), so that opening a country renders its outline and buttons
    only. Otherwise (a slide) the whole map per view, its date as the stretch it falls in.
    ``tests/test_map_args.py`` checks both against ``st_folium``'s own render, afresh, across
    dates, countries, languages, organizations and link kinds.
    """
    opts = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    if not live:
        key = ("map_whole", replace(view, date=FIRST_DAY, start=None),
               *epochs.view_key(atlas, view, *epochs.FACTS), tiles, opts)
        return memo(atlas, key, lambda: compat.folium_args(
            base_map(atlas, view.lang, tiles), feature_group_to_add=map_layers(atlas, view),
            **options), pool="maps")
    base = memo(atlas, ("map_base", view.lang, tiles, opts), lambda: compat.folium_args(
        base_map(atlas, view.lang, tiles), **options), pool="maps")
    groups = [memo(atlas, ("map_group", i, *key),
                   lambda i=i, build=build: compat.folium_group(_group(build, i), i), pool="maps")
              for i, (key, build) in enumerate(_live_parts(atlas, view))]
    return {**base, "feature_group": "".join(groups)}


def _group(build, place: int) -> folium.FeatureGroup:
    """The live map's part at ``place``; an empty group where the view has none of it, so that
    every part keeps its place (its number is in its script)."""
    return compat.stable_ids([build() or folium.FeatureGroup(name="none")], first=place)[0]


def _live_parts(atlas: Atlas, view: View, legend_open: bool = False,
                controls: bool = True) -> list[tuple[tuple, object]]:
    """The live map's layers, bottom to top, each as (key, build): the key is the one its layer
    keeps its data under (what it reads of the view: the date through the stretches of the
    facts it shows, geo.epochs), not the extra layers on show (every variant is sent; the
    page's script shows those on)."""
    plain = replace(view, show=())  # what the page shows is its own affair (LiveShow)
    with_events = replace(plain, show=("events",))
    title = t("legend", view.lang)
    parts = [
        (countries_key(atlas, plain, live=True), lambda: countries_layer(atlas, plain, True)),
        (links_key(atlas, plain), lambda: link_layer(atlas, plain)),
        (("selection", plain.country), lambda: selection_layer(atlas, plain)),
        (events_key(atlas, with_events), lambda: event_layer(atlas, with_events)),
        (labels_key(atlas, plain), lambda: labels_layer(atlas, plain, live=True)),
        (legend.live_legend_key(atlas, plain, title, legend_open, mark=False),
         lambda: legend_layer(atlas, plain, None, None, legend_open, live=True)),
        (("live",), _live_switch),
    ]
    if controls:
        parts.append((("fit", view.lang, plain.country, *_selection_key(atlas, plain)),
                      lambda: fit_layer(atlas, plain)))
    if view.present:
        parts.append((("keys", view.deck, view.slide, view.bbox), lambda: _keys(view)))
    return parts


def _live_switch() -> folium.FeatureGroup:
    switch = folium.FeatureGroup(name="live")
    box, chip, attr = compat.MULTISELECT_CHIPS
    LiveShow({"labels": {t(f"layer_{k}", lang): k for k in EXTRA_LAYERS for lang in LANGS},
              "default": list(View().show), "chips": [box.format(key="w_show"), chip, attr]}
             ).add_to(switch)
    return switch


def _live_layers(atlas: Atlas, view: View, controls: bool,
                 legend_open: bool) -> list[folium.FeatureGroup]:
    return [_group(build, i)
            for i, (_, build) in enumerate(_live_parts(atlas, view, legend_open, controls))]


def _controls(atlas: Atlas, view: View, layers: list, controls: bool) -> list:
    if controls:
        layers.append(fit_layer(atlas, view))
    if view.present:
        layers.append(_keys(view))
    return [lyr for lyr in layers if lyr is not None]


def _keys(view: View) -> folium.FeatureGroup:
    """A presentation's keys and its slide's frame."""
    keys = folium.FeatureGroup(name="keys")
    PresentKeys(PRESENT_KEYS).add_to(keys)
    Frame({"seq": f"{view.deck}:{view.slide}", "box": view.bbox, "home": HOME}).add_to(keys)
    return keys
