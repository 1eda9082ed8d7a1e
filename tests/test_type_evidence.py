"""Trigger-word evidence in Coder.classify (ladder.type_evidence); our own sentences."""

from __future__ import annotations

import numpy as np
import pytest

from ladder import type_evidence
from ladder.nlp import load_nlp
from ladder.triggers import TriggerLexicon


@pytest.fixture(scope="module")
def nlp_triggers():
    return load_nlp(), TriggerLexicon.load()


def test_trigger_between_the_actors_is_on_path(nlp_triggers) -> None:
    nlp, triggers = nlp_triggers
    doc = nlp("Pakistan summoned the Indian envoy to protest the shelling.")
    hits = type_evidence.trigger_hits(doc, triggers, "Pakistan", "the Indian envoy")
    by_word = {doc[h.token].text: h for h in hits}
    assert by_word["summoned"].on_path
    assert not by_word["shelling"].on_path
    assert hits[0].on_path  # on-path hits come first (their code is the one reported)
    bonus = type_evidence.type_bonus(hits)
    assert bonus[by_word["summoned"].plover] == type_evidence.ANYWHERE + type_evidence.ON_PATH
    assert bonus["ASSAULT"] == type_evidence.ANYWHERE


def test_without_actor_in_text_every_trigger_is_weak_evidence(nlp_triggers) -> None:
    nlp, triggers = nlp_triggers
    doc = nlp("Troops shelled the town overnight.")
    hits = type_evidence.trigger_hits(doc, triggers, "Mars", "Venus")
    assert hits and not any(h.on_path for h in hits)


def test_bonus_reweights_and_renormalises() -> None:
    labels = ["ASSAULT", "CONSULT", "NONE"]
    probs = np.array([0.6, 0.3, 0.1])
    assert type_evidence.apply_bonus(probs, labels, {}) is probs
    out = type_evidence.apply_bonus(probs, labels, {"CONSULT": 3.0})
    assert out.sum() == pytest.approx(1.0)
    assert int(np.argmax(out)) == 1  # 0.3 * e^3 > 0.6


@pytest.mark.parametrize(("sentence", "source", "target"), [
    ("Japan pledged 50 million dollars in aid to the Philippines.", "Japan", "the Philippines"),
    ("Colombia and the rebels signed a ceasefire agreement.", "Colombia", "the rebels"),
])
def test_classify_agrees_with_the_coded_event(coder, sentence: str, source: str, target: str) -> None:
    # the classifier alone read these as SUPPORT and RETREAT while code() says 030 / 057
    event = next(e for e in coder.code(sentence) if e.source and e.source.text == source)
    got = coder.classify(sentence, source=source, target=target)
    assert got["plover"] == event.plover
    assert got["cameo"] == event.cameo
    assert any(e["on_path"] and e["cameo"] == event.cameo for e in got["evidence"])
