"""Hostile comments: each gets a clear answer, and nothing else changes."""

import pytest
from django.core.cache import caches

from masthead.readers.comments.models import BlockedAddress, Comment

from .comments_support import (  # noqa: F401 - fixtures, known by name
    ORIGIN,
    article_fixture,
    comment_fixture,
    post_fixture,
    publish_at_once_fixture,
    soup,
)

pytestmark = pytest.mark.integration


def errors(response) -> str:
    return " ".join(e.get_text() for e in soup(response).select(".comment-form__error"))


def test_script_is_shown_as_text(client, post, article, publish_at_once):
    publish_at_once()
    post(article, body='<script>alert("x")</script> <img src=x onerror=alert(1)>')
    html = client.get(article.url).content.decode()
    body = soup(client.get(article.url)).select_one(".comment__body")
    assert body.get_text() == '<script>alert("x")</script> <img src=x onerror=alert(1)>'
    assert not body.select("script, img")
    assert "&lt;script&gt;" in html


def test_only_web_addresses_become_links_and_they_are_nofollow(
    client, post, article, publish_at_once
):
    publish_at_once()
    post(
        article,
        body="See https://example.org/a?b=1&c=2. Not javascript:alert(1) "
        'nor <a href="javascript:alert(2)">this</a> nor data:text/html,x',
    )
    body = soup(client.get(article.url)).select_one(".comment__body")
    links = body.select("a")
    assert [(a["href"], a["rel"]) for a in links] == [
        ("https://example.org/a?b=1&c=2", ["nofollow", "ugc"])
    ]
    assert "javascript:alert(1)" in body.get_text()


def test_100_kb_of_text_gets_a_clear_size_error(post, article):
    response = post(article, body="x" * 100_000)
    assert response.status_code == 400
    assert "100,000 characters long; the limit is 5,000" in errors(response)
    assert not Comment.objects.exists()


def test_a_huge_request_is_refused_before_it_is_read(client, article):
    response = client.post(
        f"/comments/{article.pk}/",
        {"name": "A", "email": "a@example.com", "body": "x" * 400_000},
        **ORIGIN,
    )
    assert response.status_code == 413
    assert "the limit is 5,000 characters" in response.content.decode()
    assert not Comment.objects.exists()


def test_control_characters_are_removed_from_the_text(post, article):
    post(article, body="bell\x07 and\x1b[31m escape and\x85 next\r\nline")
    assert Comment.objects.get().body == "bell and[31m escape and next\nline"


def test_a_null_character_is_refused_with_a_reason(post, article):
    response = post(article, body="null\x00byte")
    assert response.status_code == 400
    assert "Null characters are not allowed" in errors(response)
    assert not Comment.objects.exists()


def test_right_to_left_override_cannot_turn_the_page_around(
    client, post, article, publish_at_once
):
    publish_at_once()
    response = post(article, name="gnp.\u202eevil", body="x")
    assert response.status_code == 400
    assert "invisible direction marks" in errors(response)
    post(article, body="Text \u202eesrever\u202c and \u2067isolate\u2069 end")
    assert Comment.objects.get().body == "Text esrever and isolate end"
    # Hebrew and Arabic comments stay as written, isolated from the page.
    post(article, body="שלום עולם", email="b@example.com")
    shown = soup(client.get(article.url)).select(".comment__body")
    assert shown[-1]["dir"] == "auto"
    assert shown[-1].get_text() == "שלום עולם"


