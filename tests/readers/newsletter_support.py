"""Fixtures and helpers shared by the newsletter tests: a real SMTP server
(aiosmtpd) on a free loopback port, and readers of what it received."""

from __future__ import annotations

import email
import email.policy
import re
import socket
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller

from masthead.readers.newsletter.models import Subscriber

SITE = "http://testserver"
ORIGIN = {"HTTP_ORIGIN": SITE}
LINK = re.compile(r"https?://[^\s\"'<>]+")


class Inbox:
    """Keeps every message; answers chosen recipients with a refusal."""

    def __init__(self):
        self.received = []
        self.refuse: dict[str, str] = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 OK"

    def messages(self) -> list[EmailMessage]:
        return [parse(envelope.content) for envelope in self.received]

    def to(self, address: str) -> list[EmailMessage]:
        return [
            parse(envelope.content)
            for envelope in self.received
            if address in envelope.rcpt_tos
        ]


class Smtp:
    """A real SMTP server that can be stopped and started on its port."""

    def __init__(self, handler=None):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.inbox = handler or Inbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def parse(data: bytes | str) -> EmailMessage:
    if isinstance(data, str):
        data = data.encode()
    return email.message_from_bytes(data, policy=email.policy.default)


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None, "a text and an HTML part"
    return text.get_content(), html.get_content()


def links(body: str) -> list[str]:
    return [link.rstrip(".,)") for link in LINK.findall(body)]


def path_of(url: str) -> str:
    parts_ = urlsplit(url)
    assert parts_.scheme == "http" and parts_.netloc == "testserver", url
    return parts_.path


def unsubscribe_header(message: EmailMessage) -> str:
    value = str(message["List-Unsubscribe"]).strip()
    assert value.startswith("<") and value.endswith(">"), value
    return value[1:-1]


@pytest.fixture(name="smtp")
def smtp_fixture(settings):
    """Every mail through Django's SMTP backend to a real server here."""
    server = Smtp()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.MASTHEAD_MAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    server.start()
    yield server
    server.stop()


@pytest.fixture(name="subscriber")
def subscriber_fixture(db):
    def make(address="reader@example.com", **fields):
        fields.setdefault("status", Subscriber.Status.ACTIVE)
        sections = fields.pop("sections", [])
        subscriber = Subscriber.objects.create(
            email=address, email_key=address.lower(), **fields
        )
        subscriber.sections.set(sections)
        return subscriber

    return make
