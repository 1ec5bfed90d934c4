"""geo.ingest rules of the eighth round, second part (see tests/test_ingest_rules8.py): who fired,
coreference across sentences, dates, hedges, statuses, visits; the session's own sentences,
French and English, with sentences that must yield nothing."""

from __future__ import annotations

import pytest

from tests.test_ingest_general import _members, _relations
from tests.test_ingest_rules8 import _events


@pytest.mark.parametrize(("text", "lang"), [
    ("En mai 2025, le président arménien a été reçu à Tbilissi. Les ministres de l'Intérieur "
     "des deux pays ont signé un accord de sécurité.", "fr"),
    ("In May 2025 the Armenian president was received in Tbilisi. The interior ministers of "
     "both countries signed a security agreement.", "en"),
])
def test_the_two_countries_after_a_preposition_are_the_two_before(text, lang):
    got = {(k, *sorted((a, b))) for k, a, b, _ in _relations(text, lang)}
    assert ("security_agreement", "ARM", "GEO") in got


@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2025 Aliyev met Pashinyan in Yerevan. It was the Azerbaijani leader's first visit "
     "to his western neighbour, where he signed a defence pact.", "en"),
    ("En mai 2025, Aliev a rencontré Pachinian à Erevan. Le dirigeant azerbaïdjanais a signé "
     "avec son voisin occidental un pacte de défense.", "fr"),
])
def test_his_neighbour_is_the_other_country_named_before(text, lang):
    got = {(k, *sorted((a, b))) for k, a, b, _ in _relations(text, lang)}
    assert ("security_agreement", "ARM", "AZE") in got


def test_a_neighbour_with_no_single_other_country_before_is_nobody():
    text = "Armenia bought rifles in 2024. Its neighbour signed a defence pact in May 2025."
    assert "security_agreement" not in {k for k, *_ in _relations(text, "en")}


@pytest.mark.parametrize(("written", "code"), [
    ("Mirziyoev", "UZB"), ("Toqayev", "KAZ"), ("Pachinyan", "ARM"), ("Berdymoukhamedov", "TKM"),
    ("Djaparov", "KGZ"), ("Pezeshkian", "IRN"),
])
def test_a_leader_is_found_in_either_transliteration(written, code):
    from geo.ingest import names
    assert [(m.code, m.kind) for m in names.countries(f"{written} a parlé.")] == \
        [(code, "leader")]


@pytest.mark.parametrize("word", ["Kant", "Modest", "Putney", "Alieva Street"])
def test_a_word_near_a_leaders_name_is_no_leader(word):
    from geo.ingest import names
    assert [m for m in names.countries(word) if m.kind == "leader"] == []


@pytest.mark.parametrize(("text", "lang", "day"), [
    ("Le 3 mars 2025, des tirs ont visé un poste-frontière arménien. Le lendemain, l'Arménie "
     "a reçu le ministre géorgien de la Défense.", "fr", "2025-03-04"),
    ("On 3 March 2025 shots were fired at an Armenian border post. Two days later Armenia "
     "hosted the Georgian defence minister.", "en", "2025-03-05"),
])
def test_a_day_counted_from_the_last_date_given(text, lang, day):
    from geo.ingest.extract import extract
    from tests.test_ingest_general import PUB
    got = [c.values["start"] for c in extract(text, lang, PUB, 3)
           if c.values.get("kind") == "high_level_meeting"]
    assert got == [day]


def test_a_day_after_a_month_is_no_day():
    from geo.ingest import when
    assert when.days_after("the next day", "2025-03") == ""


@pytest.mark.parametrize(("text", "lang"), [
    ("Observers say Belarusian troops could be flown to Armenia in 2026.", "en"),
    ("Des soldats biélorusses pourraient être envoyés en Arménie en 2026.", "fr"),
    ("The Armenian border service denied that Azerbaijani guards had fired across the frontier "
     "on 2 March.", "en"),
    ("Les gardes-frontières arméniens ont démenti avoir essuyé des tirs azerbaïdjanais le "
     "2 mars.", "fr"),
])
def test_a_hedge_inside_a_long_cue_still_hedges(text, lang):
    assert _relations(text, lang) == set()


