"""A tiny valid Atlas in tmp_path, and variants of it with one thing broken."""
# ruff: noqa: E501

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from geo import compat

REPO = Path(__file__).resolve().parent.parent
ARTICLE = "000_test.txt"
# Curly apostrophe and narrow no-break space: locators must match after normalising both.
ARTICLE_TEXT = ("L\u2019Organisation du traité de sécurité collective, créée en 2002, "
                "réunit ses membres.\nL\u2019Arménie a gelé sa participation en février\u202f2024. "
                "La Russie maintient sa base de Douchanbé.\n")

CSV = {
    "sources.csv": """\
source_id,kind,title,outlet,published,language,url,file,note
art-001,article,Un article,Le Journal,2024-08,fr,,000_test.txt,
ref-001,reference,Public record,,,en,,,
""",
    "countries.csv": """\
iso3,name_en,name_fr,capital,lat,lon,anchor,note
ARM,Armenia,Arménie,Yerevan,40.18,44.51,capital,
CHN,China,Chine,Beijing,39.9,116.4,capital,
KAZ,Kazakhstan,Kazakhstan,Astana,51.17,71.45,capital,
KGZ,Kyrgyzstan,Kirghizistan,Bishkek,42.87,74.59,capital,
RUS,Russia,Russie,Moscow,55.75,37.62,capital,
TJK,Tajikistan,Tadjikistan,Dushanbe,38.56,68.79,capital,
UZB,Uzbekistan,Ouzbékistan,Tashkent,41.3,69.24,capital,
""",
    "organizations.csv": """\
org_id,acronym_en,acronym_fr,colour,name_en,name_fr,kind,founded,dissolved,successor_id,source_id,locator,note
CST,CST,TSC,#E69F00,Collective Security Treaty,Traité de sécurité collective,treaty,1992-05-15,2002-10-07,CSTO,ref-001,"Tashkent, 1992",
CSTO,CSTO,OTSC,#D55E00,Collective Security Treaty Organization,Organisation du traité de sécurité collective,military_alliance,2002-10-07,,,art-001,créée en 2002,
SCO,SCO,OCS,#0072B2,Shanghai Cooperation Organisation,Organisation de coopération de Shanghai,regional_organization,2001-06-15,,,ref-001,"Shanghai, 2001",
""",
    "memberships.csv": """\
org_id,iso3,status,start,end,source_id,locator,note
CST,KAZ,member,1992-05-15,2002-10-07,ref-001,"Tashkent, 1992",
CST,UZB,member,1992-05-15,1999-04,ref-001,"Tashkent, 1992",
CSTO,KAZ,member,2002-10-07,,art-001,réunit ses membres,
CSTO,RUS,member,2002-10-07,,ref-001,Charter,
CSTO,ARM,member,2002-10-07,2024-02,ref-001,Charter,
CSTO,ARM,suspended,2024-02,,art-001,l'Arménie a  GELÉ,
CSTO,UZB,member,2006-08-16,2012-06-28,ref-001,Sochi,
CSTO,UZB,suspended,2012-06-28,2012-12,ref-001,withdrawal,
SCO,KAZ,member,2001-06-15,,ref-001,"Shanghai, 2001",
SCO,RUS,member,2001-06-15,,ref-001,"Shanghai, 2001",
SCO,CHN,member,2001-06-15,,ref-001,"Shanghai, 2001",
SCO,UZB,member,2001-06-15,,ref-001,"Shanghai, 2001",
SCO,ARM,partner,2015-07,,ref-001,Ufa,
SCO,TJK,member,2001-06-15,2005,ref-001,"Shanghai, 2001",
SCO,TJK,member,2010-03,,ref-001,re-entry,
""",
    "relations.csv": """\
relation_id,kind,iso3_a,iso3_b,directed,start,end,summary_en,summary_fr,source_id,locator,note
rel-001,border_conflict,KGZ,TJK,false,2022-09-14,2022-09-20,Clashes,Affrontements,ref-001,Batken,
rel-002,arms_transfer,RUS,KGZ,true,2022,,Supplies,Livraisons,ref-001,record,
rel-003,military_presence,RUS,TJK,true,2004-10,,Base,Base,art-001,base de Douchanbé,
""",
    # every shipped kind: relations.kind refers to this table (and ingest tests add others)
    "link_kinds.csv": (REPO / "data" / "link_kinds.csv").read_text(encoding="utf-8"),
    "events.csv": """\
event_id,kind,name,name_fr,start,end,place,lat,lon,participants,summary_en,summary_fr,source_id,locator,note
evt-001,summit,Summit,Sommet,2024-08-09,,Astana,51.17,71.45,KAZ;KGZ;TJK;UZB,Meet,Réunion,ref-001,Astana,
evt-002,exercise,Drill,Exercice,2024-07-09,2024-07-17,,,,KAZ;KGZ,Drill,Exercice,ref-001,drill,
""",
}


