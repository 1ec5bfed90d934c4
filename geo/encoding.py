"""How a view's memberships become what the reader sees: one fill per country, badges, labels.

One model, drawn three ways (the live map in :mod:`geo.layers`, the figure in :mod:`geo.figure`,
the legends), so they cannot disagree:

- **Fill**: the *focus* organization (the first chosen that exists on the date) as a plain
  choropleth, one solid colour
  per status, from one fixed palette checked for colour-blind readers (``tests/test_colour.py``);
  or, with the ``overlap`` layer, the number of chosen organizations a country is a full member of.
  Meaning never rides on a pattern: hatches were unreadable past two organizations and did not
  survive SVG and PDF viewers.
- **Badges**: every chosen organization a country holds a status in, as an acronym chip in the
  organization's colour beside its name. A chip's *text* says the status (``SCO obs.``,
  ``ex-CSTO``), its border repeats it (solid, outline, dashed), so neither colour nor style alone
  carries it.
- **Labels**: country names in the view's language; the region's countries always, others as
  space allows (:data:`REGION`).
"""

from __future__ import annotations

import shapely
from shapely.ops import polylabel

from geo import epochs, lineage, queries
from geo.i18n import t
from geo.memo import memo
from geo.shapes import display_shapes
from geo.shown import view_memberships
from geo.style import KEY_COLOR, org_colors
from geo.tables import Atlas
from geo.view import View
from geo.wording import org_heading, org_titles

__all__ = [
    "BORDER", "LAND", "OVERLAP_FILLS", "REGION", "SEA", "STATUSES", "STATUS_FILLS", "chip",
    "countries_model", "fill_legend", "focus_org", "label_points", "text_on",
]

STATUSES = ("member", "observer", "partner", "suspended", "former")
#: one solid fill per status, whatever the organization (dark to light by closeness, orange for
#: a suspension, warm grey for a past membership); minimum ΔE (CAM02-UCS) 10 between any two and
#: against land and sea, for normal, deuteranopic, protanopic and tritanopic vision
#: (``tests/test_colour.py``; land and sea are told apart by the coastline)
STATUS_FILLS = {"member": "#1f5f99", "observer": "#6a9fcb", "partner": "#b4d0e8",
                "suspended": "#b35806", "former": "#a8a39a"}
LAND, SEA, BORDER = "#f4f4f1", "#dfe9f0", "#8f8f8f"
#: member of 1, 2 … 6+ chosen organizations (sequential, light to dark)
OVERLAP_FILLS = ("#dfe318", "#6ece58", "#25ab82", "#26828e", "#38588c", "#482475")  # viridis
#: always labelled: Central Asia first, then its neighbours (the order is the labels' priority)
REGION = ("KAZ", "UZB", "TKM", "KGZ", "TJK", "AFG", "IRN", "CHN", "RUS", "MNG", "PAK", "IND",
          "GEO", "ARM", "AZE", "TUR")  # the Caucasus north to south: names stack as the map
def text_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance)."""
    r, g, b = (int(background[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000000" if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else "#ffffff"


def chip(org_id: str, acronym: str, status: str, lang: str, color: str) -> dict:
    """One badge: its text (acronym plus a status word), colours and border style; ``color`` is
    the organization's (:func:`geo.style.org_colors`)."""
    text = acronym if status == "member" else t(f"badge_{status}", lang, org=acronym)
    solid = status in ("member", "suspended")
    bg = color if solid else "#ffffff"
    return {"org": org_id, "status": status, "text": text, "bg": bg,
            "fg": text_on(bg) if solid else "#222222", "border": color,
            "style": {"member": "solid", "observer": "solid", "partner": "dashed",
                      "suspended": "solid", "former": "dotted"}[status],
            "strike": status == "suspended"}


