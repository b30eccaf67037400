"""The home page: the agreement table (theses × voices) with its filters, seminar mode and search.

The table is built to fit a laptop or a phone: compact cells (a symbol, with the word for screen
readers), short voice labels with the full name on hover and focus, the thesis column and the
voice header kept in view while the table scrolls inside its own box. `teach.js` adds the filters
(topic, thesis, voices) and seminar mode over what the filters leave.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from argmap.model import Map, Position, Stance, Thesis
from argmap.render.site._compare import pair_chooser
from argmap.render.site._diagram import diagram_block
from argmap.render.site._html import el, esc, join, json_text, page, section, void
from argmap.render.site._pages import _note, _reasons
from argmap.render.site._parts import (
    badge,
    claim_href,
    handout_name,
    thesis_href,
    voice_href,
)
from argmap.render.site._view import KIND_LABELS, POSITION_ORDER, SiteView, label, short_labels
from argmap.render.tables import LISTED_VOICES

__all__ = ["index_page", "search_index", "search_script", "SEARCH_SCRIPT"]


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


def _mark(position: Position | None) -> str:
    """A cell's position: the symbol to see, the word to hear (the column says whose it is)."""
    lab = label(position)
    return el("span", el("span", lab.symbol, class_="sym", aria_hidden="true"),
              el("span", lab.word, class_="sr-only"), class_=f"badge {lab.css}")


def _cell(detail_id: str, voice: Map, stance: Stance | None) -> str:
    """A table cell: a button showing the position, and a "?" that seminar mode shows instead.

    Only cells with a position take part in seminar mode; silence stays visible, so a class
    guesses the positions that were taken, not the blanks."""
    return (_cell_template(stance.position if stance else None, stance is not None)
            .replace(_DETAIL, esc(detail_id)).replace(_VOICE, esc(voice.id)))


# Placeholders in the cached cell markup: no id holds a private-use character, and the HTML
# escaper carries them (it drops NUL and other controls).
_DETAIL, _VOICE = "\ue000detail\ue000", "\ue000voice\ue000"
_HREF = "\ue000href\ue000"


def _linked_cell(voice: Map, thesis: Thesis, stance: Stance | None) -> str:
    """A cell past `LISTED_VOICES` voices: a link to the stance on the voice's page (its row
    there, or the voice's stances when it is silent) instead of a panel in this page."""
    target = f"stance-{thesis.id}" if stance is not None else "stances"
    return (_linked_template(stance.position if stance else None, stance is not None)
            .replace(_HREF, esc(f"{voice_href('', voice.id)}#{target}"))
            .replace(_VOICE, esc(voice.id)))


@functools.cache
def _linked_template(position: Position | None, taken: bool) -> str:
    # The link sits inside the position, which seminar mode hides until the cell is revealed:
    # a click on a hidden cell's "?" reveals it (teach.js), a click on the position follows it.
    # (a silent cell takes no part in seminar mode, so it has no "?" to show)
    guess = (el("span", "?", class_="guess", aria_hidden="true"),
             el("span", "hidden", class_="guess sr-only")) if taken else ()
    link = el("a", _mark(position), href=_HREF)
    css = label(position).css + (" reveal" if taken else "")
    return el("td", el("span", link, class_="pos"), *guess, class_=css, data_voice=_VOICE)


@functools.cache
def _cell_template(position: Position | None, taken: bool) -> str:
    """A cell's markup with stand-ins for its ids: made once for each of the four positions and
    filled in for each cell (50,000 cells on the home page of 1,000 voices)."""
    button = el("button", el("span", _mark(position), class_="pos"),
                el("span", "?", class_="guess", aria_hidden="true"),
                el("span", "hidden", class_="guess sr-only"),
                type="button", class_="cell", data_detail=_DETAIL, aria_controls="panel",
                aria_expanded="false")
    css = label(position).css + (" reveal" if taken else "")
    return el("td", button, class_=css, data_voice=_VOICE)


