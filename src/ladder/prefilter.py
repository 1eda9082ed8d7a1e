"""Cheap pre-parse filter: which sentences can hold an event at all.

Why: parsing is most of the cost of coding, and most news sentences (markets, sport,
quotes about the weather) have no political actor or no action word.  A sentence goes
to the parser only when the tokenizer-level phrase matcher finds an actor mention and
some token can be an inflection of a trigger lemma from the verb/noun lexicons.
Both tests over-approximate (false positives only cost time); the trade-off is
measured in ``benchmarks/throughput.py`` and ``benchmarks/fastpath_equivalence.py``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Span

from ladder.ontology import data_path


@lru_cache(maxsize=1)
def irregular_forms() -> dict[str, str]:
    with data_path("lexicons/irregular_forms.tsv").open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        return {r["form"]: r["lemma"] for r in rows}


def lemma_candidates(word: str) -> set[str]:
    """Possible lemmas of an English word form, by suffix stripping (over-generating)."""
    w = word.lower()
    out = {w}
    irregular = irregular_forms().get(w)
    if irregular:
        out.add(irregular)
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e"), ("ying", "ie")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            stem = w[: len(w) - len(suffix)] + repl
            out.add(stem)
            if len(stem) >= 3 and stem[-1] == stem[-2] and repl == "":
                out.add(stem[:-1])  # "shelled" -> "shell", "planned" -> "plan"
    return out


class TriggerWords:
    """Set test "could this token be a trigger?" without a tagger or lemmatizer."""

    def __init__(self, lemmas: Iterable[str]) -> None:
        self.lemmas = frozenset(lemma.lower() for lemma in lemmas)
        self._cache: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        key = word.lower()
        hit = self._cache.get(key)
        if hit is None:
            hit = not self.lemmas.isdisjoint(lemma_candidates(key))
            self._cache[key] = hit
        return hit

    def any_in(self, sent: Span) -> bool:
        return any(t.text in self for t in sent if t.is_alpha)
