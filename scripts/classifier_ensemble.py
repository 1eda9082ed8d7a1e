"""Pool out-of-fold probabilities of single runs and probability-average ensembles of them.

Each ``--member NAME=GLOB`` names the ``oof_*.json`` files of one recipe (one file per fold,
from ``train_classifier.py --mode cv`` or ``classifier_topk.py --mode cv``); rows are matched
by (sentence, source, target, gold), so every member must cover the same held-out pairs.
Each ``--ens A+B+C`` is scored on the mean of its members' probabilities.

    .venv/bin/python scripts/classifier_ensemble.py --member A='W/named/A_f*.json' \
        --member Nt1='W/named/Nt1_f*.json' --ens A+Nt1
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from classifier_cv import scores  # noqa: E402
from classifier_data import LABELS  # noqa: E402

from ladder.classify import decide  # noqa: E402
from ladder.evaluate import plv_root  # noqa: E402

Key = tuple[str, str | None, str | None, str | None, int]


def load(pattern: str) -> tuple[dict[Key, np.ndarray], int]:
    rows: dict[Key, np.ndarray] = {}
    files = sorted(glob.glob(pattern))
    for f in files:
        oof = json.loads(Path(f).read_text())
        seen: dict[tuple[str, str | None, str | None, str | None], int] = {}
        for k, p in zip(oof["keys"], oof["probs"], strict=True):
            base = (k[0], k[1], k[2], k[3])
            seen[base] = seen.get(base, 0) + 1
            rows[(*base, seen[base])] = np.array(p, dtype=np.float64)
    return rows, len(files)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--member", action="append", default=[], help="NAME=GLOB of oof files")
    ap.add_argument("--ens", action="append", default=[], help="NAME+NAME+...")
    ap.add_argument("--vs", default="", help="reference run: count pairs each run fixes / breaks (best of 16 root)")
    a = ap.parse_args()
    members = {}
    for spec in a.member:
        name, pattern = spec.split("=", 1)
        members[name] = load(pattern)
    table = [(name, [name]) for name in members] + [(e, e.split("+")) for e in a.ens]
    right: dict[str, dict[Key, bool]] = {}
    print(f"{'run':<28} {'folds':>5} {'n':>4} {'root':>6} {'quad':>6} {'NONE':>4} | best of 16: root  quad")
    for label, names in table:
        keys = set.intersection(*(set(members[n][0]) for n in names))
        if any(len(members[n][0]) != len(keys) for n in names):
            print(f"{label}: members cover different pairs ({[len(members[n][0]) for n in names]}), skipped")
            continue
        order = sorted(keys, key=lambda k: (k[0], k[1] or "", k[2] or "", k[4]))
        probs = np.mean([np.array([members[n][0][k] for k in order]) for n in names], axis=0)
        gold = [plv_root(k[3]) for k in order]
        s = scores(gold, probs, LABELS)
        typed = probs * (np.array(LABELS) != "NONE")
        right[label] = {k: plv_root(decide(row, LABELS)[0]) == g for k, row, g in zip(order, typed, gold, strict=True)}
        vs = ""
        if a.vs in right and label != a.vs:
            fixed = sum(v and not right[a.vs][k] for k, v in right[label].items())
            broke = sum(right[a.vs][k] and not v for k, v in right[label].items())
            vs = f" | vs {a.vs}: +{fixed} -{broke}"
        folds = min(members[n][1] for n in names)
        print(f"{label:<28} {folds:>5} {len(order):>4} {s['root']:.4f} {s['quad']:.4f} {s['none']:>4} | "
              f"{s['root_best16']:.4f} {s['quad_best16']:.4f}{vs}")


if __name__ == "__main__":
    main()
