"""The one HTML sanitiser every parser's body goes through (nh3, small allowlist)."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "b",
        "i",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "h2",
        "h3",
        "h4",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Content of these is dropped entirely, not just the tags.
DROP_WITH_CONTENT = frozenset(
    {"script", "style", "noscript", "iframe", "object", "embed"}
)

_BLANK_LINES = re.compile(r"\n\s*\n")
_EMPTY_P = re.compile(r"<p>\s*</p>")


def clean_html(fragment: str) -> str:
    cleaned = nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _EMPTY_P.sub("", cleaned).strip()


def paragraphs_to_html(paragraphs: list[str]) -> str:
    """Wrap plain-text paragraphs in <p>, escaping them first.

    Wire text (7901, ANPA, page text) is not HTML: "<" in copy is a literal
    character, so it must be escaped before wrapping, never passed through.
    """
    parts = [
        f"<p>{html.escape(p.strip(), quote=False)}</p>" for p in paragraphs if p.strip()
    ]
    return clean_html("".join(parts))


def text_to_html(text: str) -> str:
    """Plain text with blank-line paragraph breaks -> sanitised HTML."""
    paras = [" ".join(block.split()) for block in _BLANK_LINES.split(text)]
    return paragraphs_to_html(paras)
