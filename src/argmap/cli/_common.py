"""What every command's parsing and printing shares: exit codes, usage errors, the paths and
sources arguments, printing diagnostics, and stopping a command on a corpus with errors."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.errors import Problem
    from argmap.model import Corpus

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

# How a cli/<command>.py module adds its commands: `register(command)` calls
# `command(name, help, func)` and gets the sub-parser to add arguments to.
Command = Callable[[argparse.Namespace], int]
AddCommand = Callable[[str, str, Command], argparse.ArgumentParser]


class UsageError(Exception):
    """A mistake in the command line: printed as `argmap CMD: error: ...`, exit 2."""


class Stopped(Exception):
    """The corpus has errors, already printed: the command stops here with exit 1."""


def existing_paths(values: Sequence[str]) -> list[Path]:
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


def shown(problem: Problem) -> str:
    """A diagnostic's line for a person: map text in it may hold control characters, shown
    escaped (argmap.terminal) even when the output goes to a file or a CI log."""
    from argmap.terminal import escape

    return escape(problem.format())


def print_problems(problems: Sequence[Problem], fmt: str = "text") -> None:
    if fmt == "json":
        print(json.dumps({"diagnostics": [p.to_json() for p in problems]}, indent=2, ensure_ascii=False))
        return
    from argmap.errors import repeats_note, summarised

    for problem, more in summarised(problems):
        print(shown(problem))
        if more:
            print(repeats_note(more))


def summary(problems: Sequence[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity.value == "error")
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def compiled(args: argparse.Namespace) -> Corpus:
    """The checked corpus for commands that compile it; errors stop the command (exit 1)."""
    from argmap.cache import Cache
    from argmap.errors import ArgmapError
    from argmap.pipeline import compile_corpus

    try:
        corpus, warnings = compile_corpus(existing_paths(args.paths), getattr(args, "sources", None), Cache.default())
    except ArgmapError as exc:
        print_problems(exc.problems)
        print(f"argmap: stopped: {summary(exc.problems)} (fix the errors above, or run 'argmap check')",
              file=sys.stderr)
        raise Stopped from None
    print_warnings(warnings)
    return corpus


# Commands that compile the corpus show a few warnings and count the rest; `check` shows all.
WARNINGS_SHOWN = 5


def print_warnings(warnings: Sequence[Problem]) -> None:
    from argmap.errors import repeats_note, summarised

    listed = summarised(warnings)
    for problem, more in listed[:WARNINGS_SHOWN]:
        print(shown(problem), file=sys.stderr)
        if more:
            print(repeats_note(more), file=sys.stderr)
    hidden = sum(1 + more for _problem, more in listed[WARNINGS_SHOWN:])
    if hidden > 0:
        print(f"argmap: ... and {hidden} more warning{'s' * (hidden != 1)} "
              "(run 'argmap check' to see them all)", file=sys.stderr)


def add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="map files or folders of them (default: maps/)")


def _sources_folder(value: str) -> Path:
    """--sources names a folder that is there: a mistyped one would quietly turn quote
    checking off (every quote a warning), so it is a usage error instead."""
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(
            f"{value}: {'not a folder' if path.exists() else 'no such folder'}")
    return path


def add_sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sources", type=_sources_folder, metavar="DIR",
                        help="folder of source texts (default: $ARGMAP_SOURCES, else the corpus's "
                             "sources_dir, else maps/../sources)")
