"""The argmap fields that ride along in other formats (Argdown data, AIF `"argmap"` fields):
model pieces to plain JSON-able data and back, forgiving of hand edits (a wrong value is None)."""

from __future__ import annotations

from typing import Any

from argmap.model import Author, Basis, Evidence, Kind, Relation, Source, Undercut
from argmap.serialise import (
    SOURCE_KEYS,
    author_fields,
    basis_fields,
    drop_empty,
    evidence_fields,
    source_to_plain,
)

__all__ = ["authors_from_plain", "authors_to_plain", "basis_from_plain", "basis_to_plain",
           "drop_empty", "evidence_from_plain", "evidence_to_plain", "source_from_plain", "sources_to_plain", "str_or_none"]


def str_or_none(value: Any) -> str | None:
    """The value when it is a string, else None."""
    return value if isinstance(value, str) else None


def authors_to_plain(authors: tuple[Author, ...]) -> list[dict[str, str]]:
    return [drop_empty(author_fields(a)) for a in authors]


def authors_from_plain(value: Any) -> tuple[Author, ...]:
    return tuple(Author(name=a["name"], affiliation=str_or_none(a.get("affiliation")))
                 for a in value if isinstance(a, dict) and isinstance(a.get("name"), str)) \
        if isinstance(value, list) else ()


def sources_to_plain(sources: tuple[Source, ...]) -> list[dict[str, Any]]:
    return [source_to_plain(s) for s in sources]


def source_from_plain(item: Any) -> Source | None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        return None
    fields: dict[str, Any] = {k: str_or_none(item.get(k)) for k in SOURCE_KEYS if k != "id"}
    return Source(id=item["id"], **fields)


def evidence_to_plain(e: Evidence) -> dict[str, Any]:
    return drop_empty(evidence_fields(e))


def evidence_from_plain(item: Any, quote: str | None = None) -> Evidence | None:
    """Evidence from `{quote, kind, source, note}`; `quote` given when it travels elsewhere."""
    if not isinstance(item, dict):
        return None
    quote = quote if quote is not None else str_or_none(item.get("quote"))
    kind = item.get("kind", "quote")
    if quote is None or kind not in {k.value for k in Kind}:
        return None
    return Evidence(quote=quote, kind=Kind(kind), source=str_or_none(item.get("source")),
                    note=str_or_none(item.get("note")))


def basis_to_plain(entry: Relation | Undercut) -> dict[str, Any]:
    """Whose relation it is (`basis`, `note`, `evidence`), empty for a plain one."""
    return drop_empty(basis_fields(entry, evidence_to_plain))


def basis_from_plain(item: Any) -> dict[str, Any]:
    """Keyword arguments for Relation or Undercut from `basis_to_plain`'s data (bad parts dropped)."""
    if not isinstance(item, dict):
        return {}
    basis = item.get("basis")
    evidence = [evidence_from_plain(e) for e in item.get("evidence") or ()] \
        if isinstance(item.get("evidence"), list) else []
    return drop_empty({
        "basis": Basis(basis) if basis in {b.value for b in Basis} else None,
        "note": str_or_none(item.get("note")),
        "evidence": tuple(e for e in evidence if e is not None),
    })
