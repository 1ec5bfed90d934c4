"""Folium layers of the Atlas map for one :class:`~geo.view.View`.

The base map (every country, neutral) is identical on every rerun in a language, so
streamlit-folium keeps it, with the user's pan and zoom, while the layers are swapped as
feature groups. Each organization layer carries only the countries it colours, at display
resolution, filled with that organization's hatch pattern (see :mod:`geo.patterns`).
"""

from __future__ import annotations

import hashlib

import folium
import pandas as pd
from branca.element import Element

from geo import assets, queries
from geo.dualmap import OnSecondMap, SyncedDualMap
from geo.geometry import arrow_head, curved_link, pair_offsets
from geo.i18n import col, t
from geo.legend import Attribution, Legend, legend_html
from geo.markup import Detail, esc, rows_html
from geo.memo import memo
from geo.patterns import PatternDefs, fill_for, patterns_svg
from geo.shapes import ShapeLayer, Shapes, display_shapes, shapes_key
from geo.shown import event_groups, link_groups, view_events, view_links
from geo.style import (
    EVENT_GLYPHS,
    KEY_COLOR,
    LINK_STYLES,
    STATUS_STYLES,
    org_color,
    overlap_color,
)
from geo.tables import Atlas
from geo.view import View

__all__ = [
    "base_map", "dual_layers", "dual_map", "event_layer", "legend_layer",
    "link_layer", "map_layers", "legend_sections", "org_layer", "overlap_layer",
    "selection_layer", "side_legend", "source_line",
]

CENTER, ZOOM = (46.0, 60.0), 3
STATUSES = ("member", "observer", "partner", "suspended")
MAP_OPTIONS = {"zoom_start": ZOOM, "tiles": None, "min_zoom": 2, "max_zoom": 7,
               "control_scale": True, "world_copy_jump": False}
#: the compare page's two maps: a thin gap between them, and the component's frame filled
#: (the default 8px body margin would crop the maps' bottom edge, their scale and credits)
DUAL_CSS = ("<style>body { margin: 0; } #map_div2 { border-left: 3px solid #fff; "
            "box-sizing: border-box; }</style>")
MAP_CSS = """<style>
.leaflet-container { background: #dfe9f0; font: 13px/1.35 system-ui, sans-serif; }
.atlas-legend-box { background: rgba(255,255,255,.94); padding: 3px 7px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 340px; max-height: 360px; overflow: auto;
  font-size: 11px; line-height: 1.25; }
.atlas-side.atlas-legend-box { max-height: none; max-width: none; box-shadow: none;
  border: 1px solid #ddd; }
.atlas-side h4 { padding: 0; }
.atlas-legend-grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 8px; }
.atlas-legend-grid.wide { grid-template-columns: 1fr; }
.atlas-legend-box summary { cursor: pointer; font-weight: 700; }
.atlas-legend h4 { margin: 4px 0 1px; font-size: 11px; }
.atlas-legend-row { display: flex; align-items: center; gap: 6px; margin-top: 2px; }
.atlas-detail table { border-collapse: collapse; margin-top: 4px; }
.atlas-detail th { text-align: left; padding-right: 8px; vertical-align: top; color: #555;
  font-weight: 600; }
.atlas-detail td { max-width: 300px; white-space: normal; }
.atlas-glyph { width: 18px; height: 18px; border-radius: 50%; color: #fff; font-weight: 700;
  font-size: 11px; line-height: 18px; text-align: center; border: 1.5px solid #fff;
  box-shadow: 0 0 2px #000; }
.atlas-glyph { position: relative; }
.atlas-count { position: absolute; top: -7px; right: -10px; min-width: 12px; padding: 0 2px;
  border-radius: 7px; background: #222; color: #fff; font-size: 9px; line-height: 12px; }
.atlas-arrow { font-size: 14px; line-height: 14px; text-align: center; }
</style>"""

def _names(atlas: Atlas, lang: str) -> dict[str, str]:
    return dict(zip(atlas.countries["iso3"], atlas.countries[col("name", lang)], strict=True))


