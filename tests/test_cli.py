"""The CLI's surface: version, one help line per command, and a reference that matches it."""

from __future__ import annotations

import json
import os
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

    def test_the_command_writes_all_it_says_before_it_leaves(self, tmp_path) -> None:
        # `console` ends the process with os._exit: everything printed must be out first (here
        # far more than a pipe holds, and buffered as a user's shell has it) and the status kept.
        claims = "".join(f"  - id: c{i}\n    text: Claim {i}.\n    colour: red\n" for i in range(1500))
        (tmp_path / "m.yaml").write_text(f"argmap: 1\nclaims:\n{claims}", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        result = subprocess.run([sys.executable, "-m", "argmap", "check", str(tmp_path), "--format", "json"],
                                capture_output=True, text=True, env=env)
        found = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
        assert (1, 1500) == (result.returncode, found.count("unknown-key"))
        assert len(result.stdout) > 1 << 16 and result.stdout.endswith("}\n")

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
