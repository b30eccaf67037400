"""Run part of a batch in a forked helper process, so loading a large corpus uses both cores.

Why a fork and not a pool: the helper starts as a copy of this process (modules already
imported, nothing to pickle on the way in) and sends back only bytes, through a temporary file
it writes while this process works on the other half; a pool of fresh interpreters was measured
slower than one core (docs/performance.md). Anything that goes wrong in the helper (a crash,
an exception, a kill) makes its half run here instead, so results never depend on it.
"""

from __future__ import annotations

import contextlib
import contextvars
import mmap
import os
import pickle
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

__all__ = ["split_run", "ahead", "map_in_halves", "alongside", "defer", "MIN_WEIGHT"]

T = TypeVar("T")
R = TypeVar("R")

# Below this much work (bytes of YAML), forking costs more than it saves.
MIN_WEIGHT = 512 * 1024


def _available() -> bool:
    if os.environ.get("ARGMAP_JOBS", "") == "1":
        return False
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return False  # fork without exec is only safe to rely on here
    if threading.active_count() > 1:
        return False  # forking a threaded process can copy a held lock
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except (AttributeError, OSError):
        return (os.cpu_count() or 1) >= 2


def _halves(items: Sequence[T], weigh: Callable[[T], int],
            share: float = 0.5) -> tuple[list[int], list[int]]:
    """Indices split into two groups, the second with about `share` of the weight (half: equal
    halves), heaviest first (greedy: each item to the group furthest below its part)."""
    order = sorted(range(len(items)), key=lambda i: -weigh(items[i]))
    groups: tuple[list[int], list[int]] = ([], [])
    totals = [0, 0]
    parts = (1.0 - share, share)
    for i in order:
        side = 0 if totals[0] * parts[1] <= totals[1] * parts[0] else 1
        groups[side].append(i)
        totals[side] += weigh(items[i])
    return sorted(groups[0]), sorted(groups[1])


def split_run(items: Sequence[T], weigh: Callable[[T], int], here: Callable[[T], R],
              in_helper: Callable[[T], bytes | None], receive: Callable[[bytes, T], R],
              min_weight: int | None = None, share: float = 0.5,
              mine_done: Callable[[], object] | None = None) -> list[R]:
    """Each item's result, in order: `here(item)`, or `receive(in_helper(item), item)`.

    `in_helper` runs in the forked process and returns bytes, or None to leave the item to this
    process; an item whose helper answer is missing for any reason is done by `here`. Below
    `min_weight` in all (default `MIN_WEIGHT`, for weights in bytes) everything runs here.
    The helper gets about `share` of the weight: less than half when sending an answer costs it
    more than doing the item costs this process.

    `mine_done` is called once this process has done its items (all of them, when nothing is
    forked). Work it `defer`s while a helper is forked gets a child of its own at once: the
    helper is about done, and the second core would idle while this process takes in its
    answers and goes on alone (a cold check of 50,000 claims writes its cache there).
    """
    floor = MIN_WEIGHT if min_weight is None else min_weight
    if len(items) < 2 or sum(map(weigh, items)) < floor or not _available():
        _flush()   # (no helper to take the deferred work: its own child, now)
        results = [here(item) for item in items]
        if mine_done is not None:
            mine_done()
        return results
    mine, theirs = _halves(items, weigh, share)
    done: dict[int, R] = {}
    with _helper([items[i] for i in theirs], here, in_helper, receive) as helped:
        for i in mine:
            done[i] = here(items[i])
        if mine_done is not None:
            mine_done()
            _flush()
        done.update(zip(theirs, helped(), strict=True))
    return [done[i] for i in range(len(items))]


@contextlib.contextmanager
def ahead(items: Sequence[T], weigh: Callable[[T], int], here: Callable[[T], R],
          in_helper: Callable[[T], bytes | None], receive: Callable[[bytes, T], R],
          min_weight: int | None = None, take_back: bool = False) -> Iterator[Callable[[], list[R]]]:
    """Within: every item is worked on in the forked helper while this process does other work;
    calling what it gives waits for them and returns each item's result in order (as
    `split_run`, whose rules it keeps). For work this process has no share in meanwhile.

    With `take_back`, calling it first takes back, from the last item on, each item the helper
    has not started, and does it here: done with its own work first, this process helps instead
    of waiting, whichever of the two is slowed (a static share cannot know). Items are best
    given heaviest first, so that what is taken back is the small change."""
    floor = MIN_WEIGHT if min_weight is None else min_weight
    if not items or sum(map(weigh, items)) < floor or not _available():
        _flush()
        yield lambda: [here(item) for item in items]
        return
    if not take_back:
        with _helper(items, here, in_helper, receive) as helped:
            yield helped
        return
    # One byte an item, shared by the two processes (an anonymous mmap survives the fork
    # shared): TAKEN once this process has claimed it, STARTED once the helper has. Each reads
    # the byte before writing its own, so at worst both do an item (the same answer twice),
    # never neither: the helper stops at the first item taken, this process at the first started.
    marks = mmap.mmap(-1, len(items))
    done_here: dict[int, R] = {}

    def helper_item(index: int) -> bytes | None:
        if marks[index] == _TAKEN:
            return None
        marks[index] = _STARTED
        return in_helper(items[index])

    def here_item(index: int) -> R:
        return done_here.pop(index) if index in done_here else here(items[index])

    with _helper(range(len(items)), here_item, helper_item,
                 lambda blob, index: receive(blob, items[index]), deferred_first=True) as helped:
        def results() -> list[R]:
            for index in reversed(range(len(items))):
                if marks[index] == _STARTED:
                    break
                marks[index] = _TAKEN
                done_here[index] = here(items[index])
            if len(done_here) == len(items):   # the helper had not begun (a busy machine):
                return [done_here.pop(index) for index in range(len(items))]   # stopped, not awaited
            return helped()
        yield results


