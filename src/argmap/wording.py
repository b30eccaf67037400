"""How a relation between two claims is put in words: the one rule every output follows.

Within one voice a relation is that voice's own reasoning ("supports", "attacks"). Across
voices it is somebody's reading, and the words say whose (DESIGN.md, `basis`): a reply is the
text's own ("answers"), a contrast is the mapper's ("the mapper sets A against B"). Nothing here
turns a juxtaposition into a rebuttal. Dates go beside voices, so a 2023 remark set against a
2025 article is seen as such.
"""

from __future__ import annotations

from argmap.model import Basis, Corpus, Map, Position

__all__ = ["STANCE_REASON", "phrase", "sentence", "voice_date", "voice_label"]

# (kind, basis) -> (words from the relation's owner to its target, words back from the target)
_PHRASES: dict[tuple[str, Basis | None], tuple[str, str]] = {
    ("support", None): ("supports", "supported by"),
    ("attack", None): ("attacks", "attacked by"),
    ("undercut", None): ("undercuts the support for", "its support undercut by"),
    ("support", Basis.REPLY): ("answers, in support of", "answered in support by"),
    ("attack", Basis.REPLY): ("answers", "answered by"),
    ("undercut", Basis.REPLY): ("answers the support for", "its support answered by"),
    # a contrast is symmetric: the same words either way
    ("support", Basis.CONTRAST): ("set by the mapper beside", "set by the mapper beside"),
    ("attack", Basis.CONTRAST): ("set by the mapper against", "set by the mapper against"),
    ("undercut", Basis.CONTRAST): ("set by the mapper against the support for",
                                   "its support set by the mapper against"),
}

# The words between a reason and the thesis of its stance, in a diagram's tooltip.
STANCE_REASON = {Position.AGREE: "is a reason to agree with",
                 Position.DISAGREE: "is a reason to disagree with",
                 Position.MIXED: "is a reason for a mixed stance on"}


def phrase(kind: str, basis: Basis | None, *, backwards: bool = False) -> str:
    """The words between two claims for a `support`, `attack` or `undercut`: from the claim
    that holds the relation to its target, or, `backwards`, from the target to that claim."""
    forwards, back = _PHRASES[(kind, basis)]
    return back if backwards else forwards


def sentence(kind: str, basis: Basis | None, a: str, b: str, *, note: str | None = None,
             quote: str | None = None, marks: tuple[str, str] = ("“", "”")) -> str:
    """One sentence a student can read: "The mapper sets A against B: <note>", "A answers B:
    “<quote>”", or, within one voice, "A attacks B". `marks` open and close the quote
    (straight ones for an ASCII-only terminal)."""
    if basis is Basis.CONTRAST:
        verb = {"support": "beside", "attack": "against", "undercut": "against the support for"}[kind]
        return f"The mapper sets {a} {verb} {b}" + (f": {note}" if note else "")
    words = f"{a} {phrase(kind, basis)} {b}"
    if basis is Basis.REPLY and quote:
        return f"{words}: {marks[0]}{quote}{marks[1]}"
    return words


def voice_date(voice: Map, corpus: Corpus) -> str | None:
    """The date of the voice's source (its default one), as the bibliography writes it."""
    source = corpus.source(voice.source) if voice.source else None
    return source.date if source is not None and source.date else None


def voice_label(voice: Map, corpus: Corpus) -> str:
    """The voice's name with its source's date beside it: "Jennifer M. Lind (2024-11-22)"."""
    date = voice_date(voice, corpus)
    return f"{voice.name} ({date})" if date else voice.name
