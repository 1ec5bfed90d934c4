"""The "Add an article" page driven by AppTest: paste → review → accept → check → download,
hostile input as a message, and the review helpers (accept/reject, escaped evidence)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo import tables
from geo.i18n import t
from geo.ingest import review
from geo.ingest.rows import EXTRA, columns

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "dashboard.py"
PAGE = "pages/add_article.py"
FIXTURE = REPO / "tests" / "fixtures" / "ingest" / "steppe_fr.txt"

pytestmark = pytest.mark.usefixtures("real_navigation")  # see tests/conftest.py


def open_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def submit(at: AppTest, text: str, published: str = "") -> AppTest:
    at.text_area(key="add_text").set_value(text)
    at.text_input(key="add_published").set_value(published)
    at.button[0].click()  # the form's submit button comes first
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_paste_review_accept_check_download(tmp_path) -> None:
    at = submit(open_page("fr"), FIXTURE.read_text(encoding="utf-8"), "2024-06-14")
    assert [s.value for s in at.title] == [t("page_add_article", "fr")]
    assert at.success, "the count of candidates is shown"
    grids = [d.value for d in at.dataframe]
    assert grids and all(not g["accept"].any() for g in grids), "nothing accepted by default"
    assert "evidence" in grids[0].columns
    assert any("<mark>" in str(m.value) for m in at.markdown), "locator highlighted"
    at.button(key="add_accept_all").click().run()
    assert not at.exception
    grids = [d.value for d in at.dataframe]
    assert any(g["accept"].any() for g in grids)
    caption = [c.value for c in at.caption if "magenta" in str(c.value)]
    assert caption and not caption[0].startswith(("Les 0 ", "The 0 "))
    at.button(key="add_check").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert t("add_valid", "fr") in [s.value for s in at.success]
    zip_bytes = at.session_state["add_zip"]
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as z:
        rel = z.read("data/relations.csv").decode()
        assert "articles/pasted.txt" in z.namelist()
    assert "UZB,TJK,true" in rel
    assert at.get("download_button"), "the download button is offered"


def test_reject_all_leaves_an_empty_draft() -> None:
    at = submit(open_page("en"), FIXTURE.read_text(encoding="utf-8"), "2024-06-14")
    at.button(key="add_accept_all").click().run()
    at.button(key="add_reject_all").click().run()
    assert not at.exception
    assert all(not d.value["accept"].any() for d in at.dataframe)
    assert [c.value for c in at.caption if str(c.value).startswith("Accepted rows: 0,")]


@pytest.mark.parametrize(("text", "words"), [
    ("", "empty"),
    ("<html><body><p>La Russie</p><div>x</div><script>alert(1)</script></body></html>", "HTML"),
    ("Un texte sur la météo, sans aucun pays.", "no country"),
    ("La Russie\x00\x01\x02 et le Kazakhstan", "binary"),  # NUL bytes pasted
])
def test_hostile_text_is_a_message_not_a_traceback(text, words) -> None:
    at = submit(open_page("en"), text)
    assert [e.value for e in at.error] and words in at.error[0].value
    assert not at.dataframe


def test_review_accepted_keeps_ticked_rows_with_table_columns() -> None:
    rows = {"relations": [{"relation_id": "rel-100", "kind": "arms_transfer", "iso3_a": "RUS",
                           "iso3_b": "KGZ", "directed": "true", "start": "2023", "end": "",
                           "summary_en": "x", "summary_fr": "y", "source_id": "art-009",
                           "locator": "a b", "note": "", "confidence": "0.7",
                           "evidence": "a b c"},
                          {"relation_id": "rel-101", "kind": "armed_conflict", "iso3_a": "RUS",
                           "iso3_b": "UKR", "directed": "true", "start": "2022", "end": "",
                           "summary_en": "x", "summary_fr": "y", "source_id": "art-009",
                           "locator": "a b", "note": "duplicate of rel-012",
                           "confidence": "0.7", "evidence": "a b c"}]}
    fr = review.frames(rows)
    assert not fr["relations"]["accept"].any()
    ticked = review.tick_all(fr, accept=True)
    assert list(ticked["relations"]["accept"]) == [True, False], "duplicates stay unticked"
    out = review.accepted(ticked)
    assert [r["relation_id"] for r in out["relations"]] == ["rel-100"]
    assert "confidence" not in out["relations"][0] and out["memberships"] == []


def test_review_tables_speak_the_page_language() -> None:
    """Headers in French, kinds, countries, statuses and 'directed' picked from their
    vocabularies by their French names; the ids stay in the cells (what the files store)."""
    at = submit(open_page("fr"), FIXTURE.read_text(encoding="utf-8"), "2024-06-14")
    shown = [json.loads(e.proto.columns) for e in at.dataframe]
    members, links = (next(c for c in shown if key in c) for key in ("status", "iso3_a"))
    for table, cols in (("memberships", members), ("relations", links)):
        assert all(cols[name].get("label") not in (None, name)
                   for name in [review.ACCEPT, *columns(table), *EXTRA]), "a raw column name"
    assert links["kind"]["label"] == t("col_kind", "fr")
    options = {o["value"]: o["label"] for o in links["kind"]["type_config"]["options"]}
    assert options["arms_transfer"] == "Transfert d'armes"
    countries = {o["value"]: o["label"] for o in links["iso3_a"]["type_config"]["options"]}
    assert countries["KGZ"] == "Kirghizistan (KGZ)"
    assert {o["label"] for o in links["directed"]["type_config"]["options"]} == {"oui", "non"}
    statuses = {o["value"]: o["label"] for o in members["status"]["type_config"]["options"]}
    assert statuses["suspended"] == "suspendu" and set(statuses) >= {"member", "observer"}
    picker = at.selectbox(key=f"add_pick_{at.session_state['add_run']}")
    assert any("Kirghizistan (KGZ)" in o and "Transfert d'armes" in o for o in picker.options)


def test_review_columns_keep_a_value_outside_their_vocabulary() -> None:
    atlas = tables.load()
    frame = review.frames({"relations": [{"kind": "mystery_kind", "iso3_a": "XXX",
                                          "iso3_b": "KAZ", "directed": "true"}]})["relations"]
    specs = review.column_specs("relations", "en", atlas, frame)
    assert specs["kind"].options["mystery_kind"] == "mystery_kind"
    assert specs["iso3_a"].options["XXX"] == "XXX" and specs["iso3_b"].options["KAZ"]
    assert not specs["start"].options and specs["evidence"].label == t("col_evidence", "en")
    row = frame.iloc[0].to_dict() | {"start": "2024"}
    assert review.label("relations", row, specs) == "mystery_kind · XXX → Kazakhstan (KAZ) · 2024"
    assert review.label("relations", row) == "mystery_kind · XXX → KAZ · 2024"


def test_evidence_is_escaped_and_the_locator_marked() -> None:
    text = "Titre\n\nLe <b>Kazakhstan</b> a {{ config }} acheté des drones.\n"
    html = review.evidence_html(text, "Le <b>Kazakhstan</b> a {{ config }} acheté des drones.",
                                "acheté des drones")
    assert "<b>" not in html and "&lt;b&gt;" in html and "{{" not in html
    assert "<mark>acheté des drones</mark>" in html
    assert isinstance(review.frames({})["events"], pd.DataFrame)


def test_editable_server_saves_into_the_data_folder(tmp_path, monkeypatch) -> None:
    import shutil

    from geo import config, tables

    data, articles = tmp_path / "data", tmp_path / "articles"
    shutil.copytree(config.data_dir(), data)
    shutil.copytree(config.articles_dir(), articles)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data))
    monkeypatch.setenv("ATLAS_ARTICLES_DIR", str(articles))
    monkeypatch.setenv("ATLAS_EDITABLE", "1")
    before = len(tables.load(data, articles).relations)
    at = submit(open_page("en"), "Arms\n\nTurkey delivered four helicopters to Uzbekistan in "
                "March 2023, the ministry said.\n", "2024-05-10")
    at.button(key="add_accept_all").click().run()
    at.button(key="add_write").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    after = tables.load(data, articles)
    assert not after.problems and len(after.relations) == before + 1
    assert (articles / "pasted.txt").exists() and list((data / ".backups").iterdir())
    row = after.relations.iloc[-1]
    assert (row["kind"], row["iso3_a"], row["iso3_b"]) == ("arms_transfer", "TUR", "UZB")


def test_a_paste_cut_at_the_box_limit_is_refused_clearly() -> None:
    """A 10 MB paste never reaches the server whole: the box (max_chars) cuts it in the browser
    (the server would refuse widget values over 2 MB). What arrives, a full box, is refused
    with a message saying to upload the file; AppTest sends what the browser would send."""
    from geo.ingest import core

    at = open_page("en")
    assert at.text_area(key="add_text").max_chars == core.MAX_PASTE_CHARS
    text = ("Le Kazakhstan et la Russie. " * 20_000)[:core.MAX_PASTE_CHARS]
    submit(at, text)
    assert "upload the article as a file" in at.error[0].value
    assert not at.dataframe


def test_the_page_says_where_the_publication_date_came_from() -> None:
    text = "Astana, 2 March 2026. Tajikistan suspended its participation in the CSTO last month."
    at = submit(open_page("en"), text)
    captions = [str(c.value) for c in at.caption]
    assert any(c.startswith("Published 2026-03-02: read from the dateline") for c in captions)
    at = submit(at, text.split(". ", 1)[1])
    captions = [str(c.value) for c in at.caption]
    assert any(c.startswith("No publication date:") for c in captions)
