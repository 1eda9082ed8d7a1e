"""Drop-in faster versions of two spaCy components, with identical output.

Why: on the fast path the statistical models (tok2vec, tagger, parser) should be the
cost of parsing, but profiling showed ~30% more going to two rule components of
``en_core_web_sm``:

* ``attribute_ruler`` runs a token ``Matcher`` over 179 patterns for every sentence,
  although 170 of them look at one token's TAG / LOWER / DEP / IS_SPACE only.  Here
  those are answered by a dict lookup on the token's signature (cached), the few
  multi-token patterns still go through a (small) ``Matcher``, and the matched
  attributes are applied in the original order (later rules win).
* ``lemmatizer`` (rule mode) caches only some of its answers and looks words up in
  lists; the lemma is a pure function of (word, POS, morphology), so every answer is
  cached here, and the lists become sets.

``tests/test_nlp_fast.py`` and ``benchmarks/throughput.py`` compare the annotations
token by token with the stock components.  Anything this module does not understand
in a pattern makes it keep the stock component (``install`` returns False).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.tokens._retokenize import set_token_attrs

_Signature = tuple[str, str, str, bool]  # TAG, LOWER, DEP, IS_SPACE
_Rule = tuple[int, list[Callable[[_Signature], bool]]]  # (rule number, predicates)
_GETTERS: dict[str, int] = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
#: entries kept per cache before it is emptied (bounds memory on endless streams)
CACHE_LIMIT = 500_000


class UnsupportedPattern(ValueError):
    """A pattern this module cannot evaluate exactly; keep the stock component."""


def _predicate(key: str, spec: Any) -> Callable[[_Signature], bool]:
    if key not in _GETTERS:
        raise UnsupportedPattern(key)
    i = _GETTERS[key]
    if not isinstance(spec, dict):
        return lambda sig: sig[i] == spec
    if len(spec) != 1:
        raise UnsupportedPattern(f"{key}: {spec}")
    (op, value), = spec.items()
    if op == "IN":
        values = frozenset(value)
        return lambda sig: sig[i] in values
    if op == "NOT_IN":
        values = frozenset(value)
        return lambda sig: sig[i] not in values
    if op == "REGEX":
        rx = re.compile(value)
        return lambda sig: bool(rx.search(sig[i]))
    raise UnsupportedPattern(f"{key}: {op}")


class FastAttributeRuler:
    """Same annotations as a spaCy ``AttributeRuler``, most patterns by lookup."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.attrs = ruler.attrs
        #: one-token rules without a LOWER test (answer depends on TAG/DEP/IS_SPACE only),
        #: rules with LOWER equal to / in a word list (indexed by word), other LOWER tests
        self.general: list[_Rule] = []
        self.by_word: dict[str, list[_Rule]] = {}
        self.other_lower: list[_Rule] = []
        self.multi = Matcher(ruler.vocab)
        self.multi_index: dict[int, int] = {}
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if len(pattern) == 1:
                    rule: _Rule = (attr_id, [_predicate(k, v) for k, v in pattern[0].items()])
                    lower = pattern[0].get("LOWER")
                    if lower is None:
                        self.general.append(rule)
                    elif isinstance(lower, str):
                        self.by_word.setdefault(lower, []).append(rule)
                    elif isinstance(lower, dict) and set(lower) == {"IN"}:
                        for word in lower["IN"]:
                            self.by_word.setdefault(word, []).append(rule)
                    else:
                        self.other_lower.append(rule)
                else:
                    key = ruler.vocab.strings.add(str(attr_id))
                    self.multi.add(key, [pattern])
                    self.multi_index[key] = attr_id
        self._ids: dict[_Signature, tuple[int, ...]] = {}
        self._general_ids: dict[tuple[str, str, bool], frozenset[int]] = {}
        self._merged: dict[tuple[int, ...], dict[Any, Any]] = {}

    def _matches(self, sig: _Signature) -> tuple[int, ...]:
        ids = self._ids.get(sig)
        if ids is None:
            if len(self._ids) > CACHE_LIMIT:
                self._ids.clear()
            gkey = (sig[0], sig[2], sig[3])
            general = self._general_ids.get(gkey)
            if general is None:
                general = frozenset(a for a, preds in self.general if all(p(sig) for p in preds))
                self._general_ids[gkey] = general
            rules = self.by_word.get(sig[1], [])
            ids = tuple(sorted(general.union(a for a, preds in (*rules, *self.other_lower)
                                             if all(p(sig) for p in preds))))
            self._ids[sig] = ids
        return ids

    def _merge(self, ids: tuple[int, ...]) -> dict[Any, Any]:
        merged = self._merged.get(ids)
        if merged is None:
            merged = {}
            for a in ids:  # the stock ruler applies matches sorted by rule number
                merged.update(self.attrs[a])
            self._merged[ids] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP") or not doc.has_annotation("TAG"):
            return self.ruler(doc)  # patterns on missing attributes: let the Matcher decide
        extra: dict[int, list[int]] = {}
        for key, start, end in self.multi(doc):
            tok = Span(doc, start, end)[self.ruler.indices[self.multi_index[key]]]
            extra.setdefault(tok.i, []).append(self.multi_index[key])
        for tok in doc:
            ids = self._matches((tok.tag_, tok.lower_, tok.dep_, tok.is_space))
            if tok.i in extra:
                ids = tuple(sorted({*ids, *extra[tok.i]}))
            if ids:
                set_token_attrs(tok, self._merge(ids))
        return doc

    def pipe(self, stream: Any, batch_size: int = 128) -> Any:
        for doc in stream:
            yield self(doc)


