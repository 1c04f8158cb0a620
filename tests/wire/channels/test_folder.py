"""The watched folder, with real files in tmp_path and the real database."""

import json
import os
import time

import pytest
from django.core.management import call_command

from masthead.core.scheduler import JOBS
from masthead.wire import services
from masthead.wire.channels import folder as folder_module
from masthead.wire.channels.folder import process_folder, scan_watch_folder
from masthead.wire.models import Channel, RawItem, WireItem

pytestmark = pytest.mark.django_db

STORY = json.dumps(
    {
        "uri": "urn:folder:1",
        "headline": "Folder story",
        "body_html": "<p>Body.</p>",
        "version": "1",
        "versioncreated": "2025-05-16T10:00:00Z",
    }
).encode()
GARBAGE = b"\x00\x01 not a wire format"


def drop(folder, name, data, age=10.0):
    """A file written `age` seconds ago."""
    path = folder / name
    path.write_bytes(data)
    past = time.time() - age
    os.utime(path, (past, past))
    return path


@pytest.fixture
def inbox(tmp_path, settings):
    settings.MASTHEAD_WIRE_WATCH_DIR = tmp_path / "inbox"
    (tmp_path / "inbox").mkdir()
    return tmp_path / "inbox"


def test_accepted_file_is_stored_then_moved_to_done(inbox):
    drop(inbox, "story.json", STORY)
    assert process_folder(inbox) == {"ok": 1}
    assert not (inbox / "story.json").exists()
    assert (inbox / "done" / "story.json").read_bytes() == STORY
    raw = RawItem.objects.get()
    assert raw.read() == STORY
    assert raw.channel == Channel.FOLDER
    assert raw.origin.endswith("story.json")
    assert WireItem.objects.get().headline == "Folder story"


def test_refused_file_is_stored_and_moved_with_a_sidecar(inbox):
    drop(inbox, "junk.bin", GARBAGE)
    assert process_folder(inbox) == {"rejected": 1}
    assert (inbox / "refused" / "junk.bin").read_bytes() == GARBAGE
    report = json.loads((inbox / "refused" / "junk.bin.json").read_text())
    assert report["status"] == "rejected"
    assert report["reason"] == "unknown format"
    raw = RawItem.objects.get()
    assert raw.read() == GARBAGE
    assert report["raw_id"] == raw.pk
    assert raw.items.get().status == WireItem.Status.REJECTED


def test_names_are_kept_and_clashes_get_a_number(inbox):
    drop(inbox, "story.json", STORY)
    process_folder(inbox)
    drop(inbox, "story.json", STORY)  # the same bytes again: a duplicate
    assert process_folder(inbox) == {"duplicate": 1}
    drop(inbox, "story.json", STORY + b" ")
    process_folder(inbox)
    assert sorted(p.name for p in (inbox / "done").iterdir()) == [
        "story-2.json",
        "story-3.json",
        "story.json",
    ]
    drop(inbox, "junk.bin", GARBAGE)
    process_folder(inbox)
    drop(inbox, "junk.bin", GARBAGE + b"!")
    process_folder(inbox)
    assert sorted(p.name for p in (inbox / "refused").iterdir()) == [
        "junk-2.bin",
        "junk-2.bin.json",
        "junk.bin",
        "junk.bin.json",
    ]


def test_incomplete_and_hidden_files_are_left_alone(inbox, tmp_path):
    drop(inbox, "fresh.json", STORY, age=0)  # still being written, perhaps
    drop(inbox, "upload.tmp", STORY)
    drop(inbox, "upload.json.part", STORY)
    drop(inbox, ".hidden.json", STORY)
    outside = drop(tmp_path, "secret.txt", b"outside the inbox")
    (inbox / "link.json").symlink_to(outside)
    (inbox / "subfolder").mkdir()
    drop(inbox / "subfolder", "nested.json", STORY)
    assert process_folder(inbox) == {}
    assert RawItem.objects.count() == 0
    left = {p.name for p in inbox.iterdir()}
    assert {"fresh.json", "upload.tmp", "upload.json.part", ".hidden.json"} <= left
    assert "link.json" in left
    # Once settled, the fresh file is taken.
    past = time.time() - 10
    os.utime(inbox / "fresh.json", (past, past))
    assert process_folder(inbox) == {"ok": 1}


def test_file_over_the_cap_is_refused_without_storing(inbox, settings):
    settings.MASTHEAD_WIRE_MAX_BYTES = 100
    drop(inbox, "huge.json", b"x" * 101)
    assert process_folder(inbox) == {"rejected": 1}
    assert RawItem.objects.count() == 0
    assert (inbox / "refused" / "huge.json").stat().st_size == 101
    report = json.loads((inbox / "refused" / "huge.json.json").read_text())
    assert "over the 100-byte cap" in report["reason"]


def test_file_stays_when_it_could_not_be_stored(inbox, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(folder_module, "ingest_bytes", broken)
    drop(inbox, "story.json", STORY)
    assert process_folder(inbox) == {"error": 1}
    assert (inbox / "story.json").read_bytes() == STORY  # nothing lost


def test_parser_crash_after_storing_moves_to_refused(inbox, monkeypatch):
    def crash(raw, data=None):
        raise ValueError("parser bug")

    monkeypatch.setattr(services, "parse_raw", crash)
    drop(inbox, "story.json", STORY)
    assert process_folder(inbox) == {"error": 1}
    raw = RawItem.objects.get()
    assert raw.read() == STORY  # kept, can be parsed again
    report = json.loads((inbox / "refused" / "story.json.json").read_text())
    assert report["reason"] == "ingest failed: parser bug"
    assert report["raw_id"] == raw.pk


def test_worker_tick_runs_the_folder_job(inbox):
    assert "wire-folder" in JOBS
    drop(inbox, "story.json", STORY)
    call_command("worker", once=True)
    assert (inbox / "done" / "story.json").exists()
    assert RawItem.objects.filter(channel=Channel.FOLDER).count() == 1


def test_default_folder_is_created_under_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    del settings.MASTHEAD_WIRE_WATCH_DIR
    assert scan_watch_folder() == {}
    assert (tmp_path / "wire-inbox" / "done").is_dir()
    assert (tmp_path / "wire-inbox" / "refused").is_dir()
