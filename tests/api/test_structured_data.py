"""Structured data and social cards, read back as crawlers read them (extruct):
every property of the `NewsArticle` against the article, Open Graph and Twitter
tags, `WebSite` and `CollectionPage`, and the pages that try to break them."""

import json
from datetime import UTC, datetime

import extruct
import pytest
from bs4 import BeautifulSoup
from django_tasks import default_task_backend

from masthead.api.structured.script import dumps
from masthead.api.structured.tasks import make_share_renditions
from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.media.renditions import ensure_renditions
from masthead.newsroom.models import ArticleCorrection, NewsRendition

from .conftest import ARABIC_BODY, ARABIC_TITLE, SITE, make_image

pytestmark = pytest.mark.integration

LOGO = {
    "@type": "ImageObject",
    "url": f"{SITE}/static/readers/app/icon-512.png",
    "width": 512,
    "height": 512,
}


def read(client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    html = response.content.decode()
    data = extruct.extract(
        html, base_url=SITE, syntaxes=["json-ld", "opengraph"], uniform=False
    )
    head = BeautifulSoup(html.split("</head>")[0], "html.parser")
    og = {}
    for block in data["opengraph"]:
        for name, value in block["properties"]:
            og.setdefault(name, []).append(value)
    twitter = {
        tag["name"]: tag["content"]
        for tag in head.find_all("meta", attrs={"name": True})
        if tag["name"].startswith("twitter:")
    }
    return {"json_ld": data["json-ld"], "og": og, "twitter": twitter, "html": html}


def only(items: list, kind: str) -> dict:
    found = [item for item in items if item.get("@type") == kind]
    assert len(found) == 1, items
    return found[0]


def iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds")


def ratio(image: dict) -> str:
    width, height = image["width"], image["height"]
    return {16 / 9: "16x9", 4 / 3: "4x3", 1.0: "1x1"}.get(width / height, "?")


@pytest.fixture
def bridge(newsroom):
    """The staff story, with a dateline, a correction and an update, a picture
    big enough for full-size crops, and its crops made by the worker."""
    article = newsroom["bridge"]
    picture = make_image("Harbour at noon", width=1600, height=1000)
    article.main_image = picture
    article.dateline = "SHANGHAI"
    article.save_revision().publish()
    ArticleCorrection.objects.create(
        article=article,
        kind=ArticleCorrection.Kind.CORRECTION,
        text="An earlier version gave the wrong opening year.",
        noted_at=datetime(2025, 5, 17, 2, 0, tzinfo=UTC),
    )
    ArticleCorrection.objects.create(
        article=article,
        kind=ArticleCorrection.Kind.UPDATE,
        text="Adds the mayor's remarks.",
        noted_at=datetime(2025, 5, 17, 3, 0, tzinfo=UTC),
    )
    article.refresh_from_db()
    article.save_revision().publish()
    article.refresh_from_db()
    assert make_share_renditions.call(picture.pk) == 3
    return article


def test_news_article_says_everything_about_a_staff_story(client, newsroom, bridge):
    page = read(client, bridge.url)
    article = only(page["json_ld"], "NewsArticle")
    url = f"{SITE}{bridge.url}"
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == bridge.title
    assert article["description"] == bridge.lead
    assert article["url"] == url
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["datePublished"] == iso(bridge.first_published_at)
    assert article["datePublished"] == "2025-05-16T20:00:00+00:00"
    assert bridge.updated_at is not None
    assert article["dateModified"] == iso(bridge.updated_at)
    assert article["author"] == [
        {"@type": "Person", "name": "Li Hua", "url": f"{SITE}/people/li-hua/"}
    ]
    assert article["publisher"]["@type"] == "NewsMediaOrganization"
    assert article["publisher"]["name"] == "Masthead Daily"
    assert article["publisher"]["url"] == f"{SITE}/"
    assert article["publisher"]["logo"] == LOGO
    assert "https://x.com/mastheaddaily" in article["publisher"]["sameAs"]
    assert article["articleSection"] == "World"
    assert article["isAccessibleForFree"] is True
    assert article["locationCreated"] == {"@type": "Place", "name": "SHANGHAI"}
    # Corrections only: an update is not a correction (dateModified covers it).
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "An earlier version gave the wrong opening year.",
            "datePublished": "2025-05-17T02:00:00+00:00",
        }
    ]

    images = article["image"]
    assert [ratio(image) for image in images] == ["16x9", "4x3", "1x1"]
    crops = {
        r.url: r
        for r in NewsRendition.objects.filter(image=bridge.main_image)
        if r.filter_spec.startswith("fill-1200x")
    }
    for image in images:
        assert image["@type"] == "ImageObject"
        assert image["url"] == image["contentUrl"]
        assert image["url"].startswith(f"{SITE}/media/")
        rendition = crops[image["url"].removeprefix(SITE)]
        assert (image["width"], image["height"]) == (rendition.width, rendition.height)
        assert image["caption"] == "Harbour at noon."
        assert image["creditText"] == "Masthead photo"
    assert (images[0]["width"], images[0]["height"]) == (1200, 675)
    assert (images[1]["width"], images[1]["height"]) == (1200, 900)
    assert images[2]["width"] == images[2]["height"] == 1000  # never enlarged


