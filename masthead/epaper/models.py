"""A day's PDF edition and the log of its builds (why each one was made)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Edition(models.Model):
    """The current build of one day's edition. Files are in media storage;
    each build has new file names, so a cached copy of an old one never
    stands in for the new one."""

    day = models.DateField(unique=True, help_text="The site-zone date it covers.")
    pdf = models.CharField(max_length=255, help_text="Storage name of the PDF.")
    front_image = models.CharField(
        max_length=255, blank=True, help_text="Storage name of the front page PNG."
    )
    pages = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0, help_text="PDF size in bytes.")
    article_ids = models.JSONField(default=list, help_text="The articles it prints.")
    headlines = models.JSONField(default=list, help_text="Front page headlines.")
    built_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-day"]

    def __str__(self):
        return f"Edition of {self.day:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return f"/epaper/{self.day:%Y/%m/%d}/"


class EditionBuild(models.Model):
    """One build of an edition: the first, and each rebuild with its reason."""

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", "Daily schedule"
        COMMAND = "command", "Command line"
        ADMIN = "admin", "Admin"
        TAKEDOWN = "takedown", "Takedown"
        CORRECTION = "correction", "Correction"

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="builds"
    )
    at = models.DateTimeField(default=timezone.now)
    trigger = models.CharField(max_length=12, choices=Trigger.choices)
    reason = models.TextField(blank=True)
    article_id = models.IntegerField(
        null=True, blank=True, help_text="The story whose change caused a rebuild."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pages = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return (
            f"{self.edition}: {self.get_trigger_display()} at {self.at:%Y-%m-%d %H:%M}"
        )

    @property
    def public_note(self) -> str:
        """What readers are told on the edition's page. A takedown's reason
        may be legal or private: only the fact of it is public."""
        if self.trigger == self.Trigger.TAKEDOWN:
            return "A story was withdrawn from this edition."
        if self.trigger == self.Trigger.CORRECTION:
            return self.reason
        return ""
