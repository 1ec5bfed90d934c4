import os

import pandas as pd

from geo.tables import Problem, load, normalise
from tests.conftest import CSV


def rows(file):
    return CSV[file].count("\n") - 1


def test_clean_fixture_loads_everything(data_dir):
    a = load(data_dir, data_dir.parent / "articles")
    assert a.problems == []
    for name in ("sources", "countries", "organizations", "memberships", "relations", "events"):
        assert len(getattr(a, name)) == rows(f"{name}.csv"), name
    assert a.locators_checked == 4 and a.articles_missing == ()
    assert sorted(a.borders["iso3"]) == sorted(a.countries["iso3"])


def test_types(data_dir):
    a = load(data_dir, data_dir.parent / "articles")
    r, e, m = a.relations, a.events, a.memberships
    assert r["directed"].dtype == bool and list(r["directed"]) == [False, True, True]
    assert e["lat"].dtype == "float64" and e["lat"].isna().tolist() == [False, True]
    assert e["participants"].iloc[1] == ("KAZ", "KGZ")
    assert m["start_first"].iloc[1] == pd.Timestamp("1992-05-15")
    uzb = m[(m["org_id"] == "CST") & (m["iso3"] == "UZB")].iloc[0]
    assert (uzb["end"], uzb["end_first"], uzb["end_last"]) == (
        "1999-04", pd.Timestamp("1999-04-01"), pd.Timestamp("1999-04-30"))
    assert m["end_last"].isna().sum() == 9 and (m["end"] == "").sum() == 9
    assert list(m["line"][:3]) == [2, 3, 4]
    cst = a.organizations.set_index("org_id").loc["CST"]
    assert cst["dissolved_last"] == pd.Timestamp("2002-10-07")


def test_cached_until_a_file_changes(data_dir):
    articles = data_dir.parent / "articles"
    first = load(data_dir, articles)
    assert load(str(data_dir), str(articles)) is first
    path = data_dir / "events.csv"
    path.write_text(CSV["events.csv"].rsplit("evt-002", 1)[0], encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    again = load(data_dir, articles)
    assert again is not first and len(again.events) == 1


def test_missing_borders_and_articles(variant, tmp_path):
    d = variant("borders.geojson", remove=True)
    a = load(d, tmp_path / "no-articles")
    assert a.borders.empty and list(a.borders.columns) == ["iso3", "geometry"]  # no borders
    assert a.locators_checked == 0 and a.articles_missing == ("000_test.txt",)
    assert [str(p) for p in a.problems] == ["borders.geojson:0: -: file not found"]
    assert len(a.memberships) == rows("memberships.csv")


def test_config_env(monkeypatch, tmp_path, data_dir):
    from geo import config
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_dir))
    monkeypatch.setenv("ATLAS_ARTICLES_DIR", str(tmp_path / "articles"))
    assert config.data_dir() == data_dir and load().locators_checked == 4
    monkeypatch.delenv("ATLAS_DATA_DIR")
    assert config.data_dir() == config.REPO / "data"
    assert config.articles_dir().parent.name == "shared" or os.environ.get("ATLAS_ARTICLES_DIR")


def test_problem_str_and_order():
    p = Problem("memberships.csv", 14, "iso3", "unknown country 'XYZ'")
    assert str(p) == "memberships.csv:14: iso3: unknown country 'XYZ'"


def test_normalise():
    assert normalise("L\u2019Arménie\u00a0a\u202f GELÉ\n") == "l'arménie a gelé"
