"""The newsletter in the admin: subscribers (search, CSV safe against formula
injection, no adding by hand), mailings, the outbox of mail written to files,
and "Send as alert" for editors who may publish the article."""

import os
import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Collection, PageLogEntry

from masthead.core import mailfiles
from masthead.newsroom.factories import ArticleFactory, SourceFactory
from masthead.readers.newsletter.models import Mailing, Subscriber

from .newsletter_support import (  # noqa: F401 - fixtures, known by name
    parse,
    parts,
    smtp_fixture,
    subscriber_fixture,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "x")
    client.force_login(user)
    return client


def test_subscribers_are_searchable(admin, subscriber):
    subscriber("li.wei@example.com")
    subscriber("zhao@example.com")
    index = reverse("newsletter_subscribers:index")
    response = admin.get(index, {"q": "li.wei"})
    assert response.status_code == 200
    assert b"li.wei@example.com" in response.content
    assert b"zhao@example.com" not in response.content


def test_the_csv_export_cannot_run_formulas(admin, subscriber):
    for address in (
        "=1+2@example.com",
        "+cmd@example.com",
        "-sum@example.com",
        "plain@example.com",
    ):
        subscriber(address)
    response = admin.get(reverse("newsletter_subscribers:index"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    cells = {line.split(",")[0] for line in body.splitlines()[1:]}
    assert cells == {
        "'=1+2@example.com",
        "'+cmd@example.com",
        "'-sum@example.com",
        "plain@example.com",
    }


def test_no_one_adds_a_subscriber_by_hand(admin):
    refused = admin.get(reverse("newsletter_subscribers:add"))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert not Subscriber.objects.exists()


def test_clearing_every_list_in_the_admin_unsubscribes(admin, subscriber):
    reader = subscriber("reader@example.com", breaking_alerts=True)
    response = admin.post(
        reverse("newsletter_subscribers:edit", args=[reader.pk]), {"sections": []}
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED


def test_mailings_are_listed_and_read_only(admin):
    mailing = Mailing.objects.create(
        kind="alert", subject="Breaking: test", recipients=3
    )
    response = admin.get(reverse("newsletter_mailings:index"))
    assert response.status_code == 200
    assert b"Breaking: test" in response.content
    assert admin.get(
        reverse("newsletter_mailings:edit", args=[mailing.pk])
    ).status_code in (
        302,
        403,
    )


@pytest.fixture
def mail_to_files(settings, tmp_path):
    settings.EMAIL_BACKEND = "masthead.core.mailfiles.FileMailBackend"
    settings.MASTHEAD_MAIL_BACKEND = "masthead.core.mailfiles.FileMailBackend"
    settings.MASTHEAD_MAIL_DIR = tmp_path / "mail"
    return tmp_path / "mail"


def test_without_smtp_mail_lands_in_files_and_the_outbox_shows_it(
    admin, client, mail_to_files
):
    client.post(
        "/newsletter/subscribe/",
        {"email": "new@example.com", "lists": ["digest"]},
        HTTP_ORIGIN="http://testserver",
    )
    [path] = list(mail_to_files.glob("*.eml"))
    message = parse(path.read_bytes())
    assert message["To"] == "new@example.com"
    parts(message)

    index = admin.get(reverse("newsletter_outbox:index"))
    assert index.status_code == 200
    [link] = soup(index).select(f"a[href$='{path.name}/']")
    assert "Confirm your subscription" in link.text

    shown = admin.get(link["href"])
    assert shown.status_code == 200
    assert b"new@example.com" in shown.content
    assert b"/newsletter/confirm/" in shown.content

    html = admin.get(reverse("newsletter_outbox:html", args=[path.name]))
    assert html.status_code == 200
    assert html["Content-Security-Policy"].startswith("sandbox;")
    assert b"Confirm my subscription" in html.content


def test_the_outbox_is_for_administrators_only(client, desk, mail_to_files):
    client.force_login(desk["editor"])
    response = client.get(reverse("newsletter_outbox:index"))
    # Wagtail answers a refusal in the admin with a redirect home and a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_the_outbox_opens_only_its_own_files(admin, mail_to_files):
    for name in ("..%2F..%2Fsecret_key", "20260101-000000-000000-deadbeef.eml"):
        assert admin.get(f"/admin/newsletter/outbox/{name}/").status_code == 404
    assert mailfiles.read("../secret_key") is None


def test_old_files_are_pruned(mail_to_files):
    EmailMessage("s", "b", "a@example.com", ["b@example.com"]).send()
    [path] = list(mail_to_files.glob("*.eml"))
    old = time.time() - 15 * 86400
    os.utime(path, (old, old))
    assert mailfiles.prune() == 1
    assert not path.exists()


@pytest.fixture
def desk(site_tree, django_user_model):
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    call_command("setup_roles", verbosity=0)

    def user(name, group):
        person = django_user_model.objects.create_user(name, f"{name}@example.com", "x")
        person.groups.add(Group.objects.get(name=group))
        return person

    return {
        "editor": user("w.ed", "World editors"),
        "reporter": user("w.rep", "World reporters"),
        "sport": user("s.ed", "Sport editors"),
    }


def test_an_editor_sends_a_live_article_as_an_alert(
    client, desk, section, smtp, subscriber, django_capture_on_commit_callbacks
):
    subscriber("alerts@example.com", breaking_alerts=True, daily_digest=False)
    subscriber("digest@example.com", breaking_alerts=False)
    article = ArticleFactory(parent=section("world"), title="Quake hits the coast")
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    alert_url = reverse("newsletter_send_alert", args=[article.pk])

    client.force_login(desk["editor"])
    assert alert_url.encode() in client.get(edit).content
    confirm = client.get(alert_url)
    assert confirm.status_code == 200
    assert b"<strong>1</strong> readers" in confirm.content
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(alert_url)
    assert done.status_code == 302

    [envelope] = smtp.inbox.received
    assert envelope.rcpt_tos == ["alerts@example.com"]
    message = parse(envelope.content)
    assert message["Subject"] == "Breaking: Quake hits the coast"
    text, html = parts(message)
    assert article.url in text and article.url in html
    assert "<alerts.testserver>" in message["List-Id"]
    assert PageLogEntry.objects.filter(
        page=article, action="readers.newsletter.alert"
    ).exists()

    # Once only.
    again = client.get(alert_url)
    assert b"already been sent" in again.content
    client.post(alert_url)
    assert Mailing.objects.count() == 1


def test_only_those_who_may_publish_the_article_send_it(client, desk, section):
    article = ArticleFactory(parent=section("world"))
    alert_url = reverse("newsletter_send_alert", args=[article.pk])
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    for who in ("reporter", "sport"):
        client.force_login(desk[who])
        refused = client.post(alert_url)
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")
        page = client.get(edit)
        assert alert_url.encode() not in page.content
    assert not Mailing.objects.exists()


def test_an_embargoed_or_unlicensed_article_is_not_sent(client, desk, section):
    client.force_login(desk["editor"])
    embargoed = ArticleFactory(
        parent=section("world"), embargo_until=timezone.now() + timedelta(hours=3)
    )
    shy = SourceFactory(name="Shy", slug="shy", allow_in_newsletter=False)
    unlicensed = ArticleFactory(parent=section("world"), source=shy)
    for article, why in (
        (embargoed, b"past any embargo"),
        (unlicensed, b"may not appear in the newsletter"),
    ):
        url = reverse("newsletter_send_alert", args=[article.pk])
        assert why in client.get(url).content
        client.post(url)
    assert not Mailing.objects.exists()
