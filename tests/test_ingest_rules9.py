"""geo.ingest rules of the ninth round: the topic of an agreement read to the end of its noun
phrase, office titles that are no troops, movement verbs of conveyance, the edge of a border
that is no party, drills whose troops are listed after the cue, statuses held "until then",
plans denied, rumours, exits as nouns, presences with a date inside the verb group and an
unnamed host, and the French adjective after a longer noun group. Every sentence was written
for these tests (invented facts, none taken from a fixture), one behaviour per test, French and
English, with sentences that must yield nothing."""

from __future__ import annotations

import pytest

from geo.ingest.extract import extract
from tests.test_ingest_general import PUB, _members, _relations


def _kinds(text: str, lang: str) -> set[str]:
    return {k for k, *_ in _relations(text, lang)}


def _pairs(text: str, lang: str, kind: str) -> set[tuple[str, str]]:
    return {(a, b) for k, a, b, _ in _relations(text, lang) if k == kind}


def _events(text: str, lang: str) -> list[tuple[str, str]]:
    return [(c.values["kind"], c.values["participants"])
            for c in extract(text, lang, PUB, 3) if c.table == "events"]


# -- an agreement's topic is its whole noun phrase ------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Le 4 mars 2026, l'Arménie et l'Inde ont signé un accord sur la modernisation conjointe "
     "de leurs systèmes de défense côtière.", "fr"),
    ("En février 2026, la Géorgie et la Turquie ont conclu un protocole relatif à la formation "
     "des cadets de leurs académies militaires.", "fr"),
    ("On 4 March 2026 Armenia and India signed an agreement on the joint upgrade of their "
     "ageing coastal and air defence networks.", "en"),
    ("In February 2026 Georgia and Turkey concluded a memorandum on the training of officer "
     "cadets for both armies.", "en"),
    ("Le 2 février 2026, la Mongolie et le Japon ont paraphé un mémorandum portant sur "
     "l'échange d'officiers et la lutte antiterroriste.", "fr"),
])
def test_an_agreement_whose_phrase_names_defence_is_a_security_agreement(text, lang):
    assert "security_agreement" in _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Le 4 mars 2026, l'Arménie et l'Inde ont signé un accord sur le commerce du thé, a indiqué "
     "le ministère de la Défense.", "fr"),
    ("On 4 March 2026 Armenia and India signed an agreement on tea exports, the defence "
     "ministry said.", "en"),
    ("En février 2026, la Géorgie et la Turquie ont signé un accord sur les visas étudiants.",
     "fr"),
    ("In February 2026 Georgia and Turkey signed a deal on student visas and tourism.", "en"),
])
def test_an_agreement_on_something_else_is_no_security_agreement(text, lang):
    assert "security_agreement" not in _kinds(text, lang)


# -- "she and her Kazakh counterpart": the two of the visit before -------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("The Indian defence minister arrived in Yerevan on 3 March 2026. On 4 March, after a "
     "tour of a factory, he and his Armenian counterpart signed a defence cooperation plan.",
     "en"),
    ("La ministre indienne de la Défense est arrivée à Erevan le 3 mars 2026. Le lendemain, "
     "avant de repartir, elle et son homologue arménien ont signé un accord de coopération "
     "militaire.", "fr"),
    ("The Indian defence minister arrived in Yerevan on 3 March 2026. On 4 March, before "
     "flying home, she and her Armenian counterpart signed a military cooperation agreement.",
     "en"),
    ("Le ministre indien de la Défense est arrivé à Erevan le 3 mars 2026. Le 4 mars, lui et "
     "son homologue arménien ont signé un accord de défense.", "fr"),
])
def test_the_pair_of_a_visit_signs_the_agreement_of_the_next_sentence(text, lang):
    assert _pairs(text, lang, "security_agreement") & {("IND", "ARM"), ("ARM", "IND")}
    meetings = _pairs(text, lang, "high_level_meeting")
    assert meetings == {("IND", "ARM")}  # one visit, not a second meeting the other way


# -- a troop noun that names an office ------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Georgia's armed forces minister arrived in Ankara on 3 March 2026 for talks.", "en"),
    ("Le ministre des Forces armées géorgien est arrivé à Ankara le 3 mars 2026.", "fr"),
    ("The Mongolian border guards commander flew to Beijing on 3 March 2026.", "en"),
    ("Le chef des troupes frontalières mongoles s'est rendu à Pékin le 3 mars 2026.", "fr"),
])
def test_an_office_over_troops_moves_no_troops(text, lang):
    assert "troop_movement" not in _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("In March 2026 Georgian forces were sent to Armenia.", "en"),
    ("En mars 2026, des forces géorgiennes ont été envoyées en Arménie.", "fr"),
])
def test_troops_still_move_without_an_office(text, lang):
    assert ("GEO", "ARM") in _pairs(text, lang, "troop_movement")


# -- movement verbs of conveyance, a pluperfect, a town left -------------------------------

