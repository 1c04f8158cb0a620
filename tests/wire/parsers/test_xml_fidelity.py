"""Issue 11, XML agency formats (NewsML-G2, NITF, NewsML 1.2): bylines that
are logins, outlets and picture credits; paragraphs, tables, agate and
escaped HTML in bodies; headlines derived from the body.

Fixtures are ours, written from the IPTC specifications (fixtures/*fidelity*,
nitf_escaped.xml); tests fill their __PLACEHOLDERS__ for each case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from masthead.wire.parsers import WireRefusal, parse
from masthead.wire.parsers.common import clean_byline
from masthead.wire.parsers.sanitize import clean_html

FIXTURES = Path(__file__).parent / "fixtures"
RESULTS_HEADLINE = "<headline>Rovers go top</headline>"


def _read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def g2_item(creator: str = "", headline: str = RESULTS_HEADLINE) -> bytes:
    text = _read("g2_fidelity_item.xml")
    return (
        text.replace("__CREATOR__", creator).replace("__HEADLINE__", headline).encode()
    )


def newsml12(
    byline: str = "Jane Doe",
    body: str = "RIVERTON - The ferry stops.",
    headline: str = "<HeadLine>Ferry to stop</HeadLine>",
) -> bytes:
    text = _read("newsml12_fidelity.xml")
    for key, value in (
        ("__HEADLINE__", headline),
        ("__BYLINE__", byline),
        ("__BODY__", body),
    ):
        text = text.replace(key, value)
    return text.encode()


def one(data: bytes):
    stories = parse(data)
    assert len(stories) == 1
    return stories[0]


# --- 1. Bylines ------------------------------------------------------------


@pytest.mark.parametrize(
    "creator",
    [
        '<creator qcode="nprov:jdoe"><name>jdoe</name></creator>',
        '<creator qcode="mycode:123"/>',
        '<creator literal="jdoe@valleywire.example"/>',
        '<creator uri="https://staff.valleywire.example/jdoe"/>',
        "<by>degenhardt.sandra</by>",
    ],
)
def test_g2_creator_that_is_only_a_login_or_code_is_never_the_byline(creator):
    story = one(g2_item(creator))
    assert story.byline == ""
    assert any("login or code" in w for w in story.warnings), story.warnings


@pytest.mark.parametrize(
    "creator",
    [
        '<creator qcode="nprov:jdoe"><name>Jane Doe</name></creator>',
        '<by>jdoe</by><creator qcode="nprov:jdoe"><name>Jane Doe</name></creator>',
    ],
)
def test_g2_login_falls_back_to_the_creators_name(creator):
    assert one(g2_item(creator)).byline == "Jane Doe"


def test_nitf_and_newsml12_logins_are_not_bylines():
    nitf = parse((FIXTURES / "nitf_escaped.xml").read_bytes())[0]
    assert nitf.byline == ""
    assert "byline 'jdoe' looks like a login or code; not used" in nitf.warnings
    for code in ("mycode:123", "nprov:xyz", "jdoe"):
        story = one(newsml12(byline=code))
        assert story.byline == "" and any("login" in w for w in story.warnings)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe, The Valley Times", "Jane Doe, The Valley Times"),
        ("jdoe", ""),
        ("nprov:xyz", ""),
        ("gr/bp", ""),
        ("j.doe@valleywire.example", ""),
        ("urn:valleywire:staff:17", ""),
        ("X01390", ""),
        ("dpa", "dpa"),  # an agency that writes its name in lower case
        ("VRG", "VRG"),  # initials a reader can credit
        ("Reuters", "Reuters"),
        ("张伟", "张伟"),  # an uncased script is not "lower case"
    ],
)
def test_clean_byline_refuses_logins_and_keeps_names(raw, expected):
    assert clean_byline(raw) == expected


def test_byline_keeps_the_writers_outlet_after_a_comma():
    g2 = parse((FIXTURES / "g2_fidelity_message.xml").read_bytes())[0]
    assert g2.byline == "Jane Doe, The Valley Times"
    nitf = one((FIXTURES / "nitf_fidelity.xml").read_bytes())
    # <person> and the text after it; the job title (<byttl>) is not printed.
    assert nitf.byline == "Jane Doe, The Valley Times"
    assert one(newsml12(byline="By Jane Doe, The Valley Times")).byline == (
        "Jane Doe, The Valley Times"
    )


def test_g2_picture_credit_from_picture_item_and_lent_to_its_story():
    text, picture = parse((FIXTURES / "g2_fidelity_message.xml").read_bytes())
    assert (picture.kind, picture.picture_credit) == ("picture", "Sam Roe/Valley Wire")
    assert picture.byline == "Sam Roe"
    assert text.kind == "text" and text.picture_credit == "Sam Roe/Valley Wire"
    # The photographer's credit never becomes the writer's byline.
    assert "Sam Roe" not in text.byline


def test_g2_photographer_creator_in_a_text_item_credits_the_picture():
    story = one(
        g2_item(
            '<creator role="crole:photographer"><name>Sam Roe</name></creator>'
            "<creator><name>Jane Doe</name></creator>"
        )
    )
    assert (story.byline, story.picture_credit) == ("Jane Doe", "Sam Roe")


def test_nitf_picture_credit_from_media_producer_or_caption():
    text = _read("nitf_fidelity.xml")
    assert one(text.encode()).picture_credit == "Sam Roe/Valley Wire"
    no_producer = text.replace(
        "<media-producer>Sam Roe/Valley Wire</media-producer>", ""
    )
    story = one(no_producer.encode())
    assert story.picture_credit == "Valley Wire Photo/Sam Roe"
    # The caption is picture furniture, not body copy.
    assert "celebrate" not in story.body_html


def test_newsml12_picture_credit_from_the_photo_component():
    story = one(newsml12())
    assert story.picture_credit == "Sam Roe/Valley Wire"
    assert story.byline == "Jane Doe"


# --- 2. Body structure -----------------------------------------------------


def test_g2_plain_text_note_and_paragraphs_never_merge():
    story = parse((FIXTURES / "g2_fidelity_message.xml").read_bytes())[0]
    paras = story.body_paragraphs()
    assert paras[0] == "(Adds comments from the mayor, detail on costs)"
    assert paras[1].startswith("RIVERTON, March 2 (Valley Wire) - Councillors")
    assert len(paras) == 4
    assert max(len(p) for p in paras) < 200
    # The standfirst is the summary's first paragraph, not all of it.
    assert story.lead == "Councillors put off the bridge vote by a week."


def test_nitf_abstract_lead_is_its_first_paragraph_not_the_note():
    story = one((FIXTURES / "nitf_fidelity.xml").read_bytes())
    assert story.lead == "Riverton Rovers went top of the league with a 3-1 win."
    assert story.body_paragraphs()[0] == "(Adds standings)"


def test_newsml12_text_paragraphs_marked_by_indents_stay_apart():
    body = (
        "(Adds quotes)\n    RIVERTON - The ferry stops on Friday.\n"
        "    It ran for 90 years."
    )
    paras = one(newsml12(body=body)).body_paragraphs()
    assert paras == [
        "(Adds quotes)",
        "RIVERTON - The ferry stops on Friday.",
        "It ran for 90 years.",
    ]


AGATE = "<pre>Team          P  W  D  L  Pts\nRiverton     10  7  2  1   23\n"


@pytest.mark.parametrize(
    ("data", "subhead"),
    [
        (g2_item(), "<h2>Results</h2>"),
        ((FIXTURES / "nitf_fidelity.xml").read_bytes(), "<h3>Results</h3>"),
    ],
    ids=["newsml-g2", "nitf"],
)
def test_tables_agate_and_subheads_are_kept(data, subhead):
    html = one(data).body_html
    assert subhead in html
    assert "<th>Home</th><th>Score</th><th>Away</th>" in html
    assert "<tr><td>Riverton Rovers</td><td>3-1</td><td>Hillside</td></tr>" in html
    assert '<td colspan="3">Postponed: Oakham v Dunford</td>' in html
    assert "onclick" not in html and "steal" not in html
    assert AGATE in html
    assert html.endswith("</pre><p>Rovers play Lakeside next week.</p>")


def test_escaped_html_in_nitf_body_is_markup_once_and_sanitised():
    story = one((FIXTURES / "nitf_escaped.xml").read_bytes())
    html = story.body_html
    assert "&lt;" not in html and "<P>" not in html
    assert "alert" not in html and "<script" not in html
    assert html.startswith("<p>(Adds quotes)</p><p>RIVERTON, March 2")
    assert "said skipper <b>Tom Ash</b>.</p>" in html
    assert len(story.body_paragraphs()) == 3


def test_escaped_html_in_newsml12_text_and_inside_an_element():
    body = "&lt;p&gt;RIVERTON - The ferry stops.&lt;/p&gt;&lt;p&gt;It ran 90 years.&lt;/p&gt;"
    story = one(newsml12(body=body))
    assert (
        story.body_html == "<p>RIVERTON - The ferry stops.</p><p>It ran 90 years.</p>"
    )
    inner = (
        "<p>&lt;B&gt;RIVERTON&lt;/B&gt; - The ferry stops.</p><p>It ran 90 years.</p>"
    )
    nested = one(newsml12(body=inner))
    assert nested.body_html.startswith("<p><b>RIVERTON</b> - The ferry stops.</p>")


def test_sanitiser_allows_structure_and_nothing_unsafe():
    dirty = (
        '<h2 style="x">A</h2><h3>B</h3><h4>C</h4><pre onclick="x()">a  b\n c</pre>'
        '<table border="1"><thead><tr><th scope="col">H</th></tr></thead>'
        '<tbody><tr><td rowspan="2" onmouseover="x()">1</td></tr></tbody></table>'
        '<iframe src="https://evil.example"></iframe><img src=x onerror="x()">'
        '<a href="javascript:alert(1)">j</a><style>p{}</style><script>x()</script>'
    )
    assert clean_html(dirty) == (
        "<h2>A</h2><h3>B</h3><h4>C</h4><pre>a  b\n c</pre>"
        '<table><thead><tr><th scope="col">H</th></tr></thead>'
        '<tbody><tr><td rowspan="2">1</td></tr></tbody></table>'
        '<a rel="noopener noreferrer">j</a>'
    )


# --- 3. Headlines ----------------------------------------------------------


def test_g2_item_without_headline_takes_one_from_its_body():
    story = one(g2_item(headline=""))
    assert story.headline == (
        "Riverton Rovers beat Hillside 3-1 on Saturday to go top of the league"
    )
    assert "headline derived from the body" in story.warnings


def test_nitf_and_newsml12_without_headline_take_one_from_the_body():
    nitf = one((FIXTURES / "nitf_escaped.xml").read_bytes())
    assert nitf.headline == (
        "The river ferry will stop running on Friday after 90 years, "
        "its owners said on Monday"
    )
    assert "headline derived from the body" in nitf.warnings
    long_sentence = "RIVERTON - " + "The ferry and its crew " * 12 + "stop."
    story = one(newsml12(headline="", body=long_sentence))
    assert "headline derived from the body" in story.warnings
    assert story.headline.endswith("…") and len(story.headline) <= 121
    assert story.headline.startswith("The ferry and its crew")
    # Cut at a word boundary: what follows the cut in the body is a space.
    cut = story.headline[:-1]
    at = long_sentence.index(cut) + len(cut)
    assert long_sentence[at] == " "


def test_no_headline_and_no_body_is_refused():
    g2 = g2_item(headline="")
    start, end = g2.index(b"<contentSet>"), g2.index(b"</contentSet>")
    with pytest.raises(WireRefusal, match="no headline"):
        parse(g2[:start] + g2[end + len(b"</contentSet>") :])
    nitf = _read("nitf_escaped.xml")
    start, end = nitf.index("<body.content>"), nitf.index("</body.content>")
    with pytest.raises(WireRefusal, match="no headline"):
        parse((nitf[:start] + nitf[end + len("</body.content>") :]).encode())
    with pytest.raises(WireRefusal, match="no HeadLine and no body"):
        parse(newsml12(headline="", body=""))
