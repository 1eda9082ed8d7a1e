"""Scale-out on Dask distributed: documents over a cluster, events to partitioned Parquet.

Why Dask: it is an existing engine with a scheduler that reschedules the tasks of a
worker that dies, runs on a laptop (``LocalCluster``), SLURM/PBS (dask-jobqueue) and
Kubernetes, and needs nothing but Python on the workers.

Exactly-once output without a transaction manager: every partition of documents has a
deterministic id (its position in the input and a hash of its document ids), and its
Parquet files are written to a temporary name and renamed into place.  A task that is
retried (killed worker, transient error) therefore overwrites its own file instead of
adding a second one, and a half-written file is never visible.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ladder.parallel import CoderSpec, code_chunk, coder_for
from ladder.store_schema import (
    ACTOR_COLS,
    DOC_COLS,
    EVENT_COLS,
    SENT_COLS,
    arrow_table,
    document_key,
    document_rows,
)
from ladder.types import Document

#: documents per Dask task / Parquet partition
PARTITION_DOCS = 500
EVENTS_DIR = "events"
DOCUMENTS_DIR = "documents"
ACTORS_DIR = "actors"
SENTENCES_DIR = "sentences"
#: sub-folder -> columns; the store's tables, so the output loads straight into it.
#: ``documents`` comes last: a partition is complete once its documents file exists.
TABLES: dict[str, list[tuple[str, str, pa.DataType]]] = {
    EVENTS_DIR: EVENT_COLS, ACTORS_DIR: ACTOR_COLS, SENTENCES_DIR: SENT_COLS, DOCUMENTS_DIR: DOC_COLS,
}
MANIFEST = "_manifest.json"


@dataclass
class PartitionResult:
    """What one task reports back (the events themselves stay on disk)."""

    partition_id: str
    documents: int
    events: int
    seconds: float
    worker: str


@dataclass
class DaskRunReport:
    """Summary of a ``code_dask`` run; the events are in ``out_dir``."""

    address: str
    out_dir: str
    workers: int
    partitions: int = 0
    documents: int = 0
    events: int = 0
    skipped_partitions: int = 0  # already complete from an earlier run (resume)
    seconds: float = 0.0
    partition_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def partition_id(index: int, docs: list[Document]) -> str:
    """Deterministic id: input position + content hash of the document ids.

    The position keeps two identical partitions of a repeated input apart; the hash
    ties the file to its documents, so a rerun on the same input maps to the same files.
    """
    h = hashlib.sha256("\n".join(document_key(d) for d in docs).encode("utf-8")).hexdigest()
    return f"{index:06d}-{h[:16]}"


def _atomic_write(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def code_partition(pid: str, docs: list[Document], out_dir: str, spec: CoderSpec,
                   batch_size: int = 32) -> PartitionResult:
    """One Dask task: code ``docs`` with this worker's cached Coder, write its Parquet files.

    One file per store table (rows as ``Store.add_documents`` would insert them); the
    documents file is written last: its presence marks the partition complete.
    """
    t0 = time.perf_counter()
    events, _warnings = code_chunk(spec, docs, batch_size)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    ev_rows, doc_rows = rows[EVENTS_DIR], rows[DOCUMENTS_DIR]
    now = datetime.now()
    for doc, evs in zip(docs, events, strict=True):
        dr = document_rows(doc, evs, now)
        doc_rows.append(dr.document)
        ev_rows.extend(dr.events)
        rows[ACTORS_DIR].extend(dr.actors)
        rows[SENTENCES_DIR].extend(dr.sentences)
    root = Path(out_dir)
    for name, cols in TABLES.items():
        _atomic_write(arrow_table(rows[name], cols), root / name / f"part-{pid}.parquet")
    return PartitionResult(pid, len(docs), len(ev_rows), time.perf_counter() - t0,
                           f"{os.uname().nodename}:{os.getpid()}")


def _partitions(docs: Iterable[Document], size: int) -> Iterator[tuple[str, list[Document]]]:
    it = iter(docs)
    index = 0
    while chunk := list(islice(it, size)):
        yield partition_id(index, chunk), chunk
        index += 1


def _load_coder(spec: CoderSpec) -> str:
    coder_for(spec)
    return f"{os.uname().nodename}:{os.getpid()}"


def preload(client: Any, spec: CoderSpec | None = None) -> dict[str, str]:
    """Make every current worker load its Coder now (start-up out of the timed run)."""
    result: dict[str, str] = client.run(_load_coder, spec or CoderSpec())
    return result


def connect(address: str) -> tuple[Any, Any]:
    """(client, cluster-or-None) for ``tcp://host:port`` / ``local:N`` / a scheduler file."""
    from distributed import Client, LocalCluster

    if address.startswith("local:") or address == "local":
        n = int(address.partition(":")[2] or 0) or None
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster
    if address.endswith(".json") and Path(address).exists():
        return Client(scheduler_file=address), None
    return Client(address), None


