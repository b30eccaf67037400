"""The size past which a build writes a diagram's DOT but does not lay it out.

Graphviz's `dot` takes time that grows faster than the square of a diagram's size, and past a few
thousand nodes and links the drawing cannot be read anyway: the combined diagram of every claim
of 200 voices (1,000 claims) is 30 m wide at the size its labels were set in, and fitted to a
1366×768 screen its labels are 0.2 px. Measured on the benchmark's corpora (docs/performance.md,
"Rebuilds with diagrams"): 1,675 nodes and links take `dot` 0.7 s of CPU, 3,256 take 3.3 s,
6,480 stop after 28 s with an error and 16,059 (the combined diagram at 1,000 voices) run into
the 60 s limit. A build would spend that on every rebuild that changes such a diagram (the
combined one changes with any claim's words), for a picture nobody can read; so past
`LAYOUT_LIMIT` it writes the DOT, offers it for download and says how to lay it out by hand.
Every diagram of the shipped corpus is far below (its largest, the combined one, has 292).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.render.view import View

__all__ = ["LAYOUT_LIMIT", "NOT_LAID_OUT", "by_hand", "size", "too_large_note"]

LAYOUT_LIMIT = 3000   # nodes + links of a view; past it the build does not start Graphviz

NOT_LAID_OUT = "not laid out"   # how a note about a diagram past the limit begins, after its name


def size(view: View) -> int:
    """What the limit counts: the view's nodes and links (claims, theses, voices, quotes;
    supports, attacks, undercuts, stances)."""
    return len(view.nodes) + len(view.edges)


def by_hand(name: str) -> str:
    """The command that lays out a diagram the build left as DOT, run in the output folder."""
    return f"dot -Tsvg diagrams/{name}.dot -o diagrams/{name}.svg"


def too_large_note(view: View) -> str | None:
    """The build's note for a view past the limit (why, and how to draw it anyway), else None."""
    shown = size(view)
    if shown <= LAYOUT_LIMIT:
        return None
    return (f"diagram {view.name} {NOT_LAID_OUT}: {shown:,} nodes and links, past the "
            f"{LAYOUT_LIMIT:,} a build lays out (Graphviz would take minutes or give up, and no "
            f"screen or page could show it legibly); its DOT is diagrams/{view.name}.dot, and "
            f"`{by_hand(view.name)}` in the output folder lays it out by hand")
