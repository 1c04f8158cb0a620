"""Hostile and messy input: every case here must be refused or repaired."""

from __future__ import annotations

import pytest

from masthead.wire.parsers import WireRefusal, parse
from masthead.wire.parsers.safe_xml import MAX_BYTES, MAX_DEPTH, parse_xml
from masthead.wire.parsers.sanitize import clean_html, paragraphs_to_html

NITF = (
    "<nitf><head><docdata><doc-id id-string='x1'/>"
    "<date.issue norm='20240101T000000Z'/></docdata></head>"
    "<body><body.head><hedline><hl1>{head}</hl1></hedline></body.head>"
    "<body.content>{body}</body.content></body></nitf>"
)


def nitf(head: str = "Headline", body: str = "<p>Body.</p>", decl: str = "") -> bytes:
    return (decl + NITF.format(head=head, body=body)).encode("utf-8")


def test_billion_laughs_is_refused():
    data = b"""<?xml version="1.0"?>
<!DOCTYPE nitf [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<nitf><body><body.content><p>&lol3;</p></body.content></body></nitf>"""
    with pytest.raises(WireRefusal, match="entity declarations are not allowed"):
        parse(data)


def test_external_entity_is_refused_and_never_read():
    data = b"""<?xml version="1.0"?>
<!DOCTYPE nitf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<nitf><body><body.head><hedline><hl1>&xxe;</hl1></hedline></body.head></body></nitf>"""
    with pytest.raises(WireRefusal) as exc:
        parse(data)
    assert "root:" not in str(exc.value)


def test_undeclared_external_reference_is_left_as_text():
    data = nitf(head="Leak &xxe; test")
    story = parse(data)[0]
    assert "root:" not in story.headline
    assert "&xxe;" in story.headline
    assert any("undefined entities" in w for w in story.warnings)


def test_plain_doctype_with_system_id_parses_without_fetching():
    data = b'<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "http://example.invalid/nitf.dtd">\n'
    data += nitf()
    story = parse(data)[0]
    assert story.headline == "Headline"
    assert "DOCTYPE ignored (DTD not loaded)" in story.warnings


def test_oversize_input_is_refused():
    data = nitf(body="<p>" + "a" * (MAX_BYTES + 10) + "</p>")
    with pytest.raises(WireRefusal, match=r"over the 5 MB cap"):
        parse(data)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 5000])
def test_too_deep_nesting_is_refused(depth):
    body = "<p>" + "<b>" * depth + "x" + "</b>" * depth + "</p>"
    with pytest.raises(WireRefusal, match="nested deeper than"):
        parse(nitf(body=body))


def test_latin1_declared_and_latin1_bytes():
    data = NITF.format(head="Café", body="<p>Smörgåsbord</p>").encode("latin-1")
    story = parse(b'<?xml version="1.0" encoding="ISO-8859-1"?>' + data)[0]
    assert story.headline == "Café"
    assert "Smörgåsbord" in story.body_html


def test_mislabelled_latin1_that_is_really_utf8():
    data = b'<?xml version="1.0" encoding="iso-8859-1"?>' + nitf(head="København")
    story = parse(data)[0]
    assert story.headline == "København"
    assert any("bytes are UTF-8" in w for w in story.warnings)


def test_declared_utf8_with_latin1_bytes_is_repaired():
    data = b'<?xml version="1.0" encoding="utf-8"?>' + NITF.format(
        head="M\xfcller", body="<p>x</p>"
    ).encode("latin-1")
    story = parse(data)[0]
    assert story.headline == "Müller"


def test_utf8_bom_is_accepted():
    story = parse(b"\xef\xbb\xbf" + nitf(head="With BOM"))[0]
    assert story.headline == "With BOM"


def test_html_named_entities_inside_xml_are_mapped():
    story = parse(nitf(head="Caf&eacute;&nbsp;open", body="<p>a&mdash;b</p>"))[0]
    assert story.headline == "Café open"
    assert "a—b" in story.body_html


def test_text_escaped_twice_is_unescaped_once():
    story = parse(nitf(head="It&amp;#39;s here", body="<p>&amp;quot;Hi&amp;quot;</p>"))[
        0
    ]
    assert story.headline == "It's here"
    assert story.body_paragraphs() == ['"Hi"']


def test_control_characters_are_stripped():
    story = parse(nitf(head="Bad\x07bell", body="<p>ok\x1btext</p>"))[0]
    assert story.headline == "Badbell"
    assert "\x1b" not in story.body_html
    assert "control characters removed" in story.warnings


def test_script_and_event_handlers_are_stripped():
    body = (
        '<p onclick="steal()">Hi<script>alert(1)</script></p>'
        '<p><img src="x" onerror="alert(2)"/>pic</p><style>p{}</style>'
        '<p><a href="javascript:alert(3)">j</a> <a href="https://ok.example/">k</a></p>'
    )
    html = parse(nitf(body=body))[0].body_html
    for bad in ("script", "alert", "onclick", "onerror", "<img", "style", "javascript"):
        assert bad not in html
    assert 'href="https://ok.example/"' in html


def test_clean_html_keeps_allowlist_only():
    out = clean_html(
        '<h2>T</h2><div><iframe src="x"></iframe><em>e</em></div><h1>x</h1>'
    )
    assert out == "<h2>T</h2><em>e</em>x"


def test_wire_text_is_escaped_before_wrapping():
    assert paragraphs_to_html(["a <script>b</script> & c"]) == (
        "<p>a &lt;script&gt;b&lt;/script&gt; &amp; c</p>"
    )


def test_malformed_xml_is_refused_with_reason():
    with pytest.raises(WireRefusal, match="XML: not well-formed"):
        parse(b"<nitf><body></nitf>")


def test_parse_xml_never_loads_dtd_or_network():
    parsed = parse_xml(b'<!DOCTYPE a SYSTEM "http://127.0.0.1:9/x.dtd"><a>t</a>')
    assert parsed.root.text == "t"
