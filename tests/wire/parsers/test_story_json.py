"""WireStory as stored on WireItem.story: to_json() and from_json() round-trip."""

import json
from datetime import UTC, datetime, timedelta, timezone

from masthead.wire.parsers import WireStory
from masthead.wire.parsers.story import html_to_paragraphs


def full_story() -> WireStory:
    shanghai = timezone(timedelta(hours=8))
    return WireStory(
        format="ninjs",
        headline="Port reopens",
        body_html="<p>Ships are moving again.</p><p>Second line.</p>",
        guid="urn:example:1",
        version="2",
        lead="Ships are moving.",
        byline="Li Wei",
        provider="xinhua",
        source="Xinhua",
        dateline="SHANGHAI",
        language="en",
        subjects=("economy", "transport"),
        urgency=3,
        first_created=datetime(2025, 5, 16, 15, 35, tzinfo=UTC),
        version_created=datetime(2025, 5, 16, 23, 35, tzinfo=shanghai),
        embargo_until=None,
        signals=frozenset({"update", "correction"}),
        editor="Zhao Yinuo",
        section_hint="news/world",
        source_url="https://example.com/a",
        warnings=("no byline in source",),
    )


def test_a_story_survives_json_and_back():
    story = full_story()

    stored = json.loads(json.dumps(story.to_json()))

    assert WireStory.from_json(stored) == story


def test_the_json_is_plain_and_stable():
    data = full_story().to_json()

    assert data["signals"] == ["correction", "update"]
    assert data["subjects"] == ["economy", "transport"]
    assert data["version_created"] == "2025-05-16T23:35:00+08:00"
    assert data["embargo_until"] is None
    assert data["content_key"] == full_story().content_key


def test_a_minimal_story_round_trips():
    story = WireStory(format="rss", headline="Short", body_html="<p>x</p>")

    assert WireStory.from_json(story.to_json()) == story


def test_paragraphs_of_a_table_read_row_by_row_and_a_pre_block_ends_its_lines():
    body = (
        "<table><tr><th>Team</th><th>W</th></tr><tr><td>Hawks</td><td>7</td></tr>"
        "</table><pre>Pts  Reb\n 21   9</pre><p>After.</p>"
    )
    assert html_to_paragraphs(body) == [
        "Team W",
        "Hawks 7",
        "Pts Reb",
        "21 9",
        "After.",
    ]
