"""`argmap build`: stops on errors, refuses bad output folders, is deterministic and incremental."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from argmap.build import MANIFEST, build, output_dir_problem
from argmap.cli import main
from argmap.pipeline import compile_corpus

from conftest import FEW_MAPS, MAPS, SOURCES

SOURCES_ARGS = ["--sources", str(SOURCES)] if SOURCES.is_dir() else []


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: an atomic rewrite changes both."""
    return {
        str(p.relative_to(root)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def maps(tmp_path) -> Path:
    """A private copy of part of the shipped corpus (`FEW_MAPS`), safe to edit."""
    folder = tmp_path / "maps"
    folder.mkdir()
    for name in FEW_MAPS:
        shutil.copy(MAPS / name, folder / name)
    return folder


@pytest.fixture
def shipped(tmp_path) -> Path:
    """A private copy of the whole shipped corpus, safe to edit."""
    folder = tmp_path / "shipped"
    shutil.copytree(MAPS, folder)
    return folder


def run(*argv: str) -> int:
    """The exit status of `argmap build ARGV`."""
    try:
        return main(["build", *argv])
    except SystemExit as stop:
        return stop.code


def compiled(folder: Path):
    corpus, _warnings = compile_corpus([folder], SOURCES if SOURCES.is_dir() else None)
    return corpus


class TestCommand:
    def test_builds_the_site_tables_and_handouts(self, shipped, tmp_path, capsys):
        out = tmp_path / "build"
        assert 0 == run(str(shipped), *SOURCES_ARGS, "-o", str(out))
        assert (out / "index.html").is_file() and (out / "site.css").is_file()
        assert (out / "voices" / "lind.html").is_file()
        assert (out / "theses" / "history-main-barrier.html").is_file()
        assert (out / "handouts" / "history-main-barrier-blank.html").is_file()
        assert (out / MANIFEST).is_file()
        stdout = capsys.readouterr().out
        made = len(tree(out)) - 1
        assert f": {made} files remade (first build), 0 unchanged, " in stdout
        assert f" diagrams laid out; {made} written" in stdout

    def test_second_run_writes_nothing(self, maps, tmp_path, capsys):
        out = tmp_path / "build"
        assert 0 == run(str(maps), *SOURCES_ARGS, "-o", str(out), "--no-diagrams")
        before = stamps(out)
        capsys.readouterr()
        assert 0 == run(str(maps), *SOURCES_ARGS, "-o", str(out), "--no-diagrams")
        assert f": 0 files remade, {len(before) - 1} unchanged; 0 written\n" in capsys.readouterr().out
        assert before == stamps(out)

    def test_stops_on_corpus_errors(self, maps, tmp_path, capsys):
        lind = maps / "lind.yaml"
        lind.write_text(
            lind.read_text(encoding="utf-8").replace("supports:", "suports:", 1), encoding="utf-8"
        )
        out = tmp_path / "build"
        assert 1 == run(str(maps), *SOURCES_ARGS, "-o", str(out))
        captured = capsys.readouterr()
        assert "[unknown-key]" in captured.out and "stopped" in captured.err
        assert not out.exists()

    def test_refuses_an_output_that_is_a_file(self, maps, tmp_path, capsys):
        out = tmp_path / "build"
        out.write_text("not a folder")
        assert 2 == run(str(maps), *SOURCES_ARGS, "-o", str(out))
        assert "is a file" in capsys.readouterr().err
        assert "not a folder" == out.read_text()

    @pytest.mark.parametrize("inside", [".", "site", "a/b"])
    def test_refuses_an_output_in_the_maps_folder(self, maps, inside, capsys):
        before = tree(maps)
        assert 2 == run(str(maps), *SOURCES_ARGS, "-o", str(maps / inside))
        assert "maps folder" in capsys.readouterr().err
        assert before == tree(maps)

    def test_refuses_the_maps_folder_of_a_single_file(self, maps):
        assert 2 == run(str(maps / "lind.yaml"), str(maps / "theses.yaml"), "-o", str(maps / "out"))

    def test_an_output_that_cannot_be_written_is_an_error(self, maps, tmp_path, capsys):
        out = tmp_path / "build"
        out.mkdir()
        (out / "voices").write_text("a file where a folder goes")
        assert 1 == run(str(maps), *SOURCES_ARGS, "-o", str(out), "--no-diagrams")
        assert "argmap build: error: cannot write" in capsys.readouterr().err

    def test_missing_maps_folder_is_a_usage_error(self, tmp_path):
        assert 2 == run(str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))


class TestPagesOfTheShippedCorpus:
    def test_ids_are_unique_on_every_page(self, shipped, tmp_path):
        out = tmp_path / "out"
        build(compiled(shipped), out)
        pages = [p for p in out.rglob("*.html") if p.parent.name in ("voices", "theses", "handouts")]
        assert pages
        for page in [out / "index.html", *pages]:
            ids = re.findall(r'\sid="([^"]*)"', page.read_text(encoding="utf-8"))
            assert len(ids) == len(set(ids)), page


class TestOutputDirProblem:
    def test_a_sibling_folder_is_fine(self, maps, tmp_path):
        assert None is output_dir_problem(tmp_path / "build", [maps])

    def test_the_sources_folder_is_refused(self, maps, tmp_path):
        sources = tmp_path / "sources"
        sources.mkdir()
        assert "sources folder" in output_dir_problem(sources / "x", [maps], sources)

    def test_a_symlink_into_the_maps_is_refused(self, maps, tmp_path):
        link = tmp_path / "link"
        link.symlink_to(maps)
        assert "maps folder" in output_dir_problem(link / "out", [maps])


class TestDeterminism:
    def test_two_builds_are_byte_identical(self, shipped, tmp_path):
        corpus = compiled(shipped)
        build(corpus, tmp_path / "one")
        build(compiled(shipped), tmp_path / "two")
        assert tree(tmp_path / "one") == tree(tmp_path / "two")

    def test_two_cores_make_the_same_files_as_one(self, maps, tmp_path, monkeypatch):
        import argmap.build as builder
        from argmap import forked

        if not forked._available():
            pytest.skip("needs Linux, fork and two cores")
        import os

        import attrs

        import argmap.render.site as site

        corpus = compiled(maps)
        makers = tmp_path / "makers"   # the process that made each page, one line each
        pages = site.site_pages

        def noted(page):
            def render():
                with makers.open("a") as log:
                    log.write(f"{os.getpid()}\n")
                return page.render()
            return attrs.evolve(page, render=render)

        monkeypatch.setattr(site, "site_pages",
                            lambda *args, **kwargs: [noted(p) for p in pages(*args, **kwargs)])
        # share even this small build: it shows more than one claim in all
        monkeypatch.setattr(builder, "_RENDER_ON_TWO_CORES", 2)
        split = build(corpus, tmp_path / "two", diagrams=False)
        assert 2 == len(set(makers.read_text().split()))   # this process and the helper
        monkeypatch.setenv("ARGMAP_JOBS", "1")
        build(corpus, tmp_path / "one", diagrams=False)
        assert tree(tmp_path / "one") == tree(tmp_path / "two")
        assert len(split.written) == len(tree(tmp_path / "two")) - 1

    def test_force_rewrites_nothing_that_is_the_same(self, maps, tmp_path):
        corpus = compiled(maps)
        build(corpus, tmp_path / "out", diagrams=False)
        report = build(corpus, tmp_path / "out", diagrams=False, force=True)
        assert () == report.written


class TestIncremental:
    def edit_claim(self, maps: Path, name: str) -> None:
        path = Path(compiled(maps).map(name).location.path)
        text = path.read_text(encoding="utf-8")
        marker = "    text: >-\n      "
        assert marker in text
        path.write_text(text.replace(marker, marker + "Edited: ", 1), encoding="utf-8")

    def test_editing_one_map_remakes_only_what_reads_it(self, maps, tmp_path):
        out = tmp_path / "out"
        build(compiled(maps), out, diagrams=False)
        before = stamps(out)
        self.edit_claim(maps, "aoki")
        corpus = compiled(maps)
        report = build(corpus, out, diagrams=False)

        aoki = corpus.map("aoki")
        theses = {s.thesis for s in aoki.stances}
        expected = {"index.html", "search.js", "voices/aoki.html", "compare.html", "matrix.html"}
        expected |= {f"theses/{t}.html" for t in theses} | {f"handouts/{t}.html" for t in theses}
        expected |= {f"handouts/{t}-blank.html" for t in theses}
        expected |= {p for p in report.written if p.startswith("tables/")}
        # Another voice's page changes only when it shows one of aoki's claims (a relation).
        expected |= {
            f"voices/{m.id}.html"
            for m in corpus.maps
            if any(r.target.startswith("aoki/") for c in m.claims for r in (*c.supports, *c.attacks))
        }
        assert expected >= set(report.written) >= {"index.html", "voices/aoki.html"}
        after = stamps(out)
        for path in before:
            if path not in report.written and path != MANIFEST:
                assert before[path] == after[path], path
        assert "voices/lind.html" not in report.written
        assert len(report.written) + len(report.unchanged) == len(after) - 1

    def test_renaming_a_voice_remakes_every_page_that_names_it(self, maps, tmp_path):
        """An incremental build after the rename makes the same files as a build from scratch,
        thesis pages where the voice is silent included (they list the silent voices)."""
        out, fresh = tmp_path / "out", tmp_path / "fresh"
        build(compiled(maps), out, diagrams=False)
        path = maps / "aoki.yaml"
        text = path.read_text(encoding="utf-8")
        assert "  - name: Naoko Aoki\n" in text
        path.write_text(text.replace("  - name: Naoko Aoki\n", "  - name: Naoko Renamed\n"),
                        encoding="utf-8")
        corpus = compiled(maps)
        report = build(corpus, out, diagrams=False)
        build(corpus, fresh, diagrams=False)
        silent = {f"theses/{t.id}.html" for t in corpus.theses if not corpus.map("aoki").stance(t.id)}
        assert silent and silent <= set(report.written)
        made, expected = tree(out), tree(fresh)
        made.pop(MANIFEST), expected.pop(MANIFEST)
        assert expected == made
        assert [] == [name for name, data in made.items() if b"Naoko Aoki" in data]

    def test_a_deleted_output_is_made_again(self, maps, tmp_path):
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        (out / "voices" / "lind.html").unlink()
        report = build(corpus, out, diagrams=False)
        assert ("voices/lind.html",) == report.written

    def test_an_unreadable_manifest_means_a_full_check(self, maps, tmp_path):
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        (out / "index.html").write_text("edited by hand")
        (out / MANIFEST).write_text("{not json")
        report = build(corpus, out, diagrams=False)
        assert ("index.html",) == report.written

    @staticmethod
    def unreferenced_voice(corpus):
        """A voice no other voice's relations point to, so deleting its map breaks nothing."""
        return next(
            m
            for m in corpus.maps
            if not any(
                r.startswith(f"{m.id}/")
                for other in corpus.maps
                for c in other.claims
                for r in (
                    *(r.target for r in c.supports),
                    *(r.target for r in c.attacks),
                    *(u.from_ for u in c.undercuts),
                    *(u.to for u in c.undercuts),
                )
            )
        )

    def test_outputs_no_longer_made_are_removed(self, maps, tmp_path):
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        voice = self.unreferenced_voice(corpus)
        Path(voice.location.path).unlink()
        report = build(compiled(maps), out, diagrams=False)
        page = f"voices/{voice.id}.html"
        assert page in report.removed and page not in report.stale
        assert not (out / page).exists()
        manifest = json.loads((out / MANIFEST).read_text())
        assert page not in manifest["outputs"] and page not in manifest["written"]

    def test_an_old_output_edited_by_hand_is_kept_and_named(self, maps, tmp_path):
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        voice = self.unreferenced_voice(corpus)
        page = out / "voices" / f"{voice.id}.html"
        page.write_text(page.read_text() + "<!-- my notes -->")
        Path(voice.location.path).unlink()
        report = build(compiled(maps), out, diagrams=False)
        assert f"voices/{voice.id}.html" in report.stale and () == report.removed
        assert page.read_text().endswith("<!-- my notes -->")

    def test_nothing_is_removed_through_a_symlink(self, maps, tmp_path):
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        voice = self.unreferenced_voice(corpus)
        elsewhere = tmp_path / "elsewhere"
        (out / "voices").rename(elsewhere)
        (out / "voices").symlink_to(elsewhere)
        Path(voice.location.path).unlink()
        report = build(compiled(maps), out, diagrams=False)
        assert f"voices/{voice.id}.html" in report.stale and () == report.removed
        assert (elsewhere / f"{voice.id}.html").is_file()

    def test_without_recorded_hashes_nothing_is_removed(self, maps, tmp_path):
        """A folder built by an argmap that kept no hashes: its files are only named."""
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        manifest = json.loads((out / MANIFEST).read_text())
        del manifest["written"]
        manifest["build"] = ""
        (out / MANIFEST).write_text(json.dumps(manifest))
        voice = self.unreferenced_voice(corpus)
        Path(voice.location.path).unlink()
        report = build(compiled(maps), out, diagrams=False)
        assert f"voices/{voice.id}.html" in report.stale and () == report.removed
        assert (out / "voices" / f"{voice.id}.html").is_file()

    def test_a_build_without_diagrams_keeps_the_last_ones(self, maps, tmp_path, monkeypatch):
        import argmap.build as builder

        monkeypatch.setattr(builder, "dot_version", lambda: "test")
        monkeypatch.setattr(builder, "run_dot", lambda source, fmt: b"<svg/>")
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out)
        report = build(corpus, out, diagrams=False)
        assert () == report.removed
        assert f"diagrams/{corpus.maps[0].id}.svg" in report.stale
        assert (out / "diagrams" / f"{corpus.maps[0].id}.svg").is_file()

    def test_an_unchanged_rebuild_renders_nothing(self, maps, tmp_path, monkeypatch):
        import argmap.render.site
        import argmap.render.tables

        out = tmp_path / "out"
        build(compiled(maps), out, diagrams=False)
        before = stamps(out)

        def refuse(*_args, **_kwargs):
            raise AssertionError("rendered again although nothing changed")

        monkeypatch.setattr(argmap.render.site, "site_pages", refuse)
        monkeypatch.setattr(argmap.render.tables, "all_tables", refuse)
        report = build(compiled(maps), out, diagrams=False)
        assert () == report.written and len(before) - 1 == len(report.unchanged)
        assert before == stamps(out)   # the manifest too
        with pytest.raises(AssertionError, match="rendered again"):
            build(compiled(maps), out, diagrams=False, force=True)

    def test_asking_for_diagrams_is_not_an_unchanged_rebuild(self, maps, tmp_path, monkeypatch):
        import argmap.build as builder

        monkeypatch.setattr(builder, "dot_version", lambda: "test")
        monkeypatch.setattr(builder, "run_dot", lambda source, fmt: b"<svg/>")
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        report = build(corpus, out)
        assert f"diagrams/{corpus.maps[0].id}.svg" in report.written

    def test_a_new_graphviz_draws_every_diagram_again(self, maps, tmp_path, monkeypatch):
        import argmap.build as builder

        drawn = []
        monkeypatch.setattr(builder, "run_dot",
                            lambda source, fmt: drawn.append(source) or b"<svg/>")
        out = tmp_path / "out"
        corpus = compiled(maps)
        monkeypatch.setattr(builder, "dot_version", lambda: "2.43")
        build(corpus, out)
        count = len(drawn)
        build(corpus, out)
        assert count == len(drawn) > 0
        monkeypatch.setattr(builder, "dot_version", lambda: "9.0")
        build(corpus, out)
        assert 2 * count == len(drawn)

    def test_a_failed_diagram_is_tried_again_when_it_changes_and_notes_are_kept(
            self, maps, tmp_path, monkeypatch):
        """A diagram Graphviz failed on (at 1,000 voices, the combined diagram past the time
        limit) is not tried on every rebuild: only when its DOT or Graphviz changes, or with
        --force; each build says it was skipped."""
        import argmap.build as builder
        from argmap.write import GraphvizError

        tries = []

        def run_dot(source: str, fmt: str) -> bytes:
            if source.startswith("digraph combined_all"):
                tries.append(source)
                raise GraphvizError("timed out")
            return b"<svg/>"

        monkeypatch.setattr(builder, "dot_version", lambda: "test")
        monkeypatch.setattr(builder, "run_dot", run_dot)
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out)
        report = build(corpus, out)
        assert 1 == len(tries) and any("combined_all skipped" in n for n in report.notes)
        (out / "index.html").unlink()   # (so that this build does not stop at the whole key)
        report = build(corpus, out)
        assert 1 == len(tries) and ["index.html"] == list(report.remade)
        assert [n for n in report.notes if "combined_all skipped: Graphviz failed: timed out" in n
                and "not tried again" in n and "--force" in n]
        build(corpus, out, force=True)
        assert 2 == len(tries)
        monkeypatch.setattr(builder, "dot_version", lambda: "test 2")
        report = build(corpus, out)
        assert 3 == len(tries) and any("combined_all skipped" in n for n in report.notes)

        monkeypatch.setattr(builder, "dot_version", lambda: None)
        first = build(corpus, out)
        again = build(corpus, out)
        assert () == again.written and first.notes == again.notes
        assert any("Graphviz is not installed" in n for n in again.notes)

    def test_manifest_paths_cannot_point_outside(self, maps, tmp_path):
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        manifest = json.loads((out / MANIFEST).read_text())
        manifest["outputs"]["../../outside.html"] = "x"
        (out / MANIFEST).write_text(json.dumps(manifest))
        report = build(corpus, out, diagrams=False)
        assert "../../outside.html" not in report.stale


