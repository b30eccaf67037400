"""argmap.render.tables: each format keeps its structure and keeps what authors typed as text."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.compare import (
    Camp,
    Table,
    clusters,
    diff_corpora,
    diff_voices,
    pair_matrix,
    stance_table,
)
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
)
from argmap.render.tables import (
    LISTED_VOICES,
    all_tables,
    camp_name,
    closest_pairs,
    latex_escape,
    most_opposed_pairs,
    table_files,
    to_csv,
    to_html,
    to_json,
    to_latex,
    to_md,
    to_term,
    voice_codes,
)

from strategies import corpora, corpus_edits, hostile_text, slugs

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def columns(line: str) -> int:
    """Terminal columns, as wcwidth counts them: wide East Asian and emoji 2, combining marks 0."""
    total = 0
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def one_line(text: str) -> str:
    """What a one-line format shows of `text`: control and format characters gone, spaces collapsed."""
    kept = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    return " ".join(kept.split())


def assert_fits(output: str, width: int) -> None:
    lines = output.split("\n")
    assert "" == lines[-1]
    assert output.splitlines() == lines[:-1], "a line separator other than \\n got through"
    for line in lines:
        assert columns(line) <= width, (width, line)
        assert not any(unicodedata.category(ch) in ("Cc", "Cf") for ch in line), repr(line)


# --- term -----------------------------------------------------------------------------------------

class TestTerm:
    @SLOW
    @given(corpora(), st.sampled_from([60, 80, 120]))
    def test_table_fits(self, corpus, width) -> None:
        assert_fits(to_term(stance_table(corpus), width=width), width)

    @SLOW
    @given(corpora(min_maps=2), st.sampled_from([60, 80, 120]))
    def test_matrix_and_diff_fit(self, corpus, width) -> None:
        matrix = pair_matrix(corpus)
        assert_fits(to_term(matrix, width=width, camps=clusters(matrix)), width)
        a, b = corpus.maps[0].id, corpus.maps[1].id
        assert_fits(to_term(diff_voices(corpus, a, b), width=width), width)

    @SLOW
    @given(corpus_edits(text=hostile_text), st.sampled_from([60, 80, 120]))
    def test_corpus_diff_fits(self, versions, width) -> None:
        assert_fits(to_term(diff_corpora(*versions), width=width), width)

    @given(corpora(max_maps=3), st.integers(1, 40))
    @settings(max_examples=30, deadline=None)
    def test_even_absurd_widths_never_overflow(self, corpus, width) -> None:
        assert_fits(to_term(stance_table(corpus), width=width), width)

    @pytest.mark.parametrize("width", [60, 80, 120])
    def test_shipped_corpus_fits(self, corpus, width) -> None:
        table = stance_table(corpus)
        output = to_term(table, width=width)
        assert_fits(output, width)
        assert all(m.id in output for m in corpus.maps)
        matrix = pair_matrix(corpus)
        assert_fits(to_term(matrix, width=width, camps=clusters(matrix)), width)

    def test_shipped_table_is_one_line_a_thesis_when_wide(self, corpus) -> None:
        output = to_term(stance_table(corpus), width=200)
        grid = output.split("\n\n")[0].splitlines()
        rows = [line for line in grid if line.split(" ")[0] in {t.id for t in corpus.theses}]
        assert len(corpus.theses) == len(rows)

    @SLOW
    @given(corpora())
    def test_colour_is_only_added(self, corpus) -> None:
        table = stance_table(corpus)
        coloured = to_term(table, width=80, color=True)
        assert ANSI.sub("", coloured) == to_term(table, width=80)

    def test_symbols_and_legend(self) -> None:
        corpus = Corpus(theses=(Thesis(id="t", text="T"),), maps=(
            Map(id="a", authors=(Author(name="Ann"),), claims=(Claim(id="c", text="x"),),
                stances=(Stance(thesis="t", position=Position.MIXED, because=("c",)),)),
            Map(id="b", authors=(Author(name="Bo"),))))
        output = to_term(stance_table(corpus), width=80)
        assert "✓ agree, ✗ disagree, ± mixed, · silent" in output
        assert "  a b\nt ± ·  ✓0 ✗0 ±1 ·1 lone\n" in output
        ascii_only = to_term(stance_table(corpus), width=80, ascii=True)
        assert "  a b\nt ~ .  +0 x0 ~1 .1 lone\n" in ascii_only
        assert all(ord(ch) < 128 for ch in ascii_only)


class TestTermTable:
    def test_a_corpus_without_theses_or_voices_still_makes_a_table(self) -> None:
        assert to_term(stance_table(Corpus()), width=80).startswith("Stances: 0 theses × 0 voices\n\n\n✓ agree")
        no_voices = to_term(stance_table(Corpus(theses=(Thesis(id="t", text="T"),))), width=80)
        assert no_voices.startswith("Stances: 1 thesis × 0 voices\n\nt  ✓0 ✗0 ±0 ·0 unaddressed\n\n")
        no_theses = to_term(stance_table(Corpus(maps=(Map(id="a"),))), width=80)
        assert no_theses.startswith("Stances: 0 theses × 1 voice\n a\n\n") and no_theses.endswith("Voices\n  a a\n")
        assert to_term(stance_table(Corpus(maps=(Map(id="a"),))), width=4).startswith("Sta…\n a\n")   # fits exactly

    @staticmethod
    def _table() -> Table:
        P = Position

        def voice(id: str, name: str, stances: list, source: str | None = None) -> Map:
            return Map(id=id, authors=(Author(name=name),), source=source,
                       claims=(Claim(id="c", text="x"), Claim(id="d", text="y")),
                       stances=tuple(Stance(thesis=t, position=p, because=b) for t, p, b in stances))
        return stance_table(Corpus(
            theses=(Thesis(id="t1", text="One"), Thesis(id="t2", text="Two"), Thesis(id="t3", text="Three")),
            maps=(voice("lind", "Jennifer Lind", [("t1", P.AGREE, ("c", "d")), ("t2", P.MIXED, ("c", "yeo/d"))], "r"),
                  voice("yeo", "yeo", [("t1", P.DISAGREE, ("d",))])),
            sources=(Source(id="r", date="2024"),)))

    def test_the_whole_table_reads_as_grid_legend_voices_and_reasons(self) -> None:
        assert to_term(self._table(), width=80) == (
            "Stances: 3 theses × 2 voices\n"
            "   li ye\n"
            "t1 ✓  ✗   ✓1 ✗1 ±0 ·0 contested\n"
            "t2 ±  ·   ✓0 ✗0 ±1 ·1 lone\n"
            "t3 ·  ·   ✓0 ✗0 ±0 ·2 unaddressed\n"
            "\n"
            "✓ agree, ✗ disagree, ± mixed, · silent\n"
            "contested: at least one voice agrees and at least one disagrees\n"
            "consensus: two or more voices speak and all take the same position\n"
            "qualified: two or more speak, differing only because some are mixed\n"
            "lone: only one voice speaks\n"
            "unaddressed: no voice speaks\n"
            "\n"
            "Voices\n"
            "  li Jennifer Lind (lind), 2024  ye yeo\n"
            "\n"
            "Because (the claims each voice gives)\n"
            "t1\n"
            "  lind ✓ c, d\n"
            "  yeo ✗ d\n"
            "t2\n"
            "  lind ± c, yeo/d\n")

    def test_narrower_each_thesis_heads_its_cells_and_the_summary_follows_them_while_it_fits(self) -> None:
        table = self._table()
        assert ["  li ye", "t1", "  ✓  ✗   ✓1 ✗1 ±0 ·0 contested", "t2", "  ±  ·   ✓0 ✗0 ±1 ·1 lone", "t3",
                "  ·  ·   ✓0 ✗0 ±0 ·2 unaddressed"] == to_term(table, width=32).split("\n\n")[0].splitlines()[1:]
        assert ["t3", "  ·  ·", "  ✓0 ✗0 ±0 ·2 unaddressed"] == \
            to_term(table, width=31).split("\n\n")[0].splitlines()[-3:]
        assert "  \x1b[2m·  \x1b[0m\x1b[2m·  \x1b[0m ✓0 ✗0 ±0 \x1b[2m·2 \x1b[0munaddressed" in \
            to_term(table, width=32, color=True).splitlines()
        assert "  ✓0 ✗0 ±0 \x1b[2m·2 \x1b[0munaddressed" in to_term(table, width=31, color=True).splitlines()
        narrow = to_term(table, width=20)
        assert "\ncontested: at least\n  one voice agrees\n  and at least one\n  disagrees\n" in narrow
        assert "\nVoices\n  li Jennifer Lind …\n  ye yeo\n" in narrow
        coloured = to_term(table, width=80, color=True)
        assert "\x1b[1mVoices\x1b[0m\n" in coloured and "\x1b[1mBecause (the claims each voice gives)\x1b[0m\nt1\n" in coloured

    def test_voices_share_a_line_while_they_fit_and_reasons_wrap_under_themselves(self) -> None:
        table = self._table()
        assert ["  li Jennifer Lind (lind), 2024  ye yeo"] == \
            to_term(table, width=64).split("Voices\n")[1].split("\n\n")[0].splitlines()
        assert ["  li Jennifer Lind (lind), 2024", "  ye yeo"] == \
            to_term(table, width=63).split("Voices\n")[1].split("\n\n")[0].splitlines()
        assert to_term(table, width=14).endswith("\nt2\n  lind ± c,\n      yeo/d\n")

    def test_a_thesis_no_one_speaks_on_leaves_the_reasons_of_the_next(self) -> None:
        voices = _voices(lind={"t1": Position.AGREE})
        corpus = Corpus(theses=(Thesis(id="t0", text="Zero"), *voices.theses), maps=voices.maps)
        assert to_term(stance_table(corpus), width=80).endswith("\n\nBecause (the claims each voice gives)\nt1\n  lind ✓ c\n")
        assert to_md(stance_table(Corpus(theses=(Thesis(id="t", text="T"),)))).startswith("## Stances: 1 thesis × 0 voices\n")

    def test_a_row_that_fits_exactly_stays_on_one_line(self) -> None:
        table = stance_table(_voices(lind={"t1": Position.AGREE}, yeo={"t1": Position.DISAGREE},
                                     zhou={"t1": Position.MIXED}))
        row = "t1 ✓  ✗  ±   ✓1 ✗1 ±1 ·0 contested"
        assert row in to_term(table, width=len(row)).splitlines()
        assert row not in to_term(table, width=len(row) - 1).splitlines()
        assert "t1" in to_term(table, width=len(row) - 1).splitlines()   # the thesis alone, its cells below

    def test_latex_without_voices_has_only_the_thesis_and_summary_columns(self) -> None:
        latex = to_latex(stance_table(Corpus(theses=(Thesis(id="t", text="T"),))))
        assert "\\noindent\\begin{tabular}{@{}l@{\\quad}rrrrl@{}}\n" in latex
        one_voice = to_latex(stance_table(_voices(a={"t": Position.AGREE})))
        assert "\\noindent\\begin{tabular}{@{}l*{1}{c}@{\\quad}rrrrl@{}}\n" in one_voice

    def test_a_narrow_terminal_puts_as_many_voices_on_a_line_as_fit(self) -> None:
        A, D, M = Position.AGREE, Position.DISAGREE, Position.MIXED
        table = stance_table(_voices(ava={"t1": A}, bo={"t1": D}, cy={"t1": M}, di={"t1": A}, ed={}))
        # codes of two letters, three columns each, after an indent of two
        assert ["  av bo cy", "  di ed", "t1", "  ✓  ✗  ±", "  ✓  ·"] == \
            to_term(table, width=11).split("\n\n")[0].splitlines()[1:6]
        assert ["  av", "  bo", "  cy", "  di", "  ed", "t1", "  ✓"] == \
            to_term(table, width=5).split("\n\n")[0].splitlines()[1:8]
        coloured = to_term(table, width=11, color=True).splitlines()
        assert ["  \x1b[1mav \x1b[0m\x1b[1mbo \x1b[0m\x1b[1mcy\x1b[0m", "  \x1b[1mdi \x1b[0m\x1b[1med\x1b[0m",
                "\x1b[1mt1\x1b[0m", "  \x1b[32m✓  \x1b[0m\x1b[31m✗  \x1b[0m\x1b[33m±\x1b[0m",
                "  \x1b[32m✓  \x1b[0m\x1b[2m·\x1b[0m"] == coloured[1:6]
        assert "   \x1b[1mav \x1b[0m\x1b[1mbo \x1b[0m" in to_term(table, width=80, color=True).splitlines()[1]

    def test_every_line_is_cut_to_the_width_with_an_uncoloured_ellipsis(self) -> None:
        table = self._table()
        assert {""} == set(to_term(table, width=0).split("\n"))
        one = to_term(table, width=1).split("\n")
        assert "…" in one and all(columns(line) <= 1 for line in one)
        assert "\nVo…\n  …\n  …\n" in to_term(table, width=3)   # the voices, each cut to nothing but …
        assert "\x1b[1mStances: 3 theses ×\x1b[0m…" == to_term(table, width=20, color=True).splitlines()[0]

    def test_control_characters_in_a_name_are_shown_escaped_not_sent(self) -> None:
        voice = Map(id="lind", authors=(Author(name="Lind\x1b[2J"),))
        output = to_term(stance_table(Corpus(theses=(Thesis(id="t", text="T"),), maps=(voice,))), width=80)
        assert "  li Lind\\x1b[2J (lind)\n" in output and "\x1b" not in output

    def test_the_reasons_are_listed_unless_asked_not_to_and_ascii_has_no_times_sign(self) -> None:
        table = stance_table(_voices(lind={"t1": Position.AGREE}, yeo={"t1": Position.DISAGREE}))
        assert "Because (the claims each voice gives)\nt1\n  lind ✓ c\n  yeo ✗ c\n" in to_term(table, width=80)
        assert "Because" not in to_term(table, width=80, because=False)
        assert to_term(table, width=80, ascii=True).startswith("Stances: 1 thesis x 2 voices\n")

    def test_colour_marks_each_position_each_count_above_zero_and_the_verdict(self) -> None:
        table = stance_table(_voices(lind={"t1": Position.AGREE, "t2": Position.MIXED}, yeo={"t1": Position.DISAGREE}))
        rows = to_term(table, width=80, color=True).splitlines()[2:4]
        assert ["t1 \x1b[32m✓  \x1b[0m\x1b[31m✗  \x1b[0m \x1b[32m✓1 \x1b[0m\x1b[31m✗1 \x1b[0m±0 ·0 "
                "\x1b[1;31mcontested\x1b[0m",
                "t2 \x1b[33m±  \x1b[0m\x1b[2m·  \x1b[0m ✓0 ✗0 \x1b[33m±1 \x1b[0m\x1b[2m·1 \x1b[0mlone"] == rows


class TestStanceTableAsDocument:
    """The stance table in Markdown, HTML and JSON, whole, for TestTermTable's corpus."""

    def test_markdown(self) -> None:
        table = TestTermTable._table()
        assert to_md(table) == (
            "## Stances: 3 theses × 2 voices\n"
            "\n"
            "| Thesis | Jennifer Lind (`lind`), 2024 | yeo (`yeo`) | Summary |\n"
            "| :-- | :-: | :-: | :-- |\n"
            "| **t1**<br>One | ✓ agree<br>`lind/c`, `lind/d` | ✗ disagree<br>`yeo/d` | ✓ 1 ✗ 1 ± 0 · 0: **contested** |\n"
            "| **t2**<br>Two | ± mixed<br>`lind/c`, `yeo/d` | · | ✓ 0 ✗ 0 ± 1 · 1: **lone** |\n"
            "| **t3**<br>Three | · | · | ✓ 0 ✗ 0 ± 0 · 2: **unaddressed** |\n"
            "\n"
            "Legend: ✓ agree, ✗ disagree, ± mixed, · silent.\n"
            "\n"
            "- **contested**: at least one voice agrees and at least one disagrees\n"
            "- **consensus**: two or more voices speak and all take the same position\n"
            "- **qualified**: two or more speak, differing only because some are mixed\n"
            "- **lone**: only one voice speaks\n"
            "- **unaddressed**: no voice speaks\n")
        assert ("| **t1**<br>One | + agree<br>`lind/c`, `lind/d` | x disagree<br>`yeo/d` | + 1 x 1 ~ 0 . 0: **contested** |\n"
                "| **t2**<br>Two | ~ mixed<br>`lind/c`, `yeo/d` | . | + 0 x 0 ~ 1 . 1: **lone** |\n") in to_md(table, ascii=True)
        assert "Legend: + agree, x disagree, ~ mixed, . silent.\n" in to_md(table, ascii=True)

    def test_html(self) -> None:
        table = TestTermTable._table()
        silent = '<td class="silent"><span class="symbol" aria-hidden="true">·</span><span class="sr-only"> silent</span></td>'
        fragment = to_html(table, standalone=False)
        assert fragment == (
            '<div class="argmap-wrap" role="region" aria-labelledby="argmap-stances-caption" tabindex="0">\n'
            '<table class="argmap-stances">\n'
            '<caption id="argmap-stances-caption">Stances: 3 theses × 2 voices</caption>\n'
            '<thead><tr><th scope="col">Thesis</th><th scope="col">Jennifer Lind<br><small><time>2024</time> · lind'
            '</small></th><th scope="col">yeo<br><small>yeo</small></th><th scope="col">Summary</th></tr></thead>\n'
            "<tbody>\n"
            '<tr><th scope="row" id="thesis-t1"><code>t1</code><br>One</th><td class="agree"><span class="symbol" '
            'aria-hidden="true">✓</span> agree<ul class="because"><li title="lind/c">x</li><li title="lind/d">y</li>'
            '</ul></td><td class="disagree"><span class="symbol" aria-hidden="true">✗</span> disagree<ul '
            'class="because"><li title="yeo/d">y</li></ul></td><td class="summary">✓ 1 ✗ 1 ± 0 · 0<br><strong '
            'class="contested">contested</strong></td></tr>\n'
            '<tr><th scope="row" id="thesis-t2"><code>t2</code><br>Two</th><td class="mixed"><span class="symbol" '
            'aria-hidden="true">±</span> mixed<ul class="because"><li title="lind/c">x</li><li title="yeo/d">y</li>'
            f'</ul></td>{silent}<td class="summary">✓ 0 ✗ 0 ± 1 · 1<br><strong class="lone">lone</strong></td></tr>\n'
            f'<tr><th scope="row" id="thesis-t3"><code>t3</code><br>Three</th>{silent}{silent}<td class="summary">'
            '✓ 0 ✗ 0 ± 0 · 2<br><strong class="unaddressed">unaddressed</strong></td></tr>\n'
            "</tbody>\n"
            "</table>\n"
            "</div>\n"
            '<p class="legend">✓ agree, ✗ disagree, ± mixed, · silent.</p>\n'
            '<dl class="verdicts"><dt>contested</dt><dd>at least one voice agrees and at least one disagrees</dd>'
            "<dt>consensus</dt><dd>two or more voices speak and all take the same position</dd><dt>qualified</dt>"
            "<dd>two or more speak, differing only because some are mixed</dd><dt>lone</dt><dd>only one voice "
            "speaks</dd><dt>unaddressed</dt><dd>no voice speaks</dd></dl>\n")
        page = to_html(table)
        assert page.startswith("<!DOCTYPE html>") and "<title>argmap: stances</title>" in page
        assert f"<main>\n<h1>Where each voice stands</h1>\n{fragment}</main>\n</body>" in page
        assert "<nav" not in page and "<nav" in to_html(table, site=True)
        assert_nested(page)
        styled = to_html(table, standalone=False, style=True)
        assert styled.startswith("<style>\n") and styled.endswith("</style>\n" + fragment)

    def test_csv(self) -> None:
        rows = list(csv.reader(io.StringIO(to_csv(TestTermTable._table()), newline="")))
        assert [["thesis", "text", "lind", "lind because", "yeo", "yeo because", "agree", "disagree", "mixed",
                 "silent", "verdict"],
                ["t1", "One", "agree", "lind/c lind/d", "disagree", "yeo/d", "1", "1", "0", "0", "contested"],
                ["t2", "Two", "mixed", "lind/c yeo/d", "", "", "0", "0", "1", "1", "lone"],
                ["t3", "Three", "", "", "", "", "0", "0", "0", "2", "unaddressed"]] == rows

    def test_a_page_fits_a_phone_and_a_format_a_result_has_not_is_named(self) -> None:
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>' in \
            to_html(TestTermTable._table())
        matrix = pair_matrix(TestMatrixCamps.corpus)
        with pytest.raises(TypeError, match=r"^no html form for Matrix$"):
            to_html(matrix)
        for render, fmt in ((to_json, "json"), (to_term, "term"), (to_md, "md")):
            with pytest.raises(TypeError, match=rf"^no {fmt} form for Corpus$"):
                render(TestMatrixCamps.corpus)
        for render, fmt in ((to_csv, "csv"), (to_latex, "latex")):
            with pytest.raises(TypeError, match=rf"^no {fmt} form for VoiceDiff$"):
                render(diff_voices(TestMatrixCamps.corpus, "dove", "loner"))

    def test_a_page_carries_its_style_and_on_the_site_its_navigation(self) -> None:
        table = TestTermTable._table()
        page = to_html(table)
        assert "<style>\nbody { font: 15px/1.45" in page and "a { color: #0b4f9c; }\n.argmap-wrap {" in page
        assert "</head>\n<body>\n<main>\n<h1>" in page
        assert ('<body>\n<nav aria-label="Site"><ul><li><a href="../index.html">Agreement table</a></li><li><a '
                'href="../index.html#voices">Voices</a></li><li><a href="../index.html#theses">Theses</a></li><li><a '
                'href="../compare.html">Compare two voices</a></li></ul></nav>\n<main>\n') in to_html(table, site=True)

    def test_html_names_one_thesis_and_shows_a_reason_that_does_not_resolve_by_its_reference(self) -> None:
        lind = Map(id="lind", stances=(Stance(thesis="t", position=Position.AGREE, because=("gone",)),))
        fragment = to_html(stance_table(Corpus(theses=(Thesis(id="t", text="T"),), maps=(lind,))), standalone=False)
        assert "Stances: 1 thesis × 1 voice</caption>" in fragment
        assert '<ul class="because"><li title="lind/gone">lind/gone</li></ul>' in fragment

    def test_json_names_and_dates_each_voice(self) -> None:
        data = json.loads(to_json(TestTermTable._table()))
        assert [{"id": "lind", "name": "Jennifer Lind", "date": "2024"}, {"id": "yeo", "name": "yeo", "date": None}] \
            == data["voices"]


