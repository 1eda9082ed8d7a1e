"""Candidate events from a parsed sentence: predicate, source phrase, target phrase.

Why syntax first: the bottleneck of event coding is pairing the *right* actors with
the predicate, not naming the event type.  This module only finds who-did-what-to-whom
candidates from the dependency parse (active and passive voice, conjoined verbs,
control verbs, reported speech, nominal events such as "Russia's invasion of Ukraine",
compound actors, pronouns).  Which code a candidate gets is decided in ``coding.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from ladder.target_rules import inner_target
from ladder.types import Actor

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJ_DEPS = frozenset({"dobj", "dative", "obj", "iobj"})
#: prepositions that commonly introduce the target of a political action
DEFAULT_TARGET_PREPS = (
    "against", "on", "with", "to", "at", "into", "toward", "towards", "in", "upon",
    "from", "over", "for", "across", "near", "inside", "between",
)
#: dependents that belong to an argument phrase but not to the actor mention
_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "parataxis", "ccomp", "mark"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "its", "their", "his", "her", "them", "him"})
#: verbs whose "of"-complement has the verb's object as implicit subject
#: ("Russia accused Ukraine of shelling Kharkiv" -> Ukraine shelled Kharkiv, reported)
_ACCUSATION_LEMMAS = frozenset({"accuse", "blame", "charge", "suspect", "condemn", "criticize", "criticise"})


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


def phrase(head: Token, cut: frozenset[str] = frozenset()) -> Span:
    """The mention phrase headed by ``head``: its subtree minus clauses hanging off it
    (and minus ``cut`` dependents of the head, e.g. its apposition)."""
    keep: list[int] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        keep.append(tok.i)
        for child in tok.children:
            if child.dep_ in _CUT_DEPS and child.i != head.i:
                continue
            if tok.i == head.i and child.dep_ in cut:
                continue
            if child.dep_ == "prep" and child.lower_ not in ("of",) and tok.i == head.i:
                continue  # "troops in the east" -> "troops"; "president of Russia" stays
            stack.append(child)
    doc = head.doc
    start, end = min(keep), max(keep) + 1
    # trim determiners/punctuation at the edges ("the", ",")
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children)


def subject_heads(verb: Token) -> list[Token]:
    """Grammatical subjects of ``verb``, inherited through conjunction/control/relative clauses."""
    subs = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
    if subs:
        return subs
    loose = [c for c in verb.lefts if c.dep_ == "dep" and c.pos_ in ("PROPN", "NOUN")]
    if loose and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return loose  # headline infinitive: "UK to sanction Russia"
    head = verb.head
    if verb.dep_ == "conj" and head is not verb and head.pos_ in ("VERB", "AUX"):
        return subject_heads(head) if not is_passive(head) else agent_heads(head)
    if verb.dep_ in ("xcomp",) and head is not verb:
        # "X urged Y to attack": Y is the subject; "X agreed to meet Y": X is
        objs = [c for c in head.children if c.dep_ in OBJ_DEPS]
        return objs or subject_heads(head)
    if verb.dep_ == "acomp" and head is not verb and head.pos_ in ("VERB", "AUX"):
        return subject_heads(head)  # "it is prepared to impose"
    if verb.dep_ == "relcl" and head is not verb and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [head]
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        return [head]  # "troops attacking the city"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lemma_ in _ACCUSATION_LEMMAS:
        objs = [c for c in head.head.children if c.dep_ in OBJ_DEPS]
        return objs
    return []


def agent_heads(verb: Token) -> list[Token]:
    """The "by" agents of a passive verb."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "agent":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def object_heads(verb: Token, preps: Iterable[str] = DEFAULT_TARGET_PREPS) -> list[Token]:
    """Possible target heads, best first: direct object, then prepositional objects."""
    allowed = tuple(preps)
    direct = [c for c in verb.children if c.dep_ in OBJ_DEPS]
    out: list[Token] = list(direct)
    prep_objs: list[tuple[int, Token]] = []
    holders = [verb, *direct]
    for holder in holders:
        for p in holder.children:
            if p.dep_ == "prep" and p.lower_ in allowed:
                for g in p.children:
                    if g.dep_ == "pobj":
                        prep_objs.append((allowed.index(p.lower_), g))
    prep_objs.sort(key=lambda x: x[0])
    out.extend(g for _, g in prep_objs)
    return out


def possessor_or_modifier(noun: Token) -> list[Token]:
    """Source of a nominal event: "Russia's invasion", "the Russian invasion", "invasion by Russia"."""
    out: list[Token] = [c for c in noun.children if c.dep_ == "poss"]
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    out.extend(c for c in noun.children if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "PROPN"))
    return out


def noun_targets(noun: Token, preps: Iterable[str]) -> list[Token]:
    out: list[Token] = []
    allowed = tuple(preps)
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in allowed:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def is_pronoun(tok: Token) -> bool:
    return tok.lower_ in _PRONOUNS or (tok.pos_ == "PRON" and tok.lower_ not in ("who", "which", "that"))


