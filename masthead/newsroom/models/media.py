from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class VideoClip(index.Indexed, models.Model):
    """A video for a Video-section article: an uploaded MP4/WebM with a poster
    frame the worker cuts with ffmpeg, or an embed by URL."""

    title = models.CharField(max_length=255)
    file = models.FileField(
        upload_to="videos/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(["mp4", "webm"])],
        help_text="MP4 or WebM. The poster frame is made in the background.",
    )
    embed_url = models.URLField(blank=True, help_text="Or a video page URL to embed.")
    poster = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mime_type = models.CharField(max_length=40, blank=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    processing_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    panels = [
        FieldPanel("title"),
        FieldPanel("file"),
        FieldPanel("embed_url"),
        FieldPanel("poster"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


register_snippet(VideoClip)


class Takedown(models.Model):
    """A recorded reason for pulling an article off every public surface."""

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="takedowns"
    )
    reason = models.TextField()
    taken_down_at = models.DateTimeField(default=timezone.now)
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-taken_down_at"]

    def __str__(self):
        return f"Takedown of {self.article_id} at {self.taken_down_at:%Y-%m-%d %H:%M}"
