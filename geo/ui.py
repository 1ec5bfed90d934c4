"""The app's sidebar and shared panels (Streamlit): set-up, widgets, banners, provenance, the
country card and the export panel.

The entrypoint calls :func:`setup`, pages :func:`page`, for ``(atlas, view)``, and render with
plain ``geo`` functions; the view's state in the session and the URL is :mod:`geo.state`.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import replace

import streamlit as st

from geo import (
    bridge,
    compat,
    config,
    copylink,
    encoding,
    present_ui,
    reports,
    state,
    tables,
    timebar,
    wording,
)
from geo.assets import install_static, use_local_assets
from geo.clean import clip
from geo.i18n import LANGS, t
from geo.markup import md_code, md_text
from geo.view import EXTRA_LAYERS, FIRST_DAY, View

__all__ = ["MAX_NOTICES", "MAX_PROBLEMS", "country_card", "export_panel", "load_atlas", "page",
           "setup", "sidebar"]

#: runs a session may ask for at once, then per second (a person clicking fast stays well
#: under it); ATLAS_RERUN_RATE raises the rate for a benchmark or test that drives reruns back to
#: back on purpose
RERUN_BURST = 40
RERUN_RATE = float(os.environ.get("ATLAS_RERUN_RATE", "3"))
MAX_NOTICES = 10  # "Ignored ..." notices shown; then "... and N more"
MAX_PROBLEMS = 200  # data problems listed in the app (python -m geo.validate prints them all)
MAX_LINE = 300  # characters of one listed problem


@st.cache_resource(show_spinner=False)
def _assets(base_url_path: str) -> bool:
    install_static()
    use_local_assets(base_url_path)
    return True


def load_atlas() -> tables.Atlas:
    """The tables (cached by ``geo.tables`` on file mtimes), with Leaflet served locally."""
    _assets(st.get_option("server.baseUrlPath") or "")
    return tables.load()


def _leave_pages_folder_mode() -> None:
    """Rerun at once if Streamlit runs this script the pre-``st.navigation`` way (see
    :func:`geo.compat.leave_pages_folder_mode`), before any widget is drawn."""
    if compat.leave_pages_folder_mode():
        st.rerun()


def _rate_limit() -> None:
    """At most ``RERUN_BURST`` runs at once, then ``RERUN_RATE`` per second, per session.

    Every visitor shares the server's two cores: a script flooding rerun requests made a
    normal visitor wait 33 s. A session over its budget gets a short notice and nothing else
    (no map built) until the budget refills: a person toggling fast never meets it.
    """
    s, now = st.session_state, time.monotonic()
    tokens, last = s.get("_rerun_budget", (float(RERUN_BURST), now))
    tokens = min(float(RERUN_BURST), tokens + (now - last) * RERUN_RATE)
    s["_rerun_budget"] = (tokens - 1.0, now) if tokens >= 1.0 else (tokens, now)
    if tokens < 1.0:
        lang = (s.get("_view") or View()).lang
        st.warning(t("rerun_limit", lang), icon=":material/hourglass_top:")
        st.stop()


def setup() -> tuple[tables.Atlas, View]:
    """Data and sidebar for this run; the entrypoint calls it before running the page."""
    _leave_pages_folder_mode()
    _rate_limit()
    atlas = load_atlas()
    view = sidebar(atlas)
    st.session_state["_setup_done"] = True
    return atlas, view


def page() -> tuple[tables.Atlas, View]:
    """What a page script starts with: the set-up the entrypoint did in this run.

    Until some run has called ``st.navigation``, Streamlit treats the ``pages/`` folder the old
    way and runs a page opened by its URL without the entrypoint (the first request after
    start-up, and every AppTest run). The page then switches Streamlit to the
    ``st.navigation`` way and reruns, so the entrypoint always runs first.
    """
    if st.session_state.pop("_setup_done", False):
        return load_atlas(), st.session_state["_view"]
    _leave_pages_folder_mode()
    atlas, view = setup()  # not reached in a normal run; keeps the page usable regardless
    st.session_state.pop("_setup_done", None)
    return atlas, view


def _current_view(atlas: tables.Atlas) -> tuple[View, list[tuple[str, str]]]:
    """The session's view, or the URL's when the URL is not the one the app last wrote."""
    s, q, notices = st.session_state, state.query(), []
    if q and q != s.get("_last_query"):
        view, notices = View.from_query(q, atlas.organizations["org_id"], state.link_kinds(atlas),
                                        atlas.countries["iso3"],
                                        sources=atlas.relations["source_id"])  # rel_src=
        view, notices = present_ui.apply_slide(atlas, q, view, notices)  # deck= and slide=
        state.use_view(view)
    elif "_view" not in s:  # the default view, with the organizations this data knows
        state.use_view(View(orgs=state.ids(View().orgs, atlas.organizations["org_id"])))
    return s["_view"], notices


def sidebar(atlas: tables.Atlas) -> View:
    """Render the view widgets in the sidebar; sync the URL; return the current view.

    Every widget gets its value from the session's view (not only from its own widget state),
    so a rerun that finds the widgets reset in the browser still shows the user's view.
    """
    cur, notices = _current_view(atlas)
    sb = st.sidebar
    # its state is set from the view (state.widgets_from): a default as well would be a warning
    lang = sb.segmented_control("Language / Langue", list(LANGS), key="w_lang",
                                default=None if "w_lang" in st.session_state else cur.lang,
                                format_func=lambda x: t("lang_name", x)) or cur.lang
    if lang != cur.lang:  # new labels: the other widgets start again from the view's ids
        state.widgets_from(replace(cur, lang=lang), skip=("w_lang",))
    copylink.copy_link(lang)  # reads the browser's address when clicked (bbox= included)
    orgs = wording.org_titles(atlas, lang)  # ids in the data's order
    acronyms = reports.acronyms(atlas, lang)  # unique: a widget maps labels back to ids
    date, notice_box = timebar.date_control(atlas, cur, lang)
    chosen = _org_picker(atlas, cur, lang, date)
    chosen = _fill_by(atlas, replace(cur, date=date, orgs=state.ids(chosen, orgs)), acronyms)
    kinds = state.link_kinds(atlas)
    links = _link_picker(cur, kinds, lang)
    show = sb.multiselect(t("layers", lang), list(EXTRA_LAYERS),
                          key="w_show", **_first("w_show", default=list(cur.show)),
                          format_func=lambda k: t(f"layer_{k}", lang),
                          select_all=False,
                          help=t("layers_help", lang), placeholder=t("choose", lang))
    start = None
    if sb.toggle(t("range", lang), key="w_range", help=t("range_help", lang),
                 **_first("w_range", value=cur.start is not None)):
        default_from = cur.start or max(FIRST_DAY, date - dt.timedelta(days=365 * 5))
        start = sb.date_input(t("from", lang), min_value=FIRST_DAY, max_value=date, key="w_from",
                              **_first("w_from", value=min(default_from, date)))
    names = wording.names(atlas, lang)
    isos = sorted(names, key=names.get)  # by name in the language
    country = sb.selectbox(t("country", lang), isos, key="w_country",
                           **_first("w_country", index=isos.index(cur.country)
                                    if cur.country in isos else None),
                           format_func=lambda i: names.get(i, i),
                           placeholder=t("country_pick", lang))
    # only ids reach the view (a widget may hand back a label it no longer finds); replace():
    # the fields a page owns (the compare page's) are kept as they are
    view = replace(cur, lang=lang, date=date, orgs=state.ids(chosen, orgs),
                   links=None if links is None else state.ids(links, kinds),
                   country=country if country in isos else None, start=start,
                   show=state.ids(show, EXTRA_LAYERS))
    view = present_ui.deck_sidebar(atlas, view)  # the "Briefing deck" section
    state.set_view(view)
    bridge.extent_sync()
    timebar.stand_in_notice(notice_box, atlas, view)  # a predecessor drawn in its place
    _provenance(atlas, lang)
    _articles_notice(atlas, lang)
    _notices(notices, lang)
    _problems(atlas, lang)
    return view


def _link_picker(cur: View, kinds: list[str], lang: str) -> list[str] | None:
    """"All link kinds", or the kinds picked (None: all)."""
    sb = st.sidebar
    if sb.toggle(t("all_link_kinds", lang), key="w_all_links",
                 **_first("w_all_links", value=cur.links is None)):
        return None
    return sb.multiselect(t("links", lang), kinds, key="w_links",
                          **_first("w_links", default=[k for k in (cur.links or kinds)
                                                       if k in kinds]),
                          format_func=lambda k: t(f"link_{k}", lang), select_all=False,
                          placeholder=t("choose", lang))


def _first(key: str, **initial) -> dict:
    """A widget's initial value, for its first run only: once the app has set its state (see
    :func:`geo.state.widgets_from`), passing one as well makes Streamlit log a warning."""
    return {} if key in st.session_state else initial


def _org_picker(atlas: tables.Atlas, cur: View, lang: str, date: dt.date) -> list[str]:
    """The organizations widget, labelled "CSTO (from 2002) — full name" on ``date``.

    The labels change with the date. When they do, the picker's state is set again (as the
    ids it holds, read with the last run's labels): only a value the app sets makes the
    browser redraw the chips, which otherwise kept the old text. ``select_all=False``: Enter
    adds the first match, not every match ("CST" is also in "CSTO"); ``"contains"``: the
    first match is the first in the table's order that has the typed text.
    """
    labels, s = wording.org_labels(atlas, lang, date), st.session_state
    if s.get("_org_labels", labels) != labels:
        s["w_orgs"] = list(state.ids(s.get("w_orgs", cur.orgs), labels))
    s["_org_labels"] = labels
    return st.sidebar.multiselect(
        t("organizations", lang), list(labels), key="w_orgs",
        **_first("w_orgs", default=list(state.ids(cur.orgs, labels))),
        format_func=labels.get, select_all=False, filter_mode="contains",
        help=t("organizations_help", lang), placeholder=t("choose", lang))


def _fill_by(atlas: tables.Atlas, view: View, acronyms: dict[str, str]) -> list[str]:
    """With several organizations, which one fills the map (the first of the view's): picking
    another moves it to the front. Returns the organizations in the view's order."""
    chosen, s, lang = list(view.orgs), st.session_state, view.lang
    if len(chosen) < 2:
        return chosen
    if s.get("w_fill") not in chosen:
        s.pop("w_fill", None)
    focus = encoding.focus_org(atlas, view)
    st.sidebar.selectbox(t("fill_by", lang), chosen, key="w_fill",
                         **_first("w_fill", index=chosen.index(focus)),
                         format_func=acronyms.get, on_change=_fill_first,
                         disabled="overlap" in view.show, help=t("fill_by_help", lang))
    return chosen


def _fill_first() -> None:
    """The organization picked to fill the map goes first in the organizations widget."""
    s = st.session_state
    pick, orgs = s.get("w_fill"), list(s.get("w_orgs") or ())
    if pick in orgs:
        s["w_orgs"] = [pick, *(o for o in orgs if o != pick)]


def _count(n: int, lang: str) -> str:
    """``2,999,950`` in English, ``2 999 950`` in French."""
    return f"{n:,}".replace(",", "\u202f" if lang == "fr" else ",")


def _notices(notices: list[tuple[str, str]], lang: str) -> None:
    """One notice per distinct ignored value, at most ``MAX_NOTICES`` (then how many more).

    The value is quoted as a code span (:func:`geo.markup.md_code`): shown as it is, and a URL
    in it is not made a link inside the app's own message.
    """
    notices = list(dict.fromkeys(notices))
    for key, value in notices[:MAX_NOTICES]:
        st.info(t("notice_ignored", lang, key=key, value=md_code(value)),
                icon=":material/info:")
    if len(notices) > MAX_NOTICES:
        st.info(t("and_more", lang, n=_count(len(notices) - MAX_NOTICES, lang)),
                icon=":material/info:")


def _problems(atlas: tables.Atlas, lang: str) -> None:
    """The data's problems: a banner with their number and the first ``MAX_PROBLEMS`` distinct
    ones, each cut to one screen line (``python -m geo.validate`` prints them all)."""
    if not atlas.problems:
        return
    st.warning(t("data_problems", lang, n=_count(len(atlas.problems), lang)),
               icon=":material/warning:")
    lines = list(dict.fromkeys(clip(str(p), MAX_LINE) for p in atlas.problems[:MAX_PROBLEMS * 4]))
    rest = len(atlas.problems) - len(lines[:MAX_PROBLEMS])
    lines = lines[:MAX_PROBLEMS]
    if rest > 0:
        lines.append(t("and_more", lang, n=_count(rest, lang)))
    with st.expander(t("data_problems_list", lang)):
        st.code("\n".join(lines), language=None)


def country_card(atlas: tables.Atlas, view: View) -> None:
    """The selected country's profile: memberships over time, links and events, with sources."""
    lang = view.lang
    card = reports.country_tables(atlas, view.country, lang) if view.country else None
    if card is None:
        st.info(t("card_hint", lang), icon=":material/touch_app:")
        return
    st.subheader(md_text(card["name"]))  # Markdown: the name shown as it is
    st.button(t("close", lang), on_click=state.clear_country, key="card_close",
              icon=":material/close:")
    sections = [(t(title, lang), name) for title, name in (
        ("memberships", "memberships"), ("links", "relations"), ("events", "events"))
        if len(card[name])]
    for title, name in sections:  # the narrow column gets the essentials...
        st.markdown(f"**{title}**")
        st.dataframe(card["brief"][name], hide_index=True, width="stretch")
    # ...and every fact's source on demand: built only while open (a room's reruns skip it)
    with st.expander(t("card_details", lang), key="x_card_details", on_change="rerun") as box:
        for title, name in sections if box.open else ():
            st.markdown(f"**{title}**")
            st.dataframe(card[name], hide_index=True, width="stretch")


def _provenance(atlas: tables.Atlas, lang: str) -> None:
    """Where the data comes from, at the foot of the sidebar on every page."""
    src = atlas.sources
    n_art = int((src["kind"] == "article").sum())
    st.sidebar.divider()
    st.sidebar.caption(t("provenance", lang, articles=n_art, references=len(src) - n_art))


def _articles_notice(atlas: tables.Atlas, lang: str) -> None:
    """Under the provenance: which locators went unchecked because articles are not at hand
    (a deployment without the articles folder shows the data as recorded, and says so)."""
    folder = config.articles_dir()
    text = wording.articles_notice(atlas, lang, folder.name, folder.is_dir())
    if text:
        st.sidebar.info(text, icon=":material/info:")


def export_panel(atlas: tables.Atlas, view: View) -> None:
    """Download buttons for the view; each file is built only when its button is clicked."""
    from geo import export, figure

    lang = view.lang
    with st.expander(t("export_title", lang), icon=":material/download:", key="x_export",
                     on_change="rerun") as box:
        if not box.open:  # ten buttons registered on every rerun otherwise
            return
        st.caption(t("export_hint", lang))
        cols = st.columns(4)
        cols[0].markdown(f"**{t('export_figure', lang)}**")
        for fmt, mime in figure.FORMATS.items():
            cols[0].download_button(
                fmt.upper(), lambda fmt=fmt: figure.figure(atlas, view, fmt), mime=mime,
                file_name=export.filename(view, "map", fmt), on_click="ignore",
                key=f"dl_{fmt}")
        cols[1].markdown(f"**{t('export_html', lang)}**")
        cols[1].download_button("HTML", lambda: export.standalone_html(atlas, view),
                                mime="text/html", file_name=export.filename(view, "map", "html"),
                                on_click="ignore", key="dl_html")
        cols[2].markdown(f"**{t('export_data', lang)}**")
        for name in ("links", "events", "memberships"):
            cols[2].download_button(
                f"{name}.csv", lambda name=name: export.view_csvs(atlas, view)[name],
                mime="text/csv", file_name=export.filename(view, name, "csv"),
                on_click="ignore", key=f"dl_{name}")
        cols[2].download_button("countries.geojson", lambda: export.colored_geojson(atlas, view),
                                mime="application/geo+json",
                                file_name=export.filename(view, "countries", "geojson"),
                                on_click="ignore", key="dl_geojson")
        cols[3].markdown(f"**{t('export_sources', lang)}**")
        cols[3].download_button("TXT", lambda: export.citations(atlas, view, "text"),
                                mime="text/plain",
                                file_name=export.filename(view, "sources", "txt"),
                                on_click="ignore", key="dl_sources_txt")
        cols[3].download_button("Markdown", lambda: export.citations(atlas, view, "markdown"),
                                mime="text/markdown",
                                file_name=export.filename(view, "sources", "md"),
                                on_click="ignore", key="dl_sources_md")
