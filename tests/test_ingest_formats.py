"""Every input format, read from real files: the documents carry the right fields."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ladder.ingest import ReadOptions, Rejected, read_documents
from ladder.types import Document

ARTICLE = (
    "Russian and Ukrainian negotiators met in Belarus on Monday but failed to agree on a "
    "ceasefire, officials said. The delegations will meet again next week, according to a "
    "Ukrainian presidential adviser. Meanwhile, shelling continued in the eastern city of "
    "Kharkiv, where local authorities reported damage to several residential buildings."
)

NEWS_HTML = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ceasefire talks end without agreement | Example Times</title>
<meta property="og:title" content="Ceasefire talks end without agreement">
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2022-03-07T10:00:00Z">
<link rel="canonical" href="https://example.com/world/ceasefire-talks">
</head><body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Ceasefire talks end without agreement</h1>
<p class="byline">By A. Reporter</p>
<p>{ARTICLE}</p>
<p>The United Nations called on both sides to protect civilians and to allow humanitarian
corridors out of besieged towns, a spokesperson said in New York.</p>
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Celebrity news</a></li></ul></aside>
<footer>Copyright 2022 Example Times. All rights reserved.</footer>
</body></html>
"""


def read(inputs, opts=None):
    rejects: list[Rejected] = []
    warnings: list[str] = []
    docs = list(read_documents(inputs, opts, on_reject=rejects.append, on_warning=warnings.append))
    return docs, rejects, warnings


def test_txt_is_one_document_with_path_id(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "report.txt").write_text(ARTICLE + "\n\nSecond paragraph.\n", encoding="utf-8")
    docs, rejects, _ = read([tmp_path])
    assert rejects == []
    assert len(docs) == 1
    assert docs[0].id == "sub/report.txt"
    assert docs[0].text.startswith("Russian and Ukrainian") and "Second paragraph." in docs[0].text
    assert docs[0].origin == str(tmp_path / "sub" / "report.txt")
    single, _, _ = read([tmp_path / "sub" / "report.txt"])
    assert single[0].id == "report.txt"


def test_jsonl_fields_dates_and_generated_ids(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    rows = [
        {"id": "a1", "text": ARTICLE, "date": "Mon, 07 Mar 2022 10:00:00 GMT", "source": "Reuters",
         "url": "https://example.com/a1", "title": "Talks fail"},
        {"text": "Protesters marched in Belgrade.", "date": "2022-03-08T10:00Z"},
        # NewsAPI shape: nested source, publishedAt, content
        {"source": {"id": "bbc-news", "name": "BBC News"}, "title": "Sanctions",
         "content": "The EU imposed sanctions on Belarus.", "publishedAt": "2022-03-09T08:00:00Z",
         "url": "https://bbc.example/s"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs, rejects, _ = read([path])
    assert rejects == []
    assert [d.id for d in docs] == ["a1", "news.jsonl:2", "news.jsonl:3"]
    assert docs[0] == Document("a1", ARTICLE, "2022-03-07", "Reuters", "https://example.com/a1",
                               "Talks fail", f"{path}:1")
    assert docs[1].date == "2022-03-08"
    assert (docs[2].outlet, docs[2].date, docs[2].text) == ("BBC News", "2022-03-09",
                                                            "The EU imposed sanctions on Belarus.")


def test_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"id": "x", "body": "Troops withdrew."}, {"id": "y", "body": "Talks resumed."}],
                               indent=2), encoding="utf-8")
    docs, rejects, _ = read([path])
    assert rejects == []
    assert [(d.id, d.text) for d in docs] == [("x", "Troops withdrew."), ("y", "Talks resumed.")]
    assert docs[1].origin == f"{path}#record2"


def test_csv_default_columns_and_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        'id,title,text,publish_date,source,url\n'
        'n1,Talks,"Talks failed, officials said.\nA second line.",2022-03-07,AP,https://ap.example/1\n'
        'n2,Clash,Police clashed with protesters.,March 8 2022,AFP,\n',
        encoding="utf-8",
    )
    docs, rejects, _ = read([path])
    assert rejects == []
    assert [d.id for d in docs] == ["n1", "n2"]
    assert docs[0].text == "Talks failed, officials said.\nA second line."
    assert (docs[0].date, docs[0].outlet, docs[0].url, docs[0].title) == (
        "2022-03-07", "AP", "https://ap.example/1", "Talks")
    assert docs[1].origin == f"{path}:4"  # the first record spans lines 2-3
    assert docs[1].date == "2022-03-08" and docs[1].url is None


