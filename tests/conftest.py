import pytest


@pytest.fixture
def site_tree(db):
    """The seed's sections, regions, people index and static pages."""
    from masthead.website.sitetree import build_site_tree

    return build_site_tree(hostname="testserver")


@pytest.fixture
def xinhua(db):
    from masthead.newsroom.factories import SourceFactory

    return SourceFactory(name="Xinhua", slug="xinhua", credit="Xinhua")


@pytest.fixture
def section(site_tree):
    from masthead.newsroom.models import SectionPage

    return lambda slug: SectionPage.objects.get(slug=slug)


@pytest.fixture(autouse=True)
def _fresh_caches():
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
