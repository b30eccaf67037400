"""What reaches a terminal shows control characters escaped; bidi controls in map text warn."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_check_diagnostics import GOOD_MAP, SOURCE_TEXT, THESES

from argmap.cli import main
from argmap.pipeline import load_and_check
from argmap.terminal import escape

HOSTILE_KEY = '"\\e]0;TITLE\\a\\e[2Jkey"'   # YAML escapes: ESC ] 0 ; TITLE BEL ESC [ 2 J


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    folder = tmp_path / "maps"
    folder.mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "src.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (folder / "corpus.yaml").write_text(THESES, encoding="utf-8")
    return folder


def _raw_controls(text: str) -> set[str]:
    return {ch for ch in text if (ord(ch) < 0x20 and ch not in "\n\t") or 0x7f <= ord(ch) <= 0x9f
            or ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"}


class TestEscape:
    @given(st.text())
    def test_nothing_raw_survives_and_nothing_else_changes(self, text: str) -> None:
        shown = escape(text)
        assert set() == _raw_controls(shown)
        if not _raw_controls(text):
            assert text == shown

    def test_shown_not_dropped(self) -> None:
        assert "a\\x1b[2Jb\\u202ec\n\td" == escape("a\x1b[2Jb\u202ec\n\td")


class TestCommands:
    def test_check_shows_a_hostile_key_escaped(self, maps: Path, capsys) -> None:
        (maps / "m.yaml").write_text(GOOD_MAP.replace("    text: A claim.\n",
                                                      f"    text: A claim.\n    {HOSTILE_KEY}: x\n"),
                                     encoding="utf-8")
        assert 1 == main(["check", str(maps)])
        captured = capsys.readouterr()
        assert set() == _raw_controls(captured.out + captured.err)
        assert "unknown key '\\x1b]0;TITLE\\x07\\x1b[2Jkey'" in captured.out

    def test_json_keeps_the_text_itself(self, maps: Path, capsys) -> None:
        import json

        (maps / "m.yaml").write_text(GOOD_MAP.replace("    text: A claim.\n",
                                                      f"    text: A claim.\n    {HOSTILE_KEY}: x\n"),
                                     encoding="utf-8")
        main(["check", "--format", "json", str(maps)])
        [diagnostic] = json.loads(capsys.readouterr().out)["diagnostics"]
        assert "\x1b]0;TITLE\x07\x1b[2Jkey" in diagnostic["message"]

    def test_analyze_shows_names_and_claims_escaped(self, maps: Path, capsys) -> None:
        (maps / "m.yaml").write_text(GOOD_MAP.replace("  - name: A", '  - name: "A\\e[2J"')
                                     .replace("    text: A claim.", '    text: "A \\e]0;T\\a claim."'),
                                     encoding="utf-8")
        assert 0 == main(["analyze", str(maps)])
        out = capsys.readouterr().out
        assert set() == _raw_controls(out)
        assert "A\\x1b[2J" in out

    def test_a_real_terminal_gets_nothing_raw(self, maps: Path) -> None:
        """Through a pseudo-terminal, as a user sees it: argmap's own colours pass, nothing else."""
        (maps / "m.yaml").write_text(GOOD_MAP.replace("  - name: A", '  - name: "A\\e[2J\\u202eB"')
                                     .replace("    text: A claim.\n",
                                              f"    text: A claim.\n    {HOSTILE_KEY}: x\n"),
                                     encoding="utf-8")
        # the last: a usage error that repeats a hostile path, which only the stream guard escapes
        for command in (["check", str(maps)], ["table", str(maps)],
                        ["check", str(maps / "\x1b]0;TITLE\x07\x1b[2J")]):
            leader, follower = os.openpty()
            process = subprocess.Popen([sys.executable, "-m", "argmap", *command],
                                       stdout=follower, stderr=follower, stdin=subprocess.DEVNULL)
            os.close(follower)
            chunks = []
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            process.wait(timeout=60)
            os.close(leader)
            text = b"".join(chunks).decode("utf-8")
            without_colours = __import__("re").sub("\x1b\\[[0-9;]*m", "", text)
            assert _raw_controls(without_colours) <= {"\r"}, command   # the pty's CR LF
            assert "\x1b[2J" not in text and "\x1b]0;" not in text and "\u202e" not in text


class TestBidiWarning:
    def test_override_in_claim_text(self, maps: Path) -> None:
        (maps / "m.yaml").write_text(GOOD_MAP.replace("    text: A claim.", '    text: "A \\u202eclaim."'),
                                     encoding="utf-8")
        _, problems = load_and_check([maps])
        assert [("bidi-control", 7, 11)] == [(p.code, p.location.line, p.location.column)
                                             for p in problems]
        assert "U+202E" in problems[0].message and problems[0].severity.value == "warning"

    def test_plain_right_to_left_text_is_fine(self, maps: Path) -> None:
        (maps / "m.yaml").write_text(GOOD_MAP.replace("    text: A claim.", "    text: שלום claim."),
                                     encoding="utf-8")
        _, problems = load_and_check([maps])
        assert [] == list(problems)


def test_bidi_in_a_cross_voice_note_is_found(maps: Path) -> None:
    (maps / "n.yaml").write_text(
        "argmap: 1\nauthors: [{name: N}]\nsource: src\nclaims:\n  - id: x\n    text: X.\n"
        "    evidence: [{quote: quick brown fox}]\n    attacks:\n      - target: m/a\n"
        "        basis: contrast\n        note: \"Set \\u2067side\\u2069 by side.\"\n",
        encoding="utf-8")
    (maps / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
    _, problems = load_and_check([maps])
    assert [("n.yaml", "bidi-control", 11, 15)] == [(Path(p.location.path).name, p.code, p.location.line,
                                                     p.location.column) for p in problems]


class TestTables:
    """The term format shows a map's control characters escaped, by argmap.terminal's rule; the
    file formats (md, csv, html, latex, json) drop them (docs/cli.md)."""

    HOSTILE = "A\x1b[2J\u202eB\x07"

    def _table(self):
        from argmap.compare import stance_table
        from argmap.model import Author, Corpus, Map, Position, Stance, Thesis

        voice = Map(id="v", authors=(Author(name=self.HOSTILE),),
                    stances=(Stance(thesis="t", position=Position.AGREE),))
        return stance_table(Corpus(theses=(Thesis(id="t", text="T"),), maps=(voice,)))

    def test_term_shows_them_escaped(self) -> None:
        from argmap.render.tables import to_term

        out = to_term(self._table(), width=80)
        assert set() == _raw_controls(out)
        assert "A\\x1b[2J\\u202eB\\x07" in out

    def test_files_drop_them(self) -> None:
        from argmap.render.tables import to_md

        out = to_md(self._table())
        assert set() == _raw_controls(out)
        assert "\\x1b" not in out and "A\\[2JB" in out   # ([ escaped for Markdown)
