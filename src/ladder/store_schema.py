"""Schema of the event store and the mapping from Event/Document to rows.

Why separate from ``store.py``: the table layout (one flat column per queried
field of ``Event.to_dict()`` plus the full JSON) is the store's contract with
users' SQL, exports and the web app, and is easier to review on its own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from ladder.types import Actor, Document, Event

SCHEMA_VERSION = 1

DOC_COLS: list[tuple[str, str, pa.DataType]] = [
    ("doc_id", "VARCHAR PRIMARY KEY", pa.string()),
    ("content_hash", "VARCHAR NOT NULL", pa.string()),
    ("date", "DATE", pa.date32()),
    ("outlet", "VARCHAR", pa.string()),
    ("url", "VARCHAR", pa.string()),
    ("title", "VARCHAR", pa.string()),
    ("origin", "VARCHAR", pa.string()),
    ("text", "VARCHAR", pa.string()),
    ("n_events", "INTEGER", pa.int32()),
    ("ingested_at", "TIMESTAMP", pa.timestamp("us")),
]

EVENT_COLS: list[tuple[str, str, pa.DataType]] = [
    ("event_id", "VARCHAR PRIMARY KEY", pa.string()),
    ("doc_id", "VARCHAR NOT NULL", pa.string()),
    ("sentence_index", "INTEGER", pa.int32()),
    ("source_code", "VARCHAR", pa.string()),
    ("source_country", "VARCHAR", pa.string()),
    ("source_sector", "VARCHAR", pa.string()),
    ("source_text", "VARCHAR", pa.string()),
    ("source_name", "VARCHAR", pa.string()),
    ("target_code", "VARCHAR", pa.string()),
    ("target_country", "VARCHAR", pa.string()),
    ("target_sector", "VARCHAR", pa.string()),
    ("target_text", "VARCHAR", pa.string()),
    ("target_name", "VARCHAR", pa.string()),
    ("cameo", "VARCHAR NOT NULL", pa.string()),
    ("cameo_root", "VARCHAR NOT NULL", pa.string()),
    ("plover", "VARCHAR", pa.string()),
    ("plover_mode", "VARCHAR", pa.string()),
    ("goldstein", "DOUBLE", pa.float64()),
    ("quad_class", "INTEGER", pa.int32()),
    ("date", "DATE", pa.date32()),
    ("status", "VARCHAR", pa.string()),
    ("speaker", "VARCHAR", pa.string()),
    ("outlet", "VARCHAR", pa.string()),
    ("anonymous", "BOOLEAN", pa.bool_()),
    ("trigger", "VARCHAR", pa.string()),
    ("why", "VARCHAR", pa.string()),
    ("score", "DOUBLE", pa.float64()),
    ("spans", "JSON", pa.string()),
    ("sentence", "VARCHAR", pa.string()),
    ("json", "JSON", pa.string()),
]

SENT_COLS: list[tuple[str, str, pa.DataType]] = [
    ("doc_id", "VARCHAR NOT NULL", pa.string()),
    ("sentence_index", "INTEGER NOT NULL", pa.int32()),
    ("text", "VARCHAR", pa.string()),
    ("span_start", "INTEGER", pa.int32()),
    ("span_end", "INTEGER", pa.int32()),
]

ACTOR_COLS: list[tuple[str, str, pa.DataType]] = [
    ("event_id", "VARCHAR NOT NULL", pa.string()),
    ("doc_id", "VARCHAR NOT NULL", pa.string()),
    ("role", "VARCHAR NOT NULL", pa.string()),
    ("code", "VARCHAR", pa.string()),
    ("country", "VARCHAR", pa.string()),
    ("sector", "VARCHAR", pa.string()),
    ("text", "VARCHAR", pa.string()),
    ("name", "VARCHAR", pa.string()),
    ("span_start", "INTEGER", pa.int32()),
    ("span_end", "INTEGER", pa.int32()),
    ("why", "VARCHAR", pa.string()),
]


def _ddl(table: str, cols: list[tuple[str, str, pa.DataType]], extra: str = "") -> str:
    body = ",\n  ".join(f'"{n}" {t}' for n, t, _ in cols)
    return f"CREATE TABLE IF NOT EXISTS {table} (\n  {body}{extra}\n)"


#: Version -> statements that bring a store from version-1 to version.
MIGRATIONS: dict[int, list[str]] = {
    1: [
        _ddl("documents", DOC_COLS),
        _ddl("events", EVENT_COLS),
        _ddl("sentences", SENT_COLS, ",\n  PRIMARY KEY (doc_id, sentence_index)"),
        _ddl("actors", ACTOR_COLS),
        """CREATE TABLE IF NOT EXISTS clusters (
  cluster_id VARCHAR PRIMARY KEY, canonical_event_id VARCHAR NOT NULL,
  block VARCHAR NOT NULL, date DATE, last_date DATE,
  n_mentions INTEGER, n_sources INTEGER, n_articles INTEGER)""",
        """CREATE TABLE IF NOT EXISTS mentions (
  event_id VARCHAR PRIMARY KEY, cluster_id VARCHAR NOT NULL, similarity DOUBLE)""",
        """CREATE OR REPLACE VIEW canonical_events AS
  SELECT e.*, c.cluster_id, c.n_mentions, c.n_sources, c.n_articles,
         c.date AS first_date, c.last_date
  FROM clusters c JOIN events e ON e.event_id = c.canonical_event_id""",
        """CREATE OR REPLACE VIEW one_a_day_events AS
  SELECT * FROM events
  QUALIFY row_number() OVER (
    PARTITION BY date, coalesce(source_code, ''), coalesce(target_code, ''), cameo
    ORDER BY event_id) = 1""",
    ],
}


def content_hash(text: str) -> str:
    """sha256 of the whitespace-normalised text: the key of a document without id."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def document_key(doc: Document) -> str:
    """The store's id for a document: its own id, else ``sha256:<first 24 hex>``."""
    return doc.id if doc.id else "sha256:" + content_hash(doc.text)[:24]


