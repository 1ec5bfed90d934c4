"""What the figure draws over the country fills, as the live map draws it: links (one curved
line per pair and kind, light, arrows half-way) and event markers (one per place and kind,
spread around their place when they would overlap).

Each drawing function adds what it covers (projected metres) to a ``cover`` list, so
:func:`geo.figure.interior_points` can find where a country's fill shows alone.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_rgba

from geo.figure_labels import Frame, text_width
from geo.geometry import curved_link, pair_offsets
from geo.i18n import col
from geo.style import EVENT_GLYPHS, KEY_COLOR, link_styles
from geo.tables import Atlas
from geo.view import View

__all__ = ["MARKER_PT", "draw_events", "draw_links", "marker_positions"]

PX = 0.75  # a Leaflet CSS pixel in points, so strokes and dashes match the interactive map
MARKER_PT, BUNCH_PT = 15.0, 16.0  # an event marker's diameter; closer markers spread out


def _dashes(dash: str | None, weight: float):
    """A Leaflet ``dashArray`` (pixels) as a matplotlib dash pattern (in line widths)."""
    return "solid" if not dash else (0, tuple(float(v) / weight for v in dash.split()))


def draw_links(ax, project: Callable, atlas: Atlas, view: View, groups, f: Frame,
               cover: list) -> list:
    """One curved line per pair and kind, dashed by kind, an arrowhead half-way where
    directed, and the name of a far end that lies off the map where the line leaves it. As on
    the live map, lines are light, ended ones dotted; with a selected country, its lines are
    strong and the others faint. Returns the far ends' name boxes (points)."""
    anchors = atlas.countries.set_index("iso3")[["lon", "lat"]]
    names = dict(zip(atlas.countries["iso3"], atlas.countries[col("name", view.lang)],
                     strict=True))
    day = view.date.isoformat()
    segs, colors, styles, heads, head_colors, boxes = [], [], [], [], [], []
    offsets = pair_offsets(zip(groups["iso3_a"], groups["iso3_b"], strict=True))
    kinds = link_styles(atlas)
    for off, g in zip(offsets, groups.to_dict("records"), strict=True):
        color, dash = kinds.get(g["kind"], (KEY_COLOR, None))
        ended = bool(g["end"]) and g["end"] < day[:len(g["end"])]
        (lo1, la1), (lo2, la2) = anchors.loc[g["iso3_a"]], anchors.loc[g["iso3_b"]]
        ll = np.array(curved_link(lo1, la1, lo2, la2, offset=off, n=48))
        xy = project(ll[:, 1], ll[:, 0])
        segs.append(xy)
        mine = view.country in (g["iso3_a"], g["iso3_b"])
        alpha = 0.9 if mine else 0.2 if view.country else 0.55
        colors.append(to_rgba(color, alpha * (0.6 if ended else 1)))
        styles.append(_dashes("2 7" if ended else dash, 2.5))
        cover.append(shapely.LineString(xy).buffer(2.5 * f.per_pt))
        if g["directed"]:
            heads.append(_arrow(xy, 8 * f.per_pt))
            head_colors.append(to_rgba(color, min(1, alpha + 0.3)))
            cover.append(shapely.Polygon(heads[-1]).buffer(f.per_pt))
        boxes += _end_names(ax, xy, g, names, color, f, boxes)
    _lines(ax, segs, colors, styles)
    if heads:
        ax.add_collection(PolyCollection(heads, facecolors=head_colors, edgecolors="white",
                                         linewidths=0.6), autolim=False)
    for x, y, w, h, _ in boxes:
        cover.append(shapely.box(*f.to_data(x, y), *f.to_data(x + w, y + h)))
    return boxes


def _lines(ax, segs: list, colors: list, styles: list) -> None:
    """The lines, each with a light casing as strong as the line (a faint line gets a faint
    casing), so they read on dark fills too: one collection per opacity."""
    for alpha in sorted({c[3] for c in colors}):
        idx = [i for i, c in enumerate(colors) if c[3] == alpha]
        casing = [patheffects.Stroke(linewidth=2.5 * PX + 1.6,
                                     foreground=(1, 1, 1, min(0.75, alpha * 1.3))),
                  patheffects.Normal()]
        ax.add_collection(LineCollection([segs[i] for i in idx], colors=[colors[i] for i in idx],
                                         linestyles=[styles[i] for i in idx],
                                         linewidths=2.5 * PX, capstyle="round",
                                         path_effects=casing), autolim=False)


def _arrow(xy: np.ndarray, size: float) -> list:
    """A triangle pointing along the line, half-way along it (clear of both ends' markers)."""
    i = max(1, round(0.5 * (len(xy) - 1)))
    d = xy[min(i + 1, len(xy) - 1)] - xy[i - 1]
    d = d / (np.hypot(*d) or 1)
    n = np.array([-d[1], d[0]])
    tip = xy[i] + d * size / 2
    return [tip, tip - d * size + n * size / 2, tip - d * size - n * size / 2]


