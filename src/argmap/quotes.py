"""Find a quote in its source text the way a reader would, not byte for byte.

Source texts are kept as found: line breaks inside sentences, no-break spaces, typographic quotes
and dashes, and (in one source) Cyrillic letters that look like Latin ones. A quote typed from the
rendered page must still be found, so both sides are normalised the same way before the search.
The search stays case-sensitive: a changed capital is a changed quote.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

__all__ = ["normalise", "find", "find_all", "closest_passage"]

# Typographic punctuation a keyboard does not type, and letters from other scripts that render
# like Latin ones (Cyrillic and Greek). Mapped one character to one character.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u2026": "...",
        # Cyrillic look-alikes
        "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c",
        "\u0443": "y", "\u0445": "x", "\u0456": "i", "\u0458": "j", "\u0455": "s",
        "\u04bb": "h", "\u0501": "d",
        "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M",
        "\u041d": "H", "\u041e": "O", "\u0420": "P", "\u0421": "C", "\u0422": "T",
        "\u0425": "X", "\u0406": "I", "\u0408": "J", "\u0405": "S",
        # Greek look-alikes
        "\u03bf": "o", "\u039f": "O", "\u0391": "A", "\u0392": "B", "\u0395": "E",
        "\u0397": "H", "\u0399": "I", "\u039a": "K", "\u039c": "M", "\u039d": "N",
        "\u03a1": "P", "\u03a4": "T", "\u03a7": "X", "\u0396": "Z",
    }
)


def normalise(text: str) -> str:
    """NFC, folded punctuation and look-alikes, and every run of white space as one space."""
    # str.split() and re's \s agree on what is white space (both use str.isspace), and
    # split-and-join is several times faster than a regex substitution on long sources.
    return " ".join(unicodedata.normalize("NFC", text).translate(_FOLD).split())


def find(quote: str, normalised_source: str) -> bool:
    """Whether `quote` occurs in a source text already passed through `normalise`."""
    needle = normalise(quote)
    return bool(needle) and needle in normalised_source


# Below this many quotes per source, one `in` per quote beats building an automaton.
_AUTOMATON_FROM = 48
# Automaton keys are the first characters of each quote; a hit is then confirmed in full. Short
# keys keep the automaton small; 24 characters of prose are rarely shared by two passages.
_KEY = 24


def find_all(needles: Iterable[str], normalised_source: str) -> set[str]:
    """Which of the (already normalised) needles occur in the source, in one pass over it.

    Checking each quote with `in` scans the source once per quote, so a corpus with many quotes
    from long sources costs quotes x source length. An Aho-Corasick automaton over all the
    quotes of a source (pyahocorasick, a C extension) finds them in a single scan; each hit on a
    key is confirmed with `startswith`, so the answer is exactly that of `in`.
    """
    wanted = {n for n in needles if n}
    if len(wanted) < _AUTOMATON_FROM:
        return {n for n in wanted if n in normalised_source}
    import ahocorasick  # imported on first use: most commands never check quotes at this scale

    by_key: dict[str, list[str]] = {}
    for needle in wanted:
        by_key.setdefault(needle[:_KEY], []).append(needle)
    automaton = ahocorasick.Automaton()
    for key, group in by_key.items():
        automaton.add_word(key, (len(key), group))
    automaton.make_automaton()
    found: set[str] = set()
    source = normalised_source
    for end, (length, group) in automaton.iter(source):
        start = end - length + 1
        for needle in group:
            if needle not in found and source.startswith(needle, start):
                found.add(needle)
        if len(found) == len(wanted):
            break
    return found


def closest_passage(quote: str, normalised_source: str) -> str | None:
    """The stretch of the source most like `quote`, as a hint for a quote that was not found.

    Anchors on the longest block the two share, then widens it to the quote's length, so the
    hint shows the reader where the quote drifted from the text.
    """
    needle = normalise(quote)
    if not needle or not normalised_source:
        return None
    import difflib  # (only when there is a problem to explain)
    matcher = difflib.SequenceMatcher(None, normalised_source, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(normalised_source), 0, len(needle))
    if block.size < 4:
        return None
    start = max(0, block.a - block.b)
    end = min(len(normalised_source), start + len(needle))
    # Widen to word boundaries so the hint does not start or end mid-word.
    while start > 0 and normalised_source[start - 1] != " ":
        start -= 1
    while end < len(normalised_source) and normalised_source[end] != " ":
        end += 1
    return normalised_source[start:end]
