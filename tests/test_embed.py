"""Maps where people write: ```argmap blocks in Markdown and MkDocs, and `export --to html`."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from argmap import cli

from conftest import MAPS, ROOT, SOURCES

markdown = pytest.importorskip("markdown", reason="the markdown extra is not installed")

SOURCES_ARG = str(SOURCES) if SOURCES.is_dir() else ""


def convert(text: str) -> str:
    from argmap.markdown import ArgmapExtension

    return markdown.markdown(text, extensions=[ArgmapExtension(maps=str(MAPS), sources=SOURCES_ARG),
                                               "fenced_code"])


def block(body: str) -> str:
    return f"Before.\n\n```argmap\n{body}\n```\n\nAfter.\n"


def embeds(html: str) -> list[str]:
    return re.findall(r'<div class="argmap-embed (argmap-[a-z-]+)"', html)


def test_a_diagram_block_becomes_inline_svg_drawn_by_dot() -> None:
    html = convert(block("thesis: history-main-barrier\nview: diagram"))
    assert embeds(html) == ["argmap-diagram"]
    svg = html[html.index("<svg"):html.index("</svg>") + 6]
    root = ET.fromstring(svg)
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "history-main-barrier" in texts or "Historical" in texts
    assert html.startswith("<p>Before.</p>") and html.rstrip().endswith("<p>After.</p>")
    assert "<script" not in html


@pytest.mark.parametrize("body, kind, must", [
    ("view: table\nvoices: [lind, yeo]\ntopic: history", "argmap-table", '<table class="argmap-stances"'),
    ("view: diff lind yeo", "argmap-diff", '<section class="argmap-diff"'),
    ("view: diff\nvoices: lind, yeo", "argmap-diff", "<code>lind</code>"),
    ("view: matrix\nmetric: hamming\nvoices: [lind, yeo, jo]", "argmap-matrix", "Hamming"),
    ("view: handout\nthesis: history-main-barrier", "argmap-handout", "Positions"),
    ("view: blank-handout\nthesis: history-main-barrier", "argmap-blank-handout", "Fill in each position"),
])
def test_each_view(body, kind, must) -> None:
    html = convert(block(body))
    assert embeds(html) == [kind]
    assert must in html


def test_a_diagram_of_one_voice_on_one_thesis_is_what_bears_on_that_thesis_from_that_voice() -> None:
    html = convert(block("view: diagram\nvoice: lind\nthesis: history-main-barrier"))

    assert 'id="graph-thesis_history-main-barrier"' in html
    assert re.findall(r'<title>cluster_voice:([^<]*)</title>', html) == ["lind"]


@pytest.mark.parametrize("opening, closing", [("~~~argmap", "~~~"), ("``` {.argmap}", "```")])
def test_a_block_in_either_fence_and_attribute_syntax(opening, closing) -> None:
    html = convert(f"Before.\n\n{opening}\nview: table\nvoices: [lind]\n{closing}\n\nAfter.\n")

    assert embeds(html) == ["argmap-table"]


def test_a_map_edited_between_two_pages_is_read_again(tmp_path) -> None:
    """As under `mkdocs serve`: the corpus is loaded once, and again when a map changes."""
    from argmap.markdown import ArgmapExtension

    theses = "argmap: 1\ntheses:\n  - id: t\n    text: {text}\n"
    (tmp_path / "theses.yaml").write_text(theses.format(text="First wording."), "utf-8")

    def page() -> str:
        return markdown.markdown(block("view: table"), extensions=[ArgmapExtension(maps=str(tmp_path))])

    assert "First wording." in page()
    (tmp_path / "theses.yaml").write_text(theses.format(text="Second wording."), "utf-8")
    os.utime(tmp_path / "theses.yaml", ns=(1, 1))
    assert "Second wording." in page()


def test_a_block_may_close_with_a_longer_fence() -> None:
    html = convert("Before.\n\n```argmap\nview: table\nvoices: [lind]\n`````\n\nAfter.\n")

    assert embeds(html) == ["argmap-table"]
    assert html.rstrip().endswith("<p>After.</p>")


def test_blocks_inside_other_code_blocks_stay_code() -> None:
    text = "````markdown\n```argmap\nview: table\n```\n````\n\n```python\nargmap = 1\n```\n"
    html = convert(text)
    assert embeds(html) == []
    assert "<code class=\"language-markdown\">```argmap" in html


@pytest.mark.parametrize("body, said", [
    ("view: diagram\nvoice: lindd", "did you mean 'lind'?"),
    ("view: chart", "unknown view 'chart'"),
    ("thesis: history-main-barrier\nveiw: table", "did you mean 'view'?"),
    ("view: diff lind", "needs two voice ids"),
    ("view: handout", "needs one 'thesis:'"),
    ("[unclosed", "not valid YAML"),
])
def test_a_broken_block_is_a_visible_error_and_a_warning(body, said, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.argmap"):
        html = convert("# Title\n\n" + block(body))
    assert embeds(html) == ["argmap-error"]
    assert said.replace("'", "&#x27;") in html
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1
    assert messages[0].startswith("argmap block at line 5: ") and said in messages[0]


def test_a_corpus_with_errors_is_reported_not_raised(tmp_path, caplog) -> None:
    from argmap.markdown import ArgmapExtension

    (tmp_path / "a.yaml").write_text("argmap: 1\nid: a\nauthors: [{name: A}]\nsuports: x\n", "utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.argmap"):
        html = markdown.markdown(block("view: table"), extensions=[ArgmapExtension(maps=str(tmp_path))])
    assert "the maps have errors" in html and "unknown-key" in html
    assert caplog.records


def test_the_extension_is_found_by_name() -> None:
    html = markdown.markdown("```argmap\nview: table\ntheses: [history-main-barrier]\n```\n",
                             extensions=["argmap", "fenced_code"],
                             extension_configs={"argmap": {"maps": str(MAPS), "sources": SOURCES_ARG}})
    assert embeds(html) == ["argmap-table"]


def test_a_small_mkdocs_site_has_the_rendered_views(tmp_path) -> None:
    pytest.importorskip("mkdocs", reason="the docs extra is not installed")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# Course\n\n" + block("thesis: history-main-barrier\nview: diagram")
        + "\n" + block("view: diff lind yeo\ntheses: [history-main-barrier]"), "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Course\nuse_directory_urls: false\nmarkdown_extensions:\n  - argmap:\n"
        f"      maps: {MAPS}\n" + (f"      sources: {SOURCES}\n" if SOURCES_ARG else ""), "utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                          capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1",
                                                               "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert embeds(page) == ["argmap-diagram", "argmap-diff"]
    assert "<svg" in page and "Jennifer M. Lind" in page


def test_a_broken_block_fails_a_strict_mkdocs_build(tmp_path) -> None:
    pytest.importorskip("mkdocs", reason="the docs extra is not installed")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(block("view: diagram\nvoice: nobody"), "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Course\nmarkdown_extensions:\n  - argmap:\n      maps: {MAPS}\n", "utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                          capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1",
                                                               "PATH": "/usr/bin:/bin"})
    assert done.returncode == 1
    assert "argmap block at line 3: unknown voice 'nobody'" in done.stderr


class TestExportHtml:
    def run(self, *argv: str) -> int:
        sources = ["--sources", SOURCES_ARG] if SOURCES_ARG else []
        return cli.main(["export", str(MAPS), "--to", "html", *argv, *sources])

    @pytest.mark.parametrize("argv, name, must", [
        ((), "table.html", '<table class="argmap-stances"'),
        (("--view", "diff", "--voices", "lind,yeo"), "diff-lind-yeo.html", '<section class="argmap-diff"'),
        (("--view", "diagram", "--map", "lind"), "lind.html", "<svg"),
        (("--view", "diagram", "--thesis", "history-main-barrier"),
         "thesis_history-main-barrier.html", "<svg"),
        (("--view", "matrix", "--metric", "bna"), "matrix.html", "agreement"),
        (("--view", "handout", "--thesis", "history-main-barrier"),
         "handout-history-main-barrier.html", 'class="sheet'),
        (("--view", "blank-handout", "--thesis", "history-main-barrier"),
         "blank-handout-history-main-barrier.html", "Fill in each position"),
    ])
    def test_one_self_contained_file(self, tmp_path, argv, name, must, capsys) -> None:
        assert 0 == self.run(*argv, "-o", f"{tmp_path}/")
        assert [p.name for p in tmp_path.iterdir()] == [name]
        page = (tmp_path / name).read_text("utf-8")
        assert must in page
        assert page.startswith("<!DOCTYPE html>")
        assert not re.search(r"<script|<link|\bsrc\s*=|@import", page)
        assert f"wrote {tmp_path / name}" in capsys.readouterr().out

    def test_stdout_by_default(self, capsys) -> None:
        assert 0 == self.run("--view", "table", "--topic", "history")
        assert capsys.readouterr().out.startswith("<!DOCTYPE html>")

    @pytest.mark.parametrize("argv, said", [
        (("--view", "diff", "--voices", "lind"), "needs two voices"),
        (("--view", "handout",), "needs one --thesis"),
        (("--voices", "nobody",), "unknown voice 'nobody'"),
        (("--view", "table", "--metric", "bna"), "--metric goes with --view matrix"),
        (("--view", "diagram", "--map", "lind", "--thesis", "history-main-barrier"), "not both"),
    ])
    def test_usage_errors(self, argv, said, capsys) -> None:
        assert 2 == self.run(*argv)
        assert said in capsys.readouterr().err

    def test_view_options_belong_to_html(self, capsys) -> None:
        assert 2 == cli.main(["export", str(MAPS), "--to", "json", "--view", "table"])
        assert "go with --to html" in capsys.readouterr().err


def test_docs_site_builds_strict(tmp_path) -> None:
    """The project's own documentation: every page, the API reference, the embeds, no warning."""
    pytest.importorskip("mkdocstrings", reason="the docs extra is not installed")
    if not SOURCES.is_dir():
        pytest.skip("mkdocs.yml names ../shared/sources for the embeds' quotes")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                           str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    assert embeds((site / "index.html").read_text("utf-8")) == ["argmap-table"]
    assert "argmap-diagram" in (site / "embed.html").read_text("utf-8")
    reference = (site / "reference.html").read_text("utf-8")
    assert "Load and check a corpus" in reference   # argmap.load's docstring
    assert (site / "tutorial.html").is_file()
    assert not re.search(r"fonts\.googleapis|cdn\.jsdelivr|unpkg\.com",
                         "".join(p.read_text("utf-8") for p in site.glob("*.html")))


