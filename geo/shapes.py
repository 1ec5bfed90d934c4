"""Country outlines sent to the browser once, and layers that colour them by ISO3 code.

Every polygon layer of the map (the base, each organization, the overlap, the selection) draws
countries. Carrying their coordinates in each layer would send Russia a dozen times, and again
on every toggle, because streamlit-folium resends its whole message when any layer changes.
Instead the display outlines are written once to ``static/atlas/shapes-<hash>.js``, which the
map loads by URL like Leaflet (and the browser caches), and a :class:`ShapeLayer` carries only
ISO3 codes, styles and texts. Coordinates are delta-encoded integers of 0.01°, about half the
size of GeoJSON text.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import shapely
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.markup import RenderOnce
from geo.memo import memo
from geo.tables import Atlas

__all__ = ["SCALE", "ShapeLayer", "Shapes", "display_shapes", "encode", "publish",
           "shapes_key", "shapes_script"]

DISPLAY_TOLERANCE = 0.1  # degrees (~10 km): invisible at the zooms the Atlas allows
SCALE = 100  # coordinates are sent as integers of 1/SCALE degree

#: defines ``window.ATLAS_SHAPES[<hash>]`` = {ISO3: MultiPolygon geometry}, decoding the
#: delta-encoded rings; idempotent, so a page may load it more than once
_DECODER = """(function (key, enc) {
  var all = window.ATLAS_SHAPES = window.ATLAS_SHAPES || {};
  if (all[key]) return;
  var out = {};
  Object.keys(enc).forEach(function (iso) {
    out[iso] = {type: "MultiPolygon", coordinates: enc[iso].map(function (poly) {
      return poly.map(function (ring) {
        var x = 0, y = 0, pts = [];
        for (var i = 0; i < ring.length; i += 2) {
          x += ring[i]; y += ring[i + 1]; pts.push([x / %(scale)d, y / %(scale)d]);
        }
        return pts;
      });
    })};
  });
  all[key] = out;
})(%(key)s, %(data)s);
"""

def _build(atlas: Atlas) -> tuple[dict[str, dict], str, str]:
    """Outlines, their hash and their script, once per loaded Atlas (:func:`geo.memo.memo`:
    every map asks for them, so they stay the most recently used entry)."""
    return memo(atlas, ("display_shapes",), lambda: _outlines(atlas))


def _outlines(atlas: Atlas) -> tuple[dict[str, dict], str, str]:
    b = atlas.borders
    simple = shapely.coverage_simplify(b.geometry.values, DISPLAY_TOLERANCE)
    simple = shapely.set_precision(simple, 1 / SCALE)
    # a micro-state can vanish: keep its original outline
    simple = [s if not s.is_empty else g for s, g in zip(simple, b.geometry, strict=True)]
    shapes = {iso: shapely.geometry.mapping(g) for iso, g in zip(b["iso3"], simple, strict=True)}
    data = json.dumps({iso: encode(g) for iso, g in shapes.items()}, separators=(",", ":"))
    key = hashlib.sha1(data.encode()).hexdigest()[:12]
    return shapes, key, _DECODER % {"key": json.dumps(key), "data": data, "scale": SCALE}


def display_shapes(atlas: Atlas) -> dict[str, dict]:
    """GeoJSON geometry per ISO3 at display resolution, simplified as one coverage so
    neighbours still meet; computed once per loaded borders frame."""
    return _build(atlas)[0]


def shapes_key(atlas: Atlas) -> str:
    """A hash of the encoded outlines: layers name the set of shapes they draw on."""
    return _build(atlas)[1]


def shapes_script(atlas: Atlas) -> str:
    """The JavaScript that defines the outlines in the page (see :data:`_DECODER`)."""
    return _build(atlas)[2]


def encode(geometry: dict) -> list[list[list[int]]]:
    """Polygons → rings → flat ``[dx, dy, dx, dy …]`` integers of 1/SCALE degree."""
    polys = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polys = [polys]
    out = []
    for poly in polys:
        rings = []
        for ring in poly:
            flat, px, py = [], 0, 0
            for x, y in ring:
                ix, iy = round(x * SCALE), round(y * SCALE)
                flat += [ix - px, iy - py]
                px, py = ix, iy
            rings.append(flat)
        out.append(rings)
    return out


def publish(atlas: Atlas, static_dir: Path, prefix: str) -> str | None:
    """Write the outlines script into ``static_dir/atlas/`` once; its URL under ``prefix``
    (the served static folder), or ``None`` where the folder cannot be written."""
    key = shapes_key(atlas)
    rel = f"atlas/shapes-{key}.js"
    path = static_dir / rel
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(shapes_script(atlas), encoding="utf-8")
            tmp.replace(path)  # atomic: a concurrent request never reads half a file
        except OSError:
            return None
    return f"{prefix}/{rel}"


class Shapes(JSCSSMixin, RenderOnce, MacroElement):
    """Make the outlines available to the map: linked by ``url`` (cached by the browser), or
    inline when there is no URL (exported files, hosts with a read-only static folder).

    Parameters
    ----------
    atlas : Atlas
    url : str or None
        Where :func:`publish` put the script.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}{% if not this.url %}{{ this.inline }}{% endif %}"
        "{% endmacro %}"
    )

    def __init__(self, atlas: Atlas, url: str | None = None):
        super().__init__()
        self._name = "Shapes"
        self.url = url
        self.key = shapes_key(atlas)
        self.inline = "" if url else shapes_script(atlas)
        self.default_js = [(f"atlas_shapes_{self.key}", url)] if url else []


