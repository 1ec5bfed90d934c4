"""One crafted bad table per kind of bad input, each with the exact line the validator prints."""
# ruff: noqa: E501

import os
import subprocess
import sys

import pytest

from geo.tables import load
from geo.validate import main
from tests.conftest import CODES, CSV, REPO, borders


def problems(d):
    return [str(p) for p in load(d, d.parent / "articles").problems]


def nxt(file):
    """Line number of a row appended to the fixture's ``file``."""
    return CSV[file].count("\n") + 1


M, R, E = nxt("memberships.csv"), nxt("relations.csv"), nxt("events.csv")
ROW = {  # a valid row of each table, to append with one cell changed
    "memberships.csv": "CSTO,KGZ,member,2010,,ref-001,x,\n",
    "relations.csv": "rel-009,joint_exercise,KAZ,KGZ,false,2020,2021,a,b,ref-001,x,\n",
    "events.csv": "evt-009,talks,T,T,2020,,,,,KAZ;KGZ,a,b,ref-001,x,\n",
}

CASES = {  # id: (file, change, exact problem lines)
    "unknown iso3": ("memberships.csv", {"append": "SCO,XYZ,member,2002,,ref-001,x,\n"},
                     [f"memberships.csv:{M}: iso3: unknown country 'XYZ'"]),
    "unknown org": ("memberships.csv", {"append": "NATO,KAZ,partner,1994,,ref-001,x,\n"},
                    [f"memberships.csv:{M}: org_id: unknown organization 'NATO'"]),
    "unknown source": ("relations.csv", {"replace": ("ref-001,record", "art-999,record")},
                       ["relations.csv:3: source_id: unknown source 'art-999'"]),
    "unknown successor": ("organizations.csv", {"replace": (",CSTO,ref", ",CSTOO,ref")},
                          ["organizations.csv:2: successor_id: unknown organization 'CSTOO'",
                           "memberships.csv:2: org_id: organization 'CST' is invalid (organizations.csv:2)",
                           "memberships.csv:3: org_id: organization 'CST' is invalid (organizations.csv:2)"]),
    "end before start": ("relations.csv", {"append": ROW["relations.csv"].replace("2020,2021", "2020,2019")},
                         [f"relations.csv:{R}: end: 2019 is before start 2020"]),
    "same country": ("relations.csv", {"append": ROW["relations.csv"].replace("KAZ,KGZ", "KAZ,KAZ")},
                     [f"relations.csv:{R}: iso3_b: same country as iso3_a (KAZ)"]),
    "duplicate id": ("sources.csv", {"append": "art-001,reference,Dup,,,,,,\n"},
                     ["sources.csv:4: source_id: duplicate id 'art-001' (first on line 2)"]),
    "month 13": ("memberships.csv", {"append": ROW["memberships.csv"].replace("2010", "2024-13")},
                 [f"memberships.csv:{M}: start: '2024-13' is not a calendar date (month 13)"]),
    "unpadded": ("memberships.csv", {"append": ROW["memberships.csv"].replace("2010", "2024-1-5")},
                 [f"memberships.csv:{M}: start: '2024-1-5' is not YYYY, YYYY-MM or YYYY-MM-DD"]),
    "two digits": ("events.csv", {"append": ROW["events.csv"].replace("2020", "24")},
                   [f"events.csv:{E}: start: '24' is not YYYY, YYYY-MM or YYYY-MM-DD"]),
    "feb 30": ("relations.csv", {"append": ROW["relations.csv"].replace("2021", "2023-02-30")},
               [f"relations.csv:{R}: end: '2023-02-30' is not a calendar date (2023-02 has 28 days)"]),
    "lat range": ("events.csv", {"replace": ("51.17,71.45,KAZ", "123,71.45,KAZ")},
                  ["events.csv:2: lat: 123.0 out of range [-90, 90]"]),
    "lon range": ("events.csv", {"replace": ("51.17,71.45,KAZ", "51.17,-180.5,KAZ")},
                  ["events.csv:2: lon: -180.5 out of range [-180, 180]"]),
    "lat without lon": ("events.csv", {"replace": ("51.17,71.45,KAZ", "51.17,,KAZ")},
                        ["events.csv:2: lon: empty while lat is given"]),
    "lat not a number": ("events.csv", {"replace": ("51.17,71.45,KAZ", "abc,71.45,KAZ")},
                         ["events.csv:2: lat: 'abc' is not a number"]),
    "boolean": ("relations.csv", {"replace": ("TJK,false", "TJK,maybe")},
                ["relations.csv:2: directed: 'maybe' is not a boolean (true or false)"]),
    "enum": ("memberships.csv", {"append": ROW["memberships.csv"].replace("member", "membre")},
             [f"memberships.csv:{M}: status: 'membre' is not one of member, observer, partner, suspended"]),
    "required": ("memberships.csv", {"append": ROW["memberships.csv"].replace("member", "")},
                 [f"memberships.csv:{M}: status: required value missing"]),
    "pattern": ("memberships.csv", {"append": ROW["memberships.csv"].replace("KGZ", "kgz")},
                [f"memberships.csv:{M}: iso3: 'kgz' does not match [A-Z]{{3}}"]),
    "unknown participant": ("events.csv", {"replace": ("KAZ;KGZ,Drill", "KAZ;FRA,Drill")},
                            ["events.csv:3: participants: unknown country 'FRA'"]),
    "participant twice": ("events.csv", {"replace": ("KAZ;KGZ,Drill", "KAZ;KAZ,Drill")},
                          ["events.csv:3: participants: KAZ listed twice"]),
    "participants separator": ("events.csv", {"replace": ("KAZ;KGZ,Drill", '"KAZ,KGZ",Drill')},
                               ["events.csv:3: participants: 'KAZ,KGZ' does not match "
                                "[A-Z]{3}(;[A-Z]{3})*"]),
    "locator": ("memberships.csv", {"replace": ("réunit ses membres", "réunit ses alliés")},
                ["memberships.csv:4: locator: 'réunit ses alliés' not found in 000_test.txt"]),
    "before founding": ("memberships.csv", {"append": ROW["memberships.csv"].replace("2010", "2002-09")},
                        [f"memberships.csv:{M}: start: 2002-09 is before CSTO was founded (2002-10-07)"]),
    "after dissolution": ("memberships.csv", {"append": "CST,KGZ,member,2003,,ref-001,x,\n"},
                          [f"memberships.csv:{M}: start: 2003 is after CST was dissolved (2002-10-07)"]),
    "overlap": ("memberships.csv", {"append": "CSTO,KAZ,observer,2010,2011,ref-001,x,\n"},
                [f"memberships.csv:{M}: start: overlaps the CSTO KAZ period on line 4 (2002-10-07 to open)"]),
    "missing column": ("memberships.csv", {"text": "\n".join(
        ",".join(c for i, c in enumerate(line.split(",")) if i != 2)
        for line in CSV["memberships.csv"].splitlines()) + "\n"}, ["memberships.csv:1: status: missing column"]),
    "unknown column": ("sources.csv", {"text": CSV["sources.csv"].replace("\n", ",x\n")},
                       ["sources.csv:1: x: unknown column (not in datapackage.json)"]),
    "field count": ("memberships.csv", {"append": "CSTO,KGZ,member\n"},
                    [f"memberships.csv:{M}: -: 3 fields, header has 8"]),
    "blank line": ("memberships.csv", {"append": "\n" + ROW["memberships.csv"]},
                   [f"memberships.csv:{M}: -: blank line"]),
    "empty file": ("events.csv", {"text": ""}, ["events.csv:0: -: empty file"]),
    "missing file": ("relations.csv", {"remove": True}, ["relations.csv:0: -: file not found"]),
    "unknown file": ("notes.csv", {"text": "a,b\n"}, ["notes.csv:0: -: not described in datapackage.json"]),
    "binary": ("events.csv", {"text": CSV["events.csv"].encode() + b"\xff\xfe\x00\x01"},
               ["events.csv:4: -: not valid utf-8 (byte 0xff)"]),
    "nul": ("events.csv", {"text": b"event_id\x00kind\n"}, ["events.csv:1: -: NUL byte: not a text file"]),
    "no border for participant and relation end": ("borders.geojson", {
        "text": borders([c for c in CODES if c != "TJK"])}, [
        "countries.csv:7: iso3: no border for TJK",
        "events.csv:2: participants: no border for TJK",
        "memberships.csv:15: iso3: no border for TJK",
        "memberships.csv:16: iso3: no border for TJK",
        "relations.csv:2: iso3_b: no border for TJK",
        "relations.csv:4: iso3_b: no border for TJK"]),
    "invalid referenced row": ("countries.csv", {"replace": ("42.87,74.59", "abc,74.59")}, [
        "countries.csv:5: lat: 'abc' is not a number",
        "events.csv:2: participants: country 'KGZ' is invalid (countries.csv:5)",
        "events.csv:3: participants: country 'KGZ' is invalid (countries.csv:5)",
        "relations.csv:2: iso3_a: country 'KGZ' is invalid (countries.csv:5)",
        "relations.csv:3: iso3_b: country 'KGZ' is invalid (countries.csv:5)"]),
    "dissolved before founded": ("organizations.csv", {"replace": ("2002-10-07,CSTO", "1990,CSTO")}, [
        "organizations.csv:2: dissolved: 1990 is before founded 1992-05-15",
        "memberships.csv:2: org_id: organization 'CST' is invalid (organizations.csv:2)",
        "memberships.csv:3: org_id: organization 'CST' is invalid (organizations.csv:2)"]),
}


