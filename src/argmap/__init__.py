"""argmap: check YAML argument maps and compile them into diagrams, tables and sites.

The public Python API is what `__all__` names (see docs/api.md):

    import argmap
    corpus = argmap.load("maps", sources="../shared/sources")
    corpus.select(voices=["lind", "yeo"]).table()      # displays itself in Jupyter

Names are resolved on first use, so `import argmap` (and `argmap --version`) loads nothing else.
"""

from __future__ import annotations

import sys as _sys  # always imported already: costs nothing

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
# `load`, `check`, `compare` and `render` are modules that can also be called: `argmap.load("maps")`
# and `argmap.load.load_corpus` both work (docs/api.md). A module and a function cannot share a name
# in a package (importing the submodule rebinds it), so the package makes each of these modules
# callable as the import system attaches it here (`_Package.__setattr__`), however it is first
# imported. The call goes to `argmap._api`, imported then: the modules themselves import nothing
# upward.
_MODULES = ("check", "compare", "load", "render")

if TYPE_CHECKING:
    from types import ModuleType as _ModuleType
else:
    _ModuleType = type(_sys)   # types.ModuleType, without importing `types`


class _PublicModule(_ModuleType):
    """One of the four modules: calling it calls the `argmap._api` function of its name."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from argmap import _api

        return getattr(_api, self.__name__.rpartition(".")[2])(*args, **kwargs)


class _Package(_ModuleType):
    """The package `argmap`: makes a public module callable when it is attached as an attribute."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _MODULES and type(value) is _ModuleType:
            value.__class__ = _PublicModule
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package

if TYPE_CHECKING:
    from typing import Any

    from argmap._api import (
        Corpus,
        Diagram,
        Diff,
        Handout,
        Heatmap,
        StanceTable,
        check,
        compare,
        load,
        render,
    )
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
