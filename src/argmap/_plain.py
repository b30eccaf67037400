"""The model made straight from a fast reading's plain tree, when it is plainly right.

Why: cattrs' generated structuring, with our hooks around every object, costs about as much
again as making the objects, and importing and setting up cattrs is a tenth of a cold check of
10,000 claims. A tree read the fast way (`_fast`) holds only text, nulls, mappings and lists,
and in a clean file every mapping has only known keys, every required key and values of the
right kind. This module makes the Document for exactly such a tree, and gives up (None) at the
first thing that is not plainly right: the loader then structures the tree with cattrs, which
accepts or explains it (`load._structure_reading`). So what this makes is what cattrs would
make; tests/test_fast_path.py compares the two on every case it has.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import attrs

from argmap._makers import maker
from argmap.errors import Location
from argmap.model import (
    Author,
    Basis,
    Claim,
    Evidence,
    Kind,
    Position,
    Relation,
    Source,
    Stance,
    Thesis,
    Undercut,
)

__all__ = ["document", "document_in_order"]


class _NotPlain(Exception):
    """Something cattrs should look at (and perhaps report)."""


def document(tree: dict[str, Any], placed: dict[int, tuple[int, int]], path: str,
             marks: Any, cls: type) -> Any | None:
    """`cls` (load.Document) made from a fast reading's tree, or None when anything in it is
    not plainly right. `placed` holds each mapping's start by id(), `marks` the file's
    deferred marks, which every object's Location shares."""
    def spot(node: dict[str, Any]) -> tuple[int, int]:
        return placed[id(node)]

    return _document(tree, spot, path, marks, cls, in_order=False)


def document_in_order(scanned: Any, path: str, marks: Any, cls: type) -> Any | None:
    """The same from a fast scan (`_fast.Scan`) whose tree has not been walked: each mapping,
    made in document order, takes the next start; then as many mappings as starts and as many
    keys as the text writes, or None (and the caller walks the tree, `_fast.verified`). One walk
    where there were two: the same objects at the same places as `document` makes."""
    made: list[dict[str, Any]] = []
    met = made.append
    take = iter(scanned.starts).__next__

    def spot(node: dict[str, Any]) -> tuple[int, int]:
        met(node)
        return take()   # (StopIteration: more mappings than starts)

    found = _document(scanned.tree, spot, path, marks, cls, in_order=True)
    if found is None or len(made) != len(scanned.starts) or sum(map(len, made)) != scanned.keys:
        return None
    return found


def _document(tree: dict[str, Any], spot: Callable[[dict[str, Any]], tuple[int, int]], path: str,
              marks: Any, cls: type, in_order: bool) -> Any | None:
    """Each object asks `spot` for its start (line, column) before its parts are made, and the
    parts that may hold mappings are made in the file's order (`in_order`: a claim whose lists
    come in another order than they are made here is left to `document`). The objects made by
    the thousand are made with their Location in one call, arguments in field order
    (`_makers.maker(cls, located=True)`); a list that is not written is an empty tuple at once."""
    def objects(value: Any, make: Callable[[dict[str, Any]], Any]) -> tuple[Any, ...]:
        if value is None:
            return ()
        if type(value) is not list:
            raise _NotPlain
        return tuple([make(_mapping(item)) for item in value])

    def author(node: dict[str, Any]) -> Author:
        _keys(node, _AUTHOR)
        line, column = spot(node)
        return _AUTHOR_AT(_text(node["name"]), _optional(node.get("affiliation")), path, line, column, marks)

    def evidence(node: dict[str, Any]) -> Evidence:
        line, column = spot(node)
        if len(node) == 1 and "quote" in node:   # most are a quote alone: the rest default
            return _EVIDENCE_AT(_text(node["quote"]), _QUOTE, None, None, path, line, column, marks)
        _keys(node, _EVIDENCE)
        kind = node.get("kind")
        return _EVIDENCE_AT(_text(node["quote"]),
                            _QUOTE if kind is None and "kind" not in node else _choice(kind, _KINDS),
                            _optional(node.get("source")), _optional(node.get("note")), path, line, column, marks)

    def relation(item: Any) -> Relation:
        if type(item) is str:
            return _RELATION_MAKE(item, None, None, (), _NOWHERE)
        node = _mapping(item)
        _keys(node, _RELATION)
        line, column = spot(node)
        return _RELATION_AT(_text(node["target"]), _basis(node), _optional(node.get("note")),
                            objects(node.get("evidence"), evidence), path, line, column, marks)

    def relations(value: Any) -> tuple[Relation, ...]:
        if type(value) is not list:
            raise _NotPlain
        return tuple([relation(item) for item in value])

    def undercut(node: dict[str, Any]) -> Undercut:
        _keys(node, _UNDERCUT)
        line, column = spot(node)
        return _UNDERCUT_AT(_text(node["from"]), _text(node["to"]), _basis(node), _optional(node.get("note")),
                            objects(node.get("evidence"), evidence), path, line, column, marks)

    def claim(node: dict[str, Any]) -> Claim:
        _keys(node, _CLAIM)
        if in_order and len(node) > 3 and not _lists_in_order(tuple(node)):
            raise _NotPlain   # (id and text are two of its keys: with three, one list at most)
        line, column = spot(node)
        supports, attacks, undercuts = node.get("supports"), node.get("attacks"), node.get("undercuts")
        return _CLAIM_AT(_text(node["id"]), _text(node["text"]), objects(node.get("evidence"), evidence),
                         () if supports is None else relations(supports),
                         () if attacks is None else relations(attacks),
                         () if undercuts is None else objects(undercuts, undercut), path, line, column, marks)

    def stance(node: dict[str, Any]) -> Stance:
        _keys(node, _STANCE)
        line, column = spot(node)
        return _STANCE_AT(_text(node["thesis"]), _choice(node["position"], _POSITIONS),
                          _texts(node.get("because")), _optional(node.get("note")), path, line, column, marks)

    def where(node: dict[str, Any]) -> Location:
        line, column = spot(node)
        return _LOCATION(path, line, column, marks)

    def source(node: dict[str, Any]) -> Source:
        _keys(node, _SOURCE)
        return Source(location=where(node), id=_text(node["id"]),
                      **{key: _optional(node.get(key)) for key in _SOURCE_TEXTS})

    def thesis(node: dict[str, Any]) -> Thesis:
        _keys(node, _THESIS)
        return Thesis(location=where(node), id=_text(node["id"]), text=_text(node["text"]),
                      topic=_optional(node.get("topic")), questions=_texts(node.get("questions")))

    sections = {"authors": author, "claims": claim, "stances": stance, "sources": source, "theses": thesis}
    try:
        _keys(tree, _DOCUMENT)
        location = where(tree)
        made = {key: objects(value, sections[key]) for key, value in tree.items() if key in sections}
        folders = tree.get("sources_dir")
        return cls(argmap=_text(tree["argmap"]), id=_optional(tree.get("id")), source=_optional(tree.get("source")),
                   sources_dir=(folders,) if type(folders) is str else _texts(folders),
                   location=location, **made)
    except (_NotPlain, KeyError, ValueError, TypeError, StopIteration):
        return None


