"""Exports of the current view: the data behind it, its sources, and a map that opens offline.

Everything here is a pure function of an :class:`~geo.tables.Atlas` and a
:class:`~geo.view.View` returning text or bytes, so a page can offer it as a download and a
test can check it without Streamlit or a browser. What a view *shows* is decided once, in
:mod:`geo.shown` (``view_links``, ``view_events``, ``view_memberships``, re-exported here), the
same queries :mod:`geo.layers` draws, so the map, the figure (:mod:`geo.figure`), the tables and
the citations cannot disagree. Data text is escaped for HTML, guarded against spreadsheet formulas
in CSV, and escaped for Markdown in citations.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from functools import cache

import pandas as pd
import shapely
from branca.element import Element

from geo import assets, compat, layers, queries, wording
from geo.csvout import to_csv
from geo.i18n import col, t
from geo.markup import esc, md_text
from geo.shown import view_events, view_links, view_memberships
from geo.tables import Atlas
from geo.view import View

__all__ = [
    "BORDERS_SOURCE", "citations", "cited_sources", "colored_geojson", "filename",
    "long_date", "source_note", "standalone_html", "subtitle", "view_csvs", "view_events",
    "view_links", "view_memberships", "view_tables",
]

#: the reference crediting the country outlines, cited by every view (they are always drawn)
BORDERS_SOURCE = "ref-naturalearth"

def long_date(day: dt.date, lang: str) -> str:
    """``1 August 2024`` / ``1er août 2024``: titles are read by people, not parsers."""
    d = t("day_one", lang) if day.day == 1 else str(day.day)
    return f"{d} {t('months', lang).split()[day.month - 1]} {day.year}"


# --- what the view shows ------------------------------------------------------------------------

def view_tables(atlas: Atlas, view: View) -> dict[str, pd.DataFrame]:
    """The data behind the view: ``memberships``, ``links`` and ``events``, one row per thing
    drawn.

    Column names are stable identifiers (so a saved file can be read back by a script);
    labels, names and summaries are in the view's language, beside the ids they translate.
    """
    lang, names = view.lang, wording.names(atlas, view.lang)
    acr = atlas.organizations.set_index("org_id")[col("acronym", lang)]
    m, r, e = (view_memberships(atlas, view), view_links(atlas, view),
               view_events(atlas, view))
    cite = ["source_id", "locator", "note"]
    return {
        "memberships": pd.DataFrame({
            "org_id": m["org_id"], "organization": m["org_id"].map(acr),
            "iso3": m["iso3"], "country": m["iso3"].map(names),
            "status": m["status"], "status_label": [t(f"status_{s}", lang) for s in m["status"]],
            "start": m["start"], "end": m["end"], **{c: m[c] for c in cite}}),
        "links": pd.DataFrame({
            "relation_id": r["relation_id"], "kind": r["kind"],
            "kind_label": [t(f"link_{k}", lang) for k in r["kind"]],
            "iso3_a": r["iso3_a"], "country_a": r["iso3_a"].map(names),
            "iso3_b": r["iso3_b"], "country_b": r["iso3_b"].map(names),
            "directed": r["directed"], "start": r["start"], "end": r["end"],
            "summary": r[col("summary", lang)], **{c: r[c] for c in cite}}),
        "events": pd.DataFrame({
            "event_id": e["event_id"], "kind": e["kind"],
            "kind_label": [t(f"event_{k}", lang) for k in e["kind"]],
            "name": e[col("event_name", lang)], "start": e["start"], "end": e["end"],
            "place": e["place"], "lat": e["lat"], "lon": e["lon"],
            "participants": [";".join(p) for p in e["participants"]],
            "participant_names": [", ".join(names.get(x, x) for x in p)
                                  for p in e["participants"]],
            "summary": e[col("summary", lang)], **{c: e[c] for c in cite}}),
    }


def view_csvs(atlas: Atlas, view: View) -> dict[str, bytes]:
    """:func:`view_tables` as CSV files, written by :func:`geo.csvout.to_csv` (every text cell
    quoted, formulas defused on every line of a cell, UTF-8 with a byte-order mark)."""
    return {name: to_csv(df) for name, df in view_tables(atlas, view).items()}


def colored_geojson(atlas: Atlas, view: View) -> str:
    """The countries the view colours, as a GeoJSON FeatureCollection at full resolution.

    One feature per country with ``iso3``, ``name`` (view's language), one property per selected
    organization holding the status shown (``member``... ``former``, or null) and ``overlap``,
    the number of selected organizations it is a full member of: enough to redraw the
    choropleths in a GIS. The view itself is kept as the foreign member ``view``.
    """
    m = view_memberships(atlas, view)
    status = {(o, i): s for o, i, s in zip(m["org_id"], m["iso3"], m["status"], strict=True)}
    ov = queries.overlap_on(atlas, view.date, view.orgs)
    overlap = dict(zip(ov["iso3"], ov["count"].astype(int), strict=True))
    names, shown, b = wording.names(atlas, view.lang), set(m["iso3"]), atlas.borders
    b = b if b is not None else pd.DataFrame({"iso3": [], "geometry": []})
    feats = [{"type": "Feature",
              "properties": {"iso3": iso, "name": names.get(iso, iso),
                             **{o: status.get((o, iso)) for o in view.orgs},
                             "overlap": overlap.get(iso, 0)},
              "geometry": shapely.geometry.mapping(geom)}
             for iso, geom in zip(b["iso3"], b["geometry"], strict=True)
             if iso in shown]
    return json.dumps({"type": "FeatureCollection", "view": view.to_query(), "features": feats},
                      ensure_ascii=False)


# --- sources ------------------------------------------------------------------------------------

def cited_sources(atlas: Atlas, view: View) -> pd.DataFrame:
    """Each source behind the view once: articles first, then references, then the borders.

    Facts are the memberships, links and events shown and the selected organizations (their
    founding dates). Columns are those of ``atlas.sources`` plus ``locators`` (tuple, first use
    first) and ``facts`` (how many facts shown cite it; 0 for the borders' reference).
    """
    o = atlas.organizations
    facts = pd.concat([view_memberships(atlas, view), view_links(atlas, view),
                       view_events(atlas, view), o[o["org_id"].isin(view.orgs)]])
    used: dict[str, list[str]] = {}
    for sid, loc in zip(facts["source_id"], facts["locator"], strict=True):
        used.setdefault(sid, []).append(loc)
    s = atlas.sources
    if BORDERS_SOURCE in set(s["source_id"]):
        used.setdefault(BORDERS_SOURCE, [])
    s = s[s["source_id"].isin(used)].drop(columns="line", errors="ignore")
    s = s.assign(locators=[tuple(dict.fromkeys(used[i])) or (t("borders_used", view.lang),)
                           for i in s["source_id"]],
                 facts=[len(used[i]) for i in s["source_id"]])
    key = [(k != "article", i == BORDERS_SOURCE, i) for k, i in zip(s["kind"], s["source_id"],
                                                                   strict=True)]
    return s.iloc[sorted(range(len(s)), key=key.__getitem__)].reset_index(drop=True)


def subtitle(view: View) -> str:
    """What the map shows, in words: the date, and the range of links and events if any."""
    date = long_date(view.date, view.lang)
    if view.start:
        return t("figure_subtitle_range", view.lang, date=date,
                  start=long_date(view.start, view.lang))
    return t("figure_subtitle", view.lang, date=date)


def source_note(atlas: Atlas, view: View) -> str:
    """The one-line credit printed under a figure: how many articles and references, and the
    borders' credit (the same as the interactive map's)."""
    s = cited_sources(atlas, view)
    s = s[s["facts"] > 0]
    return " ".join([t("figure_sources", view.lang, articles=int((s["kind"] == "article").sum()),
                        references=int((s["kind"] != "article").sum())),
                     t("attribution_borders", view.lang) + "."])


def citations(atlas: Atlas, view: View, fmt: str = "text") -> str:
    """"Sources for this view": a numbered list of every article and reference behind it.

    Each entry gives title, outlet and date, file (articles) or address, the source id, and
    the locators of the facts shown, so a reader can find every fact in its source.

    Parameters
    ----------
    fmt : {'text', 'markdown'}
        Plain text for a ``.txt`` download or ``st.text``; Markdown (data text escaped, so a
        title cannot inject links or HTML) for ``st.markdown`` or a ``.md`` download.
    """
    lang, md = view.lang, fmt == "markdown"

    def x(v: object) -> str:
        return md_text(v) if md else "" if v is None or v != v else str(v)

    acr = atlas.organizations.set_index("org_id")[col("acronym", lang)]
    orgs = ", ".join(x(acr.get(o, o)) for o in view.orgs)
    head = f"{t('sources_view', lang)} — {t('app_title', lang)}"
    orgs = t("labelled", lang, label=t("organizations", lang), value=orgs) if orgs else ""
    lines = [f"# {head}" if md else head, "", f"{subtitle(view)}." + (f" {orgs}." if orgs else "")]
    heads = {True: t("from_articles", lang), False: t("background", lang)}
    s, n = cited_sources(atlas, view), 0
    for is_article, rows in ((True, s[s["kind"] == "article"]), (False, s[s["kind"] != "article"])):
        if not rows.empty:
            lines += ["", f"## {heads[is_article]}" if md else heads[is_article]]
        for _, r in rows.iterrows():
            n += 1
            parts = [x(r["title"]), ", ".join(x(v) for v in (r["outlet"], r["published"]) if v),
                     t("labelled", lang, label=t("col_file", lang), value=x(r["file"]))
                     if r["file"] else "", x(r["url"])]
            facts = f" ({t('n_facts', lang, n=r['facts'])})" if r["facts"] else ""
            lines += [f"{n}. " + " — ".join(p for p in parts if p)
                      + f" [{x(r['source_id'])}]" + ("\\" if md else ""),
                      "   " + t("labelled", lang, label=t("locators", lang) + facts,
                                 value="; ".join(x(loc) for loc in r["locators"]))]
    return "\n".join(lines) + "\n"


# --- standalone HTML ----------------------------------------------------------------------------

# a plain cache, not geo.memo: installed files, read once per process, no Atlas
@cache
def _leaflet_inline() -> str:
    """The app's local assets (:data:`geo.assets.ASSET_FILES`: Leaflet's CSS and JS) as inline
    ``<style>``/``<script>``, the images the CSS names as data: URIs.

    Comments go from the CSS and source-map comments from the JS (a browser would fetch the
    map); Leaflet's licence header stays.
    """
    out = []
    for _, _, path in assets.ASSET_FILES["css"]:
        css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        css = re.sub(r"url\((images/[\w.-]+\.png)\)", lambda m, d=path.parent: "url(data:image/png;"
                     f"base64,{base64.b64encode((d / m[1]).read_bytes()).decode()})", css)
        out.append(f"<style>{css}</style>")
    for _, _, path in assets.ASSET_FILES["js"]:
        js = re.sub(r"//# sourceMappingURL=\S*", "", path.read_text(encoding="utf-8"))
        js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.I).replace("<!--", "<\\!--")
        out.append(f"<script>{js}</script>")
    return "\n".join(out)


EXPORT_CSS = """<style>
.atlas-export-title { position: absolute; top: 10px; left: 54px; z-index: 1000; max-width: 40%;
  background: rgba(255,255,255,.94); padding: 5px 9px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 12px/1.35 system-ui, sans-serif; }
