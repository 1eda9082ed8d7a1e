"""Provenance of an event (issue #3): *did it happen* (status) and *who says so* (attribution).

Why rules over the dependency parse: the cues are lexical and structural ("X said", "according
to", "reportedly", "threatened to", "did not") and must be explainable event by event; every
cue word lives in a data file (``data/lexicons/provenance_cues.yaml``, ``anonymity_cues.tsv``,
``outlets.tsv``).  Full definitions: ``docs/provenance.md``.

Statuses (``ladder.types.STATUSES``), most specific wins, precedence
``denied > hypothetical > negated > future > reported > asserted``:

* ``denied``: the event is inside what an actor denies ("Moscow denied that its forces struck",
  "rumours that he was arrested were denied").  A denied negation ("denied that it had not
  struck") cancels out: the denier affirms the event, which is then ``asserted`` with attribution.
* ``hypothetical``: irrealis: could/may/might/can/should/must, conditionals (if/unless, both
  antecedent and consequent), yes/no questions (wh-questions presuppose the event), whether-
  clauses, requested or wished-for acts ("urged X to", "seeks to", "fears of an attack"),
  ``would`` outside reported speech, and gerund/noun subjects of a modal ("banning X would ...").
* ``negated``: not/never/n't, "no" subject, refuse/decline/fail/unable to.
* ``future``: will/shall/'ll, ``would`` in reported speech ("said it would"), plans, threats,
  promises, agreements ("threatened to", "agreed to", "plans to"), headline infinitives
  ("Blinken to visit UK"), be-to ("is to take effect"), future-time adverbs.
* ``reported``: the writer distances itself: hedges (reportedly, allegedly, alleged, purportedly,
  is said/believed to), claim-type verbs (claim, allege, accuse, suspect, believe), claim nouns
  ("claims that ..."), and *anonymous-only* sourcing ("sources said", "a senior official said").
* ``asserted``: everything else, including on-record attribution ("..., Ukrainian officials
  said" stays asserted with the speaker recorded).

The event's own reporting verb is not a frame for itself ("Biden denied the allegations" is an
asserted denial event); presupposing nouns stop the scope ("denies involvement in the attack":
the attack stays asserted).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ladder.attribution_headlines import Frame, headline_frames
from ladder.attribution_lexicon import cues
from ladder.attribution_speakers import (
    is_anonymous,
    left_np,
    noun_speaker,
    np_span,
    outlet_in,
    own_subject,
    pobj_span,
    subject_span,
)
from ladder.attribution_status import local_flags
from ladder.types import Attribution

log = logging.getLogger(__name__)

PRECEDENCE = ("denied", "hypothetical", "negated", "future", "reported", "asserted")
_SUBJ = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_CLAUSE = {"ccomp", "xcomp", "parataxis"}
_QUOTES = {'"', "“", "”", "``", "''", "„"}
_QUOTE_PRONOUNS = {"i", "we", "you", "me", "us"}


@dataclass
class DocContext:
    """Document metadata: the default attribution for unattributed assertions."""

    outlet: str | None = None
    date: str | None = None


def is_reporting_verb(token: Token) -> bool:
    """True for a verb that only attributes ("said", "told reporters that", "claimed"):
    the events module codes what it reports, not the saying itself.  Denials and accusations
    are events of their own and return False."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    cls = cues().reporting.get(token.lemma_.lower())
    if cls not in ("say", "claim", "belief", "evidential"):
        return False
    if token.lemma_.lower() in cues().needs_clause:
        return _has_clause(token)
    return True


def reporting_frame(sent: Span) -> list[Frame]:
    """Every reporting verb of the sentence with its speaker, in text order (for the lead's
    events module and for ``--explain``)."""
    out = [Frame(cues().reporting[t.lemma_.lower()], [t], subject_span(t))
           for t in sent if is_reporting_verb(t)]
    return out