def test_a_fact_whose_cue_spans_no_hedge_is_kept():
    got = _relations("On 2 March 2025 Belarusian troops were flown to Armenia.", "en")
    assert ("troop_movement", "BLR", "ARM", "true") in got


@pytest.mark.parametrize(("text", "lang"), [
    ("CSTO membership is not on the agenda for Mongolia.", "en"),
    ("L'adhésion à l'OTSC n'est pas à l'ordre du jour pour la Mongolie.", "fr"),
    ("Mongolian accession to the CSTO is ruled out.", "en"),
])
def test_a_status_denied_after_its_cue_is_no_status(text, lang):
    assert _members(text, lang) == []


def test_a_status_followed_by_other_words_is_kept():
    assert _members("Mongolia is a member of the CIS, not of the CSTO.", "en") == \
        [("CIS", "MNG", "member")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Long an observer, Mongolia was admitted as a full member of the CIS in May 2025.", "en"),
    ("Longtemps observatrice, la Mongolie a été admise comme membre de la CEI en mai 2025.",
     "fr"),
])
def test_a_status_held_long_ago_is_not_the_new_one(text, lang):
    assert _members(text, lang) == [("CIS", "MNG", "member")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Troops from Armenia, Georgia and Azerbaijan trained together near Gori in May 2025.", "en"),
    ("En mai 2025, des militaires d'Arménie, de Géorgie et d'Azerbaïdjan se sont entraînés "
     "ensemble près de Gori.", "fr"),
    ("Armenian, Georgian and Azeri units held the Caucasus-2025 drill in May.", "en"),
])
def test_three_countries_drilling_together_are_one_exercise_event(text, lang):
    assert [e[:2] for e in _events(text, lang)] == [("exercise", "ARM;GEO;AZE")]
    assert "joint_exercise" not in {k for k, *_ in _relations(text, lang)}


def test_one_country_drilling_with_three_in_turn_is_three_links():
    text = ("Since 2020 India has held joint exercises with Armenia, Georgia and Azerbaijan, "
            "one after the other.")
    got = {(k, a, b) for k, a, b, _ in _relations(text, "en")}
    assert {("joint_exercise", "IND", c) for c in ("ARM", "GEO", "AZE")} <= got


@pytest.mark.parametrize(("text", "lang"), [
    ("La Géorgie a officiellement quitté la CEI le 1er mars 2025.", "fr"),
    ("Georgia has formally left the CIS on 1 March 2025.", "en"),
])
def test_an_adverb_inside_the_verb_group_does_not_hide_the_cue(text, lang):
    assert _members(text, lang) == [("CIS", "GEO", "member")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Le ministre géorgien il est venu à Erevan lundi 16 mars et il a parlé avec Pachinian.",
     "fr"),
    ("On 16 March it was to Yerevan that the Georgian minister travelled for talks.", "en"),
])
def test_coming_to_a_capital_for_talks_is_a_visit(text, lang):
    assert ("high_level_meeting", "GEO", "ARM", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Six obusiers il les a donné la Biélorussie à l'Arménie en janvier.", "fr"),
    ("Minsk a confirmé en janvier la vente d'obusiers à l'Arménie.", "fr"),
    ("The sale of Belarusian howitzers to Armenia was confirmed in January.", "en"),
])
def test_giving_and_selling_by_noun_or_plain_verb(text, lang):
    assert ("arms_transfer", "BLR", "ARM", "true") in _relations(text, lang)


def test_political_parties_are_no_troops_leaving():
    text = "En janvier, les partis de l'opposition arménienne ont critiqué les militaires russes."
    assert "troop_movement" not in {k for k, *_ in _relations(text, "fr")}


