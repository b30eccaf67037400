"""`argmap render`: the graph view, DOT that the real `dot` accepts for any text, stable output,
CJK fonts, and clean failures when Graphviz is missing or slow."""

from __future__ import annotations

import itertools
import os
import random
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.commands.render import render
from argmap.model import (
    Author,
    Claim,
    Corpus,
    Evidence,
    Kind,
    Map,
    Position,
    Source,
    Stance,
    Thesis,
    Undercut,
    ref,
    split_ref,
)
from argmap.render.dot import DotOptions, shorten, to_dot, wrap
from argmap.render.plan import plan_views
from argmap.render.view import (
    COMBINED_NAME,
    EdgeKind,
    NodeKind,
    combined_view,
    map_view,
    thesis_view,
)
from argmap.write import GraphvizTimeout, run_graphviz

from conftest import MAPS, SOURCES
from strategies import corpora, hostile_text, linked_corpora, plain_text, urls

HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(
    not HAS_DOT, reason="Graphviz `dot` is not installed (apt-get install graphviz; CI has it)")
SOURCES_ARGS = ["--sources", str(SOURCES)] if SOURCES.is_dir() else []
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
FAST = settings(max_examples=30, deadline=None)


def svg_of(source: str) -> ET.Element:
    """Draw with the real `dot`; it must accept the DOT without a word on stderr."""
    data, said = run_graphviz(source, fmt="svg", timeout=60)
    assert "" == said
    return ET.fromstring(data)


def groups(svg: ET.Element, kind: str) -> dict[str, ET.Element]:
    """The SVG groups of one kind (`node` or `edge`) by the id argmap gave them."""
    return {g.get("id"): g for g in svg.iter(f"{SVG}g")
            if kind in (g.get("class") or "").split() and g.get("id", "").startswith(f"{kind}-")}


def classes(group: ET.Element) -> set[str]:
    return set((group.get("class") or "").split())


def shown_text(group: ET.Element) -> str:
    """All the text drawn in a group, white space removed (lines are separate <text> elements)."""
    return squeeze("".join("".join(t.itertext()) for t in group.iter(f"{SVG}text")))


def squeeze(text: str) -> str:
    return "".join(text.split())


def tooltip(group: ET.Element) -> str | None:
    return next((a.get(f"{XLINK}title") for a in group.iter(f"{SVG}a")
                 if a.get(f"{XLINK}title") is not None), None)


def href(group: ET.Element) -> str | None:
    return next((a.get(f"{XLINK}href") for a in group.iter(f"{SVG}a")
                 if a.get(f"{XLINK}href") is not None), None)


def one_voice(*claims: Claim, theses=(), stances=(), map_id="m", url=None) -> Corpus:
    return Corpus(sources=(Source(id="src", title="Source title", url=url),),
                  theses=tuple(theses),
                  maps=(Map(id=map_id, authors=(Author(name="Ada"),), source="src",
                            claims=claims, stances=tuple(stances)),))


# --- text ----------------------------------------------------------------------------------------

class TestWrap:
    @given(text=plain_text, width=st.integers(8, 40))
    @FAST
    def test_lines_fit_and_keep_every_character(self, text, width):
        lines = wrap(text, width)
        assert squeeze(text) == "".join(squeeze(line) for line in lines)
        assert all(line.strip() == line and line for line in lines)
        from argmap.render.width import columns as _columns
        assert all(_columns(line) <= width for line in lines)

    @given(words=st.lists(st.text(alphabet=st.sampled_from("abcdeé日本 \t"), min_size=1, max_size=3)
                          .map(str.strip).filter(bool), max_size=30)
           | st.lists(st.text(alphabet="ab. \t", min_size=1, max_size=7).map(str.strip)
                      .filter(bool), max_size=30),
           width=st.integers(8, 30))
    @settings(max_examples=300, deadline=None)
    def test_each_line_is_as_full_as_it_can_be(self, words, width):
        """Greedy: the next line's first word would not have fitted on this one (words here are
        never wider than a line, so none is cut)."""
        from argmap.render.width import columns as _columns
        lines = wrap(" ".join(words), width)
        assert bool(lines) == bool(words)
        for this, following in itertools.pairwise(lines):
            assert _columns(f"{this} {following.split()[0]}") > width

    def test_cjk_without_spaces_is_broken_by_display_width(self):
        assert ["日本と韓国の", "関係は複雑で", "ある"] == wrap("日本と韓国の関係は複雑である", 12)

    def test_words_are_not_split_when_they_fit(self):
        assert ["Tōkyō and", "Seoul"] == wrap("Tōkyō and Seoul", 10)

    def test_a_width_under_two_is_taken_as_two(self):
        assert ["a", "b", "c", "d"] == wrap("a b c d", 2) == wrap("a b c d", 1)
        assert ["ab", "c"] == wrap("abc", 0)

    def test_characters_xml_cannot_carry_become_the_replacement_character(self):
        """A control character pasted into a map would stop Graphviz's XML parser; it shows as
        one U+FFFD, and a tab or line break as a space."""
        assert ["bell\ufffdhere", "tab and", "new line"] == wrap("bell\x07here tab\tand\nnew line", 10)


class TestShorten:
    def test_long_text_keeps_its_first_lines_and_ends_with_an_ellipsis(self):
        lines = shorten("one two three four five six seven eight nine ten", 9, 2)
        assert 2 == len(lines) and lines[-1].endswith("…") and lines[0] == "one two"

    def test_short_text_is_left_alone(self):
        assert ["short"] == shorten("short", 20, 3)

    def test_the_ellipsis_ends_the_last_line_kept(self):
        """The lines kept are the text's first lines; the last one kept whole when there is
        room for the ellipsis after it, else cut so the ellipsis takes the last column."""
        text = "one two three four five six seven eight nine ten eleven"
        assert ["one two", "three", "four five", "six seven", "eight…"] == shorten(text, 9, 5)
        assert ["one two", "three", "four fiv…"] == shorten(text, 9, 3)

    def test_no_space_before_the_ellipsis(self):
        assert ["abcdefg…"] == shorten("abcdefg h ijklmnop", 9, 1)


# --- the view ------------------------------------------------------------------------------------

class TestMapView:
    def test_a_claim_with_no_relations_still_appears(self):
        corpus = one_voice(Claim(id="alone", text="No one talks to me."))
        view = map_view(corpus, "m")
        assert ["m/alone"] == [n.id for n in view.nodes]
        assert (NodeKind.CLAIM,) == tuple(n.kind for n in view.nodes)

    def test_duplicate_edges_are_merged(self):
        corpus = one_voice(Claim(id="a", text="A", supports=("b", "m/b"), attacks=("c", "m/c")),
                           Claim(id="b", text="B"), Claim(id="c", text="C"))
        view = map_view(corpus, "m")
        assert [("m/a", "m/b", EdgeKind.SUPPORT), ("m/a", "m/c", EdgeKind.ATTACK)] == sorted(
            (e.tail, e.head, e.kind) for e in view.edges)

    def test_undercut_ends_on_a_point_that_splits_the_support_it_attacks(self):
        corpus = Corpus(
            sources=(Source(id="src"),),
            maps=(Map(id="x", authors=(Author(name="X"),), source="src", claims=(
                      Claim(id="a", text="A", supports=("b",)), Claim(id="b", text="B"))),
                  Map(id="y", authors=(Author(name="Y"),), source="src", claims=(
                      Claim(id="u", text="U", undercuts=(Undercut(from_="x/a", to="x/b"),)),))))
        view = map_view(corpus, "y")
        kinds = {n.id: n.kind for n in view.nodes}
        assert {"y/u": NodeKind.CLAIM, "x/a": NodeKind.EXTERNAL, "x/b": NodeKind.EXTERNAL,
                "x/a>x/b": NodeKind.LINK} == kinds
        assert [("x/a", "x/a>x/b", EdgeKind.SUPPORT), ("x/a>x/b", "x/b", EdgeKind.SUPPORT),
                ("y/u", "x/a>x/b", EdgeKind.UNDERCUT)] == [(e.tail, e.head, e.kind)
                                                            for e in view.edges]
        dot = to_dot(view)
        assert re.search(r'"x/a>x/b" \[[^\]]*shape=point', dot)
        if HAS_DOT:
            edges = groups(svg_of(dot), "edge")
            assert {"undercut", "cross"} <= classes(edges["edge-undercut:y/u:x/a>x/b"])

    def test_evidence_shows_a_shortened_quote_its_source_and_links_only_http(self):
        quote = "word " * 60
        for url, linked in (("https://example.org/a?b=1&c=\"2\"", True),
                            ("javascript:alert(1)", False)):
            corpus = one_voice(Claim(id="c", text="Claim", evidence=(
                Evidence(quote=quote, kind=Kind.REPORTED),)), url=url)
            view = map_view(corpus, "m")
            evidence = view.node("m/c.e1")
            assert evidence.source == "Source title" and evidence.text == quote
            dot = to_dot(view)
            assert ("URL=" in dot) is linked
            if HAS_DOT:
                node = groups(svg_of(dot), "node")["node-m/c.e1"]
                assert "…" in shown_text(node) and "Sourcetitle(reported)" in shown_text(node)
                assert squeeze(quote) in squeeze(tooltip(node))
                link = href(node)
                assert (link is not None) is linked
                if linked:
                    assert link.startswith("https://example.org/a?b=1&c=") and '"' not in link


    def test_a_claim_links_to_its_maps_source_else_to_its_first_quotes(self):
        sources = (Source(id="talk", url="https://example.org/talk"),
                   Source(id="paper", url="https://example.org/paper"),
                   Source(id="notes", url="notes.txt"))
        quoted = (Evidence(quote="q", source="notes"), Evidence(quote="r", source="paper"))
        claims = (Claim(id="c", text="C", evidence=quoted),)
        with_default = Corpus(sources=sources, maps=(Map(id="m", authors=(Author(name="M"),),
                                                         source="talk", claims=claims),))
        without = Corpus(sources=sources, maps=(Map(id="m", authors=(Author(name="M"),), claims=claims),))

        assert "https://example.org/talk" == map_view(with_default, "m").node("m/c").url
        assert "https://example.org/paper" == map_view(without, "m").node("m/c").url


    def test_every_node_in_a_voices_cluster_is_that_voices(self):
        """The point on a support one voice draws to another's claim sits in the supporting
        voice's group, and is that voice's in every output (its colour, GraphML's `voice`)."""
        corpus = Corpus(sources=(Source(id="src"),), maps=(
            Map(id="x", authors=(Author(name="X"),), source="src", claims=(
                Claim(id="a", text="A", supports=("y/b",)),)),
            Map(id="y", authors=(Author(name="Y"),), source="src", claims=(Claim(id="b", text="B"),)),
            Map(id="z", authors=(Author(name="Z"),), source="src", claims=(
                Claim(id="u", text="U", undercuts=(Undercut(from_="x/a", to="y/b"),)),))))
        view = combined_view(corpus)
        voice_of = {n.id: n.voice for n in view.nodes}

        assert "x/a>y/b" in voice_of
        assert all(voice_of[node] == cluster.voice for cluster in view.clusters
                   if cluster.kind.value == "voice" for node in cluster.nodes)


