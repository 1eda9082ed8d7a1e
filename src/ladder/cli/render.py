"""Terminal rendering shared by commands: event tables, evidence highlighting, reports."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ladder.types import Document, Event


def event_row(e: Event) -> dict[str, str]:
    """One compact table row: codes only, so the table fits an 80-100 column terminal."""
    speaker = e.attribution.speaker or ""
    return {
        "date": e.date or "",
        "source": e.source.code if e.source else "-",
        "target": e.target.code if e.target else "-",
        "cameo": e.cameo,
        "plover": e.plover or "-",
        "gs": f"{e.goldstein:+.0f}",
        "status": e.status,
        "trigger": e.trigger,
        "said by": speaker if len(speaker) <= 24 else speaker[:23] + "…",
    }


def events_table(rows: list[dict[str, str]], title: str = "") -> Table:
    table = Table(title=title, show_lines=False)
    if not rows:
        table.add_column("no events")
        return table
    for col in rows[0]:
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(*r.values())
    return table


def explain_event(console: Console, doc: Document, e: Event) -> None:
    """The sentence with source, target, trigger and attribution highlighted (issue #3)."""
    from ladder.attribution_explain import highlight

    src = e.source.code if e.source else "-"
    tgt = e.target.code if e.target else "-"
    console.print(Text(f"[{e.doc_id} s{e.sentence_index}] {src} -> {tgt}  PLOVER {e.plover or '-'}  "
                       f"Goldstein {e.goldstein:+.1f}", style="bold"))
    console.print(highlight(e))


def print_report(console: Console, path: str, rep: Any) -> None:
    console.print(f"[bold]{rep.name}[/bold]  ({path}, n={rep.n})")
    for note in rep.notes:
        console.print(f"  note: {note}", highlight=False)
    t = Table(show_header=True)
    t.add_column("metric")
    t.add_column("value", justify="right")
    for k, v in rep.metrics.items():
        t.add_row(k, f"{v:.4f}" if isinstance(v, float) else str(v))
    console.print(t)
    if rep.per_class:
        pc = Table(title="per class", show_header=True)
        for col in ("class", "precision", "recall", "f1", "support"):
            pc.add_column(col, justify="right" if col != "class" else "left")
        for lab, row in rep.per_class.items():
            pc.add_row(lab, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}", str(row["support"]))
        console.print(pc)
