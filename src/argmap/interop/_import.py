"""The half every importer shares: a graph of voices, claims and relations -> a valid corpus.

Argdown and AIF describe arguments as graphs with their own node ids. An importer adds what it
read to an `ImportGraph` under its own keys (any hashable), and `build()` turns that into a
corpus that passes `argmap check`: slug ids unique in their scope, references that resolve, no
self-support, undercuts only of supports that exist, stances only from a voice's own claims.
Everything that cannot be carried over is reported as a located warning, never dropped silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable
from pathlib import PurePath
from typing import Any

import attrs

from argmap.errors import Location, Problem, sort_problems, warning
from argmap.model import (
    SLUG,
    Author,
    Basis,
    Claim,
    Corpus,
    Evidence,
    Map,
    Position,
    Relation,
    Source,
    Stance,
    Thesis,
    Undercut,
    ref,
)

__all__ = ["MAPPED_AS", "NOT_MAPPED", "ImportGraph", "Imported", "corpus_files", "slugify"]

# Warning codes of every importer: something left out, or carried over with a changed meaning.
NOT_MAPPED = "not-mapped"
MAPPED_AS = "mapped-as"


@attrs.frozen(kw_only=True)
class Imported:
    """What an importer read: a corpus that passes `check`, and what it could not carry over."""

    corpus: Corpus
    problems: tuple[Problem, ...] = ()


def slugify(text: str, fallback: str = "claim", max_length: int = 40) -> str:
    """A readable slug: accents folded, other scripts dropped, cut at a word boundary."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug.strip("-") or fallback


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate = f"{wanted}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


@attrs.define
class _Voice:
    name: str
    preferred_id: str | None
    authors: tuple[Author, ...]
    source: str | None
    declared: bool


@attrs.define
class _Node:
    thesis: bool
    text: str
    voice: Hashable | None
    preferred_id: str | None
    location: Location
    topic: str | None = None
    questions: tuple[str, ...] = ()
    evidence: list[Evidence] = attrs.Factory(list)


