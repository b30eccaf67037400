"""The parser, the small commands (check, fmt, schema, new, lsp) and `main`, which runs one.

Imports of the heavy modules happen inside each command so `argmap --version` stays fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from argmap import __version__
from argmap.cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Stopped,
    UsageError,
    add_paths,
    add_sources,
    print_problems,
    summary,
)

# --- commands ------------------------------------------------------------------------------------

def cmd_check(args: argparse.Namespace) -> int:
    from argmap.commands.inputs import check_paths

    corpus, problems = check_paths(args.paths, args.sources)
    if _exiting:
        _left_for_exit.append(corpus)
    print_problems(problems, args.format)
    errors = any(p.severity.value == "error" for p in problems)
    failed = errors or (args.strict and bool(problems))
    if args.format == "text":
        claims = sum(len(m.claims) for m in corpus.maps)
        print(f"argmap check: {len(corpus.maps)} maps, {claims} claims, {len(corpus.theses)} theses, "
              f"{len(corpus.sources)} sources: {summary(problems)}"
              + (" (--strict: warnings fail)" if args.strict and problems and not errors else ""),
              file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_fmt(args: argparse.Namespace) -> int:
    from argmap.commands.inputs import format_paths

    results = format_paths(args.paths, check_only=args.check)
    status = EXIT_OK
    for result in results:
        if result.problems:
            print_problems(result.problems)
            status = EXIT_PROBLEMS
        elif result.changed:
            print(f"{'would reformat' if args.check else 'reformatted'} {result.path}")
            status = EXIT_PROBLEMS if args.check else status
    changed = sum(1 for r in results if r.changed)
    print(f"argmap fmt: {len(results)} files, {changed} {'would change' if args.check else 'changed'}",
          file=sys.stderr)
    return status


def cmd_schema(args: argparse.Namespace) -> int:
    from argmap.commands.schema import schema_text, write_schema

    if args.output:
        write_schema(Path(args.output), args.force)
    else:
        sys.stdout.write(schema_text())
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from argmap.commands.new import new_map

    target, source_entry = new_map(args.map_id, args.author, args.source, Path(args.dir))
    print(f"wrote {target}")
    if source_entry is not None:
        print(source_entry, end="")
    return EXIT_OK


def cmd_lsp(args: argparse.Namespace) -> int:
    from argmap.lsp import serve

    try:
        serve()
    except ModuleNotFoundError as exc:
        if exc.name not in ("pygls", "lsprotocol"):
            raise
        raise UsageError(f"the language server needs pygls ({exc}); "
                         "install it with: pip install 'pygls>=2'") from None
    return EXIT_OK


# --- parser --------------------------------------------------------------------------------------

COMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Check YAML argument maps and compile them into diagrams, tables, diffs and a site.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(name: str, help_text: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        COMMANDS[name] = (help_text, func)
        return p

    p = command("check", "check maps and verify quotes against their sources", cmd_check)
    add_paths(p)
    add_sources(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")

    p = command("fmt", "rewrite maps in canonical layout, keeping comments", cmd_fmt)
    add_paths(p)
    p.add_argument("--check", action="store_true", help="only report files that would change (exit 1)")

    p = command("schema", "print the JSON Schema of format v1 for editors", cmd_schema)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--force", action="store_true", help="write even over a map file")

    p = command("new", "write a starter map that explains each field", cmd_new)
    p.add_argument("map_id", metavar="MAPID")
    p.add_argument("--author", required=True, metavar="NAME")
    p.add_argument("--source", metavar="SOURCE_ID", help="the map's default source id")
    p.add_argument("--dir", default="maps", help="folder to write into (default: maps/)")

    p = command("lsp", "language server for editors (LSP over stdio)", cmd_lsp)
    p.add_argument("--stdio", action="store_true",
                   help="accepted for editors that pass it; standard input/output is the only transport")

    for register in _extensions():
        register(command)
    return parser


def _extensions() -> list[Callable]:
    """Commands that live in their own `cli/<name>.py`, each with a `register(command)`."""
    from argmap.cli import analyze, build, compare, interop, render

    return [render.register, compare.register, analyze.register, build.register, interop.register]


def _guard_terminal() -> None:
    """What reaches a terminal shows control characters escaped (argmap.terminal); output to a
    file or a pipe is left byte for byte as the command wrote it."""
    from argmap.terminal import SafeStream

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        try:
            if not isinstance(stream, SafeStream) and stream.isatty():
                setattr(sys, name, SafeStream(stream))
        except (AttributeError, ValueError):
            pass


# Set by `run`: the process ends when the command returns, so what it built need not be freed
# object by object (the corpus of a cold check of 50,000 claims: 30 ms of CPU, and as much
# again tearing down the interpreter); the command leaves it here and `run` leaves at once.
_exiting = False
_left_for_exit: list[object] = []


def run() -> NoReturn:
    """The console's way in (`argmap`, `python -m argmap`): `main`, then the process's end. After
    a command that left its model here, its output is flushed and the process ends without
    tearing anything down (nothing runs at exit for it: no threads, no atexit work); a flush
    that fails takes the interpreter's ordinary exit, which reports it."""
    global _exiting
    _exiting = True
    status = main()
    if _left_for_exit:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            sys.exit(status)
        os._exit(status)
    sys.exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    # A command builds a large acyclic model, uses it and exits; the cyclic collector would only
    # rescan it (a tenth of a second at 10,000 claims). `build --watch`, which lives on, turns
    # it back on.
    gc.disable()
    _guard_terminal()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"argmap {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Stopped:
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("argmap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except RecursionError:
        print("argmap: error: input nested too deeply to process", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:  # noqa: BLE001 - a user sees a message, never a traceback
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        print(f"argmap {args.command}: internal error: {type(exc).__name__}: {exc}\n"
              "This is a bug in argmap; please report it with the input that caused it "
              "(set ARGMAP_DEBUG=1 to see the traceback).", file=sys.stderr)
        return 70


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
