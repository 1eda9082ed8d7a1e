"""``read_documents``: every input, every format, one stream of Documents.

Why a generator with callbacks: the coder consumes documents as they come (bounded
memory), while rejects and warnings go to the caller (the CLI writes
``--rejects rejects.jsonl`` and sets the exit status).  Nothing here raises for bad
input: a bad record, file or archive member becomes a reject and reading goes on.
"""

from __future__ import annotations

import codecs
import lzma
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ladder.ingest.archives import decompress, decompressor, zip_members
from ladder.ingest.base import ByteStream, Context, ReadOptions, Rejected, Reporter, looks_binary
from ladder.ingest.csvfmt import read_csv
from ladder.ingest.detect import (
    Utf16ToUtf8,
    binary_kind,
    by_content,
    by_extension,
    peek,
    strip_compression,
)
from ladder.ingest.feeds import read_feed
from ladder.ingest.html import read_html
from ladder.ingest.jsonl import read_jsonl
from ladder.ingest.sources import Source, expand_inputs
from ladder.ingest.text import read_text
from ladder.ingest.warc import read_warc
from ladder.types import Document

_MAX_NESTING = 3  # gzip inside zip inside gzip is plenty


def read_documents(
    inputs: Sequence[str | Path],
    opts: ReadOptions | None = None,
    on_reject: Callable[[Rejected], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[Document]:
    """Yield a Document for every good record in ``inputs`` (files, directories, ``-``).

    Bad records/files are passed to ``on_reject`` (``Rejected(origin, reason, raw)``),
    problems that lose nothing (invalid UTF-8 replaced, unparseable date) to
    ``on_warning``.  Never raises for bad input.
    """
    opts = opts or ReadOptions()
    if opts.input_format is not None and opts.input_format not in _READERS:
        raise ValueError(f"unknown input format {opts.input_format!r}; use one of {', '.join(_READERS)}")
    rep = Reporter(on_reject, on_warning)
    for source in expand_inputs(inputs, rep):
        yield from _read_source(source, opts, rep, 0)


def _read_source(source: Source, opts: ReadOptions, rep: Reporter, depth: int) -> Iterator[Document]:
    try:
        stream = source.opener()
    except OSError as exc:
        rep.reject(source.origin, f"cannot read: {exc.strerror or exc}")
        return
    try:
        yield from _read_stream(source, stream, opts, rep, depth)
    finally:
        if source.closes:
            stream.close()


def _read_stream(
    source: Source, stream: ByteStream, opts: ReadOptions, rep: Reporter, depth: int
) -> Iterator[Document]:
    ctx = Context(source.origin, source.rel, opts, rep)
    try:
        head, peeked = peek(stream)
    except _STREAM_ERRORS as exc:  # unreadable file, damaged compressed stream
        rep.reject(source.origin, f"cannot read: {_describe(exc)}")
        return
    if not head:
        rep.reject(source.origin, "empty file: no documents")
        return
    packed = decompressor(head)
    if packed == "zip" and not source.name.lower().endswith(".zip") and not _is_zip(source):
        packed = None  # e.g. a JSONL file whose first (junk) line starts with "PK\x03\x04"
    if packed is not None and depth < _MAX_NESTING:
        if packed == "zip":
            for member in zip_members(source, peeked, rep):
                yield from _read_source(member, opts, rep, depth + 1)
            return
        inner = Source(source.origin, source.rel, strip_compression(source.name), source.opener)
        yield from _read_stream(inner, decompress(packed, peeked), opts, rep, depth + 1)
        return

    start = 0
    stream_in: ByteStream = peeked
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
        start = 3
        peeked.read(3)
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        stream_in = Utf16ToUtf8(peeked, "utf-16")
        head, stream_in = peek(stream_in)
        head = head.removeprefix(codecs.BOM_UTF8)
        rep.warn(source.origin, "UTF-16 file; converted to UTF-8 (byte offsets refer to the UTF-8 text)")

    fmt = opts.input_format or by_extension(source.name) or by_content(head)
    if fmt is None or (fmt == "txt" and opts.input_format is None):
        kind = binary_kind(head)
        if kind or (fmt is None and looks_binary(head)):
            rep.reject(source.origin, f"binary file ({kind or 'not text'}); not a supported format", head[:64].hex(" "))
            return
        fmt = fmt or "txt"
    try:
        yield from _READERS[fmt](stream_in, ctx, head, start)
    except _STREAM_ERRORS as exc:  # e.g. a truncated gzip under a whole-file format
        rep.reject(source.origin, f"reading stopped: {_describe(exc)}")


def _is_zip(source: Source) -> bool:
    """A file not named .zip is a zip only if it opens as one with members in it."""
    if source.path is None:
        return True  # cannot look at the end of a stream; try it as a zip
    try:
        with zipfile.ZipFile(source.path) as archive:
            members = archive.infolist()
            return bool(members) and members[0].header_offset == 0
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False


#: Failures of the input itself (not of our code): they end one file, never the run.
_STREAM_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError, zipfile.BadZipFile, UnicodeError)


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, EOFError):
        return f"the compressed file is truncated ({text})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return text


def _txt(s: ByteStream, ctx: Context, head: bytes, start: int) -> Iterator[Document]:
    return read_text(s, ctx, start)


def _jsonl(s: ByteStream, ctx: Context, head: bytes, start: int) -> Iterator[Document]:
    return read_jsonl(s, ctx, head, start)


def _csv(s: ByteStream, ctx: Context, head: bytes, start: int) -> Iterator[Document]:
    return read_csv(s, ctx, ",", start)


def _tsv(s: ByteStream, ctx: Context, head: bytes, start: int) -> Iterator[Document]:
    return read_csv(s, ctx, "\t", start)


def _html(s: ByteStream, ctx: Context, head: bytes, start: int) -> Iterator[Document]:
    return read_html(s, ctx)


def _rss(s: ByteStream, ctx: Context, head: bytes, start: int) -> Iterator[Document]:
    return read_feed(s, ctx)


def _warc(s: ByteStream, ctx: Context, head: bytes, start: int) -> Iterator[Document]:
    return read_warc(s, ctx)


_READERS: dict[str, Callable[[ByteStream, Context, bytes, int], Iterator[Document]]] = {
    "txt": _txt,
    "jsonl": _jsonl,
    "csv": _csv,
    "tsv": _tsv,
    "html": _html,
    "rss": _rss,
    "warc": _warc,
}
