"""HTML built from data, always escaped, and handed to Leaflet without folium's string templates.

Folium's ``Tooltip`` pastes text into a JavaScript template literal and ``Popup`` needs jQuery;
``Detail`` passes the HTML as a JSON string instead, so a backtick, ``${…}`` or ``</script>`` in
the data stays text.
"""

from __future__ import annotations

import html

from branca.element import MacroElement
from jinja2 import Template

__all__ = ["Detail", "esc", "rows_html"]


def esc(value: object) -> str:
    """Escape any value for HTML (``None`` and NaN become empty)."""
    if value is None or value != value:  # NaN
        return ""
    return html.escape(str(value), quote=True)


def rows_html(title: str, rows: list[tuple[str, object]]) -> str:
    """A small titled table; empty values are left out. Everything is escaped here."""
    body = "".join(
        f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows if esc(v)
    )
    return f'<div class="atlas-detail"><b>{esc(title)}</b><table>{body}</table></div>'


class Detail(MacroElement):
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
