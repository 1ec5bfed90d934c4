"""One module escapes data text (``geo.markup``), for HTML and for Markdown (issue 13: there were
two Markdown escapers with different character sets). Checked with a CommonMark renderer
(markdown-it-py, which Streamlit's dependency ``rich`` brings).
"""

from __future__ import annotations

import ast
import html
import string
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from geo.markup import esc, md_text, unesc

REPO = Path(__file__).resolve().parent.parent
HOSTILE = [
    "**bold** _it_ `code` ~~gone~~ [link](http://127.0.0.1:9/x) ![img](http://127.0.0.1:9/i)",
    "<b>tag</b> <http://127.0.0.1:9/a> &amp; a | b | c # not a heading",
    ":red[colour] $x^2$ {{ 7*7 }} \\ back\\slash",
    string.punctuation,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_renders_as_the_text_itself(text: str) -> None:
    out = MarkdownIt("commonmark").render(md_text(text)).strip()
    assert out.startswith("<p>") and out.endswith("</p>")
    inner = out[3:-4]
    assert "<" not in inner.replace("&lt;", "")  # no element made from the data
    assert html.unescape(inner) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_unesc_undoes_esc(text: str) -> None:
    assert unesc(esc(text)) == text


def test_no_other_module_escapes() -> None:
    """``html.escape``/``html.unescape`` and Markdown escaping tables live in geo/markup.py
    only (a second copy drifts: the two Markdown escapers had different characters)."""
    found = []
    for path in sorted((REPO / "geo").rglob("*.py")):
        if path.name == "markup.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id == "html" and node.attr in ("escape", "unescape"):
                found.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.Name) and node.id == "_MARKDOWN":
                found.append(f"{path.name}:{node.lineno}")
    assert found == []
