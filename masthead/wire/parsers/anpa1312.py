"""ANPA-1312 (AP wire): SYN SYN SOH header, STX, '^' top matter, tab paragraphs,
ETX, trailer, EOT.

Body structure is read from line starts: a tab starts a paragraph, '^' is top
matter before the story (headline, notes, byline) and a sub-head inside it,
a backspace (0x08) starts an agate row. Agate rows (cells split by ';' or tabs)
become a table, fixed-width lines a <pre> block.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from datetime import UTC, datetime

from .agencies import normalise_provider
from .common import CONTROL_CHARS, clean_byline, clean_text
from .errors import WireRefusal
from .story import WireStory
from .wirelayout import (
    EDITOR_NOTE,
    INCOMPLETE,
    Block,
    BodyBuilder,
    blocks_to_html,
    first_sentence,
    headline_from_body,
    is_aligned,
    is_caps_subhead,
    raw_line,
    strip_dateline,
    table_cells,
)
from .wiretext import EOT, ETX, SOH, STX, decode_wire_bytes, head_sniff, split_dateline

NAME = "anpa1312"
# ANPA priority letters -> IPTC urgency (flash, bulletin, urgent, regular,
# deferred, advance); an approximation, as ANPA has no numeric scale.
_PRIORITY = {"f": 1, "b": 2, "u": 3, "r": 5, "d": 6, "a": 7, "s": 5}
_TRAILER_DATE = re.compile(r"AP-WF-(\d{2})-(\d{2})-(\d{2}) (\d{2})(\d{2})GMT")
_SLUG = re.compile(r"^(BC|AP)-|^\*\d+")
# Lines that mark an alert rather than say anything: "BULLETIN", "AP-APNewsAlert".
_ALERT_MARK = re.compile(
    r"^(?:(?:BC|AP)-)*(?:AP\s*)?(?:News\s*Alert|Alert|Bulletin|Flash|Urgent|Bjt)\b"
    r"[\s,\d]*$",
    re.I,
)
_ALERT_SLUG = re.compile(r"news\s*alert|\bbulletin\b|\bflash\b|\bbjt\b", re.I)
# The title lines under a byline: "Associated Press", "AP Sports Writer".
_BYLINE_TITLE = re.compile(
    r"\b(?:Associated Press|AP|Press|Writer|Correspondent|Editor|Reporter|"
    r"Columnist|Staff|Bureau|Chief)\b"
)
_SUBHEAD_MAX = 80


def can_parse(data: bytes) -> bool:
    head = head_sniff(data)
    if not head.startswith(b"\x01") or b"\x02" not in head:
        return False
    return bool(re.search(rb"[\x11-\x14\x1f]", head[: head.index(b"\x02")]))


def _is_sentence(text: str) -> bool:
    return text.endswith((".", "!", "?")) or len(text) > _SUBHEAD_MAX


class _Reader:
    """Walks the text between STX and ETX, line by line."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings
        self.body = BodyBuilder()
        self.headline = self.byline = self.slug = ""
        self.notes: list[str] = []
        self.editor_notes: list[str] = []
        self.rest: list[str] = []
        self.alert = False
        self.in_top = True
        self.byline_state = ""  # "", "in" (titles may follow), "done"
        self.base_indent = 0

    def read(self, lines: list[str]) -> None:
        indents = Counter(
            len(ln[1:]) - len(ln[1:].lstrip(" "))
            for ln in lines
            if ln.startswith("\t") and CONTROL_CHARS.sub("", ln).strip()
        )
        self.base_indent = indents.most_common(1)[0][0] if indents else 0
        for line in lines:
            line = line.lstrip(STX)
            if not CONTROL_CHARS.sub("", line).strip():
                self.body.end_block()
            elif line.startswith("^"):
                self._caret(line[1:])
            elif line.startswith("\x08"):
                self._agate(raw_line(line[1:]))
            elif line.startswith("\t"):
                self._indented(raw_line(line[1:]))
            else:
                self._plain(raw_line(line))

    def _caret(self, line: str) -> None:
        centred = line.rstrip().endswith("=")
        item = clean_text(raw_line(line))
        if not item:
            return
        low = item.lower()
        if not self.in_top:
            if item.upper() == "END":
                return
            if low.startswith(("eds:", "editor's note")):
                self.notes.append(item)
            elif _is_sentence(item):
                self.body.paragraph(item)
            else:
                self.body.subhead(item)
            return
        if _SLUG.match(item):
            self.slug = self.slug or item
            if _ALERT_SLUG.search(item):
                self.alert = True
        elif low.startswith(("eds:", "ap photo", "editor's note")):
            self.notes.append(item)
        elif EDITOR_NOTE.match(item):
            # "(Adds comments, detail)": the desk's note stays its own paragraph.
            self.editor_notes.append(item)
            self.body.paragraph(item)
            self.body.end_block()
        elif _ALERT_MARK.match(item):
            self.alert = True
        elif low.startswith("by "):
            self.byline = clean_byline(item)
            self.byline_state = "in"
        elif self.byline_state == "in" and _BYLINE_TITLE.search(item):
            pass  # "Associated Press", "AP Sports Writer"
        elif self.byline_state:
            # Below the byline, '^' lines are the story's sub-heads.
            self.byline_state = "done"
            self._subhead_or_paragraph(item)
        elif not self.headline:
            self.headline = item
        elif centred and not _is_sentence(item):
            self.body.subhead(item)
        elif item != "Associated Press":
            self.rest.append(item)

    def _subhead_or_paragraph(self, item: str) -> None:
        if _is_sentence(item):
            self.body.paragraph(item)
        else:
            self.body.subhead(item)

    def _agate(self, text: str) -> None:
        self.in_top = False
        header = text.lstrip().startswith("^")
        if header:
            text = text.lstrip()[1:]
        cells = table_cells(text, semicolons=True)
        if cells:
            self.body.table_row(cells, text, header=header)
        else:
            self.body.pre_line(text)

    def _indented(self, text: str) -> None:
        self.in_top = False
        indent = len(text) - len(text.lstrip(" "))
        cells = table_cells(text, semicolons=True)
        if cells:
            self.body.table_row(cells, text)
        elif is_aligned(text) or (
            indent > self.base_indent and len(text.strip()) <= _SUBHEAD_MAX
        ):
            self.body.pre_line(text)
        elif is_caps_subhead(text):
            self.body.subhead(text)
        else:
            self.body.paragraph(text)
            if not self.body.paragraphs()[:-1] and EDITOR_NOTE.match(text.strip()):
                self.editor_notes.append(clean_text(text))
                self.body.end_block()

    def _plain(self, text: str) -> None:
        """A line with no ANPA line code: a wrapped line of the paragraph above,
        unless a blank line or an indent says it starts one."""
        self.in_top = False
        cells = table_cells(text, semicolons=True)
        if cells:
            self.body.table_row(cells, text)
        elif is_aligned(text):
            self.body.pre_line(text)
        elif text[:2].isspace() or EDITOR_NOTE.match(text.strip()):
            self.body.paragraph(text)
            if EDITOR_NOTE.match(text.strip()):
                self.editor_notes.append(clean_text(text))
                self.body.end_block()
        else:
            self.body.continue_paragraph(text)


