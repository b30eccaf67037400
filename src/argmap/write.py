"""Writing what a user asked for — outputs, maps (`fmt`, `new`, `import`), the build's folder — and
running Graphviz. Every write is atomic (temp file + rename in the same folder). The parse cache
(`cache.py`, in the user's cache folder) writes its own entries the same way; nothing else writes.

A reader, a crash or a second argmap run never sees half a file: either the old content or the
new one. New maps are never written over existing ones.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")

__all__ = ["write_bytes", "write_text", "write_new", "write_tree", "Stage", "FolderBusy",
           "STAGING", "overwrite_problem"]


def write_bytes(path: Path, data: bytes) -> bool:
    """Atomically replace `path` with `data`; False (and nothing written) when unchanged."""
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    return True


def write_text(path: Path, text: str) -> bool:
    return write_bytes(path, text.encode("utf-8"))


def write_new(path: Path, text: str) -> None:
    """Create a file that must not exist yet (never overwrites a user's file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def write_tree(root: Path, files: dict[str, str | bytes]) -> list[Path]:
    """Write `{relative path: content}` under `root`; returns the paths that changed."""
    changed = []
    for relative, content in sorted(files.items()):
        target = Path(root) / relative
        data = content.encode("utf-8") if isinstance(content, str) else content
        if write_bytes(target, data):
            changed.append(target)
    return changed


def overwrite_problem(target: Path, reading: Sequence[Path] = (), *, folder: bool = False) -> str | None:
    """Why writing `target` (a file, or with `folder` a folder to write into) could destroy input,
    or None. argmap never writes over a map file, nor into a maps folder it is reading; commands
    allow it only when told `--force`."""
    target = Path(target)
    resolved = target.resolve()
    for path in reading:
        path = Path(path)
        if path.is_dir():
            read_folder = path.resolve()
            if resolved == read_folder or read_folder in resolved.parents:
                where = "is" if resolved == read_folder else "is inside"
                return f"{target} {where} the maps folder {path} that this command reads"
        elif path.exists() and resolved == path.resolve():
            return f"{target} is a map file this command reads"
    if not folder and target.is_file() and _is_map_file(target):
        return f"{target} is a map file (it starts with 'argmap:')"
    return None


def _is_map_file(path: Path) -> bool:
    """A YAML file with a top-level `argmap:` key (an Argdown export's front matter has one
    too, but is no map)."""
    import re

    if path.suffix.lower() not in (".yaml", ".yml"):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return re.search(rb"(?m)^argmap\s*:", head) is not None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# --- a folder of outputs, replaced all at once ---------------------------------------------------

STAGING = ".argmap-staging"
_JOURNAL = "COMMIT"


class FolderBusy(Exception):
    """Another argmap is writing into the same folder."""


class Stage:
    """New contents of a folder, staged beside it and put in place together.

    Files are written into `folder/.argmap-staging/` while the build works; nothing in the folder
    itself changes until `commit`, which writes a journal of what moves where, then moves each
    file into place (one rename each, with Ctrl-C held back for those milliseconds) and removes
    the staging folder. An interrupted build therefore leaves the previous folder as it was (the
    staging folder is removed, now or by the next build); a build killed during the moves leaves a
    journal, and the next build finishes the moves before anything else. While staged, the
    folder is locked (flock on the folder itself): a second build into it waits up to `wait`
    seconds (calling `on_wait` once), then is refused with `FolderBusy`.
    """

    def __init__(self, folder: Path, *, wait: float = 0.0,
                 on_wait: Callable[[], None] | None = None) -> None:
        self.folder = Path(folder)
        self.wait, self.on_wait = wait, on_wait
        self.staging = self.folder / STAGING
        self.staged: list[str] = []
        self.deleted: list[str] = []
        self._lock: int | None = None

    def __enter__(self) -> Stage:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = _lock_folder(self.folder, self.wait, self.on_wait)
        try:
            _recover(self.folder)
            self.staging.mkdir()
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if (self.staging / _JOURNAL).exists():
                _recover(self.folder)   # the moves were cut short: finish them
            elif self.staging.exists():
                _remove_tree(self.staging)
        except OSError:
            pass   # the journal stays; the next build finishes the moves
        finally:
            self._unlock()

    def _unlock(self) -> None:
        if self._lock is not None:
            os.close(self._lock)   # closing the descriptor releases the flock
            self._lock = None

    def write(self, relative: str, data: bytes) -> bool:
        """Stage `data` for `folder/relative`; False (nothing staged) when it is there already."""
        try:
            if (self.folder / relative).read_bytes() == data:
                return False
        except OSError:
            pass
        target = self.staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)   # made durable all at once, in commit
        os.chmod(target, 0o666 & ~_umask())
        self.staged.append(relative)
        return True

    def delete(self, relative: str) -> None:
        self.deleted.append(relative)

    def commit(self) -> None:
        import json

        journal = json.dumps({"move": self.staged, "delete": self.deleted})
        if self.staged:
            # every staged file on disk before the journal says to move them: one sync, not an
            # fsync per file (1,200 pages at 1,000 voices waited 7 s for 1,200 disk flushes)
            os.sync()
        write_text(self.staging / _JOURNAL, journal)
        with _interrupts_held():
            _apply(self.folder, self.staged, self.deleted)
            _remove_tree(self.staging)


