"""Organizations' colours and link kinds' styles are data: a new organization and a new link kind
added to a copy of data/ show on the map and in its legend without touching the code, and the
loader refuses two drawn alike (issue 13)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from geo import layers, legend, tables
from geo.view import View

REPO = Path(__file__).resolve().parent.parent
DAY = dt.date(2024, 7, 15)

ORG = "FAKE_ORG,FKO,OFK,#123456,Fake Pact,Pacte factice,security_forum,2000,,,ref-sco,x,\n"
MEMBERS = ("FAKE_ORG,KAZ,member,2000,,ref-sco,x,\n"
           "FAKE_ORG,TJK,observer,2010,,ref-sco,x,\n")
KIND = "fake_kind,Fake tie,Lien factice,#654321,4 2,true,true,a to b.\n"
LINK = "rel-fake,fake_kind,KAZ,TJK,true,2020,,A fake tie,Un lien factice,ref-sco,x,\n"


def copy(tmp_path: Path, **extra: str) -> Path:
    """data/ copied, with ``extra`` rows appended to the named tables (``name=rows``)."""
    d = tmp_path / "data"
    shutil.copytree(REPO / "data", d)
    for name, rows in extra.items():
        with (d / f"{name}.csv").open("a", encoding="utf-8") as f:
            f.write(rows)
    return d


@pytest.fixture(scope="module")
def atlas(tmp_path_factory) -> tables.Atlas:
    d = copy(tmp_path_factory.mktemp("fake"), organizations=ORG, memberships=MEMBERS,
             link_kinds=KIND, relations=LINK)
    a = tables.load(d, d.parent / "no-articles")
    assert [str(p) for p in a.problems] == []
    return a


@pytest.mark.parametrize(("lang", "acronym", "label"), [("en", "FKO", "Fake tie"),
                                                        ("fr", "OFK", "Lien factice")])
def test_legend_model_shows_the_new_organization_and_link_kind(atlas, lang, acronym, label):
    view = View(lang=lang, date=DAY, orgs=("FAKE_ORG", "CSTO"))
    sections = dict(legend.legend_model(atlas, view))
    chips = [sw["chip"] for heading, items in sections.items() for sw, _ in items
             if "chip" in sw and sw["chip"]["org"] == "FAKE_ORG"]
    assert chips and all(c["bg"] == c["border"] == "#123456" and c["text"] == acronym
                         for c in chips)
    lines = [(sw["line"], text) for items in sections.values() for sw, text in items
             if "line" in sw]
    assert (("#654321", "4 2"), label) in lines


def test_map_layers_draw_the_new_organization_and_link_kind(atlas):
    view = View(lang="en", date=DAY, orgs=("FAKE_ORG", "CSTO"))
    m = layers.base_map(atlas, view.lang)
    for group in layers.map_layers(atlas, view):
        group.add_to(m)
    html = m.get_root().render()
    assert "FKO" in html and "#123456" in html  # the badges beside Kazakhstan and Tajikistan
    assert "Fake tie" in html and "#654321" in html  # its line in the legend


def problems(tmp_path: Path, **extra: str) -> list[str]:
    d = copy(tmp_path, **extra)
    return [str(p) for p in tables.load(d, d.parent / "no-articles").problems]


def test_two_organizations_alive_together_may_not_share_a_colour(tmp_path):
    twin = ORG.replace("#123456", "#d55e00")  # the CST's and CSTO's, in another case
    assert problems(tmp_path, organizations=twin) == [
        "organizations.csv:18: colour: #d55e00 is already CST's (line 2), on the map at the "
        "same time: each must be told apart"]


def test_a_predecessor_and_its_successor_may_share_one(tmp_path):
    d = copy(tmp_path)
    orgs = tables.load(d, d.parent / "no-articles").organizations.set_index("org_id")
    assert orgs.at["CST", "colour"] == orgs.at["CSTO", "colour"]  # the shipped data does


def test_two_link_kinds_may_not_look_alike(tmp_path):
    twin = KIND.replace("#654321,4 2", "#117733,10 5")  # joint_exercise's colour and dash
    assert problems(tmp_path, link_kinds=twin) == [
        "link_kinds.csv:12: colour: #117733 10 5 is already joint_exercise's (line 4), on the "
        "map at the same time: each must be told apart"]


def test_bad_colour_and_duplicate_acronym_are_named(tmp_path):
    bad = ORG.replace("#123456", "blue").replace("FKO,OFK", "FKO,OTSC")
    assert problems(tmp_path, organizations=bad) == [
        "organizations.csv:18: colour: 'blue' does not match #[0-9A-Fa-f]{6}"]
    dup = ORG.replace("FKO,OFK", "FKO,OTSC")
    assert problems(tmp_path / "b", organizations=dup) == [
        "organizations.csv:18: acronym_fr: 'OTSC' is already on line 3"]
