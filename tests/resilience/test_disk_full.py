"""A full disk while storing an upload or a wire item (issue 8, drills).

The disk is real: a tmpfs of a few hundred kilobytes, mounted for the test
and filled to the last byte. Uploads to the admin are refused with a clear
507 page and leave no file behind; a wire item on a full database disk is
not half-stored, the pushing agency is told to retry (503 + Retry-After), the
watched folder keeps the file for its next tick, and the retry stores it.
"""

import json
import sqlite3

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from masthead.newsroom.models import NewsImage, VideoClip
from masthead.wire.channels.folder import process_folder
from masthead.wire.channels.push import create_push_token
from masthead.wire.models import Channel, RawItem, WireItem
from masthead.wire.rawfiles import save_raw
from masthead.wire.services import ingest_bytes
from tests.newsroom.media.conftest import image_bytes

pytestmark = [pytest.mark.resilience, pytest.mark.integration]

# The first bytes of an MP4 (an ftyp box): what the form checks at upload.
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"


def _upload(kind: str):
    root = Collection.get_first_root_node().pk
    if kind == "image":
        data = image_bytes(640, 360)
        return reverse("wagtailimages:add"), {
            "title": "Harbour",
            "alt_text": "Boats in the harbour at dawn",
            "collection": root,
            "file": SimpleUploadedFile("harbour.jpg", data),
        }
    if kind == "document":
        data = b"Minutes of the harbour board.\n" * 2000
        return reverse("wagtaildocs:add"), {
            "title": "Minutes",
            "collection": root,
            "file": SimpleUploadedFile("minutes.txt", data),
        }
    data = MP4_HEAD + b"\x00" * 60_000
    return reverse("wagtailsnippets_newsroom_videoclip:add"), {
        "title": "Ferry at dusk",
        "embed_url": "",
        "file": SimpleUploadedFile("ferry.mp4", data),
    }


def _stored(kind: str) -> int:
    model = {"image": NewsImage, "document": get_document_model(), "video": VideoClip}
    return model[kind].objects.count()


@pytest.mark.parametrize("kind", ["image", "document", "video"])
def test_an_upload_on_a_full_disk_is_refused_whole(
    admin_client, settings, tiny_disk, kind
):
    disk = tiny_disk("256k")
    settings.MEDIA_ROOT = disk.path
    disk.fill()

    url, data = _upload(kind)
    response = admin_client.post(url, data)
    assert response.status_code == 507, response.content[:300]
    assert b"The file was not saved: the server's storage is full" in response.content
    assert _stored(kind) == 0
    assert disk.files() == []  # no truncated file, no partial one

    disk.free()
    url, data = _upload(kind)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:300]
    assert _stored(kind) == 1
    (kept,) = [name for name in disk.files() if "/.partial-" not in name][:1]
    assert not [name for name in disk.files() if "/.partial-" in name], kept


# Wire items: the database itself on the full disk ------------------------------
@pytest.fixture
def database_on(tiny_disk):
    """The test database copied onto a tiny disk, as the default connection.
    (With `transactional_db`: SQLite's backup waits forever on an open transaction.)"""
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite drill: the database file lives on the tiny disk")
    original = connections["default"]
    swapped = []

    def move(size: str):
        disk = tiny_disk(size)
        original.ensure_connection()
        target = sqlite3.connect(disk.path / "masthead.sqlite3")
        original.connection.backup(target)
        target.close()
        wrapper = original.copy()
        wrapper.settings_dict["NAME"] = str(disk.path / "masthead.sqlite3")
        connections["default"] = wrapper
        swapped.append(wrapper)
        return disk

    yield move
    connections["default"] = original
    for wrapper in swapped:
        wrapper.close()


def _story(guid: str) -> bytes:
    # Big enough that storing it must take new space on the disk.
    return json.dumps(
        {
            "uri": guid,
            "headline": "Harbour board approves the new ferry terminal",
            "body_html": "<p>" + "The board voted late on Thursday. " * 6000 + "</p>",
            "version": "1",
            "versioncreated": "2025-05-16T10:00:00Z",
        }
    ).encode()


def _disk_mb(db_size: int) -> str:
    return f"{db_size // (1024 * 1024) + 4}m"


