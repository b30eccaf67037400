"""Export then import gives back the corpus itself, in every format that can be imported
(Argdown, AIF, argmap JSON), on random corpora with every field set and on the shipped one.

The equivalence is exact model equality (attrs `==`, which ignores where a piece was read) up to
what docs/interop.md names as no format's to carry: how a reference is spelled (`claim` or
`map/claim` for a voice's own claim: the import writes the shortest), a reference repeated in one
list (`supports: [x, x]`, `because: [a, a]`: a link is one link), and the folders the source texts
are in (`sources_dir`, a place on the exporting machine).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from typing import TypeVar

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from argmap.check import check_corpus
from argmap.errors import Severity
from argmap.graph import local
from argmap.interop.aif import check_aif, from_aif, to_aif
from argmap.interop.argdown import from_argdown, to_argdown
from argmap.interop.jsonmodel import from_json, to_json
from argmap.model import Corpus, Relation, ref, split_ref

from strategies import full_corpora, linked_corpora, respelled_corpora

T = TypeVar("T")


def _once(entries: tuple[T, ...], key: Callable[[T], Hashable]) -> tuple[T, ...]:
    """Each entry whose key was not seen before, in order: what the exports write once."""
    seen: dict[Hashable, T] = {}
    for entry in entries:
        seen.setdefault(key(entry), entry)
    return tuple(seen.values())


def canonical(corpus: Corpus) -> Corpus:
    """The corpus up to the documented equivalence: references spelled the shortest way, each
    written once in its list, no source folders."""
    maps = []
    for m in corpus.maps:
        def short(reference: str, here: str = m.id) -> str:
            return local(reference, here)

        def target(r: Relation) -> str:
            return r.target

        claims = tuple(attrs.evolve(
            c,
            supports=_once(tuple(attrs.evolve(r, target=short(r.target)) for r in c.supports), target),
            attacks=_once(tuple(attrs.evolve(r, target=short(r.target)) for r in c.attacks), target),
            undercuts=_once(tuple(attrs.evolve(u, from_=short(u.from_), to=short(u.to))
                                  for u in c.undercuts), lambda u: (u.from_, u.to)))
            for c in m.claims)
        stances = tuple(attrs.evolve(s, because=tuple(dict.fromkeys(short(b) for b in s.because)))
                        for s in m.stances)
        maps.append(attrs.evolve(m, claims=claims, stances=stances))
    return attrs.evolve(corpus, maps=tuple(maps), sources_dirs=())


def errors(corpus: Corpus) -> list[str]:
    return [p.format() for p in check_corpus(corpus) if p.severity is Severity.ERROR]


FORMATS = {
    "argdown": (to_argdown, lambda text: from_argdown(text, "corpus.argdown")),
    "aif": (to_aif, lambda text: from_aif([("corpus.json", text)])),
    "json": (to_json, lambda text: from_json(text, "corpus.json")),
}


@pytest.mark.parametrize("name", sorted(FORMATS))
class TestRoundTrip:
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(corpus=full_corpora())
    def test_every_field_of_random_corpora_comes_back(self, name, corpus):
        export, back = FORMATS[name]
        imported = back(export(corpus))

        assert [] == [p.format() for p in imported.problems]
        assert canonical(corpus) == imported.corpus
        assert [] == errors(imported.corpus)

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(corpus=respelled_corpora())
    def test_references_come_back_spelled_the_shortest_way(self, name, corpus):
        export, back = FORMATS[name]
        imported = back(export(corpus))

        assert canonical(corpus) == imported.corpus
        assert canonical(imported.corpus) == imported.corpus

    def test_shipped_corpus_comes_back(self, name, corpus):
        export, back = FORMATS[name]
        imported = back(export(corpus))

        assert [] == [p.format() for p in imported.problems]
        assert canonical(corpus) == imported.corpus

    def test_output_is_byte_stable(self, name, corpus):
        export, _back = FORMATS[name]

        assert export(corpus) == export(corpus)


class TestImportedFiles:
    """What `import` writes (one map file per voice, theses.yaml, sources.yaml) loads back as the
    corpus it imported: no field is lost between the model and the files either."""

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(corpus=full_corpora())
    def test_written_files_load_back(self, corpus, tmp_path_factory):
        from argmap.interop import corpus_files
        from argmap.load import load_corpus

        folder = tmp_path_factory.mktemp("imported")
        for name, text in corpus_files(canonical(corpus), "corpus.json").items():
            (folder / name).write_text(text, encoding="utf-8")
        loaded, problems = load_corpus([folder])

        assert [] == [p.format() for p in problems]
        assert canonical(corpus) == loaded


class TestAifWithoutArgmapFields:
    """A tool that drops our `"argmap"` fields leaves plain AIF: structure and speakers survive."""

    @staticmethod
    def strip(value):
        if isinstance(value, dict):
            return {k: TestAifWithoutArgmapFields.strip(v) for k, v in value.items() if k != "argmap"}
        if isinstance(value, list):
            return [TestAifWithoutArgmapFields.strip(v) for v in value]
        return value

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(corpus=linked_corpora())
    def test_texts_relations_and_quotes_survive(self, corpus):
        plain = json.dumps(self.strip(json.loads(to_aif(corpus))))
        imported = from_aif([("plain.json", plain)]).corpus
        by_text = {}
        for m, c in imported.claims():
            by_text.setdefault(c.text, ref(m.id, c.id))
        original = {ref(m.id, c.id): c.text for m, c in corpus.claims()}
        original.update({t.id: t.text for t in corpus.theses})

        def shape(c: Corpus, texts) -> set:
            found = set()
            for m, claim in c.claims():
                here = texts[ref(m.id, claim.id)]
                found |= {("support", here, texts[ref(*split_ref(r.target, m.id))]) for r in claim.supports}
                found |= {("attack", here, texts[ref(*split_ref(r.target, m.id))]) for r in claim.attacks}
            return found

        expected = shape(corpus, original)
        for m in corpus.maps:
            for s in m.stances:
                if s.position.value != "mixed":
                    kind = "support" if s.position.value == "agree" else "attack"
                    expected |= {(kind, original[ref(*split_ref(b, m.id))], original[s.thesis])
                                 for b in s.because}
        actual = shape(imported, {ref(m.id, c.id): c.text for m, c in imported.claims()})

        assert len(original) == sum(len(m.claims) for m in imported.maps)
        assert expected == actual
        assert {e.quote for _m, c in corpus.claims() for e in c.evidence} == \
            {e.quote for _m, c in imported.claims() for e in c.evidence}
        assert [] == errors(imported)

    def test_speakers_become_voices_by_name(self, corpus):
        plain = json.dumps(self.strip(json.loads(to_aif(corpus))))
        imported = from_aif([("plain.json", plain)]).corpus
        speaking = {m.name for m in corpus.maps if any(c.evidence for c in m.claims)}

        assert speaking <= {m.name for m in imported.maps}


class TestAifStructure:
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(corpus=linked_corpora())
    def test_every_export_is_well_formed(self, corpus):
        assert [] == check_aif(json.loads(to_aif(corpus)))
