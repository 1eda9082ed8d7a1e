"""Loaders for the actor lexicons (countries, leaders, organisations, groups, agents...).

Why a separate module: the TSVs under ``ladder/data/lexicons`` are the product's
knowledge about *who* acts; keeping the loading (and the phrase -> entry index
built from them) free of spaCy makes the data testable on its own and lets other
components (attribution, store) look names up without a parser.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ladder.ontology import data_path

#: organisation-like prefixes whose codes carry no sector ("IGOUNO", "IMGISI")
INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC", "NGM")
#: entry kinds that are geographic (can be hidden by NER / sports / "-backed" rules)
GEO_KINDS = ("country", "demonym", "capital", "place")


@dataclass(frozen=True)
class Entry:
    """One lexicon entry a phrase can point to."""

    kind: str  # country | demonym | capital | place | leader | org | group | ethnic | agent | non_actor
    name: str  # canonical name ("Vladimir Putin", "Russia", "troops")
    country: str | None = None
    sector: str | None = None
    code: str | None = None  # full actor code when the entry fixes it (organisations, groups)
    start: str | None = None  # ISO date, inclusive
    end: str | None = None  # ISO date, exclusive; None = still current
    plural: bool = False
    person: bool = False
    org_kind: str | None = None  # igo | ngo | national | mnc (organisations); ethnic | religion | minority
    source: str = ""  # "leaders.tsv:Vladimir Putin"
    homes: tuple[str, ...] = ()  # ethnic groups: the countries they live in, main one first

    def full_code(self) -> str:
        """CAMEO-style code: explicit code, else country + sector."""
        if self.code:
            return self.code
        return f"{self.country or ''}{self.sector or ''}"


def make_code(country: str | None, sector: str | None, group: str | None = None) -> str:
    """``PSE``+``REB``+``HMS`` -> ``PSEREBHMS``; international prefixes drop the sector
    (``IGO``+``JUD``+``ICC`` -> ``IGOICC``, ``IMG``+``REB``+``ISI`` -> ``IMGISI``)."""
    country = country or ""
    if country in INTERNATIONAL:
        return country + (group or "")
    return country + (sector or "") + (group or "")


def _rows(name: str) -> Iterator[dict[str, str]]:
    with data_path(f"lexicons/{name}").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k: (v or "").strip() for k, v in row.items() if k is not None}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, str]]:
    """CAMEO country code -> row of countries.tsv (name, iso3, aliases, demonyms, capitals)."""
    return {r["code"]: r for r in _rows("countries.tsv")}


@lru_cache(maxsize=1)
def iso3_of() -> dict[str, str]:
    """CAMEO code -> ISO 3166 alpha-3 ("ROM" -> "ROU", "TMP" -> "TLS")."""
    return {c: r["iso3"] or c for c, r in countries().items()}


@lru_cache(maxsize=1)
def agent_words() -> dict[str, Entry]:
    """Lower-case agent phrase -> entry (sector, plural, person; the country only for an
    office that has one whoever holds it: "the pope" is the Vatican's)."""
    out = {}
    for r in _rows("agents.tsv"):
        out[r["phrase"].lower()] = Entry(
            kind="agent", name=r["phrase"], sector=r["sector"], plural=r["plural"] == "1",
            person=r["person"] == "1", country=r.get("country") or None, source=f"agents:{r['phrase']}",
        )
    return out


def _country_entries() -> Iterator[tuple[str, Entry]]:
    for code, r in countries().items():
        src = f"countries:{code}"
        for nm in [r["name"], *_split(r["aliases"])]:
            yield nm, Entry("country", r["name"], code, source=src)
        for d in _split(r["demonyms"]):
            plural = d.endswith("s") and not d.lower().endswith(("ss", "ese"))
            yield d, Entry("demonym", r["name"], code, plural=plural, source=f"{src}:demonym")
        for cap in _split(r["capitals"]):
            yield cap, Entry("capital", r["name"], code, source=f"{src}:capital")


def _place_entries() -> Iterator[tuple[str, Entry]]:
    for r in _rows("places.tsv"):
        if not r["country"]:
            continue
        for nm in [r["name"], *_split(r["aliases"])]:
            yield nm, Entry("place", r["name"], r["country"], source=f"places:{r['name']}")


def _leader_entries() -> Iterator[tuple[str, Entry]]:
    for r in _rows("leaders.tsv"):
        e = Entry(
            "leader", r["name"], r["country"], r["sector"] or None,
            code=make_code(r["country"], r["sector"], r["group"]),
            start=r["start"] or None, end=r["end"] or None, person=True,
            source=f"leaders.tsv:{r['name']}",
        )
        for nm in _split(r["aliases"]):
            yield nm, e


def _org_entries() -> Iterator[tuple[str, Entry]]:
    for r in _rows("organizations.tsv"):
        code = r["code"] or make_code(r["country"], r["sector"])
        e = Entry("org", r["name"], r["country"], r["sector"] or None, code=code,
                  org_kind=r["kind"], source=f"organizations:{r['name']}")
        for nm in [r["name"], *_split(r["aliases"])]:
            yield nm, e


def _group_entries() -> Iterator[tuple[str, Entry]]:
    for r in _rows("groups.tsv"):
        e = Entry(
            "group", r["name"], r["country"], r.get("sector") or None,
            code=make_code(r["country"], r.get("sector"), r.get("group")),
            start=r.get("start") or None, end=r.get("end") or None, plural=True,
            org_kind="group", source=f"groups:{r['name']}",
        )
        for nm in [r["name"], *_split(r["aliases"])]:
            yield nm, e


def _ethnic_entries() -> Iterator[tuple[str, Entry]]:
    """Ethnic and religious groups ("Kurds", "Hutu", "Muslims"): no country of their own;
    the actor rules pick one of ``homes`` from the sentence, else the story's country."""
    for r in _rows("ethnic_groups.tsv"):
        homes = tuple(_split(r["homes"]))
        plurals = {p.lower() for p in _split(r["plural_forms"])}
        for nm in [r["name"], *_split(r["aliases"])]:
            yield nm, Entry("ethnic", r["name"], homes[0] if len(homes) == 1 else None,
                            plural=nm.lower() in plurals, org_kind=r["kind"],
                            source=f"ethnic:{r['name']}", homes=homes)


def _non_actor_entries() -> Iterator[tuple[str, Entry]]:
    for r in _rows("non_actors.tsv"):
        yield r["phrase"], Entry("non_actor", r["phrase"], source=f"non_actors:{r['category']}")
    for r in countries().values():  # "the use of the Russian language": a language, no actor
        for d in _split(r["demonyms"]):
            if not d.endswith("s"):
                yield f"{d} language", Entry("non_actor", f"{d} language", source="non_actors:language")


_ACRONYM = re.compile(r"^[A-Z0-9.&\-]*[A-Z][A-Za-z0-9.&\-]*$")


def is_case_sensitive(phrase: str) -> bool:
    """Acronyms ("US", "U.S.", "IDF", "MoD") and short names ("Xi", "Abe") must match
    exactly, so "us", "who", "it", "abe" in running text are not actors."""
    if " " in phrase:
        return False
    letters = [c for c in phrase if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if upper >= 2 and len(letters) <= 6 and _ACRONYM.match(phrase):
        return True
    return len(letters) <= 3 and phrase[:1].isupper()


@dataclass
class PhraseTable:
    """Phrase -> entries, split by how the phrase must be matched.

    ``lower`` keys are lower-cased token strings joined by single spaces; ``exact``
    keys keep their case.  The matcher in ``ladder.actors`` builds one PhraseMatcher
    from each.
    """

    lower: dict[str, list[Entry]] = field(default_factory=dict)
    exact: dict[str, list[Entry]] = field(default_factory=dict)
    #: lower key -> the lexicon spellings of names (not agent words) filed under it
    forms: dict[str, list[tuple[str, Entry]]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def phrase_table() -> PhraseTable:
    """Every lexicon phrase with the entries it can stand for.

    Places never shadow anything else: a city name that is also a country,
    leader, organisation or agent word is dropped from the place table.
    """
    lower: dict[str, list[Entry]] = defaultdict(list)
    exact: dict[str, list[Entry]] = defaultdict(list)
    forms: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
    sources = [_country_entries(), _leader_entries(), _org_entries(), _group_entries(),
               _ethnic_entries(), _non_actor_entries(), _place_entries()]
    for source in sources:
        for phrase, entry in source:
            table = exact if is_case_sensitive(phrase) else lower
            key = phrase if table is exact else phrase.lower()
            if entry not in table[key]:
                table[key].append(entry)
            if table is lower:
                forms[key].append((phrase, entry))
    for phrase, entry in agent_words().items():
        lower[phrase].append(entry)
    for table in (lower, exact):
        for key, entries in table.items():
            if any(e.kind == "place" for e in entries) and any(e.kind != "place" for e in entries):
                table[key] = [e for e in entries if e.kind != "place"]
            places = [e for e in table[key] if e.kind == "place"]
            if len({e.country for e in places}) > 1:  # ambiguous curated + geonames place
                table[key] = [e for e in table[key] if e.kind != "place"] + places[-1:]
    return PhraseTable(lower=dict(lower), exact=dict(exact), forms=dict(forms))
