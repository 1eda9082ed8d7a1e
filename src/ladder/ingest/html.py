"""HTML pages: main text and metadata (title, date, outlet, url) via trafilatura.

Why trafilatura: saved news pages are mostly navigation, ads and comments; coding
those would invent events.  It also finds publication dates and canonical URLs in the
usual meta tags.  A page with no main text is rejected, not coded as an empty document.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from ladder.dates import normalize_date
from ladder.ingest.base import ByteStream, Context, looks_binary, read_bounded
from ladder.types import Document

#: A "main text" whose longest line has fewer words than this is navigation, not prose
#: (trafilatura falls back to menus and link lists when a page has no article).
MIN_WORDS_IN_A_LINE = 5


def _is_prose(text: str) -> bool:
    return max((len(line.split()) for line in text.splitlines()), default=0) >= MIN_WORDS_IN_A_LINE


@dataclass
class Page:
    text: str
    title: str | None
    date: str | None
    outlet: str | None
    url: str | None


def extract_page(data: bytes | str, url: str | None = None) -> Page | None:
    """Main text + metadata of one HTML page, or None when it has no main text."""
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            got = trafilatura.bare_extraction(
                data, url=url, with_metadata=True, include_comments=False, include_tables=False
            )
        except Exception:  # noqa: BLE001 - lxml/htmldate can raise on hostile markup
            return None
    if got is None:
        return None
    meta = got if isinstance(got, dict) else got.as_dict()
    text = (meta.get("text") or "").strip()
    if not text or not _is_prose(text):
        return None
    title = (meta.get("title") or "").strip() or None
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1 :].lstrip()  # the headline is kept in .title
    if not text:
        return None
    return Page(
        text=text,
        title=title,
        date=normalize_date(meta.get("date")),
        outlet=(meta.get("sitename") or meta.get("hostname") or None),
        url=meta.get("url") or url,
    )


def read_html(stream: ByteStream, ctx: Context) -> Iterator[Document]:
    data = read_bounded(stream, ctx.opts.limit)
    if data is None:
        ctx.rep.reject(ctx.origin, ctx.too_long(None))
        return
    if looks_binary(data[:8192]):
        ctx.rep.reject(ctx.origin, "binary data, not an HTML page", data[:200])
        return
    page = extract_page(data)
    if page is None:
        ctx.rep.reject(
            ctx.origin,
            "no main text found in the HTML page (navigation, scripts or an empty body only)",
            data,
        )
        return
    if len(page.text) > ctx.opts.limit:
        ctx.rep.reject(ctx.origin, ctx.too_long(len(page.text)))
        return
    yield Document(
        id=ctx.rep.claim_id(ctx.rel, ctx.origin, generated=True),
        text=page.text,
        date=page.date,
        outlet=page.outlet,
        url=page.url,
        title=page.title,
        origin=ctx.origin,
    )
