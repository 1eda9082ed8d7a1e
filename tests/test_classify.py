"""The shipped PLOVER classifier: loads without torch, answers sensibly, deterministically."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ladder.classify import PloverClassifier, Prediction, decide, mark_input
from ladder.ontology import PLOVER_TYPES

ASSAULT = ("Russian troops shelled the city of Kharkiv on Monday, killing five civilians.",
           "Russian troops", "Kharkiv")
CONSULT = ("French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on "
           "Tuesday to discuss the energy crisis.", "French President Emmanuel Macron",
           "German Chancellor Olaf Scholz")
SPORT = ("Arsenal beat Chelsea 2-1 at the Emirates Stadium on Saturday, with Bukayo Saka "
         "scoring the winner.", "Arsenal", "Chelsea")
MIXED = [
    ASSAULT,
    CONSULT,
    SPORT,
    ("Iran accused the United States of violating the nuclear deal.", "Iran", "the United States"),
    ("The rebels released 20 hostages to the Red Cross on Friday.", "The rebels", "the Red Cross"),
    ("Japan pledged $50 million in humanitarian aid to the flood victims in Pakistan.", "Japan",
     "Pakistan"),
    ("Thousands of protesters marched against the government in Caracas.", "protesters",
     "the government"),
    ("The EU imposed new sanctions on Belarus over the forced landing.", "The EU", "Belarus"),
    ("China threatened to retaliate against Taiwan.", "China", None),
    ("Police arrested 30 opposition activists in Minsk.", None, None),
]


@pytest.fixture(scope="module")
def clf() -> PloverClassifier:
    return PloverClassifier.load()


def test_runtime_does_not_import_torch() -> None:
    code = (
        "import sys; from ladder.classify import PloverClassifier; "
        "c = PloverClassifier.load(); c.predict([('Troops attacked the village.', 'Troops', None)]); "
        "bad = [m for m in ('torch', 'transformers') if m in sys.modules]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr


def test_labels_are_plover_types_or_none(clf: PloverClassifier) -> None:
    preds = clf.predict(MIXED)
    assert len(preds) == len(MIXED)
    for p in preds:
        assert isinstance(p, Prediction)
        assert p.plover is None or p.plover in PLOVER_TYPES
        assert 0.0 <= p.score <= 1.0
        assert set(p.probs) == {*PLOVER_TYPES, "NONE"}
        assert abs(sum(p.probs.values()) - 1.0) < 1e-3


def test_clear_examples(clf: PloverClassifier) -> None:
    assault, consult, sport = clf.predict([ASSAULT, CONSULT, SPORT])
    assert assault.plover == "ASSAULT"
    assert consult.plover == "CONSULT"
    assert sport.plover is None


def test_deterministic_and_order_independent(clf: PloverClassifier) -> None:
    first = clf.predict(MIXED)
    again = clf.predict(MIXED)
    assert first == again
    reversed_ = clf.predict(list(reversed(MIXED)))[::-1]
    assert [p.plover for p in reversed_] == [p.plover for p in first]
    singles = [clf.predict([item])[0] for item in MIXED]
    assert [p.plover for p in singles] == [p.plover for p in first]
    small_batches = clf.predict(MIXED, batch_size=3)
    assert [p.plover for p in small_batches] == [p.plover for p in first]


def test_empty_input(clf: PloverClassifier) -> None:
    assert clf.predict([]) == []


def test_mark_input_marks_whole_words_and_falls_back_to_prefix() -> None:
    assert mark_input("The US criticised business leaders.", "US", "business leaders") == (
        "The [S] US [/S] criticised [T] business leaders [/T]."
    )
    # 'us' inside 'business' must not be marked; an unseen actor name is prefixed
    marked = mark_input("Moscow criticised business leaders.", "Russia", "business leaders")
    assert marked.startswith("[S] Russia [/S] : Moscow")
    assert mark_input("Nothing to mark here.", None, None) == "Nothing to mark here."


def test_decide_splits_yield_and_maps_none() -> None:
    labels = [*PLOVER_TYPES, "NONE"]
    probs = [0.0] * len(labels)
    probs[labels.index("CONCEDE")] = 0.2
    probs[labels.index("RETREAT")] = 0.25
    probs[labels.index("ASSAULT")] = 0.3
    probs[labels.index("NONE")] = 0.25
    import numpy as np

    label, score = decide(np.array(probs), labels)
    assert label == "RETREAT"  # YIELD (0.45) beats ASSAULT (0.3); RETREAT > CONCEDE
    assert score == pytest.approx(0.45)
    probs[labels.index("NONE")] = 0.9
    assert decide(np.array(probs), labels)[0] is None
