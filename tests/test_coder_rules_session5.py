"""End-to-end regressions of the session-5 rules (our own sentences)."""

from __future__ import annotations


def _dyads(events):
    return {(e.source.code if e.source else None, e.target.code if e.target else None, e.plover)
            for e in events}


def test_a_sector_adjective_is_the_kind_of_aid_not_its_donor(coder):
    # "military aid" was a second event MIL -> UKR beside the pledge itself
    events = coder.code("Germany pledged 2.7 billion euros in military aid to Ukraine.", date="2023-05-01")
    assert _dyads(events) == {("DEU", "UKR", "AGREE")}
    approved = coder.code("The US approved $300 million in military assistance to Ukraine.", date="2023-05-01")
    assert _dyads(approved) == {("USA", "UKR", "AID")}
    # a demonym adjective still names the author of a nominal event
    shelling = coder.code("The Russian bombardment of Kharkiv continued.", date="2022-03-01")
    assert _dyads(shelling) == {("RUS", "UKR", "ASSAULT")}


def test_a_counterpart_is_a_government_official_of_his_country(coder):
    events = coder.code("China's foreign minister met his Russian counterpart in Beijing.", date="2023-05-01")
    assert ("CHNGOV", "RUSGOV", "CONSULT") in _dyads(events)


def test_a_visit_to_a_foreign_capital_is_not_vetoed_by_the_classifier(coder):
    # the classifier alone calls these "no event" at p > 0.99 (it learnt place pairs as NONE)
    for sentence, dyad in [("Blinken arrived in Beijing on Sunday.", ("USAGOV", "CHN", "CONSULT")),
                           ("Zelensky visited Washington.", ("UKRGOV", "USA", "CONSULT"))]:
        assert _dyads(coder.code(sentence, date="2023-06-18")) == {dyad}


def test_the_veto_is_kept_for_home_places_and_for_countries():
    from ladder.coding import veto_trusted
    from ladder.types import Actor

    blinken = Actor("Blinken", "USAGOV", "USA", "GOV")
    beijing = Actor("Beijing", "CHN", "CHN", why="countries:CHN:capital")
    chicago = Actor("Chicago", "USA", "USA", why="places:Chicago")
    china = Actor("China", "CHN", "CHN", why="countries:CHN")
    assert not veto_trusted(blinken, beijing)
    assert veto_trusted(blinken, chicago)
    assert veto_trusted(blinken, china)
    assert veto_trusted(None, beijing)


def test_its_forces_belong_to_the_possessor(coder):
    events = coder.code("Russia said its forces had destroyed a Ukrainian ammunition depot.", date="2023-05-01")
    assert _dyads(events) == {("RUSMIL", "UKR", "ASSAULT")}
    # as a target, one's own organ is still no target: the place is
    assert _dyads(coder.code("Turkey strengthened its forces in Syria.", date="2023-05-01")) == {
        ("TUR", "SYR", "MOBILIZE")}


def test_agentless_violence_is_an_event_with_an_unknown_source(coder):
    events = coder.code("Three Iraqi soldiers were killed in Mosul on Monday.", date="2015-05-04")
    assert _dyads(events) == {(None, "IRQMIL", "ASSAULT")}
    assert events[0].to_dict()["source"] is None
    # one incident, one event: "shot and killed" is not two
    assert len(coder.code("Two Afghan policemen were shot and killed in Kabul.", date="2015-05-04")) == 1


def test_no_one_acted_no_agentless_event(coder):
    for sentence in ["A Kenyan man was killed in a car accident in Nairobi.",
                     "Ten Indian villagers were killed by floods in Kerala.",
                     "The Iraqi police chief was fired on Monday.",
                     "The French minister was attacked over the pension reform."]:
        assert [e for e in coder.code(sentence, date="2015-05-04") if e.source is None] == [], sentence


def test_agentless_events_are_the_same_on_the_fast_path():
    from ladder.coder import Coder

    text = ("Protests continued on Sunday. Three Iraqi soldiers were killed in Mosul. "
            "Two Afghan policemen were shot and killed in Kabul.")
    full, fast = Coder(fast=False), Coder(fast=True)
    key = [(e.source and e.source.code, e.target and e.target.code, e.cameo, e.span) for e in full.code(text)]
    assert key == [(e.source and e.source.code, e.target and e.target.code, e.cameo, e.span)
                   for e in fast.code(text)]
    assert len(key) == 2


