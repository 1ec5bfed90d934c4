"""The current map as a figure for slides: PNG, SVG or PDF, drawn server-side by matplotlib.

No browser is involved, so a figure can be made wherever the data is. It draws the live map's
model (:mod:`geo.encoding`): one solid fill per country, the names in the view's language with
their badges (:mod:`geo.figure_labels`), links with arrows half-way, event markers, and the
legend of :func:`geo.legend.legend_model` (:mod:`geo.figure_legend`), in a Lambert conformal
conic projection centred on Central Asia, which keeps the region's shapes and areas truer than
Web Mercator at these latitudes. Nothing rides on a pattern fill: every viewer paints a solid
fill the same (``tests/test_figure_render.py`` checks PNG, SVG and PDF in four renderers).

Each layer is drawn on its own transparent axes stacked over the map, with a ``gid``, so an SVG
names its layers (``<g id="layer-base">``, ``layer-countries``, ``layer-links``,
``layer-selection``, ``layer-labels``, ``layer-events``, ``layer-legend``; the texts
``layer-title``, ``layer-subtitle``, ``layer-sources``), each filled country (``country-KAZ``),
name (``label-KAZ``) and badge (``chip-KAZ-CSTO``), and a designer can restyle or hide one in a
vector editor. Text is kept as text in SVG (``svg.fonttype = none``) and PDF
(TrueType), so it stays editable and searchable; matplotlib escapes it for XML.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from functools import partial

import matplotlib
import numpy as np
import shapely
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from pyproj import Transformer
from shapely.ops import polylabel

from geo import encoding, export, layers
from geo.figure_labels import Frame, anchor_on_map, draw_labels, place_labels
from geo.figure_legend import draw_legend
from geo.figure_marks import MARKER_PT, draw_events, draw_links, marker_positions
from geo.i18n import t
from geo.legend import legend_model
from geo.markup import unesc
from geo.memo import memo
from geo.shapes import display_shapes
from geo.shown import event_groups, link_groups, view_events, view_links
from geo.tables import Atlas
from geo.view import View

__all__ = ["CRS", "FORMATS", "RC", "draw", "figure", "interior_points"]

#: media type of each format, for a download button
FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
CRS = "+proj=lcc +lat_0=42 +lon_0=68 +lat_1=35 +lat_2=55 +datum=WGS84 +units=m +no_defs"
#: lon/lat box always in view: the live map's default frame (Central Asia and its neighbours,
#: :data:`geo.layers.HOME`) with a margin; the frame grows to the figure's shape around it
REGION = (34.0, 26.0, 102.0, 57.0)
CLIP = (-30.0, -10.0, 179.0, 86.0)  # what gets projected at all: beyond, LCC tears shapes
WIDTH_IN = 16.0  # layout is in points on a 16-inch page: any pixel width looks the same
PX = 0.75  # a Leaflet CSS pixel in points, so strokes and dashes match the interactive map
#: (left, width) of the map and of the legend panel, as fractions of the figure's width
MAP_X, LEGEND_X = (0.008, 0.727), (0.745, 0.245)
#: points above the map (title, and a subtitle line for a date range) and below (source line)
TOP_PT, SUBTITLE_PT, BOTTOM_PT = 44.0, 20.0, 26.0
OUTLINE = "#5b5b5b"  # a filled country's border, as on the live map
#: matplotlib settings every figure is drawn and saved with (text as text, one font)
RC = {"svg.fonttype": "none", "svg.hashsalt": "atlas", "pdf.fonttype": 42,
      "font.family": "DejaVu Sans", "path.simplify": True}
_LOCK = threading.Lock()  # rcParams are process-wide: one figure at a time


@dataclass
class _Drawn:
    """A drawn figure and what :func:`interior_points` needs to know about it."""

    fig: Figure
    ax: object  # the base map's axes: its transData maps projected metres to pixels
    frame: Frame
    #: what is drawn over the fills (names, badges, leaders, links, markers), projected metres
    cover: list = field(default_factory=list)
    #: label items on the map with badges but no room for their name: listed in the legend
    unnamed: list = field(default_factory=list)


def figure(atlas: Atlas, view: View, fmt: str = "png", width_px: int = 1600,
           height_px: int = 900) -> bytes:
    """The view's map, legend, title with the date and source line, as PNG, SVG or PDF bytes.

    Parameters
    ----------
    fmt : {'png', 'svg', 'pdf'}
    width_px, height_px : int
        Size of the PNG in pixels (exactly), 100 to 10000; SVG and PDF get the same shape.
        Text and strokes are sized for a 16-inch page, so a larger image is sharper, not
        smaller-printed.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {sorted(FORMATS)}")
    _check_size(width_px, height_px)
    title = _title(view)
    meta = {"png": {"Title": title}, "svg": {"Title": title, "Date": None},
            "pdf": {"Title": title, "CreationDate": None}}[fmt]
    with _LOCK, matplotlib.rc_context(RC):
        drawn = _draw(atlas, view, title, int(width_px), int(height_px))
        buf = io.BytesIO()
        drawn.fig.savefig(buf, format=fmt, metadata=meta)
    return buf.getvalue()


