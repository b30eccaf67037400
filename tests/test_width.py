"""The one width and wrap rule (argmap.render.width), which the diagrams' labels and the terminal
tables share: what a column is, where text is cut, and that wrapping loses nothing."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from argmap.render.width import char_columns, columns, head, split, wrap_words


def slow_columns(text: str) -> int:
    """Terminal columns, as wcwidth counts them: wide East Asian and emoji 2, marks and format
    characters 0, everything else 1, character by character."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
words = st.lists(st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=12),
                 max_size=12)


def test_a_column_is_what_a_terminal_gives_a_character() -> None:
    assert (1, 2, 2, 0, 0, 2) == tuple(map(char_columns, "a日한\u0301\u200d\U0001F600"))
    assert 5 == columns("Tōkyō")
    assert 5 == columns("To\u0304kyo\u0304")   # decomposed: the macrons draw on their letters
    assert 12 == columns("日本と韓国の")


@given(texts)
def test_columns_is_the_sum_of_each_characters(text: str) -> None:
    assert slow_columns(text) == columns(text) == sum(map(char_columns, text))


@given(st.text(st.characters(max_codepoint=127)), st.integers(-2, 40))
def test_the_ascii_short_cuts_are_the_unicode_rules_own(text: str, width: int) -> None:
    assert len(text) == columns(text) == slow_columns(text)
    assert head(text, width) == text[:max(0, width)]


@given(texts, st.integers(-2, 40))
def test_head_is_the_longest_start_that_fits(text: str, width: int) -> None:
    first = head(text, width)
    assert text.startswith(first)
    assert slow_columns(first) <= max(0, width)
    rest = text[len(first):]
    if rest:   # the next character would not fit, and no mark is left behind its letter
        assert slow_columns(first + rest[0]) > width
        assert char_columns(rest[0]) > 0


@given(texts.filter(bool), st.integers(1, 40))
def test_split_always_makes_progress(word: str, width: int) -> None:
    first, rest = split(word, width)
    assert first and first + rest == word
    if slow_columns(first) > width:   # only one character too wide to cut, with its marks
        assert char_columns(first[0]) > width and slow_columns(first[1:]) == 0


@given(words, st.integers(1, 30), st.sampled_from(["", "  ", "- "]), st.sampled_from([None, "", "    "]))
def test_wrapping_loses_nothing_and_keeps_to_the_width(
        items: list[str], width: int, indent: str, hanging: str | None) -> None:
    lines = wrap_words(items, width, indent, hanging)
    later = indent if hanging is None else hanging
    assert lines and lines[0].startswith(indent)
    assert all(line.startswith(later) for line in lines[1:])
    bodies = [lines[0][len(indent):]] + [line[len(later):] for line in lines[1:]]
    assert "".join(items) == "".join(body.replace(" ", "") for body in bodies)
    for line, prefix in zip(lines, [indent] + [later] * (len(lines) - 1), strict=True):
        body = line[len(prefix):]
        room = max(1, width - columns(prefix))
        if columns(body) > room:   # only one character (with its marks) too wide to cut
            assert split(body, room)[0] == body and char_columns(body[0]) > room


def test_words_fill_a_line_then_break_at_spaces_and_cut_what_is_too_long() -> None:
    assert ["one two", "three"] == wrap_words(["one", "two", "three"], 8)
    assert ["- one two", "  three"] == wrap_words(["one", "two", "three"], 9, "- ", "  ")
    assert ["abcd", "efgh", "ij k"] == wrap_words(["abcdefghij", "k"], 4)
    assert ["日本と", "韓国"] == wrap_words(["日本と韓国"], 6)
    assert [""] == wrap_words([], 10)
    assert ["a b"] == wrap_words(["a", "b"], 10, ascii=True)
