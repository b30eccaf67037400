"""The pygls wiring: LSP messages in, the Folder of each file and `features` out.

A file belongs to the maps folder it is in. Every change re-checks that folder with the one
checker and publishes diagnostics for each of its files whose diagnostics changed, so an edit
that breaks a reference in another map shows there at once. A request about a file that is not
a map gets an empty answer and, once, a message saying why; nothing a client sends stops the
server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from argmap import __version__
from argmap.lsp import features
from argmap.lsp.folder import MAP_SUFFIXES, Folder, is_map_file

__all__ = ["ArgmapServer", "make_server"]

log = logging.getLogger("argmap.lsp")
T = TypeVar("T")


_IGNORED = object()  # a message already answered with an error


class _Protocol(LanguageServerProtocol):
    """Answers a request whose params do not fit its method with an error response (pygls only
    logs it, and a client would wait for the answer forever)."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(data["id"], error=lsp.ResponseError(
                    code=exc.code,
                    message=f"argmap lsp: the parameters of '{data['method']}' do not fit the "
                            "LSP specification; request ignored"))
                return _IGNORED
            raise

    def handle_message(self, message: Any) -> None:
        if message is not _IGNORED:
            super().handle_message(message)


class ArgmapServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("argmap", __version__, protocol_cls=_Protocol,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.folders: dict[Path, Folder] = {}
        self.sources: Path | None = None
        self.published: dict[str, list[lsp.Diagnostic]] = {}
        self.refused: set[str] = set()

    def report_server_error(self, error: Exception, source: Any) -> None:
        """One clear line to the editor for what went wrong outside a request."""
        if isinstance(error, ValueError) and type(error).__name__ == "JSONDecodeError":
            detail = f"ignored a message that is not JSON ({error})"
        else:
            detail = f"{type(error).__name__}: {error}"
        log.warning("%s", detail)
        self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error,
                                                       message=f"argmap lsp: {detail}"))

    # --- files and folders -----------------------------------------------------------------------

    def path_of(self, uri: str) -> Path | None:
        """The file a URI names, when it is a map file on disk; else None (said once per file)."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is not None and Path(path).suffix in MAP_SUFFIXES and Path(path).parent in self.folders:
            return Path(path)  # a file of a maps folder already served
        if path is not None and Path(path).suffix in MAP_SUFFIXES:
            try:
                text = self.workspace.get_text_document(uri).source
            except (OSError, UnicodeDecodeError):
                text = ""  # neither open nor readable: only its folder can make it a map
            if is_map_file(Path(path), text):
                return Path(path)
            # Other YAML (a CI workflow) is common where an editor starts the server for every
            # YAML file: said in the log, not in a pop-up.
            if uri not in self.refused:
                self.refused.add(uri)
                self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Info, message=(
                    f"argmap: {uri} is not checked: it is neither in a folder named 'maps' nor "
                    "has an 'argmap: 1' line")))
            return None
        why = ("it is not a *.yaml or *.yml file" if path is not None
               else "it is not a file on disk (save it into a maps folder first)")
        if uri not in self.refused:
            self.refused.add(uri)
            self.window_show_message(lsp.ShowMessageParams(
                type=lsp.MessageType.Warning,
                message=f"argmap: {uri} is not checked: {why}; argmap serves the map files of a maps folder"))
        return None

    def folder_of(self, path: Path) -> Folder:
        root = path.parent
        folder = self.folders.get(root)
        if folder is None:
            folder = self.folders[root] = Folder(root, self.sources)
        return folder

    def recheck(self, folder: Folder) -> None:
        """Check the folder and publish what changed, file by file (a file gone from the folder
        has its diagnostics cleared)."""
        by_path = folder.check()
        found_by_uri = {features.uri_of(path): features.diagnostics(folder, path, problems)
                        for path, problems in by_path.items()}
        for uri in [u for u in self.published if u not in found_by_uri]:
            if Path(to_fs_path(uri) or "").parent == folder.root:
                found_by_uri[uri] = []
        for uri, found in found_by_uri.items():
            if self.published.get(uri) != found:
                self.published[uri] = found
                self.text_document_publish_diagnostics(
                    lsp.PublishDiagnosticsParams(uri=uri, diagnostics=found))

    def buffer_changed(self, uri: str) -> None:
        path = self.path_of(uri)
        if path is None:
            return
        folder = self.folder_of(path)
        folder.set_buffer(path, self.workspace.get_text_document(uri).source)
        self.recheck(folder)

    def answer(self, uri: str, empty: T, answer: Callable[[Folder, Path], T]) -> T:
        """Run a request's answer for a map file, or give the empty answer for anything else."""
        path = self.path_of(uri)
        if path is None:
            return empty
        folder = self.folder_of(path)
        if path not in folder.files:
            self.recheck(folder)
        return answer(folder, path)