def _db_size() -> int:
    connection.ensure_connection()
    (pages,) = connection.cursor().execute("PRAGMA page_count").fetchone()
    (page_size,) = connection.cursor().execute("PRAGMA page_size").fetchone()
    return pages * page_size


def test_a_push_on_a_full_disk_is_told_to_retry_and_the_retry_is_stored(
    transactional_db, client, database_on
):
    disk = database_on(_disk_mb(_db_size()))
    token = create_push_token("xinhua")
    story = _story("urn:diskfull:push")

    def push():
        return client.post(
            "/wire/push/xinhua/",
            data=story,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    disk.fill()
    response = push()
    assert response.status_code == 503, response.content[:300]
    assert int(response["Retry-After"]) > 0
    assert response.json()["reason"].endswith("send it again later")
    assert RawItem.objects.count() == 0 and WireItem.objects.count() == 0

    disk.free()
    response = push()
    assert response.status_code == 202, response.content[:300]
    assert RawItem.objects.count() == 1 and WireItem.objects.count() == 1
    assert push().status_code == 200  # the same bytes again: a duplicate


def test_the_watched_folder_keeps_the_file_until_it_is_stored(
    transactional_db, database_on, tmp_path
):
    disk = database_on(_disk_mb(_db_size()))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    story = _story("urn:diskfull:folder")
    (inbox / "story.json").write_bytes(story)
    assert RawItem.objects.count() == 0  # connected (opening one writes too)

    disk.fill()
    assert process_folder(inbox, settle_seconds=0) == {"error": 1}
    assert (inbox / "story.json").read_bytes() == story
    assert RawItem.objects.count() == 0

    disk.free()
    assert process_folder(inbox, settle_seconds=0) == {"ok": 1}
    assert (inbox / "done" / "story.json").exists()
    assert WireItem.objects.get().item_key == "urn:diskfull:folder"


def test_bytes_stored_but_never_parsed_are_parsed_when_sent_again(db):
    # What a disk that fills up (or a process killed) between storing the
    # bytes and storing their items leaves: the raw item alone.
    story = _story("urn:diskfull:unparsed")
    save_raw(story, RawItem.digest(story))
    RawItem.objects.create(
        channel=Channel.PUSH,
        origin="push:xinhua",
        sha256=RawItem.digest(story),
        size=len(story),
    )
    result = ingest_bytes(story, channel=Channel.PUSH, origin="push:xinhua")
    assert result.status == "ok", result.reason
    assert WireItem.objects.get().item_key == "urn:diskfull:unparsed"
    again = ingest_bytes(story, channel=Channel.PUSH, origin="push:xinhua")
    assert (again.status, WireItem.objects.count()) == ("duplicate", 1)


# Wire items: the raw file's disk (media storage) full ---------------------------
def test_a_wire_file_on_a_full_media_disk_is_told_to_retry_and_kept(
    db, client, settings, tiny_disk, tmp_path
):
    """The raw bytes go to media storage before the row: a full media disk
    stores neither (no row naming a missing file, no partial file), the push
    is told to retry, the watched folder keeps its file, and the retries store
    both."""
    disk = tiny_disk("1m")  # room for both stories (~200 KB each) once freed
    settings.MEDIA_ROOT = disk.path
    token = create_push_token("xinhua")
    story = _story("urn:diskfull:media-push")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    dropped = _story("urn:diskfull:media-folder")
    (inbox / "story.json").write_bytes(dropped)

    def push():
        return client.post(
            "/wire/push/xinhua/",
            data=story,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    disk.fill()
    response = push()
    assert response.status_code == 503, response.content[:300]
    assert int(response["Retry-After"]) > 0
    assert process_folder(inbox, settle_seconds=0) == {"error": 1}
    assert (inbox / "story.json").read_bytes() == dropped
    assert RawItem.objects.count() == 0 and WireItem.objects.count() == 0
    assert not [name for name in disk.files() if name.startswith("wire/")]

    disk.free()
    assert push().status_code == 202
    assert process_folder(inbox, settle_seconds=0) == {"ok": 1}
    assert RawItem.objects.count() == 2 and WireItem.objects.count() == 2
    for raw in RawItem.objects.all():
        assert (disk.path / raw.file_name).read_bytes() in (story, dropped)
    assert not [name for name in disk.files() if "/.partial-" in name]
    assert push().status_code == 200  # the same bytes again: a duplicate
