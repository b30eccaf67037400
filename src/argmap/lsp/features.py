"""What the server answers, as pure functions of a Folder and a cursor.

Positions in and out are LSP's (0-based lines, UTF-16 columns); inside, character columns.
Nothing here reads the disk except through the Folder, and nothing here talks to the client.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
from lsprotocol import types as lsp

from argmap.check import SLUG
from argmap.errors import Problem, Severity
from argmap.lsp.folder import Folder
from argmap.lsp.index import Name
from argmap.lsp.text import (
    Context,
    context_at,
    from_utf16,
    parse_line,
    to_utf16,
    value_span,
    word_at,
)
from argmap.model import (
    Author,
    Basis,
    Claim,
    Evidence,
    Kind,
    Position,
    Relation,
    Source,
    Stance,
    Thesis,
    Undercut,
)
from argmap.render.escape import markdown as _md

__all__ = [
    "RenameRefused", "diagnostics", "completion", "definition", "references", "hover", "rename",
    "code_actions", "document_symbols", "uri_of",
]


class RenameRefused(ValueError):
    """A rename that would break the corpus (a name in use, not a slug); the message says why."""


def uri_of(path: Path) -> str:
    return path.as_uri()


def _lines(folder: Folder, path: Path) -> list[str]:
    return (folder.text(path) or "").split("\n")


def _range(lines: list[str], line: int, start: int, end: int) -> lsp.Range:
    text = lines[line] if line < len(lines) else ""
    return lsp.Range(start=lsp.Position(line=line, character=to_utf16(text, start)),
                     end=lsp.Position(line=line, character=to_utf16(text, end)))


def _name_range(folder: Folder, name: Name) -> lsp.Range:
    return _range(_lines(folder, name.path), name.line, name.start, name.end)


def _column(folder: Folder, path: Path, position: lsp.Position) -> int:
    lines = _lines(folder, path)
    line = lines[position.line] if position.line < len(lines) else ""
    return from_utf16(line, position.character)


# --- diagnostics ---------------------------------------------------------------------------------

def diagnostics(folder: Folder, path: Path, problems: list[Problem]) -> list[lsp.Diagnostic]:
    """The checker's problems as LSP diagnostics: same code and message, located on the token."""
    lines = _lines(folder, path)
    found = []
    for problem in problems:
        row = max(problem.location.line - 1, 0)
        column = max(problem.location.column - 1, 0)
        line = lines[row] if row < len(lines) else ""
        start, end = value_span(line, column) if column < len(line) else (column, column)
        found.append(lsp.Diagnostic(
            range=_range(lines, row, start, end),
            message=problem.message,
            severity=(lsp.DiagnosticSeverity.Error if problem.severity is Severity.ERROR
                      else lsp.DiagnosticSeverity.Warning),
            code=problem.code,
            source="argmap",
        ))
    return found


# --- completion ----------------------------------------------------------------------------------

def _keys(cls: type) -> list[str]:
    return ["from" if a.name == "from_" else a.name for a in attrs.fields(cls) if a.name != "location"]


_DOCUMENT_KEYS = ["argmap", "id", "authors", "source", "claims", "stances", "sources", "theses"]
_RELATION_KEYS = _keys(Relation)
_KEYS_BY_PATH: dict[tuple[str, ...], list[str]] = {
    (): _DOCUMENT_KEYS,
    ("authors",): _keys(Author),
    ("claims",): _keys(Claim),
    ("claims", "evidence"): _keys(Evidence),
    ("claims", "undercuts"): _keys(Undercut),
    ("claims", "supports"): _RELATION_KEYS,
    ("claims", "attacks"): _RELATION_KEYS,
    ("claims", "supports", "evidence"): _keys(Evidence),
    ("claims", "attacks", "evidence"): _keys(Evidence),
    ("claims", "undercuts", "evidence"): _keys(Evidence),
    ("stances",): _keys(Stance),
    ("sources",): _keys(Source),
    ("theses",): _keys(Thesis),
}
_CHOICES = {
    "kind": [k.value for k in Kind],
    "position": [p.value for p in Position],
    "basis": [b.value for b in Basis],
    "argmap": ["1"],
}
_CLAIM_REFERENCES = frozenset(("supports", "attacks", "target", "from", "to"))


