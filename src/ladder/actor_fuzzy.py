"""Conservative fuzzy matching of misspelt country names ("Ethopia", "Afganistan").

Why so narrow: a fuzzy match that fires on a real word or a person's name invents an
actor, which costs more than the missed one.  Only a token that

* is capitalised and alphabetic, at least ``MIN_LEN`` letters long,
* is not covered by an exact lexicon hit,
* is not an English word or proper noun known to the lemmatizer's word lists (WordNet
  index: it holds "Columbia", "Indiana", "Samaria"…),

is compared, and only with single-word country names and demonyms of the same first
letter; it becomes that country when the Levenshtein ratio is at least ``MIN_RATIO``
and no other name comes as close.  The result depends on the token text only, so the
tokenizer-only pre-filter and the parsed document agree.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from ladder.lexicon import Entry, phrase_table

MIN_LEN = 6
MIN_RATIO = 90.0
_KINDS = ("country", "demonym")


@lru_cache(maxsize=1)
def _names() -> dict[str, list[Entry]]:
    """Single-word country names and demonyms (lower case) -> their entries."""
    table = phrase_table()
    out: dict[str, list[Entry]] = {}
    for key, entries in [*table.lower.items(), *table.exact.items()]:
        keep = [e for e in entries if e.kind in _KINDS]
        if keep and key.isalpha() and len(key) >= MIN_LEN - 1:
            out.setdefault(key.lower(), []).extend(keep)
    return out


class FuzzyCountries:
    """Finds misspelt country names in a doc; built once per resolver."""

    def __init__(self, nlp: Language) -> None:
        self._known: frozenset[str] = frozenset()
        try:
            pipe = nlp.get_pipe("lemmatizer")
            # ladder.nlp_fast wraps the stock lemmatizer: its tables sit one level down
            stock = getattr(getattr(pipe, "impl", None), "lemmatizer", pipe)
            lookups = stock.lookups  # type: ignore[union-attr]
            index = lookups.get_table("lemma_index")
            exc = lookups.get_table("lemma_exc")
            words: set[str] = set()
            for table in (index, exc):
                for _pos, vals in table.items():
                    words.update(w.lower() for w in vals)
            self._known = frozenset(words)
        except (KeyError, ValueError, AttributeError):
            self._known = frozenset()
        self._cache: dict[str, tuple[str, list[Entry]] | None] = {}
        self._by_orth: dict[int, tuple[str, list[Entry]] | None] = {}

    def match(self, word: str) -> tuple[str, list[Entry]] | None:
        """(matched name, entries) for a misspelt country word, else None."""
        if word in self._cache:
            return self._cache[word]
        found = self._match(word)
        if len(self._cache) < 50_000:
            self._cache[word] = found
        return found

    def _match(self, word: str) -> tuple[str, list[Entry]] | None:
        if not self._known or len(word) < MIN_LEN or not word.isalpha():
            return None
        if not (word[0].isupper() and word[1:].islower()):
            return None
        low = word.lower()
        if low in self._known:
            return None
        names = _names()
        if low in names:
            return None
        scored = sorted(((fuzz.ratio(low, n), n) for n in names if n[0] == low[0]), reverse=True)
        if not scored or scored[0][0] < MIN_RATIO:
            return None
        best = scored[0][1]
        rivals = [n for s, n in scored if s >= scored[0][0] - 1e-9 and n != best]
        if any({e.country for e in names[n]} != {e.country for e in names[best]} for n in rivals):
            return None
        entries = [replace(e, source=f"{e.source}~fuzzy:{word}") for e in names[best]]
        return best, entries

    def hits(self, doc: Doc, taken: list[bool]) -> list[tuple[int, list[Entry]]]:
        """(token index, entries) for misspelt country words not covered by a hit.

        Works on the doc's ORTH ids: no Token objects, one dict lookup per known word
        (this ran on every token of every document and was 7% of coding time).
        """
        out = []
        strings = doc.vocab.strings
        by_orth = self._by_orth
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            if taken[i]:
                continue
            if orth in by_orth:
                m = by_orth[orth]
            else:
                m = self.match(strings[orth])
                if len(by_orth) < 200_000:
                    by_orth[orth] = m
            if m is not None:
                out.append((i, m[1]))
        return out