def analyze(sent: Span, trigger: Token, ctx: DocContext | None = None,
            resolver: object | None = None, date: str | None = None) -> tuple[str, Attribution]:
    """(status, Attribution) for the event whose main predicate is ``trigger`` in ``sent``.
    Spans are character offsets in ``sent.doc``."""
    ctx = ctx or DocContext()
    try:
        frames, presupposed = _frames(sent, trigger)
        status = _status(sent, trigger, frames, presupposed)
        attr = _attribution(frames, ctx, resolver, date or ctx.date)
    except Exception:  # pragma: no cover - a parse we did not foresee must not stop coding
        log.exception("attribution failed on %r", sent.text[:200])
        return "asserted", Attribution(outlet=ctx.outlet)
    if status == "asserted" and attr.anonymous:
        status = "reported"
    return status, attr


# ---------------------------------------------------------------- frames (who says so)

def _frames(sent: Span, trigger: Token) -> tuple[list[Frame], bool]:
    """Frames scoping over the trigger, innermost first; and whether the trigger is presupposed."""
    c = cues()
    frames: list[Frame] = []
    path = [trigger] + [a for a in trigger.ancestors if sent.start <= a.i < sent.end]
    presupposed = False
    for child, head in zip(path, path[1:], strict=False):
        n_before = len(frames)
        if child is not trigger and child.lemma_.lower() in c.presupposing_nouns:
            presupposed = True
            break
        lem = head.lemma_.lower()
        cls = c.reporting.get(lem)
        edge = child.dep_
        if cls and head.pos_ in ("VERB", "AUX") and _in_scope(head, child, cls):
            if edge == "xcomp" and lem in c.control and cls not in ("claim", "deny"):
                continue  # "told them to evacuate": control, handled by the status chain
            frames.append(_verb_frame(head, cls, child))
        elif head.pos_ in ("NOUN", "PROPN") and _noun_scope(child):
            if lem in c.claim_nouns:
                frames.append(Frame("claim", [head], noun_speaker(head)))
            elif lem in c.deny_nouns:
                frames.append(Frame("deny", [head], noun_speaker(head)))
            elif lem in c.fear_nouns:
                frames.append(Frame("fear", [head], None))
        for f in frames[n_before:]:
            f.depth = path.index(head) - 0.5
    top = path[-1]
    if not presupposed:
        frames.extend(_trailing_frames(sent, top, path))
        frames.extend(_which_denied(sent, trigger))
        if not any(f.kind in ("say", "claim", "belief", "evidential", "according") for f in frames):
            frames.extend(_quote_frames(sent, trigger))
        frames.extend(headline_frames(sent, trigger))
        _attach_citing(sent, path, frames)
    frames.sort(key=lambda f: f.depth)  # innermost first
    return frames, presupposed


def _attach_citing(sent: Span, path: list[Token], frames: list[Frame]) -> None:
    """"NBC reported, citing US officials, that ...": the parse may hang "citing" on the
    event verb; it still names the source the reporting frame relies on."""
    say = next((f for f in frames if f.kind in ("say", "claim", "evidential")), None)
    if say is None or say.inner:
        return
    for t in sent:
        if (t.lemma_.lower() == "cite" and t.dep_ in ("advcl", "xcomp", "conj", "prep")
                and (t.head in path or t.head in say.cue)):
            objs = [o for o in t.children if o.dep_ in ("dobj", "pobj")]
            if objs and (np := np_span(objs[0])) is not None:
                say.inner.append(np)
                return


def _in_scope(verb: Token, child: Token, cls: str) -> bool:
    edge = child.dep_
    lem = verb.lemma_.lower()
    if edge in _SUBJ:
        return cls == "deny" and edge == "nsubjpass"  # "rumours that ... were denied"
    if cls == "deny" and edge in ("parataxis", "advcl"):
        return False  # "he says ..., denies the charges": two statements, not one in the other
    if edge in _CLAUSE or edge in ("pcomp",):
        return True
    if edge == "advcl":  # "NBC reported, citing officials, that X attacked"
        marks = {m.lower_ for m in child.children if m.dep_ == "mark"}
        return child.i > verb.i and marks <= {"that"}
    if lem in cues().needs_clause:
        return edge == "dobj" and child.lemma_.lower() in cues().claim_nouns
    if edge == "dobj":
        return cls in ("deny", "claim", "accuse", "fear")
    if edge == "prep":
        return cls in ("accuse", "deny") and child.lower_ in ("of", "for", "over")
    return False


