"""``ladder serve``: the web app and JSON API over an event store (see docs/web.md)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db: Annotated[Path, typer.Option("--db", help="DuckDB event store (from `ladder ingest`)")],
    host: Annotated[str, typer.Option(help="address to listen on; loopback by default")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port")] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="LADDER_TOKEN", show_envvar=True,
        help="enables ingest (write) endpoints; requests must send it. Off when unset.")] = None,
    max_upload_mb: Annotated[float, typer.Option(min=0.001, help="largest request body (MB)")] = 10.0,
    no_classifier: Annotated[bool, typer.Option(
        "--no-classifier", help="ingest codes with the lexicon only (faster, less recall)")] = False,
) -> None:
    """Serve the web app: overview, dyads, events, search; ingest only with a token."""
    import uvicorn

    from ladder.store import StoreError
    from ladder.web.app import create_app

    if not token and not db.exists():
        raise typer.BadParameter(f"no store at {db}; create one with `ladder ingest` "
                                 "(or pass --token to start an empty store you can ingest into)",
                                 param_hint="--db")
    try:
        app = create_app(db, token=token, max_upload_mb=max_upload_mb,
                         use_classifier=not no_classifier)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if not _is_loopback(host):
        typer.echo(f"warning: listening on {host}, reachable from other machines; "
                   "there is no TLS, put a reverse proxy in front", err=True)
    mode = "ingest enabled (token required)" if token else "read-only"
    typer.echo(f"ladder serving {db} at http://{host}:{port}/ ({mode})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
