"""What a build records of the diagrams it made (`.argmap-build.json`), and what the next build
does with that record: a group of diagrams whose record is readable and whose inputs did not
change is read back; one whose record is damaged is made again, never trusted. And the keys of
what the whole corpus shows (the voices' names, the thesis ids, the downloads, the claim
counts, the sources quoted): an edit of one remakes the pages and diagrams that show it, and the
folder is byte for byte the one a build from scratch makes (build.py's `_whole_digests`,
`_input_digests`, `_groups`, `_read_manifest`; docs/testing.md)."""

from __future__ import annotations

import contextlib
import html
import json
import locale
import shutil
import sys
from collections.abc import Iterator

import attrs
import pytest
from test_incremental import DATED, differing, incremental_and_fresh, tree

import argmap.build as builder
from argmap.build import MANIFEST, build
from argmap.model import Author, Claim, Corpus, Evidence, Map, Position, Stance, Thesis
from argmap.pipeline import compile_corpus
from argmap.render.tables import LISTED_VOICES
from argmap.render.view import COMBINED_NAME

from conftest import FEW_MAPS, MAPS, SOURCES, fake_dot


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("maps")
    for name in FEW_MAPS:
        shutil.copy(MAPS / name, folder / name)
    loaded, _warnings = compile_corpus([folder], SOURCES if SOURCES.is_dir() else None)
    return loaded


@pytest.mark.parametrize("damage", [
    "views as text", "a view that is not text", "no key", "a record that is a list"])
def test_a_damaged_group_record_makes_that_group_again(corpus, graphviz, views_made, tmp_path,
                                                      damage):
    """A record of a diagram group that cannot be read is never taken for the group's views:
    that group is made again (and only it), and the folder is the one a fresh build makes."""
    out = tmp_path / "out"
    build(corpus, out)
    record = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    name = next(n for n in sorted(record["diagrams"]) if n.startswith("voice:"))
    views = record["diagrams"][name]["views"]
    assert views
    entry = record["diagrams"][name]
    if damage == "views as text":
        entry["views"] = " ".join(views)
    elif damage == "a view that is not text":
        entry["views"] = [*views, 7]
    elif damage == "no key":
        del entry["key"]
    else:
        record["diagrams"][name] = [entry["key"], views]
    # (the whole build's key too, or an unchanged corpus would skip everything)
    record["build"] = ""
    (out / MANIFEST).write_text(json.dumps(record), encoding="utf-8")
    views_made.clear()
    build(corpus, out)
    assert set(views) == set(views_made) - {"combined_all"}
    fresh = tmp_path / "fresh"
    build(corpus, fresh)
    assert tree(fresh) == tree(out)


# --- the keys of pages and diagrams: what each shows of the whole corpus ---------------------------
# A small corpus, built in a few hundredths of a second: Ann takes a stance on t1 only, Bo on t2
# only, and neither links to the other, so a page shows the other voice only through the names
# the site lists (the pair chooser, a thesis's silent voices) and the whole-corpus pages.

def _voice(voice_id: str, name: str, thesis: str, position: Position) -> Map:
    quoted = (Evidence(quote="A quote.", source="src"),)
    claims = (Claim(id="c", text=f"{name} says “so”.", evidence=quoted),
              Claim(id="aside", text=f"{name} also says this.", evidence=quoted))
    return Map(id=voice_id, authors=(Author(name=name),), claims=claims,
               stances=(Stance(thesis=thesis, position=position, because=("c",)),))


SMALL = Corpus(sources=DATED, theses=(Thesis(id="t1", text="One."), Thesis(id="t2", text="Two.")),
               maps=(_voice("ann", "Ann", "t1", Position.AGREE),
                     _voice("bo", "Bo", "t2", Position.DISAGREE)))


def _renamed(corpus: Corpus, voice_id: str, name: str) -> Corpus:
    return attrs.evolve(corpus, maps=tuple(
        attrs.evolve(m, authors=(Author(name=name),)) if m.id == voice_id else m
        for m in corpus.maps))