def test_soldiers_who_left_for_home_moved():
    text = "En janvier, les soldats de la Russie ils sont partis de l'Arménie vers la Russie."
    assert ("troop_movement", "ARM", "RUS", "true") in _relations(text, "fr")


def test_fireworks_at_a_border_are_no_clash():
    text = ("En janvier, la frontière arméno-géorgienne a rouvert aux camions, et les tirs de "
            "feux d'artifice ont salué l'événement.")
    assert "border_conflict" not in {k for k, *_ in _relations(text, "fr")}


@pytest.mark.parametrize(("text", "lang"), [
    ("Earlier this month Georgian and Armenian sailors practised search-and-rescue.", "en"),
    ("Ce mois-ci, des marins géorgiens et arméniens ont répété un sauvetage en mer.", "fr"),
])
def test_troops_of_two_countries_drilling_are_a_joint_exercise(text, lang):
    got = {(k, *sorted((a, b))) for k, a, b, _ in _relations(text, lang)}
    assert ("joint_exercise", "ARM", "GEO") in got


def test_a_capital_hosting_a_summit_where_a_status_is_given_is_its_host():
    text = "Yerevan hosted the CIS summit on 10 March 2025, with Mongolia as observer."
    assert ("summit", "ARM", "2025-03-10") in _events(text, "en")


def test_a_village_shot_at_is_a_side_of_the_clash():
    text = ("Le 2 mars 2025, des gardes-frontières arméniens ont ouvert le feu sur un village "
            "azerbaïdjanais.")
    assert ("border_conflict", "ARM", "AZE", "true") in _relations(text, "fr")


def test_peacekeepers_coming_home_move_from_where_they_served():
    text = "In May 2025 a company of Armenian peacekeepers came home from Lebanon."
    assert ("troop_movement", "LBN", "ARM", "true") in _relations(text, "en")


@pytest.mark.parametrize(("text", "lang"), [
    ("Le président arménien a été accueilli à Tbilissi le 3 mars 2025 par son homologue "
     "géorgien.", "fr"),
    ("On 3 March 2025 the Armenian president was welcomed in Tbilisi by the Georgian leader.",
     "en"),
])
def test_a_guest_welcomed_by_a_host_in_the_passive_visits_him(text, lang):
    assert ("high_level_meeting", "ARM", "GEO", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("En mars 2025, 400 militaires russes avaient quitté l'Arménie pour regagner la Russie.",
     "fr"),
    ("En mars 2025, des soldats russes ont quitté l'Arménie.", "fr"),
])
def test_troops_that_had_left_a_country_moved(text, lang):
    assert any(k == "troop_movement" and a == "ARM" for k, a, _, _ in _relations(text, lang))


@pytest.mark.parametrize(("text", "lang"), [
    ("Since May 2025 a Turkish training mission has been based at an academy in Armenia.", "en"),
    ("In May 2025 some 200 Russian military engineers were sent into Armenia.", "en"),
])
def test_missions_and_engineers_are_troops(text, lang):
    assert any(a == "TUR" or a == "RUS" for _, a, b, _ in _relations(text, lang))


@pytest.mark.parametrize(("text", "lang"), [
    ("On 3 March 2025 Aliyev met Pashinyan in Yerevan. Days earlier, Tbilisi had played host "
     "to an informal CIS summit.", "en"),
    ("Le 3 mars 2025, Aliev a rencontré Pachinian à Erevan. Quelques jours plus tôt, Tbilissi "
     "avait accueilli un sommet informel de la CEI.", "fr"),
])
def test_days_earlier_dates_a_summit_by_the_last_date_and_its_host_hosted(text, lang):
    got = [e for e in _events(text, lang) if e[0] == "summit"]
    assert got == [("summit", "GEO", "2025-03-03")]


