"""geo.ingest rules of the tenth round: plans put back or delayed, a suspension acting on a
country's status, a capital after a status noun, an exit from an organization that is no troop
movement, gatherings ("brought … together") and ships as a noun that are no delivery, a clause
break between a movement verb and troops, fighter jets counted, and "the two <role> ministers"
after a visit. Every sentence was written for these tests (invented facts, none taken from a
fixture), one behaviour per test, French and English, with sentences that must yield nothing."""

from __future__ import annotations

import pytest

from geo.ingest.extract import extract
from tests.test_ingest_general import PUB, _members, _relations


def _kinds(text: str, lang: str) -> set[str]:
    return {k for k, *_ in _relations(text, lang)}


def _pairs(text: str, lang: str, kind: str) -> set[tuple[str, str]]:
    return {(a, b) for k, a, b, _ in _relations(text, lang) if k == kind}


def _all(text: str, lang: str) -> list:
    return list(extract(text, lang, PUB, 3))


# -- a plan pushed back, delayed or put off to later states nothing --------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("A summit of Mongolia and Japan planned for March has been pushed back to the autumn.",
     "en"),
    ("The delivery of Turkish drones to Kyrgyzstan was delayed until next year.", "en"),
    ("Talks between Armenia and Iran on a defence pact were put back by a month.", "en"),
    ("The joint drill of Georgian and Turkish marines has been put on hold.", "en"),
    ("La visite du ministre indien de la Défense en Mongolie a été décalée à l'hiver.", "fr"),
    ("La livraison d'hélicoptères russes au Tadjikistan a été différée.", "fr"),
    ("La rencontre entre les présidents arménien et iranien a été remise à plus tard.", "fr"),
])
def test_a_plan_put_back_states_no_fact(text, lang):
    assert _all(text, lang) == []


@pytest.mark.parametrize(("text", "lang"), [
    ("On 3 May 2026 Turkey delivered six drones to Kyrgyzstan, two weeks later than planned.",
     "en"),
    ("Le 3 mai 2026, la Turquie a livré six drones au Kirghizstan, avec deux semaines de "
     "retard.", "fr"),
])
def test_a_fact_that_came_late_still_stands(text, lang):
    assert ("TUR", "KGZ") in _pairs(text, lang, "arms_transfer")


# -- a suspension acting on a country's status -----------------------------------------------

@pytest.mark.parametrize(("text", "lang", "want"), [
    ("On 9 April 2026 the CSTO suspended Iran's observer status.", "en", ("CSTO", "IRN")),
    ("In April 2026 the SCO froze Mongolia's observer status over the dispute.", "en",
     ("SCO", "MNG")),
    ("On 2 June 2026 the SCO suspended Belarus's dialogue partner status.", "en",
     ("SCO", "BLR")),
    ("Le 9 avril 2026, l'OTSC a suspendu le statut d'observateur de Téhéran.", "fr",
     ("CSTO", "IRN")),
    ("Le 2 juin 2026, l'OCS a annoncé la suspension du statut de partenaire d'Oulan-Bator.",
     "fr", ("SCO", "MNG")),
])
def test_a_status_suspended_is_suspended_only(text, lang, want):
    assert _members(text, lang) == [(*want, "suspended")]


@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Armenia's CSTO membership and Iran's observer status were on the agenda in 2026.", "en",
     [("CSTO", "ARM", "member"), ("CSTO", "IRN", "observer")]),
])
def test_two_possessive_statuses_stay_apart(text, lang, want):
    assert _members(text, lang) == want


@pytest.mark.parametrize(("text", "lang"), [
    ("Le ministre est arrivé de Moscou pour le sommet de l'OTSC.", "fr"),
    ("Le 5 mai 2026, une délégation venue de Téhéran a assisté au sommet de l'OCS.", "fr"),
])
def test_a_capital_after_de_with_no_status_is_still_a_place(text, lang):
    assert _members(text, lang) == []


# -- an exit from an organization is no troop movement --------------------------------------

