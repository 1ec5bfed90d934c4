"""The map's own client code (``geo/js/atlas-map.js``) and the folium elements that call it.

Each element carries its data as one JSON value and hands it to ``window.AtlasMap``; the
JavaScript builds the Leaflet objects. The data's texts (tooltips, popups) are HTML escaped by
the caller (:mod:`geo.markup`); labels and badges are set as text by the script.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from branca.element import MacroElement
from jinja2 import Template

from geo.markup import RenderOnce

__all__ = [
    "FitControl", "Frame", "Labels", "LiveShow", "Links", "MapScript", "Markers", "PresentKeys",
    "ScaleBar", "client_css", "client_script",
]

_JS = Path(__file__).with_name("js") / "atlas-map.js"


# a plain cache, not geo.memo: a shipped file, read once per process, no Atlas
@cache
def client_script() -> str:
    """The client code, read once (a JSON-safe script: it holds no ``</script>``)."""
    return _JS.read_text(encoding="utf-8")


# a plain cache, not geo.memo: a shipped file, read once per process, no Atlas
@cache
def client_css() -> str:
    """The map's style sheet (names, badges, legend, markers), read once."""
    return _JS.with_suffix(".css").read_text(encoding="utf-8")


class MapScript(RenderOnce, MacroElement):
    """Define ``window.AtlasMap``, make the map's panes and frame ``home`` ([[s, w], [n, e]]);
    add it first to the base map."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}\n"
                         "AtlasMap.setup({{ this._parent.get_name() }}, {{ this.home|tojson }});"
                         "{% endmacro %}")

    def __init__(self, home: list[list[float]]):
        super().__init__()
        self._name = "MapScript"
        self.code = client_script()
        self.home = home


class ScaleBar(MacroElement):
    """Leaflet's scale bar, wider than folium's ``control_scale``: Leaflet's default 100 px
    lets a bar shrink to 50 px, shorter than its own "500 km"."""

    _template = Template("{% macro script(this, kwargs) %}L.control.scale({maxWidth: 160})"
                         ".addTo({{ this._parent.get_name() }});{% endmacro %}")

    def __init__(self):
        super().__init__()
        self._name = "ScaleBar"


class _Data(RenderOnce, MacroElement):
    """An element that passes ``data`` to one ``AtlasMap`` call inside its feature group."""

    _call = ""

    def __init__(self, data):
        super().__init__()
        self._name = type(self).__name__
        self.data = data

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._template = Template("{% macro script(this, kwargs) %}" + cls._call + "{% endmacro %}")


class Labels(_Data):
    """Country names with badges (items from :func:`geo.layers.label_items`)."""

    _call = "AtlasMap.labels({{ this.data|tojson }}).addTo({{ this._parent.get_name() }});"


class Links(_Data):
    """Curved links with tooltips, popups and arrowheads (specs from ``geo.layer_links``)."""

    _call = "AtlasMap.addLinks({{ this._parent.get_name() }}, {{ this.data|tojson }});"


class Markers(_Data):
    """Event markers that spread apart where they would overlap."""

    _call = """(function (group, m) { m._atlasGroup = group; m.addTo(group); })(
  {{ this._parent.get_name() }}, AtlasMap.markers({{ this.data|tojson }}));"""


class FitControl(_Data):
    """Buttons that frame the region or the selection; ``data`` is
    ``{"region": [[s, w], [n, e]], "selection": … or None, "labels": {...}, "selected": iso3}``."""

    _call = """(function (group, d) {
  var ctl = L.control({position: "topleft"});
  ctl.onAdd = function (map) {
    var box = L.DomUtil.create("div", "leaflet-bar atlas-fit");
    [["region", d.labels.region], ["selection", d.labels.selection]].forEach(function (b) {
      if (!d[b[0]]) return;
      var a = L.DomUtil.create("a", "atlas-fit-" + b[0], box);
      a.href = "#"; a.setAttribute("role", "button"); a.title = b[1];
      a.setAttribute("aria-label", b[1]); a.textContent = b[0] === "region" ? "\\u2302" : "\\u2922";
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.stop(e); map.fitBounds(d[b[0]], {padding: [12, 12]});
      });
    });
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  group.on("add", function () { ctl.addTo(group._map); AtlasMap.select(d.selected); });
  group.on("remove", function () { ctl.remove(); });
})({{ this._parent.get_name() }}, {{ this.data|tojson }});"""


class LiveShow(_Data):
    """Show the extra layers the page has on: the sidebar's "More layers" chips as soon as
    they change (``data["labels"]`` maps their labels, in every language, to layer ids), else
    the address's ``show=``, else ``data["default"]``; checked on every animation frame."""

    _call = """(function (group, d) {
  group.on("add", function () { AtlasMap.live(group._map, d); });
})({{ this._parent.get_name() }}, {{ this.data|tojson }});"""


class Frame(_Data):
    """Frame the map on ``data["box"]`` ([W, S, E, N]; None: on ``data["home"]``, the region
    as [[s, w], [n, e]]) once per ``data["seq"]`` (a slide): a rerun of the same slide leaves
    the presenter's pan alone."""

    _call = """(function (group, d) {
  group.on("add", function () { AtlasMap.frame(group._map, d.seq, d.box, d.home); });
})({{ this._parent.get_name() }}, {{ this.data|tojson }});"""


class PresentKeys(_Data):
    """A presenter's keys wherever the focus is, the map included: → PageDown Space next,
    ← PageUp Shift+Space previous, Home first, End last, Esc exit. They press the page's own
    buttons (``st-key-present_*``: ``data`` maps each key to a button's key), and do nothing
    on a page without them."""

    _call = """(function (keys) {
  var top = window.parent || window;
  function press(e) {
    var t = e.target, tag = t && t.tagName ? t.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || (t && t.isContentEditable))
      return;
    var name = e.key === " " ? (e.shiftKey ? "Shift+Space" : "Space") : e.key;
    var b = keys[name] && top.document.querySelector(".st-key-" + keys[name] + " button");
    if (!b) return;
    e.preventDefault(); e.stopPropagation();
    if (!b.disabled) b.click();
  }
  [window, top].forEach(function (w) {
    if (w.__atlasPresentKeys) w.removeEventListener("keydown", w.__atlasPresentKeys, true);
    w.__atlasPresentKeys = press;
    w.addEventListener("keydown", press, true);
  });
})({{ this.data|tojson }});"""