class TestVoiceCodes:
    @given(st.lists(slugs, unique=True, max_size=40))
    def test_unique(self, ids) -> None:
        codes = voice_codes(ids)
        assert sorted(ids) == sorted(codes)
        assert len(set(codes.values())) == len(ids)
        assert all(codes.values())

    def test_when_every_prefix_is_taken_the_first_letter_is_numbered(self) -> None:
        assert {"b-c": "bc", "bc": "b1"} == voice_codes(["bc", "b-c"])
        assert {"b-c": "bc", "b1": "b1", "bc": "b2"} == voice_codes(["bc", "b-c", "b1"])

    def test_shipped_voices(self) -> None:
        assert {"lind": "li", "yeo": "ye", "jo": "jo", "jae-jeok-park": "jp", "junghwan-lee": "jl"} == \
               voice_codes(["lind", "yeo", "jo", "jae-jeok-park", "junghwan-lee"])


# --- Markdown -------------------------------------------------------------------------------------

def markdown():
    """markdown-it-py, a CommonMark parser with GitHub's tables, or skip."""
    module = pytest.importorskip("markdown_it", reason="markdown-it-py checks the Markdown tables")
    return module.MarkdownIt


def md_tables(text: str) -> list[list[list[list]]]:
    """Every table as rows of cells, each cell its inline tokens' children."""
    tokens = markdown()("commonmark").enable("table").parse(text)
    tables, row, cell_open = [], None, False
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
            tables[-1].append(row)
        elif token.type in ("th_open", "td_open"):
            cell_open = True
        elif token.type == "inline" and cell_open:
            row.append(token.children or [])
        elif token.type in ("th_close", "td_close"):
            if cell_open and (not row or row[-1] is None):
                row.append([])
            cell_open = False
    return tables


def plain(children: list) -> str:
    return "".join(c.content for c in children if c.type in ("text", "text_special"))


class TestMarkdown:
    @SLOW
    @given(corpora())
    def test_table_rows_columns_and_text(self, corpus) -> None:
        table = stance_table(corpus)
        (parsed,) = md_tables(to_md(table))
        assert len(table.rows) + 1 == len(parsed)
        assert all(len(table.voices) + 2 == len(row) for row in parsed)
        for row, cells in zip(table.rows, parsed[1:], strict=True):
            first = cells[0]
            br = next(i for i, c in enumerate(first) if c.type == "html_inline")
            assert {"text", "text_special"} >= {c.type for c in first[br + 1:]}
            assert one_line(row.thesis.text) == plain(first[br + 1:])
        for voice, header in zip(table.voices, parsed[0][1:], strict=False):
            code = next(i for i, c in enumerate(header) if c.type == "code_inline")
            assert voice.id == header[code].content
            assert one_line(voice.name) == plain(header[:code]).removesuffix(" (")

    @SLOW
    @given(corpora(min_maps=2))
    def test_matrix_tables(self, corpus) -> None:
        matrix = pair_matrix(corpus)
        parsed = md_tables(to_md(matrix, camps=clusters(matrix)))
        closest = any(p.both for p in matrix.pairs)
        opposed = any(p.disagree + p.partial for p in matrix.pairs)
        assert closest + opposed + 2 == len(parsed)  # closest, most opposed, all pairs, the grid
        assert len(matrix.pairs) + 1 == len(parsed[-2])
        assert len(corpus.maps) + 1 == len(parsed[-1])
        assert all(9 == len(row) for row in parsed[-2])

    @SLOW
    @given(corpora(min_maps=2))
    def test_diff_keeps_claims_as_text(self, corpus) -> None:
        a, b = corpus.maps[0].id, corpus.maps[1].id
        tokens = markdown()("commonmark").parse(to_md(diff_voices(corpus, a, b)))
        kinds = {c.type for t in tokens if t.type == "inline" for c in t.children}
        assert kinds <= {"text", "text_special", "code_inline", "strong_open", "strong_close", "em_open",
                         "em_close", "softbreak"}


