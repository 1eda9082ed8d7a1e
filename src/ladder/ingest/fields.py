"""Map a record's keys/columns to Document fields (shared by JSONL and CSV/TSV).

Why candidate lists: exports from news APIs name the same thing differently
(GDELT ``seendate``, NewsAPI ``publishedAt`` and ``source.name``, news-please
``maintext``, Media Cloud ``publish_date``).  Explicit ``--text-col`` etc. win.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ladder.dates import normalize_date
from ladder.ingest.base import Context, ReadOptions
from ladder.types import Document

CANDIDATES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "docid", "document_id", "article_id", "_id", "guid", "uuid", "gkgrecordid", "stories_id"),
    "text": ("text", "body", "content", "maintext", "full_text", "fulltext", "article", "article_text", "story", "description", "summary", "abstract"),
    "title": ("title", "headline", "heading"),
    "date": ("date", "published", "publish_date", "published_date", "publishedat", "published_at", "pubdate", "pub_date", "date_publish", "datetime", "timestamp", "seendate", "created_at", "time"),
    "outlet": ("source", "outlet", "publisher", "source_name", "sourcename", "media", "media_name", "site", "sitename", "domain", "newspaper", "source_domain", "sourcecommonname"),
    "url": ("url", "link", "uri", "source_url", "sourceurl", "documentidentifier", "canonical_url", "href"),
}

FIELDS = tuple(CANDIDATES)


def _explicit(opts: ReadOptions, name: str) -> str | None:
    value: str | None = getattr(opts, f"{name}_col")
    return value


@dataclass
class Mapping_:
    """Which key holds which field (resolved once per CSV file, per record for JSON)."""

    keys: dict[str, str | None]
    title_as_text: bool = False


def resolve(columns: list[str], opts: ReadOptions) -> tuple[Mapping_, list[str]]:
    """Pick the key for every field.  Returns the mapping and the explicit keys not found."""
    lower = {c.strip().lower(): c for c in columns}
    keys: dict[str, str | None] = {}
    missing: list[str] = []
    for name in FIELDS:
        wanted = _explicit(opts, name)
        if wanted is not None:
            found = lower.get(wanted.strip().lower())
            if found is None:
                missing.append(f"--{name}-col {wanted!r}")
            keys[name] = found
            continue
        keys[name] = next((lower[c] for c in CANDIDATES[name] if c in lower), None)
    title_as_text = False
    if keys["text"] is None and _explicit(opts, "text") is None and keys["title"] is not None:
        keys["text"], title_as_text = keys["title"], True
    return Mapping_(keys, title_as_text), missing


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Mapping):  # NewsAPI: "source": {"id": ..., "name": ...}
        value = value.get("name") or value.get("title") or value.get("id")
        return _as_text(value)
    if isinstance(value, list):
        parts = [p for p in (_as_text(v) for v in value) if p]
        return "\n\n".join(parts) if parts else None
    if isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


def to_document(
    record: Mapping[str, Any], mapping: Mapping_, ctx: Context, where: str, default_id: str
) -> Document | str:
    """Build a Document from one record, or return the reason it is rejected."""
    keys = mapping.keys
    text_key = keys["text"]
    raw_text = record.get(text_key) if text_key else None
    if text_key is None:
        return "no text field (looked for: text, body, content, ...; name it with --text-col)"
    if raw_text is not None and not isinstance(raw_text, str | list):
        return f"field {text_key!r} is a {type(raw_text).__name__}, not text"
    text = _as_text(raw_text)
    if text is None and mapping.title_as_text:
        return "no text field (looked for: text, body, content, ...) and no title either"
    if text is None:
        return f"empty text in field {text_key!r}"
    if len(text) > ctx.opts.limit:
        return ctx.too_long(len(text))
    values = {name: _as_text(record.get(k)) if k else None for name, k in keys.items()}
    raw_date = record.get(keys["date"]) if keys["date"] else None
    date = normalize_date(raw_date)
    if raw_date not in (None, "") and date is None:
        ctx.warn_once("unparseable date", where, f"cannot read date {str(raw_date)[:60]!r}; left empty")
    doc_id = values["id"]
    generated = doc_id is None
    doc_id = ctx.rep.claim_id(doc_id or default_id, where, generated)
    return Document(
        id=doc_id,
        text=text,
        date=date,
        outlet=values["outlet"],
        url=values["url"],
        title=None if mapping.title_as_text else values["title"],
        origin=where,
    )
