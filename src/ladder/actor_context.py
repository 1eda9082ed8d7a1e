"""Which country a sector-only actor belongs to ("police", "gunmen", "the government").

Why a module: CAMEO codes domestic actors with the country the story is about, but which
country that is depends on the sentence (the only country it names, the place it names),
the other side of the dyad (a side never takes the other side's own country when a place
names another; a weapon never takes the country it hit) and the document.  One place to
find "why is this 'police' Turkish".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from ladder.event_actors import same_actor
from ladder.event_syntax import word_list
from ladder.types import Actor

_NON_STATE = frozenset({"IGO", "NGO", "MNC", None})


def is_state(country: str | None) -> bool:
    return country not in _NON_STATE


def context_country(sentence: Counter[str | None], document: Counter[str | None] | None) -> str | None:
    """The country a sector-only actor ("the judge", "police") most likely belongs to.

    CAMEO convention: domestic actors take the country the story is about.  The only
    country named in the sentence wins; otherwise the document's most named country,
    when it clearly dominates.
    """
    if len(sentence) == 1:
        return next(iter(sentence))
    if sentence:
        (top, n), *rest = sentence.most_common(2)
        if not rest or n > rest[0][1]:
            return top
    if document:
        (top, n), *rest = document.most_common(2)
        if not rest or n >= 2 * rest[0][1]:
            return top
    return None


def side_context(places: Counter[str | None], other: Actor | None, context: str | None) -> str | None:
    """Context country for one side of a dyad whose other side names its own country: the
    country of the place the sentence names, if that is another one ("gunmen killed a U.S.
    soldier near Samarra" are Iraqi gunmen, not American ones)."""
    if other is None or other.country is None or context not in (None, other.country):
        return context
    rest = Counter({c: n for c, n in places.items() if c != other.country})
    return context_country(rest, None) or context


def is_weapon(actor: Actor | None) -> bool:
    """A weapon standing for its users ("missiles", ``lexicons/weapons.tsv``): whose it is
    cannot be read off what it hit."""
    why = (actor.why or "") if actor is not None else ""
    return why.startswith("agents:") and "+" not in why and why.split(":", 1)[1].lower() in word_list("weapons.tsv")


def with_context_country(actor: Actor | None, country: str | None) -> Actor | None:
    """Give a sector-only actor the context country (code = country + sector)."""
    if actor is None or actor.country is not None or country is None or not actor.sector:
        return actor
    return replace(actor, country=country, code=f"{country}{actor.code}",
                   why=f"{actor.why}; country from context" if actor.why else "country from context")


def contextualise(source: Actor | None, target: Actor | None, country: str | None,
                  document: Counter[str | None] | None) -> tuple[Actor | None, Actor | None]:
    """Both sides with the context country, unless that would merge a sector-only source
    into the target's own state ("the government thanked China": China is the target, so
    the government is not China's; it takes the story's main country, if another, or none)."""
    src, tgt = with_context_country(source, country), with_context_country(target, country)
    if src is not source and tgt is target and tgt is not None and src is not None and same_actor(src, tgt):
        others = Counter({c: n for c, n in (document or Counter()).items() if c != tgt.country})
        src = with_context_country(source, context_country(Counter(), others))
    return src, tgt


@dataclass(frozen=True)
class SentenceContext:
    """The countries a parsed sentence offers its sector-only actors."""

    country: str | None  # the sentence's (or document's) context country
    places: Counter[str | None]  # countries of the places it names besides its actors
    document: Counter[str | None] | None

    @classmethod
    def of(cls, mentions: list[tuple[Any, Actor]], place_countries: Iterable[str | None],
           document: Counter[str | None] | None) -> SentenceContext:
        places = Counter(c for c in place_countries if is_state(c))
        named = Counter(a.country for _, a in mentions if is_state(a.country))
        named.update(places)
        return cls(context_country(named, document), places, document)

    def complete(self, source: Actor | None, target: Actor | None,
                 needs_target: bool) -> tuple[Actor | None, Actor | None]:
        """Source and target with their context countries."""
        if not needs_target:  # kept without a target, so a wrongly merged target would give a wrong source
            return contextualise(source, target, self.country, self.document)
        src_context = side_context(self.places, target, self.country)
        if target is not None and src_context == target.country and is_weapon(source):
            src_context = None  # "Missiles hit Kyiv": not Ukraine's missiles
        return (with_context_country(source, src_context),
                with_context_country(target, side_context(self.places, source, self.country)))