def test_md_escapes_what_would_break_a_table() -> None:
    corpus = Corpus(theses=(Thesis(id="t", text="a | b \\| c\nd <b>e</b> *f* `g` [h](i) &amp;"),),
                    maps=(Map(id="m", authors=(Author(name="N|M"),)),))
    row = to_md(stance_table(corpus)).splitlines()[4]
    assert "| **t**<br>a \\| b \\\\\\| c d \\<b\\>e\\</b\\> \\*f\\* \\`g\\` \\[h\\](i) \\&amp; | · |" in row


# --- CSV ------------------------------------------------------------------------------------------

FORMULA = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def defended(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA) else text


class TestCsv:
    @SLOW
    @given(corpora())
    def test_reads_back_the_same_values(self, corpus) -> None:
        table = stance_table(corpus)
        rows = list(csv.reader(io.StringIO(to_csv(table), newline="")))
        header = ["thesis", "text"] + [x for v in table.voices for x in (v.id, f"{v.id} because")] + \
                 ["agree", "disagree", "mixed", "silent", "verdict"]
        assert header == rows[0]
        assert len(table.rows) + 1 == len(rows)
        for row, values in zip(table.rows, rows[1:], strict=True):
            expected = [row.thesis.id, defended(row.thesis.text)]
            for cell in row.cells:
                expected += [cell.position.value if cell.position else "", " ".join(cell.because)]
            s = row.summary
            expected += [str(s.agree), str(s.disagree), str(s.mixed), str(s.silent), s.verdict.value]
            assert expected == values

    @given(st.sampled_from(["=", "+", "-", "@", "\t", "\r"]), hostile_text)
    def test_formulas_are_defused(self, start, text) -> None:
        corpus = Corpus(theses=(Thesis(id="t", text=start + text),), maps=())
        (_, row) = list(csv.reader(io.StringIO(to_csv(stance_table(corpus)), newline="")))
        assert "'" + start + text == row[1]

    def test_matrix(self) -> None:
        corpus = Corpus(theses=(Thesis(id="t", text="T"),), maps=(Map(id="a"), Map(id="b")))
        rows = list(csv.reader(io.StringIO(to_csv(pair_matrix(corpus)), newline="")))
        assert [["a", "b", "agree", "disagree", "partial", "both", "hamming", "bna", "edit"],
                ["a", "b", "0", "0", "0", "0", "", "", "0.0"]] == rows


# --- HTML -----------------------------------------------------------------------------------------

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "table", "caption", "thead", "tbody",
                "tr", "th", "td", "br", "small", "code", "span", "ul", "li", "strong", "p", "dl", "dt", "dd",
                "div", "main", "h1", "nav", "a"}


class Cells(HTMLParser):
    """The tags seen, and the text of every table cell, row by row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.rows: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self.cell = []
            self.rows[-1].append(self.cell)
        elif tag == "br" and self.cell is not None:
            self.cell.append("<br>")

    def handle_endtag(self, tag) -> None:
        if tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data) -> None:
        if self.cell is not None:
            self.cell.append(data)


class TestHtml:
    @SLOW
    @given(corpora())
    def test_text_stays_text(self, corpus) -> None:
        table = stance_table(corpus)
        parser = Cells()
        parser.feed(to_html(table))
        parser.close()
        assert {t for t, _ in parser.tags} <= ALLOWED_TAGS
        assert len(table.rows) + 1 == len(parser.rows)
        assert all(len(table.voices) + 2 == len(r) for r in parser.rows)
        for row, cells in zip(table.rows, parser.rows[1:], strict=True):
            parts = cells[0]
            text = "".join(parts[parts.index("<br>") + 1:])
            assert "".join(ch for ch in row.thesis.text
                           if ch in "\t\n\r" or unicodedata.category(ch) not in ("Cc", "Cs")) == text
        for voice, header in zip(table.voices, parser.rows[0][1:], strict=False):
            assert voice.name.replace("\x00", "") in "".join(header) or not voice.name.strip()

    def test_headers_are_scoped(self, corpus) -> None:
        parser = Cells()
        parser.feed(to_html(stance_table(corpus)))
        th = [a for t, a in parser.tags if t == "th"]
        assert 1 + len(corpus.maps) + 1 + len(corpus.theses) == len(th)
        assert ["col"] * (len(corpus.maps) + 2) + ["row"] * len(corpus.theses) == [a.get("scope") for a in th]

    def test_fragment(self, corpus) -> None:
        fragment = to_html(stance_table(corpus), standalone=False)
        assert fragment.startswith('<div class="argmap-wrap"')
        assert "<html" not in fragment

    def test_reasons_and_theses_read_as_text_not_ids(self, corpus) -> None:
        """(tables/stances.html showed `map/claim` ids; now the claims' texts, ids as titles.)"""
        page = to_html(stance_table(corpus), site=True)
        voice, stance = next((m, s) for m in corpus.maps for s in m.stances)
        claim = voice.claim(stance.because[0].split("/")[-1])
        assert f'title="{voice.id}/{claim.id}">{html.escape(claim.text)}</li>' in page
        thesis = corpus.thesis(stance.thesis)
        assert f"<br>{html.escape(thesis.text)}</th>" in page
        assert '<a href="../index.html">Agreement table</a>' in page
        assert "<nav" not in to_html(stance_table(corpus))


# --- LaTeX ----------------------------------------------------------------------------------------

def braces_balanced(tex: str) -> bool:
    depth, i = 0, 0
    while i < len(tex):
        if tex[i] == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(tex[i], 0)
        if depth < 0:
            return False
        i += 1
    return depth == 0


def unescaped_specials(tex: str) -> list[str]:
    found, i = [], 0
    while i < len(tex):
        if tex[i] == "\\":
            i += 2
            continue
        if tex[i] in "$&#^_%~":
            found.append(tex[i])
        i += 1
    return found


class TestLatex:
    @given(hostile_text)
    def test_escape(self, text) -> None:
        escaped = latex_escape(text)
        assert braces_balanced(escaped)
        assert [] == unescaped_specials(escaped)
        assert "\n" not in escaped and "--" not in escaped

    @given(hostile_text)
    def test_escape_reads_back(self, text) -> None:
        latex2text = pytest.importorskip("pylatexenc.latex2text", reason="pylatexenc reads LaTeX back")
        db = latex2text.get_default_latex_context_db().filter_context(keep_categories=["latex-base",
                                                                                        "nonascii-specials"])
        db.add_context_category("argmap", prepend=True, macros=[
            latex2text.MacroTextSpec(name, simplify_repl=char) for name, char in (
                ("textbackslash", "\\"), ("textasciicircum", "^"), ("textasciitilde", "~"),
                ("textless", "<"), ("textgreater", ">"), ("textbar", "|"))])
        reader = latex2text.LatexNodes2Text(latex_context=db, math_mode="verbatim", strict_latex_spaces=True)
        expected = one_line(text)
        actual = reader.latex_to_text(latex_escape(text))
        assert expected == actual

    @SLOW
    @given(corpora())
    def test_table_structure(self, corpus) -> None:
        table = stance_table(corpus)
        tex = to_latex(table)
        assert braces_balanced(tex)
        body = tex.split("\\midrule\n")[1].split("\\bottomrule")[0].splitlines()
        assert len(table.rows) == len(body)
        for line in body:
            assert len(table.voices) + 5 == unescaped_specials(line).count("&")
            assert line.endswith(" \\\\")
        assert tex.count("\\begin{tabular}") == tex.count("\\end{tabular}") == 1
        macros = {Position.AGREE: "\\argmapagree", Position.DISAGREE: "\\argmapdisagree",
                  Position.MIXED: "\\argmapmixed", None: "\\argmapsilent"}
        for row, line in zip(table.rows, body, strict=True):   # each row reads back as the table's
            s = row.summary
            assert ([latex_escape(row.thesis.id)] + [macros[c.position] for c in row.cells]
                    + [str(s.agree), str(s.disagree), str(s.mixed), str(s.silent), s.verdict.value]
                    == line.removesuffix(" \\\\").split(" & "))


def _latex_ready() -> str | None:
    if not shutil.which("pdflatex") or not shutil.which("kpsewhich"):
        return "pdflatex is not installed"
    for style in ("booktabs.sty", "lmodern.sty"):
        if not subprocess.run(["kpsewhich", style], capture_output=True, text=True, check=False).stdout.strip():
            return f"{style} is not installed"
    return None


@pytest.mark.skipif(_latex_ready() is not None, reason=_latex_ready() or "")
def test_latex_breaks_every_ligature_that_would_change_what_was_typed() -> None:
    assert "a -{}- b -{}-{}- c `{}` d '{}' e ,{}, f !{}` g ?{}`" == latex_escape("a -- b --- c `` d '' e ,, f !` g ?`")
    assert "a - b ` c ! d" == latex_escape("a - b ` c ! d")


class TestLatexCompiles:
    DOCUMENT = ("\\documentclass[a4paper]{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n"
                "\\usepackage{booktabs}\n\\usepackage[margin=2cm]{geometry}\n\\begin{document}\n"
                "\\input{table.tex}\n\\end{document}\n")

    def compile(self, tmp_path, tex: str) -> str:
        (tmp_path / "table.tex").write_text(tex, encoding="utf-8")
        (tmp_path / "doc.tex").write_text(self.DOCUMENT, encoding="utf-8")
        run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                              "doc.tex"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                             check=False)
        assert 0 == run.returncode, run.stdout[-3000:]
        return run.stdout

    def test_shipped_corpus(self, corpus, tmp_path) -> None:
        self.compile(tmp_path, to_latex(stance_table(corpus)))
        assert (tmp_path / "doc.pdf").stat().st_size > 1000

    def test_hostile_ascii(self, tmp_path) -> None:
        nasty = "100% of $x & #y ^z _w ~v \\input{/etc/hostname} {open <a|b> [c] -- ``q'' ,,r !`s \\\\"
        corpus = Corpus(theses=(Thesis(id="t", text=nasty),), maps=(
            Map(id="m", authors=(Author(name="A_B & C {D}"),), claims=(Claim(id="c", text=nasty),),
                stances=(Stance(thesis="t", position=Position.AGREE, because=("c",)),)),))
        self.compile(tmp_path, to_latex(stance_table(corpus)))
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", "doc.pdf", "-"], cwd=tmp_path, capture_output=True,
                                  text=True, check=True).stdout
            assert "\\input{/etc/hostname}" in text
            assert "A_B & C {D}" in text


# --- JSON -----------------------------------------------------------------------------------------

class TestJson:
    @SLOW
    @given(corpora(min_maps=2))
    def test_round_trips(self, corpus) -> None:
        table = stance_table(corpus)
        data = json.loads(to_json(table))
        assert [{"id": t.id, "text": t.text} for t in table.theses] == \
               [{"id": t["id"], "text": t["text"]} for t in data["theses"]]
        assert [{"id": v.id, "name": v.name, "date": v.date} for v in table.voices] == data["voices"]
        expected = [{"thesis": c.thesis, "voice": c.voice, "position": c.position.value, "because": list(c.because)}
                    for r in table.rows for c in r.cells if not c.silent]
        assert expected == [{k: c[k] for k in ("thesis", "voice", "position", "because")} for c in data["cells"]]

        a, b = corpus.maps[0].id, corpus.maps[1].id
        diff = diff_voices(corpus, a, b)
        items = json.loads(to_json(diff))["items"]
        for item, parsed in zip(diff.items, items, strict=True):
            for side, got in ((item.a, parsed["a"]), (item.b, parsed["b"])):
                if side is None:
                    assert got is None
                else:
                    assert [(c.id, c.text, list(c.quotes)) for c in side.claims] == \
                           [(c["id"], c["text"], c["quotes"]) for c in got["claims"]]

    @SLOW
    @given(corpus_edits(text=hostile_text))
    def test_corpus_diff_round_trips(self, versions) -> None:
        diff = diff_corpora(*versions)
        data = json.loads(to_json(diff))
        assert [(c.what, c.status, c.map, c.id, c.quote) for c in diff.changes] == \
               [(c["what"], c["status"], c["map"], c["id"], c["quote"]) for c in data["changes"]]

    def test_matrix_nulls(self) -> None:
        corpus = Corpus(theses=(Thesis(id="t", text="T"),), maps=(
            Map(id="a", claims=(Claim(id="c", text="x"),),
                stances=(Stance(thesis="t", position=Position.AGREE, because=("c",)),)),
            Map(id="b")))
        (pair,) = json.loads(to_json(pair_matrix(corpus)))["pairs"]
        assert {"a": "a", "b": "b", "agree": 0, "disagree": 0, "partial": 0, "both": 0, "hamming": None,
                "bna": None, "edit": 1.0} == {k: pair[k] for k in ("a", "b", "agree", "disagree", "partial",
                                                                   "both", "hamming", "bna", "edit")}


    @SLOW
    @given(corpora(), st.booleans())
    def test_matrix_is_json_as_json_writes_it(self, corpus, camps) -> None:
        # the pairs are written from a template (speed); the bytes must be json.dumps's own
        matrix = pair_matrix(corpus)
        text = to_json(matrix, camps=clusters(matrix) if camps else None)
        data = json.loads(text)
        assert json.dumps(data, indent=2, ensure_ascii=False) + "\n" == text
        assert [(p.a, p.b, p.agree, p.disagree, p.partial, p.both, p.hamming, p.bna, p.edit, p.only_a,
                 p.only_b) for p in matrix.pairs] == [tuple(p.values()) for p in data["pairs"]]