def completion(folder: Folder, path: Path, position: lsp.Position) -> list[lsp.CompletionItem]:
    lines = _lines(folder, path)
    column = _column(folder, path, position)
    context = context_at(lines, position.line, column)
    edit_range = _range(lines, position.line, context.start, column)

    def item(label: str, kind: lsp.CompletionItemKind, detail: str = "",
             insert: str | None = None) -> lsp.CompletionItem:
        return lsp.CompletionItem(label=label, kind=kind, detail=detail or None,
                                  filter_text=label,
                                  text_edit=lsp.TextEdit(range=edit_range, new_text=insert or label))

    if context.key is None:
        present = _present_keys(lines, position.line, context.start)
        keys = [key for key in _KEYS_BY_PATH.get(context.path, []) if key not in present]
        return [item(key, lsp.CompletionItemKind.Property, insert=f"{key}: ") for key in keys]
    return [item(label, kind, detail) for label, kind, detail in _values(folder, path, context)]


def _present_keys(lines: list[str], row: int, column: int) -> set[str]:
    """The keys already written in the mapping a key would go into at (row, column)."""
    present: set[str] = set()
    for step in (-1, 1):
        index = row + step
        while 0 <= index < len(lines):
            line = lines[index]
            index += step
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            _indent, dash, key, key_column = parse_line(line)
            if key_column < column or (step == 1 and dash is not None and key_column <= column):
                break  # left of the mapping, or (below) the next item of the list
            if key_column == column and key is not None:
                present.add(key)
                if dash is not None:
                    break  # the first key of this item
    return present


def _values(folder: Folder, path: Path, context: Context) -> list[tuple[str, lsp.CompletionItemKind, str]]:
    key = context.key
    corpus = folder.corpus
    if key in _CHOICES:
        return [(value, lsp.CompletionItemKind.EnumMember, "") for value in _CHOICES[key]]
    if key == "thesis" and context.path == ("stances",):
        return [(t.id, lsp.CompletionItemKind.Constant, t.text) for t in corpus.theses]
    if key == "source":
        return [(s.id, lsp.CompletionItemKind.Reference, s.title or "") for s in corpus.sources]
    here = folder.map_of(path)
    if key == "because" or (key in _CLAIM_REFERENCES and context.path[:1] == ("claims",)):
        found = []
        for m in folder.maps():
            local = m.id == here
            if key == "because" and not local:
                continue
            for c in m.claims:
                label = c.id if local else f"{m.id}/{c.id}"
                found.append((label, lsp.CompletionItemKind.Reference, c.text))
        found.sort(key=lambda entry: (entry[0].count("/"), entry[0]))
        return found
    return []


# --- definition, references, hover ---------------------------------------------------------------

def _name_at(folder: Folder, path: Path, position: lsp.Position) -> Name | None:
    return folder.name_at(path, position.line, _column(folder, path, position))


def _location(folder: Folder, name: Name) -> lsp.Location:
    return lsp.Location(uri=uri_of(name.path), range=_name_range(folder, name))


def definition(folder: Folder, path: Path, position: lsp.Position) -> list[lsp.Location]:
    name = _name_at(folder, path, position)
    if name is None:
        return []
    return [_location(folder, d) for d in folder.definitions(name.kind, name.key)]


def references(folder: Folder, path: Path, position: lsp.Position,
               include_declaration: bool = True) -> list[lsp.Location]:
    name = _name_at(folder, path, position)
    if name is None:
        return []
    return [_location(folder, n) for n in folder.occurrences(name.kind, name.key)
            if not n.implicit and (include_declaration or not n.definition)]


def hover(folder: Folder, path: Path, position: lsp.Position) -> lsp.Hover | None:
    name = _name_at(folder, path, position)
    if name is None:
        return None
    text = _describe(folder, name)
    if text is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
                     range=_name_range(folder, name))


