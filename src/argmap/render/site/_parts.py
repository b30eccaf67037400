"""Markup several pages share: position badges, quotes, links to claims and pages."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.model import Claim, Evidence, Map, Position, Source, Thesis
from argmap.render.site._html import el, esc, external_href
from argmap.render.site._view import KIND_LABELS, SiteView, label

__all__ = [
    "badge", "quote", "source_cite", "claim_href", "claim_link", "voice_href", "thesis_href",
    "handout_name",
]


def badge(position: Position | None) -> str:
    """The position as symbol and word; the symbol is hidden from screen readers, the word is read.

    Silence is a dash with the word for screen readers only, so a table of mostly silent cells
    stays quiet to the eye.
    """
    lab = label(position)
    if position is None:
        return el("span", el("span", lab.symbol, aria_hidden="true"),
                  el("span", lab.word, class_="sr-only"), class_=f"badge {lab.css}")
    return el("span", el("span", lab.symbol, class_="sym", aria_hidden="true"), f" {lab.word}",
              class_=f"badge {lab.css}")


def voice_href(root: str, voice_id: str) -> str:
    return f"{root}voices/{voice_id}.html"


def thesis_href(root: str, thesis_id: str) -> str:
    return f"{root}theses/{thesis_id}.html"


def claim_href(root: str, voice_id: str, claim_id: str) -> str:
    return f"{voice_href(root, voice_id)}#claim-{claim_id}"


def handout_name(theses: Sequence[Thesis], thesis_id: str, *, blank: bool = False,
                 root: str = "") -> str:
    """`handouts/<id>.html` and `handouts/<id>-blank.html`, or `handouts/<id>.blank.html` when
    another thesis is called `<id>-blank` (a slug never holds a dot, so that cannot clash)."""
    if not blank:
        return f"{root}handouts/{thesis_id}.html"
    if any(t.id == f"{thesis_id}-blank" for t in theses):
        return f"{root}handouts/{thesis_id}.blank.html"
    return f"{root}handouts/{thesis_id}-blank.html"


def claim_link(root: str, voice: Map, claim: Claim, *, here: str | None = None,
               owner: bool = True) -> str:
    """A link to a claim on its voice's page, naming the voice when it is not this page's."""
    href = f"#claim-{claim.id}" if voice.id == here else claim_href(root, voice.id, claim.id)
    prefix = el("span", f"{esc(voice.name)}:", class_="owner") + " " \
        if owner and voice.id != here else ""
    return prefix + el("a", esc(claim.text), href=href)


def source_cite(source: Source | None, *, fallback: str | None = None) -> str:
    """A source's reference (from a reference manager, in a CSL style), else its title and
    details; linked only when its URL is http(s)."""
    if source is None:
        return esc(fallback) if fallback else ""
    href = external_href(source.url)
    if source.reference:   # formatted in a CSL style (argmap.references)
        text = esc(source.reference)
        return el("a", text, href=href, rel="noopener noreferrer") if href else text
    title = esc(source.title or source.id)
    if href:
        title = el("a", title, href=href, rel="noopener noreferrer")
    details = [esc(x) for x in (source.author, source.publisher, source.date) if x]
    return title + (f" ({', '.join(details)})" if details else "")


def quote(view: SiteView, voice: Map, evidence: Evidence) -> str:
    """A quote with what kind of evidence it is and where it comes from."""
    cite = source_cite(view.source(voice, evidence), fallback=voice.source_of(evidence))
    caption = el("span", esc(KIND_LABELS[evidence.kind]), class_="kind") + \
        (f" — {cite}" if cite else "")
    return el(
        "figure",
        el("blockquote", el("p", esc(evidence.quote))),
        el("p", esc(evidence.note), class_="note") if evidence.note else "",
        el("figcaption", caption),
        class_=f"evidence kind-{evidence.kind.value}",
    )
