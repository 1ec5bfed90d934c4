"""Briefing decks in the app (Streamlit): the sidebar's deck section and presentation mode.

A deck (:mod:`geo.deck`) is either shipped in ``decks/`` or the session's own (``upload``:
uploaded, or made with "add the current view as a slide"); the session's deck lives in
``st.session_state`` only, so nothing a visitor does is written on the server. Moving to a slide
makes its view current the way a URL does (:func:`geo.state.use_view`), and the URL then reads
``present=1&deck=...&slide=N`` with the slide's view, so a presentation can be shared. Deck text
is shown with ``st.text``: never HTML, never Markdown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from geo import compat, config, layers, state
from geo import deck as decks
from geo.deck import UPLOAD, Deck, Problem
from geo.export import long_date
from geo.i18n import t
from geo.memo import memo
from geo.tables import Atlas
from geo.view import View
from geo.wording import org_titles

__all__ = ["apply_slide", "deck_sidebar", "load", "presentation"]

def _narrow_below(title: str, caption: str) -> int:
    """What a phone's page takes besides the map (phone type of geo.compat.present_css: about
    24 characters a title line, 42 a caption line, the buttons on two rows)."""
    return (130 + 30 * -(-len(title) // 24) + 21 * -(-len(caption) // 42)
            + (12 if caption else 0))


#: px of the window above and below the map: title row, foot and margins; a caption adds a
#: line of CAPTION_LINE_PX per CAPTION_LINE_CHARS (a line of the caption's type at 1280 px)
MAP_BELOW, CAPTION_PX, CAPTION_LINE_PX, CAPTION_LINE_CHARS = 130, 16, 33, 95
def _known(atlas: Atlas) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return (tuple(atlas.organizations["org_id"]), tuple(state.link_kinds(atlas)),
            tuple(atlas.countries["iso3"]))


def _read_shipped(atlas: Atlas, path: str, mtime: float) -> tuple[Deck | None, list[Problem]]:
    """A shipped deck read once per data, file version and day (the sidebar asks twice a run,
    for every viewer; a slide without a date shows today's): shared, never changed."""
    today = dt.date.today()

    def read() -> tuple[Deck | None, list[Problem]]:
        with open(path, "rb") as f:
            return decks.load_deck(f.read(decks.MAX_BYTES + 1), *_known(atlas), today=today)

    return memo(atlas, ("shipped_deck", path, mtime, today), read)


def load(atlas: Atlas, name: str | None) -> tuple[Deck | None, list[Problem]]:
    """The deck called ``name`` (a shipped one, or ``upload``) with its problems; None if none."""
    if name == UPLOAD:
        return st.session_state.get("_deck_upload"), []
    path = decks.shipped_decks().get(name or "")
    if path is None:
        return None, []
    return _read_shipped(atlas, str(path), path.stat().st_mtime)


def apply_slide(atlas: Atlas, params: dict[str, str], view: View,
                notices: list[tuple[str, str]]) -> tuple[View, list[tuple[str, str]]]:
    """A URL's view once its deck and slide are looked up (unknown deck: notice, no deck;
    slide past the end: notice, last slide; a short presentation URL gets the slide's view)."""
    if not view.deck:
        return view, notices
    deck, _ = load(atlas, view.deck)
    if deck is None and view.deck == UPLOAD:
        # someone's own deck: it lives in their browser, not on the server (see deck_sidebar)
        st.session_state["_deck_elsewhere"] = True
        return replace(view, deck=None, slide=None), notices
    if deck is None or not deck.slides:
        return replace(view, deck=None, slide=None), [*notices, ("deck", view.deck)]
    if view.slide is None:
        return view, notices
    n = min(view.slide, len(deck.slides))
    if n != view.slide:
        notices = [*notices, ("slide", str(view.slide))]
    full = decks.with_slide(params, deck.slides[n - 1])
    if full != params:
        view, more = View.from_query(full, *_known(atlas))
        notices = [*notices, *(m for m in more if m not in notices)]
    return replace(view, slide=n), notices


# --- moving between slides (button callbacks: they run before the next script run) ----------

def _go(atlas: Atlas, name: str, n: int) -> None:
    """Show slide ``n`` of deck ``name`` in presentation mode, in the current language."""
    deck, _ = load(atlas, name)
    if deck is None or not 1 <= n <= len(deck.slides):
        return
    cur = st.session_state["_view"]
    view = decks.slide_view(deck.slides[n - 1], *_known(atlas), lang=cur.lang)
    state.use_view(replace(view, present=True, deck=name, slide=n))


def _start(atlas: Atlas, name: str | None) -> None:
    deck, _ = load(atlas, name)
    if deck is not None and deck.slides:
        _go(atlas, name, 1)
    else:  # no deck: present the current view alone
        state.use_view(replace(st.session_state["_view"], present=True, slide=None))


def _exit() -> None:
    state.use_view(replace(st.session_state["_view"], present=False, slide=None))


def _uploaded(atlas: Atlas) -> None:
    """The deck uploader changed: read and check the file; a usable deck becomes current."""
    s = st.session_state
    f = s.get("w_deck_file")
    if f is None:
        s.pop("_deck_problems", None)
        return
    deck, problems = decks.load_deck(f.getvalue(), *_known(atlas))
    usable = deck is not None and bool(deck.slides)
    s["_deck_problems"] = (usable, problems)
    if usable:
        s["_deck_upload"] = deck
        state.use_view(replace(s["_view"], deck=UPLOAD, slide=None))


def _add_slide(atlas: Atlas, default_title: str) -> None:
    """Add the current view to the chosen deck, as the session's own deck."""
    s = st.session_state
    cur = s["_view"]
    base, _ = load(atlas, cur.deck)
    if base is not None and len(base.slides) >= decks.MAX_SLIDES:
        return
    title = (s.get("w_slide_title") or "").strip() or default_title
    s["_deck_upload"] = decks.deck_from_view(cur, title, s.get("w_slide_caption") or "", base,
                                             deck_title=t("deck_mine", cur.lang))
    s["w_slide_title"] = s["w_slide_caption"] = ""
    state.use_view(replace(cur, deck=UPLOAD, slide=None))


# --- the sidebar section ------------------------------------------------------------------

def deck_sidebar(atlas: Atlas, view: View) -> View:
    """The "Briefing deck" section: choose, upload, download, extend and present a deck.

    Returns ``view`` with the chosen deck.
    """
    lang, sb, s = view.lang, st.sidebar, st.session_state
    sb.divider()  # a heading, not st.subheader: the page's subheaders are the country card's
    sb.markdown(f"#### {t('deck_section', lang)}")
    names = [*decks.shipped_decks(), *([UPLOAD] if s.get("_deck_upload") else [])]
    labels = {n: (d.title_in(lang) if (d := load(atlas, n)[0]) else n) for n in names}
    if UPLOAD in labels:
        labels[UPLOAD] = t("deck_session", lang, title=labels[UPLOAD])
    choice = sb.selectbox(t("deck", lang), names, key="w_deck",
                          index=names.index(view.deck) if view.deck in names else None,
                          format_func=labels.get, placeholder=t("deck_pick", lang))
    view = replace(view, deck=choice, slide=view.slide if choice == view.deck else None)
    deck, problems = load(atlas, choice)
    if deck is not None:
        sb.caption(t("deck_n_slides", lang, n=len(deck.slides)))
    if choice == UPLOAD:  # a link to it opens nothing elsewhere: say so where it is made
        sb.caption(t("deck_yours_only", lang))
    if s.pop("_deck_elsewhere", False):
        sb.info(t("deck_elsewhere", lang), icon=":material/info:")
    sb.file_uploader(t("deck_upload", lang), type=["json"], key="w_deck_file",
                     max_upload_size=1, on_change=_uploaded, args=(atlas,),
                     help=t("deck_upload_help", lang, kb=decks.MAX_BYTES // 1000,
                            n=decks.MAX_SLIDES))
    if s.get("w_deck_file") is not None and "_deck_problems" in s:
        usable, found = s["_deck_problems"]
        if not usable:
            sb.error(t("deck_rejected", lang), icon=":material/error:")
        problems = [*found, *problems] if usable else found
    if problems:
        sb.warning(t("deck_problems", lang, n=len(problems)), icon=":material/warning:")
        sb.code("\n".join(map(str, problems)), language=None, wrap_lines=True)
    if deck is not None:
        sb.download_button(t("deck_download", lang), decks.dump_deck(deck),
                           file_name=f"{choice if choice != UPLOAD else 'my-briefing'}.json",
                           mime="application/json", on_click="ignore", key="dl_deck",
                           icon=":material/download:")
    titles = org_titles(atlas, lang)
    default_title = " · ".join([view.date.isoformat(),
                                *(titles.get(o, (o,))[0] for o in view.orgs)])
    with sb.expander(t("deck_add", lang), icon=":material/add:"):
        st.text_input(t("deck_slide_title", lang), key="w_slide_title",
                      max_chars=decks.MAX_TITLE, placeholder=default_title)
        st.text_area(t("deck_slide_caption", lang), key="w_slide_caption",
                     max_chars=decks.MAX_CAPTION)
        full = deck is not None and len(deck.slides) >= decks.MAX_SLIDES
        st.button(t("deck_add_button", lang), key="deck_add", on_click=_add_slide,
                  args=(atlas, default_title), disabled=full,
                  help=t("deck_add_help", lang, n=decks.MAX_SLIDES))
    sb.button(t("present", lang), key="present_start", type="primary", on_click=_start,
              args=(atlas, choice), icon=":material/slideshow:", width="stretch",
              help=t("present_help", lang))
    return view


# --- presentation mode --------------------------------------------------------------------

def presentation(atlas: Atlas, view: View) -> None:
    """The slide on show: title, caption, the map filling the window, and the way on."""
    lang = view.lang
    st.html(compat.present_css())
    deck, _ = load(atlas, view.deck)
    slides = deck.slides if deck is not None else ()
    n = view.slide if view.slide and view.slide <= len(slides) else 0  # 0: before slide 1
    slide = slides[n - 1] if n else None
    title = (slide.title_in(lang) if slide else deck.title_in(lang) if deck
             else t("present_view", lang))
    head, nav = st.columns([3, 2], vertical_alignment="center")
    with head.container(key="present_title"):
        st.text(title)
    with nav.container(key="present_nav", horizontal=True, horizontal_alignment="right",
                       vertical_alignment="center"):
        if slides:
            st.button("", key="present_first", on_click=_go, args=(atlas, view.deck, 1),
                      disabled=n <= 1, icon=":material/first_page:",
                      help=t("present_first", lang))
            st.button(t("present_prev", lang), key="present_prev", shortcut="Left",
                      on_click=_go, args=(atlas, view.deck, n - 1), disabled=n <= 1,
                      icon=":material/arrow_back:")
            st.text(f"{n} / {len(slides)}")
            st.button(t("present_next", lang), key="present_next", shortcut="Right",
                      on_click=_go, args=(atlas, view.deck, n + 1), disabled=n >= len(slides),
                      icon=":material/arrow_forward:", icon_position="right")
            st.button("", key="present_last", on_click=_go,
                      args=(atlas, view.deck, len(slides)), disabled=n >= len(slides),
                      icon=":material/last_page:", help=t("present_last", lang))
        st.button(t("present_exit", lang), key="present_exit", shortcut="Escape",
                  on_click=_exit, icon=":material/close:")
    caption = slide.caption_in(lang) if slide else ""
    if caption:
        with st.container(key="present_caption"):
            st.text(caption)
    # the map takes what the window leaves: a projector's 1280 x 720 shows it all
    lines = -(-len(caption) // CAPTION_LINE_CHARS)
    st.html(compat.fill_height_css(
        below_px=MAP_BELOW + (CAPTION_PX + CAPTION_LINE_PX * lines if caption else 0),
        min_px=240, narrow_below_px=_narrow_below(title, caption)))
    # rendered once per slide for everyone following the deck
    compat.show_folium(layers.map_args(
        atlas, view, config.tiles(), live=False, key=state.MAP_KEY,
        returned_objects=[],  # a click in a presentation changes nothing: no rerun
        height=500, use_container_width=True), key=state.MAP_KEY)
    with st.container(key="present_foot"):
        st.text(" · ".join([*([deck.title_in(lang)] if deck else []),
                            t("present_date", lang, date=long_date(view.date, lang))]))
