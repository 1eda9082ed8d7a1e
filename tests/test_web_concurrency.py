"""A busy server must not lock out another process writing the store (``ladder ingest``)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
from web_support import SPECS, LiveServer, build, make_store

from ladder.store import Store


def test_writer_gets_in_while_the_server_is_busy(tmp_path: Path) -> None:
    db = make_store(tmp_path / "events.duckdb")
    statuses: list[int] = []
    stop = threading.Event()
    with LiveServer(db) as srv:
        before = httpx.get(srv.url + "/api/stats").json()["counts"]["documents"]

        def hammer() -> None:
            with httpx.Client(base_url=srv.url, timeout=60) as client:
                while not stop.is_set():
                    statuses.append(client.get("/api/events", params={"limit": 5}).status_code)

        readers = [threading.Thread(target=hammer) for _ in range(2)]
        for t in readers:
            t.start()
        time.sleep(1.5)  # the server is now serving back-to-back requests
        store = Store(db, lock_timeout=30)
        result = store.add_documents([build(SPECS[0], "from-another-process")])
        time.sleep(0.5)
        stop.set()
        for t in readers:
            t.join()
        after = httpx.get(srv.url + "/api/stats").json()["counts"]["documents"]
    assert result.added == 1
    assert after == before + 1  # the server sees the write (its cached counts were refreshed)
    assert len(statuses) > 20 and set(statuses) == {200}
