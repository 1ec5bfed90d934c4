"""geo.ingest rules of the eighth round: word classes shared by cues (troops, movements, drills,
fire, borders), the French adjective after its noun, who fired first, and the other mechanisms
of the round. Every sentence was written for these tests (invented facts, none taken from a
fixture), one behaviour per test, French and English, with sentences that must yield nothing."""

from __future__ import annotations

import pytest

from geo.ingest import kinds
from tests.test_ingest_general import _members, _relations


@pytest.mark.parametrize(("text", "lang"), [
    ("Quelque 300 sapeurs biélorusses ont été transférés vers l'Arménie en mai 2025.", "fr"),
    ("In May 2025 some 300 Belarusian sappers were airlifted to Armenia.", "en"),
    ("Deux détachements biélorusses sont arrivés en Arménie en mai 2025.", "fr"),
])
def test_a_troop_noun_with_a_movement_verb_is_a_movement(text, lang):
    got = {(k, a, b) for k, a, b, _ in _relations(text, lang)}
    assert ("troop_movement", "BLR", "ARM") in got


@pytest.mark.parametrize(("text", "lang"), [
    ("Les militaires biélorusses ont salué l'Arménie en mai 2025.", "fr"),
    ("Belarusian sappers praised Armenia's roads in May 2025.", "en"),
    ("Les équipements militaires biélorusses ont été présentés en Arménie en mai 2025.", "fr"),
])
def test_troops_without_a_movement_are_no_movement(text, lang):
    assert not {k for k, *_ in _relations(text, lang)} & {"troop_movement"}


@pytest.mark.parametrize(("text", "lang"), [
    ("En avril 2025, artilleurs mongols et chinois se sont entraînés côte à côte.", "fr"),
    ("Mongolian and Chinese gunners drilled side by side in April 2025.", "en"),
    ("In April 2025 Mongolian sailors trained alongside their Chinese counterparts.", "en"),
])
def test_drilling_together_is_a_joint_exercise(text, lang):
    got = {(k, *sorted((a, b))) for k, a, b, _ in _relations(text, lang)}
    assert ("joint_exercise", "CHN", "MNG") in got


@pytest.mark.parametrize(("text", "lang"), [
    ("En avril 2025, les ministres mongol et chinois ont dîné ensemble.", "fr"),
    ("Mongolian and Chinese officials travelled together to the fair in April 2025.", "en"),
])
def test_together_without_a_drill_is_no_exercise(text, lang):
    assert "joint_exercise" not in {k for k, *_ in _relations(text, lang)}


@pytest.mark.parametrize(("text", "lang"), [
    ("Le 2 juin 2025, une patrouille tadjike a essuyé des tirs nourris venus de la rive "
     "kirghize, près de la frontière.", "fr"),
    ("On 2 June 2025 a Tajik checkpoint came under machine-gun fire from Kyrgyz territory.",
     "en"),
])
def test_fire_at_the_border_is_directed_from_the_side_it_came_from(text, lang):
    assert ("border_conflict", "KGZ", "TJK", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Le 2 juin 2025, gardes-frontières kirghiz et tadjiks ont échangé des tirs.", "fr"),
    ("On 2 June 2025 Kyrgyz and Tajik border guards clashed, each blaming the other.", "en"),
])
def test_fire_with_no_side_named_as_its_source_is_undirected(text, lang):
    got = [r for r in _relations(text, lang) if r[0] == "border_conflict"]
    assert got and all(r[3] == "false" for r in got)


@pytest.mark.parametrize(("text", "lang"), [
    ("Le cessez-le-feu à la frontière tient depuis 2024.", "fr"),
    ("A forest fire broke out in 2025, far from the border with Kazakhstan.", "en"),
])
def test_a_ceasefire_or_a_blaze_is_no_border_fire(text, lang):
    assert "border_conflict" not in {t.kind for t in kinds.triggers(text, lang)}


def test_classes_expand_in_every_cue():
    assert not any("<TROOPS>" in p.pattern or "<MOVE>" in p.pattern
                   for *_, p in kinds._lexicon())  # noqa: SLF001


@pytest.mark.parametrize(("text", "lang"), [
    ("En 2025, la CEI a accordé le statut d'observateur à la Mongolie, dont la demande était "
     "appuyée par Moscou.", "fr"),
    ("In 2025 the CIS granted observer status to Mongolia, which Moscow had long backed.", "en"),
])
def test_a_country_in_a_relative_clause_after_a_status_is_not_its_holder(text, lang):
    assert _members(text, lang) == [("CIS", "MNG", "observer")]


