"""Response models: they document the JSON API in the generated OpenAPI schema.

Why models and not bare dicts: ``/openapi.json`` is the API's documentation and
the contract the fuzz test checks responses against.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ladder.web.filters import DATE_PATTERN, TEXT_PATTERN


class EventRow(BaseModel):
    """One event in a list (flat store columns; the full record is at /api/events/{id})."""

    event_id: str
    doc_id: str | None = None
    date: str | None = None
    source_code: str | None = None
    source_country: str | None = None
    source_name: str | None = None
    target_code: str | None = None
    target_country: str | None = None
    target_name: str | None = None
    cameo: str
    cameo_root: str | None = None
    plover: str | None = None
    plover_mode: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    status: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    doc_outlet: str | None = None
    trigger: str | None = None
    score: float | None = None
    sentence: str | None = None
    url: str | None = None
    title: str | None = None
    cluster_id: str | None = None
    n_mentions: int | None = None
    n_sources: int | None = None
    n_articles: int | None = None


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventRow]


class EventDetail(BaseModel):
    """The event's JSON contract (README: Event schema) plus store fields and its cluster."""

    model_config = ConfigDict(extra="allow")
    event_id: str
    cameo: str
    sentence: str
    status: str | None = None
    date: str | None = None
    cluster: dict[str, Any] | None = None
    mentions: list[dict[str, Any]] = []
    cameo_label: str | None = None
    quad_label: str | None = None


class DyadRow(BaseModel):
    a: str
    b: str
    conflict_events: int
    events: int
    goldstein_sum: float | None = None
    last_date: str | None = None


class ActorRow(BaseModel):
    country: str
    as_source: int
    as_target: int
    conflict: int
    cooperation: int
    goldstein_mean: float | None = None


class AlertRow(BaseModel):
    dyad: str
    period: str | None = None
    kind: str
    level_before: int | None = None
    level: int | None = None
    rung: str | None = None
    escalation_z: float | None = None
    n_events: int | None = None
    goldstein_sum: float | None = None
    detail: str | None = None


class SeriesRow(BaseModel):
    period: str
    direction: str
    n_events: int
    q1: int
    q2: int
    q3: int
    q4: int
    goldstein_sum: float
    goldstein_mean: float | None = None
    cci: float | None = None
    level: int
    rung: str | None = None
    escalation_z: float | None = None


class DyadSeries(BaseModel):
    a: str
    b: str
    by: str
    dedup: str
    series: list[SeriesRow]


class Stats(BaseModel):
    counts: dict[str, int]
    first_date: str | None = None
    last_date: str | None = None
    ingest_enabled: bool


class IngestText(BaseModel):
    """A document to code and store."""

    text: str = Field(min_length=1, description="English news text")
    id: str | None = Field(None, max_length=300, pattern=TEXT_PATTERN,
                           description="document id (default: hash of the text)")
    date: str | None = Field(None, pattern=DATE_PATTERN, json_schema_extra={"format": "date"},
                             description="publication date, YYYY-MM-DD")
    outlet: str | None = Field(None, max_length=300, pattern=TEXT_PATTERN)
    url: str | None = Field(None, max_length=2000, pattern=TEXT_PATTERN)
    title: str | None = Field(None, max_length=1000, pattern=TEXT_PATTERN)


class IngestResult(BaseModel):
    documents: int
    added: int
    skipped: int
    events: int
    event_ids: list[str]
