import hashlib

from django.db import models
from django.utils import timezone


class PushSubscription(models.Model):
    """One browser that allowed breaking-news notifications: where its push
    service takes messages for it, and the keys to encrypt them with.

    Nothing else about the reader: no account, no address, no cookie."""

    endpoint = models.TextField()
    # The endpoint is long and unique; its digest carries the unique index.
    endpoint_digest = models.CharField(max_length=64, unique=True, editable=False)
    p256dh = models.CharField(max_length=120)
    auth = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    # Failed sends in a row; the push service saying "gone" removes it at once.
    failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "push subscription"

    def __str__(self):
        return self.endpoint[:80]

    def save(self, *args, **kwargs):
        self.endpoint_digest = self.digest(self.endpoint)
        super().save(*args, **kwargs)

    @staticmethod
    def digest(endpoint: str) -> str:
        return hashlib.sha256(endpoint.encode()).hexdigest()

    def info(self) -> dict:
        """In the shape the Push API hands it over (and pywebpush takes)."""
        return {
            "endpoint": self.endpoint,
            "keys": {"p256dh": self.p256dh, "auth": self.auth},
        }