def square(iso3: str, x: float, y: float) -> dict:
    ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
    return {"type": "Feature", "properties": {"iso3": iso3, "name": iso3},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def borders(codes: list[str]) -> str:
    return json.dumps({"type": "FeatureCollection",
                       "features": [square(c, 2 * i, 0) for i, c in enumerate(codes)]})


CODES = [line[:3] for line in CSV["countries.csv"].splitlines()[1:]]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A valid data folder, with its articles folder beside it at ``tmp_path/articles``."""
    d, a = tmp_path / "data", tmp_path / "articles"
    d.mkdir()
    a.mkdir()
    shutil.copy(REPO / "data" / "datapackage.json", d)
    for name, text in CSV.items():
        (d / name).write_text(text, encoding="utf-8")
    for res in json.loads((d / "datapackage.json").read_text(encoding="utf-8"))["resources"]:
        if "schema" in res and res["path"] not in CSV:  # other tables: header only
            header = ",".join(f["name"] for f in res["schema"]["fields"])
            (d / res["path"]).write_text(header + "\n", encoding="utf-8")
    (d / "borders.geojson").write_text(borders(CODES), encoding="utf-8")
    (a / ARTICLE).write_text(ARTICLE_TEXT, encoding="utf-8")
    return d


@pytest.fixture
def variant(data_dir: Path, tmp_path: Path) -> Callable[..., Path]:
    """``variant(file, text=None, replace=(old, new), append=row)``: a copy with one file changed.

    ``text`` may be bytes. The copy shares the articles folder (``tmp_path/articles``).
    """
    count = iter(range(1000))

    def make(file: str, text: str | bytes | None = None, replace: tuple[str, str] | None = None,
             append: str | None = None, remove: bool = False) -> Path:
        d = tmp_path / f"variant{next(count)}"
        shutil.copytree(data_dir, d)
        path = d / file
        if remove:
            path.unlink()
        elif isinstance(text, bytes):
            path.write_bytes(text)
        else:
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            if replace:
                assert replace[0] in old, replace
                old = old.replace(replace[0], replace[1], 1)
            path.write_text(old + (append or "") if text is None else text, encoding="utf-8")
        return d

    return make


@pytest.fixture(scope="module")
def real_navigation():
    """Keep AppTest on the ``st.navigation`` path for a whole test module (a real server
    leaves the ``pages/`` folder mode on its first run, see ``geo.compat``)."""
    with compat.apptest_navigation():
        yield


@pytest.fixture(autouse=True, scope="session")
def error_details():
    """AppTest failures show their message: ``.streamlit/config.toml`` hides it from visitors
    (``client.showErrorDetails = "none"``), the tests want to see it."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")
    yield


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Files the app offers for download, by file name (captured when the button is drawn)."""
    got: dict[str, bytes] = {}
    real = MediaFileManager.add

    def add(self, data, mimetype, coordinates, file_name=None, **kw):
        if file_name:
            got[file_name] = data.encode() if isinstance(data, str) else data
        return real(self, data, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add", add)
    return got
