"""Stance comparison: the theses × voices table, the pairwise matrix, camps, and diffs.

Pure functions from a Corpus to plain frozen attrs results; nothing here prints or formats. The
rules are DESIGN.md "Stance comparison": two voices **agree** on a thesis when they take the same
position (mixed/mixed included), **disagree** when one agrees and the other disagrees, are
**partial** when exactly one is mixed; a voice with no stance is **silent**. docs/compare.md gives
the distances and the contested/consensus verdicts with their formulas.
"""

from __future__ import annotations

import enum
import functools
import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from fractions import Fraction
from itertools import combinations
from typing import Any

import attrs

from argmap.graph import Graph, graph, map_of
from argmap.model import (
    Author,
    Basis,
    Claim,
    Corpus,
    Evidence,
    Map,
    Position,
    Stance,
    Thesis,
    Undercut,
    ref,
)
from argmap.model import Relation as ClaimRelation  # (this module's Relation compares stances)
from argmap.wording import sentence, voice_date

__all__ = [
    "DEFAULT_THRESHOLD",
    "Camp",
    "Cell",
    "Change",
    "ClaimView",
    "CorpusDiff",
    "DiffItem",
    "FieldChange",
    "Matrix",
    "Merge",
    "Pair",
    "Relation",
    "Row",
    "Side",
    "Summary",
    "Table",
    "UnknownIdError",
    "Verdict",
    "Voice",
    "VoiceDiff",
    "clusters",
    "diff_corpora",
    "diff_voices",
    "linkage",
    "pair_matrix",
    "pairs_from_table",
    "relation",
    "stance_table",
]

DEFAULT_THRESHOLD = 0.5


class Relation(str, enum.Enum):
    """How two voices stand to each other on one thesis."""

    AGREE = "agree"
    DISAGREE = "disagree"
    PARTIAL = "partial"
    ONLY_A = "only-a"
    ONLY_B = "only-b"


class Verdict(str, enum.Enum):
    """What a row of the table says about its thesis as a whole (docs/compare.md)."""

    CONTESTED = "contested"      # someone agrees and someone disagrees
    CONSENSUS = "consensus"      # two or more voices speak, all with the same position
    QUALIFIED = "qualified"      # two or more speak, differing only through `mixed`
    LONE = "lone"                # exactly one voice speaks
    UNADDRESSED = "unaddressed"  # nobody speaks


_PLURALS = {"thesis": "theses"}


