"""CLI commands `export` and `import`: interchange formats (Argdown, AIF, JSON, GraphML), and
one view as one HTML page (`export --to html`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.cli import _common as common
from argmap.commands.export_html import VIEWS as HTML_VIEWS

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


def _html_view(corpus, args: argparse.Namespace) -> tuple[str, str]:
    """`--to html`: the page and its file name (commands/export_html.py); bad ids are usage errors."""
    from argmap.commands.export_html import html_view

    voices = [v.strip() for value in args.voices for v in value.split(",") if v.strip()]
    try:
        return html_view(corpus, args.view or "table", voices=voices, theses=args.theses,
                         topic=args.topic, voice=args.map, metric=args.metric)
    except ValueError as exc:   # ViewRequest, UnknownIdError: both say what to give instead
        raise common.UsageError(str(exc)) from None


def _read_inputs(source: Path, kind: str | None) -> tuple[str, list[tuple[str, str]]]:
    """The import format and `(shown path, text)` of each file to read (a folder: its *.json)."""
    from argmap.interop import guess_format

    if not source.exists():
        raise common.UsageError(f"no such file or folder: {source}")
    if source.is_dir():
        if kind not in (None, "aif"):
            raise common.UsageError(f"{source} is a folder; only --from aif reads a folder (of AIFdb nodesets)")
        files = sorted(p for p in source.iterdir() if p.suffix.lower() == ".json" and p.is_file())
        if not files:
            raise common.UsageError(f"{source} holds no *.json files")
        kind = "aif"
    else:
        files = [source]
    inputs = []
    for path in files:
        try:
            inputs.append((str(path), path.read_bytes().decode("utf-8-sig")))
        except UnicodeDecodeError as exc:
            raise common.UsageError(f"{path} is not UTF-8 text (byte {exc.start})") from None
    if kind is None:
        kind = guess_format(str(source), inputs[0][1][:2000])
        if kind is None:
            raise common.UsageError(f"cannot tell the format of {source}; name it with --from")
    return kind, inputs


def cmd_import(args: argparse.Namespace) -> int:
    from argmap.check import check_corpus
    from argmap.errors import Severity
    from argmap.interop import corpus_files, import_text
    from argmap.write import write_new, write_text

    source = Path(args.file)
    kind, inputs = _read_inputs(source, args.from_format)
    imported = import_text(kind, inputs)
    # A bug guard: what an importer builds must pass `check`; quotes cannot be checked here.
    problems = [*imported.problems,
                *(p for p in check_corpus(imported.corpus) if p.severity is Severity.ERROR)]
    for problem in problems:
        print(common.shown(problem), file=sys.stderr)
    if any(p.severity is Severity.ERROR for p in problems):
        print(f"argmap import: stopped: {common.summary(problems)}; nothing written", file=sys.stderr)
        return common.EXIT_PROBLEMS
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise common.UsageError(f"{out} is a file; -o names the folder to write the maps into")
    files = corpus_files(imported.corpus, source.name)
    existing = sorted(str(out / name) for name in files if (out / name).exists())
    if existing and not args.force:
        raise common.UsageError(f"{', '.join(existing)} already exist{'s' * (len(existing) == 1)}; "
                             "argmap import never overwrites (use --force to replace them)")
    for name, text in files.items():
        target = out / name
        if args.force:
            write_text(target, text)
        else:
            try:
                write_new(target, text)
            except FileExistsError:
                raise common.UsageError(f"{target} appeared while importing; nothing more written") from None
        print(f"wrote {target}")
    corpus = imported.corpus
    claims = sum(len(m.claims) for m in corpus.maps)
    print(f"argmap import: {len(corpus.maps)} maps, {claims} claims, {len(corpus.theses)} theses, "
          f"{len(corpus.sources)} sources from {source}: {common.summary(problems)}", file=sys.stderr)
    return common.EXIT_OK


def register(command) -> None:
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
