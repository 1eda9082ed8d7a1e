"""Split an event's sentence into plain and highlighted pieces (source, target, trigger, cue).

Why pieces and not HTML: the template escapes each piece and wraps the marked
ones in ``<mark class=...>``, so no user text is ever turned into markup.  Spans
in the store are document offsets; the sentence's own span converts them, and a
span that does not land on the expected words falls back to finding the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Roles in priority order: when two spans overlap, the earlier role wins.
ROLES = ("trigger", "source", "target", "speaker", "attribution")


@dataclass(frozen=True)
class Piece:
    text: str
    role: str | None = None  # None = plain text


def _locate(sentence: str, offset: int, span: Any, expected: str | None) -> tuple[int, int] | None:
    """Sentence-relative (start, end) for a document span, checked against ``expected``."""
    n = len(sentence)
    if isinstance(span, list | tuple) and len(span) == 2 and all(isinstance(v, int) for v in span):
        for base in (offset, 0):  # document offsets first, then already sentence-relative
            s, e = span[0] - base, span[1] - base
            if 0 <= s < e <= n and (not expected or sentence[s:e].lower() == expected.lower()):
                return s, e
    if expected:
        i = sentence.lower().find(expected.lower())
        if i >= 0:
            return i, i + len(expected)
    return None


def pieces(event: dict[str, Any]) -> list[Piece]:
    """The sentence of an event (its JSON contract) cut into highlighted pieces."""
    sentence: str = event.get("sentence") or ""
    span = event.get("span") or [0, 0]
    offset = span[0] if isinstance(span, list | tuple) and span and isinstance(span[0], int) else 0
    ev = event.get("evidence") or {}
    attr = event.get("attribution") or {}
    src, tgt = event.get("source") or {}, event.get("target") or {}
    wanted = {
        "trigger": (ev.get("trigger_span"), event.get("trigger")),
        "source": (ev.get("source_span") or src.get("span"), src.get("text")),
        "target": (ev.get("target_span") or tgt.get("span"), tgt.get("text")),
        "speaker": (attr.get("speaker_span"), attr.get("speaker")),
        "attribution": (ev.get("attribution_span") or attr.get("cue_span"), attr.get("cue")),
    }
    marks: list[tuple[int, int, str]] = []
    for role in ROLES:
        span_v, text = wanted[role]
        if not span_v and not text:
            continue
        loc = _locate(sentence, offset, span_v, text)
        if loc and not any(loc[0] < e and s < loc[1] for s, e, _ in marks):
            marks.append((loc[0], loc[1], role))
    marks.sort()
    out: list[Piece] = []
    pos = 0
    for s, e, role in marks:
        if s > pos:
            out.append(Piece(sentence[pos:s]))
        out.append(Piece(sentence[s:e], role))
        pos = e
    if pos < len(sentence):
        out.append(Piece(sentence[pos:]))
    return out
