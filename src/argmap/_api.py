"""The objects `argmap.load` returns: a corpus, and views of it that display themselves.

Each view wraps a plain result of `argmap.compare` or `argmap.render.view` and knows how to show
itself in Jupyter (`_repr_html_`, `_repr_svg_`), as text (`str()`), and as one self-contained HTML
page (`to_html()`, what `argmap export --to html` writes). A selection (`Corpus.select`) narrows
every view made from it, so a notebook can say "these three voices on the outlook theses" once.
Nothing here prints, writes files or exits.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import attrs

from argmap.errors import Problem
from argmap.model import Corpus as Model
from argmap.render.escape import html_text

__all__ = ["Corpus", "Diagram", "Diff", "Handout", "Heatmap", "StanceTable", "check", "compare", "load",
           "render"]

_PAGE_CSS = "body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #111; }"


def _page(title: str, body: str) -> str:
    """One self-contained HTML page: everything inline, nothing fetched from another host."""
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="argmap">\n'
            f"<title>{html_text(title)}</title>\n<style>\n{_PAGE_CSS}\n</style>\n</head>\n<body>\n"
            f"<main>\n{body}</main>\n</body>\n</html>\n")


def _paths(path: str | PathLike[str] | Sequence[str | PathLike[str]]) -> list[Path]:
    if isinstance(path, (str, PathLike)):
        return [Path(path)]
    return [Path(p) for p in path]


def _missing(paths: Sequence[Path]) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")


@attrs.frozen
class _TableResult:
    """A compare result shown the way `argmap table`/`diff` show it: HTML in Jupyter, text in print."""

    result: Any

    def _repr_html_(self) -> str:
        from argmap.render.tables import to_html

        return to_html(self.result, standalone=False, style=True)

    def __str__(self) -> str:
        from argmap.render.tables import to_term

        return to_term(self.result, width=100)

    def to_markdown(self) -> str:
        from argmap.render.tables import to_md

        return to_md(self.result)

    def to_html(self) -> str:
        from argmap.render.tables import to_html

        return to_html(self.result)


@attrs.frozen
class StanceTable(_TableResult):
    """The agreement table (theses × voices); `.result` is the `argmap.compare.Table`."""


@attrs.frozen
class Diff(_TableResult):
    """Two voices thesis by thesis; `.result` is the `argmap.compare.VoiceDiff`."""


@attrs.frozen
class Heatmap:
    """The pairwise matrix, shaded by `metric`; `.result` is the `argmap.compare.Matrix`."""

    result: Any
    metric: str = "edit"

    def svg(self) -> str:
        from argmap.render.heatmap import heatmap_svg

        return heatmap_svg(self.result, metric=self.metric)

    def _repr_svg_(self) -> str:
        return self.svg()

    def _repr_html_(self) -> str:
        # Front ends prefer HTML: the SVG inline keeps its accessible name (an <img> would not).
        return f'<div class="argmap-heatmap" style="overflow-x: auto">\n{self.svg()}</div>\n'

    def __str__(self) -> str:
        from argmap.render.tables import to_term

        return to_term(self.result, width=100)

    def to_markdown(self) -> str:
        from argmap.render.tables import to_md

        return to_md(self.result)

    def to_html(self) -> str:
        n = len(self.result.voices)
        return _page(f"argmap: matrix of {n} voices", f"<figure>\n{self.svg()}</figure>\n")


# (not slotted: `functools.cached_property` keeps the drawing in the instance's __dict__)
@attrs.frozen(slots=False)
class Diagram:
    """A diagram drawn by the real Graphviz `dot`; `.view` is the `argmap.render.view.View`.

    The SVG is made once and kept; it is rebuilt from a whitelist of SVG elements (as the site
    does), so map text cannot bring a script into a notebook or a page."""

    view: Any
    options: Any = None

    @property
    def dot(self) -> str:
        """The DOT text, byte-identical to what `argmap render --format dot` writes."""
        from argmap.render.dot import DotOptions, to_dot

        return to_dot(self.view, options=self.options or DotOptions())

    @functools.cached_property
    def _svg(self) -> str:
        from argmap.render.site._svg import inline_svg
        from argmap.write import GraphvizError, run_graphviz

        engine = self.options.engine if self.options else "dot"
        data, _said = run_graphviz(self.dot, fmt="svg", engine=engine)
        svg = inline_svg(data.decode("utf-8"), label=f"Diagram: {self.view.title}")
        if svg is None:
            raise GraphvizError("dot did not produce well-formed SVG")
        return svg

    def svg(self) -> str:
        """The diagram as SVG markup (drawn on first use)."""
        return self._svg

    def _repr_svg_(self) -> str:
        return self._svg

    def _repr_html_(self) -> str:
        # Front ends prefer HTML: the SVG inline keeps its accessible name (an <img> would not)
        # and a wide diagram scrolls instead of shrinking.
        return f'<div class="argmap-diagram" style="overflow-x: auto">\n{self._svg}\n</div>\n'

    def __str__(self) -> str:
        return self.dot

    def to_html(self) -> str:
        return _page(f"argmap: {self.view.title}",
                     f"<figure>\n{self._svg}\n<figcaption>{html_text(self.view.title)}"
                     "</figcaption>\n</figure>\n")


_HANDOUT_CSS = """\
.argmap-handout { font: 14px/1.45 system-ui, sans-serif; max-width: 46rem; }
.argmap-handout .eyebrow { color: #555; font-size: .8rem; font-weight: 600; text-transform: uppercase; }
.argmap-handout blockquote { margin: .3em 0; padding-left: .7em; border-left: 3px solid #bbb; }
.argmap-handout .cite, .argmap-handout .hint { color: #555; font-size: 85%; }
.argmap-handout .badge { border: 1px solid #999; border-radius: 3px; padding: 0 .35em; }
.argmap-handout .line { display: inline-block; min-width: 14em; border-bottom: 1px solid #333; }
.argmap-handout .screen-only, .argmap-handout .js-only { display: none; }"""


@attrs.frozen
class Handout:
    """The seminar handout of one thesis (`blank`: positions left for students to fill in)."""

    model: Any
    thesis: str
    blank: bool = False

    def _sheet(self) -> str:
        from argmap.render.site._handouts import handout_sheet
        from argmap.render.site._view import SiteView

        return handout_sheet(SiteView(self.model), self.model.thesis(self.thesis),
                             blank=self.blank)

    def _repr_html_(self) -> str:
        return (f"<style>\n{_HANDOUT_CSS}\n</style>\n"
                f'<div class="argmap-handout">\n{self._sheet()}\n</div>\n')

    def to_html(self) -> str:
        """A page styled and printed like the site's handout, with the stylesheet inline."""
        from argmap.render.site import asset

        css = asset("site.css").decode("utf-8")
        return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                '<meta name="generator" content="argmap">\n'
                f"<title>Handout: {html_text(self.model.thesis(self.thesis).text)}</title>\n"
                f'<style>\n{css}</style>\n</head>\n<body class="handout">\n'
                f'<main id="main">\n{self._sheet()}\n</main>\n</body>\n</html>\n')


class Corpus:
    """A checked corpus and a selection of it (all voices and theses until `select` narrows it).

    `model` is the frozen `argmap.model.Corpus`; `warnings` what `check` found that does not stop
    a build. Views made from a selection show only its voices and theses.
    """

    def __init__(self, model: Model, warnings: tuple[Problem, ...] = (), *,
                 voices: Sequence[str] | None = None, theses: Sequence[str] | None = None,
                 topic: str | None = None) -> None:
        self.model = model
        self.warnings = warnings
        self._voices = None if voices is None else tuple(voices)
        self._theses = None if theses is None else tuple(theses)
        self._topic = topic

    # --- what is selected -------------------------------------------------------------------------

    @property
    def voices(self) -> tuple[str, ...]:
        """Ids of the selected voices, in the order asked for (else by id)."""
        return tuple(v.id for v in self.table().result.voices)

    @property
    def theses(self) -> tuple[str, ...]:
        """Ids of the selected theses."""
        return tuple(t.id for t in self.table().result.theses)

    def select(self, *, voices: Sequence[str] | None = None, theses: Sequence[str] | None = None,
               topic: str | None = None) -> Corpus:
        """A narrower selection; what is not given stays as it was. Unknown ids raise
        `argmap.compare.UnknownIdError` (a ValueError that suggests the known ones)."""
        from argmap.compare import stance_table

        chosen = Corpus(self.model, self.warnings,
                        voices=self._voices if voices is None else _ids(voices),
                        theses=self._theses if theses is None else _ids(theses),
                        topic=self._topic if topic is None else topic)
        stance_table(self.model, theses=chosen._theses, maps=chosen._voices, topic=chosen._topic)
        return chosen

    # --- views ------------------------------------------------------------------------------------

    def table(self) -> StanceTable:
        """The agreement table of the selection."""
        from argmap.compare import stance_table

        return StanceTable(stance_table(self.model, theses=self._theses, maps=self._voices,
                                        topic=self._topic))

    def matrix(self, metric: str = "edit") -> Heatmap:
        """The pairwise matrix of the selection as a heatmap (`edit`, `hamming` or `bna`)."""
        from argmap.compare import pairs_from_table
        from argmap.render.heatmap import METRICS

        if metric not in METRICS:
            raise ValueError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
        return Heatmap(pairs_from_table(self.table().result), metric)

    def diff(self, a: str, b: str) -> Diff:
        """Where voices `a` and `b` stand, thesis by thesis, over the selected theses."""
        from argmap.compare import diff_voices

        result = diff_voices(self.model, a, b)
        wanted = set(self.theses)
        return Diff(attrs.evolve(result, items=tuple(i for i in result.items
                                                     if i.thesis.id in wanted)))

    def diagram(self, voice: str | None = None, *, thesis: str | None = None,
                evidence: bool | None = None, **options: Any) -> Diagram:
        """One voice's map (`voice`), what bears on one thesis (`thesis`, among the selected
        voices), or else the selected voices together. With a selection of exactly one thesis,
        that thesis's diagram. `options` are `argmap.render.dot.DotOptions` fields
        (`rankdir`, `wrap`, `legend`, ...)."""
        from argmap.compare import UnknownIdError
        from argmap.render.dot import DotOptions
        from argmap.render.view import combined_view, map_view, thesis_view

        dot_options = DotOptions(**options)
        if voice is not None:
            if self.model.map(voice) is None:
                raise UnknownIdError("voice", [voice], [m.id for m in self.model.maps])
            view = map_view(self.model, voice, evidence=True if evidence is None else evidence)
            return Diagram(view, dot_options)
        if thesis is None and self._theses is not None and len(self._theses) == 1:
            thesis = self._theses[0]
        if thesis is not None:
            if self.model.thesis(thesis) is None:
                raise UnknownIdError("thesis", [thesis], [t.id for t in self.model.theses])
            view = thesis_view(self.model, thesis, self._voices,
                               evidence=True if evidence is None else evidence)
            return Diagram(view, dot_options)
        return Diagram(combined_view(self.model, self._voices,
                                     evidence=False if evidence is None else evidence),
                       dot_options)

    def handout(self, thesis: str, *, blank: bool = False) -> Handout:
        """The seminar handout of `thesis`, with the selected voices."""
        from argmap.compare import UnknownIdError

        if self.model.thesis(thesis) is None:
            raise UnknownIdError("thesis", [thesis], [t.id for t in self.model.theses])
        shown = set(self.voices)
        model = attrs.evolve(self.model, maps=tuple(m for m in self.model.maps if m.id in shown))
        return Handout(model, thesis, blank)

    def _repr_html_(self) -> str:
        return self.table()._repr_html_()

    def __repr__(self) -> str:
        claims = sum(len(m.claims) for m in self.model.maps)
        return (f"<argmap corpus: {len(self.voices)} of {len(self.model.maps)} voices, "
                f"{len(self.theses)} of {len(self.model.theses)} theses, {claims} claims, "
                f"{len(self.warnings)} warning{'s' * (len(self.warnings) != 1)}>")


def _ids(values: Sequence[str] | str) -> tuple[str, ...]:
    """A list of ids; one id alone, or a comma-separated string, is accepted too."""
    if isinstance(values, str):
        return tuple(v.strip() for v in values.split(",") if v.strip())
    return tuple(values)


# --- the entry points ------------------------------------------------------------------------------

def load(path: str | PathLike[str] | Sequence[str | PathLike[str]] = "maps", *,
         sources: str | PathLike[str] | None = None) -> Corpus:
    """Load and check a corpus (a folder of maps, one map file, or a list of them).

    Quotes are checked against the texts in `sources` (default: as the command line finds them,
    `ARGMAP_SOURCES` or `sources/` next to the maps). Errors raise `argmap.ArgmapError` with every
    problem in `.problems`; warnings are kept in `corpus.warnings`.
    """
    from argmap.pipeline import compile_corpus

    paths = _paths(path)
    _missing(paths)
    model, warnings = compile_corpus(paths, Path(sources) if sources is not None else None)
    return Corpus(model, warnings)


def check(path: str | PathLike[str] | Sequence[str | PathLike[str]] = "maps", *,
          sources: str | PathLike[str] | None = None) -> tuple[Problem, ...]:
    """Every problem `argmap check` reports, sorted by file and position (never raises for them)."""
    from argmap.pipeline import load_and_check

    paths = _paths(path)
    _missing(paths)
    _model, problems = load_and_check(paths, Path(sources) if sources is not None else None)
    return problems


def compare(corpus: Corpus, a: str | None = None, b: str | None = None) -> StanceTable | Diff:
    """The agreement table of `corpus` (a selection), or with two voice ids their diff."""
    if (a is None) != (b is None):
        raise TypeError("compare takes no voice (the table) or two voices (their diff)")
    if a is not None and b is not None:
        return corpus.diff(a, b)
    return corpus.table()


_VIEWS = ("diagram", "table", "diff", "matrix", "handout")


def render(corpus: Corpus, view: str = "table", *args: str, thesis: str | None = None,
           voice: str | None = None, metric: str = "edit") -> str:
    """One view of `corpus` as one self-contained HTML page (no script, nothing fetched).

    `view` is `table`, `matrix`, `diagram` (of `voice`, of `thesis`, else the selection), `diff`
    (with the two voice ids as further arguments: `render(c, "diff", "lind", "yeo")`) or
    `handout` (of `thesis`). This is what `argmap export --to html` writes.
    """
    if view not in _VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(_VIEWS)}")
    if view == "diff":
        if len(args) != 2:
            raise TypeError("render(corpus, 'diff', A, B) needs the two voice ids")
        return corpus.diff(*args).to_html()
    if args:
        raise TypeError(f"render(corpus, {view!r}) takes no further ids")
    if view == "table":
        return corpus.table().to_html()
    if view == "matrix":
        return corpus.matrix(metric).to_html()
    if view == "diagram":
        return corpus.diagram(voice, thesis=thesis).to_html()
    if thesis is None:
        raise TypeError("render(corpus, 'handout', thesis=ID) needs a thesis")
    return corpus.handout(thesis).to_html()
