"""The command line: parse arguments, call one orchestrator, print, choose the exit status.

Imports of the heavy modules happen inside each command so `argmap --version` stays fast.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from argmap import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _paths(values: Sequence[str]) -> list[Path]:
    paths = [Path(v) for v in values] or [Path("maps")]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}"
                         + (" (run argmap from the folder that holds maps/, or name the maps folder)"
                            if missing == ["maps"] else ""))
    return paths


def _print_problems(problems, fmt: str = "text") -> None:
    if fmt == "json":
        print(json.dumps({"diagnostics": [p.to_json() for p in problems]}, indent=2, ensure_ascii=False))
        return
    from argmap.errors import repeats_note, summarised

    for problem, more in summarised(problems):
        print(problem.format())
        if more:
            print(repeats_note(more))


def _summary(problems) -> str:
    errors = sum(1 for p in problems if p.severity.value == "error")
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def _compiled(args: argparse.Namespace):
    """The checked corpus for commands that compile it; errors stop the command (exit 1)."""
    from argmap.cache import Cache
    from argmap.errors import ArgmapError
    from argmap.pipeline import compile_corpus

    try:
        corpus, warnings = compile_corpus(_paths(args.paths), getattr(args, "sources", None), Cache.default())
    except ArgmapError as exc:
        _print_problems(exc.problems)
        print(f"argmap: stopped: {_summary(exc.problems)} (fix the errors above, or run 'argmap check')",
              file=sys.stderr)
        raise SystemExit(EXIT_PROBLEMS) from None
    _print_warnings(warnings)
    return corpus


# Commands that compile the corpus show a few warnings and count the rest; `check` shows all.
_WARNINGS_SHOWN = 5


def _print_warnings(warnings) -> None:
    from argmap.errors import repeats_note, summarised

    shown = summarised(warnings)
    for problem, more in shown[:_WARNINGS_SHOWN]:
        print(problem.format(), file=sys.stderr)
        if more:
            print(repeats_note(more), file=sys.stderr)
    hidden = sum(1 + more for _problem, more in shown[_WARNINGS_SHOWN:])
    if hidden > 0:
        print(f"argmap: ... and {hidden} more warning{'s' * (hidden != 1)} "
              "(run 'argmap check' to see them all)", file=sys.stderr)


# --- commands ------------------------------------------------------------------------------------

def cmd_check(args: argparse.Namespace) -> int:
    from argmap.cache import Cache
    from argmap.pipeline import load_and_check

    corpus, problems = load_and_check(_paths(args.paths), args.sources, Cache.default())
    _print_problems(problems, args.format)
    errors = any(p.severity.value == "error" for p in problems)
    failed = errors or (args.strict and bool(problems))
    if args.format == "text":
        claims = sum(len(m.claims) for m in corpus.maps)
        print(f"argmap check: {len(corpus.maps)} maps, {claims} claims, {len(corpus.theses)} theses, "
              f"{len(corpus.sources)} sources: {_summary(problems)}"
              + (" (--strict: warnings fail)" if args.strict and problems and not errors else ""),
              file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_fmt(args: argparse.Namespace) -> int:
    from argmap.fmt import format_files

    results = format_files(_paths(args.paths), check_only=args.check)
    status = EXIT_OK
    for result in results:
        if result.problems:
            _print_problems(result.problems)
            status = EXIT_PROBLEMS
        elif result.changed:
            print(f"{'would reformat' if args.check else 'reformatted'} {result.path}")
            status = EXIT_PROBLEMS if args.check else status
    changed = sum(1 for r in results if r.changed)
    print(f"argmap fmt: {len(results)} files, {changed} {'would change' if args.check else 'changed'}",
          file=sys.stderr)
    return status


def cmd_schema(args: argparse.Namespace) -> int:
    from argmap.schema import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        from argmap.write import write_text

        write_text(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from argmap.check import SLUG
    from argmap.starter import starter_map
    from argmap.write import write_new

    if not SLUG.match(args.map_id):
        raise UsageError(f"map id '{args.map_id}' is not a slug (lower-case letters, digits and '-')")
    target = Path(args.dir) / f"{args.map_id}.yaml"
    if target.exists():
        raise UsageError(f"{target} already exists; argmap never overwrites a map")
    write_new(target, starter_map(args.map_id, args.author, args.source))
    print(f"wrote {target}")
    if args.source:
        from argmap.load import load_corpus
        from argmap.starter import source_entry

        corpus, _problems = load_corpus([Path(args.dir)])
        if args.source not in {s.id for s in corpus.sources}:
            print(source_entry(args.source, str(Path(args.dir) / "sources.yaml")), end="")
    return EXIT_OK


# --- parser --------------------------------------------------------------------------------------

def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="map files or folders of them (default: maps/)")


def _add_sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sources", type=Path, metavar="DIR",
                        help="folder of source texts (default: $ARGMAP_SOURCES, else the corpus's "
                             "sources_dir, else maps/../sources)")


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
    _add_paths(p)
    _add_sources(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")

    p = command("fmt", "rewrite maps in canonical layout, keeping comments", cmd_fmt)
    _add_paths(p)
    p.add_argument("--check", action="store_true", help="only report files that would change (exit 1)")

    p = command("schema", "print the JSON Schema of format v1 for editors", cmd_schema)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    p = command("new", "write a starter map that explains each field", cmd_new)
    p.add_argument("map_id", metavar="MAPID")
    p.add_argument("--author", required=True, metavar="NAME")
    p.add_argument("--source", metavar="SOURCE_ID", help="the map's default source id")
    p.add_argument("--dir", default="maps", help="folder to write into (default: maps/)")

    for register in _extensions():
        register(command)
    return parser


def _extensions() -> list[Callable]:
    """Commands that live in their own `cli_<name>` module, each with a `register(command)`."""
    from argmap import cli_analyze, cli_build, cli_compare, cli_interop, cli_render

    return [cli_render.register, cli_compare.register, cli_analyze.register, cli_build.register,
            cli_interop.register]


def main(argv: Sequence[str] | None = None) -> int:
    # A command builds a large acyclic model, uses it and exits; the cyclic collector would only
    # rescan it (a tenth of a second at 10,000 claims). `build --watch`, which lives on, turns
    # it back on.
    gc.disable()
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
