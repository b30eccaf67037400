"""DOT for the views meant for a screen or a projector: fitted to 1366×768, every label readable.

The detailed drawing (`argmap.render.dot`) gives every claim and quote a node; projected, a
thesis with ten voices becomes a strip of 4 px text. These views keep what a room reads and
fold the rest into the nodes, then lay the drawing out for a 16:9 screen:

- a **thesis view** is the thesis in the middle and a card per voice around it (above and
  below, in rows no wider than the screen): the card's header names the voice and its position
  in words, its rows are the claims the stance cites, each with its number of quotes and its
  relations to the card's other claims; relations between voices are drawn from row to row;
- a **voice view** is the voice's claims (quotes counted, not drawn) in rows above the theses it
  takes a stance on, each thesis saying the position in words;
- the **overview** is every voice and thesis once, one edge per stance.

Text is 14 pt (11 pt for secondary text: counts, ids, legend), so a drawing up to 1366×768 pt
shows it at 14 px and 11 px or more when fitted (`argmap.render.fit` measures it). Rows are
packed by the width the text needs, and kept with rank constraints (`rank=same` groups tied to
a chain of invisible markers), so a view grows in rows, not into a strip. Stances differ in line
style as well as colour (solid agree, dashed disagree, dotted mixed), and every position is also
written out; no label is coloured lighter than 4.5:1 against its fill.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Any

from argmap.model import Basis, Corpus, Position
from argmap.render.dotlang import (
    VOICE_PALETTE,
    DotOptions,
    _html,
    _lines,
    _pin,
    _string,
    _url,
    shorten,
    wrap,
)
from argmap.render.view import EdgeKind, Node, NodeKind, View, ViewKind, Voice
from argmap.render.width import columns
from argmap.wording import STANCE_REASON, phrase

__all__ = ["voice_views", "ROW_BUDGET_PT", "SMALL_PT", "TEXT_PT", "screen_dot"]

Notes = Mapping[str, Sequence[str]]   # a claim's relations, in words, by claim id

TEXT_PT, SMALL_PT = 14, 11
ROW_BUDGET_PT = 1240         # a row's width: 1366 pt fitted is 0.75, which keeps 11 pt at 11 px
_CHAR_PT = 0.48 * TEXT_PT    # a Latin character of Noto Sans at 14 pt, on average
_LINE_PT = 14.6              # a line of 14 pt text as Graphviz sets it
_CLAIM_WRAP = 30
_THESIS_WRAP = 34

_INK, _MUTED = "#1A1A1A", "#333333"   # on white and on the light voice colours: ≥ 5:1
_BLUE, _VERMILLION, _GREY = "#0072B2", "#D55E00", "#666666"

# Stances: colour (Okabe-Ito) and, for grey print and colour-blind readers, a line style.
_STANCE = {
    Position.AGREE: ("#009E73", "solid", "agrees", "✓"),
    Position.DISAGREE: ("#CC79A7", "dashed", "disagrees", "✗"),
    Position.MIXED: ("#E69F00", "dotted", "mixed", "±"),
}
_RELATION = {
    EdgeKind.SUPPORT: {"color": _BLUE, "style": "solid", "penwidth": "1.6", "arrowhead": "normal"},
    EdgeKind.ATTACK: {"color": _VERMILLION, "style": "solid", "penwidth": "3", "arrowhead": "tee"},
    EdgeKind.UNDERCUT: {"color": _VERMILLION, "style": "dotted", "penwidth": "3",
                        "arrowhead": "tee"},
}
_WORDS = {EdgeKind.SUPPORT: "supports", EdgeKind.ATTACK: "attacks",
          EdgeKind.UNDERCUT: "undercuts the support for"}
# The mapper's contrast (issue 18): grey, dashed, thin, no arrowhead, never heavier than a
# voice's own reasoning; the words come from argmap.wording.
_CONTRAST = {"color": "#555555", "style": "dashed", "penwidth": "1.6", "arrowhead": "none"}


def _words(kind: EdgeKind, basis: str | None) -> str:
    return phrase(kind.value, Basis(basis) if basis else None)
_ORDER = (Position.AGREE, Position.MIXED, Position.DISAGREE)


_PART_LINES = 70   # a voice whose claims and theses need more lines is shown in parts


def voice_views(corpus: Corpus, map_id: str) -> list[View]:
    """A voice's view for a screen: whole when its text fits one screen, else in parts, each
    the stances on a run of its theses (in order) with the claims given as their reasons;
    claims no stance cites go with a claim they support or attack, else in the last part."""
    from argmap.graph import claim_of, map_of, qualify
    from argmap.render.view import map_view, map_view_part

    voice = corpus.map(map_id)
    if voice is None:
        raise KeyError(map_id)
    lines = {c.id: len(wrap(c.text, _CLAIM_WRAP)) + 1.6 for c in voice.claims}
    known = {s.thesis: t for s in voice.stances if (t := corpus.thesis(s.thesis)) is not None}
    stances = sorted((s for s in voice.stances if s.thesis in known), key=lambda s: s.thesis)
    weight = {s.thesis: len(wrap(known[s.thesis].text, _THESIS_WRAP)) + 2 for s in stances}
    if sum(lines.values()) + sum(weight.values()) <= _PART_LINES:
        return [map_view(corpus, map_id, evidence=False)]

    def own(reference: str) -> str | None:
        qualified = qualify(reference, voice.id)
        claim = claim_of(qualified)
        return claim if map_of(qualified) == voice.id and claim in lines else None

    parts: list[tuple[set[str], list[str]]] = [(set(), [])]
    for stance in stances:
        reasons = {c for c in map(own, stance.because) if c}
        claims, theses = parts[-1]
        cost = weight[stance.thesis] + sum(lines[c] for c in reasons - claims)
        used = sum(lines[c] for c in claims) + sum(weight[t] for t in theses)
        if theses and used + cost > _PART_LINES:
            parts.append((set(), []))
            claims, theses = parts[-1]
        claims |= reasons
        theses.append(stance.thesis)
    placed = set().union(*(claims for claims, _theses in parts))
    for claim in voice.claims:
        if claim.id in placed:
            continue
        related = {c for c in map(own, [r.target for r in (*claim.supports, *claim.attacks)]) if c}
        home = next((p for p in parts if p[0] & related), None)
        if home is None:
            filled = [sum(lines[c] for c in p[0]) + sum(weight[t] for t in p[1]) for p in parts]
            home = parts[-1] if filled[-1] + lines[claim.id] <= _PART_LINES or not parts[-1][0] \
                else None
            if home is None:
                parts.append((set(), []))
                home = parts[-1]
        home[0].add(claim.id)
    return [map_view_part(corpus, map_id, claims, theses, number=number, count=len(parts))
            for number, (claims, theses) in enumerate(parts, 1)]


def screen_dot(view: View, options: DotOptions, *, choice: int = 0) -> str:
    """The view as DOT for a screen; deterministic like `to_dot`. `choice` takes the next-best
    arrangement of a thesis view's cards by the estimate (`argmap.commands.fitting` draws them
    and keeps the one that reads best)."""
    import graphviz

    graph = graphviz.Digraph(name=view.name)
    graph.attr("graph", layout="dot", rankdir="LR", newrank="true", fontname=options.fontname,
               fontsize="18", labelloc="t", nodesep="0.15", ranksep="0.35", pad="0.05",
               outputorder="edgesfirst", id=_string(f"graph-{view.name}"),
               **{"class": f"argmap {view.kind.value} screen"})
    graph.attr("node", fontname=options.fontname, fontsize=str(TEXT_PT), fontcolor=_INK,
               margin="0.1,0.05")
    graph.attr("edge", fontname=options.fontname, fontsize=str(SMALL_PT), fontcolor=_INK)
    palette = {v.id: VOICE_PALETTE[v.colour % len(VOICE_PALETTE)] for v in view.voices}
    if view.kind is ViewKind.THESIS:
        rows = _thesis(graph, view, palette, options, choice)
    elif view.kind is ViewKind.OVERVIEW:
        rows = _overview(graph, view, palette, options)
    else:
        rows = _voice(graph, view, palette, options)
    if options.legend:
        starts, ends = _legend(graph, view)
        if rows and starts:
            # the samples in a column of their own at the right, their lines from the last one
            rows += [starts, ends]
    if not (options.pins or options.rank_same):
        _rows(graph, rows)
    _user_ranks(graph, view, options)
    return graph.source


# --- shared ----------------------------------------------------------------------------------

def _width(lines: Iterable[str], size: float = TEXT_PT) -> float:
    return max((columns(line) for line in lines), default=0) * _CHAR_PT * size / TEXT_PT + 20


def _pack(items: Sequence[tuple[str, float]], budget: float = ROW_BUDGET_PT) -> list[list[str]]:
    """Items (id, width) in rows no wider than `budget`, as few rows as that takes, the items
    spread evenly over them (so a last row is not left with one item)."""
    if not items:
        return []
    total = sum(width for _id, width in items) + 18 * (len(items) - 1)
    count = max(1, -(-int(total) // int(budget)))
    while True:
        per = -(-len(items) // count)
        rows = [list(items[i:i + per]) for i in range(0, len(items), per)]
        if all(sum(w for _i, w in row) + 18 * (len(row) - 1) <= budget for row in rows) \
                or per == 1:
            return [[item_id for item_id, _w in row] for row in rows]
        count += 1


def _rows(graph: Any, rows: list[list[str]]) -> None:
    """Each row of node ids on a rank of its own, top to bottom: an invisible chain of markers
    down the side, each row `rank=same` with its marker."""
    rows = [row for row in rows if row]
    marker = {"shape": "point", "style": "invis", "width": "0", "height": "0", "label": "",
              "class": "layout"}
    for number, row in enumerate(rows):
        graph.node(f"row.{number}", **marker)
        if number:
            graph.edge(f"row.{number - 1}", f"row.{number}", style="invis",
                       **{"class": "layout"})
        with graph.subgraph() as same:
            same.attr(rank="same")
            members = [f"row.{number}", *row]
            for node_id in members:
                same.node(node_id)
            # heavy invisible links down the row keep it packed, in this order
            for first, second in pairwise(members):
                same.edge(first, second, style="invis", weight="20")


def _user_ranks(graph: Any, view: View, options: DotOptions) -> None:
    """`--rank-same` and `--pin`, which replace the automatic rows."""
    shown = {n.id for n in view.nodes} | {_card_id(v.id) for v in view.voices}
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


def _label(*parts: str) -> str:
    return "<" + "<BR/>".join(p for p in parts if p) + ">"


def _small(text: str, colour: str = _MUTED) -> str:
    return f'<FONT POINT-SIZE="{SMALL_PT}" COLOR="{colour}">{text}</FONT>'


def _count(evidence: int) -> str:
    return f"{evidence} quote{'s' * (evidence != 1)}" if evidence else "no quotes"


def _stance_of(view: View) -> dict[tuple[str, str], Position]:
    """(voice, thesis) -> position, from the stance edges."""
    voice = {n.id: n.voice for n in view.nodes}
    return {(voice.get(e.tail) or "", e.head): e.position for e in view.edges
            if e.kind is EdgeKind.STANCE and e.position is not None}


def _relations(view: View) -> list[tuple[str, str, EdgeKind, str | None]]:
    """Supports, attacks and undercuts between claims (with their basis), an undercut's support
    link (`a>b`) taken to the claim the link supports."""
    kinds = {n.id: n.kind for n in view.nodes}
    out: list[tuple[str, str, EdgeKind, str | None]] = []
    for edge in view.edges:
        if edge.kind in (EdgeKind.SUPPORT, EdgeKind.ATTACK, EdgeKind.UNDERCUT):
            tail, head = edge.tail, edge.head
            if kinds.get(tail) is NodeKind.LINK:
                continue                      # the second half of an undercut support link
            if kinds.get(head) is NodeKind.LINK:
                head = head.partition(">")[2]
            out.append((tail, head, edge.kind, edge.basis))
    return out


def _stance_edge(graph: Any, tail: str, head: str, position: Position, tooltip: str, *,
                 back: bool = False, **extra: str) -> None:
    colour, style, _word, _symbol = _STANCE[position]
    attributes = {"color": colour, "style": style, "penwidth": "2.5", "arrowsize": "1.1", "weight": "0",
                  "class": f"stance {position.value}", "tooltip": _string(tooltip),
                  "id": _string(f"edge-stance:{tail}:{head}"), **extra}
    if back:
        graph.edge(head, tail, dir="back", arrowtail="empty", **attributes)
    else:
        graph.edge(tail, head, arrowhead="empty", **attributes)


def _thesis_width(node: Node) -> float:
    return _width(wrap(node.text, _THESIS_WRAP)) * 1.08


def _thesis_node(graph: Any, node: Node, *, header: str = "", url: str | None = None,
                 columns: int = _THESIS_WRAP, footer: bool = True) -> float:
    lines = wrap(node.text, columns)
    label = _label(*([header] if header else []), f"<B>{_lines(lines)}</B>",
                   _small(_html(f"thesis · {node.id}")) if footer else "")
    graph.node(node.id, label=label, shape="box", style="filled,bold", penwidth="3",
               fillcolor="#FFFFFF", color="#222222", id=_string(f"node-{node.id}"),
               tooltip=_string(f"Thesis {node.id}: {node.text}"), **{"class": "thesis"},
               **({"URL": _url(url), "target": "_top"} if url else {}))
    return _width(lines) * 1.08


# --- a thesis: voices' cards around it -------------------------------------------------------

def _card_id(voice: str) -> str:
    return f"card.{voice}"


def _thesis(graph: Any, view: View, palette: dict[str, str], options: DotOptions,
            choice: int = 0) -> list[list[str]]:
    thesis = next(n for n in view.nodes if n.kind is NodeKind.THESIS)
    stances = _stance_of(view)
    claims: dict[str, list[Node]] = defaultdict(list)
    for node in view.nodes:
        if node.kind is NodeKind.CLAIM and node.voice:
            claims[node.voice].append(node)
    where = {c.id: (voice, number) for voice, nodes in claims.items()
             for number, c in enumerate(nodes, 1)}
    # Relations are written in the claim's row, naming the other claim by its number (and
    # voice, across voices): on a screen a line of words reads where a line looping round the
    # cards would not (and would take the room the cards need).
    names = {v.id: v.name for v in view.voices}
    notes: dict[str, list[str]] = defaultdict(list)
    for tail, head, kind, basis in _relations(view):
        if tail in where and head in where:
            other = where[head][0]
            whose = "" if where[tail][0] == other else f"{names.get(other, other)} "
            notes[tail].append(f"{_words(kind, basis)} {whose}{where[head][1]}")
    voices = sorted((v for v in view.voices if claims[v.id]),
                    key=lambda v: (_ORDER.index(stances.get((v.id, thesis.id), Position.MIXED)),
                                   v.id))
    widths: dict[str, float] = {}
    heights: dict[str, float] = {}
    owner: dict[str, Voice] = {}
    card_of: dict[str, str] = {}
    for voice in voices:
        position = stances.get((voice.id, thesis.id), Position.MIXED)
        cap = _CARD_LINES[choice // 2 % len(_CARD_LINES)]
        for part, (card, chunk) in enumerate(_chunks(voice.id, claims[voice.id], notes, cap)):
            owner[card] = voice
            card_of.update((claim.id, card) for _number, claim in chunk)
            widths[card], heights[card] = _card(graph, card, voice, position, chunk, notes,
                                                palette, options, part=part)
    _thesis_node(graph, thesis)
    columns = _arrange([(card, widths[card], heights[card] * _LINE_PT + 14) for card in widths],
                       (thesis.id, _thesis_width(thesis), 4 * _LINE_PT), choice % 2)
    middle = next(number for number, column in enumerate(columns) if thesis.id in column)
    for card, voice in owner.items():
        position = stances.get((voice.id, thesis.id), Position.MIXED)
        column = next(number for number, column in enumerate(columns) if card in column)
        # Right of the thesis, and below it in its column, an edge is laid out from the thesis
        # to the card (Graphviz puts an edge's tail first), drawn pointing back at the thesis.
        back = column > middle or (column == middle and columns[column].index(card)
                                   > columns[column].index(thesis.id))
        _stance_edge(graph, card, thesis.id, position,
                     f"{voice.name} {_STANCE[position][2]}: {thesis.text}", back=back)
    return columns


_GAP_PT = 11         # between two nodes in a column (nodesep)
_LEGEND_PT = 110     # the legend's column of words
_COLUMN_GAP_PT = 32  # between columns (ranksep)


def _arrange(cards: Sequence[tuple[str, float, float]],
             thesis: tuple[str, float, float], choice: int = 0) -> list[list[str]]:
    """Columns for the cards (id, width, height in pt, in reading order) and the thesis, chosen
    so the drawing fitted to a 16:9 screen is as large as it can be: for each number of columns,
    the tallest cards first, each into the column with the most room left (so columns come out
    even); the thesis's column in the middle, columns holding earlier cards (agreeing voices)
    to its left, and each column in reading order. Columns, not rows: cards are about as wide
    as each other but not as tall, so a column wastes little room where a row would be as tall
    as its tallest card."""
    order = {item[0]: number for number, item in enumerate([*cards, thesis])}
    candidates: list[tuple[float, int, list[list[str]]]] = []
    for count in range(1, min(len(cards) + 1, 7) + 1):
        columns: list[list[tuple[str, float, float]]] = [[] for _ in range(count)]
        for item in sorted([*cards, thesis], key=lambda i: (-i[2], order[i[0]])):
            column = min(columns, key=lambda c: sum(h + _GAP_PT for _i, _w, h in c))
            column.append(item)
        columns = [column for column in columns if column]
        width = (sum(max(w for _i, w, _h in column) for column in columns)
                 + _COLUMN_GAP_PT * len(columns) + _LEGEND_PT)
        height = max(sum(h for _i, _w, h in column) + _GAP_PT * (len(column) - 1)
                     for column in columns)
        middle = next(c for c in columns if thesis in c)
        rest = sorted((c for c in columns if c is not middle),
                      key=lambda c: sum(order[i[0]] for i in c) / len(c))
        half = (len(rest) + 1) // 2
        placed = [*rest[:half], middle, *rest[half:]]
        candidates.append((-min(1200 / width, 620 / height), count,
                           [[i[0] for i in sorted(c, key=lambda i: order[i[0]])] for c in placed]))
    candidates.sort(key=lambda c: (c[0], c[1]))
    return candidates[min(choice, len(candidates) - 1)][2]


_CARD_LINES = (22, 16, 30, 12)   # a taller card is cut in parts, each a card of its own


def _claim_lines(claim: Node, notes: Notes) -> float:
    return len(wrap(claim.text, _CLAIM_WRAP)) + 0.8 * len(_footer(0, claim, notes)) + 0.5


def _footer(number: int, claim: Node, notes: Notes) -> list[str]:
    footer = " · ".join([_count(claim.evidence_count), *notes.get(claim.id, [])])
    return wrap(f"{number} · {footer}", _CLAIM_WRAP + 8)


def _chunks(voice: str, claims: Sequence[Node], notes: Notes,
            cap: int) -> Iterator[tuple[str, list[tuple[int, Node]]]]:
    """The voice's claims in cards of at most `cap` lines: (card id, [(number, claim)])."""
    chunks: list[list[tuple[int, Node]]] = [[]]
    used = 0.0
    for number, claim in enumerate(claims, 1):
        lines = _claim_lines(claim, notes)
        if chunks[-1] and used + lines > cap:
            chunks.append([])
            used = 0.0
        chunks[-1].append((number, claim))
        used += lines
    for part, chunk in enumerate(chunks):
        yield (_card_id(voice) + (f".{part + 1}" if part else "")), chunk


