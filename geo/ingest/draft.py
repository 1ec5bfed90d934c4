"""The accepted candidates on a small map of their own, before they are saved.

Plain folium, none of the Atlas's layers: a draft must look unlike the Atlas's data, so it is
drawn in one style only: magenta, dashed, with "draft" in every
tooltip. For orientation the countries around it are drawn in light grey, those the draft names
darker and with their names; there are no tiles. Tooltips and names are escaped text
(:mod:`geo.markup`): nothing from an article becomes HTML.
"""

from __future__ import annotations

import folium
import pandas as pd

from geo.encoding import LAND, SEA
from geo.mapjs import ScaleBar
from geo.markup import Detail, esc
from geo.shapes import display_shapes
from geo.tables import Atlas

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


def draft_map(rows: dict[str, list[dict]], atlas: Atlas, label: str = "Draft",
              lang: str = "en", words: dict[str, str] | None = None) -> folium.Map:
    """A map of the draft rows (``rows[table]`` as in the data tables) over ``atlas``'s
    countries; ``words`` are the page's names for kinds, organizations and statuses (ids
    stand in for the rest)."""
    cs = atlas.countries.set_index("iso3")
    say = _sayer(cs, lang, words or {})
    # no wheel zoom: the map sits in a long page, and a wheel over it must scroll the page
    m = folium.Map(location=[43, 66], zoom_start=3, tiles=None, control_scale=False,
                   scroll_wheel_zoom=False)
    ScaleBar().add_to(m)
    named = _named(rows)
    group = folium.FeatureGroup(name=label)
    points = _draw(group, rows, cs, label, say)
    box = points or _EMPTY
    (south, west), (north, east) = ((min(p[0] for p in box) - 2, min(p[1] for p in box) - 2),
                                    (max(p[0] for p in box) + 2, max(p[1] for p in box) + 2))
    features = _countries(atlas, (south - 15, west - 40, north + 15, east + 40))
    if features:
        folium.GeoJson({"type": "FeatureCollection", "features": features}, name="countries",
                       style_function=lambda f: _SHAPE[f["properties"]["iso3"] in named],
                       interactive=False).add_to(m)
    group.add_to(m)
    for iso3 in sorted(named):
        if (where := _anchor(cs, iso3)) is not None:
            folium.Marker(where, icon=folium.DivIcon(
                html=f'<span class="atlas-draft-name">{esc(say(iso3))}</span>',
                class_name="atlas-draft-label", icon_size=(0, 0))).add_to(m)
    m.get_root().header.add_child(folium.Element(_CSS))
    m.fit_bounds([[south, west], [north, east]])
    return m


def _countries(atlas: Atlas, box: tuple[float, float, float, float]) -> list[dict]:
    """The countries around ``box`` (south, west, north, east), at the Atlas's display
    resolution: the whole world at full detail made every rerun of the page send 1.4 MB."""
    s, w, n, e = box
    near = atlas.borders.cx[w:e, s:n]["iso3"] if len(atlas.borders) else []
    shapes = display_shapes(atlas)
    return [{"type": "Feature", "properties": {"iso3": i}, "geometry": shapes[i]}
            for i in near if i in shapes]


#: the frame of an empty draft (corners): tighter than geo.layers.HOME, which is framed for the
#: full-height map and shows Europe to the Pacific in this 420 px one
_EMPTY = [(32.0, 45.0), (52.0, 90.0)]
#: country fills: (not named by the draft, named)
_SHAPE = {False: {"color": "#b5b5b5", "weight": 0.6, "fillColor": LAND, "fillOpacity": 1},
          True: {"color": "#666", "weight": 1.2, "fillColor": "#dcdcdc", "fillOpacity": 1}}
#: the Atlas's sea; names sit just under their anchor, centred; they take no clicks
_CSS = (f"<style>.leaflet-container {{ background: {SEA}; }} .atlas-draft-label {{ "
        "pointer-events: none; } .atlas-draft-name { position: "
        "absolute; transform: translate(-50%, 6px); white-space: nowrap; font: 600 12px/1.2 "
        "system-ui, sans-serif; color: #222; text-shadow: 0 0 3px #fff, 0 0 3px #fff; }"
        "</style>")


def _sayer(cs: pd.DataFrame, lang: str, words: dict[str, str]):
    """id → the page's word: a country's name in ``lang``, else ``words``, else the id."""
    column = f"name_{lang}" if f"name_{lang}" in cs.columns else None

    def say(v: object) -> str:
        v = "" if v is None else str(v)
        if column and v in cs.index and isinstance(cs.at[v, column], str):
            return cs.at[v, column]
        return words.get(v, v)

    return say


def _named(rows: dict[str, list[dict]]) -> set[str]:
    out = {r["iso3"] for r in rows.get("memberships", [])}
    out |= {r[k] for r in rows.get("relations", []) for k in ("iso3_a", "iso3_b")}
    out |= {p for r in rows.get("events", []) for p in str(r["participants"]).split(";")}
    return out


def _draw(group: folium.FeatureGroup, rows: dict[str, list[dict]], cs: pd.DataFrame,
          label: str, say) -> list[tuple[float, float]]:
    points = []
    for r in rows.get("relations", []):
        a, b = _anchor(cs, r["iso3_a"]), _anchor(cs, r["iso3_b"])
        if a and b:
            arrow = "→" if str(r.get("directed")) == "true" else "–"
            line = folium.PolyLine([a, b], **_LINE, class_name="atlas-draft")
            line.add_child(_tip(label, say(r["kind"]),
                                f"{say(r['iso3_a'])} {arrow} {say(r['iso3_b'])}",
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
            mark.add_child(_tip(label, say(r["kind"]), r.get("name"), r["start"],
                                r.get("place")))
            mark.add_to(group)
            points.append(where)
    for r in rows.get("memberships", []):
        where = _anchor(cs, r["iso3"])
        if where:
            mark = folium.CircleMarker(where, radius=7, color=DRAFT_COLOR, weight=2,
                                       dash_array="2 3", fill=False, class_name="atlas-draft")
            mark.add_child(_tip(label, say(r["org_id"]), say(r["iso3"]), say(r["status"]),
                                r["start"]))
            mark.add_to(group)
            points.append(where)
    return points


def _event_point(r: dict, cs: pd.DataFrame) -> tuple[float, float] | None:
    try:
        return float(r["lat"]), float(r["lon"])
    except (TypeError, ValueError, KeyError):
        first = str(r.get("participants", "")).split(";")[0]
        return _anchor(cs, first)
