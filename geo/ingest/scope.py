"""What a sentence's cues reach and what they do not: a headline, goods that land, a phone call,
a drill that is a trip's purpose, a country that stayed out, a movement or presence whose other
side is the article's own country.

``s`` is a sentence as :mod:`geo.ingest.extract` reads it (its text, actors, cues, and the
article's main country ``topic_of`` with the countries named just before, ``prev``).
"""

from __future__ import annotations

import copy
import re

from geo.ingest.candidate import Candidate
from geo.ingest.coref import supplier
from geo.ingest.direction import distinct, only_border_side
from geo.ingest.kinds import Trigger, troops

__all__ = ["DECLINED", "HERE", "ORIGIN", "TITLE", "base_presence", "delivery_after", "landings",
           "genitive", "not_this_kind", "org_exits", "topic_host", "without_decliners"]

#: a movement whose goal is where the article is: "flown in from Pskov", "sont arrivés"
HERE = re.compile(r"[^.;]{0,60}?(?<![\w])(?:(?:flown|brought|sent|shipped|moved|airlifted|"
                   r"ferried|trucked|rushed|deployed) in\b|arriv\w+|débarqu\w+)", re.I)
#: talks at a distance: no visit
_REMOTE = re.compile(r"(?<![\w])(?:par téléphone|au téléphone|téléphoniques?|entretien "
                     r"téléphonique|visioconférence|en visio|by (?:tele)?phone|over the phone|"
                     r"(?:tele)?phone (?:call|conversation|talks)|video ?(?:link|call|conference)|"
                     r"by video)(?![\w])", re.I)
#: what a trip is for: "flown to Dushanbe for the drills", "en vue des exercices"
_PURPOSE = re.compile(r"(?<![\w])(?:for|to (?:join|attend|take part in|participate in)|pour|"
                      r"en vue d(?:e|u|es)|afin de participer à|pour (?:participer|prendre part) "
                      r"(?:à|aux|au))\s+(?:the |a |an |les |la |le |l['’]|des |un |une |aux |au )?"
                      r"(?:[\w'’-]+\s+){0,3}$", re.I)
#: a country that stayed out of an event: "declined an invitation to take part in", "n'a pas
#: participé à", "boycotted"
DECLINED = re.compile(r"[^.;,]{0,30}?(?<![\w])(?:declin\w+|refus\w+|turned down|stayed away|"
                       r"did not|didn['’]t|has not|have not|n['’](?:a|ont|avait) pas|"
                       r"ne (?:participe|participera|prendra)|décliné|boycott\w*|"
                       r"s['’]est abstenu\w*|"
                       r"abstained)(?![\w])", re.I)
#: an arrival that is a delivery only when goods are its subject ("six helicopters landed in")
_LANDED = re.compile(r"landed|arrived|arrival|arrivée|touched|"
                     r"(?:ont|a|sont|est) (?:atterri|arriv|débarqu)", re.I)
_ARRIVAL_NOUN = re.compile(r"arrival|arrivée", re.I)
#: a headline: one short line with no full stop of its own
TITLE = re.compile(r"\s*[^\n]{3,160}?(?<![.!?»\"”])\s*")
ORIGIN = re.compile(r"(?<![\w])(?:from|depuis|en provenance d(?:e|u))\s+(?:the |la |le |l['’])?"
                     r"$", re.I)


def landings(cues: list[Trigger], text: str) -> list[Trigger]:
    """``cues`` without the arrivals that are no delivery: goods must be the arrival's subject
    ("six helicopters landed in") or follow an arrival noun ("the arrival in Bishkek of six
    drones")."""
    goods = [c for c in cues if c.kind == "arms_transfer" and c.cue == "need"]
    return [c for c in cues if not (
        c.kind == "arms_transfer" and _LANDED.match(text, c.start)
        and not any(0 <= c.start - g.end <= 60 for g in goods)
        and not (_ARRIVAL_NOUN.match(text, c.start)
                 and any(0 <= g.start - c.end <= 40 for g in goods)))]


def org_exits(cues: list[Trigger], text: str, orgs: list) -> list[Trigger]:
    """``cues`` without the movements that are an exit from an organization ("Armenia's
    withdrawal from the EAEU", "pulled out of the CSTO", "le retrait de la Géorgie de la CEI"):
    an organization right after the cue, and no troops named up to it."""
    return [c for c in cues if not (c.kind == "troop_movement" and any(
        0 <= o.start - c.end <= 30 and not troops().search(text, c.start, o.start)
        for o in orgs))]


