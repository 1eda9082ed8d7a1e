"""Teacher soft labels for distilling several classifier recipes into one student.

Each ``--teacher`` is a train_classifier.py argument string; its model is trained (or loaded
from ``WORK/states``, the cache train_classifier.py uses) and run on

* every PLV pair of the student's training set (``--fold K``: the cv training set of fold K;
  otherwise the whole train split), and
* the unlabelled pairs: Multi-CoPED sentences of the train split that are not PLV sentences,
  first source / target span as actors (the student gets them as soft-only examples).

The averaged probabilities go to ``OUT`` (JSON ``[[sentence, source, target, probs]]``), the
input of ``train_classifier.py --soft OUT``.  The split and exclusion rules are
classifier_data's (``ladder.splits.may_train_on`` + the near-duplicate guard), so no teacher
and no soft-labelled pair comes from PLV test, GSR or PETRARCH gold.

    OMP_NUM_THREADS=1 .venv-train/bin/python scripts/classifier_distill.py soft.json \\
        --teacher "--mode cv --fold 0" --teacher "--mode cv --fold 0 --ngec none --no-codebook" ...
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_classifier as tc  # noqa: E402
from classifier_data import LABELS, build_data  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--teacher", action="append", required=True, help="train_classifier.py arguments")
    ap.add_argument("--fold", type=int, default=-1, help="label the cv training set of this fold")
    ap.add_argument("--work", default="/tmp/ladder_clf")
    a = ap.parse_args()
    tc.torch.set_num_threads(1)
    base = tc.minilm_dir()
    work = Path(a.work)
    pool_args = tc.build_parser().parse_args(
        ["--mode", "cv" if a.fold >= 0 else "final", "--fold", str(max(a.fold, 0)), "--ngec", "none",
         "--no-codebook", "--none-bbc", "0", "--none-plv", "0", "--extra", "mcoped", "--work", a.work])
    data = build_data(pool_args, work / "data_cache.json")
    pool = [e for e in data["train_dev" if a.fold >= 0 else "train"] if e.origin in ("plv", "mcoped")]
    probs = np.zeros((len(pool), len(LABELS)))
    for spec in a.teacher:
        targs = tc.build_parser().parse_args([*shlex.split(spec), "--work", a.work])
        tdata = build_data(targs, work / "data_cache.json")
        tset = tdata["train_dev"] if targs.mode in ("dev", "cv") else tdata["train"]
        tc.FMT[0] = targs.input_format
        model = tc.train_cached(tset, targs, base, targs.seed, work)
        probs += tc.torch_proba(model, base, pool)
        print(f"teacher {spec!r}: {len(tset)} training examples", flush=True)
    probs /= len(a.teacher)
    rows = [[e.sentence, e.source, e.target, [round(float(v), 6) for v in p]] for e, p in zip(pool, probs, strict=True)]
    a.out.write_text(json.dumps(rows))
    print(f"wrote {a.out}: {len(rows)} pairs ({sum(e.origin == 'plv' for e in pool)} PLV, "
          f"{sum(e.origin == 'mcoped' for e in pool)} unlabelled Multi-CoPED)")


if __name__ == "__main__":
    main()
