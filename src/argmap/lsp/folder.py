"""One maps folder as the editor sees it: files on disk with open buffers laid over them.

Every change re-runs the one checker behind `argmap check` over the whole folder, buffers in
place of their files (`load_and_check(..., unsaved=...)`), so a change to one map re-checks every
map that refers to it. Files and quotes that did not change come from a cache in memory, and the
index of names is rebuilt only for files whose text changed (benchmarks/bench_lsp.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from argmap.cache import MemoryCache
from argmap.check import resolve_sources_dir
from argmap.errors import Problem
from argmap.lsp.index import FileIndex, Name, index_text
from argmap.model import Corpus, Map

__all__ = ["Folder", "MAP_SUFFIXES", "is_map_file"]

MAP_SUFFIXES = (".yaml", ".yml")
_VERSION_LINE = re.compile(r"^argmap *:", re.MULTILINE)


def is_map_file(path: Path, text: str) -> bool:
    """A YAML file in a folder named `maps`, or one that says `argmap:` at the top level: so an
    editor may start the server for every YAML file and CI or tool configs are left alone."""
    return path.suffix in MAP_SUFFIXES and (path.parent.name == "maps" or bool(_VERSION_LINE.search(text)))


class Folder:
    """A maps folder: its open buffers, the corpus and problems of the last check, its names."""

    def __init__(self, root: Path, sources: Path | None = None) -> None:
        self.root = root
        self.sources = resolve_sources_dir(sources, [root])
        self.buffers: dict[Path, str] = {}
        self.corpus = Corpus()
        self.problems: dict[Path, list[Problem]] = {}
        self.files: dict[Path, FileIndex] = {}
        self.remembered: dict[str, Map] = {}
        self.cache = MemoryCache()  # unchanged files and quotes are not read again  # each map as last loaded, for completion meanwhile

    # --- buffers ---------------------------------------------------------------------------------

    def set_buffer(self, path: Path, text: str) -> None:
        self.buffers[path] = text

    def close_buffer(self, path: Path) -> None:
        self.buffers.pop(path, None)

    def text(self, path: Path) -> str | None:
        if path in self.buffers:
            return self.buffers[path]
        try:
            return path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None

    def paths(self) -> list[Path]:
        on_disk = (p for p in self.root.iterdir() if p.suffix in MAP_SUFFIXES and p.is_file()) \
            if self.root.is_dir() else iter(())
        return sorted(set(on_disk) | set(self.buffers))

    # --- checking --------------------------------------------------------------------------------

    def check(self) -> dict[Path, list[Problem]]:
        """Check the folder; every file's problems (an empty list clears a file's diagnostics)."""
        from argmap.pipeline import load_and_check

        unsaved = {path: text.encode("utf-8", "surrogatepass") for path, text in self.buffers.items()}
        corpus, problems = load_and_check([self.root], self.sources, self.cache, unsaved)
        self.corpus = corpus
        self.remembered.update((m.id, m) for m in corpus.maps)
        paths = self.paths()
        by_path: dict[Path, list[Problem]] = {path: [] for path in paths}
        for problem in problems:
            by_path.setdefault(Path(problem.location.path), []).append(problem)
        self.problems = by_path
        self._reindex(paths)
        return by_path

    def _reindex(self, paths: Iterable[Path]) -> None:
        files: dict[Path, FileIndex] = {}
        for path in paths:
            text = self.text(path)
            if text is None:
                continue
            previous = self.files.get(path)
            if previous is not None and previous.text == text:
                files[path] = previous
            else:
                files[path] = index_text(path, text, previous)
        self.files = files

    def maps(self) -> list[Map]:
        """The corpus's maps, and those whose file does not load just now as they last loaded."""
        here = {m.id: m for m in self.corpus.maps}
        return [here.get(map_id, m) for map_id, m in sorted(self.remembered.items())
                if map_id in here or map_id in {i.map_id for i in self.files.values()}]

    # --- names -----------------------------------------------------------------------------------

    def names(self) -> Iterator[Name]:
        for index in self.files.values():
            yield from index.names

    def name_at(self, path: Path, line: int, column: int) -> Name | None:
        index = self.files.get(path)
        if index is None or not index.parsed:
            return None
        for name in index.names:
            if name.line == line and name.start <= column <= name.end and not name.implicit:
                return name
        return None

    def definitions(self, kind: str, key: str) -> list[Name]:
        return [n for n in self.names() if n.definition and n.kind == kind and n.key == key]

    def occurrences(self, kind: str, key: str) -> list[Name]:
        return [n for n in self.names() if n.kind == kind and n.key == key]

    def map_of(self, path: Path) -> str | None:
        index = self.files.get(path)
        return index.map_id if index is not None else None
