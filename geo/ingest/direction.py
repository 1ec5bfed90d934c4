"""Who did what to whom in one sentence: the pairs of a link, in the order its kind reads.

Directed kinds run source → goal (supplier → recipient, sender → host, from where → to where);
a meeting runs visitor → host when the text says who hosted. The cues are the sentence's roles
(:func:`geo.ingest.kinds.role`: subjects, prepositions, adjectives on the trigger) and a few
patterns of word order; a sentence with several clauses is read one clause at a time.
"""

from __future__ import annotations

import copy
import re
from itertools import combinations
from typing import TYPE_CHECKING

from geo.ingest.kinds import Trigger
from geo.ingest.names import Mention

if TYPE_CHECKING:
    from geo.ingest.extract import _Sentence

__all__ = ["abroad", "across_border", "border_side", "clause", "directed", "distinct",
           "only_border_side", "opinion", "past_opener", "undirected", "visit"]

_HOSTING = re.compile(r"hosted|received|welcomed|a accueilli|accueill|(?:a|ont) reçu|reçoit", re.I)
_HOSTED = re.compile(r"(?:a|ont) été reçus?|(?:was|were) received|reçu\w* par", re.I)
_TRIP = re.compile(r"s['’]est rendu|se rend|en visite|visit|travel|fl(?:ew|ies|own|ying) to|"
                   r"went to|arrived in|est arrivé|s['’]est déplacé|trip to|voyage", re.I)
#: (not "left for", "quitté … pour": a departure towards somewhere, not a withdrawal)
_WITHDRAW = re.compile(r"retir|withdr|pull\w* (?:back|out)|left(?! for)|quitt", re.I)
_PULLED_OUT = re.compile(r"(?:pull\w*|retir\w*|withdr\w*)[^.,;]{0,40}?(?<![\w])(?:out of|from|"
                         r"hors d(?:e|u)|de la|du|de l['’])(?![\w])", re.I)
_OF = re.compile(r"(?<![\w])(?:du|de la|de l['’]|d['’]|de|from)\s*$", re.I)
_SUPPLIER = re.compile(r"suppliers?|fournisseurs?", re.I)
_TO_FR = re.compile(r"(?<![\w])(?:à|au|aux)\s+(?:la |le |l['’]|les )?$", re.I)
_RETURN = re.compile(r"(?<![\w])(?:return\w*|went back|came back|back home|(?:came|went|headed|"
                     r"flew) home|rentr\w*|regagn\w*|"
                     r"retour\w*|rapatri\w*)(?![\w])", re.I)
#: a rival a supplier overtook or replaced is no party to the transfer
_RIVAL = re.compile(r"(?:dépass\w*|devanc\w*|supplant\w*|remplac\w*|détrôn\w*|"
                    r"overt(?:ook|aken|akes)|surpass\w*|replac\w*|ousted|displac\w*|ahead of|"
                    r"devant|than|plus que)\s+"
                    r"(?:la |le |l['’]|les |the )?$", re.I)
_FROM_BASE = re.compile(r"(?<![\w])(?:(?:from|out of|de|depuis|hors de)\s+|d['’])"
                        r"(?:its |their |the |a |sa |leur |la |le |une |un |l['’])?"
                        r"(?:[\w-]+ ){0,3}?(?:in|au|en|à|aux)\s+"
                        r"(?:la |le |l['’]|les |the )?$", re.I)
#: a named base left: "from the Ayni air base", "de la base d'Ayni", "hors de Kant"
_FROM_PLACE = re.compile(r"(?<![\w])(?:(?:(?<!far )(?<!away )from|out of|depuis|hors de)\s+"
                         r"(?:the |la |le |l['’])?|"
                         r"(?:de|du|d['’])\s*(?:la |le |l['’])?(?:[\w-]+\s+){0,2}?(?:base|"
                         r"garnison)\s*(?:d['’]|de\s))$", re.I)
_BORDER_WITH = re.compile(r"(?:border|frontier|boundary|frontière)s? (?:commune )?(?:with|avec)"
                          r"\s+(?:la |le |l['’]|les |the )?$", re.I)
