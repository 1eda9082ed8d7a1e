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

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from spacy.tokens import Span, Token

from ladder import ontology

_DOBJ_DEPS = ("dobj", "obj", "attr", "oprd")
_PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
_COMPLEMENT_DEPS = ("xcomp", "ccomp")
_MOD_DEPS = ("compound", "amod", "nmod", "npadvmod", "poss")
_DEFAULT_NOUN_TARGET = ("of", "on", "against")
_DEFAULT_NOUN_SOURCE = ("by",)
_VERB_KEYS = {"lemma", "aliases", "code", "target", "needs_target", "light", "frame", "via", "patterns", "note"}
_VPAT_KEYS = {"prt", "dobj", "prep", "pobj", "xcomp", "child", "code", "target", "needs_target", "note"}
_NOUN_KEYS = {"lemma", "aliases", "code", "target", "source", "needs_target", "standalone", "patterns", "note"}
_NPAT_KEYS = {"mod", "prep", "pobj", "code", "target", "note"}


class LexiconError(ValueError):
    """A lexicon file has an entry that cannot be used (unknown code, bad key...)."""


@dataclass(frozen=True)
class TriggerMatch:
    """One lexicon decision for a predicate.

    ``target_preps``: prepositions (attached to ``head`` or to the trigger noun) that
    introduce the target; ``target_dobj``: the direct object (or, in the passive, the
    subject) may be the target.  ``head`` is the token whose subject is the source.
    """

    code: str
    trigger: Span
    pattern_id: str
    target_preps: tuple[str, ...]
    needs_target: bool
    head: Token
    target_dobj: bool = True
    source_preps: tuple[str, ...] = ()
    score: int = 0
    target_token: Token | None = None
    modality: str | None = None

    @property
    def start_char(self) -> int:
        return int(self.trigger.start_char)

    @property
    def end_char(self) -> int:
        return int(self.trigger.end_char)


@dataclass(frozen=True)
class _Pattern:
    pid: str
    code: str | None
    prt: str | None = None
    dobj: frozenset[str] = frozenset()
    prep: str | None = None
    pobj: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    child: frozenset[str] = frozenset()
    mod: frozenset[str] = frozenset()
    target: tuple[str, ...] | None = None

    @property
    def weight(self) -> int:
        """Specificity: 10 per content constraint; a bare preposition counts 5."""
        n = sum(bool(x) for x in (self.prt, self.dobj, self.pobj, self.xcomp, self.child, self.mod))
        return 10 * n + (5 if self.prep and not self.pobj else 0) + 1


@dataclass(frozen=True)
class _Entry:
    lemma: str
    code: str | None
    target: tuple[str, ...]
    target_dobj: bool
    needs_target: bool
    light: bool = False
    frame: str | None = None
    via: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    standalone: bool = True
    patterns: tuple[_Pattern, ...] = field(default_factory=tuple)


def _norm(s: str) -> str:
    """Key for comparing lemmas/phrases: lower case, no spaces or hyphens."""
    return re.sub(r"[\s\-]+", "", s.lower())


def _stems(word: str) -> list[str]:
    """Cheap de-inflection for when the small model's lemmatizer misses ("shelled")."""
    w = word.lower()
    out = [w]
    for suf, rep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("d", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            base = w[: len(w) - len(suf)] + rep
            out.append(base)
            if len(base) > 3 and base[-1] == base[-2]:
                out.append(base[:-1])
            if suf in ("ing", "ed"):
                out.append(base + "e")
    return out


def _keys(tok: Token) -> list[str]:
    keys = [tok.lemma_.lower(), tok.text.lower(), *_stems(tok.text)]
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_:
        # the tokenizer splits "cease-fire", "air-strikes", "sit-in": the joined word first
        left = doc[tok.i - 2].text.lower()
        keys = [left + k for k in keys] + keys
    return [_norm(k) for k in keys]


def _phrase_keys(tok: Token) -> set[str]:
    """Keys of a noun with its modifiers: 'chemical weapons' -> {weapon, chemicalweapon, ...}."""
    return _base_keys(tok) | _modified_keys(tok)


def _base_keys(tok: Token) -> set[str]:
    return set(_keys(tok))


def _modified_keys(tok: Token) -> set[str]:
    """Modifier+noun keys only; a match on one of these is more specific than the bare noun."""
    base = set(_keys(tok))
    mods = sorted((c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i),
                  key=lambda t: t.i)
    out: set[str] = set()
    for c in mods:
        for m in {_norm(c.text), _norm(c.lemma_)}:
            out |= {m + k for k in base}
    comp = [c for c in mods if c.dep_ == "compound"]
    if len(comp) > 1:
        prefix = "".join(_norm(c.lemma_) for c in comp)
        out |= {prefix + k for k in base}
    return out


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *[c for c in tok.children if c.dep_ == "conj"]]


