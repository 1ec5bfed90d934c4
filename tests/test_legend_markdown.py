"""The side legend goes through ``st.markdown(..., unsafe_allow_html=True)``: Markdown in the
data must not become live there (issue 15, case 7). A blank line in a field used to end the HTML
block, and ``[text](url)`` after it became a link. Checked with a CommonMark renderer
(markdown-it-py, which Streamlit's dependency ``rich`` brings), the way the browser's
react-markdown reads the block.
"""

from __future__ import annotations

import datetime as dt

from markdown_it import MarkdownIt

from geo import layers, tables
from geo.legend import legend_html
from geo.view import View

PHISH = "x\n\n[click here](http://127.0.0.1:9/phish) **bold** <https://127.0.0.1:9/a>\n\n"


def links(html: str) -> list[str]:
    out = MarkdownIt("commonmark").render(html)
    return [part for part in out.split("<a ")[1:]]


def test_legend_labels_cannot_make_links() -> None:
    html = legend_html("T" + PHISH, [("H" + PHISH, [({"fill": "#ffffff"}, PHISH)])])
    assert links(html) == []
    assert "\n" not in html


def test_side_legend_with_markdown_in_the_data(variant) -> None:
    d = variant("organizations.csv", replace=(
        "Collective Security Treaty Organization,",
        '"Collective Security Treaty Organization' + PHISH.replace('"', '""') + '",'))
    atlas = tables.load(d, d.parent / "articles")
    assert PHISH.strip() in atlas.organizations.set_index("org_id").at["CSTO", "name_en"]
    html = layers.side_legend(atlas, View(date=dt.date(2012, 9, 1), orgs=("CSTO",)))
    assert "click here" in html
    assert links(html) == []
