"""Server-rendered HTML pages: overview, dyad, event, search, ingest.

Why server-rendered: the pages work without JavaScript, every value goes
through Jinja2 autoescaping, and the chart is inline SVG (``ladder.web.svg``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

import pandas as pd
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ladder.analytics import rung_names
from ladder.ontology import QUAD_LABELS, plover_definitions
from ladder.store import FACT_STATUSES
from ladder.types import Document
from ladder.web.api import Code, Filters, Page, default_window, event_detail, store_of
from ladder.web.filters import (
    TEXT_PATTERN,
    DateQ,
    DedupAuto,
    FilterError,
    Period,
    as_date,
    date_range,
)
from ladder.web.highlight import pieces
from ladder.web.ingest import check_token, documents_from_upload, ingest_documents
from ladder.web.svg import dyad_chart

router = APIRouter(include_in_schema=False)
PAGE = 25


def render(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> Response:
    ctx.setdefault("ingest_enabled", bool(request.app.state.token))
    return request.app.state.templates.TemplateResponse(request, name, ctx, status_code=status)


def _link(path: str, items: list[tuple[str, str]]) -> str:
    return path + ("?" + urlencode(items) if items else "")


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, start: DateQ = None, end: DateQ = None,
             dedup: DedupAuto = DedupAuto.auto) -> Response:
    store = store_of(request)
    first, last = default_window(store, *date_range(start, end))
    mode = store.resolve_dedup(dedup.value)
    alerts_since = first or (last - timedelta(days=30) if last else None)
    return render(request, "overview.html", {
        "start": first, "end": last, "dedup": mode, "counts": store.counts(),
        "dyads": store.top_dyads(first, last, 15, mode),
        "actors": store.actor_table(first, last, mode, 30),
        "alerts": store.alerts(alerts_since, "week", mode)[-30:] if alerts_since else [],
    })


def _period_end(period: date, by: str) -> date:
    if by == "day":
        return period
    if by == "week":
        return period + timedelta(days=6)
    return (pd.Timestamp(period) + pd.offsets.MonthEnd(0)).date()


def _dates(**values: date | None) -> list[tuple[str, str]]:
    return [(k, v.isoformat()) for k, v in values.items() if v]


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, a: Code, b: Code, by: Period = Period.week,
         start: DateQ = None, end: DateQ = None, period: DateQ = None,
         dedup: DedupAuto = DedupAuto.auto,
         offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> Response:
    first, last = date_range(start, end)
    week = as_date("period", period)
    a, b = a.upper(), b.upper()
    store = store_of(request)
    mode = store.resolve_dedup(dedup.value)
    df = store.dyad_series(a, b, by.value, first, last, mode)
    undirected = df[df["direction"] == f"{a}<->{b}"] if len(df) else df
    rows = [{**r, "period": str(r["period"])[:10]} for r in undirected.to_dict(orient="records")]
    base = [("by", by.value), *_dates(start=first, end=last)]
    if dedup is not DedupAuto.auto:
        base.append(("dedup", dedup.value))

    def link(p: str) -> str:
        return _link(f"/dyad/{a}/{b}", [*base, ("period", p)]) + "#events"

    filters: dict[str, Any] = {"dyad": (a, b), "directed": False, "dedup": mode,
                               "status": list(FACT_STATUSES)}
    if week is not None:
        filters.update(start=week.isoformat(), end=_period_end(week, by.value).isoformat())
    else:
        filters.update(dict(_dates(start=first, end=last)))
    total, events = store.events_page(filters, PAGE, offset)
    latest = next((r for r in reversed(rows) if r["n_events"]), None)
    page_items = [*base, *_dates(period=week)]
    return render(request, "dyad.html", {
        "a": a, "b": b, "by": by.value, "start": first, "end": last, "period": week,
        "dedup": mode, "rows": rows, "latest": latest, "events": events, "total": total,
        "offset": offset, "page": PAGE, "page_link": lambda o: _link(
            f"/dyad/{a}/{b}", [*page_items, ("offset", str(o))]) + "#events",
        "chart": dyad_chart(rows, link, week.isoformat() if week else None,
                            f"{a} and {b}: events per {by.value}"),
        "rungs": rung_names(),
        "all_link": _link("/search", [("dyad", f"{a}-{b}"), *_dates(start=first, end=last)]),
        "export": _link("/api/export/csv", [("dyad", f"{a}-{b}"), *_dates(start=first, end=last)]),
    })


@router.get("/event/{event_id:path}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> Response:
    ev = event_detail(store_of(request), event_id)
    return render(request, "event.html", {
        "ev": ev, "pieces": pieces(ev), "quad_labels": QUAD_LABELS,
        "plover_definition": plover_definitions().get(str(ev.get("plover"))),
    })


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, filters: Filters, page: Page) -> Response:
    limit, offset = page
    total, events = store_of(request).events_page(filters.kwargs(), limit, offset)
    items = filters.query_items()
    return render(request, "search.html", {
        "f": filters, "events": events, "total": total, "offset": offset, "page": limit,
        "page_link": lambda o: _link("/search", [*items, ("limit", str(limit)), ("offset", str(o))]),
        "csv": _link("/api/export/csv", items), "parquet": _link("/api/export/parquet", items),
        "plover_types": list(plover_definitions()), "quad_labels": QUAD_LABELS,
    })


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The OpenAPI schema as a plain page (Swagger UI would need a CDN)."""
    schema = request.app.openapi()
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description", ""),
                       "type": _type_of(p.get("schema", {}))} for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "params": params, "body": "requestBody" in op,
                        "responses": sorted(op.get("responses", {}))})
    return render(request, "api_docs.html", {"ops": ops, "info": schema.get("info", {})})


def _type_of(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_of(s) for s in schema["anyOf"] if s.get("type") != "null")
    if schema.get("type") == "array":
        return _type_of(schema.get("items", {})) + "[] (repeatable)"
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    fmt = schema.get("format")
    return str(schema.get("type", "")) + (f" ({fmt})" if fmt else "")


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> Response:
    return render(request, "ingest.html", {"result": None, "max_mb": _max_mb(request)})


def _max_mb(request: Request) -> float:
    return float(request.app.state.max_upload) / 1_000_000


async def _form(request: Request) -> dict[str, Any]:
    form = await request.form(max_files=1, max_fields=20, max_part_size=request.app.state.max_upload)
    out: dict[str, Any] = {}
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            if value.filename:
                out["file"] = (value.filename, await value.read())
        else:
            out[key] = value
    return out


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_submit(request: Request, form: Annotated[dict[str, Any], Depends(_form)]) -> Response:
    check_token(request, form.get("token") or None)
    meta = {k: (form.get(k) or "").strip() or None for k in ("date", "outlet", "url", "title")}
    for key, value in meta.items():
        if value and (len(value) > 2000 or not _plain(value)):
            raise FilterError(key, f"{key} has control characters or is too long", None, "body")
    docs: list[Document]
    if "file" in form:
        name, data = form["file"]
        docs = documents_from_upload(str(name), data, meta)
    elif (form.get("text") or "").strip():
        docs = documents_from_upload("text", str(form["text"]).encode("utf-8"), meta, "text")
    else:
        raise FilterError("text", "paste some text or choose a file to upload", None, "body")
    result = await run_in_threadpool(ingest_documents, request, docs)
    return render(request, "ingest.html", {"result": result, "max_mb": _max_mb(request)})


def _plain(value: str) -> bool:
    return re.fullmatch(TEXT_PATTERN, value) is not None