class TestThesisView:
    def test_only_what_bears_on_the_thesis(self, corpus):
        for thesis in corpus.theses:
            view = thesis_view(corpus, thesis.id)
            cited = {ref(*split_ref(r, m.id)) for m in corpus.maps if (s := m.stance(thesis.id))
                     for r in s.because}
            assert cited == {n.id for n in view.nodes if n.kind is NodeKind.CLAIM}
            assert [thesis.id] == [n.id for n in view.nodes if n.kind is NodeKind.THESIS]
            assert not [n for n in view.nodes if n.kind is NodeKind.EXTERNAL]
            relations = [e for e in view.edges if e.kind in (EdgeKind.SUPPORT, EdgeKind.ATTACK)]
            assert all(e.tail in cited | {n.id for n in view.nodes if n.kind is NodeKind.LINK}
                       for e in relations)
            stances = [e for e in view.edges if e.kind is EdgeKind.STANCE]
            assert len(cited) == len(stances) and all(e.head == thesis.id for e in stances)


class TestCombinedView:
    def test_all_theses_for_all_voices_else_those_the_voices_shown_take_a_stance_on(self, corpus):
        def theses(view) -> set[str]:
            return {n.id for n in view.nodes if n.kind is NodeKind.THESIS}

        lind = corpus.map("lind")

        assert {t.id for t in corpus.theses} == theses(combined_view(corpus))
        assert {s.thesis for s in lind.stances} == theses(combined_view(corpus, ["lind"]))
        assert len(corpus.theses) > len(lind.stances)


class TestPlanViews:
    def test_default_is_every_map_and_the_combined_view(self, corpus):
        names = [v.name for v in plan_views(corpus)]
        assert sorted([m.id for m in corpus.maps] + [COMBINED_NAME]) == names

    def test_maps_combined_and_theses_narrow_the_selection(self, corpus):
        first, second = corpus.maps[0].id, corpus.maps[1].id
        assert [first] == [v.name for v in plan_views(corpus, maps=[first])]
        [combined] = plan_views(corpus, maps=[first, second], combined=True)
        assert {first, second} == {n.voice for n in combined.nodes if n.kind is NodeKind.CLAIM}
        thesis = corpus.theses[0].id
        narrowed = plan_views(corpus, combined=True, theses=[thesis])
        assert [f"thesis_{thesis}"] == [v.name for v in narrowed]

    def test_group_by_topic_and_none(self, corpus):
        topics = {t.topic for t in corpus.theses if t.topic}
        by_topic = combined_view(corpus, group_by="topic")
        assert topics == {c.label for c in by_topic.clusters}
        assert () == combined_view(corpus, group_by="none").clusters

    def test_a_topic_holds_the_claims_cited_only_for_its_theses(self, corpus):
        topic_of = {t.id: t.topic for t in corpus.theses}
        cited: dict[str, set] = {}
        for m in corpus.maps:
            for s in m.stances:
                for reason in s.because:
                    cited.setdefault(ref(*split_ref(reason, m.id)), set()).add(topic_of.get(s.thesis))
        expected = {topic: {c for c, topics in cited.items() if topics == {topic}}
                    for topic in set(topic_of.values()) if topic}
        clusters = combined_view(corpus, group_by="topic").clusters

        assert any(len(topics) > 1 for topics in cited.values())
        assert expected == {c.label: {n for n in c.nodes if "/" in n} for c in clusters}


# --- the shipped corpus: structure computed from the corpus itself -------------------------------

def expected_map_counts(corpus: Corpus, voice: Map) -> dict[str, int]:
    own = {ref(voice.id, c.id) for c in voice.claims}
    supports, attacks, undercuts, links = set(), set(), set(), set()
    for claim in voice.claims:
        here = ref(voice.id, claim.id)
        supports |= {(here, ref(*split_ref(r.target, voice.id))) for r in claim.supports}
        attacks |= {(here, ref(*split_ref(r.target, voice.id))) for r in claim.attacks}
        for u in claim.undercuts:
            link = (ref(*split_ref(u.from_, voice.id)), ref(*split_ref(u.to, voice.id)))
            links.add(link)
            undercuts.add((here, link))
    supports |= links
    named = {t for _s, t in supports | attacks} | {end for link in links for end in link}
    return {
        "claim": len(voice.claims),
        "evidence": sum(len(c.evidence) for c in voice.claims),
        "thesis": len({s.thesis for s in voice.stances}),
        "external": len(named - own),
        "link": len(links),
        "support": len(supports) + len(links),
        "attack": len(attacks),
        "undercut": len(undercuts),
        "stance": sum(len(set(s.because)) for s in voice.stances),
    }


@needs_dot
class TestShippedCorpusStructure:
    def test_every_map_diagram_draws_what_its_map_says(self, corpus):
        for voice in corpus.maps:
            svg = svg_of(to_dot(map_view(corpus, voice.id)))
            nodes, edges = groups(svg, "node"), groups(svg, "edge")
            counted = {kind: sum(1 for g in nodes.values() if kind in classes(g))
                       for kind in ("claim", "evidence", "thesis", "external", "link")}
            counted |= {kind: sum(1 for g in edges.values() if kind in classes(g))
                        for kind in ("support", "attack", "undercut", "stance")}
            expected = expected_map_counts(corpus, voice)
            assert expected == counted, voice.id
            assert expected["evidence"] == sum("evidence" in classes(g) for g in edges.values())

    def test_combined_diagram_has_a_cluster_per_voice_and_styled_edges(self, corpus):
        view = combined_view(corpus)
        svg = svg_of(to_dot(view))
        clusters = [g for g in svg.iter(f"{SVG}g") if "cluster" in classes(g)]
        voice_clusters = {g.get("id") for g in clusters if "voice" in classes(g)}
        assert {f"cluster-voice:{m.id}" for m in corpus.maps if m.claims} == voice_clusters
        assert 1 == sum(1 for g in clusters if "theses" in classes(g))
        nodes = groups(svg, "node")
        claims = sum(len(m.claims) for m in corpus.maps)
        assert claims == sum("claim" in classes(g) for g in nodes.values())
        assert len(corpus.theses) == sum("thesis" in classes(g) for g in nodes.values())
        styles = {}
        for group in groups(svg, "edge").values():
            path = group.find(f"{SVG}path")
            if path is None:
                path = next(group.iter(f"{SVG}path"))
            kind = next(k for k in ("contrast", "support", "attack", "undercut", "stance", "evidence")
                        if k in classes(group))
            styles.setdefault(kind, set()).add((path.get("stroke").lower(),
                                                path.get("stroke-dasharray")))
        assert {("#0072b2", None)} == styles["support"]
        assert styles.get("attack", {("#d55e00", None)}) == {("#d55e00", None)}
        assert all(colour == "#555555" and dash for colour, dash in styles.get("contrast", ()))
        assert all(dash for _colour, dash in styles["stance"])
        assert {c for c, _d in styles["stance"]} <= {"#009e73", "#cc79a7", "#e69f00"}
        stance_count = sum(len(set(s.because)) for m in corpus.maps for s in m.stances)
        assert stance_count == sum("stance" in classes(g) for g in groups(svg, "edge").values())

    def test_contrasts_are_drawn_as_the_mappers_not_as_attacks(self, corpus):
        """Issue 18: a contrast is dashed, grey, labelled and in the legend, and never drawn
        heavier than a voice's own reasoning; a reply or own attack keeps the attack style."""
        view = combined_view(corpus)
        contrasts = [e for e in view.edges if e.basis == "contrast"]
        if not contrasts:
            pytest.skip("the shipped corpus has no contrast")
        svg = svg_of(to_dot(view))
        edges = groups(svg, "edge")
        own = [e for e in view.edges if e.kind is EdgeKind.SUPPORT and not e.cross]
        own_width = float(next(edges[f"edge-support:{own[0].tail}:{own[0].head}"]
                               .iter(f"{SVG}path")).get("stroke-width"))
        for edge in contrasts:
            group = edges[f"edge-{edge.kind.value}:{edge.tail}:{edge.head}"]
            path = next(group.iter(f"{SVG}path"))
            assert path.get("stroke-dasharray")
            assert float(path.get("stroke-width", "1")) <= own_width
            assert "set by the mapper against" in (tooltip(group) or "")
            assert "contrast" in group.get("class").split()
        assert "legend.contrast" in to_dot(view)

    def test_legend_explains_what_the_diagram_uses(self, corpus):
        dot = to_dot(combined_view(corpus))
        assert "cluster_legend" in dot and "supports" in dot and "stance: disagree" in dot
        bare = to_dot(combined_view(corpus), options=DotOptions(legend=False))
        assert "cluster_legend" not in bare


# --- hostile text: dot accepts every DOT we write ------------------------------------------------

TRICKY = ["\\", "\\\\", "\\N", "\\n", "\\E\\G\\T\\H\\L", "a\\lb", "x\\", '"', '\\"', 'q"\\',
          "&#65;", "&amp;", "a&b", "<b>", "<script>", "]", "]]>", "{|}", "[x]", "line\nbreak",
          "Tōkyō 日本 한국 😀"]


@needs_dot
class TestEscaping:
    @pytest.mark.parametrize("text", TRICKY)
    def test_labels_and_tooltips_show_text_exactly_as_typed(self, text):
        corpus = one_voice(Claim(id="c", text=text))
        svg = svg_of(to_dot(map_view(corpus, "m"), options=DotOptions(wrap=80)))
        node = groups(svg, "node")["node-m/c"]
        first_line = next(node.iter(f"{SVG}text"))
        assert " ".join(text.split()) == "".join(first_line.itertext())
        assert f"m/c: {text}" == tooltip(node)


# Values `quote` treats specially: HTML-like, numerals, keywords, empty, final backslashes.
TRICKY_VALUES = ["<<B>x</B>>", "<<B>x y</B>>", "<b>\n", "a b\\", "-4.2", ".5", "node", "Graph", "", "a:b\\",
                 'say "hi"', 'x\\"y']