def test_header_injection_in_name_and_address_is_refused(post, article):
    response = post(article, name="Li\r\nBcc: victim@example.com")
    assert response.status_code == 400
    assert "line breaks" in errors(response)
    response = post(article, email="li@example.com\r\nBcc: victim@example.com")
    assert response.status_code == 400
    assert "valid email address" in errors(response)
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "\u0415ditor",  # a Cyrillic capital Ie, then Latin
        "Moderator",
        "\uff21dmin",  # fullwidth A
        "ad\u200dmin",  # a zero-width joiner inside
    ],
)
def test_names_posing_as_the_newsroom_are_refused(post, article, name):
    response = post(article, name=name)
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_forged_origin_is_refused(client, article):
    for headers in (
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {},
    ):
        response = client.post(
            f"/comments/{article.pk}/",
            {"name": "A", "email": "a@example.com", "body": "Hi"},
            **headers,
        )
        assert response.status_code == 403, headers
        assert "must be sent from a page of http://testserver" in (
            response.content.decode()
        )
    assert not Comment.objects.exists()


def test_referer_of_our_own_page_is_enough_without_origin(client, article):
    response = client.post(
        f"/comments/{article.pk}/",
        {"name": "A", "email": "a@example.com", "body": "Hi"},
        HTTP_REFERER=f"http://testserver{article.url}",
    )
    assert response.status_code == 200
    assert Comment.objects.count() == 1


def test_public_url_setting_is_the_origin_that_counts(client, article, settings):
    settings.MASTHEAD_PUBLIC_URL = "https://news.example.com"
    response = client.post(
        f"/comments/{article.pk}/",
        {"name": "A", "email": "a@example.com", "body": "Hi"},
        **ORIGIN,
    )
    assert response.status_code == 403
    response = client.post(
        f"/comments/{article.pk}/",
        {"name": "A", "email": "a@example.com", "body": "Hi"},
        HTTP_ORIGIN="https://news.example.com",
    )
    assert response.status_code == 200


def test_the_honeypot_answers_as_a_success_and_stores_nothing(post, article):
    response = post(article, website="http://spam.example")
    assert response.status_code == 200
    assert "awaits moderation" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_blocked_address_is_dropped_quietly(post, article):
    BlockedAddress.objects.create(email="li.wei@example.com")
    response = post(article, email="Li.Wei@Example.com")
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_rate_limit_per_address(post, article, settings):
    settings.MASTHEAD_COMMENTS = {"ADDRESS_LIMIT": (2, 600)}
    for n in range(2):
        assert post(article, body=f"Comment {n}").status_code == 200
    response = post(article, body="One too many")
    assert response.status_code == 429
    assert "try again in" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    # Another address from the same place still may.
    assert post(article, body="Other", email="other@example.com").status_code == 200
    assert Comment.objects.count() == 3


def test_rate_limit_per_ip_counts_every_post(post, article, settings):
    settings.MASTHEAD_COMMENTS = {"IP_LIMIT": (3, 600)}
    for n in range(3):
        post(article, body="", email=f"a{n}@example.com")  # invalid, still counted
    response = post(article, body="Fine", email="z@example.com")
    assert response.status_code == 429
    assert not Comment.objects.exists()


def test_limits_live_in_the_shared_cache_not_the_page_cache(post, article, settings):
    settings.MASTHEAD_COMMENTS = {"ADDRESS_LIMIT": (1, 600)}
    post(article)
    caches["pages"].clear()  # a purge of every page forgives nothing
    assert post(article, body="Again").status_code == 429


def test_get_on_the_endpoint_is_not_allowed(client, article):
    assert client.get(f"/comments/{article.pk}/").status_code == 405


def test_report_needs_our_origin_and_counts_once_per_address(client, article, comment):
    shown = comment(article)
    url = f"/comments/report/{shown.pk}/"
    assert client.post(url, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert client.post(url, **ORIGIN).status_code == 200
    assert client.post(url, **ORIGIN).status_code == 200
    shown.refresh_from_db()
    assert shown.report_count == 1 and shown.reported_at is not None
    # Still shown: one reader cannot hide another's comment.
    assert shown.status == Comment.Status.PUBLISHED
    held = comment(article, status=Comment.Status.HELD)
    assert client.post(f"/comments/report/{held.pk}/", **ORIGIN).status_code == 404