_BREAK = re.compile(r";|,?\s(?:although|though|whereas|while|but|mais|tandis que|alors que|"
                    r"bien que|quoique)\s|"
                    # ", and a rotation of …", ", et des soldats …": a new subject, a new clause
                    r",\s(?:and|et)\s(?=(?:a|an|the|some|\d+|un|une|des|les|le|la|quelque)\s)",
                    re.I)


def distinct(ms: list[Mention]) -> list[str]:
    """The codes of ``ms`` in order of first mention, each once."""
    return list(dict.fromkeys(m.code for m in ms))


def _movement(s: _Sentence, cue: Trigger, roles: dict[str, str], src: list[str],
              dst: list[str]) -> tuple[list[str], list[str]]:
    """Sources and goals of a troop or population movement: from where they left to where they
    went, whoever they are (data/README.md)."""
    froms = [c for c, r in roles.items() if r == "from"]
    # "from its base in Tajikistan", "d'une base russe au Tadjikistan": they left from there
    froms += [m.code for m in s.actors if m.start > cue.start and m.code not in froms
              and _FROM_BASE.search(s.text, max(0, m.start - 60), m.start)]
    froms += [p.iso3 for p in s.places if p.start > cue.start and p.iso3 not in froms
              and _FROM_PLACE.search(s.text, max(0, p.start - 40), p.start)]  # "de la base d'Ayni"
    dst = [c for c in dst if c not in froms]
    if not froms:  # "des unités ... du Tadjikistan vers ...": where they came from
        froms = [m.code for m in s.actors if m.start > cue.start and m.code not in dst
                 and _OF.search(s.text, max(0, m.start - 8), m.start)]
    if not dst:  # "vers la région de Koursk": a town names the destination
        dst = [p.iso3 for p in s.places if p.start > cue.start and p.iso3 not in froms][:1]
    if froms and not dst and _RETURN.search(s.text):  # "Kyrgyz workers returned home from
        dst = [c for c in distinct(s.actors) if c not in froms]  # Russia": home is theirs
    return (froms if froms and dst else src), dst


def directed(s: _Sentence, cue: Trigger, get: bool) -> list[tuple[str, str, bool]]:
    """(a, b, from roles?) for a directed kind: sources before recipients/destinations."""
    roles = s.roles(cue)  # a passive's "by Russia" / "par la Russie" is the doer too; its
    # subject is the doer only when no "par …" (nor, for goods, "de la part de …") names another
    doer = "by" in roles.values() or ("from" in roles.values() and cue.kind == "arms_transfer")
    agents = [c for c, r in roles.items() if r in ("agent", "by") or (r == "patient" and not doer)]
    roles, agents = _givers(s, roles, agents) if get else (roles, agents)
    src = _sources(s, roles, [] if get else agents)
    dst = [c for c, r in roles.items() if r == "to"] + (agents if get else [])
    if _SUPPLIER.search(s.text, cue.start, cue.end):  # "Tashkent's supplier": Tashkent gets
        owned = [m.code for m in s.actors if s.text.startswith(("'s", "’s"), m.end)]
        src, dst = [c for c in src if c not in owned], dst + owned
    if get:  # "bought Chinese drones": the maker's adjective on the goods is the seller
        makers = distinct([m for m in s.actors if m.kind == "adjective"
                         and 0 <= m.start - cue.end <= 25])
        src, dst = src + makers, [c for c in dst if c not in makers]
    left = _WITHDRAW.search(s.text, cue.start)  # read past the cue: "left" may go on "for"
    withdraw = (left and left.start() < cue.end) or _pulled_out(s, cue, roles)
    wd = agents or (distinct([m for m in s.actors if m.start < cue.start])[:1] if withdraw else [])
    if withdraw and wd:  # a withdrawal runs from the country left to the one withdrawing
        left = [c for c in distinct(s.actors) if c not in wd]  # (data/README.md)
        src, dst = left or src, wd
    moving = cue.kind in ("troop_movement", "population_movement")
    if moving:
        src, dst = _movement(s, cue, roles, src, dst)
    if get and s.lang == "fr":  # "acheter des drones à la Turquie": bought from Turkey
        sellers = distinct([m for m in s.actors if roles[m.code] == "to"
                          and _TO_FR.search(s.text[max(0, m.start - 12):m.start])])
        src += [c for c in sellers if c not in src]
        dst = [c for c in dst if c not in sellers]
    owners = distinct([m for m in s.actors if m.kind == "adjective" and (
        cue.start - 3 <= m.start <= cue.end + 3  # "a Chinese paramilitary police unit"
        or (m.end < cue.start and _MODIFIERS.fullmatch(s.text, m.end, cue.start)))])
    if cue.kind == "military_presence" and owners:  # "la base russe", "the US air base"
        src, dst = owners, [c for c in dst + agents if c not in owners]
    if cue.kind == "military_presence" and len(dst) > 1:  # a base is in one country: the
        after = [m for m in s.actors if m.code in dst and m.start > cue.start]  # first after it
        dst = [after[0].code] if after else dst[:1]
    # "livré à Achgabat": a capital right after the cue is the goal, not only a place
    dst += [m.code for m in s.countries if m.kind == "place" and 0 <= m.start - cue.end <= 6
            and m.code not in src + dst]
    src, dst = _base_host(s, cue, src, dst)
    dst = dst or _goal_place(s, cue, src)
    if cue.kind == "arms_transfer" and src and not dst:  # "arrivés à Tbilissi … livrés par
        dst = distinct([m for m in s.countries if m.kind == "place"  # la Turquie": where
                        and m.code not in src])[:1]  # the goods arrived receives them
    sure = bool(src and dst)
    src, dst = _complete(s, cue, src, dst, moving)
    return [(a, b, sure) for a in src for b in dst if a != b]


