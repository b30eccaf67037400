"""Sources without ceremony: the corpus says where its texts are (`sources_dir`), every command
finds them without --sources, several folders are searched in order, a warning repeated for many
quotes is printed once with a count, and `new` prints the source entry a new map needs."""

from __future__ import annotations

import json
import textwrap
import time
from pathlib import Path

import pytest

from argmap.cli import main

from conftest import ROOT, needs_shared

TEXT = "The quick brown fox jumps over the lazy dog near the river bank."


def corpus(tmp_path: Path, setting: str, *, quotes=("quick brown fox jumps",),
           text: str = "fox.txt") -> Path:
    maps = tmp_path / "project" / "maps"
    maps.mkdir(parents=True)
    (maps / "sources.yaml").write_text(textwrap.dedent(f"""\
        argmap: 1
        {setting}
        sources:
          - id: fox
            title: The fox
            text: {text}
        """), encoding="utf-8")
    evidence = "".join(f'      - quote: "{q}"\n' for q in quotes)
    (maps / "ada.yaml").write_text(
        "argmap: 1\nauthors:\n  - name: Ada\nsource: fox\nclaims:\n  - id: c\n    text: A claim.\n"
        f"    evidence:\n{evidence}", encoding="utf-8")
    return maps


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv("ARGMAP_SOURCES", raising=False)


class TestSetting:
    def test_every_command_finds_the_texts(self, tmp_path, capsys):
        maps = corpus(tmp_path, "sources_dir: ../texts")
        (tmp_path / "project" / "texts").mkdir()
        (tmp_path / "project" / "texts" / "fox.txt").write_text(TEXT, encoding="utf-8")
        code, out, err = run(capsys, "check", str(maps))
        assert (0, "") == (code, out)
        assert "0 errors, 0 warnings" in err
        code, out, err = run(capsys, "table", str(maps), "--format", "json")
        assert (0, "") == (code, err)

    def test_a_quote_not_in_the_text_is_found_out(self, tmp_path, capsys):
        maps = corpus(tmp_path, "sources_dir: ../texts", quotes=("a slow purple fox",))
        (tmp_path / "project" / "texts").mkdir()
        (tmp_path / "project" / "texts" / "fox.txt").write_text(TEXT, encoding="utf-8")
        code, out, _err = run(capsys, "check", str(maps))
        assert 1 == code and "[quote-not-found]" in out

    def test_several_folders_are_searched_in_order(self, tmp_path, capsys):
        maps = corpus(tmp_path, "sources_dir: [../empty, ../texts]")
        for folder in ("empty", "texts"):
            (tmp_path / "project" / folder).mkdir()
        (tmp_path / "project" / "texts" / "fox.txt").write_text(TEXT, encoding="utf-8")
        code, out, _err = run(capsys, "check", "--strict", str(maps))
        assert (0, "") == (code, out)
        (tmp_path / "project" / "empty" / "fox.txt").write_text("Nothing here.", encoding="utf-8")
        code, out, _err = run(capsys, "check", str(maps))
        assert 1 == code and "[quote-not-found]" in out    # the first folder's copy wins

    def test_sources_on_the_command_line_win(self, tmp_path, capsys):
        maps = corpus(tmp_path, "sources_dir: ../texts")
        other = tmp_path / "elsewhere"
        other.mkdir()
        (other / "fox.txt").write_text("Nothing here.", encoding="utf-8")
        code, out, _err = run(capsys, "check", "--sources", str(other), str(maps))
        assert 1 == code and "[quote-not-found]" in out

    def test_a_text_may_not_leave_its_folder(self, tmp_path, capsys):
        maps = corpus(tmp_path, "sources_dir: ../texts", text="../secret.txt")
        (tmp_path / "project" / "texts").mkdir()
        code, out, _err = run(capsys, "check", str(maps))
        assert 1 == code and "[path-outside-sources]" in out

    def test_a_misspelt_setting_gets_a_suggestion(self, tmp_path, capsys):
        maps = corpus(tmp_path, "source_dir: ../texts")
        code, out, _err = run(capsys, "check", str(maps))
        assert 1 == code and "did you mean 'sources_dir'?" in out


class TestRepeatedWarnings:
    def test_shown_once_with_a_count_and_all_in_json(self, tmp_path, capsys):
        quotes = ("quick brown fox", "lazy dog near", "the river bank")
        maps = corpus(tmp_path, "", quotes=quotes)
        code, out, err = run(capsys, "check", str(maps))
        assert 0 == code
        lines = out.splitlines()
        assert 1 == sum("[quote-unchecked]" in line for line in lines)
        assert "applies to 2 more places" in out
        assert "3 warnings" in err
        code, out, _err = run(capsys, "check", "--format", "json", str(maps))
        assert 3 == sum(d["code"] == "quote-unchecked" for d in json.loads(out)["diagnostics"])

    def test_other_commands_summarise_too(self, tmp_path, capsys):
        maps = corpus(tmp_path, "", quotes=("quick brown fox", "lazy dog near"))
        code, _out, err = run(capsys, "table", str(maps), "--format", "json")
        assert 0 == code
        assert 1 == err.count("[quote-unchecked]") and "applies to 1 more place " in err


