"""Terminal rendering of an event's evidence for ``ladder code --explain`` (issue #3).

Why here: the evidence spans (source, target, trigger, attribution cue, speaker) are produced
by the coder and attribution; this turns them into one highlighted sentence plus a provenance
line, so the CLI only has to print what it gets.
"""

from __future__ import annotations

from rich.text import Text

from ladder.types import Event

STYLES = {"source": "bold cyan", "target": "bold magenta", "trigger": "bold yellow",
          "speaker": "green", "cue": "underline green"}


def highlight(event: Event) -> Text:
    """The event's sentence with source, target, trigger, speaker and cue highlighted,
    followed by status, attribution and the coder's ``why``."""
    base = event.span[0]
    text = Text(event.sentence)
    spans = {
        "source": event.source.span if event.source else None,
        "target": event.target.span if event.target else None,
        "trigger": event.trigger_span,
        "speaker": event.attribution.speaker_span,
        "cue": event.attribution.cue_span,
    }
    for role, span in spans.items():
        if span is None:
            continue
        start, end = span[0] - base, span[1] - base
        if 0 <= start < end <= len(event.sentence):
            text.stylize(STYLES[role], start, end)
    a = event.attribution
    who = a.speaker or "(writer)"
    if a.chain and len(a.chain) > 1:
        who = " > ".join(a.chain)
    line = (f"\n  {event.cameo} {event.status}  says: {who}"
            f"{' [anonymous]' if a.anonymous else ''}  outlet: {a.outlet or '-'}"
            f"  why: {event.why}")
    text.append(line, style="dim")
    return text
