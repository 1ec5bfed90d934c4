"""Bytes the browser receives for the map: what ``st_folium`` sends, and the files it loads.

``st_folium`` hands its component one message (the map script, the layers' script, the
asset URLs …); Streamlit resends it whenever any part changes. The message is captured here by
calling the real ``st_folium`` with the component function swapped for a recorder. Files the
map loads by URL (Leaflet, the shared country shapes) are counted once, as the browser caches
them.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import folium
import geopandas as gpd
import streamlit_folium

from geo import assets, layers, queries
from geo.tables import Atlas
from geo.view import View

__all__ = ["app_payload", "component_message", "naive_payload"]


@contextmanager
def _recording():
    seen: dict = {}

    def record(**kwargs):
        kwargs.pop("on_change", None)
        seen.update(kwargs)

    real = streamlit_folium._component_func
    streamlit_folium._component_func = record
    try:
        yield seen
    finally:
        streamlit_folium._component_func = real


def component_message(fig, feature_groups=None) -> dict:
    """The arguments ``st_folium`` sends the browser for ``fig`` (and its layers)."""
    with _recording() as seen:
        streamlit_folium.st_folium(fig, key="bench", feature_group_to_add=feature_groups,
                                   returned_objects=["last_active_drawing"])
    return dict(seen)


def _size(msg: dict) -> int:
    return len(json.dumps(msg, ensure_ascii=False).encode())


def _linked_files(msg: dict) -> int:
    """Bytes of the local files the message links (``/app/static/…``); CDN links count 0."""
    total = 0
    for url in [*msg.get("js_links", []), *msg.get("css_links", [])]:
        if "/app/static/" in url:
            total += (assets.STATIC_DIR / url.split("/app/static/", 1)[1]).stat().st_size
    return total


def app_payload(atlas: Atlas, view: View) -> dict[str, int]:
    """The Atlas map page for ``view``: component message, linked files, total."""
    msg = component_message(layers.base_map(atlas, view.lang), layers.map_layers(atlas, view))
    message, files = _size(msg), _linked_files(msg)
    return {"message": message, "files": files, "total": message + files}


def naive_payload(atlas: Atlas, view: View, borders: Path) -> dict[str, int]:
    """The naive map: one ``GeoDataFrame.explore``-style layer per selected organization, each
    the full 1:50m borders joined to that organization's statuses on the date.

    Built as ``explore`` builds it (a ``folium.GeoJson`` of the frame, styled by a column, with
    a tooltip of its fields) without its ``mapclassify`` dependency.
    """
    world = gpd.read_file(borders)
    colors = {"member": "#1b9e77", "observer": "#d95f02", "partner": "#7570b3",
              "suspended": "#e7298a"}
    m = folium.Map(tiles=None)
    for org in view.orgs:
        status = queries.status_on(atlas, view.date, [org])[["iso3", "status"]]
        gdf = world.merge(status, on="iso3", how="left").fillna({"status": ""})
        folium.GeoJson(
            gdf, name=org,
            style_function=lambda f: {"fillColor": colors.get(f["properties"]["status"], "#eee"),
                                      "color": "#333", "weight": 1, "fillOpacity": 0.5},
            tooltip=folium.GeoJsonTooltip(["iso3", "status"]),
        ).add_to(m)
    msg = component_message(m)
    message, files = _size(msg), _linked_files(msg)
    return {"message": message, "files": files, "total": message + files}