class ImportGraph:
    """Voices, claims, theses and relations under the importer's own keys, in reading order."""

    def __init__(self, path: str, default_source: Source | None = None) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.default_source = default_source
        self._voices: dict[Hashable, _Voice] = {}
        self._nodes: dict[Hashable, _Node] = {}
        self._relations: list[tuple[str, Hashable, Hashable, Location, dict[str, Any]]] = []
        self._undercuts: list[tuple[Hashable, Hashable, Hashable, Location, dict[str, Any]]] = []
        self._stances: list[tuple[Hashable, Hashable, Position, Location]] = []
        self._notes: dict[tuple[Hashable, Hashable], str] = {}
        self._orders: dict[tuple[Hashable, Hashable], list[Hashable]] = {}
        self._stance_orders: dict[Hashable, list[Hashable]] = {}
        self._relation_orders: dict[tuple[Hashable, str], list[Hashable]] = {}
        self._sources: dict[str, Source] = {}

    # --- reading ---------------------------------------------------------------------------------

    def here(self, line: int = 1, column: int = 1) -> Location:
        return Location(path=self.path, line=line, column=column)

    def warn(self, location: Location, code: str, message: str) -> None:
        self.problems.append(warning(location, code, message))

    def voice(self, key: Hashable, *, name: str, preferred_id: str | None = None,
              authors: tuple[Author, ...] = (), source: str | None = None,
              declared: bool = False) -> Hashable:
        """Add a voice (first call wins; a later declaration fills in authors and source)."""
        known = self._voices.get(key)
        if known is None:
            self._voices[key] = _Voice(name=name, preferred_id=preferred_id, authors=authors,
                                       source=source, declared=declared)
        elif declared:
            known.authors = authors or known.authors
            known.source = source or known.source
            known.preferred_id = preferred_id or known.preferred_id
            known.declared = True
        return key

    def has_voice(self, key: Hashable) -> bool:
        return key in self._voices

    def claim(self, key: Hashable, *, voice: Hashable, text: str, location: Location,
              preferred_id: str | None = None) -> None:
        if voice not in self._voices:
            self.voice(voice, name=str(voice))
        self._nodes.setdefault(key, _Node(thesis=False, text=text, voice=voice,
                                          preferred_id=preferred_id, location=location))

    def thesis(self, key: Hashable, *, text: str, location: Location, preferred_id: str | None = None,
               topic: str | None = None, questions: tuple[str, ...] = ()) -> None:
        self._nodes.setdefault(key, _Node(thesis=True, text=text, voice=None, preferred_id=preferred_id,
                                          location=location, topic=topic, questions=questions))

    def knows(self, key: Hashable) -> bool:
        return key in self._nodes

    def is_thesis(self, key: Hashable) -> bool:
        node = self._nodes.get(key)
        return node is not None and node.thesis

    def voice_of(self, key: Hashable) -> Hashable | None:
        node = self._nodes.get(key)
        return node.voice if node else None

    def evidence(self, key: Hashable, item: Evidence) -> None:
        self._nodes[key].evidence.append(item)

    def source(self, item: Source) -> None:
        self._sources.setdefault(item.id, item)

    # `basis`: keyword arguments for Relation/Undercut (basis, note, evidence) when the file says
    # whose relation it is; a relation across voices that does not is imported as a contrast.
    def support(self, start: Hashable, end: Hashable, location: Location,
                basis: dict[str, Any] | None = None) -> None:
        self._relations.append(("supports", start, end, location, basis or {}))

    def attack(self, start: Hashable, end: Hashable, location: Location,
               basis: dict[str, Any] | None = None) -> None:
        self._relations.append(("attacks", start, end, location, basis or {}))

    def undercut(self, by: Hashable, start: Hashable, end: Hashable, location: Location,
                 basis: dict[str, Any] | None = None) -> None:
        """`by` attacks the support link `start -> end` (which must exist when built)."""
        self._undercuts.append((by, start, end, location, basis or {}))

    def _whose(self, basis: dict[str, Any], across: bool, where: Location) -> dict[str, Any]:
        """What the file said about whose relation it is, or, across voices, the honest default:
        the file's author set the two side by side (nothing in it quotes one text answering the other).
        Within one voice a relation keeps its note and quotes; a basis there has no meaning."""
        if not across:
            if basis.get("basis") is not None:
                self.warn(where, MAPPED_AS, f"a relation within one voice says basis "
                          f"'{basis['basis'].value}', which only a relation across voices has; "
                          "imported without it")
            return {k: v for k, v in basis.items() if k != "basis"}
        if (basis.get("basis") is Basis.REPLY and basis.get("evidence")) \
                or (basis.get("basis") is Basis.CONTRAST and basis.get("note")):
            return basis
        return {"basis": Basis.CONTRAST,
                "note": basis.get("note") or f"Imported from {PurePath(self.path).name}: set side by "
                                             "side there; the file does not quote one text answering the other."}

    def stance(self, claim: Hashable, thesis: Hashable, position: Position, location: Location) -> None:
        self._stances.append((claim, thesis, position, location))

    def note(self, voice: Hashable, thesis: Hashable, text: str) -> None:
        self._notes[(voice, thesis)] = text

    def order(self, voice: Hashable, thesis: Hashable, claims: list[Hashable]) -> None:
        """The order of a stance's `because` (claims not named keep reading order, after these)."""
        self._orders[(voice, thesis)] = claims

    def stance_order(self, voice: Hashable, theses: list[Hashable]) -> None:
        """The order of a voice's stances, by thesis (others follow, sorted by thesis id)."""
        self._stance_orders[voice] = theses

    def relation_order(self, start: Hashable, relation: str, ends: list[Hashable]) -> None:
        """The order of a claim's `supports` or `attacks` when reading order does not give it."""
        self._relation_orders[(start, relation)] = ends

    # --- building --------------------------------------------------------------------------------

    def build(self) -> Imported:
        claim_nodes = {k: n for k, n in self._nodes.items() if not n.thesis}
        voice_ids = self._voice_ids(claim_nodes)
        ids = self._node_ids(voice_ids)
        supports: dict[Hashable, list[Relation]] = {k: [] for k in claim_nodes}
        attacks: dict[Hashable, list[Relation]] = {k: [] for k in claim_nodes}
        undercuts: dict[Hashable, list[Undercut]] = {k: [] for k in claim_nodes}
        support_links: set[tuple[Hashable, Hashable]] = set()
        stance_parts = list(self._stances)

        def relative(key: Hashable, here: Hashable) -> str:
            voice = claim_nodes[key].voice
            claim_id = ids[key]
            return claim_id if voice == here else ref(voice_ids[voice], claim_id)

        ends: dict[tuple[Hashable, str], Hashable] = {}   # (start, target as written) -> end key
        for relation, start, end, where, basis in self._relations:
            verb = relation[:-1]
            if start not in self._nodes or end not in self._nodes:
                self.warn(where, NOT_MAPPED, f"a {verb} relation whose other end is not a statement")
            elif start == end:
                self.warn(where, NOT_MAPPED, f"'{self._label(start)}' would {verb} itself")
            elif self._nodes[start].thesis:
                self.warn(where, NOT_MAPPED,
                          f"thesis '{self._label(start)}' {relation} '{self._label(end)}'; "
                          "a thesis takes part only as the target of stances")
            elif self._nodes[end].thesis:
                position = Position.AGREE if relation == "supports" else Position.DISAGREE
                stance_parts.append((start, end, position, where))
            else:
                target = relative(end, claim_nodes[start].voice)
                bucket = supports if relation == "supports" else attacks
                across = claim_nodes[start].voice != claim_nodes[end].voice
                if target not in {r.target for r in bucket[start]}:
                    ends[(start, target)] = end
                    bucket[start].append(Relation(target=target, **self._whose(basis, across, where)))
                if relation == "supports":
                    support_links.add((start, end))
        for (start, relation), wanted in self._relation_orders.items():
            if start in claim_nodes:
                rank = {end: index for index, end in enumerate(wanted)}
                bucket = supports if relation == "supports" else attacks
                bucket[start].sort(key=lambda r: rank.get(ends[(start, r.target)], len(rank)))

        for by, start, end, where, basis in self._undercuts:
            if by not in claim_nodes or (start, end) not in support_links:
                what = "a thesis" if self.is_thesis(by) else f"'{self._label(by)}'"
                self.warn(where, NOT_MAPPED,
                          f"undercut by {what} of a link that is not a support between two claims")
                continue
            here = claim_nodes[by].voice
            across = here != claim_nodes[start].voice or here != claim_nodes[end].voice
            item = Undercut(from_=relative(start, here), to=relative(end, here),
                            **self._whose(basis, across, where))
            if (item.from_, item.to) not in {(u.from_, u.to) for u in undercuts[by]}:
                undercuts[by].append(item)

        stances = self._collect_stances(stance_parts, claim_nodes, voice_ids, ids)
        theses = tuple(sorted(
            (Thesis(id=ids[k], text=self._text(k), topic=n.topic, questions=n.questions)
             for k, n in self._nodes.items() if n.thesis), key=lambda t: t.id))
        sources = dict(self._sources)
        maps = []
        for voice_key, voice in self._voices.items():
            if voice_key not in voice_ids:
                continue
            members = [k for k, n in claim_nodes.items() if n.voice == voice_key]
            evidence = {k: list(claim_nodes[k].evidence) for k in members}
            default = voice.source
            used = {e.source for items in evidence.values() for e in items}
            if default is None and None in used:
                if self.default_source is None:
                    self.default_source = Source(id="imported", title=self.path)
                default = self.default_source.id
                sources.setdefault(default, self.default_source)
            if default is None and len(used) == 1 and not voice.declared:
                default = next(iter(used))
                evidence = {k: [attrs.evolve(e, source=None) for e in items] for k, items in evidence.items()}
            for source_id in used | {default}:
                if source_id is not None and source_id not in sources:
                    sources[source_id] = Source(id=source_id)
            claims = tuple(Claim(id=ids[k], text=self._text(k), evidence=tuple(evidence[k]),
                                 supports=tuple(supports[k]), attacks=tuple(attacks[k]),
                                 undercuts=tuple(undercuts[k])) for k in members)
            maps.append(Map(id=voice_ids[voice_key], authors=voice.authors or (Author(name=voice.name),),
                            source=default, claims=claims,
                            stances=tuple(stances.get(voice_key, ()))))
        corpus = Corpus(sources=tuple(sorted(sources.values(), key=lambda s: s.id)), theses=theses,
                        maps=tuple(sorted(maps, key=lambda m: m.id)))
        return Imported(corpus=corpus, problems=sort_problems(self.problems))

    def _voice_ids(self, claim_nodes: dict[Hashable, _Node]) -> dict[Hashable, str]:
        """Slug ids for the voices that hold a claim or were declared; preferred ids first."""
        used = {n.voice for n in claim_nodes.values()}
        kept = [(k, v) for k, v in self._voices.items() if k in used or v.declared]
        taken: set[str] = set()
        result: dict[Hashable, str] = {}
        for key, voice in kept:
            if voice.preferred_id and SLUG.match(voice.preferred_id) and voice.preferred_id not in taken:
                result[key] = voice.preferred_id
                taken.add(voice.preferred_id)
        for key, voice in kept:
            if key not in result:
                result[key] = _unique(slugify(voice.preferred_id or voice.name, "voice"), taken)
        return result

    def _node_ids(self, voice_ids: dict[Hashable, str]) -> dict[Hashable, str]:
        taken: dict[Hashable, set[str]] = {}
        result: dict[Hashable, str] = {}
        pending = []
        for key, node in self._nodes.items():
            scope = "theses" if node.thesis else node.voice
            names = taken.setdefault(scope, set())
            wanted = node.preferred_id
            if wanted and SLUG.match(wanted) and wanted not in names:
                result[key] = wanted
                names.add(wanted)
            else:
                pending.append((key, node, names))
        for key, node, names in pending:
            basis = node.preferred_id or node.text
            result[key] = _unique(slugify(basis, "thesis" if node.thesis else "claim"), names)
        return result

    def _collect_stances(self, parts: list[tuple[Hashable, Hashable, Position, Location]],
                         claim_nodes: dict[Hashable, _Node], voice_ids: dict[Hashable, str],
                         ids: dict[Hashable, str]) -> dict[Hashable, list[Stance]]:
        grouped: dict[tuple[Hashable, Hashable], dict] = {}
        for claim, thesis, position, where in parts:
            if claim not in claim_nodes or not self.is_thesis(thesis):
                self.warn(where, NOT_MAPPED, "a stance that does not lead from a claim to a thesis")
                continue
            voice = claim_nodes[claim].voice
            entry = grouped.setdefault((voice, thesis), {"positions": set(), "because": [], "where": where})
            entry["positions"].add(position)
            if claim not in entry["because"]:
                entry["because"].append(claim)
        result: dict[Hashable, list[Stance]] = {}
        for (voice, thesis), entry in grouped.items():
            wanted = {key: index for index, key in enumerate(self._orders.get((voice, thesis), ()))}
            entry["because"].sort(key=lambda key: wanted.get(key, len(wanted)))
            entry["because"] = [ids[key] for key in entry["because"]]
            positions = entry["positions"]
            if len(positions) == 1:
                (position,) = positions
            else:
                position = Position.MIXED
                if Position.MIXED not in positions:
                    self.warn(entry["where"], MAPPED_AS,
                              f"voice '{voice_ids[voice]}' both supports and attacks thesis "
                              f"'{ids[thesis]}'; its stance is imported as 'mixed'")
            result.setdefault(voice, []).append(Stance(
                thesis=ids[thesis], position=position, because=tuple(entry["because"]),
                note=self._notes.get((voice, thesis))))
        for voice, stances in result.items():
            order = {ids[key]: index for index, key in enumerate(self._stance_orders.get(voice, ()))
                     if key in ids}
            stances.sort(key=lambda s: (order.get(s.thesis, len(order)), s.thesis))
        return result

    def _text(self, key: Hashable) -> str:
        node = self._nodes[key]
        if node.text.strip():
            return node.text
        self.warn(node.location, MAPPED_AS, "a statement with no text; its title or id is used as text")
        return node.preferred_id or "(no text)"

    def _label(self, key: Hashable) -> str:
        node = self._nodes.get(key)
        if node is None:
            return str(key)
        text = node.preferred_id or node.text
        return text if len(text) <= 50 else text[:47] + "..."


# --- output --------------------------------------------------------------------------------------

def corpus_files(corpus: Corpus, origin: str) -> dict[str, str]:
    """The files an import writes: one map file per voice, and the theses and sources it needs."""
    from argmap.serialise import document_to_yaml, map_to_yaml, source_to_plain, thesis_to_plain

    header = f"# Imported by `argmap import` from {origin.replace(chr(10), ' ')}\n"
    files: dict[str, str] = {}
    if corpus.sources:
        files["sources.yaml"] = header + document_to_yaml(
            {"argmap": 1, "sources": [source_to_plain(s) for s in corpus.sources]})
    if corpus.theses:
        files["theses.yaml"] = header + document_to_yaml(
            {"argmap": 1, "theses": [thesis_to_plain(t) for t in corpus.theses]})
    for m in corpus.maps:
        name = f"{m.id}.yaml" if f"{m.id}.yaml" not in files else f"{m.id}-map.yaml"
        files[name] = header + map_to_yaml(m)
    return files
