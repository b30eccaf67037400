"""`argmap export --to html`: one view of a checked corpus as one self-contained page.

The views and the selection are the Python API's (argmap._api, docs/embed.md); this says which
ids each view needs and names the file. A request that cannot be drawn raises ViewRequest (a
ValueError saying what to give), an unknown id `UnknownIdError`; Graphviz's errors pass through.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # the CLI imports VIEWS while building its parser: keep that import free
    from argmap.model import Corpus

__all__ = ["VIEWS", "ViewRequest", "html_view"]

VIEWS = ("table", "matrix", "diagram", "diff", "handout", "blank-handout")


class ViewRequest(ValueError):
    """The view was asked for without the ids it needs (or with ids it cannot use)."""


def html_view(corpus: Corpus, view: str = "table", *, voices: Sequence[str] = (),
              theses: Sequence[str] = (), topic: str | None = None, voice: str | None = None,
              metric: str | None = None) -> tuple[str, str]:
    """The page, and the file name it gets in an output folder."""
    from argmap._api import Corpus as Selection

    if view not in VIEWS:
        raise ViewRequest(f"unknown view '{view}'; choose one of {', '.join(VIEWS)}")
    chosen = Selection(corpus).select(voices=list(voices) or None, theses=list(theses) or None,
                                      topic=topic)
    if metric and view != "matrix":
        raise ViewRequest("--metric goes with --view matrix")
    if view == "diff":
        if len(voices) != 2:
            raise ViewRequest("--view diff needs two voices: --voices A,B")
        return chosen.diff(*voices).to_html(), f"diff-{voices[0]}-{voices[1]}.html"
    if view == "table":
        return chosen.table().to_html(), "table.html"
    if view == "matrix":
        return chosen.matrix(metric or "edit").to_html(), "matrix.html"
    if view == "diagram":
        if voice and theses:
            raise ViewRequest("--view diagram draws one voice (--map) or one thesis (--thesis), "
                              "not both")
        if len(theses) > 1:
            raise ViewRequest("--view diagram draws one thesis at a time")
        diagram = chosen.diagram(voice)
        return diagram.to_html(), f"{diagram.view.name}.html"
    if len(theses) != 1:
        raise ViewRequest(f"--view {view} needs one --thesis ID")
    handout = chosen.handout(theses[0], blank=view == "blank-handout")
    return handout.to_html(), f"{view}-{theses[0]}.html"
