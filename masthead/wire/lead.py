"""The standfirst of a draft made from wire copy, and a body that does not repeat it.

Agencies send the lead three ways: not at all (most ANPA, 7901, NITF and G2
text), as a copy of the first paragraph (photo captions, "ON THIS DAY"), or cut
from it with an ellipsis. A draft shows the lead above the body, so in every
case the paragraph it came from must leave the body, or readers get it twice.

Pure functions over the parsers' sanitised HTML (nh3 writes tags in one
normal form, so a regex over the leading blocks is exact); no Django.
"""

from __future__ import annotations

import html
import re
import unicodedata

# A derived lead longer than this is a whole story in one block (ANSA sends
# everything in one <p>), not a standfirst: the desk writes one instead.
MAX_DERIVED_LEAD = 500
# A truncated agency lead must keep this much text to be matched by its start.
MIN_TRUNCATED_STEM = 20

_LEADING_BLOCK = re.compile(r"\s*<(p|h[2-4])\b[^>]*>(.*?)</\1>\s*", re.S | re.I)
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>|</(p|li|h[1-6]|blockquote|tr|td|th)>", re.I)
_WS = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"(\s*(\.\.\.|…|\[\.\.\.\]|\[…\]))+\s*$")
_TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "}
)
# First paragraphs that are not the story's opening: a byline line, an
# editor's note in brackets or between asterisks.
_BYLINE = re.compile(r"^by\s+\S.{0,60}$", re.I)
_NOTE = re.compile(r"^(\(.*\)|\[.*\]|\*{3}.*\*{3})$", re.S)


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment, entities undone (twice-escaped copy too)."""
    # Inline tags join their words ("<b>Shang</b>hai"); line and block ends part them.
    text = _TAG.sub("", _BREAK.sub(" ", fragment))
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    return _WS.sub(" ", text).strip()


def normalise(text: str) -> str:
    """Text for comparing a lead with a paragraph: markup, entities, whitespace,
    typographic quotes and dashes, case and a closing full stop do not count."""
    text = unicodedata.normalize("NFKC", html_text(text)).translate(_TYPOGRAPHY)
    return _WS.sub(" ", text).strip().rstrip(".").strip().casefold()


def is_truncated(lead: str) -> bool:
    return bool(_ELLIPSIS.search(html_text(lead)))


def _stem(lead: str) -> str:
    """A truncated lead without its ellipsis, normalised."""
    return normalise(_ELLIPSIS.sub("", html_text(lead)))


def _leading_blocks(body_html: str):
    """(start, end, tag, inner HTML) of the paragraphs and headings the body opens with."""
    at = 0
    while match := _LEADING_BLOCK.match(body_html, at):
        yield match.start(), match.end(), match.group(1).lower(), match.group(2)
        at = match.end()


def _opening(body_html: str, byline: str = ""):
    """The block the story's text starts with: the first one that is neither a
    byline line nor an editor's note. None when the body opens otherwise."""
    own_byline = normalise(byline)
    for start, end, tag, inner in _leading_blocks(body_html):
        text = normalise(inner)
        if not text:
            continue
        is_byline = _BYLINE.match(text) or (
            own_byline and text in (own_byline, f"by {own_byline}")
        )
        if is_byline or _NOTE.match(text):
            continue
        return start, end, tag, inner
    return None


def _cut(body_html: str, start: int, end: int, keep: str = "") -> str:
    return (body_html[:start] + keep + body_html[end:]).strip()


def split_lead(lead: str, body_html: str, byline: str = "") -> tuple[str, str]:
    """The (lead, body_html) a draft gets, the body never opening with the lead.

    - The agency's lead equals the opening paragraph (or that paragraph's first
      line, before a <br>): the paragraph (or line) leaves the body.
    - The agency's lead is the opening paragraph cut short with an ellipsis:
      the whole paragraph becomes the lead and leaves the body, so no text is lost.
    - No lead: the opening paragraph becomes the lead and leaves the body, when
      it is a standfirst-sized <p> and not the only paragraph (a one-paragraph
      flash, or a body that opens with a heading, stays as sent, and the desk
      writes the lead).
    Anything else (a lead of the agency's own writing) is kept as sent.
    """
    lead = (lead or "").strip()
    opening = _opening(body_html, byline)
    if opening is None:
        return lead, body_html
    start, end, tag, inner = opening
    paragraph = html_text(inner)

    if not lead:
        rest = _cut(body_html, start, end)
        too_long = len(paragraph) > MAX_DERIVED_LEAD
        if tag != "p" or too_long or not html_text(rest):
            return "", body_html
        return paragraph, rest

    wanted = normalise(lead)
    if wanted == normalise(inner):
        return lead, _cut(body_html, start, end)
    if is_truncated(lead):
        stem = _stem(lead)
        if len(stem) >= MIN_TRUNCATED_STEM and normalise(inner).startswith(stem):
            return paragraph, _cut(body_html, start, end)
    first_line, *rest_of_block = _BR.split(inner, 1)
    if rest_of_block and wanted == normalise(first_line):
        # Only the repeated line goes; the rest of the paragraph stays.
        rest = rest_of_block[0].strip()
        keep = f"<{tag}>{rest}</{tag}>" if html_text(rest) else ""
        return lead, _cut(body_html, start, end, keep)
    return lead, body_html
