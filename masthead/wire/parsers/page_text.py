"""Plain text of a scraped news page (e.g. Shanghai Daily), located by its time line.

Page shape: ... breadcrumb "A / B", headline, source line, time line
"HH:MM UTC+H, YYYY-MM-DD" (optionally a comment count), standfirst, body
paragraphs, credit line "Source: X   Editor: Y", then page chrome.
Everything outside headline..credit is chrome and is dropped.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from . import encoding
from .agencies import normalise_provider
from .common import CONTROL_CHARS, clean_text
from .errors import WireRefusal
from .safe_xml import check_size
from .sanitize import paragraphs_to_html
from .story import WireStory

NAME = "page-text"
_TIME_LINE = re.compile(
    r"^(\d{1,2}):(\d{2})\s+UTC\s*([+-]\d{1,2})(?::?(\d{2}))?,\s*(\d{4})-(\d{2})-(\d{2})(?:\s+\d+)?$"
)
_TIME_SNIFF = re.compile(
    rb"\d{1,2}:\d{2}(?:\s|\xc2\xa0)+UTC\s*[+-]\d{1,2}(?::?\d{2})?,\s*\d{4}-\d{2}-\d{2}"
)
_CREDIT = re.compile(
    r"^Source:\s*(?P<source>.+?)(?:\s{2,}|\s+(?=Editor:)|$)(?:Editor:\s*(?P<editor>.+))?$"
)
_BREADCRUMB = re.compile(r"^\S.{0,40}\s/\s.{1,40}$")


def can_parse(data: bytes) -> bool:
    head = data[:65536]
    if head.lstrip()[:1] in (b"<", b"{", b"["):
        return False
    if re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", head):
        return False  # control-framed wire text (7901, ANPA) is not a page
    return bool(_TIME_SNIFF.search(head))


def _lines(data: bytes, warnings: list[str]) -> list[str]:
    check_size(data)
    text = encoding.decode(data, warnings)
    text = CONTROL_CHARS.sub("", text.replace("\u00a0", " "))
    return [" ".join(line.split()) for line in text.splitlines()]


def parse(data: bytes) -> list[WireStory]:
    warnings: list[str] = []
    lines = _lines(data, warnings)
    t = next((i for i, ln in enumerate(lines) if _TIME_LINE.match(ln)), None)
    if t is None:
        raise WireRefusal("page text: no time line 'HH:MM UTC+H, YYYY-MM-DD'")
    above = [i for i in range(t - 1, -1, -1) if lines[i]]
    if len(above) < 2:
        raise WireRefusal("page text: no headline and source line above the time line")
    source_line, headline = lines[above[0]], lines[above[1]]
    section = ""
    if len(above) > 2 and _BREADCRUMB.match(lines[above[2]]):
        section = lines[above[2]]
    else:
        warnings.append("page text: no breadcrumb above the headline")

    m = _TIME_LINE.match(lines[t])
    hh, mm, off_h, off_m, year, month, day = m.groups()
    sign = -1 if off_h.startswith("-") else 1
    offset = timezone(sign * timedelta(hours=abs(int(off_h)), minutes=int(off_m or 0)))
    created = datetime(int(year), int(month), int(day), int(hh), int(mm), tzinfo=offset)

    rest = [ln for ln in lines[t + 1 :]]
    credit_at = next((i for i, ln in enumerate(rest) if _CREDIT.match(ln)), None)
    if credit_at is None:
        warnings.append(
            "page text: no 'Source: ... Editor: ...' credit line; body may include chrome"
        )
        credit_at = len(rest)
    block = [ln for ln in rest[:credit_at] if ln]
    if not block:
        raise WireRefusal("page text: no text after the time line")
    lead = block[0]
    # Templates often repeat the source/time/standfirst block; drop repeats.
    body = [
        ln
        for ln in block[1:]
        if ln not in (lead, source_line) and not _TIME_LINE.match(ln)
    ]
    editor, credit_source = "", ""
    if credit_at < len(rest):
        cm = _CREDIT.match(rest[credit_at])
        credit_source = clean_text(cm.group("source"))
        editor = clean_text(cm.group("editor") or "")
    provider = normalise_provider(credit_source, source_line)
    if not body:
        warnings.append("page text: only a standfirst, no body paragraphs")
    return [
        WireStory(
            format=NAME,
            headline=headline,
            lead=lead,
            body_html=paragraphs_to_html(body),
            provider=provider,
            source=credit_source or source_line,
            first_created=created.astimezone(UTC),
            version_created=created.astimezone(UTC),
            editor=editor,
            section_hint=section,
            warnings=tuple(warnings),
        )
    ]
