"""What every command's parsing and printing shares: exit codes, usage errors, the paths and
sources arguments, printing diagnostics, and stopping a command on a corpus with errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# Checking the paths, compiling the corpus and refusing to overwrite a map are the commands'
# first steps (commands/inputs.py); re-exported for the cli/<command>.py modules.
from argmap.commands.inputs import (
    UsageError,
    compile_paths,
    existing_paths,
    refuse_overwrite,
    sources_folder,
)

if TYPE_CHECKING:
    from argmap.errors import Problem
    from argmap.model import Corpus

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "AddCommand", "Command", "Stopped", "UsageError",
           "add_paths", "add_sources", "compiled", "existing_paths", "print_problems", "print_warnings",
           "refuse_overwrite", "shown", "summary"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

# How a cli/<command>.py module adds its commands: `register(command)` calls
# `command(name, help, func)` and gets the sub-parser to add arguments to.
Command = Callable[[argparse.Namespace], int]
AddCommand = Callable[[str, str, Command], argparse.ArgumentParser]


class Stopped(Exception):
    """The corpus has errors, already printed: the command stops here with exit 1."""


def shown(problem: Problem) -> str:
    """A diagnostic's line for a person: map text in it may hold control characters, shown
    escaped (argmap.terminal) even when the output goes to a file or a CI log."""
    from argmap.terminal import escape

    return escape(problem.format())


def print_problems(problems: Sequence[Problem], fmt: str = "text") -> None:
    if fmt == "json":
        import json  # (only for this format: its import compiles regular expressions, 4 ms)

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
    from argmap.errors import ArgmapError

    try:
        corpus, warnings = compile_paths(args.paths, getattr(args, "sources", None))
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
    """--sources, checked by commands.inputs.sources_folder; argparse words the usage error."""
    try:
        return sources_folder(value)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sources", type=_sources_folder, metavar="DIR",
                        help="folder of source texts (default: $ARGMAP_SOURCES, else the corpus's "
                             "sources_dir, else maps/../sources)")
