"""What every command does first: the files it is given, checked readable; the corpus compiled
from them; a target it may not write. Raises UsageError (a mistake in the command line, exit 2)
or ArgmapError (the corpus has errors); the CLI prints them.

Kept light (standard library only at import): `cli/_common.py` imports it for every command.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.errors import Problem
    from argmap.fmt import FormatResult
    from argmap.model import Corpus

__all__ = ["UsageError", "check_paths", "compile_paths", "existing_paths", "format_paths",
           "refuse_overwrite", "sources_folder", "sources_folders"]


class UsageError(Exception):
    """A mistake in the command line: printed as `argmap CMD: error: ...`, exit 2."""


def existing_paths(values: Sequence[str]) -> list[Path]:
    """The maps named (default: maps/), each there and readable."""
    paths = [Path(v) for v in values] or [Path("maps")]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}"
                         + (" (run argmap from the folder that holds maps/, or name the maps folder)"
                            if missing == ["maps"] else ""))
    for path in paths:
        try:
            if path.is_dir():
                with os.scandir(path):
                    pass
            else:
                with open(path, "rb"):
                    pass
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    return paths


def sources_folder(value: str) -> Path:
    """--sources names a folder that is there: a mistyped one would quietly turn quote
    checking off (every quote a warning), so it is a usage error instead."""
    path = Path(value)
    if not path.is_dir():
        raise UsageError(f"{value}: {'not a folder' if path.exists() else 'no such folder'}")
    return path


def refuse_overwrite(target: Path, reading: Sequence[Path], force: bool, *, folder: bool = False) -> None:
    """A usage error, unless --force, when writing `target` could destroy a map (write.py)."""
    from argmap.write import overwrite_problem

    if folder and target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file; -o names a folder to write into")
    if not folder and target.is_dir():
        raise UsageError(f"{target} is a folder; -o names a file to write")
    problem = None if force else overwrite_problem(target, reading, folder=folder)
    if problem is not None:
        raise UsageError(f"{problem}; argmap never overwrites maps (use --force to write there anyway)")


def compile_paths(values: Sequence[str], sources: Path | None) -> tuple[Corpus, tuple[Problem, ...]]:
    """The checked corpus of the maps named, and its warnings; ArgmapError when it has errors."""
    from argmap.cache import Cache
    from argmap.pipeline import compile_corpus

    return compile_corpus(existing_paths(values), sources, Cache.default())


def check_paths(values: Sequence[str], sources: Path | None) -> tuple[Corpus, tuple[Problem, ...]]:
    """`argmap check`: the corpus as far as it loads, and every problem."""
    from argmap.cache import Cache
    from argmap.pipeline import load_and_check

    return load_and_check(existing_paths(values), sources, Cache.default())


def format_paths(values: Sequence[str], check_only: bool) -> list[FormatResult]:
    """`argmap fmt`: each map named rewritten in the one layout (`check_only`: only said)."""
    from argmap.fmt import format_files

    return format_files(existing_paths(values), check_only=check_only)


def sources_folders(paths: Sequence[Path], sources: Path | None) -> tuple[Path, ...]:
    """Every folder of source texts, the corpus's `sources_dir` included (read from the maps;
    a map that does not load counts for nothing here: the build reports it)."""
    from argmap.cache import Cache
    from argmap.check import resolve_sources_dirs
    from argmap.load import load_corpus

    corpus, _problems = load_corpus(paths, Cache.default())
    return resolve_sources_dirs(sources, paths, corpus)
