"""The typed result of every parser."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

FORMATS = frozenset(
    {
        "ninjs",
        "newsml-g2",
        "nitf",
        "newsml-1.2",
        "iptc7901",
        "anpa1312",
        "rss",
        "atom",
        "html",
        "page-text",
    }
)
SIGNALS = frozenset({"correction", "update", "cancel", "kill"})
KINDS = frozenset({"text", "picture", "video", "audio", "other"})

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|tr|div|pre|table)>|<br\s*/?>", re.I)
# Cells of one row read as one line, not run together.
_CELL_END = re.compile(r"</t[dh]>", re.I)
_WS = re.compile(r"\s+")
_DATETIME_FIELDS = ("first_created", "version_created", "embargo_until")


def html_to_paragraphs(body_html: str) -> list[str]:
    """Plain-text paragraphs of sanitised body HTML (block ends split paragraphs)."""
    text = _BLOCK_END.sub("\n", _CELL_END.sub(" ", body_html))
    text = html.unescape(_TAG.sub("", text))
    return [p for p in (_WS.sub(" ", line).strip() for line in text.split("\n")) if p]


def compute_content_key(headline: str, body_html: str) -> str:
    """sha256 over normalised headline + body text.

    Normalisation (NFKC, collapsed whitespace, case-folded, markup dropped)
    makes the key stable across re-encodings of the same copy.
    """
    parts = [headline, *html_to_paragraphs(body_html)]
    norm = "\n".join(
        _WS.sub(" ", unicodedata.normalize("NFKC", p)).strip() for p in parts
    )
    return hashlib.sha256(norm.casefold().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class WireStory:
    format: str
    headline: str
    body_html: str
    guid: str | None = None
    version: str | None = None
    lead: str = ""
    byline: str = ""
    provider: str = ""
    source: str = ""
    dateline: str = ""
    language: str = ""
    subjects: tuple[str, ...] = ()
    urgency: int | None = None
    first_created: datetime | None = None
    version_created: datetime | None = None
    embargo_until: datetime | None = None
    signals: frozenset[str] = frozenset()
    editor: str = ""
    section_hint: str = ""
    source_url: str = ""
    kind: str = "text"
    content_key: str = ""
    warnings: tuple[str, ...] = field(default=())
    # The file ended before its end-of-message marker: what is here is real,
    # but the story may be cut short, so the desk must check it before use.
    incomplete: bool = False
    # The photographer's or agency's credit of the lead picture, as sent.
    picture_credit: str = ""

    def __post_init__(self) -> None:
        # Invariants are checked here so a parser bug fails loudly in tests
        # instead of writing an inconsistent row downstream.
        if self.format not in FORMATS:
            raise ValueError(f"unknown format {self.format!r}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        if not self.signals <= SIGNALS:
            raise ValueError(f"unknown signals {set(self.signals - SIGNALS)}")
        if self.version is not None and not isinstance(self.version, str):
            raise ValueError("version must be a string")
        for name in _DATETIME_FIELDS:
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"{name} must be timezone-aware")
        if not self.content_key:
            key = compute_content_key(self.headline, self.body_html)
            object.__setattr__(self, "content_key", key)

    def body_paragraphs(self) -> list[str]:
        return html_to_paragraphs(self.body_html)

    def to_json(self) -> dict:
        """A JSON-ready dict (as stored on WireItem.story); `from_json` reverses it."""
        data = dataclasses.asdict(self)
        for key, value in data.items():
            if isinstance(value, datetime):
                data[key] = value.isoformat()
            elif isinstance(value, frozenset):
                # Sorted so the same story always stores the same JSON.
                data[key] = sorted(value)
            elif isinstance(value, tuple):
                data[key] = list(value)
        return data

    @classmethod
    def from_json(cls, data: dict) -> WireStory:
        values = dict(data)
        for key in _DATETIME_FIELDS:
            if values.get(key):
                values[key] = datetime.fromisoformat(values[key])
        values["signals"] = frozenset(values.get("signals", ()))
        values["subjects"] = tuple(values.get("subjects", ()))
        values["warnings"] = tuple(values.get("warnings", ()))
        return cls(**values)
