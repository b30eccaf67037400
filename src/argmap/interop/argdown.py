"""The model to Argdown and back.

Export (`to_argdown`): every thesis and claim is a titled statement — theses as `[thesis-id]`,
claims as `[map/claim]` tagged with their voice (`#map`), under one heading per voice. Supports
and attacks are `+>` and `->` under the claim; a stance is `+>` (agree) or `->` (disagree) from
each claim it cites to the thesis. Argdown's undercut (`_>`) attacks an argument, so a support
link that some claim undercuts is written as an argument, `<map/a supports map/b>`, with the
premise-conclusion structure `(1) [map/a] ---- (2) [map/b]`, and the undercut points at it.
What Argdown has no syntax for travels as `{data}` (JSON, which is YAML), so that importing
our own export gives back exactly the corpus: evidence, `mixed` stances, whose each relation is,
and the order of supports on the claim, `thesis: true` (with topic and questions) on a thesis,
authors, default source, stance notes and orders on the voice's heading, and the bibliography in
the front matter. Text is one paragraph in Argdown: white space (line breaks included) becomes
single spaces, and the characters Argdown would read as syntax are escaped with `\\`; when that
changes the text, the exact text rides in the data too.

Import (`from_argdown`): statements and arguments become claims; tags name voices (the first
tag; untagged elements go to a voice named after the file); a premise-conclusion structure
collapses into supports from each premise of an inference to its conclusion, and the argument
then stands for its main conclusion. Relations into a statement marked `thesis: true` become
stances. Everything else is reported, located, as a warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Hashable, Iterable
from pathlib import PurePath
from typing import Any

from argmap.errors import Location
from argmap.graph import Resolved, claim_of, graph
from argmap.interop._argdown_syntax import (
    ArgdownDocument,
    Member,
    Relation,
    Statement,
    parse_argdown,
)
from argmap.interop._import import MAPPED_AS, NOT_MAPPED, Imported, ImportGraph, slugify
from argmap.interop._plain import (
    authors_from_plain,
    authors_to_plain,
    basis_from_plain,
    basis_to_plain,
    drop_empty,
    evidence_from_plain,
    evidence_to_plain,
    source_from_plain,
    sources_to_plain,
    str_or_none,
)
from argmap.model import Corpus, Position

__all__ = ["escape_text", "flatten", "from_argdown", "parse_argdown", "to_argdown"]

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


# --- export --------------------------------------------------------------------------------------

def _exact(text: str) -> str | None:
    """The text itself, for the data, when Argdown's one paragraph would change it."""
    return text if flatten(text) != text else None


def _argument_title(start: str, end: str) -> str:
    return f"{start} supports {end}"


def _bases(c: Resolved) -> list[dict[str, Any]]:
    """Whose each relation is, where the map says (Argdown relations carry no data of their own)."""
    found = [{"type": kind, "to": target, **basis_to_plain(r)}
             for kind, entries in (("support", c.supports), ("attack", c.attacks))
             for target, r in entries]
    found += [{"type": "undercut", "from": u.premise, "to": u.conclusion,
               **basis_to_plain(u.undercut)} for u in c.undercuts]
    return [entry for entry in found if len(entry) > (3 if entry["type"] == "undercut" else 2)]