def test_a_province_names_its_country(coder):
    # first-level subdivisions from pycountry (ISO 3166-2) in places.tsv (these two were not there)
    events = coder.code("Gunmen killed five soldiers in Zamfara state on Sunday.", date="2020-01-01")
    assert _dyads(events) == {("NGAREB", "NGAMIL", "ASSAULT")}
    assert _dyads(coder.code("Police arrested ten protesters in Jharkhand.", date="2020-01-01")) == {
        ("INDCOP", "INDOPP", "COERCE")}


def test_a_device_in_the_sentence_makes_an_unattributed_killing_a_bombing(coder):
    # CAMEO codebook: "killed ... when they blew themselves up" 1831, roadside bombing 1833
    events = coder.code("At least eight people were killed when a suicide bomber blew himself up "
                        "near a police station in Quetta.", date="2012-05-02")
    # (session 7: the "when" clause names the attacker, the bomber, instead of no one)
    assert [(e.source.code if e.source else None, e.target.code if e.target else None, e.cameo)
            for e in events] == [("PAKREB", "PAKCVL", "1831")]
    roadside = coder.code("A roadside bomb killed two American soldiers near Kirkuk on Monday.", date="2006-05-02")
    assert [e.cameo for e in roadside] == ["1833"]
    # a named attacker's killing keeps its own code
    assert [e.cameo for e in coder.code("Iraqi troops killed three militants near Kirkuk.", date="2006-05-02")] \
        == ["190"]


def test_deaths_in_an_attack_and_attack_nouns_as_subject(coder):
    died = coder.code("Two Turkish servicemen and 20 Kurdish rebels died in clashes in Hakkari.", date="2015-05-04")
    assert {(e.source, e.target.code if e.target else None) for e in died} == {(None, "TURMIL"), (None, "TURREB")}
    # the attack noun's author is the attacker (the Taliban were rebels in 2015)
    assert _dyads(coder.code("Three Afghan soldiers died in a Taliban attack in Kunduz.", date="2015-05-04")) == {
        ("AFGREBTAL", "AFGMIL", "ASSAULT")}
    assert _dyads(coder.code("Fighting killed five Sudanese civilians in Darfur.", date="2015-05-04")) == {
        (None, "SDNCVL", "ASSAULT")}
    # dying is not violence without an attack
    assert coder.code("The former Indian prime minister died in hospital.", date="2015-05-04") == []
    assert coder.code("An Iraqi soldier died in a car accident in Baghdad.", date="2015-05-04") == []


def test_south_asian_insurgents_are_actors(coder):
    # groups.tsv / agents.tsv rows added in session 5 (the SATP narratives name them often)
    events = coder.code("CPI-Maoist cadres abducted two villagers in Chhattisgarh.", date="2015-05-04")
    assert ("INDREB", "INDCVL") in {(e.source.code, e.target.code) for e in events if e.source and e.target}
    naxals = coder.code("Naxals killed three Indian policemen in Jharkhand.", date="2015-05-04")
    assert _dyads(naxals) == {("INDREB", "INDCOP", "ASSAULT")}


def test_headline_reduced_relatives_of_violence(coder):
    # "X killed in Y" parsed as a participle modifying X: X is the victim
    hit = coder.code("Kyiv residential buildings hit in Russian strikes", date="2022-03-01")
    assert _dyads(hit) == {("RUS", "UKR", "ASSAULT")}
    killed = coder.code("Twelve soldiers, 26 insurgents killed in clashes in Afghanistan - agency", date="2015-05-04")
    assert {(e.source, e.target.code if e.target else None) for e in killed} == {(None, "AFGREB")}
    # "hit"/"targeted" without any attack word is no violence
    assert coder.code("Russian state TV hit by stream of resignations", date="2022-03-01") == []


def test_killed_in_clashes_with_names_the_other_side(coder):
    events = coder.code("Five Saudi troops were killed in clashes with Houthi militants near the border.",
                        date="2015-09-01")
    assert _dyads(events) == {("YEMREB", "SAUMIL", "ASSAULT")}


def test_a_negative_subject_negates_the_event(coder):
    for sentence in ["The Turkish prime minister said that not one civilian was killed in Cizre.",
                     "Not a single Afghan soldier was killed in the Taliban attack."]:
        events = coder.code(sentence, date="2015-09-15")
        assert events and all(e.status == "negated" for e in events), sentence


def test_bandits_and_herders_are_actors(coder):
    events = coder.code("Bandits abducted 20 students in Zamfara.", date="2021-01-01")
    assert {(e.source.code, e.target.code, e.cameo[:3]) for e in events} == {("NGACRM", "NGAEDU", "181")}
    assert _dyads(coder.code("Suspected herdsmen killed ten villagers in Benue state.", date="2021-01-01")) == {
        ("NGAAGR", "NGACVL", "ASSAULT")}
