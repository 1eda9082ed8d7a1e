"""JSON Lines reader (also a JSON array of objects), streamed line by line.

Why streamed: dumps run to gigabytes; memory stays at one record (capped by
``max_doc_chars``).  Every bad line becomes a reject with its line number; the rest
of the file is still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ladder.ingest.base import (
    ByteStream,
    Context,
    StreamBroken,
    iter_lines,
    looks_binary,
    read_bounded,
)
from ladder.ingest.fields import Mapping_, resolve, to_document
from ladder.types import Document


def _mapping(obj: dict[str, Any], ctx: Context) -> tuple[Mapping_, list[str]]:
    """Resolve keys once per distinct key set (records in a dump share their shape)."""
    cache: dict[tuple[str, ...], tuple[Mapping_, list[str]]] = ctx.cache.setdefault("keys", {})
    key = tuple(obj)
    got = cache.get(key)
    if got is None:
        if len(cache) > 256:
            cache.clear()
        got = cache[key] = resolve(list(obj), ctx.opts)
    return got


def _record(obj: Any, ctx: Context, where: str, default_id: str, raw: str) -> Document | None:
    if not isinstance(obj, dict):
        ctx.rep.reject(where, f"JSON value is {_kind(obj)}, not an object with a text field", raw)
        return None
    mapping, missing = _mapping(obj, ctx)
    if missing and mapping.keys["text"] is None:
        ctx.rep.reject(where, f"record has no {', '.join(missing)} key", raw)
        return None
    if mapping.title_as_text and not ctx.cache.get("title_warned"):
        ctx.cache["title_warned"] = True
        ctx.rep.warn(where, f"no text field; using {mapping.keys['text']!r} as the text")
    doc = to_document(obj, mapping, ctx, where, default_id)
    if isinstance(doc, str):
        ctx.rep.reject(where, doc, raw)
        return None
    return doc


def _kind(obj: Any) -> str:
    if obj is None:
        return "null"
    if isinstance(obj, bool):
        return "a boolean"
    if isinstance(obj, list):
        return "an array"
    return {"str": "a string", "int": "a number", "float": "a number"}.get(type(obj).__name__, "a value")


def read_jsonl(
    stream: ByteStream, ctx: Context, head: bytes = b"", start_offset: int = 0
) -> Iterator[Document]:
    """Yield documents from JSON Lines; ``head`` (the sniffed start) spots a JSON array."""
    if head.lstrip().startswith(b"["):
        yield from _read_array(stream, ctx, start_offset)
        return
    lines = iter_lines(stream, ctx.opts.limit, start_offset)
    try:
        for line in lines:
            where = f"{ctx.origin}:{line.number}"
            if line.data is None:
                ctx.rep.reject(where, ctx.too_long(line.size))
                continue
            if not line.data.strip():
                continue
            if looks_binary(line.data):
                ctx.rep.reject(where, "binary data, not a JSON record", line.data)
                continue
            text = ctx.decode(line.data, line.offset, where)
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                ctx.rep.reject(where, f"malformed JSON: {exc.msg} (column {exc.colno})", text)
                continue
            except RecursionError:
                ctx.rep.reject(where, "malformed JSON: nested too deeply", text)
                continue
            doc = _record(obj, ctx, where, f"{ctx.rel}:{line.number}", text)
            if doc is not None:
                yield doc
    except StreamBroken as broken:
        ctx.rep.reject(
            f"{ctx.origin}:{broken.lineno}",
            f"input ends early ({broken.cause or type(broken.cause).__name__}); "
            f"records from line {broken.lineno} on are lost",
            broken.partial or None,
        )


def _read_array(stream: ByteStream, ctx: Context, start_offset: int) -> Iterator[Document]:
    """A ``[{...}, {...}]`` file: read whole (bounded), records named ``#recordN``."""
    data_bytes = read_bounded(stream, ctx.opts.limit)
    if data_bytes is None:
        ctx.rep.reject(ctx.origin, ctx.too_long(None) + "; a JSON array is read whole, use JSON Lines")
        return
    text = ctx.decode(data_bytes, start_offset, ctx.origin)
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        ctx.rep.reject(ctx.origin, f"malformed JSON array: {exc}", text)
        return
    if not isinstance(data, list):
        ctx.rep.reject(ctx.origin, "JSON file is not an array of records", text)
        return
    for i, obj in enumerate(data, 1):
        where = f"{ctx.origin}#record{i}"
        raw = json.dumps(obj, ensure_ascii=False)[:20000]
        doc = _record(obj, ctx, where, f"{ctx.rel}#{i}", raw)
        if doc is not None:
            yield doc
