"""Clause-level status cues for one event predicate (issue #3; used by ``attribution.analyze``).

Why separate from the frames: attribution frames ("X said", "according to") decide *who*;
these rules decide *whether it happened* from the event's own clause: modals, negation,
hedges, conditionals, questions and complement-taking verbs ("threatened to", "refused to").
They return the set of flags that apply; ``attribution`` resolves them by precedence.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ladder.attribution_lexicon import Cues, cues

_NOUNS = ("NOUN", "PROPN")
_STOP = {"ccomp", "advcl", "relcl", "parataxis", "ROOT", "acl", "appos", "csubj", "nsubj",
         "nsubjpass", "dobj", "pobj", "conj", "pcomp"}


def local_flags(sent: Span, trigger: Token, stop_at_clause: bool = False) -> set[str]:
    """Status flags from the trigger's own clause and the verbs that embed it by control."""
    c = cues()
    flags: set[str] = set()
    reported_speech = any(c.reporting.get(a.lemma_.lower()) in ("say", "claim", "belief")
                          for a in trigger.ancestors)
    node: Token | None = trigger
    if trigger.pos_ in _NOUNS:
        _noun_flags(trigger, flags, c)
        node = None if stop_at_clause else _governor(trigger)
    steps = 0
    inherit = False
    while node is not None and steps < 8:
        steps += 1
        _verb_flags(node, flags, c, reported_speech, modal_only=inherit)
        dep = node.dep_
        head = node.head
        if head is node or stop_at_clause:
            break
        if dep == "xcomp" or (dep in ("dobj", "pcomp") and node.tag_ == "VBG") or (
                dep == "ccomp" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in node.children)):
            # "wants Putin to attack": the small parser's ccomp with its own subject
            _control(head, node, flags, c)
            node, inherit = head, False
            continue
        if dep == "advcl" and head.pos_ in ("VERB", "AUX") and any(
                ch.dep_ == "aux" and ch.lower_ == "to" for ch in node.children) and not any(
                ch.dep_ == "mark" for ch in node.children):
            node, inherit = head, True  # purpose: "may come back to haunt", "should do more to help"
            continue
        if dep == "conj" and head.pos_ in ("VERB", "AUX"):
            node, inherit = head, True  # "will meet and discuss": modals are shared
            continue
        if dep == "acomp" and head.pos_ in ("VERB", "AUX") and node.lemma_.lower() in c.control:
            node, inherit = head, False  # "have not been able to arrest": the copula's negation
            continue
        if dep == "acl" and head.pos_ in _NOUNS:
            cls = c.control_nouns.get(head.lemma_.lower())
            if cls and cls != "asserted":
                flags.add(cls)
            if head.dep_ in ("nsubj", "csubj", "nsubjpass"):
                _modal_subject(head, flags, c)
            node, inherit = _governor(head), True
            continue
        if dep == "ccomp" and head.pos_ in ("VERB", "AUX"):
            # extraposed noun complement: "repeated its demand on Monday that Russia withdraw ..."
            for obj in head.children:
                cls = c.control_nouns.get(obj.lemma_.lower()) if obj.dep_ == "dobj" and obj.i < node.i else None
                if cls and cls != "asserted":
                    flags.add(cls)
        if dep in ("csubj", "nsubj", "csubjpass"):
            _modal_subject(node, flags, c)
        break
    if _yes_no_question(sent, trigger, c):
        flags.add("hypothetical")
    return flags


def _governor(noun: Token) -> Token | None:
    """The verb whose clause a noun event sits in ("launched an attack" -> launched)."""
    tok = noun
    for _ in range(4):
        dep, head = tok.dep_, tok.head
        if head is tok:
            return None
        if dep == "pobj" and head.dep_ == "prep":
            tok = head
            continue
        if dep in ("compound", "conj", "prep") and head.pos_ in _NOUNS:
            tok = head
            continue
        if dep in ("dobj", "nsubj", "nsubjpass", "attr", "oprd", "prep", "npadvmod", "dep") \
                and head.pos_ in ("VERB", "AUX"):
            return head
        return None
    return None


def _noun_flags(noun: Token, flags: set[str], c: Cues) -> None:
    for ch in noun.children:
        low = ch.lower_
        if ch.dep_ in ("det", "neg") and low in ("no", "neither"):
            flags.add("negated")
        elif ch.dep_ in ("amod", "advmod") and low in c.hedges:
            flags.add("reported")
        elif ch.dep_ in ("amod", "compound") and low in c.hypothetical_adjectives and ch.i < noun.i:
            flags.add("hypothetical")  # "a potential Russian invasion"
        elif ch.dep_ == "acl" and ch.lemma_.lower() in c.hedges:
            flags.add("reported")


_ABILITY = frozenset({"can", "could", "ca", "cannot"})


