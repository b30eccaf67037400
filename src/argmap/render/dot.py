"""DOT from a graph view: pure functions, no files, no `dot` run (that is `argmap.write`'s job),
no process of its own (a caller may lend one: `map_halves`).

Text reaches DOT through `argmap.render.dotlang`, which escapes it for each place it goes.

Colours: voices take Paul Tol's colour-blind-safe "light" palette (in the order of the corpus's
sorted voice ids, so a voice keeps its colour in every diagram); relations take Okabe-Ito colours
and, so they read in grey print too, each has its own line style and arrowhead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from argmap.model import Basis, Kind, Position
from argmap.render.dotlang import (  # re-exported: callers draw with dot.to_dot's options
    DEFAULT_FONT,
    VOICE_PALETTE,
    DotOptions,
    _lines,
    _pin,
    _string,
    _url,
    shorten,
    wrap,
)
from argmap.render.view import Cluster, ClusterKind, Edge, EdgeKind, Node, NodeKind, View, ViewKind
from argmap.wording import STANCE_REASON, phrase

if TYPE_CHECKING:
    from graphviz import Digraph

__all__ = ["DotOptions", "MapHalves", "to_dot", "wrap", "shorten", "VOICE_PALETTE", "DEFAULT_FONT"]

# Okabe-Ito colours for relations.
_BLUE, _VERMILLION, _GREEN, _PURPLE, _ORANGE, _GREY = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#777777")
_MUTED, _DARK = "#555555", "#333333"   # small text on white, and on a voice's colour

_POSITION_COLOURS = {Position.AGREE: _GREEN, Position.DISAGREE: _PURPLE, Position.MIXED: _ORANGE}

_EDGE_STYLES: dict[EdgeKind, dict[str, str]] = {
    EdgeKind.SUPPORT: {"color": _BLUE, "style": "solid", "penwidth": "1.2", "arrowhead": "normal"},
    EdgeKind.ATTACK: {"color": _VERMILLION, "style": "solid", "penwidth": "2", "arrowhead": "tee"},
    EdgeKind.UNDERCUT: {"color": _VERMILLION, "style": "dotted", "penwidth": "2",
                        "arrowhead": "tee"},
    EdgeKind.EVIDENCE: {"color": _GREY, "style": "solid", "penwidth": "0.8", "arrowhead": "dot",
                        "arrowsize": "0.6"},
    EdgeKind.STANCE: {"style": "dashed", "penwidth": "1.4", "arrowhead": "empty"},
}

# The mapper's contrast: dashed, thin and grey, with no arrowhead (it is symmetric and nobody's
# rebuttal), never heavier than a voice's own reasoning; the legend names it and the tooltip
# words it. (A label on the line itself upsets dot's routing of edges between clusters.)
_CONTRAST_STYLE = {"color": _MUTED, "style": "dashed", "penwidth": "1.2", "arrowhead": "none"}

_KIND_WORDS = {Kind.REPORTED: "reported", Kind.STATISTIC: "statistic", Kind.EVENT: "event",
               Kind.SURVEY: "survey"}

_VERBS = {EdgeKind.SUPPORT: "supports", EdgeKind.ATTACK: "attacks",
          EdgeKind.UNDERCUT: "undercuts the support link", EdgeKind.EVIDENCE: "is evidence for",
          EdgeKind.STANCE: "is a reason for the stance on"}


def to_dot(view: View, *, options: DotOptions = DotOptions(),
           map_halves: MapHalves | None = None) -> str:
    """The view as DOT text; the same view and options always give the same bytes.

    `map_halves` maps a function over the two halves of a detailed view's statements: one after
    the other by default; the commands that draw large views pass `forked.map_in_halves`,
    which does one half in a helper process."""
    import graphviz

    if options.screen or view.kind is ViewKind.OVERVIEW:
        from argmap.render.screen import screen_dot

        return screen_dot(view, options)

    graph = graphviz.Digraph(name=view.name)
    graph.attr("graph", **_graph_attributes(view, options))
    graph.attr("node", fontname=options.fontname, fontsize="11", margin="0.12,0.06")
    graph.attr("edge", fontname=options.fontname, fontsize="9")

    look = _Look(view, options)
    lower = _lower_voices(view)
    nodes = {n.id: n for n in view.nodes}
    node_lines, edge_lines = _statements(view, look, nodes, lower, map_halves or _in_order)
    clustered = set()
    for cluster in view.clusters:
        with graph.subgraph(name=f"cluster_{cluster.id}") as sub:
            sub.attr(**_cluster_attributes(cluster, look.palette))
            if cluster.kind is ClusterKind.THESES and lower:
                sub.attr(rank="same")   # one row of theses, voices above and below it
            for node_id in cluster.nodes:
                if node_id in nodes:
                    sub.body.append(node_lines[node_id])
                    clustered.add(node_id)
    graph.body.extend(node_lines[n.id] for n in view.nodes if n.id not in clustered)

    drawn = []
    for tail, head, constrained, line in edge_lines:
        graph.body.append(line)
        if constrained:
            drawn.append((tail, head))
    lines = _Statements()
    for tail, head in _anchors(view, lower, drawn):
        graph.body.append(lines.edge(tail, head, {"style": "invis", "weight": "0",
                                                  "class": "layout"}))

    shown = {n.id for n in view.nodes}
    for group in options.rank_same:
        members = [node_id for node_id in dict.fromkeys(group) if node_id in shown]
        if len(members) > 1:
            with graph.subgraph() as sub:
                sub.attr(rank="same")
                for node_id in members:
                    sub.node(node_id)
    pinned = [(node_id, rank) for node_id, rank in options.pins if node_id in shown]
    if pinned:
        _pin(graph, pinned)

    if options.legend:
        _legend(graph, view, look.palette)
    return graph.source


_EdgeLine = tuple[str, str, bool, str]   # tail, head, constrains the layout, statement
_Part = tuple[Sequence[Node], Sequence[Edge]]
_Done = tuple[list[str], list[_EdgeLine]]
# (function, halves, weigh) -> [function(half) for half in halves], however the caller runs them
MapHalves = Callable[[Callable[[_Part], _Done], Sequence[_Part], Callable[[_Part], int]], list[_Done]]


def _in_order(function: Callable[[_Part], _Done], halves: Sequence[_Part],
              _weigh: Callable[[_Part], int]) -> list[_Done]:
    return [function(half) for half in halves]


def _statements(view: View, look: _Look, nodes: dict[str, Node], lower: set[str],
                map_halves: MapHalves) -> tuple[dict[str, str], list[_EdgeLine]]:
    """Every node's statement by id, and every edge's (tail, head, constrains the layout,
    statement) in order, made in two halves that `map_halves` may run side by side: the
    statements are most of DOT generation, and independent."""

    def statements(part: _Part) -> _Done:
        part_nodes, part_edges = part
        lines = _Statements()
        node_lines = [lines.node(node.id, _node_attributes(node, look)) for node in part_nodes]
        edge_lines: list[_EdgeLine] = []
        for edge in part_edges:
            tail, head, attributes = _edge_attributes(edge, nodes, lower)
            edge_lines.append((tail, head, attributes.get("constraint") != "false",
                               lines.edge(tail, head, attributes)))
        return node_lines, edge_lines

    half_nodes, half_edges = len(view.nodes) // 2, len(view.edges) // 2
    parts = ((view.nodes[:half_nodes], view.edges[:half_edges]),
             (view.nodes[half_nodes:], view.edges[half_edges:]))
    done = map_halves(statements, parts,
                      lambda part: sum(len(node.text) for node in part[0]) + 64 * len(part[1]))
    node_lines: dict[str, str] = {}
    for (part_nodes, _edges), (lines, _edge_lines) in zip(parts, done, strict=True):
        node_lines.update(zip((node.id for node in part_nodes), lines, strict=True))
    return node_lines, [edge for _lines, edge_lines in done for edge in edge_lines]


_UNIQUE = frozenset({"label", "tooltip", "id", "URL"})


class _Statements:
    """Node and edge statements exactly as `Digraph.node` and `Digraph.edge` write them (label
    first, then the other attributes sorted), quoted by the graphviz package's own `quote`, but
    each distinct string quoted once: a diagram of 10,000 claims repeats a few dozen attribute
    names and values some 300,000 times, and quoting them call by call was over half of DOT
    generation (docs/performance.md). tests/test_render.py checks the lines against the package's.
    """

    def __init__(self) -> None:
        from graphviz import quoting

        self._quote, self._quote_edge = quoting.quote, quoting.quote_edge
        self._quoted: dict[tuple[type, str], str] = {}
        self._ends: dict[str, str] = {}

    def quote(self, text: str) -> str:
        key = (type(text), text)   # `nohtml("<b>")` and "<b>" are equal but quoted differently
        quoted = self._quoted.get(key)
        if quoted is None:
            quoted = self._quoted[key] = self._quote(text)
        return quoted

    def _unique(self, text: str) -> str:
        """A label, tooltip or id, which no other statement repeats, so memoising it is waste.

        Two shapes take a short cut that gives what `quote` gives: an HTML-like label passes
        through; a text with a space, `/` or `:` (never a DOT ID) and no `"` or final backslash
        (nothing to escape or warn about) is put in quotes. A long tooltip spent most of its
        time in `quote`'s backslash scan.
        """
        if type(text) is str and text[:1] == "<" and text[-1:] == ">":
            return text
        if ('"' not in text and text[-1:] != "\\"
                and (" " in text or "/" in text or ":" in text)):
            return f'"{text}"'
        return self._quote(text)

    def _attributes(self, attributes: dict) -> str:
        quote, unique = self.quote, self._unique
        label = attributes.get("label")
        parts = [f"label={unique(label)}"] if label is not None else []
        parts += [f"{quote(key)}={unique(value) if key in _UNIQUE else quote(value)}"
                  for key, value in sorted(attributes.items())
                  if key != "label" and value is not None]
        return f" [{' '.join(parts)}]" if parts else ""

    def node(self, name: str, attributes: dict) -> str:
        return f"\t{self.quote(name)}{self._attributes(attributes)}\n"

    def edge(self, tail: str, head: str, attributes: dict) -> str:
        ends = self._ends
        if tail not in ends:
            ends[tail] = self._quote_edge(tail)
        if head not in ends:
            ends[head] = self._quote_edge(head)
        return f"\t{ends[tail]} -> {ends[head]}{self._attributes(attributes)}\n"


def _small(lines: Sequence[str], colour: str = _MUTED) -> str:
    """Secondary text (ids, sources) in a smaller font; wrap it with `_footer_width`."""
    return f'<FONT POINT-SIZE="9" COLOR="{colour}">{_lines(lines)}</FONT>'


def _footer_width(width: int) -> int:
    """The small font fits about a quarter more columns in the same space."""
    return width + width // 4


def _label(*parts: str) -> str:
    """An HTML-like label: the `graphviz` package passes `<...>` through unquoted."""
    return "<" + "<BR/>".join(p for p in parts if p) + ">"


# --- nodes ---------------------------------------------------------------------------------------

def _tint(colour: str, amount: float = 0.3) -> str:
    """`colour` mixed with white: `amount` of the colour is kept."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02X}" for c in (red, green, blue))


