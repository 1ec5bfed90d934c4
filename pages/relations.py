"""Relations: the bilateral links as a filterable, downloadable table.

Its filters are part of the view (``rel_*`` in the address): they survive a page change, a
reload and a shared link. Until chosen, kinds and countries start from the map's.
"""

import datetime as dt
from dataclasses import replace

import streamlit as st

from geo import reports, state, ui
from geo.csvout import to_csv
from geo.i18n import t
from geo.view import FIRST_DAY

atlas, view = ui.page()
lang = view.lang
st.title(t("page_relations", lang))
rel = atlas.relations
names = atlas.countries.set_index("iso3")[f"name_{lang}"]
kind_ids, source_ids = sorted(set(rel["kind"])), sorted(set(rel["source_id"]))
used = sorted(set(rel["iso3_a"]) | set(rel["iso3_b"]), key=lambda i: names.get(i, i))
# what the filters show until chosen: the map's kinds and country
seed_kinds = [k for k in view.links or () if k in kind_ids]
seed_countries = [view.country] if view.country in used else []
today = dt.date.today()
wanted = {
    "rel_kinds": [k for k in (view.rel_links if view.rel_links is not None else seed_kinds)
                  if k in kind_ids],
    "rel_countries": [i for i in (view.rel_countries if view.rel_countries is not None
                                  else seed_countries) if i in used],
    "rel_sources": [s for s in view.rel_src or () if s in source_ids],
    "rel_range": (view.rel_from or FIRST_DAY, view.rel_to or today)}
state.follow_view("relations", wanted)
c1, c2, c3 = st.columns(3)
# by_id: labels are in the page's language, the filters keep their ids across a switch
kinds = state.by_id(c1.multiselect, "rel_kinds", lang, t("filter_kind", lang), kind_ids,
                 default=wanted["rel_kinds"], format_func=lambda k: t(f"link_{k}", lang),
                 placeholder=t("choose", lang), select_all=False)  # Enter adds one match
countries = state.by_id(c2.multiselect, "rel_countries", lang, t("filter_country", lang), used,
                     default=wanted["rel_countries"], format_func=lambda i: names.get(i, i),
                     placeholder=t("choose", lang), select_all=False)
sources = c3.multiselect(t("filter_source", lang), source_ids, key="rel_sources",
                         default=wanted["rel_sources"], placeholder=t("choose", lang),
                         select_all=False)
start, end = st.slider(t("filter_range", lang), min_value=FIRST_DAY, max_value=today,
                       value=wanted["rel_range"], key="rel_range", format="YYYY-MM-DD")
state.follow_view("relations", wanted, shown={"rel_kinds": kinds, "rel_countries": countries,
                                           "rel_sources": sources, "rel_range": (start, end)})
state.set_view(replace(  # into the address; a filter left as it started is left out of it
    view, rel_links=None if kinds == seed_kinds else tuple(kinds),
    rel_countries=None if countries == seed_countries else tuple(countries),
    rel_src=tuple(sources) or None, rel_from=None if start == FIRST_DAY else start,
    rel_to=None if end == today else end))
table = reports.relations_table(atlas, lang, start, end, kinds or None, countries, sources)
st.caption(t("n_links", lang, n=len(table)))
st.dataframe(table, hide_index=True)
st.download_button(t("download_csv", lang), to_csv(table),
                   file_name=f"atlas-relations-{lang}.csv", mime="text/csv")