def draw(atlas: Atlas, view: View, width_px: int = 1600, height_px: int = 900) -> Figure:
    """The figure itself, for a caller that inspects or edits it before saving (e.g. a test
    measuring the labels); save it with :data:`RC` in effect, as :func:`figure` does."""
    _check_size(width_px, height_px)
    with _LOCK, matplotlib.rc_context(RC):
        return _draw(atlas, view, _title(view), int(width_px), int(height_px)).fig


def interior_points(atlas: Atlas, view: View, width_px: int = 1600, height_px: int = 900,
                    margin_px: float = 4.0, isos=None) -> dict[str, tuple[float, float]]:
    """Where each country shows its fill, and only it: per ISO3, a pixel (x rightwards, y
    downwards, in the PNG of that size) inside the country, at least ``margin_px`` from its
    border, the map's edge, other countries and everything drawn over the fills (names,
    badges, leaders, links, markers). ``isos``: the countries to place (default: those the
    view fills); those with no such spot are left out. Every export must show the
    country's fill (:func:`geo.encoding.countries_model`, or the land colour) there."""
    _check_size(width_px, height_px)
    with _LOCK, matplotlib.rc_context(RC):
        d = _draw(atlas, view, _title(view), int(width_px), int(height_px))
        shapes = _shapes(atlas)
    model = encoding.countries_model(atlas, view)
    margin = margin_px * 72 / d.fig.dpi * d.frame.per_pt
    f = d.frame
    window = shapely.box(f.x0, f.y0, f.x1, f.y1)
    cover = shapely.union_all(d.cover).buffer(margin) if d.cover else shapely.Polygon()
    keys = list(shapes)
    geoms = np.array([shapes[i] for i in keys], dtype=object)
    out = {}
    if isos is None:
        isos = [iso for iso, c in model.items() if c["fill"]]
    for iso in isos:
        if iso not in shapes:
            continue
        own = shapely.make_valid(shapes[iso])
        others = [geoms[k] for k in np.flatnonzero(shapely.intersects(geoms, own))
                  if keys[k] != iso]
        free = shapely.intersection(own, window).buffer(-margin).difference(cover)
        if others:
            free = free.difference(shapely.union_all(others).buffer(margin))
        parts = [p for p in shapely.get_parts(free)
                 if isinstance(p, shapely.Polygon) and not p.is_empty]
        if parts:
            p = polylabel(max(parts, key=lambda g: g.area), tolerance=margin / 4)
            x, y = d.ax.transData.transform((p.x, p.y))
            out[iso] = (float(x), float(height_px - y))
    return out


def _check_size(width_px: int, height_px: int) -> None:
    if not (100 <= width_px <= 10_000 and 100 <= height_px <= 10_000):
        raise ValueError(f"size {width_px}x{height_px} px out of range [100, 10000]")


def _title(view: View) -> str:
    return f"{t('app_title', view.lang)} — {export.long_date(view.date, view.lang)}"


# --- geometry -----------------------------------------------------------------------------------

def _transformer() -> Transformer:
    return Transformer.from_crs("EPSG:4326", CRS, always_xy=True)


def _project(tr: Transformer, lon, lat) -> np.ndarray:
    x, y = tr.transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.column_stack([x, y])


