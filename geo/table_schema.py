"""What ``datapackage.json`` says a table is: its shape checked, and one cell typed by its field.

Types, enums, patterns, ranges and keys are read from the descriptor; a descriptor not shaped as
the loader reads it is refused here, with the part that is malformed named.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo import config, dates

__all__ = ["DESCRIPTOR", "FALSE", "PERIODS", "TABLES", "TRUE", "check_schema", "is_date",
           "names", "relative", "shipped_resources", "value"]

DESCRIPTOR = "datapackage.json"
TABLES = ("sources", "countries", "organizations", "memberships", "relations", "events")
PERIODS = (("start", "end"), ("founded", "dissolved"))  # opening and closing date columns
TRUE, FALSE = ("true", "True", "TRUE", "1"), ("false", "False", "FALSE", "0")  # Frictionless

_FIELD = {"type": str, "constraints": dict, "trueValues": list, "falseValues": list}
_CONSTRAINT = {"required": bool, "unique": bool, "enum": list, "pattern": str,
               "minimum": int | float, "maximum": int | float}


def names(x: Any) -> list[str]:
    """A key's columns as a list: the descriptor allows one name or a list of names."""
    return [x] if isinstance(x, str) else list(x or [])


def relative(name: str) -> bool:
    """``name`` is a relative path that does not climb out of its folder (no absolute path,
    no ``..``): a descriptor or a source may not make the app read (and print in its public
    banner) ``/etc/passwd``. Links placed in the folder itself are the folder owner's choice
    (the tests link the shipped borders)."""
    if not isinstance(name, str) or not name or "\x00" in name:
        return False
    p = Path(name)
    return not (p.is_absolute() or p.anchor or ".." in p.parts)


def is_date(f: dict) -> bool:
    """The field holds an ISO 8601 date at its known precision (see :mod:`geo.dates`)."""
    return f.get("constraints", {}).get("pattern") == dates.PATTERN


# a plain lru_cache, not geo.memo: the shipped descriptor, read once per process; no Atlas
@lru_cache(maxsize=1)
def shipped_resources() -> dict[str, dict]:
    """The shipped descriptor's tables by name: their columns when a folder's own descriptor
    is missing or unreadable, so pages get empty tables instead of failing on a column."""
    try:
        desc = json.loads((config.REPO / "data" / DESCRIPTOR).read_text("utf-8"))
        return {r["name"]: r for r in desc["resources"] if "schema" in r}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _number(kind: str, text: str) -> float | int:
    try:
        v = float(text) if kind == "number" else int(text)
        if not math.isfinite(v):
            raise ValueError
        return v
    except ValueError:
        raise ValueError(f"{text!r} is not a{'n' * (kind == 'integer')} {kind}") from None


def value(f: dict, text: str) -> Any:
    """The typed cell; ValueError says which constraint of the field it breaks."""
    c, kind = f.get("constraints", {}), f.get("type", "string")
    if text == "":
        if c.get("required"):
            raise ValueError("required value missing")
        return None
    v: Any = text
    if kind in ("number", "integer"):
        v = _number(kind, text)
    elif kind == "boolean":
        true, false = f.get("trueValues", TRUE), f.get("falseValues", FALSE)
        if text not in (*true, *false):
            raise ValueError(f"{text!r} is not a boolean ({true[0]} or {false[0]})")
        v = text in true
    if "enum" in c and v not in c["enum"]:
        raise ValueError(f"{text!r} is not one of {', '.join(map(str, c['enum']))}")
    if is_date(f):
        return dates.parse(text)
    if "pattern" in c and not re.fullmatch(c["pattern"], text, re.ASCII):  # \d: 0-9 only
        raise ValueError(f"{text!r} does not match {c['pattern']}")
    lo, hi = c.get("minimum"), c.get("maximum")
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        lo, hi = ("" if x is None else x for x in (lo, hi))
        raise ValueError(f"{v!r} out of range [{lo}, {hi}]")
    return v


def _need(ok: Any, what: str) -> None:
    if not ok:
        raise TypeError(f"{what} is malformed")


def _check_field(f: dict) -> None:
    c = f.get("constraints", {})
    for part, shapes in ((f, _FIELD), (c if isinstance(c, dict) else {}, _CONSTRAINT)):
        for key, kind in shapes.items():  # (True is an int, not a number here)
            v = part.get(key)
            _need(key not in part or isinstance(v, kind) and (kind is bool) == isinstance(
                v, bool), f"{f['name']}.{key}")
    for values in (f.get("trueValues", TRUE), f.get("falseValues", FALSE)):
        _need(values and all(isinstance(v, str) for v in values), f"{f['name']} true/false")
    try:
        re.compile(c.get("pattern", ""))
    except re.error:
        _need(False, f"{f['name']}.pattern")


def check_schema(name: Any, path: Any, schema: Any) -> None:
    """TypeError naming the first part of a resource not shaped as the loader reads it."""
    _need(isinstance(name, str) and isinstance(path, str), "name or path")
    _need(isinstance(schema, dict) and isinstance(schema.get("fields"), list), "schema.fields")
    cols = [f.get("name") if isinstance(f, dict) else None for f in schema["fields"]]
    _need(all(isinstance(n, str) and n for n in cols) and len(set(cols)) == len(cols), "names")
    for f in schema["fields"]:
        _check_field(f)
    fks = schema.get("foreignKeys", [])
    _need(isinstance(fks, list) and all(isinstance(fk, dict) for fk in fks), "foreignKeys")
    keys = [schema.get("primaryKey", []), *(fk.get("fields") for fk in fks)]
    _need(all(isinstance(k, str | list) and set(names(k)) <= set(cols) for k in keys), "keys")
    for fk in fks:
        ref = fk.get("reference")
        _need(isinstance(ref, dict) and isinstance(ref.get("resource", ""), str), "reference")
        to = names(ref.get("fields"))
        _need(all(isinstance(x, str) for x in to) and 0 < len(to) == len(names(fk["fields"])),
              "reference.fields")
