"""geo.ingest rules meant to generalise, second part (see tests/test_ingest_general.py): moves
out of a base, suspensions, builders, more cue families, arbitration between kinds, carried
organizations, meetings from verbs and visits, denied or expected facts, opening phrases, border
sides, listed organizations. Every sentence was written for these tests (invented facts), one
behaviour per test, French and English."""

from __future__ import annotations

import pytest

from geo.ingest import kinds
from geo.ingest.extract import extract
from tests.test_ingest_general import PUB, _members, _relations


@pytest.mark.parametrize(("text", "lang"), [
    ("China moved two battalions from its garrison in Kyrgyzstan to Kazakhstan in 2025.", "en"),
    ("La Chine a redéployé deux bataillons d'une garnison chinoise au Kirghizistan vers le "
     "Kazakhstan en 2025.", "fr"),
])
def test_troops_moved_out_of_a_base_leave_from_its_country(text, lang):
    got = {(a, b) for k, a, b, _ in _relations(text, lang) if k == "troop_movement"}
    assert got == {("KGZ", "KAZ")}


@pytest.mark.parametrize(("text", "lang", "status"), [
    ("Georgia no longer takes part in the CIS summits.", "en", "suspended"),
    ("La Géorgie ne participe plus aux sommets de la CEI.", "fr", "suspended"),
])
def test_no_longer_taking_part_is_a_suspension(text, lang, status):
    assert _members(text, lang) == [("CIS", "GEO", status)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Kyrgyzstan took delivery of boats built by Turkey in 2025.", "en",
     ("arms_transfer", "TUR", "KGZ", "true")),
    ("Le Kirghizistan a réceptionné des vedettes construites en Turquie en 2025.", "fr",
     ("arms_transfer", "TUR", "KGZ", "true")),
])
def test_the_builder_of_the_goods_is_the_supplier(text, lang, expected):
    assert expected in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang", "kind"), [
    ("Kazakh and Turkish commandos practised assault tactics", "en", "joint_exercise"),
    ("les unités kazakhes et turques ont simulé une incursion", "fr", "joint_exercise"),
    ("a memorandum on countering extremism", "en", "security_agreement"),
    ("un accord de lutte contre le terrorisme", "fr", "security_agreement"),
    ("the guards clashed near the river", "en", "border_conflict"),
])
def test_more_cue_families(text, lang, kind):
    assert kind in {t.kind for t in kinds.triggers(text, lang)}


@pytest.mark.parametrize(("text", "lang"), [
    ("Russia sent troops and armoured vehicles to Kazakhstan in January 2022.", "en"),
    ("La Russie a envoyé des soldats et des blindés au Kazakhstan en janvier 2022.", "fr"),
])
def test_troops_sent_with_their_vehicles_are_a_movement_not_a_sale(text, lang):
    got = _relations(text, lang)
    assert ("troop_movement", "RUS", "KAZ", "true") in got
    assert not any(k == "arms_transfer" for k, *_ in got)


@pytest.mark.parametrize(("text", "lang"), [
    ("On the basis of Russian data, Kazakhstan and Uzbekistan grew faster.", "en"),
    ("Sur la base des données russes, le Kazakhstan et l'Ouzbékistan ont progressé.", "fr"),
    ("The treaty between Kazakhstan and Russia entered into force within the CIS.", "en"),
])
def test_basis_and_entry_into_force_are_no_base_or_membership(text, lang):
    assert _relations(text, lang) == set() and _members(text, lang) == []


