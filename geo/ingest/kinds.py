"""What a sentence says happened: kinds of links, events and membership statuses, and who did
it to whom.

The cues are regular expressions in ``lexicon/kinds.csv`` (per table, kind and language); the
kinds are the data's own vocabulary (``datapackage.json`` enums). Direction comes from the
sentence's structure: the grammatical subject (spaCy's parse, where there is one), adjectives on
the trigger (``agression russe``), possessives (``Russia's base``), and the prepositions before a
country (``auprès de`` / ``from`` mark a source; ``à`` / ``to`` / ``contre`` a goal).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from geo.ingest import when
from geo.ingest.names import LEXICON, Mention

__all__ = ["DIRECTED", "Trigger", "role", "settle", "statuses", "troops", "triggers"]

#: kinds whose rows are directed (a → b); the others are symmetric
DIRECTED = {"arms_transfer", "military_presence", "troop_movement", "population_movement"}
_ARTICLE = r"(?:la |le |l['’]|les |the |d['’]|de la |du |des )?"
_STATUS_ORDER = ("suspended", "exit", "observer", "partner", "member")


@dataclass(frozen=True)
class Trigger:
    """A cue for a kind: its table, kind, cue type (trigger, give, get, need) and span."""

    table: str
    kind: str
    cue: str
    start: int
    end: int


# a plain cache, not geo.memo: a shipped lexicon, read once per process
@cache
def _classes() -> dict[tuple[str, str], str]:
    """(NAME, lang) → the alternation of a word class (``lexicon/classes.csv``): troops,
    movements, drills, fire, borders. A cue names a class as ``<NAME>``, so one family of
    nouns or verbs serves every cue that needs it and grows in one place."""
    with (LEXICON / "classes.csv").open(encoding="utf-8", newline="") as f:
        return {(r["name"], r["lang"]): r["pattern"] for r in csv.DictReader(f)}


def _expand(pattern: str, lang: str) -> str:
    """``pattern`` with each ``<NAME>`` replaced by its class for ``lang``."""
    return re.sub(r"<([A-Z_]+)>", lambda m: f"(?:{_classes()[m.group(1), lang]})", pattern)


# a plain cache, not geo.memo: a shipped lexicon, read once per process
@cache
def _lexicon() -> list[tuple[str, str, str, str, re.Pattern]]:
    with (LEXICON / "kinds.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        flags = re.I if r["table"] != "direction" else 0
        pattern = _expand(r["pattern"], r["lang"])
        pattern = pattern.replace("['’]", "'").replace("'", "['’]")  # either apostrophe
        body = rf"(?<![\w])(?:{pattern})" if r["table"] != "direction" else \
            rf"(?<![\w])(?:{pattern})\s+{_ARTICLE}$"
        out.append((r["table"], r["kind"], r["lang"], r["cue"], re.compile(body, flags)))
    return out


#: an adverb inside a verb group: "a officiellement quitté", "has formally joined", "ont déjà
#: livré", "were quietly flown": the cues are read with it left out
_ADVERB = re.compile(r"(?<![\w])(?:a|ont|avait|avaient|est|sont|était|étaient|été|s['’]est|"
                     r"se sont|has|have|had|was|were|is|are|been)((?:\s+(?:\w+ment|\w+ly|déjà|"
                     r"encore|aussi|enfin|bien|also|already|finally|just|now|since|then|"
                     r"soon|once|ensuite|alors))+)(?=\s)", re.I)


#: a date inside a clause ("ont convenu le 8 février du tracé", "agreed on 8 February on the
#: alignment of"): the cues are also read with it left out, like an adverb
_DATE = re.compile(rf"\s+(?:on|le|en|in|au|du|at the end of|à la fin de)\s+(?:(?:\d{{1,2}}"
                   rf"(?:er)?|mi-|début|fin|early|late|mid-)\s*)?{when.MONTHS}(?:\s+\d{{4}})?"
                   rf"(?=[\s,])|,?\s+(?:last|this|next) (?:week|month|year)(?=[\s,])")


# a plain cache, not geo.memo: a pattern built once from the shipped word classes
@cache
def troops() -> re.Pattern:
    """Troop nouns of both languages (class TROOPS)."""
    both = "|".join(_classes()["TROOPS", lang] for lang in ("fr", "en"))
    return re.compile(rf"(?<![\w])(?:{both})(?![\w])", re.I)


# a plain cache, not geo.memo: a pattern built once from the shipped word classes
@cache
def _office(lang: str) -> re.Pattern:
    """Troops named only as what an office is in charge of: "France's armed forces minister",
    "le ministre des Forces armées", "the border guards' commander", "chef d'état-major des
    troupes" (class OFFICE): a title, not soldiers on the move."""
    office, troops = _classes()["OFFICE", lang], _classes()["TROOPS", lang]
    return re.compile(rf"(?<![\w])(?:{office})\s+(?:des|de la|du|de l['’]|d['’]|of the|of)\s*"
                      rf"(?:[\w-]+\s+)?(?P<a>{troops})(?![\w])|(?<![\w])(?:armed\s+)?"
                      rf"(?P<b>{troops})(?:['’]s?)?\s+(?:{office})(?![\w])", re.I)


