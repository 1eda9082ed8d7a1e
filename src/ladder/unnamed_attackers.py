"""Unnamed attackers: "a roadside bomb killed two soldiers near Kirkuk"; the police behind
an agentless arrest ("50 persons were arrested in Surat", ``implied_agent``).

Why: news often names the weapon, not who planted it.  Human coders (and the PLOVER gold
standard) code such attacks as unidentified armed men of the place where they happened;
without this rule the attack was lost.  The weapon phrase becomes a sector-only actor (REB,
like "gunmen"), whose country comes from the sentence's place (``actor_context.side_context``).
Only for assaults (CAMEO 18, 19), only with a device from ``lexicons/attack_devices.tsv``
as subject or passive agent, and only where the sentence names at least two lexicon hits
(so the pre-parse filter, which counts them, never drops such a sentence).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from ladder.agentless import (
    attack_devices,
    misparsed_attack_gerund,
    violent_noun,
    violent_when_clause,
)
from ladder.event_syntax import possessor_or_modifier, word_list
from ladder.ontology import lexicon_rows
from ladder.types import Actor

#: heads that need a device modifier ("car bomb explosion", "explosive device")
_QUALIFIED_HEADS = frozenset({"explosion", "explosions", "blast", "blasts", "attack", "attacks", "device", "devices"})
#: device-like heads a place may modify without naming the attacker ("Mogadishu explosions")
_BLASTS = frozenset({"explosion", "explosions", "blast", "blasts"})
#: passive "killed in a car bomb explosion": the device can sit under "in" too
_PASSIVE_PREPS = frozenset({"by", "in"})
#: "killed following clashes with Yemeni forces", "killed after a Taliban attack"
_ATTACK_NOUN_PREPS = _PASSIVE_PREPS | {"following", "after", "during", "amid"}




def device_word(head: Token) -> str | None:
    """The device a noun phrase head names ("bombing", "car bomb explosion"), else None."""
    heads, mods = attack_devices()
    low = head.lower_
    if low in heads:
        return low
    if low in _QUALIFIED_HEADS:
        for c in head.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.lower_ in mods:
                return f"{c.lower_} {low}"
    return None


def device_heads(verb: Token, src_heads: list[Token], passive: bool) -> list[Token]:
    """Subject/agent heads of ``verb`` that are devices (plus "killed in a bomb blast")."""
    heads = [h for h in src_heads if device_word(h)]
    if passive and not heads:
        heads = [g for p in verb.children if p.dep_ in ("prep", "agent") and p.lower_ in _PASSIVE_PREPS
                 for g in p.children if g.dep_ == "pobj" and device_word(g)]
    return heads


def device_authors(src_heads: list[Token]) -> list[Token]:
    """"A bomb planted by the Taliban exploded", "a grenade hurled by militants": the agent of
    a participle under a device subject is who attacked (else the device stands for them)."""
    return [g for h in src_heads if device_word(h)
            for c in h.children if c.dep_ == "acl" and c.tag_ == "VBN"
            for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]


def device_place(src_heads: list[Token], src_span: Span | None, sources: list[Actor]) -> bool:
    """"Pakistan roadside blast kills soldier", "Kabul car bombing": a country or place that
    only modifies a device names where it went off, not who set it (an armed group or
    sector modifier, "Taliban bomb attack", stays the attacker)."""
    if src_span is None or not sources or any(
            (a.sector and not (a.why or "").endswith(":capital")) or a.country in ("IGO", "NGO", "MNC") for a in sources):
        return False
    return any((device_word(h) or h.lower_ in _BLASTS) and all(a.span is not None and a.span[1] <= h.idx for a in sources)
               for h in src_heads if src_span.start <= h.i < src_span.end)


def capital_modifier(src_heads: list[Token], sources: list[Actor]) -> bool:
    """"killed in Kabul attack", "injured in Jerusalem clash": a capital that only modifies
    the attack noun says where it happened, not that the government attacked (a demonym,
    "Russian shelling", or a possessive, "Israel's strikes", still names the attacker)."""
    return bool(sources) and all(h.dep_ == "compound" for h in src_heads) \
        and all(not a.sector or a.sector == "GOV" for a in sources) \
        and all((a.why or "").endswith(":capital") for a in sources)


@lru_cache(maxsize=1)
def implied_agents() -> dict[tuple[str, str], str]:
    """(lemma, CAMEO code) -> sector of the agent a passive of that verb implies
    (``lexicons/implied_agents.tsv``: "were arrested" -> police)."""
    return {(r["lemma"], r["code"]): r["sector"] for r in lexicon_rows("implied_agents.tsv")}


def implied_agent(verb: Token, code: str | None, src_heads: list[Token], passive: bool,
                  count_hits: Callable[[], int]) -> tuple[None, list[Actor]] | None:
    """The agent an agentless passive implies ("over 50 persons were arrested": the police),
    as a sector-only actor without a span (the text names no one), or None.

    Why: most arrests are reported in the passive (IndiaPoliceEvents); without a source the
    event was lost.  Not when the passive names its agent ("arrested by the army"), and
    only with the two lexicon hits the pre-parse filter counts."""
    sector = implied_agents().get((verb.lemma_.lower(), code or ""))
    if sector is None or not passive or src_heads or count_hits() < 2:
        return None
    return None, [_implied_actor(sector, verb)]


def implied_noun_agent(noun: Token, code: str | None,
                       count_hits: Callable[[], int]) -> tuple[list[Token], list[Actor]] | None:
    """(patient heads, [implied agent]) of an event noun that names no agent: "the arrest
    of Navalny", "Navalny's arrest" (a possessor alone is the one arrested; "Russia's
    arrest of the journalist" names its agent), else None."""
    sector = implied_agents().get((noun.lemma_.lower(), code or ""))
    if sector is None or any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children) or count_hits() < 2:
        return None
    of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if (of and poss) or not (of or poss):
        return None
    return of or poss, [_implied_actor(sector, noun)]


