"""argmap.compare: the stance table, the pairwise matrix, camps, the two diffs and their commands."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.compare import (
    Camp,
    Pair,
    Relation,
    Summary,
    UnknownIdError,
    Verdict,
    clusters,
    diff_corpora,
    diff_voices,
    linkage,
    pair_matrix,
    pairs_from_table,
    relation,
    stance_table,
)
from argmap.model import (
    Author,
    Basis,
    Claim,
    Corpus,
    Evidence,
    Kind,
    Map,
    Position,
    Source,
    Stance,
    Thesis,
    Undercut,
)
from argmap.model import Relation as ClaimRelation

from conftest import MAPS, SOURCES
from strategies import corpora, corpus_edits

A, D, M = Position.AGREE, Position.DISAGREE, Position.MIXED
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def voice(map_id: str, **positions: Position) -> Map:
    """A voice with one claim per stance; keyword names are thesis ids with _ for -."""
    claims = tuple(Claim(id=f"why-{t}".replace("_", "-"), text=f"{map_id} on {t}",
                         evidence=(Evidence(quote=f"said {t}", kind=Kind.REPORTED),))
                   for t in positions)
    stances = tuple(Stance(thesis=t.replace("_", "-"), position=p, because=(f"why-{t}".replace("_", "-"),))
                    for t, p in positions.items())
    return Map(id=map_id, authors=(Author(name=map_id.title()),), claims=claims, stances=stances)


def corpus_of(*voices: Map, theses: tuple[str, ...] = ("t1", "t2", "t3", "t4")) -> Corpus:
    return Corpus(theses=tuple(Thesis(id=t, text=f"Thesis {t}", topic="odd" if t in ("t1", "t3") else "even")
                               for t in theses),
                  maps=tuple(sorted(voices, key=lambda m: m.id)))


def needs_voices(corpus: Corpus, *ids: str) -> None:
    missing = [i for i in ids if corpus.map(i) is None]
    if missing:
        pytest.skip(f"the shipped corpus has no map for {', '.join(missing)} yet")


def position(corpus: Corpus, voice_id: str, thesis: str) -> Position | None:
    stance = corpus.map(voice_id).stance(thesis)
    return stance.position if stance else None


class TestRelation:
    @pytest.mark.parametrize(("a", "b", "expected"), [
        (A, A, Relation.AGREE), (D, D, Relation.AGREE), (M, M, Relation.AGREE),
        (A, D, Relation.DISAGREE), (D, A, Relation.DISAGREE),
        (A, M, Relation.PARTIAL), (M, D, Relation.PARTIAL),
        (A, None, Relation.ONLY_A), (None, M, Relation.ONLY_B), (None, None, None),
    ])
    def test_design_rules(self, a, b, expected) -> None:
        assert expected == relation(a, b)


class TestSummary:
    @pytest.mark.parametrize(("counts", "expected"), [
        ((0, 0, 0, 5), Verdict.UNADDRESSED),
        ((1, 0, 0, 4), Verdict.LONE),
        ((0, 0, 1, 4), Verdict.LONE),
        ((3, 0, 0, 2), Verdict.CONSENSUS),
        ((0, 2, 0, 3), Verdict.CONSENSUS),
        ((0, 0, 2, 3), Verdict.CONSENSUS),
        ((2, 1, 0, 0), Verdict.CONTESTED),
        ((1, 1, 3, 0), Verdict.CONTESTED),
        ((2, 0, 1, 0), Verdict.QUALIFIED),
        ((0, 1, 1, 0), Verdict.QUALIFIED),
    ])
    def test_verdicts(self, counts, expected) -> None:
        agree, disagree, mixed, silent = counts
        summary = Summary(agree=agree, disagree=disagree, mixed=mixed, silent=silent)
        assert expected == summary.verdict
        assert (expected is Verdict.CONTESTED) == summary.contested
        assert (expected is Verdict.CONSENSUS) == summary.consensus


class TestStanceTable:
    corpus = corpus_of(voice("lind", t1=D, t2=A), voice("yeo", t1=A, t2=A, t3=M), voice("jo", t1=D))

    def test_cells_positions_and_because(self) -> None:
        table = stance_table(self.corpus)
        assert ["jo", "lind", "yeo"] == [v.id for v in table.voices]
        assert ["t1", "t2", "t3", "t4"] == [t.id for t in table.theses]
        cell = table.cell("t1", "lind")
        assert (D, ("lind/why-t1",)) == (cell.position, cell.because)
        assert table.cell("t3", "lind").silent
        # every cell names its row's thesis and its column's voice, a silent one too
        assert all((c.thesis, c.voice) == (row.thesis.id, v.id)
                   for row in table.rows for c, v in zip(row.cells, table.voices, strict=True))

    def test_row_summary(self) -> None:
        rows = {r.thesis.id: r.summary for r in stance_table(self.corpus).rows}
        assert Summary(agree=1, disagree=2, mixed=0, silent=0) == rows["t1"]
        assert Verdict.CONTESTED == rows["t1"].verdict
        assert Verdict.CONSENSUS == rows["t2"].verdict
        assert Verdict.LONE == rows["t3"].verdict
        assert Verdict.UNADDRESSED == rows["t4"].verdict

    def test_selection_keeps_the_order_asked_for(self) -> None:
        table = stance_table(self.corpus, theses=["t2", "t1", "t2"], maps=["yeo", "lind"])
        assert (["t2", "t1"], ["yeo", "lind"]) == ([t.id for t in table.theses], [v.id for v in table.voices])

    def test_topic(self) -> None:
        assert ["t1", "t3"] == [t.id for t in stance_table(self.corpus, topic="odd").theses]

    def test_qualified_reference_in_because_is_kept(self) -> None:
        own = Map(id="lind", claims=(Claim(id="c", text="x"),),
                  stances=(Stance(thesis="t1", position=A, because=("lind/c",)),))
        assert ("lind/c",) == stance_table(corpus_of(own)).cell("t1", "lind").because

    @pytest.mark.parametrize(("kwargs", "message"), [
        ({"maps": ["lnd"]}, "unknown voice 'lnd' (did you mean 'lind'?); known voices: jo, lind, yeo"),
        ({"theses": ["t9", "t1"]}, "unknown thesis 't9'; known theses: t1, t2, t3, t4"),
        ({"topic": "od"}, "unknown topic 'od' (did you mean 'odd'?); known topics: even, odd"),
    ])
    def test_unknown_ids(self, kwargs, message) -> None:
        with pytest.raises(UnknownIdError) as caught:
            stance_table(self.corpus, **kwargs)
        assert str(caught.value).startswith(message)

    @pytest.mark.parametrize(("kwargs", "message"), [
        ({"maps": ["lnd", "yoe"]},
         "unknown voices 'lnd' (did you mean 'lind'?), 'yoe' (did you mean 'yeo'?); known voices: jo, lind, yeo"),
        ({"theses": ["t8", "t9"]}, "unknown theses 't8', 't9'; known theses: t1, t2, t3, t4"),
    ])
    def test_several_unknown_ids_are_all_named(self, kwargs, message) -> None:
        with pytest.raises(UnknownIdError) as caught:
            stance_table(self.corpus, **kwargs)
        assert message == str(caught.value)
        # docs/api.md: the error carries what was asked for and what is known, for a program to use
        kind = "voice" if "maps" in kwargs else "thesis"
        known = ("jo", "lind", "yeo") if "maps" in kwargs else ("t1", "t2", "t3", "t4")
        assert (kind, tuple(*kwargs.values()), known) == (caught.value.kind, caught.value.unknown,
                                                          caught.value.known)

    def test_a_topic_in_a_corpus_without_topics_says_none_are_known(self) -> None:
        corpus = Corpus(theses=(Thesis(id="t1", text="T"),), maps=(voice("lind", t1=A),))
        with pytest.raises(UnknownIdError) as caught:
            stance_table(corpus, topic="odd")
        assert "unknown topic 'odd'; known topics: none" == str(caught.value)

    def test_asking_for_a_cell_the_table_lacks_gives_none(self) -> None:
        table = stance_table(self.corpus, theses=["t1"])
        assert table.cell("t1", "nobody") is None
        assert table.cell("t2", "lind") is None
        assert "jo" == table.cell("t1", "jo").voice

    def test_the_first_of_two_stances_on_a_thesis_is_the_one_shown(self) -> None:
        lind = voice("lind", t1=D)
        twice = attrs.evolve(lind, stances=lind.stances + (Stance(thesis="t1", position=A),))
        assert D == stance_table(corpus_of(twice)).cell("t1", "lind").position

    def test_each_voice_is_named_with_its_sources_date(self) -> None:
        lind = attrs.evolve(voice("lind", t1=D), source="report")
        corpus = attrs.evolve(corpus_of(lind, voice("yeo", t1=A)),
                              sources=(Source(id="report", date="2024-11-22"),))
        assert [("lind", "Lind", "2024-11-22", "Lind (2024-11-22)"), ("yeo", "Yeo", None, "Yeo")] == [
            (v.id, v.name, v.date, v.dated) for v in stance_table(corpus).voices]
        diff = diff_voices(corpus, "yeo", "lind")
        assert ("Yeo", "Lind (2024-11-22)") == (diff.a.dated, diff.b.dated)

    def test_a_stances_note_is_kept_in_its_cell(self) -> None:
        lind = voice("lind", t1=D)
        noted = attrs.evolve(lind, stances=(attrs.evolve(lind.stances[0], note="only in the preface"),))
        assert "only in the preface" == stance_table(corpus_of(noted)).cell("t1", "lind").note

    def test_reasons_are_given_with_their_claim_text(self) -> None:
        lind = voice("lind", t1=D)
        ghost = attrs.evolve(lind, stances=(Stance(thesis="t2", position=A, because=("gone",)),) + lind.stances)
        table = stance_table(corpus_of(ghost))
        assert {"lind/why-t1": "lind on t1"} == table.claims
        assert ("lind/gone",) == table.cell("t2", "lind").because

    @SLOW
    @given(corpora(), st.randoms(use_true_random=False))
    def test_independent_of_map_order(self, corpus, rnd) -> None:
        shuffled = list(corpus.maps)
        rnd.shuffle(shuffled)
        assert stance_table(corpus) == stance_table(attrs.evolve(corpus, maps=tuple(shuffled)))

    @SLOW
    @given(corpora())
    def test_because_claims_belong_to_the_voice(self, corpus) -> None:
        index = corpus.claim_index()
        for row in stance_table(corpus).rows:
            for cell in row.cells:
                assert cell.silent == (not cell.because)
                for reference in cell.because:
                    assert reference.startswith(cell.voice + "/")
                    assert index[reference][0].id == cell.voice

    @SLOW
    @given(corpora())
    def test_summary_counts_the_row(self, corpus) -> None:
        table = stance_table(corpus)
        for row in table.rows:
            s = row.summary
            assert len(table.voices) == s.agree + s.disagree + s.mixed + s.silent
            assert sum(1 for c in row.cells if c.position is M) == s.mixed


def taupy_distances(pos1: dict, pos2: dict) -> tuple[Fraction | None, Fraction | None, Fraction]:
    """hamming, bna and normalised edit distance as taupy 0.5.0 (taupy/analysis/agreement.py)
    defines them, transcribed: hamming and bna need one domain, so they take the co-addressed
    theses; the edit distance counts substitutions, insertions and deletions over the union."""
    common = pos1.keys() & pos2.keys()
    hamming = Fraction(len([k for k in common if pos1[k] != pos2[k]]), len(common)) if common else None
    bna = None if hamming is None else 1 - hamming
    union = pos1.keys() | pos2.keys()
    edits = sum(1 for k in union if k not in pos1 or k not in pos2 or pos1[k] != pos2[k])
    return hamming, bna, Fraction(edits, len(union)) if union else Fraction(0)


def positions_of(m: Map) -> dict[str, Position]:
    return {s.thesis: s.position for s in m.stances}


class TestPairMatrix:
    corpus = corpus_of(voice("lind", t1=D, t2=A, t3=M), voice("yeo", t1=A, t2=A, t4=D), voice("jo", t4=M))

    def test_counts_and_distances(self) -> None:
        pair = pair_matrix(self.corpus).pair("yeo", "lind")
        assert Pair(a="lind", b="yeo", agree=1, disagree=1, partial=0, only_a=1, only_b=1) == pair
        assert (2, 4) == (pair.both, pair.union)
        assert (0.5, 0.5, 0.75) == (pair.hamming, pair.bna, pair.edit)

    def test_no_common_thesis_gives_no_hamming(self) -> None:
        pair = pair_matrix(self.corpus).pair("jo", "lind")
        assert (0, None, None, 1.0) == (pair.both, pair.hamming, pair.bna, pair.edit)

    def test_each_unordered_pair_once_sorted(self) -> None:
        assert [("jo", "lind"), ("jo", "yeo"), ("lind", "yeo")] == [(p.a, p.b) for p in pair_matrix(self.corpus).pairs]

    def test_no_stances_at_all_is_edit_zero(self) -> None:
        pair = pair_matrix(corpus_of(voice("a"), voice("b"))).pair("a", "b")
        assert (0, None, 0.0) == (pair.union, pair.hamming, pair.edit)

    def test_a_pair_of_voices_the_matrix_lacks_is_none(self) -> None:
        matrix = pair_matrix(self.corpus, maps=["lind", "yeo"])
        assert matrix.pair("jo", "lind") is None
        assert matrix.pair("lind", "yeo") is matrix.pair("yeo", "lind") is not None

    def test_the_matrix_counts_only_the_theses_and_topic_asked_for(self) -> None:
        # lind and yeo: t1 disagree, t2 agree, t3 only lind, t4 only yeo (t1, t3 are "odd")
        only_t2 = pair_matrix(self.corpus, theses=["t2"]).pair("lind", "yeo")
        assert (1, 0, 0, 0) == (only_t2.agree, only_t2.disagree, only_t2.only_a, only_t2.only_b)
        odd = pair_matrix(self.corpus, topic="odd").pair("lind", "yeo")
        assert (0, 1, 1, 0) == (odd.agree, odd.disagree, odd.only_a, odd.only_b)
        assert ["t1", "t3"] == [t.id for t in pair_matrix(self.corpus, topic="odd").table.theses]

    def test_fractions_are_exact(self) -> None:
        pair = pair_matrix(self.corpus).pair("lind", "yeo")
        assert (Fraction(1, 2), Fraction(1, 2), Fraction(3, 4)) == (
            pair.hamming_fraction, pair.agreement_fraction, pair.edit_fraction)
        apart = pair_matrix(self.corpus).pair("jo", "lind")
        assert (None, None, Fraction(1)) == (apart.hamming_fraction, apart.agreement_fraction, apart.edit_fraction)
        silent = pair_matrix(corpus_of(voice("a"), voice("b"))).pair("a", "b")
        assert Fraction(0) == silent.edit_fraction

    @SLOW
    @given(corpora(min_maps=2))
    def test_agrees_with_taupy_definitions(self, corpus) -> None:
        matrix = pair_matrix(corpus)
        for pair in matrix.pairs:
            expected = taupy_distances(positions_of(corpus.map(pair.a)), positions_of(corpus.map(pair.b)))
            assert expected == (pair.hamming_fraction, None if pair.bna is None else 1 - pair.hamming_fraction,
                                pair.edit_fraction)

    @SLOW
    @given(corpora(min_maps=2))
    def test_counts_recounted_from_the_table(self, corpus) -> None:
        table = stance_table(corpus)
        matrix = pair_matrix(corpus)
        for pair in matrix.pairs:
            expected = dict.fromkeys(Relation, 0)
            for row in table.rows:
                pa = next(c for c in row.cells if c.voice == pair.a).position
                pb = next(c for c in row.cells if c.voice == pair.b).position
                if pa is not None and pb is not None:
                    key = Relation.AGREE if pa is pb else (Relation.PARTIAL if M in (pa, pb) else Relation.DISAGREE)
                    expected[key] += 1
                elif pa is not None or pb is not None:
                    expected[Relation.ONLY_A if pa is not None else Relation.ONLY_B] += 1
            actual = {Relation.AGREE: pair.agree, Relation.DISAGREE: pair.disagree,
                      Relation.PARTIAL: pair.partial, Relation.ONLY_A: pair.only_a, Relation.ONLY_B: pair.only_b}
            assert expected == actual

    @SLOW
    @given(corpora(min_maps=2))
    def test_distances_in_range_and_symmetric(self, corpus) -> None:
        forward = pair_matrix(corpus)
        backward = pairs_from_table(stance_table(corpus, maps=[m.id for m in reversed(corpus.maps)]))
        assert sorted(forward.pairs, key=lambda p: (p.a, p.b)) == sorted(backward.pairs, key=lambda p: (p.a, p.b))
        for pair in forward.pairs:
            for value in (pair.hamming, pair.bna, pair.edit):
                assert value is None or 0.0 <= value <= 1.0
            assert (pair.hamming is None) == (pair.both == 0)
            assert pair.bna is None or pair.bna == pytest.approx(1 - pair.hamming)

    @SLOW
    @given(corpora())
    def test_a_voice_is_at_distance_zero_from_its_copy(self, corpus) -> None:
        original = corpus.maps[0]
        twin = attrs.evolve(original, id="zz-twin-of-first")
        pair = pair_matrix(attrs.evolve(corpus, maps=corpus.maps + (twin,))).pair(original.id, twin.id)
        assert 0.0 == pair.edit
        assert pair.hamming in (None, 0.0)
        assert 0 == pair.only_a + pair.only_b + pair.disagree + pair.partial


class TestClusters:
    # Two camps: hawks agree on t1,t2; doves disagree on them. A loner speaks only on t4.
    corpus = corpus_of(voice("hawk-a", t1=A, t2=A), voice("hawk-b", t1=A, t2=A, t3=A),
                       voice("dove-a", t1=D, t2=D), voice("dove-b", t1=D, t2=M), voice("loner", t4=A))

    def test_camps(self) -> None:
        camps = clusters(pair_matrix(self.corpus), threshold=0.5)
        assert [("dove-a", "dove-b"), ("hawk-a", "hawk-b"), ("loner",)] == [c.voices for c in camps]
        hawks = camps[1]
        assert (((("t1", A), ("t2", A))), pytest.approx(1 / 3)) == (hawks.shared, hawks.spread)
        assert Camp(voices=("loner",), spread=None, shared=(("t4", A),)) == camps[2]

    def test_threshold_zero_and_one(self) -> None:
        matrix = pair_matrix(self.corpus)
        assert 5 == len(clusters(matrix, threshold=0.0))
        assert [tuple(sorted(m.id for m in self.corpus.maps))] == [c.voices for c in clusters(matrix, threshold=1.0)]

    def test_a_camp_of_three_has_the_mean_of_its_three_distances_and_what_all_share(self) -> None:
        corpus = corpus_of(voice("a", t1=A, t2=A, t3=A), voice("b", t1=A, t2=A, t3=D),
                           voice("c", t1=A, t2=A, t3=M), voice("z", t4=A))
        (camp, loner) = clusters(pair_matrix(corpus), threshold=0.5)
        assert (("a", "b", "c"), pytest.approx(1 / 3), (("t1", A), ("t2", A))) == (
            camp.voices, camp.spread, camp.shared)
        assert ("z",) == loner.voices

    def test_voices_silent_on_every_thesis_are_no_distance_apart(self) -> None:
        """As `edit` says (0 when neither speaks), two silent voices form one camp."""
        corpus = corpus_of(voice("quiet-a"), voice("quiet-b"), voice("loud", t1=A))
        camps = clusters(pair_matrix(corpus), threshold=0.0)
        assert [("quiet-a", "quiet-b"), ("loud",)] == [c.voices for c in camps]
        assert (0.0, ()) == (camps[0].spread, camps[0].shared)

    def test_the_threshold_is_exact_at_the_distance_itself(self) -> None:
        """Voices exactly 1/3 apart join at a threshold of 1/3, not at 0.3333 (the threshold is
        not rounded to a nearby fraction)."""
        corpus = corpus_of(voice("a", t1=A, t2=A, t3=A), voice("b", t1=A, t2=A, t3=D))
        matrix = pair_matrix(corpus)
        assert [("a", "b")] == [c.voices for c in clusters(matrix, threshold=1 / 3)]
        assert [("a",), ("b",)] == [c.voices for c in clusters(matrix, threshold=0.3333)]
        assert [("a",), ("b",)] == [c.voices for c in clusters(matrix, threshold=0.333333333)]

    def test_linkage_is_the_whole_dendrogram(self) -> None:
        merges = linkage(pair_matrix(self.corpus))
        assert 4 == len(merges)
        assert [m.distance for m in merges] == sorted(m.distance for m in merges)
        assert (("hawk-a",), ("hawk-b",), pytest.approx(1 / 3)) == (merges[0].left, merges[0].right,
                                                                   merges[0].distance)

    @SLOW
    @given(corpora(), st.floats(0, 1))
    def test_camps_partition_the_voices(self, corpus, threshold) -> None:
        camps = clusters(pair_matrix(corpus), threshold)
        members = [v for c in camps for v in c.voices]
        assert sorted(m.id for m in corpus.maps) == sorted(members)
        for camp in camps:
            assert (camp.spread is None) == (len(camp.voices) == 1)


def textbook_linkage(matrix, stop_above=None) -> tuple[list[tuple[str, ...]], list[tuple]]:
    """Average linkage as defined: each step joins the two groups (in list order: voices by id,
    then groups as made) whose mean member-pair distance is least; ties by the pair of id tuples."""
    d = {}
    for p in matrix.pairs:
        d[(p.a, p.b)] = d[(p.b, p.a)] = p.edit_fraction
    groups = [(v.id,) for v in sorted(matrix.voices, key=lambda v: v.id)]
    merges = []
    while len(groups) > 1:
        distance, left, right = min((sum((d[(x, y)] for x in g for y in h), Fraction(0)) / (len(g) * len(h)), g, h)
                                    for i, g in enumerate(groups) for h in groups[i + 1:])
        if stop_above is not None and distance > stop_above:
            break
        groups = [g for g in groups if g not in (left, right)] + [tuple(sorted(left + right))]
        merges.append((left, right, float(distance)))
    return groups, merges


class TestLinkageAtScale:
    """The heap and Lance-Williams update give exactly the textbook loop's dendrogram and camps."""

    @SLOW
    @given(st.lists(st.lists(st.sampled_from([A, D, M, None]), min_size=3, max_size=3), min_size=1, max_size=9),
           st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]))
    def test_same_as_textbook(self, rows, threshold) -> None:
        # three theses and few positions: many ties, the case where an order could slip
        voices = [voice(f"v{i}", **{f"t{k + 1}": p for k, p in enumerate(row) if p is not None})
                  for i, row in enumerate(rows)]
        matrix = pair_matrix(corpus_of(*voices))
        _groups, merges = textbook_linkage(matrix)
        assert merges == [(m.left, m.right, m.distance) for m in linkage(matrix)]
        cut, _ = textbook_linkage(matrix, Fraction(threshold))
        assert sorted(cut, key=lambda g: (-len(g), g)) == [c.voices for c in clusters(matrix, threshold)]

    def test_many_voices_stay_fast(self) -> None:
        # 300 voices: the textbook loop takes minutes; this must be a fraction of a second's work
        rows = [[(A, D, M, None)[(i * 7 + k * 3) % 4] for k in range(6)] for i in range(300)]
        voices = [voice(f"v{i:03d}", **{f"t{k + 1}": p for k, p in enumerate(row) if p is not None})
                  for i, row in enumerate(rows)]
        corpus = corpus_of(*voices, theses=tuple(f"t{k + 1}" for k in range(6)))
        matrix = pair_matrix(corpus)
        assert 299 == len(linkage(matrix))
        assert matrix.pair("v299", "v000") is matrix.pairs[298]


