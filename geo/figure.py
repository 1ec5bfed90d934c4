"""The current map as a figure for slides: PNG, SVG or PDF, drawn server-side by matplotlib.

No browser is involved, so a figure can be made wherever the data is. It shows what the
interactive map shows (:mod:`geo.export` decides what that is) in the same colours, hatch
angles, dashes and glyphs (:mod:`geo.style`, :mod:`geo.patterns`), in a Lambert conformal conic
projection centred on Central Asia, which keeps the region's shapes and areas truer than Web
Mercator at these latitudes.

Each layer is drawn on its own transparent axes stacked over the map, with a ``gid``, so an SVG
names its layers (``<g id="layer-org-CSTO">``, ``layer-links``, ``layer-events``,
``layer-legend``...) and a designer can restyle or hide one in a vector editor. Text is kept
as text in SVG (``svg.fonttype = none``) and PDF (TrueType), so it stays editable and
searchable; matplotlib escapes it for XML.
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections import Counter

import matplotlib
import numpy as np
import shapely
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from pyproj import Transformer

from geo import export, queries
from geo.geometry import curved_link, pair_offsets
from geo.i18n import col, t
from geo.style import ORG_COLORS as _ORGS  # noqa: F401  (hatches gone: see geo.encoding)


def angle(org_id: str) -> float:
    return 45.0
from geo.shapes import display_shapes
from geo.shown import event_groups, link_groups
from geo.style import (
    EVENT_GLYPHS,
    KEY_COLOR,
    LINK_STYLES,
    STATUS_STYLES,
    org_color,
    overlap_color,
)
from geo.tables import Atlas
from geo.view import View

__all__ = ["CRS", "FORMATS", "figure"]

#: media type of each format, for a download button
FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
CRS = "+proj=lcc +lat_0=42 +lon_0=68 +lat_1=35 +lat_2=55 +datum=WGS84 +units=m +no_defs"
#: lon/lat box always in view (Ankara and Kyiv to Beijing, Delhi to Moscow); the frame grows
#: to the figure's shape around it
REGION = (24.0, 20.0, 118.0, 58.0)
CLIP = (-30.0, -10.0, 179.0, 86.0)  # what gets projected at all: beyond, LCC tears shapes
WIDTH_IN = 16.0  # layout is in points on a 16-inch page: any pixel width looks the same
PX = 0.75  # a Leaflet CSS pixel in points, so strokes and dashes match the interactive map
#: (left, width) of the map and of the legend panel, as fractions of the figure's width
MAP_X, LEGEND_X = (0.008, 0.727), (0.745, 0.245)
#: points above the map (title, and a subtitle line for a date range) and below (source line)
TOP_PT, SUBTITLE_PT, BOTTOM_PT = 44.0, 20.0, 26.0
SEA, LAND, BORDER = "#dfe9f0", "#f4f4f1", "#9a9a9a"
#: matplotlib's hatch for each of geo.patterns' angles (SVG rotates its vertical stripes
#: clockwise: 0 is "|", 45 is "/"); it has no 22.5° family, which gets dots, rings and crosses
HATCHES = {0: "|", 45: "/", 90: "-", 135: "\\", 22.5: ".", 157.5: "o", 67.5: "x", 112.5: "+"}
#: status -> (hatch repeats, hatch line width in points, tint opacity), after geo.patterns
DENSITY = {"member": (3, 1.6, 0.18), "observer": (2, 0.9, 0.08), "partner": (1, 0.7, 0.0)}
STATUSES = ("member", "observer", "partner", "suspended")
_RC = {"svg.fonttype": "none", "svg.hashsalt": "atlas", "pdf.fonttype": 42,
       "font.family": "DejaVu Sans", "path.simplify": True}
_LOCK = threading.Lock()  # rcParams are process-wide: one figure at a time
_BASE: dict[int, tuple[object, dict[str, shapely.Geometry]]] = {}


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
    if not (100 <= width_px <= 10_000 and 100 <= height_px <= 10_000):
        raise ValueError(f"size {width_px}x{height_px} px out of range [100, 10000]")
    title = f"{t('app_title', view.lang)} — {export.long_date(view.date, view.lang)}"
    meta = {"png": {"Title": title}, "svg": {"Title": title, "Date": None},
            "pdf": {"Title": title, "CreationDate": None}}[fmt]
    with _LOCK, matplotlib.rc_context(_RC):
        fig = _draw(atlas, view, title, int(width_px), int(height_px))
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, metadata=meta)
    return buf.getvalue()


# --- geometry -----------------------------------------------------------------------------------

def _transformer() -> Transformer:
    return Transformer.from_crs("EPSG:4326", CRS, always_xy=True)


def _project(tr: Transformer, lon, lat) -> np.ndarray:
    x, y = tr.transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.column_stack([x, y])


def _shapes(atlas: Atlas) -> dict[str, shapely.Geometry]:
    """The display outlines (:func:`geo.shapes.display_shapes`), clipped and projected once."""
    b = atlas.borders
    if b is None:  # unreadable borders file (reported by geo.tables): draw the rest
        return {}
    hit = _BASE.get(id(b))
    if hit is None or hit[0] is not b:
        tr, shapes = _transformer(), display_shapes(atlas)
        clipped = [shapely.clip_by_rect(shapely.geometry.shape(g), *CLIP) for g in shapes.values()]
        proj = shapely.transform(clipped, lambda xy: _project(tr, xy[:, 0], xy[:, 1]))
        _BASE.clear()
        hit = _BASE[id(b)] = (b, {iso: g for iso, g in zip(shapes, proj, strict=True)
                                  if not g.is_empty})
    return hit[1]


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


def _dashes(dash: str | None, weight: float):
    """A Leaflet ``dashArray`` (pixels) as a matplotlib dash pattern (in line widths)."""
    return "solid" if not dash else (0, tuple(float(v) / weight for v in dash.split()))


# --- drawing ------------------------------------------------------------------------------------

def _draw(atlas: Atlas, view: View, title: str, w: int, h: int) -> Figure:
    lang, dpi = view.lang, w / WIDTH_IN
    names = dict(zip(atlas.countries["iso3"], atlas.countries[col("name", lang)], strict=True))
    # a hair over the size, so that the canvas (truncated to whole pixels) is exactly w x h
    fig = Figure(figsize=((w + 0.01) / dpi, (h + 0.01) / dpi), dpi=dpi, facecolor="white")
    pt = 1 / (fig.get_figheight() * 72)  # one point as a fraction of the figure's height
    bottom = BOTTOM_PT * pt
    height = 1 - bottom - (TOP_PT + (SUBTITLE_PT if view.start else 0)) * pt
    map_rect, legend_rect = (MAP_X[0], bottom, MAP_X[1], height), (LEGEND_X[0], bottom,
                                                                    LEGEND_X[1], height)
    tr, shapes = _transformer(), _shapes(atlas)
    aspect = map_rect[2] * w / (map_rect[3] * h)
    x0, y0, x1, y1 = _extent(tr, aspect)
    per_pt = (x1 - x0) / (map_rect[2] * fig.get_figwidth() * 72)  # map units per point

    def layer(name: str):
        ax = fig.add_axes(map_rect, label=name, gid=f"layer-{name}")
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_axis_off()
        return ax

    def polys(ax, isos, **kw) -> None:
        paths = [_path(shapes[i]) for i in isos if i in shapes]
        if paths:
            ax.add_collection(PathCollection(paths, **kw), autolim=False)

    base = layer("base")
    base.set_axis_on()
    base.set(xticks=[], yticks=[], facecolor=SEA)
    for s in base.spines.values():
        s.set(color="#888", linewidth=0.8)
    polys(base, list(shapes), facecolors=LAND, edgecolors=BORDER, linewidths=0.4)

    if "overlap" in view.show and view.orgs:
        ov = queries.overlap_on(atlas, view.date, view.orgs)
        polys(layer("overlap"), ov["iso3"], facecolors=[to_rgba(overlap_color(n), 0.8)
                                                       for n in ov["count"]],
              edgecolors="#333", linewidths=0.6)

    memberships = export.view_memberships(atlas, view)
    for org in view.orgs:
        ax, color = layer(f"org-{_safe(org)}"), org_color(org)
        m = memberships[memberships["org_id"] == org]
        for status in (*STATUSES, "former"):
            polys(ax, m.loc[m["status"] == status, "iso3"], **_org_style(org, color, status))

    links = export.view_links(atlas, view)
    if len(links):
        # as on the map: one line per pair and kind, one marker per place and kind
        _links(layer("links"), tr, atlas, link_groups(links), names, per_pt, (x0, y0, x1, y1))
    events = export.view_events(atlas, view)
    if len(events):
        _events(layer("events"), tr, event_groups(events), per_pt)
    if view.country:
        # on top, unlike the app's (drawn first there so that tooltips stay on the layers)
        polys(layer("selection"), [view.country], facecolors="none",
              edgecolors=to_rgba("#000", 0.8), linewidths=4 * PX)

    fig.text(0.008, 1 - 8 * pt, title, va="top", fontsize=19, weight="bold", gid="layer-title")
    if view.start:
        fig.text(0.008, 1 - 38 * pt, t("figure_range", lang, date=export.long_date(
            view.date, lang), start=export.long_date(view.start, lang)), va="top",
            fontsize=12, color="#333", gid="layer-subtitle")
    fig.text(0.008, 9 * pt, export.source_note(atlas, view), fontsize=9, color="#444",
             gid="layer-sources")
    _legend(fig, legend_rect, atlas, view, links, events)
    return fig


def _safe(org_id: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in org_id)


def _org_style(org: str, color: str, status: str) -> dict:
    """Collection style of one status of one organization, as on the interactive map."""
    style = STATUS_STYLES[status]
    kw = {"edgecolors": KEY_COLOR if status == "former" else color,
          "linewidths": style["weight"] * PX,
          "linestyles": [_dashes(style["dashArray"], style["weight"])], "facecolors": "none"}
    if status in DENSITY:
        reps, hatch_lw, tint = DENSITY[status]
        hatch = HATCHES[angle(org)]
        reps = reps if hatch in "/\\-|" else max(1, reps - 1)  # dots and rings weigh more
        kw |= {"facecolors": to_rgba(color, tint), "hatch": hatch * reps,
               "hatchcolors": to_rgba(color, 0.9)}
        kw["hatch_linewidth"] = hatch_lw
    return kw


def _links(ax, tr: Transformer, atlas: Atlas, links, names: dict[str, str], per_pt: float,
           frame: tuple[float, float, float, float]) -> None:
    """Curved links, dashed by kind, an arrowhead three quarters along where directed, and
    the name of a far end that lies off the map where the line leaves it."""
    anchors = atlas.countries.set_index("iso3")[["lon", "lat"]]
    x0, y0, x1, y1 = frame
    segs, colors, styles, heads, head_colors, labelled = [], [], [], [], [], set()
    offsets = pair_offsets(zip(links["iso3_a"], links["iso3_b"], strict=True))
    for off, (_, r) in zip(offsets, links.iterrows(), strict=True):
        color, dash = LINK_STYLES.get(r["kind"], ("#555", None))
        (lo1, la1), (lo2, la2) = anchors.loc[r["iso3_a"]], anchors.loc[r["iso3_b"]]
        ll = np.array(curved_link(lo1, la1, lo2, la2, offset=off, n=48))
        xy = _project(tr, ll[:, 1], ll[:, 0])
        segs.append(xy)
        colors.append(to_rgba(color, 0.85))
        styles.append(_dashes(dash, 3))
        if r["directed"]:
            i = round(0.75 * (len(xy) - 1))
            d = xy[i] - xy[i - 1]
            d /= np.hypot(*d) or 1
            n, size = np.array([-d[1], d[0]]), 9 * per_pt
            tip = xy[i] + d * size / 2
            heads.append([tip, tip - d * size + n * size / 2, tip - d * size - n * size / 2])
            head_colors.append(color)
        inside = (xy[:, 0] > x0) & (xy[:, 0] < x1) & (xy[:, 1] > y0) & (xy[:, 1] < y1)
        for end, iso in ((0, r["iso3_a"]), (-1, r["iso3_b"])):
            if not inside[end] and inside.any() and iso not in labelled:
                labelled.add(iso)
                idx = np.flatnonzero(inside)
                px, py = xy[idx[0] if end == 0 else idx[-1]]
                left, low = px < (x0 + x1) / 2, py < (y0 + y1) / 2
                ax.annotate(f"{names.get(iso, iso)} ›" if not left else f"‹ {names.get(iso, iso)}",
                            (px, py), xytext=(4 if left else -4, 4 if low else -4),
                            textcoords="offset points", ha="left" if left else "right",
                            va="bottom" if low else "top", fontsize=8, color=color,
                            style="italic", parse_math=False, annotation_clip=False)
    ax.add_collection(LineCollection(segs, colors=colors, linestyles=styles,
                                     linewidths=3 * PX, capstyle="round"), autolim=False)
    if heads:
        ax.add_collection(PolyCollection(heads, facecolors=head_colors, edgecolors="white",
                                         linewidths=0.5), autolim=False)


def _events(ax, tr: Transformer, events, per_pt: float) -> None:
    """Round markers with their kind's glyph; events at one place sit side by side."""
    xy = _project(tr, events["lon"], events["lat"])
    keys = [(round(lo, 2), round(la, 2)) for lo, la in zip(events["lon"], events["lat"],
                                                           strict=True)]
    total, seen = Counter(keys), Counter()
    for i, k in enumerate(keys):
        xy[i, 0] += (seen[k] - (total[k] - 1) / 2) * 15 * per_pt
        seen[k] += 1
    glyphs = [EVENT_GLYPHS.get(k, ("?", "#555")) for k in events["kind"]]
    ax.scatter(xy[:, 0], xy[:, 1], s=14**2, c=[c for _, c in glyphs], edgecolors="white",
               linewidths=1.2, zorder=3)
    for (x, y), (g, _) in zip(xy, glyphs, strict=True):
        ax.text(x, y, g, ha="center", va="center_baseline", color="white", fontsize=8,
                weight="bold", zorder=4, parse_math=False)


