"""graph.resolve: every relation's target as a full `map/claim` reference, in the map's order."""

from __future__ import annotations

from argmap.graph import resolve, resolve_map
from argmap.model import Claim, Corpus, Map, Undercut


def test_relative_references_get_their_map_and_full_ones_stay() -> None:
    a = Map(id="a", claims=(
        Claim(id="x", text="X", supports=("y", "b/z"), attacks=("b/z",),
              undercuts=(Undercut(from_="y", to="b/z"),)),
        Claim(id="y", text="Y")))
    b = Map(id="b", claims=(Claim(id="z", text="Z", attacks=("a/x", "gone")),))
    resolved = resolve(Corpus(maps=(a, b)))
    assert ["a/x", "a/y", "b/z"] == [r.ref for r in resolved]
    x, _y, z = resolved
    assert ["a/y", "b/z"] == [target for target, _ in x.supports]
    assert [("b/z", "b/z")] == [(target, r.target) for target, r in x.attacks]
    assert [("a/y", "b/z")] == [(u.premise, u.conclusion) for u in x.undercuts]
    assert ["a/x", "b/gone"] == [target for target, _ in z.attacks]   # dangling stays a reference
    assert resolved[:2] == resolve_map(a)