def _complete(s: _Sentence, cue: Trigger, src: list[str], dst: list[str],
              moving: bool) -> tuple[list[str], list[str]]:
    """Sources and goals with rivals dropped, a missing side filled from the order of mention,
    the far side of a border dropped from a move or a presence, and recipients kept together."""
    rivals = {c for c in distinct(s.actors) if all(
        _RIVAL.search(s.text, max(0, m.start - 25), m.start) for m in s.actors if m.code == c)}
    src, dst = [c for c in src if c not in rivals], [c for c in dst if c not in rivals]
    codes = [c for c in distinct(s.actors) if c not in rivals]
    if not src and not dst and len(codes) >= 2:
        before = distinct([m for m in s.actors if m.start < cue.start]) or codes[:1]
        src = before[:1]
        dst = [c for c in codes if c not in src]
    elif not src:
        src = [c for c in codes if c not in dst][:1]
    elif not dst:
        dst = [c for c in codes if c not in src]
    if moving:  # troops sent to their own side of a border: a deployment, not a link
        dst = [c for c in dst if not across_border(s, c) and not only_border_side(s, c)]
    if moving or cue.kind == "military_presence":  # "le long de la frontière russe", "near
        src = [c for c in src if not only_border_side(s, c)]  # the Afghan border": an edge,
        dst = [c for c in dst if not only_border_side(s, c)]  # not a party
    if len(dst) > 1:  # recipients listed together, not a country named further on
        gap = {c: min((abs(m.start - cue.start) for m in s.countries if m.code == c),
                      default=len(s.text)) for c in dst}  # a capital named as a place too
        dst = [c for c in dst if gap[c] <= min(gap.values()) + 60]
    return src, dst


def _givers(s: _Sentence, roles: dict[str, str],
            agents: list[str]) -> tuple[dict[str, str], list[str]]:
    """Roles and agents of a getting cue ("a reçu des navires, qui ont été livrés par la Chine")
    with the doer ("by", "par") of a passive whose nearest cue before it is a giving one
    ("delivered by China", "livrés par la Chine") made a source, not a getting one ("bought
    by")."""
    givers = set()
    for m in s.actors:
        cues = [c for c in s.cues if c.kind == "arms_transfer" and c.cue in ("give", "get")
                and c.end <= m.start]
        if roles.get(m.code) == "by" and cues and max(cues, key=lambda c: c.end).cue == "give":
            givers.add(m.code)
    return ({c: "from" if c in givers else r for c, r in roles.items()},
            [c for c in agents if c not in givers])


