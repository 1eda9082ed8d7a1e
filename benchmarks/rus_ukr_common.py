"""Shared loader for the Russia-Ukraine benchmarks: BBC headlines from ../shared, coded into a store.

The headlines are research-only text: they are read from ../shared at run time and
only derived numbers and a chart are written into the repository.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from ladder.store import Store
from ladder.types import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpora" / "conflict_headlines_bbc_guardian_2020_2024.jsonl"


def bbc_rus_ukr(year: str | None = None) -> list[Document]:
    """The BBC rows with topic russia_ukraine (3,910), optionally one year only."""
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found: these benchmarks need ../shared beside the checkout")
    docs = []
    with CORPUS.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("topic") != "russia_ukraine" or r.get("source") != "BBC News":
                continue
            if year and not str(r.get("date") or "").startswith(year):
                continue
            docs.append(Document(id=r["id"], text=r["text"], date=r.get("date"), outlet=r["source"],
                                 url=r.get("url"), title=r.get("title")))
    return docs


def classifier_available() -> bool:
    from ladder.ontology import data_path

    return bool(data_path("model/labels.json").is_file())


def coded_store(path: Path, docs: list[Document], batch: int = 256) -> tuple[Store, dict[str, Any]]:
    """Code and store ``docs`` (skipping ones already stored); returns the store and timings.

    Uses the classifier when its model is built, else the lexicon only (noted in the timings).
    """
    from ladder.coder import Coder
    from ladder.store import document_key

    store = Store(path)
    known = store.known_documents(document_key(d) for d in docs)
    todo = [d for d in docs if document_key(d) not in known]
    t0 = time.perf_counter()
    if todo:
        coder = Coder(use_classifier=classifier_available())
        for i in range(0, len(todo), batch):
            store.add_documents(list(coder.code_documents(todo[i:i + batch])))
    t1 = time.perf_counter()
    store.dedup()
    t2 = time.perf_counter()
    return store, {"coded_docs": len(todo), "code_and_store_s": round(t1 - t0, 1),
                   "dedup_s": round(t2 - t1, 2), "classifier": classifier_available()}
