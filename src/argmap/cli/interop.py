"""CLI commands `export` and `import`: interchange formats (Argdown, AIF, JSON, GraphML), and
one view as one HTML page (`export --to html`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.cli import _common as common
from argmap.commands.export_html import VIEWS as HTML_VIEWS

if TYPE_CHECKING:
    from argmap.cli._common import AddCommand
    from argmap.model import Corpus

EXPORT_CHOICES = ("argdown", "aif", "json", "graphml", "html")
IMPORT_CHOICES = ("argdown", "aif", "json")


def cmd_export(args: argparse.Namespace) -> int:
    from argmap.interop import EXPORT_FORMATS, export_text
    from argmap.write import write_text

    if args.output and not (Path(args.output).is_dir() or args.output.endswith(("/", "\\"))):
        common.refuse_overwrite(Path(args.output), common.existing_paths(args.paths), args.force)  # before the work
    corpus = common.compiled(args)
    if args.map is not None and corpus.map(args.map) is None:
        known = ", ".join(m.id for m in corpus.maps) or "none"
        raise common.UsageError(f"no map '{args.map}' (maps: {known})")
    if args.to == "html":
        from argmap.write import GraphvizError, GraphvizNotFound

        try:
            text, name = _html_view(corpus, args)
        except GraphvizError as exc:
            from argmap.cli.render import INSTALL_HINT

            said = ("Graphviz's 'dot' program was not found on PATH; it draws the diagram. "
                    f"To draw diagrams, {INSTALL_HINT}" if isinstance(exc, GraphvizNotFound)
                    else f"Graphviz could not draw the diagram: {exc}")
            print(f"argmap export: {said}", file=sys.stderr)
            return common.EXIT_PROBLEMS
    else:
        if args.view or args.voices or args.theses or args.topic or args.metric:
            raise common.UsageError("--view, --voices, --thesis, --topic and --metric go with --to html")
        text = export_text(corpus, args.to, map_id=args.map)
        name = f"{args.map or 'corpus'}{EXPORT_FORMATS[args.to]}"
    if not args.output:
        sys.stdout.write(text)
        return common.EXIT_OK
    target = Path(args.output)
    if target.is_dir() or args.output.endswith(("/", "\\")):
        target = target / name
    common.refuse_overwrite(target, common.existing_paths(args.paths), args.force)
    write_text(target, text)
    print(f"wrote {target}")
    return common.EXIT_OK


def _html_view(corpus: Corpus, args: argparse.Namespace) -> tuple[str, str]:
    """`--to html`: the page and its file name (commands/export_html.py); bad ids are usage errors."""
    from argmap.commands.export_html import html_view

    voices = [v.strip() for value in args.voices for v in value.split(",") if v.strip()]
    try:
        return html_view(corpus, args.view or "table", voices=voices, theses=args.theses,
                         topic=args.topic, voice=args.map, metric=args.metric)
    except ValueError as exc:   # ViewRequest, UnknownIdError: both say what to give instead
        raise common.UsageError(str(exc)) from None


def cmd_import(args: argparse.Namespace) -> int:
    from argmap.commands.interop import Refused, convert, read_inputs, write_maps
    from argmap.errors import Severity

    source = Path(args.file)
    try:
        kind, inputs = read_inputs(source, args.from_format)
        corpus, problems = convert(kind, inputs)
        for problem in problems:
            print(common.shown(problem), file=sys.stderr)
        if any(p.severity is Severity.ERROR for p in problems):
            print(f"argmap import: stopped: {common.summary(problems)}; nothing written", file=sys.stderr)
            return common.EXIT_PROBLEMS
        for target in write_maps(corpus, source.name, Path(args.output), force=args.force):
            print(f"wrote {target}")
    except Refused as exc:
        raise common.UsageError(str(exc)) from None
    claims = sum(len(m.claims) for m in corpus.maps)
    print(f"argmap import: {len(corpus.maps)} maps, {claims} claims, {len(corpus.theses)} theses, "
          f"{len(corpus.sources)} sources from {source}: {common.summary(problems)}", file=sys.stderr)
    return common.EXIT_OK


def register(command: AddCommand) -> None:
    """Add this module's subcommands via `command(name, help, func) -> ArgumentParser`."""
    p = command("export", "write maps as Argdown, AIF, JSON, GraphML or HTML", cmd_export)
    common.add_paths(p)
    common.add_sources(p)
    p.add_argument("--to", required=True, choices=EXPORT_CHOICES, help="the format to write")
    p.add_argument("-o", "--output", metavar="FILE_OR_DIR",
                   help="write here (a folder gets corpus.<ext> or MAPID.<ext>) instead of standard output")
    p.add_argument("--force", action="store_true",
                   help="write even over a map file or into the maps folder being read")
    p.add_argument("--map", metavar="ID", help="only this voice (with the theses and claims it refers to); "
                                               "with --to html --view diagram, this voice's map")
    html = p.add_argument_group("--to html: one view as one self-contained page (docs/embed.md)")
    html.add_argument("--view", choices=HTML_VIEWS, help="what to show (default: table)")
    html.add_argument("--voices", action="append", default=[], metavar="ID,ID,...",
                      help="only these voices (for diff: the two to compare)")
    html.add_argument("--thesis", dest="theses", action="append", default=[], metavar="ID",
                      help="only this thesis (repeatable); the thesis of a diagram or handout")
    html.add_argument("--topic", help="only the theses of this topic")
    html.add_argument("--metric", choices=("edit", "hamming", "bna"),
                      help="for --view matrix (default: edit)")

    p = command("import", "read Argdown or AIF into new map files", cmd_import)
    p.add_argument("file", metavar="FILE", help="an Argdown or AIF/xAIF file, or a folder of AIFdb nodesets")
    p.add_argument("--from", dest="from_format", choices=IMPORT_CHOICES,
                   help="the format of FILE (default: guessed from its name and content)")
    p.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="folder to write one map per voice, theses.yaml and sources.yaml into")
    p.add_argument("--force", action="store_true", help="overwrite files that already exist")
