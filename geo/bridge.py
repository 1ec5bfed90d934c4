"""What the browser tells Python without a widget of Streamlit's: the map's extent.

The map's own script (``geo/js/atlas-map.js``, inside streamlit-folium's frame) keeps the
address's ``bbox=`` in step as the reader pans, with no rerun; it also fires an event on the
app's window, which a small custom component (Streamlit's components v2, ``geo/js/extent.js``)
turns into state, so the view on the server has the extent too: a language switch, a page change,
"add the current view as a slide" and a copied link all keep it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import streamlit as st

from geo.view import parse_bbox

__all__ = ["extent_sync"]

_JS = Path(__file__).with_name("js") / "extent.js"
KEY = "w_extent"


# a plain cache, not geo.memo: a component is registered once per process, no Atlas
@cache
def _component():
    return st.components.v2.component("atlas_extent", js=_JS.read_text(encoding="utf-8"))


def _heard() -> None:
    """The reader moved the map: the session's view takes its extent, and the run's
    :func:`geo.ui.set_view` writes it to the URL. Only the view changes here: the URL this run
    brings is the one the app last wrote, so the session's view is kept (see ``geo.ui``)."""
    value = (st.session_state.get(KEY) or {}).get("bbox")
    view = st.session_state.get("_view")
    if not value or view is None:
        return
    try:
        bbox = parse_bbox(str(value))
    except ValueError:
        return  # not from our script: ignored
    st.session_state["_view"] = replace(view, bbox=bbox)


def extent_sync() -> None:
    """Mount the (invisible) listener; every page does, so the extent is known on any page."""
    st.html("<style>.st-key-w_extent { display: none; }</style>")
    _component()(key=KEY, on_bbox_change=_heard, height=0)