def _resolve(resolver: Any, head: Token, date: str | None, role: str,
             antecedents: list[tuple[Span, Actor]]) -> tuple[Span, list[Actor]]:
    if is_pronoun(head):
        prior = [(s, a) for s, a in antecedents if s.start < head.i]
        return head.doc[head.i : head.i + 1], list(resolver.resolve_pronoun(head, prior))
    span = phrase(head)
    if any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in head.children):
        # "Pakistan, a key U.S. ally, ...": the head names the actor, a common-noun
        # apposition only describes it; it is used when the head alone names no country
        # (a proper-noun apposition is a name or, parsed oddly, a coordinated member)
        bare = phrase(head, frozenset({"appos"}))
        actors = list(resolver.resolve(bare, date=date, role=role))
        if actors and all(a.country is not None for a in actors):
            return bare, actors
    return span, list(resolver.resolve(span, date=date, role=role))


def _first_actors(resolver: Any, heads: list[Token], date: str | None, role: str,
                  antecedents: list[tuple[Span, Actor]]) -> tuple[Span | None, list[Actor]]:
    for h in heads:
        span, actors = _resolve(resolver, h, date, role, antecedents)
        if actors and role == "target" and _own_organ(h, actors):
            continue  # "strengthened its forces in Lebanon": the target is Lebanon
        if role == "target" and not is_pronoun(h):  # "a camp for Congolese refugees"
            inner = inner_target(h, actors, lambda t: _resolve(resolver, t, date, role, antecedents))
            if inner is not None:
                span, actors = inner
        if actors:
            return span, actors
    return None, []


