"""The map's countries for a view: their fill and one tooltip each, the selected country's
outline, and their names with badges (the model is :mod:`geo.encoding`)."""

from __future__ import annotations

from dataclasses import replace

import folium

from geo import encoding, epochs, lineage
from geo.i18n import t
from geo.mapjs import Labels
from geo.markup import esc, rows_html
from geo.memo import memo
from geo.shapes import ShapeLayer, display_shapes, shapes_key
from geo.tables import Atlas
from geo.view import View
from geo.wording import names, org_heading, org_titles, period, source_line

__all__ = ["VARIANTS", "countries_key", "countries_layer", "label_items", "labels_key",
           "labels_layer", "selection_layer", "variant_view"]

#: the extra layers that change the countries' fill, badges and tooltips ("history": former
#: members; "overlap": the fill counts memberships), as the variant keys the map's script uses
VARIANTS = {"": (), "h": ("history",), "o": ("overlap",), "ho": ("history", "overlap")}


def variant_view(view: View, key: str) -> View:
    """``view`` with the extra layers of variant ``key`` (events kept as they are)."""
    keep = tuple(x for x in view.show if x not in ("history", "overlap"))
    return replace(view, show=keep + VARIANTS[key])


def countries_layer(atlas: Atlas, view: View, live: bool = False) -> folium.FeatureGroup | None:
    """Every country, filled by :func:`geo.encoding.countries_model`, with one tooltip listing
    each chosen organization and the country's status in it ("not a member" included).

    ``live``: each feature also carries, under ``v``, what differs in the other
    :data:`VARIANTS`, so the page switches "history" and "overlap" without a new layer.
    """
    if atlas.borders.empty:
        return None
    feats = _variant_features(atlas, view) if live else _features(atlas, view)
    fg = folium.FeatureGroup(name="countries")
    ShapeLayer(shapes_key(atlas), feats, focus=True).add_to(fg)
    return fg


def countries_key(atlas: Atlas, view: View, live: bool = False) -> tuple:
    """What :func:`countries_layer` draws of ``view``, as a memo key (the rendered map's parts
    are kept under it too, geo.layers.map_args): ``live``, every variant of the extra layers."""
    if live:
        return ("countries_live", view.orgs, *epochs.view_key(atlas, view, "memberships"),
                view.lang)
    return ("countries", *_drawn(atlas, view))


def _drawn(atlas: Atlas, view: View) -> tuple:
    """What the countries and their labels read of ``view``."""
    return (view.orgs, *epochs.view_key(atlas, view, "memberships"), "history" in view.show,
            "overlap" in view.show, view.lang)


def _features(atlas: Atlas, view: View) -> list[dict]:
    return memo(atlas, countries_key(atlas, view), lambda: _country_features(atlas, view))


def _variant_features(atlas: Atlas, view: View) -> list[dict]:
    def build() -> list[dict]:
        base = _features(atlas, variant_view(view, ""))
        others = {k: _features(atlas, variant_view(view, k)) for k in VARIANTS if k}
        out = []
        for i, f in enumerate(base):
            diff = {k: {x: feats[i][x] for x in ("style", "tip", "popup") if feats[i][x] != f[x]}
                    for k, feats in others.items()}
            diff = {k: d for k, d in diff.items() if d}
            out.append({**f, "v": diff} if diff else f)
        return out

    return memo(atlas, countries_key(atlas, view, live=True), build)


def _country_features(atlas: Atlas, view: View) -> list[dict]:
    view = lineage.on_map(atlas, view)  # a predecessor in place of an organization not founded
    lang, shapes = view.lang, display_shapes(atlas)
    name_of = names(atlas, lang)
    model = encoding.countries_model(atlas, view)
    acr = {o: esc(org_titles(atlas, lang).get(o, (o, o))[0]) for o in view.orgs}
    said = {s: esc(t(f"status_{s}", lang)) for s in encoding.STATUSES}
    none = esc(t("not_member", lang))
    out = []
    for iso in atlas.borders["iso3"]:
        if iso not in shapes:
            continue
        c = model.get(iso)
        status = {o: s for o, s, _ in c["rows"]} if c else {}
        name = name_of.get(iso, iso)
        tip = f"<b>{esc(name)}</b>" + "".join(
            f"<br>{acr[o]}: {said[status[o]] if o in status else none}" for o in view.orgs)
        style = ({"fillColor": c["fill"], "fillOpacity": 1, "color": "#5b5b5b", "weight": 0.8}
                 if c and c["fill"] else
                 {"fillColor": encoding.LAND, "fillOpacity": 0, "color": "#5b5b5b",
                  "weight": 0.6, "opacity": 0})
        out.append({"iso3": iso, "tip": tip, "style": style,
                    "popup": _country_popup(atlas, name, c, lang) if c else ""})
    return out