class TestDiagrams:
    @pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
    def test_svgs_are_drawn_inlined_and_reused(self, maps, tmp_path):
        out = tmp_path / "out"
        corpus = compiled(maps)
        steps: list[tuple[str, int, int]] = []
        report = build(corpus, out, progress=lambda *step: steps.append(step))
        assert () == report.notes or all("table" in n for n in report.notes)
        for voice in corpus.maps:
            # a voice with more than a screen holds is drawn in parts (issue 19)
            drawn = sorted((out / "diagrams").glob(f"{voice.id}.svg")) or sorted(
                (out / "diagrams").glob(f"part_{voice.id}_*.svg"))
            assert drawn
            for path in drawn:
                assert path.read_text().lstrip().startswith(("<?xml", "<svg", "<!"))
            page = (out / "voices" / f"{voice.id}.html").read_text()
            svg = page[page.index("<svg ") : page.index("</svg>")]
            # a labelled group, not an image: it holds links (axe: nested-interactive)
            assert 'role="group" aria-label=' in svg and "<script" not in svg and "<style" not in svg
        assert any(step[0] == "diagrams" for step in steps)
        steps.clear()
        again = build(corpus, out, progress=lambda *step: steps.append(step))
        assert () == again.written
        assert not any(step[0] == "diagrams" for step in steps)

    def test_without_graphviz_the_dot_files_are_written_and_pages_say_so(
        self, maps, tmp_path, monkeypatch
    ):
        import argmap.build as builder

        monkeypatch.setattr(builder, "dot_version", lambda: None)
        out = tmp_path / "out"
        corpus = compiled(maps)
        report = build(corpus, out)
        assert any("Graphviz is not installed" in note for note in report.notes)
        assert not list(out.glob("diagrams/*.svg"))
        voice = corpus.maps[0]
        assert (out / "diagrams" / f"{voice.id}.dot").is_file()
        assert "Graphviz was not installed" in (out / "voices" / f"{voice.id}.html").read_text()

    def test_a_diagram_graphviz_fails_on_is_left_out(self, maps, tmp_path, monkeypatch):
        import argmap.build as builder
        from argmap.write import GraphvizError

        def run_dot(source: str, fmt: str) -> bytes:
            if source.startswith("digraph combined_all"):
                raise GraphvizError("dot exited with status 1: syntax error")
            return b'<svg xmlns="http://www.w3.org/2000/svg"><text>ok</text></svg>'

        monkeypatch.setattr(builder, "dot_version", lambda: "test")
        monkeypatch.setattr(builder, "run_dot", run_dot)
        report = build(compiled(maps), tmp_path / "out")
        failed = [n for n in report.notes if n.startswith("diagram ")]
        assert ["diagram combined_all skipped: Graphviz failed: dot exited with status 1: syntax"
                " error"] == failed
        assert not (tmp_path / "out" / "diagrams" / "combined_all.svg").exists()
        assert (tmp_path / "out" / "diagrams" / "combined_all.dot").exists()

    def test_a_voice_page_whose_diagram_failed_says_so(self, maps, tmp_path, monkeypatch):
        dot = FakeGraphviz(monkeypatch)
        dot.failing = {"aoki"}
        out = tmp_path / "out"
        report = build(compiled(maps), out)
        assert any(n.startswith("diagram aoki skipped") for n in report.notes)
        page = (out / "voices" / "aoki.html").read_text(encoding="utf-8")
        assert "No diagram: Graphviz could not draw one when this site was built." in page
        assert "Graphviz could not draw" not in (out / "voices" / "lind.html").read_text(
            encoding="utf-8")

    def test_no_diagrams_leaves_them_out(self, maps, tmp_path):
        out = tmp_path / "out"
        build(compiled(maps), out, diagrams=False)
        assert not (out / "diagrams").exists()


