"""Plain data types that flow between the stages.

Why dataclasses and not dicts: every stage (actors → events → attribution → store)
agrees on field names through these classes, and mypy checks them.  ``to_dict``
is the public, JSON-ready contract (see README "Event schema").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Event statuses (issue #3).  ``asserted`` is the only one counted as a plain fact.
STATUSES = ("asserted", "negated", "hypothetical", "future", "denied", "reported")


@dataclass
class Actor:
    """A coded actor mention.

    ``code`` is the CAMEO-style actor code (country + sector, e.g. ``RUSMIL``;
    for organisations ``IGO``/``NGO``/``MNC`` prefixed codes such as ``IGOUNO``).
    ``country`` is the 3-letter CAMEO/ISO country, or ``IGO``/``NGO``/``MNC``.
    """

    text: str
    code: str
    country: str | None
    sector: str | None = None
    span: tuple[int, int] | None = None  # character offsets in the document
    name: str | None = None  # canonical name when known ("Vladimir Putin", "NATO")
    why: str | None = None  # which lexicon entry / rule resolved it

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "span": list(self.span) if self.span else None,
            "name": self.name,
            "why": self.why,
        }


@dataclass
class Attribution:
    """Who says so (issue #3)."""

    speaker: str | None = None
    speaker_actor: Actor | None = None
    outlet: str | None = None
    anonymous: bool = False
    chain: list[str] = field(default_factory=list)
    cue: str | None = None  # the reporting verb / phrase ("said", "according to")
    cue_span: tuple[int, int] | None = None
    speaker_span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_actor": self.speaker_actor.to_dict() if self.speaker_actor else None,
            "outlet": self.outlet,
            "anonymous": self.anonymous,
            "chain": list(self.chain),
            "cue": self.cue,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
        }


@dataclass
class Event:
    """One coded event: who did what to whom, when, according to whom."""

    source: Actor | None
    target: Actor | None
    cameo: str
    plover: str | None
    goldstein: float
    quad_class: int
    sentence: str
    sentence_index: int
    span: tuple[int, int]  # sentence span in the document
    trigger: str
    trigger_span: tuple[int, int] | None = None
    plover_mode: str | None = None
    date: str | None = None
    status: str = "asserted"
    attribution: Attribution = field(default_factory=Attribution)
    why: str = ""  # rule/pattern id or "classifier:<score>"
    score: float = 1.0
    doc_id: str | None = None

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; the stable public contract (README: Event schema)."""
        return {
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "date": self.date,
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "span": list(self.span),
            "trigger": self.trigger,
            "status": self.status,
            "attribution": self.attribution.to_dict(),
            "evidence": {
                "sentence": self.sentence,
                "source_span": list(self.source.span) if self.source and self.source.span else None,
                "target_span": list(self.target.span) if self.target and self.target.span else None,
                "trigger_span": list(self.trigger_span) if self.trigger_span else None,
                "attribution_span": (
                    list(self.attribution.cue_span) if self.attribution.cue_span else None
                ),
                "why": self.why,
                "score": self.score,
            },
            "doc_id": self.doc_id,
        }


@dataclass
class Document:
    """A unit of input text with its metadata (from ingest)."""

    id: str
    text: str
    date: str | None = None  # ISO date
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str | None = None  # "file:line" where it came from

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
