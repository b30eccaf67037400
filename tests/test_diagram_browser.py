"""Interactive diagrams in the built site, in a real headless Chromium from file:// (issue 19):
a click on a claim shows its quote in the side panel, the keyboard does the same, hovering
shows the quote, focus dims the rest, and a diagram starts at a size its text can be read at.

Needs /usr/bin/chromium, the playwright package and Graphviz; skipped with the reason without.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argmap.build import build
from argmap.pipeline import compile_corpus
from tests.conftest import MAPS, SOURCES

CHROMIUM = Path("/usr/bin/chromium")

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = [
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed"),
    pytest.mark.skipif(not CHROMIUM.is_file(), reason=f"no Chromium at {CHROMIUM}"),
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]

THESIS = "history-main-barrier"


@pytest.fixture(scope="module")
def corpus():
    return compile_corpus([MAPS], SOURCES if SOURCES.is_dir() else None)[0]


@pytest.fixture(scope="module")
def site(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build(corpus, out)
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    opened = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("request", lambda request: requests.append(request.url))
    yield opened
    assert [] == errors
    assert [] == [url for url in requests if not url.startswith("file://")]
    context.close()


def first_quoted(corpus, voice_id: str, thesis_id: str):
    voice = corpus.map(voice_id)
    stance = voice.stance(thesis_id)
    return next(c for c in (voice.claim(r) for r in stance.because) if c and c.evidence)


def test_a_click_on_a_claim_shows_its_quotes_kind_source_and_relations(page, site, corpus):
    claim = first_quoted(corpus, "lind", THESIS)
    page.goto((site / "theses" / f"{THESIS}.html").as_uri())
    target = page.locator(f'[data-claim="lind/{claim.id}"]')
    target.scroll_into_view_if_needed()
    target.click()
    panel = page.locator(".diagram-panel")
    expect(panel.locator(".claim-text")).to_have_text(claim.text)
    quote = panel.locator("blockquote").first
    expect(quote).to_contain_text(claim.evidence[0].quote[:50])
    expect(quote).to_contain_text("reported")            # the kind, in words
    expect(quote).to_contain_text("Event Report")        # the source's title
    expect(panel).to_contain_text("A reason for the stance on")
    expect(page.locator(".diagram-panel-title")).to_be_focused()


def test_the_keyboard_opens_a_claim_and_escape_ends_focus(page, site, corpus):
    page.goto((site / "voices" / "klingner.html").as_uri())   # drawn whole, not in parts
    claims = page.locator("#diagram [data-claim]")
    shown = {claims.nth(i).get_attribute("data-claim") for i in range(claims.count())}
    # every claim of the voice, and the other voices' claims it attacks or supports
    assert {f"klingner/{c.id}" for c in corpus.map("klingner").claims} <= shown
    first = claims.first.locator("a").first
    first.focus()
    page.keyboard.press("Enter")
    panel = page.locator(".diagram-panel")
    chosen = claims.first.get_attribute("data-claim")
    text = corpus.claim_index()[chosen][1].text
    expect(panel.locator(".claim-text")).to_have_text(text)
    panel.get_by_role("button", name="Focus: this claim and its relations").click()
    dimmed = page.locator("#diagram [data-claim].dimmed")
    assert 0 < dimmed.count() < claims.count()
    expect(page.locator("#diagram .focus-status")).to_contain_text("Showing")
    page.locator("#diagram .zoom-viewport").focus()
    page.keyboard.press("Escape")
    expect(dimmed).to_have_count(0)


def test_hover_shows_the_full_quote(page, site, corpus):
    claim = first_quoted(corpus, "sahashi", THESIS)
    page.goto((site / "theses" / f"{THESIS}.html").as_uri())
    target = page.locator(f'[data-claim="sahashi/{claim.id}"]')
    target.scroll_into_view_if_needed()
    target.hover()
    tip = page.locator(".diagram-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(claim.evidence[0].quote)


def test_a_diagram_starts_where_its_text_reads(page, site):
    """Not fitted into a blank frame: claim text is shown at 14 px or more on arrival."""
    page.goto((site / "theses" / "cooperation-beyond-security.html").as_uri())
    size = page.evaluate("""() => {
        const text = document.querySelector('#diagram [data-claim] text');
        return text.getBoundingClientRect().height;
    }""")
    assert size >= 13.5   # a 14 pt label at the starting scale of 0.75 is 14 px tall or so
