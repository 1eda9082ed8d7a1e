"""Candidate events from a parsed sentence: predicate, source phrase, target phrase.

Why syntax first: the bottleneck of event coding is pairing the *right* actors with
the predicate, not naming the event type.  This module only finds who-did-what-to-whom
candidates from the dependency parse (active and passive voice, conjoined verbs,
control verbs, reported speech, nominal events such as "Russia's invasion of Ukraine",
compound actors, pronouns); the argument heads come from ``event_syntax``, fallback
targets from ``target_rules``.  Which code a candidate gets is decided in ``coding.py``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Span, Token

from ladder.agentless import (
    attack_subjects,
    casualty_objects,
    dead_victim,
    death_in_attack,
    death_when,
    lacks_attack_word,
    names_victim,
    no_one_acted,
    violent_noun,
)
from ladder.candidates import Candidate, pairs
from ladder.event_actors import (
    first_actors,
    kin_only,
    kind_adjective,
    resolve_head,
    unlisted_person,
)
from ladder.event_syntax import (
    ACCUSATION_LEMMAS,
    DEFAULT_TARGET_PREPS,
    DEMAND_FRAMES,
    OBJ_DEPS,
    agent_heads,
    between_sides,
    demanded_clauses,
    headline_trailer,
    inverted_speaker,
    is_passive,
    is_pronoun,
    noun_targets,
    object_heads,
    participle_subjects,
    passive_subjects,
    possessor_or_modifier,
    reduced_passive,
    responsibility_claimant,
    shares_reduced_passive,
    stative_objects,
    subject_heads,
    word_list,
)
from ladder.placed_attacks import placed_attacks
from ladder.target_rules import (
    LOCATION_PREPS,
    Resolve,
    envoy_origin,
    inner_target,
    protest_place,
    subtree_target,
)
from ladder.trigger_data import violent_code
from ladder.types import Actor
from ladder.unnamed_attackers import (
    attack_noun_authors,
    bombing_code,
    capital_modifier,
    chemical_code,
    device_authors,
    device_place,
    implied_agent,
    implied_noun_agent,
    instrument_bombing,
    unnamed_attacker,
    when_clause_attackers,
)

#: sectors that do not attack without a weapon: "hit"/"target"/"strike" by them needs one
UNARMED_SECTORS = frozenset({"MED", "BUS", "EDU", "LAB", "NGO", "HRI", "LEG", "JUD", "HLH", "AGR", "REL", "ELI"})

#: CAMEO roots whose object-taking verbs read as reduced passives in headlines: violence
#: and coercion ("French journalist killed near Bakhmut"), and being blamed, charged,
#: sentenced or sanctioned ("Suu Kyi sentenced to four years"): the subject is the patient
HEADLINE_PASSIVE_ROOTS = ("11", "16", "17", "18", "19", "20")


def _hits(resolver: Any, sent: Span) -> int:
    """Lexicon hits (actors, places, agent words) in ``sent``, as the pre-parse filter counts them."""
    return sum(a < sent.end and b > sent.start for a, b in resolver.hit_spans(sent.doc))


def _reported_demand(match: Any) -> bool:
    """A statement verb matched as "X said Y must/should do Z" (``triggers._reported_demand``)."""
    return match is not None and getattr(match, "modality", None) in ("must", "should") \
        and getattr(match, "target_token", None) is not None


def _violent(match: Any) -> bool:
    return match is not None and violent_code(match.code)


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in OBJ_DEPS for c in verb.children)


def _civilian_killed(tok: Token, match: Any, resolver: Any, date: str | None,
                     antecedents: list[tuple[Span, Actor]]) -> bool:
    """"Teen killed as Iran town protests.": a violent verb that needs an object, used without
    one, after a civilian subject is a passive without its auxiliary, final period or not."""
    if not _violent(match) or not match.target_dobj or tok.tag_ not in ("VBD", "VBN") \
            or _has_object(tok) or tok.dep_ not in ("ROOT", "advcl", "conj") \
            or any(c.dep_ in ("aux", "auxpass", "nsubjpass", "ccomp", "xcomp") for c in tok.children):
        return False
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if len(subj) != 1 or is_pronoun(subj[0]):
        return False
    actors = resolve_head(resolver, subj[0], date, "source", antecedents)[1]
    return bool(actors) and all(a.sector == "CVL" for a in actors)


def _device_explodes(match: Any) -> bool:
    """A lexicon reading whose subject is the device ("a bomb exploded / went off"): its
    victims are in the participle that follows, the place is only where it happened."""
    return match is not None and "subj=" in (getattr(match, "pattern_id", None) or "")


def find_candidates(sent: Span, resolver: Any, triggers: Any, date: str | None,
                    antecedents: list[tuple[Span, Actor]],
                    is_reporting: Any = None) -> list[Candidate]:
    """All who-did-what-to-whom candidates of one parsed sentence.

    ``resolver`` is an ``ActorResolver``; ``triggers`` a ``TriggerLexicon``;
    ``is_reporting(token)`` tells reporting verbs ("said") that only carry attribution.
    A candidate needs a source actor (targets may be missing), except agentless violence
    ("three soldiers were killed"), which needs a target.
    """
    out: list[Candidate] = []
    claimed_nouns: set[int] = set()
    consumed: set[int] = set()  # complements already coded inside a frame ("threatened to invade")
    cut = headline_trailer(sent)  # "... - Zelensky": the speaker, no actor of the event
    before_cut = [(s, a) for s, a in antecedents if cut is None or s.start < cut]
    place_of: Resolve = lambda t: resolve_head(resolver, t, date, "target", antecedents)  # noqa: E731
    verbs = [t for t in sent if (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass", "amod"))
             or dead_victim(t)]
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
        entry = triggers.verb_entry(t)
        if (entry is not None and entry.frame in DEMAND_FRAMES) or _reported_demand(m):
            consumed.update(x.i for x in demanded_clauses(t))  # "demanded that Y refuse ..."
            if t.lemma_.lower() != "call":  # "called the invasion a crime" names it
                claimed_nouns.update(c.i for c in t.children if c.dep_ == "dobj")  # "demanding his arrest"
    for t in sent:  # "its demand that Israel ease restrictions"
        if t.pos_ == "NOUN" and (n := triggers.noun_entry(t)) is not None and str(n.code or "")[:2] in ("10", "02"):
            consumed.update(x.i for x in demanded_clauses(t) if x.dep_ != "xcomp")
    for tok in verbs:
        if tok.i in consumed or tok.i in reporting:
            continue
        match = matches[tok.i]
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and _violent(match) and _violent(matches.get(tok.head.i)) \
                and not _device_explodes(matches.get(tok.head.i)):
            continue  # "shelled Kharkiv, killing five civilians": one attack, coded by its main verb
        if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "acl") and lacks_attack_word(tok, triggers):
            continue  # "sanctions targeting ten officials", "tariffs hitting exports": no attack
        if inverted_speaker(tok, sent):
            continue  # "Ukraine war to halve trade growth, warns WTO": the object is the speaker
        if _device_explodes(match) and any(
                c.dep_ == "advcl" and c.tag_ == "VBG" and _violent(matches.get(c.i)) and _has_object(c)
                for c in tok.children):
            continue  # "a bomb exploded in Kandahar, killing two soldiers": coded by the participle
        if casualty_objects(tok):
            match = None  # "two policemen received injuries": no hosting of a visit
        died = match is None and ((death := death_in_attack(tok, triggers)) is not None
                                  or (death := death_when(tok, triggers)) is not None)
        if died:
            match = death  # "two soldiers died in clashes", "... died when militants attacked"
        if match is None and (tok.pos_ == "AUX" or not any(
                c.dep_ in OBJ_DEPS and c.pos_ == "NOUN" and triggers.match_noun(c) is not None
                for c in tok.children)):
            continue  # no event here; an unmatched verb only claims an event-noun object
        preps = getattr(match, "target_preps", None) or (
            () if getattr(match, "preps_given", False) else DEFAULT_TARGET_PREPS)
        # the trigger's own words (frame complements, light-verb nouns) can hold the target
        holders = [tok] + [x for x in (match.trigger if match is not None else ())
                           if x.i != tok.i and x.pos_ in ("VERB", "NOUN")]
        tgt_heads = []
        # "Abramovich sanctioned by UK"; without a "by" agent only for coercion and violence
        # (17-20): "French journalist killed near Bakhmut"
        # "26 insurgents killed in clashes": a violent participle modifying its victims
        relative = (tok.dep_ == "acl" and tok.tag_ == "VBN" and _violent(match)
                    and not lacks_attack_word(tok, triggers))
        passive = died or relative or is_passive(tok) or shares_reduced_passive(tok, sent) or (
            match is not None and match.target_dobj and reduced_passive(
            tok, sent, headline=match.code[:2] in HEADLINE_PASSIVE_ROOTS)) \
            or _civilian_killed(tok, match, resolver, date, antecedents)
        bomb_clause: list[int] = []
        noun_authors = False
        if passive:
            src_heads = agent_heads(tok)
            # "French journalist killed near Bakhmut": the subject is the victim
            tgt_heads = passive_subjects(tok) or [c for c in tok.children if c.dep_ == "nsubj"] or (
                [tok.head] if relative or tok.pos_ == "ADJ" else []) or [c for c in tok.head.children if c.dep_ == "nsubj"
                                                    and shares_reduced_passive(tok, sent)]
            if not src_heads and (stative := stative_objects(triggers, tok)):
                src_heads, tgt_heads = tgt_heads, stative  # "Syria is opposed to Turkish mediation"
        else:
            src_heads = subject_heads(tok) or (participle_subjects(tok) if _violent(match) else [])
        # "shelling kills two children": an attack noun as subject that names no one
        attack_noun = not passive and match is not None and attack_subjects(src_heads, triggers)
        exact = getattr(match, "target_token", None)
        if exact is not None:
            tgt_heads.insert(0, exact)  # the lexicon knows the target ("said Sudan must ...")
        for h in holders:
            tgt_heads += object_heads(h, preps)
        if match is not None and not getattr(match, "target_dobj", True):
            tgt_heads = [h for h in tgt_heads if h.dep_ not in OBJ_DEPS]
        giver_preps: tuple[str, ...] = getattr(match, "giver_preps", ())
        givers = [g for g in object_heads(tok, giver_preps) if g.dep_ == "pobj"]
        if giver_preps:
            # "Kenya received aid from Japan": the giver acts on the receiver; with no giver
            # ("Trump received criticism when ...") the subject is still only the receiver
            src_heads, tgt_heads = givers, src_heads
        if passive and not src_heads and _violent(match):
            src_heads = attack_noun_authors(tok, triggers)  # "killed in Russian shelling"
            noun_authors = bool(src_heads)
            if not src_heads:  # "killed when gunmen opened fire"
                src_heads, clause_code = when_clause_attackers(tok, triggers)
                if (clause_code or "").startswith("183"):  # "... when a suicide bomber blew himself up
                    bomb_clause = [h.head.i for h in src_heads]  # near X": one bombing, not two
                if clause_code is not None and match is not None and match.code in ("180", "190"):
                    match = replace(match, code=clause_code)
        planted = _violent(match) and bool(authors := device_authors(src_heads))
        if planted:
            src_heads = authors  # "a bomb planted by the Taliban went off": the Taliban
        src_span, sources = first_actors(resolver, src_heads, date, "source", antecedents, cut)
        sources = [a for a in sources if not kin_only(a)]  # "shot dead by her brother": unknown
        if sources and _violent(match) and all(a.sector in UNARMED_SECTORS for a in sources) \
                and lacks_attack_word(tok, triggers):
            continue  # "news site targets election workers": no weapon, no armed actor, no attack
        if not sources or (_violent(match) and device_place(src_heads, src_span, sources)) \
                or (noun_authors and capital_modifier(src_heads, sources)):
            src_span, sources = None, []  # "Pakistan roadside blast": where, not who
        unnamed = None if sources or match is None else unnamed_attacker(
            tok, match.code, src_heads, passive, lambda: _hits(resolver, sent))
        if unnamed is not None:
            src_span, sources = unnamed  # "a roadside bomb killed ...": unidentified attackers
        implied = None if sources or match is None else implied_agent(
            tok, match.code, src_heads, passive, lambda: _hits(resolver, sent))
        if implied is not None:  # "50 persons were arrested": the police; "in Russia": Russia's
            where = inner_target(tok, implied[1], place_of, preps=LOCATION_PREPS, local=True)
            src_span, sources = None, where[1] if where is not None else implied[1]
        # (needs an actor mention in the sentence, as the fast path's pre-filter does)
        agentless = (not sources and _violent(match) and bool(antecedents)
                     and (died or attack_noun or (passive and triggers.agentless_capable(tok)))
                     and not no_one_acted(tok) and not lacks_attack_word(tok, triggers))
        if not sources and not agentless:
            continue
        if _reported_demand(match) and exact is not None:
            if is_pronoun(exact):
                continue  # "Iran said it must defend itself": mostly the speaker itself
            tgt_heads = [exact]  # the demand is on the complement's subject, or it is no event
        if tok.pos_ == "ADJ" and tok.head.left_edge.i < tok.i:  # "Three Afghan policemen | dead in ..."
            victims = sent.doc[tok.head.left_edge.i : tok.i]
            tgt_span: Span | None = victims
            targets = list(resolver.resolve(victims, date=date, role="target"))
        else:
            tgt_span, targets = first_actors(resolver, tgt_heads, date, "target", antecedents, cut)
        if sources and _violent(match) and (person := unlisted_person(tok, tgt_heads[:1])) \
                and (tgt_span is None or not (person[0].start < tgt_span.end and tgt_span.start < person[0].end)):
            # "militants shot dead Kifayat Mir (in Sopore)": a private person, unless the name
            # itself is an actor; a place inside the victim's phrase only gives the country
            home = next((t.country for t in targets if t.country), None)
            tgt_span, targets = person[0], [replace(a, country=home, code=f"{home or ''}{a.code}")
                                             for a in person[1]]
        if not targets and (_reported_demand(match) or implied is not None):
            continue  # "X said the rules must change": no actor to demand from
        if attack_noun and match is not None and match.code in ("180", "190") \
                and (how := violent_noun(src_heads[0], triggers)) is not None:
            match = replace(match, code=how.code)  # "a blast killed ...": the attack noun says how
        if match is not None and match.code[:2] in ("18", "19") and (chem := chemical_code(sent)):
            match = replace(match, code=chem)  # "attacked with chlorine gas": a chemical attack
        elif (agentless or unnamed is not None or planted) \
                and match is not None and match.code in ("180", "190") and (bomb := bombing_code(sent)):
            match = replace(match, code=bomb)  # "killed when a suicide bomber blew himself up": 1831
        elif match is not None and match.code in ("180", "190") and (bomb := instrument_bombing(tok, src_heads)):
            match = replace(match, code=bomb)  # "a suicide bomber attacked ...", "attacked X with grenades"
        if agentless and (tgt_span is None or not any(names_victim(t, tgt_span.root) for t in targets)):
            continue  # "killed in the clashes": neither side is known; a victim only placed
            # ("X, owner of a lodge near Pretoria, was killed") is no actor either
        reciprocal_ok = tok.lemma_ in word_list("reciprocal_verbs.tsv")
        if not targets and sources and passive and _violent(match):
            # "a barber was shot dead by gunmen in Karachi": the parser hangs the place on the
            # agent; the victim is no actor, so the target is the place (as in the active voice)
            where = next((w for h in src_heads if (w := inner_target(
                h, [], place_of,
                preps=LOCATION_PREPS)) is not None), None)
            if where is not None:
                tgt_span, targets = where
        if not targets and preps == () and not any(c.dep_ in OBJ_DEPS for c in tok.children):
            pass  # a direct-object-only verb used intransitively ("returned to Nairobi"): no target
        elif not targets and reciprocal_ok and len(sources) > 1:
            pass  # "Obama and Putin met in Zurich": the sides meet each other, not the place
        elif not targets and match is not None and not match.needs_target and match.preps_given \
                and not match.target_preps:
            pass  # "resigned over Ukraine comments": a target-free verb whose lexicon lists no preps
        elif not targets:
            last = match.trigger[-1] if match is not None else tok
            own = frozenset({last.i}) if last.pos_ == "NOUN" else frozenset()
            tgt_span, targets = subtree_target(tok, src_span, before_cut, resolver, date, own, cut,
                                               regions=_violent(match))
            if not targets and match is not None and match.code[:2] == "14":
                tgt_span, targets = protest_place(tok, match.trigger, place_of)  # "rallied in Yangon"
        elif all(t.country is None for t in targets):  # "killed civilians in Gaza": the place's
            where = next((w for h in (tok, *(g for p in tok.children if p.dep_ == "prep" and p.lower_ == "in"
                                             for g in p.children if g.dep_ == "pobj"))  # "in an airstrike in Syria"
                          if (w := inner_target(h, targets, place_of, preps=LOCATION_PREPS))), None)
            targets = where[1] if where is not None else envoy_origin(tok, targets, place_of) or targets
        if match is not None and match.code != "010":
            # a bare statement verb leaves its object noun to code itself: "repeated its demand"
            claimed_nouns.update(c.i for c in tok.children if c.dep_ in OBJ_DEPS)
        cands = pairs(sent, tok, src_span, sources, tgt_span, targets, match, False, reciprocal_ok)
        if any(c.target is not None for c in cands):
            consumed.update(bomb_clause)  # (when the killing has a victim to code)
        if agentless:
            cands = [c for c in cands if not any(
                o.source is None and o.target is not None and c.target is not None
                and o.target.code == c.target.code for o in out)]  # "shot and killed": one event
            for c in cands:
                c.notes.append("agentless")
        if tok.dep_ == "pcomp" and tok.head.head.lemma_ in ACCUSATION_LEMMAS:
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
        claimant = responsibility_claimant(tok)  # "IS claimed responsibility for the attack"
        src_heads = claimant or possessor_or_modifier(tok)
        patients = None if claimant else implied_noun_agent(tok, match.code, lambda: _hits(resolver, sent))
        if patients is not None:  # "the arrest of Navalny", "Navalny's arrest": by the police
            src_heads = [h for h in src_heads if h.dep_ != "poss"]
        src_span, sources = first_actors(resolver, src_heads, date, "source", antecedents, cut)
        if patients is not None and not sources:
            tgt_span, targets = first_actors(resolver, patients[0], date, "target", antecedents, cut)
            out.extend(pairs(sent, tok, None, patients[1], tgt_span, targets, match, True, False) if targets else [])
            continue
        sides = [] if sources or not _violent(match) else between_sides(tok)
        if sides:  # "clashes between police and protesters": each side acts on the other
            src_span, sources = first_actors(resolver, sides, date, "source", antecedents, cut)
            if len(sources) > 1:
                out.extend(pairs(sent, tok, src_span, sources, None, [], match, True, True))
            continue
        if not sources or kind_adjective(src_span, sources):
            continue
        tgt_span, targets = first_actors(resolver, noun_targets(tok, preps), date, "target", antecedents, cut)
        if not targets:
            continue  # "Ukraine war:", "the Russian invasion": a noun alone names no dyad
        cands = pairs(sent, tok, src_span, sources, tgt_span, targets, match, True, False)
        for c in cands if claimant else ():
            c.notes.append("claimed")  # the author's own claim names the act: no retyping
        out.extend(cands)
    if not out:  # "Fierce shelling in Idlib city": an attack known only by its place
        for tok, match, tgt_span, targets in placed_attacks(
                sent, triggers, place_of,
                lambda t: bool(first_actors(resolver, possessor_or_modifier(t), date, "source", antecedents, cut)[1])):
            for c in pairs(sent, tok, None, [], tgt_span, targets, match, True, False):
                c.notes += ["agentless", "placed"]
                out.append(c)
    return out