def test_open_graph_and_twitter_cards_of_a_story(client, bridge):
    page = read(client, bridge.url)
    og, twitter = page["og"], page["twitter"]
    url = f"{SITE}{bridge.url}"
    wide = only(page["json_ld"], "NewsArticle")["image"][0]
    assert og["og:type"] == ["article"]
    assert og["og:title"] == [bridge.title]
    assert og["og:description"] == [bridge.lead]
    assert og["og:url"] == [url]
    assert og["og:site_name"] == ["Masthead Daily"]
    assert og["og:image"] == [wide["url"]]
    assert og["og:image:width"] == ["1200"]
    assert og["og:image:height"] == ["675"]
    assert og["og:image:alt"] == ["Photo: Harbour at noon"]
    assert og["article:published_time"] == [iso(bridge.first_published_at)]
    assert og["article:modified_time"] == [iso(bridge.updated_at)]
    assert og["article:section"] == ["World"]
    assert og["article:author"] == [f"{SITE}/people/li-hua/"]
    # og:url is the canonical address.
    canonical = BeautifulSoup(page["html"], "html.parser").find("link", rel="canonical")
    assert canonical["href"] == url
    assert twitter == {
        "twitter:card": "summary_large_image",
        "twitter:site": "@mastheaddaily",  # the paper's X link in site settings
        "twitter:title": bridge.title,
        "twitter:description": bridge.lead,
        "twitter:image": wide["url"],
        "twitter:image:alt": "Photo: Harbour at noon",
    }


def test_agency_copy_is_credited_to_the_agency(client, newsroom):
    story = newsroom["licensed"]
    article = only(read(client, story.url)["json_ld"], "NewsArticle")
    assert article["author"] == [{"@type": "Organization", "name": "Xinhua"}]
    assert article["dateModified"] == iso(story.last_published_at)
    assert "correction" not in article


def test_a_story_with_no_picture_author_or_lead_is_still_valid(client, newsroom):
    story = newsroom["bare"]
    page = read(client, story.url)
    article = only(page["json_ld"], "NewsArticle")
    assert article["headline"] == story.title
    assert article["articleSection"] == "Sport"
    for missing in ("author", "image", "description", "locationCreated"):
        assert missing not in article
    assert article["publisher"]["logo"] == LOGO
    assert "og:image" not in page["og"]
    assert page["twitter"]["twitter:card"] == "summary"
    assert page["twitter"]["twitter:site"] == "@mastheaddaily"
    assert "twitter:image" not in page["twitter"]


