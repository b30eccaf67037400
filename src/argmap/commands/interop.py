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


def convert(kind: str, inputs: list[tuple[str, str]]) -> tuple[Corpus, list[Problem]]:
    """The imported corpus and every problem: what the importer could not carry over, and, as a
    guard against our own bugs, any error `check` finds in what it built (quotes unchecked)."""
    from argmap.check import check_corpus
    from argmap.errors import Severity
    from argmap.interop import import_text

    imported = import_text(kind, inputs)
    problems = [*imported.problems,
                *(p for p in check_corpus(imported.corpus) if p.severity is Severity.ERROR)]
    return imported.corpus, problems


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
