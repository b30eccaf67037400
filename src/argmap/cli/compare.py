"""`argmap table`, `argmap matrix` and `argmap diff`: compare the voices of a checked corpus.

Each command compiles the corpus (errors stop it), calls its orchestrator in
`argmap.commands.compare` with the terminal's options, and prints the text it returns. Heavy
imports happen inside the commands.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.cli._common import AddCommand
    from argmap.model import Corpus

__all__ = ["register"]

TERM_SYMBOLS = "✓✗±·×—→“”…"


def _id_list(value: str) -> list[str]:
    ids = [v.strip() for v in value.split(",") if v.strip()]
    if not ids:
        raise argparse.ArgumentTypeError("expected one id or more, separated by commas")
    return ids


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if width < 1:
        raise argparse.ArgumentTypeError("the width must be at least 1")
    return width


def _threshold(value: str) -> float:
    try:
        threshold = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= threshold <= 1.0:
        raise argparse.ArgumentTypeError("the threshold is a distance, between 0 and 1")
    return threshold


def _terminal(args: argparse.Namespace) -> dict:
    """Options for `to_term`: the width to fit, whether to colour, whether the terminal can show ✓."""
    width = args.width or shutil.get_terminal_size((80, 24)).columns
    if args.color == "always":
        color = True
    elif args.color == "never":
        color = False
    else:
        color = (sys.stdout.isatty() and not os.environ.get("NO_COLOR")
                 and os.environ.get("TERM") != "dumb")
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        TERM_SYMBOLS.encode(encoding)
        ascii_only = False
    except (UnicodeEncodeError, LookupError):
        ascii_only = True
    return {"width": width, "color": color, "ascii": ascii_only}


def cmd_table(args: argparse.Namespace) -> int:
    from argmap.cli._common import EXIT_OK, UsageError, compiled
    from argmap.commands.compare import table
    from argmap.compare import UnknownIdError

    corpus = compiled(args)
    try:
        text = table(corpus, args.format, _terminal(args), theses=args.theses, maps=args.maps,
                     topic=args.topic)
    except UnknownIdError as exc:
        raise UsageError(str(exc)) from None
    sys.stdout.write(text)
    return EXIT_OK


def cmd_matrix(args: argparse.Namespace) -> int:
    from argmap.cli._common import EXIT_OK, UsageError, compiled
    from argmap.commands.compare import matrix
    from argmap.compare import UnknownIdError

    if args.clusters and args.format == "csv":
        raise UsageError("--clusters has no csv form; use --format term, md or json")
    if args.threshold is not None and not args.clusters:
        raise UsageError("--threshold only applies with --clusters")
    corpus = compiled(args)
    try:
        text = matrix(corpus, args.format, _terminal(args), maps=args.maps,
                      clusters=args.clusters, threshold=args.threshold)
    except UnknownIdError as exc:
        raise UsageError(str(exc)) from None
    sys.stdout.write(text)
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from argmap.cli._common import EXIT_OK, UsageError, compiled
    from argmap.commands.compare import diff_paths
    from argmap.compare import UnknownIdError

    def corpus(paths: Sequence[str]) -> Corpus:
        return compiled(argparse.Namespace(paths=list(paths), sources=args.sources))

    try:
        text = diff_paths(args.a, args.b, args.paths, args.format, _terminal(args), compiled=corpus)
    except UnknownIdError as exc:
        raise UsageError(str(exc)) from None
    sys.stdout.write(text)
    return EXIT_OK


def _add_term(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the term format (auto: on a terminal, unless NO_COLOR is set)")
    parser.add_argument("--width", type=_width, metavar="N",
                        help="fit the term format in N columns (default: the terminal's width)")


def register(command: AddCommand) -> None:
    """Add `table`, `matrix` and `diff` via `command(name, help, func) -> ArgumentParser`."""
    from argmap.cli._common import add_paths, add_sources

    p = command("table", "table of theses by voices, with the reasons", cmd_table)
    add_paths(p)
    add_sources(p)
    p.add_argument("--theses", type=_id_list, metavar="ID,...", help="only these theses, in this order")
    p.add_argument("--maps", type=_id_list, metavar="ID,...", help="only these voices, in this order")
    p.add_argument("--topic", metavar="T", help="only the theses of topic T")
    p.add_argument("--format", choices=("term", "md", "csv", "html", "latex", "json"), default="term")
    _add_term(p)

    p = command("matrix", "agreement and distance for every pair of voices", cmd_matrix)
    add_paths(p)
    add_sources(p)
    p.add_argument("--maps", type=_id_list, metavar="ID,...", help="only these voices")
    p.add_argument("--format", choices=("term", "md", "csv", "json"), default="term")
    p.add_argument("--clusters", action="store_true",
                   help="group the voices into camps (average linkage on the edit distance)")
    p.add_argument("--threshold", type=_threshold, metavar="D",
                   help="with --clusters: join groups at most D apart (0 to 1, default 0.5)")
    _add_term(p)

    p = command("diff", "compare two voices, or two versions of the maps", cmd_diff)
    p.add_argument("a", metavar="A", help="a voice (map id), or the old maps folder")
    p.add_argument("b", metavar="B", help="another voice, or the new maps folder")
    add_paths(p)
    add_sources(p)
    p.add_argument("--format", choices=("term", "md", "json"), default="term")
    _add_term(p)
