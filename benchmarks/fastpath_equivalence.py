"""Does the pre-parse filter (fast path) change the events?  Issue #6 asks for equality.

Codes the same documents with ``Coder(fast=True)`` and ``Coder(fast=False)`` and prints
how many events each path produced, how many differ, and examples of the differences.
Both paths number sentences identically (rule-based split before parsing), so any
difference is a sentence the filter skipped that would have produced an event.

    .venv/bin/python benchmarks/fastpath_equivalence.py [--limit N] [--no-classifier]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from ladder.coder import Coder
from ladder.types import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SETS = {
    "plover_gsr": SHARED / "eval" / "plover_gsr_cameo.jsonl",
    "petrarch_gold": SHARED / "eval" / "petrarch_gold_dev.jsonl",
    "wikinews": SHARED / "corpora" / "general_wikinews_2019_2020.jsonl",
    "bbc_general": SHARED / "corpora" / "general_bbc_news_2004_2005.jsonl",
    "muc4_caps": SHARED / "corpora" / "labelled_muc4_terrorism_roles.jsonl",  # ALL CAPS: truecased
    # districts the gazetteer lacks ("Kanker District"), placed by context (ladder.actor_admin)
    "satp": SHARED / "corpora" / "labelled_satp_terror_attack_types.jsonl",
}


def _key(e: dict) -> str:
    e = dict(e)
    e.pop("evidence", None)
    return json.dumps(e, sort_keys=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=300, help="documents per set")
    ap.add_argument("--no-classifier", action="store_true")
    args = ap.parse_args(argv)
    fast = Coder(fast=True, use_classifier=not args.no_classifier)
    full = Coder(fast=False, nlp=fast.nlp, resolver=fast.resolver, triggers=fast.triggers,
                 classifier=fast._classifier, use_classifier=not args.no_classifier)
    print(f"{'set':<14} {'docs':>5} {'full ev':>8} {'fast ev':>8} {'missing':>8} {'extra':>6} "
          f"{'full s':>7} {'fast s':>7}")
    for name, path in SETS.items():
        if not path.exists():
            continue
        rows = [json.loads(line) for line in path.open(encoding="utf-8")][: args.limit]
        docs = [Document(id=r["id"], text=r["text"], date=r.get("date")) for r in rows]
        t = time.perf_counter()
        a = [[_key(e.to_dict()) for e in evs] for _, evs in full.code_documents(docs)]
        t_full = time.perf_counter() - t
        t = time.perf_counter()
        b = [[_key(e.to_dict()) for e in evs] for _, evs in fast.code_documents(docs)]
        t_fast = time.perf_counter() - t
        missing = sum(len(set(x) - set(y)) for x, y in zip(a, b, strict=True))
        extra = sum(len(set(y) - set(x)) for x, y in zip(a, b, strict=True))
        print(f"{name:<14} {len(docs):>5} {sum(map(len, a)):>8} {sum(map(len, b)):>8} "
              f"{missing:>8} {extra:>6} {t_full:>7.1f} {t_fast:>7.1f}")
        shown = 0
        for x, y in zip(a, b, strict=True):
            for k in sorted(set(x) - set(y)):
                if shown < 3:
                    d = json.loads(k)
                    print(f"    missing: {d['sentence'][:120]!r} {d['cameo']}")
                    shown += 1


if __name__ == "__main__":
    main()
