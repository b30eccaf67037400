"""A fast first reading of plainly written map files; the exact reader (`_yaml`) stays the authority.

Why: libyaml hands PyYAML one Python object per event, and the marked tree is built from them in
Python: over half of a cold `argmap check`. fastyaml-rs (Rust) reads the same file into plain
dicts and lists about five times faster, but it gives no positions, and it silently accepts what
argmap refuses or reports: duplicate keys (the last wins), aliases and merge keys (expanded),
tags (dropped), a second document (ignored), a value cut short by ` #`, typed scalars (`0x1F`
becomes 31, argmap keeps the text).

So a file is read this way only when every line is in a small, plain subset of YAML that both
parsers read alike (`_BAD_LINE`: one construct per line, spaces only, single-line values, flow
collections one level deep, comments on their own lines), and the tree it gives is checked
against the text: as many mappings as the text opens, as many keys as it writes (so no
duplicate was dropped), only text, nulls and plainly written integers. Any doubt returns None,
and the caller reads the file the exact way, with marks and refusals.

Positions: the subset makes every mapping's start findable in the text (a key after `- `, a key
indented under an empty `key:` or `-`, the first key of the file, a `{`), and in YAML a tree's
mappings in document order are its mappings in order of their start. Those starts are what a
loaded object keeps; the position of a field inside one is found by parsing the file exactly
when a rule asks (`cache.DeferredMarks`), as for a file read from the cache.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from itertools import accumulate, chain, repeat
from operator import sub
from typing import Any, NamedTuple

__all__ = ["Reading", "Scan", "read", "scan", "verified"]

_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_DQ = r'"[^"\\\n]*(?:\\["\\nt][^"\\\n]*)*"'   # double-quoted, on one line, plain escapes only
_SQ = r"'[^'\n]*(?:''[^'\n]*)*'"
# A plain scalar in block context on one line: no indicator first, no ': ' and no ' #' inside.
_PLAIN = r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`]|[-?:](?=[^\s]))[^\n:#]*(?:(?::(?=[^\s])|(?<=[^\s])#)[^\n:#]*)*"
# In flow context: no flow indicators, colons or quotes at all.
_FLOW_PLAIN = r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n,\[\]{}#:'\"]*"
_FLOW_SCALAR = rf"(?:{_DQ}|{_SQ}|{_FLOW_PLAIN})"
_FLOW_MAP = rf"\{{ *(?:{_KEY}: +{_FLOW_SCALAR} *(?:, *{_KEY}: +{_FLOW_SCALAR} *)*)?\}}"
_FLOW_SEQ = rf"\[ *(?:(?:{_FLOW_SCALAR}|{_FLOW_MAP}) *(?:, *(?:{_FLOW_SCALAR}|{_FLOW_MAP}) *)*)?\]"
_VALUE = rf"(?:{_DQ}|{_SQ}|{_FLOW_SEQ}|{_FLOW_MAP}|{_PLAIN})"
_LINE = rf"(?: *(?:#.*)?| *(?:- +)*(?:{_KEY}:(?: +{_VALUE})?|-(?: +{_VALUE})?) *)"
_BAD_LINE = re.compile(rf"\n(?!{_LINE}$)", re.M)
# What libyaml reads differently from a YAML 1.2 parser, or refuses: tabs, CR, NEL and the
# Unicode line separators, control characters, surrogates, a byte-order mark, U+FFFE and U+FFFF.
# (Written as the characters refused, not as the negation of those allowed: the same set, but
# compiled in 0.4 ms instead of 19, which every cold run paid.)
_BAD_CHAR = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# In ASCII text (nearly every map) the same test is: anything left once the line breaks and the
# printable characters are deleted, which bytes.translate does ten times faster than the regex.
_PLAIN_ASCII = b"\n" + bytes(range(0x20, 0x7F))
# Integers that a YAML 1.2 parser reads as numbers but not as written (007, 0x1F, +5, -0):
# argmap keeps a scalar's text, so `str(int)` must give it back.
# (A gated file starts with a key, so every scalar follows a space, a newline or `[{,:`.)
_ODD_NUMBER = re.compile(r"[\s\[{,:](?:[+-]?0[0-9A-Za-z_]|\+[0-9.]|-0(?![0-9A-Za-z_.]))")

# Every map's one number: `argmap: 1`, written so (a top-level key is at column 1).
_VERSION_LINE = re.compile(r"^argmap: +1 *$", re.M)

# The starts' expressions are tried at every line: a quantifier is possessive (`*+`, no giving
# back) wherever what must follow cannot be what it repeats, so a line that does not match
# fails at once instead of being retried space by space (the same matches, about half the time).
# Python 3.10's `re` has no possessive quantifiers: there the same expressions are compiled
# without them (`_possessive`), which gives the same matches, only slower.
def _possessive(pattern: str) -> str:
    return pattern if sys.version_info >= (3, 11) else pattern.replace("*+", "*").replace("++", "+")


_KEY_ONCE = r"[A-Za-z_][A-Za-z0-9_-]*+"
# (matches only the newline, which findall gives as one shared string: nothing made per key)
_BLOCK_KEY = re.compile(_possessive(rf"\n(?= *+(?:- ++)*+{_KEY_ONCE}:(?: |$))"), re.M)
_FIRST_KEY = re.compile(rf"(?:\n *(?:#[^\n]*)?)*\n( *)(?={_KEY}:(?: |$))")
_KEY_AFTER_DASH = re.compile(_possessive(rf"\n *+(?:- ++)++(?={_KEY}:(?: |$))"), re.M)
# An empty `key:` or `-`, then (past blank and comment lines) a key: a mapping opens there when
# the key is indented deeper than the opener. (`(?:- ++)*` gives back: `- -` is a dash item.)
_OPENER = re.compile(
    _possessive(rf"\n( *+(?:- ++)*)(?:{_KEY_ONCE}:|-) *+(?=\n((?: *(?:#[^\n]*)?\n)*)( *){_KEY}:(?: |$))"),
    re.M)
# A flow collection written as a value (matched from the newline before its line); in one,
# every `{` outside quotes opens a mapping and every `key: ` after `{` or `,` is one of its keys
# (flow scalars hold neither `: ` nor `{`).
_FLOW_VALUE = re.compile(rf"\n *(?:- +)*(?:{_KEY}: +|- +)?([\[{{].*)$", re.M)
_QUOTED = re.compile(rf"{_DQ}|{_SQ}")
_BRACE = re.compile(r"\{")
_FLOW_KEY = re.compile(rf"[{{,] *{_KEY}: ")

# A line indented this far is deeper than any map: the exact reader says so, without the gate's
# regular expressions going over every space of every line first.
_DEEP = re.compile(r"\n {128}")

# Deeper than the exact reader allows (`_yaml.MAX_DEPTH`) is left to it, to refuse.
_MAX_DEPTH = 60


class Scan(NamedTuple):
    """A text in the subset, read but not yet checked against its tree (`verified`)."""

    text: str
    tree: dict[str, Any]
    starts: list[tuple[int, int]]        # each mapping's (line, column), in document order
    keys: int                            # how many keys the text writes


class Reading(NamedTuple):
    tree: dict[str, Any]
    starts: list[tuple[int, int]]        # each mapping's (line, column), in document order
    placed: dict[int, tuple[int, int]]   # the same by the mapping's id()


def read(text: str) -> Reading | None:
    """The tree of a map file's text and where each of its mappings starts (1-based line and
    column), or None when the file must be read the exact way."""
    scanned = scan(text)
    return None if scanned is None else verified(scanned)


def scan(text: str, encoded: bytes | None = None) -> Scan | None:
    """The first half of `read`: the gate, the tree and the starts, or None. A tree that holds
    only text, nulls and the version as written (`argmap: 1`, made text here) is checked by
    whoever walks it in document order (`_plain.document_in_order`); anything else by `verified`.
    `encoded`: the text's UTF-8 bytes when the caller has them (the file as read), which the
    test for refused characters reads instead of encoding the text again."""
    # Every line is matched from the newline before it: a literal start lets the regex engine skip
    # ahead, where `^` with re.M is tried at every character.
    framed = "\n" + text
    if _DEEP.search(framed) or _has_bad_char(text, encoded) or _BAD_LINE.search(framed):
        return None
    fast_yaml = load_parser()
    if fast_yaml is None:
        return None
    try:
        tree = fast_yaml.safe_load(text)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - whatever it refuses (or panics on), the exact reader explains
        return None
    if not isinstance(tree, dict):
        return None
    version = tree.get("argmap")
    if type(version) is int and version == 1 and _VERSION_LINE.search(text):
        tree["argmap"] = "1"   # every map's one number, written so: its text (the walk would make it)
    starts, written_keys = _mapping_starts(framed)
    return Scan(text, tree, starts, written_keys)


def load_parser() -> Any:
    """fastyaml-rs, imported (once), or None in an environment made before it was a dependency
    (then every file is read the exact way)."""
    try:
        import fast_yaml
    except ImportError:
        return None
    return fast_yaml


def verified(scanned: Scan) -> Reading | None:
    """The second half of `read`: the scan's tree walked and checked against its text."""
    mappings: list[dict[str, Any]] = []
    keys, numbers = _plain_tree(scanned.tree, mappings)
    if keys < 0:
        return None
    if numbers and _ODD_NUMBER.search(scanned.text):
        return None
    if len(scanned.starts) != len(mappings) or scanned.keys != keys:
        return None
    return Reading(scanned.tree, scanned.starts, dict(zip(map(id, mappings), scanned.starts, strict=True)))


