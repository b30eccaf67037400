"""The teaching site: hostile map text stays text, links stay safe, pages are accessible, stable."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.model import Author, Claim, Corpus, Evidence, Map, Position, Source, Stance, Thesis
from argmap.render.site import ASSETS, asset, site_pages
from argmap.render.site._home import search_index
from argmap.render.site._html import external_href, json_script, relative_href
from argmap.render.site._svg import inline_svg
from argmap.render.site._view import SiteView

from strategies import hostile_text, rich_corpora

# Every element and attribute the site's templates write. Map text may fill in text and attribute
# values, never add a name to either list.
TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "link",
    "body",
    "a",
    "header",
    "nav",
    "ul",
    "ol",
    "li",
    "main",
    "script",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "span",
    "div",
    "button",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "section",
    "article",
    "figure",
    "blockquote",
    "figcaption",
    "label",
    "input",
    "noscript",
    "form",
    "select",
    "option",
    "details",
    "summary",
    "fieldset",
    "legend",
    "strong",
}
ATTRIBUTES = {
    "lang",
    "class",
    "charset",
    "name",
    "content",
    "rel",
    "href",
    "id",
    "tabindex",
    "aria-label",
    "aria-labelledby",
    "aria-controls",
    "aria-expanded",
    "aria-pressed",
    "aria-hidden",
    "role",
    "type",
    "data-detail",
    "hidden",
    "scope",
    "for",
    "autocomplete",
    "spellcheck",
    "src",
    "data-print",
    "data-zoom",
    "action",
    "method",
    "value",
    "selected",
    "checked",
    "data-voice",
    "data-thesis",
    "data-topic",
    "data-blank",
    "data-reveal",
    "aria-live",
    "title",
}


class Parsed(HTMLParser):
    """Every start tag with its attributes, in order, and all the text, as a browser reads it."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.chunks: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, tuple(attrs)))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.chunks).append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    def values(self, name: str) -> list[str]:
        return [v for _tag, attrs in self.elements for k, v in attrs if k == name and v is not None]


def rendered(corpus: Corpus, **options) -> dict[str, str]:
    return {p.path: p.render() for p in site_pages(corpus, **options) if p.path.endswith(".html")}


def plain_twin(corpus: Corpus) -> Corpus:
    """The same corpus with every piece of human text replaced by 'x' (ids and structure kept;
    topics, which group theses, become 'x0', 'x1', ... one per distinct topic)."""
    x = "x"
    topics = {t: f"x{n}" for n, t in enumerate(sorted({t.topic for t in corpus.theses if t.topic}))}

    def maybe(value):
        return None if value is None else x

    return attrs.evolve(
        corpus,
        sources=tuple(
            attrs.evolve(
                s,
                title=maybe(s.title),
                author=maybe(s.author),
                publisher=maybe(s.publisher),
                date=maybe(s.date),
                url=s.url if external_href(s.url) else maybe(s.url),
            )
            for s in corpus.sources
        ),
        theses=tuple(
            attrs.evolve(t, text=x, topic=topics.get(t.topic, t.topic), questions=tuple(x for _ in t.questions))
            for t in corpus.theses
        ),
        maps=tuple(
            attrs.evolve(
                m,
                authors=tuple(
                    attrs.evolve(a, name=x, affiliation=maybe(a.affiliation)) for a in m.authors
                ),
                claims=tuple(
                    attrs.evolve(
                        c,
                        text=x,
                        evidence=tuple(
                            attrs.evolve(e, quote=x, note=maybe(e.note)) for e in c.evidence
                        ),
                    )
                    for c in m.claims
                ),
                stances=tuple(attrs.evolve(s, note=maybe(s.note)) for s in m.stances),
            )
            for m in corpus.maps
        ),
    )


def texts_of(corpus: Corpus) -> list[str]:
    found = [t.text for t in corpus.theses] + [q for t in corpus.theses for q in t.questions]
    for m in corpus.maps:
        found += [a.name for a in m.authors] + [c.text for c in m.claims]
        found += [e.quote for c in m.claims for e in c.evidence]
    return found


