"""Compare: two dates or two organizations side by side, maps in step, and what differs.

The left map is the sidebar's view. The right map shows it on a second date (``date_b``), or
shows a second organization (``orgs_b``) on the same date. Both maps pan and zoom together.
Widgets here edit the view (``cmp``, ``date_b``, ``orgs_b``), which the URL keeps
(:mod:`geo.compare_ui`).
"""

import datetime as dt

import streamlit as st
from streamlit_folium import st_folium

from geo import compare, compare_ui, config, layers, state, ui
from geo.csvout import to_csv
from geo.i18n import t

atlas, view = ui.page()
lang, today = view.lang, dt.date.today()
plan = compare.plan(view, list(atlas.organizations["org_id"]), today)
if plan.view != view:  # the URL names the comparison on show, so a shared link restores it
    state.set_view(plan.view)
st.title(t("page_compare", lang))
st.caption(t("cmp_intro", lang))
compare_ui.controls(atlas, plan, today)
st_folium(
    layers.dual_map(atlas, lang, config.tiles()),
    key="compare_map",
    feature_group_to_add=layers.dual_layers(atlas, plan.view_a, plan.view_b),
    returned_objects=[],  # panning, zooming and clicking never rerun the page
    height=520,
    use_container_width=True,
)
compare_ui.captions(atlas, plan)
table = (compare_ui.changes if plan.view.cmp == "dates" else compare_ui.members)(atlas, plan)
st.download_button(t("download_csv", lang), to_csv(table), file_name=compare.csv_name(plan),
                   mime="text/csv", key="cmp_download", icon=":material/download:")
