"""Does the coder find the event of a short news snippet, with a CAMEO code that agrees
with its ACLED-style type?  CASE 2021 Task 2 test set (``../shared/eval/
case2021_task2_finegrained.jsonl``, 690 snippets, research use only).

    .venv/bin/python benchmarks/case2021_eval.py [--show TYPE] [--limit N]

The snippets are not coded in CAMEO, so the score is a proxy, defined here once: a
snippet of type T counts as found when one of its events (status asserted or reported;
the source may be unknown) has a CAMEO code starting with one of ``EXPECTED[T]`` (e.g.
AIR_STRIKE: 195; ARREST: 173; PEACE_PROTEST: 14).  Types without a CAMEO counterpart
(weapons seized, territory handed over, headquarters set up, claims of responsibility,
organised crime) are left out.  Natural and man-made disasters have no actor: the share
of them with any material-conflict event (CAMEO 14-20) is the false-alarm rate.
``--show T`` prints the snippets of type T that were not found, with the events coded
(quotes the text: keep it out of the repository).  Results go to
``benchmarks/results/case2021.json``.
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
GOLD = ROOT.parent / "shared" / "eval" / "case2021_task2_finegrained.jsonl"
#: ACLED-style type -> CAMEO code prefixes that express it
EXPECTED: dict[str, tuple[str, ...]] = {
    "ARMED_CLASH": ("19", "18"),
    "ATTACK": ("18", "19", "20"),
    "AIR_STRIKE": ("195",),
    "ART_MISS_ATTACK": ("194", "195"),
    "CHEM_WEAP": ("2041",),
    "GRENADE": ("183", "18", "19"),
    "REM_EXPLOS": ("183",),
    "SUIC_BOMB": ("1831",),
    "ABDUCT_DISSAP": ("181",),
    "SEX_VIOL": ("1821",),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("192",),
    "GOV_REGAINS_TERIT": ("192", "19"),
    "PEACE_PROTEST": ("14",),
    "PROTEST_WITH_INTER": ("14", "175"),
    "VIOL_DEMONSTR": ("145", "14", "18", "19", "175"),  # clashes with police are 190, their repression 175
    "MOB_VIOL": ("145", "18", "19"),
    "FORCE_AGAINST_PROTEST": ("175", "17", "19"),
    "PROPERTY_DISTRUCT": ("1712", "145", "18", "19"),
    "ARREST": ("173",),
    "DIPLO": ("16", "12", "13", "11", "10"),  # diplomatic conflict: expulsions, sanctions
    "AGREEMENT": ("03", "04", "057", "06", "08"),
}
DISASTERS = ("NATURAL_DISASTER", "MAN_MADE_DISASTER")


def _codes(events: list[Event]) -> list[str]:
    return [e.cameo for e in events if e.status in ("asserted", "reported")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", default=None, help="print the missed snippets of this type")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    rows = gold_rows(GOLD, args.limit)
    if rows is None:
        return 2
    docs = [Document(id=r["id"], text=r["text"]) for r in rows]
    n: Counter[str] = Counter()
    found: Counter[str] = Counter()
    any_event: Counter[str] = Counter()
    for r, events in zip(rows, Coder().code_many(docs), strict=True):
        t = r["labels"]["subtype"]
        codes = _codes(events)
        n[t] += 1
        any_event[t] += bool(codes)
        if t in DISASTERS:
            found[t] += any(c[:2] in ("14", "15", "16", "17", "18", "19", "20") for c in codes)
            continue
        hit = t in EXPECTED and any(c.startswith(EXPECTED[t]) for c in codes)
        found[t] += hit
        if args.show == t and not hit:
            print(f"--- {r['id']}: {r['text'][:300]}")
            for e in events:
                src = e.source.code if e.source else None
                tgt = e.target.code if e.target else None
                print(f"    * {src} -> {tgt} | {e.cameo} {e.status} {e.trigger!r}")
    types = {t: {"n": n[t], "found": round(found[t] / n[t], 3), "any_event": round(any_event[t] / n[t], 3)}
             for t in sorted(EXPECTED) if n[t]}
    scored = [t for t in EXPECTED if n[t]]
    out = {
        "snippets_scored": sum(n[t] for t in scored),
        "found": round(sum(found[t] for t in scored) / max(1, sum(n[t] for t in scored)), 3),
        "macro_found": round(sum(types[t]["found"] for t in scored) / max(1, len(scored)), 3),
        "disaster_false_alarm": round(sum(found[t] for t in DISASTERS) / max(1, sum(n[t] for t in DISASTERS)), 3),
        "disasters": sum(n[t] for t in DISASTERS),
        "types": types,
    }
    if args.limit is None and args.show is None:
        save_result("case2021", out)
    else:
        print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
