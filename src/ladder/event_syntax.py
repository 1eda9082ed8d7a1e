"""Dependency-parse helpers for ``ladder.events``: argument heads and phrases of a predicate.

Why separate: these answer only "which tokens are the subject / agent / objects / clause
subjects of this predicate?" in spaCy's small-model parses (active and passive voice,
conjuncts, control, relative clauses, adjectival passives); ``events`` pairs the actors
they name with the trigger.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from ladder.ontology import data_path

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_REPORTING_NOUNS = frozenset({"reports", "says", "claims", "confirms", "warns", "denies"})
#: a gerund after these shares the main clause's subject ("died after being shot by gunmen")
TIME_PREPS = frozenset({"after", "before", "while", "since", "upon", "following"})
#: what a verb sharing its conjunct's object may have: "militants abducted and killed X"
_BARE_VERB_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "cc", "conj", "advmod", "punct", "neg"})
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
ACCUSATION_LEMMAS = frozenset({"accuse", "blame", "charge", "suspect", "condemn", "criticize", "criticise"})


@lru_cache(maxsize=32)
def word_list(name: str) -> frozenset[str]:
    """A one-column word list under ``lexicons/`` (header line ``lemma``, # comments)."""
    with data_path(f"lexicons/{name}").open(encoding="utf-8") as fh:
        rows = [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]
    return frozenset(r.lower() for r in rows[1:])


def document_nouns() -> frozenset[str]:
    """What an actor issues ("statement", "resolution"): ``lexicons/document_nouns.tsv``."""
    return word_list("document_nouns.tsv")


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
    if any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children):
        return True
    # "was arrested by police and charged with treason": the conjunct shares the passive
    return (verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head is not verb
            and not any(c.dep_ in ("nsubj", "aux") for c in verb.children)
            and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.head.children))


def shares_reduced_passive(verb: Token, sent: Span) -> bool:
    """"Sri Lankan man lynched and set on fire": in a headline, a participle conjoined to an
    object-less past tense with a subject shares its passive reading."""
    head = verb.head
    return (verb.dep_ == "conj" and verb.tag_ == "VBN" and head is not verb and head.tag_ in ("VBD", "VBN")
            and not any(c.dep_ in ("nsubj", "aux", "dobj") for c in verb.children)
            and any(c.dep_ == "nsubj" for c in head.children) and not any(c.dep_ in OBJ_DEPS for c in head.children)
            and reduced_passive(head, sent))


def passive_subjects(verb: Token) -> list[Token]:
    """The passive subject (the patient), shared by a passive conjunct."""
    own = [c for c in verb.children if c.dep_ in PASSIVE_SUBJ_DEPS]
    if own and verb.dep_ == "relcl" and all(c.lower_ in RELATIVE_PRONOUNS for c in own):
        return [verb.head]  # "a child who was abducted by a gang": the child
    prep = verb.head
    if not own and verb.dep_ == "pcomp" and prep.lower_ in TIME_PREPS and prep.head.pos_ in ("VERB", "AUX"):
        # "journalists were injured after being attacked by protesters": the main subject
        return [c for c in prep.head.children if c.dep_ in ("nsubj", *PASSIVE_SUBJ_DEPS)]
    if own or verb.dep_ != "conj" or verb.head is verb:
        return own
    return [c for c in verb.head.children if c.dep_ in PASSIVE_SUBJ_DEPS]


