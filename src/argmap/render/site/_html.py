"""The site's only ways of putting map text into HTML: escaped text, safe links, inert JSON.

Every string that came from a map goes through `esc` (element text and attribute values, always
double-quoted), `external_href` (links) or `json_script` (data for the page's script). Nothing
else in the site package builds markup from map text, so these three are what the hostile-text
tests aim at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from argmap.links import linkable_url
from argmap.render.escape import html_text as esc

__all__ = ["esc", "external_href", "relative_href", "json_script", "page", "join", "el", "void",
           "section"]

# Browsers drop tabs and line breaks inside URLs and ignore leading controls and spaces, so
# "java\tscript:" is "javascript:". A URL holding any of them is refused, not cleaned.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f]")


external_href = linkable_url   # the one URL rule (argmap/links.py): anything else is text


def relative_href(url: str | None) -> str | None:
    """A link inside the site (no scheme, no host), or an http(s) URL; None for anything else."""
    if not url or _URL_NOISE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme and not parts.netloc and not url.startswith(("/", "\\")):
        return url
    return external_href(url)


def json_script(element_id: str, data: Any) -> str:
    """Data as an inert `<script type="application/json">`, read back with JSON.parse.

    `<`, `>` and `&` are written as \\u escapes, so no string in the data can close the element
    (`</script>`) or open a comment (`<!--`) that would change how the HTML parser reads it.
    """
    return f'<script type="application/json" id="{esc(element_id)}">{json_text(data)}</script>'


def json_text(data: Any) -> str:
    """Data as JSON that is also a JavaScript expression, safe inside a `<script>` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def join(parts: Iterable[str]) -> str:
    """Markup fragments one a line; empty ones (an absent optional part) are left out."""
    return "\n".join(p for p in parts if p)


def el(tag: str, *content: str, **attributes: str | bool | None) -> str:
    """An element. `content` is markup (escape text with `esc` first); attribute values are
    escaped here. `class_="x"` is `class`, `aria_label` is `aria-label`; None or False leaves an
    attribute out, True writes it bare (`hidden`)."""
    return f"<{tag}{_attributes(attributes)}>{''.join(content)}</{tag}>"


def void(tag: str, **attributes: str | bool | None) -> str:
    """An element without content (`input`, `meta`, `link`)."""
    return f"<{tag}{_attributes(attributes)}>"


_NAMES: dict[str, str] = {}   # keyword -> attribute name: class_ -> class, aria_label -> aria-label


def _attributes(attributes: dict[str, str | bool | None]) -> str:
    out = []
    for keyword, value in attributes.items():
        name = _NAMES.get(keyword)
        if name is None:
            name = _NAMES[keyword] = keyword.rstrip("_").replace("_", "-")
        if value is True:
            out.append(f" {name}")
        elif value not in (None, False):
            out.append(f' {name}="{esc(value)}"')
    return "".join(out)


def section(anchor: str, title: str, *content: str, **attributes: str | None) -> str:
    """`<section id=anchor>` labelled by its `<h2 id=anchor-h>`; `title` is markup."""
    heading = el("h2", title, id=f"{anchor}-h")
    return el("section", "\n", join([heading, *content]), "\n", id=anchor,
              aria_labelledby=f"{anchor}-h", **attributes)


_NAV = (
    ("index.html", "Agreement table"),
    ("index.html#voices", "Voices"),
    ("index.html#theses", "Theses"),
    ("index.html#search", "Search"),
    ("compare.html", "Compare two voices"),
    ("matrix.html", "Who agrees with whom"),
)


def page(*, title: str, body: str, root: str, kind: str, nav: bool = True) -> str:
    """A whole page: language, skip link, navigation, stylesheet and script by relative path.

    `root` is the way back to the site's top folder ("" or "../"), so every link works from
    file:// as well as from a web server. Nothing here loads anything from another host.
    """
    links = "".join(
        f'<li><a href="{esc(root + href)}">{esc(label)}</a></li>' for href, label in _NAV
    )
    header = (
        f'<header class="site-header"><nav aria-label="Site"><ul>{links}</ul></nav></header>'
        if nav
        else ""
    )
    return join(
        [
            "<!DOCTYPE html>",
            '<html lang="en" class="no-js">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="generator" content="argmap">',
            f"<title>{esc(title)} · argmap</title>",
            f'<link rel="stylesheet" href="{esc(root)}site.css">',
            f'<link rel="stylesheet" href="{esc(root)}diagram.css">',
            f'<link rel="stylesheet" href="{esc(root)}teach.css">',
            "</head>",
            f'<body class="{esc(kind)}">',
            '<a class="skip-link" href="#main">Skip to content</a>',
            header,
            f'<main id="main" tabindex="-1">\n{body}\n</main>',
            f'<script src="{esc(root)}site.js"></script>',
            f'<script src="{esc(root)}diagram.js"></script>',
            f'<script src="{esc(root)}teach.js"></script>',
            "</body>",
            "</html>",
            "",
        ]
    )
