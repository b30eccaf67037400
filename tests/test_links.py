"""One URL rule: `check` warns about exactly the source URLs that no output will link."""

from __future__ import annotations

import pytest
from hypothesis import given

from argmap.check import CheckOptions, check_corpus
from argmap.links import linkable_url
from argmap.model import Corpus, Source
from argmap.render.site._html import external_href
from argmap.render.view import http_url

from strategies import HOSTILE_URLS, urls


def _bad_url_warned(url: str | None) -> bool:
    corpus = Corpus(sources=(Source(id="s", title="A source", url=url),))
    return any(p.code == "bad-url" for p in check_corpus(corpus, CheckOptions()))


class TestLinkableUrl:
    @pytest.mark.parametrize("url", ["https://example.org/a?b=1", "http://例え.jp/パス",
                                     "HTTPS://EXAMPLE.ORG"])
    def test_http_addresses_with_a_host_are_links(self, url: str) -> None:
        assert url == linkable_url(url)

    @pytest.mark.parametrize("url", [*HOSTILE_URLS[:9], "https:/example.org", "https://exa mple.org",
                                     "https://example.org/\u00a0x", "https://example.org/\x85",
                                     "ftp://example.org/x", "mailto:a@example.org", "",
                                     "example.org/x", "www.example.org", "example.org:8080/x"])
    def test_anything_else_is_text(self, url: str) -> None:
        assert None is linkable_url(url)


class TestOneRule:
    @given(urls)
    def test_check_warns_exactly_when_no_output_links(self, url: str | None) -> None:
        linked = linkable_url(url)
        assert (url is not None and linked is None) == _bad_url_warned(url)
        assert linked == http_url(url) == external_href(url)

    def test_a_url_missing_a_slash_is_warned_about(self) -> None:
        assert _bad_url_warned("https:/example.org")

    @pytest.mark.parametrize("url", ["example.org/x", "www.example.org/report.pdf"])
    def test_a_url_without_its_scheme_is_warned_about_and_never_linked(self, url: str) -> None:
        assert (True, None, None) == (_bad_url_warned(url), http_url(url), external_href(url))


def test_no_white_space_or_control_character_is_ever_linked() -> None:
    """Every code point that is white space (str.isspace) or C0, DEL or C1 makes a URL
    unlinkable, anywhere in it; no other does."""
    from argmap.links import _NOISE

    every = "".join(map(chr, range(0x110000)))
    noise = {found.start() for found in _NOISE.finditer(every)}
    assert noise == {c for c in range(0x110000)
                     if chr(c).isspace() or c <= 0x20 or 0x7F <= c <= 0x9F}
    assert None is linkable_url("https://example.org/a\u2007b")
