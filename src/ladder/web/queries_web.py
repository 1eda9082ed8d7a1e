"""The web app's access to the store: one lock, parameterised SQL, JSON-ready rows.

Why a wrapper and not ``Store`` directly: DuckDB refuses, inside one process, a
read-write connection while a read-only one is open on the same file (and vice
versa), and uvicorn serves requests from a thread pool.  Every store call here
goes through one lock, so an ingest never collides with a page being read.
Queries the store module does not offer (counts for pagination, the actor
table) are written here with ``?`` parameters only.
"""

from __future__ import annotations

import io
import math
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import pyarrow as pa

from ladder import analytics
from ladder.queries import events_sql
from ladder.store import FACT_STATUSES, Store
from ladder.types import Document, Event
from ladder.web.filters import FilterError

T = TypeVar("T")
#: Most periods one dyad series may have (a day series over 13 years).
MAX_PERIODS = 5000
PERIOD_DAYS = {"day": 1, "week": 7, "month": 31}
#: Seconds a read connection is kept open, then seconds without one (see ``_keep_alive``).
HOLD_S, REST_S = 1.0, 0.5

#: The relation each dedup mode reads (the store's views; see ``ladder.dedup``).
VIEWS = {"none": "events", "cluster": "canonical_events", "one-a-day": "one_a_day_events"}

#: Columns of an event row in lists (the full JSON stays on the event endpoint).
LIST_COLUMNS = [
    "event_id", "doc_id", "date", "source_code", "source_country", "source_name", "target_code",
    "target_country", "target_name", "cameo", "cameo_root", "plover", "plover_mode", "goldstein",
    "quad_class", "status", "speaker", "outlet", "doc_outlet", "trigger", "score", "sentence",
    "url", "title", "cluster_id", "n_mentions", "n_sources", "n_articles",
]


def _clean(value: Any) -> Any:
    """numpy/pandas scalars -> plain JSON values (NaN/NaT -> None, dates -> ISO)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def records(df: pd.DataFrame, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-ready dicts (only ``columns`` that exist, in that order)."""
    cols = [c for c in (columns or list(df.columns)) if c in df.columns]
    return [{c: _clean(v) for c, v in zip(cols, row, strict=True)}
            for row in df[cols].itertuples(index=False, name=None)]


def _range_cond(start: date | None, end: date | None) -> tuple[str, list[Any]]:
    """WHERE text (fixed) and parameters for factual events in a date range."""
    marks = ", ".join("?" for _ in FACT_STATUSES)
    cond, params = [f"e.status IN ({marks})"], list(FACT_STATUSES)
    if start:
        cond.append("e.date >= CAST(? AS DATE)")
        params.append(start.isoformat())
    if end:
        cond.append("e.date <= CAST(? AS DATE)")
        params.append(end.isoformat())
    return " AND ".join(cond), params


