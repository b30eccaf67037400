"""The model to AIF JSON (the AIFdb nodeset layout) and back.

Export (`to_aif`): theses and claims are I-nodes; a support is an RA node (premise -> RA ->
conclusion), an attack a CA node, an undercut a CA node whose target is the RA of the support it
attacks; a stance is an RA (agree) or CA (disagree) from each claim it cites into the thesis's
I-node. Each quote is an L-node, `"<voice name>: <quote>"`, anchored to its claim by a YA
"Asserting" node and attributed to the voice through `locutions` and `participants`. AIF has
no ids of ours, no theses, no evidence kinds and no `mixed` stance, so these ride along in an
`"argmap"` field on the objects they belong to (the top level, I-nodes, L-nodes and
participants), which AIF tools ignore and `from_aif` reads back exactly.

Import (`from_aif`): AIF, xAIF (the same layout under a top-level `"AIF"` key) and folders of
AIFdb nodesets. Without `"argmap"` fields, every I-node is a claim; its voice is the speaker of
the first locution anchored to it (from `locutions` and `participants`, else from an L-node text
`"Name : text"` or `"Name says 'text'"`), or a voice named after the file when nobody asserts it.
An RA with several premises becomes one support from each premise; a CA into an RA becomes an
undercut of each of its links; an MA (rephrase) becomes a support, with a warning. Dialogue
nodes (TA, YA anchoring RA or CA, analysts' L-nodes) are left out and reported.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import PurePath
from typing import Any, TypeVar

from argmap.errors import Location, error
from argmap.graph import graph
from argmap.interop._import import MAPPED_AS, NOT_MAPPED, Imported, ImportGraph, slugify
from argmap.interop._plain import (
    authors_from_plain,
    authors_to_plain,
    basis_from_plain,
    basis_to_plain,
    drop_empty,
    evidence_from_plain,
    evidence_to_plain,
    source_from_plain,
    sources_to_plain,
    str_or_none,
)
from argmap.model import Corpus, Evidence, Position, Source, ref

__all__ = ["NOT_AIF", "check_aif", "from_aif", "to_aif"]

# What the importer reads, each by nodeID: the node's JSON object, the nodes an edge leads in
# from or out to, an L-node's (voice key, quote), an I-node's [(L nodeID, YA nodeID)].
_Nodes = dict[str, dict[str, Any]]
_Links = dict[str, list[str]]
_Speakers = dict[str, tuple[Hashable, str]]
_Anchors = dict[str, list[tuple[str, str]]]
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

FORMAT = "argmap-aif"
NOT_AIF = "not-aif"

NODE_TYPES = frozenset({"I", "L", "RA", "CA", "MA", "PA", "YA", "TA"})
_SCHEMES = {
    "RA": ("Default Inference", "72"),
    "CA": ("Default Conflict", "71"),
    "YA": ("Asserting", "74"),
}


# --- export --------------------------------------------------------------------------------------

class _Writer:
    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.locutions: list[dict[str, Any]] = []
        self.participants: list[dict[str, Any]] = []

    def node(self, kind: str, text: str | None = None, extra: dict[str, Any] | None = None) -> str:
        node_id = str(len(self.nodes) + 1)
        node: dict[str, Any] = {"nodeID": node_id, "text": text if text is not None else _SCHEMES[kind][0],
                                "type": kind}
        if kind in _SCHEMES:
            node["scheme"], node["schemeID"] = _SCHEMES[kind]
        if extra:
            node["argmap"] = extra
        self.nodes.append(node)
        return node_id

    def edge(self, start: str, end: str) -> None:
        self.edges.append({"edgeID": str(len(self.edges) + 1), "fromID": start, "toID": end})

    def link(self, kind: str, premise: str, conclusion: str,
             extra: dict[str, Any] | None = None) -> str:
        middle = self.node(kind, extra=extra)
        self.edge(premise, middle)
        self.edge(middle, conclusion)
        return middle


def _items(value: Any) -> list[Any]:
    """A list from the document, or nothing when the document holds something else there."""
    return value if isinstance(value, list) else []


def _object(value: Any) -> dict[str, Any]:
    """A JSON object from the document, or an empty one when the document holds something else."""
    return value if isinstance(value, dict) else {}


def _pairs(value: Any) -> list[tuple[Any, Any]]:
    return list(value.items()) if isinstance(value, dict) else []


def _split_name(name: str) -> tuple[str, str]:
    """(firstname, surname) such that `_display_name` gives the name back exactly."""
    first, sep, last = name.rpartition(" ")
    return (first, last) if sep and last else (name, "")


def _display_name(first: str, last: str) -> str:
    return f"{first} {last}" if last else first


def _first_by(items: Iterable[T], key: Callable[[T], K]) -> dict[K, T]:
    """Each distinct key's first item, in order (a relation written twice is one node)."""
    first: dict[K, T] = {}
    for item in items:
        first.setdefault(key(item), item)
    return first


