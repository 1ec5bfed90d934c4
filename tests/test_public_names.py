"""Every ``geo`` module's ``__all__`` is complete and true (issue 13): each public top-level name
a module defines and another module, page, script or test uses is listed, and each listed name
exists. The uses are read from the source (``from geo.x import name`` and ``x.name`` after
``from geo import x``), so the test follows the code without a list to keep.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import geo

REPO = Path(__file__).resolve().parent.parent
USERS = ("geo", "pages", "tests", "bench", "tools", "dashboard.py")
MODULES = sorted(m.name for m in pkgutil.walk_packages(geo.__path__, "geo.")
                 if not m.name.endswith("__main__"))  # importing a __main__ would run it

#: names used elsewhere but missing from ``__all__`` in files this branch may not edit; each
#: owner clears its entries by listing the names (then this test fails until they go here too)
ALLOWED_MISSING: dict[str, set[str]] = {}


def _path(module: str) -> Path:
    p = REPO.joinpath(*module.split("."))
    return p.with_suffix(".py") if p.with_suffix(".py").exists() else p / "__init__.py"


def _defined(module: str) -> set[str]:
    """Public names a module defines at top level: functions, classes, assigned constants."""
    out: set[str] = set()
    for node in ast.parse(_path(module).read_text("utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            out.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            out |= {e.id for t in targets for e in ast.walk(t) if isinstance(e, ast.Name)}
    return {n for n in out if not n.startswith("_") and n != "__all__"}


def _module_of(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")


def _uses_in(path: Path, known: set[str]) -> set[tuple[str, str]]:
    """(module, name) pairs a file uses from other geo modules."""
    me, tree = _module_of(path), ast.parse(path.read_text("utf-8"))
    alias: dict[str, str] = {}
    uses: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for a in node.names:
                if f"{node.module}.{a.name}" in known:
                    alias[a.asname or a.name] = f"{node.module}.{a.name}"
                elif node.module in known and node.module != me:
                    uses.add((node.module, a.name))
        elif isinstance(node, ast.Import):
            alias |= {a.asname: a.name for a in node.names if a.name in known and a.asname}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module = alias.get(node.value.id)
            if module and module != me:
                uses.add((module, node.attr))
    return uses


@pytest.fixture(scope="module")
def used() -> dict[str, set[str]]:
    known, out = set(MODULES), {}
    files = [p for u in USERS for p in ([REPO / u] if u.endswith(".py")
                                        else sorted((REPO / u).rglob("*.py")))]
    for f in files:
        for module, name in _uses_in(f, known):
            out.setdefault(module, set()).add(name)
    return out


@pytest.mark.parametrize("module", MODULES)
def test_all_lists_every_name_used_elsewhere(module: str, used) -> None:
    listed = set(getattr(importlib.import_module(module), "__all__", ()))
    missing = (used.get(module, set()) & _defined(module)) - listed
    assert sorted(missing - ALLOWED_MISSING.get(module, set())) == [], f"add to {module}.__all__"
    assert not ALLOWED_MISSING.get(module, set()) & listed, "listed now: clear ALLOWED_MISSING"


@pytest.mark.parametrize("module", MODULES)
def test_all_names_exist(module: str) -> None:
    mod = importlib.import_module(module)
    assert hasattr(mod, "__all__"), f"{module} has no __all__"
    assert sorted(n for n in mod.__all__ if not hasattr(mod, n)) == []


def test_the_uses_are_found() -> None:
    """Guard the guard: known uses of each import style are seen."""
    uses = _uses_in(REPO / "geo" / "legend.py", set(MODULES))
    assert ("geo.encoding", "chip") in uses  # from geo import encoding; encoding.chip(...)
    assert ("geo.style", "EVENT_GLYPHS") in uses  # from geo.style import EVENT_GLYPHS
    assert "STATIC_DIR" in _defined("geo.assets") and "_DIR" not in _defined("geo.i18n")
