"""Compact views of coded events for end-to-end rule tests."""

from __future__ import annotations

from collections.abc import Iterable

from ladder.types import Event


def coded(events: Iterable[Event]) -> set[tuple[str | None, str | None, str]]:
    """(source code, target code, CAMEO code) of each event; None for a missing side."""
    return {(e.source.code if e.source else None, e.target.code if e.target else None, e.cameo)
            for e in events}
