"""Bytes to text for every wire format: byte-order marks, declarations, content.

Two steps. ``to_utf8`` is the front door (the registry calls it before any
sniffer): UTF-16/32 with a byte-order mark, or NUL-interleaved UTF-16/32
without one, becomes UTF-8 (an XML declaration is rewritten to say so), and
stray NUL bytes are dropped with a warning. ``decode`` then turns a format's
bytes into text: a UTF-8 BOM, then the declared encoding (repairing the
common lies), then UTF-8, and only then a guess from the content
(charset-normalizer) among the legacy charsets agencies still send; a guess
is always reported as a warning. ``flag_mojibake`` warns when the text still
looks mis-decoded ("Ã©", "â€™", U+FFFD) instead of passing it as clean.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# What a file with no (or a false) label may really be in, as charset-normalizer
# names them: Western, Central European and Cyrillic single-byte, CJK multi-byte.
CANDIDATES = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "gb18030",
    "big5",
    "shift_jis",
    "cp932",
    "euc_jp",
    "euc_kr",
)
# Single-byte Latin guesses that read the same as Windows-1252 are named so.
_LATIN_FAMILY = frozenset({"latin_1", "iso8859_15", "cp1250", "iso8859_2"})
_MULTI_BYTE = frozenset({"gb18030", "big5", "shift_jis", "cp932", "euc_jp", "euc_kr"})
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_LATIN1_NAMES = frozenset(
    {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "cp819", "iso-ir-100"}
)
# codecs.lookup() names of the Western single-byte sets.
_WESTERN = frozenset({"iso8859-1", "iso8859-15", "cp1252"})
_CP1252_NAMES = frozenset({"windows-1252", "cp1252", "x-cp1252"})
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_C0_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_DECL = re.compile(
    r"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9._:-]+)([\"'])", re.S
)
_SAMPLE = 65536

# UTF-8 read as Windows-1252/latin-1: a lead byte's character followed by a
# continuation byte's (0x80-0xBF as latin-1, or the cp1252 glyphs there).
_CONT = (
    "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160"
    "\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122"
    "\u0161\u203a\u0153\u017e\u0178"
)
_MOJIBAKE = re.compile(
    rf"[ÂÃ][{_CONT}]"  # Â  Ã© Ã¼ (2-byte Latin)
    rf"|[ÐÑ][{_CONT}]"  # Ð¿ Ñ€ (2-byte Cyrillic)
    rf"|[à-ï][{_CONT}]{{2}}"  # â€™ æ–° (3-byte: punctuation, CJK)
    r"|\ufffd"
)


def bom_encoding(data: bytes) -> tuple[str | None, int]:
    """The encoding a byte-order mark names, and the mark's length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None, 0


def _interleaved(data: bytes) -> str | None:
    """UTF-16/32 without a BOM: ASCII text leaves NULs at fixed offsets."""
    sample = data[:4096]
    if len(sample) < 8 or sample.count(0) * 4 < len(sample):
        return None

    def nul_share(offset: int, step: int) -> float:
        part = sample[offset::step]
        return part.count(0) / len(part) if part else 0.0

    for name, nul_at, text_at, step in (
        ("utf-32-le", (1, 2, 3), 0, 4),
        ("utf-32-be", (0, 1, 2), 3, 4),
        ("utf-16-le", (1,), 0, 2),
        ("utf-16-be", (0,), 1, 2),
    ):
        if (
            all(nul_share(i, step) > 0.6 for i in nul_at)
            and nul_share(text_at, step) < 0.1
        ):
            return name
    return None


def _label(name: str) -> str:
    return name.upper().replace("-LE", " LE").replace("-BE", " BE")


def to_utf8(data: bytes) -> tuple[bytes, list[str]]:
    """UTF-16/32 (by BOM or NUL pattern) -> UTF-8 bytes; stray NULs dropped.

    Anything else is returned as it came: its encoding is the format's
    business (``decode``). Returns the bytes and warnings for the story.
    """
    warnings: list[str] = []
    name, skip = bom_encoding(data)
    guessed = False
    if name is None or name == "utf-8":
        name = _interleaved(data)
        skip, guessed = 0, name is not None
    if name is not None:
        text = data[skip:].decode(name, errors="replace")
        if guessed:
            warnings.append(
                f"encoding guessed as {_label(name)} (NUL-interleaved, no byte order mark)"
            )
        text = _XML_DECL.sub(r"\g<1>utf-8\g<3>", text, count=1)
        if "\x00" in text:
            warnings.append(f"{text.count(chr(0))} NUL characters removed")
            text = text.replace("\x00", "")
        return text.encode("utf-8"), warnings
    nuls = data.count(0)
    if nuls:
        warnings.append(f"{nuls} stray NUL byte{'s' if nuls > 1 else ''} removed")
        data = data.replace(b"\x00", b"")
    return data, warnings


