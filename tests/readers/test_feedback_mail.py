"""A reader's message reaches the desk's mailbox through a real SMTP server
(aiosmtpd), and a mail server that is down loses nothing: the message is in
the inbox at once and the worker mails it once the server is back, once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.core.scheduler import JOBS
from masthead.readers.feedback.mail import mail_waiting
from masthead.readers.feedback.models import ReaderMessage
from tests.readers.feedback_support import (
    desk_people_fixture,  # noqa: F401
    send_fixture,  # noqa: F401
)
from tests.readers.newsletter_support import smtp_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_desk_gets_the_message_by_smtp(send, desk_people, smtp):
    response = send(
        path="/feedback/contact/",
        subject="Photos of the flood",
        message="I have photos of the flood in Minhang.\nMay I send them?",
    )
    assert response.status_code == 303
    [envelope] = smtp.inbox.received
    # A general topic: the chief editors' desk.
    assert envelope.rcpt_tos == ["chief@masthead.example"]
    [message] = smtp.inbox.messages()
    assert message["Reply-To"] == "li.wei@example.com"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Subject"] == ("[Contact] The paper in general: Photos of the flood")
    body = message.get_body(preferencelist=("plain",)).get_content()
    body = body.replace("\r\n", "\n")
    assert "I have photos of the flood in Minhang.\nMay I send them?" in body
    assert "From:     Li Wei <li.wei@example.com>" in body
    stored = ReaderMessage.objects.get()
    assert f"http://testserver/admin/reader-messages/{stored.pk}/" in body
    assert stored.mailed_at is not None


def test_smtp_down_keeps_the_message_and_the_worker_mails_it_later(
    send, desk_people, smtp, settings
):
    smtp.stop()
    assert send().status_code == 303
    stored = ReaderMessage.objects.get()
    assert stored.mailed_at is None
    assert stored.mail_tried_at is not None

    smtp.start()
    # Not yet due: the worker leaves it alone for a while after a failed try.
    assert mail_waiting() == 0
    assert smtp.inbox.received == []

    long_ago = timezone.now() - timedelta(minutes=10)
    ReaderMessage.objects.update(created_at=long_ago, mail_tried_at=long_ago)
    assert "feedback-mail" in JOBS
    assert mail_waiting() == 1
    assert len(smtp.inbox.received) == 1
    assert sorted(smtp.inbox.received[0].rcpt_tos) == [
        "world_editor2@masthead.example",
        "world_editor@masthead.example",
    ]
    assert "left out the second meeting" in smtp.inbox.received[0].content.decode()
    # Sent once: later ticks find nothing to send.
    ReaderMessage.objects.update(created_at=long_ago)
    assert mail_waiting() == 0
    assert len(smtp.inbox.received) == 1


def test_spam_is_never_mailed(desk_people, smtp):
    long_ago = timezone.now() - timedelta(minutes=10)
    ReaderMessage.objects.create(
        kind="feedback",
        topic="general",
        topic_label="The paper in general",
        message="Buy now",
        status="spam",
        created_at=long_ago,
    )
    assert mail_waiting() == 0
    assert smtp.inbox.received == []


def test_a_desk_mailbox_is_used_when_configured(send, desk_people, smtp, settings):
    settings.MASTHEAD_FEEDBACK = {
        "DESK_ADDRESSES": {"world": "world-desk@masthead.example"}
    }
    assert send().status_code == 303
    assert smtp.inbox.received[0].rcpt_tos == ["world-desk@masthead.example"]
