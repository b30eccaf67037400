"""The corpus resolved once: every claim with its relations' targets as full `map/claim`
references, so that readers stop splitting references (`model.split_ref`) each on their own.

Built from any loaded corpus, checked or not: a reference to nothing stays a reference (the
checker reports it). Adopted so far by `semantics` and the JSON interchange format; the other
readers still resolve for themselves (docs/architecture.md, known debts).
"""

from __future__ import annotations

import attrs

from argmap.model import Claim, Corpus, Map, Relation, Undercut, ref, split_ref

__all__ = ["Resolved", "ResolvedUndercut", "resolve", "resolve_map"]


@attrs.frozen
class ResolvedUndercut:
    """An undercut of the support link `premise -> conclusion`, both full references."""

    premise: str
    conclusion: str
    undercut: Undercut


@attrs.frozen
class Resolved:
    """One claim, `ref` its full reference, and its relations in the order the map gives them,
    each with its target's full reference."""

    voice: Map
    claim: Claim
    ref: str
    supports: tuple[tuple[str, Relation], ...]
    attacks: tuple[tuple[str, Relation], ...]
    undercuts: tuple[ResolvedUndercut, ...]


def resolve(corpus: Corpus) -> tuple[Resolved, ...]:
    """Every claim of the corpus, map by map in the corpus's order, resolved."""
    return tuple(_resolved(voice, claim) for voice, claim in corpus.claims())


def resolve_map(voice: Map) -> tuple[Resolved, ...]:
    """The claims of one map, in its order, resolved."""
    return tuple(_resolved(voice, claim) for claim in voice.claims)


def _resolved(voice: Map, claim: Claim) -> Resolved:
    def full(reference: str) -> str:
        return ref(*split_ref(reference, voice.id))

    return Resolved(
        voice=voice, claim=claim, ref=ref(voice.id, claim.id),
        supports=tuple((full(r.target), r) for r in claim.supports),
        attacks=tuple((full(r.target), r) for r in claim.attacks),
        undercuts=tuple(ResolvedUndercut(full(u.from_), full(u.to), u) for u in claim.undercuts))