def test_a_voice_renamed_remakes_every_page_that_names_it(tmp_path):
    """Every voice page names every voice (the pair chooser) and every thesis page names the
    voices silent on it: renaming Bo remakes Ann's page and t1's, which show nothing else of
    Bo, but not t1's handouts, which name only the voices that take a stance."""
    after = _renamed(SMALL, "bo", "Bo Renamed")
    report, made, expected = incremental_and_fresh(SMALL, after, tmp_path, diagrams=False)
    assert [] == differing(expected, made)
    assert {"voices/ann.html", "theses/t1.html"} <= set(report.written)
    assert "Bo Renamed" in made["theses/t1.html"].decode()
    assert not {"handouts/t1.html", "handouts/t1-blank.html"} & set(report.remade)


def test_a_thesis_named_like_a_blank_handout_moves_that_handout(tmp_path):
    """A thesis `t1-blank` added takes the file name `handouts/t1-blank.html`: t1's blank handout
    becomes `handouts/t1.blank.html`, and t1's page, which shows nothing of the new thesis,
    links there, as a build from scratch does (not to the new thesis's handout)."""
    after = attrs.evolve(SMALL, theses=(*SMALL.theses, Thesis(id="t1-blank", text="Three.")))
    report, made, expected = incremental_and_fresh(SMALL, after, tmp_path, diagrams=False)
    assert [] == differing(expected, made)
    assert "theses/t1.html" in report.written
    assert "handouts/t1.blank.html" in made["theses/t1.html"].decode()


def test_a_quote_moved_to_a_later_source_redates_the_comparison(tmp_path):
    """The comparison page dates each voice by the sources it quotes, in every claim, not only
    in those it shows (the reasons for a stance)."""
    after = attrs.evolve(SMALL, maps=tuple(
        attrs.evolve(m, claims=tuple(attrs.evolve(c, evidence=tuple(
            attrs.evolve(e, source="later") for e in c.evidence)) if c.id == "aside" else c
            for c in m.claims))
        if m.id == "ann" else m for m in SMALL.maps))
    report, made, expected = incremental_and_fresh(SMALL, after, tmp_path, diagrams=False)
    assert [] == differing(expected, made)
    assert "compare.html" in report.written


@pytest.mark.parametrize("change", ["note", "position"])
def test_a_stance_edited_remakes_the_comparison_and_the_tables_that_show_it(tmp_path, change):
    """Every stance and its note are on the comparison page and in the stance tables; the
    matrix shows only sides, so a note reworded leaves it, a side changed remakes it."""
    def edited(stance: Stance) -> Stance:
        return attrs.evolve(stance, note="A note.") if change == "note" \
            else attrs.evolve(stance, position=Position.DISAGREE)
    after = attrs.evolve(SMALL, maps=tuple(
        attrs.evolve(m, stances=tuple(edited(s) for s in m.stances)) if m.id == "ann" else m
        for m in SMALL.maps))
    report, made, expected = incremental_and_fresh(SMALL, after, tmp_path, diagrams=False)
    assert [] == differing(expected, made)
    assert "compare.html" in report.written
    assert {"tables/stances.md", "tables/stances.json"} <= set(report.remade)
    matrix = {"matrix.html", "tables/matrix.md", "tables/matrix.json"}
    assert matrix & set(report.remade) == (matrix if change == "position" else set())


def _past_the_listed_voices() -> Corpus:
    """SMALL's theses and sources, and one voice more than the pages list (LISTED_VOICES)."""
    return attrs.evolve(SMALL, maps=tuple(
        _voice(f"v{n:02}", f"Voice {n}", "t1" if n % 2 else "t2", Position.AGREE)
        for n in range(LISTED_VOICES + 1)))