@pytest.mark.parametrize(("text", "lang", "who"), [
    ("Mongolia regretted Georgia's withdrawal from the CIS in May 2026.", "en", "GEO"),
    ("Kazakhstan took note of Armenia's withdrawal from the CSTO in March 2026.", "en", "ARM"),
    ("Since Georgia's departure from the CIS in 2026, Azerbaijan has stayed silent.", "en",
     "GEO"),
])
def test_an_exit_from_an_organization_is_no_troop_movement(text, lang, who):
    assert "troop_movement" not in _kinds(text, lang)
    assert any(iso == who for _, iso, _ in _members(text, lang))


@pytest.mark.parametrize(("text", "lang"), [
    ("On 4 May 2026 Russia announced the withdrawal of its troops from Armenia.", "en"),
    ("Le 4 mai 2026, la Russie a annoncé le retrait de ses troupes d'Arménie.", "fr"),
])
def test_a_withdrawal_of_troops_stays_a_movement(text, lang):
    assert "troop_movement" in _kinds(text, lang)


# -- a gathering, and ships as a noun, are no delivery ---------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2026 the drill brought sailors of Iran, Russia and Azerbaijan together.", "en"),
    ("The forum brought defence officials from Mongolia and Japan together in May 2026.",
     "en"),
    ("In May 2026 ships of Iran and Russia sailed together in the Caspian.", "en"),
    ("The manoeuvres bring Georgian and Turkish crews together every spring.", "en"),
])
def test_a_gathering_is_no_arms_transfer(text, lang):
    assert "arms_transfer" not in _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2026 Turkey ships drones to Kyrgyzstan every month.", "en"),
    ("In May 2026 Turkey brought six drones to Kyrgyzstan.", "en"),
])
def test_shipping_and_bringing_goods_is_still_a_transfer(text, lang):
    assert ("TUR", "KGZ") in _pairs(text, lang, "arms_transfer")


# -- a clause break between a movement verb and troops ---------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Mongolia has moved as well: Mongolian and Japanese sailors held a joint drill in 2026.",
     "en"),
    ("Georgia has shifted too; Georgian and Turkish border guards trained together in 2026.",
     "en"),
    ("La Mongolie a elle aussi évolué : des militaires mongols et japonais ont mené un "
     "exercice conjoint en 2026.", "fr"),
])
def test_a_movement_verb_across_a_colon_moves_no_troops(text, lang):
    assert "troop_movement" not in _kinds(text, lang)


# -- fighter jets counted --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("In March 2026 Russia delivered twelve fighters to Armenia.", "en", ("RUS", "ARM")),
    ("In March 2026 France sold 24 Rafale fighters to India.", "en", ("FRA", "IND")),
    ("En mars 2026, la France a vendu des chasseurs à l'Inde.", "fr", ("FRA", "IND")),
    ("En mars 2026, la Russie a livré six avions de chasse à l'Arménie.", "fr", ("RUS", "ARM")),
])
def test_fighter_jets_are_goods(text, lang, pair):
    assert pair in _pairs(text, lang, "arms_transfer")


@pytest.mark.parametrize(("text", "lang"), [
    ("In March 2026 Afghan forces killed twelve fighters near the border with Iran.", "en"),
])
def test_fighters_killed_are_no_goods(text, lang):
    assert "arms_transfer" not in _kinds(text, lang)


# -- "the two <role> ministers" after a visit ------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("On 3 May 2026 Mongolia's president arrived in Tokyo for talks. The next day the two "
     "defence ministers signed a military cooperation agreement.", "en"),
    ("On 3 May 2026 Mongolia's president arrived in Tokyo for talks. On 4 May the two army "
     "chiefs signed a defence cooperation agreement.", "en"),
    ("Le 3 mai 2026, le président mongol est arrivé à Tokyo. Le lendemain, les deux chefs "
     "d'état-major ont signé un accord de coopération militaire.", "fr"),
])
def test_the_two_role_ministers_carry_the_visit_pair(text, lang):
    assert ("MNG", "JPN") in _pairs(text, lang, "security_agreement") | {
        (b, a) for a, b in _pairs(text, lang, "security_agreement")}


# -- a country inside a relative clause is not whose status the cue states --------------------

