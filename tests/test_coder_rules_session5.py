"""End-to-end regressions of the session-5 rules (our own sentences)."""

from __future__ import annotations


def _dyads(events):
    return {(e.source.code if e.source else None, e.target.code if e.target else None, e.plover)
            for e in events}


def test_a_sector_adjective_is_the_kind_of_aid_not_its_donor(coder):
    # "military aid" was a second event MIL -> UKR beside the pledge itself
    events = coder.code("Germany pledged 2.7 billion euros in military aid to Ukraine.", date="2023-05-01")
    assert _dyads(events) == {("DEU", "UKR", "AGREE")}
    approved = coder.code("The US approved $300 million in military assistance to Ukraine.", date="2023-05-01")
    assert _dyads(approved) == {("USA", "UKR", "AID")}
    # a demonym adjective still names the author of a nominal event
    shelling = coder.code("The Russian bombardment of Kharkiv continued.", date="2022-03-01")
    assert _dyads(shelling) == {("RUS", "UKR", "ASSAULT")}


def test_a_counterpart_is_a_government_official_of_his_country(coder):
    events = coder.code("China's foreign minister met his Russian counterpart in Beijing.", date="2023-05-01")
    assert ("CHNGOV", "RUSGOV", "CONSULT") in _dyads(events)