class TestProgress:
    def test_plain_lines_when_not_a_terminal(self, maps, tmp_path, capsys):
        assert 0 == run(str(maps), *SOURCES_ARGS, "-o", str(tmp_path / "out"), "--no-diagrams")
        err = capsys.readouterr().err
        assert "argmap build: checking\n" in err and "argmap build: writing (" in err
        assert "\r" not in err

    def test_one_redrawn_line_on_a_terminal(self):
        import io

        from argmap.cli.build import _Progress

        class Terminal(io.StringIO):
            def isatty(self):
                return True

        stream = Terminal()
        progress = _Progress(stream)
        progress("writing", 0, 4)
        progress("writing", 2, 4)
        progress.finish()
        assert "\r\x1b[Kargmap build: writing [############............] 2/4" in stream.getvalue()
        assert stream.getvalue().endswith("\r\x1b[K")


class TestServe:
    def test_serves_the_built_folder_on_localhost(self, tmp_path):
        import urllib.request

        from argmap.commands.serve import serve

        (tmp_path / "index.html").write_text("<p>hello</p>")
        server = serve(tmp_path, 0)
        try:
            host, port = server.server_address[:2]
            assert "127.0.0.1" == host
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/index.html", timeout=5
            ) as response:
                assert b"<p>hello</p>" == response.read()
        finally:
            server.shutdown()
            server.server_close()


class FakeGraphviz:
    """`dot` stand-in: each SVG names the Graphviz version and a hash of the DOT it was drawn
    from, so a page that inlines an old drawing differs from one a fresh build makes."""

    def __init__(self, monkeypatch, version: str | None = "2.43") -> None:
        import argmap.build as builder

        self.version = version
        self.drawn: list[str] = []
        self.failing: set[str] = set()    # DOT graph names whose drawing fails
        monkeypatch.setattr(builder, "dot_version", lambda: self.version)
        monkeypatch.setattr(builder, "run_dot", self.run_dot)

    def run_dot(self, source: str, fmt: str) -> bytes:
        import hashlib

        from argmap.write import GraphvizError

        self.drawn.append(source)
        name = source.split(None, 2)[1]
        if name in self.failing:
            raise GraphvizError(f"dot failed on {name}")
        digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
        return (f'<svg xmlns="http://www.w3.org/2000/svg"><title>{self.version} {digest}'
                f'</title></svg>').encode()


