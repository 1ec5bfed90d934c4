"""Contract tests for ``geo.compat``: each unpublished behaviour the Atlas relies on, checked
against the installed libraries, so an upgrade that changes one fails here, by name, instead of
silently breaking the page."""

from __future__ import annotations

from pathlib import Path

import streamlit
import streamlit_folium

from geo import compat


def _bundle(package) -> str:
    """Every JavaScript file a package ships to the browser, as one text."""
    root = Path(package.__file__).parent
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in root.rglob("*.js") if "node_modules" not in p.parts)


def test_the_map_frame_is_titled_with_the_component_name() -> None:
    """Streamlit titles a component's iframe with the component's name."""
    assert f'iframe[title="{streamlit_folium._component_func.name}"]' == compat.FOLIUM_FRAME
    assert streamlit_folium._component_func.name == "streamlit_folium.st_folium"


def test_streamlit_folium_names_its_map_divs() -> None:
    js = _bundle(streamlit_folium)
    assert 'getElementById("map_div")' in js and 'getElementById("map_div2")' in js
    assert "#map_div" in compat.MAP_DIVS_CSS and f"#{compat.SECOND_MAP}" in compat.MAP_DIVS_CSS
    assert f'getElementById("{compat.SECOND_MAP}")' in js


def test_streamlit_marks_its_main_column() -> None:
    assert "stMainBlockContainer" in _bundle(streamlit)
    assert "stMainBlockContainer" in compat.compact_top_css()