@pytest.mark.parametrize(("text", "lang"), [
    ("In June 2025, at a CIS meeting in the Uzbek city of Samarkand, Mongolia became an "
     "observer.", "en"),
    ("En juin 2025, lors d'une réunion de la CEI dans la ville ouzbèke de Samarcande, la "
     "Mongolie est devenue observatrice.", "fr"),
])
def test_an_adjective_on_a_town_names_a_place_not_a_party(text, lang):
    assert _members(text, lang) == [("CIS", "MNG", "observer")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Mongolia hosted a Russian radar station near Choibalsan for more than a decade.", "en"),
    ("La Mongolie a abrité une base aérienne russe pendant plus de dix ans.", "fr"),
])
def test_an_undated_span_in_the_past_is_history_not_a_row(text, lang):
    assert _relations(text, lang) == set()


def test_a_state_still_held_for_years_is_kept():
    got = _relations("Russia has kept troops stationed in Armenia for three decades.", "en")
    assert ("military_presence", "RUS", "ARM", "true") in got


@pytest.mark.parametrize(("text", "lang"), [
    ("In 2025 Armenia hosted a Russian air base near Gyumri.", "en"),
    ("En 2025, l'Arménie a accueilli des troupes russes près de Gyumri.", "fr"),
])
def test_a_hosting_verb_whose_object_is_a_base_or_troops_is_no_meeting(text, lang):
    assert "high_level_meeting" not in {k for k, *_ in _relations(text, lang)}


def test_a_hosting_verb_with_a_person_is_still_a_meeting():
    got = _relations("In May 2025 Armenia hosted the Russian defence minister.", "en")
    assert ("high_level_meeting", "RUS", "ARM", "true") in got


@pytest.mark.parametrize(("text", "lang"), [
    ("Mongolian officials dismissed as nonsense a report that Russian troops were flown to "
     "Ulaanbaatar in May 2025.", "en"),
    ("Oulan-Bator a qualifié de fantaisiste l'information selon laquelle des troupes russes "
     "auraient été envoyées en Mongolie en mai 2025.", "fr"),
    ("In May 2025 China had asked to open a military facility in Mongolia.", "en"),
    ("En mai 2025, la Chine a demandé à ouvrir une base militaire en Mongolie.", "fr"),
])
def test_a_dismissed_report_or_a_request_is_no_fact(text, lang):
    assert _relations(text, lang) == set()


@pytest.mark.parametrize(("text", "lang"), [
    ("Le Tadjikistan a réceptionné six hélicoptères en avril 2025. Ces appareils ont été "
     "livrés par Moscou dans le cadre d'un accord ancien.", "fr"),
    ("Six helicopters were handed to the Tajik air force in April 2025. These aircraft were "
     "supplied by Moscow.", "en"),
])
def test_goods_pointed_back_at_take_the_supplier_of_the_next_sentence(text, lang):
    assert ("arms_transfer", "RUS", "TJK", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Le Tadjikistan a réceptionné six hélicoptères en avril 2025. Moscou a aussi vendu des "
     "fusils.", "fr"),
    ("Six helicopters were handed to the Tajik air force in April 2025. Moscow sells rifles "
     "too.", "en"),
])
def test_a_supplier_of_other_goods_is_not_carried_back(text, lang):
    assert ("arms_transfer", "RUS", "TJK", "true") not in _relations(text, lang)


def _events(text, lang):
    from geo.ingest.extract import extract
    from tests.test_ingest_general import PUB
    return [(c.values["kind"], c.values["participants"], c.values["start"])
            for c in extract(text, lang, PUB, 3) if c.table == "events"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Le 4 février, des tirs ont visé un poste-frontière tadjik. Aussitôt après, l'armée "
     "tadjike a fait avancer trois compagnies vers Khorog.", "fr"),
    ("On 4 February a Tajik border post came under fire. Shortly afterwards the Tajik army "
     "moved three battalions towards the Rasht valley.", "en"),
])
def test_a_move_to_a_named_place_at_home_is_a_deployment_dated_by_the_fact_before(text, lang):
    assert ("deployment", "TJK", "2026-02-04") in _events(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("En février 2026, l'armée tadjike a fait avancer trois compagnies vers la Russie.", "fr"),
    ("In February 2026 the Tajik army moved three battalions towards Russia.", "en"),
])
def test_a_move_towards_a_country_is_no_deployment_at_home(text, lang):
    assert not [e for e in _events(text, lang) if e[0] == "deployment"]


