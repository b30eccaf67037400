"""The one Markdown and the one HTML escaper, read back by real parsers: whatever a map holds,
a reader sees that text and nothing the text could have turned into (emphasis, links, lists,
table columns, entities, tags)."""

from __future__ import annotations

import unicodedata
from html.parser import HTMLParser

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from argmap.render.escape import html_text, markdown, one_line
from argmap.terminal import BIDI_CONTROLS, escape

from strategies import HOSTILE, hostile_text

# Characters with a meaning somewhere in CommonMark or GFM, and the ones HTML cannot carry.
_SPECIAL = list("\\`*_{}[]()<>|&~$!#-+=.:;\"'/@^%?1 \n\t\r\x00\x0c\x1b\x7f\x85\u00a0\u2028\ud800\ufffd")
texts = st.one_of(
    hostile_text,
    st.text(),
    st.lists(st.one_of(st.sampled_from(_SPECIAL + HOSTILE + ["&amp;", "&#65;", "<a href=x>", "1.", "1)", "- ", "+ ", "1. ",
                                                              "---", "===", "http://x.org", "![i](u)",
                                                              "[l]: /u", "<!--", "```"]),
                       st.characters()), max_size=12).map("".join),
)

_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


class _Text(HTMLParser):
    """The text a browser would show for an HTML fragment (and each attribute's value)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [value for _, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _read(fragment: str) -> _Text:
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return parser


@pytest.mark.parametrize("place", ["inline", "line start", "after a line", "table cell"])
@given(text=texts)
@example(text="- a").via("a list item")
@example(text="12) a").via("an ordered list item")
@example(text="&copy;").via("an entity")
def test_markdown_reads_back_as_the_text(place: str, text: str) -> None:
    escaped = markdown(text)
    document = {"inline": f"Said: {escaped}\n",
                "line start": f"{escaped}\n",
                "after a line": f"Said:\n{escaped}\n",
                "table cell": f"| Said |\n| --- |\n| {escaped} |\n"}[place]
    shown = _read(_MD.render(document))
    prefix = {"inline": "Said: ", "after a line": "Said:\n", "table cell": "Said"}.get(place, "")
    expected = one_line(text)
    between_tags = "\n"     # markdown-it's line breaks between a table's tags
    assert "".join(d for d in shown.text if d.strip(between_tags)).strip() == (prefix + expected).strip()
    tags = {"inline": ["p"], "line start": ["p"] if expected else [], "after a line": ["p"],
            "table cell": ["table", "thead", "tr", "th", "tbody", "tr", "td"]}[place]
    assert shown.tags == tags     # no emphasis, link, code, list, heading, rule or raw HTML


@given(text=texts)
def test_markdown_is_one_line_without_controls(text: str) -> None:
    escaped = markdown(text)
    assert "\n" not in escaped and escaped == escaped.strip()
    assert not {unicodedata.category(ch) for ch in escaped} & {"Cc", "Cf", "Cs", "Zl", "Zp"}


@given(text=texts)
def test_html_reads_back_as_the_text(text: str) -> None:
    escaped = html_text(text)
    escaped.encode("utf-8")                    # no lone surrogate survives
    shown = _read(f'<p title="{escaped}">{escaped}</p>')
    carried = "".join(ch for ch in text if not _cannot_carry(ch))
    assert "".join(shown.text) == carried
    assert shown.attributes == [carried] and shown.tags == ["p"]


def _cannot_carry(ch: str) -> bool:
    """HTML forbids controls other than tab, line feed and carriage return; UTF-8 cannot hold a
    surrogate."""
    code = ord(ch)
    return ((code < 0x20 and ch not in "\t\n\r") or 0x7F <= code <= 0x9F
            or 0xD800 <= code <= 0xDFFF)


def test_html_escapes_non_strings_by_their_text() -> None:
    assert html_text(3) == "3"


@pytest.mark.parametrize(("text", "escaped"), [
    ("- not a list", "\\- not a list"),
    ("1. not a list", "1\\. not a list"),
    ("2019) either", "2019\\) either"),
    ("a | b & <c>", "a \\| b \\& \\<c\\>"),
    ("a\x1b[31m\nb", "a\\[31m b"),
])
def test_markdown_examples(text: str, escaped: str) -> None:
    assert markdown(text) == escaped


@given(st.text() | hostile_text, st.booleans())
def test_one_line_of_printable_text_is_the_character_by_character_rule(text: str, shown: bool) -> None:
    """one_line takes a short way for printable text; it must give what the rule gives."""
    def by_rule(text: str) -> str:
        out = []
        for ch in text:
            category = unicodedata.category(ch)
            if ch.isspace() or category in ("Zl", "Zp"):
                out.append(" ")
            elif shown and (category == "Cc" or ch in BIDI_CONTROLS):
                out.append(escape(ch))
            elif category not in ("Cc", "Cf", "Cs"):
                out.append(ch)
        return " ".join(part for part in "".join(out).split(" ") if part)

    assert by_rule(text) == one_line(text, shown=shown)
