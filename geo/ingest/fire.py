"""Who fired first in a border clash: the side the fire came from, was fired by, was accused
of it or admitted it, when the other side is not named the same way (then it stays
undirected: each blames the other)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from geo.ingest.kinds import Trigger

if TYPE_CHECKING:
    from geo.ingest.extract import _Sentence

__all__ = ["shooter"]


def shooter(s: _Sentence, cue: Trigger, a: str, b: str) -> str | None:
    """Who fired, in a clash between ``a`` and ``b``: the one the fire came from or was fired
    by ("tirées depuis la rive afghane", "shots fired from Tajik territory", "by Kyrgyz
    guards") when the other is not also named as a source (then each blames the other)."""
    if not cue.kind.endswith("conflict"):
        return None
    accused = [m.code for m in s.actors if m.code in (a, b)
               and _ACCUSED.search(s.text, max(0, m.start - 40), m.start)]
    if len(set(accused)) == 1:  # "accused Kyrgyz troops of shelling": they fired
        return accused[0]
    roles = s.roles(cue)
    src = [c for c in (a, b) if roles.get(c) in ("from", "by")]
    hit = {m.code for m in s.actors if m.code in (a, b) and m.start > cue.start
           and _FIRED_ON.search(s.text, max(0, m.start - 40), m.start)}
    if not src and len(hit) == 1:  # "ont ouvert le feu sur un village tadjik": fired at them
        src = [c for c in (a, b) if c not in hit]
    firing = {m.code for m in s.actors if m.code in (a, b) and _FIRED_BY.match(s.text, m.end)}
    if not src and not hit and len(firing) == 1 and _OWNED.search(s.text):  # "Afghan fighters
        src = list(firing)  # have fired …, Kabul admitted": the subject, when it is confirmed
    return src[0] if len(src) == 1 else None


#: the side fired at: "ouvert le feu sur un village tadjik", "fired on Tajik positions"
_FIRED_ON = re.compile(r"(?:feu|tiré\w*|fired|fire|shell\w*|bombard\w*|pilonn\w*|attack\w*|"
                       r"attaqu\w*)\s+(?:sur|contre|on|at|against|upon)\s+(?:[\w-]+\s+){0,3}$",
                       re.I)


#: the subject of a fire verb: "Afghan fighters have fired", "des talibans ont tiré"
_FIRED_BY = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:have |has |had |ont |a |avaient )?"
                       r"(?:fired|opened fire|shelled|tiré|ouvert le feu|pilonné|bombardé)(?![\w])",
                       re.I)


_OWNED = re.compile(r"(?<![\w])(?:admit\w*|acknowledg\w+|confirm\w*|reconn\w+|revendiqu\w+|"
                    r"claimed responsibility|assum\w+ responsibility)(?![\w])", re.I)


#: the side blamed: "accused Kyrgyz troops of", "accuse les troupes kirghizes d'avoir", "blamed
#: the Taliban for", "en a imputé la responsabilité aux talibans"
_ACCUSED = re.compile(r"(?<![\w])(?:accus\w*|blam\w*|imput\w*[^.,;]{0,25}?(?:à|aux|au)|"
                      r"attribu\w*[^.,;]{0,25}?(?:à|aux|au)|held)\s+(?:the |les |la |le |l['’])?"
                      r"(?:[\w-]+\s+){0,2}?$", re.I)
