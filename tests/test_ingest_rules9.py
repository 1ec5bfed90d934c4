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


# -- "became a partner of" -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Mongolia became a partner of the SCO in March 2026.", "en"),
    ("La Mongolie est devenue partenaire de l'OCS en mars 2026.", "fr"),
    ("Mongolia was made a partner of the SCO in March 2026.", "en"),
    ("En mars 2026, la Mongolie devient un nouveau partenaire de l'OCS.", "fr"),
])
def test_becoming_a_partner_is_a_partner_status(text, lang):
    assert ("SCO", "MNG", "partner") in _members(text, lang)


# -- "During the visit": the same meeting ---------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Georgia's defence minister travelled to Yerevan on 3 March 2026. During the visit the "
     "two sides signed a military cooperation plan.", "en"),
    ("Le ministre géorgien de la Défense s'est rendu à Erevan le 3 mars 2026. Lors de la "
     "visite, les deux parties ont signé un accord de défense.", "fr"),
    ("Georgia's defence minister flew to Yerevan on 3 March 2026. At the end of the visit "
     "both governments signed a defence pact.", "en"),
    ("Le ministre géorgien de la Défense est arrivé à Erevan le 3 mars 2026. Au cours de la "
     "visite, les deux pays ont signé un accord de sécurité.", "fr"),
])
def test_a_sentence_about_the_visit_adds_no_second_meeting(text, lang):
    assert _pairs(text, lang, "high_level_meeting") == {("GEO", "ARM")}
    assert _pairs(text, lang, "security_agreement")


# -- a drill as the purpose of a trip ------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Cent soldats géorgiens se sont envolés le 3 mars 2026 pour Erevan, en vue des "
     "exercices de l'OTSC.", "fr"),
    ("On 3 March 2026 a Georgian company of soldiers flew to Yerevan to take part in the "
     "drills.", "en"),
    ("Des parachutistes géorgiens ont été envoyés en Arménie en mars 2026 pour participer aux "
     "manœuvres.", "fr"),
    ("In March 2026 Georgian paratroopers were sent to Armenia for the exercises.", "en"),
])
def test_troops_sent_for_a_drill_are_a_movement_not_a_joint_drill(text, lang):
    assert ("GEO", "ARM") in _pairs(text, lang, "troop_movement")
    assert "joint_exercise" not in _kinds(text, lang)


# -- training teams, "installée", "déplacé" ------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "kind", "pair"), [
    ("Since January 2026 a Greek training team has been based at an Armenian army school in "
     "Gyumri.", "en", "military_presence", ("GRC", "ARM")),
    ("Depuis janvier 2026, une équipe d'instructeurs grecs est installée dans une école "
     "militaire de Gyumri, en Arménie.", "fr", "military_presence", ("GRC", "ARM")),
    ("In March 2026 an Indian advisory team was posted to a base near Yerevan.", "en",
     "military_presence", ("IND", "ARM")),
    ("En mars 2026, l'armée indienne a déplacé deux brigades vers l'Arménie.", "fr",
     "troop_movement", ("IND", "ARM")),
])
def test_more_troop_nouns_and_verbs(text, lang, kind, pair):
    assert pair in _pairs(text, lang, kind)


@pytest.mark.parametrize(("text", "lang"), [
    ("En mars 2026, l'armée arménienne a déplacé deux brigades de Gyumri vers Vanadzor.", "fr"),
    ("In March 2026 the Armenian army moved two brigades from Gyumri to Vanadzor.", "en"),
])
def test_brigades_moved_between_home_towns_are_a_deployment(text, lang):
    assert ("deployment", "ARM") in _events(text, lang)


# -- a country that stayed out of an event -------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Georgia declined to take part in the Caspian Guard-2026 exercise held by Russia and "
     "Iran in March 2026.", "en"),
    ("La Géorgie a refusé de participer à l'exercice Bouclier-2026 organisé par la Russie et "
     "l'Iran en mars 2026.", "fr"),
    ("Georgia stayed away from the naval exercise Caspian Guard-2026 that Russia and Iran "
     "staged in March 2026.", "en"),
    ("La Géorgie n'a pas pris part aux manœuvres navales Bouclier-2026 de la Russie et de "
     "l'Iran en mars 2026.", "fr"),
])
def test_a_country_that_declined_is_no_participant(text, lang):
    parts = [p for k, p in _events(text, lang) if k == "exercise"]
    assert parts and all("GEO" not in p.split(";") for p in parts)


@pytest.mark.parametrize(("text", "lang"), [
    ("Georgia declined to join the drills that Russia and Iran held in March 2026.", "en"),
    ("La Géorgie a refusé de se joindre aux exercices militaires que la Russie et l'Iran ont "
     "tenus en mars 2026.", "fr"),
])
def test_a_country_that_declined_a_drill_of_two_has_no_link(text, lang):
    assert not {p for p in _pairs(text, lang, "joint_exercise") if "GEO" in p}


