"""One small self-written fixture per format, checked field by field."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from masthead.wire.parsers import WireRefusal, WireStory, parse
from masthead.wire.parsers import ninjs as ninjs_parser

FIX = Path(__file__).parent / "fixtures"


def one(data: bytes) -> WireStory:
    stories = parse(data)
    assert len(stories) == 1
    return stories[0]


def test_g2_without_namespace():
    s = one((FIX / "g2_no_ns.xml").read_bytes())
    assert (s.format, s.guid, s.version) == (
        "newsml-g2",
        "urn:newsml:example.org:20240102:abc",
        "3",
    )
    assert s.headline == "Harbour reopens after storm"
    assert s.lead == "The port is open again."
    assert s.byline == "Ana Lima"
    assert s.first_created == datetime(2024, 1, 2, 9, 0, tzinfo=UTC)
    assert s.version_created == datetime(2024, 1, 2, 8, 30, tzinfo=UTC)
    assert s.embargo_until == datetime(2024, 1, 3, tzinfo=UTC)
    assert s.urgency == 2 and s.signals == {"correction"}
    assert s.subjects == ("economy",) and s.dateline == "LISBON" and s.language == "en"
    assert s.body_paragraphs() == [
        "Ships moved again on Tuesday.",
        "Crews cleared debris.",
    ]
    assert "onclick" not in s.body_html


def test_g2_with_namespace_in_message_gives_same_story():
    raw = (FIX / "g2_no_ns.xml").read_text()
    item = raw.split("?>", 1)[1].replace(
        "<newsItem ", '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" ', 1
    )
    msg = f'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>{item}</itemSet></newsMessage>'
    s = one(msg.encode())
    plain = one((FIX / "g2_no_ns.xml").read_bytes())
    assert (s.guid, s.headline, s.body_html) == (
        plain.guid,
        plain.headline,
        plain.body_html,
    )


def test_g2_concept_item_is_refused_with_reason():
    data = b'<conceptItem guid="c1" version="1"><itemMeta/></conceptItem>'
    with pytest.raises(WireRefusal, match="concept item"):
        parse(data)


def test_g2_canceled_and_huge_version_string():
    raw = (FIX / "g2_no_ns.xml").read_text()
    raw = raw.replace('version="3"', 'version="1542761538"').replace(
        "stat:usable", "stat:canceled"
    )
    s = one(raw.encode())
    assert s.version == "1542761538" and "cancel" in s.signals


def test_nitf_minimal():
    s = one((FIX / "nitf_min.xml").read_bytes())
    assert s.format == "nitf" and s.guid == "AFP-123" and s.version == "2"
    assert (
        s.headline == "Marché ouvert"
        and s.byline == "Jean Dupont"
        and s.dateline == "PARIS"
    )
    assert s.provider == "AFP" and s.urgency == 3 and s.language == "fr-FR"
    assert s.first_created == datetime(2024, 1, 5, 7, 15, tzinfo=UTC)
    assert s.lead == "Short summary."
    assert s.body_paragraphs() == ["Premier paragraphe.", "Deuxième paragraphe lien."]
    assert "javascript" not in s.body_html


def test_newsml12_minimal():
    data = b"""<NewsML Version="1.2"><NewsItem xml:lang="en"><Identification><NewsIdentifier>