def subject_heads(verb: Token) -> list[Token]:
    """Grammatical subjects of ``verb``, inherited through conjunction/control/relative clauses."""
    # "Protesters, carrying placards asking the government ..., marched": a participle
    # misparsed as a clausal subject keeps its own subject, the marchers, not its object
    subs = [next((g for g in c.children if g.dep_ == "nsubj"), c) if c.dep_ == "csubj" else c
            for c in verb.children if c.dep_ in SUBJ_DEPS]
    if subs:
        # "Exiled governor reports strike on Kherson": a headline's reporting verb read as
        # the subject noun of the event ("governor reports" strike); the reporter is no attacker
        return [c for c in subs if not (c.lower_ in _REPORTING_NOUNS and c.pos_ == "NOUN"
                                        and any(g.dep_ == "compound" for g in c.children))]
    loose = [c for c in verb.lefts if c.dep_ == "dep" and c.pos_ in ("PROPN", "NOUN")]
    if loose and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return loose  # headline infinitive: "UK to sanction Russia"
    if verb.dep_ == "ROOT" and verb.pos_ == "VERB":
        named = [c for c in verb.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if named:
            return named  # headline parsed as a name: "Biden/compound brands Putin"
    head = verb.head
    if verb.dep_ == "conj" and head is not verb and head.pos_ in ("VERB", "AUX"):
        if is_passive(head):
            if verb.tag_ == "VBG" and not any(c.dep_ == "aux" for c in verb.children):
                return []  # "were injured in a grenade attack and firing on ...": a noun, misparsed
            # "X was indicted by Y and will resign": the shared subject is X, not the agent
            return passive_subjects(head)
        return subject_heads(head)
    if verb.dep_ in ("xcomp",) and head is not verb:
        # "X urged Y to attack": Y is the subject; "X agreed to meet Y": X is
        objs = [c for c in head.children if c.dep_ in OBJ_DEPS]
        return objs or subject_heads(head)
    if verb.dep_ == "acomp" and head is not verb and head.pos_ in ("VERB", "AUX"):
        return subject_heads(head)  # "it is prepared to impose"
    if verb.dep_ == "relcl" and head is not verb and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [head]
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        if head.lemma_.lower() in document_nouns() and head.dep_ in OBJ_DEPS and head.head.pos_ == "VERB":
            return subject_heads(head.head)  # "Egypt issued a statement demanding that ..."
        return [head]  # "troops attacking the city"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lemma_ in ACCUSATION_LEMMAS:
        objs = [c for c in head.head.children if c.dep_ in OBJ_DEPS]
        return objs
    return []


def participle_subjects(verb: Token) -> list[Token]:
    """The subject a trailing participle clause shares with its main verb: "a bomb exploded
    in Bannu, killing two soldiers" (the bomb); not after "while", "after", "before"."""
    head = verb.head
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.pos_ == "VERB" and not is_passive(head) \
            and verb.i > head.i and not any(c.dep_ in ("mark", "prep") for c in verb.lefts):
        return subject_heads(head)
    return []


def agent_heads(verb: Token) -> list[Token]:
    """The "by" agents of a passive verb."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "agent":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    if not out and verb.dep_ == "conj" and verb.head is not verb and is_passive(verb.head):
        return agent_heads(verb.head)  # "was arrested by police and charged": one agent
    if not out:  # "killed or disappeared by Taliban": the last participle's agent is shared
        out = [g for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN"
               for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    if not out:
        # the small parser hangs a late agent on the complement: "was accused of embezzling
        # funds by government officials" ("by" under "embezzling")
        for p in verb.children:
            for comp in (g for g in p.children if p.dep_ == "prep" and g.dep_ == "pcomp"):
                out.extend(o for b in comp.children if b.dep_ == "prep" and b.lower_ == "by"
                           for o in b.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN"))
    return out


_PARTICLES = frozenset({"out", "away", "back", "off"})


def object_heads(verb: Token, preps: Iterable[str] = DEFAULT_TARGET_PREPS) -> list[Token]:
    """Possible target heads, best first: direct object, then prepositional objects."""
    allowed = tuple(preps)
    direct = [c for c in verb.children if c.dep_ in OBJ_DEPS]
    if not direct and any(c.dep_ == "cc" and c.lower_ == "and" for c in verb.children) \
            and all(c.dep_ in _BARE_VERB_DEPS for c in verb.children):
        # "abducted and killed a village guard": the conjuncts share the object (not with
        # "neither ... nor", whose negation the status rules do not read)
        direct = [o for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > verb.i
                  and not any(g.dep_ in SUBJ_DEPS or g.dep_ in PASSIVE_SUBJ_DEPS for g in c.children)
                  for o in c.children if o.dep_ in OBJ_DEPS]
    out: list[Token] = list(direct)
    prep_objs: list[tuple[int, Token]] = []
    holders = [verb, *direct]
    for holder in holders:
        # "pulled its troops out of Gaza": "of" hangs on a particle parsed as a preposition
        # (a named place or actor only: "pull out of Liverpool contest" names an event)
        under = {g.i for c in holder.children if c.lower_ in _PARTICLES and c.dep_ in ("prep", "prt", "advmod")
                 and not any(x.dep_ == "pobj" for x in c.children) for g in c.children}
        kids = [*holder.children, *(g for c in holder.children for g in c.children if g.i in under)]
        for p in kids:
            if p.dep_ == "prep" and p.lower_ in allowed:
                for g in p.children:
                    if g.dep_ == "pobj" and (p.i not in under or g.pos_ == "PROPN"):
                        prep_objs.append((allowed.index(p.lower_), g))
    prep_objs.sort(key=lambda x: x[0])
    out.extend(g for _, g in prep_objs)
    out.extend(clause_subjects(verb, that=False))  # "agreed that X ...": X is no target
    return out


def clause_subjects(head: Token, that: bool = True) -> list[Token]:
    """Subjects of a "that"- or "to"-clause of ``head``, the actor asked or allowed to act:
    "allowed the opposition to hold a rally", "its demand that Russia withdraw its troops"."""
    out: list[Token] = []
    for c in head.children:
        if c.dep_ not in ("ccomp", "acl", "xcomp") or c.pos_ not in ("VERB", "AUX"):
            continue
        if not any((that and g.dep_ == "mark" and g.lower_ == "that") or (g.dep_ == "aux" and g.lower_ == "to")
                   for g in c.children):
            continue
        out.extend(g for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
    return out


def stative_objects(triggers: Any, verb: Token) -> list[Token]:
    """Objects of an adjectival passive's preposition ("is opposed to X"), per the lexicon."""
    entry = triggers.verb_entry(verb) if hasattr(triggers, "verb_entry") else None
    preps = getattr(entry, "stative", ())
    return [g for p in verb.children if p.dep_ == "prep" and p.lower_ in preps
            for g in p.children if g.dep_ == "pobj"]


def possessor_or_modifier(noun: Token) -> list[Token]:
    """Source of a nominal event: "Russia's invasion", "the Russian invasion", "invasion by
    Russia", "a rebel attack" (a common-noun modifier first: in "Colombia rebel attack" the
    rebels attacked, Colombia is where)."""
    out: list[Token] = [c for c in noun.children if c.dep_ == "poss"]
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    out.extend(c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i == noun.i - 1)
    out.extend(c for c in noun.children if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "PROPN"))
    return out


