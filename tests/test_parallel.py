"""Local multi-process coding (issue #6): same events as one process, input order kept."""

from __future__ import annotations

import json
import warnings

import pytest

from ladder.parallel import CoderSpec, code_parallel, default_processes
from ladder.types import Document


def _wikinews(shared_dir, n: int) -> list[Document]:
    path = shared_dir / "corpora" / "general_wikinews_2019_2020.jsonl"
    if not path.exists():
        pytest.skip("Wikinews corpus not present")
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            docs.append(Document(id=r["id"], text=r["text"], date=r.get("date"),
                                 outlet=r.get("source"), url=r.get("url"), title=r.get("title")))
            if len(docs) >= n:
                break
    return docs


def _as_dicts(pairs) -> list[tuple[str, list[dict]]]:
    return [(doc.id, [e.to_dict() for e in events]) for doc, events in pairs]


@pytest.fixture(scope="module")
def docs(shared_dir) -> list[Document]:
    # a non-English document and an empty one ride along: both must come back, in place
    news = _wikinews(shared_dir, 16)
    extra = [Document(id="empty", text=""),
             Document(id="russian", text="Правительство России в понедельник ввело новые "
                      "санкции против Украины, сообщило министерство.")]
    return news[:5] + extra + news[5:]


@pytest.fixture(scope="module")
def reference(coder, docs) -> list[tuple[str, list[dict]]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _as_dicts(coder.code_documents(docs))


def test_two_processes_give_the_single_process_events_in_input_order(docs, reference):
    assert sum(len(evs) for _, evs in reference) > 10, "fixture should produce events"
    with pytest.warns(UserWarning, match="russian"):
        got = _as_dicts(code_parallel(docs, processes=2, chunk_docs=3, max_in_flight=2))
    assert [d for d, _ in got] == [d.id for d in docs]
    assert got == reference


def test_inline_run_streams_and_matches(coder, docs, reference):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = _as_dicts(code_parallel(iter(docs), processes=1))
    assert got == reference


def test_bad_arguments_are_rejected():
    with pytest.raises(ValueError, match="processes"):
        next(code_parallel([Document(id="a", text="x")], processes=0))
    with pytest.raises(ValueError, match="chunk_docs"):
        next(code_parallel([Document(id="a", text="x")], processes=2, chunk_docs=0))
    assert default_processes() >= 1
    assert hash(CoderSpec()) == hash(CoderSpec())  # workers cache the Coder by value
