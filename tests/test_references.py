"""Sources from a reference manager: `cite: FILE#KEY` entries of BibTeX and CSL-JSON files."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("citeproc", reason="citeproc-py is not installed")
pytest.importorskip("bibtexparser", reason="bibtexparser is not installed")

from argmap.pipeline import load_and_check
from argmap.render.site import site_pages

BIB = """\
@article{lind2024,
  title = {Japan and South Korea: A Partnership?},
  author = {Lind, Jennifer M. and M{\\"u}ller, Hans},
  journal = {Journal of East Asian Studies},
  volume = {12}, number = {3}, pages = {1--20},
  year = {2024}, month = nov, day = {22},
  doi = {10.1234/jeas.2024.3},
}

@techreport{gj2024,
  title = {Event Report},
  author = {{Centre for the Study of Global Japan}},
  institution = {University of Toronto},
  year = {2024},
  url = {https://example.org/report},
}
"""

CSL = [{"id": "yeo2025", "type": "article-journal", "title": "Trilateral Ties",
        "author": [{"family": "Yeo", "given": "Andrew"}], "container-title": "Asian Survey",
        "issued": {"date-parts": [[2025, 2]]}, "URL": "https://example.org/yeo"}]

MAP = """\
argmap: 1
id: lind
authors: [{name: Jennifer M. Lind}]
source: {source}
claims:
  - id: history-overrated
    text: History is overrated as a barrier.
    evidence:
      - quote: "overemphasis on historical reconciliation"
"""


def corpus_with(tmp_path, sources: str, *, source: str = "lind-2024", files: dict | None = None):
    maps = tmp_path / "maps"
    maps.mkdir(exist_ok=True)
    (maps / "sources.yaml").write_text("argmap: 1\nsources:\n" + sources, "utf-8")
    (maps / "lind.yaml").write_text(MAP.replace("{source}", source), "utf-8")
    for name, text in (files or {"refs.bib": BIB}).items():
        (maps / name).write_text(text, "utf-8")
    return load_and_check([maps])


def errors(problems) -> list[str]:
    return [p.format() for p in problems if p.severity.value == "error"]


def test_a_bibtex_entry_fills_the_source_and_is_formatted(tmp_path) -> None:
    corpus, problems = corpus_with(tmp_path, "  - id: lind-2024\n    cite: refs.bib#lind2024\n")
    assert errors(problems) == []
    source = corpus.source("lind-2024")
    assert source.title == "Japan and South Korea: A Partnership?"
    assert source.author == "Jennifer M. Lind and Hans Müller"
    assert source.container == "Journal of East Asian Studies"
    assert (source.date, source.doi) == ("2024-11-22", "10.1234/jeas.2024.3")
    # harvard-cite-them-right, citeproc-py's own style, is the default
    assert source.reference == ("Lind, J.M. and Müller, H. (2024) “Japan and South Korea: A "
                                "Partnership?”, Journal of East Asian Studies, 12(3), pp. 1–20. "
                                "Available at: https://doi.org/10.1234/jeas.2024.3.")


CHAPTER = """\
@incollection{lind2020,
  title = {The Chapter}, author = {Lind, Jennifer}, editor = {Yeo, Andrew},
  booktitle = {The Book}, publisher = {Pub}, address = {London}, pages = {10--20}, year = {2020},
}
"""


def test_a_chapter_is_cited_in_its_book(tmp_path) -> None:
    corpus, problems = corpus_with(tmp_path, "  - id: lind-2024\n    cite: refs.bib#lind2020\n",
                                   files={"refs.bib": CHAPTER})
    assert errors(problems) == []
    assert corpus.source("lind-2024").reference == \
        "Lind, J. (2020) “The Chapter”, in A. Yeo (ed.) The Book. London: Pub, pp. 10–20."


def test_a_bibliography_named_in_capitals_is_read(tmp_path) -> None:
    corpus, problems = corpus_with(tmp_path, "  - id: lind-2024\n    cite: REFS.BIB#lind2024\n",
                                   files={"REFS.BIB": BIB})
    assert errors(problems) == []
    assert corpus.source("lind-2024").title == "Japan and South Korea: A Partnership?"


def test_an_institution_in_braces_stays_one_name(tmp_path) -> None:
    corpus, problems = corpus_with(tmp_path, "  - id: lind-2024\n    cite: refs.bib#gj2024\n")
    assert errors(problems) == []
    assert corpus.source("lind-2024").reference.startswith("Centre for the Study of Global Japan (2024)")


def test_a_csl_json_entry_as_zotero_exports_it(tmp_path) -> None:
    corpus, problems = corpus_with(tmp_path, "  - id: lind-2024\n    cite: zotero.json#yeo2025\n",
                                   files={"zotero.json": json.dumps(CSL)})
    assert errors(problems) == []
    source = corpus.source("lind-2024")
    assert (source.title, source.author, source.date) == ("Trilateral Ties", "Andrew Yeo", "2025-02")
    assert source.url == "https://example.org/yeo"
    assert "Yeo, A. (2025)" in source.reference and "Asian Survey" in source.reference


def test_fields_typed_by_hand_win(tmp_path) -> None:
    corpus, _ = corpus_with(tmp_path, "  - id: lind-2024\n    cite: refs.bib#lind2024\n"
                                      "    title: A corrected title\n    reference: As printed.\n")
    source = corpus.source("lind-2024")
    assert (source.title, source.reference) == ("A corrected title", "As printed.")
    assert source.doi == "10.1234/jeas.2024.3"


def test_a_hand_typed_source_is_unchanged(tmp_path) -> None:
    corpus, problems = corpus_with(tmp_path, "  - id: lind-2024\n    title: Typed\n    date: '2024'\n")
    assert errors(problems) == []
    assert corpus.source("lind-2024").reference is None


def test_the_site_and_the_handout_print_the_reference(tmp_path) -> None:
    corpus, _ = corpus_with(tmp_path, "  - id: lind-2024\n    cite: refs.bib#lind2024\n")
    pages = {p.path: p for p in site_pages(corpus)}
    voice = pages["voices/lind.html"].render()
    assert "Lind, J.M. and Müller, H. (2024) “Japan and South Korea: A Partnership?”" in voice


def test_the_style_is_a_setting(tmp_path, monkeypatch) -> None:
    style = tmp_path / "titles.csl"
    style.write_text("""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Titles only</title><id>titles</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text value="TITLE: "/><text variable="title"/></layout></bibliography>
</style>
""", "utf-8")
    monkeypatch.setenv("ARGMAP_CSL_STYLE", str(style))
    corpus, problems = corpus_with(tmp_path, "  - id: lind-2024\n    cite: refs.bib#lind2024\n")
    assert errors(problems) == []
    assert corpus.source("lind-2024").reference == "TITLE: Japan and South Korea: A Partnership?"


@pytest.mark.parametrize("cite, where, said", [
    ("refs.bib#lind2042", "maps/sources.yaml:4:11", "refs.bib has no entry 'lind2042' (did you mean 'lind2024'?) [unknown-cite]"),
    ("refs.bib", "maps/sources.yaml:4:11", "should be FILE#KEY"),
    ("../refs.bib#lind2024", "maps/sources.yaml:4:11", "[path-outside-sources]"),
    ("refs.txt#lind2024", "maps/sources.yaml:4:11", "BibTeX (.bib) and CSL-JSON (.json)"),
    ("missing.bib#lind2024", "maps/sources.yaml:4:11", "No such file or directory [bibliography-missing]"),
])
def test_wrong_cites_are_located_errors(tmp_path, cite, where, said) -> None:
    _, problems = corpus_with(tmp_path, f"  - id: lind-2024\n    cite: {cite}\n")
    found = errors(problems)
    assert len(found) == 1
    assert found[0].startswith(str(tmp_path / where) + ": error:") and said in found[0]


def test_a_malformed_bibtex_file_is_located_in_it(tmp_path) -> None:
    broken = BIB + "\n@misc{broken,\n  title = {never closed,\n"
    _, problems = corpus_with(tmp_path, "  - id: lind-2024\n    cite: refs.bib#lind2024\n",
                              files={"refs.bib": broken})
    found = errors(problems)
    assert len(found) == 1
    line = BIB.count("\n") + 2
    assert found[0].startswith(f"{tmp_path / 'maps' / 'refs.bib'}:{line}:1: error:")
    assert "[bibliography-syntax]" in found[0]


def test_a_malformed_csl_json_file_is_located_in_it(tmp_path) -> None:
    _, problems = corpus_with(tmp_path, "  - id: lind-2024\n    cite: z.json#yeo2025\n",
                              files={"z.json": '[\n  {"id": "yeo2025",\n   "title": "x",,}\n]'})
    found = errors(problems)
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'maps' / 'z.json'}:3:17: error:")


def test_the_latex_table_prints_the_references(tmp_path) -> None:
    from pylatexenc.latex2text import LatexNodes2Text

    from argmap.render.tables import all_tables

    corpus, _ = corpus_with(tmp_path, "  - id: lind-2024\n    cite: refs.bib#lind2024\n"
                                      "  - id: typed\n    title: Typed by hand\n")
    tex = all_tables(corpus)["stances.tex"]
    text = " ".join(LatexNodes2Text().latex_to_text(tex).split())
    reference = "Lind, J.M. and Müller, H. (2024) “Japan and South Korea: A Partnership?”"
    assert reference in text and text.index("Sources") < text.index(reference)
    assert "Typed by hand" not in text   # printed as before: not in a Sources list