def responsibility_claimant(noun: Token) -> list[Token]:
    """"IS claimed responsibility for the attack", headline "Militants claim attacks on X":
    who claims an event noun (one whose own words name no author: "claims Ukrainian attack"
    reports someone else's)."""
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() == "claim" and not any(
            c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by")
            or (c.dep_ in ("amod", "compound", "nmod") and c.text[:1].isupper())
            for c in noun.children):
        return subject_heads(noun.head)
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() != "responsibility":
        return []
    verb = prep.head.head
    if prep.head.dep_ != "dobj" or verb.lemma_.lower() not in ("claim", "take", "accept", "admit", "bear"):
        return []
    return subject_heads(verb)


def between_sides(noun: Token) -> list[Token]:
    """"clashes between police and protesters", "talks between Kyiv and Moscow": the first
    side's head, whose conjuncts the resolver reads as the other sides."""
    holders = [noun]
    if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        holders.append(noun.head)  # "clashes broke out between ...", "fighting erupted between ..."
    return [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "between"
            for g in c.children if g.dep_ == "pobj" and any(x.dep_ == "conj" for x in g.children)]


def noun_targets(noun: Token, preps: Iterable[str]) -> list[Token]:
    # a noun with a direct object is a mis-tagged headline verb: "UK sanctions 386 Russian MPs"
    out: list[Token] = [c for c in noun.children if c.dep_ == "dobj"]
    allowed = tuple(preps)
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in allowed:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    out.extend(clause_subjects(noun))
    if noun.dep_ in OBJ_DEPS and noun.head.pos_ in ("VERB", "AUX"):
        # extraposed: "repeated its demand on Monday that Russia withdraw ..." (clause on the verb)
        out.extend(s for s in clause_subjects(noun.head) if s.i > noun.i)
    return out


def is_pronoun(tok: Token) -> bool:
    return tok.lower_ in _PRONOUNS or (tok.pos_ == "PRON" and tok.lower_ not in ("who", "which", "that"))


#: frames whose complement is what someone wants done, not something that happened
DEMAND_FRAMES = frozenset({"demand", "appeal"})


