"""Ontology tables and the code-decision tables users see in every event."""

from __future__ import annotations

import pytest

from ladder import coding, ontology


def test_codes_are_strings_and_keep_leading_zeros():
    assert ontology.cameo("010").label.lower().startswith("make statement")
    assert ontology.cameo("10").label.upper() == "DEMAND"
    with pytest.raises(KeyError, match="'999'"):
        ontology.cameo("999")


def test_goldstein_and_quad_from_table():
    assert ontology.cameo("195").goldstein == -10.0
    assert ontology.cameo("195").quad_class == 4
    assert ontology.cameo("042").quad_class == 1


def test_cameo_1_1b3_meanings_for_demands():
    assert "mediation" in ontology.cameo("108").label.lower()


@pytest.mark.parametrize("code,plover", [
    ("190", "ASSAULT"), ("180", "ASSAULT"), ("042", "CONSULT"), ("163", "COERCE"),
    ("112", "ACCUSE"), ("0841", "RETREAT"), ("081", "CONCEDE"), ("138", "THREATEN"),
    ("173", "COERCE"), ("141", "PROTEST"),
])
def test_plover_mapping(code, plover):
    assert ontology.plover_for_cameo(code)[0] == plover


def test_statements_and_appeals_have_no_plover_type():
    assert ontology.plover_for_cameo("010") == (None, None)
    assert ontology.plover_for_cameo("020")[0] is None


def test_plover_to_cameo_depends_on_source_sector():
    assert coding.default_cameo("ASSAULT", "MIL")[:2] == "19"
    assert coding.default_cameo("ASSAULT", None)[:2] == "18"
    for p in ontology.PLOVER_TYPES:
        assert ontology.is_cameo(coding.default_cameo(p, None))


def test_negated_cooperation_becomes_reject():
    assert coding.negated_to_reject("070") == "122"
    assert coding.negated_to_reject("042") == "125"
    assert coding.negated_to_reject("190") is None


def test_decide_prefers_agreeing_lexicon_code_and_vetoes_non_events():
    d = coding.decide("195", "verbs.yaml:shell", "ASSAULT", 0.97, "MIL")
    assert d is not None and d.cameo == "195" and d.plover == "ASSAULT"
    assert coding.decide("195", "verbs.yaml:shell", None, 0.99, "MIL") is None
    assert coding.decide(None, None, None, 0.3, None) is None
    d = coding.decide(None, None, "AID", 0.9, "GOV")
    assert d is not None and d.cameo == "070" and "classifier" in d.why
