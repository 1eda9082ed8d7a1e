"""Error listing for the end-to-end gold sets: per record, gold and predicted tuples.

    .venv/bin/python benchmarks/gsr_errors.py                  # PLOVER GSR, errors only
    .venv/bin/python benchmarks/gsr_errors.py --set petrarch   # PETRARCH real-world records
    .venv/bin/python benchmarks/gsr_errors.py --jsonl out.jsonl --all

Tuples are scored exactly as ``ladder eval`` does (``ladder.evaluate``): (source country,
target country, PLOVER type) for the GSR, (source, target, CAMEO root) of asserted and
reported events for PETRARCH.  Each wrong predicted tuple is put in a rough group (type,
target, source, other event) and each missed gold tuple in "no event at all" or "other", to
hand-group the causes.  The gold text is research-only: keep the output out of the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ladder.coder import Coder
from ladder.evaluate import _country, _event_country, read_jsonl
from ladder.types import Document, Event

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
Tuple = tuple[Any, ...]


def gsr_gold(r: dict[str, Any]) -> set[Tuple]:
    lab = r["labels"]
    etype = (r.get("derived") or {}).get("event_plover_v1") or lab["event"]
    srcs = [_country(a.get("code")) for a in lab.get("source") or []]
    tgts = [_country(a.get("code")) for a in lab.get("target") or []]
    if srcs and tgts:
        return {(s, t, etype) for s in srcs for t in tgts}
    if len(srcs) > 1:
        return {(s, t, etype) for s in srcs for t in srcs if s != t}
    return {(s, None, etype) for s in srcs}


def _ends(e: Event) -> tuple[str | None, str | None]:
    return (_event_country(e.source.to_dict() if e.source else None),
            _event_country(e.target.to_dict() if e.target else None))


def predicted(evs: list[Event], which: str) -> set[Tuple]:
    if which == "gsr":
        return {(*_ends(e), e.plover) for e in evs if e.plover}
    return {(*_ends(e), e.cameo_root) for e in evs if e.status in ("asserted", "reported")}


def group_extra(t: Tuple, gold: set[Tuple]) -> str:
    if any(g[:2] == t[:2] for g in gold):
        return "fp:type"
    if any(g[0] == t[0] and g[2] == t[2] for g in gold):
        return "fp:target"
    if any(g[1] == t[1] and g[2] == t[2] for g in gold):
        return "fp:source"
    return "fp:other event"


def describe(e: Event) -> str:
    src = f"{e.source.text}[{e.source.code}]" if e.source else "-"
    tgt = f"{e.target.text}[{e.target.code}]" if e.target else "-"
    return f"{src} -{e.trigger}/{e.cameo}/{e.plover}/{e.status}-> {tgt}  ({e.why})"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=("gsr", "petrarch"), default="gsr")
    ap.add_argument("--all", action="store_true", help="list every record, not only errors")
    ap.add_argument("--jsonl", help="also write one JSON object per record here")
    args = ap.parse_args(argv)
    if args.set == "gsr":
        rows = read_jsonl(EVAL / "plover_gsr_cameo.jsonl")
    else:
        rows = [r for r in read_jsonl(EVAL / "petrarch_gold_dev.jsonl")
                if "real-world" in (r.get("actor_vocab") or "")]
    coder = Coder()
    docs = [Document(id=r["id"], text=r["text"], date=None) for r in rows]
    out = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else None  # noqa: SIM115
    groups: Counter[str] = Counter()
    tp = fp = fn = 0
    for r, (_, evs) in zip(rows, coder.code_documents(docs), strict=True):
        if args.set == "gsr":
            gold = gsr_gold(r)
        else:
            gold = {(_country(e["source"]), _country(e["target"]), e["code"][:2]) for e in r["events"]}
        pred = predicted(evs, args.set)
        miss, extra = gold - pred, pred - gold
        tp, fp, fn = tp + len(gold & pred), fp + len(extra), fn + len(miss)
        for t in extra:
            groups[group_extra(t, gold)] += 1
        for _ in miss:
            groups["fn:no event at all" if not pred else "fn:other"] += 1
        if out is not None:
            out.write(json.dumps({"id": r["id"], "gold": sorted(map(str, gold)), "pred": sorted(map(str, pred)),
                                  "events": [describe(e) for e in evs]}) + "\n")
        if args.all or miss or extra:
            print(f"== {r['id']}\n   {r['text'][:300]}\n   gold {sorted(gold, key=str)}\n   pred {sorted(pred, key=str)}")
            for e in evs:
                print(f"      {describe(e)}")
    if out is not None:
        out.close()
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * rc / (p + rc) if p + rc else 0.0
    print(f"\n{args.set}: tp={tp} fp={fp} fn={fn} P={p:.3f} R={rc:.3f} F1={f:.3f}")
    for k, v in sorted(groups.items()):
        print(f"  {k:<20} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