_TAKEN, _STARTED = 1, 2


@contextlib.contextmanager
def _helper(items: Sequence[T], here: Callable[[T], R], in_helper: Callable[[T], bytes | None],
            receive: Callable[[bytes, T], R], deferred_first: bool = False,
            ) -> Iterator[Callable[[], list[R]]]:
    """A forked process working on `items`; within, the function that waits for its answers
    (an item it did not answer is done here). Leaving early, by an exception (Ctrl-C) or without
    asking, stops the helper now rather than leave it working on after this process has gone.

    Work `defer`red meanwhile goes with the helper: once its answers are sent, it does that work
    too, and what `in_helper` itself deferred (the cache entries of what it loaded), and
    `alongside` waits for it; one fork instead of two (after a fork every page this
    process writes is copied again: 50 ms of a cold check of 50,000 claims). With
    `deferred_first` (items this process can take back) the helper does that work before its
    items, and this process takes back more of them instead of waiting for it at the end."""
    pending = _take_pending()
    with tempfile.TemporaryFile() as channel:
        ready, sent_ready = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child; its effects are tested
            status = 1
            try:
                os.close(ready)
                if deferred_first:
                    _run(pending)
                    pending.clear()
                pickle.dump([in_helper(item) for item in items], channel, protocol=pickle.HIGHEST_PROTOCOL)
                channel.flush()
                with contextlib.suppress(OSError):   # (no reader: this process did not ask)
                    os.write(sent_ready, b"!")   # the answers are whole: this process may read them
                os.close(sent_ready)
                _run(pending + _take_pending())   # (and what the items deferred: after answering)
                status = 0
            finally:
                os._exit(status)
        os.close(sent_ready)
        answered = False

        def results() -> list[R]:
            nonlocal answered
            whole = os.read(ready, 1) == b"!"   # b"" when the helper ended without answering
            answered = True
            sent: list[bytes | None] | None = None
            if whole:
                channel.seek(0)
                try:
                    sent = pickle.load(channel)
                except Exception:  # noqa: BLE001 - a damaged answer is no answer
                    sent = None
            if sent is None or len(sent) != len(items):
                sent = [None] * len(items)
            return [here(item) if blob is None else receive(blob, item)
                    for item, blob in zip(items, sent, strict=True)]
        stop = True
        try:
            yield results
            stop = not answered and not pending   # (deferred work is left to finish)
        finally:
            os.close(ready)
            if stop:
                os.kill(pid, signal.SIGKILL)
            deferred = _deferred.get()
            if not stop and deferred is not None:
                deferred.children.append(pid)   # `alongside` waits for its deferred work
            else:
                os.waitpid(pid, 0)


def map_in_halves(function: Callable[[T], R], items: Sequence[T],
                  weigh: Callable[[T], int]) -> list[R]:
    """`[function(item) for item in items]`, a heavy batch shared with a forked helper (results
    come back pickled): what a pure renderer is lent by the command that calls it
    (`render.dot.to_dot`'s `map_halves`), so the renderer itself never forks."""
    return split_run(items, weigh, here=function,
                     in_helper=lambda item: pickle.dumps(function(item)),
                     receive=lambda blob, _item: pickle.loads(blob))


# --- work whose result this process does not need ---------------------------------------------------

class _Deferred:
    """Within `alongside`: the children doing deferred work, and the work not yet given one."""

    def __init__(self) -> None:
        self.children: list[int] = []
        self.pending: list[Callable[[], object]] = []


_deferred: contextvars.ContextVar[_Deferred | None] = contextvars.ContextVar("deferred", default=None)


@contextlib.contextmanager
def alongside() -> Iterator[None]:
    """Within: `defer`red work runs in a forked child while this process goes on; every such
    child has finished when the block ends, so what it wrote is there afterwards."""
    deferred = _Deferred()
    token = _deferred.set(deferred)
    try:
        yield
        _flush()
    finally:
        _deferred.reset(token)
        for pid in deferred.children:
            os.waitpid(pid, 0)


def defer(work: Callable[[], object]) -> None:
    """Do `work` (writing the cache: nothing this process reads back) in a forked child within
    `alongside`, on a second core; here and now otherwise, or when a child cannot be made.
    A failure in the child costs only what it would have written.

    The work waits for the next helper this process forks (`ahead`, `split_run`), which does it
    once it has answered; when none is forked, it gets a child of its own then, or when the
    block ends."""
    deferred = _deferred.get()
    if deferred is None or not _available():
        work()
        return
    deferred.pending.append(work)


def _take_pending() -> list[Callable[[], object]]:
    deferred = _deferred.get()
    if deferred is None:
        return []
    pending, deferred.pending = deferred.pending, []
    return pending


def _flush() -> None:
    """The deferred work not yet given to a helper, in a child of its own."""
    pending = _take_pending()
    if not pending:
        return
    deferred = _deferred.get()
    assert deferred is not None
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        _run(pending)
        return
    if pid == 0:  # pragma: no cover - runs in the child; its effects are tested
        status = 1
        try:
            _run(pending)
            status = 0
        finally:
            os._exit(status)
    deferred.children.append(pid)


def _run(pending: list[Callable[[], object]]) -> None:
    for work in pending:
        work()
