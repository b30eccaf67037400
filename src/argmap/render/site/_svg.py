"""Graphviz SVG made safe to place inline in a page.

The SVG comes from `dot`, whose labels are map text. Graphviz escapes them, but an inline SVG is
part of the page's DOM, so it is rebuilt here from a whitelist rather than trusted: only drawing
elements and presentation attributes survive, links only when they stay in the site or are
http(s), and no event handler, script, style element or foreign object can get through.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from argmap.render.site._html import esc, relative_href

__all__ = ["inline_svg"]

_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"

_ELEMENTS = {
    "svg",
    "g",
    "title",
    "desc",
    "path",
    "polygon",
    "polyline",
    "ellipse",
    "circle",
    "rect",
    "line",
    "text",
    "tspan",
    "a",
    "defs",
    "linearGradient",
    "radialGradient",
    "stop",
}
_ATTRIBUTES = {
    "id",
    "class",
    "transform",
    "viewBox",
    "preserveAspectRatio",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "d",
    "points",
    "width",
    "height",
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "text-decoration",
    "dominant-baseline",
    "baseline-shift",
    "letter-spacing",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradientTransform",
}
_LINKS = {"href", f"{{{_XLINK}}}href"}
_TOOLTIPS = {f"{{{_XLINK}}}title"}


def _local(tag: str) -> str | None:
    """The element's name if it is in the SVG namespace (or none), else None."""
    if tag.startswith(f"{{{_SVG}}}"):
        return tag[len(_SVG) + 2 :]
    return None if tag.startswith("{") else tag


def _safe_value(value: str) -> bool:
    """Presentation values may point at the SVG's own gradients (`url(#id)`), nowhere else."""
    compact = re.sub(r"\s", "", value).lower()
    return compact.count("url(") == compact.count("url(#")


def _attributes(element: ET.Element, *, root: bool = False) -> list[tuple[str, str]]:
    kept = []
    for name, value in element.attrib.items():
        if name in _ATTRIBUTES and _safe_value(value):
            if not (root and name == "id"):
                kept.append((name, value))
        elif name in _LINKS:
            href = value if value.startswith("#") else relative_href(value)
            if href is not None:
                kept.append(("href", href))
        elif name in _TOOLTIPS:
            kept.append(("data-title", value))
    return kept


def _write(element: ET.Element, out: list[str], *, extra: str = "") -> None:
    name = _local(element.tag)
    if name is None or name not in _ELEMENTS:
        return
    attributes = "".join(
        f' {key}="{esc(value)}"' for key, value in _attributes(element, root=bool(extra))
    )
    out.append(f"<{name}{attributes}{extra}>")
    if element.text and element.text.strip():
        out.append(esc(element.text))
    for child in element:
        _write(child, out)
        if child.tail and child.tail.strip():
            out.append(esc(child.tail))
        elif _local(child.tag) == "text":
            # a label's lines are separate <text> elements: without this break their words run
            # together in the name a link or a screen reader makes of them ("need todiscuss")
            out.append("\n")
    out.append(f"</{name}>")


def inline_svg(svg: str, *, label: str) -> str | None:
    """The diagram as inline SVG markup, or None when it is not well-formed SVG.

    The outer element keeps its natural size (the page zooms it) and gets a label for assistive
    technology; the claims themselves are listed as text on the same page. It is an image
    (`role="img"`) only without links: an image's content is hidden from assistive technology,
    so links inside one could be focused but not named (axe: nested-interactive); with links
    it is a labelled group.
    """
    start = svg.find("<svg")
    if start < 0:
        return None
    try:
        root = ET.fromstring(svg[start:])
    except ET.ParseError:
        return None
    if _local(root.tag) != "svg":
        return None
    linked = any(_local(e.tag) == "a" and any(k == "href" for k, _ in _attributes(e))
                 for e in root.iter())
    role = "group" if linked else "img"
    out: list[str] = []
    _write(root, out, extra=f' xmlns="{_SVG}" role="{role}" aria-label="{esc(label)}"')
    return "".join(out)
