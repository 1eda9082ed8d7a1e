"""The public coder: text in, events out (issue #2 contract).

Data flows one way: nlp (parse) -> actors (who) -> events (candidate predicates with
source/target) -> coding (lexicon + classifier decide the code) -> attribution (status,
speaker, outlet).  ``Coder`` only orchestrates and batches; each stage lives in its
own module.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ladder import ontology, titlecase, truecase, type_evidence
from ladder.actor_admin import CONTEXT_KEY
from ladder.actor_context import SentenceContext, context_country, is_state
from ladder.actors import ActorResolver
from ladder.agentless import NEEDS_ATTACK_WORD
from ladder.attribution import DocContext, analyze, is_reporting_verb
from ladder.attribution_lexicon import cited_outlet_country
from ladder.classify import NONE_LABEL
from ladder.classify import decide as best_label
from ladder.coding import (
    code_by_actors,
    decide,
    default_cameo,
    negated_to_reject,
    particle_sense_only,
    plover_of,
    veto_trusted,
)
from ladder.dates import resolve_relative
from ladder.event_actors import kin_only, same_actor
from ladder.events import Candidate, find_candidates
from ladder.headline_repair import repair_compound_verbs, repair_islamic_state
from ladder.nlp import chunks, load_nlp, looks_english, split_sentences
from ladder.prefilter import TriggerWords
from ladder.trigger_data import violent_code
from ladder.triggers import TriggerLexicon
from ladder.types import Attribution, Document, Event

#: documents parsed per nlp.pipe batch; bounds memory on large inputs
DOC_BATCH = 32
#: parsed candidate sentences finished (NER, classifier, attribution) at a time
SENTENCE_GROUP = 512


class NonEnglishWarning(UserWarning):
    """Raised (as a warning) when a document does not look like English."""


@dataclass
class _Pending:
    doc_index: int
    cand: Candidate
    sent_index: int
    offset: int  # char offset of the parsed sentence in the document


class Coder:
    """Codes English news text into CAMEO + PLOVER events, offline, on CPU.

    All components are loaded once and shared: the spaCy pipeline, the actor
    resolver (lexicons), the trigger lexicon and the ONNX classifier.
    """

    def __init__(self, *, nlp: Any = None, resolver: Any = None, triggers: Any = None,
                 classifier: Any = None, use_classifier: bool = True, fast: bool = True) -> None:
        self.nlp = nlp or load_nlp()
        self.resolver = resolver or ActorResolver(nlp=self.nlp)
        self.triggers = triggers or TriggerLexicon.load()
        self.use_classifier = use_classifier
        #: parse only sentences with an actor mention and a possible trigger word
        self.fast = fast
        #: run NER only on sentences that have a candidate before NER (exact, measured)
        self.lazy_ner = True
        self.trigger_words = TriggerWords(self.triggers.filter_words())
        self._doc_countries: dict[int, Counter[str | None]] = {}
        #: documents (batch indices) parsed from a truecased copy (``ladder.truecase``)
        self._recased: set[int] = set()
        self._classifier = classifier

    # -- components -------------------------------------------------------------------
    @property
    def classifier(self) -> Any:
        if self._classifier is None and self.use_classifier:
            from ladder.classify import PloverClassifier

            self._classifier = PloverClassifier.load()
        return self._classifier

    # -- public API ---------------------------------------------------------------------
    def code(self, text: str, date: str | None = None, *, doc_id: str | None = None,
             outlet: str | None = None) -> list[Event]:
        """Events of one document (``[]`` for empty text)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        doc = Document(id=doc_id or "doc", text=text, date=date, outlet=outlet)
        return self.code_document(doc)

    def code_document(self, doc: Document) -> list[Event]:
        return next(iter(self.code_documents([doc])))[1]

    def code_many(self, texts: Iterable[str | Document], date: str | None = None) -> list[list[Event]]:
        """Batched coding; same results as ``code()`` one by one."""
        docs = []
        for i, t in enumerate(texts):
            if isinstance(t, Document):
                docs.append(t)
            elif isinstance(t, str):
                docs.append(Document(id=f"doc{i}", text=t, date=date))
            else:
                raise TypeError(f"texts[{i}] must be str or Document, not {type(t).__name__}")
        return [events for _, events in self.code_documents(docs)]

    def code_documents(self, docs: Iterable[Document],
                       batch_size: int = DOC_BATCH) -> Iterator[tuple[Document, list[Event]]]:
        """Stream (document, events) pairs; parses ``batch_size`` documents at a time."""
        batch: list[Document] = []
        for doc in docs:
            if not isinstance(doc.text, str):
                raise TypeError(f"document {doc.id!r}: text must be str, not {type(doc.text).__name__}")
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from zip(batch, self._code_batch(batch), strict=True)
                batch = []
        if batch:
            yield from zip(batch, self._code_batch(batch), strict=True)

    def classify(self, sentence: str, source: str | None = None,
                 target: str | None = None) -> dict[str, Any]:
        """Event type of ``sentence`` for a given source/target pair.

        ``plover`` is always one of the 16 PLOVER types (the question asked is "which
        event is this"); whether there is an event between the two actors at all is
        answered separately by ``no_event`` (the model's single most likely answer is
        "none") and ``event_score`` (1 - P(none)).
        """
        return self.classify_many([(sentence, source, target)])[0]

    def classify_many(self, items: Sequence[tuple[str, str | None, str | None]]) -> list[dict[str, Any]]:
        """Classifier probabilities, reweighted by the sentence's trigger words
        (``ladder.type_evidence``); ``probs`` are the classifier's own."""
        clf = self.classifier
        probs = clf.predict_proba(list(items))
        none_i = clf.labels.index(NONE_LABEL)
        docs = self.nlp.pipe(sentence for sentence, _s, _t in items)
        out = []
        for (_sentence, source, target), row, doc in zip(items, probs, docs, strict=True):
            none_p = float(row[none_i])
            any_label, _ = best_label(row, clf.labels)
            hits = type_evidence.trigger_hits(doc, self.triggers, source, target)
            typed = row.copy()
            typed[none_i] = 0.0
            typed = type_evidence.apply_bonus(typed / typed.sum(), clf.labels,
                                              type_evidence.type_bonus(hits))
            plover, score = best_label(typed, clf.labels)
            sector = None
            if source:
                actors = self.resolver.resolve_text(source, role="source")
                sector = actors[0].sector if actors else None
            assert plover is not None
            code = next((h.code for h in hits if h.plover == plover), None) or default_cameo(plover, sector)
            out.append({"plover": plover, "cameo": code, "quad_class": ontology.cameo(code).quad_class,
                        "plover_quad": ontology.plover_quad(plover), "score": round(score, 6),
                        "no_event": any_label is None, "event_score": round(1.0 - none_p, 6),
                        "evidence": [{"trigger": doc[h.token].text, "cameo": h.code, "on_path": h.on_path}
                                     for h in hits],
                        "probs": {lab: round(float(v), 6) for lab, v in zip(clf.labels, row, strict=True)}})
        return out

    # -- internals ----------------------------------------------------------------------
    def _segments(self, docs: list[Document]) -> list[tuple[str, tuple[int, int, int]]]:
        """(sentence text, (doc index, char offset, sentence index)) of sentences to parse.

        Sentences come from a rule-based splitter (punctuation + line breaks) on the
        tokenizer alone, so the full path and the fast path agree on sentence numbers;
        the fast path drops sentences the pre-filter rules out.  An all-caps chunk is
        tokenized (and later parsed) as its truecased copy of the same length.
        """
        out: list[tuple[str, tuple[int, int, int]]] = []
        for di, doc in enumerate(docs):
            if not doc.text.strip():
                continue
            if not looks_english(doc.text):
                warnings.warn(f"document {doc.id!r} does not look like English; no events coded",
                              NonEnglishWarning, stacklevel=4)
                continue
            si = 0
            countries = self._doc_countries.setdefault(di, Counter())
            for offset, chunk in chunks(doc.text):
                text = truecase.nlp_text(chunk, self.nlp)
                if text is chunk:
                    text = titlecase.nlp_text(chunk, self.nlp)  # "Gunmen Attack Plateau Community"
                if text is not chunk:
                    self._recased.add(di)
                tdoc = self.nlp.make_doc(text)
                found = self.resolver.mentions(tdoc, doc.date)
                countries.update(a.country for _, a in found if is_state(a.country))
                countries.update(c for c in self.resolver.place_countries(tdoc, found) if is_state(c))
                mention_starts = [s.start for s, _ in found]
                # an administrative unit is a hit once the sentence or document gives it a
                # country: count every one here, so the filter never drops what parsing codes
                hit_spans = self.resolver.hit_spans(tdoc, any_admin_unit=True)
                for sent in split_sentences(tdoc):
                    idx = si
                    si += 1
                    if self.fast and not self.trigger_words.any_in(
                            sent, sum(sent.start <= a < sent.end for a in mention_starts),
                            hits=sum(a < sent.end and b > sent.start for a, b in hit_spans)):
                        continue
                    out.append((sent.text, (di, offset + sent.start_char, idx)))
            if not countries and (home := cited_outlet_country(doc.text)) is not None:
                countries[home] += 1  # "... in Kanker District, reports The Hindu": India
        return out

    def _code_batch(self, docs: list[Document]) -> list[list[Event]]:
        self._doc_countries = {}
        self._recased = set()
        results: list[list[Event]] = [[] for _ in docs]
        seen: list[set[tuple[Any, ...]]] = [set() for _ in docs]
        # NER only ever removes actors ("Bank of England"), so a sentence without candidates
        # before NER has none after it: run the entity recogniser only where it can matter.
        ner: Any = self.nlp.get_pipe("ner") if self.lazy_ner and "ner" in self.nlp.pipe_names else None
        later = ["ner"] if ner is not None else []
        group: list[Any] = []
        for sdoc, ctx in self.nlp.pipe(self._segments(docs), as_tuples=True, batch_size=256,
                                       disable=later):
            antecedents, cands = self._candidates(sdoc, docs[ctx[0]].date, ctx[0])
            if cands:
                group.append((sdoc, ctx, antecedents, cands))
            if len(group) >= SENTENCE_GROUP:  # bounded memory on very long documents
                self._finish(group, ner, docs, results, seen)
                group = []
        if group:
            self._finish(group, ner, docs, results, seen)
        for evs in results:
            evs.sort(key=lambda e: (e.sentence_index, e.trigger_span or (0, 0)))
        return results

    def _finish(self, parsed: list[Any], ner: Any, docs: list[Document],
                results: list[list[Event]], seen: list[set[tuple[Any, ...]]]) -> None:
        """NER, classifier and attribution for a group of parsed candidate sentences."""
        if ner is not None:
            for n, sdoc in enumerate(ner.pipe([p[0] for p in parsed], batch_size=256)):
                ctx = parsed[n][1]
                self.resolver.forget(sdoc)
                parsed[n] = (sdoc, ctx, *self._candidates(sdoc, docs[ctx[0]].date, ctx[0]))
        pending: list[_Pending] = []
        for sdoc, (di, offset, si), antecedents, cands in parsed:
            # the sentence's context countries, once per sentence (not per candidate)
            context = SentenceContext.of(antecedents, self.resolver.place_countries(sdoc, antecedents),
                                         self._doc_countries.get(di))
            for cand in cands:
                cand.source, cand.target = context.complete(
                    cand.source, cand.target, getattr(cand.match, "needs_target", True))
                if cand.source is None and (cand.target is None or cand.target.country is None):
                    continue  # an agentless "killed" needs a victim of a known country
                if cand.source is not None and cand.target is not None and same_actor(cand.source, cand.target):
                    cand.target, cand.target_phrase = None, None  # "Yemen ... its military"
                    if not _worth_coding(cand):
                        continue  # a predicate that needs a target has none left
                pending.append(_Pending(di, cand, si, offset))
        verdicts = self._classify_candidates([p.cand for p in pending])
        for p, (clf_plover, clf_score) in zip(pending, verdicts, strict=True):
            doc = docs[p.doc_index]
            c = p.cand
            m = c.match
            # "hit"/"target"/"strike" stay under the veto: "thieves target a store in California"
            veto_code = m.code if m is not None and c.predicate.lemma_ not in NEEDS_ATTACK_WORD else None
            if (clf_plover is None and m is not None and not veto_trusted(c.source, c.target, veto_code)) \
                    or "claimed" in c.notes or "placed" in c.notes \
                    or particle_sense_only(self.triggers.verb_entry(c.predicate), getattr(m, "pattern_id", None), clf_plover):
                # keep the lexicon's reading ("placed": an attack known by its place, which
                # the classifier, trained with PLV place pairs as "no event", would veto)
                clf_plover, clf_score = None, 0.0
            d = decide(m.code if m is not None else None, getattr(m, "pattern_id", None),
                       clf_plover, clf_score, c.source.sector if c.source else None)
            if d is None or (c.source is None and not violent_code(d.cameo)):
                continue  # an agentless candidate the classifier retypes as non-violent
            ctx = DocContext(outlet=doc.outlet, date=doc.date)
            status, attribution = analyze(c.sent, c.predicate, ctx, resolver=self.resolver,
                                          date=doc.date)
            code, plover, mode, why = d.cameo, d.plover, d.plover_mode, d.why
            if (by_actor := code_by_actors(code, c.predicate, c.source, c.target)) is not None:
                code, plover, mode, why = *by_actor[:3], f"{why}; {by_actor[3]}"
            if c.claim_of is not None and status == "asserted":
                status = "reported"
            if status == "negated" and (rej := negated_to_reject(code)) is not None:
                # CAMEO: a refusal / negated cooperation is itself a REJECT event
                code, status, why = rej, "asserted", f"{why}; negated cooperation -> REJECT"
                plover, mode = plover_of(code)
            elif status == "negated" and getattr(m, "modality", None) == "neg_future" and code[:2] == "12":
                status = "asserted"  # "would not provide support": the lexicon already coded the refusal
            key = (p.sent_index, c.predicate.i, c.source.code if c.source else None,
                   c.target.code if c.target else None, code)
            if key in seen[p.doc_index]:
                continue
            seen[p.doc_index].add(key)
            results[p.doc_index].append(
                self._make_event(doc, c, p, code, plover, mode, d.score, why, status, attribution))

    def _candidates(self, sdoc: Any, date: str | None, di: int) -> tuple[list[Any], list[Candidate]]:
        # the document's main country, for places that carry none ("Kanker District")
        sdoc.user_data[CONTEXT_KEY] = context_country(Counter(), self._doc_countries.get(di))
        self._repair_headline(sdoc, date)
        antecedents = self.resolver.mentions(sdoc, date)
        cands = [c for c in find_candidates(sdoc[:], self.resolver, self.triggers, date, antecedents,
                                            is_reporting=is_reporting_verb)
                 if (c.source is not None or c.target is not None) and _worth_coding(c)]
        return antecedents, cands

    def _repair_headline(self, sdoc: Any, date: str | None) -> None:
        """"Gunmen attack police station": a headline verb the parser read as a compound."""
        def kinds(span: Any) -> list[str]:
            return [a.why or "" for a in self.resolver.resolve(span, date=date)]

        def is_verb(t: Any) -> bool:
            return self.triggers.verb_entry(t) is not None

        repair_islamic_state(sdoc[:], is_verb)
        repair_compound_verbs(
            sdoc[:], is_verb=is_verb,
            names_actor=lambda span: bool(kinds(span)),
            is_agent=lambda t: any(w.startswith("agents:") for w in kinds(sdoc[t.i : t.i + 1])),
            group_attack=lambda span, v: violent_code(getattr(self.triggers.verb_entry(v), "code", None))
            and any(w.startswith("groups") for w in kinds(span)),
            is_event=lambda t: self.triggers.match_noun(t) is not None)

    def _classify_candidates(self, cands: list[Candidate]) -> list[tuple[str | None, float]]:
        if not cands:
            return []
        if not self.use_classifier:
            return [(None, 0.0)] * len(cands)
        items = [(c.sent.text, _mention_text(c, "source"), _mention_text(c, "target")) for c in cands]
        return [(p.plover, float(p.score)) for p in self.classifier.predict(items)]

    def _make_event(self, doc: Document, c: Candidate, p: _Pending, code: str, plover: str | None,
                    mode: str | None, score: float, why: str, status: str,
                    attribution: Attribution) -> Event:
        cc = ontology.cameo(code)
        sent = c.sent
        off = p.offset
        src = _shift(c.source, off)
        tgt = _shift(c.target, off)
        attribution = _shift_attr(attribution, off)
        trig = c.predicate
        sent_text = sent.text
        ev = Event(
            source=src, target=tgt, cameo=code, plover=plover, plover_mode=mode,
            goldstein=cc.goldstein, quad_class=cc.quad_class,
            sentence=sent_text, sentence_index=p.sent_index,
            span=(off + sent.start_char, off + sent.end_char),
            trigger=trig.text, trigger_span=(off + trig.idx, off + trig.idx + len(trig.text)),
            date=resolve_relative(sent_text, doc.date) or doc.date,
            status=status, attribution=attribution, why=why, score=round(score, 4),
            doc_id=doc.id,
        )
        return truecase.restore_original(ev, doc.text) if p.doc_index in self._recased else ev


