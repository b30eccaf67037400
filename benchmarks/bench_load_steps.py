"""The CPU of each step of loading maps cold, a git ref's code against the working tree's.

Run:  .venv/bin/python benchmarks/bench_load_steps.py [--ref main] [--maps 26] [--runs 3]

Why: the steps of a cold load (the fast reading's mapping starts, a file to its document,
pickling documents for the cache and the forked helper, unpickling them) each take tens of
milliseconds for half the 50,000-claim corpus, below what a whole-process timer resolves on a
shared machine. Each code runs in its own process, the two alternating, each step its best of
five in CPU time (`time.process_time`, the cyclic collector off as the CLI runs it).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from bench import corpus, ref_and_tree  # noqa: E402

# Run in the child, with the code under test first on sys.path: each step's best CPU time.
_CHILD = r"""
import gc, hashlib, json, sys, time
from pathlib import Path
gc.disable()
from argmap import _fast, cache, load
paths = sorted(Path(sys.argv[1]).glob("voice-*.yaml"))[: int(sys.argv[2])]
files = [load._File(p, str(p), p.read_bytes(), hashlib.sha256(p.read_bytes()).hexdigest()) for p in paths]
texts = [file.data.decode("utf-8") for file in files]

def best(step):
    times = []
    for _ in range(5):
        started = time.process_time()
        made = step()
        times.append(time.process_time() - started)
    return min(times) * 1000, made

starts, _ = best(lambda: [_fast._mapping_starts("\n" + text) for text in texts])
documents, made = best(lambda: [load._document_of(file, None)[0] for file in files])
pickling, blobs = best(lambda: [cache.dump_document(document) for document in made])
marks = cache.DeferredMarks(Path("m.yaml"), "m.yaml", "0")
unpickling, _ = best(lambda: [cache.load_document(blob, marks) for blob in blobs])
print(json.dumps({"mapping starts": starts, "a file to its document": documents,
                  "pickling the documents": pickling, "unpickling them": unpickling}))
"""


def steps(src: Path, maps: Path, count: int) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(maps), str(count)],
                          env={**os.environ, "PYTHONPATH": str(src)}, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the steps failed with {src}:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main")
    parser.add_argument("--maps", type=int, default=26, help="maps of 1,000 claims (of 50)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cache = Path(tempfile.gettempdir()) / "argmap-bench"
    cache.mkdir(exist_ok=True)
    maps = corpus(cache, 50000) / "maps"
    with tempfile.TemporaryDirectory() as work:
        codes = ref_and_tree(Path(work), args.ref)
        found: dict[str, list[dict[str, float]]] = {name: [] for name in codes}
        for run in range(args.runs):
            order = list(codes.items()) if run % 2 == 0 else list(reversed(codes.items()))
            for name, src in order:
                found[name].append(steps(src, maps, args.maps))
    print(f"| step ({args.maps} maps of 1,000 claims, CPU ms, best of 5; range over {args.runs} runs) "
          f"| {args.ref} | working tree |")
    print("| --- | ---: | ---: |")
    for step in found[args.ref][0]:
        cells = []
        for name in codes:
            figures = [run[step] for run in found[name]]
            cells.append(f"{min(figures):.0f}–{max(figures):.0f}")
        print(f"| {step} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
