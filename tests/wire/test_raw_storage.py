"""Raw wire bytes are files in media storage named by their sha256 (issue 14,
point 5): ingest writes the file before the row, deleting the row deletes the
file once committed, and migration 0003 moves existing rows' bytes out in
batches (and back again on the way down). The bucket's side is in
tests/storage/test_s3_wire.py."""

import hashlib
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from masthead.wire.models import Channel, RawItem, WireItem
from masthead.wire.services import ingest_bytes

BEFORE = ("wire", "0002_content_key_incomplete_warnings")
AFTER = ("wire", "0003_raw_bytes_to_storage")


def story(guid: str) -> bytes:
    return json.dumps(
        {"uri": guid, "headline": f"Story {guid}", "body_html": "<p>Copy.</p>"}
    ).encode()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_ingest_writes_the_file_under_its_sha256_and_no_bytes_in_the_row(
    db, media, django_capture_on_commit_callbacks
):
    data = story("urn:raw:1")
    sha = hashlib.sha256(data).hexdigest()
    result = ingest_bytes(data, channel=Channel.FILE, origin="one.json")
    assert result.status == "ok"
    path = media / "wire" / "raw" / sha[:2] / sha[2:4] / sha
    assert path.read_bytes() == data
    assert result.raw.read() == data and result.raw.read(5) == data[:5]
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), RawItem._meta.db_table
        )
    }
    assert "data" not in columns

    with django_capture_on_commit_callbacks(execute=True):
        RawItem.objects.get().delete()
    assert not path.exists() and WireItem.objects.count() == 0


def test_a_file_left_by_a_failed_row_is_adopted_and_a_short_one_rewritten(db, media):
    left = story("urn:raw:left")
    sha = hashlib.sha256(left).hexdigest()
    path = media / "wire" / "raw" / sha[:2] / sha[2:4] / sha
    path.parent.mkdir(parents=True)
    path.write_bytes(left)  # the file of an ingest whose row insert failed
    assert ingest_bytes(left).status == "ok"
    assert path.read_bytes() == left
    assert sorted(p.name for p in path.parent.iterdir()) == [sha]  # no 2nd copy

    cut = story("urn:raw:cut")
    sha = hashlib.sha256(cut).hexdigest()
    path = media / "wire" / "raw" / sha[:2] / sha[2:4] / sha
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(cut[:10])  # cut short by something outside Masthead
    assert ingest_bytes(cut).status == "ok"
    assert path.read_bytes() == cut


def test_the_row_is_kept_with_its_file_when_the_delete_rolls_back(db, media):
    raw = ingest_bytes(story("urn:raw:kept")).raw
    RawItem.objects.filter(pk=raw.pk).delete()  # never committed in this test
    assert (media / raw.file_name).exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_bytes_out_in_batches_and_back(media):
    payloads = [story(f"urn:raw:migrate:{n}") * (1 + n % 3) for n in range(450)]
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    try:
        Old = executor.loader.project_state([BEFORE]).apps.get_model("wire", "RawItem")
        Old.objects.bulk_create(
            Old(
                channel="file",
                sha256=hashlib.sha256(p).hexdigest(),
                size=len(p),
                data=p,
            )
            for p in payloads
        )
        executor = MigrationExecutor(connection)
        executor.migrate([AFTER])
        assert RawItem.objects.count() == len(payloads)  # more than two batches
        for p in payloads:
            raw = RawItem.objects.get(sha256=hashlib.sha256(p).hexdigest())
            assert raw.read() == p
        files = [p for p in (media / "wire" / "raw").rglob("*") if p.is_file()]
        assert len(files) == len(payloads)

        executor = MigrationExecutor(connection)
        executor.migrate([BEFORE])
        Old = executor.loader.project_state([BEFORE]).apps.get_model("wire", "RawItem")
        back = {r.sha256: bytes(r.data) for r in Old.objects.all()}
        assert back == {hashlib.sha256(p).hexdigest(): p for p in payloads}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate([AFTER])