def test_all_tables_are_stable(corpus) -> None:
    first, second = all_tables(corpus), all_tables(corpus)
    assert first == second
    assert {"stances.md", "stances.csv", "stances.html", "stances.tex", "stances.json", "matrix.md",
            "matrix.csv", "matrix.json"} == set(first)


def test_the_built_tables_have_the_site_links_the_references_and_the_camps() -> None:
    A, D = Position.AGREE, Position.DISAGREE
    voices = _voices(hawk_a={"t1": A, "t2": A}, hawk_b={"t1": A, "t2": A}, dove={"t1": D, "t2": D})
    corpus = Corpus(theses=voices.theses, maps=voices.maps, sources=(
        Source(id="book", reference="Lind, J. (2024). A Book."), Source(id="bare", title="No reference")))
    tables = all_tables(corpus)
    assert '<nav aria-label="Site">' in tables["stances.html"] and "<!DOCTYPE html>" in tables["stances.html"]
    assert "\\textbf{Sources}\\par\n\\noindent\\hangindent=1em\\hangafter=1 Lind, J. (2024). A Book.\\par\n" \
        in tables["stances.tex"]
    assert "No reference" not in tables["stances.tex"]
    assert "1. all agree: t1, t2 (hawk-a, hawk-b (spread 0.00))\n\nOn their own: dove.\n" in tables["matrix.md"]
    data = json.loads(tables["matrix.json"])
    assert (0.5, [["dove"], ["hawk-a", "hawk-b"]]) == (data["threshold"], sorted(c["voices"] for c in data["camps"]))


def test_the_terminal_formats_are_80_columns_wide_unless_told() -> None:
    # in each, a line of exactly 81 columns (a reason's id of 72, the old version's label of 59)
    long_id = "x" * 72
    lind = Map(id="lind", claims=(Claim(id=long_id, text="y " * 36),),
               stances=(Stance(thesis="t1", position=Position.AGREE, because=(long_id,)),))
    corpus = Corpus(theses=(Thesis(id="t1", text="T"),), maps=(lind, Map(id="yeo")))
    for result in (stance_table(corpus), pair_matrix(corpus), diff_voices(corpus, "lind", "yeo"),
                   diff_corpora(corpus, Corpus(theses=corpus.theses), old_label="z" * 59)):
        assert to_term(result) == to_term(result, width=80) != to_term(result, width=81), type(result)


def test_evidence_kind_is_shown_in_the_diff() -> None:
    corpus = Corpus(theses=(Thesis(id="t", text="T"),), maps=tuple(
        Map(id=m, authors=(Author(name=m),), claims=(Claim(id="c", text="claim", evidence=(
            Evidence(quote="words", kind=kind),)),),
            stances=(Stance(thesis="t", position=p, because=("c",)),))
        for m, p, kind in (("a", Position.AGREE, Kind.REPORTED), ("b", Position.DISAGREE, Kind.QUOTE))))
    output = to_term(diff_voices(corpus, "a", "b"), width=80)
    assert "“words” (reported)" in output
    assert "“words”\n" in output


def test_the_terminal_diff_shows_a_voices_control_characters_escaped_in_its_replies_too() -> None:
    """(argmap.terminal's rule: shown escaped, visible and inert) also in the sentences on what
    one voice's claim does to the other's, not dropped there."""
    corpus = Corpus(theses=(Thesis(id="t", text="T"),), maps=tuple(
        Map(id=m, authors=(Author(name=f"N{m}\x1b[31m"),),
            claims=(Claim(id="c", text="claim", attacks=(Relation(target=target),) if target else ()),),
            stances=(Stance(thesis="t", position=p, because=("c",)),))
        for m, p, target in (("a", Position.AGREE, "b/c"), ("b", Position.DISAGREE, None))))
    output = to_term(diff_voices(corpus, "a", "b"), width=200)
    assert "  - Na\\x1b[31m's a/c attacks Nb\\x1b[31m's b/c\n" in output
    assert "\x1b" not in output


class TestMatrixInPlainWords:
    def test_term_and_md_explain_the_measures_and_name_the_camps(self, corpus) -> None:
        from argmap.render.tables import MEASURES, camp_name

        matrix = pair_matrix(corpus)
        camps = clusters(matrix)
        term = to_term(matrix, width=100, camps=camps)
        md = to_md(matrix, camps=camps)
        for name, _meaning in MEASURES:
            assert f"{name}: " in term and f"**{name}**" in md
        camp = next(c for c in camps if len(c.voices) > 1 and c.shared)
        thesis, position = camp.shared[0]
        assert camp_name(camp).startswith(f"all {position.value}: {thesis}")
        assert camp_name(camp) in " ".join(term.split())


def _voices(**stances: dict[str, Position]) -> Corpus:
    """A corpus of voices with the given {thesis: position}; each stance cites one claim."""
    theses = sorted({t for positions in stances.values() for t in positions})
    return Corpus(theses=tuple(Thesis(id=t, text=f"Thesis {t}") for t in theses), maps=tuple(
        Map(id=m.replace("_", "-"), authors=(Author(name=m),),
            claims=(Claim(id="c", text="claim", evidence=(Evidence(quote="some words here"),)),),
            stances=tuple(Stance(thesis=t, position=p, because=("c",)) for t, p in positions.items()))
        for m, positions in sorted(stances.items())))


class TestClosestPairs:
    def test_ties_go_to_the_pair_with_more_theses_in_common(self) -> None:
        A = Position.AGREE
        corpus = _voices(a={"t1": A}, b={"t1": A}, c={"t2": A, "t3": A}, d={"t2": A, "t3": A})
        assert [("c", "d", 2), ("a", "b", 1)] == [(p.a, p.b, p.both)
                                                  for p in closest_pairs(pair_matrix(corpus))]

    def test_lower_hamming_comes_before_more_theses(self) -> None:
        A, D = Position.AGREE, Position.DISAGREE
        corpus = _voices(a={"t1": A}, b={"t1": A}, c={"t2": A, "t3": A}, d={"t2": A, "t3": D})
        assert [("a", "b"), ("c", "d")] == [(p.a, p.b) for p in closest_pairs(pair_matrix(corpus))]


class TestExtremesPickedFromMany:
    # p-q agree on 3 of 4 (hamming 1/4); r-s agree on one, one partial (1/2); u-v agree on 1 of 4 (3/4)
    A, D, M = Position.AGREE, Position.DISAGREE, Position.MIXED
    matrix = pair_matrix(_voices(
        p={"t1": A, "t2": A, "t3": A, "t4": A}, q={"t1": A, "t2": A, "t3": A, "t4": D},
        r={"t5": A, "t6": M}, s={"t5": A, "t6": A},
        u={"t7": A, "t8": A, "t9": A, "t10": A}, v={"t7": A, "t8": D, "t9": D, "t10": D}))

    def test_the_closest_is_the_lowest_share_of_differences(self) -> None:
        assert [("p", "q")] == [(x.a, x.b) for x in closest_pairs(self.matrix, 1)]
        assert [("p", "q"), ("r", "s"), ("u", "v")] == [(x.a, x.b) for x in closest_pairs(self.matrix)]

    def test_the_most_opposed_is_the_lowest_share_of_agreement(self) -> None:
        assert [("u", "v")] == [(x.a, x.b) for x in most_opposed_pairs(self.matrix, 1)]


class TestMostOpposedPairs:
    def test_ties_go_to_more_disagreements_then_more_theses_in_common(self) -> None:
        A, D, M = Position.AGREE, Position.DISAGREE, Position.MIXED
        corpus = _voices(a={"t1": A, "t2": A}, b={"t1": D, "t2": M},      # hamming 1, 1 disagree, both 2
                         c={"t3": A}, d={"t3": D},                        # hamming 1, 1 disagree, both 1
                         e={"t4": A, "t5": A}, f={"t4": D, "t5": D})      # hamming 1, 2 disagree, both 2
        assert [("e", "f"), ("a", "b"), ("c", "d")] == [
            (p.a, p.b) for p in most_opposed_pairs(pair_matrix(corpus))]


class TestCutCells:
    """A cell cut to its column's width, ellipsis included, keeps every row of the table aligned."""

    @settings(max_examples=30, deadline=None)
    @given(st.lists(st.from_regex(r"[a-z]{20,30}", fullmatch=True), min_size=2, max_size=4, unique=True),
           st.integers(44, 56))
    def test_rows_keep_their_columns_when_voice_ids_are_cut(self, ids: list[str], width: int) -> None:
        A = Position.AGREE
        corpus = _voices(**{i: {"t1": A} for i in ids})
        output = to_term(pair_matrix(corpus), width=width)
        lines = output.split("\n")
        start = next(n for n, line in enumerate(lines) if line.split()[:2] == ["a", "b"])
        header, rows = lines[start], lines[start + 1:lines.index("", start)]   # "Closest"
        assert "…" in output
        assert [columns(header)] * len(rows) == [columns(r) for r in rows]
        assert [("1", "0", "0", "1", "0.00", "1.00", "0.00")] * len(rows) == [
            tuple(r.split()[2:]) for r in rows]


# --- the diffs in words ---------------------------------------------------------------------------

def _two_versions() -> tuple[Corpus, Corpus]:
    """lind's stance on t1 moves from disagree to mixed, a thesis is dropped, yeo arrives, and a
    claim's quote gains a note."""
    A, D, M = Position.AGREE, Position.DISAGREE, Position.MIXED
    old = _voices(lind={"t1": D, "t2": A})
    old = Corpus(theses=old.theses + (Thesis(id="t3", text="Thesis t3"),), maps=old.maps)
    new = _voices(lind={"t1": M, "t2": A}, yeo={"t1": A})
    lind, yeo = new.maps
    noted = Claim(id="c", text="claim", evidence=(Evidence(quote="some words here", note="p. 4"),))
    lind = Map(id="lind", authors=lind.authors, stances=lind.stances, claims=(noted,))
    return old, Corpus(theses=new.theses, maps=(lind, yeo))


