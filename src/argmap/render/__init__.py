"""Renderers: pure functions from the model to text (DOT, tables) or to {path: text} (the site).

`view` works out once what a diagram shows (nodes, edges, clusters, as plain sorted data);
`dot` turns a view into DOT text. Neither writes files or runs Graphviz: `argmap.write` does.
"""
