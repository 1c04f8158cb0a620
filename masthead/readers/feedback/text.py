"""What a reader may type into the feedback and contact forms.

Messages are plain text, shown escaped in the admin and sent as plain text to
the desk. Refused, with a reason, rather than quietly cleaned: characters that
have no business in a letter (control characters, which also break PostgreSQL
text and mail headers, and the invisible direction overrides that make text
read differently from what it is), and line breaks in the one-line fields that
end up in mail headers (subject, name, address).
"""

import unicodedata

from django.core.exceptions import ValidationError

# Explicit direction embeddings, overrides and isolates (the "Trojan source"
# characters). Ordinary right-to-left text needs none of them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")
ALLOWED_IN_TEXT = frozenset("\t\n")


def _bad_characters(value: str, *, one_line: bool) -> str | None:
    for char in value:
        if one_line and char in LINE_BREAKS:
            return "must be one line, without line breaks"
        if char in ALLOWED_IN_TEXT:
            continue
        if char in BIDI_CONTROLS:
            return "contains invisible characters that change the text's direction"
        category = unicodedata.category(char)
        if category == "Cc":
            return "contains control characters"
        if category in ("Cs", "Co", "Cn"):
            return "contains characters that are not text"
    return None


def clean_text(value: str, field_label: str) -> str:
    """A multi-line text: line endings made "\\n", ends trimmed; or a
    ValidationError naming what is wrong."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    problem = _bad_characters(value, one_line=False)
    if problem:
        raise ValidationError(f"The {field_label} {problem}.", code="characters")
    return value


def clean_line(value: str, field_label: str) -> str:
    """A one-line text (it may end up in a mail header)."""
    value = value.strip()
    problem = _bad_characters(value, one_line=True)
    if problem:
        raise ValidationError(f"The {field_label} {problem}.", code="characters")
    return " ".join(value.split())
