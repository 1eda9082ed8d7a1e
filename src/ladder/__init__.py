"""ladder: news text in, political events (CAMEO + PLOVER) out, with provenance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ladder.types import Actor, Attribution, Document, Event

__version__ = "0.1.0"
__all__ = ["Actor", "Attribution", "Coder", "Document", "Event", "Store", "__version__"]

if TYPE_CHECKING:
    from ladder.coder import Coder
    from ladder.store import Store


def __getattr__(name: str) -> Any:
    # Lazy: importing ladder must not load spaCy or DuckDB.
    if name == "Coder":
        from ladder.coder import Coder

        return Coder
    if name == "Store":
        from ladder.store import Store

        return Store
    raise AttributeError(name)
