"""The accepted candidates on a small map of their own, before they are saved.

Self-contained on purpose (plain folium; nothing from ``geo.layers``): a draft must look unlike
the Atlas's data, so it is drawn in one style only: magenta, dashed, with "draft" in every
tooltip. Countries named by the draft are outlined in grey for orientation; there are no tiles.
Tooltips are escaped text (:mod:`geo.markup`): nothing from an article becomes HTML.
"""

from __future__ import annotations

import folium
import pandas as pd

from geo.markup import Detail, esc

__all__ = ["DRAFT_COLOR", "draft_map"]

DRAFT_COLOR = "#d6009a"
_LINE = {"color": DRAFT_COLOR, "weight": 4, "dash_array": "8 6", "opacity": 0.9}


def _tip(label: str, *parts: object) -> Detail:
    text = " · ".join(esc(p) for p in parts if p not in (None, ""))
    return Detail(f"<b>{esc(label)}</b><br>{text}")


def _anchor(countries: pd.DataFrame, iso3: str) -> tuple[float, float] | None:
    if iso3 in countries.index:
        r = countries.loc[iso3]
        return float(r["lat"]), float(r["lon"])
    return None


def draft_map(rows: dict[str, list[dict]], countries: pd.DataFrame, borders=None,
              label: str = "Draft") -> folium.Map:
    """A map of the draft rows (``rows[table]`` as in the data tables).

    ``countries`` is the countries table (``iso3``, ``lat``, ``lon``); ``borders`` the Atlas's
    GeoDataFrame (``iso3``, geometry) or ``None``.
    """
    cs = countries.set_index("iso3") if "iso3" in countries.columns else countries
    # no wheel zoom: the map sits in a long page, and a wheel over it must scroll the page
    m = folium.Map(location=[43, 66], zoom_start=3, tiles=None, control_scale=True,
                   scroll_wheel_zoom=False)
    named = _named(rows)
    if borders is not None and len(named):
        shapes = borders[borders["iso3"].isin(named)]
        if len(shapes):
            folium.GeoJson(shapes[["iso3", "geometry"]].__geo_interface__, name="countries",
                           style_function=lambda _f: {"color": "#888", "weight": 1,
                                                      "fillColor": "#ddd", "fillOpacity": 0.4},
                           ).add_to(m)
    group = folium.FeatureGroup(name=label)
    points = _draw(group, rows, cs, label)
    group.add_to(m)
    if points:
        m.fit_bounds([[min(p[0] for p in points) - 2, min(p[1] for p in points) - 2],
                      [max(p[0] for p in points) + 2, max(p[1] for p in points) + 2]])
    return m


def _named(rows: dict[str, list[dict]]) -> set[str]:
    out = {r["iso3"] for r in rows.get("memberships", [])}
    out |= {r[k] for r in rows.get("relations", []) for k in ("iso3_a", "iso3_b")}
    out |= {p for r in rows.get("events", []) for p in str(r["participants"]).split(";")}
    return out


def _draw(group: folium.FeatureGroup, rows: dict[str, list[dict]], cs: pd.DataFrame,
          label: str) -> list[tuple[float, float]]:
    points = []
    for r in rows.get("relations", []):
        a, b = _anchor(cs, r["iso3_a"]), _anchor(cs, r["iso3_b"])
        if a and b:
            line = folium.PolyLine([a, b], **_LINE, class_name="atlas-draft")
            line.add_child(_tip(label, r["kind"], f"{r['iso3_a']} → {r['iso3_b']}",
                                r["start"], r.get("locator")))
            line.add_to(group)
            folium.CircleMarker(b, radius=4, color=DRAFT_COLOR, fill=True,
                                class_name="atlas-draft").add_to(group)
            points += [a, b]
    for r in rows.get("events", []):
        where = _event_point(r, cs)
        if where:
            mark = folium.CircleMarker(where, radius=10, color=DRAFT_COLOR, weight=3,
                                       dash_array="4 3", fill=True, fill_opacity=0.35,
                                       class_name="atlas-draft")
            mark.add_child(_tip(label, r["kind"], r.get("name"), r["start"], r.get("place")))
            mark.add_to(group)
            points.append(where)
    for r in rows.get("memberships", []):
        where = _anchor(cs, r["iso3"])
        if where:
            mark = folium.CircleMarker(where, radius=7, color=DRAFT_COLOR, weight=2,
                                       dash_array="2 3", fill=False, class_name="atlas-draft")
            mark.add_child(_tip(label, r["org_id"], r["iso3"], r["status"], r["start"]))
            mark.add_to(group)
            points.append(where)
    return points


def _event_point(r: dict, cs: pd.DataFrame) -> tuple[float, float] | None:
    try:
        return float(r["lat"]), float(r["lon"])
    except (TypeError, ValueError, KeyError):
        first = str(r.get("participants", "")).split(";")[0]
        return _anchor(cs, first)
