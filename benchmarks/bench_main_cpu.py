"""The CPU time of a cold `argmap check`'s own process, a git ref's code against the working tree's.

Run:  .venv/bin/python benchmarks/bench_main_cpu.py [--ref main] [--sizes 10000,50000] [--runs 8]

Why this figure: with two free cores the forked helper works alongside, so the main process's
CPU is the critical path of a cold check, and on a loaded machine it barely moves where wall
times swing threefold. Each run gets a new, empty cache; the two codes alternate run by run
(which goes first alternates too), each from its own copy of `src` on PYTHONPATH, byte-compiled
first (PYTHONDONTWRITEBYTECODE would otherwise make every run compile the package).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from bench import corpus, ref_and_tree  # noqa: E402

# Run in the child: the check, then its own user + system time (not its helpers') on stderr.
_CHILD = r"""
import atexit, os, resource, sys
def report():
    used = resource.getrusage(resource.RUSAGE_SELF)
    os.write(2, b"\nMAIN-CPU %.4f\n" % (used.ru_utime + used.ru_stime))
atexit.register(report)
from argmap.cli.main import main
main(["check", sys.argv[1], "--sources", sys.argv[2]])
"""


def main_cpu(src: Path, maps: Path, sources: Path) -> float:
    with tempfile.TemporaryDirectory() as fresh:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(maps), str(sources)],
                              env={**os.environ, "ARGMAP_CACHE_DIR": fresh, "PYTHONPATH": str(src)},
                              capture_output=True, text=True)
    said = [line for line in done.stderr.splitlines() if line.startswith("MAIN-CPU ")]
    if not said:
        raise SystemExit(f"no figure from the check with {src}:\n{done.stderr}")
    return float(said[-1].split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main")
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--runs", type=int, default=8)
    args = parser.parse_args()
    cache = Path(tempfile.gettempdir()) / "argmap-bench"
    cache.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        codes = ref_and_tree(Path(work), args.ref)
        print("| claims | code | main-process CPU s, median | min |")
        print("| ---: | --- | ---: | ---: |")
        for size in (int(s) for s in args.sizes.split(",")):
            folder = corpus(cache, size)
            found: dict[str, list[float]] = {name: [] for name in codes}
            for run in range(args.runs):
                order = list(codes.items()) if run % 2 == 0 else list(reversed(codes.items()))
                for name, src in order:
                    found[name].append(main_cpu(src, folder / "maps", folder / "sources"))
            for name, figures in found.items():
                print(f"| {size:,} | {name} | {statistics.median(figures):.3f} | {min(figures):.3f} |",
                      flush=True)


if __name__ == "__main__":
    main()
