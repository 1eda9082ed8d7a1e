"""`ladder code` and `ladder eval` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from ladder.cli.main import app

runner = CliRunner()


def _jsonl(path: Path, rows: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n",
                    encoding="utf-8")
    return path


def test_code_jsonl_reports_bad_line_and_codes_the_rest(tmp_path, coder):
    src = _jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": "Russian forces shelled Kharkiv on Monday.", "date": "2022-03-07"},
        '{"id": "broken", "text": ',
        {"id": "b", "text": "China criticised the United States over Taiwan.", "date": "2022-08-03"},
    ])
    out = tmp_path / "events.jsonl"
    rejects = tmp_path / "rejects.jsonl"
    res = runner.invoke(app, ["code", str(src), "-o", str(out), "--rejects", str(rejects), "--no-classifier", "--processes", "1"])
    assert res.exit_code == 3, res.output
    assert "in.jsonl:2" in res.output
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert {e["doc_id"] for e in events} == {"a", "b"}
    assert all("cameo" in e and "source" in e for e in events)
    rej = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert len(rej) == 1 and "in.jsonl:2" in rej[0]["origin"]


def test_code_tsv_and_txt(tmp_path, coder):
    doc = tmp_path / "story.txt"
    doc.write_text("Israeli troops raided a refugee camp in the West Bank.", encoding="utf-8")
    res = runner.invoke(app, ["code", str(doc), "--format", "tsv", "--no-classifier", "--processes", "1"])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.stdout.splitlines() if "\t" in ln]
    header = lines[0].split("\t")
    assert header[:3] == ["doc_id", "sentence_index", "date"]
    row = dict(zip(header, lines[1].split("\t"), strict=True))
    assert row["source_country"] == "ISR" and row["cameo"]


def test_code_stdin_subprocess(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "ladder.cli.main", "code", "-", "--no-classifier"],
        input="Iran refused to meet with the United States.\n",
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert events and events[0]["cameo_root"] == "12"


def test_code_unknown_input_format_is_a_usage_error(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "x"}])
    res = runner.invoke(app, ["code", str(src), "--input-format", "pdf"])
    assert res.exit_code == 2
    assert "pdf" in res.output


def test_eval_reports_metrics_on_a_gold_file(tmp_path, coder):
    gold = _jsonl(tmp_path / "gold.jsonl", [
        {"id": "g1", "text": "Russian forces shelled Kharkiv on Monday.",
         "labels": {"event": "ASSAULT", "source": [{"actorText": "Russian forces", "code": "RUS"}],
                    "target": [{"actorText": "Kharkiv", "code": "UKR"}]}},
        {"id": "g2", "text": "Germany pledged humanitarian aid to Ukraine.",
         "labels": {"event": "AGREE", "source": [{"actorText": "Germany", "code": "DEU"}],
                    "target": [{"actorText": "Ukraine", "code": "UKR"}]}},
    ])
    out = tmp_path / "rep.json"
    res = runner.invoke(app, ["eval", str(gold), "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "event_f1" in res.output
    rep = json.loads(out.read_text())[0]
    assert rep["n"] == 2 and rep["metrics"]["event_tp"] >= 1


def test_eval_rejects_unknown_schema(tmp_path):
    gold = _jsonl(tmp_path / "gold.jsonl", [{"id": "x", "text": "y"}])
    res = runner.invoke(app, ["eval", str(gold)])
    assert res.exit_code == 2
    assert "unknown gold schema" in res.output


def test_code_on_a_local_dask_cluster_writes_parquet(tmp_path):
    import pyarrow.parquet as pq

    src = _jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": "Russian forces shelled Kharkiv on Monday.", "date": "2022-03-07"},
        {"id": "b", "text": "Iran refused to meet with the United States.", "date": "2021-05-01"},
    ])
    out = tmp_path / "parts"
    proc = subprocess.run(
        [sys.executable, "-m", "ladder.cli.main", "code", str(src), "--dask", "local:1",
         "--out-dir", str(out), "--no-classifier"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "2 documents" in proc.stderr
    table = pq.read_table(out / "events")
    assert table.num_rows >= 2
    res = runner.invoke(app, ["code", str(src), "--dask", "local:1"])
    assert res.exit_code == 2 and "--out-dir" in res.output
