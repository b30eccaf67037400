"""Renderers: pure functions from the model to text (DOT, tables) or to {path: text} (the site).

`view` works out once what a diagram shows (nodes, edges, clusters, as plain sorted data);
`dot` turns a view into DOT text. Neither writes files or runs Graphviz: `argmap.write` does.
"""


# `argmap.render(...)` calls `argmap._api.render`: the public API (docs/api.md, argmap/_callable.py).
from argmap._callable import make_callable as _make_callable

_make_callable(__name__, "render")
