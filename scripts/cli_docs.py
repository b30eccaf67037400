"""Write docs/cli.md from the argument parser itself, so the reference never drifts.

Run: .venv/bin/python scripts/cli_docs.py   (tests/test_cli.py fails when it is out of date)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

INTRO = """\
# Command reference

Generated from `argmap --help` by `scripts/cli_docs.py`; a test keeps it current.

Every command that compiles the corpus (render, table, matrix, diff, analyze, build, export)
first checks it and stops with the diagnostics when there are errors (exit 1); warnings do not
stop it (the first five are shown; a warning repeated word for word is shown once, with a
count). Exit status everywhere: 0 success, 1 problems found (or a tool such as `dot` failed),
2 usage error. PATH arguments are map files or folders of them and default to `maps/`. Source
texts for quote checking are found with `--sources DIR`, else `$ARGMAP_SOURCES`, else the
corpus's `sources_dir` setting (docs/format.md), else a `sources` folder beside the maps folder.

Topic guides: [format](format.md), [editors](editors.md), [render](render.md),
[compare](compare.md), [API](api.md), [site](site.md), [interop](interop.md),
[analyze](analyze.md), [performance](performance.md), [corpus](corpus.md).
"""


def render() -> str:
    os.environ["COLUMNS"] = "100"
    from argmap.cli import COMMANDS, build_parser

    parser = build_parser()
    parts = [INTRO, "## argmap\n", "```\n" + parser.format_help().rstrip() + "\n```\n"]
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, sub in subparsers.choices.items():
        parts.append(f"## argmap {name}\n")
        parts.append(COMMANDS[name][0][0].upper() + COMMANDS[name][0][1:] + ".\n")
        parts.append("```\n" + sub.format_help().rstrip() + "\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if target.read_text(encoding="utf-8") == text else 1)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