def to_argdown(corpus: Corpus, *, title: str = "argmap export") -> str:
    """The corpus as one Argdown document (see the module docstring for the mapping)."""
    resolved = graph(corpus)
    undercut_links = {(u.premise, u.conclusion) for c in resolved.claims for u in c.undercuts}
    mixed: dict[str, list[str]] = {}
    stance_lines: dict[str, list[str]] = {}
    for m in corpus.maps:
        for s in m.stances:
            for reason in dict.fromkeys(resolved.because(m, s)):
                if s.position is Position.MIXED:
                    mixed.setdefault(reason, []).append(s.thesis)
                else:
                    marker = "+>" if s.position is Position.AGREE else "->"
                    stance_lines.setdefault(reason, []).append(f"  {marker} [{s.thesis}]")

    front = drop_empty({"format": FORMAT, "version": 1, "sources": sources_to_plain(corpus.sources)})
    out = ["===", f"title: {_json(title)}", f"argmap: {_json(front)}", "===", "",
           "// Written by argmap: claims are [map/claim] tagged #map; theses carry {\"thesis\": true}.",
           "// Evidence, 'mixed' stances, authors and sources travel as {data}; see docs/interop.md.",
           ""]
    if corpus.theses:
        out += ["# Theses", ""]
        for t in corpus.theses:
            data = drop_empty({"thesis": True, "text": _exact(t.text), "topic": t.topic,
                               "questions": list(t.questions)})
            out += [f"[{t.id}]: {escape_text(t.text)} {_json(data)}", ""]
    for m in corpus.maps:
        position = {c.id: index for index, c in enumerate(m.claims)}
        reordered = {}
        for s in m.stances:
            because = list(dict.fromkeys(claim_of(b) for b in resolved.because(m, s)))
            if because != sorted(because, key=lambda claim_id: position.get(claim_id, -1)):
                reordered[s.thesis] = because
        voice = drop_empty({
            "voice": m.id,
            "authors": authors_to_plain(m.authors),
            "source": m.source,
            "notes": {s.thesis: s.note for s in m.stances if s.note is not None},
            "because": reordered,
            "stances": [s.thesis for s in m.stances]
            if [s.thesis for s in m.stances] != sorted(s.thesis for s in m.stances) else [],
        })
        out += [f"# {escape_text(m.name)} ({m.id}) {_json(voice)}", ""]
        for c in m.claims:
            claim = resolved.of(m, c)
            here = claim.ref
            supported = list(dict.fromkeys(target for target, _ in claim.supports))
            data = drop_empty({
                "text": _exact(c.text),
                "evidence": [evidence_to_plain(e) for e in c.evidence],
                "mixed": mixed.get(here, []),
                "bases": _bases(claim),
                # a support written as an argument is read before the `+>` lines: say the order
                "supports": supported if len(supported) > 1
                and any((here, target) in undercut_links for target in supported) else [],
            })
            out.append(f"[{here}]: {escape_text(c.text)} #{m.id}" + (f" {_json(data)}" if data else ""))
            arguments = []
            for target in dict.fromkeys(target for target, _ in claim.supports):
                if (here, target) in undercut_links:
                    arguments.append(target)
                else:
                    out.append(f"  +> [{target}]")
            for target in dict.fromkeys(target for target, _ in claim.attacks):
                out.append(f"  -> [{target}]")
            for start, end in dict.fromkeys((u.premise, u.conclusion) for u in claim.undercuts):
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
    return _Importer(document, text).run()