# -- statuses sought, bases left, deals not made, records compared -------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("La Serbie réclame depuis 2024 le statut d'observateur à l'OTSC.", "fr"),
    ("Serbia has lobbied since 2024 for observer status in the CSTO.", "en"),
    ("La Serbie sollicite depuis 2024 le statut d'observateur auprès de l'OTSC.", "fr"),
    ("Serbia has campaigned for a CSTO observer seat since 2024.", "en"),
])
def test_a_status_sought_is_no_status(text, lang):
    assert not _members(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("La France a quitté la base de Douchanbé il y a plusieurs années.", "fr"),
    ("France left the air base at Dushanbe years ago.", "en"),
    ("Les Américains ont abandonné la base de Manas au Kirghizistan depuis longtemps.", "fr"),
    ("The US vacated the Manas air base in Kyrgyzstan long ago.", "en"),
])
def test_a_base_left_is_no_presence(text, lang):
    assert "military_presence" not in _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("A Georgian purchase of Turkish drones has not been concluded, Tbilisi said.", "en"),
    ("L'achat de drones turcs par la Géorgie n'a pas été finalisé, selon Tbilissi.", "fr"),
    ("A Greek base in Armenia is not on the agenda, Yerevan said.", "en"),
    ("Une base grecque en Arménie n'est pas à l'ordre du jour, selon Erevan.", "fr"),
])
def test_a_deal_not_made_or_off_the_agenda_is_no_fact(text, lang):
    assert not _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("It was the first visit by a Greek defence minister to Armenia in almost a decade.", "en"),
    ("C'était la première visite d'un ministre grec de la Défense en Arménie depuis près "
     "d'une décennie.", "fr"),
    ("This was the first trip by a Georgian president to Armenia in fifteen years.", "en"),
    ("Il s'agissait du premier voyage d'un président géorgien en Arménie depuis quinze ans.",
     "fr"),
])
def test_a_first_in_years_is_no_new_meeting(text, lang):
    assert "high_level_meeting" not in _kinds(text, lang)


# -- a force kept abroad; goods counted as they land ---------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("The US maintains a small contingent of instructors in Georgia.", "en"),
    ("Les États-Unis maintiennent un petit contingent d'instructeurs en Géorgie.", "fr"),
    ("Washington keeps a team of military advisers at a base in Georgia.", "en"),
    ("Washington conserve une mission de formation en Géorgie depuis 2024.", "fr"),
])
def test_troops_kept_abroad_are_a_presence(text, lang):
    assert ("USA", "GEO") in _pairs(text, lang, "military_presence")


@pytest.mark.parametrize(("text", "lang"), [
    ("The first two of six Italian-built transport aircraft landed in Yerevan in March 2026.",
     "en"),
    ("Les deux premiers des six avions de transport italiens ont atterri à Erevan en mars "
     "2026.", "fr"),
    ("In March 2026 four Italian helicopters arrived in Yerevan, the last of the batch.", "en"),
    ("En mars 2026, quatre hélicoptères italiens sont arrivés à Erevan.", "fr"),
])
def test_goods_counted_as_they_land_are_a_delivery(text, lang):
    assert ("ITA", "ARM") in _pairs(text, lang, "arms_transfer")


@pytest.mark.parametrize(("text", "lang"), [
    ("The Italian president landed in Yerevan in March 2026 for talks.", "en"),
    ("Deux ministres italiens sont arrivés à Erevan en mars 2026.", "fr"),
    ("Two hundred Italian soldiers arrived in Yerevan in March 2026.", "en"),
])
def test_people_landing_are_no_delivery(text, lang):
    assert "arms_transfer" not in _kinds(text, lang)


# -- phase 2 (after reading half B): an agreement's phrase that ends at a border -----------

@pytest.mark.parametrize(("text", "lang"), [
    ("On 4 March 2026 Armenia and Georgia signed a protocol on the last disputed stretches of "
     "their common border.", "en"),
    ("Le 4 mars 2026, l'Arménie et la Géorgie ont signé un protocole sur les derniers "
     "tronçons contestés de leur frontière.", "fr"),
    ("In March 2026 Armenia and Georgia concluded an agreement covering the marking of the "
     "remaining sections of the frontier.", "en"),
    ("En mars 2026, l'Arménie et la Géorgie ont conclu un accord relatif au bornage des "
     "derniers secteurs du tracé.", "fr"),
])
def test_an_agreement_whose_phrase_ends_at_the_border_is_a_border_agreement(text, lang):
    assert "border_agreement" in _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("On 4 March 2026 Armenia and Georgia signed an agreement on training their border "
     "guards.", "en"),
    ("En mars 2026, l'Arménie et la Géorgie ont signé un accord de commerce, près de la "
     "frontière.", "fr"),
])
def test_an_agreement_on_border_guards_or_near_the_border_is_no_border_agreement(text, lang):
    assert "border_agreement" not in _kinds(text, lang)