def _verb_flags(v: Token, flags: set[str], c: Cues, reported_speech: bool,
                modal_only: bool = False) -> None:
    lem = v.lemma_.lower()
    # "could not agree on a budget", "cannot attend": a denied ability says the event did
    # not happen -- negated, not a possibility
    unable = any(ch.dep_ == "aux" and ch.lower_ in _ABILITY for ch in v.children) and (
        any(ch.dep_ == "neg" for ch in v.children) or any(ch.lower_ == "cannot" for ch in v.children))
    for ch in v.children:
        low, dep = ch.lower_, ch.dep_
        if dep in ("aux", "auxpass"):
            if low in c.future_modals:
                flags.add("future")
            elif unable and low in _ABILITY:
                flags.add("negated")
            elif low in c.hypothetical_modals:
                flags.add("hypothetical")
            elif low in c.would:
                flags.add("future" if reported_speech else "hypothetical")
            elif low == "to" and _headline_infinitive(v, c):
                flags.add("future")  # headline infinitive: "Blinken to visit UK"
        if modal_only:
            continue
        if dep == "neg" or (dep == "advmod" and low in ("never", "not")):
            flags.add("negated")
        elif dep in ("advmod", "amod") and low in c.hedges:
            flags.add("reported")
        elif dep == "mark" and low in c.conditional_marks:
            flags.add("hypothetical")
        elif dep == "advcl" and any(m.dep_ == "mark" and m.lower_ in c.conditional_marks
                                    and m.lower_ != "whether" for m in ch.children):
            if lem not in c.reporting and c.control.get(lem) != "future":
                flags.add("hypothetical")  # consequent of a conditional
        elif dep in ("nsubj", "nsubjpass") and _negative_subject(ch):
            flags.add("negated")
        elif dep in ("npadvmod", "advmod", "prep") and v.tag_ in ("VBZ", "VBP", "VB"):
            text = " ".join(t.lower_ for t in ch.subtree)
            if any(text == ft or text.endswith(ft) for ft in c.future_time):
                flags.add("future")


def _negative_subject(subj: Token) -> bool:
    """"No troops were injured", "nobody was hurt", "not one civilian was killed"."""
    return (subj.lower_ in ("nobody", "none", "noone")
            or any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in subj.children)
            or any(t.lower_ == "not" and t.i < subj.i for t in subj.subtree))


def _headline_infinitive(v: Token, c: Cues) -> bool:
    """"Blinken to visit UK", "Kim 'to visit Putin'": a to-infinitive no verb governs."""
    if v.dep_ == "ROOT":
        return True
    if v.head.pos_ not in _NOUNS or v.head.lemma_.lower() in c.control_nouns:
        return False
    return all(a.pos_ in _NOUNS or c.reporting.get(a.lemma_.lower()) == "say"
               for a in v.ancestors)


def _control(gov: Token, comp: Token, flags: set[str], c: Cues) -> None:
    """What a complement-taking predicate does to its complement ("threatened to strike")."""
    lem = gov.lemma_.lower()
    if lem == "be" and any(ch.lower_ == "to" for ch in comp.children):
        flags.add("future")  # "is to take effect"
        return
    if lem in c.hedged_passives and (gov.tag_ == "VBN" or any(
            ch.dep_ == "auxpass" for ch in gov.children)):
        flags.add("reported")  # "is said to have", "believed to have been involved"
        return
    if lem in ("have", "be") and any(ch.lower_ == "yet" for ch in gov.children):
        flags.add("negated")  # "has yet to provide"
        return
    cls = c.control.get(lem) or c.control.get(gov.lower_)
    if cls and cls != "asserted":
        flags.add(cls)


def _modal_subject(subj: Token, flags: set[str], c: Cues) -> None:
    """Gerund / noun subjects of a modal predicate are irrealis ("banning X would be ...")."""
    head = subj.head
    if any(ch.dep_ == "aux" and (ch.lower_ in c.hypothetical_modals or ch.lower_ in c.would)
           for ch in head.children):
        flags.add("hypothetical")


def _yes_no_question(sent: Span, trigger: Token, c: Cues) -> bool:
    """Yes/no questions leave the event open; wh-questions presuppose it."""
    text = sent.text.rstrip().rstrip("\"'”’").rstrip()
    if not text.endswith("?"):
        return False
    start = sent.start
    for t in sent:
        if t.i < trigger.i and t.text in (":", "?", ".") and t.i + 1 < sent.end:
            start = t.i + 1
        elif t.i > trigger.i and t.text == ":":
            return False  # "Convoy strike: what happened?": the question is another segment
    first = next((t for t in sent.doc[start:sent.end] if not t.is_punct), None)
    if first is None:
        return False
    return first.lower_ not in c.question_wh
