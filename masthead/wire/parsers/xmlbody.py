"""Turn an XML body element (NITF body.content, XHTML body, ...) into safe HTML."""

from __future__ import annotations

import html
import re

from lxml import etree

from .common import clean_text, unescape_twice_escaped
from .sanitize import clean_html, paragraphs_to_html

_SPACES = re.compile(r"\s+")
_HAS_BLOCK = re.compile(r"<(p|h[2-4]|ul|ol|table|blockquote)\b")

# NITF/G2 structural elements mapped to their HTML meaning before sanitising;
# anything not in the allowlist is unwrapped by nh3 (text kept).
_RENAME = {
    "hl1": "h2",
    "hl2": "h3",
    "block": "div",
    "bq": "blockquote",
    "hedline": "div",
}
# Elements whose content is not body copy.
_DROP = {
    "media",
    "media-reference",
    "media-caption",
    "media-producer",
    "media-metadata",
    "byline",
    "dateline",
    "distributor",
    "tagline",
    "abstract",
    "note",
    "script",
    "style",
    # XHTML page furniture that agencies wrap around the copy (dpa, Reuters).
    "head",
    "header",
    "footer",
    "nav",
    "aside",
    "figure",
    "time",
}


def text_of(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return clean_text("".join(el.itertext()))


def body_html_from(
    el: etree._Element | None, *, drop: frozenset[str] = frozenset()
) -> str:
    if el is None:
        return ""
    if not any(isinstance(c.tag, str) for c in el):
        # A bare-text body (PA data tables): one paragraph per line.
        text = unescape_twice_escaped(el.text or "")
        return paragraphs_to_html(
            [" ".join(line.split()) for line in text.splitlines()]
        )
    for node in list(el.iter()):
        if not isinstance(node.tag, str):
            continue
        if node is not el and (node.tag in _DROP or node.tag in drop):
            if node.getparent() is not None:
                _remove_keep_tail(node)
            continue
        node.tag = _RENAME.get(node.tag, node.tag)
        if node.tag == "a":
            _keep_href(node)
        else:
            node.attrib.clear()
        # Source indentation and hard wraps are not content.
        if node.text:
            node.text = _SPACES.sub(" ", unescape_twice_escaped(node.text))
        if node.tail:
            node.tail = _SPACES.sub(" ", unescape_twice_escaped(node.tail))
    parts = [html.escape(el.text or "", quote=False)]
    for c in el:
        if isinstance(c.tag, str):
            parts.append(
                etree.tostring(c, method="html", encoding="unicode", with_tail=True)
            )
        elif c.tail:
            parts.append(html.escape(c.tail, quote=False))
    out = clean_html("".join(parts))
    out = _GAP.sub("><", out).replace("<p> ", "<p>").replace(" </p>", "</p>")
    if out and not _HAS_BLOCK.search(out):
        return paragraphs_to_html([_TAGS.sub("", part) for part in out.split("<br>")])
    return out


_TAGS = re.compile(r"<[^>]+>")
_GAP = re.compile(r">\s+<")


def _keep_href(node: etree._Element) -> None:
    href = node.get("href")
    node.attrib.clear()
    if href:
        node.set("href", href)


def _remove_keep_tail(node: etree._Element) -> None:
    parent = node.getparent()
    tail = node.tail
    if tail and tail.strip():
        prev = node.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def child(el: etree._Element | None, *path: str) -> etree._Element | None:
    """Follow local-name path; None if any step is missing."""
    for name in path:
        if el is None:
            return None
        el = el.find(name)
    return el
