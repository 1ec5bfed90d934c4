"""Organizations: who is in what on the date, and every membership period over time."""

import altair as alt
import streamlit as st

from geo import reports, state, ui
from geo.i18n import t
from geo.style import org_colors

atlas, view = ui.page()
lang = view.lang
st.title(t("page_orgs", lang))
st.subheader(t("matrix_title", lang, date=view.date.isoformat()))
all_orgs = list(atlas.organizations["org_id"])
matrix = reports.status_matrix(atlas, view.date, all_orgs, lang)
if matrix.empty:
    st.info(t("matrix_empty", lang))
else:
    st.dataframe(matrix, hide_index=True)
st.subheader(t("timeline_title", lang))
# by_id: its labels are in the page's language; select_all=False: Enter adds one match
orgs = state.by_id(st.multiselect, "org_timeline", lang, t("timeline_orgs", lang), all_orgs,
                default=list(view.orgs) or all_orgs[:1], select_all=False,
                format_func=lambda o: atlas.organizations.set_index("org_id").at[
                    o, f"acronym_{lang}"], placeholder=t("choose", lang))
periods = reports.membership_periods(atlas, orgs, lang)
acronyms = reports.acronyms(atlas, lang)
if len(periods):
    statuses = [t(f"status_{s}", lang) for s in ("member", "observer", "partner", "suspended")]
    chart = alt.Chart(periods).mark_bar(height=9).encode(
        x=alt.X("start:T", title=None), x2="end:T",
        y=alt.Y("country:N", title=None, sort="ascending"),
        yOffset=alt.YOffset("org:N"),
        color=alt.Color("org:N", title=t("col_org", lang), scale=alt.Scale(
            domain=[acronyms[o] for o in orgs], range=[org_colors(atlas)[o] for o in orgs])),
        # ordinal, in this order: Vega-Lite warns of opacity on an unsorted nominal field
        opacity=alt.Opacity("status:O", title=t("col_status", lang), sort=statuses,
                            scale=alt.Scale(domain=statuses, range=[1.0, 0.55, 0.35, 0.2])),
        tooltip=["country", "org", "status", "start_text", "end_text", "source", "note"],
    ).properties(height=max(200, 18 * periods["country"].nunique() * max(1, len(orgs))))
    rule = alt.Chart({"values": [{"d": view.date.isoformat()}]}).mark_rule(
        color="black", strokeDash=[4, 3]).encode(x="d:T")
    st.altair_chart(chart + rule, width="stretch")
    st.dataframe(periods.drop(columns=["start", "end", "status_id"]), hide_index=True)