class TestStatements:
    """argmap writes node and edge statements itself, to quote repeated strings once; they must
    be the very lines the graphviz package writes, for any text, HTML-like or not."""

    @given(name=hostile_text | st.sampled_from(["node", "-4.2", "a:b", "x\\", "<b>"]),
           values=st.dictionaries(st.sampled_from(["label", "tooltip", "id", "class", "URL", "shape"]),
                                  st.tuples(hostile_text | st.sampled_from(TRICKY_VALUES),
                                            st.booleans()), max_size=5))
    @settings(max_examples=200, deadline=None)
    # what the short cut for labels, tooltips, ids and links must tell apart, in every run (the
    # mutation profile's 15 examples rarely draw them): an HTML-like label with a space, as text
    # or as HTML, and a number that DOT takes unquoted
    @example(name="n", values={"label": ("<<B>x y</B>>", False), "tooltip": ("<<B>x y</B>>", True),
                               "id": ("-4.2", False), "URL": (".5", False)})
    def test_same_lines_as_the_graphviz_package(self, name, values):
        import warnings

        import graphviz

        from argmap.render.dot import _Statements
        attributes = {key: graphviz.nohtml(text) if plain else text
                      for key, (text, plain) in values.items()}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # the package warns about a final odd backslash
            theirs = graphviz.Digraph()
            theirs.node(name, **attributes)
            theirs.edge(name, "other node", **attributes)
            ours = _Statements()
            assert theirs.body == [ours.node(name, attributes),
                                   ours.edge(name, "other node", attributes)]


@needs_dot
class TestHostileText:
    @given(corpus=linked_corpora(text=hostile_text, max_maps=3), url=urls)
    @FAST
    def test_dot_accepts_it_and_the_svg_shows_the_text(self, corpus, url):
        corpus = attrs.evolve(corpus, sources=(Source(id="src", title="S", url=url),))
        view = combined_view(corpus, evidence=True)
        svg = svg_of(to_dot(view, options=DotOptions(wrap=12)))
        nodes = groups(svg, "node")
        for voice, claim in corpus.claims():
            node = nodes[f"node-{ref(voice.id, claim.id)}"]
            assert squeeze(claim.text) in shown_text(node)
            assert squeeze(claim.text) in squeeze(tooltip(node))
            for number, evidence in enumerate(claim.evidence, 1):
                quoted = nodes[f"node-{ref(voice.id, claim.id)}.e{number}"]
                assert squeeze(wrap(evidence.quote, 12)[0]) in shown_text(quoted)
                assert squeeze(evidence.quote) in squeeze(tooltip(quoted))
        for thesis in corpus.theses:
            assert squeeze(thesis.text) in shown_text(nodes[f"node-{thesis.id}"])

    @given(corpus=corpora(text=hostile_text, max_maps=2))
    @FAST
    def test_map_and_thesis_diagrams_too(self, corpus):
        voice = corpus.maps[0]
        svg_of(to_dot(map_view(corpus, voice.id), options=DotOptions(rankdir="LR")))
        for thesis in corpus.theses[:1]:
            svg_of(to_dot(thesis_view(corpus, thesis.id)))


# --- determinism ---------------------------------------------------------------------------------

def shuffled(corpus: Corpus, rng: random.Random) -> Corpus:
    def mix(items):
        items = list(items)
        rng.shuffle(items)
        return tuple(items)

    return attrs.evolve(
        corpus, sources=mix(corpus.sources), theses=mix(corpus.theses),
        maps=mix(attrs.evolve(m, claims=mix(attrs.evolve(c, supports=mix(c.supports),
                                                          attacks=mix(c.attacks)) for c in m.claims),
                              stances=mix(m.stances)) for m in corpus.maps))


def all_dot(corpus: Corpus, **plan) -> dict[str, str]:
    return {v.name: to_dot(v) for v in plan_views(corpus, **plan)}


class TestDeterminism:
    @given(seed=st.integers(0, 2**32 - 1))
    @settings(max_examples=5, deadline=None)
    def test_file_order_does_not_change_the_dot(self, corpus, seed):
        theses = [t.id for t in corpus.theses]
        mixed = shuffled(corpus, random.Random(seed))
        assert all_dot(corpus) == all_dot(mixed)
        assert all_dot(corpus, theses=theses) == all_dot(mixed, theses=theses)

    @given(corpus=corpora(text=hostile_text), seed=st.integers(0, 2**32 - 1))
    @FAST
    def test_generated_corpora_too(self, corpus, seed):
        assert all_dot(corpus, evidence="show") == all_dot(shuffled(corpus, random.Random(seed)),
                                                           evidence="show")

    def test_two_cores_give_the_same_dot_as_one(self, corpus, monkeypatch):
        from argmap import forked
        if not forked._available():
            pytest.skip("needs Linux, fork and two cores")
        monkeypatch.setattr(forked, "MIN_WEIGHT", 0)   # split even this small corpus
        split = all_dot(corpus, evidence="show")
        monkeypatch.setenv("ARGMAP_JOBS", "1")
        assert split == all_dot(corpus, evidence="show")

    def test_same_bytes_whatever_the_hash_seed(self, corpus, tmp_path):
        theses = [arg for t in corpus.theses for arg in ("--thesis", t.id)]
        outputs = []
        for seed in ("1", "4242"):
            out = tmp_path / seed
            env = dict(os.environ, PYTHONHASHSEED=seed)
            for extra in ([], theses):
                done = subprocess.run(
                    [sys.executable, "-m", "argmap", "render", str(MAPS), *SOURCES_ARGS,
                     "--format", "dot", "-o", str(out), *extra],
                    env=env, capture_output=True, text=True, check=False)
                assert 0 == done.returncode, done.stderr
            outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
        screen = plan_views(corpus, detailed=False)   # voices (some in parts), theses, overview
        assert sorted(outputs[0]) == sorted(f"{v.name}.dot" for v in screen)
        assert outputs[0] == outputs[1]


# --- fonts ---------------------------------------------------------------------------------------

CJK = one_voice(
    Claim(id="meeting", text="한국 and 日本 leaders met in Tōkyō (東京)."),
    theses=[Thesis(id="ties", text="日韓関係は改善している — 한일 관계는 개선되고 있다")],
    stances=[Stance(thesis="ties", position=Position.AGREE, because=("meeting",))],
)


def font_installed(family: str) -> bool:
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False)
    return family in listed.stdout


@needs_dot
class TestFonts:
    def test_png_and_pdf_of_korean_japanese_and_macrons_are_drawn(self):
        dot = to_dot(map_view(CJK, "m"))
        assert 'fontname="Noto Sans CJK JP"' in dot
        png, said = run_graphviz(dot, fmt="png", timeout=60)
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000 and "" == said
        pdf, said = run_graphviz(dot, fmt="pdf", timeout=60)
        assert pdf.startswith(b"%PDF") and "" == said
        if not font_installed("Noto Sans CJK JP"):
            pytest.skip("fonts-noto-cjk is not installed, so the glyphs come from another font")
        # The PDF embeds the font it drew with: the CJK one, not a fallback without hangul.
        assert b"NotoSansCJK" in pdf

    def test_the_font_resolves_to_one_with_cjk_glyphs(self):
        if shutil.which("fc-match") is None or not font_installed("Noto Sans CJK JP"):
            pytest.skip("fontconfig or fonts-noto-cjk is not installed")
        for lang in ("ko", "ja"):
            family = subprocess.run(["fc-match", "-f", "%{family}", f"Noto Sans CJK JP:lang={lang}"],
                                    capture_output=True, text=True, check=False).stdout
            assert "CJK" in family


# --- the command ---------------------------------------------------------------------------------

def run(*args: str) -> int:
    return main(["render", str(MAPS), *SOURCES_ARGS, *args])