class TestHostileText:
    """Map text with <, &, quotes, `</script>` and the like is shown as text and adds no markup."""

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rich_corpora())
    def test_map_text_adds_no_element_or_attribute(self, corpus):
        hostile = rendered(corpus)
        plain = rendered(plain_twin(corpus))
        assert sorted(plain) == sorted(hostile)
        for path, markup in hostile.items():
            parsed = Parsed(markup)
            assert {tag for tag, _ in parsed.elements} <= TAGS, path
            assert {k for _, attrs in parsed.elements for k, _ in attrs} <= ATTRIBUTES, path
            # Same elements, same attribute names, in the same order as with harmless text;
            # attribute values may differ only where they are links to http(s) URLs.
            twin = Parsed(plain[path])
            assert [(t, [k for k, _ in a]) for t, a in twin.elements] == [
                (t, [k for k, _ in a]) for t, a in parsed.elements
            ], path

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rich_corpora())
    def test_links_are_inside_the_site_or_http(self, corpus):
        for path, markup in rendered(corpus).items():
            parsed = Parsed(markup)
            for href in parsed.values("href") + parsed.values("src"):
                assert relative_href(href) == href, (path, href)
                assert not re.match(
                    r"\s*[a-z][a-z0-9+.-]*:", href, re.I
                ) or href.lower().startswith(("http://", "https://")), (path, href)
            for url in [s.url for s in corpus.sources if s.url]:
                if external_href(url) is None:
                    assert url not in parsed.values("href")

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rich_corpora())
    def test_every_text_appears_as_text(self, corpus):
        pages = rendered(corpus)
        shown = "".join(Parsed(markup).text for markup in pages.values())
        for text in texts_of(corpus):
            assert text in shown
        for voice in corpus.maps:
            page = Parsed(pages[f"voices/{voice.id}.html"]).text
            for claim in voice.claims:
                assert claim.text in page
                for evidence in claim.evidence:
                    assert evidence.quote in page

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rich_corpora())
    def test_the_search_index_reads_back_intact(self, corpus):
        home = Parsed(rendered(corpus)["index.html"])
        assert not [t for t, a in home.elements if t == "script" and "src" not in dict(a)]
        assert ("script", (("src", "search.js"),)) in home.elements
        script = next(p for p in site_pages(corpus) if p.path == "search.js").render()
        assert isinstance(script, str)
        start, end = "window.argmapSearch = ", ";\n"
        assert script.startswith(start) and script.endswith(end)
        assert search_index(SiteView(corpus)) == json.loads(script[len(start):-len(end)])
        assert "<" not in script and ">" not in script and "&" not in script


class TestJsonScript:
    @pytest.mark.parametrize(
        "text",
        [
            "</script><script>alert(1)</script>",
            "<!--",
            "</SCRIPT >",
            "a & b",
            "\u2028\u2029",
            "]]>",
        ],
    )
    def test_cannot_break_out(self, text):
        markup = json_script("data", {"t": text})
        parsed = Parsed(markup)
        assert [("script", (("type", "application/json"), ("id", "data")))] == parsed.elements
        assert {"t": text} == json.loads(parsed.scripts[0])

    @given(hostile_text)
    def test_round_trips_any_text(self, text):
        parsed = Parsed(json_script("data", [text]))
        assert 1 == len(parsed.elements)
        assert [text] == json.loads("".join(parsed.scripts))


class TestExternalHref:
    @pytest.mark.parametrize(
        "url",
        [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
            "//evil.example",
            "/etc/passwd",
            "relative.html",
            "http://",
            "https:///path",
            "http://exa mple.org",
            "",
            None,
            "http://example.org/\x00",
        ],
    )
    def test_refuses(self, url):
        assert None is external_href(url)

    @pytest.mark.parametrize(
        "url",
        [
            "http://example.org",
            "https://example.org/a?b=1&c=<d>#e",
            "HTTPS://EXAMPLE.ORG/",
            "https://例え.jp/パス",
        ],
    )
    def test_keeps_http(self, url):
        assert url == external_href(url)

    @pytest.mark.parametrize("url", ["../voices/a.html#claim-b", "#x", "index.html"])
    def test_relative_inside_the_site(self, url):
        assert url == relative_href(url)

    @pytest.mark.parametrize("url", ["javascript:x", "/abs", "//host/x", "\\\\host\\x", "data:x"])
    def test_relative_refuses(self, url):
        assert None is relative_href(url)


