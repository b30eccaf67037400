"""Hypothesis strategies for the model, in one place so every feature gets generated inputs."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import (
    Author, Claim, Corpus, Evidence, Kind, Map, Position, Source, Stance, Thesis,
)

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,11}", fullmatch=True)

# Text a map author might type, including the characters that break naive output code.
HOSTILE = ['"', "'", "\\", "<", ">", "&", "{", "}", "|", "[", "]", "#", ":", "%", "$", "\n",
           "\t", "=", "`", "*", "_", "\u00a0", "😀", "日本", "한국", "Tōkyō", "<script>", "\\input{x}"]
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(codec="utf-8",
              exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)),
    min_size=1, max_size=8,
).map("".join).filter(lambda s: s.strip() != "")

plain_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
                     min_size=1, max_size=40).filter(lambda s: s.strip() != "")


@st.composite
def maps(draw, map_id: str | None = None, thesis_ids: tuple[str, ...] = (), source_id: str = "src",
         text=hostile_text) -> Map:
    """A valid map: unique claim ids, references that resolve, stances citing own claims."""
    mid = map_id or draw(slugs)
    ids = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))
    claims = []
    for cid in ids:
        others = [i for i in ids if i != cid]
        claims.append(Claim(
            id=cid,
            text=draw(text),
            evidence=tuple(Evidence(quote=draw(text), kind=draw(st.sampled_from(Kind)))
                           for _ in range(draw(st.integers(0, 2)))),
            supports=tuple(draw(st.lists(st.sampled_from(others), unique=True, max_size=2))) if others else (),
            attacks=tuple(draw(st.lists(st.sampled_from(others), unique=True, max_size=2))) if others else (),
        ))
    stances = tuple(
        Stance(thesis=t, position=draw(st.sampled_from(Position)),
               because=tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))))
        for t in draw(st.lists(st.sampled_from(thesis_ids), unique=True)) if thesis_ids
    ) if thesis_ids else ()
    return Map(id=mid, authors=(Author(name=draw(text)),), source=source_id,
               claims=tuple(claims), stances=stances)


@st.composite
def corpora(draw, text=hostile_text, min_maps: int = 1, max_maps: int = 5) -> Corpus:
    """A valid corpus of several voices sharing a set of theses."""
    thesis_ids = tuple(draw(st.lists(slugs, min_size=1, max_size=6, unique=True)))
    map_ids = draw(st.lists(slugs, min_size=min_maps, max_size=max_maps, unique=True))
    theses = tuple(Thesis(id=t, text=draw(text)) for t in sorted(thesis_ids))
    the_maps = tuple(draw(maps(map_id=m, thesis_ids=thesis_ids, text=text)) for m in sorted(map_ids))
    return Corpus(sources=(Source(id="src", title="A source"),), theses=theses, maps=the_maps)
