"""The daily digest and breaking-news alerts, sent to a real SMTP server
(aiosmtpd) and read back: both parts, the headers, links that work; a send
that crashes or meets a dead server resumes without repeating or skipping."""

import smtplib
from datetime import UTC, datetime, timedelta

import pytest
from django.core.mail.backends.smtp import EmailBackend
from django.utils import timezone

from masthead.newsroom.factories import ArticleFactory, SourceFactory
from masthead.readers.newsletter import digest, jobs
from masthead.readers.newsletter.models import (
    Delivery,
    Mailing,
    NewsletterSettings,
    Subscriber,
)
from masthead.readers.newsletter.sending import MailingSend, create_mailing

from .newsletter_support import (  # noqa: F401 - fixtures, known by name
    links,
    parse,
    parts,
    path_of,
    smtp_fixture,
    subscriber_fixture,
    unsubscribe_header,
)

pytestmark = pytest.mark.django_db

ago = lambda **kw: timezone.now() - timedelta(**kw)  # noqa: E731


@pytest.fixture
def day_of_news(section, xinhua):
    shy = SourceFactory(name="Shy Wire", slug="shy-wire", allow_in_newsletter=False)
    return {
        "world": ArticleFactory(
            parent=section("world"),
            title="Talks resume in Geneva",
            lead="Both sides return.",
            source=xinhua,
            published_at=ago(hours=2),
        ),
        "world2": ArticleFactory(
            parent=section("world"),
            title="Harbour reopens after storm",
            source=xinhua,
            published_at=ago(hours=3),
        ),
        "sport": ArticleFactory(
            parent=section("sport"),
            title="Shanghai wins the derby",
            published_at=ago(hours=1),
        ),
        "licensed_out": ArticleFactory(
            parent=section("business"),
            title="Shares slip in thin trade",
            source=shy,
            published_at=ago(hours=4),
        ),
        "old": ArticleFactory(
            parent=section("world"), title="Last week's story", published_at=ago(days=3)
        ),
        "embargoed": ArticleFactory(
            parent=section("world"),
            title="Not before noon",
            published_at=ago(hours=1),
            embargo_until=timezone.now() + timedelta(hours=5),
        ),
    }


def due_now():
    from wagtail.models import Site

    options = NewsletterSettings.for_site(Site.objects.get(is_default_site=True))
    options.digest_hour = 0
    options.save()


def received(smtp, address):
    return smtp.inbox.to(address)


