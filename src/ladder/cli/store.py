"""``ladder ingest | query | export | dyad | alerts``: the event store from the command line.

Every command takes ``--db PATH`` (default ``./ladder.duckdb``, printed on stderr).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table

from ladder.types import Document, Event

if TYPE_CHECKING:
    import pandas as pd

DB_OPTION = typer.Option(Path("ladder.duckdb"), "--db", help="DuckDB store file.")
EXIT_REJECTED = 3


def _open(db: Path, err: Console, read_only: bool = True) -> Any:
    from ladder.store import Store, StoreError

    err.print(f"store: {db.expanduser().resolve()}", highlight=False)
    try:
        return Store(db, read_only=read_only)
    except StoreError as exc:
        err.print(f"[red]error[/red] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None


def df_table(df: pd.DataFrame, title: str | None = None, max_rows: int = 200) -> Table:
    """A rich table of a DataFrame (first ``max_rows`` rows)."""

    table = Table(title=title, show_lines=False)
    for c in df.columns:
        table.add_column(str(c), overflow="fold")
    for row in df.head(max_rows).itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    if len(df) > max_rows:
        table.caption = f"{max_rows} of {len(df)} rows"
    return table


def _cell(v: Any) -> str:
    import pandas as pd

    if v is None or v is pd.NaT or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d") if v == v.normalize() else v.isoformat()
    return (f"{v:.2f}" if isinstance(v, float) else str(v))[:120]


def _batched(it: Iterable[Document], n: int) -> Iterator[list[Document]]:
    iterator = iter(it)
    while batch := list(islice(iterator, n)):
        yield batch


def ingest_pairs(store: Any, pairs_batches: Iterable[list[tuple[Document, list[Event]]]]) -> dict[str, int]:
    """Store already-coded batches, then cluster; for the Python API and the demo."""
    total = {"added": 0, "skipped": 0, "events": 0}
    for batch in pairs_batches:
        res = store.add_documents(batch)
        total["added"] += res.added
        total["skipped"] += res.skipped
        total["events"] += res.events
    total.update({f"dedup_{k}": v for k, v in store.dedup().items()})
    return total


def ingest_command(
    inputs: list[str] = typer.Argument(..., help="Files, directories or - for stdin (as for `ladder code`)."),
    db: Path = DB_OPTION,
    batch_size: int = typer.Option(32, "--batch-size", help="Documents per transaction."),
    input_format: str | None = typer.Option(None, "--input-format", help="txt|jsonl|csv|tsv|html|rss|warc"),
    rejects: Path | None = typer.Option(None, "--rejects", help="Write rejected records here (JSONL)."),
    id_col: str | None = typer.Option(None, "--id-col"), text_col: str | None = typer.Option(None, "--text-col"),
    date_col: str | None = typer.Option(None, "--date-col"), outlet_col: str | None = typer.Option(None, "--outlet-col"),
    url_col: str | None = typer.Option(None, "--url-col"),
    no_classifier: bool = typer.Option(False, "--no-classifier", help="Lexicon only (faster)."),
    window_days: int = typer.Option(2, "--window-days", help="Dedup: max days between reports of one event."),
    threshold: float = typer.Option(40.0, "--similarity", help="Dedup: min Dice similarity of content words (0-100)."),
) -> None:
    """Code documents and store them; documents already stored are skipped (safe to re-run)."""
    from ladder.coder import Coder
    from ladder.ingest import ReadOptions, read_documents
    from ladder.store import document_key

    err = Console(stderr=True)
    store = _open(db, err, read_only=False)
    counter = {"rejected": 0, "docs": 0, "added": 0, "skipped": 0, "events": 0}
    fh = rejects.open("w", encoding="utf-8") if rejects else None

    def on_reject(rej: Any) -> None:
        counter["rejected"] += 1
        err.print(f"[yellow]rejected[/yellow] {rej.origin}: {rej.reason}", markup=True, highlight=False)
        if fh is not None:
            fh.write(json.dumps(rej.to_dict(), ensure_ascii=False) + "\n")

    def on_warning(msg: str) -> None:
        err.print(f"[yellow]warning[/yellow] {msg}", markup=True, highlight=False)

    opts = ReadOptions(input_format=input_format, id_col=id_col, text_col=text_col,
                       date_col=date_col, outlet_col=outlet_col, url_col=url_col)
    coder = Coder(use_classifier=not no_classifier)
    try:
        docs = read_documents(inputs, opts, on_reject=on_reject, on_warning=on_warning)
        for batch in _batched(docs, max(1, batch_size)):
            counter["docs"] += len(batch)
            known = store.known_documents(document_key(d) for d in batch)
            new = [d for d in batch if document_key(d) not in known]
            counter["skipped"] += len(batch) - len(new)
            res = store.add_documents(list(coder.code_documents(new)))
            counter["added"] += res.added
            counter["skipped"] += res.skipped
            counter["events"] += res.events
            err.print(f"{counter['docs']} documents read, {counter['added']} stored, "
                      f"{counter['skipped']} already stored, {counter['events']} events", highlight=False)
    finally:
        if fh is not None:
            fh.close()
    stats = store.dedup(window_days=window_days, threshold=threshold)
    counts = store.counts()
    err.print(f"dedup: {stats['events']} events in {stats['blocks']} blocks -> {stats['clusters']} clusters; "
              f"store now holds {counts['documents']} documents, {counts['events']} events, "
              f"{counts['clusters']} distinct events; {counter['rejected']} rejected records", highlight=False)
    if counter["rejected"]:
        raise typer.Exit(EXIT_REJECTED)


def query_command(
    sql: str = typer.Argument(..., help="SQL (read-only). Tables: documents, events, sentences, actors, clusters, mentions; views canonical_events, one_a_day_events."),
    db: Path = DB_OPTION,
    fmt: str = typer.Option("table", "--format", help="table, csv or jsonl"),
    max_rows: int = typer.Option(200, "--max-rows", help="Rows shown in table format."),
) -> None:
    """Run SQL against the store, read-only, and print the result."""
    import duckdb

    err = Console(stderr=True)
    store = _open(db, err)
    try:
        df = store.query(sql)
    except duckdb.Error as exc:
        err.print(f"[red]error[/red] {type(exc).__name__}: {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    if fmt == "csv":
        typer.echo(df.to_csv(index=False), nl=False)
    elif fmt == "jsonl":
        typer.echo(df.to_json(orient="records", lines=True, date_format="iso", force_ascii=False), nl=False)
    else:
        Console(width=200).print(df_table(df, max_rows=max_rows))


def export_command(
    fmt: str = typer.Option(..., "--format", help="parquet (a folder partitioned by month), csv, gdelt (61-column TSV) or plover (JSON; .jsonl for lines)."),
    output: Path = typer.Option(..., "-o", "--output"),
    db: Path = DB_OPTION,
    dedup: str | None = typer.Option(None, "--dedup", help="none, cluster or one-a-day (default: none for parquet/csv, cluster for gdelt/plover)."),
) -> None:
    """Export the store's events."""
    from ladder.export import FORMATS, export

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    err = Console(stderr=True)
    store = _open(db, err)
    try:
        n = export(store, fmt, output, dedup=dedup)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    err.print(f"wrote {n} events to {output}", highlight=False)