# -- a headline states no fact of its own ---------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Pashinyan in Tbilisi as shots ring out on the Azerbaijani border\n\nArmenia's prime "
     "minister visited Georgia on 3 March 2026.", "en"),
    ("Erevan livre des drones à Tbilissi pendant que Bakou proteste\n\nLe Premier ministre "
     "arménien s'est rendu en Géorgie le 3 mars 2026.", "fr"),
    ("Yerevan buys Indian guns, Baku shrugs\n\nArmenia's prime minister visited Georgia on 3 "
     "March 2026.", "en"),
    ("Moscou et Bakou : la frontière s'embrase\n\nLe Premier ministre arménien s'est rendu en "
     "Géorgie le 3 mars 2026.", "fr"),
])
def test_a_headline_yields_nothing_and_the_body_its_facts(text, lang):
    assert _relations(text, lang) == {("high_level_meeting", "ARM", "GEO", "true")}


# -- a town named by its airfield, range or garrison ---------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Le 3 mars 2026, 150 soldats arméniens ont été transportés depuis Erevan jusqu'à "
     "l'aérodrome de Koutaïssi.", "fr"),
    ("On 3 March 2026 some 150 Armenian soldiers were airlifted from Yerevan to the airfield "
     "of Kutaisi.", "en"),
    ("En mars 2026, un bataillon arménien a été acheminé vers le polygone de Koutaïssi.", "fr"),
    ("In March 2026 an Armenian battalion was flown to the airport of Kutaisi.", "en"),
])
def test_a_town_named_by_its_airfield_is_the_destination(text, lang):
    assert ("ARM", "GEO") in _pairs(text, lang, "troop_movement")


# -- goods after an impersonal arrival; electronic-warfare systems -------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Il est arrivé en mars 2026 d'Ankara six systèmes de guerre électronique, que la Turquie "
     "a fournis à l'armée géorgienne.", "fr"),
    ("In March 2026 Turkey delivered six electronic-warfare systems to the Georgian army.",
     "en"),
    ("Sont arrivés en mars 2026 à Tbilissi six brouilleurs livrés par la Turquie.", "fr"),
    ("There arrived in Tbilisi in March 2026 six jammers supplied by Turkey.", "en"),
])
def test_goods_arriving_are_a_delivery_not_a_visit(text, lang):
    assert ("TUR", "GEO") in _pairs(text, lang, "arms_transfer")
    assert "high_level_meeting" not in _kinds(text, lang)


# -- "se trouvent en permanence", "are present" ---------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Depuis mars 2026, des instructeurs grecs se trouvent en permanence à l'académie "
     "militaire d'Erevan.", "fr"),
    ("Since March 2026 Greek instructors have been present at the military academy in "
     "Yerevan.", "en"),
    ("Des conseillers militaires grecs sont présents depuis mars 2026 en Arménie.", "fr"),
    ("Greek military advisers have been located since March 2026 at a base in Armenia.", "en"),
])
def test_troops_that_are_there_are_a_presence(text, lang):
    assert ("GRC", "ARM") in _pairs(text, lang, "military_presence")


# -- a possibility, an idea, a prospect ----------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("La presse a évoqué la possibilité d'une base grecque en Arménie.", "fr"),
    ("Newspapers raised the possibility of a Greek base in Armenia.", "en"),
    ("L'hypothèse d'une base grecque en Arménie n'est pas dans l'ordre du jour.", "fr"),
    ("The idea of a Greek air base in Armenia has been floated again.", "en"),
])
def test_a_possible_base_is_no_presence(text, lang):
    assert "military_presence" not in _kinds(text, lang)


# -- a status given by the members; "full participant"; "made X its partner" ---------------

@pytest.mark.parametrize(("text", "lang", "row"), [
    ("The SCO summit opened in Astana on 3 March 2026. The leaders admitted Laos as a full "
     "participant.", "en", ("SCO", "LAO", "member")),
    ("Le sommet de l'OCS s'est ouvert à Astana le 3 mars 2026. Les dirigeants ont admis le "
     "Laos comme participant à part entière.", "fr", ("SCO", "LAO", "member")),
    ("The SCO summit opened in Astana on 3 March 2026. The heads of state granted Laos "
     "observer status.", "en", ("SCO", "LAO", "observer")),
    ("Le sommet de l'OCS s'est ouvert à Astana le 3 mars 2026. Les chefs d'État ont accordé "
     "au Laos le statut d'observateur.", "fr", ("SCO", "LAO", "observer")),
])
def test_a_status_the_members_give_is_the_organization_of_the_sentence_before(text, lang, row):
    assert row in _members(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("The CSTO has made Serbia its newest partner, the secretariat said on 3 March 2026.",
     "en"),
    ("L'OTSC a fait de la Serbie son nouveau partenaire, a annoncé le secrétariat le 3 mars "
     "2026.", "fr"),
    ("In March 2026 the CSTO welcomed Serbia as a partner.", "en"),
    ("En mars 2026, l'OTSC a accueilli la Serbie comme partenaire.", "fr"),
])
def test_made_its_partner_is_a_partner_status(text, lang):
    assert ("CSTO", "SRB", "partner") in _members(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("The Consultative Meeting of Central Asian heads of state was held in Astana on 3 March "
     "2026.", "en"),
    ("La Réunion consultative des chefs d'État d'Asie centrale s'est tenue à Astana le 3 mars "
     "2026.", "fr"),
])
def test_a_summit_named_as_its_format_is_a_summit(text, lang):
    assert ("summit", "KAZ") in _events(text, lang)


