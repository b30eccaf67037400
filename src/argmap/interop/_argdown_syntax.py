"""Argdown text -> a plain syntax tree of the subset argmap maps (our own parser; no Node at run time).

The reader is line-based and follows the lexer of `@argdown/core` 1.7 where it matters for
counting: blank lines separate top-level elements; a line that starts (after indentation) with a
relation marker (`+ - <+ <- +> -> >< _> <_ _`) is a relation of the element above it, nested by
indentation; `(n)` starts a premise-conclusion structure (pcs) whose inference lines start with
`--`; headings start with `#` and a space. Comments (`//`, `/* */`, `<!-- -->`) are removed first,
but not inside escapes, `{data}`, titles or links, exactly as the lexer would see them. Inline
text keeps its words: escapes (`\\#`) are resolved, tags (`#tag`, `#(long tag)`) and `{data}` are
taken out, markdown emphasis markers are dropped, link text is kept without the URL, and runs of
white space become one space.

Every statement and argument keeps the line and column where it was read, for warnings.
"""

from __future__ import annotations

import json
import re
from typing import Any

import attrs
import yaml

from argmap.errors import Location, Problem, warning

__all__ = [
    "SYNTAX",
    "ArgdownDocument",
    "Argument",
    "Member",
    "PcsStep",
    "Relation",
    "Section",
    "Statement",
    "parse_argdown",
]

SYNTAX = "argdown-syntax"

# The lexer's own patterns, translated: JS `.` is any character but \n, \r, \u2028 and \u2029.
_DATA = r"\{(?:(?!\}\s[^,}])[^\r\u2028\u2029])*\}(?!\s*[,}])"
_TAG = (r"#(?:\((?P<long_tag>[^)]+)\)|(?P<short_tag>[a-zA-Z0-9\[\\\]^_`\-"
        r"\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+))[ \t]?")
_LINK = r"\[(?P<link_text>[^\]]+?)\]\([^)]+?\)"

_SKIP = re.compile(
    r"(?P<comment><!--.*?-->|/\*.*?\*/|//[^\n]*)"
    r"|(?P<escape>\\[^\n\r\u2028\u2029])"
    rf"|(?P<data>{_DATA})"
    rf"|(?P<link>{_LINK})"
    r"|(?P<title>\[[^\]\n]*\]|<(?!!--)[^>\n]*>)"
    r"|(?P<tag>#\([^)\n]+\))",
    re.DOTALL)

_INLINE = re.compile(
    r"(?P<escape>\\(?P<escaped>[^\n\r\u2028\u2029]))"
    rf"|(?P<data>{_DATA})"
    rf"|(?P<link>{_LINK})"
    rf"|(?P<tag>{_TAG})"
    r"|(?P<mention>@(?:\[[^\]\n]+\]|<[^>\n]+>))"
    r"|(?P<open>(?<![^\s(\"'])(?:\*\*|__|\*|_)(?=\S))"
    r"|(?P<close>(?<=\S)(?:\*\*|__|\*|_)(?![^\s.,;:!?)\"']))")

_FRONT_MATTER = re.compile(r"\s*(===+)(?P<body>[\s\S]*?)===+")
_HEADING = re.compile(r"(?P<marks>#+) ")
_NUMBER = re.compile(r"[ \t]*\((?P<number>\d+)\)[ \t]*")
_INFERENCE = re.compile(r"[ \t]*--")
_RELATION = re.compile(r"(?P<indent>[ \t]*)(?P<marker>\+>|->|<?\+|<?-|><|_>|<_|_(?=\s))[ \t]*")
_LIST_ITEM = re.compile(r"[ \t]*(?:\*|\d+\.)(?=\s)[ \t]*")
_STATEMENT_DEFINITION = re.compile(r"\[(?P<title>[^\n]+?)\]:")
_STATEMENT_REFERENCE = re.compile(r"\[(?P<title>[^-\n][^\n]*?)\]")
_ARGUMENT_DEFINITION = re.compile(r"<(?P<title>[^\n]+?)>:")
_ARGUMENT_REFERENCE = re.compile(r"<(?P<title>[^-\n][^\n]*?)>")
_LINK_START = re.compile(_LINK)

# What each marker means for (parent, child): relation type, and whether the parent is the source.
_MARKERS = {
    "+>": ("support", True), "->": ("attack", True), "+": ("support", False),
    "<+": ("support", False), "-": ("attack", False), "<-": ("attack", False),
    "><": ("contradictory", True), "_>": ("undercut", True), "<_": ("undercut", False),
    "_": ("undercut", False),
}

