"""The inputs of issue 17, run as a user (or an attacker) runs them: `python -m argmap ...` in a
fresh process. None may end in an internal error (exit 70) or a traceback, change an input file,
or pass quietly; each gets its own exit status and names what is wrong."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MAPS, SOURCES

Setup = Callable[[Path], None]


def _edit(name: str, old: str, new: str) -> Setup:
    def setup(root: Path) -> None:
        path = root / "maps" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return setup


def _write(name: str, content: str) -> Setup:
    def setup(root: Path) -> None:
        (root / "maps" / name).write_text(content, encoding="utf-8")
    return setup


def _steps(*steps: Setup) -> Setup:
    def setup(root: Path) -> None:
        for step in steps:
            step(root)
    return setup


def _nothing(_root: Path) -> None:
    return None


def _symlink(name: str, target: str) -> Setup:
    def setup(root: Path) -> None:
        (root / "maps" / name).symlink_to(target)
    return setup


def _empty_maps(root: Path) -> None:
    shutil.rmtree(root / "maps")
    (root / "maps").mkdir()


def _a_file_named(name: str) -> Setup:
    def setup(root: Path) -> None:
        (root / name).write_text("mine\n", encoding="utf-8")
    return setup


PUBLISHER = "    publisher: \"Centre for East Asian Studies, Christ University (Perspective #10)\""

# (setup, argv with {root}, expected exit status, text the output must hold)
CASES: dict[str, tuple[Setup, list[str], int, str]] = {
    "publisher cut by ' #'": (
        _edit("sources.yaml", PUBLISHER, PUBLISHER.replace('"', "")),
        ["check", "{root}/maps"], 1, "[text-cut-by-comment]"),
    "': ' in plain claim text": (
        _edit("lind.yaml", "    text: ", "    text: Note: "),
        ["check", "{root}/maps"], 1, "quote the value"),
    "a misspelt key does not hide a misquote": (
        _steps(_edit("lind.yaml", "    text: ", "    txt: "),
               _edit("yeo.yaml", "quote: \"", "quote: \"Not in the source at all, ")),
        ["check", "--sources", "{shared}", "{root}/maps"], 1, "[quote-not-found]"),
    "escape sequences in a key": (
        _edit("lind.yaml", "    text: ", "    \"\\e]0;TITLE\\a\\e[2Jkey\": x\n    text: "),
        ["check", "{root}/maps"], 1, "\\x1b]0;TITLE\\x07\\x1b[2Jkey"),
    "escape sequences in a name, analyze": (
        _edit("lind.yaml", "  - name: Jennifer M. Lind", "  - name: \"Jennifer\\e[2J Lind\""),
        ["analyze", "{root}/maps"], 0, "Jennifer\\x1b[2J Lind"),
    "right-to-left override in a claim": (
        _edit("lind.yaml", "    text: ", "    text: \u202e"),
        ["check", "{root}/maps"], 0, "[bidi-control]"),
    "export over a map file": (
        _nothing, ["export", "{root}/maps", "--to", "json", "-o", "{root}/maps/lind.yaml"], 2,
        "argmap never overwrites maps"),
    "schema over a map file": (
        _nothing, ["schema", "-o", "{root}/maps/yeo.yaml"], 2, "is a map file"),
    "render -o an existing file": (
        _a_file_named("taken"), ["render", "{root}/maps", "-o", "{root}/taken"], 2, "is a file"),
    "a 300-character map id": (
        _edit("lind.yaml", "argmap: 1\n", "argmap: 1\nid: " + "a" * 300 + "\n"),
        ["render", "{root}/maps", "--format", "dot", "-o", "{root}/out"], 1, "[id-too-long]"),
    "a broken symbolic link": (
        _symlink("gone.yaml", "nowhere.yaml"), ["check", "{root}/maps"], 0, "broken link"),
    "a sub-folder": (
        lambda root: (root / "maps" / "more").mkdir(), ["check", "{root}/maps"], 0, "sub-folder"),
    "an upper-case .YAML file": (
        _write("extra.YAML", "argmap: 1\n"), ["check", "{root}/maps"], 0, "rename it to extra.yaml"),
    "an empty maps folder": (
        _empty_maps, ["build", "{root}/maps", "-o", "{root}/site"], 1, "[empty-corpus]"),
    "--sources that does not exist": (
        _nothing, ["check", "--sources", "{root}/nowhere", "{root}/maps"], 2, "no such folder"),
    "a one-word quote": (
        _edit("yeo.yaml", "quote: \"", "quote: \"x\"\n      - quote: \""),
        ["check", "{root}/maps"], 0, "[quote-too-short]"),
    "a map file that is /etc/passwd": (
        _symlink("passwd.yaml", "/etc/passwd"), ["check", "{root}/maps"], 1, "[not-a-mapping]"),
}


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_input_gets_its_answer(tmp_path: Path, case: str) -> None:
    setup, argv, expected, shown = CASES[case]
    shutil.copytree(MAPS, tmp_path / "maps")
    setup(tmp_path)
    before = _digest(tmp_path / "maps")
    if "{shared}" in " ".join(argv) and not SOURCES.is_dir():
        pytest.skip("../shared is not beside this checkout")
    command = [a.format(root=tmp_path, shared=SOURCES) for a in argv]
    env = dict(os.environ, COLUMNS="100")
    env.pop("ARGMAP_SOURCES", None)
    result = subprocess.run([sys.executable, "-m", "argmap", *command], capture_output=True,
                            text=True, timeout=120, env=env)
    said = result.stdout + result.stderr
    assert "Traceback" not in said and "internal error" not in said, said[-2000:]
    assert expected == result.returncode, said[-2000:]
    assert shown in said, said[-2000:]
    assert before == _digest(tmp_path / "maps"), "an input file was changed"
    if case == "a map file that is /etc/passwd":
        assert all(len(line) < 400 for line in said.splitlines())   # never the whole file
