from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class NewsImage(AbstractImage):
    """An image with what a newspaper must print beside it: alt text, caption, credit."""

    alt_text = models.CharField(
        max_length=255,
        help_text="Describe the picture for readers who cannot see it.",
    )
    caption = models.TextField(blank=True)
    credit = models.CharField(max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + ("alt_text", "caption", "credit")

    @property
    def default_alt_text(self):
        return self.alt_text or self.title


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(
        NewsImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
