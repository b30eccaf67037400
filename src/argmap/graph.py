"""The corpus resolved once: every claim by its full `map/claim` reference, its relations' targets
and its stances' reasons as full references, and the relations that reach each claim. Readers ask
here instead of splitting references (`model.split_ref`) each on their own; a test holds them to
it (docs/architecture.md).

`graph(corpus)` builds the index once per corpus object and hands every later reader the same
one. It is built from any loaded corpus, checked or not: a reference to nothing stays a
reference (the checker reports it, with its position); `Graph.claim` simply finds nothing there.
A quote's source is `Map.source_of` (the one place that rule is written).
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Mapping
from typing import NamedTuple

import attrs

from argmap.model import Claim, Corpus, Map, Relation, Stance, Undercut, ref, split_ref

__all__ = ["Graph", "Incoming", "Resolved", "ResolvedStance", "ResolvedUndercut", "claim_of",
           "graph", "local", "map_of", "qualify", "resolve", "resolve_claim", "resolve_map",
           "resolve_stance"]


def qualify(reference: str, here: str) -> str:
    """A reference as written in map `here` (`claim` or `map/claim`), as a full `map/claim`
    (`model.split_ref`'s rule, joined again without splitting: this runs for every relation)."""
    return reference if "/" in reference else f"{here}/{reference}"


def local(reference: str, here: str) -> str:
    """The shortest way map `here` writes `reference`: the bare claim id for its own claims."""
    map_id, claim_id = split_ref(reference, here)
    return claim_id if map_id == here else reference


def map_of(reference: str) -> str:
    """The map a full `map/claim` reference points into."""
    return reference.partition("/")[0]


def claim_of(reference: str) -> str:
    """The claim id of a full `map/claim` reference."""
    return reference.partition("/")[2]


# The records below are named tuples, immutable like the model's attrs classes: one is made per
# claim and relation of the corpus, and a frozen attrs class takes ten times as long to make.

class ResolvedUndercut(NamedTuple):
    """An undercut of the support link `premise -> conclusion`, both full references."""

    premise: str
    conclusion: str
    undercut: Undercut


class Resolved(NamedTuple):
    """One claim, `ref` its full reference, and its relations in the order the map gives them,
    each with its target's full reference."""

    voice: Map
    claim: Claim
    ref: str
    supports: tuple[tuple[str, Relation], ...]
    attacks: tuple[tuple[str, Relation], ...]
    undercuts: tuple[ResolvedUndercut, ...]


class ResolvedStance(NamedTuple):
    """One voice's stance, its `because` as full references in the order the map gives them."""

    voice: Map
    stance: Stance
    because: tuple[str, ...]


class Incoming(NamedTuple):
    """A support or attack (`kind`) that reaches a claim from `source`."""

    kind: str
    source: Resolved
    relation: Relation


@attrs.frozen(eq=False, slots=False)   # (no slots: `incoming` is worked out when first asked)
class Graph:
    """The resolved corpus: its claims in the corpus's order, and indexes over them.

    It holds the corpus's maps and claims but not the corpus itself, so the memo in `graph`
    lets a corpus go when nothing else holds it."""

    claims: tuple[Resolved, ...]
    by_ref: Mapping[str, Resolved]
    stances: Mapping[tuple[str, str], ResolvedStance]   # by (map id, thesis id)
    voices: Mapping[str, Map]   # the corpus's maps by id: a map found here is silent where
    # `stances` has nothing for it, with no scan of its stances (the home page asks 50,000 times)

    @functools.cached_property
    def incoming(self) -> Mapping[str, tuple[Incoming, ...]]:
        """The supports and attacks that reach each claim, by its full reference, in the order
        of the claims they come from (only the site asks, so `check` does not pay for it)."""
        found: dict[str, list[Incoming]] = {}
        for r in self.claims:
            for kind, entries in (("support", r.supports), ("attack", r.attacks)):
                for target, relation in entries:
                    found.setdefault(target, []).append(Incoming(kind, r, relation))
        return {target: tuple(entries) for target, entries in found.items()}

    def claim(self, reference: str, here: str = "") -> Resolved | None:
        """The claim `reference` names when written in map `here`; None for a reference to nothing."""
        return self.by_ref.get(qualify(reference, here))

    def of(self, voice: Map, claim: Claim) -> Resolved:
        """`claim` of `voice` resolved (resolved afresh only for a claim whose id another claim
        of an unchecked corpus also has)."""
        found = self.by_ref.get(ref(voice.id, claim.id))
        return found if found is not None and found.claim is claim else _resolved(voice, claim)

    def because(self, voice: Map, stance: Stance) -> tuple[str, ...]:
        """The reasons `stance` of `voice` gives, as full references, in the map's order."""
        found = self.stances.get((voice.id, stance.thesis))
        return found.because if found is not None and found.stance is stance \
            else _stance(voice, stance).because

    def stance(self, voice: Map, thesis_id: str) -> ResolvedStance | None:
        """`voice`'s stance on the thesis, its reasons resolved; None when it is silent."""
        found = self.stances.get((voice.id, thesis_id))
        if found is not None and found.voice is voice:
            return found
        if found is None and self.voices.get(voice.id) is voice:
            return None
        stance = voice.stance(thesis_id)
        return None if stance is None else _stance(voice, stance)


def resolve(corpus: Corpus) -> tuple[Resolved, ...]:
    """Every claim of the corpus, map by map in the corpus's order, resolved."""
    return graph(corpus).claims


def resolve_map(voice: Map) -> tuple[Resolved, ...]:
    """The claims of one map, in its order, resolved."""
    return tuple(_resolved(voice, claim) for claim in voice.claims)


def resolve_claim(voice: Map, claim: Claim) -> Resolved:
    """One claim of `voice` resolved, without resolving the corpus: for `check`, which asks only
    about the claims that have relations (a fifth at most) and would otherwise resolve all
    50,000 of a large corpus for them."""
    return _resolved(voice, claim)


def resolve_stance(voice: Map, stance: Stance) -> ResolvedStance:
    """One stance of `voice`, its reasons as full references (as `resolve_claim`)."""
    return _stance(voice, stance)


_MEMO: dict[int, tuple[weakref.ref[Corpus], Graph]] = {}
_LOCK = threading.Lock()


def graph(corpus: Corpus) -> Graph:
    """The corpus resolved, built on the first call for this corpus object and then reused
    (keyed on the object, not its value: hashing a corpus would cost more than resolving it)."""
    key = id(corpus)
    with _LOCK:
        hit = _MEMO.get(key)
        if hit is not None and hit[0]() is corpus:
            return hit[1]
    built = _build(corpus)
    with _LOCK:
        _MEMO[key] = (weakref.ref(corpus), built)
    weakref.finalize(corpus, _forget, key)
    return built


def _forget(key: int) -> None:
    with _LOCK:
        hit = _MEMO.get(key)
        if hit is not None and hit[0]() is None:
            del _MEMO[key]


def _build(corpus: Corpus) -> Graph:
    claims = tuple([_resolved(voice, claim) for voice in corpus.maps for claim in voice.claims])
    stances = {(m.id, s.thesis): _stance(m, s) for m in corpus.maps for s in reversed(m.stances)}
    return Graph(claims=claims, by_ref={r.ref: r for r in claims}, stances=stances,
                 voices={m.id: m for m in corpus.maps})


def _stance(voice: Map, stance: Stance) -> ResolvedStance:
    return ResolvedStance(voice, stance, tuple(qualify(b, voice.id) for b in stance.because))


def _resolved(voice: Map, claim: Claim) -> Resolved:
    # (list comprehensions, and no work for the many claims without relations: this runs once
    # per claim of the corpus)
    here = voice.id
    return Resolved(
        voice, claim, ref(here, claim.id),
        tuple([(qualify(r.target, here), r) for r in claim.supports]) if claim.supports else (),
        tuple([(qualify(r.target, here), r) for r in claim.attacks]) if claim.attacks else (),
        tuple([ResolvedUndercut(qualify(u.from_, here), qualify(u.to, here), u)
               for u in claim.undercuts]) if claim.undercuts else ())
