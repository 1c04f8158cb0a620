"""Body layout of control-character wire text (ANPA-1312, IPTC 7901).

Wire text is not HTML: its structure is carried by line starts and spacing.
A `BodyBuilder` collects paragraphs, sub-heads, agate tables (cells separated
by tabs, or by ";" in AP's agate) and fixed-width blocks (columns aligned with
runs of spaces) as the parsers read lines, and renders them to sanitised HTML:
<p>, <h3>, <table> and <pre>. Every text is escaped before it is wrapped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .common import CONTROL_CHARS, clean_text, derive_headline
from .sanitize import clean_html

INCOMPLETE = (
    "incomplete: the file ends before its end-of-text marker (ETX); "
    "the body may be cut short"
)
# A top-of-story note for editors, kept as its own paragraph: "(Adds comments, detail)".
EDITOR_NOTE = re.compile(r"^\([^()]{2,200}\)$")
# "WASHINGTON (AP) _ " / "Berlin (dpa) - ": the dateline before the first words.
_DATELINE_LEAD = re.compile(
    r"^\s*[^()\n]{2,80}?\s*\([A-Za-z][\w ]{0,20}\)\s*(?:-|_|–|—)+\s*"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")
# A column gap: two or more spaces or a tab between words, not the double space
# some writers put after a sentence.
_GAP = re.compile(r"[^\s.!?:\"')”’](?: {2,}|\t+)(?=\S)")
_AGATE_MAX = 80  # agate and fixed-width lines are short; prose is not


def strip_dateline(text: str) -> str:
    """'WASHINGTON (AP) _ The Senate voted.' -> 'The Senate voted.'"""
    return _DATELINE_LEAD.sub("", text, count=1) or text


def headline_from_body(paragraphs: list[str], body_html: str) -> str:
    """The shared derived headline, from the story's opening paragraphs with
    their wire dateline ("ATLANTA (AP) _", "Berlin (dpa) -") taken off first."""
    if not paragraphs:
        return derive_headline(body_html)
    lead = [strip_dateline(paragraphs[0]), *paragraphs[1:2]]
    return derive_headline("".join(f"<p>{_escape(p)}</p>" for p in lead))


def first_sentence(text: str, limit: int = 200) -> str:
    """The first sentence of `text` when the whole is longer than `limit`."""
    text = text.strip()
    if len(text) <= limit:
        return text
    m = _SENTENCE_END.search(text, 20)
    return text[: m.start() + 1] if m and m.start() < limit else text


def raw_line(line: str) -> str:
    """A line with its controls removed and its ANPA end code ("<", "=") cut,
    spacing kept (columns are spacing)."""
    text = CONTROL_CHARS.sub("", line).rstrip()
    if text.endswith(("<", "=")):
        text = text[:-1].rstrip()
    return text


def table_cells(text: str, *, semicolons: bool) -> list[str] | None:
    """The cells of an agate row, or None if `text` is not one.

    Tabs between words are column stops (ANPA/IPTC "tabular" matter); AP's
    agate separates columns with ";" and no space ("Amsterdam;42;50;rn").
    """
    body = text.strip()
    if "\t" in body:
        cells = [clean_text(c) for c in re.split(r"\t+", body)]
        return cells if len(cells) >= 2 else None
    if semicolons and body.count(";") >= 2 and not re.search(r";\s", body):
        return [clean_text(c) for c in body.split(";")]
    return None


def is_aligned(text: str) -> bool:
    """A short line with two or more column gaps (runs of spaces or tabs)."""
    body = text.strip()
    return 0 < len(body) <= _AGATE_MAX and len(_GAP.findall(body)) >= 2


def is_caps_subhead(text: str) -> bool:
    """'UP NEXT', 'TIP-INS': a short all-capitals line standing alone."""
    body = text.strip()
    letters = [c for c in body if c.isalpha()]
    return (
        2 <= len(letters)
        and len(body) <= 40
        and body.upper() == body
        and not re.search(r"[.,;:!?\"'()_]$|[,(_]", body)
        and body not in {"END", "MORE", "BULLETIN", "URGENT", "FLASH"}
    )


@dataclass
class Block:
    kind: str  # "p", "h3", "pre", "table"
    parts: list[str] = field(default_factory=list)  # text or pre lines
    rows: list[tuple[bool, list[str]]] = field(default_factory=list)


class BodyBuilder:
    """Blocks of a story body in reading order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._open = False  # the last block may still take lines

    def _last(self, kind: str) -> Block | None:
        if self._open and self.blocks and self.blocks[-1].kind == kind:
            return self.blocks[-1]
        return None

    def end_block(self) -> None:
        self._open = False

    def paragraph(self, text: str) -> None:
        text = clean_text(text)
        if text:
            self.blocks.append(Block("p", [text]))
            self._open = True

    def continue_paragraph(self, text: str) -> None:
        """A wrapped line: joins the open paragraph, else starts one."""
        text = clean_text(text)
        last = self._last("p")
        if last is None:
            self.paragraph(text)
        elif text:
            last.parts.append(text)

    def subhead(self, text: str) -> None:
        text = clean_text(text)
        if text:
            self.blocks.append(Block("h3", [text]))
            self._open = False

    def table_row(self, cells: list[str], source: str, *, header: bool = False) -> None:
        last = self._last("table")
        if last is None:
            last = Block("table")
            self.blocks.append(last)
            self._open = True
        last.rows.append((header, cells))
        last.parts.append(source)

    def pre_line(self, text: str) -> None:
        last = self._last("pre")
        if last is None:
            last = Block("pre")
            self.blocks.append(last)
            self._open = True
        last.parts.append(text.rstrip())

    def finish(self) -> list[Block]:
        """Blocks with one-line tables and fixed-width blocks read as paragraphs
        (one line with gaps is prose with double spaces, not a table)."""
        out: list[Block] = []
        for block in self.blocks:
            if block.kind in ("table", "pre") and len(block.parts) < 2:
                text = clean_text(" ".join(block.parts))
                if text:
                    out.append(Block("p", [text]))
            else:
                out.append(block)
        self.blocks = out
        self._open = False
        return out

    def paragraphs(self) -> list[str]:
        return [" ".join(b.parts) for b in self.blocks if b.kind == "p"]


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()]
    cut = min(indents, default=0)
    return [ln[cut:].rstrip() for ln in lines]


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _table_html(rows: list[tuple[bool, list[str]]]) -> str:
    width = max(len(cells) for _, cells in rows)
    # A first row with an empty corner cell and no figures is a column header.
    first_header, first_cells = rows[0]
    if not first_header and first_cells[0] == "" and len(first_cells) > 1:
        if not any(c[:1].isdigit() for c in first_cells[1:]):
            rows = [(True, first_cells), *rows[1:]]
    head, body = [], []
    for n, (header, cells) in enumerate(rows):
        cells = cells + [""] * (width - len(cells))
        tag = "th" if header else "td"
        scope = ' scope="col"' if header else ""
        # Spaces between cells and a line break after <pre> are invisible on the
        # page but keep the plain-text reading (WireStory.body_paragraphs)
        # from running cells and blocks together.
        row = " ".join(f"<{tag}{scope}>{_escape(c)}</{tag}>" for c in cells)
        (head if header and n == len(head) else body).append(f"<tr>{row}</tr>")
    thead = f"<thead>{''.join(head)}</thead>" if head else ""
    return f"<table>{thead}<tbody>{''.join(body)}</tbody></table>"


def blocks_to_html(blocks: list[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if block.kind == "p":
            parts.append(f"<p>{_escape(' '.join(block.parts))}</p>")
        elif block.kind == "h3":
            parts.append(f"<h3>{_escape(block.parts[0])}</h3>")
        elif block.kind == "pre":
            text = "\n".join(_dedent(block.parts))
            parts.append(f"<pre>{_escape(text)}</pre>\n")
        elif block.kind == "table" and block.rows:
            parts.append(_table_html(block.rows))
    return clean_html("".join(parts))
