"""Ingest: every format analysts bring (txt, JSONL, CSV/TSV, HTML, RSS/Atom, WARC,
gzip/bz2/xz/zip of these, directories, stdin) as a stream of :class:`Document`.

Why a package of small readers behind one function: the CLI (``ladder code``,
``ladder ingest``) and the Python API need the same guarantees everywhere: a bad
record never costs a good one, and every problem is reported with its file and
line/record (see :mod:`ladder.ingest.cli_options` for the exit-status convention).

    from ladder.ingest import read_documents, ReadOptions
    for doc in read_documents(["news/"], ReadOptions(), on_reject=print, on_warning=print):
        ...
"""

from __future__ import annotations

from ladder.ingest.base import (
    DEFAULT_MAX_DOC_CHARS,
    FORMATS,
    IngestWarning,
    ReadOptions,
    Rejected,
)
from ladder.ingest.reader import read_documents

#: Alias kept for callers written against the first interface sketch.
Warning_ = IngestWarning

__all__ = [
    "DEFAULT_MAX_DOC_CHARS",
    "FORMATS",
    "IngestWarning",
    "ReadOptions",
    "Rejected",
    "Warning_",
    "read_documents",
]