class _Look:
    """What every node's attributes depend on besides the node, worked out once per view."""

    def __init__(self, view: View, options: DotOptions) -> None:
        self.view_kind = view.kind
        self.options = options
        self.palette = {v.id: VOICE_PALETTE[v.colour % len(VOICE_PALETTE)] for v in view.voices}
        self.names = {v.id: v.name for v in view.voices}
        self.evidence_shown = any(n.kind is NodeKind.EVIDENCE for n in view.nodes)


def _node_attributes(node: Node, look: _Look) -> dict:
    options = look.options
    width = options.wrap
    small = _footer_width(width)
    fill = look.palette.get(node.voice or "", "#FFFFFF")
    voice_name = look.names.get(node.voice or "", node.voice or "")
    attributes: dict = {"id": _string(f"node-{node.id}"), "class": f"{node.kind.value}"}
    if node.voice:
        attributes["class"] += f" voice-{node.voice}"
    if node.kind is NodeKind.CLAIM:
        shown_id = node.id.partition("/")[2] if look.view_kind is ViewKind.MAP else node.id
        footer = shown_id
        if node.evidence_count and not look.evidence_shown:
            footer += f" · {node.evidence_count} quote{'s' * (node.evidence_count != 1)}"
        attributes.update(shape="box", style="rounded,filled", fillcolor=fill, color="#333333",
                          label=_label(_lines(wrap(node.text, width)),
                                       _small(wrap(footer, small), _DARK)),
                          tooltip=_string(f"{node.id}: {node.text}"))
    elif node.kind is NodeKind.EVIDENCE:
        quote = shorten(node.text, width, options.quote_lines)
        if quote:
            quote[0] = "“" + quote[0]
            quote[-1] = quote[-1] + ("" if quote[-1].endswith("…") else "”")
        kind = _KIND_WORDS.get(node.evidence_kind) if node.evidence_kind else None
        source = f"— {node.source or 'unknown source'}" + (f" ({kind})" if kind else "")
        attributes.update(shape="note", style="filled", fillcolor="#FFFFFF", color=_GREY,
                          fontsize="10",
                          label=_label(f"<I>{_lines(quote)}</I>",
                                       _small(shorten(source, small, 2))),
                          tooltip=_string(f"“{node.text}”\n{source}"))
    elif node.kind is NodeKind.THESIS:
        attributes.update(shape="hexagon", style="filled,bold", fillcolor="#FFFFFF",
                          color="#222222",
                          label=_label(f"<B>{_lines(wrap(node.text, width))}</B>",
                                       _small(wrap(f"thesis · {node.id}", small))),
                          tooltip=_string(f"Thesis {node.id}: {node.text}"))
    elif node.kind is NodeKind.EXTERNAL:
        attributes.update(shape="box", style="rounded,dashed,filled", fillcolor=_tint(fill, 0.35),
                          color=_GREY, fontcolor="#333333",
                          label=_label(_lines(shorten(node.text, width, 4)),
                                       _small(wrap(f"{voice_name} · {node.id}", small), _DARK)),
                          tooltip=_string(f"{voice_name}, {node.id}: {node.text}"))
    else:
        attributes.update(shape="point", width="0.09", color=_BLUE, label="",
                          tooltip=_string(f"the support link {node.id.replace('>', ' → ')}"))
    if node.url:
        attributes.update(URL=_url(node.url), target="_blank")
    return attributes


