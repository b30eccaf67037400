"""Each deliberate mistake yields exactly its code at its location, and nothing is modified."""

from __future__ import annotations

import hashlib
import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cache import Cache
from argmap.check import resolve_sources_dir, resolve_sources_dirs
from argmap.cli import main
from argmap.load import load_corpus
from argmap.pipeline import load_and_check

THESES = """\
argmap: 1
sources:
  - id: src
    title: A source
    text: src.txt
theses:
  - id: t1
    text: A thesis.
"""
SOURCE_TEXT = "The quick brown fox jumps over the lazy dog.\nIt was “quoted” — here.\n"

GOOD_MAP = """\
argmap: 1
authors:
  - name: A
source: src
claims:
  - id: a
    text: A claim.
    evidence:
      - quote: quick brown fox
  - id: b
    text: Another.
    evidence:
      - quote: the lazy dog
    supports: [a]
stances:
  - thesis: t1
    position: agree
    because: [a]
"""

# (file content, [(code, line, column)]) — positions are 1-based, pointing at the key or value.
CASES = {
    "yaml-syntax": ("argmap: 1\nclaims: [a, b\n", [("yaml-syntax", 3, 1)]),
    "tab": ("argmap: 1\nauthors:\n\t- name: A\n", [("yaml-syntax", 3, 1)]),
    "duplicate-key": (GOOD_MAP.replace("    text: A claim.\n", "    text: A claim.\n    text: Again.\n"),
                      [("duplicate-key", 8, 5)]),
    "unknown-key": (GOOD_MAP.replace("    supports: [a]", "    suports: [a]"), [("unknown-key", 14, 5)]),
    "missing-key": (GOOD_MAP.replace("    text: Another.\n", ""), [("missing-key", 10, 5)]),
    "wrong-type": (GOOD_MAP.replace("    text: A claim.", "    text: [A claim]"), [("wrong-type", 7, 11)]),
    "bad-value": (GOOD_MAP.replace("position: agree", "position: agre"), [("bad-value", 17, 15)]),
    "bad-id": (GOOD_MAP.replace("  - id: b\n", "  - id: B_2\n").replace("supports: [a]", "supports: [a]"),
               [("bad-id", 10, 9)]),
    "duplicate-id": (GOOD_MAP.replace("  - id: b\n", "  - id: a\n").replace("supports: [a]", ""),
                     [("duplicate-id", 6, 9), ("duplicate-id", 10, 9)]),
    "dangling-ref": (GOOD_MAP.replace("supports: [a]", "supports: [a, zz]"), [("dangling-ref", 14, 19)]),
    "dangling-ref-qualified": (GOOD_MAP.replace("supports: [a]", "supports: [nomap/a]"),
                               [("dangling-ref", 14, 16)]),
    "missing-because": (GOOD_MAP.replace("    because: [a]\n", ""), [("missing-because", 16, 5)]),
    "self-reference": (GOOD_MAP.replace("supports: [a]", "supports: [b]"), [("self-reference", 14, 16)]),
    "unknown-thesis": (GOOD_MAP.replace("thesis: t1", "thesis: t2"), [("unknown-thesis", 16, 13)]),
    "empty-file": ("", [("empty-file", 1, 1)]),
    "only-comments": ("# nothing here\n", [("empty-file", 1, 1)]),
    "not-a-mapping": ("- argmap: 1\n", [("not-a-mapping", 1, 1)]),
    "unsupported-version": (GOOD_MAP.replace("argmap: 1", "argmap: 2"), [("unsupported-version", 1, 9)]),
    "alias-bomb": ("argmap: 1\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
                   [("alias-refused", 3, 8)]),
    "python-tag": ("argmap: 1\nid: !!python/object/apply:os.system [echo hi]\n", [("tag-refused", 2, 5)]),
    "two-documents": ("argmap: 1\n---\nargmap: 1\n", [("yaml-syntax", 2, 1)]),
    "too-deep": ("argmap: 1\nx: " + "[" * 10_000 + "]" * 10_000 + "\n", [("too-deep", 2, 67)]),
    "non-string-key": ("argmap: 1\n[a]: b\n", [("wrong-type", 2, 1)]),
    "quote-not-found": (GOOD_MAP.replace("quote: the lazy dog", "quote: the lazy cat"), [("quote-not-found", 13, 16)]),
    "missing-evidence": (GOOD_MAP.replace("    evidence:\n      - quote: the lazy dog\n", ""),
                         [("missing-evidence", 10, 5)]),
    "unknown-source": (GOOD_MAP.replace("source: src", "source: nope"), [("unknown-source", 4, 9)]),
    # the evidence's own source is checked too, not only the map's default
    "unknown-source-of-evidence": (GOOD_MAP.replace("      - quote: quick brown fox\n",
                                                    "      - quote: quick brown fox\n        source: nope\n"),
                                   [("unknown-source", 10, 17)]),
    # DESIGN.md: quotes are found case-sensitively; a changed capital is a changed quote
    "quote-case-changed": (GOOD_MAP.replace("quote: quick brown fox", "quote: Quick brown fox"),
                           [("quote-not-found", 9, 16)]),
    # positions are written as the format spells them: `Agree` is not `agree`
    "position-capitalised": (GOOD_MAP.replace("position: agree", "position: Agree"), [("bad-value", 17, 15)]),
    # a bare string where a list is required is a mistake, not a list of one
    "bare-string-for-list": (GOOD_MAP.replace("supports: [a]", "supports: a"), [("wrong-type", 14, 15)]),
    "bare-string-for-because": (GOOD_MAP.replace("because: [a]", "because: a"), [("wrong-type", 18, 14)]),
}


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    maps = tmp_path / "maps"
    maps.mkdir()
    sources = tmp_path / "sources"
    sources.mkdir()
    _write(maps, "corpus.yaml", THESES)
    _write(sources, "src.txt", SOURCE_TEXT)
    return maps


def _found(maps: Path, name: str) -> list[tuple[str, int, int]]:
    _, problems = load_and_check([maps])
    return sorted((p.code, p.location.line, p.location.column)
                  for p in problems if Path(p.location.path).name == name)


