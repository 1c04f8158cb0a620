"""Small helpers shared by the format modules: text cleanup, dates, bylines."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from .agencies import KNOWN_AGENCIES, PROVIDER_ZONES

# C0/C1 control characters other than tab, newline and carriage return.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WS = re.compile(r"\s+")
# Text that still carries an entity after one round of decoding was escaped twice.
_RESIDUAL_ENTITY = re.compile(
    r"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)

_ISO = re.compile(
    r"^(\d{4})[-.]?(\d{2})[-.]?(\d{2})"
    r"(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$"
)


def strip_controls(text: str) -> str:
    return CONTROL_CHARS.sub("", text)


def clean_text(text: str | None) -> str:
    """Collapse whitespace, drop control characters, undo a second escaping."""
    if not text:
        return ""
    text = strip_controls(text)
    if "&" in text and _RESIDUAL_ENTITY.search(text):
        text = html.unescape(text)
    return _WS.sub(" ", text).strip()


def unescape_twice_escaped(text: str) -> str:
    if "&" in text and _RESIDUAL_ENTITY.search(text):
        return html.unescape(text)
    return text


def parse_datetime(
    value: str | None,
    warnings: list[str],
    *,
    provider: str = "",
    field: str = "date",
) -> datetime | None:
    """Parse the ISO-8601 family agencies send into an aware UTC datetime.

    Accepts basic and extended forms, "+0000", "Z", fractional seconds and
    date-only values. Unparseable values are recorded as a warning and
    yield None rather than refusing the whole story.
    """
    if value is None:
        return None
    raw = str(value).strip()
    if not raw:
        return None
    m = _ISO.match(raw)
    if not m:
        warnings.append(f"{field}: unparseable date {raw!r} ignored")
        return None
    year, month, day, hh, mm, ss, frac, zone = m.groups()
    micro = int((frac or "0")[:6].ljust(6, "0"))
    try:
        naive = datetime(
            int(year),
            int(month),
            int(day),
            int(hh or 0),
            int(mm or 0),
            int(ss or 0),
            micro,
        )
    except ValueError:
        warnings.append(f"{field}: impossible date {raw!r} ignored")
        return None
    tz: tzinfo
    if zone in ("Z", "z", "UTC", "GMT"):
        tz = UTC
    elif zone:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
    elif provider in PROVIDER_ZONES:
        tz = ZoneInfo(PROVIDER_ZONES[provider])
        warnings.append(
            f"{field}: {raw!r} has no zone; read as {PROVIDER_ZONES[provider]}"
        )
    else:
        tz = UTC
        warnings.append(f"{field}: {raw!r} has no zone; treated as UTC")
    return naive.replace(tzinfo=tz).astimezone(UTC)


def parse_urgency(value: object) -> int | None:
    """IPTC urgency is 1 (highest) to 9; anything else is not an urgency."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        n = value
    elif isinstance(value, str) and value.strip().isdigit():
        n = int(value.strip())
    else:
        return None
    return n if 1 <= n <= 9 else None


def first(*values: str | None) -> str:
    for v in values:
        if v and v.strip():
            return v.strip()
    return ""


_BY_PREFIX = re.compile(r"^\s*by\s+", re.I)


_URI_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|urn:|tag:|www\.)", re.I)
_QCODE_LIKE = re.compile(r"^[A-Za-z][\w.-]*:\S+$")
_KNOWN_LOWER = frozenset(name.casefold() for name in KNOWN_AGENCIES)


def looks_like_login(text: str) -> bool:
    """A system id rather than a name a reader may see: a URI, a qcode
    ("nprov:xyz"), an e-mail-like id, a lower-case word with no space
    ("jdoe", "degenhardt.sandra", "gr/bp") or a token with digits ("X01390").
    Lower-case agency names ("dpa") and uncased scripts are names."""
    text = text.strip()
    if not text or any(c.isspace() for c in text):
        return False
    if text.casefold() in _KNOWN_LOWER:
        return False
    if _URI_LIKE.match(text) or _QCODE_LIKE.match(text) or "@" in text:
        return True
    if any(c.isdigit() for c in text):
        return True
    return any(c.islower() for c in text) and not any(c.isupper() for c in text)


def clean_byline(text: str | None, warnings: list[str] | None = None) -> str:
    """ "By JANE DOE" -> "JANE DOE"; the desk adds its own "By".

    The writer's outlet after a comma is kept ("Jane Doe, The Valley Times").
    A login or code is never a byline: "" (and a warning when a list is given).
    """
    byline = _BY_PREFIX.sub("", clean_text(text)).strip(" ,;=")
    if looks_like_login(byline):
        if warnings is not None:
            warnings.append(f"byline {byline!r} looks like a login or code; not used")
        return ""
    return byline


_HEADLINE_MAX = 120
_BLOCK_BREAK = re.compile(
    r"</?(p|li|h[1-6]|blockquote|tr|div|pre|table|ul|ol)\b[^>]*>|<br\s*/?>", re.I
)
_ANY_TAG = re.compile(r"<[^>]*>")
# "LONDON (Reuters) - " / "PARIS, May 4 (AFP) -- ": a dateline, not a headline.
_DATELINE_LEAD = re.compile(
    r"^[A-Z][A-Z.'\- ]{1,40}(?:,[^()\-–—]{1,40})?\s*(?:\([^)]{1,40}\))?\s*[-–—]{1,2}\s+"
)
# A sentence ends at . ! or ? followed by space and a capital, digit or quote.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|No|vs|Inc|"
    r"Corp|Ltd|Co|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|U\.N|"
    r"a\.m|p\.m|e\.g|i\.e)|\b[A-Z])\.[\"'”’)]?$"
)


def derive_headline(body_html: str) -> str:
    """A headline for an item sent without one: its body's first sentence.

    Notes such as "(Adds comments)" and a leading dateline are skipped;
    the sentence is trimmed at a word boundary to about 120 characters
    (with "…"), and a closing full stop is dropped. "" if the body has no text.
    """
    text = html.unescape(_ANY_TAG.sub("", _BLOCK_BREAK.sub("\n", body_html or "")))
    paragraphs = [_WS.sub(" ", strip_controls(p)).strip() for p in text.split("\n")]
    para = next(
        (p for p in paragraphs if p and not (p.startswith("(") and p.endswith(")"))),
        next((p for p in paragraphs if p), ""),
    )
    para = _DATELINE_LEAD.sub("", para, count=1) or para
    sentence = para
    for m in _SENTENCE_END.finditer(para):
        if not _ABBREV.search(para[: m.end()]):
            sentence = para[: m.end()]
            break
    sentence = sentence.strip()
    if len(sentence) > _HEADLINE_MAX:
        cut = sentence[: _HEADLINE_MAX + 1]
        space = cut.rfind(" ")
        cut = cut[:space] if space > _HEADLINE_MAX // 2 else cut[:_HEADLINE_MAX]
        return cut.rstrip(" ,;:–—-") + "…"
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1].rstrip()
    return sentence
