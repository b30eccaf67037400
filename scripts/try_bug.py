#!/usr/bin/env python3
"""Check that the tests catch one hand-made bug (docs/testing.md, "Hand-made bugs").

    .venv/bin/python scripts/try_bug.py FILE OLD NEW [pytest args...]
    .venv/bin/python scripts/try_bug.py src/argmap/interop/aif.py 'said[0][0]' 'said[-1][0]' \\
        tests/test_interop_aif.py

OLD must occur exactly once in FILE. The change is made in a scratch copy of src/ (your files are
never touched, so several checks can run side by side) and the tests run against it with a fresh
hypothesis database. Prints CAUGHT (the first failing test) or SURVIVED; exits 0 when caught.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    file, old, new, *pytest_args = argv
    with tempfile.TemporaryDirectory(prefix="argmap-bug-") as scratch:
        src = Path(scratch) / "src"
        shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        path = src / Path(file).relative_to("src")
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
            print(f"{file}: the text to change occurs {text.count(old)} times, not once", file=sys.stderr)
            return 2
        path.write_text(text.replace(old, new), encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=str(src), HYPOTHESIS_STORAGE_DIRECTORY=str(Path(scratch) / "hypothesis"))
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *pytest_args],
                             cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    failed = next((line for line in run.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))), "")
    if run.returncode == 0:
        print("SURVIVED")
        return 1
    print(f"CAUGHT {failed}".rstrip() if run.returncode != 5 else "no tests ran")
    return 0 if run.returncode != 5 else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
