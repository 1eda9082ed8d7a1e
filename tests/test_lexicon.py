"""The actor lexicon files: well-formed, consistent with each other and with CAMEO."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest

from ladder.lexicon import (
    agent_words,
    countries,
    is_case_sensitive,
    iso3_of,
    make_code,
    phrase_table,
)
from ladder.ontology import data_path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "SEP", "INS", "SPY", "UAF", "ELI", "CVL",
    "BUS", "MED", "EDU", "LAB", "REF", "HLH", "HRI", "AGR", "ENV", "CRM", "DEV", "SET", "REL", "NGO",
}
INTERNATIONAL = {"IGO", "NGO", "IMG", "MNC"}


def rows(name: str) -> list[dict[str, str]]:
    with data_path(f"lexicons/{name}").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_leaders_table_is_large_and_well_formed():
    leaders = rows("leaders.tsv")
    assert len(leaders) >= 400
    known = set(countries()) | INTERNATIONAL
    for r in leaders:
        assert r["country"] in known, r
        assert r["sector"] in SECTORS | {""}, r
        start = dt.date.fromisoformat(r["start"])
        if r["end"]:
            assert start < dt.date.fromisoformat(r["end"]), r
        assert r["name"] in r["aliases"].split("|"), r


def test_one_person_never_holds_two_overlapping_rows():
    by_name = defaultdict(list)
    for r in rows("leaders.tsv"):
        by_name[r["name"]].append((r["start"], r["end"] or "9999"))
    for name, spans in by_name.items():
        spans.sort()
        for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
            assert e1 <= s2, f"{name}: overlapping rows"


def test_key_leaders_present_with_expected_terms():
    by_name = defaultdict(list)
    for r in rows("leaders.tsv"):
        by_name[r["name"]].append(r)
    zel = by_name["Volodymyr Zelensky"]
    assert [(r["country"], r["sector"], r["start"]) for r in zel] == [("UKR", "GOV", "2019-05-20")]
    biden = {(r["sector"], r["start"], r["end"]) for r in by_name["Joe Biden"]}
    assert ("GOV", "2021-01-20", "2025-01-20") in biden
    assert by_name["Vladimir Putin"][0]["end"] == ""


def test_every_cameo_country_has_a_row():
    codes = set(countries())
    for code in ("USA", "RUS", "UKR", "PSE", "ISR", "SSD", "XKX", "TWN", "ROM", "TMP"):
        assert code in codes
    assert iso3_of()["ROM"] == "ROU"
    assert iso3_of()["TMP"] == "TLS"


@pytest.mark.skipif(not (SHARED / "ontology").exists(), reason="../shared not present")
def test_countries_cover_the_cameo_table():
    with (SHARED / "ontology" / "cameo_countries.tsv").open(encoding="utf-8") as fh:
        cameo = [r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                 if r["kind"] == "country_or_territory"]
    missing = [r["code"] for r in cameo if r["code"] not in countries()]
    assert missing == []


def test_demonyms_and_names_point_to_one_country():
    table = phrase_table()
    for key in ("russian", "ukrainian", "american", "british", "palestinian", "chinese", "iraqi"):
        owners = {e.country for e in table.lower[key] if e.kind in ("country", "demonym")}
        assert len(owners) == 1, key


def test_organization_and_group_codes():
    for r in rows("organizations.tsv"):
        assert r["country"] in set(countries()) | INTERNATIONAL, r
        if r["country"] in INTERNATIONAL:
            assert r["code"].startswith(r["country"][:2]), r
    for r in rows("groups.tsv"):
        assert r["country"] in set(countries()) | INTERNATIONAL, r


def test_agents_have_cameo_sectors():
    words = agent_words()
    assert len(words) > 300
    assert {w.sector for w in words.values()} <= SECTORS
    assert words["troops"].sector == "MIL" and words["troops"].plural
    assert words["president"].person and not words["president"].plural
    assert words["police"].sector == "COP"


def test_make_code():
    assert make_code("RUS", "MIL") == "RUSMIL"
    assert make_code("PSE", "REB", "HMS") == "PSEREBHMS"
    assert make_code("IGO", "JUD", "ICC") == "IGOICC"
    assert make_code("UKR", None) == "UKR"


@pytest.mark.parametrize(
    ("phrase", "sensitive"),
    [("US", True), ("U.S.", True), ("IDF", True), ("MoD", True), ("Xi", True),
     ("Russia", False), ("Nato", False), ("United States", False), ("police", False)],
)
def test_case_sensitivity_rule(phrase, sensitive):
    assert is_case_sensitive(phrase) is sensitive


def test_places_never_shadow_other_entries():
    table = phrase_table()
    for entries in table.lower.values():
        kinds = {e.kind for e in entries}
        assert not ("place" in kinds and len(kinds) > 1)