def source_line(atlas: Atlas, source_id: str, locator: str, lang: str) -> str:
    """Plain-text citation: title, outlet, date and locator of an article, or the reference."""
    r = _sources(atlas).get(source_id)
    if r is None:
        return source_id
    kind = t("source_article" if r["kind"] == "article" else "source_reference", lang)
    cite = ", ".join(p for p in (r["title"], r["outlet"], r["published"]) if p)
    return f"{kind}: {cite} [{source_id}] — {locator}"


def _sources(atlas: Atlas) -> dict[str, dict]:
    """Sources by id, once per loaded table (a popup cites one per row it lists)."""
    return memo(atlas, ("sources",), lambda: {
        r["source_id"]: r for r in
        atlas.sources[["source_id", "kind", "title", "outlet", "published"]].to_dict("records")})


def _period(start: str, end: str, lang: str) -> str:
    return f"{start} – {end}" if end else t("since", lang, date=start)


def _feature(atlas: Atlas, iso3: str, tip: str, popup: str, style: dict) -> dict | None:
    """A country of a :class:`~geo.shapes.ShapeLayer` (``None`` if it has no outline)."""
    if iso3 not in display_shapes(atlas):
        return None
    return {"iso3": iso3, "tip": tip, "popup": popup, "style": style}


def _shape_layer(atlas: Atlas, features: list[dict | None],
                 interactive: bool = True) -> ShapeLayer:
    return ShapeLayer(shapes_key(atlas), [f for f in features if f], interactive)


def _swatch(fill: str, stroke: str, dash: str | None, weight: float = 1.5) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<svg width="28" height="16" aria-hidden="true"><rect x="1" y="1" width="26" '
            f'height="14" fill="{fill}" stroke="{stroke}" stroke-width="{weight}"{dash_attr}/>'
            "</svg>")


def _line_swatch(color: str, dash: str | None) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<svg width="28" height="10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" '
            f'stroke="{color}" stroke-width="3"{dash_attr}/></svg>')


def base_map(atlas: Atlas, lang: str, tiles: tuple[str, str] | None = None,
             inline_shapes: bool = False) -> folium.Map:
    """The neutral world map: every country with its name as tooltip; no CDN.

    ``tiles`` is an optional (URL template, attribution) of a tile server under the user's
    control; without it the country polygons are the whole base map. The country outlines
    are linked from the app's static folder (see :mod:`geo.shapes`), or put inside the map
    with ``inline_shapes`` (a file that must work on its own).
    """
    m = folium.Map(location=CENTER, **MAP_OPTIONS)
    m.get_root().header.add_child(Element(MAP_CSS))
    _base_features(m, atlas, lang, tiles, None if inline_shapes else assets.shapes_url(atlas))
    return m


def _base_features(m: folium.Map, atlas: Atlas, lang: str,
                   tiles: tuple[str, str] | None, shapes_url: str | None) -> None:
    """What every base map holds: the outlines, optional tiles, the hatch patterns, credits,
    the countries."""
    Shapes(atlas, shapes_url).add_to(m)
    if tiles:
        folium.TileLayer(tiles[0], attr=tiles[1] or " ", name="tiles").add_to(m)
    PatternDefs([*atlas.organizations["org_id"], "KEY"]).add_to(m)
    Attribution(t("attribution_borders", lang)).add_to(m)
    names = _names(atlas, lang)
    style = {"fillColor": "#f4f4f1", "color": "#9a9a9a", "weight": 0.6,
             "fillOpacity": 0.35 if tiles else 1}
    _shape_layer(atlas, [_feature(atlas, iso, esc(names.get(iso, iso)), "", style)
                         for iso in atlas.borders["iso3"]]).add_to(m)


def dual_map(atlas: Atlas, lang: str, tiles: tuple[str, str] | None = None) -> SyncedDualMap:
    """Two base maps side by side, panned and zoomed together (the compare page's maps).

    Their layers go in with :func:`dual_layers`, as ``st_folium``'s ``feature_group_to_add``.
    """
    m = SyncedDualMap(location=CENTER, **MAP_OPTIONS)
    m.get_root().header.add_child(Element(MAP_CSS + DUAL_CSS))
    url = assets.shapes_url(atlas)
    for side in (m.m1, m.m2):
        _base_features(side, atlas, lang, tiles, url)
    return m


