"""The site's pages: the agreement table (home), one page per voice, one page per thesis."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.model import Basis, Claim, Map, Stance, Thesis
from argmap.render.site._compare import pair_chooser
from argmap.render.site._diagram import diagram_block
from argmap.render.site._html import el, esc, join, page, section
from argmap.render.site._parts import (
    badge,
    claim_link,
    handout_name,
    quote,
    source_cite,
    thesis_href,
    voice_href,
)
from argmap.render.site._view import POSITION_ORDER, Link, SiteView, label
from argmap.render.tables import LISTED_VOICES

__all__ = ["voice_page", "thesis_page"]


def _reasons(view: SiteView, root: str, voice: Map, stance: Stance) -> str:
    """The claims a stance gives as reasons, each with all its quotes."""
    items = [el("li", el("p", claim_link(root, voice, claim, owner=False), class_="claim-text"),
                join(quote(view, voice, e) for e in claim.evidence))
             for claim in view.because(voice, stance)]
    return el("ul", *items, class_="reasons")


def _note(text: str | None) -> str:
    return el("p", esc(text), class_="note") if text else ""


# --- one page per voice ---------------------------------------------------------------------------

_ROOT = "../"


def _authors(voice: Map) -> str:
    """Co-authors with their affiliations; a single author's name is the page's title already."""
    if len(voice.authors) > 1:
        return el("ul", *(el("li", esc(a.name),
                             f" {el('span', f'({esc(a.affiliation)})', class_='muted')}"
                             if a.affiliation else "")
                          for a in voice.authors), class_="authors")
    return join(el("p", esc(a.affiliation), class_="muted") for a in voice.authors if a.affiliation)


def _stances(view: SiteView, voice: Map) -> str:
    if not voice.stances:
        return el("p", "No stances recorded.", class_="muted")
    rows = []
    # past LISTED_VOICES the home page's cells link here, to each row
    linked = len(view.corpus.maps) > LISTED_VOICES
    for stance in voice.stances:
        thesis = view.corpus.thesis(stance.thesis)
        text = esc(thesis.text if thesis else stance.thesis)
        reasons = [el("li", claim_link(_ROOT, voice, c, here=voice.id))
                   for c in view.because(voice, stance)]
        rows.append(el("tr",
                       el("th", el("a", text, href=thesis_href(_ROOT, stance.thesis)), scope="row"),
                       el("td", badge(stance.position)),
                       el("td", el("ul", *reasons, class_="because"), _note(stance.note)),
                       id=f"stance-{stance.thesis}" if linked else None))
    head = el("tr", *(el("th", name, scope="col") for name in ("Thesis", "Position", "Because")))
    caption = el("caption", f"The position {esc(voice.name)} takes on each thesis")
    table = el("table", caption, el("thead", head), el("tbody", "\n", join(rows), "\n"),
               class_="stances")
    return el("div", table, class_="table-wrap")


def _diagram(view: SiteView, voice: Map, svgs: Sequence[tuple[str, str]], note: str) -> str:
    """The voice's diagram, or its parts one after another when it is too big for one screen."""
    if len(svgs) <= 1:
        name, svg = svgs[0] if svgs else (voice.id, None)
        return diagram_block(view, svg, label=f"Diagram of {voice.name}’s argument", root=_ROOT,
                             file=f"{_ROOT}diagrams/{name}.svg", note=note)
    blocks = [el("p", f"Too much for one screen, so in {len(svgs)} parts, each the stances on "
                 "some of the theses with the claims given as reasons.", class_="muted")]
    for number, (name, svg) in enumerate(svgs, 1):
        blocks.append(el("h3", f"Part {number} of {len(svgs)}"))
        blocks.append(diagram_block(view, svg, label=f"Diagram of {voice.name}’s argument, "
                                    f"part {number} of {len(svgs)}", root=_ROOT,
                                    file=f"{_ROOT}diagrams/{name}.svg", note=note,
                                    id_prefix=f"p{number}-" if number > 1 else ""))
    return join(blocks)


def _whose(view: SiteView, link: Link, here: Map) -> str:
    """After a relation across voices: the other voice's date, and the mapper's note on a
    contrast or the words of a reply (issue 18), so a juxtaposition never reads as a rebuttal."""
    if link.voice.id == here.id:
        return ""
    date = view.date_of(link.voice)
    parts = [el("span", esc(f" ({date})"), class_="date")] if date else []
    if link.basis is Basis.CONTRAST:
        parts.append(el("span", " — the mapper's contrast: ", esc(link.note or ""), class_="contrast-note"))
    elif link.basis is Basis.REPLY and link.quotes:
        parts.append(el("span", " — in its words: ",
                        esc("; ".join(f"“{q}”" for q in link.quotes)), class_="reply-quote"))
    return join(parts)


