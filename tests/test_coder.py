"""The core contract (issue #2): what a user of ``ladder.Coder`` relies on."""

from __future__ import annotations

import json
import warnings

import pytest

import ladder
from ladder.ontology import PLOVER_TYPES, cameo

CONTRACT_KEYS = {"source", "target", "cameo", "cameo_root", "plover", "plover_mode", "goldstein",
                 "quad_class", "date", "sentence", "sentence_index", "span", "trigger", "status",
                 "attribution"}


def _one(events, src_country, tgt_country, plover=None):
    hits = [e for e in events
            if e.source and e.source.country == src_country
            and (tgt_country is None or (e.target and e.target.country == tgt_country))
            and (plover is None or e.plover == plover)]
    assert hits, f"no {src_country}->{tgt_country} {plover} event in {[e.to_dict() for e in events]}"
    return hits[0]


def test_readme_example_contract(coder):
    text = "Russian forces shelled Kharkiv on Monday, Ukrainian officials said."
    events = coder.code(text, date="2022-03-07")
    e = _one(events, "RUS", "UKR", "ASSAULT")
    d = e.to_dict()
    assert CONTRACT_KEYS <= d.keys()
    assert d["source"]["code"] == "RUSMIL" and d["source"]["sector"] == "MIL"
    assert d["target"]["country"] == "UKR"
    assert d["cameo_root"] in ("18", "19", "20") and d["quad_class"] == 4
    assert d["goldstein"] == cameo(d["cameo"]).goldstein < 0
    assert d["status"] == "asserted"
    assert d["attribution"]["speaker"] == "Ukrainian officials"
    assert d["trigger"] == "shelled"
    assert text[d["span"][0]:d["span"][1]].startswith("Russian forces shelled")
    # Monday before 2022-03-07 (a Monday) is that day itself
    assert d["date"] == "2022-03-07"
    json.dumps(d)  # JSON-ready


def test_package_level_api_exposes_coder_and_store():
    from ladder.coder import Coder
    from ladder.store import Store

    assert ladder.Coder is Coder
    assert ladder.Store is Store


def test_passive_voice_same_dyad(coder):
    events = coder.code("Kharkiv was shelled by Russian forces.", date="2022-03-07")
    _one(events, "RUS", "UKR", "ASSAULT")


def test_reported_speech_codes_embedded_event(coder):
    events = coder.code("Ukraine said Russian troops attacked Mariupol.", date="2022-03-10")
    e = _one(events, "RUS", "UKR", "ASSAULT")
    assert e.attribution.speaker == "Ukraine"


def test_negated_conflict_is_not_asserted(coder):
    events = coder.code("Russia did not attack Ukraine on Tuesday.", date="2022-02-01")
    conflict = [e for e in events if e.quad_class == 4]
    assert conflict and all(e.status == "negated" for e in conflict)


def test_refusal_is_a_reject_event(coder):
    events = coder.code("Iran refused to meet with the United States.", date="2021-05-01")
    e = _one(events, "IRN", "USA")
    assert e.cameo_root == "12" and e.plover == "REJECT" and e.status == "asserted"


def test_hypothetical_threat_is_marked(coder):
    events = coder.code("Russia could invade Ukraine within weeks, analysts warned.", date="2022-01-20")
    force = [e for e in events if e.quad_class == 4]
    assert force and all(e.status in ("hypothetical", "future") for e in force)
    assert force[0].attribution.speaker == "analysts"


def test_compound_actor_expands(coder):
    events = coder.code("The United States and Britain imposed sanctions on Russia.", date="2022-03-01")
    sources = {e.source.country for e in events if e.target and e.target.country == "RUS" and e.source}
    assert {"USA", "GBR"} <= sources


def test_leader_resolution_by_date(coder):
    new = coder.code("Biden met Zelensky in Kyiv.", date="2023-02-20")
    _one(new, "USA", "UKR", "CONSULT")
    d = [e for e in new if e.source and e.source.country == "USA"][0].to_dict()
    assert d["source"]["sector"] == "GOV"


def test_capital_metonym(coder):
    events = coder.code("Moscow accused Kyiv of provoking the crisis.", date="2022-02-10")
    e = _one(events, "RUS", "UKR", "ACCUSE")
    assert e.source.sector == "GOV"


