"""Bad input never costs a good record: each case from issue #7 with a real file."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
from pathlib import Path

import pytest
import typer

from ladder.ingest import ReadOptions, Rejected, read_documents
from ladder.ingest.cli_options import (
    EXIT_OK,
    EXIT_REJECTS,
    EXIT_USAGE,
    RejectSink,
    build_read_options,
)

GOOD = {"id": "good-1", "text": "Troops withdrew from the border town on Monday.", "date": "2022-03-07"}
GOOD2 = {"id": "good-2", "text": "Ministers met in Geneva to discuss a ceasefire.", "date": "2022-03-08"}


def read(inputs, opts=None):
    rejects: list[Rejected] = []
    warnings: list[str] = []
    docs = list(read_documents(inputs, opts, on_reject=rejects.append, on_warning=warnings.append))
    return docs, rejects, warnings


def jl(*objs) -> bytes:
    return b"".join(json.dumps(o).encode() + b"\n" for o in objs)


def test_empty_file_is_reported_and_others_still_read(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "good.jsonl").write_bytes(jl(GOOD))
    docs, rejects, _ = read([tmp_path])
    assert [d.id for d in docs] == ["good-1"]
    assert [(r.origin, r.reason) for r in rejects] == [(str(tmp_path / "empty.jsonl"), "empty file: no documents")]


def test_binary_files_rejected_by_name(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    (tmp_path / "photo.png").write_bytes(png)
    (tmp_path / "notes.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (tmp_path / "dump.jsonl").write_bytes(jl(GOOD) + os.urandom(64).replace(b"\n", b"") + b"\x00\n" + jl(GOOD2))
    (tmp_path / "article.txt").write_text("Police detained two journalists.", encoding="utf-8")
    docs, rejects, _ = read([tmp_path])
    assert sorted(d.id for d in docs) == ["article.txt", "good-1", "good-2"]
    reasons = {r.origin: r.reason for r in rejects}
    assert "PNG image" in reasons[str(tmp_path / "photo.png")]
    assert "binary" in reasons[str(tmp_path / "notes.txt")]
    assert "binary data" in reasons[f"{tmp_path / 'dump.jsonl'}:2"]


def test_invalid_utf8_replaced_with_warning_naming_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    first = jl(GOOD)
    bad = b'{"id": "bad-utf8", "text": "S\xe3o Paulo police clashed with protesters."}\n'
    path.write_bytes(first + bad)
    docs, rejects, warnings = read([path])
    assert rejects == []
    assert [d.id for d in docs] == ["good-1", "bad-utf8"]
    assert docs[1].text == "S\ufffdo Paulo police clashed with protesters."
    offset = len(first) + bad.index(b"\xe3")
    assert warnings == [f"{path}:2: invalid UTF-8 at byte offset {offset} (decoded with replacement characters)"]


def test_invalid_utf8_in_txt_and_csv(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"Troops \xff\xfe entered.")
    (tmp_path / "b.csv").write_bytes(b"id,text\nc1,Caf\xe9 bombed.\n")
    docs, rejects, warnings = read([tmp_path])
    assert rejects == []
    assert [d.text for d in docs] == ["Troops \ufffd\ufffd entered.", "Caf\ufffd bombed."]
    assert any(w.startswith(f"{tmp_path / 'a.txt'}: invalid UTF-8 at byte offset 7") for w in warnings)
    assert any(w.startswith(f"{tmp_path / 'b.csv'}:2: invalid UTF-8 at byte offset 14") for w in warnings)


def test_bom_is_stripped_in_every_text_format(tmp_path: Path) -> None:
    bom = codecs.BOM_UTF8
    (tmp_path / "a.jsonl").write_bytes(bom + jl(GOOD))
    (tmp_path / "b.csv").write_bytes(bom + b"id,text\nc1,Rebels shelled the airport.\n")
    (tmp_path / "c.txt").write_bytes(bom + b"Talks collapsed.")
    docs, rejects, warnings = read([tmp_path])
    assert rejects == [] and warnings == []
    assert [(d.id, d.text) for d in docs] == [
        ("good-1", GOOD["text"]),
        ("c1", "Rebels shelled the airport."),
        ("c.txt", "Talks collapsed."),
    ]


def test_utf16_spreadsheet_export(tmp_path: Path) -> None:
    path = tmp_path / "excel.tsv"
    path.write_bytes("id\ttext\nu1\tKyiv said talks would resume.\n".encode("utf-16"))
    docs, rejects, _ = read([path])
    assert rejects == []
    assert [(d.id, d.text) for d in docs] == [("u1", "Kyiv said talks would resume.")]


def test_100_mb_single_line_is_rejected_and_neighbours_kept(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    size = 100 * 1024 * 1024
    with path.open("wb") as fh:
        fh.write(jl(GOOD))
        fh.write(b'{"id": "huge", "text": "')
        block = b"a" * (1 << 20)
        for _ in range(size // len(block)):
            fh.write(block)
        fh.write(b'"}\n')
        fh.write(jl(GOOD2))
    docs, rejects, _ = read([path])
    assert [d.id for d in docs] == ["good-1", "good-2"]
    (rej,) = rejects
    assert rej.origin == f"{path}:2"
    line_bytes = size + len(b'{"id": "huge", "text": ""}\n')
    assert rej.reason.startswith(f"record too long: {line_bytes:,} bytes") and "--max-doc-chars" in rej.reason


def test_max_doc_chars_applies_to_text(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(jl(GOOD, {"id": "long", "text": "x" * 500}))
    docs, rejects, _ = read([path], ReadOptions(max_doc_chars=200))
    assert [d.id for d in docs] == ["good-1"]
    assert rejects[0].origin == f"{path}:2" and "over the limit of 200" in rejects[0].reason


def test_malformed_json_lines_are_rejected_with_line_and_raw(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(jl(GOOD) + b'{"id": "cut", "text": "Troops\n' + b"\n" + b"[1, 2]\n"
                     + b'{"id": "no-text", "title": null}\n' + b'{"id": 7, "text": 12}\n' + jl(GOOD2))
    docs, rejects, _ = read([path])
    assert [d.id for d in docs] == ["good-1", "good-2"]
    got = [(r.origin.rsplit(":", 1)[1], r.reason.split(":")[0].split(" (")[0]) for r in rejects]
    assert got == [
        ("2", "malformed JSON"),
        ("4", "JSON value is an array, not an object with a text field"),
        ("5", "no text field"),
        ("6", "field 'text' is a int, not text"),
    ]
    assert rejects[0].raw == '{"id": "cut", "text": "Troops\n'


def test_csv_missing_text_column_rejects_file_with_the_header(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,date,tone\n1,2022-03-07,-2.5\n", encoding="utf-8")
    docs, rejects, _ = read([path])
    assert docs == []
    (rej,) = rejects
    assert rej.origin == f"{path}:1"
    assert "no text column" in rej.reason and "'id', 'date', 'tone'" in rej.reason
    docs, rejects, _ = read([path], ReadOptions(text_col="body"))
    assert "'body'" in rejects[0].reason


def test_csv_ragged_rows(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(
        "id,text,date\n"
        "r1,Police fired tear gas.,2022-03-07\n"
        "r2,Talks failed, officials said,2022-03-08\n"  # unquoted comma: shifted columns
        "r3\n"  # text cell missing
        "r4,Short row without date\n"  # fewer fields, text present: fine
        'r5,"unterminated quote,2022-03-09\n',
        encoding="utf-8",
    )
    docs, rejects, _ = read([path])
    assert [d.id for d in docs] == ["r1", "r4"]
    assert [r.origin for r in rejects][:2] == [f"{path}:3", f"{path}:4"]
    assert "4 fields but the header has 3" in rejects[0].reason
    assert "text column 'text' is missing" in rejects[1].reason
    assert len(rejects) == 3  # r5's open quote swallows the rest: reported, not coded
    assert rejects[2].origin == f"{path}:6" and "unexpected end of data" in rejects[2].reason


def test_html_without_main_text(tmp_path: Path) -> None:
    (tmp_path / "menu.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a>"
        "</nav><script>var x = 1;</script></body></html>", encoding="utf-8")
    (tmp_path / "ok.html").write_text(
        "<html><body><article><p>Troops entered the town of Izium on Monday, officials said.</p>"
        "</article></body></html>", encoding="utf-8")
    docs, rejects, _ = read([tmp_path])
    assert [d.id for d in docs] == ["ok.html"]
    assert rejects[0].origin == str(tmp_path / "menu.html")
    assert "no main text" in rejects[0].reason


BROKEN_FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Talks fail</title><link>https://w.example/1</link><pubDate>Mon, 07 Mar 2022 10:00:00 GMT</pubDate>
<description>Negotiators failed to agree.</description></item>
<item></item>
<item><title>Strike on depot</title><pubDate>sometime last week-ish</pubDate>
<description>A drone hit a fuel depot &amp; caused a fire.</description></item>
<item><title>Cut off</title><description>This entry is never closed
"""


