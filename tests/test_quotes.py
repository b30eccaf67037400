"""Quote search: the one-pass automaton must answer exactly as `needle in source` would."""

from __future__ import annotations

import random

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from argmap import quotes
from argmap.quotes import _AUTOMATON_FROM, _KEY, find_all, normalise

from conftest import SOURCES, needs_shared

# A small alphabet makes shared prefixes, overlaps and near misses common.
_TEXT = st.text(alphabet="ab é’\u043e-", min_size=0, max_size=400)


def _expected(needles, source):
    return {n for n in needles if n and n in source}


@settings(max_examples=200, deadline=None)
@given(source=_TEXT, cuts=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 60)), max_size=120),
       strays=st.lists(_TEXT, max_size=40))
def test_find_all_agrees_with_in(source, cuts, strays):
    needles = [source[i:i + n] for i, n in cuts] + strays
    assert find_all(needles, source) == _expected(needles, source)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
# the edges of the shortcut, in every run (the mutation profile's 15 examples seldom reach them): a
# space at either end alone, two spaces, white space other than the space
@example(" a b")
@example("a b ")
@example(" ")
@example("a  b")
@example("a\tb")
def test_ascii_text_is_normalised_to_its_words_one_space_apart(text):
    """ASCII text already one space between words is returned as it is: the answer must be that
    of splitting it into words and joining them, white space of every kind included."""
    assert " ".join(text.split()) == normalise(text)


def test_many_quotes_sharing_their_first_characters():
    """Above the automaton threshold, keys collide: every candidate is confirmed in full."""
    rng = random.Random(7)
    words = ["the", "alliance", "apology", "fatigue", "threat", "Seoul", "Tokyo", "and"]
    source = " ".join(rng.choice(words) for _ in range(5000))
    prefix = source[:_KEY]
    present = [source[i:i + rng.randint(1, 90)] for i in (rng.randrange(len(source)) for _ in range(300))]
    absent = [prefix + " zebra", prefix, source[:200] + "!", "apology  fatigue"]
    needles = present + absent
    assert len(set(needles)) > _AUTOMATON_FROM
    assert find_all(needles, source) == _expected(needles, source)
    assert prefix + " zebra" not in find_all(needles, source)


def test_above_the_threshold_when_every_quote_is_there_all_are_found():
    words = [f"word{n}" for n in range(400)]
    source = " ".join(words)
    needles = [" ".join(words[i:i + 3]) for i in range(0, 300, 5)]
    assert len(needles) > _AUTOMATON_FROM
    assert set(needles) == find_all(needles, source)


def test_short_lists_take_the_direct_path_with_the_same_answer():
    source = normalise("It was “quoted” — here.")
    assert find_all(['"quoted" - here', "quoted”", ""], source) == {'"quoted" - here'}


def test_find_matches_find_all():
    source = normalise("The quick brown fox\njumps over the lazy dog.")
    for quote in ("quick  brown", "lazy cat", "dog.", "  "):
        assert quotes.find(quote, source) == (normalise(quote) in find_all([normalise(quote)], source))