class TestCorpusDiffInWords:
    def test_term_counts_each_kind_then_lists_each_change_with_its_fields(self) -> None:
        old, new = _two_versions()
        output = to_term(diff_corpora(old, new, old_label="v1", new_label="v2"), width=100)
        assert output.startswith("v1 → v2: 1 map added, 1 thesis removed, 1 quote changed, 1 stance changed\n")
        assert [
            "Maps\n  + yeo",
            "Theses\n  - t3",
            "Quotes\n  ~ lind/c: “some words here”\n      note\n        - (none)\n        + p. 4",
            "Stances\n  ~ lind on t1\n      position\n        - disagree\n        + mixed",
        ] == output.rstrip("\n").split("\n\n")[1:]

    def test_term_in_ascii_has_no_arrow_or_curly_quotes(self) -> None:
        old, new = _two_versions()
        output = to_term(diff_corpora(old, new), width=100, ascii=True)
        assert output.startswith("old -> new: ")
        assert '  ~ lind/c: "some words here"\n' in output
        assert all(ord(ch) < 128 for ch in output)

    def test_no_changes_says_so(self) -> None:
        old, _new = _two_versions()
        diff = diff_corpora(old, old)
        assert "old → new: no changes\n" == to_term(diff, width=80)
        assert "no changes." in to_md(diff)

    def test_markdown_lists_each_change_and_its_fields(self) -> None:
        old, new = _two_versions()
        md = to_md(diff_corpora(old, new, old_label="v1", new_label="v2"))
        assert md.startswith("## v1 → v2\n\n1 map added, 1 thesis removed, 1 quote changed, 1 stance changed.\n")
        assert "### Maps\n\n- added `yeo`\n" in md
        assert "### Theses\n\n- removed `t3`\n" in md
        assert "### Quotes\n\n- changed `lind/c`: “some words here”\n  - note: (none) → p. 4\n" in md
        assert "### Stances\n\n- changed `lind` on `t1`\n  - position: disagree → mixed\n" in md

    def test_several_of_a_kind_are_counted_in_the_plural(self) -> None:
        _old, new = _two_versions()
        grown = Corpus(theses=new.theses + (Thesis(id="t8", text="x"), Thesis(id="t9", text="y")), maps=())
        output = to_term(diff_corpora(new, grown), width=200)
        assert output.startswith("old → new: 2 maps removed, 2 theses added\n")
        assert "- lind\n  - yeo\n" in output


    def test_markdown_sections_are_separated_by_one_blank_line(self) -> None:
        old, new = _two_versions()
        md = to_md(diff_corpora(old, new, old_label="v1", new_label="v2"))
        assert md.endswith("mixed\n") and not md.endswith("\n\n")
        assert ["## v1 → v2", "1 map added, 1 thesis removed, 1 quote changed, 1 stance changed.",
                "### Maps", "- added `yeo`", "### Theses", "- removed `t3`", "### Quotes",
                "- changed `lind/c`: “some words here”\n  - note: (none) → p. 4", "### Stances",
                "- changed `lind` on `t1`\n  - position: disagree → mixed"] == md.rstrip("\n").split("\n\n")

    def test_a_narrow_terminal_wraps_the_heading_under_itself(self) -> None:
        old, new = _two_versions()
        heading = to_term(diff_corpora(old, new, old_label="v1", new_label="v2"), width=30).split("\n\n")[0]
        assert ["v1 → v2: 1 map added, 1 thesis", "  removed, 1 quote changed, 1", "  stance changed"] \
            == heading.splitlines()

    def test_a_list_field_is_shown_as_its_items_joined_by_commas(self) -> None:
        old = Corpus(theses=(Thesis(id="t", text="T", questions=("q1",)),))
        new = Corpus(theses=(Thesis(id="t", text="T", questions=("q1", "q2")),))
        diff = diff_corpora(old, new)
        assert "      questions\n        - q1\n        + q1, q2\n" in to_term(diff, width=80)
        assert "- changed `t`\n  - questions: q1 → q1, q2\n" in to_md(diff)


    def test_a_narrow_terminal_wraps_titles_and_values_under_themselves(self) -> None:
        old, new = _two_versions()
        assert "Quotes\n  ~ lind/c: “some words\n      here”\n      note\n" in to_term(diff_corpora(old, new), width=24)
        asked = ("What do the authors of the report take the main question to be?",
                 "What do the authors of the second report take the main question to be?")
        old, new = (Corpus(theses=(Thesis(id="t", text="T", questions=(q,)),)) for q in asked)
        assert ("      questions\n"
                "        - What do the authors of the\n"
                "          report take the main question\n"
                "          to be?\n"
                "        + What do the authors of the\n"
                "          second report take the main\n"
                "          question to be?\n") in to_term(diff_corpora(old, new), width=40)

    def test_colour_marks_headings_and_what_was_added_removed_or_changed(self) -> None:
        old, new = _two_versions()
        coloured = to_term(diff_corpora(old, new), width=100, color=True)
        assert coloured.startswith("\x1b[1mold → new: 1 map added")
        for line in ("\x1b[1mMaps\x1b[0m", "\x1b[32m  + yeo\x1b[0m", "\x1b[31m  - t3\x1b[0m",
                     "\x1b[33m  ~ lind on t1\x1b[0m", "      position", "\x1b[31m        - disagree\x1b[0m",
                     "\x1b[32m        + mixed\x1b[0m"):
            assert line in coloured.splitlines()


class TestVoiceDiffInWords:
    corpus = _voices(lind={"t1": Position.DISAGREE, "t2": Position.AGREE, "t3": Position.MIXED},
                     yeo={"t1": Position.AGREE, "t2": Position.AGREE, "t4": Position.AGREE})

    def test_term_names_each_group_with_its_count_in_order(self) -> None:
        output = to_term(diff_voices(self.corpus, "lind", "yeo"), width=100)
        assert output.startswith("lind (lind) and yeo (yeo): 1 disagree, 0 partial, 1 agree, 1 only lind, "
                                 "1 only yeo\n")
        titles = [block.splitlines()[0] for block in output.split("\n\n")[1:]]
        assert ["Disagree (1)", "Agree (1)", "Only lind (1)", "Only yeo (1)"] == titles
        only_lind = output.split("Only lind (1)\n")[1].split("\n\n")[0]
        assert "  lind ± mixed\n" in only_lind and "  yeo · silent" in only_lind

    def test_a_reason_that_does_not_resolve_and_a_note_are_shown(self) -> None:
        lind = Map(id="lind", authors=(Author(name="Lind"),), stances=(
            Stance(thesis="t1", position=Position.AGREE, because=("gone",), note="only in the preface"),))
        corpus = Corpus(theses=(Thesis(id="t1", text="T"),), maps=(lind, Map(id="yeo")))
        diff = diff_voices(corpus, "lind", "yeo")
        term = to_term(diff, width=100)
        assert "    - (claim not found) [lind/gone]\n" in term
        assert "    note: only in the preface\n" in term
        md = to_md(diff)
        assert "  - (claim not found) (`lind/gone`)\n" in md and "  - _note:_ only in the preface\n" in md

    def test_voices_with_nothing_in_common_are_told_so(self) -> None:
        corpus = Corpus(theses=(Thesis(id="t1", text="T"),), maps=(Map(id="a"), Map(id="b")))
        diff = diff_voices(corpus, "a", "b")
        assert ("a (a) and b (b): 0 disagree, 0 partial, 0 agree, 0 only a, 0 only b\n\n"
                "Neither voice takes a stance on any thesis.\n") == to_term(diff, width=80)
        assert "</p>\n<p>Neither voice takes a stance on any thesis.</p>\n</section>" in to_html(diff)


    def test_term_wraps_each_part_under_itself_and_shows_every_side(self) -> None:
        lind = Map(id="lind", authors=(Author(name="Jennifer Lind"),), source="report", claims=(
            Claim(id="c", text="Alliances deter attacks when the promise is credible to all.",
                  evidence=(Evidence(quote="said so in a speech given at length", kind=Kind.REPORTED),),
                  attacks=(Relation(target="yeo/d", basis=Basis.REPLY, evidence=(Evidence(quote="no"),)),)),),
            stances=(Stance(thesis="t", position=Position.DISAGREE, because=("c", "gone"),
                            note="hedged in the preface of the second edition"),))
        yeo = Map(id="yeo", authors=(Author(name="Andrew Yeo"),),
                  claims=(Claim(id="d", text="Other.", evidence=(Evidence(quote="yes"),)),),
                  stances=(Stance(thesis="t", position=Position.AGREE, because=("d",)),
                           Stance(thesis="u", position=Position.MIXED, because=("d",))))
        corpus = Corpus(theses=(Thesis(id="t", text="The thesis is long enough to wrap at forty columns."),
                                Thesis(id="u", text="U.")), maps=(lind, yeo), sources=(Source(id="report", date="2024"),))
        diff = diff_voices(corpus, "lind", "yeo")
        assert [
            "lind (Jennifer Lind (2024)) and yeo\n"
            "  (Andrew Yeo): 1 disagree, 0 partial, 0\n"
            "  agree, 0 only lind, 1 only yeo",
            "Disagree (1)\n"
            "t: The thesis is long enough to wrap at\n"
            "  forty columns.\n"
            "  lind ✗ disagree\n"
            "    - Alliances deter attacks when the\n"
            "      promise is credible to all.\n"
            "      [lind/c]\n"
            "        “said so in a speech given at\n"
            "         length” (reported)\n"
            "    - (claim not found) [lind/gone]\n"
            "    note: hedged in the preface of the\n"
            "      second edition\n"
            "  yeo ✓ agree\n"
            "    - Other. [yeo/d]\n"
            "        “yes”",
            "Only yeo (1)\n"
            "u: U.\n"
            "  lind · silent\n"
            "  yeo ± mixed\n"
            "    - Other. [yeo/d]\n"
            "        “yes”",
            "Relations between the two\n"
            "  - Jennifer Lind (2024)'s lind/c\n"
            "    answers Andrew Yeo's yeo/d: “no”",
        ] == to_term(diff, width=40).rstrip("\n").split("\n\n")
        plain = to_term(diff, width=40, ascii=True)
        assert "  lind x disagree\n" in plain and "  yeo + agree\n" in plain and "  lind . silent\n" in plain
        assert '        "said so in a speech given at\n         length" (reported)\n' in plain
        assert '        "yes"\n' in plain
        # the reply's quote too: nothing but ASCII when every text in the corpus is ASCII
        assert "    answers Andrew Yeo's yeo/d: \"no\"" in plain and plain.isascii()
        coloured = to_term(diff, width=40, color=True)
        assert "\n  lind \x1b[31m✗ disagree\x1b[0m\n" in coloured   # the voice's id itself uncoloured


    def test_when_only_the_second_voice_speaks_both_are_shown(self) -> None:
        diff = diff_voices(_voices(lind={"t1": Position.AGREE}, yeo={"t2": Position.AGREE}), "lind", "yeo")
        assert "- **lind** (`lind`): · silent\n- **yeo** (`yeo`): ✓ agree\n  - claim (`yeo/c`)\n" in to_md(diff)
        assert "  lind · silent\n  yeo ✓ agree\n    - claim [yeo/c]\n" in to_term(diff, width=80)

    def test_a_partial_disagreement_is_its_own_group(self) -> None:
        diff = diff_voices(_voices(lind={"t": Position.MIXED}, yeo={"t": Position.AGREE}), "lind", "yeo")
        assert "\n\nPartial (1)\nt: Thesis t\n  lind ± mixed\n" in to_term(diff, width=80)
        assert "\n\n### Partial (1)\n\n#### `t`\n" in to_md(diff)


class TestMatrixCamps:
    A, D = Position.AGREE, Position.DISAGREE
    corpus = _voices(hawk_a={"t1": A, "t2": A}, hawk_b={"t1": A, "t2": A, "t3": A},
                     dove={"t1": D, "t2": D}, loner={"t4": A})

    def test_camps_name_their_members_spread_and_the_voices_on_their_own(self) -> None:
        matrix = pair_matrix(self.corpus)
        term = " ".join(to_term(matrix, width=100, camps=clusters(matrix, 0.5), threshold=0.5).split())
        assert "Camps (average linkage on edit distance, cut at 0.50)" in term
        assert "1. all agree: t1, t2 members: hawk-a, hawk-b (spread 0.33)" in term
        assert "On their own: dove, loner" in term
        md = to_md(matrix, camps=clusters(matrix, 0.25), threshold=0.25)
        assert "Average linkage on edit distance, cut at 0.25." in md
        assert "On their own: dove, hawk-a, hawk-b, loner." in md

    def test_a_camp_is_named_by_each_position_its_members_share_in_the_words_asked_for(self) -> None:
        camp = Camp(voices=("a", "b"), spread=0.0, shared=(("t1", Position.AGREE), ("t2", Position.DISAGREE),
                                                           ("t3", Position.AGREE), ("t4", Position.MIXED)))
        assert "all agree: t1, t3; all disagree: t2; all mixed: t4" == camp_name(camp)
        words = {"t1": "One", "t2": "Two", "t3": "Three", "t4": "Four"}
        assert "all agree: One, Three; all disagree: Two; all mixed: Four" == camp_name(camp, words.__getitem__)

    def test_a_narrow_terminal_wraps_each_camp_under_itself_and_names_the_cut_asked_for(self) -> None:
        matrix = pair_matrix(self.corpus)
        assert ("Camps (average li…\n"
                "  1. all agree:\n"
                "     t1, t2\n"
                "     members:\n"
                "       hawk-a,\n"
                "       hawk-b (spr\n"
                "       ead 0.33)\n"
                "  On their own:\n"
                "    dove, loner\n") in to_term(matrix, width=18, camps=clusters(matrix))
        assert "Camps (average linkage on edit distance, cut at 0.25)\n" in \
            to_term(matrix, width=80, camps=clusters(matrix, 0.25), threshold=0.25)

    def test_a_camp_of_three_lists_its_members_then_its_spread(self) -> None:
        A = Position.AGREE
        matrix = pair_matrix(_voices(ann={"t1": A}, bea={"t1": A}, cy={"t1": A}))
        assert "\n     members: ann, bea, cy (spread 0.00)\n" in to_term(matrix, width=80, camps=clusters(matrix))
        assert "1. all agree: t1 (ann, bea, cy (spread 0.00))\n" in to_md(matrix, camps=clusters(matrix))

    def test_a_camp_sharing_no_position_says_so(self) -> None:
        matrix = pair_matrix(self.corpus)
        term = " ".join(to_term(matrix, width=100, camps=clusters(matrix, 1.0), threshold=1.0).split())
        assert "1. no position all of them share (they are close by what they leave unaddressed) members:" in term

    def test_the_markdown_grid_is_symmetric_with_zero_on_the_diagonal(self) -> None:
        matrix = pair_matrix(self.corpus)
        grid = to_md(matrix).split("### Edit distance\n\n")[1].split("\n\n")[0].splitlines()
        cells = [[c.strip() for c in line.strip("|").split("|")] for line in grid]
        ids = [c.strip("`") for c in cells[0][1:]]
        assert ["dove", "hawk-a", "hawk-b", "loner"] == ids
        values = {(row[0].strip("`"), b): v for row in cells[2:] for b, v in zip(ids, row[1:], strict=True)}
        for a in ids:
            assert "0.00" == values[(a, a)]
            for b in (b for b in ids if b != a):
                assert values[(a, b)] == values[(b, a)] == f"{matrix.pair(a, b).edit:.2f}"
        assert "0.33" == values[("hawk-a", "hawk-b")]