class TestDiffVoices:
    corpus = corpus_of(voice("lind", t1=D, t2=A, t3=M), voice("yeo", t1=A, t2=A, t4=D), voice("jo", t3=A))

    def test_relations_by_thesis(self) -> None:
        diff = diff_voices(self.corpus, "lind", "yeo")
        assert [("t1", Relation.DISAGREE), ("t2", Relation.AGREE), ("t3", Relation.ONLY_A),
                ("t4", Relation.ONLY_B)] == [(i.thesis.id, i.relation) for i in diff.items]

    def test_sides_carry_claims_and_quotes(self) -> None:
        item = next(i for i in diff_voices(self.corpus, "lind", "jo").items if i.thesis.id == "t3")
        assert (Relation.PARTIAL, M, A) == (item.relation, item.a.position, item.b.position)
        claim = item.a.claims[0]
        assert ("lind/why-t3", "lind on t3", ("said t3",)) == (claim.id, claim.text, claim.quotes)

    def test_silent_side_is_none(self) -> None:
        item = diff_voices(self.corpus, "lind", "yeo").of(Relation.ONLY_A)[0]
        assert (None, M) == (item.b, item.a.position)

    def test_unknown_voice(self) -> None:
        with pytest.raises(UnknownIdError, match=r"unknown voice 'yoe' \(did you mean 'yeo'\?\)"):
            diff_voices(self.corpus, "lind", "yoe")

    def test_a_quote_without_a_source_is_shown_with_the_source_of_the_map_that_holds_it(self) -> None:
        lind = attrs.evolve(voice("lind", t1=D), source="lind-report")
        own = Evidence(quote="in a book", source="lind-book")
        lind = attrs.evolve(lind, claims=(attrs.evolve(lind.claims[0], evidence=lind.claims[0].evidence + (own,)),))
        yeo = attrs.evolve(voice("yeo", t1=A), source="yeo-article")
        # yeo gives lind's claim as a reason too: its quotes still come from lind's source
        yeo = attrs.evolve(yeo, stances=(Stance(thesis="t1", position=A, because=("why-t1", "lind/why-t1")),))
        item = diff_voices(corpus_of(lind, yeo), "lind", "yeo").items[0]
        assert [("said t1", "lind-report"), ("in a book", "lind-book")] == [
            (e.quote, e.source) for e in item.a.claims[0].evidence]
        assert [["yeo-article"], ["lind-report", "lind-book"]] == [
            [e.source for e in c.evidence] for c in item.b.claims]
        assert ["yeo/why-t1", "lind/why-t1"] == [c.id for c in item.b.claims]

    def test_a_reason_that_does_not_resolve_has_no_text_and_no_quotes(self) -> None:
        lind = voice("lind", t1=D)
        lind = attrs.evolve(lind, stances=(Stance(thesis="t1", position=D, because=("gone", "why-t1"),
                                                  note="see p. 4"),))
        side = diff_voices(corpus_of(lind, voice("yeo", t1=A)), "lind", "yeo").items[0].a
        assert [("lind/gone", None, ()), ("lind/why-t1", "lind on t1", ("said t1",))] == [
            (c.id, c.text, c.quotes) for c in side.claims]
        assert "see p. 4" == side.note

    def test_relations_that_reach_the_other_voice_are_told_with_whose_they_are(self) -> None:
        lind, yeo = voice("lind", t1=D), voice("yeo", t1=A, t2=A)
        reply = ClaimRelation(target="yeo/why-t1", basis=Basis.REPLY,
                              evidence=(Evidence(quote="not so"), Evidence(quote="never")))
        contrast = Undercut(from_="yeo/why-t2", to="yeo/why-t1", basis=Basis.CONTRAST, note="Side by side.")
        lind = attrs.evolve(lind, claims=(attrs.evolve(lind.claims[0], attacks=(reply,), undercuts=(contrast,)),))
        agree = ClaimRelation(target="lind/why-t1", basis=Basis.CONTRAST, note="Both say so.")
        yeo = attrs.evolve(yeo, claims=(attrs.evolve(yeo.claims[0], supports=("why-t2",)),
                                        attrs.evolve(yeo.claims[1], supports=(agree,))))
        diff = diff_voices(corpus_of(lind, yeo), "yeo", "lind")
        names = {"lind": "Lind (2024)", "yeo": "Yeo (2023)"}
        assert [
            "The mapper sets Yeo (2023)'s yeo/why-t2 beside Lind (2024)'s lind/why-t1: Both say so.",
            "Lind (2024)'s lind/why-t1 answers Yeo (2023)'s yeo/why-t1: “not so; never”",
            "The mapper sets Lind (2024)'s lind/why-t1 against the support for Yeo (2023)'s yeo/why-t1: "
            "Side by side.",
        ] == [b.sentence(names) for b in diff.between]
        assert [("support", Basis.CONTRAST, ()), ("attack", Basis.REPLY, ("not so", "never")),
                ("undercut", Basis.CONTRAST, ())] == [(b.kind, b.basis, b.quotes) for b in diff.between]

    def test_the_same_voice_twice_is_asked_for_once(self) -> None:
        with pytest.raises(UnknownIdError) as caught:
            diff_voices(self.corpus, "lnd", "lnd")
        assert ("lnd",) == caught.value.unknown

    @SLOW
    @given(corpora(min_maps=2), st.data())
    def test_mirrors(self, corpus, data) -> None:
        a, b = data.draw(st.permutations([m.id for m in corpus.maps]))[:2]
        there, back = diff_voices(corpus, a, b), diff_voices(corpus, b, a)
        swap = {Relation.ONLY_A: Relation.ONLY_B, Relation.ONLY_B: Relation.ONLY_A}
        assert (there.a, there.b) == (back.b, back.a)
        assert [(i.thesis, swap.get(i.relation, i.relation), i.b, i.a) for i in there.items] == \
               [(i.thesis, i.relation, i.a, i.b) for i in back.items]


