"""Where every id in a maps folder is defined and referred to, with the exact span of each.

The model keeps where each object starts; an editor needs the span of each id as written, so
that a rename replaces `tourism-record` inside `yeo/tourism-record` and nothing else. This walks
the same marked YAML tree the loader reads (`argmap._yaml`), and keeps a file's last good index
while its text does not parse, so the rest of the folder still resolves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from argmap._yaml import MarkedDict, MarkedList, parse
from argmap.lsp.text import value_span

__all__ = ["Name", "Symbol", "FileIndex", "index_text", "MAP_KEYS"]

# Keys that make a file a map (load._is_map), so its id is its stem when it has no `id:`.
MAP_KEYS = ("id", "authors", "source", "claims", "stances")


_ID_LINE = re.compile(r"^id: *['\"]?([a-z0-9][a-z0-9-]*)", re.MULTILINE)


@attrs.frozen
class Name:
    """One occurrence of an id: `kind` is claim, thesis, source or map; `key` identifies the
    thing (`map/claim` for a claim); the span is 0-based line and character columns."""

    kind: str
    key: str
    path: Path
    line: int
    start: int
    end: int
    definition: bool = False
    implicit: bool = False  # a map whose id is its file name: defined by no text


@attrs.frozen
class Symbol:
    """An outline entry: a claim, stance, source or thesis and the lines it spans."""

    kind: str
    name: str
    detail: str
    first: int
    last: int
    name_span: tuple[int, int, int]  # line, start, end of the id


@attrs.frozen
class FileIndex:
    path: Path
    text: str
    parsed: bool  # False: the text does not parse; names are from the last text that did
    map_id: str | None
    names: tuple[Name, ...]
    symbols: tuple[Symbol, ...]


def index_text(path: Path, text: str, previous: FileIndex | None = None) -> FileIndex:
    """The names and outline of one file's text (or, while it does not parse, the last ones)."""
    tree, _problems = parse(text, str(path))
    if not isinstance(tree, MarkedDict):
        if previous is not None:
            return attrs.evolve(previous, text=text, parsed=False)
        written = _ID_LINE.search(text)
        return FileIndex(path, text, False, written.group(1) if written else path.stem, (), ())
    walker = _Walker(path, text)
    map_id = walker.walk(tree)
    return FileIndex(path, text, True, map_id, tuple(walker.names), tuple(walker.symbols))


