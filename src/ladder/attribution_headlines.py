"""Attribution frames and the headline conventions that name a speaker or outlet.

Why apart from ``ladder.attribution``: headlines attribute by punctuation, not by a
reporting verb ("Bowen: ...", "AP News: ...", "... – Reznikov", "... | Euronews"), and
these rules are long enough to hide the verb-based logic they sit beside.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ladder.attribution_lexicon import cues, match_outlet
from ladder.attribution_speakers import subject_span

_DASHES = {"-", "–", "—", "|", "--"}
_NO_SPEAKER_ENTS = {"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT"}


@dataclass
class Frame:
    """One attribution layer over an event: its cue, class and speaker (None when unnamed)."""

    kind: str  # say|claim|belief|evidential|deny|accuse|fear|according|headline|outlet
    cue: list[Token]
    speaker: Span | None = None
    outlet: str | None = None
    inner: list[Span] = field(default_factory=list)  # "citing X" speakers under this frame
    depth: float = 100.0  # distance of the cue's clause from the trigger (innermost first)


def headline_frames(sent: Span, trigger: Token) -> list[Frame]:
    """Headline conventions: "Bowen: ...", "AP News: ...", "... – Reznikov", "... | Euronews"."""
    toks = list(sent)
    out: list[Frame] = []
    colon = next((t for t in toks[:7] if t.text == ":"), None)
    if colon is not None and colon.i < trigger.i and colon.i > sent.start:
        pre = sent.doc[sent.start:colon.i]
        rest = sent.doc[colon.i + 1:sent.end].text.strip().strip('"”’\'')
        if (o := match_outlet(pre.text)) is not None:
            out.append(Frame("outlet", [colon], None, outlet=o))
        elif (any(t.ent_type_ == "PERSON" for t in pre) and all(t.pos_ == "PROPN" for t in pre)
              and not any(t.ent_type_ in _NO_SPEAKER_ENTS for t in pre)
              and not rest.endswith("?") and not pre.text.isupper()):
            out.append(Frame("headline", [colon], pre))
    if colon is None:
        colon = next((t for t in toks if t.text == ":" and t.i < trigger.i), None)
        verb = next((t for t in toks if colon is not None and t.i < colon.i
                     and cues().reporting.get(t.lemma_.lower()) == "say"
                     and t.pos_ == "VERB"), None)
        if verb is not None and (sp := subject_span(verb)) is not None:
            out.append(Frame("headline", [verb], sp))
    elif colon.i < trigger.i and not out:
        verb = next((t for t in toks if colon.i < t.i < colon.i + 6 and t.pos_ == "VERB"
                     and cues().reporting.get(t.lemma_.lower()) == "say"), None)
        nxt = next((t for t in toks if t.i > colon.i and t.text == ":" and t.i < trigger.i), None)
        if verb is not None and nxt is not None and (sp := subject_span(verb)) is not None:
            out.append(Frame("headline", [verb], sp))
    end_colon = next((t for t in reversed(toks) if t.text == ":" and t.i > trigger.i
                      and sent.end - t.i <= 4), None)
    if end_colon is not None:  # "... could collapse: union head"
        tail = sent.doc[end_colon.i + 1:sent.end]
        if tail.text.strip() and not any(t.pos_ in ("VERB", "AUX") for t in tail) and any(
                t.pos_ in ("PROPN", "NOUN") and t.is_alpha for t in tail):
            out.append(Frame("headline", [end_colon], tail))
    dash = next((t for t in reversed(toks) if t.text in _DASHES and t.whitespace_
                 and t.i > trigger.i and sent.end - t.i <= 6), None)
    if dash is not None:
        tail = sent.doc[dash.i + 1:sent.end]
        while len(tail) and tail[-1].is_punct:
            tail = tail[:-1]
        text = tail.text.strip()
        if text and text.lower() not in cues().not_speakers:
            if (o := match_outlet(text)) is not None:
                out.append(Frame("outlet", [dash], None, outlet=o))
            elif (not any(t.pos_ in ("VERB", "AUX") for t in tail)
                  and any(t.pos_ in ("PROPN", "NOUN") and t.is_alpha for t in tail)):
                out.append(Frame("headline", [dash], tail))
    return out
