"""The train/test split and the training exclusion list agree with the shared eval files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ladder.splits import (
    is_training_excluded,
    ladder_split,
    may_train_on,
    normalise_sentence,
    sentence_split_key,
)

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
needs_shared = pytest.mark.skipif(not EVAL.exists(), reason="shared eval data not present")


def _records(name: str) -> list[dict]:
    with (EVAL / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_split_is_deterministic_and_about_one_in_five() -> None:
    keys = [f"id:{i}" for i in range(5000)]
    sides = [ladder_split(k) for k in keys]
    assert sides == [ladder_split(k) for k in keys]
    assert set(sides) == {"train", "test"}
    assert 0.17 < sides.count("test") / len(sides) < 0.23


def test_normalise_sentence() -> None:
    assert normalise_sentence("  U.S. troops -- withdrew!! ") == "u s troops withdrew"


@needs_shared
def test_sentence_split_key_matches_the_shared_files() -> None:
    for rec in _records("plv_plover_root.jsonl")[:200]:
        assert sentence_split_key(rec["text"]) == rec["split_key"]


@needs_shared
def test_gold_sentences_are_excluded_from_training() -> None:
    gsr = _records("plover_gsr_cameo.jsonl")
    petr = _records("petrarch_gold_dev.jsonl")
    assert all(is_training_excluded(r["text"]) for r in gsr + petr)
    # case / punctuation variants are caught too
    assert is_training_excluded(gsr[0]["text"].upper().replace(",", " ,"))
    assert not may_train_on(gsr[0]["split_key"], gsr[0]["text"])
    assert not is_training_excluded("A sentence written for this test only.")