class TestIncrementalEqualsFresh:
    """After any change, the incremental build makes exactly the files (manifest included) a
    build from scratch makes: nothing stale survives because its key missed an input."""

    def check(self, maps: Path, out: Path, fresh: Path, *, diagrams: bool = True):
        corpus = compiled(maps)
        before = tree(out)
        report = build(corpus, out, diagrams=diagrams)
        shutil.rmtree(fresh, ignore_errors=True)
        build(corpus, fresh, diagrams=diagrams)
        made, expected = tree(out), tree(fresh)
        # a build without diagrams leaves the last ones where they are, and keeps their records
        # (so that a build with diagrams after it draws only what changed meanwhile)
        made = {p: d for p, d in made.items() if p in expected or not p.startswith("diagrams/")}
        record = json.loads(made.pop(MANIFEST))
        if not diagrams:
            kept = {p for p in record["outputs"] if p.startswith("diagrams/")}
            assert kept == set(report.stale) and all((out / p).is_file() for p in kept)
            for field in ("outputs", "written"):
                record[field] = {p: v for p, v in record[field].items() if p not in kept}
            record["diagrams"], record["failed"] = {}, {}
        assert json.loads(expected.pop(MANIFEST)) == record
        assert expected == made
        changed = {p for p, data in made.items() if before.get(p) != data}
        assert changed == set(report.written)
        assert sorted(report.unchanged) == sorted(set(record["outputs"]) - changed)
        return report

    def test_each_kind_of_change(self, maps, tmp_path, monkeypatch):
        out, fresh = tmp_path / "out", tmp_path / "fresh"
        dot = FakeGraphviz(monkeypatch)
        self.check(maps, out, fresh)
        TestIncremental().edit_claim(maps, "aoki")
        assert self.check(maps, out, fresh).written
        path = maps / "aoki.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "  - name: Naoko Aoki\n", "  - name: Naoko Renamed\n"), encoding="utf-8")
        self.check(maps, out, fresh)
        sources = maps / "sources.yaml"
        sources.write_text(sources.read_text(encoding="utf-8").replace(
            "title: The Evolving Synergy", "title: The Evolving Synergies"), encoding="utf-8")
        assert "voices/attri.html" in self.check(maps, out, fresh).written
        theses = maps / "theses.yaml"
        theses.write_text(theses.read_text(encoding="utf-8").replace(
            "are the main barrier", "are the chief barrier"), encoding="utf-8")
        assert "theses/history-main-barrier.html" in self.check(maps, out, fresh).written
        dot.version = "9.0"   # a new Graphviz draws every diagram again, and pages show them
        report = self.check(maps, out, fresh)
        assert {f"voices/{m.id}.html" for m in compiled(maps).maps} <= set(report.written)
        dot.version, dot.failing = "9.1", {"combined_all"}
        report = self.check(maps, out, fresh)
        assert "index.html" in report.written   # no longer offers the combined diagram
        dot.failing = set()   # not tried again while its DOT is the same (or --force)
        report = build(compiled(maps), out)
        assert "diagrams/combined_all.svg" not in report.written
        assert any("combined_all skipped" in n for n in report.notes)
        TestIncremental().edit_claim(maps, "aoki")   # a claim it shows: tried again, drawn
        assert "diagrams/combined_all.svg" in self.check(maps, out, fresh).written

    def test_a_quote_credited_to_another_source(self, maps, tmp_path):
        """The comparison page dates each voice by the sources it quotes: crediting one quote
        to another source remakes it (quotes unchecked here: the text is not in that source)."""
        out, fresh = tmp_path / "out", tmp_path / "fresh"

        def corpus():
            return compile_corpus([maps], None)[0]

        build(corpus(), out, diagrams=False)
        path = maps / "aoki.yaml"
        text = path.read_text(encoding="utf-8")
        quote = "on Sado Island\"\n"   # the quote of a claim no stance gives as a reason
        assert quote in text
        path.write_text(text.replace(quote, quote + "        source: attri-2023\n"), encoding="utf-8")
        report = build(corpus(), out, diagrams=False)
        build(corpus(), fresh, diagrams=False)
        made, expected = tree(out), tree(fresh)
        made.pop(MANIFEST), expected.pop(MANIFEST)
        assert expected == made
        assert "compare.html" in report.written

    def test_graphviz_installed_and_one_thesis_diagram_failing(self, maps, tmp_path, monkeypatch):
        """The thesis page whose diagram failed says so, where before it said nothing."""
        out, fresh = tmp_path / "out", tmp_path / "fresh"
        dot = FakeGraphviz(monkeypatch, version=None)
        self.check(maps, out, fresh)
        dot.version, dot.failing = "2.43", {'"thesis_history-main-barrier"'}
        report = self.check(maps, out, fresh)
        assert "theses/history-main-barrier.html" in report.written

    def test_a_thesis_added_then_removed(self, maps, tmp_path, monkeypatch):
        """Every page that lists the theses lists the new one, then no longer lists it."""
        out, fresh = tmp_path / "out", tmp_path / "fresh"
        FakeGraphviz(monkeypatch)
        self.check(maps, out, fresh, diagrams=False)
        theses = maps / "theses.yaml"
        before = theses.read_text(encoding="utf-8")
        theses.write_text(before + (
            "\n  - id: a-new-thesis\n    text: A thesis no voice has taken a stance on.\n"),
            encoding="utf-8")
        assert "theses/a-new-thesis.html" in self.check(maps, out, fresh, diagrams=False).written
        theses.write_text(before, encoding="utf-8")
        self.check(maps, out, fresh, diagrams=False)

    def test_a_voice_removed_takes_its_page_and_diagrams_with_it(self, maps, tmp_path,
                                                                monkeypatch):
        """Every file the build made for a voice whose map is gone is deleted and reported, its
        diagrams too: the folder is the one a fresh build makes."""
        out, fresh = tmp_path / "out", tmp_path / "fresh"
        FakeGraphviz(monkeypatch)
        corpus = compiled(maps)
        build(corpus, out)
        before = set(tree(out))
        voice = TestIncremental.unreferenced_voice(corpus)
        Path(voice.location.path).unlink()
        corpus = compiled(maps)
        report = build(corpus, out)
        build(corpus, fresh)
        assert set(tree(fresh)) == set(tree(out))
        assert sorted(before - set(tree(out))) == sorted(report.removed)
        assert {f"voices/{voice.id}.html", f"diagrams/{voice.id}.svg",
                f"diagrams/{voice.id}.dot"} <= set(report.removed)
        assert () == report.stale

    def test_diagrams_left_out_then_graphviz_missing(self, maps, tmp_path, monkeypatch):
        """The pages say why there is no diagram: built without them, or Graphviz missing."""
        out, fresh = tmp_path / "out", tmp_path / "fresh"
        dot = FakeGraphviz(monkeypatch)
        self.check(maps, out, fresh)
        report = self.check(maps, out, fresh, diagrams=False)
        assert "voices/aoki.html" in report.written and "index.html" in report.written
        dot.version = None
        report = self.check(maps, out, fresh)
        assert "voices/aoki.html" in report.written
        assert "Graphviz was not installed" in (out / "voices" / "aoki.html").read_text()
        dot.version = "2.43"
        report = self.check(maps, out, fresh)
        assert "voices/aoki.html" in report.written


