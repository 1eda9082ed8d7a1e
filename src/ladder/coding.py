"""Choosing the code of a candidate: trigger lexicon + learned classifier + CAMEO tables.

Why two sources: the verb/noun lexicon gives precise 3-4 digit CAMEO codes for clear
wording, the classifier (MiniLM, PLOVER types + "no event") generalises to wording the
lexicon lacks and vetoes pairs that are not events.  The CAMEO side of a
classifier-only decision comes from a data table (PLOVER type x source sector), not a
majority vote, because PLOVER and CAMEO do not map one to one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from ladder import ontology
from ladder.classify import YIELD_PAIR
from ladder.event_actors import NON_STATE_ARMED
from ladder.event_syntax import word_list
from ladder.ontology import lexicon_rows
from ladder.target_rules import why_agent_words
from ladder.trigger_data import violent_code
from ladder.types import Actor

#: below this classifier probability an unmatched candidate is not an event
MIN_CLASSIFIER_SCORE = 0.55
#: the classifier overrides the lexicon's type only when at least this sure
OVERRIDE_SCORE = 0.95
#: a "no event" verdict above this drops even a lexicon match
VETO_SCORE = 0.90


def veto_trusted(source: Actor | None, target: Actor | None, code: str | None = None) -> bool:
    """Whether the classifier's "no event" may drop this lexicon candidate.

    Not for a place or capital of another country than the source's ("Blinken arrived in
    Beijing"), nor for violence or destruction of property against a place at home ("gunmen
    opened fire on a wedding in Lakki Marwat District", "Maoists set a bus ablaze in Odisha"): the classifier was trained with PLV sentences paired with a
    place as "no event" (model card), so it vetoes exactly these visits and attacks.
    """
    if source is None or target is None or source.country is None or target.country is None:
        return True
    why = target.why or ""
    is_place = why.startswith(("places:", "admin_units:")) or why.endswith(":capital")
    # destroying or seizing property (171x) in a place at home is such an attack too
    attack = violent_code(code) or str(code or "").startswith("171")
    return not (is_place and (source.country != target.country or attack))


@dataclass(frozen=True)
class Decision:
    cameo: str
    plover: str | None
    plover_mode: str | None
    score: float
    why: str


@lru_cache(maxsize=1)
def _plover_defaults() -> list[tuple[str, frozenset[str] | None, str]]:
    rows = []
    for r in lexicon_rows("plover_to_cameo.tsv"):
        ontology.cameo(r["cameo"])  # fail loudly on a bad table
        secs = None if r["source_sectors"] == "*" else frozenset(r["source_sectors"].split(","))
        rows.append((r["plover"], secs, r["cameo"]))
    return rows


@lru_cache(maxsize=1)
def _negated_cooperation() -> dict[str, str]:
    out = {}
    for r in lexicon_rows("negated_cooperation.tsv"):
        ontology.cameo(r["reject_code"])
        out[r["cameo_root"]] = r["reject_code"]
    return out


def default_cameo(plover: str, source_sector: str | None) -> str:
    """CAMEO code for a PLOVER type when nothing more specific is known."""
    sec = source_sector or "-"
    for name, secs, code in _plover_defaults():
        if name == plover and (secs is None or sec in secs):
            return code
    raise KeyError(f"no CAMEO default for PLOVER type {plover!r}")


def bombing_by(code: str, trigger: str, source: Actor | None) -> str:
    """"the bombing of a hotel" reads as an air raid (195) unless an armed group did it:
    "Al-Shabaab claimed the bombing of a hotel" is a non-military bombing (183)."""
    if code == "195" and trigger.lower() in ("bombing", "bombings") and source is not None \
            and source.sector in NON_STATE_ARMED:
        return "183"
    return code


def aerial_by(code: str, source: Actor | None) -> str:
    """A generic assault by aircraft ("warplanes", "jets": ``lexicons/aircraft.tsv``) is an
    air attack (195): "Turkish jets destroyed weapon depots", "warplanes hit a base"."""
    if code not in ("190", "193", "194", "1712") or source is None:
        return code
    return "195" if any(w in word_list("aircraft.tsv") for w in why_agent_words(source)) else code


def abduction_by(code: str, trigger_lemma: str, source: Actor | None) -> str:
    """Taking someone into custody (173) by an armed group is abduction (181): "Maoists took
    a villager into their custody".  An explicit "arrest" stays 173 ("Hamas arrests
    activists": a de facto authority)."""
    if code == "173" and trigger_lemma in ("take", "hold", "pick", "keep") and source is not None \
            and source.sector in NON_STATE_ARMED:
        return "181"
    return code


#: civil society: attacks only in words ("Greenpeace attacked the government")
_CIVIL_SECTORS = frozenset({"MED", "NGO", "ENV", "HRI", "LAB", "EDU"})
#: politicians' sectors (a named leader of one of these, or a party, speaks)
_POLITICAL_SECTORS = frozenset({"GOV", "LEG", "ELI", "OPP", "JUD"})


def _speaks(actor: Actor) -> bool:
    """A named politician, a party or a civil-society group: their "attacks" on each other are words."""
    why = actor.why or ""
    if why.startswith("leaders.tsv:"):
        return actor.sector in _POLITICAL_SECTORS or actor.sector is None
    if why.startswith("groups:"):
        return actor.sector in (None, "GOV")  # parties (armed groups have REB, SEP, ...)
    return actor.sector in _CIVIL_SECTORS