def _voice_head(voice: Map, short: str) -> str:
    """A narrow column head: the short label, the full name in a tip on hover and focus."""
    # (the name read out starts with the label seen, as WCAG 2.5.3 asks)
    link = el("a", el("span", esc(short), class_="short"),
              el("span", f" ({esc(voice.name)})", class_="sr-only"), href=voice_href("", voice.id))
    tip = el("span", esc(voice.name), class_="tip", aria_hidden="true")
    return el("th", link, tip, scope="col", class_="voice", data_voice=voice.id)


def _table(view: SiteView) -> tuple[str, str]:
    """The theses × voices table and the details each of its cells opens (none past
    `LISTED_VOICES` voices: there each cell links to the voice's page, so the page grows by a
    small cell, not by a panel of reasons and quotes, per voice and thesis)."""
    corpus = view.corpus
    linked = len(corpus.maps) > LISTED_VOICES
    shorts = short_labels(list(corpus.maps))
    head = [el("th", "Thesis", scope="col", class_="corner")]
    head += [_voice_head(v, shorts[v.id]) for v in corpus.maps]
    rows, details = [], []
    for row, thesis in enumerate(corpus.theses):
        topic = f" {el('span', esc(thesis.topic), class_='topic')}" if thesis.topic else ""
        cells = [el("th", el("a", esc(thesis.text), href=thesis_href("", thesis.id)), topic,
                    scope="row")]
        for column, voice in enumerate(corpus.maps):
            stance = view.stance(voice, thesis.id)
            if linked:
                cells.append(_linked_cell(voice, thesis, stance))
                continue
            detail_id = f"d-{row}-{column}"
            cells.append(_cell(detail_id, voice, stance))
            details.append(_cell_detail(view, detail_id, thesis, voice, stance))
        rows.append(el("tr", *cells, data_thesis=thesis.id, data_topic=thesis.topic or "",
                       data_blank=handout_name(corpus.theses, thesis.id, blank=True)))
    choose = ("Choose a cell for the voice’s page, with the claims and quotes behind it." if linked
              else "Choose a cell to see the claims and quotes behind it.")
    caption = el("caption", f"Where each voice stands on each thesis. {choose}",
                 id="table-caption")
    table = el("table", "\n", caption, "\n", el("thead", el("tr", *head)), "\n",
               el("tbody", "\n", join(rows), "\n"), "\n", class_="agreement")
    wrapped = el("div", table, class_="table-wrap", role="region",
                 aria_labelledby="table-caption", tabindex="0")
    return wrapped, join(details)


def _filters(view: SiteView) -> str:
    """Which theses and voices the table shows (and seminar mode plays with)."""
    corpus = view.corpus
    topics = sorted({t.topic for t in corpus.theses if t.topic})
    topic = el("label", "Topic ", el("select", el("option", "All topics", value=""),
                                     *(el("option", esc(t), value=t) for t in topics),
                                     id="filter-topic")) if topics else ""
    thesis = el("label", "Thesis ", el("select", el("option", "All theses", value=""),
                                       *(el("option", esc(t.text), value=t.id)
                                         for t in corpus.theses),
                                       id="filter-thesis"))
    boxes = [el("li", el("label", void("input", type="checkbox", value=v.id, checked=True,
                                       class_="filter-voice"), " ", esc(v.name)))
             for v in corpus.maps]
    voices = el("details",
                el("summary", "Voices ", el("span", f"({len(corpus.maps)} of {len(corpus.maps)})",
                                            id="voices-count")),
                el("fieldset", el("legend", "Show these voices", class_="sr-only"),
                   el("p", el("button", "All", type="button", id="voices-all"), " ",
                      el("button", "None", type="button", id="voices-none")),
                   el("ul", *boxes, class_="voice-boxes")),
                class_="voice-filter")
    return el("div", topic, thesis, voices, el("span", id="filter-status", class_="muted",
                                               role="status"),
              class_="filters js-only", role="group", aria_label="What the table shows")


