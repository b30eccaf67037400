"""The fast reading (argmap._fast) changes how fast a corpus loads, never what is loaded or reported.

Every input of the broken and hostile suites, inputs made to slip past the fast reader's gate, and
generated maps (also with YAML-significant text spliced in anywhere) are loaded and checked twice:
the fast way where the file allows, and the exact way only. Problems (code, file:line:column,
message), models and every object's position must be the same.
"""

from __future__ import annotations

import pickle
import re
import types
from pathlib import Path

import attrs
import pytest
from adversarial.test_hostile_yaml import CASES as HOSTILE_CASES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cache import _write_corpus
from test_check_diagnostics import CASES, GOOD_MAP, SOURCE_TEXT, THESES

from argmap import _fast, _yaml, forked, load
from argmap.cache import Cache, MemoryCache
from argmap.errors import Location
from argmap.pipeline import load_and_check

from strategies import plain_text, rich_corpora

# Made to slip past the gate: each is something the fast reader would read differently.
TRICKY = {
    "duplicate key": GOOD_MAP.replace("    text: A claim.\n", "    text: A claim.\n    text: Again.\n"),
    "duplicate top-level key": GOOD_MAP.replace("source: src\n", "source: src\nsource: src\n"),
    "duplicate key in a flow mapping": GOOD_MAP.replace(
        "supports: [a]", "attacks: [{target: a, basis: contrast, basis: reply, note: n}]"),
    "duplicate key hidden by a quoted colon": GOOD_MAP.replace(
        "supports: [a]", "attacks: [{target: a, basis: contrast, note: \"x, y: z\"}]").replace(
        "    text: A claim.\n", "    text: A claim.\n    text: Again.\n"),
    "merge key": GOOD_MAP.replace("  - id: b\n", "  - <<: {id: b}\n    id: b\n"),
    "anchor and alias": GOOD_MAP.replace("    text: A claim.", "    text: &t A claim.").replace(
        "    text: Another.", "    text: *t"),
    "anchor only": GOOD_MAP.replace("    text: A claim.", "    text: &t A claim."),
    "local tag": GOOD_MAP.replace("    text: A claim.", "    text: !x A claim."),
    "standard tag": GOOD_MAP.replace("    text: A claim.", "    text: !!str A claim."),
    "hex number": GOOD_MAP.replace("  - name: A", "  - name: 0x1F"),
    "octal number": GOOD_MAP.replace("  - name: A", "  - name: 0o17"),
    "leading zero": GOOD_MAP.replace("  - name: A", "  - name: 007"),
    "plus sign": GOOD_MAP.replace("  - name: A", "  - name: +5"),
    "minus zero": GOOD_MAP.replace("  - name: A", "  - name: -0"),
    "plain number": GOOD_MAP.replace("  - name: A", "  - name: 1984"),
    "version with leading zero": GOOD_MAP.replace("argmap: 1", "argmap: 01"),
    "version quoted and a number": GOOD_MAP.replace("argmap: 1", "argmap: '1'").replace(
        "  - name: A", "  - name: 007"),
    "float": GOOD_MAP.replace("  - name: A", "  - name: 1.50"),
    "boolean": GOOD_MAP.replace("  - name: A", "  - name: True"),
    "null key": GOOD_MAP.replace("source: src\n", "source: src\nnull: x\n"),
    "true key": GOOD_MAP.replace("source: src\n", "source: src\ntrue: x\n"),
    "null value": GOOD_MAP.replace("  - name: A", "  - name: ~"),
    "cut by a comment": GOOD_MAP.replace("    text: A claim.", "    text: A claim #1 of many"),
    "comment after a value": GOOD_MAP.replace("  - name: A", "  - name: A  # the author"),
    "comment lines": "# a map\n" + GOOD_MAP.replace("claims:\n", "claims:\n  # the claims\n\n"),
    "CRLF": GOOD_MAP.replace("\n", "\r\n"),
    "byte-order mark": "\ufeff" + GOOD_MAP,
    "second document": GOOD_MAP + "---\nargmap: 1\n",
    "document end": GOOD_MAP + "...\n",
    "directive": "%YAML 1.1\n---\n" + GOOD_MAP,
    "line separator": GOOD_MAP.replace("A claim.", "A\u2028claim."),
    "next line": GOOD_MAP.replace("A claim.", "A\u0085claim."),
    "escape": GOOD_MAP.replace("    text: A claim.", '    text: "A \\u0063laim."'),
    "folded plain text": GOOD_MAP.replace("    text: A claim.", "    text: A\n      claim."),
    "block scalar": GOOD_MAP.replace("    text: A claim.", "    text: |\n      A claim."),
    "explicit key": GOOD_MAP.replace("source: src\n", "? source\n: src\n"),
    "mis-indented key": GOOD_MAP.replace("    text: Another.", "     text: Another."),
    "under-indented key": GOOD_MAP.replace("    text: Another.", "   text: Another."),
    "mis-indented item": GOOD_MAP.replace("  - id: b", "   - id: b"),
    "sequence at the key's indent": GOOD_MAP.replace("  - id: a", "- id: a").replace(
        "    text: A claim.", "  text: A claim.").replace("    evidence:\n      - quote: quick brown fox\n",
                                                          "  evidence:\n    - quote: quick brown fox\n"),
    "nested mapping under an empty key": GOOD_MAP.replace("source: src\n", "source: src\nx:\n  y: z\n"),
    "nested mapping under an empty item": GOOD_MAP.replace("  - id: b\n", "  -\n    id: b\n"),
    "comment and blank line between an empty item and its keys": GOOD_MAP.replace(
        "  - id: b\n", "  -\n    # the second claim\n\n    id: b\n"),
    "an undercut with a basis and a note": GOOD_MAP.replace(
        "    supports: [a]", "    supports: [a]\n    undercuts:\n      - from: a\n        to: b\n"
        "        basis: reply\n        note: Why a does not carry b here."),
    "evidence kind left empty": GOOD_MAP.replace("      - quote: quick brown fox\n",
                                                 "      - quote: quick brown fox\n        kind:\n"),
    "evidence kind null": GOOD_MAP.replace("      - quote: quick brown fox\n",
                                           "      - quote: quick brown fox\n        kind: ~\n"),
    "empty item then a key": GOOD_MAP.replace("  - id: b\n", "  -\n  - id: b\n"),
    "numbered claims": GOOD_MAP.replace("  - id: a\n", "  - id: 1\n").replace("supports: [a]", "supports: [1]").replace(
        "because: [a]", "because:\n      - 1"),
    "flow mappings after quoted text": GOOD_MAP.replace(
        "    evidence:\n      - quote: the lazy dog\n",
        "    evidence: [{quote: \"quick brown fox\", note: 'one'}, {quote: the lazy dog}, {quote: 'lazy dog'}]\n"),
    "flow mapping item": GOOD_MAP.replace("      - quote: quick brown fox",
                                          "      - {quote: quick brown fox, kind: statistic}"),
    "quoted flow text": GOOD_MAP.replace("supports: [a]", "supports: ['a', \"a\"]"),
    "empty flow mapping": GOOD_MAP.replace("source: src\n", "source: src\nx: {}\n"),
    "flow with a trailing comma": GOOD_MAP.replace("supports: [a]", "supports: [a,]"),
    "multi-line flow": GOOD_MAP.replace("supports: [a]", "supports: [\n      a]"),
    "deep dashes": GOOD_MAP.replace("source: src\n", "source: src\nx:\n" + "- " * 70 + "y\n"),
    "unknown key": GOOD_MAP.replace("    supports: [a]", "    suports: [a]"),
    "colon in a quote": GOOD_MAP.replace("quote: the lazy dog", "quote: \"lazy: dog\""),
    "hash in a word": GOOD_MAP.replace("    text: A claim.", "    text: C# is a claim."),
    "indented 128 spaces": GOOD_MAP.replace("source: src\n", "source: src\nx:\n" + " " * 130 + "y: z\n"),
    "indented root": "  " + GOOD_MAP.replace("\n", "\n  ").rstrip(" "),
    # the starts' expressions around spaces and dashes (quantifiers that do not give back)
    "trailing spaces after an opener": GOOD_MAP.replace("    evidence:\n", "    evidence:   \n").replace(
        "source: src\n", "source: src\nx:  \n  y: z\n"),
    "a dash item after a dash, then a key": GOOD_MAP.replace("source: src\n", "source: src\nx:\n  - - \n      y: z\n"),
    "a dash item after a dash": GOOD_MAP.replace("source: src\n", "source: src\nx:\n  - -\n    - y: z\n"),
    "dashes with wide spaces": GOOD_MAP.replace("  - id: b\n    text", "  -   id: b\n      text").replace(
        "    evidence:\n      - quote: the lazy dog\n    supports: [a]",
        "      evidence:\n        -  quote: the lazy dog\n      supports: [a]"),
    "a key with dashes and digits": GOOD_MAP.replace("source: src\n", "source: src\nx_1-b:\n  y-2: z\n"),
    # made in document order, each mapping taking the next start (_plain.document_in_order)
    "a claim's lists in another order": GOOD_MAP.replace(
        "    evidence:\n      - quote: the lazy dog\n    supports: [a]",
        "    attacks: [{target: a, basis: contrast, note: n}]\n    supports:\n      - target: a\n"
        "        evidence:\n          - quote: lazy dog\n    evidence:\n      - quote: the lazy dog"),
    "every claim's lists in another order": GOOD_MAP.replace(
        "    text: A claim.\n    evidence:", "    text: A claim.\n    attacks: [b]\n    evidence:").replace(
        "    evidence:\n      - quote: the lazy dog\n    supports: [a]\n",
        "    supports:\n      - target: a\n        evidence:\n          - quote: lazy dog\n"
        "    evidence:\n      - quote: the lazy dog\n"),
    "every optional field": GOOD_MAP.replace("argmap: 1\n", "argmap: 1\nid: m\nsources_dir: [.]\n").replace(
        "  - name: A\n", "  - name: A\n    affiliation: Somewhere\n") + (
        "sources:\n  - id: s2\n    title: T\n    author: W\n    container: C\n    publisher: P\n    date: '2020'\n"
        "    url: https://example.org/t\n    doi: 10.1/x\n    cite: W 2020\n    reference: W. T. 2020.\n"
        "theses:\n  - id: t3\n    text: A third thesis.\n    topic: Taxes\n    questions:\n      - Who pays?\n"
        "      - When?\n"),
    "sources_dir as one folder": GOOD_MAP.replace("argmap: 1\n", "argmap: 1\nsources_dir: .\n"),
    "a stance with a note": GOOD_MAP.replace("    because: [a]\n", "    because: [a]\n    note: Only in part.\n"),
    "a claim's lists in order": GOOD_MAP.replace(
        "    evidence:\n      - quote: the lazy dog\n    supports: [a]",
        "    evidence:\n      - quote: the lazy dog\n    supports:\n      - target: a\n"
        "        evidence:\n          - quote: lazy dog\n    attacks: [{target: a, basis: contrast, note: n}]"),
    "sections in another order": GOOD_MAP.replace("stances:\n  - thesis: t1\n    position: agree\n    because: [a]\n",
                                                  "theses:\n  - id: t3\n    text: T.\n").replace(
        "claims:", "stances:\n  - thesis: t1\n    position: agree\n    because: [a]\nclaims:", 1),
    "the version quoted": GOOD_MAP.replace("argmap: 1", "argmap: '1'"),
    "the version and another number": GOOD_MAP.replace("  - name: A", "  - name: 1984"),
    "the version written twice": GOOD_MAP + "argmap: 1\n",
    "an undercut with evidence": GOOD_MAP.replace(
        "    supports: [a]", "    undercuts:\n      - from: a\n        to: b\n        evidence:\n          - quote: fox"),
}