def _lock_folder(folder: Path, wait: float, on_wait: Callable[[], None] | None) -> int:
    import fcntl
    import time

    fd = os.open(folder, os.O_RDONLY)
    deadline = time.monotonic() + wait
    waited = False
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise FolderBusy(f"another argmap is building into {folder}; wait for it to "
                                     "finish, or build into another folder") from None
                if not waited and on_wait is not None:
                    on_wait()
                waited = True
                time.sleep(0.1)
    except BaseException:
        os.close(fd)
        raise


def _recover(folder: Path) -> None:
    """Finish the moves of a build that was killed while making them; drop an unfinished one."""
    import json

    staging = folder / STAGING
    if not staging.exists():
        return
    try:
        journal = json.loads((staging / _JOURNAL).read_text(encoding="utf-8"))
        moves, deletes = journal["move"], journal["delete"]
    except (OSError, ValueError, KeyError, TypeError):
        moves, deletes = None, None
    if isinstance(moves, list) and isinstance(deletes, list):
        _apply(folder, [m for m in moves if isinstance(m, str)],
               [d for d in deletes if isinstance(d, str)])
    _remove_tree(staging)


def _apply(folder: Path, moves: list[str], deletes: list[str]) -> None:
    staging = folder / STAGING
    for relative in moves:
        source = staging / relative
        if source.exists():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, folder / relative)
    for relative in deletes:
        try:
            (folder / relative).unlink()
        except FileNotFoundError:
            pass


def _remove_tree(path: Path) -> None:
    import shutil

    if path.is_symlink() or path.is_file():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


class _interrupts_held:
    """Ctrl-C waits until the block ends (then stops the program as usual): for the short run of
    renames that must not be cut in half. Only the main thread can hold signals."""

    def __enter__(self) -> None:
        import signal
        import threading

        self.caught = False
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            def hold(_signum: int, _frame: object) -> None:
                self.caught = True
            self.previous = signal.signal(signal.SIGINT, hold)

    def __exit__(self, *exc: object) -> None:
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
            if self.caught:
                raise KeyboardInterrupt


# --- Graphviz ------------------------------------------------------------------------------------
# Running `dot` lives here too: this module is the one place that touches the outside world.

__all__ += ["run_graphviz", "run_dot", "dot_version", "GraphvizError", "GraphvizNotFound",
            "GraphvizTimeout", "stop_graphviz", "allow_graphviz", "on_every_core"]

_running: set[Any] = set()
_running_lock = threading.Lock()
_stopping = False


