"""The floor of this stack: a Streamlit page that only draws the borders with ``st_folium``.

What a minimal app on the same data does: the shipped ``borders.geojson`` (read once) in one
``folium.GeoJson`` layer, and a checkbox that adds one more layer (the CSTO's members today,
also at full resolution) as a feature group, so a toggle can be timed against the Atlas's.
Leaflet is served locally, as in the Atlas, so both pages load the same library the same way.
"""

import json

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo import assets, config


@st.cache_resource
def _borders() -> dict:
    assets.install_static()
    assets.use_local_assets(st.get_option("server.baseUrlPath") or "")
    return json.loads((config.data_dir() / "borders.geojson").read_text(encoding="utf-8"))


borders = _borders()
layer = st.checkbox("Extra layer", key="extra")
m = folium.Map(location=(46.0, 60.0), zoom_start=3, tiles=None)
folium.GeoJson(borders, name="borders").add_to(m)
groups = None
if layer:
    fg = folium.FeatureGroup(name="extra")
    keep = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    folium.GeoJson({"type": "FeatureCollection",
                    "features": [f for f in borders["features"]
                                 if f["properties"]["iso3"] in keep]},
                   style_function=lambda f: {"color": "#d95f02"}).add_to(fg)
    groups = [fg]
st_folium(m, key="bare_map", feature_group_to_add=groups, returned_objects=[], height=620,
          use_container_width=True)
