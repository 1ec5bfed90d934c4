import datetime as dt

import pytest

from geo import queries as q
from geo.tables import load


@pytest.fixture
def atlas(data_dir):
    a = load(data_dir, data_dir.parent / "articles")
    assert a.problems == []
    return a


def status(atlas, date, orgs=None):
    return {(r.org_id, r.iso3): r.status for r in q.status_on(atlas, date, orgs).itertuples()}


def test_exit_and_reentry(atlas):
    assert status(atlas, "2003", ["SCO"])[("SCO", "TJK")] == "member"
    assert ("SCO", "TJK") not in status(atlas, "2007", ["SCO"])
    assert status(atlas, dt.date(2010, 3, 1), ["SCO"])[("SCO", "TJK")] == "member"
    assert status(atlas, "1999-04-30", ["CST"])[("CST", "UZB")] == "member"  # all of April
    assert ("CST", "UZB") not in status(atlas, "1999-05-01")


def test_suspension_and_later_start_wins(atlas):
    assert status(atlas, "2023-06-01")[("CSTO", "ARM")] == "member"
    assert status(atlas, "2024-02-10")[("CSTO", "ARM")] == "suspended"  # both cover Feb.
    assert status(atlas, "2030")[("CSTO", "ARM")] == "suspended"
    assert status(atlas, "2012-06-28")[("CSTO", "UZB")] == "suspended"  # same day: later start
    assert status(atlas, "2012-06-27")[("CSTO", "UZB")] == "member"
    assert ("CSTO", "UZB") not in status(atlas, "2013")


def test_lifetimes(atlas):
    assert q.status_on(atlas, "1990").empty
    assert q.status_on(atlas, "2002-10-06", ["CSTO"]).empty  # before founding
    assert q.status_on(atlas, "2003", ["CST"]).empty  # after dissolution
    handover = status(atlas, "2002-10-07")
    assert handover[("CST", "KAZ")] == handover[("CSTO", "KAZ")] == "member"
    assert list(q.organizations_on(atlas, "2010")["org_id"]) == ["CSTO", "SCO"]


def test_status_columns_and_filter(atlas):
    s = q.status_on(atlas, "2024-06-01", "CSTO")
    assert list(s.columns) == q.STATUS_COLUMNS
    assert list(s["iso3"]) == ["ARM", "KAZ", "RUS"] and set(s["org_id"]) == {"CSTO"}


def test_former_members(atlas):
    f = q.former_members(atlas, "2013", ["CSTO"])
    assert f[["org_id", "iso3", "status", "end"]].values.tolist() == [
        ["CSTO", "UZB", "suspended", "2012-12"]]
    assert list(q.former_members(atlas, "2007", "SCO")["iso3"]) == ["TJK"]
    assert q.former_members(atlas, "2011", "SCO").empty  # back in
    assert "CST" not in set(q.former_members(atlas, "2003")["org_id"])  # dissolved: no history


def test_overlap(atlas):
    o = q.overlap_on(atlas, "2024-06-01")
    counts = dict(zip(o["iso3"], o["count"], strict=True))
    assert counts == {"KAZ": 2, "RUS": 2, "CHN": 1, "TJK": 1, "UZB": 1}
    assert o.iloc[0]["org_ids"] == ("CSTO", "SCO") and list(o["iso3"][:2]) == ["KAZ", "RUS"]
    assert list(q.overlap_on(atlas, "2024-06-01", ["SCO"])["count"].unique()) == [1]
    assert q.overlap_on(atlas, "1980").empty


def test_relations(atlas):
    def ids(*args, **kw):
        return list(q.relations_between(atlas, *args, **kw)["relation_id"])

    assert ids("2022-09-15") == ["rel-003", "rel-002", "rel-001"]
    assert ids(dt.date(2022, 1, 1)) == ["rel-003", "rel-002"]
    assert ids("2022-09") == ["rel-003", "rel-002", "rel-001"]  # any day of the month
    assert ids("2005", "2021") == ["rel-003"]
    assert ids("2004-10-31") == ["rel-003"] and ids("2004-09-30") == []
    assert ids("2000", "2030", kinds=["border_conflict"]) == ["rel-001"]
    assert ids("2023", iso3="KGZ") == ["rel-002"]


def test_events(atlas):
    def ids(*args, **kw):
        return list(q.events_between(atlas, *args, **kw)["event_id"])

    assert ids("2024-07") == ["evt-002"] and ids("2024-07-17") == ["evt-002"]
    assert ids("2024-07-18") == [] and ids("2024-08-09") == ["evt-001"]
    assert ids("2024", iso3="TJK") == ["evt-001"] and ids("2024", kinds="exercise") == ["evt-002"]
    assert ids("2024-01-01", "2024-12-31") == ["evt-002", "evt-001"]


def test_country_profile(atlas):
    p = q.country_profile(atlas, "ARM")
    assert (p["name_en"], p["name_fr"], p["capital"]) == ("Armenia", "Arménie", "Yerevan")
    m = p["memberships"]
    assert list(m["status"]) == ["member", "partner", "suspended"]
    assert list(m["acronym_en"]) == ["CSTO", "SCO", "CSTO"]
    row = m.iloc[2]
    assert (row["source_title"], row["source_outlet"], row["source_published"]) == (
        "Un article", "Le Journal", "2024-08")
    assert row["locator"] == "l'Arménie a  GELÉ"
    assert p["relations"].empty and p["events"].empty
    tjk = q.country_profile(atlas, "TJK")
    assert list(tjk["relations"]["relation_id"]) == ["rel-003", "rel-001"]
    assert list(tjk["events"]["event_id"]) == ["evt-001"]
    assert q.country_profile(atlas, "XYZ") is None


def test_empty_tables_do_not_crash(variant):
    d = variant("memberships.csv", text="org_id,iso3,status,start,end,source_id,locator,note\n")
    a = load(d, d.parent / "articles")
    assert q.status_on(a, "2020").empty and q.overlap_on(a, "2020").empty
    assert q.former_members(a, "2020").empty and q.country_profile(a, "KAZ")["memberships"].empty
    e = load(variant("events.csv", text=""), d.parent / "articles")
    assert q.events_between(e, "2020", iso3="KAZ").empty
    assert q.country_profile(e, "KAZ")["events"].empty


def _reference_status(atlas, day, orgs):
    """The plain pandas reading of the convention (the code before geo.queries used arrays)."""
    m = atlas.memberships
    alive = set(q.organizations_on(atlas, day)["org_id"])
    ts = dt.datetime.combine(day, dt.time())
    keep = ((m["start_first"] <= ts) & (m["end_last"].isna() | (m["end_last"] >= ts))
            & m["org_id"].isin(alive) & m["org_id"].isin(orgs))
    m = m[keep].sort_values(["start_first", "line"]).drop_duplicates(["org_id", "iso3"],
                                                                      keep="last")
    return m[q.STATUS_COLUMNS].sort_values(["org_id", "iso3"], ignore_index=True)


def test_status_on_agrees_with_the_plain_reading_on_every_change_day():
    """On the shipped data: every day a membership or an organization starts or ends, and the
    day before it, for all organizations and for one."""
    from geo import epochs

    atlas = load()
    orgs = list(atlas.organizations["org_id"])
    changes = [d.astype(dt.date) for d in epochs._changes(atlas, "memberships")]
    for day in sorted({*changes, *(d - dt.timedelta(days=1) for d in changes)}):
        for pick in (orgs, ["CSTO"]):
            got = q.status_on(atlas, day, pick)
            ref = _reference_status(atlas, day, pick)
            assert got.equals(ref), day