def _mask_offices(text: str, lang: str) -> str:
    """``text`` with the troop nouns of office titles blanked (same length, same offsets)."""
    def blank(m: re.Match) -> str:
        g = "a" if m.group("a") else "b"
        a, b = m.start(g) - m.start(), m.end(g) - m.start()
        return m.group()[:a] + "x" * (b - a) + m.group()[b:]
    return _office(lang).sub(blank, text)


def triggers(text: str, lang: str) -> list[Trigger]:
    """Every cue of ``lang`` (``fr`` or ``en``) in ``text``, left to right, read in the text
    as written and again with the adverbs of its verb groups left out (positions mapped back
    to the text as written). Troop nouns that only name an office are read as no troops."""
    text = _mask_offices(text, lang)
    pats = [(table, kind, cue, pat) for table, kind, lg, cue, pat in _lexicon()
            if table != "direction" and lg == lang]
    out = {(table, kind, cue, m.start(), m.end()) for table, kind, cue, pat in pats
           for m in pat.finditer(text)}
    cut = [m.span(1) for m in _ADVERB.finditer(text)
           if not re.fullmatch(r"\s*(?:only|early|Italy|July|daily|monthly|weekly|yearly)",
                               m.group(1), re.I)] + [m.span() for m in _DATE.finditer(text)]
    cut.sort()
    if cut:
        keep = [i for i in range(len(text)) if not any(a <= i < b for a, b in cut)]
        squeezed = "".join(text[i] for i in keep)
        out |= {(table, kind, cue, keep[m.start()], keep[m.end() - 1] + 1)
                for table, kind, cue, pat in pats for m in pat.finditer(squeezed) if m.end()}
    return sorted((Trigger(*o) for o in out), key=lambda t: (t.start, t.end, t.kind))


def statuses(found: list[Trigger]) -> list[str]:
    """Membership statuses cued, the strongest first: a suspension is not an exit, and an
    observer is not a member even though "membre observateur" names both."""
    cued = {t.kind for t in found if t.table == "memberships"}
    if "suspended" in cued:
        return ["suspended"]
    if "observer" in cued:
        return ["observer"]
    return [s for s in _STATUS_ORDER if s in cued][:1]


#: the noun a French adjective follows, with one more adjective or an elided article before it:
#: "par l'industriel turc", "aux forces aériennes kazakhes", "à l'armée de l'air kazakhe"
_NOUN_BEFORE = re.compile(r"(?:(?<=['’])|(?<![\w'’-]))[\w-]{3,}\s+(?:de l['’]air\s+|de terre\s+|"
                          r"de mer\s+|du génie\s+|[\w-]{3,}\s+)?$")


#: a country's own ground named by its possessive: "Kyrgyzstan's southern border", "Iran's
#: airspace", "on Tajikistan's territory"
_OWN_GROUND = re.compile(r"['’]s\s+(?:[\w-]+\s+)?(?:border|frontier|airspace|territory|soil|"
                         r"coast|waters)(?![\w])", re.I)


