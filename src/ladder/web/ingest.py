"""Write side of the web app: the token check, uploaded files -> documents, the coder.

Why it is separate: everything that can change the store is here, behind
``require_token``.  Without a token set at start-up the store is opened
read-only and these endpoints answer 403; with one, a request must carry it
(``Authorization: Bearer <token>`` or ``X-Ladder-Token``), compared in constant time.
"""

from __future__ import annotations

import hmac
import json
import re
import threading
from datetime import date
from typing import Any

from fastapi import HTTPException, Request

from ladder.store_schema import document_key
from ladder.types import Document
from ladder.web.filters import DATE_PATTERN, FilterError

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


def _bad(field: str, msg: str) -> FilterError:
    """A 422 in FastAPI's validation-error shape, located in the request body."""
    return FilterError(field, msg, None, "body")


def documents_from_upload(name: str, data: bytes, defaults: dict[str, Any],
                          field: str = "file") -> list[Document]:
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
        raise _bad(field, f"{name}: no text")
    return [_document(text, defaults, {}, name)]


def _json_documents(name: str, text: str, defaults: dict[str, Any]) -> list[Document]:
    stripped = text.lstrip()
    objs: list[Any] = []
    try:
        if stripped.startswith("["):
            objs = json.loads(stripped)
        else:
            for n, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    try:
                        objs.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise _bad("file", f"{name}: invalid JSON at line {n}: {exc.msg}") from None
    except json.JSONDecodeError as exc:
        raise _bad("file", f"{name}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    if not isinstance(objs, list):
        raise _bad("file", f"{name}: expected a JSON array of records or JSON lines")
    docs = []
    for i, obj in enumerate(objs, start=1):
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise _bad("file", f"{name}: record {i} has no string field 'text'")
        docs.append(_document(obj["text"], defaults, obj, f"{name}: record {i}"))
    if not docs:
        raise _bad("file", f"{name}: no records")
    if len(docs) > MAX_DOCS:
        raise HTTPException(413, f"{name}: {len(docs)} records; at most {MAX_DOCS} per upload")
    return docs


def _document(text: str, defaults: dict[str, Any], obj: dict[str, Any], where: str) -> Document:
    def field(key: str) -> str | None:
        value = obj.get(key, defaults.get(key))
        return str(value) if value not in (None, "") else None

    day = field("date")
    if day is not None:
        try:
            ok = re.fullmatch(DATE_PATTERN, day[:10]) is not None and bool(date.fromisoformat(day[:10]))
        except ValueError:
            ok = False
        if not ok:
            raise _bad("date", f"{where}: date {day!r} is not YYYY-MM-DD in 1800-2199")
    return Document(id=field("id") or "", text=text, date=day, outlet=field("outlet"),
                    url=field("url"), title=field("title"), origin="web upload")


class CoderHolder:
    """The real ``ladder.coder.Coder``, loaded on first use and used by one request at a time."""

    def __init__(self, use_classifier: bool = True) -> None:
        self.use_classifier = use_classifier
        self._coder: Any = None
        self._lock = threading.Lock()

    def code(self, docs: list[Document]) -> list[tuple[Document, list[Any]]]:
        with self._lock:
            try:
                if self._coder is None:
                    from ladder.coder import Coder

                    self._coder = Coder(use_classifier=self.use_classifier)
                return list(self._coder.code_documents(docs))
            except (ImportError, OSError) as exc:  # lexicons or the model are not installed
                hint = " (or start the server with --no-classifier)" if self.use_classifier else ""
                raise HTTPException(503, f"the coder cannot load: {exc}{hint}") from None


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
