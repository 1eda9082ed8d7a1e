"""Dask scale-out (issue #6) on a REAL LocalCluster: same events as one process,
and a worker killed mid-run loses and duplicates nothing."""

from __future__ import annotations

import json
import os
import signal
import threading
import warnings
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ladder.distributed import (
    DOCUMENTS_DIR,
    TABLES,
    code_dask,
    load_into_store,
    partition_id,
    read_documents,
    read_events,
)
from ladder.types import Document

distributed = pytest.importorskip("distributed")

N_DOCS = 20


@pytest.fixture(scope="module")
def docs(shared_dir) -> list[Document]:
    path = shared_dir / "corpora" / "general_wikinews_2019_2020.jsonl"
    if not path.exists():
        pytest.skip("Wikinews corpus not present")
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out.append(Document(id=r["id"], text=r["text"], date=r.get("date"),
                                outlet=r.get("source"), url=r.get("url"), title=r.get("title")))
            if len(out) >= N_DOCS:
                break
    return out


def _key(d: dict) -> str:
    return json.dumps(d, sort_keys=True, ensure_ascii=False)


@pytest.fixture(scope="module")
def pairs(coder, docs) -> list:
    """(document, events) of the plain single-process run."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(coder.code_documents(docs))


@pytest.fixture(scope="module")
def reference(pairs) -> list[str]:
    """Sorted event JSON of the plain single-process run."""
    return sorted(_key(e.to_dict()) for _, evs in pairs for e in evs)


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


def _key_of(raw: str) -> str:
    d = json.loads(raw)
    d.pop("event_id")  # the row's key, not part of Event.to_dict()
    return _key(d)


def _check_exactly_once(out: Path, docs: list[Document], reference: list[str]) -> None:
    doc_ids = read_documents(out).column("doc_id").to_pylist()
    assert sorted(doc_ids) == sorted(d.id for d in docs), "every document exactly once"
    events = read_events(out)
    ids = events.column("event_id").to_pylist()
    assert len(ids) == len(set(ids)), "no duplicated events"
    assert sorted(_key_of(r) for r in events.column("json").to_pylist()) == reference
    # no temporary or stray partition files are left behind
    for sub in TABLES:
        names = sorted(p.name for p in (out / sub).iterdir())
        assert all(n.startswith("part-") and n.endswith(".parquet") for n in names), names


def test_local_cluster_gives_the_single_process_events(client, docs, reference, tmp_path):
    assert len(reference) > 10
    report = code_dask(docs, client, tmp_path, partition_docs=6)
    assert (report.documents, report.events, report.partitions) == (N_DOCS, len(reference), 4)
    _check_exactly_once(tmp_path, docs, reference)
    # the document table carries the store's columns, so it loads straight into it
    tbl = pq.read_table(tmp_path / DOCUMENTS_DIR / f"part-{report.partition_ids[0]}.parquet")
    assert {"doc_id", "text", "n_events", "date", "outlet"} <= set(tbl.column_names)

    # a rerun into the same directory overwrites its partitions instead of adding to them
    again = code_dask(docs, client, tmp_path, partition_docs=6)
    assert again.partition_ids == report.partition_ids
    _check_exactly_once(tmp_path, docs, reference)


def test_killed_worker_loses_and_duplicates_nothing(client, docs, reference, tmp_path):
    before = client.run(os.getpid)
    killed: list[int] = []
    busy: list[str] = []  # tasks the victim was running or holding when it was killed
    lock = threading.Lock()

    def kill_a_busy_worker(result) -> None:
        # after the first partition finishes, SIGKILL the *other* worker, which is
        # mid-way through a partition (2 in flight per worker)
        with lock:
            if killed:
                return
            finished_pid = int(result.worker.rsplit(":", 1)[1])
            addr, victim = next((a, p) for a, p in before.items() if p != finished_pid)
            busy.extend(client.processing([addr])[addr])
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    report = code_dask(docs, client, tmp_path, partition_docs=2, progress=kill_a_busy_worker)
    assert killed, "the run finished before a worker could be killed"
    assert busy, "the killed worker had no partition in hand"
    assert report.documents == N_DOCS and report.partitions == N_DOCS // 2
    _check_exactly_once(tmp_path, docs, reference)
    client.wait_for_workers(2, timeout=120)
    assert killed[0] not in client.run(os.getpid).values()  # the nanny started a new one


def test_partition_ids_are_deterministic_and_distinct_for_repeated_input():
    a = [Document(id="x", text="t"), Document(id="y", text="u")]
    assert partition_id(0, a) == partition_id(0, list(a))
    assert partition_id(0, a) != partition_id(1, a)  # same docs repeated later in the input
    assert partition_id(0, a) != partition_id(0, a[:1])


def test_resume_skips_completed_partitions(client, docs, reference, tmp_path):
    first = code_dask(docs[:10], client, tmp_path, partition_docs=5)
    resumed = code_dask(docs, client, tmp_path, partition_docs=5, resume=True)
    assert resumed.skipped_partitions == 2 and first.partition_ids == resumed.partition_ids[:2]
    _check_exactly_once(tmp_path, docs, reference)


def test_output_loads_into_the_store_like_a_direct_ingest(client, docs, pairs, tmp_path):
    from ladder.store import Store

    code_dask(docs, client, tmp_path / "out", partition_docs=7)
    direct, loaded = Store(tmp_path / "direct.duckdb"), Store(tmp_path / "loaded.duckdb")
    direct.add_documents(pairs)
    assert load_into_store(tmp_path / "out", loaded) == {
        "added": N_DOCS, "skipped": 0, "events": sum(len(evs) for _, evs in pairs)}
    for table, order in (("documents", "doc_id"), ("events", "event_id"),
                         ("actors", "event_id, role"), ("sentences", "doc_id, sentence_index")):
        sql = f"SELECT * EXCLUDE (ingested_at) FROM {table}" if table == "documents" \
            else f"SELECT * FROM {table}"
        a = direct.query(f"{sql} ORDER BY {order}")
        b = loaded.query(f"{sql} ORDER BY {order}")
        assert len(a) > 0 and a.equals(b), table
    # loading the same run again adds nothing
    assert load_into_store(tmp_path / "out", loaded)["added"] == 0
    assert loaded.counts() == direct.counts()
