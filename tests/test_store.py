"""The DuckDB event store: idempotent writes, provenance kept, filters, safety, locking."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from store_helpers import doc, event, headline

from ladder.store import Store, StoreError, document_key


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "events.duckdb")
    s.add_documents([
        headline("d1", "RUS", "UKR", "190", "Russia attacks Ukraine from three sides"),
        headline("d2", "RUSMIL", "UKR", "193", "Russian troops attack Ukraine from three sides",
                 outlet="The Guardian"),
        headline("d3", "UKR", "RUS", "111", "Ukraine condemns Russia's 'barbaric' attack",
                 date="2022-02-25"),
        headline("d4", "USA", "RUS", "163", "US imposes an embargo on Russia", date="2022-03-01"),
        headline("d5", "RUS", "UKR", "130", "Russia threatens Ukraine", date="2022-01-10",
                 status="hypothetical"),
    ])
    s.dedup()
    return s


def test_rerun_and_overlapping_input_do_not_duplicate(tmp_path: Path) -> None:
    s = Store(tmp_path / "x.duckdb")
    first = s.add_documents([headline("a", "RUS", "UKR", "190", "Russia attacks Ukraine"),
                             headline("b", "USA", "RUS", "163", "US embargo on Russia")])
    again = s.add_documents([headline("b", "USA", "RUS", "163", "US embargo on Russia"),
                             headline("c", "FRA", "UKR", "070", "France sends aid to Ukraine")])
    assert (first.added, first.skipped, first.events) == (2, 0, 2)
    assert (again.added, again.skipped, again.events) == (1, 1, 1)
    assert s.counts()["documents"] == 3
    assert s.counts()["events"] == 3


def test_documents_without_id_are_keyed_by_content_hash(tmp_path: Path) -> None:
    s = Store(tmp_path / "x.duckdb")
    d1, evs = headline("", "RUS", "UKR", "190", "Russia attacks Ukraine")
    d2 = doc("", "Russia   attacks Ukraine")  # same text up to whitespace
    res = s.add_documents([(d1, evs), (d2, [])])
    assert res.added == 1 and res.skipped == 1
    assert document_key(d1).startswith("sha256:")
    assert s.events()["doc_id"].tolist() == [document_key(d1)]


def test_every_provenance_field_is_stored(tmp_path: Path) -> None:
    s = Store(tmp_path / "x.duckdb")
    ev = event("RUSGOV", "UKR", "1383", "Moscow threatened Kyiv, the Kremlin said.",
               date="2022-02-20", status="reported", speaker="Kremlin", outlet="TASS", score=0.7)
    ev.attribution.anonymous = True
    ev.attribution.chain = ["TASS", "Kremlin"]
    s.add_documents([(doc("k1", ev.sentence), [ev])])
    row = s.events().iloc[0]
    assert (row.source_code, row.source_country, row.source_sector) == ("RUSGOV", "RUS", "GOV")
    assert (row.target_code, row.cameo, row.cameo_root) == ("UKR", "1383", "13")
    assert (row.status, row.speaker, row.outlet, bool(row.anonymous)) == ("reported", "Kremlin", "TASS", True)
    assert str(row.date)[:10] == "2022-02-20" and row.score == pytest.approx(0.7)
    assert json.loads(row.spans)["sentence"] == [0, len(ev.sentence)]
    expected = ev.to_dict()
    expected["doc_id"] = "k1"
    stored = json.loads(row.json)
    stored.pop("event_id")
    assert stored == expected  # the whole public JSON contract round-trips


def test_failed_batch_leaves_no_half_documents(tmp_path: Path) -> None:
    s = Store(tmp_path / "x.duckdb")
    good = headline("ok", "RUS", "UKR", "190", "Russia attacks Ukraine")
    bad_doc, bad_events = headline("bad", "RUS", "UKR", "190", "Russia attacks again")
    bad_events[0].quad_class = 2**40  # does not fit the INTEGER column: fails inside the transaction
    with pytest.raises(Exception):  # noqa: B017 - pyarrow's overflow error type varies by version
        s.add_documents([good, (bad_doc, bad_events)])
    assert s.counts()["documents"] == 0 and s.counts()["events"] == 0
    assert s.add_documents([good]).added == 1


def test_event_filters(store: Store) -> None:
    assert set(store.events(dyad=("RUS", "UKR"))["doc_id"]) == {"d1", "d2", "d5"}
    assert set(store.events(dyad=("RUS", "UKR"), directed=False)["doc_id"]) == {"d1", "d2", "d3", "d5"}
    assert set(store.events(source="RUSMIL")["doc_id"]) == {"d2"}
    assert set(store.events(start="2022-02-25", end="2022-02-28")["doc_id"]) == {"d3"}
    assert set(store.events(root="19")["doc_id"]) == {"d1", "d2"}
    assert set(store.events(cameo="16")["doc_id"]) == {"d4"}
    assert set(store.events(plover="COERCE")["doc_id"]) == {"d4"}
    assert set(store.events(status="hypothetical")["doc_id"]) == {"d5"}
    assert set(store.events(outlet="the guardian")["doc_id"]) == {"d2"}
    assert set(store.events(text="'barbaric'")["doc_id"]) == {"d3"}  # quotes are data, not SQL
    assert store.events(text="50%").empty
    table = store.events(as_arrow=True)
    assert table.num_rows == 5 and "goldstein" in table.column_names


def test_search_paginates(store: Store) -> None:
    pages = [store.search("a", limit=2, offset=o, order="event_id")["event_id"].tolist()
             for o in (0, 2, 4)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert sorted(sum(pages, [])) == sorted(store.events()["event_id"])


def test_event_by_id_has_its_cluster_mentions(store: Store) -> None:
    detail = store.event("d2#0")
    assert detail is not None
    assert detail["cameo"] == "193" and detail["doc_outlet"] == "The Guardian"
    assert {m["event_id"] for m in detail["mentions"]} == {"d1#0", "d2#0"}
    assert detail["cluster"]["n_articles"] == 2 and detail["cluster"]["n_sources"] == 2
    assert store.event("nope") is None


def test_top_dyads_ranks_conflict(store: Store) -> None:
    top = store.top_dyads(limit=5)
    assert list(top.iloc[0][["a", "b"]]) == ["RUS", "UKR"]
    # hypothetical d5 is not a fact; d1+d2 are one real event; d3 is verbal conflict
    assert int(top.iloc[0]["conflict_events"]) == 2


def test_user_sql_is_read_only_and_sandboxed(store: Store, tmp_path: Path) -> None:
    assert int(store.query("SELECT count(*) AS n FROM events")["n"][0]) == 5
    for sql in ("DELETE FROM events", "DROP TABLE events", "CREATE TABLE t (x INT)"):
        with pytest.raises(duckdb.Error):
            store.query(sql)
    with pytest.raises(duckdb.Error):
        store.query(f"COPY events TO '{tmp_path / 'leak.csv'}'")
    with pytest.raises(duckdb.Error):
        store.query("SELECT * FROM read_csv('/etc/passwd')")
    assert not (tmp_path / "leak.csv").exists()
    assert store.counts()["events"] == 5
    assert store.query("SELECT ? AS v", ["x'; DROP TABLE events; --"])["v"][0].startswith("x'")


def test_corrupt_foreign_and_missing_files_give_clear_errors(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 500)
    with pytest.raises(StoreError, match="not a readable DuckDB file"):
        Store(junk)
    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE sales (x INT)")
    con.close()
    with pytest.raises(StoreError, match="not a ladder store"):
        Store(foreign)
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    s = Store(tmp_path / "x.duckdb")
    with s.connect(write=True) as con:
        con.execute("UPDATE ladder_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99"):
        Store(s.path, read_only=True)


_HOLD = """
import sys, time
from ladder.store import Store
s = Store(sys.argv[1])
with s.connect(write=True):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_readers_wait_for_a_writer_then_succeed(store: Store) -> None:
    impatient = Store(store.path, read_only=True, lock_timeout=0.1)
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(store.path), "1.5"],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError, match="held by another process"):
            impatient.counts()
        patient = Store(store.path, read_only=True, lock_timeout=20)  # waits for the writer
        assert patient.counts()["events"] == 5
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == 0


_READ_HOLD = """
import sys, time
from ladder.store import Store
s = Store(sys.argv[1], read_only=True)
with s.connect():
    print("reading", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_readers_in_other_processes_do_not_block_a_reader(store: Store) -> None:
    proc = subprocess.Popen([sys.executable, "-c", _READ_HOLD, str(store.path), "1.5"],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "reading"
        assert Store(store.path, read_only=True, lock_timeout=0.0).counts()["events"] == 5
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == 0
