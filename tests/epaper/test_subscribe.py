"""Subscribe gets the edition: readers tick "PDF edition" and receive, when
today's paper is built, a message with a link to the file (no attachment)."""

from datetime import datetime

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from masthead.epaper.build import build_edition
from masthead.epaper.content import site_zone
from masthead.epaper.models import EditionBuild
from masthead.newsroom.factories import ArticleFactory
from masthead.readers.newsletter.models import Mailing, Subscriber
from tests.epaper.conftest import DAY
from tests.readers.newsletter_support import (  # noqa: F401 - fixtures, known by name
    ORIGIN,
    links,
    parts,
    path_of,
    smtp_fixture,
    subscriber_fixture,
)

pytestmark = pytest.mark.django_db


def test_the_subscribe_page_offers_the_pdf_edition(client, site_tree):
    html = client.get("/subscribe/").content.decode()
    assert 'name="lists" value="edition"' in html
    response = client.post(
        "/newsletter/subscribe/",
        {"email": "paper@example.com", "lists": ["edition"]},
        **ORIGIN,
    )
    assert response.status_code == 200
    reader = Subscriber.objects.get(email="paper@example.com")
    assert reader.pdf_edition and not reader.daily_digest


def test_today_s_edition_is_mailed_as_a_link(
    smtp, subscriber, site_tree, section, client, django_capture_on_commit_callbacks
):
    subscriber("paper@example.com", daily_digest=False, pdf_edition=True)
    subscriber("digest-only@example.com")
    ArticleFactory(
        parent=section("world"),
        slug="today",
        title="Today's story",
        published_at=timezone.now(),
    )
    today = datetime.now(tz=site_zone()).date()
    with django_capture_on_commit_callbacks(execute=True):
        edition = build_edition(today, trigger=EditionBuild.Trigger.ADMIN)
    mailing = Mailing.objects.get(kind=Mailing.Kind.EDITION)
    assert mailing.edition == today and mailing.recipients == 1
    [envelope] = smtp.inbox.received
    assert envelope.rcpt_tos == ["paper@example.com"]
    message = smtp.inbox.messages()[0]
    assert not any(part.get_filename() for part in message.walk())
    text, html = parts(message)
    pdf_link = f"http://testserver/epaper/{today:%Y/%m/%d}/edition.pdf"
    assert pdf_link in links(text) and pdf_link in links(html)
    # The link leads to the current build's file.
    response = client.get(path_of(pdf_link))
    assert response.status_code == 302
    assert response["Location"] == default_storage.url(edition.pdf)
    assert "<edition.testserver>" in message["List-Id"]

    # A rebuild (or a second build) mails nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        build_edition(today, trigger=EditionBuild.Trigger.ADMIN)
    assert Mailing.objects.filter(kind=Mailing.Kind.EDITION).count() == 1
    assert len(smtp.inbox.received) == 1


def test_an_old_day_s_build_mails_nobody(smtp, subscriber, day_news):
    subscriber("paper@example.com", pdf_edition=True)
    build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)
    assert not Mailing.objects.exists()