def _describe(folder: Folder, name: Name) -> str | None:
    corpus = folder.corpus
    if name.kind == "claim":
        found = corpus.resolve(name.key, "")
        if found is None:
            return None
        m, c = found
        lines = [f"**{_md(m.name)}** · `{name.key}`", "", _md(c.text)]
        for e in c.evidence:
            source_id = m.source_of(e)
            lines += ["", f"> {_md(e.quote)}", "",
                      f"— *{e.kind.value}*, source `{source_id or '?'}`"]
        return "\n".join(lines)
    if name.kind == "thesis":
        thesis = corpus.thesis(name.key)
        if thesis is None:
            return None
        lines = [f"**thesis** `{thesis.id}`", "", _md(thesis.text), ""]
        stances = [(m, s) for m in corpus.maps if (s := m.stance(thesis.id)) is not None]
        for m, s in stances:
            because = ", ".join(f"`{b}`" for b in s.because)
            lines.append(f"- {_md(m.name)}: **{s.position.value}**" + (f" — because {because}" if because else ""))
        if not stances:
            lines.append("*no voice takes a position on it yet*")
        return "\n".join(lines)
    if name.kind == "source":
        source = corpus.source(name.key)
        if source is None:
            return None
        parts = [f"**source** `{source.id}`"]
        for label in ("title", "author", "publisher", "date", "url", "text"):
            value = getattr(source, label)
            if value:
                parts.append(f"- {label}: {_md(value)}")
        return "\n".join(parts)
    if name.kind == "map":
        voice = corpus.map(name.key)
        if voice is None:
            return None
        return f"**{_md(voice.name)}** · map `{voice.id}` · {len(voice.claims)} claims, {len(voice.stances)} stances"
    return None


# --- rename --------------------------------------------------------------------------------------

def prepare_rename(folder: Folder, path: Path, position: lsp.Position) -> lsp.Range | None:
    name = _name_at(folder, path, position)
    if name is None or name.kind == "source":
        return None
    return _name_range(folder, name)


def rename(folder: Folder, path: Path, position: lsp.Position, new_name: str) -> lsp.WorkspaceEdit:
    """Rename a claim, thesis or map everywhere it is written; refuse a name already in use."""
    name = _name_at(folder, path, position)
    if name is None or name.kind not in ("claim", "thesis", "map"):
        raise RenameRefused("put the cursor on a claim, thesis or map id to rename it")
    if not SLUG.match(new_name):
        raise RenameRefused(f"'{new_name}' is not an id (lower-case letters, digits and '-')")
    if name.kind == "claim":
        map_id, _, old = name.key.partition("/")
        new_key = f"{map_id}/{new_name}"
    else:
        old, new_key = name.key, new_name
    if new_name == old:
        return lsp.WorkspaceEdit(changes={})
    if folder.definitions(name.kind, new_key) or _in_corpus(folder, name.kind, new_key):
        what = f"claim '{new_name}' in map '{map_id}'" if name.kind == "claim" else f"{name.kind} '{new_name}'"
        raise RenameRefused(f"{what} already exists; choose another name")
    changes: dict[str, list[lsp.TextEdit]] = {}
    for occurrence in folder.occurrences(name.kind, name.key):
        if occurrence.implicit:  # a map named by its file: give it an explicit id
            edit = _insert_id(folder, occurrence.path, new_name)
        else:
            edit = lsp.TextEdit(range=_name_range(folder, occurrence), new_text=new_name)
        changes.setdefault(uri_of(occurrence.path), []).append(edit)
    return lsp.WorkspaceEdit(changes=changes)


def _in_corpus(folder: Folder, kind: str, key: str) -> bool:
    corpus = folder.corpus
    if kind == "claim":
        return corpus.resolve(key, "") is not None
    if kind == "thesis":
        return corpus.thesis(key) is not None
    return corpus.map(key) is not None


def _insert_id(folder: Folder, path: Path, new_id: str) -> lsp.TextEdit:
    """`id: NEW` after the `argmap: 1` line, for a map that took its id from its file name."""
    lines = _lines(folder, path)
    row = next((i for i, line in enumerate(lines) if line.startswith("argmap:")), -1) + 1
    return lsp.TextEdit(range=_range(lines, row, 0, 0), new_text=f"id: {new_id}\n")


# --- code actions --------------------------------------------------------------------------------

_DID_YOU_MEAN = re.compile(r"did you mean '([^']+)'\?")
_UNKNOWN_SOURCE = re.compile(r"unknown source '([^']+)'")


def code_actions(folder: Folder, path: Path, diagnostics_: list[lsp.Diagnostic]) -> list[lsp.CodeAction]:
    """Fixes for the checker's own suggestions, for the diagnostics the client sends along."""
    uri = uri_of(path)
    lines = _lines(folder, path)
    actions: list[lsp.CodeAction] = []
    for diagnostic in diagnostics_:
        if diagnostic.source not in (None, "argmap"):
            continue
        line = lines[diagnostic.range.start.line] if diagnostic.range.start.line < len(lines) else ""
        start = from_utf16(line, diagnostic.range.start.character)
        suggestion = _DID_YOU_MEAN.search(diagnostic.message)
        if suggestion:
            actions.append(_replace_action(uri, lines, diagnostic, line, start, suggestion.group(1)))
        elif diagnostic.code == "text-cut-by-comment":
            action = _quote_action(uri, lines, diagnostic, line, start)
            if action is not None:
                actions.append(action)
        elif diagnostic.code == "unknown-source" and (missing := _UNKNOWN_SOURCE.search(diagnostic.message)):
            action = _add_source_action(folder, diagnostic, missing.group(1))
            if action is not None:
                actions.append(action)
    return actions


