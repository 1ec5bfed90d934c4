"""SVG hatch patterns for organization layers.

Each organization fills its countries with stripes at its own angle, so where several
organizations overlap the map shows cross-hatching rather than a muddy blend, and identity
does not rest on colour alone. Leaflet's SVG renderer takes ``fillColor: "url(#id)"`` as is.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from geo.markup import RenderOnce
from geo.style import org_color

__all__ = ["PatternDefs", "fill_for", "pattern_id", "patterns_svg"]

_ANGLES = (45, 135, 0, 90, 22.5, 157.5, 67.5, 112.5)
_KNOWN_ORDER = ("CSTO", "SCO", "OTS", "CICA", "NATO", "CIS", "EAEU", "C5",
                "CST", "SHANGHAI5", "TURKIC_COUNCIL", "EURASEC", "CACO")
#: status -> (stripe width, gap, stripe opacity, tint opacity)
_DENSITY = {"member": (3.0, 3.0, 0.9, 0.18), "observer": (1.5, 5.5, 0.9, 0.08),
            "partner": (1.0, 8.0, 0.8, 0.0)}


def angle(org_id: str) -> float:
    """Stripe angle of an organization; successors keep their predecessor's angle family."""
    i = _KNOWN_ORDER.index(org_id) if org_id in _KNOWN_ORDER else sum(map(ord, org_id))
    return _ANGLES[i % 8]


def pattern_id(org_id: str, status: str) -> str:
    safe = "".join(ch if ch.isalnum() else "_" for ch in org_id)
    return f"atlas-{safe}-{status}"


def fill_for(org_id: str, status: str) -> str | None:
    """``fillColor`` value for a status, or None where the status has no fill."""
    return f"url(#{pattern_id(org_id, status)})" if status in _DENSITY else None


def patterns_svg(org_ids: list[str]) -> str:
    """A hidden ``<svg>`` holding every pattern (built from ids and fixed numbers only)."""
    defs = []
    for org in org_ids:
        color = org_color(org)
        for status, (width, gap, stripe, tint) in _DENSITY.items():
            size = width + gap
            defs.append(
                f'<pattern id="{pattern_id(org, status)}" patternUnits="userSpaceOnUse" '
                f'width="{size}" height="{size}" patternTransform="rotate({angle(org)})">'
                f'<rect width="{size}" height="{size}" fill="{color}" fill-opacity="{tint}"/>'
                f'<rect width="{width}" height="{size}" fill="{color}" fill-opacity="{stripe}"/>'
                "</pattern>"
            )
    return ('<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
            + "".join(defs) + "</defs></svg>")


class PatternDefs(RenderOnce, MacroElement):
    """Put the patterns into the page once, with the base map (they never change)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function() {
            if (document.getElementById("atlas-patterns")) return;
            var holder = document.createElement("div");
            holder.id = "atlas-patterns";
            holder.innerHTML = {{ this.svg|tojson }};
            document.body.appendChild(holder);
        })();
        {% endmacro %}"""
    )

    def __init__(self, org_ids: list[str]):
        super().__init__()
        self._name = "PatternDefs"
        self.svg = patterns_svg(org_ids)
