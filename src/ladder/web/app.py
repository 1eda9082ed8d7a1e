"""The FastAPI application factory: store, templates, static files, limits, error pages.

Why a factory: ``ladder serve`` and the tests build the app from a store path,
an optional write token and an upload limit; nothing is global.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ladder.store import StoreError
from ladder.web.filters import FilterError
from ladder.web.ingest import CoderHolder
from ladder.web.queries_web import WebStore

DEFAULT_MAX_UPLOAD_MB = 10.0
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class _TooLarge(StarletteHTTPException):
    """Raised while a streamed body passes the limit; FastAPI re-raises HTTP exceptions as-is."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, too_large_message(max_bytes))


def too_large_message(max_bytes: int) -> str:
    return (f"request body too large: the limit is {max_bytes / 1_000_000:g} MB "
            "(start the server with --max-upload-mb to change it)")


class BodyLimit:
    """413 for any request body over ``max_bytes`` (declared or streamed), before parsing."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._reject(send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._reject(send)

    async def _reject(self, send: Send) -> None:
        body = json.dumps({"detail": too_large_message(self.max_bytes)})
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"application/json"), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body.encode()})


class DropEmptyQuery:
    """Pages only: drop ``name=`` pairs, which HTML forms send for every empty field."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/api") and scope.get(
                "query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v != ""]
            if len(kept) != len(pairs):
                scope = dict(scope, query_string=urlencode(kept).encode("latin-1"))
        await self.app(scope, receive, send)


class SecurityHeaders:
    """CSP without inline scripts, no sniffing, no framing, no referrer leaks."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"x-frame-options", b"DENY"),
                            (b"referrer-policy", b"no-referrer")]
                message["headers"] = headers
            await send(message)
        await self.app(scope, receive, add_headers)


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("ladder.web") / name))


def templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=str(_package_dir("templates")))
    t.env.autoescape = True
    t.env.filters["q"] = lambda v: quote(str(v), safe="")
    t.env.filters["fnum"] = lambda v, d=2: "" if v is None else f"{float(v):.{d}f}"
    t.env.filters["safe_url"] = lambda v: v if isinstance(v, str) and v.lower().startswith(
        ("http://", "https://")) else None
    return t


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path != "/openapi.json"


def _error(request: Request, status: int, detail: Any,
           headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        msgs = ([f"{'.'.join(str(p) for p in d.get('loc', [])[1:])}: {d.get('msg')}"
                 for d in detail] if isinstance(detail, list) else [str(detail)])
        return request.app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "messages": msgs}, status_code=status,
            headers=headers)
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def create_app(db: str | Path, *, token: str | None = None,
               max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB, use_classifier: bool = True) -> FastAPI:
    """The web app over the store at ``db``; ingest is enabled only when ``token`` is set."""
    from ladder.web import api, pages

    store = WebStore(db, writable=bool(token))
    app = FastAPI(
        title="ladder", version="1", docs_url=None, redoc_url=None,  # both load from a CDN
        description="Explore coded political events (CAMEO/PLOVER), dyads and escalation. "
                    "Read-only unless started with a token; see docs/web.md.",
    )
    app.state.store = store
    app.state.token = token or None
    app.state.max_upload = int(max_upload_mb * 1_000_000)
    app.state.templates = templates()
    app.state.coder = CoderHolder(use_classifier=use_classifier)

    @app.exception_handler(FilterError)
    async def filter_error(request: Request, exc: FilterError) -> Response:
        return _error(request, 422, exc.detail())

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return _error(request, 422, errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return _error(request, 503, str(exc))

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(_package_dir("static"))), name="static")
    app.add_middleware(BodyLimit, max_bytes=app.state.max_upload)  # type: ignore[arg-type]
    app.add_middleware(DropEmptyQuery)  # type: ignore[arg-type]
    app.add_middleware(SecurityHeaders)  # type: ignore[arg-type]

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> HTMLResponse:
        return HTMLResponse(status_code=204)
    return app