@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("In March 2026 a Turkish engineer battalion was brought by sea from Izmir to Georgia.",
     "en", ("TUR", "GEO")),
    ("In March 2026 an Armenian regiment was transported by rail from Gyumri to Tbilisi.",
     "en", ("ARM", "GEO")),
    ("Un régiment arménien avait été transporté par le rail de Gyumri jusqu'à Tbilissi en "
     "mars 2026.", "fr", ("ARM", "GEO")),
    ("Une brigade mongole était arrivée par avion à Bichkek début mars 2026, après un vol "
     "depuis Oulan-Bator.", "fr", ("MNG", "KGZ")),
    ("An Indian battalion was shipped from Mumbai and landed at Bandar Abbas in March 2026.",
     "en", ("IND", "IRN")),
])
def test_troops_conveyed_are_a_movement(text, lang, pair):
    assert pair in _pairs(text, lang, "troop_movement")


@pytest.mark.parametrize(("text", "lang"), [
    ("In March 2026 Turkish engineers carried out repairs at a bridge in Batumi.", "en"),
    ("Les soldats arméniens étaient très nombreux à Tbilissi en mars 2026 pour le défilé.",
     "fr"),
    ("In March 2026 Indian sailors brought flowers to the memorial in Bandar Abbas.", "en"),
    ("Les militaires mongols ont transporté des vivres jusqu'à leur caserne en mars 2026.",
     "fr"),
])
def test_conveying_something_else_moves_no_troops_abroad(text, lang):
    assert not any(a != b for a, b in _pairs(text, lang, "troop_movement"))


@pytest.mark.parametrize(("text", "lang"), [
    ("In March 2026 a Turkish regiment was brought by rail to the Vaziani firing range in "
     "Georgia.", "en"),
    ("En mars 2026, un régiment turc a été acheminé vers le polygone de Vaziani, en Géorgie.",
     "fr"),
    ("In March 2026 a Turkish regiment was flown to the Vaziani test range in Georgia.", "en"),
    ("En mars 2026, un bataillon turc a été transféré vers le champ de tir de Vaziani, en "
     "Géorgie.", "fr"),
])
def test_troops_sent_to_a_range_abroad_are_present_there(text, lang):
    assert ("TUR", "GEO") in _pairs(text, lang, "military_presence")


# -- the edge of a border is no party --------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("En mars 2026, l'armée arménienne a transféré deux bataillons d'Erevan vers Gyumri, le "
     "long de la frontière turque.", "fr"),
    ("In March 2026 the Armenian army moved two battalions from Yerevan to Gyumri, along the "
     "Turkish border.", "en"),
    ("En mars 2026, l'état-major géorgien a déplacé une brigade de la garnison de Tbilissi "
     "vers la frontière russe.", "fr"),
    ("In March 2026 Georgian commanders moved a brigade from the Tbilisi garrison to the "
     "Russian border.", "en"),
])
def test_troops_moved_toward_a_border_at_home_link_no_neighbour(text, lang):
    assert not _kinds(text, lang) & {"troop_movement", "military_presence"}


# -- three countries listed after the drill -------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Du 3 au 7 mars 2026, ces manœuvres ont rassemblé près de Gyumri des soldats arméniens, "
     "indiens et géorgiens.", "fr"),
    ("From 3 to 7 March 2026 the drills brought together Armenian, Indian and Georgian "
     "troops near Gyumri.", "en"),
    ("Du 3 au 7 mars 2026, l'exercice a mobilisé des unités arméniennes, indiennes et "
     "géorgiennes.", "fr"),
    ("In March 2026 the exercise involved paratroopers from Armenia, India and Georgia.",
     "en"),
])
def test_a_drill_of_three_listed_after_it_is_one_event(text, lang):
    assert "joint_exercise" not in _kinds(text, lang)
    assert any(k == "exercise" and len(p.split(";")) == 3 for k, p in _events(text, lang))


@pytest.mark.parametrize(("text", "lang"), [
    ("In March 2026 Armenian troops drilled with Indian, Georgian and Greek units.", "en"),
    ("En mars 2026, des soldats arméniens se sont entraînés avec des unités indiennes, "
     "géorgiennes et grecques.", "fr"),
])
def test_one_country_drilling_with_three_is_still_three_links(text, lang):
    assert len(_pairs(text, lang, "joint_exercise")) == 3


# -- a status held until then --------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("En mars 2026, l'OCS a admis la Mongolie, qui se contentait jusque-là du statut "
     "d'observateur.", "fr"),
    ("In March 2026 the SCO admitted Mongolia, which had until then held observer status.",
     "en"),
    ("En mars 2026, l'OCS a fait de la Mongolie un membre : elle n'avait jusqu'alors qu'un "
     "statut d'observateur.", "fr"),
    ("In March 2026 the SCO made Mongolia a member; it had previously been an observer.",
     "en"),
])
def test_a_status_held_until_then_is_no_row(text, lang):
    got = _members(text, lang)
    assert ("SCO", "MNG", "observer") not in got
    assert ("SCO", "MNG", "member") in got


