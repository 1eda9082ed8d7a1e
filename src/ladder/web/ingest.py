"""Write side of the web app: the token check, uploaded files -> documents, the coder.

Why it is separate: everything that can change the store is here, behind
``require_token``.  Without a token set at start-up the store is opened
read-only and these endpoints answer 403; with one, a request must carry it
(``Authorization: Bearer <token>`` or ``X-Ladder-Token``), compared in constant time.
"""

from __future__ import annotations

import hmac
import json
import threading
from typing import Any

from fastapi import HTTPException, Request

from ladder.store_schema import document_key
from ladder.types import Document

#: Largest number of documents one upload may carry.
MAX_DOCS = 2000


def check_token(request: Request, given: str | None) -> None:
    """Raise 403 when ingest is off, 401 when the token is missing or wrong."""
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(403, "ingest is disabled: start the server with --token "
                                 "(or LADDER_TOKEN) to enable it")
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong token (send 'Authorization: Bearer <token>' "
                                 "or 'X-Ladder-Token: <token>')",
                            headers={"WWW-Authenticate": "Bearer"})


def token_from_headers(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-ladder-token")


def documents_from_upload(name: str, data: bytes, defaults: dict[str, Any]) -> list[Document]:
    """A .jsonl/.json file (one object with "text" per line, or an array) or plain text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HTTPException(415, f"{name}: not UTF-8 text (upload .txt, .jsonl or .json)") from None
    if "\x00" in text:
        raise HTTPException(415, f"{name}: looks binary (upload .txt, .jsonl or .json)")
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return _json_documents(name, text, defaults)
    if not text.strip():
        raise HTTPException(422, f"{name}: the file is empty")
    return [_document(text, defaults, {})]


def _json_documents(name: str, text: str, defaults: dict[str, Any]) -> list[Document]:
    stripped = text.lstrip()
    objs: list[Any]
    try:
        if stripped.startswith("["):
            objs = json.loads(stripped)
        else:
            objs = [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise HTTPException(422, f"{name}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    docs = []
    for i, obj in enumerate(objs, start=1):
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise HTTPException(422, f"{name}: record {i} has no string field 'text'")
        docs.append(_document(obj["text"], defaults, obj))
    if not docs:
        raise HTTPException(422, f"{name}: no records")
    if len(docs) > MAX_DOCS:
        raise HTTPException(413, f"{name}: {len(docs)} records; at most {MAX_DOCS} per upload")
    return docs


def _document(text: str, defaults: dict[str, Any], obj: dict[str, Any]) -> Document:
    def field(key: str) -> str | None:
        value = obj.get(key, defaults.get(key))
        return str(value) if value not in (None, "") else None

    return Document(id=field("id") or "", text=text, date=field("date"), outlet=field("outlet"),
                    url=field("url"), title=field("title"), origin="web upload")


class CoderHolder:
    """The real ``ladder.coder.Coder``, loaded on first use and used by one request at a time."""

    def __init__(self) -> None:
        self._coder: Any = None
        self._lock = threading.Lock()

    def code(self, docs: list[Document]) -> list[tuple[Document, list[Any]]]:
        with self._lock:
            if self._coder is None:
                try:
                    from ladder.coder import Coder

                    self._coder = Coder()
                except (ImportError, OSError) as exc:  # lexicons or model not installed
                    raise HTTPException(503, f"the coder cannot load: {exc}") from None
            return list(self._coder.code_documents(docs))


def ingest_documents(request: Request, docs: list[Document]) -> dict[str, Any]:
    """Code, store, re-cluster; returns counts and the ids of the stored events."""
    state = request.app.state
    coded = state.coder.code(docs)
    result = state.store.add(coded)
    ids: list[str] = []
    for key in dict.fromkeys(document_key(doc) for doc, _ in coded):
        _, rows = state.store.events_page({"doc_id": key}, 500, 0, order="event_id")
        ids.extend(r["event_id"] for r in rows)
    return {"documents": len(docs), "added": result["added"], "skipped": result["skipped"],
            "events": result["events"], "event_ids": ids}