def _noun_scope(child: Token) -> bool:
    return child.dep_ in ("acl", "ccomp", "compound", "appos") or (
        child.dep_ == "prep" and child.lower_ in ("of", "over", "about"))


def _verb_frame(verb: Token, cls: str, child: Token | None = None) -> Frame:
    subj = subject_span(verb)
    if cls == "deny" and subj is None:
        agent = [t for t in verb.children if t.dep_ == "agent"]
        subj = pobj_span(agent[0]) if agent else None
    f = Frame(cls, [verb], subj)
    for ch in verb.children:  # "NBC reported, citing US officials, ..."
        if ch.lemma_.lower() == "cite" and ch.dep_ in ("advcl", "xcomp", "prep", "conj"):
            objs = [o for o in ch.children if o.dep_ in ("dobj", "pobj")]
            if objs and (cited := np_span(objs[0])) is not None:
                f.inner.append(cited)
        elif ch.dep_ in ("dative", "dobj", "prep") and ch is not child:  # "told CNN", "with the BBC"
            np = pobj_span(ch) if ch.dep_ == "prep" else np_span(ch)
            if np is not None and (o := outlet_in(np)):
                f.outlet = o
    return f


def _trailing_frames(sent: Span, top: Token, path: list[Token]) -> list[Frame]:
    """"..., Ukrainian officials said." attached below the event, and "according to X"."""
    out: list[Frame] = []
    for node in path:
        for ch in node.children:
            if ch in path:
                continue
            if ch.lower_ == "according" or (ch.lower_ == "to" and ch.head.lower_ == "according"):
                to = next((t for t in ch.children if t.lower_ == "to"), ch)
                np = pobj_span(to)
                if np is not None:
                    out.append(Frame("according", [ch, to] if to is not ch else [ch], np,
                                     depth=path.index(node)))
            elif (node is top and ch.dep_ in ("parataxis", "ccomp", "advcl", "conj")
                  and is_reporting_verb(ch) and not _has_clause(ch)):
                f = _verb_frame(ch, cues().reporting[ch.lemma_.lower()])
                f.speaker = own_subject(ch) or left_np(ch)
                if f.speaker is not None:
                    f.depth = len(path) - 0.5
                    out.append(f)
    for t in sent:  # "according to" attached above the event's clause (sentence-initial)
        if t.lower_ == "according" and t.head is top and t not in path and not any(
                t in f.cue for f in out):
            to = next((x for x in t.children if x.lower_ == "to"), t)
            np = pobj_span(to)
            if np is not None:
                out.append(Frame("according", [t, to], np, depth=len(path)))
    return out


def _which_denied(sent: Span, trigger: Token) -> list[Frame]:
    """"X was accused of Y, which he denied": the denial covers the main clause."""
    out = []
    for t in sent:
        if (cues().reporting.get(t.lemma_.lower()) == "deny" and t.dep_ == "relcl"
                and any(o.lower_ in ("which", "that") and o.dep_ == "dobj" for o in t.children)
                and trigger not in t.subtree):
            out.append(Frame("deny", [t], subject_span(t)))
    return out


def _quote_frames(sent: Span, trigger: Token) -> list[Frame]:
    """Quoted speech: the speaker of the quote the trigger stands in, even when the quote runs
    past the sentence ("unclosed") and the attribution follows in a later sentence."""
    before = sum(1 for t in sent if t.i < trigger.i and t.text in _QUOTES)
    if before % 2 == 0:
        return []
    doc = sent.doc
    for t in sent:  # a reporting verb outside the quote, in the same sentence
        if is_reporting_verb(t) and t.i != trigger.i and subject_span(t) is not None:
            q = sum(1 for x in sent if x.i < t.i and x.text in _QUOTES)
            if q % 2 == 0:
                return [_verb_frame(t, cues().reporting[t.lemma_.lower()])]
    closing = next((t for t in doc[sent.end:min(len(doc), sent.end + 200)] if t.text in _QUOTES), None)
    if closing is None:
        return []
    for t in doc[closing.i + 1:min(len(doc), closing.i + 6)]:
        if is_reporting_verb(t) and subject_span(t) is not None:
            return [_verb_frame(t, cues().reporting[t.lemma_.lower()])]
    return []


