"""docs/tutorial.ipynb runs top to bottom in a real Jupyter kernel and shows a table and a diagram."""

from __future__ import annotations

import importlib.util
import json
import re

import pytest

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
