"""The sidebar's "Copy link" button: a small custom component (Streamlit components v2).

The address must be read in the browser when the button is clicked: the map's script writes
the extent (``bbox=``) into it without a rerun, so the server does not know the whole link.
The script (``geo/js/copylink.js``) copies ``location.href`` with the Clipboard API and, where
that API is missing (an insecure origin), shows the link in a selected text field instead.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

from geo.i18n import t

__all__ = ["copy_link"]

_JS = Path(__file__).with_name("js") / "copylink.js"
_CSS = """
.atlas-copylink { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.5rem;
  font-family: var(--st-font, sans-serif); font-size: 0.875rem; }
.atlas-copylink-button { font: inherit; color: var(--st-text-color, inherit);
  background: var(--st-secondary-background-color, #f0f2f6); cursor: pointer;
  border: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2)); border-radius: 0.5rem;
  padding: 0.25rem 0.75rem; min-height: 2rem; }
.atlas-copylink-button:hover { border-color: var(--st-primary-color, #ff4b4b); }
.atlas-copylink-button:focus-visible { outline: 2px solid var(--st-primary-color, #ff4b4b); }
.atlas-copylink-status { color: var(--st-text-color, inherit); font-weight: 600; }
.atlas-copylink-field { flex: 1 1 100%; min-width: 0; font: inherit; padding: 0.25rem; }
"""


# a plain cache, not geo.memo: a component is registered once per process, no Atlas
@cache
def _component():
    """Registered once per process (a name registered twice logs a warning)."""
    return st.components.v2.component("atlas_copy_link", html="", css=_CSS,
                                      js=_JS.read_text(encoding="utf-8"))


def copy_link(lang: str, where=None) -> None:
    """The "Copy link" button in ``where`` (the sidebar by default), labelled in ``lang``."""
    data = {"label": t("copy_link", lang), "hint": t("copy_link_help", lang),
            "copied": t("copy_link_done", lang), "manual": t("copy_link_manual", lang),
            "field": t("copy_link_field", lang)}
    with where or st.sidebar:
        _component()(key="copy_link", data=data, width="stretch", height="content")
