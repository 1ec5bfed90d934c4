"""HTML built from data, always escaped, and handed to Leaflet without folium's string templates.

Folium's ``Tooltip`` pastes text into a JavaScript template literal and ``Popup`` needs jQuery;
``Detail`` passes the HTML as a JSON string instead, so a backtick, ``${…}`` or ``</script>`` in
the data stays text.
"""

from __future__ import annotations

import html
import re

from branca.element import MacroElement
from jinja2 import Template

from geo.compat import RenderOnce

__all__ = ["Detail", "RenderOnce", "esc", "esc_inline", "md_code", "md_text", "rows_html"]

_JINJA_OPEN = re.compile(r"\{(?=[{%#])")
#: what Streamlit's Markdown would read as markup inside a line: emphasis, code, links, HTML,
#: headings, tables, strike-through, ``:red[...]`` colours and ``$...$`` maths
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|~:$])")


def esc(value: object) -> str:
    """Escape any value for HTML (``None`` and NaN become empty).

    A ``{`` that would open a Jinja tag (``{{``, ``{%``, ``{#``) becomes ``&#123;`` too: branca
    turns each element's rendered script into a new Jinja template and renders it again, so
    ``{{ ... }}`` in the data would run on the server (or, unbalanced, break the map).
    """
    if value is None or value != value:  # NaN
        return ""
    return _JINJA_OPEN.sub("&#123;", html.escape(str(value), quote=True))


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
    """Data text for a Streamlit heading, caption or notice (Markdown), shown as it is."""
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
