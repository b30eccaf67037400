"""Which diagrams a render asks for: the detailed views of view.py or the screen views of
screen.py (here, so that neither of those imports the other's caller)."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.model import Corpus
from argmap.render.screen import voice_views
from argmap.render.view import (
    View,
    combined_view,
    map_view,
    overview_view,
    sorted_maps,
    thesis_view,
)

__all__ = ["plan_views"]


def plan_views(corpus: Corpus, *, maps: Sequence[str] = (), combined: bool = False,
               theses: Sequence[str] = (), group_by: str = "voice",
               evidence: str = "auto", detailed: bool = True) -> list[View]:
    """The diagrams a render asks for, sorted by name.

    Nothing asked: every map's diagram and the combined one. `maps` alone: those maps' diagrams.
    `combined`: the combined diagram (of `maps` when given). `theses`: one diagram per thesis,
    narrowed to what bears on it (and to `maps` when given). `evidence` is `show`, `hide` or
    `auto` (shown in map and thesis diagrams, hidden in the combined one, which would be too big).
    Without `detailed` (the views for a screen), the combined diagram is the overview, and
    nothing asked also draws every thesis's view, which the overview links to.
    """
    def shown(default: bool) -> bool:
        return {"show": True, "hide": False}.get(evidence, default)

    selected = sorted(set(maps)) or None
    everything = not (maps or combined or theses)
    views = []
    drawn: dict[str, list[View]] = {}       # each voice's screen views, as the overview links
    if not combined and not theses:
        for voice in sorted_maps(corpus, selected):
            if detailed:
                views.append(map_view(corpus, voice.id, evidence=shown(True)))
            else:
                drawn[voice.id] = voice_views(corpus, voice.id)
                views.extend(drawn[voice.id])
    if (combined and not theses) or everything:
        if detailed:
            views.append(combined_view(corpus, selected, group_by=group_by,
                                       evidence=shown(False)))
        else:
            # a voice drawn in parts has no `<voice>.svg`: its node opens the first part
            files = {voice.id: f"{(drawn.get(voice.id) or voice_views(corpus, voice.id))[0].name}.svg"
                     for voice in sorted_maps(corpus, selected)}
            views.append(overview_view(corpus, selected, voice_files=files))
    if everything and not detailed:
        theses = [t.id for t in corpus.theses]      # the overview links to each thesis's view
    for thesis_id in sorted(set(theses)):
        views.append(thesis_view(corpus, thesis_id, selected, group_by=group_by,
                                 evidence=shown(True)))
    return sorted(views, key=lambda v: v.name)
