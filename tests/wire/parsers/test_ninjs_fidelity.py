"""ninjs as the desk needs it: refuse only what cannot be published (no headline
and no body); unknown properties kept with a warning; a headline derived from
the body when none is sent; logins and codes never printed as bylines."""

from __future__ import annotations

import json

import pytest

from masthead.wire.parsers import WireRefusal, parse
from masthead.wire.parsers import ninjs as ninjs_parser

BODY = (
    "<p>(Adds minister's comments)</p>"
    "<p>BERLIN (dpa) - Germany's parliament approved the budget on Friday after "
    "a night of talks. The vote was 380 to 290.</p><p>Second paragraph.</p>"
)

HEADLINE = "Germany's parliament approved the budget on Friday after a night of talks"


def one(doc: dict):
    stories = parse(json.dumps(doc).encode())
    assert len(stories) == 1
    return stories[0]


def test_one_unknown_property_is_kept_with_a_warning_not_refused():
    s = one({"uri": "u1", "headline": "Budget passes", "priorityx": 3})
    assert s.headline == "Budget passes"
    assert "ninjs: unknown properties kept in the raw: priorityx" in s.warnings


def test_several_unknown_properties_are_named_in_one_warning():
    doc = {
        "uri": "u2",
        "headlines": [{"value": "Budget passes"}],
        "bodies": [{"value": "<p>Text.</p>", "contenttype": "text/html"}],
        "x_desk": "a",
        "y_rank": 2,
        "associations": [{"name": "pic", "uri": "p1", "credit_line": "Jo"}],
    }
    s = one(doc)
    assert s.body_paragraphs() == ["Text."]
    assert (
        "ninjs: unknown properties kept in the raw: x_desk, y_rank, "
        "associations[0].credit_line"
    ) in s.warnings


def test_a_channel_naming_its_version_still_gets_the_schema():
    data = json.dumps({"uri": "u1", "headline": "H", "priorityx": 3}).encode()
    with pytest.raises(WireRefusal, match="unknown property 'priorityx'"):
        ninjs_parser.parse(data, version_hint="1.6")


def test_invalid_known_value_in_a_publishable_item_is_warned_not_refused():
    s = one({"uri": "u3", "headline": "Storm hits coast", "urgency": 0.5})
    assert s.headline == "Storm hits coast" and s.urgency is None
    assert any(
        w.startswith("ninjs: item is not strict ninjs (ninjs: 'urgency' must be")
        for w in s.warnings
    )


def test_invalid_item_with_nothing_to_publish_is_refused_with_the_rule():
    with pytest.raises(WireRefusal, match="pubstatus 'cancelled'"):
        parse(json.dumps({"uri": "u4", "pubstatus": "cancelled"}).encode())


def test_wrongly_typed_value_is_not_used():
    # A number where a string belongs is dropped, not printed ("42").
    s = one({"uri": "u5", "title": 42, "body_html": BODY})
    assert s.headline == HEADLINE
    assert "42" not in s.headline


def test_no_headline_but_a_body_gets_a_derived_headline_1x():
    s = one({"uri": "u6", "body_html": BODY})
    assert s.headline == HEADLINE
    assert "ninjs: no headline; derived from the body's first sentence" in s.warnings


def test_no_headline_but_a_body_gets_a_derived_headline_2x_and_3x():
    for doc in (
        {"uri": "u7", "bodies": [{"value": BODY, "contenttype": "text/html"}]},
        {
            "uri": "u8",
            "bodies": [{"value": BODY, "contentType": "text/html"}],
            "versionCreated": "2024-01-01T00:00:00Z",
        },
    ):
        s = one(doc)
        assert s.headline == HEADLINE
        assert any("derived from the body" in w for w in s.warnings)


def test_title_still_beats_a_derived_headline():
    s = one({"uri": "u9", "title": "Budget vote", "body_html": BODY})
    assert s.headline == "Budget vote"
    assert "ninjs: no headline; used title/slugline" in s.warnings


@pytest.mark.parametrize(
    "by", ["jdoe", "ap-desk3", "sandra.degenhardt", "author:jdoe", "byline:12345"]
)
def test_login_or_code_is_not_printed_as_byline(by):
    for doc in (
        {"uri": "b1", "headline": "H", "byline": by},
        {"uri": "b2", "headlines": [{"value": "H"}], "by": by},
    ):
        s = one(doc)
        assert s.byline == ""
        assert f"byline {by!r} looks like a login or code; not used" in s.warnings


@pytest.mark.parametrize(
    ("by", "printed"),
    [
        ("Jane Doe", "Jane Doe"),
        ("By JANE DOE", "JANE DOE"),
        ("Jane Doe, Reuters", "Jane Doe, Reuters"),
        ("jane doe", "jane doe"),
    ],
)
def test_names_are_printed_as_byline(by, printed):
    s = one({"uri": "b3", "headline": "H", "byline": by})
    assert s.byline == printed
    assert not any("login" in w for w in s.warnings)


def test_vendor_envelope_item_with_nothing_to_publish_is_refused():
    doc = {"data": {"item": {"uri": "v1", "pubstatus": "nonsense"}}}
    with pytest.raises(WireRefusal, match="pubstatus"):
        parse(json.dumps(doc).encode())


def test_an_association_without_uri_does_not_refuse_the_story():
    doc = {
        "uri": "u10",
        "headlines": [{"value": "Flood warning"}],
        "associations": [{"name": "pic", "type": "picture"}],
    }
    s = one(doc)
    assert s.headline == "Flood warning"
    assert any("associations[0]: 'uri' is required" in w for w in s.warnings)


def test_an_item_without_uri_is_keyed_by_content_with_a_warning():
    for doc in (
        {"headline": "No id at all"},
        {"bodies": [{"value": BODY, "contenttype": "text/html"}]},
        {"data": {"item": {"headline": "Envelope, no id"}}},
    ):
        s = one(doc)
        assert s.headline and s.guid is None, doc
        assert "ninjs: no uri: keyed by content" in s.warnings
        assert s.content_key


def test_an_item_without_uri_is_refused_under_strict_schema_or_when_empty():
    data = json.dumps({"headline": "No id at all"}).encode()
    with pytest.raises(WireRefusal, match="'uri' is required"):
        ninjs_parser.parse(data, version_hint="1.6")
    with pytest.raises(WireRefusal, match="'uri' is required"):
        parse(json.dumps({"type": "text", "language": "en"}).encode())
    with pytest.raises(WireRefusal, match="'urgency' must be an integer"):
        parse(json.dumps({"language": "en", "urgency": 0.5}).encode())
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "T"}
    with pytest.raises(WireRefusal, match="JSON Schema, not an item"):
        parse(json.dumps(schema).encode())


@pytest.mark.parametrize(
    ("fields", "provider"),
    [
        ({}, ""),
        ({"copyrightholder": "Reuters"}, "Reuters"),
        ({"copyrightholder": "Nordic Wire Ltd"}, "Nordic Wire Ltd"),
        ({"creditline": "Agence France-Presse"}, "AFP"),
        ({"source": "dpa"}, "dpa"),
        ({"infosource": [{"name": "Xinhua"}]}, "Xinhua"),
    ],
)
def test_provider_is_the_agency_named_never_an_unknown_uri(fields, provider):
    s = one({"uri": "https://feeds.example.net/items/8841", "headline": "H", **fields})
    assert s.provider == provider
    assert "example.net" not in s.source


def test_a_known_agency_uri_still_names_the_provider():
    s = one({"uri": "http://api.ap.org/media/v/content/abc", "headline": "H"})
    assert s.provider == "AP"
