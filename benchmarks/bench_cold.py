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
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import ARGDOWN, ARGMAP, alternating, corpus, timed  # noqa: E402


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
        medians = alternating(commands, args.runs)
        shutil.rmtree(warm, ignore_errors=True)
        other = medians["argdown json"]
        for name, (wall, cpu, _peak) in medians.items():
            ratios = ("| |" if name == "argdown json"
                      else f"| {other[0] / wall:.1f}x | {other[1] / cpu:.1f}x |")
            print(f"| {size:,} | {name} | {wall:.2f} | {cpu:.2f} {ratios}", flush=True)


if __name__ == "__main__":
    main()