def test_csv_column_flags(tmp_path: Path) -> None:
    path = tmp_path / "api.csv"
    path.write_text("key;story;when;paper\nk1;Iran rejected the offer.;20220307;Tehran Times\n", encoding="utf-8")
    opts = ReadOptions(id_col="key", text_col="story", date_col="when", outlet_col="paper")
    docs, rejects, _ = read([path], opts)
    assert rejects == []
    assert (docs[0].id, docs[0].text, docs[0].date, docs[0].outlet) == (
        "k1", "Iran rejected the offer.", "2022-03-07", "Tehran Times")


def test_tsv_and_headline_only_export(tmp_path: Path) -> None:
    path = tmp_path / "headlines.tsv"
    path.write_text("date\ttitle\tsource\n2022-03-01\tRussia shells Kharkiv\tBBC News\n", encoding="utf-8")
    docs, rejects, warnings = read([path])
    assert rejects == []
    assert docs[0].text == "Russia shells Kharkiv" and docs[0].outlet == "BBC News"
    assert any("using 'title' as the text" in w for w in warnings)


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "article.html"
    path.write_text(NEWS_HTML, encoding="utf-8")
    docs, rejects, _ = read([path])
    assert rejects == []
    (doc,) = docs
    assert doc.title == "Ceasefire talks end without agreement"
    assert doc.date == "2022-03-07"
    assert doc.outlet == "Example Times"
    assert doc.url == "https://example.com/world/ceasefire-talks"
    assert "failed to agree on a ceasefire" in doc.text
    assert "Celebrity news" not in doc.text and "All rights reserved" not in doc.text


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>World Wire</title><link>https://wire.example/</link><description>World news</description>
<item><title>Talks fail in Belarus</title><link>https://wire.example/1</link>
<guid>wire-1</guid><pubDate>Mon, 07 Mar 2022 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Negotiators &lt;b&gt;failed&lt;/b&gt; to agree on a ceasefire.&lt;/p&gt;</description></item>
<item><title>Sanctions widened</title><link>https://wire.example/2</link>
<pubDate>Tue, 08 Mar 2022 09:00:00 GMT</pubDate>
<description>The EU widened sanctions on Russian banks.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Conflict Monitor</title><id>urn:cm</id><updated>2022-03-09T00:00:00Z</updated>
<entry><title>Drone strike reported</title><id>urn:cm:1</id>
<link href="https://cm.example/1"/><updated>2022-03-09T12:00:00Z</updated>
<content type="html">&lt;p&gt;A drone struck a fuel depot near Belgorod.&lt;/p&gt;&lt;p&gt;Officials blamed Ukraine.&lt;/p&gt;</content>
</entry></feed>
"""


def test_rss_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(RSS, encoding="utf-8")
    docs, rejects, _ = read([path])
    assert rejects == []
    assert [d.id for d in docs] == ["wire-1", "https://wire.example/2"]
    assert docs[0].text == "Negotiators failed to agree on a ceasefire."
    assert (docs[0].date, docs[0].url, docs[0].outlet, docs[0].title) == (
        "2022-03-07", "https://wire.example/1", "World Wire", "Talks fail in Belarus")
    assert docs[1].origin == f"{path}#entry2"


def test_atom_feed(tmp_path: Path) -> None:
    path = tmp_path / "monitor.atom"
    path.write_text(ATOM, encoding="utf-8")
    docs, rejects, _ = read([path])
    assert rejects == []
    (doc,) = docs
    assert doc.text == "A drone struck a fuel depot near Belgorod.\nOfficials blamed Ukraine."
    assert (doc.id, doc.date, doc.url, doc.outlet) == ("urn:cm:1", "2022-03-09", "https://cm.example/1",
                                                       "Conflict Monitor")


def _write_warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for uri, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                               http_headers=headers)
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path, [
        ("https://example.com/world/ceasefire-talks", "text/html; charset=utf-8", NEWS_HTML.encode()),
        ("https://example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        ("https://example.com/empty", "text/html", b"<html><body><nav>Home</nav></body></html>"),
    ])
    docs, rejects, warnings = read([path])
    (doc,) = docs
    assert doc.id == doc.url == "https://example.com/world/ceasefire-talks"
    assert doc.date == "2022-03-07" and "ceasefire" in doc.text
    assert doc.origin == f"{path}#record1"
    assert [r.origin for r in rejects] == [f"{path}#record3"]
    assert "no main text" in rejects[0].reason
    assert any("not HTML pages" in w for w in warnings)


def test_gzip_bz2_and_zip_of_formats(tmp_path: Path) -> None:
    line = json.dumps({"id": "g1", "text": "Troops crossed the border."}) + "\n"
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(line.encode()))
    (tmp_path / "b.jsonl.bz2").write_bytes(bz2.compress(line.replace("g1", "b1").encode()))
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as zf:
        zf.writestr("inner/one.txt", "Ministers met in Geneva.")
        zf.writestr("feed.rss", RSS)
        zf.writestr("rows.csv", "id,text\nz1,Rebels seized the town.\n")
        zf.writestr("__MACOSX/._one.txt", "junk")
    docs, rejects, _ = read([tmp_path])
    assert rejects == []
    by_id = {d.id: d for d in docs}
    assert set(by_id) == {"g1", "b1", "bundle.zip!inner/one.txt", "wire-1", "https://wire.example/2", "z1"}
    assert by_id["g1"].origin == f"{tmp_path / 'a.jsonl.gz'}:1"
    assert by_id["z1"].origin == f"{tmp_path / 'bundle.zip'}!rows.csv:2"


def test_directory_is_walked_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Notes about the talks.", encoding="utf-8")
    docs, rejects, _ = read([tmp_path])
    assert rejects == []
    assert [d.id for d in docs] == ["a.txt", "b/2.txt", "notes.md"]


def test_stdin_is_read_with_content_detection(tmp_path: Path) -> None:
    code = (
        "import json, sys\n"
        "from ladder.ingest import read_documents\n"
        "print(json.dumps([d.to_dict() for d in read_documents(['-'])]))\n"
    )
    data = json.dumps({"id": "s1", "text": "Police arrested protesters.", "date": "20220307"}) + "\n"
    out = subprocess.run([sys.executable, "-c", code], input=data.encode(), capture_output=True, check=True)
    (doc,) = json.loads(out.stdout)
    assert (doc["id"], doc["date"], doc["origin"]) == ("s1", "2022-03-07", "<stdin>:1")


def test_input_format_overrides_extension(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_text('{"id": "o1", "text": "Talks resumed."}\n', encoding="utf-8")
    as_text, _, _ = read([path])
    assert as_text[0].id == "dump.txt"
    as_jsonl, _, _ = read([path], ReadOptions(input_format="jsonl"))
    assert (as_jsonl[0].id, as_jsonl[0].text) == ("o1", "Talks resumed.")
    with pytest.raises(ValueError, match="unknown input format"):
        list(read_documents([path], ReadOptions(input_format="pdf")))


def test_content_detection_without_extension(tmp_path: Path) -> None:
    (tmp_path / "download").write_text(RSS, encoding="utf-8")
    (tmp_path / "page").write_text(NEWS_HTML, encoding="utf-8")
    docs, rejects, _ = read([tmp_path])
    assert rejects == []
    assert {d.title for d in docs} >= {"Talks fail in Belarus", "Ceasefire talks end without agreement"}


def test_bundled_wikinews_sample_reads_cleanly() -> None:
    from ladder.ontology import data_path

    path = data_path("samples/wikinews_sample.jsonl")
    docs, rejects, warnings = read([path])
    assert rejects == [] and warnings == []
    assert len(docs) == 12
    assert all(d.outlet == "Wikinews" and d.date and d.url and d.title for d in docs)
    assert len({d.id for d in docs}) == 12