def _claim(view: SiteView, voice: Map, claim: Claim) -> str:
    evidence = join(quote(view, voice, e) for e in claim.evidence) or \
        el("p", "No evidence recorded for this claim.", class_="muted")
    links = [el("li", el("span", esc(link.relation), class_="relation"), " ",
                claim_link(_ROOT, link.voice, link.claim, here=voice.id), _whose(view, link, voice))
             for link in view.links_from(voice, claim) + view.links_to(voice, claim)]
    return el("article", "\n", join([
        el("h3", esc(claim.text), class_="claim-text"),
        evidence,
        el("ul", *links, class_="links") if links else "",
    ]), "\n", class_="claim", id=f"claim-{claim.id}")


def voice_page(view: SiteView, voice: Map, *, svgs: Sequence[tuple[str, str]] = (),
               diagram_note: str) -> str:
    cites = [el("li", source_cite(view.corpus.source(s), fallback=s))
             for s in sorted(view.sources_of(voice))]
    claims = join(_claim(view, voice, c) for c in voice.claims) or \
        el("p", "No claims recorded.", class_="muted")
    body = join([
        el("p", el("a", "All voices", href=f"{_ROOT}index.html#voices"), class_="crumbs"),
        el("h1", esc(voice.name)),
        _authors(voice),
        section("sources", "Sources", el("ul", *cites)) if cites else "",
        section("stances", "Stances", _stances(view, voice)),
        pair_chooser(view, root=_ROOT, fixed=voice, heading="Compare with another voice"),
        section("diagram", "Diagram", _diagram(view, voice, svgs, diagram_note)),
        section("claims", "Claims and evidence", claims),
    ])
    return page(title=voice.name, body=body, root=_ROOT, kind="voice")


# --- one page per thesis --------------------------------------------------------------------------

def _position_card(view: SiteView, voice: Map, stance: Stance) -> str:
    name = el("a", esc(voice.name), href=voice_href(_ROOT, voice.id))
    return el("article", "\n", join([
        el("h3", name, " ", badge(stance.position)),
        _note(stance.note),
        _reasons(view, _ROOT, voice, stance),
    ]), "\n", class_="card")


def _handout_links(theses: Sequence[Thesis], thesis: Thesis) -> str:
    return el("p", "Handouts: ",
              el("a", "printable", href=handout_name(theses, thesis.id, root=_ROOT)), " · ",
              el("a", "blank, for students to fill in",
                 href=handout_name(theses, thesis.id, blank=True, root=_ROOT)),
              class_="handout-links")


def thesis_page(view: SiteView, thesis: Thesis, *, svg: str | None = None,
                diagram_note: str = "") -> str:
    positions = view.positions(thesis.id)
    columns = []
    for position in POSITION_ORDER:
        cards = [_position_card(view, v, s) for v, s in positions if s and s.position is position]
        lab = label(position)
        heading = el("h2", badge(position), " ", el("span", f"({len(cards)})", class_="count"),
                     id=f"col-{lab.word}")
        columns.append(el("section", "\n", join([heading, *cards] if cards else
                                                [heading, el("p", "Nobody.", class_="muted")]),
                          "\n", class_=f"column {lab.css}", aria_labelledby=f"col-{lab.word}"))
    silent = [el("a", esc(v.name), href=voice_href(_ROOT, v.id)) for v, s in positions if s is None]
    topic = f" · topic: {el('span', esc(thesis.topic), class_='topic')}" if thesis.topic else ""
    questions = [el("li", esc(q)) for q in thesis.questions]
    body = join([
        el("p", el("a", "All theses", href=f"{_ROOT}index.html#theses"), topic, class_="crumbs"),
        el("h1", el("span", "Thesis", class_="eyebrow"), " ", esc(thesis.text)),
        _handout_links(view.corpus.theses, thesis),
        section("diagram", "Diagram: who stands where, and why",
                diagram_block(view, svg, label=f"Diagram of the positions on: {thesis.text}",
                              root=_ROOT, file=f"{_ROOT}diagrams/thesis_{thesis.id}.svg",
                              note=diagram_note)) if svg or diagram_note else "",
        el("div", "\n", join(columns), "\n", class_="columns"),
        el("p", badge(None), " No stance: ", ", ".join(silent), class_="silent") if silent else "",
        section("questions", "Seminar questions", el("ol", *questions)) if questions else "",
    ])
    return page(title=thesis.text, body=body, root=_ROOT, kind="thesis")
