"""Feeds as the agency sent them: feedparser over our bytes, nh3 over its output,
each item standing alone. Fixtures written here from the RSS 2.0, RSS 1.0 (RDF)
and Atom (RFC 4287, plus Atom 0.3's base64 mode) specifications."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from masthead.wire.parsers import WireRefusal, WireStory, parse
from masthead.wire.parsers.common import derive_headline
from masthead.wire.parsers.feed import DERIVED_HEADLINE
from masthead.wire.parsers.safe_xml import MAX_BYTES, MAX_DEPTH

ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><title>Agency X</title>{}</feed>'
RSS = (
    '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Example News</title>'
    "<link>https://e.example/</link><description>d</description>{}</channel></rss>"
)


def atom(*entries: str) -> bytes:
    return ATOM.format("".join(entries)).encode("utf-8")


def rss(*items: str) -> bytes:
    return RSS.format("".join(items)).encode("utf-8")


def stories(data: bytes) -> list[WireStory]:
    out = parse(data)
    assert all(isinstance(s, WireStory) for s in out), out
    return out


def one(data: bytes) -> WireStory:
    (story,) = stories(data)
    return story


# 1. feedparser reads what our old parser could not, and never reaches out.


def test_rss_1_0_rdf_items_sit_beside_the_channel():
    data = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://r.example/"><title>RDF Wire</title>
<link>https://r.example/</link><description>d</description></channel>
<item rdf:about="https://r.example/1"><title>RDF story</title>
<link>https://r.example/1</link><description>Text one.</description>
<dc:creator>Mia Berg</dc:creator><dc:date>2024-01-02T03:04:05+02:00</dc:date></item>
</rdf:RDF>"""
    s = one(data)
    assert (s.format, s.headline, s.guid, s.source_url, s.byline) == (
        "rss",
        "RDF story",
        "https://r.example/1",
        "https://r.example/1",
        "Mia Berg",
    )
    assert s.first_created == datetime(2024, 1, 2, 1, 4, 5, tzinfo=UTC)
    assert s.body_html == "<p>Text one.</p>"


def test_a_feed_that_is_not_well_formed_is_read_leniently_with_a_warning():
    # An unclosed <b> in a title: the strict XML parser refused the whole feed.
    data = rss(
        "<item><title>Broken &amp; <b>bold</title><description>One.</description></item>",
        "<item><title>Fine</title><description>Two.</description></item>",
    )
    a, b = stories(data)
    assert (a.headline, b.headline) == ("Broken & bold", "Fine")
    assert any("not well-formed XML" in w and "read leniently" in w for w in a.warnings)


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.end_headers()
        self.wfile.write(b'<!ENTITY x "fetched">')

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    _Recorder.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", _Recorder.hits
    httpd.shutdown()
    httpd.server_close()


def test_parsing_never_fetches_anything(recorder):
    base, hits = recorder
    data = f"""<?xml version="1.0"?>
<?xml-stylesheet type="text/xsl" href="{base}/style.xsl"?>
<!DOCTYPE rss SYSTEM "{base}/rss.dtd">
<rss version="2.0" xml:base="{base}/base/"><channel><title>T</title>
<item><title>Local</title><link>rel/1</link>
<description>&lt;p&gt;&lt;img src="{base}/img.png"&gt;&lt;a href="x"&gt;a&lt;/a&gt;&lt;/p&gt;</description>
<enclosure url="{base}/a.mp3" type="audio/mpeg" length="1"/></item></channel></rss>""".encode()
    s = one(data)
    assert s.headline == "Local"
    assert "DOCTYPE ignored (DTD not loaded)" in s.warnings
    assert hits == []


def test_entity_declarations_in_a_feed_are_refused():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>T</title><item><title>&lol2;</title></item></channel></rss>"""
    with pytest.raises(WireRefusal, match="entity declarations are not allowed"):
        parse(bomb)
    xxe = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>T</title><item><title>&xxe;</title></item></channel></rss>"""
    with pytest.raises(WireRefusal) as exc:
        parse(xxe)
    assert "root:" not in str(exc.value)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 5000])
def test_deeply_nested_feed_content_is_refused(depth):
    xhtml = "<b>" * depth + "x" + "</b>" * depth
    data = atom(
        "<entry><id>d</id><title>Deep</title><content type='xhtml'>"
        f"<div xmlns='http://www.w3.org/1999/xhtml'>{xhtml}</div></content></entry>"
    )
    with pytest.raises(WireRefusal, match="nested deeper than"):
        parse(data)