def focus_org(atlas: Atlas, view: View) -> str | None:
    """The organization that fills the map: the first chosen that exists on the date (a
    dissolved first choice would leave the map blank), else the first chosen.

    One not yet founded whose predecessor existed counts (the CSTO in 1995, drawn as the CST):
    the id returned is the one chosen; ``focus_org(atlas, lineage.on_map(atlas, view))`` is the
    one drawn.
    """
    alive = queries.alive_on(atlas, view.date)
    drawn = dict(lineage.stand_ins(atlas, view.orgs, view.date)[1])
    return next((o for o in view.orgs if drawn.get(o, o) in alive),
                view.orgs[0] if view.orgs else None)


def countries_model(atlas: Atlas, view: View) -> dict[str, dict]:
    """Per country (ISO3) that any chosen organization concerns: its fill, its badges and the
    membership rows behind them, in the order of ``view.orgs``.

    Keys of each value: ``fill`` (hex or ``None``), ``chips`` (list of :func:`chip`),
    ``rows`` (``[(org_id, status, row dict)]``) and ``count`` (full memberships).
    """
    key = ("countries_model", view.orgs, *epochs.view_key(atlas, view, "memberships"),
           "history" in view.show,
           "overlap" in view.show, view.lang)
    return memo(atlas, key, lambda: _countries_model(atlas, view))


def _countries_model(atlas: Atlas, view: View) -> dict[str, dict]:
    view = lineage.on_map(atlas, view)  # the predecessors standing in, in the order of the orgs
    acr = {o: a for o, (a, _) in org_titles(atlas, view.lang).items()}
    m = view_memberships(atlas, view)
    out: dict[str, dict] = {}
    for r in m.to_dict("records"):
        c = out.setdefault(r["iso3"], {"fill": None, "chips": [], "rows": [], "count": 0})
        c["rows"].append((r["org_id"], r["status"], r))
        c["count"] += r["status"] == "member"
    focus, colors = focus_org(atlas, view), org_colors(atlas)
    rank = {o: i for i, o in enumerate(view.orgs)}
    for c in out.values():
        c["rows"].sort(key=lambda x: rank.get(x[0], 99))
        c["chips"] = [chip(o, acr.get(o, o), s, view.lang, colors.get(o, KEY_COLOR))
                      for o, s, _ in c["rows"]]
        if "overlap" in view.show:
            n = c["count"]
            c["fill"] = OVERLAP_FILLS[min(n, len(OVERLAP_FILLS)) - 1] if n else None
        else:
            c["fill"] = next((STATUS_FILLS[s] for o, s, _ in c["rows"] if o == focus), None)
    return out


def fill_legend(atlas: Atlas, view: View) -> tuple[str, list[tuple[str, str]]]:
    """(heading, [(colour, label)]) of what the fill means in this view."""
    lang = view.lang
    if not view.orgs:
        return "", []
    if "overlap" in view.show:
        n = min(len(view.orgs), len(OVERLAP_FILLS))
        return t("overlap_legend", lang), [
            (OVERLAP_FILLS[i], str(i + 1) if i + 1 < len(OVERLAP_FILLS) else f"{i + 1}+")
            for i in range(n)]
    focus = focus_org(atlas, lineage.on_map(atlas, view))  # a stand-in's name when it fills
    name = org_heading(atlas, focus, lang)
    keys = STATUSES if "history" in view.show else STATUSES[:-1]
    return (t("fill_legend", lang, org=name),
            [(STATUS_FILLS[s], t(f"status_{s}", lang)) for s in keys])


def label_points(atlas: Atlas) -> dict[str, tuple[float, float, float]]:
    """Where each country's name goes: (lon, lat, area in square degrees) of a point well inside
    its largest polygon (the pole of inaccessibility), computed once per loaded borders."""
    return memo(atlas, ("label_points",), lambda: _label_points(atlas))


def _label_points(atlas: Atlas) -> dict[str, tuple[float, float, float]]:
    out = {}
    for iso, geom in display_shapes(atlas).items():
        g = shapely.geometry.shape(geom)
        parts = list(getattr(g, "geoms", [g]))
        big = max(parts, key=lambda p: p.area)
        try:
            p = polylabel(big, tolerance=0.1)
        except (ValueError, shapely.errors.GEOSException):  # a degenerate ring
            p = big.representative_point()
        out[iso] = (round(p.x, 3), round(p.y, 3), round(g.area, 2))
    return out