@pytest.mark.parametrize(("text", "lang"), [
    ("The CIS met in Minsk in 2025. Georgia suspended its participation in the grouping in "
     "2025.", "en"),
    ("La CEI s'est réunie à Minsk en 2025. La Géorgie a suspendu sa participation à "
     "l'organisation en 2025.", "fr"),
])
def test_an_organization_named_by_its_type_is_the_one_before(text, lang):
    assert ("CIS", "GEO", "suspended") in _members(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Defence ministers of the CSTO convened in Dushanbe on 4 March.", "en"),
    ("Les ministres de la Défense de l'OTSC se sont réunis à Douchanbé le 4 mars.", "fr"),
])
def test_a_meeting_read_from_its_verb(text, lang):
    got = [(c.values["kind"], c.values["place"]) for c in extract(text, lang, PUB, 3)
           if c.table == "events"]
    assert got == [("meeting", "Douchanbé" if lang == "fr" else "Dushanbe")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Units of Russia, Belarus and Armenia joined the Union-2025 exercise in Belarus.", "en"),
    ("Des unités russes, biélorusses et arméniennes ont pris part aux manœuvres Union-2025 en "
     "Biélorussie.", "fr"),
])
def test_a_named_exercise_dated_by_its_name(text, lang):
    got = [(c.values["kind"], c.values["start"], c.values["name"])
           for c in extract(text, lang, PUB, 3) if c.table == "events"]
    assert got == [("exercise", "2025", "Union-2025")]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("The Kazakh-Chinese exercise took place near Almaty in April.", "en",
     ("joint_exercise", "KAZ", "CHN", "false")),
    ("L'exercice kazakho-chinois s'est déroulé près d'Almaty en avril.", "fr",
     ("joint_exercise", "KAZ", "CHN", "false")),
    ("Kazakstan got drones from Türkiye last year.", "en",
     ("arms_transfer", "TUR", "KAZ", "true")),
    ("Le Kazakstan a commandé à la France des satellites militaires.", "fr",
     ("arms_transfer", "FRA", "KAZ", "true")),
])
def test_hyphenated_drills_spelling_variants_and_garbled_grammar(text, lang, expected):
    assert expected in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Mongolia became an associate member of the CIS in 2025.", "en", [("CIS", "MNG", "partner")]),
    ("La Mongolie est devenue membre associé de la CEI en 2025.", "fr",
     [("CIS", "MNG", "partner")]),
    ("Turkmenistan joined NATO's Partnership for Peace in 1994.", "en",
     [("NATO", "TKM", "partner")]),
    ("Le Turkménistan a adhéré au Partenariat pour la paix de l'OTAN en 1994.", "fr",
     [("NATO", "TKM", "partner")]),
])
def test_associate_members_and_partnership_for_peace_are_partners(text, lang, expected):
    assert _members(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Hundreds of Afghan families crossed into Uzbekistan in March.", "en"),
    ("Des centaines de familles afghanes ont gagné l'Ouzbékistan en mars.", "fr"),
])
def test_crowds_crossing_are_a_population_movement(text, lang):
    assert ("population_movement", "AFG", "UZB", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Turkmenistan's president arrived in Tashkent on a state visit on Tuesday.", "en"),
    ("Le président turkmène est arrivé mardi à Tachkent pour une visite d'État.", "fr"),
])
def test_a_visit_to_a_capital_is_a_meeting_with_its_country(text, lang):
    assert ("high_level_meeting", "TKM", "UZB", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Kazakhstan's president toured Samarkand's old town on Tuesday.", "en"),
    ("Le président kazakh a visité la vieille ville de Samarcande mardi.", "fr"),
])
def test_a_town_visited_is_no_meeting(text, lang):
    assert _relations(text, lang) == set()


@pytest.mark.parametrize(("text", "lang"), [
    ("Rahmon called Mirziyoyev on Monday. The two presidents met in Geneva on 3 March.", "en"),
    ("Rahmon a appelé Mirziyoyev lundi. Les deux présidents se sont rencontrés à Genève le "
     "3 mars.", "fr"),
])
def test_the_two_presidents_are_the_two_countries_before(text, lang):
    assert ("high_level_meeting", "TJK", "UZB", "false") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Russian, Kazakh and Tajik units took part in CSTO manoeuvres in Tajikistan in May.", "en"),
    ("Des unités russes, kazakhes et tadjikes ont pris part en mai à des manœuvres de l'OTSC au "
     "Tadjikistan.", "fr"),
])
def test_an_organizations_drill_of_three_is_an_event_not_links(text, lang):
    got = [(c.values["kind"], set(c.values["participants"].split(";")))
           for c in extract(text, lang, PUB, 3) if c.table == "events"]
    assert got == [("exercise", {"RUS", "KAZ", "TJK"})]
    assert not any(k == "joint_exercise" for k, *_ in _relations(text, lang))


@pytest.mark.parametrize(("text", "lang"), [
    ("Turkmenistan has never hosted a foreign military base.", "en"),
    ("Le Turkménistan n'accueille aucune base militaire étrangère.", "fr"),
    ("Kyrgyzstan denied reports that it had sold rifles to Russia.", "en"),
    ("Moscou dément avoir livré des fusils à l'Arménie en 2024.", "fr"),
    ("Kazakhstan refused to send troops to Ukraine alongside Russia.", "en"),
    ("Le Kazakhstan a refusé d'envoyer des troupes en Ukraine aux côtés de la Russie.", "fr"),
    ("Observers expect China to deliver drones to Tajikistan.", "en"),
])
def test_a_denied_refused_or_expected_link_is_none(text, lang):
    assert _relations(text, lang) == set()


@pytest.mark.parametrize(("text", "lang"), [
    ("No one was hurt after Kyrgyz and Tajik guards clashed at the border in May.", "en"),
    ("Personne n'a été blessé lors des heurts entre gardes-frontières kirghiz et tadjiks en mai.",
     "fr"),
])
def test_a_negation_before_an_after_does_not_cancel_the_fact(text, lang):
    assert ("border_conflict", "KGZ", "TJK", "false") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("At a press conference in Astana on 2 March, Tokayev praised ties with Russia.", "en"),
    ("Lors d'une conférence de presse à Astana le 2 mars, Tokaïev a salué les liens avec la "
     "Russie.", "fr"),
])
def test_a_press_conference_is_no_meeting(text, lang):
    assert _relations(text, lang) == set()
    assert not [c for c in extract(text, lang, PUB, 3) if c.table == "events"]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Chinese rifles now equip the Tajik border service.", "en",
     ("arms_transfer", "CHN", "TJK", "true")),
    ("Tajikistan sources most of its rifles from China.", "en",
     ("arms_transfer", "CHN", "TJK", "true")),
    ("China will station drones in Tajikistan from 2027.", "en",
     ("military_presence", "CHN", "TJK", "true")),
])
def test_equip_source_and_station_as_verbs(text, lang, expected):
    assert expected in _relations(text, lang)


