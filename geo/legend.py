"""The map legend: one model of what the view's symbols mean, drawn as HTML (map and page) and
by :mod:`geo.figure`.

In the map it is a Leaflet control carried by its own feature group: added when the group is
added and removed with it, so it is swapped with the layers without reloading the map.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from geo import encoding, epochs, lineage, queries
from geo.i18n import t
from geo.markup import RenderOnce, esc, esc_inline
from geo.memo import memo
from geo.shown import view_events, view_links
from geo.style import EVENT_GLYPHS, KEY_COLOR, link_labels, link_styles, org_colors
from geo.wording import org_titles

__all__ = ["Attribution", "Legend", "legend_html", "legend_model", "live_legend_html",
           "live_legend_key", "show_key", "swatch_html"]

Section = tuple[str, list[tuple[dict, str]]]


def legend_model(atlas, view, links: pd.DataFrame | None = None,
                 events: pd.DataFrame | None = None) -> list[Section]:
    """(heading, [(swatch, label)]) for every visible layer; a swatch is ``{"fill": colour}``,
    ``{"chip": chip}`` (:func:`geo.encoding.chip`), ``{"line": (colour, dash)}`` or
    ``{"glyph": (letter, colour)}``. ``None`` links or events are read from the view."""
    key = ("legend", view.lang, view.orgs, *epochs.view_key(atlas, view, *epochs.FACTS),
           view.links, view.show)
    return memo(atlas, key, lambda: _legend_model(atlas, view, links, events))


def _legend_model(atlas, view, links, events) -> list[Section]:
    view = lineage.on_map(atlas, view)  # badges of the predecessors that stand in
    lang = view.lang
    links = view_links(atlas, view) if links is None else links
    events = view_events(atlas, view) if events is None else events
    sections: list[Section] = []
    head, fills = encoding.fill_legend(atlas, view)
    if fills:
        none = [] if "overlap" in view.show else [(encoding.LAND, t("not_member", lang))]
        sections.append((head, [({"fill": c}, label) for c, label in fills + none]))
    if len(view.orgs) > 1:
        sections.append(_badges(atlas, view))
    if links is not None and len(links):
        sections.append(_link_kinds(atlas, sorted(links["kind"].unique()), lang))
    if events is not None and len(events):
        sections.append((t("events", lang), [({"glyph": EVENT_GLYPHS.get(k, ("?", "#555"))},
                                               t(f"event_{k}", lang))
                                              for k in sorted(events["kind"].unique())]))
    return sections


def _link_kinds(atlas, kinds: list[str], lang: str) -> Section:
    """One line per kind shown, styled and labelled from ``link_kinds.csv`` (the catalog's
    ``link_<kind>`` for a kind missing there)."""
    styles, label = link_styles(atlas), link_labels(atlas, lang)
    return t("links", lang), [({"line": styles.get(k, (KEY_COLOR, None))},
                               label.get(k) or t(f"link_{k}", lang)) for k in kinds]


def _badges(atlas, view) -> Section:
    """One badge per chosen organization (greyed where it does not exist on the date), then
    how a badge says a status."""
    lang = view.lang
    titles = org_titles(atlas, lang)
    alive = queries.alive_on(atlas, view.date)
    colors, items = org_colors(atlas), []
    for o in view.orgs:
        if o not in titles:
            continue
        acr, name = titles[o]
        gone = "" if o in alive else f" ({t('org_not_active', lang)})"
        chip = encoding.chip(o, acr, "member", lang, colors.get(o, KEY_COLOR))
        items.append(({"chip": chip}, f"{name}{gone}"))
    keys = encoding.STATUSES if "history" in view.show else encoding.STATUSES[:-1]
    items += [({"chip": encoding.chip("KEY", t("legend_badge_org", lang), s, lang, KEY_COLOR)},
               t(f"status_{s}", lang)) for s in keys[1:]]
    return t("badges_legend", lang), items


def swatch_html(sw: dict) -> str:
    """The HTML of one swatch (Atlas-made colours and texts, escaped all the same)."""
    if "fill" in sw:
        return (f'<svg width="24" height="14" aria-hidden="true"><rect x="0.5" y="0.5" '
                f'width="23" height="13" fill="{esc(sw["fill"])}" stroke="#777"/></svg>')
    if "chip" in sw:
        c = sw["chip"]
        deco = "text-decoration:line-through;" if c["strike"] else ""
        return (f'<span class="atlas-chip" style="background:{esc(c["bg"])};color:{esc(c["fg"])};'
                f'border-color:{esc(c["border"])};border-style:{esc(c["style"])};{deco}">'
                f'{esc_inline(c["text"])}</span>')
    if "line" in sw:
        color, dash = sw["line"]
        dash_attr = f' stroke-dasharray="{esc(dash)}"' if dash else ""
        return (f'<svg width="28" height="10" aria-hidden="true"><line x1="1" y1="5" x2="27" '
                f'y2="5" stroke="{esc(color)}" stroke-width="3"{dash_attr}/></svg>')
    glyph, color = sw["glyph"]
    return (f'<span class="atlas-glyph" style="display:inline-block;background:{esc(color)}">'
            f"{esc(glyph)}</span>")


def legend_html(title: str, sections: list[Section], open_: bool = True) -> str:
    """A collapsible legend from :func:`legend_model`; every text is escaped, on one line
    (``esc_inline``: the side legend goes through ``st.markdown``, where a blank line in the
    data would end the HTML block and let Markdown links after it become live)."""
    def grid(items: list[tuple[dict, str]]) -> str:
        wide = " wide" if any(len(label) > 22 for _, label in items) else ""
        rows = "".join(f'<div class="atlas-legend-row">{swatch_html(sw)}<span>'
                       f"{esc_inline(label)}</span></div>" for sw, label in items)
        return f'<div class="atlas-legend-grid{wide}">{rows}</div>'

    body = "".join(f"<h4>{esc_inline(head)}</h4>{grid(items)}" for head, items in sections
                   if items)
    return (f'<details{" open" if open_ else ""}><summary>{esc_inline(title)}</summary>'
            f'<div class="atlas-legend">{body}</div></details>')


def show_key(show) -> str:
    """The extra layers shown, as the map's script names a combination: sorted, comma-joined."""
    return ",".join(sorted(show))


