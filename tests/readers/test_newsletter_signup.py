"""The footer's sign-up and the Subscribe page: double opt-in, the same
answer whatever the address, and the defences of a form on a cached page."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from masthead.readers.newsletter.models import Subscriber

from .newsletter_support import (  # noqa: F401 - fixtures, known by name
    ORIGIN,
    links,
    parse,
    parts,
    path_of,
    subscriber_fixture,
)

pytestmark = pytest.mark.django_db

SIGNUP = "/newsletter/subscribe/"


def sign_up(client, address="new.reader@example.com", headers=ORIGIN, **fields):
    data = {"email": address, "lists": ["digest"], "website": "", **fields}
    return client.post(SIGNUP, data, **headers)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def sent():
    return [parse(m.message().as_bytes()) for m in mail.outbox]


def test_every_page_has_the_footer_sign_up_and_the_subscribe_link(client, site_tree):
    response = client.get("/")
    page = soup(response)
    form = page.select_one("footer form[data-newsletter-form]")
    assert form["action"] == SIGNUP and form["method"] == "post"
    assert form.select_one("input[type=email][name=email][required]")
    assert form.select_one("input[name=website]"), "the honeypot"
    assert (
        page.select_one(".site-header__tools a[href='/subscribe/']").text == "Subscribe"
    )
    # A cached page: no token, no cookie, shared caches may keep it.
    assert b"csrfmiddlewaretoken" not in response.content
    assert not response.cookies
    assert "public" in response["Cache-Control"]


def test_a_sign_up_is_confirmed_by_post_from_the_mailed_link(client):
    response = sign_up(client)
    assert response.status_code == 200
    assert b"Thank you for subscription" in response.content
    assert b"check your mailbox" in response.content
    reader = Subscriber.objects.get(email_key="new.reader@example.com")
    assert reader.status == Subscriber.Status.PENDING
    assert reader.daily_digest and not reader.breaking_alerts

    [message] = sent()
    assert message["To"] == "new.reader@example.com"
    text, html = parts(message)
    [confirm_url] = [u for u in links(text) if "/newsletter/confirm/" in u]
    assert confirm_url in html
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # A mail scanner opening the link confirms nothing.
    page = client.get(path_of(confirm_url))
    assert page.status_code == 200
    assert soup(page).select_one("main form[method=post] button")
    assert "no-store" in page["Cache-Control"]
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.PENDING

    done = client.post(path_of(confirm_url))
    assert done.status_code == 200
    assert b"You are subscribed" in done.content
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.ACTIVE and reader.confirmed_at


def test_the_answer_is_the_same_for_known_and_unknown_addresses(client, subscriber):
    subscriber("known@example.com", daily_digest=False, breaking_alerts=True)
    unknown = sign_up(client, "unknown@example.com")
    known = sign_up(client, "Known@Example.com")
    assert unknown.status_code == known.status_code == 200
    assert soup(unknown).main == soup(known).main

    # Only the mailbox learns the difference; the lists are not changed.
    to_known = [m for m in sent() if m["To"] == "known@example.com"]
    assert [m["Subject"] for m in to_known] == [
        "You are already subscribed to Masthead Daily"
    ]
    known_row = Subscriber.objects.get(email_key="known@example.com")
    assert known_row.breaking_alerts and not known_row.daily_digest
    assert Subscriber.objects.count() == 2


def test_the_footer_script_gets_the_answer_as_json(client):
    response = sign_up(client, headers={**ORIGIN, "HTTP_ACCEPT": "application/json"})
    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert response.json()["message"].startswith("Thank you for subscription.")


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page/"},
    ],
)
def test_a_post_from_elsewhere_is_refused(client, headers):
    response = sign_up(client, headers=headers)
    assert response.status_code == 403
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_a_browser_without_origin_is_known_by_its_referer(client):
    response = sign_up(client, headers={"HTTP_REFERER": "http://testserver/news/"})
    assert response.status_code == 200
    assert Subscriber.objects.count() == 1


def test_a_filled_honeypot_is_told_thanks_and_nothing_happens(client):
    response = sign_up(client, website="http://spam.example")
    assert response.status_code == 200
    assert b"Thank you for subscription" in response.content
    assert not Subscriber.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    "address",
    [
        "",
        "not an address",
        "victim@example.com\r\nBcc: everyone@example.com",
        "victim@example.com\nSubject: hi",
        "reader@example.com%0d%0aBcc:x@example.com",
        "evil\u202emoc.elpmaxe@example.com",
        "zero\u200bwidth@example.com",
        "a" * 250 + "@example.com",
    ],
)
def test_bad_addresses_get_a_clear_answer_and_change_nothing(client, address):
    response = sign_up(client, address)
    assert response.status_code == 400
    assert b"valid e-mail address" in response.content
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_without_javascript_an_error_shows_the_form_again(client):
    response = sign_up(client, "nope", lists=["alerts"])
    form = soup(response).select_one("main form[data-newsletter-form]")
    assert form.select_one("input[name=email]")["value"] == "nope"
    assert form.select_one("input[name=lists][value=alerts]").has_attr("checked")
    assert soup(response).select_one("[role=alert]").text.strip()


def test_a_sign_up_needs_a_list(client):
    response = sign_up(client, lists=[])
    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_a_flood_from_one_address_is_held_back(client, settings):
    settings.MASTHEAD_NEWSLETTER_LIMITS = {"ip_per_minute": 100, "ip_per_hour": 5}
    answers = [sign_up(client, f"reader{i}@example.com").status_code for i in range(8)]
    assert answers == [200] * 5 + [429] * 3
    assert Subscriber.objects.count() == 5
    assert len(mail.outbox) == 5
    limited = sign_up(client, "late@example.com")
    assert limited["Retry-After"] == "3600"
    assert b"Too many sign-ups" in limited.content


def test_a_flood_of_sign_ups_for_one_mailbox_mails_it_three_times(client, settings):
    settings.MASTHEAD_NEWSLETTER_LIMITS = {"ip_per_minute": 100, "ip_per_hour": 100}
    for i in range(6):
        response = sign_up(
            client,
            "victim@example.com",
            headers={**ORIGIN, "REMOTE_ADDR": f"10.0.0.{i}"},
        )
        assert response.status_code == 200
        assert b"Thank you for subscription" in response.content
    assert len(mail.outbox) == 3
    assert Subscriber.objects.count() == 1


def test_a_flood_from_many_networks_pauses_sign_ups(client, settings):
    settings.MASTHEAD_NEWSLETTER_LIMITS = {"all_per_hour": 4}
    codes = [
        sign_up(
            client,
            f"bot{i}@example.com",
            headers={**ORIGIN, "REMOTE_ADDR": f"10.1.0.{i}"},
        ).status_code
        for i in range(6)
    ]
    assert codes == [200] * 4 + [503] * 2
    assert Subscriber.objects.count() == 4


def test_a_forged_or_stale_confirmation_link_changes_nothing(client, subscriber):
    reader = subscriber("pending@example.com", status=Subscriber.Status.PENDING)
    for token in (
        f"{reader.pk}.abc.defghijklmnopqrstuvwxyz0",
        "1.2.3.4",
        "x" * 200,
        "%2e%2e",
    ):
        response = client.post(f"/newsletter/confirm/{token}/")
        assert response.status_code == 400
        assert b"This link is not valid" in response.content
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.PENDING


def test_an_old_confirmation_link_cannot_undo_an_unsubscribe(client):
    sign_up(client)
    [confirm_url] = [u for u in links(parts(sent()[0])[0]) if "/confirm/" in u]
    reader = Subscriber.objects.get()
    reader.status = Subscriber.Status.UNSUBSCRIBED
    reader.save()
    assert client.post(path_of(confirm_url)).status_code == 400
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED


def test_the_subscribe_page_offers_the_lists_and_sections(client, site_tree):
    response = client.get("/subscribe/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert b"csrfmiddlewaretoken" not in response.content
    page = soup(response)
    form = page.select_one("main form[data-newsletter-form]")
    assert form["action"] == SIGNUP
    values = {i["value"] for i in form.select("input[name=lists]")}
    assert values == {"digest", "alerts", "edition"}
    sections = [label.text for label in form.select(".newsletter-form__sections label")]
    assert "World" in sections and "Business" in sections
    # The daily PDF edition (issue 10): offered, sent as a link.
    assert "PDF edition" in form.get_text()


def test_the_subscribe_page_signs_up_for_chosen_lists_and_sections(client, section):
    world = section("world")
    response = sign_up(
        client,
        lists=["digest", "alerts"],
        sections=[str(world.pk)],
        source="subscribe-page",
    )
    assert response.status_code == 200
    reader = Subscriber.objects.get()
    assert reader.daily_digest and reader.breaking_alerts
    assert list(reader.sections.all()) == [world]
    assert reader.signup_source == "subscribe-page"


def test_a_lost_link_is_sent_again_and_the_answer_does_not_tell(client, subscriber):
    subscriber("known@example.com")
    answers = [
        client.post("/newsletter/link/", {"email": address}, **ORIGIN)
        for address in ("known@example.com", "stranger@example.com")
    ]
    assert {a.status_code for a in answers} == {200}
    assert soup(answers[0]).main == soup(answers[1]).main
    [message] = sent()
    assert message["To"] == "known@example.com"
    text, _html = parts(message)
    assert any("/newsletter/preferences/" in u for u in links(text))