def verbal_attack(code: str, trigger_lemma: str, source: Actor | None, target: Actor | None) -> str:
    """"Biden attacked Trump over his taxes", "Democrats attack the minister": when a
    politician, party or civil-society group "attacks" another politician, party, government,
    court or parliament, it is criticism (111), not an assault.  Armies, armed groups,
    unnamed people and bare countries ("Russia attacked Ukraine") keep the assault."""
    if code != "190" or trigger_lemma != "attack" or source is None or target is None:
        return code
    if _speaks(source) and (_speaks(target) or target.sector in _POLITICAL_SECTORS - {"OPP"}):
        return "111"
    return code


def code_by_actors(code: str, predicate: Token, source: Actor | None,
                   target: Actor | None) -> tuple[str, str | None, str | None, str] | None:
    """(CAMEO, PLOVER, mode, why) when who acts changes the code ("bombing" by an armed
    group, "took into custody" by one, a politician's "attack"), else None."""
    lemma = predicate.lemma_.lower()
    for new, why in ((bombing_by(code, predicate.text, source), "bombing by an armed group"),
                     (abduction_by(code, lemma, source), "detention by an armed group"),
                     (aerial_by(code, source), "an assault by aircraft"),
                     (verbal_attack(code, lemma, source, target), "a politician's attack is criticism")):
        if new != code:
            return (new, *plover_of(new), why)
    return None


def negated_to_reject(cameo: str) -> str | None:
    """REJECT code for a negated cooperative code ("refused to meet"), else None."""
    return _negated_cooperation().get(cameo[:2])


def plover_of(cameo: str) -> tuple[str | None, str | None]:
    return ontology.plover_for_cameo(cameo)


def _names_object(pattern_id: str | None) -> bool:
    """A lexicon pattern that names the verb's object ("recalled its ambassador", "closed
    the border", "attacked the decision", or its prepositional object: "hit Russia with
    sanctions", "took the case to court") is more specific than the classifier's reading of
    the whole sentence, which is not allowed to override it (GSR F1 0.708 -> 0.714)."""
    pid = pattern_id or ""
    return "#dobj=" in pid or "#light+nouns.yaml:" in pid or ("pobj=" in pid and "#prep=" in pid)


def particle_sense_only(entry: Any, pattern_id: str | None, clf_plover: str | None) -> bool:
    """Is the classifier's type one the lexicon gives this verb only with a particle the
    match lacks?  "Iran backs the rebels" is no RETREAT ("back down"), however sure the
    classifier is (its NGEC training headlines are full of "backs down")."""
    if entry is None or clf_plover is None or "#prt=" in (pattern_id or ""):
        return False

    def same(a: str | None) -> bool:  # CAMEO 080 is either half of YIELD, so they count as one type
        return a == clf_plover or (a in YIELD_PAIR and clf_plover in YIELD_PAIR)
    return any(p.prt and p.code and same(plover_of(p.code)[0]) for p in entry.patterns)


def decide(lexicon_code: str | None, lexicon_why: str | None, clf_plover: str | None,
           clf_score: float, source_sector: str | None) -> Decision | None:
    """Combine the lexicon's code and the classifier's verdict; None = no event.

    ``clf_plover`` None with ``clf_score`` is a "no event" verdict of that confidence.
    """
    if lexicon_code is not None:
        lex_plover, lex_mode = plover_of(lexicon_code)
        lexical = Decision(lexicon_code, lex_plover, lex_mode, 0.5, f"lexicon:{lexicon_why}")
        if clf_plover is None:
            return None if clf_score >= VETO_SCORE else lexical
        if clf_plover == lex_plover:
            return Decision(lexicon_code, lex_plover, lex_mode, clf_score, f"lexicon:{lexicon_why}")
        if lex_plover is None and lexicon_code[:2] == "02" and clf_plover == "REQUEST":
            # CAMEO appeals (02) have no PLOVER root, but PLOVER's REQUEST covers them
            return Decision(lexicon_code, "REQUEST", None, clf_score, f"lexicon:{lexicon_why}")
        if clf_score < OVERRIDE_SCORE or lex_plover is None or _names_object(lexicon_why):
            return lexical  # statements/appeals (01, 02) are kept: no PLOVER type to compare
        code = default_cameo(clf_plover, source_sector)
        if (violent_code(lexicon_code) or lexicon_code.startswith(("175", "12"))) and ontology.cameo(code).quad_class <= 2:
            # "troops gun down four villagers" is no retreat or aid, "lathi-charged" no inquiry,
            # "Kyiv rules out ceding land" no concession
            return lexical
        return Decision(code, clf_plover, plover_of(code)[1], clf_score,
                        f"classifier:{clf_plover}:{clf_score:.2f} over lexicon:{lexicon_why}")
    if clf_plover is None or clf_score < MIN_CLASSIFIER_SCORE:
        return None
    code = default_cameo(clf_plover, source_sector)
    return Decision(code, clf_plover, plover_of(code)[1], clf_score,
                    f"classifier:{clf_plover}:{clf_score:.2f}")
