"""Colours and line styles, shared by the map, its legends and the exported figures.

Organizations' and link kinds' colours are data (``colour`` and ``dash`` columns of
``organizations.csv`` and ``link_kinds.csv``, checked by the loader: no two alike); the shipped
palettes are colour-blind safe (Okabe–Ito for organizations, Paul Tol's for link kinds), and
nothing relies on colour alone: badges say their status in words, link kinds differ by
dashes, and every feature's tooltip names what it shows.
"""

from __future__ import annotations

from geo.i18n import col, t
from geo.memo import memo
from geo.tables import Atlas

__all__ = [
    "EVENT_GLYPHS", "KEY_COLOR", "link_labels", "link_styles", "org_colors",
]

KEY_COLOR = "#555555"  # neutral colour of the status key in the legend

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


def link_labels(atlas: Atlas, lang: str) -> dict[str, str]:
    """Each link kind's label in ``lang``, from ``link_kinds.csv`` (``label_<lang>``), else the
    catalog's ``link_<kind>``."""
    def build() -> dict[str, str]:
        table = atlas.extra.get("link_kinds")
        kinds = set(atlas.relations["kind"])
        label: dict[str, str] = {}
        if table is not None and col("label", lang) in table.columns:
            label = {k: v for k, v in zip(table["kind"], table[col("label", lang)], strict=True)
                     if isinstance(v, str) and v}
        return {k: label.get(k) or t(f"link_{k}", lang) for k in kinds | set(label)}

    return memo(atlas, ("link_labels", lang), build)
