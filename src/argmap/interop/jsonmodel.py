"""The whole model as JSON, for people who script: a stable, documented envelope, and back.

The layout is `docs/interop.md`'s contract (format `argmap-json`, version 1): every key is always
present (`null`, `[]` when unset) so scripts need no `.get()`; claims are named everywhere by
their qualified reference `map/claim`; `relations` repeats every support, attack, undercut and
stance as one flat list, ready for a graph library (it is derived, and ignored on import).
New keys may be added in version 1; none of these will change meaning or disappear.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.errors import Location, error
from argmap.graph import graph, local, qualify
from argmap.interop._import import Imported
from argmap.model import (
    Author,
    Basis,
    Claim,
    Corpus,
    Evidence,
    Kind,
    Map,
    Position,
    Relation,
    Source,
    Stance,
    Thesis,
    Undercut,
)
from argmap.serialise import (
    SOURCE_KEYS,
    author_fields,
    basis_fields,
    evidence_fields,
    source_fields,
    thesis_fields,
)

__all__ = ["BAD_JSON", "FORMAT", "VERSION", "from_json", "to_json", "to_plain"]

FORMAT = "argmap-json"
VERSION = 1
BAD_JSON = "bad-json"


def to_plain(corpus: Corpus) -> dict[str, Any]:
    resolved_corpus = graph(corpus)
    relations: list[dict[str, Any]] = []
    maps = []
    for m in corpus.maps:
        claims = []
        for resolved in (resolved_corpus.of(m, c) for c in m.claims):
            c, here = resolved.claim, resolved.ref
            supports = [target for target, _r in resolved.supports]
            attacks = [target for target, _r in resolved.attacks]
            undercuts = [{"from": u.premise, "to": u.conclusion, **basis_fields(u.undercut)}
                         for u in resolved.undercuts]
            bases = [{"type": kind, "to": target, **basis_fields(r)}
                     for kind, entries in (("support", resolved.supports), ("attack", resolved.attacks))
                     for target, r in entries if r.basis or r.note or r.evidence]
            relations += [{"type": "support", "from": here, "to": target, **basis_fields(r)}
                          for target, r in resolved.supports]
            relations += [{"type": "attack", "from": here, "to": target, **basis_fields(r)}
                          for target, r in resolved.attacks]
            relations += [{"type": "undercut", "from": here, "to": u, **basis_fields(c.undercuts[i])}
                          for i, u in enumerate(undercuts)]
            claims.append({
                "id": c.id, "ref": here, "text": c.text,
                "evidence": [evidence_fields(e) for e in c.evidence],
                "supports": supports, "attacks": attacks, "undercuts": undercuts, "bases": bases,
            })
        stances = []
        for s in m.stances:
            because = list(resolved_corpus.because(m, s))
            relations += [{"type": "stance", "position": s.position.value, "from": r, "to": s.thesis,
                           "basis": None, "note": None, "evidence": []} for r in because]
            stances.append({"thesis": s.thesis, "position": s.position.value, "because": because,
                            "note": s.note})
        maps.append({
            "id": m.id, "name": m.name,
            "authors": [author_fields(a) for a in m.authors],
            "source": m.source, "claims": claims, "stances": stances,
        })
    return {
        "format": FORMAT,
        "version": VERSION,
        "sources": [source_fields(s) for s in corpus.sources],
        "theses": [thesis_fields(t) for t in corpus.theses],
        "maps": maps,
        "relations": relations,
    }


def to_json(corpus: Corpus) -> str:
    return json.dumps(to_plain(corpus), ensure_ascii=False, indent=2) + "\n"


class _Bad(Exception):
    pass


def _field(record: Any, key: str, kind: type | tuple[type, ...], where: str, optional: bool = False) -> Any:
    if not isinstance(record, dict):
        raise _Bad(f"{where} is not an object")
    value = record.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise _Bad(f"{where}.{key} is missing or not {getattr(kind, '__name__', 'the right type')}")
    return value


def from_json(text: str, path: str) -> Imported:
    """An `argmap-json` document back to the model (`relations` and `name` are ignored)."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        return Imported(corpus=Corpus(), problems=(error(
            Location(path=path, line=getattr(exc, "lineno", 1), column=getattr(exc, "colno", 1)),
            BAD_JSON, f"not JSON: {getattr(exc, 'msg', exc)}"),))
    try:
        return Imported(corpus=_corpus(data, Location(path=path)))
    except _Bad as exc:
        return Imported(corpus=Corpus(), problems=(error(Location(path=path), BAD_JSON,
                                                         f"not argmap JSON: {exc}"),))


def _opt(record: dict, key: str, where: str) -> str | None:
    return _field(record, key, str, where, optional=True)


