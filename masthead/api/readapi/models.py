from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from masthead.newsroom.models import Source

DEFAULT_RATE_LIMIT = 60


class APIKey(models.Model):
    """A partner's key to the read API. Only a hash of the key is kept: the key
    itself is shown once, when it is made (admin or `masthead api-key NAME`)."""

    name = models.CharField(
        max_length=120, help_text="Who the key is for: the partner and its use."
    )
    prefix = models.CharField(
        max_length=16,
        editable=False,
        help_text="The first characters of the key, to tell keys apart.",
    )
    key_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(
        default=True, help_text="Untick to refuse the key (403) without deleting it."
    )
    rate_limit = models.PositiveIntegerField(
        default=DEFAULT_RATE_LIMIT,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text="Requests allowed per minute.",
    )
    sources = models.ManyToManyField(
        Source,
        blank=True,
        related_name="+",
        help_text=(
            "Agency and partner copy this key may receive (its licence). Our own "
            "staff copy is always included; a source whose licence keeps it out "
            "of the API is never sent, whatever is ticked here."
        ),
    )
    notes = models.TextField(blank=True, help_text="Contact, contract, expiry.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "API key"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)" if self.prefix else self.name
