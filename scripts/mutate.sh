#!/usr/bin/env bash
# Mutation testing of the core modules (docs/testing.md), one module at a time.
#   scripts/mutate.sh                 the core modules this branch changed (vs main, committed or not)
#   scripts/mutate.sh quotes check    those modules (names as in [tool.argmap.mutate] in pyproject.toml)
#   scripts/mutate.sh --all           every core module
#   scripts/mutate.sh --recheck render/tables
#                                     the survivors (and mutants no test reached) of that module's last
#                                     run, against every test in its files (`-k`/`--deselect` dropped)
# Each module runs in its own scratch folder, .mutmut/<module>/, with mutmut's settings from
# [tool.mutmut] plus `only_mutate` (that module) and its tests from [tool.argmap.mutate]; mutmut
# keeps its results there, so a second run retries only mutants whose code or tests changed.
# A module whose selection leaves out slow tests (each survivor pays for every test that reaches
# it) is measured in two steps: the run, then `--recheck`, in .mutmut/<module>.all/, of what
# survived it; the score counts a mutant killed in either.
# One worker (the machine is shared): MUTATE_CHILDREN=2 to use two. Not run in CI: too slow.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
py=.venv/bin/python
[ -x .venv/bin/mutmut ] || .venv/bin/pip install -q "mutmut>=3.8,<4"

recheck=""
if [ "${1:-}" = "--recheck" ]; then recheck=1; shift; fi

modules=$("$py" - "$@" <<'PY'
import subprocess, sys, tomllib
table = tomllib.load(open("pyproject.toml", "rb"))["tool"]["argmap"]["mutate"]
args = sys.argv[1:]
if args == ["--all"]:
    chosen = list(table)
elif args:
    unknown = [a for a in args if a not in table]
    if unknown:
        sys.exit(f"mutate: not a core module: {', '.join(unknown)} (known: {', '.join(table)})")
    chosen = args
else:
    changed = subprocess.run(["git", "diff", "--name-only", "main", "--", "src/argmap"],
                             capture_output=True, text=True, check=True).stdout.split()
    names = {p.removeprefix("src/argmap/").removesuffix(".py") for p in changed}
    chosen = [m for m in table if m in names]
print("\n".join(chosen))
PY
)
if [ -z "$modules" ]; then
  echo "mutate: no core module changed vs main (name modules, or --all)"
  exit 0
fi

shared=$(cd .. && pwd)/shared
for module in $modules; do
  first=.mutmut/${module//\//_}
  work=$first${recheck:+.all}
  names=()
  if [ -n "$recheck" ]; then
    meta=$first/mutants/src/argmap/$module.py.meta
    [ -f "$meta" ] || { echo "mutate: no run of $module to recheck ($meta)"; exit 1; }
    mapfile -t names < <("$py" -c "import json, sys; m = json.load(open(sys.argv[1]))['exit_code_by_key']
print('\n'.join(k for k, v in sorted(m.items()) if v in (0, 33)))" "$meta")
    if [ ${#names[@]} -eq 0 ]; then echo "mutate: $module: nothing to recheck"; continue; fi
  fi
  mkdir -p "$work"
  for part in src tests maps benchmarks; do ln -sfn "$root/$part" "$work/$part"; done
  # the tests find ../shared beside the folder they run in (mutants/), as beside a checkout
  [ -d "$shared" ] && ln -sfn "$shared" "$work/shared"
  "$py" - "$module" "$work/pyproject.toml" "$recheck" <<'PY'
import json, sys, tomllib
module, target, recheck = sys.argv[1:]
text = open("pyproject.toml", encoding="utf-8").read()
tests = tomllib.loads(text)["tool"]["argmap"]["mutate"][module]
if recheck:   # the test files alone, every test in them
    tests = [t for i, t in enumerate(tests) if not t.startswith("-") and not tests[i - 1].startswith("-")]
extra = (f"only_mutate = {json.dumps(['src/argmap/' + module + '.py'])}\n"
         f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n")
text = text.replace("[tool.mutmut]\n", "[tool.mutmut]\n" + extra, 1)
open(target, "w", encoding="utf-8").write(text)
PY
  echo "mutate: $module${recheck:+ (recheck of ${#names[@]} survivors)} (tests: $(grep -o 'pytest_add_cli_args_test_selection = .*' "$work/pyproject.toml" | cut -d= -f2))"
  (cd "$work" && "$root/.venv/bin/mutmut" run --max-children "${MUTATE_CHILDREN:-1}" "${names[@]}" > run.log 2>&1 || { echo "mutate: mutmut failed, see $work/run.log"; tail -5 run.log; }
   "$root/.venv/bin/mutmut" export-cicd-stats >/dev/null
   if [ -z "$recheck" ]; then
     "$root/$py" -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); print('mutate: $module', json.dumps(s))"
     "$root/.venv/bin/mutmut" results
   fi)
  if [ -n "$recheck" ]; then
    "$py" - "$first/mutants/src/argmap/$module.py.meta" "$work/mutants/src/argmap/$module.py.meta" "$module" <<'PY'
import collections, json, sys
from mutmut.stats import status_by_exit_code
first, again = (json.load(open(p))["exit_code_by_key"] for p in sys.argv[1:3])
both = {k: again[k] if v in (0, 33) and again.get(k) is not None else v for k, v in first.items()}
counts = collections.Counter(status_by_exit_code[v] for v in both.values())
print(f"mutate: {sys.argv[3]}, run and recheck together:", json.dumps(dict(sorted(counts.items())), sort_keys=True))
for k, v in sorted(both.items()):
    if v in (0, 33):
        print(f"    {k}: {status_by_exit_code[v]}")
PY
  fi
done
