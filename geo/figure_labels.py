"""Country names and their badges on the figure, laid out as the live map lays them out.

The items are the live map's (:func:`geo.layers.label_items`: names in the view's language,
the region's countries first, then the others by size, with :func:`geo.encoding.chip` badges
when several organizations are chosen); the placement follows ``geo/js/atlas-map.js``: greedy,
in priority order, each label tried at its country's point and then on rings around it (a
leader line back to the point when moved); the region's labels are always shown, the others
only where their country is big enough on the figure and there is room. No two labels
overlap: sizes come from DejaVu Sans's metrics (:func:`text_width`), a little over the real
advance, so the test errs on the side of more room.

Names are real text (searchable in SVG and PDF) over a white halo; matplotlib draws text with
path effects as outlines, so the halo is a second, white copy underneath with a stroke.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import shapely
from matplotlib import patheffects
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.textpath import text_to_path
from shapely.ops import polylabel

__all__ = ["CHIP_PT", "Frame", "Placed", "anchor_on_map", "chip_height", "chip_width",
           "draw_chip", "draw_labels", "place_labels", "text_width"]

FONT = "DejaVu Sans"
NAME_PT, REGION_PT, CHIP_PT = 8.5, 10.0, 7.0
CHIP_PAD = 0.3  # a badge's padding, in its font size, on each side
CHIP_GAP, ROW_GAP, NAME_GAP = 2.0, 1.5, 1.5  # points between badges, rows, name and badges
CHIPS_MAX_W = 120.0  # badges wrap past this width (points), as the live map's 132 px row
HALO = 3.0  # the halo's stroke width (points)
INK, HALO_COLOR, LEADER = "#1d1d1d", "#ffffff", (0.16, 0.16, 0.16, 0.75)
MARGIN = 3.0  # points kept clear around a label, and between a label and the map's edge


# a plain lru_cache, not geo.memo: a pure function of its arguments, the same for every Atlas
@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of DejaVu Sans, in points, slightly over its advance."""
    prop = FontProperties(family=FONT, size=size, weight="bold" if bold else "normal")
    w, _, _ = text_to_path.get_text_width_height_descent(text, prop, ismath=False)
    return w * 1.04 + 0.5


def chip_width(text: str, size: float = CHIP_PT) -> float:
    return text_width(text, size, True) + 2 * CHIP_PAD * size


def chip_height(size: float = CHIP_PT) -> float:
    return size * 1.2 + 2 * CHIP_PAD * size


@dataclass(frozen=True)
class Frame:
    """The map's data window (projected metres) and its scale in data units per point."""

    x0: float
    y0: float
    x1: float
    y1: float
    per_pt: float

    @property
    def size_pt(self) -> tuple[float, float]:
        return (self.x1 - self.x0) / self.per_pt, (self.y1 - self.y0) / self.per_pt

    def to_pt(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.x0) / self.per_pt, (y - self.y0) / self.per_pt

    def to_data(self, px: float, py: float) -> tuple[float, float]:
        return self.x0 + px * self.per_pt, self.y0 + py * self.per_pt


@dataclass
class Placed:
    """One label shown: its item, box (points: left, bottom, width, height), anchor (points),
    name size and badge rows."""

    item: dict
    box: tuple[float, float, float, float]
    anchor: tuple[float, float]
    size: float
    rows: list[list[dict]]

    @property
    def moved(self) -> bool:
        x, y, w, h = self.box
        return abs(x + w / 2 - self.anchor[0]) > w / 2 + 2 or \
            abs(y + h / 2 - self.anchor[1]) > h / 2 + 2


def _rows(chips: list[dict]) -> list[list[dict]]:
    """Badges in rows no wider than :data:`CHIPS_MAX_W`."""
    rows: list[list[dict]] = []
    width = 0.0
    for c in chips:
        w = chip_width(c["text"])
        if rows and width + CHIP_GAP + w <= CHIPS_MAX_W:
            rows[-1].append(c)
            width += CHIP_GAP + w
        else:
            rows.append([c])
            width = w
    return rows


def _row_width(row: list[dict]) -> float:
    return sum(chip_width(c["text"]) for c in row) + CHIP_GAP * (len(row) - 1)


def _size(item: dict) -> tuple[float, float, float, list[list[dict]]]:
    """(name size, width, height, badge rows) of a label, in points."""
    size = REGION_PT if item["always"] else NAME_PT
    rows = _rows(item["chips"])
    w = max([text_width(item["name"], size, item["always"]) + HALO,
             *(_row_width(r) for r in rows)])
    h = size * 1.25 + (NAME_GAP + len(rows) * (chip_height() + ROW_GAP) if rows else 0)
    return size, w, h, rows


def _candidates(w: float, h: float, always: bool) -> list[tuple[float, float]]:
    """Offsets of a label's centre from its point: on it, then rings around it, below first
    (as the live map's ``candidates``; y grows upwards here)."""
    out = [(0.0, 0.0)]
    for k in (0.6, 1, 1.5, 2, 2.6, 3.3, 4.2, 5.2, 6.5) if always else (0.6,):
        n = 8 if k < 2 else 16
        for i in range(n):
            a = math.pi / 2 + 2 * math.pi * i / n
            out.append((math.cos(a) * k * (w / 2 + 6), -math.sin(a) * k * (h + 4)))
    return out


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _anchor(item: dict, shape, frame: Frame) -> tuple[float, float] | None:
    """Where a label goes, in points: its country's point; for a region country whose point is
    off the map, a point well inside the part of the country that is on it."""
    W, H = frame.size_pt
    x, y = frame.to_pt(*item["xy"])
    if 0.06 * W < x < 0.94 * W and 0.06 * H < y < 0.94 * H:
        return x, y
    if not item["always"] or shape is None:
        return None
    inner = shapely.box(*frame.to_data(0.06 * W, 0.06 * H), *frame.to_data(0.94 * W, 0.94 * H))
    seen = shapely.intersection(shape, inner)
    parts = [p for p in shapely.get_parts(seen)
             if isinstance(p, shapely.Polygon) and not p.is_empty]
    if not parts:
        return None
    p = polylabel(max(parts, key=lambda g: g.area), tolerance=frame.per_pt)
    return frame.to_pt(p.x, p.y)