# --- legend -------------------------------------------------------------------------------------

def _legend(fig: Figure, rect: tuple, atlas: Atlas, view: View, links, events) -> None:
    """The legend panel: the sections of the interactive map's legend, sized to fit."""
    lang = view.lang
    orgs = atlas.organizations.set_index("org_id")
    alive = set(queries.organizations_on(atlas, view.date)["org_id"])
    sections: list[tuple[str, list[tuple[dict, str]]]] = []
    if "overlap" in view.show and view.orgs:
        sections.append((t("overlap_legend", lang), [
            ({"facecolors": to_rgba(overlap_color(n), 0.8), "edgecolors": "#333",
              "linewidths": 0.6}, str(n) if n < 6 else "6+")
            for n in range(1, min(len(view.orgs), 6) + 1)]))
    if view.orgs:
        sections.append((t("organizations", lang), [
            (_org_style(o, org_color(o), "member"),
             f"{orgs.at[o, col('acronym', lang)]} — {orgs.at[o, col('name', lang)]}"
             + ("" if o in alive else f" ({t('org_not_active', lang)})"))
            for o in view.orgs if o in orgs.index]))
        keys = [*STATUSES, "former"] if "history" in view.show else list(STATUSES)
        sections.append((t("status", lang), [
            (_org_style("KEY", KEY_COLOR, s), t(f"status_{s}", lang)) for s in keys]))
    if len(links):
        sections.append((t("links", lang), [
            ({"line": LINK_STYLES.get(k, ("#555", None))}, t(f"link_{k}", lang))
            for k in sorted(set(links["kind"]))]))
    if len(events):
        sections.append((t("events", lang), [
            ({"glyph": EVENT_GLYPHS.get(k, ("?", "#555"))}, t(f"event_{k}", lang))
            for k in sorted(set(events["kind"]))]))
    ax = fig.add_axes(rect, label="legend", gid="layer-legend")
    wpt, hpt = rect[2] * fig.get_figwidth() * 72, rect[3] * fig.get_figheight() * 72
    ax.set(xlim=(0, wpt), ylim=(0, hpt))
    ax.set_axis_off()
    ax.add_patch(Rectangle((1, 1), wpt - 2, hpt - 2, facecolor="white", edgecolor="#bbb",
                           linewidth=0.8, clip_on=False))
    for size in (12, 11, 10, 9, 8, 7, 6):
        rows, height = _legend_rows(sections, t("legend", lang), size, wpt)
        if height < hpt - 8:
            break
    for kind, y, style, text, size in rows:
        y = hpt - y
        if kind == "head":
            ax.text(8, y, text, va="top", fontsize=size, weight="bold", parse_math=False)
            continue
        _swatch(ax, 8, y - 7, style)
        ax.text(40, y, text, va="top", fontsize=size, parse_math=False, linespacing=1.15)


