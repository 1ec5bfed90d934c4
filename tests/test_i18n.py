"""The English and French catalogs: same keys, nothing empty, every key the code asks for.

Keys the code uses are read from the source with ``ast``: literal ``t("key", ...)`` calls (both
branches of ``t("a" if x else "b", ...)``), keys taken from a literal table the call loops over
(the page titles of ``dashboard.py``, the country card's headings), and the ``t(f"link_{...}")``
families, whose members are every value the data, its descriptor or the styles can hold.
"""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

from geo import encoding, i18n, style, tables
from geo.i18n import LANGS, catalog, col, t
from geo.view import EXTRA_LAYERS

REPO = Path(__file__).resolve().parent.parent
LOCALES = REPO / "geo" / "locales"
SOURCES = sorted([*(REPO / "geo").glob("*.py"), *(REPO / "pages").glob("*.py"),
                  REPO / "dashboard.py"])
FAMILIES = ("link_", "status_", "event_", "layer_", "source_", "table_", "badge_")


def _no_duplicates(pairs: list[tuple[str, str]]) -> dict[str, str]:
    keys = [k for k, _ in pairs]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert not dupes, f"duplicate keys: {dupes}"
    return dict(pairs)


@pytest.fixture(scope="module")
def raw() -> dict[str, dict[str, str]]:
    """Each catalog read straight from its file, refusing duplicate keys."""
    return {lang: json.loads((LOCALES / f"{lang}.json").read_text(encoding="utf-8"),
                             object_pairs_hook=_no_duplicates) for lang in LANGS}


# --- reading the code ---------------------------------------------------------------------------

