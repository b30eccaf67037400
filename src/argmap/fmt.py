"""`argmap fmt`: canonical key order and layout, with every comment and every word kept.

Uses ruamel.yaml's round-trip mode, the one loader that keeps comments; it is slow (DESIGN.md
"Speed"), which is why only this command uses it. A file is rewritten only when it parses, and
only when its formatted text loads back to the same model, through an atomic replace.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from argmap import _yaml
from argmap.errors import Location, Problem, error
from argmap.load import find_map_files
from argmap.write import write_text

__all__ = ["FormatResult", "format_text", "format_files", "KEY_ORDER"]

# Canonical key order per kind of mapping; keys not listed keep their order after these.
KEY_ORDER: dict[str, tuple[str, ...]] = {
    "document": ("argmap", "id", "authors", "source", "sources_dir", "sources", "theses", "claims",
                 "stances"),
    "author": ("name", "affiliation"),
    "source": ("id", "cite", "title", "author", "container", "publisher", "date", "url", "doi",
               "text", "reference"),
    "thesis": ("id", "text", "topic", "questions"),
    "claim": ("id", "text", "evidence", "supports", "attacks", "undercuts"),
    "evidence": ("quote", "kind", "source", "note"),
    "relation": ("target", "basis", "note", "evidence"),
    "undercut": ("from", "to", "basis", "note", "evidence"),
    "stance": ("thesis", "position", "because", "note"),
}
_CHILDREN = {
    ("document", "authors"): "author",
    ("document", "sources"): "source",
    ("document", "theses"): "thesis",
    ("document", "claims"): "claim",
    ("document", "stances"): "stance",
    ("claim", "evidence"): "evidence",
    ("claim", "undercuts"): "undercut",
    ("claim", "supports"): "relation",
    ("claim", "attacks"): "relation",
    ("relation", "evidence"): "evidence",
    ("undercut", "evidence"): "evidence",
}
# Lists of plain ids, written in flow style ([a, b]) while every entry is a plain id.
_ID_LISTS = {("claim", "supports"), ("claim", "attacks"), ("stance", "because")}


@attrs.frozen(kw_only=True)
class FormatResult:
    path: Path
    changed: bool = False
    problems: tuple[Problem, ...] = ()


def _yaml_rt() -> YAML:
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096  # never re-wrap an author's lines
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def format_text(text: str, path: str = "<text>") -> tuple[str | None, list[Problem]]:
    """The canonical text of a map file, or None and the problems that make it unsafe to touch."""
    tree, problems = _yaml.parse(text, path)
    if tree is None or problems:
        return None, problems
    if not isinstance(tree, dict) or "argmap" not in tree:
        return None, [error(Location(path=path), "not-a-mapping",
                            "not a map file (a mapping starting with 'argmap: 1'); left untouched")]
    rt = _yaml_rt()
    try:
        data = rt.load(text)
    except Exception as exc:  # noqa: BLE001 - ruamel disagrees with libyaml: refuse, do not guess
        return None, [error(Location(path=path), "yaml-syntax", f"cannot format this file safely: {exc}")]
    if isinstance(data, CommentedMap):
        _canonical(data, "document")
    out = io.StringIO()
    rt.dump(data, out)
    formatted = out.getvalue()
    after, after_problems = _yaml.parse(formatted, path)
    if after_problems or _plain(after) != _plain(tree):
        return None, [error(Location(path=path), "fmt-unsafe",
                            "formatting would change this file's content; it was left untouched "
                            "(please report this as a bug)")]
    return formatted, []


def _canonical(node: CommentedMap, kind: str) -> None:
    order = KEY_ORDER[kind]
    ranked = sorted(node.keys(), key=lambda k: (order.index(k) if k in order else len(order)))
    for key in ranked:
        node.move_to_end(key)
    for key, value in node.items():
        child = _CHILDREN.get((kind, key))
        if (kind, key) in _ID_LISTS and isinstance(value, CommentedSeq) \
                and all(isinstance(item, str) for item in value):
            if not _has_comments(value):
                value.fa.set_flow_style()
        elif isinstance(value, CommentedSeq):
            value.fa.set_block_style()
            if child:
                for index, item in enumerate(value):
                    if isinstance(item, CommentedMap):
                        # ruamel misplaces a comment that trails a flow mapping turned block
                        # (the output would no longer parse to the same data): keep those flow.
                        if not (item.fa.flow_style() and index in value.ca.items):
                            item.fa.set_block_style()
                        _canonical(item, child)


def _has_comments(seq: CommentedSeq) -> bool:
    return bool(seq.ca.items) or bool(seq.ca.comment)


def _plain(tree: Any) -> Any:
    """A marked tree without marks, order-insensitive for mappings: what fmt must not change."""
    if isinstance(tree, dict):
        return {k: _plain(v) for k, v in tree.items()}
    if isinstance(tree, list):
        return [_plain(v) for v in tree]
    return tree


def format_files(paths: Sequence[Path], *, check_only: bool = False) -> list[FormatResult]:
    files, problems = find_map_files(paths)
    results = [FormatResult(path=Path(p.location.path), problems=(p,)) for p in problems
               if p.severity.value == "error"]   # skipped files are check's to name
    for path in files:
        shown = str(path)
        data = path.read_bytes()
        text, decode_problems = _yaml.decode(data, shown)
        if text is None:
            results.append(FormatResult(path=path, problems=tuple(decode_problems)))
            continue
        formatted, format_problems = format_text(text, shown)
        if formatted is None:
            results.append(FormatResult(path=path, problems=tuple(format_problems)))
            continue
        changed = formatted.encode("utf-8") != data
        if changed and not check_only:
            write_text(path, formatted)
        results.append(FormatResult(path=path, changed=changed))
    return results
