from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from masthead.newsroom.listing import paginate
from masthead.newsroom.models.articles import ArticlePage
from masthead.newsroom.tree import children


class PeopleIndexPage(Page):
    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["newsroom.PersonPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["people"] = (
            children(PersonPage, self).live().select_related("photo").order_by("title")
        )
        return context


class PersonPage(Page):
    """A reporter, editor, columnist or photographer, at /people/<slug>/."""

    class Role(models.TextChoices):
        REPORTER = "reporter", "Reporter"
        EDITOR = "editor", "Editor"
        COLUMNIST = "columnist", "Columnist"
        PHOTOGRAPHER = "photographer", "Photographer"
        CONTRIBUTOR = "contributor", "Contributor"

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.REPORTER)
    job_title = models.CharField(max_length=120, blank=True)
    bio = RichTextField(blank=True, features=["bold", "italic", "link"])
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    content_panels = Page.content_panels + [
        FieldPanel("role"),
        FieldPanel("job_title"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = Page.search_fields + [index.SearchField("bio")]
    parent_page_types = ["newsroom.PeopleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "person"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.published()
            .filter(models.Q(authors=self) | models.Q(desk_editor=self))
            .distinct()
        )
        context["page_of_articles"] = paginate(articles, request)
        return context
