"""Plain text: one file is one document, its id the path relative to the input root.

Why one document per file: analysts save articles one per file; splitting on blank
lines would cut articles into paragraphs and lose the shared date/outlet context.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladder.ingest.base import ByteStream, Context, looks_binary, read_bounded
from ladder.types import Document


def read_text(stream: ByteStream, ctx: Context, start_offset: int = 0) -> Iterator[Document]:
    data = read_bounded(stream, ctx.opts.limit)
    if data is None:
        ctx.rep.reject(ctx.origin, ctx.too_long(None))
        return
    if looks_binary(data[:8192]):
        ctx.rep.reject(ctx.origin, "binary file, not text", data[:200])
        return
    text = ctx.decode(data, start_offset, ctx.origin).strip()
    if not text:
        ctx.rep.reject(ctx.origin, "empty document (only whitespace)")
        return
    yield Document(
        id=ctx.rep.claim_id(ctx.rel, ctx.origin, generated=True),
        text=text,
        origin=ctx.origin,
    )