def role(text: str, m: Mention, lang: str, dep: str = "", near_trigger: bool = False) -> str:
    """``from``, ``to``, ``agent`` (subject, possessive, adjective on the trigger), ``by`` (a
    passive's doer), ``patient`` (a passive's subject), else ``""``.

    ``text`` is the sentence, ``m`` a mention in its coordinates, ``dep`` the dependency label
    spaCy gave the mention's head word (empty without a parser).
    """
    before = text[max(0, m.start - 30):m.start]
    # a French adjective follows its noun: "tirées depuis la rive afghane" is "from Afghanistan"
    noun = _NOUN_BEFORE.sub("", before) if m.kind == "adjective" and lang == "fr" else before
    for table, _kind, lg, _cue, pat in _lexicon():
        if table == "direction" and lg == lang and (pat.search(before) or pat.search(noun)):
            return _kind
    if dep == "nsubj:pass":  # "le Kazakhstan a été équipé … par": the doer is elsewhere
        return "patient"
    if _OWN_GROUND.match(text, m.end):  # "patrol Kyrgyzstan's southern border": a place
        return ""
    if dep.startswith("nsubj") or text.startswith(("'s", "’s"), m.end):
        return "agent"
    if m.kind in ("adjective", "leader", "capital") and near_trigger:
        return "agent"
    return ""


def _overlap(a: Trigger, b: Trigger) -> bool:
    return a.start < b.end and b.start < a.end


_TALKS = re.compile(r"meeting|réuni|talks|pourparlers|négociations|negotiations|session|"
                    r"convened|gathered", re.I)


#: "transférés depuis la base de Kant", "moved from the Kant air base": equipment moved
#: between a country's own bases, not a sale
_FROM_A_BASE = re.compile(r"\w*\s+(?:\w+\s+){0,2}?(?:depuis|from|out of|hors de)\s+"
                          r"(?:la |the |leur |their |sa |its |une |a )?(?:[\w-]+\s+){0,2}?"
                          r"(?:base|airbase|airfield)", re.I)


_ARRIVAL = re.compile(r"touched down|landed|arriv|atterri|était|étaient|se trouvai|séjourn|"
                      r"fl[eo]wn? to|spent|stayed|(?:was|were) in", re.I)
_TROOPS_BEFORE = re.compile(r"(?<![\w])(?:troupes|soldats|militaires|troops|soldiers|forces|"
                            r"contingents?|bataillons?|battalions?|units|unités)(?![\w])"
                            r"[^.;]*$", re.I)
#: what a hosting or receiving verb may take as its object when it is no visit
_NOT_GUESTS = ("military_presence", "troop_movement", "arms_transfer", "joint_exercise")


# a plain cache, not geo.memo: a pattern built once from the shipped word classes
@cache
def _troops() -> re.Pattern:
    both = "|".join(_classes()["TROOPS", lang] for lang in ("fr", "en"))
    return re.compile(rf"[^.,;]{{0,25}}?(?<![\w])(?:{both})(?![\w])", re.I)


def _arriving(m: Trigger, objs: list[Trigger], text: str) -> bool:
    """Whether a visit cue ("touched down in", "étaient à") has goods or troops for subject:
    "two aircraft … touched down in Tashkent", "des soldats russes étaient à Erevan"."""
    return bool(_ARRIVAL.search(text, m.start, m.end)) and (
        any(0 <= m.start - o.end <= 60 for o in objs)
        or bool(_TROOPS_BEFORE.search(text, max(0, m.start - 60), m.start))
        or bool(_troops_ending().search(text, max(0, m.start - 60), m.start)))


# a plain cache, not geo.memo: a pattern built once from the shipped word classes
@cache
def _troops_ending() -> re.Pattern:
    """Troops of any noun of the class as the subject just before an arrival ("a rotation of
    40 Japanese instructors arrived in")."""
    both = "|".join(_classes()["TROOPS", lang] for lang in ("fr", "en"))
    return re.compile(rf"(?<![\w])(?:{both})(?![\w])[^.;,]{{0,15}}$", re.I)


def _keep(by_kind: dict[str, list[Trigger]], kind: str, keep) -> None:
    """Keep the cues of ``kind`` for which ``keep`` holds; a kind left with none is gone."""
    if kind in by_kind:
        by_kind[kind] = [c for c in by_kind[kind] if keep(c)]
        if not by_kind[kind]:
            del by_kind[kind]