def _has_bad_char(text: str, encoded: bytes | None = None) -> bool:
    """Whether `text` holds a character `_BAD_CHAR` refuses (`encoded`: its UTF-8 bytes, which
    for ASCII text are its ASCII bytes: no copy made of a file's text)."""
    if text.isascii():
        return bool((text.encode("ascii") if encoded is None else encoded).translate(None, _PLAIN_ASCII))
    return _BAD_CHAR.search(text) is not None


class _Differs(Exception):
    """The tree holds something the exact reader reads differently."""


def _plain_tree(root: dict[str, Any], mappings: list[dict[str, Any]]) -> tuple[int, int]:
    """Collect the mappings in document order and turn integers back into their text; the
    number of keys (-1 for a tree the exact reader would read differently) and of integers."""
    counts = [0, 0]
    try:
        _walk_mapping(root, 0, mappings, counts)
    except _Differs:
        return -1, 0
    return counts[0], counts[1]


def _walk_mapping(node: dict[Any, Any], depth: int, mappings: list[dict[str, Any]],
                  counts: list[int]) -> None:
    if depth > _MAX_DEPTH or None in node or True in node or False in node:
        raise _Differs  # keys are text: `null:` and `true:` are not (numbers are gated out)
    mappings.append(node)
    counts[0] += len(node)
    _walk_values(node, node.items(), depth, mappings, counts)


