"""The one sanitiser for what argmap shows in a terminal.

Map text is anyone's text: an escape sequence in a claim or a key could clear the screen or
retitle the window, and a right-to-left override can make a line read differently from what it
holds. Whatever reaches a terminal therefore shows C0 and C1 control characters (other than line
breaks and tabs) and the bidirectional controls as visible escapes (`\\x1b`, `\\u202e`) instead of
obeying them. Imports nothing else of ours, so every layer may use it.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

__all__ = ["escape", "BIDI_CONTROLS", "has_bidi_control", "SafeStream"]

# Embeddings, overrides, isolates and marks: each can reorder what a reader sees.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_UNSAFE = f"\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}"
_ESCAPE = re.compile(f"[{_UNSAFE}]")
# What argmap itself writes to a terminal on purpose: colours (SGR) and the progress line's
# "back to the start, clear the line". Nothing else passes.
_OWN = re.compile(f"(\r\x1b\\[K|\x1b\\[[0-9;]*m)|([{_UNSAFE}])")


def _shown(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str) -> str:
    """`text` with every control character but line break and tab shown as an escape."""
    if text.isprintable():   # the common case: nothing to do (line breaks are not printable)
        return text
    return _ESCAPE.sub(lambda m: _shown(m.group()), text)


def has_bidi_control(text: str) -> bool:
    # Every control is outside ASCII, and whether a str is ASCII is a flag Python keeps: the
    # check reads every text of a corpus joined (10 MB at 50,000 claims) and is mostly ASCII.
    return not text.isascii() and _BIDI.search(text) is not None


def _escape_stream(text: str) -> str:
    if text.isprintable():
        return text
    return _OWN.sub(lambda m: m.group(1) or _shown(m.group(2)), text)


class SafeStream:
    """A terminal stream that shows control characters escaped, except argmap's own colours and
    progress line. Used for standard output and error when they are terminals."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(_escape_stream(text))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