def test_a_police_station_is_no_presence():
    assert _relations("The police station in Osh was visited by Tajik envoys.", "en") == set()


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("In a message to Moscow, Tashkent signed a defence pact with Ankara in March.", "en",
     {("security_agreement", "UZB", "TUR", "false")}),
    ("Contrairement à la Russie, le Kazakhstan a signé un pacte de défense avec la Turquie en "
     "mars.", "fr", {("security_agreement", "KAZ", "TUR", "false")}),
])
def test_countries_of_an_opening_phrase_are_not_parties(text, lang, expected):
    got = {(k, *sorted((a, b)), d) for k, a, b, d in _relations(text, lang)}
    assert got == {(k, *sorted((a, b)), d) for k, a, b, d in expected}


@pytest.mark.parametrize(("text", "lang"), [
    ("Les armées kazakhe et ouzbèke ont mené des manœuvres près de la frontière afghane en mai.",
     "fr"),
    ("Kazakh and Uzbek troops held drills near the Afghan border in May.", "en"),
])
def test_the_far_side_of_a_border_is_no_party(text, lang):
    got = _relations(text, lang)
    assert ("joint_exercise", "KAZ", "UZB", "false") in got
    assert not any("AFG" in (a, b) for _, a, b, _ in got)


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia is a member of both the CSTO and the EAEU.", "en"),
    ("L'Arménie, membre de l'OTSC et de l'UEEA, ne fait pas partie de l'OCS.", "fr"),
])
def test_a_status_holds_for_each_listed_organization(text, lang):
    assert _members(text, lang) == [("CSTO", "ARM", "member"), ("EAEU", "ARM", "member")]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Belarus became a full member of the SCO in 2024 after a decade of observer status.", "en",
     [("SCO", "BLR", "member")]),
    ("Le Belarus est devenu membre de l'OCS en 2024, après quinze ans de statut d'observateur.",
     "fr", [("SCO", "BLR", "member")]),
    ("Mongolia, which had long been only an observer of the SCO, asked for nothing more.", "en",
     []),
    ("La Turquie, qui n'était qu'un partenaire de dialogue de l'OCS, a gardé ce rang.", "fr",
     []),
])
def test_a_status_held_before_is_no_row(text, lang, expected):
    """"After years of observer status", "had been only a partner": the status is past."""
    assert _members(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("The Uzbek and Turkish ministers discussed drone sales and intelligence sharing.", "en",
     set()),
    ("Les ministres ouzbek et turc ont évoqué la livraison de drones et un pacte de défense.",
     "fr", set()),
    ("Georgia's envoy reviewed arms production with Armenian officials in May.", "en", set()),
    ("Uzbekistan and Turkey discussed the matter and signed a defence pact in May.", "en",
     {("security_agreement", "UZB", "TUR", "false")}),
    ("L'Ouzbékistan et la Turquie en ont discuté puis ont signé un pacte de défense en mai.",
     "fr", {("security_agreement", "UZB", "TUR", "false")}),
])
def test_the_topic_of_talks_is_no_agreement_or_delivery(text, lang, expected):
    """Talks *about* weapons or a pact are not a delivery or a pact; 'according to' is no
    accord."""
    assert {r for r in _relations(text, lang) if r[0] != "high_level_meeting"} == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Kyrgyzstan bought Turkish drones in May, according to the defence ministry.", "en"),
    ("Le Kirghizistan a acheté des drones turcs en mai, d'après le ministère de la Défense.",
     "fr"),
])
def test_according_to_the_defence_ministry_is_no_security_agreement(text, lang):
    assert {r[0] for r in _relations(text, lang)} == {"arms_transfer"}