# -- training as a modifier; convoys that are not military ---------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Since March 2026 a Greek naval training team has worked with Armenian crews.", "en"),
    ("In March 2026 Greece opened a naval training centre with Armenian help.", "en"),
    ("On 3 March 2026 a convoy of smugglers crossed from Armenia into Georgia.", "en"),
    ("On 3 March 2026 a convoy of lorries carrying aid crossed from Armenia into Georgia.",
     "en"),
])
def test_no_drill_from_a_training_team_and_no_move_from_a_civilian_convoy(text, lang):
    assert not _kinds(text, lang) & {"joint_exercise", "troop_movement"}


@pytest.mark.parametrize(("text", "lang"), [
    ("En mars 2026, la Grèce a livré à l'Arménie des véhicules de transport de troupes.", "fr"),
    ("In March 2026 Greece delivered troop transport vehicles to Armenia.", "en"),
])
def test_troop_carriers_are_goods_not_a_movement(text, lang):
    assert "troop_movement" not in _kinds(text, lang)
    assert ("GRC", "ARM") in _pairs(text, lang, "arms_transfer")


# -- more ordinary wordings found failing after phase 2 ------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Le 3 mars 2026, une patrouille arménienne a essuyé des tirs venus du côté azerbaïdjanais.",
     "fr"),
    ("On 3 March 2026 an Armenian patrol came under fire from the Azerbaijani side.", "en"),
    ("Le 3 mars 2026, des soldats azerbaïdjanais ont tiré depuis l'autre côté sur un poste "
     "arménien, a reconnu Bakou.", "fr"),
    ("On 3 March 2026 Azerbaijani troops fired across the border at an Armenian post, Baku "
     "admitted.", "en"),
])
def test_fire_from_the_other_side_is_a_directed_clash(text, lang):
    assert ("AZE", "ARM") in _pairs(text, lang, "border_conflict")


@pytest.mark.parametrize(("text", "lang"), [
    ("In March 2026 the Armenian army reinforced its border with Azerbaijan with two extra "
     "battalions.", "en"),
    ("En mars 2026, l'armée arménienne a renforcé sa frontière avec l'Azerbaïdjan par deux "
     "bataillons supplémentaires.", "fr"),
    ("In March 2026 Armenia reinforced its southern border with three companies of "
     "paratroopers.", "en"),
    ("En mars 2026, l'Arménie a renforcé ses positions du sud avec trois compagnies de "
     "parachutistes.", "fr"),
])
def test_a_border_reinforced_at_home_is_a_deployment(text, lang):
    assert ("deployment", "ARM") in _events(text, lang)
    assert "troop_movement" not in _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Russia had once kept troops on the Armenian-Turkish border.", "en"),
    ("La Russie gardait autrefois des troupes à la frontière arméno-turque.", "fr"),
    ("Greece formerly stationed instructors in Armenia.", "en"),
    ("La Grèce avait jadis des instructeurs basés en Arménie.", "fr"),
])
def test_a_presence_of_old_undated_is_no_fact(text, lang):
    assert "military_presence" not in _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Selon des analystes, la Grèce pourrait ouvrir une base en Arménie.", "fr"),
    ("Analysts say Greece could soon open a base in Armenia.", "en"),
    ("L'Ouzbékistan a exclu de réintégrer l'OTSC.", "fr"),
    ("Uzbekistan ruled out rejoining the CSTO.", "en"),
    ("A meeting between the Armenian and Georgian presidents, expected in April 2026, has yet "
     "to be scheduled.", "en"),
    ("Une rencontre entre les présidents arménien et géorgien, attendue en avril 2026, n'a pas "
     "encore été fixée.", "fr"),
])
def test_possible_refused_or_unscheduled_is_no_fact(text, lang):
    assert not _kinds(text, lang) and not _members(text, lang)


def test_an_exclusion_from_an_organization_is_still_an_exit():
    assert ("CSTO", "ARM", "member") in _members(
        "L'Arménie a été exclue de l'OTSC le 3 mars 2026.", "fr")


@pytest.mark.parametrize(("text", "lang", "kind", "pair"), [
    ("Since February 2026 some 40 Greek police officers have been stationed at a post in "
     "Armenia.", "en", "military_presence", ("GRC", "ARM")),
    ("Depuis février 2026, une quarantaine de policiers grecs sont stationnés dans un poste en "
     "Arménie.", "fr", "military_presence", ("GRC", "ARM")),
    ("Six armoured vehicles were handed to the Armenian police on 3 March 2026. Athens paid for "
     "the whole batch.", "en", "arms_transfer", ("GRC", "ARM")),
    ("Six véhicules blindés ont été remis le 3 mars 2026 à la police arménienne. Athènes a "
     "financé l'ensemble du lot.", "fr", "arms_transfer", ("GRC", "ARM")),
    ("Armenia's defence minister was in Athens on 3 March 2026.", "en", "high_level_meeting",
     ("ARM", "GRC")),
    ("Le ministre arménien de la Défense était à Athènes le 3 mars 2026.", "fr",
     "high_level_meeting", ("ARM", "GRC")),
])
def test_police_abroad_a_batch_paid_for_and_a_minister_in_a_capital(text, lang, kind, pair):
    assert pair in _pairs(text, lang, kind)