<ProviderId>afp.com</ProviderId><DateId>20240101</DateId><NewsItemId>X1</NewsItemId>
<RevisionId PreviousRevision="1" Update="U">2</RevisionId></NewsIdentifier></Identification>
<NewsManagement><FirstCreated>20240101T100000+0000</FirstCreated><Status FormalName="Usable"/>
<Urgency FormalName="3"/></NewsManagement><NewsComponent><NewsLines><HeadLine>Head</HeadLine>
<ByLine>By Kim</ByLine><DateLine>OSLO, Jan 1 (AFP) -</DateLine></NewsLines>
<ContentItem><MediaType FormalName="Text"/><DataContent><nitf><body><body.content>
<p>One.</p><p>Two.</p></body.content></body></nitf></DataContent></ContentItem>
</NewsComponent></NewsItem></NewsML>"""
    s = one(data)
    assert (s.format, s.guid, s.version, s.provider) == (
        "newsml-1.2",
        "afp.com:20240101:X1",
        "2",
        "AFP",
    )
    assert (
        s.byline == "Kim"
        and s.dateline == "OSLO, Jan 1 (AFP)"
        and "update" in s.signals
    )
    assert s.first_created == datetime(2024, 1, 1, 10, tzinfo=UTC)
    assert s.body_paragraphs() == ["One.", "Two."]


def test_iptc7901_latin1_and_escaping():
    data = (
        "\x01abc012 3 i 120 ccccb   dpa 012\r\n\r\nTopic/Sub/\r\n\x021ST LEAD\r\n"
        "M\u00fcller <b> wins =\r\nBy Eva Roth, dpa =\r\n\r\n"
        "   Bonn (dpa) - First <para> & line\r\ncontinues.\r\n\r\n   Second.\r\n\r\n"
        "dpa ab cd\r\n\x03101200 GMT Jan 10\r\n"
    ).encode("latin-1")
    s = one(data)
    assert s.format == "iptc7901" and s.guid is None
    assert s.headline == "Müller <b> wins" and s.byline == "Eva Roth, dpa"
    assert s.provider == "dpa" and s.dateline == "Bonn" and s.urgency == 3
    assert "update" in s.signals and s.subjects == ("Topic", "Sub")
    assert (
        s.body_html
        == "<p>Bonn (dpa) - First &lt;para&gt; &amp; line continues.</p><p>Second.</p>"
    )
    assert len(s.content_key) == 64


def test_anpa1312_minimal():
    data = (
        b"\x16\x16\x01A1234\x1fwire\nb a\x13\x11 BC-US--Test 1stLd-Writethru   01-02 0100\n"
        b"\x02^BC-US--Test, 1st Ld-Writethru,100<\n^Test headline here<\n^Eds: Corrects name.<\n"
        b"^By JO SMITH=\n^Associated Press=\n\t   DENVER (AP) _ First para.<\n\t   Second para.<\n"
        b"\t   \x03AP-WF-01-02-16 1405GMT<\n\x0c\n\x04"
    )
    s = one(data)
    assert s.format == "anpa1312" and s.headline == "Test headline here"
    assert s.byline == "JO SMITH" and s.dateline == "DENVER" and s.provider == "AP"
    assert s.urgency == 2 and s.signals == {"update", "correction"}
    assert s.first_created == datetime(2016, 1, 2, 14, 5, tzinfo=UTC)
    assert s.body_paragraphs() == ["DENVER (AP) \u2014 First para.", "Second para."]


def test_rss_two_items():
    data = b"""<rss version="2.0"><channel><title>Example News</title>
<item><title>First</title><link>https://e.example/1</link><guid>g1</guid>
<pubDate>Tue, 02 Jan 2024 10:00:00 +0100</pubDate><description>&lt;p&gt;Body one&lt;/p&gt;&lt;script&gt;x&lt;/script&gt;</description></item>
<item><title>Second</title><guid>g2</guid><description>Plain second</description></item>
</channel></rss>"""
    a, b = parse(data)
    assert (a.format, a.guid, a.headline, a.source_url) == (
        "rss",
        "g1",
        "First",
        "https://e.example/1",
    )
    assert a.first_created == datetime(2024, 1, 2, 9, tzinfo=UTC)
    assert a.body_html == "<p>Body one</p>"
    assert b.body_html == "<p>Plain second</p>" and b.guid == "g2"


def test_atom_entry():
    data = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Agency X</title>
<entry><id>urn:x:1</id><title>Atom head</title><updated>2024-01-02T03:04:05Z</updated>
<author><name>Lee Park</name></author><content type="html">&lt;p&gt;Atom body&lt;/p&gt;</content>
<link href="https://e.example/a"/></entry></feed>"""
    s = one(data)
    assert (s.format, s.guid, s.byline, s.source_url) == (
        "atom",
        "urn:x:1",
        "Lee Park",
        "https://e.example/a",
    )
    assert s.body_html == "<p>Atom body</p>"
    assert s.version_created == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_html_page_pure_extraction():
    page = b"""<!DOCTYPE html><html lang="en"><head><title>Storm hits coast</title>
<meta name="author" content="Jane Roe"><meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2024-03-01T10:00:00+01:00"></head>
<body><nav>Home | World</nav><article><h1>Storm hits coast</h1>
<p>A large storm struck the coast on Friday, officials said, cutting power to many homes.</p>
<p>Emergency crews worked through the night to restore electricity and clear the roads.</p>
<script>alert(1)</script></article><footer>Copyright footer text</footer></body></html>"""
    s = one(page)
    assert (
        s.format == "html"
        and s.headline == "Storm hits coast"
        and s.byline == "Jane Roe"
    )
    assert any("crews worked" in p for p in s.body_paragraphs())
    assert "alert" not in s.body_html and "Copyright footer" not in s.body_html


