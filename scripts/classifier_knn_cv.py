"""Does a nearest-neighbour vote over training pairs add to the classifier + trigger evidence?

    OMP_NUM_THREADS=2 .venv-train/bin/python scripts/classifier_knn_cv.py WORK [--space tuned|base]

``WORK`` is a ``train_classifier.py --mode cv`` work folder holding the three out-of-fold
files (``oof_*.json``) and the fold models' weights (``states/*.pt``).  Each held-out PLV
train pair gets a vote of its k nearest training pairs of the same fold (cosine similarity
of mean-pooled MiniLM embeddings: the fold model's own, ``tuned``, or the untrained
encoder's, ``base``), mixed with the out-of-fold probabilities linearly or as a product,
before the shipped trigger evidence.  Settings are chosen on two folds and scored on the
third (nested), as ``classifier_evidence_cv.py`` does.  PLV test is never read.  Session
10: no gain (README, model card), so nothing ships.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

GRID = [(k, tau, lam, mode) for k in (5, 10, 20, 40) for tau in (0.02, 0.05, 0.1)
        for mode, lams in (("lin", (0.0, 0.1, 0.2, 0.3, 0.5)), ("log", (0.25, 0.5, 1.0))) for lam in lams]


def embeddings(work: Path, keys: list[tuple[str, str, str]], fold: np.ndarray, oof: np.ndarray,
               space: str) -> dict[int, np.ndarray]:
    """Normalised embeddings of every (sentence, source, target), per fold model (``tuned``;
    a model's fold is the one whose out-of-fold probabilities ``oof`` it reproduces) or
    shared (``base``)."""
    import torch
    import train_classifier as tc
    from transformers import AutoModel

    from ladder.classify import format_input

    base = tc.minilm_dir()
    texts = [format_input(k[0], k[1], k[2], "inline") for k in keys]

    def pooled(encoder: Any) -> np.ndarray:
        out = np.zeros((len(texts), encoder.config.hidden_size), dtype=np.float32)
        with torch.no_grad():
            for idx, feeds in tc.batches(tc.tokenizer(base), texts, 32):
                hidden = encoder(**feeds).last_hidden_state
                mask = feeds["attention_mask"].unsqueeze(-1).float()
                out[idx] = ((hidden * mask).sum(1) / mask.sum(1)).numpy()
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    if space == "base":
        shared = pooled(AutoModel.from_pretrained(str(base)).eval())
        return {f: shared for f in range(3)}
    out: dict[int, np.ndarray] = {}
    for state in sorted((work / "states").glob("*.pt")):
        model = tc.Classifier(base, len(tc.LABELS))
        model.load_state_dict(torch.load(state))
        model.eval()
        emb = pooled(model.encoder)
        with torch.no_grad():  # which fold's model: the one that reproduces that fold's file
            full = np.zeros_like(oof)
            for idx, feeds in tc.batches(tc.tokenizer(base), texts, 32):
                full[idx] = torch.softmax(model(**feeds), -1).numpy()
        errs = [float(np.abs(full[fold == f] - oof[fold == f]).max()) for f in range(3)]
        out[int(np.argmin(errs))] = emb
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("work", type=Path)
    ap.add_argument("--space", choices=("tuned", "base"), default="tuned")
    args = ap.parse_args()

    from classifier_evidence_cv import load_oof

    from ladder import type_evidence
    from ladder.classify import NONE_LABEL, decide
    from ladder.evaluate import plv_quad, plv_root
    from ladder.nlp import load_nlp
    from ladder.ontology import data_path
    from ladder.triggers import TriggerLexicon

    labels = json.loads(data_path("model/labels.json").read_text())["labels"]
    pairs = load_oof(sorted(args.work.glob("oof_*.json")), load_nlp())
    fold = np.array([p[0] for p in pairs])
    gold = [p[1] for p in pairs]
    probs = np.array([p[2] for p in pairs])
    keys = [(p[3].text, p[4], p[5]) for p in pairs]
    roots = sorted({plv_root(lab) for lab in labels if lab != NONE_LABEL})
    gold_i = np.array([roots.index(g) for g in gold])
    lab_root = np.array([roots.index(plv_root(lab)) if lab != NONE_LABEL else -1 for lab in labels])
    triggers = TriggerLexicon.load()
    hits = [type_evidence.trigger_hits(doc, triggers, src, tgt) for _f, _g, _p, doc, src, tgt in pairs]
    emb = embeddings(args.work, keys, fold, probs, args.space)
    sims = np.zeros((len(keys), len(keys)))
    for f in range(3):
        idx = np.where(fold == f)[0]
        block = emb[f][idx] @ emb[f].T
        block[:, fold == f] = -np.inf  # neighbours only among the fold model's training pairs
        sims[idx] = block
    order = np.argsort(-sims, axis=1)
    votes: dict[tuple[int, float], np.ndarray] = {}

    def vote(k: int, tau: float) -> np.ndarray:
        if (k, tau) not in votes:
            out = np.zeros((len(keys), len(roots)))
            for i in range(len(keys)):
                nb = order[i, :k]
                np.add.at(out[i], gold_i[nb], np.exp((sims[i, nb] - sims[i, nb].max()) / tau))
            votes[(k, tau)] = out / out.sum(1, keepdims=True)
        return votes[(k, tau)]

    def predict(i: int, cfg: tuple[int, float, float, str]) -> str:
        k, tau, lam, mode = cfg
        row = probs[i].copy()
        row[labels.index(NONE_LABEL)] = 0.0
        row /= row.sum()
        knn = np.array([vote(k, tau)[i, r] if r >= 0 else 0.0 for r in lab_root])
        row = (1 - lam) * row + lam * knn if mode == "lin" else row * np.power(knn + 1e-3, lam)
        bonus = type_evidence.type_bonus(hits[i], type_evidence.ANYWHERE, type_evidence.ON_PATH)
        return plv_root(decide(type_evidence.apply_bonus(row / row.sum(), labels, bonus), labels)[0])

    def score(cfg: tuple[int, float, float, str], idx: list[int]) -> tuple[float, float]:
        pred = [predict(i, cfg) for i in idx]
        return (float(np.mean([p == gold[i] for p, i in zip(pred, idx, strict=True)])),
                float(np.mean([plv_quad(p) == plv_quad(gold[i]) for p, i in zip(pred, idx, strict=True)])))

    everything = list(range(len(keys)))
    base = (5, 0.02, 0.0, "lin")
    print(f"{len(keys)} out-of-fold PLV train pairs; space {args.space}")
    root, quad = score(base, everything)
    print(f"classifier + trigger evidence: root {root:.3f} quad {quad:.3f}")
    for k in (5, 10, 20):
        p = [roots[int(np.argmax(vote(k, 0.05)[i]))] for i in everything]
        print(f"k-NN vote alone, k={k}: root {np.mean([a == g for a, g in zip(p, gold, strict=True)]):.3f} "
              f"quad {np.mean([plv_quad(a) == plv_quad(g) for a, g in zip(p, gold, strict=True)]):.3f}")
    for which, name in ((0, "root"), (1, "quad")):
        hit = np.zeros(2)
        for f in range(3):
            train = [i for i in everything if fold[i] != f]
            test = [i for i in everything if fold[i] == f]
            cfg = max(GRID, key=lambda c: (score(c, train)[which], score(c, train)[1 - which]))
            hit += np.array(score(cfg, test)) * len(test)
            print(f"  fold {f}: chose {cfg}")
        print(f"nested, settings chosen on {name}: root {hit[0] / len(keys):.3f} quad {hit[1] / len(keys):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
