"""Let the public modules `argmap.load`, `check`, `compare` and `render` be called.

`argmap.load("maps")` is the notebook's way in (docs/api.md), while `argmap.load.load_corpus` and
`argmap.render.tables` stay what they were: a module and a function cannot share a name in a
package, since importing the submodule rebinds the name. So each of these four modules is also
callable, handing the call to its function in `argmap._api` (imported on the first call).
"""

from __future__ import annotations

import sys
import types
from typing import Any

__all__ = ["make_callable"]


def make_callable(module_name: str, function: str) -> None:
    """Calls of module `module_name` go to `argmap._api.<function>`."""

    class CallableModule(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            from argmap import _api

            return getattr(_api, function)(*args, **kwargs)

    CallableModule.__name__ = CallableModule.__qualname__ = f"callable_{function}"
    sys.modules[module_name].__class__ = CallableModule
