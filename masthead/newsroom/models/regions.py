from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from masthead.newsroom.listing import paginate
from masthead.newsroom.models.articles import ArticlePage
from masthead.newsroom.tree import children


class RegionIndexPage(Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["newsroom.RegionPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        regions = list(children(RegionPage, self).live().order_by("path"))
        context["districts"] = [
            r for r in regions if r.kind == RegionPage.Kind.DISTRICT
        ]
        context["cities"] = [r for r in regions if r.kind == RegionPage.Kind.CITY]
        return context


class RegionPage(Page):
    """A city district or another city; articles are tagged with any number of these."""

    class Kind(models.TextChoices):
        DISTRICT = "district", "City district"
        CITY = "city", "Other city"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DISTRICT)
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("kind"), FieldPanel("intro")]
    parent_page_types = ["newsroom.RegionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "region"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if request.GET.get("before"):
            # Older pages are read rarely: rendered as they are asked for.
            context.update(self.listing_context(request))
            return context
        # Deferred: fragments imports these models.
        from masthead.newsroom.fragments import page_listing_html

        context["content_html"] = page_listing_html(
            self, request, "newsroom/region_content.html", self.listing_context
        )
        return context

    def listing_context(self, request) -> dict:
        return {
            "page_of_articles": paginate(
                ArticlePage.objects.published().filter(regions=self), request
            )
        }
