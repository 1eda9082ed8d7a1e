"""Loaders for the provenance lexicons (issue #3): outlets, anonymity cues, status cues.

Why a separate module: the cue lists are data files (``data/lexicons/outlets.tsv``,
``anonymity_cues.tsv``, ``provenance_cues.yaml``) that curators edit without touching the
rule code in ``attribution.py``; this module only parses and indexes them (cached).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from ladder.ontology import data_path, lexicon_rows


@dataclass(frozen=True)
class Outlet:
    """A news outlet or agency: canonical name, surface forms, home country (ISO-3 or INT),
    and whether it covers the world or mostly its home country (``scope``)."""

    name: str
    aliases: tuple[str, ...]
    country: str
    scope: str = "home"


@dataclass
class Cues:
    """Status and attribution cue sets read from ``provenance_cues.yaml``."""

    reporting: dict[str, str]
    needs_clause: frozenset[str]
    claim_nouns: frozenset[str]
    deny_nouns: frozenset[str]
    fear_nouns: frozenset[str]
    presupposing_nouns: frozenset[str]
    hedges: frozenset[str]
    hypothetical_adjectives: frozenset[str]
    hedged_passives: frozenset[str]
    hypothetical_modals: frozenset[str]
    future_modals: frozenset[str]
    would: frozenset[str]
    control: dict[str, str]  # lemma -> future|hypothetical|negated|asserted
    control_nouns: dict[str, str]
    conditional_marks: frozenset[str]
    future_time: tuple[str, ...]
    not_speakers: frozenset[str]
    question_wh: frozenset[str]
    anon_phrases: tuple[str, ...] = ()
    anon_heads: frozenset[str] = field(default_factory=frozenset)
    anon_indefinite: frozenset[str] = field(default_factory=frozenset)
    anon_collective: frozenset[str] = field(default_factory=frozenset)


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    """All outlets in ``outlets.tsv``."""
    return tuple(
        Outlet(r["name"], tuple(a.strip() for a in r["aliases"].split("|") if a.strip()), r["country"],
               r["scope"])
        for r in lexicon_rows("outlets.tsv")
    )


@lru_cache(maxsize=1)
def outlet_index() -> dict[str, str]:
    """Surface form -> canonical name.  Acronyms (all caps, <= 4 chars) match case-sensitively,
    everything else case-insensitively (keys of the latter are lower-cased and prefixed "~")."""
    idx: dict[str, str] = {}
    for o in outlets():
        for a in (o.name, *o.aliases):
            if a.isupper() and len(a) <= 4:
                idx.setdefault(a, o.name)
            else:
                idx.setdefault("~" + a.lower(), o.name)
    return idx


def match_outlet(text: str) -> str | None:
    """Canonical outlet name when ``text`` (a whole phrase) is an outlet alias, else None."""
    t = text.strip()
    if t.lower().startswith("the ") and "~" + t.lower() not in outlet_index():
        t = t[4:]
    idx = outlet_index()
    return idx.get(t) or idx.get("~" + t.lower())


@lru_cache(maxsize=1)
def _alias_country() -> dict[str, str]:
    return {a: o.country for o in outlets() for a in (o.name, *o.aliases)}


@lru_cache(maxsize=1)
def _citation() -> re.Pattern[str]:
    """ "reports Dawn", "reported The Hindu", "according to Daily Excelsior", "Dawn reported":
    an outlet of ``home`` scope cited as the source, aliases case-sensitive."""
    names = sorted({a for o in outlets() if o.scope == "home" and o.country != "INT"
                    for a in (o.name, *o.aliases) if len(a) > 3},
                   key=len, reverse=True)
    alt = "|".join(re.escape(a) for a in names)
    return re.compile(rf"\b(?:reports?|reported|according to)\s+(?:the\s+)?({alt})\b|\b({alt})\s+reported\b")


def cited_outlet_country(text: str) -> str | None:
    """Home country of the outlets ``text`` cites as its source, when they agree.

    Why: regional summaries ("... in Kanker District on Monday, reports The Hindu") often
    never name the country the story is about; a local outlet's home is the best guess,
    used only for documents that name no country at all (``ladder.coder``)."""
    found = {_alias_country()[m.group(1) or m.group(2)] for m in _citation().finditer(text)}
    return next(iter(found)) if len(found) == 1 else None


@lru_cache(maxsize=1)
def cues() -> Cues:
    """Parsed ``provenance_cues.yaml`` + ``anonymity_cues.tsv``."""
    with data_path("lexicons/provenance_cues.yaml").open(encoding="utf-8") as fh:
        d: dict[str, Any] = yaml.safe_load(fh)

    def fs(key: str) -> frozenset[str]:
        return frozenset(str(x).lower() for x in d.get(key) or ())

    def inverted(key: str) -> dict[str, str]:
        return {str(w).lower(): cls for cls, words in (d.get(key) or {}).items() for w in words}

    anon = lexicon_rows("anonymity_cues.tsv")
    by_kind: dict[str, list[str]] = {}
    for r in anon:
        by_kind.setdefault(r["kind"], []).append(r["cue"])
    return Cues(
        reporting={str(k).lower(): str(v) for k, v in d["reporting_verbs"].items()},
        needs_clause=fs("needs_clause"),
        claim_nouns=fs("claim_nouns"),
        deny_nouns=fs("deny_nouns"),
        fear_nouns=fs("fear_nouns"),
        presupposing_nouns=fs("presupposing_nouns"),
        hedges=fs("hedges"),
        hypothetical_adjectives=fs("hypothetical_adjectives"),
        hedged_passives=fs("hedged_passives"),
        hypothetical_modals=fs("hypothetical_modals"),
        future_modals=fs("future_modals"),
        would=fs("would"),
        control=inverted("control"),
        control_nouns=inverted("control_nouns"),
        conditional_marks=fs("conditional_marks"),
        future_time=tuple(str(x).lower() for x in d.get("future_time") or ()),
        not_speakers=fs("not_speakers"),
        question_wh=fs("question_wh"),
        anon_phrases=tuple(c.lower() for c in by_kind.get("phrase", ())),
        anon_heads=frozenset(c.lower() for c in by_kind.get("head", ())),
        anon_indefinite=frozenset(c.lower() for c in by_kind.get("indefinite", ())),
        anon_collective=frozenset(c.lower() for c in by_kind.get("collective", ())),
    )