def _walk_list(node: list[Any], depth: int, mappings: list[dict[str, Any]], counts: list[int]) -> None:
    if depth > _MAX_DEPTH:
        raise _Differs
    _walk_values(node, enumerate(node), depth, mappings, counts)


def _walk_values(node: Any, items: Iterable[tuple[Any, Any]], depth: int,
                 mappings: list[dict[str, Any]], counts: list[int]) -> None:
    """The values of a mapping or list (`items`: key or index, value): text and nulls as they
    are, containers walked, plain integers written back into `node` as their text."""
    for key, value in items:
        kind = type(value)
        if kind is str or value is None:
            continue
        if kind is dict:
            _walk_mapping(value, depth + 1, mappings, counts)
        elif kind is list:
            _walk_list(value, depth + 1, mappings, counts)
        elif kind is int:
            node[key] = str(value)   # replaces a value in place: the mapping's size is unchanged
            counts[1] += 1
        else:
            raise _Differs


def _mapping_starts(framed: str) -> tuple[list[tuple[int, int]], int]:
    """Where each mapping of a text in the subset starts, in order, and how many keys it writes
    (`framed` is the text after a newline, so its line 2 is the text's line 1)."""
    keys = len(_BLOCK_KEY.findall(framed))
    first = _FIRST_KEY.match(framed)
    offsets = [first.end()] if first is not None else []
    offsets.extend(map(re.Match.end, _KEY_AFTER_DASH.finditer(framed)))
    for found in _OPENER.finditer(framed):
        opener, blank, indent = found.groups()
        if len(indent) > len(opener):
            offsets.append(found.end() + 1 + len(blank) + len(indent))
    # Only a line with a `{` can hold a flow mapping: the regex engine finds each `{` at C speed,
    # where trying _FLOW_VALUE at every line was a tenth of the fast reading.
    seen = -1
    for opening in _BRACE.finditer(framed):
        line = framed.rfind("\n", 0, opening.start())
        if line == seen:
            continue
        seen = line
        flow = _FLOW_VALUE.match(framed, line)
        if flow is None:
            continue
        value = flow.group(1)
        if "'" in value or '"' in value:  # blank out quoted text, keeping every offset
            value = _QUOTED.sub(_blank, value)
        at = flow.start(1)
        offsets.extend(at + brace.start() for brace in _BRACE.finditer(value))
        keys += len(_FLOW_KEY.findall(value))
    offsets.sort()
    # All in C (no loop in Python): each offset's line is the newlines before it, counted from
    # the offset before (`framed` starts with one, so the count is the text's 1-based line); its
    # column is its distance from the newline before it.
    n = len(offsets)
    lines = accumulate(map(framed.count, repeat("\n", n), chain((0,), offsets), offsets))
    columns = map(sub, offsets, map(framed.rfind, repeat("\n", n), repeat(0, n), offsets))
    return list(zip(lines, columns, strict=True)), keys


def _blank(found: re.Match[str]) -> str:
    return " " * len(found.group())