@pytest.mark.parametrize(("text", "lang", "want"), [
    ("The SCO, which Kazakhstan chairs this year, admitted Nepal as a partner in May 2026.",
     "en", [("SCO", "NPL", "partner")]),
    ("Belarus, which Russia has long courted, became a full member of the SCO in 2024.", "en",
     [("SCO", "BLR", "member")]),
    ("Iran, whose ties with Armenia are close, joined the SCO in 2023.", "en",
     [("SCO", "IRN", "member")]),
    ("L'OCS, que préside le Kazakhstan cette année, a admis le Népal comme partenaire de "
     "dialogue en mai 2026.", "fr", [("SCO", "NPL", "partner")]),
    ("La Biélorussie, que la Russie soutient, est devenue membre de l'OCS en 2024.", "fr",
     [("SCO", "BLR", "member")]),
])
def test_a_country_in_a_relative_clause_is_no_subject(text, lang, want):
    assert _members(text, lang) == want


# -- a negated conditional or future status ---------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Le ministre a répété que la Mongolie n'adhérerait pas à l'OTSC.", "fr"),
    ("Selon le président, la Serbie n'intégrera jamais l'OTSC.", "fr"),
    ("Le gouvernement a assuré que l'Arménie ne rejoindrait pas l'OCS.", "fr"),
    ("The minister repeated that Mongolia would not join the CSTO.", "en"),
])
def test_a_negated_conditional_status_is_none(text, lang):
    assert _members(text, lang) == []


# -- talks and negotiations denied ------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Le ministère arménien a démenti toute négociation sur l'achat de drones iraniens.", "fr"),
    ("Erevan a démenti tous pourparlers sur une base iranienne en Arménie.", "fr"),
    ("Yerevan denied any negotiations on the purchase of Iranian drones.", "en"),
    ("The ministry dismissed any talks on an Iranian base in Armenia.", "en"),
])
def test_talks_denied_state_nothing(text, lang):
    assert _relations(text, lang) == set()


# -- refugees as a topic of talks; a route's country ------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("On 2 May 2026 the Iranian and Afghan ministers met in Ankara to discuss trade and "
     "refugees.", "en"),
    ("Le 2 mai 2026, les ministres iranien et afghan se sont rencontrés à Ankara pour évoquer "
     "la question des réfugiés.", "fr"),
])
def test_refugees_as_a_topic_are_no_movement(text, lang):
    kinds = _kinds(text, lang)
    assert "population_movement" not in kinds and "high_level_meeting" in kinds


@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("On 5 May 2026 Mongolia's president arrived in Tokyo for talks on a railway via China.",
     "en", ("MNG", "JPN")),
    ("On 5 May 2026 Armenia's prime minister arrived in New Delhi for talks on trade routes "
     "through Iran.", "en", ("ARM", "IND")),
    ("Le 5 mai 2026, le président mongol est arrivé à Tokyo pour discuter d'un corridor "
     "transitant par la Chine.", "fr", ("MNG", "JPN")),
])
def test_a_route_country_is_no_party(text, lang, pair):
    pairs = _pairs(text, lang, "high_level_meeting")
    assert pair in pairs and len(pairs) == 1


# -- a named company of troops ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("In May 2026 a Mongolian rifle company was flown to Japan for training.", "en",
     ("MNG", "JPN")),
    ("On 4 May 2026 Armenia sent an infantry company to India.", "en", ("ARM", "IND")),
    ("Le 4 mai 2026, une compagnie parachutiste arménienne a été envoyée en Inde.", "fr",
     ("ARM", "IND")),
])
def test_a_military_company_is_troops(text, lang, pair):
    assert pair in _pairs(text, lang, "troop_movement")


@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2026 a Turkish defence company delivered drones to Kyrgyzstan.", "en"),
    ("En mai 2026, une compagnie turque a livré des drones au Kirghizstan.", "fr"),
])
def test_a_firm_is_no_company_of_troops(text, lang):
    assert "troop_movement" not in _kinds(text, lang)


# -- a movement's goal named by a town after "to" / "vers" ------------------------------------