def _events(text: str, lang: str) -> list[tuple]:
    return [(c.values["kind"], c.values["participants"], c.values["place"])
            for c in extract(text, lang, PUB, 3) if c.table == "events"]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("At the SCO summit held in Tashkent in May, Laos was admitted as a partner.", "en",
     [("summit", "UZB", "Tashkent")]),
    ("Lors du sommet de la CEI à Minsk en mai, l'Iran a obtenu le statut d'observateur.", "fr",
     [("summit", "BLR", "Minsk")]),
    ("Laos was admitted as a partner of the SCO at its summit last May.", "en", []),
    ("Le Laos a été admis comme partenaire de l'OCS lors du sommet de mai dernier.", "fr", []),
])
def test_a_summit_that_sets_a_status_has_its_host_alone(text, lang, expected):
    """The country admitted at a summit did not hold it: the host is the summit's town's
    country, and a summit with no town named gives no event."""
    assert _events(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("The Tajik president flew to Bishkek in May. He and his host signed a pact on military "
     "cooperation.", "en", ("security_agreement", "TJK", "KGZ", "false")),
    ("Le président tadjik s'est rendu à Bichkek en mai. Lui et son homologue ont signé un accord "
     "de défense.", "fr", ("security_agreement", "TJK", "KGZ", "false")),
    ("Kazakhstan's defence minister met his Georgian counterpart in May. The two men signed a "
     "treaty on allied relations.", "en", ("security_agreement", "KAZ", "GEO", "false")),
    ("Le ministre kazakh a reçu son homologue géorgien en mai. Les parties ont signé un accord "
     "de coopération militaire.", "fr", ("security_agreement", "KAZ", "GEO", "false")),
    ("Tajik and Kyrgyz officials met in May. They signed a protocol that settles the last "
     "disputed parts of the long frontier.", "en", ("border_agreement", "TJK", "KGZ", "false")),
])
def test_the_parties_or_he_and_his_host_are_the_pair_before(text, lang, expected):
    """"The two men", "the parties", "he and his host", "lui et son homologue" point back at the
    two countries of the sentence before; a settlement of a frontier read over a longer span."""
    got = {(k, *sorted((a, b)), d) for k, a, b, d in _relations(text, lang)}
    assert (expected[0], *sorted(expected[1:3]), expected[3]) in got


