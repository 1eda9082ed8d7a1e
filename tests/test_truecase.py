"""All-caps text is parsed from a truecased copy of the same length (ladder.truecase).

Sentences here are invented for the tests.
"""

from __future__ import annotations

import pytest

from ladder import truecase
from ladder.coder import Coder
from ladder.types import Event

CASED = [
    "Peruvian police arrested two Shining Path guerrillas in Lima on Tuesday.",
    "Salvadoran soldiers attacked FMLN rebels near San Miguel, the army said.",
    "Guerrillas of the National Liberation Army bombed an oil pipeline in Colombia.",
    "President Cristiani met Venezuelan officials in Caracas to discuss the peace talks.",
    "Nicaragua condemned the attack on its embassy in Honduras.",
]


def _codes(events: list[Event]) -> list[tuple[str | None, str | None, str]]:
    return [(e.source.code if e.source else None, e.target.code if e.target else None, e.cameo)
            for e in events]


@pytest.mark.parametrize("text", CASED)
def test_all_caps_codes_like_cased(coder: Coder, text: str) -> None:
    cased = _codes(coder.code(text))
    assert cased, "the cased sentence should yield an event"
    assert _codes(coder.code(text.upper())) == cased


def test_spans_point_into_the_original_text(coder: Coder) -> None:
    text = ("OFFICIALS SAID ON MONDAY THAT THE\nSTATE OF EMERGENCY REMAINS.\n\n   SALVADORAN SOLDIERS "
            "ATTACKED FMLN\nREBELS NEAR SAN MIGUEL, THE ARMY SAID.")
    events = coder.code(text)
    assert events
    for e in events:
        assert e.sentence == text[e.span[0] : e.span[1]]
        assert "\n" in e.sentence  # the hard line break is shown as it was
        assert e.trigger_span is not None and e.trigger == text[e.trigger_span[0] : e.trigger_span[1]]
        assert e.trigger.isupper()
        for actor in (e.source, e.target):
            assert actor is not None and actor.span is not None
            assert actor.text == text[actor.span[0] : actor.span[1]]
            assert actor.text.isupper()
        att = e.attribution
        if att.speaker_span is not None:
            assert att.speaker == text[att.speaker_span[0] : att.speaker_span[1]]


def test_mostly_lower_case_text_is_untouched(coder: Coder) -> None:
    text = "Peruvian police arrested two Shining Path guerrillas. THE END, said the UN and the EU."
    assert not truecase.is_mostly_upper(text)
    assert truecase.nlp_text(text, coder.nlp) is text
    short = "UN SAYS NO"  # too few letters to judge
    assert truecase.nlp_text(short, coder.nlp) is short


def test_truecased_copy_keeps_length_and_knows_names(coder: Coder) -> None:
    text = ("THE U.S.  AMBASSADOR MET PRESIDENT CRISTIANI IN SAN SALVADOR.\nI THINK THE ELN SET OFF "
            "A CAR BOMB NEAR THE M-19 OFFICE IN BOGOTA AND MAY STRIKE AGAIN.\n\nNEW PARAGRAPH.")
    out = truecase.nlp_text(text, coder.nlp)
    assert len(out) == len(text)
    assert out.lower() == text.lower().replace("\n", " ", 1)  # only the soft line break is unwrapped
    assert out.startswith("The U.S.  ambassador met president Cristiani in San Salvador. I think the ELN")
    assert "a car bomb near the M-19 office in Bogota and may strike" in out  # CAR, May: common words
    assert out.endswith("\n\nNew paragraph.")


def test_is_mostly_upper_threshold() -> None:
    assert truecase.is_mostly_upper("REBELS ATTACKED A POLICE STATION IN THE NORTH")
    assert not truecase.is_mostly_upper("Rebels attacked a police station in the north")
    assert not truecase.is_mostly_upper("REBELS ATTACKED a police station in the north of the country")