PAGE = """Menu
Home
Sport / Football

City win the derby at last

Example Agency
 18:05 UTC+2, 2024-04-07   12
City beat United 2-1 in a tense derby on Sunday.

City beat United 2-1 in a tense derby on Sunday.

The winner came in the 89th minute.

Fans celebrated into the night.

Source: Example Agency   Editor: Sam Lee

Footer
About us
"""


def test_page_text_general_shape():
    s = one(PAGE.encode())
    assert s.format == "page-text" and s.headline == "City win the derby at last"
    assert s.lead == "City beat United 2-1 in a tense derby on Sunday."
    assert s.body_paragraphs() == [
        "The winner came in the 89th minute.",
        "Fans celebrated into the night.",
    ]
    assert s.first_created == datetime(2024, 4, 7, 16, 5, tzinfo=UTC)
    assert (s.editor, s.section_hint, s.source) == (
        "Sam Lee",
        "Sport / Football",
        "Example Agency",
    )


@pytest.mark.parametrize(
    ("doc", "expect"),
    [
        (
            {"uri": "u1", "headline": "H", "body_html": "<p>B</p>", "version": "7"},
            ("H", "7"),
        ),
        (
            {
                "uri": "u2",
                "headlines": [{"role": "main", "value": "H2"}],
                "bodies": [
                    {"role": "main", "contenttype": "text/plain", "value": "a<b"}
                ],
            },
            ("H2", None),
        ),
        (
            {
                "uri": "u3",
                "type": "event",
                "title": "Event T",
                "eventDetails": {"dates": {"startDate": "2024-01-01T10:00:00Z"}},
            },
            ("Event T", None),
        ),
    ],
)
def test_ninjs_versions(doc, expect):
    s = one(json.dumps(doc).encode())
    assert (s.headline, s.version) == expect
    if doc["uri"] == "u2":
        assert s.body_html == "<p>a&lt;b</p>"


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        ({}, "'uri' is required"),
        ({"uri": "x", "version": 1.5}, "'version' must be a string"),
        ({"uri": "x", "pubstatus": "cancelled"}, "pubstatus"),
        ({"uri": "x", "urgency": 0.5}, "urgency"),
        ({"uri": "x", "person": "Someone"}, "'person' must be an array"),
        (
            {"uri": "x", "rightsinfo": {"linkedrights": "a", "encodedrights": "b"}},
            "exactly one",
        ),
    ],
)
def test_ninjs_refusals(doc, reason):
    with pytest.raises(WireRefusal, match=reason):
        parse(json.dumps(doc).encode())


def test_ninjs_version_hint_applies_older_rules():
    doc = json.dumps({"uri": "x", "type": "component"}).encode()
    assert parse(doc)
    with pytest.raises(WireRefusal, match="component"):
        ninjs_parser.parse(doc, version_hint="1.0")


def test_ninjs_integer_version_kept_as_string():
    doc = {
        "data": {"item": {"uri": "x", "version": 12345678901234567890, "headline": "H"}}
    }
    assert one(json.dumps(doc).encode()).version == "12345678901234567890"


def test_no_zone_date_is_utc_with_warning():
    s = one(json.dumps({"uri": "x", "versioncreated": "2024-01-01T12:00:00"}).encode())
    assert s.version_created == datetime(2024, 1, 1, 12, tzinfo=UTC)
    assert any("no zone" in w for w in s.warnings)


def test_story_invariants():
    with pytest.raises(ValueError):
        WireStory(format="nope", headline="h", body_html="")
    s = WireStory(format="nitf", headline="A  b", body_html="<p>x</p>")
    assert (
        s.content_key
        == WireStory(format="ninjs", headline="a b", body_html="<p> x </p>").content_key
    )
