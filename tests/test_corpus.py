"""The shipped corpus says what the texts say: key positions, who is speaking, thesis coverage."""

from __future__ import annotations

from collections import Counter

from argmap.model import Kind, Position

from conftest import MAPS, SOURCES, needs_shared

VOICES = {"lind", "yeo", "nishimura-park", "attri", "sahashi", "klingner", "jo", "aoki", "draudt",
          "junghwan-lee", "seungjoo-lee", "yatsuzuka", "ko", "fukuda", "jae-jeok-park", "takuma"}
WORKING_PAPER_AUTHORS = {"junghwan-lee", "seungjoo-lee", "yatsuzuka", "ko", "fukuda",
                         "jae-jeok-park", "takuma"}


def position(corpus, voice: str, thesis: str) -> Position | None:
    stance = corpus.map(voice).stance(thesis)
    return stance.position if stance else None


class TestCoverage:
    def test_every_voice_has_a_map(self, corpus) -> None:
        assert VOICES == {m.id for m in corpus.maps}

    def test_five_sources(self, corpus) -> None:
        assert 5 == len(corpus.sources)
        assert all(s.text and s.title and s.date for s in corpus.sources)

    def test_thesis_counts(self, corpus) -> None:
        voices = Counter(s.thesis for m in corpus.maps for s in m.stances)
        assert len(corpus.theses) >= 12
        assert all(voices[t.id] >= 2 for t in corpus.theses), voices
        assert sum(1 for t in corpus.theses if voices[t.id] >= 3) >= 8, voices

    def test_theses_have_topics_and_questions(self, corpus) -> None:
        for t in corpus.theses:
            assert t.topic, t.id
            assert 2 <= len(t.questions) <= 3, t.id

    def test_every_claim_has_evidence_and_every_stance_reasons(self, corpus) -> None:
        for m, c in corpus.claims():
            assert c.evidence, f"{m.id}/{c.id}"
        for m in corpus.maps:
            for s in m.stances:
                assert s.because and all(m.claim(r) for r in s.because), f"{m.id}: {s.thesis}"


class TestWhoIsSpeaking:
    def test_webinar_voices_are_reported(self, corpus) -> None:
        for voice in ("lind", "yeo"):
            kinds = {e.kind for c in corpus.map(voice).claims for e in c.evidence}
            assert {Kind.REPORTED} == kinds, voice

    def test_working_paper_authors_are_sahashis_summary(self, corpus) -> None:
        for voice in WORKING_PAPER_AUTHORS:
            m = corpus.map(voice)
            for c in m.claims:
                for e in c.evidence:
                    assert Kind.REPORTED == e.kind, f"{voice}/{c.id}"
                    assert "sahashi-2025" == (e.source or m.source), f"{voice}/{c.id}"

    def test_sahashi_is_not_quoted_from_the_editors_standfirst(self, corpus) -> None:
        standfirst = ("provides an overview", "He argues that", "Sahashi highlights",
                      "move beyond U.S.-mediated engagement")
        for c in corpus.map("sahashi").claims:
            for e in c.evidence:
                assert not any(s in e.quote for s in standfirst), c.id

    def test_matsuo_narration_is_nobodys(self, corpus) -> None:
        narration = ("Experts say", "Korea has been reticent", "It may be difficult for Seoul")
        for voice in ("klingner", "jo", "aoki", "draudt"):
            for c in corpus.map(voice).claims:
                for e in c.evidence:
                    assert not any(n in e.quote for n in narration), f"{voice}/{c.id}"


class TestKeyPositions:
    def test_lind_history_is_not_the_main_barrier(self, corpus) -> None:
        assert Position.DISAGREE == position(corpus, "lind", "history-main-barrier")
        because = corpus.map("lind").stance("history-main-barrier").because
        assert {"apology-fatigue", "threat-perceptions-primary"} <= set(because)

    def test_lind_threat_perceptions_diverge(self, corpus) -> None:
        assert Position.DISAGREE == position(corpus, "lind", "china-threat-converges")

    def test_lind_cautious_yeo_optimistic(self, corpus) -> None:
        assert Position.AGREE == position(corpus, "yeo", "rapprochement-sustainable")
        assert position(corpus, "lind", "rapprochement-sustainable") in (Position.MIXED, Position.DISAGREE)

    def test_jo_pessimistic_against_yeo(self, corpus) -> None:
        assert Position.DISAGREE == position(corpus, "jo", "rapprochement-sustainable")
        assert position(corpus, "jo", "survives-leadership-change") in (Position.DISAGREE, Position.MIXED)

    def test_jos_hedge_is_kept(self, corpus) -> None:
        texts = " ".join(e.quote for c in corpus.map("jo").claims for e in c.evidence)
        assert "I guess I stand on the pessimistic side" in texts

    def test_lind_and_yeo_agree_on_technology(self, corpus) -> None:
        assert Position.AGREE == position(corpus, "lind", "technology-promising")
        assert Position.AGREE == position(corpus, "yeo", "technology-promising")

    def test_sahashi_hedges_on_the_mediator(self, corpus) -> None:
        """"may require ... without relying on a mediator" is a hedge: mixed, never disagree."""
        assert Position.MIXED == position(corpus, "sahashi", "trilateral-framework-central")


@needs_shared
class TestQuotesAreVerbatim:
    def test_strict_check_passes(self) -> None:
        from argmap.pipeline import load_and_check

        _, problems = load_and_check([MAPS], SOURCES)
        assert [] == [p.format() for p in problems]

    def test_cyrillic_lookalikes_are_copied_as_found(self) -> None:
        text = (MAPS / "sahashi.yaml").read_text(encoding="utf-8")
        assert "adm\u0456nistration" in text or "syst\u0435m" in text


class TestCrossVoiceRelations:
    def test_jo_attacks_yeos_optimism(self, corpus) -> None:
        assert "yeo/optimistic-outlook" in corpus.map("jo").claim("pessimistic-on-sustainability").attacks

    def test_lind_attacks_attris_converging_threats(self, corpus) -> None:
        attacks = {a for c in corpus.map("lind").claims for a in c.attacks}
        assert {"attri/shared-threats-push-together", "attri/china-assertiveness-mutual-challenge"} <= attacks

    def test_every_cross_voice_relation_resolves(self, corpus) -> None:
        index = corpus.claim_index()
        for m, c in corpus.claims():
            for reference in (*c.supports, *c.attacks):
                if "/" in reference:
                    assert reference in index, f"{m.id}/{c.id} -> {reference}"
