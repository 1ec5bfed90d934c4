"""Run the Atlas with ``streamlit run serve.py`` (the same options as ``dashboard.py``).

The app is ``dashboard.py``, served by Streamlit's ``st.App`` with one middleware
(:class:`geo.compat.ClientBase`): each page tells Streamlit's client where the app is served,
so a page opened by its address (``/relations``) asks no ``/relations/_stcore/...`` first
(two 404s in the browser's console with ``streamlit run dashboard.py``).
"""

import streamlit as st
from starlette.middleware import Middleware

from geo import compat

app = st.App("dashboard.py", middleware=[Middleware(
    compat.ClientBase, base_url_path=lambda: st.get_option("server.baseUrlPath") or "")])
