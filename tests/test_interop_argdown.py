"""Argdown: our parser against the real files and the real CLI, import, and export that the
real Argdown CLI (`argdown json`) reads without errors and with the counts we wrote."""

from __future__ import annotations

import collections
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.check import check_corpus
from argmap.errors import Severity
from argmap.interop.argdown import escape_text, flatten, from_argdown, parse_argdown, to_argdown
from argmap.model import (
    Author,
    Claim,
    Corpus,
    Map,
    Position,
    Stance,
    Thesis,
    Undercut,
    ref,
    split_ref,
)

from conftest import INTEROP, ROOT, needs_shared
from strategies import full_corpora

ARGDOWN_DIR = INTEROP / "argdown"
ARGDOWN_CLI = ROOT / "tools" / "argdown" / "node_modules" / ".bin" / "argdown"
needs_argdown = pytest.mark.skipif(
    not ARGDOWN_CLI.exists() or shutil.which("node") is None,
    reason="the Argdown CLI is not installed (run `npm install` in tools/argdown; .ci/run does)")

# From ../shared/interop/README.md: ECs, arguments, arguments with pcs, relations by type
# (contrary counted as attack: argmap has no contrary), tags.
README = {
    "argdown-primer.argdown": (17, 4, 1, {"support": 5, "attack": 5}, 3),
    "legalisation-softdrugs.argdown": (1, 17, 0, {"support": 9, "attack": 8, "undercut": 2}, 2),
    "state-censorship.argdown": (28, 7, 7, {"attack": 4}, 2),
    "semmelweis_betz.argdown": (32, 10, 10, {"attack": 5, "contradictory": 1}, 4),
    "greenspan-schefczyk_hardwrap.argdown": (36, 6, 4, {"support": 4, "contradictory": 1}, 2),
}

# What the import makes of each file: claims per voice, supports, attacks, undercuts.
IMPORTED = {
    "argdown-primer.argdown": ({"another-tag": 1, "argdown-primer": 15, "tag": 3, "yet-another-tag": 1}, 7, 5, 0),
    "legalisation-softdrugs.argdown": ({"con": 9, "legalisation-softdrugs": 1, "pro": 8}, 9, 9, 1),
    "state-censorship.argdown": ({"con": 13, "pro": 13, "state-censorship": 2}, 23, 4, 0),
    "semmelweis_betz.argdown": ({"h1": 6, "h2": 4, "h3": 10, "semmelweis-betz": 12}, 30, 7, 0),
    "greenspan-schefczyk_hardwrap.argdown": (
        {"basic": 3, "concession": 6, "greenspan-schefczyk-hardwrap": 29}, 20, 2, 0),
}


def run_cli(path: Path, out: Path) -> tuple[dict, str]:
    result = subprocess.run([str(ARGDOWN_CLI), "json", str(path), str(out)], capture_output=True,
                            text=True, timeout=120, check=False)
    exported = out / (path.stem + ".json")
    report = result.stdout + result.stderr
    assert exported.exists(), report
    return json.loads(exported.read_text(encoding="utf-8")), report


def cli_relation_counts(data: dict) -> dict[str, int]:
    folded = {"contrary": "attack", "entails": "support"}
    return dict(collections.Counter(folded.get(r["relationType"], r["relationType"]) for r in data["relations"]))


def flat_sections(sections: list[dict]) -> int:
    return sum(1 + flat_sections(s.get("children", [])) for s in sections)


def read(name: str) -> str:
    return (ARGDOWN_DIR / name).read_text(encoding="utf-8")


# --- text ----------------------------------------------------------------------------------------

class TestEscapeText:
    def test_syntax_characters_are_escaped(self):
        assert r"\#tag \*b\* \_i\_ \[t\] \<a\> \{d\} \=\=\= \\" == escape_text("#tag *b* _i_ [t] <a> {d} === \\")

    def test_comment_starts_are_escaped_but_single_slashes_kept(self):
        assert r"a\//b and/or c\/\*d" == escape_text("a//b and/or c/*d")

    def test_shortcode_pairs_are_broken(self):
        assert r"e\.g. \:heart: 3.5 ends." == escape_text("e.g. :heart: 3.5 ends.")

    def test_white_space_becomes_single_spaces(self):
        assert "a b c" == escape_text("  a\n\tb \u00a0 c \u2028")

    def test_flatten_matches_pythons_split(self):
        assert "x y" == flatten("x\r\n y")


