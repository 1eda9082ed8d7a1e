"""RSS/Atom feeds via feedparser: one document per entry, with its date and link.

Why per-entry rejects: feeds in the wild are often slightly broken (bad dates, an
empty item, unescaped markup).  feedparser recovers what it can; an entry without any
text or title is rejected as ``file#entryN`` and the others are still read.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

from ladder.dates import normalize_date
from ladder.ingest.base import ByteStream, Context, looks_binary, read_bounded
from ladder.types import Document

_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"}


class _TextOnly(HTMLParser):
    """Feed summaries are HTML fragments; keep the text, paragraph breaks as newlines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    parser = _TextOnly()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; be safe anyway
        return fragment.strip()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _raw(entry: Any, key: str) -> Any:
    """Plain dict lookup: FeedParserDict.get remaps missing keys with a DeprecationWarning."""
    return dict.get(entry, key)


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = _raw(entry, key)
        if isinstance(parsed, time.struct_time):
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).date().isoformat()
    for key in ("published", "updated", "created", "dc_date"):
        got = normalize_date(_raw(entry, key))
        if got:
            return got
    return None


def _entry_text(entry: Any) -> str:
    parts: list[str] = []
    for content in entry.get("content") or []:
        value = content.get("value") if isinstance(content, dict) else None
        if value:
            parts.append(html_to_text(value))
    if not parts and entry.get("summary"):
        parts.append(html_to_text(entry["summary"]))
    return "\n\n".join(p for p in parts if p).strip()


def read_feed(stream: ByteStream, ctx: Context) -> Iterator[Document]:
    import feedparser

    data = read_bounded(stream, ctx.opts.limit)
    if data is None:
        ctx.rep.reject(ctx.origin, ctx.too_long(None))
        return
    if looks_binary(data[:8192]):
        ctx.rep.reject(ctx.origin, "binary data, not an RSS/Atom feed", data[:200])
        return
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries:
        reason = "no entries found in the feed"
        if problem is not None:
            reason = f"not a readable RSS/Atom feed: {problem}"
        ctx.rep.reject(ctx.origin, reason, data)
        return
    if problem is not None:
        ctx.rep.warn(ctx.origin, f"the feed is malformed ({problem}); read {len(entries)} entries anyway")
    outlet = (parsed.get("feed") or {}).get("title") or None
    for i, entry in enumerate(entries, 1):
        where = f"{ctx.origin}#entry{i}"
        title = html_to_text(entry.get("title") or "") or None
        text = _entry_text(entry)
        if not text and title:
            text = title  # headline-only feeds: the headline is the text
        if not text:
            ctx.rep.reject(where, "entry has no title, summary or content", repr(dict(entry))[:2000])
            continue
        if len(text) > ctx.opts.limit:
            ctx.rep.reject(where, ctx.too_long(len(text)))
            continue
        date = _entry_date(entry)
        raw_date = _raw(entry, "published") or _raw(entry, "updated")
        if date is None and raw_date:
            ctx.warn_once("unparseable date", where, f"cannot read date {str(raw_date)[:60]!r}; left empty")
        link = entry.get("link") or None
        own_id = entry.get("id") or link
        doc_id = ctx.rep.claim_id(own_id or f"{ctx.rel}#entry{i}", where, generated=own_id is None)
        yield Document(
            id=doc_id,
            text=text,
            date=date,
            outlet=outlet,
            url=link,
            title=title if text != title else None,
            origin=where,
        )