def fake_dot(folder: Path, body: str) -> str:
    """A `dot` on a PATH of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "dot"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(0o755)
    return str(folder)


class TestCommand:
    @needs_dot
    def test_writes_svg_for_every_map_and_the_combined_view(self, corpus, tmp_path, capsys):
        """--detailed: the drawing for print; by default the screen views (issue 19): every
        map, every thesis, and the overview in place of the combined diagram."""
        assert 0 == run("-o", str(tmp_path), "--detailed")
        names = sorted(p.name for p in tmp_path.iterdir())
        assert sorted([f"{m.id}.svg" for m in corpus.maps] + [f"{COMBINED_NAME}.svg"]) == names
        ET.parse(tmp_path / f"{COMBINED_NAME}.svg")
        assert "Traceback" not in capsys.readouterr().err
        assert 0 == run("-o", str(tmp_path), "--detailed")
        assert "(0 written," in capsys.readouterr().err
        assert 0 == run("-o", str(tmp_path / "screen"))
        names = sorted(p.name for p in (tmp_path / "screen").iterdir())
        assert sorted(f"{v.name}.svg" for v in plan_views(corpus, detailed=False)) == names
        assert "overview_all.svg" in names and "part_nishimura-park_1.svg" in names
        assert {f"thesis_{t.id}.svg" for t in corpus.theses} < set(names)

    @needs_dot
    def test_every_link_in_the_overview_opens_a_written_file(self, corpus, tmp_path):
        """A voice drawn in parts has no `<voice>.svg`: its node opens its first part."""
        assert 0 == run("-o", str(tmp_path))
        svg = ET.parse(tmp_path / "overview_all.svg")
        links = {a.get("{http://www.w3.org/1999/xlink}href")
                 for a in svg.iter("{http://www.w3.org/2000/svg}a")} - {None}   # (tooltips)
        assert "part_nishimura-park_1.svg" in links
        assert len(links) == len(corpus.maps) + len(corpus.theses)
        assert {link for link in links if not (tmp_path / str(link)).is_file()} == set()

    @needs_dot
    def test_rank_same_puts_nodes_on_one_rank(self, corpus, tmp_path):
        voice = next(m for m in corpus.maps if len(m.claims) >= 2 and m.stances)
        first, second = (ref(voice.id, c.id) for c in voice.claims[:2])
        thesis = voice.stances[0].thesis
        assert 0 == run("--map", voice.id, "--format", "dot", "-o", str(tmp_path),
                        "--rank-same", f"{first},{thesis}", "--rankdir", "LR")
        dot = (tmp_path / f"{voice.id}.dot").read_text()
        assert "rank=same" in dot and "rankdir=LR" in dot
        plain, _ = run_graphviz(dot, fmt="plain", timeout=60)
        x = {}
        for line in plain.decode().splitlines():
            parts = line.split()
            if parts[0] == "node":
                x[parts[1].strip('"')] = parts[2]
        assert x[first] == x[thesis]
        assert second in x

    @needs_dot
    def test_pins_put_nodes_on_their_ranks(self, corpus, tmp_path):
        """Rank 0 is the top row; nodes pinned alike share a row; deeper pins sit lower, even
        a claim pinned above the evidence pointing to it (dot turns those arrows round)."""
        voice = max(corpus.maps, key=lambda m: len(m.claims))
        top, deep = (ref(voice.id, c.id) for c in (voice.claims[-1], voice.claims[0]))
        thesis = voice.stances[0].thesis
        assert 0 == run("--map", voice.id, "--format", "dot", "-o", str(tmp_path),
                        "--pin", f"{top}=0", "--pin", f"{deep}=4", "--pin", f"{thesis}=4",
                        "--no-legend")
        plain, _ = run_graphviz((tmp_path / f"{voice.id}.dot").read_text(), fmt="plain",
                                timeout=60)
        y = {}
        for line in plain.decode().splitlines():
            parts = line.split()
            if parts[0] == "node" and not parts[1].startswith('"pin.'):
                y[parts[1].strip('"')] = float(parts[3])
        assert y[top] == max(y.values())          # plain's y grows upwards
        assert y[deep] == y[thesis] < y[top]
        rows = sorted(set(y.values()), reverse=True)
        assert rows.index(y[deep]) >= 4

    @pytest.mark.parametrize("value", ["lind/apology-fatigue", "=2", "lind/apology-fatigue=-1",
                                       "lind/apology-fatigue=x", "lind/apology-fatigue=101"])
    def test_bad_pins_are_usage_errors(self, value, capsys):
        assert 2 == run("--pin", value, "--format", "dot")
        assert "write ID=N" in capsys.readouterr().err

    def test_a_node_pinned_twice_or_unknown_is_a_usage_error(self, capsys):
        assert 2 == run("--pin", "lind/apology-fatigue=1", "--pin", "lind/apology-fatigue=2",
                        "--format", "dot")
        assert "pinned to both rank 1 and rank 2" in capsys.readouterr().err
        assert 2 == run("--pin", "nobody/nothing=1", "--format", "dot")
        assert "unknown node id: nobody/nothing" in capsys.readouterr().err

    def test_side_draws_the_voices_on_one_side_of_a_thesis(self, corpus, tmp_path, capsys):
        thesis = "history-main-barrier"
        assert 0 == run("--thesis", thesis, "--side", "disagree", "--format", "dot",
                        "-o", str(tmp_path))
        assert [f"thesis_{thesis}_disagree.dot"] == [p.name for p in tmp_path.iterdir()]
        dot = (tmp_path / f"thesis_{thesis}_disagree.dot").read_text()
        for voice in corpus.maps:
            stance = voice.stance(thesis)
            if stance is not None:
                assert (f"stance:card.{voice.id}:{thesis}\"" in dot) == (stance.position.value == "disagree")
        assert 2 == run("--side", "agree", "--format", "dot", "-o", str(tmp_path))
        assert "--side needs --thesis" in capsys.readouterr().err

    def test_unknown_ids_are_usage_errors(self, capsys):
        assert 2 == run("--map", "no-such-map", "--format", "dot")
        assert 2 == run("--rank-same", "nobody/nothing,x", "--format", "dot")
        assert "unknown node ids: nobody/nothing, x" in capsys.readouterr().err

    def test_without_dot_a_clear_message_and_format_dot_still_works(self, corpus, tmp_path,
                                                                      monkeypatch, capsys):
        empty = tmp_path / "bin"
        empty.mkdir()
        monkeypatch.setenv("PATH", str(empty))
        voice = corpus.maps[0].id
        assert 1 == run("--map", voice, "-o", str(tmp_path / "out"))
        err = capsys.readouterr().err
        assert "apt-get install graphviz" in err and "brew install graphviz" in err
        assert "--format dot" in err and "Traceback" not in err
        assert 0 == run("--map", voice, "--format", "dot", "-o", str(tmp_path / "out"))
        assert (tmp_path / "out" / f"{voice}.dot").read_text().startswith("digraph ")

    @pytest.mark.skipif(os.name != "posix", reason="the fake dot is a shell script")
    def test_a_slow_render_is_stopped_with_advice(self, corpus, tmp_path, monkeypatch, capsys):
        # `sleep` runs as a child of the script: stopping must take the whole process group.
        monkeypatch.setenv("PATH", fake_dot(tmp_path / "bin", "sleep 30") + os.pathsep
                           + os.environ.get("PATH", ""))
        started = time.monotonic()
        assert 1 == run("--combined", "--timeout", "0.5", "-o", str(tmp_path / "out"))
        assert time.monotonic() - started < 15
        err = capsys.readouterr().err
        assert "--engine sfdp" in err and "--thesis" in err and "Traceback" not in err
        with pytest.raises(GraphvizTimeout):
            run_graphviz("digraph {}", fmt="svg", timeout=0.2)

    @pytest.mark.skipif(os.name != "posix", reason="the fake dot is a shell script")
    def test_a_failing_dot_is_reported_cleanly(self, corpus, tmp_path, monkeypatch, capsys):
        monkeypatch.setenv("PATH", fake_dot(tmp_path / "bin", "echo 'Error: broken' >&2; exit 3"))
        assert 1 == run("--combined", "-o", str(tmp_path / "out"))
        err = capsys.readouterr().err
        assert "Error: broken" in err and "Traceback" not in err

    @pytest.mark.skipif(os.name != "posix", reason="the fake dot is a shell script")
    @pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")
    def test_diagrams_are_drawn_in_parallel_and_reported_in_order(self, corpus, tmp_path,
                                                                   monkeypatch, capsys):
        log = tmp_path / "log"
        body = (f'read first; echo "start $first" >> {log}; sleep 1; echo "end" >> {log}; '
                'case "$first" in *"digraph ' + corpus.maps[1].id + ' "*) '
                'echo "Error: second" >&2; exit 3;; esac; echo "<svg/>"')
        monkeypatch.setenv("PATH", fake_dot(tmp_path / "bin", body) + os.pathsep
                           + os.environ.get("PATH", ""))
        first, second = corpus.maps[0].id, corpus.maps[1].id
        assert 1 == run("--map", first, "--map", second, "-o", str(tmp_path / "out"), "--detailed")
        events = [line.split()[0] for line in log.read_text().splitlines()]
        assert ["start", "start", "end", "end"] == events   # both ran at once
        assert (tmp_path / "out" / f"{first}.svg").is_file()
        assert f"could not draw {second}.svg" in capsys.readouterr().err

    @needs_dot
    def test_a_png_is_drawn_at_150_dpi_so_small_text_stays_legible(self, tmp_path):
        import struct

        corpus = one_voice(Claim(id="a", text="A claim.", supports=("b",)), Claim(id="b", text="B."))
        drawn = {fmt: next(render([map_view(corpus, "m")], DotOptions(), fmt=fmt, output=tmp_path,
                                  fit=False, timeout=60)).target for fmt in ("svg", "png")}
        points = float(re.search(r'<svg width="([0-9.]+)pt"', drawn["svg"].read_text())[1])
        (pixels,) = struct.unpack(">I", drawn["png"].read_bytes()[16:20])

        assert abs(pixels - points * 150 / 72) <= 3

    def test_help_is_short(self):
        from argmap.cli import COMMANDS, build_parser

        build_parser()
        assert len(COMMANDS["render"][0]) < 55


# --- how relations and text look -----------------------------------------------------------------

def every_relation() -> Corpus:
    """Two voices using every kind of relation, each basis, each stance and some evidence."""
    from argmap.model import Basis, Relation

    theses = (Thesis(id="t1", text="First thesis."), Thesis(id="t2", text="Second thesis."))
    a = Map(id="a", authors=(Author(name="Ann"),), source="src", claims=(
        Claim(id="a1", text="A one.", supports=("a2",),
              evidence=(Evidence(quote="A quoted figure.", kind=Kind.STATISTIC),)),
        Claim(id="a2", text="A two.", attacks=("a3",)),
        Claim(id="a3", text="A three.",
              attacks=(Relation(target="b/b1", basis=Basis.CONTRAST),),
              supports=(Relation(target="b/b2", basis=Basis.REPLY),)),
        Claim(id="a4", text="A four.",
              undercuts=(Undercut(from_="b/b1", to="b/b2", basis=Basis.REPLY),))),
        stances=(Stance(thesis="t1", position=Position.AGREE, because=("a1",)),
                 Stance(thesis="t2", position=Position.MIXED, because=("a2",))))
    b = Map(id="b", authors=(Author(name="Bo"),), source="src", claims=(
        Claim(id="b1", text="B one.", supports=("b2",)),
        Claim(id="b2", text="B two.", supports=(Relation(target="a/a3", basis=Basis.CONTRAST),)),
        Claim(id="b3", text="B three.", undercuts=(Undercut(from_="a/a1", to="a/a2"),)),
        Claim(id="b4", text="B four.",
              undercuts=(Undercut(from_="a/a1", to="a/a2", basis=Basis.CONTRAST),))),
        stances=(Stance(thesis="t1", position=Position.DISAGREE, because=("b1",)),))
    return Corpus(sources=(Source(id="src", title="Source"),), theses=theses, maps=(a, b))


def drawn_edges(dot: str) -> dict[str, dict]:
    """Each edge as the real `dot` read it (`-Tjson`), by the id argmap gave it; the arrow at
    the end it points to is `arrow`, whichever end of the DOT edge that is."""
    import json

    drawn = json.loads(run_graphviz(dot, fmt="json")[0])
    edges = {}
    for edge in drawn.get("edges", []):
        if not edge.get("id", "").startswith("edge-"):
            continue
        back = edge.get("dir") == "back"
        edges[edge["id"]] = dict(edge, arrow=edge.get("arrowtail" if back else "arrowhead",
                                                      "normal"),
                                 drawn=bool(edge.get("_tdraw_" if back else "_hdraw_")))
    return edges


def every_relation_views() -> list:
    corpus = every_relation()
    return [map_view(corpus, "a"), map_view(corpus, "b"), combined_view(corpus, evidence=True)]


# How each relation is drawn: colour, line style, arrowhead
RELATION_LOOKS = {
    "support": ("#0072B2", "solid", "normal"),
    "attack": ("#D55E00", "solid", "tee"),
    "undercut": ("#D55E00", "dotted", "tee"),
    "evidence": ("#777777", "solid", "dot"),
    "stance agree": ("#009E73", "dashed", "empty"),
    "stance disagree": ("#CC79A7", "dashed", "empty"),
    "stance mixed": ("#E69F00", "dashed", "empty"),
    "contrast": ("#555555", "dashed", "none"),
}


@needs_dot
class TestRelationLooks:
    """Relations take Okabe-Ito colours and, to read in grey print, each its own line style and
    arrowhead; the mapper's contrast is grey and dashed with no arrowhead."""

    @staticmethod
    def look_of(edge: dict) -> str:
        words = edge["class"].split()
        if "contrast" in words:
            return "contrast"
        return " ".join(words[:2]) if words[0] == "stance" else words[0]

    def test_each_relation_is_drawn_in_its_own_style(self):
        seen = set()
        for view in every_relation_views():
            edges = drawn_edges(to_dot(view))
            assert len(view.edges) == len(edges), view.name
            kinds = {n.id: n.kind for n in view.nodes}
            for edge in edges.values():
                look = self.look_of(edge)
                seen.add(look)
                colour, line, arrow = RELATION_LOOKS[look]
                if look == "support" and kinds[edge["id"].rsplit(":", 1)[1]] is NodeKind.LINK:
                    arrow = "none"   # the first half of a support an undercut splits
                assert (colour, line, arrow) == (edge["color"], edge.get("style", "solid"),
                                                 edge["arrow"]), (view.name, edge["id"])
                assert edge["drawn"] is (arrow != "none"), edge["id"]
        assert set(RELATION_LOOKS) == seen
        # in grey print: no two relations share a line style and an arrowhead
        grey = {(line, arrow) for _colour, line, arrow in RELATION_LOOKS.values()}
        assert len(grey) == len(RELATION_LOOKS) - 2   # the three stances differ by colour only

    def test_stances_are_labelled_in_dark_ink_and_contrasts_never_heavier(self):
        view = combined_view(every_relation(), evidence=True)
        edges = drawn_edges(to_dot(view))
        stances = [e for e in edges.values() if e["class"].startswith("stance")]
        assert {e["class"].split()[1] for e in stances} == {e["label"] for e in stances}
        assert {"#333333"} == {e["fontcolor"] for e in stances}
        own = max(float(e["penwidth"]) for e in edges.values()
                  if self.look_of(e) in ("support", "attack"))
        contrasts = [e for e in edges.values() if self.look_of(e) == "contrast"]
        assert contrasts and all(float(e["penwidth"]) <= own for e in contrasts)

    def test_tooltips_say_the_relation_in_words(self):
        edges = drawn_edges(to_dot(combined_view(every_relation(), evidence=True)))
        said = {edge_id: edge["tooltip"] for edge_id, edge in edges.items()}
        assert {
            "edge-support:a/a1:a/a1>a/a2": "a/a1 supports a/a1 → a/a2",
            "edge-support:a/a1>a/a2:a/a2": "a/a1 → a/a2 supports a/a2",
            "edge-support:b/b1:b/b1>b/b2": "b/b1 supports b/b1 → b/b2",
            "edge-support:b/b1>b/b2:b/b2": "b/b1 → b/b2 supports b/b2",
            "edge-attack:a/a2:a/a3": "a/a2 attacks a/a3",
            "edge-undercut:b/b3:a/a1>a/a2": "b/b3 undercuts the support link a/a1 → a/a2",
            "edge-undercut:a/a4:b/b1>b/b2": "a/a4 answers the support for b/b1 → b/b2",
            "edge-undercut:b/b4:a/a1>a/a2":
                "b/b4 is set by the mapper against the support for a/a1 → a/a2",
            "edge-evidence:a/a1.e1:a/a1": "a/a1.e1 is evidence for a/a1",
            "edge-stance:a/a1:t1": "a/a1 is a reason to agree with t1",
            "edge-stance:b/b1:t1": "b/b1 is a reason to disagree with t1",
            "edge-stance:a/a2:t2": "a/a2 is a reason for a mixed stance on t2",
            "edge-support:a/a3:b/b2": "a/a3 answers, in support of b/b2",
            "edge-attack:a/a3:b/b1": "a/a3 is set by the mapper against b/b1",
            "edge-support:b/b2:a/a3": "b/b2 is set by the mapper beside a/a3",
        } == said

    def test_only_relations_between_voices_are_marked_as_crossing(self):
        edges = drawn_edges(to_dot(combined_view(every_relation(), evidence=True)))
        assert {"edge-attack:a/a3:b/b1", "edge-support:a/a3:b/b2", "edge-support:b/b2:a/a3",
                "edge-undercut:a/a4:b/b1>b/b2", "edge-undercut:b/b3:a/a1>a/a2",
                "edge-undercut:b/b4:a/a1>a/a2"} == {
            edge_id for edge_id, edge in edges.items() if "cross" in edge["class"].split()}

    def test_the_legend_shows_each_relation_used_in_its_style(self):
        dot = to_dot(combined_view(every_relation(), evidence=True))
        import json

        drawn = json.loads(run_graphviz(dot, fmt="json")[0])
        names = {o["_gvid"]: o["name"] for o in drawn["objects"]}
        legend = {names[e["tail"]].removesuffix(".from"): e for e in drawn["edges"]
                  if names[e["tail"]].startswith("legend.")}
        expected = {"legend.support": "support", "legend.attack": "attack",
                    "legend.undercut": "undercut", "legend.evidence": "evidence",
                    "legend.stance.agree": "stance agree",
                    "legend.stance.disagree": "stance disagree",
                    "legend.stance.mixed": "stance mixed", "legend.contrast": "contrast"}
        assert set(expected) == set(legend)
        for name, look in expected.items():
            colour, line, arrow = RELATION_LOOKS[look]
            edge = legend[name]
            assert (colour, line, arrow) == (edge["color"], edge.get("style", "solid"),
                                             edge.get("arrowhead", "normal")), name
        one = to_dot(map_view(one_voice(Claim(id="c", text="Alone")), "m"))
        assert "legend.support" not in one and "legend.contrast" not in one


