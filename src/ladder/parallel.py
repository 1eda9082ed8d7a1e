"""Local multi-process coding: all cores of one machine, results in input order.

Why processes and not threads: the spaCy parser and the rule code hold the GIL, so
only separate processes use more than one core.  Each worker builds ONE Coder (in the
pool initializer) and keeps it; documents travel to workers in chunks, and only a
bounded number of chunks is in flight at a time, so memory stays flat however long
the input stream is.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any, Protocol

from ladder.types import Document, Event

#: documents sent to a worker at a time (one spaCy batch per chunk)
CHUNK_DOCS = 64


class CoderLike(Protocol):
    """What the parallel runners need from a coder (``ladder.coder.Coder`` fits)."""

    def code_documents(self, docs: Iterable[Document],
                       batch_size: int = ...) -> Iterator[tuple[Document, list[Event]]]: ...


@dataclass(frozen=True)
class CoderSpec:
    """How a worker process builds its coder: hashable and picklable by value.

    Why a spec and not a Coder or a closure: a Coder (spaCy pipeline, ONNX session)
    is large and not meant to be pickled; workers build their own from this recipe,
    once per process (cached by value, so re-sent specs do not reload the model).
    ``factory`` is ``"module:function"``, called with ``use_classifier`` and ``fast``.
    """

    use_classifier: bool = True
    fast: bool = True
    factory: str = "ladder.parallel:build_coder"


def build_coder(use_classifier: bool = True, fast: bool = True) -> CoderLike:
    """The default factory: the ladder Coder (``fast``: pre-filter sentences before parsing)."""
    import inspect

    from ladder.coder import Coder

    kwargs: dict[str, Any] = {"use_classifier": use_classifier}
    if "fast" in inspect.signature(Coder).parameters:
        kwargs["fast"] = fast
    return Coder(**kwargs)


@lru_cache(maxsize=4)
def coder_for(spec: CoderSpec) -> CoderLike:
    """The coder of this process for ``spec`` (built on first use, then reused)."""
    module, _, name = spec.factory.partition(":")
    factory = getattr(importlib.import_module(module), name)
    coder: CoderLike = factory(use_classifier=spec.use_classifier, fast=spec.fast)
    return coder


def default_processes() -> int:
    """Cores this process may use (respects CPU affinity / container limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def code_chunk(spec: CoderSpec, docs: list[Document],
               batch_size: int) -> tuple[list[list[Event]], list[tuple[str, str]]]:
    """Code one chunk with this process's coder; also returns the warnings raised.

    Why return warnings: a warning in a worker process (e.g. a non-English document)
    would otherwise be lost; the parent re-emits it.
    """
    coder = coder_for(spec)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = [evs for _, evs in coder.code_documents(docs, batch_size=batch_size)]
    return events, [(type(w.message).__name__, str(w.message)) for w in caught]


# -- multiprocessing pool ---------------------------------------------------------------
_WORKER_SPEC: CoderSpec | None = None


def _init_worker(spec: CoderSpec) -> None:
    global _WORKER_SPEC
    _WORKER_SPEC = spec
    # one core per process: keep BLAS/OpenMP from oversubscribing (as Dask's nanny does)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    coder_for(spec)  # load the model now, not inside the first task


def _work(args: tuple[list[Document], int]) -> tuple[list[list[Event]], list[tuple[str, str]]]:
    assert _WORKER_SPEC is not None, "worker not initialised"
    docs, batch_size = args
    return code_chunk(_WORKER_SPEC, docs, batch_size)


def _reemit(caught: list[tuple[str, str]]) -> None:
    for cls_name, message in caught:
        category: type[Warning] = UserWarning
        if cls_name == "NonEnglishWarning":
            try:
                from ladder.coder import NonEnglishWarning

                category = NonEnglishWarning
            except ImportError:  # pragma: no cover
                pass
        warnings.warn(message, category, stacklevel=3)


class ProcessPoolCoder:
    """A pool of worker processes, each holding one Coder; reusable across inputs.

    Why a class as well as ``code_parallel``: a long-running caller (a service, a
    benchmark, ``ladder ingest`` over many files) pays the model load once per worker,
    not once per input.  Use as a context manager; ``close()`` stops the workers.
    """

    def __init__(self, processes: int | None = None, *, spec: CoderSpec | None = None,
                 use_classifier: bool = True, start_method: str = "spawn") -> None:
        self.spec = spec or CoderSpec(use_classifier=use_classifier)
        self.processes = default_processes() if processes is None else processes
        if self.processes < 1:
            raise ValueError(f"processes must be >= 1, not {self.processes}")
        ctx = mp.get_context(start_method)
        self._pool = ctx.Pool(self.processes, initializer=_init_worker, initargs=(self.spec,))

    def __enter__(self) -> ProcessPoolCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def warm_up(self) -> None:
        """Block until every worker has loaded its Coder (for timing without start-up)."""
        probe = [Document(id="warm-up", text="")]
        results = [self._pool.apply_async(_work, ((probe, 1),)) for _ in range(self.processes)]
        for r in results:
            r.get()

    def code_documents(self, docs: Iterable[Document], chunk_docs: int = CHUNK_DOCS,
                       max_in_flight: int | None = None) -> Iterator[tuple[Document, list[Event]]]:
        """Stream (document, events) in input order; at most ``max_in_flight`` chunks queued."""
        if chunk_docs < 1:
            raise ValueError(f"chunk_docs must be >= 1, not {chunk_docs}")
        batch_size = min(chunk_docs, 32)
        limit = max_in_flight or 2 * self.processes
        it = iter(docs)
        pending: deque[tuple[list[Document], Any]] = deque()
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                chunk = list(islice(it, chunk_docs))
                if not chunk:
                    exhausted = True
                    break
                pending.append((chunk, self._pool.apply_async(_work, ((chunk, batch_size),))))
            if not pending:
                return
            chunk, result = pending.popleft()
            events, caught = result.get()
            _reemit(caught)
            yield from zip(chunk, events, strict=True)


def code_parallel(docs: Iterable[Document], processes: int | None = None,
                  chunk_docs: int = CHUNK_DOCS, *, use_classifier: bool = True,
                  spec: CoderSpec | None = None, max_in_flight: int | None = None,
                  start_method: str = "spawn") -> Iterator[tuple[Document, list[Event]]]:
    """Stream (document, events) pairs in input order, coding on ``processes`` cores.

    ``processes=None`` uses every available core; ``processes=1`` codes inline (no
    pool, no pickling).  At most ``max_in_flight`` chunks (default 2 per process) are
    queued or running, so memory does not grow with input size.  The events equal a
    single-process run's: every chunk is coded by the same Coder code path.
    """
    spec = spec or CoderSpec(use_classifier=use_classifier)
    n = default_processes() if processes is None else processes
    if n < 1:
        raise ValueError(f"processes must be >= 1, not {n}")
    if chunk_docs < 1:
        raise ValueError(f"chunk_docs must be >= 1, not {chunk_docs}")
    if n == 1:
        yield from coder_for(spec).code_documents(docs, batch_size=min(chunk_docs, 32))
        return
    with ProcessPoolCoder(n, spec=spec, start_method=start_method) as pool:
        yield from pool.code_documents(docs, chunk_docs, max_in_flight)
