"""Schemathesis against the live server's /openapi.json: no 5xx, responses match the schema.

The read-only server is fuzzed on every operation (ingest answers 403 there after
validating its body); with the coder installed, a token server's ingest endpoints
are fuzzed too.  Bounded: ~1,700 requests, well under a minute.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from web_support import LiveServer, make_store

CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,"
          "response_schema_conformance,response_headers_conformance,negative_data_rejection")


def _schemathesis(url: str, tmp: Path, *extra: str, checks: str = CHECKS
                  ) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which(
        "schemathesis")
    if exe is None:
        pytest.skip("schemathesis is not installed")
    cmd = [exe, "run", f"{url}/openapi.json", "--checks", checks, "--seed", "7", "--workers", "1",
           "--request-timeout", "30", "--warnings", "off", *extra]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp)


def test_fuzz_read_only_api_has_no_server_errors(tmp_path: Path) -> None:
    db = make_store(tmp_path / "events.duckdb")
    with LiveServer(db, "--max-upload-mb", "1") as srv:
        r = _schemathesis(srv.url, tmp_path, "--max-examples", "10", "--phases", "coverage,fuzzing")
        log = srv.log.read_text()
    out = r.stdout + r.stderr
    assert r.returncode == 0, out[-6000:]
    assert "10 selected" in out and "passed" in out
    assert "Traceback" not in log, log[-4000:]


def test_fuzz_ingest_with_token_has_no_server_errors(tmp_path: Path) -> None:
    try:
        from ladder.coder import Coder

        Coder(use_classifier=False)
    except (ImportError, OSError) as exc:
        pytest.skip(f"the coder cannot load yet ({exc}); ingest is fuzzed without a token above")
    db = make_store(tmp_path / "events.duckdb")
    with LiveServer(db, "--max-upload-mb", "1", "--no-classifier",
                    env={"LADDER_TOKEN": "fuzz-token"}) as srv:
        # multipart fields are text, so "a boolean where a file belongs" cannot be rejected
        checks = CHECKS.replace(",negative_data_rejection", "")
        r = _schemathesis(srv.url, tmp_path, "--max-examples", "8", "--phases", "fuzzing",
                          "--include-path-regex", "^/api/ingest",
                          "-H", "Authorization: Bearer fuzz-token", checks=checks)
        log = srv.log.read_text()
    out = r.stdout + r.stderr
    assert r.returncode == 0, out[-6000:]
    assert "Traceback" not in log, log[-4000:]
