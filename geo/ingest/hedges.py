"""What makes a cue in a sentence no fact: a status held before, members in general, a
negation, an intention, a denial, the topic of talks, a plan cancelled.

The patterns read the words just before a cue (``before``: its clause up to the cue) or, for a
cancellation, the whole sentence. Kept apart from :mod:`geo.ingest.extract` so that the
vocabulary of hedges can grow without crowding the extraction steps.
"""

from __future__ import annotations

import re

__all__ = ["CANCELLED", "DURATION", "GENERIC", "MEMBERS", "NOT_AFTER", "future", "history",
           "link_hedged", "status_hedged"]

#: a status the country no longer has: "after years as an", "ancien", "formerly"
PAST = re.compile(r"(?:(?<![\w])(?:after|après)(?![\w])[^,;]{0,25}(?:as an?|comme|en tant que|"
                  r"avoir été)|(?<![\w])(?:former|formerly|ancien|ancienne|ex-)|"
                  # "Long an observer,", "Once a partner", "longtemps observateur"
                  r"(?<![\w])(?:long|once|longtemps|jadis|naguère|autrefois)\s+(?:an?\s+|un\s+|"
                  r"une\s+|simple\s+)?|"
                  # "après vingt ans de statut d'", "after a decade of", "had been only a"
                  r"(?<![\w])(?:ans|années|years|decades?|décennies?)\s+(?:de|d['’]|of|as)\s+"
                  r"(?:statut\s+(?:de\s+|d['’])|status\s+as\s+|being\s+)?(?:an?\s+|simple\s+)?|"
                  r"(?<![\w])(?:had\s+(?:long\s+|only\s+)?been|had\s+served\s+as|avait\s+été|"
                  r"n['’]était\s+que|était\s+(?:jusque-là|jusqu['’]alors|auparavant))"
                  r"(?:\s+(?:only|merely|just|simply|seulement|simplement))?\s+(?:an?|un|une)?\s*)\s*$|"
                  # a status held until the fact: "qui s'en tenait jusque-là au statut d'",
                  # "which had until then been content with", "previously an"
                  r"(?<![\w])(?:jusque-là|jusqu['’]alors|jusqu['’]ici|jusqu['’]à (?:présent|"
                  r"maintenant|cette date)|auparavant|précédemment|until then|until now|up to "
                  r"then|up to now|hitherto|previously|till then|before that|so far)(?![\w])"
                  r"[^,;.]{0,40}$",
                  re.I)
#: members in general, not a named country's status: "aux yeux des membres", "all the members"
GENERIC = re.compile(r"(?<![\w])(?:des|aux|tous les|toutes les|ses|leurs|of the|to the|all the|"
                     r"all|its|their|other|(?:pour|parmi|entre|avec|chez|selon|for|among|between|"
                     r"with) (?:les|the))\s+(?:\w+\s+)?$", re.I)
NEGATED = re.compile(r"(?<![\w])(?:(?:pas|jamais|plus|ni|sans|aucun\w*|refus\w*|not|never|no|"
                     r"without|n't|declined|refused|ruled out|rules out)(?![\w])|n['’](?=\w|$)|"
                     # "a exclu de réintégrer" (not "a été exclue de": an exit)
                     r"(?<!été )exclu\w*\s+(?:de|d['’])\s)[^,;]*$|"
                     # "is not, and has never been, a member"
                     r"(?<![\w])(?:never|not|jamais|pas)\s+(?:been|été)\s*,\s*(?:an?|un|une)?\s*$",
                     re.I)


