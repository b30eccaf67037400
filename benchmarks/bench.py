"""argmap's speed and memory against its targets and against the real Argdown CLI.

Run:  .venv/bin/python benchmarks/bench.py [--sizes 100,1000,10000,50000] [--runs 5] [--quick]
      .venv/bin/python benchmarks/bench.py --sizes "" --voices 100,200,500,1000   (many voices only)
      .venv/bin/python benchmarks/bench.py --rebuilds-only --voices 200,1000 --runs 3 [--diagrams]

Every stage runs as its own process (what a user waits for), timed as the median of several runs,
with the child's peak resident memory from os.wait4. Corpora come from corpus_gen.py (seeded, so
every run measures the same content) and are cached in a temp folder. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from corpus_gen import generate  # noqa: E402

ARGMAP = [sys.executable, "-m", "argmap"]
ARGDOWN = ROOT / "tools" / "argdown" / "node_modules" / ".bin" / "argdown"
VOICES = {100: 5, 1000: 10, 10_000: 20, 50_000: 50}


def measure(command: list[str], runs: int, cache: Path | None = None,
            said: list[str] | None = None, cpu: list[float] | None = None
            ) -> tuple[float, float] | None:
    """Median wall seconds and peak RSS (MB) of a command; None when it fails.

    `cache` is argmap's cache folder for every run (warm); None gives each run a new, empty one
    (cold: the run parses everything and writes the cache, as a first run does). `said`, when
    given, receives what each run printed (a build's summary line); `cpu` each run's CPU
    seconds (user + system, the helpers it forked included), which a loaded machine moves less.
    """
    times, peaks = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as fresh, tempfile.TemporaryFile() as printed:
            env = {**os.environ, "ARGMAP_CACHE_DIR": str(cache or fresh)}
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL if said is None else printed,
                                       stderr=subprocess.DEVNULL, env=env)
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            if said is not None:
                printed.seek(0)
                said.append(printed.read().decode("utf-8", "replace"))
        if os.waitstatus_to_exitcode(status) not in (0,):
            return None
        times.append(elapsed)
        peaks.append(usage.ru_maxrss / 1024)
        if cpu is not None:
            cpu.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(times), max(peaks)


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, the children it waited for included) and peak
    resident MB of one run. Each run gets a new, empty cache unless `env` names one (warm)."""
    with tempfile.TemporaryDirectory() as fresh:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "ARGMAP_CACHE_DIR": fresh, **env})
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def alternating(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int,
                ) -> dict[str, tuple[float, float, float]]:
    """Each command's median wall and CPU seconds and its peak MB, the commands taking turns run
    by run (a, b, a, b, ...), so a change in the machine's load falls on both alike: how argmap
    is set against Argdown (`bench_cold.py`, and the load + check row here)."""
    found: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            found[name].append(timed(command, env))
    return {name: (statistics.median(w for w, _, _ in got), statistics.median(c for _, c, _ in got),
                   max(m for _, _, m in got)) for name, got in found.items()}


def corpus(cache: Path, size: int) -> Path:
    folder = cache / f"c{size}"
    if not (folder / "maps").is_dir():
        generate(folder, size, VOICES.get(size, 20))
    return folder


def ref_and_tree(work: Path, ref: str) -> dict[str, Path]:
    """The package sources of git `ref` (extracted into `work`) and of the working tree, each
    byte-compiled (PYTHONDONTWRITEBYTECODE would make every run compile it): what the paired
    benchmarks put on PYTHONPATH, by name."""
    import compileall
    import tarfile

    archive = work / "ref.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), ref, "src"], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")
    codes = {ref: work / "src", "working tree": ROOT / "src"}
    for src in codes.values():
        compileall.compile_dir(src, quiet=1)
    return codes


def stages(folder: Path, out: Path) -> dict[str, list[str]]:
    maps, sources = str(folder / "maps"), str(folder / "sources")
    return {
        "load + check": [*ARGMAP, "check", maps, "--sources", sources],
        "table (json)": [*ARGMAP, "table", maps, "--sources", sources, "--format", "json"],
        "diff (json)": [*ARGMAP, "diff", "voice-00", "voice-01", maps, "--sources", sources, "--format", "json"],
        # --detailed: every claim in one diagram, as `argdown map` draws it (plain --combined is
        # now the screen overview of the voices and theses)
        "DOT generation": [*ARGMAP, "render", maps, "--sources", sources, "--combined", "--detailed",
                           "--format", "dot", "-o", str(out / "dot")],
        # --force: every run makes every file (a run without it would find nothing to do)
        "build, no layout": [*ARGMAP, "build", maps, "--sources", sources, "-o", str(out / "site"),
                             "--no-diagrams", "--force"],
    }