class TestInlineSvg:
    HOSTILE = """<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- a comment -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100pt"
 height="50pt" viewBox="0 0 100 50" onload="alert(1)" id="graph0">
<script>alert(1)</script><style>*{color:red}</style>
<g id="node1" class="node" onclick="alert(2)" style="fill:url(http://evil/)">
<title>&lt;script&gt;alert(3)&lt;/script&gt;</title>
<a xlink:href="javascript:alert(4)" xlink:title="tip"><text x="1" y="2" fill="url(https://evil/x)">&lt;b&gt;bold&amp;</text></a>
<a href="../voices/a.html#claim-b"><polygon points="0,0 1,1" fill="url(#grad)"/></a>
</g>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
</svg>"""

    def test_keeps_drawing_and_drops_everything_active(self):
        markup = inline_svg(self.HOSTILE, label="A <diagram>")
        parsed = Parsed(markup)
        tags = [t for t, _ in parsed.elements]
        assert ["svg", "g", "title", "a", "text", "a", "polygon"] == tags
        attributes = {k for _, a in parsed.elements for k, _ in a}
        assert not {a for a in attributes if a.startswith("on")} and "style" not in attributes
        assert ["../voices/a.html#claim-b"] == parsed.values("href")
        assert ["url(#grad)"] == [v for v in parsed.values("fill") if "url" in v]
        assert "<script>alert(3)</script>" in parsed.text and "<b>bold&" in parsed.text
        assert ["A <diagram>"] == parsed.values("aria-label")
        assert ["100pt"] == parsed.values("width")

    def test_an_image_unless_it_holds_links_and_a_labels_lines_stay_words(self):
        """An image's content is hidden from assistive technology: links inside one could be
        focused but not named (axe: nested-interactive)."""
        lines = '<text x="1" y="1">need to</text>\n<text x="1" y="2">discuss</text>'
        plain = f'<svg xmlns="http://www.w3.org/2000/svg">{lines}</svg>'
        assert ["img"] == Parsed(inline_svg(plain, label="x")).values("role")
        linked = plain.replace(lines, f'<a href="../voices/a.html">{lines}</a>')
        markup = inline_svg(linked, label="x")
        assert ["group"] == Parsed(markup).values("role")
        assert "need to discuss" == " ".join(Parsed(markup).text.split())
        # a link that does not survive (javascript:) does not make it a group
        unsafe = linked.replace("../voices/a.html", "javascript:x")
        assert ["img"] == Parsed(inline_svg(unsafe, label="x")).values("role")

    @pytest.mark.parametrize("svg", ["", "not svg", "<svg><unclosed></svg>", "<html><svg/></html>"])
    def test_refuses_what_is_not_svg(self, svg):
        assert None is inline_svg(svg, label="x")


def small_corpus(**overrides) -> Corpus:
    claims = (
        Claim(id="c1", text="First claim", evidence=(Evidence(quote="a quote"),)),
        Claim(id="c2", text="Second claim"),
    )
    voices = (
        Map(
            id="a",
            authors=(Author(name="Ann"),),
            source="s",
            claims=claims,
            stances=(
                Stance(thesis="t1", position=Position.AGREE, because=("c1",)),
                Stance(thesis="t2", position=Position.MIXED, because=("c2",)),
            ),
        ),
        Map(
            id="b",
            authors=(Author(name="Bo"),),
            source="s",
            claims=claims,
            stances=(Stance(thesis="t1", position=Position.DISAGREE, because=("c1", "c2")),),
        ),
    )
    return Corpus(
        sources=(Source(id="s", title="Src", url="https://example.org/s"),),
        theses=(
            Thesis(id="t1", text="Thesis one", questions=("Why?",)),
            Thesis(id="t2", text="Thesis two"),
        ),
        maps=voices,
        **overrides,
    )