@pytest.mark.parametrize(("text", "lang"), [
    ("En 2025, 90 militaires russes de la base de Baïkonour ont été rapatriés vers la "
     "Russie.", "fr"),
    ("In 2025, 90 Russian servicemen from the Baykonur base, still leased by Moscow, were "
     "flown home to Russia.", "en"),
])
def test_troops_leaving_a_base_that_stays_move_and_are_present(text, lang):
    got = {(k, a, b) for k, a, b, _ in _relations(text, lang)}
    assert {("troop_movement", "KAZ", "RUS"), ("military_presence", "RUS", "KAZ")} <= got


@pytest.mark.parametrize("written", ["Sary-Chagan", "Sary Shagan", "Karchi-Khanabad",
                                     "Baïkonour", "Douchanbé-201"])
def test_a_base_is_found_in_either_transliteration(written):
    from geo.ingest import places
    got = places.find(f"Les soldats de la base de {written} sont partis.")
    assert [p.name for p in got] == [written]


@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2025 Ilham Aliyev spent three days in Tbilisi as the guest of the Georgian "
     "president.", "en"),
    ("En mai 2025, le président Aliev était à Tbilissi, où son homologue géorgien lui a fait "
     "l'accueil.", "fr"),
    ("En mai 2025, Ilham Aliev a passé deux jours à Tbilissi, invité par le président "
     "géorgien.", "fr"),
])
def test_a_guest_in_a_capital_is_a_visit_to_its_country(text, lang):
    assert ("high_level_meeting", "AZE", "GEO", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("En 2022, la Turquie était l'hôte du sommet de l'OTS avec le Kazakhstan.", "fr"),
    ("In 2022 Turkey played host to the summit, with Kazakhstan attending.", "en"),
])
def test_the_host_of_a_summit_is_no_visit(text, lang):
    assert "high_level_meeting" not in {k for k, *_ in _relations(text, lang)}


@pytest.mark.parametrize(("text", "lang"), [
    ("Since March 2025 a team of Turkish military instructors has been posted at a school "
     "in Azerbaijan.", "en"),
    ("Depuis mars 2025, des instructeurs turcs sont affectés dans une école en "
     "Azerbaïdjan.", "fr"),
])
def test_instructors_posted_abroad_are_a_presence(text, lang):
    assert ("military_presence", "TUR", "AZE", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("In 2025 Armenia and Azerbaijan signed a protocol settling the course of the northern "
     "section of their frontier.", "en"),
    ("En 2025, l'Arménie et l'Azerbaïdjan ont signé un protocole fixant le parcours de la "
     "section nord de leur frontière.", "fr"),
])
def test_a_pact_fixing_a_line_is_a_border_agreement(text, lang):
    got = {(k, *sorted((a, b))) for k, a, b, _ in _relations(text, lang)}
    assert ("border_agreement", "ARM", "AZE") in got


@pytest.mark.parametrize(("text", "lang"), [
    ("In April 2025 the Armenian prime minister flew to Tbilisi for talks with the Georgian "
     "premier. The visit produced a treaty on the delimitation of the frontier.", "en"),
    ("En avril 2025, le Premier ministre arménien a été reçu à Tbilissi par son homologue "
     "géorgien. À l'issue de la visite, un accord sur la démarcation de la frontière a été "
     "signé.", "fr"),
])
def test_a_fact_of_the_visit_just_read_has_its_two_countries(text, lang):
    got = {(k, *sorted((a, b))) for k, a, b, _ in _relations(text, lang)}
    assert ("border_agreement", "ARM", "GEO") in got


@pytest.mark.parametrize(("text", "lang"), [
    ("In April 2025 Armenia bought rifles from Georgia. The visit of a choir followed.", "en"),
    ("En avril 2025, l'Arménie a acheté des fusils à la Géorgie. Une frontière sépare les "
     "deux peuples.", "fr"),
])
def test_no_visit_before_no_carried_pair(text, lang):
    assert "border_agreement" not in {k for k, *_ in _relations(text, lang)}


@pytest.mark.parametrize(("text", "lang"), [
    ("Armenia is a small republic. Yerevan bought Indian radars in 2024. In March 2025 a team "
     "of French instructors was posted to a school in the republic.", "en"),
    ("L'Arménie est une petite république. Erevan a acheté des radars indiens en 2024. En mars "
     "2025, des instructeurs français ont été affectés à une école dans le pays.", "fr"),
])
def test_the_republic_after_a_place_word_is_the_articles_country(text, lang):
    assert ("military_presence", "FRA", "ARM", "true") in _relations(text, lang)