def shipped_rebuild(runs: int) -> None:
    """The teacher's case: the shipped maps built once (diagrams included), then built again."""
    sources = ROOT.parent / "shared" / "sources"
    if not sources.is_dir():
        print("shipped corpus: skipped (../shared/sources is not there)\n")
        return
    with tempfile.TemporaryDirectory() as scratch:
        cache, maps = Path(scratch) / "cache", Path(scratch) / "maps"
        shutil.copytree(ROOT / "maps", maps)   # a copy: one map is edited below
        command = [*ARGMAP, "build", str(maps), "--sources", str(sources),
                   "-o", str(Path(scratch) / "site")]
        first = measure(command, 1, cache)
        again = measure(command, runs, cache)
        lind = maps / "lind.yaml"
        original = lind.read_text(encoding="utf-8")
        changed, said = [], []
        for run in range(runs):   # a claim's text edited, a new edit each run
            lind.write_text(original.replace("    text: >-\n      ", f"    text: >-\n      Edit {run}: ", 1),
                            encoding="utf-8")
            changed.append(measure(command, 1, cache, said=said))
    if first and again:
        print(f"shipped corpus (`argmap build maps`, with diagrams): first build {first[0]:.2f} s, "
              f"unchanged rebuild {again[0]:.2f} s, {again[1]:.0f} MB")
    counts = _REMADE.search(said[-1]) if said else None
    if all(changed) and counts:
        remade, unchanged, laid = counts.groups()
        print(f"one map changed (a claim of lind.yaml): {statistics.median(t[0] for t in changed if t):.2f} s, "
              f"{remade} of {int(remade) + int(unchanged)} files remade, {laid} diagrams laid out")
    print()


_REMADE = re.compile(r"(\d+) files? remade.*?, (\d+) unchanged(?:, (\d+) diagrams? laid out)?")


def rebuilds(folder: Path, size: int, out: Path, runs: int, warm_cache: Path, *,
             diagrams: bool, rows: bool = True) -> dict[str, tuple[float, float, str, float]]:
    """`argmap build` again over its last build: unchanged, after one claim of one map is
    edited (the one other voices attack most; a new edit each run), and after the words of one
    thesis are edited, each with an empty cache (cold) and a warm one, alternated; the rows say
    how many files were remade (the build's own summary line)."""
    maps, sources = str(folder / "maps"), str(folder / "sources")
    site = [*ARGMAP, "build", maps, "--sources", sources, "-o", str(out / f"rebuilt-{diagrams}")]
    if not diagrams:
        site.append("--no-diagrams")
    subprocess.run(site, capture_output=True, env={**os.environ, "ARGMAP_CACHE_DIR": str(warm_cache)})
    victims = {"one map changed": (folder / "maps" / "voice-00.yaml",
                                   f"- id: {_most_attacked(folder / 'maps', 'voice-00')}\n    text: "),
               "one thesis changed": (folder / "maps" / "corpus.yaml", "- id: thesis-0\n    text: ")}
    originals = {path: path.read_text(encoding="utf-8") for path, _marker in victims.values()}
    found: dict[str, tuple[float, float, str, float]] = {}
    try:
        for name in ("unchanged", *victims):
            timed: dict[str, list[tuple[float, float]]] = {"cold": [], "warm": []}
            said: list[str] = []
            cpu: list[float] = []   # warm runs
            for run in range(runs):
                for kind, cache in (("cold", None), ("warm", warm_cache)):   # alternated
                    if name in victims:
                        victim, marker = victims[name]
                        victim.write_text(originals[victim].replace(
                            marker, f"{marker}Edit {run} {kind} ", 1), encoding="utf-8")
                    result = measure(site, 1, cache, said=said, cpu=cpu if cache else None)
                    if result:
                        timed[kind].append(result)
            if not all(timed.values()):
                continue
            cold, warm = (statistics.median(t for t, _ in timed[k]) for k in ("cold", "warm"))
            peak = max(m for k in timed for _, m in timed[k])
            counts = _REMADE.search(said[-1]) if said else None
            what = ""
            if counts:
                remade, unchanged, laid = counts.groups()
                what = f"{remade} of {int(remade) + int(unchanged)} files remade"
                what += f", {laid} diagrams laid out" if laid is not None else ""
            found[name] = (cold, warm, what, statistics.median(cpu))
            if rows:
                label = f"rebuild{' with diagrams' if diagrams else ', no layout'}, {name} ({what})"
                print(f"| {size:,} | {label} | {cold:.2f} | {warm:.2f} | {peak:.0f} | | | | |", flush=True)
            for path, text in originals.items():   # back, so the next case starts unchanged
                path.write_text(text, encoding="utf-8")
            if name in victims:
                subprocess.run(site, capture_output=True,
                               env={**os.environ, "ARGMAP_CACHE_DIR": str(warm_cache)})
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
    return found


