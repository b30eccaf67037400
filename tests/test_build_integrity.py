"""A build never says "unchanged" over damaged output, never leaves a mix of two builds, is not
run twice into one folder at once, and stops promptly on Ctrl-C in every phase."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from argmap.build import build
from argmap.cli import main
from argmap.pipeline import compile_corpus
from argmap.write import STAGING, FolderBusy, Stage

from conftest import FEW_MAPS, MAPS, SOURCES

SOURCES_ARGS = ["--sources", str(SOURCES)] if SOURCES.is_dir() else []


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.name.endswith(".tmp") or STAGING in p.parts)


def compiled(folder: Path):
    return compile_corpus([folder], SOURCES if SOURCES.is_dir() else None)[0]


def run(*argv: str) -> int:
    try:
        return main(["build", *argv])
    except SystemExit as stop:
        return int(stop.code or 0)


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    """A private copy of part of the shipped corpus (`FEW_MAPS`), safe to edit."""
    folder = tmp_path / "maps"
    folder.mkdir()
    for name in FEW_MAPS:
        shutil.copy(MAPS / name, folder / name)
    return folder


def _edit(maps: Path) -> None:
    """Change a voice's name: its page, the home page, thesis pages and tables all change."""
    path = maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Jennifer M. Lind", "name: Jennifer Lind"), encoding="utf-8")


class TestVerifiedAgainstTheRecord:
    def test_emptied_page_is_made_again(self, maps: Path, tmp_path: Path, capsys) -> None:
        out = tmp_path / "out"
        assert 0 == run(str(maps), *SOURCES_ARGS, "--no-diagrams", "-o", str(out))
        good = (out / "index.html").read_bytes()
        (out / "index.html").write_bytes(b"")
        capsys.readouterr()
        assert 0 == run(str(maps), *SOURCES_ARGS, "--no-diagrams", "-o", str(out))
        assert good == (out / "index.html").read_bytes()
        assert "1 written" in capsys.readouterr().out

    def test_deleted_and_edited_files_are_made_again(self, maps: Path, tmp_path: Path) -> None:
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        good = tree(out)
        css = out / "site.css"
        css.write_bytes(css.read_bytes() + b"/* edited */")
        victim = next(p for p in sorted((out / "voices").iterdir()))
        victim.unlink()
        report = build(corpus, out, diagrams=False)
        assert sorted(["site.css", f"voices/{victim.name}"]) == sorted(report.written)
        assert good == tree(out)

    def test_damaged_diagram_is_drawn_again(self, maps: Path, tmp_path: Path) -> None:
        if shutil.which("dot") is None:
            pytest.skip("Graphviz is not installed")
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out)
        good = tree(out)
        svg = out / "diagrams" / "part_lind_1.svg"   # lind is drawn in parts (issue 19)
        svg.write_bytes(svg.read_bytes()[:100])
        report = build(corpus, out)
        assert ("diagrams/part_lind_1.svg",) == report.written
        assert good == tree(out)


