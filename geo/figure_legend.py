"""The figure's legend panel, drawn from :func:`geo.legend.legend_model` (the live map's legend),
so the two say the same: fill swatches, badges, link lines and event glyphs.

Laid out in points in its own axes (``gid="layer-legend"``): the largest font size at which
every section fits the panel, short items in two columns (as the HTML legend's grid), long
labels wrapped by measured width.
"""

from __future__ import annotations

from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from geo.figure_labels import chip_height, chip_width, draw_chip, text_width

__all__ = ["draw_legend"]

SIZES = (11.0, 10.0, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
PAD = 8.0  # points inside the panel's edge
GAP = 6.0  # points between a swatch and its label


def _dashes(dash: str | None, weight: float):
    return "solid" if not dash else (0, tuple(float(v) / weight for v in dash.split()))


def _wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Lines of ``text`` no wider than ``width`` points (a single long word stays whole)."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        cand = f"{cur} {word}" if cur else word
        if cur and text_width(cand, size, bold) > width:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    return [*lines, cur] if cur or not lines else lines


def _chip_size(size: float) -> float:
    return max(5.5, round(size * 0.8, 1))


def _swatch_width(sw: dict, size: float) -> float:
    if "chip" in sw:
        return chip_width(sw["chip"]["text"], _chip_size(size))
    return {"fill": 24.0, "line": 28.0}.get(next(iter(sw)), 16.0)


def _layout(sections, title: str, size: float, wpt: float) -> tuple[list[tuple], float]:
    """Rows to draw (kind, x, y from the top, payload, size) and the height they need."""
    rows: list[tuple] = [("head", PAD, PAD, title, size + 2)]
    y = PAD + (size + 2) * 1.55
    inner = wpt - 2 * PAD
    for head, items in sections:
        if not items:
            continue
        y += size * 0.45
        for line in _wrap(head, size + 0.5, inner, bold=True):
            rows.append(("head", PAD, y, line, size + 0.5))
            y += (size + 0.5) * 1.35
        sw = max(_swatch_width(s, size) for s, _ in items)
        half = (inner - GAP) / 2
        two = all(text_width(label, size) <= half - sw - GAP for _, label in items)
        col_w = half if two else inner
        line_h = size * 1.25
        row_h = max(chip_height(_chip_size(size)), 13.0 * size / 10) + 3
        for i, (swatch, label) in enumerate(items):
            col = i % 2 if two else 0
            lines = _wrap(label, size, col_w - sw - GAP)
            h = max(row_h, line_h * len(lines) + 3)
            rows.append(("item", PAD + col * (half + GAP), y, (swatch, sw, lines), size))
            if not two or col == 1 or i == len(items) - 1:
                y += h
    return rows, y + PAD / 2


def draw_legend(fig, rect: tuple, title: str, sections) -> None:
    """The legend panel in ``rect`` (figure fraction): a frame, the title, then each section
    of ``sections`` (:func:`geo.legend.legend_model`) at the largest size that fits."""
    ax = fig.add_axes(rect, label="legend", gid="layer-legend")
    wpt, hpt = rect[2] * fig.get_figwidth() * 72, rect[3] * fig.get_figheight() * 72
    ax.set(xlim=(0, wpt), ylim=(0, hpt))
    ax.set_axis_off()
    ax.add_patch(Rectangle((1, 1), wpt - 2, hpt - 2, facecolor="white", edgecolor="#bbb",
                           linewidth=0.8, clip_on=False))
    for size in SIZES:
        rows, height = _layout(sections, title, size, wpt)
        if height <= hpt:
            break
    for kind, x, y, payload, size in rows:
        top = hpt - y
        if kind == "head":
            ax.text(x, top, payload, va="top", fontsize=size, weight="bold", parse_math=False)
            continue
        swatch, sw, lines = payload
        _swatch(ax, x, top - size * 0.68, swatch, sw, size)
        ax.text(x + sw + GAP, top, "\n".join(lines), va="top", fontsize=size,
                parse_math=False, linespacing=1.15)


def _swatch(ax, x: float, y: float, sw: dict, width: float, size: float) -> None:
    """One key whose vertical centre is at ``y`` (points), left edge at ``x``."""
    if "fill" in sw:
        ax.add_patch(Rectangle((x, y - 6), 24, 12, facecolor=sw["fill"], edgecolor="#777",
                               linewidth=0.8))
    elif "chip" in sw:
        draw_chip(ax, x + chip_width(sw["chip"]["text"], _chip_size(size)) / 2, y, sw["chip"],
                  _chip_size(size))
    elif "line" in sw:
        color, dash = sw["line"]
        ax.add_line(Line2D([x, x + 28], [y, y], color=color, linewidth=2.25,
                           linestyle=_dashes(dash, 2.25)))
    else:
        glyph, color = sw["glyph"]
        ax.scatter([x + 8], [y], s=13**2, c=[color], edgecolors="white", linewidths=1.2)
        ax.text(x + 8, y, glyph, ha="center", va="center_baseline", color="white",
                fontsize=7.5, weight="bold", parse_math=False)
