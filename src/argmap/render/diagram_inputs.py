"""What each of a site's diagrams is drawn from, as the build's input names, so that a rebuild
can tell a diagram is unchanged without making its view and DOT text (at 1,000 voices, making
every view and its DOT takes seconds; the inputs of all of them, milliseconds).

The names are those the site's pages list (`argmap.render.site`: `map:<id>`, `claim:<map>/<claim>`,
`head:<id>`, `stance:<map>/<thesis>`, `thesis:<id>`, `source:<id>`, `sides`, `counts`, `corpus`),
and `colour:<id>`, a voice's place among all the corpus's voices (its colour in every diagram,
`argmap.render.view.Voice`). Each group lists everything its views show, worked out from how
`argmap.render.view` builds them: leaving a name out would keep a diagram that changed, so
`tests/test_incremental.py` builds every kind of edit over an earlier build and compares the
result with a build from scratch.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from argmap.graph import graph, map_of
from argmap.model import Claim, Corpus, Map
from argmap.render.view import View

__all__ = ["DiagramGroup", "diagram_groups", "overview_group", "colours"]


@attrs.frozen(kw_only=True)
class DiagramGroup:
    """Diagrams made together: a voice's (whole, or in parts), a thesis's, the overview, the
    combined diagram of every claim. `views` makes them, only when `inputs` changed."""

    name: str
    inputs: tuple[str, ...]
    views: Callable[[], list[View]] = attrs.field(eq=False, repr=False)


def colours(corpus: Corpus) -> dict[str, str]:
    """`colour:<id>` for each voice: its place among the voices sorted by id."""
    return {f"colour:{map_id}": str(number)
            for number, map_id in enumerate(sorted(m.id for m in corpus.maps))}


def diagram_groups(corpus: Corpus) -> list[DiagramGroup]:
    """Every group of the site's diagrams but the overview (which names the voices' files:
    `overview_group`), in the order of their names."""
    from argmap.render.screen import voice_views
    from argmap.render.view import combined_view, thesis_view

    resolved = graph(corpus)
    groups = [DiagramGroup(name=f"voice:{voice.id}", inputs=_voice_inputs(corpus, voice),
                           views=functools.partial(voice_views, corpus, voice.id))
              for voice in corpus.maps]
    speakers: dict[str, list[Map]] = defaultdict(list)
    for voice in sorted(corpus.maps, key=lambda m: m.id):
        for stance in voice.stances:
            said = speakers[stance.thesis]
            if resolved.stance(voice, stance.thesis) is not None \
                    and not (said and said[-1] is voice):
                said.append(voice)
    for thesis in corpus.theses:
        shown = [f"thesis:{thesis.id}"]
        for voice in speakers[thesis.id]:
            found = resolved.stance(voice, thesis.id)
            assert found is not None
            shown += [f"head:{voice.id}", f"colour:{voice.id}", f"stance:{voice.id}/{thesis.id}"]
            shown += _claims(corpus, found.because)
        groups.append(DiagramGroup(
            name=f"thesis:{thesis.id}", inputs=tuple(shown),
            views=functools.partial(_one, thesis_view, corpus, thesis.id, None,
                                    group_by="voice", evidence=True)))
    # (the print download: every claim, so any change to the corpus; its drawing is still
    # reused when its DOT text comes out the same, e.g. after a quote is reworded)
    groups.append(DiagramGroup(name="combined", inputs=("corpus",),
                               views=functools.partial(_one, combined_view, corpus, None,
                                                       group_by="voice", evidence=False)))
    return sorted(groups, key=lambda g: g.name)


def overview_group(corpus: Corpus, first: Mapping[str, str]) -> DiagramGroup:
    """The overview: each voice's name, claim count and colour, each stance's side, every
    thesis; `first` is each voice's first view's name (its node links to that file)."""
    from argmap.render.view import overview_view

    files = {voice_id: f"{name}.svg" for voice_id, name in first.items()}
    return DiagramGroup(
        name="overview",
        inputs=("sides", "counts", *(f"thesis:{t.id}" for t in corpus.theses),
                *(f"colour:{m.id}" for m in corpus.maps),
                *(f"file:{voice_id}={name}" for voice_id, name in sorted(files.items()))),
        views=functools.partial(_one, overview_view, corpus, None, voice_files=files))


def _one(make: Callable[..., View], *args: Any, **options: Any) -> list[View]:
    return [make(*args, **options)]


def _voice_inputs(corpus: Corpus, voice: Map) -> tuple[str, ...]:
    """A voice's view: its map, its colour, the theses it takes a stance on, the sources its
    claims link to, and each claim of another voice that one of its claims supports, attacks
    or undercuts (drawn with that voice's name, colour and link)."""
    resolved = graph(corpus)
    shown = [f"map:{voice.id}", f"colour:{voice.id}"]
    shown += [f"thesis:{s.thesis}" for s in voice.stances]
    shown += _sources(voice, voice.claims)
    ends: list[str] = []
    for claim in voice.claims:
        found = resolved.of(voice, claim)
        ends += [target for target, _relation in (*found.supports, *found.attacks)]
        ends += [end for u in found.undercuts for end in (u.premise, u.conclusion)]
    return (*shown, *_claims(corpus, [e for e in ends if map_of(e) != voice.id]))


def _claims(corpus: Corpus, references: Iterable[str]) -> list[str]:
    """Each claim by its full reference, with its voice's name and colour and the sources it
    links to (or the claim's absence)."""
    index = graph(corpus).by_ref
    shown: list[str] = []
    for reference in references:
        shown.append(f"claim:{reference}")
        found = index.get(reference)
        if found is not None:
            shown += [f"head:{found.voice.id}", f"colour:{found.voice.id}"]
            shown += _sources(found.voice, [found.claim])
    return shown


def _sources(voice: Map, claims: Iterable[Claim]) -> list[str]:
    """The sources a claim's node can link to: its voice's default and each quote's."""
    ids = [voice.source] if voice.source else []
    ids += [e.source for claim in claims for e in claim.evidence if e.source]
    return [f"source:{s}" for s in ids]