def _implied_actor(sector: str, word: Token) -> Actor:
    return Actor(text=_AGENT_WORDS.get(sector, sector.lower()), code=sector, country=None, sector=sector,
                 why=f"implied_agents:{word.lemma_.lower()}")


#: the word an implied agent is shown as
_AGENT_WORDS = {"COP": "police", "JUD": "court", "MIL": "military"}


def unnamed_attacker(verb: Token, code: str | None, src_heads: list[Token],
                     passive: bool, count_hits: Callable[[], int]) -> tuple[Span, list[Actor]] | None:
    """The unnamed attacker behind a device, as a sector-only actor, or None.

    ``count_hits`` counts the sentence's lexicon hits; called only when a device is there.
    """
    if code is None or code[:2] not in ("18", "19"):
        return None
    heads = device_heads(verb, src_heads, passive)
    if not heads or count_hits() < 2:
        return None
    h = heads[0]
    left = min(t.i for t in h.subtree if t.dep_ != "prep" or t.i == h.i)
    span = verb.doc[left : h.i + 1]
    word = device_word(h) or h.lower_
    actor = Actor(text=span.text, code="REB", country=None, sector="REB",
                  span=(span.start_char, span.end_char),
                  why=f"attack_devices:{word}")
    return span, [actor]


def attack_noun_authors(verb: Token, triggers: Any) -> list[Token]:
    """Who an agentless passive's attack noun names: "killed in Russian shelling", "hit in
    Russian strikes" -> "Russian"; "killed in clashes with the army" -> the army.  Only
    attack nouns of the lexicon (CAMEO 18-20)."""
    out: list[Token] = []
    for p in verb.children:
        if p.dep_ != "prep" or p.lower_ not in _ATTACK_NOUN_PREPS:
            continue
        for noun in (g for g in p.children if g.dep_ == "pobj"):
            if misparsed_attack_gerund(verb, noun, triggers) is not None:
                # "killed in Israeli (tank) shelling" parsed as "killed in Israeli | shelling",
                # "killed in police firing" as "police" + a participle "firing"
                mods = [] if noun.pos_ in ("PROPN", "ADJ") else possessor_or_modifier(noun)
                out.extend(mods or [noun])
                continue
            if violent_noun(noun, triggers) is not None:
                out.extend(possessor_or_modifier(noun))
                # "killed in clashes with the army": the other side of a fight
                out.extend(g for c in noun.children if c.dep_ == "prep" and c.lower_ == "with"
                           for g in c.children if g.dep_ == "pobj")
    return out


