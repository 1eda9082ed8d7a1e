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
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import IS_ALPHA, ORTH, SPACY
from spacy.tokens import Doc, Span

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


@dataclass(frozen=True)
class FilterSpec:
    """What the trigger lexicon can match on, as plain word sets (see ``TriggerWords``)."""

    verbs: frozenset[str]  # verb lemmas that code an event on their own
    nouns: frozenset[str]  # event nouns ("invasion", "talks")
    needs: Mapping[str, frozenset[str]] = field(default_factory=dict)  # content word -> verbs
    carriers: frozenset[str] = frozenset()  # light / frame / "via" verbs that carry a noun
    statements: frozenset[str] = frozenset()  # 01x verbs: "X said Y must ..." is X's demand
    #: lemmas that can code an event without a target ("resigned", "protested"); None =
    #: unknown, i.e. every lemma may (then the one-actor rule below never filters)
    solo: frozenset[str] | None = None
    #: lemmas whose entry does not need a target whatever its code (incl. statements, which
    #: a frame verb can recode: "refused to say")
    untargeted: frozenset[str] = frozenset()
    #: frame verb -> the untargeted words its frame turns into an event ("refused to say"
    #: -> 120); None = every carrier with every untargeted word
    recoders: Mapping[str, frozenset[str]] | None = None
    #: attack nouns coded with a place alone ("Fierce shelling in Idlib", ``ladder.placed_attacks``)
    placed: frozenset[str] = frozenset()


class TriggerWords:
    """Test "could this sentence hold a lexicon trigger?" without a tagger or lemmatizer.

    Necessary conditions only (false positives cost parse time, never events):

    * a verb lemma that codes on its own, or an event noun with a light/frame verb
      ("carried out strikes", "called for a ceasefire") — with one actor mention or more;
    * a content word a verb pattern needs ("dismiss" + "chief", "decline" + "say") —
      only when that verb can be in the sentence too: the pattern needs both.  Without
      this "said" or "government" alone sent half of all news sentences to the parser;
    * an event noun alone ("the invasion of Ukraine") only with two actor mentions: a
      nominal event is coded only with both its source and its target in the sentence;
    * a statement verb with "must"/"should"/"ought" ("X said Y must leave": a demand);
    * an attack noun of ``lexicons/placed_attack_nouns.tsv`` with one mention (a place);
    * with fewer than two lexicon hits (actors or places) in the sentence, a word whose
      entry codes without a target ("resigned", "went on strike"): every other predicate
      needs a target, and source and target are always two different hits.  On 400 BBC
      articles this rule cut the sentences parsed from 2,738 to 1,780, same candidates.
    """

    MODALS = frozenset({"must", "should", "ought"})

    def __init__(self, spec: FilterSpec) -> None:
        self.verbs = frozenset(w.lower() for w in spec.verbs)
        self.nouns = frozenset(w.lower() for w in spec.nouns)
        self.carriers = frozenset(w.lower() for w in spec.carriers)
        self.statements = frozenset(w.lower() for w in spec.statements)
        self.needs = {w.lower(): frozenset(v.lower() for v in verbs) for w, verbs in spec.needs.items()}
        self.solo = None if spec.solo is None else frozenset(w.lower() for w in spec.solo)
        self.untargeted = frozenset(w.lower() for w in spec.untargeted)
        self.placed = frozenset(w.lower() for w in spec.placed)
        self.recoders = ({c: self.untargeted for c in self.carriers} if spec.recoders is None else
                         {w.lower(): frozenset(u.lower() for u in us) for w, us in spec.recoders.items()})
        self._vocab = (self.verbs | self.nouns | self.carriers | self.statements
                       | frozenset(self.needs).union(*self.needs.values()))
        self._cache: dict[str, frozenset[str]] = {}
        self._last: tuple[Doc, list[tuple[str, bool, bool]]] | None = None

    def _known(self, word: str) -> frozenset[str]:
        """The lexicon words ``word`` may be an inflection of."""
        key = word.lower()
        hit = self._cache.get(key)
        if hit is None:
            hit = self._vocab.intersection(lemma_candidates(key))
            self._cache[key] = hit
        return hit

    def __contains__(self, word: str) -> bool:
        """Can ``word`` alone be a trigger (verb or noun)?"""
        known = self._known(word)
        return not (self.verbs.isdisjoint(known) and self.nouns.isdisjoint(known))

    def _rows(self, doc: Doc) -> list[tuple[str, bool, bool]]:
        """(text, is_alpha, has trailing space) per token, for the last doc asked about.

        Arrays instead of Token objects: this runs on every sentence of every document.
        """
        last = self._last  # read once: a coder may be shared by threads (the web app)
        if last is None or last[0] is not doc:
            strings = doc.vocab.strings
            last = (doc, [(strings[o], bool(a), bool(sp))
                          for o, a, sp in doc.to_array([ORTH, IS_ALPHA, SPACY]).tolist()])
            self._last = last
        return last[1]

    def _needs_two(self, found: set[str]) -> bool:
        """Does every trigger ``found`` could make need a target (i.e. a second actor)?"""
        assert self.solo is not None
        if not self.solo.isdisjoint(found):
            return False
        return not any(w in self.recoders and not self.recoders[w].isdisjoint(found) for w in found)

    def any_in(self, sent: Span, mentions: int = 2, hits: int | None = None) -> bool:
        """Could ``sent`` (with ``mentions`` actor mentions) hold a coded event?

        ``hits``: lexicon hits (actor or place names) in ``sent``, None when not counted.
        """
        placed_only = mentions < 1  # no actor, but maybe a place: "Fierce shelling in Idlib"
        if placed_only and not hits:
            return False
        one_actor = hits is not None and hits < 2 and self.solo is not None
        found: set[str] = set()
        modal = False
        rows = self._rows(sent.doc)
        for i in range(sent.start, sent.end):
            text, alpha, _ = rows[i]
            if not alpha:
                continue
            modal = modal or text.lower() in self.MODALS
            known = self._known(text)
            # the trigger matcher joins "de-escalate" the same way (trigger_syntax.hyphen_left)
            if i - 2 >= sent.start and rows[i - 1][0] == "-" and not rows[i - 1][2]:
                known = known | self._known(rows[i - 2][0] + text)
            if known:
                if not one_actor and not placed_only and not self.verbs.isdisjoint(known):
                    return True
                found |= known
        if not self.placed.isdisjoint(found):
            return True  # an attack noun and a place: "Fierce shelling in Idlib city"
        if placed_only:
            return False
        if one_actor and self._needs_two(found):
            return False  # every predicate here needs a target, and there is no second actor
        if not self.verbs.isdisjoint(found):
            return True
        if any(w in self.needs and not self.needs[w].isdisjoint(found) for w in found):
            return True
        if modal and not self.statements.isdisjoint(found):
            return True
        if self.nouns.isdisjoint(found):
            return False
        return mentions >= 2 or not self.carriers.isdisjoint(found)
