from django.db import models
from django.http import Http404
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from masthead.newsroom.models import ArticlePage
from masthead.website.frontpage import front_page_context


class HomePage(Page):
    """The front page: a top story, the In Focus picks, the latest per section."""

    top_story = models.ForeignKey(
        "newsroom.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty to lead with the newest article.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("top_story"),
        InlinePanel("focus_picks", heading="In Focus picks", label="Pick", max_num=6),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def route(self, request, path_components):
        """Find a page below home in one or two queries instead of two per level.

        Articles are most of the traffic, so they are looked up first, with what
        their page shows (source, desk editor, picture) in the same query; the
        slug narrows the lookup to an index range (url_path has no index).
        """
        if not path_components:
            # This object may be the per-process copy kept for routing (see
            # core/sites.py): serve the front page from a fresh one.
            fresh = HomePage.objects.get(pk=self.pk)
            return super(HomePage, fresh).route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = (
            ArticlePage.objects.select_related("source", "desk_editor", "main_image")
            .filter(slug=path_components[-1], url_path=url_path)
            .first()
        )
        if page is None:
            base = Page.objects.filter(
                slug=path_components[-1], url_path=url_path
            ).first()
            if base is None:
                # Not a page path: let Wagtail walk the tree (routable pages).
                return super().route(request, path_components)
            page = base.specific
        if not page.live:
            raise Http404
        return page.route(request, [])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(front_page_context(self))
        return context


class HomeFocusPick(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="focus_picks")
    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]


class StandardPage(Page):
    """About us, Privacy Policy, Terms of Use and the like, edited in the admin."""

    intro = models.TextField(blank=True)
    body = RichTextField(blank=True)
    show_contact_details = models.BooleanField(
        default=False,
        help_text="Show the address, hotline and e-mail from the site settings.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("show_contact_details"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = ["website.StandardPage"]

    class Meta:
        verbose_name = "standard page"