def contrast_ratio(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two colours (`#rrggbb`, `black` or `white`)."""
    def luminance(colour: str) -> float:
        colour = {"black": "#000000", "white": "#ffffff"}.get(colour.lower(), colour)
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@needs_dot
class TestTextContrast:
    """Every piece of text in a diagram, on what it is drawn on, reads at 4.5:1 or more."""

    @staticmethod
    def texts_on_fills(svg: ET.Element):
        """(what, text colour, colour behind it) for every text of every node, cluster and
        edge label; an unfilled shape shows the white page behind it."""
        for group in svg.iter(f"{SVG}g"):
            kind = classes(group)
            if not kind & {"node", "cluster", "edge"}:
                continue
            shapes = [e for e in group.iter() if e.tag in (f"{SVG}polygon", f"{SVG}path",
                                                           f"{SVG}ellipse")]
            fill = "white"
            if not kind & {"edge"}:
                filled = [e.get("fill") for e in shapes if e.get("fill") not in (None, "none")]
                fill = filled[0] if filled else "white"
            for text in group.iter(f"{SVG}text"):
                yield group.get("id"), text.get("fill", "black"), fill

    def test_every_text_meets_4_5_to_1(self, corpus):
        views = [*every_relation_views(), map_view(corpus, corpus.maps[0].id),
                 combined_view(corpus)]
        checked = 0
        for view in views:
            svg = svg_of(to_dot(view))
            for where, ink, paper in self.texts_on_fills(svg):
                assert contrast_ratio(ink, paper) >= 4.5, (view.name, where, ink, paper)
                checked += 1
        assert checked > 100

    def test_external_claims_are_tinted_from_their_voice_colour(self):
        """A claim of a voice not in the diagram: a paler version of that voice's colour."""
        svg = svg_of(to_dot(map_view(every_relation(), "b")))
        nodes = groups(svg, "node")
        own = next(nodes["node-b/b1"].iter(f"{SVG}path")).get("fill")
        outside = next(nodes["node-a/a3"].iter(f"{SVG}path")).get("fill")
        combined = svg_of(to_dot(combined_view(every_relation())))
        a_colour = next(groups(combined, "node")["node-a/a3"].iter(f"{SVG}path")).get("fill")
        assert own != outside != a_colour
        full = [int(a_colour[i:i + 2], 16) for i in (1, 3, 5)]
        pale = [int(outside[i:i + 2], 16) for i in (1, 3, 5)]
        assert all(f <= p <= 255 for f, p in zip(full, pale, strict=True)) and sum(pale) > sum(full)
        # the same hue: the channels keep their order
        assert sorted(range(3), key=full.__getitem__) == sorted(range(3), key=pale.__getitem__)
        # 35 % of the colour on white, a shade stronger than a voice cluster's 30 %
        assert pale == [round(Fraction(35, 100) * f + Fraction(65, 100) * 255) for f in full]


@needs_dot
class TestLayoutScaffolding:
    """What argmap adds only to steer the layout (rank pins, anchors keeping a voice on its
    side of the theses) is marked `layout` and draws nothing; the view's own nodes keep their
    ids, and pins hold even with no pin on the first rank."""

    @staticmethod
    def check_scaffolding(dot: str, view) -> int:
        """The number of objects `dot` lays out that are not the view's; each must be marked
        `layout` and invisible (read back from `dot -Tjson`, which keeps invisible ones)."""
        import json

        data, said = run_graphviz(dot, fmt="json", timeout=60)
        assert "" == said
        drawn = json.loads(data)
        own = {n.id for n in view.nodes}
        names = {o["_gvid"]: o["name"] for o in drawn.get("objects", [])}
        extra = 0
        for item in [*drawn.get("objects", []), *drawn.get("edges", [])]:
            if ("nodes" in item or "bb" in item or item.get("name", "").startswith("%")
                    or "legend" in item.get("class", "").split()):
                continue   # a cluster or subgraph, or the legend
            ends = [names[item["tail"]], names[item["head"]]] if "tail" in item else [item["name"]]
            if all(end in own for end in ends) and item.get("id", "").startswith(("node-", "edge-")):
                continue
            extra += 1
            assert ("layout", "invis") == (item.get("class"), item.get("style")), ends
        return extra

    def test_pins_draw_nothing_of_their_own(self, corpus):
        voice = max(corpus.maps, key=lambda m: len(m.claims))
        view = map_view(corpus, voice.id)
        first, second = (ref(voice.id, c.id) for c in voice.claims[:2])
        dot = to_dot(view, options=DotOptions(pins=((first, 3), (second, 5)), legend=False))
        assert 6 + 5 == self.check_scaffolding(dot, view)   # 6 markers, 5 links between them

        plain, _ = run_graphviz(dot, fmt="plain", timeout=60)
        y = {parts[1].strip('"'): float(parts[3]) for parts in
             (line.split() for line in plain.decode().splitlines()) if parts[0] == "node"}
        rows = sorted(set(y.values()), reverse=True)    # plain's y grows upwards
        assert rows.index(y[first]) >= 3 and rows.index(y[second]) >= 5
        assert y["pin.rank.0"] == rows[0]
        assert [y[f"pin.rank.{r}"] for r in range(6)] == sorted(
            (y[f"pin.rank.{r}"] for r in range(6)), reverse=True)
        assert rows.index(y[second]) - rows.index(y[first]) >= 2

    def test_anchors_of_a_combined_view_draw_nothing(self, corpus):
        view = combined_view(corpus)
        assert self.check_scaffolding(to_dot(view), view) > 0


@needs_dot
class TestVoiceColours:
    def test_a_voice_cluster_is_a_pale_tint_of_its_claims_colour_and_named(self, corpus):
        """Each voice keeps one colour: its claims are filled with it, its cluster is a paler
        tint of it, bordered in it 2 pt wide, and labelled with the voice's name."""
        view = combined_view(corpus)
        svg = svg_of(to_dot(view))
        nodes = groups(svg, "node")
        clusters = {g.get("id"): g for g in svg.iter(f"{SVG}g") if "cluster" in classes(g)}
        names = {v.id: v.name for v in view.voices}
        colours = set()
        for voice in corpus.maps:
            claim = nodes[f"node-{ref(voice.id, voice.claims[0].id)}"]
            colour = next(claim.iter(f"{SVG}path")).get("fill").upper()
            colours.add(colour)
            cluster = clusters[f"cluster-voice:{voice.id}"]
            shape = next(cluster.iter(f"{SVG}path"))
            assert colour == shape.get("stroke").upper(), voice.id
            assert "2" == shape.get("stroke-width"), voice.id   # bolder than a claim's outline
            tint = shape.get("fill").upper()
            full = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
            pale = [int(tint[i:i + 2], 16) for i in (1, 3, 5)]
            assert all(f < p <= 255 or f == p == 255 for f, p in zip(full, pale, strict=True))
            # 30 % of the colour on white, each channel rounded to the nearest
            assert pale == [round(Fraction(3, 10) * f + Fraction(7, 10) * 255) for f in full]
            assert squeeze(names[voice.id]) == shown_text(cluster), voice.id
        assert len(colours) == min(len(corpus.maps), 9)   # the palette's nine colours


@needs_dot
class TestLegend:
    """The legend shows a sample of each shape and relation the view uses, in words, and the
    voices' colours when no labelled voice cluster shows them."""

    @staticmethod
    def legend_texts(svg: ET.Element) -> dict[str, str]:
        return {"".join(g.find(f"{SVG}title").itertext()): shown_text(g)
                for g in svg.iter(f"{SVG}g") if "legend" in classes(g) and shown_text(g)}

    def test_every_shape_and_relation_used_is_explained(self):
        corpus = every_relation()
        texts = self.legend_texts(svg_of(to_dot(map_view(corpus, "b"))))
        assert {
            "legend.claim": "claim",
            "legend.thesis": "thesis",
            "legend.external": squeeze("claim of a voice not in this diagram"),
            "legend.support.from->legend.support.to": "supports",
            "legend.undercut.from->legend.undercut.to": squeeze(
                "undercuts: attacks the support link (•) it ends on"),
            "legend.stance.disagree.from->legend.stance.disagree.to": squeeze("stance: disagree"),
            "legend.contrast.from->legend.contrast.to": squeeze(
                "contrast: the mapper sets two voices side by side; neither text answers the other"),
            "cluster_legend": "Legend",
        } == texts
        everything = self.legend_texts(svg_of(to_dot(combined_view(corpus, evidence=True))))
        assert squeeze("evidence: a quote, shortened (hover for all of it)") == everything[
            "legend.evidence"]
        assert {"attacks", "isevidencefor", "stance:agree", "stance:mixed"} <= set(
            everything.values())

    def test_voice_colours_are_listed_when_no_cluster_names_them(self):
        corpus = every_relation()
        topics = attrs.evolve(corpus, theses=tuple(attrs.evolve(t, topic="Topic")
                                                   for t in corpus.theses))
        for view, listed in ((combined_view(corpus, group_by="none"), True),
                             (combined_view(topics, group_by="topic"), True),
                             (combined_view(corpus), False), (map_view(corpus, "a"), False),
                             (thesis_view(corpus, "t1"), False)):
            svg = svg_of(to_dot(view))
            table = [g for g in svg.iter(f"{SVG}g")
                     if "legend" in classes(g) and "legend.voices" == "".join(
                         g.find(f"{SVG}title").itertext())]
            assert bool(table) is listed, view.name
            if listed:
                claims = groups(svg, "node")
                swatches = {p.get("fill").upper() for p in table[0].iter(f"{SVG}polygon")
                            if p.get("fill") not in (None, "none", "white", "transparent")}
                fills = {next(claims[f"node-{m.id}/{m.claims[0].id}"].iter(f"{SVG}path"))
                         .get("fill").upper() for m in corpus.maps}
                assert fills == swatches
                assert "AnnBo" == shown_text(table[0])
                assert [] == [e for e in table[0] if e.tag == f"{SVG}ellipse"]   # no outline
                assert 2 == len([p for p in table[0].iter(f"{SVG}polygon")
                                 if p.get("fill") not in (None, "none", "white", "transparent")])

    def test_each_shape_sample_is_drawn_as_the_nodes_it_explains(self):
        """A sample has the shape, outline (rounded, dashed, bold) and border of the nodes it
        explains; only the fill is left white where theirs is the voice's colour."""
        import json

        corpus = every_relation()
        for view in (map_view(corpus, "b"), combined_view(corpus, evidence=True)):
            data, said = run_graphviz(to_dot(view), fmt="json", timeout=60)
            assert "" == said
            objects = [o for o in json.loads(data).get("objects", []) if "nodes" not in o]
            samples = {o["name"]: o for o in objects if o["name"].startswith("legend.")}
            explained = {NodeKind.CLAIM, NodeKind.EVIDENCE, NodeKind.THESIS, NodeKind.EXTERNAL}
            for kind in {n.kind for n in view.nodes} & explained:
                drawn = [o for o in objects if o.get("class", "").split()[:1] == [kind.value]]
                sample = samples[f"legend.{kind.value}"]
                assert drawn, kind
                for node in drawn:
                    assert node["shape"] == sample.get("shape"), kind
                    assert (set(node["style"].split(",")) - {"filled"}
                            == set(sample.get("style", "").split(",")) - {"filled", ""}), kind
                if kind in (NodeKind.EVIDENCE, NodeKind.EXTERNAL):   # grey: not a voice's claim
                    assert {"#777777"} == {n["color"].upper() for n in drawn} == {
                        sample.get("color", "").upper()}
                if kind is NodeKind.EVIDENCE:
                    assert {"#FFFFFF"} == {n["fillcolor"].upper() for n in drawn} == {
                        sample.get("fillcolor", "").upper()}
                if kind is NodeKind.CLAIM:
                    assert "filled" in sample["style"]
                    assert "#FFFFFF" == sample.get("fillcolor", "").upper()

    def test_the_contrast_sample_only_when_the_view_has_a_contrast(self):
        a = Map(id="a", authors=(Author(name="Ann"),), source="src", claims=(
            Claim(id="a1", text="A one.", supports=("a2",)), Claim(id="a2", text="A two.")))
        plain = Corpus(sources=(Source(id="src", title="Source"),), maps=(a,))
        texts = self.legend_texts(svg_of(to_dot(map_view(plain, "a"))))
        assert {"legend.claim": "claim", "legend.support.from->legend.support.to": "supports",
                "cluster_legend": "Legend"} == texts

    def test_samples_are_in_smaller_type_and_broken_where_meant(self):
        """A shape sample's words are set smaller than the claims they explain, in the lines
        the legend gives them (not one word a line, not all on one)."""
        drawn = {}
        for group_by in ("voice", "none"):
            svg = svg_of(to_dot(combined_view(every_relation(), evidence=True, group_by=group_by)))
            drawn |= {"".join(g.find(f"{SVG}title").itertext()): g for g in svg.iter(f"{SVG}g")
                      if classes(g) & {"node", "edge"}}
        claim = max(float(t.get("font-size")) for t in drawn["a/a1"].iter(f"{SVG}text"))
        samples = [g for name, g in drawn.items() if name.startswith("legend.")]
        assert len(samples) > 10 and "legend.voices" in drawn
        for sample in samples:   # smaller, yet readable
            assert all(8 <= float(t.get("font-size")) < claim for t in sample.iter(f"{SVG}text"))
        for name, meant in (
                ("legend.evidence", ["evidence: a quote, shortened", "(hover for all of it)"]),
                ("legend.undercut.from->legend.undercut.to",
                 ["undercuts: attacks the", "support link (•) it ends on"]),
                ("legend.contrast.from->legend.contrast.to",
                 ["contrast: the mapper sets", "two voices side by side;",
                  "neither text answers the other"])):
            assert meant == ["".join(t.itertext()) for t in drawn[name].iter(f"{SVG}text")]

    def test_only_the_undercut_sample_ends_on_a_drawn_point_like_the_diagrams(self):
        """The undercut sample ends on the blue point (•) its words name, the size and colour
        of a support link's point in the diagram; the other samples' ends draw nothing."""
        svg = svg_of(to_dot(combined_view(every_relation(), evidence=True)))
        nodes = {"".join(g.find(f"{SVG}title").itertext()): g for g in svg.iter(f"{SVG}g")
                 if "node" in classes(g)}
        link = next(g for g in nodes.values() if "link" in classes(g))
        drawn = {name: [(e.tag, e.get("rx"), e.get("fill"), e.get("stroke"))
                        for e in g if e.tag in (f"{SVG}ellipse", f"{SVG}polygon", f"{SVG}path")]
                 for name, g in nodes.items() if name.startswith("legend.") and
                 name.endswith((".from", ".to"))}
        assert drawn["legend.undercut.to"] == [
            (e.tag, e.get("rx"), e.get("fill"), e.get("stroke")) for e in link.iter()
            if e.tag in (f"{SVG}ellipse", f"{SVG}polygon", f"{SVG}path")]
        assert [] == [name for name, shapes in drawn.items()
                      if shapes and name != "legend.undercut.to"]

    def test_the_legend_is_a_rounded_light_grey_box_with_its_own_id(self):
        """Set apart from the voices' clusters (coloured, square) and found by a stable id."""
        svg = svg_of(to_dot(map_view(every_relation(), "a")))
        legend = [g for g in svg.iter(f"{SVG}g") if "cluster" in classes(g)
                  and "legend" in classes(g)]
        assert ["cluster-legend"] == [g.get("id") for g in legend]
        outline = [e for e in legend[0] if e.tag in (f"{SVG}path", f"{SVG}polygon")]
        assert [f"{SVG}path"] == [e.tag for e in outline]   # rounded: a path, not a polygon
        assert ("#BBBBBB", "none") == (outline[0].get("stroke").upper(), outline[0].get("fill"))


@needs_dot
def test_claims_in_the_chosen_font_at_11_pt_relation_words_at_9():
    """The font the user picks (a CJK one for Japanese texts) sets every claim and every
    relation's words; claims at 11 pt, the smaller words on arrows at 9."""
    view = combined_view(every_relation(), evidence=True)
    svg = svg_of(to_dot(view, options=DotOptions(fontname="DejaVu Serif")))
    for kind, size in (("node", 11.0), ("edge", 9.0)):
        texts = [t for g in groups(svg, kind).values()
                 if classes(g) & {"claim", "stance"} for t in g.iter(f"{SVG}text")]
        assert len(texts) >= 3, kind
        assert {"DejaVu Serif"} == {t.get("font-family") for t in texts}, kind
        assert size == max(float(t.get("font-size")) for t in texts), kind


@needs_dot
def test_claims_are_outlined_in_dark_grey_theses_darker():
    """A claim's box is outlined in dark grey (#333333), softer than a thesis's (#222222) and
    harder than the grey (#777777) of other voices' claims, whose words are dark grey too."""
    svg = svg_of(to_dot(map_view(every_relation(), "b"), options=DotOptions(legend=False)))
    outlines = {kind: {next(e for e in g.iter() if e.tag in (f"{SVG}path", f"{SVG}polygon"))
                       .get("stroke").upper() for g in groups(svg, "node").values()
                       if kind in classes(g)} for kind in ("claim", "thesis", "external")}
    assert {"claim": {"#333333"}, "thesis": {"#222222"}, "external": {"#777777"}} == outlines
    # and another voice's claim is worded in dark grey, not the black of the view's own
    words = {(t.get("fill") or "#000000").upper() for g in groups(svg, "node").values()
             if "external" in classes(g) for t in g.iter(f"{SVG}text")}
    assert {"#333333"} == words


@needs_dot
def test_evidence_is_a_white_note_naming_its_source_or_saying_it_has_none():
    """A quote is a white note even inside its voice's tinted cluster; one with no source
    anywhere (neither its own nor its map's) says so."""
    svg = svg_of(to_dot(combined_view(every_relation(), evidence=True)))
    notes = [g for g in groups(svg, "node").values() if "evidence" in classes(g)]
    assert notes and all(next(g.iter(f"{SVG}polygon")).get("fill").lower() in ("#ffffff", "white")
                         for g in notes)
    bare = Map(id="a", authors=(Author(name="Ann"),), source=None, claims=(
        Claim(id="a1", text="A one.", evidence=(Evidence(quote="Said once."),)),))
    svg = svg_of(to_dot(map_view(Corpus(sources=(), maps=(bare,)), "a")))
    note = groups(svg, "node")["node-a/a1.e1"]
    assert "—unknownsource" in shown_text(note)
    claim = max(float(t.get("font-size")) for t in groups(svg, "node")["node-a/a1"].iter(
        f"{SVG}text"))
    assert all(8 <= float(t.get("font-size")) < claim for t in note.iter(f"{SVG}text"))
    long = Source(id="long", title=" ".join(["A very long title of a collected volume"] * 6))
    cited = attrs.evolve(bare, source="long")
    svg = svg_of(to_dot(map_view(Corpus(sources=(long,), maps=(cited,)), "a")))
    footer = [t for t in groups(svg, "node")["node-a/a1.e1"].iter(f"{SVG}text")
              if "".join(t.itertext()) != "“Said once.”"]
    assert 2 == len(footer) and "".join(footer[-1].itertext()).endswith("…")


@needs_dot
def test_a_claims_source_link_opens_in_a_new_tab():
    """Clicking a claim opens its source beside the diagram, not in place of it."""
    a = Map(id="a", authors=(Author(name="Ann"),), source="src",
            claims=(Claim(id="a1", text="A one."),))
    corpus = Corpus(sources=(Source(id="src", title="S", url="https://example.org/s"),), maps=(a,))
    svg = svg_of(to_dot(map_view(corpus, "a")))
    link = next(groups(svg, "node")["node-a/a1"].iter(f"{SVG}a"))
    assert ("https://example.org/s", "_blank") == (link.get(f"{XLINK}href"), link.get("target"))


@needs_dot
def test_a_footer_in_small_type_takes_a_quarter_more_columns_than_the_claim():
    """Ids and quote counts are set smaller, so a footer of 35 columns (28 + 28 // 4) stays on
    one line under a claim wrapped at 28."""
    claim = Claim(id="long-claim-id-for-footer", text="Short.", evidence=(
        Evidence(quote="One quote."), Evidence(quote="Another quote.")))
    corpus = Corpus(sources=(Source(id="src", title="Source"),), maps=(
        Map(id="a", authors=(Author(name="Ann"),), source="src", claims=(claim,)),))
    footer = "long-claim-id-for-footer · 2 quotes"
    assert 35 == len(footer)
    svg = svg_of(to_dot(map_view(corpus, "a", evidence=False), options=DotOptions(wrap=28)))
    node = groups(svg, "node")["node-a/long-claim-id-for-footer"]
    assert [footer] == ["".join(t.itertext()) for t in node.iter(f"{SVG}text")
                        if float(t.get("font-size")) < 11]


@needs_dot
def test_a_long_title_is_wrapped_at_three_times_the_text_width_and_never_under_40():
    view = map_view(every_relation(), "a")
    for wrap_at, width in ((28, 84), (10, 40)):
        titled = attrs.evolve(view, title=" ".join(["a"] * 150))
        svg = svg_of(to_dot(titled, options=DotOptions(wrap=wrap_at, legend=False)))
        lines = ["".join(t.itertext()) for t in svg.find(f"{SVG}g").findall(f"{SVG}text")]
        assert len(lines) > 2 and all(width - 1 <= len(line) <= width for line in lines[:-1])


@needs_dot
def test_the_drawing_is_titled_with_its_view():
    """The SVG's own title (what a browser shows over an empty spot of it) names the view."""
    view = map_view(every_relation(), "a")
    svg = svg_of(to_dot(view))
    assert view.name == "".join(svg.find(f"{SVG}g").find(f"{SVG}title").itertext())


@needs_dot
class TestPage:
    """What the whole drawing looks like, read back from what the real `dot` draws: the title,
    the spacing that keeps it readable, the margin, and the names a style sheet can use."""

    @staticmethod
    def boxes(layout: dict) -> dict[str, tuple[float, float, float, float]]:
        """Each drawn node's box (left, bottom, right, top, in points) in a `-Tjson` layout."""
        found = {}
        for node in layout.get("objects", []):
            if "pos" not in node or "invis" in node.get("style", "") or node.get("shape") == "point":
                continue
            x, y = map(float, node["pos"].split(","))
            half_w, half_h = float(node["width"]) * 36, float(node["height"]) * 36
            found[node["name"]] = (x - half_w, y - half_h, x + half_w, y + half_h)
        return found

    @staticmethod
    def layout(dot: str, engine: str = "dot") -> dict:
        import json

        data, said = run_graphviz(dot, fmt="json", engine=engine, timeout=60)
        assert "" == said
        return json.loads(data)

    def test_the_title_is_at_the_top_in_the_chosen_font_larger_than_the_claims(self):
        """A title in Japanese needs the CJK font the user chose, like the claims do."""
        view = attrs.evolve(map_view(every_relation(), "a"), title="日本語の題 Title")
        svg = svg_of(to_dot(view, options=DotOptions(fontname="DejaVu Serif", legend=False)))
        page = svg.find(f"{SVG}g")
        title = page.findall(f"{SVG}text")                   # the graph's own label
        assert "日本語の題Title" == squeeze("".join("".join(t.itertext()) for t in title))
        assert {("DejaVu Serif", "16.00")} == {(t.get("font-family"), t.get("font-size"))
                                               for t in title}
        below = [float(t.get("y")) for g in groups(svg, "node").values()
                 for t in g.iter(f"{SVG}text")]
        assert below and max(float(t.get("y")) for t in title) < min(below)   # SVG's y grows down

    def test_arrows_are_drawn_before_the_boxes_so_a_box_covers_what_runs_under_it(self):
        svg = svg_of(to_dot(combined_view(every_relation(), evidence=True)))
        order = [kind for g in svg.find(f"{SVG}g").findall(f"{SVG}g")
                 for kind in ("edge", "node") if kind in classes(g)]
        assert order.count("edge") >= 10 and order.count("node") >= 10
        assert order == sorted(order)                        # every edge, then every node

    def test_boxes_in_a_row_are_0_3_in_apart_and_rows_0_45_in(self):
        """Closer than Graphviz's own spacing (0.25 in, 0.5 in) would cramp the claims side by
        side; rows 0.45 in apart, not 0.5, let a tall map fit a screen."""
        drawn = self.boxes(self.layout(to_dot(map_view(every_relation(), "a"),
                                              options=DotOptions(legend=False))))
        side = [b[0] - a[2] for a in drawn.values() for b in drawn.values()
                if a is not b and abs(a[1] + a[3] - b[1] - b[3]) < 0.1 and b[0] > a[2] - 0.1]
        below = [a[1] - b[3] for a in drawn.values() for b in drawn.values() if a[1] > b[3] - 0.1]
        assert side and 0.3 * 72 - 0.5 <= min(side) < 0.3 * 72 + 0.5
        assert below and 0.45 * 72 - 0.5 <= min(below) < 0.45 * 72 + 1

    def test_a_white_margin_of_0_2_in_around_the_drawing(self):
        dot = to_dot(map_view(every_relation(), "a"))
        _left, _bottom, right, top = map(float, self.layout(dot)["bb"].split(","))
        _x, _y, width, height = map(float, svg_of(dot).get("viewBox").split())
        assert (pytest.approx(right + 2 * 14.4, abs=0.1), pytest.approx(top + 2 * 14.4, abs=0.1)) \
            == (width, height)

    def test_the_drawing_is_named_for_style_sheets_and_scripts(self):
        """The SVG's outermost group: `id="graph-VIEW"`, `class="argmap KIND"` (docs/render.md)."""
        for view in (map_view(every_relation(), "a"), combined_view(every_relation())):
            page = svg_of(to_dot(view, options=DotOptions(legend=False))).find(f"{SVG}g")
            assert f"graph-{view.name}" == page.get("id")
            assert {"argmap", view.kind.value} <= classes(page)

    def test_a_saved_dot_file_draws_with_the_engine_it_was_made_for(self):
        """docs/render.md: plain `dot -Tsvg` on a DOT written for `--engine neato` draws it
        with neato."""
        dot = to_dot(combined_view(every_relation()), options=DotOptions(engine="neato"))
        plain = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True,
                               check=True, timeout=60).stdout
        assert run_graphviz(dot, fmt="svg", engine="neato")[0] == plain

    @pytest.mark.parametrize("engine", ["neato", "sfdp"])
    def test_force_directed_layouts_keep_boxes_apart_and_arrows_around_them(self, engine):
        """neato and sfdp would otherwise pile boxes on one another and draw arrows straight
        through claims they do not join; boxes stay 12 pt (6 pt of margin each) apart."""
        view = combined_view(every_relation(), evidence=True)
        drawn = self.layout(to_dot(view, options=DotOptions(engine=engine)), engine)
        boxes = self.boxes(drawn)
        gaps = [max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3])
                for (_, a), (_, b) in itertools.combinations(boxes.items(), 2)]
        assert len(boxes) >= 10 and min(gaps) >= 12 - 0.5
        names = {node["_gvid"]: node["name"] for node in drawn["objects"]}
        for edge in drawn["edges"]:
            ends = {names[edge["tail"]], names[edge["head"]]}
            points = [p for op in edge.get("_draw_", []) if op["op"] == "b"
                      for p in bezier_points(op["points"])]
            for name, (left, bottom, right, top) in boxes.items():
                assert name in ends or not any(left + 2 < x < right - 2 and bottom + 2 < y < top - 2
                                               for x, y in points), (edge["id"], name)