def test_the_original_stands_in_until_the_worker_made_the_crops(client, newsroom):
    story = newsroom["unlicensed"]  # quiet tasks: nothing made behind the test
    image = story.main_image
    article = only(read(client, story.url)["json_ld"], "NewsArticle")
    assert article["image"] == [
        {
            "@type": "ImageObject",
            "url": f"{SITE}{image.file.url}",
            "contentUrl": f"{SITE}{image.file.url}",
            "width": image.width,
            "height": image.height,
            "caption": image.caption,
            "creditText": image.credit,
        }
    ]
    assert not NewsRendition.objects.filter(image=image).exists()


def test_right_to_left_text_and_a_full_length_headline(client, newsroom, section):
    rtl = newsroom["rtl"]
    article = only(read(client, rtl.url)["json_ld"], "NewsArticle")
    assert article["headline"] == ARABIC_TITLE
    assert article["description"] == ARABIC_BODY

    headline = ("A headline that runs and runs " * 9)[:255]
    long = ArticleFactory(parent=section("world"), slug="long", title=headline)
    page = read(client, long.url)
    assert only(page["json_ld"], "NewsArticle")["headline"] == headline
    assert page["og"]["og:title"] == [headline]


def test_markup_in_the_text_cannot_leave_the_script(client, newsroom, section):
    hostile = '</script><script>alert("x")</script> <!-- Tom \u2028& Jerry >'
    story = ArticleFactory(
        parent=section("world"), slug="hostile", title=hostile, lead=hostile
    )
    page = read(client, story.url)
    article = only(page["json_ld"], "NewsArticle")
    assert article["headline"] == hostile
    assert article["description"] == hostile
    scripts = BeautifulSoup(page["html"], "html.parser").find_all(
        "script", type="application/ld+json"
    )
    assert len(scripts) == 1
    raw = scripts[0].string
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw)["headline"] == hostile
    assert page["og"]["og:title"] == [hostile]


def test_escaping_and_text_that_utf8_cannot_carry():
    assert dumps({"a": "<b>&</b>"}) == '{"a":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e"}'
    assert json.loads(dumps({"a": "\u2028مرحبا"})) == {"a": "\u2028مرحبا"}
    broken = dumps({"a": "x\ud800y"})  # a lone surrogate
    broken.encode("utf-8")
    assert json.loads(broken) == {"a": "x\ud800y"}


def test_nothing_comes_from_an_unpublished_revision(client, newsroom):
    story = newsroom["licensed"]
    story.title = "Draft headline nobody approved"
    story.lead = "Draft lead."
    story.save_revision()  # saved, not published
    page = read(client, story.url)
    article = only(page["json_ld"], "NewsArticle")
    assert article["headline"] == "Talks resume in Geneva"
    assert article["description"] == "Negotiators met again on Friday."
    assert "Draft" not in page["html"]


def test_home_page_is_the_website_with_its_search_box(client, newsroom):
    page = read(client, "/")
    site = only(page["json_ld"], "WebSite")
    assert site["name"] == "Masthead Daily"
    assert site["url"] == f"{SITE}/"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"] == {
        "@type": "EntryPoint",
        "urlTemplate": f"{SITE}/search/?q={{search_term_string}}",
    }
    assert action["query-input"] == "required name=search_term_string"
    assert site["publisher"]["@type"] == "NewsMediaOrganization"
    assert site["publisher"]["logo"] == LOGO
    # The template really is the reader search.
    query = client.get("/search/", {"q": "harbour bridge"})
    assert query.status_code == 200
    assert "Harbour bridge reopens" in query.content.decode()
    assert page["og"]["og:type"] == ["website"]
    assert page["og"]["og:url"] == [f"{SITE}/"]
    assert page["twitter"]["twitter:card"] == "summary"