def _legend_rows(sections, title: str, size: float, wpt: float) -> tuple[list[tuple], float]:
    """(kind, top in points from the panel top, style, text, font size) of each line, and the
    height they take."""
    rows, y, chars = [], 8.0, max(12, int((wpt - 48) / (0.56 * size)))
    rows.append(("head", y, None, title, size + 2))
    y += (size + 2) * 1.6
    for head, items in sections:
        y += size * 0.4
        rows.append(("head", y, None, "\n".join(textwrap.wrap(head, chars + 4)), size + 0.5))
        y += (size + 0.5) * 1.45 * len(textwrap.wrap(head, chars + 4))
        for style, label in items:
            text = "\n".join(textwrap.wrap(label, chars)) or label
            rows.append(("row", y, style, text, size))
            y += max(16.0, size * 1.3 * (text.count("\n") + 1) + 4)
    return rows, y


def _swatch(ax, x: float, y: float, style: dict) -> None:
    """A 26 x 13 pt key at (x, y) (its vertical centre): fill, line or glyph marker."""
    if "line" in style:
        color, dash = style["line"]
        ax.add_line(Line2D([x, x + 26], [y, y], color=color, linewidth=3 * PX,
                           linestyle=_dashes(dash, 3)))
    elif "glyph" in style:
        glyph, color = style["glyph"]
        ax.scatter([x + 13], [y], s=13**2, c=[color], edgecolors="white", linewidths=1.2)
        ax.text(x + 13, y, glyph, ha="center", va="center_baseline", color="white",
                fontsize=7.5, weight="bold", parse_math=False)
    else:
        box = Path([(x, y - 6.5), (x + 26, y - 6.5), (x + 26, y + 6.5), (x, y + 6.5),
                    (x, y - 6.5)], closed=True)
        ax.add_collection(PathCollection([box], **style), autolim=False)
