"""Printable seminar handouts, one A4 page per thesis where it fits.

The full handout gives each voice's position with one quote; the blank one keeps the quotes and
leaves the positions as lines to fill in, so students work out who stands where from the words.
Voices come in the same order (by id) in both, so the order gives nothing away.
"""

from __future__ import annotations

from argmap.model import Map, Stance, Thesis
from argmap.render.site._html import el, esc, join, page, section
from argmap.render.site._parts import badge, source_cite, thesis_href
from argmap.render.site._view import KIND_LABELS, SiteView

__all__ = ["handout_page", "handout_sheet"]

_ROOT = "../"
_ROOMY = 7   # more positions than this are printed smaller (measured: 10 took two A4 pages)

_BLANKS = (
    el("p", el("span", "Position"), " ", el("span", class_="line"), " ",
       el("span", "agree · mixed · disagree", class_="hint"), class_="fill")
    + el("p", el("span", "Why?"), " ", el("span", class_="line"), class_="fill")
)


def _said(view: SiteView, voice: Map, stance: Stance) -> str:
    """One quote for the position, with its kind and source; the first reason's text if none."""
    found = view.first_quote(voice, stance)
    if found is None:
        reasons = view.because(voice, stance)
        return el("p", esc(reasons[0].text), class_="claim-text") if reasons else ""
    _claim, evidence = found
    cite = source_cite(view.source(voice, evidence), fallback=voice.source_of(evidence))
    kind = esc(KIND_LABELS[evidence.kind].split(" ")[0])
    return el("blockquote", el("p", esc(evidence.quote))) + \
        el("p", kind, f" — {cite}" if cite else "", class_="cite")


def _position(view: SiteView, voice: Map, stance: Stance, *, blank: bool) -> str:
    if blank:
        return el("li", el("h3", esc(voice.name)), _said(view, voice, stance), _BLANKS,
                  class_="position", data_voice=voice.id)
    note = el("p", esc(stance.note), class_="note") if stance.note else ""
    return el("li", el("h3", esc(voice.name), " ", badge(stance.position)),
              _said(view, voice, stance), note, class_="position", data_voice=voice.id)


def handout_page(view: SiteView, thesis: Thesis, *, blank: bool) -> str:
    variant = "blank handout" if blank else "handout"
    bar = el("p", el("a", "Back to the thesis", href=thesis_href(_ROOT, thesis.id)), " ",
             el("button", "Print", type="button", class_="js-only", data_print=True),
             class_="screen-only handout-bar")
    return page(title=f"{variant.capitalize()}: {thesis.text}",
                body=join([bar, handout_sheet(view, thesis, blank=blank)]),
                root=_ROOT, kind="handout", nav=False)


def handout_sheet(view: SiteView, thesis: Thesis, *, blank: bool) -> str:
    """The sheet alone (an `<article>`), for the site's page and for embedding elsewhere."""
    items = [_position(view, voice, stance, blank=blank)
             for voice, stance in view.positions(thesis.id) if stance is not None]
    variant = "blank handout" if blank else "handout"
    positions = el("ol", "\n", join(items), "\n", class_="positions") if items else \
        el("p", "No voice takes a stance on this thesis.")
    questions = [el("li", esc(q)) for q in thesis.questions]
    eyebrow = f"Seminar {variant}" + (f" · {esc(thesis.topic)}" if thesis.topic else "")
    return el("article", "\n", join([
        el("p", eyebrow, class_="eyebrow"),
        el("h1", esc(thesis.text)),
        section("positions", "Who stands where? Fill in each position" if blank else "Positions",
                positions),
        section("questions", "Questions", el("ol", *questions)) if questions else "",
    ]), "\n", class_="sheet dense" if len(items) > _ROOMY else "sheet")
