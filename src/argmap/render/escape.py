"""The one escaper per output format: map text into Markdown and into HTML (or SVG).

Every renderer that puts map text into Markdown calls `markdown`, and every one that puts it
into HTML or SVG calls `html_text`; tests/test_architecture.py keeps it that way, and
tests/test_escape.py checks both rules against real parsers (markdown-it-py, html.parser).
DOT labels, LaTeX, Argdown and XML interchange have rules of their own, in their modules.
"""

from __future__ import annotations

import html
import re
import unicodedata

from argmap.terminal import BIDI_CONTROLS, escape

__all__ = ["html_text", "markdown", "one_line"]


def one_line(text: str | None, *, shown: bool = False) -> str:
    """One line of printable text: white space and line separators become single spaces; control,
    format and surrogate characters (escape sequences, bidi overrides) are dropped, or with
    `shown` (for a terminal) control and bidi characters are shown escaped (`\\x1b`)."""
    if text and text.isprintable():
        # the usual case, checked in C: no white space but " ", nothing to drop or show (every
        # character the loop below changes is a control, format, surrogate or separator)
        return re.sub(" {2,}", " ", text).strip()
    out = []
    for ch in text or "":
        category = unicodedata.category(ch)
        if ch.isspace() or category in ("Zl", "Zp"):
            out.append(" ")
        elif shown and (category == "Cc" or ch in BIDI_CONTROLS):
            out.append(escape(ch))
        elif category not in ("Cc", "Cf", "Cs"):
            out.append(ch)
    return re.sub(" {2,}", " ", "".join(out)).strip()


# Characters that act anywhere in a line: emphasis, code, links and images, autolinks and raw
# HTML, entities, table cells, strikethrough, and the `{}`/`$` of common extensions (attributes,
# math). CommonMark lets any ASCII punctuation be backslash-escaped, and `\x` shows as `x`.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>|&~$!#])")
# ...and what acts only at the start of a line: list items (`-`, `+`, `1.`, `1)`), thematic
# breaks and setext underlines (`---`, `===`); `#`, `>`, `*` are escaped everywhere already.
_MD_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")


def markdown(text: str | None) -> str:
    """Map text as one line of Markdown that reads back as exactly that text, wherever it is put:
    inline, at the start of a line, or in a table cell."""
    escaped = _MD_INLINE.sub(r"\\\1", one_line(text))
    return _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped, count=1)


# C0 controls but tab, line feed and carriage return; DEL and C1; lone surrogates. HTML forbids
# the controls (a parse error, and C1 in references reads as Windows-1252) and UTF-8 cannot
# encode surrogates, so they are dropped.
_NOT_IN_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def html_text(text: object) -> str:
    """Text for HTML or SVG element content or a double-quoted attribute value."""
    text = text if type(text) is str else str(text)
    # most text has nothing to drop or escape; the home page of 1,000 voices escapes two million
    # strings, so the common case costs two C-level scans
    if not text.isprintable():
        text = _NOT_IN_HTML.sub("", text)
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text, quote=True)
    return text
