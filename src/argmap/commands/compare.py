"""`argmap table`, `argmap matrix` and `argmap diff`: one comparison of a checked corpus (or of
two), rendered in one format of `argmap.render.tables`.

Each returns the text to print. An id that names nothing raises `compare.UnknownIdError` (a
ValueError listing what is known). `terminal` holds the `term` format's options (`width`,
`color`, `ascii`), which the CLI reads from the terminal it prints to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.compare import CorpusDiff, Matrix, Table, VoiceDiff
    from argmap.model import Corpus

__all__ = ["DEFAULT_THRESHOLD", "diff", "diff_folders", "diff_paths", "matrix", "table"]

DEFAULT_THRESHOLD = 0.5


def table(corpus: Corpus, fmt: str, terminal: Mapping[str, Any], *,
          theses: Sequence[str] | None = None, maps: Sequence[str] | None = None,
          topic: str | None = None) -> str:
    """The stance table: theses by voices, with the reasons."""
    from argmap.compare import stance_table

    return _rendered(stance_table(corpus, theses=theses, maps=maps, topic=topic), fmt, terminal)


def matrix(corpus: Corpus, fmt: str, terminal: Mapping[str, Any], *,
           maps: Sequence[str] | None = None, clusters: bool = False,
           threshold: float | None = None) -> str:
    """Agreement and distance for every pair of voices; with `clusters`, the camps too."""
    from argmap.compare import clusters as camps_of
    from argmap.compare import pair_matrix

    pairs = pair_matrix(corpus, maps=maps)
    options: dict[str, Any] = {}
    if clusters:
        threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        options = {"camps": camps_of(pairs, threshold), "threshold": threshold}
    return _rendered(pairs, fmt, terminal, **options)


def diff(corpus: Corpus, a: str, b: str, fmt: str, terminal: Mapping[str, Any]) -> str:
    """Where two voices of one corpus agree and differ."""
    from argmap.compare import diff_voices

    return _rendered(diff_voices(corpus, a, b), fmt, terminal)


def diff_folders(old: Corpus, new: Corpus, fmt: str, terminal: Mapping[str, Any], *,
                 old_label: str, new_label: str) -> str:
    """What changed between two versions of the maps."""
    from argmap.compare import diff_corpora

    return _rendered(diff_corpora(old, new, old_label=old_label, new_label=new_label), fmt, terminal)


def diff_paths(a: str, b: str, paths: Sequence[str], fmt: str, terminal: Mapping[str, Any], *,
               compiled: Callable[[Sequence[str]], Corpus]) -> str:
    """`argmap diff A B`: two folders of maps are two versions of the corpus; anything else names
    two voices of the corpus in `paths`. `compiled` turns paths into a checked corpus (the CLI's,
    which shows the diagnostics as each corpus is read). UsageError when two folders come with
    further paths; `compare.UnknownIdError` for a voice that is not there."""
    from pathlib import Path

    from argmap.commands.inputs import UsageError

    if Path(a).is_dir() and Path(b).is_dir():
        if paths:
            raise UsageError("comparing two folders of maps takes no further PATH")
        old, new = compiled([a]), compiled([b])
        return diff_folders(old, new, fmt, terminal, old_label=a, new_label=b)
    return diff(compiled(paths), a, b, fmt, terminal)


def _rendered(result: Table | Matrix | VoiceDiff | CorpusDiff, fmt: str,
              terminal: Mapping[str, Any], **options: Any) -> str:
    from argmap.render import tables

    if fmt == "term":
        return tables.to_term(result, **terminal, **options)
    render: Callable[..., str] = {"md": tables.to_md, "csv": tables.to_csv, "html": tables.to_html,
              "latex": tables.to_latex, "json": tables.to_json}[fmt]
    return render(result, **options)
