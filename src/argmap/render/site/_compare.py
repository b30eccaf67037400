"""The pair page: any two voices side by side, where they agree, differ and only one speaks.

One page, `compare.html`, serves every pair: `compare.html?a=lind&b=yeo`. It holds each voice's
stances with their reasons and quotes once (so its size grows with the corpus, not with the
number of pairs: 16 voices make 120 pairs, 300 voices 44,850) and `teach.js` lays out the chosen
pair in the grouping `argmap diff` uses. The relation rule (agree, disagree, partial, only one)
is DESIGN.md's; tests/test_site_browser.py checks the page against `compare.diff_voices` for
every pair of the shipped corpus.
"""

from __future__ import annotations

from typing import Any

from argmap.model import Map
from argmap.render.site._html import el, esc, external_href, json_script, page, void
from argmap.render.site._parts import claim_href, thesis_href, voice_href
from argmap.render.site._view import (
    KIND_LABELS,
    POSITION_ORDER,
    SiteView,
    label,
    short_labels,
    source_dates,
)
from argmap.render.tables import LISTED_VOICES

__all__ = ["compare_page", "pair_chooser", "COMPARE_PAGE"]

COMPARE_PAGE = "compare.html"

# The groups of a pair page, in the order `argmap diff` prints them.
_GROUPS = (
    ("disagree", "Where they disagree", "One agrees with the thesis, the other disagrees."),
    ("partial", "Where they partly agree", "One of them is mixed on the thesis."),
    ("agree", "Where they agree", "Both take the same position."),
    ("only-a", "Only {a} speaks", "{b} takes no stance on these: silence is not disagreement."),
    ("only-b", "Only {b} speaks", "{a} takes no stance on these: silence is not disagreement."),
)


def _voice_data(view: SiteView, voice: Map, short: str) -> dict[str, Any]:
    stances: dict[str, Any] = {}
    for stance in voice.stances:
        reasons = [{"t": claim.text, "u": claim_href("", voice.id, claim.id),
                    "e": [{"q": e.quote, "k": KIND_LABELS[e.kind],
                           "s": voice.source_of(e) or ""} for e in claim.evidence]}
                   for claim in view.because(voice, stance)]
        stances[stance.thesis] = {"p": stance.position.value, "n": stance.note or "", "r": reasons}
    return {"id": voice.id, "name": voice.name, "short": short, "u": voice_href("", voice.id),
            "dates": source_dates(view.corpus, voice), "stances": stances}


def compare_data(view: SiteView) -> dict[str, Any]:
    """What the pair page needs, keyed short because it sits in the page."""
    corpus = view.corpus
    shorts = short_labels(list(corpus.maps))
    labels = {(p.value if p else "silent"): [label(p).symbol, label(p).word, label(p).css]
              for p in (*POSITION_ORDER, None)}
    sources = {s.id: {"t": s.title or s.id, "u": external_href(s.url) or "",
                      "d": ", ".join(str(x) for x in (s.author, s.publisher, s.date) if x)}
               for s in corpus.sources}
    return {
        "theses": [{"id": t.id, "t": t.text, "u": thesis_href("", t.id)}
                   for t in sorted(corpus.theses, key=lambda t: t.id)],
        "voices": [_voice_data(view, v, shorts[v.id]) for v in corpus.maps],
        "sources": sources,
        "labels": labels,
        "groups": [list(g) for g in _GROUPS],
    }


def pair_chooser(view: SiteView, *, root: str, fixed: Map | None = None, heading: str) -> str:
    """A form that opens the pair page: two voices to choose, or one when `fixed` is this page's.

    A plain GET form, so it works without script: the browser opens `compare.html?a=..&b=..`.
    Past `LISTED_VOICES` voices a voice's page links to the pair page with it chosen instead.
    """
    maps = view.corpus.maps
    if len(maps) < 2:
        return ""

    def choice(name: str, text: str, chosen: str | None, skip: str | None = None) -> str:
        options = [el("option", esc(v.name), value=v.id, selected=v.id == chosen)
                   for v in maps if v.id != skip]
        return el("label", text, " ", el("select", *options, name=name, id=f"pair-{name}"))

    if fixed is not None and len(maps) > LISTED_VOICES:
        # a list of every other voice on every voice's page is voices squared options (50 MB at
        # 1,000 voices): the pair page has the one list, with this voice chosen
        link = el("a", f"Compare {esc(fixed.name)} with another voice",
                  href=f"{root}{COMPARE_PAGE}?a={fixed.id}")
        return el("div", el("h2", heading, id="pair-form-h"), el("p", link), class_="pair-chooser")
    if fixed is not None:
        others = [v for v in maps if v.id != fixed.id]
        fields = [void("input", type="hidden", name="a", value=fixed.id),
                  choice("b", f"Compare {esc(fixed.name)} with", others[0].id, skip=fixed.id)]
    else:
        fields = [choice("a", "Voice", maps[0].id), " ",
                  choice("b", "and voice", maps[1].id)]
    return el("form", el("h2", heading, id="pair-form-h"), *fields, " ",
              el("button", "Compare", type="submit"),
              action=f"{root}{COMPARE_PAGE}", method="get", class_="pair-chooser",
              aria_labelledby="pair-form-h")


def compare_page(view: SiteView) -> str:
    no_script = el("p", "The pair page needs JavaScript. Without it, each voice’s page lists its "
                   "stances with their reasons, and `argmap diff A B` prints the same comparison.")
    body = "\n".join([
        el("p", el("a", "All voices", href="index.html#voices"), class_="crumbs"),
        el("h1", "Compare two voices", id="pair-title"),
        el("p", "Where two voices agree, where they differ, and where only one of them speaks, "
           "with the claims and quotes behind each position.", class_="lede"),
        pair_chooser(view, root="", heading="Choose two voices"),
        el("noscript", no_script),
        el("div", id="pair", class_="pair", aria_live="polite"),
        json_script("pair-data", compare_data(view)),
    ])
    return page(title="Compare two voices", body=body, root="", kind="compare")