def test_feed_with_broken_entries(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(BROKEN_FEED, encoding="utf-8")
    docs, rejects, warnings = read([path])
    assert [d.title for d in docs[:2]] == ["Talks fail", "Strike on depot"]
    assert docs[0].date == "2022-03-07" and docs[1].date is None
    assert docs[1].text == "A drone hit a fuel depot & caused a fire."
    assert [(r.origin, r.reason) for r in rejects] == [(f"{path}#entry2", "entry has no title, summary or content")]
    assert any("malformed" in w for w in warnings)
    assert any(f"{path}#entry3: cannot read date" in w for w in warnings)


def test_not_a_feed_at_all(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<?xml version='1.0'?><rss><channel><title>x</ti", encoding="utf-8")
    docs, rejects, _ = read([path])
    assert docs == [] and rejects[0].origin == str(path)


def test_truncated_gzip_keeps_records_before_the_cut(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = ["troops", "attacked", "the", "city", "talks", "ministers", "met", "protest"]
    rows = [{"id": f"r{i}", "text": " ".join(rng.choice(words) for _ in range(40))} for i in range(2000)]
    data = gzip.compress(jl(*rows))
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, rejects, _ = read([path])
    n = len(docs)
    assert 500 < n < 2000
    assert [d.id for d in docs] == [f"r{i}" for i in range(n)]  # every record before the cut
    (rej,) = rejects
    assert rej.origin == f"{path}:{n + 1}"
    assert "input ends early" in rej.reason and "end-of-stream" in rej.reason


def test_truncated_gzip_of_whole_file_format(tmp_path: Path) -> None:
    data = gzip.compress(("Talks collapsed. " * 5000).encode())
    path = tmp_path / "story.txt.gz"
    path.write_bytes(data[:-20])
    docs, rejects, _ = read([path])
    assert docs == []
    assert rejects[0].origin == str(path) and "truncated" in rejects[0].reason


def test_directory_with_unreadable_entries(tmp_path: Path) -> None:
    (tmp_path / "good.jsonl").write_bytes(jl(GOOD))
    (tmp_path / "dangling.jsonl").symlink_to(tmp_path / "missing.jsonl")
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "folder.jsonl").mkdir()
    (tmp_path / "folder.jsonl" / "inner.txt").write_text("Rebels seized the airport.", encoding="utf-8")
    docs, rejects, _ = read([tmp_path, tmp_path / "nowhere.csv"])
    assert [d.id for d in docs] == ["folder.jsonl/inner.txt", "good-1"]
    reasons = {Path(r.origin).name: r.reason for r in rejects}
    assert reasons["dangling.jsonl"].startswith("broken symbolic link")
    assert reasons["pipe.jsonl"] == "skipped: a FIFO, not a regular file"
    assert reasons["nowhere.csv"] == "no such file or directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read chmod 000 files")
def test_permission_denied_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.jsonl"
    locked.write_bytes(jl(GOOD2))
    locked.chmod(0)
    (tmp_path / "good.jsonl").write_bytes(jl(GOOD))
    try:
        docs, rejects, _ = read([tmp_path])
    finally:
        locked.chmod(0o644)
    assert [d.id for d in docs] == ["good-1"]
    assert rejects[0].origin == str(locked) and "Permission denied" in rejects[0].reason


def test_duplicate_ids_warned_generated_ids_unique(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(jl(GOOD, GOOD))
    docs, _, warnings = read([tmp_path / "a.jsonl"])
    assert [d.id for d in docs] == ["good-1", "good-1"]
    assert any("duplicate id 'good-1'" in w for w in warnings)
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "s.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "y").mkdir()
    (tmp_path / "y" / "s.txt").write_text("Two.", encoding="utf-8")
    docs, _, _ = read([tmp_path / "x" / "s.txt", tmp_path / "y" / "s.txt"])
    assert [d.id for d in docs] == ["s.txt", "s.txt~2"]


def test_reject_sink_writes_rejects_and_sets_exit_status(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(jl(GOOD) + b"{oops\n" + jl(GOOD2))
    out = tmp_path / "out" / "rejects.jsonl"
    echoed: list[str] = []
    with RejectSink(out, echo=echoed.append) as sink:
        n = sum(1 for _ in read_documents([path], build_read_options(), on_reject=sink, on_warning=sink.warn))
    assert n == 2 and sink.count == 1
    assert sink.exit_code(n) == EXIT_REJECTS
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {"origin": f"{path}:2", "reason": "malformed JSON: Expecting property name "
                                "enclosed in double quotes (column 2)", "raw": "{oops\n"}
    assert echoed[0].startswith(f"rejected {path}:2: malformed JSON")
    assert "1 input record(s) rejected; written to" in echoed[-1]

    clean_file = tmp_path / "clean.jsonl"
    clean_file.write_bytes(jl(GOOD))
    with RejectSink(None, echo=None) as ok:
        n = sum(1 for _ in read_documents([clean_file], on_reject=ok))
    assert n == 1 and ok.exit_code(n) == EXIT_OK
    with RejectSink(None, echo=None) as nothing:
        n = sum(1 for _ in read_documents([tmp_path / "missing.jsonl"], on_reject=nothing))
    assert n == 0 and nothing.count == 1 and nothing.exit_code(n) == EXIT_USAGE


def test_build_read_options_validates() -> None:
    assert build_read_options("JSON").input_format == "jsonl"
    assert build_read_options("atom").input_format == "rss"
    assert build_read_options(text_col="body", max_doc_chars=10).text_col == "body"
    with pytest.raises(typer.BadParameter, match="not a format"):
        build_read_options("pdf")
