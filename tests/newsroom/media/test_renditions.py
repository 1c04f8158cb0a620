"""Renditions are made by the worker, never while a reader's page renders."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.template import Context, Template
from PIL import Image as PILImage

from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.media.renditions import (
    FORMATS,
    RENDITION_SETS,
    all_specs,
    picture_html,
    rendition_prefetch,
    specs_for_set,
)
from masthead.newsroom.media.tasks import make_renditions
from masthead.newsroom.models import NewsImage, NewsRendition

from .conftest import queued

pytestmark = pytest.mark.integration

PIL_FORMAT = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}


def render_page(client, url):
    caches["pages"].clear()  # the full-page cache would answer with old bytes
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def article_with_image(section, make_image, dummy_tasks):
    image = make_image(
        "Harbour at dawn", width=1280, height=720, caption="Boats", credit="Li Wei"
    )
    article = ArticleFactory(
        parent=section("world"),
        title="Port reopens",
        slug="port-reopens",
        main_image=image,
        published_at=datetime(2025, 5, 16, 15, 35, tzinfo=UTC),
    )
    dummy_tasks.clear()
    return article, image


def test_pillow_here_encodes_avif_and_webp():
    from PIL import features

    assert features.check("avif")
    assert features.check("webp")


def test_one_declared_set_of_specs():
    assert set(RENDITION_SETS) == {"teaser", "lead", "article"}
    assert FORMATS == ("avif", "webp", "jpeg")
    assert specs_for_set("article") == [
        f"width-{w}|format-{fmt}" for fmt in FORMATS for w in (480, 800, 1200)
    ]
    assert len(all_specs()) == 8 * 3
    with pytest.raises(ValueError, match="Unknown rendition set"):
        specs_for_set("hero")


def test_saving_an_image_queues_make_renditions_on_the_media_queue(
    make_image, dummy_tasks
):
    image = make_image()
    [result] = queued(dummy_tasks, "make_renditions")
    assert result.args == [image.pk] or tuple(result.args) == (image.pk,)
    assert result.task.queue_name == "media"
    assert NewsRendition.objects.count() == 0

    image.title = "New title"
    image.save(update_fields=["title"])  # no pixels changed: nothing queued
    assert len(queued(dummy_tasks, "make_renditions")) == 1

    image.set_focal_point(None)
    image.focal_point_x, image.focal_point_y = 100, 100
    image.focal_point_width = image.focal_point_height = 50
    image.save()  # a new focal point needs new crops
    assert len(queued(dummy_tasks, "make_renditions")) == 2


def test_page_render_makes_no_renditions_then_the_worker_makes_them(
    client, article_with_image, dummy_tasks
):
    article, image = article_with_image

    # Before the worker: the original, with its size; no rendition is made.
    page = render_page(client, article.url)
    render_page(client, article.url)
    assert NewsRendition.objects.count() == 0
    img = page.select_one(".article__figure img")
    assert img["src"] == image.file.url
    assert (img["width"], img["height"]) == ("1280", "720")
    assert img["alt"] == "Photo: Harbour at dawn"
    assert page.select(".article__figure source") == []
    # ...and the task is queued once, not on every render.
    assert len(queued(dummy_tasks, "make_renditions")) == 1

    # The worker runs the task: every set in AVIF, WebP and JPEG.
    assert make_renditions.call(image.pk) == 24
    assert make_renditions.call(image.pk) == 0  # idempotent
    renditions = NewsRendition.objects.filter(image=image)
    assert renditions.count() == 24
    for rendition in renditions:
        fmt = rendition.filter_spec.rsplit("format-", 1)[1]
        with rendition.file.open("rb") as fh, PILImage.open(fh) as im:
            assert im.format == PIL_FORMAT[fmt], rendition.filter_spec

    # Now the page has AVIF and WebP sources and a JPEG <img> with srcset.
    page = render_page(client, article.url)
    assert NewsRendition.objects.count() == 24
    figure = page.select_one(".article__figure picture")
    avif, webp = figure.select("source")
    assert avif["type"] == "image/avif"
    assert webp["type"] == "image/webp"
    for source, ext in ((avif, ".avif"), (webp, ".webp")):
        entries = [e.strip().split(" ") for e in source["srcset"].split(",")]
        assert [w for _, w in entries] == ["480w", "800w", "1200w"]
        assert all(url.endswith(ext) for url, _ in entries)
        assert source["sizes"] == "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
    img = figure.select_one("img")
    assert img["src"].endswith(".jpg")
    assert (img["width"], img["height"]) == ("480", "270")
    assert img["srcset"].count("w,") == 2
    assert img["alt"] == "Photo: Harbour at dawn"


def test_teasers_use_their_own_sets(client, section, article_with_image):
    article, image = article_with_image
    make_renditions.call(image.pk)
    ArticleFactory(parent=section("world"), title="Sibling", slug="sibling")
    page = render_page(client, "/news/world/sibling/")
    teaser_img = page.select_one(".related .teaser__image picture source")
    assert "320w" in teaser_img["srcset"] and "640w" in teaser_img["srcset"]
    assert page.select_one(".related .teaser__image img")["alt"] == ""


def test_a_new_focal_point_shows_old_crops_until_the_worker_runs(
    make_image, dummy_tasks
):
    image = make_image()
    make_renditions.call(image.pk)
    dummy_tasks.clear()
    caches["default"].clear()
    image.focal_point_x, image.focal_point_y = 1400, 450
    image.focal_point_width, image.focal_point_height = 200, 200
    image.save()
    dummy_tasks.clear()

    html = picture_html(image, "teaser")
    assert "320w" in html  # the old crop, not the 1600px original
    assert len(queued(dummy_tasks, "make_renditions")) == 1
    # fill- crops vary with the focal point (5 sizes x 3 formats); width- do not.
    assert make_renditions.call(image.pk) == 15
    assert NewsRendition.objects.filter(image=image).count() == 24 + 15


def test_the_tag_costs_one_query_or_none_when_prefetched(
    make_image, django_assert_num_queries
):
    image = make_image()  # ImmediateBackend: renditions made on save
    image = NewsImage.objects.get(pk=image.pk)
    with django_assert_num_queries(1):
        html = picture_html(image, "article", alt="x")
    assert html.count("<source") == 2

    [prefetched] = NewsImage.objects.filter(pk=image.pk).prefetch_related(
        rendition_prefetch("article")
    )
    with django_assert_num_queries(0):
        assert picture_html(prefetched, "article", alt="x") == html


def test_template_tag_arguments(make_image):
    image = make_image()
    html = Template(
        '{% load media_tags %}{% responsive_image image "teaser" alt="A & B" '
        'sizes="50vw" class="wide" loading="lazy" %}'
    ).render(Context({"image": image}))
    img = BeautifulSoup(html, "html.parser").select_one("picture > img")
    assert img["alt"] == "A & B"
    assert img["class"] == ["wide"]
    assert img["loading"] == "lazy"
    assert img["sizes"] == "50vw"
    assert (
        Template('{% load media_tags %}{% responsive_image image "teaser" %}').render(
            Context({"image": None})
        )
        == ""
    )


def test_missing_original_does_not_fail_the_worker(make_image, dummy_tasks):
    image = make_image()
    image.file.storage.delete(image.file.name)
    assert make_renditions.call(image.pk) == -1
    assert make_renditions.call(999_999) == 0