def _headline(
    reader: _Reader, story_paragraphs: list[str], warnings: list[str], body_html: str
) -> str:
    if reader.headline:
        return reader.headline
    if reader.alert and story_paragraphs:
        # An alert is one line of news with no headline line: that line is the
        # headline, never the keyword slug.
        alert = clean_text(first_sentence(strip_dateline(story_paragraphs[0])))
        return alert[:-1] if alert.endswith(".") and not alert.endswith("..") else alert
    if reader.slug:
        # No headline line: fall back to the keyword slug, "BC-WEA--Global Weather,<".
        slug = re.sub(r"^(BC|AP)-[A-Z]*-*|,\s*\d*$", "", reader.slug).strip(" ,-")
        if re.search(r"[A-Za-z]{2}", slug) and not _ALERT_MARK.match(slug):
            warnings.append("ANPA-1312: no headline line; used the keyword slug")
            return slug
    if body_html:
        headline = headline_from_body(story_paragraphs, body_html)
        if headline:
            warnings.append("headline derived from the body")
        return headline
    return ""


# The wire's 7-bit stand-ins, as AP sends them: `` and '' for quotes, a spaced
# underscore for a dash. Readers should see the characters they stand for.
_AP_STAND_INS = ((" _ ", " \u2014 "), ("``", "\u201c"), ("''", "\u201d"))


