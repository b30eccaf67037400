"""`argmap export` and `argmap import` from the command line: outputs, refusals, exit codes."""

from __future__ import annotations

import json

import attrs
import pytest
from test_interop_roundtrip import canonical

from argmap import cli
from argmap.check import check_corpus
from argmap.pipeline import load_and_check

from conftest import INTEROP, MAPS, SOURCES, needs_shared


def run(*argv: str) -> int:
    sources = ["--sources", str(SOURCES)] if SOURCES.is_dir() and argv[0] == "export" else []
    return cli.main([*argv, *sources])


def errors_in(folder) -> list[str]:
    _corpus, problems = load_and_check([folder])
    return [p.format() for p in problems if p.severity.value == "error"]


class TestExport:
    @pytest.mark.parametrize("to, start", [("argdown", "==="), ("aif", "{"), ("json", "{"),
                                           ("graphml", "<?xml")])
    def test_stdout_by_default(self, to, start, capsys):
        assert 0 == run("export", str(MAPS), "--to", to)
        assert capsys.readouterr().out.startswith(start)

    def test_into_a_folder_gets_a_named_file(self, tmp_path, capsys):
        assert 0 == run("export", str(MAPS), "--to", "aif", "-o", str(tmp_path))
        assert ["corpus.aif.json"] == [p.name for p in tmp_path.iterdir()]
        assert f"wrote {tmp_path / 'corpus.aif.json'}\n" == capsys.readouterr().out

    def test_one_voice_into_a_folder_is_named_after_it(self, tmp_path):
        assert 0 == run("export", str(MAPS), "--to", "argdown", "--map", "lind", "-o", f"{tmp_path}/new/")

        assert ["lind.argdown"] == [p.name for p in (tmp_path / "new").iterdir()]

    def test_one_voice_to_a_file(self, tmp_path):
        target = tmp_path / "out" / "lind.json"

        assert 0 == run("export", str(MAPS), "--to", "json", "--map", "lind", "-o", str(target))
        data = json.loads(target.read_text(encoding="utf-8"))
        assert "lind" in [m["id"] for m in data["maps"]]
        assert all(s["thesis"] in {t["id"] for t in data["theses"]}
                   for m in data["maps"] for s in m["stances"])

    @pytest.mark.parametrize("to", ["argdown", "aif", "json"])
    def test_one_voice_is_a_corpus_of_its_own(self, to, corpus):
        from argmap.interop import export_text, import_text

        imported = import_text(to, [(f"lind.{to}", export_text(corpus, to, map_id="lind"))])

        assert [] == [p.format() for p in imported.problems]
        assert corpus.map("lind").claims == imported.corpus.map("lind").claims
        assert {s.thesis for s in corpus.map("lind").stances} == {t.id for t in imported.corpus.theses}
        assert [] == [p.format() for p in check_corpus(imported.corpus) if p.severity.value == "error"]

    def test_unknown_map_is_a_usage_error(self, capsys):
        assert 2 == run("export", str(MAPS), "--to", "json", "--map", "nobody")
        assert "no map 'nobody'" in capsys.readouterr().err

    def test_broken_corpus_stops_with_its_diagnostics(self, tmp_path, capsys):
        (tmp_path / "bad.yaml").write_text("argmap: 1\nid: x\nauthors: [{name: X}]\nclaims:\n  - id: A\n",
                                           encoding="utf-8")

        assert 1 == cli.main(["export", str(tmp_path), "--to", "json"])
        assert "[missing-key]" in capsys.readouterr().out