class TestDiffCorpora:
    def test_same_corpus_has_no_changes(self) -> None:
        corpus = corpus_of(voice("lind", t1=D), voice("yeo", t2=A))
        assert () == diff_corpora(corpus, corpus).changes

    def test_each_kind_of_change(self) -> None:
        old = corpus_of(voice("lind", t1=D, t2=A), voice("yeo", t2=A), voice("gone", t1=A))
        lind = voice("lind", t1=M, t3=A)
        claim = lind.claims[0]
        lind = attrs.evolve(lind, claims=(attrs.evolve(claim, text="new text",
                                                       evidence=(Evidence(quote="said t1"),
                                                                 Evidence(quote="a new quote"))),)
                            + lind.claims[1:])
        new = corpus_of(lind, voice("yeo", t2=A), voice("fresh", t4=D))
        found = [(c.what, c.status, c.ref, c.quote, [(f.field, f.old, f.new) for f in c.fields])
                 for c in diff_corpora(old, new).changes]
        assert [
            ("map", "added", "fresh", None, []),
            ("map", "removed", "gone", None, []),
            ("claim", "changed", "lind/why-t1", None, [("text", "lind on t1", "new text")]),
            ("claim", "removed", "lind/why-t2", None, []),
            ("claim", "added", "lind/why-t3", None, []),
            ("quote", "added", "lind/why-t1", "a new quote", []),
            ("quote", "changed", "lind/why-t1", "said t1", [("kind", "reported", "quote")]),
            ("stance", "changed", "lind on t1", None, [("position", "disagree", "mixed")]),
            ("stance", "removed", "lind on t2", None, []),
            ("stance", "added", "lind on t3", None, []),
        ] == found

    @pytest.mark.parametrize(("before", "after", "field", "old_value", "new_value"), [
        ({"note": "p. 3"}, {"note": "p. 4"}, "note", "p. 3", "p. 4"),
        ({}, {"note": "p. 4"}, "note", None, "p. 4"),
        ({"source": "a"}, {"source": "b"}, "source", "a", "b"),
    ])
    def test_a_quote_known_by_its_text_reports_what_changed_around_it(
            self, before, after, field, old_value, new_value) -> None:
        def with_quote(**fields) -> Corpus:
            lind = voice("lind", t1=D)
            claim = attrs.evolve(lind.claims[0], evidence=(Evidence(quote="said t1", **fields),))
            return corpus_of(attrs.evolve(lind, claims=(claim,)))

        found = [(c.what, c.status, c.ref, c.quote, [(f.field, f.old, f.new) for f in c.fields])
                 for c in diff_corpora(with_quote(**before), with_quote(**after)).changes]
        assert [("quote", "changed", "lind/why-t1", "said t1", [(field, old_value, new_value)])] == found

    def test_relations_and_authors_are_compared_with_whose_relation_it_is(self) -> None:
        def version(basis: Basis, affiliation: str | None, undercut_to: str) -> Corpus:
            lind, yeo = voice("lind", t1=D), voice("yeo", t1=A, t2=A)
            claim = attrs.evolve(lind.claims[0], attacks=(ClaimRelation(target="yeo/why-t1", basis=basis),),
                                 undercuts=(Undercut(from_="yeo/why-t2", to=undercut_to, basis=basis),))
            lind = attrs.evolve(lind, claims=(claim,), authors=(Author(name="Lind", affiliation=affiliation),))
            return corpus_of(lind, yeo)

        found = [(c.what, c.status, c.ref, [(f.field, f.old, f.new) for f in c.fields])
                 for c in diff_corpora(version(Basis.CONTRAST, None, "yeo/why-t1"),
                                       version(Basis.REPLY, "Dartmouth", "yeo/why-t3")).changes]
        assert [
            ("map", "changed", "lind", [("authors", ("Lind",), ("Lind (Dartmouth)",))]),
            ("claim", "changed", "lind/why-t1", [
                ("attacks", ("yeo/why-t1 (contrast)",), ("yeo/why-t1 (reply)",)),
                ("undercuts", ("yeo/why-t2 -> yeo/why-t1 (contrast)",), ("yeo/why-t2 -> yeo/why-t3 (reply)",)),
            ]),
        ] == found

    def test_maps_and_theses_report_each_changed_field(self) -> None:
        old = corpus_of(voice("lind", t1=D), voice("yeo", t1=A))
        theses = (Thesis(id="t1", text="Thesis t1", topic="odd", questions=("q1",)),
                  Thesis(id="t2", text="Now worded so", topic="even"),
                  Thesis(id="t5", text="New"))
        new = Corpus(theses=theses, maps=(attrs.evolve(old.maps[0], source="lind-report"), old.maps[1]))
        diff = diff_corpora(old, new, old_label="v1", new_label="v2")
        assert ("v1", "v2") == (diff.old, diff.new)
        found = [(c.what, c.status, c.ref, [(f.field, f.old, f.new) for f in c.fields]) for c in diff.changes]
        assert [
            ("map", "changed", "lind", [("source", None, "lind-report")]),
            ("thesis", "changed", "t1", [("questions", (), ("q1",))]),
            ("thesis", "changed", "t2", [("text", "Thesis t2", "Now worded so")]),
            ("thesis", "removed", "t3", []),
            ("thesis", "removed", "t4", []),
            ("thesis", "added", "t5", []),
        ] == found
        assert ("old", "new") == (diff_corpora(old, old).old, diff_corpora(old, old).new)

    def test_changes_can_be_asked_for_by_kind_and_status(self) -> None:
        old = corpus_of(voice("lind", t1=D, t2=A), voice("gone", t1=A))
        new = corpus_of(voice("lind", t1=M, t3=A), voice("fresh", t2=D))
        diff = diff_corpora(old, new)
        assert ["fresh", "gone"] == [c.id for c in diff.of("map")]
        assert ["gone"] == [c.id for c in diff.of("map", "removed")]
        assert [("t1", "changed")] == [(c.id, c.status) for c in diff.of("stance", "changed")]
        assert [] == list(diff.of("thesis", "added"))

    def test_a_support_and_a_topic_changed_are_reported_with_their_words(self) -> None:
        def version(support: str, topic: str | None) -> Corpus:
            lind = voice("lind", t1=D, t2=A)
            claim = attrs.evolve(lind.claims[0], supports=(ClaimRelation(target=support),))
            lind = attrs.evolve(lind, claims=(claim, lind.claims[1]))
            return Corpus(theses=(Thesis(id="t1", text="T", topic=topic), Thesis(id="t2", text="U")), maps=(lind,))

        found = [(c.what, c.ref, [(f.field, f.old, f.new) for f in c.fields])
                 for c in diff_corpora(version("why-t2", "odd"), version("why-t1", None)).changes]
        assert [("thesis", "t1", [("topic", "odd", None)]),
                ("claim", "lind/why-t1", [("supports", ("why-t2",), ("why-t1",))])] == found

    def test_an_undercut_within_one_voice_is_written_without_a_basis(self) -> None:
        def version(to: str) -> Corpus:
            lind = voice("lind", t1=D, t2=A, t3=A)
            claim = attrs.evolve(lind.claims[0], undercuts=(Undercut(from_="why-t2", to=to),))
            return corpus_of(attrs.evolve(lind, claims=(claim, *lind.claims[1:])))

        (change,) = diff_corpora(version("why-t3"), version("why-t1")).changes
        assert [("undercuts", ("why-t2 -> why-t3",), ("why-t2 -> why-t1",))] == [
            (f.field, f.old, f.new) for f in change.fields]

    def test_changes_read_by_kind_voice_id_then_removed_added_changed_then_quote(self) -> None:
        def version(zed: tuple[Evidence, ...], yeo_text: str) -> Corpus:
            lind, yeo = voice("lind", t1=D), voice("yeo", t1=A)
            claim = attrs.evolve(lind.claims[0], id="z", evidence=zed)
            said = yeo.claims[0].evidence if yeo_text == "before" else ()
            yeo = attrs.evolve(yeo, claims=(attrs.evolve(yeo.claims[0], id="a", text=yeo_text, evidence=said),))
            return corpus_of(attrs.evolve(lind, claims=(claim,), stances=()), attrs.evolve(yeo, stances=()))

        old = version((Evidence(quote="y"), Evidence(quote="b"), Evidence(quote="m", note="1")), "before")
        new = version((Evidence(quote="z"), Evidence(quote="m", note="2"), Evidence(quote="a")), "after")
        found = [(c.what, c.status, c.ref, c.quote) for c in diff_corpora(old, new).changes]
        assert [
            ("claim", "changed", "yeo/a", None),
            ("quote", "removed", "lind/z", "b"),
            ("quote", "removed", "lind/z", "y"),
            ("quote", "added", "lind/z", "a"),
            ("quote", "added", "lind/z", "z"),
            ("quote", "changed", "lind/z", "m"),
            ("quote", "removed", "yeo/a", "said t1"),
        ] == found

    def test_a_quote_twice_and_its_second_copy_removed(self) -> None:
        def version(*notes: str | None) -> Corpus:
            lind = voice("lind", t1=D)
            claim = attrs.evolve(lind.claims[0], evidence=tuple(Evidence(quote="q", note=n) for n in notes))
            return corpus_of(attrs.evolve(lind, claims=(claim,)))

        found = [(c.what, c.status, c.quote, [(f.field, f.old, f.new) for f in c.fields])
                 for c in diff_corpora(version("a", "b"), version("c")).changes]
        assert [("quote", "removed", "q", []), ("quote", "changed", "q", [("note", "a", "c")])] == found

    @SLOW
    @given(corpus_edits())
    def test_mirrors(self, versions) -> None:
        old, new = versions
        there, back = diff_corpora(old, new), diff_corpora(new, old)
        flip = {"added": "removed", "removed": "added", "changed": "changed"}
        def key(c):
            return (c.what, c.map or "", c.id, c.quote or "")

        mirrored = sorted((attrs.evolve(c, status=flip[c.status],
                                        fields=tuple(attrs.evolve(f, old=f.new, new=f.old) for f in c.fields))
                           for c in there.changes), key=key)
        assert mirrored == sorted(back.changes, key=key)
        assert (old == new) == (not there.changes)


