"""A possible event (``Candidate``) and the pairs of sides one predicate makes.

Why a module: ``ladder.events`` finds the predicates and their sides; how sides become
candidates (one per source-target pair, reciprocal sides acting on each other, a country
never acting on itself) is one small rule set of its own, used by every path there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from ladder.event_actors import same_actor
from ladder.types import Actor


@dataclass
class Candidate:
    """A possible event: a predicate with the actors found for it."""

    sent: Span
    predicate: Token
    source: Actor | None
    target: Actor | None
    source_phrase: Span | None
    target_phrase: Span | None
    match: Any = None  # ladder.triggers.TriggerMatch | None
    nominal: bool = False
    claim_of: Token | None = None  # set for the claim inside an accusation
    notes: list[str] = field(default_factory=list)


def pairs(sent: Span, pred: Token, src_span: Span | None, sources: list[Actor],
          tgt_span: Span | None, targets: list[Actor], match: Any, nominal: bool,
          reciprocal_ok: bool) -> list[Candidate]:
    """One candidate per source-target pair of ``pred`` (compound actors expand)."""
    out: list[Candidate] = []
    countries = {a.country for a in sources} - {None}
    inside = len(countries) > 1 and bool(targets) and all(t.country in countries for t in targets)
    if sources and (not targets or inside) and reciprocal_ok and len(sources) > 1:
        # "Czechia and Albania upgraded their ties": each side acts on the other (also when
        # the only target is one side's own people: "... agreed to help Ukrainian refugees")
        for x in sources:
            for y in sources:
                if x is not y and x.code != y.code:
                    out.append(Candidate(sent, pred, x, y, src_span, src_span, match, nominal,
                                         notes=["reciprocal"]))
        return out
    src_opts: list[Actor | None] = list(sources) or [None]
    tgt_opts: list[Actor | None] = list(targets) or [None]
    for a in src_opts:
        valid = [b for b in tgt_opts if a is None or b is None or not same_actor(a, b)]
        for b in valid or [None]:  # a country acting on itself: the event, without a target
            if a is None and b is None:
                continue
            out.append(Candidate(sent, pred, a, b, src_span, tgt_span if b is not None else None,
                                 match, nominal))
    return out
