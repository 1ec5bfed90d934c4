"""Main page: the map with its legend, a table alternative, and the country card.

With ``present=1`` in the URL it is the presentation of a briefing deck (geo.present_ui).
"""

import streamlit as st

from geo import compat, config, layers, lineage, present_ui, reports, state, ui
from geo.i18n import t

atlas, view = ui.page()
if view.present:
    present_ui.presentation(atlas, view)
    st.stop()
lang = view.lang
st.html(compat.fill_height_css(below_px=150) + compat.compact_top_css())
st.title(t("app_title", lang))
st.caption(t("map_caption", lang, date=view.date.isoformat()))
# Same columns whether or not a country is open, so opening its card does not rebuild the map.
map_col, card_col = st.columns([3, 1.1])
with map_col:
    # rendered once per view for every session: most of a rerun otherwise
    compat.show_folium(layers.map_args(atlas, view, config.tiles(), key=state.MAP_KEY,
                                       height=620, returned_objects=["last_active_drawing"],
                                       use_container_width=True),
                       key=state.MAP_KEY, on_change=state.on_map_click)
    ui.export_panel(atlas, view)
    # the tables only while open: most reruns (a room's viewers) never show them
    with st.expander(t("table_view", lang), key="x_table", on_change="rerun") as box:
        if box.open:
            shown = lineage.on_map(atlas, view)  # with predecessors standing in
            st.dataframe(reports.status_matrix(atlas, view.date, shown.orgs, lang),
                         hide_index=True)
            st.dataframe(reports.lines_table(atlas, view), hide_index=True)
with card_col:
    ui.country_card(atlas, view)
    # escaped by geo.legend; raw HTML only for the swatches, which st.html would strip
    st.markdown(layers.side_legend(atlas, view), unsafe_allow_html=True)