@pytest.mark.parametrize(("text", "lang"), [
    ("Greek police officers were in Athens on 3 March 2026 for a parade.", "en"),
    ("Armenia's parliament was in session on 3 March 2026.", "en"),
])
def test_no_visit_from_troops_at_home_or_a_session(text, lang):
    assert "high_level_meeting" not in _kinds(text, lang)


# -- from whole articles of the session's own ---------------------------------------------

@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("Greek peacekeepers left for Cyprus on 3 March 2026.", "en", ("GRC", "CYP")),
    ("Des casques bleus grecs sont partis pour Chypre le 3 mars 2026.", "fr", ("GRC", "CYP")),
    ("On 3 March 2026 Armenian sappers left for Syria.", "en", ("ARM", "SYR")),
    ("Le 3 mars 2026, des sapeurs arméniens sont partis vers la Syrie.", "fr", ("ARM", "SYR")),
])
def test_troops_that_left_for_a_country_went_there(text, lang, pair):
    assert pair in _pairs(text, lang, "troop_movement")


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenian peacekeepers left for Cyprus on 3 March 2026, and a rotation of 40 Greek "
     "instructors arrived in Yerevan.", "en"),
    ("Des casques bleus arméniens sont partis pour Chypre le 3 mars 2026, et une rotation de "
     "40 instructeurs grecs est arrivée à Erevan.", "fr"),
])
def test_two_clauses_with_their_own_subjects_are_two_movements(text, lang):
    got = _pairs(text, lang, "troop_movement")
    assert {("ARM", "CYP"), ("GRC", "ARM")} <= got
    assert ("GRC", "CYP") not in got
    assert "high_level_meeting" not in _kinds(text, lang)  # instructors are no visitors


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia's defence minister flew to Seoul on 3 March 2026. The next day he and his South "
     "Korean counterpart signed an agreement on the exchange of military doctors.", "en"),
    ("The Armenian president travelled to Seoul on 3 March 2026. On 4 March, she and her South "
     "Korean counterpart signed a defence cooperation memorandum.", "en"),
])
def test_a_counterpart_of_a_two_word_nationality_is_the_host(text, lang):
    assert _pairs(text, lang, "security_agreement") & {("ARM", "KOR"), ("KOR", "ARM")}
    assert _pairs(text, lang, "high_level_meeting") == {("ARM", "KOR")}


@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("Georgia has taken delivery of a second batch of Israeli-made air-defence systems.", "en",
     ("ISR", "GEO")),
    ("Armenia has now taken possession of four Indian-built radars.", "en", ("IND", "ARM")),
])
def test_taken_delivery_is_a_receipt(text, lang, pair):
    assert pair in _pairs(text, lang, "arms_transfer")


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenian and Azerbaijani troops exchanged fire overnight on 3 March 2026 near the "
     "village of Sotk.", "en"),
    ("Dans la nuit du 3 mars 2026, soldats arméniens et azerbaïdjanais ont échangé des tirs "
     "près du village de Sotk.", "fr"),
    ("On 3 March 2026 Armenian and Azerbaijani units traded heavy fire near Sotk.", "en"),
    ("Le 3 mars 2026, des unités arméniennes et azerbaïdjanaises ont échangé des coups de feu "
     "près de Sotk.", "fr"),
])
def test_two_armies_exchanging_fire_is_a_border_clash(text, lang):
    assert _pairs(text, lang, "border_conflict") & {("ARM", "AZE"), ("AZE", "ARM")}


@pytest.mark.parametrize(("text", "lang"), [
    ("Russia's request to use the Gyumri air base again was turned down in 2025.", "en"),
    ("La demande russe d'utiliser de nouveau la base de Gyumri a été refusée en 2025.", "fr"),
    ("A Greek offer to station instructors in Armenia was declined in 2025.", "en"),
    ("Armenia's request to buy Indian drones was rejected in 2025.", "en"),
])
def test_a_request_turned_down_is_no_fact(text, lang):
    assert not _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang", "row"), [
    ("The CSTO summit opened in Minsk on 3 March 2026. Armenia, which froze its membership in "
     "2024, sent nobody.", "en", ("CSTO", "ARM", "suspended")),
    ("Le sommet de l'OTSC s'est ouvert à Minsk le 3 mars 2026. L'Arménie, qui a gelé sa "
     "participation en 2024, n'a envoyé personne.", "fr", ("CSTO", "ARM", "suspended")),
    ("The OTS met in Baku on 3 March 2026. Hungary upgraded its status to full member.", "en",
     ("OTS", "HUN", "member")),
    ("L'OET s'est réunie à Bakou le 3 mars 2026. La Hongrie a suspendu sa participation.", "fr",
     ("OTS", "HUN", "suspended")),
])
def test_its_membership_is_in_the_organization_of_the_sentence_before(text, lang, row):
    assert row in _members(text, lang)