@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2025 Aliyev visited Yerevan. The two heads of state signed a defence pact.", "en"),
    ("En mai 2025, Aliev s'est rendu à Erevan. Les deux chefs d'État ont signé un pacte de "
     "défense.", "fr"),
])
def test_the_two_heads_of_state_are_people_not_a_summit(text, lang):
    assert not [e for e in _events(text, lang) if e[0] == "summit"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia took charge of two radars in April 2025. They are the first of six bought from "
     "France.", "en"),
    ("L'Arménie a réceptionné deux radars en avril 2025. Ces appareils ont été achetés à la "
     "France.", "fr"),
])
def test_a_purchase_from_a_country_in_the_next_sentence_names_the_supplier(text, lang):
    assert ("arms_transfer", "FRA", "ARM", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("A visit by Azerbaijan's president to Yerevan, rumoured for July 2025, has not been "
     "confirmed.", "en"),
    ("Une visite du président azerbaïdjanais à Erevan, prévue pour juillet 2025, n'a pas été "
     "confirmée.", "fr"),
    ("A joint Armenian-Georgian exercise slated for May 2025 may be the first.", "en"),
])
def test_a_rumoured_or_planned_fact_is_no_fact(text, lang):
    assert _relations(text, lang) == set()


def test_a_visit_that_took_place_as_planned_with_a_date_is_kept():
    text = "Azerbaijan's president visited Yerevan on 3 July 2025, as planned."
    assert ("high_level_meeting", "AZE", "ARM", "true") in _relations(text, "en")


@pytest.mark.parametrize(("text", "lang"), [
    ("Two transport aircraft ordered from France touched down in Yerevan in May 2025.", "en"),
    ("Deux avions de transport commandés à la France ont atterri à Erevan en mai 2025.", "fr"),
])
def test_goods_landing_in_a_capital_are_a_delivery_not_a_visit(text, lang):
    got = _relations(text, lang)
    assert "high_level_meeting" not in {k for k, *_ in got}
    assert ("arms_transfer", "FRA", "ARM", "true") in got


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia's defence minister was in Tbilisi on 3 March 2025 for consultations with his "
     "Georgian counterpart.", "en"),
    ("Le ministre géorgien est arrivé le 3 mars 2025 à Erevan pour une visite de deux jours.",
     "fr"),
])
def test_a_minister_in_a_capital_for_consultations_or_a_visit_meets(text, lang):
    got = {(k, a, b) for k, a, b, _ in _relations(text, lang)}
    assert got & {("high_level_meeting", "ARM", "GEO"), ("high_level_meeting", "GEO", "ARM")}


@pytest.mark.parametrize(("text", "lang"), [
    ("A Russian Il-76 brought 40 tonnes of ammunition to Yerevan in February 2025.", "en"),
    ("Un Il-76 russe a apporté 40 tonnes de munitions à Erevan en février 2025.", "fr"),
])
def test_goods_brought_to_a_capital_are_a_transfer(text, lang):
    assert ("arms_transfer", "RUS", "ARM", "true") in _relations(text, lang)


def test_bringing_news_is_no_transfer():
    text = "In February 2025 the Russian envoy brought a message to Yerevan."
    assert "arms_transfer" not in {k for k, *_ in _relations(text, "en")}


@pytest.mark.parametrize(("text", "lang"), [
    ("En 2025, des soldats russes étaient à Erevan pour une rotation.", "fr"),
    ("In 2025 Russian troops stayed in Yerevan for a rotation.", "en"),
])
def test_troops_somewhere_are_no_visit(text, lang):
    assert "high_level_meeting" not in {k for k, *_ in _relations(text, lang)}


