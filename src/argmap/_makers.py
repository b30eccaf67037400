"""Model objects made from their fields' values, at half the cost of attrs' `__init__`.

Why: loading a large corpus makes hundreds of thousands of model objects (a claim, its evidence,
their locations), fresh from a fast reading or from a pickle (the cache, the forked helper).
attrs' frozen `__init__` sets each field through `object.__setattr__` bound anew for every
object, and its `__setstate__` loops over the field names in Python; a function generated per
class that sets each slot through its descriptor takes half the time. It takes every field (no
default, no converter: a Claim's relations must already be Relations), by name or in field order,
which is how a pickle calls it (`cache.dump_document`). Pickles find a maker by its name in this
module (`make_Claim`), so an entry written by one run is read by the next.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["maker"]


@functools.cache
def maker(cls: type, located: bool = False) -> Callable[..., Any]:
    """The function making a `cls` (a slotted attrs class) from all its fields' values.
    `located`: its Location too is made here, from the last four arguments (path, line, column,
    marks) in place of a `location`: one call instead of two, which is most of a pickle's
    reading (`cache.dump_document`)."""
    from argmap.errors import Location

    names = [field.name for field in attrs.fields(cls)]
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls, "Location": Location}
    scope.update((f"set_{name}", cls.__dict__[name].__set__) for name in names)
    made = f"make_{cls.__name__}" + ("_located" if located else "")
    if located:
        names.remove("location")
        scope.update((f"set_at_{name}", Location.__dict__[name].__set__) for name in _AT)
        at = ["    location = new(Location)\n", *(f"    set_at_{name}(location, at_{name})\n" for name in _AT)]
        parameters = [*names, *(f"at_{name}" for name in _AT)]
        names.append("location")
    else:
        at, parameters = [], names
    code = (f"def {made}({', '.join(parameters)}):\n" + "".join(at) + "    self = new(cls)\n"
            + "".join(f"    set_{name}(self, {name})\n" for name in names)
            + "    return self\n")
    exec(code, scope)   # our own field names, as attrs generates its own methods
    make: Callable[..., Any] = scope[made]
    make.__module__ = __name__
    _made[made] = make
    _classes[cls.__name__] = cls
    return make


_AT = ("path", "line", "column", "marks")   # a Location's fields


def __getattr__(name: str) -> Callable[..., Any]:
    """`make_Claim` and the like, for unpickling: the model's classes, and any other class
    one of whose makers was made in this process (`load.Document`'s is made when `load` is
    imported), located or not."""
    made = _made.get(name)
    if made is not None:
        return made
    located = name.endswith("_located")
    named = name.removeprefix("make_").removesuffix("_located")
    cls = (_classes.get(named) or _model_classes().get(named)) if name.startswith("make_") else None
    if cls is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return maker(cls, located)


_made: dict[str, Callable[..., Any]] = {}
_classes: dict[str, type] = {}   # every class a maker was made for, by name


@functools.cache
def _model_classes() -> dict[str, type]:
    from argmap import model
    from argmap.errors import Location

    found = {cls.__name__: cls for cls in vars(model).values() if isinstance(cls, type) and attrs.has(cls)}
    found.update(Location=Location)
    return found
