import time

from django.db import models
from django.http import Http404
from django.template.loader import render_to_string
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from masthead.core.models import SiteSettings
from masthead.newsroom.fragments import listing_fragment, settings_key
from masthead.newsroom.models import ArticlePage, SectionPage
from masthead.newsroom.tree import children, load_ancestors
from masthead.website.frontpage import front_page_context

# Slugs of the sections right below each home page, per process, re-read
# after SECTION_SLUGS_SECONDS: they only choose which lookup route() tries
# first, so a stale answer costs a query, never a wrong page.
SECTION_SLUGS_SECONDS = 60
_section_slugs_memo: dict[int, tuple[float, frozenset]] = {}


def _section_slugs(home) -> frozenset:
    now = time.monotonic()
    memo = _section_slugs_memo.get(home.pk)
    if memo is None or now - memo[0] > SECTION_SLUGS_SECONDS:
        slugs = frozenset(
            children(SectionPage, home).values_list("slug", flat=True).order_by()
        )
        memo = _section_slugs_memo[home.pk] = (now, slugs)
    return memo[1]


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
        page = None
        if len(path_components) > 1 and path_components[0] in _section_slugs(self):
            # Articles live in sections, never right below home nor in the
            # regions, people or static pages.
            page = (
                ArticlePage.objects.select_related(
                    "source", "desk_editor", "main_image"
                )
                .filter(slug=path_components[-1], url_path=url_path)
                .first()
            )
            if page is not None:
                load_ancestors(page)
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
        site_settings = SiteSettings.for_request(request)

        def render_front() -> str:
            return render_to_string(
                "website/front.html",
                {
                    **front_page_context(self),
                    "site_settings": site_settings,
                    "comment_slots": True,
                },
                request=request,
            )

        # The stories are the same for every reader until an article changes
        # (each purge moves the archive's generation on) or the page is
        # published again (its revision is in the name).
        context["front_html"] = listing_fragment(
            f"home:{self.pk}:{self.live_revision_id}:{settings_key(site_settings)}",
            render_front,
            request,
        )
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