@functools.cache
def _lists_in_order(keys: tuple[str, ...]) -> bool:
    """Whether a claim's keys that may hold mappings come in the order `claim` makes them."""
    lists = [key for key in keys if key in _CLAIM_LISTS]
    return lists == sorted(lists, key=_CLAIM_LISTS.index)


_CLAIM_LISTS = ("evidence", "supports", "attacks", "undercuts")   # as `claim` makes them


# Each object's keys: (every key it may have, the keys it must have).
_AUTHOR = (frozenset({"name", "affiliation"}), frozenset({"name"}))
_EVIDENCE = (frozenset({"quote", "kind", "source", "note"}), frozenset({"quote"}))
_RELATION = (frozenset({"target", "basis", "note", "evidence"}), frozenset({"target"}))
_UNDERCUT = (frozenset({"from", "to", "basis", "note", "evidence"}), frozenset({"from", "to"}))
_CLAIM = (frozenset({"id", "text", "evidence", "supports", "attacks", "undercuts"}), frozenset({"id", "text"}))
_STANCE = (frozenset({"thesis", "position", "because", "note"}), frozenset({"thesis", "position"}))
_SOURCE_TEXTS = ("title", "author", "container", "publisher", "date", "url", "doi", "text", "cite",
                 "reference")
_SOURCE = (frozenset({"id", *_SOURCE_TEXTS}), frozenset({"id"}))
_THESIS = (frozenset({"id", "text", "topic", "questions"}), frozenset({"id", "text"}))
_DOCUMENT = (frozenset({"argmap", "id", "authors", "source", "claims", "stances", "sources", "theses",
                        "sources_dir"}), frozenset({"argmap"}))

# The objects made by the thousand, through their makers (every field given, in field order: no
# default applies), each with its own Location (`_AT`) but a relation written as a plain id.
_LOCATION, _RELATION_MAKE = maker(Location), maker(Relation)
_AUTHOR_AT, _EVIDENCE_AT, _RELATION_AT, _UNDERCUT_AT, _CLAIM_AT, _STANCE_AT = (
    maker(cls, located=True) for cls in (Author, Evidence, Relation, Undercut, Claim, Stance))
_NOWHERE = attrs.fields(Relation).location.default   # where a relation written as a plain id is
_QUOTE = Kind.QUOTE

_KINDS = {kind.value: kind for kind in Kind}
_POSITIONS = {position.value: position for position in Position}
_BASES = {basis.value: basis for basis in Basis}


def _mapping(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise _NotPlain
    return value


def _keys(node: dict[str, Any], keys: tuple[frozenset[str], frozenset[str]]) -> None:
    # (the keys view compared with each set: no set made from the mapping, half the time)
    if not node.keys() <= keys[0] or not node.keys() >= keys[1]:
        raise _NotPlain


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _NotPlain
    return value


def _optional(value: Any) -> str | None:
    if value is not None and type(value) is not str:
        raise _NotPlain
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if type(value) is not list or not all(type(item) is str for item in value):
        raise _NotPlain
    return tuple(value)


def _choice(value: Any, choices: dict[str, Any]) -> Any:
    if type(value) is not str:
        raise _NotPlain
    return choices[value]   # KeyError: not one of them


def _basis(node: dict[str, Any]) -> Basis | None:
    value = node.get("basis")
    return None if value is None else _choice(value, _BASES)
