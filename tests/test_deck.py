"""Briefing decks (``geo.deck``): the file format, its round trip, hostile files, the example."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from geo import deck as decks
from geo import tables
from geo.deck import Deck, Slide, dump_deck, load_deck
from geo.view import View

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "decks" / "central-asia-briefing.json"
TODAY = dt.date(2025, 6, 15)
ORGS = ["CST", "CSTO", "SCO", "OTS", "NATO"]
LINKS = ["arms_transfer", "border_agreement", "border_conflict", "joint_exercise"]
COUNTRIES = ["ARM", "IND", "KAZ", "KGZ", "RUS", "TJK", "UZB"]


def load(data: str | bytes | object) -> tuple[Deck | None, list[decks.Problem]]:
    text = data if isinstance(data, str | bytes) else json.dumps(data)
    return load_deck(text, ORGS, LINKS, COUNTRIES, today=TODAY)


def where(problems: list[decks.Problem]) -> list[str]:
    return [p.where for p in problems]


def one_slide(**slide: object) -> dict:
    return {"title": "Deck", "slides": [{"title": "A slide", **slide}]}


GOOD = {
    "title": {"en": "Briefing", "fr": "Briefing (fr)"},
    "slides": [
        {"title": "CSTO in 2011", "caption": "Uzbekistan is back.",
         "view": {"date": "2011-07-01", "orgs": "CSTO", "show": "history"}},
        {"title": {"en": "Border", "fr": "Frontière"},
         "caption": {"en": "Clashes, then talks.", "fr": "Affrontements, puis négociations."},
         "view": {"lang": "fr", "date": "2024-08-01", "orgs": "CSTO,SCO",
                  "links": "border_conflict,border_agreement", "country": "KGZ",
                  "from": "2022-01-01", "show": ""}},
        {"title": "Everything by default"},
    ],
}


# --- reading a good deck, and the round trip -------------------------------------------------

def test_a_good_deck_loads_without_problems() -> None:
    deck, problems = load(GOOD)
    assert problems == []
    assert deck is not None and len(deck.slides) == 3
    assert deck.title_in("fr") == "Briefing (fr)"
    first, second, third = deck.slides
    assert first.title_in("fr") == "CSTO in 2011"  # one text for every language
    assert first.view == {"date": "2011-07-01", "orgs": "CSTO", "show": "history"}
    assert second.caption_in("fr") == "Affrontements, puis négociations."
    assert second.caption_in("en") == "Clashes, then talks."
    assert third.view == {} and third.caption == {}


def test_round_trip_dump_load_gives_the_same_deck() -> None:
    deck, _ = load(GOOD)
    text = dump_deck(deck)
    again, problems = load(text)
    assert problems == []
    assert again == deck
    assert dump_deck(again) == text  # stable
    views = [decks.slide_view(s, ORGS, LINKS, COUNTRIES, today=TODAY) for s in deck.slides]
    assert [decks.slide_view(s, ORGS, LINKS, COUNTRIES, today=TODAY)
            for s in again.slides] == views


def test_dump_is_pretty_readable_json() -> None:
    deck, _ = load(GOOD)
    text = dump_deck(deck)
    assert text.endswith("\n") and "\n  " in text
    data = json.loads(text)
    assert data["slides"][0] == GOOD["slides"][0]
    assert data["slides"][1]["view"] == GOOD["slides"][1]["view"]


def test_lists_and_years_are_accepted_in_views() -> None:
    deck, problems = load(one_slide(view={"orgs": ["CSTO", "SCO"], "date": 2011,
                                          "show": ["events", "history"]}))
    assert problems == []
    assert deck.slides[0].view == {"date": "2011", "orgs": "CSTO,SCO", "show": "events,history"}
    view = decks.slide_view(deck.slides[0], ORGS, LINKS, COUNTRIES, today=TODAY)
    assert view.date == dt.date(2011, 7, 1) and view.orgs == ("CSTO", "SCO")


def test_a_slide_follows_the_readers_language_unless_it_names_one() -> None:
    deck, _ = load(GOOD)
    first, second, _ = deck.slides
    assert decks.slide_view(first, ORGS, LINKS, COUNTRIES, lang="fr", today=TODAY).lang == "fr"
    assert decks.slide_view(first, ORGS, LINKS, COUNTRIES, today=TODAY).lang == "en"
    assert decks.slide_view(second, ORGS, LINKS, COUNTRIES, lang="en", today=TODAY).lang == "fr"


def test_current_view_as_a_slide_round_trips() -> None:
    view = View(lang="fr", date=dt.date(2012, 9, 1), orgs=("CSTO",), links=("arms_transfer",),
                country="UZB", start=dt.date(2010, 1, 1), show=("events", "history"),
                present=True, deck="upload", slide=3)
    deck = decks.deck_from_view(view, "  Ouzbékistan  ", "Suspendu.")
    deck = decks.deck_from_view(View(date=dt.date(2020, 1, 1)), "", "", deck)
    assert deck.title_in("en") == "My briefing"
    first, second = deck.slides
    assert first.title_in("fr") == first.title_in("en") == "Ouzbékistan"
    assert "lang" not in first.view and not {"present", "deck", "slide"} & set(first.view)
    assert second.title_in("en") == "Slide" and second.caption == {}
    again, problems = load(dump_deck(deck))
    assert problems == []
    assert again == deck
    back = decks.slide_view(again.slides[0], ORGS, LINKS, COUNTRIES, lang="fr", today=TODAY)
    assert back == View(lang="fr", date=dt.date(2012, 9, 1), orgs=("CSTO",),
                        links=("arms_transfer",), country="UZB", start=dt.date(2010, 1, 1),
                        show=("events", "history"))


def test_with_slide_fills_a_short_presentation_url_only() -> None:
    slide = Slide({"": "s"}, {}, {"date": "2013-07-01", "orgs": "CSTO", "lang": "fr"})
    short = {"present": "1", "deck": "d", "slide": "2"}
    assert decks.with_slide(short, slide) == {**short, "date": "2013-07-01", "orgs": "CSTO",
                                              "lang": "fr"}
    assert decks.with_slide({**short, "lang": "en"}, slide)["lang"] == "en"
    full = {**short, "lang": "en", "date": "2020-01-01", "orgs": "SCO", "show": ""}
    assert decks.with_slide(full, slide) == full  # the sender's view, as written


# --- hostile or broken files: problems, never exceptions ------------------------------------

@pytest.mark.parametrize(("text", "at"), [
    ('{"title": "x", "slides": [', "line 1, column 27"),
    ('{\n  "title": "x",\n  "slides": [}\n}', "line 3, column 14"),
    ("", "line 1, column 1"),
    ("{'title': 'x'}", "line 1, column 2"),
])
def test_invalid_json_reports_line_and_column(text: str, at: str) -> None:
    deck, problems = load(text)
    assert deck is None
    assert where(problems) == [at]
    assert "not JSON" in problems[0].what


@pytest.mark.parametrize("data", [
    b"\xff\xfe{\x00}", "[" * 100_000, '{"title": NaN, "slides": []}', "[]", '"deck"', "42",
    "null", b"\x00" * 10,
])
def test_unreadable_files_give_no_deck_and_a_problem(data: str | bytes) -> None:
    deck, problems = load(data)
    assert deck is None
    assert problems


def test_too_large_file_is_refused_before_reading() -> None:
    deck, problems = load(b" " * (decks.MAX_BYTES + 1))
    assert deck is None
    assert "larger than" in problems[0].what


def test_byte_order_mark_is_fine() -> None:
    deck, problems = load(json.dumps(GOOD).encode("utf-8-sig"))
    assert problems == [] and deck is not None


@pytest.mark.parametrize(("data", "at"), [
    ({"slides": [{"title": "s"}]}, "title"),
    ({"title": 3, "slides": [{"title": "s"}]}, "title"),
    ({"title": "   ", "slides": [{"title": "s"}]}, "title"),
    ({"title": {"de": "Deck"}, "slides": [{"title": "s"}]}, "title"),
    ({"title": {"en": 1}, "slides": [{"title": "s"}]}, "title.en"),
    ({"title": "d", "slides": "all of them"}, "slides"),
    ({"title": "d"}, "slides"),
    ({"title": "d", "slides": [], "author": "me"}, "author"),
])
def test_wrong_types_and_missing_fields_are_problems(data: dict, at: str) -> None:
    deck, problems = load(data)
    assert deck is not None  # what is usable is kept
    assert at in where(problems), problems
    assert deck.title_in("en")  # a title is always there to show


def test_bad_slides_are_left_out_and_untitled_ones_numbered() -> None:
    deck, problems = load({"title": "d", "slides": ["text", 3, None, {"caption": "c"},
                                                    {"title": ["a"]}, {"title": "ok"}]})
    assert [s.title_in("en") for s in deck.slides] == ["Slide 4", "Slide 5", "ok"]
    assert {"slides[1]", "slides[2]", "slides[3]", "slides[4].title", "slides[5].title"} \
        <= set(where(problems))


def test_an_empty_deck_is_a_problem() -> None:
    deck, problems = load({"title": "d", "slides": []})
    assert deck is not None and deck.slides == ()
    assert "no slide" in problems[-1].what


def test_too_many_slides_keeps_the_first_ones() -> None:
    deck, problems = load({"title": "d", "slides": [{"title": f"s{i}"} for i in range(500)]})
    assert len(deck.slides) == decks.MAX_SLIDES
    assert deck.slides[-1].title_in("en") == f"s{decks.MAX_SLIDES - 1}"
    assert where(problems) == ["slides"]


def test_huge_texts_are_cut_with_a_problem() -> None:
    deck, problems = load(one_slide(caption="x" * 50_000, title="t" * 10_000))
    slide = deck.slides[0]
    assert len(slide.caption_in("en")) == decks.MAX_CAPTION
    assert len(slide.title_in("en")) == decks.MAX_TITLE
    assert set(where(problems)) == {"slides[1].caption", "slides[1].title"}


def test_markup_is_kept_as_plain_text() -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> **bold** :red[x] $x$'
    deck, problems = load(one_slide(title=hostile, caption={"en": hostile, "fr": hostile}))
    assert problems == []
    assert deck.slides[0].title_in("en") == hostile  # unchanged: the app shows it as text
    assert deck.slides[0].caption_in("fr") == hostile
    assert json.loads(dump_deck(deck))["slides"][0]["title"] == hostile


def test_control_and_bidi_characters_are_removed() -> None:
    deck, _ = load(one_slide(title="a\x00b\u202ec\u200bd", caption="line 1\r\nline 2\tend"))
    assert deck.slides[0].title_in("en") == "abcd"
    assert deck.slides[0].caption_in("en") == "line 1\nline 2\tend"


def test_unknown_view_values_are_problems_and_dropped() -> None:
    deck, problems = load(one_slide(view={
        "orgs": "CSTO,FOO", "links": "nope,arms_transfer", "country": "ZZZ", "lang": "de",
        "date": "banana", "from": "yesterday", "show": "heatmap", "zoom": "5",
        "present": "1"}))
    assert deck.slides[0].view == {"orgs": "CSTO", "links": "arms_transfer", "show": ""}
    assert set(where(problems)) == {f"slides[1].view.{k}" for k in (
        "orgs", "links", "country", "lang", "date", "from", "show", "zoom", "present")}
    assert any("FOO" in p.what for p in problems)


def test_out_of_range_dates_are_clamped_with_a_problem() -> None:
    deck, problems = load(one_slide(view={"date": "1980-01-01"}))
    assert deck.slides[0].view == {"date": "1991-01-01"}
    assert where(problems) == ["slides[1].view.date"]


@pytest.mark.parametrize("view", [
    "2011", ["CSTO"], 3, {"orgs": 3}, {"orgs": [1, 2]}, {"date": True}, {"date": 2011.5},
    {"orgs": "X," * 5_000}, {"orgs": {"a": 1}}, {"date": None},
])
def test_odd_views_never_raise(view: object) -> None:
    deck, problems = load(one_slide(view=view))
    assert deck is not None and len(deck.slides) == 1
    assert problems
    decks.slide_view(deck.slides[0], ORGS, LINKS, COUNTRIES, today=TODAY)


def test_problem_list_is_capped() -> None:
    deck, problems = load(one_slide(view={"orgs": ",".join(f"X{i}" for i in range(200))}))
    assert deck is not None
    assert len(problems) == 31 and problems[-1].what == "and 170 more"


def test_shipped_decks_names() -> None:
    assert "central-asia-briefing" in decks.shipped_decks()
    assert decks.shipped_decks(REPO / "no-such-folder") == {}


# --- the example deck -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    return tables.load()


def known(atlas: tables.Atlas) -> tuple[list[str], list[str], list[str]]:
    return (list(atlas.organizations["org_id"]), sorted(set(atlas.relations["kind"])),
            list(atlas.countries["iso3"]))


@pytest.mark.parametrize("path", sorted((REPO / "decks").glob("*.json")), ids=lambda p: p.name)
def test_every_shipped_deck_validates_and_is_in_canonical_form(atlas, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    deck, problems = load_deck(text, *known(atlas))
    assert problems == [], [str(p) for p in problems]
    assert deck is not None and deck.slides
    assert dump_deck(deck) == text  # what the app would download: diffs stay small
    for slide in deck.slides:  # a caption in each language
        assert slide.title_in("en") and slide.caption.get("en") and slide.caption.get("fr")


def test_example_deck_slides(atlas) -> None:
    from geo.shown import view_events, view_links, view_memberships

    deck, _ = load_deck(EXAMPLE.read_bytes(), *known(atlas))
    titles = [s.title_in("en") for s in deck.slides]
    assert titles == ["CSTO members in 2011", "CSTO members in 2013", "Birlestik-2024",
                      "India's footprint", "Armenia freezes its CSTO participation",
                      "The Kyrgyz–Tajik border"]
    views = [decks.slide_view(s, *known(atlas)) for s in deck.slides]

    def status(view: View, iso: str, org: str = "CSTO") -> set[str]:
        m = view_memberships(atlas, view)
        return set(m[(m["iso3"] == iso) & (m["org_id"] == org)]["status"])

    assert status(views[0], "UZB") == {"member"}  # back since 2006
    assert status(views[1], "UZB") == {"former"}  # left in 2012 (the history layer)
    assert "evt-003" in set(view_events(atlas, views[2])["event_id"])  # Birlestik-2024
    india = view_links(atlas, views[3])
    assert views[3].country == "IND"
    assert {"rel-031", "rel-035"} <= set(india["relation_id"])  # Ayni (to 2022); May 2025
    assert views[3].start == dt.date(2022, 1, 1)  # Ayni ended in 2022: the slide spans from then
    assert status(views[4], "ARM") == {"suspended"} and views[4].country == "ARM"
    border = view_links(atlas, views[5])
    assert {"rel-001", "rel-002"} <= set(border["relation_id"])
    assert set(border["kind"]) <= {"border_conflict", "border_agreement"}


def test_a_shipped_deck_is_read_again_on_a_new_day(monkeypatch) -> None:
    """Its views are read against today (a slide without a date shows today's; a date after
    today is refused): a deck kept from yesterday would be yesterday's."""
    import types

    from geo import present_ui, tables

    atlas = tables.load()
    name = next(iter(decks.shipped_decks()))
    first = present_ui.load(atlas, name)
    assert present_ui.load(atlas, name) is first  # kept within a day

    class Tomorrow(dt.date):
        @classmethod
        def today(cls):
            return dt.date.today() + dt.timedelta(days=1)

    monkeypatch.setattr(present_ui, "dt", types.SimpleNamespace(date=Tomorrow))
    again = present_ui.load(atlas, name)
    assert again is not first and again[0] == first[0]