@pytest.mark.parametrize("change", ["side", "name"])
def test_past_the_listed_voices_the_matrix_tables_follow_the_sides_not_the_names(tmp_path, change):
    """Past LISTED_VOICES the matrix tables name each voice by its id (there is no
    matrix.json): a side changed remakes them, a voice renamed leaves them (at 1,000 voices they
    count 500,000 pairs)."""
    many = _past_the_listed_voices()
    after = _renamed(many, "v07", "Voice Renamed") if change == "name" else attrs.evolve(
        many, maps=tuple(attrs.evolve(m, stances=tuple(
            attrs.evolve(s, position=Position.DISAGREE) for s in m.stances))
            if m.id == "v07" else m for m in many.maps))
    report, made, expected = incremental_and_fresh(many, after, tmp_path, diagrams=False)
    assert [] == differing(expected, made)
    tables = {"tables/matrix.md", "tables/matrix.csv"}
    assert "tables/matrix.json" not in made
    assert tables & set(report.remade) == (tables if change == "side" else set())


def test_a_claim_added_redraws_the_overview_that_counts_them(graphviz, views_made, tmp_path):
    """The overview diagram shows each voice's number of claims; a claim added draws it again
    (and the voice's own diagrams), as a build from scratch does."""
    after = attrs.evolve(SMALL, maps=tuple(
        attrs.evolve(m, claims=(*m.claims, Claim(id="d", text="Another claim.")))
        if m.id == "bo" else m for m in SMALL.maps))
    out = tmp_path / "out"
    build(SMALL, out)
    views_made.clear()
    build(after, out)
    assert "overview_all" in views_made and "ann" not in views_made
    build(after, tmp_path / "fresh")
    assert [] == differing(tree(tmp_path / "fresh"), tree(out))


def test_the_combined_diagram_drawn_at_last_is_offered_for_download(monkeypatch, tmp_path):
    """Graphviz fails on the combined diagram (and is not tried on it again), then a new
    Graphviz draws it: nothing the home page shows changed but its list of downloads, which now
    names the drawing."""
    out = tmp_path / "out"
    monkeypatch.setattr(builder, "dot_version", lambda: "1.0")
    monkeypatch.setattr(builder, "run_dot", _failing_on_the_combined)
    first = build(SMALL, out)
    assert any(COMBINED_NAME in note for note in first.notes)
    assert f"diagrams/{COMBINED_NAME}.svg" not in (out / "index.html").read_text(encoding="utf-8")
    # (the same Graphviz is not tried on it again, and says so, while its DOT is the same)
    (out / "index.html").write_text("damaged", encoding="utf-8")
    again = build(SMALL, out)
    assert 0 == again.laid_out and ["index.html"] == list(again.remade)
    assert [note for note in again.notes if COMBINED_NAME in note and "not tried again" in note]
    monkeypatch.setattr(builder, "dot_version", lambda: "2.0")
    monkeypatch.setattr(builder, "run_dot", fake_dot)
    report = build(SMALL, out)
    assert "index.html" in report.written
    build(SMALL, tmp_path / "fresh")
    assert [] == differing(tree(tmp_path / "fresh"), tree(out))
    assert f"diagrams/{COMBINED_NAME}.svg" in (out / "index.html").read_text(encoding="utf-8")


def _failing_on_the_combined(source: str, fmt: str) -> bytes:
    """Graphviz, failing on the combined diagram of every claim."""
    if source.startswith(f"digraph {COMBINED_NAME} "):
        raise RuntimeError("dot: layout took too long")
    return fake_dot(source, fmt)


@pytest.mark.parametrize("damage", [
    "failures as a list", "a failure as a list", "a failure without its note",
    "a failure's note a number", "a failure without its key"])
