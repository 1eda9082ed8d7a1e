"""Choose the trigger-evidence weights of ``ladder.type_evidence`` by cross-validation.

    .venv/bin/python scripts/classifier_evidence_cv.py OOF_F0.json OOF_F1.json OOF_F2.json

Each file holds one fold's out-of-fold classifier probabilities on PLV train pairs
(``train_classifier.py --mode cv --fold K`` writes them: ``keys`` = [sentence, source,
target, gold root], ``probs`` = one row per key in the model's label order).  For every
weight pair on a small grid the script scores root / quad accuracy the way ``ladder eval``
does (NONE removed, CONCEDE/RETREAT as YIELD), then nested: weights chosen on two folds,
scored on the third.  PLV test is never read.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np

from ladder import type_evidence
from ladder.classify import NONE_LABEL, decide
from ladder.evaluate import plv_quad, plv_root
from ladder.nlp import load_nlp
from ladder.ontology import data_path
from ladder.triggers import TriggerLexicon

GRID_ANY = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
GRID_PATH = (0.0, 1.0, 2.0, 3.0, 4.0)


def _predict(probs: np.ndarray, labels: list[str], hits: list[type_evidence.TriggerHit],
             w_any: float, w_path: float) -> str:
    bonus = type_evidence.type_bonus(hits, w_any, w_path)
    row = probs.copy()
    row[labels.index(NONE_LABEL)] = 0.0
    row = type_evidence.apply_bonus(row / row.sum(), labels, bonus)
    return plv_root(decide(row, labels)[0])


def load_oof(paths: list[Path], nlp: Any) -> list[tuple[int, str, np.ndarray, Any, str, str]]:
    """(fold, gold root, probabilities, parsed sentence, source, target) of every out-of-fold pair."""
    rows = []
    for fold, path in enumerate(paths):
        d = json.loads(path.read_text())
        docs = nlp.pipe(k[0] for k in d["keys"])
        for (_sent, src, tgt, gold), probs, doc in zip(d["keys"], d["probs"], docs, strict=True):
            rows.append((fold, gold, np.array(probs), doc, src, tgt))
    return rows


def setup(description: str | None) -> tuple[list[Path], list[str], TriggerLexicon, list[Any]]:
    """Command line (the out-of-fold files), the model's labels, the trigger lexicon, the pairs."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("oof", nargs="+", type=Path, help="one out-of-fold file per fold")
    args = ap.parse_args()
    labels = json.loads(data_path("model/labels.json").read_text())["labels"]
    return args.oof, labels, TriggerLexicon.load(), load_oof(args.oof, load_nlp())


def main() -> int:
    paths, labels, triggers, pairs = setup(__doc__)
    rows = [(fold, gold, probs, type_evidence.trigger_hits(doc, triggers, src, tgt))
            for fold, gold, probs, doc, src, tgt in pairs]

    def score(w: tuple[float, float], idx: list[int]) -> tuple[float, float]:
        preds = [(_predict(rows[i][2], labels, rows[i][3], *w), rows[i][1]) for i in idx]
        root = sum(p == g for p, g in preds) / len(preds)
        return root, sum(plv_quad(p) == plv_quad(g) for p, g in preds) / len(preds)

    grid = list(itertools.product(GRID_ANY, GRID_PATH))
    everything = list(range(len(rows)))
    table = {w: score(w, everything) for w in grid}
    print(f"{len(rows)} out-of-fold PLV train pairs, {len(paths)} folds")
    print(f"classifier alone: root {table[(0.0, 0.0)][0]:.3f} quad {table[(0.0, 0.0)][1]:.3f}")
    print("best weights on all folds (in-sample):")
    for w in sorted(grid, key=lambda w: table[w], reverse=True)[:5]:
        print(f"  anywhere {w[0]} on_path {w[1]}: root {table[w][0]:.3f} quad {table[w][1]:.3f}")
    cur = (type_evidence.ANYWHERE, type_evidence.ON_PATH)
    if cur in table:
        print(f"shipped weights {cur}: root {table[cur][0]:.3f} quad {table[cur][1]:.3f}")
    n = hit_root = hit_quad = 0.0
    for fold in range(len(paths)):
        train = [i for i in everything if rows[i][0] != fold]
        test = [i for i in everything if rows[i][0] == fold]
        w = max(grid, key=lambda w: sum(score(w, train)))
        root, quad = score(w, test)
        base = score((0.0, 0.0), test)
        print(f"fold {fold}: chose {w}; root {root:.3f} quad {quad:.3f} "
              f"(classifier alone {base[0]:.3f} / {base[1]:.3f})")
        n += len(test)
        hit_root += root * len(test)
        hit_quad += quad * len(test)
    print(f"nested cross-validation: root {hit_root / n:.3f} quad {hit_quad / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