def _load(store: Any, dedup: str, start: str | None, end: str | None, **filters: Any) -> pd.DataFrame:
    from ladder.store import FACT_STATUSES

    return store.events(dedup=dedup, start=start, end=end, status=list(FACT_STATUSES), **filters)


def dyad_command(
    a: str = typer.Argument(..., help="Actor A: country (RUS) or code prefix (RUSMIL)."),
    b: str = typer.Argument(..., help="Actor B."),
    db: Path = DB_OPTION,
    by: str = typer.Option("week", "--by", help="day, week or month"),
    direction: str = typer.Option("undirected", "--direction", help="undirected, a-b, b-a or all"),
    start: str | None = typer.Option(None, "--start"), end: str | None = typer.Option(None, "--end"),
    dedup: str = typer.Option("cluster", "--dedup", help="cluster, one-a-day or none"),
    plot: Path | None = typer.Option(None, "--plot", help="Write a chart (.png or .svg)."),
    mark: list[str] = typer.Option([], "--mark", help="DATE[=label] vertical rule on the chart."),
    csv_out: Path | None = typer.Option(None, "--csv", help="Write the full series (all directions) as CSV."),
    around: str | None = typer.Option(None, "--around", help="Only print periods around this date."),
) -> None:
    """Per-period counts by quad class, Goldstein sum/mean, cci, escalation score and ladder level."""

    from ladder import analytics

    if by not in analytics.PERIODS:
        raise typer.BadParameter("--by must be day, week or month")
    err = Console(stderr=True)
    store = _open(db, err)
    events = _load(store, dedup, start, end, dyad=(a, b), directed=False)
    if events.empty:
        err.print(f"no events between {a} and {b}", highlight=False)
        raise typer.Exit(1)
    s = analytics.dyad_series(events, a.upper(), b.upper(), by, start=start, end=end)
    if csv_out:
        s.to_csv(csv_out, index=False)
    names = {"undirected": f"{a.upper()}<->{b.upper()}", "a-b": f"{a.upper()}->{b.upper()}",
             "b-a": f"{b.upper()}->{a.upper()}"}
    chosen = s if direction == "all" else s[s["direction"] == names.get(direction, direction)]
    out = Console(width=200)
    if around:
        one = chosen[chosen["direction"] == chosen["direction"].iloc[0]].reset_index(drop=True)
        out.print(analytics.summarise(one, around), highlight=False)
    else:
        out.print(df_table(chosen.assign(period=chosen["period"].dt.strftime("%Y-%m-%d")),
                           title=f"{a.upper()}-{b.upper()} by {by} ({dedup})", max_rows=10_000))
    und = s[s["direction"] == f"{a.upper()}<->{b.upper()}"].reset_index(drop=True)
    for cp in analytics.change_points(und):
        out.print(f"change point {str(cp['period'])[:10]}: {cp['direction']} "
                  f"(mean Goldstein sum {cp['before_mean']:.1f} -> {cp['after_mean']:.1f})", highlight=False)
    if plot:
        from ladder.charts import dyad_chart, save_chart

        marks = [(m.split("=", 1)[0], m.split("=", 1)[1] if "=" in m else m) for m in mark]
        title = f"{a.upper()}-{b.upper()} events per {by} (undirected, {dedup} dedup)"
        save_chart(dyad_chart(und, title, marks), plot)
        err.print(f"chart: {plot}", highlight=False)


