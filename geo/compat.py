"""Every use of a library's unpublished behaviour, in one place, with the versions it was
checked on (see ``tests/test_compat.py``, which fails loudly when an upgrade changes one).
"""

from __future__ import annotations

__all__ = ["FOLIUM_FRAME", "MAP_DIVS_CSS", "MULTISELECT_CHIPS", "SECOND_MAP", "compact_top_css",
           "fill_height_css"]

#: the iframe streamlit-folium draws a map in: its ``title`` is the component's name
#: (checked on streamlit 1.67, streamlit-folium 0.27.4)
FOLIUM_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


#: a multiselect's chips in Streamlit's page (checked on streamlit 1.67: react-aria tags, each
#: labelled by ``aria-label``): the map reads the "More layers" chips as they change, before the
#: rerun; ``{key}`` is the widget's key. Where the container is not found, the map goes by the
#: address's ``show=`` (written by the rerun), so a change here slows the switch, never breaks it
MULTISELECT_CHIPS = ('.st-key-{key} [data-testid="stMultiSelectTagsContainer"]', "[data-tag]",
                     "aria-label")


#: the right map of a DualMap in streamlit-folium's page: its JavaScript name
#: (checked on streamlit-folium 0.27.4)
SECOND_MAP = "map_div2"
#: inside that frame, the maps' ``<div>``\s are ``#map_div`` (and ``#map_div2``, the right map of a
#: DualMap) with their height set inline from ``st_folium(height=…)``: made to fill the frame
MAP_DIVS_CSS = ("<style>html, body { height: 100%; } #map_div, #map_div2 "
                "{ height: 100vh !important; }</style>")
#: Streamlit's main column (``data-testid`` checked on streamlit 1.67): less empty space above
#: the map
_MAIN = '[data-testid="stMainBlockContainer"]'


def fill_height_css(below_px: int, min_px: int = 380) -> str:
    """CSS making the map's frame as tall as the window leaves it: the component only takes a
    fixed height in pixels, and the server does not know the window's."""
    return (f"<style>{FOLIUM_FRAME} {{ height: max({min_px}px, calc(100vh - {below_px}px)) "
            "!important; }</style>")


def compact_top_css() -> str:
    """Less empty space above the map page's title, and a smaller title."""
    return (f"<style>{_MAIN} {{ padding-top: 3.2rem; }} "
            f"{_MAIN} h1 {{ font-size: 1.75rem; padding: 0 0 .25rem; }}</style>")
