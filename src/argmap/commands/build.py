"""`argmap build`: decide whether the output folder may be written, then build the checked corpus
into it (argmap/build.py does the building).

A build never writes among the maps or the source texts. Which folders those are is known in two
steps: the maps and `--sources` (or the folder `sources` beside the maps) before anything is read
(`check_output`), the `sources_dir` a corpus names once it is read (`build_into`). A refusal is
`OutputRefused`, which `argmap build` prints as a usage error: before the first build it ends the
command, under `--watch` it ends that one build and the watch goes on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.commands.inputs import UsageError

if TYPE_CHECKING:
    from argmap.build import Progress, Report
    from argmap.model import Corpus

__all__ = ["OutputRefused", "build_into", "check_output"]


class OutputRefused(UsageError):
    """The output folder is a file, or lies in a folder of maps or of source texts."""


def check_output(values: Sequence[str], sources: Path | None, output: Path) -> None:
    """OutputRefused when `output` is a file or among the maps or the sources folder that the
    command line gives (or that is found beside the maps)."""
    from argmap.build import output_dir_problem
    from argmap.check import resolve_sources_dir
    from argmap.commands.inputs import existing_paths

    paths = existing_paths(values)
    problem = output_dir_problem(output, paths, resolve_sources_dir(sources, paths))
    if problem:
        raise OutputRefused(problem)


def build_into(corpus: Corpus, values: Sequence[str], output: Path, *, diagrams: bool,
               force: bool, progress: Progress) -> Report:
    """Build the checked `corpus` into `output`, what changed only (`force`: everything).

    OutputRefused when `output` lies in a sources folder the corpus names (`sources_dir`);
    `write.FolderBusy` when another build holds the folder; OSError when it cannot be written."""
    from argmap.build import build, output_dir_problem
    from argmap.commands.inputs import existing_paths

    for folder in corpus.sources_dirs:
        problem = output_dir_problem(output, existing_paths(values), Path(folder))
        if problem:
            raise OutputRefused(problem)
    return build(corpus, output, diagrams=diagrams, force=force, progress=progress)
