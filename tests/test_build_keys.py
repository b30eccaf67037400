"""What a build records of the diagrams it made (`.argmap-build.json`), and what the next build
does with that record: a group of diagrams whose record is readable and whose inputs did not
change is read back; one whose record is damaged is made again, never trusted."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import argmap.build as builder
from argmap.build import MANIFEST, build
from argmap.pipeline import compile_corpus

from conftest import FEW_MAPS, MAPS, SOURCES


def fake_dot(source: str, fmt: str) -> bytes:
    """Graphviz's part, quickly: an SVG naming each node the DOT names."""
    nodes = sorted(set(re.findall(r'id="(node-[^"]+)"', source)))
    groups = "".join(f'<g id="{node}" class="node"><title>{node}</title></g>' for node in nodes)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="8pt" height="8pt" '
            f'viewBox="0 0 8 8">{groups}</svg>').encode()


@pytest.fixture
def views_made(monkeypatch) -> list[str]:
    """The names of the views whose DOT text a build makes, with Graphviz faked."""
    import argmap.render.dot as dot

    monkeypatch.setattr(builder, "dot_version", lambda: "fake")
    monkeypatch.setattr(builder, "run_dot", fake_dot)
    made: list[str] = []
    real = dot.to_dot

    def to_dot(view, *args, **kwargs):
        made.append(view.name)
        return real(view, *args, **kwargs)

    monkeypatch.setattr(dot, "to_dot", to_dot)
    return made


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("maps")
    for name in FEW_MAPS:
        shutil.copy(MAPS / name, folder / name)
    loaded, _warnings = compile_corpus([folder], SOURCES if SOURCES.is_dir() else None)
    return loaded


def tree(root: Path) -> dict[str, bytes]:
    files = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    files.pop(MANIFEST, None)
    return files


@pytest.mark.parametrize("damage", [
    "views as text", "a view that is not text", "no key", "a record that is a list"])
def test_a_damaged_group_record_makes_that_group_again(corpus, views_made, tmp_path, damage):
    """A record of a diagram group that cannot be read is never taken for the group's views:
    that group is made again (and only it), and the folder is the one a fresh build makes."""
    out = tmp_path / "out"
    build(corpus, out)
    record = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    name = next(n for n in sorted(record["diagrams"]) if n.startswith("voice:"))
    views = record["diagrams"][name]["views"]
    assert views
    entry = record["diagrams"][name]
    if damage == "views as text":
        entry["views"] = " ".join(views)
    elif damage == "a view that is not text":
        entry["views"] = [*views, 7]
    elif damage == "no key":
        del entry["key"]
    else:
        record["diagrams"][name] = [entry["key"], views]
    # (the whole build's key too, or an unchanged corpus would skip everything)
    record["build"] = ""
    (out / MANIFEST).write_text(json.dumps(record), encoding="utf-8")
    views_made.clear()
    build(corpus, out)
    assert set(views) == set(views_made) - {"combined_all"}
    fresh = tmp_path / "fresh"
    build(corpus, fresh)
    assert tree(fresh) == tree(out)