def test_a_damaged_record_of_the_failed_diagrams_is_never_trusted(monkeypatch, tmp_path, damage):
    """The record of a diagram Graphviz failed on (not tried again while its DOT is the same)
    that cannot be read is ignored: the diagram is tried again and its note is Graphviz's, as
    after a first failure, and the build does not stop."""
    monkeypatch.setattr(builder, "dot_version", lambda: "fake")
    monkeypatch.setattr(builder, "run_dot", _failing_on_the_combined)
    out = tmp_path / "out"
    build(SMALL, out)
    record = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    failure = record["failed"][COMBINED_NAME]
    if damage == "failures as a list":
        record["failed"] = [failure]
    elif damage == "a failure as a list":
        record["failed"][COMBINED_NAME] = [failure["key"], failure["note"]]
    elif damage == "a failure without its note":
        del failure["note"]
    elif damage == "a failure's note a number":
        failure["note"] = 7
    else:
        del failure["key"]
    record["build"] = ""   # (else the unchanged corpus would skip every check)
    (out / MANIFEST).write_text(json.dumps(record), encoding="utf-8")
    report = build(SMALL, out)
    assert 1 == report.laid_out
    assert [f"diagram {COMBINED_NAME} skipped: Graphviz failed: dot: layout took too long"] \
        == list(report.notes)


@pytest.mark.parametrize("damage", [
    "the groups as a list", "the groups as text", "a group without views", "views null",
    "views a number"])
def test_a_damaged_record_of_the_diagrams_is_never_trusted(graphviz, views_made, tmp_path, damage):
    """A hand-edited or damaged `diagrams` field of the build's record: the groups it no longer
    describes are made again, the build does not stop, and the folder is a fresh build's."""
    out = tmp_path / "out"
    build(SMALL, out)
    record = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    groups = record["diagrams"]
    if damage == "the groups as a list":
        record["diagrams"] = list(groups.values())
    elif damage == "the groups as text":
        record["diagrams"] = json.dumps(groups)
    else:
        groups["voice:bo"]["views"] = {"a group without views": None, "views null": None,
                                       "views a number": 1}[damage]
        if damage == "a group without views":
            del groups["voice:bo"]["views"]
    record["build"] = ""   # (else the unchanged corpus would skip every check)
    (out / MANIFEST).write_text(json.dumps(record), encoding="utf-8")
    views_made.clear()
    build(SMALL, out)
    whole = damage.startswith("the groups")
    assert ("ann" in views_made) == whole and "bo" in views_made
    build(SMALL, tmp_path / "fresh")
    assert [] == differing(tree(tmp_path / "fresh"), tree(out))


@contextlib.contextmanager
def ascii_locale() -> Iterator[None]:
    """The locale's encoding ASCII meanwhile (as under the C locale with UTF-8 mode off; cp1252
    on Windows is the same trap): text read without naming its encoding no longer passes for
    UTF-8."""
    if sys.flags.utf8_mode:
        pytest.skip("Python's UTF-8 mode reads every file as UTF-8, whatever the locale")
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, before)


def test_a_rebuild_reads_back_its_diagrams_as_utf8_under_any_locale(monkeypatch, tmp_path):
    """A rebuild reads the drawings and DOT files it keeps as the UTF-8 it wrote them in, not in
    the locale's encoding: under an ASCII locale, with curly quotes in every claim, a quote's
    note added (its voice's views made again, their drawings kept) and the other voice's
    diagrams read back, the folder is a fresh build's."""
    def drawing_the_labels(source: str, fmt: str) -> bytes:   # as Graphviz draws the labels
        return fake_dot(source, fmt).replace(b"</svg>", b"<desc>" + html.escape(
            source).encode("utf-8") + b"</desc></svg>")

    monkeypatch.setattr(builder, "dot_version", lambda: "fake")
    monkeypatch.setattr(builder, "run_dot", drawing_the_labels)
    noted = attrs.evolve(SMALL, maps=tuple(
        attrs.evolve(m, claims=tuple(attrs.evolve(c, evidence=tuple(
            attrs.evolve(e, note="A note.") for e in c.evidence)) for c in m.claims))
        if m.id == "bo" else m for m in SMALL.maps))
    out = tmp_path / "out"
    build(SMALL, out)
    assert "“".encode() in (out / "diagrams" / "ann.svg").read_bytes()
    with ascii_locale():
        report = build(noted, out)
    assert report.remade and not report.laid_out
    build(noted, tmp_path / "fresh")
    assert [] == differing(tree(tmp_path / "fresh"), tree(out))
