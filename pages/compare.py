"""Compare: two dates or two organizations side by side, maps in step, and what differs.

The left map is the sidebar's view. The right map shows it on a second date (``date_b``), or
shows a second organization (``orgs_b``) on the same date. Both maps pan and zoom together.
Widgets here edit the view (``cmp``, ``date_b``, ``orgs_b``), which the URL keeps.
"""

import datetime as dt
from dataclasses import replace

import streamlit as st
from streamlit_folium import st_folium

from geo import compare, config, layers, reports, state, ui
from geo.csvout import to_csv
from geo.i18n import t
from geo.markup import md_text
from geo.view import FIRST_DAY

MODES = (("dates", "cmp_mode_dates"), ("orgs", "cmp_mode_orgs"))

atlas, view = ui.page()
lang = view.lang
today = dt.date.today()
orgs = atlas.organizations.set_index("org_id")
ids = list(orgs.index)


acronyms = reports.acronyms(atlas, lang)  # unique: the selectboxes map labels back to ids


def acronym(org_id: str) -> str:
    return str(acronyms.get(org_id, org_id))


def default_date_b(date: dt.date) -> dt.date:
    """Today, or ten years earlier when the sidebar's date is within the last year."""
    if date <= today - dt.timedelta(days=365):
        return today
    return max(FIRST_DAY, date.replace(year=date.year - 10, day=min(date.day, 28)))


# What the view asks for, with the page's defaults where it is silent.
mode = view.cmp or "dates"
date_b = view.date_b or default_date_b(view.date)
org_a = view.orgs[0] if view.orgs else next(iter([o for o in ("CSTO", *ids) if o in ids]), "CSTO")
org_b = view.orgs_b[0] if view.orgs_b else next(o for o in ("SCO", "CSTO", *ids) if o != org_a)
ids = list(dict.fromkeys([*ids, org_a, org_b]))  # what the view names is always an option
wanted = (replace(view, cmp=mode, date_b=date_b) if mode == "dates"
          else replace(view, cmp=mode, orgs_b=(org_b,)))
if wanted != view:  # the URL names the comparison on show, so a shared link restores it
    view = wanted
    state.set_view(view)


def _update(**fields) -> None:
    st.session_state["_view"] = replace(st.session_state["_view"], **fields)


def on_mode() -> None:
    if st.session_state.get("cmp_mode"):
        _update(cmp=st.session_state["cmp_mode"])


def on_date_b() -> None:
    _update(date_b=st.session_state["cmp_date_b"])


def on_org_a() -> None:
    """The left organization is the sidebar's first one (the others stay selected)."""
    a = st.session_state["cmp_org_a"]
    cur = st.session_state["_view"]
    _update(orgs=(a, *(o for o in cur.orgs if o != a)))
    st.session_state.pop("w_orgs", None)  # the sidebar's widget starts again from the view


def on_org_b() -> None:
    _update(orgs_b=(st.session_state["cmp_org_b"],))


def bind(key: str, value) -> None:
    """A widget shows the view's value, even after the view changed elsewhere (a link)."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value


st.title(t("page_compare", lang))
st.caption(t("cmp_intro", lang))
labels = {m: t(key, lang) for m, key in MODES}
bind("cmp_mode", mode)
st.segmented_control(t("cmp_mode", lang), list(labels), format_func=labels.get, key="cmp_mode",
                     on_change=on_mode)
if mode == "dates":
    bind("cmp_date_b", date_b)
    st.slider(t("cmp_date_b", lang), min_value=FIRST_DAY, max_value=today, key="cmp_date_b",
              format="YYYY-MM-DD", on_change=on_date_b, help=t("cmp_date_b_help", lang))
    start_b = view.start if view.start and view.start <= date_b else None
    view_a, view_b = view, replace(view, date=date_b, start=start_b)
else:
    c1, c2 = st.columns(2)
    bind("cmp_org_a", org_a)
    bind("cmp_org_b", org_b)
    c1.selectbox(t("cmp_org_a", lang), ids, format_func=acronym, key="cmp_org_a",
                 on_change=on_org_a)
    c2.selectbox(t("cmp_org_b", lang), ids, format_func=acronym, key="cmp_org_b",
                 on_change=on_org_b)
    view_a, view_b = replace(view, orgs=(org_a,)), replace(view, orgs=(org_b,))

st_folium(
    layers.dual_map(atlas, lang, config.tiles()),
    key="compare_map",
    feature_group_to_add=layers.dual_layers(atlas, view_a, view_b),
    returned_objects=[],  # panning, zooming and clicking never rerun the page
    height=520,
    use_container_width=True,
)
for column, side in zip(st.columns(2), (view_a, view_b), strict=True):
    names = ", ".join(md_text(acronym(o)) for o in side.orgs) or t("cmp_no_org", lang)
    column.caption(t("cmp_map_caption", lang, orgs=names, date=side.date.isoformat()))

if mode == "dates":
    lo, hi = compare.period(view.date, date_b)
    st.subheader(t("cmp_changes_title", lang, lo=lo.isoformat(), hi=hi.isoformat()))
    raw = compare.changes(atlas, lo, hi, view.orgs, kinds=view.links, events="events" in view.show)
    kind_labels = compare.change_labels(lang)
    present = [k for k in kind_labels if k in set(raw["change"])]
    picked = state.by_id(st.multiselect, "cmp_kinds", lang, t("cmp_filter", lang), present,
                      format_func=kind_labels.get, placeholder=t("cmp_filter_all", lang))
    if picked:
        raw = raw[raw["change"].isin(picked)].reset_index(drop=True)
    table = compare.changes_table(atlas, raw, lang)
    st.caption(t("cmp_n_changes", lang, n=len(table)))
    if table.empty:
        st.info(t("cmp_no_changes", lang), icon=":material/info:")
    else:
        st.dataframe(table, hide_index=True)
    file_name = f"atlas-changes-{lo.isoformat()}-{hi.isoformat()}-{lang}.csv"
else:
    a, b = md_text(acronym(org_a)), md_text(acronym(org_b))  # for Markdown
    st.subheader(t("cmp_members_title", lang, a=a, b=b, date=view.date.isoformat()))
    if org_a == org_b:
        st.info(t("cmp_same_org", lang), icon=":material/info:")
    diff = compare.org_diff(atlas, view.date, org_a, org_b)
    counts = diff["side"].value_counts()
    st.caption(t("cmp_diff_counts", lang, a=a, b=b, both=int(counts.get("both", 0)),
                 only_a=int(counts.get("only_a", 0)), only_b=int(counts.get("only_b", 0))))
    table = compare.org_diff_table(atlas, view.date, org_a, org_b, lang)
    st.dataframe(table, hide_index=True)
    file_name = f"atlas-{org_a}-{org_b}-{view.date.isoformat()}-{lang}.csv"
st.download_button(t("download_csv", lang), to_csv(table),
                   file_name=file_name, mime="text/csv", key="cmp_download",
                   icon=":material/download:")
