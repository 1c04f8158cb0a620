from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from masthead.newsroom.listing import paginate
from masthead.newsroom.models.articles import ArticlePage
from masthead.newsroom.tree import children


class SectionPage(Page):
    """News, Business, World, Opinion, ...: the seed's navigation is a tree of these.

    A section lists every article below it (News shows World's stories too),
    newest first, with cursor pagination so a 100k-article section costs the same
    as a small one.
    """

    intro = models.TextField(blank=True)
    is_video = models.BooleanField(
        default=False, help_text="List video articles with their posters."
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("is_video")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["website.HomePage", "newsroom.SectionPage"]
    subpage_types = [
        "newsroom.SectionPage",
        "newsroom.ArticlePage",
        "newsroom.SpecialReportPage",
    ]

    class Meta:
        verbose_name = "section"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if request.GET.get("before"):
            # Older pages are read rarely: rendered as they are asked for.
            context.update(self.listing_context(request))
            return context
        # Deferred: fragments imports these models.
        from masthead.newsroom.fragments import page_listing_html

        context["content_html"] = page_listing_html(
            self, request, "newsroom/section_content.html", self.listing_context
        )
        return context

    def listing_context(self, request) -> dict:
        return {
            "subsections": list(children(SectionPage, self).live().in_menu()),
            "special_reports": list(
                children(SpecialReportPage, self).live().order_by("-first_published_at")
            ),
            "page_of_articles": paginate(
                ArticlePage.objects.published().descendant_of(self), request
            ),
        }


class SpecialReportPage(Page):
    """A collection of articles on one subject, e.g. a war, an election, an expo."""

    intro = models.TextField(blank=True)
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("image")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "special report"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_of_articles"] = paginate(
            ArticlePage.objects.published().filter(special_reports=self), request
        )
        return context
