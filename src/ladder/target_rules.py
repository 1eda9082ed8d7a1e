"""Targets named inside a prepositional phrase of the object noun (used by ``ladder.events``).

"attacked a camp for Congolese refugees", "retook a village in western Cambodia",
"shelled a market near Kharkiv": the object noun is a thing or a place-like word
without a country, and the actor hit is the one named in its prepositional phrase.

Kept narrow on purpose:
* only when the object phrase itself names no actor, or only a sector-only actor of a
  non-state sector (villagers, refugees, students …) — never a state organ, because
  "deployed troops in Iraq" or "the embassy in Kabul" belong to somebody else;
* only the object's own prepositional phrases with a place/beneficiary sense, one level deep;
* the phrase's actor must have a country (a bare "civilians" adds nothing) and must be
  named by the prepositional object itself, not by a modifier ("relations", "square").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Span, Token

from ladder.lexicon import make_code
from ladder.types import Actor

#: prepositions of an object noun that say where it is or whom it belongs to
INNER_PREPS = frozenset({"in", "for", "near", "outside", "inside", "at", "from", "across"})
#: sectors of a sector-only head the phrase may complete ("villagers in X", "students from X")
NON_STATE = frozenset({"CVL", "REF", "EDU", "MED", "HLH", "LAB", "AGR", "REL", "BUS", "ENV"})

Resolve = Callable[[Token], tuple[Span, list[Actor]]]


def inner_target(head: Token, actors: list[Actor], resolve: Resolve) -> tuple[Span, list[Actor]] | None:
    """A better target from ``head``'s prepositional phrases, or None to keep ``actors``."""
    if actors and not all(a.country is None and a.sector in NON_STATE for a in actors):
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in INNER_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            span, found = resolve(obj)
            # the object word itself must be the actor: "the Egyptian square" names a place, not Egypt
            found = [a for a in found if a.country is not None and _covers(a, obj)]
            if not found:
                continue
            if not actors:
                return span, found
            country = found[0].country
            return span, [replace(a, country=country, code=make_code(country, a.sector),
                                  why=f"{a.why}+{found[0].why}") for a in actors]
    return None


def _covers(actor: Actor, tok: Token) -> bool:
    if actor.span is None:
        return False
    start, end = actor.span
    return start <= tok.idx < end
