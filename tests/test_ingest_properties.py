"""Property tests: arbitrary bytes and JSON never crash the reader or lose a good record."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ladder.ingest import Rejected, read_documents

# LADDER_FUZZ_EXAMPLES=2000 for a longer local hunt; the default keeps CI fast.
SETTINGS = settings(
    max_examples=int(os.environ.get("LADDER_FUZZ_EXAMPLES", "60")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)

# Text that survives JSON round trip and whitespace stripping unchanged.
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=40
)


def _read(path: Path, **kw):
    rejects: list[Rejected] = []
    docs = list(read_documents([path], on_reject=rejects.append, on_warning=lambda w: None, **kw))
    return docs, rejects


@SETTINGS
@given(data=st.binary(max_size=3000), name=st.sampled_from(
    ["x.jsonl", "x.csv", "x.tsv", "x.txt", "x.html", "x.rss", "x.warc", "x.gz", "x.zip", "noext"]))
def test_random_bytes_never_crash(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        docs, rejects = _read(path)
        for doc in docs:
            assert doc.text.strip() and doc.id and doc.origin
        for rej in rejects:
            assert rej.origin.startswith(str(path)) and rej.reason


@SETTINGS
@given(
    good=st.lists(texts, min_size=1, max_size=6),
    junk=st.lists(st.one_of(json_values.map(lambda v: json.dumps(v).encode()), st.binary(max_size=200)),
                  max_size=8),
    order=st.randoms(use_true_random=False),
)
def test_valid_records_survive_any_junk_around_them(good: list[str], junk: list[bytes], order) -> None:
    records = [json.dumps({"id": f"good-{i}", "text": t}).encode() for i, t in enumerate(good)]
    # junk never contains a newline, so each junk item is one line of its own
    lines = records + [j.replace(b"\n", b" ").replace(b"\r", b" ") for j in junk]
    order.shuffle(lines)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mixed.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        docs, rejects = _read(path)
    got = {(d.id, d.text) for d in docs}
    assert {(f"good-{i}", t) for i, t in enumerate(good)} <= got
    for rej in rejects:
        assert rej.origin.startswith(f"{path}:")


@SETTINGS
@given(rows=st.lists(st.lists(st.text(max_size=20), min_size=0, max_size=5), max_size=10),
       good=st.lists(texts, min_size=1, max_size=4))
def test_csv_junk_rows_never_cost_a_good_row(rows: list[list[str]], good: list[str]) -> None:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "text"])
    for i, text in enumerate(good):
        writer.writerow([f"good-{i}", text])
    for row in rows:
        writer.writerow(row)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mixed.csv"
        path.write_text(buf.getvalue(), encoding="utf-8")
        docs, _ = _read(path)
    got = {(d.id, d.text) for d in docs}
    assert {(f"good-{i}", t) for i, t in enumerate(good)} <= got
