"""Targets the argument heads miss (used by ``ladder.events``): inside a prepositional
phrase of the object noun, or anywhere in the predicate's own phrase (``subtree_target``).

"attacked a camp for Congolese refugees", "retook a village in western Cambodia",
"shelled a market near Kharkiv": the object noun is a thing or a place-like word
without a country, and the actor hit is the one named in its prepositional phrase.

The same completion applies to a sector-only source ("students in Iran protested",
"opposition activists in Syria accused ..."), which otherwise gets no country when the
sentence names several.

Kept narrow on purpose:
* only when the object phrase itself names no actor, or only a sector-only actor of a
  non-state sector (villagers, refugees, students …) — never a state organ, because
  "deployed troops in Iraq" or "the embassy in Kabul" belong to somebody else;
* only the object's own prepositional phrases with a place/beneficiary sense, one level deep;
* the phrase's actor must have a country (a bare "civilians" adds nothing) and must be
  named by the prepositional object itself, not by a modifier ("relations", "square").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from spacy.tokens import Span, Token

from ladder.event_syntax import phrase, word_list
from ladder.lexicon import make_code
from ladder.types import Actor

#: prepositions of an object noun that say where it is or whom it belongs to
INNER_PREPS = frozenset({"in", "for", "near", "outside", "inside", "at", "from", "across"})
#: sectors of a sector-only head the phrase may complete ("villagers in X", "students from X")
NON_STATE = frozenset({"CVL", "REF", "EDU", "MED", "HLH", "LAB", "AGR", "REL", "BUS", "ENV", "OPP", "REB"})

#: state organs a place phrase makes domestic ("police in Egypt", "the court in Cairo"),
#: except the officials of ``lexicons/envoy_agents.tsv`` ("the embassy in Kabul")
LOCAL_STATE = frozenset({"COP", "GOV", "JUD", "LEG"})

Resolve = Callable[[Token], tuple[Span, list[Actor]]]


#: "Kabul city", "Peshawar town": a settlement word after the place's name
SETTLEMENT_WORDS = frozenset({"city", "town", "village", "area", "district", "province"})

#: prepositions of a predicate that say where it happened ("killed civilians in Gaza")
LOCATION_PREPS = frozenset({"in", "near", "inside", "outside", "across", "at"})


def inner_target(head: Token, actors: list[Actor], resolve: Resolve,
                 preps: frozenset[str] = INNER_PREPS, local: bool = False) -> tuple[Span, list[Actor]] | None:
    """A better target from ``head``'s prepositional phrases, or None to keep ``actors``.

    ``head`` is the object noun, or the predicate itself with ``LOCATION_PREPS``: a
    countryless non-state target takes the country of the place the event happened in.
    ``local``: a countryless state organ (``LOCAL_STATE``) takes the country of its own
    "in" phrase too ("police in Egypt detained ...": the source is EGYCOP)."""
    state = local and bool(actors) and all(_local_organ(a) for a in actors)
    # "expelled diplomats from Germany": an envoy's "from" phrase is whom they serve
    envoy = not state and "from" in preps and bool(actors) and all(_envoy(a) for a in actors)
    if actors and not state and not envoy and not all(a.country is None and a.sector in NON_STATE for a in actors):
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps or (state and prep.lower_ != "in") \
                or (envoy and prep.lower_ != "from"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            span, found = resolve(obj)
            # the object word itself must be the actor: "the Egyptian square" names a place, not
            # Egypt; "Kabul city" is the place Kabul
            named = [obj, *(c for c in obj.children if c.dep_ == "compound")] \
                if obj.lower_ in SETTLEMENT_WORDS else [obj]
            found = [a for a in found if a.country is not None and any(covers(a, t) for t in named)
                     and not (preps is LOCATION_PREPS and (a.why or "").endswith(":demonym"))]  # "in Israeli (shelling)"
            if not found:
                continue
            if not actors:
                return span, found
            country = found[0].country
            return span, [replace(a, country=country, code=make_code(country, a.sector),
                                  why=f"{a.why}+{found[0].why}") for a in actors]
    return None


def protest_place(pred: Token, trigger: Iterable[Token], resolve: Resolve) -> tuple[Span | None, list[Actor]]:
    """A protest (CAMEO 14) that names no target is against the state of the place it
    happened in ("took to the streets in Yangon", "rallied in Hamburg"), as the PLOVER gold
    standard codes it; no place, no target."""
    for head in (pred, *trigger):
        where = inner_target(head, [], resolve, preps=LOCATION_PREPS)
        if where is not None:
            return where
    return None, []


def envoy_origin(pred: Token, actors: list[Actor], resolve: Resolve) -> list[Actor] | None:
    """Countryless envoys with the countries of the predicate's "from" phrase, or None:
    "expelled diplomats from Germany and Poland" (the parser hangs the phrase on the verb)
    are German and Polish diplomats, one actor each."""
    if not actors or not all(_envoy(a) for a in actors):
        return None
    for prep in pred.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            found = [f for f in resolve(obj)[1] if f.country is not None]
            if found:
                return [replace(a, country=f.country, code=make_code(f.country, a.sector), why=f"{a.why}+{f.why}")
                        for f in found for a in actors]
    return None


def why_agent_words(actor: Actor) -> list[str]:
    """The agent words (``agents.tsv`` phrases) an actor was resolved from, lower case."""
    return [p.split(":", 1)[1].lower() for p in (actor.why or "").split("+") if p.startswith("agents:")]


def _envoy(actor: Actor) -> bool:
    """A countryless envoy ("diplomats", "the ambassador": ``lexicons/envoy_agents.tsv``)."""
    words = why_agent_words(actor)
    return actor.country is None and bool(words) and all(w in word_list("envoy_agents.tsv") for w in words)


def _local_organ(actor: Actor) -> bool:
    words = why_agent_words(actor)
    implied = (actor.why or "").startswith("implied_agents:")  # "were detained in Russia"
    return actor.country is None and actor.sector in LOCAL_STATE and (bool(words) or implied) \
        and not any(w in word_list("envoy_agents.tsv") for w in words)


def covers(actor: Actor, tok: Token) -> bool:
    if actor.span is None:
        return False
    start, end = actor.span
    return start <= tok.idx < end


def _modifies_thing(span: Span) -> bool:
    """A sector word modifying a non-actor noun ("military offensive", "police station")."""
    last = span[-1]
    head = last.head
    return (len(span) == 1 and last.dep_ in ("amod", "compound", "nmod") and head.pos_ == "NOUN"
            and head.i >= span.end and last.pos_ == "ADJ")


def subtree_target(pred: Token, src_span: Span | None, antecedents: list[tuple[Span, Actor]],
                    resolver: Any = None, date: str | None = None,
                    trigger: frozenset[int] = frozenset(), cut: int | None = None,
                    regions: bool = False) -> tuple[Span | None, list[Actor]]:
    """Fallback target: the first actor mentioned inside the predicate's own phrase.

    Catches targets the small parser attaches oddly ("demanded that the DPRK forsake",
    "rejected a fresh offer from Afghanistan", "rioted at a jail in Israel").  Mentions
    after the predicate are preferred; the source's own words never count.  The
    classifier's "no event" verdict guards against a wrong pick.  Nothing from ``cut`` on
    (a headline's trailing speaker) counts.  ``regions`` (violence only): "the countryside
    of", "several areas in" do not count towards the depth limit.
    """
    lo, hi = pred.left_edge.i, pred.right_edge.i
    aside = _circumstance(pred)
    best: tuple[Span, Actor] | None = None
    for span, mention in antecedents:
        if span.start < lo or span.end - 1 > hi or _modifies_thing(span) or span.root.i in aside:
            continue
        if _depth(span.root, pred, regions) > MAX_DEPTH:
            continue
        if src_span is not None and span.start < src_span.end and src_span.start < span.end:
            continue
        if span.start < pred.i or trigger.intersection(range(span.start, span.end)):
            continue  # the trigger's own noun ("provided military intelligence") is no target
        actor = mention
        if resolver is not None:  # as a target: a capital is the place, not its government
            actor = next(iter(resolver.resolve(span, date=date, role="target")), mention)
        if best is None or span.start < best[0].start:
            best = (span, actor)
    if best is None and resolver is not None:
        # places are actors only as targets, so the mention list leaves them out
        for tok in pred.subtree:
            if tok.i > pred.i and tok.pos_ == "PROPN" and tok.dep_ in ("pobj", "dobj", "conj", "appos") \
                    and tok.i not in aside and _depth(tok, pred, regions) <= MAX_DEPTH and (cut is None or tok.i < cut):
                span = phrase(tok)
                if src_span is not None and span.start < src_span.end and src_span.start < span.end:
                    continue
                actors = list(resolver.resolve(span, date=date, role="target"))
                if actors:
                    return span, actors[:1]
    if best is None:
        return None, []
    # coordinated mentions are targets too: "vowed to deliver strikes on Kenya and Uganda"
    root = best[0].root
    conj = {t.i for t in root.conjuncts}
    more = [a for span, a in antecedents if span.root.i in conj and span.root.i not in aside
            and a.code != best[1].code and not (src_span is not None and span.start < src_span.end
                                                and src_span.start < span.end)]
    return best[0], [best[1], *more]


#: prepositions of time, cause and concession: their phrase is the event's circumstance
CIRCUMSTANCE_PREPS = frozenset({"after", "before", "despite", "during", "since", "without", "until",
                                "following", "amid", "because"})


#: dependency steps from the predicate to a fallback target's head: "rejected an offer from X"
#: is 3 (dobj, prep, pobj); deeper mentions sit in other clauses ("rejected a proposal drafted
#: by mediators who met to discuss a truce with X")
MAX_DEPTH = 4


def _depth(tok: Token, pred: Token, regions: bool = False) -> int:
    """Dependency steps from ``tok`` up to ``pred`` (``tok`` lies in ``pred``'s subtree);
    with ``regions``, "the countryside of", "several areas in" (``lexicons/region_nouns.tsv``)
    cost nothing."""
    nouns = word_list("region_nouns.tsv") if regions else frozenset()
    n = 0
    while tok.i != pred.i and tok.head.i != tok.i:
        prep = tok.head
        if (tok.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.i != pred.i
                and prep.head.lower_ in nouns):
            tok = prep.head
            continue
        tok, n = tok.head, n + 1
    return n


def _stranded(pred: Token, conj: Token) -> bool:
    """A preposition of ``pred`` left without its object, shared with the conjoined predicate
    ("signed a pact with and sent aid to X")."""
    inside = {t.i for t in conj.subtree}
    return any(t.dep_ == "prep" and not any(g.dep_ == "pobj" for g in t.children)
               for t in pred.subtree if t.i not in inside and t.i > pred.i and t.i < conj.i)


def _circumstance(pred: Token) -> set[int]:
    """Tokens of the predicate's subordinate clauses, conjoined predicates and time/concession
    phrases: "resigned as protesters threatened ...", "agreed to step down without returning home"
    (purpose infinitives stay: "staged protests to demand reforms by the government")."""
    out: set[int] = set()
    for c in pred.children:
        if (c.dep_ == "advcl" and any(g.dep_ == "mark" for g in c.children)) or (
                c.dep_ == "prep" and c.lower_ in CIRCUMSTANCE_PREPS) or (
                c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not _stranded(pred, c)):
            out.update(t.i for t in c.subtree)
    return out
