"""Unsubscribe (RFC 8058 one-click) and preferences links: signed, without
cookies, changing something only on POST; forged tokens change nothing."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from masthead.readers.newsletter import signup, tokens
from masthead.readers.newsletter.models import Subscriber

from .newsletter_support import (  # noqa: F401 - fixtures, known by name
    ORIGIN,
    subscriber_fixture,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def unsubscribe_path(reader, list_name="digest"):
    token = tokens.make(reader, tokens.unsubscribe_purpose(list_name))
    return f"/newsletter/unsubscribe/{list_name}/{token}/"


def test_one_click_unsubscribe_works_without_cookies_or_origin(client, subscriber):
    reader = subscriber(daily_digest=True, breaking_alerts=True)
    client.cookies.clear()
    response = client.post(
        unsubscribe_path(reader, "digest"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    reader.refresh_from_db()
    # Off the digest only; the alerts still come.
    assert not reader.daily_digest and reader.breaking_alerts
    assert reader.status == Subscriber.Status.ACTIVE


def test_leaving_the_last_list_unsubscribes(client, subscriber):
    reader = subscriber(daily_digest=True, breaking_alerts=False)
    client.post(unsubscribe_path(reader, "digest"))
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    assert reader.unsubscribed_at is not None


def test_opening_an_unsubscribe_link_only_asks(client, subscriber):
    reader = subscriber()
    page = client.get(unsubscribe_path(reader, "all"))
    assert page.status_code == 200
    assert soup(page).select_one("main form[method=post] button").text == "Unsubscribe"
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.ACTIVE
    assert "no-store" in page["Cache-Control"]


@pytest.mark.parametrize(
    "forge",
    [
        lambda r: f"{r.pk}.AAAAAAAAAAAAAAAAAAAAAAAA",
        lambda r: tokens.make(r, tokens.unsubscribe_purpose("alerts")),  # other list
        lambda r: tokens.make(r, tokens.PREFERENCES),  # other purpose
        lambda r: tokens.make(r, tokens.unsubscribe_purpose("digest")) + "x",
        lambda r: "zzzzzzzzzzzzzzzzzz.AAAA",
        lambda r: "",
    ],
)
def test_a_forged_unsubscribe_token_changes_nothing(client, subscriber, forge):
    reader = subscriber()
    other = subscriber("other@example.com")
    token = forge(reader)
    response = client.post(f"/newsletter/unsubscribe/digest/{token}/")
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert b"This link is not valid" in response.content
        # and offers a way to get a working link
        assert soup(response).select_one("form[action='/newsletter/link/']")
    for row in (reader, other):
        row.refresh_from_db()
        assert row.status == Subscriber.Status.ACTIVE and row.daily_digest


def test_a_token_dies_with_its_subscriber(client, subscriber):
    reader = subscriber()
    path = unsubscribe_path(reader)
    reader.delete()
    again = subscriber()  # the same address signs up anew: a new secret
    assert client.post(path).status_code == 400
    again.refresh_from_db()
    assert again.status == Subscriber.Status.ACTIVE


def test_an_unknown_list_is_not_a_list(client, subscriber):
    reader = subscriber()
    token = tokens.make(reader, tokens.unsubscribe_purpose("digest"))
    assert client.post(f"/newsletter/unsubscribe/sport/{token}/").status_code == 400


def test_preferences_change_lists_and_sections(client, subscriber, section):
    reader = subscriber(daily_digest=True, breaking_alerts=False)
    path = f"/newsletter/preferences/{tokens.make(reader, tokens.PREFERENCES)}/"
    page = client.get(path)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    form = soup(page).select_one("main form")
    assert form.select_one("input[value=digest]").has_attr("checked")
    assert not form.select_one("input[value=alerts]").has_attr("checked")

    world, sport = section("world"), section("sport")
    saved = client.post(
        path, {"lists": ["alerts", "digest"], "sections": [world.pk, sport.pk]}
    )
    assert saved.status_code == 200
    assert b"Saved" in saved.content
    reader.refresh_from_db()
    assert reader.breaking_alerts and reader.daily_digest
    assert set(reader.sections.all()) == {world, sport}

    client.post(path, {})  # nothing ticked: unsubscribed from everything
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED

    client.post(path, {"lists": ["digest"]})  # the link came to the mailbox
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.ACTIVE and reader.daily_digest


def test_preferences_refuse_a_post_from_another_site(client, subscriber):
    reader = subscriber(daily_digest=True)
    path = f"/newsletter/preferences/{tokens.make(reader, tokens.PREFERENCES)}/"
    response = client.post(path, {}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.ACTIVE
    assert client.post(path, {"lists": ["digest"]}, **ORIGIN).status_code == 200


def test_forged_preferences_token(client, subscriber):
    reader = subscriber()
    response = client.post(
        f"/newsletter/preferences/{reader.pk}.AAAAAAAAAAAAAAAAAAAAAAAA/", {}
    )
    assert response.status_code == 400
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.ACTIVE


def test_addresses_unsubscribed_for_30_days_are_deleted(subscriber):
    now = timezone.now()
    gone = subscriber(
        "gone@example.com",
        status=Subscriber.Status.UNSUBSCRIBED,
        unsubscribed_at=now - timedelta(days=31),
    )
    recent = subscriber(
        "recent@example.com",
        status=Subscriber.Status.UNSUBSCRIBED,
        unsubscribed_at=now - timedelta(days=29),
    )
    stale = subscriber("stale@example.com", status=Subscriber.Status.PENDING)
    Subscriber.objects.filter(pk=stale.pk).update(created_at=now - timedelta(days=8))
    waiting = subscriber("waiting@example.com", status=Subscriber.Status.PENDING)
    active = subscriber("active@example.com")
    Subscriber.objects.filter(pk=active.pk).update(created_at=now - timedelta(days=400))

    assert signup.forget_old_addresses(now) == 2
    left = set(Subscriber.objects.values_list("email", flat=True))
    assert left == {recent.email, waiting.email, active.email}
    assert gone.email not in left
