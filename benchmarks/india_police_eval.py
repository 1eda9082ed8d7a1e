"""Police actions in whole news stories, exhaustively annotated: IndiaPoliceEvents
(Halterman et al., Findings of ACL 2021; ``../shared/eval/india_police_events_docs.jsonl``,
Times of India stories on Gujarat, March 2002, research use only).

    .venv/bin/python benchmarks/india_police_eval.py [--limit N] [--show K] [--label ARREST]

Every story carries the set of things the police did in it: KILL, ARREST, FORCE,
ANY_ACTION (and FAIL, "failed to intervene", which no CAMEO code expresses; not scored).
Unlike the CAMEO gold sets, every story was read in full, so recall is measured on real
news, and most stories are about riots in which the police are one actor among many.
The text is all lower case, as the dataset ships it.

A story's predicted labels come from its events whose source is police (sector COP) and
whose status is asserted or reported:
* ARREST: CAMEO 173 (arrest, detain) or PLOVER ARREST;
* KILL: CAMEO root 18-20 whose trigger kills ("killed", "shot dead"; CAMEO 1823, 186, or
  a trigger word from ``KILL_WORDS``);
* FORCE: CAMEO 175 (violent repression) or root 18-20;
* ANY_ACTION: any such event.
Precision / recall / F1 per label are printed; ``--show K`` prints K missed and K false
stories of ``--label`` with the police events found (quotes the text: keep it out of the
repository).  Results go to ``benchmarks/results/india_police.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from gold_io import gold_rows, save_result

from ladder.coder import Coder
from ladder.types import Document, Event

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval" / "india_police_events_docs.jsonl"
LABELS = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
KILL_WORDS = ("kill", "shot dead", "shoot dead", "gun down", "gunned down", "death", "died", "dead", "perish", "lives")


def police_labels(events: list[Event]) -> set[str]:
    """The IndiaPoliceEvents labels a story's events amount to."""
    out: set[str] = set()
    for e in events:
        if e.source is None or e.source.sector != "COP" or e.status not in ("asserted", "reported"):
            continue
        out.add("ANY_ACTION")
        if e.cameo.startswith("173") or e.plover == "ARREST":
            out.add("ARREST")
        violent = e.cameo[:2] in ("18", "19", "20")
        if violent or e.cameo.startswith("175"):
            out.add("FORCE")
        trigger = (e.trigger or "").lower()
        if violent and (e.cameo[:4] in ("1823", "186") or any(w in trigger for w in KILL_WORDS)):
            out.add("KILL")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--label", choices=LABELS, default="ANY_ACTION")
    args = ap.parse_args()
    rows = gold_rows(GOLD, args.limit)
    if rows is None:
        return 2
    docs = [Document(id=r["id"], text=r["text"], date=r["labels"].get("date")) for r in rows]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    n_events = n_police = 0
    for r, events in zip(rows, Coder().code_many(docs), strict=True):
        gold = set(r["labels"]["doc_labels"]) & set(LABELS)
        pred = police_labels(events)
        n_events += len(events)
        n_police += sum(1 for e in events if e.source is not None and e.source.sector == "COP")
        for t in LABELS:
            tp[t] += t in gold and t in pred
            fp[t] += t in pred and t not in gold
            fn[t] += t in gold and t not in pred
        lab = args.label
        kind = "miss" if lab in gold - pred else "false" if lab in pred - gold else None
        if kind and shown[kind] < args.show:
            shown[kind] += 1
            print(f"--- {kind} {lab} {r['id']} gold={sorted(gold)} pred={sorted(pred)}")
            print("   ", r["text"][:600].replace("\n", " "))
            for e in events:
                src = f"{e.source.code} ({e.source.text})" if e.source else "None"
                tgt = f"{e.target.code} ({e.target.text})" if e.target else "None"
                print(f"    * {src} -> {tgt} | {e.cameo} {e.plover} {e.status} {e.trigger!r}")
    table = {}
    for t in LABELS:
        p = tp[t] / max(1, tp[t] + fp[t])
        rc = tp[t] / max(1, tp[t] + fn[t])
        table[t] = {"precision": round(p, 3), "recall": round(rc, 3),
                    "f1": round(2 * p * rc / max(1e-9, p + rc), 3), "support": tp[t] + fn[t]}
    out = {"stories": len(rows), "events": n_events, "police_events": n_police, "labels": table}
    if args.limit is None:
        save_result("india_police", out)
    else:
        print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
