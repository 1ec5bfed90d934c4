"""geo.ingest rules of the eighth round: word classes shared by cues (troops, movements, drills,
fire, borders), the French adjective after its noun, who fired first, and the other mechanisms
of the round. Every sentence was written for these tests (invented facts, none taken from a
fixture), one behaviour per test, French and English, with sentences that must yield nothing."""

from __future__ import annotations

import pytest

from geo.ingest import kinds
from geo.ingest.extract import extract
from tests.test_ingest_general import PUB, _members, _relations


def _events(text: str, lang: str) -> list[tuple[str, str, str]]:
    return [(c.values["kind"], c.values["participants"], c.values["start"])
            for c in extract(text, lang, PUB, 3) if c.table == "events"]


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