@pytest.mark.parametrize(("text", "lang"), [
    ("The Tajik president flew to Bishkek in May. He and his host refused to sign a defence "
     "pact.", "en"),
    ("Le ministre kazakh a reçu son homologue géorgien. Les parties n'ont pas signé d'accord de "
     "défense.", "fr"),
])
def test_the_parties_refusing_to_sign_is_no_agreement(text, lang):
    assert not {r for r in _relations(text, lang) if r[0] == "security_agreement"}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Tajikistan's defence minister was in Ankara on Monday, where he and his Turkish "
     "counterpart reviewed border security.", "en", {("high_level_meeting", "TJK", "TUR", "true")}),
    ("Le ministre tadjik de la Défense était à Ankara lundi, où il a rencontré son homologue "
     "turc.", "fr", {("high_level_meeting", "TJK", "TUR", "true")}),
    ("Tajikistan's defence minister was to travel to Ankara in May, but his Turkish counterpart "
     "called the visit off.", "en", set()),
    ("La visite du ministre tadjik à Ankara, prévue en mai, a été annulée par son homologue "
     "turc.", "fr", set()),
    ("Des manœuvres conjointes kazakhes et ouzbèkes, annoncées pour avril, ont été reportées.",
     "fr", set()),
    ("A joint Kazakh-Uzbek drill planned for April never took place.", "en", set()),
])
def test_a_counterpart_met_and_a_cancelled_plan(text, lang, expected):
    """"His Turkish counterpart" is a meeting; a visit or drill called off, postponed or that
    never took place is no fact."""
    assert _relations(text, lang) == expected
    assert not [c for c in extract(text, lang, PUB, 3) if c.table == "events"] or expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Turkmenistan's admission to the SCO as an observer was postponed.", "en"),
    ("L'adhésion de l'Iran à l'OTSC a été ajournée sans date.", "fr"),
])
def test_a_postponed_admission_is_no_membership(text, lang):
    assert _members(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("In May Uzbek smugglers' gunmen fired several grenades over the river at a Kyrgyz border "
     "outpost.", "en", {("border_conflict", "UZB", "KGZ", "false")}),
    ("En mai, des soldats iraniens ont tiré plusieurs obus par-dessus la rivière sur un poste "
     "frontière afghan.", "fr", {("border_conflict", "IRN", "AFG", "false")}),
    ("Kabul denied that Iranian soldiers fired at an Afghan border post in May.", "en", set()),
    ("Téhéran a démenti que ses soldats aient tiré sur un poste frontière afghan.", "fr", set()),
])
def test_fire_at_a_border_post_is_a_border_conflict(text, lang, expected):
    assert _relations(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("In May the Uzbek army received four helicopters, which were delivered by Russia to "
     "Termez.", "en", {("arms_transfer", "RUS", "UZB", "true")}),
    ("En mai, l'armée de l'Ouzbékistan a reçu quatre hélicoptères, qui ont été livrés par la "
     "Russie à Termez.", "fr", {("arms_transfer", "RUS", "UZB", "true")}),
    ("In May four helicopters were bought by Uzbekistan from Russia.", "en",
     {("arms_transfer", "RUS", "UZB", "true")}),
])
def test_the_doer_of_a_delivery_after_a_receipt_is_the_supplier(text, lang, expected):
    """"Received …, which were delivered by Russia": the passive doer of the giving verb gives;
    the doer of a buying verb ("bought by") still receives."""
    assert _relations(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("In May the Georgian army received three mobile radar stations from France.", "en",
     {("arms_transfer", "FRA", "GEO", "true")}),
    ("En mai, l'armée géorgienne a reçu trois stations radar mobiles de la France.", "fr",
     {("arms_transfer", "FRA", "GEO", "true")}),
    ("Russia keeps a radar station in Tajikistan.", "en",
     {("military_presence", "RUS", "TJK", "true")}),
])
def test_radar_stations_delivered_are_goods_not_a_base(text, lang, expected):
    assert _relations(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("In May some 200 Indian soldiers were pulled out of the Farkhor base in Tajikistan and "
     "flown home to India.", "en"),
    ("En mai, quelque 200 soldats indiens ont été retirés hors de la base de Farkhor au "
     "Tadjikistan et rapatriés vers l'Inde.", "fr"),
])
def test_troops_pulled_out_of_a_base_move_from_its_country(text, lang):
    """"Out of the base in X … home to Y": the move runs X → Y; 'soldiers' sells nothing."""
    got = _relations(text, lang)
    assert ("troop_movement", "TJK", "IND", "true") in got
    assert not {r for r in got if r[0] == "arms_transfer"}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("En mai, 300 parachutistes russes ont été acheminés vers la base de Farkhor, non loin de "
     "Douchanbé.", "fr", {("troop_movement", "RUS", "TJK", "true"),
                         ("military_presence", "RUS", "TJK", "true")}),
    ("In May 300 Russian paratroopers were flown to the Farkhor base, not far from Dushanbe.",
     "en", {("troop_movement", "RUS", "TJK", "true"),
            ("military_presence", "RUS", "TJK", "true")}),
    ("In May 300 Russian paratroopers were flown to Dushanbe for a parade.", "en",
     {("troop_movement", "RUS", "TJK", "true")}),
    ("Moscow denied that Russian paratroopers were flown to the Farkhor base near Dushanbe.",
     "en", set()),
    ("Le Kremlin a démenti que des parachutistes russes aient été acheminés vers la base de "
     "Farkhor près de Douchanbé.", "fr", set()),
])
def test_troops_moved_to_a_base_are_present_there(text, lang, expected):
    """Troops sent to a base: a movement and the sender's presence; to a town: a movement."""
    assert _relations(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("En mai, l'armée kazakhe a redéployé plusieurs bataillons de la région d'Aktioubé vers le "
     "sud du pays.", "fr", [("deployment", "KAZ", "")]),
    ("In May the Kyrgyz army moved two battalions from the Naryn region to the country's south.",
     "en", [("deployment", "KGZ", "")]),
    ("In May these Russian reinforcements arrived at last.", "en", []),
    ("Le Kazakhstan n'a pas redéployé de bataillons vers le sud du pays en mai.", "fr", []),
])
def test_troops_moved_at_home_are_a_deployment_event(text, lang, expected):
    """One country moving its own troops to another part of it: an events `deployment`."""
    assert _events(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Depuis mars, la base aérienne de Farkhor accueille une escadrille d'avions indiens.", "fr",
     {("military_presence", "IND", "TJK", "true")}),
    ("Since March the Erebuni air base has hosted a squadron of Russian jets.", "en",
     {("military_presence", "RUS", "ARM", "true")}),
    ("Moscow denied that Russian jets use the Erebuni air base.", "en", set()),
    ("Le Kremlin a démenti que des avions russes utilisent la base aérienne de Farkhor.", "fr",
     set()),
])
def test_a_known_base_names_the_host_country(text, lang, expected):
    """A base from the bases table ("la base aérienne de Farkhor") is in its country, which
    hosts the foreign units based there."""
    assert _relations(text, lang) == expected


def test_a_base_name_counts_only_next_to_a_base_word():
    from geo.ingest import places
    assert [p.iso3 for p in places.find("Les troupes sont arrivées à la base de Kant.")] == ["KGZ"]
    assert places.find("Kant wrote on perpetual peace.") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("In May Russian helicopters were transferred from the Kant air base in Kyrgyzstan.", "en"),
    ("En mai, des hélicoptères russes ont été transférés depuis la base de Kant au "
     "Kirghizistan.", "fr"),
])
def test_aircraft_moved_from_a_base_are_no_sale(text, lang):
    assert not {r for r in _relations(text, lang) if r[0] == "arms_transfer"}


@pytest.mark.parametrize(("text", "lang"), [
    ("In May Russia transferred six helicopters to Kyrgyzstan.", "en"),
    ("En mai, la Russie a transféré six hélicoptères au Kirghizistan.", "fr"),
])
def test_aircraft_transferred_to_a_country_are_a_transfer(text, lang):
    assert ("arms_transfer", "RUS", "KGZ", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("In May Kazakhstan joined the CICA as a member.", "en", [("CICA", "KAZ", "member")]),
    ("Kazakhstan may join the CICA as a member.", "en", []),
])
def test_the_month_may_is_no_modal(text, lang, expected):
    """"In May" is a date; only a lower-case "may" hedges a status or a link."""
    assert _members(text, lang) == expected