def _cluster_attributes(cluster: Cluster, palette: dict[str, str]) -> dict[str, str]:
    if cluster.kind is ClusterKind.VOICE:
        colour = palette.get(cluster.voice or "", "#DDDDDD")
        return {"label": _label(f"<B>{_lines([cluster.label])}</B>"), "style": "rounded,filled",
                "fillcolor": _tint(colour, 0.3), "color": colour, "penwidth": "2",
                "id": _string(f"cluster-{cluster.id}"), "class": f"voice voice-{cluster.voice}"}
    return {"label": _label(f"<B>{_lines([cluster.label])}</B>"), "style": "rounded,dashed",
            "color": "#999999", "id": _string(f"cluster-{cluster.id}"),
            "class": cluster.kind.value}


# --- edges ---------------------------------------------------------------------------------------

def _lower_voices(view: View) -> set[str]:
    """In a view grouped by voice, every second voice is laid out below the theses (its edges
    are drawn reversed, `dir=back`), so the theses sit in the middle."""
    voices = [c.voice for c in view.clusters if c.kind is ClusterKind.VOICE and c.voice]
    return set(voices[1::2])


def _anchors(view: View, lower: set[str], drawn: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Invisible edges that keep every node of a voice on its side of the row of theses: a node
    of a voice above with no edge going down, or of a voice below with none coming down to it,
    would otherwise float to the top rank."""
    theses = next((c.nodes for c in view.clusters if c.kind is ClusterKind.THESES), ())
    if not lower or not theses:
        return []
    anchor = theses[0]
    tails, heads = {t for t, _h in drawn}, {h for _t, h in drawn}
    edges = []
    for cluster in view.clusters:
        if cluster.kind is not ClusterKind.VOICE:
            continue
        for node_id in cluster.nodes:
            if cluster.voice in lower and node_id not in heads:
                edges.append((anchor, node_id))
            elif cluster.voice not in lower and node_id not in tails:
                edges.append((node_id, anchor))
    return edges


def _edge_attributes(edge: Edge, nodes: dict[str, Node], lower: set[str]) -> tuple[str, str, dict[str, str]]:
    kinds = {node_id: nodes[node_id].kind for node_id in (edge.tail, edge.head) if node_id in nodes}
    attributes = dict(_EDGE_STYLES[edge.kind])
    attributes["class"] = " ".join([edge.kind.value]
                                   + ([edge.position.value] if edge.position else [])
                                   + (["cross"] if edge.cross else [])
                                   + ([edge.basis] if edge.basis else []))
    attributes["id"] = _string(f"edge-{edge.kind.value}:{edge.tail}:{edge.head}")
    verb = _VERBS[edge.kind]
    if edge.basis is not None and edge.kind.value in ("support", "attack", "undercut"):
        whose = Basis(edge.basis)
        verb = "is " + phrase(edge.kind.value, whose) if whose is Basis.CONTRAST \
            else phrase(edge.kind.value, whose)
        if whose is Basis.CONTRAST:
            attributes.update(_CONTRAST_STYLE)
    if edge.kind is EdgeKind.STANCE and edge.position is not None:
        colour = _POSITION_COLOURS[edge.position]
        # the word in dark ink: the line's colour as text would be 2.3-3.4:1 on white
        attributes.update(color=colour, fontcolor=_DARK, label=edge.position.value)
        verb = STANCE_REASON[edge.position]
    attributes["tooltip"] = _string(f"{edge.tail.replace('>', ' → ')} {verb} "
                                    f"{edge.head.replace('>', ' → ')}")
    if edge.kind is EdgeKind.SUPPORT and kinds.get(edge.head) is NodeKind.LINK:
        attributes["arrowhead"] = "none"
    tail_voice = nodes[edge.tail].voice if edge.tail in nodes else None
    both_clustered = NodeKind.EXTERNAL not in (kinds.get(edge.tail), kinds.get(edge.head))
    if lower and edge.cross and both_clustered:
        attributes["constraint"] = "false"
    elif tail_voice in lower:
        attributes["dir"] = "back"
        attributes["arrowtail"] = attributes.pop("arrowhead")
        return edge.head, edge.tail, attributes
    return edge.tail, edge.head, attributes


# --- graph and legend ----------------------------------------------------------------------------

def _graph_attributes(view: View, options: DotOptions) -> dict:
    title = wrap(view.title, max(options.wrap * 3, 40))
    attributes = {
        "layout": options.engine, "rankdir": options.rankdir, "newrank": "true",
        "fontname": options.fontname, "fontsize": "16", "labelloc": "t",
        "label": _label(f"<B>{_lines(title)}</B>"), "outputorder": "edgesfirst",
        "nodesep": "0.3", "ranksep": "0.45", "pad": "0.2", "id": _string(f"graph-{view.name}"),
        "class": f"argmap {view.kind.value}",
    }
    if options.engine != "dot":
        attributes.update(overlap="false", splines="true", sep="+6")
    return attributes


def _legend(graph: Digraph, view: View, palette: dict[str, str]) -> None:
    """Samples of the shapes and edge styles this view uses, and the voice colours when no
    labelled voice cluster shows them."""
    node_kinds = {n.kind for n in view.nodes}
    edge_kinds = {(e.kind, e.position) for e in view.edges if e.basis != Basis.CONTRAST.value}
    contrasts = any(e.basis == Basis.CONTRAST.value for e in view.edges)
    samples = [
        (NodeKind.CLAIM, "claim",
         {"shape": "box", "style": "rounded,filled", "fillcolor": "#FFFFFF"}),
        (NodeKind.EVIDENCE, "evidence: a quote, shortened\n(hover for all of it)",
         {"shape": "note", "style": "filled", "fillcolor": "#FFFFFF", "color": _GREY}),
        (NodeKind.THESIS, "thesis", {"shape": "hexagon", "style": "bold"}),
        (NodeKind.EXTERNAL, "claim of a voice\nnot in this diagram",
         {"shape": "box", "style": "rounded,dashed", "color": _GREY}),
    ]
    relations = [
        ((EdgeKind.SUPPORT, None), "supports"),
        ((EdgeKind.ATTACK, None), "attacks"),
        ((EdgeKind.UNDERCUT, None), "undercuts: attacks the\nsupport link (•) it ends on"),
        ((EdgeKind.EVIDENCE, None), "is evidence for"),
        ((EdgeKind.STANCE, Position.AGREE), "stance: agree"),
        ((EdgeKind.STANCE, Position.DISAGREE), "stance: disagree"),
        ((EdgeKind.STANCE, Position.MIXED), "stance: mixed"),
    ]
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(label=_label("<B>Legend</B>"), style="rounded", color="#BBBBBB",
                    id="cluster-legend", **{"class": "legend"})
        for kind, text, shape in samples:
            if kind in node_kinds:
                legend.node(f"legend.{kind.value}", label=_label(_lines(text.split("\n"))),
                            fontsize="10", **{"class": "legend"}, **shape)
        for (edge_kind, position), text in relations:
            if (edge_kind, position) not in edge_kinds:
                continue
            name = f"legend.{edge_kind.value}" + (f".{position.value}" if position else "")
            style = dict(_EDGE_STYLES[edge_kind])
            if position is not None:
                style["color"] = _POSITION_COLOURS[position]
            end = {"shape": "point", "width": "0.09", "color": _BLUE} if edge_kind is EdgeKind.UNDERCUT \
                else {"shape": "point", "style": "invis", "width": "0.01"}
            legend.node(f"{name}.from", shape="point", style="invis", width="0.01",
                        **{"class": "legend"})
            legend.node(f"{name}.to", **end, **{"class": "legend"})
            legend.edge(f"{name}.from", f"{name}.to", label=_label(_lines(text.split("\n"))),
                        fontsize="9", **{"class": "legend"}, **style)
        if contrasts:
            style = dict(_CONTRAST_STYLE)
            text = "contrast: the mapper sets\ntwo voices side by side;\nneither text answers the other"
            legend.node("legend.contrast.from", shape="point", style="invis", width="0.01",
                        **{"class": "legend"})
            legend.node("legend.contrast.to", shape="point", style="invis", width="0.01",
                        **{"class": "legend"})
            legend.edge("legend.contrast.from", "legend.contrast.to",
                        label=_label(_lines(text.split("\n"))), fontsize="9",
                        **{"class": "legend"}, **style)
        if view.voices and not any(c.kind is ClusterKind.VOICE for c in view.clusters) \
                and view.kind is not ViewKind.MAP:
            rows = "".join(
                f'<TR><TD WIDTH="14" BGCOLOR="{palette[v.id]}"> </TD>'
                f'<TD ALIGN="LEFT">{_lines([v.name])}</TD></TR>' for v in view.voices)
            legend.node("legend.voices", shape="plain", fontsize="10", **{"class": "legend"},
                        label=f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">{rows}</TABLE>>')