def bezier_points(controls: list, steps: int = 20):
    """Points along a chain of cubic Bézier segments as Graphviz writes them (1 + 3n points)."""
    for i in range(0, len(controls) - 3, 3):
        p0, p1, p2, p3 = controls[i:i + 4]
        for k in range(steps + 1):
            t = k / steps
            yield tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t * t * c
                        + t ** 3 * d for a, b, c, d in zip(p0, p1, p2, p3, strict=True))


def test_screen_views_and_the_overview_are_drawn_for_a_screen(corpus):
    """`screen=True` asks for the screen's cards in any view, and the overview has no other
    form; the print diagram is only for the rest."""
    from argmap.render.screen import screen_dot

    screen = DotOptions(screen=True)
    overview = next(v for v in plan_views(corpus, detailed=False) if v.kind.value == "overview")
    view = map_view(corpus, corpus.maps[0].id)
    assert screen_dot(view, screen) == to_dot(view, options=screen)
    assert screen_dot(overview, DotOptions()) == to_dot(overview)
    assert screen_dot(view, DotOptions()) != to_dot(view)


class TestShortenFits:
    @given(text=plain_text | hostile_text, width=st.integers(4, 30), lines=st.integers(1, 4))
    @FAST
    def test_the_start_of_the_text_in_at_most_so_many_lines(self, text, width, lines):
        from argmap.render.width import columns as _columns

        full, short = wrap(text, width), shorten(text, width, lines)
        assert all(_columns(line) <= width for line in short)
        if len(full) <= lines:
            assert full == short
            return
        assert lines == len(short) and short[:-1] == full[:lines - 1]
        last, cut = short[-1], full[lines - 1]
        assert last.endswith("…") and cut.startswith(last[:-1])
        if _columns(cut) < width:   # room for the ellipsis: the line is kept whole
            assert cut + "…" == last


