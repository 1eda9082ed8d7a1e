"""Dump the events of a fixed sample of real news, to compare two versions of the coder.

    .venv/bin/python benchmarks/real_news_diff.py out/events_after.tsv
    git stash; .venv/bin/python benchmarks/real_news_diff.py out/events_before.tsv; git stash pop
    diff out/events_before.tsv out/events_after.tsv

Why: the gold sets are small and a rule that helps them can hurt real text.  Every rule
change of session 4 was checked on this sample (1,191 documents: BBC politics,
business and tech 2004-05, Wikinews 2019-20, reported.ly 2015 conflict articles, Wikipedia
current events of September 2015) by reading the lines that changed.  The output holds
sentences of research-only corpora: keep it out of the repository (``out/`` is ignored).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ladder.coder import Coder
from ladder.types import Document

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
#: (file, category filter or None, documents taken)
SAMPLE = (
    ("general_bbc_news_2004_2005.jsonl", "politics", 150),
    ("general_bbc_news_2004_2005.jsonl", "business", 150),
    ("general_bbc_news_2004_2005.jsonl", "tech", 150),
    ("general_wikinews_2019_2020.jsonl", None, 300),
    ("conflict_reportedly_articles_2015.jsonl", None, 150),
    ("conflict_wikipedia_current_events_2015_09.jsonl", None, 400),
)


def sample_documents() -> list[Document]:
    docs: list[Document] = []
    for name, category, n in SAMPLE:
        with (CORPORA / name).open(encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        rows = [r for r in rows if category is None or r.get("category") == category][:n]
        docs += [Document(id=str(r.get("id") or f"{name}:{i}"), text=r.get("text") or "")
                 for i, r in enumerate(rows)]
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="TSV to write: doc id, source, target, CAMEO, PLOVER, status, trigger, sentence")
    args = ap.parse_args()
    docs = sample_documents()
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for doc, events in Coder().code_documents(docs):
            for e in events:
                n += 1
                out.write("\t".join(str(x) for x in (
                    doc.id, e.source.code if e.source else None, e.target.code if e.target else None,
                    e.cameo, e.plover, e.status, e.trigger, " ".join(e.sentence.split())[:200])) + "\n")
    print(f"{len(docs)} documents, {n} events -> {args.out}")


if __name__ == "__main__":
    main()
