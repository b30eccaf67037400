"""Hypothesis strategies for the model, in one place so every feature gets generated inputs."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import (
    Author,
    Basis,
    Claim,
    Corpus,
    Evidence,
    Kind,
    Map,
    Position,
    Relation,
    Source,
    Stance,
    Thesis,
    Undercut,
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
def bases(draw, text=plain_text) -> dict:
    """What a cross-voice relation needs (issue 18): a contrast with its note, or a reply with
    the words that answer, as keyword arguments for Relation or Undercut."""
    if draw(st.booleans()):
        return {"basis": Basis.CONTRAST, "note": draw(text)}
    return {"basis": Basis.REPLY, "note": draw(st.none() | text),
            "evidence": (Evidence(quote=draw(text), kind=draw(st.sampled_from(Kind))),)}


@st.composite
def relations(draw, targets: list[str], here: str, text=plain_text, max_size: int = 2):
    """Relations to some of `targets`; those that reach another voice than `here` say whose."""
    chosen = draw(st.lists(st.sampled_from(targets), unique=True, max_size=max_size)) if targets else []
    return tuple(Relation(target=t, **draw(bases(text))) if _across(t, here) else Relation(target=t)
                 for t in chosen)


def _across(reference: str, here: str) -> bool:
    return "/" in reference and reference.split("/", 1)[0] != here


def undercut(draw, start: str, end: str, here: str, text=plain_text) -> Undercut:
    across = _across(start, here) or _across(end, here)
    return Undercut(from_=start, to=end, **(draw(bases(text)) if across else {}))


@st.composite
def maps(draw, map_id: str | None = None, thesis_ids: tuple[str, ...] = (), source_id: str = "src",
         text=hostile_text, max_claims: int = 6) -> Map:
    """A valid map: unique claim ids, references that resolve, stances citing own claims."""
    mid = map_id or draw(slugs)
    ids = draw(st.lists(slugs, min_size=1, max_size=max_claims, unique=True))
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
def voiced_maps(draw, text=hostile_text) -> Map:
    """`maps()` whose claims also reach other voices, each relation saying whose it is (a
    contrast with its note, a reply with its quote), as one map file holds them."""
    import attrs

    m = draw(maps(text=text))
    others = [f"other-{i}/{c}" for i in range(2) for c in ("x", "y")]
    claims = tuple(attrs.evolve(
        c, supports=c.supports + draw(relations(others, m.id, text, max_size=1)),
        attacks=c.attacks + draw(relations(others, m.id, text)),
        undercuts=tuple(undercut(draw, "other-0/x", "other-0/y", m.id, text)
                        for _ in range(draw(st.integers(0, 1)))))
        for c in m.claims)
    return attrs.evolve(m, claims=claims)


@st.composite
def corpora(draw, text=hostile_text, min_maps: int = 1, max_maps: int = 5, max_claims: int = 6) -> Corpus:
    """A valid corpus of several voices sharing a set of theses."""
    thesis_ids = tuple(draw(st.lists(slugs, min_size=1, max_size=6, unique=True)))
    map_ids = draw(st.lists(slugs, min_size=min_maps, max_size=max_maps, unique=True))
    theses = tuple(Thesis(id=t, text=draw(text)) for t in sorted(thesis_ids))
    the_maps = tuple(draw(maps(map_id=m, thesis_ids=thesis_ids, text=text, max_claims=max_claims))
                     for m in sorted(map_ids))
    return Corpus(sources=(Source(id="src", title="A source"),), theses=theses, maps=the_maps)


# --- argumentation frameworks (semantics) --------------------------------------------------------

@st.composite
def frameworks(draw, max_arguments: int = 12):
    """An abstract framework on `a0`, `a1`, ...: self-attacks, mutual attacks and cycles all allowed."""
    from argmap.semantics import Framework

    count = draw(st.integers(0, max_arguments))
    names = [f"a{i}" for i in range(count)]
    if not names:
        return Framework(arguments=())
    pairs = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)),
                          max_size=3 * count))
    return Framework(arguments=names, attacks=pairs)


@st.composite
def argued_corpora(draw, text=plain_text, max_claims: int = 6):
    """A valid corpus with attacks and undercuts across voices, as `argmap analyze` meets them.
    `max_claims` per voice keeps frameworks small enough to check by brute force."""
    import attrs

    from argmap.model import ref, split_ref

    corpus = draw(corpora(text=text, max_maps=3, max_claims=max_claims))
    refs = [ref(m.id, c.id) for m in corpus.maps for c in m.claims]
    links = [(ref(m.id, c.id), ref(*split_ref(s.target, m.id))) for m in corpus.maps
             for c in m.claims for s in c.supports]
    new_maps = []
    for m in corpus.maps:
        claims = []
        for c in m.claims:
            here = ref(m.id, c.id)
            others = [r for r in refs if r != here]
            attacks = draw(relations(others, m.id, text))
            undercuts = (draw(st.lists(st.sampled_from(links), unique=True, max_size=1))
                         if links else [])
            claims.append(attrs.evolve(
                c, attacks=attacks,
                undercuts=tuple(undercut(draw, a, b, m.id, text) for a, b in undercuts)))
        new_maps.append(attrs.evolve(m, claims=tuple(claims)))
    return attrs.evolve(corpus, maps=tuple(new_maps))


# --- the site (tests/test_site.py): every optional text filled in, hostile URLs ----------------

HOSTILE_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x",
    "/etc/passwd", "http://", "https://example.org/a?b=<c>&d=\"e\"",
    "http://example.org/\" onmouseover=\"alert(1)", "https://例え.jp/パス",
]
urls = st.one_of(st.none(), st.sampled_from(HOSTILE_URLS), hostile_text)


@st.composite
def rich_corpora(draw, text=hostile_text, max_maps: int = 4):
    """A valid corpus whose every optional text is set (notes, topics, questions, affiliations,
    source details, hostile URLs) and whose claims attack claims of other voices, so each part of
    a page meets generated text."""
    import attrs

    from argmap.model import ref

    corpus = draw(corpora(text=text, max_maps=max_maps))
    source = Source(id="src", title=draw(text), author=draw(text), publisher=draw(text),
                    date=draw(text), url=draw(urls))
    theses = tuple(attrs.evolve(t, topic=draw(st.none() | text),
                                questions=tuple(draw(st.lists(text, max_size=3))))
                   for t in corpus.theses)
    refs = [ref(m.id, c.id) for m in corpus.maps for c in m.claims]
    new_maps = []
    for m in corpus.maps:
        foreign = [r for r in refs if not r.startswith(f"{m.id}/")]
        claims = tuple(
            attrs.evolve(
                c,
                evidence=tuple(attrs.evolve(e, note=draw(st.none() | text)) for e in c.evidence),
                attacks=c.attacks + draw(relations(foreign, m.id, text)),
            )
            for c in m.claims)
        authors = tuple(attrs.evolve(a, affiliation=draw(st.none() | text)) for a in m.authors)
        authors += tuple(Author(name=draw(text)) for _ in range(draw(st.integers(0, 1))))
        stances = tuple(attrs.evolve(s, note=draw(st.none() | text)) for s in m.stances)
        new_maps.append(attrs.evolve(m, authors=authors, claims=claims, stances=stances))
    return attrs.evolve(corpus, sources=(source,), theses=theses, maps=tuple(new_maps))


# --- two versions of a corpus (compare.diff_corpora) ----------------------------------------------

@st.composite
def corpus_edits(draw, text=plain_text):
    """(old, new): a corpus and a later version of it with maps dropped, claim texts, quotes and
    their kinds changed, and stance positions redrawn."""
    import attrs

    old = draw(corpora(text=text, max_maps=4))
    new_maps = []
    for m in old.maps:
        if len(old.maps) > 1 and draw(st.integers(0, 3)) == 0:
            continue
        claims = []
        for c in m.claims:
            if draw(st.booleans()):
                c = attrs.evolve(c, text=draw(text))
            if c.evidence and draw(st.booleans()):
                c = attrs.evolve(c, evidence=c.evidence[1:])
            if c.evidence and draw(st.booleans()):
                c = attrs.evolve(c, evidence=(attrs.evolve(c.evidence[0], kind=draw(st.sampled_from(Kind))),)
                                 + c.evidence[1:])
            claims.append(c)
        stances = tuple(attrs.evolve(s, position=draw(st.sampled_from(Position))) for s in m.stances)
        new_maps.append(attrs.evolve(m, claims=tuple(claims), stances=stances))
    return old, attrs.evolve(old, maps=tuple(new_maps))


@st.composite
def linked_corpora(draw, text=hostile_text, max_maps: int = 4) -> Corpus:
    """`corpora()` plus what it never draws: supports and attacks across voices, and undercuts
    of existing supports (by claims of any voice), for interchange round trips."""
    import attrs

    corpus = draw(corpora(text=text, max_maps=max_maps))
    everything = [f"{m.id}/{c.id}" for m in corpus.maps for c in m.claims]
    maps = []
    for m in corpus.maps:
        others = [r for r in everything if not r.startswith(m.id + "/")]
        claims = []
        for c in m.claims:
            if others:
                c = attrs.evolve(c, supports=c.supports + draw(relations(others, m.id, text)),
                                 attacks=c.attacks + draw(relations(others, m.id, text, max_size=1)))
            claims.append(c)
        maps.append(attrs.evolve(m, claims=tuple(claims)))
    links = [(f"{m.id}/{c.id}", r.target if "/" in r.target else f"{m.id}/{r.target}")
             for m in maps for c in m.claims for r in c.supports]
    if links:
        maps = [attrs.evolve(m, claims=tuple(
            attrs.evolve(c, undercuts=tuple(undercut(draw, a, b, m.id, text) for a, b in draw(
                st.lists(st.sampled_from(links), unique=True, max_size=1))))
            for c in m.claims)) for m in maps]
    return attrs.evolve(corpus, maps=tuple(maps))


# --- one map edited (incremental builds) ---------------------------------------------------------

@st.composite
def one_map_edits(draw, corpus: Corpus, text=plain_text) -> Corpus:
    """`corpus` after one edit to one map, as an author makes it between two builds: a claim's
    text, quote, relation or place changed, a claim added, a stance changed, added or dropped,
    the voice renamed, a stance's note or side alone changed, a new voice added, or the map
    deleted (with the references other maps make into it). References stay resolvable."""
    import attrs

    from argmap.model import ref

    everything = [ref(m.id, c.id) for m in corpus.maps for c in m.claims]
    thesis_ids = [t.id for t in corpus.theses]
    index = draw(st.integers(0, len(corpus.maps)))   # len(maps): a new voice
    if index == len(corpus.maps):
        new_id = draw(slugs.filter(lambda s: corpus.map(s) is None))
        voice = draw(maps(map_id=new_id, thesis_ids=tuple(thesis_ids), text=text, max_claims=3))
        voice = attrs.evolve(voice, source=corpus.sources[0].id, claims=tuple(
            attrs.evolve(c, attacks=c.attacks + draw(relations(everything, new_id, text, 1)))
            for c in voice.claims))
        return attrs.evolve(corpus, maps=tuple(sorted((*corpus.maps, voice), key=lambda m: m.id)))
    m = corpus.maps[index]
    claims, stances = list(m.claims), list(m.stances)
    foreign = [r for r in everything if not r.startswith(f"{m.id}/")]
    edits = ["rename", "add claim", "reorder"] + ["stance"] * bool(thesis_ids)
    edits += ["delete"] * (len(corpus.maps) > 1) + ["note", "side"] * bool(stances)
    edits += ["claim text", "quote", "relations"] * bool(claims)
    edit = draw(st.sampled_from(edits))
    at = draw(st.integers(0, max(0, len(claims) - 1)))
    if edit == "delete":
        def kept(target: str) -> bool:
            return not target.startswith(f"{m.id}/")

        return attrs.evolve(corpus, maps=tuple(attrs.evolve(other, claims=tuple(attrs.evolve(
            c, supports=tuple(r for r in c.supports if kept(r.target)),
            attacks=tuple(r for r in c.attacks if kept(r.target)),
            undercuts=tuple(u for u in c.undercuts if kept(u.from_) and kept(u.to)))
            for c in other.claims)) for other in corpus.maps if other is not m))
    if edit == "rename":
        m = attrs.evolve(m, authors=(Author(name=draw(text)),) + m.authors[1:])
    elif edit in ("note", "side"):
        at = draw(st.integers(0, len(stances) - 1))
        stances[at] = (attrs.evolve(stances[at], note=draw(st.none() | text)) if edit == "note"
                       else attrs.evolve(stances[at], position=draw(st.sampled_from(Position))))
    elif edit == "add claim":
        cid = draw(slugs.filter(lambda s: m.claim(s) is None))
        claims.insert(draw(st.integers(0, len(claims))), Claim(
            id=cid, text=draw(text), evidence=(Evidence(quote=draw(text)),),
            attacks=draw(relations(foreign, m.id, text, 1))))
    elif edit == "reorder":
        claims.reverse()
        stances.reverse()
    elif edit == "claim text":
        claims[at] = attrs.evolve(claims[at], text=draw(text))
    elif edit == "quote":
        claims[at] = attrs.evolve(claims[at], evidence=(
            Evidence(quote=draw(text), kind=draw(st.sampled_from(Kind)),
                     note=draw(st.none() | text),
                     source=draw(st.none() | st.sampled_from([s.id for s in corpus.sources]))),
            ) + claims[at].evidence[1:])
    elif edit == "relations":
        claims[at] = attrs.evolve(claims[at], attacks=draw(relations(foreign, m.id, text)))
    else:
        thesis = draw(st.sampled_from(thesis_ids))
        stances = [s for s in stances if s.thesis != thesis]
        if claims and draw(st.booleans()):   # else the stance is dropped
            because = tuple(draw(st.lists(st.sampled_from([c.id for c in claims]), min_size=1,
                                          max_size=2, unique=True)))
            stances.insert(draw(st.integers(0, len(stances))), Stance(
                thesis=thesis, position=draw(st.sampled_from(Position)), because=because,
                note=draw(st.none() | text)))
    m = attrs.evolve(m, claims=tuple(claims), stances=tuple(stances))
    return attrs.evolve(corpus, maps=corpus.maps[:index] + (m,) + corpus.maps[index + 1:])


# --- references spelled every way a map may write them (graph.py) ---------------------------------

@st.composite
def respelled_corpora(draw, text=plain_text, dangling: bool = False) -> Corpus:
    """`linked_corpora()` with some of each map's references to its own claims written in full
    (`map/claim`, which DESIGN.md allows as well as the bare id) and, with `dangling`, some
    references to claims or maps that do not exist, as an unchecked corpus may hold."""
    import attrs

    corpus = draw(linked_corpora(text=text, max_maps=3))

    def spelled(reference: str, here: str) -> str:
        if "/" not in reference and draw(st.booleans()):
            return f"{here}/{reference}"
        return reference

    def ghosts(here: str) -> tuple[Relation, ...]:
        if not dangling:
            return ()
        return tuple(Relation(target=t) for t in draw(st.lists(
            st.sampled_from(["gone", f"{here}/gone", "nowhere/x"]), unique=True, max_size=1)))

    maps = []
    for m in corpus.maps:
        claims = tuple(attrs.evolve(
            c,
            supports=tuple(attrs.evolve(r, target=spelled(r.target, m.id)) for r in c.supports),
            attacks=tuple(attrs.evolve(r, target=spelled(r.target, m.id)) for r in c.attacks)
            + ghosts(m.id),
            undercuts=tuple(attrs.evolve(u, from_=spelled(u.from_, m.id), to=spelled(u.to, m.id))
                            for u in c.undercuts))
            for c in m.claims)
        stances = tuple(attrs.evolve(s, because=tuple(spelled(b, m.id) for b in s.because))
                        for s in m.stances)
        maps.append(attrs.evolve(m, claims=claims, stances=stances))
    return attrs.evolve(corpus, maps=tuple(maps))


# --- every field set (interchange round trips) -----------------------------------------------------

@st.composite
def full_corpora(draw, text=hostile_text, max_maps: int = 3) -> Corpus:
    """`linked_corpora()` with every optional field of the model drawn: several sources with all
    their bibliographic fields, thesis topics and questions, affiliations and co-authors,
    evidence kinds, sources and notes, notes (and quotes) on relations within a voice, stance
    notes, and stances and their reasons in any order, so a round trip that drops or reorders
    any field shows it."""
    import attrs

    corpus = draw(linked_corpora(text=text, max_maps=max_maps))
    source_ids = ["src", *draw(st.lists(slugs.filter(lambda s: s != "src"), max_size=2, unique=True))]
    optional = st.none() | text
    sources = tuple(Source(id=s, title=draw(optional), author=draw(optional), container=draw(optional),
                           publisher=draw(optional), date=draw(optional), url=draw(urls),
                           doi=draw(optional), text=draw(optional), cite=draw(optional),
                           reference=draw(optional))
                    for s in sorted(source_ids))
    theses = tuple(attrs.evolve(t, topic=draw(optional), questions=tuple(draw(st.lists(text, max_size=2))))
                   for t in corpus.theses)

    def evidence(e: Evidence) -> Evidence:
        return attrs.evolve(e, source=draw(st.none() | st.sampled_from(source_ids)), note=draw(optional))

    def within(entry):
        """A relation inside the voice may carry the mapper's note and quotes, but no basis."""
        if entry.basis is not None:
            return attrs.evolve(entry, evidence=tuple(evidence(e) for e in entry.evidence))
        return attrs.evolve(entry, note=draw(optional), evidence=tuple(
            evidence(Evidence(quote=draw(text), kind=draw(st.sampled_from(Kind))))
            for _ in range(draw(st.integers(0, 1)))))

    maps = []
    for m in corpus.maps:
        claims = tuple(attrs.evolve(
            c, evidence=tuple(evidence(e) for e in c.evidence),
            supports=tuple(within(r) for r in c.supports), attacks=tuple(within(r) for r in c.attacks),
            undercuts=tuple(within(u) for u in c.undercuts)) for c in m.claims)
        stances = draw(st.permutations([
            attrs.evolve(s, note=draw(optional), because=tuple(draw(st.permutations(s.because))))
            for s in m.stances]))
        authors = tuple(attrs.evolve(a, affiliation=draw(optional)) for a in m.authors)
        authors += tuple(Author(name=draw(text), affiliation=draw(optional))
                         for _ in range(draw(st.integers(0, 1))))
        maps.append(attrs.evolve(m, authors=authors, source=draw(st.sampled_from(source_ids)),
                                 claims=claims, stances=tuple(stances)))
    return attrs.evolve(corpus, sources=sources, theses=theses, maps=tuple(maps))