def _country_popup(atlas: Atlas, name: str, c: dict, lang: str) -> str:
    parts = []
    for o, s, r in c["rows"]:
        org = org_heading(atlas, o, lang)
        parts.append(rows_html("", [
            (t("organization", lang), org), (t("status", lang), t(f"status_{s}", lang)),
            (t("period", lang), period(r["start"], r["end"], lang)),
            (t("note", lang), r["note"]),
            (t("source", lang), source_line(atlas, r["source_id"], r["locator"], lang))]))
    return f'<div class="atlas-detail"><b>{esc(name)}</b></div>' + "".join(parts)


def selection_layer(atlas: Atlas, view: View) -> folium.FeatureGroup | None:
    """A thick outline around the selected country, above every other layer."""
    if not view.country or atlas.borders.empty:
        return None
    fg = folium.FeatureGroup(name="selection")
    style = {"fill": False, "color": "#000", "weight": 4, "opacity": 0.9}
    if view.country in display_shapes(atlas):
        ShapeLayer(shapes_key(atlas), [{"iso3": view.country, "tip": "", "popup": "",
                                        "style": style}],
                   interactive=False, pane="atlasSelection").add_to(fg)
    return fg


# --- names and badges -----------------------------------------------------------------------------

def label_items(atlas: Atlas, view: View) -> list[dict]:
    """Every label the map may show, in priority order: the region's countries first (always
    shown), then the others by size. Each: iso3, name, lat, lon, area, always, chips; names
    and badge texts escaped as HTML, like every text the map's script receives."""
    return memo(atlas, labels_key(atlas, view), lambda: _label_items(atlas, view))


def labels_key(atlas: Atlas, view: View) -> tuple:
    """What :func:`label_items` reads of ``view``, as a memo key (that of the live labels
    layer too: its other variant differs by ``show`` only)."""
    return ("labels", *_drawn(atlas, view))


def _label_items(atlas: Atlas, view: View) -> list[dict]:
    view = lineage.on_map(atlas, view)
    name_of, points = names(atlas, view.lang), encoding.label_points(atlas)
    model = encoding.countries_model(atlas, view)
    rank = {iso: i for i, iso in enumerate(encoding.REGION)}
    order = sorted(points, key=lambda i: (rank.get(i, len(rank)), -points[i][2]))
    chip_keys = ("text", "bg", "fg", "border", "style", "status")
    return [{"iso3": iso, "name": esc(name_of.get(iso, iso)), "lon": points[iso][0],
             "lat": points[iso][1], "area": points[iso][2], "always": iso in rank,
             "chips": [{k: esc(ch[k]) if k == "text" else ch[k] for k in chip_keys}
                       for ch in model[iso]["chips"]]
             if iso in model and len(view.orgs) > 1 else []}
            for iso in order]


def labels_layer(atlas: Atlas, view: View, live: bool = False) -> folium.FeatureGroup | None:
    """Names with badges; ``live``: with the badges of the "history" variant as ``chips_h``
    where they differ (the page switches them)."""
    if atlas.borders.empty:
        return None
    fg = folium.FeatureGroup(name="labels")
    if live:
        items = label_items(atlas, variant_view(view, ""))
        past = label_items(atlas, variant_view(view, "h"))
        items = [{**a, "chips_h": b["chips"]} if a["chips"] != b["chips"] else a
                 for a, b in zip(items, past, strict=True)]
    else:
        items = label_items(atlas, view)
    Labels({"key": shapes_key(atlas), "items": items}).add_to(fg)
    return fg
