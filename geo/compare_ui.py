"""The compare page's widgets and tables (Streamlit), around a :class:`geo.compare.Plan`.

The widgets show the view's values and their callbacks change the view
(:func:`geo.state.update_view`), so a shared link, the sidebar and these widgets agree; the page
draws from the plan, never from a widget's return value.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import compare, reports, state
from geo.compare import Plan
from geo.i18n import t
from geo.markup import md_text
from geo.tables import Atlas
from geo.view import FIRST_DAY

__all__ = ["MODES", "captions", "changes", "controls", "members"]

#: the comparison's modes, with their catalog keys
MODES = (("dates", "cmp_mode_dates"), ("orgs", "cmp_mode_orgs"))


def _acronym(atlas: Atlas, lang: str):
    """Organization id -> its acronym in ``lang``, unique (the selectboxes map labels back)."""
    acronyms = reports.acronyms(atlas, lang)
    return lambda org_id: str(acronyms.get(org_id, org_id))


def _bind(key: str, value) -> None:
    """A widget shows the view's value, even after the view changed elsewhere (a link)."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value


def _on_mode() -> None:
    if st.session_state.get("cmp_mode"):
        state.update_view(cmp=st.session_state["cmp_mode"])


def _on_date_b() -> None:
    state.update_view(date_b=st.session_state["cmp_date_b"])


def _on_org_a() -> None:
    """The left organization is the sidebar's first one (the others stay selected)."""
    a = st.session_state["cmp_org_a"]
    state.update_view(orgs=(a, *(o for o in st.session_state["_view"].orgs if o != a)))


def _on_org_b() -> None:
    state.update_view(orgs_b=(st.session_state["cmp_org_b"],))


def controls(atlas: Atlas, p: Plan, today) -> None:
    """The mode, then the second date or the two organizations."""
    lang, view = p.view.lang, p.view
    labels = {m: t(key, lang) for m, key in MODES}
    _bind("cmp_mode", view.cmp)
    st.segmented_control(t("cmp_mode", lang), list(labels), format_func=labels.get,
                         key="cmp_mode", on_change=_on_mode)
    if view.cmp == "dates":
        _bind("cmp_date_b", view.date_b)
        st.slider(t("cmp_date_b", lang), min_value=FIRST_DAY, max_value=today, key="cmp_date_b",
                  format="YYYY-MM-DD", on_change=_on_date_b, help=t("cmp_date_b_help", lang))
        return
    acronym, (c1, c2) = _acronym(atlas, lang), st.columns(2)
    _bind("cmp_org_a", p.org_a)
    _bind("cmp_org_b", p.org_b)
    c1.selectbox(t("cmp_org_a", lang), p.options, format_func=acronym, key="cmp_org_a",
                 on_change=_on_org_a)
    c2.selectbox(t("cmp_org_b", lang), p.options, format_func=acronym, key="cmp_org_b",
                 on_change=_on_org_b)


def captions(atlas: Atlas, p: Plan) -> None:
    """Under each map, its organizations and date."""
    lang, acronym = p.view.lang, _acronym(atlas, p.view.lang)
    for column, side in zip(st.columns(2), (p.view_a, p.view_b), strict=True):
        names = ", ".join(md_text(acronym(o)) for o in side.orgs) or t("cmp_no_org", lang)
        column.caption(t("cmp_map_caption", lang, orgs=names, date=side.date.isoformat()))


def changes(atlas: Atlas, p: Plan) -> pd.DataFrame:
    """Two dates: what changed in between, filterable by kind of change; returns the table."""
    view, lang = p.view, p.view.lang
    lo, hi = compare.period(view.date, view.date_b)
    st.subheader(t("cmp_changes_title", lang, lo=lo.isoformat(), hi=hi.isoformat()))
    raw = compare.changes(atlas, lo, hi, view.orgs, kinds=view.links,
                          events="events" in view.show)
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
    return table


def members(atlas: Atlas, p: Plan) -> pd.DataFrame:
    """Two organizations: who is in both or in one only, on the view's date; returns the table."""
    view, lang, acronym = p.view, p.view.lang, _acronym(atlas, p.view.lang)
    a, b = md_text(acronym(p.org_a)), md_text(acronym(p.org_b))  # for Markdown
    st.subheader(t("cmp_members_title", lang, a=a, b=b, date=view.date.isoformat()))
    if p.org_a == p.org_b:
        st.info(t("cmp_same_org", lang), icon=":material/info:")
    counts = compare.org_diff(atlas, view.date, p.org_a, p.org_b)["side"].value_counts()
    st.caption(t("cmp_diff_counts", lang, a=a, b=b, both=int(counts.get("both", 0)),
                 only_a=int(counts.get("only_a", 0)), only_b=int(counts.get("only_b", 0))))
    table = compare.org_diff_table(atlas, view.date, p.org_a, p.org_b, lang)
    st.dataframe(table, hide_index=True)
    return table
