"""The language server's reading of a map's text: the cursor's context, columns, names' spans.

These are the parts of `argmap lsp` that work on half-typed text, where a parse fails; the
server as a whole is driven over stdio in tests/test_lsp.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.lsp.index import index_text
from argmap.lsp.text import context_at, from_utf16, to_utf16, value_span

MAP = """argmap: 1
id: lind
source: gj-2024-webinar
claims:
  - id: fatigue
    text: Apologies are overlooked.
    evidence:
      - quote: "overshadows Japan's numerous apologies"
        kind: reported
        source: 'gj-2024-webinar'
    supports: [overrated, yeo/warming]
    attacks:
      - target: yeo/public-opinion
        basis: contrast
        note: Two readings of the same polls.
    undercuts:
      - from: yeo/tourism
        to: yeo/warming
  - id: overrated
    text: History is overrated.
stances:
  - thesis: history-main-barrier
    position: disagree
    because:
      - fatigue
"""


def _cursor(text: str, marker: str) -> tuple[list[str], int, int]:
    """The lines and the (row, column) just after the first `marker`."""
    index = text.index(marker) + len(marker)
    row = text.count("\n", 0, index)
    return text.split("\n"), row, index - (text.rfind("\n", 0, index) + 1)


@pytest.mark.parametrize(("marker", "path", "key"), [
    ("argmap: ", (), "argmap"),
    ("        kind: ", ("claims", "evidence"), "kind"),
    ("supports: [overrated, yeo/", ("claims",), "supports"),
    ("      - target: ", ("claims", "attacks"), "target"),
    ("        basis: ", ("claims", "attacks"), "basis"),
    ("      - from: ", ("claims", "undercuts"), "from"),
    ("  - thesis: ", ("stances",), "thesis"),
    ("    position: ", ("stances",), "position"),
    ("      - fat", ("stances",), "because"),
])
def test_context_of_a_value(marker: str, path: tuple[str, ...], key: str) -> None:
    lines, row, column = _cursor(MAP, marker)
    context = context_at(lines, row, column)
    assert (context.path, context.key) == (path, key)


def test_context_where_a_key_goes_even_when_the_yaml_is_broken() -> None:
    text = MAP.replace("    text: History is overrated.\n", "    text: [History is\n    \n", 1)
    lines, row, column = _cursor(text, "    text: [History is\n    ")
    context = context_at(lines, row, column)
    assert (context.path, context.key) == (("claims",), None)
    lines, row, column = _cursor(text, "      - quote: \"overshadows Japan's numerous apologies\"\n        ")
    assert context_at(lines, row, column).path == ("claims", "evidence")


def test_the_prefix_is_the_id_typed_so_far() -> None:
    lines, row, column = _cursor(MAP, "supports: [overrated, yeo/war")
    context = context_at(lines, row, column)
    assert (context.prefix, lines[row][context.start:column]) == ("yeo/war", "yeo/war")


def test_names_in_both_forms_of_a_relation_and_quoted_ids() -> None:
    index = index_text(Path("maps/lind.yaml"), MAP)
    lines = MAP.split("\n")
    found = {(n.kind, n.key, n.definition, lines[n.line][n.start:n.end]) for n in index.names if not n.implicit}
    assert {
        ("map", "lind", True, "lind"),
        ("claim", "lind/fatigue", True, "fatigue"),
        ("claim", "lind/overrated", False, "overrated"),           # plain id in this map
        ("map", "yeo", False, "yeo"),                               # the map part of yeo/warming
        ("claim", "yeo/warming", False, "warming"),                 # ... and its claim part
        ("claim", "yeo/public-opinion", False, "public-opinion"),   # `target:` of a mapping
        ("claim", "yeo/tourism", False, "tourism"),                 # undercut ends
        ("source", "gj-2024-webinar", False, "gj-2024-webinar"),    # quoted: the span is inside
        ("thesis", "history-main-barrier", False, "history-main-barrier"),
        ("claim", "lind/fatigue", False, "fatigue"),                # in `because`
    } <= found
    assert [(s.kind, s.name) for s in index.symbols] == [
        ("claim", "fatigue"), ("claim", "overrated"), ("stance", "history-main-barrier")]
    fatigue = index.symbols[0]
    assert (fatigue.first, fatigue.last) == (4, 17)  # up to the last line of its undercuts


def test_a_broken_text_keeps_the_last_names() -> None:
    good = index_text(Path("maps/lind.yaml"), MAP)
    broken = index_text(Path("maps/lind.yaml"), MAP + "  - [unclosed\n", good)
    assert not broken.parsed and broken.names == good.names
    fresh = index_text(Path("maps/lind.yaml"), MAP + "  - [unclosed\n")
    assert (fresh.parsed, fresh.map_id, fresh.names) == (False, "lind", ())


def test_a_map_named_by_its_file() -> None:
    index = index_text(Path("maps/yeo.yaml"), "argmap: 1\nauthors:\n  - name: Yeo\n")
    assert index.map_id == "yeo"
    assert [(n.kind, n.key, n.implicit) for n in index.names] == [("map", "yeo", True)]


@pytest.mark.parametrize(("line", "column", "span"), [
    ("  - id: fatigue", 8, "fatigue"),
    ("    supports: [overrated, yeo/warming]", 26, "yeo/warming"),
    ('        quote: "a \\"b\\" c" # note', 15, '"a \\"b\\" c"'),
    ("        source: 'it''s'", 16, "'it''s'"),
    ("    suports: [x]", 4, "suports"),
    ("    text: cut short # here", 10, "cut short"),
])
def test_value_span(line: str, column: int, span: str) -> None:
    start, end = value_span(line, column)
    assert line[start:end] == span


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
       st.integers(min_value=0, max_value=40))
def test_utf16_columns_round_trip(line: str, column: int) -> None:
    column = min(column, len(line))
    units = to_utf16(line, column)
    assert units == len(line[:column].encode("utf-16-le")) // 2
    assert from_utf16(line, units) == column
