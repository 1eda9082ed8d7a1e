"""Turn user inputs (files, directories, ``-``) into openable byte sources.

Why separate from the formats: a directory walk, stdin and unreadable paths are the
same problem for every format; each failure here becomes a reject naming the path, so
one bad entry in a directory never stops the others.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ladder.ingest.base import Reporter

STDIN = "-"


@dataclass
class Source:
    """One byte stream to read.

    ``origin`` is what messages show (the path as the user can find it, or
    ``archive.zip!member``); ``rel`` is the stable id base (path relative to the
    input root); ``name`` is used for extension-based detection.
    """

    origin: str
    rel: str
    name: str
    opener: Callable[[], IO[bytes]]
    path: Path | None = None  # real file on disk (zip needs random access)
    closes: bool = True  # False for stdin: never close the caller's stream


def _file_source(path: Path, rel: str) -> Source:
    return Source(str(path), rel, path.name, lambda: open(path, "rb"), path=path)


def _stdin_source() -> Source:
    def opener() -> IO[bytes]:
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is not None:
            return buffer  # type: ignore[no-any-return]
        return io.BytesIO(sys.stdin.read().encode("utf-8"))

    return Source("<stdin>", "stdin", "", opener, closes=False)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def expand_inputs(inputs: Sequence[str | Path], rep: Reporter) -> Iterator[Source]:
    """Yield a Source per readable file; reject missing/broken/special paths by name.

    Directories are walked recursively in path order, skipping hidden entries
    (``.git``, ``.DS_Store``); symlinked directories are not followed (no loops).
    An explicitly named FIFO or device (``<(zcat x.gz)``) is read; inside a
    directory walk it is rejected, because reading it could block forever.
    """
    for item in inputs:
        if str(item) == STDIN:
            yield _stdin_source()
            continue
        path = Path(item)
        try:
            st = path.stat()
        except FileNotFoundError:
            if path.is_symlink():
                rep.reject(str(path), f"broken symbolic link (points to {os.readlink(path)})")
            else:
                rep.reject(str(path), "no such file or directory")
            continue
        except OSError as exc:
            rep.reject(str(path), f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, rep)
        elif stat.S_ISREG(st.st_mode):
            yield _file_source(path, path.name)
        else:
            yield _file_source(path, path.name)  # a FIFO/device the user named: read it


def _walk(root: Path, rep: Reporter) -> Iterator[Source]:
    found = False
    for path in _sorted_tree(root, rep):
        rel = path.relative_to(root).as_posix()
        try:
            st = path.stat()
        except FileNotFoundError:
            rep.reject(str(path), "broken symbolic link" if path.is_symlink() else "vanished")
            continue
        except OSError as exc:
            rep.reject(str(path), f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISREG(st.st_mode):
            found = True
            yield _file_source(path, rel)
        elif stat.S_ISDIR(st.st_mode):  # a symlink to a directory: not followed
            rep.reject(str(path), "symbolic link to a directory (not followed)")
        else:
            rep.reject(str(path), f"skipped: {_kind(st.st_mode)}, not a regular file")
    if not found:
        rep.warn(str(root), "directory contains no readable files")


def _sorted_tree(folder: Path, rep: Reporter) -> Iterator[Path]:
    """Every non-hidden entry under ``folder`` in path order (``a.txt`` < ``b/1.txt``)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        rep.reject(str(folder), f"cannot read directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "__MACOSX":
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _sorted_tree(Path(entry.path), rep)
        else:
            yield Path(entry.path)
