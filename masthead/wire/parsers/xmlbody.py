"""Turn an XML body element (NITF body.content, XHTML body, ...) into safe HTML."""

from __future__ import annotations

import copy
import html
import re

import nh3
from lxml import etree

from .common import clean_text, unescape_twice_escaped
from .sanitize import DROP_WITH_CONTENT, clean_html, paragraphs_to_html
from .story import html_to_paragraphs

_SPACES = re.compile(r"\s+")
# Runs of spaces/tabs only: line breaks still part paragraphs in a body
# that has no block elements.
_H_SPACES = re.compile(r"[^\S\n]+")
_HAS_BLOCK = re.compile(r"<(p|h[2-4]|ul|ol|table|blockquote|pre)\b")
# HTML sent as text (escaped in the XML: "&lt;P&gt;"): tags we know by name.
_TAG_NAMES = (
    r"p|br|div|span|b|i|u|em|strong|a|ul|ol|li|table|thead|tbody|tfoot|tr|td|th"
    r"|caption|pre|h[1-6]|blockquote|script|style|iframe|img|hr"
)
MARKUP_IN_TEXT = re.compile(rf"<\s*/?\s*({_TAG_NAMES})\b[^<>]*>", re.I)
_ESCAPED_MARKUP = re.compile(rf"&lt;\s*/?\s*({_TAG_NAMES})\b.*?&gt;", re.I | re.S)
_PRE_BLOCK = re.compile(r"(<pre>.*?</pre>)", re.S)
_NOTE = re.compile(r"^[(\[].*[)\]]$", re.S)
# Elements that make a body "structured": without any, line breaks in its
# text are the only paragraph marks the agency sent.
_BLOCK_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hl1",
        "hl2",
        "table",
        "pre",
        "ul",
        "ol",
        "dl",
        "blockquote",
        "bq",
        "block",
        "div",
        "section",
        "article",
    }
)
_CELL_ATTRS = {"td": ("colspan", "rowspan"), "th": ("colspan", "rowspan", "scope")}

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


def strip_markup(text: str) -> str:
    """Plain text of a string that may hold HTML sent as text (tags and
    script/style content dropped, entities decoded)."""
    if "<" in text and MARKUP_IN_TEXT.search(text):
        text = html.unescape(
            nh3.clean(text, tags=set(), clean_content_tags=set(DROP_WITH_CONTENT))
        )
    return text


