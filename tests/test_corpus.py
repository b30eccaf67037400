"""The shipped corpus says what the texts say: key positions, who is speaking, thesis coverage."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from argmap.model import Basis, Kind, Position

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

    def test_yeos_optimism_is_the_reports_label_and_lind_makes_no_forecast(self, corpus) -> None:
        """Yeo's ✓ rests on "optimistic", the report writer's word: the thesis speaks of the
        outlook and his note says whose word it is. Lind gives no forecast, so she is silent."""
        assert Position.AGREE == position(corpus, "yeo", "rapprochement-sustainable")
        assert "outlook" in corpus.thesis("rapprochement-sustainable").text
        note = corpus.map("yeo").stance("rapprochement-sustainable").note
        assert "optimistic" in note and "report writer" in note
        assert position(corpus, "lind", "rapprochement-sustainable") is None

    def test_the_history_thesis_splits_lind_from_sahashi(self, corpus) -> None:
        """Lind's "apology fatigue" against Sahashi's contradictory statements by Japanese politicians."""
        assert Position.AGREE == position(corpus, "lind", "reconciliation-overemphasised")
        assert Position.DISAGREE == position(corpus, "sahashi", "reconciliation-overemphasised")
        lind = corpus.map("lind").stance("reconciliation-overemphasised").because
        sahashi = corpus.map("sahashi").stance("reconciliation-overemphasised").because
        assert "apology-fatigue" in lind and "historical-burdens" in sahashi

    def test_klingner_is_not_given_the_reporters_frame(self, corpus) -> None:
        """"Experts say President Yoon must build public support" is the reporter's sentence."""
        assert position(corpus, "klingner", "public-support-needed") is None
        assert Position.AGREE == position(corpus, "draudt", "public-support-needed")

    def test_claim_text_keeps_the_reporters_brackets_out(self, corpus) -> None:
        """"[the regional]" is the reporter's insertion into Draudt's words."""
        claim = corpus.map("draudt").claim("beyond-security-areas")
        assert "regional" not in claim.text
        assert "[the regional]" in claim.evidence[0].quote and "reporter" in claim.evidence[0].note

    def test_nishimura_park_are_mixed_on_converging_china_views(self, corpus) -> None:
        assert Position.MIXED == position(corpus, "nishimura-park", "china-threat-converges")
        because = corpus.map("nishimura-park").stance("china-threat-converges").because
        assert {"shared-challenges", "diverging-strategic-focus"} <= set(because)

    def test_jae_jeok_parks_joint_patrols_are_a_formal_arrangement(self, corpus) -> None:
        assert Position.AGREE == position(corpus, "jae-jeok-park", "formal-military-arrangements-now")

    def test_jo_pessimistic_against_yeo(self, corpus) -> None:
        assert Position.DISAGREE == position(corpus, "jo", "rapprochement-sustainable")
        assert position(corpus, "jo", "survives-leadership-change") in (Position.DISAGREE, Position.MIXED)

    def test_jos_hedge_is_kept(self, corpus) -> None:
        texts = " ".join(e.quote for c in corpus.map("jo").claims for e in c.evidence)
        assert "I guess I stand on the pessimistic side" in texts

    def test_lind_and_yeo_agree_on_technology(self, corpus) -> None:
        assert Position.AGREE == position(corpus, "lind", "technology-promising")
        assert Position.AGREE == position(corpus, "yeo", "technology-promising")

    def test_sahashi_is_not_split_from_his_contributors_on_the_us(self, corpus) -> None:
        """One trilateral proposal (Ko) and plans "in coordination with the U.S. and Japan"
        (Fukuda) say nothing about building cooperation through the US rather than without it."""
        assert "trilateral-framework-central" not in {t.id for t in corpus.theses}
        assert Position.AGREE == position(corpus, "sahashi", "us-uncertainty-calls-for-closer-ties")
        for voice in ("ko", "fukuda"):
            assert {"north-korea-drives-security-cooperation", "formal-military-arrangements-now"} >= {
                s.thesis for s in corpus.map(voice).stances}, voice