class TestWhatIsMadeAgain:
    """Work is done only for outputs whose inputs changed: pages rendered, diagrams drawn."""

    @staticmethod
    def spy(monkeypatch) -> list[list[str]]:
        import argmap.build as builder

        made: list[list[str]] = []
        render = builder._render
        monkeypatch.setattr(builder, "_render",
                            lambda outputs: made.append([o.path for o in outputs]) or render(outputs))
        return made

    def test_editing_one_map_renders_and_draws_only_what_shows_it(self, maps, tmp_path,
                                                                   monkeypatch):
        dot = FakeGraphviz(monkeypatch)
        made = self.spy(monkeypatch)
        out = tmp_path / "out"
        build(compiled(maps), out)
        everything = set(made[-1])
        TestIncremental().edit_claim(maps, "aoki")
        corpus = compiled(maps)
        dot.drawn.clear()
        report = build(corpus, out)
        rendered = set(made[-1])
        assert set(report.written) <= rendered < everything
        theses = {s.thesis for s in corpus.map("aoki").stances}
        related = {m.id for m in corpus.maps if any(
            r.target.startswith("aoki/") for c in m.claims for r in (*c.supports, *c.attacks))}
        pages = {"index.html", "search.js", "compare.html", "matrix.html", "voices/aoki.html"}
        pages |= {f"voices/{v}.html" for v in related}
        pages |= {f"{kind}/{t}{end}.html" for t in theses for kind, end in
                  (("theses", ""), ("handouts", ""), ("handouts", "-blank"))}
        pictures = {p for p in rendered if p.startswith("diagrams/")}
        assert pictures and all("aoki" in p or "thesis_" in p or "_all" in p for p in pictures)
        others = rendered - pages - pictures
        assert {p for p in others if not p.startswith("tables/")} <= {
            p for p in everything if p.endswith(".html") and p.count("/") == 0}
        assert not any(p.startswith(("voices/lind", "diagrams/lind", "diagrams/part_lind"))
                       for p in rendered)
        drawn_names = {source.split(None, 2)[1] for source in dot.drawn}
        assert drawn_names and not any("lind" in name for name in drawn_names)

    def test_an_unchanged_rebuild_draws_nothing(self, maps, tmp_path, monkeypatch):
        dot = FakeGraphviz(monkeypatch)
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out)
        dot.drawn.clear()
        report = build(corpus, out, force=False)
        assert [] == dot.drawn and () == report.written

    def test_a_damaged_drawing_alone_is_drawn_again(self, maps, tmp_path, monkeypatch):
        dot = FakeGraphviz(monkeypatch)
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out)
        (out / "diagrams" / "combined_all.svg").write_text("<svg/>")
        dot.drawn.clear()
        report = build(corpus, out)
        assert ["combined_all"] == [source.split(None, 2)[1] for source in dot.drawn]
        assert ("diagrams/combined_all.svg",) == report.written

    def test_a_damaged_thesis_drawing_alone_is_drawn_again(self, maps, tmp_path, monkeypatch):
        """A thesis diagram is fitted to the screen, and its .dot kept beside it: the drawing
        damaged while its .dot is intact is still drawn again, not read back."""
        dot = FakeGraphviz(monkeypatch)
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out)
        thesis = sorted((out / "diagrams").glob("thesis_*.svg"))[0]
        good = thesis.read_bytes()
        thesis.write_text("<svg/>")
        dot.drawn.clear()
        report = build(corpus, out)
        assert {thesis.stem} == {source.split(None, 2)[1].strip('"') for source in dot.drawn}
        assert (f"diagrams/{thesis.name}",) == report.written and good == thesis.read_bytes()

    def test_each_diagram_file_beside_its_drawing_is_the_dot_it_was_drawn_from(
            self, maps, tmp_path, monkeypatch):
        import hashlib

        FakeGraphviz(monkeypatch)
        out = tmp_path / "out"
        build(compiled(maps), out)
        svgs = sorted((out / "diagrams").glob("*.svg"))
        assert svgs
        for svg in svgs:
            source = svg.with_suffix(".dot").read_bytes()
            assert hashlib.sha256(source).hexdigest()[:16] in svg.read_text(), svg.name
        home = (out / "index.html").read_text()
        assert 'href="diagrams/combined_all.svg"' in home
        for voice in compiled(maps).maps:
            page = (out / "voices" / f"{voice.id}.html").read_text()
            assert "2.43 " in page and "combined_all" not in page, voice.id


    @pytest.mark.parametrize("damaged, made, spared", [
        ("matrix.csv", "matrix_tables", "stance_tables"),
        ("stances.md", "stance_tables", "matrix_tables")])
    def test_a_damaged_table_remakes_its_own_set_of_tables_once(self, maps, tmp_path,
                                                                monkeypatch, damaged, made,
                                                                spared):
        """The tables come in two sets, the stances and the matrix (seconds to make at 1,000
        voices): a damaged file of one set makes that set, once, and not the other."""
        import argmap.render.tables as tables

        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        calls: list[str] = []
        for name in ("matrix_tables", "stance_tables"):
            real = getattr(tables, name)
            monkeypatch.setattr(tables, name, lambda corpus, real=real, name=name: (
                calls.append(name), real(corpus))[1])
        (out / "tables" / damaged).write_text("edited by hand")
        report = build(corpus, out, diagrams=False)
        assert (f"tables/{damaged}",) == report.written
        assert [made] == calls and spared not in calls


class TestDiagramLinks:
    def test_every_link_in_a_diagram_leads_to_a_page_of_the_site(self, maps, tmp_path,
                                                                monkeypatch):
        """The screen diagrams sit in diagrams/ and link each claim to its place on its voice's
        page: every link resolves to a file the build made, and its anchor to an id there."""
        FakeGraphviz(monkeypatch)
        out = tmp_path / "out"
        build(compiled(maps), out)
        links = [(dot.name, url) for dot in sorted((out / "diagrams").glob("*.dot"))
                 for url in re.findall(r'URL="([^"]*)"', dot.read_text(encoding="utf-8"))]
        assert len({name for name, _url in links}) > 3
        for name, url in links:
            path, _, anchor = url.partition("#")
            page = (out / "diagrams" / path).resolve()
            assert page.is_file() and page.is_relative_to(out.resolve()), (name, url)
            if anchor:
                assert f'id="{anchor}"' in page.read_text(encoding="utf-8"), (name, url)


class TestRefittedDiagrams:
    def test_a_thesis_diagram_drawn_again_to_fit_keeps_the_dot_it_was_drawn_from(
            self, maps, tmp_path, monkeypatch):
        """A thesis diagram too small to read is drawn again in another arrangement; the .dot
        written beside the drawing is the arrangement kept, not the first one tried, also when
        the .dot alone is lost and when a new Graphviz keeps another arrangement."""
        import hashlib

        import argmap.build as builder

        dot = FakeGraphviz(monkeypatch)
        first: dict[str, str] = {}   # the first arrangement tried for each thesis diagram
        drawn: list[str] = []

        def run_dot(source: str, fmt: str) -> bytes:
            name = source.split(None, 2)[1].strip('"')
            drawn.append(name)
            first.setdefault(name, source)
            small = name.startswith("thesis_") and first[name] == source and dot.version == "2.43"
            width = 20000 if small else 400
            digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
            return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="300pt" '
                    f'viewBox="0 0 {width} 300"><title>{digest}</title>'
                    f'<text font-size="14">claim</text></svg>').encode()

        monkeypatch.setattr(builder, "run_dot", run_dot)
        out = tmp_path / "out"
        corpus = compiled(maps)

        def each_dot_is_its_drawings_source() -> None:
            theses = sorted((out / "diagrams").glob("thesis_*.svg"))
            assert theses
            for svg in theses:
                source = svg.with_suffix(".dot").read_bytes()
                assert hashlib.sha256(source).hexdigest()[:16] in svg.read_text(), svg.name

        build(corpus, out)
        refitted = sorted({name for name in drawn if drawn.count(name) > 1})
        assert refitted
        each_dot_is_its_drawings_source()
        (out / "diagrams" / f"{refitted[0]}.dot").unlink()
        build(corpus, out)
        each_dot_is_its_drawings_source()
        dot.version = "9.0"   # draws every diagram again, and keeps the first arrangements
        report = build(corpus, out)
        assert f"diagrams/{refitted[0]}.dot" in report.written
        each_dot_is_its_drawings_source()


    def test_a_new_argmap_that_fits_otherwise_writes_the_new_drawing_and_its_dot(
            self, maps, tmp_path, monkeypatch):
        """How a thesis diagram is fitted to the screen is argmap's own code: a new argmap
        draws the thesis diagrams again, with the same DOT and the same Graphviz, and writes
        both the new drawing and the arrangement it kept."""
        import hashlib

        import argmap.build as builder

        FakeGraphviz(monkeypatch)
        argmap_code = ["old"]    # the old argmap finds each thesis's first arrangement too wide
        first: dict[str, str] = {}

        def run_dot(source: str, fmt: str) -> bytes:
            name = source.split(None, 2)[1].strip('"')
            first.setdefault(name, source)
            small = (name.startswith("thesis_") and first[name] == source
                     and argmap_code == ["old"])
            width = 20000 if small else 400
            digest = hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
            return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="300pt" '
                    f'viewBox="0 0 {width} 300"><title>{digest}</title>'
                    f'<text font-size="14">claim</text></svg>').encode()

        generator = builder._generator
        monkeypatch.setattr(builder, "run_dot", run_dot)
        monkeypatch.setattr(builder, "_generator", lambda: generator() + argmap_code[0])
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out)
        theses = sorted((out / "diagrams").glob("thesis_*.svg"))
        assert theses
        assert [svg for svg in theses   # drawn again in another arrangement to fit
                if svg.with_suffix(".dot").read_text(encoding="utf-8") != first[svg.stem]]
        argmap_code[0] = "new"
        build(corpus, out)
        for svg in theses:
            source = svg.with_suffix(".dot").read_bytes()
            assert first[svg.stem].encode("utf-8") == source, svg.name
            assert hashlib.sha256(source).hexdigest()[:16] in svg.read_text(), svg.name


