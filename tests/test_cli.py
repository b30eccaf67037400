"""The CLI's surface: version, one help line per command, and a reference that matches it."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys

import pytest

from argmap import __version__
from argmap.cli import COMMANDS, build_parser, main

from conftest import MAPS, ROOT


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


def _many_warnings(folder) -> None:
    """A map of 3,000 claims without evidence: 3,000 warnings, far more output than a pipe holds."""
    claims = "".join(f"  - id: c{i}\n    text: Claim number {i} says something.\n" for i in range(3000))
    (folder / "big.yaml").write_text(f"argmap: 1\nid: big\nauthors:\n  - name: A\nclaims:\n{claims}",
                                     encoding="utf-8")


class TestTheProcessEnd:
    """`run` ends a check's process without freeing the corpus; what it printed and wrote stays."""

    def check(self, *args: str, cache, **kwargs) -> subprocess.CompletedProcess:
        # Buffered output, as a user's shell gives it: with PYTHONUNBUFFERED (set where these
        # tests are often run) every print is written at once, and a missing flush is not seen.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        return subprocess.run([sys.executable, "-m", "argmap", "check", *args],
                              env={**env, "ARGMAP_CACHE_DIR": str(cache)}, **kwargs)

    def test_every_line_printed_and_the_status_kept(self, tmp_path) -> None:
        _many_warnings(tmp_path)
        for strict, status in (((), 0), (("--strict",), 1)):
            done = self.check(str(tmp_path), "--format", "json", *strict, cache=tmp_path / "cache",
                              capture_output=True, text=True)
            assert status == done.returncode
            problems = json.loads(done.stdout)["diagnostics"]   # (whole: cut short, it would not parse)
            assert 3000 == sum(p["code"] == "missing-evidence" for p in problems)

    def test_the_cache_is_written_before_the_end(self, tmp_path) -> None:
        _many_warnings(tmp_path)
        (tmp_path / "big.yaml").write_text((tmp_path / "big.yaml").read_text(encoding="utf-8")
                                           .replace("claims:\n", "source: s\nclaims:\n"), encoding="utf-8")
        self.check(str(MAPS), "--sources", str(tmp_path), cache=tmp_path / "cache", capture_output=True)
        written = sorted(p.name for p in (tmp_path / "cache").rglob("*") if p.is_file())
        assert len(written) >= len(list(MAPS.glob("*.yaml")))

    def test_output_that_cannot_be_written_is_reported(self, tmp_path) -> None:
        # (a full disk: never a quiet success with the report lost)
        (tmp_path / "one.yaml").write_text("argmap: 1\nid: one\nauthors:\n  - name: A\nclaims:\n"
                                           "  - id: c\n    text: A claim.\n", encoding="utf-8")
        for form in ("text", "json"):
            with open("/dev/full", "w") as full:
                done = self.check(str(tmp_path / "one.yaml"), "--format", form, cache=tmp_path / "cache",
                                  stdout=full, stderr=subprocess.PIPE, text=True)
            assert 0 != done.returncode
            assert "No space left on device" in done.stderr

    @pytest.mark.parametrize("left, flush_fails, ends", [
        (True, False, "at once"), (True, True, "SystemExit"), (False, False, "SystemExit")])
    def test_run_leaves_at_once_only_after_a_flushed_check(self, monkeypatch, left, flush_fails, ends) -> None:
        cli_main = importlib.import_module("argmap.cli.main")   # (the module: the package's `main` is the function)

        class AtOnce(BaseException):
            pass

        def fake_main() -> int:
            assert cli_main._exiting   # (what makes cmd_check leave its corpus)
            if left:
                cli_main._left_for_exit.append(object())
            return 3

        def exit_at_once(status: int) -> None:
            raise AtOnce(status)

        class Failing:
            def flush(self) -> None:
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(cli_main, "main", fake_main)
        monkeypatch.setattr(cli_main, "_left_for_exit", [])
        monkeypatch.setattr(cli_main, "_exiting", False)
        monkeypatch.setattr(os, "_exit", exit_at_once)
        if flush_fails:
            monkeypatch.setattr(sys, "stdout", Failing())
        with pytest.raises((AtOnce, SystemExit)) as ended:
            cli_main.run()
        assert ends == ("at once" if isinstance(ended.value, AtOnce) else "SystemExit")
        assert 3 == (ended.value.args[0] if isinstance(ended.value, AtOnce) else ended.value.code)