class TestSeminarPrompts:
    SURNAMES: ClassVar[dict[str, str]] = {"Lind": "lind", "Yeo": "yeo", "Jo": "jo", "Klingner": "klingner", "Aoki": "aoki",
                "Draudt": "draudt", "Attri": "attri", "Sahashi": "sahashi", "Nishimura": "nishimura-park"}

    def test_a_prompt_that_says_voices_disagree_is_true_to_their_diff(self, corpus) -> None:
        from argmap.compare import Relation, diff_voices

        for thesis in corpus.theses:
            for question in thesis.questions:
                if "disagree" not in question:
                    continue
                named = sorted({v for name, v in self.SURNAMES.items() if name in question})
                assert len(named) >= 2, question
                for i, a in enumerate(named):
                    for b in named[i + 1:]:
                        diff = diff_voices(corpus, a, b)
                        assert diff.of(Relation.DISAGREE) or diff.of(Relation.PARTIAL), (question, a, b)

    def test_lind_and_yeo_share_only_technology(self, corpus) -> None:
        """Hence no prompt may say they "disagree on much"."""
        from argmap.compare import Relation, diff_voices

        diff = diff_voices(corpus, "lind", "yeo")
        assert () == diff.of(Relation.DISAGREE) == diff.of(Relation.PARTIAL)
        assert ["technology-promising"] == [i.thesis.id for i in diff.of(Relation.AGREE)]
        questions = " ".join(q for t in corpus.theses for q in t.questions)
        assert "disagree on much" not in questions


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
    """No author here replies to another: every cross-voice relation is the mapper's contrast,
    with a note that dates the two texts."""

    @staticmethod
    def cross_voice(corpus):
        for m, c in corpus.claims():
            for kind, relations in (("supports", c.supports), ("attacks", c.attacks)):
                for r in relations:
                    if "/" in r.target and not r.target.startswith(f"{m.id}/"):
                        yield m, c, kind, r
            for u in c.undercuts:
                if any("/" in end and not end.startswith(f"{m.id}/") for end in (u.from_, u.to)):
                    yield m, c, "undercuts", u

    def test_every_cross_voice_relation_is_a_dated_contrast(self, corpus) -> None:
        import re

        found = list(self.cross_voice(corpus))
        assert found
        for m, c, kind, r in found:
            where = f"{m.id}/{c.id} {kind}"
            assert Basis.CONTRAST == r.basis, where
            assert r.note and re.search(r"\b20(23|24|25)\b", r.note), where

    def test_no_reply_anywhere(self, corpus) -> None:
        assert not [r for *_, r in self.cross_voice(corpus) if r.basis is Basis.REPLY]

    def test_the_kept_contrasts(self, corpus) -> None:
        pairs = {(f"{m.id}/{c.id}", r.target) for m, c, kind, r in self.cross_voice(corpus) if kind == "attacks"}
        assert pairs == {
            ("lind/threat-perceptions-primary", "attri/shared-threats-push-together"),
            ("lind/divergent-china-views", "attri/china-assertiveness-mutual-challenge"),
            ("sahashi/historical-burdens", "lind/apology-fatigue"),
            ("jo/pessimistic-on-sustainability", "yeo/optimistic-outlook"),
            ("jo/hesitant-to-box-out-china", "klingner/diversify-away-from-china"),
            ("nishimura-park/lee-positive-surprise", "jo/may-not-survive-tenure"),
            ("sahashi/cultural-exchange-complex", "nishimura-park/civil-foundation-resilience"),
        }

    def test_dropped_over_readings(self, corpus) -> None:
        """Nishimura & Park never mention Aoki's acquisition and cross-servicing agreement; Jo's
        2023 remark cannot undercut an inference Yeo drew in 2024."""
        targets = {r.target for *_, kind, r in self.cross_voice(corpus) if kind != "undercuts"}
        assert "aoki/acquisition-cross-servicing" not in targets
        assert not [u for *_, kind, u in self.cross_voice(corpus) if kind == "undercuts"]

    def test_every_cross_voice_relation_resolves(self, corpus) -> None:
        index = corpus.claim_index()
        for m, c, kind, r in self.cross_voice(corpus):
            if kind != "undercuts":
                assert r.target in index, f"{m.id}/{c.id} -> {r.target}"