class TestEachMistake:
    def test_good_map_is_clean(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _, problems = load_and_check([corpus_dir])
        assert [] == [p.format() for p in problems]

    @pytest.mark.parametrize("case", sorted(CASES))
    def test_mistake_located(self, corpus_dir: Path, case: str) -> None:
        content, expected = CASES[case]
        _write(corpus_dir, "m.yaml", content)
        assert sorted(expected) == _found(corpus_dir, "m.yaml")

    @pytest.mark.parametrize("data, code", [
        (b"argmap: 1\ntitle: caf\xe9\n", "not-utf8"),
        (b"\xff\xfea\x00r\x00", "not-utf8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not-utf8"),
    ])
    def test_undecodable(self, corpus_dir: Path, data: bytes, code: str) -> None:
        _write(corpus_dir, "m.yaml", data)
        assert [code] == [c for c, _, _ in _found(corpus_dir, "m.yaml")]

    def test_not_utf8_points_at_the_byte(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", b"argmap: 1\ntitle: caf\xe9\n")
        assert [("not-utf8", 2, 11)] == _found(corpus_dir, "m.yaml")

    def test_duplicate_ids_across_files(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _write(corpus_dir, "z.yaml", "argmap: 1\ntheses:\n  - id: t1\n    text: Again.\n")
        assert [("duplicate-id", 3, 9)] == _found(corpus_dir, "z.yaml")

    def test_undercut_must_attack_an_existing_support(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _write(corpus_dir, "n.yaml", textwrap.dedent("""\
            argmap: 1
            authors: [{name: N}]
            source: src
            claims:
              - id: x
                text: X.
                evidence: [{quote: quick brown fox}]
                undercuts:
                  - {from: m/b, to: m/a, basis: contrast, note: Set side by side.}
                  - {from: m/a, to: m/b, basis: contrast, note: Set side by side.}
            """))
        assert [("dangling-ref", 10, 9)] == _found(corpus_dir, "n.yaml")

    def test_an_undercut_within_one_map_may_use_plain_ids(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("    supports: [a]\n", "    supports: [a]\n"
                                                      "  - id: c\n    text: C.\n"
                                                      "    evidence: [{quote: quick brown fox}]\n"
                                                      "    undercuts: [{from: b, to: a}]\n"))
        _, problems = load_and_check([corpus_dir])
        assert [] == [p.format() for p in problems]

    def test_a_missing_plain_id_undercut_end_names_this_map(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("    supports: [a]\n", "    supports: [a]\n"
                                                      "  - id: c\n    text: C.\n"
                                                      "    evidence: [{quote: quick brown fox}]\n"
                                                      "    undercuts: [{from: zz, to: a}]\n"))
        _, problems = load_and_check([corpus_dir])
        assert [("dangling-ref", 18, 24, "'zz': no claim 'zz' in map 'm'")] == [
            (p.code, p.location.line, p.location.column, p.message) for p in problems]

    def test_an_undercut_of_a_link_that_is_not_there_says_so(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("    supports: [a]\n", "    supports: [a]\n"
                                                      "  - id: c\n    text: C.\n"
                                                      "    evidence: [{quote: quick brown fox}]\n"
                                                      "    undercuts: [{from: a, to: b}]\n"))
        _, problems = load_and_check([corpus_dir])
        assert [("dangling-ref", 18, 17, "undercut of 'a -> b', but 'a' does not support 'b'; an undercut "
                                         "attacks an existing support link")] == [
            (p.code, p.location.line, p.location.column, p.message) for p in problems]

    def test_a_missing_undercut_end_is_located_at_its_key(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _write(corpus_dir, "n.yaml", textwrap.dedent("""\
            argmap: 1
            authors: [{name: N}]
            source: src
            claims:
              - id: x
                text: X.
                evidence: [{quote: quick brown fox}]
                undercuts:
                  - from: m/zz
                    to: m/a
                  - from: m/b
                    to: m/nope
            """))
        assert [("dangling-ref", 9, 15), ("dangling-ref", 12, 13)] == _found(corpus_dir, "n.yaml")
        _, problems = load_and_check([corpus_dir])
        assert ["'m/zz': no claim 'zz' in map 'm'", "'m/nope': no claim 'nope' in map 'm'"] == [
            p.message for p in problems]

    def test_because_cites_only_own_claims(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("because: [a]", "because: [a, other/x]"))
        assert [("dangling-ref", 18, 18)] == _found(corpus_dir, "m.yaml")

    def test_text_outside_sources_folder_refused(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "corpus.yaml", THESES.replace("text: src.txt", "text: ../../../etc/passwd"))
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        assert [("path-outside-sources", 5, 11)] == _found(corpus_dir, "corpus.yaml")

    def test_missing_text_is_a_warning_not_a_pass(self, corpus_dir: Path) -> None:
        (corpus_dir.parent / "sources" / "src.txt").unlink()
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        assert [("quote-unchecked", 9, 16), ("quote-unchecked", 13, 16)] == _found(corpus_dir, "m.yaml")


OTHER_VOICE = """\
argmap: 1
authors: [{name: N}]
source: src
claims:
  - id: x
    text: X.
    evidence: [{quote: quick brown fox}]
"""


class TestCrossVoiceBasis:
    """A relation that reaches another voice says whose it is (issue 18)."""

    @pytest.mark.parametrize("relation, expected", [
        ("    attacks: [m/a]\n", [("cross-voice-basis", 8, 15)]),
        ("    supports: [y, m/a]\n", [("cross-voice-basis", 8, 19)]),
        ("    undercuts:\n      - {from: m/b, to: m/a}\n", [("cross-voice-basis", 9, 9)]),
        ("    attacks:\n      - {target: m/a, basis: contrast, note: Set side by side.}\n", []),
        ("    attacks:\n      - {target: m/a, basis: contrast}\n", [("missing-key", 9, 9)]),
        ("    attacks:\n      - {target: m/a, basis: contrast, note: '  '}\n", [("missing-key", 9, 9)]),
        ("    attacks:\n      - {target: m/a, basis: contrast, note: N, evidence: [{quote: the lazy dog}]}\n",
         [("bad-value", 9, 9)]),
        ("    attacks:\n      - {target: m/a, basis: reply}\n", [("missing-key", 9, 9)]),
        ("    attacks:\n      - {target: m/a, basis: reply, evidence: [{quote: the lazy dog}]}\n", []),
        ("    attacks:\n      - {target: m/a, basis: reply, evidence: [{quote: the lazy cat}]}\n",
         [("quote-not-found", 9, 56)]),
        ("    attacks:\n      - {target: m/a, basis: replied}\n", [("bad-value", 9, 30)]),
        ("    attacks:\n      - {target: m/a, basis: contrast, notes: N}\n",
         [("missing-key", 9, 9), ("unknown-key", 9, 40)]),
        ("    undercuts:\n      - {from: m/b, to: m/a, basis: reply, evidence: [{quote: the lazy dog}]}\n", []),
        # within the voice a basis is meaningless; a mapping without one is fine
        ("    attacks:\n      - {target: y, basis: contrast, note: N}\n", [("cross-voice-basis", 9, 9)]),
        ("    attacks:\n      - {target: y, note: Within the voice.}\n", []),
        # an undercut's problems are placed at the undercut itself, whichever rule finds them
        ("    undercuts:\n      - {from: m/b, to: m/a, basis: contrast}\n", [("missing-key", 9, 9)]),
        ("    undercuts:\n      - {from: m/b, to: m/a, basis: reply}\n", [("missing-key", 9, 9)]),
        ("    undercuts:\n      - {from: m/b, to: m/a, basis: contrast, note: N, evidence: [{quote: the lazy dog}]}\n",
         [("bad-value", 9, 9)]),
        ("    supports: [y]\n    undercuts:\n      - {from: x, to: y, basis: contrast, note: N}\n",
         [("cross-voice-basis", 10, 9)]),
    ])
    def test_each_case(self, corpus_dir: Path, relation: str, expected: list) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _write(corpus_dir, "n.yaml", OTHER_VOICE + relation
               + "  - id: y\n    text: Y.\n    evidence: [{quote: jumps over the}]\n")
        assert expected == _found(corpus_dir, "n.yaml")

    def test_a_claim_without_relations_does_not_end_the_check_of_the_next(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _write(corpus_dir, "n.yaml", OTHER_VOICE + "  - id: y\n    text: Y.\n    evidence: [{quote: jumps over the}]\n"
                                                   "    attacks: [m/a]\n")
        assert [("cross-voice-basis", 11, 15)] == _found(corpus_dir, "n.yaml")

    @pytest.mark.parametrize("relation, expected", [
        ("    attacks: [m/a]\n",
         ("cross-voice-basis", 8, 15, "'m/a' reaches another voice: say whose relation this is. Write "
          "{target: m/a, basis: contrast, note: ...} when you, the mapper, set the two side by side, or "
          "basis: reply with evidence quoting the words in which this text itself answers that voice")),
        ("    undercuts:\n      - {from: m/b, to: m/a}\n",
         ("cross-voice-basis", 9, 9, "'m/b -> m/a' reaches another voice: say whose relation this is. Write "
          "basis: contrast and note: ... beside from/to when you, the mapper, set the two side by side, or "
          "basis: reply with evidence quoting the words in which this text itself answers that voice")),
        ("    attacks:\n      - {target: y, basis: contrast, note: N}\n",
         ("cross-voice-basis", 9, 9, "'basis' is for relations across voices, and 'y' stays in map 'n'; "
          "drop 'basis'")),
        ("    attacks:\n      - {target: m/a, basis: contrast}\n",
         ("missing-key", 9, 9, "the contrast with 'm/a' needs a 'note': why you set the two side by side "
          "(a reader sees it as the mapper's, not the author's)")),
        ("    attacks:\n      - {target: m/a, basis: contrast, note: N, evidence: [{quote: the lazy dog}]}\n",
         ("bad-value", 9, 9, "the contrast with 'm/a' has 'evidence', which would read as the author's own "
          "answer: make it basis: reply, or drop the quotes (the claims carry their own evidence)")),
        ("    attacks:\n      - {target: m/a, basis: reply}\n",
         ("missing-key", 9, 9, "the reply to 'm/a' needs 'evidence': the words in which this text answers "
          "that voice (checked like any quote)")),
    ])
    def test_each_message(self, corpus_dir: Path, relation: str, expected: tuple) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _write(corpus_dir, "n.yaml", OTHER_VOICE + relation
               + "  - id: y\n    text: Y.\n    evidence: [{quote: jumps over the}]\n")
        _, problems = load_and_check([corpus_dir])
        assert [expected] == [(p.code, p.location.line, p.location.column, p.message) for p in problems]

    def test_an_undercut_from_a_claim_of_this_map_to_another_voice(self, corpus_dir: Path) -> None:
        """`from: x` is this map's claim, `to: m/a` another voice's: the undercut crosses voices."""
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _write(corpus_dir, "n.yaml", OTHER_VOICE + "    supports: [{target: m/a, basis: contrast, note: N.}]\n"
               "  - id: y\n    text: Y.\n    evidence: [{quote: jumps over the}]\n"
               "    undercuts: [{from: x, to: m/a}]\n")
        assert [("cross-voice-basis", 12, 17)] == _found(corpus_dir, "n.yaml")

    def test_a_dangling_relation_does_not_hide_the_next_ones_basis(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _write(corpus_dir, "n.yaml", OTHER_VOICE + "    attacks: [m/zz, m/b]\n")
        assert [("cross-voice-basis", 8, 21), ("dangling-ref", 8, 15)] == _found(corpus_dir, "n.yaml")

    def test_a_relation_to_a_broken_claim_still_needs_its_basis(self, corpus_dir: Path) -> None:
        """The broken claim is reported where it is; the relation's own mistake is still this map's."""
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("    text: A claim.\n", ""))
        _write(corpus_dir, "n.yaml", OTHER_VOICE + "    attacks: [m/a]\n")
        assert [("cross-voice-basis", 8, 15)] == _found(corpus_dir, "n.yaml")
        assert [("missing-key", 6, 5)] == _found(corpus_dir, "m.yaml")

    def test_message_spells_out_the_fix(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _write(corpus_dir, "n.yaml", OTHER_VOICE + "    attacks: [m/a]\n")
        _, problems = load_and_check([corpus_dir])
        [problem] = [p for p in problems if p.code == "cross-voice-basis"]
        assert "{target: m/a, basis: contrast, note: ...}" in problem.message
        assert "basis: reply" in problem.message

    def test_reply_quote_uses_the_maps_default_source(self, corpus_dir: Path) -> None:
        """A reply's evidence is a quote like any other: no source of its own needed."""
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _write(corpus_dir, "n.yaml", OTHER_VOICE.replace("source: src\n", "")
               + "    attacks:\n      - {target: m/a, basis: reply, evidence: [{quote: the lazy dog}]}\n")
        assert ("missing-key", 8, 48) in _found(corpus_dir, "n.yaml")


class TestMessages:
    """The words under each code: what is wrong and what to write instead."""

    @pytest.mark.parametrize(("content", "expected"), [
        (GOOD_MAP.replace("  - id: b\n", "  - id: B_2\n"),
         ("bad-id", 10, 9, "claim in map 'm' id 'B_2' is not a slug (lower-case letters, digits and '-'); "
                           "try 'b-2'")),
        (GOOD_MAP.replace("  - id: b\n", "  - id: ' Why Not?'\n"),
         ("bad-id", 10, 9, "claim in map 'm' id ' Why Not?' is not a slug (lower-case letters, digits and "
                           "'-'); try 'why-not'")),
        (GOOD_MAP.replace("  - id: b\n", "  - id: '__'\n"),
         ("bad-id", 10, 9, "claim in map 'm' id '__' is not a slug (lower-case letters, digits and '-'); "
                           "try 'an-id'")),
        (GOOD_MAP.replace("  - id: b\n", "  - id: " + "b" * 70 + "\n").replace("supports: [a]", ""),
         ("id-too-long", 10, 9, "claim in map 'm' id '" + "b" * 24 + "…' is 70 characters; ids are at most "
                                "64 (they name files): shorten it")),
        (GOOD_MAP.replace("supports: [a]", "supports: [aa]"),
         ("dangling-ref", 14, 16, "'aa': no claim 'aa' in map 'm' (did you mean 'a'?)")),
        (GOOD_MAP.replace("supports: [a]", "supports: [zzz]"),
         ("dangling-ref", 14, 16, "'zzz': no claim 'zzz' in map 'm'")),
        (GOOD_MAP.replace("supports: [a]", "supports: [b]"),
         ("self-reference", 14, 16, "claim 'b' supports itself; a claim cannot support itself")),
        (GOOD_MAP.replace("supports: [a]", "attacks: [b]"),
         ("self-reference", 14, 15, "claim 'b' attacks itself; a claim cannot attack itself")),
        (GOOD_MAP.replace("authors:\n  - name: A\n", ""),
         ("missing-key", 1, 1, "map 'm' has no 'authors' (at least one, each with a 'name')")),
        (GOOD_MAP.replace("authors:\n  - name: A\n", "authors: []\n"),
         ("missing-key", 1, 1, "map 'm' has no 'authors' (at least one, each with a 'name')")),
        (GOOD_MAP.replace("source: src", "source: nope"), ("unknown-source", 4, 9, "unknown source 'nope'")),
        (GOOD_MAP.replace("      - quote: quick brown fox\n", "      - quote: quick brown fox\n        source: nix\n"),
         ("unknown-source", 10, 17, "unknown source 'nix'")),
        (GOOD_MAP.replace("    text: A claim.", '    text: " "'), ("bad-value", 7, 11, "claim 'a' has empty text")),
        (GOOD_MAP.replace("      - quote: quick brown fox\n", '      - quote: " "\n'),
         ("bad-value", 9, 16, "empty quote")),
        (GOOD_MAP.replace("    evidence:\n      - quote: the lazy dog\n", ""),
         ("missing-evidence", 10, 5, "claim 'b' has no evidence; add a quote from its source")),
        (GOOD_MAP.replace("quote: quick brown fox", "quote: ' fox '"),
         ("quote-too-short", 9, 16, "quote 'fox' has 1 word: too short to identify a passage; quote at least "
                                    "3 words")),
        (GOOD_MAP.replace("quote: quick brown fox", "quote: brown fox"),
         ("quote-too-short", 9, 16, "quote 'brown fox' has 2 words: too short to identify a passage; quote at "
                                    "least 3 words")),
    ])
    def test_message(self, corpus_dir: Path, content: str, expected: tuple) -> None:
        _write(corpus_dir, "m.yaml", content)
        _, problems = load_and_check([corpus_dir])
        assert [expected] == [(p.code, p.location.line, p.location.column, p.message) for p in problems]

    @pytest.mark.parametrize(("content", "expected"), [
        (GOOD_MAP.replace("thesis: t1", "thesis: t11"),
         ("unknown-thesis", 16, 13, "unknown thesis 't11' (did you mean 't1'?)")),
        (GOOD_MAP.replace("thesis: t1", "thesis: zzz"),
         ("unknown-thesis", 16, 13, "unknown thesis 'zzz' (theses are defined under 'theses:')")),
        (GOOD_MAP.replace("    because: [a]\n", ""),
         ("missing-because", 16, 5, "stance on 't1' has no 'because': cite at least one claim of this map")),
        (GOOD_MAP + "  - thesis: t1\n    position: mixed\n    because: [b]\n",
         ("duplicate-id", 19, 13, "a second stance on thesis 't1' (first at MAPS/m.yaml:16:5); merge them "
                                  "into one")),
        (GOOD_MAP.replace("because: [a]", "because: [zz]"),
         ("dangling-ref", 18, 15, "'zz': no claim 'zz' in map 'm'")),
        (GOOD_MAP.replace("because: [a]", "because: [a, bb]"),
         ("dangling-ref", 18, 18, "'bb': no claim 'bb' in map 'm' (did you mean 'b'?)")),
        (GOOD_MAP.replace("because: [a]", "because: [a, other/x]"),
         ("dangling-ref", 18, 18, "'because' may cite only claims of this map ('m'), not 'other/x'")),
    ])
    def test_stance_message(self, corpus_dir: Path, content: str, expected: tuple) -> None:
        _write(corpus_dir, "m.yaml", content)
        _, problems = load_and_check([corpus_dir])
        assert [expected] == [(p.code, p.location.line, p.location.column,
                               p.message.replace(str(corpus_dir), "MAPS")) for p in problems]

    def test_a_long_short_quote_is_shown_to_40_characters(self, corpus_dir: Path) -> None:
        word = "Donaudampfschifffahrtsgesellschaftskapitän"   # 42 characters
        (corpus_dir.parent / "sources" / "src.txt").write_text(f"{SOURCE_TEXT}The {word} spoke.\n",
                                                               encoding="utf-8")
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("quote: quick brown fox", f"quote: {word} spoke"))
        _, problems = load_and_check([corpus_dir])
        assert [("quote-too-short", 9, 16, f"quote '{word[:40]}' has 2 words: too short to identify a passage; "
                                           "quote at least 3 words")] == [
            (p.code, p.location.line, p.location.column, p.message) for p in problems]

    def test_evidence_without_a_source_is_located_at_the_evidence(self, corpus_dir: Path) -> None:
        """No default `source:` in the map: each quote without its own is reported where it is,
        a claim's and a relation's evidence alike."""
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("source: src\n", "").replace(
            "    supports: [a]\n", "    supports:\n      - target: a\n"
                                   "        evidence: [{quote: jumps over the}]\n"))
        _, problems = load_and_check([corpus_dir])
        message = "evidence has no 'source' and the map has no default 'source'"
        assert [("missing-key", 8, 9, message), ("missing-key", 12, 9, message),
                ("missing-key", 15, 20, message)] == [
            (p.code, p.location.line, p.location.column, p.message) for p in problems]

    def test_a_thesis_id_is_named_as_a_thesis(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "corpus.yaml", THESES.replace("id: t1", "id: T1"))
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("thesis: t1", "thesis: T1"))
        _, problems = load_and_check([corpus_dir])
        assert [("corpus.yaml", "bad-id", 7, 9, "thesis id 'T1' is not a slug (lower-case letters, digits "
                                               "and '-'); try 't1'")] == [
            (Path(p.location.path).name, p.code, p.location.line, p.location.column, p.message) for p in problems]

    def test_a_duplicate_names_every_other_definition(self, corpus_dir: Path) -> None:
        again = "argmap: 1\nsources:\n  - id: src\n    title: Again\n"
        for name in ("n.yaml", "o.yaml"):
            _write(corpus_dir, name, again)
        _, problems = load_and_check([corpus_dir])
        at = {str(corpus_dir / name): f"{corpus_dir / name}:3:9" for name in ("corpus.yaml", "n.yaml", "o.yaml")}
        found = {}
        for p in problems:
            if p.code == "duplicate-id":
                head, _, places = p.message.removesuffix("); rename one").partition(" (also defined at ")
                found[p.location.path] = (head, set(places.split(", ")))
        assert {path: ("duplicate source id 'src'", {v for k, v in at.items() if k != path})
                for path in at} == found


class TestSourcesFolder:
    def test_argmap_sources_comes_before_the_folder_beside_the_maps(self, corpus_dir: Path, tmp_path: Path,
                                                                     monkeypatch) -> None:
        monkeypatch.setenv("ARGMAP_SOURCES", str(tmp_path / "elsewhere"))
        assert (tmp_path / "elsewhere",) == resolve_sources_dirs(None, [corpus_dir])

    def test_beside_the_maps_folder_of_a_single_map_file(self, corpus_dir: Path, monkeypatch) -> None:
        monkeypatch.delenv("ARGMAP_SOURCES", raising=False)
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        assert ((corpus_dir.parent / "sources").resolve(),) == resolve_sources_dirs(None, [corpus_dir / "m.yaml"])

    def test_the_corpus_setting_names_the_folders_in_order(self, corpus_dir: Path, monkeypatch) -> None:
        monkeypatch.delenv("ARGMAP_SOURCES", raising=False)
        _write(corpus_dir, "corpus.yaml", THESES + "sources_dir: [../texts, ../more]\n")
        corpus, _ = load_corpus([corpus_dir])
        texts, more = (corpus_dir.parent / "texts").resolve(), (corpus_dir.parent / "more").resolve()
        assert (texts, more) == resolve_sources_dirs(None, [corpus_dir], corpus)
        assert texts == resolve_sources_dir(None, [corpus_dir], corpus)
        # --sources wins over the setting; with neither and no folder beside the maps, none
        assert corpus_dir == resolve_sources_dir(corpus_dir, [corpus_dir], corpus)
        lonely = corpus_dir.parent / "lonely" / "maps"
        lonely.mkdir(parents=True)
        assert resolve_sources_dir(None, [lonely]) is None

    def test_a_source_text_with_a_stray_byte_is_still_searched(self, corpus_dir: Path) -> None:
        (corpus_dir.parent / "sources" / "src.txt").write_bytes(SOURCE_TEXT.encode() + b"\xff stray\n")
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("quote: the lazy dog", "quote: the lazy cat"))
        assert [("quote-not-found", 13, 16)] == _found(corpus_dir, "m.yaml")


class TestOneRunReportsAll:
    def test_every_mistake_in_one_corpus(self, corpus_dir: Path) -> None:
        """One file per mistake, one run: every diagnostic at its place, in sorted order."""
        expected = []
        for index, case in enumerate(sorted(CASES)):
            content, found = CASES[case]
            name = f"m{index:02d}.yaml"
            _write(corpus_dir, name, content)
            expected.extend((name, code, line, column) for code, line, column in found)
        _, problems = load_and_check([corpus_dir])
        actual = [(Path(p.location.path).name, p.code, p.location.line, p.location.column)
                  for p in problems]
        # Maps share claim ids across files only by map id (file stem), so nothing collides.
        assert sorted(expected) == sorted(a for a in actual if a[0] != "corpus.yaml")
        assert [p.sort_key for p in problems] == sorted(p.sort_key for p in problems)

    def test_output_is_sorted_and_compiler_like(self, corpus_dir: Path, capsys) -> None:
        _write(corpus_dir, "m.yaml", CASES["unknown-key"][0])
        _write(corpus_dir, "a.yaml", CASES["bad-value"][0])
        status = main(["check", str(corpus_dir)])
        lines = capsys.readouterr().out.splitlines()
        assert 1 == status
        assert [f"{corpus_dir}/a.yaml:17:15: error: 'position': 'agre' is not one of agree, "
                "disagree, mixed; did you mean 'agree'? [bad-value]",
                f"{corpus_dir}/m.yaml:14:5: error: unknown key 'suports' (did you mean "
                "'supports'?) [unknown-key]"] == lines


class TestCli:
    def test_json_format(self, corpus_dir: Path, capsys) -> None:
        _write(corpus_dir, "m.yaml", CASES["dangling-ref"][0])
        assert 1 == main(["check", "--format", "json", str(corpus_dir)])
        data = json.loads(capsys.readouterr().out)
        assert [{"path": f"{corpus_dir}/m.yaml", "line": 14, "column": 19, "severity": "error",
                 "code": "dangling-ref",
                 "message": "'zz': no claim 'zz' in map 'm'"}] == data["diagnostics"]

    def test_strict_fails_on_warnings(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", CASES["missing-evidence"][0])
        assert 0 == main(["check", str(corpus_dir)])
        assert 1 == main(["check", "--strict", str(corpus_dir)])

    def test_usage_errors_exit_2(self, tmp_path: Path) -> None:
        assert 2 == main(["check", str(tmp_path / "missing")])
        with pytest.raises(SystemExit) as exc:
            main(["check", "--format", "xml"])
        assert 2 == exc.value.code

    def test_check_never_modifies_files(self, corpus_dir: Path) -> None:
        for index, case in enumerate(sorted(CASES)):
            _write(corpus_dir, f"m{index:02d}.yaml", CASES[case][0])
        before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus_dir.iterdir()}
        main(["check", str(corpus_dir)])
        main(["fmt", str(corpus_dir)])
        broken = {p: h for p, h in before.items() if p.name != "corpus.yaml"}
        after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in broken}
        # fmt may rewrite only files that parse; the broken YAML ones must be byte-identical.
        for name in ("yaml-syntax", "tab", "empty-file", "not-a-mapping", "alias-bomb", "python-tag",
                     "duplicate-key"):
            path = corpus_dir / f"m{sorted(CASES).index(name):02d}.yaml"
            assert before[path] == after[path], name

    def test_alias_bomb_is_fast(self, corpus_dir: Path) -> None:
        layers = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
        for i in range(1, 10):
            layers.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
        _write(corpus_dir, "m.yaml", "argmap: 1\n" + "\n".join(layers) + "\n")
        codes = {c for c, _, _ in _found(corpus_dir, "m.yaml")}
        assert {"alias-refused"} == codes


# Every field of free text, each with a slot for a character: (file, slot names in order).
FULL_THESES = """\
argmap: 1
sources:
  - id: src
    title: "A source{title}"
    author: "An author{author}"
    container: "A journal{container}"
    publisher: "A publisher{publisher}"
    reference: "An author. A source. A journal.{reference}"
    text: src.txt
theses:
  - id: t1
    text: "A thesis.{thesis}"
    topic: "A topic{topic}"
    questions: ["Why?", "How?{question}"]
"""
FULL_MAP = """\
argmap: 1
authors:
  - name: "A{name}"
    affiliation: "A place{affiliation}"
source: src
claims:
  - id: a
    text: "A claim.{claim}"
    evidence:
      - quote: "quick brown fox{quote}"
        note: "A note{note}"
  - id: b
    text: B.
    evidence: [{{quote: the lazy dog}}]
    supports:
      - target: a
        note: "Why{relation_note}"
        evidence: [{{quote: "jumps over the{relation_quote}", note: "Said{relation_evidence_note}"}}]
  - id: c
    text: C.
    evidence: [{{quote: quick brown fox}}]
    undercuts:
      - {{from: b, to: a, note: "Because{undercut_note}", evidence: [{{quote: "the lazy dog{undercut_quote}"}}]}}
stances:
  - thesis: t1
    position: agree
    because: [a]
    note: "So{stance_note}"
"""
SLOTS = {name: file for file, text in (("corpus.yaml", FULL_THESES), ("m.yaml", FULL_MAP))
         for name in __import__("re").findall(r"(?<!\{)\{(\w+)\}(?!\})", text)}


class TestBidiControl:
    """A right-to-left override can make text read other than it is: it is found in every field
    of free text, and reported at that field's value."""

    def _write_all(self, folder: Path, filled: dict[str, str]) -> None:
        values = {name: filled.get(name, "") for name in SLOTS}
        _write(folder, "corpus.yaml", FULL_THESES.format(**values))
        _write(folder, "m.yaml", FULL_MAP.format(**values))

    def test_the_full_corpus_is_clean(self, corpus_dir: Path) -> None:
        self._write_all(corpus_dir, {})
        _, problems = load_and_check([corpus_dir])
        assert [] == [p.format() for p in problems]

    @pytest.mark.parametrize("slot", sorted(SLOTS))
    def test_found_in_every_field(self, corpus_dir: Path, slot: str) -> None:
        self._write_all(corpus_dir, {slot: "\\u202e"})
        text = (corpus_dir / SLOTS[slot]).read_text(encoding="utf-8")
        line = next(i for i, row in enumerate(text.splitlines(), 1) if "\\u202e" in row)
        row = text.splitlines()[line - 1]
        column = row.rindex('"', 0, row.index("\\u202e")) + 1   # the value's opening quote
        _, problems = load_and_check([corpus_dir])
        found = [(Path(p.location.path).name, p.location.line, p.location.column, p.severity.value, p.message)
                 for p in problems if p.code == "bidi-control"]
        assert [(SLOTS[slot], line, column, "warning",
                 "text holds bidirectional control character(s) U+202E, which can make it read differently "
                 "from what it says; remove them unless the text needs them")] == found

    def test_every_kind_is_named_once_in_order(self, corpus_dir: Path) -> None:
        self._write_all(corpus_dir, {"claim": "\\u2067\\u202e\\u2069\\u202e"})
        _, problems = load_and_check([corpus_dir])
        [problem] = [p for p in problems if p.code == "bidi-control"]
        assert "character(s) U+202E, U+2067, U+2069," in problem.message


class TestQuotesUnchecked:
    """A quote that cannot be checked is a warning that says why, never a silent pass."""

    def _messages(self, maps: Path, sources: Path | None = None) -> list[tuple[str, int, int, str]]:
        _, problems = load_and_check([maps], sources)
        return [(p.code, p.location.line, p.location.column, p.message) for p in problems]

    def test_a_source_without_a_text_file(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "corpus.yaml", THESES.replace("    text: src.txt\n", ""))
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        why = "quote not checked: source 'src' has no 'text' file"
        assert [("quote-unchecked", 9, 16, why), ("quote-unchecked", 13, 16, why)] == self._messages(corpus_dir)

    def test_no_sources_folder_anywhere(self, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.delenv("ARGMAP_SOURCES", raising=False)
        maps = tmp_path / "maps"
        maps.mkdir()
        _write(maps, "corpus.yaml", THESES)
        _write(maps, "m.yaml", GOOD_MAP)
        why = ("quote not checked: no sources folder (set sources_dir in the corpus, e.g. in "
               "maps/sources.yaml, or pass --sources DIR)")
        assert [("quote-unchecked", 9, 16, why), ("quote-unchecked", 13, 16, why)] == self._messages(maps)

    def test_the_text_in_none_of_the_folders(self, corpus_dir: Path) -> None:
        first, second = corpus_dir.parent / "first", corpus_dir.parent / "second"
        first.mkdir()
        second.mkdir()
        _write(corpus_dir, "corpus.yaml", THESES + "sources_dir: [../first, ../second]\n")
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        why = f"quote not checked: source text 'src.txt' not found in {first.resolve()} or {second.resolve()}"
        assert [("quote-unchecked", 9, 16, why), ("quote-unchecked", 13, 16, why)] == self._messages(corpus_dir)

    def test_the_first_folder_that_has_the_text_is_used(self, corpus_dir: Path) -> None:
        first, second = corpus_dir.parent / "first", corpus_dir.parent / "second"
        first.mkdir()
        second.mkdir()
        _write(second, "src.txt", SOURCE_TEXT)
        _write(corpus_dir, "corpus.yaml", THESES + "sources_dir: [../first, ../second]\n")
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        assert [] == self._messages(corpus_dir)            # not in the first: the second's
        _write(first, "src.txt", SOURCE_TEXT.replace("lazy", "sleepy"))
        assert [("quote-not-found", 13, 16, "quote not found in source 'src'")] == self._messages(
            corpus_dir)   # in both: the first's

    def test_a_text_outside_one_of_the_folders_names_that_one(self, corpus_dir: Path) -> None:
        first, second = corpus_dir.parent / "first", corpus_dir.parent / "second"
        first.mkdir()
        second.mkdir()
        _write(first, "src.txt", SOURCE_TEXT)
        _write(corpus_dir, "corpus.yaml", THESES.replace("text: src.txt", "text: ../first/src.txt")
               + "sources_dir: [../first, ../second]\n")
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        assert [("path-outside-sources", 5, 11, f"text '../first/src.txt' resolves outside the sources folder "
                                                f"{second.resolve()}; give a file name inside it")] == [
            m for m in self._messages(corpus_dir) if m[0] != "quote-unchecked"]

    def test_a_source_without_a_text_does_not_stop_the_next_being_checked(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "corpus.yaml", THESES.replace("sources:\n", "sources:\n  - id: a-src\n    title: A\n"))
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("quote: the lazy dog", "quote: the lazy cat"))
        assert [("quote-not-found", 13, 16, "quote not found in source 'src'")] == self._messages(corpus_dir)

    def test_a_text_outside_the_folder_does_not_stop_the_next_being_checked(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "corpus.yaml", THESES.replace("sources:\n", "sources:\n  - id: a-src\n"
                                                                      "    text: ../elsewhere.txt\n"))
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("quote: the lazy dog", "quote: the lazy cat"))
        assert [("path-outside-sources", "corpus.yaml"), ("quote-not-found", "m.yaml")] == [
            (p.code, Path(p.location.path).name) for p in load_and_check([corpus_dir])[1]]

    def test_a_text_outside_the_folder_names_the_folder(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "corpus.yaml", THESES.replace("text: src.txt", "text: ../maps/corpus.yaml"))
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        sources = (corpus_dir.parent / "sources").resolve()
        assert [("path-outside-sources", 5, 11, f"text '../maps/corpus.yaml' resolves outside the sources "
                                                f"folder {sources}; give a file name inside it")] == [
            m for m in self._messages(corpus_dir) if m[0] != "quote-unchecked"]

    def test_an_absolute_text_path_is_outside(self, corpus_dir: Path) -> None:
        inside = (corpus_dir.parent / "sources" / "src.txt").resolve()
        _write(corpus_dir, "corpus.yaml", THESES.replace("text: src.txt", f"text: {inside}"))
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        assert ["path-outside-sources"] == [m[0] for m in self._messages(corpus_dir)
                                            if m[0] != "quote-unchecked"]


# Enough further text that a source is worth caching (check.CACHED_SOURCE_BYTES).
LONG_FILLER = "Further words of the source, none of them quoted. " * 100
# a second source beside THESES's `src`
TWO_SOURCES = "  - id: other\n    title: Another source\n    text: other.txt\n"
OTHER_TEXT = "Rivers run into the cold sea, and the sea is never full.\n"


class TestQuoteNotFound:
    def test_the_message_shows_the_closest_passage(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("quote: the lazy dog", "quote: jumps over the lazy cat"))
        _, problems = load_and_check([corpus_dir])
        assert [("quote-not-found", 13, 16, "quote not found in source 'src'; closest passage: "
                 "\"jumps over the lazy dog.\"")] == [
            (p.code, p.location.line, p.location.column, p.message) for p in problems]

    def test_without_a_passage_near_it_none_is_offered(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("quote: the lazy dog", "quote: nothing like it anywhere"))
        _, problems = load_and_check([corpus_dir])
        assert ["quote not found in source 'src'"] == [p.message for p in problems]

    def test_every_missing_quote_of_a_source_is_reported(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("quote: the lazy dog", "quote: the lazy cat")
               .replace("quote: quick brown fox", "quote: quick red fox"))
        assert [("quote-not-found", 9, 16), ("quote-not-found", 13, 16)] == _found(corpus_dir, "m.yaml")

    def test_a_quote_that_cannot_be_checked_does_not_stop_the_next(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("      - quote: the lazy dog\n",
                                                      "      - quote: ' '\n      - quote: the lazy cat\n"))
        assert [("bad-value", 13, 16), ("quote-not-found", 14, 16)] == _found(corpus_dir, "m.yaml")

    def test_a_warm_check_searches_no_unchanged_source(self, corpus_dir: Path, tmp_path: Path,
                                                       monkeypatch) -> None:
        from argmap import quotes

        cache = Cache(tmp_path / "cache")
        (corpus_dir.parent / "sources" / "src.txt").write_text(SOURCE_TEXT + LONG_FILLER, encoding="utf-8")
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        assert () == load_and_check([corpus_dir], None, cache)[1]
        searched = []
        real = quotes.find_all
        monkeypatch.setattr(quotes, "find_all", lambda needles, text: searched.append(needles) or real(needles, text))
        assert () == load_and_check([corpus_dir], None, cache)[1]
        assert [] == searched

    def test_a_missing_quote_of_a_later_source_is_reported_after_a_source_whose_quotes_are_all_there(
            self, corpus_dir: Path) -> None:
        _write(corpus_dir, "corpus.yaml", THESES.replace("theses:\n", TWO_SOURCES + "theses:\n"))
        _write(corpus_dir.parent / "sources", "other.txt", OTHER_TEXT)
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace(
            "      - quote: the lazy dog\n", "      - quote: the lazy dog\n      - quote: the cold river\n"
                                            "        source: other\n"))
        assert [("quote-not-found", 14, 16, "quote not found in source 'other'")] == [
            (p.code, p.location.line, p.location.column, p.message) for p in load_and_check([corpus_dir])[1]]

    def test_quotes_searched_on_two_cores_are_reported_as_on_one(self, corpus_dir: Path, monkeypatch) -> None:
        """With enough source text, half of the sources are searched in a forked helper
        (argmap.forked); what it finds missing is reported exactly as if searched here."""
        from argmap import forked

        if not forked._available():
            pytest.skip("needs Linux, fork and two cores")
        monkeypatch.setattr(forked, "MIN_WEIGHT", 0)
        _write(corpus_dir, "corpus.yaml", THESES.replace("theses:\n", TWO_SOURCES + "theses:\n"))
        _write(corpus_dir.parent / "sources", "other.txt", OTHER_TEXT)
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("quote: the lazy dog", "quote: the lazy cat").replace(
            "      - quote: quick brown fox\n", "      - quote: quick brown fox\n      - quote: the cold river\n"
                                              "        source: other\n"))
        seen = [(p.code, p.location.line, p.location.column, p.message) for p in load_and_check([corpus_dir])[1]]
        assert [("quote-not-found", 10, 16, "quote not found in source 'other'"),
                ("quote-not-found", 15, 16, "quote not found in source 'src'")] == seen

    @pytest.mark.parametrize("filler", ["", LONG_FILLER])   # a short text is not cached, a long one is
    def test_a_cache_never_hides_a_missing_quote(self, corpus_dir: Path, tmp_path: Path, filler: str) -> None:
        """Found once, cached: a quote edited since, a text edited since, a quote missing the
        first time are each searched (and reported) again."""
        cache = Cache(tmp_path / "cache")
        source = corpus_dir.parent / "sources" / "src.txt"
        source.write_text(SOURCE_TEXT + filler, encoding="utf-8")
        _write(corpus_dir, "m.yaml", GOOD_MAP)

        def seen() -> list[tuple[str, int, int]]:
            return [(p.code, p.location.line, p.location.column) for p in load_and_check([corpus_dir], None, cache)[1]]

        assert [] == seen()
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("quote: the lazy dog", "quote: the lazy cat"))
        assert [("quote-not-found", 13, 16)] == seen()
        assert [("quote-not-found", 13, 16)] == seen()
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        assert [] == seen()
        source.write_text(SOURCE_TEXT.replace("lazy", "sleepy") + filler, encoding="utf-8")
        assert [("quote-not-found", 13, 16)] == seen()


