"""Loading and validating the trigger lexicon files (verbs/nouns/frames YAML).

Why separate from matching: the validation rules (known CAMEO codes, known keys, quoted
codes, no duplicate lemmas) are what a user editing the YAML meets first; they are kept
in one short module with error messages that name the file and the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ladder import ontology

_DEFAULT_NOUN_TARGET = ("of", "on", "against")
_DEFAULT_NOUN_SOURCE = ("by",)
_VERB_KEYS = {"lemma", "aliases", "code", "target", "needs_target", "light", "frame", "clause_frame", "via",
              "stative", "patterns", "note"}
_VPAT_KEYS = {"prt", "dobj", "subj", "prep", "pobj", "xcomp", "child", "bare", "code", "target", "source",
              "needs_target", "note"}
_NOUN_KEYS = {"lemma", "aliases", "code", "target", "source", "needs_target", "standalone", "patterns", "note"}
_NPAT_KEYS = {"mod", "prep", "pobj", "code", "target", "note"}


class LexiconError(ValueError):
    """A lexicon file has an entry that cannot be used (unknown code, bad key...)."""


#: CAMEO roots of violence (18 assault, 19 fight, 20 mass violence)
VIOLENT_ROOTS = ("18", "19", "20")


def violent_code(code: object) -> bool:
    """Is this CAMEO code (str, or None for no code) violence (roots 18-20)?"""
    return bool(code) and str(code)[:2] in VIOLENT_ROOTS


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
    #: verb patterns: lemmas/phrases of the active subject ("a bomb exploded at ...")
    subj: frozenset[str] = frozenset()
    target: tuple[str, ...] | None = None
    #: verb patterns: prepositions whose object is the source, the subject being the target
    #: ("Kenya received aid from Japan": Japan gives, Kenya receives)
    source: tuple[str, ...] = ()
    #: verb patterns: only when the verb has no object ("called for talks", not "called
    #: Nevada for Biden")
    bare: bool = False

    @property
    def weight(self) -> int:
        """Specificity: 10 per content constraint; a bare preposition counts 5."""
        n = sum(bool(x) for x in (self.prt, self.dobj, self.pobj, self.xcomp, self.child, self.mod, self.subj))
        return 10 * n + (5 if self.prep and not self.pobj else 0) + 1


@dataclass(frozen=True)
class _Entry:
    lemma: str
    code: str | None
    target: tuple[str, ...]
    target_dobj: bool
    needs_target: bool
    light: bool = False
    target_given: bool = False  # an explicit `target:` list (``[dobj]`` then means no prepositions)
    frame: str | None = None
    #: frame for a to-clause with its own subject ("wants NATO to withdraw": an appeal to NATO)
    clause_frame: str | None = None
    via: tuple[str, ...] = ()
    stative: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    standalone: bool = True
    patterns: tuple[_Pattern, ...] = field(default_factory=tuple)

def _norm(s: str) -> str:
    """Key for comparing lemmas/phrases: lower case, no spaces or hyphens."""
    return re.sub(r"[\s\-]+", "", s.lower())

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
    clause_frame = raw.get("clause_frame")
    for f in (frame, clause_frame):
        if f is not None and f not in frames:
            raise LexiconError(f"{where}: unknown frame {f!r}")
    if clause_frame is not None and frame is None:
        raise LexiconError(f"{where}: 'clause_frame' needs a 'frame'")
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
                 for k in ("prt", "dobj", "subj", "prep", "pobj", "xcomp", "child", "mod") if k in p]
        pats.append(_Pattern(
            pid=f"{fname}:{lemma}#{','.join(parts)}", code=code,
            prt=p.get("prt"), dobj=_list(p.get("dobj"), pw, "dobj"), prep=p.get("prep"),
            pobj=_list(p.get("pobj"), pw, "pobj"), xcomp=_list(p.get("xcomp"), pw, "xcomp"),
            child=_list(p.get("child"), pw, "child"), mod=_list(p.get("mod"), pw, "mod"),
            subj=_list(p.get("subj"), pw, "subj"),
            target=ptarget, source=tuple(p.get("source") or ()) if not noun else (),
            bare=bool(p.get("bare", False)),
        ))
    code = _code(raw.get("code"), where)
    if code is None and not pats and not raw.get("light") and frame is None:
        raise LexiconError(f"{where}: needs a 'code', 'patterns', 'light' or 'frame'")
    return _Entry(
        lemma=lemma, code=code, target=target, target_dobj=tdobj,
        needs_target=bool(raw.get("needs_target", True)), light=bool(raw.get("light", False)),
        target_given=raw.get("target") is not None,
        frame=frame, clause_frame=clause_frame, via=tuple(raw.get("via") or ()), stative=tuple(raw.get("stative") or ()),
        source=tuple(raw.get("source") or (_DEFAULT_NOUN_SOURCE if noun else ())),
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
        unknown = _code(spec["unknown"], f"{where} -> unknown") if "unknown" in spec else None
        ignore = spec.get("ignore", [])
        if not isinstance(ignore, list) or not all(isinstance(x, str) and ontology.is_cameo(x) for x in ignore):
            raise LexiconError(f"{where}: 'ignore' must be a list of quoted CAMEO codes")
        out[name] = {"map": mapping, "fallback": spec.get("fallback"), "unknown": unknown,
                     "ccomp": bool(spec.get("ccomp", False)), "preps": tuple(spec.get("preps", ())),
                     "ignore": tuple(ignore)}
    for name, spec in out.items():
        if spec["fallback"] is not None and spec["fallback"] not in out:
            raise LexiconError(f"frames.yaml frame {name!r}: unknown fallback {spec['fallback']!r}")
    return out


def violent(entry: _Entry) -> bool:
    """Is the entry's own code violence?  Its agentless passive is then an event with an
    unknown source ("30 soldiers killed in Herat"); used by the coder and the pre-filter."""
    return violent_code(entry.code)


def solo_entry(entry: _Entry) -> bool:
    """Can a match of ``entry`` be coded with a single actor?  Target-free entries, and
    violent ones: their agentless passive has only a target ("30 soldiers killed")."""
    if violent(entry):
        return True
    if entry.needs_target:
        return False
    if entry.light or entry.frame or entry.via:
        return True
    codes = [entry.code, *(p.code for p in entry.patterns)]
    return any(c and not c.startswith("01") for c in codes)
