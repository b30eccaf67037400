"""argmap: check YAML argument maps and compile them into diagrams, tables and sites.

The public Python API is what `__all__` names (see docs/api.md):

    import argmap
    corpus = argmap.load("maps", sources="../shared/sources")
    corpus.select(voices=["lind", "yeo"]).table()      # displays itself in Jupyter

Names are resolved on first use, so `import argmap` (and `argmap --version`) loads nothing else.
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: importing typing (and re) would be most of the time
# `import argmap` takes. Type checkers treat a name TYPE_CHECKING as true.
TYPE_CHECKING = False

__version__ = "0.1.0"

__all__ = [
    "ArgmapError",
    "Corpus",
    "Diagram",
    "Diff",
    "Handout",
    "Heatmap",
    "Problem",
    "StanceTable",
    "__version__",
    "check",
    "compare",
    "load",
    "render",
]

_LAZY = {
    "ArgmapError": "argmap.errors",
    "Problem": "argmap.errors",
    "Corpus": "argmap._api",
    "Diagram": "argmap._api",
    "Diff": "argmap._api",
    "Handout": "argmap._api",
    "Heatmap": "argmap._api",
    "StanceTable": "argmap._api",
}
# `load`, `check`, `compare` and `render` are modules that can also be called (argmap/_callable.py):
# `argmap.load("maps")` and `argmap.load.load_corpus` both work.
_MODULES = ("check", "compare", "load", "render")

if TYPE_CHECKING:
    from typing import Any

    from argmap._api import Corpus, Diagram, Diff, Handout, Heatmap, StanceTable
    from argmap.errors import ArgmapError, Problem


def __getattr__(name: str) -> Any:
    import importlib

    if name in _MODULES:
        return importlib.import_module(f"argmap.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
