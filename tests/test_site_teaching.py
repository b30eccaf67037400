"""The site in a seminar room, in headless Chromium at a laptop's and a phone's size: the table
fits, its header stays in view, the pair page shows two voices' quotes, seminar mode plays one
thesis or a few voices, and the blank handout matches the selection."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
import test_site_browser as shared
from test_site_browser import Watched

from argmap.compare import Relation, diff_voices

# The built site, the browser and the skip markers are those of the other browser tests.
browser, corpus, site, pytestmark = shared.browser, shared.corpus, shared.site, shared.pytestmark

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - skipped by pytestmark
    expect = None


@pytest.fixture(params=[LAPTOP, PHONE], ids=["1366x768", "390x844"])
def screen(request, browser, site):
    w = Watched(browser, site)
    w.page.set_viewport_size(request.param)
    yield w
    w.context.close()


@pytest.fixture
def laptop(browser, site):
    w = Watched(browser, site)
    w.page.set_viewport_size(LAPTOP)
    yield w
    w.context.close()


def page_scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


def a_pair(corpus):
    """Two voices that disagree or partly agree somewhere and each quote something."""
    for a in corpus.maps:
        for b in corpus.maps:
            if a.id < b.id:
                diff = diff_voices(corpus, a.id, b.id)
                if diff.of(Relation.DISAGREE) or diff.of(Relation.PARTIAL):
                    return diff
    pytest.skip("no two voices differ in this corpus")


class TestFits:
    def test_no_page_scrolls_sideways(self, screen, site):
        pages = ["index.html", "compare.html", "tables/stances.html"]
        pages += sorted(str(p.relative_to(site)) for folder in ("voices", "theses", "handouts")
                        for p in (site / folder).glob("*.html"))
        wide = []
        for relative in pages:
            page = screen.open(relative)
            if page_scrolls_sideways(page):
                wide.append(relative)
        assert [] == wide
        screen.assert_clean()

    def test_pair_page_fits(self, screen, corpus):
        diff = a_pair(corpus)
        page = screen.open("compare.html")
        page.goto(page.url + f"?a={diff.a.id}&b={diff.b.id}")
        expect(page.locator(".pair-item").first).to_be_visible()
        assert not page_scrolls_sideways(page)
        screen.assert_clean()

    def test_header_and_thesis_column_stay_in_view_while_the_table_scrolls(self, screen):
        page = screen.open("index.html")
        wrap = page.locator(".table-wrap")
        wrap.scroll_into_view_if_needed()
        head = page.locator("thead th.voice").nth(1)
        wrap.evaluate("w => { w.scrollTop = 600; w.scrollLeft = 400; }")
        assert wrap.evaluate("w => w.scrollTop") > 0
        box, after = wrap.bounding_box(), head.bounding_box()
        assert box["y"] <= after["y"] <= box["y"] + 5                # the header is at the top
        corner = page.locator("thead th.corner").bounding_box()
        assert corner["x"] == pytest.approx(box["x"] + 1, abs=2)    # the thesis column stays left
        row_head = page.locator("tbody th").nth(10).bounding_box()
        assert row_head["x"] == pytest.approx(corner["x"], abs=1)
        assert not page_scrolls_sideways(page)
        screen.assert_clean()

    def test_the_full_name_shows_on_keyboard_focus(self, laptop, corpus):
        page = laptop.open("index.html")
        head = page.locator("thead th.voice").first
        tip = head.locator(".tip")
        expect(tip).to_be_hidden()
        head.locator("a").focus()
        expect(tip).to_be_visible()
        expect(tip).to_have_text(corpus.maps[0].name)
        expect(head.locator("a")).to_contain_text(corpus.maps[0].name)   # read out, not shown

    def test_the_reasons_panel_fits_a_phone(self, browser, site):
        w = Watched(browser, site)
        w.page.set_viewport_size(PHONE)
        page = w.open("index.html")
        page.locator("td.reveal button.cell").first.click()
        panel = page.locator("#panel")
        expect(panel).to_be_visible()
        assert panel.bounding_box()["width"] <= PHONE["width"]
        assert not page_scrolls_sideways(page)
        w.assert_clean()
        w.context.close()


class TestFilters:
    def test_topic_and_voices_limit_the_table(self, laptop, corpus):
        topic = next(t.topic for t in corpus.theses if t.topic)
        keep = [m.id for m in corpus.maps[:3]]
        page = laptop.open("index.html")
        page.goto(page.url + f"?topic={quote(topic)}&voices={','.join(keep)}")
        rows = page.locator("tbody tr:visible")
        expect(rows).to_have_count(sum(1 for t in corpus.theses if t.topic == topic))
        expect(page.locator("thead th.voice:visible")).to_have_count(3)
        expect(page.locator("#voices-count")).to_have_text(f"(3 of {len(corpus.maps)})")
        page.locator(".voice-filter summary").click()
        page.locator("#voices-all").click()
        expect(page.locator("thead th.voice:visible")).to_have_count(len(corpus.maps))
        laptop.assert_clean()


class TestPairPage:
    def test_two_voices_with_their_quotes_grouped_as_diff_groups_them(self, laptop, corpus):
        diff = a_pair(corpus)
        page = laptop.open("compare.html")
        page.goto(page.url + f"?a={diff.a.id}&b={diff.b.id}")
        expect(page.locator("h1")).to_have_text(f"{diff.a.name} and {diff.b.name}")
        for relation in Relation:
            items = diff.of(relation)
            group = page.locator(f"section.rel-{relation.value}")
            expect(group.locator(".pair-item")).to_have_count(len(items))
            for n, item in enumerate(items):
                shown = group.locator(".pair-item").nth(n)
                expect(shown.locator("h3")).to_have_text(item.thesis.text)
                for side in (item.a, item.b):
                    for claim in side.claims if side else ():
                        expect(shown).to_contain_text(claim.text)
                        for q in claim.quotes:
                            expect(shown.locator("blockquote", has_text=q[:50]).first).to_be_visible()
        # both sources' dates beside the voices
        dates = [s.date for s in corpus.sources if s.date]
        if dates:
            expect(page.locator(".byline")).to_have_count(2)
            expect(page.locator(".byline").first).to_contain_text("dated")
        laptop.assert_clean()

    def test_every_pair_counts_as_diff_counts(self, laptop, corpus):
        page = laptop.open("compare.html")
        base = page.url
        ids = [m.id for m in corpus.maps]
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                page.goto(f"{base}?a={a}&b={b}")
                diff = diff_voices(corpus, a, b)
                counts = page.evaluate(
                    "Array.from(document.querySelectorAll('.pair-summary li'))"
                    ".map(li => Number(li.textContent.split(': ').pop()))")
                order = [Relation.DISAGREE, Relation.PARTIAL, Relation.AGREE, Relation.ONLY_A,
                         Relation.ONLY_B]
                assert [len(diff.of(r)) for r in order] == counts, (a, b)
        laptop.assert_clean()

    def test_reached_from_the_table_and_from_a_voice_page(self, laptop, corpus):
        a, b = corpus.maps[0], corpus.maps[-1]
        page = laptop.open("index.html")
        page.select_option("#pair-a", a.id)
        page.select_option("#pair-b", b.id)
        page.locator(".pair-chooser button").click()
        page.wait_for_url(re.compile(rf"compare\.html\?a={a.id}&b={b.id}$"))
        expect(page.locator("h1")).to_have_text(f"{a.name} and {b.name}")

        page = laptop.open(f"voices/{b.id}.html")
        page.select_option("#pair-b", a.id)
        page.locator(".pair-chooser button").click()
        page.wait_for_url(re.compile(rf"compare\.html\?a={b.id}&b={a.id}$"))
        expect(page.locator("h1")).to_have_text(f"{b.name} and {a.name}")
        laptop.assert_clean()


class TestSeminarSelection:
    def test_one_thesis(self, laptop, corpus):
        thesis = max(corpus.theses, key=lambda t: sum(1 for m in corpus.maps if m.stance(t.id)))
        speakers = [m for m in corpus.maps if m.stance(thesis.id)]
        page = laptop.open("index.html")
        page.goto(page.url + f"?thesis={thesis.id}#seminar")
        expect(page.locator("#seminar-toggle")).to_have_attribute("aria-pressed", "true")
        expect(page.locator("tbody tr:visible")).to_have_count(1)
        status = page.locator("#seminar-status")
        expect(status).to_have_text(f"0 of {len(speakers)} positions revealed")
        page.locator("[data-reveal=cell]").click()
        expect(status).to_have_text(f"1 of {len(speakers)} positions revealed")
        page.locator("[data-reveal=row]").click()
        expect(status).to_have_text(f"{len(speakers)} of {len(speakers)} positions revealed")
        expect(page.locator("td.reveal:visible .pos:visible")).to_have_count(len(speakers))
        # the other theses' positions are not in play at all
        expect(page.locator("tbody tr:not([hidden])")).to_have_count(1)
        laptop.assert_clean()

    def test_a_few_voices_reveal_by_column_and_the_handout_matches(self, laptop, corpus, site):
        thesis = max(corpus.theses, key=lambda t: sum(1 for m in corpus.maps if m.stance(t.id)))
        speakers = [m for m in corpus.maps if m.stance(thesis.id)]
        chosen = speakers[:2]
        voices = ",".join(m.id for m in chosen)
        page = laptop.open("index.html")
        page.goto(page.url + f"?voices={voices}#seminar")
        spoken = sum(1 for m in chosen for t in corpus.theses if m.stance(t.id))
        status = page.locator("#seminar-status")
        expect(status).to_have_text(f"0 of {spoken} positions revealed")
        page.locator("[data-reveal=column]").click()
        expect(status).to_have_text(f"{len(chosen[0].stances)} of {spoken} positions revealed")

        page.select_option("#filter-thesis", thesis.id)
        link = page.locator("#seminar-handout")
        expect(link).to_be_visible()
        link.click()
        page.wait_for_url(re.compile(r"handouts/.*blank\.html\?voices="))
        shown = page.locator("li.position:visible h3")
        expect(shown).to_have_count(len(chosen))
        assert sorted(m.name for m in chosen) == sorted(shown.all_inner_texts())
        laptop.assert_clean()
