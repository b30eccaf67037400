"""Export then import gives back the same claims, relations, voices and stances, in every format
that can be imported (Argdown, AIF, argmap JSON), on random corpora and on the shipped one."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.check import check_corpus
from argmap.errors import Severity
from argmap.interop.aif import check_aif, from_aif, to_aif
from argmap.interop.argdown import flatten, from_argdown, to_argdown
from argmap.interop.jsonmodel import from_json, to_json
from argmap.model import Corpus, ref, split_ref

from strategies import linked_corpora


def summary(corpus: Corpus, *, flat: bool = False) -> dict[str, object]:
    """What a round trip must keep, with every reference qualified (`map/claim`)."""
    text = flatten if flat else (lambda value: value)

    def qualified(reference: str, here: str) -> str:
        return ref(*split_ref(reference, here))

    relations = set()
    for m, c in corpus.claims():
        here = ref(m.id, c.id)
        relations |= {("support", here, qualified(r.target, m.id)) for r in c.supports}
        relations |= {("attack", here, qualified(r.target, m.id)) for r in c.attacks}
        relations |= {("undercut", here, qualified(u.from_, m.id), qualified(u.to, m.id)) for u in c.undercuts}
    return {
        "claims": {(ref(m.id, c.id), text(c.text)) for m, c in corpus.claims()},
        "relations": relations,
        "voices": {(m.id, m.authors, m.source) for m in corpus.maps},
        "stances": {(m.id, s.thesis, s.position, tuple(dict.fromkeys(qualified(b, m.id) for b in s.because)),
                     s.note) for m in corpus.maps for s in m.stances},
        "claim order": {m.id: [c.id for c in m.claims] for m in corpus.maps},
        "theses": {(t.id, text(t.text), t.topic, t.questions) for t in corpus.theses},
        "evidence": {(ref(m.id, c.id), e) for m, c in corpus.claims() for e in c.evidence},
        "sources": set(corpus.sources),
    }


def errors(corpus: Corpus) -> list[str]:
    return [p.format() for p in check_corpus(corpus) if p.severity is Severity.ERROR]


FORMATS = {
    "argdown": (to_argdown, lambda text: from_argdown(text, "corpus.argdown"), True),
    "aif": (to_aif, lambda text: from_aif([("corpus.json", text)]), False),
    "json": (to_json, lambda text: from_json(text, "corpus.json"), False),
}


@pytest.mark.parametrize("name", sorted(FORMATS))
class TestRoundTrip:
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(corpus=linked_corpora())
    def test_random_corpora_come_back(self, name, corpus):
        export, back, flat = FORMATS[name]
        imported = back(export(corpus))

        assert [] == [p.format() for p in imported.problems]
        assert summary(corpus, flat=flat) == summary(imported.corpus)
        assert [] == errors(imported.corpus)

    def test_shipped_corpus_comes_back(self, name, corpus):
        export, back, flat = FORMATS[name]
        imported = back(export(corpus))

        assert [] == [p.format() for p in imported.problems]
        assert summary(corpus, flat=flat) == summary(imported.corpus)

    def test_output_is_byte_stable(self, name, corpus):
        export, _back, _flat = FORMATS[name]

        assert export(corpus) == export(corpus)


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