class TestAllOrNothing:
    def test_interrupted_writing_leaves_the_previous_site(self, maps: Path, tmp_path: Path,
                                                          monkeypatch) -> None:
        out = tmp_path / "out"
        build(compiled(maps), out, diagrams=False)
        before = tree(out)
        _edit(maps)
        edited = compiled(maps)
        staged = Stage.write
        count = {"n": 0}

        def interrupted(self, relative, data):
            count["n"] += 1
            if count["n"] == 5:
                raise KeyboardInterrupt
            return staged(self, relative, data)

        monkeypatch.setattr(Stage, "write", interrupted)
        with pytest.raises(KeyboardInterrupt):
            build(edited, out, diagrams=False)
        assert before == tree(out)
        assert [] == leftovers(out)
        monkeypatch.undo()
        # the next build does the whole job, and calls nothing stale "unchanged"
        report = build(edited, out, diagrams=False)
        fresh = tmp_path / "fresh"
        build(edited, fresh, diagrams=False)
        assert tree(fresh) == tree(out)
        assert len(report.written) > 5

    def test_killed_while_moving_files_into_place_is_finished_by_the_next_build(
            self, maps: Path, tmp_path: Path) -> None:
        out = tmp_path / "out"
        build(compiled(maps), out, diagrams=False)
        _edit(maps)
        # a separate process, killed (no clean-up of any kind) after its third rename
        script = textwrap.dedent(f"""
            import os
            from pathlib import Path
            from argmap import write
            from argmap.build import build
            from argmap.pipeline import compile_corpus
            real, moves = os.replace, []
            def replace(a, b):
                moves.append(b)
                if len(moves) == 3:
                    os._exit(9)
                real(a, b)
            write.os.replace = replace
            corpus = compile_corpus([Path({str(maps)!r})], None)[0]
            build(corpus, Path({str(out)!r}), diagrams=False)
            """)
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        assert 9 == result.returncode, result.stderr
        assert (out / STAGING / "COMMIT").is_file()   # a mix on disk, with the journal to end it
        build(compiled(maps), out, diagrams=False)
        fresh = tmp_path / "fresh"
        build(compiled(maps), fresh, diagrams=False)
        assert tree(fresh) == tree(out)
        assert [] == leftovers(out)

    def test_unfinished_staging_of_a_killed_build_is_discarded(self, maps: Path,
                                                               tmp_path: Path) -> None:
        out = tmp_path / "out"
        corpus = compiled(maps)
        build(corpus, out, diagrams=False)
        before = tree(out)
        (out / STAGING / "voices").mkdir(parents=True)
        (out / STAGING / "voices" / "lind.html").write_bytes(b"half")
        report = build(corpus, out, diagrams=False)
        assert () == report.written
        assert before == tree(out)
        assert [] == leftovers(out)


class TestOneBuildAtATime:
    def test_a_second_build_waits_its_turn(self, maps: Path, tmp_path: Path, capsys) -> None:
        import threading

        out = tmp_path / "out"
        held, release = threading.Event(), threading.Event()

        def other_build() -> None:
            with Stage(out):
                held.set()
                release.wait(10)

        other = threading.Thread(target=other_build)
        other.start()
        held.wait(10)
        threading.Timer(1.0, release.set).start()
        started = time.monotonic()
        assert 0 == run(str(maps), *SOURCES_ARGS, "--no-diagrams", "-o", str(out))
        assert time.monotonic() - started >= 0.9
        other.join()
        assert "argmap build: waiting for another build into this folder\n" in capsys.readouterr().err
        assert (out / "index.html").is_file()

    def test_refused_after_waiting_long_enough(self, maps: Path, tmp_path: Path) -> None:
        out = tmp_path / "out"
        with Stage(out):
            with pytest.raises(FolderBusy, match=f"another argmap is building into {out}"):
                build(compiled(maps), out, diagrams=False, wait=0.3)
        build(compiled(maps), out, diagrams=False, wait=0)
        assert (out / "index.html").is_file()


SLOW_DOT = """#!/bin/sh
# Graphviz that takes its time: records its pid, then waits before drawing.
case "$*" in *-V*) exec {dot} "$@";; esac
echo $$ >> {pids}
sleep 30
exec {dot} "$@"
"""


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
class TestCtrlC:
    def test_during_the_diagrams_prompt_exit_130_previous_site_intact(self, maps: Path,
                                                                      tmp_path: Path) -> None:
        """Each drawing here takes 30 s; Ctrl-C stops them and the build at once."""
        out = tmp_path / "out"
        build(compiled(maps), out)
        before = tree(out)
        _edit(maps)
        tools = tmp_path / "bin"
        tools.mkdir()
        pids = tmp_path / "pids"
        slow = tools / "dot"
        slow.write_text(SLOW_DOT.format(dot=shutil.which("dot"), pids=pids), encoding="utf-8")
        slow.chmod(0o755)
        env = dict(os.environ, PATH=f"{tools}{os.pathsep}{os.environ['PATH']}")
        # --force: every page is made again, so there is a writing phase to interrupt as well
        command = [sys.executable, "-m", "argmap", "build", str(maps), *SOURCES_ARGS, "-o", str(out),
                   "--force"]
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        deadline = time.monotonic() + 60
        while not pids.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
        took = time.monotonic() - sent
        assert 130 == process.returncode, err
        assert "Traceback" not in err
        assert took < 5, f"Ctrl-C took {took:.1f} s"
        assert before == tree(out)
        assert [] == leftovers(out)
        for pid in pids.read_text().split():
            with pytest.raises(ProcessLookupError):
                os.kill(int(pid), 0)

