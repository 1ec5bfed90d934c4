"""Sources: each article and reference, the facts it supports, and notes on doubtful passages."""

import streamlit as st

from geo import reports, ui
from geo.i18n import t

atlas, view = ui.page()
lang = view.lang
st.title(t("page_sources", lang))
st.caption(t("sources_intro", lang))
st.dataframe(reports.source_facts(atlas, lang), hide_index=True)
st.subheader(t("notes_title", lang))
st.dataframe(reports.notes_table(atlas, lang), hide_index=True)
