"""Find a quote in its source text the way a reader would, not byte for byte.

Source texts are kept as found: line breaks inside sentences, no-break spaces, typographic quotes
and dashes, and (in one source) Cyrillic letters that look like Latin ones. A quote typed from the
rendered page must still be found, so both sides are normalised the same way before the search.
The search stays case-sensitive: a changed capital is a changed quote.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["normalise", "normalise_source", "find", "find_all", "closest_passage"]

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
    if text.isascii():  # NFC and the fold leave ASCII as it is (most quotes, many sources)
        if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text  # one space between words already (ASCII's other white space is unprintable)
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFC", text).translate(_FOLD).split())


# ASCII's white space as str.split() sees it (str.isspace), each made a space byte.
_ASCII_SPACE = bytes.maketrans(b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", b" " * 9)
_SPACE_RUN = re.compile(b"  +")


def normalise_source(raw: bytes) -> str:
    """`normalise` of a source text's bytes decoded as UTF-8 (undecodable bytes replaced): for an
    ASCII text it works on the bytes, in C, four times faster than splitting the text into
    words and joining them (16 MB of sources at 50,000 claims)."""
    if raw.isascii():
        return _SPACE_RUN.sub(b" ", raw.translate(_ASCII_SPACE)).strip(b" ").decode("ascii")
    return normalise(raw.decode("utf-8", errors="replace"))


def find(quote: str, normalised_source: str) -> bool:
    """Whether `quote` occurs in a source text already passed through `normalise`."""
    needle = normalise(quote)
    return bool(needle) and needle in normalised_source


# Below this many quotes per source, one `in` per quote beats building an automaton.
_AUTOMATON_FROM = 48
# Automaton keys are the first characters of each quote; a hit is then confirmed in full. Short
# keys keep the automaton small; 32 characters of prose are rarely shared by two passages (at
# 24, the benchmark's 75,000 quotes made twice as many hits as quotes; at 40 the automaton
# outgrew the processor's caches).
_KEY = 32


def find_all(needles: Iterable[str], normalised_source: str) -> set[str]:
    """Which of the (already normalised) needles occur in the source, in one pass over it.

    Checking each quote with `in` scans the source once per quote, so a corpus with many quotes
    from long sources costs quotes x source length. An Aho-Corasick automaton over all the
    quotes of a source (ahocorasick-rs, in Rust: its scan took half the time of pyahocorasick's
    on the benchmark's 16 MB of sources) finds them in a single scan; each hit on a key is
    confirmed with `startswith`, so the answer is exactly that of `in`.
    """
    wanted = {n for n in needles if n}
    if len(wanted) < _AUTOMATON_FROM:
        return {n for n in wanted if n in normalised_source}
    import ahocorasick_rs  # imported on first use: most commands never check quotes at this scale

    candidates = list(wanted)
    # A key that several quotes share is one pattern of the automaton each time: every one of
    # them is reported at each place the key occurs (overlapping matches), and confirmed there.
    automaton = ahocorasick_rs.AhoCorasick([n[:_KEY] for n in candidates])
    found: set[str] = set()
    source = normalised_source
    for index, start, _end in automaton.find_matches_as_indexes(source, overlapping=True):
        needle = candidates[index]
        if needle not in found and source.startswith(needle, start):
            found.add(needle)
    return found


# The hint anchors on runs of this many words the quote shares with the source, at most this many
# runs per quote, and shows at most this many characters.
_GRAM = 3
_MAX_GRAMS = 256
HINT_LIMIT = 200


def closest_passage(quote: str, normalised_source: str) -> str | None:
    """The stretch of the source most like `quote`, as a hint for a quote that was not found.

    Each run of three words of the quote that the source also has votes for where the quote
    would start in the source; the start with the most votes wins. One scan of the source per
    quote (an Aho-Corasick automaton over at most 256 runs), so the hint costs a few tens of
    milliseconds even for a long misquote against a 5 MB source (difflib's longest match took
    85 s there). A passage longer than `HINT_LIMIT` characters is shown around the place where
    it first differs from the quote.
    """
    needle = normalise(quote)
    source = normalised_source
    if not needle or not source:
        return None
    words = needle.split(" ")
    offsets, at = [], 0
    for word in words:
        offsets.append(at)
        at += len(word) + 1
    size = min(_GRAM, len(words))
    count = len(words) - size + 1
    step = max(1, -(-count // _MAX_GRAMS))
    grams: dict[str, list[int]] = {}
    for i in range(0, count, step):
        gram = " ".join(words[i:i + size])
        if len(gram) >= 4:
            grams.setdefault(gram, []).append(offsets[i])
    if not grams:
        return None
    import ahocorasick_rs  # (only when there is a problem to explain)

    runs = list(grams.values())
    automaton = ahocorasick_rs.AhoCorasick(list(grams))
    votes: dict[int, int] = {}
    for index, start, _end in automaton.find_matches_as_indexes(source, overlapping=True):
        for place in runs[index]:
            anchor = start - place
            votes[anchor] = votes.get(anchor, 0) + 1
    if not votes:
        return None
    anchor = min(votes, key=lambda a: (-votes[a], a))   # most votes; the first of equals
    start = max(0, anchor)
    end = min(len(source), anchor + len(needle))
    # Widen to word boundaries so the hint does not start or end mid-word.
    while start > 0 and source[start - 1] != " ":
        start -= 1
    while end < len(source) and source[end] != " ":
        end += 1
    return _around_difference(source[start:end], needle)


def _around_difference(passage: str, needle: str) -> str:
    if len(passage) <= HINT_LIMIT:
        return passage
    same = 0
    for a, b in zip(passage, needle, strict=False):
        if a != b:
            break
        same += 1
    begin = max(0, min(same - HINT_LIMIT // 3, len(passage) - HINT_LIMIT))
    shown = passage[begin:begin + HINT_LIMIT]
    return ("…" if begin > 0 else "") + shown + ("…" if begin + HINT_LIMIT < len(passage) else "")
