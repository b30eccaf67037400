"""Shared fixtures: the shipped corpus, and ../shared when it is there."""

from __future__ import annotations

import os
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


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """The CLI caches parsed maps per user; tests (and the CLIs they start) use their own folder."""
    old = os.environ.get("ARGMAP_CACHE_DIR")
    os.environ["ARGMAP_CACHE_DIR"] = str(tmp_path_factory.mktemp("argmap-cache"))
    yield
    if old is None:
        os.environ.pop("ARGMAP_CACHE_DIR", None)
    else:
        os.environ["ARGMAP_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def corpus():
    """The shipped corpus, loaded and checked (quotes verified when ../shared is present)."""
    from argmap.pipeline import compile_corpus

    loaded, _warnings = compile_corpus([MAPS], SOURCES if SOURCES.is_dir() else None)
    return loaded
