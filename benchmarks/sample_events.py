"""Print a seeded random sample of coded events with their sentences, for hand judgement.

    .venv/bin/python benchmarks/sample_events.py ../shared/corpora/general_wikinews_2019_2020.jsonl 50 --seed 21

Why: the gold sets are small and a rule can help them while real text suffers; a random
sample of what the store would hold, read one by one (source, target and type right?),
is the honest check of precision on real news (README, "Accuracy", session 10).  The
output quotes the corpus: keep it out of the repository when the corpus is research-only.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from ladder.coder import Coder
from ladder.types import Document


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="JSONL with id, text, optional title and date")
    ap.add_argument("n", type=int, help="events to print")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.corpus.open(encoding="utf-8") if line.strip()]
    docs = [Document(id=r["id"], text=r["text"], date=(r.get("date") or "")[:10] or None) for r in rows]
    titles = {r["id"]: r.get("title") or "" for r in rows}
    events = [(doc.id, e) for doc, evs in zip(docs, Coder().code_many(docs), strict=True) for e in evs]
    print(f"{len(docs)} documents, {len(events)} events; sample of {min(args.n, len(events))} (seed {args.seed})")
    random.Random(args.seed).shuffle(events)
    for i, (doc_id, e) in enumerate(events[: args.n]):
        src = f"{e.source.code} ({e.source.text})" if e.source else "None"
        tgt = f"{e.target.code} ({e.target.text})" if e.target else "None"
        print(f"[{i}] {doc_id} | {titles[doc_id][:80]}")
        print(f"    {e.sentence[:400]}")
        print(f"    {src} -> {tgt} | {e.cameo} {e.plover} {e.status} trigger={e.trigger!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
