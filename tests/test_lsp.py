"""`argmap lsp` driven as an editor drives it: a real server process, spoken to over stdio.

Each test starts `python -m argmap lsp` on a copy of the shipped corpus (the buffers it opens
are never saved, so the copy only matters for tests that change files on disk), opens maps as
an editor would, and reads the answers.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import MAPS, SOURCES, needs_shared

pytestmark = needs_shared  # async tests run under pytest-asyncio's auto mode (pyproject.toml)

SERVER = [sys.executable, "-m", "argmap", "lsp"]


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    shutil.copytree(MAPS, tmp_path / "maps")
    shutil.copytree(SOURCES, tmp_path / "sources")
    return tmp_path / "maps"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, corpus_copy: Path):
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(),
        root_uri=corpus_copy.parent.as_uri(),
    ))
    lsp_client.maps = corpus_copy  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client_elsewhere(lsp_client: LanguageClient, tmp_path: Path):
    """Source texts in a folder not beside the maps, named in the initialization options."""
    shutil.copytree(MAPS, tmp_path / "maps")
    shutil.copytree(SOURCES, tmp_path / "texts")
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=tmp_path.as_uri(),
        initialization_options={"sources": "texts"}))  # relative: to the workspace root
    lsp_client.maps = tmp_path / "maps"  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="yaml", version=1,
        text=path.read_text(encoding="utf-8") if text is None else text)))
    return uri


def _change(client: LanguageClient, uri: str, text: str, version: int = 2) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))


async def _diagnostics(client: LanguageClient, uri: str, timeout: float = 10) -> list[lsp.Diagnostic]:
    """The diagnostics of `uri` once the server has published them after the last message."""
    client.diagnostics.pop(uri, None)
    async def wait() -> None:
        while uri not in client.diagnostics:
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    await asyncio.wait_for(wait(), timeout)
    return list(client.diagnostics[uri])


def _position(text: str, needle: str, offset: int = 0) -> lsp.Position:
    """The position of `needle` (plus `offset` characters) in `text`; the needle is ASCII."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return lsp.Position(line=line, character=index - (text.rfind("\n", 0, index) + 1))


def _check_json(maps: Path, *files: Path) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "argmap", "check", "--format", "json", "--sources",
                           str(maps.parent / "sources"), *map(str, files or (maps,))],
                          capture_output=True, text=True, check=False)
    return json.loads(done.stdout)["diagnostics"]


# --- diagnostics ---------------------------------------------------------------------------------

async def test_a_shipped_map_opens_clean(client: LanguageClient) -> None:
    uri = _open(client, client.maps / "lind.yaml")
    assert await _diagnostics(client, uri) == []


async def test_diagnostics_are_the_checkers_as_you_type(client: LanguageClient) -> None:
    path = client.maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    await _diagnostics(client, uri)
    broken = (text.replace("supports: [history-overrated]", "supports: [history-overated]", 1)
              .replace("she also emphasised two key challenges", "she also emphasized two key challenges", 1))
    _change(client, uri, broken)
    found = await _diagnostics(client, uri)
    # the same codes, messages and positions as `argmap check` on the same text saved
    path.write_text(broken, encoding="utf-8")
    expected = [d for d in _check_json(client.maps) if d["path"].endswith("lind.yaml")]
    assert expected, "the edit should break the map"
    got = sorted((d.range.start.line + 1, d.range.start.character + 1, d.code, d.message,
                  "error" if d.severity == lsp.DiagnosticSeverity.Error else "warning") for d in found)
    assert got == sorted((d["line"], d["column"], d["code"], d["message"], d["severity"])
                         for d in expected)
    assert {d.code for d in found} == {"dangling-ref", "quote-not-found"}
    dangling = next(d for d in found if d.code == "dangling-ref")
    line = broken.split("\n")[dangling.range.start.line]
    assert line[dangling.range.start.character:dangling.range.end.character] == "history-overated"
    assert dangling.severity == lsp.DiagnosticSeverity.Error and dangling.source == "argmap"


