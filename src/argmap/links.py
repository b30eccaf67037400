"""The one URL rule: which source `url`s become links.

DESIGN.md: a `url` that is not http(s) is a warning (`bad-url`) and is never linked. `check`
warns with this rule and every output (diagrams, the site, tables) links with it, so a URL is
either warned about or linked, never both and never neither.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["linkable_url"]

# white space (str.isspace) and control characters (C0, DEL, C1) never belong in a link we
# write; spelled out, not as `\s`, which costs every command 6 ms to compile
_NOISE = re.compile("[\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def linkable_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address with a host and nothing that could break out of the
    attribute it goes into; else None (javascript:, data:, relative, `https:/x`, spaces)."""
    if not url or _NOISE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url