def test_the_modal_may_hedges_a_link():
    assert _relations("Russia may transfer six helicopters to Kyrgyzstan.", "en") == set()


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Jeudi, il a été accueilli à Tachkent le ministre des Affaires étrangères de l'Inde, par le "
     "président ouzbek.", "fr", {("high_level_meeting", "IND", "UZB", "true")}),
    ("Jeudi a été reçu à Bakou le président du Kazakhstan par son homologue azerbaïdjanais.",
     "fr", {("high_level_meeting", "KAZ", "AZE", "true")}),
    ("Il n'a pas été accueilli à Bakou le président du Kazakhstan, contrairement aux rumeurs.",
     "fr", set()),
    ("Le président du Kazakhstan n'a jamais été reçu à Bakou par le président azerbaïdjanais.",
     "fr", set()),
])
def test_a_subject_after_the_passive_of_a_welcome_is_the_visitor(text, lang, expected):
    """Garbled or literary word order: "il a été accueilli à X le ministre de Y par …"."""
    assert _relations(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Twelve armoured trucks were handed to the Kyrgyz border service in early May. The "
     "handover took place in Osh; Ankara had paid for and supplied the whole batch.", "en",
     {("arms_transfer", "TUR", "KGZ", "true")}),
    ("Douze camions blindés ont été remis au service frontalier kirghiz début mai. La "
     "cérémonie a eu lieu à Och, Ankara ayant financé et fourni l'ensemble du lot.", "fr",
     {("arms_transfer", "TUR", "KGZ", "true")}),
    ("Twelve armoured trucks were handed to the Kyrgyz border service in early May. Ankara "
     "denied that it had supplied them.", "en", set()),
    ("Douze camions blindés ont été remis au service frontalier kirghiz début mai. Selon "
     "Ankara, la Turquie n'a rien fourni.", "fr", set()),
])
def test_a_supplier_named_in_the_next_sentence(text, lang, expected):
    """Goods handed to one country, the supplier named as the giver one sentence later."""
    assert {r for r in _relations(text, lang) if r[0] == "arms_transfer"} == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("En mai, le président turc s'est entretenu avec son homologue iranien lors d'un sommet "
     "organisé à Douchanbé, la capitale du Tadjikistan.", "fr",
     {("high_level_meeting", "TUR", "IRN", "false")}),
    ("In May the Turkish president held talks with his Iranian counterpart at a summit in "
     "Dushanbe, the capital of Tajikistan.", "en", {("high_level_meeting", "TUR", "IRN", "false")}),
])
def test_a_country_in_apposition_to_a_town_is_where_not_who(text, lang, expected):
    """"Douchanbé, la capitale du Tadjikistan": Tajikistan says where the two met; it is no
    party, and the summit held there is still an event."""
    assert _relations(text, lang) == expected
    assert [e[0] for e in _events(text, lang)] == ["summit"]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Le Kirghizistan a évité de condamner l'offensive iranienne contre l'Irak.", "fr",
     {("armed_conflict", "IRN", "IRQ")}),
    ("Kyrgyzstan declined to criticise the Iranian offensive against Iraq.", "en",
     {("armed_conflict", "IRN", "IRQ")}),
    ("Le Kirghizistan a dénoncé l'incursion iranienne.", "fr", set()),
    ("Kyrgyzstan condemned the Iranian incursion.", "en", set()),
])
def test_who_judges_a_conflict_is_no_party_to_it(text, lang, expected):
    """An opinion on a war names a judge, not a belligerent."""
    assert {(k, a, b) for k, a, b, _d in _relations(text, lang)} == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Iran delivered no drones to Armenia last year.", "en"),
    ("Last year Russia sent nothing to Tajikistan in the way of armoured vehicles.", "en"),
    ("Selon des diplomates, un pacte de défense entre Tachkent et Bakou serait prématuré.",
     "fr"),
    ("A defence pact between Tashkent and Baku is premature, diplomats said.", "en"),
])
def test_a_denied_object_or_a_judged_pact_is_no_link(text, lang):
    assert _relations(text, lang) == set()


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Uzbekistan will host the next SCO summit in Samarkand in October.", "en", []),
    ("L'Ouzbékistan accueillera le prochain sommet de l'OCS à Samarcande en octobre.", "fr", []),
    ("Uzbekistan hosted the SCO summit in Samarkand last October.", "en",
     [("summit", "UZB", "Samarkand")]),
    ("L'Ouzbékistan a accueilli le sommet de l'OCS à Samarcande en octobre dernier.", "fr",
     [("summit", "UZB", "Samarcande")]),
])
def test_a_summit_still_to_come_is_no_event(text, lang, expected):
    assert _events(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Le ministre kazakh de la Défense s'est rendu à Bakou en mai, où il a signé avec son "
     "homologue un accord de coopération militaire.", "fr"),
    ("In May the Kazakh defence minister travelled to Baku, where he signed a defence pact with "
     "his counterpart.", "en"),
])
def test_a_pact_signed_on_a_visit_binds_the_host(text, lang):
    assert ("security_agreement", "KAZ", "AZE", "false") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Le ministre kazakh s'est rendu à Bakou en mai, mais aucun accord de défense n'a été "
     "signé.", "fr"),
    ("In May the Kazakh minister travelled to Baku but signed no defence pact.", "en"),
])
def test_a_visit_without_a_pact_has_none(text, lang):
    assert not {r for r in _relations(text, lang) if r[0] == "security_agreement"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Some experts believe Beijing will soon deploy troops to Tajikistan.", "en"),
    ("Plusieurs diplomates craignent que Moscou envoie des troupes au Kirghizistan.", "fr"),
    ("Des analystes estiment que la Chine livre des drones au Turkménistan.", "fr"),
])
def test_a_belief_or_a_fear_is_no_fact(text, lang):
    assert _relations(text, lang) == set()


