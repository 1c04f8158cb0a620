"""Versions: new copy under a known id is a new version linked to the one
before, never a "duplicate"; the same copy again still is one."""

import importlib
import json

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from masthead.newsroom.models import ArticlePage
from masthead.wire.models import WireItem
from masthead.wire.promote import create_draft
from masthead.wire.services import ingest_bytes

pytestmark = pytest.mark.integration

BODY = "<p>The ferry left at dawn.</p><p>Forty passengers were aboard.</p>"


def ninjs(headline="Ferry leaves port", body=BODY, **fields) -> bytes:
    """A ninjs item of ours; pass version=None to send it without a version."""
    item = {
        "uri": "urn:masthead-test:ferry",
        "type": "text",
        "version": "1",
        "headline": headline,
        "body_html": body,
        "versioncreated": "2025-06-02T08:00:00Z",
        "copyrightholder": "Xinhua",
        **fields,
    }
    return json.dumps({k: v for k, v in item.items() if v is not None}).encode()


def ok_items():
    return list(WireItem.objects.filter(status="ok").order_by("pk"))


def test_new_copy_under_the_same_version_is_a_new_version(db, section):
    first = ingest_bytes(ninjs()).items[0]
    article = create_draft(first, section("world"))
    corrected = ninjs(body=BODY.replace("Forty", "Fifty"))
    result = ingest_bytes(corrected)
    assert result.status == "ok", result.reason
    assert result.new_version and f"new version of item {first.pk}" in result.reason
    second = result.items[0]
    assert second.previous == first and second.version == first.version == "1"
    assert second.content_key != first.content_key
    assert second.article == article
    article.refresh_from_db()
    assert article.wire_flag == ArticlePage.WireFlag.NEW_VERSION


def test_an_update_without_version_or_version_time_is_a_new_version(db):
    sent = ninjs(version=None, versioncreated=None)
    first = ingest_bytes(sent).items[0]
    assert first.version == "" and first.version_created is None
    update = ninjs(headline="Ferry leaves port late", version=None, versioncreated=None)
    result = ingest_bytes(update)
    assert result.status == "ok", result.reason
    assert result.items[0].previous == first
    assert [i.headline for i in ok_items()] == [
        "Ferry leaves port",
        "Ferry leaves port late",
    ]


def test_the_same_copy_again_is_still_a_duplicate(db):
    ingest_bytes(ninjs())
    # Other bytes (key order, whitespace, markup), the same story and version.
    resent = json.dumps(json.loads(ninjs()), indent=2).encode() + b"\n"
    assert ingest_bytes(resent).status == "duplicate"
    # Without a version too.
    ingest_bytes(ninjs(version=None))
    assert ingest_bytes(ninjs(version=None) + b" ").status == "duplicate"
    assert len(ok_items()) == 2  # version "1" and the unversioned one


def test_a_cancel_of_unchanged_copy_under_the_same_version_is_not_dropped(db, section):
    first = ingest_bytes(ninjs()).items[0]
    article = create_draft(first, section("world"))
    result = ingest_bytes(ninjs(pubstatus="canceled"))
    assert result.status == "ok", result.reason
    assert result.items[0].previous == first
    article.refresh_from_db()
    assert article.wire_flag == ArticlePage.WireFlag.CANCELLED


def test_the_constraint_allows_new_copy_and_refuses_the_same_copy(db):
    first = ingest_bytes(ninjs()).items[0]
    same = {
        f: getattr(first, f)
        for f in ("raw_id", "provider", "item_key", "version", "signals")
    }
    WireItem.objects.create(status="ok", content_key="b" * 64, **same)
    with pytest.raises(IntegrityError), transaction.atomic():
        WireItem.objects.create(status="ok", content_key=first.content_key, **same)


def test_the_migration_keeps_data_and_fills_keys_from_stored_stories(db):
    migration = importlib.import_module(
        "masthead.wire.migrations.0002_content_key_incomplete_warnings"
    )
    item = ingest_bytes(ninjs()).items[0]
    story = {**item.story, "incomplete": True, "warnings": ["guessed encoding"]}
    # A row as the previous schema left it: none of the new columns filled.
    WireItem.objects.filter(pk=item.pk).update(
        content_key="", incomplete=False, warnings=[], story=story
    )
    migration.keys_from_stories(apps, None)
    item.refresh_from_db()
    assert item.content_key == story["content_key"] and len(item.content_key) == 64
    assert item.incomplete is True and item.warnings == ["guessed encoding"]
    assert item.headline == "Ferry leaves port"  # the rest untouched
    # With its key back, the same copy is a repeat again.
    assert ingest_bytes(ninjs() + b"\n").status == "duplicate"


def test_an_item_without_uri_or_agency_is_keyed_by_its_content(db):
    # No uri and no agency named: guid None, keyed by the copy, no provider
    # (not a URL); the same copy again is a duplicate, new copy a new item.
    sent = ninjs(uri=None, copyrightholder=None)
    result = ingest_bytes(sent)
    assert result.status == "ok", result.reason
    item = result.items[0]
    assert item.guid == "" and item.item_key == f"content:{item.content_key}"
    assert item.provider == ""
    assert "ninjs: no uri: keyed by content" in item.warnings
    assert ingest_bytes(sent + b" ").status == "duplicate"
    other = ingest_bytes(ninjs(headline="Ferry stays", uri=None, copyrightholder=None))
    assert other.status == "ok" and not other.new_version
    assert other.items[0].previous is None
    assert [i.provider for i in ok_items()] == ["", ""]


def test_an_agency_less_item_with_a_uri_has_no_url_for_provider(db):
    url = "https://feeds.example.net/items/8841"
    first = ingest_bytes(ninjs(uri=url, copyrightholder=None)).items[0]
    assert first.provider == "" and first.guid == url == first.item_key
    result = ingest_bytes(ninjs(uri=url, copyrightholder=None, body=BODY + "<p>3</p>"))
    assert result.status == "ok" and result.items[0].previous == first
