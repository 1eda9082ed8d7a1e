"""Names that point at the wrong actor in context.

Why a module: the lexicons match surnames and country names, but "Hunter Biden" is not the
president, "Atlanta, Georgia" is not the Caucasian country, "a Trump supporter" is not
Trump and "England beat Wales 2-1" names two teams.  The tests read only the words around
a lexicon hit; ``actor_rules.filter_hits`` drops or re-points the hit,
``actor_rules.build_actor`` takes the follower's sector.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ladder.ontology import lexicon_rows


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    return frozenset(r["lemma"] for r in lexicon_rows("honorifics.tsv"))


def another_bearer(doc: Doc, start: int, end: int, taken: set[int]) -> bool:
    """Is a surname-only leader match (``doc[start:end]``) preceded by another given name
    ("Jill Biden", "Xiomara Castro"), or the first word of a longer name it modifies
    ("Bashir Ahmad Dar", "Trump Tower")?

    Needs the tagger (a PROPN name word, no lexicon hit, no title such as "Mr",
    ``lexicons/honorifics.tsv``); not in title-case headlines, where every word is
    capitalised and often tagged PROPN."""
    if end - start != 1 or not doc.has_annotation("TAG"):
        return False

    def name_word(t: Token) -> bool:
        return t.pos_ == "PROPN" and t.is_title and t.is_alpha and t.i not in taken and t.lower_ not in _honorifics()

    before = start > 0 and name_word(doc[start - 1])
    after = end < len(doc) and doc[start].dep_ == "compound" and doc[start].head.i >= end and name_word(doc[end])
    if not (before or after):
        return False
    sent = doc[start].sent if doc.has_annotation("SENT_START") else doc[:]
    words = [t for t in sent if t.is_alpha and not t.is_stop]
    return sum(t.is_title for t in words) <= 0.6 * len(words)


@lru_cache(maxsize=1)
def _state_homonyms() -> tuple[frozenset[str], frozenset[str]]:
    rows = lexicon_rows("us_state_homonyms.tsv")
    return (frozenset(r["word"] for r in rows if r["kind"] == "homonym"),
            frozenset(r["word"] for r in rows if r["kind"] == "cue"))


def us_state(doc: Doc, start: int, end: int, before: str | None) -> bool:
    """Is the country name ``doc[start:end]`` the US state ("Georgia sheriff"), or, after a
    place of country ``before`` == "USA", the state of that city ("Atlanta, Georgia")?"""
    names, cues = _state_homonyms()
    if doc[start:end].text not in names:
        return False
    return before == "USA" or (end < len(doc) and doc[end].lower_ in cues)


@lru_cache(maxsize=1)
def _followers() -> dict[str, str]:
    return {r["lemma"]: r["sector"] for r in lexicon_rows("follower_nouns.tsv")}


def follower(doc: Doc, end: int) -> tuple[str | None, int] | None:
    """(sector, end character) when the noun right after a leader's name (or "'s") is one of
    ``lexicons/follower_nouns.tsv`` and that name modifies it: "a Trump supporter" is a
    civilian, "Putin opponents" the opposition, not the leader."""
    i = end + 1 if end < len(doc) and doc[end].tag_ == "POS" else end
    if i >= len(doc) or end == 0 or doc[end - 1].head.i != i:
        return None
    sector = _followers().get(doc[i].lemma_.lower())
    return None if sector is None else (sector or None, doc[i].idx + len(doc[i].text))


_SCORE = re.compile(r"\b\d{1,2}\s?[-–]\s?\d{1,2}\b")
_SPORT = re.compile(
    r"\b(match|matches|goal|goals|cup|league|final|semi-final|semifinal|quarter-final|"
    r"tournament|championship|striker|midfielder|defender|goalkeeper|coach|qualifier|"
    r"friendly|olympics?|medal|innings|wicket|rugby|football|soccer|cricket|tennis|"
    r"scored|halftime|half-time|penalty|penalties|fixture|squad|test series)\b",
    re.I,
)


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence of token ``i`` (by punctuation when the doc has no sentence marks)."""
    if doc.has_annotation("SENT_START"):
        return doc[i].sent
    s = i
    while s > 0 and doc[s - 1].text not in (".", "!", "?", "\n"):
        s -= 1
    e = i
    while e < len(doc) and doc[e].text not in (".", "!", "?", "\n"):
        e += 1
    return doc[s:e]


def sports_line(sent: Span) -> bool:
    """A score line with a sports word: "England beat Wales 2-1" names teams, not states."""
    text = sent.text
    return bool(_SCORE.search(text) and _SPORT.search(text))
