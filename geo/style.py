"""Colours and line styles, shared by the map, its legends and the exported figures.

Palettes are colour-blind safe (Okabe–Ito for organizations, Paul Tol's for link kinds), and
nothing relies on colour alone: statuses differ by fill strength and outline dashes, link kinds
by dashes, and every feature's tooltip names what it shows.
"""

from __future__ import annotations

__all__ = [
    "EVENT_GLYPHS", "KEY_COLOR", "LINK_STYLES", "ORG_COLORS", "OVERLAP_COLORS", "STATUS_STYLES",
    "org_color", "overlap_color",
]

ORG_COLORS = {
    "CSTO": "#D55E00", "CST": "#D55E00", "SCO": "#0072B2", "SHANGHAI5": "#0072B2",
    "OTS": "#009E73", "TURKIC_COUNCIL": "#009E73", "CICA": "#CC79A7", "NATO": "#56B4E9",
    "CIS": "#E69F00", "EAEU": "#B8A500", "EURASEC": "#B8A500", "CACO": "#999933",
    "C5": "#882255", "CAU": "#999933", "CAEC": "#999933", "CA_DEFMIN": "#44AA99",
}
_FALLBACK = ("#332288", "#44AA99", "#AA4499", "#117733", "#DDCC77", "#88CCEE")

#: outline per membership status (the figure's legend keys); "former" is the history view.
STATUS_STYLES = {
    "member": {"weight": 1.5, "dashArray": None},
    "observer": {"weight": 2.0, "dashArray": "6 4"},
    "partner": {"weight": 2.0, "dashArray": "2 4"},
    "suspended": {"weight": 3.0, "dashArray": "10 4 2 4"},
    "former": {"weight": 1.6, "dashArray": "1 5"},
}
KEY_COLOR = "#555555"  # neutral colour of the status key in the legend

#: colour and dash pattern per link kind (agreements solid, movements long dashes,
#: conflicts short dashes, meetings dotted).
LINK_STYLES = {
    "security_agreement": ("#332288", None),
    "arms_transfer": ("#CC6677", None),
    "joint_exercise": ("#117733", "10 5"),
    "military_presence": ("#882255", None),
    "troop_movement": ("#AA4499", "10 5"),
    "armed_conflict": ("#BB0000", "3 5"),
    "border_conflict": ("#EE7733", "3 5"),
    "border_agreement": ("#44AA99", None),
    "high_level_meeting": ("#0077BB", "1 5"),
    "population_movement": ("#999933", "10 5"),
}

#: one-letter glyph per event kind, drawn inside the marker so kinds differ without colour.
EVENT_GLYPHS = {
    "exercise": ("X", "#117733"), "summit": ("S", "#0077BB"), "meeting": ("M", "#0077BB"),
    "conflict": ("C", "#BB0000"), "crisis": ("!", "#BB0000"), "base": ("B", "#882255"),
    "programme": ("P", "#555555"), "legislation": ("L", "#555555"), "parade": ("D", "#555555"),
    "talks": ("T", "#0077BB"), "deployment": ("R", "#AA4499"),
}

#: sequential, colour-blind-safe (viridis steps) for 1..6+ organizations.
OVERLAP_COLORS = ("#fde725", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154")


def org_color(org_id: str) -> str:
    """Fixed colour for known organizations, a stable fallback for new ones."""
    if org_id == "KEY":
        return KEY_COLOR
    return ORG_COLORS.get(org_id) or _FALLBACK[sum(map(ord, org_id)) % len(_FALLBACK)]


def overlap_color(count: int) -> str:
    return OVERLAP_COLORS[min(max(count, 1), len(OVERLAP_COLORS)) - 1]
