"""Loading on two cores gives exactly what loading on one does, and survives a failing helper."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest
from test_cache import _corpus_dir, _seen
from test_check_diagnostics import CASES, GOOD_MAP

from argmap import forked, load
from argmap.pipeline import load_and_check

pytestmark = pytest.mark.skipif(not forked._available(), reason="needs Linux, fork and two cores")


@pytest.fixture
def always_fork(monkeypatch):
    monkeypatch.setattr(forked, "MIN_WEIGHT", 0)


def test_the_helper_is_another_process_and_order_is_kept(always_fork) -> None:
    items = list(range(7))
    seen = forked.split_run(items, weigh=lambda i: i + 1, here=lambda i: (i, os.getpid()),
                            in_helper=lambda i: pickle.dumps((i, os.getpid())),
                            receive=lambda blob, _i: pickle.loads(blob))
    assert items == [i for i, _ in seen]
    pids = {pid for _, pid in seen}
    assert os.getpid() in pids and len(pids) == 2


def test_mine_done_comes_after_this_process_s_items_and_before_the_helper_s(always_fork) -> None:
    events: list[object] = []
    results = forked.split_run(list(range(6)), weigh=lambda i: 1,
                               here=lambda i: events.append(i) or i,
                               in_helper=lambda i: pickle.dumps(i),
                               receive=lambda blob, _i: events.append(("received", pickle.loads(blob))) or -1,
                               mine_done=lambda: events.append("mine done"))
    here = [i for i, result in enumerate(results) if result != -1]
    assert 0 < len(here) < 6 and events.index("mine done") == len(here)
    assert here == events[:len(here)]
    assert all(isinstance(e, tuple) for e in events[len(here) + 1:])


@pytest.mark.parametrize("jobs", ["1", ""])
def test_mine_done_comes_after_every_item_when_nothing_is_forked(monkeypatch, jobs) -> None:
    monkeypatch.setenv("ARGMAP_JOBS", jobs)
    events: list[object] = []
    forked.split_run([1, 2, 3], weigh=lambda i: 1, here=events.append, in_helper=lambda i: None,
                     receive=lambda blob, i: None, mine_done=lambda: events.append("mine done"))
    assert [1, 2, 3, "mine done"] == events


def test_work_deferred_when_mine_are_done_gets_a_child_at_once(always_fork, tmp_path: Path) -> None:
    """A cold check's cache writer: forked while the helper's answers are awaited and taken in,
    not left for the next helper: it has begun before any other helper is forked."""
    began = tmp_path / "began"

    with forked.alongside():
        answers = forked.split_run([1, 2, 3, 4], weigh=lambda i: 1, here=lambda i: (i, os.getpid()),
                                   in_helper=lambda i: pickle.dumps((i, os.getpid())),
                                   receive=lambda blob, _i: pickle.loads(blob),
                                   mine_done=lambda: forked.defer(
                                       lambda: began.write_text(str(os.getpid()), encoding="utf-8")))
        for _ in range(200):
            if began.exists():
                break
            time.sleep(0.05)
        assert began.exists()
    writer = int(began.read_text(encoding="utf-8"))
    assert writer not in {pid for _, pid in answers} | {os.getpid()}


def test_a_failing_helper_hands_its_half_back(always_fork) -> None:
    def broken(_item):
        raise RuntimeError("helper died")

    done_here = []
    results = forked.split_run(list(range(6)), weigh=lambda i: 1,
                               here=lambda i: done_here.append(i) or i, in_helper=broken,
                               receive=lambda blob, _i: pytest.fail("nothing was sent"))
    assert list(range(6)) == results
    assert list(range(6)) == sorted(done_here)


def test_serial_when_asked(monkeypatch, always_fork) -> None:
    monkeypatch.setenv("ARGMAP_JOBS", "1")
    results = forked.split_run([1, 2, 3], weigh=lambda i: 1, here=lambda i: (i, os.getpid()),
                               in_helper=lambda i: b"", receive=lambda blob, _i: pytest.fail("forked"))
    assert [(1, os.getpid()), (2, os.getpid()), (3, os.getpid())] == results


def test_halves_balance_the_work() -> None:
    mine, theirs = forked._halves([10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], weigh=lambda w: w)
    assert sorted(mine + theirs) == list(range(11))
    assert {sum([10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1][i] for i in g) for g in (mine, theirs)} == {10}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_mistake_is_located_the_same_on_two_cores(tmp_path: Path, case: str, monkeypatch) -> None:
    maps = _corpus_dir(tmp_path)
    for i in range(3):  # clean files for the helper, beside the broken one
        (maps / f"ok{i}.yaml").write_text(GOOD_MAP, encoding="utf-8")
    (maps / "m.yaml").write_text(CASES[case][0], encoding="utf-8")
    monkeypatch.setenv("ARGMAP_JOBS", "1")
    serial = load_and_check([maps], tmp_path / "sources")
    monkeypatch.delenv("ARGMAP_JOBS")
    monkeypatch.setattr(forked, "MIN_WEIGHT", 0)
    parallel = load_and_check([maps], tmp_path / "sources")
    assert _seen(serial[1]) == _seen(parallel[1])
    assert serial[0] == parallel[0]


def _slow_helper(marker: Path):
    """Work for a helper that names its pid in `marker`, then would work on for a minute."""
    def slow(item):
        # written whole, then named: the other half must never read a half-written pid
        part = marker.with_name(marker.name + ".part")
        part.write_text(str(os.getpid()))
        os.replace(part, marker)
        time.sleep(60)
        return pickle.dumps(item)
    return slow


def _wait_for(marker: Path) -> None:
    deadline = time.monotonic() + 10
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_interrupted_here_stops_the_helper_at_once(always_fork, tmp_path: Path) -> None:
    """Ctrl-C in this process: the helper, which would work on for a minute, is stopped too."""
    marker = tmp_path / "helper-pid"
    slow = _slow_helper(marker)

    def interrupted(item):
        _wait_for(marker)
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        forked.split_run([1, 2], weigh=lambda i: 1, here=interrupted, in_helper=slow,
                         receive=lambda blob, _i: pickle.loads(blob))
    assert time.monotonic() - started < 20
    with pytest.raises(ProcessLookupError):
        os.kill(int(marker.read_text()), 0)


def test_deferred_work_runs_alongside_in_a_child_and_is_done_when_the_block_ends(tmp_path: Path) -> None:
    marker = tmp_path / "done"
    with forked.alongside():
        forked.defer(lambda: marker.write_text(str(os.getpid()), encoding="utf-8"))
    assert str(os.getpid()) != marker.read_text(encoding="utf-8")


def test_deferred_work_goes_with_the_next_helper_which_answers_first(always_fork, tmp_path: Path) -> None:
    """One fork, not two: the helper forked after a `defer` does the deferred work too, but only
    once its answers are sent; waiting for them does not wait for that work (were it awaited,
    the work below would wait in vain for the go this process gives after the answers)."""
    go, done = tmp_path / "go", tmp_path / "done"

    def deferred() -> None:
        for _ in range(400):
            if go.exists():
                done.write_text(str(os.getpid()), encoding="utf-8")
                return
            time.sleep(0.05)

    started = time.monotonic()
    with forked.alongside():
        forked.defer(deferred)
        assert not done.exists()
        with forked.ahead([1, 2], weigh=lambda i: 1, here=lambda i: (i, os.getpid()),
                          in_helper=lambda i: pickle.dumps((i, os.getpid())),
                          receive=lambda blob, _i: pickle.loads(blob)) as results:
            answers = results()
        go.touch()
    assert time.monotonic() - started < 15   # (not the 20 s the deferred work would wait in vain)
    helpers = {pid for _, pid in answers}
    assert [1, 2] == [i for i, _ in answers] and os.getpid() not in helpers
    assert helpers == {int(done.read_text(encoding="utf-8"))}   # done by the helper, and awaited


def test_a_helper_whose_items_can_be_taken_back_does_the_deferred_work_first(always_fork, tmp_path: Path) -> None:
    """The quote search: its helper writes the cache first, while this process does its rules;
    what the helper has not begun meanwhile is taken back here, instead of this process waiting
    at the end for the cache. Here the deferred work waits for this process's go, given only
    after the results: every item is taken back, and nothing waits on anything else."""
    go, done = tmp_path / "go", tmp_path / "done"

    def deferred() -> None:
        for _ in range(400):
            if go.exists():
                done.write_text("written", encoding="utf-8")
                return
            time.sleep(0.05)

    started = time.monotonic()
    with forked.alongside():
        forked.defer(deferred)
        with forked.ahead([1, 2, 3], weigh=lambda i: 1, here=lambda i: (i, os.getpid()),
                          in_helper=lambda i: pickle.dumps((i, os.getpid())),
                          receive=lambda blob, _i: pickle.loads(blob), take_back=True) as results:
            time.sleep(0.3)   # (the helper has long been forked, and is in the deferred work)
            answers = results()
        go.touch()
    assert time.monotonic() - started < 15
    assert [(1, os.getpid()), (2, os.getpid()), (3, os.getpid())] == answers
    assert "written" == done.read_text(encoding="utf-8")


def test_deferred_work_without_a_helper_to_take_it_gets_a_child_of_its_own(tmp_path: Path) -> None:
    marker = tmp_path / "done"
    with forked.alongside():
        forked.defer(lambda: marker.write_text(str(os.getpid()), encoding="utf-8"))
        # too little work to fork for: the deferred work is not left waiting for a helper
        assert [2] == forked.split_run([1], weigh=lambda i: 1, here=lambda i: 2 * i,
                                       in_helper=lambda i: None, receive=lambda blob, i: 0)
        for _ in range(200):
            if marker.exists():
                break
            time.sleep(0.05)
        assert marker.exists()   # done already, before the block ends
    assert str(os.getpid()) != marker.read_text(encoding="utf-8")


def test_a_helper_stopped_early_still_finishes_the_deferred_work_it_took(always_fork, tmp_path: Path) -> None:
    marker = tmp_path / "done"
    with forked.alongside():
        forked.defer(lambda: marker.write_text("written", encoding="utf-8"))
        with forked.ahead([1, 2, 3], weigh=lambda i: 1, here=lambda i: -i,
                          in_helper=lambda i: pickle.dumps(i), receive=lambda blob, _i: pickle.loads(blob),
                          take_back=True) as results:
            results()   # however much the helper did, it is not stopped before the deferred work
    assert "written" == marker.read_text(encoding="utf-8")


def test_deferred_work_outside_the_block_runs_here_at_once(tmp_path: Path) -> None:
    marker = tmp_path / "done"
    forked.defer(lambda: marker.write_text(str(os.getpid()), encoding="utf-8"))
    assert str(os.getpid()) == marker.read_text(encoding="utf-8")


def test_a_cold_check_leaves_every_clean_file_in_the_cache(tmp_path: Path) -> None:
    from argmap.cache import Cache

    maps = _corpus_dir(tmp_path)
    (maps / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    load_and_check([maps], None, cache)
    assert 2 == len(list((tmp_path / "cache" / "documents").glob("*/*")))


def test_the_load_helper_answers_before_it_writes_its_cache_entries(always_fork, tmp_path: Path,
                                                                     monkeypatch) -> None:
    """The helper that loads half the files writes their cache entries once its answers are sent:
    here its writes wait for this process's go, given only after the corpus is loaded (were the
    answers to wait for the writes, loading would wait in vain); every entry is there when the
    block ends."""
    from argmap.cache import Cache

    maps = _corpus_dir(tmp_path)
    (maps / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
    go, here = tmp_path / "go", os.getpid()
    put = Cache.put

    def held(self: Cache, *args, **kwargs) -> None:
        for _ in range(400 if os.getpid() != here else 0):
            if go.exists():
                break
            time.sleep(0.05)
        put(self, *args, **kwargs)

    monkeypatch.setattr(Cache, "put", held)
    started = time.monotonic()
    with forked.alongside():
        corpus, problems = load.load_corpus([maps], Cache(tmp_path / "cache"))
        go.touch()
    assert time.monotonic() - started < 15
    assert ([], ["m"]) == (problems, [m.id for m in corpus.maps])
    assert 2 == len(list((tmp_path / "cache" / "documents").glob("*/*")))


@pytest.mark.parametrize("damaged", [False, True])
def test_files_the_helper_reads_and_finds_in_the_cache_come_back_the_same(always_fork, tmp_path: Path,
                                                                         damaged: bool, monkeypatch) -> None:
    """Once a file must be loaded (a cold run, or one map new), the others are read where they
    are loaded: the helper reads its share and sends what it finds in the cache as it is; a
    damaged entry is loaded here instead. Either way the corpus and its problems are those of
    one core without a cache."""
    from argmap.cache import Cache

    maps, sources = _corpus_dir(tmp_path), tmp_path / "sources"
    for i in range(4):
        (maps / f"ok{i}.yaml").write_text(GOOD_MAP.replace("name: A", f"name: A{i}"), encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    load_and_check([maps], sources, cache)   # (every file in the cache)
    (maps / "a.yaml").write_text(GOOD_MAP.replace("id: b", "id: bb"), encoding="utf-8")   # first, new
    if damaged:
        for entry in (tmp_path / "cache" / "documents").glob("*/*"):
            entry.write_bytes(b"not a pickle")
    sent = []
    real = load._from_helper_answer

    def spy(blob, item):
        sent.append((getattr(item, "path", item).name, real(blob, item) is not None))
        return real(blob, item)

    monkeypatch.setattr(load, "_from_helper_answer", spy)
    both = load_and_check([maps], sources, cache)
    monkeypatch.setenv("ARGMAP_JOBS", "1")
    serial = load_and_check([maps], sources)
    assert _seen(serial[1]) == _seen(both[1])
    assert serial[0] == both[0]
    cached = [taken for name, taken in sent if name != "a.yaml"]   # (a.yaml: new, loaded by either)
    assert cached and set(cached) == {not damaged}
    entries = [entry.read_bytes() for entry in (tmp_path / "cache" / "documents").glob("*/*")]
    assert len(entries) == 6 and b"not a pickle" not in entries   # (a damaged entry is written again)


def test_work_ahead_runs_in_the_helper_while_this_process_goes_on(always_fork) -> None:
    items = list(range(5))
    with forked.ahead(items, weigh=lambda i: 1, here=lambda i: (i, os.getpid()),
                      in_helper=lambda i: pickle.dumps((i, os.getpid())),
                      receive=lambda blob, _i: pickle.loads(blob)) as results:
        meanwhile = os.getpid()
        seen = results()
    assert items == [i for i, _ in seen]
    pids = {pid for _, pid in seen}
    assert 1 == len(pids) and meanwhile not in pids


def test_work_ahead_the_helper_did_not_answer_is_done_here(always_fork) -> None:
    def partly(item):
        if item == 2:
            return None
        if item == 3:
            raise RuntimeError("helper died")
        return pickle.dumps(item * 10)

    with forked.ahead([1, 2], weigh=lambda i: 1, here=lambda i: -i, in_helper=partly,
                      receive=lambda blob, _i: pickle.loads(blob)) as results:
        assert [10, -2] == results()
    with forked.ahead([1, 3], weigh=lambda i: 1, here=lambda i: -i, in_helper=partly,
                      receive=lambda blob, _i: pickle.loads(blob)) as results:
        assert [-1, -3] == results()   # the helper failed: all of it is done here


def test_work_taken_back_is_done_here_and_what_the_helper_began_is_its(always_fork,
                                                                        tmp_path: Path) -> None:
    """take_back: once this process asks, the items the helper has not begun are done here,
    from the last one on; the one it is working on stays its own; the order is kept."""
    marker = tmp_path / "helper-pid"

    def first_slow(item):
        if item == 0:
            part = marker.with_name(marker.name + ".part")
            part.write_text(str(os.getpid()))
            os.replace(part, marker)
            time.sleep(1)
        return pickle.dumps((item, os.getpid()))

    with forked.ahead(list(range(6)), weigh=lambda i: 1, here=lambda i: (i, os.getpid()),
                      in_helper=first_slow, receive=lambda blob, _i: pickle.loads(blob),
                      take_back=True) as results:
        _wait_for(marker)
        seen = results()
    assert list(range(6)) == [i for i, _ in seen]
    assert [int(marker.read_text())] + [os.getpid()] * 5 == [pid for _, pid in seen]


def test_work_taken_back_survives_a_failing_helper(always_fork) -> None:
    def failing(item):
        raise RuntimeError("helper died")

    with forked.ahead([1, 2, 3], weigh=lambda i: 1, here=lambda i: -i, in_helper=failing,
                      receive=lambda blob, _i: pickle.loads(blob), take_back=True) as results:
        assert [-1, -2, -3] == results()


def test_work_ahead_runs_here_without_a_second_core(monkeypatch, always_fork) -> None:
    monkeypatch.setenv("ARGMAP_JOBS", "1")
    with forked.ahead([1, 2], weigh=lambda i: 1, here=lambda i: (i, os.getpid()),
                      in_helper=lambda i: pytest.fail("forked"), receive=lambda b, _i: b) as results:
        assert [(1, os.getpid()), (2, os.getpid())] == results()


def test_leaving_the_block_early_stops_the_helper(always_fork, tmp_path: Path) -> None:
    marker = tmp_path / "helper-pid"
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), forked.ahead([1], weigh=lambda i: 1, here=lambda i: i,
                                                        in_helper=_slow_helper(marker),
                                                        receive=lambda b, _i: b):
        _wait_for(marker)
        raise KeyboardInterrupt
    assert time.monotonic() - started < 20
    with pytest.raises(ProcessLookupError):
        os.kill(int(marker.read_text()), 0)


def test_quote_checks_are_the_same_on_one_core_and_two(tmp_path: Path, monkeypatch) -> None:
    """The quote search runs in the helper while the other rules run here: same problems, same order."""
    from argmap.check import CheckOptions, check_corpus
    from argmap.load import load_corpus

    maps = _corpus_dir(tmp_path)
    (maps / "m.yaml").write_text(CASES["quote-not-found"][0], encoding="utf-8")
    (maps / "ok.yaml").write_text(GOOD_MAP, encoding="utf-8")
    corpus, _ = load_corpus([maps])
    options = CheckOptions(sources_dir=tmp_path / "sources")
    monkeypatch.setenv("ARGMAP_JOBS", "1")
    serial = check_corpus(corpus, options)
    monkeypatch.delenv("ARGMAP_JOBS")
    monkeypatch.setattr(forked, "MIN_WEIGHT", 0)
    parallel = check_corpus(corpus, options)
    assert any(p.code == "quote-not-found" for p in serial)
    assert [p.format() for p in serial] == [p.format() for p in parallel]


def test_a_quote_search_on_two_cores_keeps_its_cache_entry(always_fork, tmp_path: Path) -> None:
    """Whichever process searched a long source (the helper, or this one taking it back), the
    entry saying its quotes were all found is written, and the next check reads it."""
    from argmap.cache import Cache
    from argmap.check import CACHED_SOURCE_BYTES

    maps = _corpus_dir(tmp_path)
    (maps / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
    with (tmp_path / "sources" / "src.txt").open("a", encoding="utf-8") as text:
        text.write(" further words" * CACHED_SOURCE_BYTES)
    cache = Cache(tmp_path / "cache")
    assert [] == _seen(load_and_check([maps], tmp_path / "sources", cache)[1])
    assert 1 == len(list((tmp_path / "cache" / "quotes").glob("*/*")))
    assert [] == _seen(load_and_check([maps], tmp_path / "sources", cache)[1])


def test_a_dot_drawing_made_on_two_cores_is_the_same_bytes(always_fork) -> None:
    """render.dot.to_dot never forks itself; a command lends it `map_in_halves`, which does one
    half of the statements in a helper process, and the DOT does not change by a byte."""
    from argmap.render.dot import to_dot
    from argmap.render.view import combined_view

    from conftest import MAPS

    corpus, _problems = load_and_check([MAPS], None)
    view = combined_view(corpus)
    pids: list[int] = []

    def lent(function, halves, weigh):
        def noting(half):
            pids.append(os.getpid())
            return function(half)
        return forked.map_in_halves(noting, halves, weigh)

    assert to_dot(view) == to_dot(view, map_halves=lent)
    assert [os.getpid()] == pids   # the other half ran in the helper


def test_a_share_gives_the_helper_that_part_of_the_weight() -> None:
    weights = [5, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    mine, theirs = forked._halves(weights, weigh=lambda w: w, share=0.25)
    assert sorted(mine + theirs) == list(range(len(weights)))
    assert 10 == sum(weights[i] for i in theirs)   # a quarter of 40
    assert (mine, theirs) == forked._halves(weights, weigh=lambda w: w, share=0.25)
