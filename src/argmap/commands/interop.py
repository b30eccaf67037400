"""`argmap import`: read a file (or a folder of AIF nodesets), convert it, check the result, and
write one map per voice plus the shared theses and sources. Nothing is written when the
conversion has errors, and no existing file is replaced unless asked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from argmap.errors import Problem
from argmap.model import Corpus

__all__ = ["Refused", "read_inputs", "convert", "write_maps"]


class Refused(Exception):
    """The import cannot go ahead as asked; the message says why and what to do instead."""


def read_inputs(source: Path, kind: str | None) -> tuple[str, list[tuple[str, str]]]:
    """The import format and `(shown path, text)` of each file to read (a folder: its *.json)."""
    from argmap.interop import guess_format

    if not source.exists():
        raise Refused(f"no such file or folder: {source}")
    if source.is_dir():
        if kind not in (None, "aif"):
            raise Refused(f"{source} is a folder; only --from aif reads a folder (of AIFdb nodesets)")
        files = sorted(p for p in source.iterdir() if p.suffix.lower() == ".json" and p.is_file())
        if not files:
            raise Refused(f"{source} holds no *.json files")
        kind = "aif"
    else:
        files = [source]
    inputs = []
    for path in files:
        try:
            inputs.append((str(path), path.read_bytes().decode("utf-8-sig")))
        except UnicodeDecodeError as exc:
            raise Refused(f"{path} is not UTF-8 text (byte {exc.start})") from None
    if kind is None:
        kind = guess_format(str(source), inputs[0][1][:2000])
        if kind is None:
            raise Refused(f"cannot tell the format of {source}; name it with --from")
    return kind, inputs


def convert(kind: str, inputs: list[tuple[str, str]],
            into: Path | None = None) -> tuple[Corpus, list[Problem]]:
    """The imported corpus and every problem: what the importer could not carry over, and, as a
    guard against our own bugs, any error `check` finds in what it built (quotes unchecked).
    `into`, the folder the maps go to, decides which `cite:`s can be kept (`_cites_beside`)."""
    from argmap.check import check_corpus
    from argmap.errors import Severity
    from argmap.interop import import_text

    imported = import_text(kind, inputs)
    corpus, problems = imported.corpus, list(imported.problems)
    if into is not None:
        corpus, dropped = _cites_beside(corpus, into, inputs[0][0])
        problems = sorted([*problems, *dropped], key=lambda p: p.sort_key)
    problems += [p for p in check_corpus(corpus) if p.severity is Severity.ERROR]
    return corpus, problems


def _cites_beside(corpus: Corpus, into: Path, origin: str) -> tuple[Corpus, list[Problem]]:
    """The corpus without the `cite:`s whose bibliography is not in `into`, and a warning for each.

    A cite names a file beside the maps; written into a folder without that file it would stop
    every command (`bibliography-missing`). What it filled in (title, author, ..., the formatted
    reference) came along as typed fields, so only the link to the file is left out."""
    import attrs

    from argmap.errors import Location, warning
    from argmap.interop import NOT_MAPPED
    from argmap.references import cite_target

    sources, dropped = [], []
    for source in corpus.sources:
        if source.cite is not None:
            target = cite_target(attrs.evolve(source, location=Location(path=str(into / "sources.yaml"))))
            if not isinstance(target, tuple) or not target[0].is_file():
                file = source.cite.rpartition("#")[0] or source.cite
                dropped.append(warning(Location(path=origin), NOT_MAPPED,
                                       f"source '{source.id}': cite '{source.cite}' not written, as "
                                       f"{file} is not in {into}; the fields it filled in are kept. "
                                       f"Copy {file} there and add the cite back to follow the file"))
                source = attrs.evolve(source, cite=None)
        sources.append(source)
    return attrs.evolve(corpus, sources=tuple(sources)), dropped


def write_maps(corpus: Corpus, source_name: str, out: Path, *, force: bool) -> Iterator[Path]:
    """Write the corpus's files into `out`, yielding each one written. Refused, before writing
    anything, when a file is already there (unless `force`)."""
    from argmap.interop import corpus_files
    from argmap.write import write_new, write_text

    if out.exists() and not out.is_dir():
        raise Refused(f"{out} is a file; -o names the folder to write the maps into")
    files = corpus_files(corpus, source_name)
    existing = sorted(str(out / name) for name in files if (out / name).exists())
    if existing and not force:
        raise Refused(f"{', '.join(existing)} already exist{'s' * (len(existing) == 1)}; "
                      "argmap import never overwrites (use --force to replace them)")
    for name, text in files.items():
        target = out / name
        if force:
            write_text(target, text)
        else:
            try:
                write_new(target, text)
            except FileExistsError:
                raise Refused(f"{target} appeared while importing; nothing more written") from None
        yield target