@needs_dot
class TestVoicesAroundTheTheses:
    def test_every_second_voice_sits_below_the_row_of_theses(self, corpus):
        """In a diagram grouped by voice the theses are one row in the middle: the first,
        third… voice above it, the others below, every one of their nodes."""
        view = combined_view(corpus)
        plain, _ = run_graphviz(to_dot(view), fmt="plain", timeout=60)
        y = {parts[1].strip('"'): float(parts[3]) for parts in
             (line.split() for line in plain.decode().splitlines()) if parts[0] == "node"}
        theses = [n.id for n in view.nodes if n.kind is NodeKind.THESIS]
        assert 1 == len({y[t] for t in theses})
        row = y[theses[0]]
        voices = [c for c in view.clusters if c.voice]
        assert len(voices) > 2
        for number, cluster in enumerate(voices):
            above = number % 2 == 0
            assert all((y[n] > row) is above for n in cluster.nodes), cluster.voice

    def test_reasons_flow_toward_the_theses_from_both_sides(self, corpus):
        """Within a voice, a claim sits on the far side of the claim it supports or attacks:
        above it in a voice above the theses, below it in a voice below."""
        view = combined_view(corpus)
        plain, _ = run_graphviz(to_dot(view), fmt="plain", timeout=60)
        y = {parts[1].strip('"'): float(parts[3]) for parts in
             (line.split() for line in plain.decode().splitlines()) if parts[0] == "node"}
        voices = [c for c in view.clusters if c.voice]
        side = {node: number % 2 == 0 for number, c in enumerate(voices) for node in c.nodes}
        within = [e for e in view.edges if e.tail in side and e.head in side
                  and e.tail.split("/")[0] == e.head.split("/")[0]]
        assert any(not side[e.tail] for e in within) and any(side[e.tail] for e in within)
        for edge in within:
            assert (y[edge.tail] > y[edge.head]) is side[edge.tail], (edge.tail, edge.head)


