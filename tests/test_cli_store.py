"""`ladder ingest/query/export/dyad/alerts` end to end on real DuckDB files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from store_helpers import headline
from typer.testing import CliRunner

from ladder.cli.main import app
from ladder.store import Store

runner = CliRunner()
LADDER = [sys.executable, "-m", "ladder.cli.main"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "events.duckdb"
    s = Store(path)
    items = []
    for week in range(12):
        day = f"2022-{1 + (week * 7) // 31:02d}-{1 + (week * 7) % 28:02d}"
        items.append(headline(f"s{week}", "RUS", "UKR", "111", f"Russia criticises Ukraine {week}", date=day))
    items += [headline(f"w{i}", "RUS", "UKR", c, t, date=d) for i, (c, t, d) in enumerate([
        ("190", "Russia launches attack on Ukraine", "2022-03-28"),
        ("193", "Russian troops shell Kharkiv", "2022-03-29"),
        ("195", "Russian air strikes hit Kyiv", "2022-03-30"),
    ])]
    s.add_documents(items)
    s.dedup()
    return path


def test_query_prints_a_table_and_csv(db: Path) -> None:
    res = runner.invoke(app, ["query", "SELECT cameo, count(*) AS n FROM events GROUP BY 1 ORDER BY 1",
                              "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "111" in res.output and "12" in res.output and str(db) in res.output
    res = runner.invoke(app, ["query", "SELECT count(*) AS n FROM events", "--db", str(db), "--format", "csv"])
    assert res.stdout.splitlines()[-2:] == ["n", "15"]


def test_query_refuses_writes_with_a_clear_error(db: Path) -> None:
    res = runner.invoke(app, ["query", "DELETE FROM events", "--db", str(db)])
    assert res.exit_code == 2 and "read-only" in res.output.lower()
    assert Store(db, read_only=True).counts()["events"] == 15


def test_corrupt_db_is_reported_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(os.urandom(8192))
    for args in (["query", "SELECT 1"], ["dyad", "RUS", "UKR"], ["alerts", "--since", "2022-01-01"],
                 ["export", "--format", "csv", "-o", str(tmp_path / "x.csv")]):
        res = runner.invoke(app, [*args, "--db", str(bad)])
        assert res.exit_code == 2 and "not a readable DuckDB file" in res.output, args
        assert "Traceback" not in res.output


def test_export_every_format(db: Path, tmp_path: Path) -> None:
    for fmt, out in (("gdelt", "e.tsv"), ("plover", "e.jsonl"), ("csv", "e.csv"), ("parquet", "pq")):
        res = runner.invoke(app, ["export", "--format", fmt, "-o", str(tmp_path / out), "--db", str(db)])
        assert res.exit_code == 0, res.output
    assert all(len(line.split("\t")) == 61 for line in (tmp_path / "e.tsv").read_text().splitlines())
    assert (tmp_path / "pq" / "month=2022-03").is_dir()


def test_dyad_prints_series_change_point_and_plots(db: Path, tmp_path: Path) -> None:
    png = tmp_path / "d.png"
    res = runner.invoke(app, ["dyad", "RUS", "UKR", "--db", str(db), "--plot", str(png),
                              "--mark", "2022-02-24=invasion", "--csv", str(tmp_path / "s.csv")])
    assert res.exit_code == 0, res.output
    assert "2022-03-28" in res.output and "force" in res.output
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert "RUS->UKR" in (tmp_path / "s.csv").read_text()
    res = runner.invoke(app, ["dyad", "RUS", "UKR", "--db", str(db), "--around", "2022-03-28"])
    assert "<- 2022-03-28" in res.output


def test_alerts_list_the_jump(db: Path) -> None:
    res = runner.invoke(app, ["alerts", "--since", "2022-01-01", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "RUS-UKR" in res.output and "level_jump" in res.output and "2022-03-28" in res.output


# -- real coder + real ingest ---------------------------------------------------------

COUNTRIES = ["Russia", "Ukraine", "France", "Germany", "Poland", "Turkey", "China", "Japan"]
TEMPLATES = [
    "{a} troops attacked {b} positions near the border on Monday.",
    "{a} imposed new sanctions on {b} after the talks collapsed.",
    "The president of {a} met the foreign minister of {b} in the capital.",
    "{a} accused {b} of shelling civilian areas.",
    "{a} sent humanitarian aid to {b}.",
]


def _corpus(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = COUNTRIES[i % 8], COUNTRIES[(i * 3 + 1) % 8]
            if a == b:
                b = COUNTRIES[(i + 1) % 8]
            text = " ".join(TEMPLATES[(i + k) % 5].format(a=a, b=b) for k in range(3))
            day = f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}"
            fh.write(json.dumps({"id": f"doc-{i}", "text": text, "date": day, "source": "Test Wire"}) + "\n")
    return path


@pytest.fixture(scope="module")
def coder_ready() -> None:
    pytest.importorskip("ladder.actors", reason="coder's actor stage not built yet")


SNAPSHOT = [
    "SELECT doc_id, content_hash, date, outlet, n_events FROM documents ORDER BY doc_id",
    "SELECT * EXCLUDE (json) FROM events ORDER BY event_id",
    "SELECT * FROM sentences ORDER BY doc_id, sentence_index",
    "SELECT * FROM actors ORDER BY event_id, role",
    "SELECT * FROM clusters ORDER BY cluster_id",
    "SELECT * FROM mentions ORDER BY event_id",
]


def _snapshot(path: Path) -> list[list[tuple]]:
    s = Store(path, read_only=True)
    with s.connect() as con:
        return [con.execute(q).fetchall() for q in SNAPSHOT]


def _ingest(corpus: Path, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LADDER, "ingest", str(corpus), "--db", str(db), "--no-classifier", *extra],
                          capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_equals_clean_run(coder_ready: None, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news.jsonl", 120)
    clean = tmp_path / "clean.duckdb"
    res = _ingest(corpus, clean, "--batch-size", "8")
    assert res.returncode == 0, res.stderr
    assert Store(clean, read_only=True).counts()["documents"] == 120

    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([*LADDER, "ingest", str(corpus), "--db", str(killed), "--no-classifier",
                             "--batch-size", "8"], stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:
        if "documents read" in line and int(line.split()[0]) >= 24:
            break  # several batches committed, more on the way
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    partial = Store(killed, read_only=True)
    docs = partial.counts()["documents"]
    assert 0 < docs < 120 and docs % 8 == 0  # whole batches only
    # whole documents only: every stored document has all of its events
    n = partial.query("SELECT sum(n_events) AS a, (SELECT count(*) FROM events) AS b FROM documents")
    assert int(n["a"][0]) == int(n["b"][0])

    res = _ingest(corpus, killed, "--batch-size", "8")
    assert res.returncode == 0, res.stderr
    assert "already stored" in res.stderr
    assert _snapshot(killed) == _snapshot(clean)


@pytest.mark.slow
def test_two_readers_while_one_ingests(coder_ready: None, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news.jsonl", 80)
    db = tmp_path / "live.duckdb"
    Store(db)  # exists before the readers start
    reader = (
        "import sys, time\n"
        "from ladder.store import Store\n"
        "seen = []\n"
        "store = Store(sys.argv[1], read_only=True, lock_timeout=60)\n"
        "deadline = time.time() + 300\n"
        "while time.time() < deadline:\n"
        "    n = store.counts()['documents']\n"
        "    seen.append(n)\n"
        "    if n >= 80: break\n"
        "    time.sleep(0.1)\n"
        "print(len(seen), seen == sorted(seen), seen[-1])\n"
    )
    readers = [subprocess.Popen([sys.executable, "-c", reader, str(db)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    res = _ingest(corpus, db, "--batch-size", "4")
    outs = [r.communicate(timeout=320) for r in readers]
    assert res.returncode == 0, res.stderr
    for (out, err), r in zip(outs, readers, strict=True):
        assert r.returncode == 0, err
        polls, monotonic, last = out.split()
        assert int(polls) >= 2 and monotonic == "True" and last == "80"
