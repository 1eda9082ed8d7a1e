"""Builders for store tests: real Event/Document objects, no coder needed."""

from __future__ import annotations

from ladder.ontology import cameo, plover_for_cameo
from ladder.types import Actor, Attribution, Document, Event

COUNTRY_NAMES = {"RUS": "Russia", "UKR": "Ukraine", "USA": "United States", "FRA": "France",
                 "DEU": "Germany", "ISR": "Israel", "PSE": "Palestine"}


def actor(code: str) -> Actor:
    country = code[:3]
    name = COUNTRY_NAMES.get(country, country)
    return Actor(text=name, code=code, country=country, sector=code[3:] or None,
                 span=(0, len(name)), name=name, why="test")


def event(src: str | None, tgt: str | None, code: str, sentence: str, *, date: str | None = None,
          status: str = "asserted", sentence_index: int = 0, score: float = 0.9,
          speaker: str | None = None, outlet: str | None = None) -> Event:
    c = cameo(code)
    plover, mode = plover_for_cameo(code)
    return Event(
        source=actor(src) if src else None, target=actor(tgt) if tgt else None, cameo=code,
        plover=plover, plover_mode=mode, goldstein=c.goldstein, quad_class=c.quad_class,
        sentence=sentence, sentence_index=sentence_index, span=(0, len(sentence)),
        trigger=sentence.split()[1] if len(sentence.split()) > 1 else sentence,
        trigger_span=(0, 1), date=date, status=status,
        attribution=Attribution(speaker=speaker, outlet=outlet), why="test-rule", score=score,
    )


def doc(doc_id: str, text: str, date: str | None = "2022-02-24", outlet: str = "BBC News",
        url: str | None = None) -> Document:
    return Document(id=doc_id, text=text, date=date, outlet=outlet,
                    url=url or f"https://example.org/{doc_id}", title=text[:60])


def headline(doc_id: str, src: str | None, tgt: str | None, code: str, text: str,
             date: str = "2022-02-24", outlet: str = "BBC News", url: str | None = None,
             **kw: object) -> tuple[Document, list[Event]]:
    """One-sentence document with one event: (Document, [Event])."""
    return doc(doc_id, text, date, outlet, url), [event(src, tgt, code, text, date=date, **kw)]  # type: ignore[arg-type]