@pytest.mark.parametrize(("text", "lang"), [
    ("On 4 February 2025, Armenian troops were deployed to the Azerbaijani border.", "en"),
    ("Le 4 février 2025, des troupes arméniennes ont été déployées à la frontière "
     "azerbaïdjanaise.", "fr"),
])
def test_troops_sent_to_a_border_named_by_its_far_side_deploy_at_home(text, lang):
    assert "troop_movement" not in {k for k, *_ in _relations(text, lang)}
    assert [e[:2] for e in _events(text, lang)] == [("deployment", "ARM")]


def test_troops_sent_across_into_the_country_still_move():
    text = "On 4 February 2025, Armenian troops were sent into Azerbaijan."
    assert ("troop_movement", "ARM", "AZE", "true") in _relations(text, "en")


def test_a_member_of_neither_is_no_member():
    assert _members("Mongolia, a neutral state, is a member of neither the CSTO nor the CIS.",
                    "en") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia received four Mi-8 helicopters from Moscow in February 2025.", "en"),
    ("L'Arménie a reçu en février 2025 quatre hélicoptères Mi-8 en provenance de Moscou.",
     "fr"),
])
def test_goods_from_a_capital_come_from_its_state(text, lang):
    assert ("arms_transfer", "RUS", "ARM", "true") in _relations(text, lang)


def test_goods_flown_to_a_capital_still_go_there():
    text = "In February 2025 Russia delivered four Mi-8 helicopters to Yerevan."
    assert ("arms_transfer", "RUS", "ARM", "true") in _relations(text, "en")


@pytest.mark.parametrize(("text", "lang"), [
    ("Russian paratroopers landed at Gyumri in Armenia in February 2025.", "en"),
    ("Des parachutistes russes ont atterri en Arménie en février 2025.", "fr"),
])
def test_troops_that_landed_abroad_moved_there(text, lang):
    assert ("troop_movement", "RUS", "ARM", "true") in _relations(text, lang)


def test_a_base_in_a_country_named_as_from_hosts_the_other():
    text = "Russian personnel have continued to operate from Armenia's Gyumri airbase since 2002."
    assert ("military_presence", "RUS", "ARM", "true") in _relations(text, "en")


def test_calling_on_a_president_is_a_meeting():
    text = "Georgia's army chief called on President Pashinyan in Yerevan on 8 February 2025."
    assert ("high_level_meeting", "GEO", "ARM", "true") in _relations(text, "en")


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenian and Georgian negotiators agreed on 8 February 2025 on the alignment of 12 km of "
     "border.", "en"),
    ("L'Arménie et la Géorgie ont convenu le 8 février 2025 du tracé de douze kilomètres de "
     "frontière.", "fr"),
])
def test_a_date_inside_the_clause_does_not_hide_the_cue(text, lang):
    got = {(k, *sorted((a, b))) for k, a, b, _ in _relations(text, lang)}
    assert ("border_agreement", "ARM", "GEO") in got


@pytest.mark.parametrize(("text", "lang"), [
    ("In 2025 Armenia was in talks to buy Indian radars.", "en"),
    ("En 2025, l'Arménie négocie l'achat de radars indiens.", "fr"),
    ("Reports that Russian instructors were posted to Armenia in 2025 were denied on Monday.",
     "en"),
    ("Les informations selon lesquelles des soldats russes ont été envoyés en Arménie en 2025 "
     "ont été démenties.", "fr"),
])
def test_a_purchase_under_negotiation_or_a_report_denied_after_is_no_fact(text, lang):
    assert _relations(text, lang) == set()


def test_a_delivery_after_negotiations_is_kept():
    text = "After long talks, India delivered radars to Armenia in May 2025."
    assert ("arms_transfer", "IND", "ARM", "true") in _relations(text, "en")


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenian and Georgian teams trained together for the Games in April 2025.", "en"),
    ("Des étudiants arméniens et géorgiens se sont entraînés ensemble en avril 2025.", "fr"),
])
def test_civilians_training_together_are_no_exercise(text, lang):
    assert "joint_exercise" not in {k for k, *_ in _relations(text, lang)}