@needs_dot
class TestNodeText:
    """What each kind of node says: a claim its text and id (short in its own voice's diagram)
    and, when its quotes are not drawn, how many; a quote in quotation marks and its source; a
    thesis in bold with its id; another voice's claim with that voice's name."""

    def test_claims_name_their_quotes_when_these_are_not_drawn(self):
        corpus = every_relation()
        corpus = attrs.evolve(corpus, maps=(attrs.evolve(corpus.maps[0], claims=(
            attrs.evolve(corpus.maps[0].claims[0], evidence=(
                Evidence(quote="One."), Evidence(quote="Two."))),
            attrs.evolve(corpus.maps[0].claims[1], evidence=(Evidence(quote="Three."),)),
            *corpus.maps[0].claims[2:])), corpus.maps[1]))
        bare = groups(svg_of(to_dot(map_view(corpus, "a", evidence=False))), "node")
        assert squeeze("A one. a1 · 2 quotes") == shown_text(bare["node-a/a1"])
        assert squeeze("A two. a2 · 1 quote") == shown_text(bare["node-a/a2"])
        assert squeeze("A three. a3") == shown_text(bare["node-a/a3"])
        drawn = groups(svg_of(to_dot(map_view(corpus, "a"))), "node")
        assert squeeze("A one. a1") == shown_text(drawn["node-a/a1"])
        combined = groups(svg_of(to_dot(combined_view(corpus))), "node")
        assert squeeze("A one. a/a1 · 2 quotes") == shown_text(combined["node-a/a1"])

    def test_quotes_theses_and_other_voices_claims(self):
        corpus = every_relation()
        nodes = groups(svg_of(to_dot(map_view(corpus, "a"))), "node")
        assert squeeze("“A quoted figure.” — Source (statistic)") == shown_text(
            nodes["node-a/a1.e1"])
        assert "“A quoted figure.”\n— Source (statistic)" == tooltip(nodes["node-a/a1.e1"])
        thesis = nodes["node-t1"]
        assert squeeze("First thesis. thesis · t1") == shown_text(thesis)
        assert "Thesis t1: First thesis." == tooltip(thesis)
        assert any(t.get("font-weight") == "bold" for t in thesis.iter(f"{SVG}text"))
        other = nodes["node-b/b1"]
        assert squeeze("B one. Bo · b/b1") == shown_text(other)
        assert "Bo, b/b1: B one." == tooltip(other)
        assert "external" in classes(other) and "voice-b" in classes(other)
        b_nodes = groups(svg_of(to_dot(map_view(corpus, "b"))), "node")
        assert "the support link a/a1 → a/a2" == tooltip(b_nodes["node-a/a1>a/a2"])

    def test_another_voices_claim_is_cut_to_four_lines_and_hovered_in_full(self):
        """It is context in this diagram, so it takes little room; its tooltip has all of it."""
        corpus = every_relation()
        long = " ".join(f"word{n}" for n in range(60))
        b = attrs.evolve(corpus.maps[1], claims=(attrs.evolve(corpus.maps[1].claims[0], text=long),
                                                 *corpus.maps[1].claims[1:]))
        corpus = attrs.evolve(corpus, maps=(corpus.maps[0], b))
        other = groups(svg_of(to_dot(map_view(corpus, "a"))), "node")["node-b/b1"]
        lines = ["".join(t.itertext()) for t in other.iter(f"{SVG}text")
                 if float(t.get("font-size")) == 11]
        assert 4 == len(lines) and lines[-1].endswith("…")
        assert squeeze(" ".join(lines)).removesuffix("…") in squeeze(long)
        assert f"Bo, b/b1: {long}" == tooltip(other)

    def test_text_keeps_0_12_in_from_the_sides_of_its_box(self):
        """A little more room than Graphviz's 0.11 in, so words never seem to touch the outline
        (`-Tjson` gives each drawn line's width)."""
        import json

        dot = to_dot(combined_view(every_relation(), evidence=True), options=DotOptions(legend=False))
        drawn = json.loads(run_graphviz(dot, fmt="json")[0])["objects"]
        boxes = [(node["name"], float(node["width"]) * 72,
                  max(op["width"] for op in node["_ldraw_"] if op["op"] == "T"))
                 for node in drawn if node.get("shape") in ("box", "note") and "_ldraw_" in node]
        assert len(boxes) >= 8
        assert all((width - text) / 2 >= 0.12 * 72 - 0.5 for _, width, text in boxes), boxes

    def test_a_long_quote_is_cut_without_a_closing_mark(self):
        quote = " ".join(f"word{n}" for n in range(80))
        corpus = one_voice(Claim(id="c", text="C", evidence=(Evidence(quote=quote,
                                                                       source=None),)))
        node = groups(svg_of(to_dot(map_view(corpus, "m"), options=DotOptions(quote_lines=2))),
                      "node")["node-m/c.e1"]
        lines = ["".join(t.itertext()) for t in node.iter(f"{SVG}text")]
        assert lines[0].startswith("“word0 ") and lines[1].endswith("…")
        assert not any("”" in line for line in lines)
        assert "— Source title" == lines[2]

    def test_theses_and_topics_are_grey_dashed_labelled_groups(self, corpus):
        for view in (combined_view(corpus), combined_view(corpus, group_by="topic")):
            svg = svg_of(to_dot(view))
            clusters = {g.get("id"): g for g in svg.iter(f"{SVG}g") if "cluster" in classes(g)}
            groups_ = [c for c in view.clusters if not c.voice]
            assert groups_, view.name
            for cluster in groups_:
                group = clusters[f"cluster-{cluster.id}"]
                shape = next(group.iter(f"{SVG}path"))
                assert squeeze(cluster.label) == shown_text(group), cluster.id
                assert ("#999999", "none") == (shape.get("stroke"), shape.get("fill"))
                assert shape.get("stroke-dasharray"), cluster.id
                assert cluster.kind.value in classes(group)
