"""A Python-Markdown extension: ```argmap fenced blocks become the view they name, inline.

````markdown
```argmap
thesis: history-main-barrier
view: diagram          # or table, matrix, diff lind yeo, handout, blank-handout
```
````

The block is YAML: `view` (default `table`), and a selection as in `Corpus.select` — `voice` or
`voices`, `thesis` or `theses`, `topic` — plus `metric` for the matrix. It works in MkDocs
(`markdown_extensions: [argmap]`, options `maps` and `sources`, paths relative to where the build
runs) and anywhere Python-Markdown does. The output is inline SVG or HTML with its own style:
no script, nothing loaded from another host. A block that names something unknown becomes a
visible error box and a warning (which `mkdocs build --strict` turns into a failure), never a
traceback.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from argmap.errors import ArgmapError
from argmap.render.escape import html_text
from argmap.write import GraphvizError

__all__ = ["ArgmapExtension", "makeExtension"]

# Under "mkdocs." so that `mkdocs build --strict` counts a broken block as a warning.
log = logging.getLogger("mkdocs.argmap")

_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_ARGMAP = re.compile(r"\{?\s*\.?argmap\s*\}?")
_KEYS = ("view", "voice", "voices", "thesis", "theses", "topic", "metric")
_VIEWS = ("table", "matrix", "diagram", "diff", "handout", "blank-handout")
# A page's theme must not shrink a diagram's text to fit the column, nor break a reference
# letter by letter: the block scrolls sideways instead.
_EMBED_CSS = (".argmap-embed svg { max-width: none; height: auto; } "
              ".argmap-embed .because code { white-space: nowrap; }")
_CORPORA: dict[tuple[str, str | None], tuple[tuple[tuple[str, int], ...], Any]] = {}


class BlockError(ValueError):
    """What is wrong with one block, said for its author."""


def _corpus(maps: str, sources: str | None) -> Any:
    """The corpus, loaded once per build (again when a map file changed: `mkdocs serve`)."""
    from argmap._api import load

    root = Path(maps)
    stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in
                         (root.rglob("*.yaml") if root.is_dir() else [root]) if p.exists()))
    key = (maps, sources)
    cached = _CORPORA.get(key)
    if cached is None or cached[0] != stamp:
        _CORPORA[key] = (stamp, load(root, sources=sources))
    return _CORPORA[key][1]


def _ids(value: Any, key: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [v for v in re.split(r"[\s,]+", value) if v]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise BlockError(f"'{key}' should be an id or a list of ids")


def _options(body: str) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(body) if body.strip() else {}
    except yaml.YAMLError as exc:
        raise BlockError(f"not valid YAML: {exc}".splitlines()[0]) from None
    if not isinstance(data, dict):
        raise BlockError("write the block as 'key: value' lines (view, thesis, voices, ...)")
    unknown = sorted(set(map(str, data)) - set(_KEYS))
    if unknown:
        import difflib

        hint = difflib.get_close_matches(unknown[0], _KEYS, n=1)
        raise BlockError(f"unknown key '{unknown[0]}'" + (f" (did you mean '{hint[0]}'?)" if hint
                                                           else f"; keys: {', '.join(_KEYS)}"))
    return data


def render_block(body: str, corpus: Any) -> str:
    """The HTML a block stands for; BlockError (or UnknownIdError) when it cannot be made."""
    data = _options(body)
    words = str(data.get("view") or "table").split()
    view, args = words[0], words[1:]
    if view not in _VIEWS:
        raise BlockError(f"unknown view '{view}'; choose one of {', '.join(_VIEWS)}")
    voices = _ids(data.get("voices", data.get("voice")), "voices")
    theses = _ids(data.get("theses", data.get("thesis")), "theses")
    selection = corpus.select(voices=voices, theses=theses, topic=data.get("topic"))
    if view == "diff":
        pair = args or (voices or [])
        if len(pair) != 2:
            raise BlockError("'view: diff A B' needs two voice ids")
        inner = selection.diff(*pair)._repr_html_()
    elif args:
        raise BlockError(f"'view: {view}' takes no ids after it; say 'thesis:' or 'voice:'")
    elif view == "table":
        inner = selection.table()._repr_html_()
    elif view == "matrix":
        inner = selection.matrix(str(data.get("metric") or "edit")).svg()
    elif view == "diagram":
        one_voice = voices[0] if voices and len(voices) == 1 and not theses else None
        inner = selection.diagram(one_voice).svg()
    else:
        if not theses or len(theses) != 1:
            raise BlockError(f"'view: {view}' needs one 'thesis:'")
        inner = selection.handout(theses[0], blank=view == "blank-handout")._repr_html_()
    return (f'<div class="argmap-embed argmap-{view}" style="overflow-x: auto">\n'
            f"<style>{_EMBED_CSS}</style>\n{inner.strip()}\n</div>")


class _Blocks(Preprocessor):
    def __init__(self, md: Markdown, extension: ArgmapExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        if not any("argmap" in line for line in lines):
            return lines
        out: list[str] = []
        outer: str | None = None   # the fence of another code block we are inside
        i = 0
        while i < len(lines):
            line = lines[i]
            fence = _OPEN.match(line)
            if outer is not None:
                if _closes(line, outer):
                    outer = None
                out.append(line)
            elif fence and _ARGMAP.fullmatch(fence.group("info").strip()):
                end = next((j for j in range(i + 1, len(lines))
                            if _closes(lines[j], fence.group("fence"))), None)
                if end is None:   # never closed: leave it to Markdown, as an unclosed fence
                    out.append(line)
                else:
                    html = self._html("\n".join(lines[i + 1:end]), i + 1)
                    out += ["", self.md.htmlStash.store(html), ""]
                    i = end
            else:
                if fence:
                    outer = fence.group("fence")
                out.append(line)
            i += 1
        return out

    def _html(self, body: str, line: int) -> str:
        try:
            return render_block(body, self.extension.corpus())
        except (ArgmapError, BlockError, ValueError, FileNotFoundError, GraphvizError) as exc:
            message = _message(exc)
        log.warning("argmap block at line %d: %s", line, message)
        return (f'<div class="argmap-embed argmap-error" role="alert"><strong>argmap:</strong> '
                f"{html_text(message)}</div>")


def _message(exc: Exception) -> str:
    from argmap.write import GraphvizNotFound

    if isinstance(exc, GraphvizNotFound):
        return "Graphviz's 'dot' program was not found on PATH; install Graphviz to draw diagrams"
    problems = getattr(exc, "problems", None)
    if problems is not None:
        shown = "; ".join(p.format() for p in problems[:3])
        more = len(problems) - 3
        return f"the maps have errors: {shown}" + (f" (and {more} more)" if more > 0 else "")
    return str(exc)


def _closes(line: str, fence: str) -> bool:
    """CommonMark: the same character, at least as many, nothing else, indented at most 3."""
    stripped = line.strip()
    return (len(line) - len(line.lstrip(" ")) <= 3 and len(stripped) >= len(fence)
            and set(stripped) == {fence[0]})


class ArgmapExtension(Extension):
    """Options: `maps` (a folder or file, default `maps`), `sources` (the source texts' folder)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "maps": ["maps", "the maps folder (or a map file), relative to where the build runs"],
            "sources": ["", "the source texts' folder (default: as the command line finds it)"],
        }
        super().__init__(**kwargs)

    def corpus(self) -> Any:
        sources = self.getConfig("sources") or None
        return _corpus(str(self.getConfig("maps")), sources)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # after normalize_whitespace (30), which would strip the stash's markers, and before
        # fenced_code (25), which would take the block for code
        md.preprocessors.register(_Blocks(md, self), "argmap", 29)


def makeExtension(**kwargs: Any) -> ArgmapExtension:
    return ArgmapExtension(**kwargs)