@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("On 12 May 2026 Russia flew 60 military engineers to Osh to clear mines.", "en",
     ("RUS", "KGZ")),
    ("Kazakhstan, at Tashkent's request, moved a battalion to Termez on 3 May 2026.", "en",
     ("KAZ", "UZB")),
    ("In May 2026 Turkey dispatched 40 instructors to Mary for a month.", "en", ("TUR", "TKM")),
    ("Le 12 mai 2026, la Russie a dépêché des soldats vers Khorog.", "fr", ("RUS", "TJK")),
])
def test_a_town_after_to_is_the_goal_of_troops(text, lang, pair):
    assert pair in _pairs(text, lang, "troop_movement")


@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2026 Russia sent a letter to Osh officials about the road.", "en"),
    ("In May 2026 a Russian radar was brought by rail to Osh for repairs.", "en"),
])
def test_a_town_after_to_is_no_goal_without_troops(text, lang):
    assert _relations(text, lang) == set()


# -- an owner adjective with modifiers before the troop noun ----------------------------------

@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("Mongolian officials confirmed that a Chinese paramilitary police unit has been stationed "
     "at a post near the border since 2025.", "en", ("CHN", "MNG")),
    ("Armenian sources said a Russian air-defence missile unit has been based at Gyumri since "
     "2024.", "en", ("RUS", "ARM")),
    ("Georgian officials said a Turkish mountain infantry battalion has been stationed at a "
     "camp since April 2026.", "en", ("TUR", "GEO")),
])
def test_the_owner_adjective_reaches_over_modifiers(text, lang, pair):
    assert pair in _pairs(text, lang, "military_presence")


# -- troops of a border service: their adjective is their country, not a border's far side ----

@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("Russian border advisers have been posted in Khorog since January 2026.", "en",
     ("RUS", "TJK")),
    ("Since March 2026, Turkish border instructors have been based at Mary.", "en",
     ("TUR", "TKM")),
    ("Since May 2026 Indian security advisers have, however, been posted in Dushanbe.", "en",
     ("IND", "TJK")),
])
def test_border_advisers_are_troops_of_their_country(text, lang, pair):
    assert pair in _pairs(text, lang, "military_presence")


@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2026 presidential advisers from Mongolia and Japan met in Tokyo.", "en"),
])
def test_presidential_advisers_are_no_troops(text, lang):
    assert "military_presence" not in _kinds(text, lang) \
        and "troop_movement" not in _kinds(text, lang)


# -- a time adverbial with no comma before "he" / "il" after a visit --------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Mongolia's president began a state visit to Tokyo on 3 May 2026. On its second day he "
     "and the Japanese prime minister signed a defence cooperation treaty.", "en"),
    ("Le président mongol est arrivé à Tokyo le 3 mai 2026. Le lendemain il a signé un accord "
     "de coopération militaire avec le Japon.", "fr"),
    ("Le président mongol est arrivé à Tokyo le 3 mai 2026. Dans la soirée il a signé un "
     "accord de défense avec le Japon.", "fr"),
])
def test_a_time_adverbial_keeps_the_visitor_as_he(text, lang):
    pairs = _pairs(text, lang, "security_agreement")
    assert ("MNG", "JPN") in pairs | {(b, a) for a, b in pairs}


@pytest.mark.parametrize(("text", "lang"), [
    ("Le président mongol est arrivé à Tokyo le 3 mai 2026. Le lendemain il pleuvait.", "fr"),
])
def test_a_time_adverbial_alone_adds_nothing(text, lang):
    assert _kinds(text, lang) == {"high_level_meeting"}


# -- a base or a deal never discussed ---------------------------------------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Officials in Ulaanbaatar insisted that a Japanese naval base in Mongolia was never "
     "discussed.", "en"),
    ("A Turkish base in Georgia was not raised at the talks in May 2026.", "en"),
    ("Une base navale japonaise en Mongolie n'a jamais été évoquée, selon Oulan-Bator.", "fr"),
    ("Selon Tbilissi, une base turque en Géorgie n'a pas été discutée en mai 2026.", "fr"),
])
def test_a_base_never_discussed_is_none(text, lang):
    assert _relations(text, lang) == set()