def _corpus(data: Any, origin: Location) -> Corpus:
    """The model from the document; every object located at the file (JSON keeps no lines)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _Bad(f"no \"format\": \"{FORMAT}\"")
    if data.get("version") != VERSION:
        raise _Bad(f"version {data.get('version')!r}; this argmap reads version {VERSION}")
    sources = [
        Source(location=origin, id=_field(s, "id", str, f"sources[{i}]"),
               **{k: _opt(s, k, f"sources[{i}]") for k in SOURCE_KEYS if k != "id"})
        for i, s in enumerate(_field(data, "sources", list, "document"))]
    theses = [
        Thesis(location=origin, id=_field(t, "id", str, f"theses[{i}]"),
               text=_field(t, "text", str, f"theses[{i}]"), topic=_opt(t, "topic", f"theses[{i}]"),
               questions=tuple(_strings(t, "questions", f"theses[{i}]")))
        for i, t in enumerate(_field(data, "theses", list, "document"))]
    maps = [_map(m, f"maps[{i}]", origin) for i, m in enumerate(_field(data, "maps", list, "document"))]
    return Corpus(sources=tuple(sorted(sources, key=lambda s: s.id)),
                  theses=tuple(sorted(theses, key=lambda t: t.id)),
                  maps=tuple(sorted(maps, key=lambda m: m.id)))


def _map(m: Any, where: str, origin: Location) -> Map:
    here = _field(m, "id", str, where)
    authors = tuple(Author(location=origin, name=_field(a, "name", str, f"{where}.authors[{k}]"),
                           affiliation=_opt(a, "affiliation", f"{where}.authors[{k}]"))
                    for k, a in enumerate(_list(m, "authors", where)))
    claims = tuple(_claim(c, here, f"{where}.claims[{j}]", origin)
                   for j, c in enumerate(_list(m, "claims", where)))
    stances = tuple(
        Stance(location=origin, thesis=_field(s, "thesis", str, f"{where}.stances[{k}]"),
               position=_position(_field(s, "position", str, f"{where}.stances[{k}]"),
                                  f"{where}.stances[{k}]"),
               because=tuple(local(r, here) for r in _strings(s, "because", f"{where}.stances[{k}]")),
               note=_opt(s, "note", f"{where}.stances[{k}]"))
        for k, s in enumerate(_list(m, "stances", where)))
    return Map(location=origin, id=here, authors=authors, source=_opt(m, "source", where),
               claims=claims, stances=stances)


def _evidence_list(record: Any, at: str, origin: Location) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(location=origin, quote=_field(e, "quote", str, f"{at}.evidence[{k}]"),
                 kind=_kind(_opt(e, "kind", f"{at}.evidence[{k}]") or "quote", f"{at}.evidence[{k}]"),
                 source=_opt(e, "source", f"{at}.evidence[{k}]"),
                 note=_opt(e, "note", f"{at}.evidence[{k}]"))
        for k, e in enumerate(_list(record, "evidence", at)))


def _basis(record: Any, at: str, origin: Location) -> dict[str, Any]:
    """`basis`, `note` and `evidence` of a relation or undercut (all optional)."""
    basis = _opt(record, "basis", at)
    if basis is not None and basis not in {b.value for b in Basis}:
        raise _Bad(f"{at}.basis {basis!r} is not contrast or reply")
    return {"basis": Basis(basis) if basis else None, "note": _opt(record, "note", at),
            "evidence": _evidence_list(record, at, origin)}


def _claim(c: Any, here: str, at: str, origin: Location) -> Claim:
    undercuts = tuple(
        Undercut(location=origin, from_=local(_field(u, "from", str, f"{at}.undercuts[{k}]"), here),
                 to=local(_field(u, "to", str, f"{at}.undercuts[{k}]"), here),
                 **_basis(u, f"{at}.undercuts[{k}]", origin))
        for k, u in enumerate(_list(c, "undercuts", at)))
    bases = {(_field(b, "type", str, f"{at}.bases[{k}]"), _field(b, "to", str, f"{at}.bases[{k}]")):
             _basis(b, f"{at}.bases[{k}]", origin) for k, b in enumerate(_list(c, "bases", at))}

    def relations(kind: str, key: str) -> tuple[Relation, ...]:
        return tuple(Relation(location=origin, target=local(r, here),
                              **bases.get((kind, qualify(r, here)), {}))
                     for r in _strings(c, key, at))

    return Claim(location=origin, id=_field(c, "id", str, at), text=_field(c, "text", str, at),
                 evidence=_evidence_list(c, at, origin), undercuts=undercuts,
                 supports=relations("support", "supports"), attacks=relations("attack", "attacks"))


def _list(record: Any, key: str, where: str) -> list[Any]:
    return _field(record, key, list, where, optional=True) or []


def _strings(record: Any, key: str, where: str) -> list[str]:
    values = _list(record, key, where)
    if not all(isinstance(v, str) for v in values):
        raise _Bad(f"{where}.{key} holds something other than references")
    return values


def _kind(value: str, where: str) -> Kind:
    try:
        return Kind(value)
    except ValueError:
        raise _Bad(f"{where}.kind {value!r} is not one of {', '.join(k.value for k in Kind)}") from None


def _position(value: str, where: str) -> Position:
    try:
        return Position(value)
    except ValueError:
        raise _Bad(f"{where}.position {value!r} is not agree, disagree or mixed") from None
