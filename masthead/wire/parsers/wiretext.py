"""Helpers for control-character-framed wire text (IPTC 7901, ANPA-1312)."""

from __future__ import annotations

import re

from . import encoding
from .safe_xml import check_size

SOH, STX, ETX, EOT, SYN = "\x01", "\x02", "\x03", "\x04", "\x16"
_DATELINE = re.compile(
    r"^\s*([^()\n]{2,80}?)\s*\(([A-Za-z][\w ]{0,20})\)\s*(?:-|_|–|—)\s*"
)


def decode_wire_bytes(data: bytes, warnings: list[str]) -> str:
    """7901/ANPA carry no charset label: UTF-8 if valid, else guessed from the
    content (Windows-1252, Cyrillic, CJK...) with a warning."""
    check_size(data)
    return encoding.decode(data, warnings)


def split_dateline(first_paragraph: str) -> tuple[str, str]:
    """'BERLIN (dpa) - Text' -> ('BERLIN', 'dpa')."""
    m = _DATELINE.match(first_paragraph)
    if not m:
        return "", ""
    return m.group(1).strip(), m.group(2).strip()


def head_sniff(data: bytes) -> bytes:
    return data[:512].lstrip(b"\x16")