class TestShippedCorpus:
    """The contrasts the source texts support."""

    def test_lind_and_sahashi_differ_on_history(self, corpus) -> None:
        """Lind's "apology fatigue" against Sahashi's contradictory statements by Japanese politicians."""
        needs_voices(corpus, "lind", "sahashi")
        diff = diff_voices(corpus, "lind", "sahashi")
        item = next(i for i in diff.of(Relation.DISAGREE) if i.thesis.id == "reconciliation-overemphasised")
        assert (A, D) == (item.a.position, item.b.position)
        def quotes(side):
            return " ".join(q for c in side.claims for q in c.quotes)
        assert "apology fatigue" in quotes(item.a) and "contradictory statements" in quotes(item.b)

    def test_lind_makes_no_forecast(self, corpus) -> None:
        """The report gives no forecast of hers, so on sustainability only Yeo speaks."""
        needs_voices(corpus, "lind", "yeo")
        diff = diff_voices(corpus, "lind", "yeo")
        assert Relation.ONLY_B == next(i.relation for i in diff.items if i.thesis.id == "rapprochement-sustainable")

    def test_lind_and_yeo_agree_on_technology(self, corpus) -> None:
        needs_voices(corpus, "lind", "yeo")
        item = next(i for i in diff_voices(corpus, "lind", "yeo").items if i.thesis.id == "technology-promising")
        assert (Relation.AGREE, A) == (item.relation, item.a.position)
        assert item.a.claims[0].quotes and item.b.claims[0].quotes

    def test_jo_and_yeo_disagree_on_sustainability(self, corpus) -> None:
        needs_voices(corpus, "jo", "yeo")
        item = next(i for i in diff_voices(corpus, "jo", "yeo").items if i.thesis.id == "rapprochement-sustainable")
        assert (Relation.DISAGREE, D, A) == (item.relation, item.a.position, item.b.position)

    def test_sustainability_is_contested(self, corpus) -> None:
        needs_voices(corpus, "jo", "yeo")
        row = next(r for r in stance_table(corpus).rows if r.thesis.id == "rapprochement-sustainable")
        assert Verdict.CONTESTED == row.summary.verdict

    def test_matrix_pair_for_jo_and_yeo(self, corpus) -> None:
        needs_voices(corpus, "jo", "yeo")
        pair = pair_matrix(corpus).pair("yeo", "jo")
        assert pair.disagree >= 1
        assert pair.hamming > 0