def _most_attacked(maps: Path, voice: str) -> str:
    """The claim of `voice` other voices attack most (the edit whose pages reach furthest)."""
    counts = Counter(re.findall(rf"target: {voice}/(c\d+)\b",
                                "".join(p.read_text(encoding="utf-8") for p in maps.glob("*.yaml"))))
    return counts.most_common(1)[0][0] if counts else "c0"


def many_voices_rebuilds(cache: Path, counts: list[int], runs: int, *,
                         diagrams: bool = False) -> None:
    """The many-voices corpora built once (without diagrams unless `diagrams`: at 1,000 voices
    the first build draws 2,040 of them, minutes), then again: unchanged, and after one claim of
    one map is edited (its voice attacked by others)."""
    print(f"\n{'With' if diagrams else 'Without'} diagrams:")
    print("\n| voices | claims | rebuild | cold s | warm s | warm CPU s | files remade |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | --- |")
    for count in counts:
        folder = cache / f"voices{count}"
        if not (folder / "maps").is_dir():
            generate(folder, count * 5, count, theses=50)
        with tempfile.TemporaryDirectory() as scratch:
            found = rebuilds(folder, count * 5, Path(scratch), runs, Path(scratch) / "cache",
                             diagrams=diagrams, rows=False)
        for name, (cold, warm, what, cpu) in found.items():
            print(f"| {count:,} | {count * 5:,} | {name} | {cold:.2f} | {warm:.2f} | {cpu:.2f} | {what} |",
                  flush=True)


def per_doubling(small: tuple[int, float], large: tuple[int, float]) -> float:
    """How many times longer a stage takes each time the voices double, between two sizes:
    2.0 is linear, about 2.2 n log n at these sizes, 4.0 quadratic."""
    (n1, t1), (n2, t2) = small, large
    return (t2 / t1) ** (math.log(2) / math.log(n2 / n1))