def test_the_country_is_not_resolved_when_the_sentence_before_did_not_name_it():
    text = ("Armenia is a small republic. Armenia bought radars in 2024. France was praised. In "
            "March 2025 French instructors were posted to a school in the country.")
    assert ("military_presence", "FRA", "ARM", "true") not in _relations(text, "en")


@pytest.mark.parametrize(("text", "lang", "code"), [
    ("Budapest a livré des radars au Kirghizistan en 2025.", "fr", "HUN"),
    ("In 2025 Warsaw sold rifles to Kyrgyzstan.", "en", "POL"),
    ("En 2025, Varsovie a vendu des fusils au Kirghizistan.", "fr", "POL"),
    ("Des instructeurs tchèques ont été affectés au Kirghizistan en 2025.", "fr", "CZE"),
    ("In 2025 Egyptian instructors were posted to Kyrgyzstan.", "en", "EGY"),
])
def test_capitals_and_demonyms_of_more_countries_come_from_the_tables(text, lang, code):
    assert any(a == code and b == "KGZ" for _, a, b, _ in _relations(text, lang))


def test_a_common_word_is_no_demonym():
    from geo.ingest import names
    assert not names.countries("the two poles of the debate")


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("occupent depuis deux ans un poste", "fr", "2024"),
    ("il y a trois mois", "fr", "2025-12"),
    ("two years ago", "en", "2024"),
    ("for the past 3 years", "en", "2023"),
])
def test_spans_counted_back_from_publication(text, lang, value):
    from geo.ingest import when
    from tests.test_ingest_general import PUB
    assert [f.value for f in when.find(text, PUB, 3)] == [value]


def test_a_count_that_is_no_span_back_is_no_date():
    from geo.ingest import when
    from tests.test_ingest_general import PUB
    assert when.find("some two years of war; il a duré deux ans", PUB, 3) == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Chinese armed police have manned an outpost in Mongolia since 2021.", "en"),
    ("Des policiers armés chinois tiennent depuis 2021 un poste en Mongolie.", "fr"),
    ("Depuis deux ans, des gardes-frontières chinois occupent une position en Mongolie.", "fr"),
])
def test_holding_a_post_abroad_is_a_presence(text, lang):
    assert ("military_presence", "CHN", "MNG", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("In 2022 the Indian air force pulled its last jets out of Mongolia.", "en"),
    ("En 2022, l'armée de l'air indienne a retiré ses derniers avions de la Mongolie.", "fr"),
])
def test_aircraft_pulled_out_of_a_country_leave_it(text, lang):
    assert ("troop_movement", "MNG", "IND", "true") in _relations(text, lang)


def test_troops_pulled_out_to_go_elsewhere_move_there():
    got = _relations("Russia pulled troops out of Armenia in 2022 to send them to Syria.", "en")
    assert ("troop_movement", "ARM", "SYR", "true") in got


@pytest.mark.parametrize(("text", "lang"), [
    ("The Armenian and Georgian leaders sat down together in Tbilisi in May 2025.", "en"),
    ("Les présidents arménien et géorgien se sont retrouvés à Tbilissi en mai 2025.", "fr"),
])
def test_leaders_getting_together_in_a_town_meet_there(text, lang):
    assert ("high_level_meeting", "ARM", "GEO", "true") in _relations(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Mongolia accused Chinese guards of firing across the border on 2 March.", "en"),
    ("Oulan-Bator accuse les gardes chinois d'avoir tiré à travers la frontière le 2 mars.",
     "fr"),
])
def test_the_side_accused_of_firing_fired(text, lang):
    got = {r for r in _relations(text, lang) if r[0].endswith("conflict")}
    assert got == {("border_conflict", "CHN", "MNG", "true")}


def test_each_side_accusing_the_other_is_undirected():
    text = ("On 2 March Mongolian and Chinese guards traded fire at the border; each side "
            "blamed the other.")
    got = [r for r in _relations(text, "en") if r[0] == "border_conflict"]
    assert got and all(r[3] == "false" for r in got)


def test_goods_accepted_from_a_country_come_from_it():
    text = "The Mongolian army accepted four radars from the Emirates in May 2025."
    assert ("arms_transfer", "ARE", "MNG", "true") in _relations(text, "en")


def test_a_base_named_after_a_possessive_is_a_presence():
    text = "In May 2025 Moscow moved more radars to Armenia's Erebuni base."
    assert ("military_presence", "RUS", "ARM", "true") in _relations(text, "en")


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