async def test_the_sources_folder_from_the_editor(client_elsewhere: LanguageClient) -> None:
    client = client_elsewhere
    path = client.maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path, text.replace("she also emphasised", "she emphasised", 1))
    assert [d.code for d in await _diagnostics(client, uri)] == ["quote-not-found"]


async def test_a_change_rechecks_the_maps_that_refer_to_it(client: LanguageClient) -> None:
    """Renaming a claim by hand in attri breaks lind's reference to it: lind gets the error."""
    lind = _open(client, client.maps / "lind.yaml")
    assert await _diagnostics(client, lind) == []
    attri_path = client.maps / "attri.yaml"
    attri = _open(client, attri_path)
    text = attri_path.read_text(encoding="utf-8")
    _change(client, attri, text.replace("id: shared-threats-push-together",
                                        "id: shared-threats-pull-together", 1))
    found = await _diagnostics(client, lind)
    assert [d.code for d in found] == ["dangling-ref"]
    assert "shared-threats-push-together" in found[0].message


async def test_a_map_changed_on_disk_is_checked_again(client: LanguageClient) -> None:
    lind = _open(client, client.maps / "lind.yaml")
    assert await _diagnostics(client, lind) == []
    attri = client.maps / "attri.yaml"  # not open: changed by a checkout, say
    attri.write_text(attri.read_text(encoding="utf-8").replace(
        "id: shared-threats-push-together", "id: shared-threats", 1), encoding="utf-8")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
        lsp.FileEvent(uri=attri.as_uri(), type=lsp.FileChangeType.Changed)]))
    assert [d.code for d in await _diagnostics(client, lind)] == ["dangling-ref"]
    # a new map with an error, then deleted: its diagnostics go with it
    extra = client.maps / "extra.yaml"
    extra.write_text("argmap: 1\nid: extra\n", encoding="utf-8")  # a map without authors
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
        lsp.FileEvent(uri=extra.as_uri(), type=lsp.FileChangeType.Created)]))
    assert [d.code for d in await _diagnostics(client, extra.as_uri())] == ["missing-key"]
    extra.unlink()
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
        lsp.FileEvent(uri=extra.as_uri(), type=lsp.FileChangeType.Deleted)]))
    assert await _diagnostics(client, extra.as_uri()) == []


async def test_a_yaml_error_while_typing_is_located(client: LanguageClient) -> None:
    path = client.maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path, text.replace("position: disagree", "position: [disagree", 1))
    found = await _diagnostics(client, uri)
    assert [d.code for d in found] == ["yaml-syntax"]
    assert found[0].severity == lsp.DiagnosticSeverity.Error


async def test_a_new_unsaved_map_is_checked_with_its_folder(client: LanguageClient) -> None:
    path = client.maps / "newcomer.yaml"
    uri = _open(client, path, "argmap: 1\nauthors:\n  - name: A. Newcomer\nsource: gj-2024-webinar\n"
                              "claims:\n  - id: mine\n    text: Mine.\n    attacks: [lind/nope]\n")
    found = await _diagnostics(client, uri)
    assert {d.code for d in found} == {"dangling-ref", "missing-evidence"}


# --- completion, definition, references, hover ---------------------------------------------------

