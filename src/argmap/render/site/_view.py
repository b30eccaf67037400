"""What the pages show, worked out once from the corpus: positions, reasons, quotes, links."""

from __future__ import annotations

from collections import Counter, defaultdict

import attrs

from argmap.graph import Graph, graph
from argmap.model import (
    Basis,
    Claim,
    Corpus,
    Evidence,
    Kind,
    Map,
    Position,
    Relation,
    Source,
    Stance,
    Undercut,
)
from argmap.render.tables import SYMBOLS
from argmap.wording import phrase, voice_date

__all__ = ["Label", "label", "KIND_LABELS", "SiteView", "short_labels", "source_dates"]


@attrs.frozen
class Label:
    """A position as a symbol and a word, so it reads without colour (print, colour blindness)."""

    symbol: str
    word: str
    css: str


# The symbols are the text tables' (`render.tables.SYMBOLS`): one symbol per position, silence
# included, in every output.
_LABELS = {
    Position.AGREE: Label(SYMBOLS[Position.AGREE], "agree", "pos-agree"),
    Position.DISAGREE: Label(SYMBOLS[Position.DISAGREE], "disagree", "pos-disagree"),
    Position.MIXED: Label(SYMBOLS[Position.MIXED], "mixed", "pos-mixed"),
    None: Label(SYMBOLS[None], "silent", "pos-silent"),
}

# Columns on a thesis page and groups in a handout, in this order.
POSITION_ORDER = (Position.AGREE, Position.MIXED, Position.DISAGREE)


def label(position: Position | None) -> Label:
    return _LABELS[position]


KIND_LABELS = {
    Kind.QUOTE: "quote",
    Kind.REPORTED: "reported (a reporter's account of what was said)",
    Kind.STATISTIC: "statistic",
    Kind.EVENT: "event",
    Kind.SURVEY: "survey",
}


@attrs.frozen
class Link:
    """A claim another claim points at (or is pointed at by), found in whichever map holds it.

    `relation` is the words between the two (argmap.wording: whose relation it is shows); a
    contrast carries the mapper's `note`, a reply its `quotes`.
    """

    relation: str
    voice: Map
    claim: Claim
    basis: Basis | None = None
    note: str | None = None
    quotes: tuple[str, ...] = ()


class SiteView:
    """Lookups every page needs, built once per build from a checked corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._sources = {s.id: s for s in corpus.sources}
        self.graph: Graph = graph(corpus)
        claims = self.graph.by_ref
        self._outgoing: dict[tuple[str, str], list[Link]] = defaultdict(list)
        self._incoming: dict[tuple[str, str], list[Link]] = defaultdict(list)
        for resolved in self.graph.claims:
            voice, claim = resolved.voice, resolved.claim
            here = (voice.id, claim.id)
            entries: list[tuple[str, str, Relation | Undercut]] = [
                *(("support", target, r) for target, r in resolved.supports),
                *(("attack", target, r) for target, r in resolved.attacks),
                *(("undercut", u.conclusion, u.undercut) for u in resolved.undercuts)]
            for kind, reference, entry in entries:
                target = claims.get(reference)
                if target is None:
                    continue
                self._outgoing[here].append(Link(phrase(kind, entry.basis), target.voice,
                                                 target.claim, basis=entry.basis, note=entry.note,
                                                 quotes=tuple(e.quote for e in entry.evidence)))
        for reference, reaching in self.graph.incoming.items():
            target = claims.get(reference)
            if target is None:
                continue
            self._incoming[(target.voice.id, target.claim.id)] = [
                Link(phrase(i.kind, i.relation.basis, backwards=True), i.source.voice,
                     i.source.claim, basis=i.relation.basis, note=i.relation.note,
                     quotes=tuple(e.quote for e in i.relation.evidence))
                for i in reaching]

    def source(self, voice: Map, evidence: Evidence) -> Source | None:
        source_id = voice.source_of(evidence)
        return self._sources.get(source_id) if source_id else None

    def sources_of(self, voice: Map) -> set[str]:
        """Ids of every source a voice's page names (its default and each quote's)."""
        ids = {e.source for c in voice.claims for e in c.evidence if e.source}
        if voice.source:
            ids.add(voice.source)
        return ids

    def because(self, voice: Map, stance: Stance) -> list[Claim]:
        claims = []
        for reference in stance.because:
            hit = self.graph.claim(reference, voice.id)
            if hit is not None and hit.voice.id == voice.id:
                claims.append(hit.claim)
        return claims

    def first_quote(self, voice: Map, stance: Stance) -> tuple[Claim, Evidence] | None:
        """The quote a handout prints: the first quote of the first reason that has one."""
        for claim in self.because(voice, stance):
            if claim.evidence:
                return claim, claim.evidence[0]
        return None

    def links_from(self, voice: Map, claim: Claim) -> list[Link]:
        return self._outgoing.get((voice.id, claim.id), [])

    def links_to(self, voice: Map, claim: Claim) -> list[Link]:
        return self._incoming.get((voice.id, claim.id), [])

    def date_of(self, voice: Map) -> str | None:
        """The date of the voice's source, shown beside it wherever it is set against another."""
        return voice_date(voice, self.corpus)

    def related_voices(self, voice: Map) -> set[str]:
        """Other voices whose claims this voice's page quotes (in either direction)."""
        ids = set()
        for claim in voice.claims:
            for link in self.links_from(voice, claim) + self.links_to(voice, claim):
                ids.add(link.voice.id)
        ids.discard(voice.id)
        return ids

    def stance(self, voice: Map, thesis_id: str) -> Stance | None:
        """The voice's stance on the thesis (the resolved corpus's index, not a scan per cell)."""
        found = self.graph.stance(voice, thesis_id)
        return found.stance if found is not None else None

    def positions(self, thesis_id: str) -> list[tuple[Map, Stance | None]]:
        return [(voice, self.stance(voice, thesis_id)) for voice in self.corpus.maps]


# --- short voice labels and source dates (the table's column heads, the pair page) -------------

def short_labels(voices: list[Map]) -> dict[str, str]:
    """A short label per voice for a narrow column head: the first author's surname ("Lind"),
    two authors' surnames ("Nishimura & Park"), "Aoki et al." for more; surnames two voices
    share get the first initial ("J. Lee", "S. Lee"); any label still shared falls back to the id.
    """
    def surname(name: str) -> str:
        return name.split()[-1] if name.split() else name

    def short(voice: Map, initials: bool) -> str:
        names = [a.name for a in voice.authors]
        if not names:
            return voice.id
        first = surname(names[0])
        if initials and len(names[0].split()) > 1:
            first = f"{names[0].split()[0][0]}. {first}"
        if len(names) == 2:
            return f"{first} & {surname(names[1])}"
        return first + (" et al." if len(names) > 2 else "")

    labels = {v.id: short(v, False) for v in voices}
    clash = {k for k, n in Counter(labels.values()).items() if n > 1}
    labels = {v.id: short(v, labels[v.id] in clash) for v in voices}
    clash = {k for k, n in Counter(labels.values()).items() if n > 1}
    return {vid: (vid if text in clash else text) for vid, text in labels.items()}


def source_dates(corpus: Corpus, voice: Map) -> list[str]:
    """The dates of the sources a voice's evidence comes from, oldest first, each once."""
    ids = {voice.source_of(e) for c in voice.claims for e in c.evidence}
    ids.add(voice.source)
    dates = {s.date for s in corpus.sources if s.id in ids and s.date}
    return sorted(str(d) for d in dates)
