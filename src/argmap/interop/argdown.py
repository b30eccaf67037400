"""The model to Argdown and back.

Export (`to_argdown`): every thesis and claim is a titled statement — theses as `[thesis-id]`,
claims as `[map/claim]` tagged with their voice (`#map`), under one heading per voice. Supports
and attacks are `+>` and `->` under the claim; a stance is `+>` (agree) or `->` (disagree) from
each claim it cites to the thesis. Argdown's undercut (`_>`) attacks an argument, so a support
link that some claim undercuts is written as an argument, `<map/a supports map/b>`, with the
premise-conclusion structure `(1) [map/a] ---- (2) [map/b]`, and the undercut points at it.
What Argdown has no syntax for travels as `{data}` (JSON, which is YAML): evidence and
membership of `mixed` stances on the claim, `thesis: true` (with topic and questions) on a
thesis, authors, default source and stance notes on the voice's heading, and the bibliography in
the front matter. Text is one paragraph in Argdown: white space (line breaks included) becomes
single spaces, and the characters Argdown would read as syntax are escaped with `\\`.

Import (`from_argdown`): statements and arguments become claims; tags name voices (the first
tag; untagged elements go to a voice named after the file); a premise-conclusion structure
collapses into supports from each premise of an inference to its conclusion, and the argument
then stands for its main conclusion. Relations into a statement marked `thesis: true` become
stances. Everything else is reported, located, as a warning.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import Any, Hashable, Iterable

from argmap.errors import Location
from argmap.interop._argdown_syntax import ArgdownDocument, Member, parse_argdown
from argmap.interop._import import MAPPED_AS, NOT_MAPPED, Imported, ImportGraph, slugify
from argmap.model import Author, Corpus, Evidence, Kind, Position, Source, ref, split_ref

__all__ = ["to_argdown", "from_argdown", "escape_text", "flatten", "parse_argdown"]

FORMAT = "argmap-argdown"

# Characters that start Argdown syntax wherever they stand in a line of text.
_ALWAYS_ESCAPED = frozenset("\\#*_[]<>{}=")
# Characters JSON leaves raw that Argdown's data and front matter (YAML) cannot hold raw.
_YAML_UNSAFE = re.compile("[{}=\u0085\u2028\u2029\ufeff\ufffe\uffff\u007f-\u009f]")


def flatten(text: str) -> str:
    """Text as one Argdown paragraph: every run of white space becomes one space."""
    return " ".join(text.split())


def escape_text(text: str) -> str:
    """Flattened text with every character Argdown would read as syntax escaped."""
    words = []
    for word in flatten(text).split(" "):
        out = []
        for index, char in enumerate(word):
            rest = word[index + 1:]
            if (char in _ALWAYS_ESCAPED
                    or (char == "/" and rest[:1] in ("/", "*"))
                    or (char in ".:" and char in rest)):      # `.x.` and `:x:` are shortcodes
                out.append("\\" + char)
            else:
                out.append(char)
        words.append("".join(out))
    return " ".join(words)


def _json(value: Any) -> str:
    """JSON that Argdown's data lexer and js-yaml read back unchanged (braces inside strings escaped)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_json(str(k))}: {_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_json(v) for v in value) + "]"
    if isinstance(value, str):
        return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                                json.dumps(value, ensure_ascii=False))
    return json.dumps(value)


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, (), [], {})}


# --- export --------------------------------------------------------------------------------------

def _argument_title(start: str, end: str) -> str:
    return f"{start} supports {end}"


