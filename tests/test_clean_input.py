"""Text from outside (a deck, the URL, a table) goes through one cleaning step (geo.clean).

Hostile payloads of round two (issue 15): lone surrogates, control characters and bidi
overrides; full-width and Arabic-Indic digits in dates; huge and repeated URL values.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import dates, tables
from geo.clean import clean, clip, deep_clean, one_line
from geo.deck import dump_deck, load_deck
from geo.view import NOTICE_CHARS, View, parse_date
from tests.hostile import BIDI, CONTROL, DIGITS, FORMULAS, SURROGATE_DECK, SURROGATES

ORGS, LINKS, COUNTRIES = ["CSTO", "SCO", "OTS"], ["arms_transfer"], ["KAZ", "UZB"]
TODAY = dt.date(2025, 1, 1)
#: what no cleaned text may hold
_BAD = set(map(chr, [*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0), 0x200E, 0x200F,
                     *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x61C]))


def _encodable(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*SURROGATES, *BIDI, *CONTROL, "a", "é", " ", "\n",
                                          "\r", "\t", "😀"])) | st.text())
def test_clean_leaves_only_encodable_plain_text(s: str) -> None:
    out = clean(s)
    assert _encodable(out)
    assert not set(out) & _BAD
    assert "\r" not in out
    assert clean(out) == out  # idempotent
    assert "\n" not in one_line(s) and "\t" not in one_line(s)


def test_clean_keeps_ordinary_text() -> None:
    text = "Ouzbékistan, ОДКБ, 上海合作组织, كازاخستان\nline 2\tend 😀"
    assert clean(text) == text


def test_clip() -> None:
    assert clip("abc", 3) == "abc"
    assert clip("abcdef", 4) == "abc…"


def test_deep_clean_walks_keys_and_values() -> None:
    assert deep_clean({"\ud800k": ["\u202eabc", 1, None, {"x": "\x07"}]}) == \
        {"\ufffdk": ["abc", 1, None, {"x": ""}]}


# --- decks -------------------------------------------------------------------------------------

def test_lone_surrogate_deck_loads_and_dumps() -> None:
    """Issue 15, case 2: 52 bytes of valid JSON that broke the session (UnicodeEncodeError)."""
    deck, problems = load_deck(SURROGATE_DECK, ORGS, LINKS, COUNTRIES, today=TODAY)
    assert deck is not None and problems == []
    assert deck.title_in("en") == "\ufffd" and deck.slides[0].title_in("en") == "\ufffd"
    out = dump_deck(deck)
    assert _encodable(out)
    assert load_deck(out.encode("utf-8"), ORGS, LINKS, COUNTRIES, today=TODAY)[0] == deck


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([*SURROGATES, *BIDI, *CONTROL, "a", "<b>x</b>"]), min_size=1,
                max_size=20).map("".join))
def test_any_deck_text_can_be_dumped_and_encoded(payload: str) -> None:
    raw = json.dumps({"title": "T" + payload, "slides": [
        {"title": payload + "x", "caption": {"en": payload, "fr": payload},
         "view": {"orgs": payload, "date": payload}}]})
    deck, problems = load_deck(raw, ORGS, LINKS, COUNTRIES, today=TODAY)
    assert deck is not None
    assert _encodable(dump_deck(deck)) and all(_encodable(str(p)) for p in problems)
    for text in (deck.title_in("en"), deck.slides[0].title_in("fr"),
                 deck.slides[0].caption_in("en")):
        assert not set(text) & _BAD


# --- the URL -----------------------------------------------------------------------------------

def test_repeated_org_values_give_one_notice_each() -> None:
    """Issue 15, case 6: ``orgs=x,x,...`` with 50,000 items made 50,050 notices."""
    view, notices = View.from_query({"orgs": ",".join(["x"] * 50_000 + ["CSTO"])}, ORGS, LINKS,
                                    COUNTRIES, today=TODAY)
    assert view.orgs == ("CSTO",)
    assert notices == [("orgs", "x")]


def test_long_values_are_cut_when_echoed() -> None:
    _, notices = View.from_query({"country": "A" * 100_000, "lang": "z" * 5000}, ORGS, LINKS,
                                 COUNTRIES, today=TODAY)
    assert len(notices) == 2
    assert all(len(v) <= NOTICE_CHARS and v.endswith("…") for _, v in notices)


def test_url_values_are_cleaned() -> None:
    view, notices = View.from_query({"orgs": "CSTO\u202e,SCO\x07", "country": "uzb\x00"},
                                    ORGS, LINKS, COUNTRIES, today=TODAY)
    assert view.orgs == ("CSTO", "SCO") and view.country == "UZB" and notices == []
    _, notices = View.from_query({"orgs": "\ud800x"}, ORGS, LINKS, COUNTRIES, today=TODAY)
    assert notices == [("orgs", "\ufffdx")]  # echoed, and encodable


@pytest.mark.parametrize("digits", DIGITS)
def test_non_ascii_digits_are_not_dates(digits: str) -> None:
    """Issue 15, case 7: ``date=２０１１`` passed while ``slide=２`` was refused."""
    with pytest.raises(ValueError):
        parse_date(digits)
    with pytest.raises(ValueError):
        dates.parse(digits)
    view, notices = View.from_query({"date": digits, "from": digits, "slide": "\uff12",
                                     "deck": "x"}, ORGS, LINKS, COUNTRIES, today=TODAY)
    assert view.date == TODAY and view.start is None and view.slide is None
    assert {("date", digits), ("from", digits), ("slide", "\uff12")} <= set(notices)


# --- the app -----------------------------------------------------------------------------------

@pytest.mark.usefixtures("real_navigation")  # see tests/conftest.py
def test_surrogate_deck_upload_keeps_every_page_working() -> None:
    """Issue 15, case 2: after uploading the deck, the selectbox, the uploader and every page
    still work (the deck selectbox raised UnicodeEncodeError for the rest of the session)."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    repo = Path(__file__).resolve().parent.parent
    at = AppTest.from_file(str(repo / "dashboard.py"), default_timeout=60)
    at.query_params.update(lang="en")
    at.run()
    at.file_uploader(key="w_deck_file").set_value(("d.json", SURROGATE_DECK, "application/json"))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "\ufffd" in at.selectbox(key="w_deck").format_func("upload")
    for page in ("pages/map.py", "pages/compare.py", "pages/relations.py", "pages/sources.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
        assert at.file_uploader(key="w_deck_file") is not None  # the uploader is still there


# --- tables ------------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([*BIDI, *(c for c in CONTROL if c != "\x00"), *FORMULAS,
                                 "a", "é", " "]), min_size=1, max_size=12).map("".join))
def test_free_text_cells_are_cleaned(variant, payload: str) -> None:
    """A payload in a summary is loaded cleaned (ids and codes are checked as they are, by
    their patterns; see geo.tables)."""
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerow(
        ["rel-900", "arms_transfer", "RUS", "KGZ", "true", "2022", "", "S" + payload, "S",
         "ref-001", "record", ""])
    d = variant("relations.csv", append=out.getvalue())
    atlas = tables.load(d, d.parent / "articles")
    rel = atlas.relations.set_index("relation_id")
    assert atlas.problems == [] and rel.at["rel-900", "summary_en"] == clean("S" + payload)
    assert not set(rel.at["rel-900", "summary_en"]) & _BAD
