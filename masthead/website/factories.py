"""Factories for the website's own pages, shared by the tests and the demo.

Beside `masthead.newsroom.factories` rather than in it: the newsroom must not
import the website (the layers run core <- newsroom <- website).
"""

import factory
import wagtail_factories

from masthead.website.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    slug = "home"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")
    body = "<p>A page of the site.</p>"
