"""The site's pages: the agreement table (home), one page per voice, one page per thesis."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.model import Basis, Claim, Map, Stance, Thesis
from argmap.render.site._diagram import diagram_block
from argmap.render.site._html import el, esc, join, json_script, page, section, void
from argmap.render.site._parts import (
    badge,
    claim_href,
    claim_link,
    handout_name,
    quote,
    source_cite,
    thesis_href,
    voice_href,
)
from argmap.render.site._view import KIND_LABELS, POSITION_ORDER, Link, SiteView, label

__all__ = ["index_page", "voice_page", "thesis_page", "search_index"]


def _reasons(view: SiteView, root: str, voice: Map, stance: Stance) -> str:
    """The claims a stance gives as reasons, each with all its quotes."""
    items = [el("li", el("p", claim_link(root, voice, claim, owner=False), class_="claim-text"),
                join(quote(view, voice, e) for e in claim.evidence))
             for claim in view.because(voice, stance)]
    return el("ul", *items, class_="reasons")


def _note(text: str | None) -> str:
    return el("p", esc(text), class_="note") if text else ""


# --- home: the agreement table ------------------------------------------------------------------

def _legend() -> str:
    silent = label(None)
    items = [el("li", badge(p)) for p in POSITION_ORDER]
    dash = el("span", silent.symbol, class_=f"badge {silent.css}", aria_hidden="true")
    items.append(el("li", dash, f" {silent.word}: no stance"))
    return el("ul", *items, class_="legend", aria_label="Key")


def _cell_detail(view: SiteView, detail_id: str, thesis: Thesis, voice: Map,
                 stance: Stance | None) -> str:
    """What a cell opens: the position, the note, and the reasons with their quotes."""
    heading = el("h3", f"{esc(voice.name)} on: “{esc(thesis.text)}”", id=f"{detail_id}-h",
                 tabindex="-1")
    if stance is None:
        body = el("p", badge(None), f" {esc(voice.name)} takes no stance on this thesis.")
    else:
        body = join([el("p", badge(stance.position)), _note(stance.note), el("h4", "Because"),
                     _reasons(view, "", voice, stance)])
    return el("section", "\n", heading, "\n", body, "\n", class_="detail", id=detail_id,
              aria_labelledby=f"{detail_id}-h")


def _cell(detail_id: str, stance: Stance | None) -> str:
    """A table cell: a button showing the position, and a "?" that seminar mode shows instead."""
    position = stance.position if stance else None
    button = el("button", el("span", badge(position), class_="pos"),
                el("span", "?", class_="guess", aria_hidden="true"),
                el("span", "hidden", class_="guess sr-only"),
                type="button", class_="cell", data_detail=detail_id, aria_controls="panel",
                aria_expanded="false")
    return el("td", button, class_=f"{label(position).css} reveal")


def _table(view: SiteView) -> tuple[str, str]:
    """The theses × voices table and the details each of its cells opens."""
    corpus = view.corpus
    head = [el("th", "Thesis", scope="col")]
    head += [el("th", el("a", esc(v.name), href=voice_href("", v.id)), scope="col")
             for v in corpus.maps]
    rows, details = [], []
    for row, thesis in enumerate(corpus.theses):
        topic = f" {el('span', esc(thesis.topic), class_='topic')}" if thesis.topic else ""
        cells = [el("th", el("a", esc(thesis.text), href=thesis_href("", thesis.id)), topic,
                    scope="row")]
        for column, voice in enumerate(corpus.maps):
            detail_id = f"d-{row}-{column}"
            cells.append(_cell(detail_id, voice.stance(thesis.id)))
            details.append(_cell_detail(view, detail_id, thesis, voice, voice.stance(thesis.id)))
        rows.append(el("tr", *cells))
    caption = el("caption", "Where each voice stands on each thesis. "
                 "Choose a cell to see the claims and quotes behind it.", id="table-caption")
    table = el("table", "\n", caption, "\n", el("thead", el("tr", *head)), "\n",
               el("tbody", "\n", join(rows), "\n"), "\n", class_="agreement")
    wrapped = el("div", table, class_="table-wrap", role="region",
                 aria_labelledby="table-caption", tabindex="0")
    return wrapped, join(details)


def search_index(view: SiteView) -> list[dict[str, str]]:
    """Every thesis, claim and quote with the page it is on, for the search box.

    Keys are short because the index sits in the page: k(ind), n(ame of the voice), t(ext), u(rl).
    """
    items = [{"k": "thesis", "n": "", "t": t.text, "u": thesis_href("", t.id)}
             for t in view.corpus.theses]
    for voice, claim in view.corpus.claims():
        href = claim_href("", voice.id, claim.id)
        items.append({"k": "claim", "n": voice.name, "t": claim.text, "u": href})
        for evidence in claim.evidence:
            kind = KIND_LABELS[evidence.kind].split(" ")[0]
            items.append({"k": kind, "n": voice.name, "t": evidence.quote, "u": href})
    return items


def _seminar_controls() -> str:
    return el(
        "div",
        el("button", "Seminar mode", type="button", id="seminar-toggle", aria_pressed="false"),
        el("button", "Reveal next", type="button", id="reveal-next", hidden=True),
        el("button", "Reveal all", type="button", id="reveal-all", hidden=True),
        el("span", id="seminar-status", class_="muted", role="status"),
        class_="toolbar js-only", role="group", aria_label="Seminar mode",
    )


def _search(view: SiteView) -> str:
    no_script = el("p", "Search needs JavaScript; every claim and quote is on its voice's page.")
    box = el("div",
             el("label", "Words to find", for_="search-box"), " ",
             void("input", type="search", id="search-box", autocomplete="off", spellcheck="false"),
             el("p", id="search-status", class_="muted", role="status"),
             el("ol", id="search-results", class_="results"),
             class_="js-only")
    return section("search", "Search claims and quotes", el("noscript", no_script), box,
                   json_script("search-index", search_index(view)))


def _voice_item(voice: Map) -> str:
    affiliations = ", ".join(a.affiliation for a in voice.authors if a.affiliation)
    counts = f"· {len(voice.claims)} claims, {len(voice.stances)} stances"
    return el("li", el("a", esc(voice.name), href=voice_href("", voice.id)),
              f" {el('span', esc(affiliations), class_='muted')}" if affiliations else "",
              f" {el('span', counts, class_='muted')}")


def _thesis_item(theses: Sequence[Thesis], thesis: Thesis) -> str:
    handouts = el("span", "· handout: ",
                  el("a", "printable", href=handout_name(theses, thesis.id)), ", ",
                  el("a", "blank", href=handout_name(theses, thesis.id, blank=True)),
                  class_="muted")
    return el("li", el("a", esc(thesis.text), href=thesis_href("", thesis.id)), " ", handouts)


def index_page(view: SiteView, *, downloads: Sequence[str] = (), svg: str | None = None) -> str:
    corpus = view.corpus
    table, details = _table(view)
    claims = sum(len(v.claims) for v in corpus.maps)
    files = [el("li", el("a", esc(path), href=path)) for path in downloads]
    body = join([
        el("h1", "Who stands where"),
        el("p", f"{len(corpus.maps)} voices, {len(corpus.theses)} theses, {claims} claims. "
           "Each cell shows a voice's position on a thesis; choose it to read the reasons and "
           "quotes.", class_="lede"),
        _seminar_controls(),
        _legend(),
        table,
        el("section", "\n",
           el("div", el("h2", "Reasons and quotes", id="panel-title"),
              el("button", "Close", type="button", id="panel-close", class_="js-only"),
              class_="panel-head"), "\n",
           details, "\n",
           id="panel", class_="panel", aria_labelledby="panel-title"),
        _search(view),
        section("overview", "The debate at a glance",
                diagram_block(view, svg, label="Diagram: every voice and thesis, one line per "
                              "stance", root="", file="diagrams/overview_all.svg", note="",
                              rebase=True)) if svg else "",
        section("voices", "Voices", el("ul", *(_voice_item(v) for v in corpus.maps))),
        section("theses", "Theses",
                el("ul", *(_thesis_item(corpus.theses, t) for t in corpus.theses))),
        section("downloads", "Tables and diagrams", el("ul", *files)) if files else "",
    ])
    return page(title="Who stands where", body=body, root="", kind="home")


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
    for stance in voice.stances:
        thesis = view.corpus.thesis(stance.thesis)
        text = esc(thesis.text if thesis else stance.thesis)
        reasons = [el("li", claim_link(_ROOT, voice, c, here=voice.id))
                   for c in view.because(voice, stance)]
        rows.append(el("tr",
                       el("th", el("a", text, href=thesis_href(_ROOT, stance.thesis)), scope="row"),
                       el("td", badge(stance.position)),
                       el("td", el("ul", *reasons, class_="because"), _note(stance.note))))
    head = el("tr", *(el("th", name, scope="col") for name in ("Thesis", "Position", "Because")))
    caption = el("caption", f"{esc(voice.name)}’s position on each thesis it addresses")
    table = el("table", caption, el("thead", head), el("tbody", "\n", join(rows), "\n"),
               class_="stances")
    return el("div", table, class_="table-wrap")


def _diagram(view: SiteView, voice: Map, svg: str | None, note: str) -> str:
    return diagram_block(view, svg, label=f"Diagram of {voice.name}’s argument", root=_ROOT,
                         file=f"{_ROOT}diagrams/{voice.id}.svg", note=note)


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


def voice_page(view: SiteView, voice: Map, *, svg: str | None, diagram_note: str) -> str:
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
        section("diagram", "Diagram", _diagram(view, voice, svg, diagram_note)),
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
