"""The result of `argmap analyze` as text: a terminal account, the same in Markdown, or the JSON
of DESIGN.md. Pure functions of `semantics.Analysis` and the corpus it was computed from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.model import Corpus, Map
    from argmap.semantics import Analysis

_MEANING = {
    "grounded": "Grounded semantics accepts only what survives every way of weighing the attacks: "
                "a claim stands when all its attackers fall, falls when a standing claim attacks "
                "it, and is undecided when the attacks leave it open.",
    "complete": "Complete semantics lists every position that defends all it accepts and accepts "
                "all it defends.",
    "preferred": "Preferred semantics lists every largest position that can defend itself.",
    "stable": "Stable semantics lists every position that attacks each claim it does not accept.",
}
_STATUS_WORD = {"in": "stands", "out": "falls", "undec": "undecided"}
_HEADINGS = (("in", "Stands"), ("out", "Falls"), ("undec", "Undecided"))


def to_json(result: Analysis, corpus: Corpus | None = None) -> str:
    """DESIGN.md's `analyze --format json`, with extra keys after the fixed ones."""
    document = {
        "semantics": result.semantics.value,
        "extensions": [list(e) for e in result.extensions],
        "status": {r: label.value for r, label in result.status.items()},
        "credulous": list(result.credulous),
        "sceptical": list(result.sceptical),
        "supports": {name: label.value for name, label in result.supports.items()},
        "positions": [{"voice": p.voice, "thesis": p.thesis, "position": p.position.value,
                       "status": p.status.value,
                       "because": {r: label.value for r, label in p.reasons}}
                      for p in result.positions],
        "explanations": dict(result.explanations),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, width: int = 76) -> str:
    text = _one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _counts(labels: Iterable[str]) -> str:
    labels = list(labels)
    stand, fall = labels.count("in"), labels.count("out")
    undecided = labels.count("undec")
    return (f"{stand} stand{'s' * (stand == 1)}, {fall} fall{'s' * (fall == 1)}, "
            f"{undecided} undecided")


def _title(result: Analysis, corpus: Corpus) -> str:
    claims = sum(len(m.claims) for m in corpus.maps)
    return (f"{result.semantics.value.capitalize()} semantics: {len(corpus.maps)} voices, "
            f"{claims} claims, {result.claim_attacks} attack{'s' * (result.claim_attacks != 1)}, "
            f"{result.undercuts} undercut{'s' * (result.undercuts != 1)}")


def _extension_lines(result: Analysis) -> list[str]:
    """What each extension accepts beyond what all of them accept."""
    if not result.extensions:
        return [(f"There is no {result.semantics.value} extension: no position accepts some "
                 "claims and attacks all the others (an odd cycle of attacks, a -> b -> c -> a, "
                 "is the usual cause). Nothing is settled; try --semantics preferred.")]
    if len(result.extensions) == 1:
        return []
    lines = [(f"{len(result.extensions)} extensions. A claim stands when every extension "
              "accepts it, falls when none does, and is undecided otherwise.")]
    common = set(result.sceptical)
    for number, extension in enumerate(result.extensions, 1):
        extra = [r for r in extension if r not in common]
        lines.append(f"Extension {number} also accepts: {', '.join(extra)}" if extra
                     else f"Extension {number} accepts only what every extension accepts")
    return lines


def _shown_reason(result: Analysis, reference: str) -> str | None:
    """Reasons for every claim that falls or is undecided, and for standing ones under attack."""
    if result.status[reference].value != "in" or reference in result.contested:
        return result.explanations[reference]
    return None


def _voice_sections(result: Analysis, corpus: Corpus) -> Iterator[tuple[Map, dict[str, list], list, list]]:
    """Per voice: (map, {status: [(claim, reason)]}, failing supports, positions)."""
    from argmap.model import ref

    for m in corpus.maps:
        groups: dict[str, list] = {"in": [], "out": [], "undec": []}
        for c in m.claims:
            reference = ref(m.id, c.id)
            groups[result.status[reference].value].append(
                (reference, c, _shown_reason(result, reference)))
        failing = [(name, result.support_reasons[name]) for name, label in result.supports.items()
                   if label.value != "in" and name.split(" -> ")[1].split("/")[0] == m.id]
        positions = [p for p in result.positions if p.voice == m.id]
        yield m, groups, failing, positions


def to_text(result: Analysis, corpus: Corpus) -> str:
    lines = [_title(result, corpus), _MEANING[result.semantics.value]]
    lines += _extension_lines(result)
    if not result.status:
        return "\n".join(lines) + "\n"
    lines.append(f"Overall: {_counts(label.value for label in result.status.values())}.")
    for m, groups, failing, positions in _voice_sections(result, corpus):
        tally = _counts(label for label, items in groups.items() for _ in items)
        lines += ["", f"{m.name} ({m.id}): {tally}"]
        for label, heading in _HEADINGS:
            if not groups[label]:
                continue
            lines.append(f"  {heading}")
            for _reference, claim, reason in groups[label]:
                lines.append(f"    {claim.id}: {_clip(claim.text)}")
                if reason:
                    lines.append(f"      {reason}")
        if failing:
            lines.append("  Supports that do not hold")
            lines += [f"    {name}: {reason}" for name, reason in failing]
        if positions:
            lines.append("  Positions")
            for p in positions:
                standing = sum(label.value == "in" for _, label in p.reasons)
                lines.append(f"    {p.position.value} on {p.thesis}: "
                             f"{_STATUS_WORD[p.status.value]} "
                             f"({standing} of {len(p.reasons)} reasons stand)")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _md(text: str) -> str:
    """Plain text made safe for Markdown and the HTML it may be turned into.

    Text never starts a line here (it follows a list marker or a label), so only the characters
    that act inside a line are escaped.
    """
    text = _one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else f"`` {text} ``"


def to_markdown(result: Analysis, corpus: Corpus) -> str:
    lines = [f"# {_md(_title(result, corpus))}", "", _md(_MEANING[result.semantics.value]), ""]
    extension_lines = _extension_lines(result)
    if extension_lines:
        lines += [_md(extension_lines[0]), ""]
        lines += [f"- {_md(line)}" for line in extension_lines[1:]]
        lines += [""] if len(extension_lines) > 1 else []
    if not result.status:
        return "\n".join(lines).rstrip("\n") + "\n"
    lines += [f"Overall: {_counts(label.value for label in result.status.values())}.", ""]
    for m, groups, failing, positions in _voice_sections(result, corpus):
        lines += [f"## {_md(m.name)} ({_code(m.id)})", ""]
        for label, heading in _HEADINGS:
            if not groups[label]:
                continue
            lines += [f"### {heading}", ""]
            for _reference, claim, reason in groups[label]:
                lines.append(f"- {_code(claim.id)}: {_md(claim.text)}")
                if reason:
                    lines.append(f"  - _{_md(reason)}_")
            lines.append("")
        if failing:
            lines += ["### Supports that do not hold", ""]
            lines += [f"- {_code(name)}: {_md(reason)}" for name, reason in failing]
            lines.append("")
        if positions:
            lines += ["### Positions", ""]
            for p in positions:
                standing = sum(label.value == "in" for _, label in p.reasons)
                lines.append(f"- {p.position.value} on {_code(p.thesis)}: "
                             f"**{_STATUS_WORD[p.status.value]}** "
                             f"({standing} of {len(p.reasons)} reasons stand)")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


RENDERERS: dict[str, Callable[[Analysis, Corpus], str]] = {
    "term": to_text, "md": to_markdown, "json": to_json,
}