def _pulled_out(s: _Sentence, cue: Trigger, roles: dict[str, str]) -> bool:
    """"pulled its last aircraft out of": a withdrawal, unless a goal follows ("… out of
    Tajikistan to send them to Ukraine" is a move from there to there)."""
    return bool(_PULLED_OUT.match(s.text, cue.start)) and "to" not in roles.values()


def _base_host(s: _Sentence, cue: Trigger, src: list[str],
               dst: list[str]) -> tuple[list[str], list[str]]:
    """A base named at a presence cue is where the presence is, whatever the verbs say
    ("militaires russes de la base de Sary-Chagan … rapatriés vers la Russie")."""
    here = _goal_place(s, cue, []) if cue.kind == "military_presence" else []
    if not here:
        return src, dst
    return ([c for c in src + dst if c not in here]  # else the one other country named
            or [c for c in distinct(s.actors) if c not in here][:1]), here


def _sources(s: _Sentence, roles: dict[str, str], agents: list[str]) -> list[str]:
    """The countries a transfer or move comes from: named after "from" ("auprès de", …), the
    doers, and a capital after "from" ("helicopters from Moscow": the capital's state)."""
    return [c for c, r in roles.items() if r == "from"] + agents + [
        m.code for m in s.countries if m.kind == "place"
        and _CAPITAL_FROM.search(s.text, max(0, m.start - 30), m.start)]


#: a capital goods come from, or were bought from: "from Moscow", "commandés à Ankara"
_CAPITAL_FROM = re.compile(r"(?<![\w])(?:from|depuis|en provenance d(?:e|u)|(?:commandé|acheté|"
                           r"acquis|achetés|acquise?s|commandée?s|achetée?s|loué)\w*\s+"
                           r"(?:à|auprès d['’]|auprès de))\s+$", re.I)


_MODIFIERS = re.compile(r"(?:\s+(?-i:[a-z])[\w-]*){1,2}\s+")
_TO = re.compile(r"(?<![\w])(?:to|into|vers|jusqu['’](?:à|au))\s+(?:the\s+)?$", re.I)


def _goal_place(s: _Sentence, cue: Trigger, src: list[str]) -> list[str]:
    """A goal read from a place: a capital after a move ("… arrived in Dushanbe"); a base named
    next to a presence cue ("la base aérienne d'Ayni": Tajikistan hosts it)."""
    if cue.kind == "military_presence":
        return [p.iso3 for p in s.places if p.iso3 not in src
                and (cue.start <= p.start <= cue.end + 30  # "base de Sary-Chagan": the
                     or 0 <= cue.start - p.end <= 20)][:1]  # cue may end inside the name
    return [m.code for m in s.countries if m.kind == "place" and m.start > cue.end
            and m.code not in src
            and not _CAPITAL_FROM.search(s.text, max(0, m.start - 20), m.start)][:1] or [
        p.iso3 for p in s.places if p.start > cue.end and p.iso3 not in src  # "flew sappers
        and cue.kind == "troop_movement"  # to Osh": its country
        and _TO.search(s.text, max(0, p.start - 8), p.start)][:1]


def only_border_side(s: _Sentence, code: str) -> bool:
    """Whether ``code`` is named only as the far side of a border ("to the Afghan border",
    "à la frontière afghane"): troops sent there stay on their own side."""
    ms = [m for m in s.actors if m.code == code]
    return bool(ms) and all(border_side(s.text, m) for m in ms)


def across_border(s: _Sentence, code: str) -> bool:
    """Whether every mention of ``code`` follows "its border with" ("sa frontière avec")."""
    ms = [m for m in s.actors if m.code == code]
    return bool(ms) and all(_BORDER_WITH.search(s.text, max(0, m.start - 30), m.start)
                            for m in ms)


_WITH = re.compile(r"(?<![\w])(?:with|avec|alongside|aux côtés d)", re.I)


