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
    read_upto,
)
from ladder.ingest.detect import Peeked
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
    """Yield documents from JSON Lines; ``head`` (the sniffed start) spots a JSON array.

    A file starting with ``[`` is tried as one JSON array (read whole, bounded); if it
    is not one, it is read as JSON Lines after all, so a junk first line costs nothing.
    """
    if head.lstrip().startswith(b"["):
        data, complete = read_upto(stream, ctx.opts.limit)
        if complete:
            records = _parse_array(data, ctx, start_offset)
            if records is not None:
                yield from _array_documents(records, ctx)
                return
        else:
            ctx.rep.warn(
                ctx.origin,
                "starts with '[' but is too large to read as one JSON array; reading it as JSON Lines",
            )
        stream = Peeked(data, stream)
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


def _parse_array(data: bytes, ctx: Context, start_offset: int) -> list[Any] | None:
    try:
        parsed = json.loads(data.decode("utf-8", errors="replace"))
    except (json.JSONDecodeError, RecursionError) as exc:
        ctx.rep.warn(ctx.origin, f"not a valid JSON array ({exc}); reading it as JSON Lines")
        return None
    if not isinstance(parsed, list):
        return None
    ctx.decode(data, start_offset, ctx.origin)  # warn about invalid UTF-8, with offset
    return parsed


def _array_documents(records: list[Any], ctx: Context) -> Iterator[Document]:
    """Records of a ``[{...}, {...}]`` file, named ``file#recordN``."""
    for i, obj in enumerate(records, 1):
        where = f"{ctx.origin}#record{i}"
        raw = json.dumps(obj, ensure_ascii=False)[:20000]
        doc = _record(obj, ctx, where, f"{ctx.rel}#{i}", raw)
        if doc is not None:
            yield doc
