"""The graph view of a corpus: which nodes, edges and clusters a diagram shows, worked out once.

A view is plain data (frozen attrs objects in tuples, sorted by id) so that every exporter draws
the same graph: `render.dot` turns it into DOT, and a GraphML exporter can reuse it unchanged.
Nothing here knows about colours, shapes or text wrapping; that is presentation, left to the
exporter. Node ids are readable and unique by construction, because slugs never contain `/`,
`.` or `>`:

- a claim is its qualified reference `map/claim`;
- a piece of evidence is `map/claim.e1`, `map/claim.e2`, ... in the order the map lists them;
- a thesis is its bare id;
- the point on a support link that an undercut attacks is `map/from>map/to`.

The same ids serve for `--rank-same`, so users name claims as `map/claim` and theses by id.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from argmap.graph import Resolved, graph
from argmap.links import linkable_url
from argmap.model import Basis, Claim, Corpus, Kind, Map, Position, Source, ref

__all__ = [
    "NodeKind", "EdgeKind", "ClusterKind", "ViewKind", "Node", "Edge", "Cluster", "Voice", "View",
    "map_view", "combined_view", "thesis_view", "http_url", "node_ids",
    "COMBINED_NAME", "OVERVIEW_NAME", "thesis_view_name", "overview_view", "map_view_part",
    "part_view_name",
]

# File stems of the views that are not one map's: an underscore never occurs in a slug, so these
# names cannot clash with a map called `combined` or `thesis`.
COMBINED_NAME = "combined_all"
OVERVIEW_NAME = "overview_all"


def thesis_view_name(thesis_id: str) -> str:
    return f"thesis_{thesis_id}"


class NodeKind(str, enum.Enum):
    CLAIM = "claim"
    EVIDENCE = "evidence"
    THESIS = "thesis"
    EXTERNAL = "external"   # a claim of a voice this view does not show, named by a relation
    LINK = "link"           # the point on a support link that an undercut attacks
    VOICE = "voice"         # a whole voice, in the overview


class EdgeKind(str, enum.Enum):
    SUPPORT = "support"
    ATTACK = "attack"
    UNDERCUT = "undercut"
    EVIDENCE = "evidence"
    STANCE = "stance"


class ClusterKind(str, enum.Enum):
    VOICE = "voice"
    TOPIC = "topic"
    THESES = "theses"


class ViewKind(str, enum.Enum):
    MAP = "map"
    COMBINED = "combined"
    THESIS = "thesis"
    OVERVIEW = "overview"


@attrs.frozen(kw_only=True)
class Node:
    """One thing drawn. `text` is always the full text; the exporter decides how much to show."""

    id: str
    kind: NodeKind
    text: str = ""
    voice: str | None = None
    evidence_kind: Kind | None = None
    source: str | None = None
    url: str | None = None
    topic: str | None = None
    evidence_count: int = 0
    claim_count: int = 0     # a VOICE: how many claims it has


@attrs.frozen(kw_only=True)
class Edge:
    """A relation from `tail` to `head`: supports, attacks, undercuts, is evidence for, or
    takes a stance on (with its `position`).

    A support link that an undercut attacks is two SUPPORT edges through a LINK node, which is
    where the UNDERCUT edge ends. `cross` says the two ends belong to different voices; `basis`
    whose relation it is when it reaches another voice ("contrast": the mapper's; "reply").
    """

    tail: str
    head: str
    kind: EdgeKind
    position: Position | None = None
    cross: bool = False
    basis: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.tail, self.head, self.kind.value, self.position.value if self.position else "")


@attrs.frozen(kw_only=True)
class Voice:
    """A voice shown in a view; `colour` is its place among all the corpus's voices, so a voice
    keeps its colour in every diagram."""

    id: str
    name: str
    colour: int


@attrs.frozen(kw_only=True)
class Cluster:
    id: str
    kind: ClusterKind
    label: str
    nodes: tuple[str, ...]
    voice: str | None = None


@attrs.frozen(kw_only=True)
class View:
    """Everything one diagram shows; `name` is the file stem it is written under."""

    name: str
    kind: ViewKind
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    clusters: tuple[Cluster, ...] = ()
    voices: tuple[Voice, ...] = ()

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)


http_url = linkable_url   # the one URL rule (argmap/links.py)


def node_ids(corpus: Corpus) -> set[str]:
    """The ids a user may name in `--rank-same`: every claim as `map/claim`, every thesis."""
    return {ref(m.id, c.id) for m, c in corpus.claims()} | {t.id for t in corpus.theses}


# --- building ------------------------------------------------------------------------------------

class _Builder:
    """Collects nodes and edges for one view; duplicates merge, output is sorted."""

    def __init__(self, corpus: Corpus, *, evidence: bool) -> None:
        self.corpus = corpus
        self.evidence = evidence
        self.graph = graph(corpus)
        self.index = self.graph.by_ref
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str, str, str], Edge] = {}
        self.undercut_links: set[tuple[str, str]] = set()
        self.supports: set[tuple[str, str]] = set()
        self.support_bases: dict[tuple[str, str], str] = {}

    def voice_of(self, node_id: str) -> str | None:
        node = self.nodes.get(node_id)
        return node.voice if node else None

    def add_claim(self, voice: Map, claim: Claim) -> str:
        node_id = ref(voice.id, claim.id)
        url = self.source_url(voice, claim)
        self.nodes[node_id] = Node(id=node_id, kind=NodeKind.CLAIM, text=claim.text, voice=voice.id,
                                   url=url, evidence_count=len(claim.evidence))
        if self.evidence:
            for number, item in enumerate(claim.evidence, start=1):
                source_id = voice.source_of(item)
                source = self.corpus.source(source_id) if source_id else None
                evidence_id = f"{node_id}.e{number}"
                self.nodes[evidence_id] = Node(
                    id=evidence_id, kind=NodeKind.EVIDENCE, text=item.quote, voice=voice.id,
                    evidence_kind=item.kind, url=http_url(source.url if source else None),
                    source=_source_name(source) if source else source_id)
                self.add_edge(evidence_id, node_id, EdgeKind.EVIDENCE)
        return node_id

    def add_external(self, reference: str) -> str:
        """A claim named by a relation, drawn as a claim of another voice unless already shown."""
        if reference not in self.nodes:
            found = self.index[reference]
            voice, claim = found.voice, found.claim
            self.nodes[reference] = Node(id=reference, kind=NodeKind.EXTERNAL, text=claim.text,
                                         voice=voice.id, url=self.source_url(voice, claim))
        return reference

    def add_thesis(self, thesis_id: str) -> str:
        thesis = self.corpus.thesis(thesis_id)
        if thesis is not None and thesis_id not in self.nodes:
            self.nodes[thesis_id] = Node(id=thesis_id, kind=NodeKind.THESIS, text=thesis.text,
                                         topic=thesis.topic)
        return thesis_id

    def add_edge(self, tail: str, head: str, kind: EdgeKind,
                 position: Position | None = None, basis: Basis | None = None) -> None:
        edge = Edge(tail=tail, head=head, kind=kind, position=position,
                    basis=basis.value if basis else None)
        self.edges.setdefault(edge.key, edge)

    def add_relations(self, voice: Map, claim: Claim, *,
                      keep: Callable[[str], bool] | None = None) -> None:
        """The claim's supports, attacks and undercuts; `keep(reference)` limits the other ends
        to claims in the view (else they are added as claims of another voice)."""
        resolved: Resolved = self.graph.of(voice, claim)
        here = resolved.ref

        def target(qualified: str) -> str | None:
            if qualified not in self.index:
                return None          # a checked corpus has none; an unchecked one just loses it
            if keep is not None:
                return qualified if keep(qualified) else None
            return qualified if qualified in self.nodes else self.add_external(qualified)

        for qualified, relation in resolved.supports:
            if (head := target(qualified)) is not None:
                self.supports.add((here, head))
                if relation.basis is not None:
                    self.support_bases[(here, head)] = relation.basis.value
        for qualified, relation in resolved.attacks:
            if (head := target(qualified)) is not None:
                self.add_edge(here, head, EdgeKind.ATTACK, basis=relation.basis)
        for undercut in resolved.undercuts:
            start, end = target(undercut.premise), target(undercut.conclusion)
            if start is not None and end is not None:
                self.supports.add((start, end))
                self.undercut_links.add((start, end))
                self.add_edge(here, link_id(start, end), EdgeKind.UNDERCUT,
                              basis=undercut.undercut.basis)

    def add_stance_edges(self, voice: Map, thesis_id: str) -> None:
        resolved = self.graph.stance(voice, thesis_id)
        if resolved is None or self.corpus.thesis(thesis_id) is None:
            return
        self.add_thesis(thesis_id)
        for claim_ref in resolved.because:
            if claim_ref in self.nodes:
                self.add_edge(claim_ref, thesis_id, EdgeKind.STANCE, resolved.stance.position)

    def finish_supports(self) -> None:
        """Supports become edges; one that an undercut attacks is split by a LINK node."""
        for start, end in sorted(self.supports):
            basis = self.support_bases.get((start, end))
            whose = Basis(basis) if basis else None
            if (start, end) in self.undercut_links:
                joint = link_id(start, end)
                self.nodes[joint] = Node(id=joint, kind=NodeKind.LINK, voice=self.voice_of(start))
                self.add_edge(start, joint, EdgeKind.SUPPORT, basis=whose)
                self.add_edge(joint, end, EdgeKind.SUPPORT, basis=whose)
            else:
                self.add_edge(start, end, EdgeKind.SUPPORT, basis=whose)

    def view(self, *, name: str, kind: ViewKind, title: str,
             clusters: Iterable[Cluster] = ()) -> View:
        self.finish_supports()
        edges = []
        for edge in sorted(self.edges.values(), key=lambda e: e.key):
            tail_voice, head_voice = self.voice_of(edge.tail), self.voice_of(edge.head)
            cross = tail_voice is not None and head_voice is not None and tail_voice != head_voice
            edges.append(attrs.evolve(edge, cross=cross))
        shown = sorted({n.voice for n in self.nodes.values() if n.voice})
        ordered = sorted(m.id for m in self.corpus.maps)
        colours = {map_id: number for number, map_id in enumerate(ordered)}
        voices = tuple(Voice(id=v, name=voice.name, colour=colours[v]) for v in shown
                       if (voice := self.corpus.map(v)) is not None)
        return View(name=name, kind=kind, title=title,
                    nodes=tuple(sorted(self.nodes.values(), key=lambda n: n.id)),
                    edges=tuple(edges), clusters=tuple(sorted(clusters, key=lambda c: c.id)),
                    voices=voices)

    def source_url(self, voice: Map, claim: Claim) -> str | None:
        """A claim links to its map's default source, else to the source of its first evidence."""
        for source_id in (voice.source, *(e.source for e in claim.evidence)):
            source = self.corpus.source(source_id) if source_id else None
            if source is not None and http_url(source.url):
                return source.url
        return None


def link_id(start: str, end: str) -> str:
    return f"{start}>{end}"


def _source_name(source: Source) -> str:
    return source.title or source.id


def sorted_maps(corpus: Corpus, ids: Sequence[str] | None) -> list[Map]:
    wanted = None if ids is None else set(ids)
    return sorted((m for m in corpus.maps if wanted is None or m.id in wanted), key=lambda m: m.id)


def map_view(corpus: Corpus, map_id: str, *, evidence: bool = True) -> View:
    """One voice: its claims (and their evidence), the theses it takes a stance on, and the
    claims of other voices its relations name."""
    voice = corpus.map(map_id)
    if voice is None:
        raise KeyError(map_id)
    builder = _Builder(corpus, evidence=evidence)
    claims = sorted(voice.claims, key=lambda c: c.id)
    for claim in claims:
        builder.add_claim(voice, claim)
    for claim in claims:
        builder.add_relations(voice, claim)
    for stance in sorted(voice.stances, key=lambda s: s.thesis):
        builder.add_stance_edges(voice, stance.thesis)
    return builder.view(name=voice.id, kind=ViewKind.MAP, title=voice.name)


def part_view_name(map_id: str, number: int) -> str:
    """A part of a voice's view too big for one screen; `_` keeps it apart from any map id."""
    return f"part_{map_id}_{number}"


def map_view_part(corpus: Corpus, map_id: str, claims: Iterable[str], theses: Iterable[str], *,
                  number: int, count: int) -> View:
    """Part `number` of `count` of a voice's view: the named claims (by id), the relations
    among them, and the stances on the named theses that they give as reasons."""
    voice = corpus.map(map_id)
    if voice is None:
        raise KeyError(map_id)
    wanted = set(claims)
    builder = _Builder(corpus, evidence=False)
    shown = sorted((c for c in voice.claims if c.id in wanted), key=lambda c: c.id)
    for claim in shown:
        builder.add_claim(voice, claim)
    kept = {ref(voice.id, c.id) for c in shown}
    for claim in shown:
        builder.add_relations(voice, claim, keep=kept.__contains__)
    for thesis_id in sorted(set(theses)):
        builder.add_stance_edges(voice, thesis_id)
    return builder.view(name=part_view_name(voice.id, number), kind=ViewKind.MAP,
                        title=f"{voice.name} ({number} of {count})")


def combined_view(corpus: Corpus, map_ids: Sequence[str] | None = None, *, group_by: str = "voice",
                  evidence: bool = False) -> View:
    """Several voices (all by default) around the theses: every thesis when all voices are
    shown, else the theses the shown voices take a stance on."""
    voices = sorted_maps(corpus, map_ids)
    builder = _Builder(corpus, evidence=evidence)
    for voice in voices:
        for claim in voice.claims:
            builder.add_claim(voice, claim)
    for voice in voices:
        for claim in sorted(voice.claims, key=lambda c: c.id):
            builder.add_relations(voice, claim)
    if map_ids is None:
        for thesis in corpus.theses:
            builder.add_thesis(thesis.id)
    for voice in voices:
        for stance in sorted(voice.stances, key=lambda s: s.thesis):
            builder.add_stance_edges(voice, stance.thesis)
    title = "All voices" if map_ids is None else ", ".join(m.name for m in voices)
    clusters = _clusters(builder, voices, group_by)
    return builder.view(name=COMBINED_NAME, kind=ViewKind.COMBINED, title=title, clusters=clusters)


def thesis_view(corpus: Corpus, thesis_id: str, map_ids: Sequence[str] | None = None, *,
                group_by: str = "voice", evidence: bool = True) -> View:
    """What bears on one thesis: each voice's stance on it, the claims it cites, and the
    relations among those claims (nothing that leads outside them)."""
    thesis = corpus.thesis(thesis_id)
    if thesis is None:
        raise KeyError(thesis_id)
    builder = _Builder(corpus, evidence=evidence)
    stances = [s for m in sorted_maps(corpus, map_ids) if (s := builder.graph.stance(m, thesis_id))]
    voices = [s.voice for s in stances]
    builder.add_thesis(thesis_id)
    cited = {qualified for s in stances for qualified in s.because if qualified in builder.index}
    for qualified in sorted(cited):
        found = builder.index[qualified]
        builder.add_claim(found.voice, found.claim)
    for qualified in sorted(cited):
        found = builder.index[qualified]
        builder.add_relations(found.voice, found.claim, keep=cited.__contains__)
    for voice in voices:
        builder.add_stance_edges(voice, thesis_id)
    clusters = _clusters(builder, voices, "none" if group_by == "none" else "voice", theses=False)
    return builder.view(name=thesis_view_name(thesis_id), kind=ViewKind.THESIS,
                        title=f"{thesis.text} [{thesis.id}]", clusters=clusters)


def overview_view(corpus: Corpus, map_ids: Sequence[str] | None = None, *,
                  voice_files: Mapping[str, str] | None = None) -> View:
    """The whole debate at a glance: each voice and each thesis once, one edge per stance
    (from the voice to the thesis, with its position). Every thesis when all voices are shown,
    else the theses the shown voices take a stance on. `voice_files`: the file each voice's
    node links to (its first part when it is drawn in parts), else `<voice>.svg`."""
    voices = sorted_maps(corpus, map_ids)
    builder = _Builder(corpus, evidence=False)
    for voice in voices:
        builder.nodes[f"voice.{voice.id}"] = Node(
            id=f"voice.{voice.id}", kind=NodeKind.VOICE, text=voice.name, voice=voice.id,
            claim_count=len(voice.claims),
            url=(voice_files or {}).get(voice.id, f"{voice.id}.svg"))
    if map_ids is None:
        for thesis in corpus.theses:
            builder.add_thesis(thesis.id)
    for voice in voices:
        for stance in sorted(voice.stances, key=lambda s: s.thesis):
            if corpus.thesis(stance.thesis) is not None:
                builder.add_thesis(stance.thesis)
                builder.add_edge(f"voice.{voice.id}", stance.thesis, EdgeKind.STANCE,
                                 stance.position)
    title = "All voices" if map_ids is None else ", ".join(m.name for m in voices)
    return builder.view(name=OVERVIEW_NAME, kind=ViewKind.OVERVIEW, title=title)


def _clusters(builder: _Builder, voices: Sequence[Map], group_by: str, *,
              theses: bool = True) -> list[Cluster]:
    nodes = builder.nodes
    if group_by == "voice":
        members: dict[str, list[str]] = defaultdict(list)
        for node in nodes.values():
            if node.voice and node.kind is not NodeKind.EXTERNAL:
                members[node.voice].append(node.id)
        # LINK nodes are added when the view is finished; they join their voice's cluster there.
        for start, end in builder.undercut_links:
            voice = builder.voice_of(start)
            if voice and nodes[start].kind is not NodeKind.EXTERNAL:
                members[voice].append(link_id(start, end))
        clusters = [Cluster(id=f"voice:{v.id}", kind=ClusterKind.VOICE, label=v.name, voice=v.id,
                            nodes=tuple(sorted(members[v.id]))) for v in voices if members[v.id]]
        thesis_nodes = sorted(n.id for n in nodes.values() if n.kind is NodeKind.THESIS)
        if theses and thesis_nodes:
            clusters.append(Cluster(id="theses", kind=ClusterKind.THESES, label="Theses",
                                    nodes=tuple(thesis_nodes)))
        return clusters
    if group_by == "topic":
        return _topic_clusters(builder)
    return []


def _topic_clusters(builder: _Builder) -> list[Cluster]:
    """A cluster per thesis topic: its theses, and the claims cited only for theses of that topic
    (with their evidence). Claims cited across topics, or for none, stay outside."""
    nodes = builder.nodes
    topic_of = {n.id: n.topic for n in nodes.values() if n.kind is NodeKind.THESIS and n.topic}
    claim_topics: dict[str, set[str | None]] = defaultdict(set)
    for edge in builder.edges.values():
        if edge.kind is EdgeKind.STANCE:
            claim_topics[edge.tail].add(topic_of.get(edge.head))
    evidence: dict[str, list[str]] = defaultdict(list)
    for edge in builder.edges.values():
        if edge.kind is EdgeKind.EVIDENCE:
            evidence[edge.head].append(edge.tail)
    members: dict[str, list[str]] = defaultdict(list)
    for thesis_id, topic in topic_of.items():
        members[topic].append(thesis_id)
    for claim_id, topics in claim_topics.items():
        if len(topics) == 1 and (only := next(iter(topics))) is not None:
            members[only].append(claim_id)
            members[only].extend(evidence[claim_id])
    return [Cluster(id=f"topic:{number}", kind=ClusterKind.TOPIC, label=topic,
                    nodes=tuple(sorted(members[topic])))
            for number, topic in enumerate(sorted(members))]