#: a status noun and its country as a genitive: "le retrait de l'Arménie", "the accession of
#: Uzbekistan", "la sortie de la Géorgie"
_GENITIVE = re.compile(r"(?:adhésion|retrait|sortie|départ|accession|withdrawal|departure|exit|"
                       r"admission|entrée|membership|réintégration|readmission)\s+(?:de la|"
                       r"de l['’]|du|de|d['’]|of(?: the)?)\s*", re.I)


def genitive(s, first: int) -> list[str]:
    """The country named as the genitive of the status noun at ``first``: whose status it is,
    whoever the sentence's subject ("Moscou a salué l'adhésion de l'Ouzbékistan à l'UEE")."""
    return [m.code for m in s.actors if first < m.start <= first + 40
            and _GENITIVE.fullmatch(s.text, first, m.start)][:1]


def not_this_kind(s, kind: str, main: list[Trigger], by_kind: dict) -> bool:
    """Whether the link cues ``main`` of ``kind`` state none: leaders of three countries at a
    summit (the summit, no visits), talks by phone, troops sent "for the drills" (the trip)."""
    if kind == "high_level_meeting":
        return (len(distinct(s.actors)) >= 3 and any(c.kind == "summit" for c in s.cues)) \
            or bool(_REMOTE.search(s.text))
    return kind == "joint_exercise" and "troop_movement" in by_kind and all(
        _PURPOSE.search(s.text, max(0, c.start - 60), c.start) for c in main)


def without_decliners(view):
    """The sentence seen without the countries that declined or stayed away."""
    out = [m for m in view.actors if DECLINED.match(view.text, m.end)]
    if not out:
        return view
    view = copy.copy(view)
    view.actors = [m for m in view.actors if m not in out]
    return view


def topic_host(s) -> list[tuple[str, str, bool]]:
    """A presence or an arrival whose one country is the force's owner, its host unnamed ("a
    Chinese unit is stationed near a village", "150 Russian paratroopers had been flown in"):
    the article's main country (the one it names most) is the other side, when that is another
    country and the sentence before named it."""
    codes = distinct(s.actors)
    about = s.topic_of() if len(codes) == 1 and getattr(s, "topic_of", None) else ""
    if not about or about == codes[0] or about not in getattr(s, "prev", ()) \
            or only_border_side(s, codes[0]):
        return []
    return [(codes[0], about, False)]


#: troops sent to a base: "acheminés vers la base de Kant", "flown to the air base at Kant"
_TO_BASE = re.compile(r"(?<![\w])(?:vers|à|jusqu['’]à|to|into|at)\s+(?:la |le |l['’]|the |a |une )?"
                      r"(?:[\w-]+\s+){0,2}?(?:base|garnison|garrison|airbase|airfield|polygone|"
                      r"(?:test |firing |training )?range|test site|champ de tir|"
                      r"terrain d['’]entraînement)", re.I)


def base_presence(s, found: list[Candidate]) -> list[Candidate]:
    """A movement of troops to a base also states the sender's presence there (data/README.md):
    "a contingent of Russian paratroopers was flown to the base of Kant" → Russia → Kyrgyzstan."""
    if any(c.values["kind"] == "military_presence" for c in found):
        return []
    out = []
    for c in found:
        if c.values["kind"] == "troop_movement" and _TO_BASE.search(s.text, c.anchor[0] - s.offset):
            p = Candidate("relations", {**c.values, "kind": "military_presence"},
                          c.confidence - 0.1, c.sentence, c.anchor,
                          [*c.notes, "troops moved to a base: their presence there"])
            out.append(p)
    return out[:1]


def delivery_after(s, pending: tuple | None) -> list[Candidate]:
    """A delivery whose supplier the next sentence names: "Armoured vehicles were handed to
    the Tajik border guards in February. … Beijing had paid for and supplied the batch"."""
    found = supplier(s, pending[0]) if pending else None
    if not found:
        return []
    start, end, dated = pending[2].date_near(pending[1])
    values = {"kind": "arms_transfer", "iso3_a": found[0], "iso3_b": pending[0],
              "directed": "true", "start": start, "end": end}
    return [Candidate("relations", values, 0.45 + 0.1 * dated, s.span(0, len(s.text)),
                      s.span(found[1].start, found[1].end),
                      ["the goods and their recipient are in the sentence before"])]