@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("L'Arménie a reçu en mars 2026 six drones commandés à New Delhi.", "fr", ("IND", "ARM")),
    ("En mars 2026, la Géorgie a réceptionné des radars achetés à Ankara.", "fr",
     ("TUR", "GEO")),
    ("In March 2026 Georgia did accept two Turkish-built patrol boats.", "en", ("TUR", "GEO")),
    ("Armenia will accept Indian-made howitzers in March 2026, officials said.", "en",
     ("IND", "ARM")),
])
def test_goods_bought_from_a_capital_or_accepted(text, lang, pair):
    assert pair in _pairs(text, lang, "arms_transfer")


@pytest.mark.parametrize(("text", "lang"), [
    ("Greek and Armenian infantry units will hold a joint exercise near Gyumri in May.", "en"),
    ("Des unités grecques et arméniennes organiseront un exercice conjoint près de Gyumri en "
     "mai.", "fr"),
    ("Greece is to send instructors to Armenia next year.", "en"),
    ("La Grèce va envoyer des instructeurs en Arménie l'an prochain.", "fr"),
])
def test_a_link_still_to_come_is_no_fact(text, lang):
    assert not _kinds(text, lang)


def test_a_delivery_announced_for_later_is_kept():
    assert ("GRC", "ARM") in _pairs("Greece will deliver six patrol boats to Armenia in 2026.",
                                    "en", "arms_transfer")


@pytest.mark.parametrize(("text", "lang"), [
    ("On 3 March 2026 Georgia and Armenia signed an agreement on joint patrols of their common "
     "border.", "en"),
    ("Le 3 mars 2026, la Géorgie et l'Arménie ont signé un accord sur la sécurité de leur "
     "frontière commune.", "fr"),
    ("On 3 March 2026 Georgia and Armenia signed an agreement on border security "
     "cooperation.", "en"),
    ("Le 3 mars 2026, la Géorgie et l'Arménie ont signé un accord sur les patrouilles "
     "conjointes le long de la frontière.", "fr"),
])
def test_an_agreement_on_guarding_the_border_is_a_security_agreement(text, lang):
    got = _kinds(text, lang)
    assert "border_agreement" not in got
    assert "security_agreement" in got


@pytest.mark.parametrize(("text", "lang"), [
    ("Arménie : Erevan reste prudente. L'Arménie, en revanche, n'entend pas, pour sa part, "
     "rejoindre l'OTAN.", "fr"),
    ("Georgia has, however, never joined the CSTO.", "en"),
    ("L'Azerbaïdjan n'entend pas, en revanche, rejoindre l'UEEA.", "fr"),
    ("Azerbaijan does not, for its part, intend to join the EAEU.", "en"),
])
def test_a_negation_set_apart_by_an_aside_still_negates(text, lang):
    assert not _members(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia hosted the drills near Gyumri in March 2026. Some 150 Greek paratroopers had "
     "been flown in from Larissa for them.", "en"),
    ("L'Arménie accueillait les manœuvres près de Gyumri en mars 2026. Quelque 150 "
     "parachutistes grecs étaient arrivés de Larissa pour l'occasion.", "fr"),
])
def test_troops_flown_in_go_to_the_articles_country_named_just_before(text, lang):
    assert ("GRC", "ARM") in _pairs(text, lang, "troop_movement")


@pytest.mark.parametrize(("text", "lang"), [
    ("On 3 March 2026 Azerbaijani soldiers have fired across the border at Armenian shepherds, "
     "Baku admitted.", "en"),
    ("Le 3 mars 2026, des soldats azerbaïdjanais ont tiré à travers la frontière vers des "
     "bergers arméniens, a reconnu Bakou.", "fr"),
])
def test_fire_by_a_named_side_that_admits_it_is_directed(text, lang):
    assert ("AZE", "ARM") in _pairs(text, lang, "border_conflict")


@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("Un premier lot de drones, assemblés en Grèce, a été remis à l'armée de l'air "
     "arménienne en mars 2026.", "fr", ("GRC", "ARM")),
    ("A first batch of drones, assembled in Greece, was handed to the Armenian air force in "
     "March 2026.", "en", ("GRC", "ARM")),
    ("Des radars ont été livrés à l'armée de terre arménienne par la Grèce en mars 2026.", "fr",
     ("GRC", "ARM")),
])
def test_goods_assembled_abroad_and_the_air_force_as_recipient(text, lang, pair):
    assert pair in _pairs(text, lang, "arms_transfer")


@pytest.mark.parametrize(("text", "lang"), [
    ("Le ministre grec de la Défense a effectué lundi une visite à Erevan. Il s'est entretenu "
     "avec le président arménien. À cette occasion, les deux ministres ont signé un plan de "
     "coopération militaire.", "fr"),
    ("Greece's defence minister paid a visit to Yerevan on Monday. He held talks with the "
     "Armenian president. On that occasion the two ministers signed a defence cooperation "
     "plan.", "en"),
])
def test_the_two_ministers_two_sentences_after_the_visit(text, lang):
    assert _pairs(text, lang, "security_agreement") & {("GRC", "ARM"), ("ARM", "GRC")}


