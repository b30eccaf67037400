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

EXPORT_CHOICES = ("argdown", "aif", "json", "graphml", "html")
IMPORT_CHOICES = ("argdown", "aif", "json")


def cmd_export(args: argparse.Namespace) -> int:
    from argmap.commands.export import ExportRequest, destination, export, into_folder, save
    from argmap.write import GraphvizError, GraphvizNotFound

    if args.output and not into_folder(args.output):
        common.refuse_overwrite(Path(args.output), common.existing_paths(args.paths), args.force)  # before the work
    corpus = common.compiled(args)
    try:
        text, name = export(corpus, args.to, map_id=args.map, view=args.view, voices=args.voices,
                            theses=args.theses, topic=args.topic, metric=args.metric)
    except ExportRequest as exc:
        raise common.UsageError(str(exc)) from None
    except GraphvizError as exc:   # only --to html draws
        from argmap.cli.render import INSTALL_HINT

        said = ("Graphviz's 'dot' program was not found on PATH; it draws the diagram. "
                f"To draw diagrams, {INSTALL_HINT}" if isinstance(exc, GraphvizNotFound)
                else f"Graphviz could not draw the diagram: {exc}")
        print(f"argmap export: {said}", file=sys.stderr)
        return common.EXIT_PROBLEMS
    if not args.output:
        sys.stdout.write(text)
        return common.EXIT_OK
    target = destination(args.output, name)
    common.refuse_overwrite(target, common.existing_paths(args.paths), args.force)
    save(target, text)
    print(f"wrote {target}")
    return common.EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from argmap.commands.interop import Refused, convert, read_inputs, write_maps
    from argmap.errors import Severity

    source = Path(args.file)
    try:
        kind, inputs = read_inputs(source, args.from_format)
        corpus, problems = convert(kind, inputs, Path(args.output))
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
