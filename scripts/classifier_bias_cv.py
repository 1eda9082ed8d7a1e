"""Per-type (or per-quad) log-prior offsets on top of ``Coder.classify``, by nested CV.

    .venv/bin/python scripts/classifier_bias_cv.py OOF_F0.json OOF_F1.json OOF_F2.json

Why: the classifier's training mix (NGEC headlines, CAMEO codebook examples, NONE
sentences) is not PLV's label mix, so some types may be over- or under-predicted as a
whole; an offset per type added to the log-probabilities after the trigger evidence
(``ladder.type_evidence``, shipped weights) corrects a prior shift without retraining.
Same out-of-fold files and scoring as ``classifier_evidence_cv.py`` (PLV test never read):
offsets are fitted by coordinate ascent on two folds and scored on the third.
"""

from __future__ import annotations

import numpy as np
from classifier_evidence_cv import setup

from ladder import type_evidence
from ladder.classify import NONE_LABEL, decide
from ladder.evaluate import plv_quad, plv_root

STEPS = np.arange(-2.0, 2.01, 0.25)


def main() -> int:
    paths, labels, triggers, pairs = setup(__doc__)
    none = labels.index(NONE_LABEL)
    logp, gold, folds = [], [], []
    for fold, g, probs, doc, src, tgt in pairs:
        row = probs.copy()
        row[none] = 0.0
        bonus = type_evidence.type_bonus(type_evidence.trigger_hits(doc, triggers, src, tgt))
        row = type_evidence.apply_bonus(row / row.sum(), labels, bonus)
        logp.append(np.log(np.maximum(row, 1e-12)))
        gold.append(g)
        folds.append(fold)
    lp = np.array(logp)
    quads = [plv_quad(plv_root(lab)) if lab != NONE_LABEL else 0 for lab in labels]

    def accuracy(bias: np.ndarray, idx: list[int]) -> tuple[float, float]:
        root = quad = 0
        for i in idx:
            row = np.exp(lp[i] + bias)
            pred = plv_root(decide(row / row.sum(), labels)[0])
            root += pred == gold[i]
            quad += plv_quad(pred) == plv_quad(gold[i])
        return root / len(idx), quad / len(idx)

    def fit(idx: list[int], groups: list[list[int]], objective: str) -> np.ndarray:
        bias = np.zeros(len(labels))
        bias[none] = 0.0

        def obj(b: np.ndarray) -> float:
            r, q = accuracy(b, idx)
            return {"root": r, "quad": q, "both": r + q}[objective]

        best = obj(bias)
        for _sweep in range(2):
            for grp in groups:
                for step in STEPS:
                    cand = bias.copy()
                    cand[grp] = step
                    val = obj(cand)
                    if val > best + 1e-9:
                        best, bias = val, cand
        return bias

    type_groups = [[j] for j, lab in enumerate(labels) if lab != NONE_LABEL]
    quad_groups = [[j for j, q in enumerate(quads) if q == k] for k in (1, 2, 3, 4)]
    everything = list(range(len(gold)))
    base = accuracy(np.zeros(len(labels)), everything)
    print(f"{len(gold)} out-of-fold pairs; classifier + evidence: root {base[0]:.3f} quad {base[1]:.3f}")
    for name, groups in (("per type", type_groups), ("per quad", quad_groups)):
        for objective in ("both", "quad"):
            n = root = quad = 0.0
            for fold in range(len(paths)):
                train = [i for i in everything if folds[i] != fold]
                test = [i for i in everything if folds[i] == fold]
                bias = fit(train, groups, objective)
                r, q = accuracy(bias, test)
                n, root, quad = n + len(test), root + r * len(test), quad + q * len(test)
                shown = {labels[j]: round(float(bias[j]), 2) for j in range(len(labels)) if bias[j]}
                print(f"  {name}, {objective}, fold {fold}: {r:.3f} / {q:.3f}  offsets {shown}")
            print(f"{name}, fitted on {objective}: nested root {root / n:.3f} quad {quad / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
