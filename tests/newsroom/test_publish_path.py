"""One publish path (issue 12, point 3): each change tells the CDN once, in one
batch, naming every address once; and a publish leaves no state of its own on
the page object for a later save to pick up.

The CDN is `RecordingCDN`, a frontend_cache backend configured as production
configures its own; tasks run at once (the test settings' ImmediateBackend),
so each PurgeBatch reaches it as one batch when the change commits.
"""

from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import cached_property

import pytest
from django.utils.functional import cached_property as django_cached_property
from wagtail.signals import page_published

from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.models import ArticlePage, RegionPage
from masthead.newsroom.publishing import lift_due_embargoes, take_down

from .recording_cdn import RecordingCDN

pytestmark = pytest.mark.integration

SITE = "http://testserver"
PUBLISHED_AT = datetime(2025, 5, 16, 20, 0, tzinfo=UTC)


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "tests.newsroom.recording_cdn.RecordingCDN"}
    }
    RecordingCDN.batches = []
    return RecordingCDN


@pytest.fixture
def region():
    return lambda slug: RegionPage.objects.get(slug=slug)


def _article(section, region, **kwargs):
    return ArticleFactory(
        parent=section("world"),
        slug="pow-swap",
        published_at=PUBLISHED_AT,
        regions=[region("pudong")],
        **kwargs,
    )


def _one_batch(cdn) -> set[str]:
    """The change's single batch, after checking it names no address twice."""
    assert len(cdn.batches) == 1, f"{len(cdn.batches)} batches: {cdn.batches}"
    (batch,) = cdn.batches
    twice = [url for url, n in Counter(batch).items() if n > 1]
    assert twice == []
    return set(batch)


def test_a_publish_tells_the_cdn_each_address_once(
    cdn, section, region, django_capture_on_commit_callbacks
):
    article = _article(section, region, publish=False)
    cdn.batches = []

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    urls = _one_batch(cdn)
    assert {
        f"{SITE}/news/world/pow-swap/",
        f"{SITE}/news/world/",
        f"{SITE}/",
        f"{SITE}/regions/pudong/",
        f"{SITE}/archive/2025/05/17/",
    } <= urls


def test_a_republish_under_a_new_slug_and_region_purges_old_and_new_once(
    cdn, section, region, django_capture_on_commit_callbacks
):
    article = _article(section, region)
    article.slug = "pow-swap-istanbul"
    article.regions.set([region("xuhui")])
    cdn.batches = []

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    urls = _one_batch(cdn)
    assert {
        f"{SITE}/news/world/pow-swap/",
        f"{SITE}/news/world/pow-swap-istanbul/",
        f"{SITE}/regions/pudong/",
        f"{SITE}/regions/xuhui/",
    } <= urls


@pytest.mark.parametrize("how", ["unpublish", "take down"])
def test_an_unpublish_or_takedown_is_one_batch(
    how, cdn, section, region, django_capture_on_commit_callbacks
):
    article = _article(section, region)
    cdn.batches = []

    with django_capture_on_commit_callbacks(execute=True):
        if how == "unpublish":
            article.unpublish()
        else:
            take_down(article, "Court order")

    urls = _one_batch(cdn)
    assert {f"{SITE}/news/world/pow-swap/", f"{SITE}/regions/pudong/"} <= urls


def test_an_embargo_lift_is_one_batch(
    cdn, section, region, django_capture_on_commit_callbacks
):
    article = _article(section, region)
    lifted_at = datetime.now(UTC) - timedelta(minutes=1)
    ArticlePage.objects.filter(pk=article.pk).update(embargo_until=lifted_at)
    cdn.batches = []

    with django_capture_on_commit_callbacks(execute=True):
        assert lift_due_embargoes(lifted_at - timedelta(minutes=1)) == 1

    assert f"{SITE}/news/world/pow-swap/" in _one_batch(cdn)


def test_a_move_purges_the_old_and_new_address_once(
    cdn, section, region, django_capture_on_commit_callbacks
):
    article = _article(section, region)
    cdn.batches = []

    with django_capture_on_commit_callbacks(execute=True):
        article.move(section("sport"), pos="last-child")

    urls = _one_batch(cdn)
    assert {f"{SITE}/news/world/pow-swap/", f"{SITE}/news/sport/pow-swap/"} <= urls


def test_deleting_a_section_purges_it_and_its_articles_in_one_batch(
    cdn, section, region, django_capture_on_commit_callbacks
):
    _article(section, region)
    ArticleFactory(parent=section("world"), slug="second-story")
    cdn.batches = []

    with django_capture_on_commit_callbacks(execute=True):
        section("world").delete()

    assert _one_batch(cdn) == {
        f"{SITE}/news/world/",
        f"{SITE}/news/world/pow-swap/",
        f"{SITE}/news/world/second-story/",
    }


# What Django, treebeard and Wagtail cache on a page object by themselves while
# it is published: the parent, the site root paths for its URL.
LIBRARY_CACHES = {"_cached_parent_obj", "_wagtail_cached_site_root_paths"}


def test_a_publish_leaves_nothing_of_its_own_on_the_page_object(
    section, region, django_capture_on_commit_callbacks
):
    article = _article(section, region)
    article.regions.set([region("xuhui")])
    revision = article.save_revision()
    published = []

    def keep(sender, instance, **kwargs):
        published.append(instance)

    page_published.connect(keep, weak=False, dispatch_uid="test-publish-path")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            revision.publish()
    finally:
        page_published.disconnect(dispatch_uid="test-publish-path")

    (page,) = published
    fresh = set(vars(revision.as_object()))
    added = {
        name
        for name in set(vars(page)) - fresh - LIBRARY_CACHES
        if not isinstance(
            getattr(type(page), name, None), (cached_property, django_cached_property)
        )
    }
    assert added == set()