class WebStore:
    """Serialised, read-mostly access to one store file."""

    def __init__(self, path: str | Path, *, writable: bool = False) -> None:
        self.path = Path(path)
        self.writable = writable
        self.store = Store(path, read_only=not writable, lock_timeout=10.0)
        self._lock = threading.RLock()
        self._memo: dict[str, tuple[tuple[int, ...], Any]] = {}
        self._held: AbstractContextManager[Any] | None = None
        self._held_since = self._released_at = 0.0
        self.writing = False

    def _locked(self, fn: Callable[[], T]) -> T:
        with self._lock:
            self._keep_alive()
            return fn()

    def _keep_alive(self) -> None:
        """Hold one read connection for up to ``HOLD_S`` so a page's queries open fast.

        While any connection of this process is open, DuckDB reuses the opened database,
        so the store's short-lived connections cost ~0.3 ms instead of ~25 ms.  After
        ``HOLD_S`` it is closed and none is held for ``REST_S``, so another process
        (``ladder ingest``) retrying for the write lock gets in.
        """
        now = time.monotonic()
        if self._held is not None and now - self._held_since > HOLD_S:
            self._release()
        if self._held is None and now - self._released_at > REST_S and not self.writing:
            cm = self.store.connect()
            cm.__enter__()
            self._held, self._held_since = cm, now
            timer = threading.Timer(HOLD_S + 0.05, self._expire)
            timer.daemon = True
            timer.start()

    def _expire(self) -> None:
        with self._lock:
            if self._held is not None and time.monotonic() - self._held_since >= HOLD_S:
                self._release()

    def _release(self) -> None:
        if self._held is not None:
            cm, self._held = self._held, None
            self._released_at = time.monotonic()
            cm.__exit__(None, None, None)

    def close(self) -> None:
        with self._lock:
            self._release()

    def _file_key(self) -> tuple[int, ...]:
        """Changes whenever the store file or its write-ahead log changes (any process)."""
        key: list[int] = []
        for p in (self.store.path, self.store.path.with_name(self.store.path.name + ".wal")):
            try:
                st = p.stat()
                key += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                key += [0, 0]
        return tuple(key)

    def _cached(self, name: str, fn: Callable[[], T]) -> T:
        """Small facts (counts, date range) asked by every page, re-read only after a write."""
        key = self._file_key()
        hit = self._memo.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]  # type: ignore[no-any-return]
        value = self._locked(fn)
        self._memo[name] = (key, value)
        return value

    # -- basics ------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return dict(self._cached("counts", self.store.counts))

    def resolve_dedup(self, mode: str) -> str:
        """``auto`` means clusters when ``ladder dedup`` has run, else every event."""
        if mode != "auto":
            return mode
        return "cluster" if self.counts().get("clusters", 0) > 0 else "none"

    def date_range(self) -> tuple[date | None, date | None]:
        def run() -> tuple[date | None, date | None]:
            with self.store.connect() as con:
                row = con.execute("SELECT min(date), max(date) FROM events").fetchone()
            return (row[0], row[1]) if row else (None, None)
        return self._cached("date_range", run)

    # -- events ------------------------------------------------------------------------
    def events_page(self, filters: dict[str, Any], limit: int, offset: int,
                    order: str = "-date") -> tuple[int, list[dict[str, Any]]]:
        """(total matching, one page of rows) for the filters of ``ladder.queries``."""
        sql, params = events_sql(**filters, order=order)
        page_sql, page_params = events_sql(**filters, order=order, limit=limit, offset=offset)

        def run() -> tuple[int, list[dict[str, Any]]]:
            with self.store.connect() as con:
                row = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()
                df = con.execute(page_sql, page_params).df()
            return (int(row[0]) if row else 0), records(df, LIST_COLUMNS)
        return self._locked(run)

    def events_frame(self, filters: dict[str, Any]) -> pd.DataFrame:
        return self._locked(lambda: self.store.events(**filters))

    def export(self, filters: dict[str, Any], fmt: str, limit: int | None) -> bytes:
        """The filtered events as CSV or Parquet bytes (all store columns)."""
        sql, params = events_sql(**filters, order="date", limit=limit)

        def run() -> pa.Table:
            with self.store.connect() as con:
                return con.sql(sql, params=params).to_arrow_table()
        table = self._locked(run)
        buf = io.BytesIO()
        if fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(table, buf)
        else:
            import pyarrow.csv as pacsv

            pacsv.write_csv(table, buf)
        return buf.getvalue()

    def event(self, event_id: str) -> dict[str, Any] | None:
        return self._locked(lambda: self.store.event(event_id))

    # -- dyads, actors, alerts -----------------------------------------------------------
    def top_dyads(self, start: date | None, end: date | None, limit: int,
                  dedup: str) -> list[dict[str, Any]]:
        """Undirected country dyads ranked by conflict events (quad 3+4) in a date range.

        As ``ladder.queries.top_dyads`` (same ranking) but with an end date too.
        """
        cond, params = _range_cond(start, end)
        sql = f"""
          SELECT least(source_country, target_country) AS a,
                 greatest(source_country, target_country) AS b,
                 count(*) FILTER (WHERE quad_class >= 3) AS conflict_events,
                 count(*) AS events, sum(goldstein) AS goldstein_sum, max(date) AS last_date
          FROM {VIEWS[dedup]} e
          WHERE source_country IS NOT NULL AND target_country IS NOT NULL
            AND source_country <> target_country AND {cond}
          GROUP BY 1, 2 ORDER BY conflict_events DESC, goldstein_sum ASC, a, b LIMIT ?"""
        return records(self._read(sql, [*params, int(limit)]))

    def _read(self, sql: str, params: list[Any]) -> pd.DataFrame:
        def run() -> pd.DataFrame:
            with self.store.connect() as con:
                return con.execute(sql, params).df()
        return self._locked(run)

    def actor_table(self, start: date | None, end: date | None, dedup: str,
                    limit: int) -> list[dict[str, Any]]:
        """Per country: events as source / target, conflict share, mean Goldstein."""
        cond, params = _range_cond(start, end)
        sql = f"""
          WITH sides AS (
            SELECT source_country AS country, 'source' AS role, quad_class, goldstein
            FROM {VIEWS[dedup]} e WHERE source_country IS NOT NULL AND {cond}
            UNION ALL
            SELECT target_country, 'target', quad_class, goldstein
            FROM {VIEWS[dedup]} e WHERE target_country IS NOT NULL AND {cond})
          SELECT country,
                 count(*) FILTER (WHERE role = 'source') AS as_source,
                 count(*) FILTER (WHERE role = 'target') AS as_target,
                 count(*) FILTER (WHERE quad_class >= 3) AS conflict,
                 count(*) FILTER (WHERE quad_class <= 2) AS cooperation,
                 round(avg(goldstein), 2) AS goldstein_mean
          FROM sides GROUP BY country
          ORDER BY as_source + as_target DESC, country LIMIT ?"""
        return records(self._read(sql, [*params, *params, int(limit)]))

    def dyad_series(self, a: str, b: str, by: str, start: date | None, end: date | None,
                    dedup: str) -> pd.DataFrame:
        """Per-period series for A->B, B->A and A<->B (``ladder.analytics.dyad_series``)."""
        filters: dict[str, Any] = {"dyad": (a, b), "directed": False, "dedup": dedup,
                                   "status": list(FACT_STATUSES)}
        if start:
            filters["start"] = start.isoformat()
        if end:
            filters["end"] = end.isoformat()
        df = self.events_frame(filters)
        dated = pd.to_datetime(df["date"]).dropna() if len(df) else pd.Series(dtype="datetime64[ns]")
        if dated.empty:
            return pd.DataFrame(columns=["direction", *analytics.SERIES_COLUMNS])
        # zero periods outside the data say nothing: clamp the range to the dyad's events
        lo, hi = dated.min().date(), dated.max().date()
        lo, hi = max(start, lo) if start else lo, min(end, hi) if end else hi
        if lo > hi:
            return pd.DataFrame(columns=["direction", *analytics.SERIES_COLUMNS])
        if (hi - lo).days > MAX_PERIODS * PERIOD_DAYS[by]:
            raise FilterError("by", f"{a}-{b} has events over {(hi - lo).days} days: too many "
                                    f"{by}s for one series (at most {MAX_PERIODS}); use a coarser "
                                    "`by` or a shorter start-end range")
        return analytics.dyad_series(df, a, b, by, start=lo.isoformat(), end=hi.isoformat())

    def alerts(self, since: date, by: str, dedup: str, lookback_days: int = 400) -> list[dict[str, Any]]:
        """Escalation alerts since a date (``ladder.analytics.alerts``) over recent history."""
        df = self.events_frame({"dedup": dedup, "status": list(FACT_STATUSES),
                                "start": (since - timedelta(days=lookback_days)).isoformat()})
        if df.empty:
            return []
        return records(analytics.alerts(df, since.isoformat(), by=by))

    # -- writing -----------------------------------------------------------------------
    def add(self, items: list[tuple[Document, list[Event]]]) -> dict[str, int]:
        """Store coded documents and re-cluster; returns what was added."""
        with self._lock:  # a write connection may not coexist with a read one in-process
            self._release()
            self.writing = True
            try:
                res = self.store.add_documents(items)
                dedup = self.store.dedup() if res.added else {}
            finally:
                self.writing = False
        return {"added": res.added, "skipped": res.skipped, "events": res.events,
                "clusters": int(dedup.get("clusters", 0))}
