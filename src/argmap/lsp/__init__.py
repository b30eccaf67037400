"""`argmap lsp`: a Language Server Protocol server over stdio, for the maps folder a file is in.

Its own package, imported only by `argmap lsp`, so no other command pays for pygls. Layers:
`text` (positions and the cursor's YAML context, tolerant of half-typed text), `index` (where
each id is defined and referred to, with exact spans), `folder` (one maps folder: open buffers,
the one checker's diagnostics, the index), `features` (completion, hover, definition,
references, rename, code actions, symbols as pure functions) and `server` (the pygls wiring).
"""

from __future__ import annotations

__all__ = ["serve"]


def serve() -> None:
    """Answer LSP requests on standard input and output until the client says exit."""
    import logging
    import os

    # The editor shows standard error as the server's log: one line per problem, no tracebacks
    # from pygls unless asked for.
    debug = bool(os.environ.get("ARGMAP_DEBUG"))
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                        format="argmap lsp: %(levelname)s: %(message)s")
    if not debug:
        logging.getLogger("pygls").setLevel(logging.CRITICAL)

    from argmap.lsp.server import make_server

    make_server().start_io()
