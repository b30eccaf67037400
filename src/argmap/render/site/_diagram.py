"""A diagram on a page: the sanitised SVG in a zoomable frame, a side panel, and the data the
panel shows (each claim's text, quotes with kind and source, relations, theses), embedded as
JSON so it works from file:// (`diagram.js` reads it; map text only ever goes in as text)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import unescape

from argmap.graph import Resolved
from argmap.model import Claim, Map, ref
from argmap.render.site._html import el, json_script
from argmap.render.site._parts import claim_href, thesis_href
from argmap.render.site._svg import inline_svg
from argmap.render.site._view import KIND_LABELS, SiteView

__all__ = ["diagram_block", "claim_data", "panel_inputs"]

# the ids Graphviz gives a claim: a node (`node-map/claim`) or a card's row (`a_claim-map/claim`)
_CLAIM_IDS = re.compile(r'id="(?:node|a_claim)(?:&#45;|-)([a-z0-9][a-z0-9&#;-]*/[a-z0-9&#;-]+)"')


def _drawn(index: Mapping[str, Resolved], svg: str) -> list[tuple[str, tuple[Map, Claim]]]:
    """The claims a diagram draws, by `map/claim`, sorted, each once."""
    keys = sorted({unescape(match) for match in _CLAIM_IDS.findall(svg)})
    return [(key, (index[key].voice, index[key].claim)) for key in keys if key in index]


def panel_inputs(view: SiteView, svgs: Iterable[str | None]) -> list[str]:
    """What `claim_data` shows for the claims these diagrams draw, as the build's input names
    (`argmap.render.site`): each claim, its voice, the sources of its quotes, the claims it is
    linked to and their voices, the stances giving it as a reason. In the order shown."""
    drawn = {key: hit for svg in svgs if svg for key, hit in _drawn(view.graph.by_ref, svg)}
    inputs: list[str] = []
    for key, (voice, claim) in sorted(drawn.items()):
        inputs += [f"claim:{key}", f"head:{voice.id}"]
        inputs += [f"source:{voice.source_of(e)}" for e in claim.evidence]
        for link in view.links_from(voice, claim) + view.links_to(voice, claim):
            inputs += [f"claim:{ref(link.voice.id, link.claim.id)}", f"head:{link.voice.id}"]
        for stance in voice.stances:
            if any(reason.id == claim.id for reason in view.because(voice, stance)):
                inputs += [f"stance:{voice.id}/{stance.thesis}", f"thesis:{stance.thesis}"]
    return inputs


def claim_data(view: SiteView, svg: str, root: str) -> dict[str, dict[str, object]]:
    """What the panel shows for each claim the diagram draws, by `map/claim`."""
    index = view.graph.by_ref
    cited: dict[str, list[dict[str, str]]] = {}
    for voice in view.corpus.maps:
        for stance in voice.stances:
            thesis = view.corpus.thesis(stance.thesis)
            for claim in view.because(voice, stance):
                cited.setdefault(ref(voice.id, claim.id), []).append(
                    {"id": stance.thesis, "t": thesis.text if thesis else stance.thesis,
                     "p": stance.position.value, "h": thesis_href(root, stance.thesis)})
    data: dict[str, dict[str, object]] = {}
    for key, (voice, claim) in _drawn(index, svg):
        quotes = []
        for evidence in claim.evidence:
            source = view.source(voice, evidence)
            quotes.append({"q": evidence.quote, "k": KIND_LABELS[evidence.kind],
                           "s": (source.title or source.id) if source else "unknown source"})
        relations = [{"r": link.relation, "id": ref(link.voice.id, link.claim.id),
                      "t": link.claim.text, "v": link.voice.name,
                      "h": claim_href(root, link.voice.id, link.claim.id)}
                     for link in view.links_from(voice, claim) + view.links_to(voice, claim)]
        data[key] = {"t": claim.text, "v": voice.name, "vid": voice.id,
                     "h": claim_href(root, voice.id, claim.id), "q": quotes, "r": relations,
                     "th": cited.get(key, [])}
    return data


def diagram_block(view: SiteView, svg: str | None, *, label: str, root: str, file: str,
                  note: str, rebase: bool = False, id_prefix: str = "") -> str:
    """The diagram, its controls and its side panel; `note` when there is no diagram.

    `rebase`: the SVG's links are written for pages one folder down (`../voices/...`); on the
    home page they lose the `../`. `id_prefix` keeps ids unique when a page shows several
    diagrams that draw the same claim (a voice in parts)."""
    if svg is not None and rebase:
        svg = svg.replace('xlink:href="../', 'xlink:href="')
    markup = inline_svg(svg, label=label) if svg else None
    if markup is None:
        return el("p", note, class_="note")
    if id_prefix:
        markup = markup.replace(' id="', f' id="{id_prefix}')
    controls = el("div",
                  el("button", "Zoom in", type="button", data_zoom="in"),
                  el("button", "Zoom out", type="button", data_zoom="out"),
                  el("button", "Fit", type="button", data_zoom="reset"),
                  el("button", "Show all", type="button", data_focus="none", hidden=True),
                  el("span", "", class_="focus-status muted", role="status"),
                  class_="zoom-controls js-only", role="group", aria_label="Zoom the diagram")
    viewport = el("div", el("div", markup, class_="zoom-content"),
                  class_="zoom-viewport", tabindex="0", role="region",
                  aria_label="Diagram: drag or use the arrow keys to move, + and − to zoom; "
                             "Tab to a claim and press Enter to read its quotes")
    data_map = claim_data(view, svg or "", root)
    panel = "" if not data_map else el("aside",
               el("h3", "Claim", class_="diagram-panel-title", tabindex="-1"),
               el("p", "Choose a claim in the diagram to read its quotes and relations.",
                  class_="muted diagram-panel-hint"),
               el("div", class_="diagram-panel-body"),
               class_="diagram-panel js-only", aria_live="polite", aria_label="Claim details")
    data = json_script("", data_map).replace(' id=""', "", 1)
    own = el("p", el("a", "Open the diagram on its own", href=file))
    return el("div", controls,
              el("div", viewport, panel, class_="diagram-with-panel" if panel else "diagram-alone"),
              data.replace("<script ", '<script class="diagram-data" ', 1), own,
              class_="zoom diagram", data_min_scale="0.75")
