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
from .story import WireStory
from .wirelayout import (
    EDITOR_NOTE,
    INCOMPLETE,
    BodyBuilder,
    blocks_to_html,
    headline_from_body,
    is_aligned,
    strip_dateline,
    table_cells,
)
from .wiretext import EOT, ETX, SOH, STX, decode_wire_bytes, head_sniff, split_dateline

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
_SOURCE_LETTERS = re.compile(r"[A-Za-z]+")
_SIGNOFF = re.compile(r"^[a-z]{2,6}( [a-z]{2,4}){1,6}$")


def can_parse(data: bytes) -> bool:
    head = head_sniff(data)
    if not head.startswith(b"\x01") or b"\x02" not in head:
        return False
    header = head[: head.index(b"\x02")]
    # ANPA-1312 marks its header with US (0x1f) and DC1-DC4 codes; 7901 does not.
    return not re.search(rb"[\x11-\x14\x1f]", header)


def _provider_candidates(tokens: list[str]) -> list[str]:
    """Who sent it, from the header line "eca062 4 i 211 ccccb   dpa 061".

    The originator is the word before the closing serial number ("dpa"); else
    the letters of the source identifier ("eca"). The category letter ("i")
    and the format code ("ccccb") name no one.
    """
    candidates = []
    if len(tokens) >= 4 and tokens[-1].isdigit() and tokens[-2].isalpha():
        candidates.append(tokens[-2])
    source_id = _SOURCE_LETTERS.match(tokens[0]) if tokens else None
    if source_id:
        candidates.append(source_id.group())
    return candidates


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
    incomplete = etx < 0
    if incomplete:
        # Cut off in transmission: what is here is kept, flagged for the desk.
        warnings.append(INCOMPLETE)
        etx = len(text)
    elif EOT not in text[etx:]:
        warnings.append(
            "IPTC 7901: no end-of-transmission marker (EOT) after the text; "
            "the text is whole (ETX seen), the trailer may be cut"
        )
    lines = [
        CONTROL_CHARS.sub("", ln).rstrip() for ln in text[stx + 1 : etx].split("\n")
    ]

    tokens = header_lines[0].split() if header_lines else []
    urgency = parse_urgency(tokens[1]) if len(tokens) > 1 else None
    provider = normalise_provider(*_provider_candidates(tokens))
    keywords = [k for ln in header_lines[1:] for k in ln.split("/") if k.strip()]

    # Top matter runs to the first line ending in "=". If that line is a
    # byline, the headline is the line before it; earlier lines are ledes
    # such as "1ST LEAD" or "EXTRA".
    end = next((n for n, ln in enumerate(lines) if ln.strip().endswith("=")), None)
    byline, headline = "", ""
    signals: set[str] = set()
    i = 0
    if end is not None:
        top = [ln.strip() for ln in lines[: end + 1] if ln.strip()]
        if top[-1].lower().startswith("by ") and len(top) > 1:
            byline = clean_byline(top[-1].rstrip("= "), warnings)
            top = top[:-1]
        headline = clean_text(top[-1].rstrip("= "))
        for lede in top[:-1]:
            for word, sig in _LEDE_SIGNALS.items():
                if word in lede.upper():
                    signals.add(sig)
        i = end + 1
        while i < len(lines) and lines[i].strip().endswith("="):
            candidate = lines[i].strip().rstrip("= ")
            if candidate.lower().startswith("by ") and not byline:
                byline = clean_byline(candidate, warnings)
            i += 1

    body, editor_notes = _read_body(lines[i:])
    editor = ""
    for line in lines[i:]:
        m = _EDITOR.match(line.strip())
        if m:
            editor = clean_text(m.group(1))
    blocks = body.blocks
    while (
        blocks and blocks[-1].kind == "p" and _SIGNOFF.match(" ".join(blocks[-1].parts))
    ):
        blocks.pop()
    if not headline:
        headline = _headline_without_line(body, editor_notes, warnings)
    paragraphs = [p for p in body.paragraphs() if p not in editor_notes]
    body_html = blocks_to_html(body.blocks)
    if not headline and body_html:
        headline = headline_from_body(paragraphs, body_html)
        if headline:
            warnings.append("headline derived from the body")
    if not headline and not body_html:
        raise WireRefusal("IPTC 7901: no headline and no body text")
    if not headline:
        raise WireRefusal(
            "IPTC 7901: no headline line ending in '=' and none in the body"
        )
    if not body_html:
        warnings.append("IPTC 7901: no body text, only a headline")
    for note in editor_notes:
        signals.add("correction" if "correct" in note.lower() else "update")
    dateline, credit = split_dateline(paragraphs[0]) if paragraphs else ("", "")
    warnings.append("IPTC 7901 carries no stable id or year: keyed by content")
    return [
        WireStory(
            format=NAME,
            guid=None,
            version=None,
            headline=clean_text(headline),
            body_html=body_html,
            byline=byline,
            provider=provider or normalise_provider(credit),
            source=provider or credit,
            dateline=dateline,
            subjects=tuple(keywords),
            urgency=urgency,
            signals=frozenset(signals),
            editor=editor,
            warnings=tuple(warnings),
            incomplete=incomplete,
        )
    ]


def _read_body(lines: list[str]) -> tuple[BodyBuilder, list[str]]:
    """Paragraphs run to a blank line; where the copy indents its paragraphs
    ("   Berlin (dpa) - ..."), an indented line starts one too. Lines split
    by tabs are a table, short lines with aligned columns a <pre> block."""
    body = BodyBuilder()
    notes: list[str] = []
    publishable = []
    for line in lines:
        if _NOT_FOR_PUBLICATION.match(line.strip()):
            break
        publishable.append(line)
    flush = any(ln.strip() and not ln[:1].isspace() for ln in publishable)
    for line in publishable:
        stripped = line.strip()
        if not stripped:
            body.end_block()
            continue
        cells = table_cells(line, semicolons=False)
        if cells:
            body.table_row(cells, line)
        elif is_aligned(line):
            body.pre_line(line)
        elif EDITOR_NOTE.match(stripped) and not body.blocks:
            # "(Adds comments, detail)": its own paragraph, never the story's.
            notes.append(clean_text(stripped))
            body.paragraph(stripped)
            body.end_block()
        elif flush and line[:1].isspace():
            body.paragraph(stripped)
        else:
            body.continue_paragraph(stripped)
    body.finish()
    return body, notes


def _headline_without_line(
    body: BodyBuilder, notes: list[str], warnings: list[str]
) -> str:
    """No line ends in '=': a short first line standing alone above the text
    is the headline (taken out of the body), else "" (derived later)."""
    blocks = [b for b in body.blocks if not (b.kind == "p" and b.parts[0] in notes)]
    if len(blocks) < 2 or blocks[0].kind != "p" or len(blocks[0].parts) != 1:
        return ""
    line = blocks[0].parts[0]
    if (
        len(line) > 150
        or line.endswith((".", ",", ";", ":"))
        or strip_dateline(line) != line
    ):
        return ""
    body.blocks.remove(blocks[0])
    warnings.append("IPTC 7901: no headline line ending in '='; took the first line")
    return line
