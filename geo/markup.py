"""Text from data made safe where it is shown: the one place that escapes it.

HTML (:func:`esc`, :func:`esc_inline`, back to text with :func:`unesc`) and Markdown
(:func:`md_text`, :func:`md_code`) for Streamlit and the Markdown downloads. HTML built from
data is handed to Leaflet without folium's string templates: folium's ``Tooltip`` pastes text
into a JavaScript template literal and ``Popup`` needs jQuery; ``Detail`` passes the HTML as a
JSON string instead, so a backtick, ``${…}`` or ``</script>`` in the data stays text.
"""

from __future__ import annotations

import html
import re

from branca.element import MacroElement
from jinja2 import Template

from geo.compat import RenderOnce

__all__ = ["Detail", "RenderOnce", "esc", "esc_inline", "md_code", "md_text", "rows_html",
           "unesc"]

_JINJA_OPEN = re.compile(r"\{(?=[{%#])")
#: what Markdown would read as markup inside a line: emphasis, code, links and images, HTML and
#: its entities (``&amp;`` in the data is shown as typed), headings, tables, strike-through,
#: and in Streamlit ``:red[...]`` colours and ``$...$`` maths.
#: Each is ASCII punctuation, which CommonMark lets a backslash escape: the same text is
#: right in Streamlit and in a downloaded ``.md`` file.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|~:$!&])")


def esc(value: object) -> str:
    """Escape any value for HTML (``None`` and NaN become empty).

    A ``{`` that would open a Jinja tag (``{{``, ``{%``, ``{#``) becomes ``&#123;`` too: branca
    turns each element's rendered script into a new Jinja template and renders it again, so
    ``{{ ... }}`` in the data would run on the server (or, unbalanced, break the map).
    """
    if value is None or value != value:  # NaN
        return ""
    return _JINJA_OPEN.sub("&#123;", html.escape(str(value), quote=True))


def unesc(text: str) -> str:
    """What :func:`esc` escaped, as text again (a figure draws text, not HTML)."""
    return html.unescape(text)


_BREAKS = re.compile(r"\s*[\n\r\u2028\u2029\x0b\x0c\x1c-\x1e\x85]\s*")


def esc_inline(value: object) -> str:
    """:func:`esc` on one line: for data text inside HTML that goes through
    ``st.markdown(..., unsafe_allow_html=True)``.

    Markdown leaves an HTML block alone up to its first blank line; a blank line in the data
    would end the block, and ``[text](url)`` after it would become a live link.
    """
    if value is None or value != value:  # NaN
        return ""
    return esc(_BREAKS.sub(" ", str(value)))


def md_text(value: object) -> str:
    """Data text for a Streamlit heading, caption or notice, or a Markdown download, shown as
    it is (``None`` and NaN become empty)."""
    if value is None or value != value:  # NaN
        return ""
    return _MARKDOWN.sub(r"\\\1", str(value))


def md_code(value: object) -> str:
    """A value quoted in Markdown as an inline code span: shown exactly, never a link.

    Escaping (:func:`md_text`) stops Markdown syntax, not autolinks: ``www.example.org`` or
    ``x@example.org`` in a notice would become a live link inside the app's own message. A code
    span has neither; its fence is one backtick longer than any run of them in the value.
    """
    text = "" if value is None or value != value else " ".join(str(value).splitlines())
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if not text.strip(" ") or text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def rows_html(title: str, rows: list[tuple[str, object]]) -> str:
    """A small titled table; empty values are left out. Everything is escaped here."""
    body = "".join(
        f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows if esc(v)
    )
    return f'<div class="atlas-detail"><b>{esc(title)}</b><table>{body}</table></div>'


class Detail(RenderOnce, MacroElement):
    """Bind a tooltip (``kind='tooltip'``) or popup (``kind='popup'``) to the parent layer.

    Parameters
    ----------
    html_text : str
        Already-escaped HTML (build it with :func:`esc` or :func:`rows_html`).
    kind : {'tooltip', 'popup'}
    sticky : bool
        Tooltips follow the pointer.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.{{ this.method }}({{ this.html_text|tojson }}, "
        "{{ this.options|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, html_text: str, kind: str = "tooltip", sticky: bool = True):
        super().__init__()
        self._name = "Detail"
        self.html_text = html_text
        self.method = {"tooltip": "bindTooltip", "popup": "bindPopup"}[kind]
        self.options = ({"sticky": sticky} if kind == "tooltip"
                        else {"maxWidth": 380, "maxHeight": 320})