def _objects(by_kind: dict[str, list[Trigger]], cues: list[Trigger], text: str) -> None:
    """A meeting verb whose object is a base, troops, goods or a drill is no meeting: "hosted
    an American air base", "a accueilli des troupes russes", "il est arrivé en mai de Minsk
    quatre systèmes" (the object decides the kind)."""
    objs = [c for c in cues if c.kind in _NOT_GUESTS  # "hosted the Steppe Eagle exercise"
            or (c.table == "events" and c.kind in ("exercise", "summit", "parade"))]
    _keep(by_kind, "high_level_meeting",
          lambda m: not any(0 <= o.start - m.end <= (60 if _ARRIVAL.search(text, m.start, m.end)
                                                    else 25) for o in objs)
          and not _troops().match(text, m.end) and not _arriving(m, objs, text))


#: people whose drills are no military exercise: sportsmen, students, doctors, rescuers
_CIVILIANS = re.compile(r"(?<![\w])(?:teams?|équipes?|athl[eè]tes?|players|joueurs|footballers|"
                        r"students|étudiants|pupils|élèves|doctors|médecins|nurses|scientists|"
                        r"scientifiques|musicians|musiciens|orchestras?|orchestres?|choirs?|"
                        r"chœurs?|dancers|danseurs)(?![\w])", re.I)
_FIREWORKS = re.compile(r"\s*(?:de |des |of )?(?:feux d['’]artifice|fireworks)", re.I)
_STAY = re.compile(r"remain|rest|demeur|permanen|stationn|stationed|based|basé", re.I)


def settle(cues: list[Trigger], two: bool, text: str) -> dict[str, list[Trigger]]:
    """The relation cues of a sentence per kind, after the kinds that claim the same words
    are settled: a meeting noun between ``two`` countries (and no organization) is a meeting
    link (not a forum or a conference); goods "received" are a delivery, not a visit; troops
    "sent" with their vehicles are a movement, not a sale; vehicles "arriving" with no troops
    are goods; troops "remaining deployed" are a presence, not a movement."""
    by_kind: dict[str, list[Trigger]] = {}
    for c in cues:
        if c.table == "relations":
            by_kind.setdefault(c.kind, []).append(c)
    talks = [c for c in cues if c.table == "events" and c.kind in ("meeting", "talks")
             and _TALKS.search(text, c.start, c.end)]  # a forum or conference is no visit
    if two and talks and "high_level_meeting" not in by_kind:
        by_kind["high_level_meeting"] = [Trigger("relations", "high_level_meeting", "trigger",
                                                 c.start, c.end) for c in talks]
    _objects(by_kind, cues, text)
    _keep(by_kind, "joint_exercise",  # "teams trained together"
          lambda c: not _CIVILIANS.search(text, max(0, c.start - 40), c.end))
    _keep(by_kind, "border_conflict",  # "les tirs de feux d'artifice"
          lambda c: not _FIREWORKS.match(text, c.end))
    border = by_kind.get("border_conflict", [])  # shelling along a border: a border clash
    _keep(by_kind, "armed_conflict", lambda c: not any(_overlap(c, b) for b in border))
    goods = by_kind.get("arms_transfer", [])
    needs = [g for g in goods if g.cue == "need"]
    if needs:
        by_kind["high_level_meeting"] = [c for c in by_kind.get("high_level_meeting", [])
                                         if not any(_overlap(c, g) for g in goods)]
    verbs = [g for g in goods if g.cue != "need"]
    if any(_FROM_A_BASE.match(text, v.end) for v in verbs):  # moved between bases: no sale
        del by_kind["arms_transfer"]
        goods = needs = verbs = []
    if verbs and needs:  # "received two radar stations": goods delivered, not a base
        by_kind["military_presence"] = [c for c in by_kind.get("military_presence", [])
                                        if not any(_overlap(c, g) for g in needs)]
        if not by_kind["military_presence"]:
            del by_kind["military_presence"]
    moves = by_kind.get("troop_movement", [])
    if moves and verbs and all(any(m.start <= g.start < m.end for m in moves) for g in verbs):
        del by_kind["arms_transfer"]
        goods = needs = []
    cargo = moves and len(goods) > 1 and all(any(_overlap(m, g) for g in needs) for m in moves)
    staying = any(_overlap(c, t) and _STAY.search(text, c.start, c.end)
                  for c in by_kind.get("military_presence", []) for t in moves)
    if cargo or staying:
        del by_kind["troop_movement"]
    return by_kind
