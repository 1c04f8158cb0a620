from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from masthead.core.models import SiteSettings
from masthead.core.navigation import navigation_for_request
from masthead.newsroom.blocks import ArticleBodyBlock
from masthead.newsroom.tree import view_restrictions


class ArticleQuerySet(PageQuerySet):
    def published(self):
        """The one definition of "live" for readers.

        Every public surface (pages, listings, archive, search, feeds, sitemap, API)
        goes through here. An embargo is checked again on top of Wagtail's `live`
        flag so that nothing (a preview link, a stray publish, a late worker)
        can show copy before its time.
        """
        now = timezone.now()
        return (
            self.live()
            # exclude(), not an OR of isnull/lte: SQLite without statistics turns
            # the OR into a scan of the embargo index and a sort of every article.
            .exclude(embargo_until__gt=now)
            .filter(first_published_at__isnull=False)
            # `id` (the page table's rowid), not `pk`: SQLite's index on the
            # publish time ends in the rowid, so this order needs no sort.
            .order_by("-first_published_at", "-id")
        )

    def for_listing(self):
        """The columns a teaser needs: source and picture joined, renditions in
        one extra query for the whole list."""
        return (
            self.select_related("source", "main_image", "video__poster")
            .prefetch_related("main_image__renditions", "video__poster__renditions")
            .defer_streamfields()
        )


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(Page):
    """One story. What the seed page shows is data here, not template text."""

    class OpinionKind(models.TextChoices):
        CHINESE_VIEWS = "chinese-views", "Chinese views"
        FOREIGN_VIEWS = "foreign-views", "Foreign views"
        BOOK_REVIEW = "book-review", "Book review"
        EDITORIAL = "editorial", "Editorial"

    lead = models.TextField(
        blank=True, help_text="The standfirst: one or two sentences under the headline."
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    kicker = models.CharField(max_length=80, blank=True)
    opinion_kind = models.CharField(
        max_length=20, choices=OpinionKind.choices, blank=True
    )

    source = models.ForeignKey(
        "newsroom.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    original_byline = models.CharField(max_length=255, blank=True)
    dateline = models.CharField(max_length=120, blank=True)
    agency_time = models.DateTimeField(null=True, blank=True)
    authors = ParentalManyToManyField(
        "newsroom.PersonPage", blank=True, related_name="authored_articles"
    )
    desk_editor = models.ForeignKey(
        "newsroom.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="edited_articles",
    )
    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Agency embargo: the article cannot appear anywhere before this.",
    )
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when a correction or update is added."
    )

    main_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video = models.ForeignKey(
        "newsroom.VideoClip",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    regions = ParentalManyToManyField(
        "newsroom.RegionPage", blank=True, related_name="articles"
    )
    special_reports = ParentalManyToManyField(
        "newsroom.SpecialReportPage", blank=True, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    comments_open = models.BooleanField(default=True)

    class WireFlag(models.TextChoices):
        NONE = "", "None"
        NEW_VERSION = "new-version", "The agency sent a new version"
        CANCELLED = "cancelled", "The agency cancelled the story: take it down"

    wire_item = models.ForeignKey(
        "wire.WireItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The agency item this article was made from.",
    )
    wire_flag = models.CharField(
        max_length=20, choices=WireFlag.choices, blank=True, db_index=True
    )

    objects = ArticleManager()

    content_panels = [
        TitleFieldPanel(
            "title",
            heading="Headline",
            placeholder="Headline*",
            help_text="As readers see it on the article, in lists and in search.",
        ),
        FieldPanel("kicker"),
        FieldPanel("lead"),
        FieldPanel("main_image"),
        FieldPanel("video"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldPanel("authors"),
                FieldPanel("original_byline"),
                FieldPanel("dateline"),
                FieldPanel("agency_time"),
                FieldPanel("desk_editor"),
            ],
            heading="Credit",
        ),
        MultiFieldPanel(
            [
                FieldPanel("regions"),
                FieldPanel("special_reports"),
                FieldPanel("tags"),
                FieldPanel("opinion_kind"),
            ],
            heading="Placement",
        ),
        InlinePanel("corrections", heading="Corrections and updates", label="Note"),
    ]
    settings_panels = Page.settings_panels + [
        FieldPanel("embargo_until"),
        FieldPanel("comments_open"),
        FieldPanel("wire_flag", read_only=True),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("original_byline"),
        index.FilterField("first_published_at"),
        index.FilterField("embargo_until"),
        index.FilterField("live"),
        index.FilterField("path"),
        index.RelatedFields("regions", [index.FilterField("id")]),
    ]
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article"

    def clean(self):
        # Deferred: publishing works on these models (imports them), and its
        # rules for embargo and corrections are kept there with the rest.
        from masthead.newsroom.publishing import apply_embargo, check_corrections_kept

        super().clean()
        apply_embargo(self)
        check_corrections_kept(self)

    @property
    def is_embargoed(self) -> bool:
        return bool(self.embargo_until and self.embargo_until > timezone.now())

    def serve(self, request, *args, **kwargs):
        if self.is_embargoed and not getattr(request, "is_preview", False):
            # Live by mistake or by a race: the embargo still wins.
            raise Http404("Not published yet.")
        return super().serve(request, *args, **kwargs)

    def get_view_restrictions(self):
        # One query when routing loaded the ancestors (HomePage.route).
        restrictions = view_restrictions(self)
        if restrictions is None:
            return super().get_view_restrictions()
        return restrictions

    def get_sitemap_urls(self, request=None):
        if self.is_embargoed:
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        crumbs = self.breadcrumb(navigation_for_request(request))
        context["breadcrumb"] = crumbs
        context["section"] = crumbs[-1] if crumbs else None
        # Deferred: fragments queries ArticlePage, defined in this module.
        from masthead.newsroom.fragments import related_block

        context["related_html"] = related_block(
            self, context["section"], SiteSettings.for_request(request)
        )
        # Filtered in Python: a preview renders from a revision, whose in-memory
        # relation is not a queryset with .live().
        context["in_special_reports"] = [
            r for r in self.special_reports.all() if r.live
        ]
        # Notes are only ever added by a publish that also sets updated_at.
        context["corrections"] = self.corrections.all() if self.updated_at else []
        context["authors"] = list(self.authors.all())
        return context

    def breadcrumb(self, navigation: dict | None = None) -> list:
        """Sections above the article, News / World, skipping the home page.

        Taken from the cached navigation when the sections are in it (no query);
        from the tree otherwise.
        """
        parent_url = self.url.rsplit("/", 2)[0] + "/" if self.url else ""
        if navigation and parent_url:
            trail = []
            for item in navigation.get("sections", []):
                if parent_url.startswith(item["url"]):
                    trail.append({"title": item["title"], "url": item["url"]})
                    for child in item.get("children", []):
                        if parent_url.startswith(child["url"]):
                            trail.append({"title": child["title"], "url": child["url"]})
            if trail and trail[-1]["url"] == parent_url:
                return trail
        return [
            {"title": p.title, "url": p.url, "pk": p.pk}
            for p in Page.objects.ancestor_of(self)
            .filter(depth__gt=2)
            .order_by("depth")
        ]

    @property
    def credit_source(self) -> str:
        return self.source.credit_text if self.source_id else ""

    @property
    def published_at(self):
        return self.first_published_at or self.go_live_at


class ArticleCorrection(Orderable):
    """A dated public note on an article; earlier notes stay when new ones come."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.UPDATE)
    noted_at = models.DateTimeField(default=timezone.now)
    text = models.TextField()

    panels = [FieldPanel("kind"), FieldPanel("noted_at"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "noted_at"]