def test_each_rule_run_on_its_own_gives_its_part_of_the_check_in_order(corpus_dir: Path) -> None:
    """`check_corpus` runs the quote search alongside the other rules (argmap.forked), yet
    reports exactly what the rules of `RULES`, each run on its own, report, in their order."""
    from argmap.check import RULES, CheckOptions, check_corpus

    _write(corpus_dir, "corpus.yaml", THESES.replace("theses:\n", TWO_SOURCES + "  - id: no-text\n    title: T\n"
                                                     "    url: example.org/x\ntheses:\n"))
    _write(corpus_dir, "m.yaml", GOOD_MAP.replace("quote: the lazy dog", "quote: the lazy cat")
           .replace("supports: [a]", "supports: [a, zz]\n    attacks: [{target: other/x, basis: contrast}]")
           .replace("      - quote: quick brown fox\n", "      - quote: quick brown fox\n"
                                                     "      - quote: a quote\n        source: no-text\n"))
    corpus = load_corpus([corpus_dir])[0]
    options = CheckOptions(sources_dirs=resolve_sources_dirs(None, [corpus_dir], corpus))
    each = [(rule.__name__, p.code) for rule in RULES for p in rule(corpus, options)]
    assert {"quote-not-found", "quote-unchecked", "dangling-ref", "bad-url"} <= {code for _, code in each}
    assert [code for _, code in each] == [p.code for p in check_corpus(corpus, options)]


