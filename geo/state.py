"""The view in the session and in the address: the one place that reads and writes them.

The view lives in ``st.session_state["_view"]`` and in the URL query string; a URL that differs
from the one the app last wrote (a shared link) wins, otherwise the session's view is kept, so
switching pages keeps the view. Widgets take their state from the view (:func:`widgets_from`).
:mod:`geo.ui` (the sidebar), :mod:`geo.present_ui` (decks) and the pages use this module; it
uses neither of them.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo import tables
from geo.memo import memo
from geo.view import View

__all__ = ["KEYS", "MAP_KEY", "by_id", "clear_country", "follow_view", "ids", "link_kinds",
           "on_map_click", "query", "select_country", "set_view", "update_view", "use_view",
           "widgets_from"]


KEYS = ("w_lang", "w_date", "w_orgs", "w_fill", "w_all_links", "w_links", "w_country",
         "w_range", "w_from", "w_show", "w_deck")


def query() -> dict[str, str]:
    return {k: st.query_params.get(k) for k in st.query_params}


def use_view(view: View) -> None:
    """Make ``view`` current: widgets start again from it."""
    st.session_state["_view"] = view
    widgets_from(view)


def widgets_from(view: View, skip: tuple[str, ...] = ()) -> None:
    """Set the sidebar widgets' state from ``view``'s ids (all but the ``skip`` keys).

    Their state is set, not only dropped: Streamlit keeps a keyed widget's value in the browser
    (and sends it back on the next rerun) unless the app sets it. The browser sends back the
    *labels* it shows, which are in the page's language: after a language switch they match no
    option any more, so the view's ids, not the labels, must decide.
    """
    s = st.session_state
    for k in KEYS:
        if k not in skip:
            s.pop(k, None)
    state = dict(w_lang=view.lang, w_date=view.date, w_orgs=list(view.orgs),
                 w_all_links=view.links is None, w_country=view.country,
                 w_range=view.start is not None, w_show=list(view.show), w_deck=view.deck)
    if view.links is not None:
        state["w_links"] = list(view.links)
    if view.start is not None:
        state["w_from"] = view.start
    s.update({k: v for k, v in state.items() if k not in skip})


#: the map's key (``st_folium``'s ``key``): its clicks land in ``st.session_state[MAP_KEY]``
MAP_KEY = "atlas_map"


def ids(chosen: list | None, known) -> tuple[str, ...]:
    known = set(known)
    return tuple(dict.fromkeys(x for x in chosen or () if x in known))


def link_kinds(atlas: tables.Atlas) -> list[str]:
    """The data's link kinds, sorted: once per data (every rerun's sidebar asks; a set over
    every link was most of a warm rerun with 41,000 of them). Shared: never mutate."""
    return memo(atlas, ("link_kinds",), lambda: sorted(set(atlas.relations["kind"])))


def select_country(iso3: str | None) -> None:
    st.session_state["_view"] = replace(st.session_state["_view"], country=iso3)
    st.session_state.pop("w_country", None)


def on_map_click() -> None:
    """Map click (``st_folium`` on_change): open the clicked country's card if it is one."""
    feature = (st.session_state.get(MAP_KEY) or {}).get("last_active_drawing") or {}
    iso3 = (feature.get("properties") or {}).get("iso3")
    if iso3:
        select_country(iso3)


def clear_country() -> None:
    select_country(None)


def update_view(**fields) -> None:
    """From a page widget's callback: the session's view with ``fields`` changed (the next
    run puts it in the URL). A change of ``orgs`` also drops the sidebar's organizations
    widget state, which would put the old ones back; it starts again from the view."""
    st.session_state["_view"] = replace(st.session_state["_view"], **fields)
    if "orgs" in fields:
        st.session_state.pop("w_orgs", None)


def set_view(view: View) -> None:
    """Make ``view`` the session's view and put it in the URL (a page changing its own fields)."""
    st.session_state["_view"] = view
    q = view.to_query()
    if q != query():
        st.query_params.from_dict(q)
    st.session_state["_last_query"] = q


def by_id(widget, key: str, lang: str, *args, **kwargs):
    """``widget(*args, key=key, **kwargs)`` (a page's own labelled filter) keeping its ids
    when the language changes: the browser sends back the old language's labels, which match
    no option any more, so the ids of the last run are put back first."""
    s = st.session_state
    kept = s.setdefault("_by_id", {})
    if key in kept and kept[key][0] != lang:
        ids = kept[key][1]
        options = set(args[1]) if len(args) > 1 else None  # (label, options, ...)
        if isinstance(ids, list) and options is not None:
            ids = [x for x in ids if x in options]
        s[key] = ids
    value = widget(*args, key=key, **kwargs)
    kept[key] = (lang, value)
    return value


def follow_view(tag: str, wanted: dict[str, object], shown: dict[str, object] | None = None):
    """A page's own filters kept in step with the view (``tag`` names the page).

    Call with ``wanted`` (widget key -> value, as the view has it) before drawing the widgets:
    their state is set from it only when the view changed elsewhere since the page last drew
    them (a shared link, the sidebar), not when the user just changed a filter (the view
    follows only after the widgets). Call again with ``shown``, the values drawn, afterwards.
    """
    s = st.session_state
    if shown is not None:
        s[f"_shown_{tag}"] = shown
    elif s.get(f"_shown_{tag}", wanted) != wanted:
        s.update(wanted)
