"""The site's files, what each reads and how each is made (see the package docstring)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from importlib import resources

import attrs

from argmap.model import Corpus
from argmap.render.site._compare import COMPARE_PAGE, compare_page
from argmap.render.site._handouts import handout_page
from argmap.render.site._home import index_page
from argmap.render.site._pages import thesis_page, voice_page
from argmap.render.site._parts import handout_name
from argmap.render.site._picture import PICTURE_PAGE, picture_page
from argmap.render.site._view import SiteView

__all__ = ["Page", "site_pages", "asset", "ASSETS", "NO_DIAGRAM", "voice_diagrams"]

# site.* serve every page; diagram.* its diagrams; teach.* the table's filters, seminar mode,
# the pair page and handout selection.
ASSETS = ("diagram.css", "diagram.js", "site.css", "site.js", "teach.css", "teach.js")

NO_DIAGRAM = "No diagram: Graphviz could not draw one when this site was built."


@attrs.frozen(kw_only=True)
class Page:
    """One file of the site: where it goes, what it reads, and how to make it."""

    path: str
    inputs: tuple[str, ...]
    render: Callable[[], str | bytes] = attrs.field(eq=False, repr=False)
    weight: int = attrs.field(default=1, eq=False)   # claims shown: how long `render` takes


def voice_diagrams(diagrams: Mapping[str, str], voice_id: str) -> list[tuple[str, str]]:
    """(file stem, SVG) of a voice's diagram, or of its parts in order when it was drawn in
    parts for the screen (`argmap.render.screen.voice_views`)."""
    if voice_id in diagrams:
        return [(voice_id, diagrams[voice_id])]
    prefix = f"part_{voice_id}_"
    parts = [(int(name[len(prefix):]), name) for name in diagrams
             if name.startswith(prefix) and name[len(prefix):].isdigit()]
    return [(name, diagrams[name]) for _number, name in sorted(parts)]


def asset(name: str) -> bytes:
    """A static file shipped with the package (`site.css`, `site.js`)."""
    return resources.files("argmap.render.site").joinpath(name).read_bytes()


def site_pages(
    corpus: Corpus,
    *,
    diagrams: Mapping[str, str] | None = None,
    diagram_note: str = NO_DIAGRAM,
    downloads: Sequence[str] = (),
) -> list[Page]:
    """Every file of the site for a checked corpus, sorted by path.

    `diagrams` maps a voice id to its SVG as written to `diagrams/<id>.svg` (the page inlines a
    sanitised copy and links to the file); a voice without one gets `diagram_note` instead.
    `downloads` are paths under the output folder the home page links to (tables, diagrams).
    """
    view = SiteView(corpus)
    diagrams = diagrams or {}
    pages = [Page(path=name, inputs=(), render=functools.partial(asset, name)) for name in ASSETS]
    pages.append(
        Page(
            path="index.html",
            inputs=("corpus", "diagram:overview_all", "downloads"),
            render=functools.partial(index_page, view, downloads=tuple(downloads),
                                     svg=diagrams.get("overview_all")),
            # (a line of search data per claim: measured a third of a voice page's cost a claim)
            weight=1 + sum(len(m.claims) for m in corpus.maps) // 3,
        )
    )
    pages.append(
        Page(
            path=COMPARE_PAGE,
            inputs=("corpus",),
            render=functools.partial(compare_page, view),
            weight=1 + sum(len(s.because) for m in corpus.maps for s in m.stances),
        )
    )
    pages.append(Page(path=PICTURE_PAGE, inputs=("corpus",),
                      render=functools.partial(picture_page, view)))
    for voice in corpus.maps:
        # ("voices": the pair chooser lists every voice by name)
        inputs = {f"map:{voice.id}", f"diagram:{voice.id}", "voices"}
        inputs |= {f"map:{other}" for other in view.related_voices(voice)}
        inputs |= {f"thesis:{s.thesis}" for s in voice.stances}
        inputs |= {f"source:{s}" for s in view.sources_of(voice)}
        pages.append(
            Page(
                path=f"voices/{voice.id}.html",
                inputs=tuple(sorted(inputs)),
                render=functools.partial(
                    voice_page, view, voice, svgs=voice_diagrams(diagrams, voice.id),
                    diagram_note=diagram_note
                ),
                weight=1 + len(voice.claims),
            )
        )
    for thesis in corpus.theses:
        speakers = [v for v in corpus.maps if v.stance(thesis.id)]
        inputs = {f"thesis:{thesis.id}", "voices", f"diagram:thesis_{thesis.id}"}
        inputs |= {f"map:{v.id}" for v in speakers}
        inputs |= {f"source:{s}" for v in speakers for s in view.sources_of(v)}
        pages.append(
            Page(
                path=f"theses/{thesis.id}.html",
                inputs=tuple(sorted(inputs)),
                render=functools.partial(thesis_page, view, thesis,
                                         svg=diagrams.get(f"thesis_{thesis.id}"),
                                         diagram_note=diagram_note if diagrams else ""),
            )
        )
        # The handout names one quote per voice; it reads what the thesis page reads, less the
        # list of silent voices. The blank one's file name must not clash with another thesis.
        handout_inputs = tuple(sorted(inputs - {"voices", f"diagram:thesis_{thesis.id}"}))
        for blank in (False, True):
            pages.append(
                Page(
                    path=handout_name(corpus.theses, thesis.id, blank=blank),
                    inputs=handout_inputs,
                    render=functools.partial(handout_page, view, thesis, blank=blank),
                )
            )
    return sorted(pages, key=lambda p: p.path)
