"""A normally cased copy of ALL-CAPS text (wire/teletype copy) for the NLP pipeline.

Why: spaCy's small English model tags and parses all-caps text badly (every word looks
like a proper noun), and the actor matcher needs capitals to tell "Chad" from "chad".
When a chunk of text is mostly upper case, the coder parses a *truecased copy of exactly
the same length* instead, so every character offset (sentence, actor, trigger and
attribution spans) stays valid against the original; the coder puts the original text
back into the event (``Coder._make_event``).

The copy is: everything lower case; then upper case for sentence starts, the pronoun
"I", letter-digit designations ("M-19", "AK-47"), and the names the project's own actor
lexicons know (``ladder.lexicon.phrase_table``: countries, capitals, demonyms, places,
leaders, organisations, groups), spelt as the lexicon spells them.  One-word names that
are also common English words ("May", "Split", "car" for CAR) stay lower case: spaCy's
English lemma index (WordNet) says which words are verbs, adjectives, adverbs or nouns;
as it lists proper nouns too ("peru", "farc"), a noun counts as common only when the
classifier's word-piece vocabulary (the ~30k most frequent pieces of English text) holds
both it and its plural.  Unknown names stay lower case.

Teletype copy is also hard-wrapped at ~70 characters, and the sentence splitter ends a
sentence at every line break; in the copy a single line break inside a paragraph becomes
a space (blank lines, i.e. paragraph breaks, stay).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ladder.lexicon import phrase_table
from ladder.ontology import data_path
from ladder.types import Actor, Event

#: share of cased letters that must be upper case for a text to count as all caps
UPPER_SHARE = 0.8
#: fewer cased letters than this: too short to judge (headlines, acronyms)
MIN_LETTERS = 20
#: at most this share of cased letters upper case: a lower-cased text (some datasets,
#: chat and speech transcripts); edited English prose has 1.3% or more (BBC, Wikinews)
LOWER_SHARE = 0.01
#: fewer cased letters than this: too short to call lower-cased (below 100 letters, one
#: capital is already more than LOWER_SHARE: only text without any capital qualifies)
MIN_LOWER_LETTERS = 20

_WORD = re.compile(r"[^\W_]+")
#: what may separate the words of one name ("SAN SALVADOR", "U.S.", "AL-QAIDA")
_NAME_GAP = re.compile(r"[ \t\-.'’&]{1,3}|[ \t]*\n[ \t]*")
_SENT_START = re.compile(r"(?:\A|[.!?][\"')\]]*\s+|\n[ \t]*\n)[\s\"'(\[¿¡-]*([^\W\d_])")
#: a period that ends an abbreviation ("U.S.", "Gen.") does not end the sentence
_ABBREVIATION = re.compile(r"(?:(?:\b\w\.){2,}|\b(?:mr|mrs|ms|dr|gen|col|lt|capt|sgt|maj|gov|sen|rep|st|vs)\.)\Z")
_PRONOUN_I = re.compile(r"(?<!\w)i(?!\w)")
_DESIGNATION = re.compile(r"\b[a-z]{1,3}-?\d+[a-z]?\b")
_SOFT_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)")
#: kinds of lexicon entries that are names (agent words are common nouns)
NAME_KINDS = frozenset({"country", "demonym", "capital", "place", "leader", "org", "group", "ethnic",
                        "non_actor", "exact"})
#: one-word names of these kinds stay lower case when they are also common nouns ("car"
#: is not the Central African Republic, "sale" not the town); curated countries, capitals
#: and groups do not ("Turkey", "Chad")
_NOUN_SHY = frozenset({"place", "leader", "exact"})
_ALL_POS = ("noun", "verb", "adj", "adv")


def _case_counts(chars: Iterable[str]) -> tuple[int, int]:
    """(upper-case, lower-case) letters among ``chars``."""
    upper = lower = 0
    for c in chars:
        if c.isupper():
            upper += 1
        elif c.islower():
            lower += 1
    return upper, lower


def is_mostly_upper(text: str, share: float = UPPER_SHARE, min_letters: int = MIN_LETTERS) -> bool:
    """Are more than ``share`` of the cased letters upper case (and at least ``min_letters``)?"""
    upper, lower = _case_counts(text)
    return upper + lower >= min_letters and upper > share * (upper + lower)


def is_mostly_lower(text: str, share: float = LOWER_SHARE, min_letters: int = MIN_LOWER_LETTERS) -> bool:
    """Are at most ``share`` of the cased letters upper case (and at least ``min_letters``)?

    Paragraphs shorter than ``_BOILERPLATE_LETTERS`` letters (a "Facebook Twitter Mail"
    footer) and non-ASCII letters (mojibake such as "Â") do not count, unless nothing else
    is there."""
    paragraphs = _PARAGRAPH.split(text)
    long = [p for p in paragraphs if sum(c.isalpha() for c in p) >= _BOILERPLATE_LETTERS] or paragraphs
    upper, lower = _case_counts(c for p in long for c in p if c.isascii())
    return upper + lower >= min_letters and upper <= share * (upper + lower)


_PARAGRAPH = re.compile(r"\n[ \t]*\n")
#: paragraphs with fewer letters are left out of the lower-case decision (boilerplate)
_BOILERPLATE_LETTERS = 60


def _fold(word: str) -> str:
    """Lower case without accents: the key names are matched on."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _lower_same_length(text: str) -> str:
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def _upper_char(c: str) -> str:
    up = c.upper()
    return up if len(up) == 1 else c