class TestOutputFolderMessages:
    """The refusal says which folder, and how the output sits in it."""

    def test_the_maps_folder_itself(self, maps):
        assert (f"output folder {maps} is the maps folder {maps.resolve()}; choose another, "
                "e.g. -o build") == output_dir_problem(maps, [maps])

    def test_inside_the_folder_of_a_single_map_file(self, maps):
        out = maps / "site"
        assert (f"output folder {out} is inside the maps folder {maps.resolve()}; choose "
                "another, e.g. -o build") == output_dir_problem(out, [maps / "lind.yaml"])

    def test_inside_the_sources_folder(self, maps, tmp_path):
        sources = tmp_path / "texts"
        sources.mkdir()
        out = sources / "out"
        assert (f"output folder {out} is inside the sources folder {sources.resolve()}; choose "
                "another, e.g. -o build") == output_dir_problem(out, [maps], sources)

    def test_a_sources_folder_that_does_not_exist_guards_nothing(self, maps, tmp_path):
        assert None is output_dir_problem(tmp_path / "texts" / "out", [maps], tmp_path / "texts")

    def test_a_file_in_the_way(self, maps, tmp_path):
        out = tmp_path / "taken"
        out.write_text("")
        assert f"output folder {out} is a file" == output_dir_problem(out, [maps])

    def test_an_output_that_would_leave_the_folder_stops_the_build(self, maps, tmp_path,
                                                                  monkeypatch):
        """A page whose path would leave the output folder (a renderer's bug) stops the build
        before anything is written, and the error names it."""
        import argmap.render.site as site

        pages = site.site_pages
        monkeypatch.setattr(site, "site_pages", lambda *args, **kwargs: [
            *pages(*args, **kwargs),
            site.Page(path="../escaped.html", inputs=(), render=lambda: "escaped")])
        out = tmp_path / "out"
        with pytest.raises(ValueError, match=re.escape(
                "refusing to write outside the output folder: '../escaped.html'")):
            build(compiled(maps), out, diagrams=False)
        assert not (tmp_path / "escaped.html").exists() and not (out / "index.html").exists()

    def test_a_folder_next_to_the_maps_whose_name_starts_the_same(self, maps, tmp_path):
        assert None is output_dir_problem(tmp_path / "maps-site", [maps])


class TestDamagedRecord:
    """A damaged or hand-edited record (`.argmap-build.json`) never makes a build skip work it
    must do, never makes it delete or name files outside the output folder, and never crashes."""

    @staticmethod
    def first_build(maps: Path, out: Path) -> tuple:
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        return corpus, json.loads((out / MANIFEST).read_text())

    @pytest.mark.parametrize("field, value", [
        ("outputs", ["index.html"]), ("outputs", "index.html"), ("build", 7),
        ("notes", "a note"), ("notes", [1]), ("written", ["index.html"]), ("written", None),
        ("model", ["map:aoki"]), ("generator", 7)])
    def test_a_field_of_the_wrong_type_means_a_full_check(self, maps, tmp_path, field, value):
        out = tmp_path / "out"
        corpus, manifest = self.first_build(maps, out)
        good = (out / "index.html").read_bytes()
        (out / "index.html").write_text("edited by hand")
        manifest[field] = value
        (out / MANIFEST).write_text(json.dumps(manifest))
        report = build(corpus, out, diagrams=False)
        assert ("index.html",) == report.written and () == report.notes
        assert good == (out / "index.html").read_bytes()
        again = json.loads((out / MANIFEST).read_text())
        assert [] == again["notes"] and again["build"] and set(again["written"]) == set(
            again["outputs"])

    @pytest.mark.parametrize("notes", ["a note", [1], {"a": "note"}])
    def test_notes_that_are_not_a_list_of_text_are_never_reported(self, maps, tmp_path, notes):
        """An unchanged rebuild repeats the last build's notes; damaged ones mean a full check."""
        out = tmp_path / "out"
        corpus, manifest = self.first_build(maps, out)
        manifest["notes"] = notes
        (out / MANIFEST).write_text(json.dumps(manifest))
        assert () == build(corpus, out, diagrams=False).notes

    def test_a_list_instead_of_a_record_means_a_full_check(self, maps, tmp_path):
        out = tmp_path / "out"
        corpus, _manifest = self.first_build(maps, out)
        (out / "index.html").write_text("edited by hand")
        (out / MANIFEST).write_text("[]")
        assert ("index.html",) == build(corpus, out, diagrams=False).written

    def test_recorded_keys_that_are_not_text_are_not_trusted(self, maps, tmp_path):
        out = tmp_path / "out"
        corpus, manifest = self.first_build(maps, out)
        manifest["build"] = ""
        manifest["outputs"]["index.html"] = 5
        manifest["written"]["voices/lind.html"] = None
        (out / MANIFEST).write_text(json.dumps(manifest))
        (out / "index.html").write_text("edited by hand")
        (out / "voices" / "lind.html").write_text("edited by hand")
        report = build(corpus, out, diagrams=False)
        assert ("index.html", "voices/lind.html") == report.written

    @pytest.mark.parametrize("recorded", [
        "../outside.html", "voices/../../outside.html", "{outside}", "..", "", "."])
    def test_paths_that_leave_the_folder_are_neither_named_nor_deleted(self, maps, tmp_path,
                                                                      recorded):
        import hashlib

        out = tmp_path / "out"
        corpus, manifest = self.first_build(maps, out)
        outside = tmp_path / "outside.html"
        outside.write_text("someone else's file")
        recorded = recorded.format(outside=outside)
        manifest["build"] = ""
        manifest["outputs"][recorded] = "a key"
        manifest["written"][recorded] = hashlib.sha256(outside.read_bytes()).hexdigest()
        (out / MANIFEST).write_text(json.dumps(manifest))
        report = build(corpus, out, diagrams=False)
        assert "someone else's file" == outside.read_text()
        assert recorded not in (*report.stale, *report.removed, *report.written)
        assert recorded not in json.loads((out / MANIFEST).read_text())["outputs"]

    def test_a_path_outside_the_folder_is_never_taken_for_an_unchanged_output(self, maps,
                                                                              tmp_path):
        """The record still matches the corpus, but names files outside the folder with their
        true hashes: the build checks everything and names neither of them."""
        import hashlib

        out = tmp_path / "out"
        corpus, manifest = self.first_build(maps, out)
        outside = tmp_path / "outside.html"
        outside.write_text("someone else's file")
        named = ["../outside.html", str(outside)]
        for recorded in named:
            manifest["outputs"][recorded] = "a key"
            manifest["written"][recorded] = hashlib.sha256(outside.read_bytes()).hexdigest()
        (out / MANIFEST).write_text(json.dumps(manifest))
        report = build(corpus, out, diagrams=False)
        said = {*report.written, *report.unchanged, *report.stale, *report.removed}
        assert [] == [recorded for recorded in named if recorded in said]
        assert "someone else's file" == outside.read_text()
        assert not set(named) & set(json.loads((out / MANIFEST).read_text())["outputs"])

    def test_a_stale_link_is_kept_and_its_target_left_alone(self, maps, tmp_path):
        import hashlib

        out = tmp_path / "out"
        corpus, manifest = self.first_build(maps, out)
        target = tmp_path / "target.html"
        target.write_text("kept")
        (out / "old.html").symlink_to(target)
        manifest["build"] = ""
        manifest["outputs"]["old.html"] = "a key"
        manifest["written"]["old.html"] = hashlib.sha256(b"kept").hexdigest()
        (out / MANIFEST).write_text(json.dumps(manifest))
        report = build(corpus, out, diagrams=False)
        assert ("old.html",) == report.stale and () == report.removed
        assert (out / "old.html").is_symlink() and "kept" == target.read_text()


