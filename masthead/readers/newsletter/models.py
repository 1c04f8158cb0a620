"""Subscribers, the mailings sent to them, and one row per (mailing, subscriber).

A Delivery row is written for every recipient when a mailing is made, in the
same transaction: the sender works through those rows and marks each one sent
as soon as the SMTP server has accepted it, so a send that crashes or is
restarted picks up exactly where it stopped.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def new_secret() -> str:
    return secrets.token_urlsafe(12)


class Subscriber(models.Model):
    """One address. Never shown to readers; tokens in links stand for it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        ACTIVE = "active", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField("e-mail address", max_length=254)
    # Lower-cased: one row per mailbox however the reader types it.
    email_key = models.CharField(max_length=254, unique=True, editable=False)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING
    )
    daily_digest = models.BooleanField("daily digest", default=True)
    breaking_alerts = models.BooleanField("breaking-news alerts", default=False)
    pdf_edition = models.BooleanField(
        "PDF edition",
        default=False,
        help_text="A link to the day's PDF edition when it is out.",
    )
    sections = models.ManyToManyField(
        "newsroom.SectionPage",
        blank=True,
        related_name="+",
        help_text="Sections in the daily digest; none chosen: every section.",
    )
    # Part of every token: a new row for the same address (after deletion)
    # gets links of its own, and rotating it voids the old ones.
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    signup_source = models.CharField(max_length=20, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "newsletter subscriber"
        indexes = [
            models.Index(fields=["status", "daily_digest"], name="readers_sub_digest"),
            models.Index(
                fields=["status", "breaking_alerts"], name="readers_sub_alerts"
            ),
            models.Index(fields=["status", "unsubscribed_at"], name="readers_sub_gone"),
        ]

    def __str__(self):
        return self.email

    def on_list(self, name: str) -> bool:
        if self.status != self.Status.ACTIVE:
            return False
        return {
            "digest": self.daily_digest,
            "alerts": self.breaking_alerts,
            "edition": self.pdf_edition,
        }.get(name, False)


class Mailing(models.Model):
    """One digest edition or one alert, and how far its sending has got."""

    class Kind(models.TextChoices):
        DIGEST = "digest", "Daily digest"
        ALERT = "alert", "Breaking-news alert"
        EDITION = "edition", "PDF edition"

    class State(models.TextChoices):
        SENDING = "sending", "Sending"
        DONE = "done", "Sent"
        CANCELLED = "cancelled", "Cancelled"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    subject = models.CharField(max_length=255)
    # The digest's date in the site's zone; one digest per date.
    edition = models.DateField(null=True, blank=True)
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.SENDING, db_index=True
    )
    recipients = models.PositiveIntegerField(default=0)
    sent_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    failed_count = models.PositiveIntegerField(default=0)
    # One sender at a time: a worker holds the lease while it sends and
    # renews it; a crashed worker's lease runs out and another resumes.
    lease_until = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "edition"],
                condition=Q(kind="digest"),
                name="readers_one_digest_per_day",
            ),
            models.UniqueConstraint(
                fields=["kind", "edition"],
                condition=Q(kind="edition"),
                name="readers_one_pdf_edition_per_day",
            ),
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(kind="alert"),
                name="readers_one_alert_per_article",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def pending_count(self) -> int:
        return max(
            0,
            self.recipients - self.sent_count - self.skipped_count - self.failed_count,
        )


class Delivery(models.Model):
    """One subscriber's copy of one mailing."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Skipped"
        FAILED = "failed", "Failed"

    mailing = models.ForeignKey(
        Mailing, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "subscriber"], name="readers_one_copy_each"
            )
        ]
        indexes = [
            models.Index(fields=["mailing", "status", "id"], name="readers_dlv_todo")
        ]

    def __str__(self):
        return f"{self.mailing_id} → {self.subscriber_id}: {self.status}"


@register_setting(icon="mail")
class NewsletterSettings(BaseSiteSetting):
    """When the daily digest goes out and how long it is."""

    digest_enabled = models.BooleanField("send the daily digest", default=True)
    digest_hour = models.PositiveSmallIntegerField(
        "digest hour",
        default=7,
        choices=[(h, f"{h:02d}:00") for h in range(24)],
        help_text="In the site's time zone (Site settings). A worker that was "
        "down at this hour sends the day's digest when it comes back.",
    )
    stories_per_section = models.PositiveSmallIntegerField(default=5)

    panels = [
        FieldPanel("digest_enabled"),
        FieldPanel("digest_hour"),
        FieldPanel("stories_per_section"),
    ]

    class Meta:
        verbose_name = "newsletter"