def _own_organ(head: Token, actors: list[Actor]) -> bool:
    """ "its forces", "their police": the subject's own sector-only organ, not a target."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children) \
        and all(a.country is None for a in actors)


def _pairs(sent: Span, pred: Token, src_span: Span | None, sources: list[Actor],
           tgt_span: Span | None, targets: list[Actor], match: Any, nominal: bool,
           reciprocal_ok: bool) -> list[Candidate]:
    out: list[Candidate] = []
    if sources and not targets and reciprocal_ok and len(sources) > 1:
        # "Czechia and Albania upgraded their ties": each side acts on the other
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


#: sectors that are organs of the state: "Turkey" and "the Turkish military" are one actor
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def same_actor(a: Actor, b: Actor) -> bool:
    """No dyad: the same actor, or a country and an organ of its state ("Turkey" / "Turkish
    military").

    Domestic events between two sectors (opposition vs police) stay, and so do events
    between a country and its non-state actors ("Iraqi Kurds demanded independence from
    Iraq", "rebels shelled Sudan's capital").
    """
    if a.code == b.code:
        return True
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


def _modifies_thing(span: Span) -> bool:
    """A sector word modifying a non-actor noun ("military offensive", "police station")."""
    last = span[-1]
    head = last.head
    return (len(span) == 1 and last.dep_ in ("amod", "compound", "nmod") and head.pos_ == "NOUN"
            and head.i >= span.end and last.pos_ == "ADJ")


def _subtree_target(pred: Token, src_span: Span | None, antecedents: list[tuple[Span, Actor]],
                    resolver: Any = None, date: str | None = None) -> tuple[Span | None, list[Actor]]:
    """Fallback target: the first actor mentioned inside the predicate's own phrase.

    Catches targets the small parser attaches oddly ("demanded that the DPRK forsake",
    "rejected a fresh offer from Afghanistan", "rioted at a jail in Israel").  Mentions
    after the predicate are preferred; the source's own words never count.  The
    classifier's "no event" verdict guards against a wrong pick.
    """
    lo, hi = pred.left_edge.i, pred.right_edge.i
    best: tuple[Span, Actor] | None = None
    for span, mention in antecedents:
        if span.start < lo or span.end - 1 > hi or _modifies_thing(span):
            continue
        if src_span is not None and span.start < src_span.end and src_span.start < span.end:
            continue
        if span.start < pred.i:
            continue
        actor = mention
        if resolver is not None:  # as a target: a capital is the place, not its government
            actor = next(iter(resolver.resolve(span, date=date, role="target")), mention)
        if best is None or span.start < best[0].start:
            best = (span, actor)
    if best is None and resolver is not None:
        # places are actors only as targets, so the mention list leaves them out
        for tok in pred.subtree:
            if tok.i > pred.i and tok.pos_ == "PROPN" and tok.dep_ in ("pobj", "dobj", "conj", "appos"):
                span = phrase(tok)
                if src_span is not None and span.start < src_span.end and src_span.start < span.end:
                    continue
                actors = list(resolver.resolve(span, date=date, role="target"))
                if actors:
                    return span, actors[:1]
    if best is None:
        return None, []
    return best[0], [best[1]]


def _reported_demand(match: Any) -> bool:
    """A statement verb matched as "X said Y must/should do Z" (``triggers._reported_demand``)."""
    return match is not None and getattr(match, "modality", None) in ("must", "should") \
        and getattr(match, "target_token", None) is not None


def find_candidates(sent: Span, resolver: Any, triggers: Any, date: str | None,
                    antecedents: list[tuple[Span, Actor]],
                    is_reporting: Any = None) -> list[Candidate]:
    """All who-did-what-to-whom candidates of one parsed sentence.

    ``resolver`` is an ``ActorResolver``; ``triggers`` a ``TriggerLexicon``;
    ``is_reporting(token)`` tells reporting verbs ("said") that only carry attribution.
    A candidate needs at least a source actor; targets may be missing.
    """
    out: list[Candidate] = []
    claimed_nouns: set[int] = set()
    consumed: set[int] = set()  # complements already coded inside a frame ("threatened to invade")
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass", "amod")]
    matches = {t.i: triggers.match_verb(t) for t in verbs}
    reporting = set()
    for t in verbs:
        has_ccomp = any(c.dep_ in ("ccomp", "parataxis") for c in t.children)
        if _reported_demand(matches[t.i]):
            pass  # "X said Y must do Z": the saying is X's demand on Y, an event of its own
        elif is_reporting is not None and is_reporting(t) and (
                has_ccomp or t.dep_ in ("parataxis", "ccomp") or matches[t.i] is None):
            reporting.add(t.i)  # "X said (that) ...": attribution, not an event of its own
            continue
        m = matches[t.i]
        if m is not None:
            consumed.update(x.i for x in m.trigger if x.i != t.i)
    for tok in verbs:
        if tok.i in consumed or tok.i in reporting:
            continue
        match = matches[tok.i]
        if match is None and (tok.pos_ == "AUX" or not any(
                c.dep_ in OBJ_DEPS and c.pos_ == "NOUN" and triggers.match_noun(c) is not None
                for c in tok.children)):
            continue  # no event here; an unmatched verb only claims an event-noun object
        preps = getattr(match, "target_preps", None) or DEFAULT_TARGET_PREPS
        # the trigger's own words (frame complements, light-verb nouns) can hold the target
        holders = [tok] + [x for x in (match.trigger if match is not None else ())
                           if x.i != tok.i and x.pos_ in ("VERB", "NOUN")]
        tgt_heads = []
        if is_passive(tok):
            src_heads = agent_heads(tok)
            tgt_heads = [c for c in tok.children if c.dep_ in PASSIVE_SUBJ_DEPS]
        else:
            src_heads = subject_heads(tok)
        exact = getattr(match, "target_token", None)
        if exact is not None:
            tgt_heads.insert(0, exact)  # the lexicon knows the target ("said Sudan must ...")
        for h in holders:
            tgt_heads += object_heads(h, preps)
        if match is not None and not getattr(match, "target_dobj", True):
            tgt_heads = [h for h in tgt_heads if h.dep_ not in OBJ_DEPS]
        src_span, sources = _first_actors(resolver, src_heads, date, "source", antecedents)
        if not sources:
            continue
        if _reported_demand(match) and exact is not None:
            if is_pronoun(exact):
                continue  # "Iran said it must defend itself": mostly the speaker itself
            tgt_heads = [exact]  # the demand is on the complement's subject, or it is no event
        tgt_span, targets = _first_actors(resolver, tgt_heads, date, "target", antecedents)
        if not targets and _reported_demand(match):
            continue  # "X said the rules must change": no actor to demand from
        if not targets:
            tgt_span, targets = _subtree_target(tok, src_span, antecedents, resolver, date)
        for c in tok.children:
            if c.dep_ in OBJ_DEPS:
                claimed_nouns.add(c.i)
        reciprocal_ok = tok.lemma_ in ("meet", "talk", "agree", "sign", "upgrade", "restore", "negotiate", "clash", "fight", "discuss", "hold", "resume", "normalize", "normalise", "establish")
        cands = _pairs(sent, tok, src_span, sources, tgt_span, targets, match, False, reciprocal_ok)
        if tok.dep_ == "pcomp" and tok.head.head.lemma_ in _ACCUSATION_LEMMAS:
            for cand in cands:
                cand.claim_of = tok.head.head
        out.extend(cands)
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.i in claimed_nouns:
            continue
        match = triggers.match_noun(tok)
        if match is None:
            continue
        preps = getattr(match, "target_preps", None) or ("of", "on", "against", "with", "in", "into", "to")
        src_span, sources = _first_actors(resolver, possessor_or_modifier(tok), date, "source", antecedents)
        if not sources:
            continue
        tgt_span, targets = _first_actors(resolver, noun_targets(tok, preps), date, "target", antecedents)
        if not targets:
            continue  # "Ukraine war:", "the Russian invasion": a noun alone names no dyad
        out.extend(_pairs(sent, tok, src_span, sources, tgt_span, targets, match, True, False))
    return out