class GraphvizError(Exception):
    """`dot` could not turn DOT into a picture; the message says why."""


class GraphvizNotFound(GraphvizError):
    """No `dot` program on PATH."""


class GraphvizTimeout(GraphvizError):
    """`dot` ran longer than allowed and was stopped."""


def run_graphviz(source: str, *, fmt: str, engine: str = "dot", timeout: float = 60.0,
                 arguments: tuple[str, ...] = ()) -> tuple[bytes, str]:
    """Run the real `dot` on DOT text; returns (the picture, what `dot` said on stderr).

    The process gets a session of its own so that, on timeout, it and anything it started are
    stopped together, and no orphan keeps the pipes open.
    """
    import shutil
    import subprocess

    program = shutil.which("dot")
    if program is None:
        raise GraphvizNotFound("dot")
    command = [program, f"-K{engine}", f"-T{fmt}", *arguments]
    with _running_lock:
        if _stopping:
            raise GraphvizError("stopped")
        try:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, start_new_session=os.name == "posix")
        except OSError as exc:
            raise GraphvizNotFound(f"{program}: {exc.strerror or exc}") from None
        _running.add(process)
    try:
        output, errors = process.communicate(source.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        raise GraphvizTimeout(f"stopped after {timeout:g} s") from None
    finally:
        with _running_lock:
            _running.discard(process)
        if process.poll() is None:
            _kill(process)
            try:
                process.communicate(timeout=5)
            except (subprocess.TimeoutExpired, ValueError, OSError):
                pass
    message = errors.decode("utf-8", "replace").strip()
    if process.returncode != 0:
        raise GraphvizError(f"dot exited with status {process.returncode}"
                            + (f": {message}" if message else ""))
    return output, message


def _kill(process: Any) -> None:
    import signal

    if os.name == "posix":
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        process.kill()
    except OSError:
        pass


def stop_graphviz() -> None:
    """Stop every `dot` still running and refuse new ones: on Ctrl-C. The drawings run in their
    own sessions (so a timeout can stop all they started), which also keeps the terminal's
    Ctrl-C from reaching them; without this the program would wait for each of them to finish."""
    global _stopping
    with _running_lock:
        _stopping = True
        running = list(_running)
    for process in running:
        _kill(process)


def allow_graphviz() -> None:
    """Let `dot` run again after `stop_graphviz` (a long-lived process such as `build --watch`)."""
    global _stopping
    with _running_lock:
        _stopping = False


def on_every_core(work: Callable[[_Item], _Result], items: Sequence[_Item]) -> Iterator[_Result]:
    """`work(item)` for each item, results in order, on one thread per core: the one pool that
    runs Graphviz (`build`, `render`, and the fitting of screen diagrams all draw through it).

    When `work` raises, the reader stops early, or Ctrl-C arrives, the `dot`s still running are
    stopped and the items not yet started are dropped, rather than waited for one by one."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=max(1, min(len(items), os.cpu_count() or 1)))
    try:
        yield from pool.map(work, items)
    except BaseException:
        stop_graphviz()
        pool.shutdown(wait=True, cancel_futures=True)
        allow_graphviz()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_dot(source: str, fmt: str = "svg", *, engine: str = "dot", timeout: float = 60.0) -> bytes:
    """The picture alone, for callers that do not report Graphviz's warnings (`argmap build`)."""
    return run_graphviz(source, fmt=fmt, engine=engine, timeout=timeout)[0]


def dot_version(timeout: float = 10.0) -> str | None:
    """Graphviz's version (`dot -V`), or None when `dot` is not there or does not answer."""
    import re
    import shutil
    import subprocess

    program = shutil.which("dot")
    if program is None:
        return None
    try:
        answer = subprocess.run([program, "-V"], capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"version\s+(\S+)", answer.stderr.decode("utf-8", "replace"))
    return found.group(1) if answer.returncode == 0 and found else None
