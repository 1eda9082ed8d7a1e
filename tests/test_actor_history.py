"""Dated leader rows before 1995, the undated choice of a leader's role, misspelt countries."""

from __future__ import annotations

import pytest

from ladder.actor_fuzzy import FuzzyCountries


def codes(actors):
    return [a.code for a in actors]


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Thatcher", "1984-06-01", "GBRGOV"),
        ("President Reagan", "1983-02-10", "USAGOV"),
        ("Chancellor Helmut Schmidt", "1979-01-01", "DEUGOV"),
        ("General Zia-ul-Haq", "1986-04-01", "PAKGOV"),
        ("Mitterrand", "1992-09-20", "FRAGOV"),
        ("Deng Xiaoping", "1985-01-01", "CHNGOV"),
        ("Jonas Savimbi", "1993-01-01", "AGOREB"),
        ("Perez de Cuellar", "1988-08-08", "IGOUNO"),
        ("Mitterrand", "1999-01-01", "FRAELI"),  # after his term: a former office-holder
        ("Prime Minister Erbakan", "1997-01-15", "TURGOV"),
        ("Kufuor", "2004-03-01", "GHAGOV"),
        ("Girija Prasad Koirala", "1999-01-01", "NPLGOV"),
    ],
)
def test_leaders_before_1995(r, text, date, expected):
    assert codes(r.resolve_text(text, date=date)) == [expected]


def test_undated_leader_takes_the_main_government_role(r):
    # later non-government roles (envoy, senator) do not win without a date
    assert codes(r.resolve_text("Tony Blair")) == ["GBRGOV"]
    assert codes(r.resolve_text("Tony Blair", date="2010-05-01")) == ["IGO"]
    assert codes(r.resolve_text("Hillary Clinton")) == ["USAGOV"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Afganistan", ["AFG"]), ("Ethopia", ["ETH"]), ("Phillipines", ["PHL"]), ("Austrailia", ["AUS"])],
)
def test_misspelt_country_names(r, text, expected):
    assert codes(r.resolve_text(f"The talks with {text} resumed.")) == expected


@pytest.mark.parametrize("text", ["Columbia University", "Mr Kenyon", "Samaria", "Indiana"])
def test_fuzzy_matching_leaves_known_and_other_words_alone(r, text):
    assert all(a.country not in ("COL", "KEN", "SOM", "IND") for a in r.resolve_text(text))


def test_fuzzy_matcher_rules(r):
    fuzzy = FuzzyCountries(r.nlp)
    assert fuzzy.match("Afganistan") is not None
    assert fuzzy.match("afganistan") is None  # lower case: not a name
    assert fuzzy.match("Irak") is None  # too short to guess
    assert fuzzy.match("Germany") is None  # exact names are the matcher's job


def test_misspelt_country_in_a_sentence(coder):
    events = coder.code("Afganistan accused Pakistan of shelling its border posts.", date="1987-03-02")
    assert ("AFG", "PAK") in {(e.source.country, e.target.country if e.target else None) for e in events}


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("the Islamic Salvation Front", "1991-12-27", "DZAOPP"),
        ("UNITA rebels", "1993-05-01", "AGOREB"),
        ("UNITA", "2008-09-05", "AGOOPP"),  # a party after the 2002 peace
        ("the Contras", "1986-03-01", "NICREB"),
        ("the ANC", "1988-01-01", "ZAFOPP"),
        ("the ANC", "2004-01-01", "ZAFGOV"),
        ("the Rwandan Patriotic Front", "1992-03-01", "RWAREB"),
    ],
)
def test_movements_and_armed_groups_by_date(r, text, date, expected):
    assert codes(r.resolve_text(text, date=date)) == [expected]


def test_separatist_movement_as_a_target(coder):
    events = coder.code("Police in Nigeria arrested ten members of MASSOB in Onitsha.", date="2005-11-03")
    assert ("NGA", "NGA") in {(e.source.country, e.target.country if e.target else None) for e in events}