def text_of(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return clean_text(strip_markup("".join(el.itertext())))


def plain_paragraphs(text: str, *, layout: bool = False) -> list[str]:
    """Paragraphs of plain wire text, whatever marks them.

    A blank line always ends a paragraph, and so does a line indented deeper
    than the text's least-indented line (Reuters' "(Adds ...)" note then
    indented paragraphs), and a note in brackets is always its own. Without
    blank lines or indents every line is a paragraph (data lines, one-line
    paragraphs) unless the lines are hard wraps of one width; with them,
    other lines continue the paragraph. A first line that follows the
    opening tag carries none of the source's indentation, so it does not
    set the measure. With `layout` (metadata text in pretty-printed XML,
    where line breaks and indents are the file's layout) only blank lines
    and notes part paragraphs.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = [line for line in lines if line.strip()]
    if not filled:
        return []
    measured = filled[1:] if lines[0].strip() and len(filled) > 1 else filled
    indent = min(_indent(line) for line in measured)
    first = lines.index(filled[0])
    last = len(lines) - 1 - lines[::-1].index(filled[-1])
    has_blank = any(not line.strip() for line in lines[first:last])
    has_indent = any(_indent(line) > indent for line in measured)
    joined = layout or has_blank or has_indent or _hard_wrapped(filled)
    if layout:
        indent = 10**6
    paras: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip():
            if current:
                paras.append(current)
            current = []
            continue
        breaks = _indent(line) > indent or _NOTE.match(line.strip())
        if current and (breaks or not joined or _NOTE.match(current[-1])):
            paras.append(current)
            current = []
        current.append(line.strip())
    if current:
        paras.append(current)
    return [" ".join(" ".join(p).split()) for p in paras]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines cut at one width (a caption wrapped at 72): all but the last
    line within 60% of the longest, which is short enough to be a wrap."""
    sizes = [len(line.strip()) for line in lines[:-1]]
    if len(sizes) < 2 or max(sizes) > 100:
        return False
    return sum(n >= 0.6 * max(sizes) for n in sizes) >= 0.8 * len(sizes)


def text_body_html(text: str, *, layout: bool = False) -> str:
    """A text body -> safe HTML: HTML sent as text is parsed once as markup
    (then sanitised), never shown as literal tags; plain text keeps its
    paragraphs."""
    if MARKUP_IN_TEXT.search(text):
        # A paragraph holding several (ANSA: all copy in one <p>, paragraphs
        # marked by indented lines) is split as plain text would be.
        html_text = _P_BLOCK.sub(_split_p, clean_html(text))
        return _structured(html_text, layout=layout)
    return paragraphs_to_html(plain_paragraphs(text, layout=layout))


_P_BLOCK = re.compile(r"<p>(.*?)</p>", re.S)


def _split_p(m: re.Match[str]) -> str:
    inner = m.group(1)
    if "\n" not in inner.strip():
        return m.group(0)
    return "".join(f"<p>{p}</p>" for p in plain_paragraphs(inner))


def first_paragraph(el: etree._Element | None) -> str:
    """The first paragraph of a summary/abstract that is not an editor's note
    ("(Adds comments)"): a standfirst, never all its paragraphs run together."""
    if el is None:
        return ""
    paras = html_to_paragraphs(body_html_from(copy.deepcopy(el), layout=True))
    for p in paras:
        if not _NOTE.match(p):
            return p
    return paras[0] if paras else ""


def body_html_from(
    el: etree._Element | None,
    *,
    drop: frozenset[str] = frozenset(),
    layout: bool = False,
) -> str:
    if el is None:
        return ""
    if not any(isinstance(c.tag, str) for c in el):
        # A bare-text body (PA data tables, escaped HTML): its line breaks or
        # its (escaped) markup are the structure.
        return text_body_html(unescape_twice_escaped(el.text or ""), layout=layout)
    for node in list(el.iter()):
        if not isinstance(node.tag, str) or node is el:
            continue
        if (node.tag in _DROP or node.tag in drop) and node.getparent() is not None:
            _remove_keep_tail(node)
    has_blocks = any(
        isinstance(n.tag, str) and n.tag in _BLOCK_TAGS for n in el.iterdescendants()
    )
    # Source indentation and hard wraps are not content, except in <pre>
    # (agate), and in a body without blocks, where lines are paragraphs.
    squash = _SPACES if has_blocks else _H_SPACES
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        in_pre = any(a.tag == "pre" for a in node.iterancestors())
        node.tag = _RENAME.get(node.tag, node.tag)
        _keep_attrs(node)
        if node.text:
            text = unescape_twice_escaped(node.text)
            node.text = text if in_pre or node.tag == "pre" else squash.sub(" ", text)
        if node.tail and node is not el:
            tail = unescape_twice_escaped(node.tail)
            node.tail = tail if in_pre else squash.sub(" ", tail)
    parts = [html.escape(el.text or "", quote=False)]
    for c in el:
        if isinstance(c.tag, str):
            parts.append(
                etree.tostring(c, method="html", encoding="unicode", with_tail=True)
            )
        elif c.tail:
            parts.append(html.escape(c.tail, quote=False))
    out = clean_html("".join(parts))
    if _ESCAPED_MARKUP.search(out):
        # HTML sent escaped inside an element: decoded and parsed once.
        out = clean_html(html.unescape(out))
    return _structured(out, layout=layout)


def _structured(out: str, *, layout: bool = False) -> str:
    """Sanitised HTML with its blocks tidied, or, when it has none, one
    paragraph per line (or <br>) of its text."""
    if not out:
        return ""
    if not _HAS_BLOCK.search(out):
        # A <br> always parts paragraphs (as a blank line would).
        text = re.sub(r"<br\s*/?>", "\n\n", out)
        lines = plain_paragraphs(text, layout=layout)
        return clean_html("".join(f"<p>{line}</p>" for line in lines))
    pieces = _PRE_BLOCK.split(out)
    for i in range(0, len(pieces), 2):
        # Outside <pre> only: whitespace between blocks is source layout.
        piece = _GAP.sub("><", _SPACES.sub(" ", pieces[i]))
        piece = piece.lstrip() if i else piece
        piece = piece.rstrip() if i < len(pieces) - 1 else piece
        pieces[i] = piece.replace("<p> ", "<p>").replace(" </p>", "</p>")
    return clean_html("".join(pieces))


_GAP = re.compile(r">\s+<")


def _keep_attrs(node: etree._Element) -> None:
    """Only a link's href and a table cell's spans survive (nh3 checks them)."""
    keep = {"href"} if node.tag == "a" else set(_CELL_ATTRS.get(node.tag, ()))
    values = {k: v for k, v in node.attrib.items() if k in keep and v}
    node.attrib.clear()
    for k, v in values.items():
        node.set(k, v)


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