class TestUrl:
    def test_a_url_no_output_links_is_named_at_its_value(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "corpus.yaml", THESES.replace("    text: src.txt\n",
                                                         "    text: src.txt\n    url: example.org/x\n"))
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _, problems = load_and_check([corpus_dir])
        assert [("bad-url", "warning", 6, 10, "url 'example.org/x' is not an http(s) address with a host; "
                                              "it will not be linked")] == [
            (p.code, p.severity.value, p.location.line, p.location.column, p.message) for p in problems]


_ALLOWED_CLAIM_KEYS = "attacks, evidence, id, supports, text, undercuts"


class TestStructureMessages:
    """A value of the wrong shape is named with the key it is under, what was expected and what
    was found, at the value itself; the rest of the map is still read."""

    @pytest.mark.parametrize(("content", "expected"), [
        ("authors: [{name: A}]\n",
         [("missing-key", 1, 1, "missing 'argmap: 1' (the format version) at the top of the file")]),
        (GOOD_MAP.replace("argmap: 1", "argmap: '1.0'"),
         [("unsupported-version", 1, 9, "unsupported format version '1.0'; this argmap reads 'argmap: 1'")]),
        # placed where the file's mapping (or list) starts, after comments and blank lines
        ("# notes\n\n  {authors: []}\n",
         [("missing-key", 3, 3, "missing 'argmap: 1' (the format version) at the top of the file")]),
        ("# notes\n\n\n  - a\n", [("not-a-mapping", 4, 3, "a map file is a mapping of keys ('argmap: 1', "
                                                          "'claims:', ...), not a list")]),
        ("hello\n", [("not-a-mapping", 1, 1, "a map file is a mapping of keys ('argmap: 1', 'claims:', ...), "
                                              "not 'hello'")]),
        ("- " + "x" * 80 + "\n", [("not-a-mapping", 1, 1, "a map file is a mapping of keys ('argmap: 1', "
                                                           "'claims:', ...), not a list")]),
        (GOOD_MAP.replace("authors:\n  - name: A\n", "authors: " + "x" * 80 + "\n"),
         [("wrong-type", 2, 10, "'authors': expected a list of authors, found '" + "x" * 60 + "\u2026' "
                                "(80 characters)")]),
        # a found text is shown whole up to 60 characters, cut with its length beyond
        (GOOD_MAP.replace("authors:\n  - name: A\n", "authors: " + "x" * 60 + "\n"),
         [("wrong-type", 2, 10, "'authors': expected a list of authors, found '" + "x" * 60 + "'")]),
        (GOOD_MAP.replace("authors:\n  - name: A\n", "authors: " + "x" * 61 + "\n"),
         [("wrong-type", 2, 10, "'authors': expected a list of authors, found '" + "x" * 60 + "\u2026' "
                                "(61 characters)")]),
        (GOOD_MAP.replace("authors:\n  - name: A\n", "authors: A\n"),
         [("wrong-type", 2, 10, "'authors': expected a list of authors, found 'A'")]),
        (GOOD_MAP.replace("    text: A claim.", "    text:"),
         [("wrong-type", 7, 10, "'text': expected text, found nothing (an empty value)")]),
        (GOOD_MAP.replace("    text: A claim.", "    text: {a: b}"),
         [("wrong-type", 7, 11, "'text': expected text, found a mapping")]),
        (GOOD_MAP.replace("position: agree", "position: [agree]"),
         [("wrong-type", 17, 15, "'position': expected one of agree, disagree, mixed, found a list")]),
        (GOOD_MAP.replace("position: agree", "position: maybe"),
         [("bad-value", 17, 15, "'position': 'maybe' is not one of agree, disagree, mixed")]),
        (GOOD_MAP.replace("      - quote: the lazy dog", "      - quote: the lazy dog\n        kind: quotes"),
         [("bad-value", 14, 15, "'kind': 'quotes' is not one of quote, reported, statistic, event, survey; did "
                                "you mean 'quote'?")]),
        (GOOD_MAP.replace("supports: [a]", "supports: a"),
         [("wrong-type", 14, 15, "'supports': expected a list (write [a]), found 'a'")]),
        (GOOD_MAP.replace("because: [a]", "because: a"),
         [("wrong-type", 18, 14, "'because': expected a list (write [a]), found 'a'")]),
        (GOOD_MAP.replace("because: [a]", "because: {a: 1}"),
         [("wrong-type", 18, 14, "'because': expected a list, found a mapping")]),
        (GOOD_MAP.replace("supports: [a]", "supports: {a: 1}"),
         [("wrong-type", 14, 15, "'supports': expected a list of relations, found a mapping")]),
        (GOOD_MAP.replace("supports: [a]", "supports: [[a]]"),
         [("wrong-type", 14, 16, "expected a claim id or a mapping with 'target', found a list")]),
        (GOOD_MAP.replace("supports: [a]", "supports: [{note: x}]"),
         [("missing-key", 14, 16, "missing required key 'target'")]),
        (GOOD_MAP.replace("because: [a]", "because: [a, [b], {c: 1}]"),
         [("wrong-type", 18, 18, "expected text, found a list"),
          ("wrong-type", 18, 23, "expected text, found a mapping")]),
        (GOOD_MAP.replace("      - quote: the lazy dog", "      - note: the lazy dog"),
         [("missing-key", 13, 9, "missing required key 'quote'")]),
        (GOOD_MAP.replace("    supports: [a]", "    supports: [a]\n    undercuts: [{from: a}]"),
         [("missing-key", 15, 17, "missing required key 'to'")]),
        # an undercut's `from` is named as the file spells it (the model's field is `from_`)
        (GOOD_MAP.replace("    supports: [a]", "    supports: [a]\n    undercuts: [{from: [a], to: b}]"),
         [("wrong-type", 15, 24, "'from': expected text, found a list")]),
        (GOOD_MAP.replace("    supports: [a]", "    supports: [a]\n    undercuts: [{from: a, to: b, basis: nope}]"),
         [("bad-value", 15, 41, "'basis': 'nope' is not one of contrast, reply")]),
        (GOOD_MAP.replace("    supports: [a]", "    zzzz: [a]"),
         [("unknown-key", 14, 5, f"unknown key 'zzzz' (allowed: {_ALLOWED_CLAIM_KEYS})")]),
        (GOOD_MAP.replace("argmap: 1\n", "argmap: 1\ncolour: red\n"),
         [("unknown-key", 2, 1, "unknown key 'colour' (allowed: argmap, authors, claims, id, source, sources, "
                                "sources_dir, stances, theses)")]),
        (GOOD_MAP.replace("argmap: 1\n", "argmap: 1\nclaim: []\n"),
         [("unknown-key", 2, 1, "unknown key 'claim' (did you mean 'claims'?)")]),
        # a claim that is not a mapping is skipped; the stance citing nothing else is then dangling
        (GOOD_MAP.replace("  - id: b\n    text: Another.\n    evidence:\n      - quote: the lazy dog\n"
                          "    supports: [a]\n", "  - just text\n"),
         [("wrong-type", 10, 5, "expected a mapping (a claim with keys), found 'just text'")]),
        # the article agrees with the noun
        (GOOD_MAP.replace("  - name: A\n", "  - A\n"),
         [("wrong-type", 3, 5, "expected a mapping (an author with keys), found 'A'")]),
        (GOOD_MAP.replace("      - quote: the lazy dog\n", "      - the lazy dog\n"),
         [("wrong-type", 13, 9, "expected a mapping (an evidence with keys), found 'the lazy dog'")]),
    ])
    def test_message(self, corpus_dir: Path, content: str, expected: list) -> None:
        _write(corpus_dir, "m.yaml", content)
        _, problems = load_and_check([corpus_dir])
        assert expected == [(p.code, p.location.line, p.location.column, p.message) for p in problems]

    def test_a_broken_claim_leaves_the_others_loaded(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("    text: Another.\n", "    text: [Another]\n"))
        corpus, problems = load_and_check([corpus_dir])
        assert ["a"] == [c.id for c in corpus.map("m").claims]
        assert [("wrong-type", 11, 11)] == [(p.code, p.location.line, p.location.column) for p in problems]
        assert 1 == len(corpus.map("m").stances)

    def test_a_claim_whose_id_is_not_text_is_reported_and_the_others_loaded(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("  - id: b\n", "  - id: [b]\n"))
        corpus, problems = load_and_check([corpus_dir])
        assert ["a"] == [c.id for c in corpus.map("m").claims]
        assert [("wrong-type", 10, 9, "'id': expected text, found a list")] == [
            (p.code, p.location.line, p.location.column, p.message) for p in problems]

    def test_a_broken_stance_leaves_the_others_loaded(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "corpus.yaml", THESES + "  - id: t2\n    text: Another thesis.\n")
        _write(corpus_dir, "m.yaml", GOOD_MAP + "  - thesis: t2\n    position: agreee\n    because: [b]\n")
        corpus, problems = load_and_check([corpus_dir])
        assert ["t1"] == [s.thesis for s in corpus.map("m").stances]
        assert ["bad-value"] == [p.code for p in problems]

    def test_sources_dir_may_be_one_folder(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "corpus.yaml", THESES + "sources_dir: ../sources\n")
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        corpus, problems = load_and_check([corpus_dir])
        assert ((), (str((corpus_dir.parent / "sources").resolve()),)) == (problems, corpus.sources_dirs)

    def test_sources_dir_folders_are_relative_to_their_file_and_named_once(self, corpus_dir: Path) -> None:
        (corpus_dir / "sub").mkdir()
        _write(corpus_dir, "corpus.yaml", THESES + "sources_dir: [../texts, ../sources, ../texts]\n")
        _write(corpus_dir / "sub", "more.yaml", "argmap: 1\nsources_dir: [../../sources, ../../more]\n")
        corpus, _ = load_corpus([corpus_dir, corpus_dir / "sub" / "more.yaml"])
        assert tuple(str((corpus_dir.parent / name).resolve()) for name in ("texts", "sources", "more")) == \
            corpus.sources_dirs