def when_clause_attackers(verb: Token, triggers: Any) -> tuple[list[Token], str | None]:
    """Who did it and how, for an agentless passive with a violent "when"/"as" clause: "two
    people were killed when gunmen opened fire on a bus" -> gunmen, 193; "... when a roadside
    bomb hit their vehicle" -> the bomb (an unnamed attacker)."""
    found = violent_when_clause(verb, triggers)
    if found is None:
        return [], None
    clause, m = found
    return [g for g in clause.children if g.dep_ == "nsubj"], m.code


#: bombing codes by device modifier (CAMEO 1831 suicide, 1832 vehicular, 1833 roadside)
_BOMBING = (("suicide", "1831"), ("car", "1832"), ("truck", "1832"), ("vehicle", "1832"), ("roadside", "1833"))


#: words that say a bomb went off without naming it: "were killed and 70 injured in a huge
#: explosion", "planted explosives blew up" (not devices for ``device_word``: an explosion
#: is no attacker, and "explosives" are also seized or found)
_BLASTS = frozenset({"explosion", "explosions", "blast", "blasts", "explosive", "explosives"})


def bombing_code(sent: Span | list[Token]) -> str | None:
    """The CAMEO bombing code (183x) of a sentence (or of some of its words) that names an
    attack device or a blast ("killed when a suicide bomber blew himself up", "a roadside
    bomb killed ...", "in a huge explosion"), else None.

    Used for generic assaults (180, 190) without a named attacker, and for a named
    attacker's own device (``instrument_bombing``): the device says how."""
    devices = [t for t in sent if t.pos_ == "NOUN" and (device_word(t) or _bomber(t))]
    blasts = [t for t in sent if t.pos_ == "NOUN" and t.lower_ in _BLASTS]
    if not devices and not blasts:
        return None
    words = {c.lower_ for t in devices for c in t.subtree if c.i <= t.i}
    # a blast's own modifiers say only "suicide": a "tanker truck explosion" is no truck bomb
    words |= {c.lower_ for t in blasts for c in t.children if c.lower_ == "suicide"}
    return next((code for mod, code in _BOMBING if mod in words), "183")


def chemical_code(sent: Span) -> str | None:
    """2041 for a sentence that names a chemical weapon (``lexicons/chemical_weapons.tsv``:
    "chlorine", "nerve agent", "poison gas"), else None."""
    words = [t.lemma_.lower() for t in sent]
    names = word_list("chemical_weapons.tsv")
    found = any(w in names for w in words) or any(f"{a} {b}" in names for a, b in zip(words, words[1:], strict=False))
    return "2041" if found else None


def _bomber(tok: Token) -> bool:
    """"suicide bomber(s)" (a bomber alone may fly a plane)."""
    return tok.lower_ in ("bomber", "bombers") and any(c.lower_ == "suicide" for c in tok.children)


def instrument_bombing(verb: Token, src_heads: list[Token]) -> str | None:
    """The bombing code of a generic assault whose own attacker or instrument is a device:
    "a suicide bomber attacked the guest house" (1831), "attacked a police post with
    grenades" (183).  Only the predicate's subject and "with" phrase count, not the
    sentence: a named attacker's other weapons are other events."""
    holders = [verb, *(o for o in verb.children if o.dep_ == "dobj")]  # "attacked a post with": either
    tools = [o for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "with"
             for o in p.children if o.dep_ == "pobj"]
    return bombing_code([*src_heads, *tools])
