"""The one CSV writer of every download (Relations, Compare, the map's Export panel).

Data text comes from articles and contributions, so a cell may hold what a spreadsheet runs as a
formula: ``=HYPERLINK(...)``, ``+cmd|' /C calc'!A0``, ``@SUM(...)``, ``-2+3``. Guarding only the
first character is not enough: a bare carriage return inside a cell is left unquoted by a
minimal-quoting writer, and a spreadsheet then starts a new row there, with a live formula. So:

- every text cell is quoted (numbers are not: they stay numbers);
- line breaks inside a cell become ``\\n`` (CR, CRLF, U+2028... :func:`geo.clean.clean`), and
  control and bidi characters go;
- each line of a cell that would start a formula, after any spaces or tabs (``=``, ``+``, ``-``,
  ``@`` and their full-width forms), gets a leading ``'``, which spreadsheets show as text;
- UTF-8 with a byte-order mark, so spreadsheet programs read the accents right.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from geo.clean import clean

__all__ = ["FORMULA_LEADS", "guard", "to_csv"]

#: first characters a spreadsheet reads as the start of a formula
FORMULA_LEADS = "=+-@\uff1d\uff0b\uff0d\uff20"
_LEAD = re.compile(rf"^([ \t]*)(?=[{re.escape(FORMULA_LEADS)}])", re.MULTILINE)


def guard(value: object) -> object:
    """A cell as it may go into a CSV file: text cleaned and defused, anything else as it is."""
    if not isinstance(value, str):
        return value
    return _LEAD.sub(lambda m: "'" + m.group(1).replace("\t", " "), clean(value))


def to_csv(table: pd.DataFrame) -> bytes:
    """``table`` (header and rows, no index) as guarded CSV bytes."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow([guard(str(c)) for c in table.columns])
    for row in table.itertuples(index=False, name=None):
        writer.writerow([_plain(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def _plain(value: object) -> object:
    """Numbers as numbers, missing values empty, everything else as guarded text."""
    if value is None or (not isinstance(value, str | tuple | list) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    if hasattr(value, "item") and isinstance(value.item(), int | float):  # numpy scalars
        return value.item()
    return guard(str(value))
