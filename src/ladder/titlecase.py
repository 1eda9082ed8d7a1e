"""A sentence-case copy of Title Case headlines for the parser.

Why: many outlets capitalise every word of a headline ("Gunmen Attack Plateau Community,
Kill Traditional Ruler"), and spaCy's small English model then reads the verbs as parts of
one long proper name, so no event is found.  Like ``ladder.truecase`` for all-caps copy,
the coder parses a copy *of the same length* in which the capitalised common words of
such a headline are lower case ("Gunmen attack Plateau community, kill traditional
ruler"); event texts are read back from the original.

A segment (a line, or a part between " ; " or " | ", as headline lists are joined) counts
as Title Case when at least 80% of its words of four or more letters, and at least four,
are capitalised.  In it a capitalised word is lowered when it is a common English word
(a stop word, or its base form in spaCy's lemma index and the word itself among the
classifier's frequent word pieces), unless it is part of a name the actor lexicons know ("Turkey"; not a one-word
town that is also a common word, "Barking"), opens the segment, or follows a colon or a dash.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ladder.truecase import TrueCaser, default_truecaser, english_words, frequent_words

#: share of capitalised words (of four letters or more) for a Title Case segment
TITLE_SHARE = 0.8
#: fewer such words than this: too short to judge ("Ukraine War")
MIN_WORDS = 4

_SEGMENT = re.compile(r"[^\n;|]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: punctuation after which a headline starts anew ("Somalia: Al-Shabaab Ambush ...")
_OPENERS = frozenset(":-–—\"“‘(")
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"))


def is_title_case(segment: str, share: float = TITLE_SHARE, min_words: int = MIN_WORDS) -> bool:
    """Are most of the segment's longer words capitalised (and not all caps)?"""
    words = [w for w in _WORD.findall(segment) if len(w) >= 4]
    if len(words) < min_words:
        return False
    capital = sum(1 for w in words if w[0].isupper() and not w.isupper())
    return capital >= share * len(words)


def _bases(word: str) -> list[str]:
    out = [word]
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: len(word) - len(suffix)] + repl)
    return out


class TitleCaser:
    """Lowers the common words of Title Case segments (same length, names kept)."""

    def __init__(self, names: TrueCaser, common: Mapping[str, frozenset[str]], frequent: frozenset[str],
                 stop_words: frozenset[str] = frozenset()) -> None:
        self._names = names
        self._common = common
        self._index = frozenset().union(*common.values()) if common else frozenset()
        self._frequent = frequent
        self._stop = stop_words

    def is_common(self, word: str) -> bool:
        low = word.lower()
        return low in self._stop or (low in self._frequent and any(b in self._index for b in _bases(low)))

    def _shy(self, word: str) -> bool:
        """Is a one-word town or person name also a common word ("Barking", not "Miami")?
        Stricter than ``is_common``: the lemma index lists proper nouns too."""
        low = word.lower()
        if any(b in self._common.get(p, ()) for b in _bases(low) for p in ("verb", "adj", "adv")):
            return True
        return low in self._common.get("noun", ()) and low in self._frequent \
            and any(p in self._frequent for p in (low + "s", low + "es"))

    def recase(self, text: str) -> str:
        """``text`` itself when no segment is Title Case, else the recased copy."""
        chars: list[str] | None = None
        for seg in _SEGMENT.finditer(text):
            if not is_title_case(seg.group()):
                continue
            names = self._names.name_positions(seg.group(), shy=self._shy)
            words = list(_WORD.finditer(seg.group()))
            for k, m in enumerate(words):
                w = m.group()
                gap = seg.group()[words[k - 1].end() : m.start()] if k else ""
                if k == 0 or not (w[0].isupper() and w[1:].islower()) or m.start() in names \
                        or any(c in _OPENERS for c in gap.strip()) or not self.is_common(w):
                    continue
                chars = chars if chars is not None else list(text)
                chars[seg.start() + m.start()] = w[0].lower()
        return text if chars is None else "".join(chars)


@lru_cache(maxsize=2)
def _default(nlp: Any) -> TitleCaser:
    from spacy.lang.en.stop_words import STOP_WORDS

    return TitleCaser(default_truecaser(nlp), english_words(nlp), frequent_words(), frozenset(STOP_WORDS))


def nlp_text(text: str, nlp: Any) -> str:
    """``text``, or its copy with Title Case headlines in sentence case (same length)."""
    out = _default(nlp).recase(text)
    assert len(out) == len(text)
    return out