class TestNew:
    def test_prints_the_entry_an_unknown_source_needs(self, tmp_path, capsys, monkeypatch):
        maps = corpus(tmp_path, "")
        code, out, _err = run(capsys, "new", "bea", "--author", "Bea", "--source", "bea-2025",
                              "--dir", str(maps))
        assert 0 == code
        assert "- id: bea-2025" in out and "text: bea-2025.txt" in out
        assert str(maps / "sources.yaml") in out
        assert "bea-2025" not in (maps / "sources.yaml").read_text(encoding="utf-8")

    def test_says_nothing_more_for_a_known_source(self, tmp_path, capsys):
        maps = corpus(tmp_path, "")
        code, out, _err = run(capsys, "new", "bea", "--author", "Bea", "--source", "fox",
                              "--dir", str(maps))
        assert (0, f"wrote {maps / 'bea.yaml'}\n") == (code, out)


@needs_shared
def test_the_shipped_corpus_needs_no_flag(capsys, monkeypatch):
    """README step 1, as written: `argmap check maps/` from the checkout, no --sources."""
    monkeypatch.chdir(ROOT)
    code, out, err = run(capsys, "check", "maps/")
    assert (0, "") == (code, out)
    assert "0 errors, 0 warnings" in err


class TestBuild:
    def test_never_writes_into_a_sources_folder_the_corpus_names(self, tmp_path, capsys):
        maps = corpus(tmp_path, "sources_dir: ../texts")
        texts = tmp_path / "project" / "texts"
        texts.mkdir()
        (texts / "fox.txt").write_text(TEXT, encoding="utf-8")
        code, _out, err = run(capsys, "build", str(maps), "-o", str(texts / "site"),
                              "--no-diagrams")
        assert 2 == code and "inside the sources folder" in err
        assert ["fox.txt"] == sorted(p.name for p in texts.iterdir())

    def test_the_orchestrator_refuses_before_and_after_reading_the_corpus(self, tmp_path):
        """commands.build decides: the command line's folders first, the corpus's once read."""
        from argmap.commands.build import OutputRefused, build_into, check_output
        from argmap.commands.inputs import compile_paths

        maps = corpus(tmp_path, "sources_dir: ../texts")
        texts = tmp_path / "project" / "texts"
        texts.mkdir()
        (texts / "fox.txt").write_text(TEXT, encoding="utf-8")
        with pytest.raises(OutputRefused, match="inside the maps folder"):
            check_output([str(maps)], None, maps / "site")
        with pytest.raises(OutputRefused, match="inside the sources folder"):
            check_output([str(maps)], texts, texts / "site")
        check_output([str(maps)], None, texts / "site")   # the corpus is not read yet
        model, _warnings = compile_paths([str(maps)], None)
        with pytest.raises(OutputRefused, match=f"output folder {texts / 'site'} is inside the "
                                                f"sources folder {texts.resolve()}"):
            build_into(model, [str(maps)], texts / "site", diagrams=False, force=False,
                       progress=lambda *_: None)
        assert ["fox.txt"] == sorted(p.name for p in texts.iterdir())
        report = build_into(model, [str(maps)], tmp_path / "site", diagrams=False, force=False,
                            progress=lambda *_: None)
        assert "index.html" in report.written

    def test_a_save_starts_a_build_but_an_editors_own_files_do_not(self, tmp_path):
        """`build --watch`: saved maps (`.yaml`, `.yml`) and source texts count; backups (`~`) and
        swap files do not."""
        import queue
        import threading

        pytest.importorskip("watchfiles")
        from argmap.commands.watch import saves

        maps, texts = tmp_path / "maps", tmp_path / "texts"
        maps.mkdir()
        texts.mkdir()
        found: queue.Queue = queue.Queue()

        def listen() -> None:
            for names in saves([maps], texts):
                found.put(names)

        threading.Thread(target=listen, daemon=True).start()
        seen: set[str] = set()
        for _round in range(10):   # until the watcher, set up in its own time, has seen them all
            time.sleep(1.0)
            for name in ("lind.yaml~", ".lind.yaml.swp", "notes.txt", "lind.yaml", "yeo.yml"):
                (maps / name).write_text("argmap: 1\n", encoding="utf-8")
            for name in ("fox.txt~", ".fox.txt.swp", "fox.txt"):
                (texts / name).write_text("A source text.\n", encoding="utf-8")
            try:
                while True:
                    seen.update(found.get(timeout=3))
            except queue.Empty:
                pass
            if {"fox.txt", "lind.yaml", "yeo.yml"} <= seen:
                break

        assert {"fox.txt", "lind.yaml", "yeo.yml"} == seen

    def test_watch_watches_the_corpus_sources_folders(self, tmp_path):
        from argmap.commands.watch import watched

        texts = tmp_path / "texts"
        texts.mkdir()
        assert [str(tmp_path / "maps"), str(texts.resolve())] == watched(
            [tmp_path / "maps"], (texts, tmp_path / "missing"))
