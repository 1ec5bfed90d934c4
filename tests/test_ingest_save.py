"""Saving accepted rows: validated by the loader, nothing written on a problem, concurrent
saves under ATLAS_EDITABLE=1 all kept, backups, and the ZIP in the data folder's layout."""

from __future__ import annotations

import io
import multiprocessing as mp
import zipfile
from pathlib import Path

import pytest

from geo import tables
from geo.ingest import save

ARTICLE = "new_article.txt"
TEXT = "Le Kazakhstan et le Kirghizistan ont signé un accord de défense mutuelle.\n"


def relation(a: str = "KAZ", b: str = "KGZ", rid: str = "rel-004") -> dict[str, str]:
    return {"relation_id": rid, "kind": "security_agreement", "iso3_a": a, "iso3_b": b,
            "directed": "false", "start": "2024-05", "end": "", "summary_en": "Pact.",
            "summary_fr": "Pacte.", "source_id": "art-002", "locator": "accord de défense",
            "note": ""}


def source(sid: str = "art-002", name: str = ARTICLE) -> dict[str, str]:
    return {"source_id": sid, "kind": "article", "title": "Nouveau", "outlet": "",
            "published": "2024-05", "language": "fr", "url": "", "file": name, "note": ""}


def snapshot(d: Path) -> dict[str, bytes]:
    """Every file's bytes, but the lock file (empty; it stays so every saver shares it)."""
    return {p.name: p.read_bytes() for p in d.iterdir()
            if p.is_file() and p.name != ".atlas-save.lock"}


def test_a_row_that_fails_validation_writes_nothing(data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("ATLAS_EDITABLE", "1")
    before = snapshot(data_dir)
    bad = relation(a="XXX")
    out = save.save_to_folder({"relations": [bad]}, source(), ARTICLE, TEXT, data_dir,
                              data_dir.parent / "articles")
    assert out.problems and not out.written
    assert any(p.file == "relations.csv" and p.column == "iso3_a" and p.line == 5
               for p in out.problems), [str(p) for p in out.problems]
    assert snapshot(data_dir) == before
    assert not (data_dir / ".backups").exists()
    assert not (data_dir.parent / "articles" / ARTICLE).exists()


def test_a_locator_missing_from_the_article_is_a_problem(data_dir: Path) -> None:
    row = dict(relation(), locator="ces mots ne sont pas dans le texte")
    out = save.save_to_folder({"relations": [row]}, source(), ARTICLE, TEXT, data_dir,
                              data_dir.parent / "articles")
    assert [p.column for p in out.problems] == ["locator"]


def _save_one(args: tuple[str, str, str, str]) -> str:
    data, articles, a, b = args
    out = save.save_to_folder({"relations": [relation(a, b)]}, source(name=f"{a}{b}.txt"),
                              f"{a}{b}.txt", TEXT, Path(data), Path(articles))
    return ";".join(str(p) for p in out.problems)


def test_concurrent_saves_lose_nothing(data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("ATLAS_EDITABLE", "1")
    articles = data_dir.parent / "articles"
    pairs = [("KAZ", "KGZ"), ("KAZ", "UZB"), ("KGZ", "UZB"), ("TJK", "UZB"), ("CHN", "KAZ"),
             ("ARM", "RUS")]
    with mp.get_context("fork").Pool(len(pairs)) as pool:
        errors = pool.map(_save_one, [(str(data_dir), str(articles), a, b) for a, b in pairs])
    assert errors == [""] * len(pairs)
    atlas = tables.load(data_dir, articles)
    assert not atlas.problems, [str(p) for p in atlas.problems]
    rel = atlas.relations
    assert len(rel) == 3 + len(pairs)
    assert rel["relation_id"].is_unique
    got = {(r.iso3_a, r.iso3_b) for r in rel.itertuples() if r.kind == "security_agreement"}
    assert got == set(pairs)
    assert len(atlas.sources) == 2 + len(pairs) and atlas.sources["source_id"].is_unique
    assert len(list((data_dir / ".backups").glob("relations-*.csv"))) == len(pairs)


def test_zip_has_the_data_folder_layout(data_dir: Path) -> None:
    texts = save.merged(data_dir, {"relations": [relation()]}, source())
    blob = save.zip_bytes(texts, ARTICLE, TEXT)
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        names = set(z.namelist())
        rel = z.read("data/relations.csv").decode()
    assert {"data/relations.csv", "data/sources.csv", f"articles/{ARTICLE}"} <= names
    assert rel.startswith((data_dir / "relations.csv").read_text(encoding="utf-8"))
    assert rel.rstrip().endswith("accord de défense,")


def test_editable_only_with_the_variable(monkeypatch) -> None:
    monkeypatch.delenv("ATLAS_EDITABLE", raising=False)
    assert not save.editable()
    monkeypatch.setenv("ATLAS_EDITABLE", "1")
    assert save.editable()


@pytest.mark.parametrize("value", ["0", "true", ""])
def test_editable_needs_exactly_one(monkeypatch, value) -> None:
    monkeypatch.setenv("ATLAS_EDITABLE", value)
    assert not save.editable()


def test_a_new_status_closes_the_open_period_it_follows(data_dir: Path) -> None:
    row = {"org_id": "SCO", "iso3": "KAZ", "status": "observer", "start": "2024-05", "end": "",
           "source_id": "art-002", "locator": "accord de défense", "note": ""}
    texts = save.merged(data_dir, {"memberships": [row]}, source())
    lines = texts["memberships"].splitlines()
    assert 'SCO,KAZ,member,2001-06-15,2024-04,ref-001,"Shanghai, 2001",' in lines
    assert lines[-1].startswith("SCO,KAZ,observer,2024-05,,art-002")
    assert save.problems(data_dir, data_dir.parent / "articles", texts, ARTICLE, TEXT) == []
