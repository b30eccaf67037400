"""YAML to a plain tree that remembers where every key and value was.

Loading composes nodes with libyaml (PyYAML's C parser): composed nodes keep their marks, so
positions come from the parser's own records, and the C path is an order of magnitude faster than
ruamel.yaml's round-trip loader (DESIGN.md "Speed"). Nothing is ever constructed from a tag, and
aliases are refused, so neither `!!python/object` nor a billion-laughs document can do harm.

Scalars stay the text the author typed (`date: 2024-11-22` is the string "2024-11-22", `text: no`
is "no"), except explicit nulls, which become None. Marks are 0-based in libyaml and 1-based here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from argmap.errors import Location, Problem, error

try:  # pragma: no cover - which loader depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["MarkedDict", "MarkedList", "parse", "decode"]

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# Tags the resolver gives plain scalars; any of these is kept as the typed text.
_PLAIN_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)


class MarkedDict(dict):
    """A mapping that knows where its keys and values start (1-based line, column)."""

    __slots__ = ("start", "keys_at", "values_at")

    def key_mark(self, key: str) -> tuple[int, int] | None:
        return self.keys_at.get(key)

    def value_mark(self, key: Any) -> tuple[int, int] | None:
        return self.values_at.get(key)


class MarkedList(list):
    """A sequence that knows where each of its items starts."""

    __slots__ = ("start", "items_at")

    def key_mark(self, index: Any) -> tuple[int, int] | None:
        return self.value_mark(index)

    def value_mark(self, index: Any) -> tuple[int, int] | None:
        if isinstance(index, int) and 0 <= index < len(self.items_at):
            return self.items_at[index]
        return None


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text, refusing what is not UTF-8 with the position of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [error(Location(path=path), "not-utf8",
                            "file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")]
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return None, [error(Location(path=path, line=line), "not-utf8",
                            "file contains NUL bytes: it looks binary, not a YAML text file")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error(Location(path=path, line=line, column=column), "not-utf8",
                            f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")]
    return text, []


def parse(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Text to a marked tree, or None and the problems that stopped it."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, path)]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml marks every error it raises
        return None, [error(Location(path=path), "yaml-syntax", str(exc).splitlines()[0])]
    if node is None:
        return None, [error(Location(path=path), "empty-file",
                            "file is empty; a map file starts with 'argmap: 1'")]
    builder = _Builder(path, text)
    tree = builder.build(node)
    return tree, builder.problems


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    where = Location(path=path, line=line, column=column)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return error(where, "yaml-syntax",
                     "tab character: YAML indents with spaces only; replace the tab with spaces")
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if "expected a single document" in problem or "but found another document" in problem:
        return error(where, "yaml-syntax",
                     "a second YAML document ('---'): put one map in each file")
    context = f" {exc.context}" if exc.context and exc.problem else ""
    return error(where, "yaml-syntax", f"invalid YAML: {problem}{context}")


class _Builder:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def _at(self, position: tuple[int, int]) -> Location:
        return Location(path=self.path, line=position[0], column=position[1])

    def build(self, node: yaml.Node) -> Any:
        if id(node) in self._seen:
            self._refuse_aliases()
            return None
        self._seen.add(id(node))
        if node.tag not in _PLAIN_SCALAR_TAGS and node.tag not in (_MAP, _SEQ):
            self._tag(node)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            items = MarkedList(self.build(item) for item in node.value)
            items.start = _mark(node)
            items.items_at = [_mark(item) for item in node.value]
            return items
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode) -> MarkedDict:
        result = MarkedDict()
        result.start = _mark(node)
        result.keys_at = {}
        result.values_at = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _NULL:
                self.problems.append(error(self._at(_mark(key_node)), "wrong-type",
                                           "a key must be a plain name, not a list, mapping or null"))
                continue
            key = key_node.value
            if key in result.keys_at:
                first = result.keys_at[key]
                self.problems.append(error(
                    self._at(_mark(key_node)), "duplicate-key",
                    f"duplicate key '{key}' (first at line {first[0]}); keep one of them"))
                continue
            result.keys_at[key] = _mark(key_node)
            result.values_at[key] = _mark(value_node)
            result[key] = self.build(value_node)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> str | None:
        if node.tag == _NULL and node.style is None:
            return None
        return node.value

    def _tag(self, node: yaml.Node) -> None:
        self.problems.append(error(
            self._at(_mark(node)), "tag-refused",
            f"YAML tag '{node.tag}' is not allowed; argmap reads plain text, lists and mappings"))

    def _refuse_aliases(self) -> None:
        """Report the first alias where it is written; the composed node only knows its anchor.

        One diagnostic per file: a billion-laughs document has thousands of aliases.
        """
        if any(p.code == "alias-refused" for p in self.problems):
            return
        for event in yaml.parse(self.text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                line, column = event.start_mark.line + 1, event.start_mark.column + 1
                self.problems.append(error(
                    Location(path=self.path, line=line, column=column), "alias-refused",
                    f"YAML alias '*{event.anchor}' is not allowed; write the value out in full"))
                return


def read_tree(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    """A file to a marked tree; every failure is a located problem, never an exception."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [error(Location(path=shown), "unreadable", f"cannot read file: {exc.strerror}")]
    text, problems = decode(data, shown)
    if text is None:
        return None, problems
    return parse(text, shown)
