"""Every mistake in one run: structural mistakes do not hide the rest, a broken target is reported
once where it is broken, and YAML's quiet traps (a ` #` that cuts text, `~` as nothing) are caught."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from test_check_diagnostics import GOOD_MAP, SOURCE_TEXT, THESES

from argmap.cli import main
from argmap.pipeline import load_and_check


def _write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    folder = tmp_path / "maps"
    folder.mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "src.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    _write(folder, "corpus.yaml", THESES)
    return folder


def _found(folder: Path) -> list[tuple[str, str, int, int]]:
    _, problems = load_and_check([folder])
    return [(Path(p.location.path).name, p.code, p.location.line, p.location.column)
            for p in problems]  # in the order check prints them: by file and position


# Nine mistakes of different kinds in one map; each is exactly one diagnostic.
MISTAKES = """\
argmap: 1
titel: A map
authors:
  - name: A
source: src
claims:
  - id: a
    text: A claim.
    evidence:
      - quote: quick brown cat
  - id: B_2
    text: Another.
    evidence:
      - quote: the lazy dog
        kind: quotation
    suports: [a]
  - id: c
    text: Third.
    evidence:
      - quote: the lazy dog
    supports: [nowhere]
    attacks: [c]
stances:
  - thesis: t9
    position: agree
    because: [a]
  - thesis: t1
    position: agreed
    because: [a]