class TestHomePage:
    def test_table_is_accessible(self):
        home = Parsed(rendered(small_corpus())["index.html"])
        tags = [t for t, _ in home.elements]
        assert ("html", (("lang", "en"), ("class", "no-js"))) == home.elements[0]
        assert 1 == tags.count("caption")
        scopes = [a for t, a in home.elements if t == "th"]
        assert 3 == sum(1 for a in scopes if ("scope", "col") in a)
        assert 2 == scopes.count((("scope", "row"),))
        cells = [a for t, a in home.elements if t == "button" and ("class", "cell") in a]
        assert 4 == len(cells) and all(("type", "button") in a for a in cells)
        assert ("#main",) == tuple(v for v in home.values("href") if v.startswith("#"))
        assert "main" in home.values("id")

    def test_cells_say_the_position_in_symbol_and_word(self):
        home = rendered(small_corpus())["index.html"]
        for symbol, word in (("✓", "agree"), ("✗", "disagree"), ("±", "mixed"), ("·", "silent")):
            assert re.search(
                f'<button type="button" class="cell"[^>]*><span class="pos"><span class="badge '
                f'pos-{word}">.{{0,60}}{symbol}.{{0,60}}{word}',
                home,
            ), word

    def test_every_cell_has_its_details(self):
        home = Parsed(rendered(small_corpus())["index.html"])
        targets = home.values("data-detail")
        assert 4 == len(set(targets)) and set(targets) <= set(home.values("id"))

    def test_links_only_to_http_sources(self):
        corpus = small_corpus()
        bad = attrs.evolve(
            corpus, sources=(Source(id="s", title="Src", url="javascript:alert(1)"),)
        )
        assert "https://example.org/s" in rendered(corpus)["voices/a.html"]
        assert "javascript:" not in "".join(rendered(bad).values())


class TestPicture:
    def test_voices_in_one_camp_stand_side_by_side(self, corpus):
        from argmap.compare import clusters, pair_matrix
        from argmap.render.site._picture import cluster_order

        matrix = pair_matrix(corpus)
        order = cluster_order(matrix)
        assert sorted(order) == sorted(m.id for m in corpus.maps)
        for camp in clusters(matrix):
            at = sorted(order.index(v) for v in camp.voices)
            assert at == list(range(at[0], at[0] + len(at))), camp.voices

    def test_every_square_says_its_numbers_in_words(self):
        page = rendered(small_corpus())["matrix.html"]
        text = Parsed(page).text
        assert "agree on" in text and "of the" in text
        assert "What the numbers mean" in text and "hamming" in text and "edit" in text