Node = tuple[str, str]          # ("statement" | "argument", title)


@attrs.define
class Member:
    """One occurrence of a statement or argument in the text."""

    text: str
    tags: list[str]
    data: dict[str, Any]
    line: int
    column: int
    defines: bool
    in_pcs: bool = False


@attrs.define
class Statement:
    title: str
    untitled: bool
    members: list[Member] = attrs.Factory(list)


@attrs.define
class PcsStep:
    """An inference of a pcs: the numbers of its premises, and the number of its conclusion."""

    premises: list[int]
    conclusion: int
    line: int


@attrs.define
class Argument:
    title: str
    untitled: bool
    members: list[Member] = attrs.Factory(list)
    pcs: dict[int, str] = attrs.Factory(dict)          # number -> statement title
    steps: list[PcsStep] = attrs.Factory(list)


@attrs.define
class Relation:
    type: str          # support | attack | contradictory | undercut
    source: Node
    target: Node
    line: int
    column: int


@attrs.define
class Section:
    level: int
    text: str
    data: dict[str, Any]
    line: int


@attrs.define
class ArgdownDocument:
    path: str
    front_matter: dict[str, Any] = attrs.Factory(dict)
    statements: dict[str, Statement] = attrs.Factory(dict)
    arguments: dict[str, Argument] = attrs.Factory(dict)
    relations: list[Relation] = attrs.Factory(list)
    sections: list[Section] = attrs.Factory(list)
    problems: list[Problem] = attrs.Factory(list)

    def tags(self) -> list[str]:
        seen: dict[str, None] = {}
        elements: list[Statement | Argument] = [*self.statements.values(), *self.arguments.values()]
        for element in elements:
            for member in element.members:
                seen.update(dict.fromkeys(member.tags))
        return list(seen)


Line = tuple[int, str]          # (1-based line number, text without comments)


def parse_argdown(text: str, path: str) -> ArgdownDocument:
    return _Reader(text, path).read()


