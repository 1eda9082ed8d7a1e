"""End-to-end regressions of the accuracy work (issue #2): one sentence of our own per rule."""

from __future__ import annotations


def _dyads(events):
    return {(e.source.country if e.source else None, e.target.country if e.target else None, e.plover)
            for e in events}


def test_reported_must_is_a_demand_on_the_clause_subject(coder):
    events = coder.code("Germany said on Monday that Poland must hand over the suspect.", date="2019-05-06")
    assert ("DEU", "POL", "REQUEST") in _dyads(events)
    demand = next(e for e in events if e.plover == "REQUEST")
    assert demand.trigger == "said" and demand.status == "asserted"


def test_reported_should_without_an_actor_subject_is_no_event(coder):
    # the clause's subject names no actor (and "it" is usually the speaker itself)
    assert coder.code("The minister said the rules should be simpler.", date="2019-05-06") == []
    assert coder.code("Iran said it must defend its borders.", date="2019-05-06") == []
