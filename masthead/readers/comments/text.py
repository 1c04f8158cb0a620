"""What a reader may write, and how it is shown.

Comments are plain text. Stored as sent, less what can hurt the page around
it: control characters and the invisible direction controls that would turn
the rest of a line (or a name) backwards. Shown escaped, with web addresses
made into links marked `rel="nofollow ugc"`, and nothing else.
"""

import re
import unicodedata

import nh3
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_NAME_LENGTH = 80

# Embeddings, overrides and isolates (U+202A-202E, U+2066-2069): a name or a
# comment ending inside one reverses what follows it on the page. The plain
# marks (U+200E, U+200F) cannot, and right-to-left writing needs them.
DIRECTION_CONTROLS = frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
)
# Zero-width (non-)joiners: Persian and Indic names and emoji need them.
JOINERS = frozenset({"\u200c", "\u200d"})
# C0 and C1 controls except tab and newline (carriage returns are newlines).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DIRECTION = re.compile("[" + "".join(sorted(DIRECTION_CONTROLS)) + "]")
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"\s+")
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
# Left off the end of an address: "see https://example.com/x." means /x.
_URL_TRAILING = ".,;:!?)]}'\""

# Scripts whose letters pass for Latin ones: a name that mixes them with Latin
# is how "Editor" is spelled with a Cyrillic "Е".
_LOOKALIKE_SCRIPTS = {"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE"}
# Names readers could take for the newsroom speaking.
RESERVED_NAMES = frozenset(
    {"admin", "administrator", "editor", "moderator", "the editor", "staff"}
)


def normalize_email(value: str) -> str:
    return (value or "").strip().lower()


def clean_name(value: str) -> str:
    """The name as shown, or ValidationError saying what is wrong with it."""
    value = unicodedata.normalize("NFKC", value or "")
    if any(
        unicodedata.category(ch) in ("Cc", "Cf") and ch not in JOINERS for ch in value
    ):
        raise ValidationError(
            "A name cannot contain line breaks, control characters or "
            "invisible direction marks.",
            code="control",
        )
    value = _SPACES.sub(" ", value).strip()
    if not value:
        raise ValidationError("Please give a name.", code="required")
    if len(value) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"A name can be at most {MAX_NAME_LENGTH} characters long.", code="long"
        )
    scripts = _letter_scripts(value)
    if "LATIN" in scripts and scripts & _LOOKALIKE_SCRIPTS:
        raise ValidationError(
            "A name cannot mix Latin letters with look-alike letters of "
            "another alphabet.",
            code="mixed_scripts",
        )
    if "".join(ch for ch in value if ch not in JOINERS).casefold() in RESERVED_NAMES:
        raise ValidationError(
            "That name is kept for the newsroom; please use your own.",
            code="reserved",
        )
    return value


def _letter_scripts(value: str) -> set[str]:
    scripts = set()
    for ch in value:
        if ch.isalpha():
            scripts.add(unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0])
    return scripts


def clean_body(value: str, max_length: int) -> str:
    """The comment as stored, or ValidationError (empty, or too long)."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROLS.sub("", value)
    value = _DIRECTION.sub("", value)
    value = _BLANK_LINES.sub("\n\n", value).strip()
    if not value:
        raise ValidationError("Please write a comment.", code="required")
    if len(value) > max_length:
        raise ValidationError(
            f"Your comment is {len(value):,} characters long; the limit is "
            f"{max_length:,}. Please shorten it.",
            code="long",
        )
    return value


def render_body(text: str) -> str:
    """HTML of a stored comment: paragraphs, line breaks, links to web
    addresses. Escaped here; nh3 then keeps only what this function makes,
    so a bug above cannot let markup through."""
    paragraphs = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        lines = [_linkify(line) for line in block.split("\n")]
        paragraphs.append("<p>" + "<br>".join(lines) + "</p>")
    html = nh3.clean(
        "".join(paragraphs),
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="nofollow ugc",
    )
    return mark_safe(html)  # noqa: S308 - escaped above, then cleaned by nh3


def _linkify(line: str) -> str:
    out = []
    position = 0
    for match in _URL.finditer(line):
        url = match.group(0).rstrip(_URL_TRAILING)
        end = match.start() + len(url)
        out.append(escape(line[position : match.start()]))
        out.append(f'<a href="{escape(url)}">{escape(url)}</a>')
        position = end
    out.append(escape(line[position:]))
    return "".join(out)
