"""`argmap render`: plan the views, fit each screen view to 1366×768 (or take the detailed
drawing), draw them with Graphviz on every core, and write one file per view.

`render` yields what happened, in the order it happened, for the CLI to print: the screen views
too big to read, then each file drawn. A drawing Graphviz could not make stops the command with
`DrawFailed`; files written before it stay written.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from argmap.model import Corpus
    from argmap.render.dot import DotOptions
    from argmap.render.fit import Fit
    from argmap.render.view import View
    from argmap.write import GraphvizError

__all__ = ["DrawFailed", "Drawn", "TooBig", "UnknownIds", "check_ids", "plan", "render"]


class UnknownIds(ValueError):
    """An id on the command line names nothing in the corpus; the message lists what is known."""


class DrawFailed(Exception):
    """Graphviz could not draw `name` (the file it would have written): `error` says why."""

    def __init__(self, name: str, error: Exception) -> None:
        super().__init__(name, error)
        self.name, self.error = name, error


@attrs.frozen
class TooBig:
    """A screen view that still cannot be read at 1366×768: how it measures, and the split that helps."""

    view: str
    fit: Fit
    split: str


@attrs.frozen
class Drawn:
    """One view's file: whether its bytes changed (and so were written), and what dot said."""

    target: Path
    written: bool
    said: str = ""


def check_ids(what: str, given: Iterable[str], known: set[str], *, hint: str = "") -> None:
    unknown = sorted(set(given) - known)
    if unknown:
        raise UnknownIds(f"unknown {what} id{'s' * (len(unknown) != 1)}: {', '.join(unknown)}"
                         + (f" ({hint})" if hint else "")
                         + (f"; known: {', '.join(sorted(known))}" if len(known) <= 30 else ""))


def plan(corpus: Corpus, options: DotOptions, *, maps: Sequence[str], combined: bool,
         theses: Sequence[str], group_by: str, evidence: str, detailed: bool,
         side: str | None) -> list[View]:
    """The views a render asks for (`argmap.render.plan`); UnknownIds when a map, thesis or
    node named on the command line (`--map`, `--thesis`, `options`' pins and ranks) is not there."""
    from argmap.render.plan import plan_views
    from argmap.render.view import node_ids

    check_ids("map", maps, {m.id for m in corpus.maps})
    check_ids("thesis", theses, {t.id for t in corpus.theses})
    check_ids("node", [i for group in options.rank_same for i in group]
              + [i for i, _ in options.pins],
              node_ids(corpus), hint="name claims as map/claim and theses by id")
    return plan_views(corpus, maps=maps, combined=combined, theses=theses, group_by=group_by,
                      evidence=evidence, detailed=detailed, side=side)


def render(views: Sequence[View], options: DotOptions, *, fmt: str, output: Path,
           fit: bool, timeout: float) -> Iterator[TooBig | Drawn]:
    """Draw and write each view as `output/<view>.<fmt>`; `fit`: screen views, fitted first."""
    from argmap.forked import map_in_halves
    from argmap.render.dot import to_dot
    from argmap.write import write_bytes

    if fit and fmt != "dot":
        sources = yield from _fitted(views, options, fmt=fmt, timeout=timeout)
    else:   # a large view's DOT is made on both cores
        sources = [to_dot(view, options=options, map_halves=map_in_halves) for view in views]
    for view, source, drawn in zip(views, sources, _draw_all(sources, fmt, options.engine, timeout),
                                   strict=True):
        target = output / f"{view.name}.{fmt}"
        said = ""
        if drawn is None:
            data = source.encode("utf-8")
        elif isinstance(drawn, Exception):
            raise DrawFailed(target.name, drawn)
        else:
            data, said = drawn
        yield Drawn(target, write_bytes(target, data), said)


def _fitted(views: Sequence[View], options: DotOptions, *, fmt: str,
            timeout: float) -> Generator[TooBig, None, list[str]]:
    """Each screen view's DOT as `argmap.commands.fitting.fitted` chooses it (Graphviz on every
    core), returned; each view that still cannot be read at 1366×768 is yielded first."""
    from argmap.commands.fitting import fitted
    from argmap.render.view import ViewKind
    from argmap.write import GraphvizError, on_every_core, run_graphviz

    def draw(source: str) -> bytes:
        return run_graphviz(source, fmt="svg", engine="dot", timeout=timeout)[0]

    def attempt(view: View) -> tuple[str, bytes, Fit] | Exception:
        try:
            return fitted(view, options, draw)
        except (GraphvizError, ValueError) as exc:   # ValueError: Graphviz wrote no SVG
            return exc

    done: list[tuple[str, bytes, Fit]] = []
    for view, result in zip(views, on_every_core(attempt, views), strict=True):
        if isinstance(result, Exception):
            raise DrawFailed(f"{view.name}.{fmt}", result)
        done.append(result)
    for view, (_source, _svg, fit) in zip(views, done, strict=True):
        if fit.readable:
            continue
        split = {ViewKind.THESIS: "draw it for fewer voices (--thesis ID --map A --map B ...) or "
                                  "one side at a time (--thesis ID --side agree, then --side "
                                  "disagree and --side mixed)",
                 ViewKind.MAP: "draw what it says on each thesis instead (--thesis ID --map "
                               f"{view.name})",
                 }.get(view.kind, "choose fewer voices (--combined --map A --map B ...)")
        yield TooBig(view.name, fit, split)
    return [source for source, _svg, _fit in done]


def _draw_all(sources: list[str], fmt: str, engine: str,
              timeout: float) -> Iterator[tuple[bytes, str] | GraphvizError | None]:
    """Each diagram's (picture, what dot said), or the error that stopped it, Graphviz running
    on every core; nothing for DOT. Results come in order, so the first failure is the one
    reported, as when drawing one by one; the reader stopping there stops the rest."""
    from argmap.write import GraphvizError, on_every_core, run_graphviz

    if fmt == "dot":
        yield from (None for _ in sources)
        return

    def attempt(source: str) -> tuple[bytes, str] | GraphvizError:
        try:
            return run_graphviz(source, fmt=fmt, engine=engine, timeout=timeout,
                                arguments=_resolution(fmt))
        except GraphvizError as exc:
            return exc

    yield from on_every_core(attempt, sources)


def _resolution(fmt: str) -> tuple[str, ...]:
    """Bitmaps at 150 dpi, so small text stays legible; vector formats need none."""
    return ("-Gdpi=150",) if fmt == "png" else ()