# -- a dated delivery with only its supplier named goes to the country named just before ------

@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("Armenia is rebuilding its air force. India, for its part, delivered the last six of "
     "twelve fighters at the end of May 2026.", "en", ("IND", "ARM")),
    ("Mongolia keeps modernising its army. Japan supplied four patrol boats in March 2026.",
     "en", ("JPN", "MNG")),
    ("Georgia's coast guard is growing. In April 2026 Turkey handed over two corvettes.", "en",
     ("TUR", "GEO")),
])
def test_a_dated_delivery_goes_to_the_country_named_before(text, lang, pair):
    assert pair in _pairs(text, lang, "arms_transfer")


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia is rebuilding its air force. India also sells arms across Africa.", "en"),
    ("Armenia is rebuilding its air force. India supplies helicopters to many buyers.", "en"),
])
def test_an_undated_or_generic_sale_goes_nowhere(text, lang):
    assert "arms_transfer" not in _kinds(text, lang)


# -- a status noun with its country as a genitive ---------------------------------------------

@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Le Kazakhstan regrette le retrait de l'Arménie de l'OTSC, effectif le 2 mai 2026.", "fr",
     ("CSTO", "ARM")),
    ("Moscou a salué l'adhésion de l'Ouzbékistan à l'UEE le 1er juin 2026.", "fr",
     ("EAEU", "UZB")),
    ("Le Kazakhstan a pris acte de la sortie de la Géorgie de la CEI en 2026.", "fr",
     ("CIS", "GEO")),
    ("Kazakhstan regretted the withdrawal of Armenia from the CSTO in May 2026.", "en",
     ("CSTO", "ARM")),
    ("Russia welcomed the accession of Uzbekistan to the EAEU on 1 June 2026.", "en",
     ("EAEU", "UZB")),
])
def test_the_genitive_country_is_whose_status(text, lang, want):
    assert [m[:2] for m in _members(text, lang)] == [want]


@pytest.mark.parametrize(("text", "lang"), [
    ("Russia welcomed the accession of Uzbekistan to the EAEU on 1 June 2026.", "en"),
    ("Moscow welcomed Uzbekistan's accession to the EAEU on 1 June 2026.", "en"),
])
def test_welcoming_a_decision_is_no_visit(text, lang):
    assert "high_level_meeting" not in _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("On 3 May 2026 Putin welcomed the Uzbek president in the Kremlin.", "en"),
    ("On 3 May 2026 Russia welcomed Uzbekistan's president in Moscow.", "en"),
])
def test_welcoming_a_visitor_is_a_visit(text, lang):
    assert ("UZB", "RUS") in _pairs(text, lang, "high_level_meeting")


# -- a presence at a school or training centre, and "de manière permanente" -------------------

@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("Des instructeurs turcs sont présents à l'académie navale de Bakou depuis mars 2026.",
     "fr", ("TUR", "AZE")),
    ("Depuis mars 2026, des soldats russes sont stationnés de façon permanente à Khorog.", "fr",
     ("RUS", "TJK")),
    ("Depuis mai 2026, des instructeurs indiens se trouvent de manière permanente à l'école "
     "militaire de Douchanbé.", "fr", ("IND", "TJK")),
    ("Since May 2026 Turkish instructors have been based at the naval academy of Baku.", "en",
     ("TUR", "AZE")),
])
def test_a_presence_at_a_school_names_its_host(text, lang, pair):
    assert pair in _pairs(text, lang, "military_presence")


@pytest.mark.parametrize(("text", "lang"), [
    ("Des étudiants turcs sont présents à l'académie navale de Bakou depuis mars 2026.", "fr"),
])
def test_students_at_a_school_are_no_presence(text, lang):
    assert "military_presence" not in _kinds(text, lang)


# -- troops "working", "serving" somewhere; travelling by road ---------------------------------