def as_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _span(span: Sequence[int] | None) -> tuple[int | None, int | None]:
    return (int(span[0]), int(span[1])) if span else (None, None)


def _actor_fields(prefix: str, actor: Actor | None) -> dict[str, Any]:
    return {
        f"{prefix}_code": actor.code if actor else None,
        f"{prefix}_country": actor.country if actor else None,
        f"{prefix}_sector": actor.sector if actor else None,
        f"{prefix}_text": actor.text if actor else None,
        f"{prefix}_name": actor.name if actor else None,
    }


def event_row(event_id: str, doc_key: str, doc: Document, ev: Event) -> dict[str, Any]:
    d = ev.to_dict()
    d["doc_id"] = doc_key
    d["event_id"] = event_id
    spans = {
        "sentence": list(ev.span),
        "source": d["evidence"]["source_span"],
        "target": d["evidence"]["target_span"],
        "trigger": d["evidence"]["trigger_span"],
        "attribution": d["evidence"]["attribution_span"],
    }
    return {
        "event_id": event_id,
        "doc_id": doc_key,
        "sentence_index": ev.sentence_index,
        **_actor_fields("source", ev.source),
        **_actor_fields("target", ev.target),
        "cameo": ev.cameo,
        "cameo_root": ev.cameo_root,
        "plover": ev.plover,
        "plover_mode": ev.plover_mode,
        "goldstein": float(ev.goldstein),
        "quad_class": int(ev.quad_class),
        "date": as_date(ev.date) or as_date(doc.date),
        "status": ev.status,
        "speaker": ev.attribution.speaker,
        "outlet": ev.attribution.outlet,
        "anonymous": bool(ev.attribution.anonymous),
        "trigger": ev.trigger,
        "why": ev.why,
        "score": float(ev.score),
        "spans": json.dumps(spans),
        "sentence": ev.sentence,
        "json": json.dumps(d, ensure_ascii=False),
    }


def actor_rows(event_id: str, doc_key: str, ev: Event) -> list[dict[str, Any]]:
    rows = []
    speaker = ev.attribution.speaker_actor
    for role, actor in (("source", ev.source), ("target", ev.target), ("speaker", speaker)):
        if actor is None:
            continue
        start, end = _span(actor.span)
        rows.append({
            "event_id": event_id, "doc_id": doc_key, "role": role, "code": actor.code,
            "country": actor.country, "sector": actor.sector, "text": actor.text,
            "name": actor.name, "span_start": start, "span_end": end, "why": actor.why,
        })
    return rows


def arrow_table(rows: list[dict[str, Any]], cols: list[tuple[str, str, pa.DataType]]) -> pa.Table:
    schema = pa.schema([(n, t) for n, _, t in cols])
    return pa.Table.from_pylist(rows, schema=schema)


@dataclass
class DocumentRows:
    """Rows of every table for one coded document (store batches, Dask partitions)."""

    document: dict[str, Any]
    events: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    sentences: list[dict[str, Any]]


def document_rows(doc: Document, evs: Sequence[Event], now: datetime) -> DocumentRows:
    """One document and its events as table rows; event ids are ``<doc key>#<k>``."""
    key = document_key(doc)
    out = DocumentRows(
        document={
            "doc_id": key, "content_hash": content_hash(doc.text), "date": as_date(doc.date),
            "outlet": doc.outlet, "url": doc.url, "title": doc.title, "origin": doc.origin,
            "text": doc.text, "n_events": len(evs), "ingested_at": now,
        },
        events=[], actors=[], sentences=[],
    )
    seen_sent: set[int] = set()
    for k, ev in enumerate(evs):
        eid = f"{key}#{k}"
        out.events.append(event_row(eid, key, doc, ev))
        out.actors.extend(actor_rows(eid, key, ev))
        if ev.sentence_index not in seen_sent:
            seen_sent.add(ev.sentence_index)
            out.sentences.append({
                "doc_id": key, "sentence_index": ev.sentence_index, "text": ev.sentence,
                "span_start": ev.span[0], "span_end": ev.span[1],
            })
    return out