def _card(graph: Any, card: str, voice: Voice, position: Position,
          claims: Sequence[tuple[int, Node]], notes: Notes, palette: dict[str, str],
          options: DotOptions, *, part: int = 0) -> tuple[float, float]:
    """One voice's card: header (name, position in words), a row per claim. (width, lines)"""
    colour = palette.get(voice.id, "#DDDDDD")
    _colour, _style, word, symbol = _STANCE[position]
    header = wrap(f"{voice.name} — {symbol} {word}" + (" (continued)" if part else ""),
                  _CLAIM_WRAP)
    rows = [(f'<TR><TD ALIGN="LEFT" BGCOLOR="{colour}" CELLPADDING="5">'
             f'<B>{_lines(header)}</B></TD></TR>')]
    widest, lines = _width(header), 1.5 * len(header)
    for number, claim in claims:
        text = wrap(claim.text, _CLAIM_WRAP)
        small = _footer(number, claim, notes)
        widest = max(widest, _width(text), _width(small, SMALL_PT))
        lines += len(text) + 0.8 * len(small) + 0.5
        href = "" if options.site_root is None else (
            f' HREF="{_html(options.site_root)}voices/{_html(voice.id)}.html#claim-'
            f'{_html(claim.id.partition("/")[2])}"')
        rows.append(f'<TR><TD PORT="c{number}" ALIGN="LEFT" BALIGN="LEFT" CELLPADDING="3" '
                    f'ID="{_html("claim-" + claim.id)}" TITLE="{_html(claim.text)}"{href}>'
                    f'{_lines(text)}<BR/>{_small(_lines(small))}</TD></TR>')
    label = (f'<<TABLE BORDER="2" COLOR="{colour}" CELLBORDER="0" CELLSPACING="0" '
             f'BGCOLOR="#FFFFFF" ROWS="*">{"".join(rows)}</TABLE>>')
    graph.node(card, label=label, shape="plain", id=_string(f"node-{card}"),
               tooltip=_string(f"{voice.name} {word}"),
               **{"class": f"card voice-{voice.id} {position.value}"})
    return widest, lines