#: a status intended, planned, threatened or asked for, not (yet) held: "son intention de
#: quitter", "plans to join", "a demandé à adhérer", "could become an observer"
MODAL = re.compile(r"(?<![\w])(?:intention|intends?|intend\w+|plans?|planning|wants?|wish\w*|"
                   r"seeks?|seeking|hopes?|hoping|considers?|considering|mulls?|mulling|"
                   r"threat\w*|could|might|(?-i:may)|would|appl(?:y|ied|ies|ication)|bid|candida\w+|"
                   r"request\w*|requête\w*|réclam\w*|lobb\w+|campaign\w*|push\w* for|press\w* for|"
                   r"brigu\w+|sollicit\w+|aspir\w+|"
                   r"envisag\w+|projet\w*|compte|souhait\w*|veu[tx]|voudrai\w*|menac\w*|entend\w*|"
                   r"pourrai\w*|demand\w*|espèr\w*|espér\w*|vis\w* à)(?![\w])[^,;.]{0,25}$", re.I)
#: a link that might happen, not one that did: "pourrait acheter", "plans to buy"
MODAL_LINK = re.compile(r"(?<![\w])(?:pourrai\w*|envisag\w+|projett?\w*|souhait\w*|veu[tx]|"
                        r"voudrai\w*|could|might|(?-i:may)|plans?|planning|intends?|considering|"
                        r"wants?|hopes?|seeks?)(?![\w])(?:\s+(?:to|de|d['’]))?(?:\s+\S+){0,3}\s*$|"
                        # a request, not a fact: "had asked to open a", "a demandé à ouvrir une"
                        r"(?<![\w])(?:ask(?:s|ed)?|request(?:s|ed)?|sought|demand\w*|sollicit\w*)"
                        r"\s+(?:permission\s+|l['’]autorisation\s+)?(?:to|à|de|d['’])\s+\S+\s+"
                        r"(?:\S+\s+){0,2}$", re.I)
#: a link denied, refused, expected or never made: "has never hosted", "n'a jamais reçu",
#: "refused to send", "dément avoir livré", "expect China to deliver" (the same clause, and not
#: past an "after": "no one was hurt after the clashes" still states the clashes)
NOT_LINK = re.compile(r"(?:(?<![\w])(?:never|not|no|n't|jamais|pas|aucun\w*|refus\w*|declin\w+|"
                      r"denied|denies|deny\w*|dément\w*|démenti\w*|nie|nient|reject\w*|rejet\w+|"
                      r"expect\w*|anticipat\w*|should|devrai\w*|attendu\w*)(?![\w])|"
                      r"(?<![\w])n['’](?=\w))(?:(?!after|après|following|suite|lors|during|pendant)"
                      r"[^,;:])*$", re.I)
#: a link that is only the topic of talks, not a fact: "discussed arms production", "les
#: entretiens ont porté sur la sécurité" (unless the clause goes on to sign or agree)
TOPIC = re.compile(r"(?<![\w])(?:discuss\w*|talked about|talks (?:on|about)|focus\w* on|"
                   r"dealt with|touched on|raised|debated|reviewed|exchanged views on|"
                   r"discut\w+|port\w* sur|évoqu\w+|abord\w+|parlé (?:de|d['’])|"
                   r"centr\w+ sur|examin\w+|passé en revue|échang\w+ (?:sur|à propos))(?![\w])"
                   r"(?:(?!sign|ratif|conclu|agreed|convenu|adopt|approv|paraph)[^;:.])*$", re.I)
#: a planned fact that did not happen: "the visit was called off", "a été reportée",
#: "n'a pas eu lieu" (the whole sentence: the word may come after the cue)
CANCELLED = re.compile(r"(?<![\w])(?:cancel\w*|call\w* (?:\w+ ){0,2}off|postpon\w+|"
                       r"repouss\w+(?= (?:à|au|aux|jusqu|sine die))|"
                       r"put off|scrapped|shelved|(?:pushed|put) back (?=to|until|by)|"
                       r"(?:was|were|been|be|is|are) (?:pushed|put) back|put on hold|"
                       r"(?:was|were|been|be|is|are) (?:\w+ )?(?:delayed|deferred)|"
                       r"delayed (?=until|to|by)|deferred|différ(?:é|ée|és|ées)|"
                       r"décal(?:é|ée|és|ées)|remis\w* à (?:plus tard|une date)|"
                       r"renvoy(?:é|ée|és|ées) (?:à|au|sine die)|annul\w+|report(?:é|ée|és|ées)|"
                       r"ajourn\w+|(?:n['’]a|n['’]ont) (?:pas|jamais) eu lieu|"
                       r"(?:did|has|have) not take?n? place|never took place|fell through)"
                       r"(?![\w])", re.I)