class _Importer:
    def __init__(self, document: ArgdownDocument, text: str = "") -> None:
        self.document = document
        self.text = text
        meta = document.front_matter.get("argmap")
        # argmap's own export: its title and its headings are argmap's, nothing of the author's
        self.own = isinstance(meta, dict) and meta.get("format") == "argmap-argdown"
        self.path = document.path
        self.graph = ImportGraph(self.path)
        self.file_voice = slugify(PurePath(self.path).stem, "argdown")
        self.representative: dict[tuple[str, str], Hashable] = {}
        self.defined: list = []
        # (statement title, "support"|"attack"|"undercut", target title or "from -> to") -> basis
        self.bases: dict[tuple[str, str, str], dict[str, Any]] = {}

    def at(self, line: int, column: int = 1) -> Location:
        return Location(path=self.path, line=line, column=column)

    def run(self) -> Imported:
        self._front_matter()
        self._voices_from_headings()
        self._statements()
        self._arguments()
        self._relations()
        self._losses()
        imported = self.graph.build()
        problems = tuple(sorted((*self.document.problems, *imported.problems), key=lambda p: p.sort_key))
        return Imported(corpus=imported.corpus, problems=problems)

    # --- what argmap cannot carry ----------------------------------------------------------------

    def _losses(self) -> None:
        """Name each construct the maps cannot hold, where it is: nothing is dropped unsaid."""
        if not self.own:
            for key, value in self.document.front_matter.items():
                if key == "argmap":
                    continue
                shown = str(value)
                shown = shown if len(shown) <= 40 else shown[:39] + "\u2026"
                self.graph.warn(self.at(self._front_matter_line(key)), NOT_MAPPED,
                                f"front matter '{key}' ({shown!r}) is not carried: argmap maps have "
                                "no document metadata")
            for section in self.document.sections:
                if not isinstance(section.data.get("voice"), str):
                    self.graph.warn(self.at(section.line), NOT_MAPPED,
                                    f"heading {'#' * section.level} {section.text!r} is not carried: "
                                    "argmap maps have no sections (a heading with {\"voice\": ...} "
                                    "names a voice)")
        for title, argument in self.document.arguments.items():
            if self.own or argument.untitled:
                continue
            member = self._first(argument.members)
            where = self.at(member.line, member.column)
            if argument.pcs:
                premises = sum(len(step.premises) for step in argument.steps) or len(argument.pcs) - 1
                self.graph.warn(where, MAPPED_AS,
                                f"argument <{title}>: its premise-conclusion structure ({len(argument.pcs)} "
                                f"statements, {len(argument.steps) or 1} inference step(s), {premises} "
                                "premise use(s)) becomes support links into its conclusion, and the "
                                "argument's name is not kept")
            else:
                self.graph.warn(where, MAPPED_AS,
                                f"argument <{title}> becomes a claim (argmap has no arguments); its "
                                "name is kept only as the claim's id")

    def _front_matter_line(self, key: str) -> int:
        found = re.search(rf"(?m)^{re.escape(str(key))}\s*:", self.text)
        return self.text.count("\n", 0, found.start()) + 1 if found else 1

    # --- voices and metadata ---------------------------------------------------------------------

    def _front_matter(self) -> None:
        meta = self.document.front_matter.get("argmap")
        if not isinstance(meta, dict):
            return
        sources = meta.get("sources")
        for item in sources if isinstance(sources, list) else ():
            if (source := source_from_plain(item)) is not None:
                self.graph.source(source)

    def _voices_from_headings(self) -> None:
        for section in self.document.sections:
            data = section.data
            if not isinstance(data.get("voice"), str):
                continue
            self.graph.voice(data["voice"], name=data["voice"], preferred_id=data["voice"],
                             authors=authors_from_plain(data.get("authors")),
                             source=str_or_none(data.get("source")), declared=True)

    def _voice(self, tags: list[str], line: int) -> str:
        if not tags:
            self.graph.voice(self.file_voice, name=PurePath(self.path).stem, preferred_id=self.file_voice)
            return self.file_voice
        if len(tags) > 1:
            self.graph.warn(self.at(line), MAPPED_AS,
                            f"several tags ({', '.join('#' + t for t in tags)}); the first names the voice")
        tag = tags[0]
        self.graph.voice(tag, name=tag, preferred_id=tag)
        return tag

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

        def defined_at(statement: Statement) -> tuple[int, int]:
            member = next((m for m in statement.members if m.defines), statement.members[0])
            return member.line, member.column

        # In the order they are defined, not first mentioned: a map's claims keep their order.
        self.defined = sorted(self.document.statements.items(), key=lambda i: defined_at(i[1]))
        for title, statement in self.defined:
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
                self.graph.thesis(key, text=self._text(member.text, data, title, where), location=where,
                                  preferred_id=None if statement.untitled else title,
                                  topic=str_or_none(data.get("topic")),
                                  questions=tuple(q for q in questions if isinstance(q, str))
                                  if isinstance(questions, list) else ())
                continue
            tags = self._tags(statement.members) or owners.get(title, [])
            voice = self._voice(tags, member.line)
            preferred = None if statement.untitled else title
            if preferred and (qualified := _QUALIFIED.match(preferred)):
                preferred = qualified["claim"]
            text = self._text(member.text, data, title, where) or ("" if statement.untitled else title)
            self.graph.claim(key, voice=voice, text=text, location=where,
                             preferred_id=preferred or member.text)
            self._evidence(key, data, where)
            self._bases(title, data)
            order = data.get("supports")
            if isinstance(order, list):
                self.graph.relation_order(key, "supports", [("statement", t) for t in order
                                                            if isinstance(t, str)])

    def _text(self, shown: str, data: dict[str, Any], title: str, where: Location) -> str:
        """The exact text argmap wrote in the data (line breaks and all), while it is still the
        text the statement shows; after an edit in Argdown, the statement's own text."""
        exact = str_or_none(data.get("text"))
        if exact is None or flatten(exact) == shown:
            return exact or shown
        self.graph.warn(where, MAPPED_AS, f"[{title}]: its text differs from the \"text\" in its "
                        "data (edited in Argdown?); the statement's own text is kept")
        return shown

    def _bases(self, title: str, data: dict[str, Any]) -> None:
        entries = data.get("bases")
        for entry in entries if isinstance(entries, list) else ():
            if not isinstance(entry, dict) or not isinstance(entry.get("to"), str):
                continue
            target = entry["to"] if entry.get("type") != "undercut" else f"{entry.get('from')} -> {entry['to']}"
            self.bases[(title, str(entry.get("type")), target)] = basis_from_plain(entry)

    def _basis(self, source: Hashable, kind: str, target: str) -> dict[str, Any] | None:
        if not (isinstance(source, tuple) and source[0] == "statement"):
            return None
        return self.bases.get((source[1], kind, target))

    def _evidence(self, key: Hashable, data: dict[str, Any], where: Location) -> None:
        items = data.get("evidence")
        for item in items if isinstance(items, list) else ():
            evidence = evidence_from_plain(item)
            if evidence is None:
                self.graph.warn(where, NOT_MAPPED, f"evidence {str(item)[:40]!r} is not "
                                "{quote, kind, source, note}; left out")
            else:
                self.graph.evidence(key, evidence)

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
                            premise = ("statement", argument.pcs[number])
                            self.graph.support(premise, conclusion, self.at(step.line),
                                               self._basis(premise, "support", conclusion[1]))
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
            title = end[1] if isinstance(end, tuple) else ""
            if relation.type == "support":
                self.graph.support(start, end, where, self._basis(start, "support", title))
            elif relation.type == "attack":
                self.graph.attack(start, end, where, self._basis(start, "attack", title))
            elif relation.type == "contradictory":
                self.graph.attack(start, end, where)
                self.graph.attack(end, start, where)
            else:
                undercuts.append((relation, start, where))
        for relation, start, where in undercuts:
            self._undercut(relation, start, where, outgoing_support)
        for title, statement in self.defined:
            theses = self._data(statement.members).get("mixed")
            for thesis in theses if isinstance(theses, list) else ():
                member = self._first(statement.members)
                target = ("statement", thesis) if isinstance(thesis, str) else None
                if target is None or not self.graph.is_thesis(target):
                    self.graph.warn(self.at(member.line, member.column), NOT_MAPPED,
                                    f"[{title}] is 'mixed' on {thesis!r}, which is not a thesis here")
                    continue
                self.graph.stance(("statement", title), target, Position.MIXED,
                                  self.at(member.line, member.column))
        for section in self.document.sections:
            voice = section.data.get("voice")
            if not isinstance(voice, str):
                continue
            notes = section.data.get("notes")
            for thesis, note in notes.items() if isinstance(notes, dict) else ():
                if isinstance(note, str):
                    self.graph.note(voice, ("statement", str(thesis)), note)
            theses = section.data.get("stances")
            if isinstance(theses, list):
                self.graph.stance_order(voice, [("statement", t) for t in theses if isinstance(t, str)])
            orders = section.data.get("because")
            for thesis, claims in orders.items() if isinstance(orders, dict) else ():
                if isinstance(claims, list):
                    self.graph.order(voice, ("statement", str(thesis)),
                                     [("statement", f"{voice}/{c}") for c in claims if isinstance(c, str)])

    def _undercut(self, relation: Relation, start: Hashable, where: Location,
                  outgoing_support: dict[tuple[str, str], list[Hashable]]) -> None:
        target = relation.target
        if target[0] == "argument":
            argument = self.document.arguments[target[1]]
            if argument.pcs and argument.steps:
                step = argument.steps[-1]
                conclusion = ("statement", argument.pcs[step.conclusion])
                for number in step.premises:
                    if number in argument.pcs:
                        link = f"{argument.pcs[number]} -> {conclusion[1]}"
                        self.graph.undercut(start, ("statement", argument.pcs[number]), conclusion, where,
                                            self._basis(start, "undercut", link))
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

