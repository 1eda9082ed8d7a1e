"""Shared pieces of the readers: options, reject/warning records, decoding, line splitting.

Why one place: every format must report problems the same way (origin ``file:line`` or
``file#entryN``, a reason, the raw text) and must decode bytes the same way (UTF-8 with
replacement, a warning naming the byte offset), so a user reading ``rejects.jsonl``
never has to learn per-format conventions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

#: Formats a user can name with ``--input-format``.
FORMATS = ("txt", "jsonl", "csv", "tsv", "html", "rss", "warc")

#: Default cap on one record (a line, a file, an entry): 50 million characters, and the
#: same number of raw bytes for a line or file.  Larger records are rejected, not read,
#: so one runaway line cannot exhaust memory.
DEFAULT_MAX_DOC_CHARS = 50_000_000

#: How much of a rejected record is kept in ``Rejected.raw``.
RAW_KEEP_CHARS = 10_000

#: Per-file cap on repeated warnings of one kind (invalid UTF-8, bad dates, ...).
WARNINGS_PER_KIND = 5

_CHUNK = 1 << 20


class ByteStream(Protocol):
    """What the readers need from an input: ``read`` (files, gzip, zip members, stdin)."""

    def read(self, size: int = -1, /) -> bytes: ...


@dataclass
class ReadOptions:
    """How to read inputs; every field optional (``None`` = auto-detect / default).

    ``*_col`` name the column (CSV/TSV) or key (JSONL) holding each field; they
    override the built-in candidate lists (``text``, ``body``, ``content`` ...).
    """

    input_format: str | None = None
    id_col: str | None = None
    text_col: str | None = None
    date_col: str | None = None
    outlet_col: str | None = None
    url_col: str | None = None
    title_col: str | None = None
    max_doc_chars: int | None = None

    @property
    def limit(self) -> int:
        return self.max_doc_chars if self.max_doc_chars else DEFAULT_MAX_DOC_CHARS


@dataclass
class Rejected:
    """A record (or whole file) that could not become a document, and why."""

    origin: str
    reason: str
    raw: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "reason": self.reason, "raw": self.raw}

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class IngestWarning(str):
    """A warning message (a ``str``, so plain ``Callable[[str], None]`` sinks work).

    ``origin`` names the file/record it is about; the text already starts with it.
    """

    origin: str

    def __new__(cls, origin: str, message: str) -> IngestWarning:
        obj = super().__new__(cls, f"{origin}: {message}")
        obj.origin = origin
        return obj


def truncate_raw(raw: bytes | str | None) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, bytes):
        raw = raw[: RAW_KEEP_CHARS * 4].decode("utf-8", errors="replace")
    return raw[:RAW_KEEP_CHARS]


@dataclass
class Reporter:
    """Routes rejects and warnings to the caller's callbacks and counts them."""

    on_reject: Callable[[Rejected], None] | None = None
    on_warning: Callable[[str], None] | None = None
    rejected: int = 0
    warned: int = 0
    _seen_ids: dict[str, str] = field(default_factory=dict)
    _dup_warnings: int = 0

    def reject(self, origin: str, reason: str, raw: bytes | str | None = None) -> None:
        self.rejected += 1
        if self.on_reject is not None:
            self.on_reject(Rejected(origin, reason, truncate_raw(raw)))

    def warn(self, origin: str, message: str) -> None:
        self.warned += 1
        if self.on_warning is not None:
            self.on_warning(IngestWarning(origin, message))

    def claim_id(self, doc_id: str, origin: str, generated: bool) -> str:
        """Record an id; generated ids are made unique, user ids only warned about."""
        first = self._seen_ids.get(doc_id)
        if first is None:
            self._seen_ids[doc_id] = origin
            return doc_id
        if generated:
            n = 2
            while f"{doc_id}~{n}" in self._seen_ids:
                n += 1
            doc_id = f"{doc_id}~{n}"
            self._seen_ids[doc_id] = origin
            return doc_id
        self._dup_warnings += 1
        if self._dup_warnings <= WARNINGS_PER_KIND:
            self.warn(origin, f"duplicate id {doc_id!r} (first seen at {first}); the store keeps one")
        return doc_id