def test_no_event_in_sports_and_business(coder):
    texts = [
        "Chelsea beat Arsenal 2-1 at Stamford Bridge on Saturday.",
        "Shares on the London Stock Exchange rose 2% as oil prices fell.",
        "The film won three awards at the festival in Cannes.",
    ]
    for t in texts:
        assert coder.code(t, date="2005-01-01") == [], t


def test_empty_and_bad_input(coder):
    assert coder.code("") == []
    assert coder.code("   \n ") == []
    with pytest.raises(TypeError, match="text"):
        coder.code(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        coder.code(b"bytes")  # type: ignore[arg-type]


def test_non_english_gives_no_events_and_a_warning(coder):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = coder.code("Les forces russes ont bombardé Kharkiv lundi, selon les autorités ukrainiennes.")
    assert events == []
    assert any("English" in str(w.message) for w in caught)


def test_code_many_equals_code(coder):
    texts = [
        "Israeli troops raided a refugee camp in the West Bank.",
        "China criticised the United States over Taiwan arms sales.",
        "Germany pledged humanitarian aid to Ukraine.",
        "",
    ]
    batched = coder.code_many(texts, date="2022-05-01")
    single = [coder.code(t, date="2022-05-01") for t in texts]
    strip = lambda evs: [{k: v for k, v in e.to_dict().items() if k != "doc_id"} for e in evs]  # noqa: E731
    assert [strip(b) for b in batched] == [strip(s) for s in single]


def test_several_events_in_one_sentence(coder):
    events = coder.code("Russian forces shelled Kharkiv on Monday, and Ukraine accused Moscow of war crimes.",
                        date="2022-03-07")
    _one(events, "RUS", "UKR", "ASSAULT")
    _one(events, "UKR", "RUS", "ACCUSE")


def test_classify_contract(coder):
    r = coder.classify("Russian forces shelled Kharkiv on Monday.", source="Russian forces", target="Kharkiv")
    assert r["plover"] == "ASSAULT"
    assert r["plover"] in PLOVER_TYPES and r["quad_class"] == 4
    assert cameo(r["cameo"]).root in ("18", "19", "20")
    assert 0.0 <= r["score"] <= 1.0
    assert r["no_event"] is False and r["event_score"] > 0.5


def test_classify_always_names_a_plover_type_and_says_separately_when_there_is_no_event(coder):
    r = coder.classify("Arsenal beat Chelsea 2-0 at the Emirates on Saturday.", source="Arsenal",
                       target="Chelsea")
    assert r["plover"] in PLOVER_TYPES
    assert r["no_event"] is True and r["event_score"] < 0.5


def test_large_document_is_coded_in_pieces(coder):
    para = ("Russian forces shelled Kharkiv on Monday, Ukrainian officials said. "
            "The weather was mild and markets were calm. " * 20 + "\n\n")
    text = para * 60  # ~ 0.5 MB, many chunks
    events = coder.code(text, date="2022-03-07")
    assert len({e.sentence_index for e in events}) > 100
    for e in events[-3:]:
        assert text[e.span[0]:e.span[1]] == e.sentence


def test_fast_path_and_lazy_ner_give_the_full_paths_events(coder):
    from ladder.coder import Coder
    from ladder.types import Document

    texts = [
        "The Bank of England raised rates. Russian forces shelled Kharkiv on Monday.",
        "Jordan Peterson criticised France. Jordan accused Israel of violating the truce.",
        "Shares rose in London.\n\nChina condemned the United States over arms sales to Taiwan.",
        "He said it was fine. NATO warned Russia against an invasion of Ukraine, officials said.",
    ]
    docs = [Document(id=f"d{i}", text=t, date="2022-03-07") for i, t in enumerate(texts)]
    full = Coder(fast=False, nlp=coder.nlp, resolver=coder.resolver, triggers=coder.triggers,
                 classifier=coder.classifier)
    full.lazy_ner = False
    a = [[e.to_dict() for e in evs] for _, evs in coder.code_documents(docs)]
    b = [[e.to_dict() for e in evs] for _, evs in full.code_documents(docs)]
    assert a == b
    assert sum(map(len, a)) >= 3


def test_headline_infinitive_is_a_future_event(coder):
    events = coder.code("UK to sanction Russia over breakaway regions decision", date="2022-02-22")
    e = _one(events, "GBR", "RUS")
    assert e.cameo_root == "16" and e.status == "future"
