/* The Atlas map's client side, loaded once with the base map (see geo/mapjs.py).
 *
 * - panes: countries and links in Leaflet's overlay pane, then the selected country's outline,
 *   arrowheads, labels, event markers, tooltips (bottom to top);
 * - AtlasLabels: country names with membership badges, laid out on every zoom so that no two
 *   overlap (region countries always shown, moved aside with a leader line if they must be;
 *   others only where their country is big enough on screen and there is room);
 * - atlasFocus: links of the hovered (or selected) country drawn strong, the others faint;
 * - AtlasMarkers: event markers that would overlap are spread around their place, with a line
 *   to it, so each stays reachable.
 * Every text arrives escaped as HTML by the server (geo.markup.esc), like tooltips and popups.
 */
(function () {
  if (window.AtlasMap) return;
  var PANES = {atlasSelection: 450, atlasArrows: 460, atlasLabels: 500, atlasEvents: 610};

  // --- the extent: kept in the address (bbox=W,S,E,N) and across reruns of this tab ---------
  var TOP = (function () { try { return window.parent.location.href && window.parent; }
                           catch (e) { return null; } })();  // null: not inside the app

  function boxOf(text) {
    var p = (text || "").split(",").map(Number);
    if (p.length !== 4 || p.some(isNaN) || p[0] >= p[2] || p[1] >= p[3]) return null;
    return [[p[1], p[0]], [p[3], p[2]]];
  }

  function boxText(map) {
    var b = map.getBounds(), r = function (x) { return +x.toFixed(2); };
    return [r(Math.max(b.getWest(), -180)), r(Math.max(b.getSouth(), -85)),
            r(Math.min(b.getEast(), 180)), r(Math.min(b.getNorth(), 85))].join(",");
  }

  // the address follows at once (no rerun); the app hears of it through a "atlas-extent" event
  // on its window, which geo/js/extent.js passes on to Python
  function remember(map) {
    var text = boxText(map);
    if (!TOP) return;
    TOP.__atlasExtent = text;
    var url = new URL(TOP.location.href);
    if (url.searchParams.get("bbox") !== text) {
      url.searchParams.set("bbox", text);
      TOP.history.replaceState(TOP.history.state, "", url.pathname + url.search + url.hash);
    }
    TOP.dispatchEvent(new TOP.CustomEvent("atlas-extent", {detail: text}));
  }

  // where a new map opens: this tab's last extent (a language switch or a page change re-makes
  // the map), else the address's bbox= (a shared link, a reload), else the region
  function startFrame(home) {
    if (!TOP) return {box: home, tab: false};
    var saved = boxOf(TOP.__atlasExtent);
    if (saved) return {box: saved, tab: true};
    return {box: boxOf(new URL(TOP.location.href).searchParams.get("bbox")) || home, tab: false};
  }

  function setup(map, home) {
    panes(map);
    // the frame may get its final size after the map is made: frame again on a resize until
    // the view is moved by anything else (the reader, a synchronised map, a saved view)
    var fitting = false, fresh = true, start = startFrame(home);
    function fit() {
      fitting = true;
      try { map.fitBounds(start.box, {animate: false}); } finally { fitting = false; }
    }
    map.on("movestart", function () { if (!fitting) fresh = false; });
    map.on("resize", function () { if (fresh) fit(); });
    map.on("moveend", function () { if (!fitting && !fresh) remember(map); });
    // a frame the app asks for: a slide's own extent (kept in the address), or the region
    // (``quiet``: refitted on a resize like a new map, and not written anywhere)
    map.__atlasFrame = function (box, quiet) {
      start = {box: box, tab: false};
      fresh = true;
      fit();
      if (!quiet) { fresh = false; remember(map); }
    };
    fit();
    // re-made with this tab's extent while the address still holds an older one (a language
    // switch right after a pan): the address and the app catch up
    if (start.tab && new URL(TOP.location.href).searchParams.get("bbox") !== TOP.__atlasExtent)
      remember(map);
  }

  // a frame the app asks for (a slide's bbox): applied once per request number, so a rerun
  // that repeats the request does not undo the reader's pan
  function frame(map, seq, box, home) {
    if (!TOP || TOP.__atlasFrameSeq === seq) return;
    TOP.__atlasFrameSeq = seq;
    var b = box && boxOf(box.join(","));
    if (!map.__atlasFrame) return;
    // the slide's own extent: the address keeps the slide's bbox (the server wrote it), not
    // this screen's fit of it, so a shared link frames the slide on any screen
    if (b) { map.__atlasFrame(b, true); TOP.__atlasExtent = box.join(","); return; }
    // a slide with no extent of its own: the region, and none in the address (it would be
    // this screen's, not the slide's)
    map.__atlasFrame(home, true);
    TOP.__atlasExtent = null;
    var url = new URL(TOP.location.href);
    if (url.searchParams.has("bbox")) {
      url.searchParams.delete("bbox");
      TOP.history.replaceState(TOP.history.state, "", url.pathname + url.search + url.hash);
    }
  }

  function panes(map) {
    Object.keys(PANES).forEach(function (name) {
      if (!map.getPane(name)) map.createPane(name).style.zIndex = PANES[name];
    });
    map.getPane("atlasLabels").style.pointerEvents = "none";
    map.getPane("atlasArrows").style.pointerEvents = "none";
  }

  // --- focus: which links are strong --------------------------------------------------------
  var links = [];  // {layer, arrow, a, b, color}
  var markerSets = [];  // AtlasMarkers layers on the map: their markers are labels' obstacles
  var state = {selected: null, hovered: null};

  function paintLinks() {
    var who = state.hovered || state.selected;
    links.forEach(function (l) {
      var on = !who || l.a === who || l.b === who;
      var strong = who && on;
      l.layer.setStyle({opacity: strong ? 0.95 : (on ? l.base : 0.12),
                        weight: strong ? 4 : l.weight});
      if (l.arrow) l.arrow.setOpacity(strong ? 1 : (on ? 0.85 : 0.15));
      if (strong) l.layer.bringToFront();
    });
  }

  function focus(iso3) { state.hovered = iso3 || null; paintLinks(); }
  function select(iso3) { state.selected = iso3 || null; paintLinks(); }

  function addLinks(group, specs) {
    specs.forEach(function (s) {
      var line = L.polyline(s.pts, {color: s.color, weight: s.weight, opacity: s.opacity,
                                    dashArray: s.dash, lineCap: "round",
                                    className: "atlas-link"});
      line.bindTooltip(s.tip, {sticky: true});
      line.bindPopup(s.popup, {maxWidth: 380, maxHeight: 320, autoPan: false});
      line.on("mouseover", function () { line.setStyle({weight: 5}); });
      line.on("mouseout", function () { paintLinks(); });
      line.addTo(group);
      var arrow = null;
      if (s.arrow) {
        var icon = L.divIcon({className: "", iconSize: [14, 14], iconAnchor: [7, 7],
          html: '<div class="atlas-arrow" style="color:' + s.color + ';transform:rotate(' +
                (s.arrow[2] - 90) + 'deg)">&#9654;</div>'});
        arrow = L.marker([s.arrow[0], s.arrow[1]], {icon: icon, interactive: false,
                                                   pane: "atlasArrows", keyboard: false});
        arrow.addTo(group);
      }
      var rec = {layer: line, arrow: arrow, a: s.a, b: s.b, base: s.opacity, weight: s.weight};
      links.push(rec);
      group.on("remove", function () {
        var i = links.indexOf(rec); if (i >= 0) links.splice(i, 1);
      });
    });
    paintLinks();
  }

  // --- labels ---------------------------------------------------------------------------------
  function overlaps(r, q) {
    return r.x < q.x + q.w && q.x < r.x + r.w && r.y < q.y + q.h && q.y < r.y + r.h;
  }

  function within(r, q) {
    return r.x >= q.x && r.y >= q.y && r.x + r.w <= q.x + q.w && r.y + r.h <= q.y + q.h;
  }

  function candidates(w, h, always) {
    var out = [[0, 0]];
    var rings = always ? [0.6, 1, 1.5, 2, 2.6, 3.3, 4.2, 5.2, 6.5] : [0.6];
    rings.forEach(function (k) {
      var n = k < 2 ? 8 : 16;
      for (var i = 0; i < n; i++) {
        var a = Math.PI / 2 + 2 * Math.PI * i / n;  // below first, then around
        out.push([Math.cos(a) * k * (w / 2 + 6), Math.sin(a) * k * (h + 4)]);
      }
    });
    return out;
  }

  // is (lon, lat) inside a MultiPolygon's coordinates? (even-odd over every ring)
  function inside(coords, lon, lat) {
    var c = false;
    coords.forEach(function (poly) {
      poly.forEach(function (ring) {
        for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
          if ((yi > lat) !== (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) c = !c;
        }
      });
    });
    return c;
  }

  // where a region country's name goes when its usual point is off the map: the point of the
  // country, on screen, nearest to the usual one (sampled on a grid)
  function onScreen(map, it, shapes) {
    var b = map.getBounds().pad(-0.06), geom = shapes && shapes[it.iso3];
    if (b.contains([it.lat, it.lon]) || !geom) return [it.lat, it.lon];
    var best = null, bd = Infinity, s = b.getSouth(), n = b.getNorth(), w = b.getWest(),
        e = b.getEast(), want = map.latLngToLayerPoint([it.lat, it.lon]);
    for (var i = 0; i <= 14; i++) {
      for (var k = 0; k <= 10; k++) {
        var lon = w + (e - w) * i / 14, lat = s + (n - s) * k / 10;
        if (!inside(geom.coordinates, lon, lat)) continue;
        var d = map.latLngToLayerPoint([lat, lon]).distanceTo(want);
        if (d < bd) { bd = d; best = [lat, lon]; }
      }
    }
    return best || [it.lat, it.lon];
  }

  var AtlasLabels = L.Layer.extend({
    initialize: function (data) {
      this._items = data.items; this._key = data.key; register("labels", this);
    },
    onAdd: function (map) {
      this._box = L.DomUtil.create("div", "atlas-labels leaflet-zoom-hide",
                                   map.getPane("atlasLabels"));
      var leaders = L.DomUtil.create("div", "atlas-leaders", this._box);  // under the names
      this._items.forEach(function (it) {
        var el = L.DomUtil.create("div", "atlas-label" + (it.always ? " region" : ""), this._box);
        el.setAttribute("data-iso3", it.iso3);
        var name = L.DomUtil.create("span", "atlas-name", el);
        name.innerHTML = it.name;  // escaped by the server
        if (it.chips && it.chips.length) {
          var row = L.DomUtil.create("span", "atlas-chips", el);
          it.chips.forEach(function (c) {
            var chip = L.DomUtil.create("span", "atlas-chip " + c.status, row);
            chip.innerHTML = c.text;  // escaped by the server
            chip.style.background = c.bg;
            chip.style.color = c.fg;
            chip.style.borderColor = c.border;
            chip.style.borderStyle = c.style;
          });
        }
        it.el = el;
        it.leader = L.DomUtil.create("div", "atlas-leader", leaders);
      }, this);
      map.on("zoomend moveend viewreset resize", this._layout, this);
      this._relayout = L.Util.bind(function () { this._layout(); }, this);
      map.getContainer().addEventListener("toggle", this._relayout, true);  // legend <details>
      this._layout();
    },
    onRemove: function (map) {
      map.off("zoomend moveend viewreset resize", this._layout, this);
      map.getContainer().removeEventListener("toggle", this._relayout, true);
      L.DomUtil.remove(this._box);
    },
    _layout: function () {
      var map = this._map, placed = [], z = map.getZoom();
      // smaller type where the countries are small on screen
      this._box.classList.toggle("compact", z < 4);
      this._box.classList.toggle("roomy", z >= 5.5);
      // the legend and buttons are obstacles too: a name under them cannot be read
      var box = map.getContainer().getBoundingClientRect();
      map.getContainer().querySelectorAll(".leaflet-control").forEach(function (c) {
        var r = c.getBoundingClientRect();
        if (!r.width) return;
        var q = map.containerPointToLayerPoint([r.left - box.left, r.top - box.top]);
        placed.push({x: q.x - 4, y: q.y - 4, w: r.width + 8, h: r.height + 8});
      });
      markerSets.forEach(function (set) {
        set._markers.forEach(function (m) {
          var q = map.latLngToLayerPoint(m.getLatLng());
          placed.push({x: q.x - 10, y: q.y - 10, w: 20, h: 20});
        });
      });
      var shapes = (window.ATLAS_SHAPES || {})[this._key];
      var tl = map.containerPointToLayerPoint([0, 0]), size = map.getSize();
      var view = {x: tl.x + 2, y: tl.y + 2, w: size.x - 4, h: size.y - 4};
      var ppd = 256 * Math.pow(2, map.getZoom()) / 360;  // pixels per degree of longitude
      this._items.forEach(function (it) {
        var el = it.el;
        var p = map.latLngToLayerPoint(it.always ? onScreen(map, it, shapes) : [it.lat, it.lon]);
        el.style.display = "";
        var w = el.offsetWidth, h = el.offsetHeight, best = null;
        var span = Math.sqrt(it.area) * ppd / Math.sqrt(Math.cos(it.lat * Math.PI / 180));
        if (it.always || span >= 0.8 * el.firstChild.offsetWidth) {
          var cs = candidates(w, h, it.always);
          // first a place wholly on the map, then (region names) any free place
          for (var pass = 0; pass < (it.always ? 2 : 1) && !best; pass++) {
            for (var i = 0; i < cs.length && !best; i++) {
              var r = {x: p.x + cs[i][0] - w / 2, y: p.y + cs[i][1] - h / 2, w: w, h: h};
              if ((pass || within(r, view)) &&
                  !placed.some(function (q) { return overlaps(r, q); })) best = r;
            }
          }
        }
        if (!best) { el.style.display = "none"; it.leader.style.display = "none"; it.shown = false; return; }
        placed.push({x: best.x - 2, y: best.y - 1, w: best.w + 4, h: best.h + 2});
        el.style.left = best.x + "px";
        el.style.top = best.y + "px";
        it.shown = true;
        var cx = best.x + w / 2, cy = best.y + h / 2, dx = cx - p.x, dy = cy - p.y;
        var far = Math.abs(dx) > w / 2 + 2 || Math.abs(dy) > h / 2 + 2;
        it.leader.style.display = far ? "" : "none";
        if (far) {
          // to the near edge of the label's box, not its middle
          var k = Math.min(Math.abs(dx) > 0 ? (w / 2) / Math.abs(dx) : Infinity,
                           Math.abs(dy) > 0 ? (h / 2) / Math.abs(dy) : Infinity, 1);
          dx *= 1 - k; dy *= 1 - k;
          var len = Math.sqrt(dx * dx + dy * dy);
          it.leader.style.left = p.x + "px";
          it.leader.style.top = p.y + "px";
          it.leader.style.width = len + "px";
          it.leader.style.transform = "rotate(" + Math.atan2(dy, dx) + "rad)";
        }
      });
      if (map.getContainer()) map.getContainer().setAttribute("data-labels-zoom", map.getZoom());
    }
  });

  // --- event markers -----------------------------------------------------------------------------
  var AtlasMarkers = L.Layer.extend({
    initialize: function (specs) {
      this._specs = specs; this._group = L.layerGroup(); register("markers", this);
    },
    onAdd: function (map) {
      this._markers = this._specs.map(function (s) {
        var m = L.marker([s.lat, s.lon], {pane: "atlasEvents", riseOnHover: true,
          icon: L.divIcon({className: "", html: s.icon, iconSize: [20, 20], iconAnchor: [10, 10]})});
        m.bindTooltip(s.tip, {sticky: true});
        m.bindPopup(s.popup, {maxWidth: 380, maxHeight: 320, autoPan: false});
        m.addTo(this._group);
        m._atlasHome = L.latLng(s.lat, s.lon);
        return m;
      }, this);
      this._legs = L.layerGroup().addTo(this._group);
      this._group.addTo(map);
      markerSets.push(this);
      map.on("zoomend viewreset", this._spread, this);
      this._spread();
    },
    onRemove: function (map) {
      markerSets.splice(markerSets.indexOf(this), 1);
      map.off("zoomend viewreset", this._spread, this);
      map.removeLayer(this._group);
      this._group.clearLayers();  // made anew on the next onAdd (a live switch)
    },
    _spread: function () {
      var map = this._map, ms = this._markers, used = [], legs = this._legs;
      legs.clearLayers();
      ms.forEach(function (m) { m._done = false; });
      ms.forEach(function (m) {
        if (m._done) return;
        var home = map.latLngToLayerPoint(m._atlasHome);
        var bunch = ms.filter(function (o) {
          return !o._done && map.latLngToLayerPoint(o._atlasHome).distanceTo(home) < 22;
        });
        bunch.forEach(function (o, i) {
          o._done = true;
          var at = o._atlasHome;
          if (bunch.length > 1) {
            var a = -Math.PI / 2 + 2 * Math.PI * i / bunch.length, r = 12 + 3 * bunch.length;
            var h = map.latLngToLayerPoint(o._atlasHome);
            at = map.layerPointToLatLng(L.point(h.x + r * Math.cos(a), h.y + r * Math.sin(a)));
            L.polyline([o._atlasHome, at], {color: "#333", weight: 1, opacity: 0.7,
                                            interactive: false, pane: "atlasArrows"}).addTo(legs);
          }
          o.setLatLng(at);
        });
      });
    }
  });

  // --- live extra layers: "events", "history", "overlap" switched in the page ---------------
  // The layers carry every variant (geo.layers.map_layers(live=True)); this shows the one the
  // sidebar has on the moment its chips change, before the server's rerun (which then finds
  // the same layers and replaces nothing).
  var live = {countries: [], labels: [], markers: [], key: null, data: null, loop: false};

  function register(kind, layer) { live[kind].push(layer); }

  function pageShow(d) {
    if (TOP) {
      var box = TOP.document.querySelector(d.chips[0]);
      if (box) {
        var ids = [];
        box.querySelectorAll(d.chips[1]).forEach(function (tag) {
          var k = d.labels[(tag.getAttribute(d.chips[2]) || "").trim()];
          if (k && ids.indexOf(k) < 0) ids.push(k);
        });
        return ids;
      }
      var q = new URL(TOP.location.href).searchParams.get("show");
      if (q !== null) return q.split(",").filter(function (x) { return x; });
    }
    return d["default"];
  }

  function restyle(layer, v) {
    layer.eachLayer(function (l) {
      var p = l.feature.properties;
      if (!p.v && !p._base) return;
      if (!p._base) p._base = {style: p.style, tip: p.tip, popup: p.popup};
      var d = (p.v && p.v[v]) || {};
      p.style = d.style || p._base.style;
      layer.resetStyle(l);
      var tip = "tip" in d ? d.tip : p._base.tip, pop = "popup" in d ? d.popup : p._base.popup;
      if (tip && l.getTooltip()) l.setTooltipContent(tip);
      if (pop && l.getPopup()) l.setPopupContent(pop);
      else if (pop) l.bindPopup(pop, {maxWidth: 380, maxHeight: 320, autoPan: false});
      else if (l.getPopup()) l.unbindPopup();
    });
  }

  function applyShow(show) {
    var key = show.slice().sort().join(",");
    if (key === live.key) return;
    live.key = key;
    var h = show.indexOf("history") >= 0, v = (h ? "h" : "") + (show.indexOf("overlap") >= 0 ? "o" : "");
    live.countries = live.countries.filter(function (l) { return l._map; });
    live.countries.forEach(function (l) { restyle(l, v); });
    live.markers = live.markers.filter(function (m) { return m._atlasGroup && m._atlasGroup._map; });
    live.markers.forEach(function (m) {
      var on = show.indexOf("events") >= 0;
      if (on && !m._map) m._atlasGroup.addLayer(m);
      if (!on && m._map) m._atlasGroup.removeLayer(m);
    });
    live.labels = live.labels.filter(function (l) { return l._map; });
    live.labels.forEach(function (lab) {
      if (lab._h === h) return;
      lab._h = h;
      lab._items.forEach(function (it) {
        if (!("_chips0" in it)) it._chips0 = it.chips;
        it.chips = h && it.chips_h ? it.chips_h : it._chips0;
      });
      var map = lab._map;
      lab.onRemove(map); lab.onAdd(map);
    });
    // the names make room for markers that came or went: after this frame is drawn
    window.clearTimeout(live.relayout);
    live.relayout = window.setTimeout(function () {
      live.labels.forEach(function (lab) { if (lab._map) lab._layout(); });
    }, 30);
    [document, TOP && TOP.document].forEach(function (doc) {
      if (!doc) return;
      doc.querySelectorAll(".atlas-variant").forEach(function (el) {
        el.classList.toggle("on", el.getAttribute("data-show").split("|").indexOf(key) >= 0);
      });
    });
  }

  function startLive(map, d) {
    live.data = d;
    live.key = null;
    applyShow(pageShow(d));
    if (live.loop) return;
    live.loop = true;
    (function tick() {
      try { applyShow(pageShow(live.data)); } catch (e) { /* the page is changing */ }
      window.requestAnimationFrame(tick);
    })();
  }

  window.AtlasMap = {
    setup: setup, frame: frame, live: startLive, register: register, addLinks: addLinks, focus: focus, select: select,
    labels: function (items) { return new AtlasLabels(items); },
    markers: function (specs) { return new AtlasMarkers(specs); }
  };
})();