def to_argdown(corpus: Corpus, *, title: str = "argmap export") -> str:
    """The corpus as one Argdown document (see the module docstring for the mapping)."""
    undercut_links = {
        (ref(*split_ref(u.from_, m.id)), ref(*split_ref(u.to, m.id)))
        for m in corpus.maps for c in m.claims for u in c.undercuts}
    mixed: dict[str, list[str]] = {}
    stance_lines: dict[str, list[str]] = {}
    for m in corpus.maps:
        for s in m.stances:
            for because in dict.fromkeys(s.because):
                claim = ref(*split_ref(because, m.id))
                if s.position is Position.MIXED:
                    mixed.setdefault(claim, []).append(s.thesis)
                else:
                    marker = "+>" if s.position is Position.AGREE else "->"
                    stance_lines.setdefault(claim, []).append(f"  {marker} [{s.thesis}]")

    front = {"format": FORMAT, "version": 1}
    if corpus.sources:
        front["sources"] = [_drop_empty({"id": s.id, "title": s.title, "author": s.author,
                                         "publisher": s.publisher, "date": s.date, "url": s.url,
                                         "text": s.text}) for s in corpus.sources]
    out = ["===", f"title: {_json(title)}", f"argmap: {_json(front)}", "===", "",
           "// Written by argmap: claims are [map/claim] tagged #map; theses carry {\"thesis\": true}.",
           "// Evidence, 'mixed' stances, authors and sources travel as {data}; see docs/interop.md.",
           ""]
    if corpus.theses:
        out += ["# Theses", ""]
        for t in corpus.theses:
            data = _drop_empty({"thesis": True, "topic": t.topic, "questions": list(t.questions)})
            out += [f"[{t.id}]: {escape_text(t.text)} {_json(data)}", ""]
    for m in corpus.maps:
        voice = _drop_empty({
            "voice": m.id,
            "authors": [_drop_empty({"name": a.name, "affiliation": a.affiliation}) for a in m.authors],
            "source": m.source,
            "notes": {s.thesis: s.note for s in m.stances if s.note is not None},
        })
        out += [f"# {escape_text(m.name)} ({m.id}) {_json(voice)}", ""]
        for c in m.claims:
            here = ref(m.id, c.id)
            data = _drop_empty({
                "evidence": [_drop_empty({"quote": e.quote, "kind": e.kind.value, "source": e.source,
                                          "note": e.note}) for e in c.evidence],
                "mixed": mixed.get(here, []),
            })
            out.append(f"[{here}]: {escape_text(c.text)} #{m.id}" + (f" {_json(data)}" if data else ""))
            arguments = []
            for target in dict.fromkeys(ref(*split_ref(r, m.id)) for r in c.supports):
                if (here, target) in undercut_links:
                    arguments.append(target)
                else:
                    out.append(f"  +> [{target}]")
            for target in dict.fromkeys(ref(*split_ref(r, m.id)) for r in c.attacks):
                out.append(f"  -> [{target}]")
            for u in dict.fromkeys(c.undercuts):
                start, end = ref(*split_ref(u.from_, m.id)), ref(*split_ref(u.to, m.id))
                out.append(f"  _> <{_argument_title(start, end)}>")
            out += stance_lines.get(here, [])
            out.append("")
            for target in arguments:
                out += [f"<{_argument_title(here, target)}>", "", f"(1) [{here}]", "----",
                        f"(2) [{target}]", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --- import --------------------------------------------------------------------------------------

_QUALIFIED = re.compile(r"(?P<map>[a-z0-9][a-z0-9-]*)/(?P<claim>[a-z0-9][a-z0-9-]*)\Z")


def from_argdown(text: str, path: str) -> Imported:
    """An Argdown document as maps (one per voice), with what could not be mapped as warnings."""
    document = parse_argdown(text, path)
    return _Importer(document).run()


class _Importer:
    def __init__(self, document: ArgdownDocument) -> None:
        self.document = document
        self.path = document.path
        self.graph = ImportGraph(self.path)
        self.file_voice = slugify(PurePath(self.path).stem, "argdown")
        self.representative: dict[tuple[str, str], Hashable] = {}

    def at(self, line: int, column: int = 1) -> Location:
        return Location(path=self.path, line=line, column=column)

    def run(self) -> Imported:
        self._front_matter()
        self._voices_from_headings()
        self._statements()
        self._arguments()
        self._relations()
        imported = self.graph.build()
        problems = tuple(sorted((*self.document.problems, *imported.problems), key=lambda p: p.sort_key))
        return Imported(corpus=imported.corpus, problems=problems)

    # --- voices and metadata ---------------------------------------------------------------------

    def _front_matter(self) -> None:
        meta = self.document.front_matter.get("argmap")
        if not isinstance(meta, dict):
            return
        for item in meta.get("sources") or ():
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                fields = {k: item.get(k) if isinstance(item.get(k), str) else None
                          for k in ("title", "author", "publisher", "date", "url", "text")}
                self.graph.source(Source(id=item["id"], **fields))

    def _voices_from_headings(self) -> None:
        for section in self.document.sections:
            data = section.data
            if not isinstance(data.get("voice"), str):
                continue
            authors = tuple(Author(name=a["name"], affiliation=a.get("affiliation")
                                   if isinstance(a.get("affiliation"), str) else None)
                            for a in data.get("authors") or () if isinstance(a, dict)
                            and isinstance(a.get("name"), str))
            source = data.get("source") if isinstance(data.get("source"), str) else None
            self.graph.voice(data["voice"], name=data["voice"], preferred_id=data["voice"],
                             authors=authors, source=source, declared=True)

    def _voice(self, tags: list[str], line: int) -> str:
        if not tags:
            return self.graph.voice(self.file_voice, name=PurePath(self.path).stem,
                                    preferred_id=self.file_voice)
        if len(tags) > 1:
            self.graph.warn(self.at(line), MAPPED_AS,
                            f"several tags ({', '.join('#' + t for t in tags)}); the first names the voice")
        tag = tags[0]
        return self.graph.voice(tag, name=tag, preferred_id=tag)

    # --- elements --------------------------------------------------------------------------------

    @staticmethod
    def _first(members: list[Member]) -> Member:
        return next((m for m in members if m.defines and m.text), members[0])

    @staticmethod
    def _tags(members: Iterable[Member]) -> list[str]:
        return list(dict.fromkeys(t for m in members for t in m.tags))

    @staticmethod
    def _data(members: Iterable[Member]) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for m in members:
            merged.update(m.data)
        return merged

    def _owner_tags(self) -> dict[str, list[str]]:
        """A statement defined only inside an argument's pcs belongs to the argument's voice."""
        owners: dict[str, list[str]] = {}
        for argument in self.document.arguments.values():
            for title in argument.pcs.values():
                members = self.document.statements[title].members
                if not any(m.defines and not m.in_pcs for m in members):
                    owners.setdefault(title, self._tags(argument.members))
        return owners

    def _statements(self) -> None:
        owners = self._owner_tags()
        for title, statement in self.document.statements.items():
            key = ("statement", title)
            self.representative[key] = key
            member = self._first(statement.members)
            texts = {m.text for m in statement.members if m.defines and m.text}
            if len(texts) > 1:
                self.graph.warn(self.at(member.line, member.column), MAPPED_AS,
                                f"[{title}] is defined with {len(texts)} different texts; the first is kept")
            data = self._data(statement.members)
            where = self.at(member.line, member.column)
            if data.get("thesis") is True:
                questions = data.get("questions")
                self.graph.thesis(key, text=member.text, location=where,
                                  preferred_id=None if statement.untitled else title,
                                  topic=data.get("topic") if isinstance(data.get("topic"), str) else None,
                                  questions=tuple(q for q in questions if isinstance(q, str))
                                  if isinstance(questions, list) else ())
                continue
            tags = self._tags(statement.members) or owners.get(title, [])
            voice = self._voice(tags, member.line)
            preferred = None if statement.untitled else title
            if preferred and (qualified := _QUALIFIED.match(preferred)):
                preferred = qualified["claim"]
            self.graph.claim(key, voice=voice, text=member.text or ("" if statement.untitled else title),
                             location=where, preferred_id=preferred or member.text)
            self._evidence(key, data, where)

    def _evidence(self, key: Hashable, data: dict[str, Any], where: Location) -> None:
        for item in data.get("evidence") or ():
            kind = item.get("kind", "quote") if isinstance(item, dict) else None
            if not isinstance(item, dict) or not isinstance(item.get("quote"), str) or \
                    kind not in {k.value for k in Kind}:
                self.graph.warn(where, NOT_MAPPED, f"evidence {str(item)[:40]!r} is not "
                                "{quote, kind, source, note}; left out")
                continue
            self.graph.evidence(key, Evidence(
                quote=item["quote"], kind=Kind(kind),
                source=item.get("source") if isinstance(item.get("source"), str) else None,
                note=item.get("note") if isinstance(item.get("note"), str) else None))

    def _arguments(self) -> None:
        for title, argument in self.document.arguments.items():
            key = ("argument", title)
            member = self._first(argument.members)
            where = self.at(member.line, member.column)
            if argument.pcs:
                main = argument.pcs[max(argument.pcs)] if not argument.steps else \
                    argument.pcs.get(argument.steps[-1].conclusion)
                self.representative[key] = ("statement", main)
                for step in argument.steps:
                    conclusion = ("statement", argument.pcs[step.conclusion])
                    for number in step.premises:
                        if number not in argument.pcs:
                            self.graph.warn(self.at(step.line), NOT_MAPPED,
                                            f"<{title}> uses premise ({number}), which it does not have")
                        elif argument.pcs[number] != argument.pcs[step.conclusion]:
                            self.graph.support(("statement", argument.pcs[number]), conclusion,
                                               self.at(step.line))
                continue
            self.representative[key] = key
            voice = self._voice(self._tags(argument.members), member.line)
            self.graph.claim(key, voice=voice, text=member.text or title, location=where,
                             preferred_id=title)
            self._evidence(key, self._data(argument.members), where)

    # --- relations -------------------------------------------------------------------------------

    def _relations(self) -> None:
        undercuts = []
        outgoing_support: dict[tuple[str, str], list[Hashable]] = {}
        for relation in self.document.relations:
            if relation.type == "support":
                outgoing_support.setdefault(relation.source, []).append(
                    self.representative[relation.target])
        for relation in self.document.relations:
            start = self.representative[relation.source]
            end = self.representative[relation.target]
            where = self.at(relation.line, relation.column)
            if relation.type == "support":
                self.graph.support(start, end, where)
            elif relation.type == "attack":
                self.graph.attack(start, end, where)
            elif relation.type == "contradictory":
                self.graph.attack(start, end, where)
                self.graph.attack(end, start, where)
            else:
                undercuts.append((relation, start, where))
        for relation, start, where in undercuts:
            self._undercut(relation, start, where, outgoing_support)
        for title, statement in self.document.statements.items():
            for thesis in self._data(statement.members).get("mixed") or ():
                member = self._first(statement.members)
                target = ("statement", thesis) if isinstance(thesis, str) else None
                if target is None or not self.graph.is_thesis(target):
                    self.graph.warn(self.at(member.line, member.column), NOT_MAPPED,
                                    f"[{title}] is 'mixed' on {thesis!r}, which is not a thesis here")
                    continue
                self.graph.stance(("statement", title), target, Position.MIXED,
                                  self.at(member.line, member.column))
        for section in self.document.sections:
            notes = section.data.get("notes")
            if isinstance(section.data.get("voice"), str) and isinstance(notes, dict):
                for thesis, note in notes.items():
                    if isinstance(note, str):
                        self.graph.note(section.data["voice"], ("statement", str(thesis)), note)

    def _undercut(self, relation, start: Hashable, where: Location,
                  outgoing_support: dict[tuple[str, str], list[Hashable]]) -> None:
        target = relation.target
        if target[0] == "argument":
            argument = self.document.arguments[target[1]]
            if argument.pcs and argument.steps:
                step = argument.steps[-1]
                conclusion = ("statement", argument.pcs[step.conclusion])
                for number in step.premises:
                    if number in argument.pcs:
                        self.graph.undercut(start, ("statement", argument.pcs[number]), conclusion, where)
                return
            supported = outgoing_support.get(target, [])
            if supported:
                for end in supported:
                    self.graph.undercut(start, self.representative[target], end, where)
                return
        self.graph.warn(where, MAPPED_AS, f"undercut of {'<' if target[0] == 'argument' else '['}"
                        f"{target[1]}{'>' if target[0] == 'argument' else ']'}, which supports "
                        "nothing here; imported as an attack on it")
        self.graph.attack(start, self.representative[target], where)

