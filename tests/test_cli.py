"""The CLI's surface: version, one help line per command, and a reference that matches it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from argmap import __version__
from argmap.cli import COMMANDS, build_parser, main

from conftest import ROOT


class TestSurface:
    def test_version(self, capsys) -> None:
        with pytest.raises(SystemExit) as exc:
            main(["--version"])
        assert 0 == exc.value.code
        assert f"argmap {__version__}\n" == capsys.readouterr().out

    def test_python_dash_m(self) -> None:
        result = subprocess.run([sys.executable, "-m", "argmap", "--version"],
                                capture_output=True, text=True)
        assert (0, f"argmap {__version__}") == (result.returncode, result.stdout.strip())

    def test_help_has_one_line_per_command(self, monkeypatch) -> None:
        monkeypatch.setenv("COLUMNS", "80")
        text = build_parser().format_help()
        commands = [line.split()[0] for line in text.splitlines() if line.startswith("    ") and
                    line.split() and line.split()[0] in COMMANDS]
        assert sorted(COMMANDS) == sorted(commands)
        for name, (help_text, _) in COMMANDS.items():
            assert len(help_text) <= 60, name

    def test_no_command_is_a_usage_error(self, capsys) -> None:
        assert 2 == main([])

    @pytest.mark.skipif(sys.version_info >= (3, 13), reason="argparse 3.13 lays out help differently "
                        "(-o, --output FILE); docs/cli.md is written with the default Python")
    def test_reference_is_current(self) -> None:
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "cli_docs.py"), "--check"])
        assert 0 == result.returncode, "docs/cli.md is stale: run scripts/cli_docs.py"

    def test_every_command_documented(self) -> None:
        text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
        for name in COMMANDS:
            assert f"## argmap {name}\n" in text
