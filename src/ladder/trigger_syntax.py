"""Dependency-parse helpers for the trigger matcher: lemma keys, phrases, modality.

Why separate: these encode spaCy small-model quirks (lemmatizer misses, split hyphenated
words, headline mis-tags) that the matcher relies on; keeping them apart keeps the
matcher readable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Span, Token

from ladder.ontology import data_path
from ladder.trigger_data import _norm, _Pattern


def _stems(word: str) -> list[str]:
    """Cheap de-inflection for when the small model's lemmatizer misses ("shelled")."""
    w = word.lower()
    out = [w]
    for suf, rep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("d", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            base = w[: len(w) - len(suf)] + rep
            out.append(base)
            if len(base) > 3 and base[-1] == base[-2]:
                out.append(base[:-1])
            if suf in ("ing", "ed"):
                out.append(base + "e")
    return out


@lru_cache(maxsize=1 << 16)
def _word_keys(lemma: str, text: str) -> tuple[str, ...]:
    return tuple(_norm(k) for k in (lemma.lower(), text.lower(), *_stems(text)))


def hyphen_left(tok: Token) -> Token | None:
    """The word before a hyphen the tokenizer split off ("cease" for "fire" in "cease-fire")."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_:
        return doc[tok.i - 2]
    return None


def _keys(tok: Token) -> list[str]:
    keys = list(_word_keys(tok.lemma_, tok.text))
    left = hyphen_left(tok)
    if left is not None:
        # the tokenizer splits "cease-fire", "air-strikes", "sit-in": the joined word first
        prefix = _norm(left.text)
        keys = [prefix + k for k in keys] + keys
    return keys


def _phrase_keys(tok: Token) -> set[str]:
    """Keys of a noun with its modifiers: 'chemical weapons' -> {weapon, chemicalweapon, ...}."""
    return _base_keys(tok) | _modified_keys(tok)


def _base_keys(tok: Token) -> set[str]:
    return set(_keys(tok))


def _modified_keys(tok: Token) -> set[str]:
    """Modifier+noun keys only; a match on one of these is more specific than the bare noun."""
    base = set(_keys(tok))
    mods = sorted((c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i),
                  key=lambda t: t.i)
    out: set[str] = set()
    for c in mods:
        for m in {_norm(c.text), _norm(c.lemma_)}:
            out |= {m + k for k in base}
    comp = [c for c in mods if c.dep_ == "compound"]
    if len(comp) > 1:
        prefix = "".join(_norm(c.lemma_) for c in comp)
        out |= {prefix + k for k in base}
    return out


@lru_cache(maxsize=1)
def quantity_nouns() -> frozenset[str]:
    """Measure/currency nouns looked through to their "of"/"in" object (``lexicons/quantity_nouns.tsv``)."""
    with data_path("lexicons/quantity_nouns.tsv").open(encoding="utf-8") as fh:
        rows = [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]
    return frozenset(r.lower() for r in rows[1:])


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *[c for c in tok.children if c.dep_ == "conj"]]


_VERBAL_FRAME = re.compile(r"#frame=(?:appeal|intend|demand|reject|threaten)\b")
_FUTURE = {"will", "'ll", "shall", "would", "wo"}
_POSSIBLE = _FUTURE | {"may", "might", "could", "can"}
_READY = {"ready", "prepared", "willing", "poised", "eager", "determined", "keen"}


def _modality(tok: Token) -> str | None:
    """future | neg_future | conditional | ready, from auxiliaries and governing words."""
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    neg = any(c.dep_ == "neg" for c in tok.children)
    cond = any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                         for g in c.children) for c in tok.children)
    if auxes & _FUTURE and neg:
        return "neg_future"
    if cond and auxes & _POSSIBLE:
        return "conditional"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _READY:
        return "ready"
    if auxes & _FUTURE:
        return "future"
    return None


def _modal_demand(tok: Token) -> str | None:
    """'must' / 'should' when the verb is the complement clause of another verb."""
    if tok.dep_ != "ccomp":
        return None
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if "must" in auxes:
        return "must"
    if auxes & {"should", "ought"}:
        return "should"
    return None


def _phrase_bonus(pat: _Pattern, toks: Sequence[Token]) -> int:
    """+2 when a modifier+noun phrase matched ("war crimes" beats "crimes")."""
    wanted = pat.dobj | pat.pobj
    return 2 if wanted and any(_modified_keys(t) & wanted for t in toks) else 0


def _span(toks: Sequence[Token]) -> Span:
    doc = toks[0].doc
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    return doc[lo: hi + 1]


def _subject_to_clause(c: Token) -> bool:
    """A to-clause with its own subject: "(wants) NATO to withdraw"."""
    return c.dep_ in ("ccomp", "xcomp") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) \
        and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