class _Walker:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.split("\n")
        self.names: list[Name] = []
        self.symbols: list[Symbol] = []

    def span(self, mark: tuple[int, int] | None, value: Any) -> tuple[int, int, int] | None:
        """The span of a one-line scalar id as written, without its quotes."""
        if mark is None or not isinstance(value, str) or not value:
            return None
        row, column = mark[0] - 1, mark[1] - 1
        if row >= len(self.lines):
            return None
        line = self.lines[row]
        start, end = value_span(line, column)
        if line[start:start + 1] in ("'", '"'):
            start, end = start + 1, end - 1
        if line[start:end] != value:
            return None
        return row, start, end

    def add(self, kind: str, key: str | None, span: tuple[int, int, int] | None,
            definition: bool = False) -> None:
        """A name at `span` (None when the value is not a one-line id as written: no name)."""
        if span is not None and key is not None:
            self.names.append(Name(kind, key, self.path, *span, definition=definition))

    def reference(self, mark: tuple[int, int] | None, value: Any, here: str | None) -> None:
        """A claim reference: `claim` in this map, or `map/claim`, whose map part is a map name."""
        span = self.span(mark, value)
        if span is None or here is None:
            return
        row, start, end = span
        map_id, slash, _claim_id = value.partition("/")
        if slash:
            self.add("map", map_id, (row, start, start + len(map_id)))
            self.add("claim", value, (row, start + len(map_id) + 1, end))
        else:
            self.add("claim", f"{here}/{value}", span)

    def walk(self, tree: MarkedDict) -> str | None:
        here: str | None = None
        if any(key in tree for key in MAP_KEYS):
            written = tree.get("id")
            if isinstance(written, str):
                here = written
                self.add("map", here, self.span(tree.value_mark("id"), here), definition=True)
            else:
                here = self.path.stem
                self.names.append(Name("map", here, self.path, 0, 0, 0, definition=True, implicit=True))
        if isinstance(tree.get("source"), str):
            self.add("source", tree["source"], self.span(tree.value_mark("source"), tree["source"]))
        for kind, section in (("source", "sources"), ("thesis", "theses")):
            for item, first, last in self.items(tree, section):
                ident = item.get("id")
                span = self.span(item.value_mark("id"), ident)
                self.add(kind, ident, span, definition=True)
                detail = item.get("title" if kind == "source" else "text")
                self.symbol(kind, ident, detail, first, last, span)
        for claim, first, last in self.items(tree, "claims"):
            ident = claim.get("id")
            span = self.span(claim.value_mark("id"), ident)
            if here is not None and isinstance(ident, str):
                self.add("claim", f"{here}/{ident}", span, definition=True)
            self.symbol("claim", ident, claim.get("text"), first, last, span)
            self.claim_references(claim, here)
        for stance, first, last in self.items(tree, "stances"):
            thesis = stance.get("thesis")
            span = self.span(stance.value_mark("thesis"), thesis)
            self.add("thesis", thesis, span)
            position = stance.get("position")
            self.symbol("stance", thesis, position, first, last, span)
            for mark, value in self.list_values(stance, "because"):
                self.reference(mark, value, here)
        return here

    def claim_references(self, claim: MarkedDict, here: str | None) -> None:
        for relation in ("supports", "attacks"):
            for mark, value in self.list_values(claim, relation):
                if isinstance(value, MarkedDict):  # `{target, basis, note, evidence}`
                    self.reference(value.value_mark("target"), value.get("target"), here)
                    self.evidence(value)
                else:
                    self.reference(mark, value, here)
        for undercut, _first, _last in self.items(claim, "undercuts"):
            for end in ("from", "to"):
                self.reference(undercut.value_mark(end), undercut.get(end), here)
            self.evidence(undercut)
        self.evidence(claim)

    def evidence(self, holder: MarkedDict) -> None:
        for evidence, _first, _last in self.items(holder, "evidence"):
            source = evidence.get("source")
            self.add("source", source, self.span(evidence.value_mark("source"), source))

    def list_values(self, holder: MarkedDict, key: str) -> Iterator[tuple[tuple[int, int] | None, Any]]:
        values = holder.get(key)
        if isinstance(values, MarkedList):
            for index, value in enumerate(values):
                yield values.value_mark(index), value

    def items(self, holder: MarkedDict, key: str) -> Iterator[tuple[MarkedDict, int, int]]:
        """The mappings listed under `key`, each with its first and last line (0-based)."""
        values = holder.get(key)
        if not isinstance(values, MarkedList):
            return
        for index, value in enumerate(values):
            if isinstance(value, MarkedDict):
                first = value.start[0] - 1
                yield value, first, self.block_end(first, values.value_mark(index))

    def block_end(self, first: int, mark: tuple[int, int] | None) -> int:
        """The last line of a list item: lines after it indented deeper than its dash belong to it."""
        dash = (mark[1] - 1) if mark else 0
        dash = self.lines[first].rfind("-", 0, dash + 1) if "-" in self.lines[first][:dash + 1] else dash
        last = first
        for row in range(first + 1, len(self.lines)):
            line = self.lines[row]
            stripped = line.lstrip()
            if not stripped or stripped.startswith("#"):
                continue
            if len(line) - len(stripped) <= dash:
                break
            last = row
        return last

    def symbol(self, kind: str, name: Any, detail: Any, first: int, last: int,
               span: tuple[int, int, int] | None) -> None:
        if not isinstance(name, str) or not name:
            return
        if span is None:
            span = (first, 0, 0)
        self.symbols.append(Symbol(kind, name, detail if isinstance(detail, str) else "",
                                   first, max(last, span[0]), span))
