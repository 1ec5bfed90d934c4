"""The one Streamlit module of ``geo``: sidebar widgets, URL state, banners and provenance.

Pages call :func:`sidebar` for ``(atlas, view)`` and render with plain ``geo`` functions.
The view lives in ``st.session_state["_view"]`` and in the URL query string; a URL that differs
from the one the app last wrote (a shared link) wins, otherwise the session's view is kept, so
switching pages keeps the view.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo import reports, tables
from geo.assets import install_static, use_local_assets
from geo.i18n import col, t
from geo.view import EXTRA_LAYERS, FIRST_DAY, View

__all__ = ["clear_country", "country_card", "footer", "load_atlas", "on_map_click", "sidebar"]

_KEYS = ("w_lang", "w_date", "w_orgs", "w_links", "w_country", "w_range", "w_from", "w_show")


@st.cache_resource(show_spinner=False)
def _assets(base_url_path: str) -> bool:
    install_static()
    use_local_assets(base_url_path)
    return True


def load_atlas() -> tables.Atlas:
    """The tables (cached by ``geo.tables`` on file mtimes), with Leaflet served locally."""
    _assets(st.get_option("server.baseUrlPath") or "")
    return tables.load()


def _seed(view: View) -> None:
    s = st.session_state
    s["w_lang"], s["w_date"], s["w_orgs"] = view.lang, view.date, list(view.orgs)
    s["w_links"] = None if view.links is None else list(view.links)
    s["w_country"], s["w_range"] = view.country, view.start is not None
    s["w_from"] = view.start or max(FIRST_DAY, view.date - dt.timedelta(days=365 * 5))
    s["w_show"] = list(view.show)


def _query() -> dict[str, str]:
    return {k: st.query_params.get(k) for k in st.query_params}


def _view_from_state(atlas: tables.Atlas) -> tuple[View, list[tuple[str, str]]]:
    s, q, notices = st.session_state, _query(), []
    if q and q != s.get("_last_query"):
        view, notices = View.from_query(q, atlas.organizations["org_id"], _link_kinds(atlas),
                                        atlas.countries["iso3"])
        _seed(view)
    elif "_view" in s and any(k not in s for k in _KEYS):
        _seed(s["_view"])
    elif "_view" not in s:
        _seed(View())
    return s.get("_view", View()), notices


def _link_kinds(atlas: tables.Atlas) -> list[str]:
    return sorted(set(atlas.relations["kind"]))


def on_map_click() -> None:
    """Map click (``st_folium`` on_change): select the clicked country if it is one."""
    feature = (st.session_state.get("atlas_map") or {}).get("last_active_drawing") or {}
    iso3 = (feature.get("properties") or {}).get("iso3")
    if iso3:
        st.session_state["w_country"] = iso3


def sidebar(atlas: tables.Atlas) -> View:
    """Render the view widgets in the sidebar; sync the URL; return the current view."""
    _, notices = _view_from_state(atlas)
    s = st.session_state
    sb = st.sidebar
    lang = sb.segmented_control("Language / Langue", ["en", "fr"], key="w_lang",
                                format_func={"en": "English", "fr": "Français"}.get) or "en"
    orgs = atlas.organizations.set_index("org_id")
    today = dt.date.today()
    sb.slider(t("date", lang), min_value=FIRST_DAY, max_value=today, key="w_date",
              format="YYYY-MM-DD", help=t("date_help", lang))
    sb.multiselect(t("organizations", lang), list(orgs.index), key="w_orgs",
                   format_func=lambda o: f"{orgs.at[o, col('acronym', lang)]} — "
                                         f"{orgs.at[o, col('name', lang)]}")
    kinds = _link_kinds(atlas)
    all_links = s.get("w_links") is None
    if sb.toggle(t("all_link_kinds", lang), value=all_links, key="w_all_links"):
        s["w_links"] = None
    else:
        if s.get("w_links") is None:
            s["w_links"] = kinds
        sb.multiselect(t("links", lang), kinds, key="w_links",
                       format_func=lambda k: t(f"link_{k}", lang))
    sb.multiselect(t("layers", lang), list(EXTRA_LAYERS), key="w_show",
                   format_func=lambda k: t(f"layer_{k}", lang))
    if sb.toggle(t("range", lang), key="w_range", help=t("range_help", lang)):
        sb.date_input(t("from", lang), min_value=FIRST_DAY, max_value=s["w_date"], key="w_from")
    names = atlas.countries.set_index("iso3")[col("name", lang)].sort_values()
    sb.selectbox(t("country", lang), list(names.index), key="w_country", index=None,
                 format_func=lambda i: names.get(i, i), placeholder=t("country_pick", lang))
    links = s.get("w_links")
    start = s["w_from"] if s.get("w_range") and s["w_from"] <= s["w_date"] else None
    view = View(lang=lang, date=s["w_date"], orgs=tuple(s["w_orgs"]),
                links=None if links is None else tuple(links), country=s.get("w_country"),
                start=start, show=tuple(s["w_show"]))
    s["_view"] = view
    q = view.to_query()
    if q != _query():
        st.query_params.from_dict(q)
    s["_last_query"] = q
    for key, value in notices:
        st.info(t("notice_ignored", lang, key=key, value=value), icon="ℹ️")
    if atlas.problems:
        st.warning(t("data_problems", lang, n=len(atlas.problems)), icon="⚠️")
        with st.expander(t("data_problems_list", lang)):
            st.code("\n".join(map(str, atlas.problems)), language=None)
    return view


def clear_country() -> None:
    st.session_state["w_country"] = None


def country_card(atlas: tables.Atlas, view: View) -> None:
    """The selected country's profile: memberships over time, links and events, with sources."""
    lang = view.lang
    card = reports.country_tables(atlas, view.country, lang) if view.country else None
    if card is None:
        return
    st.subheader(card["name"])
    st.button(t("close", lang), on_click=clear_country, key="card_close", icon=":material/close:")
    for key, title in (("memberships", "memberships"), ("relations", "links"),
                       ("events", "events")):
        if len(card[key]):
            st.markdown(f"**{t(title, lang)}**")
            st.dataframe(card[key], hide_index=True, width="stretch")


def footer(atlas: tables.Atlas, lang: str) -> None:
    """Provenance on every page."""
    src = atlas.sources
    n_art = int((src["kind"] == "article").sum())
    st.divider()
    st.caption(t("provenance", lang, articles=n_art, references=len(src) - n_art))

