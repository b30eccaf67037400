"""The built site in a real headless Chromium, opened from file:// as a teacher would open it.

Needs the system Chromium (`apt-get install chromium`, at /usr/bin/chromium) and the Playwright
package (the `test` extra); Playwright's own browser download is never used. Without either the
tests are skipped, saying which is missing.
"""

from __future__ import annotations

import queue
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from argmap.build import build
from argmap.pipeline import compile_corpus

from conftest import MAPS, SOURCES

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = [
    pytest.mark.skipif(
        sync_playwright is None, reason="playwright is not installed (pip install -e '.[test]')"
    ),
    pytest.mark.skipif(
        not CHROMIUM.is_file(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def corpus():
    loaded, _warnings = compile_corpus([MAPS], SOURCES if SOURCES.is_dir() else None)
    return loaded


@pytest.fixture(scope="module")
def site(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build(corpus, out, diagrams=shutil.which("dot") is not None)
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page that records every request it makes and every console error or uncaught exception."""

    def __init__(self, browser, site: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.site = site
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, relative: str):
        self.page.goto((self.site / relative).as_uri())
        return self.page

    def assert_clean(self) -> None:
        assert [] == [url for url in self.requests if not url.startswith("file://")]
        assert [] == self.errors


@pytest.fixture
def watched(browser, site):
    w = Watched(browser, site)
    yield w
    w.context.close()


def detail_of(corpus, detail_id: str):
    """The thesis, voice and stance behind the cell whose details are `detail_id` (d-row-col)."""
    row, column = (int(n) for n in detail_id.split("-")[1:])
    thesis, voice = corpus.theses[row], corpus.maps[column]
    return thesis, voice, voice.stance(thesis.id)


class TestAgreementTable:
    def test_a_cell_opens_its_claims_and_quotes(self, watched, corpus):
        page = watched.open("index.html")
        cell = page.locator("td.pos-agree button.cell, td.pos-disagree button.cell").first
        _thesis, voice, stance = detail_of(corpus, cell.get_attribute("data-detail"))
        claim = voice.claim(stance.because[0])
        cell.click()
        panel = page.locator("#panel")
        expect(panel).to_be_visible()
        expect(cell).to_have_attribute("aria-expanded", "true")
        shown = panel.locator(".detail.shown")
        expect(shown).to_have_count(1)
        expect(shown).to_contain_text(claim.text)
        if claim.evidence:
            expect(shown.locator("blockquote").first).to_contain_text(claim.evidence[0].quote[:60])
        page.keyboard.press("Escape")
        expect(panel).to_be_hidden()
        expect(cell).to_be_focused()
        watched.assert_clean()

    def test_keyboard_reaches_and_opens_a_cell(self, watched):
        page = watched.open("index.html")
        page.keyboard.press("Tab")
        skip = page.locator("a.skip-link")
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()
        page.keyboard.press("Enter")
        cell = page.locator("button.cell").first
        cell.focus()
        page.keyboard.press("Enter")
        expect(page.locator("#panel .detail.shown")).to_have_count(1)
        outline = page.evaluate("getComputedStyle(document.querySelector('#panel-close')).display")
        assert "none" != outline
        watched.assert_clean()

    def test_focus_is_visible(self, watched):
        page = watched.open("index.html")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth]; })()"
        )
        assert ["solid", "3px"] == style


class TestSearch:
    def test_finds_a_quote_and_links_to_it(self, watched, corpus):
        voice, claim = next((m, c) for m, c in corpus.claims() if c.evidence)
        quote = claim.evidence[0].quote
        words = " ".join(re.findall(r"\w+", quote)[:4])
        page = watched.open("index.html")
        page.fill("#search-box", words)
        results = page.locator("#search-results li")
        expect(results.first).to_be_visible()
        hit = page.locator("#search-results a", has_text=quote[:40]).first
        expect(hit).to_be_visible()
        expect(page.locator("#search-status")).to_contain_text("match")
        hit.click()
        page.wait_for_url(re.compile(rf"voices/{voice.id}\.html#claim-"))
        expect(page.locator(":target")).to_contain_text(quote[:40])
        watched.assert_clean()

    def test_nothing_found_says_so(self, watched):
        page = watched.open("index.html")
        page.fill("#search-box", "zzqxj-no-such-words")
        expect(page.locator("#search-status")).to_have_text("Nothing found.")
        expect(page.locator("#search-results li")).to_have_count(0)
        watched.assert_clean()


class TestSeminarMode:
    def test_hides_every_position_taken_and_reveals_one_by_one(self, watched, corpus):
        page = watched.open("index.html")
        toggle = page.locator("#seminar-toggle")
        toggle.click()
        expect(toggle).to_have_attribute("aria-pressed", "true")
        # silence stays in view: only the positions taken are hidden
        total = sum(len(m.stances) for m in corpus.maps)
        expect(page.locator("td.reveal .pos:visible")).to_have_count(0)
        expect(page.locator("td.pos-silent .pos:visible")).to_have_count(
            len(corpus.theses) * len(corpus.maps) - total)
        expect(page.locator("#seminar-status")).to_have_text(f"0 of {total} positions revealed")

        page.locator("[data-reveal=cell]").click()
        first = page.locator("td.reveal").first
        expect(first).to_have_class(re.compile(r"\brevealed\b"))
        expect(first.locator(".pos")).to_be_visible()
        expect(page.locator("td.reveal .pos:visible")).to_have_count(1)

        # A hidden cell reveals itself on the first click and opens its reasons on the second.
        other = page.locator("td.reveal").nth(total - 1)
        other.locator("button").click()
        expect(other.locator(".pos")).to_be_visible()
        expect(page.locator("#panel")).to_be_hidden()
        other.locator("button").click()
        expect(page.locator("#panel")).to_be_visible()
        expect(page.locator("#seminar-status")).to_have_text(f"2 of {total} positions revealed")

        page.keyboard.press("Escape")
        toggle.click()
        expect(page.locator("td.reveal .pos:visible")).to_have_count(total)
        watched.assert_clean()

    def test_opens_in_seminar_mode_from_the_address(self, watched):
        page = watched.open("index.html")
        page.goto(page.url + "#seminar")
        page.reload()
        expect(page.locator("#seminar-toggle")).to_have_attribute("aria-pressed", "true")
        watched.assert_clean()


class TestPages:
    def test_screenshot_of_the_home_page(self, watched, tmp_path):
        page = watched.open("index.html")
        page.locator("button.cell").nth(1).click()
        target = tmp_path / "home.png"
        page.screenshot(path=str(target), full_page=False)
        data = target.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (1280, 900) == (width, height)
        assert len(data) > 20_000
        watched.assert_clean()

    def test_every_page_loads_offline_without_errors(self, watched, site):
        pages = [site / "index.html"] + sorted(
            p for folder in ("voices", "theses", "handouts") for p in (site / folder).glob("*.html")
        )
        assert len(pages) > 3
        for path in pages:
            page = watched.open(str(path.relative_to(site)))
            expect(page.locator("h1").first).to_be_visible()
            assert "js" in page.evaluate("document.documentElement.className")
        watched.assert_clean()

    def test_a_handout_prints_on_one_a4_page(self, watched, corpus):
        """The thesis with the fewest voices and the one with the most (ten in the shipped
        corpus, which printed smaller), full and blank."""
        def voices(t):
            return sum(1 for m in corpus.maps if m.stance(t.id))

        fewest, most = min(corpus.theses, key=voices), max(corpus.theses, key=voices)
        names = [f"handouts/{t.id}{blank}.html" for t in (fewest, most) for blank in ("", "-blank")]
        for name in names:
            page = watched.open(name)
            pdf = page.pdf(prefer_css_page_size=True)
            assert 1 == len(re.findall(rb"/Type\s*/Page\b", pdf)), name
            box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf)
            assert (595, 842) == (round(float(box.group(1))), round(float(box.group(2))))
        watched.assert_clean()

    def test_the_diagram_zooms_and_pans(self, watched, corpus, site):
        voice = corpus.maps[0]
        if not (site / "diagrams" / f"{voice.id}.svg").is_file():
            pytest.skip("no SVG diagrams in this build (Graphviz is not installed)")
        page = watched.open(f"voices/{voice.id}.html")
        content = page.locator(".zoom-content")
        before = content.get_attribute("style")
        page.locator("button[data-zoom=in]").click()
        after = content.get_attribute("style")
        assert before != after and "scale(" in after
        page.locator(".zoom-viewport").focus()
        page.keyboard.press("ArrowLeft")
        assert after != content.get_attribute("style")
        watched.assert_clean()


class TestWatch:
    """`argmap build --watch` as a teacher uses it: the page open in the browser shows an edit
    once the map is saved, with no reload by hand."""

    @staticmethod
    def lines_of(stream) -> queue.Queue:
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True).start()
        return lines

    def test_an_open_page_shows_a_saved_edit(self, browser, tmp_path):
        pytest.importorskip("watchfiles")
        maps = tmp_path / "maps"
        shutil.copytree(MAPS, maps)
        sources = ["--sources", str(SOURCES)] if SOURCES.is_dir() else []
        watcher = subprocess.Popen(
            [sys.executable, "-m", "argmap", "build", str(maps), *sources, "-o",
             str(tmp_path / "site"), "--no-diagrams", "--watch", "--port", "0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        context = browser.new_context()
        try:
            said = self.lines_of(watcher.stderr)
            url = None
            while url is None:
                line = said.get(timeout=60)
                found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
                url = found.group(1) if found else None
            page = context.new_page()
            page.goto(url + "voices/lind.html")
            claims = page.locator("h3.claim-text")
            expect(claims.first).to_be_visible()
            assert "Edited while watched" not in page.content()

            lind = maps / "lind.yaml"
            marker = "    text: >-\n      "
            text = lind.read_text(encoding="utf-8")
            assert marker in text
            lind.write_text(text.replace(marker, marker + "Edited while watched: ", 1),
                            encoding="utf-8")
            expect(claims.filter(has_text="Edited while watched")).to_have_count(1, timeout=30_000)
            # the built file itself has no reload script: only the watch server adds it
            assert "__argmap" not in (tmp_path / "site" / "voices" / "lind.html").read_text()
        finally:
            context.close()
            watcher.terminate()
            watcher.wait(timeout=20)


class TestManyVoices:
    """Past 50 voices a cell is a link to the voice's page; seminar mode still uncovers first."""

    def test_a_hidden_cell_uncovers_then_its_position_leads_to_the_stance(self, browser, tmp_path):
        from test_site import _many_voices

        build(_many_voices(51), tmp_path, diagrams=False)
        watched = Watched(browser, tmp_path)
        try:
            page = watched.open("index.html")
            page.locator("#seminar-toggle").click()
            cell = page.locator("td.reveal").first
            expect(cell.locator(".pos")).to_be_hidden()
            cell.locator(".guess").first.click()
            expect(cell.locator(".pos")).to_be_visible()
            assert page.url.endswith("/index.html")
            cell.locator(".pos a").click()
            page.wait_for_url(re.compile(r"/voices/v000\.html#stance-t0$"))
            expect(page.locator("#stance-t0")).to_be_visible()
            watched.assert_clean()
        finally:
            watched.context.close()
