"""Predecessors standing in for organizations not yet founded, and the "data to" stamp, on the
shipped data and on small made-up tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo import encoding, legend, lineage, tables
from geo.shown import view_memberships
from geo.view import View

D = dt.date


@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    return tables.load()


# --- which predecessor stands in ---------------------------------------------------------------

def test_successions_are_read_from_successor_id(atlas) -> None:
    preds = lineage.predecessors(atlas)
    assert preds["CSTO"] == ("CST",)
    assert preds["SCO"] == ("SHANGHAI5",)
    assert preds["OTS"] == ("TURKIC_COUNCIL",)
    assert preds["EAEU"] == ("EURASEC",)
    assert preds["CACO"] == ("CAEC",) and preds["CAEC"] == ("CAU",)
    # the CACO merged into EurAsEC, which is older: not a succession
    assert "EURASEC" not in preds


@pytest.mark.parametrize(("date", "orgs", "pairs"), [
    (D(1995, 7, 1), ("CSTO", "SCO", "OTS"), [("CSTO", "CST")]),  # no Shanghai Five before 1996
    (D(1997, 7, 1), ("CSTO", "SCO", "OTS"), [("CSTO", "CST"), ("SCO", "SHANGHAI5")]),
    (D(2010, 1, 1), ("CSTO", "SCO", "OTS"), [("OTS", "TURKIC_COUNCIL")]),
    (D(2021, 11, 11), ("OTS",), [("OTS", "TURKIC_COUNCIL")]),  # the Turkic Council's last day
    (D(2021, 11, 12), ("OTS",), []),  # the OTS's first
    (D(2002, 10, 6), ("CSTO",), [("CSTO", "CST")]),
    (D(2002, 10, 7), ("CSTO",), []),
    (D(2012, 1, 1), ("EAEU",), [("EAEU", "EURASEC")]),
    (D(1998, 1, 1), ("EAEU",), []),  # EurAsEC not founded yet, and it had no predecessor
    (D(2024, 7, 1), ("CSTO", "SCO", "OTS", "EAEU"), []),
])
def test_stand_ins_on_a_date(atlas, date, orgs, pairs) -> None:
    shown, swapped = lineage.stand_ins(atlas, orgs, date)
    assert swapped == pairs
    expected = dict(pairs)
    assert shown == tuple(dict.fromkeys(expected.get(o, o) for o in orgs))


def test_the_chain_is_walked_back(atlas) -> None:
    """The CACO (2002) in 1995: the CAEC (1998) did not exist either; the Central Asian Union
    (1994) did."""
    assert lineage.stand_ins(atlas, ["CACO"], D(1995, 7, 1)) == (("CAU",), [("CACO", "CAU")])
    assert lineage.stand_ins(atlas, ["CACO"], D(1999, 7, 1)) == (("CAEC",), [("CACO", "CAEC")])


def test_a_dissolved_predecessor_is_not_used_once_its_successor_exists(atlas) -> None:
    # the CST was dissolved in 2002: a CSTO map of 2024 shows the CSTO, a CST map stays a CST map
    assert lineage.stand_ins(atlas, ["CSTO"], D(2024, 7, 1)) == (("CSTO",), [])
    assert lineage.stand_ins(atlas, ["CST"], D(2024, 7, 1)) == (("CST",), [])
    # a dissolved organization does not hand over to its successor either
    assert lineage.stand_ins(atlas, ["SHANGHAI5"], D(2010, 1, 1)) == (("SHANGHAI5",), [])


def test_a_predecessor_chosen_as_well_comes_once(atlas) -> None:
    assert lineage.stand_ins(atlas, ["CSTO", "NATO", "CST"], D(1995, 7, 1)) == (
        ("CST", "NATO"), [("CSTO", "CST")])


def test_unknown_ids_and_no_orgs(atlas) -> None:
    assert lineage.stand_ins(atlas, ["NOPE"], D(1995, 7, 1)) == (("NOPE",), [])
    assert lineage.stand_ins(atlas, [], D(1995, 7, 1)) == ((), [])


def test_a_successor_id_pointing_back_is_no_succession() -> None:
    o = pd.DataFrame({"org_id": ["A", "B"], "successor_id": ["B", "A"],
                      "founded_first": pd.to_datetime(["2000-01-01", "2005-01-01"]),
                      "dissolved_last": pd.to_datetime(["2004-12-31", None])})
    assert lineage._predecessors(o) == {"B": ("A",)}  # B→A is no succession: A is older


# --- the map draws the stand-in -----------------------------------------------------------------

def test_the_map_of_1995_draws_the_cst_in_place_of_the_csto(atlas) -> None:
    view = View(date=D(1995, 7, 1), orgs=("CSTO", "SCO", "OTS"))
    drawn = lineage.on_map(atlas, view)
    assert drawn.orgs == ("CST", "SCO", "OTS")
    m = view_memberships(atlas, view)
    assert set(m["org_id"]) == {"CST"}
    assert {"RUS", "KAZ", "UZB", "ARM"} <= set(m.loc[m["status"] == "member", "iso3"])
    assert encoding.focus_org(atlas, view) == "CSTO"  # as chosen ("Fill the map by")
    assert encoding.focus_org(atlas, drawn) == "CST"  # as drawn
    model = encoding.countries_model(atlas, view)
    assert model["KAZ"]["fill"] == encoding.STATUS_FILLS["member"]
    heading, _ = encoding.fill_legend(atlas, view)
    assert "Collective Security Treaty" in heading and "Organization" not in heading
    badges = [label for head, items in legend.legend_model(atlas, view)
              for _, label in items]
    assert "Collective Security Treaty" in badges


def test_a_map_of_today_is_unchanged(atlas) -> None:
    view = View(date=D(2024, 7, 1), orgs=("CSTO", "SCO", "OTS"))
    assert lineage.on_map(atlas, view) is view
    assert set(view_memberships(atlas, view)["org_id"]) == {"CSTO", "SCO", "OTS"}


# --- how far the data reach ---------------------------------------------------------------------

def test_data_to_is_the_latest_fact(atlas) -> None:
    last = lineage.data_to(atlas)
    # Azerbaijan a full C5 participant from 16 November 2025: the latest dated row
    assert last == D(2025, 11, 16)
    starts = pd.concat([atlas.memberships["start_first"], atlas.relations["start_first"],
                        atlas.events["start_first"]])
    assert pd.Timestamp(last) == starts.max()
    # a term still to run (a plan for 2026–2030) is not a fact the sources saw
    assert (atlas.relations["end_first"] > pd.Timestamp(last)).any()


def test_data_to_reads_partial_dates_by_their_first_day(atlas) -> None:
    m = atlas.memberships.iloc[:1].assign(start_first=pd.Timestamp("2030-01-01"))
    a = tables.Atlas(**{**atlas.__dict__, "memberships": m,
                        "relations": atlas.relations.iloc[0:0], "events": atlas.events.iloc[0:0]})
    assert lineage.data_to(a) == D(2030, 1, 1)
    empty = tables.Atlas(**{**a.__dict__, "memberships": m.iloc[0:0]})
    assert lineage.data_to(empty) is None
