from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class Source(index.Indexed, models.Model):
    """Who the copy comes from: an agency, a partner, or our own staff."""

    class Kind(models.TextChoices):
        AGENCY = "agency", "News agency"
        PARTNER = "partner", "Partner"
        STAFF = "staff", "Staff"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.AGENCY)
    credit = models.CharField(
        max_length=120,
        blank=True,
        help_text="Wording of the credit line; the name when empty.",
    )
    wire_provider_codes = models.CharField(
        max_length=255,
        blank=True,
        help_text="Comma-separated provider names/codes used by this source's wire feed.",
    )
    allow_in_feeds = models.BooleanField(
        default=True,
        help_text="On: RSS and Atom feeds carry the full text and pictures. Off: the "
        "headline, summary and link only, for copy we may not redistribute.",
    )
    allow_in_api = models.BooleanField(default=True)
    allow_in_newsletter = models.BooleanField(default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("credit"),
        FieldPanel("wire_provider_codes"),
        MultiFieldPanel(
            [
                FieldPanel("allow_in_feeds"),
                FieldPanel("allow_in_api"),
                FieldPanel("allow_in_newsletter"),
            ],
            heading="Licence",
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def credit_text(self) -> str:
        return self.credit or self.name


register_snippet(Source)
