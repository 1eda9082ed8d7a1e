"""The README accuracy table: ``ladder eval`` on every dev gold set in ../shared/eval.

    .venv/bin/python benchmarks/eval_all.py            # prints tables, writes benchmarks/results/eval.json

PLV and Multi-CoPED are scored on the held-out split (``ladder.splits``) the shipped
classifier never saw; PLOVER GSR and PETRARCH gold on all records (their sentences
are excluded from training).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from rich.console import Console

from ladder.cli.render import print_report
from ladder.coder import Coder
from ladder.evaluate import evaluate_file

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
FILES = ("plv_plover_root.jsonl", "plover_gsr_cameo.jsonl", "petrarch_gold_dev.jsonl",
         "multicoped_cameo_penta.jsonl")


def main(argv: list[str]) -> int:
    if not EVAL.exists():
        print(f"{EVAL} not found: the shared gold sets are needed", file=sys.stderr)
        return 2
    console = Console()
    coder = Coder()
    out = []
    for name in FILES:
        t = time.perf_counter()
        rep = evaluate_file(coder, EVAL / name)
        secs = time.perf_counter() - t
        print_report(console, name, rep)
        out.append({"file": name, "seconds": round(secs, 1), **rep.to_dict()})
    res = ROOT / "benchmarks" / "results" / "eval.json"
    res.parent.mkdir(parents=True, exist_ok=True)
    res.write_text(json.dumps(out, indent=1), encoding="utf-8")
    console.print("\nsummary")
    for r in out:
        console.print(f"  {r['file']:<32} n={r['n']:<5} " + "  ".join(
            f"{k}={v}" for k, v in r["metrics"].items() if isinstance(v, float)), highlight=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
