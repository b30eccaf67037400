"""`argmap build`: check the corpus, then build diagrams, tables, the site and handouts."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from argmap.build import Report
    from argmap.cli._common import AddCommand

__all__ = ["register"]


class _Progress:
    """One plain line per step; on a terminal, one line redrawn in place with a bar."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.drawn = False

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.live:
            if done == 0:
                print(f"argmap build: {step}" + (f" ({total})" if total else ""), file=self.stream)
            return
        width = 24
        filled = width * done // total if total else 0
        bar = f" [{'#' * filled}{'.' * (width - filled)}] {done}/{total}" if total else ""
        self.stream.write(f"\r\033[Kargmap build: {step}{bar}")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.drawn = False


def _build_once(args: argparse.Namespace, *, force: bool) -> int:
    """Check, build, say what was done. Corpus errors leave through `Stopped` (exit 1)."""
    from argmap.cli._common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, compiled
    from argmap.commands.build import OutputRefused, build_into
    from argmap.write import FolderBusy

    progress = _Progress(sys.stderr)
    progress("checking", 0, 0)
    corpus = compiled(args)
    try:
        report = build_into(corpus, args.paths, args.output, diagrams=not args.no_diagrams,
                            force=force, progress=progress)
    except (OutputRefused, FolderBusy) as exc:
        progress.finish()
        print(f"argmap build: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        progress.finish()
        print(f"argmap build: error: cannot write {exc.filename or args.output}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    progress.finish()
    for note in report.notes:
        print(f"argmap build: note: {note}", file=sys.stderr)
    if report.removed:
        print(f"argmap build: removed {len(report.removed)} file(s) an earlier build made that "
              f"are no longer produced: {', '.join(report.removed)}", file=sys.stderr)
    if report.stale:
        print(f"argmap build: note: {len(report.stale)} file(s) from an earlier build are no "
              f"longer produced and were left in place (changed since, or diagrams not asked "
              f"for): {', '.join(report.stale)}", file=sys.stderr)
    print(f"argmap build: {args.output}/: {_summary(report, diagrams=not args.no_diagrams)}")
    return EXIT_OK


def _summary(report: Report, *, diagrams: bool) -> str:
    """What the build did, in proportion to what changed: "3 files remade (lind changed), 179
    unchanged, 0 diagrams laid out; 2 written" (a file remade the same is not written)."""
    total = len(report.written) + len(report.unchanged)
    why = f" ({', '.join(report.changed)})" if report.changed and report.remade else ""
    laid = f", {report.laid_out} diagram{'s' * (report.laid_out != 1)} laid out" if diagrams else ""
    return (f"{len(report.remade)} file{'s' * (len(report.remade) != 1)} remade{why}, "
            f"{total - len(report.remade)} unchanged{laid}; {len(report.written)} written")


def _watch(args: argparse.Namespace) -> int:
    """Build, serve the folder on localhost, and build again on every save until Ctrl-C."""
    from argmap.cli._common import EXIT_OK, Stopped
    from argmap.commands.watch import Serving, watch

    gc.enable()  # main() turns the collector off for one-shot commands; this one lives on

    def once(force: bool) -> bool:
        try:
            _build_once(args, force=force)
        except Stopped:
            print("argmap build: fix the errors above; waiting for the next save", file=sys.stderr)
            return False
        return True

    events = watch(args.paths, args.sources, args.output, args.port, args.force, once)
    serving = False
    try:
        for event in events:
            if isinstance(event, Serving):
                serving = True
                print(f"argmap build: serving {args.output}/ at {event.url} and watching "
                      f"{', '.join(event.watched)}; open pages reload after each build "
                      f"(Ctrl-C stops)", file=sys.stderr)
            else:
                print(f"argmap build: changed: {', '.join(event.names)}", file=sys.stderr)
    except KeyboardInterrupt:
        if not serving:   # Ctrl-C during the first build is an interrupted command (exit 130)
            raise
    finally:
        events.close()   # stops the server, even when Ctrl-C came while printing
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from argmap.commands.build import check_output

    check_output(args.paths, args.sources, args.output)   # OutputRefused: a usage error, exit 2
    if args.watch:
        return _watch(args)
    return _build_once(args, force=args.force)


def register(command: AddCommand) -> None:
    """Add `build` via `command(name, help, func) -> ArgumentParser`."""
    from argmap.cli._common import add_paths, add_sources

    p = command("build", "build diagrams, tables, the site and handouts",
                cmd_build)
    add_paths(p)
    add_sources(p)
    p.add_argument("-o", "--output", type=Path, default=Path("build"), metavar="DIR",
                   help="folder to build into (default: build/); only changed files are rewritten")
    p.add_argument("--no-diagrams", action="store_true",
                   help="leave out the diagrams (no Graphviz run); pages say there is none")
    p.add_argument("--force", action="store_true",
                   help="ignore the record of the last build and make every output again")
    p.add_argument("--watch", action="store_true",
                   help="build, serve on http://127.0.0.1:PORT/, rebuild on every save; "
                        "open pages reload")
    p.add_argument("--port", type=int, default=8000, help="port for --watch (default: 8000)")