def code_dask(docs: Iterable[Document], address: str | Any, out_dir: Path | str,
              partition_docs: int = PARTITION_DOCS, *, use_classifier: bool = True,
              spec: CoderSpec | None = None, retries: int = 3, max_in_flight: int | None = None,
              resume: bool = False, progress: Any = None) -> DaskRunReport:
    """Code ``docs`` on a Dask cluster; events land in ``out_dir/events/part-*.parquet``.

    ``address``: ``tcp://host:port`` (an existing scheduler), ``local:N`` (a
    LocalCluster of N single-threaded worker processes, closed afterwards), a
    scheduler-file path, or an existing ``distributed.Client``.  The input is
    consumed lazily: at most ``max_in_flight`` partitions (default 2 per worker
    thread) are submitted at once.  ``resume=True`` skips partitions whose files
    already exist from an interrupted run of the same input.  ``progress`` is
    called with each ``PartitionResult``.
    """
    from distributed import Client, as_completed

    if partition_docs < 1:
        raise ValueError(f"partition_docs must be >= 1, not {partition_docs}")
    spec = spec or CoderSpec(use_classifier=use_classifier)
    root = Path(out_dir).resolve()
    for sub in TABLES:
        (root / sub).mkdir(parents=True, exist_ok=True)
    if isinstance(address, Client):
        client, cluster, owned = address, None, False
    else:
        client, cluster = connect(str(address))
        owned = True
    t0 = time.perf_counter()
    try:
        client.wait_for_workers(1, timeout=120)
        threads = sum(client.nthreads().values())
        report = DaskRunReport(address=str(address if not isinstance(address, Client)
                                           else getattr(client.scheduler, "address", "")),
                               out_dir=str(root), workers=len(client.nthreads()))
        limit = max_in_flight or max(2, 2 * threads)
        parts = _partitions(docs, partition_docs)
        ac = as_completed()
        in_flight = 0

        def submit_more() -> None:
            nonlocal in_flight
            while in_flight < limit:
                nxt = next(parts, None)
                if nxt is None:
                    return
                pid, chunk = nxt
                report.partition_ids.append(pid)
                if resume and (root / DOCUMENTS_DIR / f"part-{pid}.parquet").exists():
                    report.skipped_partitions += 1
                    report.documents += len(chunk)
                    report.events += pq.read_metadata(
                        root / EVENTS_DIR / f"part-{pid}.parquet").num_rows
                    continue
                ac.add(client.submit(code_partition, pid, chunk, str(root), spec,
                                     key=f"ladder-partition-{pid}-{uuid.uuid4().hex[:8]}",
                                     retries=retries, pure=False))
                in_flight += 1

        submit_more()
        for fut in ac:
            res: PartitionResult = fut.result()
            fut.release()
            in_flight -= 1
            report.documents += res.documents
            report.events += res.events
            if progress is not None:
                progress(res)
            submit_more()
        report.partitions = len(report.partition_ids)
        _remove_orphans(root)
        report.seconds = round(time.perf_counter() - t0, 3)
        _write_manifest(root, report)
        return report
    finally:
        if owned:
            client.close()
            if cluster is not None:
                cluster.close()


