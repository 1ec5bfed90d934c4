"""Two Leaflet maps side by side that pan and zoom together, with no CDN.

Folium's ``DualMap`` synchronises its maps with the Leaflet.Sync plugin, fetched from a CDN;
:class:`SyncedDualMap` drops that script and keeps the maps together with a few lines of its
own: whenever one map moves or zooms, the other is set to the same centre and zoom.

streamlit-folium draws a ``DualMap`` as ``map_div`` (left) and ``map_div2`` (right) and adds the
feature groups it is given to the left map only. :class:`OnSecondMap`, carried by one of those
groups, puts other feature groups on the right map while its group is on the left one, so both
sides' layers are swapped on a rerun without reloading the maps.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.plugins import DualMap
from jinja2 import Template

from geo.compat import SECOND_MAP

__all__ = ["OnSecondMap", "SyncedDualMap"]



class SyncedDualMap(DualMap):
    """``folium.plugins.DualMap`` kept in step by its own script instead of Leaflet.Sync."""

    default_js: list[tuple[str, str]] = []  # no Leaflet.Sync from cdn.jsdelivr.net
    _template = Template(
        """{% macro script(this, kwargs) %}
        (function(maps) {
            var busy = false;
            maps.forEach(function(src, i) {
                var dst = maps[1 - i];
                src.on("move zoom", function() {
                    if (busy) return;
                    busy = true;
                    try { dst.setView(src.getCenter(), src.getZoom(), {animate: false}); }
                    finally { busy = false; }
                });
            });
        })([{{ this.m1.get_name() }}, {{ this.m2.get_name() }}]);
        {% endmacro %}"""
    )


class OnSecondMap(MacroElement):
    """Attach to a feature group: while it is on a map, ``groups`` are on ``target``.

    The groups must be children of the same feature group, added before this element and with
    ``show=False`` (so that they are defined but not added to the left map).
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function(carrier, groups) {
            carrier.on("add", function() {
                groups.forEach(function(g) { {{ this.target }}.addLayer(g); });
            });
            carrier.on("remove", function() {
                groups.forEach(function(g) { {{ this.target }}.removeLayer(g); });
            });
        })({{ this._parent.get_name() }},
           [{% for g in this.groups %}{{ g.get_name() }}{{ "," if not loop.last }}{% endfor %}]);
        {% endmacro %}"""
    )

    def __init__(self, groups: list[folium.FeatureGroup], target: str = SECOND_MAP):
        super().__init__()
        self._name = "OnSecondMap"
        self.groups = groups
        self.target = target