@dataclass
class Context:
    """Per-source state: where we are, the options, and per-kind warning budgets."""

    origin: str
    rel: str
    opts: ReadOptions
    rep: Reporter
    cache: dict[str, Any] = field(default_factory=dict)
    _budget: dict[str, int] = field(default_factory=dict)

    def warn_once(self, kind: str, where: str, message: str) -> None:
        """Warn, but at most ``WARNINGS_PER_KIND`` times per kind per file."""
        n = self._budget.get(kind, 0) + 1
        self._budget[kind] = n
        if n <= WARNINGS_PER_KIND:
            self.rep.warn(where, message)
        elif n == WARNINGS_PER_KIND + 1:
            self.rep.warn(self.origin, f"more {kind} warnings in this file are not shown")

    def decode(self, data: bytes, offset: int, where: str) -> str:
        """UTF-8 decode with U+FFFD replacement; warns with the absolute byte offset."""
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as first:
            bad = offset + first.start
        text = data.decode("utf-8", errors="replace")
        self.warn_once(
            "invalid UTF-8",
            where,
            f"invalid UTF-8 at byte offset {bad} (decoded with replacement characters)",
        )
        return text

    def too_long(self, size: int | None) -> str:
        """The reject reason for a record over ``max_doc_chars`` (size unknown = None)."""
        what = f"{size:,} bytes/characters" if size is not None else "larger than the limit"
        return (
            f"record too long: {what}, over the limit of {self.opts.limit:,} "
            "(raise --max-doc-chars to read it)"
        )


_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])


def looks_binary(data: bytes) -> bool:
    """True for data no text format produces: NUL bytes or mostly control bytes."""
    if not data:
        return False
    if b"\x00" in data:
        return True
    sample = data[:4096]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * 0.1


class StreamBroken(Exception):
    """The byte stream failed part-way (truncated gzip, I/O error)."""

    def __init__(self, cause: BaseException, lineno: int, partial: bytes) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.lineno = lineno
        self.partial = partial


@dataclass
class Line:
    number: int  # 1-based
    offset: int  # byte offset of the line start in the (decompressed) stream
    data: bytes | None  # None when the line exceeded the limit and was skipped
    size: int


def iter_lines(stream: ByteStream, limit: int, start_offset: int = 0) -> Iterator[Line]:
    """Split a byte stream into lines without ever holding more than ``limit`` bytes.

    A longer line is consumed and yielded with ``data=None`` (the reader rejects it).
    Stream errors after some lines raise :class:`StreamBroken` with the partial line.
    """
    buf = bytearray()
    number = 1
    offset = start_offset
    skipping = False
    skipped = 0
    while True:
        try:
            chunk = stream.read(_CHUNK)
        except Exception as exc:  # noqa: BLE001 - any decompressor/IO error ends the stream
            raise StreamBroken(exc, number, bytes(buf)) from exc
        if not chunk:
            break
        pos = 0
        while True:
            nl = chunk.find(b"\n", pos)
            if nl < 0:
                piece = chunk[pos:]
                if skipping:
                    skipped += len(piece)
                else:
                    buf += piece
                    if len(buf) > limit:
                        skipping, skipped = True, len(buf)
                        buf = bytearray()
                break
            piece = chunk[pos : nl + 1]
            if skipping:
                size = skipped + len(piece)
                yield Line(number, offset, None, size)
                skipping = False
            else:
                buf += piece
                size = len(buf)
                if size > limit:
                    yield Line(number, offset, None, size)
                else:
                    yield Line(number, offset, bytes(buf), size)
                buf = bytearray()
            offset += size
            number += 1
            pos = nl + 1
    if skipping:
        yield Line(number, offset, None, skipped)
    elif buf:
        yield Line(number, offset, bytes(buf), len(buf))


def read_upto(stream: ByteStream, limit: int) -> tuple[bytes, bool]:
    """Read up to ``limit`` (+ one chunk) bytes; the flag says whether that was all of it."""
    parts: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b"".join(parts), True
        total += len(chunk)
        parts.append(chunk)
    return b"".join(parts), False


def read_bounded(stream: ByteStream, limit: int) -> bytes | None:
    """Read a whole stream, or return None (after draining nothing more) if over limit."""
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b"".join(parts)
        total += len(chunk)
        if total > limit:
            return None
        parts.append(chunk)
