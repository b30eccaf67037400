"""Shared fixtures: the shipped corpus, and ../shared when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"
SHARED = ROOT.parent / "shared"
SOURCES = SHARED / "sources"
INTEROP = SHARED / "interop"

needs_shared = pytest.mark.skipif(
    not SOURCES.is_dir(),
    reason="../shared (source texts and interop files) is not beside this checkout; CI always has it",
)


@pytest.fixture(scope="session")
def corpus():
    """The shipped corpus, loaded and checked (quotes verified when ../shared is present)."""
    from argmap.pipeline import compile_corpus

    loaded, _warnings = compile_corpus([MAPS], SOURCES if SOURCES.is_dir() else None)
    return loaded