def dual_layers(atlas: Atlas, view_a: View, view_b: View) -> list[folium.FeatureGroup]:
    """The layers of ``view_a`` for the left map of :func:`dual_map` and those of ``view_b``
    for the right one, each with its legend; ``st_folium`` adds them all to the left map, and
    the last group moves ``view_b``'s to the right map (see :mod:`geo.dualmap`)."""
    right = folium.FeatureGroup(name="right")
    groups = map_layers(atlas, view_b)
    for g in groups:
        g.show = False
        right.add_child(g)
    OnSecondMap(groups).add_to(right)
    return _stable_ids([*map_layers(atlas, view_a), right])


def _org_feature(atlas: Atlas, r: dict, org: pd.Series, status: str, lang: str,
                 names: dict[str, str]) -> dict | None:
    """One country of an organization layer; ``r`` is a row of ``queries.status_on``."""
    acronym, name = org[col("acronym", lang)], org[col("name", lang)]
    cname, label = names.get(r["iso3"], r["iso3"]), t(f"status_{status}", lang)
    fill = fill_for(org["org_id"], status)
    color = KEY_COLOR if status == "former" else org_color(org["org_id"])
    # an invisible fill still catches the pointer, so outline-only statuses have tooltips too
    style = {"color": color, "fillColor": fill or color, "fillOpacity": 1 if fill else 0,
             **STATUS_STYLES[status]}
    popup = rows_html(cname, [
        (t("organization", lang), f"{acronym} — {name}"), (t("status", lang), label),
        (t("period", lang), _period(r["start"], r["end"], lang)), (t("note", lang), r["note"]),
        (t("source", lang), source_line(atlas, r["source_id"], r["locator"], lang)),
    ])
    return _feature(atlas, r["iso3"], esc(f"{cname} · {acronym}: {label}"), popup, style)


def org_layer(atlas: Atlas, view: View, org_id: str) -> folium.FeatureGroup:
    """Countries by status in ``org_id`` on the view's date (former members with history)."""
    history = "history" in view.show
    features = memo(atlas, ("org", org_id, view.date, history, view.lang),
                    lambda: _org_features(atlas, org_id, view.date, history, view.lang))
    fg = folium.FeatureGroup(name=f"org:{org_id}")
    ShapeLayer(shapes_key(atlas), features).add_to(fg)
    return fg


def _org_features(atlas: Atlas, org_id: str, date, history: bool, lang: str) -> list[dict]:
    names = _names(atlas, lang)
    org = atlas.organizations.set_index("org_id", drop=False).loc[org_id]
    rows = [(r, r["status"]) for r in queries.status_on(atlas, date, [org_id]).to_dict("records")]
    if history:
        rows += [(r, "former") for r in
                 queries.former_members(atlas, date, [org_id]).to_dict("records")]
    return [f for r, s in rows if (f := _org_feature(atlas, r, org, s, lang, names))]


def overlap_layer(atlas: Atlas, view: View) -> folium.FeatureGroup:
    """How many of the selected organizations each country is a full member of on the date."""
    features = memo(atlas, ("overlap", view.orgs, view.date, view.lang),
                    lambda: _overlap_features(atlas, view.orgs, view.date, view.lang))
    fg = folium.FeatureGroup(name="overlap")
    ShapeLayer(shapes_key(atlas), features).add_to(fg)
    return fg