def _shapes(atlas: Atlas) -> dict[str, shapely.Geometry]:
    """The display outlines (:func:`geo.shapes.display_shapes`), clipped and projected once
    per loaded Atlas (:func:`geo.memo.memo`)."""
    if atlas.borders is None:  # unreadable borders file (reported by geo.tables): draw the rest
        return {}
    return memo(atlas, ("figure_shapes",), lambda: _projected(atlas))


def _projected(atlas: Atlas) -> dict[str, shapely.Geometry]:
    tr, shapes = _transformer(), display_shapes(atlas)
    clipped = [shapely.clip_by_rect(shapely.geometry.shape(g), *CLIP) for g in shapes.values()]
    proj = shapely.transform(clipped, lambda xy: _project(tr, xy[:, 0], xy[:, 1]))
    return {iso: g for iso, g in zip(shapes, proj, strict=True) if not g.is_empty}


def _path(geom: shapely.Geometry) -> Path:
    """A compound path of every polygon ring (holes included) of a geometry."""
    verts, codes = [np.zeros((0, 2))], [np.zeros(0, dtype=np.uint8)]
    for p in shapely.get_parts(geom):
        if isinstance(p, shapely.Polygon):
            for ring in (p.exterior, *p.interiors):
                c = np.asarray(ring.coords)[:, :2]
                k = np.full(len(c), Path.LINETO, dtype=np.uint8)
                k[0], k[-1] = Path.MOVETO, Path.CLOSEPOLY
                verts.append(c)
                codes.append(k)
    return Path(np.concatenate(verts), np.concatenate(codes))


def _extent(tr: Transformer, aspect: float) -> tuple[float, float, float, float]:
    """Projected bounds of :data:`REGION`, widened to ``aspect`` (width / height)."""
    lo0, la0, lo1, la1 = REGION
    edge = np.linspace(0, 1, 50)
    lon = np.concatenate([lo0 + (lo1 - lo0) * edge, np.full(50, lo1),
                          lo1 - (lo1 - lo0) * edge, np.full(50, lo0)])
    lat = np.concatenate([np.full(50, la0), la0 + (la1 - la0) * edge,
                          np.full(50, la1), la1 - (la1 - la0) * edge])
    xy = _project(tr, lon, lat)
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
    w, h = max(w, h * aspect), max(h, w / aspect)
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


# --- drawing ------------------------------------------------------------------------------------

def _layer(fig: Figure, rect: tuple, frame: Frame, name: str):
    ax = fig.add_axes(rect, label=name, gid=f"layer-{name}")
    ax.set_xlim(frame.x0, frame.x1)
    ax.set_ylim(frame.y0, frame.y1)
    ax.set_axis_off()
    return ax


def _draw(atlas: Atlas, view: View, title: str, w: int, h: int) -> _Drawn:
    dpi = w / WIDTH_IN
    # a hair over the size, so that the canvas (truncated to whole pixels) is exactly w x h
    fig = Figure(figsize=((w + 0.01) / dpi, (h + 0.01) / dpi), dpi=dpi, facecolor="white")
    pt = 1 / (fig.get_figheight() * 72)  # one point as a fraction of the figure's height
    bottom = BOTTOM_PT * pt
    height = 1 - bottom - (TOP_PT + (SUBTITLE_PT if view.start else 0)) * pt
    map_rect = (MAP_X[0], bottom, MAP_X[1], height)
    tr, shapes = _transformer(), _shapes(atlas)
    x0, y0, x1, y1 = _extent(tr, map_rect[2] * w / (map_rect[3] * h))
    frame = Frame(x0, y0, x1, y1, (x1 - x0) / (map_rect[2] * fig.get_figwidth() * 72))
    layer = partial(_layer, fig, map_rect, frame)
    drawn = _Drawn(fig, _base(layer("base"), shapes), frame)
    _countries(layer("countries"), shapes, encoding.countries_model(atlas, view))
    links, events = view_links(atlas, view), view_events(atlas, view)
    project = partial(_project, tr)
    taken = draw_links(layer("links"), project, atlas, view, link_groups(links), frame,
                       drawn.cover) if len(links) else []
    if view.country in shapes:
        sel = shapes[view.country]
        layer("selection").add_patch(PathPatch(_path(sel), facecolor="none", linewidth=4 * PX,
                                               edgecolor=to_rgba("#000", 0.9)))
        drawn.cover.append(sel.boundary.buffer(3 * frame.per_pt))
    markers = marker_positions(project, event_groups(events), frame) if len(events) else []
    taken += [(x - MARKER_PT / 2, y - MARKER_PT / 2, MARKER_PT, MARKER_PT)
              for x, y, *_ in markers]
    _labels(layer("labels"), atlas, view, shapes, tr, drawn, taken)
    if markers:
        draw_events(layer("events"), markers, frame, drawn.cover)
    _texts(fig, atlas, view, title, pt)
    sections = legend_model(atlas, view, links, events)
    if drawn.unnamed:  # a figure has no tooltip: what the map could not name, the key says
        fills = encoding.countries_model(atlas, view)
        sections = [*sections, (t("figure_unnamed", view.lang), [
            ({"fill": fills[it["iso3"]]["fill"] or encoding.LAND},
             f"{unesc(it['name'])}: " + ", ".join(unesc(c["text"]) for c in it["chips"]))
            for it in drawn.unnamed])]
    draw_legend(fig, (LEGEND_X[0], bottom, LEGEND_X[1], height), t("legend", view.lang),
                sections)
    return drawn