@pytest.mark.parametrize(
    ("path", "name", "place"),
    [("/news/world/", "World", False), ("/regions/pudong/", "Pudong", True)],
)
def test_listing_pages_are_collection_pages(client, newsroom, path, name, place):
    page = read(client, path)
    collection = only(page["json_ld"], "CollectionPage")
    assert collection["name"] == name
    assert collection["url"] == f"{SITE}{path}"
    assert collection["isPartOf"]["@type"] == "WebSite"
    assert collection["isPartOf"]["potentialAction"]["@type"] == "SearchAction"
    assert collection["publisher"]["@type"] == "NewsMediaOrganization"
    assert ("about" in collection) is place
    if place:
        assert collection["about"] == {"@type": "Place", "name": name}
    assert page["og"]["og:title"] == [name]
    assert page["og"]["og:url"] == [f"{SITE}{path}"]


def test_publishing_a_story_has_its_crops_made_by_the_worker(section, settings):
    # Tasks run at once here, standing in for the worker.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "wire", "media"],
        }
    }
    image = make_image("Skyline", width=1600, height=1000)
    crops = NewsRendition.objects.filter(
        image=image, filter_spec__startswith="fill-1200x"
    )
    assert not crops.exists()  # an upload alone is not cropped for cards
    ArticleFactory(parent=section("world"), slug="skyline", main_image=image)
    assert sorted(crops.values_list("width", "height")) == [
        (1000, 1000),
        (1200, 675),
        (1200, 900),
    ]
    assert make_share_renditions.call(image.pk) == 0  # only what is missing


def test_a_page_missing_its_crops_queues_them_once(client, newsroom):
    story = newsroom["unlicensed"]
    default_task_backend.clear()
    for _ in range(3):
        client.get(story.url)
    queued = [
        r.args
        for r in default_task_backend.results
        if r.task.name == "make_share_renditions"
    ]
    assert queued == [[story.main_image_id]]


def test_the_head_adds_no_query_to_the_article(
    client, newsroom, django_assert_max_num_queries
):
    # design.md §8: an article render stays within 12 queries. The share crops
    # are read with the lead picture's own renditions: one query for both.
    story = newsroom["unlicensed"]  # a lead picture, no pictures in the body
    make_share_renditions.call(story.main_image_id)
    ensure_renditions(story.main_image)  # the article's own sizes, as the worker does
    client.get(story.url)  # warm the navigation cache, as any running site has
    with django_assert_max_num_queries(12) as captured:
        response = client.get(story.url)
    renditions = [
        q["sql"]
        for q in captured.captured_queries
        if "newsroom_newsrendition" in q["sql"]
    ]
    assert len(renditions) == 1
    page = read(client, story.url)
    assert [ratio(i) for i in only(page["json_ld"], "NewsArticle")["image"]] == [
        "16x9",
        "4x3",
        "1x1",
    ]
    # The article's own <picture> found its sizes among the same rows.
    figure = BeautifulSoup(response.content, "html.parser").select_one(
        ".article__figure picture"
    )
    assert figure.select_one('source[type="image/avif"]')["srcset"]


@pytest.mark.parametrize("key", ["bridge", "bare", "world", "pudong", None])
def test_the_only_inline_script_is_one_data_block(client, newsroom, key):
    # The strict CSP (script-src 'self') runs no inline script; JSON-LD is data.
    path = newsroom[key].url if key else "/"
    response = client.get(path)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    inline = [
        s
        for s in BeautifulSoup(response.content, "html.parser").select("script")
        if not s.get("src")
    ]
    assert [s["type"] for s in inline] == ["application/ld+json"]
    assert all(s.parent.name == "head" for s in inline)


def test_a_plain_story_renders_in_eight_queries(
    client, newsroom, django_assert_max_num_queries
):
    # No picture, embed or note in the body: the head's data must not push the
    # page past eight (routing, settings, authors, reports, comments).
    story = newsroom["bare"]
    client.get(story.url)
    with django_assert_max_num_queries(8):
        response = client.get(story.url)
    assert b'"@type":"NewsArticle"' in response.content