async def test_completion_offers_claims_with_their_text(client: LanguageClient, corpus) -> None:
    path = client.maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("    supports: [history-overrated]\n",
                          "    supports: [history-overrated]\n    attacks: [attri/sh\n", 1)
    uri = _open(client, path)
    await _diagnostics(client, uri)
    _change(client, uri, edited)  # half typed: the YAML does not parse, the map's claims are remembered
    assert [d.code for d in await _diagnostics(client, uri)] == ["yaml-syntax"]
    result = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        position=_position(edited, "attacks: [attri/sh", len("attacks: [attri/sh"))))
    items = result.items if isinstance(result, lsp.CompletionList) else result
    labels = {item.label: item for item in items}
    assert "attri/shared-threats-push-together" in labels
    assert "history-overrated" in labels  # this map's own claims, unprefixed
    item = labels["attri/shared-threats-push-together"]
    assert item.detail == corpus.resolve("attri/shared-threats-push-together", "")[1].text
    assert item.text_edit.new_text == "attri/shared-threats-push-together"
    # the mapping form of a cross-voice relation: `- target:` completes the same references,
    # `basis:` its two values, and a new key in the entry the keys it may still have
    _change(client, uri, text, 3)
    await _diagnostics(client, uri)

    async def labels_at(marker: str) -> set[str]:
        result = await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=_position(text, marker, len(marker))))
        return {i.label for i in (result.items if isinstance(result, lsp.CompletionList) else result)}

    assert "attri/shared-threats-push-together" in await labels_at("      - target: ")
    assert await labels_at("        basis: ") == {"reply", "contrast"}


async def test_completion_of_keys_and_values(client: LanguageClient) -> None:
    path = client.maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    edited = (text.replace("    position: disagree\n", "    position: dis\n    \n", 1)
              .replace("        kind: reported\n", "        kind: reported\n        \n", 1))
    uri = _open(client, path, edited)

    async def labels(position: lsp.Position) -> set[str]:
        result = await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=position))
        return {item.label for item in (result.items if isinstance(result, lsp.CompletionList) else result)}

    assert await labels(_position(edited, "position: dis", len("position: dis"))) == {"agree", "disagree", "mixed"}
    stance_keys = await labels(_position(edited, "position: dis\n    ", len("position: dis\n    ")))
    assert stance_keys == set()  # thesis, position, because and note are there already
    evidence_keys = await labels(_position(edited, "kind: reported\n        ", len("kind: reported\n        ")))
    assert evidence_keys == {"source", "note"}  # quote and kind are there already
    thesis_ids = await labels(_position(edited, "thesis: history-main-barrier", len("thesis: ")))
    assert "history-main-barrier" in thesis_ids
    kinds = await labels(_position(edited, "        kind: reported", len("        kind: ")))
    assert kinds == {"quote", "reported", "statistic", "event", "survey"}
    sources = await labels(_position(edited, "source: gj-2024-webinar", len("source: ")))
    assert "gj-2024-webinar" in sources


async def test_definition_and_references_across_files(client: LanguageClient) -> None:
    path = client.maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    at = _position(text, "attri/shared-threats-push-together", len("attri/sh"))
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=at))
    assert len(found) == 1
    attri = (client.maps / "attri.yaml").read_text(encoding="utf-8").split("\n")
    target = found[0]
    assert target.uri == (client.maps / "attri.yaml").as_uri()
    assert attri[target.range.start.line][target.range.start.character:target.range.end.character] \
        == "shared-threats-push-together"
    refs = await client.text_document_references_async(lsp.ReferenceParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=at,
        context=lsp.ReferenceContext(include_declaration=True)))
    assert {r.uri for r in refs} >= {uri, target.uri}
    # a thesis: from a stance to its definition in theses.yaml
    thesis = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        position=_position(text, "thesis: history-main-barrier", len("thesis: h"))))
    assert [t.uri for t in thesis] == [(client.maps / "theses.yaml").as_uri()]
    # the map's default source, defined in sources.yaml
    source = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        position=_position(text, "source: gj-2024-webinar", len("source: g"))))
    assert [s.uri for s in source] == [(client.maps / "sources.yaml").as_uri()]


