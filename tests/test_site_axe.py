"""axe-core, the accessibility engine, run in Chromium on every kind of page the site has: no
serious or critical violation. axe-core comes from npm (tools/axe, installed by
`scripts/setup.sh --test`); without it these tests are skipped, saying so."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_site_browser as shared
from test_site_browser import Watched

from argmap.compare import Relation, diff_voices

# The built site, the browser and the skip markers are those of the other browser tests.
browser, corpus, site, browser_marks = shared.browser, shared.corpus, shared.site, shared.pytestmark

AXE = Path(__file__).resolve().parent.parent / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [*browser_marks, pytest.mark.skipif(
    not AXE.is_file(), reason="axe-core is not installed (scripts/setup.sh --test, or npm ci in tools/axe)")]


# The interactive diagrams (argmap.render.site._diagram) are checked on their own below.
DIAGRAMS = ".zoom-content"


def serious(page, *, diagrams: bool = False) -> list[str]:
    """The serious and critical violations axe finds on the page as it is now: outside the
    diagrams, or (`diagrams`) inside them only."""
    page.add_script_tag(path=str(AXE))
    context = ("{include: [['" + DIAGRAMS + "']]}" if diagrams
               else "{exclude: [['" + DIAGRAMS + "']]}")
    found = page.evaluate("""async () => {
        const result = await axe.run(""" + context + """, {resultTypes: ["violations"]});
        return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => v.id + ": " + v.help + " — " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
    }""")
    return found


def differing_pair(corpus) -> tuple[str, str]:
    for a in corpus.maps:
        for b in corpus.maps:
            if a.id < b.id and diff_voices(corpus, a.id, b.id).of(Relation.DISAGREE):
                return a.id, b.id
    return corpus.maps[0].id, corpus.maps[1].id


@pytest.fixture
def watched(browser, site):
    w = Watched(browser, site)
    yield w
    w.context.close()


def test_every_kind_of_page(watched, corpus, site):
    thesis, voice = corpus.theses[0], corpus.maps[0]
    a, b = differing_pair(corpus)
    pages = ["index.html", f"compare.html?a={a}&b={b}", "compare.html", f"voices/{voice.id}.html",
             f"theses/{thesis.id}.html", f"handouts/{thesis.id}.html",
             f"handouts/{thesis.id}-blank.html", "tables/stances.html"]
    pages += [p for p in ("matrix.html",) if (site / p).is_file()]
    found = {}
    for relative in pages:
        page = watched.open("index.html")
        page.goto(page.url.replace("index.html", relative))
        page.locator("h1").first.wait_for()
        found[relative] = serious(page)
    assert {p: [] for p in pages} == found


def test_the_table_in_use(watched, corpus):
    """With a cell's reasons open, in seminar mode with a cell revealed, and filtered."""
    page = watched.open("index.html")
    page.locator("td.reveal button.cell").first.click()
    assert [] == serious(page)
    page.keyboard.press("Escape")
    page.locator("#seminar-toggle").click()
    page.locator("[data-reveal=cell]").click()
    assert [] == serious(page)
    page.goto(page.url.split("#")[0] + f"?thesis={corpus.theses[0].id}")
    page.locator(".voice-filter summary").click()
    assert [] == serious(page)


def test_the_interactive_diagrams(watched, corpus, site):
    voice = corpus.maps[0]
    if not (site / "diagrams" / f"{voice.id}.svg").is_file():
        pytest.skip("no SVG diagrams in this build (Graphviz is not installed)")
    found = {}
    for relative in (f"voices/{voice.id}.html", f"theses/{corpus.theses[0].id}.html"):
        page = watched.open(relative)
        page.locator(DIAGRAMS).first.wait_for()
        found[relative] = serious(page, diagrams=True)
    assert {p: [] for p in found} == found