def to_aif(corpus: Corpus) -> str:
    """The corpus as one AIF JSON document (see the module docstring for the mapping)."""
    out = _Writer()
    thesis_nodes = {t.id: out.node("I", t.text, drop_empty({
        "thesis": t.id, "topic": t.topic, "questions": list(t.questions)})) for t in corpus.theses}
    resolved = graph(corpus)
    claim_nodes = {ref(m.id, c.id): out.node("I", c.text, {"claim": ref(m.id, c.id)})
                   for m, c in corpus.claims()}
    for number, m in enumerate(corpus.maps, start=1):
        person = str(number)
        first, last = _split_name(m.name)
        out.participants.append({"participantID": person, "firstname": first, "surname": last,
                                 "argmap": drop_empty({
                                     "voice": m.id,
                                     "authors": authors_to_plain(m.authors),
                                     "source": m.source,
                                     "mixed": {s.thesis: list(resolved.because(m, s))
                                               for s in m.stances if s.position is Position.MIXED},
                                     "notes": {s.thesis: s.note for s in m.stances if s.note is not None},
                                     "stances": [s.thesis for s in m.stances]
                                     if [s.thesis for s in m.stances] != sorted(s.thesis for s in m.stances)
                                     else [],
                                 })})
        for c in m.claims:
            for e in c.evidence:
                extra = {k: v for k, v in evidence_to_plain(e).items() if k != "quote"}
                locution = out.node("L", f"{m.name}: {e.quote}", extra)
                out.link("YA", locution, claim_nodes[ref(m.id, c.id)])
                out.locutions.append({"nodeID": locution, "personID": person})
    support_nodes: dict[tuple[str, str], str] = {}
    for claim in resolved.claims:
        here = claim.ref
        for target, (_, r) in _first_by(claim.supports, lambda entry: entry[0]).items():
            support_nodes[(here, target)] = out.link("RA", claim_nodes[here], claim_nodes[target],
                                                     basis_to_plain(r))
        for target, (_, r) in _first_by(claim.attacks, lambda entry: entry[0]).items():
            out.link("CA", claim_nodes[here], claim_nodes[target], basis_to_plain(r))
    for claim in resolved.claims:
        undercuts = _first_by(claim.undercuts, lambda u: (u.premise, u.conclusion))
        for link, u in undercuts.items():
            out.link("CA", claim_nodes[claim.ref], support_nodes[link], basis_to_plain(u.undercut))
    for m in corpus.maps:
        for s in m.stances:
            if s.position is Position.MIXED:
                continue
            kind = "RA" if s.position is Position.AGREE else "CA"
            for because in dict.fromkeys(resolved.because(m, s)):
                out.link(kind, claim_nodes[because], thesis_nodes[s.thesis])
    document = {
        "nodes": out.nodes, "edges": out.edges, "locutions": out.locutions,
        "participants": out.participants,
        "argmap": drop_empty({"format": FORMAT, "version": 1,
                              "sources": sources_to_plain(corpus.sources)}),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def check_aif(document: Any) -> list[str]:
    """Structural problems of an AIF document (empty when well formed): known node types, that
    every edge ends at a node, the shapes I -> RA/CA/MA -> I (a CA may also end at an RA), that a
    YA stands between two nodes and that no L-node reaches an I-node but through a YA."""
    if isinstance(document, dict) and isinstance(document.get("AIF"), dict):
        document = document["AIF"]
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        return ["no 'nodes' list"]
    problems: list[str] = []
    types: dict[str, Any] = {}   # each node's "type", as the document has it
    for node in document["nodes"]:
        if not isinstance(node, dict):
            problems.append(f"a node that is not an object: {node!r}")
            continue
        node_id = str(node.get("nodeID"))
        if node_id in types:
            problems.append(f"node {node_id} is defined twice")
        if node.get("type") not in NODE_TYPES:
            problems.append(f"node {node_id} has unknown type {node.get('type')!r}")
        if not isinstance(node.get("text"), str):
            problems.append(f"node {node_id} has no text")
        types[node_id] = node.get("type")
    incoming: dict[str, list[str]] = defaultdict(list)
    outgoing: dict[str, list[str]] = defaultdict(list)
    for edge in _items(document.get("edges")):
        if not isinstance(edge, dict):
            problems.append(f"an edge that is not an object: {edge!r}")
            continue
        start, end = str(edge.get("fromID")), str(edge.get("toID"))
        for end_id in (start, end):
            if end_id not in types:
                problems.append(f"edge {edge.get('edgeID')} ends at unknown node {end_id}")
        outgoing[start].append(end)
        incoming[end].append(start)
    for node_id, kind in types.items():
        ins = [types.get(n) for n in incoming[node_id]]
        outs = [types.get(n) for n in outgoing[node_id]]
        if kind in ("RA", "CA", "MA"):
            # Besides its I-node premises, an RA may be undercut (CA) or anchored in dialogue (YA).
            if any(t not in ("I", "YA", "CA") for t in ins) or "I" not in ins:
                problems.append(f"{kind} node {node_id} has no I-node premise")
            targets = ("I", "RA") if kind == "CA" else ("I",)
            if len([t for t in outs if t in targets]) != 1 or any(t not in targets for t in outs):
                problems.append(f"{kind} node {node_id} does not lead to exactly one "
                                f"{' or '.join(targets)} node")
        elif kind == "YA" and not (ins and outs):
            problems.append(f"YA node {node_id} does not stand between two nodes")
        elif kind == "I" and any(t in ("I", "L") for t in outs):
            problems.append(f"I-node {node_id} is linked straight to an I- or L-node")
        elif kind == "L" and "I" in outs:
            problems.append(f"L-node {node_id} is linked straight to an I-node, not through a YA")
    locutions = [x for x in _items(document.get("locutions")) if isinstance(x, dict)]
    for locution in locutions:
        if str(locution.get("nodeID")) not in types:
            problems.append(f"locution of unknown node {locution.get('nodeID')}")
    people = {str(p.get("participantID")) for p in _items(document.get("participants"))
              if isinstance(p, dict)}
    if people:
        for locution in locutions:
            if str(locution.get("personID")) not in people:
                problems.append(f"locution names unknown participant {locution.get('personID')}")
    return problems


# --- import --------------------------------------------------------------------------------------

_NODE_ID = re.compile(r'"nodeID"\s*:\s*(?:"(?P<text>(?:[^"\\]|\\.)*)"|(?P<number>-?\d+))')
_SAYS = re.compile(r"(?P<name>[^\n]{1,80}?) says ['\u2018\"](?P<text>[\s\S]*?)['\u2019\"]?\s*\Z")
_COLON = re.compile(r"(?P<name>[^:\n]{1,80}?)\s*:\s+(?P<text>[\s\S]+)\Z")


def _speaker_prefix(text: str) -> tuple[str | None, str]:
    """(name, words) from an L-node text `Name : words` or `Name says 'words'`."""
    for pattern in (_SAYS, _COLON):
        if match := pattern.match(text):
            return match["name"].strip(), match["text"].strip()
    return None, text


def from_aif(files: Sequence[tuple[str, str]]) -> Imported:
    """AIF or xAIF documents `(shown path, JSON text)` as maps, one per speaker."""
    graph = ImportGraph(files[0][0] if files else "<aif>")
    fatal = []
    for path, text in files:
        reader = _FileReader(graph, path, text)
        fatal.extend(reader.read())
    imported = graph.build()
    return Imported(corpus=imported.corpus,
                    problems=tuple(sorted((*imported.problems, *fatal), key=lambda p: p.sort_key)))


class _FileReader:
    """One AIF file into the shared graph; node keys are `(path, nodeID)`."""

    def __init__(self, graph: ImportGraph, path: str, text: str) -> None:
        self.graph = graph
        self.path = path
        self.text = text
        self.places: dict[str, tuple[int, int]] = {}
        stem = PurePath(path).stem
        self.file_source = Source(id=slugify(stem, "aif"), title=PurePath(path).name)
        self.file_voice = f"file:{stem}"

    def at(self, node_id: str | None = None) -> Location:
        line, column = self.places.get(node_id, (1, 1)) if node_id is not None else (1, 1)
        return Location(path=self.path, line=line, column=column)

    def key(self, node_id: str) -> Hashable:
        return (self.path, node_id)

    def _locate(self) -> None:
        """Where each nodeID first occurs in the text, for warnings (json keeps no positions)."""
        line, counted = 1, 0
        for match in _NODE_ID.finditer(self.text):
            node_id = match["number"] if match["number"] is not None else json.loads(f'"{match["text"]}"')
            line += self.text.count("\n", counted, match.start())
            counted = match.start()
            if node_id not in self.places:
                column = match.start() - (self.text.rfind("\n", 0, match.start()) + 1) + 1
                self.places[node_id] = (line, column)

    def read(self) -> list:
        try:
            document = json.loads(self.text)
        except ValueError as exc:
            return [error(Location(path=self.path, line=getattr(exc, "lineno", 1),
                                   column=getattr(exc, "colno", 1)), NOT_AIF, f"not JSON: {exc.msg}"
                          if hasattr(exc, "msg") else f"not JSON: {exc}")]
        if isinstance(document, dict) and isinstance(document.get("AIF"), dict):
            if isinstance(document.get("OVA"), dict):
                self._locate()
                self.graph.warn(self.at(), NOT_MAPPED, "the OVA section (the analyst's layout: node "
                                "positions, the analyst's name) is not carried")
            extra = document.get("argmap")
            document = dict(document["AIF"], **({"argmap": extra} if extra else {}))
        if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
            return [error(self.at(), NOT_AIF, "not AIF: no 'nodes' list (nor one under 'AIF')")]
        self._locate()
        self._read(document)
        return []

    def _read(self, document: dict[str, Any]) -> None:
        meta = _object(document.get("argmap"))
        for item in _items(meta.get("sources")):
            if (source := source_from_plain(item)) is not None:
                self.graph.source(source)
        nodes: _Nodes = {}
        for node in document["nodes"]:
            if isinstance(node, dict) and node.get("nodeID") is not None:
                node_id = str(node["nodeID"])
                if node_id in nodes:
                    self.graph.warn(self.at(node_id), NOT_MAPPED, f"node {node_id} is defined twice; "
                                    "the first is kept")
                    continue
                nodes[node_id] = node
        kinds = {i: str(n.get("type", "")).upper() for i, n in nodes.items()}
        incoming: dict[str, list[str]] = defaultdict(list)
        outgoing: dict[str, list[str]] = defaultdict(list)
        for edge in _items(document.get("edges")):
            if not isinstance(edge, dict):
                continue
            start, end = str(edge.get("fromID")), str(edge.get("toID"))
            if start not in nodes or end not in nodes:
                self.graph.warn(self.at(start if start in nodes else None), NOT_MAPPED,
                                f"edge {edge.get('edgeID')} from {start} to {end} names a node that "
                                "does not exist")
                continue
            outgoing[start].append(end)
            incoming[end].append(start)
        speakers = self._speakers(document, nodes, kinds)
        anchors = self._anchors(nodes, kinds, incoming, outgoing, speakers)
        self._propositions(nodes, kinds, anchors, speakers, meta)
        self._relations(nodes, kinds, incoming, outgoing)
        self._voice_metadata(document, nodes, kinds)
        self._left_out(nodes, kinds, incoming, outgoing, anchors)
        self._losses(document, nodes)

    def _losses(self, document: dict[str, Any], nodes: dict[str, Any]) -> None:
        """Name what AIF records and a map cannot hold, at its first place: nothing goes unsaid."""
        stamped = [i for i, n in nodes.items() if n.get("timestamp")]
        if stamped:
            self.graph.warn(self.at(stamped[0]), NOT_MAPPED,
                            f"{len(stamped)} node timestamp(s) not carried: argmap keeps no times "
                            f"(first: node {stamped[0]}, {str(nodes[stamped[0]]['timestamp'])!r})")
        locutions = [x for x in _items(document.get("locutions"))
                     if isinstance(x, dict) and x.get("nodeID") is not None]
        timed = [x for x in locutions if any(x.get(k) for k in ("timestamp", "start", "end"))]
        if timed:
            first = timed[0]
            when = next(str(first[k]) for k in ("timestamp", "start", "end") if first.get(k))
            self.graph.warn(self.at(str(first["nodeID"])), NOT_MAPPED,
                            f"{len(timed)} locution time(s) (timestamp, start, end) not carried: "
                            f"argmap keeps no times (first: node {first['nodeID']}, {when!r})")
        voiced = {str(p.get("participantID")) for p in _items(document.get("participants"))
                  if isinstance(p, dict) and isinstance(p.get("argmap"), dict)}
        people = [x for x in locutions if x.get("personID") is not None
                  and str(x["personID"]) not in voiced]
        ids = sorted({str(x["personID"]) for x in people})
        if ids:
            shown = ", ".join(ids[:5]) + (", \u2026" if len(ids) > 5 else "")
            self.graph.warn(self.at(str(people[0]["nodeID"])), NOT_MAPPED,
                            f"AIF person id(s) {shown} not carried: each speaker becomes a voice "
                            "named after them; the ids themselves are not kept")
        schemes = _items(document.get("schemefulfillments"))
        if schemes:
            first_node = next((str(s.get("nodeID")) for s in schemes if isinstance(s, dict)), None)
            self.graph.warn(self.at(first_node), NOT_MAPPED,
                            f"{len(schemes)} argumentation scheme assignment(s) (schemefulfillments) "
                            "not carried: argmap has no argument schemes")

    # --- speakers --------------------------------------------------------------------------------

    def _speakers(self, document: dict[str, Any], nodes: _Nodes, kinds: dict[str, str]) -> _Speakers:
        """Each L-node's (voice key, quote without the speaker's name)."""
        participants: dict[str, dict[str, Any]] = {}
        for person in _items(document.get("participants")):
            if isinstance(person, dict) and person.get("participantID") is not None:
                participants[str(person["participantID"])] = person
        said_by: dict[str, str] = {}
        for locution in _items(document.get("locutions")):
            if not isinstance(locution, dict) or locution.get("nodeID") is None:
                continue
            node_id, person = str(locution["nodeID"]), locution.get("personID")
            person = None if person is None else str(person)
            if node_id in said_by and person is not None and said_by[node_id] != person:
                self.graph.warn(self.at(node_id), MAPPED_AS, f"L-node {node_id} has locutions by "
                                f"{said_by[node_id]} and {person}; the first is kept")
            if person is not None:
                said_by.setdefault(node_id, person)
        names_of_people: dict[str, str] = {}
        result: dict[str, tuple[Hashable, str]] = {}
        key: Hashable
        for node_id, node in nodes.items():
            if kinds[node_id] != "L":
                continue
            text = str(node.get("text") or "")
            person = said_by.get(node_id)
            participant = participants.get(person) if person is not None else None
            if participant is not None:
                extra = _object(participant.get("argmap"))
                voice = str_or_none(extra.get("voice"))
                authors = authors_from_plain(extra.get("authors"))
                name = _display_name(str(participant.get("firstname") or ""),
                                     str(participant.get("surname") or "")) or f"person {person}"
                quote = text[len(name) + 2:] if text.startswith(name + ": ") else _speaker_prefix(text)[1]
                key = voice if voice else f"person:{person}"
                self.graph.voice(key, name=name, preferred_id=voice, authors=authors,
                                 source=str_or_none(extra.get("source")), declared=bool(voice))
                result[node_id] = (key, quote)
                continue
            speaker, quote = _speaker_prefix(text)
            if person is not None:
                name = names_of_people.setdefault(person, speaker or f"person {person}")
                key = f"person:{person}"
            elif speaker is not None:
                name, key = speaker, f"speaker:{speaker}"
            else:
                key = self.file_voice
                name = PurePath(self.path).stem
            self.graph.voice(key, name=name, preferred_id=None if key != self.file_voice else slugify(name))
            result[node_id] = (key, quote)
        return result

    def _anchors(self, nodes: _Nodes, kinds: dict[str, str], incoming: _Links, outgoing: _Links,
                 speakers: _Speakers) -> _Anchors:
        """Each I-node's locutions: [(L nodeID, YA nodeID)], in file order."""
        anchors: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for node_id in nodes:
            if kinds[node_id] != "YA":
                continue
            sources = [n for n in incoming[node_id] if kinds[n] == "L"]
            targets = [n for n in outgoing[node_id] if kinds[n] == "I"]
            for target in targets:
                for source in sources:
                    anchors[target].append((source, node_id))
        return anchors

    # --- propositions ----------------------------------------------------------------------------

    def _propositions(self, nodes: _Nodes, kinds: dict[str, str], anchors: _Anchors, speakers: _Speakers,
                      meta: dict[str, Any]) -> None:
        for node_id, node in nodes.items():
            if kinds[node_id] != "I":
                continue
            text = str(node.get("text") or "")
            extra = _object(node.get("argmap"))
            where = self.at(node_id)
            if isinstance(extra.get("thesis"), str):
                questions = extra.get("questions")
                self.graph.thesis(self.key(node_id), text=text, location=where,
                                  preferred_id=extra["thesis"], topic=str_or_none(extra.get("topic")),
                                  questions=tuple(q for q in questions if isinstance(q, str))
                                  if isinstance(questions, list) else ())
                continue
            said = [(l_id, ya) for l_id, ya in anchors.get(node_id, []) if l_id in speakers]
            claim_ref = str_or_none(extra.get("claim"))
            if claim_ref and "/" in claim_ref:
                voice_id, claim_id = claim_ref.split("/", 1)
                voice = self.graph.voice(voice_id, name=voice_id, preferred_id=voice_id)
            else:
                claim_id = None
                voice = speakers[said[0][0]][0] if said else self.graph.voice(
                    self.file_voice, name=PurePath(self.path).stem,
                    preferred_id=slugify(PurePath(self.path).stem, "aif"))
            self.graph.claim(self.key(node_id), voice=voice, text=text, location=where,
                             preferred_id=claim_id)
            seen = set()
            for l_id, ya in said:
                speaker, quote = speakers[l_id]
                if speaker != voice:
                    self.graph.warn(self.at(l_id), NOT_MAPPED,
                                    f"L-node {l_id} anchors I-node {node_id}, which belongs to another "
                                    "speaker; its quote is left out")
                    continue
                if l_id in seen:
                    continue
                seen.add(l_id)
                self.graph.evidence(self.key(node_id), self._evidence(nodes[l_id], nodes[ya], quote))

    def _evidence(self, locution: dict[str, Any], anchor: dict[str, Any], quote: str) -> Evidence:
        evidence = evidence_from_plain(locution.get("argmap"), quote=quote)
        if evidence is not None:
            return evidence
        self.graph.source(self.file_source)
        illocution = str(anchor.get("scheme") or anchor.get("text") or "")
        note = None if illocution in ("", "Asserting") or illocution.startswith("YA_") else illocution
        return Evidence(quote=quote, source=self.file_source.id, note=note)

    # --- relations -------------------------------------------------------------------------------

    def _relations(self, nodes: _Nodes, kinds: dict[str, str], incoming: _Links, outgoing: _Links) -> None:
        def premises(node_id: str) -> list[str]:
            return [n for n in incoming[node_id] if kinds[n] == "I"]

        for node_id in nodes:
            kind = kinds[node_id]
            if kind not in ("RA", "CA", "MA"):
                continue
            where = self.at(node_id)
            basis = basis_from_plain(nodes[node_id].get("argmap"))
            sources = premises(node_id)
            targets = [n for n in outgoing[node_id] if kinds[n] in ("I", "RA")]
            if not sources or not targets:
                self.graph.warn(where, NOT_MAPPED, f"{kind} node {node_id} lacks an I-node "
                                f"{'premise' if not sources else 'conclusion'}")
                continue
            for target in targets:
                for source in sources:
                    if kinds[target] == "RA":
                        if kind != "CA":
                            self.graph.warn(where, NOT_MAPPED, f"{kind} node {node_id} points at "
                                            f"RA node {target}; only a CA can (as an undercut)")
                            break
                        for premise in premises(target):
                            for conclusion in (n for n in outgoing[target] if kinds[n] == "I"):
                                self.graph.undercut(self.key(source), self.key(premise),
                                                    self.key(conclusion), where, basis)
                    elif kind == "CA":
                        self.graph.attack(self.key(source), self.key(target), where, basis)
                    else:
                        if kind == "MA":
                            self.graph.warn(where, MAPPED_AS, f"MA node {node_id} (rephrase) is "
                                            "imported as a support")
                        self.graph.support(self.key(source), self.key(target), where, basis)

    def _voice_metadata(self, document: dict[str, Any], nodes: _Nodes, kinds: dict[str, str]) -> None:
        theses = {n.get("argmap", {}).get("thesis"): self.key(i) for i, n in nodes.items()
                  if kinds[i] == "I" and isinstance(n.get("argmap"), dict)
                  and isinstance(n["argmap"].get("thesis"), str)}
        claims = {n.get("argmap", {}).get("claim"): self.key(i) for i, n in nodes.items()
                  if kinds[i] == "I" and isinstance(n.get("argmap"), dict)
                  and isinstance(n["argmap"].get("claim"), str)}
        for person in _items(document.get("participants")):
            extra = person.get("argmap") if isinstance(person, dict) else None
            if not isinstance(extra, dict) or not isinstance(extra.get("voice"), str):
                continue
            voice = extra["voice"]
            self.graph.voice(voice, name=voice, preferred_id=voice,
                             authors=authors_from_plain(extra.get("authors")),
                             source=str_or_none(extra.get("source")),
                             declared=True)
            for thesis, because in _pairs(extra.get("mixed")):
                for claim in because if isinstance(because, list) else ():
                    if thesis in theses and claim in claims:
                        self.graph.stance(claims[claim], theses[thesis], Position.MIXED, self.at())
            order = extra.get("stances")
            if isinstance(order, list):
                self.graph.stance_order(voice, [theses[t] for t in order if isinstance(t, str) and t in theses])
            for thesis, note in _pairs(extra.get("notes")):
                if thesis in theses and isinstance(note, str):
                    self.graph.note(voice, theses[thesis], note)

    def _left_out(self, nodes: _Nodes, kinds: dict[str, str], incoming: _Links, outgoing: _Links,
                  anchors: _Anchors) -> None:
        anchored = {l_id for pairs in anchors.values() for l_id, _ya in pairs}
        anchoring = {ya for pairs in anchors.values() for _l, ya in pairs}
        groups: dict[str, list[str]] = defaultdict(list)
        for node_id in nodes:
            kind = kinds[node_id]
            if kind == "L" and node_id not in anchored:
                groups["L-nodes that anchor no proposition (analysts' copies, dialogue moves)"].append(node_id)
            elif kind == "YA" and node_id not in anchoring:
                groups["YA nodes of the dialogue layer (anchoring RA, CA or L-nodes)"].append(node_id)
            elif kind == "TA":
                groups["TA nodes (dialogue transitions)"].append(node_id)
            elif kind not in NODE_TYPES - {"PA"}:
                groups[f"{kind or 'untyped'} nodes"].append(node_id)
        for what, members in groups.items():
            self.graph.warn(self.at(members[0]), NOT_MAPPED,
                            f"{len(members)} {what} left out (first: node {members[0]})")

