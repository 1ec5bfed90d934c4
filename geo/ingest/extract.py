"""From an article's text to candidate facts, one sentence at a time.

Each sentence is read for countries, organizations, dates, places and kind cues
(:mod:`geo.ingest.names`, :mod:`~geo.ingest.when`, :mod:`~geo.ingest.places`,
:mod:`~geo.ingest.kinds`); a candidate needs a cue *and* the actors it applies to in the same
sentence. Precision matters more than recall here: an analyst reviews every row.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from functools import cache

from geo.ingest import coref, direction, fire, hedges, kinds, names, nlp, places, scene, scope, when
from geo.ingest.candidate import Candidate
from geo.ingest.direction import distinct
from geo.ingest.kinds import Trigger
from geo.ingest.names import Mention
from geo.ingest.spans import dep as _dep
from geo.ingest.spans import locator
from geo.ingest.spans import sentences as _sentences

__all__ = ["Candidate", "extract", "locator"]

_EVENT_PRIORITY = ("summit", "exercise", "talks", "legislation", "parade", "programme", "meeting",
                   "deployment")
_NAMED = re.compile(r"(?<![\w])([A-Z][\w]+-\d{4})(?![\w])|[«“\"]\s*([^»”\"]{3,60}?)\s*[»”\"]")
_LIST_GAP = re.compile(r"(?:\s|,|(?<![\w])(?:et|and|ou|or|ainsi que|as well as|mais aussi|but also|"
                       r"puis|then|la|le|les|l['’]|the)(?![\w]))*", re.I)
_PAST_GIVE = re.compile(r"\w+(?:ed|sold|gave|sent|lent|livré\w*|fourni\w*|vendu\w*|"
                        r"cédé\w*|offert\w*|remis)(?![\w])", re.I)
_OWNER = re.compile(r"['’]s?\s", re.I)
_CLAUSE = re.compile(r"[,;:()]|(?<![\w])(?:but|mais|while|alors que|tandis que)(?![\w])", re.I)
#: a status in apposition to the country just before it: "l'Italie – encore un membre de"
_APPOSED = re.compile(r"\s*[,–—-]\s*(?:(?:encore|aussi|également|déjà|also|already|itself|"
                      r"lui-même|elle-même) )?(?:un |une |a |an )?(?:\w+ )?", re.I)
#: an order or contract: the delivery it led to has its own, later date
_ORDER = re.compile(r"order|command|contra|purchas|achat|achet|bought", re.I)
_SINCE = re.compile(r"(?<![\w])(?:since|depuis)(?![\w])", re.I)


@dataclass
class _Sentence:
    text: str
    offset: int
    lang: str
    deps: dict[int, str]
    published: dt.date | None
    precision: int
    data_dir: str | None

    def __post_init__(self) -> None:
        s = self.text
        self.countries = names.countries(s, self.data_dir)
        self.actors = [m for m in self.countries if m.kind != "place"]
        self.orgs = names.organizations(s, self.data_dir)
        self.dates = when.find(s, self.published, self.precision)
        self.places = places.find(s, self.data_dir)
        # a cue inside an organization's name ("Organisation du traité de sécurité
        # collective") is part of a name, not a statement; but a summit's name ("the
        # Consultative Meeting of Central Asian heads of state was held") names the summit
        cues = [c for c in kinds.triggers(s, self.lang) if c.kind == "summit"
                or not any(o.start <= c.start < o.end for o in self.orgs)]
        self.cues = scope.org_exits(scope.landings(cues, s), s, self.orgs)  # "arrived": goods

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.offset + start, self.offset + end

    def date_near(self, pos: int) -> tuple[str, str, bool]:
        """(start, end, from the text?) of the date nearest ``pos``, else the publication."""
        if self.dates:
            d = min(self.dates, key=lambda f: abs(f.start - pos))
            return d.value, d.until, True
        if getattr(self, "carried", None) and getattr(self, "before", None):  # "There he met"
            return self.before.value, self.before.until, True  # the date of the one before
        last = getattr(self, "last", None)
        if last and (moved := when.days_after(self.text, last.value)):  # "le lendemain"
            return moved, "", True
        if when.SEQUEL.match(self.text) and last:  # "Dans la foulée": the last date the text gave
            return last.value, last.until, True
        if self.published is None:
            return "", "", False
        return str(self.published.year), "", False

    def undated_note(self) -> str:
        """The note of a fact whose sentence gives no date: what its start then is."""
        if self.published is None:
            return "no date in the sentence and no publication date: start left empty"
        return "no date in the sentence: the publication year stands in"

    def roles(self, cue: Trigger) -> dict[str, str]:
        out: dict[str, str] = {}
        for m in self.actors:
            near = (0 <= m.start - cue.end <= 3 and m.kind == "adjective") \
                or 0 <= cue.start - m.end <= 12  # "provide Tashkent with": an object
            r = kinds.role(self.text, m, self.lang, self.deps.get(self.offset + m.start, ""), near)
            placed = r in ("from", "to") and m.kind == "name" and out.get(m.code) == "agent"
            if r and (not out.get(m.code) or placed):  # "Uzbeks fled ... for Uzbekistan"
                out[m.code] = r
            out.setdefault(m.code, "")
        for m, nxt in itertools.pairwise(self.actors):  # "to Uzbekistan and Tajikistan"
            if out[m.code] and not out[nxt.code] and self.listed(m, nxt):
                out[nxt.code] = out[m.code]
        return out

    def listed(self, a: Mention, b: Mention) -> bool:
        """Whether ``b`` continues a list that ``a`` is in ("la Russie, la Chine et l'Iran")."""
        gap = self.text[a.end:b.start]  # a bare space is no list: "Elle lui a livré"
        return gap.strip() != "" and _LIST_GAP.fullmatch(gap) is not None


def _relations(s: _Sentence) -> list[Candidate]:
    out: list[Candidate] = []
    if hedges.CANCELLED.search(s.text):
        return out
    by_kind = kinds.settle(s.cues, len(distinct(s.actors)) == 2 and not s.orgs, s.text)
    for kind, cues in by_kind.items():
        main = [c for c in cues if c.cue in ("trigger", "give", "get")]
        if not main or (kind == "arms_transfer" and not any(c.cue == "need" for c in cues)):
            continue
        if kind == "joint_exercise" and (scene.drill_name(s) or _NAMED.search(s.text) or (
                len(distinct(s.actors)) >= 3 and s.orgs) or scene.three_drill(s, cues)):
            continue  # a named exercise, or a drill of three or more, is an event
        if scope.not_this_kind(s, kind, main, by_kind):
            continue  # a summit of three, a phone call, troops sent "for the drills"
        main = [c for c in main if not hedges.link_hedged(s.text, kind, c.start, c.end)
                and not (not s.dates and hedges.history(s.text, c.end))
                and not (kind == "high_level_meeting" and coref.same_fact(
                    s.text, c.start, bool(getattr(s, "carried", None))))]
        done: set[int] = set()
        for cue in main:  # the first cue of each clause
            k, view = direction.clause(direction.opinion(direction.past_opener(s, cue), cue),
                                       cue)
            if kind == "joint_exercise":  # "Georgia declined to take part": no party
                view = scope.without_decliners(view)
            if k not in done:
                done.add(k)
                out += _links(view, kind, cue)
    return out + scope.base_presence(s, out)


def _links(s: _Sentence, kind: str, cue: Trigger) -> list[Candidate]:
    out = []
    visits: set[tuple[str, str]] = set()
    if kind in kinds.DIRECTED:
        pairs = direction.directed(s, cue, cue.cue == "get")
    else:
        pairs = direction.undirected(s, cue)
    if not pairs and kind in ("high_level_meeting", "security_agreement", "border_agreement"):
        pairs = direction.abroad(s, cue)  # "went to Dushanbe, where he signed …": the host
    if not pairs and kind == "military_presence":
        pairs = scope.topic_host(s)  # "une unité chinoise est cantonnée près d'un village"
    if not pairs and kind == "troop_movement" and scope.HERE.search(s.text, cue.start):
        pairs = scope.topic_host(s)  # "150 Russian paratroopers had been flown in from Pskov"
    if not pairs and kind == "arms_transfer" and cue.cue == "give" and s.dates \
            and _PAST_GIVE.match(s.text, cue.start) \
            and all(m.end <= cue.start for m in s.actors):  # "Russia delivered the last four
        pairs = scope.topic_host(s)  # at the end of April": to the country named before
    if kind == "high_level_meeting":
        pairs = [(*direction.visit(s, cue, a, b, visits), sure) for a, b, sure in pairs]
    past = [d for d in s.dates if not s.published or d.value <= s.published.isoformat()]
    order = kind == "arms_transfer" and _ORDER.match(s.text, cue.start) and len(past) > 1
    at = max(past, key=lambda d: d.value).start if order else cue.start  # the delivery's
    if len(pairs) == 1 and (fired := fire.shooter(s, cue, *pairs[0][:2])):
        a, b, sure = pairs[0]
        pairs = [(fired, b if fired == a else a, sure)]
        visits.add(pairs[0][:2])  # directed: the side that fired first
    for a, b, sure in pairs:
        start, end, dated = s.date_near(at)
        conf = 0.5 + 0.15 * sure + 0.1 * dated - 0.1 * (len(distinct(s.actors)) > 3)
        directed = kind in kinds.DIRECTED or (kind == "armed_conflict" and sure
                                               and len(pairs) == 1) or (a, b) in visits
        c = Candidate("relations", {"kind": kind, "iso3_a": a, "iso3_b": b,
                                    "directed": "true" if directed else "false",
                                    "start": start, "end": end}, conf,
                      s.span(0, len(s.text)), s.span(cue.start, cue.end))
        if not dated:
            c.notes.append(s.undated_note())
        out.append(c)
    return out


def _clusters(s: _Sentence, cues: list[Trigger]) -> list[list[Trigger]]:
    """Status cues close together read as one ("membre observateur", "a full member ... after
    years as an observer"); cues further apart, or with a country or a clause break between, are
    separate statements ("A became a partner, but B is a full member"; "left the CSTO, joined
    the EAEU")."""
    out: list[list[Trigger]] = []
    for c in sorted(cues, key=lambda c: c.start):
        last = max(x.end for x in out[-1]) if out else 0
        halted = out and all(x.kind == "suspended" for x in out[-1])  # "suspended Iran's
        apart = _CLAUSE.search(s.text[last:c.start]) or any(  # observer status": one
            last <= m.start < c.start and not (halted and _OWNER.match(s.text, m.end))
            for m in s.actors)
        if out and c.start - last <= 50 and not apart:
            out[-1].append(c)
        else:
            out.append([c])
    return out


#: a relative clause after a status is about someone else: "au Bangladesh, dont la
#: candidature était soutenue par Tachkent", "to Mongolia, which Beijing had backed"
_RELATIVE = re.compile(r"[,;(]\s*(?:dont|qui|que|lequel|laquelle|où|which|who|whose|where|"
                       r"while|whom)(?![\w])", re.I)


#: a relative clause set off by commas: "The SCO, which Tajikistan chairs, admitted …"
_ASIDE_OPEN = re.compile(r",\s*(?:which|whose|whom|that|qui|que|qu['’]|dont|lequel|laquelle)"
                         r"(?![\w])[^,;:]*$", re.I)


def _aside(text: str, m, cue: int) -> bool:
    """Whether ``m`` is inside a relative clause closed by a comma before the cue at ``cue``:
    whoever it names is not the one whose status the cue states."""
    return bool(_ASIDE_OPEN.search(text, max(0, m.start - 60), m.start)) \
        and "," in text[m.end:cue]


def _subjects(s: _Sentence, lo: int, cluster: list[Trigger], prev: list[str]) -> list[str]:
    """Whose status a cluster states: the subjects (parse) or countries named since the last
    cluster; else the last cluster's ("X, which left A, joined B"); else those named after."""
    first = cluster[0].start
    if own := scope.genitive(s, first):  # "l'adhésion de l'Ouzbékistan à l'UEE"
        return own
    seg = [m for m in s.actors if lo <= m.start < first and not _aside(s.text, m, first)]
    if seg and _APPOSED.fullmatch(s.text, seg[-1].end, first):  # "l'Italie, membre de l'OTAN"
        return [seg[-1].code]
    roles = s.roles(cluster[0])
    agents = [c for c in distinct(seg) if roles.get(c) in ("agent", "patient")]
    stop = _RELATIVE.search(s.text, cluster[-1].end)  # "…, dont la candidature …"
    after = [m for m in s.actors if first <= m.start < (stop.start() if stop else len(s.text))]
    return (agents or distinct(seg) or prev
            or [c for c in distinct(after) if roles.get(c) in ("agent", "patient")]
            or distinct(after))


def _memberships(s: _Sentence) -> list[Candidate]:
    cues = [c for c in s.cues if c.table == "memberships"]
    if not cues or not s.orgs or hedges.CANCELLED.search(s.text):
        return []
    out: list[Candidate] = []
    lo, prev = 0, []
    for cluster in _clusters(s, cues):
        full = any(c.cue == "full" for c in cluster)
        status = "member" if full else kinds.statuses(cluster)[0]
        cue = next(c for c in cluster if c.kind == status)
        subjects = _subjects(s, lo, cluster, prev)
        lo, prev = max(c.end for c in cluster), subjects
        before = s.text[max(0, cluster[0].start - 40):cluster[0].start]
        generic = hedges.GENERIC.search(before)  # "its members"; "its CSTO membership" is not
        generic = generic and not any(o.end > cluster[0].start - 40 + generic.start()
                                      and o.end <= cluster[0].start for o in s.orgs)
        generic = generic and hedges.MEMBERS.match(s.text, cluster[0].start)  # "its accession"
        denied = hedges.NOT_AFTER.match(s.text, max(c.end for c in cluster))
        if generic or denied or hedges.status_hedged(before, status):
            continue  # "n'a jamais adhéré", "never joined", "after years as an observer"
        org = min(s.orgs, key=lambda o: abs(o.start - cue.start))  # the status is the org's
        for o in _org_list(s, org):  # "membre de l'OTSC et de la CEI": of each
            out += _member_rows(s, o, status, subjects, cue)
    return out


_ORG_GAP = re.compile(r"(?:\s|,|(?<![\w])(?:and|et|ou|or|as well as|ainsi que|de|du|des|la|le|"
                      r"les|the|of|both)(?![\w])|d['’]|l['’])*", re.I)


def _org_list(s: _Sentence, org: Mention) -> list[Mention]:
    """``org`` and the organizations listed right after it ("of both the CSTO and the EAEU")."""
    out = [org]
    for o in s.orgs:
        if o.start >= out[-1].end and _ORG_GAP.fullmatch(s.text, out[-1].end, o.start):
            out.append(o)
    return out


def _member_rows(s: _Sentence, org: Mention, status: str, subjects: list[str],
                 cue: Trigger) -> list[Candidate]:
    out = []
    start, _end, dated = s.date_near(cue.start)
    org_id = names.org_for_date(org.code, start, s.data_dir)
    held = org_id != org.code and _SINCE.search(s.text)  # a status still held, in the org
    for code in subjects:  # the text names: "observer in the OTS since 2018"
        values = {"org_id": org.code if held else org_id, "iso3": code,
                  "status": status, "start": start, "end": ""}
        notes = [] if dated else [s.undated_note()]
        if held:
            notes.append(f"held since before {org.code} was founded: the period before its "
                         f"founding belongs to {org_id}")
        if status == "exit":
            values.update(status="member", start="", end=start)
            notes = ["an exit: it closes a membership period; give that period's start"]
        conf = 0.55 + 0.1 * dated + 0.1 * (len(s.orgs) == 1) - 0.15 * (len(s.actors) > 3)
        out.append(Candidate("memberships", values, conf, s.span(0, len(s.text)),
                             s.span(cue.start, cue.end), notes))
    return out


def _events(s: _Sentence) -> list[Candidate]:
    actors = [m for m in s.actors if not direction.border_side(s.text, m)
              and not scope.DECLINED.match(s.text, m.end)]  # "Turkmenistan declined …"
    participants = distinct(actors) or distinct([m for m in s.countries if m.kind == "place"])
    drills = [c for c in s.cues if c.kind == "joint_exercise"]
    cues = [c for c in s.cues if c.table == "events"] or scene.home_moves(s) or [
        Trigger("events", "exercise", "trigger", c.start, c.end) for c in drills
        if scene.three_drill(s, drills)][:1]  # "A, B and C trained together"
    if not cues or hedges.CANCELLED.search(s.text):
        return []
    drill = scene.drill_name(s)
    if len(participants) < 3 and not drill and not _NAMED.search(s.text):
        # an unnamed drill of one or two countries is a joint_exercise link, not an event
        cues = [c for c in cues if c.kind != "exercise"] or cues[:0]
    abroad = any(p.iso3 not in participants for p in s.places)  # a summit held elsewhere
    if len(participants) == 2 and not s.orgs:  # two countries meeting: a link (a visit)
        cues = [c for c in cues if c.kind not in ("meeting", "talks") and (c.kind != "summit"
                or abroad or not any(x.kind == "high_level_meeting" for x in s.cues))]
    if not cues:
        return []
    cue = min(cues, key=lambda c: _EVENT_PRIORITY.index(c.kind))
    if hedges.future(s.text, cue.start):
        return []
    if cue.kind == "deployment":  # troops sent to their own border: the far side is no party
        participants = [c for c in participants if not direction.across_border(s, c)]
    spots = [p for p in s.places  # a town the troops came from is not where the event was
             if not scope.ORIGIN.search(s.text, max(0, p.start - 30), p.start)]
    place = min(spots, key=lambda p: abs(p.start - cue.start)) if spots else None
    if place and not participants:
        participants = [place.iso3]
    if cue.kind == "summit":
        participants = scene.summit_parties(s, place, participants)
    start, end, dated = s.date_near(cue.start)
    named = _NAMED.search(s.text, max(0, cue.start - 80))
    name = (named.group(1) or named.group(2)) if named else drill
    year = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", name)
    if not dated and year:  # "the Interaction-2024 exercise": its name says the year
        start, end, dated = year.group(), "", True
    if not participants or not (dated or place):
        return []
    values = {"kind": cue.kind, "start": start, "end": end,
              "participants": ";".join(participants), "name": name,
              "place": place.name if place else "",
              "lat": f"{place.lat:.4f}" if place else "",
              "lon": f"{place.lon:.4f}" if place else ""}
    conf = 0.45 + 0.15 * dated + 0.1 * bool(place) + 0.05 * bool(name)
    return [Candidate("events", values, conf, s.span(0, len(s.text)), s.span(cue.start, cue.end))]


def extract(text: str, lang: str, published: dt.date | None, precision: int,
            data_dir: str | None = None) -> list[Candidate]:
    """Candidates of every sentence of ``text``, in reading order. Paragraphs are parsed
    apart: a line break always ends a sentence (titles and captions have no full stop)."""
    pipe = nlp.pipeline(lang)
    places.find(text, data_dir)  # every town name of the text looked up in one pass
    paras = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    if len(paras) > 1 and scope.TITLE.fullmatch(paras[0][1]):  # a headline: the body states its
        paras = paras[1:]  # facts, with their dates ("Mirziyoyev in Dushanbe as shots ring out")
    out: list[Candidate] = []
    prev, orgs_before = [], []  # the codes and the organizations named before
    named: list[str] = []  # the countries of the sentence before, those it carried included
    pending, dates, cut, last = None, [], 0, None
    visit: tuple[str, ...] = ()  # the last visit read: "The trip yielded …" goes on about it
    about = cache(lambda: coref.topic(names.countries(text, data_dir)))  # asked for: counted
    # the small French model splits sentences at a curly apostrophe ("d’Asie"): parse with a
    # straight one (one character for one, so every offset still points into ``text``)
    for (p0, _), doc in zip(paras, pipe.pipe(p.replace("’", "'") for _, p in paras),
                            strict=True):
        deps = {p0 + t.idx: _dep(t) for t in doc}
        for a, b in _sentences(doc):
            s = _Sentence(doc.text[a:b], p0 + a, lang, deps, published, precision, data_dir)
            here = prev + [c for c in named if c not in prev]  # and those it carried
            s.topic_of, s.prev = about, [*here, *named]  # named before, carried ones too
            if re.search(r"\w", s.text):  # a lone "." the parser split off is no sentence
                prev = coref.antecedents(s.actors, s.orgs, deps, s.offset, s.countries, s.places)
            if s.cues and (carried := coref.carry(s.text, s.actors, here)
                           or coref.carry_visit(s.text, s.actors, visit)
                           or coref.topic_ref(s.text, s.actors, about, here)):
                coref.add(s, carried)
            if not s.orgs and any(c.table == "memberships" for c in s.cues):
                s.orgs = coref.carry_org(s.text, orgs_before)  # "the bloc", "l'alliance"
            orgs_before = s.orgs or orgs_before if re.search(r"\w", s.text) else orgs_before
            named = [m.code for m in s.actors] if re.search(r"\w", s.text) else named
            s.before, first = (dates[0] if dates else None), len(out)
            s.last = last
            last = s.dates[-1] if s.dates else last
            if s.actors or s.places:
                out += coref.noted(s, _memberships(s) + _relations(s) + _events(s))
            visit = next((tuple(c.values[k] for k in ("iso3_a", "iso3_b")) for c in out[first:]
                          if c.values.get("kind") == "high_level_meeting"), visit)
            coref.date_from_next(out[cut:first], s)  # "… des blindés. La livraison … en avril."
            coref.confirmed(out[cut:first], s)  # "… fired across the border. Kabul admitted it."
            if re.search(r"\w", s.text):
                dates, cut = s.dates, first
            out += scope.delivery_after(s, pending)
            pending = coref.lone_delivery(s) if re.search(r"\w", s.text) else pending
    return out
