"""The rules a valid corpus keeps, one small generator each, every one run on every load.

Each rule yields located Problems with a stable kebab-case code (DESIGN.md); `check_corpus` runs
them all so a single run reports every broken rule.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import pickle
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from argmap import forked, quotes
from argmap.cache import Cache
from argmap.errors import Location, Problem, error, warning
from argmap.graph import claim_of, map_of, qualify, resolve_claim, resolve_stance
from argmap.links import linkable_url
from argmap.model import (
    SLUG,
    SLUG_PATTERN,
    Basis,
    Claim,
    Corpus,
    Evidence,
    Gaps,
    Map,
    Relation,
    Undercut,
    ref,
    relation_evidence,
)

__all__ = ["CheckOptions", "check_corpus", "resolve_sources_dir", "resolve_sources_dirs", "SLUG"]



@attrs.frozen(kw_only=True)
class CheckOptions:
    """Where source texts live (none: quotes cannot be checked, each is a warning), and the cache.

    `sources_dirs` are searched in order for each source's `text`; `sources_dir` is one folder
    (the form older callers use), searched first."""

    sources_dir: Path | None = None
    sources_dirs: tuple[Path, ...] = ()
    cache: Cache | None = None  # remembers sources whose quotes were all found (argmap.cache)

    @property
    def folders(self) -> tuple[Path, ...]:
        first = (self.sources_dir,) if self.sources_dir is not None else ()
        return first + tuple(d for d in self.sources_dirs if d != self.sources_dir)


def resolve_sources_dirs(explicit: Path | None, maps_paths: Iterable[Path],
                         corpus: Corpus | None = None) -> tuple[Path, ...]:
    """The folders of source texts, first rule that gives any wins: `--sources`, else
    ARGMAP_SOURCES, else the corpus's `sources_dir` settings, else `sources` beside the maps."""
    if explicit is not None:
        return (explicit,)
    env = os.environ.get("ARGMAP_SOURCES")
    if env:
        return (Path(env),)
    if corpus is not None and corpus.sources_dirs:
        return tuple(Path(d) for d in corpus.sources_dirs)
    for path in maps_paths:
        folder = path if path.is_dir() else path.parent
        candidate = folder.resolve().parent / "sources"
        if candidate.is_dir():
            return (candidate,)
    return ()


def resolve_sources_dir(explicit: Path | None, maps_paths: Iterable[Path],
                        corpus: Corpus | None = None) -> Path | None:
    """The first of `resolve_sources_dirs`, or None."""
    found = resolve_sources_dirs(explicit, maps_paths, corpus)
    return found[0] if found else None


def check_corpus(corpus: Corpus, options: CheckOptions = CheckOptions()) -> list[Problem]:
    """Every rule's problems, in the order of RULES. The quote search, the longest rule, runs on
    the second core (argmap.forked) while this process runs the others."""
    found: dict[Callable[[Corpus, CheckOptions], Iterable[Problem]], list[Problem]] = {}
    with _quote_search(corpus, options) as quote_problems:
        for rule in RULES:
            if rule is not quote_checks:
                found[rule] = list(rule(corpus, options))
        found[quote_checks] = list(quote_problems())
    return [problem for rule in RULES for problem in found[rule]]


# --- ids -----------------------------------------------------------------------------------------

def _ids(corpus: Corpus) -> Iterator[tuple[str, str, Location, str]]:
    """(what, id, location of the object, key holding the id); locate the key only on a problem."""
    for s in corpus.sources:
        yield "source", s.id, s.location, "id"
    for t in corpus.theses:
        yield "thesis", t.id, t.location, "id"
    for m in corpus.maps:
        yield "map", m.id, m.location, "id"
        what = f"claim in map '{m.id}'"   # (once a map, not once a claim)
        for c in m.claims:
            yield what, c.id, c.location, "id"


# Ids name files (voices/<map>.html, handouts/<thesis>-blank.html) and most file systems allow
# 255 bytes a name: 64 characters leave room and are more than any real id needs.
MAX_ID = 64


