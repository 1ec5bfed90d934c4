"""Countries a sentence names only by pointing back at the sentence before it.

Press texts name a country once and then write "le pays", "the country", "les deux pays",
"the two neighbours", or a bare subject pronoun ("Elle lui a livré…", "It also signed…"). A fact
in such a sentence has its actors one sentence back. These rules carry them over, one sentence
only and only in the grammatical places where the reference is clear (a subject at the start of
the sentence, a "two countries" noun phrase, a French object clitic after a subject pronoun), so
that a fact split over two sentences still has both its countries. The carried mentions point at
the referring words, so roles (subject, prepositions) are read from them as from a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from geo.ingest import hedges
from geo.ingest.names import Mention

__all__ = ["add", "antecedents", "carry", "carry_org", "carry_visit", "confirmed", "date_from_next",
           "lone_delivery", "noted", "same_fact", "supplier", "topic", "topic_ref"]

#: an opening adverbial before the subject: "In May, ", "En 2024, ", "Selon Reuters, "
_OPENER = (r"^(?:[^,.;]{1,40},\s*){0,2}(?:(?:there|then|later|afterwards|là|puis|ensuite|plus tard)"
           r"\s+)?"  # a time adverbial with no comma: "On its second day he", "Le lendemain il"
           r"(?:(?:on|the|in|le|la|au|dans)\s+(?:[\w'’-]+\s+){0,3}?(?:day|morning|evening|"
           r"afternoon|night|week|jour|lendemain|matin|soir|soirée|semaine)\s+)?")
_ONE_NOUN = (r"(?:le|ce|the|this) (?:pays|gouvernement|country|government|state|nation)"
             r"|l['’](?:État|Etat|exécutif)")
_PRONOUN = r"(?:il|elle|it|he|she)"
#: "It is unclear", "Il s'agit", "Il y a": impersonal subjects that point at nothing
_IMPERSONAL = re.compile(r"\s+(?:is|was|has been|had been|seems|appears|remains|will be|would|"
                         r"est|était|sera|serait|s['’]agit|y avait|faut|fallait|semble|"
                         # "il y a deux ans", "il y a eu", not "il y a rencontré"
                         r"y a(?!\s+(?!eu\b)\w+(?:é|ée|és|ées|i|is|it|u|us|ert|int)\b)|"
                         r"reste|convient|paraît|apparaît)\b", re.I)
_ONE = re.compile(rf"{_OPENER}(?P<ref>(?:{_ONE_NOUN})(?![\w-])(?!\s+Department)|"
                  rf"(?P<pro>{_PRONOUN})(?=\s)|(?P<own>its|son|sa|ses)(?=\s))", re.I)
_TWO = re.compile(r"(?<![\w])(?:(?:the two|both|these two|les deux|ces deux|des deux|aux deux|"
                  r"of both|of the two)\s+(?:[\w-]+\s+){0,2}?"  # "the two defence ministers"
                  r"(?:chefs|chiefs|heads|countries|nations|states|neighbou?rs|capitals|sides|governments|republics|armies|presidents|leaders|"
                  r"ministers|heads of state|men|women|delegations|pays|États|Etats|voisins|"
                  r"capitales|parties|gouvernements|républiques|armées|présidents|dirigeants|"
                  r"ministres|chefs d['’]État|hommes|femmes|délégations)"
                  # "the parties", "les parties", "he and his host", "lui et son homologue"
                  r"|(?:the|les) (?:parties|sides)|(?:lui|elle|le ministre|la ministre|"
                  r"le président|la présidente) et (?:son|sa) (?:hôte|homologue|invitée?)|"
                  r"(?:he|she|the minister|the president) and (?:his|her) (?:[\w-]+ ){0,2}"
                  r"(?:host|guest|counterpart))(?![\w])",
                  re.I)
#: a country named by its neighbour: "to his northern neighbour", "chez son voisin"
_NEIGHBOUR = re.compile(r"(?<![\w])(?:his|her|its|their|son|sa|leur)\s+(?:[\w-]+\s+)?"
                        r"(?:neighbou?r|voisin\w*)(?:\s+(?:du nord|du sud|de l['’]est|"
                        r"de l['’]ouest|occidental|oriental|septentrional|méridional))?(?![\w])",
                        re.I)
#: "They signed", "Ils ont signé": a plural subject at the start, when the sentence before named
#: exactly two countries
_THEY = re.compile(rf"{_OPENER}(?:they|ils|elles)(?=\s)", re.I)
#: "Elle lui a livré", "Il leur vend": the object clitic is the other country of the last sentence
_CLITIC = re.compile(rf"{_OPENER}{_PRONOUN}\s+(?:ne\s+)?(?P<obj>lui|leur)\s", re.I)


def antecedents(prev_actors: list[Mention], prev_orgs: list[Mention], deps: dict[int, str],
                offset: int, hosts: list[Mention] = (), towns: list = ()) -> list[str]:
    """The countries of the previous sentence, its subject first (the parse's subject where
    there is one, else the first named), then the countries of capitals named as places
    (``hosts``: "flew to Bishkek" makes Kyrgyzstan the host "his host" points at), or of a
    town (``towns``) when only one country was named; empty when
    an organization is named before any country (a pronoun would then more likely point at
    the organization)."""
    codes = list(dict.fromkeys(m.code for m in prev_actors))
    if not codes or (prev_orgs and prev_orgs[0].start < prev_actors[0].start):
        return []
    subj = next((m.code for m in prev_actors if deps.get(offset + m.start, "").startswith("nsubj")),
                codes[0])
    out = [subj] + [c for c in codes if c != subj]
    out += [m.code for m in hosts if m.kind == "place" and m.code not in out][:1]
    # a town's country when one country only was named: "US engineers … at Termez"
    return out + [p.iso3 for p in towns if p.iso3 not in out][:1] if len(out) < 2 else out


def carry(text: str, actors: list[Mention], prev: list[str]) -> list[Mention]:
    """Mentions to add to a sentence whose actors are ``actors``: the previous sentence's
    countries ``prev`` (subject first) where ``text`` refers back to them."""
    if not prev:
        return []
    have = {m.code for m in actors}
    out: list[Mention] = []
    two = _TWO.search(text) or (len(prev) == 2 and _THEY.match(text))
    if two and len(prev) >= 2 and len(have) < 2:
        head = two.end() - len(two.group().split()[-1])  # the noun: its parse role is the phrase's
        out += [Mention(c, head, two.end(), "name", two.group()) for c in prev[:2]
                if c not in have]
        return out
    near = _NEIGHBOUR.search(text)  # "his northern neighbour": the other one named before
    others = [c for c in prev if c not in have]
    if near and have and len(others) == 1:
        return [Mention(others[0], near.start(), near.end(), "name", near.group())]
    one = _ONE.match(text)
    if one and prev[0] not in have and not (one.group("pro")
                                            and _IMPERSONAL.match(text, one.end("ref"))):
        ref = one.group("ref")
        head = one.start("ref") + (len(ref) - len(ref.split()[-1]) if " " in ref else 0)
        out.append(Mention(prev[0], head, one.end("ref"), "name", ref))
        clitic = _CLITIC.match(text)
        if clitic and len(prev) >= 2 and prev[1] not in have:
            out.append(Mention(prev[1], clitic.start("obj"), clitic.end("obj"), "name",
                               clitic.group("obj")))
    return out


#: an organization named by its type: "the bloc", "l'alliance", "the grouping"
_ORG_REF = re.compile(r"(?<![\w])(?:the|this|that|le|ce|la|cette|l['’])\s*(?:bloc|alliance|"
                      r"organi[sz]ation|grouping|group|union|pact|groupe|organisation|pacte|"
                      r"communauté|commonwealth|forum)(?![\w])", re.I)


#: a status given by the members, the organization unnamed: "The leaders admitted Mongolia as a
#: full participant", "Les chefs d'État ont accordé à l'Égypte le statut d'observateur"
_ADMIT = re.compile(r"(?<![\w])(?:admitted|admits?|granted|grants?|welcomed|accepted|made|"
                    r"admis\w*|accueilli\w*|accord(?:é|ée|ent|ait)|octroy\w+|fait de)(?![\w])",
                    re.I)


#: "a gelé sa participation", "froze its membership": the organization of the sentence before
_OWN_SEAT = re.compile(r"(?<![\w])(?:sa|leur|its|their)\s+(?:participation|membership|adhésion|"
                       r"siège|seat|statut|status)(?![\w])", re.I)


def carry_org(text: str, orgs_before: list[Mention]) -> list[Mention]:
    """The organization a status names by its type ("suspended its participation in the
    bloc"), or whose members give it ("The leaders admitted Mongolia as a full participant"):
    the last organization of the sentence before, when that sentence named one."""
    ref = _ORG_REF.search(text) or _ADMIT.search(text) or _OWN_SEAT.search(text)
    if not ref or not orgs_before:
        return []
    return [Mention(orgs_before[-1].code, ref.start(), ref.end(), "org", ref.group())]


def add(s, carried: list[Mention]) -> None:
    """Add carried countries to a sentence (``extract._Sentence``) and remember them."""
    s.actors = sorted(s.actors + carried, key=lambda m: m.start)
    s.countries = sorted(s.countries + carried, key=lambda m: m.start)
    s.carried = {m.code: m.text for m in carried}


def noted(s, cands: list) -> list:
    """Say so on a candidate whose country was carried over: its evidence does not name it,
    so it is less sure and the reviewer must read the sentence before."""
    for c in cands:
        got = [f"{code} (“{ref}”)" for code, ref in getattr(s, "carried", {}).items()
               if code in c.values.values() or code in c.values.get("participants", "")]
        if got:
            c.notes.append("named in the previous sentence: " + ", ".join(got))
            c.confidence -= 0.1
    return cands


def _transfer_cues(s, kinds_of: tuple[str, ...]) -> list:
    return [c for c in s.cues if c.kind == "arms_transfer" and c.cue in kinds_of]


def lone_delivery(s) -> tuple[str, int, object] | None:
    """(recipient, position of the goods, sentence) when goods are handed to the one country a
    sentence names and no supplier is named: the next sentence may name it."""
    codes = list(dict.fromkeys(m.code for m in s.actors))
    goods, verbs = _transfer_cues(s, ("need",)), _transfer_cues(s, ("give", "get"))
    if len(codes) != 1 or not goods or not verbs or hedges.CANCELLED.search(s.text):
        return None
    if any(hedges.link_hedged(s.text, "arms_transfer", v.start) for v in verbs):
        return None
    return codes[0], goods[0].start, s


_FROM = re.compile(r"\s+(?:from|à|au|aux|auprès d)(?![\w])", re.I)
#: goods pointed back at: "Ces appareils", "these drones", "les mêmes blindés"
_BACK_GOODS = re.compile(r"(?<![\w])(?:ces|cet|cette|these|those|the same|les mêmes|the)\s+"
                         r"(?:[\w-]+\s+){0,2}$", re.I)


def supplier(s, recipient: str) -> tuple[str, object] | None:
    """(supplier, its giving cue) when a sentence with no goods of its own names one other
    country and a giving verb ("Pékin ayant … fourni l'ensemble du lot")."""
    others = list(dict.fromkeys(m.code for m in s.actors if m.code != recipient))
    verbs = [v for v in _transfer_cues(s, ("give", "get"))  # "supplied by", "bought from"
             if (v.cue == "give" or _FROM.match(s.text, v.end))
             and not hedges.link_hedged(s.text, "arms_transfer", v.start)]
    own = [g for g in _transfer_cues(s, ("need",))  # "Ces appareils", "These drones": the
           if not _BACK_GOODS.search(s.text, max(0, g.start - 30), g.start)]  # goods before
    if len(others) != 1 or not verbs or own:
        return None
    if hedges.CANCELLED.search(s.text):
        return None
    return others[0], verbs[0]


#: a sentence that goes on about the fact before: "La livraison a eu lieu en avril", "The
#: drills ended on 4 May", "Ces renforts sont arrivés début juin"
_SAME_FACT = re.compile(r"^(?:[^,.;]{1,40},\s*)?(?:la|le|les|l['’]|ces|cette|cet|ce|the|these|"
                        r"this)\s*(?:livraison|remise|cession|transfert|cérémonie|exercices?|manœuvres|"
                        r"entraînement|visite|rencontre|entretiens?|pourparlers|renforts|"
                        r"déploiement|signature|delivery|deliveries|handover|transfer|ceremony|"
                        r"exercises?|drills?|manoeuvres|training|visit|meeting|talks|"
                        r"reinforcements|deployment|signing)(?![\w])", re.I)


def same_fact(text: str, pos: int, carried: bool = False) -> bool:
    """Whether the cue at ``pos`` is the back-reference opening the sentence ("The visit
    followed …", "La visite a porté sur …"), or inside the words pointing back at the two who
    met when they were ``carried`` from the sentence before ("she and her Kazakh counterpart
    then signed …"): the fact of the sentence before, not a new one."""
    m = _SAME_FACT.match(text) or _TRIP_REF.match(text)  # "During the visit, …"
    return (bool(m) and m.start(0) <= pos < m.end(0)) or carried and any(
        t.start() <= pos < t.end() for t in _TWO.finditer(text))


def date_from_next(cands: list, s) -> None:
    """Give the undated links and events of the sentence before (``cands``) the date of ``s``
    when ``s`` only goes on about the same fact and names no country of its own."""
    if not _SAME_FACT.match(s.text) or not s.dates:
        return
    d, own = s.dates[0], {m.code for m in s.actors}
    for c in cands:
        named = set(c.values.values()) | set(c.values.get("participants", "").split(";"))
        if c.table != "memberships" and own <= named and any(
                n.startswith("no date in the") for n in c.notes):
            c.values.update(start=d.value, end=d.until)
            c.notes = [n for n in c.notes if not n.startswith("no date")] + [
                "dated by the next sentence, which goes on about the same fact"]


#: a sentence about the visit before it: "The trip yielded a treaty", "À l'issue de
#: l'audience, …", "During the visit, …"
_TRIP_REF = re.compile(r"^\s*(?:(?:after|following|during|at the end of|à l['’]issue d(?:e|u)|"
                       r"lors d(?:e|u)|au cours d(?:e|u)|pendant|après)\s+)?(?:the|this|that|la|"
                       r"le|ce|cette|ces|les|l['’])\s*(?:trip|visit|talks|meeting|stay|tour|"
                       r"audience|visite|déplacement|voyage|rencontre|entretiens?|séjour|"
                       r"tournée)(?![\w])", re.I)


def carry_visit(text: str, actors: list[Mention], visit: tuple[str, ...]) -> list[Mention]:
    """The two countries of the visit just read (``visit``) for a sentence that goes on about
    it and names fewer than two countries: "The trip yielded a treaty fixing the frontier"."""
    ref = _TRIP_REF.match(text)
    have = {m.code for m in actors}
    if not ref or len(visit) != 2 or len(have) >= 2:
        return []
    return [Mention(c, ref.start(), ref.end(), "name", ref.group().strip())
            for c in visit if c not in have]


def topic(mentions: list[Mention]) -> str:
    """The country an article is about: the one it names most (first named on a tie)."""
    codes = [m.code for m in mentions]
    return max(dict.fromkeys(codes), key=codes.count) if codes else ""


#: "stationed in the republic", "déployés dans le pays": a place that is the article's country
_THE_COUNTRY = re.compile(r"(?<![\w])(?:in|into|across|throughout|inside|dans|à travers|"
                          r"sur le sol d(?:e|u))\s+(?P<ref>(?:the|this|that|le|la|ce|cette)\s+"
                          r"(?:republic|country|république|pays))(?![\w])", re.I)


def topic_ref(text: str, actors: list[Mention], topic_of: Callable[[], str],
              prev: list[str]) -> list[Mention]:
    """The article's country (``topic_of()``) where a sentence names it as "the republic" or
    "le pays" after a place word, when the sentence before named it too and this one does not."""
    ref = _THE_COUNTRY.search(text)
    about = topic_of() if ref else ""
    if not about or about not in prev or about in {m.code for m in actors}:
        return []
    return [Mention(about, ref.start("ref"), ref.end("ref"), "name", ref.group("ref"))]


#: a government owning up to the fire just reported: "Kabul admitted the incident", "Téhéran a
#: confirmé la frappe" (not "denied", not "each blamed the other")
_OWNS_UP = re.compile(r"^\s*(?:[^,.;]{1,40},\s*)?(?:the |le |la |l['’])?[\w'’ -]{2,30}?\s+"
                      r"(?:has |had |a |avait )?(?:admitted|acknowledged|confirmed|conceded|"
                      r"owned up to|reconnu|admis|confirmé|revendiqué)\s+(?:the |l['’]|la |le |"
                      r"les |these |this |ces |cet |cette )?(?:[\w-]+\s+){0,2}?(?:incident|"
                      r"strike|shelling|fire|shooting|attack|clash|shots?|facts?|responsibility|"
                      r"frappe|tirs?|responsabilité|"
                      r"bombardement|incident|attaque|affrontement|faits?)", re.I)


def confirmed(cands: list, s) -> None:
    """Make the undirected border clash of the sentence before (``cands``) directed when ``s``
    says one of its two sides admitted or confirmed it ("Kabul admitted the incident the next
    day"): that side fired (the gold's convention: the shooter's own government confirms)."""
    if not _OWNS_UP.match(s.text):
        return
    head = [m for m in s.actors if m.start < 45]
    for c in cands:
        v = c.values
        if c.table != "relations" or v.get("kind") != "border_conflict" or v["directed"] == "true":
            continue
        sides = {m.code for m in head} & {v["iso3_a"], v["iso3_b"]}
        if len(sides) == 1:
            code = sides.pop()
            other = v["iso3_b"] if code == v["iso3_a"] else v["iso3_a"]
            v.update(iso3_a=code, iso3_b=other, directed="true")
            c.notes.append("directed: the next sentence says this side admitted it")
