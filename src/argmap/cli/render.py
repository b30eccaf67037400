"""`argmap render`: draw the maps as Graphviz diagrams (see docs/render.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.cli._common import AddCommand

FORMATS = ("svg", "png", "pdf", "dot")
ENGINES = ("dot", "neato", "sfdp")

INSTALL_HINT = ("install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; "
                "macOS: brew install graphviz; Windows: winget install graphviz), "
                "or use --format dot to write the DOT text only")


def cmd_render(args: argparse.Namespace) -> int:
    from argmap.cli import _common as common
    from argmap.commands.render import DrawFailed, TooBig, UnknownIds, plan, render
    from argmap.render.dot import DotOptions

    if args.wrap is not None and args.wrap < 8:
        raise common.UsageError("--wrap must be at least 8")
    common.refuse_overwrite(Path(args.output), common.existing_paths(args.paths), args.force, folder=True)
    if args.side and not args.theses:
        raise common.UsageError("--side needs --thesis ID: the side is a position on a thesis")
    if not args.timeout > 0:
        raise common.UsageError("--timeout must be a positive number of seconds")
    corpus = common.compiled(args)
    groups = tuple(tuple(part.strip() for part in value.split(",") if part.strip())
                   for value in args.rank_same)
    pins = _pins(args.pin)
    # the options of the detailed drawing ask for it when given
    detailed = args.detailed or args.evidence != "auto" or bool(args.pin or args.rank_same) \
        or any(value is not None
               for value in (args.rankdir, args.wrap, args.group_by, args.engine))
    options = DotOptions(rankdir=args.rankdir or "TB", engine=args.engine or "dot",
                         wrap=args.wrap or 28, legend=not args.no_legend, fontname=args.font,
                         rank_same=groups, pins=pins, screen=not detailed)
    try:
        views = plan(corpus, options, maps=args.maps, combined=args.combined, theses=args.theses,
                     group_by=args.group_by or "voice", evidence=args.evidence,
                     detailed=detailed, side=args.side)
    except UnknownIds as exc:
        raise common.UsageError(str(exc)) from None
    written = 0
    try:
        for event in render(views, options, fmt=args.format, output=Path(args.output),
                            fit=not detailed, timeout=args.timeout):
            if isinstance(event, TooBig):
                print(f"argmap render: {event.view}: too big to read on a screen: "
                      f"{event.fit.describe()}; {event.split}, or use --detailed for print",
                      file=sys.stderr)
                continue
            for line in event.said.splitlines():
                print(f"argmap render: {event.target.name}: dot: {line}", file=sys.stderr)
            if event.written:
                written += 1
                print(f"wrote {event.target}")
    except DrawFailed as failed:
        return _graphviz_failed(args, failed.error, failed.name)
    print(f"argmap render: {len(views)} diagram{'s' * (len(views) != 1)} in {args.output} "
          f"({written} written, {len(views) - written} unchanged)", file=sys.stderr)
    return common.EXIT_OK


def _graphviz_failed(args: argparse.Namespace, exc: Exception, name: str) -> int:
    from argmap.cli import _common as common
    from argmap.write import GraphvizNotFound, GraphvizTimeout

    if isinstance(exc, GraphvizNotFound):
        print(f"argmap render: Graphviz's 'dot' program was not found on PATH; it is "
              f"needed for --format {args.format}. To draw diagrams, {INSTALL_HINT}.",
              file=sys.stderr)
    elif isinstance(exc, GraphvizTimeout):
        print(f"argmap render: drawing {name} took longer than {args.timeout:g} s "
              f"and was stopped. Try --engine sfdp (faster on big graphs), a narrower view "
              f"(--thesis ID, or --map ID with --combined), or a longer --timeout.",
              file=sys.stderr)
    else:
        print(f"argmap render: Graphviz could not draw {name}: {exc}", file=sys.stderr)
    return common.EXIT_PROBLEMS


MAX_PIN_RANK = 100


def _pins(values: list[str]) -> tuple[tuple[str, int], ...]:
    """`--pin ID=N` values, each node once."""
    from argmap.cli import _common as common

    pins: dict[str, int] = {}
    for value in values:
        node_id, sep, rank = value.rpartition("=")
        node_id = node_id.strip()
        if not sep or not node_id or not rank.strip().isdigit() \
                or int(rank) > MAX_PIN_RANK:
            raise common.UsageError(f"--pin {value}: write ID=N, with N a rank from 0 (the first) "
                                 f"to {MAX_PIN_RANK}, e.g. --pin lind/apology-fatigue=0")
        if pins.get(node_id, int(rank)) != int(rank):
            raise common.UsageError(f"--pin: {node_id} is pinned to both rank {pins[node_id]} "
                                 f"and rank {int(rank)}")
        pins[node_id] = int(rank)
    return tuple(pins.items())


def register(command: AddCommand) -> None:
    """Add `render` via `command(name, help, func) -> ArgumentParser`."""
    from argmap.cli import _common as common

    p = command("render", "draw the maps as Graphviz diagrams", cmd_render)
    common.add_paths(p)
    common.add_sources(p)
    view = p.add_argument_group("what to draw (default: every map, and all maps combined)")
    view.add_argument("--map", dest="maps", action="append", default=[], metavar="ID",
                      help="only this map (repeat for more); with --combined or --thesis, "
                           "only these voices")
    view.add_argument("--combined", action="store_true",
                      help="all voices in one diagram, around the theses")
    view.add_argument("--thesis", dest="theses", action="append", default=[], metavar="ID",
                      help="only what bears on this thesis (repeat for more)")
    view.add_argument("--side", choices=("agree", "disagree", "mixed"),
                      help="with --thesis: only the voices that take this position on it "
                           "(a view too big to read, drawn one side at a time)")
    view.add_argument("--detailed", action="store_true",
                      help="every claim and quote as its own node, for print and posters "
                           "(default: views that fit a 1366x768 screen)")
    view.add_argument("--evidence", choices=("auto", "show", "hide"), default="auto",
                      help="with --detailed: draw quotes as nodes (auto: not in the combined "
                           "diagram); show or hide implies --detailed")
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default="svg", help="default: svg")
    out.add_argument("--force", action="store_true", help="write even into the maps folder being read")
    out.add_argument("-o", "--output", type=Path, default=Path("build/diagrams"), metavar="DIR",
                     help="folder to write into (default: build/diagrams)")
    out.add_argument("--engine", choices=ENGINES, default=None,
                     help="Graphviz layout (default: dot); implies --detailed")
    out.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                     help="stop a drawing that takes longer (default: 60)")
    look = p.add_argument_group("layout")
    look.add_argument("--rankdir", choices=("TB", "LR", "BT", "RL"), default=None,
                      help="direction of the arrows (default: TB, top to bottom); "
                           "implies --detailed")
    look.add_argument("--wrap", type=int, default=None, metavar="N",
                      help="wrap text at N columns (default: 28); implies --detailed")
    look.add_argument("--group-by", choices=("voice", "topic", "none"), default=None,
                      help="clusters of the combined diagram (default: voice); "
                           "implies --detailed")
    look.add_argument("--rank-same", action="append", default=[], metavar="ID,ID,...",
                      help="put these claims (map/claim) and theses on one rank; repeatable; "
                           "implies --detailed")
    look.add_argument("--pin", action="append", default=[], metavar="ID=N",
                      help="put a claim (map/claim) or thesis on rank N (0: the first); "
                           "repeatable; implies --detailed")
    look.add_argument("--font", default="Noto Sans CJK JP", metavar="FAMILY",
                      help="font family (default: Noto Sans CJK JP, for CJK text)")
    look.add_argument("--no-legend", action="store_true", help="leave out the legend")
