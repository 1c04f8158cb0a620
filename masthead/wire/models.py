"""What the wire desk keeps: every raw file as it arrived, and the stories in it.

RawItem is written before any parsing, so a parser bug or a refusal loses
nothing; WireItem is one story parsed out of a raw file (a feed holds many).
The raw bytes themselves are a file in media storage named by their sha256
(rawfiles.py), not a column: the database stays small and the bucket holds them
on the big profile.
"""

import hashlib

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from masthead.wire import rawfiles


class Channel(models.TextChoices):
    FILE = "file", "Command line"
    FOLDER = "folder", "Watched folder"
    FEED = "feed", "Feed poll"
    PUSH = "push", "HTTP push"
    UPLOAD = "upload", "Admin upload"
    URL = "url", "Import from URL"


class RawItem(models.Model):
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    origin = models.CharField(
        max_length=1000, blank=True, help_text="File name, feed or URL it came from."
    )
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.origin or self.channel} ({self.size} bytes)"

    @staticmethod
    def digest(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    @property
    def file_name(self) -> str:
        """Where the bytes are in media storage."""
        return rawfiles.raw_name(self.sha256)

    def read(self, limit: int | None = None) -> bytes:
        """The bytes as they arrived (the first `limit`), from media storage."""
        return rawfiles.read_raw(self.sha256, limit)


@receiver(post_delete, sender=RawItem)
def _delete_raw_file(sender, instance, **kwargs):
    """The file goes once the row's delete is committed (a rolled-back delete
    keeps both), unless the same bytes were stored again meanwhile."""
    sha256 = instance.sha256

    def delete():
        if not RawItem.objects.filter(sha256=sha256).exists():
            rawfiles.delete_raw(sha256)

    transaction.on_commit(delete)


class WireItem(models.Model):
    class Status(models.TextChoices):
        OK = "ok", "Accepted"
        REJECTED = "rejected", "Refused"

    raw = models.ForeignKey(RawItem, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(
        default=0, help_text="Index in the raw file."
    )
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, db_index=True)
    reason = models.TextField(blank=True)
    format = models.CharField(max_length=20, blank=True, db_index=True)
    provider = models.CharField(max_length=120, blank=True, db_index=True)
    guid = models.CharField(max_length=500, blank=True)
    item_key = models.CharField(
        max_length=500,
        blank=True,
        help_text="The guid, or a content key for formats that carry no id.",
    )
    version = models.CharField(max_length=60, blank=True)
    content_key = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="sha256 of the normalised headline and body (WireStory.content_key):"
        " new copy under the same id and version is a new version, not a repeat.",
    )
    incomplete = models.BooleanField(
        default=False,
        help_text="The file ended before its end marker: check the story against"
        " the agency's copy before making an article of it.",
    )
    warnings = models.JSONField(
        default=list,
        blank=True,
        help_text="The parser's warnings (as in the story), for the basket's list.",
    )
    headline = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=20, blank=True)
    urgency = models.PositiveSmallIntegerField(null=True, blank=True)
    first_created = models.DateTimeField(null=True, blank=True)
    version_created = models.DateTimeField(null=True, blank=True)
    embargo_until = models.DateTimeField(null=True, blank=True)
    signals = models.CharField(max_length=100, blank=True)
    story = models.JSONField(default=dict, blank=True)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="later_versions",
    )
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wire_items",
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            # The same copy under the same id, version and signals is one row;
            # new copy (or a cancel of unchanged copy) is a new version.
            models.UniqueConstraint(
                fields=["provider", "item_key", "version", "content_key", "signals"],
                condition=models.Q(status="ok"),
                name="wire_item_unique_version",
            )
        ]
        indexes = [models.Index(fields=["provider", "item_key"])]

    def __str__(self):
        return self.headline or f"{self.get_status_display()} item {self.pk}"

    @property
    def signal_set(self) -> set[str]:
        return {s for s in self.signals.split(",") if s}


class PushToken(models.Model):
    """A provider's secret for the HTTP push endpoint; only its hash is kept."""

    provider = models.CharField(max_length=120)
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    active = models.BooleanField(default=True)

    def __str__(self):
        return f"push token for {self.provider}"


class WireFeed(models.Model):
    """An agency RSS/Atom/ninjs feed, polled with conditional GET by a task that
    `masthead worker` queues when the feed is due (`masthead db_worker` runs it)."""

    provider = models.CharField(max_length=120)
    url = models.URLField(max_length=1000, unique=True)
    active = models.BooleanField(default=True)
    interval_seconds = models.PositiveIntegerField(default=300)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_poll_at = models.DateTimeField(default=timezone.now, db_index=True)
    failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.url
