"""The only place that writes files: every write is atomic (temp file + rename in the same folder).

A reader, a crash or a second argmap run never sees half a file: either the old content or the
new one. New maps are never written over existing ones.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_bytes", "write_text", "write_new", "write_tree"]


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


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# --- Graphviz ------------------------------------------------------------------------------------
# Running `dot` lives here too: this module is the one place that touches the outside world.

__all__ += ["run_graphviz", "run_dot", "dot_version", "GraphvizError", "GraphvizNotFound",
            "GraphvizTimeout"]

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
    import signal
    import subprocess

    program = shutil.which("dot")
    if program is None:
        raise GraphvizNotFound("dot")
    command = [program, f"-K{engine}", f"-T{fmt}", *arguments]
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=os.name == "posix")
    except OSError as exc:
        raise GraphvizNotFound(f"{program}: {exc.strerror or exc}") from None
    try:
        output, errors = process.communicate(source.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        raise GraphvizTimeout(f"stopped after {timeout:g} s") from None
    finally:
        if process.poll() is None:
            if os.name == "posix":
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except OSError:
                    pass
            process.kill()
            try:
                process.communicate(timeout=5)
            except (subprocess.TimeoutExpired, ValueError, OSError):
                pass
    message = errors.decode("utf-8", "replace").strip()
    if process.returncode != 0:
        raise GraphvizError(f"dot exited with status {process.returncode}"
                            + (f": {message}" if message else ""))
    return output, message


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
