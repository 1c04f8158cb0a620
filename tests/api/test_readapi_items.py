"""The read API's items: valid ninjs 2.x, only live copy, only licensed copy,
filters and cursor pages (issue 10, point 4)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.api.readapi.ids import guid_for
from masthead.newsroom.factories import (
    ArticleFactory,
    PersonFactory,
    SourceFactory,
    recent,
)
from masthead.newsroom.models import PeopleIndexPage, RegionPage
from masthead.newsroom.publishing import take_down

from .readapi_support import (  # noqa: F401 - fixtures, known by name
    api_fixture,
    api_key_fixture,
    assert_valid_ninjs,
    no_renditions_fixture,
    picture,
)

pytestmark = pytest.mark.django_db

ITEMS = "/api/v1/items"


def item_url(article) -> str:
    return f"{ITEMS}/{guid_for('article', article.pk)}"


def headlines(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [d["headlines"][0]["value"] for d in response.json()["items"]]


@pytest.fixture
def staff(db):
    return SourceFactory(name="Masthead Daily", slug="staff", kind="staff")


def test_a_full_article_is_a_valid_ninjs_document(api, section, staff):
    people = PeopleIndexPage.objects.first()
    author = PersonFactory(parent=people, title="Zhao Yinuo", slug="zhao-yinuo")
    lead_picture = picture("Ferry at dusk", caption="The last ferry", credit="Li Wei")
    body_picture = picture("Pier", credit="Staff")
    pudong = RegionPage.objects.get(slug="pudong")
    article = ArticleFactory(
        parent=section("world"),
        title="Ferries run late into the night",
        lead="Extra sailings from Friday.",
        kicker="Transport",
        source=staff,
        dateline="SHANGHAI",
        main_image=lead_picture,
        regions=[pudong],
        authors=[author],
        body=[
            ("paragraph", '<p>First <a href="/news/">paragraph</a>.</p>'),
            ("image", {"image": body_picture, "caption": "The pier at night"}),
            ("quote", {"quote": "We are ready.", "attribution": "Operator"}),
            ("fact_box", {"title": "Times", "text": "<p>Until 1 am</p>"}),
            ("embed", "https://www.youtube.com/watch?v=abc"),
        ],
    )
    article.tags.add("ferries")
    article.save()

    response = api(item_url(article))
    assert response.status_code == 200
    doc = response.json()
    assert_valid_ninjs(doc)

    assert doc["uri"] == guid_for("article", article.pk)
    assert doc["version"] == str(article.live_revision_id)
    assert doc["headlines"][0] == {"role": "main", "value": article.title}
    assert {"role": "kicker", "value": "Transport"} in doc["headlines"]
    assert doc["descriptions"][0]["value"] == "Extra sailings from Friday."
    assert doc["by"] == "Zhao Yinuo"
    assert doc["located"] == "SHANGHAI"
    assert doc["language"] == "en-GB"
    assert doc["firstcreated"].endswith("Z")
    assert doc["people"][0]["uri"] == "http://testserver/people/zhao-yinuo/"
    assert {"name": "World", "rel": "section"}.items() <= doc["subjects"][0].items()
    assert any(s["rel"] == "tag" and s["name"] == "ferries" for s in doc["subjects"])
    assert doc["places"][0]["name"] == pudong.title
    assert {"role": "web-url", "value": f"http://testserver{article.url}"} in doc[
        "altids"
    ]

    body = doc["bodies"][0]
    assert body["contenttype"] == "text/html"
    assert 'href="http://testserver/news/"' in body["value"]
    assert "<blockquote><p>We are ready.</p><footer>Operator</footer>" in body["value"]
    assert '<a href="https://www.youtube.com/watch?v=abc">' in body["value"]
    assert "The pier at night" in body["value"]
    assert body["wordcount"] > 5

    main, inline = doc["associations"]
    assert main["name"] == "main-image" and main["type"] == "picture"
    assert main["uri"] == guid_for("image", lead_picture.pk)
    assert main["by"] == "Li Wei"
    assert {"role": "caption", "value": "The last ferry"} in main["descriptions"]
    names = [r["name"] for r in main["renditions"]]
    assert "original" in names and "fill-960x540" in names
    for rendition in main["renditions"]:
        assert rendition["href"].startswith("http://testserver/media/")
    assert inline["name"] == "image-1"
    assert inline["uri"] == guid_for("image", body_picture.pk)
    # The body's <img> points at one of the association's renditions.
    assert any(r["href"] in body["value"] for r in inline["renditions"])


def test_bare_hard_articles_still_yield_valid_documents(api, section):
    """No picture, no author, no source; the longest headline the model holds
    (in words as long as it allows), a 2,000-word body; right-to-left text."""
    long_words = ("Headline " * 40)[:255]
    bare = ArticleFactory(parent=section("world"), title=long_words, lead="")
    huge = ArticleFactory(
        parent=section("world"),
        title="Two thousand words",
        paragraphs=[" ".join(["word"] * 2000)],
    )
    rtl = ArticleFactory(
        parent=section("world"),
        title="مرحبا بالعالم",
        lead="שלום עולם",
        dateline="القاهرة",
        original_byline="مراسلنا",
        paragraphs=["نص المقال باللغة العربية."],
    )
    listing = api(ITEMS)
    docs = {d["uri"]: d for d in listing.json()["items"]}
    for article in (bare, huge, rtl):
        doc = docs[guid_for("article", article.pk)]
        assert_valid_ninjs(doc)
        assert doc == api(item_url(article)).json()
    assert "associations" not in docs[guid_for("article", bare.pk)]
    assert "by" not in docs[guid_for("article", bare.pk)]
    assert docs[guid_for("article", bare.pk)]["headlines"][0]["value"] == long_words
    assert docs[guid_for("article", huge.pk)]["bodies"][0]["wordcount"] == 2000
    arabic = docs[guid_for("article", rtl.pk)]
    assert arabic["headlines"][0]["value"] == "مرحبا بالعالم"
    assert arabic["located"] == "القاهرة" and arabic["by"] == "مراسلنا"
    # Sent as UTF-8 text, not \u escapes.
    assert "مرحبا بالعالم".encode() in listing.content


def test_embargoed_scheduled_taken_down_and_drafts_never_appear(api, section):
    world = section("world")
    live = ArticleFactory(parent=world, title="Live story")
    embargoed = ArticleFactory(
        parent=world,
        title="Embargoed story",
        embargo_until=timezone.now() + timedelta(hours=2),
    )
    draft = ArticleFactory(parent=world, title="Draft story", publish=False)
    scheduled = ArticleFactory(parent=world, title="Scheduled story", publish=False)
    scheduled.save_revision(approved_go_live_at=timezone.now() + timedelta(hours=3))
    pulled = ArticleFactory(parent=world, title="Pulled story")
    take_down(pulled, "Court order")
    # A later draft of a live article: the live version is what is sent.
    live.title = "Unpublished new headline"
    live.save_revision()

    assert headlines(api(ITEMS)) == ["Live story"]
    for article in (embargoed, draft, scheduled, pulled):
        response = api(item_url(article))
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert api(item_url(live)).json()["headlines"][0]["value"] == "Live story"


def test_a_key_sees_only_the_agency_copy_it_is_licensed_for(client, section, staff):
    from masthead.api.readapi.keys import create_api_key

    world = section("world")
    xinhua = SourceFactory(name="Xinhua", slug="xinhua", kind="agency")
    ap = SourceFactory(name="AP", slug="ap", kind="agency")
    closed = SourceFactory(name="Closed", slug="closed", kind="agency")
    closed.allow_in_api = False
    closed.save()
    ArticleFactory(parent=world, title="Ours, no source", published_at=recent(hours=5))
    ArticleFactory(
        parent=world, title="Ours, staff", source=staff, published_at=recent(hours=4)
    )
    ArticleFactory(
        parent=world, title="From Xinhua", source=xinhua, published_at=recent(hours=3)
    )
    from_ap = ArticleFactory(
        parent=world, title="From AP", source=ap, published_at=recent(hours=2)
    )
    ArticleFactory(
        parent=world, title="Closed copy", source=closed, published_at=recent(hours=1)
    )

    _, xinhua_key = create_api_key("Xinhua only", sources=[xinhua, closed])
    _, ap_key = create_api_key("AP only", sources=[ap])

    def titles(key):
        response = client.get(ITEMS, headers={"Authorization": f"Bearer {key}"})
        return headlines(response)

    # Closed copy stays out even for a key that lists it: its licence says no.
    assert titles(xinhua_key) == ["From Xinhua", "Ours, staff", "Ours, no source"]
    assert titles(ap_key) == ["From AP", "Ours, staff", "Ours, no source"]
    refused = client.get(
        item_url(from_ap), headers={"Authorization": f"Bearer {xinhua_key}"}
    )
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "not_licensed"


def test_filters_by_section_region_and_time(api, section):
    pudong = RegionPage.objects.get(slug="pudong")
    ArticleFactory(
        parent=section("world"), title="World old", published_at=recent(days=3)
    )
    ArticleFactory(
        parent=section("world"), title="World new", published_at=recent(hours=1)
    )
    ArticleFactory(
        parent=section("metro"),
        title="Metro in Pudong",
        regions=[pudong],
        published_at=recent(days=1),
    )
    ArticleFactory(
        parent=section("business"), title="Business", published_at=recent(days=2)
    )

    assert headlines(api(ITEMS, section="world")) == ["World new", "World old"]
    # A section includes its sub-sections.
    assert headlines(api(ITEMS, section="news")) == [
        "World new",
        "Metro in Pudong",
        "Business",
        "World old",
    ]
    assert headlines(api(ITEMS, region="pudong")) == ["Metro in Pudong"]
    since = (timezone.now() - timedelta(days=2, hours=12)).isoformat()
    until = (timezone.now() - timedelta(hours=12)).isoformat()
    assert headlines(api(ITEMS, since=since, until=until)) == [
        "Metro in Pudong",
        "Business",
    ]
    day = (timezone.now() - timedelta(hours=1)).date().isoformat()
    assert "World new" in headlines(api(ITEMS, since=day))


def test_cursor_pages_walk_the_list_once_even_with_equal_times(api, section):
    world = section("world")
    same_moment = recent(hours=2)
    made = [
        ArticleFactory(parent=world, title=f"Story {n}", published_at=same_moment)
        for n in range(5)
    ] + [
        ArticleFactory(
            parent=world, title=f"Later {n}", published_at=recent(minutes=n + 1)
        )
        for n in range(3)
    ]
    seen = []
    response = api(ITEMS, limit="3", section="world")
    pages = 0
    while True:
        pages += 1
        body = response.json()
        seen += [d["uri"] for d in body["items"]]
        if not body["next"]:
            assert body["cursor"] is None
            break
        assert body["next"].startswith("http://testserver/api/v1/items?")
        assert "limit=3" in body["next"] and "section=world" in body["next"]
        response = api(ITEMS, limit="3", section="world", cursor=body["cursor"])
    assert pages == 3
    assert len(seen) == len(set(seen)) == len(made)
    assert seen[:3] == [guid_for("article", a.pk) for a in made[5:]]


def test_a_list_costs_the_same_queries_for_5_or_25_articles(
    api, section, django_assert_max_num_queries, no_renditions
):
    world = section("world")
    for n in range(5):
        ArticleFactory(parent=world, title=f"Few {n}", main_image=picture(f"P{n}"))
    api(ITEMS)  # the first use of the key notes its time: one write, once
    with django_assert_max_num_queries(30) as few:
        assert len(api(ITEMS, limit="100").json()["items"]) == 5
    for n in range(20):
        ArticleFactory(parent=world, title=f"Many {n}", main_image=picture(f"Q{n}"))
    with django_assert_max_num_queries(30) as many:
        assert len(api(ITEMS, limit="100").json()["items"]) == 25
    assert len(many.captured_queries) == len(few.captured_queries)
    # Without renditions made yet, a picture is sent as its original.
    doc = api(ITEMS, limit="1").json()["items"][0]
    assert_valid_ninjs(doc)
    [original] = doc["associations"][0]["renditions"]
    assert original["name"] == "original"
    assert original["href"].startswith("http://testserver/media/original_images/")


def test_a_deep_page_is_an_index_range_not_an_offset(api, section):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = section("world")
    for n in range(4):
        ArticleFactory(parent=world, title=f"Story {n}", published_at=recent(hours=n))
    first = api(ITEMS, limit="2", section="news", since="2000-01-01").json()
    with CaptureQueriesContext(connection) as queries:
        page = api(
            ITEMS, limit="2", section="news", since="2000-01-01", cursor=first["cursor"]
        )
    assert page.status_code == 200 and len(page.json()["items"]) == 2
    [listing] = [
        q["sql"]
        for q in queries.captured_queries
        if "ORDER BY" in q["sql"]
        and "first_published_at" in q["sql"].split("ORDER BY")[1]
    ]
    assert "OFFSET" not in listing.upper()
    if connection.vendor != "sqlite":
        return  # PostgreSQL plans by its statistics; SQLite's plan is fixed
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + listing)
        plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
    # In publish-time order from the index: at most the ids of articles
    # published in the same instant are sorted ("RIGHT PART"), never the list.
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
    assert "MULTI-INDEX OR" not in plan, plan
    assert "first_published_at" in plan.split("|")[0], plan


def test_a_new_publish_is_a_new_version(api, section):
    article = ArticleFactory(parent=section("world"), title="First headline")
    before = api(item_url(article)).json()
    article.title = "Corrected headline"
    article.save_revision().publish()
    after = api(item_url(article)).json()
    assert after["uri"] == before["uri"]
    assert int(after["version"]) > int(before["version"])
    assert after["headlines"][0]["value"] == "Corrected headline"
    assert after["versioncreated"] >= before["versioncreated"]
    assert after["firstcreated"] == before["firstcreated"]