def _seen(problems) -> list[tuple[str, int, int, str, str, str]]:
    return [(p.location.path, p.location.line, p.location.column, p.severity.value, p.code, p.message)
            for p in problems]


def _positions(value) -> list[tuple[str, int, int]]:
    """Every object's position in a loaded corpus, in a fixed order."""
    found: list[tuple[str, int, int]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Location):
            found.append((item.path, item.line, item.column))
        elif attrs.has(type(item)):
            stack.extend(getattr(item, f.name) for f in attrs.fields(type(item)))
        elif isinstance(item, (tuple, list, frozenset)):
            stack.extend(item)
    return found


def _both_ways(maps: Path, monkeypatch) -> tuple[tuple, tuple, int]:
    """(fast, exact) results of load + check, and how many files the fast reader took."""
    taken = []
    real = load._fast_reading

    def spy(file):
        reading = real(file)
        taken.append(reading is not None)
        return reading

    with monkeypatch.context() as patch:
        patch.setattr(load, "_fast_reading", spy)
        patch.setenv("ARGMAP_JOBS", "1")
        fast = load_and_check([maps])
    with monkeypatch.context() as patch:
        patch.setattr(load, "_fast_reading", lambda file: None)
        exact = load_and_check([maps])
    return fast, exact, sum(taken)


