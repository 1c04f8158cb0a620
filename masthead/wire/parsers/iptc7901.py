"""IPTC 7901 wire text: SOH header, keywords, STX, headline '=', text, ETX."""

from __future__ import annotations

import re

from .agencies import normalise_provider
from .common import (
    CONTROL_CHARS,
    clean_byline,
    clean_text,
    parse_urgency,
)
from .errors import WireRefusal
from .sanitize import paragraphs_to_html
from .story import WireStory
from .wiretext import ETX, SOH, STX, decode_wire_bytes, head_sniff, split_dateline

NAME = "iptc7901"
_LEDE_SIGNALS = {
    "LEAD": "update",
    "CORRECTION": "correction",
    "CORRECTS": "correction",
    "KILL": "kill",
}
# Material after these lines is for the desk, not for publication.
_NOT_FOR_PUBLICATION = re.compile(
    r"^(#+ .*NOTEBOOK|\* \* \*|The following information is not for publication)", re.I
)
_EDITOR = re.compile(r"^-?\s*Edit(?:ed|ing) by:\s*(.+)$", re.I)
_SIGNOFF = re.compile(r"^[a-z]{2,6}( [a-z]{2,4}){1,6}$")


def can_parse(data: bytes) -> bool:
    head = head_sniff(data)
    if not head.startswith(b"\x01") or b"\x02" not in head:
        return False
    header = head[: head.index(b"\x02")]
    # ANPA-1312 marks its header with US (0x1f) and DC1-DC4 codes; 7901 does not.
    return not re.search(rb"[\x11-\x14\x1f]", header)


def parse(data: bytes) -> list[WireStory]:
    warnings: list[str] = []
    text = decode_wire_bytes(data, warnings).replace("\r\n", "\n").replace("\r", "\n")
    start = text.find(SOH)
    stx = text.find(STX, start)
    if start < 0 or stx < 0:
        raise WireRefusal("IPTC 7901: missing SOH/STX framing")
    header_lines = [
        ln.strip() for ln in text[start + 1 : stx].split("\n") if ln.strip()
    ]
    etx = text.find(ETX, stx)
    if etx < 0:
        warnings.append("IPTC 7901: no ETX; text runs to end of input")
        etx = len(text)
    lines = [
        CONTROL_CHARS.sub("", ln).rstrip() for ln in text[stx + 1 : etx].split("\n")
    ]

    tokens = header_lines[0].split() if header_lines else []
    urgency = parse_urgency(tokens[1]) if len(tokens) > 1 else None
    provider = normalise_provider(*[t for t in tokens[2:] if t.isalpha()])
    keywords = [k for ln in header_lines[1:] for k in ln.split("/") if k.strip()]

    # Top matter runs to the first line ending in "=". If that line is a
    # byline, the headline is the line before it; earlier lines are ledes
    # such as "1ST LEAD" or "EXTRA".
    end = next((n for n, ln in enumerate(lines) if ln.strip().endswith("=")), None)
    if end is None:
        raise WireRefusal("IPTC 7901: no headline line ending in '='")
    top = [ln.strip() for ln in lines[: end + 1] if ln.strip()]
    byline = ""
    if top[-1].lower().startswith("by ") and len(top) > 1:
        byline = clean_byline(top[-1].rstrip("= ").split(",")[0])
        top = top[:-1]
    headline = top[-1].rstrip("= ").strip()
    signals: set[str] = set()
    for lede in top[:-1]:
        for word, sig in _LEDE_SIGNALS.items():
            if word in lede.upper():
                signals.add(sig)
    i = end + 1
    while i < len(lines) and lines[i].strip().endswith("="):
        candidate = lines[i].strip().rstrip("= ")
        if candidate.lower().startswith("by ") and not byline:
            byline = clean_byline(candidate.split(",")[0])
        i += 1

    paragraphs, current, editor = [], [], ""
    for line in lines[i:]:
        stripped = line.strip()
        if _NOT_FOR_PUBLICATION.match(stripped):
            break
        if not stripped:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(stripped)
    if current:
        paragraphs.append(" ".join(current))
    for line in lines[i:]:
        m = _EDITOR.match(line.strip())
        if m:
            editor = clean_text(m.group(1))
    while paragraphs and _SIGNOFF.match(paragraphs[-1]):
        paragraphs.pop()
    if not paragraphs:
        raise WireRefusal("IPTC 7901: no body text")
    dateline, credit = split_dateline(paragraphs[0])
    warnings.append("IPTC 7901 carries no stable id or year: keyed by content")
    return [
        WireStory(
            format=NAME,
            guid=None,
            version=None,
            headline=clean_text(headline),
            body_html=paragraphs_to_html(paragraphs),
            byline=byline,
            provider=provider or normalise_provider(credit),
            source=provider or credit,
            dateline=dateline,
            subjects=tuple(keywords),
            urgency=urgency,
            signals=frozenset(signals),
            editor=editor,
            warnings=tuple(warnings),
        )
    ]
