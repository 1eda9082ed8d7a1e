"""Does a lexicon pattern's syntactic constraint hold at this token?

Why separate: ``triggers`` decides which entry and code a predicate gets; this module
only answers "are the words the pattern needs (particle, object, preposition + object,
complement, modifier) attached to the trigger in the parse?", returning those tokens.
"""

from __future__ import annotations

from spacy.tokens import Token

from ladder.trigger_data import _Pattern
from ladder.trigger_syntax import _conjuncts, _keys, _phrase_keys, quantity_nouns

DOBJ_DEPS = ("dobj", "obj", "attr", "oprd")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
COMPLEMENT_DEPS = ("xcomp", "ccomp")
MOD_DEPS = ("compound", "amod", "nmod", "npadvmod", "poss")


def objects(token: Token) -> list[Token]:
    """The trigger's objects with their conjuncts (and the noun behind a quantity)."""
    objs = [c for c in token.children if c.dep_ in DOBJ_DEPS or c.dep_ in PASSIVE_SUBJ]
    # "called off the talks" is sometimes parsed with "talks" as pobj of the particle
    objs += [g for c in token.children if c.dep_ == "prt" for g in c.children if g.dep_ == "pobj"]
    out: list[Token] = []
    for o in objs:
        out.extend(_conjuncts(o))
    # "provided 25,000 tons of food aid", "pledged $1bn in aid": the quantity's object
    out.extend(g for o in list(out) for p in o.children if p.dep_ == "prep"
               and p.lower_ in ("of", "in") and (o.like_num or o.lemma_.lower() in quantity_nouns())
               for g in p.children if g.dep_ == "pobj")
    return out


def verb_pattern(pat: _Pattern, token: Token) -> list[Token] | None:
    """Tokens satisfying a verb pattern's constraints at ``token``; None if one fails."""
    used: list[Token] = []
    kids = list(token.children)
    if pat.bare and any(c.dep_ in DOBJ_DEPS for c in kids):
        return None
    if pat.prt:
        prt = [c for c in kids if c.lower_ == pat.prt and (
            c.dep_ == "prt" or (c.dep_ in ("prep", "advmod") and not any(g.dep_ == "pobj" for g in c.children)))]
        if not prt:
            return None
        used.append(prt[0])
    if pat.dobj:
        hit = [o for o in objects(token) if _phrase_keys(o) & pat.dobj]
        if not hit:
            return None
        used.append(hit[0])
    if pat.subj:
        hit = [o for c in kids if c.dep_ == "nsubj" for o in _conjuncts(c) if _phrase_keys(o) & pat.subj]
        if not hit:
            return None
        used.append(hit[0])
    if pat.prep or pat.pobj:
        preps = [c for c in kids if c.dep_ in ("prep", "agent", "dative")]
        preps += [g for c in kids if c.dep_ in DOBJ_DEPS for g in c.children if g.dep_ == "prep"]
        found = prep_match(pat, preps, ("pobj", "pcomp"))
        if found is None:
            return None
        used.extend(found)
    if pat.xcomp:
        hit = [c for c in kids if c.dep_ in COMPLEMENT_DEPS and set(_keys(c)) & pat.xcomp]
        if not hit:
            return None
        used.append(hit[0])
    if pat.child:
        # "set two trucks ablaze", "shot two men dead": the parser may hang the result on the object
        near = kids + [g for c in kids if c.dep_ in ("ccomp", "xcomp") for g in c.children] \
            + [g for c in kids if c.dep_ in DOBJ_DEPS for g in c.children if g.dep_ in ("amod", "oprd") and g.i > c.i]
        hit = [c for c in near if set(_keys(c)) & pat.child]
        if not hit:
            return None
        used.append(hit[0])
    return used


def noun_pattern(pat: _Pattern, token: Token) -> list[Token] | None:
    """Tokens satisfying a noun pattern's modifier / preposition constraints; None if one fails."""
    used: list[Token] = []
    if pat.mod:
        # modifiers of the noun, or of a noun it modifies ("drone" in "drone attack")
        mods = [c for c in token.children if c.dep_ in MOD_DEPS]
        if token.dep_ == "compound" or (token.dep_ == "acl" and token.tag_ == "VBG" and token.head.i == token.i - 1):
            mods.append(token.head)  # also "police firing" parsed as "police" + a participle
        hit = [m for m in mods if _phrase_keys(m) & pat.mod]
        if not hit:
            return None
        used.append(hit[0])
    if pat.prep or pat.pobj:
        found = prep_match(pat, [p for p in token.children if p.dep_ == "prep"], ("pobj",))
        if found is None:
            return None
        used.extend(found)
    return used


def prep_match(pat: _Pattern, preps: list[Token], obj_deps: tuple[str, ...]) -> list[Token] | None:
    """First preposition satisfying ``pat.prep``/``pat.pobj``, with its matching object (if any)."""
    for p in preps:
        if pat.prep and p.lower_ != pat.prep:
            continue
        objs = [o for g in p.children if g.dep_ in obj_deps for o in _conjuncts(g)]
        if pat.pobj:
            objs = [o for o in objs if _phrase_keys(o) & pat.pobj]
            if not objs:
                continue
        return [p, *objs[:1]]
    return None
