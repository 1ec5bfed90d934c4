"""Results kept between reruns go through one helper, ``geo.memo.memo``, keyed by the Atlas and
the inputs (issue 13: three caches were keyed by ``id()`` of a frame). A plain ``functools`` cache
is left only where there is no Atlas to key on, and says so beside it.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from geo import figure, memo, shapes, tables

REPO = Path(__file__).resolve().parent.parent
FILES = sorted((REPO / "geo").rglob("*.py"))


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text("utf-8"))


def test_outlines_are_built_once_per_atlas(data_dir: Path) -> None:
    a = tables.load(data_dir, data_dir.parent / "articles")
    memo.clear()
    first = shapes.display_shapes(a)
    assert shapes.display_shapes(a) is first and figure._shapes(a) is figure._shapes(a)
    assert memo.stats()["misses"] == 2  # the outlines and the figure's projection, once each
    b = dataclasses.replace(a)  # another Atlas (data reloaded): built again, equal
    assert shapes.display_shapes(b) is not first and shapes.display_shapes(b) == first
    assert shapes.shapes_key(b) == shapes.shapes_key(a)


def test_no_cache_is_keyed_by_object_id() -> None:
    """``id()`` outside geo/memo.py (which checks the object too) would be a cache key that a
    new object can reuse once the old one is freed."""
    calls = [f"{p.relative_to(REPO)}:{n.lineno}" for p in FILES if p.name != "memo.py"
             for n in ast.walk(_tree(p)) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Name) and n.func.id == "id"]
    assert calls == []


def test_each_plain_cache_says_why() -> None:
    lines_of = {}
    missing = []
    for p in FILES:
        for n in ast.walk(_tree(p)):
            if not isinstance(n, ast.FunctionDef):
                continue
            for d in n.decorator_list:
                name = d.func if isinstance(d, ast.Call) else d
                name = name.attr if isinstance(name, ast.Attribute) else getattr(name, "id", "")
                if name in ("cache", "lru_cache"):
                    lines = lines_of.setdefault(p, p.read_text("utf-8").splitlines())
                    above = lines[d.lineno - 2].strip()
                    if not above.startswith("#"):
                        missing.append(f"{p.relative_to(REPO)}:{d.lineno} {n.name}")
    assert missing == []
