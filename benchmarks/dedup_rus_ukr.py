"""How much does deduplication collapse the 2022 BBC Russia-Ukraine headline events?

    .venv/bin/python benchmarks/dedup_rus_ukr.py [--db out/rus_ukr.duckdb] [--show 20]

Codes the 2022 headlines (reusing the demo store when present), then reports raw events,
clusters (the default dedup), one-a-day rows, a threshold/window sweep, and prints a
random sample of merged clusters and of near-misses for checking by hand.  Headline text
is printed, never written to the repository (research-only corpus).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from pathlib import Path

from rus_ukr_common import bbc_rus_ukr, coded_store

from ladder.dedup import Mention, cluster_block

ROOT = Path(__file__).resolve().parents[1]
YEAR_SQL = "date >= DATE '2022-01-01' AND date < DATE '2023-01-01'"
BLOCK = """coalesce(source_country, source_code, '') || '|' || coalesce(target_country, target_code, '')
           || '|' || cameo_root || '|' || CASE WHEN status IN ('asserted','reported') THEN 'fact' ELSE status END"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", type=Path, default=ROOT / "out" / "rus_ukr.duckdb")
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    docs = bbc_rus_ukr("2022")
    store, timing = coded_store(args.db, docs)
    q = store.query
    raw = int(q(f"SELECT count(*) n FROM events WHERE {YEAR_SQL}")["n"][0])
    clusters = int(q(f"SELECT count(*) n FROM clusters WHERE {YEAR_SQL}")["n"][0])
    one_a_day = int(q(f"SELECT count(*) n FROM one_a_day_events WHERE {YEAR_SQL}")["n"][0])
    sizes = Counter(int(n) for n in q(f"SELECT n_mentions FROM clusters WHERE {YEAR_SQL}")["n_mentions"])
    multi = q(f"SELECT cluster_id FROM clusters WHERE {YEAR_SQL} AND n_mentions > 1")["cluster_id"].tolist()
    print(f"{len(docs)} headlines from 2022; {raw} events; {clusters} clusters "
          f"({100 * (raw - clusters) / max(raw, 1):.1f}% collapsed); one-a-day keeps {one_a_day}")
    print("cluster sizes:", dict(sorted(sizes.items())))

    rows = q(f"SELECT {BLOCK} AS block, event_id, doc_id, date, cameo, sentence, score, status, "
             f"lower(concat_ws(' ', source_text, target_text)) AS actors FROM events WHERE {YEAR_SQL}")
    blocks: dict[str, list[Mention]] = {}
    for r in rows.itertuples(index=False):
        blocks.setdefault(r.block, []).append(Mention(
            r.event_id, r.doc_id, r.date.date() if hasattr(r.date, "date") else r.date, r.cameo,
            r.sentence, float(r.score), r.status, "BBC News",
            frozenset(re.sub(r"[^\w\s]+", " ", r.actors or "").split())))
    sweep = {}
    for window in (0, 1, 2, 3, 7):
        for thr in (20, 30, 40, 50, 60, 80):
            n = sum(len(cluster_block(ms, window, thr)) for ms in blocks.values())
            sweep[f"w{window}_t{thr}"] = n
    print("sweep (window days, similarity threshold) -> clusters:")
    for window in (0, 1, 2, 3, 7):
        print(f"  window {window}: " + "  ".join(f"t{t}={sweep[f'w{window}_t{t}']}" for t in (20, 30, 40, 50, 60, 80)))

    rng = random.Random(args.seed)
    print(f"\n--- {min(args.show, len(multi))} random merged clusters (check: same real-world event?) ---")
    for cid in rng.sample(multi, min(args.show, len(multi))):
        m = q("SELECT e.date, e.cameo, e.source_code, e.target_code, e.sentence, m.similarity FROM mentions m "
              "JOIN events e USING (event_id) WHERE m.cluster_id = ? ORDER BY e.date, e.event_id", [cid])
        print(f"[{cid}]")
        for r in m.itertuples(index=False):
            print(f"   {str(r.date)[:10]} {r.cameo} {r.source_code}->{r.target_code} sim={r.similarity:.0f} | {r.sentence}")
    near = q(f"""
      SELECT a.sentence s1, b.sentence s2, a.date d1, b.date d2, a.cameo c1, b.cameo c2
      FROM (SELECT *, {BLOCK} blk FROM events WHERE {YEAR_SQL}) a
      JOIN (SELECT *, {BLOCK} blk FROM events WHERE {YEAR_SQL}) b
        ON a.blk = b.blk AND a.event_id < b.event_id AND abs(date_diff('day', a.date, b.date)) <= 1
      JOIN mentions ma ON ma.event_id = a.event_id JOIN mentions mb ON mb.event_id = b.event_id
      WHERE ma.cluster_id <> mb.cluster_id""")
    print(f"\n--- {min(args.show, len(near))} random same-dyad same-root pairs within a day that were NOT merged "
          f"(of {len(near)}; check: missed duplicates?) ---")
    for r in near.sample(min(args.show, len(near)), random_state=args.seed).itertuples(index=False):
        print(f"   {str(r.d1)[:10]} {r.c1} | {r.s1}\n   {str(r.d2)[:10]} {r.c2} | {r.s2}\n")
    out = ROOT / "benchmarks" / "results" / "dedup_rus_ukr.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "headlines_2022": len(docs), "events": raw, "clusters": clusters, "one_a_day": one_a_day,
        "collapsed_pct": round(100 * (raw - clusters) / max(raw, 1), 1),
        "cluster_sizes": dict(sorted(sizes.items())), "unmerged_pairs_within_1_day": len(near),
        "sweep": sweep, "timing": timing,
    }, indent=1), encoding="utf-8")
    print(f"numbers: {out}")


if __name__ == "__main__":
    main()
