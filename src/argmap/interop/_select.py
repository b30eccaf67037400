"""One voice out of a corpus, still a valid corpus on its own (for `export --map`)."""

from __future__ import annotations

from argmap.graph import graph
from argmap.model import Claim, Corpus, Map

__all__ = ["one_voice"]


def one_voice(corpus: Corpus, map_id: str) -> Corpus:
    """The map, the theses it takes stances on, the sources it cites, and — text only — the
    claims of other voices its relations name, so no reference dangles. Where it undercuts a
    link between other voices' claims, that support is kept too, for the undercut to attack."""
    chosen = corpus.map(map_id)
    if chosen is None:
        raise KeyError(map_id)
    resolved = graph(corpus)
    named: set[str] = set()
    links: set[tuple[str, str]] = set()
    for c in chosen.claims:
        here = resolved.of(chosen, c)
        named.update(target for target, _ in (*here.supports, *here.attacks))
        for u in here.undercuts:
            named.update((u.premise, u.conclusion))
            links.add((u.premise, u.conclusion))
    others: dict[str, list[Claim]] = {}
    for reference in sorted(named):
        other = resolved.by_ref[reference]
        voice, claim = other.voice, other.claim
        if voice.id == map_id:
            continue
        kept = tuple(r for target, r in other.supports if (reference, target) in links)
        others.setdefault(voice.id, []).append(Claim(id=claim.id, text=claim.text, supports=kept))
    voices = {m.id: m for m in corpus.maps}
    maps = [chosen] + [Map(id=v, authors=voices[v].authors, claims=tuple(claims))
                       for v, claims in others.items()]
    cited = {chosen.source} | {e.source for c in chosen.claims for e in c.evidence}
    return Corpus(
        sources=tuple(s for s in corpus.sources if s.id in cited),
        theses=tuple(t for t in corpus.theses if chosen.stance(t.id) is not None),
        maps=tuple(sorted(maps, key=lambda m: m.id)),
    )
