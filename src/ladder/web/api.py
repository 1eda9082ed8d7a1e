"""JSON API under ``/api``: everything the pages show, paginated and validated.

Why the pages do not call these over HTTP: both call the same ``WebStore``
methods with the same validated filters, so the API and the pages cannot drift.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from ladder.ontology import QUAD_LABELS, cameo_codes
from ladder.web.filters import (
    ACTOR_PATTERN,
    DATE_PATTERN,
    TEXT_PATTERN,
    DateQ,
    DedupAuto,
    EventFilters,
    Period,
    as_date,
    date_range,
    event_filters,
    page_params,
)
from ladder.web.ingest import check_token, documents_from_upload, ingest_documents
from ladder.web.models import (
    ActorRow,
    AlertRow,
    DyadRow,
    DyadSeries,
    EventDetail,
    EventPage,
    IngestResult,
    IngestText,
    Stats,
)
from ladder.web.queries_web import WebStore, records

router = APIRouter(prefix="/api")
_bearer = HTTPBearer(auto_error=False, description="the token given to `ladder serve --token`")
_header = APIKeyHeader(name="X-Ladder-Token", auto_error=False)

Filters = Annotated[EventFilters, Depends(event_filters)]
Page = Annotated[tuple[int, int], Depends(page_params)]
Code = Annotated[str, Path(pattern=ACTOR_PATTERN, max_length=15,
                           description="country (RUS) or actor-code prefix")]


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"


def store_of(request: Request) -> WebStore:
    store: WebStore = request.app.state.store
    return store


def default_window(store: WebStore, start: date | None, end: date | None,
                   days: int = 90) -> tuple[date | None, date | None]:
    """The last ``days`` days up to the newest event when no range is given."""
    if start or end:
        return start, end
    _, last = store.date_range()
    if last is None:
        return None, None
    return last - timedelta(days=days), last


def event_detail(store: WebStore, event_id: str) -> dict[str, Any]:
    ev = store.event(event_id)
    if ev is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    info = cameo_codes().get(str(ev.get("cameo")))
    ev["cameo_label"] = info.label if info else None
    ev["quad_label"] = QUAD_LABELS.get(int(ev.get("quad_class") or 0))
    for m in ev.get("mentions", []):
        for k, v in list(m.items()):
            if isinstance(v, float) and v != v:  # NaN similarity of the canonical mention
                m[k] = None
    return ev


@router.get("/stats", response_model=Stats, summary="Store size and date range")
def stats(request: Request) -> dict[str, Any]:
    store = store_of(request)
    first, last = store.date_range()
    return {"counts": store.counts(), "first_date": first.isoformat() if first else None,
            "last_date": last.isoformat() if last else None,
            "ingest_enabled": bool(request.app.state.token)}


@router.get("/events", response_model=EventPage, summary="Events matching filters, paginated")
def list_events(request: Request, filters: Filters, page: Page) -> dict[str, Any]:
    limit, offset = page
    total, items = store_of(request).events_page(filters.kwargs(), limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/events/{event_id:path}", response_model=EventDetail,
            summary="One event: highlighted evidence, attribution, cluster of other reports",
            responses={404: {"description": "no such event"}})
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    return event_detail(store_of(request), event_id)


@router.get("/export/{fmt}", summary="Download the filtered events as CSV or Parquet",
            responses={200: {"content": {"text/csv": {}, "application/vnd.apache.parquet": {}}}})
def export(request: Request, fmt: ExportFormat, filters: Filters,
           limit: Annotated[int | None, Query(ge=1, le=5_000_000)] = None) -> Response:
    data = store_of(request).export(filters.kwargs(), fmt.value, limit)
    media = "text/csv; charset=utf-8" if fmt is ExportFormat.csv else "application/vnd.apache.parquet"
    return Response(data, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="events.{fmt.value}"'})


@router.get("/dyads", response_model=list[DyadRow], summary="Country dyads by recent conflict")
def top_dyads(request: Request, start: DateQ = None, end: DateQ = None,
              limit: Annotated[int, Query(ge=1, le=500)] = 20,
              dedup: DedupAuto = DedupAuto.auto) -> list[dict[str, Any]]:
    first, last = date_range(start, end)
    store = store_of(request)
    return store.top_dyads(first, last, limit, store.resolve_dedup(dedup.value))


@router.get("/dyads/{a}/{b}/series", response_model=DyadSeries,
            summary="Per-period quad counts, Goldstein, escalation score and ladder level")
def dyad_series(request: Request, a: Code, b: Code,
                by: Period = Period.week, start: DateQ = None, end: DateQ = None,
                dedup: DedupAuto = DedupAuto.auto) -> dict[str, Any]:
    first, last = date_range(start, end)
    store = store_of(request)
    mode = store.resolve_dedup(dedup.value)
    df = store.dyad_series(a.upper(), b.upper(), by.value, first, last, mode)
    return {"a": a.upper(), "b": b.upper(), "by": by.value, "dedup": mode, "series": records(df)}


@router.get("/actors", response_model=list[ActorRow], summary="Countries: events as source/target")
def actors(request: Request, start: DateQ = None, end: DateQ = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 50,
           dedup: DedupAuto = DedupAuto.auto) -> list[dict[str, Any]]:
    first, last = date_range(start, end)
    store = store_of(request)
    return store.actor_table(first, last, store.resolve_dedup(dedup.value), limit)


@router.get("/alerts", response_model=list[AlertRow],
            summary="Dyads whose escalation level jumped since a date")
def alerts(request: Request, since: DateQ = None, by: Period = Period.week,
           dedup: DedupAuto = DedupAuto.auto) -> list[dict[str, Any]]:
    store = store_of(request)
    day = as_date("since", since)
    if day is None:
        _, last = store.date_range()
        if last is None:
            return []
        day = last - timedelta(days=30)
    return store.alerts(day, by.value, store.resolve_dedup(dedup.value))


def _auth(request: Request, bearer: HTTPAuthorizationCredentials | None,
          header: str | None) -> None:
    check_token(request, bearer.credentials if bearer else header)


@router.post("/ingest", response_model=IngestResult, tags=["write"],
             summary="Code a text with the real coder and store its events (needs the token)",
             responses={400: {"description": "body is not valid JSON"},
                        401: {"description": "missing or wrong token"},
                        403: {"description": "ingest disabled (no token at start-up)"},
                        413: {"description": "request body over the upload limit"},
                        503: {"description": "the coder's models are not installed"}})
def ingest_text(request: Request, body: IngestText,
                bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None,
                header: Annotated[str | None, Depends(_header)] = None) -> dict[str, Any]:
    _auth(request, bearer, header)
    doc = documents_from_upload("text", body.text.encode("utf-8"), {
        "id": body.id, "date": body.date,
        "outlet": body.outlet, "url": body.url, "title": body.title}, field="text")
    return ingest_documents(request, doc)


@router.post("/ingest/file", response_model=IngestResult, tags=["write"],
             summary="Upload a .txt (one document) or .jsonl/.json file to code and store",
             responses={400: {"description": "not a valid multipart body"},
                        401: {"description": "missing or wrong token"},
                        403: {"description": "ingest disabled (no token at start-up)"},
                        413: {"description": "file over the upload limit"},
                        415: {"description": "not UTF-8 text"},
                        503: {"description": "the coder's models are not installed"}})
def ingest_file(request: Request, file: Annotated[UploadFile, File()],
                date_: Annotated[str, Form(alias="date", pattern=f"^$|{DATE_PATTERN}",
                                           description="date of documents without one")] = "",
                outlet: Annotated[str, Form(max_length=300, pattern=TEXT_PATTERN)] = "",
                bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None,
                header: Annotated[str | None, Depends(_header)] = None) -> dict[str, Any]:
    day = as_date("date", date_, "body")
    _auth(request, bearer, header)
    data = file.file.read()
    docs = documents_from_upload(file.filename or "upload.txt", data, {
        "date": day.isoformat() if day else None, "outlet": outlet or None})
    return ingest_documents(request, docs)
