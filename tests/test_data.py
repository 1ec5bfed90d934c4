"""The shipped dataset: schema, borders, provenance, and the as-of-date facts users rely on."""

import subprocess
import sys

import pytest
from frictionless import validate

from geo import config, queries, tables
from geo.tables import normalise

DATA = config.data_dir()
ARTICLES = config.articles_dir()


@pytest.fixture(scope="module")
def atlas():
    return tables.load(DATA)


def status(atlas, org, iso3, date):
    s = queries.status_on(atlas, date, [org])
    hit = s.loc[s["iso3"] == iso3, "status"]
    return hit.iloc[0] if len(hit) else None


def test_shipped_data_has_no_problems(atlas):
    assert [str(p) for p in atlas.problems] == []


def test_validate_command_exits_clean_with_summary():
    out = subprocess.run([sys.executable, "-m", "geo.validate", str(DATA)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "memberships" in out.stdout and "art-001" in out.stdout


def test_frictionless_descriptor_validates():
    report = validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:10]


@pytest.mark.parametrize(("date", "org", "expected"), [
    ("1995-01-01", "CST", "member"),     # signed the Collective Security Treaty in 1992
    ("1999-06-01", "CST", None),         # did not renew it in April 1999
    ("2003-01-01", "CSTO", None),
    ("2007-01-01", "CSTO", "member"),    # returned in June 2006
    ("2012-09-01", "CSTO", "suspended"),  # suspended June 2012, formally out December 2012
    ("2013-01-01", "CSTO", None),
])
def test_uzbekistan_in_and_out_of_the_cst_csto(atlas, date, org, expected):
    assert status(atlas, org, "UZB", date) == expected


def test_armenia_suspension(atlas):
    assert status(atlas, "CSTO", "ARM", "2023-06-01") == "member"
    assert status(atlas, "CSTO", "ARM", "2024-06-01") == "suspended"
    assert status(atlas, "CSTO", "ARM", "2024-02-21") == "member"
    assert status(atlas, "CSTO", "ARM", "2024-02-22") == "suspended"


def test_organizations_before_founding_and_after_dissolution_show_nothing(atlas):
    assert queries.status_on(atlas, "2001-01-01", ["CSTO", "SCO", "EAEU", "OTS"]).empty
    assert queries.status_on(atlas, "2010-01-01", ["CACO"]).empty  # merged into EurAsEC 2005
    assert queries.status_on(atlas, "2016-01-01", ["EURASEC"]).empty
    assert queries.status_on(atlas, "2020-01-01", ["OTS"]).empty  # Turkic Council until 2021
    assert status(atlas, "TURKIC_COUNCIL", "UZB", "2020-01-01") == "member"


def test_successor_chains(atlas):
    successor = dict(zip(atlas.organizations["org_id"], atlas.organizations["successor_id"],
                         strict=True))

    def chain(org: str) -> list[str]:
        out = [org]
        while successor.get(out[-1]):
            out.append(successor[out[-1]])
        return out

    # CACO's predecessors (Central Asian Union 1994, CAEC 1998), then the merger into EurAsEC
    assert chain("CAU") == ["CAU", "CAEC", "CACO", "EURASEC", "EAEU"]
    assert chain("CST") == ["CST", "CSTO"] and chain("SHANGHAI5") == ["SHANGHAI5", "SCO"]


def test_re_entries_and_status_changes(atlas):
    assert status(atlas, "SCO", "IND", "2010-01-01") == "observer"
    assert status(atlas, "SCO", "IND", "2018-01-01") == "member"
    assert status(atlas, "NATO", "RUS", "2010-01-01") == "partner"
    assert status(atlas, "NATO", "RUS", "2015-01-01") is None
    assert status(atlas, "NATO", "MLT", "2000-01-01") is None  # left PfP 1996, back 2008
    assert status(atlas, "NATO", "MLT", "2010-01-01") == "partner"
    assert status(atlas, "NATO", "FIN", "2023-04-03") == "partner"
    assert status(atlas, "NATO", "FIN", "2023-04-04") == "member"
    assert status(atlas, "CIS", "GEO", "2005-01-01") == "member"
    assert status(atlas, "CIS", "GEO", "2010-01-01") is None


def test_every_iso3_in_any_table_joins_a_border(atlas):
    borders = set(atlas.borders["iso3"])
    used = set(atlas.memberships["iso3"]) | set(atlas.relations["iso3_a"])
    used |= set(atlas.relations["iso3_b"]) | set(atlas.countries["iso3"])
    used |= {p for ps in atlas.events["participants"] for p in ps}
    assert used - borders == set()


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="articles folder not beside the repo")
def test_every_article_locator_is_found_in_its_article(atlas):
    src = atlas.sources.set_index("source_id")
    texts = {sid: normalise((ARTICLES / r["file"]).read_text(encoding="utf-8"))
             for sid, r in src.iterrows() if r["kind"] == "article"}
    checked = 0
    for name in ("organizations", "memberships", "relations", "events"):
        df = getattr(atlas, name)
        for _, row in df[df["source_id"].isin(list(texts))].iterrows():
            assert normalise(row["locator"]) in texts[row["source_id"]], (name, row["line"])
            checked += 1
    assert checked >= 80
    assert atlas.locators_checked == checked


def test_locators_are_short_not_copied_sentences(atlas):
    articles = set(atlas.sources.loc[atlas.sources["kind"] == "article", "source_id"])
    for name in ("organizations", "memberships", "relations", "events"):
        df = getattr(atlas, name)
        words = df["locator"].str.split().str.len()
        assert words[df["source_id"].isin(articles)].max() <= 5, name
        assert words.max() <= 6, name


def test_every_article_is_cited_and_background_is_marked(atlas):
    src = atlas.sources
    facts = [getattr(atlas, n) for n in ("organizations", "memberships", "relations", "events")]
    cited = set().union(*(set(f["source_id"]) for f in facts))
    assert set(src.loc[src["kind"] == "article", "source_id"]) <= cited
    assert src.loc[src["kind"] == "reference", "file"].eq("").all()
    assert src.loc[src["kind"] == "article", "file"].ne("").all()


def test_article_errors_are_noted_not_silently_fixed(atlas):
    # the 2023 offensive is an event in Karabakh (Armenia's army was not a party), dated right
    karabakh = atlas.events.set_index("locator").loc["Haut-Karabakh en septembre 2022"]
    assert karabakh["start"] == "2023-09-19" and "2022" in karabakh["note"]
    assert karabakh["participants"] == ("AZE",)
    birlestik = atlas.events.set_index("locator").loc["Birlestik-2024"]
    assert "Black Sea" in birlestik["note"]


def test_summaries_are_bilingual(atlas):
    for df in (atlas.relations, atlas.events):
        assert df["summary_en"].ne("").all() and df["summary_fr"].ne("").all()
        assert (df["summary_en"] != df["summary_fr"]).all()
