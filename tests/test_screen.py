"""What a screen view says in words (docs/render.md, "Views for a screen"): a thesis view's
cards name each claim's relations by the row number of the other claim, and the other voice
when it is another's; a card's rows link to the claim on the voice's site page."""

from __future__ import annotations

import re

import attrs

from argmap.model import Author, Claim, Corpus, Evidence, Map, Position, Stance, Thesis, Undercut
from argmap.render.dot import DotOptions
from argmap.render.screen import screen_dot
from argmap.render.view import thesis_view

SCREEN = DotOptions(screen=True)

# Ann agrees with t for two reasons, the second supporting the first; Bo disagrees for one
# reason, which attacks Ann's first.
CORPUS = Corpus(theses=(Thesis(id="t", text="A thesis."),), maps=(
    Map(id="ann", authors=(Author(name="Ann Lee"),), claims=(
        Claim(id="first", text="Ann's first reason."),
        Claim(id="second", text="Ann's second reason.", supports=("first",))),
        stances=(Stance(thesis="t", position=Position.AGREE, because=("first", "second")),)),
    Map(id="bo", authors=(Author(name="Bo Chan"),), claims=(
        Claim(id="only", text="Bo's reason.", attacks=("ann/first",)),),
        stances=(Stance(thesis="t", position=Position.DISAGREE, because=("only",)),)),
))


def rows(source: str) -> dict[str, str]:
    """Each card row's claim id and its text, the HTML tags taken out."""
    found = re.findall(r'ID="claim-([^"]+)"[^>]*>(.*?)</TD>', source)
    return {claim: re.sub(r"<[^>]+>", " ", text) for claim, text in found}


def words(text: str) -> str:
    return " ".join(text.split())


class TestThesisCards:
    def test_a_row_names_the_claims_it_bears_on_by_number_and_voice(self):
        found = rows(screen_dot(thesis_view(CORPUS, "t"), SCREEN))

        assert "2 · no quotes · supports 1" in words(found["ann/second"])
        assert "1 · no quotes · attacks Ann Lee 1" in words(found["bo/only"])
        assert "supports" not in found["ann/first"] and "attacks" not in found["ann/first"]

    def test_a_cards_header_says_the_position_in_words_and_sign(self):
        source = screen_dot(thesis_view(CORPUS, "t"), SCREEN)

        assert "Ann Lee — ✓ agrees" in source and "Bo Chan — ✗ disagrees" in source

    def test_an_undercut_names_the_claim_whose_support_it_undercuts(self):
        undercut = Undercut(from_="ann/second", to="ann/first")
        corpus = attrs.evolve(CORPUS, maps=(CORPUS.maps[0], attrs.evolve(CORPUS.maps[1], claims=(
            Claim(id="only", text="Bo's reason.", undercuts=(undercut,)),))))
        found = rows(screen_dot(thesis_view(corpus, "t"), SCREEN))

        assert "1 · no quotes · undercuts the support for Ann Lee 1" in words(found["bo/only"])

    def test_quotes_are_counted_in_words(self):
        def quoted(count: int) -> Corpus:
            claim = Claim(id="c", text="C.", evidence=tuple(Evidence(quote=f"q{i}") for i in range(count)))
            return Corpus(theses=(Thesis(id="t", text="T."),), maps=(Map(
                id="m", authors=(Author(name="M"),), claims=(claim,),
                stances=(Stance(thesis="t", position=Position.AGREE, because=("c",)),)),))

        counted = [words(rows(screen_dot(thesis_view(quoted(n), "t"), SCREEN))["m/c"]) for n in (0, 1, 2)]

        assert ["1 · no quotes", "1 · 1 quote", "1 · 2 quotes"] == [c.split("C. ")[1] for c in counted]

    def test_a_row_links_to_its_claim_on_the_voices_page(self):
        source = screen_dot(thesis_view(CORPUS, "t"), DotOptions(screen=True, site_root="../"))

        assert re.search(r'ID="claim-bo/only"[^>]* HREF="\.\./voices/bo\.html#claim-only"', source)


class TestVoiceView:
    def test_each_thesis_says_the_voices_position_in_words_and_sign(self):
        from argmap.render.view import map_view

        ann = screen_dot(map_view(CORPUS, "ann", evidence=False), SCREEN)
        bo = screen_dot(map_view(CORPUS, "bo", evidence=False), SCREEN)

        assert "✓ agrees:" in ann and "✗ disagrees:" in bo
