"""Shared fixtures: the shipped corpus, and ../shared when it is there."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"
SHARED = ROOT.parent / "shared"
SOURCES = SHARED / "sources"
INTEROP = SHARED / "interop"
# Part of the shipped corpus for tests that build it many times: three voices (lind answers
# attri), every thesis and source; a build decides the same way for sixteen voices.
FEW_MAPS = ("aoki.yaml", "attri.yaml", "lind.yaml", "sources.yaml", "theses.yaml")

# `--hypothesis-profile=fast` (the oldest-Python run in scripts/test.sh): fewer generated examples,
# the same properties; the full run keeps each test's own settings.
FAST_EXAMPLES = 15
settings.register_profile("fast", max_examples=FAST_EXAMPLES, deadline=None)
# `--hypothesis-profile=mutation` (scripts/mutate.sh, docs/testing.md): as fast, and mutmut runs
# pytest several times in one process, so a test method meets several instances of its class.
MUTATION_SUPPRESS = (HealthCheck.differing_executors, HealthCheck.too_slow)
settings.register_profile("mutation", settings.get_profile("fast"), suppress_health_check=MUTATION_SUPPRESS)

# Modules whose tests drive a browser, external CLIs, many `dot` runs or very large inputs: marked
# `slow`, so the run on the oldest Python (`-m "not slow"`) stays under two minutes. A slow test in
# another module says so itself with `@pytest.mark.slow`.
SLOW_MODULES = frozenset({
    "test_site_browser.py", "test_build.py", "test_forked.py", "test_interop_cli.py",
    "test_content_and_concurrency.py", "test_fmt_safety.py", "test_hostile_yaml.py",
})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    profile = config.getoption("hypothesis_profile", None)
    fast = profile in ("fast", "mutation")
    for item in items:
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        test = getattr(item, "obj", None)
        test = getattr(test, "__func__", test)  # a method's function carries the settings
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if fast and own is not None and own.max_examples > FAST_EXAMPLES:
            # a test's own @settings outranks any profile; the fast run caps it here instead
            test._hypothesis_internal_use_settings = own = settings(own, max_examples=FAST_EXAMPLES)
        if profile == "mutation" and own is not None:
            test._hypothesis_internal_use_settings = settings(
                own, suppress_health_check=[*own.suppress_health_check, *MUTATION_SUPPRESS])


# mutmut (docs/testing.md) and load's cached cattrs converter, whose hooks are closures made once by
# `_located`, `_lenient_items`, `_relation`, ...: while mutmut records which tests reach each function,
# each test builds it afresh (else only the first test would be recorded as reaching them); and each
# mutant's run, forked from a process that built it with the unmutated code, builds it again.
def _mutmut_phase() -> str:
    return os.environ.get("MUTANT_UNDER_TEST", "")


@pytest.fixture(scope="session", autouse=True)
def _mutant_converter():
    if _mutmut_phase().startswith("argmap.load."):
        from argmap import load

        load._converter.cache_clear()
    yield


@pytest.fixture(autouse=True)
def _converter_reached_by_each_test():
    if _mutmut_phase() == "stats":
        from argmap import load

        load._converter.cache_clear()
    yield


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


# --- Graphviz faked, for the build's tests where a diagram's layout is not the point -------------

def fake_dot(source: str, fmt: str) -> bytes:
    """Graphviz's part, quickly: an SVG naming each node the DOT names (what the site reads from
    a real drawing), so each page's diagram panel still depends on the claims drawn."""
    nodes = sorted(set(re.findall(r'id="(node-[^"]+)"', source)))
    groups = "".join(f'<g id="{node}" class="node"><title>{node}</title></g>' for node in nodes)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="8pt" height="8pt" '
            f'viewBox="0 0 8 8">{groups}</svg>').encode()


@pytest.fixture
def graphviz(monkeypatch):
    """`argmap.build` draws with `fake_dot`, as Graphviz version "fake"."""
    import argmap.build as builder

    monkeypatch.setattr(builder, "dot_version", lambda: "fake")
    monkeypatch.setattr(builder, "run_dot", fake_dot)


@pytest.fixture
def views_made(monkeypatch):
    """The names of the views whose DOT text a build makes (`render.dot.to_dot`), build by
    build: a diagram whose inputs did not change is read back without being made."""
    import argmap.render.dot as dot

    made: list[str] = []
    real = dot.to_dot

    def to_dot(view, *args, **kwargs):
        made.append(view.name)
        return real(view, *args, **kwargs)

    monkeypatch.setattr(dot, "to_dot", to_dot)
    return made


@pytest.fixture(scope="session")
def corpus():
    """The shipped corpus, loaded and checked (quotes verified when ../shared is present)."""
    from argmap.pipeline import compile_corpus

    loaded, _warnings = compile_corpus([MAPS], SOURCES if SOURCES.is_dir() else None)
    return loaded
