"""`argmap export`: a checked corpus (or one voice of it) as an interchange format's text, or one
view as one HTML page (commands/export_html.py), with the file name it gets in a folder.

A request that names nothing in the corpus, or mixes the html options into another format, raises
`ExportRequest` (a ValueError saying what to give instead); Graphviz's errors pass through.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.model import Corpus

__all__ = ["ExportRequest", "destination", "export", "save"]


class ExportRequest(ValueError):
    """The export was asked for with ids or options it cannot use; the message says which."""


def export(corpus: Corpus, to: str, *, map_id: str | None = None, view: str | None = None,
           voices: Sequence[str] = (), theses: Sequence[str] = (), topic: str | None = None,
           metric: str | None = None) -> tuple[str, str]:
    """The text, and the file name it gets in an output folder. Each of `voices` may name
    several ids, separated by commas, as `--voices A,B` does."""
    from argmap.commands.export_html import html_view
    from argmap.interop import EXPORT_FORMATS, export_text

    if map_id is not None and corpus.map(map_id) is None:
        known = ", ".join(m.id for m in corpus.maps) or "none"
        raise ExportRequest(f"no map '{map_id}' (maps: {known})")
    if to == "html":
        ids = [v.strip() for value in voices for v in value.split(",") if v.strip()]
        try:
            return html_view(corpus, view or "table", voices=ids, theses=theses,
                             topic=topic, voice=map_id, metric=metric)
        except ValueError as exc:   # ViewRequest, UnknownIdError: both say what to give instead
            raise ExportRequest(str(exc)) from None
    if view or voices or theses or topic or metric:
        raise ExportRequest("--view, --voices, --thesis, --topic and --metric go with --to html")
    return export_text(corpus, to, map_id=map_id), f"{map_id or 'corpus'}{EXPORT_FORMATS[to]}"


def destination(output: str, name: str) -> Path:
    """Where `-o output` puts a file called `name`: into it when it is (or ends like) a folder."""
    target = Path(output)
    return target / name if into_folder(output) else target


def into_folder(output: str) -> bool:
    return Path(output).is_dir() or output.endswith(("/", "\\"))


def save(target: Path, text: str) -> None:
    from argmap.write import write_text

    write_text(target, text)
