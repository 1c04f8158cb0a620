"""The wire desk's rules: nothing lost, one row per (provider, guid, version),
versions linked, cancels and embargoes carried to the article."""

import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from masthead.newsroom.models import ArticlePage
from masthead.wire.models import RawItem, WireItem
from masthead.wire.promote import create_draft
from masthead.wire.services import ingest_bytes, parse_raw

pytestmark = pytest.mark.integration


def ninjs(version="1", headline="Bridge opens", pubstatus="usable", **extra) -> bytes:
    item = {
        "uri": "urn:masthead-test:bridge",
        "type": "text",
        "version": version,
        "headline": headline,
        "body_html": "<p>The new bridge opened at dawn.</p><p>Traffic was light.</p>",
        "firstcreated": "2025-05-16T15:00:00Z",
        "versioncreated": "2025-05-16T15:35:00Z",
        "byline": "By Lin Qiao",
        "located": "SHANGHAI",
        "pubstatus": pubstatus,
        "copyrightholder": "Xinhua",
        "subject": [{"name": "transport"}, {"name": "infrastructure"}],
        **extra,
    }
    return json.dumps(item).encode()


def test_raw_bytes_are_kept_for_accepted_and_refused_items(db):
    good = ingest_bytes(ninjs(), origin="good.json")
    bad = ingest_bytes(b"<nitf><head></head>", origin="broken.xml")
    assert good.status == "ok" and bad.status == "rejected"
    assert bad.reason  # a refusal says why
    assert RawItem.objects.get(origin="broken.xml").read() == b"<nitf><head></head>"
    assert RawItem.objects.get(origin="good.json").read() == ninjs()
    refused = WireItem.objects.get(raw__origin="broken.xml")
    assert refused.status == WireItem.Status.REJECTED and refused.reason == bad.reason


def test_a_repeat_is_a_no_op(db):
    ingest_bytes(ninjs())
    again = ingest_bytes(ninjs())
    assert again.status == "duplicate"
    # Same story and version in different bytes (re-sent with other whitespace).
    resent = ingest_bytes(ninjs() + b"\n")
    assert resent.status == "duplicate"
    assert WireItem.objects.filter(status="ok").count() == 1


def test_new_version_links_to_earlier_and_flags_the_article(db, section):
    first = ingest_bytes(ninjs(version="1")).items[0]
    article = create_draft(first, section("world"))
    second = ingest_bytes(
        ninjs(version="2", headline="Bridge opens, traffic light")
    ).items[0]
    assert second.previous == first
    assert second.article == article
    article.refresh_from_db()
    assert article.wire_flag == ArticlePage.WireFlag.NEW_VERSION


def test_cancel_flags_the_article_for_takedown(db, section):
    first = ingest_bytes(ninjs(version="1")).items[0]
    article = create_draft(first, section("world"))
    ingest_bytes(ninjs(version="2", pubstatus="canceled"))
    article.refresh_from_db()
    assert article.wire_flag == ArticlePage.WireFlag.CANCELLED


def test_draft_carries_source_byline_dateline_time_subjects_and_provenance(db, section):
    item = ingest_bytes(ninjs(embargoed="2030-01-01T00:00:00Z")).items[0]
    article = create_draft(item, section("world"))
    article = ArticlePage.objects.get(pk=article.pk)
    assert not article.live
    assert article.get_parent().slug == "world"
    assert article.source.name == "Xinhua"
    assert article.original_byline == "Lin Qiao"
    assert article.dateline == "SHANGHAI"
    assert article.agency_time == datetime(2025, 5, 16, 15, 35, tzinfo=UTC)
    assert sorted(t.name for t in article.tags.all()) == ["infrastructure", "transport"]
    assert article.wire_item == item
    # An embargo becomes a go-live time the article cannot beat.
    assert article.go_live_at == datetime(2030, 1, 1, tzinfo=UTC)
    assert article.embargo_until == datetime(2030, 1, 1, tzinfo=UTC)


def test_items_without_ids_get_a_content_key(db):
    text = (
        b"\x01abc012 4 i 120 ccccb   dpa 012\r\n\r\nCulture/\r\n\x02"
        b"Harbour festival opens =\r\n\r\n"
        b"   Shanghai (dpa) - The harbour festival opened with boats.\r\n\r\n"
        b"dpa ab\r\n\x03101200 GMT Jan 10\r\n"
    )
    result = ingest_bytes(text, origin="wire.txt")
    if result.status == "rejected":
        pytest.fail(f"7901 fixture refused: {result.reason}")
    item = result.items[0]
    assert item.guid == "" and item.item_key.startswith("content:")
    assert ingest_bytes(text + b"\r\n").status == "duplicate"


