"""Import names what it cannot carry: each construct of the input that no map holds is a warning
that says what it is and where it is in the input."""

from __future__ import annotations

from argmap.interop.aif import from_aif
from argmap.interop.argdown import from_argdown, to_argdown

from conftest import INTEROP, needs_shared

ARGDOWN = """\
===
title: Energy subsidies
author: A. Writer
===

# Costs

<Subsidy cost>: Subsidies cost the budget dearly. #fiscal

(1) Subsidies cost 2% of GDP.
(2) What costs 2% of GDP should end.
----
(3) Subsidies should end.
"""


def losses(problems) -> list[tuple[int, str]]:
    return [(p.location.line, p.message) for p in problems
            if p.code in ("not-mapped", "mapped-as")]


class TestArgdown:
    def test_front_matter_heading_name_and_pcs_each_named_where_they_are(self) -> None:
        found = losses(from_argdown(ARGDOWN, "energy.argdown").problems)
        lines = {line for line, _ in found}
        text = "\n".join(message for _, message in found)
        assert {2, 3, 6, 8} <= lines
        assert "front matter 'title' ('Energy subsidies')" in text
        assert "front matter 'author' ('A. Writer')" in text
        assert "heading # 'Costs'" in text
        assert "argument <Subsidy cost>: its premise-conclusion structure (3 statements" in text

    def test_an_argument_without_pcs_says_it_becomes_a_claim(self) -> None:
        found = losses(from_argdown("[A]: a\n  + <Why>: because\n", "f.argdown").problems)
        assert [(2, "argument <Why> becomes a claim (argmap has no arguments); its name is kept "
                    "only as the claim's id")] == found

    def test_our_own_export_loses_nothing(self, corpus) -> None:
        text = to_argdown(corpus)
        assert [] == losses(from_argdown(text, "export.argdown").problems)

    def test_a_basis_within_one_voice_is_named_and_its_note_kept(self) -> None:
        text = ('[a/x]: x #a {"bases": [{"type": "support", "to": "a/y", "basis": "contrast", '
                '"note": "why"}]}\n  +> [a/y]\n\n[a/y]: y #a\n')
        imported = from_argdown(text, "f.argdown")

        assert [(2, "a relation within one voice says basis 'contrast', which only a relation "
                    "across voices has; imported without it")] == losses(imported.problems)
        (relation,) = imported.corpus.map("a").claim("x").supports
        assert (None, "why") == (relation.basis, relation.note)

    def test_a_text_edited_in_argdown_wins_over_the_exact_text_in_its_data(self) -> None:
        text = ('[m/a]: new words #m {"text": "old\\nwords"}\n\n'
                '[m/b]: old words #m {"text": "old\\nwords"}\n')
        imported = from_argdown(text, "f.argdown")

        assert ["new words", "old\nwords"] == [c.text for c in imported.corpus.map("m").claims]
        assert [(1, '[m/a]: its text differs from the "text" in its data (edited in Argdown?); '
                    "the statement's own text is kept")] == losses(imported.problems)

    @needs_shared
    def test_real_file(self) -> None:
        path = INTEROP / "argdown" / "legalisation-softdrugs.argdown"
        found = losses(from_argdown(path.read_text(encoding="utf-8"), str(path)).problems)
        messages = [m for _, m in found]
        assert any(m.startswith("front matter 'title' ('Pros and Cons") for m in messages)
        assert any(m.startswith("front matter 'author' ('Gregor Betz") for m in messages)
        assert any("<No harm, no ban>" in m for m in messages)


@needs_shared
class TestAif:
    def test_timestamps_and_person_ids_are_named(self) -> None:
        path = INTEROP / "aif" / "arguebuf-nodeset6064-dialogue.json"
        imported = from_aif([(str(path), path.read_text(encoding="utf-8"))])
        messages = [m for _, m in losses(imported.problems)]
        assert any(m.startswith("52 node timestamp(s) not carried") for m in messages)
        assert any(m.startswith("13 locution time(s)") for m in messages)
        assert any(m.startswith("AIF person id(s) 409, 437 not carried") for m in messages)

    def test_ova_layout_and_schemes_are_named(self) -> None:
        path = INTEROP / "aif" / "arguebuf-ts-xaif-ova.json"
        imported = from_aif([(str(path), path.read_text(encoding="utf-8"))])
        messages = [m for _, m in losses(imported.problems)]
        assert any(m.startswith("the OVA section") for m in messages)
        assert any("schemefulfillments" in m for m in messages)

    def test_our_own_export_loses_nothing(self, corpus) -> None:
        from argmap.interop.aif import to_aif

        imported = from_aif([("export.json", to_aif(corpus))])
        assert [] == [m for _, m in losses(imported.problems) if "not carried" in m]