@pytest.mark.parametrize(("text", "lang"), [
    ("An estimated 300 Chinese soldiers were deployed to Tajikistan in May.", "en"),
    ("En mai, la Chine a envoyé quelque 300 soldats au Tadjikistan, pense-t-on à Douchanbé.",
     "fr"),
])
def test_an_estimate_is_still_a_fact(text, lang):
    assert ("troop_movement", "CHN", "TJK", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("L'Ouzbékistan a été livré de la part de la Chine des drones Wing Loong en avril.", "fr",
     ("arms_transfer", "CHN", "UZB", "true")),
    ("A Chinese army convoy left Tajikistan for China in April.", "en",
     ("troop_movement", "TJK", "CHN", "true")),
    ("En avril, un convoi militaire chinois a quitté le Tadjikistan vers la Chine.", "fr",
     ("troop_movement", "TJK", "CHN", "true")),
    ("Since April, China has stationed some border personnel in Tajikistan.", "en",
     ("military_presence", "CHN", "TJK", "true")),
])
def test_garbled_passives_convoys_and_stationed_personnel(text, lang, expected):
    """Machine-translated "X a été livré de la part de Y": X receives; a convoy moves troops;
    personnel stationed abroad are a presence."""
    assert expected in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("A Chinese convoy of aid trucks was not allowed to leave Tajikistan.", "en"),
    ("La Chine n'a stationné aucun personnel au Tadjikistan.", "fr"),
])
def test_convoys_and_stationing_denied(text, lang):
    assert _relations(text, lang) == set()


@pytest.mark.parametrize(("text", "lang"), [
    ("In April, Uzbekistan moved two battalions to its border with Afghanistan.", "en"),
    ("En avril, l'Ouzbékistan a déployé deux bataillons le long de sa frontière avec "
     "l'Afghanistan.", "fr"),
])
def test_troops_sent_to_their_own_border_are_a_deployment_of_one(text, lang):
    assert _events(text, lang) == [("deployment", "UZB", "")]
    assert not {r for r in _relations(text, lang) if r[0] == "troop_movement"}


def _dated(text: str, lang: str) -> set[tuple]:
    return {(c.values["kind"], c.values["iso3_a"], c.values["iso3_b"], c.values["start"])
            for c in extract(text, lang, PUB, 3) if c.table == "relations"}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Last week, Armenia's defence minister flew to Tehran. There he met his Iranian "
     "counterpart.", "en", {("high_level_meeting", "ARM", "IRN", "2026-03")}),
    ("Vendredi, le ministre arménien était à Téhéran. Il y a rencontré son homologue iranien.",
     "fr", {("high_level_meeting", "ARM", "IRN", "2026-03-13")}),
    ("L'Iran a fourni à l'Arménie des drones. La livraison a eu lieu en février.", "fr",
     {("arms_transfer", "IRN", "ARM", "2026-02")}),
    ("Iran supplied drones to Armenia. The delivery took place in February.", "en",
     {("arms_transfer", "IRN", "ARM", "2026-02")}),
    ("Ten howitzers ordered by Armenia from India in 2023 reached Yerevan in February.", "en",
     {("arms_transfer", "IND", "ARM", "2026-02")}),
])
def test_a_date_from_the_sentence_around_or_the_delivery(text, lang, expected):
    """A fact continued by "There he…", "Il y a…", "La livraison a eu lieu en…" takes the date
    the other sentence gives; a delivery under an older order is dated at the delivery."""
    assert _dated(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("In May the Armenian minister visited Iran. The visit, the first by an Armenian minister "
     "to Iran in a decade, lasted two days.", "en"),
    ("En mai, le ministre arménien s'est rendu en Iran. La visite, la première d'un ministre "
     "arménien en Iran depuis dix ans, a duré deux jours.", "fr"),
])
def test_the_visit_named_again_is_no_second_meeting(text, lang):
    assert len([c for c in extract(text, lang, PUB, 3)
                if c.values.get("kind") == "high_level_meeting"]) == 1


