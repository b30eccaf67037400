"""`argmap analyze`: the attacks between voices weighed once under a Dung semantics
(`argmap.semantics`), then written in the format asked for (`argmap.render.analysis`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.model import Corpus

__all__ = ["analyze"]


def analyze(corpus: Corpus, semantics: str, *, contrasts: bool, fmt: str) -> str:
    """The analysis of the checked `corpus` as text (`fmt`: term, md or json); `contrasts`:
    count the mapper's contrasts as attacks too."""
    from argmap.render.analysis import RENDERERS
    from argmap.semantics import Semantics
    from argmap.semantics import analyze as weigh

    return RENDERERS[fmt](weigh(corpus, Semantics(semantics), contrasts=contrasts), corpus)