class TestImport:
    @pytest.mark.parametrize("to", ["argdown", "aif", "json"])
    def test_export_then_import_gives_back_the_maps(self, tmp_path, corpus, to, capsys):
        exported = tmp_path / f"corpus.{to}"
        assert 0 == run("export", str(MAPS), "--to", to, "-o", str(exported))

        assert 0 == run("import", str(exported), "--from", to, "-o", str(tmp_path / "maps"))
        back, _problems = load_and_check([tmp_path / "maps"])
        assert canonical(corpus) == canonical(back)
        assert [] == errors_in(tmp_path / "maps")
        assert ": warning:" not in capsys.readouterr().err

    def test_refuses_to_overwrite_unless_forced(self, tmp_path, capsys):
        source = tmp_path / "x.json"
        source.write_text(cli_json_export(), encoding="utf-8")
        out = tmp_path / "maps"
        assert 0 == run("import", str(source), "--from", "json", "-o", str(out))
        (out / "lind.yaml").write_text("# mine\n", encoding="utf-8")
        capsys.readouterr()

        assert 2 == run("import", str(source), "--from", "json", "-o", str(out))
        assert "--force" in capsys.readouterr().err
        assert "# mine\n" == (out / "lind.yaml").read_text(encoding="utf-8")
        assert 0 == run("import", str(source), "--from", "json", "-o", str(out), "--force")
        assert (out / "lind.yaml").read_text(encoding="utf-8").startswith("# Imported by")

    def test_format_is_guessed_from_the_content(self, tmp_path):
        source = tmp_path / "data"
        source.write_text(cli_json_export(), encoding="utf-8")

        assert 0 == run("import", str(source), "-o", str(tmp_path / "maps"))

    def test_unknown_format_is_a_usage_error(self, tmp_path, capsys):
        source = tmp_path / "notes.txt"
        source.write_text("hello", encoding="utf-8")

        assert 2 == run("import", str(source), "-o", str(tmp_path / "maps"))
        assert "--from" in capsys.readouterr().err

    def test_invalid_input_writes_nothing(self, tmp_path, capsys):
        source = tmp_path / "x.json"
        source.write_text('{"nodes": 3}', encoding="utf-8")

        assert 1 == run("import", str(source), "--from", "aif", "-o", str(tmp_path / "maps"))
        assert "[not-aif]" in capsys.readouterr().err
        assert not (tmp_path / "maps").exists()

    @needs_shared
    @pytest.mark.parametrize("name", ["argdown/legalisation-softdrugs.argdown",
                                      "aif/arguebuf-nodeset6064-dialogue.json",
                                      "aif/arguebuf-ts-xaif-ova.json"])
    def test_real_files_give_maps_that_check(self, name, tmp_path, capsys):
        assert 0 == run("import", str(INTEROP / name), "-o", str(tmp_path))
        err = capsys.readouterr().err
        assert [] == errors_in(tmp_path)
        assert "argmap import:" in err

    @needs_shared
    def test_an_aifdb_folder(self, tmp_path):
        assert 0 == run("import", str(INTEROP / "aif"), "--from", "aif", "-o", str(tmp_path))
        assert {"cl.yaml", "nl.yaml", "vcbrown.yaml", "sources.yaml"} <= {p.name for p in tmp_path.iterdir()}
        assert [] == errors_in(tmp_path)

    def test_a_folder_is_read_in_the_order_of_its_file_names(self, tmp_path):
        """Whatever order the disk lists them in: a speaker's claims from several nodesets
        come in the order of the files' names."""
        names = ["q", "c", "x", "a", "m", "f", "z", "k"]
        nodesets = tmp_path / "nodesets"
        nodesets.mkdir()
        for name in names:
            (nodesets / f"{name}.json").write_text(json.dumps({
                "nodes": [{"nodeID": "1", "text": f"From {name}.", "type": "I"},
                          {"nodeID": "2", "text": f"Ann : from {name}", "type": "L"},
                          {"nodeID": "3", "text": "Asserting", "type": "YA"}],
                "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}]}), encoding="utf-8")
        assert 0 == run("import", str(nodesets), "-o", str(tmp_path / "maps"))
        corpus, _problems = load_and_check([tmp_path / "maps"])

        assert [f"From {name}." for name in sorted(names)] == [c.text for c in corpus.map("ann").claims]

    def test_a_folder_needs_aif(self, tmp_path, capsys):
        assert 2 == run("import", str(tmp_path), "--from", "argdown", "-o", str(tmp_path / "o"))
        assert "only --from aif" in capsys.readouterr().err


def cli_json_export() -> str:
    from argmap.interop import export_text
    from argmap.pipeline import compile_corpus

    corpus, _warnings = compile_corpus([MAPS], SOURCES if SOURCES.is_dir() else None)
    return export_text(corpus, "json")


def test_commands_are_registered_with_short_help():
    cli.build_parser()

    assert [True, True] == [len(cli.COMMANDS[name][0]) < 55 for name in ("export", "import")]


class TestImportCites:
    """A `cite:` names a bibliography beside the maps: kept when the file is in the folder the
    maps go to, else left out with a warning (its fields came along typed), so what the import
    writes always passes `argmap check`."""

    @staticmethod
    def exported(tmp_path):
        from argmap.interop import export_text
        from argmap.model import Author, Claim, Corpus, Map, Source

        corpus = Corpus(sources=(Source(id="s", cite="refs.bib#k", title="T", container="J",
                                        doi="10.1/x", reference="Ref. T. J."),),
                        maps=(Map(id="m", authors=(Author(name="A"),), source="s",
                                  claims=(Claim(id="c", text="C"),)),))
        path = tmp_path / "corpus.argmap.json"
        path.write_text(export_text(corpus, "json"), encoding="utf-8")
        return corpus, path

    def test_left_out_with_a_warning_when_the_bibliography_is_not_there(self, tmp_path, capsys):
        corpus, path = self.exported(tmp_path)
        out = tmp_path / "maps"

        assert 0 == run("import", str(path), "-o", str(out))
        assert (f"{path}:1:1: warning: source 's': cite 'refs.bib#k' not written, as refs.bib is "
                f"not in {out}; the fields it filled in are kept. Copy refs.bib there and add the "
                "cite back to follow the file [not-mapped]") in capsys.readouterr().err
        back, _problems = load_and_check([out])
        assert (attrs.evolve(corpus.sources[0], cite=None),) == back.sources
        assert [] == errors_in(out)

    def test_kept_when_the_bibliography_is_beside_the_maps(self, tmp_path, capsys):
        corpus, path = self.exported(tmp_path)
        out = tmp_path / "maps"
        out.mkdir()
        (out / "refs.bib").write_text("@article{k, title = {T}}\n", encoding="utf-8")

        assert 0 == run("import", str(path), "-o", str(out))
        assert "cite" not in capsys.readouterr().err
        assert "    cite: refs.bib#k\n" in (out / "sources.yaml").read_text(encoding="utf-8")
        pytest.importorskip("bibtexparser", reason="bibtexparser is not installed")
        back, problems = load_and_check([out])
        assert corpus.sources == back.sources     # the typed fields win over the file's
        assert [] == [p.format() for p in problems if p.severity.value == "error"]
