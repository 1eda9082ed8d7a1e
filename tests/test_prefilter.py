"""The pre-parse filter: which sentences go to the parser (fast path, issue #6)."""

from __future__ import annotations

import pytest

from ladder.prefilter import FilterSpec, TriggerWords


@pytest.fixture(scope="module")
def words(coder):
    return coder.trigger_words


def _sent(coder, text):
    return coder.nlp.make_doc(text)[:]


def test_a_reporting_verb_alone_does_not_send_a_sentence_to_the_parser(coder, words):
    assert not words.any_in(_sent(coder, "The minister said the weather was warm."))


def test_a_content_word_counts_only_together_with_the_verb_that_needs_it(coder, words):
    # "chief" is only a trigger as the object of "dismiss"/"fire"
    assert not words.any_in(_sent(coder, "The army chief was in Kabul on Monday."))
    assert words.any_in(_sent(coder, "The president dismissed the army chief on Monday."))


def test_a_reported_demand_passes(coder, words):
    assert words.any_in(_sent(coder, "The archbishop said people must know the truth."))


def test_inflected_and_hyphenated_triggers_pass(coder, words):
    assert words.any_in(_sent(coder, "Rebels shelled the town overnight."))
    assert words.any_in(_sent(coder, "Both sides agreed to de-escalate."))


def test_conjunction_logic_on_a_tiny_lexicon(coder):
    tw = TriggerWords(FilterSpec(verbs=frozenset({"attack"}), nouns=frozenset({"invasion"}),
                                 needs={"chief": frozenset({"dismiss"})}, carriers=frozenset({"launch"})))
    assert tw.any_in(_sent(coder, "They attacked."))
    assert not tw.any_in(_sent(coder, "The chief left."))
    assert tw.any_in(_sent(coder, "She dismissed the chief."))
    assert "attacking" in tw and "chief" not in tw
    # an event noun names a dyad only with two actors; a light verb carries it with one
    assert not tw.any_in(_sent(coder, "The invasion began."), mentions=1)
    assert tw.any_in(_sent(coder, "The invasion began."), mentions=2)
    assert tw.any_in(_sent(coder, "They launched an invasion."), mentions=1)
    assert not tw.any_in(_sent(coder, "They attacked."), mentions=0)


def _fast_equals_full(coder, text):
    """Events of the fast path, after checking they equal the full path's (every sentence parsed)."""
    from ladder.coder import Coder

    full = Coder(nlp=coder.nlp, resolver=coder.resolver, triggers=coder.triggers,
                 classifier=coder.classifier, fast=False)
    fast = [(e.sentence_index, e.cameo, e.source and e.source.code) for e in coder.code(text)]
    assert fast == [(e.sentence_index, e.cameo, e.source and e.source.code) for e in full.code(text)]
    return fast


def test_filtered_sentences_lose_no_events(coder):
    text = ("The army chief was in Kabul on Monday. The president dismissed the army chief on Monday. "
            "Officials said prices rose. Russian forces shelled Kharkiv, Ukrainian officials said.")
    assert {s for s, _, _ in _fast_equals_full(coder, text)} >= {1, 3}


def test_one_actor_sentences_pass_only_with_a_predicate_that_needs_no_target(coder):
    tw = TriggerWords(FilterSpec(verbs=frozenset({"attack", "resign", "refuse"}), nouns=frozenset(),
                                 carriers=frozenset({"refuse"}), statements=frozenset({"say"}),
                                 solo=frozenset({"resign"}), untargeted=frozenset({"resign", "say"})))
    # "attack" needs a target, and one name cannot be both source and target
    assert not tw.any_in(_sent(coder, "The minister attacked."), mentions=1, hits=1)
    assert tw.any_in(_sent(coder, "The minister attacked Kyiv."), mentions=1, hits=2)
    assert tw.any_in(_sent(coder, "The minister resigned."), mentions=1, hits=1)
    # a frame verb recodes a statement into an event that needs no target
    assert tw.any_in(_sent(coder, "The ministry refused to say more."), mentions=1, hits=1)
    assert not tw.any_in(_sent(coder, "The ministry said more."), mentions=1, hits=1)
    # hits not counted: the rule is off
    assert tw.any_in(_sent(coder, "The minister attacked."), mentions=1)


def test_the_one_actor_rule_keeps_every_event_of_the_full_path(coder):
    text = ("The interior minister resigned on Monday. Rebels attacked the convoy near the border. "
            "Israeli troops shelled Gaza overnight. The Justice Department refused to say whether it "
            "would appeal. The company attacked its rivals' pricing.")
    assert {s for s, _, _ in _fast_equals_full(coder, text)} >= {0, 2}


@pytest.mark.parametrize("text", ["Both sides agreed a cease-fire.", "Both sides agreed a cease -fire.",
                                  "Both sides agreed a cease- fire.", "Both sides agreed a cease - fire."])
def test_hyphen_joins_agree_with_the_trigger_matcher(coder, text):
    from ladder.trigger_syntax import hyphen_left

    tw = TriggerWords(FilterSpec(verbs=frozenset({"ceasefire"}), nouns=frozenset()))
    sent = _sent(coder, text)
    joined = any(hyphen_left(t) is not None and (hyphen_left(t).text + t.text).lower() == "ceasefire"
                 for t in sent)
    assert tw.any_in(sent, mentions=2) == joined


def test_a_frame_verb_lets_a_one_name_sentence_through_only_when_it_can_recode_the_statement(coder, words):
    # "refuse" (reject frame) turns "say" into a refusal that needs no target ...
    assert words.any_in(_sent(coder, "The ministry refused to say more."), mentions=1, hits=1)
    # ... a halt-frame verb cannot recode a statement, and "cut" itself needs a target
    assert not words.any_in(_sent(coder, "The bank will cut costs, it said."), mentions=1, hits=1)
    assert words.any_in(_sent(coder, "The bank will cut costs in Ireland, it said."), mentions=1, hits=2)


def test_every_irregular_form_spacy_knows_reaches_its_lexicon_lemma(coder):
    # the filter guesses lemmas by suffix stripping plus lexicons/irregular_forms.tsv; a
    # form it cannot map ("sunk" -> "sink") loses the sentence's events on the fast path
    from ladder.nlp import load_nlp
    from ladder.prefilter import lemma_candidates

    spec = coder.triggers.filter_words()
    vocab = set(spec.verbs) | set(spec.nouns) | set(spec.carriers) | set(spec.statements) | set(spec.needs)
    for verbs in spec.needs.values():
        vocab |= set(verbs)
    exceptions = load_nlp(fast_components=False).get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    missing = sorted((form, lemma) for pos in ("verb", "noun") for form, lemmas in exceptions[pos].items()
                     for lemma in lemmas if lemma in vocab and lemma not in lemma_candidates(form))
    assert missing == []
