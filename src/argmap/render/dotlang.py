"""The DOT language as argmap writes it: drawing options, text wrapped to a width, and the one
escaping of map text for each place it reaches in DOT. Shared by both ways of drawing, the
detailed poster (`argmap.render.dot`) and the screen layout (`argmap.render.screen`), so that
neither imports the other's internals.

The DOT is built with the `graphviz` package, which quotes identifiers and attribute values.
Map text reaches DOT in two ways, each escaped for what Graphviz does with it:

- node and graph labels are HTML-like labels (`<...>`), so text is XML-escaped here (`&`, `<`,
  `>`, `"`, and `]`, which trips Graphviz's label parser) and backslashes are doubled (Graphviz
  expands `\\N`, `\\G` and `\\\\` even there); braces, `|` and quotes need nothing more;
- tooltips and URLs are escStrings, where a backslash starts an escape (`\\N`, `\\l`) and
  which Graphviz un-escapes twice, so backslashes are written four times, `&` as `&amp;` and
  line breaks as `\\n` (see `_string`); the package then quotes the value and escapes its
  double quotes.

Characters XML cannot carry (control characters, U+FFFE, U+FFFF) become U+FFFD first, because
Graphviz parses HTML-like labels with an XML parser and writes SVG.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from argmap.render.width import columns, split, wrap_words

if TYPE_CHECKING:
    from graphviz import Digraph

__all__ = ["DEFAULT_FONT", "VOICE_PALETTE", "DotOptions", "shorten", "wrap"]

DEFAULT_FONT = "Noto Sans CJK JP"   # has Latin (with macrons), kana, kanji and hangul glyphs


# Paul Tol's "light" scheme: pale enough for black text, distinct for colour-blind readers.
VOICE_PALETTE = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33",
                 "#AAAA00", "#DDDDDD")


@attrs.frozen(kw_only=True)
class DotOptions:
    """How to draw: layout direction and engine, text width, legend, font, rank constraints.

    `rank_same` holds groups of node ids (`map/claim`, or a thesis id) to put on one rank;
    ids a view does not show are left out of that view's groups. `pins` holds (node id, rank)
    pairs: rank 0 is the first (top with `TB`), and nodes pinned deeper sit further down.
    """

    rankdir: str = "TB"
    engine: str = "dot"
    wrap: int = 28
    quote_lines: int = 3
    legend: bool = True
    fontname: str = DEFAULT_FONT
    rank_same: tuple[tuple[str, ...], ...] = ()
    pins: tuple[tuple[str, int], ...] = ()
    screen: bool = False               # the projection layout (`argmap.render.screen`)
    site_root: str | None = None       # screen views link to site pages under this root



# --- text ----------------------------------------------------------------------------------------

# Characters XML 1.0 cannot carry, and C1 controls; white-space controls become spaces instead.
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_BREAKS = re.compile("[\t\n\r\x0b\x0c]")
_BREAKS_BUT_NEWLINE = re.compile("[\t\r\x0b\x0c]")


def _clean(text: str, *, keep_newlines: bool = False) -> str:
    """Text XML (and so Graphviz's HTML-label parser and SVG) can carry."""
    if text.isprintable():   # no controls, breaks, surrogates or non-characters: nothing to do
        return text
    text = (_BREAKS_BUT_NEWLINE if keep_newlines else _BREAKS).sub(" ", text)
    return _UNSAFE.sub("\uFFFD", text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns (`argmap.render.width`), broken at spaces; a longer word
    (or a run of CJK text, which has no spaces) is broken where it reaches the width."""
    text = _clean(text)
    words = text.split()
    return wrap_words(words, max(width, 2), ascii=text.isascii()) if words else []


def shorten(text: str, width: int, lines: int) -> list[str]:
    """At most `lines` wrapped lines; when text is cut off, the last line ends with `…`."""
    wrapped = wrap(text, width)
    if len(wrapped) <= lines:
        return wrapped
    kept = wrapped[:lines]
    last, _rest = split(kept[-1], width - 1) if columns(kept[-1]) >= width else (kept[-1], "")
    kept[-1] = last.rstrip() + "…"
    return kept


def _html(text: str) -> str:
    """Text for an HTML-like label. Graphviz still expands `\\N`, `\\G`, `\\E` and `\\\\` in
    them, so backslashes are doubled; `]` is written as a character reference, because Graphviz
    2.43 rejects a text run that is only `]` (as in `<B>]</B>`) as a syntax error."""
    return (text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;").replace("]", "&#93;"))


def _lines(lines: Sequence[str]) -> str:
    return "<BR/>".join(_html(line) for line in lines)



def _string(text: str) -> str:
    """An escString value (tooltip, id) that shows `text` as typed, never taken as HTML.

    Graphviz un-escapes a tooltip twice on its way to SVG (measured with 2.43: the first pass
    expands `\\N`, `\\G`, `\\E` and drops other backslashes, the second turns `\\\\` into
    one), so each backslash is written as four. `&` is written `&amp;`, else `&#65;` typed in a
    map would show as `A`. Line breaks become `\\n`. tests/test_render.py checks the round trip
    through the real `dot`.
    """
    import graphviz

    escaped = (_clean(text, keep_newlines=True).replace("&", "&amp;")
               .replace("\\", "\\" * 4).replace("\n", "\\n"))
    return graphviz.nohtml(escaped)


def _url(url: str) -> str:
    """A link for SVG: Graphviz 2.43 writes URLs into `xlink:href` without XML-escaping them, so
    characters that would break the attribute are percent-encoded and `&` written `&amp;`."""
    from urllib.parse import quote

    return _string(quote(url, safe="/:?#[]@!$&()*+,;=%~-._"))



# --- rank pins -----------------------------------------------------------------------------------

def _pin(graph: Digraph, pinned: list[tuple[str, int]]) -> None:
    """Pins as Graphviz allows them: a chain of invisible markers `pin.rank.0` → `pin.rank.1` → …
    starting on the first rank, and each pinned node on its marker's rank. A node the arrows
    force lower (it cannot sit above a claim that points to it) takes its marker, and every
    node pinned as deep, down with it; pins still keep their order."""
    deepest = max(rank for _node, rank in pinned)
    marker = {"shape": "point", "style": "invis", "width": "0", "height": "0", "label": "",
              "class": "layout"}
    for rank in range(deepest + 1):
        graph.node(f"pin.rank.{rank}", **marker)
    for rank in range(deepest):
        graph.edge(f"pin.rank.{rank}", f"pin.rank.{rank + 1}", style="invis",
                   **{"class": "layout"})
    at: dict[int, list[str]] = {0: []}
    for node_id, rank in pinned:
        at.setdefault(rank, []).append(node_id)
    for rank, node_ids in sorted(at.items()):
        with graph.subgraph() as row:
            row.attr(rank="min" if rank == 0 else "same")
            for node_id in [f"pin.rank.{rank}", *node_ids]:
                row.node(node_id)
