"""Lexicon evidence for ``Coder.classify``: which event types the sentence's trigger words name.

Why: the classifier reads the whole sentence and, on its own, sometimes answers with a
type no word of the sentence names (a paraphrase it has not seen) or the type of another
clause.  The trigger lexicon (verbs and event nouns -> CAMEO -> PLOVER) is evidence
learnt from different data, so the two are combined: the classifier's probability of
each PLOVER type is multiplied by ``exp(bonus)``, where the bonus is ``ANYWHERE`` when a
trigger of that type occurs in the sentence and ``ANYWHERE + ON_PATH`` when the trigger
sits on the dependency path between the source and the target (or above the only actor
found).  The two weights were chosen by cross-validation on out-of-fold classifier
probabilities of the PLV train split (``scripts/classifier_evidence_cv.py``), never on
PLV test.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Token

from ladder.classify import _find
from ladder.coding import plover_of
from ladder.triggers import TriggerLexicon

#: log-probability bonus for a type named by a trigger anywhere in the sentence
ANYWHERE = 1.0
#: extra bonus when that trigger is on the source-target dependency path
ON_PATH = 2.0


@dataclass(frozen=True)
class TriggerHit:
    """One trigger word of the sentence and what the lexicon codes it as."""

    token: int
    code: str
    plover: str | None
    on_path: bool


def _head(doc: Doc, span: tuple[int, int] | None) -> Token | None:
    """Syntactic head of the tokens inside a character span."""
    if span is None:
        return None
    toks = [t for t in doc if t.idx >= span[0] and t.idx + len(t) <= span[1]]
    return min(toks, key=lambda t: sum(1 for _ in t.ancestors)) if toks else None


def actor_path(doc: Doc, source: str | None, target: str | None) -> set[int]:
    """Token indices between the source and target heads (through their lowest common
    ancestor); with one actor found, that actor's head and all its ancestors."""
    taken: list[tuple[int, int]] = []
    src_span = _find(doc.text, source, taken)
    if src_span:
        taken.append(src_span)
    heads = [h for h in (_head(doc, src_span), _head(doc, _find(doc.text, target, taken)))
             if h is not None]
    if not heads:
        return set()
    chains = [[h, *h.ancestors] for h in heads]
    if len(chains) == 1:
        return {t.i for t in chains[0]}
    other = {t.i for t in chains[1]}
    lca = next((t for t in chains[0] if t.i in other), None)
    path: set[int] = set()
    for chain in chains:
        for t in chain:
            path.add(t.i)
            if t is lca:
                break
    return path


def trigger_hits(doc: Doc, triggers: TriggerLexicon, source: str | None,
                 target: str | None) -> list[TriggerHit]:
    """Every verb or noun trigger of the sentence, on-path ones first."""
    path = actor_path(doc, source, target)
    hits = []
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX"):
            m = triggers.match_verb(tok)
        elif tok.pos_ == "NOUN":
            m = triggers.match_noun(tok)
        else:
            continue
        if m is not None:
            code = str(m.code)
            hits.append(TriggerHit(tok.i, code, plover_of(code)[0], tok.i in path))
    return sorted(hits, key=lambda h: (not h.on_path, h.token))


def type_bonus(hits: Sequence[TriggerHit], anywhere: float = ANYWHERE,
               on_path: float = ON_PATH) -> dict[str, float]:
    """PLOVER type -> log-probability bonus (the best hit of each type counts once)."""
    out: dict[str, float] = {}
    for h in hits:
        if h.plover is not None:
            out[h.plover] = max(out.get(h.plover, 0.0), anywhere + (on_path if h.on_path else 0.0))
    return out


def apply_bonus(probs: np.ndarray, labels: Sequence[str], bonus: dict[str, float]) -> np.ndarray:
    """``probs`` reweighted by ``exp(bonus)`` per label and renormalised."""
    if not bonus:
        return probs
    w = np.array([math.exp(bonus.get(lab, 0.0)) for lab in labels], dtype=probs.dtype)
    out: np.ndarray = probs * w
    total = out.sum()
    return out / total if total > 0 else probs
