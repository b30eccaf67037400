"""Positions and the cursor's place in a map, read from the text as typed.

LSP counts columns in UTF-16 code units from 0; argmap's diagnostics count characters from 1.
While a map is being written its YAML is often broken, so the cursor's context (which key's
value, or which mapping's keys) is read from indentation, the way a reader sees it, not from
a parse.
"""

from __future__ import annotations

import re

import attrs

__all__ = ["Context", "context_at", "parse_line", "to_utf16", "from_utf16", "value_span", "word_at"]


def to_utf16(line: str, column: int) -> int:
    """A 0-based character column as UTF-16 code units (what LSP counts)."""
    head = line[:column]
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)


def from_utf16(line: str, units: int) -> int:
    """A UTF-16 column back to a 0-based character column."""
    count = 0
    for index, ch in enumerate(line):
        if count >= units:
            return index
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


_PLAIN_END = re.compile(r":(?:\s|$)|,|\]|\}|\s#")


def value_span(line: str, column: int) -> tuple[int, int]:
    """Where the key or scalar starting at `column` (0-based) ends: a quoted scalar at its closing
    quote, a plain one before `: `, `,`, `]`, `}` or a comment; never empty."""
    if column >= len(line):
        return column, column + 1
    quote = line[column]
    if quote in "\"'":
        index = column + 1
        while index < len(line):
            ch = line[index]
            if quote == '"' and ch == "\\":
                index += 2
                continue
            if ch == quote:
                if quote == "'" and line[index + 1:index + 2] == "'":
                    index += 2
                    continue
                return column, index + 1
            index += 1
        return column, len(line.rstrip())
    found = _PLAIN_END.search(line, column)
    end = found.start() if found else len(line)
    end = column + len(line[column:end].rstrip())
    return column, max(end, column + 1)


_WORD = re.compile(r"[A-Za-z0-9_./-]")


def word_at(line: str, column: int) -> tuple[int, int]:
    """The id-like word around a 0-based column (`yeo/tourism-record`), as (start, end)."""
    start = column
    while start > 0 and _WORD.match(line[start - 1]):
        start -= 1
    end = column
    while end < len(line) and _WORD.match(line[end]):
        end += 1
    return start, end


# --- the cursor's context ------------------------------------------------------------------------

@attrs.frozen
class Context:
    """Where the cursor is: the keys enclosing it, and which key's value it is typing (if any).

    `path` names the enclosing keys from the top (`("claims", "evidence")`); `key` is the key whose
    value the cursor is in (`kind`), or None where a key may be typed. `prefix` is the id-like
    text before the cursor, starting at character column `start`.
    """

    path: tuple[str, ...]
    key: str | None
    prefix: str
    start: int


_LINE = re.compile(r"(?P<indent> *)(?P<dashes>(?:- +)*)(?:(?P<key>[A-Za-z_][\w-]*) *:(?=\s|$))?")
# Keys whose value is a list of plain values, so a `- ` under them starts a value, not a key.
SCALAR_LISTS = frozenset(("supports", "attacks", "because", "questions"))


def parse_line(line: str) -> tuple[int, int | None, str | None, int]:
    """(indent, column of the first dash or None, the key on the line or None, key column)."""
    m = _LINE.match(line)
    assert m is not None
    indent = len(m["indent"])
    dash = indent if m["dashes"] else None
    return indent, dash, m["key"], indent + len(m["dashes"])


def _enclosing(lines: list[str], row: int, limit: int, in_item: bool) -> list[str]:
    """The keys enclosing a position whose content starts at column `limit` on line `row`.

    `in_item`: the position is inside a list item whose dash is at `limit`, so the list's key
    is at that column or left of it, and sibling items at the same column are skipped.
    """
    chain: list[str] = []
    for index in range(row - 1, -1, -1):
        line = lines[index]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent, dash, key, key_column = parse_line(line)
        if in_item:
            if dash is not None and indent >= limit:
                continue  # an earlier item of the same list (or deeper)
            if dash is None and indent > limit:
                continue
        elif indent >= limit:
            continue
        if dash is not None:
            if key is not None and key_column < limit and not in_item:
                chain.append(key)  # `- because:` holding us
            limit, in_item = indent, True
        elif key is not None:
            chain.append(key)
            limit, in_item = indent, False
        if limit == 0 and not in_item:
            break
    chain.reverse()
    return chain


_PREFIX = re.compile(r"[A-Za-z0-9_./-]*\Z")


def context_at(lines: list[str], row: int, column: int) -> Context:
    """The context of a cursor at 0-based (row, character column)."""
    line = lines[row] if row < len(lines) else ""
    before = line[:column]
    prefix_match = _PREFIX.search(before)
    prefix = prefix_match.group() if prefix_match else ""
    start = column - len(prefix)
    _indent, dash, key, key_column = parse_line(before)
    if key is not None:  # typing the value of `key:` on this line
        if dash is not None:
            path = _enclosing(lines, row, dash, True)
        else:
            path = _enclosing(lines, row, key_column, False)
        return Context(tuple(path), key, prefix, start)
    # a key, or an item of a list of values
    if dash is not None:
        path = _enclosing(lines, row, dash, True)
        # `- ` directly under a list of values: a value of that list
        if path and path[-1] in SCALAR_LISTS:
            return Context(tuple(path[:-1]), path[-1], prefix, start)
        return Context(tuple(path), None, prefix, start)
    path = _enclosing(lines, row, start if before.strip() else column, False)
    return Context(tuple(path), None, prefix, start)
