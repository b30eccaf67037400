"""No command writes over a map file or into the maps folder it reads, unless told --force; an
output path of the wrong kind is a usage error that names it (exit 2), never a crash."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from argmap.cli import main

from conftest import MAPS


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def status(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as stop:
        return int(stop.code or 0)


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    folder = tmp_path / "maps"
    shutil.copytree(MAPS, folder)
    return folder


class TestMapsAreNeverOverwritten:
    @pytest.mark.parametrize("argv", [
        ["export", "{maps}", "--to", "json", "-o", "{maps}/lind.yaml"],
        ["export", "{maps}", "--to", "argdown", "-o", "{maps}/new.argdown"],
        ["export", "{maps}/lind.yaml", "{maps}/theses.yaml", "{maps}/sources.yaml", "--to", "aif",
         "-o", "{maps}/lind.yaml"],
        ["schema", "-o", "{maps}/yeo.yaml"],
        ["render", "{maps}", "--format", "dot", "-o", "{maps}"],
        ["render", "{maps}", "--format", "dot", "-o", "{maps}/diagrams"],
    ])
    def test_refused_without_force(self, maps: Path, argv: list[str], capsys) -> None:
        before = digest(maps)
        assert 2 == status([a.format(maps=maps) for a in argv])
        err = capsys.readouterr().err
        assert "--force" in err and str(maps) in err
        assert before == digest(maps)

    @pytest.mark.parametrize("suffix", [".yaml", ".yml"])
    def test_schema_over_a_map_file_elsewhere(self, maps: Path, tmp_path: Path, capsys, suffix: str) -> None:
        target = tmp_path / f"elsewhere{suffix}"
        shutil.copy(maps / "yeo.yaml", target)
        before = target.read_bytes()
        assert 2 == status(["schema", "-o", str(target)])
        assert "is a map file" in capsys.readouterr().err
        assert before == target.read_bytes()

    def test_force_writes_there(self, maps: Path, tmp_path: Path) -> None:
        target = tmp_path / "m.yaml"
        shutil.copy(maps / "yeo.yaml", target)
        assert 0 == status(["schema", "--force", "-o", str(target)])
        assert target.read_text(encoding="utf-8").startswith("{")

    def test_other_files_are_written(self, maps: Path, tmp_path: Path) -> None:
        assert 0 == status(["export", str(maps), "--to", "json", "-o", str(tmp_path / "c.json")])
        assert 0 == status(["schema", "-o", str(tmp_path / "schema.json")])
        (tmp_path / "old.json").write_text("{}", encoding="utf-8")   # not a map: replaced
        assert 0 == status(["schema", "-o", str(tmp_path / "old.json")])
        assert (tmp_path / "old.json").stat().st_size > 2

    def test_import_never_overwrites(self, maps: Path, tmp_path: Path, capsys) -> None:
        exported = tmp_path / "corpus.json"
        assert 0 == status(["export", str(maps), "--to", "json", "-o", str(exported)])
        before = digest(maps)
        assert 2 == status(["import", str(exported), "-o", str(maps)])
        assert "never overwrites" in capsys.readouterr().err
        assert before == digest(maps)


class TestOutputOfTheWrongKind:
    def test_render_into_an_existing_file(self, maps: Path, tmp_path: Path, capsys) -> None:
        target = tmp_path / "file.txt"
        target.write_text("mine", encoding="utf-8")
        assert 2 == status(["render", str(maps), "--format", "dot", "-o", str(target)])
        assert f"{target} is a file" in capsys.readouterr().err
        assert "mine" == target.read_text(encoding="utf-8")

    def test_schema_into_a_folder(self, tmp_path: Path, capsys) -> None:
        assert 2 == status(["schema", "-o", str(tmp_path)])
        assert f"{tmp_path} is a folder" in capsys.readouterr().err


def test_an_export_is_written_again_over_itself(maps: Path, tmp_path: Path) -> None:
    """An Argdown export's front matter has an `argmap:` line; it is still no map."""
    target = tmp_path / "corpus.argdown"
    assert 0 == status(["export", str(maps), "--to", "argdown", "-o", str(target)])
    assert 0 == status(["export", str(maps), "--to", "argdown", "-o", str(target)])


class TestWrites:
    def test_an_output_written_again_keeps_its_mode(self, tmp_path: Path) -> None:
        from argmap.write import write_text

        target = tmp_path / "table.md"
        write_text(target, "old")
        target.chmod(0o640)
        write_text(target, "new")
        assert ("new", 0o640) == (target.read_text(), target.stat().st_mode & 0o777)

    def test_a_new_file_never_replaces_one_already_there(self, tmp_path: Path) -> None:
        from argmap.write import write_new

        target = tmp_path / "lind.yaml"
        target.write_text("argmap: 1\n")
        with pytest.raises(FileExistsError):
            write_new(target, "replaced")
        assert "argmap: 1\n" == target.read_text()
