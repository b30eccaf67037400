"""`argmap new`: a starter map written beside the others (never over one), and the entry its
source still needs in sources.yaml, which argmap does not edit."""

from __future__ import annotations

from pathlib import Path

from argmap.commands.inputs import UsageError

__all__ = ["new_map"]


def new_map(map_id: str, author: str, source: str | None, folder: Path) -> tuple[Path, str | None]:
    """Write `folder/map_id.yaml`; returns its path, and the sources.yaml entry to add when
    `source` is not in the corpus yet (else None)."""
    from argmap.check import SLUG
    from argmap.starter import source_entry, starter_map
    from argmap.write import write_new

    if not SLUG.match(map_id):
        raise UsageError(f"map id '{map_id}' is not a slug (lower-case letters, digits and '-')")
    target = folder / f"{map_id}.yaml"
    if target.exists():
        raise UsageError(f"{target} already exists; argmap never overwrites a map")
    write_new(target, starter_map(map_id, author, source))
    if not source:
        return target, None
    from argmap.load import load_corpus

    corpus, _problems = load_corpus([folder])
    if source in {s.id for s in corpus.sources}:
        return target, None
    return target, source_entry(source, str(folder / "sources.yaml"))
