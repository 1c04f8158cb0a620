"""`masthead generate-archive`: bulk-made pages must be as good as add_child's."""

from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils.html import escape
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from masthead.core.models import SiteSettings
from masthead.newsroom.models import ArticlePage, SectionPage

pytestmark = pytest.mark.integration

NO_PROBLEMS = ([], [], [], [], [])


@pytest.fixture
def archive(site_tree):
    call_command("generate_archive", articles=300, seed=7, days=30, verbosity=0)
    return ArticlePage.objects.published()


def test_makes_published_articles_in_a_sound_tree(archive):
    assert archive.count() == 300
    assert Page.find_problems() == NO_PROBLEMS
    for section in SectionPage.objects.all():
        real = Page.objects.child_of(section).count()
        assert section.numchild == real, section.slug
    article = archive.first()
    assert article.url_path == f"{article.get_parent().url_path}{article.slug}/"
    assert article.lead and len(article.body) >= 4
    assert article.source is not None and article.desk_editor is not None


def test_articles_show_in_section_listing_and_archive_day(client, archive):
    article = archive.first()  # the newest, first on every listing it is in
    section = article.get_parent()
    html = client.get(section.url).content.decode()
    assert article.url in html
    zone = ZoneInfo(SiteSettings.objects.get().time_zone)
    day = article.first_published_at.astimezone(zone).date()
    response = client.get(f"/archive/{day:%Y/%m/%d}/")
    assert response.status_code == 200
    assert article.url in response.content.decode()
    page = client.get(article.url)
    assert page.status_code == 200
    # The page escapes what it prints (Xi'an -> Xi&#x27;an).
    assert escape(article.lead) in page.content.decode()


def test_articles_are_indexed_for_search_without_update_index(client, archive):
    content_type = ContentType.objects.get_for_model(ArticlePage)
    assert IndexEntry.objects.filter(content_type=content_type).count() == 300
    article = archive.last()
    hits = ArticlePage.objects.published().search(article.title, operator="and")
    assert article.pk in [hit.pk for hit in hits]
    word = article.title.split()[-1]
    response = client.get("/search/", {"q": word})
    assert response.status_code == 200
    assert "<mark>" in response.content.decode()


def test_admin_can_open_a_generated_article(admin_client, archive):
    article = archive.first()
    assert admin_client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    parent = article.get_parent()
    assert admin_client.get(f"/admin/pages/{parent.pk}/").status_code == 200


def test_running_again_adds_more_without_collisions(archive):
    call_command("generate_archive", articles=50, seed=7, days=30, verbosity=0)
    assert ArticlePage.objects.published().count() == 350
    assert Page.find_problems() == NO_PROBLEMS
    paths = Counter(Page.objects.values_list("path", flat=True))
    assert max(paths.values()) == 1
    slugs = Counter(ArticlePage.objects.values_list("url_path", flat=True))
    assert max(slugs.values()) == 1