def demanded_clauses(head: Token) -> list[Token]:
    """Verbs of the clause a demand or appeal asks for: "demanded that its partners refuse
    to recognize X", "its demand that Israel ease restrictions", "Y must be ready to
    mediate".  What is demanded has not happened: it is no event of its own (CAMEO codes
    the demand).  Clauses hanging off the complement ("after Y attacked Z") are kept."""
    out: list[Token] = []
    todo = [c for c in head.children if c.dep_ in ("ccomp", "xcomp")
            or (c.dep_ == "acl" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children))]
    while todo:
        t = todo.pop()
        out.append(t)
        # a conjunct in another verb form is the main clause going on ("urged X to
        # reconsider and spoke with Y"), not more of what is asked for
        todo.extend(c for c in t.children if c.pos_ in ("VERB", "AUX", "ADJ") and (
            c.dep_ in ("xcomp", "acomp") or (c.dep_ == "conj" and c.tag_ == t.tag_)))
    return out


_FINAL_PUNCT = frozenset({".", "!", "?", "…"})


def reduced_passive(verb: Token, sent: Span, headline: bool = True) -> bool:
    """A passive without its auxiliary: "Ukraine hit by Russian missiles" (a "by" agent), or
    in a headline (no sentence-final punctuation) "French journalist killed near Bakhmut",
    "Telegram CEO arrested at French airport".  The caller asks only for verbs the lexicon
    says take a direct object, so a subject with no object is the patient.  In running
    text an object-less past tense stays active ("Russian forces attacked overnight").
    ``headline`` False: only the "by" agent reading."""
    kids = list(verb.children)
    if verb.tag_ not in ("VBN", "VBD") or verb.dep_ not in ("ROOT", "conj", "ccomp") and not (
            verb.tag_ == "VBN" and verb.dep_ in ("nsubj", "csubj")) and not (  # "Woman slain in X park had ..."
            verb.dep_ == "advcl" and any(c.dep_ == "agent" for c in kids)):  # "... as Ukraine hit by strikes"
        return False
    if any(c.dep_ in ("aux", "auxpass", "nsubjpass", "prt") for c in kids) or not any(c.dep_ == "nsubj" for c in kids):
        return False
    # an object after a dash is the headline's speaker ("... killed - Zelensky"), unless words
    # of its phrase precede the dash ("shelled Kharkiv - Ukrainian officials", parsed as one)
    if any(c.dep_ in OBJ_DEPS and not any(_spaced_dash(t) for t in verb.doc[verb.i:c.left_edge.i + 1])
           for c in kids):
        return False
    if verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in kids):
        return True
    if not headline:
        return False
    last = next((t for t in reversed(sent) if t.text not in ('"', "”", "’", "'", ")", "]", "}")), None)
    return last is not None and last.text not in _FINAL_PUNCT


def inverted_speaker(verb: Token, sent: Span) -> bool:
    """A headline "<message>, warns <speaker>": the parser makes the message the verb's
    subject and the speaker its object, so neither is an actor of the verb (three of three
    such "warns" headlines in the 8,000-headline sample were coded backwards)."""
    doc = verb.doc
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBZ", "VBD") or verb.i == sent.start or doc[verb.i - 1].text != ",":
        return False
    last = next((t for t in reversed(sent) if not (t.is_punct or t.is_space)), None)
    if last is None or sent[-1].text in _FINAL_PUNCT:
        return False
    objs = [c for c in verb.children if c.dep_ in OBJ_DEPS and c.i > verb.i]
    return any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children) and bool(objs) \
        and objs[-1].right_edge.i >= last.i


def _spaced_dash(t: Token) -> bool:
    """A dash between words ("killed - Zelensky"), not a hyphen ("government-held")."""
    return t.text in ("-", "–", "—") and t.i > 0 and bool(t.doc[t.i - 1].whitespace_)


def headline_trailer(sent: Span) -> int | None:
    """Where a headline's trailing speaker starts ("... kills 22 - Zelensky", "... - BBC
    Sport"): the token after the last spaced dash, when at most five words follow it and the
    sentence has no final punctuation.  None in running text."""
    toks = [t for t in sent if not t.is_space]
    if not toks or toks[-1].text in _FINAL_PUNCT:
        return None
    dash = next((t for t in reversed(toks) if _spaced_dash(t)), None)
    if dash is None or dash.i == sent.start or sent.end - dash.i - 1 > 5:
        # "... in NW Pakistan: officials": a colon before at most three final words
        colon = next((t for t in reversed(toks[-4:]) if t.text == ":"), None)
        return colon.i + 1 if colon is not None and colon.i > sent.start + 2 else None
    return dash.i + 1