def test_check_locates_each_missing_quote_among_many(tmp_path):
    """End to end above the threshold: only the two altered quotes fail, each at its own line."""
    from argmap.pipeline import load_and_check

    rng = random.Random(3)
    words = "alliance apology fatigue threat perception Seoul Tokyo summit history".split()
    text = " ".join(rng.choice(words) for _ in range(3000))
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "s.txt").write_text(text, encoding="utf-8")
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "corpus.yaml").write_text(
        "argmap: 1\nsources:\n  - id: s\n    title: S\n    text: s.txt\n", encoding="utf-8")
    lines = ["argmap: 1", "authors:", "  - name: A", "source: s", "claims:"]
    broken = {}
    for i in range(2 * _AUTOMATON_FROM):
        start = rng.randrange(len(text) - 80)
        quote = text[start:start + rng.randint(20, 80)].strip()
        if i in (10, 70):
            quote += " zebra"
        lines += [f"  - id: c{i}", f"    text: Claim {i}.", "    evidence:"]
        lines.append(f"      - quote: '{quote}'")
        if i in (10, 70):
            broken[len(lines)] = quote
    (maps / "m.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = load_and_check([maps], tmp_path / "sources")
    assert sorted((p.code, p.location.line, p.location.column) for p in problems) == [
        ("quote-not-found", line, 16) for line in sorted(broken)]


@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2002\u2028\u202f\u3000ab"), max_size=50))
def test_normalise_collapses_every_unicode_space_like_a_regex_would(text):
    import re

    assert normalise(text) == re.sub(r"\s+", " ", text).strip()


@given(st.one_of(st.binary(max_size=60),
                 st.lists(st.sampled_from([b" ", b"  ", b"\t", b"\n", b"\r\n", b"\x0b", b"\x0c",
                                           b"\x1c", b"\x1f", b"\x7f", b"\x00", b"ab", b"Q",
                                           "\u2019".encode(), "\u00a0".encode(), b"\xff"]),
                          max_size=30).map(b"".join)))
def test_a_source_normalised_from_its_bytes_reads_as_its_decoded_text(raw):
    assert quotes.normalise_source(raw) == normalise(raw.decode("utf-8", errors="replace"))


@pytest.mark.parametrize("raw", [b"  Xa\t\n b   X ", b"a\x1c\x1d\x1e\x1fb", b"\r\nX\x0b\x0cX", b"XX", b"a  b", b""])
def test_an_ascii_source_reads_as_its_text_spaces_and_edges_included(raw):
    """The bytes' shortcut (ASCII only): every space run one space, ends trimmed, letters kept."""
    assert quotes.normalise_source(raw) == normalise(raw.decode("ascii"))


class TestFind:
    """What `check` promises about a quote (DESIGN.md): found case-sensitively, after folding what
    a keyboard cannot type."""

    SOURCE = normalise("Lind said that Japan\u2019s apologies are \u201cmany\u201d \u2014 and ignored.")

    @pytest.mark.parametrize("quote", ["Japan's apologies", "Japan\u2019s apologies",
                                       'are "many" - and', "are \u201cmany\u201d \u2014 and"])
    def test_typed_and_typographic_punctuation_are_the_same(self, quote: str) -> None:
        assert quotes.find(quote, self.SOURCE)

    @pytest.mark.parametrize("quote", ["japan's apologies", "Lind Said that", "AND IGNORED"])
    def test_a_changed_capital_is_a_changed_quote(self, quote: str) -> None:
        assert not quotes.find(quote, self.SOURCE)

    @given(st.from_regex(r"[A-Za-z]{1,8}( [A-Za-z]{1,8}){2,5}", fullmatch=True), st.data())
    def test_any_case_change_is_not_found(self, text: str, data) -> None:
        source = normalise(text)
        at = data.draw(st.sampled_from([i for i, ch in enumerate(text) if ch.isalpha()]))
        changed = text[:at] + text[at].swapcase() + text[at + 1:]
        assert (True, False) == (quotes.find(text, source), quotes.find(changed, source))

    @given(st.from_regex(r"[a-z]{1,8}( [a-z]{1,8}){0,3}", fullmatch=True),
           st.from_regex(r"[a-z]{1,8}( [a-z]{1,8}){0,3}", fullmatch=True))
    def test_apostrophes_fold_both_ways(self, left: str, right: str) -> None:
        typed, typographic = f"{left}'{right}", f"{left}\u2019{right}"
        assert (True, True) == (quotes.find(typed, normalise(typographic)),
                                quotes.find(typographic, normalise(typed)))

    @needs_shared
    def test_a_shipped_quote_retyped_on_a_keyboard_is_still_found(self) -> None:
        """jo.yaml quotes "I don’t see the Yoon administration …" from the KEI text; typed with a
        keyboard's apostrophe it must still be found there."""
        raw = (SOURCES / "matsuo-2023-kei-warm-spring.txt").read_text(encoding="utf-8")
        typed = "I don't see the Yoon administration doing much to broaden the appeal of the deal"
        assert (False, True) == (typed in raw, quotes.find(typed, normalise(raw)))


class TestClosestPassage:
    """The hint under a quote that was not found: the passage the author most likely meant."""

    SOURCE = normalise("Alpha beta gamma. The quick brown fox jumps over the lazy dog. Delta epsilon zeta.")

    def test_a_misquote_points_at_the_passage_it_drifted_from(self) -> None:
        assert "quick brown fox jumps over the lazy dog." == quotes.closest_passage(
            "quick brown fox leaps over the lazy dog", self.SOURCE)

    def test_the_passage_is_widened_to_whole_words(self) -> None:
        assert ("The quick brown fox jumps", "Alpha beta gamma.") == (
            quotes.closest_passage("he quick brown fox jump", self.SOURCE),
            quotes.closest_passage("lpha beta gamma", self.SOURCE))

    @pytest.mark.parametrize(("quote", "expected"), [
        ("Xuick brown fox jumps over the lazy dog", "quick brown fox jumps over the lazy dog."),
        ("Zzz quick brown fox", "The quick brown fox"),
        ("The slow brown fox jumps over a lazy dog", "The quick brown fox jumps over the lazy dog."),
    ])
    def test_any_shared_run_of_words_anchors_the_passage(self, quote: str, expected: str) -> None:
        assert expected == quotes.closest_passage(quote, self.SOURCE)

    @pytest.mark.parametrize("quote", ["", "   ", "nothing in common here at all", "fox", "quick brown cat",
                                       "slow brown fox", "a lazy dog"])
    def test_no_hint_without_three_words_in_a_row_in_common(self, quote: str) -> None:
        assert None is quotes.closest_passage(quote, self.SOURCE)

    def test_a_quote_shorter_than_three_words_is_looked_for_whole(self) -> None:
        assert ("quick brown", "lazy", None) == (quotes.closest_passage("quick brown", self.SOURCE),
                                                 quotes.closest_passage("lazy", self.SOURCE),
                                                 quotes.closest_passage("quick brwn", self.SOURCE))

    def test_the_passage_is_placed_by_characters_after_text_outside_ascii(self) -> None:
        """Letters of two or three bytes in UTF-8 before the passage do not shift it."""
        source = normalise("Ἀρχὴ ἥμισυ παντός — «première» étape. The quick brown fox jumps over the lazy dog.")
        assert "quick brown fox jumps over the lazy dog." == quotes.closest_passage(
            "quick brown fox leaps over the lazy dog", source)

    def test_no_hint_from_an_empty_source(self) -> None:
        assert None is quotes.closest_passage("quick brown fox", "")

    def test_the_passage_sharing_most_runs_wins_and_the_first_of_equals(self) -> None:
        source = normalise("one two three nine ten eleven. one two three four five six. "
                           "one two three four five seven.")
        assert ("one two three four five six.", "one two three four", "one two three") == (
            quotes.closest_passage("one two three four five mix.", source),
            quotes.closest_passage("one two three four", source),
            quotes.closest_passage("one two three", source))

    @given(st.lists(st.from_regex(r"[a-z]{3,9}", fullmatch=True), min_size=6, max_size=400, unique=True),
           st.data())
    def test_a_quote_of_whole_words_of_the_source_is_its_own_passage(self, words, data) -> None:
        start = data.draw(st.integers(0, len(words) - 3))
        end = data.draw(st.integers(start + 3, len(words)))
        quote = " ".join(words[start:end])
        hint = quotes.closest_passage(quote, " ".join(words))
        if len(quote) <= quotes.HINT_LIMIT:
            assert quote == hint
        else:
            assert ("…" + quote[-quotes.HINT_LIMIT:]) == hint or (quote[:quotes.HINT_LIMIT] + "…") == hint

    # A long passage is shown from a third of the limit before its first difference from the quote.
    WORDS = tuple(f"w{n:03d}" for n in range(150))     # 750 characters, each word at 5 * n

    def _hint_for_change_at(self, word: int) -> tuple[str, str | None]:
        source = " ".join(self.WORDS)
        changed = [*self.WORDS[:word], "CHANGED", *self.WORDS[word + 1:]]
        return source, quotes.closest_passage(" ".join(changed), source)

    def test_a_long_passage_is_shown_around_where_it_first_differs(self) -> None:
        source, hint = self._hint_for_change_at(100)
        begin = 500 - quotes.HINT_LIMIT // 3
        assert "…" + source[begin:begin + quotes.HINT_LIMIT] + "…" == hint

    def test_a_difference_near_the_start_shows_the_start(self) -> None:
        source, hint = self._hint_for_change_at(2)
        assert source[:quotes.HINT_LIMIT] + "…" == hint

    def test_a_difference_near_the_end_shows_the_end(self) -> None:
        source, hint = self._hint_for_change_at(148)
        assert "…" + source[-quotes.HINT_LIMIT:] == hint

    def test_a_quote_running_past_the_source_shows_its_end(self) -> None:
        source = " ".join(self.WORDS)
        assert "…" + source[-quotes.HINT_LIMIT:] == quotes.closest_passage(source + " and more", source)

    def test_a_passage_of_exactly_the_limit_is_shown_whole(self) -> None:
        source = " ".join(self.WORDS[:40])                 # 199 characters
        for text in (source + "x", source + "xy"):         # 200 and 201
            quote = text[:100] + "CHANGED" + text[107:]
            hint = quotes.closest_passage(quote, text)
            # the one character too many goes from the start: the passage ends where the quote does
            expected = text if len(text) <= quotes.HINT_LIMIT else "…" + text[1:]
            assert expected == hint

    def test_a_very_long_misquote_still_gets_its_hint(self) -> None:
        """Above 256 runs of words the quote is sampled; the hint is still the passage."""
        words = [f"v{n:04d}" for n in range(1200)]
        source = " ".join(words)
        quote = " ".join([*words[100:400], "CHANGED", *words[401:700]])
        hint = quotes.closest_passage(quote, source)
        begin = source.index("v0400") - quotes.HINT_LIMIT // 3
        assert "…" + source[begin:begin + quotes.HINT_LIMIT] + "…" == hint