def _id_lists(corpus: Corpus) -> list[list[str]]:
    """The ids of each kind, the claims' map by map: ids that must differ share a list."""
    return [[s.id for s in corpus.sources], [t.id for t in corpus.theses],
            [m.id for m in corpus.maps], *([c.id for c in m.claims] for m in corpus.maps)]


# Every id of a list, one a line, each a slug: one match for a list, not one per id.
_SLUG_LINES = re.compile(f"{SLUG_PATTERN}(?:\n{SLUG_PATTERN})*\\Z")


def _all_slugs(ids: list[str]) -> bool:
    """Whether every id is a slug of at most MAX_ID characters (what `bad_ids` looks for)."""
    if not ids:
        return True
    lines = "\n".join(ids)
    return (lines.count("\n") == len(ids) - 1 and _SLUG_LINES.match(lines) is not None
            and max(map(len, ids)) <= MAX_ID)


def bad_ids(corpus: Corpus, _: CheckOptions) -> Iterator[Problem]:
    if all(map(_all_slugs, _id_lists(corpus))):
        return  # (nearly every corpus: seen at C speed, 50,000 claims in a few milliseconds)
    for what, ident, where, key in _ids(corpus):
        if len(ident) > MAX_ID:
            yield error(where.of(key), "id-too-long",
                        f"{what} id '{ident[:24]}\u2026' is {len(ident)} characters; ids are at "
                        f"most {MAX_ID} (they name files): shorten it")
        elif not SLUG.match(ident):
            where = where.of(key)
            suggestion = re.sub(r"[^a-z0-9]+", "-", ident.strip().lower()).strip("-") or "an-id"
            yield error(where, "bad-id",
                        f"{what} id '{ident}' is not a slug (lower-case letters, digits and '-'); "
                        f"try '{suggestion}'")


def duplicate_ids(corpus: Corpus, _: CheckOptions) -> Iterator[Problem]:
    # No two ids alike in any list (and so no two maps alike, whose claims would share a group
    # below): nothing to report, seen without grouping every id of the corpus.
    if all(len(set(ids)) == len(ids) for ids in _id_lists(corpus)):
        return
    groups: dict[tuple[str, str], list[tuple[Location, str]]] = {}
    for what, ident, where, key in _ids(corpus):
        groups.setdefault((what, ident), []).append((where, key))
    for (what, ident), places in groups.items():
        if len(places) < 2:
            continue
        # Every place is reported: which one is the mistake is the author's call, not the sort's.
        located = [place.of(key) for place, key in places]
        for index, where in enumerate(located):
            others = ", ".join(str(o) for i, o in enumerate(located) if i != index)
            yield error(where, "duplicate-id",
                        f"duplicate {what} id '{ident}' (also defined at {others}); rename one")


_NO_GAPS = Gaps()

# --- references ----------------------------------------------------------------------------------

def _claim_exists(claim_ids: dict[str, set[str]], qualified: str, gaps: Gaps = _NO_GAPS) -> bool:
    """True also for a claim (or map) that exists but could not be read: reported where it is."""
    map_id = map_of(qualified)
    return (claim_of(qualified) in claim_ids.get(map_id, ()) or map_id in gaps.maps
            or qualified in gaps.claims)