def test_oversize_feed_is_refused():
    data = rss(
        f"<item><title>Big</title><description>{'a' * MAX_BYTES}</description></item>"
    )
    with pytest.raises(WireRefusal, match="over the 5 MB cap"):
        parse(data)


# 2. Titles come out as plain text, bodies as sanitised HTML.


def test_rss_title_markup_is_stripped_never_shown():
    title = (
        "&lt;em&gt;Storm&lt;/em&gt; hits &lt;b onclick=&quot;steal()&quot;&gt;coast"
        "&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; port"
    )
    s = one(rss(f"<item><title>{title}</title><description>B.</description></item>"))
    assert s.headline == "Storm hits coast & port"


def test_title_escaped_twice_still_shows_no_tags():
    title = "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;&amp;lt;em&amp;gt;Quake&amp;lt;/em&amp;gt; x &lt; y"
    s = one(rss(f"<item><title>{title}</title><description>B.</description></item>"))
    assert s.headline == "Quake x < y"


def test_atom_html_and_xhtml_titles_and_content_are_decoded():
    data = atom(
        "<entry><id>e1</id><title type='html'>&lt;em&gt;Rates&lt;/em&gt; rise&lt;br/&gt;&amp;amp; fall</title>"
        "<content type='html'>&lt;p onclick='x()'&gt;One&lt;/p&gt;&lt;script&gt;bad()&lt;/script&gt;</content></entry>",
        "<entry><id>e2</id><title type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>"
        "Tom <em>&amp;</em> Jerry</div></title><content type='xhtml'>"
        "<div xmlns='http://www.w3.org/1999/xhtml'><p>Two <em>words</em></p>"
        "<script>bad()</script></div></content></entry>",
        "<entry><id>e3</id><title type='text'>R&amp;D &lt;em&gt;spend&lt;/em&gt;</title>"
        "<content type='text'>Line one.\n\nLine two &lt; three.</content></entry>",
    )
    a, b, c = stories(data)
    assert a.headline == "Rates rise & fall" and a.body_html == "<p>One</p>"
    assert b.headline == "Tom & Jerry" and b.body_html == "<p>Two <em>words</em></p>"
    assert c.headline == "R&D spend"
    assert c.body_html == "<p>Line one.</p><p>Line two &lt; three.</p>"


def test_atom_0_3_base64_title_and_content_are_decoded():
    data = b"""<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
<entry><id>b64</id><title mode="base64" type="text/html">PGVtPkJhc2U8L2VtPiBzaXh0eS1mb3Vy</title>
<content mode="base64" type="text/html">PHA+Qm9keSA8Yj50ZXh0PC9iPjwvcD4=</content>
<issued>2024-01-02T03:04:05Z</issued></entry></feed>"""
    s = one(data)
    assert s.headline == "Base sixty-four"
    assert s.body_html == "<p>Body <b>text</b></p>"
    assert s.first_created == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_body_escaped_twice_is_html_not_literal_tags():
    desc = "&amp;lt;p&amp;gt;First.&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;Second.&amp;lt;/p&amp;gt;"
    s = one(rss(f"<item><title>T</title><description>{desc}</description></item>"))
    assert s.body_paragraphs() == ["First.", "Second."]
    assert "&lt;" not in s.body_html


# 3. Each item stands or falls alone.


def test_item_without_title_gets_a_headline_from_its_body():
    body = "&lt;p&gt;LONDON (Reuters) - Ships moved again on Tuesday. Crews cleared debris.&lt;/p&gt;"
    a, b = stories(
        rss(
            f"<item><guid>n1</guid><description>{body}</description></item>",
            "<item><guid>n2</guid><title>Titled</title><description>X.</description></item>",
        )
    )
    assert a.headline == "Ships moved again on Tuesday"
    assert DERIVED_HEADLINE in a.warnings
    assert a.body_paragraphs() == [
        "LONDON (Reuters) - Ships moved again on Tuesday. Crews cleared debris."
    ]
    assert DERIVED_HEADLINE not in b.warnings