def live_legend_html(atlas, view, title: str, open_: bool = True, mark: bool = True) -> str:
    """The legend of every combination of extra layers, each in a block the page shows when
    its layers are the ones on (``data-show``: the :func:`show_key` of each combination that
    has this legend, separated by ``|``); with ``mark``, the block of ``view.show`` is marked
    ``on`` (without, the map's script marks it: the HTML is then the same for every
    combination, and a switch does not replace the layers)."""
    return memo(atlas, live_legend_key(atlas, view, title, open_, mark),
                lambda: _live_legend_html(atlas, view, title, open_, mark))


def live_legend_key(atlas, view, title: str, open_: bool = True, mark: bool = True) -> tuple:
    """What :func:`live_legend_html` reads of ``view``, as a memo key (the rendered legend's
    too, geo.layers.map_args)."""
    return ("live_legend", view.lang, view.orgs, *epochs.view_key(atlas, view, *epochs.FACTS),
            view.links, title, open_, show_key(view.show) if mark else None)


def _live_legend_html(atlas, view, title: str, open_: bool, mark: bool) -> str:
    from itertools import combinations

    from geo.view import EXTRA_LAYERS

    blocks: dict[str, list[str]] = {}
    for n in range(len(EXTRA_LAYERS) + 1):
        for combo in combinations(EXTRA_LAYERS, n):
            body = legend_html(title, legend_model(atlas, replace(view, show=combo)), open_)
            blocks.setdefault(body, []).append(show_key(combo))
    mine = show_key(view.show)
    return "".join(
        f'<div class="atlas-variant{" on" if mark and mine in keys else ""}" '
        f'data-show="{esc("|".join(keys))}">{body}</div>' for body, keys in blocks.items())


class Legend(RenderOnce, MacroElement):
    """Attach to a ``folium.FeatureGroup``; ``html_text`` must already be escaped."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function(group) {
            var ctl = L.control({position: "topright"});
            ctl.onAdd = function() {
                var div = L.DomUtil.create("div", "atlas-legend-box");
                div.innerHTML = {{ this.html_text|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            group.on("add", function() { ctl.addTo(group._map); });
            group.on("remove", function() { ctl.remove(); });
        })({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "Legend"
        self.html_text = html_text


class Attribution(RenderOnce, MacroElement):
    """Credit the border data in Leaflet's attribution control (no tiles carry it here)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text = text
