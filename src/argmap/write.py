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
