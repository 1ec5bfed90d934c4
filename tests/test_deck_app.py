"""Briefing decks and presentation mode in the app, driven headless with AppTest.

Same harness as ``test_app.py`` (see its docstring for ``real_navigation``). AppTest cannot draw
the map or press keys: the real browser does that in ``tests/browser/test_present.py``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_app import set_date

from geo import deck as decks
from geo import tables
from geo.deck import UPLOAD, Deck, dump_deck, load_deck
from geo.i18n import catalog, t
from geo.markup import md_code

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "dashboard.py"
TIMEOUT = 60
NAME = "central-asia-briefing"
EXAMPLE = REPO / "decks" / f"{NAME}.json"
HOSTILE = '<script>alert("x")</script><b onclick="x()">bold</b> **not bold** :red[plain]'


pytestmark = pytest.mark.usefixtures("real_navigation")  # see tests/conftest.py


@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    return tables.load()


@pytest.fixture(scope="module")
def example(atlas) -> Deck:
    deck, problems = load_deck(EXAMPLE.read_bytes(), atlas.organizations["org_id"],
                               sorted(set(atlas.relations["kind"])), atlas.countries["iso3"])
    assert problems == [] and deck is not None
    return deck


# --- helpers -----------------------------------------------------------------------------------

def new_app(**params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(params)
    return at.run()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def query(at: AppTest) -> dict[str, str]:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def texts(at: AppTest) -> list[str]:
    return [e.value for e in at.text]


def infos(at: AppTest) -> list[str]:
    return [e.value for e in at.info]


def notice(lang: str, key: str, value: str) -> str:
    return catalog(lang)["notice_ignored"].format(key=key, value=md_code(value))


def view_of(at: AppTest) -> dict[str, str]:
    """The URL's view, without the presentation's own parameters."""
    return {k: v for k, v in query(at).items() if k not in ("present", "deck", "slide")}


def upload(at: AppTest, data: bytes, name: str = "deck.json") -> AppTest:
    at.file_uploader(key="w_deck_file").set_value((name, data, "application/json"))
    return ok(at.run())


def deck_json(**slide: object) -> bytes:
    return json.dumps({"title": "Uploaded", "slides": [
        {"title": "First", "caption": "One", "view": {"date": "2005-07-01", "orgs": "SCO"}},
        {"title": "Second", **slide}]}).encode()


# --- presentation URLs -------------------------------------------------------------------------

def test_presentation_url_shows_the_slide_and_sets_its_view(example) -> None:
    at = ok(new_app(present="1", deck=NAME, slide="2"))
    slide = example.slides[1]
    assert slide.title_in("en") in texts(at)
    assert slide.caption_in("en") in texts(at)
    assert f"2 / {len(example.slides)}" in texts(at)
    assert at.session_state["w_date"] == dt.date(2013, 7, 1)
    assert at.session_state["w_orgs"] == ["CSTO"]
    assert at.session_state["w_show"] == ["history"]
    q = query(at)
    assert (q["present"], q["deck"], q["slide"]) == ("1", NAME, "2")
    assert (q["date"], q["orgs"], q["show"]) == ("2013-07-01", "CSTO", "history")
    assert infos(at) == []
    assert [e.value for e in at.title] == []  # the presentation, not the map page
    css = "\n".join(e.value for e in at.html)
    assert 'data-testid="stSidebar"' in css and "display: none" in css


def test_next_and_previous_move_between_slides(example) -> None:
    at = ok(new_app(present="1", deck=NAME, slide="2"))
    ok(at.button(key="present_next").click().run())
    assert example.slides[2].title_in("en") in texts(at)
    assert example.slides[2].caption_in("en") in texts(at)
    assert example.slides[1].caption_in("en") not in texts(at)
    assert query(at)["slide"] == "3"
    assert at.session_state["w_date"] == dt.date(2024, 7, 15)
    assert query(at)["orgs"] == "CSTO,SCO,OTS"
    ok(at.button(key="present_prev").click().run())
    ok(at.button(key="present_prev").click().run())
    assert query(at)["slide"] == "1"
    assert example.slides[0].title_in("en") in texts(at)
    assert at.session_state["w_date"] == dt.date(2011, 7, 1)
    assert at.button(key="present_prev").disabled
    assert not at.button(key="present_next").disabled


def test_last_slide_has_no_next_and_sets_the_country(example) -> None:
    n = len(example.slides)
    at = ok(new_app(present="1", deck=NAME, slide=str(n)))
    assert at.button(key="present_next").disabled
    assert at.session_state["w_country"] == "KGZ"
    assert query(at)["from"] == "2022-01-01"
    assert query(at)["links"] == "border_conflict,border_agreement"


def test_presentation_in_french_keeps_french_when_moving(example) -> None:
    at = ok(new_app(present="1", deck=NAME, slide="1", lang="fr"))
    assert example.slides[0].title_in("fr") in texts(at)
    assert example.slides[0].caption_in("fr") in texts(at)
    assert example.slides[0].caption_in("en") not in texts(at)
    assert at.button(key="present_next").label == t("present_next", "fr")
    ok(at.button(key="present_next").click().run())
    assert example.slides[1].caption_in("fr") in texts(at)
    assert query(at)["lang"] == "fr"


def test_shared_presentation_url_keeps_its_own_view() -> None:
    """A URL the app wrote (with a view) shows that view, even if its slide says otherwise."""
    at = ok(new_app(present="1", deck=NAME, slide="2", date="2014-01-01", orgs="SCO"))
    assert at.session_state["w_date"] == dt.date(2014, 1, 1)
    assert at.session_state["w_orgs"] == ["SCO"]
    assert query(at)["slide"] == "2"


def test_exit_goes_back_to_the_map_page_with_the_slide_view() -> None:
    at = ok(new_app(present="1", deck=NAME, slide="2"))
    ok(at.button(key="present_exit").click().run())
    assert [e.value for e in at.title] == [t("app_title", "en")]
    q = query(at)
    assert "present" not in q and "slide" not in q
    assert q["deck"] == NAME and q["date"] == "2013-07-01"
    assert at.session_state["w_deck"] == NAME


def test_present_button_starts_the_chosen_deck(example) -> None:
    at = ok(new_app())
    assert f"#### {t('deck_section', 'en')}" in [e.value for e in at.markdown]
    at.selectbox(key="w_deck").set_value(NAME)
    ok(at.run())
    assert query(at)["deck"] == NAME
    assert "present" not in query(at)
    ok(at.button(key="present_start").click().run())
    assert query(at)["present"] == "1" and query(at)["slide"] == "1"
    assert example.slides[0].title_in("en") in texts(at)
    assert at.session_state["w_date"] == dt.date(2011, 7, 1)


def test_present_without_a_deck_shows_the_current_view() -> None:
    at = ok(new_app(date="2012-09-01", orgs="CSTO"))
    ok(at.button(key="present_start").click().run())
    assert query(at)["present"] == "1" and "slide" not in query(at)
    assert t("present_view", "en") in texts(at)
    assert at.button(key="present_exit")
    assert not [b for b in at.button if b.key in ("present_next", "present_prev")]
    assert at.session_state["w_date"] == dt.date(2012, 9, 1)


@pytest.mark.parametrize(("params", "key", "value"), [
    ({"deck": "no-such-deck", "slide": "1"}, "deck", "no-such-deck"),
    ({"deck": "../../etc/passwd"}, "deck", "../../etc/passwd"),
    ({"deck": NAME, "slide": "99"}, "slide", "99"),
    ({"deck": NAME, "slide": "zero"}, "slide", "zero"),
])
def test_bad_deck_or_slide_gives_a_notice(params: dict, key: str, value: str) -> None:
    at = ok(new_app(present="1", **params))
    assert notice("en", key, value) in infos(at)
    assert at.button(key="present_exit")


def test_slide_past_the_end_shows_the_last_one(example) -> None:
    at = ok(new_app(present="1", deck=NAME, slide="99"))
    assert example.slides[-1].title_in("en") in texts(at)
    assert query(at)["slide"] == str(len(example.slides))


# --- uploads, the session's deck, downloads ------------------------------------------------------

def test_uploaded_deck_with_html_is_shown_as_text() -> None:
    at = ok(new_app())
    upload(at, deck_json(caption=HOSTILE, view={"date": "2012-09-01", "orgs": "CSTO"}))
    assert at.session_state["w_deck"] == UPLOAD
    assert query(at)["deck"] == UPLOAD
    assert [e.value for e in at.warning] == [] and [e.value for e in at.error] == []
    ok(at.button(key="present_start").click().run())
    ok(at.button(key="present_next").click().run())
    assert HOSTILE in texts(at)  # verbatim, as text
    assert at.session_state["w_date"] == dt.date(2012, 9, 1)
    rendered = [str(e.value) for kind in ("markdown", "caption", "html", "title", "subheader")
                for e in getattr(at, kind)]
    assert not [r for r in rendered if "<script" in r or "onclick" in r]


def test_uploaded_deck_problems_are_listed_as_text() -> None:
    at = ok(new_app())
    upload(at, deck_json(caption="x" * 600, view={"orgs": "CSTO,<img src=x>"}))
    assert at.session_state["w_deck"] == UPLOAD
    assert [e.value for e in at.warning] == [t("deck_problems", "en", n=2)]
    listing = "\n".join(e.value for e in at.code)
    assert "slides[2].caption" in listing and "<img src=x>" in listing


def test_broken_upload_is_refused_and_the_deck_kept() -> None:
    at = ok(new_app(deck=NAME))
    upload(at, b'{"title": "x",\n "slides": [1, 2,,]}')
    assert [e.value for e in at.error] == [t("deck_rejected", "en")]
    assert "line 2, column 18" in "\n".join(e.value for e in at.code)
    assert at.session_state["w_deck"] == NAME
    assert at.selectbox(key="w_deck").options == ["Central Asia security briefing"]  # no upload


def test_add_current_view_as_a_slide_then_present_it() -> None:
    at = ok(new_app(date="2012-09-01", orgs="CSTO", country="UZB"))
    at.text_input(key="w_slide_title").input("Uzbekistan steps out")
    at.text_area(key="w_slide_caption").input("<i>Suspended</i> in June 2012.")
    ok(at.button(key="deck_add").click().run())
    assert at.session_state["w_deck"] == UPLOAD
    assert at.text_input(key="w_slide_title").value == ""
    assert t("deck_n_slides", "en", n=1) in [e.value for e in at.caption]
    set_date(at, dt.date(2013, 6, 1))
    ok(at.run())
    ok(at.button(key="deck_add").click().run())  # untitled: named after the view
    assert t("deck_n_slides", "en", n=2) in [e.value for e in at.caption]
    ok(at.button(key="present_start").click().run())
    assert "Uzbekistan steps out" in texts(at)
    assert "<i>Suspended</i> in June 2012." in texts(at)
    assert at.session_state["w_date"] == dt.date(2012, 9, 1)
    assert at.session_state["w_country"] == "UZB"
    ok(at.button(key="present_next").click().run())
    assert "2013-06-01 · CSTO" in texts(at)


def test_adding_to_a_shipped_deck_makes_a_session_copy(example) -> None:
    at = ok(new_app(deck=NAME))
    ok(at.button(key="deck_add").click().run())
    assert at.session_state["w_deck"] == UPLOAD
    assert t("deck_n_slides", "en", n=len(example.slides) + 1) in [e.value for e in at.caption]
    title = example.title_in("en")  # the shipped deck is still there, untouched
    assert at.selectbox(key="w_deck").options == [title, t("deck_session", "en", title=title)]




def slide_views(at: AppTest, n: int) -> list[dict[str, str]]:
    """Present the chosen deck and step through its ``n`` slides: each one's URL view."""
    ok(at.button(key="present_start").click().run())
    seen = [view_of(at)]
    for _ in range(n - 1):
        ok(at.button(key="present_next").click().run())
        seen.append(view_of(at))
    return seen


