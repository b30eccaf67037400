"""Incremental builds: after any one map is edited, `argmap build` remakes only the pages that
show what changed, and what it makes is byte for byte what a build from scratch makes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap.build as builder
from argmap.build import MANIFEST, build
from argmap.graph import qualify
from argmap.model import Author, Claim, Position, Source
from argmap.pipeline import compile_corpus
from argmap.render.tables import LISTED_VOICES, all_tables, table_files

from conftest import MAPS, SOURCES, fake_dot, needs_shared
from strategies import linked_corpora, one_map_edits, plain_text


def tree(root: Path) -> dict[str, bytes]:
    files = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    files.pop(MANIFEST, None)
    return files


def differing(expected: dict[str, bytes], made: dict[str, bytes]) -> list[str]:
    """The files an incremental build made otherwise than a fresh one (or not at all)."""
    return sorted(p for p in expected.keys() | made.keys() if expected.get(p) != made.get(p))


def incremental_and_fresh(before, after, scratch: Path, *, diagrams: bool,
                          template: Path | None = None):
    """(report, incremental tree, fresh tree): `after` built over a build of `before`, and
    from scratch."""
    out, fresh = scratch / "out", scratch / "fresh"
    for folder in (out, fresh):
        shutil.rmtree(folder, ignore_errors=True)
    if template is not None:
        shutil.copytree(template, out)
    else:
        build(before, out, diagrams=diagrams)
    report = build(after, out, diagrams=diagrams)
    build(after, fresh, diagrams=diagrams)
    return report, tree(out), tree(fresh)


# Two dated sources, so that a quote moved to another source changes the dates pages show.
DATED = (Source(id="src", title="A source", date="2020-01-02"),
         Source(id="later", title="A later source", date="2021-03-04"))


@st.composite
def edited_corpora(draw):
    before = attrs.evolve(draw(linked_corpora(max_maps=4)), sources=DATED)
    return before, draw(one_map_edits(before, text=plain_text))


class TestSameAsFromScratch:
    @settings(max_examples=30, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(edited_corpora(), st.booleans())
    def test_generated_corpora(self, graphviz, tmp_path_factory, pair, diagrams):
        before, after = pair
        scratch = tmp_path_factory.mktemp("build")
        report, made, expected = incremental_and_fresh(before, after, scratch, diagrams=diagrams)
        assert [] == differing(expected, made)
        assert set(report.remade) <= set(expected)

    @needs_shared
    @settings(max_examples=10, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(st.data())
    def test_the_shipped_corpus(self, shipped, tmp_path_factory, data):
        corpus, template = shipped
        after = data.draw(one_map_edits(corpus))
        scratch = tmp_path_factory.mktemp("build")
        report, made, expected = incremental_and_fresh(corpus, after, scratch, diagrams=False,
                                                       template=template)
        assert expected == made
        assert len(report.remade) < len(made)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped corpus and a build of it (without diagrams), copied for each example."""
    corpus, _warnings = compile_corpus([MAPS], SOURCES)
    template = tmp_path_factory.mktemp("shipped") / "out"
    build(corpus, template, diagrams=False)
    return corpus, template


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A benchmark corpus (benchmarks/corpus_gen.py): 12 voices of 20 claims attacking each other."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from corpus_gen import generate

    folder = tmp_path_factory.mktemp("generated")
    generate(folder, 240, 12)
    corpus, _warnings = compile_corpus([folder / "maps"], folder / "sources")
    return corpus


