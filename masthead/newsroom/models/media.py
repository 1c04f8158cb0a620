from django.conf import settings
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language_info
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from masthead.newsroom.media.video import (
    clock_duration,
    iso_duration,
    validate_captions_file,
)


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
    captions = models.FileField(
        upload_to="videos/captions/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"]), validate_captions_file],
        help_text="Captions for the uploaded video: a WebVTT (.vtt) file in UTF-8.",
    )
    captions_language = models.CharField(
        max_length=35,
        blank=True,
        default="en",
        validators=[
            RegexValidator(
                r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
                "A language tag such as en, zh or zh-Hans.",
            )
        ],
        help_text="The captions' language, as a tag: en, zh, zh-Hans, fr ... (en if empty).",
    )
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
        FieldPanel("captions"),
        FieldPanel("captions_language"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def duration_clock(self) -> str:
        """ "2:05", as readers see it."""
        return clock_duration(self.duration_seconds)

    @property
    def duration_iso(self) -> str:
        """ "PT2M5S", for `<time datetime>`."""
        return iso_duration(self.duration_seconds)

    @property
    def captions_srclang(self) -> str:
        return self.captions_language or "en"

    @property
    def captions_label(self) -> str:
        """The captions menu's entry: the language's own name ("English",
        "简体中文"), else the tag."""
        tag = self.captions_srclang
        for candidate in (tag.lower(), tag.split("-")[0].lower()):
            try:
                return get_language_info(candidate)["name_local"]
            except KeyError:
                continue
        return tag


register_snippet(VideoClip)


class Takedown(models.Model):
    """A recorded reason for pulling an article off every public surface."""

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="takedowns"
    )
    reason = models.TextField()
    # Indexed: the desk panel starts from today's takedowns, not the archive.
    taken_down_at = models.DateTimeField(default=timezone.now, db_index=True)
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-taken_down_at"]

    def __str__(self):
        return f"Takedown of {self.article_id} at {self.taken_down_at:%Y-%m-%d %H:%M}"
