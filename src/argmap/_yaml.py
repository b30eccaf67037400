"""YAML to a plain tree that remembers where every key and value was.

Loading composes nodes with libyaml (PyYAML's C parser): composed nodes keep their marks, so
positions come from the parser's own records, and the C path is an order of magnitude faster than
ruamel.yaml's round-trip loader (DESIGN.md "Speed"). Nothing is ever constructed from a tag, and
aliases are refused, so neither `!!python/object` nor a billion-laughs document can do harm.

Scalars stay the text the author typed (`date: 2024-11-22` is the string "2024-11-22", `text: no`
is "no"), except nulls (`~`, `null`, an empty value), which become None. Marks are 0-based in
libyaml and 1-based here.

A plain value that a ` #` cuts short is reported (`text-cut-by-comment`): YAML reads the rest of the
line as a comment, so `publisher: Centre (Perspective #10)` would silently become "Centre
(Perspective".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypeAlias

import yaml

from argmap.errors import Location, Problem, error

try:  # pragma: no cover - which loader depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # (the stubs type the two loaders apart)

if TYPE_CHECKING:
    from yaml._yaml import Mark as _CMark

    _Mark: TypeAlias = yaml.Mark | _CMark  # libyaml's marks, or the pure-Python parser's

__all__ = ["MarkedDict", "MarkedList", "parse", "decode"]

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
    start: tuple[int, int]
    keys_at: dict[str, tuple[int, int]]
    values_at: dict[Any, tuple[int, int]]

    def key_mark(self, key: str) -> tuple[int, int] | None:
        return self.keys_at.get(key)

    def value_mark(self, key: Any) -> tuple[int, int] | None:
        return self.values_at.get(key)


class MarkedList(list):
    """A sequence that knows where each of its items starts."""

    __slots__ = ("start", "items_at")
    start: tuple[int, int]
    items_at: list[tuple[int, int]]

    def key_mark(self, index: Any) -> tuple[int, int] | None:
        return self.value_mark(index)

    def value_mark(self, index: Any) -> tuple[int, int] | None:
        if isinstance(index, int) and 0 <= index < len(self.items_at):
            return self.items_at[index]
        return None


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


def parse(text: str, path: str, *, cuts: bool = False) -> tuple[Any, list[Problem]]:
    """Text to a marked tree, or None and the problems that stopped it. With `cuts`, also report
    prose cut short by a comment (the loader asks; `fmt`, which keeps comments, does not)."""
    builder = _Builder(path, text, cuts)
    try:
        tree = builder.build()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, path)]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml marks every error it raises
        return None, [error(Location(path=path), "yaml-syntax", str(exc).splitlines()[0])]
    if builder.fatal:
        return None, builder.problems
    if builder.documents == 0 or (tree is None and not builder.problems):
        return None, [error(Location(path=path), "empty-file",
                            "file is empty; a map file starts with 'argmap: 1'")]
    return tree, builder.problems


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    where = Location(path=path, line=line, column=column)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return error(where, "yaml-syntax",
                     "tab character: YAML indents with spaces only; replace the tab with spaces")
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if "maximum nesting depth" in problem:
        return _too_deep(text, path, mark.index if mark else len(text), where)
    context = f" {exc.context}" if exc.context and exc.problem else ""
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = ("; a ': ' inside plain text starts a new key: quote the value "
                "(text: \"Japan: a view\") or drop the colon")
    return error(where, "yaml-syntax", f"invalid YAML: {problem}{context}{hint}")


def _too_deep(text: str, path: str, index: int, where: Location) -> Problem:
    """libyaml 0.2.6 (PyYAML 6.0.4) stops nesting deeper than 1,000 itself, while scanning
    ahead in a flow collection, before any event reaches the builder. The text up to that point
    is within libyaml's limit, so the builder, reading it, finds the level where argmap's own
    limit is passed: the same rule at the same place as with older libyaml."""
    builder = _Builder(path, text[:index])
    try:
        builder.build()
    except yaml.YAMLError:
        pass
    deep = [p for p in builder.problems if p.code == "too-deep"]
    return deep[0] if deep else error(where, "too-deep", _TOO_DEEP)


# A map is at most eight levels deep; anything far deeper is a mistake or an attack.
MAX_DEPTH = 64
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; a map needs fewer than 10"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_ALLOWED_TAGS = _PLAIN_SCALAR_TAGS | {_MAP, _SEQ, "!"}
_DISCARD = object()
# Fields whose value is prose: a comment after one is almost always text lost, not a remark.
TEXT_FIELDS = frozenset(("text", "quote", "note", "title", "publisher", "author", "name",
                         "affiliation", "questions", "topic"))
_COMMENT_AFTER = re.compile(r"[ \t]+#")
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("\u201c", "\u201d"))
_EXCERPT = 60


def _unbalanced(value: str) -> bool:
    return any(value.count(a) > value.count(b) for a, b in _PAIRS) or value.count('"') % 2 == 1


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[:_EXCERPT - 1] + "\u2026"


class _Builder:
    """Builds the marked tree straight from libyaml's event stream.

    An explicit stack instead of recursion, so no nesting depth can exhaust Python's (or C's)
    stack, and aliases are seen where they are written. Measured as fast as `yaml.compose`
    alone, which would still need a second walk to build this tree.
    """

    def __init__(self, path: str, text: str, cuts: bool = False) -> None:
        self.path = path
        self.text = text
        self.cuts = cuts
        self.problems: list[Problem] = []
        self.documents = 0
        self.fatal = False

    def _at(self, mark: _Mark) -> Location:
        return Location(path=self.path, line=mark.line + 1, column=mark.column + 1)

    def _fail(self, mark: _Mark, code: str, message: str) -> None:
        self.problems.append(error(self._at(mark), code, message))
        self.fatal = True

    def build(self) -> Any:
        loader = _Loader(self.text)
        stack: list[list[Any]] = []  # [container, pending key, key position, field it hangs on]
        root: Any = None
        node: MarkedDict | MarkedList | str | None
        scalar, mapping_start = yaml.ScalarEvent, yaml.MappingStartEvent
        collection_start, mapping_end, sequence_end = yaml.CollectionStartEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent
        try:
            while (event := loader.get_event()) is not None:
                start = event.start_mark
                assert start is not None  # libyaml marks every event it parses
                if type(event) is scalar:
                    is_scalar = True
                    node = self._scalar(event, start)
                    if self.fatal:
                        return None
                    if stack and self.cuts and node and event.implicit[0]:
                        top = stack[-1]
                        self._cut_by_comment(event, node, top[3] if type(top[0]) is MarkedList else top[1])
                elif isinstance(event, collection_start):  # a mapping or a sequence starts
                    is_scalar = False
                    if len(stack) >= MAX_DEPTH:
                        self._fail(start, "too-deep", _TOO_DEEP)
                        return None
                    self._check_tag(event.tag, start)
                    if self.fatal:
                        return None
                    if type(event) is mapping_start:
                        node = mapping = MarkedDict()
                        mapping.start, mapping.keys_at, mapping.values_at = (start.line + 1, start.column + 1), {}, {}
                    else:
                        node = sequence = MarkedList()
                        sequence.start, sequence.items_at = (start.line + 1, start.column + 1), []
                else:
                    kind = type(event)
                    if kind is mapping_end or kind is sequence_end:
                        stack.pop()
                    elif isinstance(event, yaml.AliasEvent):
                        self._fail(start, "alias-refused",
                                   f"YAML alias '*{event.anchor}' is not allowed; write the value out in full")
                        return None
                    elif kind is yaml.DocumentStartEvent:
                        self.documents += 1
                        if self.documents > 1:
                            self._fail(start, "yaml-syntax",
                                       "a second YAML document ('---'): put one map in each file")
                            return None
                    continue
                position = (start.line + 1, start.column + 1)
                field = None
                if stack:
                    top = stack[-1]
                    field = top[3] if type(top[0]) is MarkedList else top[1]
                    self._attach(top, node, position, start)
                else:
                    root = node
                if not is_scalar:
                    stack.append([node, None, None, field if isinstance(field, str) else None])
        finally:
            loader.dispose()
        return root

    def _attach(self, top: list[Any], node: Any, position: tuple[int, int], start: _Mark) -> None:
        container = top[0]
        if type(container) is MarkedList:
            container.append(node)
            container.items_at.append(position)
            return
        if top[1] is None:  # this node is a key
            if not isinstance(node, str):
                self.problems.append(error(self._at(start), "wrong-type",
                                           "a key must be a plain name, not a list, mapping or null"))
                top[1] = _DISCARD
            elif node in container.keys_at:
                first = container.keys_at[node]
                self.problems.append(error(
                    self._at(start), "duplicate-key",
                    f"duplicate key '{node}' (first at line {first[0]}); keep one of them"))
                top[1] = _DISCARD
            else:
                top[1], top[2] = node, position
            return
        key = top[1]
        top[1] = None
        if key is not _DISCARD:
            container[key] = node
            container.keys_at[key] = top[2]
            container.values_at[key] = position

    def _scalar(self, event: yaml.ScalarEvent, start: _Mark) -> str | None:
        if event.tag is not None:
            self._check_tag(event.tag, start)
            return None if event.tag == _NULL else event.value
        # implicit[0]: a plain scalar (libyaml gives plain ones style '' rather than None).
        if event.implicit[0] and event.value in _NULLS:
            return None
        return event.value

    def _cut_by_comment(self, event: yaml.ScalarEvent, value: str, field: Any) -> None:
        """A plain prose value (or one with an open bracket or quote) followed by ` #` on its line."""
        end_mark = event.end_mark
        assert end_mark is not None  # libyaml marks every event it parses
        end = end_mark.index
        found = _COMMENT_AFTER.match(self.text, end)
        if found is None or not isinstance(field, str):
            return
        if field not in TEXT_FIELDS and not _unbalanced(value):
            return
        hash_at = found.end() - 1
        line_end = self.text.find("\n", hash_at)
        lost = self.text[hash_at:line_end if line_end >= 0 else len(self.text)].rstrip("\r")
        column = end_mark.column + (hash_at - end) + 1
        where = Location(path=self.path, line=end_mark.line + 1, column=column)
        self.problems.append(error(
            where, "text-cut-by-comment",
            f"'{field}' is cut short: ' #' starts a YAML comment, so the value is read as "
            f"'{_excerpt(value)}' and '{_excerpt(lost)}' is lost; quote the value "
            f"({field}: \"{_excerpt(value)} {_excerpt(lost)}\"), or put a comment on its own line"))

    def _check_tag(self, tag: str | None, start: _Mark) -> None:
        """Refuse the whole file on a foreign tag: it is never constructed, and never guessed at."""
        if tag is not None and tag not in _ALLOWED_TAGS:
            self._fail(start, "tag-refused",
                       f"YAML tag '{tag}' is not allowed; argmap reads plain text, lists and mappings")