def _clash(text: str, lang: str) -> set[tuple[str, str, str]]:
    return {(a, b, d) for k, a, b, d in _relations(text, lang) if k == "border_conflict"}


@pytest.mark.parametrize(("text", "lang"), [
    ("On 3 March 2026 shots were fired across the Armenian-Azerbaijani border near Sotk. Baku "
     "admitted the incident the next day.", "en"),
    ("Le 3 mars 2026, des tirs ont visé la frontière arméno-azerbaïdjanaise près de Sotk. Bakou "
     "a reconnu l'incident le lendemain.", "fr"),
    ("On 3 March 2026 Azerbaijani guards shelled Armenian positions along the border. Baku "
     "confirmed the strike.", "en"),
    ("Le 3 mars 2026, des gardes azerbaïdjanais ont bombardé des positions arméniennes le long "
     "de la frontière. Bakou a confirmé la frappe.", "fr"),
])
def test_a_clash_admitted_in_the_next_sentence_is_directed(text, lang):
    assert ("AZE", "ARM", "true") in _clash(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("On 3 March 2026 shots were fired across the Armenian-Azerbaijani border near Sotk. Baku "
     "denied the incident the next day.", "en"),
    ("Le 3 mars 2026, des tirs ont visé la frontière arméno-azerbaïdjanaise près de Sotk. "
     "Erevan et Bakou se sont accusés mutuellement.", "fr"),
])
def test_a_clash_denied_or_disputed_stays_undirected(text, lang):
    assert {d for *_, d in _clash(text, lang)} == {"false"}


@pytest.mark.parametrize(("text", "lang", "row"), [
    ("The CSTO accepted Serbia's request for observer status on 4 July 2026.", "en",
     ("CSTO", "SRB", "observer")),
    ("Le 4 juillet 2026, l'OTSC a fait droit à la demande de statut d'observateur de la "
     "Serbie.", "fr", ("CSTO", "SRB", "observer")),
    ("On 4 July 2026 the SCO approved Laos's application for partner status.", "en",
     ("SCO", "LAO", "partner")),
    ("Le 4 juillet 2026, l'OCS a approuvé la candidature du Laos au statut de partenaire de "
     "dialogue.", "fr", ("SCO", "LAO", "partner")),
])
def test_a_request_granted_is_the_status(text, lang, row):
    assert row in _members(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Serbia's request for observer status at the CSTO is still pending.", "en"),
    ("La Serbie a déposé une demande de statut d'observateur auprès de l'OTSC.", "fr"),
])
def test_a_request_alone_is_no_status(text, lang):
    assert not _members(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("The leaders of Armenia, Georgia and Greece met in Athens on 4 July 2026 for a summit.",
     "en"),
    ("Les dirigeants arménien, géorgien et grec se sont réunis à Athènes le 4 juillet 2026 "
     "pour un sommet.", "fr"),
])
def test_leaders_of_three_at_a_summit_are_no_bilateral_visits(text, lang):
    assert "high_level_meeting" not in _kinds(text, lang)
    assert any(k == "summit" for k, _ in _events(text, lang))


@pytest.mark.parametrize(("text", "lang"), [
    ("Russia has stationed S-400 batteries in Armenia since July 2026.", "en"),
    ("Russia stationed two missile systems in Armenia in July 2026.", "en"),
])
def test_weapons_stationed_abroad_are_a_presence(text, lang):
    assert ("RUS", "ARM") in _pairs(text, lang, "military_presence")


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia signed a contract in July 2026 for twelve Indian guns, to be delivered in 2027.",
     "en"),
    ("L'Arménie a signé en juillet 2026 un contrat pour douze canons indiens, devant être "
     "livrés en 2027.", "fr"),
])
def test_goods_still_to_be_delivered_are_no_transfer(text, lang):
    assert "arms_transfer" not in _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("On 3 March 2026 shots were fired across the Armenian-Azerbaijani border. The Azerbaijani "
     "government admitted the fact.", "en"),
    ("Le 3 mars 2026, des tirs ont visé la frontière arméno-azerbaïdjanaise. Le gouvernement "
     "azerbaïdjanais a reconnu les faits.", "fr"),
])
def test_a_government_that_admits_the_facts_fired(text, lang):
    assert ("AZE", "ARM", "true") in _clash(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Quelque 300 soldats grecs sont arrivés en mars 2026 à la base de Gyumri.", "fr"),
    ("Some 300 Greek soldiers arrived in March 2026 at the air base of Gyumri.", "en"),
])
def test_a_town_named_by_its_base_is_where_troops_went(text, lang):
    got = _kinds(text, lang)
    assert ("GRC", "ARM") in _pairs(text, lang, "troop_movement")
    assert "military_presence" in got


