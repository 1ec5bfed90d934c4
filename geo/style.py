"""Colours and line styles, shared by the map, its legends and the exported figures.

Organizations' and link kinds' colours are data (``colour`` and ``dash`` columns of
``organizations.csv`` and ``link_kinds.csv``, checked by the loader: no two alike); the shipped
palettes are colour-blind safe (Okabe–Ito for organizations, Paul Tol's for link kinds), and
nothing relies on colour alone: badges say their status in words, link kinds differ by
dashes, and every feature's tooltip names what it shows.
"""

from __future__ import annotations

import csv

from geo.config import REPO
from geo.memo import memo
from geo.tables import Atlas

__all__ = [
    "EVENT_GLYPHS", "KEY_COLOR", "LINK_STYLES", "link_styles", "org_colors",
]

KEY_COLOR = "#555555"  # neutral colour of the status key in the legend

#: colour and dash pattern per link kind of the *shipped* data (data/link_kinds.csv), for
#: geo.layer_links until it reads :func:`link_styles` of its Atlas; remove then.
LINK_STYLES = {r["kind"]: (r["colour"], r["dash"] or None) for r in csv.DictReader(
    (REPO / "data" / "link_kinds.csv").read_text("utf-8").splitlines())}

#: one-letter glyph per event kind, drawn inside the marker so kinds differ without colour.
EVENT_GLYPHS = {
    "exercise": ("X", "#117733"), "summit": ("S", "#0077BB"), "meeting": ("M", "#0077BB"),
    "conflict": ("C", "#BB0000"), "crisis": ("!", "#BB0000"), "base": ("B", "#882255"),
    "programme": ("P", "#555555"), "legislation": ("L", "#555555"), "parade": ("D", "#555555"),
    "talks": ("T", "#0077BB"), "deployment": ("R", "#AA4499"),
}

def org_colors(atlas: Atlas) -> dict[str, str]:
    """Each organization's colour, from the ``colour`` column of ``organizations.csv``."""
    return memo(atlas, ("org_colors",), lambda: dict(zip(
        atlas.organizations["org_id"], atlas.organizations["colour"], strict=True)))


def link_styles(atlas: Atlas) -> dict[str, tuple[str, str | None]]:
    """(colour, dash or None) per link kind, from the ``colour`` and ``dash`` columns of
    ``link_kinds.csv``; a kind missing there is drawn in :data:`KEY_COLOR`, solid."""
    kinds = atlas.extra.get("link_kinds")
    if kinds is None or not {"kind", "colour", "dash"} <= set(kinds.columns):
        return {}
    return memo(atlas, ("link_styles",), lambda: {
        k: (c, d or None) for k, c, d in zip(kinds["kind"], kinds["colour"], kinds["dash"],
                                              strict=True)})
