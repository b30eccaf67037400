"""The agreement picture (`matrix.html`): who agrees with whom, as a shaded grid of voices.

Each square is a pair of voices: the number of theses they agree on out of those both address,
shaded by that share, so the eye finds the close and the opposed pairs and the number says how
much it rests on. Voices are ordered by the average-linkage tree `argmap matrix --clusters` cuts
into camps, so a camp is a block along the diagonal; the camps are named by what their members
share. Numbers are written in every square: colour is never the only way to read it.

Past `LISTED_VOICES` voices the grid (voices squared squares: a million at 1,000 voices) is not
drawn, as `argmap matrix` stops listing every pair: the page lists the closest and the most
opposed pairs, each linked to the pair page, and the camps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

import attrs

from argmap.compare import Camp, Matrix, Pair, linkage
from argmap.model import Corpus
from argmap.render.site._compare import COMPARE_PAGE
from argmap.render.site._html import el, esc, join, page, section
from argmap.render.site._parts import voice_href
from argmap.render.site._view import SiteView, short_labels
from argmap.render.tables import (
    LISTED_VOICES,
    MEASURES,
    camp_name,
    closest_pairs,
    matrix_and_camps,
    most_opposed_pairs,
)

__all__ = ["picture_page", "cluster_order", "PICTURE_PAGE", "PictureSummary", "picture_summary"]

PICTURE_PAGE = "matrix.html"
_STEPS = 5   # shades of agreement, from "never" to "always"
_EXTREMES = 10   # pairs listed at each end when there are too many voices for the grid


@attrs.frozen(kw_only=True)
class PictureSummary:
    """What the page shows past `LISTED_VOICES`, by voice and thesis id only: how many voices
    and pairs, the camps, the pairs at either end. It depends on the voices' sides alone, not
    on their names or the theses' words, so a build can keep it (seconds to make at 1,000
    voices) while a thesis is reworded or a voice renamed."""

    voices: int
    pairs: int
    camps: tuple[Camp, ...]
    closest: tuple[Pair, ...]
    opposed: tuple[Pair, ...]


def picture_summary(corpus: Corpus) -> PictureSummary:
    matrix, camps = matrix_and_camps(corpus)
    return PictureSummary(voices=len(matrix.voices), pairs=len(matrix.pairs), camps=camps,
                          closest=tuple(closest_pairs(matrix, _EXTREMES)),
                          opposed=tuple(most_opposed_pairs(matrix, _EXTREMES)))


def cluster_order(matrix: Matrix) -> list[str]:
    """The voices in the leaf order of the average-linkage tree: close voices side by side."""
    order: dict[tuple[str, ...], list[str]] = {(v.id,): [v.id] for v in matrix.voices}
    for merge in linkage(matrix):
        order[tuple(sorted(merge.left + merge.right))] = order.pop(merge.left) + order.pop(merge.right)
    return [v for group in sorted(order) for v in order[group]]


def _square(pair: Pair | None, a: str, b: str, names: dict[str, str]) -> str:
    if a == b:
        return el("td", el("span", "—", aria_hidden="true"),
                  el("span", "same voice", class_="sr-only"), class_="self")
    assert pair is not None
    if not pair.both:
        return el("td", el("span", "·", aria_hidden="true"),
                  el("span", "no thesis in common", class_="sr-only"), class_="none")
    share = Fraction(pair.agree, pair.both)
    shade = round(share * (_STEPS - 1))
    said = f"{names[a]} and {names[b]} agree on {pair.agree} of the {pair.both} theses both address"
    link = el("a", f"{pair.agree}/{pair.both}", el("span", f": {esc(said)}", class_="sr-only"),
              href=f"{COMPARE_PAGE}?a={a}&b={b}", title=said)
    return el("td", link, class_=f"shade-{shade}")


def _grid(view: SiteView, matrix: Matrix, order: list[str]) -> str:
    names = {v.id: v.name for v in view.corpus.maps}
    shorts = short_labels(list(view.corpus.maps))
    head = [el("th", el("span", "Voice", class_="sr-only"), scope="col", class_="corner")]
    head += [el("th", el("a", esc(shorts[v]), el("span", f" ({esc(names[v])})", class_="sr-only"),
                         href=voice_href("", v), title=names[v]), scope="col", class_="voice")
             for v in order]
    rows = []
    for a in order:
        cells = [el("th", el("a", esc(shorts[a]), el("span", f" ({esc(names[a])})", class_="sr-only"),
                            href=voice_href("", a), title=names[a]), scope="row")]
        cells += [_square(matrix.pair(a, b) if a != b else None, a, b, names) for b in order]
        rows.append(el("tr", *cells))
    caption = el("caption", "Agreement between voices: in each square, the theses the two agree "
                 "on out of those both address. Darker squares agree more. Choose a square to "
                 "compare the two.", id="picture-caption")
    table = el("table", caption, el("thead", el("tr", *head)), el("tbody", "\n", join(rows), "\n"),
               class_="picture")
    return el("div", table, class_="picture-wrap", role="region",
              aria_labelledby="picture-caption", tabindex="0")


def _key() -> str:
    steps = [el("li", el("span", class_=f"swatch shade-{n}", aria_hidden="true"), " ", words)
             for n, words in enumerate(("never agree", "rarely", "about half the time",
                                        "mostly", "always agree"))]
    return el("ul", *steps, class_="shade-key", aria_label="Shades")


def _measures() -> str:
    items = [el("li", el("strong", esc(name)), ": ", esc(meaning.replace("`", "")))
             for name, meaning in MEASURES]
    return el("ul", *items, class_="measures")


def _camps(view: SiteView, camps: Sequence[Camp]) -> str:
    texts = {t.id: t.text for t in view.corpus.theses}
    names = {v.id: v.name for v in view.corpus.maps}
    groups = [c for c in camps if len(c.voices) > 1]
    items = [el("li", el("p", el("strong", esc(camp_name(c, lambda t: f"“{texts[t]}”")))),
                el("p", ", ".join(el("a", esc(names[v]), href=voice_href("", v)) for v in c.voices),
                   el("span", f" · spread {c.spread:.2f}" if c.spread is not None else "",
                      class_="muted")))
             for c in groups]
    alone = [el("a", esc(names[c.voices[0]]), href=voice_href("", c.voices[0]))
             for c in camps if len(c.voices) == 1]
    return join([
        el("p", "Camps join voices whose average edit distance is at most 0.5: on average they "
           "differ on at most half of the theses either group addresses. Each camp is named by "
           "the positions all its members take.", class_="muted"),
        el("ol", *items, class_="camps") if items else el("p", "No camps: every voice is on its own."),
        el("p", "On their own: ", ", ".join(alone)) if alone else "",
    ])


def _extremes(view: SiteView, summary: PictureSummary) -> str:
    """The closest and most opposed pairs, for a corpus with too many voices for the grid."""
    names = {v.id: v.name for v in view.corpus.maps}

    def listed(pairs: list[Pair]) -> str:
        if not pairs:
            return el("p", "None.", class_="muted")
        return el("ol", *(el("li", el("a", f"{esc(names[p.a])} and {esc(names[p.b])}",
                                      href=f"{COMPARE_PAGE}?a={p.a}&b={p.b}"),
                             f": agree on {p.agree} of the {p.both} theses both address")
                          for p in pairs), class_="pairs")

    return join([
        el("p", f"{summary.voices:,} voices make {summary.pairs:,} pairs: too many squares "
           f"to read (the grid is drawn up to {LISTED_VOICES} voices). Here are the pairs at either "
           "end; ", el("a", "tables/matrix.csv", href="tables/matrix.csv"), " has every pair.",
           class_="lede"),
        section("closest", "Closest pairs", el("p", "Lowest hamming; ties: more theses in common.",
                                               class_="muted"),
                listed(list(summary.closest))),
        section("opposed", "Most opposed pairs", el("p", "Highest hamming.", class_="muted"),
                listed(list(summary.opposed))),
    ])


def picture_page(view: SiteView, summary: Callable[[], PictureSummary] | None = None) -> str:
    """The page; past `LISTED_VOICES`, `summary` gives what it shows (else it is computed)."""
    if len(view.corpus.maps) > LISTED_VOICES:
        found = summary() if summary is not None else picture_summary(view.corpus)
        picture, camps = _extremes(view, found), found.camps
    else:
        matrix, camps = matrix_and_camps(view.corpus)
        picture = join([
            el("p", "Each square is a pair of voices. Voices that agree with each other stand side "
               "by side, so a camp shows as a dark block along the diagonal.", class_="lede"),
            _key(),
            _grid(view, matrix, cluster_order(matrix)),
        ])
    body = join([
        el("h1", "Who agrees with whom"),
        picture,
        section("measures", "What the numbers mean", _measures(),
                el("p", "The same numbers for every pair are in ",
                   el("a", "tables/matrix.md", href="tables/matrix.md"), " and ",
                   el("a", "tables/matrix.csv", href="tables/matrix.csv"), ".")),
        section("camps", "Camps", _camps(view, camps)),
    ])
    return page(title="Who agrees with whom", body=body, root="", kind="picture")
