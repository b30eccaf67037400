"""How many columns text takes, and greedy word wrap by those columns: one rule for the diagrams'
labels (`dot.wrap`) and the terminal tables (`tables`).

A column is what a monospaced terminal gives a character, and what the label fonts give it
near enough: East Asian wide and full-width characters (kanji, kana, hangul, most emoji) take
two; combining and enclosing marks and format characters (zero-width joiner, soft hyphen,
direction marks) take none, since they draw on the character before them or not at all;
everything else takes one. Python's own Unicode tables (`unicodedata`) decide, so the answer
follows the Python in use, not a copy of the tables that could drift from it.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable

__all__ = ["char_columns", "columns", "head", "split", "wrap_words"]


@functools.cache   # few distinct characters, asked again and again (three table look-ups each)
def char_columns(ch: str) -> int:
    """Columns one character takes: 0, 1 or 2."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def columns(text: str) -> int:
    """Columns `text` takes."""
    if text.isascii():   # one column a character: most map text, and asked millions of times
        return len(text)
    return sum(map(char_columns, text))


def head(text: str, width: int) -> str:
    """The longest start of `text` that fits `width` columns (perhaps empty); marks and other
    zero-width characters after the last character that fits stay with it."""
    if text.isascii():
        return text[:max(0, width)]
    used = 0
    for end, ch in enumerate(text):
        used += char_columns(ch)
        if used > width:
            return text[:end]
    return text


def split(word: str, width: int) -> tuple[str, str]:
    """`word` cut where it reaches `width` columns: the head (at least one character, with the
    marks on it, even when that is wider) and the rest."""
    first = head(word, width)
    if not first and word:
        end = 1
        while end < len(word) and char_columns(word[end]) == 0:
            end += 1
        first = word[:end]
    return first, word[len(first):]


def wrap_words(words: Iterable[str], width: int, indent: str = "", hanging: str | None = None, *,
               ascii: bool = False) -> list[str]:
    """Lines of at most `width` columns, `words` joined by single spaces (each word kept on one
    line when it fits, spaces inside it included; a longer word is broken where it reaches the
    width). The first line starts with `indent`, the others with `hanging` (default: `indent`).
    Always at least one line. `ascii`: the caller knows every word is ASCII, so `len` measures."""
    measure: Callable[[str], int] = len if ascii else columns
    if hanging is None:
        hanging = indent
    # (no max(): this runs for every label of a diagram, mostly with neither indent)
    room = width - columns(indent) if indent else width
    later = width - columns(hanging) if hanging else width
    room, later = (room if room > 1 else 1), (later if later > 1 else 1)
    prefix = indent
    lines: list[str] = []
    line: list[str] = []   # the words on the line being filled, `used` columns with their spaces
    used = 0
    for word in words:
        size = measure(word)
        if line:
            if used + 1 + size <= room:
                line.append(word)
                used += 1 + size
                continue
            lines.append(prefix + " ".join(line))
            prefix, room = hanging, later
        elif size <= room:
            if word:
                line, used = [word], size
            continue
        while size > room:
            piece, word = split(word, room)
            lines.append(prefix + piece)
            prefix, room = hanging, later
            size = measure(word)
        line, used = ([word], size) if word else ([], 0)
    if line or not lines:
        lines.append(prefix + " ".join(line))
    return lines
