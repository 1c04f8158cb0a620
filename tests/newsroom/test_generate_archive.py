"""`masthead generate-archive`: bulk-made pages must be as good as add_child's."""

from collections import Counter
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.utils.html import escape
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from masthead.core.models import SiteSettings
from masthead.newsroom.models import ArticlePage, SectionPage
from masthead.website.search import article_text

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


def test_fixtree_finds_nothing_to_fix(archive):
    out = StringIO()
    call_command("fixtree", stdout=out)
    assert "No problems found" in out.getvalue()
    paths = list(
        Page.objects.child_of(archive.first().get_parent()).values_list("path", "depth")
    )
    # Steps follow each other (treebeard's next child goes after the last one).
    steps = sorted(Page._str2int(p[-Page.steplen :]) for p, _ in paths)
    assert steps == list(range(steps[0], steps[0] + len(steps)))


def test_many_articles_have_a_lead_image_that_renders(client, archive):
    with_image = archive.exclude(main_image=None)
    assert 0.4 < with_image.count() / 300 < 0.8
    article = with_image.first()
    html = client.get(article.url).content.decode()
    assert article.main_image.alt_text in html


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
    # A headline word the text repeats: the snippet (lead and body) marks it.
    text = article_text(article).lower()
    word = next(w for w in reversed(article.title.split()) if f" {w.lower()} " in text)
    response = client.get("/search/", {"q": word})
    assert response.status_code == 200
    assert "<mark>" in response.content.decode(), word


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


def test_copied_index_rows_are_what_wagtail_writes(archive):
    """On PostgreSQL the rows go in by COPY and INSERT ... SELECT: each must be
    the row Wagtail's own indexer writes for the same article."""
    if connection.vendor != "postgresql":
        pytest.skip("the COPY path is PostgreSQL's")
    backend = get_search_backend()
    columns = "title::text, autocomplete::text, body::text, title_text, body_text"
    articles = list(archive.order_by("pk")[:40])
    assert any(a.original_byline for a in articles)  # agency copy, indexed too
    assert any(b.block_type == "quote" for a in articles for b in a.body)
    with connection.cursor() as cursor:

        def rows():
            cursor.execute(
                f"SELECT object_id, {columns} FROM wagtailsearch_indexentry "
                "WHERE object_id = ANY(%s) ORDER BY object_id",
                [[str(a.pk) for a in articles]],
            )
            return cursor.fetchall()

        copied = rows()
        backend.add_bulk(ArticlePage, articles)
        assert rows() == copied
    assert len(copied) == 40
