"""The CPU time of a cold `argmap check`'s own process, a git ref's code against the working tree's.

Run:  .venv/bin/python benchmarks/bench_main_cpu.py [--ref main] [--sizes 10000,50000] [--runs 8]

Why this figure: with two free cores the forked helper works alongside, so the main process's
CPU is the critical path of a cold check, and on a loaded machine it barely moves where wall
times swing threefold. It is the whole command's (`python -m argmap check`), start-up and exit
included, read from /proc when it has ended (Linux). Each run gets a new, empty cache; the two
codes alternate run by run (which goes first alternates too), each from its own copy of `src` on
PYTHONPATH, byte-compiled first (PYTHONDONTWRITEBYTECODE would otherwise make every run compile
the package).
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


def main_cpu(src: Path, maps: Path, sources: Path) -> float:
    """The CPU time of `python -m argmap check`'s own process, to its very end (leaving the
    interpreter included), without its forked helpers': read from /proc once it has exited and
    before it is reaped (`schedstat`, in nanoseconds)."""
    with tempfile.TemporaryDirectory() as fresh:
        process = subprocess.Popen([sys.executable, "-m", "argmap", "check", str(maps), "--sources", str(sources)],
                                   env={**os.environ, "ARGMAP_CACHE_DIR": fresh, "PYTHONPATH": str(src)},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
        with open(f"/proc/{process.pid}/schedstat") as stat:
            used = int(stat.read().split()[0]) / 1e9
        if process.wait() != 0:
            raise SystemExit(f"the check failed with {src}")
    return used


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
        print("| claims | code | main-process CPU s, median | min | paired difference, median |")
        print("| ---: | --- | ---: | ---: | ---: |")
        for size in (int(s) for s in args.sizes.split(",")):
            folder = corpus(cache, size)
            found: dict[str, list[float]] = {name: [] for name in codes}
            for run in range(args.runs):
                order = list(codes.items()) if run % 2 == 0 else list(reversed(codes.items()))
                for name, src in order:
                    found[name].append(main_cpu(src, folder / "maps", folder / "sources"))
            before = found[args.ref]
            for name, figures in found.items():
                paired = statistics.median(b - a for a, b in zip(before, figures, strict=True))
                print(f"| {size:,} | {name} | {statistics.median(figures):.3f} | {min(figures):.3f} "
                      f"| {'' if name == args.ref else f'{paired:+.3f}'} |", flush=True)


if __name__ == "__main__":
    main()
