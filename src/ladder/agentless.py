"""Violence by someone unknown: "30 Taliban killed in Herat", "shelling kills two children",
"two soldiers died in clashes".

Why: conflict news often names the victims and the place but not who attacked.  Such a
sentence is still a violent event (UCDP, SATP and MUC-4 count it), so the coder keeps it
with an unknown source (``Event.source`` None) instead of dropping it; the victim must be
an actor of a known country.  Not when no one acted (an accident, a flood: any word of
``lexicons/natural_causes.tsv`` in the sentence), and not for readings that are not violence
("the police chief was fired", "the minister was attacked over the budget").
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from ladder.event_syntax import word_list
from ladder.ontology import lexicon_rows
from ladder.target_rules import covers
from ladder.trigger_data import violent_code
from ladder.trigger_match import TriggerMatch
from ladder.trigger_syntax import quantity_nouns
from ladder.types import Actor

#: verbs that are violence only next to a weapon or attack word: "hit by a missile" but "hit
#: by resignations", "targeted in a raid" but "targeted by sanctions / with spyware"
NEEDS_ATTACK_WORD = frozenset({"hit", "target", "strike"})
#: verbs of dying: "died in clashes" is the attack noun's event, the dead its target
DEATH_VERBS = frozenset({"die", "perish"})
#: headline adjectives of the same: "two soldiers dead in NPA attack"
DEATH_ADJECTIVES = frozenset({"dead"})
#: verb + object phrases that say the same: "lost their lives in", "sustained injuries in"
CASUALTY_OBJECTS = {"lose": frozenset({"life"}), "sustain": frozenset({"injury", "wound"}),
                    "suffer": frozenset({"injury", "wound"}), "receive": frozenset({"injury", "wound"})}
_DEATH_PREPS = frozenset({"in", "during", "from"})


def no_one_acted(verb: Token) -> bool:
    """A natural cause in the sentence, "fired" (dismissed) or "attacked over" (criticised).

    A weapon or planted device in the sentence outweighs an accident word: "killed when a
    roadside bomb hit their vehicle" is an attack, "when their vehicle overturned" is not."""
    causes = word_list("natural_causes.tsv")
    if verb.lemma_ == "fire":
        return True
    if any((t.lemma_.lower() in causes and not _gunfire(t)) or _accidental_blast(t) for t in verb.sent):
        arms = word_list("munitions.tsv") | attack_devices()[0]
        return not any(t.lower_ in arms or t.lemma_.lower() in arms for t in verb.sent)
    return any(c.dep_ == "prep" and c.lower_ == "over" for c in verb.children)


def _accidental_blast(tok: Token) -> bool:
    """"a gas explosion", "a tanker truck blast" (``lexicons/accidental_blasts.tsv``)."""
    if tok.lemma_.lower() not in ("explosion", "blast"):
        return False
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
    mods += [g for c in mods for g in c.children if g.dep_ == "compound"]  # "tanker truck explosion"
    return any(m.lemma_.lower() in word_list("accidental_blasts.tsv") for m in mods)


def _gunfire(tok: Token) -> bool:
    """"fired on a wedding", "opened fire", "an exchange of fire": shooting, not a blaze."""
    if tok.lemma_.lower() != "fire":
        return False
    head = tok.head
    return tok.pos_ in ("VERB", "AUX") or head.lemma_.lower() in ("open", "return", "exchange", "cross") \
        or (head.lower_ == "of" and head.head.lemma_.lower() == "exchange") or head.lower_ == "under"


@lru_cache(maxsize=1)
def attack_devices() -> tuple[frozenset[str], frozenset[str]]:
    """Words of ``lexicons/attack_devices.tsv``: (heads that name a device, modifiers that
    make an "explosion"/"blast"/"attack" head one)."""
    rows = lexicon_rows("attack_devices.tsv")
    return (frozenset(r["word"].lower() for r in rows if r["kind"] == "head"),
            frozenset(r["word"].lower() for r in rows if r["kind"] == "modifier"))


#: heads whose "of" phrase names who they are: "members of the regular forces", "some of the
#: soldiers" (numbers and quantity nouns too: "dozens of Houthi fighters")
_PARTITIVES = frozenset({"member", "members", "one", "some", "many", "several", "most", "all", "each",
                         "both", "few"})


def names_victim(actor: Actor, head: Token) -> bool:
    """Is the actor named by the victim phrase's own words ("Head Constable Ali", "three
    Iraqi soldiers"), not by a place or apposition inside it ("X, owner of a lodge near
    Pretoria")?"""
    counted = head.like_num or head.lemma_.lower() in quantity_nouns() or head.lower_ in _PARTITIVES
    inner = {t.i for c in head.children if c.dep_ in ("prep", "appos", "acl", "relcl")
             and not (counted and c.dep_ == "prep" and c.lower_ == "of") for t in c.subtree}
    return any(covers(actor, t) for t in head.subtree if t.i not in inner)


