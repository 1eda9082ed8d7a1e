"""``ladder code``, ``ladder eval`` and ``ladder demo``: coding text from the command line."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from ladder.cli.render import event_row, events_table, explain_event
from ladder.ingest import cli_options as opts
from ladder.types import Document, Event

TSV_FIELDS = ("doc_id", "sentence_index", "date", "source_code", "source_country", "target_code",
              "target_country", "cameo", "plover", "goldstein", "quad_class", "status", "speaker",
              "trigger", "sentence")


def _tsv_line(e: Event) -> str:
    d = e.to_dict()
    vals = {
        "doc_id": e.doc_id, "sentence_index": e.sentence_index, "date": e.date,
        "source_code": e.source.code if e.source else "", "source_country": e.source.country if e.source else "",
        "target_code": e.target.code if e.target else "", "target_country": e.target.country if e.target else "",
        "cameo": e.cameo, "plover": e.plover or "", "goldstein": e.goldstein, "quad_class": e.quad_class,
        "status": e.status, "speaker": d["attribution"]["speaker"] or "", "trigger": e.trigger,
        "sentence": e.sentence.replace("\t", " ").replace("\n", " "),
    }
    return "\t".join("" if vals[k] is None else str(vals[k]) for k in TSV_FIELDS)


def code_command(
    inputs: list[str] = typer.Argument(..., help="Files, directories or - for stdin (.txt, .jsonl, .csv, .html, feeds, WARC, .gz/.zip)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write events here (default: stdout)."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl or tsv"),
    input_format: opts.InputFormatOpt = None,
    rejects: opts.RejectsOpt = None,
    explain: bool = typer.Option(False, "--explain", help="Print each event with its evidence highlighted."),
    id_col: opts.IdColOpt = None, text_col: opts.TextColOpt = None, date_col: opts.DateColOpt = None,
    outlet_col: opts.OutletColOpt = None, url_col: opts.UrlColOpt = None, title_col: opts.TitleColOpt = None,
    max_doc_chars: opts.MaxDocCharsOpt = None,
    no_classifier: bool = typer.Option(False, "--no-classifier", help="Lexicon only (faster, less recall)."),
    full_parse: bool = typer.Option(False, "--full-parse", help="Parse every sentence (no pre-parse filter)."),
    processes: int | None = typer.Option(None, "--processes", min=1, help="Worker processes (default: all cores; 1 = inline)."),
    dask: str | None = typer.Option(None, "--dask", help="Code on a Dask cluster: tcp://host:8786, local:N, or a scheduler-file .json."),
    out_dir: Path | None = typer.Option(None, "--out-dir", help="Parquet output folder (required with --dask)."),
) -> None:
    """Code documents into events, one JSON object (or TSV row) per event.

    Exit status: 0 all input coded; 3 some input records rejected (the rest coded);
    2 usage error or nothing readable.
    """
    if fmt not in ("jsonl", "tsv"):
        raise typer.BadParameter("must be jsonl or tsv", param_hint="--format")
    from ladder.ingest import read_documents
    from ladder.parallel import CoderSpec, code_parallel

    read_opts = opts.build_read_options(input_format, id_col, text_col, date_col, outlet_col,
                                        url_col, title_col, max_doc_chars)
    err = Console(stderr=True)
    spec = CoderSpec(use_classifier=not no_classifier, fast=not full_parse)
    if dask:
        if out_dir is None:
            raise typer.BadParameter("--dask needs --out-dir for the Parquet partitions", param_hint="--out-dir")
        _code_on_dask(inputs, read_opts, rejects, dask, out_dir, spec, err)
        return
    counter = {"docs": 0, "events": 0}
    out_ctx: Any = output.open("w", encoding="utf-8") if output else nullcontext(sys.stdout)
    show_progress = err.is_terminal and not explain
    with opts.RejectSink(rejects) as sink, out_ctx as out:
        docs = read_documents(inputs, read_opts, on_reject=sink, on_warning=sink.warn)
        if fmt == "tsv":
            out.write("\t".join(TSV_FIELDS) + "\n")
        progress_ctx: Any = nullcontext()
        if show_progress:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            progress_ctx = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                    TimeElapsedColumn(), console=err, transient=True)
        with progress_ctx as progress:
            task = progress.add_task("coding", total=None) if progress is not None else None
            for doc, events in code_parallel(docs, processes, spec=spec):
                counter["docs"] += 1
                counter["events"] += len(events)
                for e in events:
                    if explain:
                        explain_event(err, doc, e)
                    out.write((json.dumps(e.to_dict(), ensure_ascii=False) if fmt == "jsonl"
                               else _tsv_line(e)) + "\n")
                if progress is not None and task is not None:
                    progress.update(task, description=f"coded {counter['docs']} documents, {counter['events']} events")
    err.print(f"{counter['docs']} documents, {counter['events']} events, {sink.count} rejected records",
              highlight=False)
    code = sink.exit_code(counter["docs"])
    if code:
        raise typer.Exit(code)


def _code_on_dask(inputs: list[str], read_opts: Any, rejects: Path | None, address: str,
                  out_dir: Path, spec: Any, err: Console) -> None:
    from ladder.distributed import code_dask
    from ladder.ingest import read_documents

    with opts.RejectSink(rejects) as sink:
        docs = read_documents(inputs, read_opts, on_reject=sink, on_warning=sink.warn)
        rep = code_dask(docs, address, out_dir, spec=spec)
    err.print(f"{rep.documents} documents, {rep.events} events in {rep.partitions} partitions "
              f"-> {rep.out_dir} ({rep.workers} workers, {rep.seconds:.1f} s); "
              f"{sink.count} rejected records", highlight=False)
    code = sink.exit_code(rep.documents)
    if code:
        raise typer.Exit(code)


def eval_command(
    gold: list[Path] = typer.Argument(..., help="Gold JSONL files (PLV, PLOVER GSR, PETRARCH gold, Multi-CoPED)."),
    all_records: bool = typer.Option(False, "--all", help="Score every record, also those the classifier was trained on."),
    limit: int | None = typer.Option(None, "--limit", help="Only the first N records (quick checks)."),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the reports as JSON."),
) -> None:
    """Score the coder against gold sets; prints precision/recall/F1 and per-class tables."""
    from ladder.cli.render import print_report
    from ladder.coder import Coder
    from ladder.evaluate import evaluate_file

    console = Console()
    coder = Coder()
    reports = []
    for path in gold:
        if not path.exists():
            raise typer.BadParameter(f"{path}: no such file")
        try:
            rep = evaluate_file(coder, path, all_records=all_records, limit=limit)
        except ValueError as exc:
            console.print(f"[red]error[/red] {exc}")
            raise typer.Exit(2) from None
        print_report(console, str(path), rep)
        reports.append({"file": str(path), **rep.to_dict()})
    if json_out:
        json_out.write_text(json.dumps(reports, indent=1), encoding="utf-8")


def demo_command(
    db: Path = typer.Option(Path("demo.duckdb"), "--db", help="Store for the demo run."),
    no_classifier: bool = typer.Option(False, "--no-classifier", help="Lexicon only."),
) -> None:
    """Code the bundled Wikinews sample, print an events table and a dyad summary."""
    from ladder.coder import Coder
    from ladder.ontology import data_path

    console = Console()
    sample = data_path("samples/wikinews_sample.jsonl")
    rows = [json.loads(line) for line in sample.open(encoding="utf-8") if line.strip()]
    docs = [Document(id=r["id"], text=r["text"], date=r.get("date"), outlet=r.get("source"),
                     url=r.get("url"), title=r.get("title")) for r in rows]
    console.print(f"Coding {len(docs)} Wikinews articles (CC BY 2.5, bundled sample) ...")
    coder = Coder(use_classifier=not no_classifier)
    pairs = list(coder.code_documents(docs))
    events = [e for _, evs in pairs for e in evs]
    console.print(events_table([event_row(e) for e in events], title=f"{len(events)} events"))
    try:
        from ladder.cli.store import demo_summary
    except ImportError:
        return
    demo_summary(console, db, pairs)


def register(app: typer.Typer) -> None:
    app.command("code")(code_command)
    app.command("eval")(eval_command)
    app.command("demo")(demo_command)
