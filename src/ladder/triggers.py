"""Trigger lexicon: which CAMEO code a verb (or event noun) expresses in its parse context.

Why a lexicon and not only the learned classifier: analysts need the precise 3/4-digit
CAMEO code and an auditable reason ("verbs.yaml:impose#dobj=sanction") for every
decision.  The data lives in ``ladder/data/lexicons/{verbs,nouns,frames}.yaml`` (format
documented at the top of each file); this module loads and validates it and matches it
against spaCy dependency parses.

Matching, most specific wins (ties: explicit pattern before derived ones, then file order):

* bare lemma (score 0);
* explicit pattern on the verb's children: ``prt``, ``dobj``, ``prep``/``pobj``,
  ``xcomp``, ``child`` (10 per constraint);
* light verbs ("carried out air strikes", "held talks") take the code of their event-noun
  object from nouns.yaml (10 + the noun's score);
* frame verbs ("agreed to", "threatened to", "called for", "refused to") map the code of
  their complement (an xcomp verb or an event noun) into their own family through
  frames.yaml: "agreed to provide aid" -> 033, "threatened to impose sanctions" -> 1312,
  "refused to meet" -> 125 (10 + the complement's score).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from ladder import ontology
from ladder.agentless import CASUALTY_OBJECTS, DEATH_ADJECTIVES, DEATH_VERBS
from ladder.event_syntax import word_list
from ladder.prefilter import FilterSpec
from ladder.trigger_data import (
    LexiconError,
    _Entry,
    _load_yaml,
    _norm,
    _parse_entry,
    _parse_frames,
    _parse_yaml,
    solo_entry,
    violent,
    violent_code,
)
from ladder.trigger_match import TriggerMatch
from ladder.trigger_patterns import noun_pattern, objects, verb_pattern
from ladder.trigger_syntax import (
    _VERBAL_FRAME,
    _conjuncts,
    _keys,
    _modal_demand,
    _modality,
    _phrase_bonus,
    _span,
    _subject_to_clause,
)

__all__ = ["LexiconError", "TriggerLexicon", "TriggerMatch", "load_from_text"]



class TriggerLexicon:
    """Verb and noun triggers with their CAMEO codes; see module docstring."""

    def __init__(self, verbs: Sequence[Any], nouns: Sequence[Any], frames: Any) -> None:
        self.frames = _parse_frames(frames)
        self._verbs: dict[str, _Entry] = {}
        self._nouns: dict[str, _Entry] = {}
        for table, raw_list, fname, noun in ((self._verbs, verbs, "verbs.yaml", False),
                                             (self._nouns, nouns, "nouns.yaml", True)):
            if not isinstance(raw_list, list):
                raise LexiconError(f"{fname}: top level must be a list of entries")
            for i, raw in enumerate(raw_list):
                entry = _parse_entry(raw, fname, i, noun, self.frames)
                names = {_norm(n): n for n in [entry.lemma, *(raw.get("aliases") or [])]}
                for key, name in names.items():
                    if key in table:
                        raise LexiconError(f"{fname} entry #{i} ({entry.lemma}): duplicate lemma {name!r}")
                    table[key] = entry

    @classmethod
    def load(cls) -> TriggerLexicon:
        """The packaged lexicon (cached)."""
        return _load_packaged()

    def verb_lemmas(self) -> frozenset[str]:
        return frozenset(self._verbs)

    def noun_lemmas(self) -> frozenset[str]:
        """Nouns that are event triggers on their own (not only as objects of light verbs)."""
        return frozenset(k for k, e in self._nouns.items() if e.standalone)

    def filter_words(self) -> FilterSpec:
        """What any non-statement match needs (pre-parse filter, ``ladder.prefilter``).

        A verb entry counts by its lemma when it codes something besides a bare 010
        statement; a pattern with a content constraint (dobj, subj, pobj, xcomp, child, mod)
        needs both its verb and one of the constraint's words; light, frame and "via"
        verbs carry lexicon nouns.  Every noun lemma counts as a noun.  ``solo`` lists the
        lemmas whose entry codes without a target (``needs_target: false``): a match takes
        ``needs_target`` from its verb entry, its light-verb noun, or (frames) from either;
        a 01x statement code always needs one (``coder._worth_coding``) unless a frame
        recodes it ("refused to say": ``untargeted`` with one of the ``recoders``).
        """
        verbs: set[str] = set()
        carriers: set[str] = set()
        statements: set[str] = set()
        needs: dict[str, set[str]] = {}
        solo = {k for table in (self._verbs, self._nouns) for k, e in table.items() if solo_entry(e)}
        untargeted = {k for table in (self._verbs, self._nouns) for k, e in table.items() if not e.needs_target}
        free = [(k, [c for c in (e.code, *(p.code for p in e.patterns)) if c])
                for t in (self._verbs, self._nouns) for k, e in t.items() if not e.needs_target]
        recoders = {k: frozenset(u for u, codes in free if any(self._frame_code(e.frame, c) for c in codes))
                    for k, e in self._verbs.items() if e.frame}
        for lemma, entry in self._verbs.items():
            if entry.code not in (None, "010"):
                verbs.add(lemma)
            if (entry.code or "").startswith("01"):
                statements.add(lemma)
            if entry.light or entry.frame or entry.via:
                carriers.add(lemma)
            if entry.frame and self.frames.get(entry.frame, {}).get("unknown"):
                verbs.add(lemma)  # "preparing to resume settlement building": intent (030) alone
            for pat in entry.patterns:
                if pat.code in (None, "010"):
                    continue
                content = pat.dobj | pat.pobj | pat.xcomp | pat.child | pat.mod | pat.subj
                if content:
                    for w in {w for phrase in content for w in phrase.split()}:
                        needs.setdefault(w, set()).add(lemma)
                else:
                    verbs.add(lemma)
        carriers |= DEATH_VERBS | DEATH_ADJECTIVES | set(CASUALTY_OBJECTS)  # "died in clashes" (ladder.agentless)
        return FilterSpec(verbs=frozenset(verbs), nouns=frozenset(self._nouns),
                          needs={w: frozenset(v) for w, v in needs.items()}, carriers=frozenset(carriers),
                          statements=frozenset(statements), solo=frozenset(solo),
                          untargeted=frozenset(untargeted),
                          recoders={k: v for k, v in recoders.items() if v},
                          placed=word_list("placed_attack_nouns.tsv") & frozenset(self._nouns))

    def verb_entry(self, tok: Token) -> _Entry | None:
        for k in _keys(tok):
            if k in self._verbs:
                return self._verbs[k]
        return None

    def agentless_capable(self, tok: Token) -> bool:
        """Can the verb ``tok`` be coded as violence with an unknown source (``violent``)?"""
        entry = self.verb_entry(tok)
        return entry is not None and violent(entry)

    def noun_entry(self, tok: Token) -> _Entry | None:
        for k in _keys(tok):
            if k in self._nouns:
                return self._nouns[k]
        return None

    # ---------------------------------------------------------------- verbs
    def match_verb(self, token: Token, _depth: int = 0) -> TriggerMatch | None:
        """Most specific CAMEO reading of a verb predicate, or None if not a trigger.

        At the top level, modality is applied as CAMEO codes it: "will provide aid" /
        "is ready to meet" express intent (03), "will impose a curfew" / "would boycott"
        threaten (13), "will not release" refuses (12),
        "will withdraw ... unless" threatens (13), and "X said Y must release Z" is X's
        demand (10) on Y (``head`` = "said", ``target_token`` = Y); the embedded verb
        of such a demand returns None, its event being the speaker's.
        """
        base = self._match_plain(token, _depth)
        if _depth > 0:
            return base
        if _modal_demand(token) and self._statement_head(token.head):
            return None
        if base is not None and base.code.startswith("01"):
            demand = self._reported_demand(token, base)
            if demand is not None:
                return demand
        if base is None or _VERBAL_FRAME.search(base.pattern_id):
            return base  # "will threaten to", "is ready to agree": the frame already says it
        return self._apply_modality(token, base)

    def _match_plain(self, token: Token, _depth: int) -> TriggerMatch | None:
        entry = self.verb_entry(token)
        if entry is None:
            return None
        cands: list[TriggerMatch] = []
        if entry.code:
            cands.append(self._mk(entry, entry.code, [token], f"verbs.yaml:{entry.lemma}", token, 0))
        for pat in entry.patterns:
            toks = verb_pattern(pat, token)
            if toks is not None:
                m = self._mk(entry, pat.code or "", [token, *toks], pat.pid, token,
                             pat.weight + _phrase_bonus(pat, toks), target=pat.target)
                cands.append(replace(m, giver_preps=pat.source) if pat.source else m)
        if entry.light:
            for obj in objects(token):
                nm = self.match_noun(obj, standalone=False)
                if nm is not None:
                    cands.append(TriggerMatch(
                        code=nm.code, trigger=_span([token, *nm.trigger]),
                        pattern_id=f"verbs.yaml:{entry.lemma}#light+{nm.pattern_id}",
                        # "provided intelligence to Ukraine": the verb's own target preps too
                        target_preps=tuple(dict.fromkeys((*nm.target_preps, *entry.target))), needs_target=nm.needs_target, head=token,
                        target_dobj=False, source_preps=nm.source_preps, score=10 + nm.score))
        for p in token.children:
            if p.dep_ in ("prep", "agent") and p.lower_ in entry.via:
                objs = [o for g in p.children if g.dep_ == "pobj" for o in _conjuncts(g)]
            elif p.dep_ == "xcomp" and "to" in entry.via and self.verb_entry(p) is None and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in p.children):
                # the small parser reads "resorted to repression" as a to-infinitive (a word
                # that is also a lexicon verb, "resorted to force", is coded as that verb)
                objs, p = [p], next(a for a in p.children if a.lower_ == "to")
            else:
                continue
            for o in objs:
                nm = self.match_noun(o, standalone=False)
                if nm is not None and entry.code and not violent_code(nm.code) \
                        and self.match_noun(o) is None:
                    # a verb with its own code takes a noun that is an event by itself, or
                    # violence ("killed in an encounter"), not "killed by security forces" (154)
                    nm = None
                if nm is not None:
                    cands.append(TriggerMatch(
                        code=nm.code, trigger=_span([token, p, *nm.trigger]),
                        pattern_id=f"verbs.yaml:{entry.lemma}#via={p.lower_}+{nm.pattern_id}",
                        target_preps=entry.target, needs_target=entry.needs_target,
                        head=token, target_dobj=entry.target_dobj, score=10 + nm.score))
        if entry.frame and _depth < 2:
            cands.extend(self._frame_matches(entry, token, _depth))
        if not cands:
            return None
        return max(cands, key=lambda m: m.score)

    def _statement_head(self, tok: Token) -> bool:
        entry = self.verb_entry(tok)
        return entry is not None and (entry.code or "").startswith("01")

    def _reported_demand(self, token: Token, base: TriggerMatch) -> TriggerMatch | None:
        """ "X said Y must/should do Z": X demands (10x) / appeals (02x) that Y do Z."""
        for c in token.children:
            kind = _modal_demand(c) if c.dep_ == "ccomp" else None
            if kind is None:
                continue
            frame = "demand" if kind == "must" else "appeal"
            inner = self._match_plain(c, 0)
            code = self._frame_code(frame, inner.code) if inner else None
            code = code or ("100" if frame == "demand" else "020")
            subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            toks = [token, c, *(inner.trigger if inner else [])]
            return TriggerMatch(
                code=code, trigger=_span(toks),
                pattern_id=f"{base.pattern_id}#modal={kind}+{inner.pattern_id if inner else '-'}",
                target_preps=(), needs_target=True, head=token, target_dobj=False,
                score=base.score + 10, target_token=subj, modality=kind)
        return None

    def _apply_modality(self, token: Token, m: TriggerMatch) -> TriggerMatch:
        kind = _modality(token)
        if kind is None or m.code.startswith("01"):
            return m
        coop = m.code[:2] <= "09"
        if kind == "neg_future":
            frame: str | None = "reject" if coop else None
        elif kind == "conditional":
            frame = "threaten" if self._frame_code("threaten", m.code) else "intend"
        elif kind == "ready":
            frame = "intend"  # falls back to threaten for conflictual codes
        else:  # future: "will boycott", "would blockade Paris" announce a conflictual act (13)
            frame = "intend" if coop else ("threaten" if m.code[:2] >= "14" else None)
        code = self._frame_code(frame, m.code) if frame else None
        if code is None:
            return m
        return TriggerMatch(
            code=code, trigger=m.trigger, pattern_id=f"{m.pattern_id}#modal={kind}",
            target_preps=m.target_preps, needs_target=m.needs_target, head=m.head,
            target_dobj=m.target_dobj, source_preps=m.source_preps, score=m.score,
            target_token=m.target_token, modality=kind, preps_given=m.preps_given,
            giver_preps=m.giver_preps)

    def _mk(self, entry: _Entry, code: str, toks: list[Token], pid: str, head: Token,
            score: int, target: tuple[str, ...] | None = None) -> TriggerMatch:
        tgt = entry.target if target is None else tuple(t for t in target if t != "dobj")
        tdobj = entry.target_dobj if target is None else ("dobj" in target or not target)
        return TriggerMatch(code=code, trigger=_span(toks), pattern_id=pid, target_preps=tgt,
                            needs_target=entry.needs_target, head=head, target_dobj=tdobj,
                            score=score, preps_given=target is not None or entry.target_given)

    def _frame_matches(self, entry: _Entry, token: Token, depth: int) -> Iterable[TriggerMatch]:
        assert entry.frame is not None
        spec = self.frames[entry.frame]
        comps: list[TriggerMatch] = []
        for c in token.children:
            if entry.clause_frame and _subject_to_clause(c):
                clause = self._clause_frame_match(entry, token, c, depth)
                if clause is not None:
                    yield clause
                return
            if c.dep_ == "xcomp" or (c.dep_ == "ccomp" and spec["ccomp"]):
                m = self.match_verb(c, _depth=depth + 1)
                if m is not None:
                    comps.append(m)
        nouns = list(objects(token))
        for p in token.children:
            if p.dep_ == "prep" and p.lower_ in spec["preps"]:
                nouns.extend(o for g in p.children if g.dep_ == "pobj" for o in _conjuncts(g))
        for n in nouns:
            m = self.match_noun(n, standalone=False)
            if m is not None:
                comps.append(m)
        if not comps and spec.get("unknown") and (
                any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in token.children)
                or any(p.dep_ == "prep" and p.lower_ in ("to", "upon") and p.i == token.i + 1
                       and any(g.dep_ == "pobj" and g.pos_ == "NOUN" for g in p.children)
                       for p in token.children)):
            # "agreed to set up a centre": an intent whose action the lexicon does not know
            yield TriggerMatch(
                code=spec["unknown"], trigger=_span([token]),
                pattern_id=f"verbs.yaml:{entry.lemma}#frame={entry.frame}+unknown",
                target_preps=tuple(dict.fromkeys((*entry.target, *spec["preps"]))),
                needs_target=entry.needs_target, head=token, target_dobj=True, score=3)
        for m in comps:
            code = None if m.code.startswith(spec["ignore"]) else self._frame_code(entry.frame, m.code)
            if code is None:
                continue  # not this frame's complement ("wants to announce": no event)
            yield TriggerMatch(
                code=code, trigger=_span([token, *m.trigger]),
                pattern_id=f"verbs.yaml:{entry.lemma}#frame={entry.frame}+{m.pattern_id}",
                target_preps=tuple(dict.fromkeys((*entry.target, *m.target_preps))),
                needs_target=entry.needs_target and m.needs_target, head=token,
                target_dobj=True, score=10 + m.score)

    def _clause_frame_match(self, entry: _Entry, token: Token, clause: Token, depth: int) -> TriggerMatch | None:
        """ "Russia wants NATO to withdraw": an appeal (the entry's ``clause_frame``) to the
        clause's subject; a known action the frame cannot map is a generic appeal (020), an
        unknown action or a statement no event ("wants young people to feel they belong")."""
        assert entry.clause_frame is not None
        m = self.match_verb(clause, _depth=depth + 1)
        if m is None or m.code.startswith("01"):
            return None
        code = self._frame_code(entry.clause_frame, m.code) or "020"
        subj = next(g for g in clause.children if g.dep_ in ("nsubj", "nsubjpass"))
        return TriggerMatch(
            code=code, trigger=_span([token, *m.trigger]),
            pattern_id=f"verbs.yaml:{entry.lemma}#clause_frame={entry.clause_frame}+{m.pattern_id}",
            target_preps=(), needs_target=True, head=token, target_dobj=False, score=10,
            target_token=subj)

    def _frame_code(self, frame: str | None, code: str) -> str | None:
        """Map an embedded event code into a frame, walking up the code's parents."""
        while frame is not None:
            spec = self.frames[frame]
            c: str | None = code
            while c:
                if c in spec["map"]:
                    return str(spec["map"][c])
                c = ontology.cameo(c).parent
            frame = spec["fallback"]
        return None

    # ---------------------------------------------------------------- nouns
    def match_noun(self, token: Token, standalone: bool = True) -> TriggerMatch | None:
        """CAMEO reading of an event noun ("the invasion of Ukraine", "air strikes on Gaza").

        ``standalone=False`` also admits nouns that are events only as the object of a
        light or frame verb ("send troops", "cut aid"), not on their own.
        """
        if standalone and any(c.dep_ == "nsubj" or (c.dep_ == "dobj" and token.dep_ == "ROOT")
                              for c in token.children) and self.verb_entry(token):
            # headline verb mis-tagged: "Netanyahu rejects calls", "UK sanctions 386 Russian MPs"
            return self.match_verb(token)
        entry = self.noun_entry(token)
        if entry is None or (standalone and not entry.standalone):
            return None
        if standalone and token.dep_ == "compound":
            return None  # "war" in "war crimes", "peace" in "peace talks"
        best: TriggerMatch | None = None
        if entry.code:
            best = self._noun_mk(entry, entry.code, [token], f"nouns.yaml:{entry.lemma}", token, 0, None)
        for pat in entry.patterns:
            toks = noun_pattern(pat, token)
            if toks is None:
                continue
            score = pat.weight + _phrase_bonus(pat, toks)
            if best is None or score > best.score:
                best = self._noun_mk(entry, pat.code or "", [token, *toks], pat.pid, token,
                                     score, pat.target)
        return best

    @staticmethod
    def _noun_mk(entry: _Entry, code: str, toks: list[Token], pid: str, head: Token, score: int,
                 target: tuple[str, ...] | None) -> TriggerMatch:
        return TriggerMatch(code=code, trigger=_span(toks), pattern_id=pid,
                            target_preps=entry.target if target is None else target,
                            needs_target=entry.needs_target, head=head, target_dobj=False,
                            source_preps=entry.source, score=score)


@lru_cache(maxsize=1)
def _load_packaged() -> TriggerLexicon:
    return TriggerLexicon(_load_yaml("verbs.yaml"), _load_yaml("nouns.yaml"), _load_yaml("frames.yaml"))


def load_from_text(verbs_yaml: str, nouns_yaml: str = "[]", frames_yaml: str | None = None) -> TriggerLexicon:
    """Build a lexicon from YAML strings (for checking user-edited lexicons and tests)."""
    frames = _parse_yaml(frames_yaml) if frames_yaml is not None else _load_yaml("frames.yaml")
    return TriggerLexicon(_parse_yaml(verbs_yaml) or [], _parse_yaml(nouns_yaml) or [], frames)
