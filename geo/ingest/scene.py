"""Who an event belongs to when the sentence does not say it plainly: a summit's host, a
country moving its own troops at home.

``s`` is a sentence as :mod:`geo.ingest.extract` reads it (its text, countries, actors, places,
organizations and cues).
"""

from __future__ import annotations

import re

from geo.ingest import direction, hedges, names
from geo.ingest.kinds import Trigger
from geo.ingest.places import Place
from geo.ingest.scope import ORIGIN

__all__ = ["drill_name", "home_moves", "summit_parties", "three_drill"]


_HOSTS = re.compile(r"\s+(?:(?:had|has|have) )?(?:hosted|hosts|played host|a accueilli|"
                    r"accueille|accueillait|avait accueilli|was host|était l['’]hôte)(?![\w])",
                    re.I)


def summit_parties(s, place: Place | None, parties: list[str]) -> list[str]:
    """A summit's host (its town's country) first; a summit that is only the setting of a
    status ("admitted at the summit in Baku", "lors du sommet de juillet") has the host alone,
    and none when no town names it: the admitted country did not hold it."""
    host = [place.iso3] if place else [  # "Budapest hosted the summit": its host
        m.code for m in s.actors if _HOSTS.match(s.text, m.end)][:1]
    if any(c.table == "memberships" for c in s.cues):
        return host
    return host + [c for c in parties if c not in host]


#: a destination at home: "vers le sud du pays", "to the country's north", "its own border",
#: "from the Lebap region"
_HOME = re.compile(r"(?<![\w])(?:(?:du|of the) pays|of the country|the country['’]s|"
                   r"(?:à l['’]|de l['’])intérieur|inland|within the country|"
                   r"(?:sa|ses|its|their) (?:own |propres? )?(?:[\w-]+ )?(?:frontières?|borders?|"
                   r"régions?|regions?|provinces?|positions?)|"
                   r"(?:region|province|oblast|district)s? of)(?![\w])|"
                   r"(?<![\w])(?:région|province|oblast|district|vilayet)s? (?:de |du |d['’])|"
                   # a destination named, no other country in the sentence: "vers le
                   # Sourkhan-Daria", "towards the Fergana valley", "to Termez"
                   r"(?<![\w])(?:vers|towards?|jusqu['’]à|en direction d(?:e|u|es))\s+"
                   r"(?:le |la |l['’]|les |the )?(?-i:[A-ZÀ-Ý])", re.I)


_GOAL_AFTER = re.compile(r"[^.;:]{0,20}?(?<![\w])(?:to|into|towards|vers|jusqu)(?![\w])", re.I)


def home_moves(s) -> list[Trigger]:
    """A troop movement of one country with no other named (and no capital or town abroad): a
    redeployment at home ("l'armée a redéployé des unités vers le sud du pays"), an event."""
    foreign = {p.iso3 for p in s.places} | {m.code for m in s.countries}
    sides = {c for c in foreign if direction.across_border(s, c)  # "its border with X",
             or direction.only_border_side(s, c)}  # "vers la frontière afghane"
    foreign -= sides
    starts = {m.start for m in s.countries}  # "vers la Russie" is abroad, not at home
    goals = [p for p in s.places  # "travelled from Osh": an origin says nothing of the goal
             if not ORIGIN.search(s.text, max(0, p.start - 25), p.start)
             or _GOAL_AFTER.match(s.text, p.end)]  # "from Osh to the Batken region": home
    home = bool(sides) or any(h.end() - 1 not in starts for h in _HOME.finditer(s.text)) or (
        goals and {p.iso3 for p in goals} == foreign)  # "près de Termez": its own town
    if len(foreign) != 1 or s.orgs or not home:
        return []
    return [Trigger("events", "deployment", "trigger", c.start, c.end) for c in s.cues
            if c.kind == "troop_movement" and not hedges.link_hedged(s.text, c.kind, c.start)][:1]


_CAP = r"[A-Z][\w'’-]+"
#: a drill's own name ("the Steppe Eagle exercise", "l'exercice Frontière"), not a country
_DRILL_NAME = re.compile(rf"(?<![\w])((?:{_CAP} ){{1,3}})(?:exercises?|drills?|manoeuvres)"
                         rf"|(?:exercices?|manœuvres|exercises?|drills?)"
                         rf"(?: militaires?| conjoint\w*| commun\w*)? "
                         rf"((?:{_CAP}(?: |$|(?=[,.;)]))){{1,3}})")


def drill_name(s) -> str:
    """The name of an exercise the sentence names, if any (a name that is no country's)."""
    for m in _DRILL_NAME.finditer(s.text):
        name = (m.group(1) or m.group(2)).strip()
        words = name.split()
        if words[0] in ("The", "A", "An", "Joint", "Military") or names.countries(name):
            continue
        return name
    return ""


#: a list that says who a drill was "with": the partners of the one named before
_WITH_LIST = re.compile(r"(?<![\w])(?:with|avec|alongside|aux côtés d(?:e|u|es|['’])|"
                        r"together with|et de|and of)\s+(?:[\w'’-]+\s+){0,4}$", re.I)


def three_drill(s, cues: list[Trigger]) -> bool:
    """Whether three or more countries drilled together: named before a drill cue ("Troops
    from A, B and C trained together"), or listed after it as the drill's troops ("ces
    manœuvres ont réuni des soldats A, B et C", "the drills brought together troops of A, B
    and C"): one event, not three links (not "A drills with B, C, D")."""
    for c in cues:
        if len(direction.distinct([m for m in s.actors if m.start < c.start])) >= 3:
            return True
        after = [m for m in s.actors if m.start > c.start]
        if any(m.start < c.start for m in s.actors) or len(after) < 3:
            continue
        run = [after[0]]  # the list right after the cue, its items joined by commas and "and"
        for m in after[1:]:
            if s.listed(run[-1], m) or m.code == run[-1].code:
                run.append(m)
            else:
                break
        head = s.text[max(0, run[0].start - 40):run[0].start]
        if len(direction.distinct(run)) >= 3 and not _WITH_LIST.search(head):
            return True
    return False
