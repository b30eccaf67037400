"""The closest-passage hint of a quote that is not found: bounded on long sources.

Run:  .venv/bin/python benchmarks/bench_hint.py

A 2.4 KB misquote (one word changed) against a 5 MB source, and 400 random words (no passage
matches well) against the same source. Target: under 1 s per quote (issue 17); the difflib
longest match used before took 85 s on the first.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_gen import WORDS

from argmap.quotes import closest_passage, normalise


def main() -> None:
    rng = random.Random(17)
    sentences = []
    size = 0
    while size < 5_000_000:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 24))).capitalize() + "."
        sentences.append(sentence)
        size += len(sentence) + 1
    source = normalise(" ".join(sentences))
    middle = len(source) // 2
    near = source[middle:middle + 2400]
    near = near.replace(" the ", " a ", 1) if " the " in near else near[:1200] + "x" + near[1200:]
    far = " ".join(rng.choice(WORDS) for _ in range(400))
    for name, quote in (("2.4 KB misquote", near), ("400 random words", far)):
        times = []
        for _ in range(3):
            started = time.perf_counter()
            closest_passage(quote, source)
            times.append(time.perf_counter() - started)
        print(f"{name} against {len(source) / 1e6:.1f} MB: median {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