# --- the commands ---------------------------------------------------------------------------------

@pytest.fixture
def run(capsys, monkeypatch):
    from argmap.cli import main

    if SOURCES.is_dir():
        monkeypatch.setenv("ARGMAP_SOURCES", str(SOURCES))
    monkeypatch.delenv("NO_COLOR", raising=False)

    def invoke(*argv: str) -> tuple[int, str, str]:
        try:
            status = main(list(argv))
        except SystemExit as exc:  # a command stopped by errors in the maps
            status = exc.code
        out, err = capsys.readouterr()
        return status, out, err

    return invoke


class TestCommands:
    def test_help_lines_are_short(self) -> None:
        from argmap.cli import COMMANDS, build_parser

        build_parser()
        for name in ("table", "matrix", "diff"):
            assert len(COMMANDS[name][0]) < 55, name

    def test_table_json_has_the_design_shape(self, run, corpus) -> None:
        status, out, _ = run("table", str(MAPS), "--format", "json")
        data = json.loads(out)
        assert 0 == status
        assert {"theses", "voices", "cells"} <= data.keys()
        assert [{"id", "text"}] * len(data["theses"]) == [set(t) & {"id", "text"} for t in data["theses"]]
        assert [m.id for m in corpus.maps] == [v["id"] for v in data["voices"]]
        stances = sum(len(m.stances) for m in corpus.maps)
        assert stances == len(data["cells"])
        for cell in data["cells"]:
            assert {"thesis", "voice", "position", "because"} <= cell.keys()
            assert all(r.startswith(cell["voice"] + "/") for r in cell["because"])

    def test_table_term_fits_80_and_has_no_colour_when_piped(self, run, corpus) -> None:
        status, out, _ = run("table", str(MAPS), "--width", "80")
        assert 0 == status
        assert "\x1b[" not in out
        assert all(len(line) <= 80 for line in out.splitlines())

    def test_colour_always_and_never(self, run, corpus, monkeypatch) -> None:
        assert "\x1b[" in run("table", str(MAPS), "--color", "always")[1]
        assert "\x1b[" not in run("table", str(MAPS), "--color", "never")[1]

    def test_no_color_wins_over_auto_on_a_terminal(self, run, corpus, monkeypatch) -> None:
        import sys

        monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
        assert "\x1b[" in run("table", str(MAPS))[1]
        monkeypatch.setenv("NO_COLOR", "1")
        assert "\x1b[" not in run("table", str(MAPS))[1]

    def test_table_filters(self, run, corpus) -> None:
        needs_voices(corpus, "lind", "yeo")
        status, out, _ = run("table", str(MAPS), "--maps", "yeo,lind", "--theses",
                             "technology-promising", "--format", "csv")
        assert 0 == status
        assert out.splitlines()[0].startswith("thesis,text,yeo,yeo because,lind,lind because,agree")
        assert 2 == len(out.splitlines())

    @pytest.mark.parametrize("argv", [("table", "--maps", "lnd"), ("table", "--topic", "outlok"),
                                      ("diff", "lnd", "yeo"), ("matrix", "--maps", "lind,yoe")])
    def test_unknown_ids_are_usage_errors_with_suggestions(self, run, corpus, argv) -> None:
        status, _out, err = run(*argv[:1], *argv[1:], str(MAPS))
        assert 2 == status
        assert "did you mean" in err and "known" in err

    def test_matrix_json_has_the_design_shape(self, run, corpus) -> None:
        status, out, _ = run("matrix", str(MAPS), "--format", "json")
        pairs = json.loads(out)["pairs"]
        n = len(corpus.maps)
        assert (0, n * (n - 1) // 2) == (status, len(pairs))
        for p in pairs:
            assert {"a", "b", "agree", "disagree", "partial", "both", "hamming", "bna", "edit"} <= p.keys()
            assert p["a"] < p["b"]
            assert (p["hamming"] is None) == (p["both"] == 0)

    def test_matrix_clusters(self, run, corpus) -> None:
        status, out, _ = run("matrix", str(MAPS), "--clusters", "--threshold", "1", "--format", "json")
        data = json.loads(out)
        assert (0, 1.0) == (status, data["threshold"])
        assert [sorted(m.id for m in corpus.maps)] == [c["voices"] for c in data["camps"]]
        status, out, _ = run("matrix", str(MAPS), "--clusters", "--width", "80")
        assert "Camps (average linkage on edit distance, cut at 0.50)" in out

    def test_matrix_clusters_has_no_csv(self, run, corpus) -> None:
        assert 2 == run("matrix", str(MAPS), "--clusters", "--format", "csv")[0]

    def test_diff_json_has_the_design_shape(self, run, corpus) -> None:
        needs_voices(corpus, "lind", "yeo")
        status, out, _ = run("diff", "lind", "yeo", str(MAPS), "--format", "json")
        data = json.loads(out)
        assert (0, "lind", "yeo") == (status, data["a"], data["b"])
        for item in data["items"]:
            assert item["relation"] in ("agree", "disagree", "partial", "only-a", "only-b")
            assert (item["b"] is None) == (item["relation"] == "only-a")
            for side in (item["a"], item["b"]):
                if side is not None:
                    assert all({"id", "text", "quotes"} <= c.keys() for c in side["claims"])

    def test_diff_term_shows_why(self, run, corpus) -> None:
        needs_voices(corpus, "jo", "yeo")
        status, out, _ = run("diff", "jo", "yeo", str(MAPS), "--width", "100")
        assert 0 == status
        disagree = out.split("Disagree (")[1].split("\n\n")[0]
        assert "rapprochement-sustainable" in disagree and "jo ✗ disagree" in disagree
        assert "“" in disagree  # the quotes are shown

    def test_corpus_diff_of_two_folders(self, run, corpus, tmp_path) -> None:
        needs_voices(corpus, "lind")
        old, new = tmp_path / "old", tmp_path / "new"
        shutil.copytree(MAPS, old)
        shutil.copytree(MAPS, new)
        lind = (new / "lind.yaml").read_text(encoding="utf-8")
        (new / "lind.yaml").write_text(lind.replace("position: disagree", "position: mixed", 1), encoding="utf-8")
        status, out, _ = run("diff", str(old), str(new), "--format", "json")
        assert 0 == status
        changes = json.loads(out)["changes"]
        assert 1 == len(changes)
        assert ("stance", "changed", "lind") == (changes[0]["what"], changes[0]["status"], changes[0]["map"])
        assert [{"field": "position", "old": "disagree", "new": "mixed"}] == changes[0]["fields"]
        status, out, _ = run("diff", str(old), str(new))
        assert "1 stance changed" in " ".join(out.split("\n\n")[0].split())

    def test_corpus_diff_takes_no_paths(self, run, tmp_path) -> None:
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        assert 2 == run("diff", str(tmp_path / "a"), str(tmp_path / "b"), str(MAPS))[0]

    def test_errors_in_the_maps_stop_the_command(self, run, tmp_path) -> None:
        (tmp_path / "bad.yaml").write_text("argmap: 1\nid: bad\nauthors: [{name: X}]\n"
                                           "stances: [{thesis: nope, position: agree, because: [x]}]\n")
        assert 1 == run("table", str(tmp_path))[0]

