"""One article in, candidate rows out: the checks on the input and the steps in order.

Shared by the command (``python -m geo.ingest``) and the "Add an article" page, so both refuse
the same inputs with the same words: a person must never see a traceback for a bad file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from geo import config
from geo.ingest import names, nlp, rows, when
from geo.ingest.extract import extract

__all__ = ["MAX_BYTES", "MAX_PASTE_CHARS", "InputError", "Result", "dateline", "decode",
           "first_title", "ingest", "next_source_id", "write"]

MAX_BYTES = 1_000_000  # a long press article is ~50 kB; a megabyte is a book chapter
#: the page's paste box: the browser sends widget values of at most 2 MB in all
#: (``server.maxWidgetStateSize``), so a pasted text is held to what fits at 4 bytes a character;
#: the box cuts a longer paste and the page then refuses it (upload the file instead)
MAX_PASTE_CHARS = 400_000
_PLACE = re.compile(r"(?:[^\W\d][\w'’. -]{0,38},\s*(?:le\s+)?)?", re.I)
_HTML = re.compile(r"<\s*(?:html|body|head|div|p|span|script|style|table|a\s)[\s>]", re.I)


class InputError(ValueError):
    """Input the command cannot use; the message says why, in one line."""


@dataclass
class Result:
    """What one article gave: rows per table, its ``sources.csv`` row, language and text."""

    rows: dict[str, list[dict[str, str]]]
    source: dict[str, str]
    lang: str
    text: str
    dated_by: str = ""  # the dateline the publication date was read from, when none was given


def decode(raw: bytes) -> str:
    """The article's text, or :class:`InputError` saying what is wrong with the bytes."""
    if not raw.strip():
        raise InputError("the article is empty")
    if len(raw) > MAX_BYTES:
        raise InputError(f"the article is too large ({len(raw) / 1e6:.1f} MB; "
                         f"the limit is {MAX_BYTES / 1e6:.0f} MB of text)")
    if b"\x00" in raw[:65536]:
        raise InputError("this is a binary file, not plain text (it holds NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start}); "
                         "save the article as UTF-8 plain text") from None
    if len(_HTML.findall(text)) >= 3:
        raise InputError("this looks like HTML; paste or save the article's text, not the page "
                         "source")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def next_source_id(data_dir: str | Path | None = None) -> str:
    """The next free ``art-NNN`` of ``sources.csv``."""
    ids = [r["source_id"] for r in rows.read_table("sources", data_dir)]
    nums = [int(m.group(1)) for i in ids if (m := re.fullmatch(r"art-(\d+)", i))]
    return f"art-{max(nums, default=-1) + 1:03d}"


def ingest(raw: bytes, *, name: str = "article.txt", published: str | None = None,
           lang: str | None = None, source_id: str | None = None, title: str | None = None,
           outlet: str = "", data_dir: str | Path | None = None) -> Result:
    """Check ``raw``, find its candidates and build their rows and the source row."""
    text = decode(raw)
    try:
        pub, precision = when.parse_published(published)
    except ValueError as e:
        raise InputError(str(e)) from None
    if lang not in (None, "", "fr", "en"):
        raise InputError(f"language must be fr or en, not {lang!r}")
    dated_by = ""
    if pub is None and (line := dateline(text)):
        published, dated_by = line
        pub, precision = when.parse_published(published)
    dd = str(data_dir) if data_dir else None
    if not names.countries(text, dd) and not names.organizations(text, dd):
        raise InputError("the text names no country and no organization the Atlas knows; "
                         "nothing to extract")
    lang = lang or nlp.detect_language(text)
    sid = source_id or next_source_id(dd)
    cands = extract(text, lang, pub, precision, dd)
    note = "Candidate rows from geo.ingest; to be reviewed."
    if dated_by:
        note += f" Publication date read from the dateline ({dated_by!r}): check it."
    elif pub is None:
        note += " No publication date given: relative dates were left empty."
    source = {"source_id": sid, "kind": "article", "title": title or first_title(text, name),
              "outlet": outlet, "published": published or "", "language": lang, "url": "",
              "file": name, "note": note}
    return Result(rows.to_rows(cands, text, sid, dd), source, lang, text, dated_by)


def dateline(text: str) -> tuple[str, str] | None:
    """(``YYYY-MM-DD``, the words) of a full date opening the article ("Astana, 2 March 2026.",
    "BICHKEK, le 3 mars 2025 –"), which a wire piece gives as its publication date."""
    head = text.lstrip()[:160]
    cut = re.search(r"[.—–:]\s|\n|\(", head)
    head = head[:cut.start()] if cut else head
    full = [f for f in when.find(head) if len(f.value) == 10 and not f.relative and not f.until]
    # only a place (a few words and a comma) may come before it: else it is a fact's date
    if not full or not _PLACE.fullmatch(head[:full[0].start]):
        return None
    return full[0].value, head[:full[0].end].strip()


def first_title(text: str, fallback: str) -> str:
    """The first line when it reads as a title; else its first sentence, cut at a word."""
    first = next((line.strip() for line in text.splitlines() if len(line.strip()) > 3), fallback)
    if len(first) <= 150:
        return first
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= 150 else sentence[:150].rsplit(" ", 1)[0] + " …"


def write(result: Result, out: Path, data_dir: str | None = None) -> None:
    """The candidate CSVs and ``sources.csv`` into ``out``."""
    rows.write(result.rows, result.source, Path(out), data_dir or str(config.data_dir()))
