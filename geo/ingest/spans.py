"""Spans of a parsed text: sentences as the rules read them, a token's role in its clause, and
the short verbatim locator of a fact (split from :mod:`geo.ingest.extract`, which uses them)."""

from __future__ import annotations

import re

__all__ = ["dep", "locator", "sentences"]

_FINAL = re.compile(r"[.!?…][\s»”\"')]*$")
_WORD = re.compile(r"[^\s]+")


def dep(token) -> str:
    """The token's role in its clause: a conjunct ("la Russie, la Chine et l'Iran") and a
    flat name part take the role of the word they hang on."""
    for _ in range(4):
        if token.dep_ not in ("conj", "flat:name", "appos") or token.head is token:
            break
        token = token.head
    return token.dep_


def locator(text: str, sentence: tuple[int, int], anchor: tuple[int, int]) -> str:
    """2–8 words copied verbatim from ``text``, around ``anchor`` and inside ``sentence``."""
    s0, s1 = sentence
    words = [(m.start() + s0, m.end() + s0) for m in _WORD.finditer(text[s0:s1])]
    if not words:
        return ""
    hit = [i for i, (a, b) in enumerate(words) if b > anchor[0] and a < anchor[1]] or [0]
    i, j = hit[0], min(hit[-1], hit[0] + 5)
    while j - i + 1 < 3 and (i > 0 or j < len(words) - 1):
        if j < len(words) - 1:
            j += 1
        else:
            i -= 1
    a, b = words[i][0], words[j][1]
    phrase = text[a:b]
    if "\n" in phrase:  # stay on one line: keep the part holding the anchor
        parts = [(a + k.start(), a + k.end()) for k in re.finditer(r"[^\n]+", phrase)]
        a, b = next(((x, y) for x, y in parts if y > anchor[0]), parts[0])
        phrase = text[a:b]
    return phrase.strip(" ,;:.()«»\"“”'’")


def sentences(doc) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a parsed paragraph; a split with no full stop before it
    (the model cuts at « quotes » and some abbreviations) is undone."""
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        a, b = sent.start_char, sent.end_char
        if spans and not _FINAL.search(doc.text[spans[-1][0]:spans[-1][1]]):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans
