"""Score the shipped PLOVER classifier on the PLV held-out split (ladder.splits).

    .venv/bin/python benchmarks/plv_classifier.py [--threads 1] [--batch-size 32]

Prints root accuracy (15 PLV roots, CONCEDE/RETREAT counted as YIELD, NONE counted as
wrong), macro-F1, quad accuracy (YIELD -> material cooperation, as CAMEO 08), the
per-class table, the most frequent confusions and throughput.  Needs ../shared/eval.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from ladder.classify import PloverClassifier
from ladder.evaluate import plv_quad, plv_root
from ladder.splits import ladder_split

PLV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "plv_plover_root.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--split", default="test", choices=["test", "train"])
    args = ap.parse_args()
    if not PLV.exists():
        print(f"missing {PLV}", file=sys.stderr)
        return 2
    with PLV.open(encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    recs = [r for r in recs if ladder_split(r["split_key"]) == args.split]
    items = [(r["text"], r["labels"]["source"], r["labels"]["target"]) for r in recs]
    gold = [r["labels"]["gold_root"] for r in recs]

    t_load = time.perf_counter()
    clf = PloverClassifier.load(intra_op_threads=args.threads)
    t_load = time.perf_counter() - t_load
    clf.predict(items[:8])  # warm-up
    t0 = time.perf_counter()
    preds = clf.predict(items, batch_size=args.batch_size)
    elapsed = time.perf_counter() - t0
    pred = [plv_root(p.plover) for p in preds]

    n = len(gold)
    acc = sum(p == g for p, g in zip(pred, gold, strict=True)) / n
    quad = sum(plv_quad(p) == plv_quad(g) for p, g in zip(pred, gold, strict=True)) / n
    print(f"PLV {args.split} split: n={n}  (model load {t_load:.2f}s)")
    print(f"{'class':<10} {'n':>4} {'P':>6} {'R':>6} {'F1':>6}")
    f1s = []
    for lab in sorted(set(gold) | set(pred)):
        tp = sum(p == g == lab for p, g in zip(pred, gold, strict=True))
        fp = sum(p == lab != g for p, g in zip(pred, gold, strict=True))
        fn = sum(g == lab != p for p, g in zip(pred, gold, strict=True))
        prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
        f1 = 2 * tp / max(1, 2 * tp + fp + fn)
        if lab in gold:
            f1s.append(f1)
        print(f"{lab:<10} {gold.count(lab):>4} {prec:>6.3f} {rec:>6.3f} {f1:>6.3f}")
    print(f"root accuracy   {acc:.4f}")
    print(f"macro-F1        {sum(f1s) / len(f1s):.4f}  (over the {len(f1s)} gold classes)")
    print(f"quad accuracy   {quad:.4f}")
    print(f"predicted NONE  {pred.count('NONE')} of {n}")
    print("top confusions (gold -> predicted):")
    for (g, p), c in Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p).most_common(10):
        print(f"  {g:>10} -> {p:<10} {c}")
    split = Counter(p.plover for p in preds if p.plover in ("CONCEDE", "RETREAT"))
    print(f"YIELD split: CONCEDE {split['CONCEDE']}, RETREAT {split['RETREAT']}")
    print(f"throughput      {n / elapsed:.1f} sentences/s "
          f"(batch {args.batch_size}, {args.threads} thread(s))")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