#: a state over a span with no date of its own: "hosted a base for more than a decade",
#: "a abrité des troupes pendant vingt ans" (history the text does not date)
DURATION = re.compile(r"(?<![\w])(?:for|pendant|durant)\s+(?:more than |over |nearly |almost |"
                      r"some |about |plus de |près de |presque |environ |une |un )?(?:\w+\s+)?"
                      r"(?:decades?|years|décennies?|ans|années)(?![\w])", re.I)
_PERFECT = re.compile(r"(?<![\w])(?:has|have|had been)(?![\w])", re.I)


def history(text: str, end: int) -> bool:
    """Whether the cue ending at ``end`` states a span in the past that the text does not date:
    "hosted an American air base at Manas for more than a decade" (its clause; not "has
    operated the base for two decades", a state still held)."""
    span = re.match(r"[^,;:.]{0,60}", text[end:]).group()
    return bool(DURATION.search(span)) and not _PERFECT.search(text, 0, end)


TOPIC_KINDS = ("arms_transfer", "security_agreement", "border_agreement", "military_presence",
               "population_movement")

#: a report denied or dismissed, however long its clause: "denied that Russian troops were
#: flown to …", "a démenti que des soldats russes aient été acheminés …"
DENIED_THAT = re.compile(r"(?<![\w])(?:den(?:y|ies|ied)|dismiss\w*|reject\w*|refut\w*|"
                         r"dément\w*|démenti\w*|ni(?:e|ent|é)|rejet\w+|réfut\w+)\s+(?:that|"
                         r"reports?|claims?|que|qu['’]|les informations|les rumeurs|avoir)"
                         r"[^,;:.]*$|"
                         # "dismissed as 'pure invention' a report that", "a qualifié de
                         # fantaisiste l'information selon laquelle"
                         r"(?<![\w])(?:den(?:y|ies|ied)|dismiss\w*|reject\w*|refut\w*|"
                         r"dément\w*|démenti\w*|rejet\w+|réfut\w+|qualifi\w+)(?![\w])"
                         r"[^.;:]{0,60}?(?:reports?|claims?|rumou?rs?|allegations?|stor(?:y|ies)|"
                         r"rumeurs?|informations?|allégations?|affirmations?)(?![\w])"
                         r"[^;:.]*$|"
                         # a plan or a prospect denied or ruled out: "a démenti tout projet de
                         # retour sur la base", "denied any plan to reopen", "ruled out a return"
                         r"(?<![\w])(?:den(?:y|ies|ied)|dismiss\w*|reject\w*|refut\w*|ruled out|"
                         r"rules out|exclu\w*|écart\w*|dément\w*|démenti\w*|rejet\w+|réfut\w+)"
                         r"\s+(?:any|all|every|the|a|an|tout|toute|tous|toutes|aucun\w*|le|la|les|"
                         r"l['’]|un|une)?\s*(?:[\w-]+\s+){0,2}?(?:plans?|projets?|intentions?|"
                         r"ideas?|idée|retour|return|prospects?|perspectives?|possibilit\w+|"
                         r"hypoth\w+|option|talks|negotiations?|discussions?|négociations?|"
                         r"pourparlers|tractations)(?![\w])[^;:.]*$|"
                         # a belief or a fear, not a report: "analysts believe Moscow will send"
                         r"(?<![\w])(?:believes?|believed|think|thinks|predict\w*|fears?|feared|"
                         r"suspect(?:s|ed)?|speculat\w*|estimated that|estiment|estime que|"
                         r"croi(?:t|ent|ait|aient)|pens(?:e|ent|ait|aient)|craign\w+|crai(?:n|nt)|"
                         r"prédi\w+|spécul\w+|redout\w+)(?![\w])[^,;:.]*$", re.I)