def guess(data: bytes) -> str | None:
    """The likeliest legacy charset of ``data`` (charset-normalizer), or None."""
    # Framing controls (SOH, STX, ETX of 7901/ANPA) make the detector take
    # text for binary; no legacy charset uses them inside a character.
    sample = _C0_BYTES.sub(b"", data[:_SAMPLE])
    candidates = list(CANDIDATES)
    runs = _HIGH_RUN.findall(sample)
    if runs and sum(len(r) == 1 for r in runs) * 2 > len(runs):
        # Mostly lone high bytes among ASCII ("M\xfcller"): accented Latin or
        # Cyrillic letters, never CJK, which comes in runs of byte pairs.
        candidates = [c for c in CANDIDATES if c not in _MULTI_BYTE]
    results = list(charset_normalizer.from_bytes(sample, cp_isolation=candidates))
    if not results:
        return None
    best = results[0]
    # Ties (markup-heavy files give little to go on) go to the charset agencies
    # send most: CANDIDATES is in that order.
    tied = [
        r.encoding
        for r in results
        if r.chaos <= best.chaos + 0.01 and r.coherence >= best.coherence - 0.01
    ]
    name = min(tied, key=lambda n: CANDIDATES.index(n) if n in CANDIDATES else 99)
    if name in _LATIN_FAMILY or name == "cp1252":
        cut = sample[: len(sample) - 4] if len(sample) == _SAMPLE else sample
        as_1252 = cut.decode("cp1252", errors="replace")
        if "\ufffd" not in as_1252 and as_1252 == cut.decode(name, errors="replace"):
            return "cp1252"
    if name == "cp932" and _decodes(data, "shift_jis"):
        return "shift_jis"
    return name


def _decodes(data: bytes, name: str) -> bool:
    try:
        data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _normal(name: str) -> str | None:
    name = name.strip().lower().replace("_", "-")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, warnings: list[str], *, declared: str | None = None) -> str:
    """Bytes -> text: UTF-8 BOM, then the declared encoding, then UTF-8, then a
    guess from the content (with a warning). Mojibake left in the result is
    flagged. ``declared`` is the label the file gave itself, if any."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
        warnings.append("UTF-8 byte order mark removed")
        declared = "utf-8"
    text = _decode(data, warnings, declared)
    flag_mojibake(text, warnings)
    return text


def _decode(data: bytes, warnings: list[str], declared: str | None) -> str:
    codec = _normal(declared) if declared else None
    if declared and codec is None:
        warnings.append(f"unknown declared encoding {declared!r}")
    label = (declared or "").strip().lower().replace("_", "-")
    if codec and codec.startswith(("utf-16", "utf-32")):
        # A real UTF-16/32 file was made UTF-8 by ``to_utf8``; this one only
        # says so (a copied declaration over UTF-8 or legacy bytes).
        warnings.append(f"declared {label} but bytes are not {label}")
        codec = "utf-8"
    if codec and codec != "utf-8":
        if data.isascii():
            return data.decode("ascii")
        if label in _LATIN1_NAMES or label in _CP1252_NAMES or codec in _WESTERN:
            # Feeds often say ISO-8859-1 but send UTF-8; valid multi-byte
            # UTF-8 is almost never accidental latin-1, so prefer it.
            if _decodes(data, "utf-8"):
                warnings.append(f"declared {label} but bytes are UTF-8; read as UTF-8")
                return data.decode("utf-8")
            if codec == "iso8859-1" and _C1_BYTES.search(data):
                # As browsers do: ISO-8859-1 labels mean Windows-1252 (its
                # 0x80-0x9F are quotes and dashes, not control characters).
                return data.decode("cp1252", errors="replace")
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
        return _guessed(data, warnings, f"bytes are not valid {label}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        why = (
            f"declared {label} but bytes are not UTF-8"
            if declared
            else "no declared encoding and bytes are not UTF-8"
        )
        return _guessed(data, warnings, why)


def _guessed(data: bytes, warnings: list[str], why: str) -> str:
    name = guess(data) or "cp1252"
    warnings.append(f"encoding guessed as {name} ({why})")
    return data.decode(name, errors="replace")


def flag_mojibake(text: str, warnings: list[str]) -> bool:
    """Warn (once) if ``text`` still looks mis-decoded; True if it does."""
    m = _MOJIBAKE.search(text)
    if not m:
        return False
    sample = "U+FFFD" if m.group(0) == "\ufffd" else repr(m.group(0))
    warning = f"text looks mis-decoded (mojibake such as {sample}); check the encoding"
    if not any(w.startswith("text looks mis-decoded") for w in warnings):
        warnings.append(warning)
    return True