SUMMARY = re.compile(r"✓\s*(\d+) ✗\s*(\d+) ±\s*(\d+) ·\s*(\d+) (\w+)$")


def read_grid(output: str, thesis_ids: set[str]) -> dict[str, tuple[dict[str, str], tuple]]:
    """The stance grid of `to_term`, read back: for each thesis, the symbol under each voice code
    and the summary (counts and verdict), whether a row fits one line or wraps in chunks."""
    lines = output.split("\n\n")[0].splitlines()[1:]
    header = []
    while lines[0].split()[0] not in thesis_ids:
        header.append(lines.pop(0))
    chunks = [[(m.start(), m.group()) for m in re.finditer(r"\S+", line)] for line in header]
    found = {}
    while lines:
        first = lines.pop(0)
        thesis = first.split()[0]
        cell_lines = [first] if len(first.split()) > 1 else [lines.pop(0) for _ in chunks]
        cells = {code: line[column] for chunk, line in zip(chunks, cell_lines, strict=True)
                 for column, code in chunk}
        rest = cell_lines[-1][chunks[-1][-1][0] + 1:]
        if not SUMMARY.search(rest):
            rest = lines.pop(0)
        agree, disagree, mixed, silent, verdict = SUMMARY.search(rest).groups()
        found[thesis] = (cells, (int(agree), int(disagree), int(mixed), int(silent), verdict))
    return found


class TestStanceGrid:
    """Each symbol stands under its voice's code and each summary beside its thesis, at any width."""

    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.lists(st.sampled_from([Position.AGREE, Position.DISAGREE, Position.MIXED, None]),
                             min_size=3, max_size=3), min_size=1, max_size=14),
           st.integers(30, 120))   # (narrower, a summary is cut with … like any line)
    def test_the_grid_reads_back_as_the_table(self, rows, width) -> None:
        corpus = _voices(**{f"voice_{i:02d}": {f"t{k}": p for k, p in enumerate(row, 1) if p is not None}
                            for i, row in enumerate(rows)})
        corpus = Corpus(theses=tuple(Thesis(id=f"t{k}", text=f"Thesis {k}") for k in (1, 2, 3)), maps=corpus.maps)
        table = stance_table(corpus)
        output = to_term(table, width=width)
        assert_fits(output, width)
        codes = voice_codes([v.id for v in table.voices])
        symbols = {Position.AGREE: "✓", Position.DISAGREE: "✗", Position.MIXED: "±", None: "·"}
        expected = {row.thesis.id: ({codes[c.voice]: symbols[c.position] for c in row.cells},
                                    (row.summary.agree, row.summary.disagree, row.summary.mixed,
                                     row.summary.silent, row.summary.verdict.value))
                    for row in table.rows}
        assert expected == read_grid(output, set(expected))

    def test_a_wide_table_keeps_each_thesis_on_one_line_and_a_narrow_one_wraps(self) -> None:
        corpus = _voices(**{f"v{i}": {"t1": Position.AGREE} for i in range(10)})
        wide = to_term(stance_table(corpus), width=80).splitlines()
        assert "t1 ✓  ✓  ✓  ✓  ✓  ✓  ✓  ✓  ✓  ✓   ✓10 ✗ 0 ± 0 · 0 consensus" == wide[2]
        narrow = to_term(stance_table(corpus), width=24).splitlines()
        assert ["  v0 v1 v2 v3 v4 v5 v6", "  v7 v8 v9", "t1", "  ✓  ✓  ✓  ✓  ✓  ✓  ✓", "  ✓  ✓  ✓",
                "  ✓10 ✗ 0 ± 0 · 0 conse…"] == narrow[1:7]   # cut to the width, … included


class TestDiffJson:
    """docs/compare.md's JSON shapes, value by value."""

    def test_a_voice_diff_gives_names_notes_evidence_and_the_relations_between(self) -> None:
        lind = Map(id="lind", authors=(Author(name="Jennifer Lind"),), source="report", claims=(
            Claim(id="c", text="Claim.", evidence=(Evidence(quote="said so", kind=Kind.REPORTED),),
                  attacks=(Relation(target="yeo/d", basis=Basis.REPLY, evidence=(Evidence(quote="no"),)),)),),
            stances=(Stance(thesis="t", position=Position.MIXED, because=("c",), note="hedged"),))
        yeo = Map(id="yeo", authors=(Author(name="Andrew Yeo"),), claims=(Claim(id="d", text="Other."),),
                  stances=(Stance(thesis="t", position=Position.AGREE, because=("d",)),))
        corpus = Corpus(theses=(Thesis(id="t", text="The thesis."),), maps=(lind, yeo))
        data = json.loads(to_json(diff_voices(corpus, "lind", "yeo")))
        assert ("lind", "yeo", "Jennifer Lind", "Andrew Yeo", None, None) == (
            data["a"], data["b"], data["a_name"], data["b_name"], data["a_date"], data["b_date"])
        (item,) = data["items"]
        assert ("t", "The thesis.", "partial") == (item["thesis"], item["thesis_text"], item["relation"])
        assert {"position": "mixed", "note": "hedged", "claims": [
            {"id": "lind/c", "text": "Claim.", "quotes": ["said so"],
             "evidence": [{"quote": "said so", "kind": "reported", "source": "report"}]}]} == item["a"]
        assert ("agree", None, []) == (item["b"]["position"], item["b"]["note"], item["b"]["claims"][0]["quotes"])
        assert [{"kind": "attack", "basis": "reply", "from": "lind/c", "to": "yeo/d", "note": None,
                 "quotes": ["no"], "words": "Jennifer Lind's lind/c answers Andrew Yeo's yeo/d: “no”"}] == data["between"]

    def test_a_corpus_diff_gives_labels_and_list_fields_as_lists(self) -> None:
        old = Corpus(theses=(Thesis(id="t", text="T", questions=("q1",)),))
        new = Corpus(theses=(Thesis(id="t", text="T", questions=("q1", "q2"), topic="x"),))
        data = json.loads(to_json(diff_corpora(old, new, old_label="2024", new_label="2025")))
        assert {"old": "2024", "new": "2025", "changes": [
            {"what": "thesis", "status": "changed", "map": None, "id": "t", "quote": None,
             "fields": [{"field": "topic", "old": None, "new": "x"},
                        {"field": "questions", "old": ["q1"], "new": ["q1", "q2"]}]}]} == data

    def test_a_table_gives_topics_notes_and_each_rows_summary(self) -> None:
        corpus = Corpus(theses=(Thesis(id="t", text="T", topic="history"), Thesis(id="u", text="U")), maps=(
            Map(id="a", claims=(Claim(id="c", text="x"),),
                stances=(Stance(thesis="t", position=Position.DISAGREE, because=("c",), note="n"),)),
            Map(id="b")))
        data = json.loads(to_json(stance_table(corpus)))
        assert [{"id": "t", "text": "T", "topic": "history"}, {"id": "u", "text": "U", "topic": None}] == data["theses"]
        assert [{"thesis": "t", "voice": "a", "position": "disagree", "because": ["a/c"], "note": "n"}] == data["cells"]
        assert [{"thesis": "t", "agree": 0, "disagree": 1, "mixed": 0, "silent": 1, "verdict": "lone"},
                {"thesis": "u", "agree": 0, "disagree": 0, "mixed": 0, "silent": 2, "verdict": "unaddressed"}] \
            == data["summary"]


    def test_a_matrix_with_camps_gives_the_voices_the_threshold_and_each_camp(self) -> None:
        A, D = Position.AGREE, Position.DISAGREE
        matrix = pair_matrix(_voices(hawk_a={"t1": A, "t2": A}, hawk_b={"t1": A, "t2": A, "t3": A},
                                     dove={"t1": D, "t2": D}))
        data = json.loads(to_json(matrix, camps=clusters(matrix)))
        assert [{"id": "dove", "name": "dove"}, {"id": "hawk-a", "name": "hawk_a"},
                {"id": "hawk-b", "name": "hawk_b"}] == data["voices"]
        assert 0.5 == data["threshold"]   # the default, written out
        assert [{"voices": ["dove"], "spread": None,
                 "shared": [{"thesis": "t1", "position": "disagree"}, {"thesis": "t2", "position": "disagree"}]},
                {"voices": ["hawk-a", "hawk-b"], "spread": pytest.approx(1 / 3),
                 "shared": [{"thesis": "t1", "position": "agree"}, {"thesis": "t2", "position": "agree"}]}] \
            == sorted(data["camps"], key=lambda camp: camp["voices"])
        assert 0.25 == json.loads(to_json(matrix, camps=clusters(matrix, 0.25), threshold=0.25))["threshold"]
        assert {"pairs", "voices"} == set(json.loads(to_json(matrix)))   # no camps asked for, none written

    def test_json_is_indented_by_two_and_keeps_what_authors_typed(self) -> None:
        corpus = Corpus(theses=(Thesis(id="t", text="Zürich’s “line”"),), maps=(Map(id="a"), Map(id="b")))
        text = to_json(stance_table(corpus))
        assert text.startswith('{\n  "theses": [\n    {\n      "id": "t",\n      "text": "Zürich’s “line”",\n')
        assert text.endswith("}\n")
        (pair,) = json.loads(to_json(pair_matrix(corpus)))["pairs"]
        assert (0, None, None, 0.0) == (pair["both"], pair["hamming"], pair["bna"], pair["edit"])   # two silent voices
        alone = to_json(pair_matrix(Corpus(theses=corpus.theses, maps=(Map(id="a"),))))
        assert alone.startswith('{\n  "pairs": [],\n  "voices": [\n')

    def test_a_pair_that_differs_every_way_has_its_counts_and_distances(self) -> None:
        # agree on t1, disagree on t2, partial on t3; t4 only a's, t5 only b's
        A, D, M = Position.AGREE, Position.DISAGREE, Position.MIXED
        matrix = pair_matrix(_voices(a={"t1": A, "t2": D, "t3": M, "t4": A}, b={"t1": A, "t2": A, "t3": A, "t5": A}))
        (pair,) = json.loads(to_json(matrix))["pairs"]
        assert {"a": "a", "b": "b", "agree": 1, "disagree": 1, "partial": 1, "both": 3, "hamming": 2 / 3,
                "bna": 1 / 3, "edit": 4 / 5, "only_a": 1, "only_b": 1} == pair
        (header, row) = csv.reader(io.StringIO(to_csv(matrix), newline=""))
        assert dict(zip(header, row, strict=True)) == {
            "a": "a", "b": "b", "agree": "1", "disagree": "1", "partial": "1", "both": "3",
            "hamming": repr(2 / 3), "bna": repr(1 / 3), "edit": "0.8"}


class TestMatrixSections:
    def test_voices_that_share_no_thesis_are_neither_close_nor_opposed(self) -> None:
        matrix = pair_matrix(_voices(a={"t1": Position.AGREE}, b={"t2": Position.DISAGREE}))
        term = to_term(matrix, width=80)
        assert term.startswith("Pairs of voices: 1 (2 voices, 2 theses)\n\n"
                               "Closest (lowest hamming; ties: more theses in common)\n  (none)\n\n"
                               "Most opposed (highest hamming)\n  (none)\n\n"
                               "All pairs (by edit distance)\n"
                               "  a  b  agree  disagree  partial  both  hamming  bna  edit\n"
                               "  a  b      0         0        0     0        —    —  1.00\n")
        assert "  a  b      0         0        0     0        -    -  1.00\n" in to_term(matrix, width=80, ascii=True)
        md = to_md(matrix)
        assert "### Closest\n\nLowest hamming; ties: more theses in common.\n\n(none)\n\n### Most opposed\n" in md
        assert "### Most opposed\n\nHighest hamming.\n\n(none)\n" in md
        assert "| a | b | 0 | 0 | 0 | 0 | — | — | 1.00 |" in md
        assert "| a | b | 0 | 0 | 0 | 0 | - | - | 1.00 |" in to_md(matrix, ascii=True)

    def test_all_pairs_run_from_the_closest_by_edit_distance(self) -> None:
        A, D = Position.AGREE, Position.DISAGREE
        matrix = pair_matrix(_voices(a={"t1": A, "t2": A}, b={"t1": A, "t2": D}, c={"t1": A, "t2": A, "t3": A}))
        term = to_term(matrix, width=80)
        rows = term.split("All pairs (by edit distance)\n")[1].split("\n\n")[0].splitlines()[1:]
        assert [("a", "c", "0.33"), ("a", "b", "0.50"), ("b", "c", "0.67")] == [
            (r.split()[0], r.split()[1], r.split()[-1]) for r in rows]
        assert term.startswith("Pairs of voices: 3 (3 voices, 3 theses)\n")


# --- many voices ----------------------------------------------------------------------------------