# ---------------------------------------------------------------- speakers

def _has_clause(verb: Token) -> bool:
    return any(ch.dep_ in ("ccomp", "parataxis") or (ch.dep_ == "advcl" and ch.i > verb.i
               and {m.lower_ for m in ch.children if m.dep_ == "mark"} <= {"that"})
               for ch in verb.children) or verb.dep_ in ("parataxis",) or (
               verb.head is not verb and verb.head.dep_ == "ccomp" and verb.head.head is verb)


# ---------------------------------------------------------------- attribution record

def _attribution(frames: list[Frame], ctx: DocContext, resolver: object | None,
                 date: str | None) -> Attribution:
    for f in frames:  # never attribute to punctuation
        if f.speaker is not None and not any(t.is_alpha for t in f.speaker):
            f.speaker = None
    speakers = [f for f in frames if f.speaker is not None and f.kind != "fear"]
    deny = next((f for f in frames if f.kind == "deny" and f.speaker is not None), None)
    chain: list[str] = []
    outlet: str | None = None
    for f in reversed(frames):  # outermost first
        if f.outlet and not outlet:
            outlet = f.outlet
            chain.append(f.outlet)
        if f.speaker is not None and f.kind != "fear":
            o = outlet_in(f.speaker)
            outlet = outlet or o
            if f.speaker.text not in chain:
                chain.append(f.speaker.text)
        chain.extend(s.text for s in f.inner if s.text not in chain)
    while len(speakers) > 1 and speakers[0].speaker is not None and \
            speakers[0].speaker.text.lower() in _QUOTE_PRONOUNS:
        speakers = speakers[1:]  # "'... we warn ...', Saree said": "we" is Saree
    main = deny or (speakers[0] if speakers else None)
    a = Attribution(outlet=outlet or ctx.outlet, chain=chain)
    if main is None:
        cue = next((f for f in frames if f.cue), None)
        if cue is not None and cue.kind != "fear":
            a.cue, a.cue_span = _cue(cue)
        return a
    sp = main.speaker
    if main.inner and main is not deny:  # "Reuters, citing anonymous sources, reported": inner
        sp = main.inner[-1]
    assert sp is not None
    a.speaker = sp.text
    a.speaker_span = (sp.start_char, sp.end_char)
    a.cue, a.cue_span = _cue(main)
    a.anonymous = is_anonymous(sp)
    if resolver is not None:
        try:
            actors = resolver.resolve(sp, date, role="source")  # type: ignore[attr-defined]
            a.speaker_actor = actors[0] if actors else None
        except Exception:  # resolver is optional and owned elsewhere
            log.debug("speaker resolution failed for %r", sp.text)
    return a


def _cue(f: Frame) -> tuple[str, tuple[int, int]]:
    toks = sorted(f.cue, key=lambda t: t.i)
    return (" ".join(t.text for t in toks),
            (toks[0].idx, toks[-1].idx + len(toks[-1].text)))


def _status(sent: Span, trigger: Token, frames: list[Frame], presupposed: bool) -> str:
    flags = local_flags(sent, trigger, stop_at_clause=presupposed)
    denied = any(f.kind == "deny" for f in frames)
    if denied and "negated" in flags:
        flags.discard("negated")  # "denied that it had not": the denier affirms it
    elif denied:
        flags.add("denied")
    for f in frames:
        if f.kind in ("claim", "belief", "accuse"):
            flags.add("reported")
        elif f.kind == "fear":
            flags.add("hypothetical")
        if f.speaker is not None and f.kind != "fear" and is_anonymous(f.speaker):
            flags.add("reported")
        if any(is_anonymous(s) for s in f.inner):
            flags.add("reported")
    return next((s for s in PRECEDENCE if s in flags), "asserted")