def _assert_same(fast, exact) -> None:
    assert _seen(exact[1]) == _seen(fast[1])
    assert exact[0] == fast[0]
    assert _positions(exact[0]) == _positions(fast[0])


def _corpus_dir(tmp_path: Path) -> Path:
    maps = tmp_path / "maps"
    maps.mkdir()
    (tmp_path / "sources").mkdir()
    (maps / "corpus.yaml").write_text(THESES, encoding="utf-8")
    (tmp_path / "sources" / "src.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return maps


def _exact_starts(text: str) -> list[tuple[int, int]]:
    tree, _ = _yaml.parse(text, "m.yaml")
    starts = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            starts.append(node.start)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return sorted(starts)


class TestSameDiagnostics:
    def test_a_good_map_is_read_the_fast_way(self, tmp_path: Path, monkeypatch) -> None:
        maps = _corpus_dir(tmp_path)
        (maps / "m.yaml").write_text(GOOD_MAP, encoding="utf-8")
        fast, exact, taken = _both_ways(maps, monkeypatch)
        assert 2 == taken
        _assert_same(fast, exact)

    @pytest.mark.parametrize("case", sorted(CASES))
    def test_each_diagnostic_case(self, tmp_path: Path, monkeypatch, case: str) -> None:
        maps = _corpus_dir(tmp_path)
        (maps / "m.yaml").write_text(CASES[case][0], encoding="utf-8")
        _assert_same(*_both_ways(maps, monkeypatch)[:2])

    @pytest.mark.parametrize("case", sorted(HOSTILE_CASES))
    def test_each_hostile_file(self, tmp_path: Path, monkeypatch, case: str) -> None:
        maps = _corpus_dir(tmp_path)
        (maps / "m.yaml").write_bytes(HOSTILE_CASES[case][0])
        _assert_same(*_both_ways(maps, monkeypatch)[:2])

    @pytest.mark.parametrize("case", sorted(TRICKY))
    def test_each_input_made_to_slip_past_the_gate(self, tmp_path: Path, monkeypatch, case: str) -> None:
        maps = _corpus_dir(tmp_path)
        (maps / "m.yaml").write_text(TRICKY[case], encoding="utf-8", newline="")
        _assert_same(*_both_ways(maps, monkeypatch)[:2])

    @pytest.mark.parametrize("case", ["duplicate key", "merge key", "anchor and alias", "local tag",
                                      "hex number", "boolean", "cut by a comment", "second document",
                                      "byte-order mark", "CRLF", "null key"])
    def test_what_the_fast_parser_would_hide_goes_the_exact_way(self, case: str) -> None:
        text = TRICKY[case]
        assert None is _fast.read(text)


@pytest.mark.skipif(not forked._available(), reason="needs Linux, fork and two cores")
def test_files_read_fast_by_the_forked_helper_come_back_the_same(tmp_path: Path, monkeypatch) -> None:
    """The helper sends each clean file's document pickled without marks."""
    maps = _corpus_dir(tmp_path)
    for name, content in (("a", GOOD_MAP), ("b", TRICKY["plain number"]),
                          ("c", TRICKY["flow mapping item"]), ("d", TRICKY["CRLF"]),
                          ("e", CASES["dangling-ref"][0]), ("f", TRICKY["nested mapping under an empty item"])):
        (maps / f"{name}.yaml").write_text(content,
                                           encoding="utf-8", newline="")
    sent = []
    real = load._from_helper_answer

    def spy(blob, item):
        sent.append(getattr(item, "path", item).stem)
        return real(blob, item)

    monkeypatch.setattr(forked, "MIN_WEIGHT", 0)
    monkeypatch.setattr(load, "_from_helper_answer", spy)
    both = load_and_check([maps])
    with monkeypatch.context() as patch:
        patch.setattr(load, "_fast_reading", lambda file: None)
        exact = load_and_check([maps])
    assert sent   # some files came back from the helper
    assert _seen(exact[1]) == _seen(both[1])
    assert _positions(exact[0]) == _positions(both[0])


class TestPositions:
    @pytest.mark.parametrize("case", sorted(TRICKY))
    def test_mapping_starts_are_the_exact_parsers(self, case: str) -> None:
        found = _fast.read(TRICKY[case])
        if found is not None:
            assert _exact_starts(TRICKY[case]) == sorted(found.starts)

    @pytest.mark.parametrize("case", ["numbered claims", "flow mappings after quoted text", "flow mapping item",
                                      "comment and blank line between an empty item and its keys",
                                      "nested mapping under an empty item", "comment lines"])
    def test_plainly_written_files_are_read_with_every_start(self, case: str) -> None:
        """(so that the test above compares something): these are read the fast way."""
        for text in (GOOD_MAP, TRICKY[case]):
            found = _fast.read(text)
            assert found is not None and _exact_starts(text) == sorted(found.starts)


# --- generated maps --------------------------------------------------------------------------------

_SETTINGS = settings(max_examples=40, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(corpus=st.one_of(rich_corpora(max_maps=3), rich_corpora(text=plain_text, max_maps=3)))
def test_any_corpus_loads_the_same_both_ways(tmp_path_factory, monkeypatch, corpus) -> None:
    root = tmp_path_factory.mktemp("fast")
    _write_corpus(root / "maps", corpus)
    _assert_same(*_both_ways(root / "maps", monkeypatch)[:2])


# Text that means something to YAML, spliced into a good map anywhere.
_FRAGMENTS = [" #x", "#", "&a ", "*a", "!t ", "!!str ", "<<: ", "- ", "-", "? ", "{", "}", "[", "]",
              ": ", ":", ",", "'", '"', "\\", "\t", "\r", "\n", "\n---\n", "...", "%", "|", ">", "~",
              "null", "true", "0x1", "007", "+1", "-0", "1.5", " ", "  ", "\ufeff", "\u2028", "\x85",
              "id: z\n", "text: t\n", "  ", "    - quote: q\n"]


@_SETTINGS
@given(edits=st.lists(st.tuples(st.integers(0, len(GOOD_MAP)), st.sampled_from(_FRAGMENTS),
                                st.integers(0, 2)), min_size=1, max_size=3))
def test_a_good_map_with_yaml_spliced_in_reads_the_same_both_ways(tmp_path_factory, monkeypatch,
                                                                  edits) -> None:
    text = GOOD_MAP
    for at, fragment, cut in sorted(edits, reverse=True):
        text = text[:at] + fragment + text[at + cut:]
    maps = _corpus_dir(tmp_path_factory.mktemp("spliced"))
    (maps / "m.yaml").write_text(text, encoding="utf-8", newline="")
    _assert_same(*_both_ways(maps, monkeypatch)[:2])
    found = _fast.read(text)
    if found is not None:
        assert _exact_starts(text) == sorted(found.starts)


def test_the_characters_the_gate_refuses_are_those_outside_the_plain_set() -> None:
    """Every code point: only a line break, printable ASCII and what libyaml reads as YAML 1.2
    does outside ASCII pass; tabs, CR, NEL, the line separators, surrogates, the byte-order mark
    and the two non-characters go the exact way."""
    allowed = [(0x0A, 0x0A), (0x20, 0x7E), (0xA0, 0x2027), (0x202A, 0xD7FF), (0xE000, 0xFEFE),
               (0xFF00, 0xFFFD), (0x10000, 0x10FFFF)]
    every = "".join(map(chr, range(0x110000)))
    refused = {found.start() for found in _fast._BAD_CHAR.finditer(every)}
    passed = {c for a, b in allowed for c in range(a, b + 1)}
    assert refused.isdisjoint(passed)
    assert len(refused) + len(passed) == 0x110000


def test_the_gate_refuses_the_same_characters_in_ascii_text_and_in_any_other() -> None:
    """ASCII text is tested another way (bytes.translate): each character alone, among
    printable ASCII and after a non-ASCII one, is refused exactly when _BAD_CHAR finds it."""
    for code in [*range(0x100), 0x2028, 0xFEFF, 0xFFFD]:
        for text in (chr(code), f"argmap: 1\nid: a{chr(code)}b\n", f"é{chr(code)}"):
            refused = _fast._BAD_CHAR.search(text) is not None
            assert refused == _fast._has_bad_char(text) == _fast._has_bad_char(text, text.encode()), (code, text)


def test_on_python_3_10_the_starts_expressions_match_the_same_without_possessive_quantifiers(monkeypatch) -> None:
    """(3.10's `re` has none: importing the fast reader failed there) The expressions that find
    the mapping starts, compiled as on 3.10, find the same matches in every file of these tests;
    on 3.11 and later they are used as written."""
    compiled = (_fast._BLOCK_KEY, _fast._KEY_AFTER_DASH, _fast._OPENER)
    assert [c.pattern for c in compiled] == [_fast._possessive(c.pattern) for c in compiled]
    monkeypatch.setattr(_fast, "sys", types.SimpleNamespace(version_info=(3, 10, 13)))
    texts = [GOOD_MAP, THESES, *TRICKY.values(), *(text for text, *_ in CASES.values())]
    for expression in compiled:
        on_3_10 = _fast._possessive(expression.pattern)
        assert "*+" not in on_3_10 and "++" not in on_3_10
        older = re.compile(on_3_10, expression.flags)
        for text in texts:
            framed = "\n" + text
            assert ([(m.span(), m.groups()) for m in expression.finditer(framed)]
                    == [(m.span(), m.groups()) for m in older.finditer(framed)]), (expression.pattern, text)


# --- every other way a file is loaded: the helper's half, the caches, an editor's text ---------------

# files read the fast way, files only the exact way reads, and files with problems
_WAYS_FILES = {"good": GOOD_MAP, "anchor only": TRICKY["anchor only"], "anchor and alias": TRICKY["anchor and alias"],
               "CRLF": TRICKY["CRLF"],
               "flow mapping item": TRICKY["flow mapping item"], "unknown key": TRICKY["unknown key"],
               "wrong-type": CASES["wrong-type"][0], "yaml-syntax": CASES["yaml-syntax"][0],
               "stance on an unknown thesis": GOOD_MAP.replace("thesis: t1", "thesis: t9")}


def _field_positions(value) -> list[tuple[str, str, int, int]]:
    """Where each field of every located object is (`location.of(field)`), in a fixed order."""
    found: list[tuple[str, str, int, int]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if attrs.has(type(item)):
            location = getattr(item, "location", None)
            for field in attrs.fields(type(item)):
                if isinstance(location, Location):
                    at = location.of(field.name)
                    found.append((at.path, field.name, at.line, at.column))
                stack.append(getattr(item, field.name))
        elif isinstance(item, (tuple, list, frozenset)):
            stack.extend(item)
    return found


def _loaded(outcome) -> tuple:
    document, problems = outcome
    return document, _seen(problems), _positions(document), _field_positions(document)


def _parses(monkeypatch) -> list[str]:
    """Every YAML reading (fast or exact) from now on, by file."""
    read: list[str] = []
    real_parse, real_fast = _yaml.parse, _fast.scan   # (the loader's fast reading starts with `scan`)
    monkeypatch.setattr(_yaml, "parse", lambda text, path, **how: read.append(path) or real_parse(text, path, **how))
    monkeypatch.setattr(_fast, "scan", lambda text, *encoded: read.append("fast") or real_fast(text, *encoded))
    return read


class TestEveryWayToLoadAFile:
    """A file loaded fresh, by the forked helper (its function run here), from a cache on disk or
    a live one (`argmap lsp`), or from an editor's unsaved text, is the same document with the
    same problems, every object and every field at the same place."""

    @pytest.fixture(params=sorted(_WAYS_FILES))
    def path(self, request, tmp_path: Path) -> Path:
        path = tmp_path / "m.yaml"
        path.write_text(_WAYS_FILES[request.param], encoding="utf-8", newline="")
        return path

    def test_the_helpers_answer_taken_in_here(self, path: Path) -> None:
        expected = load.load_document(path)
        file = load._read(path, str(path), None)
        blob = load._helper_answer(file, None)
        if expected[0] is None or expected[1]:
            assert blob is None   # a file with problems is loaded again here, where they keep their marks
        else:
            assert _loaded(expected) == _loaded((load._from_helper_answer(blob, file), []))

    def test_the_helpers_answer_for_a_file_it_reads_itself(self, path: Path, tmp_path: Path, monkeypatch) -> None:
        """(a cold run's helper reads its share of the files itself) Without a cache or with a
        cold one it loads the file, writing its entry; warm, it sends the entry unparsed. Taken
        in here, each is the document a fresh load gives, every field at the same place."""
        expected = load.load_document(path)
        clean = expected[0] is not None and not expected[1]
        cache = Cache(tmp_path / "cache")
        read = _parses(monkeypatch)
        for kept, warm in ((None, False), (cache, False), (cache, True)):
            read.clear()
            blob = load._helper_answer(path, kept)
            if not clean:
                assert blob is None   # (loaded again here, where its problems keep their marks)
                continue
            assert (read == []) == warm
            assert _loaded(expected) == _loaded((load._from_helper_answer(blob, path), []))
        assert load._helper_answer(tmp_path / "gone.yaml", cache) is None   # (reported where it is loaded)

    def test_what_the_helper_caches_is_read_back_unparsed(self, path: Path, tmp_path: Path, monkeypatch) -> None:
        expected = load.load_document(path)
        cache = Cache(tmp_path / "cache")
        load._load_in_helper(load._read(path, str(path), cache), cache)
        read = _parses(monkeypatch)
        warm = load.load_document(path, cache=cache)
        assert (read == []) == (expected[0] is not None and not expected[1])   # files with problems are not cached
        assert _loaded(expected) == _loaded(warm)

    def test_a_warm_load_is_read_back_unparsed(self, path: Path, tmp_path: Path, monkeypatch) -> None:
        expected = load.load_document(path)
        cache = Cache(tmp_path / "cache")
        assert _loaded(expected) == _loaded(load.load_document(path, cache=cache))
        read = _parses(monkeypatch)
        warm = load.load_document(path, cache=cache)
        assert (read == []) == (expected[0] is not None and not expected[1])
        assert _loaded(expected) == _loaded(warm)

    def test_a_file_changed_after_a_warm_load_gives_no_stale_field_position(self, path: Path,
                                                                           tmp_path: Path) -> None:
        """The cache keeps positions, never the YAML it read: a field is looked up in the file
        as it is, or, changed since, given as its object's start."""
        cache = Cache(tmp_path / "cache")
        if load.load_document(path, cache=cache)[1]:
            pytest.skip("a file with problems is never cached")
        warm, _ = load.load_document(path, cache=cache)
        path.write_text("argmap: 1\n" * 30, encoding="utf-8")
        starts = {(at[0], at[1], at[2]) for at in _positions(warm)}
        assert all((where, line, column) in starts for where, _, line, column in _field_positions(warm))

    def test_a_live_cache_keeps_the_document_itself(self, path: Path, monkeypatch) -> None:
        """(`argmap lsp`) with its marks: the file may change on disk while an editor still
        holds the text that was loaded."""
        text = path.read_bytes()
        expected = _loaded(load.load_document(path))
        cache = MemoryCache()
        first = load.load_document(path, cache=cache)
        path.write_text("argmap: 1\n", encoding="utf-8")
        assert expected == _loaded(first)
        read = _parses(monkeypatch)
        [(_, *again)] = load.load_documents([path], cache, unsaved={path: text})
        if first[0] is not None and not first[1]:
            assert [] == read
            assert again[0] is first[0]
        assert expected == _loaded(again)

    def test_an_editors_text_in_place_of_the_file(self, path: Path, tmp_path: Path) -> None:
        text = path.read_bytes()
        expected = _loaded(load.load_document(path))
        path.write_text("argmap: 1\nclaims: []\n", encoding="utf-8")   # on disk: something else
        for cache in (None, Cache(tmp_path / "cache"), MemoryCache()):
            for _ in range(2):
                [(_, *outcome)] = load.load_documents([path], cache, unsaved={path: text})
                assert expected == _loaded(outcome)


def test_an_editors_text_never_reaches_a_cache_on_disk(tmp_path: Path) -> None:
    """(each keystroke would leave an entry behind); even text the disk once held, and which
    is cached, is read from the editor: its fields are found in that text, not in the file."""
    maps = _corpus_dir(tmp_path)
    path = maps / "m.yaml"
    text = GOOD_MAP.replace("thesis: t1", "thesis: t9").encode("utf-8")
    cache = Cache(tmp_path / "cache")
    [(_, *edited)] = load.load_documents([path], cache, unsaved={path: text})
    assert not (tmp_path / "cache" / "documents").exists()
    path.write_bytes(text)
    load.load_document(path, cache=cache)                  # cached from the disk
    path.write_text("argmap: 1\n\n\n" + GOOD_MAP.removeprefix("argmap: 1\n"), encoding="utf-8")
    [(_, *again)] = load.load_documents([path], cache, unsaved={path: text})
    assert _loaded(edited) == _loaded(again)
    assert (16, 13) == (lambda at: (at.line, at.column))(again[0].stances[0].location.of("thesis"))


def test_a_file_that_cannot_be_read_is_reported_under_the_name_it_was_given(tmp_path: Path) -> None:
    gone = tmp_path / "gone.yaml"
    for cache in (None, Cache(tmp_path / "cache")):
        assert (None, [("maps/gone.yaml", 1, 1, "error", "unreadable", "cannot read file: No such file or directory")]
                ) == (lambda d, p: (d, _seen(p)))(*load.load_document(gone, "maps/gone.yaml", cache))
    assert [("unreadable", str(tmp_path))] == [(p.code, p.location.path)
                                               for p in load.load_documents([tmp_path])[0][2]]


def test_files_with_the_same_bytes_are_each_located_in_their_own_file_from_the_cache(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (first, second):
        path.write_text(GOOD_MAP, encoding="utf-8")
        load.load_document(path, cache=cache)
    for path, other in ((first, second), (second, first)):
        warm, _ = load.load_document(path, cache=cache)
        where = {at for at, _, _ in _positions(warm)}
        assert str(path) in where and str(other) not in where


def _cached_then_one_new(tmp_path: Path, entry: bytes) -> tuple[Path, Path, Cache]:
    """Three maps loaded once (cached), every cache entry then replaced by `entry`, and a new map
    that sorts first: the next load is a cold run whose helper reads the three itself and finds
    their entries."""
    maps, sources = _corpus_dir(tmp_path), tmp_path / "sources"
    for i in range(3):
        (maps / f"ok{i}.yaml").write_text(GOOD_MAP.replace("name: A", f"name: A{i}"), encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    load_and_check([maps], sources, cache)
    for stored in (tmp_path / "cache" / "documents").glob("*/*"):
        stored.write_bytes(entry)
    (maps / "a.yaml").write_text(GOOD_MAP.replace("id: b", "id: bb"), encoding="utf-8")   # first, new
    return maps, sources, cache


@pytest.mark.skipif(not forked._available(), reason="needs Linux, fork and two cores")
@pytest.mark.parametrize("entry", [b"not a pickle", pickle.dumps(("not", "a document"))], ids=["damaged", "foreign"])
def test_a_cache_entry_the_helper_finds_damaged_or_foreign_is_a_miss(tmp_path: Path, monkeypatch, entry: bytes) -> None:
    """As for Cache.get here: the helper sends what it finds for a file it reads itself (a cold
    run: one map new), and one that is not a document is loaded here. The corpus, its problems
    and every position are those of a load without a cache."""
    maps, sources, cache = _cached_then_one_new(tmp_path, entry)
    monkeypatch.setattr(forked, "MIN_WEIGHT", 0)
    both = load_and_check([maps], sources, cache)
    expected = load_and_check([maps], sources)
    assert _seen(expected[1]) == _seen(both[1])
    assert expected[0] == both[0] and _positions(expected[0]) == _positions(both[0])
    entries = [stored.read_bytes() for stored in (tmp_path / "cache" / "documents").glob("*/*")]
    assert len(entries) == 5 and entry not in entries   # (each written again, as for a miss here)


@pytest.mark.parametrize("cache", ["on disk", "on disk, loaded on two cores", "live"])
def test_a_second_load_of_a_corpus_parses_nothing(tmp_path: Path, monkeypatch, cache: str) -> None:
    maps = _corpus_dir(tmp_path)
    (maps / "m.yaml").write_text(GOOD_MAP.replace("thesis: t1", "thesis: t9"), encoding="utf-8")
    kept = MemoryCache() if cache == "live" else Cache(tmp_path / "cache")
    if "two cores" in cache:
        if not forked._available():
            pytest.skip("needs Linux, fork and two cores")
        monkeypatch.setattr(forked, "MIN_WEIGHT", 0)   # the helper loads (and caches) one of the two files
    first = load_and_check([maps], None, kept)
    read = _parses(monkeypatch)
    second = load_and_check([maps], None, kept)
    assert [str(maps / "m.yaml")] * (cache != "live") == read   # on disk: to locate the stance's thesis
    assert _seen(first[1]) == _seen(second[1]) and first[0] == second[0]


@pytest.mark.skipif(not forked._available(), reason="needs Linux, fork and two cores")
def test_a_file_gone_before_a_damaged_entry_is_loaded_here_is_reported_unreadable(tmp_path: Path, monkeypatch) -> None:
    """(the helper read it and sent a damaged entry; read again here, it has gone) As any file
    gone between listing and reading: reported as unreadable, the other maps loaded."""
    maps, sources, cache = _cached_then_one_new(tmp_path, b"not a pickle")
    gone = []
    real = load._from_helper_answer

    def vanishing(blob, item):
        if isinstance(item, Path) and not gone:
            gone.append(item)
            item.unlink()
        return real(blob, item)

    monkeypatch.setattr(forked, "MIN_WEIGHT", 0)
    monkeypatch.setattr(load, "_from_helper_answer", vanishing)
    corpus, problems = load_and_check([maps], sources, cache)
    assert gone
    assert [("unreadable", str(gone[0]))] == [(p.code, p.location.path) for p in problems if p.code == "unreadable"]
    assert len(corpus.maps) == 3


def test_after_one_map_changes_only_it_is_parsed(tmp_path: Path, monkeypatch) -> None:
    """(a cold run: the files after the first to load are read where they are loaded, and
    looked up in the cache there) The maps that did not change come from the cache."""
    maps, sources = _corpus_dir(tmp_path), tmp_path / "sources"
    for i in range(3):
        (maps / f"ok{i}.yaml").write_text(GOOD_MAP.replace("name: A", f"name: A{i}"), encoding="utf-8")
    (maps / "a.yaml").write_text(GOOD_MAP.replace("id: b", "id: bb"), encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    load_and_check([maps], sources, cache)
    (maps / "a.yaml").write_text(GOOD_MAP.replace("id: b", "id: bc"), encoding="utf-8")   # first in order
    read = _parses(monkeypatch)
    again = load_and_check([maps], sources, cache)
    assert ["fast"] == read
    read.clear()
    assert (again[0], _seen(again[1])) == (lambda warm: (warm[0], _seen(warm[1])))(load_and_check([maps], sources, cache))
    assert [] == read   # (unchanged since: every map from the cache)
    fresh = load_and_check([maps], sources)
    assert _seen(fresh[1]) == _seen(again[1]) and fresh[0] == again[0]


@pytest.mark.parametrize("case", ["wrong-type", "unknown-key", "bad-value", "duplicate-key"])
def test_a_file_with_problems_is_never_cached_so_a_warm_load_reports_them_again(tmp_path: Path, case: str) -> None:
    maps = _corpus_dir(tmp_path)
    (maps / "m.yaml").write_text(CASES[case][0], encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    first = _seen(load_and_check([maps], None, cache)[1])
    assert first and first == _seen(load_and_check([maps], None, cache)[1])


# --- the plain structurer (argmap._plain) against cattrs ------------------------------------------

def _plain_and_cattrs(text: str, path: Path):
    """What _plain makes of a text's fast reading, and what cattrs makes of a fresh one (None
    each when the text is not read fast or not clean). What _plain makes in document order, as
    the loader tries first, is checked here against what it makes from the walked tree."""
    from argmap import _plain
    from argmap.cache import DeferredMarks

    path.write_text(text, encoding="utf-8", newline="")
    file = load._File(path, str(path), path.read_bytes(), "digest")
    marks = DeferredMarks(path, str(path), "digest")
    scanned = load._fast_reading(file)
    reading = None if scanned is None else _fast.verified(scanned)
    in_order = None if scanned is None else _plain.document_in_order(load._fast_reading(file), file.shown,
                                                                     marks, load.Document)
    if reading is None:
        assert in_order is None, "made in order what the walk refuses"
        return None, None
    plain = _plain.document(reading.tree, reading.placed, file.shown, marks, load.Document)
    if in_order is not None:
        assert plain is not None, "made in order what is not plainly right"
        _assert_plain_is_cattrs(in_order, plain)
    again = _fast.verified(load._fast_reading(file))
    assert again is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_plain, "document", lambda *_args: None)
        made = load._structure_reading(again.tree, again.placed, file, marks)
    return plain, made


def _assert_plain_is_cattrs(plain, made) -> None:
    if plain is None:
        return
    assert made is not None, "plain made a document cattrs refuses"
    assert plain == made
    assert _positions(plain) == _positions(made)
    assert _marks(plain) == _marks(made)


def _marks(value) -> list[type]:
    found: list[type] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Location):
            found.append(type(item.marks))
        elif attrs.has(type(item)):
            stack.extend(getattr(item, f.name) for f in attrs.fields(type(item)))
        elif isinstance(item, (tuple, list)):
            stack.extend(item)
    return found


@pytest.mark.parametrize("text", [GOOD_MAP, THESES, *TRICKY.values(), *(case[0] for case in CASES.values())],
                         ids=["good", "theses", *TRICKY, *CASES])
def test_what_the_plain_structurer_makes_is_what_cattrs_makes(tmp_path: Path, text: str) -> None:
    plain, made = _plain_and_cattrs(text, tmp_path / "m.yaml")
    _assert_plain_is_cattrs(plain, made)


def test_plainly_written_maps_are_made_without_cattrs(tmp_path: Path) -> None:
    for text in (GOOD_MAP, THESES, TRICKY["flow mapping item"], TRICKY["plain number"], TRICKY["numbered claims"],
                 TRICKY["flow mappings after quoted text"], TRICKY["every optional field"],
                 TRICKY["an undercut with a basis and a note"], TRICKY["a stance with a note"],
                 TRICKY["sources_dir as one folder"], TRICKY["a claim's lists in order"],
                 TRICKY["an undercut with evidence"]):
        plain, made = _plain_and_cattrs(text, tmp_path / "m.yaml")
        assert plain is not None and made is not None
        _assert_plain_is_cattrs(plain, made)


def test_what_cattrs_would_report_is_left_to_it(tmp_path: Path) -> None:
    for broken in (GOOD_MAP.replace("    supports: [a]", "    suports: [a]"),          # unknown key
                   GOOD_MAP.replace("  - id: b\n    text: Another.\n", "  - id: b\n"),  # missing key
                   GOOD_MAP.replace("quote: the lazy dog", "quote: [the lazy dog]"),    # a list for text
                   GOOD_MAP.replace("quick brown fox", "quick brown fox\n        kind: rumour"),
                   GOOD_MAP.replace("supports: [a]", "supports: a")):
        plain, _made = _plain_and_cattrs(broken, tmp_path / "m.yaml")
        assert plain is None


def test_the_plain_structurer_knows_the_model_keys() -> None:
    """A field added to the model must be added to _plain too (until it is, every file that
    writes it goes through cattrs, which is only slower)."""
    from argmap import _plain
    from argmap.model import Author, Claim, Evidence, Relation, Source, Stance, Thesis, Undercut

    for cls, (allowed, required) in ((Author, _plain._AUTHOR), (Evidence, _plain._EVIDENCE),
                                     (Relation, _plain._RELATION), (Undercut, _plain._UNDERCUT),
                                     (Claim, _plain._CLAIM), (Stance, _plain._STANCE),
                                     (Source, _plain._SOURCE), (Thesis, _plain._THESIS),
                                     (load.Document, _plain._DOCUMENT)):
        assert sorted(allowed) == load._FIELDS[cls], cls
        assert required == {("from" if f.name == "from_" else f.name) for f in attrs.fields(cls)
                            if f.default is attrs.NOTHING and f.name != "location"}, cls


@_SETTINGS
@given(corpus=st.one_of(rich_corpora(max_maps=3), rich_corpora(text=plain_text, max_maps=3)))
def test_generated_maps_are_made_alike_by_both(tmp_path_factory, corpus) -> None:
    root = tmp_path_factory.mktemp("plain")
    _write_corpus(root / "maps", corpus)
    for path in sorted((root / "maps").glob("*.yaml")):
        plain, made = _plain_and_cattrs(path.read_text(encoding="utf-8"), path)
        _assert_plain_is_cattrs(plain, made)
        assert (plain is None) == (made is None)
