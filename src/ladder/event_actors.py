"""Who the phrases around a predicate name: the source/target actors of a candidate event.

Why a module: ``events`` finds the argument heads from the parse; turning a head into
actors has its own rules (a common-noun apposition only describes, "its forces" belong to
the possessor, "a spokesman for HRW" speaks for the organisation, a headline's trailing
speaker is nobody's argument, a country and its own state organs form no dyad).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Span, Token

from ladder.event_syntax import is_pronoun, phrase, word_list
from ladder.lexicon import agent_words
from ladder.target_rules import NON_STATE, inner_target
from ladder.types import Actor

#: sectors that are organs of the state: "Turkey" and "the Turkish military" are one actor
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
#: sectors of armed non-state actors: their "bombing" is a planted or thrown bomb (183)
NON_STATE_ARMED = frozenset({"REB", "SEP", "INS", "UAF", "CRM"})
#: sectors whose members act: a noun modifier of an event names its author only with one of
#: these ("police shooting", "rebel attack"), not a place or building ("mosque bombing")
ACTING_SECTORS = STATE_SECTORS | NON_STATE_ARMED | {"OPP"}


def resolve_head(resolver: Any, head: Token, date: str | None, role: str,
                 antecedents: list[tuple[Span, Actor]]) -> tuple[Span, list[Actor]]:
    if is_pronoun(head):
        prior = [(s, a) for s, a in antecedents if s.start < head.i]
        return head.doc[head.i : head.i + 1], list(resolver.resolve_pronoun(head, prior))
    span = phrase(head)
    if role == "source" and head.dep_ == "compound" and head.pos_ == "NOUN":
        # "Israeli police killing", "Colombia rebel attack": the modifiers before a noun
        # modifier belong to it ("Israeli police"), though parsed as the event noun's own
        left = head.i
        while left - 1 >= head.sent.start and head.doc[left - 1].head is head.head \
                and head.doc[left - 1].dep_ in ("amod", "compound", "nmod"):
            left -= 1
        span = head.doc[min(left, span.start) : span.end]
        actors = [a for a in resolver.resolve(span, date=date, role=role) if a.sector in ACTING_SECTORS]
        return span, actors  # "a mosque bombing": a building names where, not who
    if any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in head.children):
        # "Pakistan, a key U.S. ally, ...": the head names the actor, a common-noun
        # apposition only describes it; it is used when the head alone names no country
        # (a proper-noun apposition is a name or, parsed oddly, a coordinated member)
        bare = phrase(head, frozenset({"appos"}))
        actors = list(resolver.resolve(bare, date=date, role=role))
        if actors and all(a.country is not None for a in actors):
            return bare, actors
    actors = list(resolver.resolve(span, date=date, role=role))
    if role == "source" and (owner := _possessor_country(resolver, head, actors, antecedents)):
        # "Russia said its forces had destroyed ...": the forces are Russia's
        actors = [replace(a, country=owner, code=f"{owner}{a.code}", why=f"{a.why}; country of its possessor")
                  for a in actors]
    if actors and all(a.country is None and _person_agent(a) for a in actors):
        # "a spokesman for Human Rights Watch": the person speaks for the organisation
        for p in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "for"):
            for obj in (g for g in p.children if g.dep_ == "pobj"):
                org = phrase(obj)
                found = [a for a in resolver.resolve(org, date=date, role=role)
                         if (a.why or "").startswith(("organizations:", "groups:"))]
                if found:
                    return head.doc[span.start : org.end], found
    if actors and all(a.country is None and a.sector in NON_STATE for a in actors):
        # "a militant group based in Gaza": the group is where it is based
        for acl in (c for c in head.children if c.dep_ == "acl" and c.lower_ == "based"):
            where = inner_target(acl, actors, lambda t: resolve_head(resolver, t, date, "target", []),
                                 preps=frozenset({"in"}))
            if where is not None:
                return span, where[1]
    return span, actors


def unlisted_person(verb: Token, heads: list[Token]) -> tuple[Span, list[Actor]] | None:
    """The victim of physical violence named only by a personal name ("militants shot dead
    Kifayat Mir"), as a private person (sector CVL; its country comes from the sentence), or
    None.  Once NER has run the name must be a PERSON entity; before, a proper noun will do
    (the pre-NER pass only decides which sentences NER sees)."""
    if verb.lemma_.lower() not in word_list("violence_on_persons.tsv"):
        return None
    ner = verb.doc.has_annotation("ENT_IOB")
    for h in heads:
        if h.pos_ == "PROPN" and (h.ent_type_ == "PERSON" or not ner):
            names = [t for t in h.subtree if t.pos_ == "PROPN" and t.dep_ in ("compound", "flat")]
            span = h.doc[min([h.i, *(t.i for t in names)]) : h.i + 1]  # the name, not "dead"
            return span, [Actor(text=span.text, code="CVL", country=None, sector="CVL",
                                span=(span.start_char, span.end_char), why="person:unlisted")]
    return None


def _possessor_country(resolver: Any, head: Token, actors: list[Actor],
                       antecedents: list[tuple[Span, Actor]]) -> str | None:
    """Country of the antecedent of a possessive pronoun ("its forces", "their troops")
    in front of a sector-only actor; None when there is none or it has no country."""
    if not actors or not all(a.country is None and a.sector for a in actors):
        return None
    for poss in (c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her")):
        prior = [(s, a) for s, a in antecedents if s.start < poss.i]
        for owner in resolver.resolve_pronoun(poss, prior):
            if owner.country is not None:
                return str(owner.country)
    return None


def _person_agent(actor: Actor) -> bool:
    why = actor.why or ""
    if not why.startswith("agents:") or "+" in why:
        return False
    entry = agent_words().get(why.split(":", 1)[1].lower())
    return entry is not None and entry.person


def first_actors(resolver: Any, heads: list[Token], date: str | None, role: str,
                 antecedents: list[tuple[Span, Actor]], cut: int | None = None) -> tuple[Span | None, list[Actor]]:
    for h in _before(heads, cut):
        span, actors = resolve_head(resolver, h, date, role, antecedents)
        if actors and role == "target" and _own_organ(h, actors):
            continue  # "strengthened its forces in Lebanon": the target is Lebanon
        if not is_pronoun(h) and (role == "target" or actors):
            # "a camp for Congolese refugees", "students in Iran protested"
            # the place phrase is read as a target would be: a city names its country
            inner = inner_target(h, actors, lambda t: resolve_head(resolver, t, date, "target", antecedents),
                                 local=role == "source")
            if inner is not None:  # a victim placed by its phrase stays the span ("persons in Peshawar")
                span, actors = (inner[0] if not actors or span is None else span), inner[1]
        if actors:
            return span, actors
    return None, []


def _before(heads: list[Token], cut: int | None) -> list[Token]:
    """Heads before a headline's trailing speaker ("... kills 22 - Zelensky"); a head behind
    it leaves the words of its phrase that precede the dash ("shell Kharkiv - Ukrainian
    officials" parsed as one object: Kharkiv)."""
    if cut is None:
        return heads
    out: list[Token] = []
    for h in heads:
        if h.i < cut:
            out.append(h)
        else:
            out.extend(t for t in h.subtree if t.i < cut and t.pos_ in ("NOUN", "PROPN") and t.head.i >= cut)
    return out


def _own_organ(head: Token, actors: list[Actor]) -> bool:
    """ "its forces", "their police": the subject's own sector-only organ, not a target."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children) \
        and all(a.country is None for a in actors)




def kind_adjective(span: Span | None, actors: list[Actor]) -> bool:
    """"military aid", "military action": a sector adjective without a country says what
    kind of event the noun is, not who did it (a demonym, "Russian invasion", still does)."""
    return (span is not None and span.root.dep_ == "amod" and span.root.pos_ == "ADJ"
            and all(a.country is None and a.name is None for a in actors))


def same_actor(a: Actor, b: Actor) -> bool:
    """No dyad: the same actor, or a country and an organ of its state ("Turkey" / "Turkish
    military").

    Domestic events between two sectors (opposition vs police) stay, and so do events
    between a country and its non-state actors ("Iraqi Kurds demanded independence from
    Iraq", "rebels shelled Sudan's capital").
    """
    if a.code == b.code:
        # "unknown gunmen assassinate two SDF soldiers": gunmen who only took the country of
        # the sentence are not the named group they attack
        return not any(x.name is None and (y.why or "").startswith("groups:") for x, y in ((a, b), (b, a)))
    if a.country is None or a.country != b.country:
        return False
    for x, y in ((a, b), (b, a)):
        if x.sector is None and _names_country(x) and (y.sector is None or y.sector in STATE_SECTORS):
            return True
    return False


def _names_country(actor: Actor) -> bool:
    """Mentioned by the country's own name or demonym (not a city, not a capital)."""
    why = actor.why or ""
    return why.startswith("countries:") and not why.endswith(":capital")


def kin_only(actor: Actor | None) -> bool:
    """An actor named only by a kinship noun ("his wife", ``lexicons/kin_victims.tsv``): a
    civilian victim of violence, never a party to any other event, and as an attacker a
    private person ("shot dead by her brother" is violence by someone unknown)."""
    if actor is None:
        return False
    parts = (actor.why or "").split("+")  # "countries:USA+agents:wife": a country from the context
    words = [p.split(":", 1)[1].lower() for p in parts if p.startswith("agents:")]
    return bool(words) and all(w in word_list("kin_victims.tsv") for w in words) \
        and all(p.startswith(("agents:", "countries:")) for p in parts)
