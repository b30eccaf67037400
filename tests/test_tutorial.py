"""docs/tutorial.ipynb runs top to bottom in a real Jupyter kernel, shows a table and a diagram, and
docs/tutorial.html is what it renders to now."""

from __future__ import annotations

import html
import importlib.util
import json
import re
from html.parser import HTMLParser

import pytest

import argmap

from conftest import ROOT

pytest.importorskip("nbclient", reason="the notebook extra is not installed")
pytest.importorskip("ipykernel", reason="the notebook extra is not installed")

NOTEBOOK = ROOT / "docs" / "tutorial.ipynb"


def _script():
    spec = importlib.util.spec_from_file_location("tutorial_script", ROOT / "scripts" / "tutorial.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def executed():
    return _script().executed(NOTEBOOK)


def outputs(notebook, mime: str) -> list[str]:
    return [o["data"][mime] for cell in notebook.cells if cell.cell_type == "code"
            for o in cell.outputs if "data" in o and mime in o["data"]]


def test_every_cell_runs_without_error(executed) -> None:
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code)
    assert [o for c in code for o in c.outputs if o.output_type == "error"] == []


def test_outputs_show_a_table_and_a_diagram(executed) -> None:
    html = outputs(executed, "text/html")
    assert any('<table class="argmap-stances"' in h for h in html)
    svgs = outputs(executed, "image/svg+xml")
    assert any('class="graph argmap thesis"' in s for s in svgs)   # the thesis diagram, by dot
    assert any("Pairwise" in s for s in svgs)   # the heatmap
    texts = "".join(o["text"] for c in executed.cells if c.cell_type == "code" for o in c.outputs
                    if o.output_type == "stream")
    assert re.search(r"<argmap corpus: 16 of 16 voices", texts)


def _quotes(corpus: argmap.Corpus, claim: str) -> list[str]:
    voice, claim_id = claim.split("/")
    found = corpus.model.map(voice)
    assert found is not None
    return [e.quote for c in found.claims if c.id == claim_id for e in c.evidence]


def test_lind_and_sahashi_disagree_on_history_with_their_quotes(executed) -> None:
    corpus = argmap.load(ROOT / "maps")
    diffs = [" ".join(html.unescape(h).split()) for h in outputs(executed, "text/html")
             if '<section class="argmap-diff"' in h]
    assert len(diffs) == 1 and "lind" in diffs[0] and "sahashi" in diffs[0]
    thesis = corpus.model.thesis("reconciliation-overemphasised")
    assert thesis is not None and " ".join(thesis.text.split()) in diffs[0]
    for claim in ("lind/apology-fatigue", "sahashi/historical-burdens"):
        quotes = _quotes(corpus, claim)
        assert quotes and all(" ".join(q.split()) in diffs[0] for q in quotes), claim


def test_relations_across_voices_are_shown_as_the_mappers_contrasts(executed) -> None:
    svgs = outputs(executed, "image/svg+xml")
    assert any('class="edge attack cross contrast"' in s for s in svgs)   # drawn as a contrast
    texts = "".join(o["text"] for c in executed.cells if c.cell_type == "code" for o in c.outputs
                    if o.output_type == "stream")
    assert "sahashi/historical-burdens -> lind/apology-fatigue: contrast" in texts


class _Text(HTMLParser):
    """The text a reader sees (style sheets left out): what must not go stale."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._style = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._style += tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.parts.append(data)


def _text(page: str) -> str:
    """The page's text without any whitespace: a kernel may send one print as several stream
    messages (so several output blocks) under load, and that must not read as stale."""
    parser = _Text()
    parser.feed(page)
    return "".join("".join(parser.parts).split())


def test_the_rendered_page_is_not_stale(executed) -> None:
    # Text, not bytes: the SVG's coordinates depend on the Graphviz version and the code's markup on
    # Pygments', while every thesis, quote, note and count the notebook prints is in the text.
    fresh = _text(_script().page(executed))
    committed = _text((ROOT / "docs" / "tutorial.html").read_text("utf-8"))
    first = next((i for i, (c, f) in enumerate(zip(committed, fresh, strict=False)) if c != f),
                 min(len(committed), len(fresh)))
    assert committed == fresh, ("docs/tutorial.html is stale (run scripts/tutorial.py): at "
                                f"{committed[max(first - 40, 0):first + 40]!r}, a fresh run gives "
                                f"{fresh[max(first - 40, 0):first + 40]!r}")


def test_the_notebook_is_kept_without_outputs() -> None:
    data = json.loads(NOTEBOOK.read_text("utf-8"))
    assert all(not c.get("outputs") for c in data["cells"] if c["cell_type"] == "code")


def test_the_rendered_page_is_there_and_self_contained() -> None:
    page = (ROOT / "docs" / "tutorial.html").read_text("utf-8")
    assert '<table class="argmap-stances"' in page and page.count("<svg") >= 2
    assert not re.search(r"<script|<link|https://cdn", page)
    headings = [line.lstrip("# ").strip() for c in json.loads(NOTEBOOK.read_text("utf-8"))["cells"]
                if c["cell_type"] == "markdown" for line in "".join(c["source"]).splitlines()
                if line.startswith("#")]
    assert headings and all(h in page for h in headings)   # made from this notebook
