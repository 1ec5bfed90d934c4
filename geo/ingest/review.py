"""Candidates in the review table and back: frames for ``st.data_editor``, the accepted rows,
and the evidence with its locator highlighted, escaped.

Kept apart from the page so it can be tested without Streamlit: the page only draws.
"""

from __future__ import annotations

import re

import pandas as pd

from geo.ingest.rows import EXTRA, TABLES, columns
from geo.markup import esc

__all__ = ["ACCEPT", "accepted", "evidence_html", "frames", "label", "tick_all"]

ACCEPT = "accept"


def frames(rows: dict[str, list[dict]], data_dir: str | None = None) -> dict[str, pd.DataFrame]:
    """One text frame per table: ``accept`` first (off: a person accepts each row), then the
    table's columns, ``confidence`` and ``evidence``."""
    out = {}
    for table in TABLES:
        cols = [*columns(table, data_dir), *EXTRA]
        df = pd.DataFrame(rows.get(table, []), columns=cols).fillna("").astype(str)
        df.insert(0, ACCEPT, False)
        out[table] = df
    return out


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


def label(table: str, row: dict) -> str:
    """A short name for a candidate in a picker."""
    if table == "memberships":
        return f"{row['org_id']} · {row['iso3']} · {row['status']} · {row['start']}"
    if table == "relations":
        return f"{row['relation_id']} · {row['kind']} · {row['iso3_a']}→{row['iso3_b']}"
    return f"{row['event_id']} · {row['kind']} · {row['participants']}"


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
