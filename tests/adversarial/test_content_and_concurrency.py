"""Content that looks valid but is not, and two builds racing into one folder."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from argmap.pipeline import load_and_check

HEADER = """\
argmap: 1
sources:
  - id: s
theses:
  - id: t
    text: T.
"""


def codes(folder: Path) -> list[tuple[str, str, int, int]]:
    _, problems = load_and_check([folder])
    return [(Path(p.location.path).name, p.code, p.location.line, p.location.column) for p in problems
            if p.severity.value == "error"]


def write_map(folder: Path, name: str, body: str) -> None:
    (folder / name).write_text(textwrap.dedent(body), encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "corpus.yaml").write_text(HEADER, encoding="utf-8")
    return tmp_path


class TestContent:
    @pytest.mark.parametrize("ident", ["\u0430pology", "apology ", "Apology", "apo_logy", "ａpology"])
    def test_lookalike_and_padded_ids_are_bad_ids(self, folder: Path, ident: str) -> None:
        write_map(folder, "m.yaml", f"""\
            argmap: 1
            authors: [{{name: A}}]
            source: s
            claims:
              - id: "{ident}"
                text: X.
                evidence: [{{quote: q}}]
            """)
        assert [("m.yaml", "bad-id", 5, 9)] == codes(folder)

    def test_self_reference_through_the_maps_own_name(self, folder: Path) -> None:
        write_map(folder, "m.yaml", """\
            argmap: 1
            authors: [{name: A}]
            source: s
            claims:
              - id: a
                text: X.
                evidence: [{quote: q}]
                attacks: [m/a]
            """)
        assert [("m.yaml", "self-reference", 8, 15)] == codes(folder)

    def test_support_cycles_across_maps_load_and_terminate(self, folder: Path) -> None:
        for name, other in (("m", "n"), ("n", "m")):
            write_map(folder, f"{name}.yaml", f"""\
                argmap: 1
                authors: [{{name: A}}]
                source: s
                claims:
                  - id: a
                    text: X.
                    evidence: [{{quote: q}}]
                    supports: [{{target: {other}/a, basis: contrast, note: N.}}]
                    attacks: [{{target: {other}/a, basis: contrast, note: N.}}]
                """)
        assert [] == codes(folder)
        result = subprocess.run([sys.executable, "-m", "argmap", "analyze", str(folder), "--format", "json"],
                                capture_output=True, text=True, timeout=60)
        assert 0 == result.returncode, result.stderr

    @pytest.mark.parametrize("field, value, code", [
        ("text", '""', "bad-value"),
        ("text", '"   "', "bad-value"),
        ("quote", '""', "bad-value"),
    ])
    def test_empty_strings(self, folder: Path, field: str, value: str, code: str) -> None:
        text = value if field == "text" else "X."
        quote = value if field == "quote" else "q"
        write_map(folder, "m.yaml", f"""\
            argmap: 1
            authors: [{{name: A}}]
            source: s
            claims:
              - id: a
                text: {text}
                evidence: [{{quote: {quote}}}]
            """)
        assert [code] == [c for _, c, _, _ in codes(folder)]

    def test_ten_thousand_claims_and_a_long_quote(self, folder: Path) -> None:
        claims = "".join(f"  - id: c{i}\n    text: Claim {i}.\n    evidence: [{{quote: q}}]\n"
                         for i in range(10_000))
        long_quote = "word " * 20_000
        (folder / "m.yaml").write_text(
            "argmap: 1\nauthors: [{name: A}]\nsource: s\nclaims:\n" + claims
            + f"  - id: long\n    text: Long.\n    evidence: [{{quote: \"{long_quote}\"}}]\n",
            encoding="utf-8")
        assert [] == codes(folder)


class TestConcurrentBuilds:
    def test_two_builds_into_one_folder_leave_a_complete_consistent_result(self, tmp_path: Path) -> None:
        from conftest import MAPS

        def build(into: Path) -> list[str]:
            return [sys.executable, "-m", "argmap", "build", str(MAPS), "-o", str(into), "--no-diagrams"]

        out = tmp_path / "out"
        runs = [subprocess.Popen(build(out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]
        for run in runs:
            _, err = run.communicate(timeout=120)
            assert 0 == run.returncode, err.decode()[-800:]
        reference = tmp_path / "reference"
        subprocess.run(build(reference), check=True, capture_output=True)

        def digest(root: Path) -> dict[str, str]:
            return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
                    for p in sorted(root.rglob("*")) if p.is_file()}

        assert digest(reference) == digest(out)
        assert not list(out.rglob("*.tmp")), "a temporary file was left behind"
