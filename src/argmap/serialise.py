"""The model back to plain data and to YAML text in format v1 (for import, tests and scripts).

Keys come out in the canonical order `fmt` uses, optional fields only when set, so a written
map is already formatted.
"""

from __future__ import annotations

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

__all__ = ["map_to_plain", "document_to_yaml", "map_to_yaml", "corpus_to_plain"]


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, (), [], {})}


def _author(a: Author) -> dict[str, Any]:
    return _drop_empty({"name": a.name, "affiliation": a.affiliation})


def _evidence(e: Evidence) -> dict[str, Any]:
    return _drop_empty({"quote": e.quote, "kind": None if e.kind is Kind.QUOTE else e.kind.value,
                        "source": e.source, "note": e.note})


def _basis(entry: Relation | Undercut) -> dict[str, Any]:
    return _drop_empty({"basis": entry.basis.value if entry.basis else None, "note": entry.note,
                        "evidence": [_evidence(e) for e in entry.evidence]})


def _relation(r: Relation) -> str | dict[str, Any]:
    """A plain id when that is all there is, as people write it; else the mapping."""
    extra = _basis(r)
    return {"target": r.target, **extra} if extra else r.target


def _undercut(u: Undercut) -> dict[str, Any]:
    return {"from": u.from_, "to": u.to, **_basis(u)}


def _claim(c: Claim) -> dict[str, Any]:
    return _drop_empty({
        "id": c.id, "text": c.text,
        "evidence": [_evidence(e) for e in c.evidence],
        "supports": [_relation(r) for r in c.supports], "attacks": [_relation(r) for r in c.attacks],
        "undercuts": [_undercut(u) for u in c.undercuts],
    })


def _stance(s: Stance) -> dict[str, Any]:
    return _drop_empty({"thesis": s.thesis, "position": s.position.value,
                        "because": list(s.because), "note": s.note})


def source_to_plain(s: Source) -> dict[str, Any]:
    return _drop_empty({"id": s.id, "cite": s.cite, "title": s.title, "author": s.author,
                        "container": s.container, "publisher": s.publisher, "date": s.date,
                        "url": s.url, "doi": s.doi, "text": s.text, "reference": s.reference})


def thesis_to_plain(t: Thesis) -> dict[str, Any]:
    return _drop_empty({"id": t.id, "text": t.text, "topic": t.topic, "questions": list(t.questions)})


def map_to_plain(m: Map) -> dict[str, Any]:
    return {"argmap": 1, **_drop_empty({
        "id": m.id, "authors": [_author(a) for a in m.authors], "source": m.source,
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
