"""`argmap build --watch`'s eyes: wait for saves to the maps or the source texts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

__all__ = ["saves"]


def saves(paths: Sequence[Path], sources: Path | Sequence[Path] | None) -> Iterator[list[str]]:
    """The names of the files changed by each save, one list per save, until Ctrl-C.

    Map files count, and any visible file in the sources folder; editors' temporary files (a
    leading dot, a trailing ~) do not. ImportError when watchfiles is not installed."""
    import watchfiles

    folders = _folders(sources)

    def relevant(_change: object, path: str) -> bool:
        name = Path(path).name
        if name.startswith(".") or name.endswith("~"):
            return False
        in_sources = any(Path(path).resolve().is_relative_to(f) for f in folders)
        return in_sources or Path(path).suffix in (".yaml", ".yml")

    for changes in watchfiles.watch(*watched(paths, sources), watch_filter=relevant):
        yield sorted({Path(path).name for _change, path in changes})


def _folders(sources: Path | Sequence[Path] | None) -> list[Path]:
    """The sources folders that are there (one, several from the corpus's sources_dir, none)."""
    given = [] if sources is None else [sources] if isinstance(sources, Path) else list(sources)
    return [f.resolve() for f in given if f.is_dir()]


def watched(paths: Sequence[Path], sources: Path | Sequence[Path] | None) -> list[str]:
    """What `saves` watches, to tell the user."""
    return [str(p) for p in paths] + [str(f) for f in _folders(sources)]