def test_il_y_a_deux_ans_is_still_impersonal():
    text = ("Le ministre arménien a signé un pacte de défense avec l'Iran. Il y a deux ans, "
            "il avait livré des drones.")
    assert not {r for r in _relations(text, "fr") if r[0] == "arms_transfer"}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Armenia ratified its accession to the Eurasian Economic Union in 2019.", "en",
     [("EAEU", "ARM", "member")]),
    ("L'Arménie a ratifié son adhésion à l'Union économique eurasiatique en 2019.", "fr",
     [("EAEU", "ARM", "member")]),
    ("Iran, a full member of the SCO since 2023, sent observers to the drill.", "en",
     [("SCO", "IRN", "member")]),
    ("L'Iran, membre de plein droit de l'OCS, a envoyé des observateurs à l'exercice.", "fr",
     [("SCO", "IRN", "member")]),
    ("The CSTO asked all its members to send troops.", "en", []),
])
def test_its_accession_is_a_status_and_observers_sent_are_people(text, lang, expected):
    """"Its accession" is the country's own status ("its members" is not); observers sent to
    a drill are people, not a status."""
    assert _members(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Les réunions de l'OTSC ont repris en mars avec l'Arménie.", "fr", []),
    ("Une réunion de l'OTSC s'est tenue en mars à Erevan.", "fr", [("meeting", "ARM", "Erevan")]),
])
def test_meetings_in_general_are_no_event(text, lang, expected):
    assert _events(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("On 4 May Bayramov received Mirzoyan in Baku for talks.", "en",
     ("high_level_meeting", "ARM", "AZE", "true")),
    ("Le 4 mai, Khourelsoukh a reçu Tokaïev à Oulan-Bator.", "fr",
     ("high_level_meeting", "KAZ", "MNG", "true")),
])
def test_more_leaders_and_ministers_stand_for_their_country(text, lang, expected):
    assert expected in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Ankara offered to sell drones to Ashgabat, an offer left unanswered.", "en"),
    ("La Turquie a proposé de vendre des drones au Turkménistan, sans réponse.", "fr"),
    ("A draft security pact between Baku and Tashkent is still being negotiated.", "en"),
    ("Un projet de pacte de défense entre Bakou et Tachkent est en cours de négociation.",
     "fr"),
    ("Had Turkey sent troops, Georgia would have protested.", "en"),
    ("Si la Turquie envoyait des troupes, la Géorgie protesterait.", "fr"),
    ("La livraison de drones turcs à la Géorgie a été repoussée à l'automne.", "fr"),
])
def test_offers_drafts_conditionals_and_postponements_are_no_link(text, lang):
    assert _relations(text, lang) == set()


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Even if Ankara denies it, Turkey delivered drones to Georgia in May.", "en",
     ("arms_transfer", "TUR", "GEO", "true")),
    ("Même si Ankara reste discrète, la Turquie a livré des drones à la Géorgie en mai.", "fr",
     ("arms_transfer", "TUR", "GEO", "true")),
])
def test_concessions_still_count(text, lang, expected):
    assert expected in _relations(text, lang)


def test_an_attack_repelled_is_no_postponement():
    from geo.ingest import hedges
    assert not hedges.CANCELLED.search("les gardes ont repoussé une incursion turque")
    assert hedges.CANCELLED.search("la livraison a été repoussée à l'automne")


@pytest.mark.parametrize(("text", "lang"), [
    ("Georgia is not, and has never been, a member of the CSTO.", "en"),
    ("Tehran's request to join the SCO as an observer was turned down in May.", "en"),
    ("La requête de l'Iran pour devenir observateur de l'OCS a été rejetée en mai.", "fr"),
])
def test_a_status_denied_or_only_requested_is_none(text, lang):
    assert _members(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("En mars, la Russie a livré à l'Arménie deux systèmes S-400.", "fr",
     {("arms_transfer", "RUS", "ARM", "true")}),
    ("In March Russia delivered two Tor-M2 systems to Armenia.", "en",
     {("arms_transfer", "RUS", "ARM", "true")}),
    ("Baku and Yerevan agreed in March to hold joint border patrols.", "en", set()),
])
def test_model_numbered_systems_and_border_patrols(text, lang, expected):
    """Weapons named by their model ("systèmes S-400") are goods; agreeing on joint border
    patrols settles no border."""
    assert {r for r in _relations(text, lang) if r[0] != "security_agreement"} == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("In May Russia withdrew its last soldiers from the Erebuni air base.", "en"),
    ("En mai, la Russie a retiré ses derniers militaires de la base d'Erebuni.", "fr"),
])
def test_troops_withdrawn_from_a_named_base_leave_its_country(text, lang):
    assert ("troop_movement", "ARM", "RUS", "true") in _relations(text, lang)


def test_a_region_named_after_de_is_no_base_left():
    text = "En mai, la Russie a envoyé des troupes vers la région de Tachkent."
    assert ("troop_movement", "UZB", "RUS", "true") not in _relations(text, "fr")