def _dangling(reference: str, here: str, maps: dict[str, Map]) -> str:
    """Why `reference`, as written in map `here`, finds nothing: no such map, or no such claim."""
    qualified = qualify(reference, here)
    map_id, claim_id = map_of(qualified), claim_of(qualified)
    target = maps.get(map_id)
    if target is None:
        return f"'{reference}' refers to map '{map_id}', which does not exist"
    import difflib  # (only when there is a problem to explain)
    close = difflib.get_close_matches(claim_id, [c.id for c in target.claims], n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"'{reference}': no claim '{claim_id}' in map '{map_id}'{hint}"


def references(corpus: Corpus, _: CheckOptions) -> Iterator[Problem]:
    maps = {m.id: m for m in corpus.maps}
    claim_ids = {m.id: {c.id for c in m.claims} for m in corpus.maps}
    for m in maps.values():
        here = m.id
        for c in m.claims:
            if not (c.supports or c.attacks or c.undercuts):
                continue
            # Each target read as the Graph reads it (`qualify`), without making the claim's
            # whole resolved record: 30,000 claims have relations at 50,000 claims.
            itself = ref(here, c.id)
            for relation in ("supports", "attacks"):
                for index, entry in enumerate(getattr(c, relation)):
                    target = qualify(entry.target, here)
                    if target == itself:
                        yield error(c.location.of(relation, index), "self-reference",
                                    f"claim '{c.id}' {relation} itself; a claim cannot {relation[:-1]} itself")
                    elif not _claim_exists(claim_ids, target, corpus.gaps):
                        yield error(c.location.of(relation, index), "dangling-ref",
                                    _dangling(entry.target, m.id, maps))
            if not c.undercuts:
                continue
            for link in resolve_claim(m, c).undercuts:
                undercut = link.undercut
                ends_ok = True
                for end, qualified in (("from", link.premise), ("to", link.conclusion)):
                    if not _claim_exists(claim_ids, qualified):
                        ends_ok = False
                        if not _claim_exists(claim_ids, qualified, corpus.gaps):
                            reference = undercut.from_ if end == "from" else undercut.to
                            yield error(undercut.location.of(end), "dangling-ref",
                                        _dangling(reference, m.id, maps))
                if not ends_ok:
                    continue
                other = maps[map_of(link.premise)]
                premise = resolve_claim(other, next(c for c in other.claims if c.id == claim_of(link.premise)))
                if link.conclusion not in {target for target, _ in premise.supports}:
                    yield error(undercut.location, "dangling-ref",
                                f"undercut of '{undercut.from_} -> {undercut.to}', but "
                                f"'{undercut.from_}' does not support '{undercut.to}'; "
                                "an undercut attacks an existing support link")


def _relation_entries(c: Claim) -> Iterator[tuple[str, int, str, tuple[str, ...], Relation | Undercut]]:
    """Each relation of a claim: where it is written (its key and index, "" for an undercut,
    which is its own place: `_written_at`), how it reads, the claims it reaches, itself."""
    for kind in ("supports", "attacks"):
        for index, entry in enumerate(getattr(c, kind)):
            yield kind, index, entry.target, (entry.target,), entry
    for undercut in c.undercuts:
        yield "", 0, f"{undercut.from_} -> {undercut.to}", (undercut.from_, undercut.to), undercut


def _written_at(c: Claim, kind: str, index: int, entry: Relation | Undercut) -> Location:
    """Where a relation of `_relation_entries` is written, asked only when there is a problem
    to report: for a map read from the cache, a field's position costs a parse of its file
    (cache.DeferredMarks)."""
    return c.location.of(kind, index) if kind else entry.location


def relation_bases(corpus: Corpus, _: CheckOptions) -> Iterator[Problem]:
    """A relation that reaches another voice says whose it is: the mapper's or the text's own."""
    claim_ids: dict[str, set[str]] | None = None   # (made when first needed: rarely)
    for m in corpus.maps:
        for c in m.claims:
            if not (c.supports or c.attacks or c.undercuts):
                continue
            for kind, index, shown, ends, entry in _relation_entries(c):
                basis, note, evidence = entry.basis, entry.note, entry.evidence
                if basis is None and "/" not in shown:
                    continue  # within this map (its ends unqualified) and no basis: nothing to say
                reached = {map_of(qualify(end, m.id)) for end in ends}
                across = reached != {m.id}
                if across and basis is None:
                    if claim_ids is None:
                        claim_ids = {other.id: {o.id for o in other.claims} for other in corpus.maps}
                    if not all(_claim_exists(claim_ids, qualify(end, m.id), corpus.gaps) for end in ends):
                        continue  # dangling-ref says so; the basis is asked for once it resolves
                    target = shown if " -> " not in shown else None
                    spelled = (f"{{target: {target}, basis: contrast, note: ...}}" if target
                               else "basis: contrast and note: ... beside from/to")
                    yield error(_written_at(c, kind, index, entry), "cross-voice-basis",
                                f"'{shown}' reaches another voice: say whose relation this is. "
                                f"Write {spelled} when you, the mapper, set the two side by side, "
                                "or basis: reply with evidence quoting the words in which this "
                                "text itself answers that voice")
                elif not across and basis is not None:
                    yield error(_written_at(c, kind, index, entry), "cross-voice-basis",
                                f"'basis' is for relations across voices, and '{shown}' stays in "
                                f"map '{m.id}'; drop 'basis'")
                elif basis is Basis.CONTRAST:
                    if note is None or not note.strip():
                        yield error(_written_at(c, kind, index, entry), "missing-key",
                                    f"the contrast with '{shown}' needs a 'note': why you set the "
                                    "two side by side (a reader sees it as the mapper's, not the author's)")
                    if evidence:
                        yield error(_written_at(c, kind, index, entry), "bad-value",
                                    f"the contrast with '{shown}' has 'evidence', which would read "
                                    "as the author's own answer: make it basis: reply, or drop the "
                                    "quotes (the claims carry their own evidence)")
                elif basis is Basis.REPLY and not evidence:
                    yield error(_written_at(c, kind, index, entry), "missing-key",
                                f"the reply to '{shown}' needs 'evidence': the words in which this "
                                "text answers that voice (checked like any quote)")


def stances(corpus: Corpus, _: CheckOptions) -> Iterator[Problem]:
    theses = {t.id for t in corpus.theses}
    gaps = corpus.gaps
    for m in corpus.maps:
        seen: dict[str, Location] = {}
        claim_ids = {c.id for c in m.claims}
        for s in m.stances:
            if s.thesis not in theses and s.thesis not in gaps.theses:
                import difflib  # (only when there is a problem to explain)
                close = difflib.get_close_matches(s.thesis, sorted(theses), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else " (theses are defined under 'theses:')"
                yield error(s.location.of("thesis"), "unknown-thesis",
                            f"unknown thesis '{s.thesis}'{hint}")
            if s.thesis in seen:
                yield error(s.location.of("thesis"), "duplicate-id",
                            f"a second stance on thesis '{s.thesis}' (first at {seen[s.thesis]}); "
                            "merge them into one")
            seen.setdefault(s.thesis, s.location)
            if not s.because:
                yield error(s.location, "missing-because",
                            f"stance on '{s.thesis}' has no 'because': cite at least one claim of this map")
            for index, (reference, qualified) in enumerate(zip(s.because, resolve_stance(m, s).because, strict=True)):
                map_id, claim_id = map_of(qualified), claim_of(qualified)
                if map_id != m.id:
                    yield error(s.location.of("because", index), "dangling-ref",
                                f"'because' may cite only claims of this map ('{m.id}'), not '{reference}'")
                elif claim_id not in claim_ids and f"{m.id}/{claim_id}" not in gaps.claims:
                    yield error(s.location.of("because", index), "dangling-ref",
                                _dangling(reference, m.id, {m.id: m}))


# Fewer words than this match too many places in a text to show the author said them there.
MIN_QUOTE_WORDS = 3


def map_fields(corpus: Corpus, _: CheckOptions) -> Iterator[Problem]:
    sources = {s.id for s in corpus.sources} | corpus.gaps.sources
    for m in corpus.maps:
        if not m.authors and not _reported_at_load(m.location, "authors"):
            yield error(m.location, "missing-key",
                        f"map '{m.id}' has no 'authors' (at least one, each with a 'name')")
        if m.source is not None and m.source not in sources:
            yield error(m.location.of("source"), "unknown-source", f"unknown source '{m.source}'")
        for c in m.claims:
            if not c.text or c.text.isspace():   # (as `not c.text.strip()`, without a copy)
                yield error(c.location.of("text"), "bad-value", f"claim '{c.id}' has empty text")
            if not c.evidence and not _reported_at_load(c.location, "evidence"):
                yield warning(c.location, "missing-evidence",
                              f"claim '{c.id}' has no evidence; add a quote from its source")
            quoted = ((*c.evidence, *relation_evidence(c)) if c.supports or c.attacks or c.undercuts
                      else c.evidence)
            for index, e in enumerate(quoted):
                source = m.source_of(e)
                if source is None and not _reported_at_load(m.location, "source"):
                    where = c.location.of("evidence", index) if index < len(c.evidence) else e.location
                    yield error(where, "missing-key",
                                "evidence has no 'source' and the map has no default 'source'")
                elif e.source is not None and e.source not in sources:
                    yield error(e.location.of("source"), "unknown-source", f"unknown source '{e.source}'")
                quote = e.quote
                if not quote or quote.isspace():
                    yield error(e.location.of("quote"), "bad-value", "empty quote")
                elif len(quote.split(maxsplit=MIN_QUOTE_WORDS - 1)) < MIN_QUOTE_WORDS:
                    yield warning(e.location.of("quote"), "quote-too-short",
                                  f"quote '{e.quote.strip()[:40]}' has {len(e.quote.split())} "
                                  f"word{'s' * (len(e.quote.split()) != 1)}: too short to identify "
                                  f"a passage; quote at least {MIN_QUOTE_WORDS} words")


def bidi_controls(corpus: Corpus, _: CheckOptions) -> Iterator[Problem]:
    """Right-to-left overrides and their kin can make text read differently from what it holds."""
    from argmap.terminal import BIDI_CONTROLS, has_bidi_control

    # (all the text joined, checked at once: nearly every corpus has none, and is seen so
    # without keeping every field's place)
    if not has_bidi_control("\n".join([text for _, _, text in _texts(corpus)])):
        return
    for location, keys, text in _texts(corpus):
        if has_bidi_control(text):
            found = sorted({f"U+{ord(ch):04X}" for ch in text if ch in BIDI_CONTROLS})
            yield warning(location.of(*keys), "bidi-control",
                          f"text holds bidirectional control character(s) {', '.join(found)}, "
                          "which can make it read differently from what it says; remove them "
                          "unless the text needs them")


def _texts(corpus: Corpus) -> Iterator[tuple[Location, tuple[str | int, ...], str]]:
    """Every piece of free text in the corpus, with where it is."""
    for s in corpus.sources:
        for key in ("title", "author", "container", "publisher", "reference"):
            if (value := getattr(s, key)) is not None:
                yield s.location, (key,), value
    for t in corpus.theses:
        yield t.location, ("text",), t.text
        if t.topic is not None:
            yield t.location, ("topic",), t.topic
        for index, question in enumerate(t.questions):
            yield t.location, ("questions", index), question
    for m in corpus.maps:
        for a in m.authors:
            yield a.location, ("name",), a.name
            if a.affiliation is not None:
                yield a.location, ("affiliation",), a.affiliation
        for c in m.claims:
            yield c.location, ("text",), c.text
            for e in c.evidence:
                yield e.location, ("quote",), e.quote
                if e.note is not None:
                    yield e.location, ("note",), e.note
            if not (c.supports or c.attacks or c.undercuts):
                continue   # most claims: no relation tuple to make (a 50,000-claim corpus each run)
            relations: tuple[Relation | Undercut, ...] = (*c.supports, *c.attacks, *c.undercuts)
            for e in (e for r in relations for e in r.evidence):
                yield e.location, ("quote",), e.quote
                if e.note is not None:
                    yield e.location, ("note",), e.note
            for r in relations:
                if r.note is not None:
                    yield r.location, ("note",), r.note
        for st in m.stances:
            if st.note is not None:
                yield st.location, ("note",), st.note


def _reported_at_load(location: Location, key: str) -> bool:
    """A section that is written but did not load was reported by the loader already."""
    marks = location.marks
    if not isinstance(marks, dict) or marks.get(key) is None:
        return False
    return marks[key] != []


def urls(corpus: Corpus, _: CheckOptions) -> Iterator[Problem]:
    for s in corpus.sources:
        if s.url is not None and linkable_url(s.url) is None:
            yield warning(s.location.of("url"), "bad-url",
                          f"url '{s.url}' is not an http(s) address with a host; it will not be linked")


# --- quotes --------------------------------------------------------------------------------------

def _source_bytes(corpus: Corpus, options: CheckOptions) -> tuple[dict[str, bytes | None], list[Problem]]:
    """Each source's text as stored (from the first folder that has it), or None when it cannot
    be checked (with the reason)."""
    texts: dict[str, bytes | None] = {}
    problems: list[Problem] = []
    roots = [folder.resolve() for folder in options.folders]
    for s in corpus.sources:
        texts[s.id] = None
        if s.text is None or not roots:
            continue
        candidate = Path(s.text)
        outside = [root for root in roots if not (root / candidate).resolve().is_relative_to(root)]
        if candidate.is_absolute() or outside:
            where = outside[0] if outside else roots[0]
            problems.append(error(s.location.of("text"), "path-outside-sources",
                                  f"text '{s.text}' resolves outside the sources folder {where}; "
                                  "give a file name inside it"))
            continue
        for root in roots:
            try:
                texts[s.id] = (root / candidate).resolve().read_bytes()
                break
            except OSError:
                continue
    return texts, problems


CACHED_SOURCE_BYTES = 4096   # shorter source texts are searched on every run, not cached


def quote_checks(corpus: Corpus, options: CheckOptions) -> Iterator[Problem]:
    with _quote_search(corpus, options) as problems:
        yield from problems()


def _searching(corpus: Corpus, options: CheckOptions) -> Iterator[Callable[[], list[Problem]]]:
    """Within: the sources are being searched for their quotes (in the forked helper when the
    search is large enough); what it gives waits for the search and returns the problems.

    This process reads the source texts and gathers their quotes before it forks (the helper
    starts with them in hand), goes on with the other rules, then takes back the sources the
    helper has not started (`forked.ahead`'s take_back)."""
    texts, problems = _source_bytes(corpus, options)
    cache = options.cache if options.cache is not None else Cache(None)
    unchecked, wanted = _gather(corpus, texts)

    def search(source_id: str) -> tuple[str, list[int]]:
        """(cache key, indices of the missing quotes) of the source's quotes."""
        evidence = wanted.get(source_id)
        raw = texts[source_id]
        if not evidence or raw is None:
            return "", []
        # A source whose quotes were all found before, unchanged on both sides, is not searched.
        # A short one is searched anyway: that takes microseconds, writing its entry a millisecond
        # (1,000 one-page sources were a third of a cold check).
        key = cache.key(hashlib.sha256(raw).hexdigest(), _quotes_key(evidence)) \
            if cache.enabled and len(raw) >= CACHED_SOURCE_BYTES else ""
        if key and cache.get("quotes", key) is True:
            return key, []
        missing = _missing_quotes(raw, evidence)
        if key and not missing and cache.persistent:
            cache.put("quotes", key, True)  # (in the helper: an entry on disk outlives it)
        return key, missing

    def finish(outcomes: list[tuple[str, list[int]]]) -> list[Problem]:
        found = dict(zip(searched, outcomes, strict=True))
        if (cache.persistent and not any(missing for _, missing in outcomes)
                and all(raw is not None for raw in texts.values())):
            return problems   # (every quote found, every source read: nothing to report)
        reasons = _unchecked_reasons(corpus, options)
        problems.extend(warning(e.location.of("quote"), "quote-unchecked",
                                f"quote not checked: {reasons.get(source_id, 'no source text')}")
                        for e, source_id in unchecked)
        for source_id, evidence in wanted.items():
            key, missing = found[source_id]
            if not missing:
                if key and not cache.persistent:
                    cache.put("quotes", key, True)
                continue
            text = quotes.normalise_source(texts[source_id] or b"")
            for index in missing:
                e = evidence[index]
                hint = quotes.closest_passage(e.quote, text)
                tail = f"; closest passage: \"{hint}\"" if hint else ""
                problems.append(error(e.location.of("quote"), "quote-not-found",
                                      f"quote not found in source '{source_id}'{tail}"))
        return problems

    # Heaviest first: the helper starts with the long texts, and what this process takes back
    # from the end is the short ones.
    searched = sorted((s for s, raw in texts.items() if raw is not None), key=lambda s: -len(texts[s] or b""))
    with forked.ahead(
            searched, weigh=lambda source_id: len(texts[source_id] or b""),
            here=search, in_helper=lambda source_id: pickle.dumps(search(source_id)),
            receive=lambda blob, _source_id: pickle.loads(blob), take_back=True) as outcomes:
        yield lambda: finish(outcomes())


def _gather(corpus: Corpus, texts: dict[str, bytes | None],
            ) -> tuple[list[tuple[Evidence, str]], dict[str, list[Evidence]]]:
    """Each source's quotes to search, in the order of the claims; and each quote whose source
    text cannot be read, with its source."""
    unchecked: list[tuple[Evidence, str]] = []
    wanted: dict[str, list[Evidence]] = {}
    for m in corpus.maps:
        for c in m.claims:
            quoted = ((*c.evidence, *relation_evidence(c)) if c.supports or c.attacks or c.undercuts
                      else c.evidence)
            for e in quoted:
                source_id = m.source_of(e)
                if source_id is None or source_id not in texts or not e.quote.strip():
                    continue  # reported by map_fields
                if texts[source_id] is None:
                    unchecked.append((e, source_id))
                else:
                    wanted.setdefault(source_id, []).append(e)
    return unchecked, wanted


# (wrapped here, not decorated: mutmut, docs/testing.md, does not mutate decorated functions)
_quote_search = contextlib.contextmanager(_searching)


def _quotes_key(evidence: list[Evidence]) -> bytes:
    """A source's quotes, in the order of the claims, as one unambiguous string of bytes
    (marshal, in C: hashing them one by one was a tenth of a cold check at 50,000 claims; a
    sorted set of them took three times as long as this list, for the rare edit that only
    reorders claims, which now searches that source once more)."""
    return marshal.dumps([e.quote for e in evidence])


def _missing_quotes(raw: bytes, evidence: list[Evidence]) -> list[int]:
    """Indices of the evidence whose quote is not in the source text."""
    text = quotes.normalise_source(raw)
    needles = [quotes.normalise(e.quote) for e in evidence]
    found = quotes.find_all(needles, text)
    return [index for index, needle in enumerate(needles) if needle not in found]


def _unchecked_reasons(corpus: Corpus, options: CheckOptions) -> dict[str, str]:
    reasons: dict[str, str] = {}
    for s in corpus.sources:
        if s.text is None:
            reasons[s.id] = f"source '{s.id}' has no 'text' file"
        elif not options.folders:
            reasons[s.id] = ("no sources folder (set sources_dir in the corpus, e.g. in "
                             "maps/sources.yaml, or pass --sources DIR)")
        else:
            reasons[s.id] = (f"source text '{s.text}' not found in "
                             + " or ".join(str(f) for f in options.folders))
    return reasons


RULES: tuple[Callable[[Corpus, CheckOptions], Iterable[Problem]], ...] = (
    bad_ids, duplicate_ids, references, relation_bases, stances, map_fields, urls, quote_checks,
    bidi_controls,
)
