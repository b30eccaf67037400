"""Hostile and broken YAML: a located message, a non-zero exit, no traceback, no hang, no change."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import _yaml
from argmap.errors import ArgmapError
from argmap.load import load_corpus_or_raise

VALID = "argmap: 1\nauthors:\n  - name: A\nclaims:\n  - id: a\n    text: A.\n"


def run_check(folder: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "argmap", "check", str(folder)],
                          capture_output=True, text=True, timeout=timeout)


def codes_for(tmp_path: Path, data: bytes) -> tuple[list[str], subprocess.CompletedProcess]:
    path = tmp_path / "m.yaml"
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    result = run_check(tmp_path)
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest(), "input file was modified"
    assert "Traceback" not in result.stderr + result.stdout
    codes = [line.rsplit("[", 1)[1].rstrip("]") for line in result.stdout.splitlines() if line.endswith("]")]
    return codes, result


def billion_laughs(levels: int = 9) -> bytes:
    lines = ["argmap: 1", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


CASES = {
    "billion laughs": (billion_laughs(), ["alias-refused"]),
    "10,000-deep flow nesting": (b"argmap: 1\nx: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", ["too-deep"]),
    "10,000-deep block nesting": (b"argmap: 1\n" + b"".join(b" " * i + b"k:\n" for i in range(0, 20_000, 2)),
                                  ["too-deep"]),
    "invalid UTF-8": (b"argmap: 1\nid: \xc3\x28\n", ["not-utf8"]),
    "UTF-16 with BOM": ("argmap: 1\n".encode("utf-16"), ["not-utf8"]),
    "NUL bytes": (b"argmap: 1\x00\n", ["not-utf8"]),
    "tabs": (b"argmap: 1\nauthors:\n\t- name: A\n", ["yaml-syntax"]),
    "duplicate keys": (b"argmap: 1\nsources:\n  - id: a\n    id: b\n", ["duplicate-key"]),
    "python object tag": (b"argmap: 1\nid: !!python/object/apply:os.system ['touch /tmp/argmap-pwned']\n",
                          ["tag-refused"]),
    "python name tag": (b"argmap: 1\nid: !!python/name:os.system\n", ["tag-refused"]),
    "non-string keys": (b"argmap: 1\n? [a, b]\n: c\n", ["wrong-type"]),
    "multiple documents": (b"argmap: 1\n---\nargmap: 1\n", ["yaml-syntax"]),
    "a list, not a mapping": (b"- argmap: 1\n", ["not-a-mapping"]),
    "a bare scalar": (b"hello\n", ["not-a-mapping"]),
    "unterminated quote": (b"argmap: 1\nid: 'abc\n", ["yaml-syntax"]),
}


class TestHostileFiles:
    @pytest.mark.parametrize("name", sorted(CASES))
    def test_located_message_and_exit_1(self, tmp_path: Path, name: str) -> None:
        data, expected = CASES[name]
        codes, result = codes_for(tmp_path, data)
        assert 1 == result.returncode, result.stderr
        assert expected == codes
        for line in result.stdout.splitlines():
            assert line.startswith(f"{tmp_path / 'm.yaml'}:"), line

    def test_python_tag_constructs_nothing(self, tmp_path: Path) -> None:
        marker = Path("/tmp/argmap-pwned")
        marker.unlink(missing_ok=True)
        codes_for(tmp_path, CASES["python object tag"][0])
        assert not marker.exists()

    def test_crlf_line_ends_are_fine(self, tmp_path: Path) -> None:
        codes, result = codes_for(tmp_path, VALID.replace("\n", "\r\n").encode())
        assert ["missing-evidence"] == codes
        assert 0 == result.returncode

    def test_crlf_positions_are_exact(self, tmp_path: Path) -> None:
        data = VALID.replace("text: A.", "txt: A.").replace("\n", "\r\n").encode()
        _, result = codes_for(tmp_path, data)
        assert f"{tmp_path / 'm.yaml'}:6:5: error: unknown key 'txt' (did you mean 'text'?) [unknown-key]" \
            in result.stdout.splitlines()

    def test_utf8_bom_is_accepted(self, tmp_path: Path) -> None:
        codes, _result = codes_for(tmp_path, b"\xef\xbb\xbf" + VALID.encode())
        assert ["missing-evidence"] == codes

    def test_one_megabyte_line(self, tmp_path: Path) -> None:
        data = VALID.replace("text: A.", "text: " + "x" * 1_000_000).encode()
        start = time.monotonic()
        codes, _result = codes_for(tmp_path, data)
        assert ["missing-evidence"] == codes
        assert time.monotonic() - start < 30

    def test_fifty_megabyte_file(self, tmp_path: Path) -> None:
        """Big but valid: loads, without hanging (bounded by the subprocess timeout)."""
        claim = "  - id: c{0}\n    text: " + "word " * 60 + "\n    evidence:\n      - quote: q\n"
        body = "".join(claim.format(i) for i in range(140_000))
        data = ("argmap: 1\nauthors:\n  - name: A\nsource: s\nsources:\n  - id: s\nclaims:\n" + body).encode()
        assert len(data) > 50_000_000
        _codes, result = codes_for(tmp_path, data)
        assert 0 == result.returncode, result.stderr[-500:]
        assert "140000 claims" in result.stderr


class TestLoaderNeverRaisesOtherwise:
    """Random bytes and random YAML trees: a corpus or an ArgmapError, nothing else."""

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.binary(max_size=300))
    def test_random_bytes(self, tmp_path: Path, data: bytes) -> None:
        (tmp_path / "m.yaml").write_bytes(data)
        try:
            load_corpus_or_raise([tmp_path])
        except ArgmapError as exc:
            assert exc.problems

    yaml_trees = st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10),
                  st.sampled_from(["argmap", "claims", "id", "text", "authors", "stances", "1"])),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.sampled_from(["argmap", "id", "text", "claims", "authors", "name",
                                             "evidence", "quote", "stances", "thesis", "position",
                                             "because", "supports", "sources", "theses", "x"]),
                            children, max_size=5)),
        max_leaves=25)

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(tree=yaml_trees)
    def test_random_trees(self, tmp_path: Path, tree) -> None:
        import yaml

        if isinstance(tree, dict):
            tree.setdefault("argmap", 1)
        (tmp_path / "m.yaml").write_text(yaml.safe_dump(tree), encoding="utf-8")
        try:
            load_corpus_or_raise([tmp_path])
        except ArgmapError as exc:
            assert all(p.location.line >= 1 and p.location.column >= 1 for p in exc.problems)

    @settings(max_examples=200, deadline=None)
    @given(text=st.text(max_size=200))
    def test_parse_returns_problems_not_exceptions(self, text: str) -> None:
        _tree, problems = _yaml.parse(text, "x.yaml")
        assert all(p.code for p in problems)