class TestPages:
    def test_file_list(self):
        paths = [p.path for p in site_pages(small_corpus())]
        assert [
            "compare.html",
            "diagram.css",
            "diagram.js",
            "handouts/t1-blank.html",
            "handouts/t1.html",
            "handouts/t2-blank.html",
            "handouts/t2.html",
            "index.html",
            "matrix.html",
            "search.js",
            "site.css",
            "site.js",
            "teach.css",
            "teach.js",
            "theses/t1.html",
            "theses/t2.html",
            "voices/a.html",
            "voices/b.html",
        ] == paths

    def test_blank_handout_name_never_clashes(self):
        corpus = attrs.evolve(
            small_corpus(), theses=(Thesis(id="t1", text="x"), Thesis(id="t1-blank", text="y"))
        )
        paths = [p.path for p in site_pages(corpus)]
        assert len(paths) == len(set(paths))
        assert "handouts/t1.blank.html" in paths

    def test_blank_handout_hides_positions(self):
        pages = rendered(small_corpus())
        full, blank = (
            Parsed(pages["handouts/t1.html"]).text,
            Parsed(pages["handouts/t1-blank.html"]).text,
        )
        assert "✓ agree" in full and "✗ disagree" in full
        assert not {"✓", "✗", "±"} & set(blank)
        for text in (full, blank):
            assert "Thesis one" in text and "a quote" in text and "Why?" in text

    def test_thesis_page_puts_positions_side_by_side(self):
        page = rendered(small_corpus())["theses/t1.html"]
        assert (
            page.index('class="column pos-agree"')
            < page.index("Ann")
            < page.index('class="column pos-disagree"')
            < page.index("Bo</a>")
        )

    def test_voice_page_without_diagram_says_why(self):
        page = rendered(small_corpus(), diagram_note="No diagram: because.")["voices/a.html"]
        assert "No diagram: because." in page and "<svg" not in page

    def test_voice_page_captions_its_stances_without_a_pronoun(self):
        page = rendered(small_corpus())["voices/a.html"]
        assert "<caption>The position Ann takes on each thesis</caption>" in page   # (not "it addresses")

    def test_voice_page_inlines_a_given_diagram(self):
        svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>node</text></svg>'
        page = rendered(small_corpus(), diagrams={"a": svg})["voices/a.html"]
        assert 'class="zoom-viewport"' in page and "<text>node</text>" in page
        assert 'href="../diagrams/a.svg"' in page

    @settings(max_examples=10, deadline=None)
    @given(rich_corpora(max_maps=3))
    def test_same_corpus_same_bytes(self, corpus):
        assert rendered(corpus) == rendered(corpus)
        assert rendered(corpus) == rendered(attrs.evolve(corpus))

    def test_inputs_name_what_a_page_reads(self):
        pages = {p.path: p.inputs for p in site_pages(small_corpus())}
        assert {"map:a", "diagram:a", "thesis:t1", "thesis:t2", "source:s", "voices"} == set(
            pages["voices/a.html"]
        )
        # a thesis page reads the stances on it and the claims they give, not whole maps
        assert {"thesis:t1", "head:a", "stance:a/t1", "claim:a/c1", "head:b", "stance:b/t1",
                "claim:b/c1", "claim:b/c2", "source:s", "voices", "theses",
                "diagram:thesis_t1"} == set(pages["theses/t1.html"])
        assert {"thesis:t2", "head:a", "stance:a/t2", "claim:a/c2", "voices", "theses",
                "diagram:thesis_t2"} == set(pages["theses/t2.html"])
        # in the order shown: a's card before b's, each reason after its stance
        shown = pages["theses/t1.html"]
        assert shown.index("stance:a/t1") < shown.index("claim:a/c1") < shown.index("head:b")
        assert {"diagram:thesis_t1", "voices"}.isdisjoint(pages["handouts/t1.html"])
        assert () == pages["site.css"]


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class TestStylesheet:
    COLOURS: ClassVar[dict[str, str]] = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6});", asset("site.css").decode()))

    @pytest.mark.parametrize(
        "text,background",
        [
            ("fg", "bg"),
            ("fg", "soft"),
            ("fg", "agree-bg"),
            ("fg", "disagree-bg"),
            ("fg", "mixed-bg"),
            ("fg", "silent-bg"),
            ("fg", "hidden-bg"),
            ("fg", "mark-bg"),
            ("muted", "bg"),
            ("muted", "soft"),
            ("muted", "silent-bg"),
            ("muted", "agree-bg"),
            ("muted", "mixed-bg"),
            ("muted", "disagree-bg"),
            ("link", "bg"),
            ("link", "soft"),
            ("link", "agree-bg"),
            ("link", "mixed-bg"),
            ("link", "disagree-bg"),
            ("bg", "fg"),
        ],
    )
    def test_text_contrast_is_aa(self, text, background):
        assert contrast(self.COLOURS[text], self.COLOURS[background]) >= 4.5

    @pytest.mark.parametrize("edge", ["agree-edge", "disagree-edge", "mixed-edge", "focus", "rule"])
    def test_edges_and_focus_stand_out(self, edge):
        assert contrast(self.COLOURS[edge], self.COLOURS["bg"]) >= 3

    def test_focus_is_visible_and_print_is_a4(self):
        css = asset("site.css").decode()
        assert re.search(r":focus-visible\s*{[^}]*outline: 3px solid", css)
        assert "size: A4" in css

    def test_script_never_writes_markup(self):
        js = asset("site.js").decode()
        assert (
            "innerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js
        )
        assert "fetch(" not in js and "XMLHttpRequest" not in js

    def test_assets_ship_with_the_package(self):
        assert all(len(asset(name)) > 1000 for name in ASSETS)


