"""Reading a shared gold file and writing a benchmark's result file, for the scripts here."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def gold_rows(path: Path, limit: int | None = None) -> list[dict[str, Any]] | None:
    """The JSONL rows of ``path`` (the first ``limit``), or None after saying it is missing."""
    if not path.exists():
        print(f"{path} not found", file=sys.stderr)
        return None
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return rows[:limit] if limit else rows


def save_result(name: str, out: dict[str, Any]) -> None:
    """Print ``out`` and keep it as ``benchmarks/results/<name>.json``."""
    print(json.dumps(out, indent=1))
    (RESULTS / f"{name}.json").write_text(json.dumps(out, indent=1) + "\n")