# --- one voice: its claims in rows above its theses ------------------------------------------

def _voice(graph: Any, view: View, palette: dict[str, str], options: DotOptions) -> list[list[str]]:
    stances = _stance_of(view)
    relations = _relations(view)
    shown = {n.id: n for n in view.nodes}
    widths: dict[str, float] = {}
    heights: dict[str, float] = {}
    for node in view.nodes:
        link = {} if options.site_root is None or "/" not in node.id else {
            "URL": _url(f"{options.site_root}voices/{node.voice}.html#claim-"
                        f"{node.id.partition('/')[2]}"), "target": "_top"}
        if node.kind is NodeKind.CLAIM:
            text = wrap(node.text, _CLAIM_WRAP)
            graph.node(node.id, **link,
                       label=_label(_lines(text), _small(_html(_count(node.evidence_count)))),
                       shape="box", style="rounded,filled", fillcolor=palette.get(node.voice or "",
                                                                                  "#FFFFFF"),
                       color="#333333", id=_string(f"node-{node.id}"),
                       tooltip=_string(f"{node.id}: {node.text}"),
                       **{"class": f"claim voice-{node.voice}"})
            widths[node.id] = _width(text)
            heights[node.id] = len(text) * _LINE_PT + 24
        elif node.kind is NodeKind.EXTERNAL:
            voice_name = next((v.name for v in view.voices if v.id == node.voice), node.voice or "")
            text = shorten(node.text, _CLAIM_WRAP, 2)
            graph.node(node.id, **link,
                       label=_label(_lines(text), _small(_html(f"{voice_name} · {node.id}"))),
                       shape="box", style="rounded,dashed", color=_GREY,
                       id=_string(f"node-{node.id}"),
                       tooltip=_string(f"{voice_name}, {node.id}: {node.text}"),
                       **{"class": f"external voice-{node.voice}"})
            widths[node.id] = _width(text)
            heights[node.id] = len(text) * _LINE_PT + 24
        elif node.kind is NodeKind.THESIS:
            position = next((p for (_v, t), p in stances.items() if t == node.id), None)
            header = ""
            if position is not None:
                _colour, _style, word, symbol = _STANCE[position]
                header = f"{symbol} {word}:"
            widths[node.id] = _thesis_node(graph, node, header=header)
            heights[node.id] = (len(wrap(node.text, _THESIS_WRAP)) + 2) * _LINE_PT + 10
        elif node.kind is NodeKind.LINK:
            graph.node(node.id, shape="point", width="0.1", color=_BLUE, label="",
                       id=_string(f"node-{node.id}"), **{"class": "link"},
                       tooltip=_string(f"the support link {node.id.replace('>', ' → ')}"))
    for edge in view.edges:
        if edge.kind is EdgeKind.STANCE and edge.position is not None:
            _stance_edge(graph, edge.tail, edge.head, edge.position,
                         f"{edge.tail} {STANCE_REASON[edge.position]} {edge.head}")
        elif edge.kind in _RELATION:
            contrast = edge.basis == Basis.CONTRAST.value
            style = dict(_CONTRAST if contrast else _RELATION[edge.kind])
            # (no label on the line: a screen view has no room for it; the legend names the
            # dashed grey line, and its tooltip says whose relation it is)
            if edge.kind is EdgeKind.SUPPORT and shown.get(edge.head) is not None \
                    and shown[edge.head].kind is NodeKind.LINK:
                style["arrowhead"] = "none"
            words = _words(edge.kind, edge.basis)
            graph.edge(edge.tail, edge.head, id=_string(f"edge-{edge.kind.value}:{edge.tail}:"
                                                        f"{edge.head}"),
                       tooltip=_string(f"{edge.tail} {'is ' * contrast}{words} {edge.head}"),
                       **{"class": edge.kind.value + (" cross" if edge.cross else "")
                          + (f" {edge.basis}" if edge.basis else "")}, **style)
    # Rows: a claim sits above what it supports or attacks (deepest reasons on top), the
    # theses at the bottom.
    targets: dict[str, set[str]] = defaultdict(set)
    for tail, head, _kind, _basis in relations:
        if tail in widths and head in widths:
            targets[tail].add(head)
    level: dict[str, int] = {}

    def depth(node_id: str, seen: frozenset[str] = frozenset()) -> int:
        if node_id not in level:
            below = [depth(t, seen | {node_id}) for t in sorted(targets[node_id]) if t not in seen]
            level[node_id] = 1 + max(below, default=-1)
        return level[node_id]

    points = [n for n in view.nodes if n.kind in (NodeKind.CLAIM, NodeKind.EXTERNAL)]
    points.sort(key=lambda n: (-depth(n.id), n.id))
    theses = [n for n in view.nodes if n.kind is NodeKind.THESIS]
    claim_items = [(n.id, heights[n.id]) for n in points]
    thesis_items = [(n.id, heights[n.id]) for n in theses]
    best: tuple[float, list[list[str]]] | None = None
    for claim_count in range(1, min(len(points), 7) + 1):
        for thesis_count in (1, 2):
            columns = _split(claim_items, claim_count) + _split(thesis_items, thesis_count)
            width = (sum(max(widths[i] for i in c) for c in columns)
                     + _COLUMN_GAP_PT * len(columns) + _LEGEND_PT)
            height = max(sum(heights[i] + _GAP_PT for i in c) for c in columns)
            scale = min(1200 / width, 620 / height)
            if best is None or scale > best[0] + 1e-9:
                best = (scale, columns)
    return best[1] if best else []