#: a fact still to come: "will deliver", "is to host", "va livrer", "devrait accueillir"
FUTURE = re.compile(r"(?<![\w])(?:will|shall|is to|are to|(?:is|are) due to|(?:is|are) expected "
                    r"to|va|vont|devrait|devraient|doit|doivent|next|prochain\w*)(?![\w])"
                    r"(?:\s+[\w'’-]+){0,3}\s*$", re.I)
#: a French future on the cue's own verb: "livrera", "accueilleront", "enverra"
_FUTURE_FR = re.compile(r"\w+(?:era|eront|ira|iront|rra|rront)(?![\w])", re.I)
#: an object denied after the verb: "delivered no weapons", "sent nothing"
_NO_OBJECT = re.compile(r"\w*\s+(?:no|nothing|none|aucun\w*|rien)(?![\w])", re.I)
#: a link offered, drafted, conditional or still negotiated: "offered to supply", "a proposé de
#: lui vendre", "a draft defence agreement", "if Russia sent troops", "s'il livrait"
_OFFER = re.compile(r"(?<![\w])(?:propos\w+|offer\w*|offr\w+|suggest\w*|suggér\w+|draft\w*|"
                    r"in talks (?:to|on|over|about)|negotiat(?:es?|ing)|négoci(?:e|ent|ait|aient)|"
                    r"projet d['’]|(?<!even )(?<!même )(?:if|si)|s['’]ils?|unless|whether|"
                    r"à moins qu\w*)(?![\w])[^,;:.]{0,40}$", re.I)
_NEGOTIATED = re.compile(r"[^,;.]{0,50}?(?:being negotiated|under (?:negotiation|discussion|"
                         r"consideration)|en (?:cours de )?(?:négociation|discussion)|"
                         r"still (?:being )?(?:discussed|negotiated))", re.I)
#: a fact only rumoured, planned or unconfirmed: "A visit by …, rumoured for July, has not
#: been confirmed", "une visite, prévue pour mars", "an exercise slated for May"
#: a report denied after the fact: "Reports that … were posted … were denied on Monday"
_DENIED_AFTER = re.compile(r"[^.;]{0,60}?(?<![\w])(?:were|was|have been|has been|ont été|a été)\s+"
                           r"(?:(?:firmly|flatly|officially|formellement|officiellement)\s+)?"
                           r"(?:denied|dismissed|rejected|refuted|turned down|refused|declined|"
                           r"démentie?s?|rejetée?s?|refusée?s?|déclinée?s?)(?![\w])",
                           re.I)
_PLANNED = re.compile(r"[^.;]{0,60}?(?<![\w])(?:rumou?red|pencill?ed in|planned|scheduled|slated|"
                      r"expected|prévue?s?|annoncée?s?|attendue?s?|envisagée?s?|programmée?s?)\s+"
                      r"(?:for|pour|en|in|à|au|d['’]ici)(?![\w])|[^.;]{0,60}?(?:(?:has|have|had) "
                      r"not been confirmed|n['’](?:a|ont) pas été confirmée?s?|(?:has|have) yet to "
                      r"(?:be|take place|happen)|n['’](?:a|ont) pas encore (?:été fixée?s?|"
                      r"eu lieu))", re.I)
#: a link judged, not made: "une alliance … serait prématurée", "a pact would be premature"
_JUDGED = re.compile(r"[^,;.]{0,50}?(?<![\w])(?:serai\w*|would be|could be|pourrai\w* être|"
                     r"(?:est|is|remains?|reste) (?:prématuré\w*|premature|unlikely|improbable|"
                     r"hypothétique|hypothetical))(?![\w])", re.I)