def _many_voices(count: int) -> Corpus:
    """`count` voices with a stance each on three theses, so every pair shares some."""
    positions = (Position.AGREE, Position.DISAGREE, Position.MIXED)
    theses = tuple(Thesis(id=f"t{k}", text=f"Thesis {k}") for k in range(3))
    maps = tuple(Map(id=f"v{i:03d}", claims=(Claim(id="c", text="x"),),
                     stances=tuple(Stance(thesis=f"t{k}", position=positions[(i + k * (i % 5)) % 3],
                                          because=("c",)) for k in range(3)))
                 for i in range(count))
    return Corpus(theses=theses, maps=maps)


class TestManyVoices:
    """Past LISTED_VOICES the text formats keep the extremes and leave the list of every pair (and
    md's grid) to csv and json: their size no longer grows with the square of the voices."""

    def test_up_to_the_limit_every_pair_is_listed(self) -> None:
        matrix = pair_matrix(_many_voices(LISTED_VOICES))
        tables = md_tables(to_md(matrix))
        assert len(matrix.pairs) + 1 == len(tables[-2]) and LISTED_VOICES + 1 == len(tables[-1])
        term = to_term(matrix, width=120)
        assert all(f"{p.a}  {p.b}" in term for p in matrix.pairs)

    @pytest.mark.parametrize("fmt", ["md", "term"])
    def test_past_the_limit_the_text_formats_do_not_grow(self, fmt: str) -> None:
        render = (lambda m: to_md(m)) if fmt == "md" else (lambda m: to_term(m, width=100))
        few, many = (render(pair_matrix(_many_voices(n))) for n in (LISTED_VOICES + 1, 3 * LISTED_VOICES))
        assert len(few.splitlines()) == len(many.splitlines())
        assert f"{3 * LISTED_VOICES} voices make {len(pair_matrix(_many_voices(3 * LISTED_VOICES)).pairs):,} pairs" in many
        assert "--format csv" in many and "--format json" in many

    def test_past_the_limit_the_extremes_are_still_listed(self) -> None:
        matrix = pair_matrix(_many_voices(LISTED_VOICES + 1))
        tables = md_tables(to_md(matrix))
        assert 2 == len(tables)   # closest, most opposed; no list of all, no grid
        assert [[p.a, p.b] for p in closest_pairs(matrix)] == [[plain(c) for c in row[:2]] for row in tables[0][1:]]
        assert [[p.a, p.b] for p in most_opposed_pairs(matrix)] == [[plain(c) for c in row[:2]] for row in tables[1][1:]]

    def test_past_the_limit_the_terminal_says_why_and_where_every_pair_is(self) -> None:
        term = to_term(pair_matrix(_many_voices(LISTED_VOICES + 1)), width=80)
        assert ("All pairs (by edit distance)\n"
                "  51 voices make 1,275 pairs, too many to read as a list (it is kept to 50\n"
                "  voices or fewer): --format csv or --format json gives every pair, --clusters\n"
                "  the camps.\n\nhamming = ") in term

    def test_past_the_limit_markdown_says_why_and_where_every_pair_is(self) -> None:
        md = to_md(pair_matrix(_many_voices(LISTED_VOICES + 1)))
        assert ("### All pairs\n\nBy edit distance.\n\n51 voices make 1,275 pairs, too many to read as a list (it "
                "is kept to 50 voices or fewer): `--format csv` or `--format json` gives every pair, `--clusters` "
                "the camps.\n\nhamming = ") in md

    def test_csv_and_json_keep_every_pair(self) -> None:
        matrix = pair_matrix(_many_voices(LISTED_VOICES + 1))
        rows = list(csv.reader(io.StringIO(to_csv(matrix), newline="")))
        assert [[p.a, p.b, str(p.edit)] for p in matrix.pairs] == [[r[0], r[1], r[8]] for r in rows[1:]]
        assert len(matrix.pairs) == len(json.loads(to_json(matrix))["pairs"])


@SLOW
@given(corpora(min_maps=2), st.integers(1, 6))
def test_the_extremes_are_the_first_of_the_full_ordering(corpus, count: int) -> None:
    # closest/most opposed narrow 500,000 pairs by one float before the full key: same answer
    matrix = pair_matrix(corpus)
    closest = sorted((p for p in matrix.pairs if p.both), key=lambda p: (
        p.hamming_fraction, -p.both, p.edit_fraction, p.a, p.b))
    opposed = sorted((p for p in matrix.pairs if p.disagree + p.partial), key=lambda p: (
        p.agreement_fraction, -p.disagree, -p.both, p.a, p.b))
    assert closest[:count] == closest_pairs(matrix, count)
    assert opposed[:count] == most_opposed_pairs(matrix, count)


def test_past_the_limit_the_build_writes_every_pair_once() -> None:
    few, many = _many_voices(LISTED_VOICES), _many_voices(LISTED_VOICES + 1)
    assert "matrix.json" in all_tables(few) and "matrix.json" in table_files(LISTED_VOICES)
    tables = all_tables(many)
    assert tuple(sorted(tables)) == table_files(LISTED_VOICES + 1) and "matrix.json" not in tables
    assert len(pair_matrix(many).pairs) + 1 == len(tables["matrix.csv"].splitlines())