"""


class TestEveryMistakeAtOnce:
    def test_the_many_mistake_map_in_one_run(self, maps: Path) -> None:
        _write(maps, "m.yaml", MISTAKES)
        assert [
            ("m.yaml", "unknown-key", 2, 1),        # titel
            ("m.yaml", "quote-not-found", 10, 16),  # quick brown cat
            ("m.yaml", "bad-id", 11, 9),            # B_2
            ("m.yaml", "bad-value", 15, 15),        # kind: quotation
            ("m.yaml", "unknown-key", 16, 5),       # suports
            ("m.yaml", "dangling-ref", 21, 16),     # nowhere
            ("m.yaml", "self-reference", 22, 15),   # attacks itself
            ("m.yaml", "unknown-thesis", 24, 13),   # t9
            ("m.yaml", "bad-value", 28, 15),        # agreed
        ] == _found(maps)

    def test_a_bad_top_level_value_keeps_the_claims_checked(self, maps: Path) -> None:
        _write(maps, "m.yaml", GOOD_MAP.replace("argmap: 1\n", "argmap: 1\nid: [m]\n")
               .replace("quote: the lazy dog", "quote: the lazy cat"))
        assert [("m.yaml", "wrong-type", 2, 5), ("m.yaml", "quote-not-found", 14, 16)] == _found(maps)

    def test_a_bad_default_source_is_reported_once(self, maps: Path) -> None:
        _write(maps, "m.yaml", GOOD_MAP.replace("source: src", "source: [src]"))
        assert [("m.yaml", "wrong-type", 4, 9)] == _found(maps)

    def test_a_broken_claim_is_not_dangling_at_every_use(self, maps: Path) -> None:
        _write(maps, "m.yaml", GOOD_MAP.replace("    text: A claim.\n", "    txt: A claim.\n"))
        _write(maps, "n.yaml", textwrap.dedent("""\
            argmap: 1
            authors: [{name: N}]
            source: src
            claims:
              - id: x
                text: X.
                evidence: [{quote: quick brown fox}]
                attacks: [{target: m/a, basis: contrast, note: Set side by side.}]
            """))
        found = _found(maps)
        assert [("m.yaml", "missing-key", 6, 5), ("m.yaml", "unknown-key", 7, 5)] == found

    def test_a_broken_author_is_not_also_a_map_without_authors(self, maps: Path) -> None:
        _write(maps, "m.yaml", GOOD_MAP.replace("  - name: A\n", "  - nam: A\n"))
        assert [("m.yaml", "missing-key", 3, 5), ("m.yaml", "unknown-key", 3, 5)] == _found(maps)

    def test_a_broken_claim_is_not_dangling_at_an_undercut_end(self, maps: Path) -> None:
        """Neither from another map (`m/a`) nor from its own (`a`)."""
        _write(maps, "m.yaml", GOOD_MAP.replace("    text: A claim.\n", "    txt: A claim.\n").replace(
            "stances:", "  - id: c\n    text: C.\n    evidence: [{quote: quick brown fox}]\n"
                        "    undercuts: [{from: b, to: a}]\nstances:"))
        _write(maps, "n.yaml", textwrap.dedent("""\
            argmap: 1
            authors: [{name: N}]
            source: src
            claims:
              - id: x
                text: X.
                evidence: [{quote: quick brown fox}]
                undercuts: [{from: m/b, to: m/a, basis: contrast, note: Set side by side.}]
            """))
        assert [("m.yaml", "missing-key", 6, 5), ("m.yaml", "unknown-key", 7, 5)] == _found(maps)

    def test_a_broken_thesis_is_not_unknown_at_every_stance(self, maps: Path) -> None:
        _write(maps, "corpus.yaml", THESES.replace("    text: A thesis.", "    txet: A thesis."))
        _write(maps, "m.yaml", GOOD_MAP)
        _write(maps, "n.yaml", GOOD_MAP)
        found = _found(maps)
        assert {"missing-key", "unknown-key"} == {code for _, code, _, _ in found}
        assert {"corpus.yaml"} == {name for name, _, _, _ in found}

    def test_a_broken_source_is_not_unknown_at_every_quote(self, maps: Path) -> None:
        _write(maps, "corpus.yaml", THESES.replace("    title: A source\n", "    title: [A, source]\n"))
        _write(maps, "m.yaml", GOOD_MAP)
        assert [("corpus.yaml", "wrong-type", 4, 12)] == _found(maps)

    def test_an_unreadable_map_is_not_missing_for_the_others(self, maps: Path) -> None:
        _write(maps, "okafor.yaml", GOOD_MAP.replace("claims:\n", "claims: [\n"))
        _write(maps, "n.yaml", textwrap.dedent("""\
            argmap: 1
            authors: [{name: N}]
            source: src
            claims:
              - id: x
                text: X.
                evidence: [{quote: quick brown fox}]
                attacks:
                  - {target: okafor/a, basis: contrast, note: Set side by side.}
                  - {target: okafor/b, basis: contrast, note: Set side by side.}
            """))
        found = _found(maps)
        assert ["okafor.yaml"] == sorted({name for name, _, _, _ in found})
        assert {"yaml-syntax"} == {code for _, code, _, _ in found}

    def test_duplicate_map_id_reported_at_every_file(self, maps: Path) -> None:
        _write(maps, "a.yaml", GOOD_MAP)
        _write(maps, "b.yaml", "argmap: 1\nid: a\n" + GOOD_MAP.removeprefix("argmap: 1\n"))
        _, problems = load_and_check([maps])
        places = [(Path(p.location.path).name, p.message) for p in problems
                  if p.code == "duplicate-id" and p.message.startswith("duplicate map")]
        assert ["a.yaml", "b.yaml"] == [name for name, _ in places]
        assert "b.yaml:2:5" in places[0][1] and "a.yaml:1:1" in places[1][1]


class TestYamlTraps:
    @pytest.mark.parametrize("null", ["~", "null", "Null", "NULL", ""])
    def test_null_is_nothing_not_text(self, maps: Path, null: str) -> None:
        _write(maps, "m.yaml", GOOD_MAP.replace("source: src", f"source: {null}")
               .replace("      - quote: quick brown fox\n", "      - quote: quick brown fox\n        source: src\n")
               .replace("      - quote: the lazy dog\n", "      - quote: the lazy dog\n        source: src\n"))
        assert [] == _found(maps)

    def test_quoted_tilde_is_text(self, maps: Path) -> None:
        _write(maps, "m.yaml", GOOD_MAP.replace("source: src", 'source: "~"'))
        assert ("m.yaml", "unknown-source", 4, 9) in _found(maps)

    def test_publisher_cut_by_comment(self, maps: Path, capsys) -> None:
        _write(maps, "corpus.yaml", THESES.replace(
            "    title: A source\n",
            "    title: A source\n    publisher: Christ University (Perspective #10)\n"))
        _write(maps, "m.yaml", GOOD_MAP)
        assert [("corpus.yaml", "text-cut-by-comment", 5, 47)] == _found(maps)
        assert 1 == main(["check", str(maps)])
        out = capsys.readouterr().out
        assert "'Christ University (Perspective'" in out and "'#10)' is lost" in out
        assert "quote the value" in out

    @pytest.mark.parametrize("line", [
        "    text: A claim. # with a remark",
        "    text: A claim, item #3 of five",
    ])
    def test_prose_followed_by_comment(self, maps: Path, line: str) -> None:
        _write(maps, "m.yaml", GOOD_MAP.replace("    text: A claim.", line))
        assert ["text-cut-by-comment"] == [code for _, code, _, _ in _found(maps)]

    def test_a_question_in_a_list_is_prose_too(self, maps: Path) -> None:
        _write(maps, "corpus.yaml", THESES + "    questions:\n      - Is it so? #1\n      - And then?\n")
        _write(maps, "m.yaml", GOOD_MAP)
        found = [(p.code, p.location.line, p.location.column, p.message.split(":")[0])
                 for p in load_and_check([maps])[1]]
        assert [("text-cut-by-comment", 10, 19, "'questions' is cut short")] == found

    def test_a_list_inside_a_list_of_prose_is_prose_too(self, maps: Path) -> None:
        _write(maps, "corpus.yaml", THESES + "    questions:\n      - - Is it so? #1\n")
        _write(maps, "m.yaml", GOOD_MAP)
        assert [("corpus.yaml", "wrong-type", 10, 9), ("corpus.yaml", "text-cut-by-comment", 10, 21)] == _found(maps)

    def test_a_file_that_is_a_list_is_only_named_as_one(self, maps: Path) -> None:
        _write(maps, "m.yaml", "- a (b #c\n")
        assert [("m.yaml", "not-a-mapping", 1, 1)] == _found(maps)

    def test_unbalanced_bracket_in_any_field(self, maps: Path) -> None:
        _write(maps, "corpus.yaml", THESES.replace(
            "    title: A source\n", "    title: A source\n    date: 2023 (issue #4)\n"))
        _write(maps, "m.yaml", GOOD_MAP)
        assert ["text-cut-by-comment"] == [code for _, code, _, _ in _found(maps)]

    @pytest.mark.parametrize("replacement", [
        ('    text: A claim.', '    text: "A claim (item #3)"'),
        ('    text: A claim.', '    text: A claim.#not-a-comment'),
        ('    text: A claim.', '    # a comment of its own\n    text: A claim.'),
        ('  - id: a\n', '  - id: a  # ids are not prose\n'),
        ('    position: agree', '    position: agree  # for now'),
        ('    text: A claim.', '    text: |\n      A claim. # kept: block text has no comments'),
    ])
    def test_what_is_not_cut(self, maps: Path, replacement: tuple[str, str]) -> None:
        _write(maps, "m.yaml", GOOD_MAP.replace(*replacement))
        assert [] == _found(maps)

    def test_fmt_keeps_a_comment_after_prose(self) -> None:
        """check reports the cut; fmt, which keeps comments, formats the file as it is."""
        from argmap.fmt import format_text

        text = GOOD_MAP.replace("    text: A claim.", "    text: A claim. # with a remark")
        formatted, problems = format_text(text, "m.yaml")
        assert [] == problems and formatted is not None and "A claim. # with a remark" in formatted

    def test_colon_in_plain_text_says_quote_it(self, maps: Path, capsys) -> None:
        _write(maps, "m.yaml", GOOD_MAP.replace("    text: A claim.", "    text: Japan: a view."))
        assert 1 == main(["check", str(maps)])
        out = capsys.readouterr().out
        assert "[yaml-syntax]" in out and "quote the value" in out


_REFUSED_TAG = "is not allowed; argmap reads plain text, lists and mappings"
_CUT = "' #' starts a YAML comment, so the value is read as"


class TestYamlMessages:
    """What the reader is told about a file YAML cannot read as written, and where."""

    @pytest.mark.parametrize(("content", "expected"), [
        (b"\xfe\xff\x00a", ("not-utf8", 1, 1, "file is UTF-16 (it starts with a UTF-16 byte-order mark); "
                                               "save it as UTF-8")),
        (b"\xff\xfea\x00", ("not-utf8", 1, 1, "file is UTF-16 (it starts with a UTF-16 byte-order mark); "
                                               "save it as UTF-8")),
        (b"argmap: 1\nid: m\x00\n", ("not-utf8", 2, 1, "file contains NUL bytes: it looks binary, not a YAML "
                                                       "text file")),
        (b"\nargmap: 1\n\x00\x00\x00\x00\n\x00", ("not-utf8", 3, 1, "file contains NUL bytes: it looks binary, "
                                                                  "not a YAML text file")),   # the first NUL's line
        (b"argmap: 1\nauthors:\n  - name: caf\xe9 x\n",
         ("not-utf8", 3, 14, "byte 0xe9 is not valid UTF-8; save the file as UTF-8")),
        (b"\nargmap: \xe9\n", ("not-utf8", 2, 9, "byte 0xe9 is not valid UTF-8; save the file as UTF-8")),
        (b"---\n", ("empty-file", 1, 1, "file is empty; a map file starts with 'argmap: 1'")),
        (b"~\n", ("empty-file", 1, 1, "file is empty; a map file starts with 'argmap: 1'")),
        (b"# only a remark\n", ("empty-file", 1, 1, "file is empty; a map file starts with 'argmap: 1'")),
        (b"argmap: 1\nclaims: [a, b\n",
         ("yaml-syntax", 3, 1, "invalid YAML: did not find expected ',' or ']' while parsing a flow sequence")),
        (b"argmap: 1\nauthors:\n\t- name: A\n",
         ("yaml-syntax", 3, 1, "tab character: YAML indents with spaces only; replace the tab with spaces")),
        (b"\targmap: 1\n",
         ("yaml-syntax", 1, 1, "tab character: YAML indents with spaces only; replace the tab with spaces")),
        (GOOD_MAP.replace("    text: A claim.", "    text: Japan: a view."),
         ("yaml-syntax", 7, 16, "invalid YAML: mapping values are not allowed in this context; a ': ' inside "
                                "plain text starts a new key: quote the value (text: \"Japan: a view\") or drop "
                                "the colon")),
        (GOOD_MAP.replace("    text: A claim.\n", "    text: A claim.\n    text: Again.\n"),
         ("duplicate-key", 8, 5, "duplicate key 'text' (first at line 7); keep one of them")),
        (b"argmap: 1\n~: x\n", ("wrong-type", 2, 1, "a key must be a plain name, not a list, mapping or null")),
        (b"argmap: 1\n[a]: b\n", ("wrong-type", 2, 1, "a key must be a plain name, not a list, mapping or null")),
        (b"argmap: 1\na: &x [1]\nb: *x\n",
         ("alias-refused", 3, 4, "YAML alias '*x' is not allowed; write the value out in full")),
        (b"argmap: 1\nid: !!binary aGk=\n", ("tag-refused", 2, 5, f"YAML tag 'tag:yaml.org,2002:binary' {_REFUSED_TAG}")),
        (b"argmap: 1\nauthors: !!omap [{name: A}]\n",
         ("tag-refused", 2, 10, f"YAML tag 'tag:yaml.org,2002:omap' {_REFUSED_TAG}")),
        (b"argmap: 1\nauthors: !!set {A}\n", ("tag-refused", 2, 10, f"YAML tag 'tag:yaml.org,2002:set' {_REFUSED_TAG}")),
        (b"argmap: 1\n---\nargmap: 1\n",
         ("yaml-syntax", 2, 1, "a second YAML document ('---'): put one map in each file")),
        ("argmap: 1\nx: " + "[" * 64 + "]" * 64 + "\n",
         ("too-deep", 2, 67, "nested more than 64 levels deep; a map needs fewer than 10")),
        ("argmap: 1\nx: " + "[" * 2_000 + "]" * 2_000 + "\n",
         ("too-deep", 2, 67, "nested more than 64 levels deep; a map needs fewer than 10")),
        # past libyaml's own limit (1,000) with an alias before argmap's: refused where libyaml stopped
        ("argmap: 1\nx: " + "[" * 63 + "*a, " + "[" * 1_100 + "]" * 1_100 + "]\n",
         ("too-deep", 2, 1007, "nested more than 64 levels deep; a map needs fewer than 10")),
        (GOOD_MAP.replace("    text: A claim.", "    text: A claim (see #3) and more"),
         ("text-cut-by-comment", 7, 24, f"'text' is cut short: {_CUT} 'A claim (see' and '#3) and more' is lost; "
                                        "quote the value (text: \"A claim (see #3) and more\"), or put a comment on "
                                        "its own line")),
        (GOOD_MAP.replace("    text: A claim.", "    text: A claim #3").replace("\n", "\r\n"),
         ("text-cut-by-comment", 7, 19, f"'text' is cut short: {_CUT} 'A claim' and '#3' is lost; quote the value "
                                        "(text: \"A claim #3\"), or put a comment on its own line")),
        (GOOD_MAP + "    note: " + "n" * 60 + " #1",
         ("text-cut-by-comment", 19, 72, f"'note' is cut short: {_CUT} '{'n' * 60}' and '#1' is lost; quote the "
                                         f"value (note: \"{'n' * 60} #1\"), or put a comment on its own line")),
        (GOOD_MAP.replace("    text: A claim.", "    text: A claim #3 of X"),   # shown as written, to the line end
         ("text-cut-by-comment", 7, 19, f"'text' is cut short: {_CUT} 'A claim' and '#3 of X' is lost; quote the "
                                        "value (text: \"A claim #3 of X\"), or put a comment on its own line")),
        (GOOD_MAP.replace("    text: A claim.", "    text: A claim #3  "),
         ("text-cut-by-comment", 7, 19, f"'text' is cut short: {_CUT} 'A claim' and '#3  ' is lost; quote the "
                                        "value (text: \"A claim #3  \"), or put a comment on its own line")),
        (GOOD_MAP + "    note: So #1",
         ("text-cut-by-comment", 19, 14, f"'note' is cut short: {_CUT} 'So' and '#1' is lost; quote the value "
                                         "(note: \"So #1\"), or put a comment on its own line")),
        (GOOD_MAP.replace("    text: A claim.", "    text: " + "word " * 20 + "\t# " + "lost " * 20),
         ("text-cut-by-comment", 7, 112, f"'text' is cut short: {_CUT} '{'word ' * 11}word\u2026' and "
                                         f"'#{' lost' * 11} lo\u2026' is lost; quote the value (text: "
                                         f"\"{'word ' * 11}word\u2026 #{' lost' * 11} lo\u2026\"), or put a comment "
                                         "on its own line")),
    ])
    def test_message(self, maps: Path, content: str | bytes, expected: tuple) -> None:
        (maps / "m.yaml").write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        _, problems = load_and_check([maps])
        assert [expected] == [(p.code, p.location.line, p.location.column, p.message) for p in problems]

    @pytest.mark.parametrize("content", [
        "\ufeff" + GOOD_MAP,                                         # a UTF-8 byte-order mark
        "argmap: 1\nx: " + "[" * 63 + "]" * 63 + "\n",               # 64 levels with the top mapping
        GOOD_MAP.replace("source: src", "source: !!str src"),        # the explicit tags of plain text
        GOOD_MAP.replace("source: src", "source: ! src"),
        GOOD_MAP.replace("text: A claim.", "text: !!str 3"),
    ])
    def test_read_as_written(self, maps: Path, content: str) -> None:
        (maps / "m.yaml").write_text(content, encoding="utf-8")
        assert [] == [(code, line) for _, code, line, _ in _found(maps) if code != "unknown-key"]

    def test_a_key_that_is_not_a_name_is_left_out_and_the_rest_read(self, maps: Path) -> None:
        _write(maps, "m.yaml", GOOD_MAP.replace("argmap: 1\n", "argmap: 1\n[a]: b\nid: zed\n{c: d}: e\n"))
        corpus, problems = load_and_check([maps])
        assert [("wrong-type", 2, 1), ("wrong-type", 4, 1)] == [(p.code, p.location.line, p.location.column)
                                                              for p in problems]
        assert ["zed"] == [m.id for m in corpus.maps] and 2 == len(corpus.maps[0].claims)

    def test_a_list_knows_where_each_of_its_items_is_and_no_more(self) -> None:
        from argmap import _yaml

        tree, _ = _yaml.parse("items:\n  - a\n  -   b\n", "x.yaml")
        items = tree["items"]
        assert [(2, 5), (3, 7), None, None, None] == [items.value_mark(i) for i in (0, 1, 2, -1, "0")]

    def test_an_explicit_null_is_nothing(self, maps: Path) -> None:
        _write(maps, "m.yaml", GOOD_MAP.replace("source: src", "source: !!null ''"))
        assert [("m.yaml", "missing-key", 9, 9), ("m.yaml", "missing-key", 13, 9)] == _found(maps)

    @pytest.mark.parametrize("value", ["x (a) #b", "x [a] #b", "x {a} #b", "x \u201ca\u201d #b", 'x "a" #b',
                                       'x "a" "b" #c'])
    def test_a_comment_after_closed_brackets_outside_prose_is_no_cut(self, maps: Path, value: str) -> None:
        """Outside prose fields only an unclosed bracket or quote shows text was lost."""
        _write(maps, "corpus.yaml", THESES.replace("    title: A source\n",
                                                   f"    title: A source\n    date: {value}\n"))
        assert [] == _found(maps)

    @pytest.mark.parametrize("value", ["x (a #b", "x [a #b", "x {a #b", "x \u201ca #b", 'x "a #b',
                                       'x "a" "b #c'])
    def test_an_open_bracket_or_quote_in_any_field_is_a_cut(self, maps: Path, value: str) -> None:
        _write(maps, "corpus.yaml", THESES.replace("    title: A source\n",
                                                   f"    title: A source\n    date: {value}\n"))
        assert [("corpus.yaml", "text-cut-by-comment")] == [(n, c) for n, c, _, _ in _found(maps)]