def test_the_digest_goes_out_with_both_parts_and_working_links(
    smtp, subscriber, section, day_of_news, client, django_capture_on_commit_callbacks
):
    due_now()
    everything = subscriber("all@example.com")
    sport_only = subscriber("sport@example.com", sections=[section("sport")])
    nothing_new = subscriber("biz@example.com", sections=[section("business")])
    subscriber("alerts-only@example.com", daily_digest=False, breaking_alerts=True)
    subscriber("pending@example.com", status=Subscriber.Status.PENDING)
    subscriber("gone@example.com", status=Subscriber.Status.UNSUBSCRIBED)

    with django_capture_on_commit_callbacks(execute=True):
        assert digest.make_due_digest() == "queued"
    mailing = Mailing.objects.get(kind=Mailing.Kind.DIGEST)
    assert mailing.recipients == 3
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.DONE
    assert (mailing.sent_count, mailing.skipped_count) == (2, 1)
    assert Delivery.objects.get(subscriber=nothing_new).status == "skipped"

    recipients = sorted(a for env in smtp.inbox.received for a in env.rcpt_tos)
    assert recipients == ["all@example.com", "sport@example.com"]

    [message] = received(smtp, "all@example.com")
    text, html = parts(message)
    for title in (
        "Talks resume in Geneva",
        "Harbour reopens after storm",
        "Shanghai wins the derby",
    ):
        assert title in text and title in html
    for title in ("Shares slip", "Last week", "Not before noon"):
        assert title not in text and title not in html
    assert "Masthead Daily: your daily digest" in message["Subject"]
    assert message["To"] == "all@example.com"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "<digest.testserver>" in message["List-Id"]
    assert message["Message-ID"] == f"<m{mailing.pk}.s{everything.pk}@testserver>"

    # Every link is absolute and answers; the article links are the articles.
    urls = set(links(text))
    assert urls <= set(links(html)), "the text part has the HTML part's links"
    assert day_of_news["world"].url in {path_of(u) for u in urls}
    for url in urls:
        assert client.get(path_of(url)).status_code == 200, url

    [sport_mail] = received(smtp, "sport@example.com")
    sport_text, _ = parts(sport_mail)
    assert "Shanghai wins the derby" in sport_text
    assert "Talks resume" not in sport_text

    # The header's one-click link takes the reader off the digest.
    response = client.post(
        path_of(unsubscribe_header(message)), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    everything.refresh_from_db()
    assert not everything.daily_digest
    assert everything.status == Subscriber.Status.UNSUBSCRIBED

    # Once a day: the next tick finds it made.
    assert digest.make_due_digest() == "made"
    assert Mailing.objects.filter(kind=Mailing.Kind.DIGEST).count() == 1
    assert sport_only.deliveries.get().status == "sent"


def test_the_digest_waits_for_its_hour_in_the_site_zone(site_tree):
    from wagtail.models import Site

    options = NewsletterSettings.for_site(Site.objects.get(is_default_site=True))
    options.digest_hour = 7
    options.save()
    # 22:30 UTC is 06:30 the next day in Shanghai (the site's zone).
    evening = datetime(2026, 11, 27, 22, 30, tzinfo=UTC)
    assert digest.make_due_digest(evening) == "early"
    assert digest.make_due_digest(evening + timedelta(hours=1)) == "empty"
    made = Mailing.objects.get()
    assert str(made.edition) == "2026-11-28"
    assert made.state == Mailing.State.DONE and made.recipients == 0
    assert "Nothing was published" in made.last_error
    assert digest.make_due_digest(evening + timedelta(hours=2)) == "made"

    options.digest_enabled = False
    options.save()
    assert digest.make_due_digest(evening + timedelta(days=1)) == "off"


def alert_mailing(article):
    return create_mailing(
        Mailing.Kind.ALERT, f"Breaking: {article.title}", article=article
    )


@pytest.fixture
def alert_readers(subscriber):
    return [
        subscriber(f"reader{i:02}@example.com", breaking_alerts=True) for i in range(30)
    ]


class CrashAfter(EmailBackend):
    """The worker dies while sending: before the 13th message goes out."""

    limit = 12
    count = 0

    def send_messages(self, email_messages):
        if CrashAfter.count >= CrashAfter.limit:
            raise RuntimeError("worker killed")
        CrashAfter.count += 1
        return super().send_messages(email_messages)


def test_a_crashed_send_resumes_without_repeating_or_skipping(
    smtp, settings, alert_readers, day_of_news
):
    mailing = alert_mailing(day_of_news["world"])
    settings.MASTHEAD_MAIL_BACKEND = f"{__name__}.CrashAfter"
    CrashAfter.count = 0
    with pytest.raises(RuntimeError):
        MailingSend(mailing.pk).run()
    assert len(smtp.inbox.received) == 12
    # A dead worker leaves its lease behind; the next one waits it out.
    Mailing.objects.filter(pk=mailing.pk).update(lease_until=ago(seconds=1))

    settings.MASTHEAD_MAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert MailingSend(mailing.pk).run() == "sent"
    per_address = sorted(a for env in smtp.inbox.received for a in env.rcpt_tos)
    assert per_address == sorted(r.email for r in alert_readers)
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.DONE
    assert mailing.sent_count == 30 and mailing.pending_count == 0


class DieAfterAccepted(EmailBackend):
    """The one window no SMTP client closes: accepted, then the worker dies
    before it writes down that it was."""

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        raise RuntimeError("killed right after the server said 250")
        return sent  # pragma: no cover


def test_a_crash_after_acceptance_repeats_that_one_message_with_its_id(
    smtp, settings, alert_readers, day_of_news
):
    mailing = alert_mailing(day_of_news["world"])
    settings.MASTHEAD_MAIL_BACKEND = f"{__name__}.DieAfterAccepted"
    with pytest.raises(RuntimeError):
        MailingSend(mailing.pk).run()
    settings.MASTHEAD_MAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    Mailing.objects.filter(pk=mailing.pk).update(lease_until=None)
    assert MailingSend(mailing.pk).run() == "sent"
    messages = smtp.inbox.messages()
    assert len(messages) == 31
    ids = [m["Message-ID"] for m in messages]
    assert len(set(ids)) == 30
    assert ids[0] == ids[1], "the repeat carries the same Message-ID"


def test_smtp_down_means_later_not_lost(
    smtp, alert_readers, day_of_news, django_capture_on_commit_callbacks
):
    smtp.stop()
    with django_capture_on_commit_callbacks(execute=True):
        mailing = alert_mailing(day_of_news["world"])
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.SENDING
    assert mailing.retry_at > timezone.now()
    assert "connect" in mailing.last_error
    assert mailing.deliveries.filter(status="pending").count() == 30

    # Not due yet: the periodic job leaves it alone.
    assert jobs.resume_sending() == 0
    smtp.start()
    Mailing.objects.filter(pk=mailing.pk).update(retry_at=ago(seconds=1))
    from django.core.cache import cache

    cache.clear()  # the kick mark of the first attempt
    assert jobs.resume_sending() == 1
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.DONE and mailing.sent_count == 30
    assert len(smtp.inbox.received) == 30


def test_refused_addresses_fail_or_wait(smtp, subscriber, day_of_news):
    for name in ("ok", "full", "unknown"):
        subscriber(f"{name}@example.com", breaking_alerts=True)
    smtp.inbox.refuse = {
        "full@example.com": "452 4.2.2 Mailbox full",
        "unknown@example.com": "550 5.1.1 No such user",
    }
    mailing = alert_mailing(day_of_news["world"])
    assert MailingSend(mailing.pk).run() == "retry"
    status = dict(mailing.deliveries.values_list("subscriber__email", "status"))
    assert status == {
        "ok@example.com": "sent",
        "full@example.com": "pending",
        "unknown@example.com": "failed",
    }
    # The full mailbox is tried again later, then given up.
    for _ in range(4):
        Mailing.objects.filter(pk=mailing.pk).update(retry_at=None)
        MailingSend(mailing.pk).run()
    full = mailing.deliveries.get(subscriber__email="full@example.com")
    assert full.status == "failed" and full.attempts == 5
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.DONE
    assert len(smtp.inbox.received) == 1


def test_a_reader_who_leaves_during_the_send_is_skipped(
    smtp, alert_readers, day_of_news
):
    mailing = alert_mailing(day_of_news["world"])
    leaver = alert_readers[5]
    Subscriber.objects.filter(pk=leaver.pk).update(breaking_alerts=False)
    assert MailingSend(mailing.pk).run() == "sent"
    assert mailing.deliveries.get(subscriber=leaver).status == "skipped"
    assert len(smtp.inbox.received) == 29


def test_one_sender_at_a_time(smtp, alert_readers, day_of_news):
    mailing = alert_mailing(day_of_news["world"])
    Mailing.objects.filter(pk=mailing.pk).update(
        lease_until=timezone.now() + timedelta(minutes=5)
    )
    assert MailingSend(mailing.pk).run() == "busy"
    assert smtp.inbox.received == []


def test_a_long_send_hands_over_to_a_fresh_task(smtp, alert_readers, day_of_news):
    mailing = alert_mailing(day_of_news["world"])
    assert MailingSend(mailing.pk, seconds=0).run(chain=False) == "more"
    assert 0 < len(smtp.inbox.received) <= 500
    assert MailingSend(mailing.pk).run() == "sent"
    assert len(smtp.inbox.received) == 30


def test_an_alert_taken_down_while_sending_stops_going_out(
    smtp, alert_readers, day_of_news
):
    article = day_of_news["world"]
    mailing = alert_mailing(article)
    article.unpublish()
    assert MailingSend(mailing.pk).run() == "sent"
    assert smtp.inbox.received == []
    assert mailing.deliveries.filter(status="skipped").count() == 30


class HangsUp(EmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_server_trouble_in_the_middle_pauses_the_mailing(
    smtp, settings, alert_readers, day_of_news
):
    settings.MASTHEAD_MAIL_BACKEND = f"{__name__}.HangsUp"
    mailing = alert_mailing(day_of_news["world"])
    assert MailingSend(mailing.pk).run() == "retry"
    mailing.refresh_from_db()
    assert mailing.deliveries.filter(status="pending").count() == 30
    assert mailing.attempts == 1 and "closed" in mailing.last_error


def test_stamped_and_ordinary_messages_say_the_same(
    smtp, subscriber, day_of_news, client
):
    # A plain ASCII address gets the message stamped from the one built for
    # everyone; an international domain goes through Django's own building.
    plain = subscriber("leser@buecher.example", breaking_alerts=True)
    idn = subscriber("leser@bücher.example", breaking_alerts=True)
    mailing = alert_mailing(day_of_news["world"])
    assert MailingSend(mailing.pk).run() == "sent"
    by_address = {env.rcpt_tos[0]: env for env in smtp.inbox.received}
    assert set(by_address) == {"leser@buecher.example", "leser@xn--bcher-kva.example"}
    bodies = {}
    for reader, address in (
        (plain, "leser@buecher.example"),
        (idn, "leser@xn--bcher-kva.example"),
    ):
        message = parse(by_address[address].content)
        assert message["Message-ID"] == f"<m{mailing.pk}.s{reader.pk}@testserver>"
        text, html = parts(message)
        one_click = unsubscribe_header(message)
        assert one_click in text and one_click in html
        assert "stand-in" not in text + html + str(message)
        assert client.get(path_of(one_click)).status_code == 200
        bodies[reader.pk] = text.replace(one_click, "").split("Change what")[0]
    assert bodies[plain.pk] == bodies[idn.pk]


def test_a_headline_cannot_inject_mail_headers(smtp, subscriber, section):
    subscriber("alerts@example.com", breaking_alerts=True)
    article = ArticleFactory(
        parent=section("world"), title="Quake\r\nBcc: everyone@example.com\nX-Evil: 1"
    )
    mailing = alert_mailing(article)
    assert MailingSend(mailing.pk).run() == "sent"
    [envelope] = smtp.inbox.received
    assert envelope.rcpt_tos == ["alerts@example.com"]
    message = parse(envelope.content)
    assert message["Subject"] == "Breaking: Quake Bcc: everyone@example.com X-Evil: 1"
    assert message["Bcc"] is None and message["X-Evil"] is None
