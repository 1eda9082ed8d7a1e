"""CLI glue for commands that read documents (``ladder code``, ``ladder ingest``).

Exit status convention (every command that reads inputs):

* ``0`` (:data:`EXIT_OK`): every input record was read; nothing rejected.
* ``3`` (:data:`EXIT_REJECTS`): some records or files were rejected (listed on stderr
  and, with ``--rejects PATH``, written there as JSON Lines with the reason), but
  every good record was processed.
* ``2`` (:data:`EXIT_USAGE`): usage error (bad option value) or nothing readable:
  no document came out of the inputs at all.

Why here: the commands stay thin and behave identically.  Typical use::

    opts = build_read_options(input_format, id_col, text_col, date_col, outlet_col,
                              url_col, title_col, max_doc_chars)
    with RejectSink(rejects) as sink:
        n = 0
        for doc in read_documents(inputs, opts, on_reject=sink, on_warning=sink.warn):
            n += 1
            ...
    raise typer.Exit(sink.exit_code(n))
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Annotated

import typer

from ladder.ingest.base import DEFAULT_MAX_DOC_CHARS, FORMATS, ReadOptions, Rejected

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_REJECTS = 3

# Reusable typer option declarations, so every command spells them the same way.
InputFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--input-format",
        help=f"Input format ({'|'.join(FORMATS)}); default: detect from extension and content.",
    ),
]
IdColOpt = Annotated[str | None, typer.Option("--id-col", help="CSV column / JSON key with the document id.")]
TextColOpt = Annotated[str | None, typer.Option("--text-col", help="CSV column / JSON key with the text.")]
DateColOpt = Annotated[str | None, typer.Option("--date-col", help="CSV column / JSON key with the date.")]
OutletColOpt = Annotated[str | None, typer.Option("--outlet-col", help="CSV column / JSON key with the outlet.")]
UrlColOpt = Annotated[str | None, typer.Option("--url-col", help="CSV column / JSON key with the URL.")]
TitleColOpt = Annotated[str | None, typer.Option("--title-col", help="CSV column / JSON key with the title.")]
MaxDocCharsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-doc-chars",
        help=f"Reject records longer than this (default {DEFAULT_MAX_DOC_CHARS:,}).",
        min=1,
    ),
]
RejectsOpt = Annotated[
    Path | None,
    typer.Option("--rejects", help="Write rejected records (origin, reason, raw) to this JSONL file."),
]


def build_read_options(
    input_format: str | None = None,
    id_col: str | None = None,
    text_col: str | None = None,
    date_col: str | None = None,
    outlet_col: str | None = None,
    url_col: str | None = None,
    title_col: str | None = None,
    max_doc_chars: int | None = None,
) -> ReadOptions:
    """ReadOptions from option values; a bad value is a usage error (exit 2)."""
    fmt = input_format.strip().lower() if input_format else None
    if fmt in ("json", "ndjson"):
        fmt = "jsonl"
    elif fmt in ("atom", "feed", "xml"):
        fmt = "rss"
    elif fmt in ("text", "md"):
        fmt = "txt"
    elif fmt == "htm":
        fmt = "html"
    if fmt is not None and fmt not in FORMATS:
        raise typer.BadParameter(
            f"{input_format!r} is not a format; use one of {', '.join(FORMATS)}",
            param_hint="--input-format",
        )
    if max_doc_chars is not None and max_doc_chars < 1:
        raise typer.BadParameter("must be a positive number", param_hint="--max-doc-chars")
    return ReadOptions(
        input_format=fmt,
        id_col=id_col,
        text_col=text_col,
        date_col=date_col,
        outlet_col=outlet_col,
        url_col=url_col,
        title_col=title_col,
        max_doc_chars=max_doc_chars,
    )


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


class RejectSink:
    """Collects rejects: writes them to ``path`` as JSONL, echoes the first ones to stderr.

    Use as ``on_reject=sink`` and ``on_warning=sink.warn``; after reading, ask
    :meth:`exit_code` for the process status.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        echo: Callable[[str], None] | None = _stderr,
        max_echo: int = 20,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.echo = echo
        self.max_echo = max_echo
        self.count = 0
        self.warnings = 0
        self._file: IO[str] | None = None

    def __enter__(self) -> RejectSink:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("w", encoding="utf-8")
        return self

    def __call__(self, rejected: Rejected) -> None:
        self.count += 1
        if self._file is not None:
            self._file.write(json.dumps(rejected.to_dict(), ensure_ascii=False) + "\n")
        self._say(f"rejected {rejected}", self.count)

    def warn(self, message: str) -> None:
        self.warnings += 1
        self._say(f"warning: {message}", self.warnings)

    def _say(self, message: str, n: int) -> None:
        if self.echo is None:
            return
        if n <= self.max_echo:
            self.echo(message)
        elif n == self.max_echo + 1:
            self.echo("... (further messages of this kind not shown)")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        if self.echo is not None and self.count:
            where = f"; written to {self.path}" if self.path else "; use --rejects PATH to keep them"
            self.echo(f"{self.count} input record(s) rejected{where}")

    def exit_code(self, documents: int) -> int:
        """Exit status for a run that produced ``documents`` documents (see module doc)."""
        return exit_code(documents, self.count)


def exit_code(documents: int, rejected: int) -> int:
    """0 = all read, 3 = some rejected but good records processed, 2 = nothing readable."""
    if documents == 0:
        return EXIT_USAGE
    return EXIT_REJECTS if rejected else EXIT_OK