@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("Georgia is the host. A team of US Army engineers has been working at Batumi since April "
     "2026.", "en", ("USA", "GEO")),
    ("Since March 2026 Russian soldiers serving in Tajikistan have guarded the border.", "en",
     ("RUS", "TJK")),
    ("Since 2025 Turkish military instructors have been operating in Azerbaijan.", "en",
     ("TUR", "AZE")),
])
def test_troops_working_somewhere_are_a_presence(text, lang, pair):
    assert pair in _pairs(text, lang, "military_presence")


@pytest.mark.parametrize(("text", "lang"), [
    ("Turkish diplomats working in Baku were recalled in May 2026.", "en"),
    ("Russian engineers from a private firm are working in Tajikistan on a dam.", "en"),
])
def test_civilians_working_somewhere_are_no_presence(text, lang):
    assert "military_presence" not in _kinds(text, lang)


@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("On 21 May 2026 the Kazakh contingent travelled by road from Almaty to Bishkek.", "en",
     ("KAZ", "KGZ")),
    ("Le 21 mai 2026, le contingent kazakh a voyagé par la route d'Almaty à Bichkek.", "fr",
     ("KAZ", "KGZ")),
])
def test_troops_travelling_abroad_move(text, lang, pair):
    assert pair in _pairs(text, lang, "troop_movement")


@pytest.mark.parametrize(("text", "lang"), [
    ("The Kazakh contingent, an infantry company, had travelled by road from Almaty on 21 May "
     "2026.", "en"),
])
def test_a_move_from_home_with_no_goal_is_no_home_deployment(text, lang):
    assert not [c for c in extract(text, lang, PUB, 3) if c.table == "events"]


@pytest.mark.parametrize(("text", "lang"), [
    ("On 3 May 2026 the Kazakh army moved a battalion from Almaty to the Shymkent region.", "en"),
])
def test_a_move_from_home_to_home_is_a_deployment(text, lang):
    assert [c.values["kind"] for c in extract(text, lang, PUB, 3)
            if c.table == "events"] == ["deployment"]


# -- jumps, live firings and landings done together are a joint exercise ---------------------

@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("En mai 2026, des parachutistes arméniens et indiens ont effectué ensemble des sauts en "
     "haute altitude.", "fr", ("ARM", "IND")),
    ("En mai 2026, des artilleurs mongols et japonais ont mené ensemble des tirs réels.", "fr",
     ("MNG", "JPN")),
    ("In May 2026 Armenian and Indian paratroopers carried out joint high-altitude jumps.",
     "en", ("ARM", "IND")),
    ("In May 2026 Georgian and Turkish marines practised amphibious landings together.", "en",
     ("GEO", "TUR")),
])
def test_jumps_and_firings_together_are_a_joint_exercise(text, lang, pair):
    pairs = _pairs(text, lang, "joint_exercise")
    assert pair in pairs | {(b, a) for a, b in pairs}


@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2026 prices in Armenia and India jumped together.", "en"),
    ("En mai 2026, les ministres arménien et indien ont sauté ensemble de joie.", "fr"),
])
def test_jumps_of_prices_or_joy_are_no_drill(text, lang):
    assert "joint_exercise" not in _kinds(text, lang)


# -- "the two governments" after a sentence naming one country and a town ----------------------

@pytest.mark.parametrize(("text", "lang", "pair"), [
    ("A team of US Army engineers has been working at Batumi since April 2026. On 2 June 2026 "
     "the two governments signed a border security cooperation plan.", "en", ("USA", "GEO")),
    ("Des instructeurs turcs travaillent à Khorog depuis avril 2026. Le 2 juin 2026, les deux "
     "gouvernements ont signé un accord de coopération militaire.", "fr", ("TUR", "TJK")),
])
def test_the_two_after_one_country_and_a_town(text, lang, pair):
    pairs = _pairs(text, lang, "security_agreement")
    assert pair in pairs | {(b, a) for a, b in pairs}


@pytest.mark.parametrize(("text", "lang"), [
    ("On 12 May 2026 the defence ministers of Armenia and India met near Batumi. The two "
     "ministers signed a pact on joint air defence.", "en"),
])
def test_a_town_does_not_join_a_pair_already_named(text, lang):
    assert all("GEO" not in (a, b) for _, a, b, _ in _relations(text, lang))
