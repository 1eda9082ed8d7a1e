"""Shared fixtures: one Coder per test session (spaCy + lexicons + ONNX model load once)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def coder():
    from ladder.coder import Coder

    return Coder()


@pytest.fixture(scope="session")
def r():
    """The packaged actor resolver (lexicons load once per test session)."""
    from ladder.actors import default_resolver

    return default_resolver()
