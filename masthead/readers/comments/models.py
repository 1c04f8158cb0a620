from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class CommentQuerySet(models.QuerySet):
    def shown(self):
        """What readers see: published comments, and replies whose comment is
        published too (a reply under a removed comment has lost its context)."""
        return self.filter(status=Comment.Status.PUBLISHED).filter(
            Q(parent__isnull=True) | Q(parent__status=Comment.Status.PUBLISHED)
        )

    def waiting(self):
        """The moderation queue: held comments, and published ones readers reported."""
        return self.filter(
            Q(status=Comment.Status.HELD)
            | Q(status=Comment.Status.PUBLISHED, reported_at__isnull=False)
        )


class Comment(models.Model):
    """One reader's comment on an article, or a reply to one (never deeper)."""

    class Status(models.TextChoices):
        HELD = "held", "Waiting for review"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(max_length=80)
    # Never shown to readers; lower-cased, so blocks and limits match however
    # it was typed.
    email = models.EmailField(max_length=254, db_index=True)
    body = models.TextField()
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.HELD
    )
    created_at = models.DateTimeField(default=timezone.now)
    reported_at = models.DateTimeField(
        null=True, blank=True, help_text="Last reported by a reader since review."
    )
    report_count = models.PositiveIntegerField(default=0)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # An article's thread and its count.
            models.Index(
                fields=["article", "status", "created_at"],
                name="readers_comment_thread",
            ),
            # The queue, newest first.
            models.Index(fields=["status", "created_at"], name="readers_comment_q"),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:40]}"

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None


class CommentSettings(models.Model):
    """How a section takes comments; its sub-sections follow it unless they
    have settings of their own. A section without any holds every comment for
    review and never closes by age."""

    section = models.OneToOneField(
        "newsroom.SectionPage", on_delete=models.CASCADE, related_name="+"
    )
    publish_at_once = models.BooleanField(
        default=False,
        help_text="Show new comments without review (the desk can still remove them).",
    )
    close_after_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Close comments this many days after an article is first "
        "published. Empty: they stay open.",
    )

    class Meta:
        verbose_name = "comment settings"
        verbose_name_plural = "comment settings"

    def __str__(self):
        return f"Comment settings of {self.section_id}"


class BlockedAddress(models.Model):
    """An e-mail address whose comments are dropped."""

    email = models.EmailField(max_length=254, unique=True)
    blocked_at = models.DateTimeField(default=timezone.now)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "blocked address"
        verbose_name_plural = "blocked addresses"

    def __str__(self):
        return self.email
