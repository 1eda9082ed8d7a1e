"""The ``ladder serve`` web app: pages and a JSON API over an event store (docs/web.md)."""

from ladder.web.app import create_app

__all__ = ["create_app"]
