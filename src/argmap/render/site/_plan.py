"""The site's files, what each reads and how each is made (see the package docstring)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from importlib import resources

import attrs

from argmap.model import Corpus, Map, Stance, Thesis
from argmap.render.site._compare import COMPARE_PAGE, compare_page
from argmap.render.site._diagram import panel_inputs
from argmap.render.site._handouts import handout_page
from argmap.render.site._home import SEARCH_SCRIPT, index_page, search_script
from argmap.render.site._pages import thesis_page, voice_page
from argmap.render.site._parts import handout_name
from argmap.render.site._picture import PICTURE_PAGE, PictureSummary, picture_page
from argmap.render.site._view import SiteView
from argmap.render.tables import LISTED_VOICES

__all__ = ["Page", "site_pages", "asset", "ASSETS", "NO_DIAGRAM", "voice_diagrams",
           "diagrams_by_voice"]

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
    return diagrams_by_voice(diagrams)(voice_id)


def diagrams_by_voice(diagrams: Mapping[str, str]
                      ) -> Callable[[str], list[tuple[str, str]]]:
    """`voice_diagrams` for every voice, the names sorted out once (a voice's parts looked for
    among all the diagrams, voice by voice, was 4 million string tests at 1,000 voices)."""
    parts: dict[str, list[tuple[int, str]]] = {}
    for name in diagrams:
        voice_id, _, number = name.removeprefix("part_").rpartition("_")
        if name.startswith("part_") and voice_id and number.isdigit():
            parts.setdefault(voice_id, []).append((int(number), name))

    def of(voice_id: str) -> list[tuple[str, str]]:
        if voice_id in diagrams:
            return [(voice_id, diagrams[voice_id])]
        return [(name, diagrams[name]) for _number, name in sorted(parts.get(voice_id, ()))]
    return of


def _voice_inputs(view: SiteView, voice: Map, svgs: Sequence[str | None]) -> tuple[str, ...]:
    """What a voice's page shows: its whole map, the theses it takes a stance on, its sources,
    every voice by name (the pair chooser; past LISTED_VOICES, only that there are so many), its
    diagram; of other voices only the claims linked
    to its own (each with its voice's name and date), in the order shown, and what the diagram's
    panel tells about each claim drawn."""
    # (past LISTED_VOICES the pair chooser is a link to the pair page, not a list of every name)
    chooser = "voices" if len(view.corpus.maps) <= LISTED_VOICES else "voices:linked"
    shown = {f"map:{voice.id}", f"diagram:{voice.id}", chooser}
    shown |= {f"thesis:{s.thesis}" for s in voice.stances}
    shown |= {f"source:{s}" for s in view.sources_of(voice)}
    linked: list[str] = []
    for claim in voice.claims:
        for link in view.links_from(voice, claim) + view.links_to(voice, claim):
            linked += [f"claim:{link.voice.id}/{link.claim.id}", f"head:{link.voice.id}",
                       f"source:{link.voice.source}"]
    return (*sorted(shown), *linked, *panel_inputs(view, svgs))


def _positions_inputs(view: SiteView, thesis: Thesis,
                      speakers: Sequence[tuple[Map, Stance]]) -> tuple[str, ...]:
    """What a thesis's handout shows (and its page, with more): the thesis, and each voice with
    a stance on it, in order: its name, the stance, the claims given as reasons with their
    quotes' sources."""
    shown = [f"thesis:{thesis.id}"]
    for voice, stance in speakers:
        shown += [f"head:{voice.id}", f"stance:{voice.id}/{thesis.id}"]
        for claim in view.because(voice, stance):
            shown.append(f"claim:{voice.id}/{claim.id}")
            shown += [f"source:{voice.source_of(e)}" for e in claim.evidence]
    return tuple(shown)


def asset(name: str) -> bytes:
    """A static file shipped with the package (`site.css`, `site.js`)."""
    return resources.files("argmap.render.site").joinpath(name).read_bytes()


def site_pages(
    corpus: Corpus,
    *,
    diagrams: Mapping[str, str] | None = None,
    diagram_note: str = NO_DIAGRAM,
    downloads: Sequence[str] = (),
    picture: Callable[[], PictureSummary] | None = None,
) -> list[Page]:
    """Every file of the site for a checked corpus, sorted by path.

    `diagrams` maps a voice id to its SVG as written to `diagrams/<id>.svg` (the page inlines a
    sanitised copy and links to the file); a voice without one gets `diagram_note` instead.
    `downloads` are paths under the output folder the home page links to (tables, diagrams).
    `picture` gives what `matrix.html` shows past LISTED_VOICES (a build keeps it by the
    voices' sides), else it is computed.
    """
    view = SiteView(corpus)
    diagrams = diagrams or {}
    pages = [Page(path=name, inputs=(), render=functools.partial(asset, name)) for name in ASSETS]
    overview = diagrams.get("overview_all")
    claims = sum(len(m.claims) for m in corpus.maps)
    # Past LISTED_VOICES the home page's cells link to the voices' pages: it shows names and
    # sides, not what the claims say (their search index is search.js), so a claim can be
    # reworded without making its 16 MB (1,000 voices) again. Below it, a cell opens the reasons.
    theses = tuple(f"thesis:{t.id}" for t in corpus.theses)
    shown = (("sides", "counts", *theses, *panel_inputs(view, [overview]))
             if len(corpus.maps) > LISTED_VOICES else ("corpus",))
    pages.append(
        Page(
            path="index.html",
            inputs=(*shown, "diagram:overview_all", "downloads"),
            render=functools.partial(index_page, view, downloads=tuple(downloads), svg=overview),
            weight=1 + claims // 3 * (len(corpus.maps) <= LISTED_VOICES)
                   + len(corpus.maps) * len(corpus.theses) // 20,
        )
    )
    pages.append(Page(path=SEARCH_SCRIPT, inputs=("corpus",),
                      render=functools.partial(search_script, view),
                      # (a line of search data per claim: a third of a voice page's cost a claim)
                      weight=1 + claims // 3))
    pages.append(
        Page(
            path=COMPARE_PAGE,
            # (each voice's stances and reasons, and the dates of the sources it quotes)
            inputs=("positions", "cited"),
            render=functools.partial(compare_page, view),
            weight=1 + sum(len(s.because) for m in corpus.maps for s in m.stances),
        )
    )
    # (the camps are named by the words of the theses their members share)
    pages.append(Page(path=PICTURE_PAGE, inputs=("sides", *theses),
                      render=functools.partial(picture_page, view, picture)))
    drawn = diagrams_by_voice(diagrams)
    for voice in corpus.maps:
        svgs = drawn(voice.id)
        pages.append(
            Page(
                path=f"voices/{voice.id}.html",
                inputs=_voice_inputs(view, voice, [svg for _name, svg in svgs]),
                render=functools.partial(voice_page, view, voice, svgs=svgs,
                                         diagram_note=diagram_note),
                weight=1 + len(voice.claims),
            )
        )
    for thesis in corpus.theses:
        speakers = [(v, stance) for v, stance in view.positions(thesis.id) if stance is not None]
        svg = diagrams.get(f"thesis_{thesis.id}")
        shown = _positions_inputs(view, thesis, speakers)
        pages.append(
            Page(
                path=f"theses/{thesis.id}.html",
                # (the silent voices are listed by name; the handout links' names ask `theses`)
                inputs=("voices", "theses", f"diagram:thesis_{thesis.id}", *shown,
                        *panel_inputs(view, [svg])),
                render=functools.partial(thesis_page, view, thesis, svg=svg,
                                         diagram_note=diagram_note if diagrams else ""),
            )
        )
        # The handout names one quote per voice: it shows the positions, less the list of
        # silent voices. The blank one's file name must not clash with another thesis.
        for blank in (False, True):
            pages.append(
                Page(
                    path=handout_name(corpus.theses, thesis.id, blank=blank),
                    inputs=shown,
                    render=functools.partial(handout_page, view, thesis, blank=blank),
                )
            )
    return sorted(pages, key=lambda p: p.path)