def _base(ax, shapes: dict) -> object:
    """Sea, and every country in the neutral land colour."""
    ax.set_axis_on()
    ax.set(xticks=[], yticks=[], facecolor=encoding.SEA)
    for s in ax.spines.values():
        s.set(color="#888", linewidth=0.8)
    if shapes:
        ax.add_collection(PathCollection([_path(g) for g in shapes.values()],
                                         facecolors=encoding.LAND, edgecolors=encoding.BORDER,
                                         linewidths=0.6 * PX), autolim=False)
    return ax


def _countries(ax, shapes: dict, model: dict) -> None:
    """Each filled country as its own solid patch (``gid="country-ISO3"``)."""
    for iso, c in model.items():
        if c["fill"] and iso in shapes:
            ax.add_patch(PathPatch(_path(shapes[iso]), facecolor=c["fill"], edgecolor=OUTLINE,
                                   linewidth=0.8 * PX, gid=f"country-{iso}"))


def _texts(fig: Figure, atlas: Atlas, view: View, title: str, pt: float) -> None:
    fig.text(0.008, 1 - 8 * pt, title, va="top", fontsize=19, weight="bold", gid="layer-title")
    if view.start:
        fig.text(0.008, 1 - 38 * pt, t("figure_range", view.lang, date=export.long_date(
            view.date, view.lang), start=export.long_date(view.start, view.lang)), va="top",
            fontsize=12, color="#333", gid="layer-subtitle")
    fig.text(0.008, 9 * pt, export.source_note(atlas, view), fontsize=9, color="#444",
             gid="layer-sources")


def _labels(ax, atlas: Atlas, view: View, shapes: dict, tr: Transformer, drawn: _Drawn,
            taken: list) -> None:
    """The live map's labels (:func:`geo.layers.label_items`), placed and drawn."""
    if atlas.borders.empty:  # no outlines, no label points (geo.layers.labels_layer too)
        return
    items = layers.label_items(atlas, view)
    if not items:
        return
    xy = _project(tr, [i["lon"] for i in items], [i["lat"] for i in items])
    items = [{**it, "xy": tuple(p)} for it, p in zip(items, xy, strict=True)]
    f = drawn.frame
    placed = place_labels(items, shapes, f, taken)
    draw_labels(ax, placed, f)
    named = {p.item["iso3"] for p in placed}
    drawn.unnamed = [it for it in items if it["chips"] and it["iso3"] not in named
                     and anchor_on_map(it, shapes.get(it["iso3"]), f)]
    for p in placed:
        x, y, w, h = p.box
        drawn.cover.append(shapely.box(*f.to_data(x - 2, y - 2), *f.to_data(x + w + 2, y + h + 2)))
        if p.moved:
            drawn.cover.append(shapely.LineString([f.to_data(*p.anchor), f.to_data(
                x + w / 2, y + h / 2)]).buffer(3 * f.per_pt))