def violent_noun(noun: Token, triggers: Any, gerund: bool = False) -> TriggerMatch | None:
    """The lexicon's violent (CAMEO 18-20) reading of an event noun, also as a light-verb
    object ("shelling", "clashes", "air strikes"), else None.  ``gerund``: any word tagged
    as a gerund may be that noun (the caller has checked where the parser put it)."""
    if noun.pos_ != "NOUN" and not (noun.tag_ == "VBG" and (gerund or noun.dep_ in ("csubj", "nsubj", "pobj"))):
        return None  # a gerund subject or object tagged as a verb counts: "Shelling kills two
        # children", "killed in police firing"
    m = triggers.match_noun(noun, standalone=False)
    return m if m is not None and violent_code(m.code) else None


def misparsed_attack_gerund(verb: Token, noun: Token, triggers: Any) -> TriggerMatch | None:
    """The violent reading of the word after ``noun`` when the parser took that attack
    noun for a gerund of ``verb`` ("killed in Israeli | shelling") or for a participle
    modifying ``noun`` ("died in police | firing")."""
    if noun.i + 1 >= len(noun.doc):
        return None
    nxt = noun.doc[noun.i + 1]
    if nxt.tag_ != "VBG" or not ((nxt.dep_ == "advcl" and nxt.head.i == verb.i)
                                 or (nxt.dep_ == "acl" and nxt.head.i == noun.i)):
        return None
    return violent_noun(nxt, triggers, gerund=True)


def dead_victim(adj: Token) -> bool:
    """"Two soldiers dead in NPA attack": an adjective of death modifying its victims."""
    return adj.pos_ == "ADJ" and adj.lower_ in DEATH_ADJECTIVES and adj.dep_ == "amod" \
        and adj.head.pos_ in ("NOUN", "PROPN")


def casualty_objects(verb: Token) -> list[Token]:
    """The "lives" of "lost their lives", the "injuries" of "received injuries": such a verb
    is never its lexicon reading ("received" = hosted a visit)."""
    return [c for c in verb.children
            if c.dep_ == "dobj" and c.lemma_.lower() in CASUALTY_OBJECTS.get(verb.lemma_, ())]


def death_in_attack(verb: Token, triggers: Any) -> TriggerMatch | None:
    """"Two soldiers died in clashes" ("lost their lives in", "sustained injuries in"): the
    attack noun's match, headed by the verb of dying
    (its subject is the victim, the noun's modifier the attacker: "in Russian shelling")."""
    objs = casualty_objects(verb)
    if verb.lemma_ not in DEATH_VERBS and verb.lower_ not in DEATH_ADJECTIVES and not objs:
        return None
    for p in [*verb.children, *(c for o in objs for c in o.children)]:  # "injuries in a blast"
        if p.dep_ == "prep" and p.lower_ in _DEATH_PREPS:
            for noun in (g for g in p.children if g.dep_ == "pobj"):
                if (m := violent_noun(noun, triggers) or misparsed_attack_gerund(verb, noun, triggers)) is not None:
                    return replace(m, head=verb, target_preps=(), preps_given=True, needs_target=True)
    return None


def violent_when_clause(verb: Token, triggers: Any) -> tuple[Token, TriggerMatch] | None:
    """The violent "when"/"as" clause of ``verb`` with a subject, and its lexicon match:
    "... killed when gunmen opened fire on a bus", "... died as militants attacked"."""
    for c in verb.children:
        if c.dep_ != "advcl" or not any(m.dep_ in ("advmod", "mark") and m.lower_ in ("when", "as")
                                        for m in c.children):
            continue
        m = triggers.match_verb(c)
        if m is not None and violent_code(m.code) and any(g.dep_ == "nsubj" for g in c.children):
            return c, m
    return None


def death_when(verb: Token, triggers: Any) -> TriggerMatch | None:
    """"Two policemen died when militants attacked a checkpost" ("sustained injuries when",
    "lost their lives when"): the clause's attack, headed by the verb of dying, whose
    subject is the victim (the clause's subject, the attacker: ``when_clause_attackers``)."""
    if verb.lemma_ not in DEATH_VERBS and not casualty_objects(verb):
        return None
    found = violent_when_clause(verb, triggers)
    if found is None:
        return None
    return replace(found[1], head=verb, target_preps=(), preps_given=True, needs_target=True)


def attack_subjects(subjects: list[Token], triggers: Any) -> bool:
    """"Shelling kills two children": is every subject an attack noun (whose author, if it
    names one, the ordinary subject rules find: "Russian shelling kills ...")?"""
    return bool(subjects) and all(violent_noun(s, triggers) for s in subjects)


def lacks_attack_word(verb: Token, triggers: Any) -> bool:
    """For ``NEEDS_ATTACK_WORD`` verbs: does the sentence name no attack (a violent event
    noun or a weapon)?  Then a passive "hit"/"targeted" is not violence."""
    if verb.lemma_ not in NEEDS_ATTACK_WORD:
        return False
    weapons = word_list("weapons.tsv") | word_list("munitions.tsv") | attack_devices()[0]
    return not any(t.i != verb.i and (t.lower_ in weapons or violent_noun(t, triggers) is not None)
                   for t in verb.sent)
