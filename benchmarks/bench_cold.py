"""Cold load + check against `argdown json`, paired: the two alternate run by run.

Run:  .venv/bin/python benchmarks/bench_cold.py [--sizes 10000,50000] [--runs 7]

Each cold run of `argmap check` gets a new, empty cache (a first run); `ARGMAP_JOBS=1` is timed
too, and a warm run (the cache of an earlier run over the same files).
Besides the median wall time, the median CPU time (user + system, with the child processes it
waited for, from os.wait4) is printed: on a machine shared with other work, wall times swing
with the load while CPU times barely move, so the CPU ratio is the one to compare across runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import ARGDOWN, ARGMAP, corpus  # noqa: E402


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run; the CPU time includes the children it waited for.
    Each run gets a new, empty cache unless `env` names one (a warm run)."""
    import time

    with tempfile.TemporaryDirectory() as fresh:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "ARGMAP_CACHE_DIR": fresh, **env})
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cache = Path(tempfile.gettempdir()) / "argmap-bench"
    cache.mkdir(exist_ok=True)
    print("| claims | command | wall s | CPU s | Argdown / argmap, wall | Argdown / argmap, CPU |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.sizes.split(",")):
        folder = corpus(cache, size)
        maps, sources = str(folder / "maps"), str(folder / "sources")
        check = [*ARGMAP, "check", maps, "--sources", sources]
        warm = tempfile.mkdtemp(prefix="argmap-warm-")   # filled by one untimed run
        timed(check, {"ARGMAP_CACHE_DIR": warm})
        commands = {
            "argmap check (cold)": (check, {}),
            "argmap check (cold), ARGMAP_JOBS=1": (check, {"ARGMAP_JOBS": "1"}),
            "argmap check (warm)": (check, {"ARGMAP_CACHE_DIR": warm}),
            "argdown json": ([str(ARGDOWN), "json", str(folder / "corpus.argdown"),
                              str(cache / f"ad-json-{size}")], {}),
        }
        found: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (command, env) in commands.items():
                found[name].append(timed(command, env))
        shutil.rmtree(warm, ignore_errors=True)
        medians = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
                   for name, runs in found.items()}
        other = medians["argdown json"]
        for name, (wall, cpu) in medians.items():
            ratios = ("| |" if name == "argdown json"
                      else f"| {other[0] / wall:.1f}x | {other[1] / cpu:.1f}x |")
            print(f"| {size:,} | {name} | {wall:.2f} | {cpu:.2f} {ratios}", flush=True)


if __name__ == "__main__":
    main()