def _overlap_features(atlas: Atlas, orgs: tuple[str, ...], date, lang: str) -> list[dict]:
    names = _names(atlas, lang)
    acr = atlas.organizations.set_index("org_id")[col("acronym", lang)]
    counts = queries.overlap_on(atlas, date, list(orgs))
    feats = []
    for iso, n, members in zip(counts["iso3"], counts["count"], counts["org_ids"], strict=True):
        cname = names.get(iso, iso)
        feats.append(_feature(
            atlas, iso, esc(t("overlap_tip", lang, name=cname, n=n)),
            rows_html(cname, [(t("overlap", lang), int(n)),
                              (t("organizations", lang), ", ".join(acr[o] for o in members))]),
            {"fillColor": overlap_color(int(n)), "color": "#333", "weight": 0.8,
             "fillOpacity": 0.8}))
    return [f for f in feats if f]


def _link_detail(atlas: Atlas, r: dict, lang: str) -> list[tuple[str, object]]:
    period = _period(r["start"], r["end"], lang)
    return [(t("period", lang), period), (t("summary", lang), r[col("summary", lang)]),
            (t("note", lang), r["note"]),
            (t("source", lang), source_line(atlas, r["source_id"], r["locator"], lang))]


def link_layer(atlas: Atlas, view: View) -> folium.FeatureGroup | None:
    """Curved lines between anchors, coloured and dashed by kind, arrows where directed.

    The view's links (:func:`geo.shown.view_links`); links of one kind between one pair are
    one line (:func:`geo.shown.link_groups`) whose popup lists the latest.
    """
    key = ("links", view.lang, view.start, view.date, view.links)
    specs = memo(atlas, key, lambda: _link_specs(atlas, view_links(atlas, view), view.lang))
    if not specs:
        return None
    fg = folium.FeatureGroup(name="links")
    for sp in specs:
        line = folium.PolyLine(sp["pts"], color=sp["color"], weight=3, opacity=0.85,
                               dash_array=sp["dash"])
        Detail(sp["tip"], "tooltip").add_to(line)
        Detail(sp["popup"], "popup").add_to(line)
        line.add_to(fg)
        if sp["arrow"]:
            (lat, lon), bearing = sp["arrow"]
            folium.Marker((lat, lon), interactive=False, icon=folium.DivIcon(
                html=f'<div class="atlas-arrow" style="color:{sp["color"]};'
                     f'transform:rotate({bearing - 90:.0f}deg)">&#9654;</div>',
                icon_size=(14, 14), icon_anchor=(7, 7))).add_to(fg)
    return fg


def _link_specs(atlas: Atlas, rel: pd.DataFrame, lang: str) -> list[dict]:
    """What each line of :func:`link_layer` is: points, style, tooltip, popup, arrow."""
    names = _names(atlas, lang)
    anchors = {iso: (la, lo) for iso, la, lo in
               zip(atlas.countries["iso3"], atlas.countries["lat"], atlas.countries["lon"],
                   strict=True)}
    rel = rel[rel["iso3_a"].isin(anchors) & rel["iso3_b"].isin(anchors)]
    groups = link_groups(rel)
    offsets = pair_offsets(zip(groups["iso3_a"], groups["iso3_b"], strict=True))
    specs = []
    for off, g in zip(offsets, groups.to_dict("records"), strict=True):
        color, dash = LINK_STYLES.get(g["kind"], ("#555", None))
        (la1, lo1), (la2, lo2) = anchors[g["iso3_a"]], anchors[g["iso3_b"]]
        pts = curved_link(lo1, la1, lo2, la2, offset=off)
        na, nb = names.get(g["iso3_a"], g["iso3_a"]), names.get(g["iso3_b"], g["iso3_b"])
        title = f"{na} {'→' if g['directed'] else '–'} {nb}"
        kind_label, period = t(f"link_{g['kind']}", lang), _period(g["start"], g["end"], lang)
        n = int(g["count"])
        many = f" · {t('links_count', lang, n=n)}" if n > 1 else ""
        if n == 1:
            body = rows_html(title, [(t("kind", lang), kind_label),
                                     *_link_detail(atlas, g["rows"][0], lang)])
        else:
            shown = g["rows"]
            count = t("links_count", lang, n=n)
            body = rows_html(title, [(t("kind", lang), f"{kind_label} · {count}"),
                                     (t("period", lang), period)])
            body += "".join(rows_html("", _link_detail(atlas, r, lang)) for r in shown)
            if n > len(shown):
                body += f"<p>{esc(t('more_links', lang, n=n - len(shown)))}</p>"
        specs.append({"pts": pts, "color": color, "dash": dash, "popup": body,
                      "tip": esc(f"{kind_label}: {title} ({period}){many}"),
                      "arrow": arrow_head(pts) if g["directed"] else None})
    return specs