def undirected(s: _Sentence, cue: Trigger) -> list[tuple[str, str, bool]]:
    codes = distinct(s.actors)
    for i, m in enumerate(s.actors[:-1]):  # "kirghizo-tadjik", "Sino-Russian"
        if m.kind == "prefix" and s.actors[i + 1].code != m.code:
            return [(m.code, s.actors[i + 1].code, True)]
    if len(codes) == 2:
        return [(codes[0], codes[1], True)]
    roles = s.roles(cue)
    agents = [c for c, r in roles.items() if r == "agent"]
    before = distinct([m for m in s.actors if m.start < cue.start])
    if not agents and len(before) == 1 and _WITH.search(s.text, cue.start):
        agents = before  # "India has held exercises with A, B and C": India with each
    if agents and len(codes) > 2:
        return [(a, b, False) for a in agents[:1] for b in codes if b != a]
    if len(codes) == 3:
        return [(a, b, False) for a, b in combinations(codes, 2)]
    return []


#: a trip or talks that name only the visitor and the capital visited
_ABROAD = re.compile(r"visit|arriv|travel|trip|tour|talks|rendu|déplac|entretiens|pourparlers|"
                     r"fl(?:ew|own) to|(?:was|were) in (?-i:[A-Z])|"
                     r"(?:était|étaient|se trouvait) à", re.I)


def abroad(s: _Sentence, cue: Trigger) -> list[tuple[str, str, bool]]:
    """(visitor, host) when one country is named and the meeting is a visit or talks in the
    capital of another ("arrived in Ashgabat on a state visit", "des entretiens à Kaboul"): a
    capital stands for its government (a town is not enough: a visit may be a tourist's)."""
    codes = distinct(s.actors)
    hosts = {m.code for m in s.countries if m.kind == "place"} - set(codes)
    if len(codes) != 1 or len(hosts) != 1 or not _ABROAD.search(s.text):
        return []
    return [(codes[0], hosts.pop(), True)]


#: the visitor named as such: "a visiting Chinese delegation", "the visiting Turkish minister",
#: "le ministre turc en visite", "la délégation chinoise, en visite à"
_VISITING = re.compile(r"(?<![\w])visiting\s+(?:[\w-]+\s+){0,2}$", re.I)
_EN_VISITE = re.compile(r",?\s*(?:[\w'’-]+,?\s+){0,4}?en visite(?![\w])", re.I)


def visit(s: _Sentence, cue: Trigger, a: str, b: str,
           visits: set[tuple[str, str]]) -> tuple[str, str]:
    """A meeting as (visitor, host), added to ``visits``, when the sentence says who hosted:
    the meeting's town ("à Astana", "in Bishkek"), a hosting verb ("a accueilli", "hosted"),
    a passive one ("a été reçu par", "was received by") or a trip ("travelled to Ankara").
    Met in a third country, or no sign: ``(a, b)`` as they came, not added (undirected)."""
    where = {p.iso3 for p in s.places} | {m.code for m in s.countries if m.kind == "place"}
    pair = [m for m in s.actors if m.code in (a, b)]
    word = s.text[cue.start:cue.end + 12]
    host = None
    guest = [m.code for m in pair if _VISITING.search(s.text, max(0, m.start - 25), m.start)
             or _EN_VISITE.match(s.text, m.end)]
    if len(set(guest)) == 1:  # "a visiting Chinese delegation", "le ministre turc, en visite"
        host = b if guest[0] == a else a
    elif where:
        host = next(iter(where)) if len(where) == 1 and where <= {a, b} else None
    elif _HOSTED.match(word):
        host = next((m.code for m in pair if m.start >= cue.end), None)
    elif _HOSTING.match(word):
        host = next((m.code for m in reversed(pair) if m.start < cue.start), None)
    elif _TRIP.search(word) or _TRIP.search(s.text, 0, cue.start):  # "flew to X for talks"
        roles = s.roles(cue)
        host = next((m.code for m in pair if roles.get(m.code) == "to"
                     or (s.lang == "en" and m.start >= cue.end)), None)
    if host is None:
        return a, b
    visitor = b if host == a else a
    visits.add((visitor, host))
    return visitor, host


#: a sentence's opening adverbial ("In a signal to Moscow, …", "Contrairement au Kirghizistan,
#: …"): the countries it names frame the fact, they are not its parties
_OPENER = re.compile(r"^\s*(?:in|dans|selon|according|after|après|despite|malgré|unlike|"
                     r"contrairement|like|comme|amid|face|following|suite|as|alors|while|"
                     r"tandis|unlike|instead|au lieu|rather|plutôt)(?![\w])[^,;:]{0,80},", re.I)