async def test_hover_shows_claim_quotes_and_thesis_positions(client: LanguageClient) -> None:
    path = client.maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    claim = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        position=_position(text, "supports: [history-overrated]", len("supports: [h"))))
    assert "Historical reconciliation is given too much emphasis" in claim.contents.value
    assert "reported" in claim.contents.value and "gj-2024-webinar" in claim.contents.value
    thesis = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        position=_position(text, "thesis: history-main-barrier", len("thesis: h"))))
    assert "Jennifer M. Lind: **disagree**" in thesis.contents.value
    assert thesis.contents.value.count("\n- ") >= 2  # more than one voice


async def test_document_symbols_list_claims_and_stances(client: LanguageClient) -> None:
    path = client.maps / "lind.yaml"
    uri = _open(client, path)
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri)))
    names = [s.name for s in symbols]
    assert names[0] == "recent-cooperation"
    assert "stance on history-main-barrier" in names
    first = symbols[0]
    assert first.range.start.line <= first.selection_range.start.line < first.range.end.line


# --- rename --------------------------------------------------------------------------------------

def _apply(text: str, edits: list[lsp.TextEdit]) -> str:
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = edit.range.start, edit.range.end
        assert start.line == end.line or edit.new_text.endswith("\n")
        line = lines[start.line]
        lines[start.line] = line[:start.character] + edit.new_text + lines[end.line][end.character:]
        del lines[start.line + 1:end.line + 1]
    return "\n".join(lines)


async def test_rename_a_claim_across_the_corpus(client: LanguageClient) -> None:
    path = client.maps / "attri.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    edit = await client.text_document_rename_async(lsp.RenameParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        position=_position(text, "id: shared-threats-push-together", len("id: s")),
        new_name="common-threats"))
    assert uri in edit.changes and (client.maps / "lind.yaml").as_uri() in edit.changes
    for changed_uri, edits in edit.changes.items():
        changed = Path(changed_uri[len("file://"):])
        changed.write_text(_apply(changed.read_text(encoding="utf-8"), edits), encoding="utf-8")
    assert "attri/common-threats" in (client.maps / "lind.yaml").read_text(encoding="utf-8")
    assert [d for d in _check_json(client.maps) if d["severity"] == "error"] == []


async def test_rename_refuses_a_name_in_use(client: LanguageClient) -> None:
    path = client.maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    with pytest.raises(Exception, match="already exists"):
        await client.text_document_rename_async(lsp.RenameParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=_position(text, "id: apology-fatigue", len("id: a")), new_name="history-overrated"))
    with pytest.raises(Exception, match="not an id"):
        await client.text_document_rename_async(lsp.RenameParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=_position(text, "id: apology-fatigue", len("id: a")), new_name="Apology Fatigue"))


async def test_rename_a_thesis_renames_every_stance(client: LanguageClient) -> None:
    path = client.maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    edit = await client.text_document_rename_async(lsp.RenameParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        position=_position(text, "thesis: history-main-barrier", len("thesis: h")),
        new_name="history-the-barrier"))
    total = sum(len(edits) for edits in edit.changes.values())
    stances = sum(p.read_text(encoding="utf-8").count("thesis: history-main-barrier")
                  for p in client.maps.glob("*.yaml"))
    assert total == stances + 1  # every stance, and the definition
    assert (client.maps / "theses.yaml").as_uri() in edit.changes


async def test_rename_a_map_renames_every_reference_to_it(client: LanguageClient) -> None:
    path = client.maps / "attri.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    at = _position(text, "id: attri", len("id: a"))
    span = await client.text_document_prepare_rename_async(lsp.PrepareRenameParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=at))
    assert text.split("\n")[span.start.line][span.start.character:span.end.character] == "attri"
    edit = await client.text_document_rename_async(lsp.RenameParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=at, new_name="attri-2023"))
    for changed_uri, edits in edit.changes.items():
        changed = Path(changed_uri[len("file://"):])
        changed.write_text(_apply(changed.read_text(encoding="utf-8"), edits), encoding="utf-8")
    lind = (client.maps / "lind.yaml").read_text(encoding="utf-8")
    assert "attri-2023/shared-threats-push-together" in lind and "attri/" not in lind
    assert [d for d in _check_json(client.maps) if d["severity"] == "error"] == []
    with pytest.raises(Exception, match="map 'lind' already exists"):
        await client.text_document_rename_async(lsp.RenameParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=at, new_name="lind"))