def _event_detail(r: dict, atlas: Atlas, lang: str,
                  names: dict[str, str]) -> list[tuple[str, object]]:
    return [(t("period", lang), _period(r["start"], r["end"], lang)),
            (t("place", lang), r["place"]),
            (t("participants", lang), ", ".join(names.get(p, p) for p in r["participants"])),
            (t("summary", lang), r[col("summary", lang)]), (t("note", lang), r["note"]),
            (t("source", lang), source_line(atlas, r["source_id"], r["locator"], lang))]


def event_layer(atlas: Atlas, view: View) -> folium.FeatureGroup | None:
    """The view's located events (:func:`geo.shown.view_events`) as lettered markers; events
    of one kind at one place are one marker with their number (:func:`geo.shown.event_groups`).
    """
    key = ("events", view.lang, view.start, view.date, "events" in view.show)
    specs = memo(atlas, key, lambda: _event_specs(atlas, view_events(atlas, view), view.lang))
    if not specs:
        return None
    fg = folium.FeatureGroup(name="events")
    for sp in specs:
        marker = folium.Marker(sp["at"], icon=folium.DivIcon(
            html=sp["icon"], icon_size=(18, 18), icon_anchor=(9, 9)))
        Detail(sp["tip"], "tooltip").add_to(marker)
        Detail(sp["popup"], "popup").add_to(marker)
        marker.add_to(fg)
    return fg


def _event_specs(atlas: Atlas, ev: pd.DataFrame, lang: str) -> list[dict]:
    """What each marker of :func:`event_layer` is: place, icon, tooltip, popup."""
    names = _names(atlas, lang)
    specs = []
    for g in event_groups(ev).to_dict("records"):
        glyph, color = EVENT_GLYPHS.get(g["kind"], ("?", "#555"))
        n, kind_label = int(g["count"]), t(f"event_{g['kind']}", lang)
        badge = f'<span class="atlas-count">{n}</span>' if n > 1 else ""
        first = g["rows"][0]
        name = first[col("event_name", lang)]
        if n == 1:
            tip = f"{name} ({_period(first['start'], first['end'], lang)})"
            body = rows_html(name, [(t("kind", lang), kind_label),
                                    *_event_detail(first, atlas, lang, names)])
        else:
            tip = f"{kind_label} · {g['place'] or ''}: {t('n_events', lang, n=n)}"
            shown = g["rows"]
            body = rows_html(tip, [])
            body += "".join(rows_html(r[col("event_name", lang)],
                                      _event_detail(r, atlas, lang, names)) for r in shown)
            if n > len(shown):
                body += f"<p>{esc(t('more_events', lang, n=n - len(shown)))}</p>"
        specs.append({"at": (g["lat"], g["lon"]), "tip": esc(tip), "popup": body,
                      "icon": f'<div class="atlas-glyph" style="background:{color}">'
                              f"{glyph}{badge}</div>"})
    return specs


def selection_layer(atlas: Atlas, view: View) -> folium.FeatureGroup | None:
    """A thick outline around the selected country."""
    if not view.country:
        return None
    fg = folium.FeatureGroup(name="selection")
    style = {"fill": False, "color": "#000", "weight": 4, "opacity": 0.8}
    # drawn first and not interactive, so status outlines and tooltips stay on top
    _shape_layer(atlas, [_feature(atlas, view.country, "", "", style)],
                 interactive=False).add_to(fg)
    return fg