def _edit(uri: str, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
    return lsp.WorkspaceEdit(changes={uri: edits})


def _replace_action(uri: str, lines: list[str], diagnostic: lsp.Diagnostic, line: str,
                    start: int, suggestion: str) -> lsp.CodeAction:
    """Put the suggested word in place of the mistaken one (for `map/claim`, the claim part)."""
    _, end = word_at(line, start)
    written = line[start:end]
    if "/" in written and "/" not in suggestion:
        start += written.index("/") + 1
    return lsp.CodeAction(
        title=f"Change to '{suggestion}'", kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic], is_preferred=True,
        edit=_edit(uri, [lsp.TextEdit(range=_range(lines, diagnostic.range.start.line, start, end),
                                      new_text=suggestion)]))


_VALUE_START = re.compile(r" *(?:- +)*(?:[A-Za-z_][\w-]* *: +)?")


def _quote_action(uri: str, lines: list[str], diagnostic: lsp.Diagnostic, line: str,
                  start: int) -> lsp.CodeAction | None:
    """Quote a plain value that a ` #` cut short: the rest of its line becomes the value.

    The checker points at the `#`; the value starts after the line's `key: ` (or `- `)."""
    head = _VALUE_START.match(line)
    begin = head.end() if head else 0
    value = line[begin:].rstrip()
    if not value or begin > start or value[0] in "\"'[{|>":
        return None
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return lsp.CodeAction(
        title="Quote the value (the '#' is part of the text)", kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic], is_preferred=True,
        edit=_edit(uri, [lsp.TextEdit(range=_range(lines, diagnostic.range.start.line, begin,
                                                   begin + len(value)), new_text=quoted)]))


def _add_source_action(folder: Folder, diagnostic: lsp.Diagnostic, source_id: str) -> lsp.CodeAction | None:
    """Add `- id: SOURCE` at the end of the folder's `sources:` list (or a new `sources:`)."""
    if not SLUG.match(source_id):
        return None
    holder = next((index for index in folder.files.values()
                   if any(n.kind == "source" and n.definition for n in index.names)), None)
    if holder is None:
        return None
    lines = holder.text.split("\n")
    sources = [s for s in holder.symbols if s.kind == "source"]
    last = sources[-1]
    first_line = lines[last.first]
    dash = len(first_line) - len(first_line.lstrip())
    pad = " " * dash
    row = last.last + 1
    text = f"{pad}- id: {source_id}\n{pad}  title:\n"
    if row >= len(lines):
        text = "\n" + text.rstrip("\n")
        row, column = len(lines) - 1, len(lines[-1])
    else:
        column = 0
    return lsp.CodeAction(
        title=f"Add source '{source_id}' to {holder.path.name}", kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=_edit(uri_of(holder.path), [lsp.TextEdit(range=_range(lines, row, column, column),
                                                       new_text=text)]))


# --- outline -------------------------------------------------------------------------------------

_SYMBOL_KINDS = {
    "claim": lsp.SymbolKind.Object, "stance": lsp.SymbolKind.Event,
    "source": lsp.SymbolKind.File, "thesis": lsp.SymbolKind.Constant,
}


def document_symbols(folder: Folder, path: Path) -> list[lsp.DocumentSymbol]:
    index = folder.files.get(path)
    if index is None:
        return []
    lines = _lines(folder, path)
    found = []
    for s in index.symbols:
        last_line = lines[s.last] if s.last < len(lines) else ""
        whole = lsp.Range(start=lsp.Position(line=s.first, character=0),
                          end=lsp.Position(line=s.last, character=to_utf16(last_line, len(last_line))))
        row, start, end = s.name_span
        label = f"stance on {s.name}" if s.kind == "stance" else s.name
        found.append(lsp.DocumentSymbol(
            name=label, detail=s.detail or None, kind=_SYMBOL_KINDS[s.kind],
            range=whole, selection_range=_range(lines, row, start, end)))
    return found

