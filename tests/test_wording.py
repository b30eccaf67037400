"""The one rule for putting a relation in words (argmap.wording): whose it is always shows."""

from __future__ import annotations

import json

import pytest

from argmap.model import Author, Basis, Corpus, Map, Source
from argmap.wording import phrase, sentence, voice_label


@pytest.mark.parametrize("kind", ["support", "attack", "undercut"])
def test_a_contrast_is_the_mappers_either_way(kind) -> None:
    assert phrase(kind, Basis.CONTRAST).startswith("set by the mapper")
    assert "mapper" in phrase(kind, Basis.CONTRAST, backwards=True)
    assert "attack" not in phrase(kind, Basis.CONTRAST) + phrase(kind, Basis.REPLY)


def test_sentences() -> None:
    assert "The mapper sets Jo against Yeo: Two years apart." == \
        sentence("attack", Basis.CONTRAST, "Jo", "Yeo", note="Two years apart.")
    assert "Lind answers Yeo: “not so”" == sentence("attack", Basis.REPLY, "Lind", "Yeo", quote="not so")
    assert "Lind attacks Lind" == sentence("attack", None, "Lind", "Lind")


def test_a_voice_carries_its_sources_date() -> None:
    corpus = Corpus(sources=(Source(id="s", date="2024-11-22"), Source(id="t")),
                    maps=(Map(id="a", authors=(Author(name="A"),), source="s"),
                          Map(id="b", authors=(Author(name="B"),), source="t")))
    assert ["A (2024-11-22)", "B"] == [voice_label(m, corpus) for m in corpus.maps]


def test_table_and_diff_show_each_voices_date() -> None:
    from argmap.compare import diff_voices, stance_table
    from argmap.model import Claim, Position, Stance, Thesis
    from argmap.render.tables import to_json, to_term

    def voice(map_id: str, source: str, position: Position) -> Map:
        return Map(id=map_id, authors=(Author(name=map_id.title()),), source=source,
                   claims=(Claim(id="c", text="C."),),
                   stances=(Stance(thesis="t", position=position, because=("c",)),))

    corpus = Corpus(sources=(Source(id="s", date="2023"), Source(id="u", date="2025-02-24")),
                    theses=(Thesis(id="t", text="T."),),
                    maps=(voice("jo", "s", Position.AGREE), voice("np", "u", Position.DISAGREE)))
    assert ["2023", "2025-02-24"] == [v.date for v in stance_table(corpus).voices]
    diff = diff_voices(corpus, "jo", "np")
    assert "jo (Jo (2023)) and np (Np (2025-02-24))" in to_term(diff)
    assert "2025-02-24" in to_json(diff)


def test_the_diff_words_each_relation_between_the_two_by_its_basis() -> None:
    from argmap.compare import diff_voices
    from argmap.model import Claim, Evidence, Relation
    from argmap.render.tables import to_json, to_md

    corpus = Corpus(
        sources=(Source(id="s", date="2023"), Source(id="u", date="2025")),
        maps=(Map(id="jo", authors=(Author(name="Jo"),), source="s", claims=(
                  Claim(id="gloom", text="G.", attacks=(
                      Relation(target="np/hope", basis=Basis.CONTRAST, note="Two years apart."),)),)),
              Map(id="np", authors=(Author(name="Np"),), source="u", claims=(
                  Claim(id="hope", text="H.", attacks=(
                      Relation(target="jo/gloom", basis=Basis.REPLY, evidence=(Evidence(quote="no"),)),)),))))
    diff = diff_voices(corpus, "jo", "np")
    md = to_md(diff)
    assert "The mapper sets Jo (2023)'s jo/gloom against Np (2025)'s np/hope: Two years apart." in md
    assert "Np (2025)'s np/hope answers Jo (2023)'s jo/gloom: “no”" in md
    assert ["contrast", "reply"] == [b["basis"] for b in json.loads(to_json(diff))["between"]]
