"""Attacks reported only by where they happened: "Fierce shelling in Idlib city", "Drone
strike in Oromia", "Clashes in the southern countryside of Aleppo".

Why: monitors and wire services (SOHR, UCDP's sources) report much violence as a bare noun
phrase with a place and no named side.  Such a sentence is a violent event with an unknown
source, like an agentless passive (``ladder.agentless``); its target is the place's country,
as PETRARCH codes the place of "shelled Kharkiv".  Only for the concrete attack nouns of
``lexicons/placed_attack_nouns.tsv`` (not "war", "conflict", "violence": "prices rose amid
the war in Ukraine" reports no attack), only when the sentence has no other event, and only
when the noun has no author of its own (then the ordinary noun rules code it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from spacy.tokens import Span, Token

from ladder.agentless import no_one_acted, violent_noun
from ladder.event_syntax import word_list
from ladder.target_rules import covers
from ladder.trigger_match import TriggerMatch
from ladder.types import Actor

#: prepositions that place an attack ("in", "on" for "air strikes on Hawija")
PLACE_PREPS = frozenset({"in", "on", "near", "at", "across", "outside", "inside"})
Resolve = Callable[[Token], tuple[Span | None, list[Actor]]]


def placed_attacks(sent: Span, triggers: Any, resolve: Resolve,
                   authored: Callable[[Token], bool]) -> Iterator[tuple[Token, TriggerMatch, Span, list[Actor]]]:
    """(attack noun, its lexicon match, place phrase, the place's actors) for each attack noun
    of ``sent`` placed in a country, town or region; ``authored(noun)``: the noun names its
    author (a possessor or modifier that is an actor)."""
    nouns = word_list("placed_attack_nouns.tsv")
    seen: set[str] = set()  # one event per place country: "clashes in Aleppo and in Homs"
    for tok in sent:
        # "Fierce shelling in Idlib city", parsed as a verb without subject or object
        gerund = tok.tag_ == "VBG" and tok.dep_ in ("ROOT", "xcomp") and not any(
            c.dep_ in ("nsubj", "aux", "dobj") for c in tok.children)
        if (tok.pos_ != "NOUN" and not gerund) or tok.dep_ == "compound" \
                or (tok.lemma_.lower() not in nouns and tok.lower_ not in nouns):
            continue
        match = violent_noun(tok, triggers, gerund=gerund)
        if match is None or authored(tok) or no_one_acted(tok) or _dated(tok) or _planned(tok):
            continue
        if "#" not in (match.pattern_id or "#") and tok.lemma_.lower() in _BARE_AMBIGUOUS:
            continue  # "protests and strikes in Israel", "the Tianjin blasts": walk-outs, accidents
        for place in _places(tok):
            span, actors = resolve(place)
            # "strikes on Kherson" names the place itself, "attacks on websites in the UK" does not
            direct = place.head.lower_ != "on"
            actors = [a for a in actors if a.country is not None and a.sector is None and a.code not in seen
                      and (direct or covers(a, place))]
            if span is not None and actors:
                seen.update(a.code for a in actors)
                yield tok, match, span, actors
                break


#: attack nouns that are something else when bare: "strikes" of workers, a chemical plant's
#: "blast" ("air strike", "suicide blast", "car bomb explosion" are lexicon patterns and count)
_BARE_AMBIGUOUS = frozenset({"strike", "blast", "explosion"})
#: what an attack may be the plan, fear or end of: "plans for a ground attack", "a pause in
#: the bombing" (no attack then)
_UNREAL = frozenset({"plan", "threat", "fear", "risk", "possibility", "prospect", "warning", "preparation",
                     "pretext", "rehearsal", "simulation", "pause", "halt", "lull", "end", "cessation",
                     "suspension", "stop", "ceasefire", "truce", "moratorium"})
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december", "9/11"})


def _dated(noun: Token) -> bool:
    """"the 11 September 2001 attacks", "the 2008 Mumbai attacks": a past attack named by
    its date is a reference, not news of one."""
    return any(t.lower_ in _MONTHS or (t.like_num and len(t.text) == 4 and t.text[:2] in ("19", "20"))
               for left in noun.lefts for t in left.subtree)


def _planned(noun: Token) -> bool:
    """"Israel draws up plan for Gaza ground attack", "a pause in the bombing": no attack."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in ("for", "of", "in", "to", "on") \
        and prep.head.lemma_.lower() in _UNREAL


def _places(noun: Token) -> Iterator[Token]:
    """Objects of the noun's place prepositions, then of its conjuncts' ("clashes and air
    strikes on X"), then the noun's own place modifier ("Mogadishu blast")."""
    copula = [noun.head] if noun.dep_ == "attr" and noun.head.lemma_ == "be" else []  # "There was fighting in X"
    for head in (noun, *(c for c in noun.children if c.dep_ == "conj"), *copula):
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ in PLACE_PREPS:
                for g in (g for g in p.children if g.dep_ == "pobj"):
                    yield g
                    if p.lower_ == "on":  # "strike on Ukraine space plant in Dnipro"
                        yield from (c for c in g.children if c.dep_ == "compound" and c.pos_ == "PROPN")
                        yield from (o for q in g.children if q.dep_ == "prep" and q.lower_ in PLACE_PREPS
                                    for o in q.children if o.dep_ == "pobj")
    yield from (c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN")
