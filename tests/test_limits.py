"""Inputs that used to crash (exit 70), pass quietly or take minutes: each is now a clear error,
a named warning or a bounded hint."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_check_diagnostics import GOOD_MAP, SOURCE_TEXT, THESES

from argmap import quotes
from argmap.cli import main
from argmap.pipeline import load_and_check

from conftest import MAPS


def status(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as stop:
        return int(stop.code or 0)


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    folder = tmp_path / "maps"
    folder.mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "src.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (folder / "corpus.yaml").write_text(THESES, encoding="utf-8")
    (folder / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
    return folder


def codes(folder: Path) -> list[tuple[str, str]]:
    _, problems = load_and_check([folder])
    return [(Path(p.location.path).name, p.code) for p in problems]


class TestNoInternalErrors:
    def test_a_300_character_id_is_an_error_before_any_file_is_named(self, maps: Path, tmp_path: Path,
                                                                      capsys) -> None:
        long_id = "a" * 300
        (maps / "m.yaml").write_text(GOOD_MAP.replace("argmap: 1\n", f"argmap: 1\nid: {long_id}\n"),
                                     encoding="utf-8")
        assert [("m.yaml", "id-too-long")] == codes(maps)
        for command in (["render", str(maps), "--format", "dot", "-o", str(tmp_path / "d")],
                        ["export", str(maps), "--to", "json", "-o", str(tmp_path / "x.json")]):
            assert 1 == status(command)
            assert "internal error" not in capsys.readouterr().err

    def test_sixty_four_characters_are_fine(self, maps: Path) -> None:
        (maps / "m.yaml").write_text(GOOD_MAP.replace("argmap: 1\n", f"argmap: 1\nid: {'a' * 64}\n"),
                                     encoding="utf-8")
        assert [] == codes(maps)
        # also where another id is wrong, so that each id is looked at on its own
        (maps / "m.yaml").write_text(GOOD_MAP.replace("argmap: 1\n", f"argmap: 1\nid: {'a' * 64}\n")
                                     .replace("  - id: b\n", "  - id: B\n"), encoding="utf-8")
        assert [("m.yaml", "bad-id")] == codes(maps)

    def test_unreadable_folder_is_a_usage_error_naming_it(self, maps: Path, monkeypatch, capsys) -> None:
        if os.geteuid() == 0:   # root reads everything: make the folder refuse as it would
            real = os.scandir

            def refuse(path=".", *args):
                if Path(path) == maps:
                    raise PermissionError(13, "Permission denied")
                return real(path, *args)
            monkeypatch.setattr(os, "scandir", refuse)
        else:
            maps.chmod(0)
        try:
            assert 2 == status(["check", str(maps)])
        finally:
            maps.chmod(0o755)
        assert f"cannot read {maps}: Permission denied" in capsys.readouterr().err

    def test_nonexistent_sources_folder_is_a_usage_error(self, maps: Path, tmp_path: Path, capsys) -> None:
        assert 2 == status(["check", "--sources", str(tmp_path / "nowhere"), str(maps)])
        assert "no such folder" in capsys.readouterr().err


    def test_a_file_given_as_the_sources_folder_is_a_usage_error(self, maps: Path, tmp_path: Path, capsys) -> None:
        text = tmp_path / "source.txt"
        text.write_text("A source text.\n")
        assert 2 == status(["check", "--sources", str(text), str(maps)])
        assert "not a folder" in capsys.readouterr().err


class TestNothingSkippedSilently:
    def test_each_skipped_entry_is_named_with_why(self, maps: Path, capsys) -> None:
        (maps / "more").mkdir()
        (maps / "OLD.YAML").write_text(GOOD_MAP, encoding="utf-8")
        (maps / "gone.yaml").symlink_to(maps / "nowhere.yaml")
        (maps / "README.md").write_text("notes", encoding="utf-8")
        (maps / ".hidden").mkdir()
        assert 0 == status(["check", str(maps)])
        out = capsys.readouterr().out
        assert sorted([("OLD.YAML", "skipped-file"), ("gone.yaml", "skipped-file"),
                       ("more", "skipped-file")]) == sorted(codes(maps))
        assert "rename it to OLD.yaml" in out and "broken link" in out and "sub-folder" in out

    def test_an_empty_folder_is_an_error_and_builds_nothing(self, tmp_path: Path, capsys) -> None:
        empty = tmp_path / "empty"
        empty.mkdir()
        assert 1 == status(["check", str(empty)])
        assert "[empty-corpus]" in capsys.readouterr().out
        assert 1 == status(["build", str(empty), "-o", str(tmp_path / "site")])
        assert not (tmp_path / "site").exists()


class TestQuotes:
    @pytest.mark.parametrize("quote, warned", [("fox", True), ("brown fox", True),
                                               ("quick brown fox", False)])
    def test_too_short_to_identify_a_passage(self, maps: Path, quote: str, warned: bool) -> None:
        (maps / "m.yaml").write_text(GOOD_MAP.replace("quote: quick brown fox", f"quote: {quote}"),
                                     encoding="utf-8")
        assert ([("m.yaml", "quote-too-short")] if warned else []) == codes(maps)

    def test_hint_for_a_long_misquote_in_a_long_source_is_found_and_capped(self) -> None:
        """(Its speed is measured in benchmarks/bench_hint.py: a 2.4 KB misquote against a 5 MB
        source takes about 0.1 s; difflib took 85 s.)"""
        words = "alliance security history apology threat perception cooperation summit".split()
        filler = " ".join(words[(i * 7) % len(words)] for i in range(60_000))
        passage = ("Seoul and Tokyo agreed in March to resume shuttle diplomacy after twelve years, "
                   "and the summit in Hiroshima confirmed the thaw between the two governments. ") * 12
        source = quotes.normalise(filler + " " + passage + " " + filler)
        misquote = passage.replace("twelve", "eleven", 1)
        hint = quotes.closest_passage(misquote, source)
        assert hint is not None and len(hint) <= quotes.HINT_LIMIT + 2
        assert "twelve years" in hint   # shown where the quote drifts from the text
        assert hint.strip("\u2026") in source

    def test_not_a_mapping_quotes_at_most_a_line(self, tmp_path: Path) -> None:
        folder = tmp_path / "maps"
        folder.mkdir()
        (folder / "m.yaml").write_text("root:x:0:0:root:/root:/bin/bash " * 100, encoding="utf-8")
        _, problems = load_and_check([folder])
        [problem] = problems
        assert "not-a-mapping" == problem.code and len(problem.message) < 200


def test_shipped_corpus_has_no_skipped_files() -> None:
    assert [] == [p for p in load_and_check([MAPS])[1] if p.code == "skipped-file"]
