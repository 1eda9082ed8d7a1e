"""CSV/TSV reader with a header row, streamed row by row.

Why strict about ragged rows: a row with more fields than the header usually has an
unquoted delimiter inside the text, so its columns are shifted and the "text" cell is
wrong; it is rejected with its line number rather than coded as garbage.  A row with
fewer fields is fine as long as the text cell is there.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator

from ladder.ingest.base import ByteStream, Context, StreamBroken, iter_lines
from ladder.ingest.fields import resolve, to_document
from ladder.types import Document

_DELIMITERS = ",;\t|"


class _Lines:
    """Decoded lines for ``csv.reader``, remembering the physical line number."""

    def __init__(self, stream: ByteStream, ctx: Context, start_offset: int) -> None:
        self.ctx = ctx
        self.lineno = 0
        self.broken: StreamBroken | None = None
        self._lines = iter_lines(stream, ctx.opts.limit, start_offset)

    def __iter__(self) -> Iterator[str]:
        try:
            for line in self._lines:
                self.lineno = line.number
                where = f"{self.ctx.origin}:{line.number}"
                if line.data is None:
                    self.ctx.rep.reject(where, self.ctx.too_long(line.size))
                    yield "\n"
                    continue
                yield self.ctx.decode(line.data, line.offset, where)
        except StreamBroken as broken:
            self.broken = broken


def _sniff_delimiter(header: str, default: str) -> str:
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] and counts.get(default, 0) == 0 else default


def read_csv(
    stream: ByteStream, ctx: Context, delimiter: str, start_offset: int = 0
) -> Iterator[Document]:
    csv.field_size_limit(min(sys.maxsize, max(ctx.opts.limit, 131072)))
    lines = _Lines(stream, ctx, start_offset)
    source = iter(lines)
    header_line = next(source, None)
    if header_line is None or not header_line.strip():
        if lines.broken is None:
            ctx.rep.reject(ctx.origin, "no header row (the first line must name the columns)")
    else:
        delimiter = _sniff_delimiter(header_line, delimiter)
        yield from _rows(header_line, source, lines, ctx, delimiter)
    if lines.broken is not None:
        b = lines.broken
        ctx.rep.reject(
            f"{ctx.origin}:{b.lineno}",
            f"input ends early ({b.cause}); rows from line {b.lineno} on are lost",
            b.partial or None,
        )


def _rows(
    header_line: str, source: Iterator[str], lines: _Lines, ctx: Context, delimiter: str
) -> Iterator[Document]:
    try:
        header = [h.strip() for h in next(csv.reader([header_line], delimiter=delimiter))]
    except (csv.Error, StopIteration) as exc:
        ctx.rep.reject(f"{ctx.origin}:1", f"malformed CSV header: {exc}", header_line)
        return
    mapping, missing = resolve(header, ctx.opts)
    if mapping.keys["text"] is None:
        wanted = f"the column {missing[0].split(' ', 1)[1]}" if missing else "a text column"
        ctx.rep.reject(
            f"{ctx.origin}:1",
            f"no text column: looked for {wanted} (text, body, content, ...) but the header has "
            f"{', '.join(repr(h) for h in header[:20])}; name it with --text-col",
            header_line,
        )
        return
    if missing:
        ctx.rep.warn(ctx.origin, f"columns not found: {', '.join(missing)}; left empty")
    if mapping.title_as_text:
        ctx.rep.warn(ctx.origin, f"no text column; using {mapping.keys['text']!r} as the text")
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    end = 1
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            ctx.rep.reject(f"{ctx.origin}:{start}", f"malformed CSV: {exc}")
            end = lines.lineno
            continue
        end = lines.lineno
        where = f"{ctx.origin}:{start}"
        if not row or not any(cell.strip() for cell in row):
            continue
        raw = delimiter.join(row)
        if len(row) > len(header):
            ctx.rep.reject(
                where,
                f"ragged row: {len(row)} fields but the header has {len(header)} "
                "(an unquoted delimiter in the text?)",
                raw,
            )
            continue
        record = dict(zip(header, row, strict=False))
        if mapping.keys["text"] not in record:
            ctx.rep.reject(
                where,
                f"ragged row: {len(row)} fields, the text column {mapping.keys['text']!r} is missing",
                raw,
            )
            continue
        doc = to_document(record, mapping, ctx, where, f"{ctx.rel}:{start}")
        if isinstance(doc, str):
            ctx.rep.reject(where, doc, raw)
        else:
            yield doc
