"""Random valid maps survive the loader, `fmt` and the JSON Schema unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import _yaml
from argmap.fmt import format_text
from argmap.load import build_corpus, load_document
from argmap.schema import json_schema
from argmap.serialise import map_to_yaml

from conftest import MAPS
from strategies import voiced_maps

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_map(path: Path):
    document, problems = load_document(path)
    assert [] == [p.format() for p in problems]
    return build_corpus([(path, document)]).maps[0]


class TestLoaderRoundTrip:
    @SETTINGS
    @given(m=voiced_maps())
    def test_dump_then_load_gives_the_same_map(self, tmp_path_factory, m) -> None:
        path = tmp_path_factory.mktemp("rt") / f"{m.id}.yaml"
        path.write_text(map_to_yaml(m), encoding="utf-8")
        assert m == _load_map(path)


class TestFmt:
    @SETTINGS
    @given(m=voiced_maps(), style=st.sampled_from([None, True]))
    def test_fmt_keeps_the_map(self, tmp_path_factory, m, style) -> None:
        """Any layout in, canonical layout out, same model; and fmt is idempotent."""
        from argmap.serialise import map_to_plain

        text = yaml.safe_dump(map_to_plain(m), default_flow_style=style, allow_unicode=True, sort_keys=True)
        formatted, problems = format_text(text, "m.yaml")
        assert [] == problems
        path = tmp_path_factory.mktemp("fmt") / f"{m.id}.yaml"
        path.write_text(formatted, encoding="utf-8")
        assert m == _load_map(path)
        assert formatted == format_text(formatted, "m.yaml")[0]

    def test_comments_and_wording_survive(self) -> None:
        text = (
            "# header comment\n"
            "claims:  # the claims\n"
            "- text: 'Keep   this  spacing'   # trailing comment\n"
            "  id: a\n"
            "  evidence:\n"
            "  - {kind: reported, quote: \"q\"}\n"
            "authors: [{name: X}]  # who\n"
            "argmap: 1\n"
        )
        formatted, problems = format_text(text, "m.yaml")
        assert [] == problems
        for comment in ("# header comment", "# the claims", "# trailing comment", "# who"):
            assert comment in formatted
        assert "'Keep   this  spacing'" in formatted
        assert formatted.index("argmap:") < formatted.index("authors:") < formatted.index("claims:")
        assert formatted.index("id: a") < formatted.index("text:")

    def test_relations_across_voices_keep_their_form_and_comments(self) -> None:
        text = (
            "argmap: 1\n"
            "claims:\n"
            "  - id: a\n"
            "    text: A\n"
            "    attacks: [b]\n"
            "    supports:\n"
            "      - b   # within the voice\n"
            "      - note: Set side by side.  # why\n"
            "        basis: contrast\n"
            "        target: o/x\n"
            "      - {evidence: [{quote: q}], target: o/y, basis: reply}\n"
            "    undercuts:\n"
            "      - {note: N., basis: contrast, to: o/y, from: o/x}\n"
        )
        formatted, problems = format_text(text, "m.yaml")
        assert [] == problems
        assert "    attacks: [b]\n" in formatted
        assert ("      - b   # within the voice\n"
                "      - target: o/x\n"
                "        basis: contrast\n"
                "        note: Set side by side.  # why\n") in formatted
        assert ("      - target: o/y\n        basis: reply\n        evidence:\n"
                "          - quote: q\n") in formatted
        assert "      - from: o/x\n        to: o/y\n        basis: contrast\n        note: N.\n" in formatted

    def test_refuses_broken_yaml(self) -> None:
        formatted, problems = format_text("argmap: 1\nclaims: [\n", "m.yaml")
        assert formatted is None
        assert ["yaml-syntax"] == [p.code for p in problems]

    def test_check_flag_reports_without_writing(self, tmp_path: Path) -> None:
        from argmap.cli import main

        path = tmp_path / "m.yaml"
        original = b"authors: [{name: X}]\nargmap: 1\n"
        path.write_bytes(original)
        assert 1 == main(["fmt", "--check", str(path)])
        assert original == path.read_bytes()
        assert 0 == main(["fmt", str(path)])
        assert b"argmap: 1\nauthors:\n  - name: X\n" == path.read_bytes()
        assert 0 == main(["fmt", "--check", str(path)])

    def test_shipped_maps_are_formatted(self) -> None:
        """The corpus we ship is in canonical layout (run `argmap fmt maps/` after editing)."""
        for path in sorted(MAPS.glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            assert text == format_text(text, str(path))[0], path.name


@pytest.fixture(scope="module")
def validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


class TestSchema:
    def test_shipped_maps_validate(self, validator) -> None:
        files = sorted(MAPS.glob("*.yaml"))
        assert files
        for path in files:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data = json.loads(json.dumps(data, default=str))
            assert [] == [e.message for e in validator.iter_errors(data)], path.name

    @SETTINGS
    @given(m=voiced_maps())
    def test_generated_maps_validate(self, validator, m) -> None:
        from argmap.serialise import map_to_plain

        assert [] == [e.message for e in validator.iter_errors(map_to_plain(m))]

    def test_schema_rejects_unknown_keys(self, validator) -> None:
        bad = {"argmap": 1, "claims": [{"id": "a", "text": "x", "suports": []}]}
        assert ["additionalProperties"] == [e.validator for e in validator.iter_errors(bad)]

    @pytest.mark.parametrize("entry, valid", [
        ("o/x", True),
        ({"target": "o/x", "basis": "contrast", "note": "Why."}, True),
        ({"target": "o/x", "basis": "contrast"}, False),
        ({"target": "o/x", "basis": "contrast", "note": "N", "evidence": [{"quote": "q"}]}, False),
        ({"target": "o/x", "basis": "reply", "evidence": [{"quote": "q"}]}, True),
        ({"target": "o/x", "basis": "reply"}, False),
        ({"target": "o/x", "basis": "rebuttal", "note": "N"}, False),
    ])
    def test_schema_knows_whose_relation(self, validator, entry, valid) -> None:
        data = {"argmap": 1, "claims": [{"id": "a", "text": "x", "attacks": [entry]}]}
        assert valid == validator.is_valid(data)

    def test_schema_knows_every_model_field(self) -> None:
        """The schema is hand-written; this keeps it in step with the loader's fields."""
        from argmap.load import _FIELDS, Document
        from argmap.model import Author, Claim, Evidence, Relation, Source, Stance, Thesis, Undercut

        defs = json_schema()["$defs"]
        names = {Author: "author", Evidence: "evidence", Relation: "relation", Undercut: "undercut",
                 Claim: "claim",
                 Stance: "stance", Source: "source", Thesis: "thesis"}
        for cls, name in names.items():
            assert _FIELDS[cls] == sorted(defs[name]["properties"]), name
        assert _FIELDS[Document] == sorted(json_schema()["properties"])

    def test_cli_prints_the_schema(self, capsys) -> None:
        from argmap.cli import main

        assert 0 == main(["schema"])
        assert json_schema() == json.loads(capsys.readouterr().out)


class TestMarks:
    def test_marks_are_one_based(self) -> None:
        tree, problems = _yaml.parse("argmap: 1\nclaims:\n  - id: a\n", "x")
        assert [] == problems
        assert (2, 1) == tree.key_mark("claims")
        assert (3, 5) == tree["claims"][0].key_mark("id")
        assert (3, 9) == tree["claims"][0].value_mark("id")