def test_download_then_upload_gives_the_same_views(example, downloads) -> None:
    at = ok(new_app(deck=NAME))
    data = downloads[f"{NAME}.json"]
    assert data.decode() == dump_deck(example)
    shipped = slide_views(at, len(example.slides))
    assert len({json.dumps(v, sort_keys=True) for v in shipped}) == len(shipped)

    again = ok(new_app())
    upload(again, data, name=f"{NAME}.json")
    assert again.session_state["w_deck"] == UPLOAD
    assert [e.value for e in again.warning] == []
    assert again.session_state["_deck_upload"] == example
    assert slide_views(again, len(example.slides)) == shipped
    # and the session's deck downloads as the same file
    ok(again.button(key="present_exit").click().run())
    assert downloads["my-briefing.json"] == data


def test_nothing_is_written_on_the_server(tmp_path) -> None:
    before = {p: p.stat().st_mtime for p in (REPO / "decks").iterdir()}
    at = ok(new_app(deck=NAME))
    ok(at.button(key="deck_add").click().run())
    upload(at, deck_json())
    assert {p: p.stat().st_mtime for p in (REPO / "decks").iterdir()} == before
    assert set(decks.shipped_decks()) == {p.stem for p in before}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_link_to_someone_elses_uploaded_deck_says_where_it_lives(lang: str) -> None:
    """No uploaded deck in a new session: not "unknown value" but where the deck lives."""
    at = ok(new_app(lang=lang, present="1", deck=UPLOAD, slide="2"))
    assert t("deck_elsewhere", lang) in [i.value for i in at.sidebar.info]
    assert query(at).get("deck") != "upload"