def _remove_orphans(root: Path) -> None:
    """Temporary files of writers that died mid-write (a killed worker); never read."""
    for sub in TABLES:
        for tmp in (root / sub).glob(".part-*.tmp"):
            tmp.unlink(missing_ok=True)


def _write_manifest(root: Path, report: DaskRunReport) -> None:
    tmp = root / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(report.to_dict(), indent=1), encoding="utf-8")
    os.replace(tmp, root / MANIFEST)


def partition_files(out_dir: Path | str, kind: str = EVENTS_DIR) -> list[Path]:
    """Files of the last completed run (per its manifest), in input order.

    Why the manifest: an output directory reused with a different input may hold
    stale partitions; only the ones the last run wrote belong to its result.
    """
    root = Path(out_dir)
    manifest = root / MANIFEST
    if manifest.exists():
        ids = json.loads(manifest.read_text(encoding="utf-8"))["partition_ids"]
        return [root / kind / f"part-{pid}.parquet" for pid in ids]
    return sorted((root / kind).glob("part-*.parquet"))


def read_events(out_dir: Path | str) -> pa.Table:
    """All events of a run as one Arrow table (rows in input order)."""
    files = partition_files(out_dir, EVENTS_DIR)
    schema = pa.schema([(n, t) for n, _, t in EVENT_COLS])
    if not files:
        return schema.empty_table()
    return pa.concat_tables([pq.read_table(f, schema=schema) for f in files])


def read_documents(out_dir: Path | str) -> pa.Table:
    """All coded documents of a run (id, metadata, ``n_events``) — one row per document."""
    files = partition_files(out_dir, DOCUMENTS_DIR)
    schema = pa.schema([(n, t) for n, _, t in DOC_COLS])
    if not files:
        return schema.empty_table()
    return pa.concat_tables([pq.read_table(f, schema=schema) for f in files])


def load_into_store(out_dir: Path | str, store: Any) -> dict[str, int]:
    """Add a run's output to a ``ladder.store.Store`` in one transaction.

    Same rule as ``Store.add_documents``: a document already in the store is skipped,
    and of documents repeated within the run only the first (in input order) is kept.
    Run ``store.dedup()`` afterwards as after any ingest.
    """
    files = {name: [str(f) for f in partition_files(out_dir, name)] for name in TABLES}
    if not files[DOCUMENTS_DIR]:
        return {"added": 0, "skipped": 0, "events": 0}
    # partition file names sort in input order and are the same in every table folder
    match = "JOIN _ladder_new n ON t.doc_id = n.doc_id AND parse_filename(t.filename) = n.part"
    with store.connect(write=True) as con:
        con.execute("BEGIN")
        try:
            con.execute(
                "CREATE TEMP TABLE _ladder_new AS SELECT doc_id, min(parse_filename(filename)) "
                "AS part FROM read_parquet(?, filename=true) WHERE doc_id NOT IN "
                "(SELECT doc_id FROM documents) GROUP BY doc_id", [files[DOCUMENTS_DIR]])
            total = con.execute("SELECT count(*) FROM read_parquet(?)",
                                [files[DOCUMENTS_DIR]]).fetchone()
            added = con.execute("SELECT count(*) FROM _ladder_new").fetchone()
            for name, cols in TABLES.items():
                if files[name]:
                    names = ", ".join(f't."{c}"' for c, _, _ in cols)
                    con.execute(f"INSERT INTO {name} SELECT {names} "
                                f"FROM read_parquet(?, filename=true) t {match}", [files[name]])
            n_events = con.execute(f"SELECT count(*) FROM read_parquet(?, filename=true) t {match}",
                                   [files[EVENTS_DIR]]).fetchone()
            con.execute("DROP TABLE _ladder_new")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    n_added = int(added[0]) if added else 0
    return {"added": n_added, "skipped": (int(total[0]) if total else 0) - n_added,
            "events": int(n_events[0]) if n_events else 0}