def _list(value: Any, where: str, key: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where}: '{key}' must be a string or a list of strings")
    return frozenset(_norm(v) for v in value)


def _code(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise LexiconError(f"{where}: code {value!r} must be a quoted string (e.g. \"010\")")
    if not ontology.is_cameo(value):
        raise LexiconError(f"{where}: unknown CAMEO code {value!r}")
    return value


def _targets(value: Any, where: str, default: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    if value is None:
        return default, True
    vals = [value] if isinstance(value, str) else value
    if not isinstance(vals, list):
        raise LexiconError(f"{where}: 'target' must be a list")
    return tuple(v for v in vals if v != "dobj"), "dobj" in vals


def _parse_entry(raw: Any, fname: str, idx: int, noun: bool, frames: dict[str, Any]) -> _Entry:
    if not isinstance(raw, dict) or not isinstance(raw.get("lemma"), str):
        raise LexiconError(f"{fname} entry #{idx}: needs a 'lemma' string")
    lemma = raw["lemma"]
    where = f"{fname} entry #{idx} ({lemma})"
    allowed = _NOUN_KEYS if noun else _VERB_KEYS
    unknown = set(raw) - allowed
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}")
    frame = raw.get("frame")
    if frame is not None and frame not in frames:
        raise LexiconError(f"{where}: unknown frame {frame!r}")
    default_t = _DEFAULT_NOUN_TARGET if noun else ()
    target, tdobj = _targets(raw.get("target"), where, default_t)
    if noun:
        tdobj = False
    pats: list[_Pattern] = []
    for j, p in enumerate(raw.get("patterns") or []):
        pw = f"{where} pattern #{j}"
        if not isinstance(p, dict):
            raise LexiconError(f"{pw}: must be a mapping")
        bad = set(p) - (_NPAT_KEYS if noun else _VPAT_KEYS)
        if bad:
            raise LexiconError(f"{pw}: unknown key(s) {sorted(bad)}")
        code = _code(p.get("code"), pw)
        if code is None:
            raise LexiconError(f"{pw}: needs a 'code'")
        ptarget = None
        if "target" in p:
            ptarget = tuple(p["target"]) if isinstance(p["target"], list) else (p["target"],)
        parts = [f"{k}={'|'.join(p[k]) if isinstance(p[k], list) else p[k]}"
                 for k in ("prt", "dobj", "prep", "pobj", "xcomp", "child", "mod") if k in p]
        pats.append(_Pattern(
            pid=f"{fname}:{lemma}#{','.join(parts)}", code=code,
            prt=p.get("prt"), dobj=_list(p.get("dobj"), pw, "dobj"), prep=p.get("prep"),
            pobj=_list(p.get("pobj"), pw, "pobj"), xcomp=_list(p.get("xcomp"), pw, "xcomp"),
            child=_list(p.get("child"), pw, "child"), mod=_list(p.get("mod"), pw, "mod"),
            target=ptarget,
        ))
    code = _code(raw.get("code"), where)
    if code is None and not pats and not raw.get("light") and frame is None:
        raise LexiconError(f"{where}: needs a 'code', 'patterns', 'light' or 'frame'")
    return _Entry(
        lemma=lemma, code=code, target=target, target_dobj=tdobj,
        needs_target=bool(raw.get("needs_target", True)), light=bool(raw.get("light", False)),
        frame=frame, via=tuple(raw.get("via") or ()), source=tuple(raw.get("source") or (_DEFAULT_NOUN_SOURCE if noun else ())),
        standalone=bool(raw.get("standalone", True)),
        patterns=tuple(pats),
    )


class _Loader(yaml.SafeLoader):
    """SafeLoader where only true/false are booleans: 'on', 'off', 'no' are words here."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _parse_yaml(text: Any) -> Any:
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def _load_yaml(name: str) -> Any:
    with ontology.data_path(f"lexicons/{name}").open(encoding="utf-8") as fh:
        return _parse_yaml(fh)


def _parse_frames(raw: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, dict):
        raise LexiconError("frames.yaml: top level must be a mapping of frame name -> spec")
    out: dict[str, dict[str, Any]] = {}
    for name, spec in raw.items():
        where = f"frames.yaml frame {name!r}"
        if not isinstance(spec, dict) or "map" not in spec:
            raise LexiconError(f"{where}: needs a 'map'")
        mapping = {}
        for src, dst in spec["map"].items():
            if not ontology.is_cameo(str(src)):
                raise LexiconError(f"{where}: unknown CAMEO code {src!r} (quote codes)")
            mapping[str(src)] = _code(dst, f"{where} -> {src}")
        out[name] = {"map": mapping, "fallback": spec.get("fallback"),
                     "ccomp": bool(spec.get("ccomp", False)), "preps": tuple(spec.get("preps", ()))}
    for name, spec in out.items():
        if spec["fallback"] is not None and spec["fallback"] not in out:
            raise LexiconError(f"frames.yaml frame {name!r}: unknown fallback {spec['fallback']!r}")
    return out


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

    def verb_entry(self, tok: Token) -> _Entry | None:
        for k in _keys(tok):
            if k in self._verbs:
                return self._verbs[k]
        return None

    def noun_entry(self, tok: Token) -> _Entry | None:
        for k in _keys(tok):
            if k in self._nouns:
                return self._nouns[k]
        return None

    # ---------------------------------------------------------------- verbs
    def match_verb(self, token: Token, _depth: int = 0) -> TriggerMatch | None:
        """Most specific CAMEO reading of a verb predicate, or None if not a trigger.

        At the top level, modality is applied as CAMEO codes it: "will provide aid" /
        "is ready to meet" express intent (03), "will not release" refuses (12),
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
            toks = self._verb_pattern(pat, token)
            if toks is not None:
                tgt = pat.target if pat.target is not None else entry.target
                cands.append(self._mk(entry, pat.code or "", [token, *toks], pat.pid, token,
                                      pat.weight + _phrase_bonus(pat, toks), target=tgt))
        if entry.light:
            for obj in self._objects(token):
                nm = self.match_noun(obj, standalone=False)
                if nm is not None:
                    cands.append(TriggerMatch(
                        code=nm.code, trigger=_span([token, *nm.trigger]),
                        pattern_id=f"verbs.yaml:{entry.lemma}#light+{nm.pattern_id}",
                        target_preps=nm.target_preps, needs_target=nm.needs_target, head=token,
                        target_dobj=False, source_preps=nm.source_preps, score=10 + nm.score))
        for p in token.children:
            if p.dep_ in ("prep", "agent") and p.lower_ in entry.via:
                for o in (o for g in p.children if g.dep_ == "pobj" for o in _conjuncts(g)):
                    nm = self.match_noun(o, standalone=False)
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
        else:  # future
            frame = "intend" if coop else None
        code = self._frame_code(frame, m.code) if frame else None
        if code is None:
            return m
        return TriggerMatch(
            code=code, trigger=m.trigger, pattern_id=f"{m.pattern_id}#modal={kind}",
            target_preps=m.target_preps, needs_target=m.needs_target, head=m.head,
            target_dobj=m.target_dobj, source_preps=m.source_preps, score=m.score,
            target_token=m.target_token, modality=kind)

    def _mk(self, entry: _Entry, code: str, toks: list[Token], pid: str, head: Token,
            score: int, target: tuple[str, ...] | None = None) -> TriggerMatch:
        tgt = entry.target if target is None else tuple(t for t in target if t != "dobj")
        tdobj = entry.target_dobj if target is None else ("dobj" in target or not target)
        return TriggerMatch(code=code, trigger=_span(toks), pattern_id=pid, target_preps=tgt,
                            needs_target=entry.needs_target, head=head, target_dobj=tdobj,
                            score=score)

    @staticmethod
    def _objects(token: Token) -> list[Token]:
        objs = [c for c in token.children if c.dep_ in _DOBJ_DEPS or c.dep_ in _PASSIVE_SUBJ]
        # "called off the talks" is sometimes parsed with "talks" as pobj of the particle
        objs += [g for c in token.children if c.dep_ == "prt" for g in c.children if g.dep_ == "pobj"]
        out: list[Token] = []
        for o in objs:
            out.extend(_conjuncts(o))
        # "provided 25,000 tons of food aid", "pledged $1bn in aid": the quantity's object
        out.extend(g for o in list(out) for p in o.children if p.dep_ == "prep"
                   and p.lower_ in ("of", "in") and (o.like_num or o.lemma_.lower() in _QUANTITY)
                   for g in p.children if g.dep_ == "pobj")
        return out

    def _verb_pattern(self, pat: _Pattern, token: Token) -> list[Token] | None:
        used: list[Token] = []
        kids = list(token.children)
        if pat.prt:
            prt = [c for c in kids if c.lower_ == pat.prt and (
                c.dep_ == "prt" or (c.dep_ in ("prep", "advmod") and not any(g.dep_ == "pobj" for g in c.children)))]
            if not prt:
                return None
            used.append(prt[0])
        if pat.dobj:
            hit = [o for o in self._objects(token) if _phrase_keys(o) & pat.dobj]
            if not hit:
                return None
            used.append(hit[0])
        if pat.prep or pat.pobj:
            found = None
            preps = [c for c in kids if c.dep_ in ("prep", "agent", "dative")]
            preps += [g for c in kids if c.dep_ in _DOBJ_DEPS for g in c.children if g.dep_ == "prep"]
            for p in preps:
                if pat.prep and p.lower_ != pat.prep:
                    continue
                objs = [o for g in p.children if g.dep_ in ("pobj", "pcomp") for o in _conjuncts(g)]
                if pat.pobj:
                    objs = [o for o in objs if _phrase_keys(o) & pat.pobj]
                    if not objs:
                        continue
                found = [p, *objs[:1]]
                break
            if found is None:
                return None
            used.extend(found)
        if pat.xcomp:
            hit = [c for c in kids if c.dep_ in _COMPLEMENT_DEPS and set(_keys(c)) & pat.xcomp]
            if not hit:
                return None
            used.append(hit[0])
        if pat.child:
            near = kids + [g for c in kids if c.dep_ in ("ccomp", "xcomp") for g in c.children]
            hit = [c for c in near if set(_keys(c)) & pat.child]
            if not hit:
                return None
            used.append(hit[0])
        return used

    def _frame_matches(self, entry: _Entry, token: Token, depth: int) -> Iterable[TriggerMatch]:
        assert entry.frame is not None
        spec = self.frames[entry.frame]
        comps: list[TriggerMatch] = []
        for c in token.children:
            if c.dep_ == "xcomp" or (c.dep_ == "ccomp" and spec["ccomp"]):
                m = self.match_verb(c, _depth=depth + 1)
                if m is not None:
                    comps.append(m)
        nouns = list(self._objects(token))
        for p in token.children:
            if p.dep_ == "prep" and p.lower_ in spec["preps"]:
                nouns.extend(o for g in p.children if g.dep_ == "pobj" for o in _conjuncts(g))
        for n in nouns:
            m = self.match_noun(n, standalone=False)
            if m is not None:
                comps.append(m)
        for m in comps:
            code = self._frame_code(entry.frame, m.code)
            if code is None:
                continue
            yield TriggerMatch(
                code=code, trigger=_span([token, *m.trigger]),
                pattern_id=f"verbs.yaml:{entry.lemma}#frame={entry.frame}+{m.pattern_id}",
                target_preps=tuple(dict.fromkeys((*entry.target, *m.target_preps))),
                needs_target=entry.needs_target, head=token, target_dobj=True,
                score=10 + m.score)

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
        entry = self.noun_entry(token)
        if entry is None or (standalone and not entry.standalone):
            return None
        if standalone and token.dep_ == "compound":
            return None  # "war" in "war crimes", "peace" in "peace talks"
        best: TriggerMatch | None = None
        if entry.code:
            best = self._noun_mk(entry, entry.code, [token], f"nouns.yaml:{entry.lemma}", token, 0, None)
        for pat in entry.patterns:
            toks = self._noun_pattern(pat, token)
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

    @staticmethod
    def _noun_pattern(pat: _Pattern, token: Token) -> list[Token] | None:
        used: list[Token] = []
        if pat.mod:
            # modifiers of the noun, or of a noun it modifies ("drone" in "drone attack")
            mods = [c for c in token.children if c.dep_ in _MOD_DEPS]
            if token.dep_ == "compound":
                mods.append(token.head)
            hit = [m for m in mods if _phrase_keys(m) & pat.mod]
            if not hit:
                return None
            used.append(hit[0])
        if pat.prep or pat.pobj:
            found = None
            for p in token.children:
                if p.dep_ != "prep" or (pat.prep and p.lower_ != pat.prep):
                    continue
                objs = [o for g in p.children if g.dep_ == "pobj" for o in _conjuncts(g)]
                if pat.pobj:
                    objs = [o for o in objs if _phrase_keys(o) & pat.pobj]
                    if not objs:
                        continue
                found = [p, *objs[:1]]
                break
            if found is None:
                return None
            used.extend(found)
        return used


_QUANTITY = {"ton", "tonne", "million", "billion", "thousand", "hundred", "dozen", "$", "worth",
             "package", "shipment", "batch", "consignment", "amount", "number", "round", "wave",
             "series", "string", "kind", "form", "lot", "plenty", "load", "truckload", "convoy"}
_VERBAL_FRAME = re.compile(r"#frame=(?:appeal|intend|demand|reject|threaten)\b")
_FUTURE = {"will", "'ll", "shall", "would", "wo"}
_POSSIBLE = _FUTURE | {"may", "might", "could", "can"}
_READY = {"ready", "prepared", "willing", "poised", "eager", "determined", "keen"}


def _modality(tok: Token) -> str | None:
    """future | neg_future | conditional | ready, from auxiliaries and governing words."""
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    neg = any(c.dep_ == "neg" for c in tok.children)
    cond = any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                         for g in c.children) for c in tok.children)
    if auxes & _FUTURE and neg:
        return "neg_future"
    if cond and auxes & _POSSIBLE:
        return "conditional"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _READY:
        return "ready"
    if auxes & _FUTURE:
        return "future"
    return None