def test_refused_item_can_be_parsed_again(db):
    raw = ingest_bytes(b"not a wire format", origin="x.bin").raw
    assert parse_raw(raw).status == "rejected"
    assert WireItem.objects.filter(raw=raw).count() == 2  # every attempt is recorded


def test_ingest_command_prints_one_json_line_per_file(db, tmp_path, capsys):
    (tmp_path / "a.json").write_bytes(ninjs())
    (tmp_path / "b.json").write_bytes(ninjs())  # the same story again
    (tmp_path / "c.xml").write_bytes(b"<?xml version='1.0'?><nothing/>")
    call_command("ingest", str(tmp_path))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["file"].rsplit("/", 1)[1], line["status"]) for line in lines] == [
        ("a.json", "ok"),
        ("b.json", "duplicate"),
        ("c.xml", "rejected"),
    ]
    keys = {
        "file",
        "status",
        "format",
        "provider",
        "guid",
        "version",
        "headline",
        "reason",
    }
    assert all(keys <= set(line) for line in lines)
    assert lines[0]["guid"] == "urn:masthead-test:bridge" and lines[0]["version"] == "1"
    assert lines[2]["reason"]


def test_agency_spellings_map_to_one_source(db):
    from masthead.wire.promote import source_for

    ap = source_for("Associated Press")
    assert ap.name == "AP"
    assert source_for("AP") == ap and source_for("The Associated Press") == ap
    assert source_for("Xinhua News Agency").name == "Xinhua"
    assert source_for("") is None


# --- one bad item refuses only itself ----------------------------------------

FEED_WITH_A_BAD_ITEM = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Wire</title>
<link>http://example.com/</link><description>Test feed of ours</description>
<item><title>Harbour reopens</title><guid>urn:harbour:1</guid>
<description>The harbour reopened on Monday.</description></item>
<item><guid>urn:harbour:2</guid><link>http://example.com/2</link></item>
<item><title>Ferries resume</title><guid>urn:harbour:3</guid>
<description>Ferries resumed their timetable.</description></item>
</channel></rss>"""


def test_a_feed_with_one_unpublishable_item_keeps_the_other_two(db, tmp_path, capsys):
    (tmp_path / "harbour.xml").write_bytes(FEED_WITH_A_BAD_ITEM)
    call_command("ingest", str(tmp_path))
    (line,) = [json.loads(out) for out in capsys.readouterr().out.splitlines()]
    assert line["status"] == "ok"
    assert line["summary"].startswith("ok (2 stories, 1 refused: item 2: ")
    items = list(WireItem.objects.order_by("position"))
    assert [(i.position, i.status, i.headline) for i in items] == [
        (0, "ok", "Harbour reopens"),
        (1, "rejected", ""),
        (2, "ok", "Ferries resume"),
    ]
    assert items[1].reason and items[1].raw_id == items[0].raw_id


def test_stored_per_item_whatever_the_list_holds(db):
    from masthead.wire.parsers import WireRefusal, WireStory
    from masthead.wire.services import store_parsed

    raw = RawItem.objects.create(sha256="0" * 64, size=1, channel="file")
    story = WireStory(
        format="rss", headline="Kept", body_html="<p>Kept.</p>", incomplete=True
    )
    refusals = [WireRefusal("no headline and no body"), WireRefusal("")]
    result = store_parsed(raw, "rss", [refusals[0], story, refusals[1]])
    assert result.status == "ok" and result.headline == "Kept"
    assert result.summary == (
        "ok (1 story, 2 refused: item 1: no headline and no body; "
        "item 3: refused (no reason given), "
        "item 2 (incomplete, check it against the agency's copy))"
    )
    assert [(i.position, i.status) for i in result.items] == [
        (0, "rejected"),
        (1, "ok"),
        (2, "rejected"),
    ]
    # Only refusals: the file is refused, each item with its own reason.
    raw2 = RawItem.objects.create(sha256="1" * 64, size=1, channel="file")
    only = store_parsed(raw2, "rss", [WireRefusal("no headline and no body")])
    assert only.status == "rejected" and only.reason == "no headline and no body"


def test_a_truncated_file_is_stored_incomplete_and_says_so(db):
    cut = (
        b"\x01abc013 4 i 120 ccccb   dpa 013\r\n\r\nHarbour/\r\n\x02"
        b"Lighthouse keepers strike =\r\n\r\n"
        b"   Kiel (dpa) - The lighthouse keepers walked out at noon and"
    )  # no end-of-text marker: the transmission broke off
    result = ingest_bytes(cut, origin="cut.txt")
    assert result.status == "ok", result.reason
    assert "incomplete" in result.summary  # "ok" is never silently partial
    item = result.items[0]
    assert item.incomplete and item.story["incomplete"] is True
    assert any("incomplete" in w for w in item.warnings)
