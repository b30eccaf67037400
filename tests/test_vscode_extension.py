"""The VS Code extension (editors/vscode) packs into a .vsix with @vscode/vsce, from its lock file.

Runs `npm ci` and `vsce package` in a copy of the extension (network to the npm registry, as
in CI), then reads the .vsix back: a zip whose manifest starts `argmap lsp` and which carries
the language client it requires.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

EXTENSION = ROOT / "editors" / "vscode"

needs_npm = pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed (setup.sh --test installs it)")


@needs_npm
@pytest.mark.slow
def test_the_extension_packs_into_a_vsix(tmp_path: Path) -> None:
    work = tmp_path / "vscode"
    shutil.copytree(EXTENSION, work, ignore=shutil.ignore_patterns("node_modules", "*.vsix"))
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=work,
                   check=True, timeout=600)
    subprocess.run(["npm", "run", "--silent", "package"], cwd=work, check=True, timeout=600)
    with zipfile.ZipFile(work / "argmap.vsix") as vsix:
        names = set(vsix.namelist())
        manifest = json.loads(vsix.read("extension/package.json"))
        script = vsix.read("extension/extension.js").decode()
        vsix.extractall(tmp_path / "unpacked")
    assert manifest["main"] == "./extension.js"
    assert manifest["contributes"]["configuration"]["properties"]["argmap.command"]["default"] == ["argmap", "lsp"]
    assert 'require("vscode-languageclient/node")' in script
    # what extension.js requires resolves inside the package, as VS Code will load it
    resolved = subprocess.run(["node", "-e", "console.log(require.resolve('vscode-languageclient/node'))"],
                              cwd=tmp_path / "unpacked" / "extension", capture_output=True, text=True,
                              check=True).stdout.strip()
    assert Path(resolved).is_relative_to(tmp_path / "unpacked" / "extension" / "node_modules")
    assert "extension.vsixmanifest" in names
    # no build leftovers or dev tools in the package
    assert not any(name.startswith("extension/node_modules/@vscode/vsce/") for name in names)


def test_the_extension_lock_file_matches_its_manifest() -> None:
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((EXTENSION / "package-lock.json").read_text(encoding="utf-8"))
    root = lock["packages"][""]
    assert root["dependencies"] == manifest["dependencies"]
    assert root["devDependencies"] == manifest["devDependencies"]
