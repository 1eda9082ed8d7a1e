"""Compressed inputs: gzip/bz2/xz streams and zip archives of any supported format.

Why by magic bytes and not only by extension: downloads often lose or gain
extensions (``feed.xml`` served gzipped, ``export`` without one).  Streams are
decompressed on the fly; a zip needs random access, so a zip from stdin is buffered.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, cast

from ladder.ingest.base import ByteStream, Reporter
from ladder.ingest.detect import MAGIC_BZ2, MAGIC_EMPTY_ZIP, MAGIC_GZIP, MAGIC_XZ, MAGIC_ZIP
from ladder.ingest.sources import Source


def decompressor(head: bytes) -> str | None:
    """The compression of a stream from its first bytes, confirmed by a trial decode.

    The trial matters: a JSONL file whose first (junk) line happens to start with
    ``BZh`` or ``\x1f\x8b`` must still be read as JSONL, not lost as a bad archive.
    """
    kind = _by_magic(head)
    if kind is None or kind == "zip":
        return kind
    try:
        if kind == "gzip":
            zlib.decompressobj(wbits=31).decompress(head)
        elif kind == "bz2":
            bz2.BZ2Decompressor().decompress(head)
        else:
            lzma.LZMADecompressor().decompress(head)
    except (zlib.error, OSError, EOFError, lzma.LZMAError, ValueError):
        return None
    return kind


def _by_magic(head: bytes) -> str | None:
    if head.startswith(MAGIC_GZIP):
        return "gzip"
    if head.startswith(MAGIC_BZ2) and len(head) > 3 and head[3:4].isdigit():
        return "bz2"
    if head.startswith(MAGIC_XZ):
        return "xz"
    if head.startswith((MAGIC_ZIP, MAGIC_EMPTY_ZIP)):
        return "zip"
    return None


def decompress(kind: str, stream: ByteStream) -> ByteStream:
    raw = cast(IO[bytes], stream)  # typeshed wants IO; only .read is used
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if kind == "bz2":
        return bz2.BZ2File(raw, mode="rb")
    return lzma.LZMAFile(raw, mode="rb")


def zip_members(source: Source, stream: ByteStream, rep: Reporter) -> Iterator[Source]:
    """A Source per file in a zip (hidden files and folders skipped)."""
    try:
        if source.path is not None:
            archive = zipfile.ZipFile(source.path)
        else:
            archive = zipfile.ZipFile(io.BytesIO(stream.read()))
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        rep.reject(source.origin, f"damaged zip archive: {exc}")
        return
    with archive:
        names = [i for i in archive.infolist() if not i.is_dir()]
        if not names:
            rep.reject(source.origin, "empty zip archive")
        for info in names:
            parts = info.filename.split("/")
            if any(p.startswith(".") or p == "__MACOSX" for p in parts):
                continue
            if info.flag_bits & 0x1:
                rep.reject(f"{source.origin}!{info.filename}", "encrypted zip member (not supported)")
                continue

            def opener(info: zipfile.ZipInfo = info) -> IO[bytes]:
                return archive.open(info)

            yield Source(
                origin=f"{source.origin}!{info.filename}",
                rel=f"{source.rel}!{info.filename}",
                name=parts[-1],
                opener=opener,
            )
