"""How big a drawn diagram's text is when the diagram is fitted to a screen.

A browser or a projector shows an SVG "fitted": scaled by one factor so the whole drawing just
fits the screen. What a room can read is then the size of the labels after that scaling, in CSS
pixels. Graphviz writes `width`/`height` in points (1 pt = 96/72 CSS px) and draws in a user
space of points (`viewBox`), with each `<text>` at its own `font-size`, so the size at fit is
`font-size × user-unit-in-px × scale`. DESIGN.md ("What a reader sees") asks, on a 1366×768
screen, for the smallest label at least 11 px and the median at least 14 px: `render` warns when
a diagram misses that, and the tests hold every shipped screen view to it.
"""

from __future__ import annotations

import re
import statistics
import xml.etree.ElementTree as ET

import attrs

__all__ = ["MEDIAN_PX", "SCREEN", "SMALLEST_PX", "Fit", "measure_svg"]

SCREEN = (1366, 768)        # the laptop and projector screen a seminar room has
SMALLEST_PX = 11.0
MEDIAN_PX = 14.0

_PX_PER = {"pt": 96 / 72, "px": 1.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "": 1.0}
_LENGTH = re.compile(r"\s*([0-9.]+)\s*(pt|px|in|cm|mm|)\s*$")
_SCALE = re.compile(r"scale\(\s*([0-9.eE+-]+)(?:[\s,]+([0-9.eE+-]+))?\s*\)")
_SVG = "{http://www.w3.org/2000/svg}"


@attrs.frozen(kw_only=True)
class Fit:
    """A diagram fitted to a screen: its natural size in CSS px, the scale that fits it, and
    every text label's size at that scale (sorted, CSS px)."""

    width: float
    height: float
    scale: float
    sizes: tuple[float, ...]
    screen: tuple[int, int] = SCREEN

    @property
    def smallest(self) -> float:
        return self.sizes[0] if self.sizes else 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.sizes) if self.sizes else 0.0

    @property
    def readable(self) -> bool:
        return self.smallest >= SMALLEST_PX and self.median >= MEDIAN_PX

    def describe(self) -> str:
        return (f"{self.width * 72 / 96:.0f}×{self.height * 72 / 96:.0f} pt; fitted to "
                f"{self.screen[0]}×{self.screen[1]} its smallest label is {self.smallest:.1f} px "
                f"and the median {self.median:.1f} px (readable from "
                f"{SMALLEST_PX:g} and {MEDIAN_PX:g} px)")


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) * _PX_PER[match.group(2)] if match else None


def measure_svg(svg: str | bytes, screen: tuple[int, int] = SCREEN) -> Fit:
    """Measure an SVG as Graphviz writes it; raises ValueError when it is not one."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise ValueError(f"not an SVG: {exc}") from None
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = [float(v) for v in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()) if v]
    if len(box) == 4 and box[2] > 0:
        width = width or box[2]
        height = height or box[3]
        unit = width / box[2]                 # CSS px per user unit at natural size
    else:
        unit = 1.0
    if not width or not height:
        raise ValueError("the SVG has no width and height")
    scale = min(screen[0] / width, screen[1] / height)
    sizes: list[float] = []

    def walk(element: ET.Element, factor: float, font: float | None) -> None:
        match = _SCALE.search(element.get("transform") or "")
        if match:
            factor *= float(match.group(1))
        font = float(element.get("font-size", "0").replace("px", "") or 0) or font
        if element.tag == f"{_SVG}text" and "".join(element.itertext()).strip():
            sizes.append(round((font or 14.0) * factor * unit * scale, 2))
        for child in element:
            walk(child, factor, font)

    walk(root, 1.0, None)
    return Fit(width=width, height=height, scale=scale, sizes=tuple(sorted(sizes)), screen=screen)