class TestProportional:
    """On a corpus where voices attack each other (as in benchmarks/corpus_gen.py), editing one
    claim remakes its voice's page, the pages showing that claim, and the whole-corpus pages."""

    def test_one_claim_edited_remakes_the_pages_that_show_it(self, generated, tmp_path):
        corpus = generated
        out = tmp_path / "out"
        build(corpus, out, diagrams=False)
        voice = corpus.map("voice-00")
        attacked = {r.target for m in corpus.maps for c in m.claims for r in c.attacks}
        claim = next(c for c in voice.claims if f"voice-00/{c.id}" in attacked)
        edited = attrs.evolve(claim, text=claim.text + " Edited.")
        after = attrs.evolve(corpus, maps=tuple(
            attrs.evolve(m, claims=tuple(edited if c is claim else c for c in m.claims))
            if m is voice else m for m in corpus.maps))

        report = build(after, out, diagrams=False)

        def shows(m) -> bool:   # a relation of its own reaches the claim, or one of the claim's
            ends = {r.target for c in m.claims for r in (*c.supports, *c.attacks)}
            return f"voice-00/{claim.id}" in ends or \
                any(r.target.startswith(f"{m.id}/") for r in (*claim.attacks, *claim.supports))
        theses = {s.thesis for s in voice.stances if claim.id in s.because}
        expected = {"index.html", "search.js", "voices/voice-00.html"}
        expected |= {f"voices/{m.id}.html" for m in corpus.maps if m is not voice and shows(m)}
        expected |= {f"theses/{t}.html" for t in theses} | {f"handouts/{t}.html" for t in theses}
        expected |= {f"handouts/{t}-blank.html" for t in theses}
        expected |= {"compare.html"} if theses else set()   # it shows each stance's reasons
        # (the matrix and the agreement picture show positions, not what the reasons say)
        expected |= {f"tables/{name}" for name in table_files(len(corpus.maps))
                     if name.startswith("stances.")} if theses else set()
        assert expected == set(report.remade)
        assert len(report.remade) < len(corpus.maps) < len(report.unchanged)
        assert ("voice-00 changed",) == report.changed

    def test_a_reason_edited_remakes_its_theses_and_the_stance_tables(self, generated, tmp_path):
        corpus = generated
        voice = corpus.map("voice-03")
        stance = voice.stances[0]
        reason = voice.claim(stance.because[0])
        after = attrs.evolve(corpus, maps=tuple(
            attrs.evolve(m, claims=tuple(attrs.evolve(c, text="New text.") if c is reason else c
                                         for c in m.claims)) if m is voice else m
            for m in corpus.maps))
        out = tmp_path / "out"
        build(corpus, out, diagrams=False)
        report = build(after, out, diagrams=False)
        assert {f"theses/{stance.thesis}.html", "tables/stances.md",
                "voices/voice-03.html"} <= set(report.remade)
        untouched = [t.id for t in corpus.theses
                     if not any(reason.id in s.because for s in voice.stances if s.thesis == t.id)]
        assert untouched and not {f"theses/{t}.html" for t in untouched} & set(report.remade)
        assert not {"matrix.html", "tables/matrix.md", "tables/matrix.csv"} & set(report.remade)

    @pytest.mark.parametrize("change", ["position", "note", "name"])
    def test_the_matrix_is_remade_when_a_side_or_a_name_changes(self, generated, tmp_path, change):
        corpus = generated
        voice = corpus.map("voice-05")
        stance = voice.stances[0]
        other = next(p for p in Position if p is not stance.position)
        edited = {"position": attrs.evolve(voice, stances=(
                      attrs.evolve(stance, position=other), *voice.stances[1:])),
                  "note": attrs.evolve(voice, stances=(
                      attrs.evolve(stance, note="A new note."), *voice.stances[1:])),
                  "name": attrs.evolve(voice, authors=(Author(name="Someone Else"),))}[change]
        after = attrs.evolve(corpus, maps=tuple(edited if m is voice else m for m in corpus.maps))
        out = tmp_path / "out"
        build(corpus, out, diagrams=False)
        report = build(after, out, diagrams=False)
        matrix = {"matrix.html", "tables/matrix.md", "tables/matrix.csv", "tables/matrix.json"}
        assert "tables/stances.md" in report.remade
        if change == "note":
            assert not matrix & set(report.remade)
        else:
            assert matrix <= set(report.remade)
            fresh = tmp_path / "fresh"
            build(after, fresh, diagrams=False)
            assert tree(fresh) == tree(out)


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """A corpus of more voices than the home page lists with their reasons (LISTED_VOICES), and
    a build of it without diagrams."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from corpus_gen import generate

    folder = tmp_path_factory.mktemp("many")
    generate(folder, (LISTED_VOICES + 5) * 3, LISTED_VOICES + 5, theses=6)
    corpus, _warnings = compile_corpus([folder / "maps"], folder / "sources")
    template = tmp_path_factory.mktemp("many-built") / "out"
    build(corpus, template, diagrams=False)
    return corpus, template


class TestManyVoices:
    """Past LISTED_VOICES the home page shows names and sides, its search index is search.js."""

    def test_a_claim_reworded_leaves_the_home_page(self, many, tmp_path):
        corpus, template = many
        voice = corpus.maps[7]
        claim = voice.claims[-1]
        after = attrs.evolve(corpus, maps=tuple(
            attrs.evolve(m, claims=(*m.claims[:-1], attrs.evolve(claim, text="Reworded.")))
            if m is voice else m for m in corpus.maps))
        report, made, expected = incremental_and_fresh(corpus, after, tmp_path, diagrams=False,
                                                       template=template)
        assert expected == made
        assert "search.js" in report.remade and "index.html" not in report.remade
        assert "Reworded." in made["search.js"].decode()

    def test_a_claim_added_remakes_the_home_page_that_counts_them(self, many, tmp_path):
        corpus, template = many
        voice = corpus.maps[5]
        after = attrs.evolve(corpus, maps=tuple(
            attrs.evolve(m, claims=(*m.claims, Claim(id="added", text="A claim added.")))
            if m is voice else m for m in corpus.maps))
        report, made, expected = incremental_and_fresh(corpus, after, tmp_path, diagrams=False,
                                                       template=template)
        assert expected == made
        assert "index.html" in report.remade

    def test_a_voice_renamed_remakes_the_pages_that_name_it(self, many, tmp_path):
        corpus, template = many
        voice = corpus.maps[3]
        after = attrs.evolve(corpus, maps=tuple(
            attrs.evolve(m, authors=(Author(name="Renamed Person"),)) if m is voice else m
            for m in corpus.maps))
        report, made, expected = incremental_and_fresh(corpus, after, tmp_path, diagrams=False,
                                                       template=template)
        assert expected == made
        linked = {m.id for m in corpus.maps for c in m.claims
                  for r in (*c.supports, *c.attacks) if r.target.startswith(f"{voice.id}/")}
        linked |= {r.target.split("/")[0] for c in voice.claims for r in (*c.supports, *c.attacks)
                   if "/" in r.target}
        pages = {p for p in report.remade if p.startswith("voices/")}
        assert f"voices/{voice.id}.html" in pages
        assert pages <= {f"voices/{v}.html" for v in linked | {voice.id}}
        assert len(pages) < len(corpus.maps) // 2

    def test_a_thesis_reworded_leaves_the_matrix_tables(self, many, tmp_path):
        corpus, template = many
        thesis = corpus.theses[2]
        after = attrs.evolve(corpus, theses=tuple(
            attrs.evolve(t, text="Reworded thesis.", topic="new topic") if t is thesis else t
            for t in corpus.theses))
        report, made, expected = incremental_and_fresh(corpus, after, tmp_path, diagrams=False,
                                                       template=template)
        assert expected == made
        assert {"index.html", "search.js", "matrix.html", f"theses/{thesis.id}.html",
                "tables/stances.md"} <= set(report.remade)
        assert not {p for p in report.remade if p.startswith("tables/matrix.")}
        assert "Reworded thesis." in made["index.html"].decode()

    def test_a_side_changed_counts_the_pairs_again(self, many, tmp_path, monkeypatch):
        """The agreement picture kept in the cache is never shown for other sides: a voice
        that changes its side on a thesis is counted again, as a build from scratch counts."""
        corpus, template = many
        voice = corpus.maps[4]
        stance = voice.stances[0]
        flipped = next(p for p in Position if p is not stance.position)
        after = attrs.evolve(corpus, maps=tuple(
            attrs.evolve(m, stances=(attrs.evolve(stance, position=flipped), *m.stances[1:]))
            if m is voice else m for m in corpus.maps))
        out = tmp_path / "out"
        shutil.copytree(template, out)
        build(after, out, diagrams=False)
        monkeypatch.setenv("ARGMAP_NO_CACHE", "1")   # from scratch, nothing kept
        build(after, tmp_path / "fresh", diagrams=False)
        assert tree(tmp_path / "fresh") == tree(out)

    def test_a_new_argmap_counts_the_pairs_again(self, many, tmp_path, monkeypatch):
        """The pairs and camps kept in argmap's cache are argmap's own work: a new argmap (a
        new way of counting them, perhaps) counts them again rather than show an old count."""
        import argmap.render.site as site

        corpus, template = many
        counted: list[int] = []
        real = site.picture_summary
        monkeypatch.setattr(site, "picture_summary",
                            lambda corpus: counted.append(len(corpus.maps)) or real(corpus))
        out = tmp_path / "out"
        shutil.copytree(template, out)
        monkeypatch.setattr(builder, "__version__", "a new argmap")
        report = build(corpus, out, diagrams=False)
        assert "matrix.html" in report.remade and counted

    @pytest.mark.parametrize("change", ["thesis", "name"])
    def test_the_agreement_picture_keeps_its_pairs_by_the_sides(self, many, tmp_path,
                                                               monkeypatch, change):
        """A thesis reworded or a voice renamed remakes matrix.html with the new words, from
        the pairs and camps the last build kept (argmap's cache, keyed by the sides): no pair
        is counted again, and the matrix tables are left (past LISTED_VOICES they name voices
        by id)."""
        import argmap.compare as compare

        corpus, template = many
        if change == "thesis":   # one that names a camp
            before = (template / "matrix.html").read_text(encoding="utf-8")
            named = next(t for t in corpus.theses if f"“{t.text}”" in before)
            after = attrs.evolve(corpus, theses=tuple(
                attrs.evolve(t, text="A camp thesis reworded.") if t is named else t
                for t in corpus.theses))
        else:
            after = attrs.evolve(corpus, maps=tuple(
                attrs.evolve(m, authors=(Author(name="Someone Renamed"),)) if m is corpus.maps[0]
                else m for m in corpus.maps))
        counted: list[int] = []
        real = compare.pairs_from_table
        monkeypatch.setattr(compare, "pairs_from_table",
                            lambda table: counted.append(len(table.voices)) or real(table))
        out = tmp_path / "out"
        shutil.copytree(template, out)
        report = build(after, out, diagrams=False)
        assert "matrix.html" in report.remade
        assert not {p for p in report.remade if p.startswith("tables/matrix.")}
        assert counted == []
        page = (out / "matrix.html").read_text(encoding="utf-8")
        assert ("“A camp thesis reworded.”" if change == "thesis" else "Someone Renamed") in page
        monkeypatch.setenv("ARGMAP_NO_CACHE", "1")   # from scratch, nothing kept
        build(after, tmp_path / "fresh", diagrams=False)
        assert tree(tmp_path / "fresh") == tree(out)

    def test_a_foreign_cache_entry_for_the_picture_is_not_used(self, many, tmp_path, monkeypatch):
        """What argmap's cache holds under the picture's key is used only when it is a picture
        summary; anything else (a damaged or foreign entry) and the pairs are counted again."""
        from argmap.cache import Cache

        corpus, template = many
        after = attrs.evolve(corpus, theses=(
            attrs.evolve(corpus.theses[0], text="Reworded once more."), *corpus.theses[1:]))
        real = Cache.get
        asked: list[str] = []

        def foreign(self, kind, key, *args, **kwargs):
            if kind == "picture":
                asked.append(key)
                return ("not", "a summary")
            return real(self, kind, key, *args, **kwargs)

        monkeypatch.setattr(Cache, "get", foreign)
        out = tmp_path / "out"
        shutil.copytree(template, out)
        report = build(after, out, diagrams=False)
        assert asked and "matrix.html" in report.remade
        monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
        build(after, tmp_path / "fresh", diagrams=False)
        assert tree(tmp_path / "fresh") == tree(out)

    @settings(max_examples=8, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(st.data())
    def test_same_as_from_scratch(self, many, tmp_path_factory, data):
        corpus, template = many
        after = data.draw(one_map_edits(corpus))
        _report, made, expected = incremental_and_fresh(corpus, after, tmp_path_factory.mktemp("b"),
                                                        diagrams=False, template=template)
        assert expected == made


@needs_shared
def test_the_table_files_are_named_before_they_are_made():
    """A build lists the tables without making them (they are made only when one is remade)."""
    corpus, _warnings = compile_corpus([MAPS], SOURCES)
    assert table_files(len(corpus.maps)) == tuple(sorted(all_tables(corpus)))


# --- diagrams: each group is made again only when what it shows changed -------------------------

def _voices_views(names, voices) -> set[str]:
    """The names among `names` of the views of `voices` (whole, or in parts)."""
    return {n for n in names for v in voices if n == v or n.startswith(f"part_{v}_")}


def _edited(corpus, voice_id, change):
    return attrs.evolve(corpus, maps=tuple(change(m) if m.id == voice_id else m
                                           for m in corpus.maps))


class TestDiagramsProportional:
    """With diagrams, a rebuild makes the view and DOT text of exactly the diagrams that show
    what changed (the others are read back as the last build wrote them), lays out those whose
    DOT changed, and makes what a build from scratch makes."""

    def rebuilt(self, before, after, tmp_path, views_made):
        out = tmp_path / "out"
        build(before, out)
        views_made.clear()
        report = build(after, out)
        made = set(views_made)
        fresh = tmp_path / "fresh"
        build(after, fresh)
        assert [] == differing(tree(fresh), tree(out))
        return report, made

    @pytest.mark.parametrize("installed", [True, False], ids=["graphviz", "no-graphviz"])
    def test_a_claim_edited(self, generated, graphviz, views_made, tmp_path, monkeypatch,
                            installed):
        """(Graphviz not installed: only the .dot files are written, and still only the
        views that show the claim are made again.)"""
        if not installed:
            monkeypatch.setattr(builder, "dot_version", lambda: None)
        corpus = generated
        attacked = [r.target for m in corpus.maps for c in m.claims for r in c.attacks]
        target = max(sorted(set(attacked)), key=attacked.count)
        voice_id, claim_id = target.split("/")
        after = _edited(corpus, voice_id, lambda m: attrs.evolve(m, claims=tuple(
            attrs.evolve(c, text=c.text + " Edited.") if c.id == claim_id else c
            for c in m.claims)))
        report, made = self.rebuilt(corpus, after, tmp_path, views_made)

        linking = {m.id for m in corpus.maps for c in m.claims
                   for r in (*c.supports, *c.attacks) if r.target == target}
        citing = {s.thesis for m in corpus.maps for s in m.stances
                  if any(qualify(b, m.id) == target for b in s.because)}
        drawn = {p.removeprefix("diagrams/").removesuffix(".dot") for p in tree(tmp_path / "out")
                 if p.endswith(".dot")}
        expected = _voices_views(drawn, {voice_id} | linking)
        expected |= {f"thesis_{t}" for t in citing} | {"combined_all"}
        assert expected == made
        assert linking - {voice_id} and "overview_all" not in made
        # laid out again: the diagrams whose DOT changed
        changed = len({p for p in report.remade if p.endswith(".dot")})
        assert (0 < report.laid_out == changed) if installed else (0 == report.laid_out < changed)
        assert (f"{voice_id} changed",) == report.changed

    def test_a_voice_renamed(self, generated, graphviz, views_made, tmp_path):
        corpus = generated
        voice = corpus.map("voice-04")
        after = _edited(corpus, voice.id,
                        lambda m: attrs.evolve(m, authors=(Author(name="Someone Renamed"),)))
        report, made = self.rebuilt(corpus, after, tmp_path, views_made)
        # every diagram that names the voice: its own, those of voices linking to its claims
        # (drawn with its name), the theses it or a claim of its takes part in, the overview
        linking = {m.id for m in corpus.maps for c in m.claims
                   for r in (*c.supports, *c.attacks) if r.target.startswith(f"{voice.id}/")}
        assert linking - {voice.id}
        assert {voice.id} | linking == {m.id for m in corpus.maps if _voices_views(made, [m.id])}
        assert {f"thesis_{s.thesis}" for s in voice.stances} <= made
        assert {"overview_all", "combined_all"} <= made
        assert any("Someone Renamed" in (tmp_path / "out" / p).read_text(encoding="utf-8")
                   for p in report.written if p.startswith("diagrams/") and p.endswith(".dot")
                   and not p.startswith("diagrams/part_voice-04") and p != "diagrams/voice-04.dot")

    def test_a_thesis_reworded(self, generated, graphviz, views_made, tmp_path):
        corpus = generated
        thesis = corpus.theses[1]
        after = attrs.evolve(corpus, theses=tuple(
            attrs.evolve(t, text="A thesis reworded.") if t is thesis else t
            for t in corpus.theses))
        report, made = self.rebuilt(corpus, after, tmp_path, views_made)
        speakers = {m.id for m in corpus.maps if m.stance(thesis.id)}
        assert speakers
        assert {m.id for m in corpus.maps if _voices_views(made, [m.id])} == speakers
        assert {f"thesis_{thesis.id}", "overview_all", "combined_all"} <= made
        assert not {f"thesis_{t.id}" for t in corpus.theses if t is not thesis} & made
        assert ("thesis " + thesis.id + " changed",) == report.changed

    def test_a_quote_note_makes_its_views_but_lays_nothing_out(self, generated, graphviz,
                                                              views_made, tmp_path):
        corpus = generated
        voice = corpus.map("voice-02")
        stance = voice.stances[0]
        reason = voice.claim(stance.because[0])
        after = _edited(corpus, voice.id, lambda m: attrs.evolve(m, claims=tuple(
            attrs.evolve(c, evidence=(attrs.evolve(c.evidence[0], note="A note on the quote."),
                                      *c.evidence[1:])) if c is reason else c
            for c in m.claims)))
        report, made = self.rebuilt(corpus, after, tmp_path, views_made)
        # its voice's and the thesis's views are made, but no diagram shows a quote's note
        assert {f"thesis_{stance.thesis}", "combined_all"} <= made
        assert _voices_views(made, [voice.id])
        assert 0 == report.laid_out
        assert not {p for p in report.remade if p.startswith("diagrams/")}
        assert "voices/voice-02.html" in report.remade   # the page shows the note

    def test_nothing_changed_makes_no_view(self, generated, graphviz, views_made, tmp_path):
        out = tmp_path / "out"
        build(generated, out)
        views_made.clear()
        # (a corpus equal to the last, but not the same: the whole build's key is not enough
        # when a page is damaged)
        (out / "index.html").write_text("damaged", encoding="utf-8")
        report = build(generated, out)
        assert [] == views_made and ["index.html"] == list(report.remade)

    def test_a_damaged_diagram_is_made_again(self, generated, graphviz, views_made, tmp_path):
        out = tmp_path / "out"
        build(generated, out)
        thesis = f"thesis_{generated.theses[-1].id}"
        (out / "diagrams" / f"{thesis}.dot").write_text("damaged", encoding="utf-8")
        views_made.clear()
        report = build(generated, out)
        assert {thesis} == set(views_made)
        assert f"diagrams/{thesis}.dot" in report.written
        fresh = tmp_path / "fresh"
        build(generated, fresh)
        assert [] == differing(tree(fresh), tree(out))


    def test_a_build_without_diagrams_keeps_their_records(self, generated, graphviz, views_made,
                                                           tmp_path):
        """Diagrams, then a build without them after an edit, then diagrams again: only the
        diagrams that show the edit are made and laid out again."""
        corpus = generated
        voice = corpus.map("voice-07")
        after = _edited(corpus, voice.id, lambda m: attrs.evolve(m, claims=(
            attrs.evolve(m.claims[0], text="Reworded while diagrams were off."), *m.claims[1:])))
        out = tmp_path / "out"
        build(corpus, out)
        left_out = build(after, out, diagrams=False)
        assert left_out.stale and all(p.startswith("diagrams/") for p in left_out.stale)
        views_made.clear()
        report = build(after, out)
        assert _voices_views(set(views_made), [voice.id])
        assert not _voices_views(set(views_made), [m.id for m in corpus.maps if m is not voice
                                                   and not any(r.target.startswith(f"{voice.id}/")
                                                               for c in m.claims
                                                               for r in (*c.supports, *c.attacks))])
        assert 0 < report.laid_out < 6
        fresh = tmp_path / "fresh"
        build(after, fresh)
        assert [] == differing(tree(fresh), tree(out))


@st.composite
def corpus_edits(draw, corpus):
    """`corpus` after one edit anywhere: one map (`one_map_edits`), a thesis's words or topic,
    or a source's title, link or date."""
    kind = draw(st.sampled_from(["map", "thesis", "source"]))
    if kind == "map":
        return draw(one_map_edits(corpus))
    if kind == "thesis":
        at = draw(st.integers(0, len(corpus.theses) - 1))
        change = draw(st.sampled_from(["text", "topic"]))
        value = draw(plain_text) if change == "text" else draw(st.none() | plain_text)
        theses = list(corpus.theses)
        theses[at] = attrs.evolve(theses[at], **{change: value})
        return attrs.evolve(corpus, theses=tuple(theses))
    at = draw(st.integers(0, len(corpus.sources) - 1))
    change = draw(st.sampled_from(["title", "url", "date"]))
    value = {"title": plain_text, "url": st.sampled_from([None, "https://example.org/a"]),
             "date": st.sampled_from([None, "1999-12-31"])}[change]
    sources = list(corpus.sources)
    sources[at] = attrs.evolve(sources[at], **{change: draw(value)})
    return attrs.evolve(corpus, sources=tuple(sources))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_any_edit_with_diagrams_as_from_scratch(graphviz, tmp_path_factory, data):
    """Theses and sources edited too, diagrams on: the diagrams read back are the ones a
    build from scratch makes."""
    before = attrs.evolve(data.draw(linked_corpora(max_maps=4)), sources=DATED)
    after = data.draw(corpus_edits(before))
    _report, made, expected = incremental_and_fresh(before, after, tmp_path_factory.mktemp("d"),
                                                    diagrams=True)
    assert [] == differing(expected, made)


# --- diagrams too large to lay out: the DOT is written, Graphviz is never started --------------

@pytest.fixture
def laid_out(monkeypatch):
    """The names of the diagrams Graphviz is asked to lay out, run by run (fake Graphviz)."""
    names: list[str] = []

    def counting_dot(source: str, fmt: str) -> bytes:
        names.append(re.match(r'\s*(?:strict\s+)?digraph\s+"?([\w.-]+)', source).group(1))
        return fake_dot(source, fmt)

    monkeypatch.setattr(builder, "dot_version", lambda: "fake")
    monkeypatch.setattr(builder, "run_dot", counting_dot)
    return names


@pytest.fixture
def small_limit(generated, monkeypatch):
    """A size limit that the generated corpus's overview and combined diagram pass and every
    voice's and thesis's view stays within (as at 1,000 voices with the real limit)."""
    from argmap.render import layout_limit
    from argmap.render.screen import voice_views
    from argmap.render.view import combined_view, overview_view, thesis_view

    corpus = generated
    drawn = [layout_limit.size(v) for m in corpus.maps for v in voice_views(corpus, m.id)]
    drawn += [layout_limit.size(thesis_view(corpus, t.id)) for t in corpus.theses]
    limit = max(drawn)
    assert layout_limit.size(overview_view(corpus)) > limit
    assert layout_limit.size(combined_view(corpus)) > limit
    monkeypatch.setattr(layout_limit, "LAYOUT_LIMIT", limit)
    return limit


class TestTooLargeToLayOut:
    """Past `render.layout_limit.LAYOUT_LIMIT` a diagram's DOT is written and offered for
    download, with a note on the home page and in the build's notes, and Graphviz is never
    started for it, on the first build or any rebuild (at 1,000 voices the combined diagram
    of every claim took a minute of Graphviz on every claim edit, and then failed)."""

    def test_never_laid_out_on_a_build_or_after_a_claim_edit(self, generated, small_limit,
                                                             laid_out, tmp_path):
        corpus = generated
        out = tmp_path / "out"
        first = build(corpus, out)
        assert laid_out and not {"combined_all", "overview_all"} & set(laid_out)
        assert first.laid_out == len(set(laid_out))   # (a thesis view may be tried twice)
        for name in ("combined_all", "overview_all"):
            assert (out / "diagrams" / f"{name}.dot").read_text(encoding="utf-8").lstrip() \
                .startswith("digraph")
            assert not (out / "diagrams" / f"{name}.svg").exists()
            note = next(n for n in first.notes if n.startswith(f"diagram {name} not laid out: "))
            assert f"past the {small_limit:,} a build lays out" in note
            assert f"`dot -Tsvg diagrams/{name}.dot -o diagrams/{name}.svg`" in note
        home = (out / "index.html").read_text(encoding="utf-8")
        assert 'href="diagrams/combined_all.dot"' in home
        assert 'href="diagrams/overview_all.dot"' in home
        assert "dot -Tsvg diagrams/combined_all.dot -o diagrams/combined_all.svg" in home
        assert "The overview of every voice and thesis is not drawn" in home
        assert 'href="diagrams/combined_all.svg"' not in home
        assert 'file="diagrams/overview_all.svg"' not in home and "<svg" not in home.split(
            'id="overview"')[1].split("</section>")[0]

        laid_out.clear()
        voice = corpus.map("voice-03")
        after = _edited(corpus, voice.id, lambda m: attrs.evolve(m, claims=(
            attrs.evolve(m.claims[0], text="Reworded at scale."), *m.claims[1:])))
        report = build(after, out)
        assert laid_out and not {"combined_all", "overview_all"} & set(laid_out)
        assert "diagrams/combined_all.dot" in report.written   # the DOT shows the new words
        # the overview is read back (its inputs did not change): its note stands as it was,
        # without the "not tried again ... --force" of a Graphviz failure
        assert sorted(n for n in first.notes if "not laid out" in n) \
            == sorted(n for n in report.notes if "not laid out" in n)
        assert not any("--force" in n for n in report.notes)
        fresh = tmp_path / "fresh"
        build(after, fresh)
        assert [] == differing(tree(fresh), tree(out))

    def test_forced_it_is_still_not_laid_out(self, generated, small_limit, laid_out, tmp_path):
        build(generated, tmp_path / "out")
        laid_out.clear()
        report = build(generated, tmp_path / "out", force=True)
        assert not {"combined_all", "overview_all"} & set(laid_out)
        assert sum("not laid out" in n for n in report.notes) == 2

    def test_below_the_limit_everything_is_laid_out(self, generated, laid_out, tmp_path):
        report = build(generated, tmp_path / "out")
        assert {"combined_all", "overview_all"} <= set(laid_out)
        assert not any("not laid out" in n for n in report.notes)
        home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
        assert 'href="diagrams/combined_all.svg"' in home and ".dot\"" not in home


@needs_shared
def test_every_shipped_diagram_is_within_the_limit():
    """The shipped maps draw every diagram, the combined one included, far from the limit."""
    from argmap.render.layout_limit import LAYOUT_LIMIT, size
    from argmap.render.view import combined_view, overview_view

    corpus, _warnings = compile_corpus([MAPS], SOURCES)
    assert size(combined_view(corpus)) * 5 < LAYOUT_LIMIT
    assert size(overview_view(corpus)) * 5 < LAYOUT_LIMIT