# -- plans denied or ruled out -------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Ankara a démenti tout projet d'installation sur la base aérienne de Vaziani.", "fr"),
    ("Ankara denied any plan to return to the Vaziani air base.", "en"),
    ("New Delhi a exclu toute idée d'envoyer des troupes en Arménie.", "fr"),
    ("New Delhi ruled out the prospect of troops being sent to Armenia.", "en"),
])
def test_a_plan_denied_is_no_fact(text, lang):
    assert not _kinds(text, lang)


# -- rumours and reports ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Les rumeurs d'une base turque à Batoumi ont été démenties en mars 2026.", "fr"),
    ("Reports of an Indian air base near Yerevan surfaced in March 2026.", "en"),
    ("Les informations faisant état d'une présence militaire chinoise en Mongolie "
     "circulent depuis mars 2026.", "fr"),
    ("Talk of a Russian naval base in Georgia grew louder in March 2026.", "en"),
])
def test_a_rumoured_base_is_no_presence(text, lang):
    assert "military_presence" not in _kinds(text, lang)


# -- an exit as a noun ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "row"), [
    ("Armenia's departure from the CSTO took effect on 2 March 2026.", "en",
     ("CSTO", "ARM", "member")),
    ("La sortie de l'Arménie de l'OTSC est devenue effective le 2 mars 2026.", "fr",
     ("CSTO", "ARM", "member")),
    ("Georgia's exit from the CIS became final in March 2026.", "en",
     ("CIS", "GEO", "member")),
    ("Le départ de la Géorgie de la CEI a été acté en mars 2026.", "fr",
     ("CIS", "GEO", "member")),
])
def test_a_departure_from_an_organization_is_an_exit(text, lang, row):
    assert row in _members(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia's departure from the CSTO is not on the agenda.", "en"),
    ("Le départ du ministre arménien de Moscou a été retardé en mars 2026.", "fr"),
])
def test_a_departure_that_is_no_exit(text, lang):
    assert not any(s == "member" and o == "CSTO" for o, _c, s in _members(text, lang))


# -- a presence with a date in its verb group; the host the article is about ---------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Une unité turque est stationnée depuis janvier à Batoumi, en Géorgie.", "fr"),
    ("A Turkish unit has been stationed since January at Batumi, in Georgia.", "en"),
    ("Des instructeurs turcs sont basés depuis 2025 près de Batoumi, en Géorgie.", "fr"),
    ("Turkish instructors have been based since 2025 near Batumi, in Georgia.", "en"),
])
def test_a_presence_with_a_date_after_its_verb(text, lang):
    assert ("TUR", "GEO") in _pairs(text, lang, "military_presence")


@pytest.mark.parametrize(("text", "lang"), [
    ("La Géorgie renforce ses défenses. Tbilissi a acheté des radars. Une unité turque est "
     "cantonnée depuis février dans un camp proche de la côte.", "fr"),
    ("Georgia is rebuilding its army. Tbilisi bought radars in 2025. A Turkish unit has been "
     "stationed since February at a camp near the coast.", "en"),
    ("La Géorgie diversifie ses partenaires. Tbilissi a reçu des drones. Des instructeurs "
     "turcs sont basés en permanence dans une caserne de montagne.", "fr"),
    ("Georgia keeps its options open. Tbilisi signed a deal in 2025. Turkish instructors "
     "are based near a mountain barracks.", "en"),
])
def test_a_presence_with_no_host_named_is_in_the_articles_country(text, lang):
    assert ("TUR", "GEO") in _pairs(text, lang, "military_presence")


@pytest.mark.parametrize(("text", "lang"), [
    ("La Turquie modernise son armée. Ankara a acheté des radars. Une unité turque est "
     "cantonnée depuis février dans un camp proche de la côte.", "fr"),
    ("Turkey is rebuilding its army. Ankara bought radars in 2025. A Turkish unit has been "
     "stationed since February at a camp near the coast.", "en"),
])
def test_a_force_at_home_is_no_presence(text, lang):
    assert "military_presence" not in _kinds(text, lang)


# -- the French adjective after a longer noun group ----------------------------------------

@pytest.mark.parametrize(("text", "pair"), [
    ("Six radars ont été livrés en mars 2026 aux forces aériennes géorgiennes par "
     "l'industriel turc Aselsan.", ("TUR", "GEO")),
    ("Des drones ont été remis en mars 2026 à la marine arménienne par le constructeur "
     "indien.", ("IND", "ARM")),
    ("Des blindés ont été fournis en mars 2026 à l'armée de terre mongole par le groupe "
     "public chinois Norinco.", ("CHN", "MNG")),
    ("Quatre hélicoptères ont été cédés en mars 2026 aux gardes-frontières arméniens par "
     "l'avionneur indien HAL.", ("IND", "ARM")),
])
def test_the_doer_after_par_with_its_noun_gives_the_goods(text, pair):
    assert pair in _pairs(text, "fr", "arms_transfer")
