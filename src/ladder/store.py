"""The event store: documents, sentences, actors and events in one DuckDB file.

Why DuckDB: an embedded columnar database needs no server, answers analytic
queries (counts per dyad and week) fast, and exports Parquet natively.

Concurrency (DuckDB's rules): one process may hold a file read-write, and
while it does no other process can open it at all; several processes may hold
it read-only at once.  So every ``Store`` method opens a short-lived connection
and closes it again, and opening retries while another process holds the lock
(``lock_timeout``).  ``ladder ingest`` codes documents with no connection open
and only opens the file to commit a batch, so readers get in between batches.

Idempotency: a document is keyed by its id (or ``sha256:<hash>`` of its text
when it has none); a document already stored is skipped.  Each batch of
documents is written in ONE transaction, so a process killed mid-way leaves
either whole documents or nothing.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from ladder.store_schema import (
    ACTOR_COLS,
    DOC_COLS,
    EVENT_COLS,
    MIGRATIONS,
    SCHEMA_VERSION,
    SENT_COLS,
    arrow_table,
    document_key,
    document_rows,
)
from ladder.types import Document, Event

APP_NAME = "ladder"
DEFAULT_DB = "ladder.duckdb"
#: Statuses counted as things that happened (issue #3): the default for analytics.
FACT_STATUSES = ("asserted", "reported")


class StoreError(RuntimeError):
    """A store problem a user can act on (missing, corrupt, foreign or locked file)."""


@dataclass
class AddResult:
    """What one ``add_documents`` call did."""

    added: int = 0
    skipped: int = 0
    events: int = 0



class Store:
    """A ladder event store in a DuckDB file (see module docstring for the rules)."""

    def __init__(
        self, path: str | Path = DEFAULT_DB, *, read_only: bool = False, lock_timeout: float = 30.0
    ) -> None:
        self.path = Path(path).expanduser().resolve()
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self._checked = False
        if read_only:
            if not self.path.exists():
                raise StoreError(f"no store at {self.path} (create one with `ladder ingest`)")
            with self.connect():
                pass
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.connect(write=True) as con:
                self._migrate(con)

    # -- connections -------------------------------------------------------
    @contextmanager
    def connect(
        self, write: bool = False, config: dict[str, Any] | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A short-lived connection; retries while another process holds the file."""
        if write and self.read_only:
            raise StoreError(f"store {self.path} was opened read-only")
        con = self._open(read_only=not write, config=config or {})
        try:
            if not write and not self._checked:
                self._check(con)
                self._checked = True
            yield con
        finally:
            con.close()

    def _open(self, read_only: bool, config: dict[str, Any]) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_timeout
        # Writers retry quickly (they wait for a gap between readers' short
        # connections); readers back off further so they do not starve the writer.
        delay, cap = (0.005, 0.05) if not read_only else (0.02, 0.25)
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only, config=config)
            except duckdb.IOException as exc:
                msg = str(exc)
                if "lock" in msg.lower() and time.monotonic() < deadline:
                    time.sleep(delay * random.uniform(0.5, 1.5))
                    delay = min(delay * 2, cap)
                    continue
                if "lock" in msg.lower():
                    raise StoreError(
                        f"{self.path} is held by another process (DuckDB allows one writer, "
                        f"and no readers while it writes); gave up after {self.lock_timeout:.0f}s"
                    ) from exc
                raise StoreError(f"{self.path} is not a readable DuckDB file: {msg}") from exc
            except duckdb.Error as exc:
                raise StoreError(f"{self.path} is not a readable DuckDB file: {exc}") from exc

    def _version(self, con: duckdb.DuckDBPyConnection) -> int | None:
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()}
        if "ladder_meta" not in tables:
            if tables:
                raise StoreError(
                    f"{self.path} is a DuckDB database but not a ladder store "
                    f"(tables: {', '.join(sorted(tables)[:5])})"
                )
            return None
        meta = dict(con.execute("SELECT key, value FROM ladder_meta").fetchall())
        if meta.get("app") != APP_NAME:
            raise StoreError(f"{self.path} is not a ladder store (app={meta.get('app')!r})")
        version = int(meta.get("schema_version", "0"))
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this ladder reads up to "
                f"{SCHEMA_VERSION} (upgrade ladder)"
            )
        return version

    def _check(self, con: duckdb.DuckDBPyConnection) -> None:
        if self._version(con) is None:
            raise StoreError(f"{self.path} is an empty database, not a ladder store yet")

    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
        version = self._version(con) or 0
        if version == SCHEMA_VERSION:
            return
        con.execute("BEGIN")
        con.execute("CREATE TABLE IF NOT EXISTS ladder_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        for v in range(version + 1, SCHEMA_VERSION + 1):
            for stmt in MIGRATIONS[v]:
                con.execute(stmt)
        con.execute(
            "INSERT OR REPLACE INTO ladder_meta VALUES ('app', ?), ('schema_version', ?)",
            [APP_NAME, str(SCHEMA_VERSION)],
        )
        con.execute("COMMIT")

    # -- writing -----------------------------------------------------------
    def known_documents(self, keys: Iterable[str]) -> set[str]:
        """The subset of ``keys`` already stored (cheap check before coding)."""
        keys = list(keys)
        if not keys:
            return set()
        with self.connect() as con:
            con.register("_keys", pa.table({"k": pa.array(keys, pa.string())}))
            rows = con.execute(
                "SELECT doc_id FROM documents JOIN _keys ON doc_id = k"
            ).fetchall()
        return {r[0] for r in rows}

    def add_documents(self, items: Iterable[tuple[Document, list[Event]]]) -> AddResult:
        """Store documents with their events in ONE transaction; skip documents already stored."""
        items = list(items)
        result = AddResult()
        if not items:
            return result
        with self.connect(write=True) as con:
            keys = [document_key(d) for d, _ in items]
            con.register("_keys", pa.table({"k": pa.array(keys, pa.string())}))
            known = {r[0] for r in con.execute(
                "SELECT doc_id FROM documents JOIN _keys ON doc_id = k").fetchall()}
            con.unregister("_keys")
            docs, events, sents, actors = [], [], [], []
            now = pd.Timestamp.now().to_pydatetime()
            for key, (doc, evs) in zip(keys, items, strict=True):
                if key in known:
                    result.skipped += 1
                    continue
                known.add(key)
                result.added += 1
                result.events += len(evs)
                dr = document_rows(doc, evs, now)
                docs.append(dr.document)
                events.extend(dr.events)
                actors.extend(dr.actors)
                sents.extend(dr.sentences)
            if not docs:
                return result
            con.execute("BEGIN")
            try:
                for name, rows, cols in (
                    ("documents", docs, DOC_COLS), ("events", events, EVENT_COLS),
                    ("sentences", sents, SENT_COLS), ("actors", actors, ACTOR_COLS),
                ):
                    if rows:
                        con.register("_batch", arrow_table(rows, cols))
                        con.execute(f"INSERT INTO {name} SELECT * FROM _batch")
                        con.unregister("_batch")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return result

    def dedup(self, **options: Any) -> dict[str, int]:
        """Cluster events not yet clustered (see ``ladder.dedup``); returns counts."""
        from ladder.dedup import recluster

        with self.connect(write=True) as con:
            return recluster(con, **options)

    # -- reading -----------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run SQL read-only with no file or network access (safe for user SQL)."""
        cfg = {"enable_external_access": False}
        with self.connect(config=cfg) as con:
            return con.execute(sql, list(params) if params else None).df()

    def counts(self) -> dict[str, int]:
        with self.connect() as con:
            out = {}
            for t in ("documents", "sentences", "actors", "events", "clusters", "mentions"):
                row = con.execute(f"SELECT count(*) FROM {t}").fetchone()
                out[t] = int(row[0]) if row else 0
            return out

    def events(self, *, as_arrow: bool = False, **filters: Any) -> Any:
        """Events as a pandas DataFrame (or Arrow table); filters: see ``ladder.queries``."""
        from ladder.queries import events_sql

        sql, params = events_sql(**filters)
        with self.connect() as con:
            if as_arrow:
                return con.sql(sql, params=params).to_arrow_table()
            return con.execute(sql, params).df()

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event (its full JSON plus store columns) with the mentions of its cluster."""
        from ladder.queries import event_detail

        with self.connect() as con:
            return event_detail(con, event_id)

    def top_dyads(self, **options: Any) -> pd.DataFrame:
        """Country dyads ranked by recent conflict (see ``ladder.queries.top_dyads``)."""
        from ladder.queries import top_dyads

        with self.connect() as con:
            return top_dyads(con, **options)

    def search(self, text: str, *, limit: int = 50, offset: int = 0, **filters: Any) -> pd.DataFrame:
        """Events whose sentence contains ``text`` (case-insensitive), paginated."""
        return self.events(text=text, limit=limit, offset=offset, **filters)
