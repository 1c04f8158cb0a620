"""Raw wire bytes leave the database for media storage (issue 14, point 5).

Each RawItem's bytes become the file `wire/raw/ab/cd/<sha256>` in the default
storage (MEDIA_ROOT, or the bucket), a batch of rows at a time, and only then
is the column dropped: a write that fails (a full disk, the bucket away) stops
the migration with every byte still in the database. Writing is idempotent
(same bytes, same name), so running it again after a failure redoes nothing
that was done.

The column is dropped, not kept nullable: a nullable leftover would be a second
place the bytes could be, and nothing would keep the two in step. The reverse
adds the column back, reads every file into it, then makes it NOT NULL again;
the files stay (deleting them is left to the operator once the rollback holds).
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations, models

BATCH = 200  # rows (and their bytes) in memory at a time


def raw_name(sha256: str) -> str:
    # As masthead/wire/rawfiles.py names them; copied so the migration keeps
    # working whatever that module becomes.
    return f"wire/raw/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def _batches(queryset):
    """Rows in pk order, BATCH at a time, without a cursor held open across
    the writes (keyset pagination)."""
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not rows:
            return
        yield rows
        last = rows[-1].pk


def bytes_to_files(apps, schema_editor):
    RawItem = apps.get_model("wire", "RawItem")
    rows = RawItem.objects.filter(data__isnull=False).only("pk", "sha256", "data")
    for batch in _batches(rows):
        for raw in batch:
            data = bytes(raw.data)
            name = raw_name(raw.sha256)
            if default_storage.exists(name):
                if default_storage.size(name) == len(data):
                    continue
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(data))
            if saved != name:  # written meanwhile by a running ingest
                default_storage.delete(saved)


def files_to_bytes(apps, schema_editor):
    RawItem = apps.get_model("wire", "RawItem")
    rows = RawItem.objects.filter(data__isnull=True).only("pk", "sha256")
    for batch in _batches(rows):
        for raw in batch:
            with default_storage.open(raw_name(raw.sha256), "rb") as handle:
                raw.data = handle.read()
        RawItem.objects.bulk_update(batch, ["data"])


class Migration(migrations.Migration):
    dependencies = [("wire", "0002_content_key_incomplete_warnings")]

    operations = [
        migrations.AlterField(
            model_name="rawitem",
            name="data",
            field=models.BinaryField(null=True),
        ),
        migrations.RunPython(bytes_to_files, files_to_bytes, elidable=True),
        migrations.RemoveField(model_name="rawitem", name="data"),
    ]
