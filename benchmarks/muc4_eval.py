"""How well does ladder find terrorist attacks and their perpetrators/targets in MUC-4?

MUC-4 (``../shared/corpora/labelled_muc4_terrorism_roles.jsonl``) is ALL CAPS FBIS text
about Latin American terrorism with human role fillers per document: ``perp_individual_id``,
``perp_organization_id``, ``phys_tgt_id``, ``hum_tgt_name``, ``incident_instrument_id``;
each a list of entities, each entity a list of coreferent mention strings.  The labels
are templates, not events, so the numbers below are proxies; they are meant for
before/after comparisons of the coder, not as an absolute score.

Definitions (all case-insensitive):

* *relevant doc*: at least one perpetrator (individual or organisation) or target
  (human or physical) filler; *irrelevant doc*: every role empty.
* *conflict event*: ``quad_class == 4`` (material conflict; CAMEO roots 15-20 with
  18/19/20 assault/fight/mass violence among them).
* *overlap*: a mention matches an actor text when their sets of *content tokens* share
  at least one token; content tokens are alphanumeric runs of 2+ characters, lower-cased,
  minus a short stop list (articles, prepositions, "said"...).  "SALVADORAN ARMY"
  matches "the army"; "FMLN" matches "FMLN urban commandos".
* (a) ``docs_with_conflict``: share of relevant docs with >= 1 conflict event.
* (b) ``perp_recall``: share of gold perpetrator entities (individual + organisation,
  counted per doc) for which some event of that doc (any code) has a *source* text
  overlapping one of the entity's mentions.
* (c) ``target_recall``: the same for human/physical target entities against event
  *target* texts.
* (d) ``conflict_source_precision``: share of conflict events with a source in relevant
  docs whose source overlaps some gold perpetrator mention of that doc (agentless events,
  "two soldiers were killed", claim no perpetrator and are counted apart) (a lower bound: the army
  firing on guerrillas in a doc labelled for a guerrilla attack counts as wrong).
* (e) ``events_per_irrelevant_doc`` / ``conflict_per_irrelevant_doc``: events (all /
  conflict) per irrelevant doc; many irrelevant docs are political news with real
  events, so the conflict rate is the closer false-alarm measure.

    .venv/bin/python benchmarks/muc4_eval.py [--limit N] [--dump per_doc.jsonl]

Prints the numbers and writes ``benchmarks/results/muc4.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any

from ladder.coder import Coder
from ladder.types import Document, Event

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "labelled_muc4_terrorism_roles.jsonl"
PERP = ("perp_individual_id", "perp_organization_id")
TARGET = ("hum_tgt_name", "phys_tgt_id")
ALL_ROLES = (*PERP, *TARGET, "incident_instrument_id")
_TOKEN = re.compile(r"[a-z0-9]{2,}")
STOP = frozenset(
    "the of and in on at to by for from with an a its his her their our some other two three "
    "said says who that this these those near de del la el los las y".split())


def content_tokens(text: str | None) -> frozenset[str]:
    """Lower-cased alphanumeric tokens (2+ chars) minus stop words."""
    return frozenset(t for t in _TOKEN.findall((text or "").lower()) if t not in STOP)


def overlaps(actor_text: str | None, mentions: list[str]) -> bool:
    """Does the actor text share a content token with any mention of one entity?"""
    toks = content_tokens(actor_text)
    return bool(toks) and any(toks & content_tokens(m) for m in mentions)


def is_conflict(e: Event) -> bool:
    return e.quad_class == 4


def score(rows: list[dict[str, Any]], events: list[list[Event]]) -> dict[str, Any]:
    """The metrics in the module docstring, from gold rows and their coded events."""
    rel = irr = rel_conflict = rel_any = 0
    perp_n = perp_hit = tgt_n = tgt_hit = 0
    conf_n = conf_hit = agentless = 0
    irr_events = irr_conflict = 0
    for row, evs in zip(rows, events, strict=True):
        labels = row["labels"]
        perps = [m for k in PERP for m in labels.get(k, [])]
        targets = [m for k in TARGET for m in labels.get(k, [])]
        if not any(labels.get(k) for k in ALL_ROLES):
            irr += 1
            irr_events += len(evs)
            irr_conflict += sum(map(is_conflict, evs))
            continue
        if not perps and not targets:
            continue  # instrument only: neither relevant nor irrelevant
        rel += 1
        rel_any += bool(evs)
        rel_conflict += any(map(is_conflict, evs))
        sources = [e.source.text if e.source else None for e in evs]
        tgts = [e.target.text if e.target else None for e in evs]
        for ent in perps:
            perp_n += 1
            perp_hit += any(overlaps(s, ent) for s in sources)
        for ent in targets:
            tgt_n += 1
            tgt_hit += any(overlaps(t, ent) for t in tgts)
        all_perp_mentions = [m for ent in perps for m in ent]
        for e in evs:
            if is_conflict(e) and e.source is None:
                agentless += 1
            elif is_conflict(e):
                conf_n += 1
                conf_hit += overlaps(e.source.text if e.source else None, all_perp_mentions)

    def share(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    return {
        "relevant_docs": rel, "irrelevant_docs": irr,
        "docs_with_any_event": share(rel_any, rel),
        "docs_with_conflict": share(rel_conflict, rel),
        "perp_entities": perp_n, "perp_recall": share(perp_hit, perp_n),
        "target_entities": tgt_n, "target_recall": share(tgt_hit, tgt_n),
        "conflict_events_relevant": conf_n, "conflict_source_precision": share(conf_hit, conf_n),
        "agentless_conflict_events_relevant": agentless,
        "events_per_irrelevant_doc": share(irr_events, irr),
        "conflict_per_irrelevant_doc": share(irr_conflict, irr),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="first N documents only (0 = all)")
    ap.add_argument("--dump", type=Path, help="write per-document events and gold here (JSONL)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "muc4.json")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    coder = Coder()
    t = time.perf_counter()
    docs = [Document(id=r["id"], text=r["text"]) for r in rows]
    events = [evs for _, evs in coder.code_documents(docs)]
    secs = time.perf_counter() - t
    res = {"docs": len(rows), "seconds": round(secs, 1), **score(rows, events)}
    for k, v in res.items():
        print(f"{k:<30} {v}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for row, evs in zip(rows, events, strict=True):
                fh.write(json.dumps({"id": row["id"], "labels": row["labels"], "events": [
                    {"source": e.source.text if e.source else None,
                     "target": e.target.text if e.target else None, "cameo": e.cameo,
                     "trigger": e.trigger, "sentence": e.sentence} for e in evs]}) + "\n")


if __name__ == "__main__":
    main()
