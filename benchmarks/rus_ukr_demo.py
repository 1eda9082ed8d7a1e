"""Ingest the 3,910 BBC Russia-Ukraine headlines (2020-2024) and show the RUS-UKR dyad around 24 Feb 2022.

    .venv/bin/python benchmarks/rus_ukr_demo.py [--db out/rus_ukr.duckdb]

Writes docs/img/rus_ukr_2022.png and benchmarks/results/rus_ukr_demo.json, prints the
weekly series around the invasion, change points and alerts.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rus_ukr_common import bbc_rus_ukr, coded_store

from ladder import analytics
from ladder.charts import dyad_chart, save_chart
from ladder.store import FACT_STATUSES

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", type=Path, default=ROOT / "out" / "rus_ukr.duckdb")
    ap.add_argument("--chart", type=Path, default=ROOT / "docs" / "img" / "rus_ukr_2022.png")
    args = ap.parse_args()
    docs = bbc_rus_ukr()
    print(f"{len(docs)} BBC Russia-Ukraine headlines")
    store, timing = coded_store(args.db, docs)
    counts = store.counts()
    print(f"store {store.path}: {counts}; {timing}")
    ev = store.events(dyad=("RUS", "UKR"), directed=False, dedup="cluster", status=list(FACT_STATUSES))
    raw = store.events(dyad=("RUS", "UKR"), directed=False, status=list(FACT_STATUSES))
    print(f"RUS-UKR events (asserted/reported): {len(raw)} raw, {len(ev)} after clustering")
    s = analytics.dyad_series(ev, "RUS", "UKR", "week", start="2020-01-01", end="2024-12-31")
    und = s[s["direction"] == "RUS<->UKR"].reset_index(drop=True)
    print("\nRUS<->UKR weekly, around 24 Feb 2022:")
    print(analytics.summarise(und, "2022-02-24", k=5))
    cps = [c for c in analytics.change_points(und)]
    print("\nchange points (PELT on weekly Goldstein sum):")
    for c in cps:
        print(f"  {str(c['period'])[:10]} {c['direction']}: mean {c['before_mean']:.1f} -> {c['after_mean']:.1f}")
    alerts = analytics.alerts(ev, "2021-10-01")
    alerts = alerts[alerts["period"] <= "2022-06-30"]
    print("\nalerts 2021-10 .. 2022-06:")
    print(alerts.to_string(index=False) if not alerts.empty else "  none")
    window = und[(und["period"] >= "2021-10-01") & (und["period"] <= "2022-06-30")]
    save_chart(dyad_chart(window, "RUS-UKR, BBC headlines, events per week (clustered)",
                          [("2022-02-24", "24 Feb 2022")]), args.chart)
    print(f"\nchart: {args.chart}")
    pre = und[(und["period"] >= "2021-11-01") & (und["period"] < "2022-02-21")]
    post = und[(und["period"] >= "2022-02-21") & (und["period"] < "2022-05-16")]
    result = {
        "headlines": len(docs), "store": counts, "timing": timing,
        "rus_ukr_raw_events": len(raw), "rus_ukr_clustered_events": len(ev),
        "weeks_nov2021_to_feb20_2022": {"mean_events": round(float(pre["n_events"].mean()), 2),
                                         "mean_goldstein_sum": round(float(pre["goldstein_sum"].mean()), 2),
                                         "mean_q4": round(float(pre["q4"].mean()), 2)},
        "weeks_feb21_to_may15_2022": {"mean_events": round(float(post["n_events"].mean()), 2),
                                       "mean_goldstein_sum": round(float(post["goldstein_sum"].mean()), 2),
                                       "mean_q4": round(float(post["q4"].mean()), 2)},
        "invasion_week": {k: (v if isinstance(v, str) else float(v)) for k, v in
                          und[und["period"] == "2022-02-21"].iloc[0].drop(["period", "direction"]).items()},
        "change_points": [{**c, "period": str(c["period"])[:10]} for c in cps],
        "alerts": [{**a, "period": str(a["period"])[:10]} for a in alerts.to_dict(orient="records")],
    }
    out = ROOT / "benchmarks" / "results" / "rus_ukr_demo.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    print(f"numbers: {out}")


if __name__ == "__main__":
    main()