# --- whose relation it is (issue 18) ---------------------------------------------------------------

def _two_voices() -> Corpus:
    from argmap.model import Basis, Relation

    return Corpus(
        sources=(Source(id="old", title="Old", date="2023-04-06"), Source(id="new", title="New", date="2025")),
        maps=(Map(id="jo", authors=(Author(name="Eun A Jo"),), source="old", claims=(
                  Claim(id="gloom", text="Gloom.", evidence=(Evidence(quote="it will not last"),),
                        attacks=(Relation(target="np/hope", basis=Basis.CONTRAST,
                                          note="Two years apart; neither cites the other."),)),)),
              Map(id="np", authors=(Author(name="Nishimura & Park"),), source="new", claims=(
                  Claim(id="hope", text="Hope.", evidence=(Evidence(quote="it will last"),),
                        attacks=(Relation(target="jo/gloom", basis=Basis.REPLY,
                                          evidence=(Evidence(quote="pessimists were wrong"),)),)),))))


class TestWhoseRelation:
    def test_a_contrast_reads_as_the_mappers_with_its_note_and_date(self) -> None:
        pages = {p.path: p.render() for p in site_pages(_two_voices()) if p.path.endswith(".html")}
        jo = pages["voices/jo.html"]
        assert "set by the mapper against" in jo
        assert "the mapper's contrast: Two years apart; neither cites the other." in jo
        assert "(2025)" in jo
        assert ">attacks<" not in jo

    def test_a_reply_reads_as_an_answer_with_its_words(self) -> None:
        pages = {p.path: p.render() for p in site_pages(_two_voices()) if p.path.endswith(".html")}
        np = pages["voices/np.html"]
        assert ">answers<" in np
        assert "in its words: “pessimists were wrong”" in np
        assert "(2023-04-06)" in np
        assert ">answered by<" in pages["voices/jo.html"]


# --- many voices ----------------------------------------------------------------------------------

def _many_voices(count: int) -> Corpus:
    positions = (Position.AGREE, Position.DISAGREE, Position.MIXED)
    return Corpus(theses=tuple(Thesis(id=f"t{k}", text=f"Thesis {k}") for k in range(3)), maps=tuple(
        Map(id=f"v{i:03d}", authors=(Author(name=f"Voice {i}"),), claims=(Claim(id="c", text="x"),),
            stances=tuple(Stance(thesis=f"t{k}", position=positions[(i + k * (i % 5)) % 3], because=("c",))
                          for k in range(3)))
        for i in range(count)))


def _page(corpus: Corpus, path: str) -> str:
    return next(p for p in site_pages(corpus) if p.path == path).render()