#: "la frontière afghane": an adjective after the word names a border's far side
_ADJ_BORDER = re.compile(r"\s+(?:border|frontier)(?![\w-])(?!\s+(?:guards?|troops|service|units|"
                         r"forces|police|posts?|officers|agency|patrols?|advis[eo]rs|"
                         r"instructors|detachments?|teams?|commanders?|command|regiments?|"
                         r"battalions?))", re.I)
_BORDER_ADJ = re.compile(r"(?<!garde-)(?<!gardes-)(?:frontière|border|frontier|boundary)s?\s*$",
                         re.I)


def border_side(text: str, m: Mention) -> bool:
    """Whether ``m`` is the adjective of "la frontière afghane" / "the Afghan border" (a place,
    not a party; "Tajik border guards" are Tajik)."""
    return m.kind == "adjective" and bool(
        _BORDER_ADJ.search(text, max(0, m.start - 12), m.start) or _ADJ_BORDER.match(text, m.end))


def past_opener(s: _Sentence, cue: Trigger) -> _Sentence:
    """The sentence seen without the countries of its opening adverbial (and without the
    adjective of "la frontière afghane" outside border kinds) when the fact's cue comes after
    it and two countries remain: "In a signal to Moscow, Tashkent signed a pact with Ankara"."""
    op = _OPENER.match(s.text)
    cut = op.end() if op and cue.start >= op.end() else 0
    border = cue.kind.startswith("border")
    keep = [m for m in s.actors if m.start >= cut and (border or not border_side(s.text, m))]
    if len(keep) == len(s.actors) or len(distinct(keep)) < 2:
        return s
    view = copy.copy(s)
    view.actors = keep
    view.countries = [m for m in s.countries if m in keep or m.kind == "place"]
    return view


#: a view on a conflict, not a part in it: "évitant de condamner l'invasion russe",
#: "Astana condemned the Russian offensive", "criticised the strikes on"
_OPINION = re.compile(r"(?<![\w])(?:condamn\w*|dénonc\w*|déplor\w*|critiqu\w*|regrett\w*|"
                      r"soutenu\w*|soutien\w*|approuv\w*|salu\w*|condemn\w*|denounc\w*|"
                      r"deplor\w*|critici[sz]\w*|regrett?\w*|support\w*|backed|welcom\w*|"
                      r"prais\w*|blam\w*)(?![\w])[^,;:.]{0,40}$", re.I)


def opinion(s: _Sentence, cue: Trigger) -> _Sentence:
    """The sentence without the countries that only judge a conflict: those named before an
    opinion verb that governs the conflict's cue ("Kazakhstan avoided condemning the Russian
    invasion" is no war of Kazakhstan's)."""
    op = _OPINION.search(s.text, max(0, cue.start - 45), cue.start)
    if not op or not cue.kind.endswith("conflict"):
        return s
    view = copy.copy(s)
    view.actors = [m for m in s.actors if m.start > op.start()]
    view.countries = [m for m in s.countries if m.start > op.start() or m.kind == "place"]
    return view


def clause(s: _Sentence, cue: Trigger) -> tuple[int, _Sentence]:
    """The clause holding ``cue`` (its index, and the sentence seen through it: only its
    countries) when the sentence has several and that one names two countries: "Moscow is
    Tashkent's supplier, although Uzbekistan also bought Chinese systems" is two facts."""
    breaks = list(_BREAK.finditer(s.text))
    cuts = [0, *(m.end() for m in breaks), len(s.text) + 1]
    k = next(i for i in range(len(cuts) - 1) if cuts[i] <= cue.start < cuts[i + 1])
    inside = [m for m in s.actors if cuts[k] <= m.start < cuts[k + 1]]
    # ", and a rotation of 40 Japanese instructors arrived in Ulaanbaatar": a clause of its
    # own subject is read alone even with one country (and the capital it names)
    own = any(b.group().startswith(",") and b.end() in cuts[k:k + 2] for b in breaks)
    if len(cuts) == 2 or (len(distinct(inside)) < 2 and not (own and inside)):
        return k, s
    view = copy.copy(s)
    view.actors = inside
    view.countries = [m for m in s.countries if cuts[k] <= m.start < cuts[k + 1]]
    return k, view