#: a French future a few words before a cue: "organiseront un exercice conjoint"
_FUTURE_BEFORE = re.compile(r"(?<![\w])\w{3,}(?:eront|iront|rront|era|ira|rra)\s+(?:\S+\s+){0,2}$",
                            re.I)


def _ahead(text: str, start: int) -> bool:
    """Whether the link cue at ``start`` states a link still to come: a future before it, or
    on its first word ("is to station instructors")."""
    first = re.match(r"\S+", text[start:])
    return (future(text, start) or bool(_FUTURE_BEFORE.search(text, max(0, start - 40), start))
            or bool(first and FUTURE.search(text, max(0, start - 30), start + first.end())))


def future(text: str, start: int) -> bool:
    """Whether the event cue at ``start`` states one still to come ("will host the next
    summit", "accueillera le prochain sommet"): its date would be read into the past."""
    return bool(FUTURE.search(text, max(0, start - 30), start) or _FUTURE_FR.match(text, start))


#: a modal or a negation inside a long cue ("troops could be sent", "les forces n'ont pas
#: manœuvré ensemble"): the cue starts at its noun, the hedge sits before its verb
_INNER = re.compile(r"(?<![\w])(?:could|might|(?-i:may)|would|should|pourrai\w*|devrai\w*|"
                    r"serai\w*|aurai\w*|not|never|jamais|pas)(?![\w])|n['’](?=\w)|"
                    r"(?<![\w])(?:den(?:y|ies|ied)|démenti\w*|dément\w*|autrefois|jadis|naguère|"
                    r"once|formerly|reportedly|allegedly|aurai(?:t|ent))(?![\w])", re.I)


#: a fact named only as what a rumour or a report is about: "Les rumeurs d'une base russe",
#: "reports of Chinese troops", "claims that Turkish drones", "les informations faisant état de"
_REPORTED = re.compile(r"(?<![\w])(?:rumeurs?|rumou?rs?|reports?|claims?|allégations?|"
                       r"allegations?|informations?|spéculations?|speculation|bruits?|"
                       r"talk|possibilit(?:é|ies|y)|éventualité|hypothèse|idée|prospects?|"
                       r"ideas?|options?)\s+(?:d['’]|de|des|du|of|about|that|selon lesquelles|"
                       r"faisant état d(?:e|u|es|['’]))\s*(?:[\w'’-]+\s+){0,3}$", re.I)


#: a deal not (yet) made, said after it: "the purchase … has not been concluded", "l'achat
#: … n'a pas été finalisé", "a Turkish base … is not on the agenda", "est exclue"
_UNDONE = re.compile(r"[^.;]{0,80}?(?:(?:has|have|had|was|were|is|are)\s+(?:not|never)\s+"
                     r"(?:yet\s+)?(?:been\s+)?(?:concluded|finali[sz]ed|signed|completed|approved|agreed|"
                     r"sealed|discussed|raised|considered|on the table)|"
                     r"n['’](?:a|ont|avait|avaient|est|sont)\s+(?:pas|jamais)\s+(?:encore\s+)?"
                     r"(?:été\s+)?(?:évoquée?s?|discutée?s?|envisagée?s?|abordée?s?)|"
                     r"n['’](?:a|ont|avait|avaient|est|sont)\s+(?:pas|jamais)\s+(?:encore\s+)?"
                     r"(?:été\s+)?(?:conclue?s?|finalisée?s?|signée?s?|approuvée?s?|scellée?s?)|"
                     r"ne s['’]est pas concrétisé|(?:is|was|are|remains?)\s+(?:not|no longer)\s+"
                     r"on the agenda|(?:n['’]est|n['’]était|ne (?:reste|sera)) (?:pas|plus) "
                     r"(?:à|dans) l['’]ordre du jour|(?:is|was) (?:out of the question|ruled out|"
                     r"off the table)|(?:est|était) (?:hors de question|exclue?))", re.I)