class _Reader:
    def __init__(self, text: str, path: str) -> None:
        self.source = text.replace("\r\n", "\n").replace("\r", "\n")
        self.document = ArgdownDocument(path=path)
        self.untitled = 0

    # --- top level -------------------------------------------------------------------------------

    def read(self) -> ArgdownDocument:
        body = self._front_matter(self.source)
        previous: Node | None = None
        for block in self._blocks(body):
            previous = self._block(block, previous)
        return self.document

    def warn(self, line: int, column: int, message: str) -> None:
        self.document.problems.append(warning(
            Location(path=self.document.path, line=line, column=column), SYNTAX, message))

    def _front_matter(self, text: str) -> str:
        match = _FRONT_MATTER.match(text)
        if not match:
            return text
        try:
            loaded = yaml.safe_load(match["body"])
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = text.count("\n", 0, match.start("body")) + 1 + (mark.line if mark else 0)
            self.warn(line, 1, f"front matter is not valid YAML, ignored: {getattr(exc, 'problem', exc)}")
            loaded = None
        if isinstance(loaded, dict):
            self.document.front_matter = loaded
        blanked = re.sub(r"[^\n]", " ", text[:match.end()])
        return blanked + text[match.end():]

    def _blocks(self, text: str) -> list[list[Line]]:
        """Comment-free lines grouped by blank lines; a line that only held a comment vanishes."""
        chars = list(text)
        position = 0
        while match := _SKIP.search(text, position):
            if match.lastgroup == "comment":
                for index in range(match.start(), match.end()):
                    if chars[index] != "\n":
                        chars[index] = " "
            position = max(match.end(), position + 1)
        cleaned = "".join(chars).split("\n")
        original = text.split("\n")
        blocks: list[list[Line]] = []
        current: list[Line] = []
        for number, (line, before) in enumerate(zip(cleaned, original, strict=True), start=1):
            if line.strip():
                current.append((number, line.rstrip()))
            elif not before.strip() and current:
                blocks.append(current)
                current = []
        if current:
            blocks.append(current)
        return blocks

    def _block(self, block: list[Line], previous: Node | None) -> Node | None:
        number, first = block[0]
        if heading := _HEADING.match(first):
            text, _tags, data = self._inline(self._join(block, len(heading.group())), number)
            self.document.sections.append(Section(level=len(heading["marks"]), text=text, data=data,
                                                  line=number))
            return None
        if _NUMBER.match(first):
            owner = previous if previous and previous[0] == "argument" else None
            self._pcs(block, owner)
            return None
        if _INFERENCE.match(first):
            self.warn(number, 1, "an inference line ('--') outside a premise-conclusion structure, ignored")
            return None
        if relation := _RELATION.match(first):
            self.warn(number, relation.end("indent") + 1,
                      "a relation with no statement or argument above it, ignored")
            return None
        if _LIST_ITEM.match(first):
            head = None
            items: list[tuple[int, list[Line]]] = []   # where the item's text starts, its lines
            for line in block:
                if (bullet := _LIST_ITEM.match(line[1])) and not _RELATION.match(line[1]):
                    items.append((bullet.end(), [line]))
                else:
                    items[-1][1].append(line)
            for start, item in items:
                head = self._element_with_relations(item, start)
            return head
        return self._element_with_relations(block, 0)

    # --- elements and relations ------------------------------------------------------------------

    @staticmethod
    def _join(lines: list[Line], start: int) -> str:
        return "\n".join([lines[0][1][start:], *(text for _n, text in lines[1:])])

    @staticmethod
    def _structural(text: str) -> bool:
        return bool(_RELATION.match(text) or _INFERENCE.match(text) or _NUMBER.match(text))

    def _text_lines(self, lines: list[Line], index: int) -> int:
        """The index after the continuation lines of the element that starts at `index`."""
        index += 1
        while index < len(lines) and not self._structural(lines[index][1]):
            index += 1
        return index

    def _element_with_relations(self, lines: list[Line], start: int) -> Node:
        end = self._text_lines(lines, 0)
        column = start + len(lines[0][1][start:]) - len(lines[0][1][start:].lstrip()) + 1
        head = self._element(self._join(lines[:end], start), lines[0][0], column)
        rest = self._relations(lines, end, head)
        for number, text in lines[rest:]:
            self.warn(number, 1, f"unexpected line in a statement's relations, ignored: {text.strip()[:40]!r}")
        return head

    def _relations(self, lines: list[Line], index: int, root: Node) -> int:
        """Read relation lines from `index`, nested by indentation under `root`; returns where they end."""
        stack: list[tuple[int, Node]] = [(0, root)]
        last = root
        while index < len(lines):
            number, text = lines[index]
            match = _RELATION.match(text)
            if not match or _INFERENCE.match(text):
                break
            indent = len(match["indent"].expandtabs(4))
            if indent > stack[-1][0]:
                stack.append((indent, last))
            else:
                while len(stack) > 1 and indent < stack[-1][0]:
                    stack.pop()
            parent = stack[-1][1]
            end = self._text_lines(lines, index)
            child = self._element(self._join(lines[index:end], match.end()), number, match.end() + 1)
            kind, parent_first = _MARKERS[match["marker"]]
            source, target = (parent, child) if parent_first else (child, parent)
            self.document.relations.append(Relation(type=kind, source=source, target=target,
                                                    line=number, column=match.end("indent") + 1))
            last = child
            index = end
        return index

    def _element(self, text: str, line: int, column: int) -> Node:
        """A statement or argument from its text: `[T]: ...`, `[T]`, `<T>: ...`, `<T>` or plain text."""
        stripped = text.lstrip()
        column += len(text) - len(stripped)
        titled = () if _LINK_START.match(stripped) else (
            (_STATEMENT_DEFINITION, "statement", True), (_STATEMENT_REFERENCE, "statement", False),
            (_ARGUMENT_DEFINITION, "argument", True), (_ARGUMENT_REFERENCE, "argument", False))
        for pattern, kind, defines in titled:
            if match := pattern.match(stripped):
                body, tags, data = self._inline(stripped[match.end():], line)
                if body and not defines:
                    self.warn(line, column, f"text after a reference to '{match['title']}' is ignored")
                title = match["title"].strip()
                return self._add(kind, title, False, Member(text=body if defines else "", tags=tags,
                                                            data=data, line=line, column=column,
                                                            defines=defines))
        body, tags, data = self._inline(stripped, line)
        self.untitled += 1
        title = f"Untitled {self.untitled}"
        return self._add("statement", title, True, Member(text=body, tags=tags, data=data, line=line,
                                                          column=column, defines=True))

    def _add(self, kind: str, title: str, untitled: bool, member: Member) -> Node:
        element: Statement | Argument | None
        if kind == "statement":
            element = self.document.statements.get(title)
            if element is None:
                element = self.document.statements[title] = Statement(title=title, untitled=untitled)
        else:
            element = self.document.arguments.get(title)
            if element is None:
                element = self.document.arguments[title] = Argument(title=title, untitled=untitled)
        element.members.append(member)
        return (kind, title)

    # --- premise-conclusion structures -----------------------------------------------------------

    def _pcs(self, lines: list[Line], owner: Node | None) -> None:
        if owner is None:
            self.untitled += 1
            owner = self._add("argument", f"Untitled {self.untitled}", True,
                              Member(text="", tags=[], data={}, line=lines[0][0], column=1,
                                     defines=False))
        argument = self.document.arguments[owner[1]]
        if argument.pcs:
            self.warn(lines[0][0], 1, f"a second premise-conclusion structure for <{owner[1]}>, ignored")
            return
        since_last: list[int] = []
        pending: tuple[list[int] | None, int] | None = None
        index = 0
        while index < len(lines):
            number, text = lines[index]
            if match := _NUMBER.match(text):
                end = self._text_lines(lines, index)
                node = self._element(self._join(lines[index:end], match.end()), number, match.end() + 1)
                if node[0] != "statement":
                    self.warn(number, match.end() + 1, "an argument inside a premise-conclusion structure, ignored")
                    index = self._relations(lines, end, node)
                    continue
                position = int(match["number"])
                argument.pcs[position] = node[1]
                self.document.statements[node[1]].members[-1].in_pcs = True
                if pending is not None:
                    uses, line = pending
                    premises = uses if uses is not None else since_last
                    argument.steps.append(PcsStep(premises=list(premises), conclusion=position, line=line))
                    pending = None
                    since_last = [position]
                else:
                    since_last.append(position)
                index = self._relations(lines, end, node)
            elif rule := _INFERENCE.match(text):
                index, uses = self._inference(lines, index, rule.end())
                pending = (uses, number)
                index = self._relations(lines, index, owner)
            else:
                self.warn(number, 1, f"unexpected line in a premise-conclusion structure, ignored: "
                                     f"{text.strip()[:40]!r}")
                index += 1
        if pending is not None:
            self.warn(pending[1], 1, "an inference with no conclusion after it, ignored")

    def _inference(self, lines: list[Line], index: int, rule_end: int) -> tuple[int, list[int] | None]:
        """Skip an inference (`----`, or `--` rules and data `--`) whose rule ends at `rule_end`
        on its first line; its `uses` numbers, if given."""
        number, text = lines[index]
        rest = text[rule_end:]
        body: list[str] = []
        while True:
            if closing := re.search(r"-{2,}", rest):
                body.append(rest[:closing.start()])
                index += 1
                break
            body.append(rest)
            index += 1
            if index >= len(lines):
                self.warn(number, 1, "an inference that is never closed with '--'")
                break
            rest = lines[index][1]
        _text, _tags, data = self._inline("\n".join(body), number)
        uses = data.get("uses")
        if isinstance(uses, list) and all(isinstance(u, int) and not isinstance(u, bool) for u in uses):
            return index, uses
        return index, None

    # --- inline text -----------------------------------------------------------------------------

    def _inline(self, text: str, line: int) -> tuple[str, list[str], dict[str, Any]]:
        """Plain text, tags and merged data of an element's text."""
        parts: list[str] = []
        tags: list[str] = []
        data: dict[str, Any] = {}
        position = 0
        for match in _INLINE.finditer(text):
            parts.append(text[position:match.start()])
            position = match.end()
            kind = match.lastgroup
            if kind == "escape":
                parts.append(match["escaped"])
            elif kind == "data":
                data.update(self._data(match.group(), line + text.count("\n", 0, match.start())))
            elif kind == "link":
                parts.append(match["link_text"])
            elif kind == "tag":
                tag = (match["long_tag"] or match["short_tag"]).strip()
                if tag not in tags:
                    tags.append(tag)
            elif kind == "mention":
                parts.append(match.group())
        parts.append(text[position:])
        return re.sub(r"[ \t\n]+", " ", "".join(parts)).strip(" "), tags, data

    def _data(self, image: str, line: int) -> dict[str, Any]:
        try:
            value = json.loads(image)
        except ValueError:
            try:
                value = yaml.safe_load(image)
            except yaml.YAMLError as exc:
                self.warn(line, 1, f"data {image[:30]!r} is not valid YAML, ignored: "
                                   f"{getattr(exc, 'problem', exc)}")
                return {}
        if not isinstance(value, dict):
            self.warn(line, 1, f"data {image[:30]!r} is not a mapping, ignored")
            return {}
        return value