def _modal_demand(tok: Token) -> str | None:
    """'must' / 'should' when the verb is the complement clause of another verb."""
    if tok.dep_ != "ccomp":
        return None
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if auxes & {"must", "have"} and "must" in auxes:
        return "must"
    if auxes & {"should", "ought"}:
        return "should"
    return None


def _phrase_bonus(pat: _Pattern, toks: Sequence[Token]) -> int:
    """+2 when a modifier+noun phrase matched ("war crimes" beats "crimes")."""
    wanted = pat.dobj | pat.pobj
    return 2 if wanted and any(_modified_keys(t) & wanted for t in toks) else 0


def _span(toks: Sequence[Token]) -> Span:
    doc = toks[0].doc
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    return doc[lo: hi + 1]


@lru_cache(maxsize=1)
def _load_packaged() -> TriggerLexicon:
    return TriggerLexicon(_load_yaml("verbs.yaml"), _load_yaml("nouns.yaml"), _load_yaml("frames.yaml"))


def load_from_text(verbs_yaml: str, nouns_yaml: str = "[]", frames_yaml: str | None = None) -> TriggerLexicon:
    """Build a lexicon from YAML strings (for checking user-edited lexicons and tests)."""
    frames = _parse_yaml(frames_yaml) if frames_yaml is not None else _load_yaml("frames.yaml")
    return TriggerLexicon(_parse_yaml(verbs_yaml) or [], _parse_yaml(nouns_yaml) or [], frames)
