"""One cleaning step for text from outside: a deck, the URL, a table, a form.

Such text may hold what no reader means and what breaks or fools the app: lone surrogates
(valid JSON, ``"\\ud800"``, but not encodable, so Streamlit's protobuf raises), control
characters, and bidirectional overrides and isolates (which reverse how the following text is
displayed, e.g. a file name ``exe.txt`` shown for ``txt.exe``). They are removed, a lone
surrogate becomes U+FFFD; line breaks (CR, CRLF, U+2028...) become ``\\n`` or, for one-line
text, a space; tabs stay. Everything else is kept as it is. Cleaned text is still
*text*: showing it as text (never HTML or Markdown) remains the job of whoever shows it.
"""

from __future__ import annotations

import re

__all__ = ["clip", "clean", "deep_clean", "one_line"]

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BREAK = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
#: C0 but tab and newline, DEL, C1, bidi marks, embeddings, overrides and isolates,
#: and the two non-characters U+FFFE and U+FFFF
_DROP = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f"
                   r"\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` without lone surrogates, control characters or bidi controls; ``\\n`` breaks."""
    if text.isascii() and text.isprintable():
        return text  # the common case, at once
    text = _SURROGATE.sub("\ufffd", text)
    text = _BREAK.sub("\n", text)
    return _DROP.sub("", text)


def one_line(text: str) -> str:
    """:func:`clean`, with every line break and tab a space (a URL value, a name in a notice)."""
    return clean(text).replace("\n", " ").replace("\t", " ")


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with ``…`` when cut (a value echoed in a notice)."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def deep_clean(value: object) -> object:
    """Every string in a parsed JSON value cleaned (keys included); other values kept."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [deep_clean(v) for v in value]
    if isinstance(value, dict):
        return {clean(k) if isinstance(k, str) else k: deep_clean(v) for k, v in value.items()}
    return value