def english_words(nlp: Any) -> dict[str, frozenset[str]]:
    """Part of speech -> common English words, from the spaCy lemmatizer's lemma index
    (empty when the pipeline has none: then every lexicon name is capitalised)."""
    pipe = nlp.get_pipe("lemmatizer") if "lemmatizer" in getattr(nlp, "pipe_names", ()) else None
    stock = getattr(getattr(pipe, "impl", None), "lemmatizer", pipe)  # ladder.nlp_fast wraps it
    lookups = getattr(stock, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return {}
    index = lookups.get_table("lemma_index")
    return {pos: frozenset(index.get(pos, ())) for pos in _ALL_POS}


def _plurals(word: str) -> tuple[str, ...]:
    return (word + "s", word + "es", word[:-1] + "ies") if word.endswith("y") else (word + "s", word + "es")


def _is_common(word: str, kind: str, common: Mapping[str, frozenset[str]], frequent: frozenset[str]) -> bool:
    """Is the one-word name ``word`` (folded) also a common English word?"""
    pos = ("verb", "adv") if kind == "demonym" else ("verb", "adj", "adv")  # "French" stays a name
    if any(word in common.get(p, ()) for p in pos):
        return True
    return (kind in _NOUN_SHY and word in common.get("noun", ()) and word in frequent
            and any(p in frequent for p in _plurals(word)))


def frequent_words() -> frozenset[str]:
    """Whole words of the shipped classifier's (uncased) word-piece vocabulary."""
    with data_path("model/tokenizer.json").open(encoding="utf-8") as fh:
        vocab = json.load(fh)["model"]["vocab"]
    return frozenset(w for w in vocab if w.isalpha())


@dataclass(frozen=True)
class _Name:
    words: tuple[str, ...]  # lexicon spelling, one entry per word
    kind: str = "exact"


class TrueCaser:
    """Truecases all-caps text with the actor lexicons' spellings of names."""

    def __init__(self, names: Iterable[tuple[str, str]], common: Mapping[str, frozenset[str]],
                 stop_words: Iterable[str] = (), frequent: frozenset[str] = frozenset()) -> None:
        """``names``: (spelling, kind) pairs; ``common``: POS -> English words (lemma
        index); ``frequent``: frequent English words (with their plurals)."""
        stop = frozenset(w.lower() for w in stop_words)
        self._names: dict[tuple[str, ...], _Name] = {}
        for spelling, kind in names:
            words = tuple(_WORD.findall(spelling))
            if not words or not any(c.isupper() for c in spelling) or kind not in NAME_KINDS:
                continue
            key = tuple(_fold(w) for w in words)
            if all(k in stop for k in key):
                continue
            if len(key) == 1 and _is_common(key[0], kind, common, frequent):
                continue
            self._names.setdefault(key, _Name(words, kind))
        self.longest = max((len(k) for k in self._names), default=0)

    def __len__(self) -> int:
        return len(self._names)

    def truecase(self, text: str, keep_case: bool = False) -> str:
        """The truecased copy (same length as ``text``); with ``keep_case`` the capitals
        already there stay (lower-cased text that kept a few)."""
        low = _lower_same_length(text)
        chars = list(text if keep_case else low)
        for m in _SENT_START.finditer(low):
            if not _ABBREVIATION.search(low, 0, m.start() + 1):
                chars[m.start(1)] = _upper_char(chars[m.start(1)])
        for m in _PRONOUN_I.finditer(low):
            chars[m.start()] = "I"
        for m in _DESIGNATION.finditer(low):
            for i in range(m.start(), m.end()):
                chars[i] = _upper_char(chars[i])
        self._names_in(low, chars)
        return "".join(chars)

    def name_positions(self, text: str, shy: Callable[[str], bool] = lambda w: False) -> set[int]:
        """Offsets of the characters of every known name in ``text`` (any case), leaving out
        one-word places and people for which ``shy(word)`` holds ("Barking" in a headline)."""
        low = _lower_same_length(text)
        chars = list(low)
        self._names_in(low, chars, mark=True, shy=shy)
        return {i for i, c in enumerate(chars) if c == "\0"}

    def _names_in(self, low: str, chars: list[str], mark: bool = False,
                  shy: Callable[[str], bool] = lambda w: False) -> None:
        """Give every longest known name in ``low`` its lexicon capitals (in ``chars``)."""
        words = [(m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(low)]
        i = 0
        while i < len(words):
            found = None
            for n in range(min(self.longest, len(words) - i), 0, -1):
                if n > 1 and not all(_NAME_GAP.fullmatch(low, words[j][1], words[j + 1][0])
                                     for j in range(i, i + n - 1)):
                    continue
                name = self._names.get(tuple(w[2] for w in words[i : i + n]))
                if name is not None:
                    found = (n, name)
                    break
            if found is None:
                i += 1
                continue
            n, name = found
            if mark:  # name_positions: every character of the name
                if n == 1 and name.kind in _NOUN_SHY and shy(low[words[i][0] : words[i][1]]):
                    i += 1
                    continue
                for start, end, _ in words[i : i + n]:
                    chars[start:end] = ["\0"] * (end - start)
                i += n
                continue
            for (start, end, _), spelt in zip(words[i : i + n], name.words, strict=True):
                if len(spelt) == end - start:
                    for k, c in enumerate(spelt):
                        if c.isupper():
                            chars[start + k] = _upper_char(chars[start + k])
                elif spelt[:1].isupper():
                    chars[start] = _upper_char(chars[start])
            i += n


def unwrap(text: str) -> str:
    """Single line breaks inside a paragraph -> spaces (same length)."""
    return _SOFT_BREAK.sub(lambda m: " " * len(m.group()), text)


def lexicon_names() -> list[tuple[str, str]]:
    """(spelling, kind) of every name in the actor lexicons (``ladder.lexicon``)."""
    table = phrase_table()
    out = [(spelling, entry.kind) for forms in table.forms.values() for spelling, entry in forms]
    out.extend((spelling, "exact") for spelling in table.exact)
    return out


@lru_cache(maxsize=2)
def default_truecaser(nlp: Any) -> TrueCaser:
    from spacy.lang.en.stop_words import STOP_WORDS

    return TrueCaser(lexicon_names(), english_words(nlp), STOP_WORDS, frequent_words())


def nlp_text(text: str, nlp: Any) -> str:
    """What the pipeline should parse for ``text``: itself, or for all-caps text a
    truecased, unwrapped copy of the same length, or for lower-cased text a copy with
    sentence starts and known names capitalised."""
    if is_mostly_lower(text):
        out = default_truecaser(nlp).truecase(text, keep_case=True)
    elif is_mostly_upper(text):
        out = unwrap(default_truecaser(nlp).truecase(text))
    else:
        return text
    assert len(out) == len(text)
    return out


def restore_original(event: Event, original: str) -> Event:
    """``event`` with its texts (sentence, trigger, actors, attribution) read back from
    the ``original`` document: the same spans in the parsed copy hold truecased text."""
    s0, s1 = event.span
    parsed, orig = event.sentence, original[s0:s1]

    def back(text: str | None, span: tuple[int, int] | None = None) -> str | None:
        if text is None:
            return None
        if span is not None and span[1] - span[0] == len(text):
            return original[span[0] : span[1]]
        k = parsed.find(text)  # no span: the same place in the original sentence
        return orig[k : k + len(text)] if k >= 0 else text

    def actor(a: Actor | None) -> Actor | None:
        return None if a is None else replace(a, text=back(a.text, a.span) or a.text)

    att = event.attribution
    att = replace(att, speaker=back(att.speaker, att.speaker_span), cue=back(att.cue, att.cue_span),
                  chain=[back(c) or c for c in att.chain],
                  speaker_actor=actor(att.speaker_actor))
    return replace(event, sentence=orig, trigger=back(event.trigger, event.trigger_span) or event.trigger,
                   source=actor(event.source), target=actor(event.target), attribution=att)
