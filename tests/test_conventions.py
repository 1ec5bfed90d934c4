"""The data conventions of data/README.md, enforced on the shipped data.

Each test guards against one kind of error an analyst would see on the map: an arrow pointing
the wrong way, a one-day fact shown as "since …" for ever, a country in an organization and its
renamed successor on the same day, or a count an article states that the data contradicts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from geo import queries, tables

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
ONE_DAY = dt.timedelta(days=1)

# A withdrawal, in either language: the arrow must start where the troops left.
WITHDRAWAL = re.compile(r"\b(withdraw\w*|pull(?:s|ed|ing)? (?:back|out)|retreat\w*|"
                        r"retrait|retir\w*)\b", re.IGNORECASE)
# What ends the place named after "from" / "to": the next clause or sentence.
CLAUSE_END = re.compile(r"[;:.,(]| to | vers | and ")


@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    a = tables.load(DATA)
    assert a.problems == []
    return a


@pytest.fixture(scope="module")
def kinds(atlas) -> pd.DataFrame:
    return atlas.extra["link_kinds"].set_index("kind")


@pytest.fixture(scope="module")
def names(atlas) -> list[tuple[re.Pattern, str]]:
    """English country names as whole words, not possessives ("Russia's base in Tajikistan" is
    in Tajikistan), longest first ("South Sudan" before "Sudan")."""
    c = atlas.countries.sort_values("name_en", key=lambda s: s.str.len(), ascending=False)
    return [(re.compile(rf"\b{re.escape(n)}\b(?!['\u2019]s\b)"), iso)
            for n, iso in zip(c["name_en"], c["iso3"], strict=True)]


def first_country(text: str, names) -> str | None:
    """ISO3 of the country named first in ``text`` (by position), None if none is."""
    hits = [(m.start(), iso) for pat, iso in names if (m := pat.search(text))]
    return min(hits)[1] if hits else None


def place_after(summary: str, word: str, names) -> str | None:
    """The country named after ``word`` ("from", "to") and before the clause ends."""
    m = re.search(rf"\b{word}\b", summary)
    while m:
        rest = summary[m.end():]
        end = CLAUSE_END.search(rest, 1)
        if (iso := first_country(rest[: end.start() if end else None], names)) is not None:
            return iso
        m = re.compile(rf"\b{word}\b").search(summary, m.end())
    return None


# --- link kinds ------------------------------------------------------------------------------

def test_link_kinds_cover_the_relation_kinds_with_the_app_labels(atlas, kinds) -> None:
    assert set(atlas.relations["kind"]) <= set(kinds.index)  # (the loader drops the others)
    for lang in ("en", "fr"):
        labels = json.loads((REPO / "geo" / "locales" / f"{lang}.json").read_text("utf-8"))
        wrong = {k: (r[f"label_{lang}"], labels.get(f"link_{k}")) for k, r in kinds.iterrows()
                 if labels.get(f"link_{k}") != r[f"label_{lang}"]}
        assert wrong == {}, f"link_kinds.csv labels differ from geo/locales/{lang}.json"


def test_links_follow_their_kind_direction(atlas, kinds) -> None:
    """Undirected kinds have no directed rows; a directed kind has undirected rows only where
    its ``direction`` text allows it ("undirected when …")."""
    r = atlas.relations
    bad = []
    for _, row in r.iterrows():
        k = kinds.loc[row["kind"]]
        if row["directed"] and not k["directed"]:
            bad.append((row["relation_id"], row["kind"], "directed, but the kind has no direction"))
        if not row["directed"] and k["directed"] and "undirected when" not in k["direction"]:
            bad.append((row["relation_id"], row["kind"], "undirected, but the kind is directed"))
    assert bad == []


def test_no_withdrawal_points_the_wrong_way(atlas, names) -> None:
    """A directed link whose summary speaks of a withdrawal runs from the place left.

    The place left is the first country named after "from" in the English summary, before the
    clause ends; a withdrawal summary that names no such place fails too (it cannot be checked).
    """
    r = atlas.relations[atlas.relations["directed"]]
    found, bad = 0, []
    for _, row in r.iterrows():
        if not (WITHDRAWAL.search(row["summary_en"]) or WITHDRAWAL.search(row["summary_fr"])):
            continue
        found += 1
        left = place_after(row["summary_en"], "from", names)
        if left != row["iso3_a"]:
            bad.append((row["relation_id"], row["iso3_a"], row["iso3_b"], f"leaves {left}"))
    assert found >= 1  # the US withdrawal from Afghanistan is in the data
    assert bad == []


def test_movements_run_from_origin_to_destination(atlas, names) -> None:
    """Troop and population movements: "from X" names a, "to Y" names b, where they say so."""
    r = atlas.relations
    r = r[r["kind"].isin(["troop_movement", "population_movement"])]
    assert r["directed"].all()
    bad = []
    for _, row in r.iterrows():
        origin = place_after(row["summary_en"], "from", names)
        goal = place_after(row["summary_en"], "to", names)
        if origin not in (None, row["iso3_a"]) or goal not in (None, row["iso3_b"]):
            bad.append((row["relation_id"], row["iso3_a"], row["iso3_b"], origin, goal))
        if origin is None and goal is None:
            bad.append((row["relation_id"], "summary names neither origin nor destination"))
    assert bad == []


def test_withdrawal_check_catches_a_reversed_arrow(names) -> None:
    """The check itself: the old US row (United States → Afghanistan) would fail it."""
    summary = "The United States completes its withdrawal from Afghanistan, at a cost to it."
    assert WITHDRAWAL.search(summary)
    assert place_after(summary, "from", names) == "AFG" != "USA"
    assert place_after("Russia moves soldiers from its base in Tajikistan to Ukraine.", "from",
                       names) == "TJK"


# --- periods ---------------------------------------------------------------------------------

def test_one_off_links_and_events_have_an_end(atlas, kinds) -> None:
    """A fact of a kind that does not last (a meeting, a delivery, a movement) is never open."""
    one_off = set(kinds.index[~kinds["lasting"].astype(bool)])
    r = atlas.relations
    open_links = r[r["kind"].isin(one_off) & r["end"].eq("")]
    assert list(open_links["relation_id"]) == []
    e = atlas.events
    open_events = e[~e["kind"].isin(queries.ONGOING_EVENT_KINDS) & e["end"].eq("")]
    assert list(open_events["event_id"]) == []


def test_lasting_and_one_off_kinds_both_exist(kinds) -> None:
    assert {"military_presence", "security_agreement"} <= set(kinds.index[kinds["lasting"]])
    assert "high_level_meeting" in set(kinds.index[~kinds["lasting"]])


def successions(atlas) -> list[tuple[pd.Series, pd.Series]]:
    """(predecessor, successor) pairs where the successor took over: founded after the
    predecessor. A merger into an older body (CACO into EurAsEC) is not one."""
    o = atlas.organizations.set_index("org_id", drop=False)
    return [(p, o.loc[p["successor_id"]]) for _, p in o.iterrows()
            if p["successor_id"] and o.loc[p["successor_id"], "founded_first"] > p["founded_first"]]


def test_predecessor_ends_the_day_before_its_successor(atlas) -> None:
    pairs = successions(atlas)
    assert {(p["org_id"], s["org_id"]) for p, s in pairs} >= {
        ("CST", "CSTO"), ("SHANGHAI5", "SCO"), ("TURKIC_COUNCIL", "OTS"), ("EURASEC", "EAEU"),
        ("CAU", "CAEC"), ("CAEC", "CACO")}
    for p, s in pairs:
        assert p["dissolved_last"] < s["founded_first"], (p["org_id"], s["org_id"])


def test_no_country_in_a_predecessor_and_its_successor_on_the_same_day(atlas) -> None:
    m = atlas.memberships
    bad = []
    for p, s in successions(atlas):
        a, b = m[m["org_id"] == p["org_id"]], m[m["org_id"] == s["org_id"]]
        for _, x in a.iterrows():
            x_last = x["end_last"] if pd.notna(x["end_last"]) else pd.Timestamp.max
            for _, y in b[b["iso3"] == x["iso3"]].iterrows():
                y_last = y["end_last"] if pd.notna(y["end_last"]) else pd.Timestamp.max
                if x["start_first"] <= y_last and y["start_first"] <= x_last:
                    bad.append((x["iso3"], p["org_id"], x["end"], s["org_id"], y["start"]))
    assert bad == []


def test_no_membership_outlives_its_organization(atlas) -> None:
    o = atlas.organizations.set_index("org_id")
    m = atlas.memberships
    dissolved = m["org_id"].map(o["dissolved_last"])
    late = m[dissolved.notna() & (m["end_last"].isna() | (m["end_last"] > dissolved))]
    assert list(zip(late["org_id"], late["iso3"], strict=True)) == []


# --- counts the sources state ------------------------------------------------------------------

#: (organization, date, statuses, what the source says: a number or the exact set, source)
STATED = [
    ("CICA", "2022-10-13", {"member"}, 28, "art-004: 28 member states"),
    ("CICA", "2022-10-13", {"observer"}, 9, "art-004: nine observers"),
    ("CICA", "2022-10-12", {"member"}, 27, "Xinhua, 12 Oct 2022: 27 members before the summit"),
    ("CICA", "2023-12-26", {"observer"}, 10, "CICA via Astana Times: Saudi Arabia the tenth"),
    ("CICA", "1999-09-14", {"member"}, 15, "ref-cica: 15 states at the 1999 ministerial"),
    ("CICA", "2002-06-04", {"member"}, 16, "ref-cica: 16 members at the first summit"),
    ("CICA", "2011-12-31", {"member"}, 24, "ref-cica: Bahrain and Cambodia take it to 24"),
    ("CSTO", "2024-08-06", {"member", "suspended"},
     {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}, "art-001: Russia and its five CSTO allies"),
    ("CST", "1999-05-01", {"member"}, {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"},
     "ref-csto: the six that renewed the treaty in 1999"),
    ("OTS", "2021-12-22", {"member"}, 5, "art-003: five member states"),
    ("C5", "2024-08-09", {"member"}, {"KAZ", "KGZ", "TJK", "TKM", "UZB"}, "art-000: the five"),
    ("C5", "2025-11-16", {"member"}, 6, "ref-c5: Azerbaijan joins the five"),
    ("SCO", "2025-08-31", {"member"}, 10, "ref-sco: ten members before Tianjin"),
    ("SCO", "2025-08-31", {"observer"}, {"AFG", "MNG"}, "ref-sco: two observers"),
    ("SCO", "2025-08-31", {"partner"}, 14, "ref-sco: fourteen dialogue partners"),
    ("SCO", "2025-09-01", {"partner"}, 17, "ref-sco: seventeen partners after Tianjin"),
    ("SCO", "2025-09-01", {"observer"}, 0, "ref-sco: no observers after Tianjin"),
]


@pytest.mark.parametrize(("org", "date", "statuses", "said", "source"), STATED,
                         ids=[f"{s[0]}-{s[1]}-{'+'.join(sorted(s[2]))}" for s in STATED])
def test_counts_the_sources_state_match_the_data(atlas, org, date, statuses, said, source):
    s = queries.status_on(atlas, date, [org])
    have = set(s.loc[s["status"].isin(statuses), "iso3"])
    if isinstance(said, set):
        assert have == said, source
    else:
        assert len(have) == said, (source, sorted(have))


def test_events_have_as_many_participants_as_the_article_names(atlas) -> None:
    e = atlas.events.set_index("locator")
    assert len(e.loc["Birlestik-2024", "participants"]) == 5  # art-000: five countries
    summit = e.loc["sixième sommet"]  # art-004: eleven leaders, seven named, so seven listed
    assert len(summit["participants"]) == 7 and "seven" in summit["note"]


# --- notes -----------------------------------------------------------------------------------

def test_article_errors_are_noted(atlas) -> None:
    m = atlas.memberships
    uzb = m[(m["org_id"] == "CST") & (m["iso3"] == "UZB")].iloc[0]
    assert uzb["end"] == "1999-04-20" and "CSTO did not exist" in uzb["note"]
    rel = atlas.relations.set_index("relation_id")
    assert "62%" in rel.loc["rel-028", "note"] and "18%" in rel.loc["rel-028", "note"]
    assert "SIPRI" in rel.loc["rel-028", "note"]
    assert rel.loc["rel-031", "end"] == "2022" and "2025" in rel.loc["rel-031", "note"]
    parade = atlas.events.set_index("event_id").loc["evt-010"]
    assert parade["start"] == "2025-05-07" and "9 May" in parade["note"]


def test_articles_have_an_outlet(atlas) -> None:
    s = atlas.sources
    assert s.loc[s["kind"] == "article", "outlet"].ne("").all()