# --- parser ----------------------------------------------------------------------------------------

@needs_shared
@pytest.mark.parametrize("name", sorted(README))
class TestParseArgdown:
    def test_counts_match_the_readme(self, name):
        document = parse_argdown(read(name), name)
        statements, arguments, with_pcs, relations, tags = README[name]

        assert statements == len(document.statements)
        assert arguments == len(document.arguments)
        assert with_pcs == sum(1 for a in document.arguments.values() if a.pcs)
        assert relations == dict(collections.Counter(r.type for r in document.relations))
        assert tags == len(document.tags())
        assert [] == [p.format() for p in document.problems]

    @pytest.mark.slow
    @needs_argdown
    def test_same_model_as_the_argdown_cli(self, name, tmp_path):
        data, _report = run_cli(ARGDOWN_DIR / name, tmp_path)
        document = parse_argdown(read(name), name)
        folded = {"contrary": "attack", "entails": "support"}
        theirs = sorted((folded.get(r["relationType"], r["relationType"]), r["fromType"] == "argument",
                         r["from"], r["toType"] == "argument", r["to"]) for r in data["relations"])
        ours = sorted((r.type, r.source[0] == "argument", r.source[1], r.target[0] == "argument",
                       r.target[1]) for r in document.relations)

        assert set(data["statements"]) == set(document.statements)
        assert set(data["arguments"]) == set(document.arguments)
        assert theirs == ours
        assert flat_sections(data["sections"]) == len(document.sections)
        assert {t: [s["title"] for s in a["pcs"]] for t, a in data["arguments"].items() if a.get("pcs")} == \
            {t: [a.pcs[n] for n in sorted(a.pcs)] for t, a in document.arguments.items() if a.pcs}


# Every relation marker, nesting that goes down and back up, and relations of arguments: what the
# Argdown CLI reads here is what a user who wrote it meant.
MARKERS = """\
[A]: a
  + [B]: b
    - [C]: c
    - [D]: d
      +> [E]: e
    <+ [F]: f
  <- [G]: g
  +> [H]: h
  -> [I]: i
  >< [J]: j

<K>: k
  <_ <L>: l
  _> <M>: m
  <+ <N>: n
  <- <O>: o
"""


