"""Factories for the content model, shared by the tests and `masthead demo`.

They live in the package, not under tests/, because the demo command ships with
Masthead and must not import from the test tree (docs/decisions/0002).
"""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.rich_text import RichText

from masthead.newsroom.models import (
    ArticlePage,
    PeopleIndexPage,
    PersonPage,
    RegionIndexPage,
    RegionPage,
    SectionPage,
    Source,
    SpecialReportPage,
)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Source.Kind.AGENCY


class SectionFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Section {n}")
    show_in_menus = True


class RegionIndexFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RegionIndexPage

    title = "Regions"
    slug = "regions"
    show_in_menus = True


class RegionFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RegionPage

    title = factory.Sequence(lambda n: f"Region {n}")
    kind = RegionPage.Kind.DISTRICT


class PeopleIndexFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PeopleIndexPage

    title = "People"
    slug = "people"


class PersonFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PersonPage

    title = factory.Sequence(lambda n: f"Person {n}")
    role = PersonPage.Role.REPORTER


class SpecialReportFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SpecialReportPage

    title = factory.Sequence(lambda n: f"Special report {n}")


def paragraphs_to_body(paragraphs: list[str]) -> list[tuple]:
    """StreamField data from plain paragraphs (escaped, one block each)."""
    return [("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in paragraphs]


class ArticleFactory(wagtail_factories.PageFactory):
    """An article, published by default with a real revision, like an editor would.

    Pass `publish=False` for a draft, `published_at=` to back-date it, and
    `regions=`, `special_reports=`, `authors=` as lists.
    """

    class Meta:
        model = ArticlePage

    class Params:
        paragraphs = factory.LazyFunction(
            lambda: ["First paragraph of the story.", "Second paragraph of the story."]
        )

    title = factory.Sequence(lambda n: f"Headline number {n}")
    lead = "A short standfirst that sums the story up."
    body = factory.LazyAttribute(lambda o: paragraphs_to_body(o.paragraphs))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        publish = kwargs.pop("publish", True)
        published_at = kwargs.pop("published_at", None)
        m2m = {
            name: kwargs.pop(name)
            for name in ("regions", "special_reports", "authors")
            if name in kwargs
        }
        if published_at is not None:
            kwargs["first_published_at"] = published_at
        kwargs.setdefault("live", False)
        instance = super()._create(model_class, *args, **kwargs)
        for name, values in m2m.items():
            getattr(instance, name).set(values)
        revision = instance.save_revision()
        if publish:
            revision.publish()
            instance.refresh_from_db()
        return instance


def recent(minutes: int = 0, hours: int = 0, days: int = 0):
    return timezone.now() - timedelta(minutes=minutes, hours=hours, days=days)