class TestBuildRecord:
    def test_the_record_holds_every_output_with_the_hash_of_its_bytes(self, maps, tmp_path,
                                                                      monkeypatch):
        import hashlib

        FakeGraphviz(monkeypatch)
        out = tmp_path / "out"
        build(compiled(maps), out)
        TestIncremental().edit_claim(maps, "aoki")
        build(compiled(maps), out)   # some files made again, the others carried over
        manifest = json.loads((out / MANIFEST).read_text())
        files = tree(out)
        files.pop(MANIFEST)
        assert set(files) == set(manifest["outputs"]) == set(manifest["written"])
        assert {p: hashlib.sha256(d).hexdigest() for p, d in files.items()} == manifest["written"]
        from argmap import __version__

        assert __version__ == manifest["argmap"]   # which argmap made the folder


class TestProgressSteps:
    def test_each_step_is_announced_and_writing_counts_to_the_end(self, maps, tmp_path,
                                                                  monkeypatch):
        FakeGraphviz(monkeypatch)
        steps: list[tuple[str, int, int]] = []
        report = build(compiled(maps), tmp_path / "out", progress=lambda *s: steps.append(s))
        names = list(dict.fromkeys(step for step, _done, _total in steps))
        assert ["diagrams", "site", "tables", "writing"] == names   # tables: when to be made
        drawing = [s for s in steps if s[0] == "diagrams"]
        writing = [s for s in steps if s[0] == "writing"]
        total = len(report.written)
        assert [("writing", n, total) for n in range(total + 1)] == writing
        assert drawing[0][1] == 0 and drawing[-1][1] == drawing[-1][2] > 0
        assert [d for _s, d, _t in drawing] == list(range(drawing[-1][2] + 1))
        assert {report.laid_out} == {total for _s, _d, total in drawing}   # known from the start

    def test_the_log_names_each_step_once_with_what_it_counts(self, maps, tmp_path,
                                                             monkeypatch):
        """What `argmap build` prints when its output is not a terminal (a CI log): one line
        per step as it starts, with the number of things the step counts, if it counts."""
        import io

        from argmap.cli.build import _Progress

        FakeGraphviz(monkeypatch)
        log = io.StringIO()
        report = build(compiled(maps), tmp_path / "out", progress=_Progress(log))
        assert [f"argmap build: diagrams ({report.laid_out})", "argmap build: site",
                "argmap build: tables", f"argmap build: writing ({len(report.written)})"
                ] == log.getvalue().splitlines()

    def test_a_build_without_diagrams_never_runs_graphviz(self, maps, tmp_path, monkeypatch):
        """`--no-diagrams` is the way round a Graphviz that hangs or is broken."""
        import argmap.build as builder

        def graphviz(*_args, **_kwargs):
            raise AssertionError("Graphviz was run")

        monkeypatch.setattr(builder, "dot_version", graphviz)
        monkeypatch.setattr(builder, "run_dot", graphviz)
        out = tmp_path / "out"
        assert build(compiled(maps), out, diagrams=False).written
        assert () == build(compiled(maps), out, diagrams=False).written

    def test_no_diagrams_step_when_no_diagram_is_drawn(self, maps, tmp_path, monkeypatch):
        FakeGraphviz(monkeypatch)
        out = tmp_path / "out"
        build(compiled(maps), out)
        theses = maps / "theses.yaml"   # a seminar question: shown on pages, in no diagram
        theses.write_text(theses.read_text(encoding="utf-8").replace(
            "What would count as evidence", "What would count as proof"), encoding="utf-8")
        steps: list[tuple[str, int, int]] = []
        report = build(compiled(maps), out, progress=lambda *s: steps.append(s))
        assert report.written and 0 == report.laid_out
        assert "diagrams" not in {step for step, _done, _total in steps}

    def test_a_long_graphviz_error_is_cut_in_the_note(self, maps, tmp_path, monkeypatch):
        import argmap.build as builder
        from argmap.write import GraphvizError

        FakeGraphviz(monkeypatch)
        reason = "x" * 150 + " " + "y" * 200

        def failing(source: str, fmt: str) -> bytes:
            if source.startswith("digraph combined_all"):
                raise GraphvizError(f"  {reason}\n")
            return b"<svg/>"

        monkeypatch.setattr(builder, "run_dot", failing)
        report = build(compiled(maps), tmp_path / "out")
        assert [f"diagram combined_all skipped: Graphviz failed: {reason[:200]}"] == [
            n for n in report.notes if n.startswith("diagram ")]


class TestWhatChangedIsSaid:
    """The report says why outputs were made: the maps, theses and sources that changed since
    the last build, by name, the first three and a count of the rest."""

    def test_each_reason_in_words(self, maps, tmp_path, monkeypatch):
        import argmap.build as builder

        out = tmp_path / "out"

        def changed(**options) -> tuple[str, ...]:
            return build(compiled(maps), out, diagrams=False, **options).changed

        assert ("first build",) == changed()
        assert () == changed()
        assert ("--force",) == changed(force=True)
        TestIncremental().edit_claim(maps, "aoki")
        assert ("aoki changed",) == changed()
        sources = maps / "sources.yaml"
        sources.write_text(sources.read_text(encoding="utf-8").replace(
            "title: The Evolving Synergy", "title: The Evolving Synergies"), encoding="utf-8")
        assert ("source attri-2023 changed",) == changed()
        lind = (maps / "lind.yaml").read_bytes()
        (maps / "lind.yaml").unlink()
        assert ("lind removed",) == changed()
        (maps / "lind.yaml").write_bytes(lind)
        assert ("lind added",) == changed()
        theses = maps / "theses.yaml"
        theses.write_text(theses.read_text(encoding="utf-8") + (
            "\n  - id: a-new-thesis\n    text: A thesis no voice has taken a stance on.\n"),
            encoding="utf-8")
        assert ("thesis a-new-thesis added",) == changed()
        monkeypatch.setattr(builder, "__version__", "99")
        assert ("argmap changed",) == changed()

    def test_past_three_the_rest_are_counted(self, maps, tmp_path):
        out = tmp_path / "out"
        build(compiled(maps), out, diagrams=False)
        for name in ("aoki", "attri", "lind"):
            TestIncremental().edit_claim(maps, name)
        assert ("aoki changed", "attri changed", "lind changed") == build(
            compiled(maps), out, diagrams=False).changed
        for name in ("aoki", "attri", "lind"):
            TestIncremental().edit_claim(maps, name)
        sources = maps / "sources.yaml"
        sources.write_text(sources.read_text(encoding="utf-8").replace(
            "title: The Evolving Synergy", "title: The Evolving Synergies"), encoding="utf-8")
        assert ("aoki changed", "attri changed", "lind changed", "and 1 more") == build(
            compiled(maps), out, diagrams=False).changed


class TestNewArgmap:
    def test_a_new_argmap_remakes_everything_once(self, maps, tmp_path, monkeypatch):
        """argmap's own code and static files (.py, .css, .js, anywhere in the package) and its
        version are inputs of every output; other files in the package are not."""
        import argmap.build as builder

        package = tmp_path / "package"
        (package / "site").mkdir(parents=True)
        for name, text in (("build.py", "code"), ("site/site.css", "p {}"),
                           ("site/site.js", "x();"), ("README.txt", "notes")):
            (package / name).write_text(text)
        monkeypatch.setattr(builder, "__file__", str(package / "build.py"))
        made = TestWhatIsMadeAgain.spy(monkeypatch)
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        everything = set(made[-1])
        assert len(everything) > 50

        def remade(change) -> set[str]:
            made.clear()
            change()
            build(corpus, out, diagrams=False)
            return set(made[-1]) if made else set()

        assert set() == remade(lambda: (package / "README.txt").write_text("more notes"))
        assert everything == remade(lambda: (package / "site" / "site.css").write_text("a {}"))
        assert everything == remade(lambda: (package / "site" / "site.js").write_text("y();"))
        assert everything == remade(lambda: (package / "build.py").write_text("new code"))
        assert everything == remade(lambda: (package / "site" / "extra.py").write_text(""))
        assert everything == remade(
            lambda: (package / "site" / "extra.py").rename(package / "site" / "other.py"))
        assert set() == remade(lambda: (package / "site" / "folder.py").mkdir())
        assert everything == remade(lambda: monkeypatch.setattr(builder, "__version__", "99"))
        assert set() == remade(lambda: None)