def alerts_command(
    since: str = typer.Option(..., "--since", help="First period to report (ISO date)."),
    db: Path = DB_OPTION,
    by: str = typer.Option("week", "--by", help="day, week or month"),
    min_jump: int = typer.Option(2, "--min-jump", help="Rungs above the trailing max that raise an alert."),
    min_level: int = typer.Option(4, "--min-level", help="Lowest rung worth an alert (4 = threat)."),
    min_events: int = typer.Option(3, "--min-events", help="Dyads need this many events since --since."),
    dedup: str = typer.Option("cluster", "--dedup", help="cluster, one-a-day or none"),
) -> None:
    """Dyads whose escalation ladder level jumped (or whose Goldstein sum broke towards conflict)."""
    import pandas as pd

    from ladder import analytics

    err = Console(stderr=True)
    store = _open(db, err)
    window = analytics.DEFAULT_WINDOW[by]
    lookback = (pd.Timestamp(since) - pd.Timedelta(weeks=window + 1) if by == "week"
                else pd.Timestamp(since) - pd.DateOffset(months=window + 1) if by == "month"
                else pd.Timestamp(since) - pd.Timedelta(days=window + 1))
    events = _load(store, dedup, str(lookback.date()), None)
    table = analytics.alerts(events, since, by=by, min_jump=min_jump, min_level=min_level,
                             min_events=min_events)
    if table.empty:
        err.print("no alerts", highlight=False)
        return
    table["period"] = pd.to_datetime(table["period"]).dt.strftime("%Y-%m-%d")
    Console(width=200).print(df_table(table, title=f"alerts since {since}", max_rows=10_000))


def demo_summary(console: Console, db: Path, pairs: list[tuple[Document, list[Event]]]) -> None:
    """Store the demo's coded documents and end with dyad summaries (for ``ladder demo``)."""
    from ladder import analytics
    from ladder.store import FACT_STATUSES, Store

    store = Store(db)
    stats = ingest_pairs(store, [pairs])
    counts = store.counts()
    console.print(f"store {store.path}: {counts['documents']} documents, {counts['events']} events, "
                  f"{counts['clusters']} after dedup ({stats['skipped']} documents already stored)",
                  highlight=False)
    top = store.top_dyads(limit=5)
    if top.empty:
        return
    console.print(df_table(top, title="top dyads by conflict events"))
    a, b = top.iloc[0]["a"], top.iloc[0]["b"]
    ev = store.events(dyad=(a, b), directed=False, dedup="cluster", status=list(FACT_STATUSES))
    s = analytics.dyad_series(ev, a, b, "month")
    und = s[s["direction"] == f"{a}<->{b}"].reset_index(drop=True)
    console.print(f"{a}-{b} by month (undirected):", highlight=False)
    console.print(analytics.summarise(und, str(und["period"].iloc[-1])[:10], k=len(und)), highlight=False)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("query")(query_command)
    app.command("export")(export_command)
    app.command("dyad")(dyad_command)
    app.command("alerts")(alerts_command)