# --- code actions --------------------------------------------------------------------------------

async def _actions(client: LanguageClient, uri: str, diagnostics: list[lsp.Diagnostic]) -> list[lsp.CodeAction]:
    return await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=diagnostics[0].range,
        context=lsp.CodeActionContext(diagnostics=diagnostics)))


async def test_code_action_applies_did_you_mean(client: LanguageClient) -> None:
    path = client.maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    broken = (text.replace("supports: [history-overrated]", "suports: [history-overated]", 1)
              .replace("position: disagree", "position: disagre", 1))
    uri = _open(client, path, broken)
    found = await _diagnostics(client, uri)
    assert sorted(d.code for d in found) == ["bad-value", "unknown-key"]
    fixed, version = broken, 1
    # the misspelt key's value is checked once the key is right: fix, recheck, fix again
    while found:
        assert version < 4, found
        edits = []
        for diagnostic in found:
            actions = await _actions(client, uri, [diagnostic])
            assert [a.kind for a in actions] == [lsp.CodeActionKind.QuickFix], diagnostic.message
            edits += actions[0].edit.changes[uri]
        fixed = _apply(fixed, edits)
        version += 1
        _change(client, uri, fixed, version)
        found = await _diagnostics(client, uri)
    assert fixed == text and version == 3


async def test_code_action_adds_a_missing_source(client: LanguageClient) -> None:
    path = client.maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path, text.replace("source: gj-2024-webinar", "source: lind-2025-op-ed", 1))
    found = [d for d in await _diagnostics(client, uri) if d.code == "unknown-source"]
    assert found
    actions = await _actions(client, uri, found)
    sources_uri = (client.maps / "sources.yaml").as_uri()
    assert list(actions[0].edit.changes) == [sources_uri]
    sources = client.maps / "sources.yaml"
    sources_text = _apply(sources.read_text(encoding="utf-8"), actions[0].edit.changes[sources_uri])
    _open(client, sources, sources_text)
    after = await _diagnostics(client, uri)
    assert "unknown-source" not in {d.code for d in after}


async def test_code_action_quotes_a_value_cut_by_a_comment(client: LanguageClient) -> None:
    path = client.maps / "lind.yaml"
    text = path.read_text(encoding="utf-8")
    cut = text.replace("        kind: reported\n", "        kind: reported\n        note: the #1 barrier is threat\n", 1)
    uri = _open(client, path, cut)
    found = await _diagnostics(client, uri)
    assert [d.code for d in found] == ["text-cut-by-comment"]
    actions = await _actions(client, uri, found)
    fixed = _apply(cut, actions[0].edit.changes[uri])
    assert fixed == cut.replace("note: the #1 barrier is threat", 'note: "the #1 barrier is threat"')
    _change(client, uri, fixed)
    assert await _diagnostics(client, uri) == []


# --- robustness ----------------------------------------------------------------------------------

async def test_a_file_that_is_not_a_map_gets_a_message_not_a_dead_server(client: LanguageClient, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not yaml at all", encoding="utf-8")
    _open(client, notes)
    listed = tmp_path / "maps" / "list.yaml"
    uri = _open(client, listed, "- just\n- a list\n")
    found = await _diagnostics(client, uri)
    assert [d.code for d in found] == ["not-a-mapping"]
    assert any("notes.txt" in m.message and "not checked" in m.message for m in client.messages)
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(
        text_document=lsp.TextDocumentIdentifier(uri=notes.as_uri())))
    assert symbols == []