class ShapeLayer(RenderOnce, MacroElement):
    """Countries drawn from the shared outlines: one GeoJSON layer, features by ISO3.

    Parameters
    ----------
    key : str
        :func:`shapes_key` of the outlines to draw on.
    features : list of dict
        Each ``{"iso3", "tip", "popup", "style"}``: tooltip and popup are HTML, escaped by
        the caller (:mod:`geo.markup`); empty ones are not bound.
    interactive : bool
        ``False`` for outlines that must not catch the pointer.
    focus : bool
        Hovering a country brings out its links (``AtlasMap.focus``, :mod:`geo.mapjs`).
    pane : str, optional
        A Leaflet pane above the default one (the selected country's outline).
    """

    _template = Template("""{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJSON(null, {
  interactive: {{ this.interactive|tojson }},{% if this.pane %}
  pane: {{ this.pane|tojson }},{% endif %}
  style: function (f) { return f.properties.style; },
  onEachFeature: function (f, l) {
    var p = f.properties;
    if (p.tip) l.bindTooltip(p.tip, {sticky: true});
    if (p.popup) l.bindPopup(p.popup, {maxWidth: 380, maxHeight: 320, autoPan: false});
    if (p.tip || p.popup) l.on({
      mouseover: function (e) {
        e.target.setStyle({weight: 2.5, color: "#222", opacity: 1});{% if this.focus %}
        if (window.AtlasMap) AtlasMap.focus(p.iso3);{% endif %}
      },
      mouseout: function (e) {
        {{ this.get_name() }}.resetStyle(e.target);{% if this.focus %}
        if (window.AtlasMap) AtlasMap.focus(null);{% endif %}
      }
    });
  }
});
(function (shapes, rows) {
  {{ this.get_name() }}.addData(rows.filter(function (p) { return shapes[p.iso3]; })
    .map(function (p) { return {type: "Feature", geometry: shapes[p.iso3], properties: p}; }));
})((window.ATLAS_SHAPES || {})[{{ this.key|tojson }}] || {}, {{ this.features|tojson }});
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% if this.focus %}
if (window.AtlasMap) AtlasMap.register("countries", {{ this.get_name() }});{% endif %}
{% endmacro %}""")

    def __init__(self, key: str, features: list[dict], interactive: bool = True,
                 focus: bool = False, pane: str | None = None):
        super().__init__()
        self._name = "ShapeLayer"
        self.key = key
        self.features = features
        self.interactive = interactive
        self.focus = focus
        self.pane = pane
