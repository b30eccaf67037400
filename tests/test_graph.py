"""graph.py, the resolved corpus: every relation's target and every stance's reason as a full
`map/claim` reference, in the map's order, resolved once per corpus object."""

from __future__ import annotations

import gc

import attrs
from hypothesis import HealthCheck, given, settings

from argmap.graph import claim_of, graph, local, map_of, qualify, resolve, resolve_map
from argmap.model import Claim, Corpus, Map, Position, Stance, Thesis, Undercut, ref, split_ref

from strategies import respelled_corpora


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


# --- properties: the resolved corpus agrees with what each reader used to work out for itself ------

PROPERTIES = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _found(corpus: Corpus, reference: str, here: str) -> str | None:
    """What a reader found before graph.py: split the reference, look the claim up."""
    hit = corpus.resolve(reference, here)
    return None if hit is None else ref(hit[0].id, hit[1].id)


@PROPERTIES
@given(respelled_corpora(dangling=True))
def test_every_edge_ends_at_the_claim_a_reader_would_have_found(corpus: Corpus) -> None:
    resolved = graph(corpus)
    assert [(m.id, c.id) for m, c in corpus.claims()] == [(r.voice.id, r.claim.id) for r in resolved.claims]
    for r in resolved.claims:
        here = r.voice.id
        written = [x.target for x in (*r.claim.supports, *r.claim.attacks)]
        written += [end for u in r.claim.undercuts for end in (u.from_, u.to)]
        targets = [t for t, _ in (*r.supports, *r.attacks)]
        targets += [end for u in r.undercuts for end in (u.premise, u.conclusion)]
        assert len(written) == len(targets)
        for reference, target in zip(written, targets, strict=True):
            assert target == ref(*split_ref(reference, here))
            found = _found(corpus, reference, here)
            # a reference that resolves ends at that claim; one to nothing stays what it says
            assert found == (target if target in resolved.by_ref else None)
            assert resolved.claim(reference, here) == (resolved.by_ref[found] if found else None)


@PROPERTIES
@given(respelled_corpora(dangling=True))
def test_reasons_incoming_links_and_the_reference_rules_agree(corpus: Corpus) -> None:
    resolved = graph(corpus)
    for m in corpus.maps:
        for s in m.stances:
            expected = tuple(ref(*split_ref(b, m.id)) for b in s.because)
            assert expected == resolved.because(m, s) == resolved.stance(m, s.thesis).because
            for reference, full in zip(s.because, expected, strict=True):
                assert (map_of(full), claim_of(full)) == split_ref(reference, m.id)
                assert qualify(local(full, m.id), m.id) == full == qualify(full, m.id)
    # every support and attack is found again from the claim it reaches, in the claims' order
    outgoing = [(r.ref, kind, t) for r in resolved.claims
                for kind, entries in (("support", r.supports), ("attack", r.attacks)) for t, _ in entries]
    incoming = [(i.source.ref, i.kind, t) for t, found in resolved.incoming.items() for i in found]
    assert sorted(outgoing) == sorted(incoming)
    for found in resolved.incoming.values():
        order = [resolved.claims.index(i.source) for i in found]
        assert order == sorted(order)


def test_resolved_once_per_corpus_object_and_let_go_with_it() -> None:
    a = Map(id="a", claims=(Claim(id="x", text="X", attacks=("y",)), Claim(id="y", text="Y")),
            stances=(Stance(thesis="t", position=Position.AGREE, because=("x", "a/y")),))
    corpus = Corpus(theses=(Thesis(id="t", text="T"),), maps=(a,))
    first = graph(corpus)
    assert first is graph(corpus)
    twin = attrs.evolve(corpus)
    assert twin == corpus and graph(twin) is not first      # the memo is keyed on the object
    assert ("a/x", "a/y") == first.stance(a, "t").because
    from argmap import graph as module
    before = len(module._MEMO)
    del corpus, first, twin
    gc.collect()
    assert len(module._MEMO) <= before - 2


def test_a_claim_whose_id_is_taken_twice_is_resolved_as_it_is_written() -> None:
    """An unchecked corpus may define a claim id twice: each copy keeps its own relations."""
    first, second = Claim(id="x", text="1", attacks=("y",)), Claim(id="x", text="2", supports=("y",))
    a = Map(id="a", claims=(first, second, Claim(id="y", text="Y")))
    resolved = graph(Corpus(maps=(a,)))
    assert [("a/y", first.attacks[0])] == list(resolved.of(a, first).attacks)
    assert [("a/y", second.supports[0])] == list(resolved.of(a, second).supports)
