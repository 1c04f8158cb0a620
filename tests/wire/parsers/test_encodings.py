"""Encodings: byte-order marks, declarations, guesses from the content, mojibake,
NUL bytes. Every fixture is written here, in the charset under test."""

from __future__ import annotations

import json

import pytest

from masthead.wire.parsers import detect_format, parse
from masthead.wire.parsers import encoding as enc

NITF = (
    "<nitf><head><docdata><doc-id id-string='enc1'/>"
    "<date.issue norm='20240101T000000Z'/></docdata></head>"
    "<body><body.head><hedline><hl1>{head}</hl1></hedline></body.head>"
    "<body.content><p>{body}</p></body.content></body></nitf>"
)
# Copy in each legacy charset an agency may still send unlabelled.
LEGACY = {
    "cp1252": (
        "L’été à Paris: grève au café",
        "Le café de la Société Générale a été fermé « à cause » des grèves — dit-il.",
    ),
    "latin-1": (
        "Müller grüßt Köln",
        "Die Straße in München sei gesperrt, sagte Müller. Grüße aus Köln und Düsseldorf.",
    ),
    "cp1251": (
        "Президент России провёл переговоры",
        "Президент России заявил в пятницу, что переговоры будут продолжены на следующей неделе.",
    ),
    "gb18030": (
        "俄乌同意大规模换俘",
        "新华社北京五月十六日电 俄罗斯和乌克兰代表团在伊斯坦布尔结束会谈，同意举行新一轮谈判。",
    ),
    "shift_jis": (
        "日経平均が続伸",
        "東京株式市場で日経平均株価は続伸し、前日比で大きく上昇して取引を終えた。",
    ),
}
# The name the warning gives: latin-1 copy reads the same as Windows-1252.
GUESSED_AS = {
    "cp1252": "cp1252",
    "latin-1": "cp1252",
    "cp1251": "cp1251",
    "gb18030": "gb18030",
    "shift_jis": "shift_jis",
}


def nitf_text(head: str, body: str, decl: str = "") -> str:
    return decl + NITF.format(head=head, body=body)


def iptc7901(head: str, body: str) -> str:
    return (
        "\x01abc012 3 i 120 ccccb   dpa 012\r\n\r\nTopic/Sub/\r\n\x02"
        f"{head} =\r\n\r\n   Bonn (dpa) - {body}\r\n\r\ndpa ab cd\r\n"
        "\x03101200 GMT Jan 10\r\n"
    )


def one(data: bytes):
    stories = parse(data)
    assert len(stories) == 1
    return stories[0]


# --- byte-order marks -------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
    ],
)
def test_xml_with_a_byte_order_mark_is_read_in_its_encoding(codec, bom):
    label = codec.rsplit("-", 1)[0] if codec != "utf-8" else "utf-8"
    text = nitf_text(
        "Grüße aus Köln — 東京",
        "Der Präsident sagte am Freitag …",
        decl=f'<?xml version="1.0" encoding="{label}"?>',
    )
    data = bom + text.encode(codec)
    assert detect_format(data) == "nitf"
    s = one(data)
    assert s.headline == "Grüße aus Köln — 東京"
    assert s.body_paragraphs() == ["Der Präsident sagte am Freitag …"]
    assert not any("guessed" in w or "mis-decoded" in w for w in s.warnings)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_feed_and_ninjs_with_a_byte_order_mark_are_detected(codec):
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(
        codec, b"\xff\xfe\x00\x00"
    )
    rss = '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel/></rss>'
    assert detect_format(bom + rss.encode(codec)) == "rss"
    doc = json.dumps(
        {"uri": "u1", "headline": "Čeština už funguje"}, ensure_ascii=False
    )
    s = one(bom + doc.encode(codec))
    assert (s.format, s.headline) == ("ninjs", "Čeština už funguje")


@pytest.mark.parametrize(
    ("codec", "label"),
    [
        ("utf-16-le", "UTF-16 LE"),
        ("utf-16-be", "UTF-16 BE"),
        ("utf-32-le", "UTF-32 LE"),
    ],
)
def test_nul_interleaved_file_is_utf16_without_bom(codec, label):
    # Before: NULs were stripped and the neighbours kept as mis-read bytes.
    data = nitf_text("Grüße aus Köln", "Ein Text über die Straße.").encode(codec)
    s = one(data)
    assert s.headline == "Grüße aus Köln"
    assert s.body_paragraphs() == ["Ein Text über die Straße."]
    assert f"encoding guessed as {label}" in " ".join(s.warnings)


def test_stray_nul_bytes_are_removed_with_a_warning():
    data = nitf_text("Café opens", "Its owner said so.").encode("utf-8")
    # A NUL inside the two bytes of "é", and one between words.
    data = data.replace(b"\xc3\xa9", b"\xc3\x00\xa9").replace(b"owner ", b"owner\x00 ")
    s = one(data)
    assert s.headline == "Café opens"
    assert s.body_paragraphs() == ["Its owner said so."]
    assert "2 stray NUL bytes removed" in s.warnings
    assert not any("guessed" in w for w in s.warnings)


# --- no declaration, or a wrong one: guessed from the content --------------


@pytest.mark.parametrize("charset", sorted(LEGACY))
def test_undeclared_legacy_charset_xml_is_guessed_with_a_warning(charset):
    head, body = LEGACY[charset]
    s = one(nitf_text(head, body).encode(charset))
    assert s.headline == head
    assert s.body_paragraphs() == [body]
    assert any(
        w.startswith(f"encoding guessed as {GUESSED_AS[charset]} ") for w in s.warnings
    ), s.warnings
    assert not any("mis-decoded" in w for w in s.warnings)