def _end_names(ax, xy: np.ndarray, g: dict, names: dict, color: str, f: Frame,
               taken: list) -> list:
    """Name an off-map end of a line where it leaves the map, once per country, where the
    name does not overlap another such name. Returns the new names' boxes (points)."""
    inside = (xy[:, 0] > f.x0) & (xy[:, 0] < f.x1) & (xy[:, 1] > f.y0) & (xy[:, 1] < f.y1)
    named = {b[4] for b in taken}
    new: list = []
    for end, iso in ((0, g["iso3_a"]), (-1, g["iso3_b"])):
        if inside[end] or not inside.any() or iso in named:
            continue
        idx = np.flatnonzero(inside)
        px, py = f.to_pt(*xy[idx[0] if end == 0 else idx[-1]])
        W, H = f.size_pt
        left, low = px < W / 2, py < H / 2
        text = f"‹ {names.get(iso, iso)}" if left else f"{names.get(iso, iso)} ›"
        tw, th = text_width(text, 8) + 3, 13.0  # with its light box
        bx = px + 4 if left else px - 4 - tw
        by = py + 4 if low else py - 4 - th
        box = (bx, by, tw, th, iso)
        if any(bx < q[0] + q[2] and q[0] < bx + tw and by < q[1] + q[3] and q[1] < by + th
               for q in [*taken, *new]):
            continue
        new.append(box)
        named.add(iso)
        ax.annotate(text, f.to_data(px, py), xytext=(4 if left else -4, 4 if low else -4),
                    textcoords="offset points", ha="left" if left else "right",
                    va="bottom" if low else "top", fontsize=8, color=color, style="italic",
                    parse_math=False, annotation_clip=False,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": (1, 1, 1, 0.8),
                          "linewidth": 0})
    return new


def marker_positions(project: Callable, groups, f: Frame) -> list[tuple]:
    """(x, y, home x, home y, glyph, colour, count) in points per marker on the map: one per
    place and kind (:func:`geo.shown.event_groups`); markers closer than :data:`BUNCH_PT`
    spread on a circle around their place, as on the live map."""
    xy = project(groups["lon"], groups["lat"])
    W, H = f.size_pt
    homes = [f.to_pt(x, y) for x, y in xy]
    out, done = [], set()
    for i, (hx, hy) in enumerate(homes):
        if i in done or not (0 <= hx <= W and 0 <= hy <= H):
            continue
        bunch = [j for j, (x, y) in enumerate(homes)
                 if j not in done and np.hypot(x - hx, y - hy) < BUNCH_PT]
        r = 9 + 2.25 * len(bunch)
        for k, j in enumerate(bunch):
            done.add(j)
            a = np.pi / 2 - 2 * np.pi * k / len(bunch)
            x, y = homes[j]
            if len(bunch) > 1:
                x, y = x + r * np.cos(a), y + r * np.sin(a)
            g = groups.iloc[j]
            glyph, color = EVENT_GLYPHS.get(g["kind"], ("?", "#555"))
            out.append((x, y, *homes[j], glyph, color, int(g["count"])))
    return out


def draw_events(ax, markers: list[tuple], f: Frame, cover: list) -> None:
    """Round markers with their kind's glyph, a count where one stands for several events, and
    a leg to the place of a marker moved aside."""
    legs = [[f.to_data(x, y), f.to_data(hx, hy)] for x, y, hx, hy, *_ in markers
            if (x, y) != (hx, hy)]
    if legs:
        ax.add_collection(LineCollection(legs, colors=[(0.2, 0.2, 0.2, 0.7)], linewidths=0.75),
                          autolim=False)
    pts = np.array([f.to_data(x, y) for x, y, *_ in markers])
    ax.scatter(pts[:, 0], pts[:, 1], s=MARKER_PT**2, c=[m[5] for m in markers],
               edgecolors="white", linewidths=1.2, zorder=3)
    for (x, y), m in zip(pts, markers, strict=True):
        ax.text(x, y, m[4], ha="center", va="center_baseline", color="white", fontsize=8,
                weight="bold", zorder=4, parse_math=False)
        if m[6] > 1:
            ax.text(x + 6.5 * f.per_pt, y + 6.5 * f.per_pt, str(m[6]), ha="center",
                    va="center", fontsize=6, color="white", zorder=5, parse_math=False,
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "#222", "linewidth": 0})
        cover.append(shapely.Point(x, y).buffer((MARKER_PT / 2 + 6) * f.per_pt))
    for a, b in legs:
        cover.append(shapely.LineString([a, b]).buffer(f.per_pt))
