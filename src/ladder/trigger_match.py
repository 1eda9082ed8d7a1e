"""The result of matching the trigger lexicon on a predicate (``ladder.triggers``)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token


@dataclass(frozen=True)
class TriggerMatch:
    """One lexicon decision for a predicate.

    ``target_preps``: prepositions (attached to ``head`` or to the trigger noun) that
    introduce the target; ``target_dobj``: the direct object (or, in the passive, the
    subject) may be the target.  ``head`` is the token whose subject is the source.
    ``preps_given``: the lexicon listed the target places, so an empty ``target_preps``
    means no prepositional target ("accuse": ``target: [dobj]``) rather than the default.
    """

    code: str
    trigger: Span
    pattern_id: str
    target_preps: tuple[str, ...]
    needs_target: bool
    head: Token
    target_dobj: bool = True
    source_preps: tuple[str, ...] = ()
    score: int = 0
    target_token: Token | None = None
    modality: str | None = None
    preps_given: bool = False
    giver_preps: tuple[str, ...] = ()  # verb patterns' ``source``: "received aid from X" -> X acts

    @property
    def start_char(self) -> int:
        return int(self.trigger.start_char)

    @property
    def end_char(self) -> int:
        return int(self.trigger.end_char)