def test_a_known_base_wins_over_a_town_of_its_first_word():
    from geo.ingest import places
    got = places.find("Les soldats de la base de Sary Shagan sont partis.")
    assert [p.name for p in got] == ["Sary Shagan"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Les présidents arménien et géorgien se sont entretenus par téléphone le 4 juillet 2026.",
     "fr"),
    ("The Armenian and Georgian presidents talked by phone on 4 July 2026.", "en"),
    ("Le 4 juillet 2026, les ministres arménien et grec ont eu un entretien par "
     "visioconférence.", "fr"),
    ("On 4 July 2026 Armenia's defence minister held talks with his Greek counterpart by video "
     "link.", "en"),
])
def test_talks_at_a_distance_are_no_visit(text, lang):
    assert "high_level_meeting" not in _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia's foreign minister wrapped up a tour of the Gulf in Doha on 4 July 2026.", "en"),
    ("Le ministre arménien des Affaires étrangères a achevé le 4 juillet 2026 une tournée dans "
     "le Golfe à Doha.", "fr"),
])
def test_a_tour_ending_in_a_capital_is_a_visit(text, lang):
    assert ("ARM", "QAT") in _pairs(text, lang, "high_level_meeting")


@pytest.mark.parametrize(("text", "lang"), [
    ("Athènes aurait livré des radars à l'Arménie en mars 2026.", "fr"),
    ("Athens reportedly delivered radars to Armenia in March 2026.", "en"),
    ("Greece delivered radars to Armenia in March 2026, according to unconfirmed reports.",
     "en"),
    ("La Grèce a livré des radars à l'Arménie en mars 2026, selon des sources non confirmées.",
     "fr"),
    ("Il n'est pas exclu que la Grèce installe une base en Arménie.", "fr"),
    ("Officials did not rule out a Greek base in Armenia.", "en"),
    ("A clash reportedly took place on the Armenian-Azerbaijani border in March 2026.", "en"),
    ("Un affrontement aurait eu lieu à la frontière arméno-azerbaïdjanaise en mars 2026.", "fr"),
])
def test_a_fact_only_reported_or_not_ruled_out_is_none(text, lang):
    assert not _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia hosted the Eagle Partner exercise in July 2026, with Greek and American troops.",
     "en"),
    ("L'Arménie a accueilli en juillet 2026 l'exercice Eagle Partner, avec des troupes "
     "grecques et américaines.", "fr"),
])
def test_hosting_an_exercise_is_no_visit(text, lang):
    assert "high_level_meeting" not in _kinds(text, lang)
    assert any(k == "exercise" and "ARM" in p for k, p in _events(text, lang))


@pytest.mark.parametrize(("text", "lang"), [
    ("En juillet 2026, l'armée arménienne a rapproché des unités d'artillerie de la frontière "
     "azerbaïdjanaise.", "fr"),
    ("In July 2026 the Armenian army moved artillery units closer to the Azerbaijani border.",
     "en"),
])
def test_units_moved_closer_to_the_border_are_a_deployment(text, lang):
    assert ("deployment", "ARM") in _events(text, lang)


@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("In July 2026, twelve Greek drones entered service with the Armenian army.", "en",
     ("GRC", "ARM")),
    ("En juillet 2026, douze drones grecs sont entrés en service dans l'armée arménienne.",
     "fr", ("GRC", "ARM")),
])
def test_foreign_goods_entering_service_are_a_delivery(text, lang, pair):
    assert pair in _pairs(text, lang, "arms_transfer")


def test_home_made_goods_entering_service_are_none():
    assert "arms_transfer" not in _kinds("In July 2026 the new Armenian frigate entered "
                                         "service.", "en")


@pytest.mark.parametrize(("text", "lang"), [
    ("The Armenian interior ministry held talks on 4 July 2026 with a visiting Greek "
     "delegation.", "en"),
    ("Le 4 juillet 2026, les autorités arméniennes ont eu des entretiens avec une délégation "
     "grecque en visite.", "fr"),
    ("On 4 July 2026 Armenia's president met the visiting Greek defence minister.", "en"),
    ("Le 4 juillet 2026, le président arménien a rencontré le ministre grec de la Défense, en "
     "visite.", "fr"),
])
def test_the_visiting_side_is_the_visitor(text, lang):
    assert _pairs(text, lang, "high_level_meeting") == {("GRC", "ARM")}


@pytest.mark.parametrize(("text", "lang"), [
    ("July 2026 saw the arrival in Yerevan of six Greek drones.", "en"),
    ("Juillet 2026 a vu l'arrivée à Erevan de six drones grecs.", "fr"),
    ("Delivered in July 2026, the six Greek drones now patrol Armenia's southern border.", "en"),
    ("Six Greek drones delivered in July 2026 now fly over Armenia's territory.", "en"),
])
def test_an_arrival_of_goods_and_a_possessive_border_are_read_right(text, lang):
    assert ("GRC", "ARM") in _pairs(text, lang, "arms_transfer")


def test_a_ministers_arrival_is_no_delivery():
    assert "arms_transfer" not in _kinds("July 2026 saw the arrival in Yerevan of the Greek "
                                         "defence minister.", "en")
