"""Format registry: each parser sniffs bytes (never file names)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from . import (
    anpa1312,
    feed,
    html_page,
    iptc7901,
    newsml12,
    newsml_g2,
    ninjs,
    nitf,
    page_text,
)
from .encoding import to_utf8
from .errors import WireRefusal
from .safe_xml import check_size, sniff_root
from .story import WireStory


@dataclass(frozen=True)
class Parser:
    name: str
    can_parse: Callable[[bytes], bool]
    parse: Callable[[bytes], list[WireStory]]


# Order matters: specific sniffers first, page text last (it is the fallback
# for plain text with a page time line).
PARSERS: tuple[Parser, ...] = (
    Parser("ninjs", ninjs.can_parse, ninjs.parse),
    Parser("newsml-g2", newsml_g2.can_parse, newsml_g2.parse),
    Parser("nitf", nitf.can_parse, nitf.parse),
    Parser("newsml-1.2", newsml12.can_parse, newsml12.parse),
    Parser("feed", feed.can_parse, feed.parse),
    Parser("html", html_page.can_parse, html_page.parse),
    Parser("anpa1312", anpa1312.can_parse, anpa1312.parse),
    Parser("iptc7901", iptc7901.can_parse, iptc7901.parse),
    Parser("page-text", page_text.can_parse, page_text.parse),
)


def _detect(data: bytes) -> Parser:
    if not data.strip():
        raise WireRefusal("unknown format: input is empty")
    for parser in PARSERS:
        if parser.can_parse(data):
            return parser
    root = sniff_root(data)
    hint = f" (XML root <{root}>)" if root and data.lstrip()[:1] == b"<" else ""
    raise WireRefusal(f"unknown format{hint}")


def detect_parser(data: bytes) -> Parser:
    check_size(data)
    return _detect(to_utf8(data)[0])


def detect_format(data: bytes) -> str:
    check_size(data)
    data = to_utf8(data)[0]
    parser = _detect(data)
    if parser.name == "feed":
        return "atom" if sniff_root(data) == "feed" else "rss"
    return parser.name


def parse(data: bytes) -> list[WireStory]:
    """Stories of ``data``. UTF-16/32 and NUL bytes are dealt with here, once,
    so every sniffer and parser sees UTF-8 or a single-byte legacy charset."""
    check_size(data)
    data, notes = to_utf8(data)
    stories = _detect(data).parse(data)
    if not notes:
        return stories
    return [
        replace(s, warnings=tuple(dict.fromkeys((*notes, *s.warnings))))
        for s in stories
    ]
