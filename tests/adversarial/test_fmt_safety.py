"""`fmt` keeps every comment and value, and an interrupted `fmt` leaves the original intact."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from argmap import _yaml
from argmap.fmt import format_files, format_text

ODD = """\
# A map written by hand, in an odd style.
stances:   # positions
    -   because: [a]     # why
        position: agree
        thesis: t
claims:
        # the one claim
        - {text: "Flow   style,  spaced", id: a, evidence: [{quote: 'q', kind: reported}]}   # inline
authors:
 - name: &who Ada   # an anchor with no alias is harmless
argmap: 1  # version
# closing comment
"""


def _comments(text: str) -> list[str]:
    return sorted(m.group(0).strip() for m in re.finditer(r"#[^\n]*", text))


def _plain(text: str):
    tree, problems = _yaml.parse(text, "x")
    assert [] == problems
    return tree


class TestFmtKeepsEverything:
    def test_comments_and_values_survive_odd_layout(self) -> None:
        formatted, problems = format_text(ODD, "m.yaml")
        assert [] == problems
        assert _comments(ODD) == _comments(formatted)
        assert _plain(ODD) == _plain(formatted)
        assert '"Flow   style,  spaced"' in formatted

    def test_aliases_are_refused_not_expanded(self, tmp_path: Path) -> None:
        path = tmp_path / "m.yaml"
        original = ODD.replace("argmap: 1", "argmap: 1\nid: *who")
        path.write_text(original, encoding="utf-8")
        [result] = format_files([path])
        assert ["alias-refused"] == [p.code for p in result.problems]
        assert original == path.read_text(encoding="utf-8")


class TestInterruptedFmt:
    def test_failure_during_replace_leaves_original_and_no_temp_files(self, tmp_path: Path,
                                                                        monkeypatch) -> None:
        path = tmp_path / "m.yaml"
        path.write_text(ODD, encoding="utf-8")

        def interrupted(src, dst):
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "replace", interrupted)
        with pytest.raises(KeyboardInterrupt):
            format_files([path])
        assert ODD == path.read_text(encoding="utf-8")
        assert ["m.yaml"] == sorted(p.name for p in tmp_path.iterdir())

    def test_failure_during_write_leaves_original(self, tmp_path: Path, monkeypatch) -> None:
        path = tmp_path / "m.yaml"
        path.write_text(ODD, encoding="utf-8")
        real_fdopen = os.fdopen

        class Disk:
            def __init__(self, *args, **kwargs):
                self.handle = real_fdopen(*args, **kwargs)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                self.handle.write(data[: len(data) // 2])
                raise OSError(28, "No space left on device")

            def flush(self):
                pass

            def fileno(self):
                return self.handle.fileno()

        monkeypatch.setattr(os, "fdopen", Disk)
        with pytest.raises(OSError):
            format_files([path])
        assert ODD == path.read_text(encoding="utf-8")
        assert ["m.yaml"] == sorted(p.name for p in tmp_path.iterdir())

    def test_killed_process_leaves_original(self, tmp_path: Path) -> None:
        """A real SIGKILL in the middle of a fmt run over many files: every file is old or new."""
        import signal
        import subprocess
        import sys
        import time

        for i in range(200):
            (tmp_path / f"m{i:03d}.yaml").write_text(ODD, encoding="utf-8")
        process = subprocess.Popen([sys.executable, "-m", "argmap", "fmt", str(tmp_path)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.8)
        process.send_signal(signal.SIGKILL)
        process.wait()
        formatted = format_text(ODD, "x")[0]
        for path in sorted(tmp_path.glob("*.yaml")):
            assert path.read_text(encoding="utf-8") in (ODD, formatted), path.name