.atlas-export-title b { font-size: 15px; }
.atlas-export-title small { color: #444; }
</style>"""


def standalone_html(atlas: Atlas, view: View) -> str:
    """The view's interactive map as one HTML file that works offline on any computer.

    The same base map, layers, legend (unfolded), tooltips and popups as the app (built by
    :mod:`geo.layers`), with Leaflet and the country outlines inlined instead of linked, plus
    a title box with the date and the source credit. No file or address outside the page is
    referenced, so it opens from a USB stick with no network.
    """
    m = layers.base_map(atlas, view.lang, inline_shapes=True)
    for layer in layers.map_layers(atlas, view, legend_open=True):  # the legend unfolded
        layer.add_to(m)
    compat.no_cdn(m)
    root = m.get_root()
    root.title = esc(f"{t('app_title', view.lang)} — {long_date(view.date, view.lang)}")
    root.header.add_child(Element(_leaflet_inline()), name="leaflet_inline", index=0)
    root.header.add_child(Element(EXPORT_CSS), name="atlas_export_css")
    root.html.add_child(Element(
        f'<div class="atlas-export-title"><b>{esc(t("app_title", view.lang))}</b><br>'
        f"{esc(subtitle(view))}<br><small>{esc(source_note(atlas, view))}</small></div>"),
        name="atlas_export_title")
    page = root.render()
    return page.replace("<html>", f'<html lang="{esc(view.lang)}">', 1)


def filename(view: View, what: str, ext: str) -> str:
    """A download name that says what and when: ``atlas_2024-08-01_en_links.csv``."""
    return f"atlas_{view.date.isoformat()}_{view.lang}_{what}.{ext}"