class CachedLemmatizer:
    """Same lemmas as a rule-mode spaCy ``Lemmatizer``, every answer cached."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.overwrite = bool(lemmatizer.overwrite)
        self._cache: dict[tuple[int, int, int], int] = {}
        # spaCy keeps each POS's known-lemma index as a list and tests `form in index`
        # (a scan of thousands of words per rule): the same words as a set
        index = lemmatizer.lookups.get_table("lemma_index") if lemmatizer.lookups.has_table("lemma_index") else {}
        for key in list(index.keys()):
            if isinstance(index[key], list):
                index[key] = frozenset(index[key])

    def lemma(self, tok: Token) -> int:
        key = (tok.orth, tok.pos, tok.morph.key)  # type: ignore[attr-defined]
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            hit = tok.vocab.strings.add(self.lemmatizer.lemmatize(tok)[0])
            self._cache[key] = hit
        return hit

    def __call__(self, doc: Doc) -> Doc:
        overwrite = self.overwrite
        for tok in doc:
            if overwrite or tok.lemma == 0:
                tok.lemma = self.lemma(tok)
        return doc

    def pipe(self, stream: Any, batch_size: int = 128) -> Any:
        for doc in stream:
            yield self(doc)


@Language.factory("ladder_fast_attribute_ruler")
def _make_ruler(nlp: Language, name: str) -> Any:
    return _Unbound(name)


@Language.factory("ladder_cached_lemmatizer")
def _make_lemmatizer(nlp: Language, name: str) -> Any:
    return _Unbound(name)


class _Unbound:
    """Placeholder until ``install`` binds the stock component it replaces."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.impl: Any = None

    def __call__(self, doc: Doc) -> Doc:
        return self.impl(doc)  # type: ignore[no-any-return]

    def pipe(self, stream: Any, batch_size: int = 128) -> Any:
        return self.impl.pipe(stream, batch_size=batch_size)


def install(nlp: Language) -> bool:
    """Swap in the fast components under the stock names; False if nothing was swapped."""
    swapped = False
    for name, factory, wrap in (("attribute_ruler", "ladder_fast_attribute_ruler", FastAttributeRuler),
                                ("lemmatizer", "ladder_cached_lemmatizer", CachedLemmatizer)):
        if name not in nlp.pipe_names:
            continue
        stock = nlp.get_pipe(name)
        if name == "lemmatizer" and getattr(stock, "mode", None) != "rule":
            continue
        try:
            impl = wrap(stock)
        except UnsupportedPattern:
            continue
        nlp.replace_pipe(name, factory)
        nlp.get_pipe(name).impl = impl  # type: ignore[attr-defined]
        swapped = True
    return swapped