class TestCorpusOfFiles:
    def test_a_map_is_named_by_its_id_else_its_file(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("argmap: 1\n", "argmap: 1\nid: zed\n"))
        _write(corpus_dir, "b.yaml", GOOD_MAP)
        _write(corpus_dir, "a.yaml", "argmap: 1\nid: only-an-id\n")
        corpus, _ = load_corpus([corpus_dir])
        assert ["b", "only-an-id", "zed"] == [m.id for m in corpus.maps]   # sorted by id, not by file

    def test_a_file_of_sources_and_theses_is_not_a_map(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "more.yaml", "argmap: 1\nsources:\n  - id: b-src\n  - id: a-src\n"
                                        "theses:\n  - id: t0\n    text: T.\n")
        corpus, _ = load_corpus([corpus_dir])
        assert ([], ["a-src", "b-src", "src"], ["t0", "t1"]) == (
            [m.id for m in corpus.maps], [s.id for s in corpus.sources], [t.id for t in corpus.theses])

    @pytest.mark.parametrize("own", ["id: m", "authors:\n  - name: A", "source: src",
                                     "claims:\n  - id: a\n    text: A claim.",
                                     "stances:\n  - thesis: t1\n    position: agree\n    because: []"])
    def test_any_one_field_of_a_map_makes_a_file_a_map(self, corpus_dir: Path, own: str) -> None:
        _write(corpus_dir, "m.yaml", f"argmap: 1\n{own}\n")
        corpus, _ = load_corpus([corpus_dir])
        assert ["m"] == [m.id for m in corpus.maps]

    def test_a_file_gone_between_listing_and_reading_is_reported_and_others_load(self, corpus_dir: Path,
                                                                                 monkeypatch) -> None:
        """(an editor saving by replacing the file, while argmap reads the folder)"""
        from argmap import load

        _write(corpus_dir, "m.yaml", GOOD_MAP)
        _write(corpus_dir, "gone.yaml", GOOD_MAP.replace("argmap: 1\n", "argmap: 1\nid: gone\n"))
        real = load.find_map_files

        def listed_then_deleted(paths):
            found = real(paths)
            (corpus_dir / "gone.yaml").unlink()
            return found

        monkeypatch.setattr(load, "find_map_files", listed_then_deleted)
        corpus, problems = load_corpus([corpus_dir])
        assert [(str(corpus_dir / "gone.yaml"), "unreadable", "cannot read file: No such file or directory")] == [
            (p.location.path, p.code, p.message) for p in problems]
        assert (["m"], frozenset({"gone"})) == ([m.id for m in corpus.maps], corpus.gaps.maps)

    def test_ids_in_a_file_that_cannot_be_read_are_not_unknown_elsewhere(self, corpus_dir: Path) -> None:
        """Its own error says what is wrong; references into it are not reported again."""
        _write(corpus_dir, "corpus.yaml", THESES.replace("argmap: 1\n", "argmap: 1\n[broken\n"))
        _write(corpus_dir, "okafor.yaml", "argmap: 1\nid: 'okafor-2024'  # renamed\nclaims: [\n"
                                          "  - id: a  # first\n  -   id: \"b\"\n")
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("supports: [a]", "supports: [a]\n    attacks:\n"
                                                      "      - {target: okafor-2024/b, basis: contrast, note: N.}"))
        _, problems = load_and_check([corpus_dir])
        assert {"corpus.yaml", "okafor.yaml"} == {Path(p.location.path).name for p in problems}

    def test_any_reference_into_a_map_that_cannot_be_read_waits_for_its_own_error(self, corpus_dir: Path) -> None:
        """Even to a claim no line of the broken file shows (its ids may be unreadable): the map
        is known by its `id:`, so nothing that cites it is reported until the file is fixed."""
        _write(corpus_dir, "okafor.yaml", "argmap: 1\nid: okafor-2024\nclaims: [\n")
        _write(corpus_dir, "m.yaml", GOOD_MAP.replace("supports: [a]", "supports: [a]\n    attacks:\n"
                                                      "      - {target: okafor-2024/unseen, basis: contrast, note: N.}"))
        _, problems = load_and_check([corpus_dir])
        assert {"okafor.yaml"} == {Path(p.location.path).name for p in problems}

    def test_what_is_not_read_is_named_with_why(self, corpus_dir: Path) -> None:
        import os
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        (corpus_dir / "sub").mkdir()
        _write(corpus_dir, "OLD.YAML", GOOD_MAP)
        _write(corpus_dir, "old.Yml", GOOD_MAP)
        (corpus_dir / "gone.yml").symlink_to(corpus_dir / "nowhere.yml")
        (corpus_dir / "gone.txt").symlink_to(corpus_dir / "nowhere.txt")
        os.mkfifo(corpus_dir / "pipe.YAML")
        _write(corpus_dir, "notes.txt", "notes")
        _write(corpus_dir, ".hidden.yaml", "not: a map")
        (corpus_dir / ".git").mkdir()
        _, problems = load_and_check([corpus_dir])
        assert [
            ("OLD.YAML", "warning", "not read: only *.yaml and *.yml files are maps; rename it to OLD.yaml"),
            ("gone.yml", "warning", "not read: a symbolic link to nothing (broken link)"),
            ("old.Yml", "warning", "not read: only *.yaml and *.yml files are maps; rename it to old.yml"),
            ("pipe.YAML", "warning", "not read: not a regular file"),
            ("sub", "warning", "not read: a sub-folder (argmap reads the maps of the folder it is given; name "
                               "the sub-folder too to read its maps)"),
        ] == sorted((Path(p.location.path).name, p.severity.value, p.message) for p in problems
                    if p.code == "skipped-file")

    def test_a_link_is_named_as_what_it_points_to(self, corpus_dir: Path, tmp_path: Path) -> None:
        """A link to a folder is a sub-folder, a link to a `.YAML` file a file to rename: only a
        link to nothing is a broken link."""
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        (tmp_path / "elsewhere").mkdir()
        (corpus_dir / "linked").symlink_to(tmp_path / "elsewhere")
        (corpus_dir / "LINKED.YAML").symlink_to(corpus_dir / "m.yaml")
        (corpus_dir / "linked.txt").symlink_to(corpus_dir / "m.yaml")
        _, problems = load_and_check([corpus_dir])
        assert [
            ("LINKED.YAML", "not read: only *.yaml and *.yml files are maps; rename it to LINKED.yaml"),
            ("linked", "not read: a sub-folder (argmap reads the maps of the folder it is given; name "
                       "the sub-folder too to read its maps)"),
        ] == sorted((Path(p.location.path).name, p.message) for p in problems if p.code == "skipped-file")

    def test_a_path_that_is_not_there(self, corpus_dir: Path) -> None:
        _, problems = load_and_check([corpus_dir, corpus_dir / "missing.yaml"])
        assert [(str(corpus_dir / "missing.yaml"), "no-such-file", "no such file or folder")] == [
            (p.location.path, p.code, p.message) for p in problems]

    def test_nothing_to_read(self, tmp_path: Path) -> None:
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        _, problems = load_and_check([tmp_path / "a", tmp_path / "b"])
        assert [(f"{tmp_path / 'a'}, {tmp_path / 'b'}", "empty-corpus", "no map files here: a corpus is a "
                 "folder of *.yaml files (start one with 'argmap new')")] == [
            (p.location.path, p.code, p.message) for p in problems]

    def test_a_file_named_twice_is_read_once(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        corpus, problems = load_and_check([corpus_dir, corpus_dir / "m.yaml"])
        assert ((), ["m"]) == (problems, [m.id for m in corpus.maps])

    def test_loading_or_raising_raises_every_loading_problem_together(self, corpus_dir: Path) -> None:
        from argmap.errors import ArgmapError
        from argmap.load import load_corpus_or_raise

        _write(corpus_dir, "m.yaml", GOOD_MAP)
        assert ["m"] == [m.id for m in load_corpus_or_raise([corpus_dir]).maps]
        _write(corpus_dir, "n.yaml", CASES["wrong-type"][0])
        _write(corpus_dir, "o.yaml", CASES["unknown-key"][0])
        with pytest.raises(ArgmapError) as raised:
            load_corpus_or_raise([corpus_dir])
        assert [("n.yaml", "wrong-type"), ("o.yaml", "unknown-key")] == [
            (Path(p.location.path).name, p.code) for p in raised.value.problems]

    def test_a_yml_file_is_a_map_like_a_yaml_one(self, corpus_dir: Path) -> None:
        _write(corpus_dir, "m.yml", GOOD_MAP)
        corpus, problems = load_and_check([corpus_dir])
        assert ((), ["m"]) == (problems, [m.id for m in corpus.maps])

    def test_a_folder_that_cannot_be_listed_is_named_and_the_next_path_still_read(
            self, corpus_dir: Path, tmp_path: Path, monkeypatch) -> None:
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        locked = tmp_path / "locked"
        locked.mkdir()
        real = Path.iterdir

        def iterdir(self: Path):
            if self == locked:
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(Path, "iterdir", iterdir)
        corpus, problems = load_corpus([locked, corpus_dir])
        assert [(str(locked), "error", "unreadable", "cannot read folder: Permission denied")] == [
            (p.location.path, p.severity.value, p.code, p.message) for p in problems]
        assert ["m"] == [m.id for m in corpus.maps]

    def test_only_an_error_stands_in_for_an_empty_corpus(self, tmp_path: Path) -> None:
        """A path that is not there is that error alone; a folder with nothing to read but a
        sub-folder is named empty beside the warning about the sub-folder."""
        _, problems = load_corpus([tmp_path / "missing"])
        assert ["no-such-file"] == [p.code for p in problems]
        (tmp_path / "maps" / "sub").mkdir(parents=True)
        _, problems = load_corpus([tmp_path / "maps"])
        assert ["skipped-file", "empty-corpus"] == [p.code for p in problems]

    def test_an_editors_unsaved_files_are_read_in_place_of_the_disk_and_beside_it(
            self, corpus_dir: Path, tmp_path: Path) -> None:
        """(`argmap lsp`): a buffer of a file on disk replaces it; a new buffer is read with the
        folder it is in, when that folder is read (a *.yaml or *.yml file); a file named by
        itself is read from its buffer too."""
        other = tmp_path / "other"
        other.mkdir()
        single = _write(other, "single.yaml", GOOD_MAP.replace("argmap: 1\n", "argmap: 1\nid: single\n"))
        _write(corpus_dir, "m.yaml", GOOD_MAP)
        map_of = GOOD_MAP.replace("argmap: 1\n", "argmap: 1\nid: {}\n").format
        unsaved = {corpus_dir / "m.yaml": map_of("edited").encode(), corpus_dir / "new.yml": map_of("new").encode(),
                   corpus_dir / "fresh.yaml": map_of("fresh").encode(),
                   corpus_dir / "notes.txt": map_of("notes").encode(), other / "beside.yaml": map_of("beside").encode(),
                   single: map_of("single-edited").encode()}
        corpus, problems = load_corpus([corpus_dir, single], unsaved=unsaved)
        assert ([], ["edited", "fresh", "new", "single-edited"]) == (problems, [m.id for m in corpus.maps])



# --- the rules' quick answers ----------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab9-_A \n\u00e9", max_size=70), max_size=8))
def test_the_id_lists_quick_answer_is_each_ids_own(ids: list[str]) -> None:
    """`bad_ids` skips its loop when one match says every id is a slug of at most MAX_ID
    characters: that answer must be the loop's, ids with line breaks, dashes and length included."""
    from argmap.check import MAX_ID, _all_slugs
    from argmap.model import SLUG

    assert _all_slugs(ids) == all(len(i) <= MAX_ID and SLUG.match(i) is not None for i in ids)


def test_two_maps_of_one_id_report_their_claims_of_one_id_as_before(corpus_dir: Path) -> None:
    """Claims are grouped by their map's id: two maps sharing an id (each with unique claims)
    still have their same-id claims reported, though no list of ids alone repeats one."""
    _write(corpus_dir, "m.yaml", GOOD_MAP)
    _write(corpus_dir, "n.yaml", "argmap: 1\nid: m\n" + GOOD_MAP.removeprefix("argmap: 1\n"))
    found = [(p.code, p.location.path.rsplit("/", 1)[-1], p.location.line)
             for p in load_and_check([corpus_dir])[1] if p.code == "duplicate-id"]
    assert [("duplicate-id", "m.yaml", 1), ("duplicate-id", "m.yaml", 6), ("duplicate-id", "m.yaml", 10),
            ("duplicate-id", "n.yaml", 2), ("duplicate-id", "n.yaml", 7),
            ("duplicate-id", "n.yaml", 11)] == found
