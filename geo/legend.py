"""The map legend: one collapsible box for every visible layer.

It is a Leaflet control carried by its own feature group: added when the group is added and
removed with it, so it is swapped with the layers without reloading the map.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from geo.markup import RenderOnce, esc_inline

__all__ = ["Attribution", "Legend", "legend_html"]


def legend_html(title: str, sections: list[tuple[str, list[tuple[str, str]]]],
                open_: bool = True) -> str:
    """A collapsible legend: ``sections`` are (heading, [(swatch HTML built by the Atlas, label)]).

    Headings and labels may come from data, so they are escaped; swatches are the Atlas's own.
    """
    def grid(items: list[tuple[str, str]]) -> str:
        wide = " wide" if any(len(label) > 24 for _, label in items) else ""
        rows = "".join(f'<div class="atlas-legend-row">{sw}<span>{esc_inline(label)}</span></div>'
                       for sw, label in items)
        return f'<div class="atlas-legend-grid{wide}">{rows}</div>'

    body = "".join(f"<h4>{esc_inline(head)}</h4>{grid(items)}" for head, items in sections
                   if items)  # esc_inline: the side legend goes through st.markdown
    return (f'<details{" open" if open_ else ""}><summary>{esc_inline(title)}</summary>'
            f'<div class="atlas-legend">{body}</div></details>')


class Legend(RenderOnce, MacroElement):
    """Attach to a ``folium.FeatureGroup``; ``html_text`` must already be escaped."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function(group) {
            var ctl = L.control({position: "topright"});
            ctl.onAdd = function() {
                var div = L.DomUtil.create("div", "atlas-legend-box");
                div.innerHTML = {{ this.html_text|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            group.on("add", function() { ctl.addTo(group._map); });
            group.on("remove", function() { ctl.remove(); });
        })({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "Legend"
        self.html_text = html_text


class Attribution(RenderOnce, MacroElement):
    """Credit the border data in Leaflet's attribution control (no tiles carry it here)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text = text
