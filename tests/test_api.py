"""The public Python API: `argmap.load` and the views that display themselves in Jupyter."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.compare import UnknownIdError, diff_voices, pair_matrix, stance_table
from argmap.errors import ArgmapError

from conftest import MAPS, SOURCES, needs_shared
from strategies import corpora

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def loaded():
    return argmap.load(MAPS, sources=SOURCES if SOURCES.is_dir() else None)


class _Cells(HTMLParser):
    """Column headers and body rows of an HTML table, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self._where: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            if self._text is not None:
                self._text.append(" ")
            return
        self._where.append(tag)
        if tag == "tr" and "tbody" in self._where:
            self.rows.append([])
        if tag in ("th", "td"):
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._text is not None:
            text = " ".join("".join(self._text).split())
            (self.headers if "thead" in self._where else self.rows[-1]).append(text)
            self._text = None
        if self._where and self._where[-1] == tag:
            self._where.pop()

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def cells(html: str) -> _Cells:
    parser = _Cells()
    parser.feed(html)
    return parser


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert argmap.__all__ == sorted(argmap.__all__)
    for name in argmap.__all__:
        assert getattr(argmap, name) is not None
    with pytest.raises(AttributeError):
        argmap.no_such_thing  # noqa: B018


def test_import_argmap_loads_nothing_else() -> None:
    code = ("import sys, argmap; print(sorted(m for m in sys.modules if m.startswith('argmap')));"
            "argmap.load; print('argmap.pipeline' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[0] == "['argmap']"
    assert out[1] == "False"   # naming `argmap.load` does not load a corpus's machinery yet


def test_the_four_modules_are_callable_and_stay_modules(loaded) -> None:
    from argmap.load import load_corpus

    assert argmap.load.load_corpus is load_corpus
    from argmap.render import tables

    assert argmap.render.tables is tables
    assert isinstance(argmap.compare(loaded), argmap.StanceTable)
    assert isinstance(argmap.compare(loaded, "lind", "yeo"), argmap.Diff)
    with pytest.raises(TypeError):
        argmap.compare(loaded, "lind")


@pytest.mark.parametrize("first", ["import argmap.load", "from argmap.render.tables import to_md",
                                   "from argmap import check", "import argmap.compare as c"])
def test_the_modules_are_callable_however_first_imported(first: str) -> None:
    """The package makes them callable as each is attached to it, not `argmap.__getattr__`."""
    code = (f"{first}\nimport sys, argmap\n"
            "print([callable(getattr(argmap, m)) for m in ('check', 'compare', 'load', 'render')])\n"
            "print('argmap._api' in sys.modules, type(argmap.errors).__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == ["[True, True, True, True]", "False module"]


def test_table_html_shows_the_selection(loaded) -> None:
    table = loaded.select(voices=["yeo", "lind"], topic="history").table()
    expected = stance_table(loaded.model, maps=["yeo", "lind"], topic="history")
    parsed = cells(table._repr_html_())
    assert [h.split()[-1] for h in parsed.headers[1:-1]] == ["yeo", "lind"]
    assert len(parsed.rows) == len(expected.rows) > 0
    for row, html_row in zip(expected.rows, parsed.rows, strict=True):
        assert html_row[0].startswith(row.thesis.id)
        for cell, text in zip(row.cells, html_row[1:], strict=False):
            assert (cell.position.value if cell.position else "silent") in text
    assert "<style>" in table._repr_html_()   # a notebook cell carries its own style


def test_select_narrows_and_keeps_the_rest(loaded) -> None:
    some = loaded.select(voices="lind, yeo")
    assert some.voices == ("lind", "yeo")
    narrower = some.select(theses=["history-main-barrier"])
    assert narrower.voices == ("lind", "yeo")
    assert narrower.theses == ("history-main-barrier",)
    assert loaded.voices == tuple(sorted(m.id for m in loaded.model.maps))
    with pytest.raises(UnknownIdError, match="lindd"):
        loaded.select(voices=["lindd"])
    with pytest.raises(UnknownIdError):
        loaded.select(topic="no-such-topic")


def test_diff_html_groups_the_theses_of_the_selection(loaded) -> None:
    full = diff_voices(loaded.model, "lind", "yeo")
    html = loaded.diff("lind", "yeo")._repr_html_()
    for item in full.items:
        assert f"<code>{item.thesis.id}</code>" in html
    one = full.items[0].thesis.id
    narrowed = loaded.select(theses=[one]).diff("lind", "yeo").result
    assert [i.thesis.id for i in narrowed.items] == [one]
    with pytest.raises(UnknownIdError):
        loaded.diff("lind", "nobody")


def _contrast(a: str, b: str) -> float:
    def lum(colour: str) -> float:
        rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("metric", ["edit", "hamming", "bna"])
@pytest.mark.parametrize("topic", [None, "security"])
def test_heatmap_prints_each_pair_readably(loaded, metric, topic) -> None:
    some = loaded.select(voices=["lind", "yeo", "jo", "sahashi"], topic=topic)
    svg = some.matrix(metric)._repr_svg_()
    root = ET.fromstring(svg)
    matrix = pair_matrix(loaded.model, maps=["lind", "yeo", "jo", "sahashi"], topic=topic)
    groups = root.findall(f"{SVG}g")
    assert len(groups) == 4 * 3   # each ordered pair off the diagonal
    for group in groups:
        a, b = re.match(r"(\S+) × (\S+):", group.find(f"{SVG}title").text).groups()
        pair = matrix.pair(a, b)
        value = getattr(pair, metric) if pair.union else None
        text = group.find(f"{SVG}text")
        assert text.text == ("–" if value is None else f"{value:.2f}")
        fill = group.find(f"{SVG}rect").get("fill")
        assert _contrast(fill, text.get("fill")) >= 4.5
    assert svg == some.matrix(metric).svg()   # deterministic
    with pytest.raises(ValueError, match="metric"):
        loaded.matrix("cosine")


def test_diagram_is_drawn_by_dot_and_safe(loaded) -> None:
    diagram = loaded.diagram("lind")
    svg = diagram._repr_svg_()
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    claim = loaded.model.map("lind").claims[0].text.split()[0]
    assert claim in texts
    assert "<script" not in svg and "foreignObject" not in svg
    assert diagram.dot.startswith("digraph lind")


def test_one_selected_thesis_draws_that_thesis(loaded) -> None:
    diagram = loaded.select(voices=["lind", "yeo"], theses=["history-main-barrier"]).diagram()
    assert diagram.view.name == "thesis_history-main-barrier"
    voices = {n.voice for n in diagram.view.nodes if n.voice}
    assert voices <= {"lind", "yeo"}


@pytest.mark.parametrize("view, args, kwargs", [
    ("table", (), {}), ("matrix", (), {}), ("diff", ("lind", "yeo"), {}),
    ("diagram", (), {"voice": "yeo"}), ("handout", (), {"thesis": "history-main-barrier"}),
])
def test_render_gives_one_self_contained_page(loaded, view, args, kwargs) -> None:
    page = argmap.render(loaded, view, *args, **kwargs)
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert "<script" not in page and "<link" not in page
    assert not re.search(r"""\bsrc\s*=|url\(\s*['"]?(https?:)?//""", page)
    assert page == argmap.render(loaded, view, *args, **kwargs)


def test_handout_names_each_voice_on_the_thesis(loaded) -> None:
    thesis = "history-main-barrier"
    html = loaded.handout(thesis)._repr_html_()
    speakers = [m for m in loaded.model.maps if m.stance(thesis)]
    for voice in speakers:
        assert voice.name.replace("'", "&#x27;") in html
    blank = loaded.handout(thesis, blank=True)._repr_html_()
    assert "Fill in each position" in blank


def test_load_errors_are_raised_together_and_check_lists_them(tmp_path) -> None:
    (tmp_path / "a.yaml").write_text("argmap: 1\nid: a\nauthors: [{name: A}]\nclaims:\n"
                                     "  - id: x\n    text: X\n    suports: [y]\n", "utf-8")
    with pytest.raises(ArgmapError) as raised:
        argmap.load(tmp_path)
    codes = [p.code for p in raised.value.problems if p.severity.value == "error"]
    assert "unknown-key" in codes
    assert [p.code for p in argmap.check(tmp_path) if p.severity.value == "error"] == codes
    with pytest.raises(FileNotFoundError):
        argmap.load(tmp_path / "nothing-here")


@needs_shared
def test_shipped_corpus_checks_clean_from_python() -> None:
    assert argmap.check(MAPS, sources=SOURCES) == ()


@given(corpora())
@settings(max_examples=40, deadline=None)
def test_heatmap_of_any_corpus_is_well_formed_and_readable(model) -> None:
    """Every off-diagonal cell once, its number the pair's distance, its ink readable;
    hostile names and ids stay text."""
    matrix = pair_matrix(model)
    svg = argmap.Corpus(model).matrix().svg()
    root = ET.fromstring(svg)
    groups = root.findall(f"{SVG}g")
    n = len(matrix.voices)
    assert len(groups) == n * (n - 1)
    for group in groups:
        text = group.find(f"{SVG}text")
        assert _contrast(group.find(f"{SVG}rect").get("fill"), text.get("fill")) >= 4.5
    expected = sorted(f"{p.edit:.2f}" if p.union else "–" for p in matrix.pairs for _ in (0, 1))
    assert sorted(g.find(f"{SVG}text").text for g in groups) == expected


@given(st.floats(min_value=0, max_value=1))
def test_every_shade_has_readable_ink(amount) -> None:
    from argmap.render import heatmap

    rgb = heatmap._shade(amount)
    assert _contrast(heatmap._hex(rgb), heatmap._ink(rgb)) >= 4.5


@pytest.mark.slow
def test_a_users_type_checker_sees_the_api_functions(tmp_path) -> None:
    """`argmap.load` is a module at run time but the `_api` function to mypy (py.typed, and the
    names imported under TYPE_CHECKING): a user's wrong argument is caught, the result is typed."""
    mypy_api = pytest.importorskip("mypy.api")
    script = tmp_path / "user.py"
    script.write_text("import argmap\n"
                      "corpus = argmap.load('maps')\n"
                      "reveal_type(corpus)\n"
                      "reveal_type(argmap.compare(corpus))\n"
                      "argmap.check(3)\n", encoding="utf-8")
    out, _err, status = mypy_api.run([str(script), "--no-incremental", "--cache-dir", str(tmp_path / "c")])
    assert status == 1, out
    assert 'Revealed type is "argmap._api.Corpus"' in out
    assert 'Revealed type is "argmap._api.StanceTable | argmap._api.Diff"' in out
    assert 'Argument 1 to "check" has incompatible type "int"' in out
    assert "not callable" not in out
    assert "missing library stubs or py.typed" not in out