#: a base the country left: "a quitté la base d'Ayni", "left the Manas base" (not one its host
#: closed, nor one troops were pulled out of: that presence is a fact, and the base may stay)
_LEFT_BASE = re.compile(r"(?<![\w])(?:quitt\w+|left|leaves?|leaving|"
                        r"évacu\w+|abandonn\w+|vacat\w+|"
                        r"handed back|rendu\w*|restitu\w+)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
_STAYS = re.compile(r"(?<![\w])(?:remains?|still|reste|restent|toujours|continues?|"
                    r"continue)(?![\w])", re.I)
#: "the first visit by … in almost a decade": a record compared, no new fact
_FIRST = re.compile(r"(?<![\w])(?:first|première|premier)\s+(?:[\w'’-]+\s+){0,6}$", re.I)
_IN_YEARS = re.compile(r"[^.;:]{0,80}?(?<![\w])(?:in|en|depuis|for)\s+(?:almost |nearly |over |"
                       r"more than |près d['’]|plus d['’]|presque )?(?:a |une |un )?(?:[\w-]+\s+)?"
                       r"(?:decades?|years|décennies?|ans)(?![\w])", re.I)


#: a fact only reported: "Moscou aurait livré", "reportedly delivered", "allegedly", "il n'est
#: pas exclu que", "did not rule out"
_HEARSAY = re.compile(r"(?<![\w])(?:aurai(?:t|ent)\s+(?:\w+\s+){0,2}|reportedly|allegedly|"
                      r"purportedly|reputedly|(?:is|are|was|were) said to (?:have )?|"
                      r"(?:pas|not|never) (?:été )?exclu\w*|(?:not|never) rul\w+ out|"
                      r"possible que|possibly|envisageable)(?![\w])[^,;:.]{0,60}$", re.I)
#: a whole sentence unconfirmed: "selon des sources non confirmées", "unconfirmed reports"
_UNCONFIRMED = re.compile(r"(?<![\w])(?:non confirmée?s?|unconfirmed|unverified|non vérifiée?s?)"
                          r"(?![\w])", re.I)
#: a link only to be made: "twelve drones, to be delivered in 2027", "devant être livrés"
_TO_BE = re.compile(r"(?<![\w])(?:to be|yet to be|devant être|doivent être|doit être|à être)\s+$",
                    re.I)
#: a state of old, not dated: "Russia had once kept troops", "gardait autrefois", "used to"
_ONCE = re.compile(r"(?<![\w])(?:once|formerly|used to|at one time|autrefois|jadis|naguère|"
                   r"anciennement|à l['’]époque)(?![\w])[^,;:.]{0,40}$", re.I)


def link_hedged(text: str, kind: str, start: int, end: int | None = None) -> bool:
    """Whether the link cue of ``kind`` at ``start`` (ending at ``end``) is hedged: might
    happen, denied, refused, expected, judged or only discussed. (A delivery announced for
    later, "livrera d'ici la fin de l'année", is kept: the gold files record it.)"""
    text = unaside(text)
    after = end is not None and bool(
        _NO_OBJECT.match(text, end) or _NEGOTIATED.match(text, end) or _PLANNED.match(text, end)
        or _UNDONE.match(text, end)
        or (kind == "military_presence" and _LEFT_BASE.search(text, max(0, start - 40), start)
            and not _STAYS.search(text, end))
        or (_FIRST.search(text, max(0, start - 40), start) and _IN_YEARS.match(text, end))
        or _DENIED_AFTER.match(text, end)
        or (kind.endswith("agreement") and _JUDGED.match(text, end)))
    inside = end is not None and bool(  # "troops could be sent", "border service denied
        _INNER.search(text, start, end) or DENIED_THAT.search(text, start, end))  # that …"
    after = after or inside
    inverted = re.match(r"\s*(?:had|were|should)\s[^,;:]*$", text[:start], re.I)  # "Had Russia
    return bool(after or inverted or MODAL_LINK.search(text, max(0, start - 30), start)  # sent"
                or _OFFER.search(text, max(0, start - 50), start)
                or NOT_LINK.search(text, max(0, start - 30), start)
                or DENIED_THAT.search(text, max(0, start - 120), start)
                or _REPORTED.search(text, max(0, start - 60), start)
                or _ONCE.search(text, max(0, start - 50), start)
                or _TO_BE.search(text, max(0, start - 25), start)
                or _HEARSAY.search(text, max(0, start - 60), start)
                or bool(_UNCONFIRMED.search(text))
                # a link still to come ("will hold a joint exercise in May"); a delivery or a
                # presence announced for later is kept (the gold files record them)
                or (kind not in ("arms_transfer", "military_presence") and _ahead(text, start))
                or (kind in TOPIC_KINDS and TOPIC.search(text, max(0, start - 60), start)))


#: the people a status cue may name instead: "sent observers", "des observateurs militaires"
_PEOPLE = re.compile(r"(?:sen[dt]s?|sending|dispatch\w*|deploy\w*|invit\w+|envoy\w*|dépêch\w*|"
                     r"military|election|electoral|international|foreign|des|several|plusieurs|"
                     r"quelques|few|some|\d+)\s+(?:\w+\s+){0,2}$", re.I)
#: a status cue that names members in general when "its"/"ses" comes before it
MEMBERS = re.compile(r"(?:pays |états |states )?(?:membres|members|member states)", re.I)


#: a status denied by what follows it: "NATO membership is not on the agenda", "l'adhésion …
#: n'est pas à l'ordre du jour", "is ruled out", "est exclue", "a member of neither"
NOT_AFTER = re.compile(r"\s*(?:of|in|de|d['’])?\s*(?:neither|none of|no|aucune?|ni)(?![\w])|"
                       r"[^,;.]{0,40}?(?<![\w])(?:(?:is|was|remains?|are)\s+(?:not|no longer|"
                       r"off)\b|(?:n['’](?:est|était)|ne (?:reste|sera)) (?:pas|plus)|ruled out|"
                       r"out of the question|hors de question|exclu\w*|off the table|"
                       r"pas à l['’]ordre du jour|not on the agenda)", re.I)


#: an adverb set off by commas inside a clause: "n'entend pas, en revanche, rejoindre",
#: "has, however, never joined" (read as if it were not there)
_ASIDE = re.compile(r",\s*(?:en revanche|toutefois|cependant|pourtant|néanmoins|par ailleurs|"
                    r"pour sa part|de son côté|quant à lui|quant à elle|encore une fois|"
                    r"une nouvelle fois|however|though|for its part|for their part|meanwhile|"
                    r"again|once again|in turn|moreover|officially|officiellement)\s*,", re.I)


#: a request granted: "accepted Serbia's request for", "a fait droit à la demande de"
_GRANTED = re.compile(r"(?<![\w])(?:accepted|approved|granted|endorsed|welcomed|upheld|"
                      r"accept\w+|approuv\w+|fait droit à|valid\w+|agré\w+)\s+(?:\S+\s+){0,3}$",
                      re.I)


def unaside(text: str) -> str:
    """``text`` with its comma-set adverbs blanked (same length, same offsets)."""
    return _ASIDE.sub(lambda m: " " * len(m.group()), text)


def status_hedged(before: str, status: str = "") -> bool:
    """Whether the words ``before`` a status cue deny, intend or date it in the past ("n'a
    jamais adhéré", "plans to join", "after years as an observer"), or make an observer a
    person ("sent observers to the drill")."""
    before = unaside(before)
    modal = MODAL.search(before)
    if modal and _GRANTED.search(before, 0, modal.start()):  # "accepted Serbia's request for"
        modal = None
    return bool(NEGATED.search(before) or PAST.search(before) or modal
                or (status == "observer" and _PEOPLE.search(before)))