class Nesting(HTMLParser):
    """Each element closed in the order it was opened (void elements aside), or the first that is not."""

    VOID = frozenset({"meta", "br"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.wrong: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag) -> None:
        if not self.open or self.open.pop() != tag:
            self.wrong.append(f"</{tag}> at {self.getpos()}")


def assert_nested(page: str) -> None:
    parser = Nesting()
    parser.feed(page)
    parser.close()
    assert ([], []) == (parser.wrong, parser.open)


# The voice both diff renderings (HTML and Markdown) are read on: markup in its name, text and quote,
# a reply with its quote, a stance with a note and a reason that is gone, a thesis only it takes.
_DIFF_LIND = Map(id="lind", authors=(Author(name="Jennifer <Lind>"),), source="report", claims=(
    Claim(id="c", text="Claim & more.", evidence=(Evidence(quote="said <so>", kind=Kind.REPORTED),),
          attacks=(Relation(target="yeo/d", basis=Basis.REPLY, evidence=(Evidence(quote="no"),)),)),),
    stances=(Stance(thesis="t", position=Position.DISAGREE, because=("c", "gone"), note="hedged"),
             Stance(thesis="u", position=Position.AGREE, because=("c",))))


class TestDiffHtml:
    def test_a_standalone_page_is_well_nested_and_carries_the_diff_style(self) -> None:
        corpus = _voices(lind={"t1": Position.DISAGREE, "t2": Position.AGREE}, yeo={"t1": Position.AGREE})
        page = to_html(diff_voices(corpus, "lind", "yeo"))
        assert_nested(page)
        assert "<style>\n" in page and ".argmap-diff blockquote {" in page.split("</style>")[0]
        assert_nested(to_html(diff_voices(Corpus(theses=corpus.theses, maps=(Map(id="a"), Map(id="b"))), "a", "b")))

    def test_a_support_between_the_voices_is_the_voices_own_and_has_no_basis(self) -> None:
        lind = Map(id="lind", authors=(Author(name="Lind"),), claims=(
            Claim(id="c", text="Claim.", supports=(Relation(target="yeo/d"),)),),
            stances=(Stance(thesis="t", position=Position.AGREE, because=("c",)),))
        yeo = Map(id="yeo", authors=(Author(name="Yeo"),), claims=(Claim(id="d", text="Other."),),
                  stances=(Stance(thesis="t", position=Position.AGREE, because=("d",)),))
        diff = diff_voices(Corpus(theses=(Thesis(id="t", text="T."),), maps=(lind, yeo)), "lind", "yeo")
        assert '<li class="own">Lind&#x27;s lind/c supports Yeo&#x27;s yeo/d</li>' in to_html(diff)
        (between,) = json.loads(to_json(diff))["between"]
        assert ("support", None) == (between["kind"], between["basis"])

    def test_the_html_diff_has_the_groups_sides_quotes_and_relations_of_the_text_one(self) -> None:
        lind = _DIFF_LIND
        yeo = Map(id="yeo", authors=(Author(name="Andrew Yeo"),), claims=(Claim(id="d", text="Other."),),
                  stances=(Stance(thesis="t", position=Position.AGREE, because=("d",)),))
        corpus = Corpus(theses=(Thesis(id="t", text="The thesis."), Thesis(id="u", text="U.")), maps=(lind, yeo))
        page = to_html(diff_voices(corpus, "lind", "yeo"), standalone=False)
        assert page.startswith('<section class="argmap-diff">\n<h2>Jennifer &lt;Lind&gt; (<code>lind</code>) and '
                               "Andrew Yeo (<code>yeo</code>)</h2>\n"
                               "<p>1 disagree, 0 partial, 0 agree, 1 only lind, 0 only yeo.</p>\n")
        assert page.index("<h3>Disagree (1)</h3>") < page.index("<h3>Only lind (1)</h3>")
        assert ('<h4><code>t</code></h4><p>The thesis.</p><ul>\n<li class="side"><strong>Jennifer &lt;Lind&gt;'
                '</strong> (<code>lind</code>): <span class="disagree"><span aria-hidden="true">✗</span> disagree'
                "</span><ul><li>Claim &amp; more. (<code>lind/c</code>)<blockquote>“said &lt;so&gt;” (reported)"
                "</blockquote></li><li>(claim not found) (<code>lind/gone</code>)</li>"
                "<li><em>note:</em> hedged</li></ul></li>") in page
        assert ('<li class="side"><strong>Andrew Yeo</strong> (<code>yeo</code>): <span class="silent">'
                '<span aria-hidden="true">·</span> silent</span></li>') in page
        assert ('<h3>Relations between the two</h3><ul>\n<li class="reply">Jennifer &lt;Lind&gt;&#x27;s lind/c '
                "answers Andrew Yeo&#x27;s yeo/d: “no”</li>\n</ul>") in page
        assert ('<span aria-hidden="true">·</span> silent</span></li>\n</ul>\n<h3>Relations between the two</h3>'
                in page)   # each thesis's list closed before what follows
        assert page.endswith("</section>\n")
        styled = to_html(diff_voices(corpus, "lind", "yeo"), standalone=False, style=True)
        assert styled.startswith("<style>\n.argmap-diff {") and styled.endswith(page)
        full = to_html(diff_voices(corpus, "lind", "yeo"))
        assert "<title>argmap: lind and yeo</title>" in full and page in full


class TestDiffMarkdown:
    def test_the_markdown_diff_has_the_groups_sides_quotes_and_relations_of_the_text_one(self) -> None:
        lind = _DIFF_LIND
        yeo = Map(id="yeo", authors=(Author(name="Andrew Yeo"),),
                  claims=(Claim(id="d", text="Other.", evidence=(Evidence(quote="yes"),)),),
                  stances=(Stance(thesis="t", position=Position.AGREE, because=("d",)),))
        corpus = Corpus(theses=(Thesis(id="t", text="The thesis."), Thesis(id="u", text="U.")), maps=(lind, yeo),
                        sources=(Source(id="report", date="2024"),))
        md = to_md(diff_voices(corpus, "lind", "yeo"))
        assert md.endswith("“no”\n") and not md.endswith("\n\n")
        assert [
            "## Jennifer \\<Lind\\> (2024) (`lind`) and Andrew Yeo (`yeo`)",
            "1 disagree, 0 partial, 0 agree, 1 only lind, 0 only yeo.",
            "### Disagree (1)", "#### `t`", "The thesis.",
            "- **Jennifer \\<Lind\\>** (`lind`): ✗ disagree\n"
            "  - Claim \\& more. (`lind/c`)\n"
            "    - “said \\<so\\>” _(reported)_\n"
            "  - (claim not found) (`lind/gone`)\n"
            "  - _note:_ hedged\n"
            "- **Andrew Yeo** (`yeo`): ✓ agree\n"
            "  - Other. (`yeo/d`)\n"
            "    - “yes”",
            "### Only lind (1)", "#### `u`", "U.",
            "- **Jennifer \\<Lind\\>** (`lind`): ✓ agree\n"
            "  - Claim \\& more. (`lind/c`)\n"
            "    - “said \\<so\\>” _(reported)_\n"
            "- **Andrew Yeo** (`yeo`): · silent",
            "### Relations between the two",
            "- Jennifer \\<Lind\\> (2024)'s lind/c answers Andrew Yeo's yeo/d: “no”",
        ] == md.rstrip("\n").split("\n\n")
        ascii_md = to_md(diff_voices(corpus, "lind", "yeo"), ascii=True)
        for side in ("- **Jennifer \\<Lind\\>** (`lind`): x disagree\n", "- **Andrew Yeo** (`yeo`): + agree\n",
                     "- **Andrew Yeo** (`yeo`): . silent"):
            assert side in ascii_md
        assert "    - \"said \\<so\\>\" _(reported)_\n" in ascii_md
        assert ascii_md.endswith("'s lind/c answers Andrew Yeo's yeo/d: \"no\"\n") and ascii_md.isascii()


class TestMatrixAsText:
    """The matrix of TestMatrixCamps's voices, whole (the numbers checked by hand: hawk-a and hawk-b
    agree on t1, t2 and only hawk-b takes t3, so edit 1/3; dove disagrees with both hawks on t1, t2;
    loner shares no thesis with anyone)."""

    def test_term(self) -> None:
        matrix = pair_matrix(TestMatrixCamps.corpus)
        assert to_term(matrix, width=80, camps=clusters(matrix)) == (
            "Pairs of voices: 6 (4 voices, 4 theses)\n"
            "\n"
            "Closest (lowest hamming; ties: more theses in common)\n"
            "  a       b       agree  disagree  partial  both  hamming   bna  edit\n"
            "  hawk-a  hawk-b      2         0        0     2     0.00  1.00  0.33\n"
            "  dove    hawk-a      0         2        0     2     1.00  0.00  1.00\n"
            "  dove    hawk-b      0         2        0     2     1.00  0.00  1.00\n"
            "\n"
            "Most opposed (highest hamming)\n"
            "  a     b       agree  disagree  partial  both  hamming   bna  edit\n"
            "  dove  hawk-a      0         2        0     2     1.00  0.00  1.00\n"
            "  dove  hawk-b      0         2        0     2     1.00  0.00  1.00\n"
            "\n"
            "All pairs (by edit distance)\n"
            "  a       b       agree  disagree  partial  both  hamming   bna  edit\n"
            "  hawk-a  hawk-b      2         0        0     2     0.00  1.00  0.33\n"
            "  dove    hawk-a      0         2        0     2     1.00  0.00  1.00\n"
            "  dove    hawk-b      0         2        0     2     1.00  0.00  1.00\n"
            "  dove    loner       0         0        0     0        —     —  1.00\n"
            "  hawk-a  loner       0         0        0     0        —     —  1.00\n"
            "  hawk-b  loner       0         0        0     0        —     —  1.00\n"
            "\n"
            "hamming = (disagree + partial) / both; bna = 1 - hamming (both: theses both\n"
            "address; none when both = 0); edit = (disagree + partial + theses only one\n"
            "addresses) / theses either addresses\n"
            "\n"
            "In plain words\n"
            "  both: the theses both voices take a stance on.\n"
            "  agree: of those, how many they take the same position on (both mixed counts).\n"
            "  hamming: the share of `both` where they differ (one disagrees, or one is\n"
            "    mixed): 0 = always the same position, 1 = never.\n"
            "  bna: the share of `both` where they agree: 1 - hamming (Betz's normalised\n"
            "    agreement); none when they share no thesis.\n"
            "  edit: of the theses at least one of them addresses, the share where they\n"
            "    differ or only one speaks. Silence counts as a difference here, so voices\n"
            "    that write about different things are far apart; the camps are drawn on\n"
            "    this.\n"
            "\n"
            "Camps (average linkage on edit distance, cut at 0.50)\n"
            "  1. all agree: t1, t2\n"
            "     members: hawk-a, hawk-b (spread 0.33)\n"
            "  On their own: dove, loner\n")

    def test_the_short_headers_only_when_the_full_ones_do_not_fit(self) -> None:
        matrix = pair_matrix(TestMatrixCamps.corpus)
        full = "  a       b       agree  disagree  partial  both  hamming   bna  edit"
        assert full == to_term(matrix, width=len(full)).split("\n\n")[1].splitlines()[1]
        assert "  a       b       agr  dis  par  both   ham   bna  edit" == \
            to_term(matrix, width=len(full) - 1).split("\n\n")[1].splitlines()[1]

    def test_columns_two_spaces_apart_while_they_fit_then_one(self) -> None:
        matrix = pair_matrix(TestMatrixCamps.corpus)
        assert "  a       b       agr  dis  par  both   ham   bna  edit" == \
            to_term(matrix, width=55).split("\n\n")[1].splitlines()[1]
        assert "  a      b      agr dis par both  ham  bna edit" == to_term(matrix, width=54).split("\n\n")[1].splitlines()[1]

    def test_too_wide_the_voice_columns_give_a_column_at_a_time_down_to_four(self) -> None:
        matrix = pair_matrix(_voices(albatross_one={"t": Position.AGREE}, albatross_two={"t": Position.DISAGREE}))

        def rows(width: int) -> list[str]:
            return to_term(matrix, width=width).split("\n\n")[3].splitlines()[1:3]
        assert ["  a     b      agr dis par both  ham  bna edit",
                "  alba… albat…   0   1   0    1 1.00 0.00 1.00"] == rows(46)   # the wider of the two first
        assert ["  a    b     agr dis par both  ham  bna edit",
                "  alb… alba…   0   1   0    1 1.00 0.00 1.00"] == rows(44)
        assert ["  a    b    agr dis par both  ham  bna …",
                "  alb… alb…   0   1   0    1 1.00 0.00 …"] == rows(40)   # four wide at least; then cut at the end

    def test_in_colour_the_headers_are_bold_and_the_pairs_plain(self) -> None:
        lines = to_term(pair_matrix(TestMatrixCamps.corpus), width=80, color=True).split("\n\n")[1].splitlines()
        assert lines[1].startswith("  \x1b[1ma     \x1b[0m  \x1b[1mb     \x1b[0m  \x1b[1magree\x1b[0m")
        assert "  hawk-a  hawk-b      2         0        0     2     0.00  1.00  0.33" == lines[2]

    def test_the_heading_counts_in_the_singular_and_wraps_under_itself(self) -> None:
        one = pair_matrix(_voices(a={"t": Position.AGREE}, b={"t": Position.AGREE}))
        assert to_term(one, width=80).startswith("Pairs of voices: 1 (2 voices, 1 thesis)\n\n")
        assert to_md(one).startswith("## Pairs of voices: 1 (2 voices, 1 thesis)\n\n")
        assert to_term(pair_matrix(TestMatrixCamps.corpus), width=24).startswith(
            "Pairs of voices: 6 (4\n  voices, 4 theses)\n\n")

    def test_a_narrow_terminal_wraps_each_section_title_under_itself(self) -> None:
        term = to_term(pair_matrix(TestMatrixCamps.corpus), width=34)
        assert "\n\nClosest (lowest hamming; ties:\n  more theses in common)\n  a    b " in term

    def test_markdown(self) -> None:
        matrix = pair_matrix(TestMatrixCamps.corpus)
        assert to_md(matrix, camps=clusters(matrix)) == (
            "## Pairs of voices: 6 (4 voices, 4 theses)\n"
            "\n"
            "### Closest\n"
            "\n"
            "Lowest hamming; ties: more theses in common.\n"
            "\n"
            "| `a` | `b` | agree | disagree | partial | both | hamming | bna | edit |\n"
            "| :-- | :-- | --: | --: | --: | --: | --: | --: | --: |\n"
            "| hawk-a | hawk-b | 2 | 0 | 0 | 2 | 0.00 | 1.00 | 0.33 |\n"
            "| dove | hawk-a | 0 | 2 | 0 | 2 | 1.00 | 0.00 | 1.00 |\n"
            "| dove | hawk-b | 0 | 2 | 0 | 2 | 1.00 | 0.00 | 1.00 |\n"
            "\n"
            "### Most opposed\n"
            "\n"
            "Highest hamming.\n"
            "\n"
            "| `a` | `b` | agree | disagree | partial | both | hamming | bna | edit |\n"
            "| :-- | :-- | --: | --: | --: | --: | --: | --: | --: |\n"
            "| dove | hawk-a | 0 | 2 | 0 | 2 | 1.00 | 0.00 | 1.00 |\n"
            "| dove | hawk-b | 0 | 2 | 0 | 2 | 1.00 | 0.00 | 1.00 |\n"
            "\n"
            "### All pairs\n"
            "\n"
            "By edit distance.\n"
            "\n"
            "| `a` | `b` | agree | disagree | partial | both | hamming | bna | edit |\n"
            "| :-- | :-- | --: | --: | --: | --: | --: | --: | --: |\n"
            "| hawk-a | hawk-b | 2 | 0 | 0 | 2 | 0.00 | 1.00 | 0.33 |\n"
            "| dove | hawk-a | 0 | 2 | 0 | 2 | 1.00 | 0.00 | 1.00 |\n"
            "| dove | hawk-b | 0 | 2 | 0 | 2 | 1.00 | 0.00 | 1.00 |\n"
            "| dove | loner | 0 | 0 | 0 | 0 | — | — | 1.00 |\n"
            "| hawk-a | loner | 0 | 0 | 0 | 0 | — | — | 1.00 |\n"
            "| hawk-b | loner | 0 | 0 | 0 | 0 | — | — | 1.00 |\n"
            "\n"
            "### Edit distance\n"
            "\n"
            "|  | `dove` | `hawk-a` | `hawk-b` | `loner` |\n"
            "| :-- | --: | --: | --: | --: |\n"
            "| `dove` | 0.00 | 1.00 | 1.00 | 1.00 |\n"
            "| `hawk-a` | 1.00 | 0.00 | 0.33 | 1.00 |\n"
            "| `hawk-b` | 1.00 | 0.33 | 0.00 | 1.00 |\n"
            "| `loner` | 1.00 | 1.00 | 1.00 | 0.00 |\n"
            "\n"
            "hamming = (disagree + partial) / both; bna = 1 - hamming (both: theses both address; none when both = 0); edit = (disagree + partial + theses only one addresses) / theses either addresses.\n"
            "\n"
            "In plain words:\n"
            "\n"
            "- **both**: the theses both voices take a stance on.\n"
            "- **agree**: of those, how many they take the same position on (both mixed counts).\n"
            "- **hamming**: the share of \\`both\\` where they differ (one disagrees, or one is mixed): 0 = always the same position, 1 = never.\n"
            "- **bna**: the share of \\`both\\` where they agree: 1 - hamming (Betz's normalised agreement); none when they share no thesis.\n"
            "- **edit**: of the theses at least one of them addresses, the share where they differ or only one speaks. Silence counts as a difference here, so voices that write about different things are far apart; the camps are drawn on this.\n"
            "\n"
            "### Camps\n"
            "\n"
            "Average linkage on edit distance, cut at 0.50.\n"
            "\n"
            "1. all agree: t1, t2 (hawk-a, hawk-b (spread 0.33))\n"
            "\n"
            "On their own: dove, loner.\n")


class TestLatexWhole:
    def test_the_table_its_key_reasons_and_sources(self) -> None:
        assert to_latex(TestTermTable._table(), references=[("r", "Lind, J. (2024). A Book.")]) == (
            "% argmap stance table. \\input this into a document that loads booktabs\n"
            "% (\\usepackage{booktabs}). To change the symbols, define \\argmapagree, \\argmapdisagree,\n"
            "% \\argmapmixed and \\argmapsilent before the \\input (e.g. \\checkmark from amssymb).\n"
            "\\providecommand{\\argmapagree}{\\ensuremath{\\surd}}\n"
            "\\providecommand{\\argmapdisagree}{\\ensuremath{\\times}}\n"
            "\\providecommand{\\argmapmixed}{\\ensuremath{\\pm}}\n"
            "\\providecommand{\\argmapsilent}{\\ensuremath{\\cdot}}\n"
            "\\begingroup\\footnotesize\\setlength{\\tabcolsep}{3pt}\n"
            "\\noindent\\begin{tabular}{@{}l*{2}{c}@{\\quad}rrrrl@{}}\n"
            "\\toprule\n"
            "Thesis & li & ye & \\argmapagree & \\argmapdisagree & \\argmapmixed & \\argmapsilent & Verdict \\\\\n"
            "\\midrule\n"
            "t1 & \\argmapagree & \\argmapdisagree & 1 & 1 & 0 & 0 & contested \\\\\n"
            "t2 & \\argmapmixed & \\argmapsilent & 0 & 0 & 1 & 1 & lone \\\\\n"
            "t3 & \\argmapsilent & \\argmapsilent & 0 & 0 & 0 & 2 & unaddressed \\\\\n"
            "\\bottomrule\n"
            "\\end{tabular}\n"
            "\\par\\medskip\\raggedright\n"
            "\\noindent \\argmapagree~agree; \\argmapdisagree~disagree; \\argmapmixed~mixed; \\argmapsilent~silent.\\par\n"
            "\\noindent \\textbf{contested}: at least one voice agrees and at least one disagrees; \\textbf{consensus}: two or more voices speak and all take the same position; \\textbf{qualified}: two or more speak, differing only because some are mixed; \\textbf{lone}: only one voice speaks; \\textbf{unaddressed}: no voice speaks.\\par\n"
            "\\noindent Voices: \\textbf{li}~Jennifer Lind (2024); \\textbf{ye}~yeo.\\par\n"
            "\\smallskip\n"
            "\\noindent\\hangindent=1em\\hangafter=1\\textbf{t1}: One --- \\emph{lind}~\\argmapagree: c, d; \\emph{yeo}~\\argmapdisagree: d\\par\n"
            "\\noindent\\hangindent=1em\\hangafter=1\\textbf{t2}: Two --- \\emph{lind}~\\argmapmixed: c, yeo/d\\par\n"
            "\\noindent\\hangindent=1em\\hangafter=1\\textbf{t3}: Three\\par\n"
            "\\smallskip\n"
            "\\noindent\\textbf{Sources}\\par\n"
            "\\noindent\\hangindent=1em\\hangafter=1 Lind, J. (2024). A Book.\\par\n"
            "\\endgroup\n")
