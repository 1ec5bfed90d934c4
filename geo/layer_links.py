"""The map's links and event markers for a view: what each line and marker is (points, style,
tooltip, popup), handed to the client as data (:mod:`geo.mapjs`)."""

from __future__ import annotations

import folium
import pandas as pd

from geo import epochs
from geo.geometry import arrow_head, curved_link, pair_offsets
from geo.i18n import col, t
from geo.mapjs import Links, Markers
from geo.markup import esc, rows_html
from geo.memo import memo
from geo.shown import event_groups, link_groups, view_events, view_links
from geo.style import EVENT_GLYPHS, KEY_COLOR, link_labels, link_styles
from geo.tables import Atlas
from geo.view import View
from geo.wording import names, period, source_line

__all__ = ["event_layer", "events_key", "link_layer", "links_key"]


def _link_detail(atlas: Atlas, r: dict, lang: str) -> list[tuple[str, object]]:
    return [(t("period", lang), period(r["start"], r["end"], lang)),
            (t("summary", lang), r[col("summary", lang)]),
            (t("note", lang), r["note"]),
            (t("source", lang), source_line(atlas, r["source_id"], r["locator"], lang))]


def link_layer(atlas: Atlas, view: View) -> folium.FeatureGroup | None:
    """Curved lines between anchors, coloured and dashed by kind, arrows half-way where
    directed (so they never sit on a place's marker); faint until their country is hovered or
    selected. Links of one kind between one pair are one line whose popup lists the latest."""
    specs = memo(atlas, links_key(atlas, view),
                 lambda: _link_specs(atlas, view_links(atlas, view), view))
    if not specs:
        return None
    fg = folium.FeatureGroup(name="links")
    Links(specs).add_to(fg)
    return fg


def links_key(atlas: Atlas, view: View) -> tuple:
    """What :func:`link_layer` draws of ``view``, as a memo key (the rendered layer's too)."""
    return "links", view.lang, *epochs.view_key(atlas, view, "relations"), view.links


def events_key(atlas: Atlas, view: View) -> tuple:
    """What :func:`event_layer` draws of ``view``, as a memo key (the rendered layer's too)."""
    return "events", view.lang, *epochs.view_key(atlas, view, "events"), "events" in view.show


def _link_specs(atlas: Atlas, rel: pd.DataFrame, view: View) -> list[dict]:
    """What each line of :func:`link_layer` is: points, style, tooltip, popup, arrow."""
    lang, name_of = view.lang, names(atlas, view.lang)
    anchors = memo(atlas, ("anchors",), lambda: {
        iso: (la, lo) for iso, la, lo in zip(atlas.countries["iso3"], atlas.countries["lat"],
                                             atlas.countries["lon"], strict=True)})
    rel = rel[rel["iso3_a"].isin(anchors) & rel["iso3_b"].isin(anchors)]
    groups = link_groups(rel)
    offsets = pair_offsets(zip(groups["iso3_a"], groups["iso3_b"], strict=True))
    day = view.date.isoformat()
    specs = []
    for off, g in zip(offsets, groups.to_dict("records"), strict=True):
        color, dash = link_styles(atlas).get(g["kind"], (KEY_COLOR, None))
        (la1, lo1), (la2, lo2) = anchors[g["iso3_a"]], anchors[g["iso3_b"]]
        pts = curved_link(lo1, la1, lo2, la2, offset=off)
        na, nb = name_of.get(g["iso3_a"], g["iso3_a"]), name_of.get(g["iso3_b"], g["iso3_b"])
        title = f"{na} {'→' if g['directed'] else '–'} {nb}"
        kind_label = link_labels(atlas, lang).get(g["kind"]) or t(f"link_{g['kind']}", lang)
        span = period(g["start"], g["end"], lang)
        ended = bool(g["end"]) and g["end"] < day[:len(g["end"])]  # over a range: past links
        n = int(g["count"])
        many = f" · {t('links_count', lang, n=n)}" if n > 1 else ""
        body = rows_html(title, [(t("kind", lang), kind_label + many),
                                 (t("period", lang), span)])
        body += "".join(rows_html("", _link_detail(atlas, r, lang)) for r in g["rows"])
        if n > len(g["rows"]):
            body += f"<p>{esc(t('more_links', lang, n=n - len(g['rows'])))}</p>"
        tip = f"{kind_label}: {title} ({span}){many}"
        if ended:
            tip += f" · {t('ended_link', lang)}"
        (alat, alon), bearing = arrow_head(pts, at=0.5)
        specs.append({"pts": [[round(a, 3), round(b, 3)] for a, b in pts], "color": color,
                      "dash": "2 7" if ended else dash, "weight": 2.5,
                      "opacity": 0.25 if ended else 0.45, "popup": body, "tip": esc(tip),
                      "a": g["iso3_a"], "b": g["iso3_b"],
                      "arrow": [round(alat, 3), round(alon, 3), round(bearing)]
                      if g["directed"] else None})
    return specs


def _event_detail(r: dict, atlas: Atlas, lang: str,
                  name_of: dict[str, str]) -> list[tuple[str, object]]:
    return [(t("period", lang), period(r["start"], r["end"], lang)),
            (t("place", lang), r["place"]),
            (t("participants", lang), ", ".join(name_of.get(p, p) for p in r["participants"])),
            (t("summary", lang), r[col("summary", lang)]), (t("note", lang), r["note"]),
            (t("source", lang), source_line(atlas, r["source_id"], r["locator"], lang))]


def event_layer(atlas: Atlas, view: View) -> folium.FeatureGroup | None:
    """The view's located events (:func:`geo.shown.view_events`) as lettered markers; events
    of one kind at one place are one marker with their number (:func:`geo.shown.event_groups`),
    and markers that would overlap on screen spread around their place."""
    specs = memo(atlas, events_key(atlas, view),
                 lambda: _event_specs(atlas, view_events(atlas, view), view.lang))
    if not specs:
        return None
    fg = folium.FeatureGroup(name="events")
    Markers(specs).add_to(fg)
    return fg


def _event_specs(atlas: Atlas, ev: pd.DataFrame, lang: str) -> list[dict]:
    """What each marker of :func:`event_layer` is: place, icon, tooltip, popup."""
    name_of = names(atlas, lang)
    specs = []
    for g in event_groups(ev).to_dict("records"):
        glyph, color = EVENT_GLYPHS.get(g["kind"], ("?", "#555"))
        n, kind_label = int(g["count"]), t(f"event_{g['kind']}", lang)
        badge = f'<span class="atlas-count">{n}</span>' if n > 1 else ""
        first = g["rows"][0]
        name = first[col("event_name", lang)]
        if n == 1:
            tip = f"{kind_label}: {name} ({period(first['start'], first['end'], lang)})"
            body = rows_html(name, [(t("kind", lang), kind_label),
                                    *_event_detail(first, atlas, lang, name_of)])
        else:
            tip = f"{kind_label} · {g['place'] or ''}: {t('n_events', lang, n=n)}"
            body = rows_html(tip, [])
            body += "".join(rows_html(r[col("event_name", lang)],
                                      _event_detail(r, atlas, lang, name_of)) for r in g["rows"])
            if n > len(g["rows"]):
                body += f"<p>{esc(t('more_events', lang, n=n - len(g['rows'])))}</p>"
        specs.append({"lat": g["lat"], "lon": g["lon"], "tip": esc(tip), "popup": body,
                      "icon": f'<div class="atlas-glyph" style="background:{color}">'
                              f"{glyph}{badge}</div>"})
    return specs