async def test_only_map_files_are_served(client: LanguageClient, tmp_path: Path) -> None:
    """An editor may start the server for every YAML file: a CI workflow is left alone, a map
    outside a folder named `maps` is served when it says `argmap: 1`."""
    workflow = tmp_path / ".github" / "workflows" / "ci.yaml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on: push\njobs: {}\n", encoding="utf-8")
    _open(client, workflow)
    elsewhere = tmp_path / "seminar" / "week1.yaml"
    elsewhere.parent.mkdir()
    uri = _open(client, elsewhere, "argmap: 1\nauthors:\n  - name: A\nclaims:\n  - id: c\n    text: C.\n    supports: [d]\n")
    assert {d.code for d in await _diagnostics(client, uri)} == {"dangling-ref", "missing-evidence"}
    assert workflow.as_uri() not in client.diagnostics
    assert any("ci.yaml" in m.message and "not checked" in m.message for m in client.log_messages)
    assert not any("ci.yaml" in m.message for m in client.messages)  # no pop-up for other YAML


def test_malformed_messages_get_an_error_and_the_server_lives_on(corpus_copy: Path) -> None:
    """Bytes that are not JSON-RPC, then a request with bad params, then a good request."""
    def frame(body: bytes) -> bytes:
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def message(payload: dict) -> bytes:
        return frame(json.dumps(payload).encode())

    stream = b"".join([
        message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": {"processId": None, "rootUri": None, "capabilities": {}}}),
        message({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        frame(b"{this is not json"),
        message({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"nonsense": 1}}),
        message({"jsonrpc": "2.0", "id": 3, "method": "textDocument/documentSymbol",
                 "params": {"textDocument": {"uri": (corpus_copy / "lind.yaml").as_uri()}}}),
        message({"jsonrpc": "2.0", "id": 4, "method": "shutdown"}),
        message({"jsonrpc": "2.0", "method": "exit"}),
    ])
    done = subprocess.run(SERVER, input=stream, capture_output=True, timeout=60, check=False)
    replies, shown = {}, []
    data = done.stdout
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        length = int(next(line for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:")).split(b":")[1])
        body = json.loads(rest[:length])
        data = rest[length:]
        if "id" in body:
            replies[body["id"]] = body
        elif body.get("method") == "window/showMessage":
            shown.append(body["params"]["message"])
    assert "error" in replies[2] and replies[2]["error"]["code"] == -32602  # invalid params
    assert "recent-cooperation" == replies[3]["result"][0]["name"]
    assert replies[4] == {"jsonrpc": "2.0", "id": 4, "result": None}
    assert done.returncode == 0
    assert any("not JSON" in message for message in shown)  # the editor is told, in one line
    assert b"Traceback" not in done.stderr


def test_other_commands_do_not_import_the_server() -> None:
    code = ("import sys; from argmap.cli import build_parser; build_parser(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_memory_cache_changes_no_diagnostic(corpus_copy: Path) -> None:
    """The server remembers unchanged files and found quotes; each edit still checks the same as
    a fresh `argmap check` of the same texts, positions included."""
    from argmap.cache import MemoryCache
    from argmap.pipeline import load_and_check

    sources = corpus_copy.parent / "sources"
    cache = MemoryCache(size=8)  # small, so entries are also dropped on the way
    lind = corpus_copy / "lind.yaml"
    text = lind.read_text(encoding="utf-8")
    edits = [text, text.replace("supports: [history-overrated]", "supports: [history]", 1),
             text.replace("kind: reported", "kind: reportd", 1), text,
             text.replace("she also emphasised", "she emphasised", 1), "argmap: 1\nclaims: [", text]
    for edit in edits:
        unsaved = {lind: edit.encode()}
        _, remembered = load_and_check([corpus_copy], sources, cache, unsaved)
        _, fresh = load_and_check([corpus_copy], sources, None, unsaved)
        assert [p.format() for p in remembered] == [p.format() for p in fresh]
    assert len(cache._entries) <= 8
