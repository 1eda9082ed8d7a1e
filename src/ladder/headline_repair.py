"""Repair the small parser's commonest headline error: a verb read as part of a noun compound.

Why: in "Gunmen attack police station, kill two" or "Al-Shabaab militants ambush AU troops"
spaCy's small English model reads the base-form verb after a plural noun as one more
compound modifier ("Gunmen attack police station" as one noun phrase), so the headline has
no predicate and no event.  When a lexicon verb in its base form sits between a plural
noun that names an actor and the head noun of the same phrase, the tree is rebuilt as
subject - verb - object before the event rules read it.  Singular nouns before the verb
are left alone ("Israel trade deal", "Ukraine protest song": a verb after a singular
subject would end in -s), and so is a plural that names no actor ("arms supply routes").
The -s form after a singular name is a verb when its object is an actor too ("Russia
sanctions Joe Biden, Hillary Clinton").  The same parser reads the Islamic State's acronym
as the verb "is" (``repair_islamic_state``).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

#: what the head noun of the mis-parsed phrase may be attached as (the headline's core)
_CORE_DEPS = frozenset({"ROOT", "appos", "dep", "npadvmod", "nsubj"})


def compound_verbs(sent: Span, is_verb: Callable[[Token], bool], names_actor: Callable[[Span], bool],
                   is_agent: Callable[[Token], bool],
                   group_attack: Callable[[Span, Token], bool] = lambda s, v: False,
                   is_event: Callable[[Token], bool] = lambda t: False) -> list[Token]:
    """The compound modifiers of ``sent`` that are its verbs (see the module docstring).
    ``is_verb``: a lexicon verb; ``names_actor``: the phrase before it names an actor;
    ``is_agent``: a capitalised word is a plural agent noun ("Gunmen", "Police");
    ``group_attack``: the phrase names an armed group and the verb is violence ("Al-Shabaab
    ambush AU troops": British usage makes a group plural); ``is_event``: an event noun (the
    phrase's head then is the event, "Taliban bomb attack")."""
    out: list[Token] = []
    for v in sent:
        if v.dep_ != "compound" or v.tag_ not in ("NN", "NNP", "NNS") or v.i == sent.start or not v.text.islower():
            continue  # a capitalised word is part of a name ("Central Reserve Police Force")
        head, left = _np_head(v), v.doc[v.i - 1]
        if head.i <= v.i or head.i >= sent.end or head.dep_ not in _CORE_DEPS:
            continue
        if left.head.i not in (head.i, v.i) or left.i < sent.start:
            continue
        if head.dep_ == "nsubj" and head.head.pos_ != "VERB":
            continue
        if not is_verb(v) or is_event(head):
            continue  # "Taliban bomb attack kills ...": the head is an event noun, "bomb" its kind
        if v.tag_ == "NNS":
            # "Russia sanctions Joe Biden": a verb's -s form after a singular name, and an
            # actor as its object (not "the Russia sanctions regime")
            if not (v.lower_.endswith("s") and v.lower_ != v.lemma_.lower() and left.tag_ == "NNP"
                    and v.doc[head.left_edge.i].tag_ != "DT" and names_actor(v.doc[v.i + 1 : head.i + 1])):
                continue
        elif v.lower_ != v.lemma_.lower():
            continue
        else:
            plural = left.tag_ in ("NNS", "NNPS") and left.lemma_.lower() != left.lower_
            if not plural and not (left.tag_ == "NNP" and (
                    (left.lower_.endswith(("s", "men")) and is_agent(left))  # "Gunmen", tagged NNP
                    or group_attack(v.doc[head.left_edge.i : v.i], v))):
                continue
        if names_actor(v.doc[head.left_edge.i : v.i]):
            out.append(v)
    return out


def _np_head(tok: Token) -> Token:
    """The head noun of the compound chain ``tok`` is in ("ambush" -> "AU" -> "troops")."""
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def repair(verb: Token) -> None:
    """Rebuild "L verb O" (all under O) as subject L - ``verb`` - object O, in place."""
    head, left = _np_head(verb), verb.doc[verb.i - 1]
    was_root = head.head.i == head.i
    outer, outer_dep = head.head, head.dep_
    if outer_dep == "nsubj":
        # "Gunmen attack X, kill Y": the phrase was the subject of "kill", now a conjunct
        verb.head = verb if outer.head.i == outer.i else outer.head
        verb.dep_ = "ROOT" if outer.head.i == outer.i else outer.dep_
        for c in [c for c in outer.children if c.i < verb.i and c.i != head.i]:
            c.head = verb  # "Again, Gunmen attack X, kill Y": the opener goes with the first verb
        outer.head, outer.dep_ = verb, "conj"
    else:
        verb.head = verb if was_root else outer
        verb.dep_ = "ROOT" if was_root else outer_dep
    object_words = [c for c in verb.children if c.i > verb.i]  # "ambush" -> "AU" (troops)
    for c in [c for c in (*head.children, *verb.children) if c.i < left.i]:
        c.head = left  # "Russian missiles": modifiers before the verb go with the subject
    left.head, left.dep_ = verb, "nsubj"
    head.head, head.dep_ = verb, "dobj"
    for c in object_words:
        c.head = head
    verb.pos_, verb.tag_ = "VERB", "VBP"


def repair_compound_verbs(sent: Span, is_verb: Callable[[Token], bool], names_actor: Callable[[Span], bool],
                          is_agent: Callable[[Token], bool],
                          group_attack: Callable[[Span, Token], bool] = lambda s, v: False,
                          is_event: Callable[[Token], bool] = lambda t: False) -> int:
    """Repair every compound verb of ``sent``; how many were repaired."""
    found = compound_verbs(sent, is_verb, names_actor, is_agent, group_attack, is_event)
    for v in found:
        repair(v)
    return len(found)


def repair_islamic_state(sent: Span, is_verb: Callable[[Token], bool]) -> int:
    """"IS militants killed ...", "IS claims responsibility ...": the small parser reads the
    acronym of the Islamic State as the verb "is" (ROOT or auxiliary), which hides the real
    verb or turns "IS fighters attacked X" into a passive.  Outside all-caps text an "IS"
    tagged as a verb before a noun is rebuilt as a name: the noun's modifier, or the subject
    of a verb's -s form read as a noun ("claims")."""
    if sum(1 for t in sent if t.is_alpha and t.is_upper) > len(sent) // 2:
        return 0  # all caps: "IS" is the verb
    done = 0
    for t in sent:
        if t.text != "IS" or t.pos_ not in ("AUX", "VERB") or t.i + 1 >= sent.end:
            continue
        nxt = t.doc[t.i + 1]
        if t.dep_ in ("aux", "auxpass") and nxt.i == t.head.i and nxt.tag_ in ("VBD", "VBN") \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children):
            t.dep_ = "nsubj"  # "IS claimed responsibility": the subject, not "is claimed"
            t.pos_, t.tag_ = "PROPN", "NNP"
            done += 1
            continue
        if nxt.pos_ != "NOUN":
            continue
        if t.dep_ == "ROOT" and nxt.tag_ == "NNS" and nxt.dep_ == "compound" and is_verb(nxt):
            obj = nxt.head  # "IS claims responsibility": IS - claims - responsibility
            nxt.head, nxt.dep_ = nxt, "ROOT"
            obj.head, obj.dep_ = nxt, "dobj"
            for c in [c for c in t.children if c.i != obj.i]:
                c.head = nxt
            t.head, t.dep_ = nxt, "nsubj"
            nxt.pos_, nxt.tag_ = "VERB", "VBZ"
        elif t.dep_ == "ROOT":
            verbs = [c for c in t.children if c.pos_ == "VERB" and c.dep_ in ("ccomp", "csubj", "conj", "advcl")]
            if not verbs:
                continue
            verb = verbs[0]  # "IS militants killed 20" / "raids kill 56 IS militants"
            verb.head, verb.dep_ = verb, "ROOT"
            for c in [c for c in t.children if c.i != verb.i]:
                c.head = verb
                if c.dep_ == "attr":
                    c.dep_ = "dobj" if c.i > verb.i else "nsubj"
            t.head, t.dep_ = nxt, "compound"
        elif t.dep_ in ("aux", "auxpass") and nxt.head.i == t.head.i \
                and any(c.dep_ == "dobj" for c in t.head.children):
            # "IS fighters attacked X": active, IS fighters (not "IS member found guilty")
            t.head, t.dep_ = nxt, "compound"
        else:
            continue
        t.pos_, t.tag_ = "PROPN", "NNP"
        done += 1
    return done
