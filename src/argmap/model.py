"""The argument-map model: frozen, keyword-only attrs classes.

Every object keeps the Location it was read from; equality ignores it, so a map read from two
differently laid-out files compares equal.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator

import attrs

from argmap.errors import Location

__all__ = [
    "Kind", "Position", "Basis", "Source", "Thesis", "Author", "Evidence", "Relation", "Undercut",
    "Claim", "Stance", "Map", "Gaps", "Corpus", "ref", "split_ref", "relation_evidence", "SLUG",
    "SLUG_PATTERN",
]

# What an id may be (DESIGN.md): `check` enforces it, `schema` tells editors, importers and
# the language server make and test ids with it.
SLUG_PATTERN = "[a-z0-9][a-z0-9-]*"
SLUG = re.compile(SLUG_PATTERN + r"\Z")

_NOWHERE = Location(path="<memory>")


def _location() -> Location:
    return attrs.field(default=_NOWHERE, eq=False, repr=False, kw_only=True)


class Kind(str, enum.Enum):
    """Whose words a quote is: the voice's own, or a reporter's account of them."""

    QUOTE = "quote"
    REPORTED = "reported"
    STATISTIC = "statistic"
    EVENT = "event"
    SURVEY = "survey"


class Basis(str, enum.Enum):
    """Whose relation between two voices it is."""

    CONTRAST = "contrast"  # the mapper sets the two side by side; neither text answers the other
    REPLY = "reply"        # this voice's own text answers the other voice or that point


class Position(str, enum.Enum):
    AGREE = "agree"
    DISAGREE = "disagree"
    MIXED = "mixed"


@attrs.frozen(kw_only=True)
class Source:
    id: str
    title: str | None = None
    author: str | None = None
    container: str | None = None    # the journal, book or site it appeared in
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    doi: str | None = None
    text: str | None = None
    cite: str | None = None         # FILE#KEY: an entry of a BibTeX or CSL-JSON file (references.py)
    reference: str | None = None    # the reference as printed; from `cite` in a CSL style if not typed
    location: Location = _location()


@attrs.frozen(kw_only=True)
class Thesis:
    id: str
    text: str
    topic: str | None = None
    questions: tuple[str, ...] = ()
    location: Location = _location()


@attrs.frozen(kw_only=True)
class Author:
    name: str
    affiliation: str | None = None
    location: Location = _location()


@attrs.frozen(kw_only=True)
class Evidence:
    quote: str
    kind: Kind = Kind.QUOTE
    source: str | None = None
    note: str | None = None
    location: Location = _location()


@attrs.frozen(kw_only=True)
class Relation:
    """One entry of `supports` or `attacks`: its target and, across voices, whose relation it is.

    Written as a plain id (`basis` None) or as a mapping; a plain string converts, so
    `Claim(attacks=("x",))` still reads as it is written.
    """

    target: str
    basis: Basis | None = None
    note: str | None = None
    evidence: tuple[Evidence, ...] = ()
    location: Location = _location()


def _relations(items: Iterable[Relation | str]) -> tuple[Relation, ...]:
    if items == ():   # most claims: nothing to convert (and a tuple is made per claim otherwise)
        return ()
    return tuple(Relation(target=item) if isinstance(item, str) else item for item in items)


@attrs.frozen(kw_only=True)
class Undercut:
    """An attack on the support link `from_ -> to`, not on either claim."""

    from_: str
    to: str
    basis: Basis | None = None
    note: str | None = None
    evidence: tuple[Evidence, ...] = ()
    location: Location = _location()


@attrs.frozen(kw_only=True)
class Claim:
    id: str
    text: str
    evidence: tuple[Evidence, ...] = ()
    supports: tuple[Relation, ...] = attrs.field(default=(), converter=_relations)
    attacks: tuple[Relation, ...] = attrs.field(default=(), converter=_relations)
    undercuts: tuple[Undercut, ...] = ()
    location: Location = _location()


@attrs.frozen(kw_only=True)
class Stance:
    thesis: str
    position: Position
    because: tuple[str, ...] = ()
    note: str | None = None
    location: Location = _location()


@attrs.frozen(kw_only=True)
class Map:
    """One voice: an author, or co-authors writing together."""

    id: str
    authors: tuple[Author, ...] = ()
    source: str | None = None
    claims: tuple[Claim, ...] = ()
    stances: tuple[Stance, ...] = ()
    location: Location = _location()

    @property
    def name(self) -> str:
        """The voice's display name: its authors joined, or its id when it has none."""
        names = [a.name for a in self.authors]
        if not names:
            return self.id
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + " & " + names[-1]

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    def stance(self, thesis_id: str) -> Stance | None:
        return next((s for s in self.stances if s.thesis == thesis_id), None)

    def source_of(self, evidence: Evidence) -> str | None:
        """The id of the source `evidence` quotes: its own, else this map's default (DESIGN.md).
        The one place that rule is written; every reader of a quote's source asks here."""
        return evidence.source if evidence.source is not None else self.source


def relation_evidence(claim: Claim) -> Iterator[Evidence]:
    """The quotes a claim's relations carry (a reply's words), checked like any quote."""
    entries: tuple[Relation | Undercut, ...] = (*claim.supports, *claim.attacks, *claim.undercuts)
    for entry in entries:
        yield from entry.evidence


def ref(map_id: str, claim_id: str) -> str:
    return f"{map_id}/{claim_id}"


def split_ref(reference: str, here: str) -> tuple[str, str]:
    """`claim` -> (here, claim); `map/claim` -> (map, claim)."""
    map_id, sep, claim_id = reference.partition("/")
    return (map_id, claim_id) if sep else (here, reference)


@attrs.frozen(kw_only=True)
class Gaps:
    """Ids the files define but that could not be read (already reported where they are broken),
    so a reference to one is not reported again at every use. Claims are qualified `map/claim`."""

    maps: frozenset[str] = frozenset()
    claims: frozenset[str] = frozenset()
    theses: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.maps or self.claims or self.theses or self.sources)

    def __or__(self, other: Gaps) -> Gaps:
        return Gaps(maps=self.maps | other.maps, claims=self.claims | other.claims,
                    theses=self.theses | other.theses, sources=self.sources | other.sources)


@attrs.frozen(kw_only=True)
class Corpus:
    """Everything read from a folder of map files, sorted by id for stable output."""

    sources: tuple[Source, ...] = ()
    theses: tuple[Thesis, ...] = ()
    maps: tuple[Map, ...] = ()
    gaps: Gaps = attrs.field(factory=Gaps, eq=False, repr=False)
    # The folders of source texts the corpus names (`sources_dir`), absolute, in file order.
    sources_dirs: tuple[str, ...] = ()

    def map(self, map_id: str) -> Map | None:
        return next((m for m in self.maps if m.id == map_id), None)

    def thesis(self, thesis_id: str) -> Thesis | None:
        return next((t for t in self.theses if t.id == thesis_id), None)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def claims(self) -> Iterator[tuple[Map, Claim]]:
        for m in self.maps:
            for c in m.claims:
                yield m, c

    def claim_index(self) -> dict[str, tuple[Map, Claim]]:
        """Every claim by its qualified `map/claim` reference."""
        return {ref(m.id, c.id): (m, c) for m, c in self.claims()}

    def resolve(self, reference: str, here: str) -> tuple[Map, Claim] | None:
        map_id, claim_id = split_ref(reference, here)
        found = self.map(map_id)
        return (found, c) if found and (c := found.claim(claim_id)) else None