def _read_both(text: str, name: str, tmp_path: Path):
    """The Argdown CLI's JSON of `text` (written to a file `name`) and our parser's document."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    data, _report = run_cli(path, tmp_path)
    return data, parse_argdown(text, name)


@pytest.mark.slow
@needs_argdown
def test_every_relation_marker_reads_as_the_argdown_cli_reads_it(tmp_path):
    data, document = _read_both(MARKERS, "markers.argdown", tmp_path)

    assert sorted((r["relationType"], r["from"], r["to"]) for r in data["relations"]) == \
        sorted((r.type, r.source[1], r.target[1]) for r in document.relations)


# Inline syntax a statement's text may hold: what the Argdown CLI shows as the text is our text.
INLINE = """\
[A]: As @[B] says, *taxes* are [high](http://example.org) \\#1 and \\[2\\].

[B]: See @<C> and __bold__ _it_ text, // a comment
  still B /* and another */ here.

<C>: An argument about **this** and `code`, ending. {"k": 1}
"""


@pytest.mark.slow
@needs_argdown
def test_statement_text_is_what_the_argdown_cli_shows(tmp_path):
    data, document = _read_both(INLINE, "inline.argdown", tmp_path)

    def texts(elements: dict) -> dict[str, list[str]]:
        return {title: [m["text"].strip() for m in e["members"]] for title, e in elements.items()}

    assert texts(data["statements"]) | texts(data["arguments"]) == \
        {title: [m.text for m in e.members] for title, e in [*document.statements.items(),
                                                             *document.arguments.items()]}


class TestParseArgdownDetails:
    def test_relation_markers_and_nesting(self):
        text = "[A]: a\n  + [B]: b\n    - <C>: c\n  +> [D]\n  _> <E>\n  <_ <F>\n  >< [G]\n"
        document = parse_argdown(text, "x.argdown")
        found = [(r.type, r.source[1], r.target[1]) for r in document.relations]

        assert [("support", "B", "A"), ("attack", "C", "B"), ("support", "A", "D"),
                ("undercut", "A", "E"), ("undercut", "F", "A"), ("contradictory", "A", "G")] == found

    def test_escapes_tags_data_and_comments(self):
        text = "[T]: a \\#b #voice // gone\n  text {\"k\": \"v // kept\"} /* x */ end\n"
        document = parse_argdown(text, "x.argdown")
        member = document.statements["T"].members[0]

        assert ("a #b text end", ["voice"], {"k": "v // kept"}) == (member.text, member.tags, member.data)

    def test_pcs_with_uses_and_chained_conclusions(self):
        text = "<A>\n\n(1) p\n(2) q\n--\nrule {uses: [1]}\n--\n(3) r\n(4) s\n----\n(5) t\n"
        document = parse_argdown(text, "x.argdown")
        steps = [(s.premises, s.conclusion) for s in document.arguments["A"].steps]

        assert [([1], 3), ([3, 4], 5)] == steps


# --- import ----------------------------------------------------------------------------------------

@needs_shared
@pytest.mark.parametrize("name", sorted(IMPORTED))
class TestFromArgdownOnRealFiles:
    def test_claims_voices_and_relations(self, name):
        imported = from_argdown(read(name), name)
        corpus = imported.corpus
        voices, supports, attacks, undercuts = IMPORTED[name]
        statements, arguments, with_pcs, _relations, _tags = README[name]

        assert voices == {m.id: len(m.claims) for m in corpus.maps}
        assert statements + arguments - with_pcs == sum(voices.values())
        assert supports == sum(len(c.supports) for _m, c in corpus.claims())
        assert attacks == sum(len(c.attacks) for _m, c in corpus.claims())
        assert undercuts == sum(len(c.undercuts) for _m, c in corpus.claims())

    def test_passes_check(self, name):
        corpus = from_argdown(read(name), name).corpus

        assert [] == [p.format() for p in check_corpus(corpus) if p.severity is Severity.ERROR]

    def test_warnings_are_located_in_the_file(self, name):
        for problem in from_argdown(read(name), name).problems:
            assert (name, Severity.WARNING) == (problem.location.path, problem.severity)
            assert 1 <= problem.location.line <= read(name).count("\n") + 1


class TestFromArgdown:
    def test_untagged_elements_go_to_a_voice_named_after_the_file(self):
        corpus = from_argdown("[A]: a\n  + [B]: b #x\n", "My Debate.argdown").corpus

        assert {"my-debate": ["a"], "x": ["b"]} == {m.id: [c.id for c in m.claims] for m in corpus.maps}

    def test_an_id_from_the_words_keeps_every_whole_word_that_fits_in_40_characters(self):
        corpus = from_argdown("Aaaa bbbb cccc dddd eeee ffff gggg hhhhh iiii.\n", "f.argdown").corpus

        assert ["aaaa-bbbb-cccc-dddd-eeee-ffff-gggg-hhhhh"] == [c.id for c in corpus.map("f").claims]

    def test_claims_of_the_same_words_are_numbered_in_reading_order(self):
        corpus = from_argdown("Same words.\n\nSame words.\n\nSame words.\n", "f.argdown").corpus

        assert ["same-words", "same-words-2", "same-words-3"] == [c.id for c in corpus.map("f").claims]

    def test_supports_named_in_the_data_come_first_the_rest_after_in_reading_order(self):
        text = ('[m/a]: a #m {"supports": ["m/d"]}\n  +> [m/b]: b #m\n  +> [m/c]: c #m\n  +> [m/d]: d #m\n')
        corpus = from_argdown(text, "f.argdown").corpus

        assert ["d", "b", "c"] == [r.target for r in corpus.map("m").claim("a").supports]

    def test_pcs_collapses_into_supports_of_its_conclusion(self):
        text = "<Arg>: desc #v\n\n(1) p\n(2) q\n----\n(3) r\n  -> [X]: x #w\n"
        corpus = from_argdown(text, "f.argdown").corpus
        v = corpus.map("v")

        assert [("p", ("r",)), ("q", ("r",)), ("r", ("w/x",))] == \
            [(c.id, tuple(r.target for r in c.supports or c.attacks)) for c in v.claims]

    def test_undercut_of_a_pcs_undercuts_the_last_inference_into_the_main_conclusion(self):
        text = "<A>: #v\n\n(1) p\n(2) q\n----\n(3) r\n(4) s\n----\n(5) t\n\n[U]: u #w\n  _> <A>\n"
        corpus = from_argdown(text, "f.argdown").corpus

        assert [("v/r", "v/t"), ("v/s", "v/t")] == \
            [(u.from_, u.to) for u in corpus.map("w").claim("u").undercuts]

    def test_undercut_of_an_argument_undercuts_its_support(self):
        text = "[C]: c\n  + <A>: a\n    <_ <U>: u\n"
        corpus = from_argdown(text, "f.argdown").corpus

        assert (Undercut(from_="a", to="c"),) == corpus.map("f").claim("u").undercuts

    def test_unmappable_undercut_is_an_attack_with_a_located_warning(self):
        imported = from_argdown("[A]: a\n  <_ [B]: b\n", "f.argdown")

        assert ("a",) == tuple(r.target for r in imported.corpus.map("f").claim("b").attacks)
        assert [("f.argdown", 2, 3, "mapped-as")] == \
            [(p.location.path, p.location.line, p.location.column, p.code) for p in imported.problems]

    def test_an_argument_met_in_a_relation_is_named_where_it_stands(self):
        imported = from_argdown("[A]: a\n  + <B>: b\n", "f.argdown")

        assert [(2, 5, "mapped-as")] == [(p.location.line, p.location.column, p.code) for p in imported.problems]

    def test_several_tags_warn_at_the_statement(self):
        imported = from_argdown("\n\n[A]: a #x #y\n", "f.argdown")

        assert [(3, 1, "mapped-as")] == [(p.location.line, p.location.column, p.code) for p in imported.problems]

    def test_stances_from_relations_into_theses(self):
        text = ('[t]: T {"thesis": true}\n\n[m/a]: a #m\n  +> [t]\n\n[m/b]: b #m\n  -> [t]\n\n'
                '[n/c]: c #n {"mixed": ["t"]}\n')
        corpus = from_argdown(text, "f.argdown").corpus

        assert {"m": (Position.MIXED, ("a", "b")), "n": (Position.MIXED, ("c",))} == \
            {m.id: (m.stances[0].position, m.stances[0].because) for m in corpus.maps}


# --- export ----------------------------------------------------------------------------------------

def expected_counts(corpus: Corpus) -> tuple[int, int, int]:
    """(statements, arguments, relations) our export writes for a corpus."""
    links = {(ref(*split_ref(u.from_, m.id)), ref(*split_ref(u.to, m.id)))
             for m, c in corpus.claims() for u in c.undercuts}
    relations = 0
    for m, c in corpus.claims():
        here = ref(m.id, c.id)
        relations += len({t for t in (ref(*split_ref(r.target, m.id)) for r in c.supports) if (here, t) not in links})
        relations += len({r.target for r in c.attacks}) + len(set(c.undercuts))
    relations += sum(len(set(s.because)) for m in corpus.maps for s in m.stances
                     if s.position is not Position.MIXED)
    return len(corpus.theses) + sum(len(m.claims) for m in corpus.maps), len(links), relations


class TestToArgdown:
    def test_claims_are_tagged_statements_and_relations_nested(self):
        corpus = Corpus(theses=(Thesis(id="t", text="T"),), maps=(Map(
            id="m", authors=(Author(name="M"),),
            claims=(Claim(id="a", text="A", supports=("b",)), Claim(id="b", text="B")),
            stances=(Stance(thesis="t", position=Position.DISAGREE, because=("a",)),)),))
        text = to_argdown(corpus)

        assert "[t]: T {\"thesis\": true}\n" in text
        assert "[m/a]: A #m\n  +> [m/b]\n  -> [t]\n" in text

    def test_undercut_support_is_an_argument_with_a_pcs(self):
        corpus = Corpus(maps=(Map(id="m", authors=(Author(name="M"),), claims=(
            Claim(id="a", text="A", supports=("b",)), Claim(id="b", text="B"),
            Claim(id="u", text="U", undercuts=(Undercut(from_="a", to="b"),)))),))
        text = to_argdown(corpus)

        assert "<m/a supports m/b>\n\n(1) [m/a]\n----\n(2) [m/b]\n" in text
        assert "[m/u]: U #m\n  _> <m/a supports m/b>\n" in text
        assert "+> [m/b]" not in text

    def test_counts_of_the_shipped_corpus(self, corpus):
        document = parse_argdown(to_argdown(corpus), "corpus.argdown")
        statements, arguments, relations = expected_counts(corpus)

        assert (statements, arguments, relations) == \
            (len(document.statements), len(document.arguments), len(document.relations))


@pytest.mark.slow
@needs_argdown
class TestArgdownCliReadsOurExport:
    @staticmethod
    def check(corpus: Corpus, folder: Path) -> None:
        path = folder / "export.argdown"
        path.write_text(to_argdown(corpus), encoding="utf-8")
        data, report = run_cli(path, folder)
        statements, arguments, relations = expected_counts(corpus)

        assert "error" not in report.lower() and "warn" not in report.lower(), report
        assert statements == len(data["statements"])
        assert arguments == len(data["arguments"])
        assert relations == len(data["relations"])
        for m, c in corpus.claims():
            member = next(x for x in data["statements"][ref(m.id, c.id)]["members"] if x.get("text"))
            assert flatten(c.text) + f" #{m.id}" == member["text"].rstrip()
            assert [m.id] == data["statements"][ref(m.id, c.id)]["tags"]

    def test_shipped_corpus(self, corpus, tmp_path):
        self.check(corpus, tmp_path)

    def test_one_voice(self, corpus, tmp_path):
        from argmap.interop import export_text

        path = tmp_path / "lind.argdown"
        path.write_text(export_text(corpus, "argdown", map_id="lind"), encoding="utf-8")
        data, report = run_cli(path, tmp_path)

        assert "error" not in report.lower(), report
        assert {f"lind/{c.id}" for c in corpus.map("lind").claims} <= set(data["statements"])

    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
    @given(generated=full_corpora())
    def test_random_hostile_corpora(self, generated, tmp_path_factory):
        self.check(generated, tmp_path_factory.mktemp("argdown"))


PIECES = ["[A]", "[A]:", "[B]: b", "<X>", "<X>:", "<Y>: y", "(1)", "(2)", "--", "----", "\n", "\n\n",
          "  ", "    ", "+ ", "- ", "+> ", "-> ", "<_ ", "_> ", ">< ", "_ ", "#t", "#(long t)",
          "{uses: [1]}", '{"thesis": true}', '{"mixed": ["A"]}', "{bad", "}", "//c", "/*", "*/",
          "<!--", "-->", "===", "# H", "* ", "1. ", "\\", "text", "é", "日本",
          # argmap's own data, as hand edits may leave it
          '{"text": "x\\ny"}', '{"text": 1}', '{"supports": ["B", "A", 2, "A"]}', '{"supports": "A"}',
          '{"voice": "v", "stances": ["A", 1, "nowhere"]}', '{"voice": "v", "stances": {}}']


class TestFromArgdownOnAnyInput:
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
    def test_never_raises_and_always_checks(self, text):
        corpus = from_argdown(text, "f.argdown").corpus

        assert [] == [p.format() for p in check_corpus(corpus) if p.severity is Severity.ERROR]
