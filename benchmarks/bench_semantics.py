"""How fast the argumentation semantics are: prints a table, asserts nothing.

    .venv/bin/python benchmarks/bench_semantics.py [--quick]

Grounded on frameworks of 100,000 attacks (random, and a chain that forces the longest
propagation), the shipped corpus under every semantics, and preferred/stable on random
frameworks of 200 arguments over a range of densities (Erdős–Rényi: each ordered pair attacks
with probability p), several seeds each. Times are wall clock, best of `repeat` for the small ones.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from argmap.semantics import (  # noqa: E402 - after the path set-up above
    Framework,
    Semantics,
    _Graph,
    _grounded,
    analyze,
    extensions,
    grounded_labelling,
)


def _clock(func, repeat: int = 1) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def _random_framework(rng: random.Random, arguments: int, density: float) -> Framework:
    names = [f"a{i}" for i in range(arguments)]
    return Framework(arguments=names, attacks=[(a, b) for a in names for b in names
                                               if rng.random() < density])


def _row(*cells: object) -> None:
    print(" | ".join(str(c) for c in cells))


def bench_grounded() -> None:
    print("\n## grounded, 100,000 attacks")
    _row("framework", "arguments", "attacks", "in", "labelling (s)", "with graph build (s)",
         "Framework() (s)")
    rng = random.Random(7)
    shapes = {
        "random, 50k arguments": (50_000, [(rng.randrange(50_000), rng.randrange(50_000))
                                           for _ in range(100_000)]),
        "random, 20k arguments": (20_000, [(rng.randrange(20_000), rng.randrange(20_000))
                                           for _ in range(100_000)]),
        "chain a0 -> a1 -> ...": (100_001, [(i, i + 1) for i in range(100_000)]),
        "binary tree, children attack parents": (100_001, [(i, (i - 1) // 2)
                                                           for i in range(1, 100_001)]),
    }
    for name, (count, pairs) in shapes.items():
        names = [f"a{i:06}" for i in range(count)]
        built, framework = _clock(lambda names=names, pairs=pairs: Framework(
            arguments=names, attacks=[(names[a], names[b]) for a, b in pairs]))
        graph = _Graph(framework)
        seconds, (label, _) = _clock(lambda graph=graph: _grounded(graph), repeat=3)
        whole, _ = _clock(lambda f=framework: grounded_labelling(f), repeat=3)
        _row(name, count, len(framework.attacks), label.count(1), f"{seconds:.3f}", f"{whole:.3f}",
             f"{built:.2f}")


def bench_corpus() -> None:
    from argmap.pipeline import compile_corpus

    shared = ROOT.parent / "shared" / "sources"
    corpus, _ = compile_corpus([ROOT / "maps"], shared if shared.is_dir() else None)
    print(f"\n## shipped corpus: {len(corpus.maps)} voices, "
          f"{sum(len(m.claims) for m in corpus.maps)} claims")
    _row("semantics", "extensions", "in", "out", "undec", "analyze (s)")
    for semantics in Semantics:
        seconds, result = _clock(lambda s=semantics: analyze(corpus, s), repeat=5)
        labels = [label.value for label in result.status.values()]
        _row(semantics.value, len(result.extensions), labels.count("in"), labels.count("out"),
             labels.count("undec"), f"{seconds:.4f}")


def bench_random(quick: bool) -> None:
    print("\n## random frameworks of 200 arguments (seeds per density: median and max)")
    _row("p", "attacks", "semantics", "extensions (median)", "median (s)", "max (s)")
    densities = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4] if not quick else [0.01, 0.1]
    seeds = range(10) if not quick else range(2)
    for density in densities:
        frameworks = [_random_framework(random.Random(seed), 200, density) for seed in seeds]
        attacks = statistics.median(len(f.attacks) for f in frameworks)
        for semantics in (Semantics.PREFERRED, Semantics.STABLE, Semantics.COMPLETE):
            times, counts = [], []
            for framework in frameworks:
                seconds, found = _clock(lambda f=framework, s=semantics: extensions(f, s))
                times.append(seconds)
                counts.append(len(found))
            _row(density, int(attacks), semantics.value, statistics.median(counts),
                 f"{statistics.median(times):.3f}", f"{max(times):.3f}")


def bench_structured() -> None:
    print("\n## structured frameworks")
    _row("framework", "arguments", "attacks", "semantics", "extensions", "time (s)")
    pairs = [(f"p{i}a", f"p{i}b") for i in range(10)]
    disagreements = Framework(
        arguments=[a for pair in pairs for a in pair] + [f"c{i}" for i in range(1000)],
        attacks=[(a, b) for a, b in pairs] + [(b, a) for a, b in pairs]
        + [(f"c{i}", f"c{i + 1}") for i in range(999)]
        + [(f"p{i}a", f"c{100 * i}") for i in range(10)])
    cycles = Framework(arguments=[f"x{i}" for i in range(3000)],
                       attacks=[(f"x{i}", f"x{i + 1 - 3 * (i % 3 == 2)}") for i in range(3000)])
    for name, framework in (("10 independent mutual attacks + a chain of 1000", disagreements),
                            ("1000 odd cycles of 3", cycles)):
        for semantics in Semantics:
            seconds, found = _clock(lambda f=framework, s=semantics: extensions(f, s))
            _row(name, len(framework.arguments), len(framework.attacks), semantics.value,
                 len(found), f"{seconds:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer densities and seeds")
    args = parser.parse_args()
    bench_grounded()
    bench_corpus()
    bench_structured()
    bench_random(args.quick)


if __name__ == "__main__":
    main()
