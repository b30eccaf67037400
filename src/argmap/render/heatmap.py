"""The pairwise matrix as a heatmap: an SVG grid of voices × voices, shaded by distance.

Pure and self-contained (no Graphviz, no fonts fetched, no script), so the same picture serves a
notebook (`_repr_svg_`), a Markdown page and a single exported HTML file. Each cell prints its
number too, so meaning never rests on colour alone, and the number's colour is the one of black
or white that contrasts more with the cell (at least 4.5:1 on every shade of the ramp). A `<title>`
per cell gives the pair's counts on hover.
"""

from __future__ import annotations

from argmap.compare import Matrix, Pair
from argmap.render.escape import html_text

__all__ = ["METRICS", "heatmap_svg"]

# What each metric measures, for the caption; all three are distances in [0, 1] except bna.
METRICS = {
    "edit": "edit distance (0: same stances on every thesis either addresses)",
    "hamming": "normalised Hamming distance (0: agree on every thesis both address)",
    "bna": "agreement, 1 − Hamming (1: agree on every thesis both address)",
}

_CELL = 44
_GAP = 2
_FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', sans-serif"
# A sequential ramp from light to dark blue (ColorBrewer Blues 9, end points).
_LIGHT = (0xF7, 0xFB, 0xFF)
_DARK = (0x08, 0x30, 0x6B)
_NONE_FILL = "#ffffff"
_LABEL_CHARS = 16


def _value(pair: Pair, metric: str) -> float | None:
    """None when there is nothing to compare: no thesis in common (Hamming, bna), or neither
    voice addressing any thesis of the selection (edit: compare gives 0, which would read as
    'the same')."""
    if metric == "edit":
        return pair.edit if pair.union else None
    return pair.hamming if metric == "hamming" else pair.bna


def _shade(amount: float) -> tuple[int, int, int]:
    red, green, blue = (round(lo + (hi - lo) * amount) for lo, hi in zip(_LIGHT, _DARK, strict=True))
    return red, green, blue


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _ink(rgb: tuple[int, int, int]) -> str:
    """Black or white, whichever contrasts more with the fill."""
    lum = _luminance(rgb)
    on_black = (lum + 0.05) / 0.05
    on_white = 1.05 / (lum + 0.05)
    return "#000000" if on_black >= on_white else "#ffffff"


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[:_LABEL_CHARS - 1] + "…"


def _counts(pair: Pair) -> str:
    return (f"agree {pair.agree}, disagree {pair.disagree}, partial {pair.partial}, "
            f"only {pair.a} {pair.only_a}, only {pair.b} {pair.only_b}")


def heatmap_svg(matrix: Matrix, *, metric: str = "edit") -> str:
    """The matrix as standalone SVG text; the same matrix always gives the same bytes.

    `metric` is `edit`, `hamming` or `bna`. The darker a cell, the more the two voices differ
    (for `bna`, the more they agree). A pair with nothing to compare — no thesis in common for
    Hamming and bna, no thesis addressed by either for edit — gets a white cell with a dash.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
    ids = [v.id for v in matrix.voices]
    names = {v.id: v.name for v in matrix.voices}
    n = len(ids)
    label_width = 8 + 7 * max((len(_short(i)) for i in ids), default=4)
    top = label_width
    left = label_width
    step = _CELL + _GAP
    width = max(left + n * step + 8, 8 + 7 * len(METRICS[metric]))
    height = top + n * step + 28
    title = f"Pairwise {METRICS[metric].split(' (')[0]} of {n} voice{'s' * (n != 1)}"
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{html_text(title)}" '
           f'font-family="{html_text(_FONT)}" font-size="12">'),
           f"<title>{html_text(title)}</title>"]
    for i, voice in enumerate(ids):
        x = left + i * step + _CELL / 2
        y = top - 6
        out.append(f'<text x="{x:g}" y="{y:g}" transform="rotate(-60 {x:g} {y:g})" '
                   f'fill="#000000"><title>{html_text(names[voice])}</title>{html_text(_short(voice))}</text>')
        out.append(f'<text x="{left - 6:g}" y="{top + i * step + _CELL / 2 + 4:g}" '
                   f'text-anchor="end" fill="#000000"><title>{html_text(names[voice])}</title>'
                   f"{html_text(_short(voice))}</text>")
    for row, a in enumerate(ids):
        for col, b in enumerate(ids):
            x, y = left + col * step, top + row * step
            if a == b:
                out.append(f'<rect x="{x}" y="{y}" width="{_CELL}" height="{_CELL}" '
                           f'fill="#eeeeee"/>')
                continue
            pair = matrix.pair(a, b)
            value = _value(pair, metric) if pair else None
            if value is None:
                fill, ink, text = _NONE_FILL, "#000000", "–"
            else:
                rgb = _shade(value)
                fill, ink, text = _hex(rgb), _ink(rgb), f"{value:.2f}"
            tip = f"{a} × {b}: {text}" + (f" ({_counts(pair)})" if pair else "")
            out.append(f'<g><title>{html_text(tip)}</title>'
                       f'<rect x="{x}" y="{y}" width="{_CELL}" height="{_CELL}" fill="{fill}" '
                       f'stroke="#bbbbbb" stroke-width="0.5"/>'
                       f'<text x="{x + _CELL / 2:g}" y="{y + _CELL / 2 + 4:g}" text-anchor="middle" '
                       f'fill="{ink}">{text}</text></g>')
    out.append(f'<text x="4" y="{height - 8}" fill="#333333">{html_text(METRICS[metric])}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
