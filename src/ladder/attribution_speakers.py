"""Speaker phrases and anonymity for attribution (issue #3; used by ``ladder.attribution``).

Why apart: finding the noun phrase that names a source ("a spokeswoman for the police", "the
World Food Program (WFP)") and deciding whether it is an unnamed source are reusable by the
events module and ``--explain``, independently of the status rules.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ladder.attribution_lexicon import cues, match_outlet

_QUOTES = {'"', "“", "”", "``", "''", "„"}


def np_span(tok: Token) -> Span | None:
    """The noun phrase of ``tok`` without relative clauses, appositions and edge punctuation."""
    cut = [ch for ch in tok.children if ch.dep_ in ("relcl", "appos", "advcl", "punct", "cc", "conj")
           and ch.i > tok.i]
    end = min([c.left_edge.i for c in cut] + [tok.right_edge.i + 1])
    start = tok.left_edge.i
    doc = tok.doc
    while start < end and (doc[start].is_punct or doc[start].text in _QUOTES):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in _QUOTES) and not (
            doc[end - 1].text == ")" and "(" in doc[start:end].text):
        end -= 1
    if start >= end or not any(t.is_alpha for t in doc[start:end]):
        return None
    return doc[start:end]


def subject_span(verb: Token) -> Span | None:
    subj = [ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")]
    if not subj and verb.dep_ == "conj":
        subj = [ch for ch in verb.head.children if ch.dep_ == "nsubj"]
    if not subj:
        return None
    return np_span(subj[0]) if subj[0].dep_ == "nsubj" else None


def own_subject(verb: Token) -> Span | None:
    subj = [ch for ch in verb.children if ch.dep_ == "nsubj"]
    return np_span(subj[0]) if subj else None


def left_np(verb: Token) -> Span | None:
    """", the World Food Program (WFP) said": the words between the last comma and a trailing
    reporting verb whose subject the parser attached elsewhere."""
    doc = verb.doc
    start = verb.i
    while start > verb.sent.start and doc[start - 1].text not in (",", ";", ":") \
            and verb.i - start < 10:
        start -= 1
    span = doc[start:verb.i]
    if not len(span) or not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in span) \
            or any(t.pos_ in ("VERB",) for t in span):
        return None
    return np_span(span.root)


def pobj_span(prep: Token) -> Span | None:
    objs = [o for o in prep.children if o.dep_ in ("pobj", "pcomp")]
    return np_span(objs[0]) if objs else None


def noun_speaker(noun: Token) -> Span | None:
    for ch in noun.children:
        if ch.dep_ == "poss" or (ch.dep_ == "amod" and ch.ent_type_ in ("NORP", "GPE")):
            return noun.doc[ch.i:ch.i + 1] if ch.dep_ == "amod" else np_span(ch)
        if ch.dep_ == "prep" and ch.lower_ == "by":
            return pobj_span(ch)
    return None


def outlet_in(span: Span) -> str | None:
    """Longest outlet alias inside ``span`` ("state-owned Iranian news agency Fars" -> Fars)."""
    n = len(span)
    for size in range(min(n, 6), 0, -1):
        for i in range(n - size + 1):
            if (o := match_outlet(span[i:i + size].text)) is not None:
                return o
    return None


def is_anonymous(speaker: Span | None) -> bool:
    """Unnamed source by the definition in docs/provenance.md (sources, people familiar with,
    a singular indefinite official, bare plural "reports", an anonymity phrase nearby)."""
    if speaker is None:
        return False
    c = cues()
    sent_text = speaker.sent.text.lower() if speaker.doc.has_annotation("SENT_START") else ""
    if any(p in sent_text for p in c.anon_phrases if p not in ("familiar with", "briefed on",
                                                               "with knowledge of")):
        return True
    if any(p in speaker.text.lower() for p in c.anon_phrases):
        return True
    head = speaker.root
    lem, low = head.lemma_.lower(), head.lower_
    if lem in c.anon_heads or low in c.anon_heads or "anonymous" in speaker.text.lower():
        return True
    has_name = any(t.ent_type_ in ("PERSON", "ORG") for t in speaker)
    dets = {ch.lower_ for ch in head.children if ch.dep_ in ("det", "nummod")}
    if (lem in c.anon_indefinite or low in c.anon_indefinite) and dets & {"a", "an", "one",
                                                                        "another"}:
        return not any(t.ent_type_ == "PERSON" for t in speaker)
    return low in c.anon_collective and head.tag_ == "NNS" and not has_name and not dets & {"the"}
