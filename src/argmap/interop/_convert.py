"""Which converter serves which format: the two orchestrators `export` and `import` call."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.interop._import import Imported
from argmap.model import Corpus

__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "export_text", "guess_format", "import_text"]

# Format -> file name suffix of what `export` writes.
EXPORT_FORMATS = {"argdown": ".argdown", "aif": ".aif.json", "json": ".argmap.json",
                  "graphml": ".graphml"}
IMPORT_FORMATS = ("argdown", "aif", "json")


def export_text(corpus: Corpus, to: str, *, map_id: str | None = None) -> str:
    """The corpus (or one voice of it, with what it refers to) in format `to`."""
    if to == "graphml":
        from argmap.interop.graphml import to_graphml
        from argmap.render.view import combined_view, map_view

        view = map_view(corpus, map_id) if map_id else combined_view(corpus, evidence=True)
        return to_graphml(view)
    if map_id is not None:
        from argmap.interop._select import one_voice

        corpus = one_voice(corpus, map_id)
    if to == "argdown":
        from argmap.interop.argdown import to_argdown

        return to_argdown(corpus, title=f"argmap: {map_id}" if map_id else "argmap export")
    if to == "aif":
        from argmap.interop.aif import to_aif

        return to_aif(corpus)
    if to == "json":
        from argmap.interop.jsonmodel import to_json

        return to_json(corpus)
    raise ValueError(f"unknown export format {to!r}")


def import_text(kind: str, inputs: Sequence[tuple[str, str]]) -> Imported:
    """`(shown path, text)` inputs in format `kind` as a corpus; AIF takes several files at once."""
    if kind == "aif":
        from argmap.interop.aif import from_aif

        return from_aif(inputs)
    if len(inputs) != 1:
        raise ValueError(f"{kind} import reads one file")
    (path, text), = inputs
    if kind == "argdown":
        from argmap.interop.argdown import from_argdown

        return from_argdown(text, path)
    if kind == "json":
        from argmap.interop.jsonmodel import from_json

        return from_json(text, path)
    raise ValueError(f"unknown import format {kind!r}")


def guess_format(name: str, head: str) -> str | None:
    """The import format a file's name or first characters suggest, if any."""
    lowered = name.lower()
    if lowered.endswith((".argdown", ".ad", ".argdn")):
        return "argdown"
    if lowered.endswith(".json") or head.lstrip().startswith("{"):
        return "json" if '"argmap-json"' in head else "aif"
    return None
