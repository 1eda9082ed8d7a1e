"""Validated query parameters shared by the JSON API and the HTML pages.

Why one dependency: a bad date or an unknown code must give the same clear 422
whether it came from ``/api/events`` or from the search form.  FastAPI checks
types, patterns and enums (and documents them in the OpenAPI schema); the
checks it cannot express (a CAMEO code that does not exist, start after end)
raise ``FilterError`` here, which the app turns into a 422 in the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Query
from pydantic import Field, WithJsonSchema

from ladder.ontology import cameo_codes, is_cameo

#: Actor codes: a 3-letter country/IGO/NGO code, optionally followed by sector letters.
ACTOR_PATTERN = r"^[A-Za-z]{3}[A-Za-z0-9]{0,12}$"
DYAD_PATTERN = r"^[A-Za-z]{3}[A-Za-z0-9]{0,12}-[A-Za-z]{3}[A-Za-z0-9]{0,12}$"
#: Free text: no control characters (DuckDB and browsers both dislike NUL bytes).
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
MAX_PAGE = 500


class Plover(StrEnum):
    """The 16 PLOVER event types (kept equal to ``ontology.PLOVER_TYPES`` by a test)."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class Status(StrEnum):
    """Event statuses (kept equal to ``types.STATUSES`` by a test)."""

    asserted = "asserted"
    negated = "negated"
    hypothetical = "hypothetical"
    future = "future"
    denied = "denied"
    reported = "reported"


class Dedup(StrEnum):
    """none: every report; cluster: one canonical event per cluster; one-a-day."""

    none = "none"
    cluster = "cluster"
    one_a_day = "one-a-day"


class DedupAuto(StrEnum):
    """As ``Dedup``, plus auto: clusters when the store has been deduplicated, else none."""

    auto = "auto"
    none = "none"
    cluster = "cluster"
    one_a_day = "one-a-day"


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"


class FilterError(ValueError):
    """A parameter FastAPI accepted by type but that makes no sense (-> 422)."""

    def __init__(self, param: str, msg: str, value: Any = None, where: str = "query") -> None:
        super().__init__(msg)
        self.param = param
        self.where = where
        self.msg = msg
        self.value = value

    def detail(self) -> list[dict[str, Any]]:
        return [{"loc": [self.where, self.param], "msg": self.msg, "type": "value_error",
                 "input": self.value}]


#: Dates are ISO ``YYYY-MM-DD`` in 1800-2199 (pandas handles 1677-2262; news is recent).
DATE_PATTERN = r"^(18|19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
DateQ = Annotated[str | None, Query(pattern=DATE_PATTERN, json_schema_extra={"format": "date"},
                                    description="ISO date YYYY-MM-DD (1800-2199), inclusive")]


def as_date(name: str, value: str | None, where: str = "query") -> date | None:
    """A validated ``DateQ`` value as a date; 422 naming ``name`` for e.g. 2022-02-30."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError(name, f"{name}={value!r} is not a valid date (YYYY-MM-DD)", value,
                          where) from None


def date_range(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """Both ends parsed, and end not before start."""
    a, b = as_date("start", start), as_date("end", end)
    if a and b and a > b:
        raise FilterError("end", f"end date {b} is before start date {a}", str(b))
    return a, b


ActorQ = Annotated[str | None, Query(pattern=ACTOR_PATTERN, max_length=15,
                                     description="Country (RUS) or actor-code prefix (RUSMIL)")]
TextQ = Annotated[str | None, Query(max_length=200, pattern=TEXT_PATTERN)]


#: A ``cameo`` value; the schema lists the known codes (checked again below, with a message).
CameoItem = Annotated[str, WithJsonSchema({"type": "string", "enum": sorted(cameo_codes())})]


@dataclass
class EventFilters:
    """Event filters after validation; ``kwargs()`` feeds ``ladder.queries.events_sql``."""

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    start: date | None = None
    end: date | None = None
    cameo: list[str] = field(default_factory=list)
    plover: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    quad_class: list[int] = field(default_factory=list)
    outlet: str | None = None
    text: str | None = None
    dedup: str = "none"

    def kwargs(self) -> dict[str, Any]:
        out: dict[str, Any] = {"dedup": self.dedup}
        for name in ("source", "target", "actor", "outlet", "text"):
            value = getattr(self, name)
            if value:
                out[name] = value
        if self.dyad:
            out["dyad"] = self.dyad
            out["directed"] = self.directed
        if self.start:
            out["start"] = self.start.isoformat()
        if self.end:
            out["end"] = self.end.isoformat()
        for name in ("cameo", "plover", "status", "quad_class"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        return out

    def query_items(self) -> list[tuple[str, str]]:
        """The filters as URL query pairs (for pagination and download links)."""
        items: list[tuple[str, str]] = []
        for name in ("source", "target", "actor", "outlet", "text"):
            if getattr(self, name):
                items.append((name, getattr(self, name)))
        if self.dyad:
            items.append(("dyad", "-".join(self.dyad)))
            if self.directed:
                items.append(("directed", "true"))
        for name in ("start", "end"):
            if getattr(self, name):
                items.append((name, getattr(self, name).isoformat()))
        for name in ("cameo", "plover", "status", "quad_class"):
            items.extend((name, str(v)) for v in getattr(self, name))
        if self.dedup != "none":
            items.append(("dedup", self.dedup))
        return items


def event_filters(
    source: ActorQ = None,
    target: ActorQ = None,
    actor: ActorQ = None,
    dyad: Annotated[str | None, Query(pattern=DYAD_PATTERN, max_length=31, description=(
        "two actors, A-B (RUS-UKR): events between them, both directions unless directed"))] = None,
    directed: Annotated[bool, Query(description="with dyad: only A as source, B as target")] = False,
    start: DateQ = None,
    end: DateQ = None,
    cameo: Annotated[list[CameoItem] | None, Query(
        description="CAMEO code; a root or parent includes its children (19 = all fights); "
                    "repeatable")] = None,
    plover: Annotated[list[Plover] | None, Query(description="PLOVER type; repeatable")] = None,
    status: Annotated[list[Status] | None, Query(description="event status; repeatable")] = None,
    quad_class: Annotated[list[Annotated[int, Field(ge=1, le=4)]] | None, Query(
        description="1 verbal / 2 material cooperation, 3 verbal / 4 material conflict; repeatable",
    )] = None,
    outlet: TextQ = None,
    text: Annotated[str | None, Query(max_length=200, pattern=TEXT_PATTERN,
                                      description="words in the sentence (case-insensitive)")] = None,
    dedup: Annotated[Dedup, Query(description="which events count (see docs/web.md)")] = Dedup.none,
) -> EventFilters:
    """FastAPI dependency: the event filters of every list, download and search."""
    first, last = date_range(start, end)
    codes = [c.strip() for value in cameo or [] for c in value.split(",") if c.strip()]
    for code in codes:
        if not is_cameo(code):
            raise FilterError("cameo", f"unknown CAMEO code {code!r} (use a code such as 190 or "
                                       f"a root such as 19)", code)
    quads = list(quad_class or [])
    pair = dyad.upper().split("-", 1) if dyad else None
    return EventFilters(
        source=source.upper() if source else None, target=target.upper() if target else None,
        actor=actor.upper() if actor else None, start=first, end=last, cameo=codes,
        dyad=(pair[0], pair[1]) if pair else None, directed=directed,
        plover=[p.value for p in plover or []], status=[s.value for s in status or []],
        quad_class=quads, outlet=outlet or None, text=text or None,
        dedup=dedup.value,
    )


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="page size")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")] = 0,
) -> tuple[int, int]:
    return limit, offset