def many_voices(cache: Path, counts: list[int], runs: int) -> None:
    """Many short maps (a class where every student maps an op-ed): 5 claims per voice, 50 theses
    shared by all, each stage cold and warm, with its growth per doubling of the voices against
    the size before (docs/performance.md, "Many voices"). Target: each under 10 s at 1,000."""
    print("\n| voices | claims | stage | cold s | warm s | peak MB | cold x per doubling "
          "| warm x per doubling |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    before: dict[str, tuple[int, float, float]] = {}
    for count in counts:
        folder = cache / f"voices{count}"
        if not (folder / "maps").is_dir():
            generate(folder, count * 5, count, theses=50)
        maps, sources = str(folder / "maps"), str(folder / "sources")
        with tempfile.TemporaryDirectory() as scratch:
            warm_cache = Path(scratch) / "cache"
            common = [maps, "--sources", sources]
            for name, command in {
                "load + check": [*ARGMAP, "check", *common],
                "table (md)": [*ARGMAP, "table", *common, "--format", "md"],
                "matrix (json)": [*ARGMAP, "matrix", *common, "--format", "json"],
                "matrix (md, camps)": [*ARGMAP, "matrix", *common, "--format", "md", "--clusters"],
                "matrix (term)": [*ARGMAP, "matrix", *common, "--format", "term", "--width", "100"],
                "build, no layout": [*ARGMAP, "build", *common, "-o", str(Path(scratch) / "site"),
                                     "--no-diagrams", "--force"],
            }.items():
                cold = measure(command, runs)
                measure(command, 1, warm_cache)
                warm = measure(command, runs, warm_cache)
                if cold is None or warm is None:
                    print(f"| {count:,} | {count * 5:,} | {name} | n/a | n/a | | | |", flush=True)
                    continue
                growth = " | "
                if name in before:
                    n, c, w = before[name]
                    growth = (f"{per_doubling((n, c), (count, cold[0])):.1f} | "
                              f"{per_doubling((n, w), (count, warm[0])):.1f}")
                before[name] = (count, cold[0], warm[0])
                print(f"| {count:,} | {count * 5:,} | {name} | {cold[0]:.2f} | {warm[0]:.2f} "
                      f"| {max(cold[1], warm[1]):.0f} | {growth} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="sizes 100,1000,10000 and 3 runs")
    parser.add_argument("--voices", default="100,200,500,1000",
                        help="the many-voices series: numbers of 5-claim maps ('' to skip)")
    parser.add_argument("--rebuilds-only", action="store_true",
                        help="only the many-voices rebuilds (--voices, --runs alternated pairs)")
    parser.add_argument("--diagrams", action="store_true",
                        help="with --rebuilds-only: the rebuilds with diagrams")
    args = parser.parse_args()
    if args.rebuilds_only:
        cache = Path(tempfile.gettempdir()) / "argmap-bench"
        cache.mkdir(exist_ok=True)
        many_voices_rebuilds(cache, [int(v) for v in args.voices.split(",")], args.runs,
                             diagrams=args.diagrams)
        return
    sizes = [100, 1000, 10_000] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    runs = 3 if args.quick else args.runs
    cache = Path(tempfile.gettempdir()) / "argmap-bench"
    cache.mkdir(exist_ok=True)

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"Graphviz {'yes' if shutil.which('dot') else 'no'}, Argdown CLI {'yes' if ARGDOWN.exists() else 'no'}\n")

    startup = measure([*ARGMAP, "--version"], max(runs, 5))
    print(f"CLI start-up (`argmap --version`): {startup[0] * 1000:.0f} ms, {startup[1]:.0f} MB\n")
    shipped_rebuild(max(runs, 5))
    print("Cold: an empty cache (the first run on these files). Warm: the files were seen before.\n")
    print("| claims | stage | cold s | warm s | peak MB | cold s per 1k claims | Argdown s "
          "| Argdown / cold | Argdown / warm |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in sizes:
        folder = corpus(cache, size)
        stage_runs = max(1, runs if size < 50_000 else min(runs, 2))
        with tempfile.TemporaryDirectory() as scratch:
            out = Path(scratch)
            warm_cache = out / "cache"
            argdown = {}
            paired: dict[str, tuple[float, float]] = {}
            if ARGDOWN.exists():
                # Load + check against `argdown json`, the target's comparison: the two take turns
                # run by run, at least 5 runs even at 50,000 claims (docs/performance.md).
                check_runs = max(runs, 5) if size >= 10_000 else stage_runs
                both = alternating({
                    "argmap": (stages(folder, out)["load + check"], {}),
                    "argdown": ([str(ARGDOWN), "json", str(folder / "corpus.argdown"), str(out / "ad-json")], {}),
                }, check_runs)
                paired["load + check"] = both["argmap"][0], both["argmap"][2]
                argdown["load + check"] = both["argdown"][0], both["argdown"][2]
                argdown["DOT generation"] = measure([str(ARGDOWN), "map", "--format", "dot",
                                                     str(folder / "corpus.argdown"), str(out / "ad-dot")],
                                                    stage_runs)
            for name, command in stages(folder, out).items():
                cold = paired.get(name) or measure(command, stage_runs)
                measure(command, 1, warm_cache)
                warm = measure(command, stage_runs, warm_cache)
                if cold is None or warm is None:
                    print(f"| {size:,} | {name} | n/a | n/a | | | | | |")
                    continue
                other = argdown.get(name)
                ratios = (f"{other[0] / cold[0]:.1f}x | {other[0] / warm[0]:.1f}x" if other else " | ")
                other_s = f"{other[0]:.2f}" if other else ""
                print(f"| {size:,} | {name} | {cold[0]:.2f} | {warm[0]:.2f} | {max(cold[1], warm[1]):.0f} "
                      f"| {cold[0] / size * 1000:.3f} | {other_s} | {ratios} |", flush=True)
            rebuilds(folder, size, out, stage_runs, warm_cache, diagrams=False)
            if size <= 1000 and shutil.which("dot"):
                rebuilds(folder, size, out, stage_runs, warm_cache, diagrams=True)
            if size <= 1000 and shutil.which("dot"):
                dot_file = next((out / "dot").glob("*.dot"), None)
                layout = measure(["dot", "-Tsvg", str(dot_file), "-o", str(out / "x.svg")], stage_runs) if dot_file else None
                if layout:
                    print(f"| {size:,} | Graphviz layout alone (`dot -Tsvg`) | {layout[0]:.2f} | | {layout[1]:.0f} "
                          "| | | | |")
    if args.voices:
        many_voices(cache, [int(v) for v in args.voices.split(",")], 1 if args.quick else min(runs, 3))
        many_voices_rebuilds(cache, [int(v) for v in args.voices.split(",")], 1 if args.quick else 2)


if __name__ == "__main__":
    main()
