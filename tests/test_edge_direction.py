"""Every arrow points the way its relation goes, in every kind of diagram.

Read back from the real `dot -Tjson`: an arrow points at the node where its arrowhead is drawn
(`_hdraw_` at the DOT head, `_tdraw_` at the DOT tail when a voice laid out below the theses has
its edges reversed with `dir=back`). Compared with the view's relations (tail → head).
"""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.model import Corpus
from argmap.render.dot import DotOptions, to_dot
from argmap.render.plan import plan_views
from argmap.render.view import NodeKind, View, ViewKind, combined_view, thesis_view
from argmap.write import run_graphviz

from strategies import linked_corpora, plain_text

pytestmark = [
    pytest.mark.slow,   # one `dot` run per diagram
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed"),
]


def arrows(view: View, *, screen: bool = False) -> list[tuple[str, str]]:
    """(from, to) of every visible arrow `dot` draws for the view, legend left out."""
    drawn = json.loads(run_graphviz(to_dot(view, options=DotOptions(screen=screen)), fmt="json")[0])
    names = {o["_gvid"]: o["name"] for o in drawn.get("objects", [])}
    found = []
    for edge in drawn.get("edges", []):
        if edge.get("style") == "invis" or "legend" in edge.get("class", "").split():
            continue
        tail, head = names[edge["tail"]], names[edge["head"]]
        if edge.get("_hdraw_"):
            found.append((tail, head))
        elif edge.get("_tdraw_"):
            found.append((head, tail))
        else:   # no arrowhead (a support into the link an undercut attacks): the edge's direction
            found.append((head, tail) if edge.get("dir") == "back" else (tail, head))
    return found


def relations(view: View) -> list[tuple[str, str]]:
    return [(e.tail, e.head) for e in view.edges]


def detailed_views(corpus: Corpus) -> list[View]:
    theses = [t.id for t in corpus.theses]
    return [*plan_views(corpus), *plan_views(corpus, theses=theses),
            combined_view(corpus, group_by="topic"), combined_view(corpus, group_by="none")]


class TestDetailedDiagrams:
    def test_every_relation_is_one_arrow_in_its_direction(self, corpus) -> None:
        views = detailed_views(corpus)
        assert {ViewKind.MAP, ViewKind.COMBINED, ViewKind.THESIS} == {v.kind for v in views}
        for view in views:
            assert Counter(relations(view)) == Counter(arrows(view)), view.name

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(linked_corpora(text=plain_text))
    def test_voices_below_the_theses_keep_their_direction(self, corpus) -> None:
        """The combined diagram lays every second voice out below the theses (`dir=back`)."""
        views = [combined_view(corpus)] + [thesis_view(corpus, t.id) for t in corpus.theses[:1]]
        for view in views:
            assert Counter(relations(view)) == Counter(arrows(view)), view.name


class TestScreenDiagrams:
    """Views for a screen draw claims in cards and voices' stances from their card; no arrow
    between two of the view's nodes is reversed, and stances point at the thesis."""

    def test_no_arrow_is_reversed_and_stances_point_at_theses(self, corpus) -> None:
        views = plan_views(corpus, detailed=False)
        assert {ViewKind.MAP, ViewKind.OVERVIEW, ViewKind.THESIS} == {v.kind for v in views}
        for view in views:
            related = set(relations(view))
            theses = {n.id for n in view.nodes if n.kind is NodeKind.THESIS}
            drawn = arrows(view, screen=True)
            assert [] == [(a, b) for a, b in drawn if (b, a) in related and (a, b) not in related], view.name
            if view.kind is ViewKind.THESIS:
                stances = [(a, b) for a, b in drawn if a in theses or b in theses]
                assert stances, view.name
                assert [] == [(a, b) for a, b in stances if b not in theses], view.name
