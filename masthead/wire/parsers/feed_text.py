"""Text of feed items as feedparser hands it over -> plain titles, clean bodies.

feedparser gives each text construct as a value plus a type (text/plain,
text/html, application/xhtml+xml), with base64 and escaped modes already
undone. Nothing here trusts the value: titles leave as plain text (markup
dropped, entities decoded once), bodies as HTML through the one nh3 allowlist.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

import nh3

from .common import clean_text, strip_controls
from .sanitize import DROP_WITH_CONTENT, clean_html, text_to_html

_WS = re.compile(r"\s+")
# Markup a reader must never see as text in a title, after a decoding round:
# a known HTML element's tag, or any tag carrying an on*= handler.
_BREAKS = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|td|th|tr)>", re.I)
_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")')
_TAG_NAMES = (
    r"a|abbr|b|big|blockquote|br|code|del|div|em|font|h[1-6]|i|iframe|img|ins|"
    r"li|mark|object|ol|p|q|s|small|span|strike|strong|style|sub|sup|script|"
    r"svg|table|td|th|tr|tt|u|ul|embed|link|meta|base|form|input|video|audio"
)
_HTML_TAG = re.compile(rf"</?(?:{_TAG_NAMES})\b[^<>]*>|<[a-z][^<>]*\bon\w+\s*=", re.I)
# Plain text that is really HTML: block tags or a closing tag, not "a < b".
_ESCAPED_TAG = re.compile(rf"&lt;/?(?:{_TAG_NAMES})\b(?:[^<>&]|&(?!gt;))*?&gt;", re.I)
_LOOKS_HTML = re.compile(
    r"</(?:p|div|a|strong|em|b|i|li|ul|ol|h[1-6]|blockquote|table|span)>"
    r"|<(?:p|br|div|ul|ol|table|blockquote)\b[^<>]*>",
    re.I,
)
HTML_TYPES = frozenset({"text/html", "html", "application/xhtml+xml", "xhtml"})


def _strip_markup(fragment: str) -> str:
    """HTML -> plain text: tags dropped (script/style with their content),
    entities decoded exactly once."""
    # A line break or block end between words is a space, not nothing.
    fragment = _BREAKS.sub(" ", fragment)
    escaped = nh3.clean(fragment, tags=set(), clean_content_tags=set(DROP_WITH_CONTENT))
    return html.unescape(escaped)


def plain_title(value: str | None, content_type: str = "text/plain") -> str:
    """A feed title as the plain text a reader sees.

    HTML-typed titles (Atom type="html"/"xhtml", or RSS titles that carry
    escaped markup) are stripped of tags and decoded once. Markup escaped a
    second time (a title that shows "<em>" after one decoding) is stripped
    again, so neither tags nor on*= handlers ever reach the page as text.
    """
    if not value:
        return ""
    text = strip_controls(value)
    if content_type in HTML_TYPES or _HTML_TAG.search(text):
        text = _strip_markup(text)
    else:
        # Plain text: only an escaping done twice is undone.
        text = clean_text(text)
    # Markup that surfaces after a decoding round is stripped, never shown.
    for _ in range(2):
        if not _HTML_TAG.search(text):
            break
        text = _strip_markup(text)
    return _WS.sub(" ", text).strip()


def body_html(value: str | None, content_type: str = "text/html") -> str:
    """A feed text construct as sanitised body HTML."""
    if not value or not value.strip():
        return ""
    value = strip_controls(value)
    is_html = content_type in HTML_TYPES or bool(_LOOKS_HTML.search(value))
    if is_html and not _LOOKS_HTML.search(value) and "<" not in value:
        # HTML with no markup at all: decode its entities, then paragraph it.
        unescaped = html.unescape(value)
        if _LOOKS_HTML.search(unescaped):
            # Markup escaped twice ("&lt;p&gt;"): one more decoding makes it HTML.
            return clean_html(unescaped)
        return text_to_html(unescaped)
    if is_html:
        cleaned = clean_html(value)
        if _ESCAPED_TAG.search(cleaned):
            # Tags escaped inside the HTML ("<p>&lt;em&gt;x&lt;/em&gt;</p>")
            # would show as literal "<em>": decoded once and cleaned again.
            decoded = _ESCAPED_TAG.sub(lambda m: html.unescape(m.group(0)), cleaned)
            cleaned = clean_html(decoded)
        return cleaned
    return text_to_html(value)


def html_to_text(fragment: str) -> str:
    """Sanitised HTML -> one line of plain text (for the lead)."""
    if not fragment:
        return ""
    return _WS.sub(" ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def absolute_links(fragment: str, base: str | None) -> str:
    """Relative hrefs in sanitised HTML joined to an absolute http(s) base.

    Pure string work (urljoin): nothing is fetched. Links that already have a
    scheme, and in-page anchors, are left as they are.
    """
    if not fragment or not base or _scheme(base) not in ("http", "https"):
        return fragment

    def repl(m: re.Match[str]) -> str:
        href = html.unescape(m.group(2))
        if not href or href.startswith("#") or _scheme(href) != "":
            return m.group(0)
        try:
            joined = urljoin(base, href)
        except ValueError:  # e.g. a stray "[" read as a bad IPv6 host
            return m.group(0)
        return m.group(1) + html.escape(joined) + m.group(3)

    return _HREF.sub(repl, fragment)


def _scheme(url: str) -> str | None:
    """The URL's scheme ("" if relative), None if it cannot be parsed."""
    try:
        return urlsplit(url).scheme
    except ValueError:
        return None