def _seminar_controls() -> str:
    return el(
        "div",
        el("button", "Seminar mode", type="button", id="seminar-toggle", aria_pressed="false"),
        el("span", el("button", "Reveal next cell", type="button", data_reveal="cell"),
           el("button", "Reveal next row", type="button", data_reveal="row"),
           el("button", "Reveal next column", type="button", data_reveal="column"),
           el("button", "Reveal all", type="button", data_reveal="all"),
           el("a", "Blank handout for this selection", id="seminar-handout", hidden=True),
           id="seminar-tools", class_="seminar-tools", hidden=True),
        el("span", id="seminar-status", class_="muted", role="status"),
        class_="toolbar js-only", role="group", aria_label="Seminar mode",
    )


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


SEARCH_SCRIPT = "search.js"


def search_script(view: SiteView) -> str:
    """The search index as the script `search.js`, which the home page loads: a file of its own,
    so that the home page of many voices (16 MB at 1,000) is not made again when a claim's
    words change, only this."""
    return f"window.argmapSearch = {json_text(search_index(view))};\n"


def _search() -> str:
    no_script = el("p", "Search needs JavaScript; every claim and quote is on its voice's page.")
    box = el("div",
             el("label", "Words to find", for_="search-box"), " ",
             void("input", type="search", id="search-box", autocomplete="off", spellcheck="false"),
             el("p", id="search-status", class_="muted", role="status"),
             el("ol", id="search-results", class_="results"),
             class_="js-only")
    return section("search", "Search claims and quotes", el("noscript", no_script), box,
                   el("script", src=SEARCH_SCRIPT))


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


_OVERVIEW_DOT = "diagrams/overview_all.dot"


def _download(path: str) -> str:
    """A download's link; a diagram offered as DOT (too large for the build to lay out,
    `argmap.render.layout_limit`) says why, and how to draw it."""
    link = el("a", esc(path), href=path)
    if not path.endswith(".dot"):
        return el("li", link)
    from argmap.render.layout_limit import LAYOUT_LIMIT, by_hand

    name = path.removeprefix("diagrams/").removesuffix(".dot")
    return el("li", link, el(
        "span", f" (not laid out: more than {LAYOUT_LIMIT:,} nodes and links, too large for "
        "the build to lay out or for a screen to show legibly; to draw it, run ",
        el("code", esc(by_hand(name))), " in this folder, which may take minutes)",
        class_="muted"))


def index_page(view: SiteView, *, downloads: Sequence[str] = (), svg: str | None = None) -> str:
    corpus = view.corpus
    table, details = _table(view)
    claims = sum(len(v.claims) for v in corpus.maps)
    files = [_download(path) for path in downloads]
    undrawn_overview = svg is None and _OVERVIEW_DOT in downloads
    body = join([
        el("h1", "Who stands where"),
        el("p", f"{len(corpus.maps)} voices, {len(corpus.theses)} theses, {claims} claims. "
           "Each cell shows a voice's position on a thesis; choose it to read the reasons and "
           "quotes.", class_="lede"),
        _filters(view),
        _seminar_controls(),
        _legend(),
        table,
        el("section", "\n",
           el("div", el("h2", "Reasons and quotes", id="panel-title"),
              el("button", "Close", type="button", id="panel-close", class_="js-only"),
              class_="panel-head"), "\n",
           details, "\n",
           id="panel", class_="panel", aria_labelledby="panel-title")
        if len(corpus.maps) <= LISTED_VOICES else "",   # past it, cells link to voice pages
        pair_chooser(view, root="", heading="Compare two voices"),
        _search(),
        section("overview", "The debate at a glance",
                diagram_block(view, svg, label="Diagram: every voice and thesis, one line per "
                              "stance", root="", file="diagrams/overview_all.svg", note="",
                              rebase=True)) if svg else
        section("overview", "The debate at a glance",
                el("p", "The overview of every voice and thesis is not drawn: it is too large "
                   "for a build to lay out or for a screen to show legibly. Its DOT source is "
                   "offered under ", el("a", "Tables and diagrams", href="#downloads"), ".",
                   class_="note")) if undrawn_overview else "",
        section("voices", "Voices", el("ul", *(_voice_item(v) for v in corpus.maps))),
        section("theses", "Theses",
                el("ul", *(_thesis_item(corpus.theses, t) for t in corpus.theses))),
        section("downloads", "Tables and diagrams", el("ul", *files)) if files else "",
    ])
    return page(title="Who stands where", body=body, root="", kind="home")
