"""The result of `argmap analyze` as text: a terminal account, the same in Markdown, or the JSON
of DESIGN.md. Pure functions of `semantics.Analysis` and the corpus it was computed from.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from argmap.render.escape import markdown as _md

if TYPE_CHECKING:
    from argmap.model import Corpus, Map
    from argmap.semantics import Analysis

_MEANING = {
    "grounded": "Grounded semantics accepts only what survives every way of weighing the attacks: "
                "a claim stands when all its attackers are defeated, is defeated when a standing "
                "claim attacks it, and is contested when the attacks leave it open.",
    "complete": "Complete semantics lists every position that defends all it accepts and accepts "
                "all it defends.",
    "preferred": "Preferred semantics lists every largest position that can defend itself.",
    "stable": "Stable semantics lists every position that attacks each claim it does not accept.",
}
# Words a student cannot misread as "refuted": a claim the mapper set against another is
# "contested", not beaten; "defeated" names whose attack did it (semantics.Verdict).
_STATUS_WORD = {"in": "stands", "out": "defeated", "undec": "contested"}
_HEADINGS = (("in", "Stands"), ("undec", "Contested"), ("out", "Defeated"))
_BASIS_WORD = {"own": "within the voice", "reply": "a reply", "contrast": "the mapper's contrast",
               "ground": "no standing support"}


def to_json(result: Analysis, corpus: Corpus | None = None) -> str:
    """DESIGN.md's `analyze --format json`, with extra keys after the fixed ones."""
    document = {
        "semantics": result.semantics.value,
        "extensions": [list(e) for e in result.extensions],
        "status": {r: label.value for r, label in result.status.items()},
        "credulous": list(result.credulous),
        "sceptical": list(result.sceptical),
        "supports": {str(link): label.value for link, label in result.supports.items()},
        "positions": [{"voice": p.voice, "thesis": p.thesis, "position": p.position.value,
                       "status": p.status.value,
                       "because": {r: label.value for r, label in p.reasons}}
                      for p in result.positions],
        "explanations": dict(result.explanations),
        "verdicts": {r: verdict.value for r, verdict in result.verdicts.items()},
        "deciders": {r: [{"attacker": d.attacker, "basis": d.basis, "status": d.status.value}
                         for d in deciders] for r, deciders in result.deciders.items() if deciders},
        "contrasts": {"weighed": result.contrasts_weighed, "count": result.contrasts,
                      "verdicts_depending": list(result.depends_on_contrasts or ())},
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
    return f"{stand} stand{'s' * (stand == 1)}, {undecided} contested, {fall} defeated"


def _title(result: Analysis, corpus: Corpus) -> str:
    claims = sum(len(m.claims) for m in corpus.maps)
    return (f"{result.semantics.value.capitalize()} semantics: {len(corpus.maps)} voices, "
            f"{claims} claims, {result.claim_attacks} attack{'s' * (result.claim_attacks != 1)}, "
            f"{result.undercuts} undercut{'s' * (result.undercuts != 1)}")


def _contrast_lines(result: Analysis) -> list[str]:
    """Whose attacks were weighed, and how much of the result rests on the mapper's contrasts."""
    if not result.contrasts_weighed:
        return ["Contrasts left out (--without-contrasts): only the voices' own reasoning and "
                "their replies to each other are weighed."]
    if not result.contrasts:
        return []
    n, depending = result.contrasts, len(result.depends_on_contrasts or ())
    return [f"{n} of these relations {'are' if n != 1 else 'is'} the mapper's contrast{'s' * (n != 1)} "
            "(two voices set side by side; neither text answers the other), weighed as symmetric "
            "conflicts: the direction typed decides nothing.",
            f"{depending} verdict{'s depend' if depending != 1 else ' depends'} on contrasts "
            "(different without them; see --without-contrasts)."]


def _dated(voice: Map, corpus: Corpus) -> str:
    """", 2024-11-22": the date of the voice's source, so a 2023 remark set against a 2025 view
    is seen as such."""
    from argmap.wording import voice_date

    date = voice_date(voice, corpus)
    return f", {date}" if date else ""


def _decided_by(result: Analysis, reference: str) -> str | None:
    """The attacks that decide a claim's verdict, each with whose it is."""
    deciders = result.deciders.get(reference, ())
    if not deciders:
        return None
    parts = [f"{d.attacker} ({_BASIS_WORD.get(d.basis, d.basis)})" for d in deciders]
    return f"{result.verdicts[reference].value}; decided by " + ", ".join(parts)


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
    from argmap.graph import map_of
    from argmap.model import ref

    for m in corpus.maps:
        groups: dict[str, list] = {"in": [], "out": [], "undec": []}
        for c in m.claims:
            reference = ref(m.id, c.id)
            groups[result.status[reference].value].append(
                (reference, c, _shown_reason(result, reference)))
        failing = [(str(link), result.support_reasons[link]) for link, label in result.supports.items()
                   if label.value != "in" and map_of(link.conclusion) == m.id]
        positions = [p for p in result.positions if p.voice == m.id]
        yield m, groups, failing, positions


def to_text(result: Analysis, corpus: Corpus) -> str:
    lines = [_title(result, corpus), _MEANING[result.semantics.value]]
    lines += _contrast_lines(result)
    lines += _extension_lines(result)
    if not result.status:
        return "\n".join(lines) + "\n"
    lines.append(f"Overall: {_counts(label.value for label in result.status.values())}.")
    for m, groups, failing, positions in _voice_sections(result, corpus):
        tally = _counts(label for label, items in groups.items() for _ in items)
        lines += ["", f"{m.name} ({m.id}{_dated(m, corpus)}): {tally}"]
        for label, heading in _HEADINGS:
            if not groups[label]:
                continue
            lines.append(f"  {heading}")
            for reference, claim, reason in groups[label]:
                lines.append(f"    {claim.id}: {_clip(claim.text)}")
                if reason:
                    lines.append(f"      {reason}")
                    decided = _decided_by(result, reference)
                    lines += [f"      {decided}"] if decided else []
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


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else f"`` {text} ``"


def to_markdown(result: Analysis, corpus: Corpus) -> str:
    lines = [f"# {_md(_title(result, corpus))}", "", _md(_MEANING[result.semantics.value]), ""]
    lines += [line for text in _contrast_lines(result) for line in (_md(text), "")]
    extension_lines = _extension_lines(result)
    if extension_lines:
        lines += [_md(extension_lines[0]), ""]
        lines += [f"- {_md(line)}" for line in extension_lines[1:]]
        lines += [""] if len(extension_lines) > 1 else []
    if not result.status:
        return "\n".join(lines).rstrip("\n") + "\n"
    lines += [f"Overall: {_counts(label.value for label in result.status.values())}.", ""]
    for m, groups, failing, positions in _voice_sections(result, corpus):
        lines += [f"## {_md(m.name)} ({_code(m.id)}{_md(_dated(m, corpus))})", ""]
        for label, heading in _HEADINGS:
            if not groups[label]:
                continue
            lines += [f"### {heading}", ""]
            for reference, claim, reason in groups[label]:
                lines.append(f"- {_code(claim.id)}: {_md(claim.text)}")
                if reason:
                    lines.append(f"  - _{_md(reason)}_")
                    decided = _decided_by(result, reference)
                    lines += [f"  - {_md(decided)}"] if decided else []
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