def _failed(message: str) -> JsonRpcException:
    return JsonRpcException(message, code=lsp.LSPErrorCodes.RequestFailed)


def make_server() -> ArgmapServer:
    server = ArgmapServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: ArgmapServer, params: lsp.InitializeParams) -> None:
        options: Any = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("sources"), str) and options["sources"]:
            sources = Path(options["sources"]).expanduser()
            root = to_fs_path(params.root_uri) if params.root_uri else None
            ls.sources = Path(root) / sources if root and not sources.is_absolute() else sources

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: ArgmapServer, params: lsp.InitializedParams) -> None:
        """Ask to hear of maps changed on disk (a checkout, `argmap fmt`), where the client can."""
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched is not None and watched.dynamic_registration:
            ls.client_register_capability(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="argmap-maps", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=[
                    lsp.FileSystemWatcher(glob_pattern="**/*.{yaml,yml}")]))]))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArgmapServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.buffer_changed(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArgmapServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.buffer_changed(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArgmapServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.buffer_changed(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArgmapServer, params: lsp.DidCloseTextDocumentParams) -> None:
        path = ls.path_of(params.text_document.uri)
        if path is not None:
            folder = ls.folder_of(path)
            folder.close_buffer(path)
            ls.recheck(folder)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: ArgmapServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        roots = {Path(p).parent for change in params.changes if (p := to_fs_path(change.uri))}
        for root in roots:
            if root in ls.folders:
                ls.recheck(ls.folders[root])

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                    lsp.CompletionOptions(trigger_characters=["/", ":", " ", "-", "["]))
    def completion(ls: ArgmapServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        none: list[lsp.CompletionItem] = []
        items = ls.answer(params.text_document.uri, none,
                          lambda f, p: features.completion(f, p, params.position))
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ArgmapServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
        return ls.answer(params.text_document.uri, [],
                         lambda f, p: features.definition(f, p, params.position))

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def references(ls: ArgmapServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        return ls.answer(params.text_document.uri, [], lambda f, p: features.references(
            f, p, params.position, params.context.include_declaration))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: ArgmapServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return ls.answer(params.text_document.uri, None,
                         lambda f, p: features.hover(f, p, params.position))

    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: ArgmapServer, params: lsp.PrepareRenameParams) -> lsp.Range | None:
        return ls.answer(params.text_document.uri, None,
                         lambda f, p: features.prepare_rename(f, p, params.position))

    @server.feature(lsp.TEXT_DOCUMENT_RENAME)
    def rename(ls: ArgmapServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
        try:
            return ls.answer(params.text_document.uri, None, lambda f, p: features.rename(
                f, p, params.position, params.new_name))
        except features.RenameRefused as exc:
            raise _failed(f"argmap: cannot rename: {exc}") from None

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(ls: ArgmapServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.answer(params.text_document.uri, [], lambda f, p: features.code_actions(
            f, p, list(params.context.diagnostics)))

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: ArgmapServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
        return ls.answer(params.text_document.uri, [],
                         lambda f, p: features.document_symbols(f, p))

    return server