def _strings(node: ast.AST) -> list[str]:
    """The string constants a key expression can take (both branches of ``a if c else b``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def _family(node: ast.AST) -> str | None:
    """``link_`` for ``f"link_{k}"``."""
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None


class _Uses(ast.NodeVisitor):
    """Catalog keys used by one module."""

    def __init__(self, tree: ast.Module, path: Path):
        self.path = path
        self.tree = tree
        self.keys: set[str] = set()
        self.families: set[str] = set()
        self.unresolved: list[str] = []
        self.loops: list[tuple[ast.AST, ast.AST]] = []  # (target, iter) of enclosing loops
        self.assigned = {tgt.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                         for tgt in node.targets if isinstance(tgt, ast.Name)}

    def visit_For(self, node: ast.For) -> None:
        self.visit(node.iter)
        self.loops.append((node.target, node.iter))
        for child in node.body + node.orelse:
            self.visit(child)
        self.loops.pop()

    def _comprehension(self, node) -> None:
        pushed = 0
        for gen in node.generators:
            self.visit(gen.iter)
            self.loops.append((gen.target, gen.iter))
            pushed += 1
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, ast.comprehension):
                self.visit(child)
        del self.loops[len(self.loops) - pushed:]

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    def _from_loop(self, name: str) -> list[str] | None:
        """Values ``name`` takes in the innermost loop binding it over a literal table."""
        for target, it in reversed(self.loops):
            if isinstance(it, ast.Name):
                it = self.assigned.get(it.id, it)
            if isinstance(target, ast.Name) and target.id == name:
                index = None
            elif isinstance(target, ast.Tuple) and any(
                    isinstance(e, ast.Name) and e.id == name for e in target.elts):
                index = next(i for i, e in enumerate(target.elts)
                             if isinstance(e, ast.Name) and e.id == name)
            else:
                continue
            if not isinstance(it, ast.List | ast.Tuple):
                return None
            values = []
            for row in it.elts:
                cell = row if index is None else (
                    row.elts[index] if isinstance(row, ast.Tuple | ast.List) else None)
                got = _strings(cell) if cell is not None else []
                if not got:
                    return None
                values += got
            return values
        return None

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id == "t" and node.args:
            arg = node.args[0]
            if found := _strings(arg):
                self.keys.update(found)
            elif (fam := _family(arg)) is not None:
                self.families.add(fam)
            elif isinstance(arg, ast.Name) and (values := self._from_loop(arg.id)) is not None:
                self.keys.update(values)
            else:
                self.unresolved.append(f"{self.path.name}:{node.lineno}: {ast.unparse(arg)}")
        self.generic_visit(node)


@pytest.fixture(scope="module")
def used() -> _Uses:
    """Every catalog key and key family used by dashboard.py, pages/ and geo/."""
    total = _Uses(ast.Module(body=[], type_ignores=[]), REPO)
    for path in SOURCES:
        if path.name == "i18n.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        uses = _Uses(tree, path)
        uses.visit(tree)
        total.keys |= uses.keys
        total.families |= uses.families
        total.unresolved += uses.unresolved
    return total


@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    return tables.load()


@pytest.fixture(scope="module")
def enums() -> dict[tuple[str, str], list[str]]:
    """(resource, field) -> enum of the shipped descriptor."""
    desc = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    return {(r["name"], f["name"]): f["constraints"]["enum"]
            for r in desc["resources"] for f in r.get("schema", {}).get("fields", [])
            if "enum" in f.get("constraints", {})}


# --- the catalogs themselves --------------------------------------------------------------------

def test_catalogs_have_exactly_the_same_keys(raw) -> None:
    en, fr = set(raw["en"]), set(raw["fr"])
    assert sorted(en - fr) == [], "in en.json only"
    assert sorted(fr - en) == [], "in fr.json only"


def test_catalog_function_reads_the_files(raw) -> None:
    for lang in LANGS:
        assert catalog(lang) == raw[lang]


def test_languages_are_the_catalogs_in_locales(tmp_path) -> None:
    assert LANGS == ("en", "fr") == i18n.languages()  # the shipped catalogs, English first
    for name in ("ru.json", "fr.json", "en.json", "README.json", "notes.txt"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert i18n.languages(tmp_path) == ("en", "fr", "ru")  # a new catalog is a new language


@pytest.mark.parametrize("lang", LANGS)
def test_no_empty_or_non_string_values(raw, lang: str) -> None:
    bad = sorted(k for k, v in raw[lang].items() if not isinstance(v, str) or not v.strip())
    assert bad == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_stray_whitespace_or_untranslated_markers(raw, lang: str) -> None:
    bad = sorted(k for k, v in raw[lang].items() if v != v.strip() or "⟨" in v or "TODO" in v)
    assert bad == []


def test_placeholders_agree_between_languages(raw) -> None:
    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}

    differ = {k: (fields(raw["en"][k]), fields(raw["fr"][k])) for k in raw["en"]
              if k in raw["fr"] and fields(raw["en"][k]) != fields(raw["fr"][k])}
    assert differ == {}


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_formats(raw, lang: str) -> None:
    """Each entry formats with its own placeholders (no stray braces)."""
    for text in raw[lang].values():
        names = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        text.format(**dict.fromkeys(names, "x"))  # raises on unbalanced braces


def test_french_differs_from_english_for_most_keys(raw) -> None:
    en, fr = raw["en"], raw["fr"]
    same = sorted(k for k in en if en[k] == fr[k])
    assert len(same) <= 0.2 * len(en), same
    # the texts a reader sees first are translated
    for key in ("app_title", "page_map", "page_orgs", "page_timeline", "country", "legend",
                "notice_ignored", "data_problems", "card_hint", "status_member",
                "status_suspended", "status_former"):
        assert en[key] != fr[key], key
    assert fr["page_timeline"] == "Chronologie"
    assert fr["status_suspended"] == "suspendu"


def test_t_translates_formats_and_flags_missing_keys() -> None:
    assert t("page_timeline", "fr") == "Chronologie"
    assert t("page_timeline", "en") == "Timeline"
    assert t("n_links", "en", n=3) == "3 link(s)"
    assert t("no_such_key", "fr") == "⟨no_such_key⟩"
    with pytest.raises(ValueError):
        catalog("de")


def test_t_accepts_every_placeholder_name_used_by_the_catalogs(raw) -> None:
    """``t(key, lang, **fmt)``: no catalog placeholder may be called ``key`` or ``lang``,
    or formatting it through ``t`` raises TypeError (got multiple values for argument)."""
    for lang in LANGS:
        for key, text in raw[lang].items():
            names = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            if names:
                assert t(key, lang, **dict.fromkeys(names, "x")), key


def test_col_picks_the_language_column() -> None:
    assert col("name", "fr") == "name_fr"
    assert col("acronym", "en") == "acronym_en"
    assert col("event_name", "en") == "name"
    assert col("event_name", "fr") == "name_fr"
    assert i18n.LANGS == ("en", "fr")


# --- keys used by the code -----------------------------------------------------------------------

def test_the_code_scan_finds_keys(used) -> None:
    """Guard the scanner itself: it sees the literal keys, the looped ones and the families."""
    assert {"app_title", "map_caption", "notice_ignored", "data_problems", "source_article",
            "source_reference"} <= used.keys
    assert {"page_map", "page_orgs", "page_relations", "page_timeline", "page_sources"} \
        <= used.keys  # dashboard.py: t(key, ...) for key in PAGES
    assert {"link_", "status_", "event_", "layer_"} <= used.families


def test_every_t_call_is_understood(used) -> None:
    """A key the scan cannot read would escape the check below: keep keys literal."""
    assert used.unresolved == []


def test_only_known_key_families(used) -> None:
    assert sorted(used.families - set(FAMILIES)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_literal_key_used_by_the_code_exists(used, raw, lang: str) -> None:
    assert sorted(used.keys - set(raw[lang])) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_relation_kind_has_a_label(atlas, enums, raw, lang: str) -> None:
    kinds = (set(atlas.relations["kind"]) | set(atlas.extra["link_kinds"]["kind"])
             | set(style.link_styles(atlas)))
    assert sorted(k for k in kinds if f"link_{k}" not in raw[lang]) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_event_kind_has_a_label(atlas, enums, raw, lang: str) -> None:
    kinds = (set(atlas.events["kind"]) | set(enums[("events", "kind")])
             | set(style.EVENT_GLYPHS))
    assert sorted(k for k in kinds if f"event_{k}" not in raw[lang]) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_status_has_a_label(atlas, enums, raw, lang: str) -> None:
    statuses = (set(atlas.memberships["status"]) | set(enums[("memberships", "status")])
                | set(encoding.STATUSES))  # includes "former", the history layer's status
    assert "former" in statuses
    assert sorted(s for s in statuses if f"status_{s}" not in raw[lang]) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_source_kind_and_fact_table_has_a_label(enums, raw, lang: str) -> None:
    from geo.reports import FACT_TABLES

    assert sorted(k for k in enums[("sources", "kind")] if f"source_{k}" not in raw[lang]) == []
    assert sorted(n for n in FACT_TABLES if f"table_{n}" not in raw[lang]) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_badge_status_has_a_label(raw, lang: str) -> None:
    assert sorted(s for s in set(encoding.STATUSES) - {"member"}
                  if f"badge_{s}" not in raw[lang]) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_extra_layer_has_a_label(raw, lang: str) -> None:
    assert sorted(k for k in EXTRA_LAYERS if f"layer_{k}" not in raw[lang]) == []


def test_no_family_entry_without_a_use(raw, atlas, enums) -> None:
    """Catalog entries of a family name a value the app can actually meet."""
    known = {
        "link_": set(atlas.extra["link_kinds"]["kind"]) | set(style.link_styles(atlas)),
        "event_": set(enums[("events", "kind")]) | set(style.EVENT_GLYPHS),
        "status_": set(enums[("memberships", "status")]) | set(encoding.STATUSES),
        "layer_": set(EXTRA_LAYERS),
        "badge_": set(encoding.STATUSES) - {"member"},  # a member's badge is the bare acronym
    }
    stray = sorted(k for k in raw["en"] for fam, values in known.items()
                   if k.startswith(fam) and k.removeprefix(fam) not in values)
    assert stray == []
