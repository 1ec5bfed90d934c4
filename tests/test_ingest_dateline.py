"""An article's own dateline as its publication date, and its title, when none is given."""

from __future__ import annotations

import pytest

from geo.ingest import core


@pytest.mark.parametrize(("text", "date"), [
    ("Astana, 2 March 2026. Kazakhstan received …", "2026-03-02"),
    ("BICHKEK, le 3 mars 2025 – Le Kirghizstan a …", "2025-03-03"),
    ("Douchanbé, 14 juillet 2024 (agences) : Le Tadjikistan …", "2024-07-14"),
    ("TASHKENT, May 9, 2023 — Uzbekistan and …", "2023-05-09"),
    ("\n\n  Moscou, 1er avril 2022\n\nLa Russie a …", "2022-04-01"),
])
def test_a_full_date_opening_the_article_is_its_publication_date(text, date) -> None:
    found = core.dateline(text)
    assert found is not None and found[0] == date
    assert found[1] in text


@pytest.mark.parametrize("text", [
    "Astana, in March 2026 Kazakhstan received …",   # a month: not a day
    "Kazakhstan received missiles. On 2 March 2026 the ministry said …",  # not the opening
    "Le Kirghizstan a signé un accord le 3 mars 2025 avec le Tadjikistan.",  # a fact's date
    "Astana, mardi. Le Kazakhstan …",  # relative: nothing to resolve it against
])
def test_no_dateline_no_date(text) -> None:
    assert core.dateline(text) is None


def _ingest(text: str, published: str | None = None) -> core.Result:
    return core.ingest(text.encode(), published=published, source_id="art-999")


def test_the_dateline_dates_relative_dates_and_the_source_says_where_it_came_from() -> None:
    text = ("Astana, 2 March 2026. Tajikistan suspended its participation in the CSTO "
            "last month, officials said.")
    r = _ingest(text)
    assert r.source["published"] == "2026-03-02" and r.dated_by == "Astana, 2 March 2026"
    assert "dateline" in r.source["note"]
    assert [m["start"] for m in r.rows["memberships"]] == ["2026-02"]


def test_a_given_date_wins_over_the_dateline() -> None:
    r = _ingest("Astana, 2 March 2026. Tajikistan suspended its participation in the CSTO "
                "last month.", "2026-06-10")
    assert r.source["published"] == "2026-06-10" and r.dated_by == ""
    assert [m["start"] for m in r.rows["memberships"]] == ["2026-05"]


def test_without_any_date_the_source_says_relative_dates_stay_empty() -> None:
    r = _ingest("Tajikistan suspended its participation in the CSTO last month.")
    assert r.source["published"] == "" and "No publication date" in r.source["note"]
    assert [m["start"] for m in r.rows["memberships"]] == [""]


def test_a_paragraph_is_no_title_its_first_sentence_is() -> None:
    para = "Kazakhstan and Russia signed a pact on air defence. " + "More words follow. " * 20
    assert core.first_title(para, "x.txt") == "Kazakhstan and Russia signed a pact on air defence."
    long = "word " * 100
    title = core.first_title(long, "x.txt")
    assert len(title) <= 152 and title.endswith(" …")
    assert core.first_title("Short title\n\nBody text here.", "x.txt") == "Short title"
    assert core.first_title("  \n", "x.txt") == "x.txt"


def test_an_undated_fact_says_what_its_start_is() -> None:
    text = "Tajikistan suspended its participation in the CSTO, officials said."
    assert [m["note"] for m in _ingest(text).rows["memberships"]] == [
        "no date in the sentence and no publication date: start left empty"]
    r = _ingest(text, "2025-04")
    assert [(m["start"], m["note"]) for m in r.rows["memberships"]] == [
        ("2025", "no date in the sentence: the publication year stands in")]