def anchor_on_map(item: dict, shape, frame: Frame) -> bool:
    """Whether the country's label point (or a point of it) lies on the figure's map."""
    return _anchor(item, shape, frame) is not None


def place_labels(items: list[dict], shapes: dict, frame: Frame,
                 obstacles: list[tuple[float, float, float, float]]) -> list[Placed]:
    """Greedy placement in priority order; ``items`` carry ``xy`` (projected label point),
    ``obstacles`` are boxes in points (event markers) no label may cover."""
    W, H = frame.size_pt
    taken = list(obstacles)
    out = []
    for it in items:
        anchor = _anchor(it, shapes.get(it["iso3"]), frame)
        if anchor is None:
            continue
        size, w, h, rows = _size(it)
        shape = shapes.get(it["iso3"])
        span = math.sqrt(shape.area) / frame.per_pt if shape is not None else 0.0
        if not it["always"] and span < 0.8 * text_width(it["name"], size):
            continue
        for dx, dy in _candidates(w, h, it["always"]):
            box = (anchor[0] + dx - w / 2, anchor[1] + dy - h / 2, w, h)
            inside = (box[0] >= MARGIN and box[0] + w <= W - MARGIN and box[1] >= MARGIN
                      and box[1] + h <= H - MARGIN)
            if inside and not any(_overlaps(box, q) for q in taken):
                taken.append((box[0] - MARGIN, box[1] - MARGIN, w + 2 * MARGIN, h + 2 * MARGIN))
                out.append(Placed(it, box, anchor, size, rows))
                break
    return out


def draw_chip(ax, x: float, y: float, chip: dict, size: float = CHIP_PT,
              zorder: float = 5, gid: str | None = None):
    """One badge centred on (x, y) (data units): its text in a rounded box in the
    organization's colour, the border style saying the status, struck through if suspended."""
    text = ax.text(x, y, chip["text"], ha="center", va="center", fontsize=size, weight="bold",
                   color=chip["fg"], parse_math=False, zorder=zorder, gid=gid,
                   bbox={"boxstyle": f"round,pad={CHIP_PAD},rounding_size=0.4",
                         "facecolor": chip["bg"], "edgecolor": chip["border"],
                         "linewidth": 1.1, "linestyle": chip["style"]})
    if chip.get("status") == "suspended" or chip.get("strike"):
        half = text_width(chip["text"], size, True) / 2
        per_pt = _per_pt(ax)
        ax.add_line(Line2D([x - half * per_pt, x + half * per_pt], [y, y], color=chip["fg"],
                           linewidth=0.9, zorder=zorder + 0.1))
    return text


def _per_pt(ax) -> float:
    """Data units per point along x of an axes whose limits are set."""
    x0, x1 = ax.get_xlim()
    return (x1 - x0) / (ax.get_position().width * ax.figure.get_figwidth() * 72)


def draw_labels(ax, placed: list[Placed], frame: Frame) -> None:
    """Names with a halo, badges below them, and a leader line from each moved label's box to
    its country's point."""
    halo = [patheffects.Stroke(linewidth=HALO, foreground=HALO_COLOR)]
    for p in placed:
        x, y, w, h = p.box
        cx = x + w / 2
        if p.moved:
            _leader(ax, p, frame)
        top = y + h
        name_y = top - p.size * 0.625
        kw = {"ha": "center", "va": "center", "fontsize": p.size, "parse_math": False,
              "weight": "bold" if p.item["always"] else "normal"}
        ax.text(*frame.to_data(cx, name_y), p.item["name"], color=HALO_COLOR, path_effects=halo,
                zorder=4, gid=f"halo-{p.item['iso3']}", **kw)
        ax.text(*frame.to_data(cx, name_y), p.item["name"], color=INK, zorder=4.5,
                gid=f"label-{p.item['iso3']}", **kw)
        row_y = top - p.size * 1.25 - NAME_GAP
        for row in p.rows:
            row_y -= chip_height() / 2 + ROW_GAP / 2
            left = cx - _row_width(row) / 2
            for c in row:
                cw = chip_width(c["text"])
                draw_chip(ax, *frame.to_data(left + cw / 2, row_y), c,
                          gid=f"chip-{p.item['iso3']}-{c['text']}")
                left += cw + CHIP_GAP
            row_y -= chip_height() / 2 + ROW_GAP / 2


def _leader(ax, p: Placed, frame: Frame) -> None:
    """A thin line from the country's point to the edge of its moved label, and a dot."""
    x, y, w, h = p.box
    cx, cy = x + w / 2, y + h / 2
    ax_, ay = p.anchor
    dx, dy = ax_ - cx, ay - cy
    k = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
    ex, ey = cx + dx * k, cy + dy * k
    (x0, y0), (x1, y1) = frame.to_data(ax_, ay), frame.to_data(ex, ey)
    ax.add_line(Line2D([x0, x1], [y0, y1], color=LEADER, linewidth=0.8, zorder=3.5))
    ax.plot([x0], [y0], "o", markersize=2.5, color=LEADER, zorder=3.6)
