"""The project's train/test split and the list of sentences no model may train on.

Why a module: the classifier's training script and every evaluation script must agree
on which records were held out, or a reported score silently measures memorisation.

Rules
-----
* ``ladder_split(key)`` is ``"test"`` when ``sha256("ladder:" + key) % 5 == 0`` (about
  one record in five), else ``"train"``.  ``key`` is the record's ``split_key`` from
  ``/work/shared/eval`` (sentence-keyed, so one sentence lands on one side in every file).
* Sentences that occur in the end-to-end gold sets (``plover_gsr_cameo.jsonl``,
  ``petrarch_gold_dev.jsonl``) are excluded from training whatever their split, so the
  coder can be scored on *all* of those records.  Matching uses ``normalise_sentence``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

#: Files (under the shared eval folder) whose sentences must never be trained on.
EXCLUDED_GOLD_FILES = ("plover_gsr_cameo.jsonl", "petrarch_gold_dev.jsonl")

_NON_WORD = re.compile(r"\W+")


def ladder_split(split_key: str) -> str:
    """'test' or 'train' for a record's ``split_key`` (deterministic, ~20% test)."""
    digest = hashlib.sha256(("ladder:" + split_key).encode("utf-8")).hexdigest()
    return "test" if int(digest, 16) % 5 == 0 else "train"


def normalise_sentence(text: str) -> str:
    """Lower-case, collapse runs of non-word characters to one space (the eval README's rule)."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def sentence_split_key(text: str) -> str:
    """The ``split_key`` the shared eval files give a sentence: ``sent:`` + sha256(norm)[:16]."""
    return "sent:" + hashlib.sha256(normalise_sentence(text).encode("utf-8")).hexdigest()[:16]


def default_eval_dir() -> Path:
    """``../shared/eval`` beside the checkout (where the shared gold sets live)."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "eval"


def _texts(path: Path) -> Iterable[str]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)["text"]


@lru_cache(maxsize=4)
def excluded_sentences(eval_dir: str | None = None) -> frozenset[str]:
    """Normalised sentences of the end-to-end gold sets (empty if the files are absent)."""
    base = Path(eval_dir) if eval_dir else default_eval_dir()
    out: set[str] = set()
    for name in EXCLUDED_GOLD_FILES:
        path = base / name
        if path.exists():
            out.update(normalise_sentence(t) for t in _texts(path))
    return frozenset(out)


def is_training_excluded(text: str, eval_dir: str | None = None) -> bool:
    """True when ``text`` is one of the gold sentences no model may train on."""
    return normalise_sentence(text) in excluded_sentences(eval_dir)


def may_train_on(split_key: str | None, text: str, eval_dir: str | None = None) -> bool:
    """The single training filter: train split (when keyed) and not an excluded gold sentence."""
    if split_key is not None and ladder_split(split_key) != "train":
        return False
    return not is_training_excluded(text, eval_dir)