def _mention_text(c: Candidate, role: str) -> str | None:
    actor = c.source if role == "source" else c.target
    return actor.text if actor is not None else None


def _moved(span: tuple[int, int] | None, off: int) -> tuple[int, int] | None:
    return (span[0] + off, span[1] + off) if span else None


def _shift(actor: Any, off: int) -> Any:
    """The actor with its span moved from sentence to document offsets."""
    if actor is None or not off or actor.span is None:
        return actor
    return replace(actor, span=_moved(actor.span, off))


def _shift_attr(a: Attribution, off: int) -> Attribution:
    if not off:
        return a
    return replace(a, cue_span=_moved(a.cue_span, off), speaker_span=_moved(a.speaker_span, off),
                   speaker_actor=_shift(a.speaker_actor, off))


def _worth_coding(c: Candidate) -> bool:
    """Drop candidates that are never a useful event.

    A bare "make statement" (010: said, told, added) carries no action; reported speech
    is kept as attribution of the events inside it.  Other 01x codes (optimistic or
    pessimistic comment, denial of responsibility...) need a target, and so does every
    predicate the lexicon marks ``needs_target`` ("attacked", "rejected"; not "resigned").
    """
    m = c.match
    if m is None:
        return False  # the lexicon proposes, the classifier disposes
    code = str(m.code)
    if c.target is None and (code.startswith("01") or getattr(m, "needs_target", False)):
        return False
    if kin_only(c.target) and not violent_code(code):
        return False  # "his wife" is an actor only as a victim of violence
    if code[:3] in ("042", "043") and c.source is not None and c.source.sector in ("CVL", "REF"):
        return False  # "refugees arrive in Germany", "people visiting Hong Kong": no diplomacy
    return code != "010"