def order(line):
    file, number = line.split(":")[:2]
    return file, int(number)


@pytest.mark.parametrize("case", CASES)
def test_bad_input(case, variant):
    file, change, expected = CASES[case]
    assert problems(variant(file, **change)) == sorted(expected, key=order)


def test_valid_rows_of_a_broken_dir_are_kept(variant):
    d = variant("memberships.csv", replace=("CSTO,RUS,member", "CSTO,RUS,membre"),
                append="SCO,XYZ,member,2002,,ref-001,x,\n")
    a = load(d, d.parent / "articles")
    assert len(a.problems) == 2
    assert len(a.memberships) == CSV["memberships.csv"].count("\n") - 2
    assert ("CSTO", "RUS") not in set(zip(a.memberships["org_id"], a.memberships["iso3"], strict=True))
    assert len(a.relations) == 3 and len(a.events) == 2 and len(a.organizations) == 3


def test_missing_status_column_drops_the_table_only(variant):
    d = variant("memberships.csv", text="org_id,iso3\nCSTO,KAZ\n")
    a = load(d, d.parent / "articles")
    assert a.memberships.empty and "status" in a.memberships and len(a.relations) == 3


def run(*args, env=None):
    env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "geo.validate", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, env=env, timeout=120)


def test_cli_clean(data_dir, capsys, monkeypatch):
    monkeypatch.setenv("ATLAS_ARTICLES_DIR", str(data_dir.parent / "articles"))
    assert main([str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "valid" in out and "locators checked in the articles: 4" in out
    assert "  memberships         15" in out and "  art-001              4" in out
    p = run(data_dir, env={"ATLAS_ARTICLES_DIR": str(data_dir.parent / "articles")})
    assert p.returncode == 0 and "Traceback" not in p.stderr and "rows per source:" in p.stdout


def test_cli_problems(variant):
    d = variant("events.csv", replace=("51.17,71.45,KAZ", "123,71.45,KAZ"))
    p = run(d, env={"ATLAS_ARTICLES_DIR": str(d.parent / "articles")})
    assert p.returncode == 1 and p.stdout == "events.csv:2: lat: 123.0 out of range [-90, 90]\n"
    assert "Traceback" not in p.stderr


@pytest.mark.parametrize(("file", "content", "expected"), [
    ("nowhere", None, "nowhere:0: -: no such directory"),
    ("datapackage.json", None, "datapackage.json:0: -: file not found in"),
    ("datapackage.json", b"\x89PNG\x00\xff", "datapackage.json:0: -: unreadable"),
    ("datapackage.json", b"{\n  oops", "datapackage.json:2: -: not valid JSON"),
    ("datapackage.json", b"[]", "datapackage.json:0: resources: missing or not a list"),
    ("datapackage.json", b'{"resources": [{"name": "x"}]}',
     "datapackage.json:0: resources[0]: malformed resource (KeyError('path'))"),
    ("borders.geojson", b"\x00\xffgarbage", "borders.geojson:0: -: unreadable"),
])
def test_cli_never_a_traceback(data_dir, file, content, expected):
    path = data_dir / file
    if content is not None:
        path.write_bytes(content)
    elif path.exists():
        path.unlink()
    p = run(data_dir if path.suffix else path)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert expected in (p.stdout + p.stderr)
