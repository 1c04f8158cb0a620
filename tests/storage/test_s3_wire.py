"""Raw wire files in the bucket: private objects named by their sha256, the
database holding only the row. Ingest writes the object, a re-ingest is a
duplicate, parsing again reads the object back, and deleting the raw item
deletes it."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from masthead.wire.models import Channel, RawItem, WireItem
from masthead.wire.services import ingest_bytes, parse_raw

from .conftest import fetch

pytestmark = pytest.mark.django_db


def _story(guid: str, headline: str = "Harbour board approves the ferry terminal"):
    return json.dumps(
        {
            "uri": guid,
            "headline": headline,
            "body_html": "<p>The board voted late on Thursday.</p>",
            "version": "1",
            "versioncreated": "2026-05-16T10:00:00Z",
        }
    ).encode()


def test_a_wire_file_is_a_private_object_parsed_from_the_bucket(
    bucket, client, django_capture_on_commit_callbacks
):
    story = _story("urn:s3:wire:1")
    result = ingest_bytes(story, channel=Channel.PUSH, origin="push:xinhua")
    assert result.status == "ok", result.reason
    raw = result.raw
    key = f"wire/raw/{raw.sha256[:2]}/{raw.sha256[2:4]}/{raw.sha256}"
    assert raw.file_name == key
    assert bucket.keys("wire/") == {key}
    assert bucket.body(key) == story
    status, body, _ = fetch(bucket.url(key))  # no keys: a reader, a crawler
    assert status == 403 and b"ferry" not in body
    assert not hasattr(raw, "data")  # the bytes are not in the database

    again = ingest_bytes(story, channel=Channel.FOLDER, origin="again.json")
    assert again.status == "duplicate"
    assert (RawItem.objects.count(), WireItem.objects.count()) == (1, 1)
    assert bucket.keys("wire/") == {key}  # no second copy under a free name

    # Parsing again reads the object: change it behind the row's back (as a
    # parser fix would see the same bytes anew) and the new parse follows it.
    bucket.client.put_object(
        Bucket=bucket.name, Key=key, Body=_story("urn:s3:wire:1", "Read back")
    )
    reparsed = parse_raw(RawItem.objects.get())
    assert reparsed.status == "ok" and reparsed.headline == "Read back"

    # The admin's download streams it from the bucket to a signed-in desk.
    desk = get_user_model().objects.create_superuser("desk", "d@example.com", "pw")
    client.force_login(desk)
    reply = client.get(reverse("wire_basket:raw", args=[raw.pk]))
    assert reply.status_code == 200
    assert b"Read back" in reply.content

    with django_capture_on_commit_callbacks(execute=True):
        RawItem.objects.get().delete()
    assert not bucket.exists(key)
    assert WireItem.objects.count() == 0


def test_a_rolled_back_delete_keeps_the_object(bucket):
    story = _story("urn:s3:wire:2")
    raw = ingest_bytes(story, channel=Channel.FILE, origin="two.json").raw
    # Inside the test's transaction nothing is committed: the file stays.
    RawItem.objects.filter(pk=raw.pk).delete()
    assert bucket.exists(raw.file_name)


def test_the_bucket_away_tells_the_sender_to_retry(bucket, client, settings):
    from masthead.wire.channels.push import create_push_token

    token = create_push_token("xinhua")
    bucket.client.delete_bucket(Bucket=bucket.name)  # the store answers, no bucket
    story = _story("urn:s3:wire:3")
    reply = client.post(
        "/wire/push/xinhua/",
        data=story,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert reply.status_code == 503, reply.content[:300]
    assert int(reply["Retry-After"]) > 0
    assert RawItem.objects.count() == 0

    bucket.client.create_bucket(Bucket=bucket.name)
    reply = client.post(
        "/wire/push/xinhua/",
        data=story,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert reply.status_code == 202, reply.content[:300]
    assert bucket.body(RawItem.objects.get().file_name) == story