class UnknownIdError(ValueError):
    """An id asked for that the corpus does not have; carries what is known for a suggestion."""

    def __init__(self, kind: str, unknown: Sequence[str], known: Collection[str]) -> None:
        self.kind = kind
        self.unknown = tuple(unknown)
        self.known = tuple(sorted(known))
        parts = []
        for name in self.unknown:
            import difflib  # (only when there is a problem to explain)
            close = difflib.get_close_matches(name, self.known, n=1)
            parts.append(f"'{name}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        kinds = _PLURALS.get(kind, kind + "s")
        super().__init__(f"unknown {kinds if len(self.unknown) > 1 else kind} {', '.join(parts)}; "
                         f"known {kinds}: " + (", ".join(self.known) or "none"))


def relation(a: Position | None, b: Position | None) -> Relation | None:
    """The DESIGN.md relation of two positions on one thesis; None when both are silent."""
    if a is None and b is None:
        return None
    if b is None:
        return Relation.ONLY_A
    if a is None:
        return Relation.ONLY_B
    if a is b:
        return Relation.AGREE
    if Position.MIXED in (a, b):
        return Relation.PARTIAL
    return Relation.DISAGREE


# --- the table ------------------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Voice:
    id: str
    name: str
    date: str | None = None   # of the voice's source: shown beside it (issue 18)

    @property
    def dated(self) -> str:
        """The name with its date: "Andrew Yeo (2024-11-22)"."""
        return f"{self.name} ({self.date})" if self.date else self.name


def _voice(corpus: Corpus, voice: Map) -> Voice:
    return Voice(id=voice.id, name=voice.name, date=voice_date(voice, corpus))


@attrs.frozen(kw_only=True)
class Cell:
    """One voice's stance on one thesis; `position` None is silence. `because` holds `map/claim`."""

    thesis: str
    voice: str
    position: Position | None = None
    because: tuple[str, ...] = ()
    note: str | None = None

    @property
    def silent(self) -> bool:
        return self.position is None


@attrs.frozen(kw_only=True)
class Summary:
    agree: int
    disagree: int
    mixed: int
    silent: int

    @property
    def addressed(self) -> int:
        return self.agree + self.disagree + self.mixed

    @property
    def verdict(self) -> Verdict:
        if self.addressed == 0:
            return Verdict.UNADDRESSED
        if self.addressed == 1:
            return Verdict.LONE
        if self.agree and self.disagree:
            return Verdict.CONTESTED
        if self.addressed in (self.agree, self.disagree, self.mixed):
            return Verdict.CONSENSUS
        return Verdict.QUALIFIED

    @property
    def contested(self) -> bool:
        return self.verdict is Verdict.CONTESTED

    @property
    def consensus(self) -> bool:
        return self.verdict is Verdict.CONSENSUS


@attrs.frozen(kw_only=True)
class Row:
    thesis: Thesis
    cells: tuple[Cell, ...]
    summary: Summary


@attrs.frozen(kw_only=True)
class Table:
    """Theses × voices. Every row has one cell per voice, in `voices` order."""

    voices: tuple[Voice, ...]
    rows: tuple[Row, ...]
    # the text of each claim a cell gives as a reason, by `map/claim`, for outputs meant to be read
    claims: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def theses(self) -> tuple[Thesis, ...]:
        return tuple(r.thesis for r in self.rows)

    def cell(self, thesis_id: str, voice_id: str) -> Cell | None:
        for row in self.rows:
            if row.thesis.id == thesis_id:
                return next((c for c in row.cells if c.voice == voice_id), None)
        return None


def _chosen(kind: str, wanted: Sequence[str] | None, known: Mapping[str, object]) -> list[str]:
    """Ids in the order asked for (duplicates dropped), or all known ones sorted by id."""
    if wanted is None:
        return sorted(known)
    unknown = [w for w in dict.fromkeys(wanted) if w not in known]
    if unknown:
        raise UnknownIdError(kind, unknown, list(known))
    return list(dict.fromkeys(wanted))


def _cell(resolved: Graph, voice: Map, thesis_id: str) -> Cell:
    """The voice's stance on the thesis as the resolved corpus has it (the site asks the same)."""
    found = resolved.stance(voice, thesis_id)
    if found is None:
        return Cell(thesis=thesis_id, voice=voice.id)
    return Cell(thesis=thesis_id, voice=voice.id, position=found.stance.position,
                because=found.because, note=found.stance.note)


def _summary(cells: Iterable[Cell]) -> Summary:
    positions = [c.position for c in cells]
    return Summary(agree=positions.count(Position.AGREE), disagree=positions.count(Position.DISAGREE),
                   mixed=positions.count(Position.MIXED), silent=positions.count(None))


def stance_table(corpus: Corpus, theses: Sequence[str] | None = None, maps: Sequence[str] | None = None,
                 topic: str | None = None) -> Table:
    """The theses × voices table.

    Theses and voices come sorted by id unless asked for by id, when they keep the order asked
    for (a teacher choosing `--maps lind,yeo,jo` wants that order). `topic` keeps only the theses
    of that topic. Every voice gets a column even when silent on every chosen thesis, so silence
    is visible. Unknown ids or topic raise UnknownIdError.
    """
    by_thesis = {t.id: t for t in corpus.theses}
    by_map = {m.id: m for m in corpus.maps}
    thesis_ids = _chosen("thesis", theses, by_thesis)
    if topic is not None:
        topics = {t.topic for t in corpus.theses if t.topic}
        if topic not in topics:
            raise UnknownIdError("topic", [topic], topics)
        thesis_ids = [t for t in thesis_ids if by_thesis[t].topic == topic]
    voices = [by_map[m] for m in _chosen("voice", maps, by_map)]
    resolved = graph(corpus)
    rows = []
    for thesis_id in thesis_ids:
        cells = tuple(_cell(resolved, v, thesis_id) for v in voices)
        rows.append(Row(thesis=by_thesis[thesis_id], cells=cells, summary=_summary(cells)))
    reasons = {r for row in rows for c in row.cells for r in c.because}
    texts = {r: found.claim.text for r in sorted(reasons) if (found := resolved.by_ref.get(r))}
    return Table(voices=tuple(_voice(corpus, v) for v in voices), rows=tuple(rows),
                 claims=texts)


# --- the pairwise matrix --------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Pair:
    """Two voices (a < b by id) compared over the theses of one table."""

    a: str
    b: str
    agree: int = 0
    disagree: int = 0
    partial: int = 0
    only_a: int = 0
    only_b: int = 0

    @property
    def both(self) -> int:
        """Theses both voices take a stance on."""
        return self.agree + self.disagree + self.partial

    @property
    def union(self) -> int:
        """Theses at least one of the two takes a stance on."""
        return self.both + self.only_a + self.only_b

    @property
    def hamming_fraction(self) -> Fraction | None:
        return _ratio(self.disagree + self.partial, self.both) if self.both else None

    @property
    def agreement_fraction(self) -> Fraction | None:
        """1 − hamming, exactly: agree / both; None when both = 0."""
        return _ratio(self.agree, self.both) if self.both else None

    @property
    def edit_fraction(self) -> Fraction:
        differences = self.disagree + self.partial + self.only_a + self.only_b
        return _ratio(differences, self.union) if self.union else _ZERO

    # The floats divide the integers directly: one correctly rounded division, the same float
    # as that of the fraction, and no Fraction made for each of 500,000 pairs.

    @property
    def hamming(self) -> float | None:
        """Normalised Hamming distance, (disagree + partial) / both; None when both = 0."""
        both = self.both
        return (self.disagree + self.partial) / both if both else None

    @property
    def bna(self) -> float | None:
        """Betz's normalised agreement, 1 − hamming; None when both = 0."""
        both = self.both
        return self.agree / both if both else None

    @property
    def edit(self) -> float:
        """Normalised edit distance over the union of addressed theses; 0 when the union is empty."""
        union = self.union
        return (self.disagree + self.partial + self.only_a + self.only_b) / union if union else 0.0


_ZERO = Fraction(0)


@functools.lru_cache(maxsize=4096)
def _ratio(numerator: int, denominator: int) -> Fraction:
    """One Fraction per value (there are few): made once, and equal ones compare by identity."""
    return Fraction(numerator, denominator)


@attrs.frozen(kw_only=True)
class Matrix:
    """Every unordered pair of the table's voices once, sorted by (a, b)."""

    voices: tuple[Voice, ...]
    pairs: tuple[Pair, ...]
    table: Table = attrs.field(repr=False)

    _index: dict[tuple[str, str], Pair] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # a dict, not a scan: the Markdown matrix and the heatmap ask for every pair
        object.__setattr__(self, "_index", {(p.a, p.b): p for p in self.pairs})

    def pair(self, a: str, b: str) -> Pair | None:
        first, second = sorted((a, b))
        return self._index.get((first, second))


def pairs_from_table(table: Table) -> Matrix:
    """Count, for each pair of the table's voices, how they stand on each of its theses.

    Each voice's positions are kept as bit sets over the rows, so a pair costs a few integer
    operations however many theses there are: 1,000 voices (500,000 pairs) take about a second.
    """
    agree: dict[str, int] = {}
    against: dict[str, int] = {}   # disagree: the rows it takes a position but not mixed
    mixed: dict[str, int] = {}
    for i, voice in enumerate(table.voices):
        bits = {Position.AGREE: 0, Position.DISAGREE: 0, Position.MIXED: 0}
        for k, row in enumerate(table.rows):
            position = row.cells[i].position
            if position is not None:
                bits[position] |= 1 << k
        agree[voice.id], against[voice.id], mixed[voice.id] = (
            bits[Position.AGREE], bits[Position.DISAGREE], bits[Position.MIXED])
    spoken = {v: agree[v] | against[v] | mixed[v] for v in agree}
    spoken_count = {v: bits.bit_count() for v, bits in spoken.items()}
    pairs = []
    for a, b in combinations(sorted(agree), 2):
        both = (spoken[a] & spoken[b]).bit_count()
        if both:
            same = ((agree[a] & agree[b]) | (against[a] & against[b]) | (mixed[a] & mixed[b])).bit_count()
            partial = ((mixed[a] & (spoken[b] ^ mixed[b])) | (mixed[b] & (spoken[a] ^ mixed[a]))).bit_count()
        else:
            same = partial = 0
        pairs.append(Pair(a=a, b=b, agree=same, disagree=both - same - partial, partial=partial,
                          only_a=spoken_count[a] - both, only_b=spoken_count[b] - both))
    return Matrix(voices=table.voices, pairs=tuple(pairs), table=table)


def pair_matrix(corpus: Corpus, maps: Sequence[str] | None = None, theses: Sequence[str] | None = None,
                topic: str | None = None) -> Matrix:
    """The pairwise matrix over the same selection `stance_table` takes."""
    return pairs_from_table(stance_table(corpus, theses=theses, maps=maps, topic=topic))


# --- camps ----------------------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Merge:
    """One step of average-linkage clustering: two groups joined at their average distance."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    distance: float


@attrs.frozen(kw_only=True)
class Camp:
    """Voices grouped together; `spread` is their mean pairwise edit distance (None for one voice);
    `shared` the (thesis, position) pairs every member takes."""

    voices: tuple[str, ...]
    spread: float | None
    shared: tuple[tuple[str, Position], ...] = ()


def _distances(matrix: Matrix) -> dict[tuple[str, str], Fraction]:
    found = {}
    fractions: dict[tuple[int, int], Fraction] = {}   # few distinct values; made once each
    for p in matrix.pairs:
        differences = p.disagree + p.partial + p.only_a + p.only_b
        key = (differences, p.union)
        value = fractions.get(key)
        if value is None:
            value = fractions[key] = Fraction(differences, p.union) if p.union else Fraction(0)
        found[(p.a, p.b)] = found[(p.b, p.a)] = value
    return found


def _linkage(matrix: Matrix, stop_above: Fraction | None,
             d: dict[tuple[str, str], Fraction] | None = None) -> tuple[list[tuple[str, ...]], list[Merge]]:
    """UPGMA in exact arithmetic, ties broken by the groups' sorted ids, so the result is stable.

    The textbook loop (join the closest two of the groups in order: the voices by id, then each
    group as it is made; on a tie the smaller pair of id tuples, the earlier group first) done
    with a heap of candidate pairs and sums: the distance of two groups is the sum of their
    members' pairwise distances over the number of pairs, and a joined group's sum is its two
    parts' sums added. Sums are integers (distances scaled by the lcm of their denominators)
    and each pair's heap key is floor(mean * scale) with a scale so large that distinct means
    get distinct keys in the same order: exact, and no Fraction arithmetic. n voices cost
    n² log n, not n³ and more. With `stop_above`, pairs farther apart are never candidates: a
    joined group's mean lies between its parts', so it cannot come back under.
    """
    import heapq

    d = _distances(matrix) if d is None else d
    ids = sorted(v.id for v in matrix.voices)
    n = len(ids)
    lcm = math.lcm(*{f.denominator for f in d.values()}) if d else 1
    scale = lcm * (n * n) ** 2 + 1        # > lcm * (pairs of one) * (pairs of other): see above
    groups: list[tuple[str, ...]] = [(v,) for v in ids]        # by number; in list order
    size = [1] * n
    alive = set(range(n))
    total: list[dict[int, int]] = [{} for _ in ids]      # total[i][j]: sum of distances * lcm
    heap: list[tuple[int, tuple[str, ...], tuple[str, ...], int, int]] = []
    cut = None if stop_above is None else (stop_above.numerator, stop_above.denominator)

    def candidate(i: int, j: int, summed: int) -> tuple[int, tuple[str, ...], tuple[str, ...], int, int] | None:
        """Record the sum (i was made before j); the pair's heap entry, or None past the cut."""
        total[i][j] = total[j][i] = summed
        pairs = size[i] * size[j]
        if cut is not None and summed * cut[1] > cut[0] * lcm * pairs:
            return None
        return (summed * scale // (lcm * pairs), groups[i], groups[j], i, j)

    for i, j in combinations(range(n), 2):
        f = d[(ids[i], ids[j])]
        if entry := candidate(i, j, f.numerator * (lcm // f.denominator)):
            heap.append(entry)
    heapq.heapify(heap)
    merges = []
    while len(alive) > 1 and heap:
        _key, left, right, i, j = heapq.heappop(heap)
        if i not in alive or j not in alive:
            continue
        alive -= {i, j}
        k = len(groups)
        groups.append(tuple(sorted(left + right)))
        size.append(size[i] + size[j])
        total.append({})
        distance = total[i][j] / (lcm * size[i] * size[j])   # one correctly rounded division
        for other in sorted(alive):
            if entry := candidate(other, k, total[i][other] + total[j][other]):
                heapq.heappush(heap, entry)
            del total[other][i], total[other][j]
        total[i] = total[j] = {}
        alive.add(k)
        merges.append(Merge(left=left, right=right, distance=distance))
    return [groups[i] for i in sorted(alive)], merges


def linkage(matrix: Matrix) -> tuple[Merge, ...]:
    """The whole average-linkage dendrogram on the edit distance, merge by merge."""
    return tuple(_linkage(matrix, None)[1])


def clusters(matrix: Matrix, threshold: float = DEFAULT_THRESHOLD) -> tuple[Camp, ...]:
    """Camps: average-linkage groups on the edit distance, merging while the closest two groups
    are at most `threshold` apart. Largest camp first, then by first voice id."""
    d = _distances(matrix)
    groups, _merges = _linkage(matrix, Fraction(threshold).limit_denominator(10**9), d)
    column = {v.id: i for i, v in enumerate(matrix.voices)}
    camps = []
    for group in groups:
        pairs = list(combinations(group, 2))
        spread = float(sum((d[p] for p in pairs), Fraction(0)) / len(pairs)) if pairs else None
        shared: list[tuple[str, Position]] = []
        for row in matrix.table.rows:
            positions = {row.cells[column[v]].position for v in group}
            if len(positions) == 1 and (common := positions.pop()) is not None:
                shared.append((row.thesis.id, common))
        camps.append(Camp(voices=group, spread=spread, shared=tuple(shared)))
    return tuple(sorted(camps, key=lambda c: (-len(c.voices), c.voices)))


# --- the diff of two voices -----------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class ClaimView:
    """A `because` claim with what backs it: `id` is `map/claim`; `text` None if it does not resolve.
    Each evidence's `source` is filled in from the map's default source when it has none."""

    id: str
    text: str | None
    evidence: tuple[Evidence, ...] = ()

    @property
    def quotes(self) -> tuple[str, ...]:
        return tuple(e.quote for e in self.evidence)


@attrs.frozen(kw_only=True)
class Side:
    position: Position
    claims: tuple[ClaimView, ...]
    note: str | None = None


@attrs.frozen(kw_only=True)
class DiffItem:
    """One thesis at least one of the two voices speaks on; a silent side is None."""

    thesis: Thesis
    relation: Relation
    a: Side | None
    b: Side | None


@attrs.frozen(kw_only=True)
class Between:
    """A relation between a claim of one voice and a claim of the other, with whose it is."""

    kind: str                        # support | attack | undercut
    basis: Basis | None
    source: str                      # map/claim that holds the relation
    target: str                      # map/claim it reaches (for an undercut: the supported claim)
    note: str | None = None
    quotes: tuple[str, ...] = ()

    def sentence(self, names: dict[str, str], marks: tuple[str, str] = ("“", "”")) -> str:
        """In words (argmap.wording), each claim named as "Voice (date): map/claim"; `marks`
        around the quote of a reply."""
        def name(reference: str) -> str:
            return f"{names.get(reference.split('/')[0], reference)}'s {reference}"
        return sentence(self.kind, self.basis, name(self.source), name(self.target), note=self.note,
                        quote="; ".join(self.quotes) or None, marks=marks)


@attrs.frozen(kw_only=True)
class VoiceDiff:
    a: Voice
    b: Voice
    items: tuple[DiffItem, ...]
    between: tuple[Between, ...] = ()   # relations that reach from one voice to the other

    def of(self, wanted: Relation) -> tuple[DiffItem, ...]:
        return tuple(i for i in self.items if i.relation is wanted)


def _side(resolved: Graph, voice: Map, stance: Stance | None) -> Side | None:
    if stance is None:
        return None
    claims = []
    for qualified in resolved.because(voice, stance):
        found = resolved.by_ref.get(qualified)
        claim: Claim | None = found.claim if found else None
        owner = found.voice if found else voice
        evidence = tuple(e if e.source else attrs.evolve(e, source=owner.source_of(e))
                         for e in (claim.evidence if claim else ()))
        claims.append(ClaimView(id=qualified, text=claim.text if claim else None, evidence=evidence))
    return Side(position=stance.position, claims=tuple(claims), note=stance.note)


def diff_voices(corpus: Corpus, a: str, b: str) -> VoiceDiff:
    """Where voices `a` and `b` agree, disagree, partly agree, or only one speaks, thesis by thesis
    (sorted by thesis id), each side with its `because` claims and their quotes."""
    by_map = {m.id: m for m in corpus.maps}
    unknown = [v for v in dict.fromkeys((a, b)) if v not in by_map]
    if unknown:
        raise UnknownIdError("voice", unknown, list(by_map))
    first, second = by_map[a], by_map[b]
    resolved = graph(corpus)
    items = []
    for thesis in sorted(corpus.theses, key=lambda t: t.id):
        sa, sb = first.stance(thesis.id), second.stance(thesis.id)
        found = relation(sa.position if sa else None, sb.position if sb else None)
        if found is not None:
            items.append(DiffItem(thesis=thesis, relation=found, a=_side(resolved, first, sa),
                                  b=_side(resolved, second, sb)))
    return VoiceDiff(a=_voice(corpus, first), b=_voice(corpus, second), items=tuple(items),
                     between=_between(resolved, first, second) + _between(resolved, second, first))


def _between(resolved: Graph, here: Map, other: Map) -> tuple[Between, ...]:
    found = []
    for claim in (resolved.of(here, c) for c in here.claims):
        source = claim.ref
        entries: list[tuple[str, str, ClaimRelation | Undercut]] = [
                   *(("support", target, r) for target, r in claim.supports),
                   *(("attack", target, r) for target, r in claim.attacks),
                   *(("undercut", u.conclusion, u.undercut) for u in claim.undercuts)]
        for kind, target, entry in entries:
            if map_of(target) == other.id and other.id != here.id:
                found.append(Between(kind=kind, basis=entry.basis, source=source, target=target,
                                     note=entry.note, quotes=tuple(e.quote for e in entry.evidence)))
    return tuple(found)


# --- the diff of two versions of a corpus ---------------------------------------------------------

@attrs.frozen(kw_only=True)
class FieldChange:
    field: str
    old: str | tuple[str, ...] | None
    new: str | tuple[str, ...] | None


@attrs.frozen(kw_only=True)
class Change:
    """One thing added, removed or changed between two versions.

    `what` is map, thesis, claim, quote or stance. `map` is the voice (None for maps and theses);
    `id` the map, thesis or claim id (for a quote, its claim's; for a stance, its thesis id);
    `quote` the quote's text, which is what identifies a quote. `fields` says what changed.
    """

    what: str
    status: str
    id: str
    map: str | None = None
    quote: str | None = None
    fields: tuple[FieldChange, ...] = ()

    @property
    def ref(self) -> str:
        if self.what == "stance":
            return f"{self.map} on {self.id}"
        return ref(self.map, self.id) if self.map else self.id


@attrs.frozen(kw_only=True)
class CorpusDiff:
    old: str
    new: str
    changes: tuple[Change, ...]

    def of(self, what: str, status: str | None = None) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.what == what and status in (None, c.status))


WHAT_ORDER = ("map", "thesis", "claim", "quote", "stance")


def _fields(old: object, new: object, names: Sequence[str]) -> tuple[FieldChange, ...]:
    changed = []
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changed.append(FieldChange(field=name, old=_plain(before), new=_plain(after)))
    return tuple(changed)


def _plain(value: enum.Enum | str | Iterable[object] | None) -> str | tuple[str, ...] | None:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if value is None or isinstance(value, str):
        return value
    return tuple(_item(v) for v in value)


def _item(value: object) -> str:
    if isinstance(value, Author):
        return value.name + (f" ({value.affiliation})" if value.affiliation else "")
    if isinstance(value, ClaimRelation):
        return value.target + (f" ({value.basis.value})" if value.basis else "")
    return str(value)


def _undercut(u: Undercut) -> str:
    return f"{u.from_} -> {u.to}" + (f" ({u.basis.value})" if u.basis else "")


def _keyed(items: Iterable, key: Callable[[Any], Any]) -> dict:
    return {key(i): i for i in items}


def _added_removed(what: str, old: dict, new: dict, *, map_id: str | None = None) -> list[Change]:
    changes = [Change(what=what, status="removed", id=k, map=map_id) for k in old if k not in new]
    changes += [Change(what=what, status="added", id=k, map=map_id) for k in new if k not in old]
    return changes


def _claim_changes(map_id: str, old: Map, new: Map) -> list[Change]:
    before, after = _keyed(old.claims, lambda c: c.id), _keyed(new.claims, lambda c: c.id)
    changes = _added_removed("claim", before, after, map_id=map_id)
    for claim_id in before.keys() & after.keys():
        x, y = before[claim_id], after[claim_id]
        fields = _fields(x, y, ("text", "supports", "attacks"))
        undercuts = (tuple(_undercut(u) for u in x.undercuts), tuple(_undercut(u) for u in y.undercuts))
        if undercuts[0] != undercuts[1]:
            fields += (FieldChange(field="undercuts", old=undercuts[0], new=undercuts[1]),)
        if fields:
            changes.append(Change(what="claim", status="changed", id=claim_id, map=map_id, fields=fields))
        changes += _quote_changes(map_id, claim_id, x.evidence, y.evidence)
    return changes


def _quote_changes(map_id: str, claim_id: str, old: Sequence[Evidence], new: Sequence[Evidence]) -> list[Change]:
    """Quotes are known by their text; the same text twice counts twice."""
    before, after = Counter(e.quote for e in old), Counter(e.quote for e in new)
    changes = [Change(what="quote", status="removed", id=claim_id, map=map_id, quote=q)
               for q, n in (before - after).items() for _ in range(n)]
    changes += [Change(what="quote", status="added", id=claim_id, map=map_id, quote=q)
                for q, n in (after - before).items() for _ in range(n)]
    first_after: dict[str, Evidence] = {}
    for e in new:
        first_after.setdefault(e.quote, e)
    seen = set()
    for e in old:
        if e.quote in first_after and e.quote not in seen:
            seen.add(e.quote)
            fields = _fields(e, first_after[e.quote], ("kind", "source", "note"))
            if fields:
                changes.append(Change(what="quote", status="changed", id=claim_id, map=map_id,
                                      quote=e.quote, fields=fields))
    return changes


def _stance_changes(map_id: str, old: Map, new: Map) -> list[Change]:
    before, after = _keyed(old.stances, lambda s: s.thesis), _keyed(new.stances, lambda s: s.thesis)
    changes = _added_removed("stance", before, after, map_id=map_id)
    for thesis_id in before.keys() & after.keys():
        x, y = before[thesis_id], after[thesis_id]
        fields = _fields(x, y, ("position", "because", "note"))
        if fields:
            changes.append(Change(what="stance", status="changed", id=thesis_id, map=map_id, fields=fields))
    return changes


def diff_corpora(old: Corpus, new: Corpus, *, old_label: str = "old", new_label: str = "new") -> CorpusDiff:
    """What changed from one version of a corpus to the next: maps, theses, claims (by
    `map/claim`), quotes and stances added, removed or changed. A map added or removed is one
    change; its claims and stances are not listed one by one."""
    changes: list[Change] = []
    maps_before, maps_after = _keyed(old.maps, lambda m: m.id), _keyed(new.maps, lambda m: m.id)
    changes += _added_removed("map", maps_before, maps_after)
    for map_id in maps_before.keys() & maps_after.keys():
        x, y = maps_before[map_id], maps_after[map_id]
        fields = _fields(x, y, ("authors", "source"))
        if fields:
            changes.append(Change(what="map", status="changed", id=map_id, fields=fields))
        changes += _claim_changes(map_id, x, y) + _stance_changes(map_id, x, y)
    theses_before, theses_after = _keyed(old.theses, lambda t: t.id), _keyed(new.theses, lambda t: t.id)
    changes += _added_removed("thesis", theses_before, theses_after)
    for thesis_id in theses_before.keys() & theses_after.keys():
        fields = _fields(theses_before[thesis_id], theses_after[thesis_id], ("text", "topic", "questions"))
        if fields:
            changes.append(Change(what="thesis", status="changed", id=thesis_id, fields=fields))
    status_order = {"removed": 0, "added": 1, "changed": 2}
    changes.sort(key=lambda c: (WHAT_ORDER.index(c.what), c.map or "", c.id, status_order[c.status],
                                c.quote or ""))
    return CorpusDiff(old=old_label, new=new_label, changes=tuple(changes))