class TestFailedDiagramsRemembered:
    """A diagram Graphviz failed on is not tried again while its DOT text and Graphviz are the
    same (at 1,000 voices, the combined diagram past the time limit took a minute a rebuild):
    not when an edit makes its views again without changing what it draws, not when another
    diagram fails meanwhile; each build says so, and makes what a fresh build makes."""

    @staticmethod
    def noted(corpus, claim_id: str):
        """`corpus` with a note on the first quote of `claim_id` (no diagram shows notes)."""
        import attrs

        def edit(claim):
            if claim.id != claim_id:
                return claim
            return attrs.evolve(claim, evidence=(
                attrs.evolve(claim.evidence[0], note="A note on the quote."), *claim.evidence[1:]))

        return attrs.evolve(corpus, maps=tuple(
            attrs.evolve(m, claims=tuple(edit(c) for c in m.claims)) for m in corpus.maps))

    def test_an_edit_it_does_not_draw_does_not_try_it_again(self, maps, tmp_path, monkeypatch):
        graphviz = FakeGraphviz(monkeypatch)
        graphviz.failing = {"aoki"}
        corpus = compiled(maps)
        out = tmp_path / "out"
        build(corpus, out)
        after = self.noted(corpus, "discuss-contingency-now")   # aoki's, a reason for 2 theses
        graphviz.drawn.clear()
        report = build(after, out)
        assert [] == graphviz.drawn
        assert [n for n in report.notes if "aoki" in n] == [
            "diagram aoki skipped: Graphviz failed: dot failed on aoki (in an earlier build, "
            "and not tried again: its DOT is unchanged; --force tries again)"]
        assert "voices/aoki.html" in report.written    # (the page shows the note)
        fresh = tmp_path / "fresh"
        build(after, fresh)
        made, expected = tree(out), tree(fresh)
        assert made.pop(MANIFEST) and expected.pop(MANIFEST)
        assert expected == made

    def test_it_is_remembered_when_another_diagram_fails(self, maps, tmp_path, monkeypatch):
        import attrs

        graphviz = FakeGraphviz(monkeypatch)
        graphviz.failing = {"aoki"}
        corpus = compiled(maps)
        out = tmp_path / "out"
        build(corpus, out)
        # a claim of lind's that aoki's diagram does not show: lind's diagram is drawn again
        aoki, lind = corpus.map("aoki"), corpus.map("lind")
        shown = {r.target for c in aoki.claims for r in (*c.supports, *c.attacks)}
        claim = next(c for c in lind.claims if f"lind/{c.id}" not in shown)
        after = attrs.evolve(corpus, maps=tuple(
            attrs.evolve(m, claims=tuple(attrs.evolve(c, text=c.text + " Edited.")
                                         if c is claim else c for c in m.claims))
            if m is lind else m for m in corpus.maps))
        graphviz.failing |= {"part_lind_1", "part_lind_2"}
        graphviz.drawn.clear()
        report = build(after, out)
        assert graphviz.drawn and not [s for s in graphviz.drawn if s.startswith("digraph aoki ")]
        skipped = [n.split(":")[0] for n in report.notes]
        assert ["diagram aoki skipped", "diagram part_lind_1 skipped"] == skipped
        (out / "index.html").unlink()   # (so that the next build does not stop at the whole key)
        graphviz.drawn.clear()
        report = build(after, out)
        assert [] == graphviz.drawn and ["index.html"] == list(report.remade)
        assert skipped == [n.split(":")[0] for n in report.notes]

    def test_a_build_without_diagrams_keeps_it_in_the_record(self, maps, tmp_path,
                                                               monkeypatch):
        """`--no-diagrams` in between (the way round a Graphviz that hangs) forgets nothing:
        the next build with diagrams does not try the failed one again."""
        graphviz = FakeGraphviz(monkeypatch)
        graphviz.failing = {"aoki"}
        corpus = compiled(maps)
        out = tmp_path / "out"
        build(corpus, out)
        build(corpus, out, diagrams=False)
        graphviz.drawn.clear()
        report = build(corpus, out)
        assert not [s for s in graphviz.drawn if s.startswith("digraph aoki ")]
        assert [n for n in report.notes if n.startswith("diagram aoki skipped") and "not tried again" in n]

    @pytest.mark.parametrize("damage", ["not-a-mapping", "text-record", "no-note",
                                        "no-key"])
    def test_a_damaged_record_of_it_means_trying_it_again(self, maps, tmp_path, monkeypatch,
                                                          damage):
        """A record of a failed diagram that cannot be read is never taken for a failure: the
        diagram is tried again, and the build says what Graphviz said this time."""
        graphviz = FakeGraphviz(monkeypatch)
        graphviz.failing = {"aoki"}
        corpus = compiled(maps)
        out = tmp_path / "out"
        build(corpus, out)
        record = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        failure = record["failed"]["aoki"]
        record["failed"] = {"not-a-mapping": ["aoki"], "text-record": {"aoki": "x"},
                            "no-note": {"aoki": {"key": failure["key"]}},
                            "no-key": {"aoki": {"note": failure["note"]}}}[damage]
        (out / MANIFEST).write_text(json.dumps(record), encoding="utf-8")
        (out / "index.html").unlink()   # (so that the next build does not stop at the whole key)
        graphviz.drawn.clear()
        report = build(corpus, out)
        assert [s.split(None, 2)[1] for s in graphviz.drawn] == ["aoki"]
        assert ["diagram aoki skipped: Graphviz failed: dot failed on aoki"] == list(report.notes)


def test_the_combined_diagram_is_the_detailed_drawing_of_every_voice(maps, tmp_path,
                                                                    monkeypatch):
    """The diagram of every claim the home page offers is the one to print: what
    `argmap render --combined --detailed` draws, not a view cut to fit a screen."""
    FakeGraphviz(monkeypatch)
    out = tmp_path / "out"
    build(compiled(maps), out)
    assert 0 == main(["render", str(maps), *SOURCES_ARGS, "--combined", "--detailed",
                      "--format", "dot", "-o", str(tmp_path / "render")])
    assert ((tmp_path / "render" / "combined_all.dot").read_text(encoding="utf-8")
            == (out / "diagrams" / "combined_all.dot").read_text(encoding="utf-8"))


def test_a_diagram_group_naming_an_input_without_a_hash_stops_the_build(maps, tmp_path,
                                                                        monkeypatch):
    """A group of diagrams keyed by a name of the whole corpus the build does not hash would
    be keyed by the word "missing", the same whatever changed, and never drawn again: the
    build stops instead, naming it, and writes nothing."""
    import attrs

    import argmap.render.diagram_inputs as inputs

    FakeGraphviz(monkeypatch)
    real = inputs.diagram_groups

    def groups(corpus):
        first, *rest = real(corpus)
        return [attrs.evolve(first, inputs=(*first.inputs, "no-such-input")), *rest]

    monkeypatch.setattr(inputs, "diagram_groups", groups)
    out = tmp_path / "out"
    with pytest.raises(ValueError, match=r"diagram inputs without a hash: \['no-such-input'\]"):
        build(compiled(maps), out)
    assert not out.exists() or not any(out.iterdir())


def test_a_diagram_kept_because_it_was_edited_is_not_recorded_as_made(maps, tmp_path,
                                                                      monkeypatch):
    """A voice removed takes its diagrams with it, but one the user edited is kept (and said
    to be); the build's record lists only what this build made, so the next unchanged build
    takes the quick path instead of checking everything again."""
    FakeGraphviz(monkeypatch)
    out = tmp_path / "out"
    build(compiled(maps), out)
    (out / "diagrams" / "aoki.dot").write_text("edited by hand", encoding="utf-8")
    (maps / "aoki.yaml").unlink()
    corpus = compiled(maps)
    report = build(corpus, out)
    assert "diagrams/aoki.dot" in report.stale and "diagrams/aoki.svg" in report.removed
    record = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "diagrams/aoki.dot" not in record["outputs"]
    assert set(record["outputs"]) == set(report.written) | set(report.unchanged)
    again = build(corpus, out)
    assert () == again.written == again.stale
