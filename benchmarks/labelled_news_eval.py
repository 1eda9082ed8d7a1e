"""End-to-end checks on two human-labelled real-news sets: UCDP GED headlines and SATP
incident narratives (``../shared/corpora``, section 3 of its README; the maintainers keep a
third of each for their own scoring, these are the other two thirds).

    .venv/bin/python benchmarks/labelled_news_eval.py [--limit N] [--show-misses K]

Neither set is coded in CAMEO, so the numbers are proxies, defined here once:

UCDP GED (every row is a fatal violent event; headlines are terse, often name no actor):
* ``detected``: share of rows with at least one material-conflict event (CAMEO quad 4).
  An event may lack its source ("30 Taliban killed in Herat": ladder codes agentless
  violence with an unknown source) but needs a target.
* ``countries``: share of rows with a quad-4 event whose known actor countries are all
  countries of UCDP's two sides ("Government of X" is X; any other side - rebels,
  cartels, "Civilians" - is the country the event happened in).
* ``sides``: a quad-4 event with both actors, of the sides' countries and kinds, in either
  order: a state (a country alone, or its GOV/MIL/COP/SPY/JUD/LEG sector) for "Government
  of X", civilians for "Civilians", a non-state actor (not a state sector) else.
* ``one_side``: a quad-4 event one of whose actors is one of the sides (country and kind).
* ``event_precision``: share of quad-4 events (all rows) whose countries are the sides'.

SATP (narratives of terrorist attacks in South Asia, multi-label attack type):
* each narrative's predicted types come from its events' CAMEO codes: 181 (abduct,
  hijack, take hostage) -> kidnapping; 183 (bombing) -> bombing_explosion; any other 18-20
  code -> armed_assault; 1712 (destroy property) -> other.  Precision / recall / F1 per
  type and micro-averaged; ``detected`` = share of narratives with any 18-20 event.

The texts are research-only (SATP) or CC BY 4.0 (UCDP): keep ``--show-misses`` output
out of the repository.  Results go to ``benchmarks/results/labelled_news.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ladder.coder import Coder
from ladder.types import Actor, Document, Event

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
SATP_TYPES = ("armed_assault", "bombing_explosion", "kidnapping", "other")


def _rows(name: str, limit: int | None) -> list[dict[str, Any]]:
    with (CORPORA / name).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return rows[:limit] if limit else rows


def _country(name: str) -> str | None:
    """CAMEO country code of a UCDP country name ("Yemen (North Yemen)" -> YEM)."""
    from ladder.actors import default_resolver

    found = [a.country for a in default_resolver().resolve_text(name.split("(")[0].strip())
             if a.country]
    return found[0] if found else None


def _side(side: str, country: str | None) -> tuple[str | None, str]:
    if side.startswith("Government of "):
        return _country(side[len("Government of "):]), "state"
    return country, "civ" if side == "Civilians" else "nonstate"


def _kind(actor: Actor) -> str:
    if actor.sector is None or actor.sector in STATE_SECTORS:
        return "state"
    return "civ" if actor.sector in ("CVL", "REF", "MED", "EDU", "HLH", "LAB", "BUS") else "nonstate"


def _quad4(events: list[Event]) -> list[Event]:
    return [e for e in events if e.quad_class == 4 and e.target is not None]


def _actors(e: Event) -> list[Actor]:
    return [a for a in (e.source, e.target) if a is not None]


def ucdp(coder: Coder, limit: int | None, show: int) -> dict[str, Any]:
    rows = _rows("labelled_ucdp_ged_sample_headlines.jsonl", limit)
    docs = [Document(id=r["id"], text=r["text"], date=r.get("date")) for r in rows]
    counts: Counter[str] = Counter()
    shown = 0
    for r, events in zip(rows, coder.code_many(docs), strict=True):
        lab = r["labels"]
        where = _country(lab["country"])
        sides = [_side(lab["side_a"], where), _side(lab["side_b"], where)]
        side_countries = {c for c, _ in sides}
        hits = _quad4(events)
        counts["rows"] += 1
        counts["detected"] += bool(hits)
        ok_country = [e for e in hits if {a.country for a in _actors(e)} <= side_countries]
        counts["events"] += len(hits)
        counts["events_right_countries"] += len(ok_country)
        counts["countries"] += bool(ok_country)
        kinds = [[(a.country, _kind(a)) for a in _actors(e)] for e in ok_country]
        counts["sides"] += any(len(k) == 2 and sorted(k) == sorted(sides) for k in kinds)
        counts["one_side"] += any(x in sides for k in kinds for x in k)
        if not hits and shown < show:
            shown += 1
            print(f"  miss [{lab['side_a']} | {lab['side_b']} | {lab['country']}] {r['text'][:160]}")
    n = counts["rows"]
    return {"n": n, "detected": round(counts["detected"] / n, 3),
            "countries": round(counts["countries"] / n, 3), "sides": round(counts["sides"] / n, 3),
            "one_side": round(counts["one_side"] / n, 3),
            "events": counts["events"],
            "event_precision": round(counts["events_right_countries"] / max(1, counts["events"]), 3)}


def satp_types(events: list[Event]) -> set[str]:
    out = set()
    for e in events:
        code = e.cameo
        if code[:3] == "181":
            out.add("kidnapping")
        elif code[:3] == "183":
            out.add("bombing_explosion")
        elif code[:4] == "1712":
            out.add("other")
        elif code[:2] in ("18", "19", "20"):
            out.add("armed_assault")
    return out


def satp(coder: Coder, limit: int | None, show: int) -> dict[str, Any]:
    rows = _rows("labelled_satp_terror_attack_types.jsonl", limit)
    docs = [Document(id=r["id"], text=r["text"]) for r in rows]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    detected = shown = 0
    for r, events in zip(rows, coder.code_many(docs), strict=True):
        gold = set(r["labels"]["attack_types"])
        pred = satp_types(events)
        detected += any(e.cameo[:2] in ("18", "19", "20") for e in events)
        for t in SATP_TYPES:
            tp[t] += t in gold and t in pred
            fp[t] += t in pred and t not in gold
            fn[t] += t in gold and t not in pred
        if gold - pred and shown < show:
            shown += 1
            print(f"  miss {sorted(gold - pred)} got {sorted(pred)}: {r['text'][:200]}")
    table = {}
    for t in (*SATP_TYPES, "micro"):
        a, b, c = (sum(x.values()) for x in (tp, fp, fn)) if t == "micro" else (tp[t], fp[t], fn[t])
        p, rcl = a / max(1, a + b), a / max(1, a + c)
        table[t] = {"precision": round(p, 3), "recall": round(rcl, 3),
                    "f1": round(2 * p * rcl / max(1e-9, p + rcl), 3), "support": a + c}
    return {"n": len(rows), "detected": round(detected / len(rows), 3), "types": table}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show-misses", type=int, default=0)
    args = ap.parse_args()
    if not CORPORA.exists():
        print(f"{CORPORA} not found", file=sys.stderr)
        return 2
    coder = Coder()
    out = {"ucdp_ged_headlines": ucdp(coder, args.limit, args.show_misses),
           "satp_attack_types": satp(coder, args.limit, args.show_misses)}
    print(json.dumps(out, indent=1))
    if args.limit is None:
        (ROOT / "benchmarks" / "results" / "labelled_news.json").write_text(json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