# --- the overview: voices and theses, one edge per stance ------------------------------------

_OVERVIEW_WRAP = 44

def _overview(graph: Any, view: View, palette: dict[str, str], options: DotOptions) -> list[list[str]]:
    widths = {}
    voices = [n for n in view.nodes if n.kind is NodeKind.VOICE]
    theses = [n for n in view.nodes if n.kind is NodeKind.THESIS]
    for node in voices:
        voice_id = node.voice or ""
        url = (f"{options.site_root}voices/{voice_id}.html" if options.site_root is not None
               else node.url or f"{voice_id}.svg")
        counts = f"{node.claim_count} claim{'s' * (node.claim_count != 1)}"
        graph.node(node.id, label=_label(f"<B>{_html(node.text)}</B> {_small(_html(counts))}"),
                   shape="box", style="rounded,filled", fillcolor=palette.get(voice_id, "#FFFFFF"),
                   height="0.3",
                   color="#333333", id=_string(f"node-{node.id}"), URL=_url(url), target="_top",
                   tooltip=_string(f"{node.text}: {counts}"),
                   **{"class": f"voice voice-{voice_id}"})
        widths[node.id] = _width([f"{node.text} {counts}"])
    for node in theses:
        url = (f"{options.site_root}theses/{node.id}.html" if options.site_root is not None
               else f"thesis_{node.id}.svg")
        widths[node.id] = _thesis_node(graph, node, url=url, columns=_OVERVIEW_WRAP,
                                       footer=False)
    names = {n.id: n.text for n in voices}
    text = {n.id: n.text for n in theses}
    # The voices in a column (or more) in the middle, the theses in columns either side; a
    # thesis left of the voices has its stances drawn from the voice back to it.
    voice_items = [(n.id, 28.0) for n in voices]
    thesis_items = [(n.id, len(wrap(n.text, _OVERVIEW_WRAP)) * _LINE_PT + 14) for n in theses]
    best: tuple[float, list[list[str]], list[list[str]]] | None = None
    for voice_count in range(1, 4):
        for thesis_count in (1, 2):     # one column each side: no line crosses a column
            voice_columns = _split(voice_items, voice_count)
            thesis_columns = _split(thesis_items, thesis_count)
            columns = voice_columns + thesis_columns
            width = (sum(max((widths[i] for i in c), default=0) for c in columns)
                     + _COLUMN_GAP_PT * len(columns) + _LEGEND_PT)
            height = max(sum(dict(voice_items + thesis_items)[i] + _GAP_PT for i in c)
                         for c in columns)
            scale = min(1200 / width, 620 / height)
            if best is None or scale > best[0] + 1e-9:
                best = (scale, voice_columns, thesis_columns)
    assert best is not None
    _scale, voice_columns, thesis_columns = best
    half = len(thesis_columns) // 2
    left = {node_id for column in thesis_columns[:half] for node_id in column}
    for edge in view.edges:
        if edge.kind is EdgeKind.STANCE and edge.position is not None:
            _stance_edge(graph, edge.tail, edge.head, edge.position,
                         f"{names.get(edge.tail, edge.tail)} {_STANCE[edge.position][2]}: "
                         f"{text.get(edge.head, edge.head)}", back=edge.head in left)
    return thesis_columns[:half] + voice_columns + thesis_columns[half:]


