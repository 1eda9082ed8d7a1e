"""Towns whose name belongs to big cities of two countries: "Hyderabad" (India, Pakistan),
"Jamalpur" (Bangladesh, India), "Patan" (Nepal, India).

Why: the place table leaves such names out (``scripts/build_lexicons.py``: a name is
ambiguous when no city of it is five times the size of the others), so "militants attacked
a police post in Hyderabad" had no target in a Pakistani report.  ``place_homonyms.tsv``
keeps each name with its countries; a mention is a place of the one candidate country the
sentence names, else of the document's main country (``actor_admin.CONTEXT_KEY``) when
that is a candidate.  Otherwise it stays no hit, as before.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from ladder.actor_admin import CONTEXT_KEY
from ladder.lexicon import Entry
from ladder.ontology import lexicon_rows

_MAX_WORDS = 3


@lru_cache(maxsize=1)
def homonyms() -> dict[str, tuple[str, ...]]:
    """Place name (as written) -> its candidate countries, biggest city first."""
    return {r["name"]: tuple(r["countries"].split("|")) for r in lexicon_rows("place_homonyms.tsv")}


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """First token of every name: the cheap test each token of every sentence goes through."""
    return frozenset(name.split()[0].split("-")[0] for name in homonyms())


def homonym_entries(doc: Doc, taken: list[bool], named: list[str | None]) -> list[tuple[int, int, Entry]]:
    """Place entries for the homonymous towns of ``doc`` on tokens not ``taken``, given the
    countries of the sentence's other geographic hits (``named``)."""
    table = homonyms()
    context = doc.user_data.get(CONTEXT_KEY)
    out: list[tuple[int, int, Entry]] = []
    i = 0
    first = _first_words()
    while i < len(doc):
        if doc[i].text not in first:
            i += 1
            continue
        for n in range(min(_MAX_WORDS, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            countries = table.get(span.text) if not any(taken[i : i + n]) else None
            if countries is None:
                continue
            said = {c for c in named if c in countries}
            country = next(iter(said)) if len(said) == 1 else (context if context in countries else None)
            if country is not None:
                out.append((i, i + n, Entry(kind="place", name=span.text, country=country,
                                            source=f"place_homonyms:{span.text}")))
            i += n - 1
            break
        i += 1
    return out
