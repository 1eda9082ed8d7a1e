"""How often does the coder find events where there are none?  (README, "Accuracy")

Events per 100 sentences on the first N BBC 2004-05 articles of each category: sport and
entertainment should be near zero, politics highest.

    .venv/bin/python benchmarks/no_event_rate.py [--per-category 60]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ladder.coder import Coder
from ladder.nlp import split_sentences
from ladder.types import Document

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "general_bbc_news_2004_2005.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--per-category", type=int, default=60)
    args = ap.parse_args()
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    coder = Coder()
    for cat in ("sport", "entertainment", "tech", "business", "politics"):
        chosen = [r for r in rows if r["category"] == cat][: args.per_category]
        docs = [Document(id=r["id"], text=r["text"]) for r in chosen]
        n_sent = sum(sum(1 for _ in split_sentences(coder.nlp.make_doc(r["text"]))) for r in chosen)
        n_ev = sum(len(evs) for _, evs in coder.code_documents(docs))
        print(f"{cat:<14} articles={len(chosen)} sentences={n_sent} events={n_ev} "
              f"events/100 sentences={100 * n_ev / max(n_sent, 1):.1f}")


if __name__ == "__main__":
    main()
