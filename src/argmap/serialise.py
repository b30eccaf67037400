"""The model back to plain data: the one serialiser, for map files (format v1), the JSON
envelope and the data that rides along in Argdown and AIF.

`*_fields` give every field of a piece under its name in the format; map files (`*_to_plain`,
`map_to_yaml`) keep only the fields that are set, keys in the canonical order `fmt` uses, so a
written map is already formatted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from argmap.model import (
    Author,
    Claim,
    Corpus,
    Evidence,
    Kind,
    Map,
    Relation,
    Source,
    Stance,
    Thesis,
    Undercut,
)

__all__ = ["SOURCE_KEYS", "drop_empty", "author_fields", "evidence_fields", "basis_fields", "source_fields",
           "thesis_fields", "map_to_plain", "document_to_yaml", "map_to_yaml", "corpus_to_plain",
           "source_to_plain", "thesis_to_plain"]


# --- every field of a model piece, in the format's key order --------------------------------------
# The one place that knows which fields a piece has and what each is called outside Python. Each
# format takes these as they are (the JSON envelope: every key always there) or drops what is
# unset (map files, and the data that rides along in Argdown and AIF).

def drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """The keys that are set: no None and no empty list or mapping."""
    return {k: v for k, v in data.items() if v not in (None, (), [], {})}


def author_fields(a: Author) -> dict[str, Any]:
    return {"name": a.name, "affiliation": a.affiliation}


def evidence_fields(e: Evidence) -> dict[str, Any]:
    return {"quote": e.quote, "kind": e.kind.value, "source": e.source, "note": e.note}


def basis_fields(entry: Relation | Undercut,
                 evidence: Callable[[Evidence], dict[str, Any]] = evidence_fields) -> dict[str, Any]:
    """Whose relation it is: `basis` (contrast, reply or None), the mapper's `note`, and the
    `evidence` of a reply, each piece as `evidence` writes it."""
    return {"basis": entry.basis.value if entry.basis else None, "note": entry.note,
            "evidence": [evidence(e) for e in entry.evidence]}


# A source's fields, each named as its attribute, in the order map files and exports write them.
SOURCE_KEYS = ("id", "cite", "title", "author", "container", "publisher", "date", "url", "doi",
               "text", "reference")


def source_fields(s: Source) -> dict[str, Any]:
    return {key: getattr(s, key) for key in SOURCE_KEYS}


def thesis_fields(t: Thesis) -> dict[str, Any]:
    return {"id": t.id, "text": t.text, "topic": t.topic, "questions": list(t.questions)}


# --- format v1: optional fields only when set -----------------------------------------------------

def _evidence(e: Evidence) -> dict[str, Any]:
    """`kind: quote` is the default, so a map leaves it out."""
    return drop_empty({**evidence_fields(e), "kind": None if e.kind is Kind.QUOTE else e.kind.value})


def _basis(entry: Relation | Undercut) -> dict[str, Any]:
    return drop_empty(basis_fields(entry, _evidence))


def _relation(r: Relation) -> str | dict[str, Any]:
    """A plain id when that is all there is, as people write it; else the mapping."""
    extra = _basis(r)
    return {"target": r.target, **extra} if extra else r.target


def _undercut(u: Undercut) -> dict[str, Any]:
    return {"from": u.from_, "to": u.to, **_basis(u)}


def _claim(c: Claim) -> dict[str, Any]:
    return drop_empty({
        "id": c.id, "text": c.text,
        "evidence": [_evidence(e) for e in c.evidence],
        "supports": [_relation(r) for r in c.supports], "attacks": [_relation(r) for r in c.attacks],
        "undercuts": [_undercut(u) for u in c.undercuts],
    })


def _stance(s: Stance) -> dict[str, Any]:
    return drop_empty({"thesis": s.thesis, "position": s.position.value,
                       "because": list(s.because), "note": s.note})


def source_to_plain(s: Source) -> dict[str, Any]:
    return drop_empty(source_fields(s))


def thesis_to_plain(t: Thesis) -> dict[str, Any]:
    return drop_empty(thesis_fields(t))


def map_to_plain(m: Map) -> dict[str, Any]:
    return {"argmap": 1, **drop_empty({
        "id": m.id, "authors": [drop_empty(author_fields(a)) for a in m.authors], "source": m.source,
        "claims": [_claim(c) for c in m.claims], "stances": [_stance(s) for s in m.stances],
    })}


def corpus_to_plain(corpus: Corpus) -> dict[str, Any]:
    return {
        "sources": [source_to_plain(s) for s in corpus.sources],
        "theses": [thesis_to_plain(t) for t in corpus.theses],
        "maps": [map_to_plain(m) for m in corpus.maps],
    }


class _Dumper(yaml.SafeDumper):
    """Block style, id lists in flow style, two-space indented sequences, like `fmt`."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def document_to_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096,
                     default_flow_style=False)


def map_to_yaml(m: Map) -> str:
    return document_to_yaml(map_to_plain(m))
