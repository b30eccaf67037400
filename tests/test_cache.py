"""The content-hash cache changes how fast a corpus loads, never what is loaded or reported.

Every problem must be located the same whether its file was parsed (no cache, cold cache) or
unpickled (warm cache, positions found by parsing again only when a rule asks for a field).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_check_diagnostics import CASES, GOOD_MAP, SOURCE_TEXT, THESES

from argmap import check as check_module
from argmap.cache import Cache
from argmap.check import CACHED_SOURCE_BYTES
from argmap.cli import main
from argmap.model import Position, Stance
from argmap.pipeline import load_and_check
from argmap.serialise import document_to_yaml, map_to_yaml, source_to_plain, thesis_to_plain

from strategies import rich_corpora


def _seen(problems) -> list[tuple[str, int, int, str, str, str]]:
    return [(p.location.path, p.location.line, p.location.column, p.severity.value, p.code, p.message)
            for p in problems]


def _three_ways(maps: Path, cache_dir: Path, sources: Path | None = None):
    """(no cache, cold cache, warm cache) results of loading and checking the same files."""
    plain = load_and_check([maps], sources)
    cache = Cache(cache_dir)
    cold = load_and_check([maps], sources, cache)
    warm = load_and_check([maps], sources, cache)
    return plain, cold, warm


def _corpus_dir(tmp_path: Path) -> Path:
    maps = tmp_path / "maps"
    maps.mkdir()
    (tmp_path / "sources").mkdir()
    (maps / "corpus.yaml").write_text(THESES, encoding="utf-8")
    (tmp_path / "sources" / "src.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return maps


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_mistake_is_located_the_same_from_the_cache(tmp_path: Path, case: str) -> None:
    maps = _corpus_dir(tmp_path)
    (maps / "m.yaml").write_text(CASES[case][0], encoding="utf-8")
    plain, cold, warm = _three_ways(maps, tmp_path / "cache")
    assert _seen(plain[1]) == _seen(cold[1]) == _seen(warm[1])
    assert plain[0] == cold[0] == warm[0]


def test_a_warm_load_comes_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    maps = _corpus_dir(tmp_path)
    (maps / "m.yaml").write_text(GOOD_MAP.replace("thesis: t1", "thesis: t9"), encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    load_and_check([maps], None, cache)
    from argmap import _yaml

    parsed = []
    real = _yaml.parse
    monkeypatch.setattr(_yaml, "parse", lambda text, path: parsed.append(path) or real(text, path))
    _, problems = load_and_check([maps], None, cache)
    # Nothing parsed to load; m.yaml parsed once, lazily, to locate its one field-level problem.
    assert [str(maps / "m.yaml")] == parsed
    assert [("unknown-thesis", 16, 13)] == [(p.code, p.location.line, p.location.column)
                                            for p in problems if p.code == "unknown-thesis"]


def test_an_edited_file_is_never_served_stale(tmp_path: Path) -> None:
    maps = _corpus_dir(tmp_path)
    cache = Cache(tmp_path / "cache")
    (maps / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
    corpus, problems = load_and_check([maps], tmp_path / "sources", cache)
    assert [] == _seen(problems)
    (maps / "m.yaml").write_text(GOOD_MAP.replace("text: A claim.", "text: Changed."), encoding="utf-8")
    corpus, _ = load_and_check([maps], tmp_path / "sources", cache)
    assert "Changed." == corpus.map("m").claim("a").text


def test_a_changed_source_text_is_searched_again(tmp_path: Path) -> None:
    maps = _corpus_dir(tmp_path)
    cache = Cache(tmp_path / "cache")
    (maps / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
    assert [] == _seen(load_and_check([maps], tmp_path / "sources", cache)[1])
    (tmp_path / "sources" / "src.txt").write_text(SOURCE_TEXT.replace("lazy", "sleepy"), encoding="utf-8")
    _, problems = load_and_check([maps], tmp_path / "sources", cache)
    assert [("quote-not-found", 13, 16)] == [(p.code, p.location.line, p.location.column) for p in problems]


# read the fast way, and only the exact way (an anchor): the cache entry keeps positions only
@pytest.mark.parametrize("text", [GOOD_MAP, GOOD_MAP.replace("    text: A claim.", "    text: &t A claim.")])
def test_a_file_changed_under_a_warm_load_falls_back_to_object_positions(tmp_path: Path, text: str) -> None:
    """If the file changes between unpickling and locating, no stale field position is given."""
    maps = _corpus_dir(tmp_path)
    cache = Cache(tmp_path / "cache")
    (maps / "m.yaml").write_text(text.replace("thesis: t1", "thesis: t9"), encoding="utf-8")
    load_and_check([maps], None, cache)
    from argmap.load import load_corpus

    corpus, _ = load_corpus([maps], cache)
    (maps / "m.yaml").write_text("argmap: 1\n", encoding="utf-8")
    stance = corpus.map("m").stances[0]
    assert (16, 5) == (stance.location.of("thesis").line, stance.location.of("thesis").column)


def test_a_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    maps = _corpus_dir(tmp_path)
    (maps / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    expected = load_and_check([maps], tmp_path / "sources", cache)
    entries = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:7])
    again = load_and_check([maps], tmp_path / "sources", cache)
    assert expected[0] == again[0] and _seen(expected[1]) == _seen(again[1])


class TestWhereTheCacheLives:
    def test_cli_writes_to_the_cache_dir_and_not_beside_the_maps(self, tmp_path: Path, monkeypatch, capsys) -> None:
        maps = _corpus_dir(tmp_path)
        (maps / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
        before = sorted(p.name for p in tmp_path.rglob("*"))
        monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "c"))
        assert 0 == main(["check", str(maps), "--sources", str(tmp_path / "sources")])
        assert 0 == main(["check", str(maps), "--sources", str(tmp_path / "sources")])
        written = sorted(p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*") if p.is_file())
        assert set(written) == {"maps", "sources", "c"}
        # the source is a line long: its quotes are searched on every run, not cached
        assert {"documents"} == {p.name for p in (tmp_path / "c").iterdir() if p.is_dir()}
        assert before == sorted(p.name for p in tmp_path.rglob("*") if not p.is_relative_to(tmp_path / "c"))
        assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o700

    def test_no_cache_writes_nothing(self, tmp_path: Path, monkeypatch) -> None:
        maps = _corpus_dir(tmp_path)
        (maps / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
        monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "c"))
        monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
        assert 0 == main(["check", str(maps), "--sources", str(tmp_path / "sources")])
        assert not (tmp_path / "c").exists()

    def test_a_folder_others_can_write_is_not_trusted(self, tmp_path: Path, monkeypatch) -> None:
        shared = tmp_path / "c"
        shared.mkdir()
        shared.chmod(0o777)
        monkeypatch.setenv("ARGMAP_CACHE_DIR", str(shared))
        assert not Cache.default().enabled

    def test_an_unwritable_cache_costs_only_speed(self, tmp_path: Path, monkeypatch) -> None:
        maps = _corpus_dir(tmp_path)
        (maps / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
        blocker = tmp_path / "file-not-folder"
        blocker.write_text("", encoding="utf-8")
        monkeypatch.setenv("ARGMAP_CACHE_DIR", str(blocker / "argmap"))
        assert 0 == main(["check", str(maps), "--sources", str(tmp_path / "sources")])


# --- any corpus, with a mistake or not --------------------------------------------------------------

def _write_corpus(folder: Path, corpus) -> None:
    folder.mkdir()
    (folder / "corpus.yaml").write_text(document_to_yaml({
        "argmap": 1,
        "sources": [source_to_plain(s) for s in corpus.sources],
        "theses": [thesis_to_plain(t) for t in corpus.theses],
    }), encoding="utf-8")
    for m in corpus.maps:
        (folder / f"{m.id}.yaml").write_text(map_to_yaml(m), encoding="utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(corpus=rich_corpora(max_maps=3), data=st.data())
def test_any_corpus_loads_and_reports_the_same_three_ways(tmp_path_factory, corpus, data) -> None:
    maps = list(corpus.maps)
    index = data.draw(st.integers(0, len(maps) - 1))
    broken = data.draw(st.sampled_from(["none", "dangling", "thesis", "self"]))
    m = maps[index]
    if broken == "dangling" and m.claims:
        c = m.claims[-1]
        m = attrs.evolve(m, claims=m.claims[:-1] + (attrs.evolve(c, supports=c.supports + ("no-such-claim",)),))
    elif broken == "thesis":
        m = attrs.evolve(m, stances=m.stances + (Stance(thesis="no-such-thesis", position=Position.AGREE,
                                                        because=(m.claims[0].id,) if m.claims else ()),))
    elif broken == "self" and m.claims:
        c = m.claims[0]
        m = attrs.evolve(m, claims=(attrs.evolve(c, attacks=c.attacks + (c.id,)),) + m.claims[1:])
    maps[index] = m
    corpus = attrs.evolve(corpus, maps=tuple(maps))
    root = tmp_path_factory.mktemp("three")
    _write_corpus(root / "maps", corpus)
    plain, cold, warm = _three_ways(root / "maps", root / "cache")
    assert _seen(plain[1]) == _seen(cold[1]) == _seen(warm[1])
    assert plain[0] == cold[0] == warm[0]
    if broken == "none":
        assert not any(p.severity.value == "error" for p in plain[1])


def test_entries_unused_for_a_month_are_pruned_once_a_day(tmp_path: Path) -> None:
    import time

    (tmp_path / "c").mkdir()
    cache = Cache(tmp_path / "c")
    cache.put("quotes", "a" * 64, True)  # the first write of a run prunes, and stamps the day
    cache.put("quotes", "b" * 64, True)
    old = time.time() - 40 * 86400
    os.utime(cache._path("quotes", "a" * 64), (old, old))
    assert 0 == cache.prune()  # pruned less than a day ago
    assert 1 == cache.prune(now=time.time() + 86400 + 60)
    assert None is cache.get("quotes", "a" * 64)
    assert True is cache.get("quotes", "b" * 64)


@pytest.mark.parametrize(("padding", "searches"), [(0, 2), (CACHED_SOURCE_BYTES, 1)])
def test_only_a_long_source_keeps_its_quote_check(tmp_path: Path, monkeypatch, padding: int,
                                                   searches: int) -> None:
    """A long source whose quotes were all found is not searched again; a short one is searched
    on every run (cheaper than writing and reading its entry)."""
    maps = _corpus_dir(tmp_path)
    (maps / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
    with (tmp_path / "sources" / "src.txt").open("a", encoding="utf-8") as text:
        text.write("x" * padding)
    monkeypatch.setenv("ARGMAP_JOBS", "1")
    calls = []
    real = check_module._missing_quotes
    monkeypatch.setattr(check_module, "_missing_quotes", lambda *a: calls.append(1) or real(*a))
    cache = Cache(tmp_path / "cache")
    first = load_and_check([maps], tmp_path / "sources", cache)
    again = load_and_check([maps], tmp_path / "sources", cache)
    assert len(calls) == searches
    assert _seen(first[1]) == _seen(again[1]) == []
    assert (tmp_path / "cache" / "quotes").exists() == (searches == 1)
