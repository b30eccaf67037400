"""Fit a screen view to 1366×768: draw the arrangements `render.screen` proposes, measure each
(`render.fit`), keep the one that reads best.

This is the one place a screen view's DOT depends on a drawing, so it is orchestration, not
rendering: `render/` stays model → text, and the caller (`argmap render`, `argmap build`) says
how Graphviz runs (its pool, its timeout) by the `draw` it passes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from argmap.render.fit import Fit, measure_svg
from argmap.render.screen import screen_dot
from argmap.render.view import ViewKind

if TYPE_CHECKING:
    from argmap.render.dotlang import DotOptions
    from argmap.render.view import View

__all__ = ["CHOICES", "fitted"]

CHOICES = 8   # arrangements of a thesis view tried with Graphviz, best estimate first


def fitted(view: View, options: DotOptions,
           draw: Callable[[str], bytes]) -> tuple[str, bytes, Fit]:
    """(DOT, SVG, Fit) of the screen view that reads best when fitted: the arrangements the
    estimate ranks first are each drawn (`draw` runs Graphviz) and measured, and the first
    readable one is kept, else the largest. Estimates miss what Graphviz adds (edges routed
    round a column, the space a column is shifted by), so the measurement decides."""
    best: tuple[str, bytes, Fit] | None = None
    tries = CHOICES if view.kind is ViewKind.THESIS else 1
    for choice in range(tries):
        source = screen_dot(view, options, choice=choice)
        if best is not None and source == best[0]:
            break
        svg = draw(source)
        try:
            fit = measure_svg(svg)
        except ValueError:     # not a drawing Graphviz made: nothing to measure or compare
            return source, svg, Fit(width=0, height=0, scale=0, sizes=())
        if best is None or fit.smallest > best[2].smallest:
            best = (source, svg, fit)
        if fit.readable:
            break
    assert best is not None
    return best