def _split(items: Sequence[tuple[str, float]], count: int) -> list[list[str]]:
    """Items (id, height) in order, in `count` columns of about even height."""
    total = sum(h + _GAP_PT for _i, h in items)
    columns: list[list[str]] = [[]]
    used = 0.0
    for item_id, height in items:
        if columns[-1] and used + (height + _GAP_PT) / 2 > total / count * len(columns) \
                and len(columns) < count:
            columns.append([])
        columns[-1].append(item_id)
        used += height + _GAP_PT
    return [column for column in columns if column]


def _stack(items: Sequence[tuple[str, float]], budget: float) -> list[list[str]]:
    """Items (id, height) in order, in as few columns as keep each under `budget`, even."""
    if not items:
        return []
    total = sum(h + _GAP_PT for _i, h in items)
    count = max(1, -(-int(total) // int(budget)))
    per = -(-len(items) // count)
    return [[item_id for item_id, _h in items[i:i + per]] for i in range(0, len(items), per)]


# --- legend ----------------------------------------------------------------------------------

def _legend(graph: Any, view: View) -> tuple[list[str], list[str]]:
    """Samples of the stances and relations this view draws, each a short line ending at its
    words; returns the lines' start points and the words' nodes."""
    positions = [p for p in _ORDER
                 if any(e.kind is EdgeKind.STANCE and e.position is p for e in view.edges)]
    drawn = [e for e in view.edges if e.basis != Basis.CONTRAST.value]   # contrasts: own sample
    kinds = [k for k in _RELATION if any(e.kind is k for e in drawn)]
    if view.kind is ViewKind.THESIS:
        nodes = {n.id: n.voice for n in view.nodes}
        kinds = [k for k in kinds if any(e.kind is k and nodes.get(e.tail) != nodes.get(e.head)
                                         for e in drawn)]
    starts: list[str] = []
    ends: list[str] = []
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(label="", style="rounded", color="#BBBBBB", id="cluster-legend",
                    **{"class": "legend"}, margin="4")
        samples = [(f"legend.{p.value}", _STANCE[p][2] if p is not Position.MIXED else "mixed",
                    {"color": _STANCE[p][0], "style": _STANCE[p][1], "penwidth": "2.5",
                     "arrowhead": "empty"}) for p in positions]
        samples += [(f"legend.{k.value}", _WORDS[k].replace(" the support for", ""),
                     _RELATION[k]) for k in kinds]
        if any(e.basis == Basis.CONTRAST.value for e in view.edges):
            samples.append(("legend.contrast", "contrast (the mapper’s)", _CONTRAST))
        for name, words, style in samples:
            legend.node(f"{name}.from", label="", shape="box", style="invis", width="0.01",
                        height="0.3", fixedsize="true", **{"class": "legend"})
            legend.node(f"{name}.to", label=_label(_html(words)), shape="plaintext",
                        fontsize=str(SMALL_PT), margin="0.02", height="0.3",
                        **{"class": "legend"})
            legend.edge(f"{name}.from", f"{name}.to", **{"class": "legend"}, **style)
            starts.append(f"{name}.from")
            ends.append(f"{name}.to")
    return starts, ends
