"""Run docs/tutorial.ipynb top to bottom in a real kernel and write docs/tutorial.html.

The page is self-contained: nbconvert's basic template (no script, no CDN, no MathJax) inside a
small page of our own, so it opens offline and from the docs site. The notebook itself is kept
without outputs, so its diffs stay readable. Usage: .venv/bin/python scripts/tutorial.py
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

DOCS = Path(__file__).resolve().parent.parent / "docs"

_CSS = """\
body { font: 16px/1.5 system-ui, sans-serif; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
.jp-InputArea-editor, .highlight { background: #f5f5f5; padding: .5rem .75rem; border-radius: 4px; overflow-x: auto; }
.jp-InputPrompt, .jp-OutputPrompt { display: none; }
.jp-OutputArea-output { margin: .5rem 0 1.5rem; overflow-x: auto; }
pre { margin: 0; white-space: pre-wrap; }"""


def executed(path: Path = DOCS / "tutorial.ipynb", timeout: int = 120) -> nbformat.NotebookNode:
    """The notebook after running every cell in a fresh kernel, from the notebook's folder."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def page(notebook: nbformat.NotebookNode) -> str:
    exporter = HTMLExporter(template_name="basic")
    body, _resources = exporter.from_notebook_node(notebook)
    title = "argmap tutorial: exploring a corpus in Jupyter"
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n"
            f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


def main() -> int:
    target = DOCS / "tutorial.html"
    target.write_text(page(executed()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
