"""Seeded synthetic corpora for benchmarks: the same seed and size give the same files.

Realistic shapes: one- or two-sentence claims, one or two quotes each taken from a generated
source text (so quote checking does real work), supports and attacks within and across maps,
and stances on shared theses. The same content is also written as Argdown, for comparison with
the Argdown CLI.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = ("alliance security history apology threat perception cooperation summit trade supply "
         "chain public opinion government reconciliation deterrence missile tourism technology "
         "institution dialogue exchange partnership region economy pressure leadership memory "
         "treaty minister defence strategy policy coercion resilience diplomacy future").split()


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def generate(folder: Path, claims: int, voices: int, seed: int = 1, theses: int | None = None) -> dict[str, int]:
    """Write `voices` map files, theses, sources and their texts into `folder`; returns counts.

    `theses` defaults to one per voice (at least 12); many short maps (a class mapping one op-ed)
    share a fixed number of theses instead, so the table grows with the voices, not their square.
    """
    rng = random.Random(seed)
    maps_dir = folder / "maps"
    sources_dir = folder / "sources"
    maps_dir.mkdir(parents=True, exist_ok=True)
    sources_dir.mkdir(parents=True, exist_ok=True)
    n_theses = max(12, voices) if theses is None else theses
    thesis_ids = [f"thesis-{i}" for i in range(n_theses)]
    per_voice = [claims // voices + (1 if i < claims % voices else 0) for i in range(voices)]
    voice_ids = [f"voice-{i:02d}" for i in range(voices)]
    lines = ["argmap: 1", "sources:"]
    for v in voice_ids:
        lines += [f"  - id: src-{v}", f"    title: Source of {v}", f"    text: {v}.txt"]
    lines.append("theses:")
    for t in thesis_ids:
        lines += [f"  - id: {t}", f"    text: {_sentence(rng, 8, 14)}", "    topic: general"]
    (maps_dir / "corpus.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    argdown: list[str] = [f"[{t}]: thesis {t}" for t in thesis_ids]
    relations = 0
    for v, count in zip(voice_ids, per_voice, strict=True):
        source_sentences = [_sentence(rng, 12, 24) for _ in range(count * 2)]
        (sources_dir / f"{v}.txt").write_text("\n".join(source_sentences) + "\n", encoding="utf-8")
        out = ["argmap: 1", "authors:", f"  - name: Author {v}", f"source: src-{v}", "claims:"]
        for i in range(count):
            text = _sentence(rng, 10, 30)
            out += [f"  - id: c{i}", f"    text: {text}", "    evidence:"]
            block = [f"<{v}-c{i}>: {text}"]
            for k in range(rng.randint(1, 2)):
                words = source_sentences[(2 * i + k) % len(source_sentences)].split()
                quote = " ".join(words[2:2 + rng.randint(6, 10)])
                out.append(f"      - quote: \"{quote}\"")
                block[0] += f' > "{quote}"'
            block[0] += f" #{v}"
            if i > 0 and rng.random() < 0.5:
                target = rng.randrange(i)
                out.append(f"    supports: [c{target}]")
                block.append(f"  +> <{v}-c{target}>")
                relations += 1
            if rng.random() < 0.2:
                other = rng.choice(voice_ids)
                target = rng.randrange(max(1, per_voice[voice_ids.index(other)]))
                if other != v:   # a relation across voices says whose it is (DESIGN.md: basis)
                    out.append(f"    attacks: [{{target: {other}/c{target}, basis: contrast, "
                               "note: set side by side for the benchmark}]")
                    block.append(f"  -> <{other}-c{target}>")
                    relations += 1
                elif target != i:
                    out.append(f"    attacks: [{other}/c{target}]")
                    block.append(f"  -> <{other}-c{target}>")
                    relations += 1
            argdown.append("\n".join(block))
        out.append("stances:")
        for t in rng.sample(thesis_ids, k=min(len(thesis_ids), 8)):
            position = rng.choice(("agree", "disagree", "mixed"))
            out += [f"  - thesis: {t}", f"    position: {position}",
                    f"    because: [c{rng.randrange(count)}]"]
            argdown.append(f"<{v}-stance-{t}>: {position} #{v}\n  {'+' if position == 'agree' else '-'}> [{t}]")
        (maps_dir / f"{v}.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
    (folder / "corpus.argdown").write_text("\n\n".join(argdown) + "\n", encoding="utf-8")
    return {"claims": claims, "voices": voices, "theses": n_theses, "relations": relations}


if __name__ == "__main__":
    import sys

    print(generate(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]),
                   theses=int(sys.argv[4]) if len(sys.argv) > 4 else None))