def test_export_html_without_graphviz_says_how_to_install(monkeypatch, capsys) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    args = ["export", str(MAPS), "--to", "html", "--view", "diagram", "--map", "lind"]
    assert 1 == cli.main(args + (["--sources", SOURCES_ARG] if SOURCES_ARG else []))
    err = capsys.readouterr().err
    assert "'dot' program was not found" in err and "apt-get install graphviz" in err


def test_a_diagram_block_without_graphviz_is_an_error_box(monkeypatch, caplog) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with caplog.at_level(logging.WARNING, logger="mkdocs.argmap"):
        html = convert(block("view: diagram\nvoice: lind"))
    assert embeds(html) == ["argmap-error"]
    assert "'dot' program was not found" in caplog.records[0].getMessage()


_PIECES = st.sampled_from(["```", "~~~", "````", "argmap", "python", " ", "\n", "\n\n", "# ", "text",
                           "{.argmap}", "    ", "<b>", "`x`"])


@given(st.lists(_PIECES, max_size=30).map("".join))
@settings(max_examples=200, deadline=None)
def test_text_without_argmap_blocks_is_left_as_markdown_makes_it(text) -> None:
    """The extension only ever replaces ```argmap blocks: elsewhere the page is what Markdown makes."""
    from argmap.markdown import _ARGMAP, _OPEN

    assume(not any((m := _OPEN.match(line)) and _ARGMAP.fullmatch(m.group("info").strip())
                   for line in text.split("\n")))
    assert convert(text) == markdown.markdown(text, extensions=["fenced_code"])