def test_one_empty_item_is_refused_alone_at_its_position():
    out = parse(
        rss(
            "<item><guid>1</guid><title>First</title><description>A.</description></item>",
            "<item><guid>2</guid><link>https://e.example/2</link></item>",
            "<item><guid>3</guid><title>Third</title></item>",
        )
    )
    assert [type(o).__name__ for o in out] == ["WireStory", "WireRefusal", "WireStory"]
    assert out[1].reason == "rss: item 2 has no title and no body"
    assert out[0].headline == "First" and out[2].headline == "Third"
    assert "rss: entry has no content" in out[2].warnings


def test_a_feed_with_no_publishable_item_is_refused_whole():
    with pytest.raises(WireRefusal, match="none of the 2 items can be published"):
        parse(
            rss(
                "<item><guid>1</guid></item>",
                "<item><guid>2</guid><title> </title></item>",
            )
        )
    with pytest.raises(WireRefusal, match="feed has no entries"):
        parse(atom())


def test_derive_headline_first_sentence_without_dateline_or_note():
    assert derive_headline(
        "<p>(Adds comments)</p><p>Mr. Lee met Dr. Ngo. Then left.</p>"
    ) == ("Mr. Lee met Dr. Ngo")
    assert derive_headline('<p>He said "no." Talks end.</p>') == 'He said "no."'
    assert derive_headline("<p>Is it over? Not yet.</p>") == "Is it over?"
    assert derive_headline("<p>  </p>") == ""


def test_derive_headline_trims_at_a_word_near_120_chars():
    sentence = " ".join(["word"] * 40) + "."
    head = derive_headline(f"<p>{sentence}</p>")
    assert head.endswith("…") and len(head) <= 121
    assert head[:-1].split() == ["word"] * len(head[:-1].split())


# 4. Dates in UTC, guid/link, author, credits.


@pytest.mark.parametrize(
    ("raw", "expected", "warned"),
    [
        ("Tue, 02 Jan 2024 10:00:00 +0100", datetime(2024, 1, 2, 9, tzinfo=UTC), False),
        (
            "Tue, 02 Jan 2024 10:00:00 +01:00",
            datetime(2024, 1, 2, 9, tzinfo=UTC),
            False,
        ),
        ("Tue, 02 Jan 2024 10:00:00 EST", datetime(2024, 1, 2, 15, tzinfo=UTC), False),
        ("2024/01/02 10:00:00 +0100", datetime(2024, 1, 2, 9, tzinfo=UTC), False),
        ("Tue, 02 Jan 2024 10:00:00", datetime(2024, 1, 2, 10, tzinfo=UTC), True),
        ("02 Jan 2024", datetime(2024, 1, 2, tzinfo=UTC), True),
        ("2024-W01-2", None, True),
    ],
)
def test_rss_dates_come_out_in_utc(raw, expected, warned):
    s = one(
        rss(
            f"<item><title>T</title><description>B.</description><pubDate>{raw}</pubDate></item>"
        )
    )
    assert s.first_created == expected and s.version_created == expected
    assert any(raw in w for w in s.warnings) is warned


def test_atom_links_dates_and_authors():
    data = atom(
        "<entry><id>urn:x:1</id><title>Head</title>"
        "<link rel='enclosure' href='https://e.example/a.mp3'/>"
        "<link rel='alternate' href='https://e.example/story'/>"
        "<author><name>By Lee Park</name></author>"
        "<published>2024-01-02T10:00:00+01:00</published>"
        "<updated>2024-01-03T00:00:00-05:00</updated>"
        "<summary>Short.</summary><content type='html'>&lt;p&gt;Long.&lt;/p&gt;</content></entry>"
    )
    s = one(data)
    assert (s.guid, s.source_url, s.byline, s.lead) == (
        "urn:x:1",
        "https://e.example/story",
        "Lee Park",
        "Short.",
    )
    assert s.first_created == datetime(2024, 1, 2, 9, tzinfo=UTC)
    assert s.version_created == datetime(2024, 1, 3, 5, tzinfo=UTC)


