"""Candidates in the review table and back: frames for ``st.data_editor``, the accepted rows,
and the evidence with its locator highlighted, escaped.

Kept apart from the page so it can be tested without Streamlit: the page only draws.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from geo import table_schema, wording
from geo.i18n import t
from geo.ingest.rows import EXTRA, TABLES, columns
from geo.markup import esc
from geo.style import link_labels
from geo.tables import Atlas

__all__ = ["ACCEPT", "Column", "accepted", "column_specs", "evidence_html", "frames", "label",
           "tick_all"]

ACCEPT = "accept"


def frames(rows: dict[str, list[dict]], data_dir: str | None = None) -> dict[str, pd.DataFrame]:
    """One text frame per table: ``accept`` first (off: a person accepts each row), then the
    table's columns, ``confidence`` and ``evidence``."""
    out = {}
    for table in TABLES:
        cols = [*columns(table, data_dir), *EXTRA]
        df = pd.DataFrame(rows.get(table, []), columns=cols, dtype=object).fillna("").astype(str)
        df.insert(0, ACCEPT, False)
        out[table] = df
    return out


#: each column's header (a ``geo.i18n`` key): the tables' own names are for files, not people
_HEADS = {"org_id": "col_org", "iso3": "col_country", "status": "col_status",
          "relation_id": "col_id", "event_id": "col_id", "kind": "col_kind", "iso3_a": "col_a",
          "iso3_b": "col_b", "directed": "col_directed", "start": "col_start", "end": "col_end",
          "name": "col_name_en", "name_fr": "col_name_fr", "place": "col_place",
          "lat": "col_lat", "lon": "col_lon", "participants": "col_participants",
          "summary_en": "col_summary_en", "summary_fr": "col_summary_fr",
          "source_id": "col_source", "locator": "col_locator", "note": "col_note",
          "confidence": "col_confidence", "evidence": "col_evidence", ACCEPT: "add_accept"}


@dataclass(frozen=True)
class Column:
    """How the review table shows one column: its header in the page's language and, for a
    column with a vocabulary, the values to pick from (id → label), so an edit cannot leave it."""

    label: str
    options: dict[str, str] = field(default_factory=dict)


def column_specs(table: str, lang: str, atlas: Atlas,
                 frame: pd.DataFrame | None = None) -> dict[str, Column]:
    """Header and choices of each column of ``table``'s review frame. A value already in
    ``frame`` but outside the vocabulary stays choosable (shown as itself): the loader, not the
    picker, says what is wrong with it."""
    names = wording.names(atlas, lang)
    countries = {i: f"{n} ({i})" for i, n in sorted(names.items(), key=lambda x: x[1])}
    orgs = {o: f"{a} · {n}" for o, (a, n) in wording.org_titles(atlas, lang).items()}
    enum = _enums()
    vocab = {"iso3": countries, "iso3_a": countries, "iso3_b": countries, "org_id": orgs,
             "status": {s: t(f"status_{s}", lang) for s in enum.get(("memberships", "status"), [])},
             "directed": {"true": t("yes", lang), "false": t("no", lang)},
             "kind": (dict(sorted(link_labels(atlas, lang).items())) if table == "relations" else
                      {k: t(f"event_{k}", lang) for k in enum.get(("events", "kind"), [])}
                      if table == "events" else {})}
    out = {}
    for c in ([ACCEPT] if frame is None or ACCEPT in frame else []) + [
            *columns(table), *EXTRA]:
        options = dict(vocab.get(c, {}))
        if options and frame is not None and c in frame:
            options |= {v: v for v in frame[c].astype(str) if v and v not in options}
        out[c] = Column(t(_HEADS[c], lang) if c in _HEADS else c, options)
    return out


# a plain cache, not geo.memo: the shipped descriptor's enums, read once per process, no Atlas
@cache
def _enums() -> dict[tuple[str, str], list[str]]:
    """(table, column) → the values the shipped descriptor allows."""
    return {(name, f["name"]): list(f["constraints"]["enum"])
            for name, r in table_schema.shipped_resources().items()
            for f in r["schema"].get("fields", []) if "enum" in f.get("constraints", {})}


def tick_all(edited: dict[str, pd.DataFrame], accept: bool) -> dict[str, pd.DataFrame]:
    """Every row ticked (``accept=True``: all but duplicates of data rows) or unticked."""
    out = {}
    for table, df in edited.items():
        df = df.copy()
        dup = df["note"].astype(str).str.contains("duplicate of", regex=False)
        df[ACCEPT] = ~dup if accept else False
        out[table] = df
    return out


def accepted(edited: dict[str, pd.DataFrame], data_dir: str | None = None) -> dict[str, list]:
    """The rows ticked ``accept``, with the data tables' columns only, as text."""
    out = {}
    for table, df in edited.items():
        keep = df[df[ACCEPT].astype(bool)] if len(df) else df
        cols = list(columns(table, data_dir))
        out[table] = [{c: ("" if pd.isna(r.get(c)) else str(r.get(c, ""))) for c in cols}
                      for r in keep.to_dict("records")]
    return out


def label(table: str, row: dict, specs: dict[str, Column] | None = None) -> str:
    """A short name for a candidate in a picker, in the words of ``specs`` (the page's
    language) when given, else by ids."""
    def say(c: str) -> str:
        v = str(row.get(c, ""))
        return specs[c].options.get(v, v) if specs and c in specs else v

    if table == "memberships":
        return f"{say('org_id')} · {say('iso3')} · {say('status')} · {row['start']}"
    if table == "relations":
        arrow = "→" if str(row.get("directed")) == "true" else "–"
        return f"{say('kind')} · {say('iso3_a')} {arrow} {say('iso3_b')} · {row['start']}"
    return f"{say('kind')} · {row.get('name') or row['participants']} · {row['start']}"


def evidence_html(text: str, evidence: str, locator: str) -> str:
    """The paragraph holding ``evidence``, escaped, with ``locator`` in ``<mark>``.

    Found by whitespace-folded matching; when the evidence is not in ``text`` (edited), the
    evidence itself is shown. Nothing of ``text`` is ever passed on unescaped.
    """
    para = _paragraph(text, evidence) or evidence
    flat = " ".join(para.split())
    if not locator or locator not in flat:
        return f'<div class="atlas-evidence">{esc(flat)}</div>'
    i = flat.index(locator)
    return (f'<div class="atlas-evidence">{esc(flat[:i])}<mark>{esc(locator)}</mark>'
            f"{esc(flat[i + len(locator):])}</div>")


def _paragraph(text: str, evidence: str) -> str:
    want = " ".join(evidence.split())
    if not want:
        return ""
    for para in re.split(r"\n\s*\n|\n", text):
        if want in " ".join(para.split()):
            return para
    return ""
