"""Format detection: by extension first, then by the first bytes of the content.

Why both: exports are often misnamed (``.txt`` holding JSONL, ``download`` with no
extension, stdin), but an extension is the cheapest reliable hint when present.
``--input-format`` overrides everything.
"""

from __future__ import annotations

import codecs
import io
import re

from ladder.ingest.base import ByteStream

_EXTENSIONS = {
    "txt": "txt",
    "text": "txt",
    "md": "txt",
    "jsonl": "jsonl",
    "ndjson": "jsonl",
    "jsonlines": "jsonl",
    "json": "jsonl",
    "csv": "csv",
    "tsv": "tsv",
    "tab": "tsv",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
    "rss": "rss",
    "atom": "rss",
    "rdf": "rss",
    "xml": "rss",
    "warc": "warc",
    "arc": "warc",
}

#: Compression/archive extensions, stripped before looking at the inner extension.
COMPRESSED_EXTENSIONS = ("gz", "gzip", "bz2", "xz", "zip")

MAGIC_GZIP = b"\x1f\x8b"
MAGIC_ZIP = b"PK\x03\x04"
MAGIC_EMPTY_ZIP = b"PK\x05\x06"
MAGIC_BZ2 = b"BZh"
MAGIC_XZ = b"\xfd7zXZ\x00"

#: Well-known binary formats, named in the reject message.
_BINARY_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x7fELF": "executable",
    b"\xd0\xcf\x11\xe0": "MS Office document (OLE)",
    b"PAR1": "Parquet file",
    b"SQLite format 3": "SQLite database",
}


def strip_compression(name: str) -> str:
    """``news.jsonl.gz`` -> ``news.jsonl``."""
    lower = name.lower()
    for ext in COMPRESSED_EXTENSIONS:
        if lower.endswith("." + ext):
            return name[: -len(ext) - 1]
    return name


def by_extension(name: str) -> str | None:
    if "." not in name:
        return None
    return _EXTENSIONS.get(name.rsplit(".", 1)[1].lower())


def binary_kind(head: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC.items():
        if head.startswith(magic):
            return kind
    return None


_FEED_RE = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_RE = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.I)


def by_content(head: bytes) -> str | None:
    """Guess from the first bytes (already decompressed, BOM stripped)."""
    start = head.lstrip()[:2048]
    if start.startswith(b"WARC/"):
        return "warc"
    if start.startswith((b"{", b"[")):
        return "jsonl"
    if start.startswith(b"<"):
        if _FEED_RE.search(head[:4096]):
            return "rss"
        if _HTML_RE.search(head[:4096]):
            return "html"
        return "html" if not start.startswith(b"<?xml") else "rss"
    return None


class Peeked(io.RawIOBase):
    """A read-only stream whose first bytes were already read for sniffing."""

    def __init__(self, head: bytes, rest: ByteStream, error: Exception | None = None) -> None:
        super().__init__()
        self._head = head
        self._rest = rest
        self._error = error  # raised once the head is consumed (truncated input)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        if self._head:
            if size is None or size < 0:
                data, self._head = self._head + self._rest.read(), b""
                return data
            data, self._head = self._head[:size], self._head[size:]
            return data
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        if size is not None and size > 0:
            read1 = getattr(self._rest, "read1", None)
            if read1 is not None:
                # one underlying read: a buffered read would drop the bytes it had
                # gathered when a truncated gzip raises part-way through the chunk
                return read1(size)  # type: ignore[no-any-return]
        return self._rest.read(size)

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def peek(stream: ByteStream, size: int = 8192) -> tuple[bytes, Peeked]:
    """Read up to ``size`` bytes for sniffing; a read error after some bytes is deferred."""
    head = b""
    while len(head) < size:
        try:
            chunk = stream.read(size - len(head))
        except Exception as exc:  # noqa: BLE001 - surfaces when the reader gets there
            if not head:
                raise
            return head, Peeked(head, stream, exc)
        if not chunk:
            break
        head += chunk
    return head, Peeked(head, stream)


class Utf16ToUtf8(io.RawIOBase):
    """Transcode a UTF-16 stream (with BOM) to UTF-8 on the fly, so readers see UTF-8.

    Spreadsheet "Unicode text" exports are UTF-16; without this they look binary.
    """

    def __init__(self, stream: ByteStream, encoding: str) -> None:
        super().__init__()
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._pending = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        everything = size is None or size < 0
        want = size if size and size > 0 else 1 << 20
        while everything or len(self._pending) < want:
            raw = self._stream.read(want)
            final = not raw
            self._pending += self._decoder.decode(raw, final).encode("utf-8")
            if final:
                break
        if everything:
            data, self._pending = self._pending, b""
            return data
        data, self._pending = self._pending[:want], self._pending[want:]
        return data

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
