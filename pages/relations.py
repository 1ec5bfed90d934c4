"""Relations: the bilateral links as a filterable, downloadable table."""

import datetime as dt

import streamlit as st

from geo import reports, ui
from geo.csvout import to_csv
from geo.i18n import t
from geo.view import FIRST_DAY

atlas, view = ui.page()
lang = view.lang
st.title(t("page_relations", lang))
rel = atlas.relations
names = atlas.countries.set_index("iso3")[f"name_{lang}"]
c1, c2, c3 = st.columns(3)
# by_id: labels are in the page's language, the filters keep their ids across a switch
kinds = ui.by_id(c1.multiselect, "rel_kinds", lang, t("filter_kind", lang),
                 sorted(set(rel["kind"])),
                 default=list(view.links) if view.links is not None else None,
                 format_func=lambda k: t(f"link_{k}", lang), placeholder=t("choose", lang))
used = sorted(set(rel["iso3_a"]) | set(rel["iso3_b"]), key=lambda i: names.get(i, i))
countries = ui.by_id(c2.multiselect, "rel_countries", lang, t("filter_country", lang), used,
                     format_func=lambda i: names.get(i, i),
                     default=[view.country] if view.country in used else None,
                     placeholder=t("choose", lang))
sources = c3.multiselect(t("filter_source", lang), sorted(set(rel["source_id"])),
                         key="rel_sources", placeholder=t("choose", lang))
start, end = st.slider(t("filter_range", lang), min_value=FIRST_DAY, max_value=dt.date.today(),
                       value=(FIRST_DAY, dt.date.today()), key="rel_range", format="YYYY-MM-DD")
table = reports.relations_table(atlas, lang, start, end, kinds or None, countries, sources)
st.caption(t("n_links", lang, n=len(table)))
st.dataframe(table, hide_index=True)
st.download_button(t("download_csv", lang), to_csv(table),
                   file_name=f"atlas-relations-{lang}.csv", mime="text/csv")
