"""Locations, problems and the one exception that carries them.

Imports nothing else of ours, so every layer can report a located problem.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

__all__ = ["Location", "Severity", "Problem", "ArgmapError", "summarised", "repeats_note"]


@attrs.frozen(kw_only=True)
class Location:
    """A 1-based position in a file.

    `marks` is the raw YAML mapping the object came from, so a rule can point at one of its
    fields (`location.of("because", 1)`) rather than at the start of the object. For an object
    read from the cache it is a deferred lookup (`argmap.cache.DeferredMarks`) that parses the
    file only when a field's position is asked for.
    """

    path: str
    line: int = 1
    column: int = 1
    marks: Any = attrs.field(default=None, eq=False, repr=False)

    def _node(self) -> Any:
        marks = self.marks
        resolve = getattr(marks, "resolve", None)
        return resolve(self.line, self.column) if resolve is not None else marks

    def of(self, *keys: str | int) -> Location:
        """The location of a nested value, or the nearest enclosing one that is known."""
        node: Any = self._node() if keys else None
        line, column = self.line, self.column
        for key in keys:
            position = node.value_mark(key) if hasattr(node, "value_mark") else None
            if position is None:
                break
            line, column = position
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
        return Location(path=self.path, line=line, column=column)

    def key(self, name: str) -> Location:
        """The location of a mapping key itself (for unknown or duplicate keys)."""
        position = getattr(self._node(), "key_mark", lambda _k: None)(name)
        if position is None:
            return self
        return Location(path=self.path, line=position[0], column=position[1])

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(kw_only=True, order=False)
class Problem:
    """One broken rule: where, how bad, which rule (a stable kebab-case code) and what to do."""

    location: Location
    severity: Severity
    code: str
    message: str

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.message)

    def format(self) -> str:
        """The compiler-style line, as found (shown to a person: through `argmap.terminal`)."""
        return f"{self.location}: {self.severity.value}: {self.message} [{self.code}]"

    def to_json(self) -> dict[str, Any]:
        loc = self.location
        return {
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


def error(location: Location, code: str, message: str) -> Problem:
    return Problem(location=location, severity=Severity.ERROR, code=code, message=message)


def warning(location: Location, code: str, message: str) -> Problem:
    return Problem(location=location, severity=Severity.WARNING, code=code, message=message)


def sort_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(set(problems), key=lambda p: p.sort_key))


class ArgmapError(Exception):
    """Raised with every problem found, sorted, once all checks have run."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)


def summarised(problems: Sequence[Problem]) -> list[tuple[Problem, int]]:
    """Each problem with how many more places repeat it word for word: a warning with the same
    code and message (177 quotes of one missing source text) is shown once, at its first place;
    errors are always each shown, since each needs fixing where it is."""
    first: dict[tuple[str, str], int] = {}
    out: list[list] = []
    for problem in problems:
        key = (problem.code, problem.message)
        if problem.severity is Severity.WARNING and key in first:
            out[first[key]][1] += 1
            continue
        if problem.severity is Severity.WARNING:
            first[key] = len(out)
        out.append([problem, 0])
    return [(problem, more) for problem, more in out]


def repeats_note(more: int) -> str:
    """The line after a warning shown once for many places."""
    return (f"argmap: the warning above applies to {more} more place{'s' * (more != 1)} "
            "(--format json lists every one)")
