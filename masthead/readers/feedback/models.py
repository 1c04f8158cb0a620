from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ReaderMessageQuerySet(models.QuerySet):
    def in_sections(self, paths):
        """Messages routed to one of the section pages at `paths` or below them.
        `None` means every message (a chief editor's view)."""
        if paths is None:
            return self
        if not paths:
            return self.none()
        query = Q()
        for path in paths:
            query |= Q(section__path__startswith=path)
        return self.filter(query)

    def new(self):
        return self.filter(status=ReaderMessage.Status.NEW)

    def unmailed(self):
        """Stored but not yet mailed to their desk (spam is never mailed)."""
        return self.filter(mailed_at__isnull=True).exclude(
            status=ReaderMessage.Status.SPAM
        )


class ReaderMessage(models.Model):
    """What a reader sent through the feedback form or the contact form.

    Stored before anything else happens, so a mail server that is down or a
    desk without an address loses nothing: the desk's inbox in the admin has
    every message, and the mail to the desk is only a notice of it.
    """

    class Kind(models.TextChoices):
        FEEDBACK = "feedback", "Feedback"
        CONTACT = "contact", "Contact"

    class Status(models.TextChoices):
        NEW = "new", "New"
        READ = "read", "Read"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"
        SPAM = "spam", "Spam"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The topic as the reader picked it (its key and its label then): topics
    # come from the section tree and may be renamed or removed later.
    topic = models.CharField(max_length=80)
    topic_label = models.CharField(max_length=120)
    # The desk that owns the message; empty: the chief editors'.
    section = models.ForeignKey(
        "newsroom.SectionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(max_length=80, blank=True)
    # Never shown on the site; the desk answers to it.
    email = models.EmailField(max_length=254, blank=True)
    subject = models.CharField(max_length=150, blank=True)
    message = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(default=timezone.now)
    # When the notice went to the desk's mail (queued for the worker), and
    # when it was last tried: a failed try waits before the next.
    mailed_at = models.DateTimeField(null=True, blank=True)
    mail_tried_at = models.DateTimeField(null=True, blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(
        blank=True, help_text="For the desk only: what was done, who answered."
    )

    objects = ReaderMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "reader message"
        indexes = [
            models.Index(fields=["status", "created_at"], name="readers_msg_status"),
            models.Index(fields=["section", "status"], name="readers_msg_desk"),
            # The worker looks for messages not yet mailed on every tick.
            models.Index(
                fields=["created_at"],
                condition=Q(mailed_at__isnull=True),
                name="readers_msg_unmailed",
            ),
        ]

    def __str__(self):
        words = self.subject or self.message
        return words[:60] + ("\u2026" if len(words) > 60 else "")

    @property
    def sender(self) -> str:
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email or "Anonymous"