@pytest.mark.parametrize("charset", sorted(LEGACY))
def test_undeclared_legacy_charset_wire_text_is_guessed(charset):
    head, body = LEGACY[charset]
    s = one(iptc7901(head, body).encode(charset))
    assert s.format == "iptc7901"
    assert s.headline == head
    assert body in s.body_paragraphs()[0]
    assert f"encoding guessed as {GUESSED_AS[charset]}" in " ".join(s.warnings)


def test_declared_utf8_but_cp1252_bytes_is_guessed():
    head, body = LEGACY["cp1252"]
    text = nitf_text(head, body, decl='<?xml version="1.0" encoding="utf-8"?>')
    s = one(text.encode("cp1252"))
    assert (s.headline, s.body_paragraphs()) == (head, [body])
    assert any(
        "encoding guessed as cp1252 (declared utf-8 but bytes are not UTF-8)" == w
        for w in s.warnings
    )


def test_declared_utf8_but_cp1251_bytes_is_not_read_as_western():
    head, body = LEGACY["cp1251"]
    text = nitf_text(head, body, decl='<?xml version="1.0" encoding="UTF-8"?>')
    s = one(text.encode("cp1251"))
    assert s.headline == head


def test_declared_latin1_but_utf8_multibyte_is_read_as_utf8():
    text = nitf_text(
        "Zürich: 東京 größer", "x", decl='<?xml version="1.0" encoding="ISO-8859-1"?>'
    )
    s = one(text.encode("utf-8"))
    assert s.headline == "Zürich: 東京 größer"
    assert any("bytes are UTF-8; read as UTF-8" in w for w in s.warnings)


def test_declared_latin1_with_windows_quotes_reads_them_as_quotes():
    # 0x92 and 0x96 are control characters in ISO-8859-1 but ’ and – in
    # Windows-1252, which is what such files are (as browsers read them).
    text = nitf_text(
        "It’s on – again", "x", decl='<?xml version="1.0" encoding="iso-8859-1"?>'
    )
    s = one(text.encode("cp1252"))
    assert s.headline == "It’s on – again"
    assert "control characters removed" not in s.warnings


def test_declared_utf16_over_utf8_bytes_is_read_as_utf8():
    text = nitf_text("Grüße", "x", decl='<?xml version="1.0" encoding="UTF-16"?>')
    s = one(text.encode("utf-8"))
    assert s.headline == "Grüße"


def test_ninjs_in_a_legacy_charset_is_read_not_refused():
    doc = json.dumps(
        {"uri": "u2", "headline": "Grève au café de la Société"}, ensure_ascii=False
    )
    s = one(doc.encode("cp1252"))
    assert s.headline == "Grève au café de la Société"
    assert any(w.startswith("encoding guessed as cp1252") for w in s.warnings)


# --- mojibake is flagged, never passed as clean ----------------------------


@pytest.mark.parametrize(
    ("head", "sample"),
    [
        ("CafÃ© reopens after FranÃ§ois sells", "Ã©"),
        ("Itâ€™s a deal, says minister", "â€™"),
        ("ÐŸÑ€ÐµÐ·Ð¸Ð´ÐµÐ½Ñ‚ said", "ÐŸ"),
        ("Prices rise \ufffd again", "U+FFFD"),
    ],
)
def test_text_that_still_looks_mis_decoded_is_flagged(head, sample):
    s = one(nitf_text(head, "Body.").encode("utf-8"))
    flagged = [w for w in s.warnings if w.startswith("text looks mis-decoded")]
    assert len(flagged) == 1 and sample in flagged[0]


@pytest.mark.parametrize(
    "head",
    [
        "« Café » à Montréal, l’été — São Paulo, ESPAÑA, Ñandú",
        "Ärger über Öl: Größe zählt",
        "Президент России",
        "東京株式市場",
    ],
)
def test_clean_text_is_not_flagged(head):
    s = one(nitf_text(head, "Body.").encode("utf-8"))
    assert not any("mis-decoded" in w for w in s.warnings)


def test_mojibake_in_ninjs_is_flagged():
    doc = {"uri": "u3", "headline": "Itâ€™s here", "body_html": "<p>x</p>"}
    s = one(json.dumps(doc).encode())
    assert any(w.startswith("text looks mis-decoded") for w in s.warnings)


# --- the module itself ------------------------------------------------------


@pytest.mark.parametrize("charset", sorted(LEGACY))
def test_guess_names_the_charset(charset):
    head, body = LEGACY[charset]
    assert enc.guess(f"{head}. {body}".encode(charset)) == GUESSED_AS[charset]


def test_lone_high_byte_is_never_taken_for_cjk():
    # One "ü" among ASCII: gb18030 can decode "\xfcl" as one character.
    assert enc.guess(b"Thomas M\xfcller said on Wednesday he was sad.") == "cp1252"


def test_to_utf8_leaves_utf8_and_legacy_bytes_alone():
    for data in ("Grüße".encode(), "Grüße".encode("cp1252")):
        assert enc.to_utf8(data) == (data, [])
    converted, notes = enc.to_utf8(
        b"\xff\xfe" + '<?xml encoding="UTF-16"?><a/>'.encode("utf-16-le")
    )
    assert converted == b'<?xml encoding="utf-8"?><a/>' and notes == []
