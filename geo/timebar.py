"""The sidebar's time control: a Streamlit custom component (v2) and its Python side.

A date slider with year ticks, steps of a month and a year (buttons and keys), and a play
button that walks year by year (``geo/js/timebar.js``, ``timebar.css``: read from files, nothing
from a CDN), with the current date and a "data to YYYY-MM" stamp beside it. The component only
*reports* a new date (its state value ``date``); the session's ``w_date`` holds the date shown,
set from the view like every other widget (``geo.state.widgets_from``), so a link, a page change
or a language switch puts the control back on the view's date. AppTest, which cannot run the
component's script, sets ``st.session_state["w_date"]`` the same way.

Streamlit is imported here as in :mod:`geo.ui`: this module is the control's widget.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo import lineage
from geo.i18n import col, t
from geo.markup import md_text
from geo.tables import Atlas
from geo.view import FIRST_DAY, View, parse_date

__all__ = ["KEY", "SPEEDS", "date_control", "stand_in_notice", "stamp"]

KEY = "w_time"  # the component's key; the date itself is st.session_state["w_date"]
SPEEDS = (0.5, 1, 2)  # seconds per year while playing
_JS = Path(__file__).with_name("js") / "timebar.js"
#: the control's words (catalog keys; the script gets them without the ``tb_``)
_LABELS = ("tb_prev_year", "tb_prev_month", "tb_next_month", "tb_next_year", "tb_play",
           "tb_pause", "tb_speed", "tb_per_year", "tb_slider", "tb_steps", "tb_prev_year_short",
           "tb_prev_month_short", "tb_next_month_short", "tb_next_year_short", "tb_play_short",
           "tb_pause_short")
_timebar = st.components.v2.component(
    "atlas_timebar", js=_JS.read_text(encoding="utf-8"),
    css=_JS.with_suffix(".css").read_text(encoding="utf-8"))


def _on_date() -> None:
    """The control sent a date: it becomes the date shown (the view follows in ``sidebar``)."""
    s = st.session_state
    sent = (s.get(KEY) or {}).get("date")
    value = sent.get("value") if isinstance(sent, dict) else None
    try:
        day = parse_date(str(value))
    except ValueError:
        return  # not a date: the control is out of step, the view stays as it is
    s["w_date"] = min(max(day, FIRST_DAY), dt.date.today())


def stamp(atlas: Atlas, lang: str) -> str:
    """"data to 2025-11": the month of the latest dated fact ("" with none)."""
    last = lineage.data_to(atlas)
    return t("data_to", lang, month=last.strftime("%Y-%m")) if last else ""


def date_control(atlas: Atlas, cur: View, lang: str) -> tuple[dt.date, DeltaGenerator]:
    """Draw the control in the sidebar on the session's date; return that date, and a place
    under the control for :func:`stand_in_notice`."""
    s, today = st.session_state, dt.date.today()
    date = min(max(s.get("w_date", cur.date), FIRST_DAY), today)
    labels = {k.removeprefix("tb_"): t(k, lang) for k in _LABELS}
    labels |= {"date": t("date", lang), "help": t("date_help", lang),
               "stamp_help": t("data_to_help", lang)}
    with st.sidebar:
        _timebar(key=KEY, on_date_change=_on_date, data={
            "date": date.isoformat(), "min": FIRST_DAY.isoformat(), "max": today.isoformat(),
            "lang": lang, "stamp": stamp(atlas, lang), "labels": labels,
            "speeds": list(SPEEDS), "speed": 1})
    return date, st.sidebar.container()


def _full_name(acronym: str, name: str) -> str:
    """`` (full name)`` after an acronym, without repeating the acronym the name may end with
    ("Cooperation Council of Turkic-Speaking States (Turkic Council)"); empty if nothing is left."""
    name = name.removesuffix(f" ({acronym})").strip()
    return "" if not name or name == acronym else f" ({md_text(name)})"


def stand_in_notice(box, atlas: Atlas, view: View) -> None:
    """In ``box``: one notice per organization drawn as its predecessor on the view's date."""
    _, pairs = lineage.stand_ins(atlas, view.orgs, view.date)
    if not pairs:
        return
    orgs, lang = atlas.organizations.set_index("org_id"), view.lang
    acr = orgs[col("acronym", lang)]
    for org, pred in pairs:
        box.info(t("stand_in_notice", lang, org=md_text(acr[org]), pred=md_text(acr[pred]),
                   name=_full_name(acr[pred], orgs.at[pred, col("name", lang)]),
                   founded=orgs.at[org, "founded"]),
                 icon=":material/history:")