def legend_sections(atlas: Atlas, view: View, links: pd.DataFrame | None = None,
                    events: pd.DataFrame | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(swatch HTML, label)]) for every visible layer; ``None`` links or events are
    read from the view."""
    lang = view.lang
    links = view_links(atlas, view) if links is None else links
    events = view_events(atlas, view) if events is None else events
    orgs = atlas.organizations.set_index("org_id")
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    if "overlap" in view.show and view.orgs:
        sections.append((t("overlap_legend", lang), [
            (_swatch(overlap_color(n), "#333", None, 0.8), str(n) if n < 6 else "6+")
            for n in range(1, min(len(view.orgs), 6) + 1)]))
    if view.orgs:
        alive = set(queries.organizations_on(atlas, view.date)["org_id"])
        sections.append((t("organizations", lang), [
            (_swatch(fill_for(o, "member"), org_color(o), None),
             f"{orgs.at[o, col('acronym', lang)]} — {orgs.at[o, col('name', lang)]}"
             + ("" if o in alive else f" ({t('org_not_active', lang)})"))
            for o in view.orgs]))
        keys = [*STATUSES, "former"] if "history" in view.show else list(STATUSES)
        sections.append((t("status", lang), [
            (_swatch(fill_for("KEY", s) or "none", KEY_COLOR, STATUS_STYLES[s]["dashArray"]),
             t(f"status_{s}", lang)) for s in keys]))
    if links is not None and len(links):
        sections.append((t("links", lang), [
            (_line_swatch(*LINK_STYLES.get(k, ("#555", None))), t(f"link_{k}", lang))
            for k in sorted(links["kind"].unique())]))
    if events is not None and len(events):
        sections.append((t("events", lang), [
            (f'<span class="atlas-glyph" style="display:inline-block;'
             f'background:{EVENT_GLYPHS.get(k, ("?", "#555"))[1]}">'
             f'{EVENT_GLYPHS.get(k, ("?", "#555"))[0]}</span>', t(f"event_{k}", lang))
            for k in sorted(events["kind"].unique())]))
    return sections


def legend_layer(atlas: Atlas, view: View, links: pd.DataFrame | None,
                 events: pd.DataFrame | None) -> folium.FeatureGroup:
    """The legend inside the map, folded (the page shows it unfolded beside the map)."""
    fg = folium.FeatureGroup(name="legend")
    Legend(legend_html(t("legend", view.lang), legend_sections(atlas, view, links, events),
                       open_=False)).add_to(fg)
    return fg


def side_legend(atlas: Atlas, view: View) -> str:
    """The legend as a self-contained HTML block (with its hatch patterns) for the page."""
    css = MAP_CSS.replace(".leaflet-container", ".atlas-side")
    defs = patterns_svg([*view.orgs, "KEY"])
    body = legend_html(t("legend", view.lang), legend_sections(atlas, view))
    return f'{css}{defs}<div class="atlas-side atlas-legend-box">{body}</div>'


def map_layers(atlas: Atlas, view: View) -> list[folium.FeatureGroup]:
    """Every layer the view asks for, bottom to top, with one legend for all of them."""
    layers: list[folium.FeatureGroup | None] = [selection_layer(atlas, view)]
    if "overlap" in view.show and view.orgs:
        layers.append(overlap_layer(atlas, view))
    layers += [org_layer(atlas, view, o) for o in view.orgs]
    links, events = view_links(atlas, view), view_events(atlas, view)
    layers.append(link_layer(atlas, view))
    layers.append(event_layer(atlas, view))
    layers.append(legend_layer(atlas, view, links, events))
    return _stable_ids([lyr for lyr in layers if lyr is not None])


def _stable_ids(groups: list[folium.FeatureGroup]) -> list[folium.FeatureGroup]:
    """Give every element a deterministic id, so the same view renders the same script.

    streamlit-folium re-adds the feature groups whenever their script changes; with folium's
    random ids that would be on every rerun (closing an open popup, flickering the map).
    """
    def walk(element, path: str) -> None:
        # hashed, so that no id is a prefix of another (streamlit-folium substitutes ids as text)
        element._id = hashlib.sha1(path.encode()).hexdigest()[:20]
        for i, child in enumerate(element._children.values()):
            walk(child, f"{path}/{i}")

    for n, group in enumerate(groups):
        walk(group, str(n))
    return groups