class TestManyVoices:
    """Past LISTED_VOICES the agreement picture lists the extreme pairs instead of a square for
    every pair, and a voice page links to the pair page instead of listing every other voice:
    what these pages hold grows with the voices, not their square (counted, not timed)."""

    def test_up_to_the_limit_the_grid_has_a_square_for_every_pair(self) -> None:
        from argmap.render.tables import LISTED_VOICES

        corpus = _many_voices(LISTED_VOICES)
        assert LISTED_VOICES ** 2 == _page(corpus, "matrix.html").count("<td")
        assert LISTED_VOICES - 1 == _page(corpus, "voices/v000.html").count("<option")

    @pytest.mark.parametrize("factor", [1, 3])
    def test_past_the_limit_the_pages_grow_at_most_linearly(self, factor: int) -> None:
        from argmap.compare import pair_matrix
        from argmap.render.tables import LISTED_VOICES, closest_pairs, most_opposed_pairs

        count = factor * (LISTED_VOICES + 1)
        corpus = _many_voices(count)
        picture = _page(corpus, "matrix.html")
        assert 0 == picture.count("<td")
        matrix = pair_matrix(corpus)
        for pair in [*closest_pairs(matrix, 10), *most_opposed_pairs(matrix, 10)]:
            assert f'href="compare.html?a={pair.a}&amp;b={pair.b}"' in picture
        assert picture.count("compare.html?a=") == 20
        assert picture.count("<a ") <= 20 + count + 20   # the pairs, the camps' members, navigation
        voice = _page(corpus, "voices/v000.html")
        assert 0 == voice.count("<option") and 'href="../compare.html?a=v000"' in voice

    def test_up_to_the_limit_every_cell_opens_its_panel_in_the_home_page(self) -> None:
        from argmap.render.tables import LISTED_VOICES

        corpus = _many_voices(LISTED_VOICES)
        home = _page(corpus, "index.html")
        assert home.count('<section class="detail"') == LISTED_VOICES * 3
        assert home.count('<button type="button" class="cell"') == LISTED_VOICES * 3
        assert 'id="stance-' not in _page(corpus, "voices/v000.html")

    @pytest.mark.parametrize("factor", [1, 3])
    def test_past_the_limit_a_cell_is_a_small_link_to_the_voice_page(self, factor: int) -> None:
        from argmap.render.tables import LISTED_VOICES

        count = factor * (LISTED_VOICES + 1)
        many = _many_voices(count)
        quiet = attrs.evolve(many.maps[1], stances=())   # one voice silent on every thesis
        corpus = attrs.evolve(many, maps=(many.maps[0], quiet, *many.maps[2:]))
        home = _page(corpus, "index.html")
        assert 'class="detail"' not in home and 'id="panel"' not in home and "<button type=\"button\" class=\"cell\"" not in home
        cells = re.findall(r'<td class="[^"]*" data-voice="[^"]*"><span class="pos"><a href="([^"]*)">'
                           r'.*?</td>', home)
        assert len(cells) == count * 3
        assert cells[:3] == ["voices/v000.html#stance-t0", "voices/v001.html#stances",
                             "voices/v002.html#stance-t0"]
        for k in range(3):
            assert f'<tr id="stance-t{k}">' in _page(corpus, "voices/v000.html")
        body = home[home.index("<tbody"):home.index("</tbody>")]
        assert len(body) / len(cells) < 400   # bytes per cell, whatever the number of voices

    def test_the_home_page_asks_the_corpus_index_not_each_map(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from argmap.model import Map as ModelMap

        scans = []
        original = ModelMap.stance
        monkeypatch.setattr(ModelMap, "stance", lambda self, t: scans.append(t) or original(self, t))
        many = _many_voices(60)
        quiet = attrs.evolve(many.maps[1], stances=())
        _page(attrs.evolve(many, maps=(many.maps[0], quiet, *many.maps[2:])), "index.html")
        assert scans == []


@given(st.lists(st.sampled_from(["a", "b", "ab", "a-b", "part_a_1", "part_a_2", "part_a_10",
                                 "part_ab_1", "part_a-b_3", "part_a_x", "part__1", "part_a_",
                                 "thesis_a", "overview_all", "part_b_0"]), unique=True),
       st.sampled_from(["a", "b", "ab", "a-b", "c"]))
def test_each_voice_finds_its_diagrams_among_all(names, voice):
    """`diagrams_by_voice` sorts the names out once; each voice gets what a search of every
    name for its own finds: its whole diagram, else its parts by number."""
    from argmap.render.site import diagrams_by_voice

    diagrams = {name: f"<svg>{name}</svg>" for name in names}
    prefix = f"part_{voice}_"
    parts = sorted((int(n[len(prefix):]), n) for n in names
                   if n.startswith(prefix) and n[len(prefix):].isdigit())
    expected = ([(voice, diagrams[voice])] if voice in diagrams
                else [(n, diagrams[n]) for _number, n in parts])
    assert expected == diagrams_by_voice(diagrams)(voice)
