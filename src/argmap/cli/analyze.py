"""`argmap analyze`: weigh the attacks between voices under a Dung semantics.

The command compiles the corpus, has `commands.analyze` weigh it and write the format asked
for, and prints that.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.cli._common import AddCommand

SEMANTICS = ("grounded", "preferred", "stable", "complete")
FORMATS = ("term", "md", "json")


def register(command: AddCommand) -> None:
    """Add `analyze` via `command(name, help, func) -> ArgumentParser`."""
    from argmap.cli import _common as common

    p = command("analyze", "weigh attacks: which claims stand (Dung semantics)", cmd_analyze)
    common.add_paths(p)
    common.add_sources(p)
    p.add_argument("--semantics", choices=SEMANTICS, default="grounded",
                   help="grounded: only what is beyond doubt (default); preferred: every "
                        "maximal coherent position; stable: positions that reject all they "
                        "leave out; complete: every self-defending position")
    p.add_argument("--format", choices=FORMATS, default="term")
    p.add_argument("--without-contrasts", action="store_true",
                   help="leave out the mapper's contrasts: what the authors' own words and their "
                        "replies to each other alone give")


def cmd_analyze(args: argparse.Namespace) -> int:
    from argmap.cli import _common as common
    from argmap.commands.analyze import analyze

    corpus = common.compiled(args)
    text = analyze(corpus, args.semantics, contrasts=not args.without_contrasts, fmt=args.format)
    if args.format == "term":   # map text shown in a terminal: controls escaped, never obeyed
        from argmap.terminal import escape

        text = escape(text)
    sys.stdout.write(text)
    return common.EXIT_OK