def ap_typography(text: str) -> str:
    for stand_in, char in _AP_STAND_INS:
        text = text.replace(stand_in, char)
    return text


def _typeset(block: Block) -> Block:
    """Prose blocks get real quotes and dashes; agate and tables stay as sent."""
    if block.kind not in ("p", "h3"):
        return block
    return dataclasses.replace(block, parts=[ap_typography(p) for p in block.parts])


def parse(data: bytes) -> list[WireStory]:
    warnings: list[str] = []
    text = decode_wire_bytes(data, warnings).replace("\r\n", "\n").replace("\r", "\n")
    soh, stx = text.find(SOH), text.find(STX)
    if soh < 0 or stx < 0:
        raise WireRefusal("ANPA-1312: missing SOH/STX framing")
    header = text[soh + 1 : stx]
    etx = text.find(ETX, stx)
    incomplete = etx < 0
    if incomplete:
        warnings.append(INCOMPLETE)
    elif EOT not in text[etx:]:
        warnings.append(
            "ANPA-1312: no end-of-transmission marker (EOT) after the text; "
            "the text is whole (ETX seen), the trailer may be cut"
        )
    trailer = text[etx:] if etx >= 0 else ""
    body_text = text[stx + 1 : etx if etx >= 0 else len(text)]

    header_lines = header.split("\n")
    prio_line = header_lines[1] if len(header_lines) > 1 else ""
    urgency = _PRIORITY.get(prio_line[:1].lower())
    slug_line = CONTROL_CHARS.sub(" ", prio_line[3:]).split()
    signals: set[str] = set()
    if any("ld-writethru" in t.lower() or t.lower().endswith("ld") for t in slug_line):
        signals.add("update")

    reader = _Reader(warnings)
    if prio_line[:1].lower() in ("f", "b") or _ALERT_SLUG.search(" ".join(slug_line)):
        reader.alert = True
    reader.read(body_text.split("\n"))
    blocks = reader.body.finish()
    if not blocks:
        # Digest items (headline lists) have only top-matter lines.
        for line in reader.rest:
            reader.body.paragraph(line)
        blocks = reader.body.finish()
    story_paragraphs = [
        p for p in reader.body.paragraphs() if p not in reader.editor_notes
    ]
    for note in reader.notes + reader.editor_notes:
        low = note.lower()
        if "correct" in low:
            signals.add("correction")
        elif note in reader.editor_notes:
            signals.add("update")
        if "kill" in low or "eliminat" in low:
            signals.add("kill")
    body_html = blocks_to_html([_typeset(block) for block in blocks])
    headline = ap_typography(_headline(reader, story_paragraphs, warnings, body_html))
    if not headline and not body_html:
        raise WireRefusal("ANPA-1312: no headline and no body text")
    if not headline:
        raise WireRefusal("ANPA-1312: no headline line and none in the body")
    if not body_html:
        warnings.append("ANPA-1312: no body text, only a headline")
    dateline, credit = (
        split_dateline(story_paragraphs[0]) if story_paragraphs else ("", "")
    )
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
            body_html=body_html,
            byline=reader.byline,
            provider=provider,
            source=provider,
            dateline=dateline,
            urgency=urgency,
            first_created=created,
            version_created=created,
            signals=frozenset(signals),
            warnings=tuple(warnings),
            incomplete=incomplete,
        )
    ]