def test_rss_author_guid_link_and_picture_credit():
    a, b = stories(
        rss(
            "<item><title>A</title><guid isPermaLink='false'>tag:1</guid>"
            "<author>desk@e.example (Ana Lima)</author><description>B.</description>"
            "<media:content url='https://e.example/p.jpg'>"
            "<media:credit role='photographer'>Jo Foto/Example</media:credit></media:content></item>",
            "<item><title>B</title><link>https://e.example/b</link>"
            "<author>desk@e.example</author><description>B.</description></item>",
        )
    )
    assert (a.guid, a.source_url, a.byline, a.picture_credit) == (
        "tag:1",
        "",
        "Ana Lima",
        "Jo Foto/Example",
    )
    assert (b.guid, b.source_url, b.byline) == (
        "https://e.example/b",
        "https://e.example/b",
        "",
    )


def test_relative_links_are_made_absolute_without_fetching(recorder):
    base, hits = recorder
    data = rss(
        f"<item><title>T</title><link>{base}/news/1</link><description>"
        "&lt;p&gt;&lt;a href=&quot;../sport/2?a=1&amp;amp;b=2&quot;&gt;rel&lt;/a&gt; "
        "&lt;a href=&quot;#top&quot;&gt;anchor&lt;/a&gt; "
        "&lt;a href=&quot;https://other.example/x&quot;&gt;abs&lt;/a&gt;&lt;/p&gt;"
        "</description></item>"
    )
    s = one(data)
    assert f'href="{base}/sport/2?a=1&amp;b=2"' in s.body_html
    assert 'href="#top"' in s.body_html
    assert 'href="https://other.example/x"' in s.body_html
    assert hits == []


def test_plain_text_title_that_decodes_to_markup_shows_no_tags():
    # CDATA is literal text; the agency escaped its markup once more inside it.
    data = atom(
        "<entry><id>c1</id><title type='text'><![CDATA[Flood &lt;b onclick=\"x()\"&gt;warning"
        "&lt;/b&gt; lifted]]></title><content type='text'>Body.</content></entry>",
        "<entry><id>c2</id><content type='html'>&lt;p&gt;&amp;lt;em&amp;gt;Gale&amp;lt;/em&amp;gt; "
        "ends. Then calm.&lt;/p&gt;</content></entry>",
    )
    a, b = stories(data)
    assert a.headline == "Flood warning lifted"
    assert b.headline == "Gale ends" and DERIVED_HEADLINE in b.warnings
    assert b.body_html == "<p><em>Gale</em> ends. Then calm.</p>"


def test_tags_escaped_inside_an_html_body_are_not_shown_as_text():
    desc = (
        "&lt;p&gt;&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;Calm "
        "&amp;lt;b onclick=&amp;quot;x()&amp;quot;&amp;gt;seas&amp;lt;/b&amp;gt; &amp;amp; 3 &amp;lt; 4&lt;/p&gt;"
    )
    s = one(rss(f"<item><title>T</title><description>{desc}</description></item>"))
    assert s.body_html == "<p>Calm <b>seas</b> &amp; 3 &lt; 4</p>"


def test_a_feed_too_broken_for_the_lenient_reader_is_refused_with_a_reason():
    # An end tag inside a never-closed Media RSS credit trips feedparser's
    # lenient reader; the file is refused, never an unhandled error.
    data = rss(
        "<item><title>A</title><description>x&amp;;</description>"
        "<media:content url='u'><media:credit>C</item></media:credit></media:content></item>"
    )
    with pytest.raises(WireRefusal, match="too badly broken to read"):
        parse(data)


def test_links_that_cannot_be_parsed_are_left_alone():
    data = rss(
        "<item><title>T</title><link>https://e.example/1</link><description>"
        "&lt;p&gt;&lt;a href=&quot;http://[bad/x&quot;&gt;a&lt;/a&gt; "
        "&lt;a href=&quot;[x]/y&quot;&gt;b&lt;/a&gt;&lt;/p&gt;</description></item>"
    )
    assert one(data).body_paragraphs() == ["a b"]


def test_feed_bytes_are_decoded_by_our_rules_before_feedparser():
    # UTF-16 with a byte-order mark, and a feed that says ISO-8859-1 but
    # sends UTF-8: feedparser is handed our decoding, as UTF-8.
    body = "<item><title>Zoë in Köln</title><description>Café</description></item>"
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?>' + RSS.format(body)).encode(
        "utf-16"
    )
    s = one(utf16)
    assert (s.headline, s.body_html) == ("Zoë in Köln", "<p>Café</p>")
    mislabelled = b'<?xml version="1.0" encoding="ISO-8859-1"?>' + rss(body)
    s = one(mislabelled)
    assert s.headline == "Zoë in Köln"
