"""ANPA-1312 (AP wire): SYN SYN SOH header, STX, '^' top matter, tab paragraphs, ETX."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from .agencies import normalise_provider
from .common import CONTROL_CHARS, clean_byline, clean_text
from .errors import WireRefusal
from .sanitize import paragraphs_to_html
from .story import WireStory
from .wiretext import ETX, SOH, STX, decode_wire_bytes, head_sniff, split_dateline

NAME = "anpa1312"
# ANPA priority letters -> IPTC urgency (flash, bulletin, urgent, regular,
# deferred, advance); an approximation, as ANPA has no numeric scale.
_PRIORITY = {"f": 1, "b": 2, "u": 3, "r": 5, "d": 6, "a": 7, "s": 5}
_TRAILER_DATE = re.compile(r"AP-WF-(\d{2})-(\d{2})-(\d{2}) (\d{2})(\d{2})GMT")
_SLUG = re.compile(r"^(BC|AP)-|^\*\d+")


def can_parse(data: bytes) -> bool:
    head = head_sniff(data)
    if not head.startswith(b"\x01") or b"\x02" not in head:
        return False
    return bool(re.search(rb"[\x11-\x14\x1f]", head[: head.index(b"\x02")]))


def _line_text(line: str) -> str:
    return clean_text(CONTROL_CHARS.sub(" ", line).strip().rstrip("<=").strip())


def parse(data: bytes) -> list[WireStory]:
    warnings: list[str] = []
    text = decode_wire_bytes(data, warnings).replace("\r\n", "\n").replace("\r", "\n")
    soh, stx = text.find(SOH), text.find(STX)
    if soh < 0 or stx < 0:
        raise WireRefusal("ANPA-1312: missing SOH/STX framing")
    header = text[soh + 1 : stx]
    etx = text.find(ETX, stx)
    trailer = text[etx:] if etx >= 0 else ""
    body_text = text[stx + 1 : etx if etx >= 0 else len(text)]

    header_lines = header.split("\n")
    prio_line = header_lines[1] if len(header_lines) > 1 else ""
    urgency = _PRIORITY.get(prio_line[:1].lower())
    slug_line = CONTROL_CHARS.sub(" ", prio_line[3:]).split()
    signals: set[str] = set()
    if any("ld-writethru" in t.lower() or t.lower().endswith("ld") for t in slug_line):
        signals.add("update")

    top: list[str] = []
    late: list[str] = []
    paragraphs: list[str] = []
    for raw in body_text.split("\n"):
        line = raw.lstrip("\x02")
        if raw.startswith("\t"):
            para = _line_text(line)
            if para:
                paragraphs.append(para)
        elif line.startswith("^"):
            # Only top matter before the first paragraph can be a headline.
            (top if not paragraphs else late).append(_line_text(line[1:]))
        elif paragraphs and line.strip() and not line.startswith("\x03"):
            paragraphs[-1] += " " + _line_text(line)
    headline, byline, notes, rest, slug = "", "", [], [], ""
    for item in top:
        if not item:
            continue
        if _SLUG.match(item):
            slug = slug or item
            continue
        low = item.lower()
        if low.startswith("by "):
            byline = clean_byline(item)
        elif low.startswith(("eds:", "ap photo", "editor's note")):
            notes.append(item)
        elif not headline:
            headline = item
        elif item != "Associated Press":
            rest.append(item)
    if not headline and slug:
        # No headline line: fall back to the keyword slug, "BC-WEA--Global Weather,<".
        headline = re.sub(r"^(BC|AP)-[A-Z]*-*|,\s*\d*$", "", slug).strip(" ,-")
        warnings.append("ANPA-1312: no headline line; used the keyword slug")
    if not headline:
        raise WireRefusal("ANPA-1312: no headline line")
    for note in notes:
        low = note.lower()
        if "correct" in low:
            signals.add("correction")
        if "kill" in low or "eliminat" in low:
            signals.add("kill")
    if not paragraphs:
        # Digest items (headline lists) have only top-matter lines.
        paragraphs = rest
    if not paragraphs:
        raise WireRefusal("ANPA-1312: no body text")
    dateline, credit = split_dateline(paragraphs[0])
    created = None
    m = _TRAILER_DATE.search(trailer)
    if m:
        month, day, year, hh, mm = (int(g) for g in m.groups())
        try:
            created = datetime(2000 + year, month, day, hh, mm, tzinfo=UTC)
        except ValueError:
            warnings.append(f"ANPA-1312: impossible trailer date {m.group(0)!r}")
    else:
        warnings.append("ANPA-1312: no dated trailer")
    warnings.append("ANPA-1312 carries no stable id: keyed by content")
    provider = normalise_provider(credit, "AP" if "AP-WF" in trailer else "")
    return [
        WireStory(
            format=NAME,
            headline=headline,
            body_html=paragraphs_to_html(paragraphs),
            byline=byline,
            provider=provider,
            source=provider,
            dateline=dateline,
            urgency=urgency,
            first_created=created,
            version_created=created,
            signals=frozenset(signals),
            warnings=tuple(warnings),
        )
    ]
