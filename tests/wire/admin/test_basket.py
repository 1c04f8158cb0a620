"""The wire basket in the Wagtail admin: listing, filters, search, detail, raw."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from masthead.wire.models import RawItem, WireItem

from .conftest import BROKEN, ninjs

pytestmark = pytest.mark.django_db

INDEX = "wire_basket:index"


def detail_url(item):
    return reverse("wire_basket:inspect", args=[item.pk])


def headlines(response):
    return {i.headline for i in response.context["object_list"]}


@pytest.fixture
def basket(ingest):
    """Two providers, two formats, one refusal, at known times."""
    a = ingest(ninjs(1, headline="Harbour reopens after storm")).items[0]
    b = ingest(ninjs(2, headline="Markets rally", copyrightholder="Reuters")).items[0]
    rss = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>AP</title>'
        b"<link>https://ap.example/</link><description>d</description>"
        b"<item><title>Feed story about trains</title>"
        b"<link>https://ap.example/1</link><guid>ap-1</guid>"
        b"<description>&lt;p&gt;Trains run.&lt;/p&gt;</description></item>"
        b"</channel></rss>"
    )
    c = ingest(rss, origin="ap.rss").items[0]
    bad = ingest(BROKEN, origin="broken.json").items[0]
    times = {
        a: datetime(2025, 5, 1, 8, 0, tzinfo=UTC),
        b: datetime(2025, 5, 2, 8, 0, tzinfo=UTC),
        c: datetime(2025, 5, 3, 8, 0, tzinfo=UTC),
        bad: datetime(2025, 5, 4, 8, 0, tzinfo=UTC),
    }
    for item, when in times.items():
        WireItem.objects.filter(pk=item.pk).update(received_at=when)
    return {"xinhua": a, "reuters": b, "rss": c, "refused": bad}


def test_index_lists_items_with_columns(client, superuser, basket):
    client.force_login(superuser)
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Harbour reopens after storm" in html
    assert "Markets rally" in html
    assert "Refused" in html  # status badge and the refusal headline
    assert detail_url(basket["xinhua"]) in html
    # On the site's clock (SiteSettings: Asia/Shanghai), as readers see times.
    assert "16:00 UTC+8, 2025-05-01" in html
    assert reverse("wire_basket:upload") in html  # upload button for a superuser
    assert response.context["items_count"] == 4


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"provider": "Reuters"}, {"Markets rally"}),
        ({"provider": "Xinhua"}, {"Harbour reopens after storm"}),
        ({"status": "rejected"}, {""}),
        (
            {"status": "ok"},
            {"Harbour reopens after storm", "Markets rally", "Feed story about trains"},
        ),
        ({"format": "rss"}, {"Feed story about trains"}),
        (
            {"format": "ninjs", "status": "ok"},
            {"Harbour reopens after storm", "Markets rally"},
        ),
        (
            {"received_since": "2025-05-02 00:00"},
            {"Markets rally", "Feed story about trains", ""},
        ),
        (
            # Filters read the site's clock (UTC+8): 17:00 there is 09:00 UTC,
            # an hour after "Markets rally" arrived.
            {"received_until": "2025-05-02 17:00"},
            {"Harbour reopens after storm", "Markets rally"},
        ),
        (
            # 12:00 on the site's clock is 04:00 UTC, before it arrived.
            {"received_until": "2025-05-02 12:00"},
            {"Harbour reopens after storm"},
        ),
        (
            {
                "received_since": "2025-05-02 00:00",
                "received_until": "2025-05-03 00:00",
            },
            {"Markets rally"},
        ),
    ],
)
def test_index_filters(client, superuser, basket, params, expected):
    client.force_login(superuser)
    response = client.get(reverse(INDEX), params)
    assert response.status_code == 200
    assert headlines(response) == expected


def test_provider_filter_choices_come_from_the_data(client, superuser, basket):
    client.force_login(superuser)
    response = client.get(reverse(INDEX))
    choices = dict(response.context["filters"].form.fields["provider"].choices)
    assert {"Xinhua", "Reuters"} <= set(choices)


def test_results_view_filters_too(client, superuser, basket):
    client.force_login(superuser)
    response = client.get(reverse("wire_basket:index_results"), {"provider": "Reuters"})
    assert response.status_code == 200
    assert "Markets rally" in response.content.decode()
    assert "Harbour reopens" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harbour", {"Harbour reopens after storm"}),
        ("urn:test:2", {"Markets rally"}),
        ("reuters", {"Markets rally"}),
    ],
)
def test_search(client, superuser, basket, query, expected):
    client.force_login(superuser)
    response = client.get(reverse(INDEX), {"q": query})
    assert response.status_code == 200
    assert headlines(response) == expected


def test_pagination_and_no_n_plus_one(
    client, superuser, ingest, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(3):
        ingest(ninjs(100 + n))
    client.force_login(superuser)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse(INDEX)).status_code == 200
    for n in range(60):
        ingest(ninjs(200 + n))
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse(INDEX))
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 50
    assert len(large.captured_queries) <= len(small.captured_queries) + 1
    # The listing never reads the raw bytes or the stored story JSON.
    for query in large.captured_queries:
        sql = query["sql"]
        assert "wire_rawitem" not in sql, sql
        if "wire_wireitem" in sql and "SELECT" in sql and '"story"' in sql:
            pytest.fail(f"listing loads story JSON: {sql}")
    page2 = client.get(reverse(INDEX), {"p": 2})
    assert len(page2.context["object_list"]) == 13


def test_detail_shows_sanitised_preview(client, superuser, ingest):
    item = ingest(ninjs(7)).items[0]
    # A parser bug would have let a script through: the admin sanitises again.
    story = dict(item.story)
    story["body_html"] = (
        '<p>Safe text.</p><script>alert("x")</script>'
        '<p onclick="evil()">Click</p><img src=x onerror=alert(1)>'
    )
    story["embargo_until"] = "2025-06-01T00:00:00+00:00"
    story["signals"] = ["update"]
    story["warnings"] = ["ninjs: example warning"]
    WireItem.objects.filter(pk=item.pk).update(story=story)
    client.force_login(superuser)
    response = client.get(detail_url(item))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Test story 7" in html
    assert "<p>Safe text.</p>" in html
    assert "alert(" not in html
    assert "onclick" not in html
    assert "onerror" not in html
    for text in (
        "Jane Roe",
        "BEIJING",
        "Politics",
        "Xinhua",
        # Agency times in the site's zone and format, as readers see times.
        "18:00 UTC+8, 2025-05-16",
        "08:00 UTC+8, 2025-06-01",
        "update",
        "ninjs: example warning",
        "Create draft",
        "Parse again",
        reverse("wire_basket:raw", args=[item.raw_id]),
    ):
        assert text in html, text


def test_detail_of_refused_item_shows_reason_and_escaped_raw(client, superuser, ingest):
    item = ingest(BROKEN, origin="broken.json").items[0]
    assert item.status == WireItem.Status.REJECTED
    client.force_login(superuser)
    response = client.get(detail_url(item))
    assert response.status_code == 200
    html = response.content.decode()
    assert "invalid JSON" in html  # the reason
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert reverse("wire_basket:raw", args=[item.raw_id]) in html
    assert "Create draft" not in html


def test_refused_raw_preview_is_capped_at_64kb(client, superuser, ingest):
    data = b"NOT A WIRE FORMAT " + b"x" * (100 * 1024) + b"TAIL-MARKER"
    item = ingest(data, origin="big.bin").items[0]
    assert item.status == WireItem.Status.REJECTED
    client.force_login(superuser)
    html = client.get(detail_url(item)).content.decode()
    assert "NOT A WIRE FORMAT" in html
    assert "TAIL-MARKER" not in html
    assert "first 64 KB" in html


def test_versions_are_linked(client, superuser, ingest):
    v1 = ingest(ninjs(9)).items[0]
    v2 = ingest(ninjs(9, version="2", headline="Test story 9, updated")).items[0]
    assert v2.previous_id == v1.pk
    client.force_login(superuser)
    html = client.get(detail_url(v2)).content.decode()
    assert detail_url(v1) in html
    html = client.get(detail_url(v1)).content.decode()
    assert detail_url(v2) in html


def test_raw_download_is_an_attachment(client, superuser, ingest):
    item = ingest(BROKEN, origin="in/box/broken <x>.json").items[0]
    client.force_login(superuser)
    response = client.get(reverse("wire_basket:raw", args=[item.raw_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "broken" in response["Content-Disposition"]
    assert "/" not in response["Content-Disposition"].split("filename")[1]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response) == BROKEN == RawItem.objects.get().read()


def test_missing_items_are_404(client, superuser, db):
    client.force_login(superuser)
    assert client.get(reverse("wire_basket:inspect", args=[999])).status_code == 404
    assert client.get(reverse("wire_basket:raw", args=[999])).status_code == 404


def test_menu_item(client, superuser, outsider):
    client.force_login(superuser)
    assert reverse(INDEX) in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(outsider)
    assert (
        reverse(INDEX) not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_default_order_is_newest_first_with_ties_broken(client, superuser, ingest):
    items = [ingest(ninjs(300 + n)).items[0] for n in range(3)]
    same = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)
    WireItem.objects.filter(pk__in=[i.pk for i in items]).update(received_at=same)
    client.force_login(superuser)
    response = client.get(reverse(INDEX))
    assert [i.pk for i in response.context["object_list"]] == sorted(
        (i.pk for i in items), reverse=True
    )
    response = client.get(reverse(INDEX), {"ordering": "received_at"})
    assert [i.pk for i in response.context["object_list"]] == sorted(
        i.pk for i in items
    )


def test_draft_form_preselects_the_story_section_hint(
    client, superuser, ingest, section
):
    item = ingest(ninjs(8)).items[0]
    WireItem.objects.filter(pk=item.pk).update(
        story={**item.story, "section_hint": "news/world"}
    )
    client.force_login(superuser)
    response = client.get(detail_url(item))
    assert response.context["draft_form"].initial["section"] == section("world").pk
