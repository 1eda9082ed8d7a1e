"""Pool the out-of-fold predictions of ``train_classifier.py --mode cv`` runs into one table.

Runs with the same arguments except ``--fold`` form one recipe; a recipe is scored on the
union of its held-out folds (root / quad accuracy as train_classifier.score, NONE counted as
wrong, plus the "best of 16" columns with NONE left out of the argmax).

    .venv/bin/python scripts/classifier_cv.py --work /tmp/ladder_clf
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from ladder.classify import decide
from ladder.evaluate import plv_quad, plv_root

IGNORED = ("fold", "work", "threads", "no_ship")


def scores(gold: list[str], probs: np.ndarray, labels: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for tag, p in (("", probs), ("_best16", probs * (np.array(labels) != "NONE"))):
        pred = [plv_root(decide(row, labels)[0]) for row in p]
        out["root" + tag] = float(np.mean([a == g for a, g in zip(pred, gold, strict=True)]))
        out["quad" + tag] = float(np.mean([plv_quad(a) == plv_quad(g) for a, g in zip(pred, gold, strict=True)]))
        if not tag:
            out["none"] = pred.count("NONE")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default="/tmp/ladder_clf")
    a = ap.parse_args()
    from classifier_data import LABELS

    recipes: dict[str, dict[int, Any]] = {}
    for rep_path in sorted(Path(a.work).glob("report_cv_*.json")):
        rep = json.loads(rep_path.read_text())
        args = rep["args"]
        tag = hashlib.sha1(json.dumps(args, sort_keys=True).encode()).hexdigest()[:8]
        oof = Path(a.work) / f"oof_{tag}.json"
        if not oof.exists():
            continue
        key = " ".join(f"{k}={v}" for k, v in sorted(args.items()) if k not in IGNORED)
        recipes.setdefault(key, {})[args["fold"]] = (rep, json.loads(oof.read_text()))
    for key, folds in recipes.items():
        gold = [plv_root(k[3]) for f in sorted(folds) for k in folds[f][1]["keys"]]
        probs = np.array([p for f in sorted(folds) for p in folds[f][1]["probs"]])
        s = scores(gold, probs, LABELS)
        per = ", ".join(f"fold {f}: {folds[f][0]['plv_dev']['root_acc']:.3f}/{folds[f][0]['plv_dev']['quad_acc']:.3f}"
                        for f in sorted(folds))
        print(f"{key}\n  folds {sorted(folds)} n={len(gold)}: root {s['root']:.4f} quad {s['quad']:.4f} "
              f"NONE {s['none']} | best of 16: {s['root_best16']:.4f} / {s['quad_best16']:.4f} | {per}")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
