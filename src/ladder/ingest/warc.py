"""WARC web archives via warcio: HTML responses become documents.

Why only HTML responses: crawls also hold requests, metadata, images and scripts,
which carry no news text; they are skipped silently (counted in one warning).  A
record whose page has no main text is rejected as ``file#recordN``; a broken archive
is rejected from the record where it breaks, after the good records before it.
A page without a date of its own is dated by its WARC-Date (the crawl time).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ladder.dates import normalize_date
from ladder.ingest.base import ByteStream, Context
from ladder.ingest.html import extract_page
from ladder.types import Document

_HTML_TYPES = ("text/html", "application/xhtml")


def _is_html_page(record: Any) -> bool:
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return False
        status = (http.get_statuscode() or "").strip()
        ctype = (http.get_header("Content-Type") or "").lower()
        return status.startswith("2") and ctype.startswith(_HTML_TYPES)
    if record.rec_type == "resource":
        ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
        return ctype.startswith(_HTML_TYPES)
    return False


def read_warc(stream: ByteStream, ctx: Context) -> Iterator[Document]:
    from warcio.archiveiterator import ArchiveIterator

    limit = ctx.opts.limit
    skipped = 0
    n = 0
    broken = False
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            n += 1
            where = f"{ctx.origin}#record{n}"
            if not _is_html_page(record):
                skipped += 1
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            payload = record.content_stream().read(limit + 1)
            if len(payload) > limit:
                ctx.rep.reject(where, ctx.too_long(len(payload)), uri)
                continue
            page = extract_page(payload, url=uri)
            if page is None:
                ctx.rep.reject(where, f"no main text found in the archived page {uri}", payload)
                continue
            date = page.date or normalize_date(record.rec_headers.get_header("WARC-Date"))
            own_id = uri or record.rec_headers.get_header("WARC-Record-ID")
            yield Document(
                id=ctx.rep.claim_id(own_id or f"{ctx.rel}#record{n}", where, generated=not own_id),
                text=page.text,
                date=date,
                outlet=page.outlet,
                url=uri or page.url,
                title=page.title,
                origin=where,
            )
    except Exception as exc:  # noqa: BLE001 - warcio raises many types on a damaged archive
        broken = True
        ctx.rep.reject(
            f"{ctx.origin}#record{n + 1}",
            f"the WARC archive is damaged from record {n + 1} on ({type(exc).__name__}: {exc})",
        )
    if n == 0 and not broken:
        ctx.rep.reject(ctx.origin, "no WARC records found")
    elif skipped:
        ctx.rep.warn(ctx.origin, f"skipped {skipped} WARC records that are not HTML pages")
