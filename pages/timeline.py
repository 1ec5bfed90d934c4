"""Timeline: events and links in time order."""

import streamlit as st

from geo import reports, ui
from geo.i18n import t

atlas, view = ui.page()
lang = view.lang
st.title(t("page_timeline", lang))
st.caption(t("timeline_intro", lang))
whole = st.toggle(t("timeline_all", lang), value=view.start is None, key="timeline_all")
items = (reports.timeline_items(atlas, lang) if whole
         else reports.timeline_items(atlas, lang, view.start or view.date, view.date))
st.dataframe(items, hide_index=True)
